//! Actors, people and in-article coreference.
//!
//! [`ActorFinder`] reads `doc.sentences` and `doc.tokens` and returns the actor layer:
//!
//! - **Dictionary actors**: countries (names, adjectives, seats of power), IGOs, groups,
//!   organisations and people, matched with the lexicon's one automaton on word boundaries,
//!   longest match first, case checked ("US" never "us"), `unless` context words and
//!   `not` phrases applied, people's offices checked against the article date.
//! - **Actor phrases** (kind Nominal): an actor followed by agent words ("Niger's military
//!   junta" -> NER MIL, "US personnel" -> USA MIL, "a Washington delegation" -> USA GOV), or
//!   agent words alone ("the junta", "militants"). The name inside keeps its own Country
//!   mention (so "Niger" is still a place name); the Nominal covers it and comes first in the
//!   output (mentions are sorted by start, longest first), so the phrase is the actor.
//! - **People**: dictionary people, title + name ("Colonel Amadou Abdramane"), role +
//!   name ("State Department spokesperson Matthew Miller"), role appositions ("X, Niger's
//!   military spokesperson,"), giving name, title, role, country and sector. A person
//!   with a title or role but no stated country takes, in order: the country of an
//!   earlier actor phrase named by a word of its role ("Junta spokesman" -> "the junta"),
//!   of the nearest actor before it in its sentence, of the article's lead government or
//!   military actor (first three sentences), else the article's dominant country.
//! - **Unknown names**: runs of capitalised words (not a mere sentence-initial common word)
//!   guessed person / organisation / place from titles, given names, organisation and place
//!   words, prepositions of place, acronyms and earlier mentions (`guessed: true`).
//! - **Coreference**: `antecedent` points at the first mention of the same entity: later
//!   surname mentions of a person, repeated countries, "the junta" (same agent word),
//!   "the country"/"the nation" (the most recent country), he/she (the most recent person,
//!   preferring the subject of the latest sentence with one; emitted only when resolved),
//!   they (the most recent plural actor phrase within two sentences).
//!
//! Sector choice: a `weak` agent word (spokesperson, delegation, leadership) takes the sector
//! of a stronger word before it, so a military spokesperson is MIL.
//!
//! Known misses: no parsing, so appositions and role phrases are read from a few tokens
//! around the name; pronoun gender is not checked; a sentence-initial unknown single word
//! that also appears in lower case elsewhere in the article is taken for a common word.
//!
//! ```
//! use griot_extract::ActorFinder;
//! use griot_lexicon::Lexicon;
//! use griot_text::{split_sentences, tokenize, Article, Doc};
//! let finder = ActorFinder::new(&Lexicon::builtin().unwrap());
//! let mut doc = Doc::new(Article::from_text("a", "Niger's junta expelled French troops."));
//! doc.sentences = split_sentences(doc.text());
//! doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
//! let m = finder.find_mentions(&doc);
//! assert!(m.iter().any(|m| m.country.as_deref() == Some("FRA") && m.sector.as_deref() == Some("MIL")));
//! ```

use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::Arc;

use chrono::NaiveDate;
use griot_lexicon::gazetteer::Feature;
use griot_lexicon::{case_fits, Entry, EntryKind, Gazetteer, Lexicon, PhraseRole};
use griot_syntax::ner::{hint, Ner};
use griot_text::{Doc, Mention, MentionId, MentionKind, Origin, Span, Token};

const STAGE: &str = "actors";

/// Finds actor, person and organisation mentions; built once from a [`Lexicon`].
pub struct ActorFinder {
    lex: Lexicon,
    /// The trained recogniser and the gazetteer it takes hints from, when enabled.
    ner: Option<(Arc<Ner>, Gazetteer)>,
}

type FastSet<'a> = griot_text::hash::FnvSet<&'a str>;

/// What a dictionary match at a token position resolved to.
#[derive(Debug, Clone, Default)]
struct Hit {
    start: usize,
    end: usize,
    /// Token range [ta, tb).
    ta: usize,
    tb: usize,
    actor: Option<(u32, PhraseRole, Option<String>)>,
    /// The actor entry is a person whose office holds on the article date.
    in_office: bool,
    agent: Option<u32>,
    title: Option<u32>,
    blocked: bool,
}

/// A mention being built, with what coreference needs.
#[derive(Debug, Clone)]
struct Proto {
    m: Mention,
    /// Agent entry of the head word of a Nominal ("junta").
    head: Option<u32>,
    /// Nominal written with a definite determiner ("the junta").
    definite: bool,
    /// Country not stated: filled with the dominant country.
    needs_country: bool,
    /// "the country" / "the nation".
    the_country: bool,
    /// Lower-case words of a guessed person's role phrase ("junta" in "Junta spokesman").
    role_words: Vec<String>,
    pronoun: Option<Pron>,
    plural: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pron {
    Singular,
    Plural,
}

fn mention(span: Span, kind: MentionKind, name: String, rule: &str) -> Mention {
    Mention {
        span,
        kind,
        name,
        country: None,
        sector: None,
        title: None,
        role: None,
        place: None,
        antecedent: None,
        guessed: false,
        origin: Origin::new(STAGE, rule),
    }
}

fn proto(m: Mention) -> Proto {
    Proto { m, head: None, definite: false, needs_country: false, the_country: false, role_words: Vec::new(), pronoun: None, plural: false }
}

const CONNECTORS: &[&str] = &["of", "de", "du", "des", "van", "von", "der", "den", "al", "bin", "ibn", "la", "le", "da", "dos", "del", "y", "&", "for", "the", "and"];
const PLACE_PREPS: &[&str] = &["in", "at", "near", "from", "to", "into", "across", "outside", "towards", "toward", "around", "through", "via", "throughout", "within", "inside", "reached", "visited", "visit", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "capital"];
/// Irregular past tenses ("the junta met ...", "the army tore up ...").
const IRREGULAR_PAST: &[&str] = &[
    "met", "left", "took", "tore", "made", "gave", "sent", "held", "began", "broke", "struck", "won", "lost", "saw", "went", "came",
    "got", "led", "fought", "shot", "threw", "withdrew", "drew", "seized", "sought", "brought", "kept", "spoke", "wrote", "stood",
    "cut", "hit", "put", "shut", "flew", "blew", "rode", "fled", "bought", "sold", "told", "overran", "retook", "swept", "beat",
];
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "that", "our"];
const DEFINITE: &[&str] = &["the", "its", "their", "his", "her", "this", "these", "those", "that", "our"];
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "added", "stated", "declared", "announced", "insisted", "warned", "noted", "argued", "explained", "wrote", "asked", "replied", "confirmed", "denied", "acknowledged", "emphasised", "emphasized", "claimed"];
const PERSON_CUES: &[&str] = &["coach", "striker", "midfielder", "defender", "goalkeeper", "captain", "manager", "chairman", "executive", "director", "analyst", "economist", "president", "minister", "leader", "spokesman", "spokeswoman", "spokesperson", "secretary", "ambassador", "envoy", "official", "actor", "singer", "player", "driver", "rider", "champion", "winner", "seed", "veteran", "writer", "author", "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "mr", "mrs", "ms", "dr", "colleague", "partner", "opponent", "compatriot", "teammate", "chief", "founder", "boss", "owner", "trader", "dealer", "lawyer", "judge", "priest", "bishop", "candidate", "deputy", "mp", "senator"];

impl ActorFinder {
    pub fn new(lexicon: &Lexicon) -> ActorFinder {
        ActorFinder { lex: lexicon.clone(), ner: None }
    }

    /// The finder with the trained entity recogniser ([`griot_syntax::ner`]) proposing
    /// names, hinted by the lexicon and by `gazetteer`.
    pub fn with_ner(mut self, ner: Arc<Ner>, gazetteer: &Gazetteer) -> ActorFinder {
        self.ner = Some((ner, gazetteer.clone()));
        self
    }

    /// The [`hint`] bits of every token of `doc` (the recogniser's dictionary features), as
    /// the finder computes them before tagging; used to train the recogniser.
    pub fn ner_hints(&self, doc: &Doc, gazetteer: &Gazetteer) -> Vec<u32> {
        if doc.tokens.is_empty() {
            return Vec::new();
        }
        let cx = Cx::new(&self.lex, doc, None);
        cx.hints(Some(gazetteer))
    }

    /// Actor, person and organisation mentions of `doc`, with antecedent links.
    pub fn find_mentions(&self, doc: &Doc) -> Vec<Mention> {
        if doc.tokens.is_empty() {
            return Vec::new();
        }
        let cx = Cx::new(&self.lex, doc, self.ner.as_ref());
        let mut protos = cx.run();
        finish(&mut protos, &cx)
    }
}

/// Per-document working state.
struct Cx<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    toks: &'a [Token],
    date: Option<NaiveDate>,
    /// Sentence index of each token.
    sent: Vec<u32>,
    /// Token index where each token's sentence starts.
    sent_start: Vec<usize>,
    /// Sentences written in capitals (headlines).
    caps_sentence: Vec<bool>,
    /// Words seen in lower case in the article.
    lower_words: FastSet<'a>,
    /// Dictionary hit starting at each token, if any.
    hit_at: Vec<Option<u32>>,
    hits: Vec<Hit>,
    /// Names the article uses as sports teams ("Surrey 486", "Essex beat Kent"): one sense
    /// per article, so every mention of them is an organisation.
    teams: FastSet<'a>,
    /// Entities of the recogniser: at each entity's first token, (end token, type index).
    ner_at: Vec<Option<(usize, u8)>>,
    /// Type of the recogniser's entity covering each token: 0 none, else 1 + type index.
    ner_tok: Vec<u8>,
}

