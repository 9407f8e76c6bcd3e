//! Main-text extraction from HTML pages.
//!
//! [`extract_html`] parses a page with html5ever (the `dom` module: the WHATWG algorithm, every
//! named character reference, bounded work on hostile pages), then:
//! - drops `script`, `style`, `noscript`, `nav`, `header`, `footer`, `aside`, `form`, `button`,
//!   `iframe`, `svg` (and a few more such as `head`, `figcaption`, `template`) and elements whose
//!   class or id looks like boilerplate (`nav`, `menu`, `footer`, `share`, `social`, `comment`,
//!   `related`, `cookie`, `subscribe`, `advert`, `promo`, `breadcrumb`, `sidebar`...), unless such
//!   an element holds most of the page's paragraph text;
//! - picks the main content: the `<article>` with the most paragraph text when it holds the best
//!   paragraph cluster, else the element whose child paragraphs carry the most text (plus sibling
//!   blocks that score at least a fifth of it);
//! - writes the paragraphs (`p`, `h1`–`h6`, `li`, `blockquote`, `pre`, `dd`) one per block,
//!   separated by a blank line, whitespace collapsed, entities decoded. A page with no paragraphs
//!   falls back to every text block of the body.
//!
//! Metadata: title from `og:title`, else `<title>` (a ` | Site` or ` - Site` suffix is removed
//! when it matches `og:site_name`), else the first `h1`; date from `article:published_time`,
//! `og:published_time`, `<meta name=date|pubdate|dc.date...>`, `itemprop=datePublished`, JSON-LD
//! `datePublished` (any nesting, `@graph` included), then the first `<time datetime>` in the main
//! content; URL from `<link rel=canonical>` else `og:url`; language from `<html lang>`.
//!
//! Known misses: text split over many `<div>`s with `<br>`s inside a page that also has a few
//! `<p>`s (the paragraphs win); pages built by JavaScript (no text in the HTML at all).

use crate::date::parse_date;
use crate::dom::parse_html;
use crate::markup::{Node, Tree};
use chrono::NaiveDate;

/// What [`extract_html`] found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The first date value found when none of them could be parsed.
    pub date_raw: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub description: Option<String>,
    /// Main text: paragraphs separated by a blank line. Empty when the page has no text.
    pub text: String,
    /// Byte offset where parsing stopped, and why (elements nested too deep, too many
    /// elements: bounds on the work for one page); the rest of the page is not read.
    pub stopped_at: Option<(usize, &'static str)>,
}

fn is_dropped_tag(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "nav" | "header" | "footer" | "aside" | "button" | "iframe" | "svg"
            | "head" | "template" | "select" | "textarea" | "figcaption" | "canvas" | "object" | "embed" | "dialog"
            | "menu" | "math" | "audio" | "video" | "map" | "input" | "label" | "title"
    )
}

/// Block-level elements: their start and end break the text into separate blocks.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote"
            | "pre" | "section" | "article" | "main" | "table" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot"
            | "caption" | "figure" | "address" | "center" | "hr" | "br" | "body" | "html" | "fieldset" | "details"
            | "summary" | "header" | "footer" | "nav" | "aside" | "hgroup" | "title"
    )
}

/// Elements whose text is output in strict (paragraph) mode.
fn is_paragraph(name: &str) -> bool {
    matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre" | "dd")
}

const BOILERPLATE_WORDS: [&str; 26] = [
    "nav", "menu", "footer", "share", "sharing", "social", "comment", "related", "cookie", "subscri", "advert", "promo",
    "breadcrumb", "sidebar", "newsletter", "popup", "modal", "outbrain", "taboola", "sponsor", "paywall", "signup",
    "recommend", "trending", "tweet", "instagram",
];

/// Whether one class or id value names boilerplate (`site-nav`, `socialShare`, `ad`...).
fn looks_like_boilerplate(value: &str) -> bool {
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() || word.len() > 40 {
            continue;
        }
        let w = word.to_ascii_lowercase();
        if matches!(w.as_str(), "ad" | "ads" | "adv" | "commentary" | "commentator") {
            if w.starts_with("ad") {
                return true;
            }
            continue;
        }
        if BOILERPLATE_WORDS.iter().any(|k| w.starts_with(k) || w.ends_with(k)) {
            return true;
        }
    }
    false
}

