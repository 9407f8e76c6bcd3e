//! griot-eval scores griot against annotated data (CoNLL-2003 NER, LGL geoparsing,
//! TimeML, the project's event test set, annotated news articles (events), labelled stories). Evaluations are separate from
//! tests: they report precision, recall and F1 rather than pass or fail. Each module has
//! `evaluate(pipeline, path) -> Result<String, EvalError>` returning a readable report.

pub mod events;
pub mod geo;
pub mod ner;
pub mod news_events;
pub mod quotes;
pub mod stories;
pub mod timeml;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{location}: {message}")]
    Format { location: String, message: String },
}

/// Precision, recall and F1 from counts; 0 where undefined.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}