impl<'a> Cx<'a> {
    fn new(lex: &'a Lexicon, doc: &'a Doc, ner: Option<&(Arc<Ner>, Gazetteer)>) -> Cx<'a> {
        let text = doc.text();
        let toks = doc.tokens.as_slice();
        let n = toks.len();
        let mut sent = vec![0u32; n];
        let mut sent_start = vec![0usize; n];
        let mut si = 0usize;
        let mut cur_start = 0usize;
        let mut last_sent = u32::MAX;
        for (i, t) in toks.iter().enumerate() {
            while si < doc.sentences.len() && doc.sentences[si].span.end <= t.span.start {
                si += 1;
            }
            let s = si.min(doc.sentences.len().saturating_sub(1)) as u32;
            if s != last_sent {
                cur_start = i;
                last_sent = s;
            }
            sent[i] = s;
            sent_start[i] = cur_start;
        }
        let nsent = doc.sentences.len().max(1);
        let mut upper = vec![0u32; nsent];
        let mut lower = vec![0u32; nsent];
        let mut lower_words: FastSet<'a> = FastSet::with_capacity_and_hasher(n / 2, Default::default());
        for (i, t) in toks.iter().enumerate() {
            let w = t.span.text(text);
            let Some(c) = w.chars().next() else { continue };
            if !c.is_alphabetic() {
                continue;
            }
            let s = (sent[i] as usize).min(nsent - 1);
            if w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
                upper[s] += 1;
            } else {
                lower[s] += 1;
            }
            if c.is_lowercase() {
                lower_words.insert(w);
            }
        }
        let caps_sentence = (0..nsent).map(|s| upper[s] >= 3 && upper[s] > 3 * lower[s]).collect();
        let mut cx = Cx {
            lex,
            text,
            toks,
            date: doc.article.date,
            sent,
            sent_start,
            caps_sentence,
            lower_words,
            hit_at: vec![None; n],
            hits: Vec::new(),
            teams: FastSet::default(),
            ner_at: Vec::new(),
            ner_tok: Vec::new(),
        };
        cx.match_dictionary();
        cx.find_teams();
        if let Some((model, gaz)) = ner {
            cx.tag_entities(model, gaz);
        }
        cx
    }

    /// What the lexicon and the gazetteer say about each token, as recogniser hints.
    fn hints(&self, gaz: Option<&Gazetteer>) -> Vec<u32> {
        let n = self.toks.len();
        let mut h = vec![0u32; n];
        for hit in &self.hits {
            let mut bits = 0;
            if let Some((id, role, _)) = &hit.actor {
                let e = self.lex.entry(*id);
                bits |= match (e.kind, role) {
                    (EntryKind::Country, PhraseRole::Adjective) => hint::COUNTRY_ADJ,
                    (EntryKind::Country, _) => hint::COUNTRY,
                    (EntryKind::Igo, _) => hint::IGO,
                    (EntryKind::Person, _) => hint::PERSON,
                    _ => hint::ORG,
                };
            }
            if hit.agent.is_some() {
                bits |= hint::AGENT;
            }
            if hit.title.is_some() {
                bits |= hint::TITLE;
            }
            for x in &mut h[hit.ta..hit.tb.min(n)] {
                *x |= bits;
            }
            if hit.tb > hit.ta + 1 && bits != 0 {
                h[hit.ta] |= hint::MATCH_START;
            }
        }
        for (i, x) in h.iter_mut().enumerate() {
            let w = self.tt(i);
            if !w.chars().next().is_some_and(|c| c.is_alphabetic()) {
                continue;
            }
            if self.lex.is_given_name(w) {
                *x |= hint::GIVEN;
            }
            if self.lex.is_org_word(w) {
                *x |= hint::ORG_WORD;
            }
            if self.lex.is_place_word(w) {
                *x |= hint::PLACE_WORD;
            }
            if self.lex.is_misc_word(w) {
                *x |= hint::MISC_WORD;
            }
            if self.lex.is_stop_word(w) {
                *x |= hint::STOP;
            }
            if self.is_cap(i) && griot_lexicon::lexicon::with_lower(w, |l| self.lower_words.contains(l)) {
                *x |= hint::LOWER_SEEN;
            }
        }
        if let Some(gaz) = gaz {
            for i in 0..n {
                if !(self.is_cap(i) && self.is_word(i)) {
                    continue;
                }
                for len in (1..=3usize).rev() {
                    let j = i + len;
                    if j > n || !self.same_sentence(i, j - 1) || !(i..j).all(|k| self.is_word(k) || self.tt(k) == "-") {
                        continue;
                    }
                    let name = &self.text[self.toks[i].span.start..self.toks[j - 1].span.end];
                    let cands = gaz.lookup(name);
                    if cands.is_empty() {
                        continue;
                    }
                    let big = cands.iter().any(|c| {
                        let e = gaz.entry(c.entry);
                        e.population >= 100_000 || matches!(e.feature, Feature::Country | Feature::Region | Feature::Continent | Feature::Admin1)
                    });
                    for x in &mut h[i..j] {
                        *x |= hint::PLACE | if big { hint::BIG_PLACE } else { 0 };
                    }
                    if len > 1 {
                        h[i] |= hint::MATCH_START;
                    }
                    break;
                }
            }
        }
        h
    }

    /// Runs the recogniser once per sentence over the tokens.
    fn tag_entities(&mut self, model: &Ner, gaz: &Gazetteer) {
        let n = self.toks.len();
        let hints = self.hints(Some(gaz));
        self.ner_at = vec![None; n];
        self.ner_tok = vec![0; n];
        let mut words: Vec<&str> = Vec::new();
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && self.sent[b] == self.sent[a] {
                b += 1;
            }
            words.clear();
            words.extend((a..b).map(|k| self.tt(k)));
            for e in model.tag(&words, &hints[a..b]) {
                self.ner_at[a + e.start] = Some((a + e.end, e.kind));
                for k in a + e.start..a + e.end {
                    self.ner_tok[k] = e.kind + 1;
                }
            }
            a = b;
        }
    }

    fn tt(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.span.text(self.text)).unwrap_or("")
    }
    fn is_word(&self, i: usize) -> bool {
        self.tt(i).chars().next().map_or(false, |c| c.is_alphabetic())
    }
    fn is_cap(&self, i: usize) -> bool {
        self.tt(i).chars().next().map_or(false, |c| c.is_uppercase())
    }
    fn is_lower_word(&self, i: usize) -> bool {
        self.tt(i).chars().next().map_or(false, |c| c.is_lowercase())
    }
    fn lower_is(&self, i: usize, words: &[&str]) -> bool {
        let w = self.tt(i);
        words.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        a < self.toks.len() && b < self.toks.len() && self.sent[a] == self.sent[b]
    }
    fn caps(&self, i: usize) -> bool {
        self.caps_sentence.get(self.sent.get(i).copied().unwrap_or(0) as usize).copied().unwrap_or(false)
    }
    /// No whitespace between tokens i and i+1.
    fn glued(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }
    /// A common word rather than a name: a stop word, or a capitalised word that the article
    /// also writes in lower case.
    fn is_common(&self, i: usize) -> bool {
        let w = self.tt(i);
        if self.lex.is_stop_word(w) {
            return true;
        }
        griot_lexicon::lexicon::with_lower(w, |l| self.lower_words.contains(l))
    }
    /// If tokens at `j` are a possessive ('s, ’s, ', ’), the index after it.
    fn possessive(&self, j: usize) -> Option<usize> {
        let w = self.tt(j);
        if !self.toks.get(j).map_or(false, |t| j > 0 && self.toks[j - 1].span.end == t.span.start) {
            return None;
        }
        match w {
            "'s" | "’s" | "'S" | "’S" => Some(j + 1),
            "'" | "’" => {
                if matches!(self.tt(j + 1), "s" | "S") && self.glued(j) {
                    Some(j + 2)
                } else {
                    Some(j + 1)
                }
            }
            _ => None,
        }
    }
    fn tok_index(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < byte)
    }

    /// A hyphenated token "X-owned" (flagged, led, run, ...) whose first part is a
    /// dictionary phrase: the match over the whole token and the end of the phrase.
    fn owned_compound(&self, t: Span) -> Option<(griot_lexicon::PhraseMatch, usize)> {
        const OWNED: &[&str] = &["flagged", "owned", "led", "registered", "run", "operated", "controlled", "commanded", "governed", "ruled", "crewed"];
        let tok = t.text(self.text);
        let dash = tok.rfind('-')?;
        let suffix = &tok[dash + 1..];
        if dash == 0 || !OWNED.iter().any(|w| w.eq_ignore_ascii_case(suffix)) {
            return None;
        }
        let head = &self.text[t.start..t.start + dash];
        let m = self.lex.find_at(head, 0).filter(|m| m.end == head.len())?;
        Some((griot_lexicon::PhraseMatch { start: t.start, end: t.end, key: m.key }, t.start + dash))
    }

    /// The dictionary hit of match `m` (written up to `wend`): `Ok(None)` when the match
    /// cannot stand here, `Err(())` when no sense of it fits as written.
    fn dictionary_hit(&self, m: griot_lexicon::PhraseMatch, wend: usize, best: &[Option<Hit>]) -> Result<Option<(usize, Hit)>, ()> {
        let ta = self.tok_index(m.start);
        if ta >= self.toks.len() || self.toks[ta].span.start != m.start {
            return Ok(None);
        }
        let tb = self.tok_index(m.end);
        if tb == 0 || self.toks[tb - 1].span.end != m.end || tb <= ta {
            return Ok(None);
        }
        if let Some(b) = &best[ta] {
            if b.end >= m.end {
                return Ok(None);
            }
        }
        if !self.same_sentence(ta, tb - 1) {
            return Ok(None);
        }
        let written = &self.text[m.start..wend];
        let mut hit = Hit { start: m.start, end: m.end, ta, tb, ..Default::default() };
        let caps = self.caps(ta);
        let mut actor_choice: Option<(u32, PhraseRole, Option<String>, bool)> = None;
        for s in self.lex.senses(m.key) {
            if !case_fits(&s.written, written) {
                continue;
            }
            let e = self.lex.entry(s.entry);
            if caps && s.written.chars().all(|c| !c.is_lowercase()) && s.written.len() <= 5 && self.is_common(ta) {
                continue;
            }
            if !e.unless.is_empty() && self.vetoed(e, ta, tb) {
                continue;
            }
            match e.kind {
                EntryKind::Not => hit.blocked = true,
                EntryKind::Agent => hit.agent = Some(s.entry),
                EntryKind::Title => hit.title = Some(s.entry),
                k if k.is_actor() => {
                    let valid = self.lex.valid_on(s.entry, self.date);
                    let better = match &actor_choice {
                        None => true,
                        Some((_, _, _, v)) => valid && !*v || (valid == *v && self.date.is_none()),
                    };
                    if better {
                        actor_choice = Some((s.entry, s.role, s.sector.clone(), valid));
                    }
                }
                _ => {}
            }
        }
        if let Some((id, role, sector, valid)) = actor_choice {
            let e = self.lex.entry(id);
            if e.kind == EntryKind::Person || e.valid.is_open() || valid {
                hit.actor = Some((id, role, sector));
                hit.in_office = valid;
            } else if e.kind != EntryKind::Person {
                // A group outside its dates (the Taliban before 2021 as GOV): keep the
                // name, drop the sector.
                hit.actor = Some((id, role, None));
            }
        }
        if hit.blocked {
            hit.actor = None;
            hit.agent = None;
            hit.title = None;
        }
        if hit.actor.is_some() || hit.agent.is_some() || hit.title.is_some() || hit.blocked {
            Ok(Some((ta, hit)))
        } else {
            Err(())
        }
    }

    /// Runs the automaton and keeps, at each token, the longest match that fits.
    fn match_dictionary(&mut self) {
        let mut best: Vec<Option<Hit>> = vec![None; self.toks.len()];
        let mut prev_end = 0usize;
        for ti in 0..self.toks.len() {
            let t = self.toks[ti].span;
            // Phrases start at word starts only.
            let starts_word = t.text(self.text).chars().next().map_or(false, |c| c.is_alphanumeric())
                && !(ti > 0 && prev_end == t.start && self.tt(ti - 1).chars().next_back().map_or(false, |c| c.is_alphanumeric()));
            prev_end = t.end;
            if !starts_word {
                continue;
            }
            // "a British-flagged tanker", "the Saudi-led coalition": a state's name before a
            // word of ownership or command, in one hyphenated token, names the state
            // the longest phrase first; when none of its senses fits as written ("US military"
            // against the organisation "U.S. Military"), the longest shorter one ("US")
            let mut limit = self.text.len();
            for _ in 0..4 {
                let found = self.lex.find_at(&self.text[..limit], t.start);
                let whole = found.filter(|m| m.end >= t.end).map(|m| (m, m.end));
                let Some((m, wend)) = whole.or_else(|| self.owned_compound(t)).or_else(|| found.map(|m| (m, m.end))) else { break };
                match self.dictionary_hit(m, wend, &best) {
                    Ok(Some((ta, hit))) => {
                        best[ta] = Some(hit);
                        break;
                    }
                    Ok(None) => break,
                    Err(()) => {
                        // nothing fits: try the phrase without its last word
                        let ta = self.tok_index(m.start);
                        let tb = self.tok_index(m.end);
                        if tb < ta + 2 || tb > self.toks.len() {
                            break;
                        }
                        limit = self.toks[tb - 2].span.end;
                    }
                }
            }
        }
        // Greedy, left to right, longest first.
        let mut i = 0;
        while i < best.len() {
            if let Some(h) = best[i].take() {
                let tb = h.tb;
                let id = self.hits.len() as u32;
                self.hits.push(h);
                self.hit_at[i] = Some(id);
                i = tb.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// Single capitalised words used as team names: followed by a score in a sentence with
    /// at least two numbers, or next to "beat"/"v".
    fn find_teams(&mut self) {
        let n = self.toks.len();
        let is_number = |k: usize| self.tt(k).chars().next().map_or(false, |c| c.is_ascii_digit());
        let mut numbers = vec![0u32; self.caps_sentence.len().max(1)];
        for k in 0..n {
            if is_number(k) {
                if let Some(c) = numbers.get_mut(self.sent[k] as usize) {
                    *c += 1;
                }
            }
        }
        let mut found = Vec::new();
        for i in 0..n {
            if !self.is_cap(i) || !self.is_word(i) || self.hit(i).is_some() || self.lex.is_stop_word(self.tt(i)) || self.lex.is_given_name(self.tt(i)) {
                continue;
            }
            let single = (i == 0 || !self.same_sentence(i - 1, i) || !(self.is_cap(i - 1) && self.is_word(i - 1))) && !(self.is_cap(i + 1) && self.is_word(i + 1) && self.same_sentence(i, i + 1));
            if !single {
                continue;
            }
            let at_start = self.sent_start[i] == i;
            let scored = (self.caps(i) || at_start || (i > 0 && is_number(i - 1))) && i + 1 < n && is_number(i + 1) && self.same_sentence(i, i + 1) && numbers.get(self.sent[i] as usize).copied().unwrap_or(0) >= 3 && !(at_start && (i + 1..n).take_while(|&k| self.same_sentence(i, k)).all(|k| !self.is_word(k)));
            let versus = self.lower_is(i + 1, &["beat", "beats", "v", "vs", "drew", "defeated", "edged", "routed", "thrashed", "trounced"])
                || (i > 0 && self.lower_is(i - 1, &["beat", "beats", "v", "vs", "drew", "defeated", "edged", "routed", "thrashed", "trounced"]));
            if scored || versus {
                found.push(self.tt(i));
            }
        }
        self.teams.extend(found);
    }

    fn vetoed(&self, e: &Entry, ta: usize, tb: usize) -> bool {
        let lo = ta.saturating_sub(4);
        let hi = (tb + 4).min(self.toks.len());
        (lo..hi).filter(|&i| i < ta || i >= tb).any(|i| {
            let w = self.tt(i);
            e.unless.iter().any(|u| u.eq_ignore_ascii_case(w))
        })
    }

    fn hit(&self, i: usize) -> Option<&Hit> {
        self.hit_at.get(i).copied().flatten().map(|h| &self.hits[h as usize])
    }

    /// Reads agent words from token `j` on: returns (end token, agents in order, head).
    /// A lower-case word after an agent that reads as a past-tense verb ("police arrested
    /// opposition leaders", "the army killed ten militants"): the end of the phrase, not a
    /// modifier of a next agent.
    fn verb_after_agent(&self, j: usize) -> bool {
        let w = self.tt(j);
        (w.len() > 4 && w.ends_with("ed")) || IRREGULAR_PAST.iter().any(|f| f.eq_ignore_ascii_case(w))
    }

    /// A word that is a finite verb wherever it stands between a name and an agent word
    /// ("Russia sent attack helicopters", "Mali has deployed troops"): never a modifier.
    fn finite_verb_word(&self, j: usize) -> bool {
        const AUX: &[&str] = &["has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "did", "does", "do", "says", "said"];
        let w = self.tt(j);
        AUX.iter().any(|a| a.eq_ignore_ascii_case(w)) || IRREGULAR_PAST.iter().any(|f| f.eq_ignore_ascii_case(w))
    }

    /// A past form in "-ed" that stands right after a name, before any agent word ("China
    /// dispatched warships", "the Pentagon deployed an aircraft carrier") is the verb, unless it
    /// is one of the participles that name a kind of force or person ("US armed forces",
    /// "Russian-speaking", "masked gunmen").
    fn past_verb_after_name(&self, j: usize) -> bool {
        const ADJECTIVAL: &[&str] = &["armed", "united", "combined", "allied", "elected", "retired", "uniformed", "masked", "unidentified", "suspected", "alleged", "exiled", "embattled", "detained", "jailed", "imprisoned", "wounded", "injured", "displaced", "trained", "organized", "organised", "licensed", "registered", "appointed", "designated", "unnamed", "talented", "skilled", "unarmed", "disgruntled", "concerned", "interested", "dedicated", "specialised", "specialized", "seasoned", "sacked", "ousted", "deposed", "besieged", "beleaguered", "aggrieved", "disaffected"];
        let w = self.tt(j);
        w.len() > 4 && w.ends_with("ed") && !w.contains('-') && !ADJECTIVAL.iter().any(|a| a.eq_ignore_ascii_case(w))
    }

    fn agents_from(&self, mut j: usize, limit_sentence: usize) -> (usize, Vec<u32>) {
        let mut agents = Vec::new();
        let mut end = j;
        let mut modifiers = 0;
        while j < self.toks.len() && self.same_sentence(j, limit_sentence) {
            if let Some(h) = self.hit(j) {
                if let (Some(a), None) = (h.agent, &h.actor) {
                    agents.push(a);
                    j = h.tb;
                    end = j;
                    continue;
                }
                break;
            }
            // One or two lower-case modifiers may sit between ("its latest decision" no,
            // "military junta" yes): only if an agent follows.
            if self.is_lower_word(j) && modifiers < 2 && !self.lower_is(j, DETERMINERS) && !(!agents.is_empty() && self.verb_after_agent(j)) && !self.finite_verb_word(j) && !(agents.is_empty() && modifiers == 0 && self.past_verb_after_name(j)) && !self.lower_is(j, &["and", "or", "of", "to", "in", "on", "with", "for", "by", "from", "at", "as", "but", "nor"]) {
                let next_agent = (j + 1..(j + 3).min(self.toks.len())).find(|&k| self.hit(k).map_or(false, |h| h.agent.is_some() && h.actor.is_none()));
                if let Some(k) = next_agent {
                    if (j + 1..k).all(|x| self.is_lower_word(x) && !self.lower_is(x, DETERMINERS) && !self.lower_is(x, &["and", "or", "of", "to", "in", "on", "with", "for", "by"])) {
                        modifiers += k - j;
                        j = k;
                        continue;
                    }
                }
            }
            break;
        }
        (end, agents)
    }

    /// Sector of an actor phrase: the head's, unless the head is weak, then the last strong
    /// agent's before it, then the actor's own.
    fn phrase_sector(&self, agents: &[u32], own: Option<&str>) -> Option<String> {
        let head = *agents.last()?;
        let he = self.lex.entry(head);
        if !he.weak {
            return he.sector.clone();
        }
        for &a in agents[..agents.len() - 1].iter().rev() {
            let e = self.lex.entry(a);
            if !e.weak {
                return e.sector.clone();
            }
        }
        own.map(str::to_string).or_else(|| he.sector.clone())
    }

    fn span(&self, ta: usize, tb: usize) -> Span {
        let a = self.toks.get(ta).map(|t| t.span.start).unwrap_or(0);
        let b = self.toks.get(tb.saturating_sub(1)).map(|t| t.span.end).unwrap_or(a);
        Span::new(a, b.max(a))
    }
    fn words(&self, ta: usize, tb: usize) -> String {
        self.span(ta, tb).text(self.text).to_string()
    }

    fn run(&self) -> Vec<Proto> {
        let mut out: Vec<Proto> = Vec::new();
        let mut consumed = vec![false; self.toks.len()];
        // People found so far: (full name tokens as strings, index into out).
        let mut people: Vec<(Vec<String>, usize)> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if consumed[i] {
                i += 1;
                continue;
            }
            if let Some(&Some((e, _))) = self.ner_at.get(i) {
                // The recogniser's entity, unless a dictionary name says as much or more.
                // A longer entity over a dictionary name takes over only when no dictionary
                // word follows inside it: "China Daily" is a name of its own, "US State
                // Department" stays the US with an agent phrase.
                let dict = self.hit(i).filter(|h| !h.blocked && h.actor.is_some());
                let person = dict.is_some_and(|h| h.actor.as_ref().is_some_and(|(id, _, _)| self.lex.entry(*id).kind == EntryKind::Person));
                let longer = dict.is_none_or(|h| e > h.tb && (h.tb..e).all(|k| self.hit(k).is_none()));
                let agent_phrase = self.hit(i).is_some_and(|h| h.actor.is_none() && (h.agent.is_some() || h.title.is_some()));
                if !person && longer && !agent_phrase {
                    self.guess_run(i, e, &mut out, &mut people, &mut consumed);
                    i = e;
                    continue;
                }
            }
            if let Some(h) = self.hit(i).cloned() {
                if h.blocked {
                    // A blocking phrase is a name of its own kind, guessed from context.
                    self.guess_run(h.ta, h.tb, &mut out, &mut people, &mut consumed);
                    i = h.tb;
                    continue;
                }
                if let Some((id, role, sector)) = &h.actor {
                    let e = self.lex.entry(*id);
                    if e.kind == EntryKind::Person {
                        let name = e.name.clone();
                        let mut m = mention(self.span(h.ta, h.tb), MentionKind::Person, name, "person_dictionary");
                        m.country = e.code.clone();
                        if h.in_office {
                            m.sector = e.sector.clone();
                            m.title = e.title.clone();
                            m.role = e.role.clone();
                        }
                        let idx = out.len();
                        out.push(proto(m));
                        self.enrich_person(idx, h.ta, h.tb, &mut out, &mut consumed);
                        let toks: Vec<String> = out[idx].m.name.split_whitespace().map(str::to_string).collect();
                        people.push((toks, idx));
                        i = h.tb;
                        continue;
                    }
                    if h.tb == h.ta + 1 && *role != PhraseRole::Adjective && people.iter().any(|(full, _)| full.len() > 1 && full.last().map(|l| l.as_str()) == Some(self.tt(i))) {
                        // "Dole" after "Bob Dole", "Washington" after "Denzel Washington".
                        self.guess_run(i, h.tb, &mut out, &mut people, &mut consumed);
                        i = h.tb;
                        continue;
                    }
                    if *role != PhraseRole::Adjective && e.kind == EntryKind::Country && self.name_continues(h.tb, i) {
                        // "Air France" is merged from the left in run_end; "China Daily",
                        // "France Telecom" here.
                        let end = self.run_end(h.tb).max(h.tb);
                        self.guess_run(i, end, &mut out, &mut people, &mut consumed);
                        i = end;
                        continue;
                    }
                    let end = self.actor_mention(&h, *id, *role, sector.as_deref(), &mut out, &mut consumed);
                    i = end.max(h.tb);
                    continue;
                }
                if h.title.is_some() && h.tb < n && self.is_cap(h.tb) && self.same_sentence(i, h.tb) && !self.is_common_name_start(h.tb) {
                    // Title + name: the name run starts right after.
                    i = h.tb;
                    continue;
                }
                let sentence_initial = (self.sent_start[i]..i).all(|k| !self.is_word(k));
                if h.agent.is_some() && h.title.is_none() && !sentence_initial && !self.caps(i) && (h.ta..h.tb).all(|k| !self.is_word(k) || self.is_cap(k)) {
                    // A capitalised agent phrase inside a sentence is a name ("the Defence
                    // Ministry", "Sahel Mining Company").
                    let end = self.run_end(i).max(h.tb);
                    self.guess_run(i, end, &mut out, &mut people, &mut consumed);
                    i = end;
                    continue;
                }
                if let Some(a) = h.agent {
                    self.agent_mention(&h, a, &mut out, &mut consumed);
                    i = h.tb;
                    continue;
                }
                i = h.tb;
                continue;
            }
            let w = self.tt(i);
            // "the country" / "the nation" refer back to a country.
            if (w.eq_ignore_ascii_case("country") || w.eq_ignore_ascii_case("nation")) && i > 0 && self.lower_is(i - 1, &["the"]) && !self.is_cap(i) {
                let (end, agents) = match self.possessive(i + 1) {
                    Some(j) => self.agents_from(j, i),
                    None => (i + 1, Vec::new()),
                };
                let mut p = proto(mention(self.span(i - 1, i + 1), MentionKind::Nominal, String::new(), "the_country"));
                p.the_country = true;
                p.definite = true;
                if !agents.is_empty() {
                    p.m.span = self.span(i - 1, end);
                    p.m.sector = self.phrase_sector(&agents, None);
                    p.head = agents.last().copied();
                    p.m.origin.rule = "the_country_agent".into();
                    for k in i..end {
                        consumed[k] = true;
                    }
                }
                out.push(p);
                i = end.max(i + 1);
                continue;
            }
            // Pronouns.
            if let Some(pr) = pronoun(w) {
                let mut p = proto(mention(self.span(i, i + 1), MentionKind::Pronoun, w.to_string(), "pronoun"));
                p.pronoun = Some(pr);
                out.push(p);
                i += 1;
                continue;
            }
            if self.is_cap(i) && self.is_word(i) {
                let end = self.run_end(i);
                if end > i {
                    self.guess_run(i, end, &mut out, &mut people, &mut consumed);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// Token `j` continues a capitalised name that ends before it: an unknown capitalised
    /// word, not a common or stop word, in a sentence not written in capitals.
    fn name_continues(&self, j: usize, from: usize) -> bool {
        j < self.toks.len()
            && self.same_sentence(j, from)
            && self.is_cap(j)
            && self.is_word(j)
            && self.hit(j).is_none()
            && !self.caps(j)
            && !self.lex.is_stop_word(self.tt(j))
            && !self.is_common(j)
            && self.toks[j - 1].span.end < self.toks[j].span.start
    }

    /// A capitalised token that starts a sentence and is a common word.
    fn is_common_name_start(&self, i: usize) -> bool {
        self.lex.is_stop_word(self.tt(i))
    }

    /// End of a run of capitalised name words starting at `i` (exclusive); `i` if none.
    fn run_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut j = i;
        let mut end = i;
        while j < n && self.same_sentence(i, j) {
            if j > i {
                if let Some(h) = self.hit(j) {
                    // Capitalised agent words inside a name ("Sahel Mining Company").
                    if h.actor.is_none() && !h.blocked && self.is_cap(j) && (j..h.tb).all(|k| !self.is_word(k) || self.is_cap(k)) {
                        j = h.tb;
                        end = j;
                        continue;
                    }
                    // "Air France", "Real Madrid", "Naina Yeltsin": a dictionary name right after
                    // unknown capitalised words is part of one longer name.
                    let mergeable = match &h.actor {
                        Some((id, role, _)) => *role != PhraseRole::Adjective && matches!(self.lex.entry(*id).kind, EntryKind::Country | EntryKind::Person),
                        None => false,
                    };
                    if mergeable && !self.caps(j) && self.is_cap(j) && !(i..j).all(|k| self.lex.is_stop_word(self.tt(k)) || !self.is_word(k)) {
                        j = h.tb;
                        end = j;
                        continue;
                    }
                    if !h.blocked {
                        break;
                    }
                }
            }
            let w = self.tt(j);
            if self.is_cap(j) && self.is_word(j) {
                if self.lex.is_stop_word(w) && !(j == i && false) {
                    break;
                }
                j += 1;
                end = j;
                continue;
            }
            // Initials "W." and hyphens inside names "Jean-Pierre".
            if j > i && (w == "." && self.tt(j - 1).chars().count() == 1 && self.glued(j - 1)) {
                j += 1;
                end = j;
                continue;
            }
            if j > i && (w == "-" && self.glued(j - 1) && self.glued(j) && self.is_cap(j + 1)) {
                j += 1;
                continue;
            }
            if j > i && self.lower_is(j, CONNECTORS) && self.is_cap(j + 1) && !self.lex.is_stop_word(self.tt(j + 1)) && self.same_sentence(j, j + 1) && self.hit(j + 1).map_or(true, |h| h.actor.is_some() || h.blocked) {
                // "Bank of England": the connector joins only if what precedes is not
                // itself a complete dictionary actor.
                if w == "and" || w == "the" || w == "for" {
                    // Keep "and"/"for" only inside organisation names ("Ministry of Trade and Industry").
                    if !(i..j).any(|k| self.lex.is_org_word(self.tt(k))) {
                        break;
                    }
                }
                j += 1;
                continue;
            }
            break;
        }
        end
    }

    /// Classifies tokens [a, b) as a name of a guessed kind and emits it.
    fn guess_run(&self, a0: usize, b: usize, out: &mut Vec<Proto>, people: &mut Vec<(Vec<String>, usize)>, consumed: &mut [bool]) {
        // The recogniser's entity exactly on these tokens decides the kind and the bounds.
        let forced = match self.ner_at.get(a0) {
            Some(&Some((e, k))) if e == b => Some(k),
            _ => None,
        };
        let mut a = a0;
        let sentence_start = {
            let s = self.sent_start.get(a).copied().unwrap_or(0);
            (s..a).all(|k| !self.is_word(k))
        };
        let caps = self.caps(a);
        // Drop leading common words (sentence-initial "The", "Police", headline words).
        while forced.is_none() && a < b && !self.teams.contains(self.tt(a)) && (self.lex.is_stop_word(self.tt(a)) || ((sentence_start && a == a0 || caps) && self.is_common(a) && !self.lex.is_given_name(self.tt(a)))) {
            a += 1;
        }
        // Headlines: common words anywhere end the name.
        let mut b = b;
        if caps && forced.is_none() {
            if let Some(k) = (a..b).find(|&k| self.is_common(k)) {
                b = k;
            }
        }
        while b > a && !self.is_word(b - 1) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let names: Vec<&'a str> = (a..b).map(|k| self.tt(k)).filter(|w| w.chars().next().map_or(false, |c| c.is_alphabetic())).collect();
        if names.is_empty() {
            return;
        }
        let prev = a.checked_sub(1);
        let title = prev.and_then(|p| self.title_before(p + 1));
        let first_given = self.lex.is_given_name(names[0]);
        let org_word = names.iter().any(|w| self.lex.is_org_word(w))
            || names.last().map_or(false, |w| {
                let l = w.to_lowercase();
                names.len() == 1 && ["bank", "corp", "tel", "com", "soft", "tech", "air"].iter().any(|s| l.len() > s.len() + 2 && l.ends_with(s))
            })
            || (a..b).any(|k| self.tt(k) == "&")
            || (a > 0 && self.same_sentence(a - 1, a) && self.lower_is(a - 1, &["company", "firm", "group", "bank", "carrier", "airline", "club", "side", "team", "newspaper", "daily", "weekly", "agency", "insurer", "retailer", "maker", "manufacturer", "brokerage", "broker", "conglomerate", "producer", "operator", "rivals", "champions", "holders", "leaders", "unit", "subsidiary", "automaker", "carmaker", "chipmaker", "airlines", "outfit", "lender", "utility", "exporter", "importer", "distributor", "supplier"]))
            || {
                let k = self.possessive(b).unwrap_or(b);
                self.is_lower_word(k) && self.lower_is(k, &["shares", "stock", "stocks", "spokesman", "spokeswoman", "chairman", "executives", "subsidiary", "unit", "shareholders", "plant", "plants", "bonds", "profit", "profits", "net", "earnings", "board", "subsidiary", "unit", "coach", "manager", "midfielder", "striker", "defender", "goalkeeper", "captain", "team", "squad", "fans", "president", "executive", "headquarters", "stake", "management"])
            };
        let misc_word = names.iter().any(|w| self.lex.is_misc_word(w));
        let dict_person = (a..b).filter_map(|k| self.hit(k)).find_map(|h| match &h.actor {
            Some((id, _, _)) if self.lex.entry(*id).kind == EntryKind::Person => Some(*id),
            _ => None,
        });
        let dict_place = (a..b).filter_map(|k| self.hit(k)).any(|h| matches!(&h.actor, Some((id, _, _)) if self.lex.entry(*id).kind == EntryKind::Country));
        let is_number = |k: usize| self.tt(k).chars().next().map_or(false, |c| c.is_ascii_digit());
        let sent_lo = self.sent_start.get(a).copied().unwrap_or(0);
        let mut sent_hi = b;
        while sent_hi < self.toks.len() && self.same_sentence(sent_hi, a) {
            sent_hi += 1;
        }
        let numbers_in_sentence = (sent_lo..sent_hi).filter(|&k| is_number(k)).count();
        let dateline_line = a == sent_lo && (b..sent_hi).all(|k| !self.is_word(k)) && b < sent_hi && is_number(b);
        let team = !dateline_line
            && ((is_number(b) && self.same_sentence(a, b) && numbers_in_sentence >= 2)
                || (a > sent_lo && self.lower_is(a - 1, &["beat", "beats", "v", "vs", "drew", "defeated", "edged", "routed", "thrashed", "trounced", "against"]) && numbers_in_sentence >= 1)
                || self.lower_is(b, &["beat", "beats", "v", "vs", "drew", "defeated", "edged", "routed", "thrashed", "trounced"]));
        let place_word = names.iter().any(|w| self.lex.is_place_word(w));
        let earlier = people
            .iter()
            .find(|(full, _)| names.len() <= full.len() && full[full.len() - names.len()..].iter().zip(&names).all(|(x, y)| x == y))
            .map(|(_, idx)| *idx);
        let prev_word = prev.filter(|&p| self.same_sentence(p, a)).map(|p| self.tt(p)).unwrap_or("");
        let prev2 = if prev_word.eq_ignore_ascii_case("the") { a.checked_sub(2).filter(|&p| self.same_sentence(p, a)).map(|p| self.tt(p)).unwrap_or("") } else { "" };
        let prep = (PLACE_PREPS.iter().any(|x| x.eq_ignore_ascii_case(prev_word)) && !self.is_cap(a.saturating_sub(1)))
            || PLACE_PREPS.iter().any(|x| x.eq_ignore_ascii_case(prev2))
            || self.lower_is(b, &["region", "province", "city", "town", "village", "area", "district", "border", "river", "valley", "state", "county", "desert", "capital", "island", "coast", "airport", "port"]);
        let next = b;
        let said_after = (next < self.toks.len() && self.lower_is(next, SPEECH_VERBS))
            || (self.tt(next) == "," && self.is_word(next + 1) && self.lower_is(next + 1, &["who", "aged"]))
            || (self.tt(next) == "," && self.tt(next + 1).chars().all(|c| c.is_ascii_digit()) && self.tt(next + 2) == ",");
        let cue_before = prev.map_or(false, |p| self.same_sentence(p, a) && (self.lower_is(p, PERSON_CUES) || self.hit(p).map_or(false, |h| h.agent.is_some() && h.actor.is_none() && self.lex.entry(h.agent.unwrap_or(0)).weak)));
        let followed_by_country = self.tt(next) == "," && self.hit(next + 1).map_or(false, |h| matches!(&h.actor, Some((id, PhraseRole::Name, _)) if self.lex.entry(*id).kind == EntryKind::Country));
        let acronym = names.len() == 1 && names[0].len() >= 2 && names[0].len() <= 6 && names[0].chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && !caps;

        let (kind, rule) = if let Some(k) = forced {
            match k {
                0 => (MentionKind::Person, "ner_person"),
                1 => (MentionKind::Place, "ner_place"),
                2 => (MentionKind::Organisation, "ner_organisation"),
                _ => (MentionKind::Other, "ner_misc"),
            }
        } else if misc_word && title.is_none() {
            (MentionKind::Other, "guess_misc_word")
        } else if dict_person.is_some() && !org_word {
            (MentionKind::Person, "person_dictionary_name")
        } else if title.is_some() && !org_word {
            (MentionKind::Person, "person_title")
        } else if (team && !place_word && !first_given && earlier.is_none() && names.len() <= 3) || (names.len() == 1 && self.teams.contains(names[0])) {
            (MentionKind::Organisation, "guess_team")
        } else if let Some(_e) = earlier.filter(|_| !org_word && !place_word) {
            (MentionKind::Person, "person_coref")
        } else if org_word {
            (MentionKind::Organisation, "guess_org_word")
        } else if place_word {
            (MentionKind::Place, "guess_place_word")
        } else if dict_place {
            (MentionKind::Organisation, "guess_name_with_place")
        } else if first_given && !prep {
            (MentionKind::Person, "person_given_name")
        } else if cue_before || said_after {
            (MentionKind::Person, "person_context")
        } else if followed_by_country || (dateline_line && names.len() <= 3) {
            (MentionKind::Place, "guess_place_context")
        } else if prep {
            (MentionKind::Place, "guess_place_preposition")
        } else if acronym {
            (MentionKind::Organisation, "guess_acronym")
        } else if names.len() >= 2 {
            (MentionKind::Person, "guess_capitalised")
        } else if sentence_start && a == a0 {
            // A lone capitalised word opening a sentence, with no cue: a common word.
            return;
        } else {
            (MentionKind::Other, "guess_capitalised")
        };
        let span = self.span(a, b);
        let mut m = mention(span, kind, names.join(" "), rule);
        m.guessed = true;
        if kind == MentionKind::Organisation {
            let agents: Vec<u32> = (a..b).filter_map(|k| self.hit(k)).filter(|h| h.actor.is_none()).filter_map(|h| h.agent).collect();
            m.sector = self.phrase_sector(&agents, None);
        }
        for k in a..b {
            consumed[k] = true;
        }
        let idx = out.len();
        if kind == MentionKind::Person {
            if let Some(e) = earlier {
                let first = &out[e].m;
                m.name = first.name.clone();
                m.country = first.country.clone();
                m.sector = first.sector.clone();
                m.role = first.role.clone();
                if m.title.is_none() {
                    m.title = first.title.clone();
                }
            }
            out.push(proto(m));
            self.enrich_person(idx, a, b, out, consumed);
            if earlier.is_none() {
                people.push((names.iter().map(|w| w.to_string()).collect(), idx));
            }
        } else {
            out.push(proto(m));
        }
    }

    /// The title written right before token `i` ("Colonel", "Col."), as its canonical form.
    fn title_before(&self, i: usize) -> Option<(u32, usize)> {
        // Find a hit ending at i.
        let mut k = i.checked_sub(1)?;
        loop {
            if let Some(h) = self.hit(k) {
                if h.tb == i && h.title.is_some() && self.same_sentence(k, i) {
                    return h.title.map(|t| (t, k));
                }
                return None;
            }
            if k == 0 || i - k > 4 {
                return None;
            }
            k -= 1;
        }
    }

    /// Adds title, role, country and sector from the words around a person's name [a, b).
    fn enrich_person(&self, idx: usize, a: usize, b: usize, out: &mut Vec<Proto>, consumed: &mut [bool]) {
        let mut start = a;
        let mut role_sector: Option<String> = None;
        let mut country: Option<String> = None;
        let mut role: Option<String> = None;
        if let Some((t, tk)) = self.title_before(a) {
            let e = self.lex.entry(t);
            let m = &mut out[idx].m;
            if m.title.is_none() || m.origin.rule != "person_dictionary" {
                // The title as written, unless abbreviated ("Col." -> "Colonel").
                let written = self.words(tk, a);
                let abbreviated = written.ends_with('.') || written.chars().count() <= 3 || !written.contains(char::is_lowercase);
                m.title = Some(if abbreviated { e.name.clone() } else { written });
            }
            if m.sector.is_none() {
                m.sector = e.sector.clone();
            }
            if m.role.is_none() {
                m.role = e.role.clone();
            }
            start = tk;
        }
        // Role phrase before: [country|seat|adj|org] [lower words] agent-words, then the name.
        let mut k = start;
        let mut agents_rev: Vec<u32> = Vec::new();
        let mut role_start = k;
        let mut actor_sector: Option<String> = None;
        let titled = start < a;
        while k > 0 {
            let p = k - 1;
            if !self.same_sentence(p, a) {
                break;
            }
            // Find a hit ending at k.
            let h = (p.saturating_sub(6)..=p).rev().filter_map(|x| self.hit(x)).find(|h| h.tb == k).cloned();
            if let Some(h) = h {
                if let Some(ag) = h.agent.filter(|_| h.actor.is_none()) {
                    agents_rev.push(ag);
                    k = h.ta;
                    role_start = k;
                    continue;
                }
                if let Some((id, _, sec)) = &h.actor {
                    let e = self.lex.entry(*id);
                    if e.kind != EntryKind::Person && (!agents_rev.is_empty() || titled) {
                        country = e.code.clone();
                        actor_sector = sec.clone().or_else(|| e.sector.clone());
                        if matches!(e.kind, EntryKind::Organisation) || sec.is_some() {
                            role_start = h.ta;
                        }
                        k = h.ta;
                    }
                }
                break;
            }
            // Possessive between country and role: "Niger's Prime Minister".
            if matches!(self.tt(p), "s" | "'s" | "’s" | "'" | "’") && (!agents_rev.is_empty() || titled) {
                let q = if matches!(self.tt(p), "s") { p.saturating_sub(1) } else { p };
                if q < p || matches!(self.tt(p), "'s" | "’s" | "'" | "’") {
                    k = q;
                    continue;
                }
            }
            break;
        }
        if !agents_rev.is_empty() {
            agents_rev.reverse();
            role_sector = self.phrase_sector(&agents_rev, actor_sector.as_deref());
            let rs = role_start.min(start);
            let re = if start > a { a } else { start };
            let text = self.words(rs, re);
            if !text.is_empty() {
                role = Some(text);
            }
            for x in k..start {
                consumed[x] = true;
            }
        }
        // Apposition after: ", [the] [Country's|Adj] [words] agent ,|."
        let mut j = b;
        if self.tt(j) == "," && self.same_sentence(j, a) {
            j += 1;
            if self.lower_is(j, DETERMINERS) {
                j += 1;
            }
            let mut ap_country = None;
            let mut ap_sector = None;
            if let Some(h) = self.hit(j).cloned() {
                if let Some((id, _, sec)) = &h.actor {
                    let e = self.lex.entry(*id);
                    if e.kind != EntryKind::Person {
                        ap_country = e.code.clone();
                        ap_sector = sec.clone();
                        j = self.possessive(h.tb).unwrap_or(h.tb);
                    }
                }
            }
            let rs = j;
            let (end, agents) = self.agents_from(j, a);
            let closes = end > rs && matches!(self.tt(end), "," | "." | ";" | ")") || end == self.toks.len();
            if !agents.is_empty() && closes && end - rs <= 5 {
                if role.is_none() {
                    role = Some(self.words(rs, end).to_lowercase());
                }
                if country.is_none() {
                    country = ap_country;
                }
                if role_sector.is_none() {
                    role_sector = self.phrase_sector(&agents, ap_sector.as_deref());
                }
            }
        }
        let m = &mut out[idx].m;
        if m.role.is_none() || role.is_some() && m.origin.rule != "person_dictionary" {
            if role.is_some() {
                m.role = role;
            }
        }
        if let Some(s) = role_sector {
            // The role phrase says more than a title ("Colonel ..., military spokesperson").
            m.sector = Some(s);
        }
        if country.is_some() {
            m.country = country;
        }
        if m.country.is_none() && (m.title.is_some() || m.role.is_some()) && m.sector.is_some() {
            out[idx].needs_country = true;
            out[idx].role_words = (k..start).filter(|&x| self.is_word(x)).map(|x| self.tt(x).to_lowercase()).collect();
        }
    }

    /// A dictionary actor, with the agent words after it ("Niger's military junta").
    fn actor_mention(&self, h: &Hit, id: u32, role: PhraseRole, sector: Option<&str>, out: &mut Vec<Proto>, consumed: &mut [bool]) -> usize {
        let e = self.lex.entry(id);
        let kind = match e.kind {
            EntryKind::Country => MentionKind::Country,
            EntryKind::Igo => MentionKind::Igo,
            EntryKind::Group => MentionKind::Group,
            _ => MentionKind::Organisation,
        };
        let rule = match (e.kind, role) {
            (EntryKind::Country, PhraseRole::Adjective) => "country_adjective",
            (EntryKind::Country, PhraseRole::Seat) => "seat_of_power",
            (EntryKind::Country, _) => "country_name",
            (EntryKind::Igo, _) => "igo",
            (EntryKind::Group, _) => "group",
            _ => "organisation",
        };
        let name = match (e.kind, role) {
            (EntryKind::Country, _) => e.code.as_deref().and_then(|c| self.lex.country_name(c)).unwrap_or(&e.name).to_string(),
            _ => e.name.clone(),
        };
        let own_sector = sector.map(str::to_string).or_else(|| e.sector.clone());
        let mut m = mention(Span::new(h.start, h.end), kind, name.clone(), rule);
        m.country = e.code.clone();
        m.sector = own_sector.clone();
        out.push(proto(m.clone()));
        for k in h.ta..h.tb {
            consumed[k] = true;
        }
        // Agent words after (possessive allowed): a Nominal actor phrase covering both.
        let j = self.possessive(h.tb).unwrap_or(h.tb);
        let (end, agents) = self.agents_from(j, h.ta);
        let mut start_tok = h.ta;
        if h.ta > 0 && self.lower_is(h.ta - 1, DETERMINERS) && self.same_sentence(h.ta - 1, h.ta) {
            start_tok = h.ta - 1;
        }
        let before_name = end < self.toks.len() && self.is_cap(end) && self.same_sentence(end, h.ta) && !self.is_common(end) && self.hit(end).map_or(true, |x| x.title.is_some() || x.actor.as_ref().map_or(false, |(id, _, _)| self.lex.entry(*id).kind == EntryKind::Person));
        if !agents.is_empty() && !before_name && self.noun_head_ok(end) {
            // Agent words followed by a name are a role before a person ("US State
            // Department spokesperson Matthew Miller"): the person takes them.
            // "a Kosovar Albanian police officer": of two nationality adjectives the first
            // is the state, the second the people (the phrase starts at the first)
            let mut code = e.code.clone();
            if role == PhraseRole::Adjective && h.ta > 0 && self.same_sentence(h.ta - 1, h.ta) {
                if let Some(x) = self.hit(h.ta - 1).filter(|x| x.tb == h.ta) {
                    if let Some((pid, PhraseRole::Adjective, _)) = &x.actor {
                        let pe = self.lex.entry(*pid);
                        if pe.kind == EntryKind::Country && pe.code.is_some() {
                            code = pe.code.clone();
                            start_tok = h.ta - 1;
                            if start_tok > 0 && self.lower_is(start_tok - 1, DETERMINERS) && self.same_sentence(start_tok - 1, h.ta) {
                                start_tok -= 1;
                            }
                        }
                    }
                }
            }
            let mut n = mention(self.span(start_tok, end), MentionKind::Nominal, name, "actor_agent");
            n.country = code;
            n.sector = self.phrase_sector(&agents, own_sector.as_deref());
            let mut p = proto(n);
            p.head = agents.last().copied();
            p.definite = true;
            p.plural = self.tt(end - 1).ends_with('s');
            out.push(p);
            return end;
        }
        h.tb
    }

    /// The agent word before token `end` is a noun head, not a modifier ("the military
    /// said" yes, "a military pact" no): what follows is not a lower-case content word.
    fn noun_head_ok(&self, end: usize) -> bool {
        if end >= self.toks.len() || !self.is_lower_word(end) || !self.same_sentence(end - 1, end) {
            return true;
        }
        // Plural heads ("troops", "personnel") are rarely modifiers.
        let head = self.tt(end - 1);
        if head.ends_with('s') || head.eq_ignore_ascii_case("personnel") {
            return true;
        }
        let w = self.tt(end);
        const FUNCTION: &[&str] = &[
            "said", "says", "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should", "may", "might", "must", "can",
            "of", "in", "on", "to", "for", "that", "which", "who", "with", "from", "at", "by", "as", "been", "also", "told", "then", "did", "do",
            "does", "not", "now", "still", "later", "since", "after", "before", "into", "over", "under", "against", "near", "during", "within",
            "across", "say", "and", "or", "claimed", "reportedly", "allegedly", "officially", "there", "here", "but", "when", "while", "if", "because",
        ];
        if FUNCTION.iter().chain(IRREGULAR_PAST).any(|f| f.eq_ignore_ascii_case(w)) {
            return true;
        }
        w.ends_with("ed") || w.ends_with("ing")
    }

    /// Agent words without an actor before them: "the junta", "militants".
    fn agent_mention(&self, h: &Hit, a: u32, out: &mut Vec<Proto>, consumed: &mut [bool]) {
        let (end, agents) = self.agents_from(h.ta, h.ta);
        let agents = if agents.is_empty() { vec![a] } else { agents };
        let end = end.max(h.tb);
        let head = *agents.last().unwrap_or(&a);
        let he = self.lex.entry(head);
        let mut start_tok = h.ta;
        // Lower-case modifiers before ("military leadership") are read by agents_from only
        // forward; look back one adjective-like word for the determiner.
        let mut definite = false;
        if h.ta > 0 && self.same_sentence(h.ta - 1, h.ta) {
            if self.lower_is(h.ta - 1, DEFINITE) {
                definite = true;
                start_tok = h.ta - 1;
            } else if self.lower_is(h.ta - 1, &["a", "an"]) {
                start_tok = h.ta - 1;
            } else if h.ta > 1 && self.is_lower_word(h.ta - 1) && self.lower_is(h.ta - 2, DEFINITE) && self.same_sentence(h.ta - 2, h.ta) {
                definite = true;
                start_tok = h.ta - 2;
            }
        }
        // Followed by a capitalised name: a role before a person; leave it to the person.
        if end < self.toks.len() && self.is_cap(end) && self.same_sentence(end, h.ta) && !self.is_common(end) && self.hit(end).map_or(true, |x| x.actor.as_ref().map_or(false, |(id, _, _)| self.lex.entry(*id).kind == EntryKind::Person)) {
            return;
        }
        let state = matches!(he.sector.as_deref(), Some("MIL" | "REB" | "COP" | "UAF" | "CRM" | "REF"));
        if !(definite || (state && !he.weak)) || !self.noun_head_ok(end) || self.lower_is(end, &["and", "or"]) && !definite {
            return;
        }
        // "the government of Niger": the country after "of".
        let mut country = None;
        let mut end2 = end;
        if self.lower_is(end, &["of"]) {
            let k = if self.lower_is(end + 1, &["the"]) { end + 2 } else { end + 1 };
            if let Some(x) = self.hit(k) {
                if let Some((id, PhraseRole::Name, _)) = &x.actor {
                    let e = self.lex.entry(*id);
                    if e.kind == EntryKind::Country {
                        country = e.code.clone();
                        end2 = x.tb;
                    }
                }
            }
        }
        let mut n = mention(self.span(start_tok, if country.is_some() { end } else { end2 }), MentionKind::Nominal, self.words(h.ta, end), "agent_nominal");
        n.sector = self.phrase_sector(&agents, None);
        n.country = country.clone();
        let mut p = proto(n);
        p.head = Some(head);
        p.definite = definite;
        p.plural = self.tt(end - 1).ends_with('s');
        // "its citizens", "their nationals": a possessive pronoun gives any group its owner's state
        let possessed = start_tok < h.ta && self.lower_is(start_tok, &["its", "their", "our"]);
        p.needs_country = country.is_none() && definite && (possessed || matches!(he.sector.as_deref(), Some("GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY")));
        for k in h.ta..end {
            consumed[k] = true;
        }
        out.push(p);
    }
}

fn pronoun(w: &str) -> Option<Pron> {
    match w {
        "he" | "He" | "she" | "She" | "him" | "Him" | "HE" | "SHE" => Some(Pron::Singular),
        "they" | "They" | "THEY" => Some(Pron::Plural),
        _ => None,
    }
}

/// Sorts, links coreference, fills dominant countries, drops unresolved pronouns.
fn finish(protos: &mut Vec<Proto>, cx: &Cx<'_>) -> Vec<Mention> {
    protos.sort_by(|a, b| a.m.span.start.cmp(&b.m.span.start).then(b.m.span.end.cmp(&a.m.span.end)));
    // Dominant country: most mentioned state code (names, adjectives, seats), earliest on ties.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, p) in protos.iter().enumerate() {
        if p.m.kind == MentionKind::Country {
            if let Some(c) = p.m.country.as_deref() {
                let e = counts.entry(c).or_insert((0, i));
                e.0 += 1;
            }
        }
    }
    let dominant: Option<String> = counts.iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1))).map(|(c, _)| c.to_string());
    // the first mention of the dominant country (its country is never changed below)
    let first_dominant = dominant.as_ref().and_then(|d| protos.iter().position(|p| p.m.kind == MentionKind::Country && p.m.country.as_deref() == Some(d)));
    let mut keep = vec![true; protos.len()];
    // kept nominals with a country, by head (each added once its own turn is over, when it
    // no longer changes), for "the junta" looking back for "Niger's junta"
    let mut nominals_by_head: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut first_of: griot_text::hash::FnvMap<u64, usize> = HashMap::default();
    let mut first_nominal: HashMap<(String, u32), usize> = HashMap::new();
    let mut last_country: Option<usize> = None;
    for i in 0..protos.len() {
        if let Some(j) = i.checked_sub(1) {
            if let (true, MentionKind::Nominal, Some(h), true) = (keep[j], protos[j].m.kind, protos[j].head, protos[j].m.country.is_some()) {
                nominals_by_head.entry(h).or_default().push(j);
            }
        }
        // Dominant country for people with an office and definite state nominals.
        if protos[i].needs_country && protos[i].m.country.is_none() && protos[i].m.kind == MentionKind::Person {
            if let Some(c) = person_country(protos, &keep, i, cx) {
                protos[i].m.country = Some(c);
                protos[i].m.guessed = true;
            }
        }
        // (definite nominals look for an antecedent first, below)
        if protos[i].needs_country && protos[i].m.country.is_none() && protos[i].m.kind != MentionKind::Nominal {
            if let Some(d) = &dominant {
                protos[i].m.country = Some(d.clone());
                protos[i].m.guessed = true;
            }
        }
        let kind = protos[i].m.kind;
        match kind {
            MentionKind::Country | MentionKind::Igo | MentionKind::Group | MentionKind::Organisation | MentionKind::Person | MentionKind::Place | MentionKind::Other => {
                let key = {
                    let mut h = griot_text::hash::FnvHasher::default();
                    h.write(&[kind as u8]);
                    if !matches!(kind, MentionKind::Person | MentionKind::Place | MentionKind::Other) {
                        h.write(protos[i].m.country.as_deref().unwrap_or("-").as_bytes());
                        h.write(b"/");
                    }
                    h.write(protos[i].m.name.as_bytes());
                    h.finish()
                };
                match first_of.get(&key) {
                    Some(&f) => protos[i].m.antecedent = Some(MentionId(f as u32)),
                    None => {
                        first_of.insert(key, i);
                    }
                }
                if kind == MentionKind::Country {
                    last_country = Some(i);
                }
            }
            MentionKind::Nominal => {
                if protos[i].the_country {
                    let here = sent_of(cx, &protos[i]);
                    let recent_dominant = dominant.as_ref().and_then(|d| {
                        (0..i).rev().take_while(|&j| here.saturating_sub(sent_of(cx, &protos[j])) <= 1).find(|&j| protos[j].m.kind == MentionKind::Country && protos[j].m.country.as_deref() == Some(d.as_str()))
                    });
                    let target = recent_dominant.or(last_country).or(first_dominant);
                    if let Some(t) = target {
                        let code = protos[t].m.country.clone();
                        let name = protos[t].m.name.clone();
                        let root = protos[t].m.antecedent.map(|x| x.index()).unwrap_or(t);
                        protos[i].m.country = code;
                        protos[i].m.name = name;
                        if protos[i].head.is_none() {
                            protos[i].m.antecedent = Some(MentionId(root as u32));
                        }
                    } else {
                        keep[i] = false;
                        continue;
                    }
                }
                let head = protos[i].head;
                if protos[i].m.country.is_none() && protos[i].definite {
                    // "the junta": the latest actor phrase with the same head word, else the
                    // first with the same agent ("Niger's ruling military ... the junta").
                    if let Some(h) = head {
                        let same = nominals_by_head.get(&h).map(Vec::as_slice).unwrap_or_default();
                        let word = head_word(&protos[i], cx);
                        let found = same.iter().rev().copied().find(|&j| head_word(&protos[j], cx) == word).or_else(|| same.first().copied());
                        if let Some(j) = found {
                            protos[i].m.country = protos[j].m.country.clone();
                            if protos[i].m.sector.is_none() {
                                protos[i].m.sector = protos[j].m.sector.clone();
                            }
                        }
                    }
                    if protos[i].m.country.is_none() && protos[i].needs_country {
                        protos[i].m.country = dominant.clone();
                        protos[i].m.guessed = true;
                    }
                }
                // same country and agent: one referent ("Niger's junta" ... "the nation's
                // military leadership"); a country only guessed from the article links nothing
                // ("the government" guessed Russian is not "Russian diplomats")
                if let (Some(c), Some(h), false) = (protos[i].m.country.clone(), head, protos[i].m.guessed) {
                    let key = (c, h);
                    match first_nominal.get(&key) {
                        Some(&f) if f != i => protos[i].m.antecedent = Some(MentionId(f as u32)),
                        _ => {
                            first_nominal.insert(key, i);
                        }
                    }
                }
                if protos[i].m.name.is_empty() {
                    protos[i].m.name = protos[i].m.span.text(cx.text).to_string();
                }
            }
            MentionKind::Pronoun => {
                let pr = protos[i].pronoun;
                let pos = protos[i].m.span.start;
                let sent_i = cx.sent.get(cx.tok_index(pos)).copied().unwrap_or(0);
                let target = match pr {
                    Some(Pron::Singular) => {
                        // Same sentence before the pronoun: the latest person; else the first
                        // person (subject) of the latest sentence that has one.
                        // (sentences never decrease along protos: each scan stops where its
                        // window of sentences ends)
                        let same = (0..i).rev().take_while(|&j| sent_of(cx, &protos[j]) >= sent_i).find(|&j| keep[j] && protos[j].m.kind == MentionKind::Person && sent_of(cx, &protos[j]) == sent_i);
                        same.or_else(|| {
                            let last = (0..i).rev().take_while(|&j| sent_i.saturating_sub(sent_of(cx, &protos[j])) <= 3).find(|&j| keep[j] && protos[j].m.kind == MentionKind::Person)?;
                            let s = sent_of(cx, &protos[last]);
                            let from = (0..=last).rev().take_while(|&j| sent_of(cx, &protos[j]) >= s).last().unwrap_or(last);
                            (from..=last).find(|&j| keep[j] && protos[j].m.kind == MentionKind::Person && sent_of(cx, &protos[j]) == s)
                        })
                    }
                    Some(Pron::Plural) => (0..i).rev().take_while(|&j| sent_i.saturating_sub(sent_of(cx, &protos[j])) <= 1).find(|&j| {
                        keep[j] && (protos[j].plural || protos[j].m.kind == MentionKind::Group) && matches!(protos[j].m.kind, MentionKind::Nominal | MentionKind::Group) && sent_i.saturating_sub(sent_of(cx, &protos[j])) <= 1
                    }),
                    None => None,
                };
                match target {
                    Some(t) => {
                        let root = protos[t].m.antecedent.map(|x| x.index()).unwrap_or(t);
                        let src = protos[root].m.clone();
                        let m = &mut protos[i].m;
                        m.antecedent = Some(MentionId(root as u32));
                        m.name = src.name;
                        m.country = src.country;
                        m.sector = src.sector;
                        m.title = src.title;
                        m.role = src.role;
                    }
                    None => keep[i] = false,
                }
            }
        }
    }
    // Drop unresolved pronouns and renumber antecedents.
    let mut new_index = vec![u32::MAX; protos.len()];
    let mut n = 0u32;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = n;
            n += 1;
        }
    }
    let mut out = Vec::with_capacity(n as usize);
    for (i, p) in protos.drain(..).enumerate() {
        if !keep[i] {
            continue;
        }
        let mut m = p.m;
        m.antecedent = m.antecedent.and_then(|a| new_index.get(a.index()).copied()).filter(|&x| x != u32::MAX && x != new_index[i]).map(MentionId);
        out.push(m);
    }
    out
}

