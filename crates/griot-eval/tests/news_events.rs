//! The news-article event scorer on a tiny made-up article (tests/news_events/dX-t1.json) with
//! hand-built predictions: the arithmetic of recall, precision, type alone, dates and error classes.
use std::path::Path;

use griot_eval::news_events::{
    find_sentence, is_news_format, load_articles, report, score_article, Options, Pred, Totals,
};

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/news_events")
}

fn pred(text: &str, trigger: &str, t: &str, actor: Option<&str>, recipient: Option<&str>) -> Pred {
    let start = text.find(trigger).expect("trigger in text");
    Pred {
        start,
        end: start + trigger.len(),
        trigger: trigger.into(),
        sentence: (start, start + trigger.len()),
        event_type: t.into(),
        actor: actor.map(String::from),
        actor_text: Some("someone".into()),
        recipient: recipient.map(String::from),
        recipient_text: recipient.map(|_| "someone else".into()),
        status: "asserted".into(),
        rule: "test".into(),
        ..Default::default()
    }
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-3, "{a} != {b}");
}

#[test]
fn scores_a_made_up_article() {
    assert!(is_news_format(&dir()));
    let articles = load_articles(&dir()).unwrap();
    assert_eq!(articles.len(), 1);
    let a = &articles[0].article;
    let text = &a.text;
    let mut preds = vec![
        // matches core gold 0
        pred(text, "imposed sanctions", "SANCTION", Some("FRE"), Some("SYL")),
        // matches only the optional gold 3: right for precision, nothing for recall
        pred(text, "sanctions", "COERCE", Some("FRE"), Some("SYL")),
        // matches gold 1 through the accept lists; sentence found only whitespace-normalised
        pred(text, "held talks", "CONSULT", Some("SYL"), Some("FRE")),
        // right type, actor without a country
        pred(text, "shelled", "ASSAULT", None, None),
        // in a sentence with no gold event
        pred(text, "weather", "ACCUSE", Some("FRE"), None),
        // a type no gold event of the sentence has
        pred(text, "army", "PROTEST", Some("SYL"), None),
    ];
    preds[0].date = Some("2024-03-11".into());
    preds[2].date = Some("2024-03-12".into());
    preds[2].status = "reported".into();
    preds[3].actor_text = Some("army".into());

    let s = score_article(a, &preds);
    assert_eq!(s.ranges[4], None);
    assert_eq!(s.tuple_hit, vec![true, true, false, true, false]);
    assert_eq!(s.pred_tuple_ok, vec![true, true, true, false, false, false]);
    assert_eq!(s.pred_type_ok, vec![true, true, true, true, false, false]);
    assert_eq!(s.miss_class[2].as_deref(), Some("actor country missing"));
    assert_eq!(s.miss_class[4].as_deref(), Some("sentence not found in text"));
    assert_eq!(s.extra_class[4].as_deref(), Some("prediction in unannotated sentence"));
    assert_eq!(s.extra_class[5].as_deref(), Some("spurious: annotated sentence, no gold event of its type or at its trigger"));

    let mut t = Totals::default();
    t.add(a, &preds, &s);
    assert_eq!((t.core, t.unfound, t.preds, t.preds_outside), (4, 1, 6, 1));
    let (p, r, f) = t.tuple_prf();
    close(p, 3.0 / 6.0);
    close(r, 2.0 / 4.0);
    close(f, 0.5);
    let (p, r, f) = t.type_prf();
    close(p, 4.0 / 6.0);
    close(r, 3.0 / 4.0);
    close(f, 2.0 * (4.0 / 6.0) * 0.75 / (4.0 / 6.0 + 0.75));
    assert_eq!((t.matched, t.date_n, t.date_ok, t.date_lenient), (2, 2, 1, 2));
    assert_eq!((t.mode_ok, t.status_ok), (2, 1));

    let out = report(&articles, &[preds], &Options { misses: true, ..Default::default() });
    assert!(out.contains("actor+recipient+type   P  50.0  R  50.0  F1  50.0"), "{out}");
    assert!(out.contains("type alone             P  66.7  R  75.0  F1  70.6"), "{out}");
    assert!(out.contains("=== dX-t1"), "{out}");
    assert!(out.contains("MISS core ASSAULT SYL(Sylvania's army)"), "{out}");
    assert!(!out.contains("== part A"), "{out}");
}

#[test]
fn classes_wrong_types_by_trigger() {
    let articles = load_articles(&dir()).unwrap();
    let a = &articles[0].article;
    let preds = vec![
        pred(&a.text, "shelled", "PROTEST", Some("SYL"), None),
        pred(&a.text, "talks", "CONSULT", None, None),
        pred(&a.text, "Geneva", "ACCUSE", Some("FRE"), None),
    ];
    let s = score_article(a, &preds);
    assert_eq!(s.miss_class[0].as_deref(), Some("no prediction in sentence"));
    assert_eq!(s.miss_class[1].as_deref(), Some("actor country missing + recipient missing"));
    assert_eq!(s.miss_class[2].as_deref(), Some("wrong type (a prediction at its trigger)"));
    assert_eq!(s.miss_confusion[2], vec!["PROTEST".to_string()]);
    assert_eq!(s.extra_class[0].as_deref(), Some("wrong type (at the trigger of a gold event of another type)"));
    let mut t = Totals::default();
    t.add(a, &preds, &s);
    assert_eq!(t.confusions.get(&("ASSAULT".into(), "PROTEST".into())), Some(&1));
}

#[test]
fn finds_sentences_with_other_whitespace() {
    let text = "One.  Two   words\nhere. Three.";
    let (s, e) = find_sentence(text, "Two words here.").unwrap();
    assert_eq!(&text[s..e], "Two   words\nhere.");
    assert_eq!(find_sentence(text, "Three."), Some((24, 30)));
    assert_eq!(find_sentence(text, "Four."), None);
}
