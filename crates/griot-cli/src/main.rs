//! The `griot` command-line tool: parses arguments and wires readers, the pipeline, the
//! store and the evaluations together. It holds no analysis logic of its own.
//!
//! Exit codes (also in README.md):
//! 0 success; 1 fatal error (database, dictionary or rule files unusable); 2 usage error;
//! 3 finished, but some inputs were skipped (each reported on stderr).

mod clock;
mod config;
mod errors;
mod follow;
mod gdelt;
mod output;
mod parquet_export;
mod safe;
mod serve;
mod stories;
mod watch;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use griot_ingest::{read_inputs, ReadOptions};
use griot_pipeline::{Pipeline, Settings};
use griot_store::{EventFilter, Store};
use griot_text::Article;

/// Exit code when some inputs were skipped but the rest were processed.
const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "griot",
    version,
    about = "Turn news into structured, evidence-linked political event data",
    long_about = "griot reads news (text, JSON lines, HTML, feeds, WARC, gzip, stdin), finds actors, \
places, dates, quantities, statements and events (PLOVER + CAMEO) with the evidence for each, \
and keeps them in an embedded SQLite database.\n\nExit codes: 0 success, 1 fatal error, \
2 usage error, 3 some inputs were skipped (each is reported on stderr)."
)]
struct Cli {
    /// Database file (default ./griot.db, or `db` in the config file).
    #[arg(long, global = true, env = "GRIOT_DB")]
    db: Option<PathBuf>,
    /// Dictionary directory layered over the builtin lexicon (repeatable).
    #[arg(long = "lexicon", global = true, value_name = "DIR")]
    lexicon: Vec<PathBuf>,
    /// Rule directory layered over the builtin event rules (repeatable).
    #[arg(long = "rules", global = true, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Config file (default ./griot.toml when present, or GRIOT_CONFIG).
    #[arg(long, global = true, env = "GRIOT_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles and print what was found, without storing anything.
    Code(CodeArgs),
    /// Analyse articles and store them (idempotent, safe to interrupt and rerun).
    Ingest(IngestArgs),
    /// List stored events, filtered.
    Events(EventsArgs),
    /// Show a stored article with its annotations made visible.
    Show(ShowArgs),
    /// List stories: articles about one happening, grouped, with merged events.
    Stories(StoriesArgs),
    /// Show one story: its articles and merged events with mention and source counts.
    Story(StoryArgs),
    /// Export stored events.
    Export(ExportArgs),
    /// Ingest the example articles that ship with griot and print what was found.
    Demo,
    /// Counts of what the database holds.
    Stats,
    /// Check, query and import dictionaries.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Check and import event-coding rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Score griot against annotated data.
    Eval(EvalArgs),
    /// Follow feeds and pages: fetch new items, store them, evaluate the watch rules.
    Follow(follow::FollowArgs),
    /// Watch rules (a filter and a trigger) and their alerts.
    #[command(subcommand)]
    Watch(watch::WatchCommand),
    /// Serve the JSON API and the web page (map, timeline, network, stories, articles).
    Serve(serve::ServeArgs),
}

#[derive(Args)]
struct ReadArgs {
    /// Files, directories (recursive) or `-` for stdin.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) for articles that carry none.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Read numeric dates such as 03/04/2024 day-first (3 April).
    #[arg(long)]
    day_first: bool,
    /// Skip documents larger than this many bytes (1 to 1073741824).
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_parser = parse_max_bytes)]
    max_bytes: usize,
}

/// Largest `--max-bytes`: one document of 1 GiB.
const MAX_DOCUMENT_BYTES: u64 = 1 << 30;
/// Largest `--batch`.
const MAX_BATCH: u64 = 100_000;
/// A batch is also cut when its articles hold this many bytes of text, so memory stays
/// bounded whatever the size of the articles.
const BATCH_BYTES: usize = 2 << 20;
/// Events shown by `griot events` on a terminal without `--limit`.
const TERMINAL_LIMIT: usize = 50;
/// Articles `griot code` analyses at once (in parallel) before writing them.
const CODE_CHUNK: usize = 256;

fn parse_in_range(s: &str, what: &str, lo: u64, hi: u64) -> Result<usize, String> {
    let v: u64 = s.trim().parse().map_err(|_| format!("{s:?} is not a whole number"))?;
    if v < lo || v > hi {
        return Err(format!("{what} must be between {lo} and {hi}, got {v}"));
    }
    usize::try_from(v).map_err(|_| format!("{v} is too large for this machine"))
}

fn parse_max_bytes(s: &str) -> Result<usize, String> {
    parse_in_range(s, "--max-bytes", 1, MAX_DOCUMENT_BYTES)
}

fn parse_batch(s: &str) -> Result<usize, String> {
    parse_in_range(s, "--batch", 1, MAX_BATCH)
}