/// The country of a person whose role gives none, before the article's dominant country:
/// the actor named by the role's agent noun ("Junta spokesman" -> the latest "junta"
/// phrase with a country); else the nearest government or military actor before the name
/// in its sentence ("a US delegation, including ... General X"); else the article's lead state
/// actor, the first government or military actor of its first three sentences ("Niger's
/// military rulers ... Col. X"). Preferring an actor of the person's own sector was tried
/// and picked visiting delegations over the host government.
fn person_country(protos: &[Proto], keep: &[bool], i: usize, cx: &Cx<'_>) -> Option<String> {
    let p = &protos[i];
    let actor_kind = |q: &Proto| matches!(q.m.kind, MentionKind::Country | MentionKind::Nominal) && q.m.country.is_some();
    if !p.role_words.is_empty() {
        if let Some(j) = (0..i).rev().find(|&j| keep[j] && protos[j].m.kind == MentionKind::Nominal && protos[j].m.country.is_some() && !protos[j].the_country && head_word(&protos[j], cx).is_some_and(|h| p.role_words.contains(&h))) {
            return protos[j].m.country.clone();
        }
    }
    let here = sent_of(cx, p);
    let state = |q: &Proto| matches!(q.m.sector.as_deref(), Some("GOV" | "MIL"));
    // protos are in text order, so their sentences never decrease: the scans stop at the
    // sentence (or the first three) they look in
    if let Some(j) = (0..i).rev().take_while(|&j| sent_of(cx, &protos[j]) >= here).find(|&j| keep[j] && actor_kind(&protos[j]) && state(&protos[j]) && !protos[j].the_country && sent_of(cx, &protos[j]) == here) {
        return protos[j].m.country.clone();
    }
    (0..i).take_while(|&j| sent_of(cx, &protos[j]) < 3).find(|&j| keep[j] && actor_kind(&protos[j]) && state(&protos[j])).and_then(|j| protos[j].m.country.clone())
}

