//! Queries behind `griot serve`: pages of events, articles and stories with keyset cursors,
//! and the aggregates the web page draws (places for the map, actor pairs for the network,
//! counts over time for the timeline), all over one filter ([`EventQuery`]), which extends
//! the filter of `griot events` ([`EventFilter`]) with mode, context, status, bounding box,
//! story and article. Nothing here writes.
//!
//! Cursors are opaque strings to clients; [`EventCursor`] and [`StoryCursor`] parse and
//! print them, and a cursor that does not parse is the caller's error to report (the
//! functions here take parsed cursors only).
//!
//! ```
//! use griot_store::browse::{EventQuery, EventSort};
//! use griot_store::Store;
//! let store = Store::open_in_memory().unwrap();
//! let page = store.events_page(&EventQuery::default(), EventSort::Ingest, None, 50).unwrap();
//! assert!(page.events.is_empty() && page.next.is_none());
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use serde::Serialize;

use crate::{dates, fts_query, sql_err, EventFilter, EventStoryRow, StoredEvent, Store, StoreError, StoryFilter, StoryRow};

/// Which events a browse query covers: every field set narrows the result.
/// `filter.limit` is ignored here (pages have their own limit).
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Actor, recipient, type, since/until, place and text, as `griot events` reads them.
    pub filter: EventFilter,
    /// PLOVER mode (`discontinue`), case-insensitive.
    pub mode: Option<String>,
    /// A PLOVER context the event carries (`military`), case-insensitive.
    pub context: Option<String>,
    /// Event status (`asserted`, `reported`, ...), case-insensitive.
    pub status: Option<String>,
    /// Events located inside `[west, south, east, north]` (degrees); `west > east` crosses
    /// the antimeridian.
    pub bbox: Option<[f64; 4]>,
    /// Events merged into a story event of this story.
    pub story: Option<String>,
    /// Events of this article (stored id).
    pub article: Option<String>,
}

/// A SQL condition over `events e JOIN articles a`, with its arguments (`?1`, `?2`, ...).
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    pub(crate) clause: String,
    pub(crate) args: Vec<Value>,
    /// The clause reads `a` (the article), so the join is needed to evaluate it.
    pub(crate) article: bool,
    /// The clause reads only columns of the `events_facets` index.
    facets: bool,
    /// The clause filters on more than the event type (which has its own index, in ingest order).
    narrow: bool,
    /// The clause filters on dates only.
    dates: bool,
    /// An index whose entries for the filter come in ingest order (an equality on its only
    /// column: entries are in row id order within a value), so that a page in ingest order
    /// is a keyset read of the index, without sorting the matches.
    keyset: Option<&'static str>,
}

impl Selection {
    /// Every event.
    pub(crate) fn all() -> Selection {
        Selection {
            clause: "1".into(),
            args: Vec::new(),
            article: false,
            facets: true,
            narrow: false,
            dates: false,
            keyset: None,
        }
    }

    fn and(&mut self, clause: &str, v: Value) {
        self.args.push(v);
        let n = self.args.len();
        self.clause.push_str(" AND ");
        self.clause.push_str(&clause.replace("?N", &format!("?{n}")));
    }

    /// `sql` (which selects from `events e JOIN articles a`) without the join when the
    /// clause does not read the article: every event has its article, so the rows are the
    /// same, and SQLite need not visit the articles table.
    fn unjoin(&self, sql: String) -> String {
        if self.article {
            sql
        } else {
            sql.replace("events e JOIN articles a ON a.rowid = e.article", self.events())
        }
    }

