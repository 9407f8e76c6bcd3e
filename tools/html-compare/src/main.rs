//! Bag-of-words F1 of griot's `extract_html` and of dom_smoothie's `text_content` against
//! the expected text, for every `NAME.html` with a `NAME.txt` beside it (the same scorer as
//! `crates/griot-ingest/examples/html_f1.rs`).

use std::collections::HashMap;

fn words(s: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}
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

fn smoothie(html: &str) -> String {
    match dom_smoothie::Readability::new(html, None, None).and_then(|mut r| r.parse()) {
        Ok(a) => a.text_content.to_string(),
        Err(_) => String::new(),
    }
}

fn main() {
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for dir in std::env::args().skip(1) {
        let mut pages: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "html")).collect())
            .unwrap_or_default();
        pages.sort();
        for page in pages {
            let Ok(expected) = std::fs::read_to_string(page.with_extension("txt")) else { continue };
            let Ok(html) = std::fs::read(&page) else { continue };
            let html = String::from_utf8_lossy(&html);
            let (a, b) = (f1(&expected, &griot_ingest::extract_html(&html).text), f1(&expected, &smoothie(&html)));
            println!("griot {a:.3}  dom_smoothie {b:.3}  {}", page.display());
            ours.push(a);
            theirs.push(b);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!("mean F1 over {} pages: griot {:.3}, dom_smoothie {:.3}", ours.len(), mean(&ours), mean(&theirs));
}
