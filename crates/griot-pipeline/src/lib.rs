//! griot-pipeline is the only crate that knows the order of the stages. It loads their
//! resources once ([`Pipeline::load`]) and runs an article through them ([`Pipeline::run`]),
//! or a batch in parallel across documents ([`Pipeline::run_batch`]). It does no IO beyond
//! loading user dictionaries and rule files.
//!
//! ```
//! use griot_pipeline::{Pipeline, Settings};
//! use griot_text::Article;
//! let pipeline = Pipeline::load(&Settings::default()).unwrap();
//! let doc = pipeline.run(Article::from_text("a1", "Niger revoked its pact with the US."));
//! assert_eq!(doc.sentences.len(), 1);
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use griot_code::Coder;
use griot_extract::{find_quantities, find_statements, ActorFinder, PlaceResolver};
use griot_lexicon::{Gazetteer, Lexicon};
use griot_syntax::ner::Ner;
use griot_text::{split_sentences, tokenize, Article, Doc};
use griot_time::{find_dates, EventDater, TimeOptions};
use rayon::prelude::*;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("lexicon: {0}")]
    Lexicon(#[from] griot_lexicon::LexiconError),
    #[error("rules: {0}")]
    Rules(#[from] griot_code::RuleError),
    #[error("entity recogniser model {path}: {message}")]
    Ner { path: String, message: String },
}

/// What the user can set about the analysis.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Dictionary directories layered over the builtin lexicon, in order.
    pub lexicon_dirs: Vec<PathBuf>,
    /// Rule directories layered over the builtin event rules, in order.
    pub rule_dirs: Vec<PathBuf>,
    /// Numeric dates such as 03/04/2024 are day-first.
    pub day_first: bool,
    /// Names are proposed by the trained entity recogniser (`griot_syntax::ner`) before the
    /// lexicon and the gazetteer resolve them. Off by default (see README: the shipped model
    /// is trained on web text only).
    pub ner: bool,
    /// A recogniser model file to use instead of the builtin one (implies `ner`), such as
    /// one trained by `cargo run --release -p xtask -- ner --conll` for research use.
    pub ner_model: Option<PathBuf>,
}

/// The stages with their resources, built once.
pub struct Pipeline {
    actors: ActorFinder,
    places: PlaceResolver,
    coder: Coder,
    time: TimeOptions,
}

impl Pipeline {
    /// The event coder (for diagnostics: `Coder::explain`).
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    pub fn load(settings: &Settings) -> Result<Pipeline, PipelineError> {
        let dirs: Vec<&std::path::Path> = settings.lexicon_dirs.iter().map(|p| p.as_path()).collect();
        let lexicon = Lexicon::load(&dirs)?;
        let rule_dirs: Vec<&std::path::Path> = settings.rule_dirs.iter().map(|p| p.as_path()).collect();
        let gazetteer = Gazetteer::builtin();
        let mut actors = ActorFinder::new(&lexicon);
        if let Some(path) = &settings.ner_model {
            let err = |message: String| PipelineError::Ner { path: path.display().to_string(), message };
            let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
            let ner = Ner::from_gz(&bytes).map_err(|e| err(e.to_string()))?;
            actors = actors.with_ner(Arc::new(ner), &gazetteer);
        } else if settings.ner {
            let ner = Ner::builtin().map_err(|e| PipelineError::Ner { path: "builtin".into(), message: e.to_string() })?;
            actors = actors.with_ner(Arc::new(ner), &gazetteer);
        }
        Ok(Pipeline {
            actors,
            places: PlaceResolver::new(&gazetteer),
            coder: Coder::load(&rule_dirs)?,
            time: TimeOptions { day_first: settings.day_first },
        })
    }

    /// Run every stage over one article. Never fails on text.
    pub fn run(&self, article: Article) -> Doc {
        self.run_stages(article, None)
    }

