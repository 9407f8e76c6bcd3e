//! Store tests: round trip, idempotence, filters, dates, migrations, exports, transactions.

use super::*;
use crate::sample::sample_doc;
use chrono::NaiveDate;
use griot_text::*;

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("griot-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("griot.db")
}

fn sp(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start, start + needle.len())
}

fn mention(
    text: &str,
    words: &str,
    kind: MentionKind,
    name: &str,
    country: Option<&str>,
    sector: Option<&str>,
) -> Mention {
    Mention {
        span: sp(text, words),
        kind,
        name: name.to_string(),
        country: country.map(str::to_string),
        sector: sector.map(str::to_string),
        title: None,
        role: None,
        place: None,
        antecedent: None,
        guessed: false,
        origin: Origin::new("actors", "test"),
    }
}

/// A hand-built French article with every layer filled.
fn full_doc() -> Doc {
    let text = "NIAMEY, 16 mars (Reuters) – Le Niger a révoqué l’accord militaire avec les États-Unis, \
                a déclaré samedi le colonel Amadou Abdramane. « C’est fini », a-t-il dit.\n\
                Environ 1 100 militaires américains sont stationnés à Agadez.";
    let mut doc = Doc::new(Article {
        id: "niger-fr".into(),
        url: Some("https://exemple.ne/accord?x=1&y=\"2\"".into()),
        title: Some("Le Niger révoque l’accord".into()),
        date: NaiveDate::from_ymd_opt(2024, 3, 17),
        lang: Some("fr".into()),
        source: Some("fichier.txt:3".into()),
        text: text.into(),
        meta: serde_json::json!({"auteur": "Zoé", "tags": ["sahel", 1, null]}).as_object().unwrap().clone(),
    });
    let s1_end = text.find("Abdramane.").unwrap() + "Abdramane.".len();
    let s2_end = text.find("a-t-il dit.").unwrap() + "a-t-il dit.".len();
    doc.sentences = vec![
        Sentence { span: Span::new(0, s1_end), kind: SentenceKind::Body },
        Sentence { span: Span::new(s1_end + 1, s2_end), kind: SentenceKind::Body },
        Sentence { span: Span::new(s2_end + 1, text.len()), kind: SentenceKind::ListItem },
    ];
    doc.tokens = vec![
        Token { span: sp(text, "NIAMEY"), kind: TokenKind::Word },
        Token { span: sp(text, ","), kind: TokenKind::Punct },
        Token { span: sp(text, "16"), kind: TokenKind::Number },
        Token { span: sp(text, "«"), kind: TokenKind::Quote },
        Token { span: sp(text, "–"), kind: TokenKind::Symbol },
    ];
    let mut niamey = mention(text, "NIAMEY", MentionKind::Place, "Niamey", Some("NER"), None);
    niamey.place = Some(Place {
        name: "Niamey".into(),
        geonameid: Some(2440485),
        lat: 13.51366,
        lon: 2.1098,
        country: Some("NER".into()),
        admin1: Some("Niamey".into()),
        feature: "city".into(),
        actor: false,
    });
    let mut agadez = mention(text, "Agadez", MentionKind::Place, "Agadez", Some("NER"), None);
    agadez.place = Some(Place {
        name: "Agadez".into(),
        geonameid: Some(2448085),
        lat: 16.97333,
        lon: 7.99111,
        country: Some("NER".into()),
        admin1: None,
        feature: "city".into(),
        actor: false,
    });
    let mut colonel =
        mention(text, "colonel Amadou Abdramane", MentionKind::Person, "Amadou Abdramane", Some("NER"), Some("MIL"));
    colonel.title = Some("Colonel".into());
    colonel.role = Some("porte-parole".into());
    let mut il = mention(text, "il", MentionKind::Pronoun, "Amadou Abdramane", None, None);
    il.span = sp(text, "a-t-il").cover(sp(text, "a-t-il")); // whole cue chunk
    il.span = Span::new(il.span.start + 4, il.span.start + 6);
    il.antecedent = Some(MentionId(3));
    il.guessed = true;
    doc.mentions = vec![
        niamey,
        mention(text, "Niger", MentionKind::Country, "Niger", Some("NER"), Some("GOV")),
        mention(text, "États-Unis", MentionKind::Country, "United States", Some("USA"), None),
        colonel,
        il,
        mention(text, "militaires américains", MentionKind::Nominal, "US military", Some("USA"), Some("MIL")),
        agadez,
    ];
    doc.times = vec![
        TimeExpr {
            span: sp(text, "16 mars"),
            kind: TimeType::Date,
            value: "2024-03-16".into(),
            precision: Precision::Day,
            anchor: TimeAnchor::Publication,
            origin: Origin::new("time", "day_month"),
        },
        TimeExpr {
            span: sp(text, "samedi"),
            kind: TimeType::Date,
            value: "2024-W11".into(),
            precision: Precision::Week,
            anchor: TimeAnchor::Previous,
            origin: Origin::new("time", "weekday"),
        },
    ];
    doc.quantities = vec![Quantity {
        span: sp(text, "1 100"),
        value: 1100.0,
        kind: QuantityKind::Count,
        counted: Some(sp(text, "militaires américains")),
        unit: None,
        approx: Some("Environ".into()),
        actor: Some(MentionId(5)),
        origin: Origin::new("quantities", "number_noun"),
    }];
    doc.statements = vec![
        Statement {
            span: Span::new(doc.sentences[0].span.start, s1_end),
            kind: StatementKind::Indirect,
            speaker_span: Some(sp(text, "colonel Amadou Abdramane")),
            speaker: Some(MentionId(3)),
            cue: Some(sp(text, "a déclaré")),
            content: sp(text, "Le Niger a révoqué l’accord militaire avec les États-Unis"),
            origin: Origin::new("statements", "declared"),
        },
        Statement {
            span: sp(text, "« C’est fini », a-t-il dit."),
            kind: StatementKind::Direct,
            speaker_span: Some(doc.mentions[4].span),
            speaker: Some(MentionId(4)),
            cue: Some(sp(text, "dit")),
            content: sp(text, "C’est fini"),
            origin: Origin::new("statements", "quote_said"),
        },
    ];
    doc.events = vec![
        Event {
            sentence: SentenceId(0),
            trigger: sp(text, "révoqué"),
            event_type: "SANCTION".into(),
            mode: Some("discontinue".into()),
            context: vec!["military".into(), "diplomatic".into()],
            cameo: Some("161".into()),
            actor: Some(Participant {
                span: sp(text, "Niger"),
                mention: Some(MentionId(1)),
                name: "Niger".into(),
                country: Some("NER".into()),
                sector: Some("GOV".into()),
                guessed: None,
            }),
            recipient: Some(Participant {
                span: sp(text, "États-Unis"),
                mention: Some(MentionId(2)),
                name: "United States".into(),
                country: Some("USA".into()),
                sector: None,
                guessed: None,
            }),
            date: Some(EventDate { value: "2024-W11".into(), precision: Precision::Week, time: Some(TimeId(1)) }),
            location: Some(MentionId(0)),
            status: EventStatus::Reported,
            statement: Some(StatementId(0)),
            sizes: vec![],
            evidence: vec![sp(text, "révoqué"), sp(text, "l’accord militaire")],
            origin: Origin::new("code", "revoke_agreement"),
        },
        Event {
            sentence: SentenceId(2),
            trigger: sp(text, "stationnés"),
            event_type: "MOBILIZE".into(),
            mode: None,
            context: vec![],
            cameo: None,
            actor: Some(Participant {
                span: sp(text, "militaires américains"),
                mention: Some(MentionId(5)),
                name: "US military".into(),
                country: Some("USA".into()),
                sector: Some("MIL".into()),
                guessed: None,
            }),
            recipient: None,
            date: None,
            location: Some(MentionId(6)),
            status: EventStatus::Asserted,
            statement: None,
            sizes: vec![QuantityId(0)],
            evidence: vec![sp(text, "stationnés")],
            origin: Origin::new("code", "troops_stationed"),
        },
    ];
    doc.push_diagnostic("time", Some(sp(text, "samedi")), Severity::Warning, "weekday without week, guessed".into());
    doc
}

