//! Time of each stage of [`Pipeline::run`] over a corpus, on one thread (a profile without
//! a profiler): `cargo run --release -p griot-pipeline --example stages -- [DIR] [PER_FILE]
//! [ROUNDS]`. DIR (default `../shared/data/news`) holds JSON-lines files with `id`, `text`,
//! `date`; PER_FILE (default 200) articles of each; the corpus is run ROUNDS times (default 3)
//! and the fastest round of each stage is printed, with MB/s of the whole (wall time, and the
//! time on the CPU, which a loaded machine inflates less).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use griot_pipeline::{Pipeline, Settings};
use griot_text::Article;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/news"));
    let per_file: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(200);
    let rounds: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(3);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
        .unwrap_or_default();
    files.sort();
    let mut articles = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        for line in text.lines().take(per_file) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let body = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
            if body.is_empty() {
                continue;
            }
            let mut a = Article::from_text(v.get("id").and_then(|i| i.as_str()).unwrap_or("x"), body);
            a.date = v.get("date").and_then(|d| d.as_str()).and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
            articles.push(a);
        }
    }
    let t0 = Instant::now();
    let pipeline = Pipeline::load(&Settings::default()).expect("resources");
    eprintln!("load {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut best: Vec<(&'static str, Duration)> = Vec::new();
    let mut best_cpu = f64::INFINITY;
    for _ in 0..rounds {
        let cpu0 = cpu_seconds();
        let mut times: Vec<(&'static str, Duration)> = Vec::new();
        for a in &articles {
            pipeline.run_timed(a.clone(), &mut |stage, d| match times.iter_mut().find(|(s, _)| *s == stage) {
                Some((_, t)) => *t += d,
                None => times.push((stage, d)),
            });
        }
        best_cpu = best_cpu.min(cpu_seconds() - cpu0);
        if best.is_empty() {
            best = times;
        } else {
            for ((_, b), (_, t)) in best.iter_mut().zip(&times) {
                *b = (*b).min(*t);
            }
        }
    }
    let total: Duration = best.iter().map(|(_, d)| *d).sum();
    println!("{} articles, {:.2} MB", articles.len(), bytes as f64 / 1e6);
    for (s, d) in &best {
        println!("{s:<12} {:>9.1} ms {:>5.1}%", d.as_secs_f64() * 1e3, 100.0 * d.as_secs_f64() / total.as_secs_f64());
    }
    println!("total        {:>9.1} ms  {:.2} MB/s  {:.0} articles/s", total.as_secs_f64() * 1e3, bytes as f64 / 1e6 / total.as_secs_f64(), articles.len() as f64 / total.as_secs_f64());
    if best_cpu.is_finite() && best_cpu > 0.0 {
        // on a loaded machine the wall times include waiting for a core; the CPU time not
        println!("cpu          {:>9.1} ms  {:.2} MB/s (fastest round, time on the CPU)", best_cpu * 1e3, bytes as f64 / 1e6 / best_cpu);
    }
}

/// Seconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`; NaN elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e9)
}