#[derive(Args)]
struct CodeArgs {
    #[command(flatten)]
    read: ReadArgs,
    #[arg(long, value_enum, default_value_t = CodeFormat::Text)]
    format: CodeFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum CodeFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Args)]
struct IngestArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// Articles analysed and stored per transaction (1 to 100000; a batch is also cut at
    /// 2 MiB of text).
    #[arg(long, default_value_t = 256, value_parser = parse_batch)]
    batch: usize,
    /// Do not show a progress bar.
    #[arg(long)]
    quiet: bool,
    /// Analyse again articles that are already stored and replace their analysis (every
    /// layer, the publication date from the input or --date); without it they are skipped.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct EventsArgs {
    /// Actor country or IGO code (e.g. NER).
    #[arg(long)]
    actor: Option<String>,
    /// Recipient country or IGO code.
    #[arg(long)]
    recipient: Option<String>,
    /// PLOVER event type (e.g. SANCTION).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    until: Option<NaiveDate>,
    /// Place name or country code of the event location.
    #[arg(long)]
    place: Option<String>,
    /// Words that the article text must contain (full-text search).
    #[arg(long)]
    text: Option<String>,
    /// At most this many events; 0 for all. A table on a terminal shows 50 by default.
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    format: EventsFormat,
    /// CSV: write cells as stored, even those a spreadsheet would run as a formula (by
    /// default a cell starting with = + - @ gets a leading ').
    #[arg(long)]
    raw_cells: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum EventsFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

#[derive(Args)]
struct StoriesArgs {
    /// Country or IGO code among the story's actors.
    #[arg(long)]
    actor: Option<String>,
    /// Stories still running on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Stories begun on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    until: Option<NaiveDate>,
    /// Words that one of the story's articles contains (full-text search).
    #[arg(long)]
    text: Option<String>,
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
    /// Regroup every stored article from scratch first (a repair: ingest keeps the stories
    /// up to date by itself, with the same result).
    #[arg(long)]
    rebuild: bool,
}

#[derive(Args)]
struct StoryArgs {
    /// Story id (16 hex digits, as listed by `griot stories`).
    id: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Args)]
struct ShowArgs {
    /// Article id (as printed by `ingest`, `events` or `code`).
    id: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ShowFormat {
    Text,
    Json,
}

#[derive(Args)]
struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (default stdout); for `parquet`, the directory that receives
    /// events.parquet, mentions.parquet, articles.parquet and stories.parquet (required).
    #[arg(long)]
    out: Option<PathBuf>,
    /// CSV and GDELT tables: write cells as stored, even those a spreadsheet would run as a
    /// formula (by default a cell starting with = + - @ gets a leading ').
    #[arg(long)]
    raw_cells: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExportFormat {
    /// One event per line, PLOVER field names plus griot's (evidence, rule, status, story).
    PloverJsonl,
    /// One event per row.
    Csv,
    /// GDELT 2.0 Events table (61 columns, tab-separated, no header): one row per story
    /// event, with NumMentions, NumSources and NumArticles over its reports.
    GdeltEvents,
    /// GDELT 2.0 Mentions table (16 columns, tab-separated, no header): one row per report
    /// of a story event.
    GdeltMentions,
    /// Four Parquet files in the --out directory: events, mentions, articles, stories, with
    /// typed columns (dates, dictionary-encoded codes, evidence as a list of structs).
    Parquet,
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Check dictionary files in DIR; every error names file and line.
    Check { dir: PathBuf },
    /// What a phrase resolves to (with --lexicon dirs layered over the builtin ones); exits
    /// with 1 when the phrase is not in the lexicon.
    Lookup { phrase: String },
    /// Convert a TABARI/PETRARCH actor or agent dictionary to griot's format (stdout).
    ImportTabari { file: PathBuf },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Check rule files in DIR; every error names file and line.
    Check { dir: PathBuf },
    /// Convert a TABARI/PETRARCH CAMEO verb dictionary to griot rules (stdout).
    ImportTabari { file: PathBuf },
}

#[derive(Args)]
struct EvalArgs {
    #[arg(value_enum)]
    kind: EvalKind,
    /// Annotated data: a file or a directory, depending on the kind.
    path: PathBuf,
    /// events, news articles: only part A (`dA-*.json`), part B (`dv-b*.json`) or files with
    /// this name prefix; default: part A, part B and all.
    #[arg(long)]
    part: Option<String>,
    /// events, news articles: also print every sentence with a missed or wrong event.
    #[arg(long)]
    misses: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum EvalKind {
    /// CoNLL-2003 NER file (PER/LOC/ORG, strict span match).
    Ner,
    /// LGL-format geoparsing XML (accuracy within 161 km).
    Geo,
    /// Directory of TimeML .tml files (TempEval-3 measures).
    Timeml,
    /// Events: griot's test set (directory of .tsv) or annotated news articles (a directory
    /// of .json articles, or one with an articles/ subdirectory), detected automatically.
    Events,
    /// JSON lines of articles labelled with a `story` id (pairwise and B-cubed F1).
    Stories,
    /// PolNeAR directory (text/ and attributions/): quote contents found, speakers right.
    Quotes,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?} is not a date in YYYY-MM-DD form: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`griot events | head`) is the reader's choice, not an error.
            let broken_pipe = e
                .chain()
                .any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
                || format!("{e:#}").contains("Broken pipe");
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            if let Some(u) = e.downcast_ref::<UsageError>() {
                eprintln!("griot: error: {}", safe::one_line(&u.0));
                eprintln!("\nFor more information, try '--help'.");
                return ExitCode::from(2);
            }
            eprintln!("griot: error: {}", safe::one_line(&errors::message(&e)));
            ExitCode::from(1)
        }
    }
}

