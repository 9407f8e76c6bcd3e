//! Actor and agent dictionaries. (Being built: see issue 3.)
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {message}")]
    Parse { file: String, line: usize, message: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// Actor, agent and people dictionaries, defaults layered under user files.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {}

impl Lexicon {
    /// The dictionaries that ship with griot (embedded in the binary).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {})
    }
    /// The builtin dictionaries with the files of `dirs` layered over them, in order.
    pub fn load(dirs: &[&Path]) -> Result<Lexicon, LexiconError> {
        let _ = dirs;
        Lexicon::builtin()
    }
}
