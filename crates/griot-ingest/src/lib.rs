//! griot-ingest reads news into [`Article`]s. It is the only crate that reads input files; it
//! does no analysis. Every reader fills the same record: `id` (the input's own id, else `"a"` +
//! the first 16 hex digits of the SHA-256 of the text, see [`content_id`]), `url`, `title`,
//! `date`, `lang`, `source` (the input's own `source` field or `Source:` header, else the file
//! path: `path:LINE` for JSON lines, `path#N` for the Nth item of a JSON array or feed or the
//! Nth WARC record, `-` for stdin), `text`, and `meta` for everything else the input carried.
//! Tools: `examples/show.rs` prints what the readers make of some files, `examples/read_speed.rs`
//! measures throughput.
//!
//! Network: [`fetch`] is griot's HTTP client (for `griot follow` and webhooks: robots.txt,
//! per-host limits, timeouts, size limits, retries), [`follow`] reads what it fetches (feed
//! items, item pages), [`testing`] is a loopback server for tests; `examples/follow_speed.rs`
//! measures following.
//!
//! Formats, chosen by extension (after removing `.gz`), else by sniffing the first bytes
//! (`{` JSON lines, or one pretty-printed JSON object when the first line does not close it;
//! `[` JSON; `<` HTML or feed; `WARC/` WARC; anything else plain text):
//! - plain text (`.txt`, `.text`, `.md`, unknown): optional leading `Title:`, `Date:`, `URL:`,
//!   `Source:`, `Lang:`, `Id:` lines, then the text (see the `text` module);
//! - JSON lines (`.jsonl`, `.ndjson`, `.jl`) and JSON (`.json`): fields `id`, `url`, `title`, `date`,
//!   `text` (or `body`, `content`), `lang`, `source`; unknown fields kept in `meta`;
//! - HTML (`.html`, `.htm`, `.xhtml`, `.shtml`): main-text extraction and metadata, see
//!   [`extract_html`];
//! - RSS and Atom feeds (`.rss`, `.atom`, `.xml`, or sniffed `<rss`/`<feed`): one article per item;
//! - WARC (`.warc`): one article per HTML response record, streamed;
//! - gzip: any of these with `.gz` (or gzip magic bytes), multi-member files included;
//! - directories: walked recursively in path order (symbolic links to folders are not
//!   followed), skipping hidden entries and files with binary, web-asset or table extensions
//!   ([`is_skipped_in_directory`]); `-` reads stdin.
//!
//! Dates are read by [`parse_date`]; a date that does not parse is kept in `meta["date_raw"]`
//! and the article gets `ReadOptions::default_date` (as do articles without a date). The text is
//! never rewritten: only a UTF-8 byte order mark is removed (and, for HTML and feeds, the text is
//! what the extraction produced). Character sets (the `charset` module, by `encoding_rs`): UTF-16
//! and UTF-32 with a BOM are converted to UTF-8 first, for every format; HTML and feeds that are
//! not UTF-8 are decoded by the charset they declare (XML declaration, `<meta charset>`, HTTP
//! header in WARC), else as Windows-1252; plain text and JSON must be UTF-8. ARC files
//! (`.arc`, or sniffed `filedesc://`) are refused by name.
//!
//! Errors: bad input never panics and never stops the batch. Each problem is one [`ReadError`]
//! whose `location` is the file path (`path:LINE` for a JSON line) and whose `reason` is one of:
//! `no such file`, `permission denied`, `empty file`, `binary content`,
//! `not UTF-8 text: invalid byte at offset N`, `document is N bytes, over the limit of M` (the
//! limit applies per document: a file, a JSON line, a WARC record; it is checked while reading),
//! `invalid JSON at column C: ...`, `field "text" is missing`, `gzip data is corrupt: ...`,
//! `no text found in HTML page`, `item N: ...` (feeds, JSON arrays), `record N: ...` (WARC),
//! `not a regular file (a named pipe)` (pipes, devices and sockets named as inputs are refused
//! before opening), `gzip data expands more than 100 times ...` (see [`GZIP_MAX_RATIO`]).
//!
//! Warnings ([`ReadWarning`], collected by [`Articles::warnings`]): a publication date that is
//! present but refused (impossible such as `2024-02-30`, outside [`YEARS`], a timestamp out of
//! range) names the location and the value; the article is kept, undated or with `--date`.
//!
//! Streaming: [`read_inputs`] yields articles one by one; a directory is listed one folder at a
//! time, JSON lines and WARC files are read record by record, and other documents are read
//! whole up to the size limit.
//!
//! ```
//! use griot_ingest::{read_bytes, ReadOptions};
//! let items = read_bytes("note.txt", b"Title: Pact revoked\nDate: March 17, 2024\n\nNiger revoked the pact.\n", &ReadOptions::default());
//! let article = items[0].as_ref().unwrap();
//! assert_eq!(article.title.as_deref(), Some("Pact revoked"));
//! assert_eq!(article.date.unwrap().to_string(), "2024-03-17");
//! assert_eq!(article.text, "Niger revoked the pact.");
//! ```

