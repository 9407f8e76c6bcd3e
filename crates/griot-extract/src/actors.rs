//! Actors, people and coreference. (Being built: see issue 3.)
use griot_lexicon::Lexicon;
use griot_text::{Doc, Mention};

pub struct ActorFinder {}

impl ActorFinder {
    pub fn new(lexicon: &Lexicon) -> ActorFinder {
        let _ = lexicon;
        ActorFinder {}
    }
    /// Actor, person and organisation mentions of `doc`, with antecedent links.
    pub fn find_mentions(&self, doc: &Doc) -> Vec<Mention> {
        let _ = doc;
        Vec::new()
    }
}
