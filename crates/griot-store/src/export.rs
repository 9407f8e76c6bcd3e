//! Exports of all stored events: PLOVER JSON lines and CSV.
//!
//! The PLOVER record uses the field names of the PLOVER manual's "Data Fields" chapter where
//! one exists (`id`, `date`, `enddate`, `actor`/`recipient` entity lists with `code`,
//! `sector`, `entity_text`, `identifier_text`, `event`, `event_loc` with `extracted_place`,
//! `resolved_place`, `geonameid`, `lat`, `lon`, `country_code`, `event_text`, `quad_code`,
//! `mode`, `context`, `text_info`, `cite_info`, `coder`, and the size fields `dead`,
//! `injured`, `arrested`) and adds griot's own: `cameo`, `status`, `rule`, `trigger`,
//! `evidence`, `statement`, `date_value`, `date_precision`, `date_basis`, `article_id`,
//! `article_url`, `article_date`. `date`/`enddate` are the first and last day the event
//! date covers (`2024-03` -> `2024-03-01`/`2024-03-31`); `enddate` is left out for one day.
//! Example line (shortened):
//! `{"id":"a1:142","date":"2024-03-16","actor":[{"code":"NER","sector":"GOV",...}],"event":["SANCTION"],...}`

use std::borrow::Cow;
use std::io::Write;

use griot_text::record::{ActorRecord, EventRecord, SpanText};
use serde::Serialize;

use crate::browse::Selection;
use crate::{sql_err, Store, StoreError};

/// One event row with what the exports need from its article and sentence.
struct Row {
    article_id: String,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    record: EventRecord,
    date_start: Option<String>,
    date_end: Option<String>,
    sentence: Option<(i64, i64)>,
    article: i64,
    story: Option<StoryCounts>,
}

/// The story event an event was merged into, with its counts.
#[derive(Debug, Clone, serde::Serialize)]
struct StoryCounts {
    story_id: String,
    story_event_id: i64,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
}

/// Calls `f` for every stored event selected by `sel`, in ingest order.
fn each_event(
    store: &Store,
    sel: &Selection,
    mut f: impl FnMut(&Store, Row) -> Result<(), StoreError>,
) -> Result<usize, StoreError> {
    let err = sql_err(&store.path);
    let mut stmt = store
        .conn
        .prepare_cached(&format!(
            "SELECT a.id, a.url, a.title, a.date, a.lang, a.source, e.record, e.date_start, e.date_end, s.start, s.end, e.article, \
             es.story_id, es.story_event_id, es.num_mentions, es.num_sources, es.num_articles \
             FROM events e JOIN articles a ON a.rowid = e.article \
             LEFT JOIN sentences s ON s.article = e.article AND s.idx = e.sentence \
             LEFT JOIN event_stories es ON es.event_id = e.event_id \
             WHERE {} ORDER BY e.article, e.idx",
            sel.clause
        ))
        .map_err(&err)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(sel.args.iter())).map_err(&err)?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(&err)? {
        let article_id: String = r.get(0).map_err(&err)?;
        let record = crate::read_record(&store.path, &article_id, r.get_ref(6).map_err(&err)?)?;
        let s_start: Option<i64> = r.get(9).map_err(&err)?;
        let s_end: Option<i64> = r.get(10).map_err(&err)?;
        let row = Row {
            url: r.get(1).map_err(&err)?,
            title: r.get(2).map_err(&err)?,
            date: r.get(3).map_err(&err)?,
            lang: r.get(4).map_err(&err)?,
            source: r.get(5).map_err(&err)?,
            record,
            date_start: r.get(7).map_err(&err)?,
            date_end: r.get(8).map_err(&err)?,
            sentence: s_start.zip(s_end),
            article: r.get(11).map_err(&err)?,
            story: match r.get::<_, Option<String>>(12).map_err(&err)? {
                Some(story_id) => Some(StoryCounts {
                    story_id,
                    story_event_id: r.get(13).map_err(&err)?,
                    num_mentions: r.get(14).map_err(&err)?,
                    num_sources: r.get(15).map_err(&err)?,
                    num_articles: r.get(16).map_err(&err)?,
                }),
                None => None,
            },
            article_id,
        };
        f(store, row)?;
        n += 1;
    }
    Ok(n)
}