mod charset;
mod date;
mod dom;
mod feed;
pub mod fetch;
pub mod follow;
pub mod testing;
mod html;
mod json;
mod markup;
mod text;
mod warc;

pub use date::{date_problem, parse_date, YEARS};
pub use html::{extract_html, HtmlPage};

use chrono::NaiveDate;
use griot_text::Article;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Limits and defaults for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Documents larger than this many bytes (after decompression) are skipped with an error.
    /// For JSON lines the limit applies to each line, for WARC to each record.
    pub max_bytes: usize,
    /// Publication date for articles that carry none.
    pub default_date: Option<NaiveDate>,
    /// Where readers leave their warnings (see [`Articles::warnings`]).
    pub warnings: Warnings,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: 8 * 1024 * 1024, default_date: None, warnings: Warnings::default() }
    }
}

/// Gzip input may expand at most this many times its compressed size (beyond the first
/// [`GZIP_SLACK`] bytes); more is taken for a decompression bomb and the input is skipped.
/// News text compresses 3 to 10 times; a file of blank lines 1,000 times.
pub const GZIP_MAX_RATIO: u64 = 100;
/// Decompressed bytes always allowed before [`GZIP_MAX_RATIO`] applies.
pub const GZIP_SLACK: u64 = 64 * 1024 * 1024;

/// Something worth saying about an input that was read all the same, such as a publication
/// date that is not a date (the article is then undated, or gets `--date`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ReadWarning {
    /// File path, with `:LINE` for JSON lines or `#N` for the Nth item or record.
    pub location: String,
    pub message: String,
}

/// Shared list of warnings, filled by the readers, emptied by [`Articles::warnings`].
#[derive(Debug, Clone, Default)]
pub struct Warnings(Arc<Mutex<Vec<ReadWarning>>>);

impl Warnings {
    pub(crate) fn push(&self, location: &str, message: String) {
        if let Ok(mut w) = self.0.lock() {
            w.push(ReadWarning { location: location.to_string(), message });
        }
    }

    /// The warnings so far, in order; the list is left empty.
    pub fn take(&self) -> Vec<ReadWarning> {
        self.0.lock().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default()
    }
}

/// One input problem: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}")]
pub struct ReadError {
    /// File path, with `:LINE` for JSON lines; `-` for stdin.
    pub location: String,
    pub reason: String,
}

/// The derived article id: `"a"` + the first 16 hex digits of the SHA-256 of the text.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut id = String::with_capacity(17);
    id.push('a');
    for byte in &digest[..8] {
        use std::fmt::Write;
        let _ = write!(id, "{byte:02x}");
    }
    id
}

