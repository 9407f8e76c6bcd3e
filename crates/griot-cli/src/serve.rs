//! `griot serve`: wires griot-server to the store, the readers, the pipeline and story
//! grouping (for `POST /api/v1/articles`, which ingests as `griot ingest` does).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::{bail, Context, Result};
use clap::Args;
use griot_ingest::ReadOptions;
use griot_pipeline::{Pipeline, Settings};
use griot_ingest::fetch::Url;
use griot_server::{Config, EventType, Ingest, IngestOutcome, IngestRequest, Vocabulary, Watch};
use griot_store::watch::{RuleProblem, WatchRule};
use griot_store::Store;

use crate::{clock, ingest_articles, safe, watch, Context_, IngestPlan};

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on. Loopback by default; another address serves the database to
    /// whoever can reach it (give --token-file).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// File holding the token (its first line) that writes, and reads off loopback, need
    /// (`Authorization: Bearer TOKEN`).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// A webhook origin (`https://hooks.example.org`, scheme://host[:port]) that watch rules
    /// made over HTTP may post alerts to; repeat for more. Without it, rules made over HTTP
    /// can only print their alerts (notify stdout) and are read at /api/v1/alerts.
    #[arg(long = "allow-webhook", value_name = "ORIGIN")]
    allow_webhook: Vec<String>,
}

/// The coder's vocabulary, for checking `type`, `mode` and `context` parameters.
pub(crate) fn vocabulary() -> Vocabulary {
    Vocabulary {
        types: griot_code::rules::TYPES
            .iter()
            .map(|(name, modes)| EventType {
                name: name.to_string(),
                modes: modes.iter().map(|m| m.to_string()).collect(),
                quad: griot_store::export::quad_code(name),
            })
            .collect(),
        contexts: griot_code::rules::CONTEXTS.iter().map(|c| c.to_string()).collect(),
    }
}

fn read_token(file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read the token file {}", file.display()))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.len() < 8 {
        bail!("the token in {} is shorter than 8 characters", file.display());
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        bail!("the token in {} has characters other than visible ASCII", file.display());
    }
    Ok(token)
}

/// Ingest through the same readers, pipeline and story grouping as `griot ingest`. The
/// pipeline is loaded at the first request (reads need none of it).
struct CliIngest {
    db: PathBuf,
    settings: Settings,
    pipeline: OnceLock<Pipeline>,
}

impl Ingest for CliIngest {
    fn ingest(&self, request: IngestRequest) -> Result<IngestOutcome, String> {
        let pipeline = match self.pipeline.get() {
            Some(p) => p,
            None => {
                let p = Pipeline::load(&self.settings).map_err(|e| format!("cannot load dictionaries and rules: {e}"))?;
                self.pipeline.get_or_init(|| p)
            }
        };
        let options = ReadOptions { default_date: request.date, ..Default::default() };
        let read = griot_ingest::read_bytes(&request.name, &request.body, &options);
        let mut skipped = Vec::new();
        let mut texts = Vec::new();
        let mut articles = Vec::new();
        for item in read {
            match item {
                Ok(a) => {
                    texts.push(a.text.clone());
                    articles.push(Ok(a));
                }
                Err(e) => skipped.push(e.to_string()),
            }
        }
        let mut store = Store::open(&self.db).map_err(|e| e.to_string())?;
        let plan = IngestPlan { batch: 64, force: false };
        let totals = ingest_articles(&mut store, pipeline, articles.into_iter(), &plan, &indicatif::ProgressBar::hidden())
            .map_err(|e| format!("{e:#}"))?;
        let mut article_ids = Vec::new();
        for t in &texts {
            if let Some(id) = store.article_id_of_text(t).map_err(|e| e.to_string())? {
                article_ids.push(id);
            }
        }
        Ok(IngestOutcome {
            read: totals.read,
            stored: totals.stored,
            already: totals.already,
            skipped,
            article_ids,
            stories: totals.stories,
        })
    }
}

/// The watch-rule checks of `griot watch add`, for `/api/v1/rules`.
struct CliWatch {
    db: PathBuf,
    settings: Settings,
}

impl Watch for CliWatch {
    fn check_rule(&self, rule: WatchRule) -> Result<WatchRule, RuleProblem> {
        let ctx = Context_ { db: self.db.clone(), settings: self.settings.clone() };
        let store = Store::open_read_only(&self.db).map_err(|e| RuleProblem::new("name", e.to_string()))?;
        watch::check_rule(&ctx, &store, rule, watch::Names::Fields)
    }

    fn webhook_origin(&self, url: &str) -> Result<String, String> {
        Url::parse(url).map(|u| u.origin())
    }

    fn now(&self) -> i64 {
        clock::now()
    }
}

/// `--allow-webhook` values as the origins delivery compares (`scheme://host[:port]`).
fn webhook_origins(given: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for g in given {
        let u = Url::parse(g).map_err(|e| anyhow::anyhow!("--allow-webhook {}: {}", safe::one_line(g), safe::one_line(&e)))?;
        if u.path != "/" {
            bail!("--allow-webhook {}: give an origin (scheme://host[:port]), without a path", safe::one_line(g));
        }
        out.push(u.origin());
    }
    Ok(out)
}

pub(crate) fn cmd_serve(ctx: &Context_, a: &ServeArgs) -> Result<u8> {
    let token = a.token_file.as_deref().map(read_token).transpose()?;
    let webhook_origins = webhook_origins(&a.allow_webhook)?;
    let mut config = Config::new(ctx.db.clone(), a.addr, vocabulary());
    config.token = token;
    config.ingest = Some(Arc::new(CliIngest { db: ctx.db.clone(), settings: ctx.settings.clone(), pipeline: OnceLock::new() }));
    config.watch = Some(Arc::new(CliWatch { db: ctx.db.clone(), settings: ctx.settings.clone() }));
    config.webhook_origins = webhook_origins;
    if let Some(w) = config.warning() {
        eprintln!("griot: warning: {}", safe::one_line(&w));
    }
    // An existing database from an older griot is upgraded first (as `griot ingest` would),
    // when it can be written; the server itself opens it read-only.
    if ctx.db.is_file() {
        if let Err(e) = Store::open(&ctx.db) {
            eprintln!("griot: warning: cannot upgrade {}: {}", safe::one_line(&ctx.db.display().to_string()), safe::one_line(&e.to_string()));
        }
    }
    let running = griot_server::start(config)?;
    eprintln!(
        "griot: serving {} on http://{}/ (API at /api/v1/, Ctrl-C to stop)",
        safe::one_line(&ctx.db.display().to_string()),
        running.addr()
    );
    running.wait()?;
    Ok(0)
}
