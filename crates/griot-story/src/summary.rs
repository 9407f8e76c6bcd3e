//! [`ArticleSummary`]: what grouping needs from one analysed article, built once by
//! [`summarize`] and stored next to the article, so that stories can be regrouped without
//! re-running the pipeline.

use chrono::NaiveDate;
use griot_text::record::SpanText;
use griot_text::{Doc, Event, EventStatus, MentionKind, Precision, QuantityKind};
use serde::{Deserialize, Serialize};

use crate::dates::{day_number, parse_timex, DayRange};
use crate::text::{minhash, salient_terms, shingles, title_tokens, FEATURES_VERSION};

/// An event date is "background" when it ended more than this many days before the article
/// was published ("the coup last July"): it is kept, with its own date, but is not evidence
/// that two articles report the same happening.
pub const BACKGROUND_DAYS: i64 = 7;

/// One side of a coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorKey {
    /// ISO-3166 alpha-3 or IGO code.
    pub country: Option<String>,
    pub name: String,
    pub sector: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// The resolved date of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateKey {
    /// TIMEX3 value as coded ("2024-03-16", "2024-W11", "2023-07").
    pub value: String,
    pub precision: Precision,
    /// The days the value covers; None when it has no calendar range.
    pub range: Option<DayRange>,
    /// The words it came from, or "publication".
    pub basis: String,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceKey {
    pub name: String,
    pub geonameid: Option<u64>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature: Option<String>,
}

/// A quantity attached to an event (PLOVER size).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityKey {
    pub value: f64,
    pub kind: QuantityKind,
    /// What is counted, as written ("US personnel").
    pub counted: Option<String>,
    pub text: SpanText,
}

/// One coded event of an article, self-contained (no indices into the Doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventKey {
    /// The event's record id (`griot_text::record::event_id`).
    #[serde(default)]
    pub id: String,
    /// PLOVER type.
    pub event_type: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub actor: Option<ActorKey>,
    pub recipient: Option<ActorKey>,
    pub date: Option<DateKey>,
    pub place: Option<PlaceKey>,
    /// Index of the sentence in the article.
    pub sentence: u32,
    pub sentence_text: SpanText,
    pub trigger: SpanText,
    pub evidence: Vec<SpanText>,
    pub quantities: Vec<QuantityKey>,
    pub status: EventStatus,
    pub rule: String,
    /// The event is dated well before publication (see [`BACKGROUND_DAYS`]).
    pub background: bool,
}

impl EventKey {
    pub fn actor_country(&self) -> Option<&str> {
        self.actor.as_ref().and_then(|a| a.country.as_deref())
    }
    pub fn recipient_country(&self) -> Option<&str> {
        self.recipient.as_ref().and_then(|a| a.country.as_deref())
    }
    pub fn range(&self) -> Option<DayRange> {
        self.date.as_ref().and_then(|d| d.range)
    }
}

/// What grouping needs from one analysed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// Version of the text features ([`crate::text::FEATURES_VERSION`]).
    pub version: u32,
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// The outlet: host of the url, else meta "source"/"outlet"/"publisher", else source.
    pub outlet: Option<String>,
    /// Number of words in the text.
    pub words: u32,
    /// Number of distinct word 3-shingles (for containment estimates).
    pub shingle_count: u32,
    /// MinHash over word 3-shingles of the lower-cased text.
    pub signature: Vec<u32>,
    /// Salient terms: (stable hash of the stem, L2-normalised weight), sorted by hash.
    pub terms: Vec<(u64, f32)>,
    /// Content stems of the title.
    pub title_tokens: Vec<String>,
    /// Country codes of actor mentions with their counts, sorted by code.
    pub countries: Vec<(String, u32)>,
    /// Names of places mentioned, with counts, sorted by name.
    pub places: Vec<(String, u32)>,
    pub events: Vec<EventKey>,
}

