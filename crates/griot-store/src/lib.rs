//! griot-store keeps analysed documents in embedded SQLite and answers queries over them.
//!
//! It owns the schema ([`schema::MIGRATIONS`], versioned by `PRAGMA user_version`), the
//! insertion of whole [`Doc`]s in one transaction per batch, the event queries behind
//! `griot events`, the full-text index (FTS5 over article title and text) and the exports
//! (PLOVER JSON lines, CSV). It is the only crate that writes the database. It does not
//! analyse text, fetch anything or group stories (story tables come as a later migration).
//!
//! Every layer row is keyed by (article, index in the `Doc` layer) and carries its queryable
//! columns next to the full item as JSON, so [`Store::doc`] gives back exactly the `Doc`
//! that was inserted. Articles are deduplicated by [`Store::content_key`] (sha256 of the
//! text): inserting the same text twice stores it once. When a *different* text arrives
//! under an article id already taken, it is stored under the first free id `ID~2`, `ID~3`,
//! ... and [`InsertSummary::renamed`] says so; its event ids use the new id.
//!
//! ```
//! use griot_store::{EventFilter, Store};
//! use griot_text::{Article, Doc};
//! let mut store = Store::open_in_memory().unwrap();
//! let doc = Doc::new(Article::from_text("a1", "Niger revoked its pact with the US."));
//! let first = store.insert_docs(&[doc.clone()]).unwrap();
//! let again = store.insert_docs(&[doc.clone()]).unwrap();
//! assert_eq!((first.inserted, again.duplicates), (1, 1));
//! assert_eq!(store.doc("a1").unwrap(), Some(doc));
//! assert!(store.events(&EventFilter::default()).unwrap().is_empty());
//! ```

pub mod browse;
pub mod codec;
pub mod dates;
pub mod export;
pub mod follow;
pub mod sample;
pub mod schema;
pub mod stories;
pub mod watch;
pub use stories::{
    EventStoryRow, PendingStory, PreviousStory, StoredSummary, StoryArticleRow, StoryChange, StoryFilter, StoryRow, SummaryItem,
};

use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

use griot_text::record::{event_record, EventRecord};
use griot_text::{Article, Doc};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Errors of the store. Messages name the database path and, where it matters, the article.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("no database at {path} (run `griot ingest` or `griot demo` to make one, or give --db)")]
    Missing { path: String },
    #[error("{path} is not a griot database")]
    NotGriot { path: String },
    #[error("database {path} has schema version {found}, older than the {known} this griot reads; run `griot ingest` once (it upgrades the database) or open it where it can be written")]
    OlderSchema { path: String, found: i64, known: i64 },
    #[error("database {path}: {source}")]
    Sqlite { path: String, source: rusqlite::Error },
    #[error("database {path} has schema version {found}, newer than the {known} this griot knows; use a newer griot")]
    NewerSchema { path: String, found: i64, known: i64 },
    #[error("database {path}: migration to schema version {version} failed: {source}")]
    Migration { path: String, version: i64, source: rusqlite::Error },
    #[error("database {path}: article {article}: cannot encode {what}: {source}")]
    Encode { path: String, article: String, what: String, source: serde_json::Error },
    #[error("database {path}: article {article}: damaged {what}: {detail}")]
    Corrupt { path: String, article: String, what: String, detail: String },
    /// A watch rule that cannot be added or used (a name taken, a bad trigger).
    #[error("database {path}: {message}")]
    Watch { path: String, message: String },
    #[error("cannot write export: {0}")]
    Write(#[from] std::io::Error),
}

/// What one [`Store::insert_docs`] call did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsertSummary {
    /// Documents stored.
    pub inserted: usize,
    /// Documents skipped because a document with the same text was already stored (before
    /// or earlier in the same batch).
    pub duplicates: usize,
    /// `(id given, id stored)` for documents whose id was taken by a different text.
    pub renamed: Vec<(String, String)>,
    /// Documents whose stored analysis was replaced ([`Store::replace_docs`]).
    pub replaced: usize,
}

