//! Evaluation: events in real news articles, against the annotated development set
//! (`data/events/articles/*.json`, format and scoring rules in its README.md).
//!
//! Each article runs through the whole pipeline (text, title, publication date). Scoring:
//! a gold event's sentence is the byte range of its first occurrence in the text (whitespace
//! normalised if not found verbatim). A predicted event lies in a gold sentence when its
//! trigger lies within that range. A prediction matches a gold event of its sentence when its
//! type is `plover_type` or in `accept_types`, its actor's country is `actor.country` or in
//! `actor.accept` (null matches only null or no actor), and its recipient's country likewise (a
//! null recipient matches only a null one). Recall is over core gold events (not background,
//! not optional, not a repeated mention); precision counts a prediction right when it matches
//! any gold event of its sentence (core, background, optional or repeated). Predictions in no
//! gold sentence are wrong: gold annotates every event. Type alone is scored with the same
//! rule on the type only. Date, mode and status accuracies are measured on matched core events,
//! against the first matching prediction.
//!
//! The scorer ([`score_article`], [`report`]) takes predictions as plain [`Pred`] values, so it
//! can be tested without the pipeline.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use griot_pipeline::Pipeline;
use griot_text::{Article, Doc};
use serde::Deserialize;

use crate::EvalError;

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
pub struct NewsArticle {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub publication_date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub gold: Vec<GoldEvent>,
}

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub sentence: String,
    #[serde(default)]
    pub trigger: String,
    pub plover_type: String,
    #[serde(default)]
    pub accept_types: Vec<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub actor: Option<GoldActor>,
    #[serde(default)]
    pub recipient: Option<GoldActor>,
    #[serde(default)]
    pub date: Option<GoldDate>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub background: bool,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub same_event_as: Option<usize>,
}

impl GoldEvent {
    /// Counted in recall: not background, not optional, not a repeated mention.
    pub fn is_core(&self) -> bool {
        !self.background && !self.optional && self.same_event_as.is_none()
    }
    /// "core", "bg", "opt" or "rep".
    pub fn kind(&self) -> &'static str {
        if self.same_event_as.is_some() {
            "rep"
        } else if self.optional {
            "opt"
        } else if self.background {
            "bg"
        } else {
            "core"
        }
    }
    pub fn type_ok(&self, t: &str) -> bool {
        self.plover_type == t || self.accept_types.iter().any(|a| a == t)
    }
    pub fn actor_ok(&self, country: Option<&str>) -> bool {
        slot_ok(self.actor.as_ref(), country)
    }
    pub fn recipient_ok(&self, country: Option<&str>) -> bool {
        slot_ok(self.recipient.as_ref(), country)
    }
    pub fn matches(&self, p: &Pred) -> bool {
        self.type_ok(&p.event_type)
            && self.actor_ok(p.actor.as_deref())
            && self.recipient_ok(p.recipient.as_deref())
    }
    fn gold_date(&self) -> Option<&str> {
        self.date.as_ref().and_then(|d| d.value.as_deref())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    /// Other acceptable countries; a null in the list accepts a null prediction.
    #[serde(default)]
    pub accept: Vec<Option<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDate {
    #[serde(default)]
    pub value: Option<String>,
}

fn slot_ok(g: Option<&GoldActor>, country: Option<&str>) -> bool {
    match g {
        None => country.is_none(),
        Some(g) => g.country.as_deref() == country || g.accept.iter().any(|a| a.as_deref() == country),
    }
}

/// One predicted event, reduced to what is scored and shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pred {
    /// Trigger byte span in the article text.
    pub start: usize,
    pub end: usize,
    pub trigger: String,
    /// Byte span of griot's sentence holding the trigger (for the error dump).
    pub sentence: (usize, usize),
    pub event_type: String,
    pub mode: Option<String>,
    pub actor: Option<String>,
    /// Actor words; None when the event has no actor.
    pub actor_text: Option<String>,
    pub recipient: Option<String>,
    pub recipient_text: Option<String>,
    /// How a country was guessed from context (`Participant::guessed`), if it was.
    pub actor_guess: Option<String>,
    pub recipient_guess: Option<String>,
    pub date: Option<String>,
    pub status: String,
    pub rule: String,
}

