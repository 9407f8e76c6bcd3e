//! TimeML evaluation (TempEval-3 task A, time expressions).
//!
//! Reads every `.tml` file under a directory (recursively): the `<TEXT>` element with its
//! inline tags stripped (character offsets are kept by rebuilding the raw text while
//! walking the tags; entities are decoded), the gold `TIMEX3` elements inside it (span,
//! `type`, `value`), and the document creation time (`functionInDocument="CREATION_TIME"`)
//! as the publication date. griot's time stage runs on the raw text (sentences from
//! `griot_text::split_sentences`, the stage's own tokens) and is scored as the TempEval-3
//! scorer does: extent precision/recall/F1 with strict (same span) and relaxed (overlap)
//! matching, and for `value` and `type` the accuracy over relaxed matches and the attribute
//! F1 (P = correct / system expressions, R = correct / gold expressions). The report ends
//! with the most frequent misses, false alarms and wrong values.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use griot_pipeline::Pipeline;
use griot_text::{Article, Span, TimeExpr, TimeType};

use crate::{prf, EvalError};

/// One gold TIMEX3 of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub span: Span,
    pub ty: String,
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TimemlDoc {
    pub text: String,
    pub dct: Option<chrono::NaiveDate>,
    pub timexes: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(decode(&tag[i..j]))
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..j];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parse one TimeML file's content; `location` names it in errors.
pub fn parse_timeml(content: &str, location: &str) -> Result<TimemlDoc, EvalError> {
    let err = |message: &str| EvalError::Format { location: location.to_string(), message: message.to_string() };
    let dct = content.find("functionInDocument=\"CREATION_TIME\"").and_then(|i| {
        let start = content[..i].rfind('<')?;
        let end = content[i..].find('>')? + i;
        let v = attr(&content[start..end], "value")?;
        chrono::NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let open = content.find("<TEXT>").ok_or_else(|| err("no <TEXT> element"))? + "<TEXT>".len();
    let close = content[open..].find("</TEXT>").ok_or_else(|| err("no </TEXT> closing the text"))? + open;
    let body = &content[open..close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                text.push_str(&decode(rest));
                break;
            }
            Some(i) => {
                text.push_str(&decode(&rest[..i]));
                let end = rest[i..].find('>').ok_or_else(|| err("unclosed tag in <TEXT>"))? + i;
                let tag = &rest[i + 1..end];
                if tag.starts_with("TIMEX3") {
                    let ty = attr(tag, "type").unwrap_or_default();
                    let value = attr(tag, "value").unwrap_or_default();
                    if tag.ends_with('/') {
                        // empty TIMEX3 (no extent): not scorable
                    } else {
                        stack.push((text.len(), ty, value));
                    }
                } else if tag.starts_with("/TIMEX3") {
                    let (start, ty, value) = stack.pop().ok_or_else(|| err("</TIMEX3> without an opening tag"))?;
                    // trim spaces the annotators left inside the tag
                    let raw = &text[start..];
                    let lead = raw.len() - raw.trim_start().len();
                    let trail = raw.len() - raw.trim_end().len();
                    let (s, e) = (start + lead, text.len() - trail);
                    if s < e {
                        timexes.push(GoldTimex { span: Span::new(s, e), ty, value });
                    }
                }
                rest = &rest[end + 1..];
            }
        }
    }
    timexes.sort_by_key(|t| t.span);
    Ok(TimemlDoc { text, dct, timexes })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let rd = std::fs::read_dir(dir).map_err(|source| EvalError::Io { path: dir.display().to_string(), source })?;
    for entry in rd {
        let entry = entry.map_err(|source| EvalError::Io { path: dir.display().to_string(), source })?;
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Counts behind the report.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub docs: usize,
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value_ok: usize,
    pub type_ok: usize,
    pub missed: HashMap<String, usize>,
    pub spurious: HashMap<String, usize>,
    /// (gold shape, wrong) -> count, plus examples.
    pub wrong_values: HashMap<String, (usize, String)>,
    /// gold value shape -> (matched, correct)
    pub by_shape: HashMap<String, (usize, usize)>,
    /// One line per error with its context, for development.
    pub details: Vec<String>,
}

fn context(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..span.start], span.text(text), &text[span.end..b]).replace('\n', " ")
}

fn type_name(t: TimeType) -> &'static str {
    match t {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}