/// Which events [`Store::events`] returns; every field set narrows the result.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actor country / IGO code (`NER`, `NATO`), or code + sector (`NERMIL`); case-insensitive.
    pub actor: Option<String>,
    /// Recipient code, as for `actor`.
    pub recipient: Option<String>,
    /// PLOVER event type (`SANCTION`); case-insensitive.
    pub event_type: Option<String>,
    /// Events whose whole day range lies on or after this day. The range is the days the
    /// event date covers (`2024-03` -> March 2024, see [`dates::date_range`]), or the
    /// publication day when the event has no date. The whole range must lie inside
    /// `since..=until`: an event dated only `2008` is not "in January 2008", nor after
    /// 2008-06-01 (its precision is coarser than the range asks). An event whose date has no
    /// calendar range (`PAST_REF`), or without date in an undated article, never matches
    /// `since`/`until`.
    pub since: Option<chrono::NaiveDate>,
    /// Events whose whole day range lies on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// Location name or country code (`Niamey`, `NER`); case-insensitive, whole value.
    pub place: Option<String>,
    /// Words that must all occur in the article title or text (full-text search). A query
    /// without any letter or digit matches nothing.
    pub text: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// An event with the article it was coded from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    pub article_id: String,
    pub article_date: Option<String>,
    pub article_title: Option<String>,
    pub article_url: Option<String>,
    pub record: EventRecord,
}

/// Number of rows of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub sentences: u64,
    pub mentions: u64,
    pub times: u64,
    pub statements: u64,
    pub quantities: u64,
    pub events: u64,
}

/// An open griot database.
pub struct Store {
    conn: Connection,
    path: String,
}

fn sql_err(path: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { path: path.to_string(), source }
}

