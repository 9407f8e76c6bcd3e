//! Incremental stories: the stories of a store brought up to date after a batch, with the
//! same result as the canonical grouping of everything stored ([`StoryIndex::from_summaries`])
//! and at a cost that depends on the batch and the days it touches, not on the size of the
//! store.
//!
//! The canonical grouping adds the articles one by one in (date, id) order, so the stories of
//! the articles before a point in that order depend only on the articles before it. When a
//! batch arrives, the articles before its first one keep their stories: [`update`] puts them
//! back into an index without scoring them ([`StoryIndex::resume`]), as far back as they can
//! matter, and adds the rest again in order, comparing each new assignment with the stored
//! one. What an article's assignment depends on is bounded in time: its candidates come
//! from buckets of the weeks within `max(window_days, near_duplicate_days)` of its date, and
//! a story spans at most `max_span_days`. So once the articles of [`horizon`] days in a row
//! after the last change (and after the batch) come out as stored, every later one would
//! too, and the replay stops. A batch of the latest news replays the days it falls on; a
//! batch of old articles replays until the changes die out.
//!
//! Undated articles only ever meet undated ones, so they are a grouping of their own: a
//! batch with undated articles replays the undated articles after its first (all of them are
//! read back).

use std::collections::{BTreeSet, HashSet};

use crate::dates::day_number;
use crate::index::{Assignment, Params, StoryId, StoryIndex};
use crate::summary::ArticleSummary;
use crate::view::Story;

/// A stored article as an update reads it back.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub summary: ArticleSummary,
    /// Its story from the last grouping; `None` for an article not grouped yet.
    pub story: Option<StoryId>,
    /// The article it was found to be a near duplicate of.
    pub near_duplicate_of: Option<String>,
}

/// Where an update reads the stored articles (the store, or memory in tests).
pub trait StoredArticles {
    type Error;
    /// The articles published from day `from` to day `to`, both included ([`day_number`]s), in
    /// any order.
    fn dated(&mut self, from: i64, to: i64) -> Result<Vec<StoredArticle>, Self::Error>;
    /// Every undated article.
    fn undated(&mut self) -> Result<Vec<StoredArticle>, Self::Error>;
    /// The last publication day stored.
    fn last_day(&mut self) -> Result<Option<i64>, Self::Error>;
}

/// An article to group: stored since the last grouping, or re-analysed (its summary, and so
/// perhaps its date, changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: String,
    /// Its publication day (as in its stored summary), `None` when undated.
    pub day: Option<i64>,
    /// For a re-analysed article that was in a story: the first and last publication day of
    /// that story (`None` for an undated story); its old place in the order lies inside.
    pub was_in: Option<(Option<i64>, Option<i64>)>,
}

/// What [`update`] changed.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// The new assignment of every article whose story or near duplicate changed (every
    /// pending article among them), in (date, id) order.
    pub assignments: Vec<Assignment>,
    /// The full views of the stories that changed (made, grown, shrunk, renamed).
    pub stories: Vec<Story>,
    /// Stories that no longer exist.
    pub removed: Vec<StoryId>,
    /// Articles added again (scored), pending ones included.
    pub replayed: usize,
    /// Articles read back from the store.
    pub read: usize,
}

/// Days before and after a change within which the assignments of other articles may change
/// (see the module documentation): candidates come from the weeks within
/// `max(window_days, near_duplicate_days)` (up to 6 more days for the week boundary), their
/// stories span `max_span_days`, and a story view names near duplicates up to
/// `near_duplicate_days` back.
pub fn horizon(params: &Params) -> i64 {
    let reach = params.window_days.max(params.near_duplicate_days).max(0);
    reach + 7 + params.max_span_days.max(0) + params.near_duplicate_days.max(0)
}

/// Days read per request while replaying.
const CHUNK_DAYS: i64 = 14;

type Key = (i64, String);

fn key_of(s: &ArticleSummary) -> Key {
    (s.date.map(day_number).unwrap_or(i64::MAX), s.id.clone())
}

