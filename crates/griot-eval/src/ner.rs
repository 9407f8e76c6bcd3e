//! Evaluation: named entities against CoNLL-2003 files.
//!
//! Reads the CoNLL-2003 format (one `token POS chunk NE` line per token, IOB1 tags, blank
//! lines between sentences, `-DOCSTART-` lines between documents, wherever they sit: in the
//! copy we use the first one is at the end of the file). Each document's text is rebuilt by
//! joining its tokens with spaces and its sentences with newlines, run through the whole
//! pipeline, and the mentions are mapped to CoNLL types:
//!
//! - PER: Person (pronouns excluded);
//! - LOC: Place, and Country mentions naming a country or its seat of power (not the
//!   adjectives, rule `country_adjective`, which CoNLL tags MISC);
//! - ORG: Organisation, Igo, Group;
//! - Nominal, Pronoun and Other mentions, and MISC entities, are ignored.
//!
//! Scoring is strict: a predicted entity counts only if its byte span and type equal a gold
//! entity's (spans are token-aligned in the rebuilt text). The report gives precision,
//! recall and F1 per type and overall (micro), then the error classes: wrong type on the
//! right span, wrong boundaries, missed and spurious, with the most frequent strings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use griot_pipeline::Pipeline;
use griot_text::{Article, Doc, MentionKind};

use crate::{prf, EvalError};

/// Entity types scored.
pub const TYPES: [&str; 3] = ["PER", "LOC", "ORG"];

/// One CoNLL document rebuilt as text, with its gold entities as byte spans.
#[derive(Debug, Clone, PartialEq)]
pub struct ConllDoc {
    pub text: String,
    /// (start, end, type) with type PER, LOC, ORG or MISC.
    pub gold: Vec<(usize, usize, String)>,
    /// Line of the file where the document starts.
    pub line: usize,
}

/// Parses CoNLL-2003 text into documents.
pub fn parse_conll(input: &str, location: &str) -> Result<Vec<ConllDoc>, EvalError> {
    let mut docs = Vec::new();
    let mut cur = ConllDoc { text: String::new(), gold: Vec::new(), line: 1 };
    let mut open: Option<(usize, usize, String)> = None;
    let mut sentence_has_tokens = false;
    let close = |open: &mut Option<(usize, usize, String)>, cur: &mut ConllDoc| {
        if let Some(e) = open.take() {
            cur.gold.push(e);
        }
    };
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            close(&mut open, &mut cur);
            if !cur.text.trim().is_empty() {
                docs.push(std::mem::replace(&mut cur, ConllDoc { text: String::new(), gold: Vec::new(), line: n + 1 }));
            } else {
                cur = ConllDoc { text: String::new(), gold: Vec::new(), line: n + 1 };
            }
            sentence_has_tokens = false;
            continue;
        }
        if line.trim().is_empty() {
            close(&mut open, &mut cur);
            if sentence_has_tokens {
                cur.text.push('\n');
            }
            sentence_has_tokens = false;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            return Err(EvalError::Format { location: format!("{location}:{n}"), message: format!("expected `token POS chunk NE`, got `{line}`") });
        }
        let token = cols[0];
        let tag = cols[cols.len() - 1];
        if sentence_has_tokens {
            cur.text.push(' ');
        }
        let start = cur.text.len();
        cur.text.push_str(token);
        let end = cur.text.len();
        sentence_has_tokens = true;
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) if matches!(b, "I" | "B") => (b, t),
            _ if tag == "O" => ("O", ""),
            _ => return Err(EvalError::Format { location: format!("{location}:{n}"), message: format!("bad entity tag `{tag}`") }),
        };
        match (bio, &mut open) {
            ("O", _) => close(&mut open, &mut cur),
            ("I", Some(o)) if o.2 == ty => o.1 = end,
            _ => {
                close(&mut open, &mut cur);
                open = Some((start, end, ty.to_string()));
            }
        }
    }
    close(&mut open, &mut cur);
    if !cur.text.trim().is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

/// The CoNLL type of a mention, or None when it is not scored.
pub fn mention_type(kind: MentionKind, rule: &str) -> Option<&'static str> {
    match kind {
        MentionKind::Person => Some("PER"),
        MentionKind::Place => Some("LOC"),
        MentionKind::Country if rule != "country_adjective" => Some("LOC"),
        MentionKind::Organisation | MentionKind::Igo | MentionKind::Group => Some("ORG"),
        _ => None,
    }
}