fn is_hidden(tree: &Tree, i: usize) -> bool {
    if tree.attr(i, "hidden").is_some() || tree.attr(i, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    tree.attr(i, "style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Per-node figures computed bottom-up.
struct Figures {
    /// Non-space text bytes in the subtree.
    text: Vec<usize>,
    /// Of which inside links.
    link: Vec<usize>,
    /// Paragraph text (minus link text) in the subtree.
    para: Vec<usize>,
    /// Paragraph text of direct child paragraphs, plus half of grandchildren's.
    score: Vec<usize>,
    /// Paragraphs: `p`, `pre`, and containers (`div`, `td`, `section`...) holding at least
    /// [`DIV_PARAGRAPH_MIN`] bytes of text of their own (not in child blocks, not in links).
    para_like: Vec<bool>,
}

const DIV_PARAGRAPH_MIN: usize = 80;

fn figures(tree: &Tree, removed: &[bool]) -> Figures {
    let n = tree.nodes.len();
    let mut f = Figures { text: vec![0; n], link: vec![0; n], para: vec![0; n], score: vec![0; n], para_like: vec![false; n] };
    // Own (direct and inline) text of each element, and the link part of it.
    let mut direct = vec![0usize; n];
    let mut direct_link = vec![0usize; n];
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let parent = tree.parent(i);
        match &tree.nodes[i].node {
            Node::Text(s) => {
                f.text[i] = s.bytes().filter(|c| !c.is_ascii_whitespace()).count();
                direct[parent] += f.text[i];
            }
            Node::Element { name, .. } => {
                if name == "a" {
                    f.link[i] = f.text[i];
                }
                if !is_block(name) {
                    direct[parent] += f.text[i];
                    direct_link[parent] += f.link[i];
                }
                let own = if name == "p" || name == "pre" {
                    Some(f.text[i].saturating_sub(f.link[i]))
                } else if matches!(
                    name.as_ref(),
                    "div" | "section" | "td" | "center" | "dd" | "blockquote" | "article" | "main"
                ) {
                    let own = direct[i].saturating_sub(direct_link[i]);
                    (own >= DIV_PARAGRAPH_MIN).then_some(own)
                } else {
                    None
                };
                if let Some(own) = own {
                    f.para_like[i] = true;
                    f.para[i] += own;
                    f.score[parent] += own;
                    let grand = tree.parent(parent);
                    if grand != parent {
                        f.score[grand] += own / 2;
                    }
                }
            }
            _ => {}
        }
        f.text[parent] += f.text[i];
        f.link[parent] += f.link[i];
        f.para[parent] += f.para[i];
    }
    f
}

/// Mark dropped subtrees: tags first, then boilerplate classes unless they hold most of the
/// page's paragraph text.
fn removed_nodes(tree: &Tree) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut removed = vec![false; n];
    for i in 1..n {
        let parent = tree.parent(i);
        removed[i] = removed[parent]
            || tree.name(i).is_some_and(|name| is_dropped_tag(name) || (name != "body" && name != "html" && is_hidden(tree, i)));
    }
    let before = figures(tree, &removed);
    let total = before.para[0].max(1);
    for i in 1..n {
        let parent = tree.parent(i);
        if removed[parent] {
            removed[i] = true;
            continue;
        }
        if removed[i] {
            continue;
        }
        let Some(name) = tree.name(i) else { continue };
        if matches!(name, "html" | "body" | "main" | "article") {
            continue;
        }
        // A form is dropped like boilerplate: some sites wrap the whole page in one.
        let boiler = name == "form" || ["class", "id"].iter().any(|k| tree.attr(i, k).is_some_and(looks_like_boilerplate));
        if boiler && before.para[i] * 2 < total {
            removed[i] = true;
        }
    }
    removed
}

fn is_inside(tree: &Tree, mut node: usize, ancestor: usize) -> bool {
    for _ in 0..=crate::markup::MAX_DEPTH + 2 {
        if node == ancestor {
            return true;
        }
        if node == 0 {
            return false;
        }
        node = tree.parent(node);
    }
    false
}

/// The roots of the main content and whether to keep only paragraph text.
fn main_content(tree: &Tree, removed: &[bool], f: &Figures) -> (Vec<usize>, bool) {
    let n = tree.nodes.len();
    let top = (0..n).filter(|&i| !removed[i]).max_by_key(|&i| (f.score[i], std::cmp::Reverse(i)));
    let Some(top) = top.filter(|&t| f.score[t] > 0) else {
        let body = (1..n).find(|&i| tree.name(i) == Some("body") && !removed[i]).unwrap_or(0);
        return (vec![body], false);
    };
    let article = (1..n)
        .filter(|&i| !removed[i] && tree.name(i) == Some("article"))
        .max_by_key(|&i| (f.para[i], std::cmp::Reverse(i)));
    if let Some(a) = article {
        if f.para[a] > 0 && (is_inside(tree, top, a) || f.para[a] >= f.score[top]) {
            return (vec![a], true);
        }
    }
    let parent = tree.parent(top);
    if parent == top {
        return (vec![top], true);
    }
    let threshold = f.score[top] / 5;
    let roots = tree
        .children(parent)
        .iter()
        .copied()
        .filter(|&c| {
            c == top
                || (!removed[c]
                    && tree.name(c).is_some()
                    && ((f.score[c] > 0 && f.score[c] >= threshold)
                        || (tree.name(c) == Some("p") && f.para[c] >= 80)))
        })
        .collect();
    (roots, true)
}

/// Collects blocks of collapsed text.
struct Blocks {
    out: String,
    current: String,
    pending_space: bool,
    /// Characters of the current block, and how many of them are link text.
    chars: usize,
    link_chars: usize,
    /// The current block is a heading.
    heading: bool,
    /// Where a run of headings with nothing after them starts in `out`.
    trailing_headings: Option<usize>,
}

impl Blocks {
    fn new() -> Self {
        Blocks {
            out: String::new(),
            current: String::new(),
            pending_space: false,
            chars: 0,
            link_chars: 0,
            heading: false,
            trailing_headings: None,
        }
    }

    fn push_text(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        if self.current.is_empty() {
            return;
        }
        // Blocks that are mostly link text are navigation ("Read more: ...", lists of links).
        let link_heavy = self.link_chars * 2 > self.chars;
        if !link_heavy && !is_boilerplate_line(&self.current) {
            if !self.heading {
                self.trailing_headings = None;
            } else if self.trailing_headings.is_none() {
                self.trailing_headings = Some(self.out.len());
            }
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(&self.current);
        }
        self.current.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    /// The text, without headings that end it (they introduce nothing: "Read next").
    fn finish(mut self) -> String {
        self.flush();
        if let Some(at) = self.trailing_headings {
            self.out.truncate(at);
        }
        self.out
    }
}

fn is_boilerplate_line(s: &str) -> bool {
    s.len() < 40 && {
        let l = s.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        matches!(
            l.as_str(),
            "advertisement" | "skip to content" | "skip to main content" | "share" | "share this article" | "read more"
                | "continue reading" | "story continues below advertisement" | "sponsored" | "ad" | "related"
                | "more on this story" | "image" | "photo" | "sign up" | "subscribe"
        )
    }
}

/// What [`emit`] needs besides the node.
struct Walk<'t, 'a> {
    tree: &'t Tree<'a>,
    removed: &'t [bool],
    /// Keep only text inside paragraph-like elements.
    strict: bool,
    /// Elements whose text counts as paragraph text in strict mode.
    para_like: &'t [bool],
}

fn emit(w: &Walk, i: usize, in_para: bool, in_link: bool, blocks: &mut Blocks, depth: usize) {
    if w.removed[i] || depth > crate::markup::MAX_DEPTH + 2 {
        return;
    }
    match &w.tree.nodes[i].node {
        Node::Text(s) | Node::Raw(s) => {
            // Raw: CDATA in a feed's inline XHTML.
            if !w.strict || in_para {
                blocks.push_text(s, in_link);
            }
        }
        Node::Root | Node::Element { .. } => {
            let name = w.tree.name(i).unwrap_or("");
            let block = is_block(name);
            if block {
                blocks.flush();
            }
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if heading {
                blocks.heading = true;
            }
            let child_in_para = in_para || w.para_like.get(i).copied().unwrap_or(false) || is_paragraph(name);
            let child_in_link = in_link || name == "a";
            for &c in w.tree.children(i) {
                emit(w, c, child_in_para, child_in_link, blocks, depth + 1);
            }
            if block {
                blocks.flush();
            }
            if heading {
                blocks.heading = false;
            }
        }
    }
}

/// Collapse whitespace; `None` when nothing is left. Tree values are already decoded.
fn clean(s: &str) -> Option<String> {
    let mut b = Blocks::new();
    b.push_text(s, false);
    let out = b.current;
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Remove a ` | Site`, ` - Site`, ` — Site` or ` :: Site` suffix naming the site.
fn strip_site_suffix(title: String, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else { return title };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(pos) = title.rfind(sep) {
            let suffix = title[pos + sep.len()..].trim();
            if suffix.eq_ignore_ascii_case(site) && pos > 0 {
                return title[..pos].trim_end().to_string();
            }
        }
    }
    title
}

/// Find `datePublished` anywhere in a JSON-LD value (objects, arrays, `@graph`).
fn json_ld_date(v: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 32 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("datePublished") {
                return Some(s.clone());
            }
            map.values().find_map(|x| json_ld_date(x, depth + 1))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|x| json_ld_date(x, depth + 1)),
        _ => None,
    }
}

