//! Insert throughput of `Store::insert_docs`: batches of synthetic news-sized documents
//! (25 sentences, about 3.4 KB of text, every layer filled) into a fresh database file.
//!
//! Run: `cargo bench -p griot-store --bench insert`. Docs/s = items/s in the report.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use griot_store::sample::sample_doc;
use griot_store::Store;
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    divan::main();
}

static RUN: AtomicUsize = AtomicUsize::new(0);

fn fresh_db() -> (Store, std::path::PathBuf) {
    let n = RUN.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("griot-store-bench-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let store = Store::open(&dir.join("bench.db")).expect("open bench db");
    (store, dir)
}

/// One `insert_docs` call with a batch of `n` documents into an empty file database.
#[divan::bench(args = [100, 1000], sample_count = 10, sample_size = 1)]
fn insert_batch(bencher: Bencher, n: usize) {
    let docs: Vec<_> = (0..n).map(|i| sample_doc(i, 25)).collect();
    let bytes: usize = docs.iter().map(|d| d.article.text.len()).sum();
    bencher
        .counter(ItemsCount::new(n))
        .counter(BytesCount::new(bytes))
        .with_inputs(fresh_db)
        .bench_local_values(|(mut store, dir)| {
            let summary = store.insert_docs(&docs).expect("insert");
            assert_eq!(summary.inserted, n);
            (store, dir)
        });
}

/// Re-inserting already stored documents: the content-key check only.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn insert_duplicates(bencher: Bencher) {
    let docs: Vec<_> = (0..1000).map(|i| sample_doc(i, 25)).collect();
    let (mut store, _dir) = fresh_db();
    store.insert_docs(&docs).expect("insert");
    bencher.counter(ItemsCount::new(docs.len())).bench_local(|| {
        let summary = store.insert_docs(&docs).expect("insert");
        assert_eq!(summary.duplicates, docs.len());
    });
}
