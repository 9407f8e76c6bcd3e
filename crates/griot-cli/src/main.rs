//! The `griot` command-line tool: parses arguments and wires readers, the pipeline, the
//! store and the evaluations together. It holds no analysis logic of its own.
//!
//! Exit codes (also in README.md):
//! 0 success; 1 fatal error (database, dictionary or rule files unusable); 2 usage error;
//! 3 finished, but some inputs were skipped (each reported on stderr).

mod config;
mod output;
mod stories;

use std::io::{self, Write};
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
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    max_bytes: usize,
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
    /// Articles analysed and stored per transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Do not show a progress bar.
    #[arg(long)]
    quiet: bool,
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
    /// At most this many events.
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    format: EventsFormat,
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
    /// Output file (default stdout).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExportFormat {
    /// One event per line, PLOVER field names plus griot's (evidence, rule, status, story).
    PloverJsonl,
    /// One event per row.
    Csv,
    /// GDELT-style events table (tab-separated): one row per story event, with
    /// NumMentions, NumSources and NumArticles.
    GdeltEvents,
    /// GDELT-style mentions table (tab-separated): one row per report of a story event.
    GdeltMentions,
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Check dictionary files in DIR; every error names file and line.
    Check { dir: PathBuf },
    /// What a phrase resolves to (with --lexicon dirs layered over the builtin ones).
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
            eprintln!("griot: error: {e:#}");
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
    let settings = Settings { lexicon_dirs, rule_dirs, day_first: cfg.day_first };
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
            cmd_ingest(&ctx, &a.read, a.batch, a.quiet)
        }
        Command::Events(a) => cmd_events(&ctx, a),
        Command::Show(a) => cmd_show(&ctx, a),
        Command::Stories(a) => cmd_stories(&ctx, a),
        Command::Story(a) => cmd_story(&ctx, a),
        Command::Export(a) => cmd_export(&ctx, a),
        Command::Demo => cmd_demo(&ctx),
        Command::Stats => {
            let store = open_store(&ctx.db)?;
            output::print_counts(&store.counts()?);
            Ok(0)
        }
        Command::Lexicon(c) => cmd_lexicon(&ctx, c),
        Command::Rules(c) => cmd_rules(c),
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
            }?;
            print!("{report}");
            Ok(0)
        }
    }
}

fn open_store(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

fn read_options(a: &ReadArgs) -> ReadOptions {
    ReadOptions { max_bytes: a.max_bytes, default_date: a.date }
}

fn cmd_code(ctx: &Context_, a: &CodeArgs) -> Result<u8> {
    let pipeline = load_pipeline(&ctx.settings)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    let mut docs = Vec::new();
    for item in read_inputs(&a.read.inputs, &read_options(&a.read)) {
        match item {
            Ok(article) => {
                let doc = pipeline.run(article);
                match a.format {
                    CodeFormat::Text => output::write_report(&mut out, &doc)?,
                    CodeFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &griot_text::record::doc_record(&doc))?;
                        writeln!(out)?;
                    }
                    CodeFormat::Json => docs.push(griot_text::record::doc_record(&doc)),
                }
            }
            Err(e) => {
                skipped += 1;
                eprintln!("griot: skipped {e}");
            }
        }
    }
    if a.format == CodeFormat::Json {
        if docs.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &docs[0])?;
        } else {
            serde_json::to_writer_pretty(&mut out, &docs)?;
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
    already: usize,
    skipped: usize,
    stories: usize,
}

fn ingest_articles(
    store: &mut Store,
    pipeline: &Pipeline,
    articles: impl Iterator<Item = Result<Article, griot_ingest::ReadError>>,
    batch_size: usize,
    progress: &indicatif::ProgressBar,
) -> Result<IngestTotals> {
    let mut totals = IngestTotals::default();
    let mut batch = Vec::with_capacity(batch_size);
    let flush = |batch: &mut Vec<Article>, store: &mut Store, totals: &mut IngestTotals| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let docs = pipeline.run_batch(std::mem::take(batch));
        let summary = store.insert_docs(&docs)?;
        stories::save_summaries(store, &docs)?;
        totals.stored += summary.inserted;
        totals.already += summary.duplicates;
        Ok(())
    };
    for item in articles {
        match item {
            Ok(article) => {
                totals.read += 1;
                progress.inc(1);
                if store.contains_text(&article.text)? {
                    totals.already += 1;
                    continue;
                }
                batch.push(article);
                if batch.len() >= batch_size.max(1) {
                    flush(&mut batch, store, &mut totals)?;
                    progress.set_message(format!("{} stored", totals.stored));
                }
            }
            Err(e) => {
                totals.skipped += 1;
                progress.suspend(|| eprintln!("griot: skipped {e}"));
            }
        }
    }
    flush(&mut batch, store, &mut totals)?;
    // Stories are recomputed only when something new was stored (or a previous run was
    // interrupted before grouping); otherwise they are already the grouping of the store.
    totals.stories = if totals.stored > 0 || store.stories_stale()? || !store.articles_without_summary()?.is_empty() {
        progress.set_message("grouping stories".to_string());
        stories::regroup(store)?
    } else {
        store.story_count()?
    };
    Ok(totals)
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles read, {msg} [{elapsed}, {per_sec}]")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn cmd_ingest(ctx: &Context_, read: &ReadArgs, batch: usize, quiet: bool) -> Result<u8> {
    let pipeline = load_pipeline(&ctx.settings)?;
    let mut store = open_store(&ctx.db)?;
    let bar = progress_bar(quiet);
    let totals = ingest_articles(&mut store, &pipeline, read_inputs(&read.inputs, &read_options(read)), batch, &bar)?;
    bar.finish_and_clear();
    eprintln!(
        "griot: {} articles read, {} stored, {} already in {}, {} skipped; {} stories",
        totals.read,
        totals.stored,
        totals.already,
        ctx.db.display(),
        totals.skipped,
        totals.stories
    );
    Ok(if totals.skipped > 0 { EXIT_SKIPPED } else { 0 })
}

