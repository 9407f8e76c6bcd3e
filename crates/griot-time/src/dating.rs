//! Event dating: which temporal expression governs an event.
//!
//! Heuristics, in order (no parser; clauses are approximated by segments between commas,
//! semicolons, colons, dashes and brackets inside the sentence):
//! 1. A date in the trigger's own segment, not inside a relative clause ("which/who/whom/
//!    whose/where ...") that the trigger is outside of; the nearest one after the trigger
//!    first ("revoked ... on Saturday", "departed Niger in December"), else the nearest one
//!    before it ("seizure of power last July").
//! 2. A participial or relative segment right after the trigger's segment, when the trigger
//!    ends that segment: it modifies the trigger ("The announcement, made on Saturday,").
//!    Such a segment after any other noun modifies that noun and dates nothing else.
//! 3. A fronted date: a first segment that holds only a date ("Last December, ...").
//! 4. A date in a reporting segment of the same sentence ("..., officials said on Friday").
//! 5. The next sentence starts with a definite anaphoric noun ("The announcement", "This
//!    decision", "The move", ...) that rules 1-2 date: that date carries back to the events
//!    of this sentence.
//! 6. The publication date (`time: None`).
//!
//! Durations, sets and PRESENT_REF/PAST_REF/FUTURE_REF never date an event.
//! Known misses: two clauses joined by "and" without a comma share one segment; a date in
//! an unmarked reduced relative clause ("troops deployed in 2016 left") is taken.

use griot_text::{Doc, Event, EventDate, Precision, Span, TimeExpr, TimeId, TimeType};

use crate::lex::{tokenize_into, Kw, Lex, Tok, TokKind};
use crate::resolve::fmt_day;
use crate::sentence_ranges;

const ANAPHORIC_NOUNS: &[&str] = &[
    "announcement", "decision", "move", "statement", "attack", "meeting", "visit", "agreement", "talks", "deal",
    "ruling", "order", "raid", "strike", "incident", "clash", "clashes", "vote", "withdrawal", "declaration", "step",
    "bombing", "explosion", "protest", "protests", "arrest", "arrests", "decree", "revocation", "accord", "summit",
    "offensive", "operation", "ban", "sanctions", "killing", "killings", "shooting", "assault", "ambush", "call",
    "remarks", "comments", "speech", "pact", "treaty", "ceasefire", "truce", "election", "referendum", "coup",
];

fn datable(t: &TimeExpr) -> bool {
    matches!(t.kind, TimeType::Date | TimeType::Time) && !t.value.ends_with("_REF")
}

fn is_segment_break(t: &Tok) -> bool {
    matches!(t.kind, TokKind::Punct(',' | ';' | ':' | '(' | ')' | '—' | '–'))
}

fn starts_modifier(t: &Tok) -> bool {
    t.ed || matches!(t.lex, Lex::Kw(Kw::PastVerb) | Lex::Kw(Kw::Relativizer))
}

/// Segments of a sentence's tokens `[lo, hi)`: token index -> segment number.
struct Segments {
    lo: usize,
    seg: Vec<u32>,
    /// First token of each segment.
    first: Vec<usize>,
    /// Token ranges `[a, b)` of relative clauses.
    relatives: Vec<(usize, usize)>,
}

impl Segments {
    fn new(toks: &[Tok], lo: usize, hi: usize) -> Segments {
        let mut seg = Vec::with_capacity(hi - lo);
        let mut first = vec![lo];
        let mut n = 0u32;
        for (k, t) in toks[lo..hi].iter().enumerate() {
            if is_segment_break(t) {
                seg.push(n);
                n += 1;
                first.push(lo + k + 1);
            } else {
                seg.push(n);
            }
        }
        let mut relatives = Vec::new();
        for k in lo..hi {
            if toks[k].lex == Lex::Kw(Kw::Relativizer) && k > lo {
                let mut e = k + 1;
                while e < hi && !is_segment_break(&toks[e]) {
                    e += 1;
                }
                relatives.push((k, e));
            }
        }
        Segments { lo, seg, first, relatives }
    }
    fn of(&self, k: usize) -> u32 {
        self.seg.get(k - self.lo).copied().unwrap_or(u32::MAX)
    }
    fn in_relative(&self, k: usize) -> Option<(usize, usize)> {
        self.relatives.iter().copied().find(|&(a, b)| a <= k && k < b)
    }
}

