//! The fetcher against the loopback server of `crate::testing`.

use super::*;
use crate::testing::{Reply, Server};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn quick() -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_millis(1500),
        max_bytes: 64 * 1024,
        retries: 2,
        retry_base: Duration::from_millis(5),
        retry_max: Duration::from_millis(20),
        host_interval: Duration::ZERO,
        host_concurrency: 4,
        ..FetchConfig::default()
    }
}

fn body(f: Result<Fetched, FetchError>) -> Response {
    match f {
        Ok(Fetched::Body(r)) => r,
        other => panic!("expected a body, got {other:?}"),
    }
}

#[test]
fn conditional_requests_and_user_agent() {
    let s = Server::start().unwrap();
    s.set(
        "/feed.xml",
        Reply::rss("<rss/>").with_etag("\"v1\"").with_header("Last-Modified", "Sun, 17 Mar 2024 10:00:00 GMT"),
    );
    let f = Fetcher::new(quick());
    let r = body(f.fetch(&s.url("/feed.xml"), None));
    assert_eq!((r.status, r.body.as_slice()), (200, b"<rss/>".as_slice()));
    assert_eq!(r.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(r.validators.last_modified.as_deref(), Some("Sun, 17 Mar 2024 10:00:00 GMT"));
    assert_eq!(r.media_type.as_deref(), Some("application/rss+xml"));
    assert!(matches!(f.fetch(&s.url("/feed.xml"), Some(&r.validators)), Ok(Fetched::NotModified { .. })));
    let reqs: Vec<_> = s.requests().into_iter().filter(|q| q.path == "/feed.xml").collect();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(reqs[1].header("if-modified-since"), Some("Sun, 17 Mar 2024 10:00:00 GMT"));
    assert!(reqs[0].header("user-agent").is_some_and(|ua| ua.starts_with("griot/")));
    assert!(reqs[0].header("accept-encoding").is_some_and(|ae| ae.contains("gzip")));
    assert_eq!(s.hits("/robots.txt"), 1, "robots.txt once per host");
}

#[test]
fn server_errors_are_retried_then_reported() {
    let s = Server::start().unwrap();
    s.set("/down", Reply::status(500));
    s.set("/gone", Reply::status(404));
    let f = Fetcher::new(quick());
    let e = f.fetch(&s.url("/down"), None).unwrap_err();
    assert!(e.transient && e.status == Some(500), "{e}");
    assert_eq!(e.to_string(), format!("{}: HTTP 500 Internal Server Error", s.url("/down")));
    assert_eq!(s.hits("/down"), 3, "one try and two retries");
    let e = f.fetch(&s.url("/gone"), None).unwrap_err();
    assert!(!e.transient && e.status == Some(404));
    assert_eq!(s.hits("/gone"), 1, "a 404 is not retried");
    // recovers after a failure
    let n = Arc::new(AtomicUsize::new(0));
    let k = n.clone();
    s.set_fn("/flaky", move |_| {
        if k.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(503)
        } else {
            Reply::html("<p>ok</p>")
        }
    });
    assert_eq!(body(f.fetch(&s.url("/flaky"), None)).status, 200);
}

#[test]
fn slow_answers_time_out() {
    let s = Server::start().unwrap();
    s.set("/slow", Reply::html("<p>late</p>").with_delay(Duration::from_secs(4)));
    let f = Fetcher::new(FetchConfig { retries: 0, timeout: Duration::from_millis(300), ..quick() });
    let t = Instant::now();
    let e = f.fetch(&s.url("/slow"), None).unwrap_err();
    assert!(e.transient && e.reason.contains("timed out"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(3), "bounded by the timeout");
}

#[test]
fn size_limits_hold_after_decompression() {
    let s = Server::start().unwrap();
    s.set("/big", Reply::html(&"x".repeat(100_000)));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 10 << 20]).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 64 * 1024);
    s.set("/bomb", Reply::ok("text/html", bomb).with_header("Content-Encoding", "gzip"));
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(b"<p>deflated words</p>").unwrap();
    s.set("/deflate", Reply::ok("text/html", z.finish().unwrap()).with_header("Content-Encoding", "deflate"));
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    g.write_all(b"<p>gzipped words</p>").unwrap();
    s.set("/gzip", Reply::ok("text/html", g.finish().unwrap()).with_header("Content-Encoding", "gzip"));
    let f = Fetcher::new(quick());
    let e = f.fetch(&s.url("/big"), None).unwrap_err();
    assert_eq!(e.reason, "response of 100000 bytes, over the limit of 65536");
    let e = f.fetch(&s.url("/bomb"), None).unwrap_err();
    assert!(e.reason.contains("over the limit"), "{e}");
    assert_eq!(body(f.fetch(&s.url("/deflate"), None)).body, b"<p>deflated words</p>");
    assert_eq!(body(f.fetch(&s.url("/gzip"), None)).body, b"<p>gzipped words</p>");
}

