//! griot-lexicon owns what griot knows before reading: actor dictionaries (countries,
//! organisations, people), agent words (role word -> PLOVER sector), the gazetteer of places,
//! the documented line-oriented file format for all of them, and importers for
//! TABARI/PETRARCH dictionaries. Loading is IO; matching is pure. It knows nothing of stages.
//!
//! ```
//! use griot_lexicon::Lexicon;
//! let lex = Lexicon::builtin().unwrap();
//! assert!(lex.lookup("the Kremlin")[0].starts_with("Kremlin -> RUS GOV"));
//! ```

pub mod gazetteer;
pub mod lexicon;
pub mod tabari;

pub use gazetteer::Gazetteer;
pub use lexicon::{case_fits, check_dir, Entry, EntryKind, Lexicon, LexiconError, PhraseMatch, PhraseRole, Sense};