/// Fill the derived fields: the content id when the input had none, the default date; warn
/// (at `location`) about a publication date that was there but is not a date.
pub(crate) fn finish(mut article: Article, options: &ReadOptions, location: &str) -> Article {
    if article.id.is_empty() {
        article.id = content_id(&article.text);
    }
    let epoch = article.meta.remove("date_epoch").and_then(|v| v.as_i64());
    if article.date.is_none() {
        if let Some(Value::String(raw)) = article.meta.get("date_raw") {
            let why = match epoch {
                Some(n) => date::epoch_problem(n),
                None => date_problem(raw),
            };
            let then = if options.default_date.is_some() { "the --date given is used" } else { "the article is undated" };
            options.warnings.push(location, format!("publication date {raw:?} refused: {why}; {then}"));
        }
        article.date = options.default_date;
    }
    article
}

/// Set the date from a raw value, or keep the raw value in `meta["date_raw"]`.
pub(crate) fn set_date(article: &mut Article, raw: &str) {
    match parse_date(raw) {
        Some(d) => article.date = Some(d),
        None if !raw.trim().is_empty() => {
            article.meta.insert("date_raw".into(), Value::String(raw.trim().to_string()));
        }
        None => {}
    }
}

/// The reason for an IO error, lower case.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if let Some(x) = e.get_ref().and_then(|i| i.downcast_ref::<Expansion>()) {
        return x.to_string();
    }
    match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::InvalidInput | ErrorKind::InvalidData | ErrorKind::UnexpectedEof => {
            format!("gzip data is corrupt: {}", lower(&e.to_string()))
        }
        _ => format!("read error: {}", lower(&e.to_string())),
    }
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Binary content: a NUL byte in the first 8 KiB, or the magic bytes of a PDF.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).is_some() || head.starts_with(b"%PDF-")
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Text,
    JsonLines,
    Json,
    Html,
    /// `.xml`, `.rss`, `.atom`: must be a feed.
    Feed,
    /// Sniffed `<`: a feed when it starts like one, else HTML.
    Markup,
    Warc,
    /// Unknown: decided from the first bytes.
    Sniff,
    /// The Internet Archive's ARC format (before WARC): refused by name.
    Arc,
}

const ARC_REASON: &str = "ARC archive (the Internet Archive's format before WARC) is not read; convert it to WARC first (for instance with warcio or JWAT)";

/// The file name (last path component), lower case.
fn file_name_lower(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase()
}

/// Whether the name ends in `.gz`, and the extension before it.
fn split_extension(name: &str) -> (bool, String) {
    let file = file_name_lower(name);
    let (gz, base) = match file.strip_suffix(".gz").or_else(|| file.strip_suffix(".gzip")) {
        Some(b) => (true, b.to_string()),
        None => (false, file),
    };
    let ext = base.rsplit_once('.').map(|(stem, e)| if stem.is_empty() { "" } else { e }).unwrap_or("");
    (gz, ext.to_string())
}

fn format_of_extension(ext: &str) -> Format {
    match ext {
        "txt" | "text" | "md" => Format::Text,
        "jsonl" | "ndjson" | "jl" => Format::JsonLines,
        "json" => Format::Json,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        "warc" => Format::Warc,
        "arc" => Format::Arc,
        _ => Format::Sniff,
    }
}

const SKIPPED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "tif", "tiff", "svg", "avif", "heic", "pdf", "zip", "tar", "tgz",
    "bz2", "xz", "zst", "7z", "rar", "exe", "dll", "so", "dylib", "bin", "o", "a", "class", "jar", "pyc", "wasm", "mp3",
    "mp4", "m4a", "wav", "ogg", "flac", "avi", "mov", "mkv", "webm", "woff", "woff2", "ttf", "otf", "eot", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "sqlite", "db", "parquet", "arrow", "npy", "npz", "pkl", "css", "js",
    "mjs", "map", "wal", "shm", "lock", "idx", "pack", "csv", "tsv",
];

