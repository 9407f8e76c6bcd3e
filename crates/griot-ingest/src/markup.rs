//! A lenient tag-soup tokenizer and tree for HTML pages and XML feeds.
//!
//! It never fails: unclosed tags, stray `<`, unquoted or valueless attributes, uppercase names,
//! comments, `<!DOCTYPE>`, processing instructions and `<![CDATA[...]]>` are all accepted. In
//! HTML mode the contents of `script`, `style` and similar elements are raw text, void elements
//! (`br`, `img`, `meta`...) never take children and the common implied end tags (`p`, `li`,
//! `td`...) are applied. The tree keeps slices of the input; entities are decoded on demand with
//! [`decode_entities`]. Nesting deeper than [`MAX_DEPTH`] is flattened so that walks stay shallow.

use memchr::memchr;
use std::borrow::Cow;

/// Elements nested deeper than this are attached to the element at this depth.
pub(crate) const MAX_DEPTH: usize = 200;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Html,
    Xml,
}

pub(crate) struct Attr<'a> {
    pub name: &'a str,
    /// Raw value, entities not decoded.
    pub value: &'a str,
}

pub(crate) enum Node<'a> {
    Root,
    Element { name: Cow<'a, str>, attrs: Vec<Attr<'a>> },
    /// Character data with entities not yet decoded.
    Text(&'a str),
    /// Literal text: CDATA sections and the contents of raw-text elements (script, style).
    Raw(&'a str),
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

    pub fn attr(&self, i: usize, key: &str) -> Option<&'a str> {
        match &self.nodes[i].node {
            Node::Element { attrs, .. } => attrs.iter().find(|a| a.name.eq_ignore_ascii_case(key)).map(|a| a.value),
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
            Node::Text(t) => out.push_str(&decode_entities(t)),
            Node::Raw(t) => out.push_str(t),
            _ if depth <= MAX_DEPTH + 1 => {
                for &c in &self.nodes[i].children {
                    self.push_text(c, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "param" | "source" | "track"
            | "wbr" | "keygen" | "basefont" | "frame" | "isindex"
    )
}

fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "xmp" | "noembed" | "noframes" | "plaintext")
}

fn is_escapable_raw_text(name: &str) -> bool {
    matches!(name, "title" | "textarea")
}

/// Starting one of these closes an open `p`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "ul" | "ol" | "dl" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "blockquote" | "section"
            | "article" | "aside" | "header" | "footer" | "nav" | "pre" | "form" | "hr" | "figure" | "main" | "address"
            | "fieldset" | "details" | "menu"
    )
}

/// Elements that bound the search for an element to close implicitly.
fn is_scope(name: &str) -> bool {
    matches!(
        name,
        "html" | "body" | "div" | "table" | "td" | "th" | "article" | "section" | "main" | "blockquote" | "li" | "ul"
            | "ol" | "button" | "object" | "template" | "aside" | "nav"
    )
}

struct Builder<'a> {
    mode: Mode,
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

    /// Close the innermost open `target` unless a scope element (or one in `stop`) comes first.
    fn close_implied(&mut self, target: &[&str], stop: &[&str]) {
        for pos in (0..self.stack.len()).rev() {
            let name = self.stack_name(pos);
            if target.contains(&name) {
                self.stack.truncate(pos);
                return;
            }
            if stop.contains(&name) || is_scope(name) {
                return;
            }
        }
    }

    fn start(&mut self, raw_name: &'a str, attrs: Vec<Attr<'a>>, self_closing: bool) -> Cow<'a, str> {
        let name: Cow<'a, str> = if raw_name.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Owned(raw_name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw_name)
        };
        let html = self.mode == Mode::Html;
        if html {
            let n: &str = &name;
            if closes_p(n) {
                self.close_implied(&["p"], &[]);
            }
            match n {
                "li" => self.close_implied(&["li"], &[]),
                "dt" | "dd" => self.close_implied(&["dt", "dd"], &["dl"]),
                "tr" => self.close_implied(&["tr"], &["tbody", "thead", "tfoot"]),
                "td" | "th" => self.close_implied(&["td", "th"], &["tr"]),
                "option" => self.close_implied(&["option"], &["select"]),
                _ => {}
            }
        }
        let void = html && is_void(&name);
        let id = self.add(Node::Element { name: name.clone(), attrs });
        if !void && !self_closing && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
        name
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

