//! Every fuzz target replayed on stable Rust: the seed corpus (the readers' test fixtures and
//! the repository's example inputs) and a fixed number of seeded mutants of it. Deterministic:
//! the same inputs on every run.
//!
//!     cargo test --release --manifest-path fuzz/Cargo.toml

use griot_fuzz::mutate::{mutate, Rng};
use std::path::Path;

/// The seed corpus: every file of the fixture and example folders.
fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["crates/griot-ingest/tests/fixtures", "examples", "examples/site/news", "fuzz/seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        paths.sort();
        for p in paths {
            if let Ok(bytes) = std::fs::read(&p) {
                out.push(bytes);
            }
        }
    }
    assert!(out.len() >= 8, "seed corpus not found under {}", root.display());
    out
}

fn replay(target: fn(&[u8]), seed: u64, count: usize, max: usize, prefix: bool) {
    let seeds = seeds();
    let mut rng = Rng::new(seed);
    let with_prefix = |rng: &mut Rng, v: Vec<u8>| -> Vec<u8> {
        if prefix {
            let mut p = vec![rng.below(griot_fuzz::NAMES.len()) as u8];
            p.extend(v);
            p
        } else {
            v
        }
    };
    for s in &seeds {
        let input = with_prefix(&mut rng, s.clone());
        target(&input);
    }
    for _ in 0..count {
        let a = &seeds[rng.below(seeds.len())];
        let b = &seeds[rng.below(seeds.len())];
        let m = mutate(&mut rng, a, b, max);
        let input = with_prefix(&mut rng, m);
        target(&input);
    }
}

#[test]
fn read() {
    replay(griot_fuzz::read, 0x5eed_0001, 4000, 1 << 16, true);
}

#[test]
fn html() {
    replay(griot_fuzz::html, 0x5eed_0002, 2000, 1 << 16, false);
}

#[test]
fn date() {
    replay(griot_fuzz::date, 0x5eed_0003, 4000, 256, false);
    for s in ["2024-02-30", "99999-01-01", "-1", "0000-00-00", "0001-01-01", "9999-12-31", "-99999999999999"] {
        griot_fuzz::date(s.as_bytes());
    }
}

#[test]
fn pipeline() {
    replay(griot_fuzz::pipeline, 0x5eed_0004, 300, 1 << 14, false);
}

#[test]
fn store() {
    replay(griot_fuzz::store, 0x5eed_0005, 100, 1 << 13, false);
}
