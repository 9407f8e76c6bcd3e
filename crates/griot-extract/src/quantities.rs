//! Quantities. (Being built: see issue 5.)
use griot_text::{Doc, Quantity};

pub fn find_quantities(doc: &Doc) -> Vec<Quantity> {
    let _ = doc;
    Vec::new()
}
