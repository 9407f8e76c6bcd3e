//! Table-driven check of the time stage over `expressions.tsv` (format in its header).

use griot_text::{split_sentences, Article, Doc, Severity};
use griot_time::{find_dates, TimeOptions};

const TABLE: &str = include_str!("expressions.tsv");

fn type_name(t: griot_text::TimeType) -> &'static str {
    match t {
        griot_text::TimeType::Date => "DATE",
        griot_text::TimeType::Time => "TIME",
        griot_text::TimeType::Duration => "DURATION",
        griot_text::TimeType::Set => "SET",
    }
}

/// One row: returns an error line, or None when it passes.
fn check(line_no: usize, line: &str) -> Option<String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let [dct, opts, sentence, ty, value] = cols[..] else {
        return Some(format!("line {line_no}: expected 5 tab-separated columns"));
    };
    let (open, close) = match (sentence.find('['), sentence.find(']')) {
        (Some(a), Some(b)) if a < b => (a, b),
        _ if value == "NONE" => (0, 0),
        _ => return Some(format!("line {line_no}: no [bracketed] expression")),
    };
    let text = if value == "NONE" { sentence.to_string() } else { format!("{}{}{}", &sentence[..open], &sentence[open + 1..close], &sentence[close + 1..]) };
    let (start, end) = (open, close.saturating_sub(1));
    let mut article = Article::from_text("table", &text);
    article.date = chrono::NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
    let mut doc = Doc::new(article);
    doc.sentences = split_sentences(doc.text());
    let (times, diags) = find_dates(&doc, &TimeOptions { day_first: opts == "dmy" });
    let got: Vec<String> = times.iter().map(|t| format!("{:?}={} {}", doc.slice(t.span), type_name(t.kind), t.value)).collect();
    match value {
        "NONE" => (!times.is_empty()).then(|| format!("line {line_no}: {text:?}: expected nothing, got {got:?}")),
        "INVALID" => {
            let overlapping = times.iter().any(|t| t.span.start < end && start < t.span.end);
            let warned = diags.iter().any(|d| d.severity == Severity::Warning && d.stage == "time");
            (overlapping || !warned).then(|| format!("line {line_no}: {text:?}: expected a warning only, got {got:?} {diags:?}"))
        }
        _ => {
            let found = times.iter().any(|t| t.span.start == start && t.span.end == end && type_name(t.kind) == ty && t.value == value);
            (!found).then(|| format!("line {line_no}: {:?} in {text:?}: expected {ty} {value}, got {got:?}", &text[start..end]))
        }
    }
}

#[test]
fn table_of_expressions() {
    let mut rows = 0;
    let mut failures = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        rows += 1;
        if let Some(f) = check(i + 1, line) {
            failures.push(f);
        }
    }
    assert!(rows >= 150, "only {rows} rows");
    assert!(failures.is_empty(), "{} of {rows} rows fail:\n{}", failures.len(), failures.join("\n"));
}
