//! [`StoryIndex`]: incremental assignment of articles to stories, with near-duplicate
//! detection, at a cost per article that does not grow with the number stored.
//!
//! Candidates for a new article come from three kinds of bucket, all keyed by ISO-like week
//! number of the publication date so that only the weeks around the article are searched:
//! MinHash LSH bands (near duplicates), its most salient terms, and the (type, actor,
//! recipient) of its current events. Every bucket holds at most `posting_cap` articles (the
//! ones for which the term weighs most), so the work per article is bounded by
//! `query_terms x weeks x posting_cap` whatever the size of the store.
//!
//! Grouping is greedy: a new article joins the story whose members it resembles most (mean
//! of its best three pair scores, above `join_threshold`), or starts a new one. The result of
//! [`StoryIndex::regroup`] depends only on the set of articles: it re-adds them in (date, id)
//! order. Adding articles in (date, id) order gives exactly the regrouped result; in other
//! orders it is a close approximation until the next regroup.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::dates::day_number;
use crate::summary::{ArticleSummary, EventKey};
use crate::text::{band_hash, cosine, estimate_jaccard, hash_pair, hash_str, BANDS};
use crate::view::{build_story, Story};

/// Id of a story: derived from the id of its first article in (date, id) order, so that it
/// is the same whatever order the articles were added in. 63 bits, so it fits a signed
/// 64-bit database integer; shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u64);

impl StoryId {
    pub fn of_article(article_id: &str) -> StoryId {
        StoryId(hash_str(article_id) >> 1)
    }
}

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl std::str::FromStr for StoryId {
    type Err = String;
    fn from_str(s: &str) -> Result<StoryId, String> {
        u64::from_str_radix(s.trim(), 16)
            .ok()
            .filter(|v| v >> 63 == 0)
            .map(StoryId)
            .ok_or_else(|| format!("story id {s:?} is not 16 hex digits"))
    }
}

/// Where `add` put an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub article: String,
    pub story: StoryId,
    /// An earlier article this one is a syndicated copy or light rewrite of.
    pub near_duplicate_of: Option<String>,
    /// Story ids that are now `story`: the story's first article changed, so its id did.
    /// A store must relabel the articles it has under these ids.
    pub replaces: Vec<StoryId>,
}

/// Tunable parameters; the defaults are the tested ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Params {
    /// Two articles can be in one story only when published at most this many days apart.
    pub window_days: i64,
    /// A story spans at most this many days of publication.
    pub max_span_days: i64,
    /// Mean of the best three pair scores needed to join a story.
    pub join_threshold: f64,
    /// Estimated Jaccard of word 3-shingles above which an article is a near duplicate.
    pub near_duplicate_jaccard: f64,
    /// Estimated containment (shared shingles / shingles of the shorter) above which an
    /// article is a near duplicate (a trimmed copy).
    pub near_duplicate_containment: f64,
    /// Near duplicates are searched this many days apart.
    pub near_duplicate_days: i64,
    /// Most articles kept per bucket.
    pub posting_cap: usize,
    /// Salient terms of an article that are indexed and queried.
    pub query_terms: usize,
    /// Most candidates scored per new article.
    pub max_candidates: usize,
    /// Use coded events (false: text only).
    pub use_events: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            window_days: 3,
            max_span_days: 10,
            join_threshold: 0.24,
            near_duplicate_jaccard: 0.6,
            near_duplicate_containment: 0.85,
            near_duplicate_days: 7,
            posting_cap: 48,
            query_terms: 16,
            max_candidates: 64,
            use_events: true,
        }
    }
}

/// The parts of the similarity of two articles (see [`StoryIndex::explain`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairScore {
    /// Published within `window_days` of each other.
    pub within_window: bool,
    /// Cosine of salient terms.
    pub text: f64,
    /// Jaccard of title stems.
    pub title: f64,
    /// Event agreement: shared lead event, other shared event, conflict, or 0.
    pub events: f64,
    pub near_duplicate: bool,
    /// 0.75 text + 0.25 title + events, in [0, 1]; 0 outside the window.
    pub score: f64,
}

