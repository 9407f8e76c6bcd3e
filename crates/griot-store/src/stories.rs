//! Story tables (schema step 2). Grouping is pure and lives in griot-story; this module only
//! keeps what it needs and produces: per-article summaries (opaque JSON), the story views, the
//! story of each article, and the story event each coded event was merged into (with counts,
//! which the exports carry). Story rows are derived data and are rewritten as a whole by
//! [`Store::replace_stories`] in one transaction, so readers never see half an update.

use rusqlite::types::Value;

use crate::{dates, fts_query, sql_err, Store, StoreError};

/// One story as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub num_articles: u32,
    pub num_sources: u32,
    /// Country codes of the story's actors.
    pub actors: Vec<String>,
    /// The story view as JSON (griot_story::Story); stored packed (`codec::pack`).
    pub data: String,
}

/// Which story an article is in.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryArticleRow {
    pub article_id: String,
    pub story_id: String,
    pub near_duplicate_of: Option<String>,
}

/// Which story event a coded event (by its record id) was merged into.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStoryRow {
    pub event_id: String,
    pub story_id: String,
    pub story_event_id: i64,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
}

/// A story summary to store with [`Store::put_summaries`].
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryItem {
    /// The stored article id.
    pub article_id: String,
    /// Publication day: days from 0001-01-01 (which is day 1), `None` when undated.
    pub day: Option<i64>,
    /// The summary (opaque bytes to the store: griot-story's binary form).
    pub data: Vec<u8>,
}

/// A stored summary with the article's current story.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSummary {
    pub article_id: String,
    /// The summary as stored (binary, or the JSON of a store from before schema step 9).
    pub data: Vec<u8>,
    pub story_id: Option<String>,
    pub near_duplicate_of: Option<String>,
}

/// The story an article was in before it was re-analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousStory {
    pub id: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// An article waiting for its story.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingStory {
    pub article_id: String,
    pub has_summary: bool,
    pub day: Option<i64>,
    pub previous: Option<PreviousStory>,
}

/// What an incremental story update writes ([`Store::update_stories`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryChange {
    /// Articles whose story (or near duplicate) changed.
    pub articles: Vec<StoryArticleRow>,
    /// Stories made or changed, whole.
    pub stories: Vec<StoryRow>,
    /// The event rows of those stories, all of them.
    pub events: Vec<EventStoryRow>,
    /// Stories that no longer exist.
    pub removed: Vec<String>,
    /// Pending articles now grouped.
    pub done: Vec<String>,
}

/// The story view JSON in column `i` (packed, or text before schema step 9).
pub(crate) fn story_data(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    let bad = |e: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, e.into());
    let bytes = r.get_ref(i)?.as_bytes().map_err(|e| bad(e.to_string()))?;
    let json = crate::codec::unpack(bytes).map_err(|e| bad(format!("story view: {e}")))?;
    String::from_utf8(json.into_owned()).map_err(|e| bad(e.to_string()))
}

/// A TEXT or BLOB column as bytes.
fn bytes_of(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Vec<u8>> {
    let v = r.get_ref(i)?;
    v.as_bytes()
        .map(<[u8]>::to_vec)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e)))
}

fn insert_story_rows(
    tx: &rusqlite::Transaction<'_>,
    stories: &[StoryRow],
    articles: &[StoryArticleRow],
    events: &[EventStoryRow],
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO stories(id, title, start, end, num_articles, num_sources, actors, data) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    )?;
    let mut data = Vec::new();
    for s in stories {
        crate::codec::pack(s.data.as_bytes(), &mut data);
        st.execute(rusqlite::params![
            s.id,
            s.title,
            s.start,
            s.end,
            s.num_articles,
            s.num_sources,
            format!(" {} ", s.actors.join(" ")),
            data
        ])?;
    }
    let mut sa =
        tx.prepare_cached("INSERT OR REPLACE INTO story_articles(article_id, story_id, near_duplicate_of) VALUES (?1,?2,?3)")?;
    for a in articles {
        sa.execute(rusqlite::params![a.article_id, a.story_id, a.near_duplicate_of])?;
    }
    let mut se = tx.prepare_cached(
        "INSERT OR REPLACE INTO event_stories(event_id, story_id, story_event_id, num_mentions, num_sources, num_articles) VALUES (?1,?2,?3,?4,?5,?6)",
    )?;
    for e in events {
        se.execute(rusqlite::params![e.event_id, e.story_id, e.story_event_id, e.num_mentions, e.num_sources, e.num_articles])?;
    }
    Ok(())
}

/// Filters of `griot stories`.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// A country or IGO code among the story's actors.
    pub actor: Option<String>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    /// Words that one of the story's articles must contain (full-text search).
    pub text: Option<String>,
    pub limit: Option<usize>,
}

