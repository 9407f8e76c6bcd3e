//! HTTP fetching for `griot follow` and webhook delivery: the only place griot touches the
//! network.
//!
//! A [`Fetcher`] is shared by the threads of one run. Every request it makes:
//! - names itself ([`FetchConfig::user_agent`], `griot/VERSION (+URL)` by default);
//! - is allowed by the host's robots.txt (RFC 9309: the group for `griot`, else `*`; longest
//!   match wins, `Allow` on a tie; `*` and `$` patterns; a robots.txt that answers 4xx allows
//!   everything, one that cannot be fetched or answers 5xx disallows everything for the run;
//!   `Crawl-delay` lengthens the host's interval, up to 60 s);
//! - waits for its host: at most [`FetchConfig::host_concurrency`] requests at once to one
//!   host (`scheme://host:port`) and [`FetchConfig::host_interval`] between the starts of two
//!   of them;
//! - is bounded: a connect timeout and a timeout for the whole exchange, headers up to 64 KiB,
//!   a body up to [`FetchConfig::max_bytes`] after decompression (gzip, deflate, brotli), at
//!   most [`FetchConfig::max_redirects`] redirects (each checked against robots.txt, a loop is
//!   an error at once);
//! - is retried on transient failures (connection, timeout, 408, 429, 5xx) up to
//!   [`FetchConfig::retries`] times, waiting `retry_base × 2^k` (or the server's `Retry-After`,
//!   capped at `retry_max`).
//!
//! Conditional requests: give the validators of the last response ([`Validators`]) and a
//! `304 Not Modified` comes back as [`Fetched::NotModified`].
//!
//! Errors are one [`FetchError`] naming the URL and why, with `transient` telling a caller
//! whether trying again later could help.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How a [`Fetcher`] behaves.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Connection (and name resolution) timeout.
    pub connect_timeout: Duration,
    /// Timeout for one whole exchange: connecting, sending, receiving headers and body.
    pub timeout: Duration,
    /// Largest body accepted, after decompression.
    pub max_bytes: u64,
    /// Redirects followed at most.
    pub max_redirects: u32,
    /// Further attempts after a transient failure.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub retry_base: Duration,
    /// Longest wait before a retry (also caps `Retry-After`).
    pub retry_max: Duration,
    /// Least time between the starts of two requests to one host (0: no limit).
    pub host_interval: Duration,
    /// Requests in flight to one host at most.
    pub host_concurrency: usize,
    /// Honour robots.txt.
    pub robots: bool,
}

/// The product token griot looks for in robots.txt.
pub const ROBOTS_TOKEN: &str = "griot";

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!(
                "griot/{} (+https://github.com/griot-events/griot; news event coding)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            retries: 2,
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(30),
            host_interval: Duration::from_secs(1),
            host_concurrency: 2,
            robots: true,
        }
    }
}

/// Validators of a previous response, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response with a body (any status that is not a redirect or 304; see
/// [`Fetcher::fetch`] for which are errors).
#[derive(Debug, Clone, Default)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered, after redirects.
    pub final_url: String,
    pub status: u16,
    /// Media type, lower case, without parameters (`text/html`).
    pub media_type: Option<String>,
    /// `charset` parameter of the Content-Type header.
    pub charset: Option<String>,
    pub validators: Validators,
    /// Decompressed body.
    pub body: Vec<u8>,
}

/// What a conditional fetch gave.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// 304: unchanged since the validators given.
    NotModified {
        final_url: String,
    },
    Body(Response),
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{url}: {reason}")]
pub struct FetchError {
    pub url: String,
    pub reason: String,
    /// HTTP status of the failing response, when there was one.
    pub status: Option<u16>,
    /// Trying again later may succeed (connection, timeout, 408, 429, 5xx).
    pub transient: bool,
    /// Refused by robots.txt (not fetched at all).
    pub robots: bool,
}

impl FetchError {
    fn new(url: &str, reason: impl Into<String>, transient: bool) -> Self {
        FetchError { url: url.to_string(), reason: reason.into(), status: None, transient, robots: false }
    }
}

/// The parts of an absolute http(s) URL griot needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
    /// Path and query, starting with `/`.
    pub path: String,
}