/// Score added for a shared lead event, another shared event, and a conflict (both lead
/// with different events between the same countries).
const LEAD_MATCH: f64 = 0.15;
const OTHER_MATCH: f64 = 0.05;
const CONFLICT: f64 = -0.05;
/// Below this text similarity, shared events add nothing.
const MIN_TEXT_FOR_EVENTS: f64 = 0.25;
/// Events more than this many days away from publication are not "current".
const CURRENT_DAYS: i64 = 7;
const UNDATED_WEEK: i64 = i64::MIN;

/// Compact form of an event for pair scoring.
#[derive(Debug, Clone)]
struct EventSig {
    kind: u64,
    actor: Option<u64>,
    recipient: Option<u64>,
    range: Option<(i64, i64)>,
    /// The date is the publication date (no date in the text): a few days of slack.
    vague: bool,
    lead: bool,
}

impl EventSig {
    /// Evidence that two articles report the same happening: same type, same countries on
    /// every side both name (at least one named), and specific dates (a week or less) that
    /// overlap with a day of slack. Events without countries or with vague dates say little.
    fn matches(&self, o: &EventSig) -> bool {
        if self.kind != o.kind {
            return false;
        }
        let compat = |a: Option<u64>, b: Option<u64>| a.is_none() || b.is_none() || a == b;
        let anchored = (self.actor.is_some() && self.actor == o.actor) || (self.recipient.is_some() && self.recipient == o.recipient);
        if !(compat(self.actor, o.actor) && compat(self.recipient, o.recipient) && anchored) {
            return false;
        }
        match (self.range, o.range) {
            (Some((a0, a1)), Some((b0, b1))) => {
                let slack = if self.vague || o.vague { crate::view::PUBLICATION_SLACK_DAYS } else { 1 };
                a1 - a0 < 7 && b1 - b0 < 7 && a0 - slack <= b1 && b0 - slack <= a1
            }
            _ => false,
        }
    }
    fn dyad(&self) -> Option<(u64, u64)> {
        match (self.actor, self.recipient) {
            (Some(a), Some(r)) => Some((a.min(r), a.max(r))),
            _ => None,
        }
    }
    fn key(&self) -> Option<u64> {
        if self.actor.is_none() && self.recipient.is_none() {
            return None;
        }
        Some(hash_pair(hash_pair(self.kind, self.actor.unwrap_or(0)), self.recipient.unwrap_or(0)))
    }
}

/// The current events of an article as signatures; lead events are those in the first
/// sentences that carry events.
fn event_sigs(s: &ArticleSummary) -> Vec<EventSig> {
    let pub_day = s.date.map(day_number);
    let current: Vec<&EventKey> = s
        .events
        .iter()
        .filter(|e| !e.background)
        .filter(|e| match (e.range(), pub_day) {
            (Some(r), Some(p)) => day_number(r.last) >= p - CURRENT_DAYS && day_number(r.first) <= p + CURRENT_DAYS,
            _ => true,
        })
        .collect();
    let first_sentence = current.iter().map(|e| e.sentence).min().unwrap_or(0);
    current
        .iter()
        .map(|e| EventSig {
            kind: hash_str(&e.event_type),
            actor: e.actor_country().map(hash_str),
            recipient: e.recipient_country().map(hash_str),
            range: e.range().map(|r| (day_number(r.first), day_number(r.last))),
            vague: e.date.as_ref().is_some_and(|d| d.basis == "publication"),
            lead: e.sentence <= first_sentence + 1,
        })
        .collect()
}

/// +LEAD_MATCH / +OTHER_MATCH / CONFLICT / 0.
fn event_agreement(a: &[EventSig], b: &[EventSig]) -> f64 {
    let mut best = 0.0;
    for ea in a {
        for eb in b {
            if ea.matches(eb) {
                if ea.lead || eb.lead {
                    return LEAD_MATCH;
                }
                best = OTHER_MATCH;
            }
        }
    }
    if best > 0.0 {
        return best;
    }
    let same_dyad_leads = a.iter().filter(|e| e.lead).any(|ea| {
        b.iter().filter(|e| e.lead).any(|eb| ea.dyad().is_some() && ea.dyad() == eb.dyad())
    });
    if same_dyad_leads {
        CONFLICT
    } else {
        0.0
    }
}