    /// The events table for an aggregate: through the covering `events_facets` index when
    /// the clause allows (SQLite, without statistics, would otherwise often walk an index
    /// on one column and read each event row for the others).
    fn events(&self) -> &'static str {
        if self.facets {
            "events e INDEXED BY events_facets"
        } else {
            "events e"
        }
    }

    /// The events table for a page of row ids: in ingest order, the keyset index of the
    /// filter when it has one; else as [`Selection::events`] when the filter is narrower than
    /// one event type; a type alone (or nothing) is best read in ingest order.
    fn page_events(&self, sort: EventSort) -> &'static str {
        if let (EventSort::Ingest, Some(index)) = (sort, self.keyset) {
            return index;
        }
        if self.dates {
            "events e INDEXED BY events_dates"
        } else if self.narrow {
            self.events()
        } else {
            "events e"
        }
    }

    /// The condition for `q`, or `None` when nothing can match (a text query without any
    /// searchable word).
    pub(crate) fn of(q: &EventQuery) -> Option<Selection> {
        let mut s = Selection::all();
        let f = &q.filter;
        s.narrow = f.actor.is_some() || f.recipient.is_some() || f.since.is_some() || f.until.is_some() || f.place.is_some()
            || q.mode.is_some() || q.status.is_some();
        s.facets = f.text.is_none() && q.context.is_none() && q.bbox.is_none() && q.story.is_none() && q.article.is_none();
        s.dates = s.facets
            && (f.since.is_some() || f.until.is_some())
            && f.actor.is_none()
            && f.recipient.is_none()
            && f.event_type.is_none()
            && f.place.is_none()
            && q.mode.is_none()
            && q.status.is_none();
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        // An actor (else a recipient) country code without sector, and no date range (a
        // month is best found through the date index): walk that code's entries of the
        // one-column index in ingest order, checking the other conditions on each row; the
        // first page stops after its rows, whatever the number of matches.
        let country_only = |v: &Option<String>| text(v).is_some_and(|c| c.len() <= 3);
        if s.facets && f.since.is_none() && f.until.is_none() {
            if country_only(&f.actor) {
                s.keyset = Some("events e INDEXED BY events_actor");
            } else if country_only(&f.recipient) {
                s.keyset = Some("events e INDEXED BY events_recipient");
            }
        }
        for (field, role) in [(&f.actor, "actor"), (&f.recipient, "recipient")] {
            if let Some(code) = text(field) {
                // as `Store::events`: the whole code, or country + sector; written with bound
                // values (not substr) so that SQLite can use the index for each branch
                if code.len() <= 3 || !code.is_char_boundary(3) {
                    s.and(&format!("e.{role}_country = ?N COLLATE NOCASE"), Value::Text(code));
                } else {
                    let (country, sector) = code.split_at(3);
                    s.args.push(Value::Text(code.clone()));
                    s.args.push(Value::Text(country.to_string()));
                    s.args.push(Value::Text(sector.to_string()));
                    let n = s.args.len();
                    s.clause.push_str(&format!(
                        " AND (e.{role}_country = ?{} COLLATE NOCASE OR (e.{role}_country = ?{} COLLATE NOCASE AND e.{role}_sector = ?{n} COLLATE NOCASE))",
                        n - 2,
                        n - 1
                    ));
                }
            }
        }
        if let Some(t) = text(&f.event_type) {
            s.and("e.type = ?N COLLATE NOCASE", Value::Text(t));
        }
        if let Some(d) = f.since {
            s.and("e.date_start >= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(d) = f.until {
            s.and("e.date_end <= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(p) = text(&f.place) {
            s.and("(e.place_key = ?N OR e.place_country = ?N COLLATE NOCASE)", Value::Text(p.to_lowercase()));
        }
        if let Some(t) = f.text.as_deref() {
            s.and("e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?N)", Value::Text(fts_query(t)?));
        }
        if let Some(m) = text(&q.mode) {
            s.and("e.mode = ?N COLLATE NOCASE", Value::Text(m));
        }
        if let Some(c) = text(&q.context) {
            s.and(
                "EXISTS (SELECT 1 FROM json_each(e.context) WHERE json_each.value = ?N COLLATE NOCASE)",
                Value::Text(c),
            );
        }
        if let Some(st) = text(&q.status) {
            s.and("e.status = ?N COLLATE NOCASE", Value::Text(st));
        }
        if let Some([west, south, east, north]) = q.bbox {
            s.and("e.lat >= ?N", Value::Real(south));
            s.and("e.lat <= ?N", Value::Real(north));
            if west <= east {
                s.and("e.lon >= ?N", Value::Real(west));
                s.and("e.lon <= ?N", Value::Real(east));
            } else {
                s.args.push(Value::Real(west));
                s.args.push(Value::Real(east));
                let (w, e) = (s.args.len() - 1, s.args.len());
                s.clause.push_str(&format!(
                    " AND (e.lon >= ?{w} OR e.lon <= ?{e})"
                ));
            }
        }
        if let Some(id) = text(&q.story) {
            s.and("e.event_id IN (SELECT event_id FROM event_stories WHERE story_id = ?N)", Value::Text(id.to_lowercase()));
        }
        if let Some(id) = text(&q.article) {
            s.and("a.id = ?N", Value::Text(id));
            s.article = true;
        }
        Some(s)
    }
}

/// Order of an event page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventSort {
    /// Ingest order: the order in which events were stored (article by article, in article
    /// order; an article re-analysed by `ingest --force` has its events stored anew, last).
    #[default]
    Ingest,
    /// Earliest first day first (undated events first), then ingest order.
    DateAsc,
    /// Latest first day first (undated events last), then ingest order reversed.
    DateDesc,
}

/// Where a page of events resumes: just after this event in the page's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    /// Position of the event in ingest order (its row id).
    pub row: i64,
    /// First day of the event (empty when undated); used by the date orders.
    pub date: String,
}

impl EventCursor {
    /// The cursor as clients see it: `ROW` or `ROW.DATE`.
    pub fn to_token(&self) -> String {
        if self.date.is_empty() {
            self.row.to_string()
        } else {
            format!("{}.{}", self.row, self.date)
        }
    }

