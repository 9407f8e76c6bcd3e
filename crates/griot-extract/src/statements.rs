//! Statements and quotes. (Being built: see issue 5.)
use griot_text::{Doc, Statement};

pub fn find_statements(doc: &Doc) -> Vec<Statement> {
    let _ = doc;
    Vec::new()
}
