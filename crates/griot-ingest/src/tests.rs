//! End-to-end reader tests: formats chosen by name and by sniffing, errors, files,
//! directories, gzip, and a property test that no input makes a reader panic.

use super::*;
use std::io::Write;

/// One line per result: `ok ID|TITLE|DATE|TEXT` (ID `h` when derived from the text) or
/// `err LOCATION: REASON`.
fn show(results: Vec<Result<Article, ReadError>>) -> Vec<String> {
    results
        .into_iter()
        .map(|r| match r {
            Ok(a) => format!(
                "ok {}|{}|{}|{}",
                if a.id == content_id(&a.text) { "h" } else { a.id.as_str() },
                a.title.unwrap_or_default(),
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.text.replace('\n', "/")
            ),
            Err(e) => format!("err {e}"),
        })
        .collect()
}

fn check(name: &str, input: &[u8], expected: &[&str]) {
    assert_eq!(show(read_bytes(name, input, &ReadOptions::default())), expected, "input {name}");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

const PAGE: &str = "<html><head><title>Page title</title><meta name=date content=2024-03-16></head>\
                    <body><nav>Menu</nav><p>First paragraph.</p><p>Second one.</p></body></html>";
const RSS: &str = "<?xml version='1.0'?><rss><channel><item><title>T</title><guid>g1</guid>\
                   <pubDate>Sat, 16 Mar 2024 08:00:00 GMT</pubDate><description>Item text.</description></item></channel></rss>";

#[test]
fn formats_by_name() {
    check("a.txt", b"Title: T\nDate: 2024-03-17\n\nBody.\n", &["ok h|T|2024-03-17|Body."]);
    check("a.jsonl", b"{\"id\":\"x\",\"title\":\"T\",\"text\":\"Body.\"}\n", &["ok x|T||Body."]);
    check("a.json", b"[{\"id\":\"x\",\"text\":\"Body.\"}]", &["ok x|||Body."]);
    check("a.html", PAGE.as_bytes(), &["ok h|Page title|2024-03-16|First paragraph.//Second one."]);
    check("a.rss", RSS.as_bytes(), &["ok g1|T|2024-03-16|Item text."]);
    check("a.xml", b"<urlset><url>x</url></urlset>", &["err a.xml: not an RSS or Atom feed"]);
}

#[test]
fn formats_by_sniffing() {
    check("-", b"  {\"id\":\"x\",\"text\":\"Body.\"}\n{\"id\":\"y\",\"text\":\"Two.\"}", &["ok x|||Body.", "ok y|||Two."]);
    check("-", b"[{\"id\":\"x\",\"text\":\"Body.\"}]", &["ok x|||Body."]);
    check("-", b"{\n  \"id\": \"x\",\n  \"text\": \"Pretty.\"\n}\n", &["ok x|||Pretty."]);
    check("-", PAGE.as_bytes(), &["ok h|Page title|2024-03-16|First paragraph.//Second one."]);
    check("page", RSS.as_bytes(), &["ok g1|T|2024-03-16|Item text."]);
    check("-", b"Just words.", &["ok h|||Just words."]);
    let warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org\r\nContent-Length: 45\r\n\r\n\
                HTTP/1.1 200 OK\r\n\r\n<p>From the crawl.</p>\r\n\r\n";
    check("-", warc.as_bytes(), &["ok h|||From the crawl."]);
}

#[test]
fn ids_are_derived_from_the_text() {
    let a = read_bytes("x.txt", b"Same text.", &ReadOptions::default());
    let b = read_bytes("y.txt", b"\n\nSame text.\n\n", &ReadOptions::default());
    let c = read_bytes("z.txt", "\u{feff}Same text.".as_bytes(), &ReadOptions::default());
    let id = |r: &[Result<Article, ReadError>]| r[0].as_ref().map(|a| a.id.clone()).unwrap_or_default();
    assert_eq!(id(&a), content_id("Same text."));
    assert_eq!(id(&a), id(&b));
    assert_eq!(id(&a), id(&c));
    assert_eq!(content_id("Same text.").len(), 17);
}

#[test]
fn text_is_never_rewritten() {
    let input = "Line one\r\n  indented\ttab “quotes” ’\r\n\r\nLast";
    let got = read_bytes("a.txt", input.as_bytes(), &ReadOptions::default());
    assert_eq!(got[0].as_ref().map(|a| a.text.as_str()), Ok(input));
}

#[test]
fn default_date_fills_missing_and_unparsed_dates() {
    let opts = ReadOptions { default_date: NaiveDate::from_ymd_opt(2024, 3, 17), ..Default::default() };
    let got = read_bytes("a.jsonl", b"{\"text\":\"x\"}\n{\"text\":\"y\",\"date\":\"someday\"}\n{\"text\":\"z\",\"date\":\"2020-01-02\"}", &opts);
    let dates: Vec<String> = got.iter().map(|r| r.as_ref().map(|a| a.date.unwrap().to_string()).unwrap_or_default()).collect();
    assert_eq!(dates, ["2024-03-17", "2024-03-17", "2020-01-02"]);
    assert_eq!(got[1].as_ref().ok().and_then(|a| a.meta.get("date_raw")), Some(&Value::String("someday".into())));
}

#[test]
fn bad_documents() {
    check("a.txt", b"", &["err a.txt: empty file"]);
    check("a.txt", b" \n\t\n", &["err a.txt: empty file"]);
    check("a.txt", b"\xEF\xBB\xBF", &["err a.txt: empty file"]);
    check("a.txt", b"GIF89a\x00\x01", &["err a.txt: binary content"]);
    check("a.txt", b"%PDF-1.7 stuff", &["err a.txt: binary content"]);
    check("a.txt", b"caf\xe9 au lait", &["err a.txt: not UTF-8 text: invalid byte at offset 3"]);
    check("a.txt", b"\xEF\xBB\xBFcaf\xe9", &["err a.txt: not UTF-8 text: invalid byte at offset 6"]);
    check("a.html", b"<html><body><script>x</script></body></html>", &["err a.html: no text found in HTML page"]);
    check("a.json", b"{\"text\": ", &["err a.json: invalid JSON at line 1 column 9: EOF while parsing a value"]);
    check("a.rss", b"<rss><channel></channel></rss>", &["err a.rss: feed has no items"]);
    check("a.jsonl", b"\x00\x01\x02", &["err a.jsonl: binary content"]);
}

#[test]
fn legacy_charset_html() {
    let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me.</p></body></html>";
    check("a.html", page, &["ok h|||Café crème."]);
}

#[test]
fn size_limit() {
    let opts = ReadOptions { max_bytes: 10, ..Default::default() };
    let got = show(read_bytes("a.txt", b"more than ten bytes", &opts));
    assert_eq!(got, ["err a.txt: document is 19 bytes, over the limit of 10"]);
    let got = show(read_bytes("a.txt.gz", &gzip(b"more than ten bytes"), &opts));
    assert_eq!(got, ["err a.txt.gz: document is 19 bytes, over the limit of 10"]);
}

#[test]
fn gzip_inputs() {
    check("a.txt.gz", &gzip(b"Zipped words."), &["ok h|||Zipped words."]);
    // Multi-member gzip, detected by its magic bytes whatever the name.
    let mut two = gzip(b"{\"id\":\"1\",\"text\":\"x\"}\n");
    two.extend(gzip(b"{\"id\":\"2\",\"text\":\"y\"}\n"));
    check("feed.jsonl.gz", &two, &["ok 1|||x", "ok 2|||y"]);
    check("-", &two, &["ok 1|||x", "ok 2|||y"]);
    let mut corrupt = gzip(b"Some text that will be cut short by corruption of the stream.");
    let n = corrupt.len();
    corrupt[n / 2] ^= 0xff;
    corrupt[n / 2 + 1] ^= 0xff;
    let got = show(read_bytes("c.txt.gz", &corrupt, &ReadOptions::default()));
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("err c.txt.gz: gzip data is corrupt"), "{got:?}");
    let got = show(read_bytes("c.txt.gz", b"not gzip at all", &ReadOptions::default()));
    assert!(got[0].starts_with("err c.txt.gz: gzip data is corrupt"), "{got:?}");
    let truncated = &gzip(b"Text cut before the end of the stream, many words long.")[..20];
    let got = show(read_bytes("c.txt.gz", truncated, &ReadOptions::default()));
    assert!(got[0].starts_with("err c.txt.gz: gzip data is corrupt"), "{got:?}");
}

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("griot-ingest-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> String {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(&p, bytes).expect("write");
        p.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn directories_are_walked_in_order_and_errors_do_not_stop_the_batch() {
    let dir = TempDir::new("walk");
    dir.write("b.txt", b"Second file.");
    dir.write("a/z.jsonl", b"{\"id\":\"j1\",\"text\":\"one\"}\n{broken\n{\"id\":\"j3\",\"text\":\"three\"}\n");
    dir.write("a/y.html.gz", &gzip(PAGE.as_bytes()));
    dir.write("c/garbage.txt", b"\x00\x01\x02\x03");
    dir.write("c/empty.txt", b"");
    dir.write(".hidden/x.txt", b"hidden");
    dir.write(".dotfile", b"hidden");
    dir.write("pic.png", b"\x89PNG\r\n\x1a\n\x00");
    dir.write("style.css", b"p { color: red }");
    let root = dir.0.display().to_string();
    let missing = dir.0.join("missing.txt").display().to_string();
    let got = show(read_inputs(&[root.clone(), missing.clone()], &ReadOptions::default()).collect());
    let expected = [
        "ok h|Page title|2024-03-16|First paragraph.//Second one.".to_string(),
        "ok j1|||one".to_string(),
        format!("err {root}/a/z.jsonl:2: invalid JSON at column 2: key must be a string"),
        "ok j3|||three".to_string(),
        "ok h|||Second file.".to_string(),
        format!("err {root}/c/empty.txt: empty file"),
        format!("err {root}/c/garbage.txt: binary content"),
        format!("err {missing}: no such file"),
    ];
    assert_eq!(got, expected);
}

#[test]
fn explicit_binary_file_is_an_error() {
    let dir = TempDir::new("explicit");
    let png = dir.write("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    let got = show(read_inputs(std::slice::from_ref(&png), &ReadOptions::default()).collect());
    assert_eq!(got, [format!("err {png}: binary content")]);
}

#[test]
fn file_over_the_limit_is_not_read() {
    let dir = TempDir::new("limit");
    let big = dir.write("big.txt", &vec![b'a'; 5000]);
    let opts = ReadOptions { max_bytes: 1000, ..Default::default() };
    let got = show(read_inputs(std::slice::from_ref(&big), &opts).collect());
    assert_eq!(got, [format!("err {big}: document is 5000 bytes, over the limit of 1000")]);
}

#[test]
fn source_is_the_path() {
    let dir = TempDir::new("source");
    let f = dir.write("n.jsonl", b"{\"text\":\"x\"}\n");
    let got: Vec<_> = read_inputs(std::slice::from_ref(&f), &ReadOptions::default()).collect();
    assert_eq!(got[0].as_ref().ok().and_then(|a| a.source.clone()), Some(format!("{f}:1")));
}

#[test]
fn skipped_names() {
    for name in ["a.png", "x/.hidden", "b.PDF", "c.tar.gz", "d.js"] {
        assert!(is_skipped_in_directory(Path::new(name)), "{name}");
    }
    for name in ["a.txt", "b.html.gz", "c", "d.warc.gz", "e.JSONL"] {
        assert!(!is_skipped_in_directory(Path::new(name)), "{name}");
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    const NAMES: [&str; 10] = ["a.txt", "a.jsonl", "a.json", "a.html", "a.rss", "a.warc", "-", "a.txt.gz", "a", "a.xml"];

    const PIECES: [&str; 40] = [
        "<p>", "</p>", "<div class=nav>", "</div>", "<article>", "</article>", "<script>", "</script>", "<!--", "-->",
        "<![CDATA[", "]]>", "<rss><channel><item>", "</item>", "<feed><entry>", "<title>", "</title>", "&amp;", "&#x",
        "&#99999999;", "&", ";", "<", ">", "\"", "'", "=", " ", "\n", "é", "’", "{\"text\":", "\"x\"}", "WARC/1.0\r\n",
        "Content-Length: 5\r\n", "\r\n\r\n", "HTTP/1.1 200 OK\r\n", "Title: T\n", "Date: 2024-03-17\n", "<meta content",
    ];

    fn runner() -> TestRunner {
        // Fixed seed: the same cases on every run.
        TestRunner::new_with_rng(Config { cases: 400, ..Config::default() }, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
    }

    fn read_all(bytes: &[u8]) {
        let opts = ReadOptions { max_bytes: 4096, default_date: None, ..Default::default() };
        for name in NAMES {
            for item in read_bytes(name, bytes, &opts) {
                // Every result is well-formed: errors name the input, articles have text and an id.
                match item {
                    Ok(a) => assert!(!a.text.is_empty() && !a.id.is_empty()),
                    Err(e) => assert!(e.location.starts_with(name) && !e.reason.is_empty()),
                }
            }
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            let _ = parse_date(s);
            let _ = extract_html(s);
        }
    }

    #[test]
    fn arbitrary_bytes() {
        runner().run(&prop::collection::vec(any::<u8>(), 0..600), |bytes| {
            read_all(&bytes);
            Ok(())
        })
        .expect("no panic");
    }

    #[test]
    fn markup_like_soup() {
        let soup = prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..120).prop_map(|v| v.concat());
        runner()
            .run(&soup, |s| {
                read_all(s.as_bytes());
                read_all(&gzip(s.as_bytes()));
                Ok(())
            })
            .expect("no panic");
    }
}

/// Hand-written pages in the layouts news sites use (our own text), with the expected text.
#[test]
fn fixture_pages() {
    struct Case {
        page: &'static str,
        expected: &'static str,
        title: &'static str,
        date: &'static str,
        url: Option<&'static str>,
    }
    let cases = [
        Case {
            page: include_str!("../tests/fixtures/blog-layout.html"),
            expected: include_str!("../tests/fixtures/blog-layout.txt"),
            title: "Harbour strike ends after pay deal",
            date: "2023-05-09",
            url: Some("https://courier.example/2023/05/harbour-strike-ends/"),
        },
        Case {
            page: include_str!("../tests/fixtures/div-paragraphs.html"),
            expected: include_str!("../tests/fixtures/div-paragraphs.txt"),
            title: "Drought forces grain import tender",
            date: "2022-08-14",
            url: Some("https://wire.example/markets/drought-grain-tender-2022-08-14/"),
        },
        Case {
            page: include_str!("../tests/fixtures/old-table-layout.html"),
            expected: include_str!("../tests/fixtures/old-table-layout.txt"),
            title: "City council votes to close old bridge",
            date: "2001-11-23",
            url: None,
        },
    ];
    for case in cases {
        let page = extract_html(case.page);
        assert_eq!(page.text, case.expected.trim_end(), "text of {}", case.title);
        assert_eq!(page.title.as_deref(), Some(case.title));
        assert_eq!(page.date.map(|d| d.to_string()).as_deref(), Some(case.date), "date of {}", case.title);
        assert_eq!(page.url.as_deref(), case.url);
    }
}

#[test]
fn seed_article_is_read_byte_for_byte() {
    let seed = include_str!("../../../examples/niger-us-pact.txt");
    let opts = ReadOptions { default_date: NaiveDate::from_ymd_opt(2024, 3, 17), ..Default::default() };
    let got = read_bytes("examples/niger-us-pact.txt", seed.as_bytes(), &opts);
    let a = got[0].as_ref().expect("seed reads");
    assert_eq!(a.text, seed.trim_end());
    assert_eq!(a.id, content_id(seed.trim_end()));
    assert_eq!(a.date, opts.default_date);
    assert_eq!(a.source.as_deref(), Some("examples/niger-us-pact.txt"));
}

#[test]
fn warc_gz_by_name() {
    let payload = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>W</title><p>Crawled words.</p>";
    let record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/w\r\nWARC-Date: 2021-06-01T00:00:00Z\r\n\
         Content-Length: {}\r\n\r\n{payload}\r\n\r\n",
        payload.len()
    );
    // One gzip member per record, as crawlers write them.
    let mut file = gzip(b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    file.extend(gzip(record.as_bytes()));
    check("crawl.warc.gz", &file, &["ok h|W|2021-06-01|Crawled words."]);
}

#[test]
fn the_reader_can_move_to_another_thread() {
    fn is_send<T: Send>(_: &T) {}
    is_send(&read_inputs(&["-".to_string()], &ReadOptions::default()));
}

#[test]
fn gzip_bomb_is_stopped_early() {
    // 200 MB of newlines compress to about 200 KB: over 100 times, refused after the slack
    // without decompressing the whole stream.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b'\n'; 1 << 20];
    for _ in 0..200 {
        enc.write_all(&block).expect("in memory");
    }
    let bomb = enc.finish().expect("in memory");
    for name in ["blank.jsonl.gz", "blank.txt.gz", "-"] {
        let got = show(read_bytes(name, &bomb, &ReadOptions::default()));
        assert_eq!(got.len(), 1, "{name}: {got:?}");
        assert!(got[0].contains("gzip data expands more than 100 times") && got[0].contains("decompression bomb"), "{name}: {got:?}");
    }
    // ordinary text well within the ratio still reads
    let text = "{\"id\":\"1\",\"text\":\"Words of an article.\"}\n".repeat(1000);
    assert_eq!(read_bytes("ok.jsonl.gz", &gzip(text.as_bytes()), &ReadOptions::default()).len(), 1000);
}

#[test]
fn blank_line_flood_is_skipped_as_one_scan() {
    // 50 MB of blank lines then one document: the line number is still right
    let mut input = vec![b'\n'; 50 << 20];
    input.extend_from_slice(b"  \r\n{\"id\":\"x\",\"text\":\"After the flood.\"}\n\n");
    let opts = ReadOptions { max_bytes: 1 << 30, ..Default::default() };
    let got: Vec<_> = json::JsonLines::new(&input[..], "f.jsonl".into(), opts.clone()).collect();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].as_ref().unwrap().source.as_deref(), Some(format!("f.jsonl:{}", (50 << 20) + 2).as_str()));
    // only blank lines: the usual "empty file"
    let got = show(json::JsonLines::new(&b"\n\n \n"[..], "e.jsonl".into(), opts).collect());
    assert_eq!(got, ["err e.jsonl: empty file"]);
}

#[cfg(unix)]
#[test]
fn named_pipes_and_devices_are_refused_without_blocking() {
    let dir = TempDir::new("fifo");
    let fifo = dir.0.join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let mut inputs = vec!["/dev/null".to_string()];
    if made {
        inputs.push(fifo.display().to_string());
    }
    let got = show(read_inputs(&inputs, &ReadOptions::default()).collect());
    let mut expected = vec!["err /dev/null: not a regular file (a character device)".to_string()];
    if made {
        expected.push(format!("err {}: not a regular file (a named pipe)", fifo.display()));
    }
    assert_eq!(got, expected);
}

#[test]
fn refused_publication_dates_are_warnings_with_location_and_value() {
    let input = b"{\"id\":\"a\",\"date\":\"2024-02-30\",\"text\":\"One.\"}\n\
{\"id\":\"b\",\"date\":\"99999-01-01\",\"text\":\"Two.\"}\n\
{\"id\":\"c\",\"date\":\"0000-00-00\",\"text\":\"Three.\"}\n\
{\"id\":\"d\",\"date\":-99999999999999,\"text\":\"Four.\"}\n\
{\"id\":\"e\",\"date\":\"0001-01-01\",\"text\":\"Five.\"}\n\
{\"id\":\"f\",\"date\":\"-1\",\"text\":\"Six.\"}\n\
{\"id\":\"g\",\"date\":\"2024-03-17\",\"text\":\"Seven.\"}\n";
    let opts = ReadOptions::default();
    let got: Vec<Article> = read_bytes("d.jsonl", input, &opts).into_iter().map(|r| r.unwrap()).collect();
    assert!(got[..6].iter().all(|a| a.date.is_none()));
    assert!(got[..6].iter().all(|a| !a.meta.contains_key("date_epoch")));
    assert_eq!(got[6].date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
    let warnings: Vec<String> = opts.warnings.take().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "d.jsonl:1: publication date \"2024-02-30\" refused: not a valid calendar date; the article is undated",
            "d.jsonl:2: publication date \"99999-01-01\" refused: not a valid calendar date; the article is undated",
            "d.jsonl:3: publication date \"0000-00-00\" refused: not a valid calendar date; the article is undated",
            "d.jsonl:4: publication date \"-99999999999999\" refused: timestamp -99999999999999 is not a plausible publication time; the article is undated",
            "d.jsonl:5: publication date \"0001-01-01\" refused: year 1 is outside 1800..=2100; the article is undated",
            "d.jsonl:6: publication date \"-1\" refused: not a date griot reads (use YYYY-MM-DD); the article is undated",
        ]
    );
    // text headers and the --date fallback
    let opts = ReadOptions { default_date: NaiveDate::from_ymd_opt(2024, 3, 17), ..Default::default() };
    let got = read_bytes("n.txt", b"Date: 2024-13-01\n\nBody.\n", &opts);
    assert_eq!(got[0].as_ref().unwrap().date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
    let w = opts.warnings.take();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].to_string(), "n.txt: publication date \"2024-13-01\" refused: not a valid calendar date; the --date given is used");
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut v = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in s.encode_utf16() {
        v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    v
}

