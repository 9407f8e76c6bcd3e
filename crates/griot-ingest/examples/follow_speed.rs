//! Throughput of following: a loopback server (`griot_ingest::testing::Server`) serves a feed
//! of N item pages (default 10,000, news-like pages of about 3 KB); the fetcher reads the feed,
//! then every page (per-host interval off, `--workers` requests at once to the one host,
//! robots.txt honoured) and extracts each article with the HTML reader, as `griot follow`
//! does before analysis. Prints pages/s. Server and client share the machine's cores; each
//! request is a new loopback connection (the test server closes after each answer).
//!
//! Run: `cargo run --release -p griot-ingest --example follow_speed -- [PAGES] [WORKERS]`
//!
//! `-- serve PAGES PORT SECONDS` only serves the feed (`/feed.xml`) and pages on
//! 127.0.0.1:PORT for SECONDS, to time the real `griot follow` (analysis and storage
//! included) against it.

use griot_ingest::fetch::{FetchConfig, Fetched, Fetcher};
use griot_ingest::follow::{page_article, read_source, Source};
use griot_ingest::testing::{Reply, Server};
use griot_ingest::ReadOptions;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn page(n: usize) -> String {
    let mut body = String::new();
    for k in 0..8 {
        body.push_str(&format!(
            "<p>NIAMEY — Report {n}.{k}: the military government of Niger said on Saturday that it had revoked the \
             agreement allowing United States troops on its soil, after talks with a delegation from Washington.</p>"
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Report {n}</title><meta property=\"article:published_time\" \
         content=\"2024-03-16\"></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Report {n}</h1>{body}</article>\
         <footer>footer</footer></body></html>"
    )
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let serve_only = args.first().is_some_and(|a| a == "serve");
    if serve_only {
        args.remove(0);
    }
    let mut args = args.into_iter();
    let pages: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    // the second argument: WORKERS, or PORT when serving only
    let second: Option<String> = args.next();
    let workers: usize = second.as_deref().and_then(|a| a.parse().ok()).unwrap_or(8);
    let port: u16 = if serve_only { second.as_deref().and_then(|a| a.parse().ok()).unwrap_or(8000) } else { 0 };
    let server = Server::start_on(port).expect("server");
    let mut feed = String::from("<rss version=\"2.0\"><channel><title>Speed</title>");
    for n in 0..pages {
        feed.push_str(&format!("<item><title>Report {n}</title><guid>r{n}</guid><link>/news/{n}.html</link></item>"));
    }
    feed.push_str("</channel></rss>");
    server.set("/feed.xml", Reply::rss(&feed));
    server.set_fallback(|req| match req.path.strip_prefix("/news/").and_then(|p| p.strip_suffix(".html")) {
        Some(n) => Reply::html(&page(n.parse().unwrap_or(0))),
        None => Reply::status(404),
    });
    if serve_only {
        let secs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(600);
        eprintln!("serving {} ({pages} pages) for {secs} s", server.url("/feed.xml"));
        std::thread::sleep(Duration::from_secs(secs));
        return;
    }
    let fetcher = Fetcher::new(FetchConfig {
        host_interval: Duration::ZERO,
        host_concurrency: workers,
        timeout: Duration::from_secs(10),
        ..FetchConfig::default()
    });
    let options = ReadOptions::default();
    let started = Instant::now();
    let Ok(Fetched::Body(resp)) = fetcher.fetch(&server.url("/feed.xml"), None) else { panic!("feed") };
    let Ok(Source::Feed { items, .. }) = read_source(&resp, &options) else { panic!("a feed") };
    let feed_time = started.elapsed();
    let next = AtomicUsize::new(0);
    let (ok, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let url = item.url.as_deref().unwrap_or_default();
                if let Ok(Fetched::Body(r)) = fetcher.fetch(url, None) {
                    bytes.fetch_add(r.body.len(), Ordering::Relaxed);
                    if page_article(&r, Some(item), &options).is_ok() {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let secs = t.elapsed().as_secs_f64();
    let ok = ok.load(Ordering::Relaxed);
    println!(
        "feed of {} items read in {:.0} ms; {ok} pages fetched and extracted in {secs:.2} s with {workers} workers: {:.0} pages/s, {:.1} MB/s",
        items.len(),
        feed_time.as_secs_f64() * 1000.0,
        ok as f64 / secs,
        bytes.load(Ordering::Relaxed) as f64 / secs / 1e6
    );
    assert_eq!(ok, pages, "every page fetched");
}