/// The text form of a unit enum as serde writes it (`"body"`, `"DATE"`).
fn enum_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl Store {
    /// Opens (creating if missing) the database at `path`, migrates it to the current schema
    /// and sets WAL journaling, `synchronous=NORMAL`, foreign keys and a busy timeout.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        Store::setup(conn, shown)
    }

    /// Opens an existing database for reading only: never creates a file, never migrates,
    /// writes nothing (so a database in a read-only directory or on read-only media can be
    /// queried). When SQLite cannot make its shared-memory file next to a WAL database, the
    /// file is opened as immutable (changes made by a concurrent writer are then not seen).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(StoreError::Missing { path: shown }),
            Ok(m) if !m.is_file() => return Err(StoreError::NotGriot { path: shown }),
            _ => {}
        }
        let open_err = |source| StoreError::Open { path: shown.clone(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let check = |conn: &Connection| -> rusqlite::Result<(i64, i64)> {
            let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            // touch the schema so that a WAL database that cannot be read fails here
            let objects = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            Ok((v, objects))
        };
        let plain = Connection::open_with_flags(path, flags).map_err(open_err)?;
        let (conn, found) = match check(&plain) {
            Ok(v) => (plain, v),
            Err(first) => {
                drop(plain);
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(&uri, flags).map_err(open_err)?;
                match check(&conn) {
                    Ok(v) => (conn, v),
                    Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
                        return Err(StoreError::NotGriot { path: shown })
                    }
                    Err(_) => return Err(open_err(first)),
                }
            }
        };
        let (found, objects) = found;
        let known = schema::MIGRATIONS.len() as i64;
        if found == 0 && objects == 0 {
            // A blank database: a writer created the file and was stopped before the first
            // migration committed (migrations are transactions). It holds nothing, so it reads
            // as an empty griot database; the next writer migrates it.
            drop(conn);
            let blank = Connection::open_in_memory().map_err(open_err)?;
            return Store::setup(blank, shown);
        }
        if found == 0 {
            return Err(StoreError::NotGriot { path: shown });
        }
        if found > known {
            return Err(StoreError::NewerSchema { path: shown, found, known });
        }
        if found < known {
            return Err(StoreError::OlderSchema { path: shown, found, known });
        }
        conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
        Ok(Store { conn, path: shown })
    }

    /// A private database in memory (tests, `griot code`).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let shown = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        Store::setup(conn, shown)
    }

    fn setup(mut conn: Connection, path: String) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open { path: path.clone(), source };
        conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
        // journal_mode answers with a row; "memory" for in-memory databases.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).map_err(open_err)?;
        // 64 MiB page cache: a batch of a thousand articles fits without spilling mid-transaction.
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;")
            .map_err(open_err)?;
        conn.set_prepared_statement_cache_capacity(64);
        migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The database path as shown in messages (`:memory:` for in-memory stores).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql_err(&self.path))
    }

    /// The content key of an article text: lower-case sha256 hex of its UTF-8 bytes.
    pub fn content_key(text: &str) -> String {
        let digest = Sha256::digest(text.as_bytes());
        let mut hex = String::with_capacity(64);
        for b in digest {
            hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            hex.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        hex
    }

    /// True when an article with exactly this text is stored (ingest skips re-analysis).
    pub fn contains_text(&self, text: &str) -> Result<bool, StoreError> {
        let key = Store::content_key(text);
        let mut stmt =
            self.conn.prepare_cached("SELECT 1 FROM articles WHERE content_key = ?1").map_err(sql_err(&self.path))?;
        stmt.exists([key]).map_err(sql_err(&self.path))
    }

    /// Stores the documents in one transaction: either all new ones are stored or, on error,
    /// none. Documents whose text is already stored (or repeated in the batch) are skipped.
    pub fn insert_docs(&mut self, docs: &[Doc]) -> Result<InsertSummary, StoreError> {
        let path = self.path.as_str();
        // IMMEDIATE: take the write lock up front, so a concurrent writer makes us wait
        // (busy timeout) instead of failing when a read transaction would have to upgrade.
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql_err(path))?;
        let summary = {
            let mut inserter = Inserter::new(&tx, path)?;
            let mut summary = InsertSummary::default();
            for doc in docs {
                match inserter.insert(doc, None)? {
                    Inserted::Duplicate => summary.duplicates += 1,
                    Inserted::Stored(None) => summary.inserted += 1,
                    Inserted::Stored(Some(id)) => {
                        summary.inserted += 1;
                        summary.renamed.push((doc.article.id.clone(), id));
                    }
                }
            }
            summary
        };
        tx.commit().map_err(sql_err(path))?;
        Ok(summary)
    }

    /// Like [`Store::insert_docs`], but a document whose text is already stored replaces the
    /// stored analysis (every layer, the publication date and metadata) under the stored id
    /// and in its place in ingest order; its story summary is dropped, to be made again.
    /// Used by `griot ingest --force` (for instance to give stored articles a `--date`).
    pub fn replace_docs(&mut self, docs: &[Doc]) -> Result<InsertSummary, StoreError> {
        let path = self.path.as_str();
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql_err(path))?;
        let summary = {
            let mut inserter = Inserter::new(&tx, path)?;
            let mut summary = InsertSummary::default();
            let mut seen = std::collections::HashSet::new();
            for doc in docs {
                let key = Store::content_key(&doc.article.text);
                if !seen.insert(key.clone()) {
                    summary.duplicates += 1;
                    continue;
                }
                let old: Option<(i64, String, Option<String>)> = tx
                    .query_row("SELECT rowid, id, title FROM articles WHERE content_key = ?1", [&key], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()
                    .map_err(sql_err(path))?;
                let Some((rowid, id, title)) = old else {
                    match inserter.insert(doc, None)? {
                        Inserted::Duplicate => summary.duplicates += 1,
                        Inserted::Stored(None) => summary.inserted += 1,
                        Inserted::Stored(Some(new)) => {
                            summary.inserted += 1;
                            summary.renamed.push((doc.article.id.clone(), new));
                        }
                    }
                    continue;
                };
                tx.execute(
                    "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
                    params![rowid, title, doc.article.text],
                )
                .map_err(sql_err(path))?;
                tx.execute("DELETE FROM articles WHERE rowid = ?1", [rowid]).map_err(sql_err(path))?;
                let mut d = doc.clone();
                d.article.id = id;
                inserter.insert(&d, Some(rowid))?;
                summary.replaced += 1;
            }
            summary
        };
        tx.commit().map_err(sql_err(path))?;
        Ok(summary)
    }

    /// Events matching `filter`, in ingest order (the order in which they were stored:
    /// article by article, in article order; an article re-analysed by `ingest --force` has
    /// its events stored anew, last), at most `filter.limit` of them. See
    /// [`Store::for_each_event`] to write them out without holding them all.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut out = Vec::new();
        self.for_each_event(filter, |e| {
            out.push(e);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Calls `f` with each event of [`Store::events`], in its order, as it is read, and
    /// returns how many there were; stops at the first error of `f`. The row ids come from
    /// the page query of `griot serve` (`browse::page_sql`: a keyset read, in ingest order,
    /// of the index that matches the filter), stepped one at a time, and each event row is
    /// read when its turn comes, so memory does not grow with the number of events and the
    /// first rows arrive before the last ones are found.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<usize, E> {
        if filter.limit == Some(0) {
            return Ok(0);
        }
        let limit = filter.limit.unwrap_or(usize::MAX).min(i64::MAX as usize - 1);
        let q = browse::EventQuery { filter: filter.clone(), ..Default::default() };
        let Some((sql, args)) = browse::page_sql(&q, browse::EventSort::Ingest, None, limit) else {
            return Ok(0);
        };
        let err = sql_err(&self.path);
        let mut ids = self.conn.prepare_cached(&sql).map_err(&err)?;
        let mut rows = ids.query(rusqlite::params_from_iter(args.iter())).map_err(&err)?;
        let mut one = self
            .conn
            .prepare_cached("SELECT a.id, a.date, a.title, a.url, e.record FROM events e JOIN articles a ON a.rowid = e.article WHERE e.rowid = ?1")
            .map_err(&err)?;
        let mut n = 0;
        while n < limit {
            let Some(id) = rows.next().map_err(&err)? else { break };
            let rowid: i64 = id.get(0).map_err(&err)?;
            let mut found = one.query([rowid]).map_err(&err)?;
            let Some(row) = found.next().map_err(&err)? else { continue };
            let article_id: String = row.get(0).map_err(&err)?;
            let record = read_record(&self.path, &article_id, row.get_ref(4).map_err(&err)?)?;
            let event = StoredEvent {
                article_date: row.get(1).map_err(&err)?,
                article_title: row.get(2).map_err(&err)?,
                article_url: row.get(3).map_err(&err)?,
                article_id,
                record,
            };
            drop(found);
            f(event)?;
            n += 1;
        }
        Ok(n)
    }

    /// The stored document with every layer, equal to the one inserted (with the stored id
    /// when it was renamed), or `None` for an unknown id.
    pub fn doc(&self, article_id: &str) -> Result<Option<Doc>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid, url, title, date, lang, source, text, meta, tokens, diagnostics, layers FROM articles WHERE id = ?1",
            )
            .map_err(&err)?;
        type Row = (
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            String,
            Vec<u8>,
            String,
            Option<Vec<u8>>,
        );
        let row: Option<Row> = stmt
            .query_row([article_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .optional()
            .map_err(&err)?;
        let Some((_rowid, url, title, date, lang, source, text, meta, tokens, diagnostics, layers)) = row else {
            return Ok(None);
        };
        let corrupt = |what: &str, detail: String| StoreError::Corrupt {
            path: self.path.clone(),
            article: article_id.to_string(),
            what: what.to_string(),
            detail,
        };
        let date = match date {
            Some(d) => {
                Some(d.parse::<chrono::NaiveDate>().map_err(|e| corrupt("publication date", format!("{d:?}: {e}")))?)
            }
            None => None,
        };
        let meta = serde_json::from_str(&meta).map_err(|e| corrupt("meta", e.to_string()))?;
        let tokens = codec::decode_tokens(&tokens).map_err(|at| corrupt("tokens", format!("at byte {at}")))?;
        let diagnostics = serde_json::from_str(&diagnostics).map_err(|e| corrupt("diagnostics", e.to_string()))?;
        let layers: Layers = match layers {
            Some(b) => codec::unpack_value(&b).map_err(|e| corrupt("layers", e))?,
            None => Layers::default(),
        };
        let article = Article { id: article_id.to_string(), url, title, date, lang, source, text, meta };
        Ok(Some(Doc {
            article,
            sentences: layers.sentences,
            tokens,
            mentions: layers.mentions,
            times: layers.times,
            quantities: layers.quantities,
            statements: layers.statements,
            events: layers.events,
            diagnostics,
        }))
    }

    /// Stored article ids in ingest order.
    pub fn article_ids(&self) -> Result<Vec<String>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached("SELECT id FROM articles ORDER BY rowid").map_err(&err)?;
        let ids = stmt.query_map([], |r| r.get(0)).map_err(&err)?;
        ids.collect::<Result<Vec<String>, _>>().map_err(&err)
    }

    /// Writes every event as one PLOVER JSON record per line; returns the number written.
    pub fn export_plover_jsonl(&self, out: &mut dyn std::io::Write) -> Result<usize, StoreError> {
        export::plover_jsonl(self, out)
    }

    /// Writes every event as one CSV row under a header row; returns the number of events.
    /// Cells that would start a spreadsheet formula are neutralised
    /// ([`export::neutralise_cell`]).
    pub fn export_csv(&self, out: &mut dyn std::io::Write) -> Result<usize, StoreError> {
        export::csv(self, out, false)
    }

    /// [`Store::export_csv`] with every cell as stored (`--raw-cells`).
    pub fn export_csv_raw(&self, out: &mut dyn std::io::Write) -> Result<usize, StoreError> {
        export::csv(self, out, true)
    }

    /// Whether some stored event has this actor or recipient code (case-insensitive).
    pub fn has_actor_code(&self, code: &str) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM events WHERE actor_country = ?1 COLLATE NOCASE OR recipient_country = ?1 COLLATE NOCASE LIMIT 1",
            )
            .map_err(sql_err(&self.path))?;
        stmt.exists([code]).map_err(sql_err(&self.path))
    }

    /// Number of stored rows of each kind.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let err = sql_err(&self.path);
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).map_err(&err)?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            articles: count("articles")?,
            sentences: count("sentences")?,
            mentions: count("mentions")?,
            times: count("times")?,
            statements: count("statements")?,
            quantities: count("quantities")?,
            events: count("events")?,
        })
    }
}

