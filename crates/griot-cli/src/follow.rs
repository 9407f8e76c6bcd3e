//! `griot follow SOURCES`: fetch feeds and pages on a schedule, fetch each new item's page,
//! read it with the HTML reader, analyse and store it with the item's title, date and link,
//! then evaluate the watch rules and deliver their alerts.
//!
//! One round: every source that is due (never fetched, or its `next_fetch` has come) is
//! fetched, conditionally (ETag / Last-Modified); a feed's items not seen before are remembered
//! in the store; then the items waiting for their page (new ones, and earlier failures whose
//! retry has come) are fetched, at most `--max-items` a round, and stored in batches, each item
//! marked done as its batch is stored. A page that cannot be had for good (4xx, robots.txt,
//! no text, too big) or after [`ITEM_ATTEMPTS`] tries is stored from the feed's own text
//! (`meta.text_from = "feed"`, `meta.page_error`). A source that fails is retried at its
//! interval doubled for each consecutive failure, up to a day. All of this state is in the
//! store, so a follow killed at any point and started again neither loses nor repeats work.
//! Fetching itself (politeness, limits) is `griot_ingest::fetch`.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use griot_ingest::fetch::{FetchConfig, FetchError, Fetched, Fetcher, RobotsRecord, Url, Validators};
use griot_ingest::follow::{item_article, page_article, read_source, FeedItem, Source};
use griot_ingest::ReadOptions;
use griot_pipeline::Pipeline;
use griot_store::follow::{NewItem, SourceState};
use griot_store::Store;
use griot_text::Article;

use crate::safe::one_line;
use crate::{clock, stories, usage, watch, Context_};

/// Tries at an item's page before its feed text is stored instead.
pub const ITEM_ATTEMPTS: i64 = 5;
/// Longest wait before a failing source is tried again.
const MAX_SOURCE_BACKOFF: i64 = 24 * 3600;
/// Articles analysed and stored per transaction.
const BATCH: usize = 32;
/// A batch waiting this long for its pages is stored as it is.
const BATCH_WAIT: Duration = Duration::from_secs(2);
/// robots.txt files are kept this long.
const ROBOTS_TTL: i64 = 24 * 3600;

#[derive(Args)]
pub struct FollowArgs {
    /// Sources file: one feed or page URL a line (`#` comments), or TOML with
    /// `[[source]]` tables (`url`, optional `every`) and an optional top-level `every`.
    #[arg(value_name = "SOURCES")]
    pub sources: PathBuf,
    /// How often each source is fetched (s, m, h, d: 90s, 15m, 1h), unless the sources file
    /// says otherwise.
    #[arg(long, default_value = "15m", value_parser = parse_interval)]
    pub every: Duration,
    /// Run one round (the sources that are due) and exit, for cron.
    #[arg(long)]
    pub once: bool,
    /// Item pages fetched per round at most (the rest wait for the next round).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_items: u32,
    /// Requests in flight at once, over all hosts.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
    /// Requests in flight to one host at most.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub host_concurrency: u32,
    /// Least time between two requests to one host (`0` for none; robots.txt Crawl-delay
    /// can make it longer).
    #[arg(long, default_value = "1s", value_parser = parse_interval_or_zero)]
    pub host_interval: Duration,
    /// Timeout of one request, connection to last byte.
    #[arg(long, default_value = "30s", value_parser = parse_interval)]
    pub timeout: Duration,
    /// Largest response accepted (bytes, after decompression).
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_parser = crate::parse_max_bytes)]
    pub max_bytes: usize,
    /// User-Agent header (default `griot/VERSION (+URL; news event coding)`); robots.txt
    /// rules are read for the `griot` token whatever this says.
    #[arg(long)]
    pub user_agent: Option<String>,
    /// Wait before the first retry of a failed request, in milliseconds (doubled each retry).
    #[arg(long, default_value_t = 1000, hide = true)]
    pub retry_base_ms: u64,
    /// Do not print the summary of each round.
    #[arg(long)]
    pub quiet: bool,
}

/// `90s`, `15m`, `1h`, `2d`, `1w` (at least one second).
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let d = parse_interval_or_zero(s)?;
    if d.is_zero() {
        return Err(format!("{s:?}: the interval must be at least 1s"));
    }
    Ok(d)
}

