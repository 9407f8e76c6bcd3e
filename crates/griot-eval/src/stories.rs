//! Evaluation: grouping articles into stories. Reads JSON lines of articles, each labelled
//! with a gold story id in the field `story`, runs the pipeline on each, groups them with
//! [`griot_story::StoryIndex`] and reports pairwise and B-cubed precision, recall and F1,
//! for grouping with coded events and for text alone, both in file order (incremental) and
//! regrouped (canonical).
//!
//! Input line: `{"id": "a1", "title": "...", "date": "2024-03-17", "url": "https://...",
//! "source": "outlet", "text": "...", "story": "niger-us-pact"}`; `id`, `text` and `story`
//! are required, other fields are kept as article meta.

use std::collections::HashMap;
use std::path::Path;

use griot_pipeline::Pipeline;
use griot_story::{summarize, ArticleSummary, Params, StoryIndex};
use griot_text::Article;

use crate::{prf, EvalError};

/// An article with its gold story.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub article: Article,
    pub story: String,
}

fn format_err(path: &Path, line: usize, message: String) -> EvalError {
    EvalError::Format { location: format!("{}:{}", path.display(), line), message }
}

/// Parse one JSON line into an article and its gold story.
pub fn parse_labelled(line: &str) -> Result<Labelled, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("invalid json: {e}"))?;
    let serde_json::Value::Object(mut obj) = value else { return Err("expected a json object".into()) };
    let mut take_str = |key: &str, required: bool| -> Result<Option<String>, String> {
        match obj.remove(key) {
            None | Some(serde_json::Value::Null) if !required => Ok(None),
            None | Some(serde_json::Value::Null) => Err(format!("missing field {key:?}")),
            Some(serde_json::Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("field {key:?} should be a string, got {other}")),
        }
    };
    let id = take_str("id", true)?.unwrap_or_default();
    let text = take_str("text", true)?.unwrap_or_default();
    let story = take_str("story", true)?.unwrap_or_default();
    let title = take_str("title", false)?;
    let url = take_str("url", false)?;
    let source = take_str("source", false)?;
    let lang = take_str("lang", false)?;
    let date = match take_str("date", false)? {
        None => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| format!("date {d:?} is not yyyy-mm-dd"))?,
        ),
    };
    Ok(Labelled { article: Article { id, url, title, date, lang, source, text, meta: obj }, story })
}

/// Read a labelled JSON-lines file.
pub fn read_labelled(path: &Path) -> Result<Vec<Labelled>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_labelled(line).map_err(|m| format_err(path, i + 1, m))?);
    }
    Ok(out)
}

/// Clustering scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub pairwise: (f64, f64, f64),
    pub bcubed: (f64, f64, f64),
    pub gold_clusters: usize,
    pub predicted_clusters: usize,
}