/// Turns user words into an FTS5 query that can never be a syntax error: each
/// whitespace-separated word becomes a quoted phrase (inner quotes doubled); words without
/// any letter or digit are dropped. `None` when nothing searchable is left.
pub fn fts_query(words: &str) -> Option<String> {
    let mut q = String::new();
    for w in words.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)) {
        if !q.is_empty() {
            q.push(' ');
        }
        q.push('"');
        q.push_str(&w.replace('"', "\"\""));
        q.push('"');
    }
    (!q.is_empty()).then_some(q)
}

/// How a watch rule's text filter is written: per row (for a few events, such as the new
/// ones a rule looks at) or as a subquery over the new articles. (`griot events` reads its
/// filter through `browse::Selection`.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextMatch {
    PerRow,
    /// A subquery over the articles from this rowid on (FTS5 seeks to it): the new articles.
    From(i64),
}

/// Appends the conditions of `filter` (each starting with ` AND `) on the events table `e`
/// and its articles `a`, with their arguments; false when the filter can match nothing (a
/// text query without any word). Shared by `griot events` and the watch rules, so both mean
/// the same by a filter.
pub(crate) fn filter_clauses(filter: &EventFilter, text: TextMatch, sql: &mut String, args: &mut Vec<Value>) -> bool {
    let mut arg = |sql: &mut String, clause: &str, v: Value| {
        args.push(v);
        let n = args.len();
        sql.push_str(" AND ");
        sql.push_str(&clause.replace("?N", &format!("?{n}")));
    };
    for (field, role) in [(&filter.actor, "actor"), (&filter.recipient, "recipient")] {
        if let Some(code) = field.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            let clause = format!(
                "(e.{role}_country = ?N COLLATE NOCASE OR (e.{role}_country = substr(?N, 1, 3) COLLATE NOCASE AND e.{role}_sector = substr(?N, 4) COLLATE NOCASE))"
            );
            arg(sql, &clause, Value::Text(code.to_string()));
        }
    }
    if let Some(t) = filter.event_type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        arg(sql, "e.type = ?N COLLATE NOCASE", Value::Text(t.to_string()));
    }
    if let Some(d) = filter.since {
        arg(sql, "e.date_start >= ?N", Value::Text(dates::iso(d)));
    }
    if let Some(d) = filter.until {
        arg(sql, "e.date_end <= ?N", Value::Text(dates::iso(d)));
    }
    if let Some(p) = filter.place.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        arg(sql, "(e.place_key = ?N OR e.place_country = ?N COLLATE NOCASE)", Value::Text(p.to_lowercase()));
    }
    if let Some(t) = filter.text.as_deref() {
        let Some(q) = fts_query(t) else { return false };
        let clause = match text {
            TextMatch::PerRow => {
                "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?N AND articles_fts.rowid = e.article)".to_string()
            }
            TextMatch::From(first) => {
                format!("e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?N AND rowid >= {first})")
            }
        };
        arg(sql, &clause, Value::Text(q));
    }
    true
}