impl Url {
    /// Parses an absolute `http://` or `https://` URL (fragment dropped, spaces and non-ASCII
    /// bytes percent-encoded).
    pub fn parse(raw: &str) -> Result<Url, String> {
        let raw = raw.trim();
        let (scheme, rest) = raw.split_once("://").ok_or_else(|| format!("{raw:?} is not an absolute URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!("{raw:?}: only http and https URLs are fetched"));
        }
        let rest = rest.split('#').next().unwrap_or("");
        let (authority, path) = match rest.find(['/', '?']) {
            Some(p) => (&rest[..p], &rest[p..]),
            None => (rest, "/"),
        };
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => {
                if p.is_empty() {
                    (h, None)
                } else {
                    let port: u16 = p.parse().map_err(|_| format!("{raw:?}: bad port {p:?}"))?;
                    (h, Some(port))
                }
            }
            _ => (authority, None),
        };
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(format!("{raw:?}: no host"));
        }
        let default_port = if scheme == "https" { 443 } else { 80 };
        let port = port.filter(|&p| p != default_port);
        let path = if path.starts_with('?') { format!("/{path}") } else { path.to_string() };
        Ok(Url { scheme, host: host.to_ascii_lowercase(), port, path: encode_path(&path) })
    }

    /// `scheme://host[:port]`: the unit of politeness and robots.txt.
    pub fn origin(&self) -> String {
        match self.port {
            Some(p) => format!("{}://{}:{p}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// Resolves a reference (a link or a `Location` header) against this URL.
    pub fn join(&self, reference: &str) -> Result<Url, String> {
        let r = reference.trim();
        if r.contains("://")
            && r.split("://").next().is_some_and(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        {
            return Url::parse(r);
        }
        if let Some(rest) = r.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme));
        }
        let origin = self.origin();
        if r.starts_with('/') {
            return Url::parse(&format!("{origin}{}", remove_dots(r)));
        }
        let (base_path, _query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        if r.is_empty() || r.starts_with('#') {
            return Ok(self.clone());
        }
        if r.starts_with('?') {
            return Url::parse(&format!("{origin}{base_path}{r}"));
        }
        let dir = &base_path[..base_path.rfind('/').map_or(0, |p| p + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        Url::parse(&format!("{origin}{}", remove_dots(&format!("{dir}{r}"))))
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.origin(), self.path)
    }
}

/// Percent-encodes what may not appear in a request target (spaces, controls, non-ASCII).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b <= b' '
            || b >= 0x7f
            || b == b'"'
            || b == b'<'
            || b == b'>'
            || b == b'\\'
            || b == b'^'
            || b == b'`'
            || b == b'{'
            || b == b'|'
            || b == b'}'
        {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

/// RFC 3986 dot-segment removal on a path (the query is kept as it is).
fn remove_dots(path: &str) -> String {
    let (p, q) = match path.find('?') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = p.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut joined = out.join("/");
    if !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    joined + q
}

// ---------------------------------------------------------------- robots.txt

/// The rules of one robots.txt for one user agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// `(allow, pattern)` in file order.
    rules: Vec<(bool, String)>,
    /// Everything is disallowed (robots.txt unreachable or 5xx).
    deny_all: bool,
    pub crawl_delay: Option<Duration>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or one that answers 4xx).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything disallowed (robots.txt could not be had).
    pub fn deny_all() -> Robots {
        Robots { deny_all: true, ..Robots::default() }
    }

    /// The group of `token` in a robots.txt (matched case-insensitively as a prefix of the
    /// product names given), else the `*` group.
    pub fn parse(text: &str, token: &str) -> Robots {
        let token = token.to_ascii_lowercase();
        // groups: (agents, rules, delay)
        type Group = (Vec<String>, Vec<(bool, String)>, Option<Duration>);
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines().take(100_000) {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((field, value)) = line.split_once(':') else { continue };
            let field = field.trim().to_ascii_lowercase();
            let value = value.trim();
            match field.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new(), None));
                        in_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.1.push((field == "allow", value.to_string()));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let (Some(g), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                        if secs.is_finite() && secs >= 0.0 {
                            g.2 = Some(Duration::from_secs_f64(secs.min(60.0)));
                        }
                    }
                }
                _ => {}
            }
        }
        let pick = |want: &dyn Fn(&str) -> bool| {
            let mut rules = Vec::new();
            let mut delay = None;
            let mut found = false;
            for (agents, r, d) in &groups {
                if agents.iter().any(|a| want(a)) {
                    found = true;
                    rules.extend(r.iter().cloned());
                    delay = delay.or(*d);
                }
            }
            found.then_some((rules, delay))
        };
        let mine = pick(&|a: &str| a != "*" && !a.is_empty() && token.starts_with(a.trim_end_matches('*')));
        let (rules, crawl_delay) = mine.or_else(|| pick(&|a: &str| a == "*")).unwrap_or_default();
        Robots { rules, deny_all: false, crawl_delay }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        if self.deny_all {
            return false;
        }
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if pattern_matches(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// robots.txt pattern: a path prefix with `*` (any run) and a final `$` (end).
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0usize;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else if i + 1 == parts.len() && anchored {
            return path.len() >= at + part.len() && path.ends_with(part);
        } else {
            match path[at..].find(part) {
                Some(p) => at += p + part.len(),
                None => return false,
            }
        }
    }
    !anchored || at == path.len() || (parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()))
}

