//! Load test of the API on loopback: a store of at least 100k events (synthetic documents
//! from `griot_store::sample`, made once and kept), the server on 127.0.0.1 on a free port,
//! and a closed-loop load generator (keep-alive HTTP/1.1 connections, each sending its next
//! request when the previous answer is complete) hitting each endpoint for a fixed time.
//! Reports requests/s, p50/p90/p99/max latency and errors per endpoint. Bounded: it stops by
//! itself after `--seconds` per endpoint; the request mix is fixed (no randomness).
//!
//! Run: `cargo run --release -p griot-server --example load -- [--db PATH] [--events N]
//! [--seconds S] [--connections C]` (defaults: a file in the temp dir, 100000, 5, 8).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use griot_server::{Config, EventType, Vocabulary};
use griot_store::browse::EventQuery;
use griot_store::Store;

struct Args {
    db: PathBuf,
    events: u64,
    seconds: f64,
    connections: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args { db: std::env::temp_dir().join("griot-load.db"), events: 100_000, seconds: 5.0, connections: 8 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => a.db = PathBuf::from(value()?),
            "--events" => a.events = value()?.parse().map_err(|_| "--events takes a number".to_string())?,
            "--seconds" => a.seconds = value()?.parse().map_err(|_| "--seconds takes a number".to_string())?,
            "--connections" => a.connections = value()?.parse().map_err(|_| "--connections takes a number".to_string())?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !(0.1..=600.0).contains(&a.seconds) || a.connections == 0 || a.connections > 256 {
        return Err("--seconds must be 0.1..=600 and --connections 1..=256".into());
    }
    Ok(a)
}

/// Makes (or tops up) the store until it holds `events` events.
fn prepare(db: &std::path::Path, events: u64) -> Result<u64, Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    let mut have = store.counts()?.events;
    let mut n = store.counts()?.articles as usize;
    let started = Instant::now();
    while have < events {
        let batch: Vec<_> = (n..n + 500).map(|i| griot_store::sample::sample_doc(i, 8)).collect();
        n += batch.len();
        store.insert_docs(&batch)?;
        have = store.counts()?.events;
    }
    if started.elapsed() > Duration::from_millis(100) {
        eprintln!("load: store made in {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(have)
}

/// One keep-alive connection.
struct Conn {
    reader: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn { reader: BufReader::new(s), addr })
    }

    /// Sends a GET and reads the whole answer; returns the status.
    fn get(&mut self, target: &str) -> std::io::Result<u16> {
        let req = format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        self.reader.get_mut().write_all(req.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut length = None;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<usize>().ok();
                }
            }
        }
        let length = length.ok_or_else(|| std::io::Error::other("answer without Content-Length"))?;
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

