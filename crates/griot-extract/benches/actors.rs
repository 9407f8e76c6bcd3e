//! Speed of the actor stage over the news corpus.
//!
//! `cargo bench -p griot-extract --bench actors`
//!
//! Reads the first 2,000 articles of `../shared/data/news/*.jsonl` (files in name order; falls
//! back to `examples/*.txt`), splits and tokenizes them once, then times `find_mentions` over
//! all of them (throughput in bytes of article text, one thread), with and without the trained
//! entity recogniser, and the building of the lexicon and the finder.

use std::path::{Path, PathBuf};

use divan::counter::BytesCount;
use divan::Bencher;
use griot_extract::ActorFinder;
use griot_lexicon::Lexicon;
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
        for e in std::fs::read_dir(root().join("examples")).into_iter().flatten().flatten() {
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
fn find_mentions(bencher: Bencher) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let finder = ActorFinder::new(&Lexicon::builtin().expect("builtin lexicon"));
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += finder.find_mentions(divan::black_box(d)).len();
        }
        n
    });
}

/// The same with the trained entity recogniser on (`ActorFinder::with_ner`): hints and one
/// tagging pass per sentence on top of the rules.
#[divan::bench(sample_count = 10)]
fn find_mentions_with_ner(bencher: Bencher) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let ner = std::sync::Arc::new(griot_syntax::ner::Ner::builtin().expect("builtin NER model"));
    let finder = ActorFinder::new(&Lexicon::builtin().expect("builtin lexicon")).with_ner(ner, &griot_lexicon::Gazetteer::builtin());
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += finder.find_mentions(divan::black_box(d)).len();
        }
        n
    });
}

#[divan::bench(sample_count = 10)]
fn build_lexicon_and_finder() -> usize {
    let lex = Lexicon::builtin().expect("builtin lexicon");
    let _finder = ActorFinder::new(&lex);
    lex.entries().len()
}

/// The dictionary automaton alone, for comparison with `find_mentions`.
#[divan::bench(sample_count = 10)]
fn find_phrases(bencher: Bencher) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let lex = Lexicon::builtin().expect("builtin lexicon");
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += lex.find_phrases(divan::black_box(d.text())).len();
        }
        n
    });
}
