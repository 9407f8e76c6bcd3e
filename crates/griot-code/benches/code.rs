//! Throughput of the event coder alone, on the seed article and on the first 1,000 articles
//! of the news corpus (/work/shared/data/news, or GRIOT_NEWS), with Docs built by
//! griot_text::split_sentences + tokenize (no mentions: the tagger, chunker and trigger
//! matching still run on every sentence). Run: `cargo bench -p griot-code --bench code`.
use divan::counter::BytesCount;
use divan::Bencher;
use griot_code::Coder;
use griot_text::{split_sentences, tokenize, Article, Doc};

fn main() {
    divan::main();
}

fn doc_of(id: &str, text: &str) -> Doc {
    let mut doc = Doc::new(Article::from_text(id, text));
    doc.sentences = split_sentences(doc.text());
    doc.tokens = doc
        .sentences
        .iter()
        .flat_map(|s| tokenize(doc.text(), s.span))
        .collect();
    doc
}

fn news() -> Vec<Doc> {
    let dir = std::env::var("GRIOT_NEWS").unwrap_or_else(|_| "/work/shared/data/news".into());
    let mut docs = Vec::new();
    for f in [
        "wikinews_2004_2018.jsonl",
        "reuters21578.jsonl",
        "bbc_2004_2005.jsonl",
    ] {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{f}")) else {
            continue;
        };
        for line in text.lines() {
            if docs.len() >= 1000 {
                return docs;
            }
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let id = v["id"].as_str().unwrap_or("x").to_string();
            if let Some(t) = v["text"].as_str() {
                docs.push(doc_of(&id, t));
            }
        }
    }
    docs
}

#[divan::bench]
fn seed(bencher: Bencher) {
    let coder = Coder::builtin().unwrap();
    let text = include_str!("../../../examples/niger-us-pact.txt");
    let doc = doc_of("seed", text);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| coder.code_events(divan::black_box(&doc)));
}

#[divan::bench(sample_count = 10)]
fn news_1000(bencher: Bencher) {
    let coder = Coder::builtin().unwrap();
    let docs = news();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += coder.code_events(d).len();
        }
        n
    });
}
