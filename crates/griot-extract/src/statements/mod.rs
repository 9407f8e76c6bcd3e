//! Statements and quotes: who said what.
//!
//! Owns [`find_statements`]: direct quotations with their speaker and cue verb, and
//! reported (indirect) speech. It reads the tokens, sentences, times and mentions already
//! on the [`Doc`]; it does not code events and does not resolve coreference itself (it
//! points at the mention the actor stage made, pronouns included; `Doc::resolve` follows
//! the chain).
//!
//! ```
//! use griot_extract::find_statements;
//! use griot_text::{split_sentences, tokenize, Article, Doc, StatementKind};
//! let mut doc = Doc::new(Article::from_text("a", "“We will leave,” the minister said."));
//! doc.sentences = split_sentences(doc.text());
//! doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
//! let s = &find_statements(&doc)[0];
//! assert_eq!(s.kind, StatementKind::Direct);
//! assert_eq!(doc.slice(s.content), "We will leave");
//! assert_eq!(doc.slice(s.speaker_span.unwrap()), "the minister");
//! ```
//!
//! Direct statements (rule ids): a quotation with its attribution after it (`“...,” he
//! said`, `“...,” said X`, `"..." He said.` in the next sentence, `“...,” X, a lawyer for
//! the club, who ..., said` with the appositions in the speaker phrase, `“...” ― Pamela
//! Padilla` closing a line: `quote_after`), before it (`X said: “...”`, `X told reporters
//! “...”`: `quote_before`), a partial quote inside a clause whose verb is a cue (`called the
//! move “illegal”`: `quote_partial`), a transcript label (`"WALLACE: ...`, where two
//! paragraphs or more open with one: `quote_label`, and `transcript` for a paragraph
//! without quotation marks), a quote with no attribution that continues an attributed one
//! in the same or the next paragraph (`quote_continued`: it takes the speaker phrase and
//! mention of the quote it continues, though the phrase lies outside its span), or a long
//! unattributed quote (six words or more, `quote_unattributed`, speaker None). Quotes are
//! paired over the whole text, so a quote may span sentences; a quote left open at a
//! paragraph end closes there (the newspaper convention for multi-paragraph quotes). Inner
//! quotes (‘...’ inside “...”) stay inside the outer one. `content` is the words between
//! the marks, without a trailing comma; a quote that closes a clause of the speaker's own
//! ("However laudable the goal, using the tax “is a misguided approach,” Burman said") is
//! reported with the clause. A quote inside a clause reported by a cue ("said that Clinton
//! was “the worst” candidate", "said he would “fix it”") is no statement of its own: the
//! indirect statement holds it.
//!
//! Indirect statements: a cue verb (see [`cues`]) with a that-clause (`cue_that`: "declared
//! on national television that ..."), a SAY verb with a bare clause (`cue_clause`: "said on
//! Tuesday the government would ..."; "say" takes any object: "said as much"), a THINK verb
//! with a bare clause that has a finite verb ("believes his efforts will be ..."), an
//! EVIDENCE verb whose subject is a poll, study or document (`cue_evidence`: "A new poll
//! shows Clinton leading"), a WANT verb or "hope"/"expect" with an infinitive
//! (`cue_infinitive`: "wants to triple the programme"), "called for" / "called on"
//! (`call_for`), an attribution at the end (`cue_final`: "..., the minister said."),
//! `according to X` (`according_to`), a REPORT verb with an object when the subject is an
//! actor (`cue_object`: "Miller acknowledged the statement and indicated ongoing
//! discussions ..."), a participle of "say" after a comma (`cue_participle`: "Obama spoke
//! at the museum, saying ..."), a passive report with no speaker (`cue_passive`: "it was
//! announced that ..."), and headlines (`headline_says`: "Lindsey Graham Says Trump
//! Could ..."; `headline_label`: "Pat Caddell: Democrat Voters Worried ..."; a place or an
//! all-capitals label is a dateline). Content runs to the end of the sentence, but stops
//! before a quote already taken by a direct statement and before ", but" or ";" (for
//! `cue_object`, also before a following ", <verb>-ing" clause); a cue verb coordinated with
//! an earlier one ("... and indicated") belongs to the first statement. EVAL verbs
//! (criticise, denounce, rebuke, ...) make a statement only with a that-clause or
//! quotation: they are events, and their object is not speech content. Commitments with an
//! infinitive ("agreed to cease hostilities", "vowed to retaliate") make no statement
//! either: they are events, and what they commit to is planned, not reported. Participles
//! ("alleging ...") make no statement of their own except with a that-clause or a "say"
//! clause after a comma ("..., adding that ...", "..., arguing that ..."), unless an earlier
//! cue of the sentence (an evaluative verb) owns them.
//!
//! Speaker: the subject noun phrase before the cue (with an apposition: "Colonel Amadou
//! Abdramane, Niger’s military spokesperson, declared"; a party label: "Sen. David Perdue
//! (R-Ga.)"; a relative clause: "Mr. Schultz, who left in 2015, said"), the phrase after it
//! ("said Col. Abdramane"), a relative "who" ("..., who said": the phrase is "who", the
//! mention the antecedent's), the subject of the sentence for "..., and said ..." and
//! participles (the statement's span then leaves out the words between, so that the events
//! there are not inside it), or the previous speaker of the sentence. `speaker` is the mention
//! overlapping `speaker_span`, preferring a person, then the longest; a pronoun mention when
//! the actor stage made one. "May" and "Will" after a capitalised word are names ("Mrs
//! May said"), not the modal or the month.
//!
//! Known misses (PolNeAR dev, 4 December 2026: content found 50%, speaker right when found
//! 88%; "say" and "tell" 82% speaker->quote, other cues 22%): most of the 1,097 missed
//! attributions have cues of one or two occurrences (887 distinct
//! cue phrases among the misses: "railed against", "made little secret of", "is casting
//! himself as"), nominal cues ("the claim that", "his decision to"), attributions in the
//! middle of a long quote with a second speaker; passive reports other than "it was ...
//! that" ("a curfew was announced", "X is expected to"); partial quotes whose gold content is the whole object ("called Wells Fargo's behavior
//! “outrageous”" gives only the quote).

pub mod cues;

use std::borrow::Cow;

use griot_text::{
    split_sentences, tokenize_into, Doc, MentionId, MentionKind, Origin, Sentence, Span, Statement, StatementKind,
    Token, TokenKind,
};

use cues::{CueClass, Form};

/// Statements in the order of their spans.
pub fn find_statements(doc: &Doc) -> Vec<Statement> {
    let text = doc.text();
    let sentences: Cow<[Sentence]> =
        if doc.sentences.is_empty() { Cow::Owned(split_sentences(text)) } else { Cow::Borrowed(&doc.sentences) };
    let tokens: Cow<[Token]> = if doc.tokens.is_empty() {
        let mut v = Vec::new();
        for s in sentences.iter() {
            tokenize_into(text, s.span, &mut v);
        }
        Cow::Owned(v)
    } else {
        Cow::Borrowed(&doc.tokens)
    };
    let mut times: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
    times.sort();
    let mut mentions: Vec<(Span, u32)> = doc.mentions.iter().enumerate().map(|(i, m)| (m.span, i as u32)).collect();
    mentions.sort();
    // Sentence of each token and paragraph of each sentence.
    let mut sent_of = vec![u32::MAX; tokens.len()];
    let mut ranges = Vec::with_capacity(sentences.len());
    for (si, s) in sentences.iter().enumerate() {
        let a = tokens.partition_point(|t| t.span.start < s.span.start);
        let b = tokens.partition_point(|t| t.span.start < s.span.end);
        for x in sent_of.iter_mut().take(b).skip(a) {
            *x = si as u32;
        }
        ranges.push((a, b));
    }
    let mut para = Vec::with_capacity(sentences.len());
    let mut p = 0u32;
    for (si, s) in sentences.iter().enumerate() {
        if si > 0 {
            let gap = text.get(sentences[si - 1].span.end..s.span.start).unwrap_or("");
            if gap.matches('\n').count() >= 2 {
                p += 1;
            }
        }
        para.push(p);
    }
    let mut cx = Cx { doc, text, toks: &tokens, times: &times, mentions: &mentions, sent_of: &sent_of, ranges: &ranges, para: &para, labels: &[] };
    // Transcript labels ("WALLACE:", "PENCE:") count when two paragraphs or more open with
    // one; a single label is a dateline ("DUBAI: Saudi Arabia ...") or a heading.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for si in 0..ranges.len() {
        if si > 0 && para[si] == para[si - 1] {
            continue;
        }
        let (a, b) = ranges[si];
        let a = if a < b && tokens[a].kind == TokenKind::Quote { a + 1 } else { a };
        if let Some((x, y)) = speaker_label(&cx, a, b) {
            let l = cx.span(x, y).text(text).to_string();
            match seen.iter_mut().find(|(s, _)| *s == l) {
                Some(e) => e.1 += 1,
                None => seen.push((l, 1)),
            }
        }
    }
    let total: usize = seen.iter().map(|(_, n)| n).sum();
    let labels: Vec<String> = if total >= 2 { seen.into_iter().map(|(s, _)| s).collect() } else { Vec::new() };
    cx.labels = &labels;
    let cx = cx;
    let quotes = pair_quotes(&cx);
    let mut used = vec![false; tokens.len()];
    let mut out: Vec<Statement> = Vec::new();
    direct(&cx, &quotes, &mut used, &mut out);
    labelled(&cx, &mut used, &mut out);
    for si in 0..ranges.len() {
        indirect(&cx, si, &quotes, &mut used, &mut out);
    }
    out.sort_by_key(|s| (s.span.start, s.span.end));
    out
}

