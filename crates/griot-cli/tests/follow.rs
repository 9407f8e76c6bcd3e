//! `griot follow` and `griot watch` run as a user would, against loopback servers the tests
//! start (`griot_ingest::testing::Server`): feeds that change between rounds, 304s, 500s,
//! slow answers, oversized bodies, redirect loops, robots.txt, a follow killed and started
//! again, and webhook receivers that are down for a while. Rounds are scripted with
//! `GRIOT_NOW` (the clock of schedules and backoff); every request has a short timeout.

use griot_ingest::testing::{Reply, Server};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("griot-follow-{}-{}-{}", std::process::id(), name, n));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write");
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const T0: i64 = 1_710_000_000;

fn command(dir: &Scratch, now: i64, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_griot"));
    c.current_dir(&dir.0)
        .env_remove("GRIOT_DB")
        .env_remove("GRIOT_CONFIG")
        .env("GRIOT_NOW", now.to_string())
        .env("HOOK_KEY", "s3cret")
        .args(args)
        .stdin(Stdio::null());
    c
}

fn griot(dir: &Scratch, now: i64, args: &[&str]) -> Output {
    command(dir, now, args).output().expect("run griot")
}

const QUICK: &[&str] = &["--once", "--host-interval", "0", "--retry-base-ms", "5", "--quiet"];