/// Brings the stories up to date with the `pending` articles, whose summaries are already in
/// `source` (with no story, or their old one). The caller stores the assignments, replaces
/// the views of `stories` and deletes the `removed` ones; the stories are then those of the
/// canonical grouping of every stored article.
pub fn update<S: StoredArticles>(
    params: &Params,
    source: &mut S,
    pending: &[Pending],
) -> Result<Update, S::Error> {
    let mut out = Update::default();
    let pending_ids: HashSet<&str> = pending.iter().map(|p| p.id.as_str()).collect();
    // Where each grouping (dated, undated) must start, and the last day a change is known at.
    let mut dated_start: Option<Key> = None;
    let mut undated_start: Option<Key> = None;
    let mut last_change: i64 = i64::MIN;
    let at = |slot: &mut Option<Key>, k: Key| {
        if slot.as_ref().is_none_or(|s| k < *s) {
            *slot = Some(k);
        }
    };
    for p in pending {
        match p.day {
            Some(d) => {
                at(&mut dated_start, (d, p.id.clone()));
                last_change = last_change.max(d);
            }
            None => at(&mut undated_start, (i64::MAX, p.id.clone())),
        }
        match p.was_in {
            Some((Some(first), last)) => {
                at(&mut dated_start, (first, String::new()));
                last_change = last_change.max(last.unwrap_or(first));
            }
            Some((None, _)) => at(&mut undated_start, (i64::MAX, String::new())),
            None => {}
        }
    }
    let mut touched: BTreeSet<StoryId> = BTreeSet::new();
    if let Some(start) = dated_start {
        replay_dated(
            params,
            source,
            start,
            last_change,
            &pending_ids,
            &mut out,
            &mut touched,
        )?;
    }
    if let Some(start) = undated_start {
        let articles = source.undated()?;
        let mut index = StoryIndex::new(params.clone());
        let mut no_day = i64::MAX;
        replay(
            &mut index,
            articles,
            &start,
            &pending_ids,
            &mut out,
            &mut touched,
            &mut no_day,
            None,
        );
        views(&index, &touched, &mut out);
        touched.clear();
    }
    Ok(out)
}

fn replay_dated<S: StoredArticles>(
    params: &Params,
    source: &mut S,
    start: Key,
    mut last_change: i64,
    pending: &HashSet<&str>,
    out: &mut Update,
    touched: &mut BTreeSet<StoryId>,
) -> Result<(), S::Error> {
    let h = horizon(params);
    let last_day = source.last_day()?.unwrap_or(start.0).max(last_change);
    let mut index = StoryIndex::new(params.clone());
    let mut from = start.0.saturating_sub(h);
    let mut to = start.0.saturating_add(CHUNK_DAYS);
    loop {
        let articles = source.dated(from, to)?;
        let stopped = replay(
            &mut index,
            articles,
            &start,
            pending,
            out,
            touched,
            &mut last_change,
            Some(h),
        );
        if stopped || to >= last_day || to.saturating_sub(last_change) > h {
            break;
        }
        from = to + 1;
        to = to.saturating_add(CHUNK_DAYS);
    }
    views(&index, touched, out);
    touched.clear();
    Ok(())
}

/// Puts back (before `start`) or adds again (from `start` on) `articles` in (date, id) order,
/// recording the assignments that differ from the stored ones and moving `last_change` to
/// the day of each. With a horizon `h`, the replay ends before the first day more than `h`
/// days after the last change (true is returned then).
#[allow(clippy::too_many_arguments)]
fn replay(
    index: &mut StoryIndex,
    mut articles: Vec<StoredArticle>,
    start: &Key,
    pending: &HashSet<&str>,
    out: &mut Update,
    touched: &mut BTreeSet<StoryId>,
    last_change: &mut i64,
    h: Option<i64>,
) -> bool {
    out.read += articles.len();
    articles.sort_by_cached_key(|a| key_of(&a.summary));
    for a in articles {
        let key = key_of(&a.summary);
        let is_pending = pending.contains(a.summary.id.as_str());
        if key < *start && !is_pending {
            if let Some(story) = a.story {
                index.resume(a.summary, story, a.near_duplicate_of.as_deref());
                continue;
            }
        }
        if let Some(h) = h {
            if !is_pending && key.0 > last_change.saturating_add(h) {
                return true;
            }
        }
        let (old_story, old_near) = (a.story, a.near_duplicate_of.clone());
        let got = index.add(a.summary);
        out.replayed += 1;
        if is_pending || old_story != Some(got.story) || old_near != got.near_duplicate_of {
            if let Some(s) = old_story {
                touched.insert(s);
            }
            touched.insert(got.story);
            if key.0 != i64::MAX {
                *last_change = (*last_change).max(key.0);
            }
            out.assignments.push(got);
        }
    }
    false
}

/// The views of the touched stories that still exist; the others are removed.
fn views(index: &StoryIndex, touched: &BTreeSet<StoryId>, out: &mut Update) {
    for &id in touched {
        match index.story(id).filter(|s| !s.articles.is_empty()) {
            Some(story) => out.stories.push(story),
            None => out.removed.push(id),
        }
    }
}
