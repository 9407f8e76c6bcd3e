//! `griot export --format parquet --out DIR`: the stored events, their mentions (one per
//! report of a story event), the articles and the stories as four Parquet files with typed
//! columns: dates as DATE (Arrow `Date32`), codes dictionary-encoded, offsets and counts as
//! integers, lat/lon as DOUBLE, evidence as a list of structs `{start, end, text}`. Written
//! with the `parquet` crate's column writers (no Arrow in the build), snappy-compressed, in
//! row groups of [`ROW_GROUP`] rows. Column names are the SQLite store's where the column
//! exists there (`docs/schema.md`).

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use griot_store::{EventFilter, Store, StoryFilter};
use griot_story::Story;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::ColumnPath;

/// Rows per row group.
pub const ROW_GROUP: usize = 65_536;

/// One column of a table being built: values by row.
enum Values {
    Str(Vec<Option<String>>),
    I64(Vec<Option<i64>>),
    I32(Vec<Option<i32>>),
    Date(Vec<Option<NaiveDate>>),
    F64(Vec<Option<f64>>),
    Bool(Vec<bool>),
    StrList(Vec<Vec<String>>),
    Spans(Vec<Vec<(i64, i64, String)>>),
}

struct Column {
    name: &'static str,
    /// Dictionary-encode (codes and other few-valued strings).
    dict: bool,
    values: Values,
}

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 string, plain encoding.
    Str,
    /// UTF-8 string, dictionary-encoded.
    Code,
    I64,
    I32,
    /// DATE (days since 1970-01-01; Arrow Date32).
    Date,
    F64,
    Bool,
    /// List of dictionary-encoded strings.
    StrList,
    /// List of struct {start: int64, end: int64, text: string}.
    Spans,
}

/// A table built row by row, then written column by column. Its columns are declared up
/// front, so that a table without rows still has its schema.
pub struct Table {
    columns: Vec<Column>,
    rows: usize,
    /// A value given for a column that is not declared, or of another kind.
    misuse: Option<&'static str>,
}

/// Days from 1970-01-01 (Parquet DATE).
fn epoch_days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((d - epoch).num_days()).unwrap_or(i32::MAX)
}

macro_rules! adder {
    ($fn:ident, $variant:ident, $t:ty, $conv:expr) => {
        pub fn $fn(&mut self, name: &'static str, v: $t) {
            match self.columns.iter_mut().find(|c| c.name == name).map(|c| &mut c.values) {
                Some(Values::$variant(x)) => x.push($conv(v)),
                _ => self.misuse = Some(name),
            }
        }
    };
}

