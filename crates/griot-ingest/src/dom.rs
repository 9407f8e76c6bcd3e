//! HTML pages parsed by html5ever (the WHATWG parsing algorithm: implied end tags, misnested
//! formatting, every named character reference) into the [`Tree`] the extractor walks.
//!
//! Work stays bounded on hostile pages: a tag with more than [`MAX_ATTRIBUTES`] attributes
//! loses the rest of them before parsing (html5ever checks each new attribute against the
//! previous ones, which would be quadratic), the input is fed in chunks and parsing stops at
//! the chunk where elements nest deeper than [`MAX_DEPTH`] (the parser's scope checks walk the
//! stack of open elements) or the page passes [`MAX_NODES`] nodes (memory), and the tree is
//! flattened at that depth.

use crate::markup::{Attr, Node, NodeData, Tree, MAX_DEPTH};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, Attribute, ExpandedName, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Attributes kept per tag; the rest of a longer tag is removed before parsing.
pub(crate) const MAX_ATTRIBUTES: usize = 256;
const _: () = assert!(MAX_NODES == 400_000 && MAX_DEPTH == 200, "update the messages");
/// Nodes (elements and texts) a page may have; parsing stops at the chunk that passes it.
/// Real pages have a few thousand; a 50,000-word live blog about 100,000.
pub(crate) const MAX_NODES: usize = 400_000;
/// Bytes fed to the parser between two checks of the limits.
const CHUNK: usize = 16 * 1024;

/// What parsing a page gave besides the tree.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ParseNotes {
    /// Byte offset in the page where parsing stopped, and why (elements nested deeper than
    /// [`MAX_DEPTH`], more than [`MAX_NODES`] nodes).
    pub stopped_at: Option<(usize, &'static str)>,
    /// Tags that lost attributes beyond [`MAX_ATTRIBUTES`].
    pub cut_tags: usize,
}

const NONE: usize = usize::MAX;

enum Kind {
    Document,
    Element(QualName, Vec<Attribute>),
    Text(StrTendril),
    /// Comments, processing instructions, template contents: kept for the parser, not output.
    Other,
}

struct SinkNode {
    kind: Kind,
    parent: usize,
    first: usize,
    last: usize,
    prev: usize,
    next: usize,
    depth: usize,
}

/// A node as html5ever holds it: its index in the arena, and its name (read by the parser
/// without touching the arena).
struct Item {
    id: usize,
    name: QualName,
}

type Handle = Rc<Item>;

fn no_name() -> QualName {
    QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))
}

/// The tree html5ever builds: nodes in an arena, children as doubly linked lists so that
/// every tree operation but moving all children is constant time.
struct Sink {
    nodes: RefCell<Vec<SinkNode>>,
    /// Why parsing must stop, once a limit is passed.
    stop: Cell<Option<&'static str>>,
}

impl Sink {
    fn new() -> Self {
        let doc =
            SinkNode { kind: Kind::Document, parent: NONE, first: NONE, last: NONE, prev: NONE, next: NONE, depth: 0 };
        Sink { nodes: RefCell::new(vec![doc]), stop: Cell::new(None) }
    }

    fn add(&self, name: QualName, kind: Kind) -> Handle {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(SinkNode { kind, parent: NONE, first: NONE, last: NONE, prev: NONE, next: NONE, depth: 0 });
        if nodes.len() > MAX_NODES {
            self.stop.set(Some("more than 400000 elements and texts"));
        }
        Rc::new(Item { id: nodes.len() - 1, name })
    }