use crate::events::status_name;

/// The predictions of a coded document.
pub fn preds_of(doc: &Doc) -> Vec<Pred> {
    doc.events
        .iter()
        .map(|e| {
            let sentence = doc
                .sentences
                .get(e.sentence.index())
                .map(|s| (s.span.start, s.span.end))
                .unwrap_or((e.trigger.start, e.trigger.end));
            Pred {
                start: e.trigger.start,
                end: e.trigger.end,
                trigger: doc.slice(e.trigger).to_string(),
                sentence,
                event_type: e.event_type.clone(),
                mode: e.mode.clone(),
                actor: e.actor.as_ref().and_then(|p| p.country.clone()),
                actor_text: e.actor.as_ref().map(|p| doc.slice(p.span).to_string()),
                recipient: e.recipient.as_ref().and_then(|p| p.country.clone()),
                recipient_text: e.recipient.as_ref().map(|p| doc.slice(p.span).to_string()),
                actor_guess: e.actor.as_ref().and_then(|p| p.guessed.clone()),
                recipient_guess: e.recipient.as_ref().and_then(|p| p.guessed.clone()),
                date: e.date.as_ref().map(|d| d.value.clone()),
                status: status_name(e.status).to_string(),
                rule: e.origin.rule.clone(),
            }
        })
        .collect()
}

/// Collapse whitespace runs to one space; returns the text and, for each of its bytes, the
/// byte offset in the original.
fn normalise(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
                map.push(i);
            }
            in_space = true;
        } else {
            in_space = false;
            let n = out.len();
            out.push(c);
            for k in 0..out.len() - n {
                map.push(i + k);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
        map.pop();
    }
    (out, map)
}

/// Byte range of `sentence` in `text`: first verbatim occurrence, else whitespace-normalised.
pub fn find_sentence(text: &str, sentence: &str) -> Option<(usize, usize)> {
    if let Some(i) = text.find(sentence) {
        return Some((i, i + sentence.len()));
    }
    let (nt, map) = normalise(text);
    let (ns, _) = normalise(sentence);
    if ns.is_empty() {
        return None;
    }
    let i = nt.find(&ns)?;
    let j = i + ns.len();
    let start = map[i];
    let last = map[j - 1];
    let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
    Some((start, end))
}

/// What went wrong with a missed core event or a wrong prediction.
fn slot_errors(g: &GoldEvent, p: &Pred) -> Vec<&'static str> {
    let mut v = Vec::new();
    if !g.actor_ok(p.actor.as_deref()) {
        v.push(if p.actor.is_none() {
            if p.actor_text.is_none() {
                "actor missing"
            } else {
                "actor country missing"
            }
        } else if g.actor.as_ref().and_then(|a| a.country.as_ref()).is_none() {
            "actor country extra (gold null)"
        } else {
            "actor country wrong"
        });
    }
    if !g.recipient_ok(p.recipient.as_deref()) {
        let gold_has = g.recipient.as_ref().and_then(|r| r.country.as_ref()).is_some();
        v.push(if p.recipient.is_none() {
            if p.recipient_text.is_none() {
                "recipient missing"
            } else {
                "recipient country missing"
            }
        } else if !gold_has {
            "recipient extra (gold null)"
        } else {
            "recipient country wrong"
        });
    }
    v
}