impl Table {
    pub fn new(columns: &[(&'static str, Kind)]) -> Table {
        let columns = columns
            .iter()
            .map(|&(name, kind)| Column {
                name,
                dict: matches!(kind, Kind::Code | Kind::StrList),
                values: match kind {
                    Kind::Str | Kind::Code => Values::Str(Vec::new()),
                    Kind::I64 => Values::I64(Vec::new()),
                    Kind::I32 => Values::I32(Vec::new()),
                    Kind::Date => Values::Date(Vec::new()),
                    Kind::F64 => Values::F64(Vec::new()),
                    Kind::Bool => Values::Bool(Vec::new()),
                    Kind::StrList => Values::StrList(Vec::new()),
                    Kind::Spans => Values::Spans(Vec::new()),
                },
            })
            .collect();
        Table { columns, rows: 0, misuse: None }
    }
    adder!(str, Str, Option<&str>, |v: Option<&str>| v.map(str::to_string));
    adder!(code, Str, Option<&str>, |v: Option<&str>| v.map(str::to_string));
    adder!(i64, I64, Option<i64>, |v| v);
    adder!(i32, I32, Option<i32>, |v| v);
    adder!(date, Date, Option<NaiveDate>, |v| v);
    adder!(f64, F64, Option<f64>, |v| v);
    adder!(bool, Bool, bool, |v| v);
    adder!(str_list, StrList, Vec<String>, |v| v);
    adder!(spans, Spans, Vec<(i64, i64, String)>, |v| v);

    /// Ends a row: every column must have had one value.
    pub fn end_row(&mut self) {
        self.rows += 1;
    }

    fn schema(&self, name: &str) -> String {
        let mut s = format!("message {name} {{\n");
        for c in &self.columns {
            let n = c.name;
            s.push_str(&match c.values {
                Values::Str(_) => format!("  optional binary {n} (STRING);\n"),
                Values::I64(_) => format!("  optional int64 {n};\n"),
                Values::I32(_) => format!("  optional int32 {n};\n"),
                Values::Date(_) => format!("  optional int32 {n} (DATE);\n"),
                Values::F64(_) => format!("  optional double {n};\n"),
                Values::Bool(_) => format!("  required boolean {n};\n"),
                Values::StrList(_) => format!("  required group {n} (LIST) {{\n    repeated group list {{\n      required binary element (STRING);\n    }}\n  }}\n"),
                Values::Spans(_) => format!(
                    "  required group {n} (LIST) {{\n    repeated group list {{\n      required group element {{\n        required int64 start;\n        required int64 end;\n        required binary text (STRING);\n      }}\n    }}\n  }}\n"
                ),
            });
        }
        s.push_str("}\n");
        s
    }

    /// Writes the table to `path` as Parquet. Returns the number of rows.
    pub fn write(&self, name: &str, path: &Path) -> Result<usize> {
        if let Some(c) = self.misuse {
            anyhow::bail!("internal: value for undeclared column {c} of {name}");
        }
        for c in &self.columns {
            let n = match &c.values {
                Values::Str(v) => v.len(),
                Values::I64(v) => v.len(),
                Values::I32(v) => v.len(),
                Values::Date(v) => v.len(),
                Values::F64(v) => v.len(),
                Values::Bool(v) => v.len(),
                Values::StrList(v) => v.len(),
                Values::Spans(v) => v.len(),
            };
            anyhow::ensure!(n == self.rows, "internal: column {} of {name} has {n} values for {} rows", c.name, self.rows);
        }
        let schema = Arc::new(parse_message_type(&self.schema(name)).context("parquet schema")?);
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_dictionary_enabled(false)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .set_created_by(format!("griot {}", env!("CARGO_PKG_VERSION")));
        for c in self.columns.iter().filter(|c| c.dict) {
            let path = match c.values {
                Values::StrList(_) => ColumnPath::new(vec![c.name.into(), "list".into(), "element".into()]),
                _ => ColumnPath::new(vec![c.name.into()]),
            };
            props = props.set_column_dictionary_enabled(path, true);
        }
        let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut writer = SerializedFileWriter::new(file, schema, Arc::new(props.build()))?;
        let mut start = 0;
        while start < self.rows {
            let end = (start + ROW_GROUP).min(self.rows);
            let mut group = writer.next_row_group()?;
            for c in &self.columns {
                write_column(&mut group, &c.values, start, end)?;
            }
            group.close()?;
            start = end;
        }
        writer.close()?;
        Ok(self.rows)
    }
}

fn optional<T: Clone>(v: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let defs = v.iter().map(|x| i16::from(x.is_some())).collect();
    (v.iter().flatten().cloned().collect(), defs)
}

fn write_column<W: std::io::Write + Send>(
    group: &mut parquet::file::writer::SerializedRowGroupWriter<'_, W>,
    values: &Values,
    start: usize,
    end: usize,
) -> Result<()> {
    // A struct-list column has three leaves (start, end, text), written one after the other.
    let leaves = if matches!(values, Values::Spans(_)) { 3 } else { 1 };
    for leaf in 0..leaves {
        let mut col = group.next_column()?.context("internal: fewer parquet columns than values")?;
        match values {
            Values::Str(v) => {
                let (vals, defs) = optional(&v[start..end]);
                let vals: Vec<ByteArray> = vals.into_iter().map(|s| ByteArray::from(s.into_bytes())).collect();
                col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), None)?;
            }
            Values::I64(v) => {
                let (vals, defs) = optional(&v[start..end]);
                col.typed::<Int64Type>().write_batch(&vals, Some(&defs), None)?;
            }
            Values::I32(v) => {
                let (vals, defs) = optional(&v[start..end]);
                col.typed::<Int32Type>().write_batch(&vals, Some(&defs), None)?;
            }
            Values::Date(v) => {
                let days: Vec<Option<i32>> = v[start..end].iter().map(|d| d.map(epoch_days)).collect();
                let (vals, defs) = optional(&days);
                col.typed::<Int32Type>().write_batch(&vals, Some(&defs), None)?;
            }
            Values::F64(v) => {
                let (vals, defs) = optional(&v[start..end]);
                col.typed::<DoubleType>().write_batch(&vals, Some(&defs), None)?;
            }
            Values::Bool(v) => {
                col.typed::<BoolType>().write_batch(&v[start..end], None, None)?;
            }
            Values::StrList(v) => {
                let (mut vals, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
                for row in &v[start..end] {
                    if row.is_empty() {
                        defs.push(0);
                        reps.push(0);
                    }
                    for (i, s) in row.iter().enumerate() {
                        defs.push(1);
                        reps.push(i16::from(i > 0));
                        vals.push(ByteArray::from(s.as_bytes().to_vec()));
                    }
                }
                col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), Some(&reps))?;
            }
            Values::Spans(v) => {
                let (mut defs, mut reps) = (Vec::new(), Vec::new());
                let (mut ints, mut texts) = (Vec::new(), Vec::new());
                for row in &v[start..end] {
                    if row.is_empty() {
                        defs.push(0);
                        reps.push(0);
                    }
                    for (i, (s, e, t)) in row.iter().enumerate() {
                        defs.push(1);
                        reps.push(i16::from(i > 0));
                        match leaf {
                            0 => ints.push(*s),
                            1 => ints.push(*e),
                            _ => texts.push(ByteArray::from(t.as_bytes().to_vec())),
                        }
                    }
                }
                if leaf < 2 {
                    col.typed::<Int64Type>().write_batch(&ints, Some(&defs), Some(&reps))?;
                } else {
                    col.typed::<ByteArrayType>().write_batch(&texts, Some(&defs), Some(&reps))?;
                }
            }
        }
        col.close()?;
    }
    Ok(())
}