/// Predicted entities of a processed document.
pub fn predicted(doc: &Doc) -> Vec<(usize, usize, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for m in &doc.mentions {
        if let Some(t) = mention_type(m.kind, &m.origin.rule) {
            let key = (m.span.start, m.span.end, t.to_string());
            if seen.insert(key.clone()) {
                out.push(key);
            }
        }
    }
    out
}

/// Counts and error classes gathered over documents.
#[derive(Debug, Default)]
pub struct Score {
    pub tp: BTreeMap<String, usize>,
    pub fp: BTreeMap<String, usize>,
    pub fn_: BTreeMap<String, usize>,
    /// "gold LOC -> predicted ORG" on the same span.
    pub confusions: HashMap<String, usize>,
    /// Missed and spurious strings with their type.
    pub missed: HashMap<String, usize>,
    pub spurious: HashMap<String, usize>,
    pub boundary: usize,
    /// Wrong-type strings ("ORG->LOC Chicago") and wrong-boundary pairs.
    pub confused: HashMap<String, usize>,
    pub boundaries: HashMap<String, usize>,
}

impl Score {
    /// Adds one document's gold and predicted entities.
    pub fn add(&mut self, text: &str, gold: &[(usize, usize, String)], pred: &[(usize, usize, String)]) {
        let gold: Vec<&(usize, usize, String)> = gold.iter().filter(|g| TYPES.contains(&g.2.as_str())).collect();
        let gold_set: HashSet<&(usize, usize, String)> = gold.iter().copied().collect();
        let pred_set: HashSet<&(usize, usize, String)> = pred.iter().collect();
        let all_gold_spans: HashMap<(usize, usize), &str> = gold.iter().map(|g| ((g.0, g.1), g.2.as_str())).collect();
        let words = |s: usize, e: usize| text.get(s..e).unwrap_or("").to_string();
        for p in pred {
            if gold_set.contains(p) {
                *self.tp.entry(p.2.clone()).or_default() += 1;
            } else {
                *self.fp.entry(p.2.clone()).or_default() += 1;
                if let Some(g) = all_gold_spans.get(&(p.0, p.1)) {
                    *self.confusions.entry(format!("gold {g} -> predicted {}", p.2)).or_default() += 1;
                    *self.confused.entry(format!("{g}->{} {}", p.2, words(p.0, p.1))).or_default() += 1;
                } else if let Some(g) = gold.iter().find(|g| g.0 < p.1 && p.0 < g.1) {
                    self.boundary += 1;
                    *self.boundaries.entry(format!("{} [{}] vs {} [{}]", g.2, words(g.0, g.1), p.2, words(p.0, p.1))).or_default() += 1;
                } else {
                    *self.spurious.entry(format!("{} {}", p.2, words(p.0, p.1))).or_default() += 1;
                }
            }
        }
        for g in gold {
            if !pred_set.contains(g) {
                *self.fn_.entry(g.2.clone()).or_default() += 1;
                if !pred.iter().any(|p| p.0 < g.1 && g.0 < p.1) {
                    *self.missed.entry(format!("{} {}", g.2, words(g.0, g.1))).or_default() += 1;
                }
            }
        }
    }

    /// Precision, recall, F1 for one type, or overall with None.
    pub fn prf(&self, ty: Option<&str>) -> (f64, f64, f64) {
        let get = |m: &BTreeMap<String, usize>| match ty {
            Some(t) => m.get(t).copied().unwrap_or(0),
            None => TYPES.iter().map(|t| m.get(*t).copied().unwrap_or(0)).sum(),
        };
        prf(get(&self.tp), get(&self.fp), get(&self.fn_))
    }

    /// The readable report.
    pub fn report(&self, docs: usize) -> String {
        self.report_top(docs, 12)
    }

