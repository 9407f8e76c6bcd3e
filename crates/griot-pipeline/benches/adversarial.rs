//! Cost of the whole pipeline on hostile articles of about 1 MB each (issue 13: every stage
//! linear in the article's length). One article per sample, on one core:
//!
//! - `repeated_events`: event sentences repeated (about 11,000 events in one article);
//! - `short_sentences`: one-word sentences ("Yes. No. ..."), about 200,000 of them;
//! - `huge_quote`: one quotation of event sentences opened and never closed, then closed;
//! - `one_long_sentence`: event clauses joined by commas and "and", no full stop.
//!
//! Run: `cargo bench -p griot-pipeline --bench adversarial` (`GRIOT_BENCH_KB=256` for other
//! sizes: the time should grow in proportion). The issue asks for the first one under 2 s; the
//! others show that no stage is superlinear on other shapes of text.

use divan::counter::BytesCount;
use griot_pipeline::{Pipeline, Settings};
use griot_text::Article;

fn main() {
    divan::main();
}

/// The size of each article (1 MiB unless `GRIOT_BENCH_KB` says otherwise).
fn size() -> usize {
    std::env::var("GRIOT_BENCH_KB").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(1024) << 10
}

const EVENTS: [&str; 6] = [
    "The junta revoked the military pact with the United States on Saturday. ",
    "Protesters gathered in Niamey on Monday to demand the withdrawal of French troops. ",
    "Mali and Niger signed a defence agreement in Bamako last week, officials said. ",
    "Police arrested 12 opposition members in Ouagadougou on 3 March 2024. ",
    "The European Union imposed sanctions on Russia after the attack on Kyiv. ",
    "Chad recalled its ambassador from Sudan on Tuesday, the ministry said. ",
];

/// Whole pieces from `pieces` in turn until `size` bytes.
fn fill(pieces: &[&str], size: usize) -> String {
    let mut s = String::with_capacity(size + 200);
    for p in pieces.iter().cycle() {
        if s.len() >= size {
            break;
        }
        s.push_str(p);
    }
    s
}

fn article(text: String) -> Article {
    let mut a = Article::from_text("adversarial", &text);
    a.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
    a
}

fn bench(bencher: divan::Bencher, text: String) {
    let pipeline = Pipeline::load(&Settings::default()).expect("resources");
    let a = article(text);
    bencher.counter(BytesCount::new(a.text.len())).with_inputs(|| a.clone()).bench_local_values(|a| divan::black_box(pipeline.run(a)));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn repeated_events(bencher: divan::Bencher) {
    bench(bencher, fill(&EVENTS, size()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn short_sentences(bencher: divan::Bencher) {
    bench(bencher, fill(&["Yes. ", "No. "], size()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn huge_quote(bencher: divan::Bencher) {
    bench(bencher, format!("The minister said: \u{201c}{}\u{201d} Niger denied it.", fill(&EVENTS, size())));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn one_long_sentence(bencher: divan::Bencher) {
    let clauses: Vec<String> = EVENTS.iter().map(|e| format!("{}, and ", e.trim_end().trim_end_matches('.'))).collect();
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    bench(bencher, format!("{}it ended.", fill(&clauses, size())));
}