/// A path as it must be written in an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            _ => out.push(char::from(b)),
        }
    }
    out
}

fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let known = schema::MIGRATIONS.len() as i64;
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|source| StoreError::Open { path: path.to_string(), source })?;
    if found > known {
        return Err(StoreError::NewerSchema { path: path.to_string(), found, known });
    }
    if found == 0 {
        // A new database gets the whole schema in one transaction: a process killed on its
        // first open leaves a blank file (which reads as an empty store), never a store
        // stopped at some earlier version.
        let fail = |source| StoreError::Migration { path: path.to_string(), version: known, source };
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(fail)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(fail)?;
        if now == 0 {
            for (i, step) in schema::MIGRATIONS.iter().enumerate() {
                apply_step(&tx, path, i as i64 + 1, step)?;
            }
            tx.pragma_update(None, "user_version", known).map_err(fail)?;
            tx.commit().map_err(fail)?;
            return Ok(());
        }
        // another process made the schema meanwhile: go on from its version
        drop(tx);
    }
    for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        let version = i as i64 + 1;
        let fail = |source| StoreError::Migration { path: path.to_string(), version, source };
        // IMMEDIATE: two processes opening a fresh file do not both migrate it.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(fail)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(fail)?;
        if now >= version {
            continue; // another process migrated meanwhile
        }
        apply_step(&tx, path, version, step)?;
        tx.pragma_update(None, "user_version", version).map_err(fail)?;
        tx.commit().map_err(fail)?;
        if version == 9 {
            // the JSON pages are free now: give them back to the file system (a failure,
            // such as a full disk, leaves a valid store that is only larger)
            let _ = conn.execute_batch("VACUUM");
        }
    }
    Ok(())
}

