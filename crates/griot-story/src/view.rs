//! The view of a story: its articles, its merged events with their mentions and counts, and a
//! summary of actors and places. Built from the summaries of its articles by
//! [`build_story`]; a pure function, so a store can rebuild it from what it keeps.
//!
//! Event merging: events of different articles are one story event when they have the same
//! PLOVER type, compatible modes (equal or one missing), the same actor and recipient
//! countries (one side may be missing if the other agrees), and overlapping dates (one day
//! of slack). Several references to one event within an article make one mention with all
//! their evidence, so `num_mentions` counts reports.

use chrono::NaiveDate;
use griot_text::record::SpanText;
use griot_text::{EventStatus, QuantityKind};
use serde::{Deserialize, Serialize};

use crate::dates::day_number;
use crate::index::StoryId;
use crate::summary::{ArticleSummary, DateKey, EventKey, PlaceKey};
use crate::text::{cosine, hash_pair, hash_str};

/// A value and the articles that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally<T> {
    pub value: T,
    pub articles: Vec<String>,
}

/// The values reported for one kind of quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityTally {
    pub kind: QuantityKind,
    /// What is counted, as first written.
    pub counted: Option<String>,
    /// Most supported first.
    pub values: Vec<Tally<f64>>,
}

/// One article's report of a story event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub article_id: String,
    /// Record ids of the article's events merged into this story event.
    #[serde(default)]
    pub event_ids: Vec<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// Publication date of the article.
    pub published: Option<NaiveDate>,
    pub sentence: u32,
    pub sentence_text: SpanText,
    pub trigger: SpanText,
    pub evidence: Vec<SpanText>,
    pub actor_offset: Option<usize>,
    pub recipient_offset: Option<usize>,
    pub status: EventStatus,
    pub rule: String,
}

/// An event as reported across the articles of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    /// Stable 63-bit id (GDELT GlobalEventID-like), from the first mention.
    pub id: u64,
    pub event_type: String,
    /// Agreed (majority) values.
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub actor: Option<String>,
    pub actor_name: Option<String>,
    pub recipient: Option<String>,
    pub recipient_name: Option<String>,
    pub date: Option<DateKey>,
    pub place: Option<PlaceKey>,
    pub status: EventStatus,
    /// Dated well before the articles: an old event mentioned as background.
    pub background: bool,
    /// Every value reported, most supported first; more than one is a disagreement.
    pub dates: Vec<Tally<String>>,
    pub modes: Vec<Tally<Option<String>>>,
    pub statuses: Vec<Tally<EventStatus>>,
    pub places: Vec<Tally<String>>,
    pub quantities: Vec<QuantityTally>,
    /// Readable list of the disagreements ("count: 650 (2 articles) vs 1100 (1)").
    pub disagreements: Vec<String>,
    pub mentions: Vec<EventMention>,
    pub num_mentions: u32,
    /// Distinct outlets (an article without outlet counts as its own).
    pub num_sources: u32,
    pub num_articles: u32,
}

/// An article of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryArticle {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub near_duplicate_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// In (date, id) order.
    pub articles: Vec<StoryArticle>,
    pub num_articles: u32,
    pub num_sources: u32,
    /// Current events first, by number of articles; then background events.
    pub events: Vec<StoryEvent>,
    /// Country codes with the number of articles naming them, most named first.
    pub actors: Vec<(String, u32)>,
    /// Place names with the number of articles naming them.
    pub places: Vec<(String, u32)>,
}

fn tally_values<T: PartialEq + Clone>(items: impl IntoIterator<Item = (T, String)>) -> Vec<Tally<T>> {
    let mut out: Vec<Tally<T>> = Vec::new();
    for (v, art) in items {
        match out.iter_mut().find(|t| t.value == v) {
            Some(t) => {
                if !t.articles.contains(&art) {
                    t.articles.push(art);
                }
            }
            None => out.push(Tally { value: v, articles: vec![art] }),
        }
    }
    // Stable: ties keep first-seen order.
    out.sort_by_key(|t| std::cmp::Reverse(t.articles.len()));
    out
}

fn count_sources<'a>(items: impl Iterator<Item = (&'a str, Option<&'a str>)>) -> u32 {
    let mut seen: Vec<&str> = items.map(|(id, outlet)| outlet.unwrap_or(id)).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len() as u32
}

