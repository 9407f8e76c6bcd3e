//! Read-only opening, replacing stored analyses, literal story filters, first summaries kept.

use super::*;
use crate::sample::sample_doc;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("griot-store-ro-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn read_only_open_never_creates() {
    let dir = temp_dir("missing");
    let path = dir.join("none.db");
    let e = Store::open_read_only(&path).err().expect("missing database is an error");
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    assert!(e.to_string().starts_with(&format!("no database at {}", path.display())), "{e}");
    assert!(!path.exists());
    // a file that is not a database
    std::fs::write(&path, b"hello, not sqlite at all, but long enough to have a header......").unwrap();
    let e = Store::open_read_only(&path).err().expect("not a database");
    assert!(e.to_string().contains("not a griot database") || e.to_string().contains("cannot open"), "{e}");
    // an empty SQLite file (user_version 0) is not a griot database
    let empty = dir.join("empty.db");
    rusqlite::Connection::open(&empty).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
    let e = Store::open_read_only(&empty).err().expect("not griot");
    assert!(matches!(e, StoreError::NotGriot { .. }), "{e}");
    // a blank SQLite file (a writer stopped before its first migration) reads as empty
    let blank = dir.join("blank.db");
    std::fs::write(&blank, b"").unwrap();
    let store = Store::open_read_only(&blank).expect("blank database reads as empty");
    assert_eq!(store.counts().unwrap().articles, 0);
    assert_eq!(std::fs::metadata(&blank).unwrap().len(), 0, "reading writes nothing");
    let mut store = Store::open(&blank).unwrap();
    store.insert_docs(&[sample_doc(1, 2)]).unwrap();
    assert_eq!(Store::open_read_only(&blank).unwrap().counts().unwrap().articles, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn read_only_directory_can_be_queried() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("rodir");
    let path = dir.join("griot.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_docs(&[sample_doc(1, 4), sample_doc(2, 4)]).unwrap();
    }
    for mode in [0o555, 0o755] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(if mode == 0o555 { 0o444 } else { 0o644 })).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.counts().unwrap().articles, 2);
        assert!(!store.events(&EventFilter::default()).unwrap().is_empty());
    }
    // Permissions do not stop root: directories where SQLite's -wal and -shm files would go
    // stop everyone from making them (a plain read-only open then fails; the store falls
    // back to an immutable open).
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for ext in ["-wal", "-shm"] {
        let side = dir.join(format!("griot.db{ext}"));
        let _ = std::fs::remove_file(&side);
        std::fs::create_dir(&side).unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.counts().unwrap().articles, 2);
    assert!(!store.events(&EventFilter::default()).unwrap().is_empty());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replace_docs_keeps_id_and_place() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b) = (sample_doc(1, 3), sample_doc(2, 3));
    store.insert_docs(&[a.clone(), b.clone()]).unwrap();
    let mut again = a.clone();
    again.article.id = "other-id".into();
    again.article.date = chrono::NaiveDate::from_ymd_opt(2020, 1, 2);
    again.events.truncate(1);
    let s = store.replace_docs(&[again.clone(), again.clone()]).unwrap();
    assert_eq!((s.inserted, s.replaced, s.duplicates), (0, 1, 1));
    assert_eq!(store.article_ids().unwrap(), vec![a.article.id.clone(), b.article.id.clone()]);
    let stored = store.doc(&a.article.id).unwrap().unwrap();
    assert_eq!(stored.article.date, again.article.date);
    assert_eq!(stored.events.len(), 1);
    assert_eq!(store.counts().unwrap().articles, 2);
    // the full-text index follows
    let f = |w: &str| store.events(&EventFilter { text: Some(w.into()), ..Default::default() }).unwrap().len();
    assert!(f("Niamey") > 0 || f("Niger") > 0);
    // a new text is simply stored
    let s = store.replace_docs(&[sample_doc(3, 2)]).unwrap();
    assert_eq!((s.inserted, s.replaced), (1, 0));
}

fn item(id: &str, json: &str) -> crate::SummaryItem {
    crate::SummaryItem { article_id: id.into(), day: None, data: json.as_bytes().to_vec() }
}

#[test]
fn first_summary_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let a = sample_doc(1, 2);
    store.insert_docs(&[a.clone()]).unwrap();
    let id = a.article.id.clone();
    assert_eq!(store.put_summaries(&[item(&id, "{\"first\":1}")]).unwrap(), 1);
    assert_eq!(store.put_summaries(&[item(&id, "{\"later\":1}")]).unwrap(), 0);
    assert_eq!(store.summaries().unwrap(), vec![b"{\"first\":1}".to_vec()]);
    // replacing the article drops its summary, so the next one is taken
    store.replace_docs(&[a]).unwrap();
    assert!(store.summaries().unwrap().is_empty());
    assert_eq!(store.put_summaries(&[item(&id, "{\"new\":1}")]).unwrap(), 1);
}

#[test]
fn story_actor_filter_is_literal() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_docs(&[sample_doc(1, 2)]).unwrap();
    let row = |id: &str, actors: &[&str]| StoryRow {
        id: id.into(),
        title: "t".into(),
        start: Some("2024-03-01".into()),
        end: None,
        num_articles: 1,
        num_sources: 1,
        actors: actors.iter().map(|s| s.to_string()).collect(),
        data: "{}".into(),
    };
    store.replace_stories(&[row("s1", &["NER", "USA"]), row("s2", &["N_R"])], &[], &[]).unwrap();
    let f = |a: &str| store.stories(&StoryFilter { actor: Some(a.into()), ..Default::default() }).unwrap().len();
    assert_eq!(f("%"), 0);
    assert_eq!(f("_"), 0);
    assert_eq!(f("N_R"), 1);
    assert_eq!(f("n%"), 0);
    assert_eq!(f("ner"), 1);
}

#[test]
fn formula_cells_are_neutralised() {
    use crate::export::neutralise_cell;
    for (raw, safe) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-1.5", "-1.5"),
        ("+3", "+3"),
        ("-", "'-"),
        ("plain", "plain"),
        ("", ""),
    ] {
        assert_eq!(neutralise_cell(raw), safe, "{raw:?}");
    }
    let mut line = String::new();
    crate::export::csv_row_neutralised(&mut line, ["=1+1", "a,b", "-7"]);
    assert_eq!(line, "'=1+1,\"a,b\",-7\r\n");
}