/// Whether a file met while walking a directory is skipped without an error: hidden files
/// (`.name`) and binary, web-asset or table extensions (`.png`, `.pdf`, `.zip`, `.css`, `.js`,
/// `.csv`...).
/// Files named explicitly are always read.
pub fn is_skipped_in_directory(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') {
        return true;
    }
    let (_, ext) = split_extension(&name);
    SKIPPED_EXTENSIONS.contains(&ext.as_str())
}

type Items<'a> = Box<dyn Iterator<Item = Result<Article, ReadError>> + Send + 'a>;

fn one_error<'a>(location: &str, reason: impl Into<String>) -> Items<'a> {
    Box::new(std::iter::once(Err(ReadError { location: location.to_string(), reason: reason.into() })))
}

/// Read one input stream: decompress when needed, then read by format.
fn read_stream<'a, R: BufRead + Send + 'a>(
    mut reader: R,
    location: &str,
    name: &str,
    known_len: Option<u64>,
    options: &ReadOptions,
) -> Items<'a> {
    let (gz_name, ext) = split_extension(name);
    let format = if name == "-" { Format::Sniff } else { format_of_extension(&ext) };
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) => return one_error(location, io_reason(&e)),
    };
    if head.is_empty() {
        return one_error(location, "empty file");
    }
    if gz_name || head.starts_with(&[0x1f, 0x8b]) {
        let consumed = Arc::new(AtomicU64::new(0));
        let counted = CountConsumed { inner: reader, consumed: consumed.clone() };
        let capped = Capped { inner: flate2::bufread::MultiGzDecoder::new(counted), consumed, produced: 0 };
        let inner = BufReader::with_capacity(1 << 16, capped);
        return read_decoded(inner, location, format, None, options);
    }
    read_decoded(reader, location, format, known_len, options)
}

/// Counts the compressed bytes the decoder has taken.
struct CountConsumed<R> {
    inner: R,
    consumed: Arc<AtomicU64>,
}

impl<R: Read> Read for CountConsumed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountConsumed<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.consumed.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt)
    }
}

/// The error that stops a decompression bomb.
#[derive(Debug)]
struct Expansion {
    produced: u64,
    consumed: u64,
}

impl std::fmt::Display for Expansion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "gzip data expands more than {GZIP_MAX_RATIO} times ({} bytes from {}): skipped as a likely decompression bomb",
            self.produced, self.consumed
        )
    }
}

impl std::error::Error for Expansion {}

/// Stops decompressing when the output outgrows [`GZIP_MAX_RATIO`] times the input.
struct Capped<R> {
    inner: R,
    consumed: Arc<AtomicU64>,
    produced: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.produced += n as u64;
        let consumed = self.consumed.load(Ordering::Relaxed);
        if self.produced > consumed.saturating_mul(GZIP_MAX_RATIO).saturating_add(GZIP_SLACK) {
            return Err(std::io::Error::other(Expansion { produced: self.produced, consumed }));
        }
        Ok(n)
    }
}

/// Skip a BOM and whitespace at the start of a buffer.
fn content_start(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(head.len());
    &head[start..]
}

fn sniff(head: &[u8]) -> Format {
    let s = content_start(head);
    match s.first() {
        Some(b'{') => Format::JsonLines,
        Some(b'[') => Format::Json,
        Some(b'<') => Format::Markup,
        _ if s.starts_with(b"WARC/") => Format::Warc,
        _ if s.starts_with(b"filedesc://") => Format::Arc,
        _ => Format::Text,
    }
}

/// Whether the first line in `head` closes the object it opens (ends with `}`), as JSON lines
/// do; true when the line does not end within `head`.
fn first_line_is_whole(head: &[u8]) -> bool {
    let s = content_start(head);
    match memchr::memchr(b'\n', s) {
        Some(p) => s[..p].trim_ascii_end().ends_with(b"}"),
        None => true,
    }
}