    fn detach(nodes: &mut [SinkNode], node: usize) {
        let (parent, prev, next) = (nodes[node].parent, nodes[node].prev, nodes[node].next);
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last = prev;
        }
        nodes[node].parent = NONE;
        nodes[node].prev = NONE;
        nodes[node].next = NONE;
    }

    /// Insert `node` under `parent`, before `before` (or last when `before` is NONE).
    fn insert(&self, parent: usize, node: usize, before: usize) {
        let mut nodes = self.nodes.borrow_mut();
        Self::detach(&mut nodes, node);
        let prev = if before == NONE { nodes[parent].last } else { nodes[before].prev };
        nodes[node].parent = parent;
        nodes[node].prev = prev;
        nodes[node].next = before;
        if prev != NONE {
            nodes[prev].next = node;
        } else {
            nodes[parent].first = node;
        }
        if before != NONE {
            nodes[before].prev = node;
        } else {
            nodes[parent].last = node;
        }
        let depth = nodes[parent].depth + 1;
        nodes[node].depth = depth;
        if depth > MAX_DEPTH {
            self.stop.set(Some("elements nested more than 200 deep"));
        }
    }

    /// Add text under `parent` before `before`, merged into the text node there if any.
    fn put_text(&self, parent: usize, before: usize, text: StrTendril) {
        let mut nodes = self.nodes.borrow_mut();
        let neighbour = if before == NONE { nodes[parent].last } else { nodes[before].prev };
        if neighbour != NONE {
            if let Kind::Text(t) = &mut nodes[neighbour].kind {
                t.push_tendril(&text);
                return;
            }
        }
        nodes.push(SinkNode {
            kind: Kind::Text(text),
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
        });
        let node = nodes.len() - 1;
        if nodes.len() > MAX_NODES {
            self.stop.set(Some("more than 400000 elements and texts"));
        }
        drop(nodes);
        self.insert(parent, node, before);
    }

    fn put(&self, parent: usize, before: usize, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendNode(node) => self.insert(parent, node.id, before),
            NodeOrText::AppendText(text) => self.put_text(parent, before, text),
        }
    }

    /// The tree in document order, nodes deeper than [`MAX_DEPTH`] attached at that depth.
    fn into_tree(self) -> Tree<'static> {
        let nodes = self.nodes.into_inner();
        let mut out = vec![NodeData { node: Node::Root, parent: 0, children: Vec::new() }];
        // (sink node, parent in `out`, depth of the parent)
        let mut stack: Vec<(usize, usize, usize)> = Vec::new();
        let push_children = |stack: &mut Vec<(usize, usize, usize)>, of: usize, parent: usize, depth: usize| {
            let start = stack.len();
            let mut c = nodes[of].first;
            while c != NONE {
                stack.push((c, parent, depth));
                c = nodes[c].next;
            }
            stack[start..].reverse();
        };
        push_children(&mut stack, 0, 0, 0);
        while let Some((i, parent, depth)) = stack.pop() {
            let node = match &nodes[i].kind {
                Kind::Text(t) => Node::Text(Cow::Owned(t.to_string())),
                Kind::Element(name, attrs) => {
                    let attrs = attrs
                        .iter()
                        .map(|a| {
                            let n = match &a.name.prefix {
                                Some(p) => format!("{}:{}", p, a.name.local),
                                None => a.name.local.to_string(),
                            };
                            Attr { name: Cow::Owned(n), value: Cow::Owned(a.value.to_string()) }
                        })
                        .collect();
                    Node::Element { name: Cow::Owned(name.local.to_string()), attrs }
                }
                Kind::Document | Kind::Other => continue,
            };
            let id = out.len();
            out.push(NodeData { node, parent, children: Vec::new() });
            out[parent].children.push(id);
            // Below MAX_DEPTH the children hang under this node; deeper, under its parent.
            let (child_parent, child_depth) = if depth + 1 < MAX_DEPTH { (id, depth + 1) } else { (parent, depth) };
            push_children(&mut stack, i, child_parent, child_depth);
        }
        Tree { nodes: out }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Rc::new(Item { id: 0, name: no_name() })
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.expanded()
    }

    fn create_element(&self, name: QualName, mut attrs: Vec<Attribute>, _flags: ElementFlags) -> Handle {
        attrs.truncate(MAX_ATTRIBUTES);
        self.add(name.clone(), Kind::Element(name, attrs))
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.add(no_name(), Kind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.add(no_name(), Kind::Other)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.put(parent.id, NONE, child);
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        let has_parent = self.nodes.borrow()[element.id].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, _target: &Handle) -> Handle {
        // Template contents are a fragment of their own, never part of the page's text.
        self.add(no_name(), Kind::Other)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let parent = self.nodes.borrow()[sibling.id].parent;
        if parent != NONE {
            self.put(parent, sibling.id, new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if let Kind::Element(_, existing) = &mut self.nodes.borrow_mut()[target.id].kind {
            for a in attrs {
                if existing.len() < MAX_ATTRIBUTES && !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        Self::detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        loop {
            let first = self.nodes.borrow()[node.id].first;
            if first == NONE {
                break;
            }
            self.insert(new_parent.id, first, NONE);
        }
    }
}

/// Parse an HTML page (or a fragment: it lands in `<body>`) into a tree whose text and
/// attribute values are already decoded.
pub(crate) fn parse_html(html: &str) -> (Tree<'static>, ParseNotes) {
    let mut notes = ParseNotes::default();
    let cut = limit_attributes(html, &mut notes.cut_tags);
    let src: &str = cut.as_deref().unwrap_or(html);
    let mut parser = parse_document(Sink::new(), ParseOpts::default());
    let mut at = 0;
    while at < src.len() {
        let mut end = (at + CHUNK).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&src[at..end]));
        at = end;
        if let Some(why) = parser.tokenizer.sink.sink.stop.get().filter(|_| at < src.len()) {
            notes.stopped_at = Some((at, why));
            break;
        }
    }
    (parser.finish().into_tree(), notes)
}

/// States of the attribute counter (the tag states of the HTML tokenizer).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    Data,
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    Comment,
    /// Inside `script`, `style` and the like: up to the closing tag.
    RawText(&'static [u8]),
}

/// Elements whose content is not markup, with the closing tag that ends it.
const RAW_TEXT: [(&[u8], &[u8]); 9] = [
    (b"script", b"</script"),
    (b"style", b"</style"),
    (b"xmp", b"</xmp"),
    (b"iframe", b"</iframe"),
    (b"noembed", b"</noembed"),
    (b"noframes", b"</noframes"),
    (b"noscript", b"</noscript"),
    (b"textarea", b"</textarea"),
    (b"title", b"</title"),
];

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Copy of `html` where every tag keeps at most [`MAX_ATTRIBUTES`] attributes (the rest of
/// the tag's attributes are removed, up to its `>`); `None` when no tag has more. Follows the
/// tokenizer's tag, attribute, comment and raw-text states; linear in the input.
fn limit_attributes(html: &str, cut_tags: &mut usize) -> Option<String> {
    let b = html.as_bytes();
    let mut state = Scan::Data;
    let mut count = 0usize;
    let mut tag_start = 0usize;
    // Byte ranges to remove.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut cutting_from: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match state {
            Scan::Data => {
                if c == b'<' {
                    if b[i..].starts_with(b"<!--") {
                        state = Scan::Comment;
                        i += 4;
                        continue;
                    }
                    let name_at = if b.get(i + 1) == Some(&b'/') { i + 2 } else { i + 1 };
                    if b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                        state = Scan::TagName;
                        tag_start = name_at;
                        count = 0;
                        i = name_at;
                        continue;
                    }
                }
            }
            Scan::Comment => {
                if b[i..].starts_with(b"-->") {
                    state = Scan::Data;
                    i += 3;
                    continue;
                }
            }
            Scan::RawText(end) => {
                if c == b'<' && b.len() - i >= end.len() && b[i..i + end.len()].eq_ignore_ascii_case(end) {
                    state = Scan::Data;
                    continue;
                }
            }
            _ if c == b'>' && !matches!(state, Scan::Quoted(_)) => {
                if let Some(from) = cutting_from.take() {
                    cuts.push((from, i));
                }
                let name_end =
                    b[tag_start..i].iter().position(|&x| is_space(x) || x == b'/').map_or(i, |k| tag_start + k);
                let name = &b[tag_start..name_end];
                let closing = b[tag_start - 1] == b'/';
                state = Scan::Data;
                if !closing {
                    if let Some((_, end)) = RAW_TEXT.iter().find(|(n, _)| name.eq_ignore_ascii_case(n)) {
                        state = Scan::RawText(end);
                    }
                }
            }
            _ => {
                let ws = is_space(c);
                let mut starts_name = false;
                state = match state {
                    Scan::TagName if ws || c == b'/' => Scan::BeforeName,
                    Scan::BeforeName | Scan::AfterQuoted | Scan::AfterName if ws || c == b'/' => Scan::BeforeName,
                    Scan::AfterName if c == b'=' => Scan::BeforeValue,
                    Scan::BeforeName | Scan::AfterQuoted | Scan::AfterName => {
                        starts_name = true;
                        Scan::Name
                    }
                    Scan::Name if ws || c == b'/' => Scan::AfterName,
                    Scan::Name if c == b'=' => Scan::BeforeValue,
                    Scan::BeforeValue if c == b'"' || c == b'\'' => Scan::Quoted(c),
                    Scan::BeforeValue if !ws => Scan::Unquoted,
                    Scan::Quoted(q) if c == q => Scan::AfterQuoted,
                    Scan::Unquoted if ws => Scan::BeforeName,
                    s => s,
                };
                if starts_name {
                    count += 1;
                    if count == MAX_ATTRIBUTES + 1 {
                        cutting_from = Some(i);
                        *cut_tags += 1;
                    }
                }
            }
        }
        i += 1;
    }
    if let Some(from) = cutting_from {
        cuts.push((from, b.len()));
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (from, to) in cuts {
        // A cut starts at an attribute name's first byte, which follows ASCII (a space, '/'
        // or a quote), and ends at '>' or the end: both are char boundaries.
        out.push_str(&html[last..from]);
        last = to;
    }
    out.push_str(&html[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(html: &str) -> String {
        let (t, _) = parse_html(html);
        let mut out = String::new();
        fn walk(t: &Tree, i: usize, out: &mut String) {
            match &t.nodes[i].node {
                Node::Text(s) => out.push_str(s),
                Node::Element { name, .. } => {
                    out.push_str(&format!("<{name}>"));
                    for &c in t.children(i) {
                        walk(t, c, out);
                    }
                    out.push_str(&format!("</{name}>"));
                }
                _ => {
                    for &c in t.children(i) {
                        walk(t, c, out);
                    }
                }
            }
        }
        walk(&t, 0, &mut out);
        out
    }

    #[test]
    fn html5_tree_construction() {
        assert_eq!(outline("<p>one<p>two"), "<html><head></head><body><p>one</p><p>two</p></body></html>");
        // Misnested formatting: the adoption agency algorithm.
        assert_eq!(outline("<b>1<p>2</b>3</p>"), "<html><head></head><body><b>1</b><p><b>2</b>3</p></body></html>");
        assert_eq!(
            outline("<table><tr><td>x</table>after"),
            "<html><head></head><body><table><tbody><tr><td>x</td></tr></tbody></table>after</body></html>"
        );
        assert_eq!(
            outline("<script>a<b>c</script><!-- c --><p>&Zcaron;&amp;&notin;&frac34"),
            "<html><head><script>a<b>c</script></head><body><p>Ž&∉¾</p></body></html>"
        );
    }

    #[test]
    fn tags_keep_at_most_the_attribute_limit() {
        let many: String = (0..1000).map(|k| format!(" a{k}=\">\"")).collect();
        let html = format!("<div id=x{many} class=late>kept text</div><p b=1>more</p>");
        let mut cut = 0;
        let out = limit_attributes(&html, &mut cut).expect("cut");
        assert_eq!(cut, 1);
        assert!(out.ends_with(">kept text</div><p b=1>more</p>"), "{out}");
        let (t, notes) = parse_html(&html);
        assert_eq!(notes.cut_tags, 1);
        let div = (0..t.nodes.len()).find(|&i| t.name(i) == Some("div")).unwrap();
        assert_eq!(t.attr(div, "id"), Some("x"));
        assert_eq!(t.attr(div, "class"), None);
        // Attributes in comments and scripts are not counted as a tag's.
        let quiet = format!("<!-- <a{many}> --><script>if (a<b{many}) x()</script><p>x</p>");
        assert_eq!(limit_attributes(&quiet, &mut cut), None);
    }

    #[test]
    fn deep_nesting_stops_parsing_and_flattens() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let (t, notes) = parse_html(&html);
        assert_eq!(notes.stopped_at.map(|s| s.1), Some("elements nested more than 200 deep"));
        // No node lies deeper than MAX_DEPTH.
        let mut depth = vec![0usize; t.nodes.len()];
        for i in 1..t.nodes.len() {
            depth[i] = depth[t.parent(i)] + 1;
            assert!(depth[i] <= MAX_DEPTH + 1, "node {i} at depth {}", depth[i]);
        }
        let shallow = format!("{}deep text{}", "<div>".repeat(100), "</div>".repeat(100));
        let (t, notes) = parse_html(&shallow);
        assert_eq!(notes.stopped_at, None);
        assert!(t.nodes.iter().any(|n| matches!(&n.node, Node::Text(s) if s == "deep text")));
    }
}
