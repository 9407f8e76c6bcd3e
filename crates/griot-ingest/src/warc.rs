//! WARC files (`.warc`, `.warc.gz`): streamed record by record.
//!
//! Each `WARC-Type: response` record holding an HTTP response with status 2xx and HTML content
//! (`text/html`, `application/xhtml+xml`, or sniffed) becomes an article: URL from
//! `WARC-Target-URI`, date from the page, else `WARC-Date`, source `path#N` for the Nth record; `WARC-Record-ID` and `WARC-Date` go
//! to `meta`. The id is derived from the text, so a page crawled twice is one article. Chunked
//! transfer encoding and gzip/deflate content encoding are undone; `charset` ISO-8859-1 and
//! Windows-1252 are converted. `WARC-Type: resource` records holding HTML or plain text (their
//! WARC `Content-Type`) are read the same way. Other records (requests, metadata, non-HTML
//! responses, redirects) are skipped silently; the size limit applies per record. A record
//! that does not start where the one before ended (a wrong `Content-Length`, junk) gives one
//! error and reading resumes at the next `WARC/` line. ARC files are refused by name.

use crate::html::extract_html;
use crate::{finish, ReadError, ReadOptions};
use griot_text::Article;
use serde_json::Value;
use std::io::{BufRead, Read};

pub(crate) struct WarcRecords<R> {
    reader: R,
    path: String,
    options: ReadOptions,
    record: usize,
    done: bool,
    /// A version line found while resynchronising after a bad record.
    pending: Option<Vec<u8>>,
}

impl<R: BufRead> WarcRecords<R> {
    pub(crate) fn new(reader: R, path: String, options: ReadOptions) -> Self {
        WarcRecords { reader, path, options, record: 0, done: false, pending: None }
    }

    /// After a record that does not start where it should (a wrong Content-Length before
    /// it, junk between records): skip to the next `WARC/` version line, keeping it for the
    /// next record. Returns the bytes skipped, and whether a record follows.
    fn resync(&mut self, buf: &mut Vec<u8>) -> (u64, bool) {
        let mut skipped = 0u64;
        loop {
            match self.line(buf) {
                Ok(Some(())) if buf.starts_with(b"WARC/") => {
                    self.pending = Some(std::mem::take(buf));
                    return (skipped, true);
                }
                Ok(Some(())) => skipped += buf.len() as u64 + 1,
                Ok(None) | Err(_) => return (skipped, false),
            }
        }
    }

    fn error(&self, reason: String) -> ReadError {
        ReadError { location: self.path.clone(), reason: format!("record {}: {reason}", self.record) }
    }

    /// One header line without its line ending; `None` at the end of input.
    fn line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<()>> {
        buf.clear();
        let n = (&mut self.reader).take(64 * 1024).read_until(b'\n', buf)?;
        if n == 0 {
            return Ok(None);
        }
        while buf.last().is_some_and(|c| *c == b'\n' || *c == b'\r') {
            buf.pop();
        }
        Ok(Some(()))
    }