fn ids(events: &[StoredEvent]) -> Vec<String> {
    events.iter().map(|e| e.record.id.clone()).collect()
}

/// Runs `filter` over a store holding `full_doc` and returns the event ids found.
fn check(store: &Store, filter: EventFilter, expected: &[&str]) {
    let got = ids(&store.events(&filter).unwrap());
    assert_eq!(got, expected, "filter {filter:?}");
}

fn store_with_full_doc() -> (Store, Doc) {
    let mut store = Store::open_in_memory().unwrap();
    let doc = full_doc();
    store.insert_docs(std::slice::from_ref(&doc)).unwrap();
    (store, doc)
}

#[test]
fn round_trip_every_layer() {
    let (store, doc) = store_with_full_doc();
    let back = store.doc("niger-fr").unwrap().expect("stored");
    assert_eq!(back, doc);
    assert_eq!(store.doc("nope").unwrap(), None);
    let sample = sample_doc(7, 12);
    let mut store = Store::open_in_memory().unwrap();
    store.insert_docs(std::slice::from_ref(&sample)).unwrap();
    assert_eq!(store.doc("s7").unwrap().as_ref(), Some(&sample));
    let c = store.counts().unwrap();
    assert_eq!(
        c,
        Counts { articles: 1, sentences: 12, mentions: 48, times: 12, statements: 12, quantities: 12, events: 6 }
    );
}