    /// Parses a token made by [`EventCursor::to_token`]; `None` when it is not one.
    pub fn parse(token: &str) -> Option<EventCursor> {
        let (row, date) = token.split_once('.').unwrap_or((token, ""));
        let row: i64 = row.parse().ok()?;
        let date_ok = date.is_empty() || (date.len() == 10 && NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok());
        (row >= 0 && date_ok).then(|| EventCursor { row, date: date.to_string() })
    }
}

/// One event of a page, with the story event it was merged into.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageEvent {
    #[serde(flatten)]
    pub event: StoredEvent,
    /// PLOVER quad class (1..=4) of the type, when it has one.
    pub quad: Option<u8>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub story: Option<EventStory>,
}

/// The story event an event belongs to, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventStory {
    pub story_id: String,
    pub story_event_id: i64,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
}

impl From<EventStoryRow> for EventStory {
    fn from(r: EventStoryRow) -> Self {
        EventStory {
            story_id: r.story_id,
            story_event_id: r.story_event_id,
            num_mentions: r.num_mentions,
            num_sources: r.num_sources,
            num_articles: r.num_articles,
        }
    }
}

/// A page of events and the cursor of the next one (`None` on the last page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    pub events: Vec<PageEvent>,
    pub next: Option<String>,
}

/// One event with the sentence it was found in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: PageEvent,
    /// `[start, end)` byte offsets and text of the event's sentence.
    pub sentence: Option<SentenceText>,
}

/// A sentence span and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceText {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Events located at one place, counted by type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub geonameid: Option<i64>,
    pub lat: f64,
    pub lon: f64,
    pub count: u64,
    /// Events per PLOVER type.
    pub types: BTreeMap<String, u64>,
}

/// Events from one actor code to one recipient code (either may be `None`: not found, or
/// found without a code) of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairCount {
    pub actor: Option<String>,
    pub recipient: Option<String>,
    #[serde(rename = "type")]
    pub event_type: String,
    pub count: u64,
}

/// Events per first day and type (`day` is `None` for events without a calendar day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub day: Option<String>,
    #[serde(rename = "type")]
    pub event_type: String,
    pub count: u64,
}

/// Which articles [`Store::articles_page`] lists.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    /// Words that must all occur in the title or text.
    pub text: Option<String>,
    /// Publication date on or after / on or before.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Outlet, exact (case-insensitive).
    pub source: Option<String>,
    /// Articles of this story.
    pub story: Option<String>,
}

/// An article without its text and layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub lang: Option<String>,
    /// Length of the text in bytes.
    pub bytes: u64,
    pub events: u64,
    pub story_id: Option<String>,
}

/// A page of articles (ingest order); `next` is the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticlePage {
    pub articles: Vec<ArticleSummary>,
    pub next: Option<String>,
}

/// Where a page of stories resumes (stories are latest first, then by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryCursor {
    pub start: String,
    pub id: String,
}

impl StoryCursor {
    pub fn to_token(&self) -> String {
        format!("{}.{}", self.id, self.start)
    }

    /// Parses a token made by [`StoryCursor::to_token`]; `None` when it is not one.
    pub fn parse(token: &str) -> Option<StoryCursor> {
        let (id, start) = token.split_once('.').unwrap_or((token, ""));
        let id_ok = !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
        let start_ok = start.is_empty() || NaiveDate::parse_from_str(start, "%Y-%m-%d").is_ok();
        (id_ok && start_ok).then(|| StoryCursor { start: start.to_string(), id: id.to_lowercase() })
    }
}

/// A page of stories and the cursor of the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryPage {
    pub stories: Vec<StoryRow>,
    pub next: Option<String>,
}

/// Grouping of [`Store::event_series`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    /// ISO 8601 week (`2024-W11`).
    Week,
    Month,
}

impl Period {
    /// The period a day falls in, as ISO 8601 text.
    pub fn label(self, day: NaiveDate) -> String {
        match self {
            Period::Day => dates::iso(day),
            Period::Week => {
                let w = day.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{:04}-{:02}", day.year(), day.month()),
        }
    }
}

const EVENT_COLUMNS: &str = "a.id, a.date, a.title, a.url, e.record, e.date_start, e.date_end, e.rowid, e.idx, \
     es.story_id, es.story_event_id, es.num_mentions, es.num_sources, es.num_articles";
const EVENT_FROM: &str = "events e JOIN articles a ON a.rowid = e.article LEFT JOIN event_stories es ON es.event_id = e.event_id";

impl Store {
    fn page_event(&self, r: &rusqlite::Row<'_>) -> Result<(PageEvent, EventCursor), StoreError> {
        let err = sql_err(&self.path);
        let article_id: String = r.get(0).map_err(&err)?;
        let record = crate::read_record(&self.path, &article_id, r.get_ref(4).map_err(&err)?)?;
        let date_start: Option<String> = r.get(5).map_err(&err)?;
        let cursor = EventCursor { row: r.get(7).map_err(&err)?, date: date_start.clone().unwrap_or_default() };
        let story = match r.get::<_, Option<String>>(9).map_err(&err)? {
            Some(story_id) => Some(EventStory {
                story_id,
                story_event_id: r.get(10).map_err(&err)?,
                num_mentions: r.get(11).map_err(&err)?,
                num_sources: r.get(12).map_err(&err)?,
                num_articles: r.get(13).map_err(&err)?,
            }),
            None => None,
        };
        let quad = crate::export::quad_code(&record.event_type);
        let event = StoredEvent {
            article_date: r.get(1).map_err(&err)?,
            article_title: r.get(2).map_err(&err)?,
            article_url: r.get(3).map_err(&err)?,
            article_id,
            record,
        };
        Ok((PageEvent { event, quad, date_start, date_end: r.get(6).map_err(&err)?, story }, cursor))
    }