struct Cx<'a> {
    doc: &'a Doc,
    text: &'a str,
    toks: &'a [Token],
    times: &'a [Span],
    mentions: &'a [(Span, u32)],
    sent_of: &'a [u32],
    ranges: &'a [(usize, usize)],
    para: &'a [u32],
    /// Speaker labels that open two paragraphs or more (see [`speaker_label`]).
    labels: &'a [String],
}

fn lower<'b>(w: &str, buf: &'b mut [u8; 24]) -> &'b str {
    if w.len() > buf.len() || !w.is_ascii() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).unwrap_or("")
}

impl<'a> Cx<'a> {
    fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.span.text(self.text)).unwrap_or("")
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn sent(&self, i: usize) -> usize {
        self.sent_of.get(i).copied().unwrap_or(u32::MAX) as usize
    }
    fn cue(&self, i: usize) -> Option<cues::Cue> {
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        let mut buf = [0u8; 24];
        let c = cues::lookup(lower(self.s(i), &mut buf))?;
        // "US State Department", "Dalton Promised": a capitalised cue inside a sentence is a
        // name or a headline word.
        if capitalised(self.s(i)) {
            let sent_start = self.ranges.get(self.sent(i)).map_or(i, |r| r.0);
            if i > sent_start {
                return None;
            }
        }
        // "the committee report faulted": a base form needs a plural or pronoun subject,
        // a modal or an auxiliary before it ("officials say", "they claim", "will announce").
        if c.form == Form::Base && i > 0 {
            let mut b2 = [0u8; 24];
            let prev = lower(self.s(i - 1), &mut b2);
            let ok = matches!(prev, "i" | "we" | "you" | "they" | "not" | "will" | "would" | "could" | "can" | "may" | "might" | "should" | "must" | "did" | "do" | "does" | "also" | "often" | "still" | "now" | "people" | "police" | "men" | "women" | "n't" | "n’t")
                || (prev.ends_with('s') && !prev.ends_with("ss") && prev.len() > 3)
                // "Mr. Grassley and Mr. Leahy say", "supporters in Congress say"
                || (capitalised(self.s(i - 1)) && (i.saturating_sub(6)..i - 1).any(|j| self.is(j, "and") || self.toks.get(j).is_some_and(|t| t.span.text(self.text).ends_with('s') && t.kind == TokenKind::Word && !capitalised(t.span.text(self.text)))));
            if !ok {
                return None;
            }
        }
        // "the claims", "his comments": a noun, not a verb.
        if i > 0 && matches!(c.form, Form::ThirdSg | Form::Base) {
            let mut b2 = [0u8; 24];
            let prev = lower(self.s(i - 1), &mut b2);
            if is_determiner(prev) || prev == "’s" || prev == "'s" || prev == "of" {
                return None;
            }
        }
        Some(c)
    }
    fn in_time(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        let k = self.times.partition_point(|s| s.end <= t.span.start);
        self.times.get(k).is_some_and(|s| s.start <= t.span.start && t.span.end <= s.end)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        // tokens a..b (exclusive), b > a
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
    /// The mention for a speaker phrase; for a relative "who", the mention just before it
    /// ("Mr. Schultz, who said").
    fn speaker_for(&self, sp: Span) -> Option<MentionId> {
        if sp.text(self.text).eq_ignore_ascii_case("who") {
            let i = self.toks.partition_point(|t| t.span.start < sp.start);
            let mut j = i;
            if j > 0 && self.s(j - 1) == "," {
                j -= 1;
            }
            if j > 0 {
                return self.speaker_mention(self.toks[j - 1].span);
            }
            return None;
        }
        self.speaker_mention(sp)
    }
    /// The mention for a speaker phrase: a person first, then the longest.
    fn speaker_mention(&self, sp: Span) -> Option<MentionId> {
        let lo = self.mentions.partition_point(|(s, _)| s.end <= sp.start.saturating_sub(300));
        let mut best: Option<((bool, bool, usize), u32)> = None;
        for &(s, id) in &self.mentions[lo..] {
            if s.start >= sp.end {
                break;
            }
            if !s.overlaps(sp) {
                continue;
            }
            let Some(m) = self.doc.mentions.get(id as usize) else { continue };
            let key = (m.kind != MentionKind::Place, m.kind == MentionKind::Person, s.len());
            if best.none_or_lt(key) {
                best = Some((key, id));
            }
        }
        best.map(|b| MentionId(b.1))
    }
}

trait BestKey<K> {
    fn none_or_lt(&self, k: K) -> bool;
}

impl<K: PartialOrd> BestKey<K> for Option<(K, u32)> {
    fn none_or_lt(&self, k: K) -> bool {
        match self {
            None => true,
            Some((b, _)) => k > *b,
        }
    }
}

fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "these" | "those" | "this" | "that" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "such" | "any" | "no" | "some" | "many" | "several" | "two" | "three" | "further" | "new" | "recent" | "earlier" | "latest")
}

// ---------------------------------------------------------------------------------------
// Quotes

#[derive(Debug, Clone, Copy)]
struct Quote {
    /// Token index of the opening mark.
    open: usize,
    /// Token index of the closing mark; None when it closes at a paragraph end.
    close: Option<usize>,
    /// One past the last token inside.
    inner_end: usize,
}

#[derive(PartialEq, Clone, Copy)]
enum Mark {
    Open,
    Close,
    Either,
}

/// Whether the text before `start` and after `end` is a space (or a bracket or dash
/// before, a punctuation mark after): what tells an opening straight quote from a closing one.
fn spacing(cx: &Cx, start: usize, end: usize) -> (bool, bool) {
    let before = start == 0 || cx.text[..start].chars().next_back().is_none_or2(|c| c.is_whitespace() || "([{—–-".contains(c));
    let after = cx.text[end..].chars().next().is_none_or2(|c| c.is_whitespace() || ",.;:!?)]—–-".contains(c));
    (before, after)
}

/// The direction of a quote mark that looks the same both ways, from its spacing.
fn direction((before_space, after_space): (bool, bool)) -> Mark {
    if before_space && !after_space {
        Mark::Open
    } else if after_space && !before_space {
        Mark::Close
    } else {
        Mark::Either
    }
}

/// Two apostrophes or two backticks side by side standing for one double quote mark, with
/// its direction (backticks open; apostrophes by the spaces around the pair).
fn doubled_mark(cx: &Cx, i: usize) -> Option<Mark> {
    let (a, b) = (cx.toks.get(i)?, cx.toks.get(i + 1)?);
    if b.kind != TokenKind::Quote || a.span.end != b.span.start {
        return None;
    }
    match (cx.s(i), cx.s(i + 1)) {
        ("`", "`") => Some(Mark::Open),
        ("'", "'") | ("’", "’") => Some(direction(spacing(cx, a.span.start, b.span.end))),
        _ => None,
    }
}

fn mark(cx: &Cx, i: usize) -> Option<(bool, Mark)> {
    // (double, direction)
    let s = cx.s(i);
    let t = cx.toks[i];
    let straight = |double| Some((double, direction(spacing(cx, t.span.start, t.span.end))));
    match s {
        "“" | "«" | "„" => Some((true, Mark::Open)),
        "”" | "»" => Some((true, Mark::Close)),
        "‘" | "‹" => Some((false, Mark::Open)),
        "’" | "›" => Some((false, Mark::Close)),
        "\"" => straight(true),
        "'" => straight(false),
        _ => None,
    }
}

trait NoneOr {
    fn is_none_or2(self, f: impl FnOnce(char) -> bool) -> bool;
}
impl NoneOr for Option<char> {
    fn is_none_or2(self, f: impl FnOnce(char) -> bool) -> bool {
        match self {
            None => true,
            Some(c) => f(c),
        }
    }
}

fn pair_quotes(cx: &Cx) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open_d: Option<usize> = None;
    let mut open_s: Option<usize> = None;
    let para_of = |i: usize| cx.para.get(cx.sent(i)).copied().unwrap_or(u32::MAX);
    // Close a quote left open at the end of its paragraph.
    let close_at_para_end = |o: usize, out: &mut Vec<Quote>| {
        let p = para_of(o);
        let mut e = o + 1;
        while e < cx.toks.len() && para_of(e) == p {
            e += 1;
        }
        if e > o + 1 {
            out.push(Quote { open: o, close: None, inner_end: e });
        }
    };
    let mut skip_next = false;
    for i in 0..cx.toks.len() {
        if cx.toks[i].kind != TokenKind::Quote || std::mem::take(&mut skip_next) {
            continue;
        }
        // `''` and ``` `` ``` written for a double quote (wire and newspaper archives): one mark,
        // opening after the second character and closing before the first
        let doubled = doubled_mark(cx, i);
        let (double, m, i_open) = match doubled {
            Some(m) => {
                skip_next = true;
                (true, m, i + 1)
            }
            None => match mark(cx, i) {
                Some((d, m)) => (d, m, i),
                None => continue,
            },
        };
        if let Some(o) = open_d {
            if para_of(o) != para_of(i) {
                close_at_para_end(o, &mut out);
                open_d = None;
            }
        }
        if let Some(o) = open_s {
            if cx.sent(o) != cx.sent(i) && para_of(o) != para_of(i) {
                open_s = None;
            }
        }
        if double {
            match (open_d, m) {
                (Some(o), Mark::Close | Mark::Either) => {
                    let close = if doubled.is_some() { i + 1 } else { i };
                    out.push(Quote { open: o, close: Some(close), inner_end: i });
                    open_d = None;
                    open_s = None;
                }
                (Some(_), Mark::Open) => open_d = Some(i_open),
                (None, Mark::Open | Mark::Either) => {
                    open_d = Some(i_open);
                    open_s = None;
                }
                (None, Mark::Close) => {}
            }
        } else if open_d.is_none() {
            match (open_s, m) {
                (Some(o), Mark::Close | Mark::Either) => {
                    out.push(Quote { open: o, close: Some(i), inner_end: i });
                    open_s = None;
                }
                (Some(_), Mark::Open) => open_s = Some(i),
                (None, Mark::Open) => open_s = Some(i),
                _ => {}
            }
        }
    }
    if let Some(o) = open_d {
        close_at_para_end(o, &mut out);
    }
    out.sort_by_key(|q| q.open);
    out
}