#[derive(Debug, Clone)]
struct Entry {
    summary: ArticleSummary,
    day: Option<i64>,
    title: Vec<u64>,
    query: Vec<(u64, f32)>,
    events: Vec<EventSig>,
    story: u32,
    near_duplicate_of: Option<u32>,
}

impl Entry {
    fn new(summary: ArticleSummary, query_terms: usize) -> Entry {
        let day = summary.date.map(day_number);
        let mut title: Vec<u64> = summary.title_tokens.iter().map(|t| hash_str(t)).collect();
        title.sort_unstable();
        title.dedup();
        let mut query = summary.terms.clone();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(query_terms);
        let events = event_sigs(&summary);
        Entry { summary, day, title, query, events, story: 0, near_duplicate_of: None }
    }
    fn order_key(&self) -> (i64, &str) {
        (self.day.unwrap_or(i64::MAX), self.summary.id.as_str())
    }
}

#[derive(Debug, Clone)]
struct Slot {
    id: StoryId,
    members: Vec<u32>,
    first: u32,
    min_day: Option<i64>,
    max_day: Option<i64>,
}

/// What a StoryIndex persists: the summaries in the order they were added and the story of
/// each. Buckets are rebuilt on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexState {
    params: Params,
    articles: Vec<ArticleSummary>,
    /// Story slot of each article.
    stories: Vec<u32>,
    near_duplicate_of: Vec<Option<u32>>,
}

/// Stories of a growing set of articles. Serialisable (`serde`), or rebuildable from stored
/// summaries with [`StoryIndex::from_summaries`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "IndexState", into = "IndexState")]
pub struct StoryIndex {
    params: Params,
    entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
    slots: Vec<Slot>,
    by_story: HashMap<StoryId, u32>,
    terms: HashMap<u64, Vec<(u32, f32)>>,
    bands: HashMap<u64, Vec<u32>>,
    events: HashMap<u64, Vec<u32>>,
}

impl Default for StoryIndex {
    fn default() -> StoryIndex {
        StoryIndex::new(Params::default())
    }
}

fn week_of(day: Option<i64>) -> i64 {
    day.map(|d| d.div_euclid(7)).unwrap_or(UNDATED_WEEK)
}

fn weeks_around(day: Option<i64>, days: i64) -> Vec<i64> {
    match day {
        None => vec![UNDATED_WEEK],
        Some(d) => {
            let (a, b) = ((d - days).div_euclid(7), (d + days).div_euclid(7));
            (a..=b).collect()
        }
    }
}

/// Insert into a bounded bucket, keeping the `cap` heaviest entries.
fn push_bounded(list: &mut Vec<(u32, f32)>, item: (u32, f32), cap: usize) {
    if list.len() < cap {
        list.push(item);
        return;
    }
    if let Some((i, min)) = list.iter().enumerate().min_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(b.1 .0.cmp(&a.1 .0))) {
        if item.1 > min.1 {
            list[i] = item;
        }
    }
}

/// Insert into a bounded bucket, keeping the `cap` most recent (by day) entries.
fn push_recent(list: &mut Vec<u32>, item: u32, cap: usize, entries: &[Entry]) {
    if list.len() < cap {
        list.push(item);
        return;
    }
    let day = |i: u32| entries.get(i as usize).and_then(|e| e.day).unwrap_or(i64::MIN);
    if let Some((pos, &oldest)) = list.iter().enumerate().min_by_key(|(_, &i)| (day(i), i)) {
        if (day(item), item) > (day(oldest), oldest) {
            list[pos] = item;
        }
    }
}

impl StoryIndex {
    pub fn new(params: Params) -> StoryIndex {
        StoryIndex {
            params,
            entries: Vec::new(),
            by_id: HashMap::new(),
            slots: Vec::new(),
            by_story: HashMap::new(),
            terms: HashMap::new(),
            bands: HashMap::new(),
            events: HashMap::new(),
        }
    }

    /// The canonical grouping of a set of summaries (any order in, same stories out), with
    /// the assignment of each article in (date, id) order.
    pub fn from_summaries(params: Params, summaries: impl IntoIterator<Item = ArticleSummary>) -> (StoryIndex, Vec<Assignment>) {
        let mut all: Vec<ArticleSummary> = summaries.into_iter().collect();
        all.sort_by(|a, b| {
            let ka = (a.date.map(day_number).unwrap_or(i64::MAX), a.id.as_str());
            let kb = (b.date.map(day_number).unwrap_or(i64::MAX), b.id.as_str());
            ka.cmp(&kb)
        });
        let mut index = StoryIndex::new(params);
        let assignments = all.into_iter().map(|s| index.add(s)).collect();
        (index, assignments)
    }