fn read_decoded<'a, R: BufRead + Send + 'a>(
    mut reader: R,
    location: &str,
    mut format: Format,
    known_len: Option<u64>,
    options: &ReadOptions,
) -> Items<'a> {
    if format == Format::Sniff {
        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => return one_error(location, io_reason(&e)),
        };
        if head.is_empty() {
            return one_error(location, "empty file");
        }
        if charset::is_wide(head) {
            // UTF-16/32: decoded as a whole document first, sniffed after
        } else if !content_start(head).is_empty() {
            format = sniff(head);
            if format == Format::JsonLines && !first_line_is_whole(head) {
                // Pretty-printed JSON: one document over several lines.
                format = Format::Json;
            }
        }
    }
    let wide = matches!(format, Format::JsonLines | Format::Warc) && reader.fill_buf().is_ok_and(charset::is_wide);
    match format {
        Format::Arc => one_error(location, ARC_REASON),
        Format::JsonLines if !wide => Box::new(json::JsonLines::new(reader, location.to_string(), options.clone())),
        Format::Warc if !wide => Box::new(warc::WarcRecords::new(reader, location.to_string(), options.clone())),
        _ => {
            let max = options.max_bytes;
            if let Some(len) = known_len.filter(|&l| l > max as u64) {
                return one_error(location, format!("document is {len} bytes, over the limit of {max}"));
            }
            let cap = known_len.map_or(1 << 16, |l| l as usize + 1).min(max.saturating_add(1));
            let mut bytes = Vec::with_capacity(cap);
            if let Err(e) = (&mut reader).take(max as u64 + 1).read_to_end(&mut bytes) {
                return one_error(location, io_reason(&e));
            }
            if bytes.len() > max {
                // Count the rest without keeping it, up to 1 GiB more.
                let limit = 1u64 << 30;
                let counted = match std::io::copy(&mut (&mut reader).take(limit), &mut std::io::sink()) {
                    Ok(n) => n,
                    Err(e) => return one_error(location, io_reason(&e)),
                };
                let total = bytes.len() as u64 + counted;
                let more = if counted >= limit { "more than " } else { "" };
                return one_error(location, format!("document is {more}{total} bytes, over the limit of {max}"));
            }
            Box::new(read_document(&bytes, location, format, options).into_iter())
        }
    }
}

/// Read one whole document from its bytes (decompressed).
fn read_document(bytes: &[u8], location: &str, mut format: Format, options: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let err = |reason: String| vec![Err(ReadError { location: location.to_string(), reason })];
    // UTF-16 and UTF-32 (with their BOM) become UTF-8 before anything looks at the bytes.
    let converted;
    let bytes = match charset::decode_wide(bytes) {
        Some(Ok(text)) => {
            converted = text.into_bytes();
            &converted[..]
        }
        Some(Err(reason)) => return err(reason),
        None => bytes,
    };
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let body = &bytes[bom..];
    if body.iter().all(|c| c.is_ascii_whitespace()) {
        return err("empty file".into());
    }
    if looks_binary(body) {
        return err("binary content".into());
    }
    if format == Format::Sniff {
        format = sniff(body);
    }
    if format == Format::Arc {
        return err(ARC_REASON.into());
    }
    if matches!(format, Format::JsonLines | Format::Warc) {
        return read_decoded(body, location, format, None, options).collect();
    }
    let decoded: std::borrow::Cow<str> = match std::str::from_utf8(body) {
        Ok(t) => t.into(),
        Err(e) => {
            // Pages and feeds may declare a legacy charset (XML declaration, <meta charset>);
            // without one, markup falls back to Windows-1252 as browsers do.
            let legacy = matches!(format, Format::Html | Format::Markup | Format::Feed).then(|| charset::decode_markup(body, None)).flatten();
            match legacy {
                Some(t) => t.into(),
                None => return err(format!("not UTF-8 text: invalid byte at offset {}", bom + e.valid_up_to())),
            }
        }
    };
    let text: &str = &decoded;
    if format == Format::Markup {
        format = if feed::is_feed(text) { Format::Feed } else { Format::Html };
    }
    match format {
        Format::Text => vec![text::read_text(text, location, options).map_err(|reason| ReadError { location: location.to_string(), reason })],
        Format::Json => json::read_json(text, location, options),
        Format::Feed => {
            if feed::is_feed(text) {
                feed::read_feed(text, location, options)
            } else {
                err("not an RSS or Atom feed".into())
            }
        }
        _ => vec![html_article(text, location, options)],
    }
}

