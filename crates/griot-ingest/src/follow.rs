//! What `griot follow` makes of fetched sources: a feed becomes its items (each with a stable
//! key, its link resolved against the feed's URL, and the item as an article in case its page
//! cannot be had); a page becomes an article by the HTML reader; an item's page becomes the
//! item's article, with the feed's title, date and link and the page's text.
//!
//! An item's key is its `guid` (RSS) or `id` (Atom) when it has one, else its link, else the
//! content id of its text: the same item seen again in a later version of the feed has the
//! same key, so it is fetched once.

use crate::fetch::{Response, Url};
use crate::{charset, content_id, extract_html, feed, finish, ReadOptions};
use griot_text::Article;
use serde_json::Value;

/// One item of a followed feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// Stable key: guid or id, else link, else content id.
    pub key: String,
    /// The item's link, absolute.
    pub url: Option<String>,
    /// The item as the feed gives it (title, date, the feed's text), `source` the feed URL.
    pub article: Article,
}

/// A fetched source: a feed or a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Feed { title: Option<String>, items: Vec<FeedItem> },
    Page(Article),
}

/// The text of a response body: UTF-16/32 by their BOM, else by the HTTP charset, the
/// document's declaration, UTF-8, or Windows-1252.
pub fn body_text(resp: &Response) -> Result<String, String> {
    if let Some(r) = charset::decode_wide(&resp.body) {
        return r;
    }
    let declared = resp.charset.as_deref().filter(|c| charset::encoding_of(c).is_some());
    charset::decode_markup(&resp.body, declared).ok_or_else(|| "unknown character set".to_string())
}

fn looks_html(resp: &Response, text: &str) -> bool {
    match resp.media_type.as_deref() {
        Some("text/plain") => false,
        Some(m) if m.contains("html") || m.contains("xml") => true,
        _ => text.trim_start().starts_with('<'),
    }
}

/// Reads a fetched source: a feed (RSS, Atom, RDF) into its items, anything else as a page.
pub fn read_source(resp: &Response, options: &ReadOptions) -> Result<Source, String> {
    if crate::looks_binary(&resp.body) {
        return Err(format!("binary content ({})", resp.media_type.as_deref().unwrap_or("no content type")));
    }
    let text = body_text(resp)?;
    if resp.body.is_empty() || text.trim().is_empty() {
        return Err("empty response".into());
    }
    let base = Url::parse(&resp.final_url).ok();
    if feed::is_feed(&text) {
        let mut title = None;
        let mut items = Vec::new();
        let mut errors = Vec::new();
        for r in feed::read_feed(&text, &resp.url, options) {
            match r {
                Ok(mut a) => {
                    let generated = a.id == content_id(&a.text);
                    let url = a
                        .url
                        .as_deref()
                        .and_then(|l| base.as_ref().map(|b| b.join(l)).map(|u| u.map(|u| u.to_string())))
                        .and_then(Result::ok);
                    a.url = url.clone().or(a.url.take());
                    if title.is_none() {
                        title = a.meta.get("feed").and_then(Value::as_str).map(str::to_string);
                    }
                    a.source = Some(resp.url.clone());
                    let key = if !generated && !a.id.is_empty() {
                        a.id.clone()
                    } else {
                        url.clone().unwrap_or_else(|| a.id.clone())
                    };
                    items.push(FeedItem { key, url, article: a });
                }
                Err(e) => errors.push(e.reason),
            }
        }
        if items.is_empty() {
            return Err(errors.into_iter().next().unwrap_or_else(|| "feed has no items".into()));
        }
        return Ok(Source::Feed { title, items });
    }
    page_article(resp, None, options).map(Source::Page)
}

/// The article of a fetched page; with `item`, the page of that feed item (the item's title,
/// date and link win over the page's; the page's text is the article's).
pub fn page_article(resp: &Response, item: Option<&FeedItem>, options: &ReadOptions) -> Result<Article, String> {
    if crate::looks_binary(&resp.body) {
        return Err(format!("binary content ({})", resp.media_type.as_deref().unwrap_or("no content type")));
    }
    let text = body_text(resp)?;
    let mut article = Article::default();
    if looks_html(resp, &text) {
        let page = extract_html(&text);
        if page.text.trim().is_empty() {
            return Err("no text found in HTML page".into());
        }
        article.text = page.text;
        article.title = page.title;
        article.date = page.date;
        if let Some(raw) = page.date_raw.filter(|_| article.date.is_none()) {
            article.meta.insert("date_raw".into(), Value::String(raw));
        }
        article.lang = page.lang;
        article.url = page.url.clone();
        for (k, v) in [("site_name", page.site_name), ("author", page.author), ("description", page.description)] {
            if let Some(v) = v {
                article.meta.insert(k.into(), Value::String(v));
            }
        }
    } else {
        let t = text.trim_start_matches('\u{feff}').trim();
        if t.is_empty() {
            return Err("empty page".into());
        }
        article.text = t.to_string();
    }
    if let Some(canonical) = article.url.take() {
        article.meta.insert("canonical_url".into(), Value::String(canonical));
    }
    article.meta.insert("fetched_url".into(), Value::String(resp.final_url.clone()));
    match item {
        Some(item) => {
            let a = &item.article;
            if a.id != content_id(&a.text) {
                article.id = a.id.clone();
            }
            article.title = a.title.clone().or(article.title);
            if a.date.is_some() {
                article.date = a.date;
                article.meta.remove("date_raw");
            } else if let Some(raw) = a.meta.get("date_raw") {
                article.meta.insert("date_raw".into(), raw.clone());
            }
            article.lang = article.lang.or(a.lang.clone());
            article.url = item.url.clone().or(Some(resp.url.clone()));
            article.source = a.source.clone();
            for k in ["feed", "authors", "categories"] {
                if let Some(v) = a.meta.get(k) {
                    article.meta.insert(k.into(), v.clone());
                }
            }
        }
        None => {
            article.url = Some(resp.url.clone());
            article.source = Some(resp.url.clone());
        }
    }
    let location = article.url.clone().unwrap_or_default();
    Ok(finish(article, options, &location))
}

