//! JSON lines (`.jsonl`, `.ndjson`) and JSON (`.json`: one object, an array of objects, or an
//! object holding such an array under `articles`, `items`, `data`, `documents` or `results`).
//!
//! Fields: `id` (string or number), `url` (or `link`), `title` (or `headline`), `date` (or
//! `published`, `published_at`, `publish_date`, `pubdate`, `datePublished`; a string in any form
//! [`crate::parse_date`] reads, or a Unix timestamp), `text` (or `body`, `content` when `text` is
//! missing), `lang` (or `language`), `source`. Every other field is kept in `meta` as it was.
//!
//! ```text
//! {"id": "n1", "title": "Pact revoked", "date": "2024-03-17", "text": "Niger's junta...", "outlet": "X"}
//! ```
//!
//! Each line is one document: the size limit applies per line, a broken line gives one error
//! (`path:LINE: invalid JSON at column C: ...`) and reading goes on with the next line. Blank
//! lines are skipped.

use crate::{finish, set_date, ReadError, ReadOptions};
use griot_text::Article;
use serde_json::{Map, Value};
use std::io::BufRead;

fn take_string(map: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for key in keys {
        match map.get(*key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                if let Some(Value::String(s)) = map.remove(*key) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

const KNOWN_KEYS: [&str; 16] = [
    "id", "url", "link", "title", "headline", "lang", "language", "source", "date", "published", "published_at",
    "publish_date", "pubdate", "datePublished", "body", "content",
];

/// Build an article from one JSON value; the error is the reason only.
pub(crate) fn article_from_value(value: Value, source: &str, options: &ReadOptions) -> Result<Article, String> {
    let Value::Object(mut map) = value else {
        return Err(format!("expected a JSON object, found {}", kind_of(&value)));
    };
    let text_key = ["text", "body", "content"].into_iter().find(|k| map.contains_key(*k));
    let text = match text_key.and_then(|k| map.remove(k).map(|v| (k, v))) {
        Some((_, Value::String(s))) if !s.trim().is_empty() => s,
        Some((k, Value::String(_))) => return Err(format!("field \"{k}\" is empty")),
        Some((k, Value::Null)) => return Err(format!("field \"{k}\" is null")),
        Some((k, other)) => return Err(format!("field \"{k}\" is {}, not a string", kind_of(&other))),
        None => return Err("field \"text\" is missing".into()),
    };
    let mut article = Article { text, ..Default::default() };
    article.id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if !article.id.is_empty() {
        map.remove("id");
    }
    article.url = take_string(&mut map, &["url", "link"]);
    article.title = take_string(&mut map, &["title", "headline"]);
    article.lang = take_string(&mut map, &["lang", "language"]);
    article.source = take_string(&mut map, &["source"]).or_else(|| Some(source.to_string()));
    const DATE_KEYS: [&str; 6] = ["date", "published", "published_at", "publish_date", "pubdate", "datePublished"];
    if let Some(key) = DATE_KEYS.iter().find(|k| map.get(**k).is_some_and(|v| !v.is_null())) {
        match map.remove(*key) {
            Some(Value::String(s)) => set_date(&mut article, &s),
            Some(Value::Number(n)) => match n.as_i64().and_then(crate::date::date_from_epoch) {
                Some(d) => article.date = Some(d),
                None => {
                    article.meta.insert("date_raw".into(), Value::String(n.to_string()));
                    if let Some(v) = n.as_i64() {
                        article.meta.insert("date_epoch".into(), Value::from(v));
                    }
                }
            },
            Some(other) => {
                article.meta.insert((*key).to_string(), other);
            }
            None => {}
        }
    }
    for (k, v) in map {
        // Known fields that were null say nothing; unknown fields are kept as they were.
        if v.is_null() && KNOWN_KEYS.contains(&k.as_str()) {
            continue;
        }
        article.meta.insert(k, v);
    }
    Ok(finish(article, options, source))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `serde_json`'s message without its "at line L column C" tail, plus the column.
pub(crate) fn json_reason(e: &serde_json::Error, with_line: bool) -> String {
    let msg = e.to_string();
    let bare = msg.rfind(" at line ").map_or(msg.as_str(), |p| &msg[..p]);
    if with_line {
        format!("invalid JSON at line {} column {}: {bare}", e.line(), e.column())
    } else {
        format!("invalid JSON at column {}: {bare}", e.column())
    }
}

/// A whole `.json` document: one object, an array of objects, or an object wrapping an array.
/// Falls back to JSON lines when the document holds several values one after another.
pub(crate) fn read_json(text: &str, path: &str, options: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let err = |location: String, reason: String| Err(ReadError { location, reason });
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) if e.classify() == serde_json::error::Category::Syntax && e.line() > 1 && looks_like_lines(text) => {
            return JsonLines::new(text.as_bytes(), path.to_string(), options.clone()).collect();
        }
        Err(e) => return vec![err(path.to_string(), json_reason(&e, true))],
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            let wrapped = ["articles", "items", "data", "documents", "results"]
                .into_iter()
                .find(|k| !map.contains_key("text") && matches!(map.get(*k), Some(Value::Array(_))));
            match wrapped.and_then(|k| map.remove(k)) {
                Some(Value::Array(items)) => items,
                _ => {
                    return vec![article_from_value(Value::Object(map), path, options)
                        .map_err(|reason| ReadError { location: path.to_string(), reason })]
                }
            }
        }
        other => return vec![err(path.to_string(), format!("expected a JSON object or array, found {}", kind_of(&other)))],
    };
    if items.is_empty() {
        return vec![err(path.to_string(), "empty JSON array".into())];
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let source = format!("{path}#{}", i + 1);
            article_from_value(item, &source, options)
                .map_err(|reason| ReadError { location: path.to_string(), reason: format!("item {}: {reason}", i + 1) })
        })
        .collect()
}