/// The scores of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleScore {
    /// Per gold event: its sentence's byte range, None when not found in the text.
    pub ranges: Vec<Option<(usize, usize)>>,
    /// Per gold event: its trigger's byte range, None when not found in the sentence.
    pub triggers: Vec<Option<(usize, usize)>>,
    /// Per gold event: matched (tuple) by some prediction of its sentence.
    pub tuple_hit: Vec<bool>,
    pub type_hit: Vec<bool>,
    /// Per gold event: the first tuple-matching prediction.
    pub first_match: Vec<Option<usize>>,
    /// Per prediction: lies in some gold sentence.
    pub in_gold: Vec<bool>,
    /// Per prediction: matches some gold event of its sentence (tuple / type alone).
    pub pred_tuple_ok: Vec<bool>,
    pub pred_type_ok: Vec<bool>,
    /// Per prediction: the gold events it matches.
    pub pred_matches: Vec<Vec<usize>>,
    /// Per missed core gold event: error class; per wrong prediction likewise.
    pub miss_class: Vec<Option<String>>,
    pub extra_class: Vec<Option<String>>,
    /// Per missed core gold event classed "wrong type": the types predicted at its trigger.
    pub miss_confusion: Vec<Vec<String>>,
    /// Per prediction classed "wrong type": the gold event at its trigger.
    pub extra_at: Vec<Option<usize>>,
}

fn within(r: Option<(usize, usize)>, p: &Pred) -> bool {
    r.is_some_and(|(s, e)| s <= p.start && p.end <= e)
}

fn overlaps(r: Option<(usize, usize)>, p: &Pred) -> bool {
    r.is_some_and(|(s, e)| p.start < e && s < p.end)
}

/// Byte range of the gold trigger inside its sentence's range.
fn find_trigger(text: &str, range: Option<(usize, usize)>, trigger: &str) -> Option<(usize, usize)> {
    let (s, e) = range?;
    if trigger.is_empty() {
        return None;
    }
    let (ts, te) = find_sentence(text.get(s..e)?, trigger)?;
    Some((s + ts, s + te))
}

const WRONG_TYPE: &str = "wrong type (a prediction at its trigger)";
const NOT_AT_TRIGGER: &str = "not coded: sentence has predictions, none at its trigger or of its type";
const EXTRA_WRONG_TYPE: &str = "wrong type (at the trigger of a gold event of another type)";
const EXTRA_SPURIOUS: &str = "spurious: annotated sentence, no gold event of its type or at its trigger";

