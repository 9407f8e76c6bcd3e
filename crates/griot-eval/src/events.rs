//! Evaluation: events, against the project's own test set (`tests/events/*.tsv`, format in
//! `tests/events/README.md`). Every sentence runs through the whole pipeline with
//! publication date 2024-03-17. Reported: precision, recall and F1 on (actor, recipient,
//! type) and on type alone, overall and per type; mode, CAMEO and status accuracy on the
//! matched (actor, recipient, type) events.
//!
//! ```no_run
//! use griot_pipeline::{Pipeline, Settings};
//! let pipeline = Pipeline::load(&Settings::default()).unwrap();
//! let report = griot_eval::events::evaluate(&pipeline, std::path::Path::new("tests/events")).unwrap();
//! println!("{report}");
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use griot_pipeline::Pipeline;
use griot_text::{Article, EventStatus};

use crate::{prf, EvalError};

/// One expected or coded event, reduced to what is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub actor: String,
    pub recipient: String,
    pub event_type: String,
    pub mode: String,
    pub cameo: String,
    pub status: String,
}

/// One test sentence.
#[derive(Debug, Clone)]
pub struct Case {
    pub location: String,
    pub sentence: String,
    pub expected: Vec<Item>,
}

pub(crate) fn status_name(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Asserted => "asserted",
        EventStatus::Reported => "reported",
        EventStatus::Alleged => "alleged",
        EventStatus::Denied => "denied",
        EventStatus::Planned => "planned",
        EventStatus::Hypothetical => "hypothetical",
        EventStatus::Negated => "negated",
    }
}

const STATUSES: &[&str] = &[
    "asserted",
    "reported",
    "alleged",
    "denied",
    "planned",
    "hypothetical",
    "negated",
];

/// Parse one test file.
pub fn parse_cases(text: &str, file: &str) -> Result<Vec<Case>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let location = format!("{file}:{}", i + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (sentence, expect) = line.split_once('\t').ok_or_else(|| EvalError::Format {
            location: location.clone(),
            message: "expected SENTENCE<TAB>EXPECTED".into(),
        })?;
        let mut expected = Vec::new();
        if expect.trim() != "none" {
            for part in expect.split(" ; ") {
                let f: Vec<&str> = part.split_whitespace().collect();
                if f.len() != 6 {
                    return Err(EvalError::Format {
                        location,
                        message: format!(
                            "expected `ACTOR RECIPIENT TYPE MODE CAMEO STATUS`, got {part:?}"
                        ),
                    });
                }
                if !STATUSES.contains(&f[5]) {
                    return Err(EvalError::Format {
                        location,
                        message: format!("unknown status {:?}", f[5]),
                    });
                }
                expected.push(Item {
                    actor: f[0].into(),
                    recipient: f[1].into(),
                    event_type: f[2].into(),
                    mode: f[3].into(),
                    cameo: f[4].into(),
                    status: f[5].into(),
                });
            }
        }
        out.push(Case {
            location,
            sentence: sentence.trim().to_string(),
            expected,
        });
    }
    Ok(out)
}