struct Context_ {
    db: PathBuf,
    settings: Settings,
}

fn context(cli: &Cli) -> Result<Context_> {
    let cfg = config::Config::find(cli.config.as_deref())?;
    let db = cli.db.clone().or(cfg.db.clone()).unwrap_or_else(|| PathBuf::from("griot.db"));
    let mut lexicon_dirs = cfg.lexicon.clone();
    lexicon_dirs.extend(cli.lexicon.iter().cloned());
    let mut rule_dirs = cfg.rules.clone();
    rule_dirs.extend(cli.rules.iter().cloned());
    let settings = Settings { lexicon_dirs, rule_dirs, day_first: cfg.day_first, ..Settings::default() };
    Ok(Context_ { db, settings })
}

fn load_pipeline(settings: &Settings) -> Result<Pipeline> {
    Pipeline::load(settings).context("cannot load dictionaries and rules")
}

fn run(cli: Cli) -> Result<u8> {
    let mut ctx = context(&cli)?;
    match &cli.command {
        Command::Code(a) => {
            ctx.settings.day_first |= a.read.day_first;
            cmd_code(&ctx, a)
        }
        Command::Ingest(a) => {
            ctx.settings.day_first |= a.read.day_first;
            cmd_ingest(&ctx, a)
        }
        Command::Events(a) => cmd_events(&ctx, a),
        Command::Show(a) => cmd_show(&ctx, a),
        Command::Stories(a) => cmd_stories(&ctx, a),
        Command::Story(a) => cmd_story(&ctx, a),
        Command::Export(a) => cmd_export(&ctx, a),
        Command::Demo => cmd_demo(&ctx),
        Command::Stats => {
            let store = open_read(&ctx.db)?;
            output::print_counts(&store.counts()?);
            Ok(0)
        }
        Command::Lexicon(c) => cmd_lexicon(&ctx, c),
        Command::Rules(c) => cmd_rules(c),
        Command::Follow(a) => follow::cmd_follow(&ctx, a),
        Command::Watch(c) => watch::cmd_watch(&ctx, c),
        Command::Serve(a) => serve::cmd_serve(&ctx, a),
        Command::Eval(a) => {
            let pipeline = load_pipeline(&ctx.settings)?;
            let report = match a.kind {
                EvalKind::Ner => griot_eval::ner::evaluate(&pipeline, &a.path),
                EvalKind::Geo => griot_eval::geo::evaluate(&pipeline, &a.path),
                EvalKind::Timeml => griot_eval::timeml::evaluate(&pipeline, &a.path),
                EvalKind::Events if griot_eval::news_events::is_news_format(&a.path) => {
                    let opts = griot_eval::news_events::Options {
                        part: a.part.clone(),
                        misses: a.misses,
                        all_sentences: false,
                    };
                    griot_eval::news_events::evaluate_with(&pipeline, &a.path, &opts)
                }
                EvalKind::Events => griot_eval::events::evaluate(&pipeline, &a.path),
                EvalKind::Stories => griot_eval::stories::evaluate(&pipeline, &a.path),
                EvalKind::Quotes => griot_eval::quotes::evaluate(&pipeline, &a.path),
            }?;
            print!("{report}");
            Ok(0)
        }
    }
}

/// Opens (creating if needed) the database for a command that writes. The store's errors
/// already name the database.
fn open_store(db: &Path) -> Result<Store> {
    Ok(Store::open(db)?)
}

/// Opens an existing database for a command that only reads: never creates one, and works
/// where the database cannot be written.
fn open_read(db: &Path) -> Result<Store> {
    Ok(Store::open_read_only(db)?)
}

fn read_options(a: &ReadArgs) -> ReadOptions {
    ReadOptions { max_bytes: a.max_bytes, default_date: a.date, ..Default::default() }
}

/// Prints the readers' warnings (dates refused, ...), one line each.
fn print_warnings(warnings: Vec<griot_ingest::ReadWarning>, progress: &indicatif::ProgressBar) {
    for w in warnings {
        progress.suspend(|| eprintln!("griot: warning: {}", safe::one_line(&w.to_string())));
    }
}

