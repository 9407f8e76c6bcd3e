//! The tree the extractors walk, and a lenient tokenizer that builds it from XML feeds.
//!
//! HTML pages are parsed by html5ever into the same [`Tree`] (see the `dom` module). The XML
//! tokenizer never fails: unclosed tags, stray `<`, unquoted or valueless attributes, comments,
//! `<!DOCTYPE>`, processing instructions and `<![CDATA[...]]>` are all accepted. Text and
//! attribute values are decoded while parsing (every HTML named character reference, numeric
//! references; feeds use HTML entities freely), borrowing the input when there is nothing to
//! decode. Nesting deeper than [`MAX_DEPTH`] is flattened so that walks stay shallow.

use memchr::memchr;
use std::borrow::Cow;

/// Elements nested deeper than this are attached to the element at this depth.
pub(crate) const MAX_DEPTH: usize = 200;

pub(crate) struct Attr<'a> {
    pub name: Cow<'a, str>,
    /// Value, character references decoded.
    pub value: Cow<'a, str>,
}

pub(crate) enum Node<'a> {
    Root,
    Element { name: Cow<'a, str>, attrs: Vec<Attr<'a>> },
    /// Character data, character references decoded.
    Text(Cow<'a, str>),
    /// Literal text: CDATA sections of feeds, and the contents of script and style elements
    /// of pages.
    Raw(Cow<'a, str>),
}

pub(crate) struct NodeData<'a> {
    pub node: Node<'a>,
    pub parent: usize,
    pub children: Vec<usize>,
}

/// Nodes in document order; node 0 is the root; a parent always precedes its children.
pub(crate) struct Tree<'a> {
    pub nodes: Vec<NodeData<'a>>,
}