#[test]
fn utf16_and_utf32_with_a_bom_are_read() {
    for le in [true, false] {
        check("a.txt", &utf16("Title: Zürich talks\n\nNiger met Mali.", le), &["ok h|Zürich talks||Niger met Mali."]);
        check("-", &utf16(PAGE, le), &["ok h|Page title|2024-03-16|First paragraph.//Second one."]);
        check("a.jsonl", &utf16("{\"id\":\"x\",\"text\":\"Été.\"}\n", le), &["ok x|||Été."]);
        check("a.rss", &utf16(RSS, le), &["ok g1|T|2024-03-16|Item text."]);
    }
    let mut le32 = vec![0xFF, 0xFE, 0, 0];
    for c in "Un texte été.".chars() {
        le32.extend_from_slice(&(c as u32).to_le_bytes());
    }
    check("a.txt", &le32, &["ok h|||Un texte été."]);
    check("-", &le32, &["ok h|||Un texte été."]);
}

#[test]
fn legacy_charsets_in_feeds_and_pages() {
    let rss = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title><guid>g</guid>\
<description>Cr\xe8me br\xfbl\xe9e \x93quoted\x94.</description></item></channel></rss>";
    check("a.rss", rss, &["ok g|Café||Crème brûlée “quoted”."]);
    check("a.xml", rss, &["ok g|Café||Crème brûlée “quoted”."]);
    check("-", rss, &["ok g|Café||Crème brûlée “quoted”."]);
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4.</p></body></html>";
    check("a.html", page, &["ok h|||Привет."]);
    // undeclared and not UTF-8: Windows-1252, as browsers
    check("a.html", b"<html><body><p>Caf\xe9.</p></body></html>", &["ok h|||Café."]);
    // text and JSON must still be UTF-8
    check("a.txt", b"caf\xe9 au lait", &["err a.txt: not UTF-8 text: invalid byte at offset 3"]);
}

