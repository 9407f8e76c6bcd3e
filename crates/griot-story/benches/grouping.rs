//! Cost of assigning one article to a story as the store grows: `StoryIndex::add` measured
//! with 1k, 10k and 100k articles already stored. Run with
//! `cargo bench -p griot-story --bench grouping`.
//!
//! Articles: the news corpus (`$GRIOT_NEWS`, default `/work/shared/data/news`, all
//! `*.jsonl`) repeated with perturbations (a sentence dropped, words replaced, a new outlet)
//! up to 110,000 articles; where the corpus is absent, synthetic text from a fixed seed.
//! Dates run at 300 articles a day, so a store of 100k spans about a year, and the measured
//! articles are dated just after the stored ones (the busy end of the store). Summaries are
//! built before timing; only `add` is timed. Each benchmark adds at most 1,000 articles.

use std::cell::RefCell;
use std::sync::OnceLock;

use chrono::NaiveDate;
use griot_story::{ArticleSummary, StoryIndex};

const TOTAL: usize = 110_000;
const PER_DAY: usize = 300;

fn main() {
    divan::main();
}

/// SplitMix64 with a fixed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus() -> Vec<(String, String)> {
    let dir = std::env::var("GRIOT_NEWS").unwrap_or_else(|_| "/work/shared/data/news".to_string());
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else { return out };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    paths.sort();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else { continue };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let title = v.get("title").and_then(|x| x.as_str()).unwrap_or("").to_string();
            let body = v.get("text").and_then(|x| x.as_str()).unwrap_or("").to_string();
            if !body.is_empty() {
                out.push((title, body));
            }
        }
    }
    out
}

fn synthetic(rng: &mut Rng, n: usize) -> Vec<(String, String)> {
    let vocab: Vec<String> = (0..20_000).map(|i| format!("w{i:x}")).collect();
    (0..n)
        .map(|_| {
            let words = 100 + rng.below(300);
            let topic = rng.below(vocab.len());
            let body: Vec<&str> = (0..words)
                .map(|_| if rng.below(4) == 0 { vocab[(topic + rng.below(50)) % vocab.len()].as_str() } else { vocab[rng.below(vocab.len())].as_str() })
                .collect();
            let title: Vec<&str> = body.iter().take(8).copied().collect();
            (title.join(" "), body.join(" "))
        })
        .collect()
}

/// Perturb a text: drop one sentence, replace a few words.
fn perturb(rng: &mut Rng, text: &str, rep: usize) -> String {
    let sentences: Vec<&str> = text.split(". ").collect();
    let drop = if sentences.len() > 2 { rng.below(sentences.len()) } else { usize::MAX };
    let mut out = String::with_capacity(text.len() + 32);
    for (i, s) in sentences.iter().enumerate() {
        if i == drop {
            continue;
        }
        for w in s.split(' ') {
            if rng.below(40) == 0 {
                out.push_str(&format!("r{rep}x{}", rng.below(1000)));
            } else {
                out.push_str(w);
            }
            out.push(' ');
        }
        out.push_str(". ");
    }
    out
}

fn summaries() -> &'static Vec<ArticleSummary> {
    static ALL: OnceLock<Vec<ArticleSummary>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut rng = Rng(0x005e_ed0f_9e1a);
        let mut base = corpus();
        if base.is_empty() {
            base = synthetic(&mut rng, 20_000);
        }
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        (0..TOTAL)
            .map(|i| {
                let (title, body) = &base[i % base.len()];
                let rep = i / base.len();
                let text = if rep == 0 { body.clone() } else { perturb(&mut rng, body, rep) };
                let date = start.checked_add_days(chrono::Days::new((i / PER_DAY) as u64));
                let outlet = format!("outlet{}.example", rng.below(200));
                ArticleSummary::from_text(&format!("a{i}"), date, Some(&outlet), title, &text)
            })
            .collect()
    })
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 50, sample_size = 20)]
fn add(bencher: divan::Bencher, stored: usize) {
    let all = summaries();
    let mut index = StoryIndex::default();
    let started = std::time::Instant::now();
    for s in &all[..stored] {
        index.add(s.clone());
    }
    let took = started.elapsed();
    eprintln!("filled {stored} articles in {took:.2?}: {:.1?} per article, {} stories", took / stored as u32, index.story_count());
    let index = RefCell::new(index);
    let next = RefCell::new(stored);
    bencher
        .with_inputs(|| {
            let mut n = next.borrow_mut();
            let s = all[*n % all.len()].clone();
            *n += 1;
            s
        })
        .bench_local_values(|s| index.borrow_mut().add(s));
}
