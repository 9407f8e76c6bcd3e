//! Prints the snapshot of every article of a corpus, in input order, so that a change meant to
//! be output-neutral (a speed-up) can be checked on thousands of articles:
//!
//! ```text
//! cargo run --release -p griot-pipeline --example snapshots -- [DIR] [PER_FILE] > before.txt
//! # change the code, then
//! cargo run --release -p griot-pipeline --example snapshots -- [DIR] [PER_FILE] | cmp - before.txt
//! ```
//!
//! DIR (default `../shared/data/news`) holds JSON-lines files with `id`, `text` and `date`;
//! PER_FILE (default 1000) articles are read from each file.

use std::io::Write;
use std::path::PathBuf;

use griot_pipeline::{snapshot, Pipeline, Settings};
use griot_text::Article;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/news"));
    let per_file: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    files.sort();
    let mut articles = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            eprintln!("cannot read {}", f.display());
            continue;
        };
        for (n, line) in text.lines().take(per_file).enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                eprintln!("{}:{}: not JSON", f.display(), n + 1);
                continue;
            };
            let body = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
            let mut a = Article::from_text(v.get("id").and_then(|i| i.as_str()).unwrap_or("x"), body);
            a.date = v
                .get("date")
                .and_then(|d| d.as_str())
                .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
            articles.push(a);
        }
    }
    let pipeline = match Pipeline::load(&Settings::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    for chunk in articles.chunks(256) {
        for doc in pipeline.run_batch(chunk.to_vec()) {
            let _ = out.write_all(snapshot(&doc).as_bytes());
        }
    }
}
