//! Each trigger fires exactly once on a scripted sequence of stored events, also when the
//! store is closed and opened again between batches.

use super::*;
use griot_text::*;

/// Article `w<n>`: one event of `etype` by `actor` at `place` dated `day`.
fn doc(n: usize, day: &str, etype: &str, actor: &str, place: &str) -> Doc {
    let text = format!("Report {n}: {actor} did {etype} in {place} on {day}.");
    let did = text.find(" did ").unwrap() + 1;
    let at = text.find(" in ").unwrap() + 4;
    let mut d = Doc::new(Article { id: format!("w{n}"), date: day.parse().ok(), ..Article::from_text("", &text) });
    d.sentences.push(Sentence { span: Span::new(0, text.len()), kind: SentenceKind::Body });
    d.mentions.push(Mention {
        span: Span::new(at, at + place.len()),
        kind: MentionKind::Place,
        name: place.to_string(),
        country: Some(actor.to_string()),
        sector: None,
        title: None,
        role: None,
        place: Some(Place {
            name: place.to_string(),
            geonameid: None,
            lat: 0.0,
            lon: 0.0,
            country: Some(actor.to_string()),
            admin1: None,
            feature: "city".into(),
            actor: false,
        }),
        antecedent: None,
        guessed: false,
        origin: Origin::new("places", "test"),
    });
    d.events.push(Event {
        sentence: SentenceId(0),
        trigger: Span::new(did, did + 3),
        event_type: etype.to_string(),
        mode: None,
        context: vec![],
        cameo: None,
        actor: Some(Participant {
            span: Span::new(text.find(actor).unwrap(), text.find(actor).unwrap() + actor.len()),
            mention: None,
            name: actor.to_string(),
            country: Some(actor.to_string()),
            sector: None,
            guessed: None,
        }),
        recipient: None,
        date: Some(EventDate { value: day.to_string(), precision: Precision::Day, time: None }),
        location: Some(MentionId(0)),
        status: EventStatus::Asserted,
        statement: None,
        sizes: vec![],
        evidence: vec![],
        origin: Origin::new("code", "test"),
    });
    d
}

fn rule(name: &str, etype: &str, trigger: Trigger) -> WatchRule {
    WatchRule {
        name: name.into(),
        filter: WatchFilter { event_type: Some(etype.into()), ..Default::default() },
        trigger,
        notify: "stdout".into(),
        secret_env: None,
    }
}

fn keys(alerts: &[AlertRow]) -> Vec<String> {
    alerts.iter().map(|a| format!("{}={}", a.rule, a.key)).collect()
}

