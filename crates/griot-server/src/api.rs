//! Routes and handlers of `/api/v1` and of the page. Every handler checks access, then its
//! parameters (all of them, before any query), then runs its query on a blocking thread.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use griot_store::browse::{EventQuery, Period};
use griot_store::{Store, StoreError};
use serde::Serialize;

use crate::http::{self, json, json_status};
use crate::params::{self, ApiError, Params};
use crate::pool::Pool;
use crate::{assets, rules, Config, IngestRequest};

/// Shared by every request.
pub struct State {
    pub(crate) config: Config,
    pool: Pool,
    /// One write at a time (the store has one writer): ingest, rule changes, dry runs.
    write_lock: tokio::sync::Mutex<()>,
}

impl State {
    pub fn new(config: Config, pool: Pool) -> State {
        State { config, pool, write_lock: tokio::sync::Mutex::new(()) }
    }

    /// Reads are open on loopback (for loopback Host names), and need the token elsewhere
    /// when one is set.
    pub(crate) fn check_read(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        if self.config.is_loopback() {
            if !http::loopback_host(headers) {
                return Err(ApiError {
                    status: 403,
                    code: "bad_host",
                    message: "this server is on loopback and answers only requests to a loopback host name (127.0.0.1, localhost, [::1])".into(),
                    parameter: None,
                });
            }
            return Ok(());
        }
        match &self.config.token {
            Some(t) if !http::has_token(headers, t) => Err(http::unauthorized("reading from a server that is not on loopback")),
            _ => Ok(()),
        }
    }

    pub(crate) fn check_write(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        self.check_read(headers)?;
        match &self.config.token {
            None => Err(ApiError {
                status: 403,
                code: "writes_disabled",
                message: "writes are disabled: start griot serve with --token-file FILE to allow them with that token".into(),
                parameter: None,
            }),
            Some(t) if !http::has_token(headers, t) => Err(http::unauthorized("writing")),
            Some(_) => Ok(()),
        }
    }

    /// Runs `f` on a blocking thread with a writable store (opened for it), one write at a
    /// time. For the watch rules; the store's own methods do the writing.
    pub(crate) async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _one_at_a_time = self.write_lock.lock().await;
        let db = self.config.db.clone();
        let job = move || {
            let mut store = Store::open(&db).map_err(|e| ApiError::internal(e.to_string()))?;
            f(&mut store)
        };
        match tokio::task::spawn_blocking(job).await {
            Ok(r) => r,
            Err(e) => Err(ApiError::internal(format!("write failed: {e}"))),
        }
    }

    /// Runs a store query on a blocking thread.
    pub(crate) async fn query<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let st = self.clone();
        match tokio::task::spawn_blocking(move || st.pool.with(f)).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(ApiError::internal(e.to_string())),
            Err(e) => Err(ApiError::internal(format!("query failed: {e}"))),
        }
    }
}

type Shared = Arc<State>;
pub(crate) type Answer = Result<Response, ApiError>;

/// The whole application: API, OpenAPI file, page and assets.
pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/meta", get(meta))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/articles", get(articles).post(ingest))
        .route("/articles/{id}", get(article))
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story))
        .route("/actors", get(actors))
        .route("/network", get(network))
        .route("/places", get(places))
        .route("/counts", get(counts))
        .route("/export", get(export))
        .route("/alerts", get(alerts))
        .route("/alerts.atom", get(alerts_atom))
        .route("/rules", get(rules::list).post(rules::create))
        .route("/rules/{name}", get(rules::get_one).put(rules::replace).delete(rules::delete))
        .route("/rules/{name}/test", post(rules::test))
        .route("/openapi.json", get(|| async { assets::serve("openapi.json") }))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/api/v1", api)
        .route("/", get(|| async { assets::serve("index.html") }))
        .route("/assets/{*file}", get(|Path(file): Path<String>| async move { assets::serve(&file) }))
        .fallback(page_not_found)
        .layer(axum::middleware::map_response(http::security_headers))
        .with_state(state)
}

async fn api_not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no API endpoint {}; see /api/v1/openapi.json", uri.path()))
}

async fn method_not_allowed() -> ApiError {
    ApiError { status: 405, code: "method_not_allowed", message: "method not allowed on this endpoint".into(), parameter: None }
}

