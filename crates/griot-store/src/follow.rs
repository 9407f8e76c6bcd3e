//! State of `griot follow` (schema step 3): per source, the validators of its last answer,
//! when it was fetched and is due again, its consecutive failures and last error; per feed
//! item (by source and key), whether its article is stored, waiting (with attempts and the
//! time of the next one) or given up; the robots.txt files fetched, per origin. Times are Unix
//! seconds given by the caller. Every write is its own small transaction, so a follow killed
//! at any point keeps what it had done and redoes at most the item it was on.

use crate::{sql_err, Store, StoreError};
use rusqlite::{params, OptionalExtension};

/// What follow knows of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceState {
    pub url: String,
    /// `feed` or `page`, as last read.
    pub kind: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_fetch: Option<i64>,
    pub last_success: Option<i64>,
    /// Not fetched again before this time (its schedule, or backoff after failures).
    pub next_fetch: Option<i64>,
    /// Consecutive failures.
    pub failures: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
}

/// A feed item waiting for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingItem {
    pub source: String,
    pub key: String,
    pub url: Option<String>,
    /// The item as the caller gave it (JSON).
    pub item: String,
    pub attempts: i64,
}

/// A new feed item to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    pub key: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub item: String,
}

/// Counts of follow items by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemCounts {
    pub done: u64,
    pub waiting: u64,
    pub failed: u64,
}

