//! RSS 2.0 / RSS 1.0 (RDF) and Atom feeds: each `<item>` or `<entry>` becomes an article.
//!
//! Per item: title; link (`<link>` text, or the `href` of an Atom `<link rel="alternate">`);
//! date (`pubDate`, `dc:date`, `published`, `updated`, `issued`); id (`guid`, Atom `id`); text
//! from `content:encoded`, `content`, `description` or `summary` (the first that has text), its
//! HTML reduced to text blocks by the same extraction as pages. Language from the channel's
//! `<language>` or the feed's `xml:lang`; source `path#N` for the Nth item; the feed title goes to `meta["feed"]`, authors and
//! categories to `meta`. An item with a title but no text is kept with its title as text
//! (`meta["text_from"] = "title"`); an item with neither gives an error naming its number.
//! A document that is one Atom `<entry>` is a feed of one item; a DTD internal subset before
//! the root is skipped. Feeds declaring a legacy charset (`encoding="ISO-8859-1"`) are
//! decoded by the `charset` module.

use crate::html::{clean_value, fragment_text, subtree_text};
use crate::markup::{parse, Node, Tree};
use crate::{finish, set_date, ReadError, ReadOptions};
use griot_text::Article;
use serde_json::Value;

/// Whether markup starts with an `<rss`, `<feed`, `<rdf:RDF` or (a lone Atom entry)
/// `<entry` element, after any XML declaration, comments and doctype (with its internal
/// subset `[...]`).
pub(crate) fn is_feed(text: &str) -> bool {
    let mut s = text.trim_start_matches('\u{feff}').trim_start();
    for _ in 0..32 {
        if let Some(rest) = s.strip_prefix("<!DOCTYPE").or_else(|| s.strip_prefix("<!doctype")) {
            // an internal subset may hold '>' (entity declarations): skip past its ']'
            let end = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => rest[b..].find(']').and_then(|c| rest[b + c..].find('>').map(|g| b + c + g)),
                (_, g) => g,
            };
            match end {
                Some(p) => s = rest[p + 1..].trim_start(),
                None => return false,
            }
        } else if let Some(rest) = s.strip_prefix("<?") {
            match rest.find('>') {
                Some(p) => s = rest[p + 1..].trim_start(),
                None => return false,
            }
        } else if let Some(rest) = s.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(p) => s = rest[p + 3..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let Some(rest) = s.strip_prefix('<') else { return false };
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
    matches!(name.to_ascii_lowercase().as_str(), "rss" | "feed" | "rdf:rdf" | "atom:feed" | "entry" | "atom:entry")
}

/// Local name of an element: `content:encoded` -> `encoded` is not wanted, so only known
/// prefixes are dropped.
fn local(name: &str) -> &str {
    for prefix in ["atom:", "a10:", "dc:", "dcterms:", "rss:", "rdf:"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    name
}

fn child(tree: &Tree, i: usize, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| tree.children(i).iter().copied().find(|&c| tree.name(c).is_some_and(|x| local(x) == *n)))
}

/// Text of an element whose content may be escaped HTML, CDATA or inline XHTML.
fn html_text(tree: &Tree, i: usize) -> String {
    let has_elements = tree.children(i).iter().any(|&c| matches!(tree.nodes[c].node, Node::Element { .. }));
    if has_elements {
        return subtree_text(tree, i);
    }
    let raw = tree.text_content(i);
    if raw.contains('<') || raw.contains('&') {
        fragment_text(&raw)
    } else {
        clean_value(&raw).unwrap_or_default()
    }
}

fn plain(tree: &Tree, i: usize) -> Option<String> {
    let raw = tree.text_content(i);
    if raw.contains('<') {
        Some(fragment_text(&raw)).filter(|s| !s.is_empty())
    } else {
        clean_value(&raw)
    }
}

fn link_of(tree: &Tree, item: usize) -> Option<String> {
    let links: Vec<usize> = tree.children(item).iter().copied().filter(|&c| tree.name(c).is_some_and(|n| local(n) == "link")).collect();
    let rel_ok = |c: usize| tree.attr(c, "rel").is_none_or(|r| r.eq_ignore_ascii_case("alternate"));
    for &c in &links {
        if let Some(href) = tree.attr(c, "href").filter(|_| rel_ok(c)).and_then(clean_value) {
            return Some(href);
        }
        if tree.attr(c, "href").is_none() {
            if let Some(t) = clean_value(&tree.text_content(c)) {
                return Some(t);
            }
        }
    }
    None
}

/// Read every item of a feed.
pub(crate) fn read_feed(text: &str, path: &str, options: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let tree = parse(text);
    let n = tree.nodes.len();
    let mut feed_title = None;
    let mut feed_lang = None;
    let mut items = Vec::new();
    for i in 1..n {
        let Some(name) = tree.name(i) else { continue };
        match local(name) {
            "channel" | "feed" => {
                if feed_title.is_none() {
                    feed_title = child(&tree, i, &["title"]).and_then(|t| plain(&tree, t));
                }
                if feed_lang.is_none() {
                    feed_lang = child(&tree, i, &["language"])
                        .and_then(|t| clean_value(&tree.text_content(t)))
                        .or_else(|| tree.attr(i, "xml:lang").and_then(clean_value));
                }
            }
            "item" | "entry" => items.push(i),
            _ => {}
        }
    }
    if items.is_empty() {
        return vec![Err(ReadError { location: path.to_string(), reason: "feed has no items".into() })];
    }
    if let Some(why) = truncation(text) {
        options.warnings.push(path, format!("{why}: the feed looks truncated, its last item may be cut short"));
    }
    items
        .iter()
        .enumerate()
        .map(|(k, &item)| {
            read_item(&tree, item, &format!("{path}#{}", k + 1), feed_title.as_deref(), feed_lang.as_deref(), options)
                .map_err(|reason| ReadError { location: path.to_string(), reason: format!("item {}: {reason}", k + 1) })
        })
        .collect()
}

/// Why a feed looks cut off: its root element is never closed, or a CDATA section is left
/// open.
fn truncation(text: &str) -> Option<String> {
    let opens = text.matches("<![CDATA[").count();
    let closes = text.matches("]]>").count();
    if opens > closes {
        return Some("a CDATA section is not closed".into());
    }
    let tail = text.trim_end();
    let from = (tail.len().saturating_sub(4096)..=tail.len()).find(|&i| tail.is_char_boundary(i)).unwrap_or(tail.len());
    let tail = tail[from..].to_ascii_lowercase();
    let closed = ["</rss>", "</feed>", "</rdf:rdf>", "</entry>", "</atom:feed>", "</rss:rss>"].iter().any(|c| tail.contains(c));
    (!closed).then(|| "the root element is not closed".into())
}

fn read_item(
    tree: &Tree,
    item: usize,
    source: &str,
    feed_title: Option<&str>,
    feed_lang: Option<&str>,
    options: &ReadOptions,
) -> Result<Article, String> {
    let title = child(tree, item, &["title"]).and_then(|t| plain(tree, t));
    let text = ["encoded", "content:encoded", "content", "description", "summary"]
        .iter()
        .filter_map(|n| {
            tree.children(item).iter().copied().find(|&c| tree.name(c).is_some_and(|x| x == *n || local(x) == *n))
        })
        .map(|c| html_text(tree, c))
        .find(|t| !t.is_empty());
    // An item with a title only (headline feeds) is kept: its title is its text.
    let title_only = text.is_none();
    let Some(text) = text.or_else(|| title.clone()) else {
        return Err("no text and no title".into());
    };
    let mut article = Article { text, title, source: Some(source.to_string()), ..Default::default() };
    if title_only {
        article.meta.insert("text_from".into(), Value::String("title".into()));
    }
    article.url = link_of(tree, item);
    article.id = child(tree, item, &["guid", "id"]).and_then(|c| clean_value(&tree.text_content(c))).unwrap_or_default();
    if let Some(d) = child(tree, item, &["pubDate", "pubdate", "date", "published", "issued", "updated", "modified"])
        .and_then(|c| clean_value(&tree.text_content(c)))
    {
        set_date(&mut article, &d);
    }
    article.lang = tree.attr(item, "xml:lang").and_then(clean_value).or_else(|| feed_lang.map(str::to_string));
    if let Some(f) = feed_title {
        article.meta.insert("feed".into(), Value::String(f.to_string()));
    }
    let authors: Vec<Value> = tree
        .children(item)
        .iter()
        .copied()
        .filter(|&c| tree.name(c).is_some_and(|n| matches!(local(n), "author" | "creator")))
        .filter_map(|c| child(tree, c, &["name"]).map_or_else(|| plain(tree, c), |nm| plain(tree, nm)))
        .map(Value::String)
        .collect();
    if !authors.is_empty() {
        article.meta.insert("authors".into(), Value::Array(authors));
    }
    let categories: Vec<Value> = tree
        .children(item)
        .iter()
        .copied()
        .filter(|&c| tree.name(c).is_some_and(|n| matches!(local(n), "category" | "subject")))
        .filter_map(|c| tree.attr(c, "term").and_then(clean_value).or_else(|| plain(tree, c)))
        .map(Value::String)
        .collect();
    if !categories.is_empty() {
        article.meta.insert("categories".into(), Value::Array(categories));
    }
    Ok(finish(article, options, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Result<Article, String>> {
        read_feed(s, "f.xml", &ReadOptions::default()).into_iter().map(|r| r.map_err(|e| e.to_string())).collect()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire &amp; Co</title><language>en</language>
<item><title>Pact revoked</title><link>https://x.org/1</link><guid isPermaLink="false">g-1</guid>
<pubDate>Sun, 17 Mar 2024 10:00:00 +0000</pubDate><dc:creator>Ann Lee</dc:creator><category>Africa</category>
<description>&lt;p&gt;Short &amp;amp; escaped.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Full text one.</p><p>Full text two.</p><script>x()</script>]]></content:encoded></item>
<item><title>Only a description</title><description>Plain words here.</description><pubDate>garbage</pubDate></item>
<item><title>Headline only</title></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let got = read(RSS);
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().expect("item 1");
        assert_eq!(a.text, "Full text one.\n\nFull text two.");
        assert_eq!(a.title.as_deref(), Some("Pact revoked"));
        assert_eq!(a.url.as_deref(), Some("https://x.org/1"));
        assert_eq!(a.id, "g-1");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert_eq!(a.lang.as_deref(), Some("en"));
        assert_eq!(a.source.as_deref(), Some("f.xml#1"));
        assert_eq!(a.meta.get("feed"), Some(&Value::String("Wire & Co".into())));
        assert_eq!(a.meta.get("authors"), Some(&serde_json::json!(["Ann Lee"])));
        assert_eq!(a.meta.get("categories"), Some(&serde_json::json!(["Africa"])));
        let b = got[1].as_ref().expect("item 2");
        assert_eq!(b.text, "Plain words here.");
        assert_eq!(b.meta.get("date_raw"), Some(&Value::String("garbage".into())));
        assert!(b.id.starts_with('a'));
        // a title-only item is kept, its title as text
        let c = got[2].as_ref().expect("item 3");
        assert_eq!((c.text.as_str(), c.title.as_deref()), ("Headline only", Some("Headline only")));
        assert_eq!(c.meta.get("text_from"), Some(&Value::String("title".into())));
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Atom feed</title>
<entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title><id>urn:1</id>
<link rel="self" href="https://x.org/self"/><link rel="alternate" href="https://x.org/a"/>
<published>2024-03-17T23:00:00-04:00</published><updated>2024-03-20T00:00:00Z</updated>
<author><name>B. Diallo</name></author><category term="politics"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First.</p><p>Second &amp; last.</p></div></content></entry>
<entry><title>Summary only</title><summary type="html">&lt;p&gt;Sum.&lt;/p&gt;</summary><link href="https://x.org/b"/></entry>
</feed>"#;
        let got = read(atom);
        let a = got[0].as_ref().expect("entry 1");
        assert_eq!(a.text, "First.\n\nSecond & last.");
        assert_eq!(a.title.as_deref(), Some("A bold move"));
        assert_eq!(a.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.id, "urn:1");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert_eq!(a.meta.get("authors"), Some(&serde_json::json!(["B. Diallo"])));
        assert_eq!(a.meta.get("categories"), Some(&serde_json::json!(["politics"])));
        let b = got[1].as_ref().expect("entry 2");
        assert_eq!((b.text.as_str(), b.url.as_deref()), ("Sum.", Some("https://x.org/b")));
    }

    #[test]
    fn sniffing_and_bad_feeds() {
        assert!(is_feed("<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>"));
        assert!(is_feed("\u{feff}<feed xmlns='x'>"));
        assert!(is_feed("<rdf:RDF>"));
        assert!(!is_feed("<!DOCTYPE html><html>"));
        assert!(!is_feed("<?xml version='1.0'?><urlset>"));
        assert_eq!(read("<rss><channel><title>x</title></channel></rss>"), [Err("f.xml: feed has no items".to_string())]);
        assert_eq!(read("<rss><item><description>unclosed").len(), 1);
    }
}