/// Score a predicted clustering against gold labels (same length, same order).
pub fn score(gold: &[String], predicted: &[String]) -> Scores {
    let n = gold.len().min(predicted.len());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for i in 0..n {
        for j in i + 1..n {
            match (gold[i] == gold[j], predicted[i] == predicted[j]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    let mut gsize: HashMap<&str, usize> = HashMap::new();
    let mut psize: HashMap<&str, usize> = HashMap::new();
    for i in 0..n {
        *both.entry((gold[i].as_str(), predicted[i].as_str())).or_default() += 1;
        *gsize.entry(gold[i].as_str()).or_default() += 1;
        *psize.entry(predicted[i].as_str()).or_default() += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let shared = both[&(gold[i].as_str(), predicted[i].as_str())] as f64;
        bp += shared / psize[predicted[i].as_str()] as f64;
        br += shared / gsize[gold[i].as_str()] as f64;
    }
    let (bp, br) = if n == 0 { (0.0, 0.0) } else { (bp / n as f64, br / n as f64) };
    let bf = if bp + br == 0.0 { 0.0 } else { 2.0 * bp * br / (bp + br) };
    Scores { pairwise: prf(tp, fp, fn_), bcubed: (bp, br, bf), gold_clusters: gsize.len(), predicted_clusters: psize.len() }
}

/// Predicted story of each summary: in the given order (incremental) or regrouped.
pub fn group(summaries: &[ArticleSummary], params: &Params, regroup: bool) -> Vec<String> {
    let mut index = StoryIndex::new(params.clone());
    for s in summaries {
        index.add(s.clone());
    }
    if regroup {
        index.regroup();
    }
    summaries.iter().map(|s| index.story_of(&s.id).map(|id| id.to_string()).unwrap_or_default()).collect()
}

fn line(label: &str, s: &Scores) -> String {
    format!(
        "{label:<28} B3 P {:.3} R {:.3} F1 {:.3}   pairwise P {:.3} R {:.3} F1 {:.3}   stories {} (gold {})\n",
        s.bcubed.0, s.bcubed.1, s.bcubed.2, s.pairwise.0, s.pairwise.1, s.pairwise.2, s.predicted_clusters, s.gold_clusters
    )
}

/// Errors of a clustering, readable: gold stories split, predicted stories mixing gold ones.
fn errors(items: &[Labelled], predicted: &[String], index: &StoryIndex) -> String {
    let mut out = String::new();
    let mut by_gold: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match by_gold.iter_mut().find(|(g, _)| *g == it.story) {
            Some((_, v)) => v.push(i),
            None => by_gold.push((it.story.as_str(), vec![i])),
        }
    }
    for (g, members) in &by_gold {
        let mut preds: Vec<&str> = members.iter().map(|&i| predicted[i].as_str()).collect();
        preds.sort_unstable();
        preds.dedup();
        if preds.len() > 1 {
            let parts: Vec<String> = preds
                .iter()
                .map(|p| {
                    let ids: Vec<&str> = members.iter().filter(|&&i| predicted[i] == *p).map(|&i| items[i].article.id.as_str()).collect();
                    format!("[{}]", ids.join(" "))
                })
                .collect();
            out.push_str(&format!("  split  {g}: {}\n", parts.join(" ")));
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    if predicted[i] != predicted[j] {
                        if let Some(p) = index.explain(&items[i].article.id, &items[j].article.id) {
                            out.push_str(&format!(
                                "         {} ~ {}: score {:.2} (text {:.2} title {:.2} events {:+.2})\n",
                                items[i].article.id, items[j].article.id, p.score, p.text, p.title, p.events
                            ));
                        }
                    }
                }
            }
        }
    }
    // The closest pairs of different gold stories: how much margin the threshold has.
    let mut close: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if items[i].story != items[j].story {
                if let Some(p) = index.explain(&items[i].article.id, &items[j].article.id) {
                    close.push((p.score, i, j));
                }
            }
        }
    }
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (score, i, j) in close.iter().take(5).filter(|c| c.0 > 0.0) {
        out.push_str(&format!("  close  {} ~ {}: score {score:.2}\n", items[*i].article.id, items[*j].article.id));
    }
    let mut by_pred: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, p) in predicted.iter().enumerate() {
        match by_pred.iter_mut().find(|(q, _)| q == p) {
            Some((_, v)) => v.push(i),
            None => by_pred.push((p.as_str(), vec![i])),
        }
    }
    for (_, members) in &by_pred {
        let mut golds: Vec<&str> = members.iter().map(|&i| items[i].story.as_str()).collect();
        golds.sort_unstable();
        golds.dedup();
        if golds.len() > 1 {
            let ids: Vec<String> = members.iter().map(|&i| format!("{}({})", items[i].article.id, items[i].story)).collect();
            out.push_str(&format!("  merged {}\n", ids.join(" ")));
            let mut links: Vec<(f64, usize, usize, griot_story::PairScore)> = Vec::new();
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    if items[i].story != items[j].story {
                        if let Some(p) = index.explain(&items[i].article.id, &items[j].article.id) {
                            links.push((p.score, i, j, p));
                        }
                    }
                }
            }
            links.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (_, i, j, p) in links.iter().take(2) {
                out.push_str(&format!(
                    "         {} ~ {}: score {:.2} (text {:.2} title {:.2} events {:+.2})\n",
                    items[*i].article.id, items[*j].article.id, p.score, p.text, p.title, p.events
                ));
            }
        }
    }
    out
}