/// Position of `</name` (any case, followed by a non-name byte) at or after `from`.
fn find_close_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let nb = name.as_bytes();
    let mut at = from;
    while at < b.len() {
        let p = at + memchr(b'<', &b[at..])?;
        let end = p + 2 + nb.len();
        if b.get(p + 1) == Some(&b'/')
            && end <= b.len()
            && b[p + 2..end].eq_ignore_ascii_case(nb)
            && b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

fn is_name_end(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'>' || c == b'/'
}

/// Parse markup into a tree. Never fails and never panics.
pub(crate) fn parse(src: &str, mode: Mode) -> Tree<'_> {
    let b = src.as_bytes();
    let n = b.len();
    let mut t = Builder {
        mode,
        nodes: vec![NodeData { node: Node::Root, parent: 0, children: Vec::new() }],
        stack: Vec::with_capacity(64),
    };
    let mut i = 0;
    while i < n {
        let lt = memchr(b'<', &b[i..]).map_or(n, |k| i + k);
        if lt > i {
            t.add(Node::Text(&src[i..lt]));
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
            t.add(Node::Raw(&src[start..body_end]));
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
            let raw_name = &src[name_start..j];
            let (attrs, self_closing, after) = parse_attrs(src, j);
            let name = t.start(raw_name, attrs, self_closing);
            i = after;
            if mode == Mode::Html && !self_closing && (is_raw_text(&name) || is_escapable_raw_text(&name)) {
                let close = find_close_tag(b, i, &name).unwrap_or(n);
                if close > i {
                    let body = &src[i..close];
                    t.add(if is_raw_text(&name) { Node::Raw(body) } else { Node::Text(body) });
                }
                t.end(&name);
                i = if close >= n { n } else { memchr(b'>', &b[close..]).map_or(n, |k| close + k + 1) };
            }
        } else {
            // A lone '<' is text.
            t.add(Node::Text(&src[i..i + 1]));
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
        let mut value = "";
        if k < n && b[k] == b'=' {
            k += 1;
            while k < n && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < n && (b[k] == b'"' || b[k] == b'\'') {
                let q = b[k];
                let vs = k + 1;
                let ve = memchr(q, &b[vs..]).map_or(n, |e| vs + e);
                value = &src[vs..ve];
                k = (ve + 1).min(n);
            } else {
                let vs = k;
                while k < n && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                    k += 1;
                }
                value = &src[vs..k];
            }
            j = k;
        }
        if attrs.len() < 64 {
            attrs.push(Attr { name, value });
        }
    }
    (attrs, self_closing, j)
}

