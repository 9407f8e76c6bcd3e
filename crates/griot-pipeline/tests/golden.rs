//! Golden corpus: every article in tests/corpus/ runs through the whole pipeline and is
//! compared with its readable snapshot (`NAME.snap`, one item per line).
//! Set `GRIOT_UPDATE_SNAPSHOTS=1` to rewrite the snapshots after an intended change, then
//! review the diff.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use griot_pipeline::{snapshot, Pipeline, Settings};
use griot_text::Article;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// Corpus files start with `Key: value` header lines (Title, Date) and a blank line.
fn parse(name: &str, raw: &str) -> Article {
    let mut article = Article { id: name.to_string(), ..Default::default() };
    let mut rest = raw;
    while let Some((line, tail)) = rest.split_once('\n') {
        if line.trim().is_empty() {
            rest = tail;
            break;
        }
        match line.split_once(':') {
            Some(("Title", v)) => article.title = Some(v.trim().to_string()),
            Some(("Date", v)) => article.date = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok(),
            _ => break,
        }
        rest = tail;
    }
    article.text = rest.to_string();
    article
}

#[test]
fn golden_corpus() {
    let pipeline = Pipeline::load(&Settings::default()).expect("builtin resources load");
    let update = std::env::var_os("GRIOT_UPDATE_SNAPSHOTS").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no corpus articles");
    let mut failures = Vec::new();
    for path in entries {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_string();
        let raw = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        let doc = pipeline.run(parse(&name, &raw));
        let got = snapshot(&doc);
        let snap = path.with_extension("snap");
        if update {
            std::fs::write(&snap, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if got != want {
            let diff: Vec<String> = want
                .lines()
                .filter(|l| !got.lines().any(|g| g == *l))
                .map(|l| format!("- {l}"))
                .chain(got.lines().filter(|l| !want.lines().any(|w| w == *l)).map(|l| format!("+ {l}")))
                .take(40)
                .collect();
            failures.push(format!("{}:\n{}", snap.display(), diff.join("\n")));
        }
    }
    assert!(failures.is_empty(), "snapshots differ (GRIOT_UPDATE_SNAPSHOTS=1 to accept):\n{}", failures.join("\n\n"));
}

#[test]
fn seed_has_sixteen_sentences() {
    let pipeline = Pipeline::load(&Settings::default()).expect("builtin resources load");
    let raw = std::fs::read_to_string(corpus_dir().join("niger-us-pact.txt")).expect("seed");
    let doc = pipeline.run(parse("seed", &raw));
    assert_eq!(doc.sentences.len(), 16);
    // every span of every layer points at real words
    for m in &doc.mentions {
        assert!(!doc.slice(m.span).is_empty());
    }
    for e in &doc.events {
        assert!(!doc.slice(e.trigger).is_empty());
        assert!(e.evidence.iter().all(|s| !doc.slice(*s).is_empty()));
    }
}

#[test]
fn doc_round_trips_through_json() {
    let pipeline = Pipeline::load(&Settings::default()).expect("builtin resources load");
    let raw = std::fs::read_to_string(corpus_dir().join("niger-us-pact.txt")).expect("seed");
    let doc = pipeline.run(parse("seed", &raw));
    let json = serde_json::to_string(&doc).expect("serialise");
    let back: griot_text::Doc = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(doc, back);
}

/// Issue 10: month abbreviations and datelines are no actors ("Sept." was an organisation,
/// "WASHINGTON," a country actor); the dateline stays a place.
#[test]
fn datelines_and_month_abbreviations_are_no_actors() {
    let pipeline = Pipeline::load(&Settings::default()).expect("builtin resources load");
    let mut article = Article::from_text("d", "WASHINGTON, May 19 - The United States will withdraw its troops from Niger by Sept. 15, the Pentagon said.");
    article.date = NaiveDate::from_ymd_opt(2024, 5, 19);
    let doc = pipeline.run(article);
    let at = |t: &str| doc.mentions.iter().filter(|m| doc.slice(m.span) == t).collect::<Vec<_>>();
    assert!(at("Sept.").is_empty() && at("Sept").is_empty(), "{:?}", at("Sept."));
    let dl = at("WASHINGTON");
    assert_eq!(dl.len(), 1, "{dl:?}");
    assert_eq!(dl[0].kind, griot_text::MentionKind::Place);
    assert!(dl[0].place.as_ref().is_some_and(|p| !p.actor && p.country.as_deref() == Some("USA")));
    // the sentence's actors are untouched
    assert!(doc.events.iter().any(|e| e.actor.as_ref().and_then(|a| a.country.as_deref()) == Some("USA")));
}
