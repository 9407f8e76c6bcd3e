//! Throughput of the time stage (`find_dates`) over the news corpus.
//!
//! Corpus: the first 2,000 articles of `/work/shared/data/news/*.jsonl` (or `$GRIOT_NEWS`),
//! taken in turn from each file (sorted by name) so every source is represented, with their
//! `date` field as publication date; falls back to `examples/*.txt` when the corpus is
//! absent. Sentences are split outside the timed loop. Run with
//! `cargo bench -p griot-time --bench time`; divan prints bytes per second for one core.

use std::path::{Path, PathBuf};

use griot_text::{split_sentences, Article, Doc};
use griot_time::{find_dates, TimeOptions};

fn main() {
    divan::main();
}

fn read_news(dir: &Path, limit: usize) -> Vec<Article> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
        .unwrap_or_default();
    files.sort();
    let per_file: Vec<Vec<Article>> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            text.lines()
                .take(limit)
                .filter_map(|line| {
                    let v: serde_json::Value = serde_json::from_str(line).ok()?;
                    let mut a = Article::from_text(v["id"].as_str().unwrap_or("?"), v["text"].as_str()?);
                    a.date = v["date"].as_str().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                    Some(a)
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(limit);
    let mut k = 0;
    while out.len() < limit && per_file.iter().any(|f| k < f.len()) {
        for f in &per_file {
            if let Some(a) = f.get(k) {
                if out.len() < limit {
                    out.push(a.clone());
                }
            }
        }
        k += 1;
    }
    out
}

fn corpus() -> Vec<Doc> {
    let dir = std::env::var("GRIOT_NEWS").unwrap_or_else(|_| "/work/shared/data/news".to_string());
    let mut articles = read_news(Path::new(&dir), 2000);
    if articles.is_empty() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        for e in std::fs::read_dir(examples).into_iter().flatten().flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                let mut a = Article::from_text("example", &text);
                a.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
                articles.push(a);
            }
        }
    }
    articles
        .into_iter()
        .map(|a| {
            let mut d = Doc::new(a);
            d.sentences = split_sentences(d.text());
            d
        })
        .collect()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn find_dates_news(bencher: divan::Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let options = TimeOptions::default();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in &docs {
            n += find_dates(divan::black_box(d), &options).0.len();
        }
        n
    });
}
