//! The founding example article through the whole pipeline (issue 5, done means). The
//! coder alone is tested on the same article with hand-marked mentions in
//! griot-code/tests/seed.rs; this test also depends on the other stages, marked per
//! assertion: [actors] griot-extract actor mentions and coreference, [places] the
//! gazetteer (Niamey, Moscow), [statements] griot-extract statements, [dates] griot-time.
use chrono::NaiveDate;
use griot_pipeline::{Pipeline, Settings};
use griot_text::{Article, Doc, Event, EventStatus};

fn seed() -> Doc {
    let text = include_str!("../../../examples/niger-us-pact.txt");
    let mut article = Article::from_text("niger-us-pact", text);
    article.date = NaiveDate::from_ymd_opt(2024, 3, 17);
    Pipeline::load(&Settings::default())
        .expect("pipeline loads")
        .run(article)
}

fn country(p: &Option<griot_text::Participant>) -> &str {
    p.as_ref().and_then(|p| p.country.as_deref()).unwrap_or("-")
}

fn find<'a>(doc: &'a Doc, trigger: &str, t: &str, a: &str, r: &str) -> &'a Event {
    doc.events
        .iter()
        .find(|e| {
            doc.slice(e.trigger) == trigger
                && e.event_type == t
                && country(&e.actor) == a
                && country(&e.recipient) == r
        })
        .unwrap_or_else(|| {
            let got: Vec<String> = doc
                .events
                .iter()
                .map(|e| {
                    format!(
                        "{:?} {} {}->{} {:?}",
                        doc.slice(e.trigger),
                        e.event_type,
                        country(&e.actor),
                        country(&e.recipient),
                        e.status
                    )
                })
                .collect();
            panic!("no {t} {a}->{r} on {trigger:?} in\n{}", got.join("\n"))
        })
}

#[test]
fn seed_article_events() {
    let doc = seed();
    // [actors] Niger's junta, US personnel
    let revoke = find(&doc, "revoked", "SANCTION", "NER", "USA");
    assert_eq!(revoke.mode.as_deref(), Some("discontinue"));
    assert!(revoke.context.iter().any(|c| c == "military"));
    assert_eq!(revoke.origin.rule, "revoke_agreement");
    assert!(!revoke.evidence.is_empty());
    // one event, not two: the termination of the military pact is merged into the revocation
    assert!(revoke
        .evidence
        .iter()
        .any(|s| doc.slice(*s) == "termination"));
    assert!(!doc
        .events
        .iter()
        .any(|e| doc.slice(e.trigger) == "termination"));
    // [actors][places] Washington -> USA, Niamey -> NER
    let visit = find(&doc, "visit", "CONSULT", "USA", "NER");
    assert_eq!(visit.mode.as_deref(), Some("visit"));
    // [actors] French troops
    let expel = find(&doc, "expulsion", "SANCTION", "NER", "FRA");
    assert_eq!(expel.mode.as_deref(), Some("expel"));
    // [actors][statements] Abdramane's declaration
    find(&doc, "unlawful", "ACCUSE", "NER", "USA");
    // [actors] his rebuke of the US accusations, and the accusation itself (not asserted)
    assert_eq!(
        find(&doc, "rebuked", "REJECT", "NER", "USA").status,
        EventStatus::Asserted
    );
    assert_ne!(
        find(&doc, "accusations", "ACCUSE", "USA", "NER").status,
        EventStatus::Asserted
    );
    // [actors] coreference: He -> Abdramane -> NER
    find(&doc, "criticised", "ACCUSE", "NER", "USA");
    assert_ne!(
        find(&doc, "threats", "THREATEN", "USA", "NER").status,
        EventStatus::Asserted
    );
    // [actors][statements] Miller's discussions with the junta
    find(&doc, "discussions", "CONSULT", "USA", "NER");
    // [actors] the seizure of power against President Bazoum, with the overthrow merged in
    let coup = find(&doc, "seizure", "COERCE", "NER", "NER");
    assert!(coup.evidence.iter().any(|s| doc.slice(*s) == "overthrow"));
    // [actors] French troops departed Niger
    assert_eq!(
        find(&doc, "departed", "RETREAT", "FRA", "NER")
            .mode
            .as_deref(),
        Some("withdraw")
    );
    // [actors][places] the Prime Minister's discussions in Moscow
    find(&doc, "discussions", "CONSULT", "NER", "RUS");
    // no asserted deal between Niger and Iran
    assert!(!doc
        .events
        .iter()
        .any(|e| country(&e.recipient) == "IRN" && e.status == EventStatus::Asserted));
    for e in &doc.events {
        assert_eq!(e.origin.stage, "code");
        assert!(e.evidence.contains(&e.trigger));
    }
}

#[test]
fn seed_event_dates() {
    let doc = seed();
    // [dates] filled after the coder by griot_time::date_event
    let revoke = find(&doc, "revoked", "SANCTION", "NER", "USA");
    assert_eq!(
        revoke.date.as_ref().map(|d| d.value.as_str()),
        Some("2024-03-16")
    );
}