async fn page_not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found\n").into_response()
}

/// The `{id}` of a path; an id that is not valid percent-encoded UTF-8 is a 400.
pub(crate) fn path_id(id: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    match id {
        Ok(Path(id)) => Ok(id),
        Err(e) => Err(ApiError::bad("id", format!("the id in the path cannot be read: {e}"))),
    }
}

/// Parameters of a request, checked by `f`, unknown names refused.
pub(crate) fn checked<T>(query: Option<String>, f: impl FnOnce(&mut Params) -> Result<T, ApiError>) -> Result<T, ApiError> {
    let mut p = Params::parse(query.as_deref())?;
    let out = f(&mut p)?;
    p.finish()?;
    Ok(out)
}

#[derive(Serialize)]
struct Meta<'a> {
    version: &'static str,
    counts: griot_store::Counts,
    stories: usize,
    types: &'a [crate::EventType],
    contexts: &'a [String],
    statuses: &'static [&'static str],
    writes: bool,
    ingest: bool,
}

async fn meta(axum::extract::State(st): axum::extract::State<Shared>, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    checked(q, |_| Ok(()))?;
    let (counts, stories) = st.query(|s| Ok((s.counts()?, s.story_count()?))).await?;
    Ok(json(&Meta {
        version: env!("CARGO_PKG_VERSION"),
        counts,
        stories,
        types: &st.config.vocabulary.types,
        contexts: &st.config.vocabulary.contexts,
        statuses: params::STATUSES,
        writes: st.config.token.is_some(),
        ingest: st.config.ingest.is_some(),
    }))
}

pub(crate) type St = axum::extract::State<Shared>;

async fn events(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, sort, cursor, limit) = checked(q, |p| {
        Ok((params::event_query(p, &vocab)?, params::event_sort(p)?, params::event_cursor(p)?, params::limit(p)?))
    })?;
    let page = st.query(move |s| s.events_page(&query, sort, cursor.as_ref(), limit)).await?;
    Ok(json(&page))
}

async fn event(axum::extract::State(st): St, headers: HeaderMap, id: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let id = path_id(id)?;
    checked(q, |_| Ok(()))?;
    let key = id.clone();
    match st.query(move |s| s.event_detail(&key)).await? {
        Some(d) => Ok(json(&d)),
        None => Err(ApiError::not_found(format!("no event {id:?}"))),
    }
}

async fn articles(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let ((query, after), limit) = checked(q, |p| Ok((params::article_query(p)?, params::limit(p)?)))?;
    let page = st.query(move |s| s.articles_page(&query, after, limit)).await?;
    Ok(json(&page))
}

#[derive(Serialize)]
struct ArticleView {
    #[serde(flatten)]
    record: griot_text::record::DocRecord,
    /// The article text, which the offsets of every layer point into (bytes of UTF-8).
    text: String,
    story_id: Option<String>,
}

async fn article(axum::extract::State(st): St, headers: HeaderMap, id: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let id = path_id(id)?;
    checked(q, |_| Ok(()))?;
    let key = id.clone();
    let found = st
        .query(move |s| {
            let Some(doc) = s.doc(&key)? else { return Ok(None) };
            Ok(Some(ArticleView {
                record: griot_text::record::doc_record(&doc),
                text: doc.article.text.clone(),
                story_id: s.story_of_article(&key)?,
            }))
        })
        .await?;
    match found {
        Some(v) => Ok(json(&v)),
        None => Err(ApiError::not_found(format!("no article {id:?}"))),
    }
}

/// The format of an uploaded document, from its Content-Type, as a file name the readers
/// recognise.
fn name_of_type(content_type: Option<&str>) -> &'static str {
    let t = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match t.as_str() {
        "application/json" => "upload.json",
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => "upload.jsonl",
        "text/html" | "application/xhtml+xml" => "upload.html",
        "application/rss+xml" | "application/atom+xml" | "application/xml" | "text/xml" => "upload.xml",
        "application/warc" => "upload.warc",
        "application/gzip" => "upload.gz",
        _ => "upload.txt",
    }
}