impl Store {
    /// The stored id of the article with exactly this text, if any.
    pub fn article_id_of_text(&self, text: &str) -> Result<Option<String>, StoreError> {
        let key = Store::content_key(text);
        let mut stmt =
            self.conn.prepare_cached("SELECT id FROM articles WHERE content_key = ?1").map_err(sql_err(&self.path))?;
        let mut rows = stmt.query([key]).map_err(sql_err(&self.path))?;
        match rows.next().map_err(sql_err(&self.path))? {
            Some(r) => Ok(Some(r.get(0).map_err(sql_err(&self.path))?)),
            None => Ok(None),
        }
    }

    /// Stores the story summaries of stored articles, in one transaction. Ids not stored are
    /// ignored, and an article that has a summary keeps it (the summary is of the document
    /// first stored, not of a later duplicate, so stories do not depend on batch boundaries).
    /// Returns the number of summaries added.
    pub fn put_summaries(&mut self, items: &[SummaryItem]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        let mut n = 0;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO story_summaries(article, summary, day) SELECT rowid, ?2, ?3 FROM articles WHERE id = ?1",
                )
                .map_err(&err)?;
            for item in items {
                n += stmt.execute(rusqlite::params![item.article_id, item.data, item.day]).map_err(&err)?;
            }
        }
        tx.commit().map_err(&err)?;
        Ok(n)
    }

    /// Every stored summary, in ingest order (for a full regrouping).
    pub fn summaries(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached("SELECT summary FROM story_summaries ORDER BY article").map_err(&err)?;
        let rows = stmt.query_map([], |r| bytes_of(r, 0)).map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }

    /// Up to `limit` summaries written before schema step 9 (JSON), still to be rewritten in
    /// the binary form: (article rowid, summary as stored).
    pub fn summaries_to_upgrade(&self, limit: usize) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT u.article, ss.summary FROM summary_upgrade u JOIN story_summaries ss ON ss.article = u.article                  ORDER BY u.article LIMIT ?1",
            )
            .map_err(&err)?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| Ok((r.get(0)?, bytes_of(r, 1)?)))
            .map_err(&err)?;
        let rows = rows.collect::<Result<Vec<_>, _>>().map_err(&err)?;
        if rows.len() < limit {
            // upgrade entries without a summary (an article re-analysed since) are done
            let last = rows.last().map(|r| r.0).unwrap_or(i64::MAX);
            self.conn
                .execute(
                    "DELETE FROM summary_upgrade WHERE article <= ?1 \
                     AND NOT EXISTS (SELECT 1 FROM story_summaries ss WHERE ss.article = summary_upgrade.article)",
                    [last],
                )
                .map_err(&err)?;
        }
        Ok(rows)
    }

    /// True when some summary is still in the JSON form of a store from before schema step 9.
    pub fn summaries_need_upgrade(&self) -> Result<bool, StoreError> {
        let err = sql_err(&self.path);
        self.conn.query_row("SELECT EXISTS (SELECT 1 FROM summary_upgrade)", [], |r| r.get(0)).map_err(&err)
    }

    /// Rewrites summaries listed by [`Store::summaries_to_upgrade`] (same content, new form),
    /// in one transaction, and takes them off the list.
    pub fn upgrade_summaries(&mut self, items: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        {
            let mut put = tx.prepare_cached("UPDATE story_summaries SET summary = ?2 WHERE article = ?1").map_err(&err)?;
            let mut done = tx.prepare_cached("DELETE FROM summary_upgrade WHERE article = ?1").map_err(&err)?;
            for (article, data) in items {
                put.execute(rusqlite::params![article, data]).map_err(&err)?;
                done.execute([article]).map_err(&err)?;
            }
        }
        tx.commit().map_err(&err)?;
        Ok(())
    }

    /// The summaries of the articles published from day `from` to day `to` (both included;
    /// day numbers as in [`SummaryItem::day`]), with their current stories, in no set order.
    /// Read through the `story_summaries_day` index.
    pub fn summaries_between(&self, from: i64, to: i64) -> Result<Vec<StoredSummary>, StoreError> {
        self.stored_summaries("ss.day BETWEEN ?1 AND ?2", &[Value::Integer(from), Value::Integer(to)])
    }

    /// The summaries of the undated articles, with their current stories.
    pub fn summaries_undated(&self) -> Result<Vec<StoredSummary>, StoreError> {
        self.stored_summaries("ss.day IS NULL", &[])
    }

    /// The last publication day among the summaries.
    pub fn last_summary_day(&self) -> Result<Option<i64>, StoreError> {
        let err = sql_err(&self.path);
        self.conn.query_row("SELECT max(day) FROM story_summaries", [], |r| r.get(0)).map_err(&err)
    }

    fn stored_summaries(&self, clause: &str, args: &[Value]) -> Result<Vec<StoredSummary>, StoreError> {
        let err = sql_err(&self.path);
        let sql = format!(
            "SELECT a.id, ss.summary, sa.story_id, sa.near_duplicate_of FROM story_summaries ss \
             JOIN articles a ON a.rowid = ss.article LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE {clause}"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(StoredSummary { article_id: r.get(0)?, data: bytes_of(r, 1)?, story_id: r.get(2)?, near_duplicate_of: r.get(3)? })
            })
            .map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }

    /// The articles stored or re-analysed since their stories were last written, in ingest
    /// order, with what an incremental update needs of each.
    pub fn pending_stories(&self) -> Result<Vec<PendingStory>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, ss.article IS NOT NULL, ss.day, sa.story_id, s.start, s.end FROM story_pending p \
                 JOIN articles a ON a.rowid = p.article LEFT JOIN story_summaries ss ON ss.article = p.article \
                 LEFT JOIN story_articles sa ON sa.article_id = a.id LEFT JOIN stories s ON s.id = sa.story_id ORDER BY p.article",
            )
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| {
                let story: Option<String> = r.get(3)?;
                let span: (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
                Ok(PendingStory {
                    article_id: r.get(0)?,
                    has_summary: r.get(1)?,
                    day: r.get(2)?,
                    previous: story.map(|id| PreviousStory { id, start: span.0, end: span.1 }),
                })
            })
            .map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }

    /// Writes what an incremental update changed, in one transaction: the story of each
    /// article in `change.articles`, the stories in `change.stories` (replacing the rows and
    /// event rows of those ids), the removal of `change.removed` (with their event rows),
    /// and the end of `change.done`'s pending state.
    pub fn update_stories(&mut self, change: &StoryChange) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        {
            let mut del_story = tx.prepare_cached("DELETE FROM stories WHERE id = ?1").map_err(&err)?;
            let mut del_events = tx.prepare_cached("DELETE FROM event_stories WHERE story_id = ?1").map_err(&err)?;
            for id in change.removed.iter().chain(change.stories.iter().map(|s| &s.id)) {
                del_story.execute([id]).map_err(&err)?;
                del_events.execute([id]).map_err(&err)?;
            }
            insert_story_rows(&tx, &change.stories, &change.articles, &change.events).map_err(&err)?;
            let mut done = tx
                .prepare_cached("DELETE FROM story_pending WHERE article = (SELECT rowid FROM articles WHERE id = ?1)")
                .map_err(&err)?;
            for id in &change.done {
                done.execute([id]).map_err(&err)?;
            }
        }
        tx.commit().map_err(&err)?;
        Ok(())
    }

    /// Replaces every story row in one transaction (a full regrouping): nothing is pending
    /// afterwards.
    pub fn replace_stories(
        &mut self,
        stories: &[StoryRow],
        articles: &[StoryArticleRow],
        events: &[EventStoryRow],
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        tx.execute_batch(
            "DELETE FROM stories; DELETE FROM story_articles; DELETE FROM event_stories; DELETE FROM story_pending;",
        )
        .map_err(&err)?;
        insert_story_rows(&tx, stories, articles, events).map_err(&err)?;
        tx.commit().map_err(&err)?;
        Ok(())
    }

    /// Stories matching `filter`, latest first.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StoryRow>, StoreError> {
        let mut sql = String::from(
            "SELECT id, title, start, end, num_articles, num_sources, actors, data FROM stories s WHERE 1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(a) = filter.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            // the code is matched literally: `%` and `_` are not wildcards
            let code = a.to_uppercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            args.push(Value::Text(format!("% {code} %")));
            sql.push_str(&format!(" AND s.actors LIKE ?{} ESCAPE '\\'", args.len()));
        }
        if let Some(d) = filter.since {
            args.push(Value::Text(dates::iso(d)));
            sql.push_str(&format!(" AND coalesce(s.end, s.start) >= ?{}", args.len()));
        }
        if let Some(d) = filter.until {
            args.push(Value::Text(dates::iso(d)));
            sql.push_str(&format!(" AND s.start <= ?{}", args.len()));
        }
        if let Some(t) = filter.text.as_deref() {
            match fts_query(t) {
                Some(q) => {
                    args.push(Value::Text(q));
                    sql.push_str(&format!(
                        " AND s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id \
                         WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{}))",
                        args.len()
                    ));
                }
                None => return Ok(Vec::new()),
            }
        }
        sql.push_str(" ORDER BY s.start DESC, s.id");
        if let Some(limit) = filter.limit {
            args.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        self.story_rows(&sql, &args)
    }

    /// One story by id.
    pub fn story(&self, id: &str) -> Result<Option<StoryRow>, StoreError> {
        let sql = "SELECT id, title, start, end, num_articles, num_sources, actors, data FROM stories WHERE id = ?1";
        Ok(self.story_rows(sql, &[Value::Text(id.trim().to_lowercase())])?.into_iter().next())
    }

    /// True when some article has no story yet, or a story from before it was re-analysed
    /// (articles stored since the last grouping, or a grouping interrupted by a kill): the
    /// stories must be brought up to date.
    pub fn stories_stale(&self) -> Result<bool, StoreError> {
        let err = sql_err(&self.path);
        self.conn.query_row("SELECT EXISTS (SELECT 1 FROM story_pending)", [], |r| r.get(0)).map_err(&err)
    }

    /// Ids of pending articles that have no story summary (stored by a run killed between
    /// storing a batch and saving its summaries), in ingest order.
    pub fn articles_without_summary(&self) -> Result<Vec<String>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id FROM story_pending p JOIN articles a ON a.rowid = p.article \
                 WHERE NOT EXISTS (SELECT 1 FROM story_summaries ss WHERE ss.article = p.article) ORDER BY p.article",
            )
            .map_err(&err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(&err)?;
        rows.collect::<Result<Vec<String>, _>>().map_err(&err)
    }

    /// Number of stories stored.
    pub fn story_count(&self) -> Result<usize, StoreError> {
        let err = sql_err(&self.path);
        let n: i64 = self.conn.query_row("SELECT count(*) FROM stories", [], |r| r.get(0)).map_err(&err)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The story an article is in.
    pub fn story_of_article(&self, article_id: &str) -> Result<Option<String>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1").map_err(&err)?;
        let mut rows = stmt.query([article_id]).map_err(&err)?;
        match rows.next().map_err(&err)? {
            Some(r) => Ok(Some(r.get(0).map_err(&err)?)),
            None => Ok(None),
        }
    }

    fn story_rows(&self, sql: &str, args: &[Value]) -> Result<Vec<StoryRow>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached(sql).map_err(&err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let actors: String = r.get(6)?;
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    num_articles: r.get(4)?,
                    num_sources: r.get(5)?,
                    actors: actors.split_whitespace().map(str::to_string).collect(),
                    data: story_data(r, 7)?,
                })
            })
            .map_err(&err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_doc;

    fn row(id: &str, start: &str, actors: &[&str]) -> StoryRow {
        StoryRow {
            id: id.into(),
            title: format!("story {id}"),
            start: Some(start.into()),
            end: Some(start.into()),
            num_articles: 1,
            num_sources: 1,
            actors: actors.iter().map(|a| a.to_string()).collect(),
            data: "{}".into(),
        }
    }

    #[test]
    fn summaries_and_stories_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = sample_doc(1, 3);
        store.insert_docs(std::slice::from_ref(&doc)).unwrap();
        assert_eq!(store.articles_without_summary().unwrap().len(), 1);
        let id = store.article_id_of_text(&doc.article.text).unwrap().expect("stored");
        let item = |id: &str, json: &str| SummaryItem { article_id: id.into(), day: Some(738961), data: json.as_bytes().to_vec() };
        assert_eq!(store.put_summaries(&[item(&id, "{\"a\":1}"), item("unknown", "{}")]).unwrap(), 1);
        assert_eq!(store.summaries().unwrap(), vec![b"{\"a\":1}".to_vec()]);
        assert!(store.stories_stale().unwrap(), "a summary without a story");
        assert!(store.articles_without_summary().unwrap().is_empty());
        store
            .replace_stories(
                &[row("00000000000000aa", "2024-03-16", &["NER", "USA"]), row("00000000000000bb", "2024-01-02", &["FRA"])],
                &[StoryArticleRow { article_id: id.clone(), story_id: "00000000000000aa".into(), near_duplicate_of: None }],
                &[],
            )
            .unwrap();
        assert_eq!(store.stories(&StoryFilter::default()).unwrap().len(), 2);
        let ner = store.stories(&StoryFilter { actor: Some("ner".into()), ..Default::default() }).unwrap();
        assert_eq!(ner.len(), 1);
        assert_eq!(ner[0].actors, vec!["NER", "USA"]);
        let since = StoryFilter { since: chrono::NaiveDate::from_ymd_opt(2024, 2, 1), ..Default::default() };
        assert_eq!(store.stories(&since).unwrap()[0].id, "00000000000000aa");
        assert_eq!(store.story_of_article(&id).unwrap().as_deref(), Some("00000000000000aa"));
        assert!(store.story("00000000000000AA").unwrap().is_some());
        assert!(!store.stories_stale().unwrap());
        assert_eq!(store.story_count().unwrap(), 2);
        // replacing is whole
        store.replace_stories(&[], &[], &[]).unwrap();
        assert!(store.stories(&StoryFilter::default()).unwrap().is_empty());
        assert!(store.story_of_article(&id).unwrap().is_none());
    }
}
