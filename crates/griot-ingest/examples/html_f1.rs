//! Main-text quality of the HTML reader: bag-of-words F1 of `extract_html` against expected
//! text, for every `NAME.html` with a `NAME.txt` beside it in the folders given.
//!
//!     cargo run --release -p griot-ingest --example html_f1 -- crates/griot-ingest/tests/fixtures
//!
//! Words are maximal runs of letters and digits, lower-cased; precision and recall count
//! words with multiplicity. `tools/html-compare` prints the same figure for a Readability
//! port beside griot's.

use std::collections::HashMap;

fn words(s: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Bag-of-words F1 of `got` against `expected` (1 when both are empty).
fn f1(expected: &str, got: &str) -> f64 {
    let (e, g) = (words(expected), words(got));
    let (ne, ng): (usize, usize) = (e.values().sum(), g.values().sum());
    if ne == 0 && ng == 0 {
        return 1.0;
    }
    let common: usize = e.iter().map(|(w, n)| (*n).min(g.get(w).copied().unwrap_or(0))).sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / ng as f64, common as f64 / ne as f64);
    2.0 * p * r / (p + r)
}

fn main() {
    let mut scores = Vec::new();
    for dir in std::env::args().skip(1) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("html_f1: cannot read {dir}");
            std::process::exit(2);
        };
        let mut pages: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
        pages.sort();
        for page in pages {
            let Ok(expected) = std::fs::read_to_string(page.with_extension("txt")) else { continue };
            let Ok(html) = std::fs::read(&page) else { continue };
            let got = griot_ingest::extract_html(&String::from_utf8_lossy(&html)).text;
            let score = f1(&expected, &got);
            println!("{score:.3}  {}", page.display());
            scores.push(score);
        }
    }
    if scores.is_empty() {
        eprintln!("html_f1: no NAME.html with a NAME.txt found");
        std::process::exit(2);
    }
    println!("mean F1 {:.3} over {} pages", scores.iter().sum::<f64>() / scores.len() as f64, scores.len());
}