#[test]
fn every_trigger_fires_once_per_event_across_restarts() {
    let dir = std::env::temp_dir().join(format!("griot-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("w.db");
    let mut s = Store::open(&db).unwrap();
    // an event stored before the rules is not alerted on
    s.insert_docs(&[doc(0, "2024-03-01", "PROTEST", "NER", "Niamey")]).unwrap();
    s.add_watch_rule(&rule("every", "PROTEST", Trigger::Every), 1000).unwrap();
    s.add_watch_rule(&rule("th", "PROTEST", Trigger::Threshold { count: 3, window_days: 2 }), 1000).unwrap();
    s.add_watch_rule(&rule("actor", "PROTEST", Trigger::NewActor), 1000).unwrap();
    s.add_watch_rule(&rule("place", "PROTEST", Trigger::NewPlace), 1000).unwrap();
    s.add_watch_rule(
        &rule("spike", "PROTEST", Trigger::Spike { factor: 3.0, window_days: 1, baseline_days: 10, min_count: 2 }),
        1000,
    )
    .unwrap();
    let e = s.add_watch_rule(&rule("every", "PROTEST", Trigger::Every), 1000).unwrap_err();
    assert!(e.to_string().contains("a watch rule named \"every\" exists already"), "{e}");
    assert!(s.evaluate_watches(1001).unwrap().is_empty(), "nothing new");

    // batch 1: two protests (NER known, MLI new), one unrelated event
    s.insert_docs(&[
        doc(1, "2024-03-10", "PROTEST", "NER", "Niamey"),
        doc(2, "2024-03-10", "PROTEST", "MLI", "Bamako"),
        doc(3, "2024-03-10", "ASSAULT", "BFA", "Ouagadougou"),
    ])
    .unwrap();
    let a = s.evaluate_watches(1100).unwrap();
    assert_eq!(
        keys(&a),
        ["actor=actor:MLI", "every=w1:14", "every=w2:14", "place=place:bamako", "spike=spike:2024-03-10"]
    );
    assert!(a.iter().all(|x| x.state == "pending" && x.created == 1100));
    let body: serde_json::Value = serde_json::from_str(&a[1].body).unwrap();
    assert_eq!(body["events"][0]["article"]["id"], "w1");
    assert_eq!(body["events"][0]["type"], "PROTEST");
    assert!(
        body["summary"].as_str().unwrap().starts_with("PROTEST NER->- at Niamey on 2024-03-10"),
        "{}",
        body["summary"]
    );
    drop(s);

    // restart; batch 2: the third protest in two days crosses the threshold; a spike
    // alert is not repeated within its window
    let mut s = Store::open(&db).unwrap();
    assert!(s.evaluate_watches(1200).unwrap().is_empty(), "a restart alerts nothing again");
    s.insert_docs(&[doc(4, "2024-03-11", "PROTEST", "NER", "Niamey")]).unwrap();
    let a = s.evaluate_watches(1300).unwrap();
    assert_eq!(keys(&a), ["every=w4:14", "th=threshold:2024-03-11"]);
    let body: serde_json::Value = serde_json::from_str(&a[1].body).unwrap();
    assert_eq!(body["event_count"], 3);
    assert_eq!(body["events"].as_array().unwrap().len(), 3);
    // batch 3: more the same days: the threshold window has fired already; the spike rule
    // (one-day window) sees 2 on 03-11 against 0.4 a day over the ten days before: 5x
    s.insert_docs(&[
        doc(5, "2024-03-11", "PROTEST", "NER", "Niamey"),
        doc(6, "2024-03-10", "PROTEST", "NER", "Niamey"),
    ])
    .unwrap();
    let a = s.evaluate_watches(1400).unwrap();
    assert_eq!(keys(&a), ["every=w5:14", "every=w6:14", "spike=spike:2024-03-11"]);
    assert!(a[2].json()["summary"].as_str().unwrap().contains("against 0.40 expected"), "{}", a[2].body);
    // a later window fires again
    s.insert_docs(&[
        doc(7, "2024-03-20", "PROTEST", "NER", "Niamey"),
        doc(8, "2024-03-20", "PROTEST", "NER", "Niamey"),
        doc(9, "2024-03-21", "PROTEST", "NER", "Niamey"),
    ])
    .unwrap();
    let a = s.evaluate_watches(1500).unwrap();
    assert_eq!(
        keys(&a),
        ["every=w7:14", "every=w8:14", "every=w9:14", "spike=spike:2024-03-20", "th=threshold:2024-03-21"]
    );
    // the same articles again are duplicates: no event, no alert
    s.insert_docs(&[doc(9, "2024-03-21", "PROTEST", "NER", "Niamey")]).unwrap();
    assert!(s.evaluate_watches(1600).unwrap().is_empty());

    // listing, delivery state
    let all = s.alerts(&AlertQuery::default()).unwrap();
    assert_eq!(all.len(), 15);
    assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    let first = all.last().unwrap().id;
    s.alert_failed(first, "webhook: HTTP 500", 2000).unwrap();
    assert!(s.alerts_due(1999, 100).unwrap().iter().all(|x| x.id != first));
    assert!(s.alerts_due(2000, 100).unwrap().iter().any(|x| x.id == first));
    s.alert_sent(first, 2001).unwrap();
    let pending = s.alerts(&AlertQuery { pending_only: true, ..Default::default() }).unwrap();
    assert_eq!(pending.len(), 14);
    let only = s.alerts(&AlertQuery { rule: Some("th".into()), limit: Some(1), ..Default::default() }).unwrap();
    assert_eq!(keys(&only), ["th=threshold:2024-03-21"]);
    assert_eq!(only[0].json()["id"], only[0].id);

    // dry run over the whole store writes nothing
    let before = s.alerts(&AlertQuery::default()).unwrap().len();
    let t = s.test_watch_rule(&rule("every", "PROTEST", Trigger::Every), 3000).unwrap();
    assert_eq!(t.len(), 9, "all nine protests");
    assert!(t.iter().all(|a| a.rule == "every"));
    assert_eq!(s.alerts(&AlertQuery::default()).unwrap().len(), before);
    assert!(s.remove_watch_rule("every").unwrap());
    assert!(!s.remove_watch_rule("every").unwrap());
    assert_eq!(s.watch_rules().unwrap().len(), 4);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_actor_rule_learns_the_past_and_text_filters_apply() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_docs(&[doc(1, "2024-03-01", "PROTEST", "NER", "Niamey")]).unwrap();
    s.add_watch_rule(&rule("actor", "PROTEST", Trigger::NewActor), 1).unwrap();
    let mut text_rule = rule("bamako", "PROTEST", Trigger::Every);
    text_rule.filter.text = Some("Bamako".into());
    s.add_watch_rule(&text_rule, 1).unwrap();
    s.insert_docs(&[
        doc(2, "2024-03-02", "PROTEST", "NER", "Agadez"),
        doc(3, "2024-03-02", "PROTEST", "MLI", "Bamako"),
    ])
    .unwrap();
    assert_eq!(keys(&s.evaluate_watches(2).unwrap()), ["actor=actor:MLI", "bamako=w3:14"]);
    let bad = rule("bad", "PROTEST", Trigger::Threshold { count: 0, window_days: 1 });
    assert!(s.add_watch_rule(&bad, 1).is_err());
}

#[test]
fn new_events_are_read_by_rowid_range_whatever_the_filter() {
    let s = Store::open_in_memory().unwrap();
    let filter = WatchFilter {
        actor: Some("NER".into()),
        event_type: Some("PROTEST".into()),
        place: Some("Niamey".into()),
        text: Some("protest".into()),
        since: "2024-01-01".parse().ok(),
        ..Default::default()
    };
    let (sql, args) = new_events_sql(&filter, 10, 20, true, 3).unwrap();
    let mut st = s.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let plan: Vec<String> = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let events_step = plan
        .iter()
        .find(|p| p.starts_with("SEARCH e ") || p.starts_with("SCAN e"))
        .unwrap_or_else(|| panic!("{plan:?}"));
    assert!(events_step.contains("rowid>? AND rowid<?"), "{plan:?}");
    assert!(plan.iter().any(|p| p.starts_with("SEARCH a USING INTEGER PRIMARY KEY")), "{plan:?}");
    // the text filter asks FTS5 about the new articles only (a rowid lower bound with the match)
    assert!(plan.iter().any(|p| p.contains("articles_fts") && p.contains(">")), "{plan:?}");
}

#[test]
fn window_events_are_read_in_date_index_order_without_sorting() {
    let s = Store::open_in_memory().unwrap();
    let sql = "EXPLAIN QUERY PLAN SELECT e.record, a.id, a.date, a.title, a.url, s.story_id FROM events e INDEXED BY events_date_start
         CROSS JOIN articles a ON a.rowid = e.article
         LEFT JOIN event_stories s ON s.event_id = e.event_id WHERE e.date_start >= ?1 AND e.date_start <= ?2
         AND e.type = ?3 COLLATE NOCASE ORDER BY e.date_start LIMIT 20";
    let mut st = s.conn.prepare(sql).unwrap();
    let plan: Vec<String> = st
        .query_map(["2024-03-01", "2024-03-03", "PROTEST"], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(plan[0].contains("USING INDEX events_date_start"), "{plan:?}");
    assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
}

#[test]
fn a_replaced_rule_starts_again_without_repeating_alerts() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_docs(&[doc(1, "2024-03-01", "PROTEST", "NER", "Niamey")]).unwrap();
    s.add_watch_rule(&rule("r", "PROTEST", Trigger::NewActor), 10).unwrap();
    s.insert_docs(&[doc(2, "2024-03-02", "PROTEST", "MLI", "Bamako")]).unwrap();
    assert_eq!(keys(&s.evaluate_watches(11).unwrap()), ["r=actor:MLI"]);
    // replaced by an every-event rule: it looks from now on
    assert!(s.replace_watch_rule(&rule("r", "PROTEST", Trigger::Every), 20).unwrap());
    assert!(!s.replace_watch_rule(&rule("new", "ASSAULT", Trigger::Every), 20).unwrap(), "made, not replaced");
    let info = s.watch_rule_info("r").unwrap().unwrap();
    assert_eq!((info.rule.trigger.clone(), info.created, info.alerts), (Trigger::Every, 20, 1));
    assert_eq!(s.watch_rule_infos().unwrap().iter().map(|i| i.rule.name.as_str()).collect::<Vec<_>>(), ["new", "r"]);
    assert!(s.watch_rule_info("none").unwrap().is_none());
    assert!(s.evaluate_watches(21).unwrap().is_empty());
    s.insert_docs(&[doc(3, "2024-03-03", "PROTEST", "TCD", "Ndjamena")]).unwrap();
    assert_eq!(keys(&s.evaluate_watches(22).unwrap()), ["r=w3:14"]);
    // a bad replacement leaves the rule as it was
    assert!(s.replace_watch_rule(&rule("r", "PROTEST", Trigger::Threshold { count: 0, window_days: 1 }), 30).is_err());
    assert_eq!(s.watch_rule_info("r").unwrap().unwrap().rule.trigger, Trigger::Every);
}

#[test]
fn a_dry_run_stops_at_its_bound() {
    let mut s = Store::open_in_memory().unwrap();
    let docs: Vec<Doc> = (1..=7).map(|n| doc(n, "2024-03-01", "PROTEST", "NER", "Niamey")).collect();
    s.insert_docs(&docs).unwrap();
    let r = rule("all", "PROTEST", Trigger::Every);
    assert_eq!(s.test_watch_rule(&r, 1).unwrap().len(), 7);
    let first = s.test_watch_rule_at_most(&r, 1, 3).unwrap();
    assert_eq!(keys(&first), ["all=w1:14", "all=w2:14", "all=w3:14"]);
    assert!(s.alerts(&AlertQuery::default()).unwrap().is_empty(), "nothing written");
}

#[test]
fn rule_checks_name_the_field() {
    let field = |r: WatchRule| r.check().map_err(|p| p.field);
    let base = rule("ok", "PROTEST", Trigger::Every);
    assert_eq!(field(base.clone()), Ok(()));
    let with = |f: &dyn Fn(&mut WatchRule)| {
        let mut r = base.clone();
        f(&mut r);
        field(r).unwrap_err()
    };
    assert_eq!(with(&|r| r.name = " ".into()), "name");
    assert_eq!(with(&|r| r.name = "a\u{7}".into()), "name");
    assert_eq!(with(&|r| r.name = "x".repeat(201)), "name");
    assert_eq!(with(&|r| r.filter.actor = Some("N".into())), "filter.actor");
    assert_eq!(with(&|r| r.filter.recipient = Some("<script>".into())), "filter.recipient");
    assert_eq!(with(&|r| r.filter.event_type = Some("PRO TEST".into())), "filter.event_type");
    assert_eq!(with(&|r| r.filter.text = Some("a".repeat(501))), "filter.text");
    assert_eq!(with(&|r| r.filter.place = Some("\n".into())), "filter.place");
    assert_eq!(
        with(&|r| {
            r.filter.since = "2024-02-02".parse().ok();
            r.filter.until = "2024-02-01".parse().ok();
        }),
        "filter.since"
    );
    assert_eq!(with(&|r| r.trigger = Trigger::Threshold { count: 1, window_days: u32::MAX }), "trigger.window_days");
    assert_eq!(
        with(&|r| r.trigger = Trigger::Spike { factor: f64::NAN, window_days: 1, baseline_days: 1, min_count: 1 }),
        "trigger.factor"
    );
    assert_eq!(
        with(&|r| r.trigger = Trigger::Spike { factor: 2.0, window_days: 1, baseline_days: 0, min_count: 1 }),
        "trigger.baseline_days"
    );
    assert_eq!(with(&|r| r.notify = "pager:me".into()), "notify");
    assert_eq!(with(&|r| r.notify = "file: ".into()), "notify");
    assert_eq!(with(&|r| r.notify = "webhook:ftp://x".into()), "notify");
    assert_eq!(with(&|r| r.secret_env = Some("KEY".into())), "secret_env");
    assert_eq!(
        with(&|r| {
            r.notify = "webhook:https://hooks.example/a".into();
            r.secret_env = Some("1KEY".into());
        }),
        "secret_env"
    );
}
