//! Throughput of sentence splitting and tokenisation on one core.
//!
//! Reads the "text" field of the first 2,000 articles of `shared/data/news/*.jsonl`
//! (beside the repository, or `$GRIOT_NEWS_DIR`) when present, else the seed article in
//! `examples/`. Run: `cargo bench -p griot-text --bench text`. divan prints bytes/s.

use std::path::PathBuf;

use divan::counter::BytesCount;
use divan::Bencher;
use griot_text::{split_sentences, tokenize_into, Span, Token};

fn main() {
    divan::main();
}

fn corpus() -> Vec<String> {
    let dir = std::env::var_os("GRIOT_NEWS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
        .unwrap_or_default();
    files.sort();
    let mut texts = Vec::new();
    'files: for f in files {
        let Ok(data) = std::fs::read_to_string(&f) else { continue };
        for line in data.lines() {
            if texts.len() >= 2000 {
                break 'files;
            }
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    if texts.is_empty() {
        let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/niger-us-pact.txt");
        texts.push(std::fs::read_to_string(seed).unwrap_or_default());
    }
    texts
}

fn bytes(texts: &[String]) -> usize {
    texts.iter().map(|t| t.len()).sum()
}

#[divan::bench]
fn sentences(bencher: Bencher) {
    let texts = corpus();
    bencher.counter(BytesCount::new(bytes(&texts))).bench(|| {
        texts.iter().map(|t| split_sentences(divan::black_box(t)).len()).sum::<usize>()
    });
}

#[divan::bench]
fn sentences_and_tokens(bencher: Bencher) {
    let texts = corpus();
    let mut buf: Vec<Token> = Vec::new();
    bencher.counter(BytesCount::new(bytes(&texts))).bench_local(|| {
        let mut n = 0;
        for t in &texts {
            buf.clear();
            for s in split_sentences(divan::black_box(t)) {
                tokenize_into(t, s.span, &mut buf);
            }
            n += buf.len();
        }
        n
    });
}

#[divan::bench]
fn tokens_only(bencher: Bencher) {
    let texts = corpus();
    let mut buf: Vec<Token> = Vec::new();
    bencher.counter(BytesCount::new(bytes(&texts))).bench_local(|| {
        let mut n = 0;
        for t in &texts {
            buf.clear();
            tokenize_into(divan::black_box(t), Span::new(0, t.len()), &mut buf);
            n += buf.len();
        }
        n
    });
}
