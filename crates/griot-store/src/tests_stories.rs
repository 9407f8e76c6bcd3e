//! Incremental story tables (schema step 7): a store written by the previous version
//! migrated in place, the pending articles, partial story updates, and the query plans of
//! the reads an update makes.

use crate::sample::sample_doc;
use crate::*;

/// Dump (sqlite3 `.dump`) of a schema-6 store written by griot before schema step 7: four
/// sample articles with every layer, three summaries (dated 2024-03-16, dated 0001-01-01,
/// undated), stories for three articles (one a near duplicate), an event row of a story.
const STORE_V6: &str = include_str!("testdata/store_v6.sql");

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("griot-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("griot.db")
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn item(id: &str, day: Option<i64>) -> SummaryItem {
    SummaryItem { article_id: id.into(), day, data: format!("{{\"id\":\"{id}\"}}").into_bytes() }
}

#[test]
fn a_store_of_schema_6_is_migrated_in_place_with_nothing_lost() {
    let path = temp_db("v6");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(STORE_V6).unwrap();
        conn.pragma_update(None, "user_version", 6).unwrap();
    }
    let tables = ["articles", "sentences", "mentions", "times", "quantities", "statements", "events", "story_summaries", "stories", "story_articles", "event_stories", "articles_fts"];
    let before: Vec<i64> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        tables.iter().map(|t| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()).collect()
    };
    assert_eq!(before[0], 4, "the fixture holds four articles");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    let after: Vec<i64> = tables.iter().map(|t| count(&store, t)).collect();
    assert_eq!(before, after, "rows of {tables:?}");
    // every document reads back as it was written (sample docs 1..=4, the third undated)
    for n in 1..=4 {
        let mut doc = sample_doc(n, 3);
        if n == 3 {
            doc.article.date = None;
        }
        assert_eq!(store.doc(&doc.article.id).unwrap().as_ref(), Some(&doc), "doc {n}");
    }
    // the summaries got their days, as chrono counts them
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap().num_days_from_ce() as i64;
    use chrono::Datelike;
    let got = store.summaries_between(day("2024-03-16"), day("2024-03-16")).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].story_id.as_deref(), got[0].near_duplicate_of.as_deref()), (Some("00000000000000aa"), None));
    assert_eq!(store.summaries_between(1, 1).unwrap().len(), 1, "0001-01-01 is day 1");
    let undated = store.summaries_undated().unwrap();
    assert_eq!(undated.len(), 1);
    assert_eq!(undated[0].near_duplicate_of.as_deref(), Some(sample_doc(2, 3).article.id.as_str()));
    assert_eq!(store.last_summary_day().unwrap(), Some(day("2024-03-16")));
    // the stories and the event row are kept; the one article without a story (and summary) is pending
    assert_eq!(store.story_count().unwrap(), 2);
    assert!(store.story("00000000000000aa").unwrap().is_some());
    let pending = store.pending_stories().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].article_id.as_str(), pending[0].has_summary), (sample_doc(4, 3).article.id.as_str(), false));
    assert_eq!(store.articles_without_summary().unwrap(), vec![sample_doc(4, 3).article.id.clone()]);
    // and the migrated store takes new articles
    store.insert_docs(&[sample_doc(5, 2)]).unwrap();
    assert_eq!(store.pending_stories().unwrap().len(), 2);
}