    /// At most `limit` events matching `q` in the order `sort`, after `after` (a cursor of a
    /// previous page in the same order), and the cursor of the next page.
    pub fn events_page(
        &self,
        q: &EventQuery,
        sort: EventSort,
        after: Option<&EventCursor>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let Some((sql, args)) = page_sql(q, sort, after, limit) else {
            return Ok(EventPage { events: Vec::new(), next: None });
        };
        let limit = limit.max(1);
        let err = sql_err(&self.path);
        let rows: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
            let ids = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0)).map_err(&err)?;
            ids.collect::<Result<_, _>>().map_err(&err)?
        };
        let more = rows.len() > limit;
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.rowid = ?1")).map_err(&err)?;
        let mut events = Vec::with_capacity(limit.min(rows.len()));
        let mut last = None;
        for row in rows.into_iter().take(limit) {
            let mut found = stmt.query([row]).map_err(&err)?;
            if let Some(r) = found.next().map_err(&err)? {
                let (e, c) = self.page_event(r)?;
                events.push(e);
                last = Some(c);
            }
        }
        let next = if more {
            last.map(|mut c| {
                if sort == EventSort::Ingest {
                    c.date.clear();
                }
                c.to_token()
            })
        } else {
            None
        };
        Ok(EventPage { events, next })
    }

    /// Number of events matching `q`.
    pub fn event_count(&self, q: &EventQuery) -> Result<u64, StoreError> {
        let Some(sel) = Selection::of(q) else { return Ok(0) };
        let sql = format!("SELECT count(*) FROM events e JOIN articles a ON a.rowid = e.article WHERE {}", sel.clause);
        let sql = sel.unjoin(sql);
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let n: i64 = stmt.query_row(rusqlite::params_from_iter(sel.args.iter()), |r| r.get(0)).map_err(&err)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// One event by its record id (`ARTICLE:START`), with its sentence.
    pub fn event_detail(&self, event_id: &str) -> Result<Option<EventDetail>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, s.start, s.end, substr(CAST(a.text AS BLOB), s.start + 1, s.end - s.start) \
             FROM {EVENT_FROM} LEFT JOIN sentences s ON s.article = e.article AND s.idx = e.sentence \
             WHERE e.event_id = ?1 LIMIT 1"
        );
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let mut rows = stmt.query([event_id]).map_err(&err)?;
        let Some(r) = rows.next().map_err(&err)? else { return Ok(None) };
        let (event, _) = self.page_event(r)?;
        let start: Option<i64> = r.get(14).map_err(&err)?;
        let end: Option<i64> = r.get(15).map_err(&err)?;
        let bytes: Option<Vec<u8>> = r.get(16).map_err(&err)?;
        let sentence = match (start, end, bytes) {
            (Some(s), Some(e), Some(b)) => Some(SentenceText {
                start: usize::try_from(s).unwrap_or(0),
                end: usize::try_from(e).unwrap_or(0),
                text: String::from_utf8_lossy(&b).into_owned(),
            }),
            _ => None,
        };
        Ok(Some(EventDetail { event, sentence }))
    }

    /// Located events matching `q`, counted by place and type, most events first.
    pub fn event_places(&self, q: &EventQuery) -> Result<Vec<PlaceCount>, StoreError> {
        let Some(sel) = Selection::of(q) else { return Ok(Vec::new()) };
        // group on the place columns (cheap), then read the coordinates of one event per
        // place (the record JSON is large; reading it for every event would cost a scan)
        let sql = format!(
            "SELECT e.place_key, e.place_country, e.geonameid, min(e.rowid), e.type, count(*) \
             FROM events e JOIN articles a ON a.rowid = e.article \
             WHERE {} AND e.place_key IS NOT NULL \
             GROUP BY e.place_key, e.place_country, e.geonameid, e.type",
            sel.clause
        );
        let sql = sel.unjoin(sql);
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(sel.args.iter())).map_err(&err)?;
        let mut coords = self
            .conn
            .prepare_cached(
                "SELECT coalesce(place_name, ''), lat, lon FROM events WHERE rowid = ?1",
            )
            .map_err(&err)?;
        let mut places: BTreeMap<(String, Option<String>, Option<i64>), PlaceCount> = BTreeMap::new();
        while let Some(r) = rows.next().map_err(&err)? {
            let place_key: String = r.get(0).map_err(&err)?;
            let country: Option<String> = r.get(1).map_err(&err)?;
            let geonameid: Option<i64> = r.get(2).map_err(&err)?;
            let row: i64 = r.get(3).map_err(&err)?;
            let event_type: String = r.get(4).map_err(&err)?;
            let n = u64::try_from(r.get::<_, i64>(5).map_err(&err)?).unwrap_or(0);
            let key = (place_key, country.clone(), geonameid);
            if !places.contains_key(&key) {
                let (name, lat, lon): (String, Option<f64>, Option<f64>) =
                    coords.query_row([row], |c| Ok((c.get(0)?, c.get(1)?, c.get(2)?))).map_err(&err)?;
                let (Some(lat), Some(lon)) = (lat, lon) else { continue };
                places.insert(key.clone(), PlaceCount { name, country, geonameid, lat, lon, count: 0, types: BTreeMap::new() });
            }
            if let Some(p) = places.get_mut(&key) {
                p.count += n;
                *p.types.entry(event_type).or_insert(0) += n;
            }
        }
        let mut out: Vec<PlaceCount> = places.into_values().collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    /// Events matching `q` counted by (actor code, recipient code, type), most first.
    pub fn event_pairs(&self, q: &EventQuery) -> Result<Vec<PairCount>, StoreError> {
        let Some(sel) = Selection::of(q) else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT upper(e.actor_country), upper(e.recipient_country), e.type, count(*) \
             FROM events e JOIN articles a ON a.rowid = e.article WHERE {} \
             GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3",
            sel.clause
        );
        let sql = sel.unjoin(sql);
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(sel.args.iter()), |r| {
                Ok(PairCount {
                    actor: r.get(0)?,
                    recipient: r.get(1)?,
                    event_type: r.get(2)?,
                    count: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            })
            .map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }

    /// Events matching `q` counted by first day and type, in day order (undated first).
    pub fn event_days(&self, q: &EventQuery) -> Result<Vec<DayCount>, StoreError> {
        let Some(sel) = Selection::of(q) else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT e.date_start, e.type, count(*) FROM events e JOIN articles a ON a.rowid = e.article \
             WHERE {} GROUP BY 1, 2 ORDER BY 1, 2",
            sel.clause
        );
        let sql = sel.unjoin(sql);
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(sel.args.iter()), |r| {
                Ok(DayCount {
                    day: r.get(0)?,
                    event_type: r.get(1)?,
                    count: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                })
            })
            .map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }

    /// Writes the events matching `q` as PLOVER JSON lines (as `griot export`); returns the
    /// number written.
    pub fn export_plover_jsonl_of(&self, q: &EventQuery, out: &mut dyn std::io::Write) -> Result<usize, StoreError> {
        match Selection::of(q) {
            Some(sel) => crate::export::plover_jsonl_where(self, &sel, out),
            None => Ok(0),
        }
    }

    /// Writes the events matching `q` as CSV under the header row (as `griot export`), with
    /// formula cells neutralised unless `raw_cells`.
    pub fn export_csv_of(&self, q: &EventQuery, out: &mut dyn std::io::Write, raw_cells: bool) -> Result<usize, StoreError> {
        let sel = Selection::of(q).unwrap_or(Selection { clause: "0".into(), ..Selection::all() });
        crate::export::csv_where(self, &sel, out, raw_cells)
    }

    /// At most `limit` articles matching `q` in ingest order, after the article whose cursor
    /// is `after` (its ingest position, as given in `next`).
    pub fn articles_page(&self, q: &ArticleQuery, after: Option<i64>, limit: usize) -> Result<ArticlePage, StoreError> {
        let mut sel = Selection::all();
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        if let Some(t) = q.text.as_deref() {
            match fts_query(t) {
                Some(fq) => sel.and("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?N)", Value::Text(fq)),
                None => return Ok(ArticlePage { articles: Vec::new(), next: None }),
            }
        }
        if let Some(d) = q.since {
            sel.and("a.date >= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(d) = q.until {
            sel.and("a.date <= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(s) = text(&q.source) {
            sel.and("a.source = ?N COLLATE NOCASE", Value::Text(s));
        }
        if let Some(s) = text(&q.story) {
            sel.and("sa.story_id = ?N", Value::Text(s.to_lowercase()));
        }
        if let Some(a) = after {
            sel.and("a.rowid > ?N", Value::Integer(a));
        }
        let limit = limit.max(1);
        sel.args.push(Value::Integer(i64::try_from(limit + 1).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT a.rowid, a.id, a.title, a.url, a.date, a.source, a.lang, length(CAST(a.text AS BLOB)), \
             (SELECT count(*) FROM events e WHERE e.article = a.rowid), sa.story_id \
             FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id \
             WHERE {} ORDER BY a.rowid LIMIT ?{}",
            sel.clause,
            sel.args.len()
        );
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(sel.args.iter()), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    ArticleSummary {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        url: r.get(3)?,
                        date: r.get(4)?,
                        source: r.get(5)?,
                        lang: r.get(6)?,
                        bytes: u64::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
                        events: u64::try_from(r.get::<_, i64>(8)?).unwrap_or(0),
                        story_id: r.get(9)?,
                    },
                ))
            })
            .map_err(&err)?;
        let mut rows = rows.collect::<Result<Vec<_>, _>>().map_err(&err)?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(|(rowid, _)| rowid.to_string()) } else { None };
        Ok(ArticlePage { articles: rows.into_iter().map(|(_, a)| a).collect(), next })
    }

    /// At most `limit` stories matching `f` (latest first, as `griot stories`; `f.limit` is
    /// ignored), after `after`.
    pub fn stories_page(&self, f: &StoryFilter, after: Option<&StoryCursor>, limit: usize) -> Result<StoryPage, StoreError> {
        let mut sel = Selection::all();
        if let Some(a) = f.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            let code = a.to_uppercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            sel.and("s.actors LIKE ?N ESCAPE '\\'", Value::Text(format!("% {code} %")));
        }
        if let Some(d) = f.since {
            sel.and("coalesce(s.end, s.start) >= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(d) = f.until {
            sel.and("s.start <= ?N", Value::Text(dates::iso(d)));
        }
        if let Some(t) = f.text.as_deref() {
            match fts_query(t) {
                Some(q) => sel.and(
                    "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id \
                     WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?N))",
                    Value::Text(q),
                ),
                None => return Ok(StoryPage { stories: Vec::new(), next: None }),
            }
        }
        // latest first: start DESC with undated stories last, then id
        if let Some(c) = after {
            sel.args.push(Value::Text(c.start.clone()));
            sel.args.push(Value::Text(c.id.clone()));
            let (ns, ni) = (sel.args.len() - 1, sel.args.len());
            sel.clause.push_str(&format!(
                " AND (coalesce(s.start, '') < ?{ns} OR (coalesce(s.start, '') = ?{ns} AND s.id > ?{ni}))"
            ));
        }
        let limit = limit.max(1);
        sel.args.push(Value::Integer(i64::try_from(limit + 1).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT id, title, start, end, num_articles, num_sources, actors, data FROM stories s \
             WHERE {} ORDER BY coalesce(s.start, '') DESC, s.id LIMIT ?{}",
            sel.clause,
            sel.args.len()
        );
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(sel.args.iter()), |r| {
                let actors: String = r.get(6)?;
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    num_articles: r.get(4)?,
                    num_sources: r.get(5)?,
                    actors: actors.split_whitespace().map(str::to_string).collect(),
                    data: crate::stories::story_data(r, 7)?,
                })
            })
            .map_err(&err)?;
        let mut stories = rows.collect::<Result<Vec<_>, _>>().map_err(&err)?;
        let more = stories.len() > limit;
        stories.truncate(limit);
        let next = if more {
            stories.last().map(|s| StoryCursor { start: s.start.clone().unwrap_or_default(), id: s.id.clone() }.to_token())
        } else {
            None
        };
        Ok(StoryPage { stories, next })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_doc;

    fn store_with(n: usize) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..n).map(|i| sample_doc(i, 3)).collect();
        store.insert_docs(&docs).unwrap();
        store
    }

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let c = EventCursor { date: "2024-03-16".into(), row: 4 };
        assert_eq!(EventCursor::parse(&c.to_token()), Some(c));
        let c = EventCursor { date: String::new(), row: 4 };
        assert_eq!(EventCursor::parse(&c.to_token()), Some(c));
        for bad in ["", "x", "1.x", "-1", "1.2024-02-30", "1.junk", "1.2.2024-01-01"] {
            assert_eq!(EventCursor::parse(bad), None, "{bad}");
        }
        let s = StoryCursor { start: "2024-03-16".into(), id: "00ab".into() };
        assert_eq!(StoryCursor::parse(&s.to_token()), Some(s));
        assert_eq!(StoryCursor::parse("zz.2024-01-01"), None);
        assert_eq!(StoryCursor::parse("ab.2024-13-01"), None);
    }

    #[test]
    fn pages_cover_every_event_once_in_each_order() {
        let store = store_with_undated(7);
        assert!(store.events_page(&EventQuery::default(), EventSort::Ingest, None, 1000).unwrap().events.iter().any(|e| e.date_start.is_none()));
        let all = store.events(&EventFilter::default()).unwrap();
        assert!(all.len() > 10);
        for sort in [EventSort::Ingest, EventSort::DateAsc, EventSort::DateDesc] {
            let mut seen = Vec::new();
            let mut cursor: Option<EventCursor> = None;
            loop {
                let page = store.events_page(&EventQuery::default(), sort, cursor.as_ref(), 4).unwrap();
                assert!(page.events.len() <= 4);
                seen.extend(page.events.iter().map(|e| e.event.record.id.clone()));
                match page.next {
                    Some(t) => cursor = Some(EventCursor::parse(&t).expect("cursor parses")),
                    None => break,
                }
            }
            let mut expected: Vec<String> = all.iter().map(|e| e.record.id.clone()).collect();
            assert_eq!(seen.len(), expected.len(), "{sort:?}");
            if sort == EventSort::Ingest {
                assert_eq!(seen, expected);
            }
            seen.sort();
            expected.sort();
            assert_eq!(seen, expected, "{sort:?}: each event once");
        }
    }

    /// Sample documents, and two whose events have no date (undated articles).
    fn store_with_undated(n: usize) -> Store {
        let mut store = store_with(n);
        let undated: Vec<_> = (n..n + 2)
            .map(|i| {
                let mut d = sample_doc(i, 2);
                d.article.date = None;
                for e in &mut d.events {
                    e.date = None;
                }
                d
            })
            .collect();
        store.insert_docs(&undated).unwrap();
        store
    }

    #[test]
    fn date_orders_are_ordered() {
        let store = store_with_undated(9);
        let page = store.events_page(&EventQuery::default(), EventSort::DateDesc, None, 1000).unwrap();
        let days: Vec<String> = page.events.iter().map(|e| e.date_start.clone().unwrap_or_default()).collect();
        let mut sorted = days.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(days, sorted);
        assert_eq!(days.last().map(String::as_str), Some(""), "undated last when latest first");
        let page = store.events_page(&EventQuery::default(), EventSort::DateAsc, None, 1000).unwrap();
        assert!(page.events[0].date_start.is_none(), "undated first when earliest first");
    }

    #[test]
    fn filters_match_the_events_command() {
        let store = store_with(6);
        let all = store.events(&EventFilter::default()).unwrap();
        let first = &all[0].record;
        let t = first.event_type.clone();
        let q = EventQuery { filter: EventFilter { event_type: Some(t.to_lowercase()), ..Default::default() }, ..Default::default() };
        let page = store.events_page(&q, EventSort::Ingest, None, 1000).unwrap();
        let expected = store.events(&q.filter).unwrap();
        assert_eq!(page.events.len(), expected.len());
        assert_eq!(store.event_count(&q).unwrap(), expected.len() as u64);
        assert!(page.events.iter().all(|e| e.event.record.event_type == t));
        // status, article, and a text query without words
        let status = serde_json::to_value(first.status).unwrap().as_str().unwrap().to_string();
        let q = EventQuery { status: Some(status.to_uppercase()), ..Default::default() };
        assert!(store.event_count(&q).unwrap() >= 1);
        let q = EventQuery { article: Some(all[0].article_id.clone()), ..Default::default() };
        let n = all.iter().filter(|e| e.article_id == all[0].article_id).count() as u64;
        assert_eq!(store.event_count(&q).unwrap(), n);
        let q = EventQuery { filter: EventFilter { text: Some("!!".into()), ..Default::default() }, ..Default::default() };
        assert_eq!(store.event_count(&q).unwrap(), 0);
        assert!(store.events_page(&q, EventSort::Ingest, None, 5).unwrap().events.is_empty());
        let q = EventQuery { status: Some("no-such-status".into()), ..Default::default() };
        assert_eq!(store.event_count(&q).unwrap(), 0);
    }

    #[test]
    fn bbox_and_places_agree() {
        let store = store_with(5);
        let places = store.event_places(&EventQuery::default()).unwrap();
        let located: u64 = places.iter().map(|p| p.count).sum();
        let world = EventQuery { bbox: Some([-180.0, -90.0, 180.0, 90.0]), ..Default::default() };
        assert_eq!(store.event_count(&world).unwrap(), located);
        if let Some(p) = places.first() {
            let around = EventQuery { bbox: Some([p.lon - 0.1, p.lat - 0.1, p.lon + 0.1, p.lat + 0.1]), ..Default::default() };
            assert!(store.event_count(&around).unwrap() >= p.count);
            assert_eq!(p.types.values().sum::<u64>(), p.count);
        }
        let nowhere = EventQuery { bbox: Some([10.0, -89.0, 10.001, -88.9]), ..Default::default() };
        assert_eq!(store.event_count(&nowhere).unwrap(), 0);
    }

    #[test]
    fn pairs_and_days_count_every_event() {
        let store = store_with(6);
        let total = store.event_count(&EventQuery::default()).unwrap();
        let pairs: u64 = store.event_pairs(&EventQuery::default()).unwrap().iter().map(|p| p.count).sum();
        let days: u64 = store.event_days(&EventQuery::default()).unwrap().iter().map(|d| d.count).sum();
        assert_eq!((pairs, days), (total, total));
    }

    #[test]
    fn event_detail_has_its_sentence() {
        let store = store_with(2);
        let all = store.events(&EventFilter::default()).unwrap();
        let e = &all[0];
        let d = store.event_detail(&e.record.id).unwrap().expect("found");
        assert_eq!(d.event.event.record, e.record);
        let s = d.sentence.expect("sentence");
        let doc = store.doc(&e.article_id).unwrap().unwrap();
        assert_eq!(s.text, &doc.article.text[s.start..s.end]);
        assert!(store.event_detail("nope:1").unwrap().is_none());
    }

    #[test]
    fn filtered_exports_hold_only_the_filtered_events() {
        let store = store_with(4);
        let all = store.events(&EventFilter::default()).unwrap();
        let q = EventQuery { article: Some(all[0].article_id.clone()), ..Default::default() };
        let n = store.event_count(&q).unwrap() as usize;
        let mut jsonl = Vec::new();
        assert_eq!(store.export_plover_jsonl_of(&q, &mut jsonl).unwrap(), n);
        assert_eq!(String::from_utf8(jsonl).unwrap().lines().count(), n);
        let mut csv = Vec::new();
        assert_eq!(store.export_csv_of(&q, &mut csv, false).unwrap(), n);
        let mut everything = Vec::new();
        assert_eq!(store.export_plover_jsonl_of(&EventQuery::default(), &mut everything).unwrap(), all.len());
    }

    #[test]
    fn article_pages() {
        let store = store_with(5);
        let first = store.articles_page(&ArticleQuery::default(), None, 2).unwrap();
        assert_eq!(first.articles.len(), 2);
        let after: i64 = first.next.as_deref().unwrap().parse().unwrap();
        let rest = store.articles_page(&ArticleQuery::default(), Some(after), 10).unwrap();
        assert_eq!(rest.articles.len(), 3);
        assert!(rest.next.is_none());
        let ids: Vec<String> = first.articles.iter().chain(&rest.articles).map(|a| a.id.clone()).collect();
        assert_eq!(ids, store.article_ids().unwrap());
        let none = ArticleQuery { text: Some("?".into()), ..Default::default() };
        assert!(store.articles_page(&none, None, 10).unwrap().articles.is_empty());
    }

    #[test]
    fn period_labels() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 16).unwrap();
        assert_eq!(Period::Day.label(d), "2024-03-16");
        assert_eq!(Period::Week.label(d), "2024-W11");
        assert_eq!(Period::Month.label(d), "2024-03");
        // ISO week years differ from calendar years at the edges
        assert_eq!(Period::Week.label(NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()), "2020-W53");
    }
}

