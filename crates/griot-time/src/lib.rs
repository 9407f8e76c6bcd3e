//! griot-time finds temporal expressions and normalises them against the publication date,
//! and dates events. (Being built: see issue 4.)
use griot_text::{Diagnostic, Doc, Event, EventDate, TimeExpr};

#[derive(Debug, Clone, Default)]
pub struct TimeOptions {
    /// Read `03/04/2024` as 3 April (true) or March 4 (false).
    pub day_first: bool,
}

/// Temporal expressions of `doc`, in text order, with diagnostics for rejected dates.
pub fn find_dates(doc: &Doc, options: &TimeOptions) -> (Vec<TimeExpr>, Vec<Diagnostic>) {
    let _ = (doc, options);
    (Vec::new(), Vec::new())
}

/// The date of `event`: the governing expression, else a nearby anchor, else publication.
pub fn date_event(doc: &Doc, event: &Event) -> Option<EventDate> {
    let _ = event;
    doc.article.date.map(|d| EventDate {
        value: d.format("%Y-%m-%d").to_string(),
        precision: griot_text::Precision::Day,
        time: None,
    })
}