    /// The report listing the `n` most frequent strings of each error class.
    pub fn report_top(&self, docs: usize, n: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "ner: {docs} documents, strict span match");
        let _ = writeln!(out, "{:<8} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}", "type", "tp", "fp", "fn", "precision", "recall", "f1");
        for t in TYPES.iter().map(|t| Some(*t)).chain([None]) {
            let (p, r, f) = self.prf(t);
            let get = |m: &BTreeMap<String, usize>| match t {
                Some(t) => m.get(t).copied().unwrap_or(0),
                None => TYPES.iter().map(|t| m.get(*t).copied().unwrap_or(0)).sum(),
            };
            let _ = writeln!(out, "{:<8} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}", t.unwrap_or("overall"), get(&self.tp), get(&self.fp), get(&self.fn_), p, r, f);
        }
        let _ = writeln!(out, "errors: {} with wrong boundaries", self.boundary);
        let top = |m: &HashMap<String, usize>, n: usize| {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.into_iter().take(n).map(|(k, c)| format!("{c} {k}")).collect::<Vec<_>>()
        };
        let _ = writeln!(out, "wrong type on the right span: {}", top(&self.confusions, n.min(8)).join("; "));
        let _ = writeln!(out, "wrong type, most frequent: {}", top(&self.confused, n).join("; "));
        let _ = writeln!(out, "wrong boundaries, most frequent: {}", top(&self.boundaries, n).join("; "));
        let mut missed_by: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, c) in &self.missed {
            *missed_by.entry(k.split(' ').next().unwrap_or("")).or_default() += c;
        }
        let mut spur_by: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, c) in &self.spurious {
            *spur_by.entry(k.split(' ').next().unwrap_or("")).or_default() += c;
        }
        let _ = writeln!(out, "missed entirely: {missed_by:?}; most frequent: {}", top(&self.missed, n).join("; "));
        let _ = writeln!(out, "spurious: {spur_by:?}; most frequent: {}", top(&self.spurious, n).join("; "));
        out
    }
}

pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    evaluate_top(pipeline, path, 12)
}

/// [`evaluate`] listing the `n` most frequent strings of each error class.
pub fn evaluate_top(pipeline: &Pipeline, path: &Path, n: usize) -> Result<String, EvalError> {
    let input = std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    let docs = parse_conll(&input, &path.display().to_string())?;
    let articles: Vec<Article> = docs.iter().map(|d| Article::from_text(&format!("conll-{}", d.line), &d.text)).collect();
    let processed = pipeline.run_batch(articles);
    let mut score = Score::default();
    for (d, doc) in docs.iter().zip(&processed) {
        score.add(&d.text, &d.gold, &predicted(doc));
    }
    Ok(score.report_top(docs.len(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nin IN I-PP O\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\n\n-DOCSTART- -X- O O\n\nAl NNP I-NP I-PER\nB NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n";

    fn check(input: &str, expected: &[(&str, Vec<&str>)]) {
        let docs = parse_conll(input, "t").unwrap();
        let got: Vec<(String, Vec<String>)> = docs
            .iter()
            .map(|d| (d.text.clone(), d.gold.iter().map(|g| format!("{} {}", g.2, &d.text[g.0..g.1])).collect()))
            .collect();
        let want: Vec<(String, Vec<String>)> = expected.iter().map(|(t, g)| (t.to_string(), g.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn parses_iob1_documents() {
        check(
            SAMPLE,
            &[
                ("EU rejects German call\nPeter Blackburn in New York\n", vec!["ORG EU", "MISC German", "PER Peter Blackburn", "LOC New York"]),
                ("Al B\n", vec!["PER Al", "PER B"]),
            ],
        );
    }

    #[test]
    fn scores_strict_spans() {
        let mut s = Score::default();
        let gold = vec![(0, 2, "ORG".to_string()), (23, 39, "PER".to_string()), (43, 51, "LOC".to_string())];
        let pred = vec![(0, 2, "LOC".to_string()), (23, 39, "PER".to_string()), (47, 51, "LOC".to_string())];
        s.add("EU rejects German call\nPeter Blackburn in New York\n", &gold, &pred);
        let (p, r, _) = s.prf(None);
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.confusions.get("gold ORG -> predicted LOC"), Some(&1));
        assert_eq!(s.boundary, 1);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(parse_conll("EU\n", "f").is_err());
        assert!(parse_conll("EU NNP I-NP X-ORG\n", "f").is_err());
    }
}
