//! griot-server is `griot serve`: a versioned JSON API (`/api/v1/...`, described by the
//! OpenAPI file it serves at `/api/v1/openapi.json`) and a web page (map, timeline, actor
//! network, stories, articles with their annotation layers) over the store that the CLI
//! writes. It is the only async crate of the workspace (axum on tokio); every store query runs
//! on a blocking thread with one of a few read-only connections ([`pool`]). Every asset of the
//! page is embedded in the binary ([`assets`]), so the page works offline.
//!
//! It owns HTTP: routing, parameter checking (a bad parameter is a 400 with a stable error
//! code naming it, never a 500), the token, the embedded assets. It does not analyse text or
//! write the database itself: ingest (`POST /api/v1/articles`) goes through an [`Ingest`]
//! given by the caller (the CLI wires the readers, the pipeline and story grouping), so this
//! crate depends only on the store and the model types.
//!
//! Access: reads are open on a loopback address and need the token elsewhere (when one is
//! set); writes always need the token, and are refused when none is set.
//!
//! ```no_run
//! use griot_server::{Config, Vocabulary};
//! let config = Config::new("griot.db".into(), "127.0.0.1:8080".parse().unwrap(), Vocabulary::default());
//! let running = griot_server::start(config).unwrap();
//! println!("serving on http://{}/", running.addr());
//! running.wait();
//! ```

pub mod api;
pub mod assets;
mod http;
pub mod params;
pub mod pool;
pub mod rules;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

/// Errors that stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] griot_store::StoreError),
    #[error("cannot listen on {addr}: {error}")]
    Bind { addr: SocketAddr, error: std::io::Error },
    #[error("cannot start the server runtime: {0}")]
    Runtime(std::io::Error),
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
}

/// What the API accepts as event types, modes and contexts (the coder's vocabulary, given by
/// the caller so that this crate does not depend on the coder).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    /// PLOVER event types with their modes.
    pub types: Vec<EventType>,
    /// PLOVER contexts.
    pub contexts: Vec<String>,
}

/// One PLOVER event type and its modes.
#[derive(Debug, Clone, Serialize)]
pub struct EventType {
    pub name: String,
    pub modes: Vec<String>,
    /// PLOVER quad class (1 verbal cooperation .. 4 material conflict).
    pub quad: Option<u8>,
}

/// One ingest request: the bytes of a document in any format the readers know, the name
/// that tells the format (`.jsonl`, `.html`, `.xml`, `.txt`, ...), and the publication date
/// for articles that carry none.
#[derive(Debug, Clone)]
pub struct IngestRequest {
    pub name: String,
    pub body: Vec<u8>,
    pub date: Option<chrono::NaiveDate>,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Articles read from the body.
    pub read: usize,
    /// Articles newly stored.
    pub stored: usize,
    /// Articles whose text was already stored (idempotence).
    pub already: usize,
    /// Documents the readers refused, with the reason.
    pub skipped: Vec<String>,
    /// Stored ids of the articles read (new or already there), in body order.
    pub article_ids: Vec<String>,
    /// Number of stories after grouping.
    pub stories: usize,
}

/// Ingest behind `POST /api/v1/articles`: readers, pipeline, store and story grouping, as
/// `griot ingest`. Called on a blocking thread, one call at a time.
pub trait Ingest: Send + Sync {
    /// Reads, analyses and stores the documents of `request`. `Err` is a failure of the
    /// server side (database, dictionaries), not of the document: refused documents are
    /// [`IngestOutcome::skipped`].
    fn ingest(&self, request: IngestRequest) -> Result<IngestOutcome, String>;
}

