//! The coder: triggers, clause-shape slot filling, status, statements, quantities, merging.
//!
//! Per sentence: words are tagged ([`crate::words`]), chunked into noun phrases, and every
//! word that is a trigger of some rule (verb lemma, noun, predicate adjective) is tried
//! against its rules in order (rules with an object constraint first). The actor and
//! recipient are found by the shape of the clause:
//!
//! * verbs: subject to the left (skipping auxiliaries, adverbs, `to`-infinitive chains,
//!   appositions and relative clauses between commas, prepositional modifiers of the
//!   subject); passive voice swaps roles (the by-phrase is the actor); `and`+verb and
//!   `, V-ing` clauses inherit the subject of the clause before; relative pronouns take the
//!   noun they modify; the object is the noun phrase after the verb, or the first actor
//!   inside the object phrase ("rebuked accusations made by the US delegation");
//! * nouns: possessors and modifiers inside the phrase ("Niger's junta", "US sanctions"),
//!   `of`, `by`, `from` phrases after it, else the subject of the governing clause;
//! * prepositional recipients are the phrase after the rule's prepositions ("talks with",
//!   "sanctions against", "a visit to Niamey" -> the country of the place).
//!
//! Coordinated actors or recipients ("Mali and Burkina Faso") give one event per pair:
//! PLOVER records have one actor and one recipient, and counts per country stay right.

use std::collections::{HashMap, HashSet};

use griot_text::{
    Doc, Event, EventStatus, MentionId, MentionKind, Origin, Participant, QuantityId, QuantityKind,
    SentenceId, Span, StatementId,
};

use crate::context::{ctx_mode, ArticleContext};
use crate::tree;
use griot_syntax::{Parse, Syntax, Upos};

/// How the coder uses the dependency tree (bits): 1 parse and fill slots the clause
/// heuristics leave empty, 2 prefer the tree over the heuristics, 4 retag nouns and verbs
/// by the parser's part of speech, 8 give an event with no stated recipient the other actor
/// of its sentence. Default 13 (1+4+8: measured best on the development articles, part A);
/// `GRIOT_TREE` overrides it for experiments (read once).
pub(crate) fn phx_mode() -> u32 {
    static M: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *M.get_or_init(|| std::env::var("GRIOT_PHX").ok().and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn drop_mode() -> u8 {
    static M: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    *M.get_or_init(|| std::env::var("GRIOT_DROP").ok().and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// "the US was concerned by Azerbaijan's operation and called on it to stop": a verb the
/// parser made the conjunct of a noun ("operation") is the conjunct of the predicate that
/// governs that noun ("concerned"); UD conjuncts join like with like, so the attachment is a
/// parser error, and the verb would otherwise have no subject.
fn repair_conjuncts(p: &mut Parse) {
    let conj = griot_syntax::Deprel::from_name("conj");
    for i in 0..p.head.len() {
        if p.deprel[i] != conj || p.upos[i] != Upos::Verb {
            continue;
        }
        let Some(h) = p.head[i] else { continue };
        if !matches!(p.upos[h], Upos::Noun | Upos::Propn | Upos::Pron) {
            continue;
        }
        let mut g = p.head[h];
        let mut steps = 0;
        while let Some(x) = g {
            if steps > 6 || x == i {
                break;
            }
            if matches!(p.upos[x], Upos::Verb | Upos::Adj) && x < i {
                p.head[i] = Some(x);
                break;
            }
            g = p.head[x];
            steps += 1;
        }
    }
}

/// "The kingdom cut ties with Iran": the greedy parser sometimes makes a past verb between
/// a subject noun and its object an adjective of the object, and the object the root. When
/// the root is a noun with a subject of its own, and the word right before it is a verb to
/// griot's tagger and an `amod` of the root to the parser, that word is the root verb: the
/// subject and the object hang from it.
fn repair_noun_root(p: &mut Parse, ws: &[Word<'_>]) {
    let Some(r) = (0..p.head.len()).find(|&i| p.head[i].is_none()) else { return };
    if r == 0 || !matches!(p.upos[r], Upos::Noun) || p.rel(r) != "root" {
        return;
    }
    let v = r - 1;
    if p.head[v] != Some(r) || p.rel(v) != "amod" || ws.get(v).map_or(true, |w| w.tag != Tag::Verb) {
        return;
    }
    let Some(subj) = (0..v).find(|&k| p.head[k] == Some(r) && p.rel(k) == "nsubj") else { return };
    let root = griot_syntax::Deprel::from_name("root");
    let obj = griot_syntax::Deprel::from_name("obj");
    let nsubj = p.deprel[subj];
    p.head[v] = None;
    p.deprel[v] = root;
    p.upos[v] = Upos::Verb;
    p.head[r] = Some(v);
    p.deprel[r] = obj;
    p.head[subj] = Some(v);
    p.deprel[subj] = nsubj;
    // the clause's other dependents (obliques after the object stay with it; punctuation
    // and adverbs before the verb move to it)
    for k in 0..p.head.len() {
        if k != subj && p.head[k] == Some(r) && (k < v || p.rel(k) == "punct") {
            p.head[k] = Some(v);
        }
    }
}

fn quote_mode() -> u8 {
    static M: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    *M.get_or_init(|| std::env::var("GRIOT_QUOTE").ok().and_then(|v| v.parse().ok()).unwrap_or(3))
}

fn tree_mode() -> u8 {
    static M: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    *M.get_or_init(|| std::env::var("GRIOT_TREE").ok().and_then(|v| v.parse().ok()).unwrap_or(13))
}
use crate::rules::{Rule, RuleSet, Slot};
use crate::words::{plural, Form, Tag, Tagger, Word, WordMap};

/// Verbs whose object is an act proposed, debated or opposed, not one done.
const POLICY_VERBS: &[&str] = &["back", "support", "oppose", "block", "veto", "propose", "discuss", "debate", "consider", "resist", "seek", "push", "urge", "favour", "favor", "endorse"];

/// People a state polices at home: a state that coerces them with no other state stated acts
/// on its own people.
const DOMESTIC_TARGETS: &[&str] = &["protesters", "protester", "demonstrators", "demonstrator", "protestors", "activists", "activist", "dissidents", "dissident", "opponents", "critics", "opposition", "rioters", "strikers", "crowds", "crowd", "students", "journalists", "bloggers", "lawyers"];

/// Nouns that can stand for an actor when no mention covers them.
const ACTOR_NOUNS: &[&str] = &[
    "government",
    "governments",
    "junta",
    "army",
    "military",
    "troops",
    "soldiers",
    "forces",
    "police",
    "rebels",
    "militants",
    "insurgents",
    "protesters",
    "demonstrators",
    "ministry",
    "minister",
    "president",
    "officials",
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "delegation",
    "authorities",
    "leaders",
    "leader",
    "leadership",
    "parliament",
    "court",
    "regime",
    "administration",
    "embassy",
    "ambassador",
    "diplomats",
    "workers",
    "students",
    "union",
    "unions",
    "party",
    "opposition",
    "coalition",
    "alliance",
    "militia",
    "militias",
    "gunmen",
    "attackers",
    "jihadists",
    "fighters",
    "country",
    "countries",
    "nation",
    "state",
    "council",
    "committee",
    "commission",
    "agency",
    "company",
    "people",
    "civilians",
    "residents",
    "villagers",
    "refugees",
    "activists",
    "journalists",
    "lawmakers",
    "senators",
    "prosecutors",
    "judge",
    "navy",
    "guards",
    "personnel",
    "officers",
    "commander",
    "general",
    "colonel",
    "king",
    "prince",
    "premier",
    "chancellor",
    "envoy",
    "envoys",
    "mediators",
    "negotiators",
    "member",
    "members",
    "states",
    "group",
    "groups",
    "organisation",
    "organization",
    "bloc",
    "federation",
    "cabinet",
    "congress",
    "senate",
    "russia",
];

/// Proper nouns that are times, not actors.
const TIME_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan.",
    "feb.",
    "apr.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
];

/// Nouns announcing an intention ("intentions for enhanced cooperation").
const INTENT_NOUNS: &[&str] = &[
    "intention",
    "intentions",
    "intent",
    "plan",
    "plans",
    "pledge",
    "pledges",
    "promise",
    "promises",
    "hopes",
    "proposal",
    "offer",
];

/// Heads of quantity phrases ("thousands of protesters").
const QUANTITY_HEADS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "millions",
    "tens",
    "number",
    "group",
    "crowd",
    "crowds",
];

/// Speech verbs whose subject is the speaker of a following `that` clause.
const SPEECH: &[&str] = &[
    "say",
    "declare",
    "state",
    "announce",
    "claim",
    "tell",
    "add",
    "insist",
    "note",
    "assert",
    "warn",
    "argue",
    "indicate",
    "acknowledge",
    "confirm",
    "report",
    "explain",
    "emphasise",
    "emphasize",
    "stress",
    "reiterate",
    "describe",
    "label",
    "brand",
    "characterise",
    "characterize",
];

/// Verbs that, beside those of `SPEECH`, say something of someone in their complement
/// (the speaker of a named act: "called it a stab in the back", "tweeted that ...").
const SPEECH_MORE: &[&str] = &["call", "term", "dub", "write", "tweet", "allege", "charge"];

/// Verbs of naming whose object is what the named act is said of.
const NAMING_VERBS: &[&str] = &["call", "describe", "label", "brand", "term", "dub", "consider", "deem"];

/// Verbs before `to` that make the embedded event planned.
const PLAN_VERBS: &[&str] = &[
    "plan", "intend", "set", "aim", "expect", "vow", "pledge", "promise", "prepare", "go",
    "decide", "agree", "threaten", "seek", "want", "hope", "offer",
];
/// Verbs whose object describes a content, not a happening.
/// Heads of document nouns: a trigger noun modifying one of these names the document's
/// subject, not an event ("a military cooperation agreement", "an aid accord").
const DOCUMENT_HEADS: &[&str] = &[
    "agreement", "agreements", "pact", "pacts", "accord", "accords", "treaty", "treaties",
    "deal", "deals", "convention", "conventions", "arrangement", "arrangements", "memorandum",
    "protocol", "protocols", "framework",
];

/// Heads that a trigger noun can modify without naming an act (see `try_rule`).
const NON_EVENT_HEADS: &[&str] = &[
    "centre", "centres", "center", "centers", "camp", "camps", "facility", "facilities", "site",
    "sites", "helicopter", "helicopters", "aircraft", "plane", "planes", "jet", "jets", "submarine",
    "submarines", "dog", "dogs", "log", "logs", "record", "records", "data", "agency", "agencies",
    "organisation", "organisations", "organization", "organizations", "group", "groups", "worker",
    "organiser", "organisers", "organizer", "organizers", "movement", "movements", "song", "songs",
    "sign", "signs", "banner", "banners", "slogan", "slogans", "vote", "votes", "ballot", "button",
    "number", "numbers", "letter", "letters", "flight", "flights", "budget", "budgets", "fund", "funds",
];

/// Verbs whose subject judges, reports or undergoes the act named by their object (the
/// subject is not the actor of that act).
const OBSERVER_VERBS: &[&str] = &[
    "condemn", "denounce", "criticise", "criticize", "deplore", "decry", "confirm", "report",
    "investigate", "probe", "describe", "mourn", "witness", "survive", "suffer", "blame",
    "welcome", "praise", "hail", "applaud", "protest", "deny", "recall", "remember",
    "commemorate", "discuss", "document", "record", "film", "oppose", "reject", "fear", "face",
    "endure", "condone", "regret", "lament", "question", "doubt", "dispute", "challenge",
    "slam", "blast", "see", "watch", "observe", "receive", "draw", "attract", "weather",
    "escape", "incur",
];

/// Verbs whose subject undergoes the act named by their object ("faced accusations").
const UNDERGO_VERBS: &[&str] = &[
    "face", "receive", "suffer", "endure", "draw", "attract", "weather", "survive", "escape",
    "incur",
];

/// Words before "attack" or "seizure" that make it an illness.
const MEDICAL_MODIFIERS: &[&str] = &["heart", "panic", "asthma", "anxiety", "epileptic", "cardiac"];

const CONTENT_VERBS: &[&str] = &[
    "permit",
    "allow",
    "authorise",
    "authorize",
    "cover",
    "govern",
    "regulate",
    "enable",
    "include",
    "describe",
    "label",
];

/// Verbs whose object is a claim made by someone else against the subject.
const REBUT_VERBS: &[&str] = &[
    "reject",
    "rebuke",
    "rebuff",
    "dismiss",
    "deny",
    "refute",
    "repudiate",
    "counter",
    "answer",
];
/// Verbs before `to` whose embedded event is only asked for.
const ASK_VERBS: &[&str] = &[
    "order",
    "ask",
    "urge",
    "tell",
    "call",
    "request",
    "demand",
    "press",
    "invite",
    "encourage",
];
/// A common noun that can stand for an actor: the list above, its plurals, and the role
/// nouns of generic actors ("ministers", "gunmen", "lawmakers").
fn is_actor_noun(lower: &str) -> bool {
    ACTOR_NOUNS.contains(&lower)
        || lower.strip_suffix('s').is_some_and(|w| ACTOR_NOUNS.contains(&w))
        || crate::context::generic_sector(lower).is_some()
}

/// Natural hazards and other forces that are no one's act ("hit by the earthquake").
const HAZARDS: &[&str] = &[
    "earthquake", "earthquakes", "quake", "quakes", "disaster", "disasters", "flood", "floods", "flooding", "storm", "storms",
    "hurricane", "typhoon", "cyclone", "tornado", "tsunami", "wildfire", "wildfires", "fire", "fires", "drought", "famine",
    "pandemic", "epidemic", "virus", "outbreak", "heatwave", "landslide", "landslides", "avalanche", "eruption", "crisis",
    "recession", "inflation", "shortage", "shortages", "tremor", "tremors", "aftershock", "aftershocks",
];

/// Speech acts whose complement is announced, not done (see `drop_announced`).
const ANNOUNCING_VERBS: &[&str] = &[
    "threaten", "warn", "urge", "demand", "ask", "call", "call_on", "call_for", "press",
    "request", "appeal", "push", "order", "tell", "instruct", "give",
];

/// Heads of actor phrases that make violence a protest.
const PROTESTER_NOUNS: &[&str] = &[
    "protesters", "protestors", "demonstrators", "rioters", "crowd", "crowds", "mob", "marchers",
    "protester", "protestor", "demonstrator",
];

/// Promises that can be of harm ("vowed to retaliate").
const VOW_VERBS: &[&str] = &["vow", "pledge", "promise", "swear"];

/// Nouns of harm that make a vow a threat ("vowed revenge").
const HARM_NOUNS: &[&str] = &[
    "revenge", "retaliation", "retribution", "vengeance", "punishment", "reprisal", "reprisals",
    "response", "war",
];

/// Verbs of harm that no rule codes alone but that make a vow a threat.
const HARM_VERBS: &[&str] = &[
    "punish", "retaliate", "avenge", "crush", "destroy", "defeat", "eliminate", "annihilate",
    "wipe", "respond", "hit", "strike", "fight", "attack", "kill", "liquidate", "neutralise",
    "neutralize", "revenge", "smash", "obliterate", "hunt", "prosecute",
];

/// Verbs before `to` that make the embedded event negated.
const NEG_VERBS: &[&str] = &["refuse", "decline", "fail"];

#[derive(Debug, Clone, Copy)]
struct Np {
    start: usize,
    end: usize,
    head: usize,
}

struct Sent<'a> {
    id: SentenceId,
    ws: Vec<Word<'a>>,
    np_of: Vec<Option<usize>>,
    nps: Vec<Np>,
    /// The dependency tree of the sentence (parsed when it holds a trigger word).
    parse: Option<Parse>,
    /// The statements reaching into the sentence, in statement order (`statement_of`); None:
    /// all of them (sentences out of text order).
    statements: Option<Vec<u32>>,
}

impl<'a> Sent<'a> {
    /// The noun phrase holding word `w`, or the word alone.
    fn np_at(&self, w: usize) -> Np {
        self.np(w).unwrap_or(Np {
            start: w,
            end: w + 1,
            head: w,
        })
    }
    fn np(&self, i: usize) -> Option<Np> {
        self.np_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| self.nps.get(k).copied())
    }
    fn lemma_is(&self, tagger: &Tagger, i: usize, set: &[&str]) -> bool {
        self.ws
            .get(i)
            .and_then(|w| w.lemma)
            .is_some_and(|l| set.contains(&tagger.lemma_name(l)))
    }
    fn lower(&self, i: usize) -> &str {
        self.ws.get(i).map(|w| w.lower.as_ref()).unwrap_or("")
    }
    fn tag(&self, i: usize) -> Option<Tag> {
        self.ws.get(i).map(|w| w.tag)
    }
}

fn is_np_tag(t: Tag) -> bool {
    matches!(
        t,
        Tag::Det | Tag::Adj | Tag::Num | Tag::Noun | Tag::Propn | Tag::Poss
    )
}

fn chunk(ws: &[Word<'_>]) -> (Vec<Option<usize>>, Vec<Np>) {
    let mut np_of = vec![None; ws.len()];
    let mut nps = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if ws[i].tag == Tag::Pron {
            np_of[i] = Some(nps.len());
            nps.push(Np {
                start: i,
                end: i + 1,
                head: i,
            });
            i += 1;
            continue;
        }
        if !is_np_tag(ws[i].tag) || ws[i].tag == Tag::Poss {
            i += 1;
            continue;
        }
        let start = i;
        let mut head = None;
        let mut j = i;
        while j < ws.len() && is_np_tag(ws[j].tag) {
            let t = ws[j].tag;
            // a determiner after a noun starts a new phrase, unless after a possessive
            if t == Tag::Det && head.is_some() && j > start && ws[j - 1].tag != Tag::Poss {
                break;
            }
            if matches!(t, Tag::Noun | Tag::Propn | Tag::Num) {
                head = Some(j);
            }
            j += 1;
        }
        if let Some(h) = head {
            for slot in np_of.iter_mut().take(j).skip(start) {
                *slot = Some(nps.len());
            }
            nps.push(Np {
                start,
                end: j,
                head: h,
            });
        }
        i = j.max(i + 1);
    }
    (np_of, nps)
}

/// A rule compiled for matching.
struct Compiled {
    rule: Rule,
    /// object constraint forms (singular and plural)
    object: HashSet<String>,
    not_object: HashSet<String>,
}

/// A trigger found in a sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Verb,
    Noun,
    Adj,
}