/// Run the pipeline on labelled articles, group them and report the scores.
pub fn evaluate_articles(pipeline: &Pipeline, items: &[Labelled], params: &Params, show_errors: bool) -> String {
    let docs = pipeline.run_batch(items.iter().map(|l| l.article.clone()).collect());
    let summaries: Vec<ArticleSummary> = docs.iter().map(summarize).collect();
    let events: usize = summaries.iter().map(|s| s.events.len()).sum();
    let gold: Vec<String> = items.iter().map(|l| l.story.clone()).collect();
    let mut out = format!("stories: {} articles, {} gold stories, {} coded events\n", items.len(), {
        let mut g = gold.clone();
        g.sort();
        g.dedup();
        g.len()
    }, events);
    let text_only = Params { use_events: false, ..params.clone() };
    let mut regrouped_full = Vec::new();
    for (label, params, regroup) in [
        ("events+text, regrouped", params.clone(), true),
        ("events+text, file order", params.clone(), false),
        ("text only, regrouped", text_only.clone(), true),
        ("text only, file order", text_only, false),
    ] {
        let predicted = group(&summaries, &params, regroup);
        out.push_str(&line(label, &score(&gold, &predicted)));
        if regrouped_full.is_empty() {
            regrouped_full = predicted;
        }
    }
    if show_errors {
        let (index, _) = StoryIndex::from_summaries(params.clone(), summaries.iter().cloned());
        let e = errors(items, &regrouped_full, &index);
        if !e.is_empty() {
            out.push_str("errors (events+text, regrouped):\n");
            out.push_str(&e);
        }
    }
    out
}

/// `griot eval stories FILE`.
pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    let items = read_labelled(path)?;
    Ok(evaluate_articles(pipeline, &items, &Params::default(), true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(gold: &[&str], predicted: &[&str], bcubed_f1: f64, pairwise_f1: f64) {
        let g: Vec<String> = gold.iter().map(|s| s.to_string()).collect();
        let p: Vec<String> = predicted.iter().map(|s| s.to_string()).collect();
        let s = score(&g, &p);
        assert!((s.bcubed.2 - bcubed_f1).abs() < 1e-3, "b-cubed f1 {} != {bcubed_f1}", s.bcubed.2);
        assert!((s.pairwise.2 - pairwise_f1).abs() < 1e-3, "pairwise f1 {} != {pairwise_f1}", s.pairwise.2);
    }

    #[test]
    fn scores() {
        check(&["a", "a", "b"], &["x", "x", "y"], 1.0, 1.0);
        // One story split in two: B3 precision 1, recall (4/3*... ) = (1/2+1/2+1)/3.
        check(&["a", "a", "b"], &["x", "y", "z"], 2.0 * (2.0 / 3.0) / (1.0 + 2.0 / 3.0), 0.0);
        // Everything merged.
        check(&["a", "a", "b"], &["x", "x", "x"], 2.0 * (5.0 / 9.0) / (5.0 / 9.0 + 1.0), 0.5);
        check(&[], &[], 0.0, 0.0);
    }

    #[test]
    fn parses_lines() {
        let l = parse_labelled(r#"{"id":"a1","text":"Niger.","story":"s1","date":"2024-03-17","outlet":"x"}"#).unwrap();
        assert_eq!(l.article.id, "a1");
        assert_eq!(l.story, "s1");
        assert_eq!(l.article.date.map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert!(l.article.meta.contains_key("outlet"));
        assert_eq!(parse_labelled(r#"{"id":"a1","text":"x"}"#).unwrap_err(), "missing field \"story\"");
        assert!(parse_labelled(r#"{"id":"a1","text":"x","story":"s","date":"17/03/2024"}"#).unwrap_err().contains("17/03/2024"));
        assert!(parse_labelled("[1]").is_err());
        assert!(parse_labelled("{").is_err());
    }
}