#[test]
fn redirects_are_bounded_and_loops_stopped() {
    let s = Server::start().unwrap();
    s.set("/a", Reply::redirect(302, "/b"));
    s.set("/b", Reply::redirect(301, "a"));
    s.set("/moved", Reply::redirect(308, "/final"));
    s.set("/final", Reply::html("<p>here</p>"));
    for i in 0..10 {
        s.set(&format!("/chain{i}"), Reply::redirect(302, &format!("/chain{}", i + 1)));
    }
    let f = Fetcher::new(quick());
    let e = f.fetch(&s.url("/a"), None).unwrap_err();
    assert!(e.reason.starts_with("redirect loop back to "), "{e}");
    let r = body(f.fetch(&s.url("/moved"), None));
    assert_eq!((r.url.as_str(), r.final_url.as_str()), (s.url("/moved").as_str(), s.url("/final").as_str()));
    let e = f.fetch(&s.url("/chain0"), None).unwrap_err();
    assert_eq!(e.reason, "more than 5 redirects");
    assert_eq!(s.hits("/chain6"), 0);
}

#[test]
fn robots_txt_is_honoured() {
    let s = Server::start().unwrap();
    s.set("/robots.txt", Reply::ok("text/plain", "User-agent: *\nDisallow: /private/\n"));
    s.set("/private/x.html", Reply::html("<p>secret</p>"));
    s.set("/public.html", Reply::html("<p>open</p>"));
    s.set("/to-private", Reply::redirect(302, "/private/x.html"));
    let f = Fetcher::new(quick());
    let e = f.fetch(&s.url("/private/x.html"), None).unwrap_err();
    assert!(e.robots && !e.transient, "{e}");
    assert!(
        e.reason.contains("robots.txt of http://127.0.0.1:") && e.reason.ends_with("disallows /private/x.html"),
        "{e}"
    );
    assert!(f.fetch(&s.url("/to-private"), None).unwrap_err().robots, "redirect targets are checked too");
    assert_eq!(body(f.fetch(&s.url("/public.html"), None)).status, 200);
    assert_eq!(s.hits("/private/x.html"), 0);
    assert_eq!(s.hits("/robots.txt"), 1);
    let kept = f.take_fetched_robots();
    assert_eq!(kept.len(), 1);
    // a later run given the kept robots.txt does not fetch it again
    let g = Fetcher::new(quick());
    g.preload_robots(&kept);
    assert!(g.fetch(&s.url("/private/x.html"), None).unwrap_err().robots);
    assert_eq!(s.hits("/robots.txt"), 1);
    // a robots.txt that fails with 5xx disallows everything; one that is missing allows all
    let t = Server::start().unwrap();
    t.set("/robots.txt", Reply::status(503));
    t.set("/p", Reply::html("<p>x</p>"));
    assert!(Fetcher::new(quick()).fetch(&t.url("/p"), None).unwrap_err().robots);
    let u = Server::start().unwrap();
    u.set("/p", Reply::html("<p>x</p>"));
    assert_eq!(body(Fetcher::new(quick()).fetch(&u.url("/p"), None)).status, 200);
    let off = Fetcher::new(FetchConfig { robots: false, ..quick() });
    assert_eq!(body(off.fetch(&t.url("/p"), None)).status, 200);
}

#[test]
fn per_host_concurrency_is_capped() {
    let s = Server::start().unwrap();
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (i, m) = (in_flight.clone(), most.clone());
    s.set_fallback(move |_| {
        let now = i.fetch_add(1, Ordering::SeqCst) + 1;
        m.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(30));
        i.fetch_sub(1, Ordering::SeqCst);
        Reply::html("<p>x</p>")
    });
    let f = Fetcher::new(FetchConfig { host_concurrency: 2, robots: false, ..quick() });
    std::thread::scope(|scope| {
        for k in 0..8 {
            let f = &f;
            let url = s.url(&format!("/p{k}"));
            scope.spawn(move || f.fetch(&url, None).is_ok());
        }
    });
    assert_eq!(s.requests().len(), 8);
    assert!(most.load(Ordering::SeqCst) <= 2, "at most 2 at once, saw {}", most.load(Ordering::SeqCst));
}

#[test]
fn post_json_reports_status() {
    let s = Server::start().unwrap();
    s.set("/hook", Reply::status(204));
    s.set("/down", Reply::status(502));
    let f = Fetcher::new(quick());
    let headers = vec![("X-Griot-Signature".to_string(), "sha256=00".to_string())];
    assert_eq!(f.post_json(&s.url("/hook"), b"{\"a\":1}", &headers).unwrap(), 204);
    let req = s.requests().into_iter().find(|r| r.path == "/hook").unwrap();
    assert_eq!((req.method.as_str(), req.body.as_slice()), ("POST", b"{\"a\":1}".as_slice()));
    assert_eq!(req.header("x-griot-signature"), Some("sha256=00"));
    assert!(f.post_json(&s.url("/down"), b"{}", &[]).unwrap_err().transient);
    drop(s);
    let e = f.post_json("http://127.0.0.1:9/hook", b"{}", &[]).unwrap_err();
    assert!(e.transient, "{e}");
}
