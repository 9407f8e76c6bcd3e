//! Insert throughput of `Store::insert_docs`: batches of synthetic documents (every layer
//! filled; 8 sentences = 68 rows and 1.1 KB of text, about a short news item; 25 sentences =
//! 213 rows and 3.4 KB, a long one) into a fresh database file.
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

/// A temporary directory removed on drop.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An empty database file in its own temporary directory.
fn fresh_db() -> (Store, TempDir) {
    let n = RUN.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("griot-store-bench-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let store = Store::open(&dir.join("bench.db")).expect("open bench db");
    (store, TempDir(dir))
}

/// One `insert_docs` call with a batch of 1000 documents of `sentences` sentences into an
/// empty file database.
#[divan::bench(args = [8, 25], sample_count = 10, sample_size = 1)]
fn insert_batch(bencher: Bencher, sentences: usize) {
    let n = 1000;
    let docs: Vec<_> = (0..n).map(|i| sample_doc(i, sentences)).collect();
    let bytes: usize = docs.iter().map(|d| d.article.text.len()).sum();
    bencher.counter(ItemsCount::new(n)).counter(BytesCount::new(bytes)).with_inputs(fresh_db).bench_local_values(
        |(mut store, dir)| {
            let summary = store.insert_docs(&docs).expect("insert");
            assert_eq!(summary.inserted, n);
            (store, dir)
        },
    );
}

/// Re-inserting already stored documents: the content-key check only.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn insert_duplicates(bencher: Bencher) {
    let docs: Vec<_> = (0..1000).map(|i| sample_doc(i, 8)).collect();
    let (mut store, _dir) = fresh_db();
    store.insert_docs(&docs).expect("insert");
    bencher.counter(ItemsCount::new(docs.len())).bench_local(|| {
        let summary = store.insert_docs(&docs).expect("insert");
        assert_eq!(summary.duplicates, docs.len());
    });
}
