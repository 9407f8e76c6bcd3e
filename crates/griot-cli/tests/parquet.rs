//! `griot export --format parquet --out DIR`, read back with the parquet crate's own reader:
//! the four files, their typed columns, and the same events as the PLOVER JSON lines export.
//! (`.ci/run` also reads them with pyarrow and DuckDB: `tests/parquet/test_read.py`.)

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn griot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(dir)
        .env_remove("GRIOT_DB")
        .env_remove("GRIOT_CONFIG")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run griot")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("griot-parquet-{}-{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn reader(path: &Path) -> SerializedFileReader<File> {
    SerializedFileReader::new(File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).expect("parquet file")
}

/// (physical type, logical type) of a top-level leaf column.
fn column_type(r: &SerializedFileReader<File>, name: &str) -> (Physical, Option<LogicalType>) {
    let schema = r.metadata().file_metadata().schema_descr();
    let c = (0..schema.num_columns()).map(|i| schema.column(i)).find(|c| c.path().string() == name).unwrap_or_else(|| panic!("no column {name}"));
    (c.physical_type(), c.logical_type_ref().cloned())
}

#[test]
fn parquet_tables_are_typed_and_hold_every_event() {
    let dir = scratch("export");
    let o = griot(&dir, &["ingest", "--quiet", repo().join("tests/stories/stories.jsonl").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = griot(&dir, &["export", "--format", "parquet", "--out", "pq"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = griot(&dir, &["export", "--format", "plover-jsonl"]);
    let jsonl: BTreeSet<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();

    let events = reader(&dir.join("pq/events.parquet"));
    assert_eq!(column_type(&events, "date_start"), (Physical::INT32, Some(LogicalType::Date)));
    assert_eq!(column_type(&events, "lat"), (Physical::DOUBLE, None));
    assert_eq!(column_type(&events, "type"), (Physical::BYTE_ARRAY, Some(LogicalType::String)));
    assert_eq!(column_type(&events, "evidence.list.element.start"), (Physical::INT64, None));
    assert_eq!(column_type(&events, "evidence.list.element.text").0, Physical::BYTE_ARRAY);
    let rg = events.metadata().row_group(0);
    let type_col = rg.columns().iter().find(|c| c.column_path().string() == "type").unwrap();
    assert!(type_col.dictionary_page_offset().is_some(), "codes are dictionary-encoded");

    let mut ids = BTreeSet::new();
    let mut with_evidence = 0;
    for row in events.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        for (name, field) in row.get_column_iter() {
            match (name.as_str(), field) {
                ("event_id", Field::Str(s)) => {
                    ids.insert(s.clone());
                }
                ("evidence", Field::ListInternal(l)) => {
                    with_evidence += usize::from(!l.elements().is_empty());
                    for e in l.elements() {
                        let Field::Group(g) = e else { panic!("evidence item {e:?}") };
                        let names: Vec<&String> = g.get_column_iter().map(|(n, _)| n).collect();
                        assert_eq!(names, ["start", "end", "text"]);
                    }
                }
                ("date_start" | "date_end", f) => assert!(matches!(f, Field::Date(_) | Field::Null), "{name}: {f:?}"),
                _ => {}
            }
        }
    }
    assert_eq!(ids, jsonl, "events.parquet holds the same events as plover-jsonl");
    assert!(with_evidence > 0);

    let count = |name: &str| reader(&dir.join(format!("pq/{name}.parquet"))).metadata().file_metadata().num_rows();
    let o = griot(&dir, &["stats"]);
    let stats = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(count("articles") == 35, "articles: {} ({stats})", count("articles"));
    assert!(count("stories") >= 5 && count("mentions") >= count("stories"));
    let stories = reader(&dir.join("pq/stories.parquet"));
    assert_eq!(column_type(&stories, "start"), (Physical::INT32, Some(LogicalType::Date)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn parquet_needs_an_output_directory() {
    let dir = scratch("noout");
    assert!(griot(&dir, &["ingest", "--quiet", repo().join("examples/niger-us-pact.txt").to_str().unwrap()]).status.success());
    let o = griot(&dir, &["export", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_database_gives_empty_files_with_their_schema() {
    let dir = scratch("empty");
    std::fs::write(dir.join("a.txt"), "Nothing happens here at all.\n").unwrap();
    assert!(griot(&dir, &["ingest", "--quiet", "a.txt"]).status.success());
    let o = griot(&dir, &["export", "--format", "parquet", "--out", "pq"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events = reader(&dir.join("pq/events.parquet"));
    assert_eq!(events.metadata().file_metadata().num_rows(), 0);
    assert_eq!(column_type(&events, "date_start"), (Physical::INT32, Some(LogicalType::Date)));
    let _ = std::fs::remove_dir_all(&dir);
}