async fn ingest(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery, request: Request) -> Answer {
    st.check_write(&headers)?;
    let (name, date) = checked(q, |p| Ok((p.text("name")?, p.date("date")?)))?;
    let Some(ingest) = st.config.ingest.clone() else {
        return Err(ApiError {
            status: 501,
            code: "ingest_unavailable",
            message: "this server was started without ingest".into(),
            parameter: None,
        });
    };
    let name = match name {
        Some(n) if n.contains(['/', '\\']) => return Err(ApiError::bad("name", "name is a file name, without directories")),
        Some(n) => n,
        None => name_of_type(headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())).to_string(),
    };
    let limit = st.config.max_body;
    let body = match axum::body::to_bytes(request.into_body(), limit).await {
        Ok(b) => b,
        Err(_) => {
            return Err(ApiError {
                status: 413,
                code: "payload_too_large",
                message: format!("the body is larger than {limit} bytes, or was cut short"),
                parameter: None,
            })
        }
    };
    if body.is_empty() {
        return Err(ApiError { status: 400, code: "bad_body", message: "the body is empty: send the document to ingest".into(), parameter: None });
    }
    let _one_at_a_time = st.write_lock.lock().await;
    let req = IngestRequest { name, body: body.to_vec(), date };
    let outcome = tokio::task::spawn_blocking(move || ingest.ingest(req))
        .await
        .map_err(|e| ApiError::internal(format!("ingest failed: {e}")))?
        .map_err(ApiError::internal)?;
    if outcome.read == 0 {
        let why = if outcome.skipped.is_empty() { "no article in it".to_string() } else { outcome.skipped.join("; ") };
        return Err(ApiError { status: 400, code: "bad_body", message: format!("nothing could be read from the body: {why}"), parameter: None });
    }
    let status = if outcome.stored > 0 { StatusCode::CREATED } else { StatusCode::OK };
    Ok(json_status(status, &outcome))
}

#[derive(Serialize)]
struct StoryItem {
    id: String,
    title: String,
    start: Option<String>,
    end: Option<String>,
    num_articles: u32,
    num_sources: u32,
    actors: Vec<String>,
    num_events: usize,
}

#[derive(Serialize)]
struct StoryList {
    stories: Vec<StoryItem>,
    next: Option<String>,
}

async fn stories(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let ((filter, cursor), limit) = checked(q, |p| Ok((params::story_query(p)?, params::limit(p)?)))?;
    let page = st.query(move |s| s.stories_page(&filter, cursor.as_ref(), limit)).await?;
    let stories = page
        .stories
        .into_iter()
        .map(|s| {
            let num_events = serde_json::from_str::<serde_json::Value>(&s.data)
                .ok()
                .and_then(|v| v.get("events").and_then(|e| e.as_array().map(Vec::len)))
                .unwrap_or(0);
            StoryItem {
                id: s.id,
                title: s.title,
                start: s.start,
                end: s.end,
                num_articles: s.num_articles,
                num_sources: s.num_sources,
                actors: s.actors,
                num_events,
            }
        })
        .collect();
    Ok(json(&StoryList { stories, next: page.next }))
}

async fn story(axum::extract::State(st): St, headers: HeaderMap, id: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let id = path_id(id)?;
    checked(q, |_| Ok(()))?;
    if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::not_found(format!("no story {id:?} (story ids are hexadecimal)")));
    }
    let key = id.clone();
    match st.query(move |s| s.story(&key)).await? {
        Some(row) => {
            let data: serde_json::Value =
                serde_json::from_str(&row.data).map_err(|e| ApiError::internal(format!("story {id}: damaged story data: {e}")))?;
            Ok(json(&data))
        }
        None => Err(ApiError::not_found(format!("no story {id:?}"))),
    }
}

#[derive(Serialize, Default)]
struct ActorItem {
    code: String,
    events: u64,
    as_actor: u64,
    as_recipient: u64,
    types: BTreeMap<String, u64>,
    partners: Vec<Partner>,
}

#[derive(Serialize)]
struct Partner {
    code: String,
    count: u64,
}