#[test]
fn stored_event_carries_article_and_record() {
    let (store, doc) = store_with_full_doc();
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 2);
    let e = &events[0];
    assert_eq!(e.article_id, "niger-fr");
    assert_eq!(e.article_date.as_deref(), Some("2024-03-17"));
    assert_eq!(e.article_title.as_deref(), Some("Le Niger révoque l’accord"));
    assert_eq!(e.article_url, doc.article.url);
    assert_eq!(e.record, record::event_record(&doc, &doc.events[0]));
    assert_eq!(e.record.trigger.text, "révoqué");
}

#[test]
fn same_text_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let a = sample_doc(1, 4);
    let b = sample_doc(2, 4);
    let mut a_again = a.clone();
    a_again.article.id = "other-id".into(); // same text under another id: still a duplicate
    let s = store.insert_docs(&[a.clone(), b.clone(), a_again]).unwrap();
    assert_eq!((s.inserted, s.duplicates), (2, 1));
    let s = store.insert_docs(&[a.clone(), b]).unwrap();
    assert_eq!((s.inserted, s.duplicates), (0, 2));
    assert_eq!(store.article_ids().unwrap(), ["s1", "s2"]);
    assert!(store.contains_text(&a.article.text).unwrap());
    assert!(!store.contains_text("something else").unwrap());
    assert_eq!(store.counts().unwrap().articles, 2);
}

#[test]
fn idempotent_across_reopen() {
    let path = temp_db("reopen");
    let docs: Vec<Doc> = (0..5).map(|i| sample_doc(i, 6)).collect();
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.insert_docs(&docs[..3]).unwrap().inserted, 3);
    }
    let mut store = Store::open(&path).unwrap();
    let s = store.insert_docs(&docs).unwrap();
    assert_eq!((s.inserted, s.duplicates), (2, 3));
    assert_eq!(store.article_ids().unwrap(), ["s0", "s1", "s2", "s3", "s4"]);
    for d in &docs {
        assert_eq!(store.doc(&d.article.id).unwrap().as_ref(), Some(d));
    }
    let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn id_collision_with_other_text_is_renamed() {
    let mut store = Store::open_in_memory().unwrap();
    let mut first = full_doc();
    first.article.id = "dup".into();
    let mut second = sample_doc(3, 4);
    second.article.id = "dup".into();
    let mut third = sample_doc(4, 4);
    third.article.id = "dup".into();
    let s = store.insert_docs(&[first.clone(), second.clone()]).unwrap();
    assert_eq!(s.renamed, [("dup".to_string(), "dup~2".to_string())]);
    let s = store.insert_docs(&[third]).unwrap();
    assert_eq!(s.renamed, [("dup".to_string(), "dup~3".to_string())]);
    assert_eq!(store.doc("dup").unwrap(), Some(first));
    let back = store.doc("dup~2").unwrap().unwrap();
    second.article.id = "dup~2".into();
    assert_eq!(back, second);
    let evs = store.events(&EventFilter::default()).unwrap();
    assert!(evs.iter().any(|e| e.article_id == "dup~2" && e.record.id.starts_with("dup~2:")));
}