fn shape(v: &str) -> String {
    v.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
}

/// Add the counts of one document, given the system's expressions over `doc.text`.
pub fn score_doc(doc: &TimemlDoc, times: &[TimeExpr], scores: &mut Scores) {
    scores.docs += 1;
    scores.gold += doc.timexes.len();
    scores.system += times.len();
    // one-to-one matching by largest overlap
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in doc.timexes.iter().enumerate() {
        for (si, s) in times.iter().enumerate() {
            if g.span.overlaps(s.span) {
                let ov = g.span.end.min(s.span.end) - g.span.start.max(s.span.start);
                pairs.push((ov, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut gused = vec![false; doc.timexes.len()];
    let mut sused = vec![false; times.len()];
    for (_, gi, si) in pairs {
        if gused[gi] || sused[si] {
            continue;
        }
        gused[gi] = true;
        sused[si] = true;
        let g = &doc.timexes[gi];
        let s = &times[si];
        scores.relaxed += 1;
        if g.span == s.span {
            scores.strict += 1;
        }
        if g.ty == type_name(s.kind) {
            scores.type_ok += 1;
        }
        let sh = shape(&g.value);
        let e = scores.by_shape.entry(sh.clone()).or_default();
        e.0 += 1;
        if g.value == s.value {
            scores.value_ok += 1;
            e.1 += 1;
        } else {
            let key = format!("{sh} -> {}", shape(&s.value));
            let words = g.span.text(&doc.text).to_lowercase();
            let dct = doc.dct.map(|d| d.to_string()).unwrap_or_default();
            scores.details.push(format!("VALUE {dct} {} gold={} sys={} :: {}", key, g.value, s.value, context(&doc.text, g.span)));
            let w = scores.wrong_values.entry(key).or_insert((0, String::new()));
            w.0 += 1;
            if w.1.matches('|').count() < 3 {
                w.1.push_str(&format!("\"{}\" {}≠{} | ", words, g.value, s.value));
            }
        }
    }
    for (gi, g) in doc.timexes.iter().enumerate() {
        if !gused[gi] {
            scores.details.push(format!("MISS {} {} :: {}", g.ty, g.value, context(&doc.text, g.span)));
            *scores.missed.entry(g.span.text(&doc.text).to_lowercase()).or_default() += 1;
        }
    }
    for (si, s) in times.iter().enumerate() {
        if !sused[si] {
            scores.details.push(format!("FALSE {} :: {}", s.value, context(&doc.text, s.span)));
            *scores.spurious.entry(s.span.text(&doc.text).to_lowercase()).or_default() += 1;
        }
    }
}

fn top<'a, V: Clone>(m: &'a HashMap<String, V>, n: usize, count: impl Fn(&V) -> usize) -> Vec<(&'a String, V)> {
    let mut v: Vec<(&String, V)> = m.iter().map(|(k, v)| (k, v.clone())).collect();
    v.sort_by(|a, b| count(&b.1).cmp(&count(&a.1)).then(a.0.cmp(b.0)));
    v.truncate(n);
    v
}

/// A readable report of `scores`.
pub fn report(scores: &Scores) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let s = scores;
    let _ = writeln!(out, "timeml: {} documents, {} gold TIMEX3, {} system expressions", s.docs, s.gold, s.system);
    let (sp, sr, sf) = prf(s.strict, s.system - s.strict, s.gold - s.strict);
    let (rp, rr, rf) = prf(s.relaxed, s.system - s.relaxed, s.gold - s.relaxed);
    let _ = writeln!(out, "extent strict   P {sp:.3} R {sr:.3} F1 {sf:.3}");
    let _ = writeln!(out, "extent relaxed  P {rp:.3} R {rr:.3} F1 {rf:.3}");
    for (name, ok) in [("value", s.value_ok), ("type ", s.type_ok)] {
        let acc = if s.relaxed == 0 { 0.0 } else { ok as f64 / s.relaxed as f64 };
        let (p, r, f) = prf(ok, s.system - ok, s.gold - ok);
        let _ = writeln!(out, "{name}  accuracy {acc:.3}  P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let _ = writeln!(out, "most frequent misses (gold, no overlap):");
    for (k, v) in top(&s.missed, 25, |v| *v) {
        let _ = writeln!(out, "  {v:4}  {k}");
    }
    let _ = writeln!(out, "most frequent false alarms (system, no overlap):");
    for (k, v) in top(&s.spurious, 25, |v| *v) {
        let _ = writeln!(out, "  {v:4}  {k}");
    }
    let _ = writeln!(out, "most frequent wrong values (gold shape -> system shape: examples):");
    for (k, v) in top(&s.wrong_values, 25, |v| v.0) {
        let _ = writeln!(out, "  {:4}  {k}: {}", v.0, v.1.trim_end_matches(" | "));
    }
    let _ = writeln!(out, "value accuracy by gold shape (matched, correct):");
    for (k, v) in top(&s.by_shape, 15, |v| v.0) {
        let _ = writeln!(out, "  {:4} {:4}  {k}", v.0, v.1);
    }
    out
}

/// Score every `.tml` file under `path`, running `times` on each document.
pub fn evaluate_dir(path: &Path, times: impl Fn(&TimemlDoc) -> Vec<TimeExpr>) -> Result<Scores, EvalError> {
    let mut files = Vec::new();
    if path.is_file() {
        files.push(path.to_path_buf());
    } else {
        collect(path, &mut files)?;
    }
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Format { location: path.display().to_string(), message: "no .tml files found".into() });
    }
    let mut scores = Scores::default();
    for f in &files {
        let loc = f.display().to_string();
        let content = std::fs::read_to_string(f).map_err(|source| EvalError::Io { path: loc.clone(), source })?;
        let doc = parse_timeml(&content, &loc)?;
        let found = times(&doc);
        score_doc(&doc, &found, &mut scores);
    }
    Ok(scores)
}

/// Evaluate the time stage on the TimeML files under `path`: each raw text goes through
/// the whole pipeline with the creation time as publication date, and its `times` layer is
/// scored. Numeric dates follow the pipeline's `day_first` setting (TimeML data is US
/// English: month first, the default).
pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    let scores = evaluate_dir(path, |d| {
        let mut article = Article::from_text("timeml", &d.text);
        article.date = d.dct;
        pipeline.run(article).times
    })?;
    Ok(report(&scores))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" temporalFunction="false" functionInDocument="CREATION_TIME">02/27/1998</TIMEX3></DCT>
<TEXT>
A &amp; B <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-26">Thursday</TIMEX3> it took <TIMEX3 tid="t2" type="DURATION" value="PT4H">four hours</TIMEX3> in <TIMEX3 tid="t3" type="DATE" value="1995-11">November 1995</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn parses_text_offsets_and_dct() {
        let d = parse_timeml(SAMPLE, "sample").expect("parses");
        assert_eq!(d.dct, chrono::NaiveDate::from_ymd_opt(1998, 2, 27));
        assert_eq!(d.timexes.len(), 3);
        let words: Vec<&str> = d.timexes.iter().map(|t| t.span.text(&d.text)).collect();
        assert_eq!(words, ["Thursday", "four hours", "November 1995"]);
        assert!(d.text.contains("A & B said Thursday"));
    }

    fn sys(d: &TimemlDoc, words: &str, kind: TimeType, value: &str) -> TimeExpr {
        let start = d.text.find(words).expect("words in text");
        TimeExpr {
            span: Span::new(start, start + words.len()),
            kind,
            value: value.into(),
            precision: griot_text::Precision::Day,
            anchor: griot_text::TimeAnchor::Publication,
            origin: griot_text::Origin::new("test", "test"),
        }
    }

    #[test]
    fn scores_a_document() {
        let d = parse_timeml(SAMPLE, "sample").expect("parses");
        let times = vec![
            sys(&d, "Thursday", TimeType::Date, "1998-02-26"),
            sys(&d, "hours", TimeType::Duration, "PT4H"),
            sys(&d, "November 1995", TimeType::Date, "1995-12"),
            sys(&d, "took", TimeType::Date, "PRESENT_REF"),
        ];
        let mut s = Scores::default();
        score_doc(&d, &times, &mut s);
        assert_eq!((s.gold, s.system, s.relaxed, s.strict, s.value_ok, s.type_ok), (3, 4, 3, 2, 2, 3), "{}", report(&s));
        assert_eq!(s.spurious.get("took"), Some(&1));
    }

    #[test]
    fn rejects_a_file_without_text() {
        assert!(parse_timeml("<TimeML></TimeML>", "x.tml").is_err());
    }
}