fn follow(dir: &Scratch, now: i64, sources: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["follow", sources.to_str().unwrap()];
    args.extend_from_slice(QUICK);
    if !extra.contains(&"--timeout") {
        args.extend_from_slice(&["--timeout", "2s"]);
    }
    args.extend_from_slice(extra);
    griot(dir, now, &args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn articles(dir: &Scratch) -> usize {
    let o = griot(dir, T0, &["stats"]);
    let s = text(&o.stdout);
    s.lines()
        .find(|l| l.trim_start().starts_with("articles"))
        .and_then(|l| l.split_whitespace().find_map(|w| w.parse::<usize>().ok()))
        .unwrap_or_else(|| panic!("no article count in {s}"))
}

/// A news page whose text codes an event.
fn page(n: usize) -> String {
    format!(
        "<html><head><title>Report {n}</title></head><body><nav>Home | World</nav><article>\
<p>Niger's military junta revoked a military pact with the United States on Saturday, report {n} said.</p>\
<p>Protesters marched in Niamey against the presence of foreign troops (dispatch {n}).</p></article></body></html>"
    )
}

fn rss(items: &[(&str, &str)]) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Sahel Wire</title>");
    for (guid, link) in items {
        s.push_str(&format!(
            "<item><title>Item {guid}</title><guid>{guid}</guid><link>{link}</link><pubDate>Sat, 16 Mar 2024 10:00:00 GMT</pubDate>\
<description>Feed summary of {guid}: Mali accused France of interference.</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn follow_ingests_exactly_the_new_items_round_after_round() {
    let dir = Scratch::new("rounds");
    let s = Server::start().unwrap();
    s.set("/robots.txt", Reply::ok("text/plain", "User-agent: *\nDisallow: /private/\n"));
    for n in 1..=4 {
        s.set(&format!("/news/{n}.html"), Reply::html(&page(n)));
    }
    s.set("/private/3.html", Reply::html(&page(3)));
    s.set(
        "/feed.xml",
        Reply::rss(&rss(&[("g1", "/news/1.html"), ("g2", "news/2.html"), ("g3", "/private/3.html")]))
            .with_etag("\"v1\""),
    );
    s.set("/about.html", Reply::html(&page(99)));
    let sources =
        dir.write("sources.txt", &format!("# test sources\n{}\n{}\n", s.url("/feed.xml"), s.url("/about.html")));

    // round 1: two pages, one item refused by robots.txt (its feed text is stored), one page source
    let o = follow(&dir, T0, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("robots.txt of http://127.0.0.1:")
            && text(&o.stderr).contains("storing the feed's text instead"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(articles(&dir), 4);
    assert_eq!((s.hits("/news/1.html"), s.hits("/news/2.html"), s.hits("/private/3.html")), (1, 1, 0));
    let ua = s.requests()[0].header("user-agent").unwrap_or("").to_string();
    assert!(ua.starts_with("griot/"), "{ua}");
    let ev = griot(&dir, T0, &["events", "--format", "jsonl"]);
    assert!(text(&ev.stdout).contains("\"title\":\"Item g1\""), "the feed's title is kept");
    assert!(text(&ev.stdout).contains(&s.url("/news/1.html")), "the item's link is the url");

    // round 2, 15 minutes later: a new version of the feed with one new item
    s.set(
        "/feed.xml",
        Reply::rss(&rss(&[
            ("g4", "/news/4.html"),
            ("g1", "/news/1.html"),
            ("g2", "news/2.html"),
            ("g3", "/private/3.html"),
        ]))
        .with_etag("\"v2\""),
    );
    let o = follow(&dir, T0 + 900, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(articles(&dir), 5);
    assert_eq!((s.hits("/news/1.html"), s.hits("/news/4.html")), (1, 1), "only the new item is fetched");
    assert_eq!(s.hits("/about.html"), 2, "the page source is fetched again (its text is unchanged)");

    // round 3: unchanged feed answers 304 to the conditional request
    let o = follow(&dir, T0 + 1800, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let last = s.requests().into_iter().filter(|r| r.path == "/feed.xml").next_back().unwrap();
    assert_eq!(last.header("if-none-match"), Some("\"v2\""));
    assert_eq!(articles(&dir), 5);

    // round 4: not due yet (the interval is 15 minutes): nothing is fetched
    s.clear_log();
    let o = follow(&dir, T0 + 1900, &sources, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(s.requests().is_empty(), "{:?}", s.requests());

    // round 5: the feed fails with 500 (retried within the round), the source backs off
    s.set("/feed.xml", Reply::status(500));
    let o = follow(&dir, T0 + 2700, &sources, &[]);
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "griot: follow: {}: HTTP 500 Internal Server Error (failure 1 in a row; next try in 15m)",
            s.url("/feed.xml")
        )),
        "{err}"
    );
    assert_eq!(s.hits("/feed.xml"), 3, "one try and two retries");
    assert_eq!(s.hits("/about.html"), 1, "the other source goes on");
    let o = follow(&dir, T0 + 3600, &sources, &[]);
    assert!(text(&o.stderr).contains("failure 2 in a row; next try in 30m"), "{}", text(&o.stderr));
    s.clear_log();
    let _ = follow(&dir, T0 + 4000, &sources, &[]);
    assert_eq!(s.hits("/feed.xml"), 0, "backing off");
    // recovered: a new item whose page fails for now is retried in a later round
    s.set("/feed.xml", Reply::rss(&rss(&[("g5", "/news/5.html"), ("g4", "/news/4.html")])));
    s.set("/news/5.html", Reply::status(503));
    let o = follow(&dir, T0 + 5400, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("attempt 1 of 5; next try in 60s"), "{}", text(&o.stderr));
    assert_eq!(articles(&dir), 5);
    s.set("/news/5.html", Reply::html(&page(5)));
    let _ = follow(&dir, T0 + 5470, &sources, &[]);
    assert_eq!(articles(&dir), 6);
    assert_eq!(s.hits("/news/4.html"), 0, "a stored item is not fetched again");
}

#[test]
fn slow_huge_and_looping_sources_fail_alone_and_never_hang() {
    let dir = Scratch::new("bad");
    let s = Server::start().unwrap();
    s.set("/slow.xml", Reply::rss(&rss(&[("s1", "/news/1.html")])).with_delay(Duration::from_secs(6)));
    s.set("/huge.html", Reply::html(&"<p>word </p>".repeat(200_000)));
    s.set("/loop-a", Reply::redirect(302, "/loop-b"));
    s.set("/loop-b", Reply::redirect(302, "/loop-a"));
    s.set("/missing.xml", Reply::status(404));
    s.set("/good.xml", Reply::rss(&rss(&[("ok1", "/news/1.html")])));
    s.set("/news/1.html", Reply::html(&page(1)));
    let sources = dir.write(
        "sources.toml",
        &format!(
            "every = \"1h\"\n{}",
            ["/slow.xml", "/huge.html", "/loop-a", "/missing.xml", "/good.xml", "/binary.pdf"]
                .iter()
                .map(|p| format!("[[source]]\nurl = \"{}\"\n", s.url(p)))
                .collect::<String>()
        ),
    );
    s.set("/binary.pdf", Reply::ok("application/pdf", "%PDF-1.4 binary"));
    let started = Instant::now();
    let o = follow(&dir, T0, &sources, &["--timeout", "1s", "--max-bytes", "100000"]);
    assert!(started.elapsed() < Duration::from_secs(20), "bounded: {:?}", started.elapsed());
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    for (path, why) in [
        ("/slow.xml", "timed out"),
        ("/huge.html", "over the limit of 100000"),
        ("/loop-a", "redirect loop back to"),
        ("/missing.xml", "HTTP 404 Not Found"),
        ("/binary.pdf", "binary content (application/pdf)"),
    ] {
        assert!(
            err.contains(&format!("griot: follow: {}: ", s.url(path))) && err.contains(why),
            "{path}: {why}\n{err}"
        );
    }
    assert_eq!(articles(&dir), 1, "the good feed's item is stored");
}

#[test]
fn a_killed_follow_resumes_without_losing_or_repeating_work() {
    let dir = Scratch::new("killed");
    let s = Server::start().unwrap();
    let items: Vec<(String, String)> = (1..=24).map(|n| (format!("k{n}"), format!("/news/{n}.html"))).collect();
    for n in 1..=24 {
        s.set(&format!("/news/{n}.html"), Reply::html(&page(n)).with_delay(Duration::from_millis(150)));
    }
    let refs: Vec<(&str, &str)> = items.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    s.set("/feed.xml", Reply::rss(&rss(&refs)));
    let sources = dir.write("sources.txt", &format!("{}\n", s.url("/feed.xml")));
    let mut child = command(
        &dir,
        T0,
        &[
            "follow",
            sources.to_str().unwrap(),
            "--host-interval",
            "0",
            "--host-concurrency",
            "1",
            "--concurrency",
            "1",
            "--quiet",
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("spawn follow");
    // let it fetch some pages (one at a time, 150 ms each), then kill it mid-round
    let deadline = Instant::now() + Duration::from_secs(20);
    while s.requests().iter().filter(|r| r.path.starts_with("/news/")).count() < 18 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    let fetched_before = s.requests().iter().filter(|r| r.path.starts_with("/news/")).count();
    assert!(fetched_before >= 1, "it fetched pages before it was killed");
    let o = follow(&dir, T0 + 60, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(articles(&dir), 24, "every item stored once");
    let total: usize = (1..=24).map(|n| s.hits(&format!("/news/{n}.html"))).sum();
    // pages already stored are not fetched again; only those of the batch in flight may be
    assert!(total < 24 + 18, "{total} page requests");
    // one more round: nothing new, nothing fetched
    let before = s.requests().len();
    let _ = follow(&dir, T0 + 7200, &sources, &[]);
    assert_eq!(articles(&dir), 24);
    assert_eq!(s.requests().len(), before + 1, "only the feed");
}

#[test]
fn watch_rules_alert_once_on_stdout_and_in_files() {
    let dir = Scratch::new("watch");
    let s = Server::start().unwrap();
    s.set("/feed.xml", Reply::rss(&rss(&[("w1", "/news/1.html")])));
    s.set("/news/1.html", Reply::html(&page(1)));
    let sources = dir.write("sources.txt", &format!("{}\n", s.url("/feed.xml")));
    // usage errors
    let o = griot(&dir, T0, &["watch", "add", "bad", "--threshold", "2", "--new-actor"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let o = griot(&dir, T0, &["watch", "add", "bad", "--type", "NOPE"]);
    assert_eq!(o.status.code(), Some(2));
    let o = griot(&dir, T0, &["watch", "add", "bad", "--notify", "pager:me"]);
    assert_eq!(o.status.code(), Some(2));
    // rules
    assert_eq!(griot(&dir, T0, &["watch", "add", "all"]).status.code(), Some(0));
    let file = dir.path("alerts.jsonl");
    let notify = format!("file:{}", file.display());
    let o = griot(&dir, T0, &["watch", "add", "actors", "--new-actor", "--notify", &notify]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = griot(&dir, T0, &["watch", "add", "all", "--new-place"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("exists already"));
    let list = text(&griot(&dir, T0, &["watch", "list"]).stdout);
    assert!(list.contains("all\t(every event)\tevery matching event\tstdout"), "{list}");

    let o = follow(&dir, T0, &sources, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let alerts: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert!(!alerts.is_empty(), "the new article's events alert");
    assert!(alerts.iter().all(|a| a["rule"] == "all"
        && a["kind"] == "every"
        && a["events"][0]["article"]["url"] == s.url("/news/1.html")));
    let in_file = std::fs::read_to_string(&file).expect("alerts file");
    let actors: Vec<serde_json::Value> = in_file.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(actors.iter().any(|a| a["key"] == "actor:NER"), "{in_file}");
    // nothing twice: another round, and a restart, alert nothing more
    let o = follow(&dir, T0 + 3600, &sources, &[]);
    assert!(text(&o.stdout).is_empty(), "{}", text(&o.stdout));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), in_file);
    let pending = griot(&dir, T0, &["watch", "alerts", "--pending", "--format", "jsonl"]);
    assert!(text(&pending.stdout).is_empty());
    // the dry run sees the same alerts again, and writes nothing
    let t = griot(&dir, T0, &["watch", "test", "all", "--format", "jsonl"]);
    assert_eq!(text(&t.stdout).lines().count(), alerts.len());
    assert_eq!(griot(&dir, T0, &["watch", "remove", "all"]).status.code(), Some(0));
    assert_eq!(griot(&dir, T0, &["watch", "remove", "all"]).status.code(), Some(1));
}

/// HMAC-SHA256 as a receiver would check it (RFC 2104), in hex.
fn hmac_hex(key: &[u8], msg: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut k = [0u8; 64];
    k[..key.len()].copy_from_slice(key);
    let inner = Sha256::new().chain_update(k.map(|b| b ^ 0x36)).chain_update(msg).finalize();
    let outer = Sha256::new().chain_update(k.map(|b| b ^ 0x5c)).chain_update(inner).finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_webhook_gets_every_alert_once_also_after_being_down() {
    let dir = Scratch::new("hook");
    // a port with nothing listening: the receiver is down
    let port = {
        let probe = Server::start().unwrap();
        probe.addr().port()
    };
    let hook = format!("webhook:http://127.0.0.1:{port}/hook");
    let o = griot(&dir, T0, &["watch", "add", "hook", "--notify", &hook, "--secret-env", "HOOK_KEY"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seed = repo.join("examples/niger-us-pact.txt");
    let o = griot(&dir, T0, &["ingest", seed.to_str().unwrap(), "--date", "2024-03-17", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("not delivered to webhook:http://127.0.0.1:") && err.contains("it stays pending"), "{err}");
    let pending = text(&griot(&dir, T0, &["watch", "alerts", "--pending", "--format", "jsonl"]).stdout);
    let n = pending.lines().count();
    assert!(n >= 1, "alerts are kept: {pending}");
    // the receiver comes back; the pending alerts are delivered once, signed
    let s = Server::start_on(port).unwrap();
    s.set("/hook", Reply::status(204));
    let o = griot(&dir, T0 + 120, &["watch", "deliver"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let posts = s.requests();
    assert_eq!(posts.len(), n);
    let mut ids = std::collections::HashSet::new();
    for p in &posts {
        assert_eq!(p.method, "POST");
        let body: serde_json::Value = serde_json::from_slice(&p.body).unwrap();
        assert!(ids.insert(body["id"].as_i64().unwrap()), "each alert once");
        assert_eq!(p.header("x-griot-alert").map(str::to_string), Some(body["id"].to_string()));
        let sig = p.header("x-griot-signature").unwrap();
        assert_eq!(sig, format!("sha256={}", hmac_hex(b"s3cret", &p.body)), "signed with HOOK_KEY");
    }
    assert!(text(&griot(&dir, T0, &["watch", "alerts", "--pending"]).stdout).is_empty());
    let _ = griot(&dir, T0 + 240, &["watch", "deliver"]);
    assert_eq!(s.requests().len(), n, "nothing twice");
    // a receiver answering 500: retried, kept pending, then delivered
    s.set("/hook", Reply::status(500));
    let briefs = repo.join("examples/sahel-briefs.jsonl");
    let o = griot(&dir, T0 + 300, &["ingest", briefs.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("HTTP 500"), "{}", text(&o.stderr));
    let tries = s.requests().len() - n;
    assert_eq!(tries, 3, "three tries, then pending");
    let m = text(&griot(&dir, T0, &["watch", "alerts", "--pending", "--format", "jsonl"]).stdout).lines().count();
    assert!(m >= 1);
    s.set("/hook", Reply::status(200));
    s.clear_log();
    let o = griot(&dir, T0 + 400, &["watch", "deliver"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(s.requests().len(), m);
}
