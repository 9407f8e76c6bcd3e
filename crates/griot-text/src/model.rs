//! The annotation model: one immutable text, layers of byte-offset items.
//!
//! Every item carries its [`Span`] and the [`Origin`] (stage and rule) that produced it.
//! Items refer to one another by typed indices ([`MentionId`], [`StatementId`], ...), which
//! are positions in the corresponding `Doc` layer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Half-open byte range `[start, end)` into `Doc::text`, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is inverted");
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The words this span points at. Returns "" for a span outside `text` or not on
    /// char boundaries instead of panicking.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Which stage, and which rule within it, produced an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Origin {
    pub stage: String,
    pub rule: String,
}

impl Origin {
    pub fn new(stage: &str, rule: &str) -> Origin {
        Origin { stage: stage.to_string(), rule: rule.to_string() }
    }
}

/// One input document as read, before any analysis. `text` is never rewritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable identifier: the source's id when it has one, else derived from the content.
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date; relative dates resolve against it.
    pub date: Option<NaiveDate>,
    pub lang: Option<String>,
    /// Where it came from: file path (and line), feed, or outlet name.
    pub source: Option<String>,
    pub text: String,
    /// Extra fields of the input (unknown JSON fields, HTML meta) kept as they were.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    pub fn from_text(id: &str, text: &str) -> Article {
        Article { id: id.to_string(), text: text.to_string(), ..Default::default() }
    }
}

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}
id_type!(SentenceId, MentionId, TimeId, QuantityId, StatementId, EventId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    #[default]
    Body,
    /// A title or headline line without final punctuation.
    Headline,
    /// A list item or bullet line.
    ListItem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub kind: SentenceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// Opening or closing quotation mark, straight or curly.
    Quote,
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A state named as an actor ("Niger", "the US", "Nigerien", "Washington" for the government).
    Country,
    /// An international organisation or alliance (UN, NATO, ECOWAS).
    Igo,
    Person,
    Organisation,
    /// An armed or militant group.
    Group,
    /// A geocoded or geocodable place ("in Niamey", "the Sahel").
    Place,
    /// A common-noun actor phrase ("the junta", "US personnel", "the delegation").
    Nominal,
    /// A pronoun resolved by coreference ("he", "they").
    Pronoun,
    /// A name of unknown kind.
    Other,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub geonameid: Option<u64>,
    pub lat: f64,
    pub lon: f64,
    /// ISO-3166 alpha-3 of the country the place lies in.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// GeoNames feature: "city", "country", "region", "admin1", ...
    pub feature: String,
    /// The name is used for an actor here, not as a location ("Moscow said", "Russian
    /// troops", "Israel's prime minister"): the place is what the name denotes, so that
    /// geoparsing counts the toponym, but nothing is located there. Readers that want where
    /// something is or happens use [`Mention::location`], which leaves these out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub actor: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Mention {
    /// The place where the mention is used as a location: its `place` unless the name is
    /// used for an actor there ([`Place::actor`]).
    pub fn location(&self) -> Option<&Place> {
        self.place.as_ref().filter(|p| !p.actor)
    }
}

/// A span naming something, with what it resolves to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// Canonical name ("Amadou Abdramane", "Niger", "United States").
    pub name: String,
    /// ISO-3166 alpha-3, or an IGO code such as "NATO", "UNO".
    pub country: Option<String>,
    /// PLOVER sector code (GOV, MIL, REB, ...).
    pub sector: Option<String>,
    /// Title or rank of a person ("Colonel", "President").
    pub title: Option<String>,
    /// Role of a person ("military spokesperson").
    pub role: Option<String>,
    pub place: Option<Place>,
    /// The first mention of the same entity, when this one refers back to it.
    pub antecedent: Option<MentionId>,
    /// True when the kind or code was guessed from context rather than found in a dictionary.
    pub guessed: bool,
    pub origin: Origin,
}

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// How fine a normalised date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
    /// Could not be resolved (e.g. relative expression without publication date).
    Unknown,
}

/// What a temporal expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeAnchor {
    /// Fully specified in the text ("16 March 2024").
    Absolute,
    /// Relative to the publication date ("on Saturday").
    Publication,
    /// Relative to the last date mentioned ("the previous day").
    Previous,
    /// Relative, but there was nothing to resolve against.
    Unresolved,
}