/// Runs migration step `version` (its SQL, and for step 9 the repacking of the rows).
fn apply_step(tx: &Transaction<'_>, path: &str, version: i64, step: &str) -> Result<(), StoreError> {
    let fail = |source| StoreError::Migration { path: path.to_string(), version, source };
    tx.execute_batch(step).map_err(fail)?;
    if version == 9 {
        upgrade::repack(tx).map_err(|e| match e {
            upgrade::Error::Sql(source) => fail(source),
            upgrade::Error::Damaged { article, what, detail } => {
                StoreError::Corrupt { path: path.to_string(), article, what, detail }
            }
        })?;
        tx.execute_batch(schema::V9_AFTER).map_err(fail)?;
    }
    Ok(())
}

enum Inserted {
    Duplicate,
    /// Stored; `Some(id)` when it had to be renamed.
    Stored(Option<String>),
}

/// The prepared statements of one insert transaction.
struct Inserter<'t> {
    tx: &'t Transaction<'t>,
    path: &'t str,
    has_key: rusqlite::CachedStatement<'t>,
    has_id: rusqlite::CachedStatement<'t>,
    article: rusqlite::CachedStatement<'t>,
    fts: rusqlite::CachedStatement<'t>,
    pending: rusqlite::CachedStatement<'t>,
    sentence: rusqlite::CachedStatement<'t>,
    mention: rusqlite::CachedStatement<'t>,
    time: rusqlite::CachedStatement<'t>,
    quantity: rusqlite::CachedStatement<'t>,
    statement: rusqlite::CachedStatement<'t>,
    event: rusqlite::CachedStatement<'t>,
    json: Vec<u8>,
    json2: Vec<u8>,
    blob: Vec<u8>,
    layers: Vec<u8>,
}