    fn next_record(&mut self) -> Result<Option<Article>, ReadError> {
        let mut buf = Vec::new();
        loop {
            // Find the version line, skipping the blank lines that end the previous record.
            if let Some(p) = self.pending.take() {
                buf = p;
            } else {
                loop {
                    match self.line(&mut buf) {
                    Ok(None) => return Ok(None),
                        Ok(Some(())) if buf.is_empty() => continue,
                        Ok(Some(())) => break,
                        Err(e) => return Err(self.error(crate::io_reason(&e))),
                    }
                }
            }
            self.record += 1;
            if !buf.starts_with(b"WARC/") {
                let shown = String::from_utf8_lossy(&buf[..buf.len().min(40)]).into_owned();
                let first = buf.len() as u64 + 1;
                let (skipped, more) = self.resync(&mut buf);
                let then = if more {
                    format!("skipped {} bytes to the next record", first + skipped)
                } else {
                    self.done = true;
                    "no record follows".to_string()
                };
                return Err(self.error(format!("expected a WARC/1.x header line, found {shown:?} (a wrong Content-Length in the record before?); {then}")));
            }
            let mut kind = String::new();
            let mut uri = None;
            let mut date = None;
            let mut record_id = None;
            let mut length: Option<u64> = None;
            let mut content_type = String::new();
            for _ in 0..1000 {
                match self.line(&mut buf) {
                    Ok(Some(())) if buf.is_empty() => break,
                    Ok(Some(())) => {}
                    Ok(None) => {
                        self.done = true;
                        return Err(self.error("truncated record header".into()));
                    }
                    Err(e) => return Err(self.error(crate::io_reason(&e))),
                }
                let line = String::from_utf8_lossy(&buf);
                let Some((k, v)) = line.split_once(':') else { continue };
                let v = v.trim();
                match k.trim().to_ascii_lowercase().as_str() {
                    "warc-type" => kind = v.to_ascii_lowercase(),
                    "warc-target-uri" => uri = Some(v.trim_matches(['<', '>']).to_string()),
                    "warc-date" => date = Some(v.to_string()),
                    "warc-record-id" => record_id = Some(v.to_string()),
                    "content-length" => length = v.parse().ok(),
                    "content-type" => content_type = v.to_ascii_lowercase(),
                    _ => {}
                }
            }
            let Some(length) = length else {
                self.done = true;
                return Err(self.error("missing or invalid Content-Length".into()));
            };
            let wanted = kind == "response" || kind == "resource";
            let max = self.options.max_bytes as u64;
            if !wanted || length > max {
                match std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()) {
                    Ok(n) if n < length => {
                        self.done = true;
                        return Err(self.error(format!("truncated record: {n} of {length} bytes")));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.done = true;
                        return Err(self.error(crate::io_reason(&e)));
                    }
                }
                if wanted {
                    return Err(self.error(format!("document is {length} bytes, over the limit of {max}")));
                }
                continue;
            }
            let mut content = Vec::with_capacity(length as usize);
            match (&mut self.reader).take(length).read_to_end(&mut content) {
                Ok(n) if (n as u64) < length => {
                    self.done = true;
                    return Err(self.error(format!("truncated record: {n} of {length} bytes")));
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Err(self.error(crate::io_reason(&e)));
                }
            }
            let html = if kind == "resource" {
                match resource_content(content, &content_type) {
                    Some(Resource::Html(h)) => h,
                    Some(Resource::Plain(text)) => {
                        let text = text.trim();
                        if text.is_empty() {
                            continue;
                        }
                        let location = format!("{}#{}", self.path, self.record);
                        let mut article = Article {
                            text: text.to_string(),
                            url: uri,
                            source: Some(location.clone()),
                            date: date.as_deref().and_then(crate::parse_date),
                            ..Default::default()
                        };
                        if let Some(id) = record_id {
                            article.meta.insert("warc_record_id".into(), Value::String(id));
                        }
                        if let Some(d) = date {
                            article.meta.insert("warc_date".into(), Value::String(d));
                        }
                        return Ok(Some(finish(article, &self.options, &location)));
                    }
                    None => continue,
                }
            } else {
                let Some(html) = http_html(&content, self.options.max_bytes) else { continue };
                html
            };
            let page = extract_html(&html);
            crate::warn_if_stopped(&page, &format!("{}#{}", self.path, self.record), &self.options);
            if page.text.is_empty() {
                let what = uri.as_deref().unwrap_or("response");
                return Err(self.error(format!("no text found in {what}")));
            }
            let mut article = Article {
                text: page.text,
                title: page.title,
                url: uri.or(page.url),
                lang: page.lang,
                source: Some(format!("{}#{}", self.path, self.record)),
                date: page.date,
                ..Default::default()
            };
            if article.date.is_none() {
                article.date = date.as_deref().and_then(crate::parse_date);
            }
            if let Some(raw) = page.date_raw.filter(|_| article.date.is_none()) {
                article.meta.insert("date_raw".into(), Value::String(raw));
            }
            if let Some(s) = page.site_name {
                article.meta.insert("site_name".into(), Value::String(s));
            }
            if let Some(id) = record_id {
                article.meta.insert("warc_record_id".into(), Value::String(id));
            }
            if let Some(d) = date {
                article.meta.insert("warc_date".into(), Value::String(d));
            }
            let location = format!("{}#{}", self.path, self.record);
            return Ok(Some(finish(article, &self.options, &location)));
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(a)) => Some(Ok(a)),
            Ok(None) => {
                self.done = true;
                if self.record == 0 {
                    return Some(Err(ReadError { location: self.path.clone(), reason: "empty file".into() }));
                }
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// What a `resource` record holds (the document itself, no HTTP header).
enum Resource {
    Html(String),
    Plain(String),
}

/// The text of a resource record: HTML or XHTML (declared, or sniffed when no type is
/// given), or plain text; `None` for other types (images, PDFs, ...).
fn resource_content(content: Vec<u8>, content_type: &str) -> Option<Resource> {
    let charset = content_type.split("charset=").nth(1).map(|c| c.trim_matches(['"', '\'', ' ', ';']).to_string());
    let html = content_type.contains("text/html") || content_type.contains("application/xhtml") || {
        let start = content.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(content.len());
        content_type.is_empty() && content.get(start..start + 1) == Some(b"<")
    };
    if html {
        return decode_html_bytes(content, charset.as_deref()).map(Resource::Html);
    }
    if content_type.starts_with("text/plain") {
        if let Some(r) = crate::charset::decode_wide(&content) {
            return r.ok().map(Resource::Plain);
        }
        return String::from_utf8(content).ok().map(Resource::Plain);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The HTML body of an HTTP response as text, or `None` when it is not a successful HTML
/// response.
fn http_html(content: &[u8], max: usize) -> Option<String> {
    let (head_end, body_start) = match find(content, b"\r\n\r\n") {
        Some(p) => (p, p + 4),
        None => {
            let p = find(content, b"\n\n")?;
            (p, p + 2)
        }
    };
    let head = String::from_utf8_lossy(&content[..head_end]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    let mut body = content[body_start..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let limit = max as u64 + 1;
        let ok = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..]).take(limit).read_to_end(&mut out).is_ok()
        } else {
            flate2::read::ZlibDecoder::new(&body[..]).take(limit).read_to_end(&mut out).is_ok()
        };
        if !ok || out.len() > max {
            return None;
        }
        body = out;
    }
    let declared_html = content_type.contains("text/html") || content_type.contains("application/xhtml");
    let sniffed_html = content_type.is_empty() && {
        let start = body.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(body.len());
        body.get(start..start + 1) == Some(b"<")
    };
    if !declared_html && !sniffed_html {
        return None;
    }
    let charset = content_type.split("charset=").nth(1).map(|c| c.trim_matches(['"', '\'', ' ', ';']).to_string());
    decode_html_bytes(body, charset.as_deref())
}

/// Page bytes to text (see the `charset` module): UTF-16/32 by their BOM, a charset declared
/// in the HTTP header, UTF-8, a charset the page declares, Windows-1252.
pub(crate) fn decode_html_bytes(body: Vec<u8>, charset: Option<&str>) -> Option<String> {
    if let Some(r) = crate::charset::decode_wide(&body) {
        return r.ok();
    }
    crate::charset::decode_markup(&body, charset)
}

/// Undo HTTP chunked transfer encoding; `None` when the framing is broken.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size_hex = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, payload: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-18T01:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
            payload.len()
        )
    }

    fn read(input: &[u8], max: usize) -> Vec<Result<Article, String>> {
        let opts = ReadOptions { max_bytes: max, ..Default::default() };
        WarcRecords::new(input, "c.warc".into(), opts).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn response_records_become_articles() {
        let page = "<html><head><title>T</title></head><body><p>Story text.</p></body></html>";
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\
                       7\r\n<p>Chun\r\n8\r\nked.</p>\r\n0\r\n\r\n";
        let input = [
            record("warcinfo", "", "software: x"),
            record("request", "https://x.org/a", "GET /a HTTP/1.1\r\n\r\n"),
            record("response", "https://x.org/a", &http),
            record("response", "https://x.org/img", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG"),
            record("response", "https://x.org/moved", "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>moved</p>"),
            record("response", "https://x.org/c", chunked),
        ]
        .concat();
        let got = read(input.as_bytes(), 1 << 20);
        assert_eq!(got.len(), 2, "{got:?}");
        let a = got[0].as_ref().expect("first");
        assert_eq!((a.text.as_str(), a.url.as_deref(), a.title.as_deref()), ("Story text.", Some("https://x.org/a"), Some("T")));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-18"));
        assert_eq!(a.source.as_deref(), Some("c.warc#3"));
        assert_eq!(a.meta.get("warc_record_id"), Some(&Value::String("<urn:uuid:response>".into())));
        assert_eq!(got[1].as_ref().map(|a| a.text.as_str()), Ok("Chunked."));
    }

    #[test]
    fn bad_records() {
        let big = record("response", "https://x.org/big", &format!("HTTP/1.1 200 OK\r\n\r\n<p>{}</p>", "x".repeat(200)));
        let got = read(big.as_bytes(), 100);
        assert_eq!(got, [Err("c.warc: record 1: document is 226 bytes, over the limit of 100".to_string())]);
        let truncated = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x";
        assert_eq!(read(truncated.as_bytes(), 1000), [Err("c.warc: record 1: truncated record: 23 of 500 bytes".to_string())]);
        assert_eq!(
            read(b"hello\n", 1000),
            [Err("c.warc: record 1: expected a WARC/1.x header line, found \"hello\" (a wrong Content-Length in the record before?); no record follows".to_string())]
        );
        assert_eq!(read(b"", 1000), [Err("c.warc: empty file".to_string())]);
        assert_eq!(read(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n", 1000), [Err("c.warc: record 1: missing or invalid Content-Length".to_string())]);
    }

    #[test]
    fn charsets() {
        assert_eq!(decode_html_bytes(b"caf\xe9".to_vec(), Some("iso-8859-1")).as_deref(), Some("café"));
        assert_eq!(decode_html_bytes(b"<meta charset=windows-1252>\x93q\x94".to_vec(), None).as_deref(), Some("<meta charset=windows-1252>“q”"));
        assert_eq!(decode_html_bytes("é".as_bytes().to_vec(), None).as_deref(), Some("é"));
        assert_eq!(decode_html_bytes(b"\xff".to_vec(), Some("x-klingon")), None);
        assert_eq!(decode_html_bytes(b"\x82\xa0".to_vec(), Some("shift_jis")).as_deref(), Some("あ"));
    }
}