    /// [`Pipeline::run`], telling `took` how long each stage took (the `stages` example: a
    /// per-stage profile of a corpus). The output does not depend on the clock.
    pub fn run_timed(&self, article: Article, took: &mut dyn FnMut(&'static str, std::time::Duration)) -> Doc {
        self.run_stages(article, Some(took))
    }

    fn run_stages(&self, article: Article, mut took: Option<&mut dyn FnMut(&'static str, std::time::Duration)>) -> Doc {
        let mut clock = took.is_some().then(std::time::Instant::now);
        let mut lap = |stage: &'static str| {
            if let (Some(took), Some(c)) = (took.as_mut(), clock.as_mut()) {
                let now = std::time::Instant::now();
                took(stage, now - *c);
                *c = now;
            }
        };
        let mut doc = Doc::new(article);
        doc.sentences = split_sentences(doc.text());
        let tokens: Vec<_> = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
        doc.tokens = tokens;
        lap("text");
        doc.mentions = self.actors.find_mentions(&doc);
        lap("actors");
        doc.mentions = self.places.resolve_places(&doc);
        lap("places");
        let (times, diagnostics) = find_dates(&doc, &self.time);
        doc.times = times;
        doc.diagnostics.extend(diagnostics);
        lap("times");
        doc.quantities = find_quantities(&doc);
        lap("quantities");
        doc.statements = find_statements(&doc);
        lap("statements");
        let mut events = self.coder.code_events(&doc);
        lap("events");
        let mut dater = EventDater::new(&doc);
        for e in &mut events {
            if e.date.is_none() {
                e.date = dater.date(e);
            }
        }
        doc.events = events;
        lap("dating");
        doc
    }

    /// Run a batch in parallel across documents; output order follows input order.
    pub fn run_batch(&self, articles: Vec<Article>) -> Vec<Doc> {
        articles.into_par_iter().map(|a| self.run(a)).collect()
    }
}

/// A readable snapshot of a document, one item per line, for golden tests and `griot show`.
///
/// ```text
/// sentence 0 0..131 "Niger’s military junta has ..."
/// mention 0..22 "Niger’s military junta" country NER/MIL rule=...
/// event 142..149 "revoked" SANCTION/discontinue NER->USA 2024-03-16 asserted rule=revoke_agreement
/// ```
pub fn snapshot(doc: &Doc) -> String {
    use std::fmt::Write;
    let rec = griot_text::record::doc_record(doc);
    let mut out = String::new();
    let q = |s: &str| format!("{:?}", s);
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "article {} date={}", rec.article.id, rec.article.date.clone().unwrap_or_else(|| "-".into()));
    for s in &rec.sentences {
        let _ = writeln!(out, "sentence {} {}..{} {}", s.index, s.start, s.end, q(&s.text));
    }
    for m in &rec.mentions {
        let mut line = format!(
            "mention {} {}..{} {} {:?} {:?} {}/{}",
            m.id, m.start, m.end, q(&m.text), m.kind, m.name, opt(&m.country), opt(&m.sector)
        );
        if let Some(t) = &m.title {
            let _ = write!(line, " title={t:?}");
        }
        if let Some(r) = &m.role {
            let _ = write!(line, " role={r:?}");
        }
        if let Some(p) = &m.place {
            let _ = write!(line, " place={}@{:.2},{:.2}", p.geonameid.map(|g| g.to_string()).unwrap_or_else(|| "-".into()), p.lat, p.lon);
            if p.actor {
                line.push_str(" (actor)");
            }
        }
        if let Some(a) = m.refers_to {
            let _ = write!(line, " ->{a}");
        }
        if m.guessed {
            line.push_str(" guessed");
        }
        let _ = writeln!(out, "{line} rule={}", m.rule);
    }
    for t in &rec.times {
        let _ = writeln!(out, "time {} {}..{} {} {:?} {} {:?} {:?} rule={}", t.id, t.start, t.end, q(&t.text), t.kind, t.value, t.precision, t.anchor, t.rule);
    }
    for x in &rec.quantities {
        let _ = writeln!(
            out,
            "quantity {} {}..{} {} {} {:?} counted={} approx={} rule={}",
            x.id, x.start, x.end, q(&x.text), x.value, x.kind,
            x.counted.as_ref().map(|c| q(&c.text)).unwrap_or_else(|| "-".into()),
            opt(&x.approx), x.rule
        );
    }
    for s in &rec.statements {
        let _ = writeln!(
            out,
            "statement {} {}..{} {:?} speaker={} cue={} content={} rule={}",
            s.id, s.start, s.end, s.kind,
            s.speaker.as_ref().map(|a| format!("{}({})", q(&a.text), a.name)).unwrap_or_else(|| "-".into()),
            s.cue.as_ref().map(|c| q(&c.text)).unwrap_or_else(|| "-".into()),
            q(&s.content.text), s.rule
        );
    }
    for e in &rec.events {
        let side = |a: &Option<griot_text::record::ActorRecord>| {
            a.as_ref().map(|a| format!("{}{}", a.country.clone().unwrap_or_else(|| a.name.clone()), a.sector.as_ref().map(|s| format!("/{s}")).unwrap_or_default())).unwrap_or_else(|| "-".into())
        };
        let _ = writeln!(
            out,
            "event {}..{} {} {}/{} {}->{} cameo={} date={} basis={} place={} {:?} rule={} evidence={}",
            e.trigger.start, e.trigger.end, q(&e.trigger.text), e.event_type, opt(&e.mode),
            side(&e.actor), side(&e.recipient), opt(&e.cameo),
            e.date.as_ref().map(|d| d.value.clone()).unwrap_or_else(|| "-".into()),
            e.date.as_ref().map(|d| q(&d.basis)).unwrap_or_else(|| "-".into()),
            e.location.as_ref().map(|l| l.name.clone()).unwrap_or_else(|| "-".into()),
            e.status, e.rule, e.evidence.len()
        );
    }
    for d in &rec.diagnostics {
        let _ = writeln!(out, "diagnostic {:?} {} {}", d.severity, d.stage, d.message);
    }
    out
}