#[test]
fn bare_atom_entry_and_doctype_subset() {
    let entry = "<?xml version=\"1.0\"?><entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:e1</id><title>One entry</title>\
<updated>2024-03-17T10:00:00Z</updated><content>Just one entry.</content></entry>";
    check("e.atom", entry.as_bytes(), &["ok urn:e1|One entry|2024-03-17|Just one entry."]);
    check("-", entry.as_bytes(), &["ok urn:e1|One entry|2024-03-17|Just one entry."]);
    let dtd = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY pub \"Wire\"> <!ELEMENT x (#PCDATA)>]><rss><channel>\
<item><guid>d1</guid><title>T</title><description>Body &amp; more.</description></item></channel></rss>";
    check("d.xml", dtd.as_bytes(), &["ok d1|T||Body & more."]);
    let headlines = "<rss><channel><item><guid>h1</guid><title>Only a headline</title></item>\
<item><guid>h2</guid></item></channel></rss>";
    check("h.rss", headlines.as_bytes(), &["ok h1|Only a headline||Only a headline", "err h.rss: item 2: no text and no title"]);
}

fn warc_record(kind: &str, ctype: &str, payload: &str, length: Option<usize>) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://x.org/{kind}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
        length.unwrap_or(payload.len())
    )
}

#[test]
fn warc_resource_records_and_resynchronisation() {
    let resource = warc_record("resource", "text/html", "<html><body><p>Stored as a resource.</p></body></html>", None);
    let plain = warc_record("resource", "text/plain", "Plain resource words.", None);
    let image = warc_record("resource", "image/png", "\u{89}PNG", None);
    let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>From the crawl.</p>";
    let good = warc_record("response", "application/http; msgtype=response", http, None);
    // a record whose Content-Length is too short: the rest of its payload sits where the
    // next record should start
    let short = warc_record("response", "application/http; msgtype=response", http, Some(20));
    let file = format!("{resource}{plain}{image}{short}{good}");
    let got = show(read_bytes("c.warc", file.as_bytes(), &ReadOptions::default()));
    // the image resource is skipped silently, as non-HTML responses are
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0], "ok h|||Stored as a resource.");
    assert_eq!(got[1], "ok h|||Plain resource words.");
    assert!(got[2].starts_with("err c.warc: record 5: expected a WARC/1.x header line") && got[2].contains("skipped"), "{got:?}");
    // the valid record after the bad one is not lost
    assert_eq!(got[3], "ok h|||From the crawl.");
}