impl<'t> Inserter<'t> {
    fn new(tx: &'t Transaction<'t>, path: &'t str) -> Result<Inserter<'t>, StoreError> {
        let p = |sql: &str| tx.prepare_cached(sql).map_err(sql_err(path));
        Ok(Inserter {
            tx,
            path,
            has_key: p("SELECT 1 FROM articles WHERE content_key = ?1")?,
            has_id: p("SELECT 1 FROM articles WHERE id = ?1")?,
            article: p(
                "INSERT INTO articles (id, original_id, content_key, url, title, date, lang, source, text, meta, tokens, diagnostics, rowid, layers) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?,
            fts: p("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?,
            pending: p("INSERT OR IGNORE INTO story_pending (article) VALUES (?1)")?,
            sentence: p("INSERT INTO sentences (article, idx, start, end, kind) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            mention: p(
                "INSERT INTO mentions (article, idx, start, end, kind, name, country, sector, geonameid, antecedent, rule) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            time: p(
                "INSERT INTO times (article, idx, start, end, type, value, precision, anchor) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            quantity: p(
                "INSERT INTO quantities (article, idx, start, end, kind, value, unit, actor) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            statement: p(
                "INSERT INTO statements (article, idx, start, end, kind, speaker) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            event: p(
                "INSERT INTO events (article, idx, event_id, sentence, trigger_start, trigger_end, type, mode, cameo, \
                 actor_country, actor_sector, recipient_country, recipient_sector, date_value, date_start, date_end, \
                 place_name, place_key, place_country, geonameid, status, rule, record, lat, lon, context) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
            )?,
            json: Vec::with_capacity(4096),
            json2: Vec::with_capacity(4096),
            blob: Vec::with_capacity(4096),
            layers: Vec::with_capacity(4096),
        })
    }

    /// Stores `doc` (at `rowid` when given, the place of an article it replaces).
    fn insert(&mut self, doc: &Doc, rowid: Option<i64>) -> Result<Inserted, StoreError> {
        let path = self.path;
        let err = sql_err(path);
        let key = Store::content_key(&doc.article.text);
        if self.has_key.exists([&key]).map_err(&err)? {
            return Ok(Inserted::Duplicate);
        }
        let given = &doc.article.id;
        let mut renamed = None;
        if self.has_id.exists([given]).map_err(&err)? {
            let mut n = 2u64;
            loop {
                let candidate = format!("{given}~{n}");
                if !self.has_id.exists([&candidate]).map_err(&err)? {
                    renamed = Some(candidate);
                    break;
                }
                n += 1;
            }
        }
        // Records (event ids) are built from the doc as stored.
        let doc: Cow<Doc> = match &renamed {
            Some(id) => {
                let mut d = doc.clone();
                d.article.id = id.clone();
                Cow::Owned(d)
            }
            None => Cow::Borrowed(doc),
        };
        let a = &doc.article;
        let encode = |what: &str, source| StoreError::Encode {
            path: path.to_string(),
            article: a.id.clone(),
            what: what.to_string(),
            source,
        };
        let meta = serde_json::to_string(&a.meta).map_err(|e| encode("meta", e))?;
        let diagnostics = serde_json::to_string(&doc.diagnostics).map_err(|e| encode("diagnostics", e))?;
        codec::encode_tokens(&doc.tokens, &mut self.blob);
        let layers = LayersRef {
            sentences: &doc.sentences,
            mentions: &doc.mentions,
            times: &doc.times,
            quantities: &doc.quantities,
            statements: &doc.statements,
            events: &doc.events,
        };
        codec::pack_value(&layers, &mut self.json, &mut self.layers).map_err(|e| encode("layers", e))?;
        let date = a.date.map(|d| d.to_string());
        self.article
            .execute(params![
                a.id,
                given,
                key,
                a.url,
                a.title,
                date,
                a.lang,
                a.source,
                a.text,
                meta,
                self.blob,
                diagnostics,
                rowid,
                self.layers
            ])
            .map_err(&err)?;
        let rowid = self.tx.last_insert_rowid();
        self.fts.execute(params![rowid, a.title, a.text]).map_err(&err)?;
        // its story is to be made (or made again, for a re-analysed article)
        self.pending.execute([rowid]).map_err(&err)?;

        for (i, s) in doc.sentences.iter().enumerate() {
            self.sentence
                .execute(params![rowid, i as i64, s.span.start as i64, s.span.end as i64, enum_str(&s.kind)])
                .map_err(&err)?;
        }
        for (i, m) in doc.mentions.iter().enumerate() {
            self.mention
                .execute(params![
                    rowid,
                    i as i64,
                    m.span.start as i64,
                    m.span.end as i64,
                    enum_str(&m.kind),
                    m.name,
                    m.country,
                    m.sector,
                    m.place.as_ref().and_then(|p| p.geonameid).and_then(|g| i64::try_from(g).ok()),
                    m.antecedent.map(|x| i64::from(x.0)),
                    m.origin.rule,
                ])
                .map_err(&err)?;
        }
        for (i, t) in doc.times.iter().enumerate() {
            self.time
                .execute(params![
                    rowid,
                    i as i64,
                    t.span.start as i64,
                    t.span.end as i64,
                    enum_str(&t.kind),
                    t.value,
                    enum_str(&t.precision),
                    enum_str(&t.anchor),
                ])
                .map_err(&err)?;
        }
        for (i, q) in doc.quantities.iter().enumerate() {
            self.quantity
                .execute(params![
                    rowid,
                    i as i64,
                    q.span.start as i64,
                    q.span.end as i64,
                    enum_str(&q.kind),
                    q.value.is_finite().then_some(q.value),
                    q.unit,
                    q.actor.map(|x| i64::from(x.0)),
                ])
                .map_err(&err)?;
        }
        for (i, s) in doc.statements.iter().enumerate() {
            self.statement
                .execute(params![
                    rowid,
                    i as i64,
                    s.span.start as i64,
                    s.span.end as i64,
                    enum_str(&s.kind),
                    s.speaker.map(|x| i64::from(x.0)),
                ])
                .map_err(&err)?;
        }
        let article_day = a.date.map(dates::iso);
        for (i, e) in doc.events.iter().enumerate() {
            let record = event_record(&doc, e);
            let (start, end) = match &e.date {
                Some(d) => match dates::date_range(&d.value) {
                    Some((s, t)) => (Some(dates::iso(s)), Some(dates::iso(t))),
                    None => (None, None),
                },
                None => (article_day.clone(), article_day.clone()),
            };
            let loc = record.location.as_ref();
            codec::pack_value(&record, &mut self.json, &mut self.json2).map_err(|x| encode("event record", x))?;
            let context = if record.context.is_empty() {
                None
            } else {
                Some(serde_json::to_string(&record.context).map_err(|x| encode("event context", x))?)
            };
            self.event
                .execute(params![
                    rowid,
                    i as i64,
                    record.id,
                    i64::from(e.sentence.0),
                    e.trigger.start as i64,
                    e.trigger.end as i64,
                    e.event_type,
                    e.mode,
                    e.cameo,
                    record.actor.as_ref().and_then(|p| p.country.as_deref()),
                    record.actor.as_ref().and_then(|p| p.sector.as_deref()),
                    record.recipient.as_ref().and_then(|p| p.country.as_deref()),
                    record.recipient.as_ref().and_then(|p| p.sector.as_deref()),
                    record.date.as_ref().map(|d| d.value.as_str()),
                    start,
                    end,
                    loc.map(|l| l.name.as_str()),
                    loc.map(|l| l.name.to_lowercase()),
                    loc.and_then(|l| l.country.as_deref()),
                    loc.and_then(|l| l.geonameid).and_then(|g| i64::try_from(g).ok()),
                    enum_str(&e.status),
                    e.origin.rule,
                    self.json2,
                    loc.map(|l| l.lat),
                    loc.map(|l| l.lon),
                    context
                ])
                .map_err(&err)?;
        }
        Ok(Inserted::Stored(renamed))
    }
}

/// The layers of an article as packed in `articles.layers` (schema step 9).
#[derive(Serialize)]
struct LayersRef<'a> {
    sentences: &'a [griot_text::Sentence],
    mentions: &'a [griot_text::Mention],
    times: &'a [griot_text::TimeExpr],
    quantities: &'a [griot_text::Quantity],
    statements: &'a [griot_text::Statement],
    events: &'a [griot_text::Event],
}

/// [`LayersRef`] read back.
#[derive(serde::Deserialize, Default)]
struct Layers {
    sentences: Vec<griot_text::Sentence>,
    mentions: Vec<griot_text::Mention>,
    times: Vec<griot_text::TimeExpr>,
    quantities: Vec<griot_text::Quantity>,
    statements: Vec<griot_text::Statement>,
    events: Vec<griot_text::Event>,
}

/// The event record in an `events.record` value (packed, or JSON text before step 9).
pub(crate) fn read_record(
    path: &str,
    article_id: &str,
    value: rusqlite::types::ValueRef<'_>,
) -> Result<EventRecord, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_string(),
        article: article_id.to_string(),
        what: "event record".into(),
        detail,
    };
    let bytes = value.as_bytes().map_err(|e| corrupt(e.to_string()))?;
    codec::unpack_value(bytes).map_err(corrupt)
}

mod upgrade;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_robust;
#[cfg(test)]
mod tests_stories;