fn day(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

/// Story membership of each stored event record: (story id, story event id, counts).
struct StoryOf {
    story_id: String,
    story_event_id: i64,
    num_mentions: u32,
    num_sources: u32,
    num_articles: u32,
}

fn story_of_events(stories: &[Story]) -> HashMap<String, StoryOf> {
    let mut map = HashMap::new();
    for s in stories {
        for e in &s.events {
            for m in &e.mentions {
                for id in &m.event_ids {
                    map.insert(
                        id.clone(),
                        StoryOf {
                            story_id: s.id.to_string(),
                            story_event_id: i64::try_from(e.id).unwrap_or(i64::MAX),
                            num_mentions: e.num_mentions,
                            num_sources: e.num_sources,
                            num_articles: e.num_articles,
                        },
                    );
                }
            }
        }
    }
    map
}

use Kind::*;

/// Columns of `events.parquet`: one row per stored event (the `events` table of the store).
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Str), ("article_id", Str), ("story_id", Code), ("story_event_id", I64), ("sentence", I32),
    ("trigger_start", I64), ("trigger_end", I64), ("trigger_text", Str), ("type", Code), ("mode", Code),
    ("context", StrList), ("cameo", Code), ("actor_name", Str), ("actor_country", Code), ("actor_sector", Code),
    ("recipient_name", Str), ("recipient_country", Code), ("recipient_sector", Code), ("date_value", Code),
    ("date_start", Date), ("date_end", Date), ("place_name", Str), ("place_country", Code), ("geonameid", I64),
    ("lat", F64), ("lon", F64), ("status", Code), ("rule", Code), ("evidence", Spans), ("num_mentions", I64),
    ("num_sources", I64), ("num_articles", I64), ("article_date", Date), ("article_url", Str),
];

/// Columns of `mentions.parquet`: one row per report of a story event.
pub const MENTION_COLUMNS: &[(&str, Kind)] = &[
    ("story_event_id", I64), ("story_id", Code), ("event_id", Str), ("article_id", Str), ("url", Str),
    ("source", Code), ("published", Date), ("sentence", I32), ("sentence_text", Str), ("trigger_start", I64),
    ("trigger_end", I64), ("trigger_text", Str), ("actor_start", I64), ("recipient_start", I64), ("status", Code),
    ("rule", Code), ("evidence", Spans),
];

/// Columns of `articles.parquet`.
pub const ARTICLE_COLUMNS: &[(&str, Kind)] = &[
    ("id", Str), ("url", Str), ("title", Str), ("date", Date), ("lang", Code), ("source", Code), ("chars", I64),
    ("bytes", I64), ("num_sentences", I64), ("num_events", I64), ("story_id", Code), ("near_duplicate_of", Str),
];

/// Columns of `stories.parquet`.
pub const STORY_COLUMNS: &[(&str, Kind)] = &[
    ("id", Str), ("title", Str), ("start", Date), ("end", Date), ("num_articles", I64), ("num_sources", I64),
    ("num_events", I64), ("has_background_events", Bool), ("actors", StrList), ("places", StrList),
];