fn looks_like_lines(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.lines().filter(|l| !l.trim().is_empty()).take(2).count() == 2
}

/// Streams a JSON lines input, one line at a time, never holding more than one line.
pub(crate) struct JsonLines<R> {
    reader: R,
    /// Holds a line that does not lie whole in the reader's buffer.
    buf: Vec<u8>,
    state: LineState,
}

/// Where the reader is in the input.
struct LineState {
    path: String,
    options: ReadOptions,
    line: usize,
    /// Byte offset of the next line in the input.
    offset: u64,
    documents: usize,
    done: bool,
}

impl LineState {
    fn error(&self, reason: String) -> ReadError {
        ReadError { location: format!("{}:{}", self.path, self.line), reason }
    }

    /// Read one line that starts at byte `start`; `None` for a blank line.
    fn line(&mut self, mut bytes: &[u8], start: u64) -> Option<Result<Article, ReadError>> {
        let mut skipped = 0;
        if self.line == 1 {
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                bytes = rest;
                skipped = 3;
            }
            if crate::looks_binary(bytes) {
                self.done = true;
                return Some(Err(ReadError { location: self.path.clone(), reason: "binary content".into() }));
            }
        }
        if bytes.iter().all(|c| c.is_ascii_whitespace()) {
            return None;
        }
        self.documents += 1;
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = start + skipped + e.valid_up_to() as u64;
                return Some(Err(self.error(format!("not UTF-8 text: invalid byte at offset {at}"))));
            }
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return Some(Err(self.error(json_reason(&e, false)))),
        };
        let source = format!("{}:{}", self.path, self.line);
        Some(article_from_value(value, &source, &self.options).map_err(|r| self.error(r)))
    }
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(reader: R, path: String, options: ReadOptions) -> Self {
        let state = LineState { path, options, line: 0, offset: 0, documents: 0, done: false };
        JsonLines { reader, buf: Vec::new(), state }
    }
}