/// Score one article's predictions.
pub fn score_article(a: &NewsArticle, preds: &[Pred]) -> ArticleScore {
    let ranges: Vec<_> = a.gold.iter().map(|g| find_sentence(&a.text, &g.sentence)).collect();
    let triggers: Vec<_> =
        a.gold.iter().zip(&ranges).map(|(g, r)| find_trigger(&a.text, *r, &g.trigger)).collect();
    let mut s = ArticleScore {
        miss_confusion: vec![Vec::new(); a.gold.len()],
        tuple_hit: vec![false; a.gold.len()],
        type_hit: vec![false; a.gold.len()],
        first_match: vec![None; a.gold.len()],
        miss_class: vec![None; a.gold.len()],
        ..Default::default()
    };
    for (gi, g) in a.gold.iter().enumerate() {
        let inside: Vec<usize> = (0..preds.len()).filter(|&k| within(ranges[gi], &preds[k])).collect();
        s.first_match[gi] = inside.iter().copied().find(|&k| g.matches(&preds[k]));
        s.tuple_hit[gi] = s.first_match[gi].is_some();
        s.type_hit[gi] = inside.iter().any(|&k| g.type_ok(&preds[k].event_type));
        if g.is_core() && !s.tuple_hit[gi] {
            let class = if ranges[gi].is_none() {
                "sentence not found in text".to_string()
            } else if inside.is_empty() {
                "no prediction in sentence".to_string()
            } else if !s.type_hit[gi] {
                let at: Vec<String> = inside
                    .iter()
                    .filter(|&&k| overlaps(triggers[gi], &preds[k]))
                    .map(|&k| preds[k].event_type.clone())
                    .collect();
                if at.is_empty() {
                    NOT_AT_TRIGGER.to_string()
                } else {
                    s.miss_confusion[gi] = at;
                    WRONG_TYPE.to_string()
                }
            } else {
                inside
                    .iter()
                    .filter(|&&k| g.type_ok(&preds[k].event_type))
                    .map(|&k| slot_errors(g, &preds[k]))
                    .min_by_key(|v| v.len())
                    .unwrap_or_default()
                    .join(" + ")
            };
            s.miss_class[gi] = Some(class);
        }
    }
    for p in preds {
        let golds: Vec<usize> = (0..a.gold.len()).filter(|&gi| within(ranges[gi], p)).collect();
        let matches: Vec<usize> = golds.iter().copied().filter(|&gi| a.gold[gi].matches(p)).collect();
        let type_ok = golds.iter().any(|&gi| a.gold[gi].type_ok(&p.event_type));
        let mut extra_at = None;
        let class = if !matches.is_empty() {
            None
        } else if golds.is_empty() {
            Some("prediction in unannotated sentence".to_string())
        } else if !type_ok {
            let at = golds.iter().copied().find(|&gi| overlaps(triggers[gi], p));
            if at.is_some() {
                extra_at = at;
                Some(EXTRA_WRONG_TYPE.to_string())
            } else {
                Some(EXTRA_SPURIOUS.to_string())
            }
        } else {
            golds
                .iter()
                .filter(|&&gi| a.gold[gi].type_ok(&p.event_type))
                .map(|&gi| slot_errors(&a.gold[gi], p))
                .min_by_key(|v| v.len())
                .map(|v| v.join(" + "))
        };
        s.in_gold.push(!golds.is_empty());
        s.pred_tuple_ok.push(!matches.is_empty());
        s.pred_type_ok.push(type_ok);
        s.pred_matches.push(matches);
        s.extra_class.push(class);
        s.extra_at.push(extra_at);
    }
    s.ranges = ranges;
    s.triggers = triggers;
    s
}

#[derive(Default, Clone, Copy)]
struct Pr {
    /// Predictions right / all.
    pred_ok: usize,
    pred: usize,
    /// Core gold matched / all.
    gold_hit: usize,
    gold: usize,
}

