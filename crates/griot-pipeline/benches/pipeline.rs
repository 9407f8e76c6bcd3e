//! End-to-end throughput of the whole pipeline on one core.
//!
//! Corpus: the first `GRIOT_BENCH_ARTICLES` (default 500) articles of each JSON-lines file in
//! `../shared/data/news` when present (set `GRIOT_BENCH_NEWS` to another directory), else the
//! bundled examples. Run: `cargo bench -p griot-pipeline --bench pipeline`.
//! divan reports bytes/s (MB/s) and items/s (articles/s).

use std::path::{Path, PathBuf};

use divan::counter::{BytesCount, ItemsCount};
use griot_pipeline::{Pipeline, Settings};
use griot_text::Article;

fn main() {
    divan::main();
}

fn corpus() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var_os("GRIOT_BENCH_NEWS").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/news"));
    let per_file: usize = std::env::var("GRIOT_BENCH_ARTICLES").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            for line in text.lines().take(per_file) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let body = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
                if body.is_empty() {
                    continue;
                }
                let mut a = Article::from_text(v.get("id").and_then(|i| i.as_str()).unwrap_or("x"), body);
                a.date = v.get("date").and_then(|d| d.as_str()).and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
                out.push(a);
            }
        }
    }
    if out.is_empty() {
        let seed = std::fs::read_to_string(root.join("examples/niger-us-pact.txt")).unwrap_or_default();
        let mut a = Article::from_text("seed", &seed);
        a.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
        out.push(a);
    }
    out
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn whole_pipeline(bencher: divan::Bencher) {
    let pipeline = Pipeline::load(&Settings::default()).expect("resources");
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(articles.len()))
        .with_inputs(|| articles.clone())
        .bench_local_values(|batch| {
            for a in batch {
                divan::black_box(pipeline.run(a));
            }
        });
}

#[divan::bench]
fn load_resources() -> Pipeline {
    Pipeline::load(&Settings::default()).expect("resources")
}
