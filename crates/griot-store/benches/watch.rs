//! Cost of evaluating 100 watch rules (every trigger kind, filters on type, actor, place and
//! text) after a batch of 32 new articles (8 sentences, 8 events each), in stores that already
//! hold 1,000 and 10,000 articles: the time is that of the new events, not of the store.
//!
//! Run: `cargo bench -p griot-store --bench watch`. Per article = time / 32.

use divan::counter::ItemsCount;
use divan::Bencher;
use griot_store::sample::sample_doc;
use griot_store::watch::{Trigger, WatchFilter, WatchRule};
use griot_store::Store;
use std::cell::{Cell, RefCell};

fn main() {
    divan::main();
}

const BATCH: usize = 32;

/// 100 rules: 20 of each trigger kind, over the types, countries and places of the sample
/// documents.
fn rules() -> Vec<WatchRule> {
    let types = ["SANCTION", "CONSULT", "ACCUSE", "AID", "PROTEST"];
    let countries = ["NER", "USA", "MLI", "BFA", "FRA"];
    let places = ["Niamey", "Agadez", "Bamako", "Ouagadougou"];
    (0..100)
        .map(|i| {
            let trigger = match i % 5 {
                0 => Trigger::Every,
                1 => Trigger::Threshold { count: 50, window_days: 3 },
                2 => Trigger::Spike { factor: 3.0, window_days: 1, baseline_days: 30, min_count: 5 },
                3 => Trigger::NewActor,
                _ => Trigger::NewPlace,
            };
            let mut filter = WatchFilter { event_type: Some(types[i % types.len()].into()), ..Default::default() };
            match i / 5 % 4 {
                0 => filter.actor = Some(countries[i % countries.len()].into()),
                1 => filter.place = Some(places[i % places.len()].into()),
                2 => filter.text = Some("soldiers".into()),
                _ => {}
            }
            WatchRule { name: format!("rule{i:03}"), filter, trigger, notify: "stdout".into(), secret_env: None }
        })
        .collect()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10, sample_size = 1)]
fn evaluate_100_rules_after_32_articles(bencher: Bencher, stored: usize) {
    let dir = std::env::temp_dir().join(format!("griot-watch-bench-{}-{stored}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut store = Store::open(&dir.join("bench.db")).expect("open");
    for chunk in (0..stored).collect::<Vec<_>>().chunks(500) {
        let docs: Vec<_> = chunk.iter().map(|&n| sample_doc(n, 8)).collect();
        store.insert_docs(&docs).expect("insert");
    }
    for r in rules() {
        store.add_watch_rule(&r, 0).expect("rule");
    }
    store.evaluate_watches(0).expect("first evaluation");
    let store = RefCell::new(store);
    let next = Cell::new(stored);
    bencher
        .counter(ItemsCount::new(BATCH))
        .with_inputs(|| {
            let n = next.get();
            next.set(n + BATCH);
            let docs: Vec<_> = (n..n + BATCH).map(|k| sample_doc(k, 8)).collect();
            store.borrow_mut().insert_docs(&docs).expect("insert batch");
        })
        .bench_local_values(|()| store.borrow_mut().evaluate_watches(1).expect("evaluate").len());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