#[test]
fn stored_and_re_analysed_articles_are_pending_until_their_stories_are_written() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b) = (sample_doc(1, 2), sample_doc(2, 2));
    store.insert_docs(&[a.clone(), b.clone()]).unwrap();
    assert!(store.stories_stale().unwrap());
    assert_eq!(store.articles_without_summary().unwrap().len(), 2);
    store.put_summaries(&[item(&a.article.id, Some(100)), item(&b.article.id, None)]).unwrap();
    assert!(store.articles_without_summary().unwrap().is_empty());
    let p = store.pending_stories().unwrap();
    assert_eq!(p.iter().map(|p| (p.day, p.has_summary, p.previous.is_none())).collect::<Vec<_>>(), vec![(Some(100), true, true), (None, true, true)]);
    let row = |id: &str, start: Option<&str>| StoryRow {
        id: id.into(),
        title: "t".into(),
        start: start.map(str::to_string),
        end: start.map(str::to_string),
        num_articles: 1,
        num_sources: 1,
        actors: vec!["NER".into()],
        data: "{}".into(),
    };
    let sa = |art: &str, story: &str| StoryArticleRow { article_id: art.into(), story_id: story.into(), near_duplicate_of: None };
    let ev = |e: &str, story: &str| EventStoryRow { event_id: e.into(), story_id: story.into(), story_event_id: 1, num_mentions: 1, num_sources: 1, num_articles: 1 };
    store
        .update_stories(&StoryChange {
            articles: vec![sa(&a.article.id, "s1"), sa(&b.article.id, "s2")],
            stories: vec![row("s1", Some("2024-01-01")), row("s2", None)],
            events: vec![ev("e1", "s1"), ev("e2", "s2")],
            removed: vec![],
            done: vec![a.article.id.clone()],
        })
        .unwrap();
    assert!(store.stories_stale().unwrap(), "b is still pending");
    assert_eq!(store.pending_stories().unwrap().len(), 1);
    store
        .update_stories(&StoryChange { done: vec![b.article.id.clone()], ..Default::default() })
        .unwrap();
    assert!(!store.stories_stale().unwrap());
    // re-analysing a makes it pending again, with its previous story
    store.replace_docs(&[a.clone()]).unwrap();
    let p = store.pending_stories().unwrap();
    assert_eq!(p.len(), 1);
    assert!(!p[0].has_summary, "the summary of a re-analysed article is dropped");
    assert_eq!(p[0].previous, Some(PreviousStory { id: "s1".into(), start: Some("2024-01-01".into()), end: Some("2024-01-01".into()) }));
    // a story that is removed takes its event rows; one rewritten replaces them
    store
        .update_stories(&StoryChange {
            articles: vec![sa(&a.article.id, "s2")],
            stories: vec![row("s2", None)],
            events: vec![ev("e1", "s2")],
            removed: vec!["s1".into()],
            done: vec![a.article.id.clone()],
        })
        .unwrap();
    assert!(store.story("s1").unwrap().is_none());
    assert_eq!(count(&store, "event_stories"), 1, "e2 went with the old s2 rows, e1 is in the new s2");
    assert_eq!(store.story_of_article(&a.article.id).unwrap().as_deref(), Some("s2"));
    assert!(!store.stories_stale().unwrap());
    // a full regrouping leaves nothing pending
    store.insert_docs(&[sample_doc(3, 2)]).unwrap();
    store.replace_stories(&[], &[], &[]).unwrap();
    assert!(!store.stories_stale().unwrap());
}

/// The query plan of `sql` as SQLite explains it, one detail per line.
pub(crate) fn plan(store: &Store, sql: &str, args: &[rusqlite::types::Value]) -> String {
    let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3)).unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_update_reads_summaries_and_pending_articles_through_indexes() {
    let store = Store::open_in_memory().unwrap();
    use rusqlite::types::Value;
    let p = plan(
        &store,
        "SELECT a.id, ss.summary, sa.story_id, sa.near_duplicate_of FROM story_summaries ss \
         JOIN articles a ON a.rowid = ss.article LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE ss.day BETWEEN ?1 AND ?2",
        &[Value::Integer(1), Value::Integer(2)],
    );
    assert!(p.contains("story_summaries_day"), "{p}");
    assert!(!p.contains("SCAN"), "{p}");
    let p = plan(&store, "SELECT 1 FROM event_stories WHERE story_id = ?1", &[Value::Text("s".into())]);
    assert!(p.contains("event_stories_story"), "{p}");
}