/// The article of an item whose page could not be had: the feed's own text, marked
/// `meta["text_from"] = "feed"` (or `"title"` for a headline-only item) with the reason.
pub fn item_article(item: &FeedItem, why: &str) -> Article {
    let mut a = item.article.clone();
    a.meta.entry("text_from".to_string()).or_insert_with(|| Value::String("feed".into()));
    a.meta.insert("page_error".into(), Value::String(why.to_string()));
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(url: &str, media: &str, body: &str) -> Response {
        Response {
            url: url.into(),
            final_url: url.into(),
            status: 200,
            media_type: Some(media.into()),
            body: body.as_bytes().to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn feed_items_have_keys_and_absolute_links() {
        let rss = r#"<rss><channel><title>Wire</title>
<item><title>One</title><link>/news/1.html</link><guid>g1</guid><pubDate>Sun, 17 Mar 2024 10:00:00 +0000</pubDate><description>Feed text one.</description></item>
<item><title>Two</title><link>news/2.html</link><description>Feed text two.</description></item>
<item><title>Three</title><description>No link at all.</description></item>
</channel></rss>"#;
        let Source::Feed { title, items } =
            read_source(&resp("http://h.test/feeds/main.xml", "application/rss+xml", rss), &ReadOptions::default())
                .unwrap()
        else {
            panic!("a feed")
        };
        assert_eq!(title.as_deref(), Some("Wire"));
        assert_eq!(items.len(), 3);
        assert_eq!((items[0].key.as_str(), items[0].url.as_deref()), ("g1", Some("http://h.test/news/1.html")));
        assert_eq!(items[1].key, "http://h.test/feeds/news/2.html");
        assert!(items[2].key.starts_with('a') && items[2].url.is_none());
        assert_eq!(items[0].article.source.as_deref(), Some("http://h.test/feeds/main.xml"));

        let page = r#"<html lang="en"><head><title>Page title</title><meta property="article:published_time" content="2024-03-16"></head>
<body><nav>Menu</nav><article><p>Niger revoked its military pact with the United States on Saturday.</p></article></body></html>"#;
        let a = page_article(
            &resp("http://h.test/news/1.html", "text/html", page),
            Some(&items[0]),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.text, "Niger revoked its military pact with the United States on Saturday.");
        assert_eq!((a.id.as_str(), a.title.as_deref()), ("g1", Some("One")));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"), "the feed's date wins");
        assert_eq!(a.url.as_deref(), Some("http://h.test/news/1.html"));
        assert_eq!(a.source.as_deref(), Some("http://h.test/feeds/main.xml"));
        assert_eq!(a.meta.get("feed"), Some(&Value::String("Wire".into())));
        let b = page_article(
            &resp("http://h.test/news/2.html", "text/html", page),
            Some(&items[1]),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2024-03-16"), "else the page's");
        assert!(b.id.starts_with('a'));
        let fallback = item_article(&items[1], "HTTP 404");
        assert_eq!(fallback.text, "Feed text two.");
        assert_eq!(fallback.meta.get("text_from"), Some(&Value::String("feed".into())));
    }

    #[test]
    fn pages_and_bad_bodies() {
        let opts = ReadOptions::default();
        let Source::Page(a) =
            read_source(&resp("http://h.test/p", "text/html", "<p>Mali closed its border.</p>"), &opts).unwrap()
        else {
            panic!("a page")
        };
        assert_eq!((a.text.as_str(), a.url.as_deref()), ("Mali closed its border.", Some("http://h.test/p")));
        assert_eq!(
            read_source(&resp("http://h.test/p", "text/html", "<html><body><nav>x</nav></body></html>"), &opts)
                .unwrap_err(),
            "no text found in HTML page"
        );
        assert!(read_source(&resp("http://h.test/p", "application/pdf", "%PDF-1.4 ..."), &opts)
            .unwrap_err()
            .starts_with("binary content"));
        assert_eq!(read_source(&resp("http://h.test/p", "text/html", "  "), &opts).unwrap_err(), "empty response");
        let mut latin = resp("http://h.test/p", "text/html", "");
        latin.body = b"<p>Ouagadougou: l'arm\xe9e a d\xe9ment\xed.</p>".to_vec();
        latin.charset = Some("iso-8859-1".into());
        let Source::Page(a) = read_source(&latin, &opts).unwrap() else { panic!("a page") };
        assert_eq!(a.text, "Ouagadougou: l'armée a démentí.");
        let t = page_article(&resp("http://h.test/t.txt", "text/plain", "Plain words.\n"), None, &opts).unwrap();
        assert_eq!(t.text, "Plain words.");
    }
}
