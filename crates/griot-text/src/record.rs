//! The exchange record: what `griot code --format json` prints and what exports carry.
//!
//! Field names are a contract with tools outside griot (documented in README.md): every item
//! has `start`, `end` and `text` next to its normalised values. Records are built from a
//! [`Doc`] and never hold anything that is not derived from it.

use crate::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanText {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl SpanText {
    pub fn of(doc: &Doc, span: Span) -> SpanText {
        SpanText { start: span.start, end: span.end, text: doc.slice(span).to_string() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub source: Option<String>,
    pub chars: usize,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRecord {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: SentenceKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub id: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    pub place: Option<Place>,
    /// Id of the mention this one refers back to.
    pub refers_to: Option<u32>,
    pub guessed: bool,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeRecord {
    pub id: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    pub value: String,
    pub precision: Precision,
    pub anchor: TimeAnchor,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityRecord {
    pub id: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: f64,
    pub kind: QuantityKind,
    pub counted: Option<SpanText>,
    pub unit: Option<String>,
    pub approx: Option<String>,
    pub actor: Option<u32>,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    pub id: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: StatementKind,
    pub speaker: Option<ActorRecord>,
    pub cue: Option<SpanText>,
    pub content: SpanText,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The basis of a country taken from context (`sentence_place`, `event_place`,
    /// `dateline`, `article`); absent when the country was stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guessed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRecord {
    pub value: String,
    pub precision: Precision,
    /// The words the date came from, or "publication".
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub sentence: u32,
    pub trigger: SpanText,
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub actor: Option<ActorRecord>,
    pub recipient: Option<ActorRecord>,
    pub date: Option<DateRecord>,
    pub location: Option<LocationRecord>,
    pub status: EventStatus,
    pub statement: Option<u32>,
    pub sizes: Vec<u32>,
    pub evidence: Vec<SpanText>,
    pub rule: String,
}

/// One analysed article in the exchange format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub article: ArticleRecord,
    pub sentences: Vec<SentenceRecord>,
    pub mentions: Vec<MentionRecord>,
    pub times: Vec<TimeRecord>,
    pub statements: Vec<StatementRecord>,
    pub quantities: Vec<QuantityRecord>,
    pub events: Vec<EventRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

fn actor_of(doc: &Doc, span: Span, mention: Option<MentionId>) -> ActorRecord {
    let m = mention.map(|id| doc.resolve(id)).and_then(|id| doc.mentions.get(id.index()));
    let own = mention.and_then(|id| doc.mentions.get(id.index()));
    ActorRecord {
        start: span.start,
        end: span.end,
        text: doc.slice(span).to_string(),
        name: m.map(|m| m.name.clone()).unwrap_or_else(|| doc.slice(span).to_string()),
        country: own.and_then(|m| m.country.clone()).or_else(|| m.and_then(|m| m.country.clone())),
        sector: own.and_then(|m| m.sector.clone()).or_else(|| m.and_then(|m| m.sector.clone())),
        guessed: None,
    }
}

fn participant(doc: &Doc, p: &Participant) -> ActorRecord {
    ActorRecord {
        start: p.span.start,
        end: p.span.end,
        text: doc.slice(p.span).to_string(),
        name: p.name.clone(),
        country: p.country.clone(),
        sector: p.sector.clone(),
        guessed: p.guessed.clone(),
    }
}

/// Event id stable across runs: article id and position of the trigger.
/// Several events on one trigger (one per pair of coordinated actors or recipients) are
/// told apart by a suffix: `ID:START`, `ID:START.2`, `ID:START.3`, in layer order.
pub fn event_id(doc: &Doc, event: &Event) -> String {
    let base = format!("{}:{}", doc.article.id, event.trigger.start);
    let before = doc
        .events
        .iter()
        .take_while(|x| !std::ptr::eq(*x, event))
        .filter(|x| x.trigger.start == event.trigger.start)
        .count();
    if before == 0 {
        base
    } else {
        format!("{base}.{}", before + 1)
    }
}

pub fn event_record(doc: &Doc, e: &Event) -> EventRecord {
    EventRecord {
        id: event_id(doc, e),
        sentence: e.sentence.0,
        trigger: SpanText::of(doc, e.trigger),
        event_type: e.event_type.clone(),
        mode: e.mode.clone(),
        context: e.context.clone(),
        cameo: e.cameo.clone(),
        actor: e.actor.as_ref().map(|p| participant(doc, p)),
        recipient: e.recipient.as_ref().map(|p| participant(doc, p)),
        date: e.date.as_ref().map(|d| DateRecord {
            value: d.value.clone(),
            precision: d.precision,
            basis: d
                .time
                .and_then(|t| doc.times.get(t.index()))
                .map(|t| doc.slice(t.span).to_string())
                .unwrap_or_else(|| "publication".to_string()),
        }),
        location: e.location.and_then(|id| doc.mentions.get(id.index()).map(|m| (m, id))).map(|(m, _)| {
            LocationRecord {
                start: m.span.start,
                end: m.span.end,
                text: doc.slice(m.span).to_string(),
                name: m.location().map(|p| p.name.clone()).unwrap_or_else(|| m.name.clone()),
                country: m.location().and_then(|p| p.country.clone()).or_else(|| m.country.clone()),
                geonameid: m.location().and_then(|p| p.geonameid),
                lat: m.location().map(|p| p.lat),
                lon: m.location().map(|p| p.lon),
            }
        }),
        status: e.status,
        statement: e.statement.map(|s| s.0),
        sizes: e.sizes.iter().map(|q| q.0).collect(),
        evidence: e.evidence.iter().map(|s| SpanText::of(doc, *s)).collect(),
        rule: e.origin.rule.clone(),
    }
}

pub fn doc_record(doc: &Doc) -> DocRecord {
    let a = &doc.article;
    DocRecord {
        article: ArticleRecord {
            id: a.id.clone(),
            url: a.url.clone(),
            title: a.title.clone(),
            date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            lang: a.lang.clone(),
            source: a.source.clone(),
            chars: a.text.chars().count(),
            meta: a.meta.clone(),
        },
        sentences: doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceRecord {
                index: i,
                start: s.span.start,
                end: s.span.end,
                text: doc.slice(s.span).to_string(),
                kind: s.kind,
            })
            .collect(),
        mentions: doc
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| MentionRecord {
                id: i as u32,
                start: m.span.start,
                end: m.span.end,
                text: doc.slice(m.span).to_string(),
                kind: m.kind,
                name: m.name.clone(),
                country: m.country.clone(),
                sector: m.sector.clone(),
                title: m.title.clone(),
                role: m.role.clone(),
                place: m.place.clone(),
                refers_to: m.antecedent.map(|a| a.0),
                guessed: m.guessed,
                rule: m.origin.rule.clone(),
            })
            .collect(),
        times: doc
            .times
            .iter()
            .enumerate()
            .map(|(i, t)| TimeRecord {
                id: i as u32,
                start: t.span.start,
                end: t.span.end,
                text: doc.slice(t.span).to_string(),
                kind: t.kind,
                value: t.value.clone(),
                precision: t.precision,
                anchor: t.anchor,
                rule: t.origin.rule.clone(),
            })
            .collect(),
        statements: doc
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| StatementRecord {
                id: i as u32,
                start: s.span.start,
                end: s.span.end,
                text: doc.slice(s.span).to_string(),
                kind: s.kind,
                speaker: s.speaker_span.map(|sp| actor_of(doc, sp, s.speaker)),
                cue: s.cue.map(|c| SpanText::of(doc, c)),
                content: SpanText::of(doc, s.content),
                rule: s.origin.rule.clone(),
            })
            .collect(),
        quantities: doc
            .quantities
            .iter()
            .enumerate()
            .map(|(i, q)| QuantityRecord {
                id: i as u32,
                start: q.span.start,
                end: q.span.end,
                text: doc.slice(q.span).to_string(),
                value: q.value,
                kind: q.kind,
                counted: q.counted.map(|c| SpanText::of(doc, c)),
                unit: q.unit.clone(),
                approx: q.approx.clone(),
                actor: q.actor.map(|a| a.0),
                rule: q.origin.rule.clone(),
            })
            .collect(),
        events: doc.events.iter().map(|e| event_record(doc, e)).collect(),
        diagnostics: doc.diagnostics.clone(),
    }
}