#[test]
fn filters_by_actor_recipient_type_place() {
    let (store, _) = store_with_full_doc();
    let revoke = "niger-fr:";
    let all = ids(&store.events(&EventFilter::default()).unwrap());
    assert_eq!(all.len(), 2);
    assert!(all[0].starts_with(revoke));
    let (e0, e1) = (all[0].as_str(), all[1].as_str());
    let f = |f: fn(&mut EventFilter)| {
        let mut x = EventFilter::default();
        f(&mut x);
        x
    };
    check(&store, f(|x| x.actor = Some("NER".into())), &[e0]);
    check(&store, f(|x| x.actor = Some("ner".into())), &[e0]);
    check(&store, f(|x| x.actor = Some("NERGOV".into())), &[e0]);
    check(&store, f(|x| x.actor = Some("NERMIL".into())), &[]);
    check(&store, f(|x| x.actor = Some("USAMIL".into())), &[e1]);
    check(&store, f(|x| x.actor = Some("USA".into())), &[e1]);
    check(&store, f(|x| x.recipient = Some("USA".into())), &[e0]);
    check(&store, f(|x| x.recipient = Some("NER".into())), &[]);
    check(&store, f(|x| x.event_type = Some("sanction".into())), &[e0]);
    check(&store, f(|x| x.event_type = Some("MOBILIZE".into())), &[e1]);
    check(&store, f(|x| x.event_type = Some("ASSAULT".into())), &[]);
    check(&store, f(|x| x.place = Some("niamey".into())), &[e0]);
    check(&store, f(|x| x.place = Some("AGADEZ".into())), &[e1]);
    check(&store, f(|x| x.place = Some("ner".into())), &[e0, e1]);
    check(&store, f(|x| x.place = Some("Bamako".into())), &[]);
    check(&store, f(|x| x.limit = Some(1)), &[e0]);
    check(&store, f(|x| x.limit = Some(0)), &[]);
    check(
        &store,
        f(|x| {
            x.actor = Some("NER".into());
            x.recipient = Some("USA".into());
            x.event_type = Some("SANCTION".into());
            x.place = Some("Niamey".into());
            x.text = Some("révoqué".into());
        }),
        &[e0],
    );
}

#[test]
fn place_filter_folds_non_ascii_case() {
    let mut store = Store::open_in_memory().unwrap();
    let mut doc = full_doc();
    if let Some(p) = doc.mentions[0].place.as_mut() {
        p.name = "Zürich".into();
    }
    store.insert_docs(&[doc]).unwrap();
    let filter = EventFilter { place: Some("ZÜRICH".into()), ..Default::default() };
    assert_eq!(store.events(&filter).unwrap().len(), 1);
}

#[test]
fn text_filter_is_full_text_and_safe() {
    let (mut store, _) = store_with_full_doc();
    store.insert_docs(&[sample_doc(1, 4)]).unwrap();
    let count = |q: &str| store.events(&EventFilter { text: Some(q.into()), ..Default::default() }).unwrap().len();
    assert_eq!(count("accord militaire"), 2); // both events of the French article
    assert_eq!(count("ACCORD"), 2);
    assert_eq!(count("revoque"), 2); // diacritics folded
    assert_eq!(count("Sahel dispatch"), 2); // title of the sample: events at k = 0, 2
    assert_eq!(count("accord dispatch"), 0); // words must all occur in one article
    assert_eq!(count("l’accord"), 2);
    assert_eq!(count("États-Unis"), 2);
    // FTS5 syntax in user input is taken literally and never fails
    for q in [
        "\"",
        "\"unbalanced",
        "AND",
        "OR accord",
        "NOT",
        "NEAR(accord",
        "(",
        ")",
        "*",
        "accord*",
        "title:accord",
        "^accord",
        "a + b",
        "-",
        "'; DROP TABLE articles; --",
        "«»",
        "U.S.",
        "{x}",
        "accord\"militaire",
    ] {
        let _ = count(q);
    }
    assert_eq!(count("-"), 0); // nothing searchable: matches nothing
    assert_eq!(count("   "), 0);
    assert_eq!(count("title:accord"), 0); // a column filter would match; literal words do not
    assert_eq!(store.counts().unwrap().articles, 2);
}