impl ArticleSummary {
    /// A summary from text alone (no analysis layers): for tests, benchmarks and
    /// articles whose analysis failed.
    pub fn from_text(id: &str, date: Option<NaiveDate>, outlet: Option<&str>, title: &str, text: &str) -> ArticleSummary {
        let sh = shingles(text);
        let mut words = 0u32;
        crate::text::scan_words(text, |_| words += 1);
        ArticleSummary {
            version: FEATURES_VERSION,
            id: id.to_string(),
            url: None,
            title: if title.is_empty() { None } else { Some(title.to_string()) },
            date,
            outlet: outlet.map(|o| o.to_string()),
            words,
            shingle_count: sh.len() as u32,
            signature: minhash(&sh),
            terms: salient_terms(title, text),
            title_tokens: title_tokens(title),
            countries: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The title, else the start of the first line of text (set by [`summarize`]).
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// Host of a url without "www." ("https://www.bbc.co.uk/news/x" -> "bbc.co.uk").
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.is_empty() {
        None
    } else {
        Some(host.to_ascii_lowercase())
    }
}

fn outlet_of(doc: &Doc) -> Option<String> {
    let a = &doc.article;
    if let Some(h) = a.url.as_deref().and_then(url_host) {
        return Some(h);
    }
    for key in ["source", "outlet", "publisher"] {
        if let Some(s) = a.meta.get(key).and_then(|v| v.as_str()) {
            if !s.trim().is_empty() {
                return Some(s.trim().to_string());
            }
        }
    }
    a.source.as_ref().filter(|s| !s.trim().is_empty()).map(|s| s.trim().to_string())
}

/// Up to `max` bytes of `s`, cut at a char boundary and a word end.
fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &s[..end];
    let cut = cut.rfind(' ').map(|i| &cut[..i]).unwrap_or(cut);
    format!("{}…", cut.trim_end())
}

fn tally(mut items: Vec<String>) -> Vec<(String, u32)> {
    items.sort();
    let mut out: Vec<(String, u32)> = Vec::new();
    for it in items {
        match out.last_mut() {
            Some((k, n)) if *k == it => *n += 1,
            _ => out.push((it, 1)),
        }
    }
    out
}

/// Build the summary of an analysed article.
pub fn summarize(doc: &Doc) -> ArticleSummary {
    let a = &doc.article;
    let text = doc.text();
    let title_text = a.title.clone().filter(|t| !t.trim().is_empty());
    let mut s = ArticleSummary::from_text(
        &a.id,
        a.date,
        outlet_of(doc).as_deref(),
        title_text.as_deref().unwrap_or(""),
        text,
    );
    s.url = a.url.clone();
    if s.title.is_none() {
        let first = doc.sentences.first().map(|x| doc.slice(x.span)).unwrap_or_else(|| text.lines().next().unwrap_or(""));
        let first = first.trim();
        if !first.is_empty() {
            s.title = Some(clip(first, 120));
        }
    }
    let mut countries = Vec::new();
    let mut places = Vec::new();
    for m in &doc.mentions {
        if m.kind == MentionKind::Place {
            let name = m.place.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| m.name.clone());
            if !name.is_empty() {
                places.push(name);
            }
        } else if let Some(c) = &m.country {
            countries.push(c.clone());
        }
    }
    s.countries = tally(countries);
    s.places = tally(places);
    s.events = doc.events.iter().map(|e| event_key(doc, e)).collect();
    s
}

fn actor_key(p: &griot_text::Participant) -> ActorKey {
    ActorKey { country: p.country.clone(), name: p.name.clone(), sector: p.sector.clone(), start: p.span.start, end: p.span.end }
}