#[test]
fn arc_files_are_refused_by_name() {
    let arc = b"filedesc://IA-001102.arc 0.0.0.0 20240317000000 text/plain 76\n1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n\n";
    for name in ["crawl.arc", "crawl.arc.gz", "-"] {
        let input = if name.ends_with(".gz") { gzip(arc) } else { arc.to_vec() };
        let got = show(read_bytes(name, &input, &ReadOptions::default()));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("ARC archive") && got[0].contains("not read"), "{got:?}");
    }
}

#[test]
fn truncated_feeds_are_read_with_a_warning() {
    let cut = "<rss><channel><item><guid>a</guid><title>A</title><description>Whole.</description></item>\
<item><guid>b</guid><title>B</title><description>Cut sho";
    let opts = ReadOptions::default();
    let got = show(read_bytes("cut.rss", cut.as_bytes(), &opts));
    assert_eq!(got[0], "ok a|A||Whole.");
    let w = opts.warnings.take();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].to_string(), "cut.rss: the root element is not closed: the feed looks truncated, its last item may be cut short");
    let cdata = "<rss><channel><item><guid>c</guid><title>C</title><description><![CDATA[<p>Open for ever";
    let opts = ReadOptions::default();
    let _ = read_bytes("cdata.rss", cdata.as_bytes(), &opts);
    assert!(opts.warnings.take()[0].message.starts_with("a CDATA section is not closed"));
    let opts = ReadOptions::default();
    let _ = read_bytes("ok.rss", RSS.as_bytes(), &opts);
    assert!(opts.warnings.take().is_empty());
    // a long non-ASCII tail does not trip the check
    let long = format!("<rss><channel><item><guid>d</guid><description>{}</description></item></channel></rss>", "é".repeat(5000));
    let opts = ReadOptions::default();
    assert_eq!(read_bytes("long.rss", long.as_bytes(), &opts).len(), 1);
    assert!(opts.warnings.take().is_empty());
    let cut_long = &long[..long.len() - 41];
    let _ = read_bytes("cut-long.rss", cut_long.as_bytes(), &ReadOptions::default());
}