    /// Recompute the canonical grouping of everything added so far. Returns every article's
    /// assignment in (date, id) order.
    pub fn regroup(&mut self) -> Vec<Assignment> {
        let summaries: Vec<ArticleSummary> = std::mem::take(&mut self.entries).into_iter().map(|e| e.summary).collect();
        let (index, assignments) = StoryIndex::from_summaries(self.params.clone(), summaries);
        *self = index;
        assignments
    }

    pub fn params(&self) -> &Params {
        &self.params
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn story_count(&self) -> usize {
        self.slots.iter().filter(|s| !s.members.is_empty()).count()
    }
    /// The story of an article.
    pub fn story_of(&self, article_id: &str) -> Option<StoryId> {
        let e = self.entries.get(*self.by_id.get(article_id)? as usize)?;
        self.slots.get(e.story as usize).map(|s| s.id)
    }
    /// The article an article is a near duplicate of.
    pub fn near_duplicate_of(&self, article_id: &str) -> Option<&str> {
        let e = self.entries.get(*self.by_id.get(article_id)? as usize)?;
        e.near_duplicate_of.and_then(|i| self.entries.get(i as usize)).map(|d| d.summary.id.as_str())
    }
    pub fn summary(&self, article_id: &str) -> Option<&ArticleSummary> {
        self.entries.get(*self.by_id.get(article_id)? as usize).map(|e| &e.summary)
    }
    /// All summaries in the order they were added.
    pub fn summaries(&self) -> impl Iterator<Item = &ArticleSummary> {
        self.entries.iter().map(|e| &e.summary)
    }
    /// Story ids ordered by their first article (date, id).
    pub fn story_ids(&self) -> Vec<StoryId> {
        let mut slots: Vec<&Slot> = self.slots.iter().filter(|s| !s.members.is_empty()).collect();
        slots.sort_by(|a, b| self.entries[a.first as usize].order_key().cmp(&self.entries[b.first as usize].order_key()));
        slots.iter().map(|s| s.id).collect()
    }
    /// Article ids of a story in (date, id) order.
    pub fn members(&self, id: StoryId) -> Vec<&str> {
        let Some(slot) = self.by_story.get(&id).and_then(|&i| self.slots.get(i as usize)) else { return Vec::new() };
        let mut m: Vec<&Entry> = slot.members.iter().filter_map(|&i| self.entries.get(i as usize)).collect();
        m.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        m.iter().map(|e| e.summary.id.as_str()).collect()
    }
    /// The full view of one story: articles, merged events, counts.
    pub fn story(&self, id: StoryId) -> Option<Story> {
        let slot = self.slots.get(*self.by_story.get(&id)? as usize)?;
        let members: Vec<&ArticleSummary> = slot.members.iter().filter_map(|&i| self.entries.get(i as usize)).map(|e| &e.summary).collect();
        let mut story = build_story(slot.id, &members);
        for a in &mut story.articles {
            a.near_duplicate_of = self.near_duplicate_of(&a.id).map(|s| s.to_string());
        }
        Some(story)
    }
    /// Every story, ordered by first article.
    pub fn stories(&self) -> Vec<Story> {
        self.story_ids().into_iter().filter_map(|id| self.story(id)).collect()
    }

    fn within(&self, a: Option<i64>, b: Option<i64>, days: i64) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => (x - y).abs() <= days,
            (None, None) => true,
            _ => false,
        }
    }

    fn is_near_duplicate(&self, a: &Entry, b: &Entry) -> bool {
        let (sa, sb) = (&a.summary, &b.summary);
        if sa.shingle_count == 0 || sb.shingle_count == 0 {
            return false;
        }
        let j = estimate_jaccard(&sa.signature, &sb.signature);
        if j >= self.params.near_duplicate_jaccard {
            return true;
        }
        // |A n B| = J (|A| + |B|) / (1 + J); containment in the shorter text.
        let (na, nb) = (sa.shingle_count as f64, sb.shingle_count as f64);
        let shared = j * (na + nb) / (1.0 + j);
        j > 0.2 && shared / na.min(nb) >= self.params.near_duplicate_containment
    }

    /// Similarity of two articles in [0, 1]; 0 outside the date window.
    fn pair_score(&self, a: &Entry, b: &Entry) -> f64 {
        self.explain_entries(a, b).score
    }

    fn explain_entries(&self, a: &Entry, b: &Entry) -> PairScore {
        let within = self.within(a.day, b.day, self.params.window_days);
        let text = cosine(&a.summary.terms, &b.summary.terms);
        let title = crate::text::jaccard_sorted(&a.title, &b.title);
        // Events corroborate or contradict text; they do not group unrelated texts.
        let events = match self.params.use_events {
            true => {
                let e = event_agreement(&a.events, &b.events);
                if e > 0.0 && text < MIN_TEXT_FOR_EVENTS { 0.0 } else { e }
            }
            false => 0.0,
        };
        let score = if within { (0.75 * text + 0.25 * title + events).clamp(0.0, 1.0) } else { 0.0 };
        PairScore { within_window: within, text, title, events, near_duplicate: self.is_near_duplicate(a, b), score }
    }

    /// Why two stored articles are (or are not) grouped: the parts of their pair score.
    pub fn explain(&self, a: &str, b: &str) -> Option<PairScore> {
        let ea = self.entries.get(*self.by_id.get(a)? as usize)?;
        let eb = self.entries.get(*self.by_id.get(b)? as usize)?;
        Some(self.explain_entries(ea, eb))
    }

    /// Puts a new entry (not yet in `entries`, to be pushed as `idx`) into its buckets.
    fn insert_buckets(&mut self, entry: &Entry, idx: u32) {
        let cap = self.params.posting_cap;
        let own_week = week_of(entry.day);
        if entry.summary.shingle_count > 0 {
            for b in 0..BANDS {
                let list = self.bands.entry(hash_pair(band_hash(&entry.summary.signature, b), own_week as u64)).or_default();
                push_recent(list, idx, cap.min(16), &self.entries);
            }
        }
        for &(t, wt) in &entry.query {
            push_bounded(self.terms.entry(hash_pair(t, own_week as u64)).or_default(), (idx, wt), cap);
        }
        for k in entry.events.iter().filter_map(|e| e.key()) {
            let list = self.events.entry(hash_pair(k, own_week as u64)).or_default();
            if !list.contains(&idx) {
                push_recent(list, idx, cap, &self.entries);
            }
        }
    }

    /// Puts back an article whose story is already known (stored by an earlier grouping),
    /// without scoring it: its buckets are filled as [`StoryIndex::add`] fills them, and it
    /// joins the story `story` (made if new). `near_duplicate_of` is kept when that article
    /// is already in the index. Articles must come back in (date, id) order, before any
    /// article is added after them, for the index to be the one the canonical grouping had
    /// at that point (see [`crate::incremental`]). An id already present changes nothing.
    pub fn resume(&mut self, summary: ArticleSummary, story: StoryId, near_duplicate_of: Option<&str>) {
        if self.by_id.contains_key(&summary.id) {
            return;
        }
        let mut entry = Entry::new(summary, self.params.query_terms);
        if !self.params.use_events {
            entry.events.clear();
        }
        let idx = self.entries.len() as u32;
        entry.near_duplicate_of = near_duplicate_of.and_then(|d| self.by_id.get(d).copied());
        self.insert_buckets(&entry, idx);
        let slot = match self.by_story.get(&story) {
            Some(&s) => s,
            None => {
                let s = self.slots.len() as u32;
                self.slots.push(Slot { id: story, members: Vec::new(), first: idx, min_day: entry.day, max_day: entry.day });
                self.by_story.insert(story, s);
                s
            }
        };
        entry.story = slot;
        let day = entry.day;
        let earlier = self.slots[slot as usize].members.first().is_some_and(|_| {
            entry.order_key() < self.entries[self.slots[slot as usize].first as usize].order_key()
        });
        self.by_id.insert(entry.summary.id.clone(), idx);
        self.entries.push(entry);
        let s = &mut self.slots[slot as usize];
        if earlier {
            s.first = idx;
        }
        s.members.push(idx);
        s.min_day = match (s.min_day, day) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) };
        s.max_day = match (s.max_day, day) { (Some(a), Some(b)) => Some(a.max(b)), (a, b) => a.or(b) };
    }

    /// Assign one article to a story. Adding an id that is already present returns its
    /// current assignment and changes nothing.
    pub fn add(&mut self, summary: ArticleSummary) -> Assignment {
        if let Some(&i) = self.by_id.get(&summary.id) {
            let e = &self.entries[i as usize];
            return Assignment {
                article: e.summary.id.clone(),
                story: self.slots[e.story as usize].id,
                near_duplicate_of: e.near_duplicate_of.map(|d| self.entries[d as usize].summary.id.clone()),
                replaces: Vec::new(),
            };
        }
        let mut entry = Entry::new(summary, self.params.query_terms);
        if !self.params.use_events {
            entry.events.clear();
        }
        let new_idx = self.entries.len() as u32;

        // Story candidates: salient terms and current events in the weeks around.
        let mut hits: HashMap<u32, f32> = HashMap::new();
        let weeks = weeks_around(entry.day, self.params.window_days);
        for &w in &weeks {
            for &(t, wt) in &entry.query {
                if let Some(list) = self.terms.get(&hash_pair(t, w as u64)) {
                    for &(c, cw) in list {
                        *hits.entry(c).or_insert(0.0) += wt * cw;
                    }
                }
            }
            for k in entry.events.iter().filter_map(|e| e.key()) {
                if let Some(list) = self.events.get(&hash_pair(k, w as u64)) {
                    for &c in list {
                        *hits.entry(c).or_insert(0.0) += 0.5;
                    }
                }
            }
        }
        let mut cands: Vec<(u32, f32)> = hits.into_iter().collect();
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(self.params.max_candidates);

        // Near duplicates: LSH bands in the weeks around, and the story candidates (which
        // catch trimmed copies whose Jaccard is too low for the bands).
        let band_keys: Vec<u64> = (0..BANDS).map(|b| band_hash(&entry.summary.signature, b)).collect();
        let mut near: Option<u32> = None;
        if entry.summary.shingle_count > 0 {
            let mut seen: Vec<u32> = cands.iter().map(|c| c.0).collect();
            for w in weeks_around(entry.day, self.params.near_duplicate_days) {
                for &bk in &band_keys {
                    if let Some(list) = self.bands.get(&hash_pair(bk, w as u64)) {
                        seen.extend_from_slice(list);
                    }
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                let other = &self.entries[c as usize];
                if self.within(entry.day, other.day, self.params.near_duplicate_days) && self.is_near_duplicate(&entry, other) {
                    let better = match near {
                        None => true,
                        Some(n) => other.order_key() < self.entries[n as usize].order_key(),
                    };
                    if better {
                        near = Some(c);
                    }
                }
            }
        }

        // Score per story: mean of the best three pair scores.
        let mut per_story: HashMap<u32, Vec<f64>> = HashMap::new();
        for &(c, _) in &cands {
            let other = &self.entries[c as usize];
            let s = self.pair_score(&entry, other);
            if s > 0.0 {
                per_story.entry(other.story).or_default().push(s);
            }
        }
        let span_ok = |slot: &Slot| match (entry.day, slot.min_day, slot.max_day) {
            (Some(d), Some(lo), Some(hi)) => d.max(hi) - d.min(lo) <= self.params.max_span_days,
            _ => true,
        };
        let mut best: Option<(f64, u32)> = None;
        for (story, mut scores) in per_story {
            scores.sort_unstable_by(|a, b| b.total_cmp(a));
            let top = &scores[..scores.len().min(3)];
            let mean = top.iter().sum::<f64>() / top.len() as f64;
            let slot = &self.slots[story as usize];
            if mean < self.params.join_threshold || !span_ok(slot) {
                continue;
            }
            let better = match best {
                None => true,
                Some((m, s)) => {
                    mean > m || (mean == m && self.entries[slot.first as usize].order_key() < self.entries[self.slots[s as usize].first as usize].order_key())
                }
            };
            if better {
                best = Some((mean, story));
            }
        }
        let chosen = match near {
            Some(n) => Some(self.entries[n as usize].story),
            None => best.map(|b| b.1),
        };

        // Insert the entry and its buckets.
        entry.near_duplicate_of = near;
        self.insert_buckets(&entry, new_idx);
        let day = entry.day;
        let article = entry.summary.id.clone();
        let near_id = near.map(|n| self.entries[n as usize].summary.id.clone());
        self.by_id.insert(article.clone(), new_idx);
        let mut replaces = Vec::new();
        let story_slot = match chosen {
            Some(s) => {
                entry.story = s;
                self.entries.push(entry);
                let first_key_new = self.entries[new_idx as usize].order_key();
                let slot = &self.slots[s as usize];
                let earlier = first_key_new < self.entries[slot.first as usize].order_key();
                let slot = &mut self.slots[s as usize];
                slot.members.push(new_idx);
                slot.min_day = match (slot.min_day, day) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) };
                slot.max_day = match (slot.max_day, day) { (Some(a), Some(b)) => Some(a.max(b)), (a, b) => a.or(b) };
                if earlier {
                    let old = slot.id;
                    slot.first = new_idx;
                    slot.id = StoryId::of_article(&article);
                    let new_id = slot.id;
                    self.by_story.remove(&old);
                    self.by_story.insert(new_id, s);
                    replaces.push(old);
                }
                s
            }
            None => {
                let s = self.slots.len() as u32;
                entry.story = s;
                self.entries.push(entry);
                let id = StoryId::of_article(&article);
                self.slots.push(Slot { id, members: vec![new_idx], first: new_idx, min_day: day, max_day: day });
                self.by_story.insert(id, s);
                s
            }
        };
        Assignment { article, story: self.slots[story_slot as usize].id, near_duplicate_of: near_id, replaces }
    }
}