// ---------------------------------------------------------------- host gate

#[derive(Default)]
struct HostState {
    in_flight: usize,
    next_start: Option<Instant>,
    interval: Duration,
}

/// Per-host concurrency cap and interval between request starts.
struct HostGate {
    hosts: Mutex<HashMap<String, HostState>>,
    freed: Condvar,
    cap: usize,
    interval: Duration,
}

impl HostGate {
    fn new(cap: usize, interval: Duration) -> Self {
        HostGate { hosts: Mutex::new(HashMap::new()), freed: Condvar::new(), cap: cap.max(1), interval }
    }

    /// Waits for a slot on `origin`; the slot is given back when the guard drops.
    fn enter(&self, origin: &str) -> HostSlot<'_> {
        let Ok(mut hosts) = self.hosts.lock() else {
            return HostSlot { gate: self, origin: origin.to_string() };
        };
        loop {
            let now = Instant::now();
            let state = hosts
                .entry(origin.to_string())
                .or_insert_with(|| HostState { interval: self.interval, ..Default::default() });
            let wait = state.next_start.filter(|&t| t > now).map(|t| t - now);
            if state.in_flight < self.cap && wait.is_none() {
                state.in_flight += 1;
                state.next_start = Some(now + state.interval);
                break;
            }
            let timeout = wait.unwrap_or(Duration::from_millis(200)).min(Duration::from_secs(1));
            hosts = match self.freed.wait_timeout(hosts, timeout) {
                Ok((h, _)) => h,
                Err(_) => return HostSlot { gate: self, origin: origin.to_string() },
            };
        }
        HostSlot { gate: self, origin: origin.to_string() }
    }

    fn set_interval(&self, origin: &str, interval: Duration) {
        if let Ok(mut hosts) = self.hosts.lock() {
            let state = hosts
                .entry(origin.to_string())
                .or_insert_with(|| HostState { interval: self.interval, ..Default::default() });
            state.interval = state.interval.max(interval);
        }
    }
}

struct HostSlot<'g> {
    gate: &'g HostGate,
    origin: String,
}

impl Drop for HostSlot<'_> {
    fn drop(&mut self) {
        if let Ok(mut hosts) = self.gate.hosts.lock() {
            if let Some(s) = hosts.get_mut(&self.origin) {
                s.in_flight = s.in_flight.saturating_sub(1);
            }
        }
        self.gate.freed.notify_all();
    }
}

// ---------------------------------------------------------------- fetcher

/// A robots.txt as fetched, to keep between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsRecord {
    /// `scheme://host[:port]`.
    pub origin: String,
    /// Status of the robots.txt response (0: it could not be fetched).
    pub status: u16,
    pub body: String,
}