fn compatible(a: &EventKey, b: &EventKey) -> bool {
    if a.event_type != b.event_type {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.mode, &b.mode) {
        if x != y {
            return false;
        }
    }
    let (aa, ar, ba, br) = (a.actor_country(), a.recipient_country(), b.actor_country(), b.recipient_country());
    let compat = |x: Option<&str>, y: Option<&str>| x.is_none() || y.is_none() || x == y;
    let anchored = (aa.is_some() && aa == ba) || (ar.is_some() && ar == br);
    let none = aa.is_none() && ar.is_none() && ba.is_none() && br.is_none();
    if !(compat(aa, ba) && compat(ar, br) && (anchored || none)) {
        return false;
    }
    // A date that fell back to the publication date is only an upper bound: the event may
    // be a few days older ("at the weekend").
    let slack = if from_publication(a) || from_publication(b) { PUBLICATION_SLACK_DAYS } else { 1 };
    match (a.range(), b.range()) {
        (Some(x), Some(y)) => x.overlaps(&y, slack),
        _ => a.background == b.background,
    }
}

/// Days of slack when one of two event dates is the publication date.
pub const PUBLICATION_SLACK_DAYS: i64 = 3;

fn from_publication(e: &EventKey) -> bool {
    e.date.as_ref().is_some_and(|d| d.basis == "publication")
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn describe<T>(field: &str, tallies: &[Tally<T>], show: impl Fn(&T) -> String) -> Option<String> {
    if tallies.len() < 2 {
        return None;
    }
    let parts: Vec<String> = tallies
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let n = t.articles.len();
            if i == 0 {
                format!("{} ({} article{})", show(&t.value), n, if n == 1 { "" } else { "s" })
            } else {
                format!("{} ({})", show(&t.value), n)
            }
        })
        .collect();
    Some(format!("{field}: {}", parts.join(" vs ")))
}

fn quantity_name(k: QuantityKind) -> &'static str {
    match k {
        QuantityKind::Count => "count",
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::Killed => "killed",
        QuantityKind::Injured => "injured",
        QuantityKind::Arrested => "arrested",
        QuantityKind::Displaced => "displaced",
        QuantityKind::Other => "quantity",
    }
}

/// One side of an event as (country code, name).
type SideOf = dyn Fn(&EventKey) -> Option<(Option<String>, String)>;