impl Pr {
    fn prf(&self) -> (f64, f64, f64) {
        // precision and recall have different numerators (predictions vs core gold events)
        let p = if self.pred == 0 { 0.0 } else { self.pred_ok as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.gold_hit as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// Totals over a set of articles.
#[derive(Default, Clone)]
pub struct Totals {
    pub articles: usize,
    pub gold: usize,
    pub core: usize,
    pub unfound: usize,
    pub preds: usize,
    pub preds_outside: usize,
    tuple: Pr,
    typ: Pr,
    per_type: BTreeMap<String, (Pr, Pr)>,
    pub matched: usize,
    pub date_n: usize,
    pub date_ok: usize,
    pub date_lenient: usize,
    pub date_none: usize,
    pub mode_ok: usize,
    pub status_ok: usize,
    pub miss_classes: BTreeMap<String, usize>,
    pub extra_classes: BTreeMap<String, usize>,
    /// (gold type, type predicted at its trigger) for missed core events of the wrong type.
    pub confusions: BTreeMap<(String, String), usize>,
}

/// Counts of each slot problem (classes joined by " + " are split), most frequent first.
fn problems(classes: &BTreeMap<String, usize>) -> String {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, n) in classes {
        if c.starts_with("actor") || c.starts_with("recipient") {
            for part in c.split(" + ") {
                *m.entry(part).or_default() += n;
            }
        }
    }
    let mut v: Vec<(&str, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let v: Vec<String> = v.iter().map(|(c, n)| format!("{c} {n}")).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

fn same_period(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a) || (a.len() >= 7 && b.len() >= 7 && a[..7] == b[..7])
}

impl Totals {
    pub fn add(&mut self, a: &NewsArticle, preds: &[Pred], s: &ArticleScore) {
        self.articles += 1;
        self.gold += a.gold.len();
        self.unfound += s.ranges.iter().filter(|r| r.is_none()).count();
        for (gi, g) in a.gold.iter().enumerate() {
            if !g.is_core() {
                continue;
            }
            self.core += 1;
            let pt = self.per_type.entry(g.plover_type.clone()).or_default();
            self.tuple.gold += 1;
            self.typ.gold += 1;
            pt.0.gold += 1;
            pt.1.gold += 1;
            if s.type_hit[gi] {
                self.typ.gold_hit += 1;
                pt.1.gold_hit += 1;
            }
            if let Some(k) = s.first_match[gi] {
                self.tuple.gold_hit += 1;
                pt.0.gold_hit += 1;
                self.matched += 1;
                let p = &preds[k];
                if p.mode.as_deref().unwrap_or("-") == g.mode.as_deref().unwrap_or("-") {
                    self.mode_ok += 1;
                }
                if Some(p.status.as_str()) == g.status.as_deref() {
                    self.status_ok += 1;
                }
                if let Some(gd) = g.gold_date() {
                    self.date_n += 1;
                    match p.date.as_deref() {
                        Some(pd) if pd == gd => {
                            self.date_ok += 1;
                            self.date_lenient += 1;
                        }
                        Some(pd) if same_period(pd, gd) => self.date_lenient += 1,
                        Some(_) => {}
                        None => self.date_none += 1,
                    }
                }
            }
            if let Some(c) = &s.miss_class[gi] {
                *self.miss_classes.entry(c.clone()).or_default() += 1;
            }
            let mut seen: Vec<&String> = Vec::new();
            for t in &s.miss_confusion[gi] {
                if !seen.contains(&t) {
                    seen.push(t);
                    *self.confusions.entry((g.plover_type.clone(), t.clone())).or_default() += 1;
                }
            }
        }
        for (k, p) in preds.iter().enumerate() {
            self.preds += 1;
            self.preds_outside += usize::from(!s.in_gold[k]);
            let pt = self.per_type.entry(p.event_type.clone()).or_default();
            self.tuple.pred += 1;
            self.typ.pred += 1;
            pt.0.pred += 1;
            pt.1.pred += 1;
            if s.pred_tuple_ok[k] {
                self.tuple.pred_ok += 1;
                pt.0.pred_ok += 1;
            }
            if s.pred_type_ok[k] {
                self.typ.pred_ok += 1;
                pt.1.pred_ok += 1;
            }
            if let Some(c) = &s.extra_class[k] {
                *self.extra_classes.entry(c.clone()).or_default() += 1;
            }
        }
    }

    /// (P, R, F1) on (actor, recipient, type).
    pub fn tuple_prf(&self) -> (f64, f64, f64) {
        self.tuple.prf()
    }
    /// (P, R, F1) on type alone.
    pub fn type_prf(&self) -> (f64, f64, f64) {
        self.typ.prf()
    }

    /// The readable summary.
    pub fn summary(&self, name: &str) -> String {
        let mut out = String::new();
        let pct = |x: f64| x * 100.0;
        let acc = |a: usize, n: usize| if n == 0 { 0.0 } else { 100.0 * a as f64 / n as f64 };
        let _ = writeln!(
            out,
            "== {name}: {} articles, {} gold events ({} core), {} predictions ({} outside any gold sentence)",
            self.articles, self.gold, self.core, self.preds, self.preds_outside
        );
        if self.unfound > 0 {
            let _ = writeln!(out, "   WARNING: {} gold sentences not found in their text", self.unfound);
        }
        for (label, c) in [("actor+recipient+type", self.tuple), ("type alone", self.typ)] {
            let (p, r, f) = c.prf();
            let _ = writeln!(
                out,
                "{label:<22} P {:5.1}  R {:5.1}  F1 {:5.1}   (right predictions {}/{}, core matched {}/{})",
                pct(p),
                pct(r),
                pct(f),
                c.pred_ok,
                c.pred,
                c.gold_hit,
                c.gold
            );
        }
        let _ = writeln!(
            out,
            "on {} matched core events: date {:.1}% exact, {:.1}% same period ({} with a gold date, {} without a predicted date)  mode {:.1}%  status {:.1}%",
            self.matched,
            acc(self.date_ok, self.date_n),
            acc(self.date_lenient, self.date_n),
            self.date_n,
            self.date_none,
            acc(self.mode_ok, self.matched),
            acc(self.status_ok, self.matched)
        );
        let _ = writeln!(out, "per type        gold  pred | tuple P     R    F1 | type  P     R    F1");
        for (t, (c1, c2)) in &self.per_type {
            let (p1, r1, f1) = c1.prf();
            let (p2, r2, f2) = c2.prf();
            let _ = writeln!(
                out,
                "  {t:<10} {:>6} {:>5} | {:7.1} {:5.1} {:5.1} | {:6.1} {:5.1} {:5.1}",
                c1.gold,
                c1.pred,
                pct(p1),
                pct(r1),
                pct(f1),
                pct(p2),
                pct(r2),
                pct(f2)
            );
        }
        fn sorted(m: &BTreeMap<String, usize>) -> Vec<(&String, &usize)> {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v
        }
        let _ = writeln!(
            out,
            "missed core events ({}), by cause (for wrong slots: the closest prediction of a right type):",
            self.miss_classes.values().sum::<usize>()
        );
        for (c, n) in sorted(&self.miss_classes) {
            let _ = writeln!(out, "  {n:>5}  {c}");
        }
        let _ = writeln!(out, "  slot problems among them (closest prediction of a right type): {}", problems(&self.miss_classes));
        if !self.confusions.is_empty() {
            let mut v: Vec<(&(String, String), &usize)> = self.confusions.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let v: Vec<String> = v.iter().map(|((g, p), n)| format!("{g}->{p} {n}")).collect();
            let _ = writeln!(out, "  wrong types (gold->predicted at its trigger): {}", v.join(", "));
        }
        let _ = writeln!(
            out,
            "wrong predictions ({}), by cause (for wrong slots: the closest gold event of a right type):",
            self.extra_classes.values().sum::<usize>()
        );
        for (c, n) in sorted(&self.extra_classes) {
            let _ = writeln!(out, "  {n:>5}  {c}");
        }
        let _ = writeln!(out, "  slot problems among them (closest gold event of a right type): {}", problems(&self.extra_classes));
        out
    }
}

/// What to report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `A`, `B`, or a file-name prefix; None: part A, part B and all.
    pub part: Option<String>,
    /// Append the per-sentence error dump.
    pub misses: bool,
    /// In the dump, show every annotated or predicted sentence, not only those with errors.
    pub all_sentences: bool,
}

/// File-name prefix of a part: `A` -> `dA-`, `B` -> `dv-b`, anything else is itself a prefix.
pub fn part_prefix(part: &str) -> String {
    match part {
        "A" | "a" => "dA-".into(),
        "B" | "b" => "dv-b".into(),
        p => p.into(),
    }
}

/// An article of the set with its file name (stem).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub name: String,
    pub article: NewsArticle,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError {
    let path = path.display().to_string();
    move |e| EvalError::Io { path, source: e }
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    Ok(v)
}

/// Whether `path` holds the JSON article format: a `.json` file, a directory of them, or a
/// directory with an `articles/` subdirectory of them.
pub fn is_news_format(path: &Path) -> bool {
    if path.is_file() {
        return path.extension().is_some_and(|x| x == "json");
    }
    let dir = if path.join("articles").is_dir() { path.join("articles") } else { path.to_path_buf() };
    json_files(&dir).is_ok_and(|v| !v.is_empty())
}

/// Load the articles of a `.json` file, a directory of them, or a directory with `articles/`.
pub fn load_articles(path: &Path) -> Result<Vec<Loaded>, EvalError> {
    let files = if path.is_file() {
        vec![path.to_path_buf()]
    } else if path.join("articles").is_dir() {
        json_files(&path.join("articles"))?
    } else {
        json_files(path)?
    };
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(io(&f))?;
        let article: NewsArticle = serde_json::from_str(&text).map_err(|e| EvalError::Format {
            location: f.display().to_string(),
            message: e.to_string(),
        })?;
        let name = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        out.push(Loaded { name, article });
    }
    Ok(out)
}

/// The pipeline's input for an annotated article.
pub fn to_article(a: &NewsArticle) -> Article {
    Article {
        id: a.id.clone(),
        url: a.url.clone(),
        title: a.title.clone(),
        date: a.publication_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        source: a.outlet.clone(),
        text: a.text.clone(),
        ..Default::default()
    }
}

/// Run the pipeline over the articles (in parallel) and return their predictions.
pub fn predict(pipeline: &Pipeline, articles: &[Loaded]) -> Vec<Vec<Pred>> {
    let docs = pipeline.run_batch(articles.iter().map(|l| to_article(&l.article)).collect());
    docs.iter().map(preds_of).collect()
}

fn who(country: Option<&str>, text: Option<&str>, guess: Option<&str>) -> String {
    match text {
        None => "-".into(),
        Some(t) => {
            let guess = guess.map(|g| format!("~{g}")).unwrap_or_default();
            format!("{}{guess}({t})", country.unwrap_or("?"))
        }
    }
}

fn gold_who(g: Option<&GoldActor>) -> String {
    match g {
        None => "-".into(),
        Some(a) => {
            let mut s = format!("{}({})", a.country.as_deref().unwrap_or("?"), a.text.as_deref().unwrap_or(""));
            if !a.accept.is_empty() {
                let acc: Vec<&str> = a.accept.iter().map(|x| x.as_deref().unwrap_or("null")).collect();
                let _ = write!(s, "[or {}]", acc.join("|"));
            }
            s
        }
    }
}

fn short(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{t}…")
    }
}

