//! Plain text articles with optional header lines.
//!
//! Format: optional leading lines `Title:`, `Date:`, `URL:`, `Source:`, `Lang:`, `Id:` (any case),
//! ended by a blank line or the first line that is not such a header; the rest is the text, kept
//! byte for byte except that leading and trailing blank lines are trimmed. When the header block
//! ends with a blank line and starts with a known key, other `Key: value` lines in it are kept
//! too, in `meta` under the lower-case key.
//!
//! ```text
//! Title: Niger revokes military pact with the US
//! Date: 2024-03-17
//!
//! Niger's military junta has officially revoked...
//! ```

use crate::{finish, set_date, ReadOptions};
use griot_text::Article;

const KNOWN: [&str; 7] = ["title", "date", "url", "source", "lang", "id", "language"];

/// `Key: value` split of one header line; the key is short, starts with a letter and holds
/// letters, digits, spaces, `-` or `_`.
fn header(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = line[..colon].trim();
    if key.is_empty()
        || key.len() > 24
        || !key.starts_with(|c: char| c.is_ascii_alphabetic())
        || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
    {
        return None;
    }
    let value = line[colon + 1..].trim();
    // "URL: https://x" has a colon in the value; "Key:value" without space is accepted too.
    Some((key, value))
}

fn is_known(key: &str) -> bool {
    KNOWN.iter().any(|k| k.eq_ignore_ascii_case(key))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Trim leading and trailing blank lines; bytes in between are untouched.
fn trim_blank_lines(s: &str) -> &str {
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        if is_blank(line) {
            start += line.len();
        } else {
            break;
        }
    }
    let rest = &s[start..];
    // End at the end of the last line holding something other than whitespace.
    match rest.rfind(|c: char| !c.is_whitespace()) {
        Some(pos) => {
            let end = pos + rest[pos..].chars().next().map_or(1, char::len_utf8);
            &rest[..end]
        }
        None => "",
    }
}

/// Read one plain text article. `text` has no BOM and is not empty.
pub(crate) fn read_text(text: &str, source: &str, options: &ReadOptions) -> Result<Article, String> {
    let mut article = Article { source: Some(source.to_string()), ..Default::default() };
    // Skip leading blank lines, then look at the header block.
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_blank(line) {
            offset += line.len();
        } else {
            break;
        }
    }
    let body_start = parse_headers(&text[offset..], &mut article).map_or(0, |used| offset + used);
    let body = trim_blank_lines(&text[body_start..]);
    if body.is_empty() {
        return Err(if body_start > 0 { "no text after the header lines".into() } else { "empty file".into() });
    }
    article.text = body.to_string();
    Ok(finish(article, options, source))
}

/// Parse the header block at the start of `s`; returns the bytes it used, or `None` when
/// there is no header.
fn parse_headers(s: &str, article: &mut Article) -> Option<usize> {
    let mut lines = Vec::new();
    let mut used = 0;
    let mut ended_by_blank = false;
    for line in s.split_inclusive('\n') {
        if is_blank(line) {
            ended_by_blank = true;
            used += line.len();
            break;
        }
        if lines.len() >= 40 {
            break;
        }
        match header(line.trim_end_matches(['\n', '\r'])) {
            Some(kv) => {
                lines.push((kv, line.len()));
                used += line.len();
            }
            None => break,
        }
    }
    let first_known = lines.first().is_some_and(|((k, _), _)| is_known(k));
    if !first_known {
        return None;
    }
    let take_all = ended_by_blank && lines.len() <= 40;
    let mut consumed = 0;
    for ((key, value), len) in &lines {
        if !is_known(key) && !take_all {
            // A non-header line ends the header; it belongs to the body.
            return Some(consumed);
        }
        apply(article, key, value);
        consumed += len;
    }
    Some(if take_all { used } else { consumed })
}

fn apply(article: &mut Article, key: &str, value: &str) {
    let key = key.to_ascii_lowercase();
    if value.is_empty() {
        return;
    }
    let v = value.to_string();
    match key.as_str() {
        "title" => article.title = Some(v),
        "date" => set_date(article, value),
        "url" => article.url = Some(v),
        "source" => article.source = Some(v),
        "lang" | "language" => article.lang = Some(v),
        "id" => article.id = v,
        _ => {
            article.meta.insert(key, v.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Article {
        read_text(s, "f.txt", &ReadOptions::default()).expect("reads")
    }

    fn check(input: &str, title: Option<&str>, date: Option<&str>, text: &str) {
        let a = read(input);
        assert_eq!(a.title.as_deref(), title, "title of {input:?}");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), date, "date of {input:?}");
        assert_eq!(a.text, text, "text of {input:?}");
    }

    #[test]
    fn headers() {
        check("Title: T\nDate: 2024-03-17\n\nBody.\n", Some("T"), Some("2024-03-17"), "Body.");
        check("TITLE: T\r\nurl: http://x/y\r\n\r\nBody\r\nmore\r\n", Some("T"), None, "Body\r\nmore");
        check("Title: T\nBody starts here.\nSecond.", Some("T"), None, "Body starts here.\nSecond.");
        check("\n\nTitle: T\n\n\n  Indented body\n\n", Some("T"), None, "  Indented body");
    }

    #[test]
    fn no_headers() {
        check("NIAMEY: the junta said.\n", None, None, "NIAMEY: the junta said.");
        check("Plain.\n\nTwo paragraphs.\n", None, None, "Plain.\n\nTwo paragraphs.");
        check("Note: Title: odd", None, None, "Note: Title: odd");
    }

    #[test]
    fn extra_keys_in_a_closed_block() {
        let a = read("Title: T\nAuthor: Ann Lee\nId: x1\n\nBody");
        assert_eq!(a.meta.get("author").and_then(|v| v.as_str()), Some("Ann Lee"));
        assert_eq!(a.id, "x1");
        // Not closed by a blank line: the unknown key starts the body.
        let a = read("Title: T\nWASHINGTON: officials said\nmore");
        assert_eq!(a.text, "WASHINGTON: officials said\nmore");
    }

    #[test]
    fn dates_and_ids() {
        let a = read("Date: sometime soon\n\nBody");
        assert_eq!(a.date, None);
        assert_eq!(a.meta.get("date_raw").and_then(|v| v.as_str()), Some("sometime soon"));
        assert!(a.id.starts_with('a') && a.id.len() == 17);
        assert_eq!(a.id, read("Body\n").id);
        let opts = ReadOptions { default_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 2), ..Default::default() };
        let a = read_text("Body", "f", &opts).expect("reads");
        assert_eq!(a.date, opts.default_date);
    }

    #[test]
    fn header_only_is_an_error() {
        assert_eq!(read_text("Title: T\n\n\n", "f", &ReadOptions::default()).err().as_deref(), Some("no text after the header lines"));
    }
}
