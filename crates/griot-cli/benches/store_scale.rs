//! The store at scale (issue 12): stores of 10k and 100k articles (1M with
//! `GRIOT_BENCH_1M=1`) of the synthetic news stream `griot_store::sample::stream_doc` (300
//! articles a day, 3 events each), built as `griot ingest` stores them (batches of 500:
//! `insert_docs`, the story summaries, and the incremental story update, here after every
//! 10 batches, as if each 5,000 articles were one `ingest` run). Measured on each:
//!
//! - `ingest_500` / `ingest_10`: a batch of 500 / 10 new articles (the next ones of the
//!   stream, so the latest news): store, summaries, story update; analysis not included;
//! - `first_page_events` / `first_page_browse`: the first 50 events of each main filter, by
//!   `Store::events` (`griot events --limit 50`) and `Store::events_page` (`/api/v1/events`).
//!
//! The size of each store (bytes per article) and the peak memory of the process are
//! printed when a store is built or opened. Stores are kept under
//! `$CARGO_TARGET_DIR/griot-bench/` (next to the bench binary's profile directory), so that
//! reruns do not build them again; ingest benches work on a copy.
//!
//! Run: `cargo bench -p griot-cli --bench store_scale`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use divan::counter::ItemsCount;
use divan::Bencher;
use griot_store::browse::{EventQuery, EventSort};
use griot_store::sample::stream_doc;
use griot_store::{EventFilter, Store};

#[allow(dead_code, unused_imports)]
#[path = "../src/safe.rs"]
mod safe;
#[allow(dead_code)]
#[path = "../src/stories.rs"]
mod stories;

fn main() {
    divan::main();
}

const PER_DAY: usize = 300;
const BATCH: usize = 500;
/// Batches between story updates while a store is built.
const BATCHES_PER_RUN: usize = 10;
/// Bump when the generator or the build changes, so that old stores are not reused.
const GENERATION: &str = "g2";

fn sizes() -> Vec<usize> {
    let mut v = vec![10_000, 100_000];
    if std::env::var("GRIOT_BENCH_1M").is_ok_and(|v| v == "1") {
        v.push(1_000_000);
    }
    v
}

/// `$CARGO_TARGET_DIR/griot-bench`: the bench binary is `<target>/<profile>/deps/<name>`.
fn bench_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("bench binary path");
    let target = exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir);
    let dir = target.join("griot-bench");
    std::fs::create_dir_all(&dir).expect("create griot-bench directory");
    dir
}

/// Stores what `griot ingest` stores for analysed documents: the documents, their story
/// summaries, and (when `regroup`) the incremental story update.
fn ingest(store: &mut Store, docs: &[griot_text::Doc], regroup: bool) {
    store.insert_docs(docs).expect("insert");
    stories::save_summaries(store, docs).expect("summaries");
    if regroup {
        stories::regroup(store).expect("story update");
    }
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn report(path: &Path, size: usize) {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "store of {size} articles: {:.1} MB, {:.0} bytes per article; peak RSS of this process {} MB",
        bytes as f64 / 1e6,
        bytes as f64 / size as f64,
        peak_rss_kb() / 1024
    );
}

static BUILD: Mutex<()> = Mutex::new(());

/// The store of `size` articles, built on first use.
fn base(size: usize) -> PathBuf {
    let _guard = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = bench_dir();
    let path = dir.join(format!("stream-{GENERATION}-{size}.db"));
    let done = dir.join(format!("stream-{GENERATION}-{size}.done"));
    if done.exists() && path.exists() {
        return path;
    }
    for p in [path.clone(), path.with_extension("db-wal"), path.with_extension("db-shm")] {
        let _ = std::fs::remove_file(p);
    }
    let started = std::time::Instant::now();
    {
        let mut store = Store::open(&path).expect("open bench store");
        let mut n = 0;
        let mut batches = 0;
        while n < size {
            let end = (n + BATCH).min(size);
            let docs: Vec<_> = (n..end).map(|i| stream_doc(i, PER_DAY)).collect();
            batches += 1;
            ingest(&mut store, &docs, batches % BATCHES_PER_RUN == 0 || end == size);
            n = end;
        }
        assert_eq!(store.counts().expect("counts").articles, size as u64);
    } // closing the last connection checkpoints the WAL into the file
    eprintln!("built the store of {size} articles in {:.1} s", started.elapsed().as_secs_f64());
    report(&path, size);
    std::fs::write(&done, format!("{size}\n")).expect("mark store built");
    path
}