/// Merge the mentions of one event cluster into a StoryEvent.
fn merge_event(members: &[(&ArticleSummary, &EventKey)]) -> Option<StoryEvent> {
    let (first_art, first) = *members.first()?;
    let mut mentions: Vec<EventMention> = Vec::new();
    for (art, e) in members {
        if let Some(m) = mentions.iter_mut().find(|m| m.article_id == art.id) {
            if !e.id.is_empty() && !m.event_ids.contains(&e.id) {
                m.event_ids.push(e.id.clone());
            }
            for ev in e.evidence.iter().chain(std::iter::once(&e.trigger)) {
                if !m.evidence.contains(ev) {
                    m.evidence.push(ev.clone());
                }
            }
            continue;
        }
        mentions.push(EventMention {
            article_id: art.id.clone(),
            event_ids: if e.id.is_empty() { vec![] } else { vec![e.id.clone()] },
            url: art.url.clone(),
            outlet: art.outlet.clone(),
            published: art.date,
            sentence: e.sentence,
            sentence_text: e.sentence_text.clone(),
            trigger: e.trigger.clone(),
            evidence: e.evidence.clone(),
            actor_offset: e.actor.as_ref().map(|a| a.start),
            recipient_offset: e.recipient.as_ref().map(|a| a.start),
            status: e.status,
            rule: e.rule.clone(),
        });
    }
    let explicit: Vec<(String, String)> = members
        .iter()
        .filter_map(|(a, e)| e.date.as_ref().filter(|d| d.basis != "publication").map(|d| (d.value.clone(), a.id.clone())))
        .collect();
    let all_dates: Vec<(String, String)> = members.iter().filter_map(|(a, e)| e.date.as_ref().map(|d| (d.value.clone(), a.id.clone()))).collect();
    let dates = tally_values(if explicit.is_empty() { all_dates } else { explicit });
    let date = dates.first().and_then(|t| members.iter().filter_map(|(_, e)| e.date.as_ref()).find(|d| d.value == t.value).cloned());
    let modes = tally_values(members.iter().map(|(a, e)| (e.mode.clone(), a.id.clone())));
    let mode = modes.iter().find(|t| t.value.is_some()).and_then(|t| t.value.clone());
    let statuses = tally_values(members.iter().map(|(a, e)| (e.status, a.id.clone())));
    let status = statuses.first().map(|t| t.value).unwrap_or_default();
    let places = tally_values(members.iter().filter_map(|(a, e)| e.place.as_ref().map(|p| (p.name.clone(), a.id.clone()))));
    let place = places.first().and_then(|t| members.iter().filter_map(|(_, e)| e.place.as_ref()).find(|p| p.name == t.value).cloned());
    let cameos = tally_values(members.iter().filter_map(|(a, e)| e.cameo.clone().map(|c| (c, a.id.clone()))));
    let pick_name = |f: &SideOf| -> (Option<String>, Option<String>) {
        let codes = tally_values(members.iter().filter_map(|(a, e)| f(e).and_then(|(c, _)| c).map(|c| (c, a.id.clone()))));
        let code = codes.first().map(|t| t.value.clone());
        let names = tally_values(
            members.iter().filter_map(|(a, e)| f(e).filter(|(c, _)| code.is_none() || *c == code).map(|(_, n)| (n, a.id.clone()))),
        );
        (code, names.first().map(|t| t.value.clone()))
    };
    let (actor, actor_name) = pick_name(&|e: &EventKey| e.actor.as_ref().map(|p| (p.country.clone(), p.name.clone())));
    let (recipient, recipient_name) = pick_name(&|e: &EventKey| e.recipient.as_ref().map(|p| (p.country.clone(), p.name.clone())));

    let mut quantities: Vec<QuantityTally> = Vec::new();
    for (a, e) in members {
        for q in &e.quantities {
            let t = match quantities.iter_mut().find(|t| t.kind == q.kind) {
                Some(t) => t,
                None => {
                    quantities.push(QuantityTally { kind: q.kind, counted: q.counted.clone(), values: Vec::new() });
                    quantities.last_mut()?
                }
            };
            match t.values.iter_mut().find(|v| v.value == q.value) {
                Some(v) => {
                    if !v.articles.contains(&a.id) {
                        v.articles.push(a.id.clone());
                    }
                }
                None => t.values.push(Tally { value: q.value, articles: vec![a.id.clone()] }),
            }
        }
    }
    for q in &mut quantities {
        q.values.sort_by_key(|t| std::cmp::Reverse(t.articles.len()));
    }

    let mut disagreements = Vec::new();
    disagreements.extend(describe("date", &dates, |v| v.clone()));
    disagreements.extend(describe("mode", &modes, |v| v.clone().unwrap_or_else(|| "none".into())));
    disagreements.extend(describe("status", &statuses, |v| format!("{v:?}").to_lowercase()));
    disagreements.extend(describe("place", &places, |v| v.clone()));
    for q in &quantities {
        disagreements.extend(describe(quantity_name(q.kind), &q.values, |v| fmt_value(*v)));
    }

    let num_articles = mentions.len() as u32;
    let num_sources = count_sources(mentions.iter().map(|m| (m.article_id.as_str(), m.outlet.as_deref())));
    Some(StoryEvent {
        id: story_event_id(&first_art.id, first),
        event_type: first.event_type.clone(),
        mode,
        cameo: cameos.first().map(|t| t.value.clone()),
        actor,
        actor_name,
        recipient,
        recipient_name,
        date,
        place,
        status,
        background: members.iter().filter(|(_, e)| e.background).count() * 2 > members.len(),
        dates,
        modes,
        statuses,
        places,
        quantities,
        disagreements,
        num_mentions: mentions.len() as u32,
        num_sources,
        num_articles,
        mentions,
    })
}