/// An event before it becomes a [`griot_text::Event`].
#[derive(Debug, Clone)]
struct Found {
    sentence: SentenceId,
    trigger: Span,
    rule: usize,
    kind: Kind,
    actor: Option<Participant>,
    recipient: Option<Participant>,
    status: EventStatus,
    statement: Option<StatementId>,
    evidence: Vec<Span>,
    context: Vec<String>,
    location: Option<MentionId>,
    definite: bool,
    object_head: Option<String>,
    /// extent of the event's phrase, for quantities
    extent: Span,
    /// trigger word index in its sentence
    word: usize,
    /// word range of the object phrase
    object_words: Option<(usize, usize)>,
    /// the actor came from the governing clause, not the trigger's own phrase
    actor_inherited: bool,
    /// a vow of harm: the AGREE of "vowed to" read as THREATEN
    threat: bool,
    /// bytes of the clause the trigger stands in (from the tree), where a recipient guessed
    /// from the sentence is looked for first
    clause: Option<Span>,
}

/// The event coder: rules compiled for matching, built once.
pub struct Engine {
    rules: Vec<Compiled>,
    tagger: Tagger,
    verb_rules: WordMap<u32, Vec<(usize, Vec<String>)>>,
    /// last word form (singular and plural) -> (rule, words before it), multiword first
    noun_rules: WordMap<String, Vec<(usize, Vec<String>)>>,
    adj_rules: WordMap<String, Vec<(usize, Vec<String>)>>,
    cues: WordMap<String, Vec<String>>,
    mode_cues: Vec<crate::rules::ModeCue>,
    syntax: &'static Syntax,
}

impl Engine {
    pub fn new(set: RuleSet) -> Engine {
        let mut lemmas: Vec<String> = Vec::new();
        for r in &set.rules {
            for v in &r.verbs {
                if let Some(l) = v.first() {
                    lemmas.push(l.clone());
                }
            }
        }
        let tagger = Tagger::new(&lemmas);
        // Rules with an object constraint are tried first, then file order.
        let mut order: Vec<usize> = (0..set.rules.len()).collect();
        order.sort_by_key(|&i| set.rules[i].object.is_empty());
        let mut rules = Vec::new();
        let mut verb_rules: WordMap<u32, Vec<(usize, Vec<String>)>> = WordMap::default();
        let mut noun_rules: WordMap<String, Vec<(usize, Vec<String>)>> = WordMap::default();
        let mut adj_rules: WordMap<String, Vec<(usize, Vec<String>)>> = WordMap::default();
        for (k, &i) in order.iter().enumerate() {
            let r = set.rules[i].clone();
            for v in &r.verbs {
                if let Some(first) = v.first() {
                    if let Some((l, _)) = tagger.verb(first) {
                        verb_rules.entry(l).or_default().push((k, v[1..].to_vec()));
                    }
                }
            }
            for n in &r.nouns {
                if let Some((last, before)) = n.split_last() {
                    for form in [last.clone(), plural(last)] {
                        let e = noun_rules.entry(form).or_default();
                        if !e.iter().any(|(x, b)| *x == k && b == before) {
                            e.push((k, before.to_vec()));
                        }
                    }
                }
            }
            for a in &r.adjs {
                adj_rules.entry(a.clone()).or_default().push((k, vec![]));
            }
            let forms = |ws: &[String]| {
                ws.iter()
                    .flat_map(|w| [w.clone(), plural(w)])
                    .collect::<HashSet<String>>()
            };
            rules.push(Compiled {
                object: forms(&r.object),
                not_object: forms(&r.not_object),
                rule: r,
            });
        }
        let mut cues: WordMap<String, Vec<String>> = WordMap::default();
        for (ctx, w) in &set.cues {
            cues.entry(w.clone()).or_default().push(ctx.clone());
        }
        for v in noun_rules.values_mut() {
            v.sort_by_key(|(k, extra)| (extra.is_empty(), *k));
        }
        for v in verb_rules.values_mut() {
            v.sort_by_key(|(k, _)| *k);
        }
        Engine {
            rules,
            tagger,
            verb_rules,
            noun_rules,
            adj_rules,
            cues,
            mode_cues: set.mode_cues.clone(),
            syntax: Syntax::shared(),
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|c| &c.rule)
    }