#[test]
fn every_named_character_reference_is_decoded_in_pages_and_feeds() {
    let page = "<title>Vu&ccaron;i&cacute; &amp; Pahor</title><p>&Zcaron;eljko &Scaron;ari&cacute; met &Dstrok;or&dstrok;e &ndash; &notin;&frac34 &NotEqualTilde;</p>";
    check("p.html", page.as_bytes(), &["ok h|Vučić & Pahor||Željko Šarić met Đorđe – ∉¾ ≂\u{338}"]);
    let rss = "<rss><channel><item><title>&Zcaron;eljko</title><description>Met &amp;Scaron;ari&amp;cacute;.</description></item></channel></rss>";
    check("f.rss", rss.as_bytes(), &["ok h|Željko||Met Šarić."]);
}

/// Hostile pages the old hand-written tree or html5ever alone would spend minutes or
/// gigabytes on: each is read (or refused) with a warning naming where reading stopped.
#[test]
fn hostile_pages_are_read_with_bounded_work() {
    let options = ReadOptions::default();
    let deep = format!("<p>Before the nesting.</p>{}<p>lost</p>", "<div>".repeat(100_000));
    let got = show(read_bytes("deep.html", deep.as_bytes(), &options));
    assert_eq!(got, ["ok h|||Before the nesting."]);
    let w = options.warnings.take();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].to_string().starts_with("deep.html: HTML page read up to byte "), "{}", w[0]);
    assert!(w[0].message.ends_with(": elements nested more than 200 deep"), "{}", w[0]);

    let wide = format!("<p>Many paragraphs.</p>{}", "<p>x ".repeat(1_000_000));
    let got = read_bytes("wide.html", wide.as_bytes(), &options);
    assert!(got[0].as_ref().is_ok_and(|a| a.text.starts_with("Many paragraphs.") && a.text.len() < 1_000_000));
    let w = options.warnings.take();
    assert!(w[0].message.ends_with(": more than 400000 elements and texts"), "{}", w[0]);

    // One tag with 600,000 distinct attributes (html5ever compares each new one with the
    // previous ones): the attributes past 256 are dropped before parsing.
    let attrs: String = (0..600_000).map(|k| format!(" a{k}=\">\"")).collect();
    let many = format!("<div class=story{attrs}><p>The text after the tag.</p></div>");
    assert_eq!(show(read_bytes("attrs.html", many.as_bytes(), &options)), ["ok h|||The text after the tag."]);
    let huge = format!("<meta name=description content=\"{}\"><p>Short text.</p>", "y".repeat(7_000_000));
    assert_eq!(show(read_bytes("huge.html", huge.as_bytes(), &options)), ["ok h|||Short text."]);
    assert!(options.warnings.take().is_empty());
}