/// Merge the events of a story's articles.
pub fn merge_events(articles: &[&ArticleSummary]) -> Vec<StoryEvent> {
    let mut all: Vec<(&ArticleSummary, &EventKey)> = articles.iter().flat_map(|a| a.events.iter().map(move |e| (*a, e))).collect();
    all.sort_by(|(a, x), (b, y)| {
        let ka = (a.date.map(day_number).unwrap_or(i64::MAX), a.id.as_str(), x.sentence, x.trigger.start);
        let kb = (b.date.map(day_number).unwrap_or(i64::MAX), b.id.as_str(), y.sentence, y.trigger.start);
        ka.cmp(&kb)
    });
    let mut clusters: Vec<Vec<(&ArticleSummary, &EventKey)>> = Vec::new();
    for item in all {
        match clusters.iter_mut().find(|c| compatible(c[0].1, item.1)) {
            Some(c) => c.push(item),
            None => clusters.push(vec![item]),
        }
    }
    let mut events: Vec<(usize, StoryEvent)> =
        clusters.iter().enumerate().filter_map(|(i, c)| merge_event(c).map(|e| (i, e))).collect();
    events.sort_by(|(i, a), (j, b)| a.background.cmp(&b.background).then(b.num_articles.cmp(&a.num_articles)).then(i.cmp(j)));
    events.into_iter().map(|(_, e)| e).collect()
}

fn tally_pairs(items: impl Iterator<Item = (String, String)>) -> Vec<(String, u32)> {
    let mut t: Vec<Tally<String>> = tally_values(items);
    t.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(a.value.cmp(&b.value)));
    t.into_iter().map(|t| (t.value, t.articles.len() as u32)).collect()
}

/// The view of a story from the summaries of its articles (any order).
/// The 63-bit id of a story event, from its first mention: article, trigger and type, and the
/// `.N` suffix of the record id when one trigger carries several events (`ID:START.2`), so
/// that those events keep distinct ids (GDELT's GlobalEventID is unique).
fn story_event_id(article: &str, first: &EventKey) -> u64 {
    let base = hash_pair(hash_pair(hash_str(article), first.trigger.start as u64), hash_str(&first.event_type));
    let suffix = first.id.rsplit_once(':').and_then(|(_, at)| at.split_once('.')).map(|(_, n)| n);
    match suffix {
        Some(n) => hash_pair(base, hash_str(n)) >> 1,
        None => base >> 1,
    }
}

pub fn build_story(id: StoryId, articles: &[&ArticleSummary]) -> Story {
    let mut arts: Vec<&ArticleSummary> = articles.to_vec();
    arts.sort_by(|a, b| {
        (a.date.map(day_number).unwrap_or(i64::MAX), a.id.as_str()).cmp(&(b.date.map(day_number).unwrap_or(i64::MAX), b.id.as_str()))
    });
    // Title: the article closest to the centroid of the story's terms (earliest on ties).
    let mut centroid: Vec<(u64, f32)> = arts.iter().flat_map(|a| a.terms.iter().copied()).collect();
    centroid.sort_unstable_by_key(|t| t.0);
    centroid.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    let norm = centroid.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        centroid.iter_mut().for_each(|t| t.1 /= norm);
    }
    let mut central: Option<(&ArticleSummary, f64)> = None;
    for a in &arts {
        let c = cosine(&a.terms, &centroid);
        if central.map(|(_, best)| c > best + 1e-9).unwrap_or(true) {
            central = Some((a, c));
        }
    }
    let title = central.map(|(a, _)| a.display_title().to_string()).unwrap_or_default();
    let mut actors = tally_pairs(arts.iter().flat_map(|a| {
        let mut codes: Vec<String> = a.countries.iter().map(|(c, _)| c.clone()).collect();
        for e in &a.events {
            codes.extend(e.actor_country().map(str::to_string));
            codes.extend(e.recipient_country().map(str::to_string));
        }
        codes.into_iter().map(move |c| (c, a.id.clone()))
    }));
    actors.retain(|(c, _)| !c.is_empty());
    let places = tally_pairs(arts.iter().flat_map(|a| a.places.iter().map(move |(p, _)| (p.clone(), a.id.clone()))));
    Story {
        id,
        title,
        start: arts.iter().filter_map(|a| a.date).min(),
        end: arts.iter().filter_map(|a| a.date).max(),
        num_articles: arts.len() as u32,
        num_sources: count_sources(arts.iter().map(|a| (a.id.as_str(), a.outlet.as_deref()))),
        events: merge_events(&arts),
        articles: arts
            .iter()
            .map(|a| StoryArticle {
                id: a.id.clone(),
                title: a.title.clone(),
                date: a.date,
                outlet: a.outlet.clone(),
                url: a.url.clone(),
                near_duplicate_of: None,
            })
            .collect(),
        actors,
        places,
    }
}