#[test]
fn fts_query_quotes_words() {
    assert_eq!(fts_query("accord militaire").as_deref(), Some("\"accord\" \"militaire\""));
    assert_eq!(fts_query("say \"hi\"").as_deref(), Some("\"say\" \"\"\"hi\"\"\""));
    assert_eq!(fts_query(" - * ( "), None);
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn date_filters_take_events_wholly_in_range() {
    // event 0 is dated 2024-W11 (2024-03-11..17); event 1 has no date: article date 2024-03-17
    let (store, _) = store_with_full_doc();
    let all = ids(&store.events(&EventFilter::default()).unwrap());
    let (e0, e1) = (all[0].as_str(), all[1].as_str());
    let range = |since: Option<&str>, until: Option<&str>| EventFilter {
        since: since.map(day),
        until: until.map(day),
        ..Default::default()
    };
    check(&store, range(Some("2024-03-11"), None), &[e0, e1]);
    check(&store, range(Some("2024-03-17"), None), &[e1]); // the week starts before
    check(&store, range(Some("2024-03-18"), None), &[]);
    check(&store, range(None, Some("2024-03-11")), &[]); // the week ends after
    check(&store, range(None, Some("2024-03-10")), &[]);
    check(&store, range(Some("2024-03-13"), Some("2024-03-13")), &[]); // a week is not that day
    check(&store, range(Some("2024-03-11"), Some("2024-03-17")), &[e0, e1]);
    check(&store, range(Some("2024-03-17"), Some("2024-03-17")), &[e1]);
    check(&store, range(Some("2024-01-01"), Some("2024-12-31")), &[e0, e1]);

    // month, year and unknown values; an event without date in an undated article
    let mut store = Store::open_in_memory().unwrap();
    let mut doc = full_doc();
    doc.article.date = None;
    let mut month = doc.events[0].clone();
    month.trigger = doc.events[1].trigger; // distinct event ids
    let base = doc.events[0].clone();
    doc.events = vec![];
    for (i, value) in ["2024-03", "2023", "PAST_REF"].iter().enumerate() {
        let mut e = if i == 0 { month.clone() } else { base.clone() };
        e.trigger = Span::new(base.trigger.start + i, base.trigger.end);
        e.date = Some(EventDate { value: value.to_string(), precision: Precision::Month, time: None });
        doc.events.push(e);
    }
    let mut undated = base.clone();
    undated.trigger = Span::new(0, 6);
    undated.date = None;
    doc.events.push(undated);
    store.insert_docs(&[doc]).unwrap();
    let all = ids(&store.events(&EventFilter::default()).unwrap());
    assert_eq!(all.len(), 4);
    let (m, y) = (all[0].as_str(), all[1].as_str());
    check(&store, range(Some("2024-03-31"), None), &[]);
    check(&store, range(Some("2024-03-01"), None), &[m]);
    check(&store, range(Some("2024-04-01"), None), &[]);
    check(&store, range(None, Some("2024-03-01")), &[y]); // March is not "until 1 March"
    check(&store, range(None, Some("2024-03-31")), &[m, y]);
    check(&store, range(None, Some("2023-01-01")), &[]);
    check(&store, range(Some("2023-12-31"), Some("2023-12-31")), &[]);
    check(&store, range(Some("2023-01-01"), Some("2023-12-31")), &[y]);
    check(&store, range(Some("2024-03-01"), Some("2024-03-31")), &[m]); // not "2023", not undated
    check(&store, range(Some("1900-01-01"), Some("2100-01-01")), &[m, y]);
}

#[test]
fn migrates_empty_db_and_refuses_newer() {
    let path = temp_db("migrate");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    }
    {
        // reopening does not migrate again
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
        let tables: i64 = store
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'events'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 1);
    }
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    match Store::open(&path) {
        Err(e @ StoreError::NewerSchema { found: 99, .. }) => {
            let msg = e.to_string();
            assert!(msg.contains(&path.display().to_string()), "{msg}");
            assert!(msg.contains("99"), "{msg}");
        }
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("opened a newer database"),
    }
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn open_names_the_path_on_error() {
    let path = std::env::temp_dir().join(format!("griot-store-{}-missing-dir/x/y.db", std::process::id()));
    let msg = Store::open(&path).err().expect("cannot open").to_string();
    assert!(msg.contains("y.db"), "{msg}");
}

