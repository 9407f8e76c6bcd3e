//! griot-lexicon owns what griot knows before reading: actor dictionaries (countries,
//! organisations, people), agent words (role word -> PLOVER sector), the gazetteer of places,
//! the documented line-oriented file format for all of them, and importers for
//! TABARI/PETRARCH dictionaries. Loading is IO; matching is pure. It knows nothing of stages.

pub mod gazetteer;
pub mod lexicon;

pub use gazetteer::Gazetteer;
pub use lexicon::{Lexicon, LexiconError};
