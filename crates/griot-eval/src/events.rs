//! Evaluation: events. (Being built.)
use std::path::Path;
use griot_pipeline::Pipeline;
use crate::EvalError;

pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    let _ = pipeline;
    Err(EvalError::Format { location: path.display().to_string(), message: "the events evaluation is not built yet".into() })
}
