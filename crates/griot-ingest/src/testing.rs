//! A small HTTP/1.1 server on loopback for tests and benchmarks of fetching (`griot follow`,
//! webhooks): routes answer scripted replies that a test changes between rounds (new feed
//! versions, 304 by ETag, 500s, slow answers, huge bodies, redirect loops, robots.txt), and
//! every request is logged. One thread accepts; each connection gets a thread, reads one
//! request (headers up to 64 KiB, a body up to 4 MiB, 5 s read timeout), answers and closes.
//! The server stops when dropped. It listens on 127.0.0.1 only.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Header names lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A scripted answer.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// With an ETag: a request whose `If-None-Match` carries it gets `304 Not Modified`.
    pub etag: Option<String>,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Default::default()
        }
    }
    pub fn html(body: &str) -> Reply {
        Reply::ok("text/html; charset=utf-8", body)
    }
    pub fn rss(body: &str) -> Reply {
        Reply::ok("application/rss+xml", body)
    }
    pub fn status(status: u16) -> Reply {
        Reply { status, body: format!("status {status}\n").into_bytes(), ..Default::default() }
    }
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply { status, headers: vec![("Location".into(), location.into())], ..Default::default() }
    }
    pub fn with_etag(mut self, etag: &str) -> Reply {
        self.etag = Some(etag.into());
        self
    }
    pub fn with_delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

#[derive(Default)]
struct Routes {
    fixed: HashMap<String, Reply>,
    dynamic: HashMap<String, Handler>,
    /// Answer for every path not routed (default 404).
    fallback: Option<Handler>,
}

/// The server; see the module documentation.
pub struct Server {
    addr: SocketAddr,
    routes: Arc<Mutex<Routes>>,
    log: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> std::io::Result<Server> {
        Server::start_on(0)
    }

    /// Starts a server on `port` of 127.0.0.1 (0: any free port), for instance to bring a
    /// stopped server back on the same address.
    pub fn start_on(port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let routes: Arc<Mutex<Routes>> = Arc::default();
        let log: Arc<Mutex<Vec<Request>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, l, s) = (routes.clone(), log.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (r, l) = (r.clone(), l.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &r, &l);
                });
            }
        });
        Ok(Server { addr, routes, log, stop, accept: Some(accept) })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Answers `path` (path and query, exactly) with `reply` from now on.
    pub fn set(&self, path: &str, reply: Reply) {
        if let Ok(mut r) = self.routes.lock() {
            r.dynamic.remove(path);
            r.fixed.insert(path.to_string(), reply);
        }
    }

    /// Answers `path` by calling `f` for each request.
    pub fn set_fn(&self, path: &str, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) {
        if let Ok(mut r) = self.routes.lock() {
            r.fixed.remove(path);
            r.dynamic.insert(path.to_string(), Arc::new(f));
        }
    }

    /// Answers every path without a route by calling `f` (default: 404).
    pub fn set_fallback(&self, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) {
        if let Ok(mut r) = self.routes.lock() {
            r.fallback = Some(Arc::new(f));
        }
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.log.lock().map(|l| l.iter().filter(|r| r.path == path).count()).unwrap_or(0)
    }

    /// Forgets the requests logged so far.
    pub fn clear_log(&self) {
        if let Ok(mut l) = self.log.lock() {
            l.clear();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the accepting thread
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn serve(conn: TcpStream, routes: &Mutex<Routes>, log: &Mutex<Vec<Request>>) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(5)))?;
    conn.set_write_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = reader.by_ref().take(8192).read_until(b'\n', &mut line)?;
        if n == 0 || head.len() > 64 * 1024 {
            return Ok(());
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        head.push(String::from_utf8_lossy(&line).trim_end().to_string());
    }
    let Some(first) = head.first() else { return Ok(()) };
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("/").to_string();
    let headers: Vec<(String, String)> = head[1..]
        .iter()
        .filter_map(|h| h.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse::<usize>().ok()).unwrap_or(0);
    let mut body = vec![0; len.min(4 << 20)];
    reader.read_exact(&mut body)?;
    let request = Request { method, path, headers, body };
    if let Ok(mut l) = log.lock() {
        l.push(request.clone());
    }
    let reply = {
        let r = routes.lock().map_err(|_| std::io::Error::other("poisoned"))?;
        if let Some(fixed) = r.fixed.get(&request.path) {
            fixed.clone()
        } else if let Some(f) = r.dynamic.get(&request.path).cloned() {
            drop(r);
            f(&request)
        } else if let Some(f) = r.fallback.clone() {
            drop(r);
            f(&request)
        } else {
            Reply::status(404)
        }
    };
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    let not_modified = reply.etag.as_deref().is_some_and(|e| request.header("if-none-match") == Some(e));
    let (status, body) = if not_modified { (304, Vec::new()) } else { (reply.status, reply.body) };
    let mut out = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\n", reason(status));
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(e) = &reply.etag {
        out.push_str(&format!("ETag: {e}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut w = conn;
    w.write_all(out.as_bytes())?;
    if request.method != "HEAD" {
        w.write_all(&body)?;
    }
    w.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