/// The last word of a mention, lower case ("junta" in "Niger's junta").
fn head_word(q: &Proto, cx: &Cx<'_>) -> Option<String> {
    q.m.span.text(cx.text).rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).map(|w| w.to_lowercase())
}

fn sent_of(cx: &Cx<'_>, p: &Proto) -> u32 {
    cx.sent.get(cx.tok_index(p.m.span.start)).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use griot_text::{split_sentences, tokenize, Article};

    fn doc(text: &str, date: Option<&str>) -> Doc {
        let mut a = Article::from_text("t", text);
        a.date = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let mut d = Doc::new(a);
        d.sentences = split_sentences(d.text());
        let toks: Vec<Token> = d.sentences.iter().flat_map(|s| tokenize(d.text(), s.span)).collect();
        d.tokens = toks;
        d
    }

    fn finder() -> ActorFinder {
        ActorFinder::new(&Lexicon::builtin().unwrap())
    }

    #[test]
    fn ner_hints_say_what_the_dictionaries_know() {
        let d = doc("President Emmanuel Macron met rebels in Paris . The paris office of Acme Bank closed .", None);
        let gaz = Gazetteer::builtin();
        let h = finder().ner_hints(&d, &gaz);
        assert_eq!(h.len(), d.tokens.len());
        let at = |w: &str| d.tokens.iter().position(|t| t.span.text(d.text()) == w).map(|i| h[i]).unwrap_or(0);
        assert!(at("President") & hint::TITLE != 0);
        assert!(at("Emmanuel") & hint::GIVEN != 0);
        assert!(at("Paris") & hint::PLACE != 0 && at("Paris") & hint::BIG_PLACE != 0);
        assert!(at("Paris") & hint::LOWER_SEEN != 0, "the article also writes 'paris'");
        assert!(at("in") & hint::STOP != 0);
        assert!(at("Bank") & hint::ORG_WORD != 0);
    }

    #[test]
    fn with_the_recogniser_mentions_stay_in_bounds() {
        let gaz = Gazetteer::builtin();
        let f = finder().with_ner(Arc::new(Ner::builtin().unwrap()), &gaz);
        for text in ["CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES .\nW L T GF GA 3 1 0 12 4", "", "\u{0} Émile Zola ’s \u{1F600} Zürich", "Niger's junta expelled French troops from Niamey ."] {
            let d = doc(text, None);
            for m in f.find_mentions(&d) {
                assert!(m.span.start <= m.span.end && m.span.end <= d.text().len(), "{text:?} {m:?}");
            }
        }
        let d = doc("Niger's junta expelled French troops .", None);
        let ms = f.find_mentions(&d);
        assert!(ms.iter().any(|m| m.country.as_deref() == Some("FRA")), "dictionary actors are kept: {ms:?}");
    }

    /// One line per mention: `text kind country sector [title|role] ->antecedent-text`.
    fn render(d: &Doc, ms: &[Mention]) -> Vec<String> {
        ms.iter()
            .map(|m| {
                let mut s = format!("{} {:?} {} {}", m.span.text(d.text()), m.kind, m.country.as_deref().unwrap_or("-"), m.sector.as_deref().unwrap_or("-"));
                if m.title.is_some() || m.role.is_some() {
                    s.push_str(&format!(" [{}|{}]", m.title.as_deref().unwrap_or(""), m.role.as_deref().unwrap_or("")));
                }
                if m.kind == MentionKind::Person {
                    s.push_str(&format!(" name={}", m.name));
                }
                if let Some(a) = m.antecedent {
                    s.push_str(&format!(" ->{}", ms[a.index()].span.text(d.text())));
                }
                s
            })
            .collect()
    }

    fn check(text: &str, expected: &[&str]) {
        let d = doc(text, Some("2024-03-17"));
        let got = render(&d, &finder().find_mentions(&d));
        for e in expected {
            assert!(got.iter().any(|g| g == e || g.starts_with(&format!("{e} "))), "missing {e:?} in {got:#?}");
        }
    }

    fn check_none(text: &str, unwanted: &str) {
        let d = doc(text, Some("2024-03-17"));
        let got = render(&d, &finder().find_mentions(&d));
        assert!(!got.iter().any(|g| g.contains(unwanted)), "unwanted {unwanted:?} in {got:#?}");
    }

    #[test]
    fn owned_and_led_compounds_name_their_state() {
        check("Iranian guards seized a British-flagged tanker.", &["British-flagged Country GBR"]);
        check("The Saudi-led coalition bombed Sanaa.", &["Saudi-led Country SAU"]);
        check_none("US-backed forces captured Raqqa.", "USA");
    }

    #[test]
    fn first_of_two_nationality_adjectives_is_the_state() {
        check("Gunmen killed a Kosovar Albanian police officer.", &["a Kosovar Albanian police officer Nominal XKX COP"]);
    }

    #[test]
    fn agent_phrase_ends_before_a_past_tense_verb() {
        check("Turkish police arrested opposition leaders.", &["Turkish police Nominal TUR COP"]);
        check_none("Turkish police arrested opposition leaders.", "arrested");
    }

    #[test]
    fn seed_article() {
        let text = include_str!("../../../examples/niger-us-pact.txt");
        let d = doc(text, Some("2024-03-17"));
        let ms = finder().find_mentions(&d);
        let got = render(&d, &ms);
        for l in &got {
            eprintln!("{l}");
        }
        // Every country resolves, nothing to Nigeria.
        for c in ["NER", "USA", "RUS", "FRA", "IRN", "MLI", "BFA"] {
            assert!(ms.iter().any(|m| m.kind == MentionKind::Country && m.country.as_deref() == Some(c)), "no {c}");
        }
        assert!(!ms.iter().any(|m| m.country.as_deref() == Some("NGA")));
        // The four people.
        let person = |name: &str| ms.iter().find(|m| m.kind == MentionKind::Person && m.name == name && m.antecedent.is_none()).unwrap_or_else(|| panic!("no person {name}: {got:#?}"));
        let a = person("Amadou Abdramane");
        assert_eq!((a.title.as_deref(), a.role.as_deref(), a.country.as_deref(), a.sector.as_deref()), (Some("Colonel"), Some("military spokesperson"), Some("NER"), Some("MIL")));
        let m = person("Matthew Miller");
        assert_eq!((m.country.as_deref(), m.sector.as_deref()), (Some("USA"), Some("GOV")));
        assert!(m.role.as_deref().unwrap_or("").ends_with("State Department spokesperson"));
        let b = person("Mohamed Bazoum");
        assert_eq!((b.title.as_deref(), b.country.as_deref(), b.sector.as_deref()), (Some("President"), Some("NER"), Some("GOV")));
        let z = person("Ali Mahaman Lamine Zeine");
        assert_eq!((z.title.as_deref(), z.country.as_deref(), z.sector.as_deref()), (Some("Prime Minister"), Some("NER"), Some("GOV")));
        // "Col. Abdramane" and "He" link to Amadou Abdramane.
        let first = ms.iter().position(|m| m.name == "Amadou Abdramane" && m.antecedent.is_none()).unwrap();
        let col = text.find("Col. Abdramane").unwrap();
        assert!(ms.iter().any(|m| m.span.start >= col && m.span.end <= col + 15 && m.kind == MentionKind::Person && m.antecedent == Some(MentionId(first as u32))));
        let he = text.find("He also").unwrap();
        let hm = ms.iter().find(|m| m.span.start == he).expect("He is resolved");
        assert_eq!((hm.kind, hm.antecedent), (MentionKind::Pronoun, Some(MentionId(first as u32))));
        // "Washington delegation" is USA GOV; "the junta" refers back to Niger's junta.
        let wd = text.find("Washington delegation").unwrap();
        assert!(ms.iter().any(|m| m.span.start <= wd && m.span.end >= wd + 21 && m.country.as_deref() == Some("USA") && m.sector.as_deref() == Some("GOV")));
        let junta = text.find("the junta regarding").unwrap();
        let jm = ms.iter().find(|m| m.span.start == junta).expect("the junta");
        assert_eq!((jm.country.as_deref(), jm.sector.as_deref()), (Some("NER"), Some("MIL")));
        assert_eq!(jm.antecedent.map(|a| ms[a.index()].span.text(text)), Some("Niger’s military junta"));
        // "the international community" is not a country.
        let ic = text.find("international community").unwrap();
        assert!(!ms.iter().any(|m| m.span.overlaps(Span::new(ic, ic + 23))));
    }

    #[test]
    fn traps() {
        check("Niger and Nigeria met; Nigerien and Nigerian officials spoke.", &["Niger Country NER -", "Nigeria Country NGA -", "Nigerien Country NER -", "Nigerian Country NGA -"]);
        check("Talks in Guinea-Bissau, Equatorial Guinea, Papua New Guinea and Guinea.", &["Guinea-Bissau Country GNB -", "Equatorial Guinea Country GNQ -", "Papua New Guinea Country PNG -", "Guinea Country GIN -"]);
        check("The Democratic Republic of the Congo and Congo signed.", &["Democratic Republic of the Congo Country COD -", "Congo Country COG -"]);
        check("South Sudan and Sudan, North Korea and South Korea, Dominica and the Dominican Republic.", &["South Sudan Country SSD -", "Sudan Country SDN -", "North Korea Country PRK -", "South Korea Country KOR -", "Dominica Country DMA -", "Dominican Republic Country DOM -"]);
        check_none("We ate turkey with us in china.", "Country");
        check_none("Turkey was served.", "TUR Nominal");
        check("Turkey said it would act.", &["Turkey Country TUR -"]);
        check_none("The governor of Georgia spoke in Atlanta.", "GEO");
        check("Georgia and Russia fought in 2008.", &["Georgia Country GEO -"]);
        check("US personnel left. The Pentagon said so.", &["US personnel Nominal USA MIL", "Pentagon Country USA MIL"]);
        // a longer dictionary phrase that does not fit as written ("U.S. Military") leaves
        // the shorter one ("US") to match
        check("The US military confirmed the attack.", &["The US military Nominal USA MIL"]);
        // a finite verb between a name and an agent word ends the name's phrase
        check_none("Russia sent attack helicopters to Syria.", "Russia sent attack helicopters Nominal");
        check_none("Mali has deployed troops to the north.", "Mali has deployed troops Nominal");
        check_none("He lives in New Mexico.", "MEX");
        check("The Kremlin and the White House spoke.", &["Kremlin Country RUS GOV", "White House Country USA GOV"]);
        check("NATO and ECOWAS troops met the Alliance of Sahel States.", &["NATO Igo NATO -", "ECOWAS troops Nominal ECOWAS MIL", "Alliance of Sahel States Igo AES -"]);
        check("Boko Haram attacked; al-Qaeda and Hamas condemned it.", &["Boko Haram Group NGA REB", "al-Qaeda Group IMG REB", "Hamas Group PSE REB"]);
    }

    #[test]
    fn dated_entries() {
        let f = finder();
        let old = doc("The Taliban took Kabul.", Some("2001-10-01"));
        let new = doc("The Taliban took Kabul.", Some("2022-10-01"));
        let sector = |d: &Doc| f.find_mentions(d).iter().find(|m| m.kind == MentionKind::Group).and_then(|m| m.sector.clone());
        assert_eq!(sector(&old).as_deref(), Some("REB"));
        assert_eq!(sector(&new).as_deref(), Some("GOV"));
    }

    #[test]
    fn guessed_people_take_the_country_of_their_role_or_the_lead_actor() {
        // the lead state actor, not the dominant (most mentioned) country
        check(
            "Niger's military rulers have torn up the defence pact that allowed American soldiers to operate there. In a statement, Col. Ibrahim Kaboré accused the American delegation. American officials and US diplomats left. The US said nothing.",
            &["Ibrahim Kaboré Person NER MIL"],
        );
        // the nearest actor before the name in its sentence
        check(
            "Niger's junta met a US delegation, including General Mark Olsen, in Niamey. American officials and US diplomats left.",
            &["Mark Olsen Person USA MIL"],
        );
        // an actor phrase named by the role ("Junta spokesman" -> the junta)
        check(
            "American troops arrived. Mali's junta met US officials. Junta spokesman Colonel Ibrahim Kaboré spoke. The US and Washington said nothing.",
            &["Ibrahim Kaboré Person MLI MIL"],
        );
    }

    #[test]
    fn unknown_names_are_guessed() {
        check(
            "Talks were held in Zinder with Ousmane Kaboré and the Sahel Mining Company.",
            &["Zinder Place - -", "Ousmane Kaboré Person - - name=Ousmane Kaboré", "Sahel Mining Company Organisation - BUS"],
        );
        check("Niger's Defence Minister Salifou Mody spoke. Mody later left.", &["Salifou Mody Person NER GOV [Defence Minister|minister] name=Salifou Mody", "Mody Person NER GOV [Defence Minister|minister] name=Salifou Mody ->Salifou Mody"]);
    }

    #[test]
    fn user_dictionary_person_is_found() {
        let dir = std::env::temp_dir().join(format!("griot-actors-user-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("people.txt"), "person NER MIL 2023-07-26.. title=\"General\" role=\"army chief\" : Moussa Salaou Barmou | Barmou\n").unwrap();
        let lex = Lexicon::load(&[dir.as_path()]).unwrap();
        let f = ActorFinder::new(&lex);
        let d = doc("barmou met Barmou in Niamey.", Some("2024-01-10"));
        let ms = f.find_mentions(&d);
        let m = ms.iter().find(|m| m.kind == MentionKind::Person).expect("the user's person");
        assert_eq!((m.name.as_str(), m.country.as_deref(), m.sector.as_deref(), m.title.as_deref(), m.guessed), ("Moussa Salaou Barmou", Some("NER"), Some("MIL"), Some("General"), false));
        assert_eq!(m.span.text(d.text()), "Barmou");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;
    use griot_text::{split_sentences, tokenize, Article};
    #[test]
    #[ignore]
    fn debug_print() {
        let text = std::env::var("GRIOT_DEBUG_TEXT").unwrap_or_default();
        let mut d = Doc::new(Article::from_text("t", &text));
        d.sentences = split_sentences(d.text());
        let toks: Vec<Token> = d.sentences.iter().flat_map(|s| tokenize(d.text(), s.span)).collect();
        d.tokens = toks;
        for m in ActorFinder::new(&Lexicon::builtin().unwrap()).find_mentions(&d) {
            eprintln!("{:?} {:?} {:?} {:?} {}", m.span.text(d.text()), m.kind, m.country, m.sector, m.origin.rule);
        }
    }
}