impl Store {
    /// The state of a source, `None` when never fetched.
    pub fn follow_source(&self, url: &str) -> Result<Option<SourceState>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT url, kind, etag, last_modified, last_fetch, last_success, next_fetch, failures, last_status, last_error
                 FROM follow_sources WHERE url = ?1",
            )
            .map_err(sql_err(&self.path))?;
        stmt.query_row([url], source_row).optional().map_err(sql_err(&self.path))
    }

    /// Every source follow has fetched, by URL.
    pub fn follow_sources(&self) -> Result<Vec<SourceState>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT url, kind, etag, last_modified, last_fetch, last_success, next_fetch, failures, last_status, last_error
                 FROM follow_sources ORDER BY url",
            )
            .map_err(sql_err(&self.path))?;
        let rows = stmt.query_map([], source_row).map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Saves the state of a source.
    pub fn put_follow_source(&mut self, s: &SourceState) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO follow_sources
                 (url, kind, etag, last_modified, last_fetch, last_success, next_fetch, failures, last_status, last_error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    s.url,
                    s.kind,
                    s.etag,
                    s.last_modified,
                    s.last_fetch,
                    s.last_success,
                    s.next_fetch,
                    s.failures,
                    s.last_status,
                    s.last_error
                ])
            })
            .map_err(sql_err(&self.path))?;
        Ok(())
    }

    /// Remembers the items of a feed not seen before (state `new`, due at once); returns how
    /// many were new. One transaction.
    pub fn add_follow_items(&mut self, source: &str, items: &[NewItem], now: i64) -> Result<usize, StoreError> {
        let path = self.path.as_str();
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql_err(path))?;
        let mut added = 0;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO follow_items (source, key, url, title, date, state, first_seen, next_attempt, item)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, 0, ?7)",
                )
                .map_err(sql_err(path))?;
            for it in items {
                added += st
                    .execute(params![source, it.key, it.url, it.title, it.date, now, it.item])
                    .map_err(sql_err(path))?;
            }
        }
        tx.commit().map_err(sql_err(path))?;
        Ok(added)
    }

    /// Whether follow has seen this item of this source.
    pub fn has_follow_item(&self, source: &str, key: &str) -> Result<bool, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM follow_items WHERE source = ?1 AND key = ?2")
            .map_err(sql_err(&self.path))?;
        st.exists([source, key]).map_err(sql_err(&self.path))
    }

    /// Items waiting for their page and due at `now`, oldest first, at most `limit`.
    pub fn follow_items_due(&self, now: i64, limit: usize) -> Result<Vec<PendingItem>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT source, key, url, item, attempts FROM follow_items
                 WHERE state = 'new' AND next_attempt <= ?1 ORDER BY first_seen, rowid LIMIT ?2",
            )
            .map_err(sql_err(&self.path))?;
        let rows = st
            .query_map(params![now, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(PendingItem {
                    source: r.get(0)?,
                    key: r.get(1)?,
                    url: r.get(2)?,
                    item: r.get(3)?,
                    attempts: r.get(4)?,
                })
            })
            .map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Marks an item finished: `done` with the stored article's id (its page or, when that
    /// could not be had, the feed's text; `error` says why), or `failed` (nothing stored).
    /// The item's JSON is dropped (only its key, link, title, date and outcome are kept).
    pub fn finish_follow_item(
        &mut self,
        source: &str,
        key: &str,
        state: &str,
        article_id: Option<&str>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE follow_items SET state = ?3, article_id = ?4, error = ?5, attempts = attempts + 1, item = NULL
                 WHERE source = ?1 AND key = ?2",
            )
            .and_then(|mut st| st.execute(params![source, key, state, article_id, error]))
            .map_err(sql_err(&self.path))?;
        Ok(())
    }

    /// Records a failed attempt at an item's page; it is due again at `next_attempt`.
    pub fn retry_follow_item(
        &mut self,
        source: &str,
        key: &str,
        next_attempt: i64,
        error: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE follow_items SET attempts = attempts + 1, next_attempt = ?3, error = ?4 WHERE source = ?1 AND key = ?2",
            )
            .and_then(|mut st| st.execute(params![source, key, next_attempt, error]))
            .map_err(sql_err(&self.path))?;
        Ok(())
    }

    /// Items of a source by state.
    pub fn follow_item_counts(&self, source: &str) -> Result<ItemCounts, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT state, count(*) FROM follow_items WHERE source = ?1 GROUP BY state")
            .map_err(sql_err(&self.path))?;
        let mut rows = st.query([source]).map_err(sql_err(&self.path))?;
        let mut c = ItemCounts::default();
        while let Some(r) = rows.next().map_err(sql_err(&self.path))? {
            let state: String = r.get(0).map_err(sql_err(&self.path))?;
            let n: i64 = r.get(1).map_err(sql_err(&self.path))?;
            let n = u64::try_from(n).unwrap_or(0);
            match state.as_str() {
                "done" => c.done += n,
                "new" => c.waiting += n,
                _ => c.failed += n,
            }
        }
        Ok(c)
    }

    /// robots.txt files fetched at or after `since`: `(origin, status, body)`.
    pub fn follow_robots(&self, since: i64) -> Result<Vec<(String, u16, String)>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT host, status, body FROM follow_robots WHERE fetched >= ?1 ORDER BY host")
            .map_err(sql_err(&self.path))?;
        let rows = st
            .query_map([since], |r| {
                Ok((r.get::<_, String>(0)?, u16::try_from(r.get::<_, i64>(1)?).unwrap_or(0), r.get(2)?))
            })
            .map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Keeps a robots.txt fetched at `now`.
    pub fn put_follow_robots(&mut self, origin: &str, status: u16, body: &str, now: i64) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO follow_robots (host, fetched, status, body) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut st| st.execute(params![origin, now, i64::from(status), body]))
            .map_err(sql_err(&self.path))?;
        Ok(())
    }
}

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceState> {
    Ok(SourceState {
        url: r.get(0)?,
        kind: r.get(1)?,
        etag: r.get(2)?,
        last_modified: r.get(3)?,
        last_fetch: r.get(4)?,
        last_success: r.get(5)?,
        next_fetch: r.get(6)?,
        failures: r.get(7)?,
        last_status: r.get(8)?,
        last_error: r.get(9)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str) -> NewItem {
        NewItem { key: key.into(), url: Some(format!("http://h/{key}")), title: None, date: None, item: "{}".into() }
    }

    #[test]
    fn items_are_remembered_once_and_walk_their_states() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.add_follow_items("f", &[item("a"), item("b")], 100).unwrap(), 2);
        assert_eq!(s.add_follow_items("f", &[item("b"), item("c")], 200).unwrap(), 1, "b is known");
        assert!(s.has_follow_item("f", "a").unwrap() && !s.has_follow_item("g", "a").unwrap());
        let due: Vec<String> = s.follow_items_due(200, 10).unwrap().into_iter().map(|p| p.key).collect();
        assert_eq!(due, ["a", "b", "c"]);
        s.finish_follow_item("f", "a", "done", Some("art1"), None).unwrap();
        s.retry_follow_item("f", "b", 500, "HTTP 503").unwrap();
        let due: Vec<String> = s.follow_items_due(400, 10).unwrap().into_iter().map(|p| p.key).collect();
        assert_eq!(due, ["c"]);
        let again = s.follow_items_due(500, 10).unwrap();
        assert_eq!((again[0].key.as_str(), again[0].attempts), ("b", 1));
        s.finish_follow_item("f", "c", "failed", None, Some("HTTP 404")).unwrap();
        assert_eq!(s.follow_item_counts("f").unwrap(), ItemCounts { done: 1, waiting: 1, failed: 1 });
    }

    #[test]
    fn source_state_and_robots_round_trip() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.follow_source("http://h/feed").unwrap(), None);
        let st = SourceState {
            url: "http://h/feed".into(),
            kind: Some("feed".into()),
            etag: Some("\"v1\"".into()),
            failures: 2,
            next_fetch: Some(900),
            last_error: Some("HTTP 500".into()),
            ..Default::default()
        };
        s.put_follow_source(&st).unwrap();
        assert_eq!(s.follow_source("http://h/feed").unwrap(), Some(st.clone()));
        assert_eq!(s.follow_sources().unwrap(), [st]);
        s.put_follow_robots("http://h", 200, "User-agent: *\nDisallow: /x\n", 50).unwrap();
        assert_eq!(s.follow_robots(0).unwrap().len(), 1);
        assert!(s.follow_robots(51).unwrap().is_empty());
    }
}