impl<'a> Tree<'a> {
    pub fn name(&self, i: usize) -> Option<&str> {
        match &self.nodes[i].node {
            Node::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn attr(&self, i: usize, key: &str) -> Option<&str> {
        match &self.nodes[i].node {
            Node::Element { attrs, .. } => attrs.iter().find(|a| a.name.eq_ignore_ascii_case(key)).map(|a| &*a.value),
            _ => None,
        }
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.nodes[i].children
    }

    pub fn parent(&self, i: usize) -> usize {
        self.nodes[i].parent
    }

    /// Decoded text of every descendant (raw text of script/style included), concatenated.
    pub fn text_content(&self, i: usize) -> String {
        let mut out = String::new();
        self.push_text(i, &mut out, 0);
        out
    }

    fn push_text(&self, i: usize, out: &mut String, depth: usize) {
        match &self.nodes[i].node {
            Node::Text(t) | Node::Raw(t) => out.push_str(t),
            _ if depth <= MAX_DEPTH + 1 => {
                for &c in &self.nodes[i].children {
                    self.push_text(c, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

struct Builder<'a> {
    nodes: Vec<NodeData<'a>>,
    stack: Vec<usize>,
}

impl<'a> Builder<'a> {
    fn top(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn add(&mut self, node: Node<'a>) -> usize {
        let parent = self.top();
        let id = self.nodes.len();
        self.nodes.push(NodeData { node, parent, children: Vec::new() });
        self.nodes[parent].children.push(id);
        id
    }

    fn stack_name(&self, pos: usize) -> &str {
        match &self.nodes[self.stack[pos]].node {
            Node::Element { name, .. } => name,
            _ => "",
        }
    }

    fn start(&mut self, raw_name: &'a str, attrs: Vec<Attr<'a>>, self_closing: bool) {
        let name: Cow<'a, str> = if raw_name.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Owned(raw_name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw_name)
        };
        let id = self.add(Node::Element { name, attrs });
        if !self_closing && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    fn end(&mut self, raw_name: &str) {
        for pos in (0..self.stack.len()).rev() {
            if self.stack_name(pos).eq_ignore_ascii_case(raw_name) {
                self.stack.truncate(pos);
                return;
            }
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|k| from + k)
}

fn is_name_end(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'>' || c == b'/'
}

/// Parse XML markup into a tree. Never fails and never panics.
pub(crate) fn parse(src: &str) -> Tree<'_> {
    let b = src.as_bytes();
    let n = b.len();
    let mut t = Builder {
        nodes: vec![NodeData { node: Node::Root, parent: 0, children: Vec::new() }],
        stack: Vec::with_capacity(64),
    };
    let mut i = 0;
    while i < n {
        let lt = memchr(b'<', &b[i..]).map_or(n, |k| i + k);
        if lt > i {
            t.add(Node::Text(decode_entities(&src[i..lt])));
        }
        if lt >= n {
            break;
        }
        i = lt;
        let rest = &b[i..];
        let next = rest.get(1).copied().unwrap_or(0);
        if rest.starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").map_or(n, |e| e + 3);
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<![CDATA[") {
            let start = i + 9;
            let (body_end, after) = find(b, start, b"]]>").map_or((n, n), |e| (e, e + 3));
            t.add(Node::Raw(Cow::Borrowed(&src[start..body_end])));
            i = after;
        } else if next == b'!' || next == b'?' {
            i = memchr(b'>', &b[i..]).map_or(n, |k| i + k + 1);
        } else if next == b'/' && rest.get(2).is_some_and(|c| c.is_ascii_alphabetic()) {
            let name_start = i + 2;
            let mut j = name_start;
            while j < n && !is_name_end(b[j]) {
                j += 1;
            }
            t.end(&src[name_start..j]);
            i = memchr(b'>', &b[j..]).map_or(n, |k| j + k + 1);
        } else if next.is_ascii_alphabetic() {
            let name_start = i + 1;
            let mut j = name_start;
            while j < n && !is_name_end(b[j]) {
                j += 1;
            }
            let (attrs, self_closing, after) = parse_attrs(src, j);
            t.start(&src[name_start..j], attrs, self_closing);
            i = after;
        } else {
            // A lone '<' is text.
            t.add(Node::Text(Cow::Borrowed(&src[i..i + 1])));
            i += 1;
        }
    }
    Tree { nodes: t.nodes }
}

/// Attributes from `at` (just after the tag name) to the closing `>`.
fn parse_attrs(src: &str, mut j: usize) -> (Vec<Attr<'_>>, bool, usize) {
    let b = src.as_bytes();
    let n = b.len();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while j < n && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= n {
            break;
        }
        match b[j] {
            b'>' => {
                j += 1;
                break;
            }
            b'/' => {
                if b.get(j + 1) == Some(&b'>') {
                    self_closing = true;
                    j += 2;
                    break;
                }
                j += 1;
                continue;
            }
            _ => {}
        }
        let name_start = j;
        while j < n && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == name_start {
            // A stray '=': skip it.
            j += 1;
            continue;
        }
        let name = &src[name_start..j];
        let mut k = j;
        while k < n && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let mut value = Cow::Borrowed("");
        if k < n && b[k] == b'=' {
            k += 1;
            while k < n && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < n && (b[k] == b'"' || b[k] == b'\'') {
                let q = b[k];
                let vs = k + 1;
                let ve = memchr(q, &b[vs..]).map_or(n, |e| vs + e);
                value = decode_entities(&src[vs..ve]);
                k = (ve + 1).min(n);
            } else {
                let vs = k;
                while k < n && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                    k += 1;
                }
                value = decode_entities(&src[vs..k]);
            }
            j = k;
        }
        if attrs.len() < 64 {
            attrs.push(Attr { name: Cow::Borrowed(name), value });
        }
    }
    (attrs, self_closing, j)
}

/// Decode character references: every HTML named one (the table html5ever uses) and numeric ones (`&#8217;`,
/// `&#x2019;`; the Windows-1252 range 128–159 is mapped as browsers do; invalid code points
/// become U+FFFD). Unknown references are kept as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr(b'&', s.as_bytes()) else { return Cow::Borrowed(s) };
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < b.len() {
        let amp = match memchr(b'&', &b[i..]) {
            Some(k) => i + k,
            None => {
                out.push_str(&s[i..]);
                break;
            }
        };
        out.push_str(&s[i..amp]);
        match decode_one(b, amp + 1) {
            Some((ch, len)) => {
                out.push(ch.0);
                if let Some(c) = ch.1 {
                    out.push(c);
                }
                i = amp + 1 + len;
            }
            None => {
                out.push('&');
                i = amp + 1;
            }
        }
    }
    Cow::Owned(out)
}

/// One or two characters.
type Decoded = (char, Option<char>);

/// One reference after the `&` at `at`: its decoded value and how many bytes it used.
fn decode_one(b: &[u8], at: usize) -> Option<(Decoded, usize)> {
    let rest = b.get(at..)?;
    if rest.first() == Some(&b'#') {
        let (hex, start) = match rest.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut v: u32 = 0;
        let mut k = start;
        while let Some(&c) = rest.get(k) {
            let d = if hex { (c as char).to_digit(16) } else { (c as char).to_digit(10) };
            match d {
                Some(d) => v = v.saturating_mul(if hex { 16 } else { 10 }).saturating_add(d),
                None => break,
            }
            k += 1;
        }
        if k == start {
            return None;
        }
        if rest.get(k) == Some(&b';') {
            k += 1;
        }
        return Some(((code_point(v), None), k));
    }
    let mut k = 0;
    while k < rest.len() && k < 32 && rest[k].is_ascii_alphanumeric() {
        k += 1;
    }
    if k == 0 {
        return None;
    }
    if rest.get(k) == Some(&b';') {
        if let Some(d) = named_entity(&rest[..=k]) {
            return Some((d, k + 1));
        }
    }
    // Legacy references without ';' (`&amp`, `&eacute`...): the longest that is one.
    (2..=k.min(6)).rev().find_map(|n| named_entity(&rest[..n]).map(|d| (d, n)))
}

fn code_point(v: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    let v = if (0x80..0xA0).contains(&v) { CP1252[(v - 0x80) as usize] } else { v };
    match v {
        0 => '\u{FFFD}',
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// A named reference (`name;`, or a legacy one without `;`) by the WHATWG table.
fn named_entity(name: &[u8]) -> Option<Decoded> {
    let name = std::str::from_utf8(name).ok()?;
    let &(a, b) = html5ever::data::NAMED_ENTITIES.get(name)?;
    let first = char::from_u32(a).filter(|_| a != 0)?;
    Some((first, char::from_u32(b).filter(|_| b != 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(src: &str) -> String {
        let tree = parse(src);
        let mut out = String::new();
        fn walk(t: &Tree, i: usize, out: &mut String) {
            match &t.nodes[i].node {
                Node::Root => {}
                Node::Element { name, .. } => out.push_str(&format!("<{name}>")),
                Node::Text(s) => out.push_str(s),
                Node::Raw(s) => out.push_str(&format!("[{s}]")),
            }
            for &c in &t.nodes[i].children {
                walk(t, c, out);
            }
            if let Node::Element { name, .. } = &t.nodes[i].node {
                out.push_str(&format!("</{name}>"));
            }
        }
        walk(&tree, 0, &mut out);
        out
    }

    fn check(src: &str, expected: &str) {
        assert_eq!(outline(src), expected, "input {src:?}");
    }

    #[test]
    fn comments_cdata_and_text() {
        check("a<!-- x <p> -->b", "ab");
        check("x<![CDATA[<p>]]>y", "x[<p>]y");
        check("<title>A &amp; B &Zcaron;</title>", "<title>A & B Ž</title>");
        check("<Item><pubDate>x</pubDate></Item>", "<item><pubdate>x</pubdate></item>");
    }

    #[test]
    fn broken_markup() {
        check("a < b and c<d", "a < b and c<d></d>");
        check("<br/><img src=x.png>t", "<br></br><img>t</img>");
        check("<!-- never closed", "");
        check("<a href=\"x", "<a></a>");
        check("</b>x", "x");
    }

    #[test]
    fn attributes() {
        let t = parse("<meta PROPERTY=og:title content='A \"B\" &amp; C' data-x = 1 flag>");
        assert_eq!(t.attr(1, "property"), Some("og:title"));
        assert_eq!(t.attr(1, "content"), Some("A \"B\" & C"));
        assert_eq!(t.attr(1, "data-x"), Some("1"));
        assert_eq!(t.attr(1, "flag"), Some(""));
    }

    #[test]
    fn names_are_kept_with_their_prefix() {
        assert_eq!(
            outline("<item><title>T</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded></item>"),
            "<item><title>T</title><content:encoded>[<p>x</p>]</content:encoded></item>"
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let src = "<div>".repeat(10_000) + "x";
        let t = parse(&src);
        assert!(t.nodes.len() > 10_000);
        assert!(t.text_content(0).contains('x'));
    }

    #[test]
    fn entities() {
        let d = |s: &str| decode_entities(s).into_owned();
        assert_eq!(d("a &amp; b &lt;c&gt; &quot;"), "a & b <c> \"");
        assert_eq!(d("&#8217;&#x2019;&#146;&#0;&#x110000;"), "’’’\u{FFFD}\u{FFFD}");
        assert_eq!(d("&eacute;t&eacute; &nbsp;"), "été \u{A0}");
        assert_eq!(d("AT&T &unknown; & &#; &amp"), "AT&T &unknown; & &#; &");
        assert_eq!(d("&ampx"), "&x");
        // The whole WHATWG table, two-character references included.
        assert_eq!(d("&Zcaron;&scaron;&NotEqualTilde;&fjlig;&eacutex"), "Žš≂\u{338}fjéx");
    }
}