/// The mutator of the fuzz targets (`fuzz/`), shared by path so that CI replays them.
#[path = "../../../fuzz/src/mutate.rs"]
mod mutate;

/// The fuzz targets of the readers and the date parser, replayed on stable Rust: the seed
/// corpus (fixtures, examples, `fuzz/seeds`) and 3,000 seeded mutants of it, every reader
/// chosen by name in turn and by sniffing. No panic, and every article has an id.
#[test]
fn seeded_mutants_of_the_fuzz_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds = Vec::new();
    for dir in ["crates/griot-ingest/tests/fixtures", "examples", "examples/site/news", "fuzz/seeds"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).expect("seed folder").flatten().map(|e| e.path()).collect();
        paths.sort();
        seeds.extend(paths.iter().filter(|p| p.is_file()).map(|p| std::fs::read(p).expect("seed")));
    }
    assert!(seeds.len() >= 12, "{} seeds", seeds.len());
    let names = ["a.txt", "a.jsonl", "a.json", "a.html", "a.rss", "a.atom", "a.xml", "a.warc", "a.jsonl.gz", "a.arc", "a"];
    let options = ReadOptions { max_bytes: 1 << 20, ..Default::default() };
    let mut rng = mutate::Rng::new(0x5eed_0013);
    let mut articles = 0;
    for k in 0..3000 + seeds.len() {
        let input = if k < seeds.len() {
            seeds[k].clone()
        } else {
            let (a, b) = (rng.below(seeds.len()), rng.below(seeds.len()));
            mutate::mutate(&mut rng, &seeds[a], &seeds[b], 1 << 16)
        };
        let name = names[k % names.len()];
        let input = if name.ends_with(".gz") { gzip(&input) } else { input };
        for a in read_bytes(name, &input, &options).into_iter().flatten() {
            assert!(!a.id.is_empty(), "{name}: no id");
            articles += 1;
        }
        let page = extract_html(&String::from_utf8_lossy(&input));
        assert_eq!(page.text.trim(), page.text);
        if let Some(d) = std::str::from_utf8(&input[..input.len().min(64)]).ok().and_then(parse_date) {
            assert!(YEARS.contains(&chrono::Datelike::year(&d)), "{d}");
        }
        let _ = options.warnings.take();
    }
    // The mutants are not all broken: many still read as articles.
    assert!(articles > 500, "{articles} articles");
}

/// Pages that need HTML5 tree construction: named references outside the old table of 160
/// (`&Zcaron;`, `&OpenCurlyDoubleQuote;`), a `<b>` closed across paragraphs, a paragraph
/// fostered out of a table, and an old layout of unclosed `<font>` tags.
#[test]
fn fixture_pages_that_need_html5_parsing() {
    let cases = [
        (include_str!("../tests/fixtures/entities-misnested.html"), include_str!("../tests/fixtures/entities-misnested.txt"), "Talks in Zagreb"),
        (include_str!("../tests/fixtures/unclosed-font.html"), include_str!("../tests/fixtures/unclosed-font.txt"), "Council votes on budget"),
    ];
    for (html, expected, title) in cases {
        let page = extract_html(html);
        assert_eq!(page.text, expected.trim_end(), "text of {title}");
        assert_eq!(page.title.as_deref(), Some(title));
    }
}