struct Result_ {
    name: &'static str,
    requests: usize,
    errors: usize,
    secs: f64,
    latencies: Vec<Duration>,
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Runs `connections` threads for `seconds`, each cycling through `targets` from its own
/// offset.
fn hammer(addr: SocketAddr, name: &'static str, targets: &[String], seconds: f64, connections: usize) -> Result_ {
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let per_thread: Vec<(usize, usize, Vec<Duration>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..connections)
            .map(|t| {
                scope.spawn(move || {
                    let (mut ok, mut errors, mut lat) = (0usize, 0usize, Vec::new());
                    let mut conn = Conn::open(addr).ok();
                    let mut i = t;
                    while Instant::now() < deadline {
                        let target = &targets[i % targets.len()];
                        i += 1;
                        let t0 = Instant::now();
                        let result = match conn.as_mut() {
                            Some(c) => c.get(target),
                            None => Err(std::io::ErrorKind::NotConnected.into()),
                        };
                        match result {
                            Ok(200) => {
                                ok += 1;
                                lat.push(t0.elapsed());
                            }
                            Ok(_) => errors += 1,
                            Err(_) => {
                                errors += 1;
                                conn = Conn::open(addr).ok();
                            }
                        }
                    }
                    (ok, errors, lat)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or((0, 1, Vec::new()))).collect()
    });
    let secs = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = per_thread.iter().flat_map(|(_, _, l)| l.iter().copied()).collect();
    latencies.sort_unstable();
    Result_ {
        name,
        requests: per_thread.iter().map(|(n, _, _)| n).sum(),
        errors: per_thread.iter().map(|(_, e, _)| e).sum(),
        secs,
        latencies,
    }
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let events = match prepare(&a.db, a.events) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("load: cannot make the store {}: {e}", a.db.display());
            std::process::exit(1);
        }
    };
    let store = match Store::open_read_only(&a.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(1);
        }
    };
    // the vocabulary of the stored events (the CLI gives the coder's)
    let pairs = store.event_pairs(&EventQuery::default()).unwrap_or_default();
    let mut types: Vec<String> = pairs.iter().map(|p| p.event_type.clone()).collect();
    types.sort();
    types.dedup();
    let first_article = store.article_ids().ok().and_then(|ids| ids.into_iter().next()).unwrap_or_default();
    let event_ids: Vec<String> = store
        .events_page(&EventQuery::default(), griot_store::browse::EventSort::Ingest, None, 200)
        .map(|p| p.events.into_iter().map(|e| e.event.record.id).collect())
        .unwrap_or_default();
    let vocabulary = Vocabulary {
        types: types.iter().map(|t| EventType { name: t.clone(), modes: Vec::new(), quad: griot_store::export::quad_code(t) }).collect(),
        contexts: Vec::new(),
    };
    drop(store);
    let config = Config::new(a.db.clone(), "127.0.0.1:0".parse().expect("address"), vocabulary);
    let running = match griot_server::start(config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(1);
        }
    };
    let addr = running.addr();
    println!("griot serve load test: {events} events in {}, {} connections, {} s per endpoint, server and load on this machine", a.db.display(), a.connections, a.seconds);
    // fixed request mixes: filtered first pages, and pages further in through cursors
    let codes = ["NER", "USA", "MLI", "BFA", "CIV", "FRA"];
    let filtered: Vec<String> = codes
        .iter()
        .flat_map(|c| types.iter().map(move |t| format!("/api/v1/events?actor={c}&type={t}&limit=50")))
        .collect();
    let mut deep = Vec::new();
    if let Ok(mut c) = Conn::open(addr) {
        // cursors of later pages, collected once before measuring
        let mut target = "/api/v1/events?actor=NER&limit=50".to_string();
        for _ in 0..20 {
            deep.push(target.clone());
            let body = (|| -> Option<String> {
                let mut s = TcpStream::connect(addr).ok()?;
                s.write_all(format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
                let mut raw = String::new();
                s.read_to_string(&mut raw).ok()?;
                Some(raw)
            })();
            let next = body.and_then(|b| b.split("\"next\":\"").nth(1).and_then(|r| r.split('"').next()).map(str::to_string));
            match next {
                Some(n) => target = format!("/api/v1/events?actor=NER&limit=50&cursor={n}"),
                None => break,
            }
        }
        let _ = c.get("/api/v1/meta");
    }
    let dated: Vec<String> = (1..=12).map(|m| format!("/api/v1/events?since=2024-{m:02}-01&until=2024-{m:02}-28&sort=-date&limit=50")).collect();
    let suites: Vec<(&'static str, Vec<String>)> = vec![
        ("events, actor+type filter, first page of 50", filtered),
        ("events, actor filter, pages 1-20 by cursor", deep),
        ("events, date range, latest first", dated),
        ("one event with its sentence", event_ids.iter().map(|id| format!("/api/v1/events/{id}")).collect()),
        ("one article with layers", vec![format!("/api/v1/articles/{first_article}")]),
        ("counts by month, actor filter", codes.iter().map(|c| format!("/api/v1/counts?actor={c}&period=month&by=quad")).collect()),
        ("places, actor filter", codes.iter().map(|c| format!("/api/v1/places?actor={c}")).collect()),
        ("network, type filter", types.iter().map(|t| format!("/api/v1/network?type={t}")).collect()),
    ];
    println!("{:<46} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}", "endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
    let mut failed = false;
    for (name, targets) in &suites {
        if targets.is_empty() {
            continue;
        }
        let r = hammer(addr, name, targets, a.seconds, a.connections);
        failed |= r.errors > 0;
        println!(
            "{:<46} {:>9} {:>8.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7}",
            r.name,
            r.requests,
            r.requests as f64 / r.secs,
            pct(&r.latencies, 0.50),
            pct(&r.latencies, 0.90),
            pct(&r.latencies, 0.99),
            r.latencies.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0),
            r.errors
        );
    }
    let _ = running.stop();
    if failed {
        std::process::exit(1);
    }
}
