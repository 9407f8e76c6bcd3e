//! Versioned schema migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. [`MIGRATIONS`] lists the SQL
//! steps in order; step `i` brings the database from version `i` to `i + 1`. Each step runs in
//! its own transaction together with the version bump, so a crash mid-migration leaves the
//! database at the previous version (a new database gets every step in one transaction, so
//! that a kill on its first open leaves it blank). Never edit a step once released: append a new one
//! (the story tables of issue 6 will be step 2).

/// Migration steps, applied in order. Index + 1 is the resulting `user_version`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9];

/// Version 1: articles, their annotation layers, events and full-text search.
///
/// Indexes exist for the event filters of `Store::events` (and event ids); layer tables are
/// reached by their (article, idx) primary key. More indexes (mentions by actor code, ...)
/// belong in later steps, with the queries that need them: each index slows ingest.
///
/// Every layer row is keyed by (article rowid, index in the `Doc` layer), has queryable
/// columns and `item`: the model item as JSON, which is what `Store::doc` reads back.
/// Layer tables with small rows are `WITHOUT ROWID` (clustered on the key).
const V1: &str = r#"
CREATE TABLE articles (
    rowid        INTEGER PRIMARY KEY,            -- ingest order
    id           TEXT NOT NULL UNIQUE,           -- article id as stored (may carry a ~N suffix)
    original_id  TEXT NOT NULL,                  -- article id as given by the reader
    content_key  TEXT NOT NULL UNIQUE,           -- sha256 hex of text
    url          TEXT,
    title        TEXT,
    date         TEXT,                           -- publication date YYYY-MM-DD
    lang         TEXT,
    source       TEXT,
    text         TEXT NOT NULL,
    meta         TEXT NOT NULL DEFAULT '{}',     -- json object of extra reader fields
    tokens       BLOB NOT NULL,                  -- compact token layer (see codec.rs)
    diagnostics  TEXT NOT NULL DEFAULT '[]'      -- json array
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_url ON articles(url);

CREATE TABLE sentences (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
    article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    country        TEXT,
    sector         TEXT,
    geonameid      INTEGER,
    antecedent     INTEGER,
    rule           TEXT NOT NULL,
    item           TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE times (
    article    INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    precision  TEXT NOT NULL,
    anchor     TEXT NOT NULL,
    item       TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE quantities (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    value    REAL NOT NULL,
    unit     TEXT,
    actor    INTEGER,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE statements (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    speaker  INTEGER,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    article            INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx                INTEGER NOT NULL,
    event_id           TEXT NOT NULL,         -- record id: "<article id>:<trigger start>"
    sentence           INTEGER NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    type               TEXT NOT NULL,         -- PLOVER event type
    mode               TEXT,
    cameo              TEXT,
    actor_country      TEXT,
    actor_sector       TEXT,
    recipient_country  TEXT,
    recipient_sector   TEXT,
    date_value         TEXT,                  -- as coded: 2024-03-16, 2024-03, 2024-W11, 2023
    date_start         TEXT,                  -- first ISO day covered (article date if no event date)
    date_end           TEXT,                  -- last ISO day covered
    place_name         TEXT,
    place_key          TEXT,                  -- lower-cased place name, for matching
    place_country      TEXT,
    geonameid          INTEGER,
    status             TEXT NOT NULL,
    rule               TEXT NOT NULL,
    record             TEXT NOT NULL,         -- EventRecord json (exchange format)
    item               TEXT NOT NULL,         -- model Event json
    PRIMARY KEY (article, idx)
);  -- a rowid table: event rows are large, and WITHOUT ROWID would push them to overflow pages
CREATE INDEX events_type ON events(type COLLATE NOCASE);
CREATE INDEX events_actor ON events(actor_country COLLATE NOCASE, actor_sector COLLATE NOCASE);
CREATE INDEX events_recipient ON events(recipient_country COLLATE NOCASE, recipient_sector COLLATE NOCASE);
CREATE INDEX events_date_start ON events(date_start);
CREATE INDEX events_date_end ON events(date_end);
CREATE INDEX events_place_key ON events(place_key);
CREATE INDEX events_place_country ON events(place_country COLLATE NOCASE);
CREATE INDEX events_event_id ON events(event_id);

-- Full-text search over title and text; external content: the text lives once, in articles.
-- Rows are added by Store::insert_docs with rowid = articles.rowid; deleting an article must
-- also issue the FTS5 'delete' command with its old title and text.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Version 2: stories (issue 6). Grouping itself is pure (griot-story); the store keeps each
/// article's summary (opaque JSON, so stories can be recomputed without re-reading every
/// document), the current stories (JSON views), which story each article is in, and which
/// story event each coded event was merged into, with its counts (used by the exports).
/// Story rows are derived data: `Store::replace_stories` rewrites them in one transaction.
const V2: &str = r#"
CREATE TABLE story_summaries (
    article  INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    summary  TEXT NOT NULL
);
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,     -- 16 hex digits, stable whatever the ingest order
    title         TEXT NOT NULL,
    start         TEXT,
    end           TEXT,
    num_articles  INTEGER NOT NULL,
    num_sources   INTEGER NOT NULL,
    actors        TEXT NOT NULL,        -- space-separated country codes, for filtering
    data          TEXT NOT NULL         -- the story view as JSON
);
CREATE INDEX stories_start ON stories(start);
CREATE TABLE story_articles (
    article_id         TEXT PRIMARY KEY,
    story_id           TEXT NOT NULL,
    near_duplicate_of  TEXT
);
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE TABLE event_stories (
    event_id        TEXT PRIMARY KEY,   -- events.event_id
    story_id        TEXT NOT NULL,
    story_event_id  INTEGER NOT NULL,
    num_mentions    INTEGER NOT NULL,
    num_sources     INTEGER NOT NULL,
    num_articles    INTEGER NOT NULL
);
"#;

/// Version 3: live monitoring (issue 14). `griot follow` keeps what it knows of each source
/// (validators for conditional requests, failures and backoff), every feed item it has seen
/// (so a restart neither refetches nor forgets one) and robots.txt per host; `griot watch`
/// keeps its rules (the filter and trigger as JSON, how far in the events table each rule
/// has looked), the keys a first-of-a-kind rule has met, and the alerts, each once per
/// (rule, key), with its delivery state. Times are Unix seconds from the caller's clock.
const V3: &str = r#"
CREATE TABLE follow_sources (
    url            TEXT PRIMARY KEY,
    kind           TEXT,                  -- feed or page, as last fetched
    etag           TEXT,
    last_modified  TEXT,
    last_fetch     INTEGER,               -- last attempt
    last_success   INTEGER,
    next_fetch     INTEGER,               -- not before (schedule or backoff)
    failures       INTEGER NOT NULL DEFAULT 0,  -- consecutive
    last_status    INTEGER,
    last_error     TEXT
);
CREATE TABLE follow_items (
    source        TEXT NOT NULL,
    key           TEXT NOT NULL,          -- item guid, else its link
    url           TEXT,
    title         TEXT,
    date          TEXT,
    state         TEXT NOT NULL,          -- new, done, failed, refused
    attempts      INTEGER NOT NULL DEFAULT 0,
    first_seen    INTEGER NOT NULL,
    next_attempt  INTEGER NOT NULL DEFAULT 0,
    article_id    TEXT,
    error         TEXT,
    item          TEXT,                   -- the feed item as JSON (its text when the page fails)
    PRIMARY KEY (source, key)
);
CREATE INDEX follow_items_todo ON follow_items(state, next_attempt);
CREATE TABLE follow_robots (
    host     TEXT PRIMARY KEY,            -- scheme://host:port
    fetched  INTEGER NOT NULL,
    status   INTEGER NOT NULL,
    body     TEXT NOT NULL
);
CREATE TABLE watch_rules (
    name        TEXT PRIMARY KEY,
    spec        TEXT NOT NULL,            -- filter, trigger and notify as JSON
    created     INTEGER NOT NULL,
    mark        INTEGER NOT NULL,         -- events.rowid up to which the rule has looked
    last_fired  TEXT                      -- day of the last window alert (threshold, spike)
);
CREATE TABLE watch_seen (
    rule  TEXT NOT NULL,
    key   TEXT NOT NULL,                  -- actor:CODE or place:NAME met by the rule
    PRIMARY KEY (rule, key)
) WITHOUT ROWID;
CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    rule          TEXT NOT NULL,
    key           TEXT NOT NULL,          -- what the alert is about; once per (rule, key)
    created       INTEGER NOT NULL,
    kind          TEXT NOT NULL,          -- every, threshold, spike, new-actor, new-place
    story_id      TEXT,
    body          TEXT NOT NULL,          -- the alert as JSON (rule, events, story)
    notify        TEXT NOT NULL,          -- stdout, file:PATH, webhook:URL
    state         TEXT NOT NULL,          -- pending (not delivered yet, retried with backoff), sent
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    sent          INTEGER,
    UNIQUE (rule, key)
);
CREATE INDEX alerts_todo ON alerts(state, next_attempt);
CREATE INDEX alerts_created ON alerts(created);
"#;

/// Version 4: views for SQL and R users (documented in `docs/schema.md`), with the column
/// names of `griot export --format parquet`: `events_flat` (each event with its article and
/// story columns, without the JSON items) and `articles_flat` (articles without their text
/// and token layer, with their story).
const V4: &str = r#"
CREATE VIEW events_flat AS
SELECT e.event_id, a.id AS article_id, es.story_id, es.story_event_id, e.sentence,
       e.trigger_start, e.trigger_end, e.type, e.mode, e.cameo,
       e.actor_country, e.actor_sector, e.recipient_country, e.recipient_sector,
       e.date_value, e.date_start, e.date_end, e.place_name, e.place_country, e.geonameid,
       e.status, e.rule, es.num_mentions, es.num_sources, es.num_articles,
       a.date AS article_date, a.url AS article_url, a.title AS article_title, a.source AS article_source
FROM events e
JOIN articles a ON a.rowid = e.article
LEFT JOIN event_stories es ON es.event_id = e.event_id;
CREATE VIEW articles_flat AS
SELECT a.id, a.url, a.title, a.date, a.lang, a.source, length(a.text) AS chars,
       sa.story_id, sa.near_duplicate_of
FROM articles a
LEFT JOIN story_articles sa ON sa.article_id = a.id;
"#;

/// Version 5: indexes for `griot serve` (issue 11). Event rows are large (the record and item
/// JSON), so a filter or aggregate that must visit each row reads about a page per event.
/// `events_facets` holds the columns that the API filters, counts and groups on, so that
/// event pages, counts over time, places and actor pairs are answered from the index (a seek
/// on the actor, else a scan of small entries), visiting rows only for the page itself;
/// `events_dates` answers date ranges from the index. Costs ingest two index updates per event.
const V5: &str = r#"
CREATE INDEX IF NOT EXISTS events_facets ON events(
    actor_country COLLATE NOCASE, type COLLATE NOCASE, recipient_country COLLATE NOCASE,
    actor_sector COLLATE NOCASE, recipient_sector COLLATE NOCASE,
    date_start, date_end, place_key, place_country COLLATE NOCASE, geonameid, status, mode
);
CREATE INDEX IF NOT EXISTS events_dates ON events(date_start, date_end);
"#;

/// Version 6: per-day counts of each window rule's matching events (issue 14), so that a
/// window or baseline count reads one row a day, whatever the size of the store. Kept up to
/// date by `Store::evaluate_watches` (and seeded when a rule is added).
const V6: &str = r#"
CREATE TABLE watch_counts (
    rule  TEXT NOT NULL,
    day   TEXT NOT NULL,        -- YYYY-MM-DD, the first day an event's date covers
    n     INTEGER NOT NULL,
    PRIMARY KEY (rule, day)
) WITHOUT ROWID;
"#;

/// Version 7: incremental stories (issue 12). Each summary carries its publication day
/// (`day`: days from 0001-01-01 = 1, as `chrono`'s `num_days_from_ce`; NULL when undated), so
/// that a batch reads back only the summaries of the days it can change; `story_pending` holds
/// the articles stored (or re-analysed) since their stories were last brought up to date,
/// filled in the transaction that stores them, emptied by the transaction that writes their
/// stories; `event_stories_story` lets a story's event rows be replaced alone. A store of an
/// earlier version keeps its stories: the days are read from the summaries, and the articles
/// without a story become pending.
const V7: &str = r#"
ALTER TABLE story_summaries ADD COLUMN day INTEGER;
UPDATE story_summaries SET day = CASE
    WHEN json_valid(summary) AND json_type(summary, '$.date') = 'text'
    THEN CAST(julianday(json_extract(summary, '$.date')) - 1721424.5 AS INTEGER) END;
CREATE INDEX story_summaries_day ON story_summaries(day);
CREATE TABLE story_pending (
    article  INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE
);
INSERT INTO story_pending(article)
    SELECT rowid FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id);
CREATE INDEX event_stories_story ON event_stories(story_id);
"#;

/// Version 8: keyset pages by actor and by recipient (issue 12). An index entry ends with the
/// row id, so the entries of one value of a one-column index come in ingest order: the first
/// page of `griot events --actor NER` (or `/api/v1/events?actor=NER`) reads its 50 entries and
/// stops, where the two-column indexes (code, sector) gave the matches sector by sector, to be
/// sorted whole before the first row. Code + sector filters read the sector from the row (or
/// from `events_facets`). Same number of indexes, so ingest costs the same.
const V8: &str = r#"
DROP INDEX IF EXISTS events_actor;
DROP INDEX IF EXISTS events_recipient;
CREATE INDEX events_actor ON events(actor_country COLLATE NOCASE);
CREATE INDEX events_recipient ON events(recipient_country COLLATE NOCASE);
"#;

/// Version 9: a compact store (issue 12). The JSON columns were most of the bytes (about
/// 32 KB an article); they become packed blobs (`codec::pack`: deflate of the same JSON):
/// - `articles.layers`: the six annotation layers of the article (sentences, mentions,
///   times, quantities, statements, events: the model items, as `Store::doc` reads them),
///   in one blob, replacing the `item` column of each layer row (the rows keep their
///   queryable columns);
/// - `events.record`: the EventRecord, packed; what SQL filters read of it becomes columns
///   (`lat`, `lon`: the location's coordinates; `context`: the JSON array of context
///   labels, NULL when empty);
/// - `stories.data`: the story view, packed;
/// - `story_summaries.summary`: the binary summary of griot-story (`griot_story::pack`),
///   written by the caller; the JSON summaries of earlier versions stay readable and are
///   listed in `summary_upgrade` until the caller has rewritten them.
/// The migration repacks every row in place (Rust code run by `migrate` between this SQL
/// and [`V9_AFTER`], in the same transaction), then drops the `item` columns; the database
/// is vacuumed afterwards so the file shrinks.
const V9: &str = r#"
ALTER TABLE articles ADD COLUMN layers BLOB;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN context TEXT;
UPDATE events SET
    lat = json_extract(record, '$.location.lat'),
    lon = json_extract(record, '$.location.lon'),
    context = CASE WHEN json_array_length(record, '$.context') > 0 THEN json_extract(record, '$.context') END;
CREATE TABLE summary_upgrade (
    article  INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE
);
INSERT INTO summary_upgrade(article) SELECT article FROM story_summaries;
DROP VIEW IF EXISTS events_flat;
"#;

/// Version 9, after the rows are repacked: the item columns go, and `events_flat` (which
/// names columns of `events`) is made again as in version 4.
pub const V9_AFTER: &str = r#"
ALTER TABLE sentences DROP COLUMN item;
ALTER TABLE mentions DROP COLUMN item;
ALTER TABLE times DROP COLUMN item;
ALTER TABLE quantities DROP COLUMN item;
ALTER TABLE statements DROP COLUMN item;
ALTER TABLE events DROP COLUMN item;
CREATE VIEW events_flat AS
SELECT e.event_id, a.id AS article_id, es.story_id, es.story_event_id, e.sentence,
       e.trigger_start, e.trigger_end, e.type, e.mode, e.cameo,
       e.actor_country, e.actor_sector, e.recipient_country, e.recipient_sector,
       e.date_value, e.date_start, e.date_end, e.place_name, e.place_country, e.geonameid,
       e.status, e.rule, es.num_mentions, es.num_sources, es.num_articles,
       a.date AS article_date, a.url AS article_url, a.title AS article_title, a.source AS article_source
FROM events e
JOIN articles a ON a.rowid = e.article
LEFT JOIN event_stories es ON es.event_id = e.event_id;
"#;

#[cfg(test)]
mod view_tests {
    use crate::Store;

    #[test]
    fn views_read_events_and_articles_with_their_stories() {
        let mut store = Store::open_in_memory().unwrap();
        let mut doc = griot_text::Doc::new(griot_text::Article::from_text("a1", "Niger revoked the pact."));
        doc.article.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
        store.insert_docs(&[doc]).unwrap();
        let n: i64 = store.conn.query_row("SELECT count(*) FROM articles_flat WHERE id = 'a1' AND chars = 23", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        let n: i64 = store.conn.query_row("SELECT count(*) FROM events_flat", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        let cols: Vec<String> = store
            .conn
            .prepare("SELECT * FROM events_flat")
            .unwrap()
            .column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(cols.contains(&"story_event_id".to_string()) && cols.contains(&"article_url".to_string()), "{cols:?}");
    }
}