/// The query of the row ids of an event page (`limit + 1` of them, to tell whether there is
/// more) with its arguments; `None` when nothing can match.
pub(crate) fn page_sql(q: &EventQuery, sort: EventSort, after: Option<&EventCursor>, limit: usize) -> Option<(String, Vec<Value>)> {
    let mut sel = Selection::of(q)?;
    // Orders that an index can give without sorting: by rowid (ingest order) within an
    // equality filter, or by (date_start, rowid) through events_date_start, so a page
    // reads little more than its own rows.
    if let Some(c) = after {
        sel.args.push(Value::Integer(c.row));
        let nr = sel.args.len();
        let d = (!c.date.is_empty()).then(|| {
            sel.args.push(Value::Text(c.date.clone()));
            sel.args.len()
        });
        let cond = match (sort, d) {
            (EventSort::Ingest, _) => format!("e.rowid > ?{nr}"),
            (EventSort::DateAsc, None) => format!("(e.date_start IS NOT NULL OR e.rowid > ?{nr})"),
            (EventSort::DateAsc, Some(nd)) => {
                format!("(e.date_start > ?{nd} OR (e.date_start = ?{nd} AND e.rowid > ?{nr}))")
            }
            (EventSort::DateDesc, None) => format!("(e.date_start IS NULL AND e.rowid < ?{nr})"),
            (EventSort::DateDesc, Some(nd)) => {
                format!("(e.date_start < ?{nd} OR e.date_start IS NULL OR (e.date_start = ?{nd} AND e.rowid < ?{nr}))")
            }
        };
        sel.clause.push_str(" AND ");
        sel.clause.push_str(&cond);
    }
    let order = match sort {
        EventSort::Ingest => "e.rowid",
        EventSort::DateAsc => "e.date_start, e.rowid",
        EventSort::DateDesc => "e.date_start DESC, e.rowid DESC",
    };
    let limit = limit.max(1);
    sel.args.push(Value::Integer(i64::try_from(limit + 1).unwrap_or(i64::MAX)));
    // First the row ids of the page (a sort, when one is needed, then holds row ids
    // only, and the index often covers the filter), then the page's rows one by one.
    let from = if sel.article { "events e JOIN articles a ON a.rowid = e.article" } else { sel.page_events(sort) };
    let sql = format!("SELECT e.rowid FROM {from} WHERE {} ORDER BY {order} LIMIT ?{}", sel.clause, sel.args.len());
    Some((sql, sel.args))
}