/// Parses CSV (RFC 4180) into rows of fields, for checking the export.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "csv ends mid-row");
    rows
}

#[test]
fn exports_parse_back() {
    let (mut store, _) = store_with_full_doc();
    let mut tricky = sample_doc(5, 6);
    tricky.article.url = Some("https://x.example/a,b\"c\nd".into());
    store.insert_docs(&[tricky]).unwrap();
    let total = store.counts().unwrap().events as usize;
    assert_eq!(total, 5);

    let mut out = Vec::new();
    assert_eq!(store.export_plover_jsonl(&mut out).unwrap(), total);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), total);
    let first = &lines[0];
    assert_eq!(first["event"], serde_json::json!(["SANCTION"]));
    assert_eq!(first["date"], "2024-03-11");
    assert_eq!(first["enddate"], "2024-03-17");
    assert_eq!(first["date_value"], "2024-W11");
    assert_eq!(first["actor"][0]["code"], "NER");
    assert_eq!(first["actor"][0]["sector"], "GOV");
    assert_eq!(first["recipient"][0]["code"], "USA");
    assert_eq!(first["recipient"][0]["entity_text"], "États-Unis");
    assert_eq!(first["mode"], serde_json::json!(["discontinue"]));
    assert_eq!(first["context"], serde_json::json!(["military", "diplomatic"]));
    assert_eq!(first["quad_code"], 3);
    assert_eq!(first["event_loc"]["resolved_place"], "Niamey");
    assert_eq!(first["event_loc"]["geonameid"], 2440485);
    assert_eq!(first["trigger"]["text"], "révoqué");
    assert_eq!(first["rule"], "revoke_agreement");
    assert_eq!(first["status"], "reported");
    assert_eq!(first["article_id"], "niger-fr");
    assert_eq!(first["text_info"]["sequence"], 0);
    assert_eq!(first["cite_info"]["language"], "fr");
    assert_eq!(first["evidence"].as_array().map(Vec::len), Some(2));
    let second = &lines[1];
    assert_eq!(second["date"], "2024-03-17"); // publication date
    assert!(second.get("enddate").is_none());
    assert_eq!(second["recipient"], serde_json::json!([]));
    assert!(second.get("dead").is_none()); // a count, not a size field
    let killed = lines.iter().find(|l| l["article_id"] == "s5" && l["dead"].is_number());
    assert!(killed.is_some(), "sample events with killed quantities carry dead");

    let mut out = Vec::new();
    assert_eq!(store.export_csv(&mut out).unwrap(), total);
    let rows = parse_csv(&String::from_utf8(out).unwrap());
    assert_eq!(rows.len(), total + 1);
    assert_eq!(rows[0], export::CSV_HEADER);
    assert!(rows.iter().all(|r| r.len() == export::CSV_HEADER.len()));
    let url_col = export::CSV_HEADER.iter().position(|h| *h == "article_url").unwrap();
    assert_eq!(rows[3][url_col], "https://x.example/a,b\"c\nd");
    assert_eq!(rows[1][export::CSV_HEADER.iter().position(|h| *h == "recipient_text").unwrap()], "États-Unis");
}

#[test]
fn empty_store_exports_header_only() {
    let store = Store::open_in_memory().unwrap();
    let mut out = Vec::new();
    assert_eq!(store.export_csv(&mut out).unwrap(), 0);
    assert_eq!(parse_csv(&String::from_utf8(out).unwrap()).len(), 1);
    let mut out = Vec::new();
    assert_eq!(store.export_plover_jsonl(&mut out).unwrap(), 0);
    assert!(out.is_empty());
    assert_eq!(store.counts().unwrap(), Counts::default());
}