/// PLOVER quad code (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
/// 4 material conflict), after the manual's table "Quad categories in PLOVER" (which puts
/// SANCTION under verbal conflict although its own section says material conflict).
pub fn quad_code(event_type: &str) -> Option<u8> {
    Some(match event_type.to_ascii_uppercase().as_str() {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "SANCTION" | "THREATEN" => 3,
        "PROTEST" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

#[derive(Serialize)]
struct Entity<'a> {
    code: Option<&'a str>,
    sector: Option<&'a str>,
    entity_text: &'a str,
    identifier_text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Entity<'a> {
    fn of(a: &'a ActorRecord) -> Entity<'a> {
        Entity {
            code: a.country.as_deref(),
            sector: a.sector.as_deref(),
            entity_text: &a.text,
            identifier_text: &a.name,
            start: a.start,
            end: a.end,
        }
    }
}

#[derive(Serialize)]
struct EventLoc<'a> {
    extracted_place: &'a str,
    resolved_place: &'a str,
    geonameid: Option<u64>,
    lat: Option<f64>,
    lon: Option<f64>,
    country_code: Option<&'a str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct TextInfo {
    sequence: u32,
    start: Option<i64>,
    end: Option<i64>,
}

#[derive(Serialize)]
struct CiteInfo<'a> {
    url: Option<&'a str>,
    title: Option<&'a str>,
    language: Option<&'a str>,
    publication: Option<&'a str>,
    coder: &'a str,
    codebook: &'a str,
}

#[derive(Serialize)]
struct Plover<'a> {
    id: &'a str,
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enddate: Option<&'a str>,
    actor: Vec<Entity<'a>>,
    recipient: Vec<Entity<'a>>,
    event: [&'a str; 1],
    event_loc: Option<EventLoc<'a>>,
    event_text: Vec<&'a str>,
    quad_code: Option<u8>,
    mode: Vec<&'a str>,
    context: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    dead: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    injured: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arrested: Option<f64>,
    text_info: TextInfo,
    cite_info: CiteInfo<'a>,
    coder: &'a str,
    // griot's own fields
    cameo: Option<&'a str>,
    status: griot_text::EventStatus,
    rule: &'a str,
    trigger: &'a SpanText,
    evidence: &'a [SpanText],
    statement: Option<u32>,
    date_value: Option<&'a str>,
    date_precision: Option<griot_text::Precision>,
    date_basis: Option<&'a str>,
    article_id: &'a str,
    article_url: Option<&'a str>,
    article_date: Option<&'a str>,
    /// The story and story event this event was merged into, with mention/source counts.
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    story: Option<&'a StoryCounts>,
}

const CODER: &str = concat!("griot ", env!("CARGO_PKG_VERSION"));

/// Sums the sizes of an event by PLOVER size field (dead, injured, arrested).
fn sizes(store: &Store, article: i64, record: &EventRecord) -> Result<[Option<f64>; 3], StoreError> {
    let mut out = [None; 3];
    if record.sizes.is_empty() {
        return Ok(out);
    }
    let err = sql_err(&store.path);
    let mut stmt =
        store.conn.prepare_cached("SELECT kind, value FROM quantities WHERE article = ?1 AND idx = ?2").map_err(&err)?;
    for q in &record.sizes {
        // the row's columns: kind as serde writes it, value NULL when not finite
        let row: Option<(String, Option<f64>)> = rusqlite::OptionalExtension::optional(
            stmt.query_row(rusqlite::params![article, i64::from(*q)], |r| Ok((r.get(0)?, r.get(1)?))),
        )
        .map_err(&err)?;
        let Some((kind, value)) = row else { continue };
        let slot = match kind.as_str() {
            "killed" => 0,
            "injured" => 1,
            "arrested" => 2,
            _ => continue,
        };
        if let Some(value) = value.filter(|v| v.is_finite()) {
            out[slot] = Some(out[slot].unwrap_or(0.0) + value);
        }
    }
    Ok(out)
}

pub(crate) fn plover_jsonl(store: &Store, out: &mut dyn Write) -> Result<usize, StoreError> {
    plover_jsonl_where(store, &Selection::all(), out)
}

/// [`plover_jsonl`] of the events `sel` selects.
pub(crate) fn plover_jsonl_where(store: &Store, sel: &Selection, out: &mut dyn Write) -> Result<usize, StoreError> {
    let mut line = Vec::with_capacity(2048);
    each_event(store, sel, |store, row| {
        let r = &row.record;
        let [dead, injured, arrested] = sizes(store, row.article, r)?;
        let rec = Plover {
            id: &r.id,
            date: row.date_start.as_deref(),
            enddate: row.date_end.as_deref().filter(|e| Some(*e) != row.date_start.as_deref()),
            actor: r.actor.iter().map(Entity::of).collect(),
            recipient: r.recipient.iter().map(Entity::of).collect(),
            event: [&r.event_type],
            event_loc: r.location.as_ref().map(|l| EventLoc {
                extracted_place: &l.text,
                resolved_place: &l.name,
                geonameid: l.geonameid,
                lat: l.lat,
                lon: l.lon,
                country_code: l.country.as_deref(),
                start: l.start,
                end: l.end,
            }),
            event_text: vec![r.trigger.text.as_str()],
            quad_code: quad_code(&r.event_type),
            mode: r.mode.iter().map(String::as_str).collect(),
            context: &r.context,
            dead,
            injured,
            arrested,
            text_info: TextInfo {
                sequence: r.sentence,
                start: row.sentence.map(|s| s.0),
                end: row.sentence.map(|s| s.1),
            },
            cite_info: CiteInfo {
                url: row.url.as_deref(),
                title: row.title.as_deref(),
                language: row.lang.as_deref(),
                publication: row.source.as_deref(),
                coder: CODER,
                codebook: "plover",
            },
            coder: CODER,
            cameo: r.cameo.as_deref(),
            status: r.status,
            rule: &r.rule,
            trigger: &r.trigger,
            evidence: &r.evidence,
            statement: r.statement,
            date_value: r.date.as_ref().map(|d| d.value.as_str()),
            date_precision: r.date.as_ref().map(|d| d.precision),
            date_basis: r.date.as_ref().map(|d| d.basis.as_str()),
            article_id: &row.article_id,
            article_url: row.url.as_deref(),
            article_date: row.date.as_deref(),
            story: row.story.as_ref(),
        };
        line.clear();
        serde_json::to_writer(&mut line, &rec).map_err(|e| StoreError::Encode {
            path: store.path.clone(),
            article: row.article_id.clone(),
            what: "plover record".into(),
            source: e,
        })?;
        line.push(b'\n');
        out.write_all(&line)?;
        Ok(())
    })
}

/// The CSV columns, in order.
pub const CSV_HEADER: &[&str] = &[
    "id",
    "article_id",
    "article_url",
    "article_date",
    "date",
    "enddate",
    "date_value",
    "date_precision",
    "date_basis",
    "type",
    "quad_code",
    "mode",
    "context",
    "cameo",
    "actor_text",
    "actor_name",
    "actor_country",
    "actor_sector",
    "recipient_text",
    "recipient_name",
    "recipient_country",
    "recipient_sector",
    "location_name",
    "location_country",
    "geonameid",
    "lat",
    "lon",
    "status",
    "rule",
    "sentence",
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "evidence",
    "story_id",
    "story_event_id",
    "num_mentions",
    "num_sources",
    "num_articles",
];

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading `'`, so it shows as text; numbers such as `-1.5` or
/// `+3` are left alone. Used by the CSV and TSV exports unless raw cells are asked for.
pub fn neutralise_cell(value: &str) -> Cow<'_, str> {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !risky || is_number(value) {
        return Cow::Borrowed(value);
    }
    Cow::Owned(format!("'{value}"))
}