/// Checks of a watch rule that need more than the server has, as `griot watch add` makes
/// them (actor codes the lexicon or the store knows, the coder's event types, the delivery's
/// URL parser), and the clock of monitoring. `griot-cli` implements it; the writes themselves
/// are the store's ([`griot_store::Store::add_watch_rule`], ...). Called on a blocking thread.
pub trait Watch: Send + Sync {
    /// The rule checked and normalised (codes upper-cased), or its first problem, naming the
    /// field (`filter.actor`, `notify`, ...).
    fn check_rule(
        &self,
        rule: griot_store::watch::WatchRule,
    ) -> Result<griot_store::watch::WatchRule, griot_store::watch::RuleProblem>;
    /// The origin (`scheme://host[:port]`) that a webhook URL is delivered to.
    fn webhook_origin(&self, url: &str) -> Result<String, String>;
    /// Now, in seconds since the epoch (rules' creation time, dry runs).
    fn now(&self) -> i64;
}

/// How to serve.
#[derive(Clone)]
pub struct Config {
    /// The database (must exist: `griot demo` or `griot ingest` makes one).
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Token for writes, and for reads when `addr` is not loopback.
    pub token: Option<String>,
    /// Ingest for `POST /api/v1/articles`; without one, ingest answers 501.
    pub ingest: Option<Arc<dyn Ingest>>,
    pub vocabulary: Vocabulary,
    /// Watch-rule checks for `/api/v1/rules` writes; without, they answer 501 (reads work).
    pub watch: Option<Arc<dyn Watch>>,
    /// Webhook origins (`https://hooks.example`) that rules made over HTTP may post to; none
    /// by default, so a remote client cannot make the server reach anywhere.
    pub webhook_origins: Vec<String>,
    /// Read-only database connections (queries run in parallel up to this many).
    pub readers: usize,
    /// Largest ingest body, in bytes.
    pub max_body: usize,
}

impl Config {
    /// Serving `db` on `addr`, without token, ingest or rule management, 4 readers, 16 MiB
    /// bodies.
    pub fn new(db: PathBuf, addr: SocketAddr, vocabulary: Vocabulary) -> Config {
        Config {
            db,
            addr,
            token: None,
            ingest: None,
            vocabulary,
            watch: None,
            webhook_origins: Vec::new(),
            readers: 4,
            max_body: 16 << 20,
        }
    }

    /// Whether the address is on loopback (reads are then open without token).
    pub fn is_loopback(&self) -> bool {
        self.addr.ip().is_loopback()
    }

    /// The warning to print before serving, if any: a non-loopback address without token
    /// serves the whole database to anyone who can reach it.
    pub fn warning(&self) -> Option<String> {
        (!self.is_loopback() && self.token.is_none()).then(|| {
            format!(
                "serving on {} (not loopback) without a token: anyone who can reach this address can read the whole database; writes are disabled; give --token-file FILE to require a token",
                self.addr
            )
        })
    }
}

/// A server running on its own threads.
pub struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServerError>>>,
}

impl Running {
    /// The address it listens on (with the port chosen when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (it stops on its own only on a fatal error).
    pub fn wait(mut self) -> Result<(), ServerError> {
        match self.thread.take() {
            Some(t) => t.join().unwrap_or(Ok(())),
            None => Ok(()),
        }
    }

    /// Stops accepting, lets requests in flight finish, and waits.
    pub fn stop(mut self) -> Result<(), ServerError> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        match self.thread.take() {
            Some(t) => t.join().unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Opens the database, binds the address and serves on a background thread (a tokio
/// runtime with two workers). Returns once the socket is listening.
pub fn start(config: Config) -> Result<Running, ServerError> {
    let pool = pool::Pool::open(&config.db, config.readers.max(1))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(config.readers.max(1) + 2)
        .enable_io()
        .enable_time()
        .thread_name("griot-serve")
        .build()
        .map_err(ServerError::Runtime)?;
    let addr = config.addr;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|error| ServerError::Bind { addr, error })?;
    let local = listener.local_addr().map_err(|error| ServerError::Bind { addr, error })?;
    let state = Arc::new(api::State::new(config, pool));
    let app = api::router(state);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("griot-serve".into())
        .spawn(move || {
            runtime.block_on(async move {
                axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await
                    .map_err(ServerError::Serve)
            })
        })
        .map_err(ServerError::Runtime)?;
    Ok(Running { addr: local, stop: Some(stop), thread: Some(thread) })
}