/// Token index at byte offset `pos` (the token starting at or containing it).
fn tok_at(toks: &[Tok], pos: usize) -> usize {
    let i = toks.partition_point(|t| t.end <= pos);
    i.min(toks.len().saturating_sub(1))
}

/// The expression governing the phrase at `trigger` within sentence `[lo, hi)`.
fn governing(doc: &Doc, toks: &[Tok], lo: usize, hi: usize, trigger: Span, allow_fronted: bool) -> Option<usize> {
    if toks.is_empty() || lo >= hi {
        return None;
    }
    let segs = Segments::new(toks, lo, hi);
    let tk = tok_at(toks, trigger.start).clamp(lo, hi - 1);
    let tk_end = tok_at(toks, trigger.end.saturating_sub(1)).clamp(tk, hi - 1);
    let tseg = segs.of(tk);
    let trel = segs.in_relative(tk);
    let sent_span = Span::new(toks[lo].start, toks[hi - 1].end);
    let cands: Vec<(usize, usize, usize)> = doc
        .times
        .iter()
        .enumerate()
        .filter(|(_, t)| datable(t) && sent_span.contains(t.span) && !t.span.overlaps(trigger))
        .map(|(id, t)| {
            let a = tok_at(toks, t.span.start).clamp(lo, hi - 1);
            let b = tok_at(toks, t.span.end.saturating_sub(1)).clamp(a, hi - 1);
            (id, a, b)
        })
        .collect();
    let excluded = |a: usize| match segs.in_relative(a) {
        Some(r) => trel != Some(r),
        None => false,
    };
    // 1. same segment: nearest after, else nearest before
    let mut after: Option<(usize, usize)> = None;
    let mut before: Option<(usize, usize)> = None;
    for &(id, a, b) in &cands {
        if segs.of(a) != tseg || excluded(a) {
            continue;
        }
        if a > tk_end {
            let d = a - tk_end;
            if after.is_none_or(|(_, bd)| d < bd) {
                after = Some((id, d));
            }
        } else if b < tk {
            let d = tk - b;
            if before.is_none_or(|(_, bd)| d < bd) {
                before = Some((id, d));
            }
        }
    }
    if let Some((id, _)) = after.or(before) {
        return Some(id);
    }
    // 2. a modifier segment right after the trigger's segment, trigger at its end
    let next_first = segs.first.get(tseg as usize + 1).copied();
    if let Some(nf) = next_first {
        let seg_end = nf - 1; // the break token
        let trigger_ends_segment = toks.get(tk_end + 1..seg_end).is_some_and(|rest| rest.iter().all(|t| t.kind != TokKind::Word));
        if nf < hi && trigger_ends_segment && starts_modifier(&toks[nf]) {
            let s = segs.of(nf);
            if let Some(&(id, _, _)) = cands.iter().filter(|&&(_, a, _)| segs.of(a) == s).min_by_key(|&&(_, a, _)| a) {
                return Some(id);
            }
        }
    }
    // 3. fronted date: the first segment is a date with at most a preposition
    if allow_fronted && tseg > 0 && segs.first.len() > 1 {
        let end0 = segs.first[1] - 1;
        for &(id, a, b) in &cands {
            if segs.of(a) == 0 && b + 1 == end0 && a <= lo + 1 {
                return Some(id);
            }
        }
    }
    // 4. a reporting segment: "..., officials said on Friday."
    for &(id, a, _) in &cands {
        let s = segs.of(a);
        if s == tseg || excluded(a) {
            continue;
        }
        let from = segs.first.get(s as usize).copied().unwrap_or(lo);
        let to = segs.first.get(s as usize + 1).copied().unwrap_or(hi);
        let reporting = toks[from..to].iter().any(|t| {
            let w = doc.text().get(t.start..t.end).unwrap_or("");
            matches!(w, "said" | "says" | "told" | "announced" | "reported" | "stated" | "confirmed")
        });
        let modifier = toks.get(from).is_some_and(starts_modifier);
        if reporting && !modifier {
            return Some(id);
        }
    }
    None
}