async fn actors(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, limit) = checked(q, |p| Ok((params::event_query(p, &vocab)?, params::limit(p)?)))?;
    let pairs = st.query(move |s| s.event_pairs(&query)).await?;
    let mut by: BTreeMap<String, ActorItem> = BTreeMap::new();
    let mut partners: BTreeMap<(String, String), u64> = BTreeMap::new();
    for p in &pairs {
        for (code, role) in [(&p.actor, 0), (&p.recipient, 1)] {
            let Some(code) = code else { continue };
            let a = by.entry(code.clone()).or_insert_with(|| ActorItem { code: code.clone(), ..Default::default() });
            a.events += p.count;
            if role == 0 {
                a.as_actor += p.count;
            } else {
                a.as_recipient += p.count;
            }
            *a.types.entry(p.event_type.clone()).or_insert(0) += p.count;
        }
        if let (Some(a), Some(r)) = (&p.actor, &p.recipient) {
            if a != r {
                *partners.entry((a.clone(), r.clone())).or_insert(0) += p.count;
                *partners.entry((r.clone(), a.clone())).or_insert(0) += p.count;
            }
        }
    }
    for ((a, r), n) in partners {
        if let Some(item) = by.get_mut(&a) {
            item.partners.push(Partner { code: r, count: n });
        }
    }
    let mut list: Vec<ActorItem> = by.into_values().collect();
    for a in &mut list {
        a.partners.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.code.cmp(&y.code)));
        a.partners.truncate(5);
    }
    list.sort_by(|x, y| y.events.cmp(&x.events).then_with(|| x.code.cmp(&y.code)));
    list.truncate(limit);
    #[derive(Serialize)]
    struct Out {
        actors: Vec<ActorItem>,
    }
    Ok(json(&Out { actors: list }))
}

#[derive(Serialize)]
struct Edge {
    source: String,
    target: String,
    count: u64,
    types: BTreeMap<String, u64>,
}

#[derive(Serialize)]
struct Node {
    code: String,
    events: u64,
}

async fn network(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, limit) = checked(q, |p| Ok((params::event_query(p, &vocab)?, p.number("limit", 1, 5000, 300)?)))?;
    let pairs = st.query(move |s| s.event_pairs(&query)).await?;
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    for p in pairs {
        let (Some(a), Some(r)) = (p.actor, p.recipient) else { continue };
        let e = edges.entry((a.clone(), r.clone())).or_insert_with(|| Edge { source: a, target: r, count: 0, types: BTreeMap::new() });
        e.count += p.count;
        *e.types.entry(p.event_type).or_insert(0) += p.count;
    }
    let mut edges: Vec<Edge> = edges.into_values().collect();
    edges.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| (&x.source, &x.target).cmp(&(&y.source, &y.target))));
    edges.truncate(limit);
    let mut nodes: BTreeMap<String, u64> = BTreeMap::new();
    for e in &edges {
        *nodes.entry(e.source.clone()).or_insert(0) += e.count;
        *nodes.entry(e.target.clone()).or_insert(0) += e.count;
    }
    #[derive(Serialize)]
    struct Out {
        nodes: Vec<Node>,
        edges: Vec<Edge>,
    }
    let nodes = nodes.into_iter().map(|(code, events)| Node { code, events }).collect();
    Ok(json(&Out { nodes, edges }))
}

async fn places(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, limit) = checked(q, |p| Ok((params::event_query(p, &vocab)?, p.number("limit", 1, 20000, 5000)?)))?;
    let mut places = st.query(move |s| s.event_places(&query)).await?;
    places.truncate(limit);
    #[derive(Serialize)]
    struct Out {
        places: Vec<griot_store::browse::PlaceCount>,
    }
    Ok(json(&Out { places }))
}

#[derive(Serialize)]
struct Bucket {
    period: String,
    total: u64,
    counts: BTreeMap<String, u64>,
}

#[derive(Serialize)]
struct Series {
    total: u64,
    undated: u64,
    period: &'static str,
    by: &'static str,
    buckets: Vec<Bucket>,
}