/// A writable copy of the store of `size` articles.
fn work_copy(size: usize, what: &str) -> (Store, PathBuf) {
    let from = base(size);
    let to = bench_dir().join(format!("work-{what}-{size}.db"));
    for p in [to.clone(), to.with_extension("db-wal"), to.with_extension("db-shm")] {
        let _ = std::fs::remove_file(p);
    }
    std::fs::copy(&from, &to).expect("copy bench store");
    let store = Store::open(&to).expect("open work store");
    (store, to)
}

fn remove_db(path: &Path) {
    for p in [path.to_path_buf(), path.with_extension("db-wal"), path.with_extension("db-shm")] {
        let _ = std::fs::remove_file(p);
    }
}

fn bench_ingest(bencher: Bencher, size: usize, batch: usize, what: &str) {
    let (store, path) = work_copy(size, what);
    let store = std::cell::RefCell::new(store);
    let next = std::cell::Cell::new(size);
    bencher
        .counter(ItemsCount::new(batch))
        .with_inputs(|| {
            let n = next.get();
            next.set(n + batch);
            (n..n + batch).map(|i| stream_doc(i, PER_DAY)).collect::<Vec<_>>()
        })
        .bench_local_values(|docs| ingest(&mut store.borrow_mut(), &docs, true));
    drop(store);
    remove_db(&path);
}

/// A batch of 500 new articles: store, summaries, story update.
#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn ingest_500(bencher: Bencher, size: usize) {
    bench_ingest(bencher, size, 500, "500");
}

/// 10 new articles: store, summaries, story update (the cost of a small `ingest` or of one
/// round of `griot follow`, analysis aside).
#[divan::bench(args = sizes(), sample_count = 10, sample_size = 1)]
fn ingest_10(bencher: Bencher, size: usize) {
    bench_ingest(bencher, size, 10, "10");
}

/// A store size and a filter.
#[derive(Clone, Copy)]
struct Case {
    size: usize,
    filter: &'static str,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}k {}", self.size / 1000, self.filter)
    }
}

const FILTERS: &[&str] =
    &["all", "actor", "recipient", "type", "actor+type", "actor+recipient", "month", "actor+month", "place", "text"];

fn cases() -> Vec<Case> {
    sizes().into_iter().flat_map(|size| FILTERS.iter().map(move |&filter| Case { size, filter })).collect()
}

/// The filter named `name` in a store of `size` articles. The month is the last whole
/// month of the store (recent news, the common question).
fn filter(name: &str, size: usize) -> EventFilter {
    let last = stream_doc(size - 1, PER_DAY).article.date.expect("dated");
    let first_of = |d: chrono::NaiveDate| d - chrono::Days::new(u64::from(chrono::Datelike::day0(&d)));
    let month_end = first_of(last) - chrono::Days::new(1);
    let month_start = first_of(month_end);
    let mut f = EventFilter::default();
    for part in name.split('+') {
        match part {
            "all" => {}
            "actor" => f.actor = Some("NER".into()),
            "recipient" => f.recipient = Some("MLI".into()),
            "type" => f.event_type = Some("SANCTION".into()),
            "month" => {
                f.since = Some(month_start);
                f.until = Some(month_end);
            }
            "place" => f.place = Some("Niamey".into()),
            "text" => f.text = Some("Bamako".into()),
            other => panic!("unknown filter {other}"),
        }
    }
    f
}

fn open_base(size: usize) -> Store {
    let path = base(size);
    // a store built by an earlier version is migrated first (the read-only open refuses it)
    drop(Store::open(&path).expect("migrate bench store"));
    Store::open_read_only(&path).expect("open bench store")
}

/// First 50 events of a filter, as `griot events --limit 50` reads them.
#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn first_page_events(bencher: Bencher, case: Case) {
    let store = open_base(case.size);
    let mut f = filter(case.filter, case.size);
    f.limit = Some(50);
    bencher.bench_local(|| {
        let events = store.events(&f).expect("events");
        assert!(!events.is_empty(), "{case}: no events");
        events.len()
    });
}

/// First 50 events of a filter, as `/api/v1/events` reads them (ingest order).
#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn first_page_browse(bencher: Bencher, case: Case) {
    let store = open_base(case.size);
    let q = EventQuery { filter: filter(case.filter, case.size), ..Default::default() };
    bencher.bench_local(|| {
        let page = store.events_page(&q, EventSort::Ingest, None, 50).expect("page");
        assert!(!page.events.is_empty(), "{case}: no events");
        page.events.len()
    });
}

/// Store size per article and peak memory, printed (the time is that of reading the size).
#[divan::bench(args = sizes(), sample_count = 1, sample_size = 1)]
fn store_size(size: usize) -> u64 {
    let path = base(size);
    report(&path, size);
    std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
}
