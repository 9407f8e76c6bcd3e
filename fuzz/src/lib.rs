//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` (libFuzzer) and by the
//! seeded replay in `tests/seeds.rs` (stable Rust, deterministic). Each one panics only on a
//! real bug: a reader that panics, an article whose text is not the input's, a stored
//! document that does not read back equal.

pub mod mutate;

use griot_ingest::{read_bytes, ReadOptions};
use griot_pipeline::{Pipeline, Settings};
use griot_store::Store;
use chrono::{Datelike, NaiveDate};
use griot_text::Article;
use std::sync::OnceLock;

/// File names that choose each reader (the first input byte picks one); the last one has no
/// extension, so the format is sniffed.
pub const NAMES: [&str; 12] = [
    "a.txt", "a.jsonl", "a.json", "a.html", "a.rss", "a.atom", "a.xml", "a.warc", "a.jsonl.gz", "a.html.gz", "a.arc", "a",
];

/// Every reader, chosen by the first byte, over the rest of the input.
pub fn read(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let options = ReadOptions { max_bytes: 1 << 20, ..Default::default() };
    for article in read_bytes(name, rest, &options).into_iter().flatten() {
        assert!(!article.id.is_empty(), "{name}: article without an id");
    }
    let _ = options.warnings.take();
}

/// HTML main-text extraction on any text.
pub fn html(data: &[u8]) {
    let page = griot_ingest::extract_html(&String::from_utf8_lossy(data));
    assert!(!page.text.starts_with(char::is_whitespace) && !page.text.ends_with(char::is_whitespace));
}

/// The date parser: a date it accepts lies in [`griot_ingest::YEARS`].
pub fn date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(d) = griot_ingest::parse_date(s) {
        assert!(griot_ingest::YEARS.contains(&d.year()), "{s:?} gave {d}");
    }
}

fn pipeline_shared() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load(&Settings::default()).expect("built-in resources load"))
}

fn article(data: &[u8]) -> Article {
    let text = String::from_utf8_lossy(data).into_owned();
    let date = NaiveDate::from_ymd_opt(2024, 3, 17);
    Article { id: "fuzz".into(), date, text, ..Default::default() }
}

/// The whole pipeline on any text: every span of every layer lies on char boundaries of the
/// text, which is unchanged.
pub fn pipeline(data: &[u8]) {
    let a = article(data);
    let text = a.text.clone();
    let doc = pipeline_shared().run(a);
    assert_eq!(doc.article.text, text);
    let _ = griot_pipeline::snapshot(&doc);
}

/// Store round trip: a document analysed from any text is stored and reads back equal.
pub fn store(data: &[u8]) {
    let doc = pipeline_shared().run(article(data));
    let mut store = Store::open_in_memory().expect("in-memory store");
    store.insert_docs(std::slice::from_ref(&doc)).expect("insert");
    let back = store.doc(&doc.article.id).expect("read back");
    assert_eq!(back.as_ref(), Some(&doc));
}