/// The one warning about articles without a publication date.
fn warn_undated(undated: usize, total: usize) {
    if undated > 0 {
        eprintln!(
            "griot: warning: {undated} of {total} articles have no publication date: relative dates (\"on Saturday\") stay unresolved and their events undated; give one with --date YYYY-MM-DD (for stored articles: ingest --force --date)"
        );
    }
}

fn cmd_code(ctx: &Context_, a: &CodeArgs) -> Result<u8> {
    let pipeline = load_pipeline(&ctx.settings)?;
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = if a.format == CodeFormat::Text {
        Box::new(safe::Terminal::new(io::BufWriter::new(stdout.lock())))
    } else {
        Box::new(io::BufWriter::new(stdout.lock()))
    };
    let mut skipped = 0usize;
    let mut records = Vec::new();
    let (mut total, mut undated) = (0usize, 0usize);
    let mut reader = read_inputs(&a.read.inputs, &read_options(&a.read));
    let hidden = indicatif::ProgressBar::hidden();
    // Articles are analysed a chunk at a time on every core (`run_batch`, results in input
    // order) and written before the next chunk is read: memory is bounded by the chunk.
    let mut chunk: Vec<Article> = Vec::new();
    let mut chunk_bytes = 0usize;
    let write_chunk = |chunk: &mut Vec<Article>, out: &mut Box<dyn Write>, records: &mut Vec<_>| -> Result<()> {
        for doc in pipeline.run_batch(std::mem::take(chunk)) {
            match a.format {
                CodeFormat::Text => output::write_report(out, &doc)?,
                CodeFormat::Jsonl => {
                    serde_json::to_writer(&mut *out, &griot_text::record::doc_record(&doc))?;
                    writeln!(out)?;
                }
                CodeFormat::Json => records.push(griot_text::record::doc_record(&doc)),
            }
        }
        Ok(())
    };
    while let Some(item) = reader.next() {
        print_warnings(reader.warnings(), &hidden);
        match item {
            Ok(article) => {
                total += 1;
                undated += usize::from(article.date.is_none());
                chunk_bytes += article.text.len();
                chunk.push(article);
                if chunk.len() >= CODE_CHUNK || chunk_bytes >= BATCH_BYTES {
                    write_chunk(&mut chunk, &mut out, &mut records)?;
                    chunk_bytes = 0;
                }
            }
            Err(e) => {
                skipped += 1;
                eprintln!("griot: skipped {}", safe::one_line(&e.to_string()));
            }
        }
    }
    write_chunk(&mut chunk, &mut out, &mut records)?;
    warn_undated(undated, total);
    if a.format == CodeFormat::Json {
        if records.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &records[0])?;
        } else {
            serde_json::to_writer_pretty(&mut out, &records)?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if skipped > 0 { EXIT_SKIPPED } else { 0 })
}

/// Totals of one ingest run.
#[derive(Default)]
struct IngestTotals {
    read: usize,
    stored: usize,
    replaced: usize,
    already: usize,
    skipped: usize,
    undated: usize,
    stories: usize,
}

/// Where ingest takes its articles from: the readers (with their warnings and the bytes
/// read so far, for the progress bar), or a list in memory (the demo).
trait Source: Iterator<Item = Result<Article, griot_ingest::ReadError>> {
    fn warnings(&mut self) -> Vec<griot_ingest::ReadWarning> {
        Vec::new()
    }
    fn bytes_read(&self) -> Option<u64> {
        None
    }
}

impl Source for griot_ingest::Articles {
    fn warnings(&mut self) -> Vec<griot_ingest::ReadWarning> {
        griot_ingest::Articles::warnings(self)
    }
    fn bytes_read(&self) -> Option<u64> {
        Some(griot_ingest::Articles::bytes_read(self))
    }
}

impl Source for std::vec::IntoIter<Result<Article, griot_ingest::ReadError>> {}

/// How ingest batches and what it does with articles already stored.
struct IngestPlan {
    batch: usize,
    /// Re-analyse stored articles and replace their analysis.
    force: bool,
}