/// The anaphoric noun starting sentence `[lo, hi)`, if any: "The announcement", "This move".
fn anaphoric_head(doc: &Doc, toks: &[Tok], lo: usize, hi: usize) -> Option<Span> {
    let first = toks.get(lo)?;
    let w = doc.text().get(first.start..first.end).unwrap_or("");
    if !matches!(w, "The" | "This" | "That" | "These" | "Those" | "Its" | "Their" | "Such") {
        return None;
    }
    for t in &toks[lo + 1..(lo + 4).min(hi)] {
        if t.kind != TokKind::Word {
            return None;
        }
        let w = doc.text().get(t.start..t.end).unwrap_or("");
        if ANAPHORIC_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            // a noun followed by "of"/"by" names a new happening ("The attack by rebels")
            return Some(Span::new(t.start, t.end));
        }
    }
    None
}

fn from_time(doc: &Doc, id: usize) -> EventDate {
    let t = &doc.times[id];
    EventDate { value: t.value.clone(), precision: t.precision, time: Some(TimeId(id as u32)) }
}

pub fn date_event(doc: &Doc, event: &Event) -> Option<EventDate> {
    let text = doc.text();
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, 0, text.len(), &mut toks);
    let ranges = sentence_ranges(doc, &toks);
    let pos = event.trigger.start;
    let si = ranges.iter().position(|&(lo, hi)| lo < hi && toks[lo].start <= pos && pos < toks[hi - 1].end.max(toks[lo].start + 1));
    if let Some(si) = si {
        let (lo, hi) = ranges[si];
        if let Some(id) = governing(doc, &toks, lo, hi, event.trigger, true) {
            return Some(from_time(doc, id));
        }
        // 5. the next sentence starts with an anaphoric noun that has its own date
        if let Some(&(nlo, nhi)) = ranges.get(si + 1) {
            if let Some(head) = anaphoric_head(doc, &toks, nlo, nhi) {
                if let Some(id) = governing(doc, &toks, nlo, nhi, head, false) {
                    return Some(from_time(doc, id));
                }
            }
        }
    }
    doc.article.date.map(|d| EventDate { value: fmt_day(d), precision: Precision::Day, time: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{find_dates, TimeOptions};
    use griot_text::{split_sentences, Article, EventStatus, Origin, SentenceId};

    fn event(text: &str, trigger: &str, nth: usize) -> Event {
        let start = text.match_indices(trigger).nth(nth).map(|(i, _)| i).expect("trigger in text");
        Event {
            sentence: SentenceId(0),
            trigger: Span::new(start, start + trigger.len()),
            event_type: "TEST".into(),
            mode: None,
            context: vec![],
            cameo: None,
            actor: None,
            recipient: None,
            date: None,
            location: None,
            status: EventStatus::Asserted,
            statement: None,
            sizes: vec![],
            evidence: vec![],
            origin: Origin::new("test", "test"),
        }
    }

    fn check(text: &str, trigger: &str, expected: Option<&str>) {
        let mut a = Article::from_text("t", text);
        a.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
        let mut doc = Doc::new(a);
        doc.sentences = split_sentences(doc.text());
        doc.times = find_dates(&doc, &TimeOptions::default()).0;
        let d = date_event(&doc, &event(text, trigger, 0)).expect("a date");
        match expected {
            Some(v) => {
                assert_eq!(d.value, v, "{text} / {trigger}");
                assert!(d.time.is_some());
            }
            None => {
                assert_eq!(d.value, "2024-03-17", "{text} / {trigger}");
                assert!(d.time.is_none());
            }
        }
    }

    #[test]
    fn dates_from_the_clause() {
        check("The junta revoked the pact on Saturday.", "revoked", Some("2024-03-16"));
        check("French troops departed Niger in December, ending their mission.", "departed", Some("2023-12"));
        check("Last December, the prime minister engaged in discussions in Moscow.", "discussions", Some("2023-12"));
        check("The seizure of power last July was condemned.", "seizure", Some("2023-07"));
    }

    #[test]
    fn relative_clause_dates_another_noun() {
        check("Rebels, who seized the town in 2016, attacked a base.", "attacked", None);
        check("The army attacked rebels who seized the town in 2016.", "attacked", None);
    }

    #[test]
    fn anaphoric_next_sentence() {
        check("The junta revoked a military pact. The announcement, made on Saturday, surprised many.", "revoked", Some("2024-03-16"));
        check("The junta revoked a military pact. Officials met on Saturday.", "revoked", None);
    }

    #[test]
    fn durations_do_not_date() {
        check("Troops left after a three-day visit.", "left", None);
    }
}