/// The self-contained key of one event of `doc`.
pub fn event_key(doc: &Doc, e: &Event) -> EventKey {
    let sentence = doc.sentences.get(e.sentence.index());
    let sentence_text = sentence.map(|s| SpanText::of(doc, s.span)).unwrap_or(SpanText { start: 0, end: 0, text: String::new() });
    let date = match &e.date {
        Some(d) => Some(DateKey {
            value: d.value.clone(),
            precision: d.precision,
            range: parse_timex(&d.value),
            basis: d
                .time
                .and_then(|t| doc.times.get(t.index()))
                .map(|t| doc.slice(t.span).to_string())
                .unwrap_or_else(|| "publication".to_string()),
        }),
        None => doc.article.date.map(|d| DateKey {
            value: d.format("%Y-%m-%d").to_string(),
            precision: Precision::Day,
            range: Some(DayRange::day(d)),
            basis: "publication".to_string(),
        }),
    };
    let place = e.location.and_then(|id| doc.mentions.get(id.index())).map(|m| match m.location() {
        Some(p) => PlaceKey {
            name: p.name.clone(),
            geonameid: p.geonameid,
            country: p.country.clone(),
            lat: Some(p.lat),
            lon: Some(p.lon),
            feature: Some(p.feature.clone()),
        },
        None => PlaceKey { name: m.name.clone(), geonameid: None, country: m.country.clone(), lat: None, lon: None, feature: None },
    });
    let quantities = e
        .sizes
        .iter()
        .filter_map(|q| doc.quantities.get(q.index()))
        .map(|q| QuantityKey {
            value: q.value,
            kind: q.kind,
            counted: q.counted.map(|c| doc.slice(c).to_string()),
            text: SpanText::of(doc, q.span),
        })
        .collect();
    let background = match (date.as_ref().and_then(|d| d.range), doc.article.date) {
        (Some(r), Some(p)) => day_number(r.last) < day_number(p) - BACKGROUND_DAYS,
        _ => false,
    };
    EventKey {
        id: griot_text::record::event_id(doc, e),
        event_type: e.event_type.clone(),
        mode: e.mode.clone(),
        cameo: e.cameo.clone(),
        actor: e.actor.as_ref().map(actor_key),
        recipient: e.recipient.as_ref().map(actor_key),
        date,
        place,
        sentence: e.sentence.0,
        sentence_text,
        trigger: SpanText::of(doc, e.trigger),
        evidence: e.evidence.iter().map(|s| SpanText::of(doc, *s)).collect(),
        quantities,
        status: e.status,
        rule: e.origin.rule.clone(),
        background,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use griot_text::{Article, EventDate, Origin, Participant, Sentence, SentenceId, SentenceKind, Span};

    fn check_host(url: &str, expected: Option<&str>) {
        assert_eq!(url_host(url).as_deref(), expected, "host of {url:?}");
    }

    #[test]
    fn hosts() {
        check_host("https://www.bbc.co.uk/news/world-africa-1", Some("bbc.co.uk"));
        check_host("http://Reuters.com:80/x?y", Some("reuters.com"));
        check_host("https://user@example.org#a", Some("example.org"));
        check_host("examples/niger.txt", None);
        check_host("https:///x", None);
    }

    fn doc_with_event(value: &str) -> Doc {
        let text = "Niger revoked its military pact with the US on Saturday.";
        let mut article = Article::from_text("a1", text);
        article.date = NaiveDate::from_ymd_opt(2024, 3, 17);
        article.url = Some("https://www.example-news.com/africa/1".into());
        let mut doc = Doc::new(article);
        doc.sentences = vec![Sentence { span: Span::new(0, text.len()), kind: SentenceKind::Body }];
        doc.events = vec![Event {
            sentence: SentenceId(0),
            trigger: Span::new(6, 13),
            event_type: "SANCTION".into(),
            mode: Some("discontinue".into()),
            context: vec![],
            cameo: Some("161".into()),
            actor: Some(Participant { span: Span::new(0, 5), mention: None, name: "Niger".into(), country: Some("NER".into()), sector: None, guessed: None }),
            recipient: Some(Participant { span: Span::new(41, 43), mention: None, name: "United States".into(), country: Some("USA".into()), sector: None, guessed: None }),
            date: Some(EventDate { value: value.into(), precision: Precision::Day, time: None }),
            location: None,
            status: EventStatus::Asserted,
            statement: None,
            sizes: vec![],
            evidence: vec![Span::new(6, 13), Span::new(18, 30)],
            origin: Origin::new("code", "revoke_agreement"),
        }];
        doc
    }

    #[test]
    fn summarises_events() {
        let s = summarize(&doc_with_event("2024-03-16"));
        assert_eq!(s.outlet.as_deref(), Some("example-news.com"));
        assert_eq!(s.title.as_deref(), Some("Niger revoked its military pact with the US on Saturday."));
        let e = &s.events[0];
        assert_eq!((e.actor_country(), e.recipient_country()), (Some("NER"), Some("USA")));
        assert_eq!(e.trigger.text, "revoked");
        assert_eq!(e.evidence[1].text, "military pac");
        assert!(!e.background);
        let old = summarize(&doc_with_event("2023-07"));
        assert!(old.events[0].background);
        let json = serde_json::to_string(&s).unwrap();
        let back: ArticleSummary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn empty_doc_is_fine() {
        let s = summarize(&Doc::new(Article::from_text("x", "")));
        assert_eq!(s.words, 0);
        assert!(s.terms.is_empty());
        assert!(s.title.is_none());
    }
}