/// The HTTP client of one run; `Sync`, shared by its threads.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    gate: HostGate,
    robots: Mutex<HashMap<String, Robots>>,
    robots_fetched: Mutex<Vec<RobotsRecord>>,
    /// One robots.txt fetch per origin at a time (other origins go on).
    robots_locks: Mutex<HashMap<String, std::sync::Arc<Mutex<()>>>>,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(config.user_agent.as_str())
            .accept_encoding("gzip, deflate, br")
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .max_response_header_size(64 * 1024)
            .max_idle_connections_per_host(config.host_concurrency.max(1))
            .build()
            .into();
        let gate = HostGate::new(config.host_concurrency, config.host_interval);
        Fetcher {
            agent,
            config,
            gate,
            robots: Mutex::new(HashMap::new()),
            robots_fetched: Mutex::new(Vec::new()),
            robots_locks: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Gives robots.txt files kept from an earlier run (they are not fetched again).
    pub fn preload_robots(&self, records: &[RobotsRecord]) {
        for r in records {
            let robots = robots_of(r.status, &r.body);
            if let Some(d) = robots.crawl_delay {
                self.gate.set_interval(&r.origin, d);
            }
            if let Ok(mut m) = self.robots.lock() {
                m.insert(r.origin.clone(), robots);
            }
        }
    }

    /// The robots.txt files fetched by this fetcher since the last call.
    pub fn take_fetched_robots(&self) -> Vec<RobotsRecord> {
        self.robots_fetched.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default()
    }

    /// GET `url`, conditional on `validators`, following redirects. A 2xx body is
    /// `Fetched::Body`; 304 is `NotModified`; every other status is an error (4xx final,
    /// 408/429/5xx transient, after the retries).
    pub fn fetch(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        let start = Url::parse(url).map_err(|e| FetchError::new(url, e, false))?;
        let mut current = start;
        let mut seen = HashSet::new();
        let mut hops = 0u32;
        loop {
            let shown = current.to_string();
            if !seen.insert(shown.clone()) {
                return Err(FetchError::new(url, format!("redirect loop back to {shown}"), false));
            }
            if self.config.robots && !self.robots_allow(&current) {
                let mut e = FetchError::new(
                    url,
                    format!("robots.txt of {} disallows {}", current.origin(), current.path),
                    false,
                );
                e.robots = true;
                return Err(e);
            }
            let answer = self.exchange_with_retries(&current, validators, url)?;
            match answer {
                Answer::Redirect(location) => {
                    hops += 1;
                    if hops > self.config.max_redirects {
                        return Err(FetchError::new(
                            url,
                            format!("more than {} redirects", self.config.max_redirects),
                            false,
                        ));
                    }
                    current = current
                        .join(&location)
                        .map_err(|e| FetchError::new(url, format!("bad redirect Location {location:?}: {e}"), false))?;
                }
                Answer::NotModified => return Ok(Fetched::NotModified { final_url: shown }),
                Answer::Body(mut r) => {
                    r.url = url.to_string();
                    r.final_url = shown;
                    return Ok(Fetched::Body(r));
                }
            }
        }
    }

    /// POST a JSON body (webhooks), with extra headers; success is any 2xx. No redirects,
    /// no retries (the caller keeps undelivered alerts and tries again later).
    pub fn post_json(&self, url: &str, body: &[u8], headers: &[(String, String)]) -> Result<u16, FetchError> {
        let target = Url::parse(url).map_err(|e| FetchError::new(url, e, false))?;
        let _slot = self.gate.enter(&target.origin());
        let mut req = self.agent.post(target.to_string()).header("Content-Type", "application/json");
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let mut resp = req.send(body).map_err(|e| transport_error(url, &e))?;
        let status = resp.status().as_u16();
        // drain a little of the answer so the connection can be reused
        let _ = resp.body_mut().with_config().limit(64 * 1024).read_to_vec();
        if (200..300).contains(&status) {
            Ok(status)
        } else {
            let mut e = FetchError::new(url, format!("HTTP {status}"), status == 408 || status == 429 || status >= 500);
            e.status = Some(status);
            Err(e)
        }
    }

    fn robots_allow(&self, url: &Url) -> bool {
        let origin = url.origin();
        if let Some(r) = self.robots.lock().ok().and_then(|m| m.get(&origin).cloned()) {
            return r.allows(&url.path);
        }
        let lock =
            self.robots_locks.lock().map(|mut m| m.entry(origin.clone()).or_default().clone()).unwrap_or_default();
        let _one = lock.lock();
        if let Some(r) = self.robots.lock().ok().and_then(|m| m.get(&origin).cloned()) {
            return r.allows(&url.path);
        }
        let robots_url = Url { path: "/robots.txt".into(), ..url.clone() };
        // unreachable (0): everything disallowed for the run
        let (status, body) = self.fetch_robots(&robots_url).unwrap_or_default();
        let robots = robots_of(status, &body);
        if let Some(d) = robots.crawl_delay {
            self.gate.set_interval(&origin, d);
        }
        let allowed = robots.allows(&url.path);
        if let Ok(mut m) = self.robots.lock() {
            m.insert(origin.clone(), robots);
        }
        if let Ok(mut v) = self.robots_fetched.lock() {
            v.push(RobotsRecord { origin, status, body });
        }
        allowed
    }

    /// robots.txt: follows up to 5 redirects (RFC 9309), at most 512 KiB read.
    fn fetch_robots(&self, url: &Url) -> Result<(u16, String), FetchError> {
        let mut current = url.clone();
        for _ in 0..=5 {
            match self.exchange_with_retries(&current, None, &url.to_string()) {
                Ok(Answer::Redirect(loc)) => {
                    current = current.join(&loc).map_err(|e| FetchError::new(&url.to_string(), e, false))?;
                }
                Ok(Answer::Body(r)) => {
                    let body = String::from_utf8_lossy(&r.body[..r.body.len().min(512 * 1024)]).into_owned();
                    return Ok((r.status, body));
                }
                Ok(Answer::NotModified) => return Ok((200, String::new())),
                Err(e) => match e.status {
                    Some(s) => return Ok((s, String::new())),
                    None => return Err(e),
                },
            }
        }
        Ok((404, String::new()))
    }

    fn exchange_with_retries(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        asked: &str,
    ) -> Result<Answer, FetchError> {
        let mut attempt = 0u32;
        loop {
            let result = self.exchange(url, validators, asked);
            match result {
                Err(Failure { error, retry_after }) if error.transient && attempt < self.config.retries => {
                    let backoff = self.config.retry_base.saturating_mul(1u32 << attempt.min(16));
                    let wait = retry_after.unwrap_or(backoff).min(self.config.retry_max);
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                Err(f) => return Err(f.error),
                Ok(a) => return Ok(a),
            }
        }
    }

    /// One request and its answer.
    fn exchange(&self, url: &Url, validators: Option<&Validators>, asked: &str) -> Result<Answer, Failure> {
        let _slot = self.gate.enter(&url.origin());
        let mut req = self.agent.get(url.to_string());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag.as_str());
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm.as_str());
            }
        }
        let mut resp = req.call().map_err(|e| Failure { error: transport_error(asked, &e), retry_after: None })?;
        let status = resp.status().as_u16();
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string());
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            return match header("location") {
                Some(loc) => Ok(Answer::Redirect(loc)),
                None => Err(Failure {
                    error: FetchError::new(asked, format!("HTTP {status} without a Location"), false),
                    retry_after: None,
                }),
            };
        }
        if status == 304 {
            return Ok(Answer::NotModified);
        }
        if !(200..300).contains(&status) {
            let transient = status == 408 || status == 429 || status >= 500;
            let retry_after = header("retry-after").and_then(|s| s.parse::<u64>().ok()).map(Duration::from_secs);
            let mut error = FetchError::new(asked, format!("HTTP {status}{}", reason_phrase(status)), transient);
            error.status = Some(status);
            return Err(Failure { error, retry_after });
        }
        let max = self.config.max_bytes;
        if let Some(len) = header("content-length").and_then(|s| s.parse::<u64>().ok()) {
            if len > max {
                return Err(Failure {
                    error: FetchError::new(asked, format!("response of {len} bytes, over the limit of {max}"), false),
                    retry_after: None,
                });
            }
        }
        let content_type = header("content-type").unwrap_or_default();
        let mut parts = content_type.split(';');
        let media_type = parts.next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
        let charset = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .map(|(_, v)| v.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty());
        let deflate = header("content-encoding").is_some_and(|e| e.eq_ignore_ascii_case("deflate"));
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        let too_big = || FetchError::new(asked, format!("response over the limit of {max} bytes"), false);
        let raw = match resp.body_mut().with_config().limit(max).read_to_vec() {
            Ok(b) => b,
            Err(ureq::Error::BodyExceedsLimit(_)) => return Err(Failure { error: too_big(), retry_after: None }),
            Err(e) => return Err(Failure { error: transport_error(asked, &e), retry_after: None }),
        };
        let body = if deflate {
            inflate(&raw, max).map_err(|why| Failure {
                error: if why.is_empty() { too_big() } else { FetchError::new(asked, why, false) },
                retry_after: None,
            })?
        } else {
            raw
        };
        Ok(Answer::Body(Response {
            url: String::new(),
            final_url: String::new(),
            status,
            media_type,
            charset,
            validators,
            body,
        }))
    }
}

