//! `griot serve` end to end: the real binary serving a demo database on loopback, asked
//! over plain HTTP/1.1 by a small client written here (no HTTP library needed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn griot() -> Command {
    Command::new(env!("CARGO_BIN_EXE_griot"))
}

fn scratch(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("griot-serve-{}-{}-{}", std::process::id(), name, n));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A demo database, made once per test run; each test copies it.
fn demo_db(dir: &Path) -> PathBuf {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    let made = DEMO.get_or_init(|| {
        let d = scratch("demo");
        let db = d.join("demo.db");
        let out = griot().arg("--db").arg(&db).arg("demo").output().expect("run demo");
        assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
        db
    });
    let db = dir.join("griot.db");
    std::fs::copy(made, &db).expect("copy demo db");
    db
}

/// A running `griot serve`, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path, args: &[&str]) -> Server {
    let mut child = griot()
        .arg("--db")
        .arg(db)
        .arg("serve")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn griot serve");
    let mut reader = BufReader::new(child.stderr.take().expect("stderr"));
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).expect("read stderr") == 0 {
            let _ = child.wait();
            panic!("griot serve stopped before serving: {seen}");
        }
        seen.push_str(&line);
        if let Some(rest) = line.split("http://").nth(1) {
            let addr: SocketAddr = rest.split('/').next().unwrap().parse().expect("address");
            // keep draining stderr so the server never blocks on a full pipe
            std::thread::spawn(move || {
                let mut sink = Vec::new();
                let _ = reader.read_to_end(&mut sink);
            });
            return Server { child, addr, stderr: seen };
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else { break };
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..eol]).unwrap().trim(), 16).expect("chunk size");
        raw = &raw[eol + 2..];
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
    out
}

fn request(addr: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, &[], b"")
}

fn get_json(addr: SocketAddr, target: &str) -> Value {
    let r = get(addr, target);
    assert_eq!(r.status, 200, "{target}: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"), "{target}");
    r.json()
}

/// A 400 whose error names `param` with `code`.
fn bad(addr: SocketAddr, target: &str, param: &str, code: &str) {
    let r = get(addr, target);
    assert_eq!(r.status, 400, "{target}: {}", r.text());
    let e = &r.json()["error"];
    assert_eq!(e["code"], code, "{target}: {e}");
    assert_eq!(e["parameter"], param, "{target}: {e}");
    assert!(!e["message"].as_str().unwrap().is_empty());
}

