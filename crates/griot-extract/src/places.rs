//! Places and geocoding. (Being built: see issue 3.)
use griot_lexicon::Gazetteer;
use griot_text::{Doc, Mention};

pub struct PlaceResolver {}

impl PlaceResolver {
    pub fn new(gazetteer: &Gazetteer) -> PlaceResolver {
        let _ = gazetteer;
        PlaceResolver {}
    }
    /// The complete mention layer: `doc.mentions` in the same order (some given a `place`),
    /// followed by new place mentions.
    pub fn resolve_places(&self, doc: &Doc) -> Vec<Mention> {
        doc.mentions.clone()
    }
}
