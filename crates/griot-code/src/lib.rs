//! griot-code codes events from a [`Doc`]: PLOVER type, mode, context and CAMEO, actor and
//! recipient, status and evidence, driven by rule files. (Being built: see issue 5.)
use griot_text::{Doc, Event};

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}:{line}: {message}")]
    Parse { file: String, line: usize, message: String },
}

pub struct Coder {}

impl Coder {
    /// The rules that ship with griot.
    pub fn builtin() -> Result<Coder, RuleError> {
        Ok(Coder {})
    }
    pub fn code_events(&self, doc: &Doc) -> Vec<Event> {
        let _ = doc;
        Vec::new()
    }
}