/// Warn when the parser stopped before the end of a page (a bound on the work of one page).
pub(crate) fn warn_if_stopped(page: &HtmlPage, location: &str, options: &ReadOptions) {
    if let Some((at, why)) = page.stopped_at {
        options.warnings.push(location, format!("HTML page read up to byte {at} only: {why}"));
    }
}

fn html_article(html: &str, location: &str, options: &ReadOptions) -> Result<Article, ReadError> {
    let page = extract_html(html);
    warn_if_stopped(&page, location, options);
    if page.text.is_empty() {
        return Err(ReadError { location: location.to_string(), reason: "no text found in HTML page".into() });
    }
    let mut article = Article {
        text: page.text,
        title: page.title,
        url: page.url,
        lang: page.lang,
        date: page.date,
        source: Some(location.to_string()),
        ..Default::default()
    };
    for (key, value) in
        [("date_raw", page.date_raw), ("site_name", page.site_name), ("author", page.author), ("description", page.description)]
    {
        if let Some(v) = value {
            article.meta.insert(key.into(), Value::String(v));
        }
    }
    Ok(finish(article, options, location))
}

/// Read one document held in memory. `name` chooses the format by its extension (`-` or an
/// unknown extension: by sniffing) and is the location in errors and the article's `source`.
/// Gzip content is decompressed. Used by the demo (embedded examples) and by tests.
pub fn read_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    read_stream(bytes, name, name, Some(bytes.len() as u64), options).collect()
}

/// One directory entry to visit.
enum Entry {
    File(PathBuf),
    Dir(PathBuf),
    Error(ReadError),
}

/// The streaming reader behind [`read_inputs`].
pub struct Articles {
    options: ReadOptions,
    inputs: std::vec::IntoIter<String>,
    /// Open directories, innermost last, each with its remaining entries in path order.
    dirs: Vec<std::vec::IntoIter<Entry>>,
    current: Option<Items<'static>>,
    /// Bytes read from input files so far (compressed bytes for gzip), for progress bars.
    progress: Arc<AtomicU64>,
}

/// Counts the bytes read from a file.
struct CountRead<R> {
    inner: R,
    n: Arc<AtomicU64>,
}

impl<R: Read> Read for CountRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.fetch_add(k as u64, Ordering::Relaxed);
        Ok(k)
    }
}

/// The total size of the input files that [`read_inputs`] would read (directories walked
/// with the same rules), for a progress bar; `None` when stdin is among them.
pub fn input_bytes(inputs: &[String]) -> Option<u64> {
    fn walk(path: &Path, total: &mut u64) {
        let Ok(entries) = list_dir(path) else { return };
        for e in entries {
            match e {
                Entry::File(p) => *total += std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0),
                Entry::Dir(p) => walk(&p, total),
                Entry::Error(_) => {}
            }
        }
    }
    let mut total = 0u64;
    for input in inputs {
        if input == "-" {
            return None;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(Path::new(input), &mut total),
            Ok(m) if m.is_file() => total += m.len(),
            _ => {}
        }
    }
    Some(total)
}

fn location_of(path: &Path) -> String {
    path.display().to_string()
}