/// The per-sentence error dump of one article.
pub fn dump_article(l: &Loaded, preds: &[Pred], s: &ArticleScore, all: bool) -> String {
    let a = &l.article;
    // sentence ranges: gold ones, then griot sentences of predictions in no gold sentence
    let mut sentences: Vec<(usize, usize)> = s.ranges.iter().flatten().copied().collect();
    for (k, p) in preds.iter().enumerate() {
        if !s.in_gold[k] {
            sentences.push(p.sentence);
        }
    }
    sentences.sort();
    sentences.dedup();
    let mut out = String::new();
    for r in sentences {
        let golds: Vec<usize> = (0..a.gold.len()).filter(|&gi| s.ranges[gi] == Some(r)).collect();
        let ps: Vec<usize> = (0..preds.len())
            .filter(|&k| if s.in_gold[k] { within(Some(r), &preds[k]) } else { preds[k].sentence == r })
            .collect();
        let errors = golds.iter().any(|&gi| s.miss_class[gi].is_some())
            || ps.iter().any(|&k| s.extra_class[k].is_some());
        if !all && !errors {
            continue;
        }
        let _ = writeln!(out, "  S {}..{} {:?}", r.0, r.1, short(a.text.get(r.0..r.1).unwrap_or(""), 400));
        for &gi in &golds {
            let g = &a.gold[gi];
            let mark = if s.tuple_hit[gi] {
                "ok  ".to_string()
            } else if g.is_core() {
                "MISS".to_string()
            } else {
                "-   ".to_string()
            };
            let mut types = g.plover_type.clone();
            if !g.accept_types.is_empty() {
                let _ = write!(types, "[or {}]", g.accept_types.join("|"));
            }
            let _ = write!(
                out,
                "    gold#{gi:<3} {mark} {:<4} {types} {} -> {} {:?} {} date={}",
                g.kind(),
                gold_who(g.actor.as_ref()),
                gold_who(g.recipient.as_ref()),
                g.trigger,
                g.status.as_deref().unwrap_or("-"),
                g.gold_date().unwrap_or("-")
            );
            if let Some(c) = &s.miss_class[gi] {
                let _ = write!(out, "  <- {c}");
            }
            out.push('\n');
        }
        for &k in &ps {
            let p = &preds[k];
            let mark = if s.pred_tuple_ok[k] { "ok  " } else { "BAD " };
            let _ = write!(
                out,
                "    pred     {mark} {}{} {} -> {} {:?} {} date={} rule={}",
                p.event_type,
                p.mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default(),
                who(p.actor.as_deref(), p.actor_text.as_deref(), p.actor_guess.as_deref()),
                who(p.recipient.as_deref(), p.recipient_text.as_deref(), p.recipient_guess.as_deref()),
                p.trigger,
                p.status,
                p.date.as_deref().unwrap_or("-"),
                p.rule
            );
            if !s.pred_matches[k].is_empty() {
                let m: Vec<String> = s.pred_matches[k].iter().map(|g| format!("#{g}")).collect();
                let _ = write!(out, "  = gold {}", m.join(","));
            } else if let Some(c) = &s.extra_class[k] {
                let _ = write!(out, "  <- {c}");
                if let Some(gi) = s.extra_at[k] {
                    let _ = write!(out, " #{gi}");
                }
            }
            out.push('\n');
        }
    }
    if out.is_empty() {
        return out;
    }
    format!(
        "=== {} [{}] {:?} ({})\n{out}",
        l.name,
        a.outlet.as_deref().unwrap_or("-"),
        a.title.as_deref().unwrap_or(""),
        a.publication_date.as_deref().unwrap_or("-")
    )
}