/// A temporal expression with its TIMEX3-style value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub kind: TimeType,
    /// TIMEX3 value: "2024-03-16", "2024-W11", "2023-07", "P3D", "XXXX-WXX-5", "PRESENT_REF"...
    pub value: String,
    pub precision: Precision,
    pub anchor: TimeAnchor,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Count,
    Money,
    Percent,
    /// People killed.
    Killed,
    Injured,
    Arrested,
    Displaced,
    Other,
}

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub value: f64,
    pub kind: QuantityKind,
    /// The head noun phrase counted ("US personnel", "soldiers"), as a span.
    pub counted: Option<Span>,
    /// Currency code or unit ("USD", "%", "km").
    pub unit: Option<String>,
    /// Approximation marker as written ("approximately", "at least", "about").
    pub approx: Option<String>,
    /// The actor the count belongs to, when resolved ("US personnel" -> USA/MIL mention).
    pub actor: Option<MentionId>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech ("declared that ...").
    Indirect,
}

/// Someone said something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub span: Span,
    pub kind: StatementKind,
    /// The speaker phrase as written ("Col. Abdramane", "he").
    pub speaker_span: Option<Span>,
    /// The mention of the speaker, resolved through coreference when possible.
    pub speaker: Option<MentionId>,
    /// The cue verb or phrase ("said", "declared", "according to").
    pub cue: Option<Span>,
    /// What was said.
    pub content: Span,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[default]
    Asserted,
    /// Someone says it happened.
    Reported,
    Alleged,
    Denied,
    /// Announced or planned for the future.
    Planned,
    /// Conditional or hypothetical.
    Hypothetical,
    /// Said not to have happened ("did not attack").
    Negated,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub span: Span,
    pub mention: Option<MentionId>,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Set when the country was not stated but taken from context: the basis
    /// (`sentence_place`, `event_place`, `dateline`, `article`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guessed: Option<String>,
}

/// The date of an event and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    pub value: String,
    pub precision: Precision,
    /// The temporal expression it came from; None means the publication date.
    pub time: Option<TimeId>,
}

/// Who did what to whom, when, where, with evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence: SentenceId,
    pub trigger: Span,
    /// PLOVER event type (SANCTION, CONSULT, ...).
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub actor: Option<Participant>,
    pub recipient: Option<Participant>,
    pub date: Option<EventDate>,
    pub location: Option<MentionId>,
    pub status: EventStatus,
    /// The statement this event was reported in, if any.
    pub statement: Option<StatementId>,
    /// Quantities attached as PLOVER size fields.
    pub sizes: Vec<QuantityId>,
    /// Every span of text supporting the event (trigger, slots, later mentions of it).
    pub evidence: Vec<Span>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
}

/// Something a stage wants the user to know (an impossible date, an ambiguous name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub span: Option<Span>,
    pub severity: Severity,
    pub stage: String,
    pub message: String,
}

/// An article with all its annotation layers. Stages read it and add layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Doc {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub times: Vec<TimeExpr>,
    pub quantities: Vec<Quantity>,
    pub statements: Vec<Statement>,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Doc {
    /// A document with no layers yet.
    pub fn new(article: Article) -> Doc {
        Doc { article, ..Default::default() }
    }
    pub fn text(&self) -> &str {
        &self.article.text
    }
    /// The words of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.article.text)
    }
    /// Index of the sentence containing byte offset `pos` (None if between sentences).
    pub fn sentence_at(&self, pos: usize) -> Option<SentenceId> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        match self.sentences.get(i) {
            Some(s) if s.span.start <= pos => Some(SentenceId(i as u32)),
            _ => None,
        }
    }
    /// Tokens inside `span` (tokens are sorted by start).
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let a = self.tokens.partition_point(|t| t.span.start < span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        &self.tokens[a..b.max(a)]
    }
    /// Mention ids whose span lies inside `span`.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = MentionId> + '_ {
        self.mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| span.contains(m.span))
            .map(|(i, _)| MentionId(i as u32))
    }
    /// Follows antecedent links to the first mention of the entity.
    pub fn resolve(&self, id: MentionId) -> MentionId {
        let mut cur = id;
        for _ in 0..64 {
            match self.mentions.get(cur.index()).and_then(|m| m.antecedent) {
                Some(a) if a != cur => cur = a,
                _ => break,
            }
        }
        cur
    }
    pub fn push_diagnostic(&mut self, stage: &str, span: Option<Span>, severity: Severity, message: String) {
        self.diagnostics.push(Diagnostic { span, severity, stage: stage.to_string(), message });
    }
}