/// A `"datePublished": "..."` pair found by scanning, for JSON-LD that does not parse.
fn scan_json_ld_date(s: &str) -> Option<String> {
    let at = s.find("\"datePublished\"")? + "\"datePublished\"".len();
    let rest = s[at..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

/// Extract the main text and metadata of an HTML page. Never fails; `text` may be empty.
pub fn extract_html(html: &str) -> HtmlPage {
    let (tree, notes) = parse_html(html);
    let mut page = HtmlPage { stopped_at: notes.stopped_at, ..Default::default() };
    let mut og_title = None;
    let mut title_tag = None;
    let mut first_h1 = None;
    let mut og_url = None;
    // Date candidates by priority (lower first).
    let mut dates: Vec<(u8, String)> = Vec::new();
    for i in 1..tree.nodes.len() {
        let Some(name) = tree.name(i) else { continue };
        match name {
            "html" if page.lang.is_none() => {
                page.lang = tree.attr(i, "lang").or_else(|| tree.attr(i, "xml:lang")).and_then(clean);
            }
            "title" if title_tag.is_none() => {
                let inside_svg = is_inside_named(&tree, i, "svg");
                if !inside_svg {
                    title_tag = clean(&tree.text_content(i));
                }
            }
            "h1" if first_h1.is_none() => first_h1 = clean(&tree.text_content(i)),
            "meta" => {
                let key = tree.attr(i, "property").or_else(|| tree.attr(i, "name")).or_else(|| tree.attr(i, "itemprop"));
                let (Some(key), Some(content)) = (key, tree.attr(i, "content")) else { continue };
                let key = key.trim().to_ascii_lowercase();
                let Some(value) = clean(content) else { continue };
                match key.as_str() {
                    "og:title" => og_title = og_title.or(Some(value)),
                    "twitter:title" => og_title = og_title.or(Some(value)),
                    "og:site_name" => page.site_name = page.site_name.take().or(Some(value)),
                    "og:url" => og_url = og_url.or(Some(value)),
                    "author" | "article:author" | "dc.creator" | "byl" => page.author = page.author.take().or(Some(value)),
                    "description" | "og:description" => page.description = page.description.take().or(Some(value)),
                    "article:published_time" => dates.push((0, value)),
                    "og:published_time" | "og:article:published_time" => dates.push((1, value)),
                    "date" | "pubdate" | "publishdate" | "publish-date" | "publish_date" | "dc.date" | "dc.date.issued"
                    | "dcterms.date" | "dcterms.issued" | "dcterms.created" | "sailthru.date" | "parsely-pub-date"
                    | "article.published" | "original-publish-date" | "displaydate" => dates.push((2, value)),
                    "datepublished" => dates.push((3, value)),
                    _ => {}
                }
            }
            "link" => {
                let rel = tree.attr(i, "rel").unwrap_or("");
                if rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) && page.url.is_none() {
                    page.url = tree.attr(i, "href").and_then(clean);
                }
            }
            "script" => {
                let is_ld = tree.attr(i, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    let raw = tree.text_content(i);
                    let found = match serde_json::from_str::<serde_json::Value>(raw.trim()) {
                        Ok(v) => json_ld_date(&v, 0),
                        Err(_) => scan_json_ld_date(&raw),
                    };
                    if let Some(d) = found {
                        dates.push((4, d));
                    }
                }
            }
            _ => {
                if tree.attr(i, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) {
                    let v = tree.attr(i, "datetime").or_else(|| tree.attr(i, "content")).map(str::to_string);
                    if let Some(v) = v.or_else(|| clean(&tree.text_content(i))) {
                        dates.push((3, v));
                    }
                }
            }
        }
    }
    let removed = removed_nodes(&tree);
    let f = figures(&tree, &removed);
    let (roots, strict) = main_content(&tree, &removed, &f);
    let mut blocks = Blocks::new();
    let walk = Walk { tree: &tree, removed: &removed, strict, para_like: &f.para_like };
    for &r in &roots {
        emit(&walk, r, false, false, &mut blocks, 0);
    }
    page.text = blocks.finish();
    // A <time datetime> inside the main content.
    if let Some(t) = roots.iter().find_map(|&r| first_time(&tree, r, 0)) {
        dates.push((5, t));
    }
    dates.sort_by_key(|d| d.0);
    page.date = dates.iter().find_map(|(_, d)| parse_date(d));
    if page.date.is_none() {
        page.date_raw = dates.first().map(|(_, d)| d.clone());
    }
    let site = page.site_name.clone();
    page.title = og_title
        .map(|t| strip_site_suffix(t, site.as_deref()))
        .or_else(|| title_tag.map(|t| strip_site_suffix(t, site.as_deref())))
        .or(first_h1);
    page.url = page.url.take().or(og_url);
    page
}

fn is_inside_named(tree: &Tree, mut i: usize, name: &str) -> bool {
    for _ in 0..=crate::markup::MAX_DEPTH + 2 {
        if i == 0 {
            return false;
        }
        i = tree.parent(i);
        if tree.name(i) == Some(name) {
            return true;
        }
    }
    false
}

fn first_time(tree: &Tree, i: usize, depth: usize) -> Option<String> {
    if depth > crate::markup::MAX_DEPTH + 2 {
        return None;
    }
    if tree.name(i) == Some("time") {
        if let Some(d) = tree.attr(i, "datetime").and_then(clean) {
            return Some(d);
        }
    }
    tree.children(i).iter().find_map(|&c| first_time(tree, c, depth + 1))
}

/// Text of an HTML fragment (a feed item's description or content): every text block, with
/// the same dropping of scripts and boilerplate as pages, no main-content selection.
pub(crate) fn fragment_text(html: &str) -> String {
    let (tree, _) = parse_html(html);
    let removed = removed_nodes(&tree);
    let mut blocks = Blocks::new();
    let walk = Walk { tree: &tree, removed: &removed, strict: false, para_like: &[] };
    emit(&walk, 0, false, false, &mut blocks, 0);
    blocks.finish()
}

/// Text of an already parsed subtree (Atom `type="xhtml"` content).
pub(crate) fn subtree_text(tree: &Tree, root: usize) -> String {
    let removed = vec![false; tree.nodes.len()];
    let mut blocks = Blocks::new();
    let walk = Walk { tree, removed: &removed, strict: false, para_like: &[] };
    emit(&walk, root, false, false, &mut blocks, 0);
    blocks.finish()
}

/// Collapse whitespace in a short value (a title; the tree decoded it); `None` when empty.
pub(crate) fn clean_value(s: &str) -> Option<String> {
    clean(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, expected_text: &str) {
        assert_eq!(extract_html(html).text, expected_text, "input {html:?}");
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Junta ends pact - Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-03-17T23:30:00-05:00">
<link rel="canonical" href="https://example.org/news/pact">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><ul><li>Home</li><li>World</li></ul></nav></header>
<div class="share-bar"><p>Share on social media please</p></div>
<article>
<h1>Junta ends pact</h1>
<p>NIAMEY &mdash; The   military
 government revoked the agreement on Saturday.</p>
<p>Officials said the decision was final &amp; binding.</p>
<div class="related-links"><p>Read also: other story</p></div>
<ul><li>First point</li><li>Second point</li></ul>
</article>
<aside><p>Most read: something else entirely</p></aside>
<footer><p>Copyright 2024</p></footer>
</body></html>"#;

    #[test]
    fn page_main_text_and_metadata() {
        let p = extract_html(PAGE);
        assert_eq!(
            p.text,
            "Junta ends pact\n\nNIAMEY — The military government revoked the agreement on Saturday.\n\n\
             Officials said the decision was final & binding.\n\nFirst point\n\nSecond point"
        );
        assert_eq!(p.title.as_deref(), Some("Junta ends pact"));
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert_eq!(p.url.as_deref(), Some("https://example.org/news/pact"));
        assert_eq!(p.lang.as_deref(), Some("en-GB"));
        assert_eq!(p.site_name.as_deref(), Some("Daily Planet"));
    }

    #[test]
    fn title_suffix_only_stripped_when_it_names_the_site() {
        let p = extract_html("<title>Talks fail - Analysis</title><p>Body text here.</p>");
        assert_eq!(p.title.as_deref(), Some("Talks fail - Analysis"));
        let p = extract_html("<meta property=og:site_name content=Wire><title>Talks fail | Wire</title><p>x</p>");
        assert_eq!(p.title.as_deref(), Some("Talks fail"));
        let p = extract_html("<meta property=og:title content='OG title'><title>T</title>");
        assert_eq!(p.title.as_deref(), Some("OG title"));
        let p = extract_html("<body><h1>Only &amp; heading</h1><p>x</p>");
        assert_eq!(p.title.as_deref(), Some("Only & heading"));
    }

    #[test]
    fn densest_paragraph_cluster_wins_without_article() {
        let html = r#"<body><div id="menu"><p>Home</p><p>About</p></div>
            <div class="teaser"><p>Short teaser.</p></div>
            <div class="story"><p>The first long paragraph of the story tells what happened in the capital.</p>
            <p>The second paragraph adds the reactions of the opposition parties.</p></div>
            <div class="comments"><p>I disagree with everything written in this story, says a reader.</p></div></body>"#;
        check(
            html,
            "The first long paragraph of the story tells what happened in the capital.\n\n\
             The second paragraph adds the reactions of the opposition parties.",
        );
    }

    #[test]
    fn boilerplate_class_kept_when_it_holds_the_story() {
        let html = r#"<body><div class="article-body has-share-buttons">
            <p>The whole story sits in a container whose class mentions sharing buttons.</p>
            <p>It must not be dropped for that.</p></div></body>"#;
        check(
            html,
            "The whole story sits in a container whose class mentions sharing buttons.\n\nIt must not be dropped for that.",
        );
    }

    #[test]
    fn page_wide_form_is_kept() {
        let html = "<body><form id=aspnetForm><div><p>The story is inside a form that wraps the page, as some older sites do.</p></div>\
                    </form><form><p>Search the site for more stories like this one</p></form></body>";
        // (A form inside a form is ignored by HTML parsing: the search form is a sibling.)
        check(html, "The story is inside a form that wraps the page, as some older sites do.");
    }

    #[test]
    fn no_paragraphs_falls_back_to_body_blocks() {
        check("<html><body><div>Line one<br>Line two</div><div>Third</div></body></html>", "Line one\n\nLine two\n\nThird");
        check("plain text, no tags at all", "plain text, no tags at all");
        check("", "");
        check("<html><head><title>x</title></head></html>", "");
    }

    #[test]
    fn dates_from_each_source() {
        let date = |h: &str| extract_html(h).date.map(|d| d.to_string());
        assert_eq!(date("<meta name=pubdate content=20240317>").as_deref(), Some("2024-03-17"));
        assert_eq!(date("<meta name='DC.date' content='March 17, 2024'>").as_deref(), Some("2024-03-17"));
        assert_eq!(date("<span itemprop=datePublished content=2024-03-17>x</span>").as_deref(), Some("2024-03-17"));
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","datePublished":"2024-03-17T08:00:00+01:00"}]}</script>"#;
        assert_eq!(date(ld).as_deref(), Some("2024-03-17"));
        let broken_ld = r#"<script type="application/ld+json">{"datePublished": "2024-03-17", oops</script>"#;
        assert_eq!(date(broken_ld).as_deref(), Some("2024-03-17"));
        assert_eq!(date("<article><time datetime=2024-03-17>Sunday</time><p>text</p></article>").as_deref(), Some("2024-03-17"));
        // The meta tag wins over the time element.
        let both = "<meta property=article:published_time content=2024-03-16><article><time datetime=2024-03-17></time><p>x</p></article>";
        assert_eq!(date(both).as_deref(), Some("2024-03-16"));
        let p = extract_html("<meta name=date content='last Tuesday'><p>x</p>");
        assert_eq!((p.date, p.date_raw.as_deref()), (None, Some("last Tuesday")));
    }

    #[test]
    fn url_from_og_when_no_canonical() {
        assert_eq!(extract_html("<meta property=og:url content=https://x.org/a>").url.as_deref(), Some("https://x.org/a"));
    }

    #[test]
    fn boilerplate_words() {
        for v in ["site-nav", "mainNav", "social-share", "comments", "ad", "related_articles", "cookie-banner", "sidebar"] {
            assert!(looks_like_boilerplate(v), "{v}");
        }
        for v in ["article-body", "story", "commentary", "content", "headline", "canvas", "unavailable", "lead"] {
            assert!(!looks_like_boilerplate(v), "{v}");
        }
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_text("<p>One &amp; two</p><p>Three<script>x</script></p>"), "One & two\n\nThree");
        assert_eq!(fragment_text("Just text &lt;b&gt;"), "Just text <b>");
    }
}
