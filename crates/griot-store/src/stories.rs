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
    /// The story view as JSON (griot_story::Story).
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

    /// Stores the story summaries of stored articles, in one transaction. Items are (article
    /// id, summary JSON); ids not stored are ignored, and an article that has a summary keeps
    /// it (the summary is of the document first stored, not of a later duplicate, so stories
    /// do not depend on batch boundaries). Returns the number of summaries added.
    pub fn put_summaries(&mut self, items: &[(String, String)]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        let mut n = 0;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO story_summaries(article, summary) SELECT rowid, ?2 FROM articles WHERE id = ?1",
                )
                .map_err(&err)?;
            for (id, json) in items {
                n += stmt.execute([id, json]).map_err(&err)?;
            }
        }
        tx.commit().map_err(&err)?;
        Ok(n)
    }

    /// Every stored summary JSON, in ingest order.
    pub fn summaries(&self) -> Result<Vec<String>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self.conn.prepare_cached("SELECT summary FROM story_summaries ORDER BY article").map_err(&err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(&err)?;
        rows.collect::<Result<Vec<String>, _>>().map_err(&err)
    }

    /// Replaces every story row in one transaction.
    pub fn replace_stories(
        &mut self,
        stories: &[StoryRow],
        articles: &[StoryArticleRow],
        events: &[EventStoryRow],
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
        tx.execute_batch("DELETE FROM stories; DELETE FROM story_articles; DELETE FROM event_stories;").map_err(&err)?;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO stories(id, title, start, end, num_articles, num_sources, actors, data) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
                )
                .map_err(&err)?;
            for s in stories {
                st.execute(rusqlite::params![
                    s.id,
                    s.title,
                    s.start,
                    s.end,
                    s.num_articles,
                    s.num_sources,
                    format!(" {} ", s.actors.join(" ")),
                    s.data
                ])
                .map_err(&err)?;
            }
            let mut sa = tx
                .prepare_cached("INSERT OR REPLACE INTO story_articles(article_id, story_id, near_duplicate_of) VALUES (?1,?2,?3)")
                .map_err(&err)?;
            for a in articles {
                sa.execute(rusqlite::params![a.article_id, a.story_id, a.near_duplicate_of]).map_err(&err)?;
            }
            let mut se = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO event_stories(event_id, story_id, story_event_id, num_mentions, num_sources, num_articles) VALUES (?1,?2,?3,?4,?5,?6)",
                )
                .map_err(&err)?;
            for e in events {
                se.execute(rusqlite::params![e.event_id, e.story_id, e.story_event_id, e.num_mentions, e.num_sources, e.num_articles])
                    .map_err(&err)?;
            }
        }
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

    /// True when some stored summary has no story yet (articles stored since the last
    /// grouping, or a grouping interrupted by a kill): the stories must be recomputed.
    pub fn stories_stale(&self) -> Result<bool, StoreError> {
        let err = sql_err(&self.path);
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM story_summaries ss JOIN articles a ON a.rowid = ss.article \
                 WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id))",
                [],
                |r| r.get(0),
            )
            .map_err(&err)
    }

    /// Ids of stored articles that have no story summary (stored by a run killed between
    /// storing a batch and saving its summaries), in ingest order.
    pub fn articles_without_summary(&self) -> Result<Vec<String>, StoreError> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_summaries ss WHERE ss.article = a.rowid) ORDER BY rowid",
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
                    data: r.get(7)?,
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
        assert_eq!(store.put_summaries(&[(id.clone(), "{\"a\":1}".into()), ("unknown".into(), "{}".into())]).unwrap(), 1);
        assert_eq!(store.summaries().unwrap(), vec!["{\"a\":1}".to_string()]);
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