// ---------------------------------------------------------------------------------------
// Noun phrases

fn np_break(w: &str) -> bool {
    matches!(
        w,
        "that" | "which" | "who" | "whom" | "when" | "while" | "where" | "as" | "because" | "after" | "before" | "if"
            | "since" | "although" | "though" | "but" | "so" | "or" | "then" | "furthermore" | "however"
            | "meanwhile" | "moreover" | "consequently" | "also" | "is" | "was" | "were" | "are" | "has" | "have"
            | "had" | "been" | "be" | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must"
            | "to" | "than" | "did" | "does" | "do" | "not" | "and" | "nor" | "yet" | "in" | "on" | "at" | "with"
            | "by" | "from" | "into" | "about" | "over" | "under" | "against" | "during" | "through" | "it's"
            | "there" | "here" | "today" | "yesterday" | "later" | "earlier" | "once" | "still" | "thus"
            | "therefore" | "instead" | "now" | "again" | "reportedly" | "publicly" | "previously" | "separately"
            | "subsequently" | "finally" | "indeed" | "additionally" | "similarly" | "likewise" | "nevertheless"
    )
}

/// Words skipped between a subject and its verb ("has also", "had previously").
fn pre_verb_skip(w: &str) -> bool {
    matches!(
        w,
        "also" | "has" | "have" | "had" | "reportedly" | "previously" | "publicly" | "later" | "earlier" | "repeatedly"
            | "again" | "then" | "further" | "once" | "first" | "separately" | "officially" | "formally" | "recently"
            | "already" | "today" | "yesterday" | "subsequently" | "finally" | "openly" | "privately" | "explicitly"
            | "clearly" | "firmly" | "strongly" | "flatly" | "categorically" | "insistently" | "bluntly" | "simply"
            | "only" | "even" | "just" | "would" | "will" | "could" | "did" | "does" | "do" | "not" | "never"
            | "always" | "often" | "quickly" | "swiftly" | "immediately" | "angrily" | "sharply" | "vehemently"
    )
}

/// Does a word start a capitalised name part or a title (for "and" inside names)?
fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The subject before token `c` within tokens `s0..c`: (start, end) token indices.
fn subject_before(cx: &Cx, s0: usize, c: usize) -> Option<(usize, usize)> {
    let mut buf = [0u8; 24];
    let mut k = c;
    // Skip adverbs and auxiliaries, and times ("on Tuesday"), but not a name that reads as
    // a date ("Mrs May said", "Theresa May said").
    while k > s0 {
        let w = lower(cx.s(k - 1), &mut buf);
        let name_part = k >= s0 + 2 && capitalised(cx.s(k - 1)) && capitalised(cx.s(k - 2)) && cx.kind(k - 2) == Some(TokenKind::Word);
        if pre_verb_skip(w) || (cx.in_time(k - 1) && !name_part) {
            k -= 1;
        } else {
            break;
        }
    }
    // "X, who said ...": the relative pronoun is the subject as written (its mention is
    // the antecedent's, see `Cx::speaker_for`).
    if k > s0 && cx.is(k - 1, "who") {
        return Some((k - 1, k));
    }
    // "X, who left in 2015, said": the name before the relative clause, with the clause.
    if k > s0 + 2 && cx.s(k - 1) == "," {
        let lo = k.saturating_sub(16).max(s0);
        if let Some(w) = (lo + 1..k - 1).rev().take_while(|&i| cx.s(i) != ",").find(|&i| matches!(lower(cx.s(i), &mut buf), "who" | "whose") && cx.s(i - 1) == ",") {
            if let Some((x, _)) = subject_before(cx, s0, w - 1) {
                return Some((x, k - 1));
            }
        }
    }
    // "X, a spokesman, said": the apposition first.
    let mut commas = 0;
    if k > s0 && cx.s(k - 1) == "," {
        commas = 1;
        k -= 1;
    }
    let end = k;
    let mut start = k;
    let mut n = 0;
    while start > s0 && n < 16 {
        let j = start - 1;
        let t = cx.toks[j];
        let s = cx.s(j);
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let w = lower(s, &mut buf);
                if w == "and" {
                    // "Mali and Burkina Faso said": only between names.
                    if !(j > s0 && capitalised(cx.s(j - 1)) && capitalised(cx.s(j + 1))) {
                        break;
                    }
                } else if np_break(w) && !(w == "of" || w == "for") {
                    // "Mrs May", "Theresa May": a name, not the modal
                    let name = matches!(w, "may" | "will") && capitalised(s) && j > s0 && capitalised(cx.s(j - 1));
                    if !name {
                        break;
                    }
                }
                if j + 1 < end && cx.cue(j).is_some() {
                    break;
                }
                if w.ends_with("ing") && w.len() > 5 && !capitalised(s) {
                    break;
                }
            }
            TokenKind::Punct if s == "," && commas == 1 && start < end => {
                // the name before the apposition
                commas = 2;
            }
            TokenKind::Punct if s == "-" || s == "." || s == "(" || s == ")" => {}
            _ => break,
        }
        start = j;
        n += 1;
    }
    // "At the summit a spokesman for ...": a new determiner after a noun starts the subject.
    for j in start + 1..end {
        let w = lower(cx.s(j), &mut buf);
        if matches!(w, "the" | "a" | "an") {
            let p = lower(cx.s(j - 1), &mut buf);
            if cx.kind(j - 1) == Some(TokenKind::Word) && !matches!(p, "of" | "for" | "and" | "’s" | "'s" | "to" | "from" | "with" | "at") && !capitalised(cx.s(j - 1)) {
                start = j;
            }
        }
    }
    // Drop a leading comma left by a failed apposition.
    while start < end && matches!(cx.s(start), "," | "-") {
        start += 1;
    }
    if commas == 2 && start < end && cx.s(start) == "," {
        start += 1;
    }
    (start < end).then_some((start, end))
}

/// The noun phrase after token `c` ("said Col. Abdramane, ..."): up to punctuation.
fn phrase_after(cx: &Cx, c: usize, limit: usize) -> Option<(usize, usize)> {
    phrase_after_if(cx, c, limit, true)
}

/// [`phrase_after`]; `strict` asks for a name, title or determiner first.
fn phrase_after_if(cx: &Cx, c: usize, limit: usize, strict: bool) -> Option<(usize, usize)> {
    let mut buf = [0u8; 24];
    let mut e = c + 1;
    while e < limit && e - c <= 10 {
        let t = cx.toks[e];
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let w = lower(cx.s(e), &mut buf);
                // "said Mrs May": a name, not the modal or the month
                let name = matches!(w, "may" | "will") && capitalised(cx.s(e)) && e > c + 1 && capitalised(cx.s(e - 1));
                if e > c + 1 && !name && (matches!(w, "in" | "on" | "at" | "to" | "that" | "who" | "which" | "when" | "after" | "before" | "while" | "as") || (np_break(w) && w != "and")) {
                    break;
                }
                if cx.in_time(e) && !name {
                    break;
                }
            }
            TokenKind::Punct if cx.s(e) == "-" => {}
            // "9/11 widow Terry Strada"
            TokenKind::Symbol if cx.s(e) == "/" && cx.kind(e + 1) == Some(TokenKind::Number) => {}
            _ => break,
        }
        e += 1;
    }
    // A speaker phrase starts with a name, a title or a determiner.
    let first = cx.s(c + 1);
    let lw = lower(first, &mut buf);
    let number_then_name = first.starts_with(|ch: char| ch.is_ascii_digit()) && e > c + 2 && (c + 2..e).any(|i| capitalised(cx.s(i)));
    if strict && e > c + 1 && !(capitalised(first) || number_then_name || matches!(lw, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one" | "another")) {
        return None;
    }
    (e > c + 1).then_some((c + 1, e))
}

fn speaker_ok(cx: &Cx, a: usize, b: usize) -> bool {
    let mut buf = [0u8; 24];
    let first = lower(cx.s(a), &mut buf);
    let single = b == a + 1;
    // "who" only as a relative after a name or a comma ("Mr. Schultz, who said ...")
    let relative_who = first == "who" && a > 0 && (cx.s(a - 1) == "," || capitalised(cx.s(a - 1)));
    // "it said", "it says": an organisation or a document speaking
    let it_says = first == "it" && is_say_verb(cx.s(b));
    !(single && ((matches!(first, "it" | "this" | "that" | "there" | "which" | "what") && !it_says) || (first == "who" && !relative_who) || (first.ends_with("ly") && !capitalised(cx.s(a)))))
}