/// The page queries of the main filters, as `griot events` and `griot serve` run them, read
/// through an index (a regression to a full scan of the events table fails here).
#[test]
fn event_pages_of_the_main_filters_use_indexes() {
    use crate::browse::{page_sql, EventQuery, EventSort};
    let store = Store::open_in_memory().unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let f = |filter: EventFilter| EventQuery { filter, ..Default::default() };
    let s = |v: &str| Some(v.to_string());
    let cases: Vec<(&str, EventQuery, EventSort)> = vec![
        ("actor", f(EventFilter { actor: s("NER"), ..Default::default() }), EventSort::Ingest),
        ("actor+sector", f(EventFilter { actor: s("NERMIL"), ..Default::default() }), EventSort::Ingest),
        ("recipient", f(EventFilter { recipient: s("USA"), ..Default::default() }), EventSort::Ingest),
        ("type", f(EventFilter { event_type: s("SANCTION"), ..Default::default() }), EventSort::Ingest),
        ("actor+type", f(EventFilter { actor: s("NER"), event_type: s("SANCTION"), ..Default::default() }), EventSort::Ingest),
        ("actor+recipient", f(EventFilter { actor: s("NER"), recipient: s("USA"), ..Default::default() }), EventSort::Ingest),
        ("month", f(EventFilter { since: day("2024-03-01"), until: day("2024-03-31"), ..Default::default() }), EventSort::DateAsc),
        ("month, ingest order", f(EventFilter { since: day("2024-03-01"), until: day("2024-03-31"), ..Default::default() }), EventSort::Ingest),
        ("actor+month", f(EventFilter { actor: s("NER"), since: day("2024-03-01"), until: day("2024-03-31"), ..Default::default() }), EventSort::Ingest),
        ("place", f(EventFilter { place: s("Niamey"), ..Default::default() }), EventSort::Ingest),
        ("text", f(EventFilter { text: s("pact"), ..Default::default() }), EventSort::Ingest),
    ];
    for (what, q, sort) in cases {
        let (sql, args) = page_sql(&q, sort, None, 50).unwrap();
        let p = plan(&store, &sql, &args);
        let scans_events = p.lines().any(|l| l.starts_with("SCAN e") && !l.contains("USING") && !l.contains("INDEX"));
        assert!(!scans_events, "{what}: a full scan of events\n{sql}\n{p}");
        assert!(p.contains("INDEX") || p.contains("VIRTUAL TABLE"), "{what}: no index\n{sql}\n{p}");
        // keyset reads: the first page of these reads its rows and stops, it does not sort
        // every match first
        let keyset = ["actor", "recipient", "type", "actor+type", "actor+recipient"];
        if keyset.contains(&what) {
            assert!(!p.contains("TEMP B-TREE"), "{what}: the matches are sorted before the first page\n{sql}\n{p}");
        }
        eprintln!("{what}:\n{p}\n");
    }
}

/// `griot events` streams what `Store::events` returns: the same events, in ingest order,
/// as the pages of `griot serve` give them, with the limit applied, for each main filter.
#[test]
fn streamed_events_are_the_pages_in_ingest_order() {
    use crate::browse::{EventCursor, EventQuery, EventSort};
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = (0..40).map(|i| sample_doc(i, 4)).collect();
    store.insert_docs(&docs).unwrap();
    // a re-analysed article has its events stored anew, last in ingest order
    store.replace_docs(&[sample_doc(3, 4)]).unwrap();
    let s = |v: &str| Some(v.to_string());
    let filters = [
        EventFilter::default(),
        EventFilter { actor: s("NER"), ..Default::default() },
        EventFilter { actor: s("nergov"), ..Default::default() },
        EventFilter { recipient: s("MLI"), ..Default::default() },
        EventFilter { event_type: s("SANCTION"), actor: s("NER"), ..Default::default() },
        EventFilter { place: s("Niamey"), ..Default::default() },
        EventFilter { text: s("Bamako"), ..Default::default() },
    ];
    for f in filters {
        let q = EventQuery { filter: f.clone(), ..Default::default() };
        let mut paged = Vec::new();
        let mut cursor: Option<EventCursor> = None;
        loop {
            let page = store.events_page(&q, EventSort::Ingest, cursor.as_ref(), 7).unwrap();
            paged.extend(page.events.into_iter().map(|e| e.event));
            match page.next {
                Some(t) => cursor = EventCursor::parse(&t),
                None => break,
            }
        }
        assert!(!paged.is_empty(), "{f:?}");
        let mut streamed = Vec::new();
        let n = store
            .for_each_event(&f, |e| {
                streamed.push(e);
                Ok::<(), StoreError>(())
            })
            .unwrap();
        assert_eq!(n, streamed.len());
        assert_eq!(streamed, paged, "{f:?}");
        assert_eq!(store.events(&f).unwrap(), paged, "{f:?}");
        let limited = store.events(&EventFilter { limit: Some(5), ..f.clone() }).unwrap();
        assert_eq!(limited[..], paged[..paged.len().min(5)], "{f:?}");
        assert!(store.events(&EventFilter { limit: Some(0), ..f.clone() }).unwrap().is_empty());
    }
    // ingest order: the re-analysed article's events come last
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.last().map(|e| e.article_id.as_str()), Some("s3"));
    // an error of the callback stops the stream and is returned
    let mut seen = 0;
    let r = store.for_each_event(&EventFilter::default(), |_| {
        seen += 1;
        if seen == 3 {
            Err(StoreError::Missing { path: "stop".into() })
        } else {
            Ok(())
        }
    });
    assert!(matches!(r, Err(StoreError::Missing { .. })));
    assert_eq!(seen, 3);
}