impl From<StoryIndex> for IndexState {
    fn from(index: StoryIndex) -> IndexState {
        let stories = index.entries.iter().map(|e| e.story).collect();
        let near_duplicate_of = index.entries.iter().map(|e| e.near_duplicate_of).collect();
        IndexState { params: index.params, articles: index.entries.into_iter().map(|e| e.summary).collect(), stories, near_duplicate_of }
    }
}

impl From<IndexState> for StoryIndex {
    /// Rebuild entries and buckets in the stored order, keeping the stored stories.
    fn from(state: IndexState) -> StoryIndex {
        let mut index = StoryIndex::new(state.params);
        let n = state.articles.len();
        let slot_count = state.stories.iter().map(|&s| s as usize + 1).max().unwrap_or(0).min(n);
        index.slots = (0..slot_count).map(|_| Slot { id: StoryId(0), members: Vec::new(), first: 0, min_day: None, max_day: None }).collect();
        for (i, summary) in state.articles.into_iter().enumerate() {
            let idx = i as u32;
            let mut entry = Entry::new(summary, index.params.query_terms);
            if !index.params.use_events {
                entry.events.clear();
            }
            entry.near_duplicate_of = state.near_duplicate_of.get(i).copied().flatten().filter(|&d| d < idx);
            index.insert_buckets(&entry, idx);
            // A corrupt or missing story number starts a story of its own.
            let slot = match state.stories.get(i) {
                Some(&s) if (s as usize) < index.slots.len() => s,
                _ => {
                    index.slots.push(Slot { id: StoryId(0), members: Vec::new(), first: idx, min_day: None, max_day: None });
                    (index.slots.len() - 1) as u32
                }
            };
            entry.story = slot;
            index.by_id.entry(entry.summary.id.clone()).or_insert(idx);
            index.entries.push(entry);
            index.slots[slot as usize].members.push(idx);
        }
        for (s, slot) in index.slots.iter_mut().enumerate() {
            let entries = &index.entries;
            if let Some(&first) = slot.members.iter().min_by(|&&a, &&b| entries[a as usize].order_key().cmp(&entries[b as usize].order_key())) {
                slot.first = first;
                slot.id = StoryId::of_article(&entries[first as usize].summary.id);
                slot.min_day = slot.members.iter().filter_map(|&m| entries[m as usize].day).min();
                slot.max_day = slot.members.iter().filter_map(|&m| entries[m as usize].day).max();
                index.by_story.insert(slot.id, s as u32);
            }
        }
        index
    }
}
