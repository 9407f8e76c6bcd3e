//! Done-means of issue 4 on the seed article (examples/niger-us-pact.txt, dated 2024-03-17).

use griot_text::{split_sentences, tokenize, Article, Doc, Event, EventStatus, Origin, Precision, SentenceId, Span};
use griot_time::{date_event, find_dates, TimeOptions};

const SEED: &str = include_str!("../../../examples/niger-us-pact.txt");

fn seed_doc() -> Doc {
    let mut article = Article::from_text("niger-us-pact", SEED);
    article.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
    let mut doc = Doc::new(article);
    doc.sentences = split_sentences(doc.text());
    doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(SEED, s.span)).collect();
    let (times, diagnostics) = find_dates(&doc, &TimeOptions::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    doc.times = times;
    doc
}

/// Byte span of the `nth` occurrence of `words` inside the first occurrence of `context`.
fn span_in(context: &str, words: &str) -> Span {
    let c = SEED.find(context).expect("context in the seed");
    let w = SEED[c..].find(words).expect("words in context") + c;
    Span::new(w, w + words.len())
}

fn event(trigger: Span) -> Event {
    Event {
        sentence: SentenceId(0),
        trigger,
        event_type: "TEST".into(),
        mode: None,
        context: vec![],
        cameo: None,
        actor: None,
        recipient: None,
        date: None,
        location: None,
        status: EventStatus::Asserted,
        statement: None,
        sizes: vec![],
        evidence: vec![],
        origin: Origin::new("test", "hand-made"),
    }
}

#[test]
fn seed_expressions() {
    let doc = seed_doc();
    let got: Vec<(&str, &str)> = doc.times.iter().map(|t| (doc.slice(t.span), t.value.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Saturday", "2024-03-16"),
            ("earlier in the week", "2024-W11"),
            ("July last year", "2023-07"),
            ("December", "2023-12"),
            ("2016", "2016"),
            ("last July", "2023-07"),
            ("December", "2023-12"),
            ("Last December", "2023-12"),
        ]
    );
    // the first December sits in "the expulsion of French troops in December", the second in
    // "French troops departed Niger in December"
    assert_eq!(doc.times[3].span, span_in("expulsion of French troops in December", "December"));
    assert_eq!(doc.times[6].span, span_in("departed Niger in December", "December"));
    assert_eq!(doc.times[1].precision, Precision::Week);
    assert_eq!(doc.times[2].precision, Precision::Month);
}

#[test]
fn seed_events() {
    let doc = seed_doc();
    let cases = [
        (span_in("officially revoked", "revoked"), "2024-03-16", "Saturday"),
        (span_in("engaged in discussions in Moscow", "discussions"), "2023-12", "Last December"),
        (span_in("French troops departed", "departed"), "2023-12", "December"),
    ];
    for (trigger, value, words) in cases {
        let d = date_event(&doc, &event(trigger)).expect("a date");
        assert_eq!(d.value, value, "{}", doc.slice(trigger));
        let t = d.time.expect("dated by an expression, not the publication date");
        assert_eq!(doc.slice(doc.times[t.index()].span), words);
    }
    // an event with no date of its own falls back to the publication date
    let d = date_event(&doc, &event(span_in("indicated ongoing discussions", "discussions"))).expect("a date");
    assert_eq!((d.value.as_str(), d.time), ("2024-03-17", None));
}