fn list_dir(path: &Path) -> Result<Vec<Entry>, ReadError> {
    let read = std::fs::read_dir(path).map_err(|e| ReadError { location: location_of(path), reason: io_reason(&e) })?;
    let mut entries = Vec::new();
    for entry in read {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                entries.push((PathBuf::new(), Entry::Error(ReadError { location: location_of(path), reason: io_reason(&e) })));
                continue;
            }
        };
        let p = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                entries.push((p.clone(), Entry::Error(ReadError { location: location_of(&p), reason: io_reason(&e) })));
                continue;
            }
        };
        if file_type.is_dir() {
            entries.push((p.clone(), Entry::Dir(p)));
        } else if file_type.is_symlink() {
            // Follow links to files; links to directories are not followed (no cycles).
            if std::fs::metadata(&p).is_ok_and(|m| m.is_file()) && !is_skipped_in_directory(&p) {
                entries.push((p.clone(), Entry::File(p)));
            }
        } else if file_type.is_file() && !is_skipped_in_directory(&p) {
            entries.push((p.clone(), Entry::File(p)));
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries.into_iter().map(|(_, e)| e).collect())
}

impl Articles {
    fn open_file(&self, path: &Path) -> Items<'static> {
        let location = location_of(path);
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return one_error(&location, io_reason(&e)),
        };
        let len = file.metadata().ok().map(|m| m.len());
        let name = path.to_string_lossy().into_owned();
        let counted = CountRead { inner: file, n: self.progress.clone() };
        read_stream(BufReader::with_capacity(1 << 18, counted), &location, &name, len, &self.options)
    }

    fn open_input(&mut self, input: &str) -> Option<Items<'static>> {
        if input == "-" {
            let stdin = BufReader::with_capacity(1 << 18, std::io::stdin());
            return Some(read_stream(stdin, "-", "-", None, &self.options));
        }
        let path = Path::new(input);
        match std::fs::metadata(path) {
            Err(e) => Some(one_error(input, io_reason(&e))),
            Ok(m) if m.is_dir() => {
                match list_dir(path) {
                    Ok(entries) => self.dirs.push(entries.into_iter()),
                    Err(e) => return Some(Box::new(std::iter::once(Err(e)))),
                }
                None
            }
            Ok(m) if !m.is_file() => Some(one_error(input, format!("not a regular file ({})", kind_of_file(&m)))),
            Ok(_) => Some(self.open_file(path)),
        }
    }

    /// Bytes read from input files so far (compressed bytes for gzip; stdin not counted).
    pub fn bytes_read(&self) -> u64 {
        self.progress.load(Ordering::Relaxed)
    }

    /// Warnings from the readers since the last call (dates refused, ...), in order.
    pub fn warnings(&self) -> Vec<ReadWarning> {
        self.options.warnings.take()
    }
}

/// What a file that is neither a regular file nor a directory is. Such files (named pipes,
/// devices, sockets) are refused before they are opened, as reading one could block forever.
fn kind_of_file(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = m;
    "a special file"
}

impl Iterator for Articles {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = self.current.as_mut() {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if let Some(frame) = self.dirs.last_mut() {
                match frame.next() {
                    None => {
                        self.dirs.pop();
                    }
                    Some(Entry::Error(e)) => return Some(Err(e)),
                    Some(Entry::File(p)) => self.current = Some(self.open_file(&p)),
                    Some(Entry::Dir(p)) => match list_dir(&p) {
                        Ok(entries) => self.dirs.push(entries.into_iter()),
                        Err(e) => return Some(Err(e)),
                    },
                }
                continue;
            }
            let input = self.inputs.next()?;
            self.current = self.open_input(&input);
        }
    }
}

/// Read every input (file, directory or `-` for stdin), yielding articles and per-document
/// errors in input order (directories in path order). Nothing is read before the first call to
/// `next`, and at most one document (one line, one record) is held at a time.
pub fn read_inputs(inputs: &[String], options: &ReadOptions) -> Articles {
    Articles {
        options: options.clone(),
        inputs: Vec::from(inputs).into_iter(),
        dirs: Vec::new(),
        current: None,
        progress: Arc::new(AtomicU64::new(0)),
    }
}

#[cfg(test)]
mod tests;
