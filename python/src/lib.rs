//! `griot._griot`: the native half of the `griot` Python package (PyO3). It hands JSON text
//! across the boundary (the same records `griot code --format json` writes, built by
//! `griot_text::record::doc_record`) and the Python half (`pysrc/griot/__init__.py`) turns
//! them into dicts, so the two can never drift apart. Analysis runs with the GIL released,
//! batches in parallel on a rayon pool of the size asked for.

use std::sync::OnceLock;

use chrono::NaiveDate;
use griot_pipeline::{Pipeline, Settings};
use griot_text::Article;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use serde::Deserialize;

static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();

/// The builtin pipeline, loaded once per process.
fn pipeline() -> PyResult<&'static Pipeline> {
    PIPELINE
        .get_or_init(|| Pipeline::load(&Settings::default()).map_err(|e| format!("cannot load dictionaries and rules: {e}")))
        .as_ref()
        .map_err(|e| PyOSError::new_err(e.clone()))
}

fn parse_day(field: &str, raw: Option<&str>) -> PyResult<Option<NaiveDate>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => griot_ingest::parse_date(s)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err(format!("{field} {s:?} refused: {}", griot_ingest::date_problem(s)))),
    }
}

/// An article as the Python side gives it (a dict dumped to JSON): every field optional but
/// `text`, unknown fields kept as metadata, as the JSON-lines reader does.
#[derive(Deserialize)]
struct ArticleIn {
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    text: String,
    #[serde(default)]
    meta: serde_json::Map<String, serde_json::Value>,
}

fn article(a: ArticleIn) -> PyResult<Article> {
    let date = parse_day("date", a.date.as_deref())?;
    let id = a.id.filter(|s| !s.is_empty()).unwrap_or_else(|| griot_ingest::content_id(&a.text));
    Ok(Article { id, url: a.url, title: a.title, date, lang: a.lang, source: a.source, text: a.text, meta: a.meta })
}

fn record_json(doc: &griot_text::Doc) -> PyResult<String> {
    serde_json::to_string(&griot_text::record::doc_record(doc)).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Analyse one article; returns the record as JSON text.
#[pyfunction]
#[pyo3(signature = (text, date=None, url=None, title=None, id=None))]
fn code_json(
    py: Python<'_>,
    text: String,
    date: Option<String>,
    url: Option<String>,
    title: Option<String>,
    id: Option<String>,
) -> PyResult<String> {
    let p = pipeline()?;
    let a = article(ArticleIn { id, url, title, date, lang: None, source: None, text, meta: Default::default() })?;
    let doc = py.detach(|| p.run(a));
    record_json(&doc)
}

/// Analyse a batch of articles (each a JSON object with `text` and optional `id`, `url`,
/// `title`, `date`, `lang`, `source`, `meta`) on `threads` threads (0: one per core); returns
/// the records as JSON text, in input order.
#[pyfunction]
#[pyo3(signature = (items, threads=0))]
fn code_batch_json(py: Python<'_>, items: Vec<String>, threads: usize) -> PyResult<Vec<String>> {
    let p = pipeline()?;
    let mut articles = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let a: ArticleIn = serde_json::from_str(item).map_err(|e| PyValueError::new_err(format!("article {i}: {e}")))?;
        articles.push(article(a)?);
    }
    let docs = py.detach(|| -> Result<Vec<griot_text::Doc>, String> {
        if threads == 1 {
            return Ok(articles.into_iter().map(|a| p.run(a)).collect());
        }
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
        Ok(pool.install(|| p.run_batch(articles)))
    });
    let docs = docs.map_err(PyOSError::new_err)?;
    docs.iter().map(record_json).collect()
}

/// Like `code_batch_json`, and with each record the article's story summary (JSON text), for
/// grouping stories later with `group_stories_json` (the Spark job's second pass).
#[pyfunction]
#[pyo3(signature = (items, threads=0))]
fn code_batch_with_summaries_json(py: Python<'_>, items: Vec<String>, threads: usize) -> PyResult<Vec<(String, String)>> {
    let p = pipeline()?;
    let mut articles = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let a: ArticleIn = serde_json::from_str(item).map_err(|e| PyValueError::new_err(format!("article {i}: {e}")))?;
        articles.push(article(a)?);
    }
    let docs = py.detach(|| -> Result<Vec<griot_text::Doc>, String> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
        Ok(pool.install(|| p.run_batch(articles)))
    });
    let docs = docs.map_err(PyOSError::new_err)?;
    docs.iter()
        .map(|d| {
            let summary = serde_json::to_string(&griot_story::summarize(d)).map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok((record_json(d)?, summary))
        })
        .collect()
}

/// Groups articles into stories from their summaries (as `griot ingest` does over the whole
/// store): returns the story views as JSON text, each with its articles and merged events.
#[pyfunction]
fn group_stories_json(py: Python<'_>, summaries: Vec<String>) -> PyResult<Vec<String>> {
    let mut parsed = Vec::with_capacity(summaries.len());
    for (i, s) in summaries.iter().enumerate() {
        let x: griot_story::ArticleSummary =
            serde_json::from_str(s).map_err(|e| PyValueError::new_err(format!("summary {i}: {e}")))?;
        parsed.push(x);
    }
    let stories = py.detach(|| griot_story::StoryIndex::from_summaries(griot_story::Params::default(), parsed).0.stories());
    stories.iter().map(|s| serde_json::to_string(s).map_err(|e| PyValueError::new_err(e.to_string()))).collect()
}