/// Report on articles with their predictions: part A, part B and all, or the part asked for;
/// with the error dump when asked.
pub fn report(articles: &[Loaded], preds: &[Vec<Pred>], opts: &Options) -> String {
    let scores: Vec<ArticleScore> =
        articles.iter().zip(preds).map(|(l, p)| score_article(&l.article, p)).collect();
    let parts: Vec<(String, String)> = match &opts.part {
        Some(p) => vec![(format!("part {p}"), part_prefix(p))],
        None => {
            let mut v = Vec::new();
            for p in ["A", "B"] {
                let pre = part_prefix(p);
                if articles.iter().any(|l| l.name.starts_with(&pre)) {
                    v.push((format!("part {p} ({pre}*)"), pre));
                }
            }
            v.push(("all".into(), String::new()));
            v
        }
    };
    let mut out = String::new();
    if opts.misses {
        let pre = opts.part.as_deref().map(part_prefix).unwrap_or_default();
        for ((l, p), s) in articles.iter().zip(preds).zip(&scores) {
            if l.name.starts_with(&pre) {
                out.push_str(&dump_article(l, p, s, opts.all_sentences));
            }
        }
        out.push('\n');
    }
    for (name, pre) in parts {
        let mut t = Totals::default();
        for ((l, p), s) in articles.iter().zip(preds).zip(&scores) {
            if l.name.starts_with(&pre) {
                t.add(&l.article, p, s);
            }
        }
        out.push_str(&t.summary(&name));
        out.push('\n');
    }
    out
}

/// Run the set at `path` through the pipeline and report (part A, part B and all).
pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    evaluate_with(pipeline, path, &Options::default())
}

/// Run the set at `path` through the pipeline and report as `opts` says.
pub fn evaluate_with(pipeline: &Pipeline, path: &Path, opts: &Options) -> Result<String, EvalError> {
    let mut articles = load_articles(path)?;
    if let Some(p) = &opts.part {
        let pre = part_prefix(p);
        articles.retain(|l| l.name.starts_with(&pre));
    }
    if articles.is_empty() {
        return Err(EvalError::Format {
            location: path.display().to_string(),
            message: "no annotated articles (*.json) found, or none in the part asked for".into(),
        });
    }
    let preds = predict(pipeline, &articles);
    Ok(report(&articles, &preds, opts))
}