/// Schema step 9 repacks a store of step 8 in place: the JSON moves into packed blobs, byte
/// for byte, and every reader gives what it gave before.
#[test]
fn a_store_of_schema_8_is_repacked_in_place_with_nothing_lost() {
    let path = temp_db("v8");
    let old = |conn: &rusqlite::Connection, sql: &str| -> Vec<(String, Vec<u8>)> {
        let mut st = conn.prepare(sql).unwrap();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get_ref(1)?.as_bytes().unwrap().to_vec()))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let (records, views, summaries, places) = {
        // the schema-6 fixture brought to step 8 by the steps of that time
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(STORE_V6).unwrap();
        for step in &schema::MIGRATIONS[6..8] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        let places: Vec<(String, Option<f64>, Option<f64>)> = {
            let mut st = conn
                .prepare("SELECT event_id, json_extract(record, '$.location.lat'), json_extract(record, '$.location.lon') FROM events ORDER BY rowid")
                .unwrap();
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        (
            old(&conn, "SELECT event_id, record FROM events ORDER BY rowid"),
            old(&conn, "SELECT id, data FROM stories ORDER BY id"),
            old(&conn, "SELECT CAST(article AS TEXT), summary FROM story_summaries ORDER BY article"),
            places,
        )
    };
    assert!(!records.is_empty() && !views.is_empty() && !summaries.is_empty());
    assert!(places.iter().any(|p| p.1.is_some()), "the fixture has located events");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 9);
    // the item columns are gone
    for t in ["sentences", "mentions", "times", "quantities", "statements", "events"] {
        let cols: Vec<String> =
            store.conn.prepare(&format!("SELECT * FROM {t}")).unwrap().column_names().iter().map(|c| c.to_string()).collect();
        assert!(!cols.contains(&"item".to_string()), "{t}: {cols:?}");
    }
    // records: packed, the same JSON, and their coordinates as columns
    let now = old(&store.conn, "SELECT event_id, record FROM events ORDER BY rowid");
    assert_eq!(now.len(), records.len());
    for ((id, was), (id2, packed)) in records.iter().zip(&now) {
        assert_eq!(id, id2);
        assert_eq!(packed[0], codec::PACKED);
        assert_eq!(&*codec::unpack(packed).unwrap(), &was[..], "record of {id}");
    }
    let cols: Vec<(String, Option<f64>, Option<f64>)> = {
        let mut st = store.conn.prepare("SELECT event_id, lat, lon FROM events ORDER BY rowid").unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(cols, places);
    let events = store.events(&EventFilter::default()).unwrap();
    let expected: Vec<griot_text::record::EventRecord> =
        records.iter().map(|(_, json)| serde_json::from_slice(json).unwrap()).collect();
    assert_eq!(events.iter().map(|e| e.record.clone()).collect::<Vec<_>>(), expected);
    // story views read back as they were
    for (id, was) in &views {
        assert_eq!(store.story(id).unwrap().unwrap().data.as_bytes(), &was[..], "story {id}");
    }
    // summaries: still JSON, listed for the caller to rewrite, then rewritten
    assert_eq!(store.summaries().unwrap(), summaries.iter().map(|s| s.1.clone()).collect::<Vec<_>>());
    let todo = store.summaries_to_upgrade(100).unwrap();
    assert_eq!(todo.iter().map(|t| t.1.clone()).collect::<Vec<_>>(), summaries.iter().map(|s| s.1.clone()).collect::<Vec<_>>());
    store.upgrade_summaries(&todo.iter().map(|(a, _)| (*a, b"new".to_vec())).collect::<Vec<_>>()).unwrap();
    assert!(store.summaries_to_upgrade(100).unwrap().is_empty());
    assert!(store.summaries().unwrap().iter().all(|s| s == b"new"));
    // the view of SQL users is there again
    let n: i64 = store.conn.query_row("SELECT count(*) FROM events_flat", [], |r| r.get(0)).unwrap();
    assert_eq!(n as usize, records.len());
}