/// Decode character references: the common named entities and numeric ones (`&#8217;`,
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
                match ch {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(s) => out.push_str(s),
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

enum Decoded {
    Char(char),
    Str(&'static str),
}

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
        return Some((Decoded::Char(code_point(v)), k));
    }
    let mut k = 0;
    while k < rest.len() && k < 32 && rest[k].is_ascii_alphanumeric() {
        k += 1;
    }
    if k == 0 {
        return None;
    }
    // Names are ASCII alphanumerics, so this is valid UTF-8.
    let name = std::str::from_utf8(&rest[..k]).ok()?;
    if rest.get(k) == Some(&b';') {
        return named_entity(name).map(|s| (Decoded::Str(s), k + 1));
    }
    // Legacy references without ';' (only the most common).
    for legacy in ["amp", "lt", "gt", "quot", "nbsp"] {
        if name.starts_with(legacy) {
            return named_entity(legacy).map(|s| (Decoded::Str(s), legacy.len()));
        }
    }
    None
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

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "shy" => "\u{AD}",
        "zwj" => "\u{200D}",
        "zwnj" => "\u{200C}",
        "lrm" => "\u{200E}",
        "rlm" => "\u{200F}",
        "ndash" => "–",
        "mdash" => "—",
        "minus" => "−",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "prime" => "′",
        "Prime" => "″",
        "bull" => "•",
        "middot" => "·",
        "dagger" => "†",
        "Dagger" => "‡",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "micro" => "µ",
        "para" => "¶",
        "sect" => "§",
        "permil" => "‰",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "curren" => "¤",
        "iexcl" => "¡",
        "iquest" => "¿",
        "ordf" => "ª",
        "ordm" => "º",
        "not" => "¬",
        "macr" => "¯",
        "acute" => "´",
        "cedil" => "¸",
        "uml" => "¨",
        "brvbar" => "¦",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "Agrave" => "À",
        "Aacute" => "Á",
        "Acirc" => "Â",
        "Atilde" => "Ã",
        "Auml" => "Ä",
        "Aring" => "Å",
        "AElig" => "Æ",
        "Ccedil" => "Ç",
        "Egrave" => "È",
        "Eacute" => "É",
        "Ecirc" => "Ê",
        "Euml" => "Ë",
        "Igrave" => "Ì",
        "Iacute" => "Í",
        "Icirc" => "Î",
        "Iuml" => "Ï",
        "ETH" => "Ð",
        "Ntilde" => "Ñ",
        "Ograve" => "Ò",
        "Oacute" => "Ó",
        "Ocirc" => "Ô",
        "Otilde" => "Õ",
        "Ouml" => "Ö",
        "Oslash" => "Ø",
        "Ugrave" => "Ù",
        "Uacute" => "Ú",
        "Ucirc" => "Û",
        "Uuml" => "Ü",
        "Yacute" => "Ý",
        "THORN" => "Þ",
        "szlig" => "ß",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "auml" => "ä",
        "aring" => "å",
        "aelig" => "æ",
        "ccedil" => "ç",
        "egrave" => "è",
        "eacute" => "é",
        "ecirc" => "ê",
        "euml" => "ë",
        "igrave" => "ì",
        "iacute" => "í",
        "icirc" => "î",
        "iuml" => "ï",
        "eth" => "ð",
        "ntilde" => "ñ",
        "ograve" => "ò",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ouml" => "ö",
        "oslash" => "ø",
        "ugrave" => "ù",
        "uacute" => "ú",
        "ucirc" => "û",
        "uuml" => "ü",
        "yacute" => "ý",
        "thorn" => "þ",
        "yuml" => "ÿ",
        "OElig" => "Œ",
        "oelig" => "œ",
        "Scaron" => "Š",
        "scaron" => "š",
        "Yuml" => "Ÿ",
        "fnof" => "ƒ",
        "circ" => "ˆ",
        "tilde" => "˜",
        "Alpha" => "Α",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "Delta" => "Δ",
        "pi" => "π",
        "mu" => "μ",
        "sigma" => "σ",
        "Omega" => "Ω",
        "omega" => "ω",
        "infin" => "∞",
        "asymp" => "≈",
        "ne" => "≠",
        "le" => "≤",
        "ge" => "≥",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(src: &str, mode: Mode) -> String {
        let tree = parse(src, mode);
        let mut out = String::new();
        fn walk(t: &Tree, i: usize, out: &mut String) {
            match &t.nodes[i].node {
                Node::Root => {}
                Node::Element { name, .. } => out.push_str(&format!("<{name}>")),
                Node::Text(s) => out.push_str(&decode_entities(s)),
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
        assert_eq!(outline(src, Mode::Html), expected, "input {src:?}");
    }

    #[test]
    fn implied_end_tags() {
        check("<P>one<p>two</div>", "<p>one</p><p>two</p>");
        check("<ul><li>a<li>b</ul>c", "<ul><li>a</li><li>b</li></ul>c");
        check("<p>a<div>b</div>", "<p>a</p><div>b</div>");
    }

    #[test]
    fn comments_cdata_and_raw_text() {
        check("a<!-- x <p> -->b", "ab");
        check("<script>if (a<b) {}</script>x", "<script>[if (a<b) {}]</script>x");
        check("<STYLE>p{}</sTyLe>x", "<style>[p{}]</style>x");
        check("x<![CDATA[<p>]]>y", "x[<p>]y");
        check("<title>A &amp; B</title>", "<title>A & B</title>");
    }

    #[test]
    fn broken_markup() {
        check("a < b and c<d", "a < b and c<d></d>");
        check("<p class=lead id='x' hidden>t", "<p>t</p>");
        check("<br/><img src=x.png>t", "<br></br><img></img>t");
        check("<script>never closed", "<script>[never closed]</script>");
        check("<!-- never closed", "");
        check("<a href=\"x", "<a></a>");
        check("</b>x", "x");
    }

    #[test]
    fn attributes() {
        let t = parse("<meta PROPERTY=og:title content='A \"B\"' data-x = 1 flag>", Mode::Html);
        assert_eq!(t.attr(1, "property"), Some("og:title"));
        assert_eq!(t.attr(1, "content"), Some("A \"B\""));
        assert_eq!(t.attr(1, "data-x"), Some("1"));
        assert_eq!(t.attr(1, "flag"), Some(""));
    }

    #[test]
    fn xml_mode_keeps_names_and_has_no_raw_text() {
        assert_eq!(
            outline("<item><title>T</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded></item>", Mode::Xml),
            "<item><title>T</title><content:encoded>[<p>x</p>]</content:encoded></item>"
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let src = "<div>".repeat(10_000) + "x";
        let t = parse(&src, Mode::Html);
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
    }
}