/// Builds the four tables from the store.
pub fn tables(store: &Store) -> Result<[(&'static str, Table); 4]> {
    let rows = store.stories(&StoryFilter::default())?;
    let stories: Vec<Story> = rows.iter().map(crate::stories::parse_story).collect::<Result<_>>()?;
    let story_of = story_of_events(&stories);

    let mut events = Table::new(EVENT_COLUMNS);
    for se in store.events(&EventFilter::default())? {
        let r = &se.record;
        let s = story_of.get(&r.id);
        let range = r.date.as_ref().and_then(|d| griot_store::dates::date_range(&d.value));
        events.str("event_id", Some(&r.id));
        events.str("article_id", Some(&se.article_id));
        events.code("story_id", s.map(|s| s.story_id.as_str()));
        events.i64("story_event_id", s.map(|s| s.story_event_id));
        events.i32("sentence", i32::try_from(r.sentence).ok());
        events.i64("trigger_start", i64::try_from(r.trigger.start).ok());
        events.i64("trigger_end", i64::try_from(r.trigger.end).ok());
        events.str("trigger_text", Some(&r.trigger.text));
        events.code("type", Some(&r.event_type));
        events.code("mode", r.mode.as_deref());
        events.str_list("context", r.context.clone());
        events.code("cameo", r.cameo.as_deref());
        for (prefix, a) in [("actor", &r.actor), ("recipient", &r.recipient)] {
            let (name, country, sector) = match a {
                Some(a) => (Some(a.name.as_str()), a.country.as_deref(), a.sector.as_deref()),
                None => (None, None, None),
            };
            let (n, c, k) = if prefix == "actor" {
                ("actor_name", "actor_country", "actor_sector")
            } else {
                ("recipient_name", "recipient_country", "recipient_sector")
            };
            events.str(n, name);
            events.code(c, country);
            events.code(k, sector);
        }
        events.code("date_value", r.date.as_ref().map(|d| d.value.as_str()));
        events.date("date_start", range.map(|x| x.0).or_else(|| day(se.article_date.as_deref())));
        events.date("date_end", range.map(|x| x.1).or_else(|| day(se.article_date.as_deref())));
        let loc = r.location.as_ref();
        events.str("place_name", loc.map(|l| l.name.as_str()));
        events.code("place_country", loc.and_then(|l| l.country.as_deref()));
        events.i64("geonameid", loc.and_then(|l| l.geonameid).and_then(|g| i64::try_from(g).ok()));
        events.f64("lat", loc.and_then(|l| l.lat));
        events.f64("lon", loc.and_then(|l| l.lon));
        events.code("status", Some(&status_name(r.status)));
        events.code("rule", Some(&r.rule));
        events.spans("evidence", r.evidence.iter().map(|e| (e.start as i64, e.end as i64, e.text.clone())).collect());
        events.i64("num_mentions", s.map(|s| i64::from(s.num_mentions)));
        events.i64("num_sources", s.map(|s| i64::from(s.num_sources)));
        events.i64("num_articles", s.map(|s| i64::from(s.num_articles)));
        events.date("article_date", day(se.article_date.as_deref()));
        events.str("article_url", se.article_url.as_deref());
        events.end_row();
    }

    let mut mentions = Table::new(MENTION_COLUMNS);
    for s in &stories {
        for e in &s.events {
            for m in &e.mentions {
                mentions.i64("story_event_id", i64::try_from(e.id).ok());
                mentions.code("story_id", Some(&s.id.to_string()));
                mentions.str("event_id", m.event_ids.first().map(String::as_str));
                mentions.str("article_id", Some(&m.article_id));
                mentions.str("url", m.url.as_deref());
                mentions.code("source", m.outlet.as_deref());
                mentions.date("published", m.published);
                mentions.i32("sentence", i32::try_from(m.sentence).ok());
                mentions.str("sentence_text", Some(&m.sentence_text.text));
                mentions.i64("trigger_start", i64::try_from(m.trigger.start).ok());
                mentions.i64("trigger_end", i64::try_from(m.trigger.end).ok());
                mentions.str("trigger_text", Some(&m.trigger.text));
                mentions.i64("actor_start", m.actor_offset.and_then(|o| i64::try_from(o).ok()));
                mentions.i64("recipient_start", m.recipient_offset.and_then(|o| i64::try_from(o).ok()));
                mentions.code("status", Some(&status_name(m.status)));
                mentions.code("rule", Some(&m.rule));
                mentions.spans("evidence", m.evidence.iter().map(|x| (x.start as i64, x.end as i64, x.text.clone())).collect());
                mentions.end_row();
            }
        }
    }

    let mut articles = Table::new(ARTICLE_COLUMNS);
    let mut story_article: HashMap<&str, (&Story, Option<&str>)> = HashMap::new();
    for s in &stories {
        for a in &s.articles {
            story_article.insert(a.id.as_str(), (s, a.near_duplicate_of.as_deref()));
        }
    }
    for id in store.article_ids()? {
        let Some(doc) = store.doc(&id)? else { continue };
        let a = &doc.article;
        let st = story_article.get(id.as_str());
        articles.str("id", Some(&id));
        articles.str("url", a.url.as_deref());
        articles.str("title", a.title.as_deref());
        articles.date("date", a.date);
        articles.code("lang", a.lang.as_deref());
        articles.code("source", a.source.as_deref());
        articles.i64("chars", i64::try_from(a.text.chars().count()).ok());
        articles.i64("bytes", i64::try_from(a.text.len()).ok());
        articles.i64("num_sentences", i64::try_from(doc.sentences.len()).ok());
        articles.i64("num_events", i64::try_from(doc.events.len()).ok());
        articles.code("story_id", st.map(|(s, _)| s.id.to_string()).as_deref());
        articles.str("near_duplicate_of", st.and_then(|(_, d)| *d));
        articles.end_row();
    }

    let mut story_table = Table::new(STORY_COLUMNS);
    for s in &stories {
        story_table.str("id", Some(&s.id.to_string()));
        story_table.str("title", Some(&s.title));
        story_table.date("start", s.start);
        story_table.date("end", s.end);
        story_table.i64("num_articles", Some(i64::from(s.num_articles)));
        story_table.i64("num_sources", Some(i64::from(s.num_sources)));
        story_table.i64("num_events", i64::try_from(s.events.len()).ok());
        story_table.bool("has_background_events", s.events.iter().any(|e| e.background));
        story_table.str_list("actors", s.actors.iter().map(|(c, _)| c.clone()).collect());
        story_table.str_list("places", s.places.iter().map(|(p, _)| p.clone()).collect());
        story_table.end_row();
    }
    Ok([("events", events), ("mentions", mentions), ("articles", articles), ("stories", story_table)])
}

fn status_name(s: griot_text::EventStatus) -> String {
    match serde_json::to_value(s) {
        Ok(serde_json::Value::String(x)) => x,
        _ => format!("{s:?}").to_lowercase(),
    }
}

/// Writes `events.parquet`, `mentions.parquet`, `articles.parquet` and `stories.parquet` into
/// `dir` (created if missing). Returns the number of rows of each.
pub fn export(store: &Store, dir: &Path) -> Result<Vec<(&'static str, usize)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create directory {}", dir.display()))?;
    let mut counts = Vec::new();
    for (name, table) in tables(store)? {
        let path = dir.join(format!("{name}.parquet"));
        counts.push((name, table.write(name, &path)?));
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_of_every_kind() {
        let mut t = Table::new(&[("s", Str), ("c", Code), ("i", I64), ("d", Date), ("f", F64), ("b", Bool), ("l", StrList), ("e", Spans)]);
        t.str("s", Some("x"));
        t.code("c", None);
        t.i64("i", Some(-3));
        t.date("d", NaiveDate::from_ymd_opt(2024, 3, 16));
        t.f64("f", Some(1.5));
        t.bool("b", true);
        t.str_list("l", vec!["a".into(), "b".into()]);
        t.spans("e", vec![(1, 2, "x".into())]);
        t.end_row();
        t.str("s", None);
        t.code("c", Some("GOV"));
        t.i64("i", None);
        t.date("d", None);
        t.f64("f", None);
        t.bool("b", false);
        t.str_list("l", vec![]);
        t.spans("e", vec![]);
        t.end_row();
        assert!(parse_message_type(&t.schema("t")).is_ok(), "{}", t.schema("t"));
        let dir = std::env::temp_dir().join(format!("griot-parquet-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.parquet");
        assert_eq!(t.write("t", &path).unwrap(), 2);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn epoch_days_of_dates() {
        assert_eq!(epoch_days(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
        assert_eq!(epoch_days(NaiveDate::from_ymd_opt(1969, 12, 31).unwrap()), -1);
    }

    #[test]
    fn empty_table_is_a_valid_file() {
        let t = Table::new(EVENT_COLUMNS);
        let dir = std::env::temp_dir().join(format!("griot-parquet-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(t.write("t", &dir.join("t.parquet")).unwrap(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_value_for_an_undeclared_column_is_an_error() {
        let mut t = Table::new(&[("s", Str)]);
        t.i64("s", Some(1));
        t.end_row();
        let dir = std::env::temp_dir().join(format!("griot-parquet-misuse-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(t.write("t", &dir.join("t.parquet")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