fn filter_of(a: &EventsArgs) -> EventFilter {
    EventFilter {
        actor: a.actor.clone(),
        recipient: a.recipient.clone(),
        event_type: a.event_type.as_ref().map(|t| t.to_uppercase()),
        since: a.since,
        until: a.until,
        place: a.place.clone(),
        text: a.text.clone(),
        limit: a.limit,
    }
}

fn cmd_events(ctx: &Context_, a: &EventsArgs) -> Result<u8> {
    let store = open_store(&ctx.db)?;
    let events = store.events(&filter_of(a))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match a.format {
        EventsFormat::Table => output::write_event_table(&mut out, &events)?,
        EventsFormat::Json => {
            let v: Vec<_> = events.iter().map(output::stored_event_json).collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        EventsFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut out, &output::stored_event_json(e))?;
                writeln!(out)?;
            }
        }
        EventsFormat::Csv => output::write_event_csv(&mut out, &events)?,
    }
    out.flush()?;
    Ok(0)
}

fn cmd_show(ctx: &Context_, a: &ShowArgs) -> Result<u8> {
    let store = open_store(&ctx.db)?;
    let Some(doc) = store.doc(&a.id)? else {
        bail!("no article with id {:?} in {}", a.id, ctx.db.display());
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
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
    let store = open_store(&ctx.db)?;
    let mut sink: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout())),
    };
    let n = match a.format {
        ExportFormat::PloverJsonl => store.export_plover_jsonl(&mut sink)?,
        ExportFormat::Csv => store.export_csv(&mut sink)?,
        ExportFormat::GdeltEvents | ExportFormat::GdeltMentions => {
            let all = store.stories(&griot_store::StoryFilter::default())?;
            let parsed: Vec<griot_story::Story> = all.iter().map(stories::parse_story).collect::<Result<_>>()?;
            if a.format == ExportFormat::GdeltEvents {
                let rows = griot_story::gdelt_events(&parsed);
                griot_story::write_events_tsv(&rows, &mut sink)?;
                rows.len()
            } else {
                let rows = griot_story::gdelt_mentions(&parsed);
                griot_story::write_mentions_tsv(&rows, &mut sink)?;
                rows.len()
            }
        }
    };
    sink.flush()?;
    eprintln!("griot: exported {n} events");
    Ok(0)
}

fn cmd_stories(ctx: &Context_, a: &StoriesArgs) -> Result<u8> {
    let store = open_store(&ctx.db)?;
    let filter = griot_store::StoryFilter {
        actor: a.actor.clone(),
        since: a.since,
        until: a.until,
        text: a.text.clone(),
        limit: a.limit,
    };
    let rows = store.stories(&filter)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
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
    let store = open_store(&ctx.db)?;
    let Some(row) = store.story(&a.id)? else {
        bail!("no story with id {:?} in {}", a.id, ctx.db.display());
    };
    let story = stories::parse_story(&row)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
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
    let totals = ingest_articles(&mut store, &pipeline, articles.into_iter(), 64, &indicatif::ProgressBar::hidden())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
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

/// Prints every error of a dictionary or rule check (file and line each); exit code 1 if any.
fn report_check(dir: &Path, errors: &[impl std::fmt::Display]) -> u8 {
    for e in errors {
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

fn read_text(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
}

fn cmd_lexicon(ctx: &Context_, c: &LexiconCommand) -> Result<u8> {
    match c {
        LexiconCommand::Check { dir } => Ok(report_check(dir, &griot_lexicon::check_dir(dir))),
        LexiconCommand::Lookup { phrase } => {
            let dirs: Vec<&Path> = ctx.settings.lexicon_dirs.iter().map(|p| p.as_path()).collect();
            let lexicon = griot_lexicon::Lexicon::load(&dirs)?;
            let found = lexicon.lookup(phrase);
            if found.is_empty() {
                println!("{phrase:?}: not in the lexicon");
            }
            for line in found {
                println!("{line}");
            }
            Ok(0)
        }
        LexiconCommand::ImportTabari { file } => {
            print!("{}", griot_lexicon::tabari::convert(&read_text(file)?, &file.display().to_string())?);
            Ok(0)
        }
    }
}

fn cmd_rules(c: &RulesCommand) -> Result<u8> {
    match c {
        RulesCommand::Check { dir } => Ok(report_check(dir, &griot_code::check_dir(dir))),
        RulesCommand::ImportTabari { file } => {
            print!("{}", griot_code::tabari::convert_verbs(&read_text(file)?, &file.display().to_string())?);
            Ok(0)
        }
    }
}