/// Reads articles from files, directories and `-` with griot's readers (text, JSON lines,
/// HTML, feeds, WARC, gzip). Yields `("article", json)` for each article and
/// `("error", message)` for each document that could not be read, in reading order.
#[pyclass(unsendable)]
struct Reader {
    inner: griot_ingest::Articles,
    pending: std::collections::VecDeque<(String, String)>,
}

#[pymethods]
impl Reader {
    #[new]
    #[pyo3(signature = (paths, date=None, max_bytes=None))]
    fn new(paths: Vec<String>, date: Option<String>, max_bytes: Option<usize>) -> PyResult<Reader> {
        let mut options = griot_ingest::ReadOptions { default_date: parse_day("date", date.as_deref())?, ..Default::default() };
        if let Some(m) = max_bytes {
            if m == 0 {
                return Err(PyValueError::new_err("max_bytes must be at least 1"));
            }
            options.max_bytes = m;
        }
        Ok(Reader { inner: griot_ingest::read_inputs(&paths, &options), pending: Default::default() })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> PyResult<Option<(String, String)>> {
        if let Some(x) = slf.pending.pop_front() {
            return Ok(Some(x));
        }
        let item = slf.inner.next();
        for w in slf.inner.warnings() {
            slf.pending.push_back(("warning".into(), w.to_string()));
        }
        let out = match item {
            None => None,
            Some(Ok(a)) => Some(("article".to_string(), serde_json::to_string(&a).map_err(|e| PyValueError::new_err(e.to_string()))?)),
            Some(Err(e)) => Some(("error".to_string(), e.to_string())),
        };
        if let Some(o) = out {
            slf.pending.push_back(o);
        }
        Ok(slf.pending.pop_front())
    }
}

/// A griot database opened read-only.
#[pyclass(unsendable)]
struct Store {
    inner: griot_store::Store,
}

#[pymethods]
impl Store {
    #[new]
    fn new(path: std::path::PathBuf) -> PyResult<Store> {
        let inner = griot_store::Store::open_read_only(&path).map_err(|e| PyOSError::new_err(e.to_string()))?;
        Ok(Store { inner })
    }

    /// Stored events matching the filters, as JSON text (one object per event: the event
    /// record with `article_id`, `article_date`, `article_title`, `article_url`).
    #[pyo3(signature = (actor=None, recipient=None, event_type=None, since=None, until=None, place=None, text=None, limit=None))]
    #[allow(clippy::too_many_arguments)]
    fn events_json(
        &self,
        actor: Option<String>,
        recipient: Option<String>,
        event_type: Option<String>,
        since: Option<String>,
        until: Option<String>,
        place: Option<String>,
        text: Option<String>,
        limit: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let since = parse_day("since", since.as_deref())?;
        let until = parse_day("until", until.as_deref())?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(PyValueError::new_err(format!("since {s} is after until {u}")));
            }
        }
        let filter = griot_store::EventFilter { actor, recipient, event_type, since, until, place, text, limit: limit.filter(|&n| n > 0) };
        let events = self.inner.events(&filter).map_err(|e| PyOSError::new_err(e.to_string()))?;
        events
            .iter()
            .map(|e| {
                let mut v = serde_json::to_value(&e.record).map_err(|x| PyValueError::new_err(x.to_string()))?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("article_id".into(), e.article_id.clone().into());
                    o.insert("article_date".into(), e.article_date.clone().into());
                    o.insert("article_title".into(), e.article_title.clone().into());
                    o.insert("article_url".into(), e.article_url.clone().into());
                }
                Ok(v.to_string())
            })
            .collect()
    }

    /// The stored article with every layer, as the `griot code --format json` record, or None.
    fn doc_json(&self, article_id: &str) -> PyResult<Option<String>> {
        match self.inner.doc(article_id).map_err(|e| PyOSError::new_err(e.to_string()))? {
            Some(doc) => Ok(Some(record_json(&doc)?)),
            None => Ok(None),
        }
    }

    /// Ids of the stored articles, in ingest order.
    fn article_ids(&self) -> PyResult<Vec<String>> {
        self.inner.article_ids().map_err(|e| PyOSError::new_err(e.to_string()))
    }
}

/// The content-derived article id griot gives an article without one.
#[pyfunction]
fn content_id(text: &str) -> String {
    griot_ingest::content_id(text)
}

#[pymodule]
fn _griot(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(code_json, m)?)?;
    m.add_function(wrap_pyfunction!(code_batch_json, m)?)?;
    m.add_function(wrap_pyfunction!(content_id, m)?)?;
    m.add_function(wrap_pyfunction!(code_batch_with_summaries_json, m)?)?;
    m.add_function(wrap_pyfunction!(group_stories_json, m)?)?;
    m.add_class::<Reader>()?;
    m.add_class::<Store>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
