//! Reading throughput: reads every input with `griot_ingest::read_inputs` and reports articles,
//! errors, input megabytes and MB/s on one core.
//!
//! `cargo run --release -p griot-ingest --example read_speed -- FILE|DIR|- ...`

use griot_ingest::{read_inputs, ReadOptions};
use std::time::Instant;

fn input_bytes(path: &std::path::Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| input_bytes(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let bytes: u64 = inputs.iter().map(|i| input_bytes(std::path::Path::new(i))).sum();
    let start = Instant::now();
    let (mut articles, mut errors, mut text_bytes) = (0usize, 0usize, 0usize);
    for item in read_inputs(&inputs, &ReadOptions::default()) {
        match item {
            Ok(a) => {
                articles += 1;
                text_bytes += a.text.len();
            }
            Err(e) => {
                errors += 1;
                if errors <= 5 {
                    eprintln!("{e}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{articles} articles, {errors} errors, {mb:.1} MB in ({:.1} MB text) in {secs:.3} s: {:.0} MB/s, {:.0} articles/s",
        text_bytes as f64 / 1e6,
        mb / secs,
        articles as f64 / secs
    );
}