fn ids(page: &Value) -> Vec<String> {
    page["events"].as_array().unwrap().iter().map(|e| e["record"]["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_read_endpoint_with_filters_paging_and_errors() {
    let dir = scratch("read");
    let db = demo_db(&dir);
    let s = serve(&db, &["--addr", "127.0.0.1:0"]);
    let a = s.addr;

    // the page and its assets, with the security headers
    let page = get(a, "/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    assert!(page.text().contains("/assets/app.js"));
    assert!(page.header("content-security-policy").unwrap().contains("script-src 'self'"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for asset in ["/assets/app.js", "/assets/app.css", "/assets/vendor/world-atlas/countries-110m.json", "/assets/vendor/world-atlas/LICENSE"] {
        assert_eq!(get(a, asset).status, 200, "{asset}");
    }
    assert_eq!(get(a, "/assets/nope.js").status, 404);
    assert_eq!(get(a, "/nope").status, 404);
    let openapi = get_json(a, "/api/v1/openapi.json");
    assert_eq!(openapi["openapi"], "3.0.3");
    for path in ["/events", "/events/{id}", "/articles", "/articles/{id}", "/stories", "/stories/{id}", "/actors", "/network", "/places", "/counts", "/export", "/meta"] {
        assert!(openapi["paths"][path].is_object(), "openapi documents {path}");
    }

    // meta
    let meta = get_json(a, "/api/v1/meta");
    let total = meta["counts"]["events"].as_u64().unwrap();
    assert!(total >= 10, "demo has events: {meta}");
    assert!(meta["types"].as_array().unwrap().iter().any(|t| t["name"] == "SANCTION"));
    assert_eq!(meta["writes"], false);

    // events: every event once through the pages, in each order
    for sort in ["ingest", "date", "-date"] {
        let mut seen = Vec::new();
        let mut target = format!("/api/v1/events?limit=4&sort={sort}");
        loop {
            let p = get_json(a, &target);
            assert!(p["events"].as_array().unwrap().len() <= 4);
            seen.extend(ids(&p));
            match p["next"].as_str() {
                Some(c) => target = format!("/api/v1/events?limit=4&sort={sort}&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen.len() as u64, total, "{sort}");
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{sort}: no event twice");
    }

    // each filter narrows, and agrees with what the events carry
    let all = get_json(a, "/api/v1/events?limit=1000");
    let events = all["events"].as_array().unwrap().clone();
    let first = &events[0]["record"];
    let count = |q: &str| get_json(a, &format!("/api/v1/counts?{q}"))["total"].as_u64().unwrap();
    assert_eq!(count(""), total);
    let ner_actor = events.iter().filter(|e| e["record"]["actor"]["country"] == "NER").count() as u64;
    assert_eq!(count("actor=ner"), ner_actor);
    assert!(ner_actor > 0 && ner_actor < total);
    let usa_recipient = events.iter().filter(|e| e["record"]["recipient"]["country"] == "USA").count() as u64;
    assert_eq!(count("recipient=USA"), usa_recipient);
    let ty = first["type"].as_str().unwrap();
    assert_eq!(count(&format!("type={ty}")), events.iter().filter(|e| e["record"]["type"] == ty).count() as u64);
    let st = first["status"].as_str().unwrap();
    assert_eq!(count(&format!("status={st}")), events.iter().filter(|e| e["record"]["status"] == st).count() as u64);
    if let Some(mode) = events.iter().find_map(|e| e["record"]["mode"].as_str()) {
        let n = events.iter().filter(|e| e["record"]["mode"] == mode).count() as u64;
        assert_eq!(count(&format!("mode={mode}")), n);
    }
    if let Some(ctx) = events.iter().find_map(|e| e["record"]["context"].as_array().and_then(|c| c.first()).and_then(Value::as_str)) {
        let n = events
            .iter()
            .filter(|e| e["record"]["context"].as_array().unwrap().iter().any(|c| c == ctx))
            .count() as u64;
        assert_eq!(count(&format!("context={ctx}")), n);
    }
    let narrowed = count("since=2024-03-01&until=2024-03-31");
    assert!(narrowed > 0 && narrowed < total, "{narrowed}");
    let place_event = events.iter().find(|e| e["record"]["location"].is_object()).expect("a located demo event");
    let loc = &place_event["record"]["location"];
    let place = loc["name"].as_str().unwrap();
    assert!(count(&format!("place={}", place.replace(' ', "+"))) >= 1);
    let (lat, lon) = (loc["lat"].as_f64().unwrap(), loc["lon"].as_f64().unwrap());
    let around = format!("bbox={},{},{},{}", lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0);
    assert!(count(&around) >= 1);
    assert_eq!(count("bbox=-179,-89,-178,-88"), 0);
    assert!(count("text=junta") >= 1);
    assert_eq!(count("text=zzzyyyxxx"), 0);
    let story_id = place_event["story"]["story_id"].as_str().expect("demo events have stories");
    assert!(count(&format!("story={story_id}")) >= 1);
    let article_id = events[0]["article_id"].as_str().unwrap();
    assert_eq!(
        count(&format!("article={article_id}")),
        events.iter().filter(|e| e["article_id"] == article_id).count() as u64
    );
    // a filtered page holds only matching events
    let p = get_json(a, "/api/v1/events?actor=NER&limit=1000");
    assert!(p["events"].as_array().unwrap().iter().all(|e| e["record"]["actor"]["country"] == "NER"));

    // one event, with its evidence and sentence
    let eid = first["id"].as_str().unwrap();
    let one = get_json(a, &format!("/api/v1/events/{eid}"));
    assert_eq!(one["record"]["id"], eid);
    assert!(!one["record"]["evidence"].as_array().unwrap().is_empty());
    assert!(one["sentence"]["text"].as_str().unwrap().contains(first["trigger"]["text"].as_str().unwrap()));
    assert_eq!(get(a, "/api/v1/events/nope:1").status, 404);
    assert_eq!(get(a, "/api/v1/events/nope:1").json()["error"]["code"], "not_found");

    // articles, and one article with all its layers
    let arts = get_json(a, "/api/v1/articles?limit=2");
    assert_eq!(arts["articles"].as_array().unwrap().len(), 2);
    let next = arts["next"].as_str().expect("more articles");
    let rest = get_json(a, &format!("/api/v1/articles?cursor={next}"));
    assert_eq!(arts["articles"].as_array().unwrap().len() + rest["articles"].as_array().unwrap().len(), meta["counts"]["articles"].as_u64().unwrap() as usize);
    assert!(get_json(a, "/api/v1/articles?text=junta")["articles"].as_array().unwrap().len() >= 1);
    let doc = get_json(a, &format!("/api/v1/articles/{article_id}"));
    for layer in ["sentences", "mentions", "times", "statements", "quantities", "events"] {
        assert!(doc[layer].is_array(), "{layer}");
    }
    let text = doc["text"].as_str().unwrap();
    let trig = &doc["events"][0]["trigger"];
    let (ts, te) = (trig["start"].as_u64().unwrap() as usize, trig["end"].as_u64().unwrap() as usize);
    assert_eq!(&text.as_bytes()[ts..te], trig["text"].as_str().unwrap().as_bytes(), "offsets point into the text");
    assert!(doc["story_id"].is_string());
    assert_eq!(get(a, "/api/v1/articles/none-such").status, 404);
    bad(a, "/api/v1/articles/%FF%FE", "id", "bad_parameter");

    // stories and one story
    let stories = get_json(a, "/api/v1/stories");
    let list = stories["stories"].as_array().unwrap();
    assert_eq!(list.len() as u64, meta["stories"].as_u64().unwrap());
    let sid = list[0]["id"].as_str().unwrap();
    let story = get_json(a, &format!("/api/v1/stories/{sid}"));
    assert!(!story["articles"].as_array().unwrap().is_empty());
    assert!(story["events"].as_array().unwrap().iter().all(|e| e["num_mentions"].as_u64().unwrap() >= 1 && e["disagreements"].is_array()));
    let paged = get_json(a, "/api/v1/stories?limit=1");
    let c = paged["next"].as_str().unwrap();
    assert_ne!(get_json(a, &format!("/api/v1/stories?limit=1&cursor={c}"))["stories"][0]["id"], paged["stories"][0]["id"]);
    assert!(get_json(a, "/api/v1/stories?actor=NER")["stories"].as_array().unwrap().len() >= 1);
    assert_eq!(get(a, "/api/v1/stories/00ff00ff00ff00ff").status, 404);
    assert_eq!(get(a, "/api/v1/stories/not-hex").status, 404);

    // actors, network, places, counts
    let actors = get_json(a, "/api/v1/actors");
    let ner = actors["actors"].as_array().unwrap().iter().find(|x| x["code"] == "NER").expect("NER is an actor");
    assert_eq!(ner["as_actor"].as_u64().unwrap(), ner_actor);
    assert!(!ner["partners"].as_array().unwrap().is_empty());
    let net = get_json(a, "/api/v1/network?type=ACCUSE");
    assert!(net["edges"].as_array().unwrap().iter().all(|e| e["types"].as_object().unwrap().keys().all(|k| k == "ACCUSE")));
    let places = get_json(a, "/api/v1/places");
    let located: u64 = places["places"].as_array().unwrap().iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(located, events.iter().filter(|e| e["record"]["location"]["lat"].is_number()).count() as u64);
    for period in ["day", "week", "month"] {
        for by in ["type", "quad", "none"] {
            let c = get_json(a, &format!("/api/v1/counts?period={period}&by={by}"));
            let sum: u64 = c["buckets"].as_array().unwrap().iter().map(|b| b["total"].as_u64().unwrap()).sum();
            assert_eq!(sum + c["undated"].as_u64().unwrap(), total, "{period} {by}");
        }
    }
    assert!(get_json(a, "/api/v1/counts?period=week")["buckets"][0]["period"].as_str().unwrap().contains("-W"));

    // exports of the current filter
    let jsonl = get(a, "/api/v1/export?format=plover-jsonl&actor=NER");
    assert_eq!(jsonl.status, 200);
    assert!(jsonl.header("content-disposition").unwrap().contains("griot-events.jsonl"));
    let lines: Vec<Value> = jsonl.text().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len() as u64, ner_actor);
    assert!(lines.iter().all(|l| l["actor"][0]["code"] == "NER"));
    let csv = get(a, "/api/v1/export?format=csv");
    assert_eq!(csv.text().lines().count() as u64, total + 1, "header + one row per event");
    assert_eq!(get(a, "/api/v1/export?format=csv&raw_cells=true").status, 200);

    // bad parameters: 400 naming the parameter, never a 500
    for (target, param, code) in [
        ("/api/v1/events?actor=%3Cscript%3E", "actor", "bad_parameter"),
        ("/api/v1/events?type=BOMB", "type", "bad_parameter"),
        ("/api/v1/events?mode=flying", "mode", "bad_parameter"),
        ("/api/v1/events?context=outer-space", "context", "bad_parameter"),
        ("/api/v1/events?status=maybe", "status", "bad_parameter"),
        ("/api/v1/events?since=2024-02-30", "since", "bad_parameter"),
        ("/api/v1/events?until=soon", "until", "bad_parameter"),
        ("/api/v1/events?since=2024-05-01&until=2024-04-01", "since", "bad_parameter"),
        ("/api/v1/events?bbox=1,2,3", "bbox", "bad_parameter"),
        ("/api/v1/events?bbox=0,50,10,40", "bbox", "bad_parameter"),
        ("/api/v1/events?story=zz", "story", "bad_parameter"),
        ("/api/v1/events?limit=0", "limit", "bad_parameter"),
        ("/api/v1/events?limit=100000", "limit", "bad_parameter"),
        ("/api/v1/events?limit=ten", "limit", "bad_parameter"),
        ("/api/v1/events?sort=random", "sort", "bad_parameter"),
        ("/api/v1/events?cursor=garbage", "cursor", "bad_parameter"),
        ("/api/v1/events?cursor=12.2024-13-45", "cursor", "bad_parameter"),
        ("/api/v1/events?text=a%00b", "text", "bad_parameter"),
        ("/api/v1/events?actr=NER", "actr", "unknown_parameter"),
        ("/api/v1/events?actor=NER&actor=USA", "actor", "repeated_parameter"),
        ("/api/v1/articles?cursor=-4", "cursor", "bad_parameter"),
        ("/api/v1/articles?since=x", "since", "bad_parameter"),
        ("/api/v1/stories?cursor=%25%25", "cursor", "bad_parameter"),
        ("/api/v1/stories?type=SANCTION", "type", "unknown_parameter"),
        ("/api/v1/counts?period=year", "period", "bad_parameter"),
        ("/api/v1/counts?by=colour", "by", "bad_parameter"),
        ("/api/v1/export?format=xlsx", "format", "bad_parameter"),
        ("/api/v1/network?limit=0", "limit", "bad_parameter"),
        ("/api/v1/places?bbox=a,b,c,d", "bbox", "bad_parameter"),
        ("/api/v1/actors?recipient=X", "recipient", "bad_parameter"),
        ("/api/v1/meta?x=1", "x", "unknown_parameter"),
    ] {
        bad(a, target, param, code);
    }
    let long = format!("/api/v1/events?place={}", "a".repeat(600));
    bad(a, &long, "place", "bad_parameter");
    let r = get(a, "/api/v1/nothing-here");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")));
    let r = request(a, "DELETE", "/api/v1/events", &[], b"");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (405, Some("method_not_allowed")));

    // a loopback server answers loopback host names only (DNS rebinding)
    let r = request(a, "GET", "/api/v1/meta", &[("Host", "evil.example:8080")], b"");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (403, Some("bad_host")));
    assert_eq!(request(a, "GET", "/api/v1/meta", &[("Host", "localhost")], b"").status, 200);

    // writes are disabled without a token
    let r = request(a, "POST", "/api/v1/articles", &[("Content-Type", "text/plain")], b"Niger expelled the French ambassador.");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (403, Some("writes_disabled")));
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

const HOSTILE: &str = "Title: <script>window.__pwned=1</script><img src=x onerror=alert(1)>\nDate: 2024-06-01\n\n\
Niger's junta expelled the French ambassador on Friday. <script>document.title='pwned'</script> \
The government in Niamey accused France of interference.\n";

#[test]
fn ingest_needs_the_token_is_idempotent_and_keeps_hostile_text_as_text() {
    let dir = scratch("ingest");
    let db = demo_db(&dir);
    let token_file = dir.join("token");
    std::fs::write(&token_file, "correct-horse-battery\n").unwrap();
    let s = serve(&db, &["--addr", "127.0.0.1:0", "--token-file", token_file.to_str().unwrap()]);
    let a = s.addr;
    let before = get_json(a, "/api/v1/meta");
    assert_eq!(before["writes"], true);
    let auth = ("Authorization", "Bearer correct-horse-battery");
    let post = |headers: &[(&str, &str)], target: &str, body: &[u8]| request(a, "POST", target, headers, body);

    let r = post(&[("Content-Type", "text/plain")], "/api/v1/articles", HOSTILE.as_bytes());
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (401, Some("unauthorized")));
    assert!(r.header("www-authenticate").is_some());
    let r = post(&[("Authorization", "Bearer wrong-token-here")], "/api/v1/articles", HOSTILE.as_bytes());
    assert_eq!(r.status, 401);
    let r = post(&[auth], "/api/v1/articles", b"");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("bad_body")));
    let r = post(&[auth], "/api/v1/articles?date=2024-13-01", HOSTILE.as_bytes());
    assert_eq!(r.json()["error"]["parameter"], "date");
    let r = post(&[auth], "/api/v1/articles?name=../x.txt", HOSTILE.as_bytes());
    assert_eq!(r.json()["error"]["parameter"], "name");

    let r = post(&[auth, ("Content-Type", "text/plain")], "/api/v1/articles", HOSTILE.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let outcome = r.json();
    assert_eq!((outcome["read"].as_u64(), outcome["stored"].as_u64()), (Some(1), Some(1)));
    let id = outcome["article_ids"][0].as_str().unwrap().to_string();
    // the same document again: stored once
    let again = post(&[auth, ("Content-Type", "text/plain")], "/api/v1/articles", HOSTILE.as_bytes());
    assert_eq!(again.status, 200);
    assert_eq!((again.json()["stored"].as_u64(), again.json()["already"].as_u64()), (Some(0), Some(1)));
    assert_eq!(again.json()["article_ids"][0], id.as_str());
    let after = get_json(a, "/api/v1/meta");
    assert_eq!(after["counts"]["articles"].as_u64().unwrap(), before["counts"]["articles"].as_u64().unwrap() + 1);

    // the hostile title and text come back as data, escaped by JSON, never as markup
    let doc = get(a, &format!("/api/v1/articles/{id}"));
    assert_eq!(doc.header("content-type"), Some("application/json"));
    let v = doc.json();
    assert!(v["article"]["title"].as_str().unwrap().contains("<script>window.__pwned=1</script>"));
    assert!(v["text"].as_str().unwrap().contains("<script>document.title='pwned'</script>"));
    assert!(!doc.text().contains("<script>"), "JSON escapes < as \\u003c or keeps it inside a string only");
    // its events are served like the others
    let evs = get_json(a, &format!("/api/v1/events?article={id}"));
    assert!(!evs["events"].as_array().unwrap().is_empty(), "the hostile article still has events: {evs}");

    // JSON lines upload, format from the Content-Type
    let jsonl = br#"{"id":"up1","title":"Mali","date":"2024-06-02","text":"Mali's government recalled its ambassador from Algeria."}"#;
    let r = post(&[auth, ("Content-Type", "application/x-ndjson")], "/api/v1/articles", jsonl);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["article_ids"][0], "up1");
    assert_eq!(get(a, "/api/v1/articles/up1").status, 200);
    // a JSON lines body that is not JSON: nothing read, 400 with the reason
    let r = post(&[auth, ("Content-Type", "application/x-ndjson")], "/api/v1/articles", b"{not json");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("bad_body")));
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn off_loopback_reads_need_the_token_and_no_token_warns() {
    let dir = scratch("remote");
    let db = demo_db(&dir);
    // without a token on a non-loopback address: a warning, reads open, writes disabled
    let open = serve(&db, &["--addr", "0.0.0.0:0"]);
    assert!(open.stderr.contains("warning") && open.stderr.contains("without a token"), "{}", open.stderr);
    let a = SocketAddr::from(([127, 0, 0, 1], open.addr.port()));
    assert_eq!(get(a, "/api/v1/meta").status, 200);
    drop(open);
    let token_file = dir.join("token");
    std::fs::write(&token_file, "s3cret-token-for-tests").unwrap();
    let s = serve(&db, &["--addr", "0.0.0.0:0", "--token-file", token_file.to_str().unwrap()]);
    assert!(!s.stderr.contains("warning"), "{}", s.stderr);
    let a = SocketAddr::from(([127, 0, 0, 1], s.addr.port()));
    let r = get(a, "/api/v1/events");
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (401, Some("unauthorized")));
    let r = request(a, "GET", "/api/v1/events?limit=1", &[("Authorization", "Bearer s3cret-token-for-tests")], b"");
    assert_eq!(r.status, 200);
    // the page itself holds no data and loads without token (it asks for one)
    assert_eq!(get(a, "/").status, 200);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_refuses_a_missing_database_and_a_bad_token_file() {
    let dir = scratch("refuse");
    let out = griot().arg("--db").arg(dir.join("none.db")).args(["serve", "--addr", "127.0.0.1:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"), "{}", String::from_utf8_lossy(&out.stderr));
    let db = demo_db(&dir);
    std::fs::write(dir.join("short"), "abc").unwrap();
    let out = griot().arg("--db").arg(&db).args(["serve", "--addr", "127.0.0.1:0", "--token-file"]).arg(dir.join("short")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shorter than 8"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watch_alerts_are_listed_and_served_as_an_atom_feed() {
    let dir = scratch("alerts");
    let db = dir.join("griot.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let run = |args: &[&str]| {
        let out = griot().env("GRIOT_NOW", "1710000000").arg("--db").arg(&db).args(args).output().expect("run griot");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["ingest", "--quiet", "--date", "2024-03-17", examples.join("niger-us-pact.txt").to_str().unwrap()]);
    run(&["watch", "add", "niger-<all>", "--actor", "NER", "--notify", "stdout"]);
    run(&["ingest", "--quiet", examples.join("sahel-briefs.jsonl").to_str().unwrap()]);
    let s = serve(&db, &[]);
    let a = s.addr;
    let all = get_json(a, "/api/v1/alerts");
    let alerts = all["alerts"].as_array().expect("alerts");
    assert!(!alerts.is_empty(), "the rule fired on the second ingest: {all}");
    let ids: Vec<i64> = alerts.iter().map(|x| x["id"].as_i64().expect("alert id")).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    // paging back with next_before covers every alert once
    let first = get_json(a, "/api/v1/alerts?limit=1");
    assert_eq!(first["alerts"].as_array().unwrap().len(), 1);
    let mut seen = vec![first["alerts"][0]["id"].as_i64().unwrap()];
    let mut next = first["next_before"].as_i64();
    while let Some(b) = next {
        let page = get_json(a, &format!("/api/v1/alerts?limit=1&before={b}"));
        seen.extend(page["alerts"].as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()));
        next = page["next_before"].as_i64();
        assert!(seen.len() <= ids.len() + 1, "paging ends");
    }
    assert_eq!(seen, ids);
    assert_eq!(get_json(a, "/api/v1/alerts?rule=other")["alerts"].as_array().unwrap().len(), 0);
    // the feed: one entry an alert, the rule name escaped
    let feed = get(a, "/api/v1/alerts.atom");
    assert_eq!(feed.status, 200);
    assert!(feed.header("content-type").unwrap().starts_with("application/atom+xml"));
    let xml = feed.text();
    assert!(xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "{xml}");
    assert_eq!(xml.matches("<entry>").count(), ids.len());
    assert!(xml.contains("niger-&lt;all&gt;") && !xml.contains("niger-<all>"), "escaped rule name");
    assert!(xml.contains(&format!("<id>urn:griot:alert:{}</id>", ids[0])));
    bad(a, "/api/v1/alerts?before=x", "before", "bad_parameter");
    bad(a, "/api/v1/alerts?limit=0", "limit", "bad_parameter");
    bad(a, "/api/v1/alerts.atom?before=-3", "before", "bad_parameter");
    bad(a, "/api/v1/alerts?nope=1", "nope", "unknown_parameter");
    let openapi = get_json(a, "/api/v1/openapi.json");
    assert!(openapi["paths"]["/alerts"].is_object() && openapi["paths"]["/alerts.atom"].is_object());
}

#[test]
fn watch_rules_are_managed_over_http_with_the_token_and_restricted_targets() {
    let dir = scratch("rules");
    let db = demo_db(&dir);
    let token_file = dir.join("token");
    std::fs::write(&token_file, "rules-token-for-tests\n").unwrap();
    let s = serve(
        &db,
        &["--addr", "127.0.0.1:0", "--token-file", token_file.to_str().unwrap(), "--allow-webhook", "https://hooks.example"],
    );
    let a = s.addr;
    let auth = ("Authorization", "Bearer rules-token-for-tests");
    let json_type = ("Content-Type", "application/json");
    let send = |method: &str, target: &str, headers: &[(&str, &str)], body: &str| request(a, method, target, headers, body.as_bytes());
    let fails = |r: &Reply, status: u16, code: &str, param: Option<&str>| {
        assert_eq!(r.status, status, "{}", r.text());
        let e = &r.json()["error"];
        assert_eq!(e["code"], code, "{e}");
        if let Some(p) = param {
            assert_eq!(e["parameter"], p, "{e}");
        }
        assert!(!e["message"].as_str().unwrap().is_empty());
    };
    assert_eq!(get_json(a, "/api/v1/rules")["rules"].as_array().unwrap().len(), 0);

    // every write needs the right token
    let rule = r#"{"name":"ner-<b>","filter":{"actor":"ner"},"trigger":{"kind":"new-place"},"notify":"webhook:https://hooks.example/T0/secret-path","secret_env":"GRIOT_WEBHOOK_KEY"}"#;
    fails(&send("POST", "/api/v1/rules", &[json_type], rule), 401, "unauthorized", None);
    fails(&send("POST", "/api/v1/rules", &[json_type, ("Authorization", "Bearer wrong-token-xx")], rule), 401, "unauthorized", None);
    fails(&send("DELETE", "/api/v1/rules/x", &[], ""), 401, "unauthorized", None);
    fails(&send("PUT", "/api/v1/rules/x", &[], "{}"), 401, "unauthorized", None);
    fails(&send("POST", "/api/v1/rules/x/test", &[], ""), 401, "unauthorized", None);

    // create: 201, codes normalised, the full target shown to the token holder
    let r = send("POST", "/api/v1/rules", &[auth, json_type], rule);
    assert_eq!(r.status, 201, "{}", r.text());
    let made = r.json();
    assert_eq!((made["name"].as_str(), made["filter"]["actor"].as_str()), (Some("ner-<b>"), Some("NER")));
    assert_eq!(made["trigger"]["kind"], "new-place");
    assert_eq!(made["notify"], "webhook:https://hooks.example/T0/secret-path");
    assert!(!r.text().contains("<b>"), "names are data, escaped in JSON");
    fails(&send("POST", "/api/v1/rules", &[auth, json_type], rule), 409, "rule_exists", Some("name"));
    // without the token, reads show where alerts go only up to the origin
    let listed = get_json(a, "/api/v1/rules");
    assert_eq!(listed["rules"][0]["notify"], "webhook:https://hooks.example/...");
    assert_eq!(listed["rules"][0]["notify_redacted"], true);
    let one = get_json(a, "/api/v1/rules/ner-%3Cb%3E");
    assert_eq!((one["name"].as_str(), one["alerts"].as_u64()), (Some("ner-<b>"), Some(0)));
    assert!(!get(a, "/api/v1/rules/ner-%3Cb%3E").text().contains("secret-path"));
    let full = request(a, "GET", "/api/v1/rules", &[auth], b"").json();
    assert_eq!(full["rules"][0]["notify"], "webhook:https://hooks.example/T0/secret-path");
    fails(&get(a, "/api/v1/rules/nope"), 404, "not_found", None);

    // what a remote client may not ask for, and bad fields, each named
    for (body, param) in [
        (r#"{"name":"f","notify":"file:/tmp/griot-owned.jsonl"}"#, "notify"),
        (r#"{"name":"f","notify":"webhook:https://evil.example/x"}"#, "notify"),
        (r#"{"name":"f","notify":"webhook:https://evil.example\\@hooks.example/x"}"#, "notify"),
        (r#"{"name":"f","notify":"webhook:http://169.254.169.254/latest"}"#, "notify"),
        (r#"{"name":"f","notify":"webhook:https://hooks.example/x","secret_env":"HOME"}"#, "secret_env"),
        (r#"{"name":"f","notify":"exec:rm -rf /"}"#, "notify"),
        (r#"{"name":"f","filter":{"actor":"ZZZQQ"}}"#, "filter.actor"),
        (r#"{"name":"f","filter":{"event_type":"BOMB"}}"#, "filter.event_type"),
        (r#"{"name":"f","filter":{"until":"2024-13-01"}}"#, "filter.until"),
        (r#"{"name":"f","trigger":{"kind":"threshold","count":0}}"#, "trigger.count"),
        (r#"{"name":"f","trigger":{"kind":"spike","factor":2,"baseline_days":4294967295}}"#, "trigger.baseline_days"),
        (r#"{"name":"","filter":{}}"#, "name"),
    ] {
        fails(&send("POST", "/api/v1/rules", &[auth, json_type], body), 400, "bad_parameter", Some(param));
    }
    fails(&send("POST", "/api/v1/rules", &[auth, json_type], r#"{"name":"f","fliter":{}}"#), 400, "unknown_parameter", Some("fliter"));
    fails(&send("POST", "/api/v1/rules", &[auth, json_type], "{not json"), 400, "bad_body", None);
    fails(&send("POST", "/api/v1/rules?x=1", &[auth, json_type], r#"{"name":"f"}"#), 400, "unknown_parameter", Some("x"));
    let huge = format!(r#"{{"name":"f","filter":{{"text":"{}"}}}}"#, "a".repeat(70_000));
    fails(&send("POST", "/api/v1/rules", &[auth, json_type], &huge), 413, "payload_too_large", None);
    assert!(!Path::new("/tmp/griot-owned.jsonl").exists());

    // replace (PUT): 200 for a rule there, 201 for a new one; the body's name must match
    let r = send("PUT", "/api/v1/rules/ner-%3Cb%3E", &[auth, json_type], r#"{"filter":{"actor":"NER","event_type":"accuse"}}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!((r.json()["trigger"]["kind"].as_str(), r.json()["filter"]["event_type"].as_str()), (Some("every"), Some("ACCUSE")));
    assert_eq!(r.json()["notify"], "stdout");
    let r = send("PUT", "/api/v1/rules/all", &[auth, json_type], r#"{"trigger":{"kind":"threshold","count":2,"window_days":30}}"#);
    assert_eq!(r.status, 201, "{}", r.text());
    fails(&send("PUT", "/api/v1/rules/all", &[auth, json_type], r#"{"name":"other"}"#), 400, "bad_parameter", Some("name"));
    assert_eq!(get_json(a, "/api/v1/rules")["rules"].as_array().unwrap().len(), 2);

    // dry runs: the stored rule, or the one in the body; bounded by limit; nothing written
    let r = send("POST", "/api/v1/rules/all/test?limit=1", &[auth], "");
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.json();
    assert_eq!(t["alerts"].as_array().unwrap().len(), 1, "{t}");
    let r = send("POST", "/api/v1/rules/every/test", &[auth, json_type], r#"{"filter":{"actor":"NER"}}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    let every = r.json();
    let n = every["alerts"].as_array().unwrap().len();
    assert!(n > 0 && every["truncated"] == false, "{every}");
    if n > 1 {
        let r = send("POST", &format!("/api/v1/rules/every/test?limit={}", n - 1), &[auth, json_type], r#"{"filter":{"actor":"NER"}}"#);
        assert_eq!((r.json()["alerts"].as_array().unwrap().len(), r.json()["truncated"].as_bool()), (n - 1, Some(true)));
    }
    fails(&send("POST", "/api/v1/rules/nope/test", &[auth], ""), 404, "not_found", None);
    fails(&send("POST", "/api/v1/rules/all/test?limit=0", &[auth], ""), 400, "bad_parameter", Some("limit"));
    assert_eq!(get_json(a, "/api/v1/alerts")["alerts"].as_array().unwrap().len(), 0, "dry runs write no alert");
    assert!(get(a, "/api/v1/rules/every").status == 404, "a dry run stores no rule");

    // delete
    let r = send("DELETE", "/api/v1/rules/all", &[auth], "");
    assert_eq!((r.status, r.json()["removed"].as_str()), (200, Some("all")));
    fails(&send("DELETE", "/api/v1/rules/all", &[auth], ""), 404, "not_found", None);
    assert_eq!(get_json(a, "/api/v1/rules")["rules"].as_array().unwrap().len(), 1);
    // the CLI sees what the API made
    let out = griot().arg("--db").arg(&db).args(["watch", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("ner-<b>"), "{}", String::from_utf8_lossy(&out.stdout));
    let openapi = get_json(a, "/api/v1/openapi.json");
    for path in ["/rules", "/rules/{name}", "/rules/{name}/test"] {
        assert!(openapi["paths"][path].is_object(), "openapi documents {path}");
    }
    drop(s);

    // without --allow-webhook no webhook is taken; without a token, no write at all
    let s = serve(&db, &["--addr", "127.0.0.1:0", "--token-file", token_file.to_str().unwrap()]);
    let r = request(s.addr, "POST", "/api/v1/rules", &[auth, json_type], br#"{"name":"w","notify":"webhook:https://hooks.example/x"}"#);
    fails(&r, 400, "bad_parameter", Some("notify"));
    drop(s);
    let s = serve(&db, &["--addr", "127.0.0.1:0"]);
    let r = request(s.addr, "POST", "/api/v1/rules", &[json_type], br#"{"name":"w"}"#);
    fails(&r, 403, "writes_disabled", None);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