#[test]
fn rolled_back_transaction_leaves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    {
        let path = store.path.clone();
        let tx = store.conn.transaction().unwrap();
        let mut ins = Inserter::new(&tx, &path).unwrap();
        for i in 0..3 {
            assert!(matches!(ins.insert(&sample_doc(i, 5), None).unwrap(), Inserted::Stored(None)));
        }
        drop(ins);
        let n: i64 = tx.query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
        assert!(n > 0);
        // dropped without commit: rolled back
    }
    assert_eq!(store.counts().unwrap(), Counts::default());
    let hits = store.events(&EventFilter { text: Some("dispatch".into()), ..Default::default() }).unwrap();
    assert!(hits.is_empty());
    // a rerun stores everything
    let s = store.insert_docs(&[sample_doc(0, 5), sample_doc(1, 5), sample_doc(2, 5)]).unwrap();
    assert_eq!(s.inserted, 3);
}

const CHILD_ENV: &str = "GRIOT_STORE_TEST_CHILD_DB";

/// Not a test by itself: the writer process that `killed_writer_leaves_consistent_db` kills.
#[test]
#[ignore]
fn child_writer() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    let mut n = 0;
    loop {
        let batch: Vec<Doc> = (n..n + 50).map(|i| sample_doc(i, 20)).collect();
        store.insert_docs(&batch).unwrap();
        n += 50;
    }
}

#[test]
fn killed_writer_leaves_consistent_db() {
    let path = temp_db("killed");
    let exe = std::env::current_exe().unwrap();
    let mut child = std::process::Command::new(exe)
        .args(["--exact", "tests::child_writer", "--ignored", "--nocapture"])
        .env(CHILD_ENV, &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // wait until some batches are in, then kill mid-run
    let mut stored = 0;
    for _ in 0..2400 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        if let Ok(store) = Store::open(&path) {
            stored = store.counts().map(|c| c.articles).unwrap_or(0);
            if stored >= 100 {
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stored >= 50, "child stored {stored} articles");
    let mut store = Store::open(&path).unwrap();
    let ok: String = store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let c = store.counts().unwrap();
    assert_eq!(c.articles % 50, 0, "whole batches only: {c:?}");
    assert_eq!(c.sentences, c.articles * 20);
    assert_eq!(c.events, c.articles * 10);
    // rerun: what is missing is inserted, what is there is skipped
    let have = c.articles as usize;
    let docs: Vec<Doc> = (0..have + 30).map(|i| sample_doc(i, 20)).collect();
    let s = store.insert_docs(&docs).unwrap();
    assert_eq!((s.inserted, s.duplicates), (30, have));
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn two_writers_on_one_file_wait_for_each_other() {
    let path = temp_db("writers");
    Store::open(&path).unwrap();
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                // overlapping ranges: 0..30 and 20..50
                let mut stored = 0;
                for chunk in 0..3 {
                    let from = t * 20 + chunk * 10;
                    let docs: Vec<Doc> = (from..from + 10).map(|i| sample_doc(i, 3)).collect();
                    stored += store.insert_docs(&docs).unwrap().inserted;
                }
                stored
            })
        })
        .collect();
    let stored: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(stored, 50);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().articles, 50);
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn floats_read_back_bit_exact() {
    let mut doc = sample_doc(9, 1);
    // deterministic spread of awkward doubles (xorshift over the bit patterns)
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut values = vec![0.1 + 0.2, 13.513660000000001, 2.2250738585072014e-308, 5e-324, 1e300, -0.0];
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let v = f64::from_bits(x);
        if v.is_finite() {
            values.push(v);
        }
        values.push((x % 180_000_000) as f64 / 1_000_000.0 - 90.0); // lat-like
    }
    let template = doc.quantities[0].clone();
    doc.quantities = values.iter().map(|&v| Quantity { value: v, ..template.clone() }).collect();
    let mut store = Store::open_in_memory().unwrap();
    store.insert_docs(std::slice::from_ref(&doc)).unwrap();
    let back = store.doc(&doc.article.id).unwrap().unwrap();
    for (a, b) in doc.quantities.iter().zip(&back.quantities) {
        assert_eq!(a.value.to_bits(), b.value.to_bits(), "{} read back as {}", a.value, b.value);
    }
}