async fn counts(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, period, by) = checked(q, |p| {
        Ok((params::event_query(p, &vocab)?, params::period(p)?, p.choice("by", &["type", "quad", "none"], "type")?))
    })?;
    let days = st.query(move |s| s.event_days(&query)).await?;
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    let (mut total, mut undated) = (0, 0);
    for d in days {
        total += d.count;
        let Some(day) = d.day.as_deref().and_then(|x| chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d").ok()) else {
            undated += d.count;
            continue;
        };
        let label = period.label(day);
        let b = buckets.entry(label.clone()).or_insert_with(|| Bucket { period: label, total: 0, counts: BTreeMap::new() });
        b.total += d.count;
        let key = match by {
            "type" => d.event_type,
            "quad" => griot_store::export::quad_code(&d.event_type).map(|q| q.to_string()).unwrap_or_else(|| "0".into()),
            _ => "events".into(),
        };
        *b.counts.entry(key).or_insert(0) += d.count;
    }
    let period = match period {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    };
    Ok(json(&Series { total, undated, period, by, buckets: buckets.into_values().collect() }))
}

async fn export(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let vocab = st.config.vocabulary.clone();
    let (query, format, raw): (EventQuery, &'static str, &'static str) = checked(q, |p| {
        Ok((
            params::event_query(p, &vocab)?,
            p.choice("format", &["plover-jsonl", "csv"], "plover-jsonl")?,
            p.choice("raw_cells", &["true", "false"], "false")?,
        ))
    })?;
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let state = st.clone();
    tokio::task::spawn_blocking(move || {
        let mut w = http::ChunkWriter::new(tx);
        let result = state.pool.with(|s| match format {
            "csv" => s.export_csv_of(&query, &mut w, raw == "true"),
            _ => s.export_plover_jsonl_of(&query, &mut w),
        });
        match result.map_err(|e| e.to_string()).and_then(|_| std::io::Write::flush(&mut w).map_err(|e| e.to_string())) {
            Ok(()) => {}
            Err(e) => w.fail(e),
        }
    });
    Ok(match format {
        "csv" => http::download(rx, "text/csv; charset=utf-8", "griot-events.csv"),
        _ => http::download(rx, "application/x-ndjson", "griot-events.jsonl"),
    })
}

/// `rule`, `limit` and `before` of an alert listing.
fn alert_query(p: &mut Params) -> Result<griot_store::watch::AlertQuery, ApiError> {
    let rule = p.text("rule")?;
    let limit = p.number("limit", 1, 1000, 100)?;
    let before = match p.get("before") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 1 => Some(n),
            _ => return Err(ApiError::bad("before", format!("before must be an alert id (a whole number from 1), got {v:?}"))),
        },
    };
    Ok(griot_store::watch::AlertQuery { rule, pending_only: false, before, limit: Some(limit) })
}

/// Stored alerts of the watch rules, newest first (`before` pages back).
async fn alerts(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let query = checked(q, alert_query)?;
    let limit = query.limit.unwrap_or(100);
    let rows = st.query(move |s| s.alerts(&query)).await?;
    let next = if rows.len() == limit { rows.last().map(|r| r.id) } else { None };
    #[derive(Serialize)]
    struct Out {
        alerts: Vec<serde_json::Value>,
        /// pass as `before` for the next (older) page
        next_before: Option<i64>,
    }
    Ok(json(&Out { alerts: rows.iter().map(|r| r.json()).collect(), next_before: next }))
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot carry
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn atom_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The same alerts as an Atom feed (RFC 4287), for feed readers: one entry an alert, its
/// record as the entry's text content.
async fn alerts_atom(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    let query = checked(q, alert_query)?;
    let rows = st.query(move |s| s.alerts(&query)).await?;
    let updated = rows.iter().map(|r| r.created).max().unwrap_or(0);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str("  <title>griot alerts</title>\n  <id>urn:griot:alerts</id>\n");
    xml.push_str(&format!("  <updated>{}</updated>\n  <generator>griot</generator>\n", atom_time(updated)));
    for r in &rows {
        let story = r.story_id.as_deref().map(|s| format!(" (story {s})")).unwrap_or_default();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>urn:griot:alert:{}</id>\n", r.id));
        xml.push_str(&format!("    <title>{}</title>\n", xml_escape(&format!("{}: {} {}{}", r.rule, r.kind, r.key, story))));
        xml.push_str(&format!("    <updated>{}</updated>\n", atom_time(r.created)));
        xml.push_str("    <author><name>griot watch</name></author>\n");
        xml.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(&r.rule)));
        xml.push_str(&format!("    <content type=\"text\">{}</content>\n", xml_escape(&r.json().to_string())));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response())
}