/// As [`parse_interval`], `0` allowed.
pub fn parse_interval_or_zero(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t == "0" {
        return Ok(Duration::ZERO);
    }
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not a duration such as 90s, 15m, 1h or 30d"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        "w" => n * 7.0 * 86400.0,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use s, m, h, d or w)")),
    };
    if !secs.is_finite() || secs < 0.0 || secs > 366.0 * 86400.0 {
        return Err(format!("{s:?}: a duration between 0 and 366 days"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// One line of the sources file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSpec {
    pub url: String,
    pub every: Duration,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesToml {
    every: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    source: Vec<SourceToml>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceToml {
    url: String,
    every: Option<String>,
    #[allow(dead_code)]
    name: Option<String>,
}

/// Reads a sources file; errors name the file and line.
pub fn read_sources(path: &Path, every: Duration) -> Result<Vec<SourceSpec>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read sources file {shown}"))?;
    let is_toml = text.lines().map(str::trim).any(|l| !l.starts_with('#') && (l.starts_with('[') || l.contains('=')));
    let mut out: Vec<SourceSpec> = Vec::new();
    let check = |url: &str, where_: &str| -> Result<String> {
        Url::parse(url).map(|u| u.to_string()).map_err(|e| usage(format!("{shown}{where_}: {e}")))
    };
    if is_toml {
        let t: SourcesToml = toml::from_str(&text).map_err(|e| usage(format!("{shown}: {}", e.to_string().trim())))?;
        let default_every = match &t.every {
            Some(e) => parse_interval(e).map_err(|e| usage(format!("{shown}: every: {e}")))?,
            None => every,
        };
        for (i, u) in t.sources.iter().enumerate() {
            out.push(SourceSpec { url: check(u, &format!(": sources[{i}]"))?, every: default_every });
        }
        for (i, s) in t.source.iter().enumerate() {
            let e = match &s.every {
                Some(e) => parse_interval(e).map_err(|e| usage(format!("{shown}: source {}: every: {e}", i + 1)))?,
                None => default_every,
            };
            out.push(SourceSpec { url: check(&s.url, &format!(": source {}", i + 1))?, every: e });
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            let l = line.split_once(" #").map_or(line, |(a, _)| a).trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            out.push(SourceSpec { url: check(l, &format!(":{}", i + 1))?, every });
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.url.clone()));
    if out.is_empty() {
        return Err(usage(format!("{shown}: no sources (one URL a line, or TOML [[source]] tables with url = ...)")));
    }
    Ok(out)
}

/// What one round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RoundTotals {
    pub sources: usize,
    pub not_due: usize,
    pub unchanged: usize,
    pub failed_sources: usize,
    pub new_items: usize,
    pub pages: usize,
    pub stored: usize,
    pub already: usize,
    pub from_feed: usize,
    pub waiting: usize,
    pub failed_items: usize,
    pub alerts: usize,
    pub undelivered: usize,
}

pub fn cmd_follow(ctx: &Context_, a: &FollowArgs) -> Result<u8> {
    let specs = read_sources(&a.sources, a.every)?;
    let pipeline = crate::load_pipeline(&ctx.settings)?;
    let mut store = crate::open_store(&ctx.db)?;
    let config = FetchConfig {
        user_agent: a.user_agent.clone().unwrap_or_else(|| FetchConfig::default().user_agent),
        timeout: a.timeout,
        connect_timeout: a.timeout.min(Duration::from_secs(10)),
        max_bytes: a.max_bytes as u64,
        host_interval: a.host_interval,
        host_concurrency: a.host_concurrency as usize,
        retry_base: Duration::from_millis(a.retry_base_ms),
        retry_max: Duration::from_millis(a.retry_base_ms.saturating_mul(8)).min(Duration::from_secs(30)),
        ..FetchConfig::default()
    };
    loop {
        let fetcher = Fetcher::new(config.clone());
        let now = clock::now();
        let totals = round(&mut store, &pipeline, &fetcher, &specs, now, a)?;
        if !a.quiet {
            eprintln!("griot: follow: {}", describe(&totals));
        }
        if a.once {
            let bad = totals.failed_sources > 0 || totals.failed_items > 0;
            return Ok(if bad { crate::EXIT_SKIPPED } else { 0 });
        }
        // sleep until the first source is due (at least a second, at most its interval)
        let next = specs
            .iter()
            .filter_map(|s| store.follow_source(&s.url).ok().flatten().and_then(|st| st.next_fetch))
            .min()
            .unwrap_or(now + a.every.as_secs() as i64);
        let wait = (next - clock::now()).clamp(1, a.every.as_secs().max(1) as i64);
        std::thread::sleep(Duration::from_secs(wait as u64));
    }
}

fn describe(t: &RoundTotals) -> String {
    let mut s = format!(
        "{} sources ({} not due, {} unchanged, {} failed), {} new items, {} pages fetched, {} articles stored, {} already stored",
        t.sources, t.not_due, t.unchanged, t.failed_sources, t.new_items, t.pages, t.stored, t.already
    );
    if t.from_feed > 0 {
        s.push_str(&format!(", {} from the feed's text", t.from_feed));
    }
    if t.waiting > 0 {
        s.push_str(&format!(", {} items to retry", t.waiting));
    }
    if t.failed_items > 0 {
        s.push_str(&format!(", {} items failed", t.failed_items));
    }
    s.push_str(&format!("; {} alerts", t.alerts));
    if t.undelivered > 0 {
        s.push_str(&format!(" ({} not delivered yet)", t.undelivered));
    }
    s
}

/// Backoff of a source after `failures` consecutive failures.
fn source_backoff(every: Duration, failures: i64) -> i64 {
    let base = every.as_secs().max(1) as i64;
    let shift = (failures - 1).clamp(0, 20) as u32;
    base.saturating_mul(1i64 << shift).min(MAX_SOURCE_BACKOFF).max(base.min(MAX_SOURCE_BACKOFF))
}

/// Backoff of an item's page after `attempts` failed attempts: 1 min, 2, 4, ... up to 6 h.
fn item_backoff(attempts: i64) -> i64 {
    (60i64 << attempts.clamp(0, 12)).min(6 * 3600)
}

/// Runs `jobs` on `workers` threads, handing each result to `done` on this thread as it
/// comes. Jobs are interleaved by host, so that one slow host does not hold every worker.
fn fetch_all<J: Send + Sync, R: Send>(
    jobs: Vec<(String, J)>,
    workers: usize,
    work: impl Fn(&J) -> R + Sync,
    mut done: impl FnMut(J, R) -> Result<()>,
) -> Result<()> {
    let mut by_host: Vec<(String, VecDeque<(String, J)>)> = Vec::new();
    for (url, job) in jobs {
        let origin = Url::parse(&url).map(|u| u.origin()).unwrap_or_default();
        match by_host.iter_mut().find(|(o, _)| *o == origin) {
            Some((_, q)) => q.push_back((url, job)),
            None => by_host.push((origin, VecDeque::from([(url, job)]))),
        }
    }
    let mut order = VecDeque::new();
    while by_host.iter().any(|(_, q)| !q.is_empty()) {
        for (_, q) in by_host.iter_mut() {
            if let Some(j) = q.pop_front() {
                order.push_back(j);
            }
        }
    }
    let n = order.len();
    let queue = Mutex::new(order);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(J, R)>(workers.max(1) * 2);
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers.max(1).min(n.max(1)) {
            let tx = tx.clone();
            let (queue, work) = (&queue, &work);
            scope.spawn(move || loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                let Some((_, job)) = next else { break };
                let r = work(&job);
                if tx.send((job, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for (job, r) in rx {
            if result.is_ok() {
                result = done(job, r);
            }
            if result.is_err() {
                // stop handing out work; the workers finish what they hold
                if let Ok(mut q) = queue.lock() {
                    q.clear();
                }
            }
        }
        result
    })
}

/// One round over `specs` at time `now`.
pub fn round(
    store: &mut Store,
    pipeline: &Pipeline,
    fetcher: &Fetcher,
    specs: &[SourceSpec],
    now: i64,
    a: &FollowArgs,
) -> Result<RoundTotals> {
    let mut t = RoundTotals { sources: specs.len(), ..Default::default() };
    let kept: Vec<RobotsRecord> = store
        .follow_robots(now - ROBOTS_TTL)?
        .into_iter()
        .map(|(origin, status, body)| RobotsRecord { origin, status, body })
        .collect();
    fetcher.preload_robots(&kept);
    let options = ReadOptions { max_bytes: a.max_bytes, ..Default::default() };
    let workers = a.concurrency as usize;

    // 1. sources that are due
    let mut due = Vec::new();
    for spec in specs {
        let state = store
            .follow_source(&spec.url)?
            .unwrap_or_else(|| SourceState { url: spec.url.clone(), ..Default::default() });
        if state.next_fetch.is_some_and(|n| n > now) {
            t.not_due += 1;
            continue;
        }
        due.push((spec.url.clone(), (spec.clone(), state)));
    }
    let mut pages: Vec<Article> = Vec::new();
    fetch_all(
        due,
        workers,
        |(spec, state): &(SourceSpec, SourceState)| {
            let v = Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() };
            let conditional = v.etag.is_some() || v.last_modified.is_some();
            fetcher.fetch(&spec.url, conditional.then_some(&v))
        },
        |(spec, mut state), result| {
            state.last_fetch = Some(now);
            let every = spec.every.as_secs().max(1) as i64;
            let outcome: Result<Option<String>, String> = match result {
                Ok(Fetched::NotModified { .. }) => {
                    t.unchanged += 1;
                    state.last_status = Some(304);
                    Ok(None)
                }
                Ok(Fetched::Body(resp)) => {
                    state.last_status = Some(i64::from(resp.status));
                    match read_source(&resp, &options) {
                        Ok(Source::Feed { items, .. }) => {
                            state.kind = Some("feed".into());
                            state.etag = resp.validators.etag.clone();
                            state.last_modified = resp.validators.last_modified.clone();
                            let new: Vec<NewItem> = items.iter().map(new_item).collect::<Result<_>>()?;
                            t.new_items += store.add_follow_items(&spec.url, &new, now)?;
                            Ok(None)
                        }
                        Ok(Source::Page(article)) => {
                            state.kind = Some("page".into());
                            state.etag = resp.validators.etag.clone();
                            state.last_modified = resp.validators.last_modified.clone();
                            t.pages += 1;
                            pages.push(article);
                            Ok(None)
                        }
                        Err(why) => Err(why),
                    }
                }
                Err(e) => Err(reason_of(&e, &spec.url)),
            };
            match outcome {
                Ok(_) => {
                    state.failures = 0;
                    state.last_success = Some(now);
                    state.last_error = None;
                    state.next_fetch = Some(now + every);
                }
                Err(why) => {
                    state.failures += 1;
                    let wait = source_backoff(spec.every, state.failures);
                    state.next_fetch = Some(now + wait);
                    state.last_error = Some(why.clone());
                    t.failed_sources += 1;
                    eprintln!(
                        "griot: follow: {}: {} (failure {} in a row; next try in {})",
                        one_line(&spec.url),
                        one_line(&why),
                        state.failures,
                        human_secs(wait)
                    );
                }
            }
            store.put_follow_source(&state)?;
            Ok(())
        },
    )?;
    // pages given as sources: stored when their text is new
    if !pages.is_empty() {
        let (stored, already) = store_articles(store, pipeline, pages)?;
        t.stored += stored;
        t.already += already;
    }

    // 2. item pages that are due
    let items = store.follow_items_due(now, a.max_items as usize)?;
    let mut jobs = Vec::new();
    for p in items {
        let item: FeedItem = match serde_json::from_str::<StoredItem>(&p.item) {
            Ok(s) => FeedItem { key: p.key.clone(), url: p.url.clone(), article: s.article },
            Err(e) => {
                store.finish_follow_item(&p.source, &p.key, "failed", None, Some(&format!("unreadable item: {e}")))?;
                t.failed_items += 1;
                continue;
            }
        };
        let url = item.url.clone().unwrap_or_default();
        jobs.push((url, (p, item)));
    }
    let mut batch: Vec<(String, String, Article)> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut batch_started = std::time::Instant::now();
    fetch_all(
        jobs,
        workers,
        |(_, item): &(griot_store::follow::PendingItem, FeedItem)| match &item.url {
            Some(u) => Some(fetcher.fetch(u, None)),
            None => None,
        },
        |(p, item), result| {
            let article = match result {
                None => Some(item_article(&item, "the item has no link")),
                Some(Ok(Fetched::Body(resp))) => {
                    t.pages += 1;
                    match page_article(&resp, Some(&item), &options) {
                        Ok(a) => Some(a),
                        Err(why) => Some(item_article(&item, &why)),
                    }
                }
                Some(Ok(Fetched::NotModified { .. })) => Some(item_article(&item, "304 without a conditional request")),
                Some(Err(e)) => {
                    let why = reason_of(&e, item.url.as_deref().unwrap_or(""));
                    if e.transient && p.attempts + 1 < ITEM_ATTEMPTS {
                        let wait = item_backoff(p.attempts);
                        store.retry_follow_item(&p.source, &p.key, now + wait, &why)?;
                        t.waiting += 1;
                        eprintln!(
                            "griot: follow: {}: {} (attempt {} of {ITEM_ATTEMPTS}; next try in {})",
                            one_line(item.url.as_deref().unwrap_or("")),
                            one_line(&why),
                            p.attempts + 1,
                            human_secs(wait)
                        );
                        None
                    } else {
                        let note =
                            if e.transient { format!("gave up after {ITEM_ATTEMPTS} attempts: {why}") } else { why };
                        eprintln!(
                            "griot: follow: {}: {}; storing the feed's text instead",
                            one_line(item.url.as_deref().unwrap_or("")),
                            one_line(&note)
                        );
                        Some(item_article(&item, &note))
                    }
                }
            };
            if let Some(article) = article {
                if article.meta.contains_key("page_error") {
                    t.from_feed += 1;
                }
                if batch.is_empty() {
                    batch_started = std::time::Instant::now();
                }
                batch_bytes += article.text.len();
                batch.push((p.source, p.key, article));
                // a batch is stored when full, or when slow hosts have kept it waiting
                if batch.len() >= BATCH || batch_bytes >= crate::BATCH_BYTES || batch_started.elapsed() >= BATCH_WAIT {
                    let (s, al) = store_items(store, pipeline, std::mem::take(&mut batch))?;
                    t.stored += s;
                    t.already += al;
                    batch_bytes = 0;
                }
            }
            Ok(())
        },
    )?;
    let (s, al) = store_items(store, pipeline, batch)?;
    t.stored += s;
    t.already += al;
    // robots.txt files that answered are kept a day; one that could not be had (5xx,
    // unreachable: nothing fetched from that host) is asked again next round
    for r in fetcher.take_fetched_robots().into_iter().filter(|r| (200..500).contains(&r.status)) {
        store.put_follow_robots(&r.origin, r.status, &r.body, now)?;
    }
    if t.stored > 0 || store.stories_stale()? || !store.articles_without_summary()?.is_empty() {
        stories::regroup(store)?;
    }
    let w = watch::evaluate_and_deliver(store, fetcher, now)?;
    t.alerts = w.made;
    t.undelivered = w.pending;
    Ok(t)
}

/// The item as kept in `follow_items.item`.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredItem {
    article: Article,
}

fn new_item(item: &FeedItem) -> Result<NewItem> {
    Ok(NewItem {
        key: item.key.clone(),
        url: item.url.clone(),
        title: item.article.title.clone(),
        date: item.article.date.map(|d| d.to_string()),
        item: serde_json::to_string(&StoredItem { article: item.article.clone() })?,
    })
}

fn reason_of(e: &FetchError, url: &str) -> String {
    // the error names the URL asked for; say it once
    if e.url == url {
        e.reason.clone()
    } else {
        e.to_string()
    }
}

fn human_secs(s: i64) -> String {
    match s {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 2 * 86400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// Analyses and stores articles (pages given as sources). Returns (stored, already stored).
fn store_articles(store: &mut Store, pipeline: &Pipeline, articles: Vec<Article>) -> Result<(usize, usize)> {
    let mut fresh = Vec::new();
    let mut already = 0;
    for a in articles {
        if store.contains_text(&a.text)? {
            already += 1;
        } else {
            fresh.push(a);
        }
    }
    if fresh.is_empty() {
        return Ok((0, already));
    }
    let docs = pipeline.run_batch(fresh);
    let summary = store.insert_docs(&docs)?;
    stories::save_summaries(store, &docs)?;
    Ok((summary.inserted, already + summary.duplicates))
}

/// Stores a batch of item articles and marks each item done with its article's id.
fn store_items(
    store: &mut Store,
    pipeline: &Pipeline,
    batch: Vec<(String, String, Article)>,
) -> Result<(usize, usize)> {
    if batch.is_empty() {
        return Ok((0, 0));
    }
    let mut marks: Vec<(String, String, Option<String>, String)> = Vec::with_capacity(batch.len());
    let mut articles = Vec::with_capacity(batch.len());
    let mut already = 0;
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (source, key, a) in batch {
        let error = a.meta.get("page_error").and_then(|v| v.as_str()).map(str::to_string);
        let content = Store::content_key(&a.text);
        marks.push((source, key, error, a.text.clone()));
        if store.contains_text(&a.text)? || keys.contains_key(&content) {
            already += 1;
            continue;
        }
        keys.insert(content, articles.len());
        articles.push(a);
    }
    let mut stored = 0;
    if !articles.is_empty() {
        let docs = pipeline.run_batch(articles);
        let summary = store.insert_docs(&docs)?;
        stories::save_summaries(store, &docs)?;
        stored = summary.inserted;
        already += summary.duplicates;
    }
    for (source, key, error, text) in marks {
        let id = store.article_id_of_text(&text)?;
        store.finish_follow_item(&source, &key, "done", id.as_deref(), error.as_deref())?;
    }
    Ok((stored, already))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_interval("24h").unwrap(), Duration::from_secs(86400));
        assert_eq!(parse_interval("1.5h").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_interval("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_interval_or_zero("0").unwrap(), Duration::ZERO);
        assert!(parse_interval("0").is_err());
        assert!(parse_interval("5y").unwrap_err().contains("unknown unit"));
        assert!(parse_interval("soon").is_err());
        assert!(parse_interval("999d").is_err());
    }

    #[test]
    fn backoffs() {
        let q = Duration::from_secs(900);
        assert_eq!([1, 2, 3, 10].map(|f| source_backoff(q, f)), [900, 1800, 3600, 86400]);
        assert_eq!([0, 1, 2, 20].map(item_backoff), [60, 120, 240, 21600]);
    }

    #[test]
    fn sources_files() {
        let dir = std::env::temp_dir().join(format!("griot-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines = dir.join("s.txt");
        std::fs::write(
            &lines,
            "# feeds\nhttps://a.example/feed.xml\n\nhttp://b.example/page # a page\nhttps://a.example/feed.xml\n",
        )
        .unwrap();
        let got = read_sources(&lines, Duration::from_secs(900)).unwrap();
        assert_eq!(
            got.iter().map(|s| s.url.as_str()).collect::<Vec<_>>(),
            ["https://a.example/feed.xml", "http://b.example/page"]
        );
        let toml = dir.join("s.toml");
        std::fs::write(&toml, "every = \"1h\"\n[[source]]\nurl = \"https://a.example/rss\"\n[[source]]\nurl = \"https://b.example/rss\"\nevery = \"5m\"\n").unwrap();
        let got = read_sources(&toml, Duration::from_secs(900)).unwrap();
        assert_eq!(got.iter().map(|s| s.every.as_secs()).collect::<Vec<_>>(), [3600, 300]);
        std::fs::write(&lines, "https://ok.example/\nnot a url\n").unwrap();
        let e = read_sources(&lines, Duration::from_secs(900)).unwrap_err().to_string();
        assert!(e.contains("s.txt:2: \"not a url\" is not an absolute URL"), "{e}");
        std::fs::write(&toml, "[[source]]\nurl = \"https://a.example/rss\"\nevry = \"1h\"\n").unwrap();
        let e = read_sources(&toml, Duration::from_secs(900)).unwrap_err().to_string();
        assert!(e.contains("s.toml") && e.contains("evry"), "{e}");
        std::fs::write(&lines, "# nothing\n").unwrap();
        assert!(read_sources(&lines, Duration::from_secs(900)).unwrap_err().to_string().contains("no sources"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