fn files(path: &Path) -> Result<Vec<PathBuf>, EvalError> {
    if path.is_dir() {
        let rd = std::fs::read_dir(path).map_err(|e| EvalError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let mut v: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        v.sort();
        Ok(v)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// All cases of a file or of the `*.tsv` files of a directory.
pub fn load_cases(path: &Path) -> Result<Vec<Case>, EvalError> {
    let mut cases = Vec::new();
    for f in files(path)? {
        let text = std::fs::read_to_string(&f).map_err(|e| EvalError::Io {
            path: f.display().to_string(),
            source: e,
        })?;
        cases.extend(parse_cases(&text, &f.display().to_string())?);
    }
    Ok(cases)
}

/// The events the pipeline codes for one sentence.
pub fn code_sentence(pipeline: &Pipeline, sentence: &str) -> Vec<Item> {
    let mut article = Article::from_text("test", sentence);
    article.date = NaiveDate::from_ymd_opt(2024, 3, 17);
    let doc = pipeline.run(article);
    let code = |p: &Option<griot_text::Participant>| {
        p.as_ref()
            .and_then(|p| p.country.clone())
            .unwrap_or_else(|| "-".into())
    };
    doc.events
        .iter()
        .map(|e| Item {
            actor: code(&e.actor),
            recipient: code(&e.recipient),
            event_type: e.event_type.clone(),
            mode: e.mode.clone().unwrap_or_else(|| "-".into()),
            cameo: e.cameo.clone().unwrap_or_else(|| "-".into()),
            status: status_name(e.status).into(),
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

/// Score coded items against expected ones; returns the report.
pub fn score(results: &[(Case, Vec<Item>)]) -> String {
    let mut full = Counts::default();
    let mut typ = Counts::default();
    let mut per_type: BTreeMap<String, (Counts, Counts)> = BTreeMap::new();
    let (mut mode_ok, mut cameo_ok, mut cameo_n, mut status_ok, mut matched) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut extras = Vec::new();
    for (case, got) in results {
        // (actor, recipient, type): one-to-one matching
        let mut used = vec![false; got.len()];
        for e in &case.expected {
            let hit = got.iter().enumerate().position(|(k, g)| {
                !used[k]
                    && g.event_type == e.event_type
                    && g.actor == e.actor
                    && g.recipient == e.recipient
            });
            let pt = per_type.entry(e.event_type.clone()).or_default();
            match hit {
                Some(k) => {
                    used[k] = true;
                    full.tp += 1;
                    pt.0.tp += 1;
                    matched += 1;
                    let g = &got[k];
                    mode_ok += usize::from(g.mode == e.mode);
                    if e.cameo != "-" {
                        cameo_n += 1;
                        cameo_ok += usize::from(g.cameo == e.cameo);
                    }
                    status_ok += usize::from(g.status == e.status);
                }
                None => {
                    full.fn_ += 1;
                    pt.0.fn_ += 1;
                    misses.push(format!(
                        "  miss {}: {} {}->{} in {:?}",
                        case.location, e.event_type, e.actor, e.recipient, case.sentence
                    ));
                }
            }
        }
        for (k, g) in got.iter().enumerate() {
            if !used[k] {
                full.fp += 1;
                per_type.entry(g.event_type.clone()).or_default().0.fp += 1;
                extras.push(format!(
                    "  extra {}: {} {}->{} {}",
                    case.location, g.event_type, g.actor, g.recipient, g.status
                ));
            }
        }
        // type alone: multiset matching
        let mut used = vec![false; got.len()];
        for e in &case.expected {
            let pt = per_type.entry(e.event_type.clone()).or_default();
            match got
                .iter()
                .enumerate()
                .position(|(k, g)| !used[k] && g.event_type == e.event_type)
            {
                Some(k) => {
                    used[k] = true;
                    typ.tp += 1;
                    pt.1.tp += 1;
                }
                None => {
                    typ.fn_ += 1;
                    pt.1.fn_ += 1;
                }
            }
        }
        for (k, g) in got.iter().enumerate() {
            if !used[k] {
                typ.fp += 1;
                per_type.entry(g.event_type.clone()).or_default().1.fp += 1;
            }
        }
    }
    let mut out = String::new();
    let pct = |x: f64| x * 100.0;
    let line = |out: &mut String, name: &str, c: Counts| {
        let (p, r, f) = prf(c.tp, c.fp, c.fn_);
        let _ = writeln!(
            out,
            "{name:<28} P {:5.1}  R {:5.1}  F1 {:5.1}  (tp {} fp {} fn {})",
            pct(p),
            pct(r),
            pct(f),
            c.tp,
            c.fp,
            c.fn_
        );
    };
    let _ = writeln!(
        out,
        "events: {} sentences, {} expected events",
        results.len(),
        results.iter().map(|(c, _)| c.expected.len()).sum::<usize>()
    );
    line(&mut out, "actor+recipient+type", full);
    line(&mut out, "type alone", typ);
    let acc = |a: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * a as f64 / n as f64
        }
    };
    let _ = writeln!(
        out,
        "on {matched} matched events: mode {:.1}%  cameo {:.1}%  status {:.1}%",
        acc(mode_ok, matched),
        acc(cameo_ok, cameo_n),
        acc(status_ok, matched)
    );
    let _ = writeln!(out, "per type (actor+recipient+type | type alone):");
    for (t, (c1, c2)) in &per_type {
        let (p1, r1, f1) = prf(c1.tp, c1.fp, c1.fn_);
        let (p2, r2, f2) = prf(c2.tp, c2.fp, c2.fn_);
        let _ = writeln!(
            out,
            "  {t:<10} P {:5.1} R {:5.1} F1 {:5.1} | P {:5.1} R {:5.1} F1 {:5.1}",
            pct(p1),
            pct(r1),
            pct(f1),
            pct(p2),
            pct(r2),
            pct(f2)
        );
    }
    let _ = writeln!(out, "misses ({}):", misses.len());
    for m in misses.iter().take(400) {
        let _ = writeln!(out, "{m}");
    }
    let _ = writeln!(out, "extra events ({}):", extras.len());
    for m in extras.iter().take(400) {
        let _ = writeln!(out, "{m}");
    }
    out
}

/// Run the test set at `path` (a `.tsv` file or a directory of them) and report.
pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    let cases = load_cases(path)?;
    if cases.is_empty() {
        return Err(EvalError::Format {
            location: path.display().to_string(),
            message: "no test sentences".into(),
        });
    }
    let results: Vec<(Case, Vec<Item>)> = cases
        .into_iter()
        .map(|c| {
            let got = code_sentence(pipeline, &c.sentence);
            (c, got)
        })
        .collect();
    Ok(score(&results))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(a: &str, r: &str, t: &str) -> Item {
        Item {
            actor: a.into(),
            recipient: r.into(),
            event_type: t.into(),
            mode: "-".into(),
            cameo: "-".into(),
            status: "asserted".into(),
        }
    }

    fn check(input: &str, got: Vec<Item>, expected_line: &str) {
        let cases = parse_cases(input, "t.tsv").unwrap();
        let results: Vec<(Case, Vec<Item>)> = cases.into_iter().map(|c| (c, got.clone())).collect();
        let report = score(&results);
        assert!(report.contains(expected_line), "{report}");
    }

    #[test]
    fn scores_tuples_and_types() {
        check(
            "Mali met France.\tMLI FRA CONSULT - 040 asserted\n",
            vec![item("MLI", "FRA", "CONSULT"), item("MLI", "-", "ACCUSE")],
            "actor+recipient+type         P  50.0  R 100.0  F1  66.7  (tp 1 fp 1 fn 0)",
        );
        check(
            "Mali met France.\tMLI FRA CONSULT - 040 asserted\n",
            vec![item("MLI", "-", "CONSULT")],
            "type alone                   P 100.0  R 100.0  F1 100.0  (tp 1 fp 0 fn 0)",
        );
    }

    #[test]
    fn rejects_bad_lines() {
        let e = parse_cases("x\tMLI FRA CONSULT\n", "t.tsv").unwrap_err();
        assert!(e.to_string().starts_with("t.tsv:1:"), "{e}");
        let e = parse_cases("x\tMLI FRA CONSULT - 040 done\n", "t.tsv").unwrap_err();
        assert!(e.to_string().contains("unknown status"), "{e}");
    }

    #[test]
    fn the_project_test_set_parses_and_is_large_enough() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/events");
        let cases = load_cases(&dir).unwrap();
        assert!(cases.len() >= 250, "{} sentences", cases.len());
    }
}