fn ingest_articles(
    store: &mut Store,
    pipeline: &Pipeline,
    mut articles: impl Source,
    plan: &IngestPlan,
    progress: &indicatif::ProgressBar,
) -> Result<IngestTotals> {
    let mut totals = IngestTotals::default();
    let batch_size = plan.batch.max(1);
    let mut batch = Vec::with_capacity(batch_size.min(1024));
    let mut batch_bytes = 0usize;
    let force = plan.force;
    let flush = |batch: &mut Vec<Article>, store: &mut Store, totals: &mut IngestTotals| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let docs = pipeline.run_batch(std::mem::take(batch));
        let summary = if force { store.replace_docs(&docs)? } else { store.insert_docs(&docs)? };
        stories::save_summaries(store, &docs)?;
        totals.stored += summary.inserted;
        totals.replaced += summary.replaced;
        totals.already += summary.duplicates;
        Ok(())
    };
    let started = std::time::Instant::now();
    while let Some(item) = articles.next() {
        print_warnings(articles.warnings(), progress);
        if let Some(n) = articles.bytes_read() {
            progress.set_position(n);
        }
        match item {
            Ok(article) => {
                totals.read += 1;
                let secs = started.elapsed().as_secs_f64();
                let rate = if secs > 0.5 { format!(", {:.0}/s", totals.read as f64 / secs) } else { String::new() };
                progress.set_message(format!("{} articles read{rate}, {} stored", totals.read, totals.stored + totals.replaced));
                if !force && store.contains_text(&article.text)? {
                    totals.already += 1;
                    continue;
                }
                totals.undated += usize::from(article.date.is_none());
                batch_bytes += article.text.len();
                batch.push(article);
                if batch.len() >= batch_size || batch_bytes >= BATCH_BYTES {
                    flush(&mut batch, store, &mut totals)?;
                    batch_bytes = 0;
                }
            }
            Err(e) => {
                totals.skipped += 1;
                progress.suspend(|| eprintln!("griot: skipped {}", safe::one_line(&e.to_string())));
            }
        }
    }
    flush(&mut batch, store, &mut totals)?;
    // Stories are recomputed only when something new was stored (or a previous run was
    // interrupted before grouping); otherwise they are already the grouping of the store.
    let changed = totals.stored > 0 || totals.replaced > 0;
    totals.stories = if changed
        || store.stories_stale()?
        || !store.articles_without_summary()?.is_empty()
        || store.summaries_need_upgrade()?
    {
        progress.set_message("grouping stories".to_string());
        stories::regroup(store)?
    } else {
        store.story_count()?
    };
    Ok(totals)
}