fn robots_of(status: u16, body: &str) -> Robots {
    match status {
        200..=299 => Robots::parse(body, ROBOTS_TOKEN),
        400..=499 => Robots::allow_all(),
        _ => Robots::deny_all(),
    }
}

/// `deflate` content: zlib-wrapped as the standard says, or raw deflate as some servers
/// send. An empty error means over the limit.
fn inflate(raw: &[u8], max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(raw).take(max + 1).read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        flate2::read::DeflateDecoder::new(raw)
            .take(max + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("deflate content is corrupt: {e}"))?;
    }
    if out.len() as u64 > max {
        return Err(String::new());
    }
    Ok(out)
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => " Bad Request",
        401 => " Unauthorized",
        403 => " Forbidden",
        404 => " Not Found",
        408 => " Request Timeout",
        410 => " Gone",
        429 => " Too Many Requests",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        504 => " Gateway Timeout",
        _ => "",
    }
}

enum Answer {
    Redirect(String),
    NotModified,
    Body(Response),
}

struct Failure {
    error: FetchError,
    retry_after: Option<Duration>,
}

fn transport_error(url: &str, e: &ureq::Error) -> FetchError {
    use ureq::Error as E;
    let (reason, transient) = match e {
        E::Timeout(t) => (format!("timed out ({t})"), true),
        E::HostNotFound => ("host not found".to_string(), true),
        E::ConnectionFailed => ("connection failed".to_string(), true),
        E::Io(io) => (format!("connection error: {io}"), true),
        E::BodyExceedsLimit(n) => (format!("response over the limit of {n} bytes"), false),
        E::TooManyRedirects => ("too many redirects".to_string(), false),
        E::BadUri(u) => (format!("bad URL: {u}"), false),
        E::Protocol(p) => (format!("HTTP protocol error: {p}"), true),
        E::Tls(t) => (format!("TLS error: {t}"), true),
        other => (other.to_string(), false),
    };
    let first = reason.chars().next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    let reason = format!("{first}{}", reason.chars().skip(1).collect::<String>());
    FetchError::new(url, reason, transient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_and_join() {
        let u = Url::parse("HTTPS://News.Example.org:443/a/b/c.html?x=1#top").unwrap();
        assert_eq!(u.to_string(), "https://news.example.org/a/b/c.html?x=1");
        assert_eq!(u.origin(), "https://news.example.org");
        assert_eq!(u.join("d.html").unwrap().to_string(), "https://news.example.org/a/b/d.html");
        assert_eq!(u.join("../d").unwrap().to_string(), "https://news.example.org/a/d");
        assert_eq!(u.join("/x/./y/../z").unwrap().to_string(), "https://news.example.org/x/z");
        assert_eq!(u.join("//cdn.example.org/f").unwrap().to_string(), "https://cdn.example.org/f");
        assert_eq!(u.join("?p=2").unwrap().to_string(), "https://news.example.org/a/b/c.html?p=2");
        assert_eq!(u.join("http://other.net:8080").unwrap().to_string(), "http://other.net:8080/");
        assert_eq!(Url::parse("http://127.0.0.1:8080/é space").unwrap().path, "/%C3%A9%20space");
        assert!(Url::parse("ftp://x.org/").is_err());
        assert!(Url::parse("news.example.org/feed").is_err());
        assert!(Url::parse("http:///path").is_err());
        assert!(Url::parse("http://x.org:99999/").is_err());
    }

    #[test]
    fn robots_groups_and_matching() {
        let txt = "User-agent: *\nDisallow: /private\nAllow: /private/ok\n\nUser-agent: Griot\nUser-agent: other\nDisallow: /no-griot\nDisallow: /*.pdf$\nAllow: /no-griot/but-this\nCrawl-delay: 2\n";
        let r = Robots::parse(txt, ROBOTS_TOKEN);
        assert!(!r.allows("/no-griot/x"));
        assert!(r.allows("/no-griot/but-this/page"));
        assert!(r.allows("/private/x"), "griot's own group replaces *");
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf?x"));
        assert!(r.allows("/robots.txt"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
        let star = Robots::parse("User-agent: *\nDisallow: /private\nAllow: /private/ok\n", ROBOTS_TOKEN);
        assert!(!star.allows("/private/x"));
        assert!(star.allows("/private/ok/y"));
        assert!(star.allows("/public"));
        let all = Robots::parse("User-agent: *\nDisallow: /\n", ROBOTS_TOKEN);
        assert!(!all.allows("/"));
        assert!(!all.allows("/feed.xml"));
        let empty = Robots::parse("User-agent: *\nDisallow:\n", ROBOTS_TOKEN);
        assert!(empty.allows("/anything"));
        assert!(!Robots::deny_all().allows("/x"));
        assert!(pattern_matches("/a*b", "/axxb/c"));
        assert!(!pattern_matches("/a*b$", "/axxb/c"));
        assert!(pattern_matches("/a*b$", "/axxb"));
        assert!(pattern_matches("/*", "/anything"));
    }
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
mod http_tests;
