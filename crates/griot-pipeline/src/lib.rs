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

use griot_code::Coder;
use griot_extract::{find_quantities, find_statements, ActorFinder, PlaceResolver};
use griot_lexicon::{Gazetteer, Lexicon};
use griot_text::{split_sentences, tokenize, Article, Doc};
use griot_time::{date_event, find_dates, TimeOptions};
use rayon::prelude::*;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("lexicon: {0}")]
    Lexicon(#[from] griot_lexicon::LexiconError),
    #[error("rules: {0}")]
    Rules(#[from] griot_code::RuleError),
}

/// What the user can set about the analysis.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Dictionary directories layered over the builtin lexicon, in order.
    pub lexicon_dirs: Vec<PathBuf>,
    /// Numeric dates such as 03/04/2024 are day-first.
    pub day_first: bool,
}

/// The stages with their resources, built once.
pub struct Pipeline {
    actors: ActorFinder,
    places: PlaceResolver,
    coder: Coder,
    time: TimeOptions,
}

impl Pipeline {
    pub fn load(settings: &Settings) -> Result<Pipeline, PipelineError> {
        let dirs: Vec<&std::path::Path> = settings.lexicon_dirs.iter().map(|p| p.as_path()).collect();
        let lexicon = Lexicon::load(&dirs)?;
        let gazetteer = Gazetteer::builtin();
        Ok(Pipeline {
            actors: ActorFinder::new(&lexicon),
            places: PlaceResolver::new(&gazetteer),
            coder: Coder::builtin()?,
            time: TimeOptions { day_first: settings.day_first },
        })
    }

    /// Run every stage over one article. Never fails on text.
    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        doc.sentences = split_sentences(doc.text());
        let tokens: Vec<_> = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
        doc.tokens = tokens;
        doc.mentions = self.actors.find_mentions(&doc);
        doc.mentions = self.places.resolve_places(&doc);
        let (times, diagnostics) = find_dates(&doc, &self.time);
        doc.times = times;
        doc.diagnostics.extend(diagnostics);
        doc.quantities = find_quantities(&doc);
        doc.statements = find_statements(&doc);
        let mut events = self.coder.code_events(&doc);
        for e in &mut events {
            if e.date.is_none() {
                e.date = date_event(&doc, e);
            }
        }
        doc.events = events;
        doc
    }

    /// Run a batch in parallel across documents; output order follows input order.
    pub fn run_batch(&self, articles: Vec<Article>) -> Vec<Doc> {
        articles.into_par_iter().map(|a| self.run(a)).collect()
    }
}