/// The progress bar of `ingest`: bytes of input read out of the total (when the inputs are
/// files), with the articles read and stored, the article rate and the time left.
fn progress_bar(quiet: bool, total_bytes: Option<u64>) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total_bytes {
        Some(total) => {
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {binary_bytes}/{binary_total_bytes} {msg} [{elapsed} elapsed, {eta} left, {binary_bytes_per_sec}]",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        }
        None => {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        }
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn cmd_ingest(ctx: &Context_, a: &IngestArgs) -> Result<u8> {
    let read = &a.read;
    let pipeline = load_pipeline(&ctx.settings)?;
    let mut store = open_store(&ctx.db)?;
    let total_bytes = if a.quiet { None } else { griot_ingest::input_bytes(&read.inputs) };
    let bar = progress_bar(a.quiet, total_bytes);
    let plan = IngestPlan { batch: a.batch, force: a.force };
    let totals = ingest_articles(&mut store, &pipeline, read_inputs(&read.inputs, &read_options(read)), &plan, &bar)?;
    bar.finish_and_clear();
    let replaced = if a.force { format!(", {} re-analysed", totals.replaced) } else { String::new() };
    eprintln!(
        "griot: {} articles read, {} stored{replaced}, {} already in {}, {} skipped; {} stories",
        totals.read,
        totals.stored,
        totals.already,
        safe::one_line(&ctx.db.display().to_string()),
        totals.skipped,
        totals.stories
    );
    warn_undated(totals.undated, totals.read);
    let alerts = watch::after_ingest(&mut store)?;
    if alerts.made > 0 || alerts.pending > 0 {
        eprintln!("griot: {} alerts, {} delivered, {} pending", alerts.made, alerts.delivered, alerts.pending);
    }
    Ok(if totals.skipped > 0 { EXIT_SKIPPED } else { 0 })
}

/// A usage error (exit code 2), for filter values that cannot mean anything.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

fn check_range(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<()> {
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(usage(format!("--since {s} is after --until {u}: no event can match")));
        }
    }
    Ok(())
}

/// The PLOVER type named by `--type`, upper-cased, or a usage error listing the types.
fn check_type(t: &str) -> Result<String> {
    let up = t.trim().to_uppercase();
    if griot_code::rules::TYPES.iter().any(|(name, _)| *name == up) {
        return Ok(up);
    }
    let names: Vec<&str> = griot_code::rules::TYPES.iter().map(|(n, _)| *n).collect();
    Err(usage(format!("--type {:?} is not a PLOVER event type; the types are {}", safe::one_line(t), names.join(", "))))
}

/// An actor code is accepted when some stored event has it, or when the lexicon (builtin
/// and --lexicon dirs) knows it as a country, IGO, organisation or group code; `CODE` may be
/// followed by a PLOVER sector (`NERMIL`).
fn check_actor(ctx: &Context_, store: &Store, flag: &str, code: &str) -> Result<String> {
    let up = code.trim().to_uppercase();
    let plausible = up.len() >= 2 && up.len() <= 12 && up.bytes().all(|b| b.is_ascii_alphanumeric());
    if plausible {
        if store.has_actor_code(&up)? {
            return Ok(up);
        }
        let dirs: Vec<&Path> = ctx.settings.lexicon_dirs.iter().map(|p| p.as_path()).collect();
        let lexicon = griot_lexicon::Lexicon::load(&dirs)?;
        let known = |c: &str| lexicon.entries().iter().any(|e| e.code.as_deref() == Some(c));
        let with_sector = (up.len() > 3)
            .then(|| up.split_at(up.len() - 3))
            .is_some_and(|(c, s)| griot_lexicon::lexicon::SECTORS.contains(&s) && (known(c) || store.has_actor_code(c).unwrap_or(false)));
        if known(&up) || with_sector {
            return Ok(up);
        }
    }
    Err(usage(format!(
        "{flag} {:?} is not an actor code griot knows (an ISO-3166 alpha-3 country such as NER, an IGO such as UNO, optionally with a sector: NERMIL); see `griot lexicon lookup NAME`",
        safe::one_line(code)
    )))
}

fn filter_of(ctx: &Context_, store: &Store, a: &EventsArgs) -> Result<EventFilter> {
    check_range(a.since, a.until)?;
    let actor = a.actor.as_deref().map(|c| check_actor(ctx, store, "--actor", c)).transpose()?;
    let recipient = a.recipient.as_deref().map(|c| check_actor(ctx, store, "--recipient", c)).transpose()?;
    let event_type = a.event_type.as_deref().map(check_type).transpose()?;
    Ok(EventFilter {
        actor,
        recipient,
        event_type,
        since: a.since,
        until: a.until,
        place: a.place.clone(),
        text: a.text.clone(),
        limit: a.limit.filter(|&n| n > 0),
    })
}

fn cmd_events(ctx: &Context_, a: &EventsArgs) -> Result<u8> {
    let store = open_read(&ctx.db)?;
    let mut filter = filter_of(ctx, &store, a)?;
    let stdout = io::stdout();
    // A table on a terminal shows the first events and says how many more there are.
    let short = a.format == EventsFormat::Table && a.limit.is_none() && stdout.is_terminal();
    if short {
        filter.limit = Some(TERMINAL_LIMIT);
    }
    let mut out: Box<dyn Write> = match a.format {
        EventsFormat::Table => Box::new(safe::Terminal::new(io::BufWriter::new(stdout.lock()))),
        _ => Box::new(io::BufWriter::new(stdout.lock())),
    };
    let format = match a.format {
        EventsFormat::Table => output::EventFormat::Table,
        EventsFormat::Json => output::EventFormat::Json,
        EventsFormat::Jsonl => output::EventFormat::Jsonl,
        EventsFormat::Csv => output::EventFormat::Csv,
    };
    // Events are written as they are read (constant memory, first rows at once).
    let mut writer = output::EventWriter::new(format, a.raw_cells);
    writer.begin(&mut out)?;
    let shown = store.for_each_event(&filter, |e| writer.event(&mut out, &e).map_err(anyhow::Error::from))?;
    writer.end(&mut out)?;
    if short && shown == TERMINAL_LIMIT {
        let all = griot_store::browse::EventQuery { filter: EventFilter { limit: None, ..filter }, ..Default::default() };
        let more = usize::try_from(store.event_count(&all)?).unwrap_or(usize::MAX).saturating_sub(shown);
        if more > 0 {
            writeln!(out, "{more} more; use --limit N, or --limit 0 for all")?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn cmd_show(ctx: &Context_, a: &ShowArgs) -> Result<u8> {
    let store = open_read(&ctx.db)?;
    let Some(doc) = store.doc(&a.id)? else {
        bail!("no article with id {:?} in {}", safe::one_line(&a.id), safe::one_line(&ctx.db.display().to_string()));
    };
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match a.format {
        ShowFormat::Text => Box::new(safe::Terminal::new(io::BufWriter::new(stdout.lock()))),
        ShowFormat::Json => Box::new(io::BufWriter::new(stdout.lock())),
    };
    match a.format {
        ShowFormat::Text => output::write_annotated(&mut out, &doc)?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &griot_text::record::doc_record(&doc))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn cmd_export(ctx: &Context_, a: &ExportArgs) -> Result<u8> {
    let store = open_read(&ctx.db)?;
    if a.format == ExportFormat::Parquet {
        let Some(dir) = &a.out else {
            eprintln!("griot: export --format parquet needs --out DIR (the directory for the four .parquet files)");
            return Ok(2);
        };
        for (name, n) in parquet_export::export(&store, dir)? {
            eprintln!("griot: exported {n} {name} to {}", safe::one_line(&dir.join(format!("{name}.parquet")).display().to_string()));
        }
        return Ok(0);
    }
    let mut sink: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", safe::one_line(&p.display().to_string())))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout())),
    };
    if !a.raw_cells && matches!(a.format, ExportFormat::GdeltEvents | ExportFormat::GdeltMentions) {
        sink = Box::new(safe::TsvCells::new(sink));
    }
    let n = match a.format {
        ExportFormat::PloverJsonl => store.export_plover_jsonl(&mut sink)?,
        ExportFormat::Csv if a.raw_cells => store.export_csv_raw(&mut sink)?,
        ExportFormat::Csv => store.export_csv(&mut sink)?,
        ExportFormat::Parquet => 0,
        ExportFormat::GdeltEvents | ExportFormat::GdeltMentions => {
            gdelt::export(&store, a.format == ExportFormat::GdeltMentions, &mut sink)?
        }
    };
    sink.flush()?;
    let what = if a.format == ExportFormat::GdeltMentions { "mentions" } else { "events" };
    eprintln!("griot: exported {n} {what}");
    Ok(0)
}

fn cmd_stories(ctx: &Context_, a: &StoriesArgs) -> Result<u8> {
    if a.rebuild {
        drop(open_read(&ctx.db)?); // an existing database, not a new one
        let mut store = open_store(&ctx.db)?;
        let n = stories::rebuild(&mut store)?;
        eprintln!("griot: regrouped {n} stories");
    }
    let store = open_read(&ctx.db)?;
    check_range(a.since, a.until)?;
    let actor = a.actor.as_deref().map(|c| check_actor(ctx, &store, "--actor", c)).transpose()?;
    let filter = griot_store::StoryFilter { actor, since: a.since, until: a.until, text: a.text.clone(), limit: a.limit.filter(|&n| n > 0) };
    let rows = store.stories(&filter)?;
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match a.format {
        ShowFormat::Text => Box::new(safe::Terminal::new(io::BufWriter::new(stdout.lock()))),
        ShowFormat::Json => Box::new(io::BufWriter::new(stdout.lock())),
    };
    match a.format {
        ShowFormat::Text => stories::write_story_table(&mut out, &rows)?,
        ShowFormat::Json => {
            let parsed: Vec<griot_story::Story> = rows.iter().map(stories::parse_story).collect::<Result<_>>()?;
            serde_json::to_writer_pretty(&mut out, &parsed)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn cmd_story(ctx: &Context_, a: &StoryArgs) -> Result<u8> {
    let store = open_read(&ctx.db)?;
    let Some(row) = store.story(&a.id)? else {
        bail!("no story with id {:?} in {}", safe::one_line(&a.id), safe::one_line(&ctx.db.display().to_string()));
    };
    let story = stories::parse_story(&row)?;
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match a.format {
        ShowFormat::Text => Box::new(safe::Terminal::new(io::BufWriter::new(stdout.lock()))),
        ShowFormat::Json => Box::new(io::BufWriter::new(stdout.lock())),
    };
    match a.format {
        ShowFormat::Text => stories::write_story(&mut out, &story)?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &story)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// The example articles that ship with griot, embedded so `demo` works from anywhere.
const EXAMPLES: &[(&str, &str)] = &[
    ("examples/niger-us-pact.txt", include_str!("../../../examples/niger-us-pact.txt")),
    ("examples/sahel-briefs.jsonl", include_str!("../../../examples/sahel-briefs.jsonl")),
    ("examples/chad-election.html", include_str!("../../../examples/chad-election.html")),
];

fn cmd_demo(ctx: &Context_) -> Result<u8> {
    let pipeline = load_pipeline(&ctx.settings)?;
    let mut store = open_store(&ctx.db)?;
    let date = NaiveDate::from_ymd_opt(2024, 3, 17);
    let articles: Vec<Result<Article, griot_ingest::ReadError>> = EXAMPLES
        .iter()
        .flat_map(|(name, text)| {
            griot_ingest::read_bytes(name, text.as_bytes(), &ReadOptions { default_date: date, ..Default::default() })
        })
        .collect();
    let ids: Vec<String> = articles.iter().filter_map(|a| a.as_ref().ok().map(|a| a.id.clone())).collect();
    let plan = IngestPlan { batch: 64, force: false };
    let totals = ingest_articles(&mut store, &pipeline, articles.into_iter(), &plan, &indicatif::ProgressBar::hidden())?;
    let stdout = io::stdout();
    let mut out = safe::Terminal::new(io::BufWriter::new(stdout.lock()));
    writeln!(
        out,
        "griot demo: {} example articles, {} newly stored, {} already in {}\n",
        totals.read,
        totals.stored,
        totals.already,
        ctx.db.display()
    )?;
    for id in &ids {
        if let Some(doc) = store.doc(id)? {
            output::write_report(&mut out, &doc)?;
        }
    }
    writeln!(
        out,
        "Next: `griot events --actor NER`, `griot show {}`, `griot export --format plover-jsonl`",
        ids.first().map(String::as_str).unwrap_or("ID")
    )?;
    out.flush()?;
    Ok(if totals.skipped > 0 { EXIT_SKIPPED } else { 0 })
}

/// Prints every error of a dictionary or rule check (file and line each, each once); exit
/// code 1 if any.
fn report_check(dir: &Path, errors: &[impl std::fmt::Display]) -> u8 {
    let mut seen = std::collections::HashSet::new();
    let errors: Vec<String> = errors.iter().map(|e| safe::one_line(&e.to_string()).into_owned()).filter(|e| seen.insert(e.clone())).collect();
    for e in &errors {
        eprintln!("{e}");
    }
    if errors.is_empty() {
        println!("{}: ok", dir.display());
        0
    } else {
        eprintln!("griot: {} errors in {}", errors.len(), dir.display());
        1
    }
}

/// Codes that no builtin entry and no `igo` of the checked directory defines: a `country`
/// entry must use a country code of the builtin lexicon (ISO-3166 alpha-3; user entries add
/// names to it), an org, group or person a country or IGO code (or `IMG`, `NGO`, `MNC`).
fn unknown_codes(dir: &Path) -> Result<Vec<String>> {
    use griot_lexicon::EntryKind;
    let builtin = griot_lexicon::Lexicon::load(&[])?;
    let of_kind = |k: EntryKind| -> std::collections::HashSet<String> {
        builtin.entries().iter().filter(|e| e.kind == k).filter_map(|e| e.code.clone()).collect()
    };
    let countries = of_kind(EntryKind::Country);
    let mut actors: std::collections::HashSet<String> = countries.iter().cloned().chain(of_kind(EntryKind::Igo)).collect();
    actors.extend(["IMG", "NGO", "MNC", "IGO"].map(String::from));
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt")).collect(),
        Err(_) => return Ok(Vec::new()), // check_dir has said why
    };
    files.sort();
    let parsed: Vec<(String, Vec<griot_lexicon::lexicon::RawEntry>)> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok().map(|t| (f.display().to_string(), t)))
        .map(|(name, text)| {
            let entries = griot_lexicon::lexicon::parse_file(&text, &name).0;
            (name, entries)
        })
        .collect();
    for (_, entries) in &parsed {
        actors.extend(entries.iter().filter(|e| e.kind == EntryKind::Igo).filter_map(|e| e.code.clone()));
    }
    let mut errors = Vec::new();
    for (name, entries) in &parsed {
        for e in entries {
            let Some(code) = e.code.as_deref().filter(|c| *c != "-") else { continue };
            let bad = match e.kind {
                EntryKind::Country => !countries.contains(code),
                EntryKind::Organisation | EntryKind::Group | EntryKind::Person => !actors.contains(code),
                _ => false,
            };
            if bad {
                let what = if e.kind == EntryKind::Country {
                    "is not a country code of the builtin lexicon (ISO-3166 alpha-3)"
                } else {
                    "is not a country or IGO code (builtin, or an igo of this directory)"
                };
                errors.push(format!("{name}:{}: unknown code {code} {what}", e.line));
            }
        }
    }
    Ok(errors)
}

fn read_text(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
}

fn cmd_lexicon(ctx: &Context_, c: &LexiconCommand) -> Result<u8> {
    match c {
        LexiconCommand::Check { dir } => {
            let mut errors: Vec<String> = griot_lexicon::check_dir(dir).iter().map(|e| e.to_string()).collect();
            errors.extend(unknown_codes(dir)?);
            Ok(report_check(dir, &errors))
        }
        LexiconCommand::Lookup { phrase } => {
            let dirs: Vec<&Path> = ctx.settings.lexicon_dirs.iter().map(|p| p.as_path()).collect();
            let lexicon = griot_lexicon::Lexicon::load(&dirs)?;
            let found = lexicon.lookup(phrase);
            if found.is_empty() {
                println!("{:?}: not in the lexicon", safe::one_line(phrase));
                return Ok(1);
            }
            for line in found {
                println!("{}", safe::one_line(&line.to_string()));
            }
            Ok(0)
        }
        LexiconCommand::ImportTabari { file } => {
            let (out, report) = griot_lexicon::tabari::import(&read_text(file)?, &file.display().to_string(), &Default::default());
            print!("{out}");
            eprint!("{report}");
            Ok(0)
        }
    }
}

fn cmd_rules(c: &RulesCommand) -> Result<u8> {
    match c {
        RulesCommand::Check { dir } => Ok(report_check(dir, &griot_code::check_dir(dir))),
        RulesCommand::ImportTabari { file } => {
            let (out, report) = griot_code::tabari::import_verbs(&read_text(file)?, &file.display().to_string());
            print!("{out}");
            eprint!("{report}");
            Ok(0)
        }
    }
}