/// Is the subject an actor? Its head (last word) is an actor mention, a pronoun, a role
/// noun or a capitalised name that is not a month or day.
fn actor_like(cx: &Cx, a: usize, b: usize) -> bool {
    let head = b - 1;
    let hs = cx.toks[head].span;
    if let Some(id) = cx.speaker_mention(hs) {
        if cx.doc.mentions.get(id.index()).is_some_and(|m| m.kind != MentionKind::Place) {
            return true;
        }
    }
    let mut buf = [0u8; 24];
    let s = cx.s(head);
    let w = lower(s, &mut buf);
    if is_month_or_day(w) {
        return false;
    }
    let _ = a;
    matches!(w, "he" | "she" | "they" | "we" | "i")
        || capitalised(s)
        || w.starts_with("spokes")
        || matches!(
            w,
            "minister" | "president" | "official" | "officials" | "government" | "ministry" | "army" | "military"
                | "junta" | "police" | "leader" | "leaders" | "statement" | "embassy" | "delegation" | "authorities"
                | "council" | "party" | "opposition" | "rebels" | "group" | "chief" | "commander" | "ambassador"
                | "secretary" | "envoy" | "spokesperson" | "diplomats" | "diplomat" | "analysts" | "experts"
                | "lawmakers" | "prosecutors" | "court" | "judge" | "agency" | "office" | "department" | "regime"
                | "administration" | "cabinet" | "parliament" | "senator" | "governor" | "mayor" | "general"
                | "colonel" | "director" | "head" | "chairman" | "chairwoman" | "officer" | "officers"
        )
}

fn is_month_or_day(w: &str) -> bool {
    matches!(
        w,
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october"
            | "november" | "december" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
            | "sunday"
    )
}

// ---------------------------------------------------------------------------------------
// Direct speech

fn content_span(cx: &Cx, a: usize, b: usize) -> Option<Span> {
    // tokens a..b inside the marks, without a trailing comma
    let mut b = b;
    while b > a && matches!(cx.s(b - 1), "," | "—" | "–") {
        b -= 1;
    }
    (b > a).then(|| cx.span(a, b))
}

/// Is the quote opening at `open` part of a clause reported by the cue at `c` ("said that
/// Clinton was “the worst”", "said he would “fix it”"), so that the indirect statement
/// holds it? Not after a colon, nor when the quote is the whole complement ("said that
/// “...”", "told reporters “...”"), nor for evaluative cues ("called the move “illegal”").
fn quote_in_clause(cx: &Cx, c: usize, open: usize) -> bool {
    let Some(cue) = cx.cue(c) else { return false };
    if cue.class == CueClass::Eval || cue.form == Form::Ing || (c + 1..open).any(|i| matches!(cx.s(i), ":" | ";")) {
        return false;
    }
    let k = skip_adjuncts(cx, c + 1, open);
    if cx.is(k, "that") {
        if open > k + 1 && cx.kind(k + 1) == Some(TokenKind::Word) {
            return true;
        }
        // "said that, “Of course ...” against what ...": words go on after the quote in its
        // sentence, so the clause is more than the quote
        let Some(q) = (open + 1..cx.toks.len().min(open + 200)).find(|&i| cx.sent(i) == cx.sent(open) && cx.kind(i) == Some(TokenKind::Quote)) else {
            return false;
        };
        let sent_end = cx.ranges.get(cx.sent(open)).map_or(q, |r| r.1);
        return (q + 1..sent_end).filter(|&i| cx.kind(i) == Some(TokenKind::Word)).count() >= 2;
    }
    is_say_verb(cx.s(c)) && open >= k + 2 && !matches!(cx.s(open - 1), ",") && bare_clause_ok(cx, k)
}