    /// Code the events of `doc`.
    pub fn code(&self, doc: &Doc) -> Vec<Event> {
        let mut found: Vec<Found> = Vec::new();
        // mention lookup by token span: mentions sorted by start
        let mut by_start: Vec<(Span, u32)> = doc
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.span, i as u32))
            .collect();
        by_start.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mention_at = |sp: Span| -> Option<u32> {
            let k = by_start.partition_point(|(s, _)| s.start <= sp.start);
            // the smallest mention starting at or before sp that covers it
            by_start[..k]
                .iter()
                .rev()
                .take(8)
                .filter(|(s, _)| s.contains(sp))
                .min_by_key(|(s, _)| s.len())
                .map(|(_, i)| *i)
        };
        let mut statements = statements_by_sentence(doc);
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let tokens = doc.tokens_in(sentence.span);
            if tokens.is_empty() {
                continue;
            }
            let mut ws = self.tagger.words(doc, tokens, &mention_at);
            let parse = self.prepare(&mut ws);
            let (np_of, nps) = chunk(&ws);
            let s = Sent {
                id: SentenceId(si as u32),
                ws,
                np_of,
                nps,
                parse,
                statements: statements.as_mut().map(|by| by.get_mut(si).map(std::mem::take).unwrap_or_default()),
            };
            self.code_sentence(doc, &s, &mut found);
        }
        merge(doc, &self.rules, &mut found);
        let ctx = ArticleContext::new(doc);
        let mut events = found
            .into_iter()
            // a meeting, talks or a summit named without its other party ("peace talks",
            // "the summit") is background, not a coded consultation
            .filter(|f| {
                !(ctx_mode() & 16 != 0
                    && f.kind == Kind::Noun
                    && f.recipient.is_none()
                    && self.rules[f.rule].rule.event_type == "CONSULT")
            })
            .map(|f| self.finish(doc, f, &ctx))
            .collect::<Vec<Event>>();
        if ctx_mode() & 64 != 0 {
            attackers_from_chain(&mut events);
        }
        events
            .into_iter()
            .filter(|e| {
                // imported (gap-filling) rules must find both parties with a country
                !e.origin.rule.starts_with("phx_")
                    || phx_mode() == 2
                    || (e.actor.as_ref().is_some_and(|a| a.country.is_some() && a.guessed.is_none())
                        && e.recipient.as_ref().is_some_and(|r| r.country.is_some()))
            })
            .filter(|e| {
                let d = drop_mode();
                !(d & 1 != 0 && e.actor.is_none())
                    && !(d & 2 != 0
                        && e.actor.as_ref().is_none_or(|a| a.country.is_none())
                        && e.recipient.as_ref().is_none_or(|r| r.country.is_none()))
                    && !(d & 4 != 0 && e.actor.as_ref().is_none_or(|a| a.country.is_none()))
            })
            .collect()
    }

    /// Parses a sentence that can trigger a rule and settles its words' tags from the parse
    /// and the multiword trigger nouns: what the coder reads (and `explain` shows).
    fn prepare(&self, ws: &mut [Word<'_>]) -> Option<Parse> {
        // "DUBAI: Saudi Arabia, Egypt ... announced": a dateline is no part of the clause
        let dateline = dateline_len(ws);
        for w in &mut ws[..dateline] {
            w.tag = Tag::Punct;
            w.mention = None;
        }
        let parse = (tree_mode() > 0 && self.has_trigger(ws)).then(|| self.parse_words(ws, dateline));
        if let Some(p) = parse.as_ref().filter(|_| tree_mode() & 4 != 0) {
            self.retag(ws, p);
        }
        self.compound_nouns(ws);
        parse
    }

    /// The dependency parse of a sentence's words. Quotation marks inside the sentence are
    /// left out of the parse (scare quotes, "was “deeply concerned” by", and quoted phrases
    /// derail the greedy parser: measured on the development articles) and attached as
    /// punctuation to the next word (the previous one at the end).
    fn parse_words(&self, ws: &[Word<'_>], skip: usize) -> Parse {
        let mut p = self.parse_unquoted(ws, skip);
        if quote_mode() & 2 != 0 {
            repair_conjuncts(&mut p);
        }
        if tree_mode() & 16 == 0 {
            repair_noun_root(&mut p, ws);
        }
        p
    }

    /// `skip`: leading words left out of the parse (a dateline).
    fn parse_unquoted(&self, ws: &[Word<'_>], skip: usize) -> Parse {
        let keep: Vec<usize> = (skip..ws.len()).filter(|&i| ws[i].tag != Tag::Quote || quote_mode() & 1 == 0).collect();
        if keep.len() == ws.len() || keep.is_empty() {
            let words: Vec<&str> = ws.iter().map(|w| w.text).collect();
            return self.syntax.parse(&words);
        }
        let words: Vec<&str> = keep.iter().map(|&i| ws[i].text).collect();
        let inner = self.syntax.parse(&words);
        let n = ws.len();
        let mut out = Parse {
            upos: Vec::with_capacity(n),
            xpos: Vec::with_capacity(n),
            head: Vec::with_capacity(n),
            deprel: Vec::with_capacity(n),
        };
        // position in the parse of each kept word
        let mut at = vec![usize::MAX; n];
        for (k, &i) in keep.iter().enumerate() {
            at[i] = k;
        }
        let punct = griot_syntax::Deprel::from_name("punct");
        let quote_xpos = griot_syntax::Xpos::from_name("``");
        for i in 0..n {
            let k = at[i];
            if k == usize::MAX {
                let next = (i + 1..n).find(|&j| at[j] != usize::MAX).or_else(|| (0..i).rev().find(|&j| at[j] != usize::MAX));
                out.upos.push(griot_syntax::Upos::Punct);
                out.xpos.push(quote_xpos);
                out.head.push(next);
                out.deprel.push(punct);
            } else {
                out.upos.push(inner.upos[k]);
                out.xpos.push(inner.xpos[k]);
                out.head.push(inner.head[k].map(|h| keep[h]));
                out.deprel.push(inner.deprel[k]);
            }
        }
        out
    }

    /// "Air strikes hit a hospital": a word tagged as a verb that ends a multiword trigger
    /// noun after that noun's first words ("air", "drone", "hunger") is that noun.
    fn compound_nouns(&self, ws: &mut [Word<'_>]) {
        for i in 1..ws.len() {
            if ws[i].tag != Tag::Verb {
                continue;
            }
            let Some(c) = self.noun_rules.get(ws[i].lower.as_ref()) else { continue };
            let hit = c.iter().find_map(|(_, extra)| {
                let n = extra.len();
                (n > 0 && i >= n && (0..n).all(|j| ws[i - n + j].lower.as_ref() == extra[j].as_str())).then_some(n)
            });
            if let Some(n) = hit {
                ws[i].tag = Tag::Noun;
                for w in &mut ws[i - n..i] {
                    if w.tag == Tag::Propn {
                        w.tag = Tag::Noun;
                    }
                }
            }
        }
    }

    /// True when a word of the sentence can trigger a rule (only such sentences are parsed).
    /// A superset of what `code_triggers` can fire on, whatever the parse: a word counts only
    /// with a tag it can have when the rules are tried (`retag` turns nouns into verbs and
    /// verbs into nouns, `compound_nouns` verbs and names into nouns), and a candidate rule only
    /// when its other words are in the sentence (the words before a multiword noun, just
    /// before it; a verb's particles, in order after it) and, if it has an object constraint,
    /// one of its object words is (the object phrase and a noun's modifiers are words of the
    /// sentence).
    fn has_trigger(&self, ws: &[Word<'_>]) -> bool {
        let object_ok = |k: usize| {
            let set = &self.rules[k].object;
            set.is_empty() || ws.iter().any(|w| set.contains(w.lower.as_ref()))
        };
        let before_ok = |i: usize, extra: &[String]| {
            let n = extra.len();
            i >= n && (0..n).all(|j| ws[i - n + j].lower.as_ref() == extra[j].as_str())
        };
        let after_ok = |i: usize, extra: &[String]| {
            let mut want = extra.iter().peekable();
            for w in &ws[i + 1..] {
                if want.next_if(|p| w.lower.as_ref() == p.as_str()).is_some() && want.peek().is_none() {
                    break;
                }
            }
            want.peek().is_none()
        };
        let verb_ok = |i: usize, l: u32| {
            self.verb_rules
                .get(&l)
                .is_some_and(|c| c.iter().any(|(k, extra)| after_ok(i, extra) && object_ok(*k)))
        };
        ws.iter().enumerate().any(|(i, w)| {
            let lower = w.lower.as_ref();
            let noun = matches!(w.tag, Tag::Noun | Tag::Verb | Tag::Propn)
                && self
                    .noun_rules
                    .get(lower)
                    .is_some_and(|c| c.iter().any(|(k, extra)| before_ok(i, extra) && object_ok(*k)));
            let adj = (w.tag == Tag::Adj || (matches!(w.tag, Tag::Verb | Tag::Noun) && lower.ends_with("ed")))
                && self
                    .adj_rules
                    .get(lower)
                    .is_some_and(|c| c.iter().any(|(k, _)| object_ok(*k)));
            (w.tag == Tag::Verb && w.lemma.is_some_and(|l| verb_ok(i, l)))
                || noun
                || adj
                || (w.tag == Tag::Noun && self.tagger.verb(lower).is_some_and(|(l, _)| verb_ok(i, l)))
        })
    }

    /// The parser's part of speech settles noun/verb ambiguity ("US sanctions Iran",
    /// "the attack", "they attack").
    fn retag(&self, ws: &mut [Word<'_>], p: &Parse) {
        for (i, w) in ws.iter_mut().enumerate() {
            let Some(&u) = p.upos.get(i) else { break };
            match (w.tag, u) {
                (Tag::Noun, Upos::Verb) => {
                    if let Some((l, _)) = self
                        .tagger
                        .verb(w.lower.as_ref())
                        .filter(|(l, _)| self.verb_rules.contains_key(l))
                    {
                        w.tag = Tag::Verb;
                        w.lemma = Some(l);
                        w.form = match p.xpos.get(i).map(|x| x.as_str()) {
                            Some("VBD") => Form::Past,
                            Some("VBN") => Form::PastPart,
                            Some("VBG") => Form::Ing,
                            Some("VBZ") => Form::S,
                            _ => Form::Base,
                        };
                    }
                }
                (Tag::Verb, Upos::Noun) if self.noun_rules.contains_key(w.lower.as_ref()) => {
                    w.tag = Tag::Noun;
                    w.form = Form::None;
                }
                _ => {}
            }
        }
    }

    fn lemma_of(&self, s: &Sent<'_>, k: usize) -> Option<String> {
        s.ws.get(k)
            .and_then(|w| w.lemma)
            .or_else(|| self.tagger.verb(s.lower(k)).map(|(l, _)| l))
            .map(|l| self.tagger.lemma_name(l).to_string())
    }

    /// The subject of the verb at `i`: from the tree when it has one (tree mode 2 prefers it
    /// over the clause heuristics), else from the clause shape.
    fn subject_with_tree(&self, doc: &Doc, s: &Sent<'_>, i: usize) -> Option<Subject> {
        let heur = self.subject_of(s, i, 0);
        let Some(p) = &s.parse else { return heur };
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        let Some(t) = tree::subject(p, i, &lower, &lemma) else {
            return heur;
        };
        let np = s.np_at(t.word);
        match heur {
            Some(mut h) => {
                // the clause heuristics found no phrase, or one that names no actor
                // ("Pashinyan in a televised address on Tuesday accused ...")
                let useless = h.np.is_some_and(|x| {
                    x.head != np.head
                        && self.participant(doc, s, x, false).is_none()
                        && self.participant(doc, s, np, false).is_some()
                });
                if h.np.is_none() || useless || tree_mode() & 2 != 0 {
                    h.np = Some(np);
                    h.passive = t.passive;
                }
                Some(h)
            }
            None => Some(Subject {
                np: Some(np),
                passive: t.passive,
                recipient: None,
                alleged: false,
            }),
        }
    }

    fn object_with_tree(&self, doc: &Doc, s: &Sent<'_>, i: usize, pend: usize) -> Option<Np> {
        let heur = self.object_of(s, pend);
        let Some(p) = &s.parse else { return heur };
        // the object word of a multiword trigger is the trigger ("opened fire on")
        match tree::object(p, i).filter(|&o| !(i..=pend).contains(&o)) {
            Some(o) => {
                let t = s.np_at(o);
                let useless = heur.is_some_and(|x| {
                    x.head != t.head
                        && self.participant(doc, s, x, true).is_none()
                        && self.participant(doc, s, t, true).is_some()
                });
                if heur.is_none() || useless || tree_mode() & 2 != 0 {
                    Some(t)
                } else {
                    heur
                }
            }
            None => heur,
        }
    }

    fn prep_with_tree(&self, s: &Sent<'_>, i: usize, from: usize, prep: &str, max: usize) -> Option<Np> {
        let heur = self.prep_np(s, from, prep, max);
        let Some(p) = &s.parse else { return heur };
        let lower = |k: usize| s.lower(k).to_string();
        let mut t = tree::prep(p, i, prep, &lower);
        if t.is_none() {
            // a nominal trigger: the oblique of the verb it depends on ("imposed sanctions on")
            if let Some((v, rel)) = tree::governor(p, i) {
                if rel != "obl" {
                    t = tree::prep(p, v, prep, &lower);
                }
            }
            // a verb: the modifier of its object ("launched an attack on")
            if t.is_none() {
                if let Some(o) = p.child_with(i, "obj") {
                    t = tree::prep(p, o, prep, &lower);
                }
            }
        }
        match t {
            Some(w) if heur.is_none() || tree_mode() & 2 != 0 => Some(s.np_at(w)),
            _ => heur,
        }
    }

    fn agent_with_tree(&self, s: &Sent<'_>, i: usize, from: usize) -> Option<Np> {
        let heur = self.prep_np(s, from, "by", 8);
        let Some(p) = &s.parse else { return heur };
        let lower = |k: usize| s.lower(k).to_string();
        match tree::agent(p, i, &lower) {
            Some(w) if heur.is_none() || tree_mode() & 2 != 0 => Some(s.np_at(w)),
            _ => heur,
        }
    }

    /// The actor of a nominal trigger from the verb it depends on: "X held talks", "X
    /// carried out strikes", "sanctions were imposed by X".
    fn governing_with_tree(&self, s: &Sent<'_>, i: usize, start: usize) -> Option<Np> {
        let heur = self.governing_subject(s, start);
        let Some(p) = &s.parse else { return heur };
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        // the cause or occasion of a clause is not done by its subject: "protested over the
        // arrest", "met after the attack" ("for" is cause or purpose: not read)
        if let Some((_, "obl")) = tree::governor(p, i) {
            let case = p.children(i).find(|&c| p.rel(c) == "case").map(|c| s.lower(c).to_string());
            if matches!(
                case.as_deref(),
                Some("over" | "after" | "since" | "following" | "despite" | "amid" | "about" | "before")
            ) {
                return None;
            }
        }
        // "vowed revenge for the killing of its general", "anger over the arrest": an act
        // named after a noun's "for/over/after" is that noun's cause, not done by the subject
        if let Some((_, "nmod")) = tree::governor(p, i) {
            let case = p.children(i).find(|&c| p.rel(c) == "case").map(|c| s.lower(c).to_string());
            if matches!(
                case.as_deref(),
                Some("for" | "over" | "after" | "since" | "following" | "despite" | "amid" | "about" | "before")
            ) {
                return None;
            }
        }
        // "France condemned the attack", "the US military confirmed the attack": who judges,
        // reports or suffers an act did not do it
        if let Some(v) = tree::object_governor(p, i) {
            if self.lemma_of(s, v).is_some_and(|l| OBSERVER_VERBS.contains(&l.as_str())) {
                return None;
            }
        }
        let t = tree::governor(p, i).and_then(|(v, rel)| {
            if rel == "nsubj:pass" {
                tree::agent(p, v, &lower)
            } else {
                tree::subject(p, v, &lower, &lemma).filter(|t| !t.passive).map(|t| t.word)
            }
        });
        match t {
            Some(w) if heur.is_none() || tree_mode() & 2 != 0 => Some(s.np_at(w)),
            _ => heur,
        }
    }

    /// Speech acts are kept apart from the acts they announce: in "threatened to boycott",
    /// "urged Russia to withdraw", "demanded that X release" the threat or the demand is
    /// the event, not a planned boycott or withdrawal (read from the tree: the act is the
    /// infinitive or clause complement of a threatening or requesting verb).
    fn drop_announced(&self, s: &Sent<'_>, out: &mut Vec<Found>, first: usize) {
        let Some(p) = &s.parse else { return };
        let mut k = first;
        while k < out.len() {
            let f = &out[k];
            let mut announced = false;
            if f.kind == Kind::Verb && matches!(p.rel(f.word), "xcomp" | "ccomp") {
                if let Some(h) = p.head.get(f.word).copied().flatten() {
                    let lemma = self.lemma_of(s, h).unwrap_or_default();
                    announced = ANNOUNCING_VERBS.contains(&lemma.as_str())
                        && out[first..].iter().any(|g| g.word == h);
                }
            }
            if announced {
                out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// "Japan lodged a protest with China": a trigger noun that is the object a verb rule
    /// names ("lodge" + "protest") is coded by that rule, not again on its own.
    fn drop_coded_objects(&self, s: &Sent<'_>, out: &mut Vec<Found>, first: usize) {
        let Some(p) = &s.parse else { return };
        let found = out.split_off(first);
        let coded = |f: &Found| {
            f.kind == Kind::Noun
                && p.rel(f.word) == "obj"
                && p.head.get(f.word).copied().flatten().is_some_and(|h| {
                    found.iter().any(|g| {
                        g.kind == Kind::Verb
                            && g.word == h
                            && g.rule != f.rule
                            && self.rules[g.rule].object.contains(s.lower(f.word))
                    })
                })
        };
        // "Israeli strikes killed 20 people", "the bombing wounded dozens": an act named as
        // the subject of a violent verb is the happening the verb tells, coded once (by the
        // verb, which names the victims)
        let told = |f: &Found| {
            f.kind == Kind::Noun
                && matches!(p.rel(f.word), "nsubj" | "nsubj:pass")
                && p.head.get(f.word).copied().flatten().is_some_and(|h| {
                    found.iter().any(|g| {
                        g.kind == Kind::Verb
                            && g.word == h
                            && self.rules[g.rule].rule.event_type == "ASSAULT"
                            // unless only the noun names the state attacked ("Hamas's attack
                            // on Israel killed hundreds")
                            && (g.recipient.as_ref().is_some_and(|r| r.country.is_some()) || f.recipient.as_ref().map_or(true, |r| r.country.is_none()))
                    })
                })
        };
        // "shelled Kharkiv, killing five", "blew himself up, wounding dozens": the deaths of a
        // violent act are its outcome, not another act
        let outcome = |f: &Found| {
            f.kind == Kind::Verb
                && s.ws[f.word].form == Form::Ing
                && self.rules[f.rule].rule.event_type == "ASSAULT"
                && matches!(p.rel(f.word), "advcl" | "xcomp" | "conj" | "acl")
                && p.head.get(f.word).copied().flatten().is_some_and(|h| {
                    found.iter().any(|g| g.kind == Kind::Verb && g.word == h && self.rules[g.rule].rule.event_type == "ASSAULT")
                })
        };
        // "agreed to a ceasefire", "demanded a truce", "rejected the ceasefire": the act
        // agreed, asked for or refused is the verb's content, not done
        let content = |f: &Found| {
            f.kind == Kind::Noun
                && matches!(p.rel(f.word), "obj" | "obl" | "nmod")
                && matches!(self.rules[f.rule].rule.event_type.as_str(), "RETREAT" | "CONCEDE")
                && p.head.get(f.word).copied().flatten().is_some_and(|h| {
                    found.iter().any(|g| g.kind == Kind::Verb && g.word == h && matches!(self.rules[g.rule].rule.event_type.as_str(), "AGREE" | "REQUEST" | "REJECT" | "SUPPORT"))
                })
        };
        // "agreed to normalise relations", "pledged to hold talks": the act agreed is the
        // content of the agreement (an intent, AGREE by PLOVER), coded once by the agreeing verb
        let agreed = |f: &Found| {
            f.kind == Kind::Verb
                && p.rel(f.word) == "xcomp"
                && matches!(self.rules[f.rule].rule.event_type.as_str(), "AGREE" | "CONSULT" | "SUPPORT" | "COOPERATE" | "AID" | "RETREAT" | "CONCEDE")
                && p.head.get(f.word).copied().flatten().is_some_and(|h| {
                    found.iter().any(|g| {
                        g.kind == Kind::Verb
                            && g.word == h
                            && self.rules[g.rule].rule.event_type == "AGREE"
                            && self.lemma_of(s, h).is_some_and(|l| matches!(l.as_str(), "agree" | "pledge" | "promise" | "commit" | "offer" | "vow"))
                    })
                })
        };
        let keep: Vec<bool> = found.iter().map(|f| !coded(f) && !told(f) && !outcome(f) && !content(f) && !agreed(f)).collect();
        out.extend(found.into_iter().zip(keep).filter_map(|(f, k)| k.then_some(f)));
    }

    /// "vowed to crush the rebellion", "pledged to retaliate": a promise of harm is a
    /// threat (PLOVER THREATEN), and the act it promises is announced, not done.
    fn vows_of_harm(&self, s: &Sent<'_>, out: &mut Vec<Found>, first: usize) {
        let Some(p) = &s.parse else { return };
        let mut k = first;
        while k < out.len() {
            let f = &out[k];
            let vow = f.kind == Kind::Verb
                && self.rules[f.rule].rule.event_type == "AGREE"
                && self.lemma_of(s, f.word).is_some_and(|l| VOW_VERBS.contains(&l.as_str()));
            // "vowed revenge", "promised retaliation"
            if vow
                && p.child_with(f.word, "obj").is_some_and(|o| HARM_NOUNS.contains(&s.lower(o)))
            {
                out[k].threat = true;
                k += 1;
                continue;
            }
            let Some(c) = vow.then(|| p.child_with(f.word, "xcomp")).flatten() else {
                k += 1;
                continue;
            };
            let hostile_event = out[first..].iter().position(|g| {
                g.word == c
                    && matches!(
                        self.rules[g.rule].rule.event_type.as_str(),
                        "ASSAULT" | "COERCE" | "SANCTION" | "THREATEN" | "MOBILIZE"
                    )
            });
            let harm = hostile_event.is_some()
                || HARM_VERBS.contains(&self.lemma_of(s, c).unwrap_or_else(|| s.lower(c).to_string()).as_str());
            if harm {
                out[k].threat = true;
                if let Some(h) = hostile_event {
                    let h = first + h;
                    out.remove(h);
                    if h < k {
                        k -= 1;
                    }
                }
            }
            k += 1;
        }
    }

    fn code_sentence(&self, doc: &Doc, s: &Sent<'_>, out: &mut Vec<Found>) {
        let first = out.len();
        self.code_triggers(doc, s, out);
        self.drop_announced(s, out, first);
        self.drop_coded_objects(s, out, first);
        self.vows_of_harm(s, out, first);
        self.relate(s, &mut out[first..]);
        // "demanded the president's resignation", "threatened a boycott": a nominal act
        // inside the object of a demand or a threat is its content, not an event
        let asks: Vec<(usize, usize, usize)> = out[first..]
            .iter()
            .filter(|f| {
                f.kind == Kind::Verb
                    && matches!(self.rules[f.rule].rule.event_type.as_str(), "REQUEST" | "THREATEN")
            })
            .filter_map(|f| f.object_words.map(|(a, b)| (f.word, a, b)))
            .collect();
        let mut k = first;
        while k < out.len() {
            let f = &out[k];
            let content = f.kind == Kind::Noun
                && asks.iter().any(|&(w, a, b)| w != f.word && a <= f.word && f.word < b);
            if content {
                out.remove(k);
            } else {
                k += 1;
            }
        }
        // "gave assistance to Tunisia": the noun inside the verb's object is the same event
        let verbs: Vec<(usize, (usize, usize))> = out[first..]
            .iter()
            .filter(|f| f.kind == Kind::Verb)
            .filter_map(|f| f.object_words.map(|r| (f.rule, r)))
            .collect();
        let mut k = first;
        while k < out.len() {
            let f = &out[k];
            let dup = f.kind == Kind::Noun
                && verbs.iter().any(|&(rule, (a, b))| {
                    a <= f.word
                        && f.word < b
                        && self.rules[rule].rule.event_type == self.rules[f.rule].rule.event_type
                });
            if dup {
                out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// Relations between the events of one sentence: a nominal inside the object of a
    /// verbal conflict act is what the act is about (alleged, and done by the act's
    /// recipient when it has no actor of its own: "denouncing ... threats of reprisals");
    /// a nominal after another nominal with no verb between shares its actor ("a visit
    /// from X ... for discussions with Y").
    fn relate(&self, s: &Sent<'_>, evs: &mut [Found]) {
        for b in 0..evs.len() {
            for a in 0..b {
                if evs[b].kind != Kind::Noun || evs[a].word >= evs[b].word {
                    continue;
                }
                let ta = self.rules[evs[a].rule].rule.event_type.as_str();
                let inside = evs[a]
                    .object_words
                    .is_some_and(|(x, y)| x <= evs[b].word && evs[b].word < y);
                if evs[a].kind == Kind::Verb && inside && matches!(ta, "ACCUSE" | "REJECT") {
                    if matches!(evs[b].status, EventStatus::Asserted | EventStatus::Reported) {
                        evs[b].status = EventStatus::Alleged;
                    }
                    // "condemned the attack on its embassy": the one attacked is not the doer
                    let victim = |x: &Option<Participant>, y: &Option<Participant>| {
                        matches!((x, y), (Some(x), Some(y)) if x.span == y.span)
                    };
                    if evs[b].actor_inherited && !victim(&evs[a].recipient, &evs[b].recipient) {
                        evs[b].actor = evs[a].recipient.clone();
                        evs[b].actor_inherited = false;
                    }
                } else if evs[a].kind == Kind::Noun
                    && evs[b].actor_inherited
                    && evs[a].actor.is_some()
                    && !(evs[a].word..evs[b].word)
                        .any(|k| matches!(s.ws[k].tag, Tag::Verb | Tag::Punct | Tag::Sub))
                {
                    evs[b].actor = evs[a].actor.clone();
                }
            }
        }
    }

    fn code_triggers(&self, doc: &Doc, s: &Sent<'_>, out: &mut Vec<Found>) {
        let mut used: Vec<usize> = Vec::new();
        for i in 0..s.ws.len() {
            let w = &s.ws[i];
            if used.contains(&i) {
                continue;
            }
            let (kind, cands): (Kind, &[(usize, Vec<String>)]) = match w.tag {
                Tag::Verb => match w.lemma.and_then(|l| self.verb_rules.get(&l)) {
                    Some(c) => (Kind::Verb, c),
                    // "was deeply concerned by": a participle used as a predicate adjective
                    None => match self.adj_rules.get(w.lower.as_ref()) {
                        Some(c) if w.lower.ends_with("ed") => (Kind::Adj, c),
                        _ => continue,
                    },
                },
                Tag::Noun => match self.noun_rules.get(w.lower.as_ref()) {
                    Some(c) => (Kind::Noun, c),
                    None => continue,
                },
                Tag::Adj => match self.adj_rules.get(w.lower.as_ref()) {
                    Some(c) => (Kind::Adj, c),
                    None => continue,
                },
                _ => continue,
            };
            for &(k, ref extra) in cands {
                let particle_end = match kind {
                    Kind::Verb => match self.particles(s, i, extra) {
                        Some(e) => e,
                        None => continue,
                    },
                    Kind::Noun => {
                        // words before the head noun must precede it
                        if !extra.is_empty() {
                            let n = extra.len();
                            if i < n || !(0..n).all(|j| s.lower(i - n + j) == extra[j]) {
                                continue;
                            }
                        }
                        i
                    }
                    Kind::Adj => i,
                };
                if let Some(f) = self.try_rule(doc, s, i, particle_end, k, kind) {
                    used.push(particle_end);
                    out.extend(f);
                    break;
                }
            }
        }
    }

    /// For a multiword verb, the index of the last particle when present (within 3 words).
    fn particles(&self, s: &Sent<'_>, i: usize, extra: &[String]) -> Option<usize> {
        let mut pos = i;
        for p in extra {
            let mut hit = None;
            for j in pos + 1..(pos + 4).min(s.ws.len()) {
                if s.lower(j) == p {
                    hit = Some(j);
                    break;
                }
                if matches!(
                    s.tag(j),
                    Some(Tag::Punct | Tag::Comma | Tag::Sub | Tag::Verb)
                ) {
                    break;
                }
            }
            pos = hit?;
        }
        Some(pos)
    }

    fn try_rule(
        &self,
        doc: &Doc,
        s: &Sent<'_>,
        i: usize,
        pend: usize,
        k: usize,
        kind: Kind,
    ) -> Option<Vec<Found>> {
        let c = &self.rules[k];
        let r = &c.rule;
        let mut actor_nps: Vec<Np> = Vec::new();
        let mut recip_nps: Vec<(Np, bool)> = Vec::new(); // (np, object-position)
        let mut object_range: Option<(usize, usize)>;
        let mut actor_from_speaker = false;
        let mut actor_inherited = false;
        let mut alleged_by_agent = false;
        let mut active_verb = false;
        let mut inherited_recipient: Option<(usize, usize)> = None;
        let mut definite = false;
        let mut obj_end: Option<usize> = None;
        match kind {
            Kind::Verb => {
                let subj = self.subject_with_tree(doc, s, i);
                let passive = subj.as_ref().is_some_and(|x| x.passive);
                active_verb = !passive;
                alleged_by_agent = subj.as_ref().is_some_and(|x| x.alleged);
                // "families hit by this disaster", "the storm struck the coast": a natural
                // hazard does not attack or coerce anyone
                if matches!(r.event_type.as_str(), "ASSAULT" | "COERCE") {
                    let doer = if passive { self.agent_with_tree(s, i, pend + 1) } else { subj.as_ref().and_then(|x| x.np) };
                    // ("killed by Israeli fire", "hit by artillery fire": fire with a state or a
                    // weapon named before it is gunfire, not a blaze)
                    let hazard = doer.is_some_and(|n| {
                        HAZARDS.contains(&s.lower(n.head))
                            && !(s.lower(n.head) == "fire"
                                && (n.start..n.head).any(|j| {
                                    s.ws[j].mention.is_some_and(|m| doc.mentions.get(m as usize).is_some_and(|x| x.country.is_some()))
                                        || matches!(s.lower(j), "artillery" | "tank" | "sniper" | "machine-gun" | "mortar" | "rocket" | "army" | "police" | "enemy" | "hostile" | "live" | "heavy")
                                }))
                    });
                    if hazard {
                        return None;
                    }
                }
                let obj = if passive {
                    None
                } else {
                    self.object_with_tree(doc, s, i, pend)
                };
                obj_end = obj.map(|o| o.end);
                object_range = match obj {
                    Some(o) => Some((o.start, self.extent_end_with(s, o.start, false))),
                    None => Some((pend + 1, self.extent_end_with(s, pend + 1, false))),
                };
                if passive {
                    object_range = subj
                        .as_ref()
                        .and_then(|x| x.np)
                        .map(|np| (np.start, np.end));
                }
                for slot in &r.actor {
                    let got = match slot {
                        Slot::Subject if passive => self.agent_with_tree(s, i, pend + 1),
                        Slot::Subject => subj.as_ref().and_then(|x| x.np),
                        Slot::Prep(p) => self.prep_with_tree(s, i, pend + 1, p, 15),
                        Slot::Speaker => {
                            actor_from_speaker = true;
                            None
                        }
                        _ => None,
                    };
                    if let Some(np) = got {
                        actor_nps = self.coordinated(s, np);
                        break;
                    }
                }
                // "Police were deployed", "troops were sent to the border": with no agent,
                // the forces moved are the ones mobilising (PLOVER MOBILIZE codes the forces)
                let mut moved_forces = false;
                if actor_nps.is_empty() && passive && r.event_type == "MOBILIZE" {
                    if let Some(np) = subj.as_ref().and_then(|x| x.np) {
                        actor_nps = self.coordinated(s, np);
                        moved_forces = true;
                    }
                }
                for slot in &r.recipient {
                    let got = match slot {
                        Slot::Object if moved_forces => None,
                        Slot::Object if passive => {
                            subj.as_ref().and_then(|x| x.np).map(|np| (np, true))
                        }
                        Slot::Object => obj
                            .or_else(|| {
                                // "refused to meet ECOWAS envoys": the object of the infinitive
                                if s.tag(pend + 1) == Some(Tag::To)
                                    && s.tag(pend + 2) == Some(Tag::Verb)
                                {
                                    self.object_of(s, pend + 2)
                                } else {
                                    None
                                }
                            })
                            .map(|np| (np, true)),
                        Slot::Prep(p) => self.prep_with_tree(s, i, pend + 1, p, 15).map(|np| (np, false)),
                        _ => None,
                    };
                    if let Some((np, o)) = got {
                        // "shelled Kurdish positions in Syria", "struck targets in Gaza": an
                        // object that is a thing of no state leaves the recipient to a later
                        // slot that names one
                        let named = |np: Np| {
                            (np.start..np.end).any(|j| {
                                s.ws[j].mention.and_then(|m| doc.mentions.get(m as usize)).is_some_and(|m| m.country.is_some() || m.place.as_ref().is_some_and(|p| p.country.is_some()))
                            })
                        };
                        if recip_nps.is_empty() {
                            recip_nps = self.coordinated(s, np).into_iter().map(|n| (n, o)).collect();
                        } else if named(np) {
                            // a later slot with a state replaces the stateless object
                            recip_nps = self.coordinated(s, np).into_iter().map(|n| (n, o)).collect();
                            break;
                        }
                        let thing = o
                            && !named(np)
                            && s.ws[np.head].mention.is_none()
                            && s.ws[np.head].tag == Tag::Noun
                            && !is_actor_noun(s.ws[np.head].lower.as_ref())
                            && r.event_type == "ASSAULT";
                        if !thing {
                            break;
                        }
                    }
                }
                if let Some(x) = &subj {
                    inherited_recipient = x.recipient;
                }
            }
            Kind::Noun => {
                let np = s.np(i)?;
                // "Moscow decried the move as an assault", "called it an invasion": an act
                // named in a judgement is what the judgement says, not an event of its own
                // (the ACCUSE rules read these nouns)
                // "respond to any attack", "every provocation": a kind of act, none done
                if matches!(s.lower(np.start), "any" | "every" | "whatever") {
                    return None;
                }
                // "refused to back the EU sanctions package", "opposed a ceasefire deal": an
                // act proposed or debated is not done (the verb codes the stance)
                if let Some(p) = &s.parse {
                    let mut j = i;
                    for _ in 0..3 {
                        let Some(h) = p.head.get(j).copied().flatten() else { break };
                        let rel = p.rel(j);
                        if s.ws[h].tag == Tag::Verb || p.upos.get(h) == Some(&Upos::Verb) {
                            let word = s.lower(h);
                            let stem = ["ing", "ed", "s"].iter().find_map(|x| word.strip_suffix(x)).unwrap_or(word);
                            let policy = self.lemma_of(s, h).is_some_and(|l| POLICY_VERBS.contains(&l.as_str()))
                                || POLICY_VERBS.contains(&word)
                                || POLICY_VERBS.contains(&stem);
                            let material = !matches!(r.event_type.as_str(), "ACCUSE" | "REQUEST" | "THREATEN" | "REJECT" | "SUPPORT" | "CONSULT");
                            if material && matches!(rel, "obj" | "nsubj:pass") && policy {
                                return None;
                            }
                            break;
                        }
                        if !matches!(rel, "compound" | "nmod" | "amod") {
                            break;
                        }
                        j = h;
                    }
                }
                if r.event_type != "ACCUSE" && named_in_judgement(s, np) {
                    return None;
                }
                // a modifier of a document noun: "a military cooperation agreement"
                if np.head > i && DOCUMENT_HEADS.contains(&s.lower(np.head)) {
                    return None;
                }
                // a modifier of a noun that names people, places, vehicles or records: "aid
                // workers", "protest leaders", "the detention centre", "attack helicopters",
                // "call logs" name no act
                if np.head > i
                    && (is_actor_noun(s.lower(np.head)) || NON_EVENT_HEADS.contains(&s.lower(np.head)))
                {
                    return None;
                }
                // "a heart attack", "a panic attack": illness, not violence
                if i > 0 && MEDICAL_MODIFIERS.contains(&s.lower(i - 1)) {
                    return None;
                }
                // the content of an agreement or permission is not an event ("a pact permitting the deployment of")
                if np.start > 0 && s.lemma_is(&self.tagger, np.start - 1, CONTENT_VERBS) {
                    return None;
                }
                definite = s.ws[np.start].tag == Tag::Det
                    && matches!(
                        s.lower(np.start),
                        "the" | "this" | "that" | "its" | "their" | "his" | "her"
                    );
                let of_np = if s.lower(np.end) == "of" {
                    s.np(np.end + 1)
                } else {
                    None
                };
                object_range = match of_np {
                    Some(o) => Some((o.start, self.extent_end(s, o.start))),
                    None => Some((np.end, self.extent_end(s, np.end))),
                };
                let after = np.end;
                for slot in &r.noun_actor {
                    let got: Vec<Np> = match slot {
                        Slot::Poss => self.poss_nps(s, np, i),
                        Slot::Object => of_np.into_iter().collect(),
                        Slot::Prep(p) => self.prep_with_tree(s, i, after, p, 15).into_iter().collect(),
                        Slot::Subject => {
                            actor_inherited = true;
                            self.governing_with_tree(s, i, np.start).into_iter().collect()
                        }
                        Slot::Speaker => {
                            actor_from_speaker = true;
                            vec![]
                        }
                    };
                    // a phrase that names no one ("talks with Putin by phone") is no actor:
                    // try the next slot
                    let names = |n: &Np| self.participant(doc, s, *n, false).is_some();
                    if matches!(slot, Slot::Prep(_)) && !got.iter().any(names) {
                        continue;
                    }
                    if let Some(&first) = got.first() {
                        actor_nps = if got.len() > 1 {
                            got
                        } else {
                            self.coordinated(s, first)
                        };
                        break;
                    }
                }
                for slot in &r.noun_recipient {
                    let got = match slot {
                        Slot::Object => of_np.map(|n| (n, true)),
                        Slot::Prep(p) => self.prep_with_tree(s, i, after, p, 15).map(|n| (n, false)),
                        Slot::Poss => self.poss_nps(s, np, i).first().map(|&n| (n, false)),
                        _ => None,
                    };
                    if let Some((n, o)) = got {
                        recip_nps = self.coordinated(s, n).into_iter().map(|x| (x, o)).collect();
                        // "clashes between the army and the RSF", "talks between Moscow and
                        // Kyiv": with no actor of its own, the first party acts on the others
                        let no_actor = actor_nps.iter().all(|a| (a.start <= i && i < a.end) || self.participant(doc, s, *a, false).is_none());
                        if matches!(slot, Slot::Prep(p) if p == "between") && no_actor && recip_nps.len() > 1 {
                            actor_nps = vec![recip_nps.remove(0).0];
                        }
                        break;
                    }
                }
                // "put Bongo under house arrest", "took him into custody": the object of the
                // verb the nominal depends on
                if recip_nps.is_empty() {
                    if let Some(p) = &s.parse {
                        if let Some((v, "obl")) = tree::governor(p, i) {
                            let case = p.children(i).find(|&c| p.rel(c) == "case").map(|c| s.lower(c).to_string());
                            if matches!(case.as_deref(), Some("under" | "into" | "in")) {
                                if let Some(o) = tree::object(p, v) {
                                    recip_nps = vec![(s.np_at(o), true)];
                                }
                            }
                        }
                    }
                }
                // "Peskov said the expansion of NATO was an encroachment", "Maduro said the
                // U.S. was making a grave mistake", "called the rebellion a stab in the back":
                // an act named by a speaker targets the one the clause is about
                if recip_nps.is_empty() && actor_from_speaker {
                    if let Some(n) = self.named_act_target(s, i) {
                        recip_nps = vec![(n, true)];
                    }
                }
                // "he faced criticism and accusations of ...", "drew sanctions from": the one
                // who undergoes the act is its target
                if recip_nps.is_empty() {
                    if let Some(p) = &s.parse {
                        if let Some(v) = tree::object_governor(p, i) {
                            if self.lemma_of(s, v).is_some_and(|l| UNDERGO_VERBS.contains(&l.as_str())) {
                                if let Some(sub) = self.subject_of(s, v, 1).filter(|x| !x.passive).and_then(|x| x.np) {
                                    recip_nps = vec![(sub, false)];
                                }
                            }
                        }
                    }
                }
                // "rebuked accusations made by X": the accusation targets the one rebuking it
                if recip_nps.is_empty()
                    && np.start > 0
                    && s.lemma_is(&self.tagger, np.start - 1, REBUT_VERBS)
                {
                    if let Some(sub) = self.subject_of(s, np.start - 1, 1).and_then(|x| x.np) {
                        recip_nps = vec![(sub, false)];
                    }
                }
            }
            Kind::Adj if !matches!(r.actor.first(), Some(Slot::Speaker)) => {
                // "the United States was deeply concerned by Azerbaijan's operation": the
                // one who feels is the subject, the one it is about the prepositional phrase
                let subj = self.subject_of(s, i, 0)?;
                actor_nps = self.coordinated(s, subj.np?);
                object_range = Some((i + 1, self.extent_end(s, i + 1)));
                for slot in &r.recipient {
                    if let Slot::Prep(p) = slot {
                        if let Some(np) = self.prep_with_tree(s, i, i + 1, p, 10) {
                            recip_nps = vec![(np, false)];
                            break;
                        }
                    }
                }
            }
            Kind::Adj => {
                // "X was deemed unlawful": the thing judged is the subject
                let subj = self.subject_of(s, i, 0)?;
                let np = subj.np?;
                object_range = Some((np.start, np.end));
                recip_nps = vec![(np, true)];
                actor_from_speaker = true;
            }
        }
        // object constraint
        if !c.object.is_empty() || !c.not_object.is_empty() {
            let (a, b) = match object_range {
                Some(x) => x,
                None if kind == Kind::Noun => (i.saturating_sub(3), i),
                None => return None,
            };
            let mut ok = c.object.is_empty();
            for j in a..b.min(s.ws.len()) {
                let l = s.lower(j);
                if c.object.contains(l) {
                    ok = true;
                }
                if c.not_object.contains(l) {
                    return None;
                }
            }
            // nouns: modifiers before the trigger count too ("peace talks")
            if !ok && kind == Kind::Noun {
                if let Some(np) = s.np(i) {
                    ok = (np.start..i).any(|j| c.object.contains(s.lower(j)));
                }
            }
            if !ok {
                return None;
            }
        }
        // "asked whether", "asked the minister why": a question, not a request
        if !r.not_next.is_empty() {
            let blocks = |k: usize| k < s.ws.len() && r.not_next.iter().any(|w| w == s.lower(k));
            if blocks(pend + 1) || obj_end.is_some_and(|e| (pend + 1..=e).any(blocks)) {
                return None;
            }
        }
        // "was met with criticism"
        for (prep, ws) in &r.not_prep {
            if let Some(np) = self.prep_np(s, pend + 1, prep, 3) {
                if (np.start..np.end).any(|k| ws.iter().any(|w| w == s.lower(k) || plural(w) == s.lower(k))) {
                    return None;
                }
            }
        }
        let trigger = s.ws[i].span.cover(s.ws[pend].span);
        let statement = statement_of(doc, s.statements.as_deref(), trigger);
        let mut actors: Vec<Participant> = actor_nps
            .iter()
            .filter_map(|&n| self.participant(doc, s, n, false))
            .collect();
        if actors.is_empty() && actor_from_speaker {
            if let Some(p) = self
                .speech_subject_tree(s, i)
                .and_then(|np| self.participant(doc, s, np, false))
            {
                actors.push(p);
            } else if let Some(p) = statement.and_then(|st| speaker_participant(doc, st)) {
                actors.push(p);
            } else if let Some(np) = self.speaker_fallback(s, i) {
                actors.extend(self.participant(doc, s, np, false));
            }
        }
        // a pronoun with no resolved country: "we" in a quote is the speaker; "it" after
        // "X said/announced" is X
        if let Some(a) = actors.first() {
            let pronoun = a.mention.is_none()
                || a.mention.is_some_and(|m| {
                    doc.mentions
                        .get(m.index())
                        .is_some_and(|x| x.kind == MentionKind::Pronoun)
                });
            // "The countries also said they would eject Qatar's diplomats": a plural pronoun
            // subject of what a plural noun phrase says is bound to it, whatever coreference
            // across sentences proposed
            let bound_plural = pronoun
                && ctx_mode() & 8192 == 0
                && doc.slice(a.span).eq_ignore_ascii_case("they")
                && self
                    .ccomp_governor_subject(s, i)
                    .is_some_and(|np| s.ws[np.head].tag == Tag::Noun && s.lower(np.head).ends_with('s'));
            if (a.country.is_none() && pronoun) || bound_plural {
                let low = if bound_plural { "they".to_string() } else { a.name.to_lowercase() };
                let plural = low == "they" && ctx_mode() & 131072 == 0;
                let speaker: Option<Vec<Participant>> = if matches!(low.as_str(), "we" | "i") {
                    statement.and_then(|st| speaker_participant(doc, st)).map(|p| vec![p])
                } else if matches!(low.as_str(), "it" | "they" | "he" | "she") {
                    // "X, Y and Z announced they were ...": the first conjunct with a country
                    let np = self.speaker_fallback(s, i).or_else(|| self.ccomp_governor_subject(s, i));
                    np.and_then(|mut np| {
                        // the tree puts later conjuncts under the first: start from it
                        if let Some(p) = &s.parse {
                            for _ in 0..8 {
                                if p.rel(np.head) != "conj" {
                                    break;
                                }
                                match p.head.get(np.head).copied().flatten() {
                                    Some(h) if h < np.head => np = s.np_at(h),
                                    _ => break,
                                }
                            }
                        }
                        // "Saudi Arabia, Egypt, Bahrain and other countries": a generic last
                        // conjunct stands with the named ones before it
                        if np.start >= 2 && matches!(s.lower(np.start - 1), "and" | "or" | ",") {
                            let mut k = np.start - 1;
                            let mut first = None;
                            while k > 0 {
                                k -= 1;
                                match s.ws[k].tag {
                                    Tag::Verb | Tag::Prep | Tag::Punct | Tag::Quote | Tag::Sub | Tag::Rel => break,
                                    _ => {}
                                }
                                if s.ws[k].mention.and_then(|m| doc.mentions.get(m as usize)).is_some_and(|m| {
                                    m.country.is_some() && matches!(m.kind, MentionKind::Country | MentionKind::Igo)
                                }) {
                                    first = Some(k);
                                }
                            }
                            if let Some(f) = first {
                                np = s.np_at(f);
                            }
                        }
                        let all: Vec<Participant> = self
                            .coordinated(s, np)
                            .into_iter()
                            .filter_map(|n| self.participant(doc, s, n, false))
                            .collect();
                        // "they" stands for every conjunct that names a state (one event each)
                        let known: Vec<Participant> = all.iter().filter(|p| p.country.is_some()).cloned().collect();
                        if plural && known.len() > 1 {
                            return Some(known);
                        }
                        let first_known = all.iter().position(|p| p.country.is_some());
                        first_known.map(|k| all[k].clone()).or_else(|| all.into_iter().next()).map(|p| vec![p])
                    })
                } else {
                    None
                };
                if let Some(sp) = speaker.filter(|v| !v.is_empty()) {
                    actors = sp;
                }
            }
        }
        // "The officers declared that the election results were cancelled, borders were
        // closed and state institutions were dissolved": an act done by declaring it has
        // the declarer for actor when the passive names no agent
        if actors.is_empty()
            && kind == Kind::Verb
            && !active_verb
            && matches!(r.event_type.as_str(), "SANCTION" | "COERCE")
        {
            if let Some(np) = self.declaring_subject(s, i) {
                actors.extend(self.participant(doc, s, np, false));
            }
        }
        // "warplanes flew over Ankara": not a visit
        if !r.not_actor_heads.is_empty()
            && actors.iter().any(|a| r.not_actor_heads.iter().any(|h| *h == crate::context::head_word(doc.slice(a.span))))
        {
            return None;
        }
        if !r.actor_heads.is_empty() {
            actors.retain(|a| {
                let head = crate::context::head_word(doc.slice(a.span));
                r.actor_heads.iter().any(|h| *h == head)
            });
            if actors.is_empty() {
                return None;
            }
        }
        let mut recips: Vec<Participant> = Vec::new();
        for &(n, object_pos) in &recip_nps {
            if matches!(s.lower(n.head), "what" | "which" | "that" | "this" | "it") {
                continue;
            }
            let p = self.participant(doc, s, n, true);
            if !object_pos || p.as_ref().is_some_and(|p| p.country.is_some()) {
                recips.extend(p);
            } else {
                // the first actor inside the object phrase, else its possessive pronoun
                // ("attacking its troops")
                let end = self.extent_end(s, n.start);
                let has = |x: &Option<Participant>| x.as_ref().is_some_and(|p| p.country.is_some());
                let inner = self.first_actor_in(doc, s, n.start, end);
                let own = self.participant(doc, s, n, false);
                // the other party of a document: "a pact with X", else the country in its
                // relative clause ("the pact that allowed American soldiers ...")
                let party = if DOCUMENT_HEADS.contains(&s.lower(n.head)) && !has(&inner) {
                    let with = self
                        .prep_np(s, n.end, "with", 4)
                        .and_then(|w| self.participant(doc, s, w, true));
                    if has(&with) {
                        with
                    } else if matches!(s.lower(n.end), "that" | "which") {
                        let a = n.end + 1;
                        let b = (a..(a + 12).min(s.ws.len()))
                            .find(|&k| matches!(s.ws[k].tag, Tag::Punct | Tag::Comma | Tag::Quote))
                            .unwrap_or((a + 12).min(s.ws.len()));
                        self.first_actor_in(doc, s, a, b)
                    } else {
                        None
                    }
                } else {
                    None
                };
                // a place inside the phrase of a generic actor is where it is, not who it is
                // ("arrested protesters in Nairobi": the protesters, of Kenya by context)
                // (a capital or a country after "in", "at", "near" too: "dissidents in Tehran")
                let inner_is_place = inner.as_ref().and_then(|p| p.mention).is_some_and(|m| {
                    doc.mentions.get(m.index()).is_some_and(|x| {
                        x.kind == MentionKind::Place
                            || (x.kind == MentionKind::Country
                                && (0..s.ws.len()).find(|&k| s.ws[k].span.start >= x.span.start).is_some_and(|k| {
                                    k > 0 && matches!(s.lower(k - 1), "in" | "at" | "near" | "across" | "outside" | "inside" | "around" | "throughout")
                                }))
                    })
                });
                recips.extend(if has(&inner) && !(inner_is_place && own.is_some()) {
                    inner
                } else if has(&party) {
                    party
                } else if has(&own) {
                    own
                } else {
                    p.or(inner)
                });
            }
        }
        let same_entity = |x: &Participant, y: &Participant| -> bool {
            x.span == y.span
                || match (x.mention, y.mention) {
                    (Some(a), Some(b)) => doc.resolve(a) == doc.resolve(b),
                    _ => false,
                }
        };
        if let Some(a) = actors.first() {
            recips.retain(|r| !same_entity(a, r));
        }
        if recips.is_empty() {
            if let Some((a, b)) = inherited_recipient {
                recips.extend(self.first_actor_in(doc, s, a, b));
            }
        }
        // "Ethiopia and Eritrea reached an agreement": a symmetric act between the coordinated
        // parties (also when the only recipient is a thing of no state: "India and France
        // agreed to co-produce fighter jets")
        let stateless = !recips.is_empty() && recips.iter().all(|p| p.country.is_none());
        if stateless
            && actors.len() >= 2
            && matches!(r.event_type.as_str(), "AGREE" | "CONSULT" | "COOPERATE" | "SUPPORT")
        {
            recips.clear();
        }
        if recips.is_empty()
            && actors.len() >= 2
            && matches!(
                r.event_type.as_str(),
                "AGREE" | "CONSULT" | "COOPERATE" | "SUPPORT"
            )
            || (recips.is_empty() && actors.len() >= 2 && r.mode.as_deref() == Some("firearms"))
        {
            recips = actors.split_off(1);
        }
        // "talks between Armenia and Azerbaijan": the parties of a symmetric act
        if actors.is_empty()
            && recips.len() >= 2
            && matches!(
                r.event_type.as_str(),
                "AGREE" | "CONSULT" | "COOPERATE" | "SUPPORT"
            )
        {
            let rest = recips.split_off(1);
            actors = std::mem::replace(&mut recips, rest);
        }
        // an act named by a speaker ("aggression", "unlawful") is nothing without its speaker
        if actors.is_empty() && actor_from_speaker && kind != Kind::Verb {
            return None;
        }
        if actors.is_empty() && (recips.is_empty() || active_verb) {
            // PLOVER needs an actor; an active verb without a subject is not coded
            return None;
        }
        // "held exercises with Belarus": the rule needs its other party, else the next rule
        // for the trigger is tried ("held exercises near Taiwan": a show of force)
        // "Taiwan detected 32 Chinese aircraft": the one acted on is the actor
        if r.swap {
            std::mem::swap(&mut actors, &mut recips);
        }
        if r.need_target && recip_nps.is_empty() && recips.is_empty() {
            return None;
        }
        if r.need_recipient && !recips.iter().any(|p| p.country.is_some()) {
            return None;
        }
        // status
        let (mut status, mut cue) = self.status(s, i, kind);
        if alleged_by_agent && matches!(status, EventStatus::Asserted | EventStatus::Reported) {
            status = EventStatus::Alleged;
            cue = None;
        }
        if status == EventStatus::Asserted {
            if let Some(st) = statement {
                let speech_act = matches!(
                    r.event_type.as_str(),
                    "ACCUSE" | "REJECT" | "REQUEST" | "THREATEN" | "SUPPORT" | "AGREE" | "CONCEDE"
                );
                let same = actors.first().is_some_and(|a| same_as_speaker(doc, st, a));
                if !(speech_act && same) {
                    status = EventStatus::Reported;
                }
            }
        }
        // contexts
        let mut context = r.context.clone();
        let (ea, eb) = object_range.unwrap_or((i, i + 1));
        let np_trigger = s.np(i).map(|n| (n.start, n.end)).unwrap_or((i, i + 1));
        for j in (np_trigger.0..np_trigger.1).chain(ea..eb.min(s.ws.len())) {
            if let Some(cs) = self.cues.get(s.lower(j)) {
                for c in cs {
                    if !context.contains(c) {
                        context.push(c.clone());
                    }
                }
            }
        }
        let object_head = object_range
            .and_then(|(a, _)| s.np(a))
            .map(|n| s.lower(n.head).trim_end_matches('s').to_string());
        let location = self.location(doc, s, pend, kind);
        let first = actors
            .first()
            .map(|p| p.span.start)
            .unwrap_or(trigger.start)
            .min(trigger.start);
        let last_word = eb.max(pend + 1).min(s.ws.len()).saturating_sub(1);
        let extent = Span::new(first, s.ws[last_word].span.end.max(trigger.end));
        let mut out = Vec::new();
        let actors: Vec<Option<Participant>> = if actors.is_empty() {
            vec![None]
        } else {
            actors.into_iter().take(4).map(Some).collect()
        };
        let recips: Vec<Option<Participant>> = if recips.is_empty() {
            vec![None]
        } else {
            recips.into_iter().take(4).map(Some).collect()
        };
        // only an event left without a recipient reads it (implied_recipient): found once, when needed
        let mut clause: Option<Option<Span>> = None;
        for a in &actors {
            for rc in &recips {
                let mut rc = rc.clone();
                // the same entity on both sides is not an interaction
                if let (Some(x), Some(y)) = (a, &rc) {
                    if x.span == y.span || (x.mention.is_some() && x.mention == y.mention) {
                        rc = None;
                    }
                }
                if a.is_none() && rc.is_none() {
                    continue;
                }
                let no_recipient = rc.is_none();
                let mut evidence = vec![trigger];
                evidence.extend(a.iter().map(|p| p.span));
                evidence.extend(rc.iter().map(|p| p.span));
                evidence.extend(cue);
                out.push(Found {
                    sentence: s.id,
                    trigger,
                    rule: k,
                    kind,
                    actor: a.clone(),
                    recipient: rc,
                    status,
                    statement,
                    evidence,
                    context: context.clone(),
                    location,
                    definite,
                    object_head: object_head.clone(),
                    extent,
                    word: i,
                    object_words: object_range,
                    actor_inherited,
                    threat: false,
                    clause: if no_recipient { *clause.get_or_insert_with(|| self.clause_of(s, i)) } else { None },
                });
            }
        }
        if out.is_empty() {
            None
        } else {
            Some(out)
        }
    }

    /// The byte span of the clause word `i` stands in: the subtree of the nearest verb above
    /// it (itself included) that heads a clause.
    fn clause_of(&self, s: &Sent<'_>, i: usize) -> Option<Span> {
        let p = s.parse.as_ref()?;
        let mut h = i;
        for _ in 0..8 {
            let verb = s.ws.get(h).is_some_and(|w| w.tag == Tag::Verb) || p.upos.get(h) == Some(&Upos::Verb);
            if verb && matches!(p.rel(h), "root" | "ccomp" | "advcl" | "acl:relcl" | "parataxis" | "conj" | "csubj") {
                break;
            }
            h = p.head.get(h).copied().flatten()?;
        }
        // the subtree of h: every word whose chain of heads reaches h within 12 steps (a
        // bound that keeps this linear in the sentence; deeper words sit inside the range of
        // shallower ones anyway)
        let n = s.ws.len();
        let (mut lo, mut hi) = (h, h);
        for k in 0..n {
            let mut j = k;
            let mut under = false;
            for _ in 0..12 {
                if j == h {
                    under = true;
                    break;
                }
                match p.head.get(j).copied().flatten() {
                    Some(x) => j = x,
                    None => break,
                }
            }
            if under {
                lo = lo.min(k);
                hi = hi.max(k);
            }
        }
        Some(Span::new(s.ws[lo].span.start, s.ws[hi].span.end))
    }

    /// The object noun phrase right after a verb (adverbs and particles skipped).
    fn object_of(&self, s: &Sent<'_>, v: usize) -> Option<Np> {
        let mut j = v + 1;
        while j < s.ws.len() && matches!(s.ws[j].tag, Tag::Adv) {
            j += 1;
        }
        // a parenthetical between the verb and its object: "ending, with immediate effect, a pact"
        if s.tag(j) == Some(Tag::Comma) && matches!(s.tag(j + 1), Some(Tag::Prep | Tag::Adv)) {
            if let Some(close) = (j + 2..(j + 8).min(s.ws.len())).find(|&k| {
                matches!(s.ws[k].tag, Tag::Comma | Tag::Punct | Tag::Verb | Tag::Sub)
            }) {
                if s.ws[close].tag == Tag::Comma {
                    j = close + 1;
                }
            }
        }
        let np = s.np(j)?;
        if np.start == j {
            Some(np)
        } else {
            None
        }
    }

    /// Where the phrase starting at `start` ends: clause punctuation, subordinators,
    /// relative pronouns, commas, a new finite verb group, or 15 words.
    fn extent_end(&self, s: &Sent<'_>, start: usize) -> usize {
        self.extent_end_with(s, start, true)
    }

    fn extent_end_with(&self, s: &Sent<'_>, start: usize, stop_conj: bool) -> usize {
        let n = s.ws.len();
        let mut j = start;
        while j < n && j < start + 15 {
            match s.ws[j].tag {
                Tag::Punct
                | Tag::Sub
                | Tag::Rel
                | Tag::Comma
                | Tag::Quote
                | Tag::Modal
                | Tag::Aux => return j,
                Tag::Conj if stop_conj && s.tag(j + 1) != Some(Tag::Propn) => return j,
                Tag::Conj if matches!(s.tag(j + 1), Some(Tag::Verb | Tag::Aux | Tag::Modal)) => {
                    return j
                }
                Tag::Verb
                    if j > start
                        && matches!(s.ws[j].form, Form::S | Form::Base)
                        && s.tag(j - 1) != Some(Tag::To) =>
                {
                    return j
                }
                _ => {}
            }
            j += 1;
        }
        j.min(n)
    }

    /// The noun phrase after preposition `p`, searched from `from` within the clause.
    fn prep_np(&self, s: &Sent<'_>, from: usize, p: &str, max: usize) -> Option<Np> {
        let n = s.ws.len();
        let mut j = from;
        while j < n && j < from + max {
            let w = &s.ws[j];
            if w.lower == p && matches!(w.tag, Tag::Prep | Tag::To) {
                let np = s.np(j + 1)?;
                return if np.start == j + 1 { Some(np) } else { None };
            }
            match w.tag {
                Tag::Punct | Tag::Sub | Tag::Rel | Tag::Quote | Tag::Modal | Tag::Conj => {
                    return None
                }
                Tag::Comma if !matches!(s.tag(j + 1), Some(Tag::Prep)) => return None,
                Tag::Verb if j > from && matches!(w.form, Form::S | Form::Base | Form::Past) => {
                    return None
                }
                _ => {}
            }
            j += 1;
        }
        None
    }

    /// Possessors and modifier mentions inside a noun phrase before word `i`.
    fn poss_nps(&self, s: &Sent<'_>, np: Np, i: usize) -> Vec<Np> {
        let mut seen: Vec<u32> = Vec::new();
        let mut out = Vec::new();
        for j in np.start..i {
            if let Some(m) = s.ws[j].mention {
                if !seen.contains(&m) {
                    seen.push(m);
                    // a sub-phrase standing for this mention
                    let mut a = j;
                    while a > np.start && s.ws[a - 1].mention == Some(m) {
                        a -= 1;
                    }
                    let mut b = j;
                    while b + 1 < i && s.ws[b + 1].mention == Some(m) {
                        b += 1;
                    }
                    out.push(Np {
                        start: a,
                        end: b + 1,
                        head: b,
                    });
                }
            } else if s.ws[j].tag == Tag::Pron
                || (s.ws[j].tag == Tag::Det
                    && matches!(s.lower(j), "its" | "their" | "his" | "her"))
            {
                // "its expulsion": the possessive pronoun, with no mention, stands for the subject
                continue;
            }
        }
        if out.is_empty() {
            // a possessor without a mention ("the junta's decision")
            if let Some(p) = (np.start..i).find(|&j| s.ws[j].tag == Tag::Poss) {
                if p > np.start {
                    let head = p - 1;
                    if s.ws[head].tag == Tag::Noun && ACTOR_NOUNS.contains(&s.lower(head))
                        || s.ws[head].tag == Tag::Propn
                    {
                        out.push(Np {
                            start: np.start,
                            end: p,
                            head,
                        });
                    }
                }
            }
        }
        out
    }

    /// The first phrase of a coordination of actors ending with `np` ("Mali and Burkina Faso").
    fn coordination_start(&self, s: &Sent<'_>, np: Np) -> Np {
        let mut cur = np;
        let mut crossed_and = false;
        while cur.start >= 2 && s.ws[cur.head].mention.is_some() {
            let sep = cur.start - 1;
            let ok = matches!(s.lower(sep), "and" | "or") || (crossed_and && s.lower(sep) == ",");
            crossed_and |= matches!(s.lower(sep), "and" | "or");
            let Some(prev) = s.np(sep - 1) else { break };
            if !ok || s.ws[prev.head].mention.is_none() {
                break;
            }
            cur = prev;
        }
        cur
    }

    /// This phrase and the ones coordinated with it when all name actors
    /// ("Mali and Burkina Faso", "France, Germany and Italy").
    fn coordinated(&self, s: &Sent<'_>, np: Np) -> Vec<Np> {
        let mut out = vec![np];
        if s.ws[np.head].mention.is_none() {
            return out;
        }
        let mut j = np.end;
        let mut saw_conj = false;
        loop {
            let (sep, conj) = match s.tag(j) {
                Some(Tag::Comma) => (true, s.tag(j + 1) == Some(Tag::Conj)),
                Some(Tag::Conj) if matches!(s.lower(j), "and" | "or") => (false, true),
                _ => break,
            };
            let k = j + 1 + usize::from(sep && conj);
            match s.np(k) {
                Some(next) if next.start == k && s.ws[next.head].mention.is_some() => {
                    out.push(next);
                    j = next.end;
                    if conj {
                        saw_conj = true;
                        break;
                    }
                }
                _ => break,
            }
            if out.len() >= 6 {
                break;
            }
        }
        // "Josep Borrell, the EU foreign policy chief, said": phrases joined by commas with no
        // "and" or "or" are appositions of one actor, not a list
        if !saw_conj {
            out.truncate(1);
        }
        out
    }

    /// A participant from a noun phrase: its head mention (or possessor mention), resolved
    /// through coreference; a pronoun or actor noun without a mention gives a participant
    /// with no country.
    fn participant(&self, doc: &Doc, s: &Sent<'_>, np: Np, recipient: bool) -> Option<Participant> {
        let mut mids: Vec<u32> = Vec::new();
        for j in np.start..np.end {
            if let Some(m) = s.ws[j].mention {
                if !mids.contains(&m) {
                    mids.push(m);
                }
            }
        }
        let start_word = (np.start..np.end)
            .find(|&j| s.ws[j].tag != Tag::Det || s.ws[j].mention.is_some())
            .unwrap_or(np.start);
        let span = Span::new(s.ws[start_word].span.start, s.ws[np.end - 1].span.end);
        let usable = |m: u32| -> bool {
            let Some(me) = doc.mentions.get(m as usize) else {
                return false;
            };
            let t = doc.slice(me.span).to_lowercase();
            // a possessive pronoun in an object ("its pact") is not the recipient
            !(recipient && matches!(t.as_str(), "its" | "their" | "his" | "her" | "our"))
        };
        let head_m = s.ws[np.head].mention.filter(|&m| usable(m));
        let primary = head_m.or_else(|| mids.iter().rev().copied().find(|&m| usable(m)));
        match primary {
            Some(m) => {
                let id = MentionId(m);
                let me = doc.mentions.get(m as usize)?;
                let root = doc.mentions.get(doc.resolve(id).index()).unwrap_or(me);
                let place_country =
                    |x: &griot_text::Mention| x.location().and_then(|p| p.country.clone());
                let mut country = me
                    .country
                    .clone()
                    .or_else(|| root.country.clone())
                    .or_else(|| place_country(me));
                let sector = me.sector.clone().or_else(|| root.sector.clone());
                if country.is_none() {
                    country = mids
                        .iter()
                        .filter_map(|&o| doc.mentions.get(o as usize))
                        .find_map(|o| o.country.clone());
                }
                let name = if me.kind == MentionKind::Pronoun || me.name.is_empty() {
                    root.name.clone()
                } else {
                    me.name.clone()
                };
                Some(Participant {
                    span,
                    mention: Some(id),
                    name,
                    country,
                    sector,
                    guessed: None,
                })
            }
            None => {
                let head = &s.ws[np.head];
                let ok = match head.tag {
                    Tag::Pron => {
                        matches!(
                            head.lower.as_ref(),
                            "he" | "she" | "they" | "we" | "him" | "them" | "i"
                        ) || (!recipient
                            && head.lower == "it"
                            && self.speaker_fallback(s, np.head).is_some())
                    }
                    Tag::Propn => !TIME_WORDS.contains(&head.lower.as_ref()),
                    // a name the tagger missed at the start of a sentence ("Pashinyan accused")
                    Tag::Noun | Tag::Adj
                        if head.cap
                            && s.parse.as_ref().is_some_and(|p| p.upos.get(np.head) == Some(&Upos::Propn)) =>
                    {
                        !TIME_WORDS.contains(&head.lower.as_ref())
                    }
                    Tag::Noun => is_actor_noun(head.lower.as_ref()),
                    _ => false,
                };
                if !ok || (recipient && head.tag == Tag::Pron && head.lower == "it") {
                    // "the chairperson of the AU commission, Moussa Faki Mahamat, condemned":
                    // a title phrase names its actor in the apposition the tree hangs under it
                    let appos = s.parse.as_ref().and_then(|p| p.child_with(np.head, "appos"));
                    if let Some(a) = appos.filter(|&a| a > np.head && s.ws[a].mention.is_some()) {
                        let inner = s.np_at(a);
                        if inner.head != np.head {
                            return self.participant(doc, s, inner, recipient);
                        }
                    }
                    return None;
                }
                Some(Participant {
                    span,
                    mention: None,
                    name: doc.slice(span).to_string(),
                    country: None,
                    sector: None,
                    guessed: None,
                })
            }
        }
    }

    fn first_actor_in(&self, doc: &Doc, s: &Sent<'_>, a: usize, b: usize) -> Option<Participant> {
        let mut fallback = None;
        for j in a..b.min(s.ws.len()) {
            if let Some(m) = s.ws[j].mention {
                let Some(me) = doc.mentions.get(m as usize) else {
                    continue;
                };
                let t = doc.slice(me.span).to_lowercase();
                if matches!(t.as_str(), "its" | "their" | "his" | "her" | "our") {
                    continue;
                }
                let np = s.np(j).unwrap_or(Np {
                    start: j,
                    end: j + 1,
                    head: j,
                });
                let sub = Np {
                    start: j,
                    end: np.end.max(j + 1),
                    head: j,
                };
                let p = self.participant(doc, s, sub, true);
                if p.as_ref().is_some_and(|p| p.country.is_some()) {
                    return p;
                }
                if fallback.is_none() {
                    fallback = p;
                }
            }
        }
        fallback
    }

    /// The subject of the verb (or predicate adjective) at `i`.
    fn subject_of(&self, s: &Sent<'_>, i: usize, depth: usize) -> Option<Subject> {
        if depth > 3 {
            return None;
        }
        let w = &s.ws[i];
        let mut passive = false;
        let participle = matches!(w.form, Form::Ed | Form::PastPart | Form::Past);
        let mut j = i;
        let mut hops = 0;
        // participial clause after a comma: ", alleging ..." inherits
        // "accused France of attacking": the accused is the subject of the gerund
        if w.form == Form::Ing && i >= 3 && s.lower(i - 1) == "of" {
            if let Some(np) = s.np(i - 2) {
                if np.start > 0
                    && s.lemma_is(
                        &self.tagger,
                        np.start - 1,
                        &["accuse", "suspect", "blame", "charge", "convict"],
                    )
                {
                    return Some(Subject {
                        np: Some(np),
                        passive: false,
                        recipient: None,
                        alleged: true,
                    });
                }
            }
        }
        if w.form == Form::Ing
            && i > 0
            && (s.tag(i - 1) == Some(Tag::Comma)
                || (s.tag(i - 1) == Some(Tag::Prep) && s.lower(i - 1) != "to"))
        {
            return self.inherit(s, i - 1, depth);
        }
        // reduced passive relative: "troops expelled by Niger"
        if participle
            && i > 0
            && s.np(i - 1).is_some()
            && s.lower(i + 1) == "by"
            && !matches!(s.tag(i.wrapping_sub(2)), Some(Tag::Aux))
        {
            return Some(Subject {
                np: s.np(i - 1),
                passive: true,
                recipient: None,
                alleged: false,
            });
        }
        while j > 0 {
            j -= 1;
            let t = s.ws[j].tag;
            match t {
                Tag::Adv | Tag::Neg | Tag::Modal | Tag::To => {}
                Tag::Aux => {
                    if matches!(
                        s.lower(j),
                        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am"
                    ) && participle
                    {
                        passive = true;
                    }
                }
                Tag::Verb => {
                    // verb chains: "decided to", "plans to", "deemed", "get"
                    let next = s.tag(j + 1);
                    let chain = matches!(next, Some(Tag::To | Tag::Adv))
                        || (j + 1 == i && w.form == Form::Ing)
                        || s.lemma_is(
                            &self.tagger,
                            j,
                            &[
                                "deem", "consider", "declare", "get", "become", "remain", "seem",
                            ],
                        );
                    if s.lemma_is(&self.tagger, j, &["get"]) && participle {
                        passive = true;
                    }
                    if !chain {
                        return None;
                    }
                }
                Tag::Conj if matches!(s.lower(j), "and" | "but" | "or") => {
                    // "X revoked the pact and expelled the troops"
                    let prev_verb = (0..j).rev().find(|&k| s.ws[k].tag == Tag::Verb)?;
                    let sub = self.subject_of(s, prev_verb, depth + 1)?;
                    return Some(Subject {
                        np: sub.np,
                        passive,
                        recipient: None,
                        alleged: false,
                    });
                }
                Tag::Comma => {
                    // skip an apposition, relative clause or adverbial between commas
                    let open = (0..j).rev().take(14).find(|&k| s.ws[k].tag == Tag::Comma)?;
                    let first = open + 1;
                    let inner_ok = matches!(
                        s.tag(first),
                        Some(
                            Tag::Rel
                                | Tag::Prep
                                | Tag::Adv
                                | Tag::Det
                                | Tag::Propn
                                | Tag::Noun
                                | Tag::Adj
                        )
                    ) || s.ws[first].form == Form::Ed;
                    if !inner_ok || open == 0 {
                        return None;
                    }
                    // the phrase before the opening comma must be a noun phrase
                    s.np(open - 1)?;
                    j = open;
                }
                Tag::Rel => {
                    // "the junta, which seized power" / "the junta that seized power"
                    let mut k = j;
                    if k > 0 && s.tag(k - 1) == Some(Tag::Comma) {
                        k -= 1;
                    }
                    let np = if k > 0 { s.np(k - 1) } else { None }?;
                    return Some(Subject {
                        np: Some(np),
                        passive,
                        recipient: None,
                        alleged: false,
                    });
                }
                Tag::Sub
                    if s.lower(j) == "that"
                        && j > 0
                        && matches!(s.tag(j - 1), Some(Tag::Noun | Tag::Propn))
                        && !matches!(
                            s.tag(j + 1),
                            Some(Tag::Det | Tag::Propn | Tag::Pron | Tag::Noun)
                        ) =>
                {
                    return Some(Subject {
                        np: s.np(j - 1),
                        passive,
                        recipient: None,
                        alleged: false,
                    });
                }
                _ if is_np_tag(t) || t == Tag::Pron => {
                    let np = s.np(j)?;
                    // a prepositional modifier of the subject: "the rise in militant activity has"
                    if np.start >= 2
                        && s.lower(np.start - 1) == "of"
                        && s.np(np.start - 2)
                            .is_some_and(|q| QUANTITY_HEADS.contains(&s.lower(q.head)))
                    {
                        // "thousands of Nigeriens rallied": the people counted
                        return Some(Subject {
                            np: Some(np),
                            passive,
                            recipient: None,
                            alleged: false,
                        });
                    }
                    if np.start > 0
                        && s.tag(np.start - 1) == Some(Tag::Prep)
                        && np.start >= 2
                        && hops < 3
                        && s.np(np.start - 2).is_some()
                    {
                        hops += 1;
                        j = np.start - 1;
                        continue;
                    }
                    return Some(Subject {
                        np: Some(self.coordination_start(s, np)),
                        passive,
                        recipient: None,
                        alleged: false,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject inherited by a participial clause whose comma (or preposition) is at `c`.
    fn inherit(&self, s: &Sent<'_>, c: usize, depth: usize) -> Option<Subject> {
        // after a by-agent ("accusations made by the US delegation, alleging") the clause
        // belongs to that agent
        if c >= 2 {
            if let Some(np) = s.np(c - 1) {
                if np.start > 0 && s.lower(np.start - 1) == "by" {
                    return Some(Subject {
                        np: Some(np),
                        passive: false,
                        recipient: None,
                        alleged: true,
                    });
                }
            }
        }
        let v = (0..c)
            .rev()
            .find(|&k| s.ws[k].tag == Tag::Verb && (s.ws[k].form != Form::Ing || k + 1 == c))?;
        let v = (0..c)
            .rev()
            .find(|&k| {
                s.ws[k].tag == Tag::Verb
                    && matches!(s.ws[k].form, Form::Past | Form::Ed | Form::S | Form::Base)
            })
            .unwrap_or(v);
        let mut v = v;
        let mut sub = self.subject_of(s, v, depth + 1)?;
        // the patient of a passive clause is not the doer of the participle ("said two
        // civilians were killed, accusing X"): the subject of an earlier active verb is
        if sub.passive {
            if let Some((k, x)) = (0..v).rev().filter(|&k| {
                s.ws[k].tag == Tag::Verb && matches!(s.ws[k].form, Form::Past | Form::Ed | Form::S | Form::Base)
            }).find_map(|k| {
                self.subject_of(s, k, depth + 1).filter(|x| !x.passive && x.np.is_some()).map(|x| (k, x))
            }) {
                v = k;
                sub = x;
            }
        }
        // a participial continuation of a verbal act shares its recipient when it has none
        // only a coded verb passes its recipient on ("criticised X, denouncing ...")
        let coded = s.ws[v]
            .lemma
            .is_some_and(|l| self.verb_rules.contains_key(&l));
        let recipient = if coded {
            self.object_of(s, v)
                .map(|o| (o.start, self.extent_end(s, o.start)))
        } else {
            None
        };
        Some(Subject {
            np: sub.np,
            passive: false,
            recipient,
            alleged: false,
        })
    }

    /// The subject of the clause governing a noun phrase starting at `start`.
    fn governing_subject(&self, s: &Sent<'_>, start: usize) -> Option<Np> {
        let mut j = start;
        let mut steps = 0;
        while j > 0 && steps < 30 {
            j -= 1;
            steps += 1;
            match s.ws[j].tag {
                Tag::Punct | Tag::Quote => return None,
                Tag::Verb => {
                    let sub = self.subject_of(s, j, 1)?;
                    if sub.passive {
                        return None;
                    }
                    return sub.np;
                }
                _ => {}
            }
        }
        None
    }

    /// The subject of a speech verb governing word `i` ("X declared ... that ...").
    /// The subject of the verb whose clausal complement holds word `i` ("Officers said
    /// they had put Bongo under house arrest": Officers), read from the tree.
    fn ccomp_governor_subject(&self, s: &Sent<'_>, i: usize) -> Option<Np> {
        let p = s.parse.as_ref()?;
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        let mut cur = i;
        for _ in 0..6 {
            let h = p.head.get(cur).copied().flatten().filter(|&h| h < s.ws.len() && h != cur)?;
            if p.rel(cur) == "ccomp" {
                let t = tree::subject(p, h, &lower, &lemma)?;
                return (!t.passive).then(|| s.np_at(t.word));
            }
            cur = h;
        }
        None
    }

    /// A verb of speech (`SPEECH` or `SPEECH_MORE`).
    fn is_speech(&self, s: &Sent<'_>, v: usize) -> bool {
        s.lemma_is(&self.tagger, v, SPEECH) || s.lemma_is(&self.tagger, v, SPEECH_MORE)
    }

    /// The subject of the speech verb whose complement holds word `i`, read from the tree
    /// ("Peskov said the expansion was an encroachment", "Putin called it a stab in the
    /// back", "“...,” May said"): the first verb of speech up the tree that `i` does not
    /// stand in the subject of.
    fn speech_subject_tree(&self, s: &Sent<'_>, i: usize) -> Option<Np> {
        let p = s.parse.as_ref()?;
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        let mut cur = i;
        for _ in 0..8 {
            let h = p.head.get(cur).copied().flatten().filter(|&h| h < s.ws.len() && h != cur)?;
            let rel = p.rel(cur);
            if rel.starts_with("nsubj") || rel.starts_with("csubj") {
                return None;
            }
            if s.ws[h].tag == Tag::Verb && self.is_speech(s, h) {
                let t = tree::subject(p, h, &lower, &lemma)?;
                return (!t.passive).then(|| s.np_at(t.word));
            }
            cur = h;
        }
        None
    }

    /// The subject of a verb of declaring ("declared", "announced", "decreed") whose
    /// complement holds word `i`, through coordinated clauses.
    fn declaring_subject(&self, s: &Sent<'_>, i: usize) -> Option<Np> {
        let p = s.parse.as_ref()?;
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        let mut cur = i;
        let mut via_ccomp = false;
        for _ in 0..8 {
            let h = p.head.get(cur).copied().flatten().filter(|&h| h < s.ws.len() && h != cur)?;
            let rel = p.rel(cur);
            if !matches!(rel, "ccomp" | "conj" | "xcomp" | "obj" | "parataxis") {
                return None;
            }
            via_ccomp |= matches!(rel, "ccomp" | "obj" | "xcomp");
            if via_ccomp
                && s.ws[h].tag == Tag::Verb
                && s.lemma_is(&self.tagger, h, &["declare", "announce", "decree", "proclaim", "order", "decide"])
            {
                let t = tree::subject(p, h, &lower, &lemma)?;
                return (!t.passive).then(|| s.np_at(t.word));
            }
            cur = h;
        }
        None
    }

    /// What a nominal named by a speaker is said of: the subject of the copula it is the
    /// predicate of ("the expansion of NATO was an encroachment"), else the subject of the
    /// verb it is the object of ("the U.S. was making a grave mistake"), else the object of
    /// a verb of naming ("called the rebellion a stab in the back").
    fn named_act_target(&self, s: &Sent<'_>, i: usize) -> Option<Np> {
        let p = s.parse.as_ref()?;
        let lower = |k: usize| s.lower(k).to_string();
        let lemma = |k: usize| self.lemma_of(s, k);
        if let Some(c) = p.children(i).find(|&c| p.rel(c) == "nsubj") {
            return Some(s.np_at(c));
        }
        let (v, rel) = tree::governor(p, i)?;
        if s.ws[v].tag != Tag::Verb {
            return None;
        }
        if s.lemma_is(&self.tagger, v, NAMING_VERBS) {
            let o = p.children(v).find(|&c| c != i && p.rel(c) == "obj")?;
            return Some(s.np_at(o));
        }
        if rel == "obj" && !self.is_speech(s, v) {
            let t = tree::subject(p, v, &lower, &lemma)?;
            return (!t.passive).then(|| s.np_at(t.word));
        }
        None
    }

    fn speaker_fallback(&self, s: &Sent<'_>, i: usize) -> Option<Np> {
        // "X said it would ...": a speech verb right before the clause
        // ("X said on Saturday it was ending ...": up to 6 words back, within the clause)
        let from = (i.saturating_sub(6)..i)
            .rev()
            .find(|&k| matches!(s.ws[k].tag, Tag::Punct | Tag::Quote | Tag::Comma))
            .map_or(i.saturating_sub(6), |k| k + 1);
        if let Some(v) = (from..i)
            .rev()
            .find(|&k| s.ws[k].tag == Tag::Verb && s.lemma_is(&self.tagger, k, SPEECH))
        {
            if let Some(np) = self.subject_of(s, v, 1).and_then(|x| x.np) {
                return Some(np);
            }
        }
        let that = (0..i)
            .rev()
            .find(|&k| s.lower(k) == "that" || s.ws[k].tag == Tag::Quote)?;
        let v = (0..that)
            .rev()
            .take(8)
            .find(|&k| s.ws[k].tag == Tag::Verb && s.lemma_is(&self.tagger, k, SPEECH))?;
        self.subject_of(s, v, 1)?.np
    }

    /// A place in "in/to/at PLACE" after the trigger.
    fn location(&self, doc: &Doc, s: &Sent<'_>, from: usize, _kind: Kind) -> Option<MentionId> {
        let n = s.ws.len();
        for j in from + 1..(from + 12).min(n) {
            if matches!(s.ws[j].tag, Tag::Punct | Tag::Sub | Tag::Rel) {
                break;
            }
            if matches!(s.lower(j), "in" | "to" | "at") {
                if let Some(m) =
                    s.ws.get(j + 1)
                        .and_then(|w| w.mention)
                        .or_else(|| s.ws.get(j + 2).and_then(|w| w.mention))
                {
                    if doc
                        .mentions
                        .get(m as usize)
                        .is_some_and(|me| me.kind == MentionKind::Place || me.location().is_some())
                    {
                        return Some(MentionId(m));
                    }
                }
            }
        }
        None
    }

    /// Status of the event at trigger `i` and the cue that decided it.
    fn status(&self, s: &Sent<'_>, i: usize, kind: Kind) -> (EventStatus, Option<Span>) {
        let mut best = (EventStatus::Asserted, None);
        let rank = |st: EventStatus| match st {
            EventStatus::Denied => 7,
            EventStatus::Alleged => 6,
            EventStatus::Negated => 5,
            EventStatus::Hypothetical => 4,
            EventStatus::Planned => 3,
            EventStatus::Reported => 2,
            EventStatus::Asserted => 1,
        };
        let set = |st: EventStatus, span: Span, best: &mut (EventStatus, Option<Span>)| {
            if rank(st) > rank(best.0) {
                *best = (st, Some(span));
            }
        };
        // the verb group: from the trigger back over auxiliaries, adverbs, modals, chains
        let mut j = i;
        let mut speech_before = false;
        for k in (0..i).rev() {
            if s.ws[k].tag == Tag::Verb && s.lemma_is(&self.tagger, k, SPEECH) {
                speech_before = true;
                break;
            }
        }
        if kind == Kind::Noun {
            if let Some(np) = s.np(i) {
                if s.lower(np.start) == "no" {
                    set(EventStatus::Negated, s.ws[np.start].span, &mut best);
                }
                for k in np.start.saturating_sub(6)..np.start {
                    if INTENT_NOUNS.contains(&s.lower(k)) {
                        set(EventStatus::Planned, s.ws[k].span, &mut best);
                    }
                }
                j = np.start;
            }
        }
        let mut steps = 0;
        while j > 0 && steps < 8 {
            j -= 1;
            steps += 1;
            let w = &s.ws[j];
            match w.tag {
                Tag::Neg => set(EventStatus::Negated, w.span, &mut best),
                Tag::Modal => match w.lower.as_ref() {
                    "will" | "shall" | "wo" => set(EventStatus::Planned, w.span, &mut best),
                    "would" if speech_before => set(EventStatus::Planned, w.span, &mut best),
                    _ => set(EventStatus::Hypothetical, w.span, &mut best),
                },
                Tag::Aux | Tag::Adv | Tag::To => {
                    if w.lower == "reportedly" || w.lower == "allegedly" {
                        set(EventStatus::Alleged, w.span, &mut best);
                    }
                }
                Tag::Verb => {
                    if s.tag(j + 1) == Some(Tag::To) {
                        if s.lemma_is(&self.tagger, j, PLAN_VERBS) {
                            set(EventStatus::Planned, w.span, &mut best);
                        } else if s.lemma_is(&self.tagger, j, ASK_VERBS) {
                            set(EventStatus::Hypothetical, w.span, &mut best);
                        } else if s.lemma_is(&self.tagger, j, NEG_VERBS) {
                            set(EventStatus::Negated, w.span, &mut best);
                        } else if s.lemma_is(&self.tagger, j, &["deny"]) {
                            set(EventStatus::Denied, w.span, &mut best);
                        } else if s.lemma_is(
                            &self.tagger,
                            j,
                            &[
                                "believe", "think", "suspect", "say", "report", "allege", "claim",
                                "rumour", "rumor",
                            ],
                        ) {
                            // "are believed to be stationed", "is said to have attacked"
                            set(EventStatus::Alleged, w.span, &mut best);
                        }
                    } else if !s.lemma_is(&self.tagger, j, &["deem", "consider", "get", "set"]) {
                        break;
                    }
                }
                Tag::Noun | Tag::Propn | Tag::Pron | Tag::Det | Tag::Adj
                    if s.tag(i.saturating_sub(1)) == Some(Tag::To) =>
                {
                    // "ordered French troops to leave": skip the object of the asking verb
                    if let Some(np) = s.np(j) {
                        if np.start > 0 && s.lemma_is(&self.tagger, np.start - 1, ASK_VERBS) {
                            set(
                                EventStatus::Hypothetical,
                                s.ws[np.start - 1].span,
                                &mut best,
                            );
                        }
                    }
                    break;
                }
                Tag::Noun if w.lower == "plans" || w.lower == "plan" => {
                    if s.tag(j + 1) == Some(Tag::To) {
                        set(EventStatus::Planned, w.span, &mut best);
                    }
                    break;
                }
                _ => break,
            }
        }
        // sentence-wide cues to the left: allegation, denial, condition
        for k in (0..i).rev() {
            let w = &s.ws[k];
            let l = w.lower.as_ref();
            let lemma = w.lemma.map(|x| self.tagger.lemma_name(x)).unwrap_or("");
            if matches!(
                l,
                "alleging"
                    | "allegedly"
                    | "reportedly"
                    | "alleged"
                    | "accusing"
                    | "suspected"
                    | "allegation"
                    | "allegations"
            ) || (lemma == "accuse" && (k + 1..i).any(|m| s.lower(m) == "of"))
                || (matches!(l, "accusation" | "accusations" | "claims" | "claim")
                    && (k + 1..i).any(|m| matches!(s.lower(m), "of" | "that")))
            {
                set(EventStatus::Alleged, w.span, &mut best);
            }
            if lemma == "deny"
                || (matches!(lemma, "reject" | "dismiss" | "rebuff")
                    && matches!(s.lower(k + 2), "that")
                    && matches!(
                        s.lower(k + 1),
                        "accusations" | "claims" | "allegations" | "reports"
                    ))
            {
                set(EventStatus::Denied, w.span, &mut best);
            }
            if matches!(l, "if" | "unless") && !(k + 1..i).any(|m| s.ws[m].tag == Tag::Comma) {
                set(EventStatus::Hypothetical, w.span, &mut best);
            }
        }
        best
    }

    fn finish(&self, doc: &Doc, mut f: Found, ctx: &ArticleContext) -> Event {
        let sizes = sizes(doc, &f);
        if f.recipient.is_none() && tree_mode() & 8 != 0 {
            f.recipient = implied_recipient(doc, &f, ctx);
        }
        // the state of an actor that is one of its own institutions, for a generic recipient
        let home = f
            .actor
            .as_ref()
            .filter(|a| a.guessed.is_none() && matches!(a.sector.as_deref(), Some("COP" | "JUD" | "GOV")))
            .and_then(|a| a.country.clone())
            .filter(|c| c.len() == 3 && ctx_mode() & 512 == 0);
        // a state coercing or policing people of no stated state acts on its own people
        // ("Kenya mobilised police against protesters", "Iran arrested dissidents"); violence
        // against civilians is left to the context (it is often across a border)
        let home = home.or_else(|| {
            let r = &self.rules[f.rule].rule;
            let policing = r.event_type == "COERCE" || r.event_type == "MOBILIZE" || (r.event_type == "ASSAULT" && r.mode.as_deref() == Some("crowd-control"));
            let target = f.recipient.as_ref().filter(|p| p.country.is_none()).map(|p| crate::context::head_word(doc.slice(p.span)));
            let domestic_target = target.is_some_and(|h| DOMESTIC_TARGETS.contains(&h.as_str()));
            f.actor
                .as_ref()
                .filter(|a| policing && domestic_target && a.guessed.is_none() && matches!(a.sector.as_deref(), None | Some("MIL")))
                .filter(|a| a.mention.and_then(|m| doc.mentions.get(m.index())).is_some_and(|m| m.kind == MentionKind::Country))
                .and_then(|a| a.country.clone())
                .filter(|c| c.len() == 3 && ctx_mode() & 512 == 0)
        });
        for (p, home) in [(&mut f.actor, None), (&mut f.recipient, home.as_deref())] {
            let Some(p) = p else { continue };
            if ctx_mode() & 8 != 0 {
                if let Some(c) = p.mention.and_then(|m| ctx.igo_role(doc, m)) {
                    if p.country.as_deref() != Some(c) {
                        p.country = Some(c.to_string());
                        p.guessed = Some("title".to_string());
                    }
                }
            }
            ctx.fill(doc, p, f.sentence, f.location, home);
        }
        // "Protasevich was arrested", "he was sentenced to 12 years": an arrest, detention,
        // deportation or sentence with no agent is done by the authorities of the state it
        // happens in (guessed: authority; the span is the trigger's)
        if f.actor.is_none() && ctx_mode() & 4 != 0 {
            let r = &self.rules[f.rule].rule;
            let legal = matches!(r.mode.as_deref(), Some("arrest" | "deport" | "convict"));
            if legal {
                // with no place, dateline or article country: the state of the person held
                // ("Opposition leader Ousmane Sonko was arrested, his lawyer said")
                let own = || {
                    f.recipient
                        .as_ref()
                        .filter(|p| p.guessed.is_none() && !matches!(p.sector.as_deref(), Some("GOV" | "MIL" | "IGO")))
                        .and_then(|p| p.country.clone())
                        .filter(|c| c.len() == 3)
                        .map(|c| (c, "recipient"))
                };
                if let Some((c, _)) = ctx.state_of(doc, f.trigger, f.sentence, f.location).or_else(own) {
                    let judicial = r.mode.as_deref() == Some("convict");
                    f.actor = Some(Participant {
                        span: f.trigger,
                        mention: None,
                        name: if judicial { "the courts" } else { "the authorities" }.to_string(),
                        country: Some(c),
                        sector: Some(if judicial { "JUD" } else { "COP" }.to_string()),
                        guessed: Some("authority".to_string()),
                    });
                }
            }
        }
        // "the two nations would hold follow-on negotiations", "both sides agreed": a pair
        // named by number is the last two states named before (guessed: antecedent)
        let degenerate = f.recipient.as_ref().is_none_or(|r| {
            r.country.is_none() || f.actor.as_ref().is_some_and(|a| a.country.is_some() && a.country == r.country)
        });
        if ctx_mode() & 65536 == 0 && degenerate {
            let pair = f.actor.as_ref().is_some_and(|a| {
                let phrase = doc.slice(a.span);
                phrase.split_whitespace().any(|w| w.eq_ignore_ascii_case("two") || w.eq_ignore_ascii_case("both"))
                    && matches!(
                        crate::context::head_word(phrase).as_str(),
                        "sides" | "nations" | "countries" | "states" | "leaders" | "governments" | "neighbours" | "neighbors" | "rivals" | "presidents"
                    )
            });
            if pair {
                if let Some((x, y)) = last_two_states(doc, f.trigger.start, f.sentence) {
                    let (mine, other) = match f.actor.as_ref().and_then(|a| a.country.clone()) {
                        Some(c) if c == y => (y, x),
                        _ => (x, y),
                    };
                    let span = f.actor.as_ref().map_or(f.trigger, |a| a.span);
                    if let Some(a) = f.actor.as_mut() {
                        if a.country.as_deref() != Some(mine.as_str()) {
                            a.country = Some(mine);
                            a.guessed = Some("antecedent".to_string());
                        }
                    }
                    f.recipient = Some(Participant {
                        span,
                        mention: None,
                        name: "the other side".to_string(),
                        country: Some(other),
                        sector: None,
                        guessed: Some("antecedent".to_string()),
                    });
                }
            }
        }
        // A protest or a coup with no stated target is directed at the government of the
        // state it happens in (the PLOVER/ICEWS convention): the actor's state, else the
        // state the context names (guessed: "domestic"; the span is the trigger's)
        let r = &self.rules[f.rule].rule;
        if f.recipient.is_none() && ctx_mode() & 128 != 0 {
            let coup = r.event_type == "COERCE" && r.context.iter().any(|c| c == "political_institutions");
            if r.event_type == "PROTEST" || coup {
                let state = f
                    .actor
                    .as_ref()
                    .and_then(|a| a.country.clone())
                    .filter(|c| c.len() == 3)
                    .or_else(|| ctx.state_of(doc, f.trigger, f.sentence, f.location).map(|(c, _)| c));
                if let Some(c) = state {
                    f.recipient = Some(Participant {
                        span: f.trigger,
                        mention: None,
                        name: "the government".to_string(),
                        country: Some(c),
                        sector: Some("GOV".to_string()),
                        guessed: Some("domestic".to_string()),
                    });
                }
            }
        }
        // "anti-government demonstrators took to the streets against President Maduro":
        // protesters whose state nothing else gives are of the state whose government they
        // protest against (guessed: domestic)
        if r.event_type == "PROTEST" && ctx_mode() & 512 == 0 {
            // (not before a foreign mission: "protesters outside the French embassy" are not French)
            let mission = f.recipient.as_ref().is_some_and(|p| {
                matches!(crate::context::head_word(doc.slice(p.span)).as_str(), "embassy" | "embassies" | "consulate" | "consulates" | "mission" | "legation")
            });
            let target = f.recipient.as_ref().filter(|p| !mission && p.guessed.as_deref() != Some("domestic")).and_then(|p| p.country.clone()).filter(|c| c.len() == 3);
            if let (Some(a), Some(c)) = (f.actor.as_mut(), target) {
                if a.country.is_none() {
                    a.country = Some(c);
                    a.guessed = Some("domestic".to_string());
                }
            }
        }
        let mut event_type = r.event_type.clone();
        let mut mode = r.mode.clone();
        let mut cameo = r.cameo.clone();
        if f.threat {
            event_type = "THREATEN".into();
            mode = None;
            cameo = Some("130".into());
        }
        // a boycott by a state or its government is a sanction (CAMEO 163), one by citizens a
        // protest (CAMEO 143): "the UAE, Bahrain and Egypt are boycotting Doha"
        if event_type == "PROTEST" && mode.as_deref() == Some("boycott") {
            let state = f.actor.as_ref().is_some_and(|a| {
                a.guessed.is_none() && (matches!(a.sector.as_deref(), Some("GOV")) || state_mention(doc, a).is_some())
            });
            if state {
                event_type = "SANCTION".into();
                mode = Some("discontinue".into());
                cameo = Some("163".into());
            }
        }
        // "Seoul protested to Tokyo over the textbook": a state's protest to another state is
        // a diplomatic complaint (ACCUSE, CAMEO 111), not a demonstration
        if event_type == "PROTEST" && matches!(mode.as_deref(), None | Some("demo")) && f.kind == Kind::Verb {
            // a name or seat, not a people ("Nigeriens protested")
            let state = |p: &Option<Participant>, own: bool| {
                p.as_ref().is_some_and(|a| {
                    (a.guessed.is_none() || !own) && state_mention(doc, a).is_some_and(|m| m.origin.rule != "country_adjective")
                })
            };
            if state(&f.actor, true) && state(&f.recipient, false) && f.actor.as_ref().map(|a| &a.country) != f.recipient.as_ref().map(|r| &r.country) {
                event_type = "ACCUSE".into();
                mode = Some("disapprove".into());
                cameo = Some("111".into());
            }
        }
        let context = f.context.clone();
        if f.status == EventStatus::Planned {
            // PLOVER: announced future retreats are CONCEDE; future cooperation is AGREE
            match event_type.as_str() {
                "RETREAT" => {
                    event_type = "CONCEDE".into();
                    mode = None;
                    cameo = Some(
                        if context.iter().any(|c| c == "military") {
                            "0356"
                        } else {
                            "035"
                        }
                        .into(),
                    );
                }
                "CONSULT" | "SUPPORT" | "COOPERATE" | "AID" => {
                    let c = match event_type.as_str() {
                        "CONSULT" => "036",
                        "SUPPORT" => "032",
                        "AID" => "033",
                        _ if context.iter().any(|c| c == "military") => "0312",
                        _ if context.iter().any(|c| c == "economic") => "0311",
                        _ => "030",
                    };
                    event_type = "AGREE".into();
                    mode = None;
                    cameo = Some(c.into());
                }
                _ => {}
            }
        }
        // "Serbia does not recognise Kosovo", "the junta did not accept the proposal": support
        // or agreement withheld is a rejection (PLOVER REJECT, CAMEO 12)
        if f.status == EventStatus::Negated && matches!(event_type.as_str(), "SUPPORT" | "AGREE") {
            event_type = "REJECT".into();
            mode = None;
            cameo = Some("120".into());
        }
        // "protesters stormed the parliament", "demonstrators clashed with police": violence
        // by protesters is a (violent) protest, PLOVER PROTEST riot
        if matches!(event_type.as_str(), "ASSAULT" | "COERCE") {
            let by_protesters = f
                .actor
                .as_ref()
                .is_some_and(|a| PROTESTER_NOUNS.contains(&crate::context::head_word(doc.slice(a.span)).as_str()));
            if by_protesters {
                event_type = "PROTEST".into();
                mode = Some("riot".into());
                cameo = Some("145".into());
            } else if event_type == "COERCE" && mode.as_deref() == Some("restrict") {
                // "truckers blockaded the border crossing", "farmers blocked the roads":
                // civilians blocking is an obstructive protest (CAMEO 144)
                let civilians = f.actor.as_ref().is_some_and(|a| {
                    matches!(a.sector.as_deref(), Some("CVL" | "LAB" | "AGR" | "EDU" | "OPP"))
                        || crate::context::generic_sector(&crate::context::head_word(doc.slice(a.span))).is_some_and(|s| matches!(s, "CVL" | "LAB" | "AGR" | "EDU" | "OPP"))
                });
                if civilians {
                    event_type = "PROTEST".into();
                    mode = Some("obstruct".into());
                    cameo = Some("144".into());
                }
            }
        }
        // "US strikes on Syria": a strike by a state or its forces is an attack, not a walkout
        if event_type == "PROTEST" && mode.as_deref() == Some("strike") {
            let state = f.actor.as_ref().is_some_and(|a| {
                matches!(a.sector.as_deref(), Some("GOV" | "MIL"))
                    || a.mention.and_then(|m| doc.mentions.get(m.index())).is_some_and(|m| {
                        matches!(m.kind, MentionKind::Country | MentionKind::Igo)
                    })
            });
            if state {
                event_type = "ASSAULT".into();
                mode = None;
                cameo = Some("190".into());
            }
        }
        // "North Korea said it would strike any ship that ...": a state announcing violence of
        // its own to come threatens (PLOVER THREATEN), it has not yet attacked
        if f.status == EventStatus::Planned && ctx_mode() & 32768 == 0 && matches!(event_type.as_str(), "ASSAULT") {
            let own = f.statement.and_then(|st| speaker_participant(doc, st)).is_some_and(|sp| {
                sp.country.is_some() && f.actor.as_ref().is_some_and(|a| a.country == sp.country)
            });
            if own {
                event_type = "THREATEN".into();
                mode = None;
                cameo = Some("138".into());
            }
        }
        if let Some((m, c)) = self.mode_from_cues(doc, &f, &event_type, mode.as_deref()) {
            mode = Some(m);
            if c.is_some() {
                cameo = c;
            }
        }
        Event {
            sentence: f.sentence,
            trigger: f.trigger,
            event_type,
            mode,
            context,
            cameo,
            actor: f.actor,
            recipient: f.recipient,
            date: None,
            location: f.location,
            status: f.status,
            statement: f.statement,
            sizes,
            evidence: f.evidence,
            origin: Origin::new("code", &r.id),
        }
    }
}

impl Engine {
    /// The mode given by the first mode cue of the event's type found in its sentence
    /// (weapons, tactics: "missile", "drone", "suicide bomber", "tear gas").
    fn mode_from_cues(
        &self,
        doc: &Doc,
        f: &Found,
        event_type: &str,
        mode: Option<&str>,
    ) -> Option<(String, Option<String>)> {
        let sent = doc.sentences.get(f.sentence.index())?;
        let cues = self
            .mode_cues
            .iter()
            .filter(|c| c.event_type == event_type)
            .filter(|c| mode.map_or(true, |m| c.replaces.iter().any(|r| r == m)));
        let mut words: Option<Vec<String>> = None;
        for c in cues {
            let ws = words.get_or_insert_with(|| {
                doc.tokens_in(sent.span)
                    .iter()
                    .map(|t| doc.slice(t.span).to_lowercase().replace('’', "'"))
                    .collect()
            });
            let hit = c.words.iter().any(|phrase| {
                !phrase.is_empty()
                    && ws.windows(phrase.len()).any(|w| {
                        w.iter().zip(phrase).all(|(a, b)| {
                            a == b || (b.len() > 3 && a.len() == b.len() + 1 && a.starts_with(b.as_str()) && a.ends_with('s'))
                        })
                    })
            });
            if hit {
                return Some((c.mode.clone(), c.cameo.clone()));
            }
        }
        None
    }
}

/// The recipient an event with none stated most likely has: another actor named in its
/// sentence (after the trigger first, then before it), not the actor itself. Marked
/// `guessed: "sentence_actor"`.
/// "Azerbaijan launched an offensive in Karabakh ... Five civilians were killed": violence
/// told without its doer is taken as done by the doer of the nearest earlier (else later)
/// act of material conflict against the same state in the article (marked `guessed` with
/// basis `event_chain`). Only ASSAULT and COERCE events with a recipient of known country
/// are filled, and only from actors with a stated country of their own.
fn attackers_from_chain(events: &mut [Event]) {
    let hostile = |t: &str| matches!(t, "ASSAULT" | "COERCE");
    for k in 0..events.len() {
        let e = &events[k];
        if e.actor.is_some() || !hostile(&e.event_type) {
            continue;
        }
        let Some(rc) = e.recipient.as_ref().and_then(|r| r.country.clone()) else { continue };
        let donor = |j: usize| -> Option<Participant> {
            let d = &events[j];
            if !hostile(&d.event_type) || d.recipient.as_ref().and_then(|r| r.country.as_ref()) != Some(&rc) {
                return None;
            }
            let a = d.actor.as_ref()?;
            (a.guessed.is_none() && a.country.as_ref().is_some_and(|c| *c != rc)).then(|| a.clone())
        };
        let found = (0..k).rev().find_map(donor).or_else(|| (k + 1..events.len()).find_map(donor));
        if let Some(mut a) = found {
            a.guessed = Some("event_chain".to_string());
            events[k].evidence.push(a.span);
            events[k].actor = Some(a);
        }
    }
}

/// The last two distinct states (with a 3-letter code) named before byte `before`, within
/// `sentence` and the four sentences before it: (earlier, later).
fn last_two_states(doc: &Doc, before: usize, sentence: SentenceId) -> Option<(String, String)> {
    let from = sentence.index().saturating_sub(4);
    let lo = doc.sentences.get(from).map_or(0, |s| s.span.start);
    let mut seen: Vec<String> = Vec::new();
    for m in doc.mentions.iter().rev() {
        if m.span.end > before || m.span.start < lo {
            continue;
        }
        if !matches!(m.kind, MentionKind::Country | MentionKind::Person | MentionKind::Nominal) {
            continue;
        }
        // a state named as the place of something ("in Singapore") is no party
        let before_text = doc.text().get(m.span.start.saturating_sub(4)..m.span.start).unwrap_or("");
        if m.location().is_some() || before_text.ends_with("in ") || before_text.ends_with("at ") {
            continue;
        }
        if let Some(c) = m.country.as_ref().filter(|c| c.len() == 3) {
            if !seen.contains(c) {
                seen.push(c.clone());
                if seen.len() == 2 {
                    return Some((seen[1].clone(), seen[0].clone()));
                }
            }
        }
    }
    None
}

/// Verb forms that name something as something ("decried it as", "called it", "branded").
const NAMING_FORMS: &[&str] = &[
    "decried", "decry", "decries", "described", "describes", "describing", "denounced", "denounces", "denouncing",
    "condemned", "condemns", "condemning", "branded", "brands", "branding", "labelled", "labeled", "labels",
    "called", "calls", "calling", "characterised", "characterized", "slammed", "criticised", "criticized",
    "viewed", "views", "regarded", "regards", "portrayed", "dismissed", "termed", "dubbed",
];

/// The noun phrase `np` is what a judgement names something: "as" after a naming verb
/// ("decried the move as an assault"), or the second object of "call"/"brand"/"label"
/// ("called the rebellion a stab in the back").
fn named_in_judgement(s: &Sent<'_>, np: Np) -> bool {
    if np.start == 0 {
        return false;
    }
    let lo = np.start.saturating_sub(9);
    // over quotation marks and an article: as an "assault"
    let mut a = np.start;
    while a > 1 && matches!(s.ws[a - 1].tag, Tag::Quote | Tag::Det) {
        a -= 1;
    }
    if s.lower(a - 1) == "as" {
        return (lo..a - 1).any(|k| NAMING_FORMS.contains(&s.lower(k)));
    }
    // "called it an invasion", "branded the vote a sham": naming verb, one short phrase, this one
    let k = np.start - 1;
    let before = (lo..k).rev().find(|&j| matches!(s.ws[j].tag, Tag::Verb));
    before.is_some_and(|v| {
        matches!(s.lower(v), "called" | "calls" | "calling" | "branded" | "brands" | "labelled" | "labeled" | "termed" | "dubbed")
            && (v + 1..np.start).all(|j| matches!(s.ws[j].tag, Tag::Pron | Tag::Det | Tag::Noun | Tag::Propn | Tag::Adj | Tag::Poss))
            && (v + 1..np.start).any(|j| matches!(s.ws[j].tag, Tag::Pron | Tag::Noun | Tag::Propn))
            && matches!(s.ws[np.start].tag, Tag::Det)
    })
}

/// The number of leading words that form a dateline: words in capitals (with a comma, a
/// place name after it and an agency in brackets: "KYIV, Ukraine (AP) —", "DUBAI:") ended
/// by a colon or a dash; 0 when the sentence has none.
fn dateline_len(ws: &[Word<'_>]) -> usize {
    let caps = |w: &Word<'_>| w.text.len() >= 2 && w.text.chars().all(|c| c.is_uppercase() || c == '.' || c == '-') && w.text.chars().any(char::is_alphabetic);
    if !ws.first().is_some_and(caps) {
        return 0;
    }
    let mut bracket = false;
    for (k, w) in ws.iter().enumerate().take(10).skip(1) {
        match w.text {
            ":" | "—" | "–" | "-" | "--" if !bracket => return if k + 1 < ws.len() { k + 1 } else { 0 },
            "(" => bracket = true,
            ")" => bracket = false,
            "," => {}
            _ if bracket || caps(w) || (w.cap && k >= 2 && ws[k - 1].text == ",") => {}
            _ => return 0,
        }
    }
    0
}

/// The mention of a participant that names a state, its seat or an international
/// organisation, as a whole and not one of its institutions ("China", "Seoul", "the EU").
fn state_mention<'d>(doc: &'d Doc, p: &Participant) -> Option<&'d griot_text::Mention> {
    p.mention
        .and_then(|m| doc.mentions.get(m.index()))
        .filter(|m| matches!(m.kind, MentionKind::Country | MentionKind::Igo) && m.sector.as_deref().map_or(true, |x| x == "GOV"))
}

fn implied_recipient(doc: &Doc, f: &Found, ctx: &ArticleContext) -> Option<Participant> {
    let actor = f.actor.as_ref();
    let actor_root = actor.and_then(|a| a.mention).map(|m| doc.resolve(m));
    let cands: Vec<(usize, &griot_text::Mention)> = ctx
        .mentions_in(f.sentence)
        .iter()
        .filter_map(|&k| doc.mentions.get(k as usize).map(|m| (k as usize, m)))
        .filter(|(_, m)| {
            m.country.is_some()
                && matches!(
                    m.kind,
                    MentionKind::Country
                        | MentionKind::Igo
                        | MentionKind::Nominal
                        | MentionKind::Person
                        | MentionKind::Organisation
                        | MentionKind::Group
                )
        })
        .filter(|(i, m)| {
            actor.map_or(true, |a| !a.span.overlaps(m.span))
                && actor_root != Some(doc.resolve(MentionId(*i as u32)))
                && !m.span.overlaps(f.trigger)
                // the news agency that reports the sentence is not a party to it
                && m.sector.as_deref() != Some("JRN")
        })
        // the actor's own state, its government or its forces are not the other party
        // ("Peskov said the expansion of NATO was an encroachment on Russia's interests": NATO)
        .filter(|(_, m)| {
            !(ctx_mode() & 2048 == 0
                && (m.kind == MentionKind::Country || matches!(m.sector.as_deref(), Some("GOV" | "MIL")))
                && actor.is_some_and(|a| a.country.is_some() && a.country == m.country))
        })
        .collect();
    // the trigger's own clause first ("The US has said Syrian forces launched an attack on
    // the town": not the US), then the sentence
    let inside: Vec<(usize, &griot_text::Mention)> = match f.clause {
        Some(c) if ctx_mode() & 16384 == 0 => cands.iter().copied().filter(|(_, m)| m.span.start >= c.start && m.span.end <= c.end).collect(),
        _ => Vec::new(),
    };
    let pool = if inside.is_empty() { &cands } else { &inside };
    let pick = pool
        .iter()
        .find(|(_, m)| m.span.start >= f.trigger.end)
        .or_else(|| pool.last())?;
    let (i, m) = *pick;
    let root = doc.mentions.get(doc.resolve(MentionId(i as u32)).index()).unwrap_or(m);
    if actor.is_some_and(|a| a.country.is_some() && a.country == m.country && m.kind == MentionKind::Country) {
        return None;
    }
    Some(Participant {
        span: m.span,
        mention: Some(MentionId(i as u32)),
        name: root.name.clone(),
        country: m.country.clone(),
        sector: m.sector.clone(),
        guessed: Some("sentence_actor".into()),
    })
}

struct Subject {
    np: Option<Np>,
    passive: bool,
    /// The object phrase of the clause a participial clause continues (word range).
    recipient: Option<(usize, usize)>,
    /// A participial clause continuing a by-agent ("accusations made by X, alleging").
    alleged: bool,
}

/// The statement a trigger is reported in: the first whose content holds it, else the first
/// holding it outside its cue. `near`: the statements reaching into the trigger's sentence,
/// in statement order (any statement holding the trigger is among them), so the cost per
/// event is that of its sentence, not of the article; None: all statements.
fn statement_of(doc: &Doc, near: Option<&[u32]>, trigger: Span) -> Option<StatementId> {
    let all = || (0..doc.statements.len() as u32).collect::<Vec<u32>>();
    let ids = near.map_or_else(|| std::borrow::Cow::Owned(all()), std::borrow::Cow::Borrowed);
    let near = || ids.iter().filter_map(|&i| doc.statements.get(i as usize).map(|st| (i, st)));
    near()
        .find(|(_, st)| st.content.contains(trigger))
        .or_else(|| near().find(|(_, st)| st.span.contains(trigger) && !st.cue.is_some_and(|c| c.overlaps(trigger))))
        .map(|(i, _)| StatementId(i))
}

/// For each sentence, the statements whose span or content overlaps it, in statement order
/// (sentences are in text order and do not overlap: a binary search finds the first); None
/// when the sentences are not so.
fn statements_by_sentence(doc: &Doc) -> Option<Vec<Vec<u32>>> {
    if doc.sentences.windows(2).any(|w| w[0].span.end > w[1].span.start || w[0].span.start > w[0].span.end) {
        return None;
    }
    let mut out = vec![Vec::new(); doc.sentences.len()];
    for (k, st) in doc.statements.iter().enumerate() {
        let reach = st.span.cover(st.content);
        let first = doc.sentences.partition_point(|s| s.span.end <= reach.start);
        for (list, s) in out[first..].iter_mut().zip(&doc.sentences[first..]) {
            if s.span.start >= reach.end {
                break;
            }
            list.push(k as u32);
        }
    }
    Some(out)
}

fn speaker_participant(doc: &Doc, st: StatementId) -> Option<Participant> {
    let s = doc.statements.get(st.index())?;
    let span = s.speaker_span.or_else(|| {
        s.speaker
            .and_then(|m| doc.mentions.get(m.index()))
            .map(|m| m.span)
    })?;
    let (mention, name, country, sector) = match s.speaker {
        Some(m) => {
            let me = doc.mentions.get(m.index())?;
            let root = doc.mentions.get(doc.resolve(m).index()).unwrap_or(me);
            (
                Some(m),
                if me.kind == MentionKind::Pronoun {
                    root.name.clone()
                } else {
                    me.name.clone()
                },
                me.country.clone().or_else(|| root.country.clone()),
                me.sector.clone().or_else(|| root.sector.clone()),
            )
        }
        None => (None, doc.slice(span).to_string(), None, None),
    };
    Some(Participant {
        span,
        mention,
        name,
        country,
        sector,
        guessed: None,
    })
}

fn same_as_speaker(doc: &Doc, st: StatementId, a: &Participant) -> bool {
    let Some(s) = doc.statements.get(st.index()) else {
        return false;
    };
    if let (Some(sp), Some(am)) = (s.speaker, a.mention) {
        if doc.resolve(sp) == doc.resolve(am) {
            return true;
        }
        let c1 = doc.mentions.get(sp.index()).and_then(|m| m.country.clone());
        if c1.is_some() && c1 == a.country {
            return true;
        }
    }
    s.speaker_span.is_some_and(|sp| sp.overlaps(a.span))
}

/// Quantities that belong to the event: counts inside its phrase, casualties in its sentence.
fn sizes(doc: &Doc, f: &Found) -> Vec<QuantityId> {
    let Some(sent) = doc.sentences.get(f.sentence.index()) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (i, q) in doc.quantities.iter().enumerate() {
        if !sent.span.contains(q.span) {
            continue;
        }
        let casualty = matches!(
            q.kind,
            QuantityKind::Killed
                | QuantityKind::Injured
                | QuantityKind::Arrested
                | QuantityKind::Displaced
        );
        let inside = f.extent.contains(q.span) || q.counted.is_some_and(|c| f.extent.contains(c));
        let same_actor = q.actor.is_some()
            && (f.actor.as_ref().and_then(|a| a.mention) == q.actor
                || f.recipient.as_ref().and_then(|a| a.mention) == q.actor);
        if casualty || inside || same_actor {
            out.push(QuantityId(i as u32));
        }
    }
    out
}

/// One event, not two: a later definite nominal mention of the same happening (same type
/// and mode, compatible actor and recipient, same object head or same rule) is merged into
/// the earlier event as extra evidence.
fn merge(doc: &Doc, rules: &[Compiled], found: &mut Vec<Found>) {
    let key = |p: &Option<Participant>| -> Option<String> {
        p.as_ref().map(|p| {
            p.country
                .clone()
                .or_else(|| {
                    p.mention
                        .and_then(|m| doc.mentions.get(doc.resolve(m).index()).map(|x| x.name.clone()))
                })
                .unwrap_or_else(|| p.name.to_lowercase())
        })
    };
    // the events kept so far, indexed by rule and by (type, mode, object head): the only
    // ones a later mention can merge into, so each mention looks at its candidates only
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    let mut by_rule: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_head: HashMap<(&str, Option<&str>, String), Vec<usize>> = HashMap::new();
    let head_key = |f: &Found| -> Option<(&str, Option<&str>, String)> {
        let r = &rules.get(f.rule)?.rule;
        Some((r.event_type.as_str(), r.mode.as_deref(), f.object_head.clone()?))
    };
    for later in std::mem::take(found) {
        if later.kind == Kind::Noun && later.definite {
            let lr = &rules[later.rule].rule;
            let no = Vec::new();
            let (xs, ys) = (
                by_rule.get(&later.rule).unwrap_or(&no),
                head_key(&later).and_then(|k| by_head.get(&k)).unwrap_or(&no),
            );
            // the candidates in order (the union of two ascending lists)
            let (mut x, mut y) = (0, 0);
            let mut target = None;
            while x < xs.len() || y < ys.len() {
                let j = match (xs.get(x), ys.get(y)) {
                    (Some(&a), Some(&b)) if a == b => {
                        x += 1;
                        y += 1;
                        a
                    }
                    (Some(&a), Some(&b)) if a < b => {
                        x += 1;
                        a
                    }
                    (Some(&a), None) => {
                        x += 1;
                        a
                    }
                    (_, Some(&b)) => {
                        y += 1;
                        b
                    }
                    (None, None) => break,
                };
                let e = &kept[j];
                let er = &rules[e.rule].rule;
                if e.trigger != later.trigger
                    && er.event_type == lr.event_type
                    && er.mode == lr.mode
                    && (e.rule == later.rule
                        || (e.object_head.is_some() && e.object_head == later.object_head))
                    && (later.actor.is_none()
                        || e.actor.is_none()
                        || key(&e.actor) == key(&later.actor))
                    && (later.recipient.is_none()
                        || e.recipient.is_none()
                        || key(&e.recipient) == key(&later.recipient))
                {
                    target = Some(j);
                    break;
                }
            }
            if let Some(j) = target {
                let l = later;
                let e = &mut kept[j];
                for sp in l.evidence {
                    if !e.evidence.contains(&sp) {
                        e.evidence.push(sp);
                    }
                }
                if e.recipient.is_none() {
                    e.recipient = l.recipient;
                }
                if e.actor.is_none() {
                    e.actor = l.actor;
                }
                for c in l.context {
                    if !e.context.contains(&c) {
                        e.context.push(c);
                    }
                }
                continue;
            }
        }
        let j = kept.len();
        by_rule.entry(later.rule).or_default().push(j);
        if let Some(k) = head_key(&later) {
            by_head.entry(k).or_default().push(j);
        }
        kept.push(later);
    }
    *found = kept;
}

/// The tagged words of each sentence, for debugging rules: `word/Tag` with `[..]` around
/// noun phrases.
pub fn explain(coder: &crate::Coder, doc: &Doc) -> String {
    coder.explain(doc)
}

impl Engine {
    pub fn explain(&self, doc: &Doc) -> String {
        let mut out = String::new();
        for sentence in &doc.sentences {
            let tokens = doc.tokens_in(sentence.span);
            let mention_at = |sp: Span| {
                doc.mentions
                    .iter()
                    .position(|m| m.span.contains(sp))
                    .map(|i| i as u32)
            };
            let mut ws = self.tagger.words(doc, tokens, &mention_at);
            if let Some(p) = self.prepare(&mut ws) {
                for (i, w) in ws.iter().enumerate() {
                    let head = p.head[i].map_or("root".to_string(), |h| format!("{h}:{}", ws[h].text));
                    out.push_str(&format!("  {i} {} {} <-{}- {head}\n", w.text, p.upos[i].as_str(), p.deprel[i].as_str()));
                }
            }
            let (np_of, nps) = chunk(&ws);
            for (i, w) in ws.iter().enumerate() {
                if let Some(k) = np_of[i] {
                    if nps[k].start == i {
                        out.push('[');
                    }
                }
                out.push_str(&format!("{}/{:?}", w.text, w.tag));
                if let Some(k) = np_of[i] {
                    if nps[k].end == i + 1 {
                        out.push(']');
                    }
                }
                out.push(' ');
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::marked_doc;
    use crate::Coder;

    /// Code a marked sentence; events as "TYPE/mode ACTOR->RECIPIENT status".
    fn check(input: &str, expected: &[&str]) {
        let coder = Coder::builtin().unwrap();
        let doc = marked_doc(input);
        let c = |p: &Option<griot_text::Participant>| {
            p.as_ref()
                .and_then(|p| p.country.clone())
                .unwrap_or_else(|| "-".into())
        };
        let got: Vec<String> = coder
            .code_events(&doc)
            .iter()
            .map(|e| {
                format!(
                    "{}/{} {}->{} {}",
                    e.event_type,
                    e.mode.as_deref().unwrap_or("-"),
                    c(&e.actor),
                    c(&e.recipient),
                    format!("{:?}", e.status).to_lowercase()
                )
            })
            .collect();
        assert_eq!(got, expected, "{input}");
    }

    #[test]
    fn questions_responses_modifiers_and_observers_are_no_acts() {
        // "asked whether" is a question, not a request (`not-next`)
        check("[Reporters|KEN|MED|nominal] asked [the minister|KEN|GOV|nominal] whether talks had failed.", &[]);
        // "met with criticism" is a response, not a meeting (`not-prep`)
        check("The decision was met with fierce criticism from [Germany|DEU].", &["ACCUSE/disapprove DEU->- asserted"]);
        // a trigger noun modifying people or places names no act
        check("[Kenyan|KEN] aid workers were seen near the detention centre.", &[]);
        check("The former [Kenyan|KEN] president suffered a heart attack.", &[]);
        // who condemns an act did not do it; who faces an accusation is its target
        check(
            "[France|FRA] condemned the attack on [its embassy|FRA|GOV|nominal].",
            &["ACCUSE/disapprove FRA->FRA asserted", "ASSAULT/- -->FRA alleged"],
        );
        check("[The Georgian president|GEO|GOV|nominal] is facing charges.", &["ACCUSE/allege -->GEO asserted"]);
    }

    #[test]
    fn voice_and_clause_shapes() {
        check(
            "[Ukraine|UKR] was attacked by [Russia|RUS].",
            &["ASSAULT/- RUS->UKR asserted"],
        );
        check(
            "[The ambassador|FRA|GOV|nominal] was expelled by [Mali|MLI].",
            &["SANCTION/expel MLI->FRA asserted"],
        );
        check(
            "[Mali|MLI], which expelled the [French|FRA|GOV] ambassador, met [Russia|RUS].",
            &[
                "SANCTION/expel MLI->FRA asserted",
                "CONSULT/- MLI->RUS asserted",
            ],
        );
        check(
            "[Mali|MLI] revoked its pact with [France|FRA] and expelled [French|FRA|MIL] troops.",
            &[
                "SANCTION/discontinue MLI->FRA asserted",
                "SANCTION/expel MLI->FRA asserted",
            ],
        );
        check(
            "[The EU|EUR||igo] imposed sanctions on [Mali|MLI] and [Burkina Faso|BFA].",
            &[
                "SANCTION/discontinue EUR->MLI asserted",
                "SANCTION/discontinue EUR->BFA asserted",
            ],
        );
    }

    #[test]
    fn status_and_manual_conversions() {
        check(
            "[Russia|RUS] did not attack [Ukraine|UKR].",
            &["ASSAULT/- RUS->UKR negated"],
        );
        check(
            "[Russia|RUS] could attack [Moldova|MDA].",
            &["ASSAULT/- RUS->MDA hypothetical"],
        );
        check(
            "[France|FRA] will withdraw its troops from [Mali|MLI].",
            &["CONCEDE/- FRA->MLI planned"],
        );
        check(
            "[Kenya|KEN] plans to meet [Somalia|SOM].",
            &["AGREE/- KEN->SOM planned"],
        );
        check(
            "[Mali|MLI] reportedly attacked [civilians|MLI|CVL|nominal].",
            &["ASSAULT/- MLI->MLI alleged"],
        );
        check(
            "[Mali|MLI] accused [France|FRA] of attacking [its|=Mali] troops.",
            &[
                "ACCUSE/allege MLI->FRA asserted",
                "ASSAULT/- FRA->MLI alleged",
            ],
        );
    }

    #[test]
    fn ending_and_tearing_up_agreements() {
        check(
            "[Niger|NER|MIL]'s ruling military said on Saturday [it|=Niger] was ending, with immediate effect, a military cooperation agreement with [the United States|USA].",
            &["SANCTION/discontinue NER->USA asserted"],
        );
        check(
            "[Niger|NER|MIL]'s military rulers have torn up the defence pact that allowed [American|USA|MIL] soldiers to operate in the country.",
            &["SANCTION/discontinue NER->USA asserted"],
        );
        check(
            "[Mali|MLI] tore up its defence accord with [France|FRA].",
            &["SANCTION/discontinue MLI->FRA asserted"],
        );
    }

    #[test]
    fn merges_a_later_definite_mention() {
        let coder = Coder::builtin().unwrap();
        let doc = marked_doc("[Niger|NER] revoked its pact with [the US|USA]. The termination of the pact angered [Washington|USA].");
        let ev = coder.code_events(&doc);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert!(ev[0]
            .evidence
            .iter()
            .any(|s| doc.slice(*s) == "termination"));
    }
}
