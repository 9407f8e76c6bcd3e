//! Speed of the place stage over the news corpus.
//!
//! `cargo bench -p griot-extract --bench places`
//!
//! Reads the first 2,000 articles of `../shared/data/news/*.jsonl` (falls back to
//! `examples/*.txt`), splits and tokenizes them once, then times `resolve_places` over all of
//! them (throughput in bytes of article text), `Gazetteer` parsing and `PlaceResolver::new`.

use std::path::{Path, PathBuf};

use divan::counter::BytesCount;
use divan::Bencher;
use griot_extract::PlaceResolver;
use griot_lexicon::Gazetteer;
use griot_text::{split_sentences, tokenize, Article, Doc};

const ARTICLES: usize = 2_000;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn texts() -> Vec<String> {
    let mut out = Vec::new();
    let news = root().join("../shared/data/news");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&news)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
        .unwrap_or_default();
    files.sort();
    'files: for f in files {
        let Ok(body) = std::fs::read_to_string(&f) else { continue };
        for line in body.lines() {
            if out.len() >= ARTICLES {
                break 'files;
            }
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
        }
    }
    if out.is_empty() {
        let ex = root().join("examples");
        for e in std::fs::read_dir(ex).into_iter().flatten().flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                out.push(t);
            }
        }
    }
    out
}

fn docs() -> Vec<Doc> {
    texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let mut doc = Doc::new(Article::from_text(&i.to_string(), &t));
            doc.sentences = split_sentences(doc.text());
            doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
            doc
        })
        .collect()
}

#[divan::bench(sample_count = 10)]
fn resolve_places(bencher: Bencher) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let resolver = PlaceResolver::new(&Gazetteer::builtin());
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += resolver.resolve_places(divan::black_box(d)).len();
        }
        n
    });
}

#[divan::bench(sample_count = 10)]
fn gazetteer_load() -> Gazetteer {
    Gazetteer::parse_builtin().unwrap_or_default()
}

#[divan::bench(sample_count = 10)]
fn resolver_new(bencher: Bencher) {
    let g = Gazetteer::builtin();
    bencher.bench(|| PlaceResolver::new(&g));
}