/// Outcome of reading one line with a size limit.
enum Line {
    Eof,
    /// The line is in the buffer (without its newline).
    Ok,
    /// The line was longer than the limit: its length; it was skipped.
    TooLong(u64),
}

/// Read the next line into `buf`, keeping at most `max` bytes; longer lines are consumed to
/// their end and reported with their length.
fn read_line_limited<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> std::io::Result<(Line, u64)> {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            if total == 0 {
                return Ok((Line::Eof, 0));
            }
            break;
        }
        let (part, used, end) = match memchr::memchr(b'\n', chunk) {
            Some(p) => (&chunk[..p], p + 1, true),
            None => (chunk, chunk.len(), false),
        };
        total += used as u64;
        if !over {
            if buf.len() + part.len() > max {
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        r.consume(used);
        if end {
            break;
        }
    }
    if over {
        return Ok((Line::TooLong(total), total));
    }
    Ok((Line::Ok, total))
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let JsonLines { reader, buf, state } = self;
        while !state.done {
            let start = state.offset;
            // Fast path: the whole line is in the reader's buffer; parse it there.
            if let Ok(chunk) = reader.fill_buf() {
                // A run of blank lines is skipped in one step (a file of blank lines costs
                // a scan, not a loop turn per line).
                let ws = chunk.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(chunk.len());
                if let Some(last) = memchr::memrchr(b'\n', &chunk[..ws]) {
                    let lines = memchr::memchr_iter(b'\n', &chunk[..=last]).count();
                    state.line += lines;
                    state.offset += last as u64 + 1;
                    reader.consume(last + 1);
                    continue;
                }
                if let Some(p) = memchr::memchr(b'\n', chunk).filter(|&p| p <= state.options.max_bytes) {
                    state.line += 1;
                    state.offset += p as u64 + 1;
                    let out = state.line(&chunk[..p], start);
                    reader.consume(p + 1);
                    match out {
                        Some(item) => return Some(item),
                        None => continue,
                    }
                }
            }
            let read = read_line_limited(reader, buf, state.options.max_bytes);
            state.line += 1;
            let (line, used) = match read {
                Ok(r) => r,
                Err(e) => {
                    state.done = true;
                    return Some(Err(state.error(crate::io_reason(&e))));
                }
            };
            state.offset += used;
            match line {
                Line::Eof => {
                    state.done = true;
                    if state.documents == 0 {
                        return Some(Err(ReadError { location: state.path.clone(), reason: "empty file".into() }));
                    }
                    return None;
                }
                Line::TooLong(n) => {
                    state.documents += 1;
                    let n = n.saturating_sub(1);
                    let reason = format!("document is {n} bytes, over the limit of {}", state.options.max_bytes);
                    return Some(Err(state.error(reason)));
                }
                Line::Ok => {}
            }
            if let Some(item) = state.line(buf, start) {
                return Some(item);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<Result<Article, String>> {
        JsonLines::new(input.as_bytes(), "in.jsonl".into(), ReadOptions::default()).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = lines(input)
            .into_iter()
            .map(|r| match r {
                Ok(a) => format!("ok {} {}", a.id, a.text),
                Err(e) => format!("err {e}"),
            })
            .collect();
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn good_lines() {
        check(
            "{\"id\":\"n1\",\"text\":\"One.\"}\n\n{\"id\":7,\"body\":\"Two.\"}\r\n{\"id\":\"n3\",\"content\":\"Three.\"}",
            &["ok n1 One.", "ok 7 Two.", "ok n3 Three."],
        );
    }

    #[test]
    fn broken_lines_are_reported_and_skipped() {
        check(
            "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\": oops}\n[1]\n{\"title\":\"t\"}\n{\"text\":\"  \"}\n{\"text\":3}\n{\"id\":\"b\",\"text\":\"y\"}\n",
            &[
                "ok a x",
                "err in.jsonl:2: invalid JSON at column 8: expected value",
                "err in.jsonl:3: expected a JSON object, found an array",
                "err in.jsonl:4: field \"text\" is missing",
                "err in.jsonl:5: field \"text\" is empty",
                "err in.jsonl:6: field \"text\" is a number, not a string",
                "ok b y",
            ],
        );
    }

    #[test]
    fn fields_and_meta() {
        let input = r#"{"title":"T","url":"http://x","date":"Sun, 17 Mar 2024 10:00:00 +0000","lang":"en","text":"Body","outlet":"Wire","tags":["a"]}"#;
        let a = lines(input).remove(0).expect("ok");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert_eq!(a.lang.as_deref(), Some("en"));
        assert_eq!(a.source.as_deref(), Some("in.jsonl:1"));
        assert_eq!(a.meta.get("outlet"), Some(&Value::String("Wire".into())));
        assert_eq!(a.meta.get("tags"), Some(&serde_json::json!(["a"])));
        assert!(a.id.starts_with('a'));
        let a = lines(r#"{"text":"B","date":"soon","source":"Wire"}"#).remove(0).expect("ok");
        assert_eq!((a.date, a.meta.get("date_raw")), (None, Some(&Value::String("soon".into()))));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        let a = lines(r#"{"text":"B","date":null,"url":null,"extra":null}"#).remove(0).expect("ok");
        assert_eq!(a.meta.keys().collect::<Vec<_>>(), ["extra"]);
        let a = lines(r#"{"text":"B","date":1710669600}"#).remove(0).expect("ok");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
    }

    #[test]
    fn limits_utf8_and_empty() {
        let opts = ReadOptions { max_bytes: 30, ..Default::default() };
        let input = "{\"text\":\"short\"}\n{\"text\":\"a much longer line over the limit\"}\n{\"text\":\"ok\"}\n";
        let got: Vec<String> =
            JsonLines::new(input.as_bytes(), "f".into(), opts).map(|r| r.map(|a| a.text).unwrap_or_else(|e| e.to_string())).collect();
        assert_eq!(got, ["short", "f:2: document is 44 bytes, over the limit of 30", "ok"]);
        let bad = b"{\"text\":\"ok\"}\n{\"text\":\"\xff\"}\n";
        let got: Vec<String> = JsonLines::new(&bad[..], "f".into(), ReadOptions::default())
            .map(|r| r.map(|a| a.text).unwrap_or_else(|e| e.to_string()))
            .collect();
        assert_eq!(got, ["ok", "f:2: not UTF-8 text: invalid byte at offset 23"]);
        check("\n \n", &["err in.jsonl: empty file"]);
        check("\u{feff}{\"text\":\"bom\",\"id\":\"x\"}", &["ok x bom"]);
    }

    #[test]
    fn whole_json_documents() {
        let opts = ReadOptions::default();
        let texts = |s: &str| -> Vec<String> {
            read_json(s, "f.json", &opts).into_iter().map(|r| r.map(|a| a.text).unwrap_or_else(|e| e.to_string())).collect()
        };
        assert_eq!(texts(r#"{"text":"one"}"#), ["one"]);
        assert_eq!(texts(r#"[{"text":"one"},{"x":1},{"text":"three"}]"#), ["one", "f.json: item 2: field \"text\" is missing", "three"]);
        assert_eq!(texts(r#"{"articles":[{"text":"a"},{"text":"b"}]}"#), ["a", "b"]);
        assert_eq!(texts("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), ["a", "b"]);
        assert_eq!(texts("{\"text\":\n"), ["f.json: invalid JSON at line 2 column 0: EOF while parsing a value"]);
        assert_eq!(texts("[]"), ["f.json: empty JSON array"]);
        assert_eq!(texts("\"x\""), ["f.json: expected a JSON object or array, found a string"]);
    }
}