fn is_number(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    !t.is_empty() && t.bytes().any(|b| b.is_ascii_digit()) && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.bytes().filter(|&b| b == b'.').count() <= 1
}

/// Appends one CSV row (RFC 4180, CRLF-terminated) to `line`: a field is quoted when it
/// holds a comma, quote, CR or LF, or starts or ends with a space; inner quotes are doubled.
pub fn csv_row<'v>(line: &mut String, values: impl IntoIterator<Item = &'v str>) {
    for (i, value) in values.into_iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let needs = value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
        if needs {
            line.push('"');
            line.push_str(&value.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(value);
        }
    }
    line.push_str("\r\n");
}

/// [`csv_row`] with every cell passed through [`neutralise_cell`].
pub fn csv_row_neutralised<'v>(line: &mut String, values: impl IntoIterator<Item = &'v str>) {
    let cells: Vec<Cow<str>> = values.into_iter().map(neutralise_cell).collect();
    csv_row(line, cells.iter().map(|c| c.as_ref()));
}

pub(crate) fn csv(store: &Store, out: &mut dyn Write, raw_cells: bool) -> Result<usize, StoreError> {
    csv_where(store, &Selection::all(), out, raw_cells)
}

/// [`csv`] of the events `sel` selects.
pub(crate) fn csv_where(store: &Store, sel: &Selection, out: &mut dyn Write, raw_cells: bool) -> Result<usize, StoreError> {
    let mut line = String::with_capacity(1024);
    csv_row(&mut line, CSV_HEADER.iter().copied());
    out.write_all(line.as_bytes())?;
    each_event(store, sel, |_, row| {
        let r = &row.record;
        let opt = |v: Option<&str>| v.unwrap_or("").to_string();
        let actor = |a: &Option<ActorRecord>| -> [String; 4] {
            match a {
                Some(a) => [a.text.clone(), a.name.clone(), opt(a.country.as_deref()), opt(a.sector.as_deref())],
                None => Default::default(),
            }
        };
        let loc = r.location.as_ref();
        let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        let mut values: Vec<String> = vec![
            r.id.clone(),
            row.article_id.clone(),
            opt(row.url.as_deref()),
            opt(row.date.as_deref()),
            opt(row.date_start.as_deref()),
            opt(row.date_end.as_deref()),
            opt(r.date.as_ref().map(|d| d.value.as_str())),
            r.date.as_ref().map(|d| crate::enum_str(&d.precision)).unwrap_or_default(),
            opt(r.date.as_ref().map(|d| d.basis.as_str())),
            r.event_type.clone(),
            quad_code(&r.event_type).map(|q| q.to_string()).unwrap_or_default(),
            opt(r.mode.as_deref()),
            r.context.join(";"),
            opt(r.cameo.as_deref()),
        ];
        values.extend(actor(&r.actor));
        values.extend(actor(&r.recipient));
        values.extend([
            opt(loc.map(|l| l.name.as_str())),
            opt(loc.and_then(|l| l.country.as_deref())),
            loc.and_then(|l| l.geonameid).map(|g| g.to_string()).unwrap_or_default(),
            num(loc.and_then(|l| l.lat)),
            num(loc.and_then(|l| l.lon)),
            crate::enum_str(&r.status),
            r.rule.clone(),
            r.sentence.to_string(),
            r.trigger.start.to_string(),
            r.trigger.end.to_string(),
            r.trigger.text.clone(),
            r.evidence.iter().map(|e| format!("{}..{}", e.start, e.end)).collect::<Vec<_>>().join(";"),
        ]);
        match &row.story {
            Some(st) => values.extend([
                st.story_id.clone(),
                st.story_event_id.to_string(),
                st.num_mentions.to_string(),
                st.num_sources.to_string(),
                st.num_articles.to_string(),
            ]),
            None => values.extend(std::iter::repeat_n(String::new(), 5)),
        }
        debug_assert_eq!(values.len(), CSV_HEADER.len());
        line.clear();
        if raw_cells {
            csv_row(&mut line, values.iter().map(String::as_str));
        } else {
            csv_row_neutralised(&mut line, values.iter().map(String::as_str));
        }
        out.write_all(line.as_bytes())?;
        Ok(())
    })
}