/// (speaker tokens, cue token, rule id)
type Attribution = (Option<(usize, usize)>, usize, &'static str);

/// (sentence, speaker phrase, speaker, attributed, paragraph) of the last quote.
type LastQuote = (usize, Option<Span>, Option<MentionId>, bool, u32);

fn direct(cx: &Cx, quotes: &[Quote], used: &mut [bool], out: &mut Vec<Statement>) {
    let mut last: Option<LastQuote> = None;
    for q in quotes {
        // "WALLACE: Let's start ..." in a transcript: the label is the speaker.
        let (label, first) = match transcript_label(cx, q.open + 1, q.inner_end) {
            Some((x, y)) => (Some((x, y)), y + 1),
            None => (None, q.open + 1),
        };
        let Some(mut content) = content_span(cx, first, q.inner_end) else { continue };
        // a short title in capitals inside a sentence ("told MSNBC's “Morning Joe” that ..."):
        // a name, not speech
        if let Some(c) = q.close {
            let inner = q.open + 1..q.inner_end;
            let mid = q.open > 0 && cx.kind(q.open - 1) == Some(TokenKind::Word) && cx.sent(q.open - 1) == cx.sent(q.open);
            let title = mid && inner.len() <= 4 && inner.clone().all(|i| cx.kind(i) == Some(TokenKind::Word) && capitalised(cx.s(i)));
            if title && cx.kind(c + 1) == Some(TokenKind::Word) && cx.sent(c + 1) == cx.sent(c) && !capitalised(cx.s(c + 1)) && cx.cue(c + 1).is_none() {
                continue;
            }
        }
        let s_open = cx.sent(q.open);
        let close_tok = q.close.unwrap_or(q.inner_end.saturating_sub(1));
        let s_close = cx.sent(close_tok);
        if s_open == usize::MAX || s_close == usize::MAX {
            continue;
        }
        let words = (q.open + 1..q.inner_end).filter(|&i| cx.kind(i) == Some(TokenKind::Word)).count();
        let mut found: Option<Attribution> = None;
        // 1. After the closing mark.
        if let Some(c) = q.close {
            let (_, limit) = cx.ranges[s_close];
            let mut j = c + 1;
            if j < limit && cx.s(j) == "," {
                j += 1;
            }
            found = attribution_after(cx, j, limit).map(|(sp, cue)| (sp, cue, "quote_after"));
            // `"We will leave." He said.`
            if found.is_none() && j >= limit.saturating_sub(0) && s_close + 1 < cx.ranges.len() {
                let (a, b) = cx.ranges[s_close + 1];
                if let Some((sp, cue)) = attribution_after(cx, a, b) {
                    let rest = b - cue;
                    if rest <= 6 && sp.is_some() {
                        found = Some((sp, cue, "quote_after"));
                    }
                }
            }
        }
        // 2. Before the opening mark: `X said: “...”`.
        if found.is_none() {
            let (a, _) = cx.ranges[s_open];
            let mut j = q.open;
            if j > a && matches!(cx.s(j - 1), ":" | ",") {
                j -= 1;
            }
            if j > a && cx.is(j - 1, "that") {
                j -= 1;
            }
            // The cue within 4 words before: "told reporters:".
            let mut k = j;
            let mut steps = 0;
            while k > a && steps < 5 {
                if let Some(c) = cx.cue(k - 1) {
                    if quote_in_clause(cx, k - 1, q.open) {
                        break;
                    }
                    if c.form != Form::Ing || steps == 0 {
                        let sp = subject_before(cx, a, k - 1).or_else(|| phrase_after(cx, k - 1, j));
                        found = Some((sp.filter(|&(x, y)| y < k || x >= k), k - 1, "quote_before"));
                    }
                    break;
                }
                if cx.kind(k - 1) != Some(TokenKind::Word) {
                    break;
                }
                k -= 1;
                steps += 1;
            }
            // "According to X, “...”"
            if found.is_none() {
                if let Some(ai) = (a..q.open).find(|&i| cx.is(i, "according") && cx.is(i + 1, "to")) {
                    let sp = phrase_after_if(cx, ai + 1, q.open, false);
                    found = Some((sp, ai, "according_to"));
                }
            }
        }
        // 3. A partial quote inside a clause with a cue verb: `called the move “illegal”`.
        if found.is_none() && s_open == s_close {
            let (a, _) = cx.ranges[s_open];
            let lo = q.open.saturating_sub(10).max(a);
            if let Some(c) = (lo..q.open).rev().find(|&i| cx.cue(i).is_some_and(|c| c.form != Form::Ing) && !used[i]) {
                // "said that, “Of course ...”", "said he would “fix it”": the quote is part of
                // the reported clause, which the indirect pass takes whole.
                if quote_in_clause(cx, c, q.open) {
                    continue;
                }
                let sp = subject_before(cx, a, c);
                found = Some((sp, c, "quote_partial"));
            }
        }
        if found.is_none() {
            if let Some((x, y)) = label {
                found = Some((Some((x, y)), y, "quote_label"));
            }
        }
        // a quote further inside a reported clause ("said that police video of the encounter
        // did not give “absolute definitive evidence”"): the indirect statement holds it
        if found.is_none() && s_open == s_close {
            let (a, _) = cx.ranges[s_open];
            if (q.open.saturating_sub(40).max(a)..q.open).any(|c| !used[c] && quote_in_clause(cx, c, q.open)) {
                continue;
            }
        }
        let para = cx.para.get(s_open).copied().unwrap_or(0);
        let (speaker_span, speaker, cue, rule) = match found {
            Some((sp, c, rule)) => {
                used[c] = true;
                let sp = sp.filter(|&(x, y)| speaker_ok(cx, x, y)).map(|(x, y)| cx.span(x, y));
                let cue_span = if rule == "according_to" { cx.span(c, c + 2) } else { cx.span(c, c + 1) };
                (sp, sp.and_then(|s| cx.speaker_for(s)), Some(cue_span), rule)
            }
            None => match last {
                // the speaker phrase of the quote it continues (outside this statement's span)
                Some((ls, lsp, spk, attributed, lp)) if attributed && (lp == para || lp + 1 == para) && s_open <= ls + 3 => {
                    (lsp, spk, None, "quote_continued")
                }
                _ if words >= 6 => (None, None, None, "quote_unattributed"),
                _ => continue,
            },
        };
        // "However laudable the goal, using the tax ''is a misguided approach,'' Mr. Burman
        // said": a quote closing a clause of the speaker's own is reported with that clause.
        let mut lead_from = q.open;
        if rule == "quote_after" && s_open == s_close {
            let (a, _) = cx.ranges[s_open];
            let words = (a..q.open).filter(|&i| cx.kind(i) == Some(TokenKind::Word)).count();
            let clean = (a..q.open).all(|i| !used[i] && cx.kind(i) != Some(TokenKind::Quote) && !matches!(cx.s(i), ":" | ";") && cx.cue(i).is_none())
                && !(a..q.open).any(|i| cx.is(i, "according"));
            if words >= 3 && clean {
                if let Some(c) = content_span(cx, a, q.inner_end) {
                    content = c;
                    lead_from = a;
                }
            }
        }
        let mut span = cx.span(lead_from, q.close.map_or(q.inner_end, |c| c + 1));
        if let Some(s) = speaker_span.filter(|_| rule != "quote_continued") {
            span = span.cover(s);
        }
        if let Some(c) = cue {
            span = span.cover(c);
        }
        for u in used.iter_mut().take(q.close.map_or(q.inner_end, |c| c + 1)).skip(lead_from) {
            *u = true;
        }
        last = Some((s_close, speaker_span, speaker, speaker_span.is_some() || speaker.is_some(), para));
        out.push(Statement {
            span,
            kind: StatementKind::Direct,
            speaker_span,
            speaker,
            cue,
            content,
            origin: Origin::new("statements", rule),
        });
    }
}

/// After a quote: `he said`, `said X`, `the minister told reporters`, `X, a lawyer for
/// the Sierra Club, who has ..., said`, `― Pamela Padilla` (a dash and a name closing the
/// line). Returns the speaker tokens (when found) and the cue token.
fn attribution_after(cx: &Cx, j: usize, limit: usize) -> Option<(Option<(usize, usize)>, usize)> {
    if j >= limit {
        return None;
    }
    if let Some(c) = cx.cue(j) {
        if c.form == Form::Ing {
            return None;
        }
        // "said X" / "said." (speaker before the quote is not looked for)
        return Some((phrase_after(cx, j, limit), j));
    }
    if matches!(cx.s(j), "―" | "—" | "–" | "-" | "--") {
        // "” ― Pamela Padilla": a name and nothing else up to the end of the sentence;
        // "” – May said.": the attribution after the dash
        let (x, y) = phrase_after(cx, j, limit)?;
        if (x..y).any(|i| cx.cue(i).is_some()) {
            return attribution_after(cx, j + 1, limit);
        }
        let rest = content_end(cx, y, limit);
        return (rest <= y && capitalised(cx.s(x)) && y - x <= 6).then_some((Some((x, y)), j));
    }
    let mut buf = [0u8; 24];
    let mut k = j;
    let mut commas = 0;
    while k < limit && k - j < 40 {
        if let Some(c) = cx.cue(k) {
            if k == j {
                return None;
            }
            // "X, one of the states suing ..., said": a participle inside an apposition
            if c.form != Form::Ing {
                let sp = if commas >= 2 || k - j > 12 {
                    // the whole phrase between the quote and the cue, appositions included
                    let mut e = k;
                    while e > j && (pre_verb_skip(lower(cx.s(e - 1), &mut buf)) || cx.in_time(e - 1)) {
                        e -= 1;
                    }
                    while e > j && cx.s(e - 1) == "," {
                        e -= 1;
                    }
                    (e > j).then_some((j, e))
                } else {
                    subject_before(cx, j, k)
                };
                return sp.map(|sp| (Some(sp), k));
            }
            if k - j < 2 {
                return None;
            }
        }
        let t = cx.toks[k];
        let ok = match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let w = lower(cx.s(k), &mut buf);
                let after_comma = k > j && cx.s(k - 1) == ",";
                match w {
                    "that" | "because" | "but" | "if" | "when" => false,
                    // a relative clause inside an apposition: "X, who has ..., said"
                    "who" | "which" | "whose" => after_comma,
                    _ => true,
                }
            }
            TokenKind::Punct => {
                let p = cx.s(k);
                if p == "," {
                    commas += 1;
                }
                matches!(p, "," | "-" | "." | "(" | ")" | "’s" | "'s" | "&")
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        // a long phrase needs its appositions: commas after the first words
        if k - j >= 9 && commas == 0 {
            return None;
        }
        k += 1;
    }
    None
}

/// Paragraphs opened by a speaker label: `PENCE: Well, look, ...` in a transcript (direct,
/// `transcript`), and a headline `Pat Caddell: Democrat Voters Worried ...` (indirect,
/// `headline_label`; a place or country label is a dateline or topic, not a speaker).
fn labelled(cx: &Cx, used: &mut [bool], out: &mut Vec<Statement>) {
    for si in 0..cx.ranges.len() {
        if si > 0 && cx.para.get(si) == cx.para.get(si - 1) {
            continue;
        }
        let (a, _) = cx.ranges[si];
        let p = cx.para.get(si).copied();
        let mut end = si;
        while end + 1 < cx.ranges.len() && cx.para.get(end + 1).copied() == p {
            end += 1;
        }
        let b = cx.ranges[end].1;
        if a >= b || used[a] {
            continue;
        }
        let (x, y, rule, kind) = if let Some((x, y)) = transcript_label(cx, a, b) {
            (x, y, "transcript", StatementKind::Direct)
        } else if let Some((x, y)) = (si == 0).then(|| headline_says(cx, a, cx.ranges[si].1)).flatten() {
            (x, y, "headline_says", StatementKind::Indirect)
        } else if si == 0 {
            // the title line: up to six capitalised words before a colon
            let mut e = a;
            while e < b && e - a < 6 && cx.kind(e) == Some(TokenKind::Word) && capitalised(cx.s(e)) {
                e += 1;
            }
            // an all-capitals label is a dateline ("DUBAI:")
            let caps = (a..e).all(|i| !cx.s(i).chars().any(char::is_lowercase));
            if e == a || e >= b || cx.s(e) != ":" || cx.ranges[si].1 <= e + 2 || caps {
                continue;
            }
            let label = cx.span(a, e);
            let place = cx.speaker_mention(label).and_then(|m| cx.doc.mentions.get(m.index())).is_some_and(|m| {
                matches!(m.kind, MentionKind::Place | MentionKind::Country) && m.span.contains(label)
            });
            let mut buf = [0u8; 24];
            if place || not_a_speaker_label(lower(cx.s(a), &mut buf)) {
                continue;
            }
            (a, e, "headline_label", StatementKind::Indirect)
        } else {
            continue;
        };
        // the content: the rest of the paragraph (of the title line for a headline)
        let stop = if rule == "transcript" { b } else { cx.ranges[si].1 };
        let ce = content_end(cx, y + 1, stop);
        if ce <= y + 1 || (y + 1..ce).any(|i| used[i]) {
            continue;
        }
        let sp = cx.span(x, y);
        for u in used.iter_mut().take(ce).skip(a) {
            *u = true;
        }
        out.push(Statement {
            span: cx.span(x, ce),
            kind,
            speaker_span: Some(sp),
            speaker: cx.speaker_mention(sp),
            cue: Some(cx.span(y, y + 1)),
            content: cx.span(y + 1, ce),
            origin: Origin::new("statements", rule),
        });
    }
}

/// A title `Lindsey Graham Says Trump Could Address Clean Energy`: up to six capitalised
/// words, then a capitalised "Says"/"Said"; the speaker's tokens (the cue follows them).
fn headline_says(cx: &Cx, a: usize, b: usize) -> Option<(usize, usize)> {
    let mut e = a;
    while e < b && e - a <= 6 && cx.kind(e) == Some(TokenKind::Word) && capitalised(cx.s(e)) {
        if e > a && matches!(cx.s(e), "Says" | "Said" | "Tells" | "Warns" | "Claims" | "Insists") && e + 2 < b {
            return Some((a, e));
        }
        e += 1;
    }
    None
}

/// A speaker label opening a transcript paragraph (`WALLACE: ...`, `PENCE: ...`): one to
/// three words in capitals, then a colon, within tokens `a..b`. Returns the label's tokens.
fn speaker_label(cx: &Cx, a: usize, b: usize) -> Option<(usize, usize)> {
    let mut e = a;
    while e < b && e - a < 3 && cx.kind(e) == Some(TokenKind::Word) {
        let s = cx.s(e);
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || s.chars().any(char::is_lowercase) {
            return None;
        }
        e += 1;
    }
    if e == a || e + 1 >= b || cx.s(e) != ":" {
        return None;
    }
    let mut buf = [0u8; 24];
    let w = lower(cx.s(a), &mut buf);
    if not_a_speaker_label(w) {
        return None;
    }
    Some((a, e))
}

/// A [`speaker_label`] of an article where two paragraphs or more open with one.
fn transcript_label(cx: &Cx, a: usize, b: usize) -> Option<(usize, usize)> {
    let (x, y) = speaker_label(cx, a, b)?;
    let l = cx.span(x, y).text(cx.text);
    cx.labels.iter().any(|s| s == l).then_some((x, y))
}

/// Labels before a colon that name no speaker ("Update:", "Photo:", "Q:").
fn not_a_speaker_label(w: &str) -> bool {
    matches!(w, "note" | "update" | "updated" | "related" | "photo" | "photos" | "video" | "watch" | "read" | "source" | "sources" | "correction" | "editor" | "editor's" | "editor’s" | "caption" | "credit" | "image" | "see" | "also" | "warning" | "breaking" | "exclusive" | "live" | "opinion" | "analysis" | "review" | "q" | "a" | "text" | "transcript" | "subject" | "re" | "ps" | "tags" | "topics" | "listen" | "explainer" | "factbox" | "timeline" | "graphic" | "podcast")
}

// ---------------------------------------------------------------------------------------
// Indirect speech

/// Adjuncts skipped between a cue and its clause: "on national television", "in a
/// statement", "on Tuesday".
fn skip_adjuncts(cx: &Cx, mut k: usize, limit: usize) -> usize {
    let mut buf = [0u8; 24];
    loop {
        if k >= limit {
            return k;
        }
        if cx.in_time(k) {
            k += 1;
            continue;
        }
        let w = lower(cx.s(k), &mut buf);
        if matches!(w, "publicly" | "repeatedly" | "also" | "again" | "earlier" | "later" | "yesterday" | "today" | "previously" | "recently" | "separately" | "privately" | "bluntly" | "flatly" | "firmly" | "strongly") {
            k += 1;
            continue;
        }
        if matches!(w, "after" | "before" | "following") {
            // "said after the convention he would ...": a short phrase up to a pronoun subject
            let mut e = k + 1;
            while e < limit && e - k <= 5 && cx.kind(e) == Some(TokenKind::Word) {
                let x = lower(cx.s(e), &mut buf);
                if matches!(x, "he" | "she" | "they" | "we" | "i") {
                    return e;
                }
                if np_break(x) && !matches!(x, "on" | "in" | "at") {
                    break;
                }
                e += 1;
            }
            return k;
        }
        if matches!(w, "on" | "in" | "at" | "during" | "via" | "through") {
            // a short prepositional adjunct without a verb: "on national television"
            let mut e = k + 1;
            while e < limit && e - k <= 5 && cx.kind(e) == Some(TokenKind::Word) {
                let x = lower(cx.s(e), &mut buf);
                if matches!(x, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "television" | "tv" | "radio" | "statement" | "interview" | "speech" | "conference" | "briefing" | "address" | "twitter" | "x" | "facebook" | "telegram" | "website" | "message" | "post" | "communique" | "communiqué" | "broadcast" | "meeting" | "rally" | "session" | "hearing" | "summit" | "forum" | "letter" | "report") || cx.in_time(e) {
                    e += 1;
                    if e < limit && cx.s(e) == "," {
                        e += 1;
                    }
                    return skip_adjuncts(cx, e, limit);
                }
                e += 1;
            }
            return k;
        }
        return k;
    }
}

fn clause_start(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    match cx.kind(k) {
        Some(TokenKind::Word) => {
            let s = cx.s(k);
            let w = lower(s, &mut buf);
            is_determiner(w)
                || matches!(w, "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there" | "both" | "all" | "most" | "none" | "nobody" | "everyone" | "nothing" | "no" | "how" | "why" | "whether" | "what")
                || (capitalised(s) && !matches!(w, "i'm"))
        }
        Some(TokenKind::Number) => true,
        _ => false,
    }
}

/// The end of the content: the sentence end without final punctuation and quotes.
fn content_end(cx: &Cx, a: usize, b: usize) -> usize {
    let mut b = b;
    while b > a && matches!(cx.kind(b - 1), Some(TokenKind::Punct) | Some(TokenKind::Quote)) && !matches!(cx.s(b - 1), ")" | "]") {
        b -= 1;
    }
    b
}

#[allow(clippy::too_many_lines)]
fn indirect(cx: &Cx, si: usize, quotes: &[Quote], used: &mut [bool], out: &mut Vec<Statement>) {
    let (a, b) = cx.ranges[si];
    if a >= b {
        return;
    }
    let mut buf = [0u8; 24];
    let in_quote = |i: usize| quotes.iter().any(|q| q.open <= i && i < q.close.map_or(q.inner_end, |c| c + 1));
    let mut owned_until = a; // tokens already inside an indirect statement of this sentence
    let mut last_speaker: Option<(Option<Span>, Option<MentionId>)> = None;
    let mut c = a;
    while c < b {
        let cur = c;
        c += 1;
        if used[cur] {
            continue;
        }
        // "according to X"
        if cx.is(cur, "according") && cx.is(cur + 1, "to") && !in_quote(cur) {
            if let Some((x, y)) = phrase_after_if(cx, cur + 1, b, false) {
                let (content_a, content_b) = if cur == a || (cur > a && cx.s(cur - 1) != ",") {
                    let mut s = y;
                    if s < b && cx.s(s) == "," {
                        s += 1;
                    }
                    (s, content_end(cx, s, b))
                } else {
                    (a, cur - 1)
                };
                if content_b > content_a {
                    let sp = cx.span(x, y);
                    push_indirect(cx, out, Some(sp), cx.span(cur, cur + 2), cx.span(content_a, content_b), "according_to");
                    used[cur] = true;
                }
            }
            continue;
        }
        let Some(cue) = cx.cue(cur) else { continue };
        if in_quote(cur) {
            continue;
        }
        let prev = if cur > a { lower(cx.s(cur - 1), &mut buf).to_owned_small() } else { Small::default() };
        let prev = prev.as_str();
        // Passive or infinitive: "is said to", "declined to say"; a progressive ("is
        // stressing that") is a finite verb whose subject is before the auxiliary.
        let progressive = cue.form == Form::Ing && matches!(prev, "is" | "are" | "was" | "were") && cur > a + 1;
        if matches!(prev, "was" | "were" | "is" | "are" | "be" | "been" | "being" | "to") && !progressive {
            // "it was announced that ...", "it has been reported that ...": a report with no
            // speaker (`cue_passive`)
            let it_before = (cur.saturating_sub(4).max(a)..cur - 1).any(|i| cx.is(i, "it")) && cur >= a + 2;
            if it_before && prev != "to" && cue.form == Form::Past && cue.class != CueClass::Eval && cx.is(cur + 1, "that") && !used[cur] {
                let ce = taken_end(cx, cur + 2, content_end(cx, cur + 2, b), used);
                if ce >= cur + 4 && clause_start(cx, cur + 2) {
                    push_indirect(cx, out, None, cx.span(cur, cur + 1), cx.span(cur + 2, ce), "cue_passive");
                    owned_until = ce;
                    used[cur] = true;
                }
            }
            continue;
        }
        let cue = if progressive { cues::Cue { class: cue.class, form: Form::Past } } else { cue };
        let verb_at = if progressive { cur - 1 } else { cur };
        // Coordinated with an earlier cue of this sentence: "... and indicated".
        if cur < owned_until {
            continue;
        }
        // (i) that-clause
        let mut that_at = None;
        {
            let mut k = cur + 1;
            while k < b && k - cur <= 10 {
                let s = cx.s(k);
                if cx.is(k, "that") {
                    that_at = Some(k);
                    break;
                }
                // "said it would strike any warship that ...": a clause has begun, so a later
                // "that" is relative, not the complementizer
                if matches!(lower(s, &mut buf), "would" | "will" | "could" | "can" | "may" | "might" | "must" | "should") {
                    break;
                }
                // a short quoted title ("told MSNBC's “Morning Joe” that ...") is skipped
                if matches!(cx.kind(k), Some(TokenKind::Quote)) {
                    match (k + 1..(k + 6).min(b)).find(|&e| cx.kind(e) == Some(TokenKind::Quote)) {
                        Some(e) if (k + 1..e).all(|i| capitalised(cx.s(i)) || cx.kind(i) != Some(TokenKind::Word)) => {
                            k = e + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                if matches!(s, ";" | ":" | "." | "(") || cx.cue(k).is_some() {
                    break;
                }
                k += 1;
            }
        }
        let mut far_that = false;
        if let Some(t) = that_at {
            let nxt = lower(cx.s(t + 1), &mut buf);
            let relative = matches!(nxt, "was" | "is" | "were" | "are" | "has" | "have" | "had" | "will" | "would" | "could" | "can" | "may" | "might" | "should" | "," | ".")
                && !(nxt == "," && cx.kind(t + 2) == Some(TokenKind::Quote))
                // "say that, in addition to Scott, he would ...": a fronted adjunct
                && !(nxt == "," && matches!(lower(cx.s(t + 2), &mut [0u8; 24]), "in" | "on" | "at" | "for" | "after" | "before" | "if" | "when" | "while" | "despite" | "unlike" | "like" | "as" | "although" | "though" | "because" | "since" | "with" | "without" | "under" | "once" | "by"));
            if !relative && t + 1 < b {
                let ce = taken_end(cx, t + 1, content_end(cx, t + 1, b), used);
                if ce > t + 1 && !(t + 1..ce).any(|i| used[i] && quotes.iter().any(|q| q.open == i)) {
                    let sp = if cue.form == Form::Ing {
                        // "..., adding that": the speaker of the statement before.
                        match &last_speaker {
                            Some((s, _)) => *s,
                            // "Trump spoke for an hour, arguing that ...": the sentence's
                            // subject, unless an evaluative or other cue came first
                            None if cur > a + 2 && cx.s(cur - 1) == "," && !(cur.saturating_sub(40).max(a)..cur).any(|i| cx.cue(i).is_some_and(|c| c.class == CueClass::Eval)) => {
                                match sentence_subject(cx, a, cur) {
                                    Some((x, y)) => {
                                        far_that = true;
                                        Some(cx.span(x, y))
                                    }
                                    None => continue,
                                }
                            }
                            None => continue,
                        }
                    } else {
                        subject_before(cx, a, verb_at).filter(|&(x, y)| speaker_ok(cx, x, y)).map(|(x, y)| cx.span(x, y))
                    };
                    if sp.is_some() || cue.form != Form::Ing {
                        let content = cx.span(if cx.s(t + 1) == "," { t + 2 } else { t + 1 }, ce);
                        let st = push_indirect_from(cx, out, sp, cx.span(cur, cur + 1), content, "cue_that", !far_that);
                        last_speaker = Some((st.0, st.1));
                        owned_until = ce;
                        used[cur] = true;
                        continue;
                    }
                }
            }
        }
        if cue.form == Form::Ing {
            // "..., saying the decision was wrong": the speaker of this sentence's statement
            // before, else the subject at the sentence start ("Trump spoke at a rally, saying ...")
            // ("..., emphasizing it was time to ...": other SAY and REPORT participles with a
            // clause that has a finite verb)
            let say = is_say_verb(cx.s(cur));
            if !(cur > a + 2 && cx.s(cur - 1) == "," && (say || matches!(cue.class, CueClass::Say | CueClass::Report))) {
                continue;
            }
            let k = skip_adjuncts(cx, cur + 1, b);
            let ce = content_end(cx, k, b);
            if ce < k + 3 || !bare_clause_ok(cx, k) || (k..ce).any(|i| used[i]) {
                continue;
            }
            if !(say || clause_start(cx, k) && finite_within(cx, k, ce)) {
                continue;
            }
            // after an evaluative verb ("criticised the US, saying ...") the participle
            // belongs to that event
            let sp = match &last_speaker {
                Some((s, _)) => *s,
                None if (cur.saturating_sub(40).max(a)..cur).any(|i| cx.cue(i).is_some_and(|c| c.class == CueClass::Eval)) => continue,
                None => sentence_subject(cx, a, cur).map(|(x, y)| cx.span(x, y)),
            };
            if sp.is_none() {
                continue;
            }
            let st = push_indirect_from(cx, out, sp, cx.span(cur, cur + 1), cx.span(k, ce), "cue_participle", false);
            last_speaker = Some((st.0, st.1));
            owned_until = ce;
            used[cur] = true;
            continue;
        }
        // (iii) final attribution: "..., the minister said." / "..., said the minister."
        let rest_after = b - cur;
        let tail_ok = |from: usize| {
            let e = skip_adjuncts(cx, from, b);
            e >= content_end(cx, from, b) || cx.s(e) == ","
        };
        // "..., TV footage showed": evidence, not a report of what was said
        let final_ok = !matches!(cue.class, CueClass::Eval | CueClass::Want | CueClass::Evidence);
        if final_ok && rest_after <= 12 && tail_ok(cur + 1) {
            if let Some((x, y)) = subject_before(cx, a, verb_at) {
                if x > a && matches!(cx.s(x - 1), "," | "—" | "–") && x - 1 > a && y - x <= 8 {
                    let ce = x - 1;
                    push_final(cx, out, used, a, ce, Some(cx.span(x, y)), cur);
                    continue;
                }
            }
        }
        if final_ok && cur > a + 1 && matches!(cx.s(cur - 1), "," | "—" | "–") {
            if let Some((x, y)) = phrase_after(cx, cur, b) {
                if tail_ok(y) && y - x <= 8 && actor_like(cx, x, y) {
                    push_final(cx, out, used, a, cur - 1, Some(cx.span(x, y)), cur);
                    continue;
                }
            }
        }
        // "called for the repeal of ...", "called on Congress to act": a demand, its object
        // the content
        let call = matches!(lower(cx.s(cur), &mut buf), "call" | "calls" | "called");
        if call && (cx.is(cur + 1, "for") || cx.is(cur + 1, "on")) {
            let k = cur + 2;
            // up to a coordinated verb phrase ("and put forward a plan", ", and insisted")
            let mut ce = content_end(cx, k, b);
            if let Some(p) = (k + 1..ce).find(|&p| {
                cx.s(p) == "," && cx.is(p + 1, "and")
                    || cx.is(p, "and") && cx.kind(p + 1) == Some(TokenKind::Word) && !capitalised(cx.s(p + 1)) && !is_determiner(lower(cx.s(p + 1), &mut [0u8; 24]))
            }) {
                ce = p;
            }
            if ce > k && bare_clause_ok(cx, k) {
                if let Some((x, y)) = subject_before(cx, a, verb_at).filter(|&(x, y)| speaker_ok(cx, x, y) && actor_like(cx, x, y)) {
                    let st = push_indirect(cx, out, Some(cx.span(x, y)), cx.span(cur, cur + 2), cx.span(k, ce), "call_for");
                    last_speaker = Some((st.0, st.1));
                    owned_until = ce;
                    used[cur] = true;
                }
            }
            continue;
        }
        if cue.class == CueClass::Eval {
            continue;
        }
        // An infinitive: "wants to triple the programme", "hopes to offset", "expects them
        // to become" (an object of at most three words before "to" for THINK verbs).
        // Not for commitments ("agreed to cease hostilities", "announced to cut ties",
        // "vowed to retaliate"): those are events of their own, what they commit to is planned.
        let hope_or_expect = matches!(lower(cx.s(cur), &mut buf).get(..3), Some("hop" | "exp"));
        if cue.class == CueClass::Want || (cue.class == CueClass::Think && hope_or_expect) {
            let k0 = skip_adjuncts(cx, cur + 1, b);
            let mut to = None;
            for t in k0..(k0 + 4).min(b) {
                if cx.is(t, "to") {
                    to = Some(t);
                    break;
                }
                if cue.class != CueClass::Think || cx.kind(t) != Some(TokenKind::Word) || np_break(lower(cx.s(t), &mut buf)) {
                    break;
                }
            }
            if let Some(t) = to.filter(|&t| infinitive_at(cx, t + 1)) {
                let ce = content_end(cx, k0, b);
                if let Some((x, y)) = subject_before(cx, a, verb_at).filter(|&(x, y)| speaker_ok(cx, x, y) && actor_like(cx, x, y)) {
                    if ce > t + 1 && !(k0..ce).any(|i| used[i]) {
                        let st = push_indirect(cx, out, Some(cx.span(x, y)), cx.span(cur, cur + 1), cx.span(k0, ce), "cue_infinitive");
                        last_speaker = Some((st.0, st.1));
                        owned_until = ce;
                        used[cur] = true;
                    }
                }
                continue;
            }
        }
        if cue.class == CueClass::Want {
            continue;
        }
        // (ii) bare clause after a SAY verb; (iv) object of a REPORT verb.
        let mut k = skip_adjuncts(cx, cur + 1, b);
        if cx.is(cur, "told") || cx.is(cur, "tell") || cx.is(cur, "tells") {
            let mut n = 0;
            while k < b && n < 3 {
                let w = lower(cx.s(k), &mut buf);
                if capitalised(cx.s(k)) || matches!(w, "reporters" | "journalists" | "lawmakers" | "parliament" | "me" | "us" | "him" | "her" | "them" | "supporters" | "news" | "agency" | "crowd" | "press" | "television") {
                    k += 1;
                    n += 1;
                } else {
                    break;
                }
            }
            k = skip_adjuncts(cx, k, b);
            if k < b && cx.s(k) == "," {
                k += 1;
            }
        }
        let ce = taken_end(cx, k, content_end(cx, k, b), used);
        if ce <= k + 1 {
            continue;
        }
        let far = prev == "and" && cur > a + 1;
        let subj = if far {
            sentence_subject(cx, a, cur - 1).filter(|&(_, y)| y < cur - 1)
        } else {
            subject_before(cx, a, verb_at)
        };
        let Some((x, y)) = subj else { continue };
        if !speaker_ok(cx, x, y) {
            continue;
        }
        let say_bare = is_say_verb(cx.s(cur)) && bare_clause_ok(cx, k) && ce >= k + 2;
        let evidence_subject = cue.class == CueClass::Evidence && evidence_noun(cx, x, y);
        let say_clause = cue.class == CueClass::Say && ((clause_start(cx, k) && ce >= k + 3) || say_bare);
        let think_clause = cue.class == CueClass::Think && clause_start(cx, k) && ce >= k + 3 && actor_like(cx, x, y) && finite_within(cx, k, ce);
        let (rule, ce) = if say_clause || think_clause {
            ("cue_clause", ce)
        } else if evidence_subject && bare_clause_ok(cx, k) && ce >= k + 2 {
            ("cue_evidence", ce)
        } else if cue.class == CueClass::Report && actor_like(cx, x, y) {
            let w = lower(cx.s(k), &mut buf);
            if matches!(w, "to" | "for" | "as" | "with" | "by" | "from" | "of" | "about" | "that") || cx.kind(k) != Some(TokenKind::Word) {
                continue;
            }
            // Up to a following ", <verb>-ing" clause, or "and said ..." (a statement of its own).
            let mut e = k;
            while e < ce {
                if cx.s(e) == "," && cx.s(e + 1).ends_with("ing") && cx.kind(e + 1) == Some(TokenKind::Word) {
                    break;
                }
                if cx.is(e, "and") && cx.cue(e + 1).is_some_and(|c| c.class == CueClass::Say && c.form != Form::Ing) {
                    break;
                }
                e += 1;
            }
            ("cue_object", e)
        } else {
            continue;
        };
        if ce <= k {
            continue;
        }
        let sp = cx.span(x, y);
        let st = push_indirect_from(cx, out, Some(sp), cx.span(cur, cur + 1), cx.span(k, ce), rule, !far);
        last_speaker = Some((st.0, st.1));
        owned_until = ce;
        used[cur] = true;
    }
}

/// Does an infinitive verb start at token `k` (after "to")? A lower-case word that is not
/// a determiner, a pronoun or a plural noun ("to release", not "to the press", "to talks").
fn infinitive_at(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    if cx.kind(k) != Some(TokenKind::Word) || capitalised(cx.s(k)) {
        return false;
    }
    let w = lower(cx.s(k), &mut buf);
    !(is_determiner(w)
        || matches!(w, "him" | "her" | "them" | "me" | "us" | "it" | "you" | "reporters" | "journalists" | "date" | "power" | "office" | "court" | "war" | "peace" | "work" | "school" | "college" | "death" | "justice" | "mind")
        || (w.ends_with('s') && !w.ends_with("ss"))
        || w.ends_with("ing") && w.len() > 5)
}

/// Does a clause verb (an auxiliary, a modal or a copula) come within the first words of
/// tokens `k..e`? What tells "believes his efforts will be ..." from "recognised the
/// government".
fn finite_within(cx: &Cx, k: usize, e: usize) -> bool {
    let mut buf = [0u8; 24];
    (k..e.min(k + 10)).any(|i| {
        matches!(
            lower(cx.s(i), &mut buf),
            "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would" | "could" | "can" | "may"
                | "might" | "should" | "must" | "did" | "does" | "do" | "isn't" | "wasn't" | "won't" | "can't"
                | "didn't" | "doesn't" | "isn’t" | "wasn’t" | "won’t" | "can’t" | "didn’t" | "doesn’t"
        )
    })
}

/// Is the subject a poll, a study, a report or another document (what "shows" or "finds")?
fn evidence_noun(cx: &Cx, a: usize, b: usize) -> bool {
    let mut buf = [0u8; 24];
    (a..b).any(|i| {
        let w = lower(cx.s(i), &mut buf);
        matches!(
            w,
            "poll" | "polls" | "polling" | "survey" | "surveys" | "study" | "studies" | "report" | "reports" | "analysis"
                | "data" | "figures" | "numbers" | "statistics" | "records" | "documents" | "video" | "videos"
                | "footage" | "research" | "review" | "audit" | "investigation" | "inquiry" | "probe" | "transcript"
                | "slide" | "averages" | "average" | "results" | "tally" | "count" | "estimates" | "memo" | "emails"
                | "letter" | "filing" | "filings" | "evidence" | "tests" | "test" | "experiment" | "panel" | "court"
                | "judge" | "jury" | "commission" | "committee" | "researchers" | "scientists" | "economists"
                | "analysts" | "auditors" | "investigators" | "experts" | "authors" | "paper" | "article" | "book"
        )
    })
}

/// "say", "says", "said", "saying": verbs whose object is what was said, whatever it is.
fn is_say_verb(w: &str) -> bool {
    matches!(w, "say" | "says" | "said" | "saying" | "Say" | "Says" | "Said")
}

/// Can a bare clause (or a bare object of "say") start at token `k`? Not at a preposition,
/// an infinitive or a punctuation mark ("said of the plan", "said to be", "said.").
fn bare_clause_ok(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    if cx.kind(k) != Some(TokenKind::Word) && cx.kind(k) != Some(TokenKind::Number) {
        return false;
    }
    let w = lower(cx.s(k), &mut buf);
    !matches!(
        w,
        "to" | "of" | "for" | "in" | "on" | "at" | "with" | "about" | "by" | "from" | "into" | "so" | "nothing"
            | "little" | "goodbye" | "hello" | "thanks" | "sorry" | "and" | "or" | "but" | "when" | "while" | "after"
            | "before" | "during" | "through" | "over" | "since" | "until" | "last" | "earlier" | "later"
    )
}

/// The subject at the start of a sentence, before its first verb-like break (for a
/// participle cue later in the sentence): a name, a pronoun or a determiner phrase.
fn sentence_subject(cx: &Cx, a: usize, limit: usize) -> Option<(usize, usize)> {
    let mut buf = [0u8; 24];
    let first = cx.s(a);
    let w = lower(first, &mut buf);
    if !(capitalised(first) || matches!(w, "he" | "she" | "they" | "we" | "i")) || is_determiner(w) && !matches!(w, "the" | "a" | "an" | "his" | "her" | "their") {
        return None;
    }
    if matches!(w, "it" | "there" | "this" | "that" | "in" | "on" | "at" | "after" | "before" | "when" | "while" | "but" | "and" | "as" | "if") {
        return None;
    }
    // a name ends at its first lower-case word ("Mr. Obama spoke"); a determiner phrase
    // at a verb-like word in -ed or after four words ("The senator from Ohio argued")
    let name = !is_determiner(w);
    let mut e = a + 1;
    while e < limit && e - a < 8 {
        let t = cx.toks[e];
        if t.kind != TokenKind::Word && !(t.kind == TokenKind::Punct && cx.s(e) == ".") {
            break;
        }
        let mut b2 = [0u8; 24];
        let w = lower(cx.s(e), &mut b2);
        if np_break(w) && w != "of" {
            break;
        }
        let lower_word = !capitalised(cx.s(e)) && t.kind == TokenKind::Word;
        if lower_word && w != "of" && (name || w.ends_with("ed") || e - a >= 4) {
            break;
        }
        e += 1;
    }
    let one_word_pronoun = matches!(w, "he" | "she" | "they" | "we" | "i");
    (one_word_pronoun || e > a).then_some((a, if one_word_pronoun { a + 1 } else { e }))
}

/// The end of an indirect content that would run into a quote already taken by a direct
/// statement ("said X would not be eligible, and when pressed, replied, “...”") or into a
/// contrasting clause (", but ..."; "; ..."): tokens `from..ce`, cut before it.
fn taken_end(cx: &Cx, from: usize, ce: usize, used: &[bool]) -> usize {
    let mut buf = [0u8; 24];
    let mut e = ce;
    for i in from + 1..ce {
        let quote_taken = used.get(i).copied().unwrap_or(false) && cx.kind(i) == Some(TokenKind::Quote);
        let contrast = (cx.s(i) == "," && cx.is(i + 1, "but")) || cx.s(i) == ";";
        if quote_taken || contrast {
            e = i;
            break;
        }
    }
    if e == ce {
        return ce;
    }
    // back to a ", and" / ", but" / ", when" starting the clause that holds the quote
    // ("..., and when pressed, the mother replied, “...”"), else over the punctuation
    if let Some(p) = (from + 2..e).rev().find(|&p| cx.s(p) == "," && matches!(lower(cx.s(p + 1), &mut buf), "and" | "but" | "while" | "when")) {
        return p;
    }
    while e > from {
        let w = lower(cx.s(e - 1), &mut buf);
        if matches!(cx.kind(e - 1), Some(TokenKind::Punct)) || matches!(w, "and" | "but" | "or") {
            e -= 1;
        } else {
            break;
        }
    }
    e
}

fn push_final(cx: &Cx, out: &mut Vec<Statement>, used: &mut [bool], a: usize, ce: usize, sp: Option<Span>, cue: usize) {
    // Content: sentence start to the comma; a direct quote there was handled already.
    let mut ca = a;
    while ca < ce && matches!(cx.kind(ca), Some(TokenKind::Quote)) {
        ca += 1;
    }
    if ce <= ca + 1 || (ca..ce).any(|i| used[i]) {
        return;
    }
    push_indirect(cx, out, sp, cx.span(cue, cue + 1), cx.span(ca, ce), "cue_final");
    used[cue] = true;
}

fn push_indirect(cx: &Cx, out: &mut Vec<Statement>, sp: Option<Span>, cue: Span, content: Span, rule: &str) -> (Option<Span>, Option<MentionId>) {
    push_indirect_from(cx, out, sp, cue, content, rule, true)
}

/// [`push_indirect`]; `cover_speaker` false for a speaker found away from the cue (the
/// sentence's subject for "..., saying ...", "... and said ..."): the statement's span is
/// then the cue and the content only, so that the events between them are not inside it.
fn push_indirect_from(cx: &Cx, out: &mut Vec<Statement>, sp: Option<Span>, cue: Span, content: Span, rule: &str, cover_speaker: bool) -> (Option<Span>, Option<MentionId>) {
    let speaker = sp.and_then(|s| cx.speaker_for(s));
    let mut span = cue.cover(content);
    if let Some(s) = sp.filter(|_| cover_speaker) {
        span = span.cover(s);
    }
    out.push(Statement {
        span,
        kind: StatementKind::Indirect,
        speaker_span: sp,
        speaker,
        cue: Some(cue),
        content,
        origin: Origin::new("statements", rule),
    });
    (sp, speaker)
}

/// A short lower-cased word kept on the stack.
#[derive(Default)]
struct Small {
    buf: [u8; 24],
    len: usize,
}

impl Small {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

trait ToSmall {
    fn to_owned_small(&self) -> Small;
}

impl ToSmall for &str {
    fn to_owned_small(&self) -> Small {
        let mut s = Small::default();
        let n = self.len().min(24);
        s.buf[..n].copy_from_slice(&self.as_bytes()[..n]);
        s.len = n;
        s
    }
}

#[cfg(test)]
mod tests;
