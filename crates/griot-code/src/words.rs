//! A small rule-based tagger for English news: closed-class word lists, a verb lexicon
//! with generated inflections, suffix rules and a few contextual fixes. It only has to be
//! good enough to find noun phrases, verb groups and clause edges; it is not a general
//! POS tagger. Known misses: noun/verb ambiguity of unknown words is settled by the left
//! neighbour only; sentence-initial capitals are treated as proper nouns when unknown.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use griot_text::{Doc, Span, Token, TokenKind};

/// A small multiply-rotate hasher for short word keys (the maps are built from our own
/// rule files, so hash flooding is not a concern).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

/// A hash map keyed by words.
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Det,
    Noun,
    Propn,
    Pron,
    Verb,
    /// be, have, do (and their forms).
    Aux,
    Modal,
    Adj,
    Adv,
    Prep,
    /// and, or, but, nor.
    Conj,
    /// Subordinators: that, if, because, while, although, as, when, unless, whether.
    Sub,
    /// who, which, whom, whose.
    Rel,
    To,
    Neg,
    /// Possessive marker 's.
    Poss,
    Num,
    Comma,
    /// Clause-ending punctuation: ; : ( ) — and sentence end marks.
    Punct,
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    S,
    Past,
    PastPart,
    /// -ed form that is either past or participle.
    Ed,
    Ing,
    None,
}

/// One word of a sentence as the coder sees it.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
    pub lower: Cow<'a, str>,
    pub tag: Tag,
    pub form: Form,
    /// Lemma id (see [`Tagger::lemma_name`]) for verbs found in the lexicon.
    pub lemma: Option<u32>,
    /// The mention covering this word.
    pub mention: Option<u32>,
    pub cap: bool,
}

const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("have", "had", "had"),
    ("do", "did", "done"),
    ("say", "said", "said"),
    ("make", "made", "made"),
    ("take", "took", "taken"),
    ("retake", "retook", "retaken"),
    ("tear", "tore", "torn"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("come", "came", "come"),
    ("get", "got", "gotten"),
    ("see", "saw", "seen"),
    ("become", "became", "become"),
    ("tell", "told", "told"),
    ("find", "found", "found"),
    ("leave", "left", "left"),
    ("keep", "kept", "kept"),
    ("hold", "held", "held"),
    ("bring", "brought", "brought"),
    ("begin", "began", "begun"),
    ("run", "ran", "run"),
    ("meet", "met", "met"),
    ("put", "put", "put"),
    ("set", "set", "set"),
    ("lead", "led", "led"),
    ("stand", "stood", "stood"),
    ("pay", "paid", "paid"),
    ("send", "sent", "sent"),
    ("build", "built", "built"),
    ("fall", "fell", "fallen"),
    ("cut", "cut", "cut"),
    ("speak", "spoke", "spoken"),
    ("rise", "rose", "risen"),
    ("spend", "spent", "spent"),
    ("win", "won", "won"),
    ("lose", "lost", "lost"),
    ("grow", "grew", "grown"),
    ("know", "knew", "known"),
    ("think", "thought", "thought"),
    ("seek", "sought", "sought"),
    ("fight", "fought", "fought"),
    ("shoot", "shot", "shot"),
    ("strike", "struck", "struck"),
    ("hit", "hit", "hit"),
    ("beat", "beat", "beaten"),
    ("steal", "stole", "stolen"),
    ("withdraw", "withdrew", "withdrawn"),
    ("undertake", "undertook", "undertaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("throw", "threw", "thrown"),
    ("blow", "blew", "blown"),
    ("forgive", "forgave", "forgiven"),
    ("write", "wrote", "written"),
    ("break", "broke", "broken"),
    ("freeze", "froze", "frozen"),
    ("ride", "rode", "ridden"),
    ("sell", "sold", "sold"),
    ("buy", "bought", "bought"),
    ("feel", "felt", "felt"),
    ("mean", "meant", "meant"),
    ("lay", "laid", "laid"),
    ("shut", "shut", "shut"),
    ("bid", "bid", "bid"),
    ("quit", "quit", "quit"),
    ("let", "let", "let"),
    ("forbid", "forbade", "forbidden"),
    ("arise", "arose", "arisen"),
    ("drive", "drove", "driven"),
    ("flee", "fled", "fled"),
    ("hang", "hanged", "hanged"),
    ("sit", "sat", "sat"),
    ("teach", "taught", "taught"),
    ("catch", "caught", "caught"),
    ("swear", "swore", "sworn"),
    ("bear", "bore", "borne"),
    ("sink", "sank", "sunk"),
    ("sign", "signed", "signed"),
    ("spread", "spread", "spread"),
    ("fly", "flew", "flown"),
    ("draw", "drew", "drawn"),
    ("hear", "heard", "heard"),
    ("shake", "shook", "shaken"),
    ("split", "split", "split"),
    ("overtake", "overtook", "overtaken"),
    ("offer", "offered", "offered"),
    ("visit", "visited", "visited"),
    ("deliver", "delivered", "delivered"),
    ("threaten", "threatened", "threatened"),
    ("open", "opened", "opened"),
    ("enter", "entered", "entered"),
    ("order", "ordered", "ordered"),
    ("consider", "considered", "considered"),
    ("answer", "answered", "answered"),
    ("gather", "gathered", "gathered"),
    ("render", "rendered", "rendered"),
    ("summon", "summoned", "summoned"),
    ("reopen", "reopened", "reopened"),
    ("deepen", "deepened", "deepened"),
    ("weaken", "weakened", "weakened"),
    ("worsen", "worsened", "worsened"),
    ("strengthen", "strengthened", "strengthened"),
    ("counter", "countered", "countered"),
    ("bolster", "bolstered", "bolstered"),
    ("hinder", "hindered", "hindered"),
    ("murder", "murdered", "murdered"),
    ("massacre", "massacred", "massacred"),
    ("slaughter", "slaughtered", "slaughtered"),
    ("surrender", "surrendered", "surrendered"),
    ("hamper", "hampered", "hampered"),
    ("question", "questioned", "questioned"),
    ("monitor", "monitored", "monitored"),
    ("transfer", "transferred", "transferred"),
    ("refer", "referred", "referred"),
    ("deter", "deterred", "deterred"),
    ("confer", "conferred", "conferred"),
    ("prefer", "preferred", "preferred"),
    ("differ", "differed", "differed"),
    ("suffer", "suffered", "suffered"),
    ("cover", "covered", "covered"),
    ("discover", "discovered", "discovered"),
    ("recover", "recovered", "recovered"),
    ("hand", "handed", "handed"),
    ("welcome", "welcomed", "welcomed"),
    ("host", "hosted", "hosted"),
    ("budget", "budgeted", "budgeted"),
    ("target", "targeted", "targeted"),
    ("benefit", "benefited", "benefited"),
    ("limit", "limited", "limited"),
    ("edit", "edited", "edited"),
    ("exhibit", "exhibited", "exhibited"),
    ("credit", "credited", "credited"),
    ("deposit", "deposited", "deposited"),
    ("inherit", "inherited", "inherited"),
    ("prohibit", "prohibited", "prohibited"),
    ("solicit", "solicited", "solicited"),
    ("audit", "audited", "audited"),
    ("vomit", "vomited", "vomited"),
    ("protest", "protested", "protested"),
    ("boycott", "boycotted", "boycotted"),
    ("abduct", "abducted", "abducted"),
];

/// Closed-class words and their tags.
const CLOSED: &[(&str, Tag)] = &[
    ("the", Tag::Det),
    ("a", Tag::Det),
    ("an", Tag::Det),
    ("this", Tag::Det),
    ("these", Tag::Det),
    ("those", Tag::Det),
    ("its", Tag::Det),
    ("their", Tag::Det),
    ("his", Tag::Det),
    ("her", Tag::Det),
    ("our", Tag::Det),
    ("my", Tag::Det),
    ("your", Tag::Det),
    ("some", Tag::Det),
    ("any", Tag::Det),
    ("every", Tag::Det),
    ("each", Tag::Det),
    ("all", Tag::Det),
    ("both", Tag::Det),
    ("several", Tag::Det),
    ("many", Tag::Det),
    ("few", Tag::Det),
    ("more", Tag::Adv),
    ("most", Tag::Adv),
    ("such", Tag::Det),
    ("another", Tag::Det),
    ("other", Tag::Adj),
    ("no", Tag::Neg),
    ("not", Tag::Neg),
    ("never", Tag::Neg),
    ("n't", Tag::Neg),
    ("nor", Tag::Conj),
    ("he", Tag::Pron),
    ("she", Tag::Pron),
    ("it", Tag::Pron),
    ("they", Tag::Pron),
    ("we", Tag::Pron),
    ("i", Tag::Pron),
    ("you", Tag::Pron),
    ("him", Tag::Pron),
    ("them", Tag::Pron),
    ("us", Tag::Pron),
    ("me", Tag::Pron),
    ("itself", Tag::Pron),
    ("themselves", Tag::Pron),
    ("himself", Tag::Pron),
    ("herself", Tag::Pron),
    ("what", Tag::Pron),
    ("nobody", Tag::Pron),
    ("none", Tag::Pron),
    ("who", Tag::Rel),
    ("which", Tag::Rel),
    ("whom", Tag::Rel),
    ("whose", Tag::Rel),
    ("that", Tag::Sub),
    ("if", Tag::Sub),
    ("unless", Tag::Sub),
    ("because", Tag::Sub),
    ("while", Tag::Sub),
    ("although", Tag::Sub),
    ("though", Tag::Sub),
    ("whether", Tag::Sub),
    ("when", Tag::Sub),
    ("whereas", Tag::Sub),
    ("since", Tag::Prep),
    ("as", Tag::Prep),
    ("until", Tag::Prep),
    ("before", Tag::Prep),
    ("after", Tag::Prep),
    ("and", Tag::Conj),
    ("or", Tag::Conj),
    ("but", Tag::Conj),
    ("yet", Tag::Adv),
    ("of", Tag::Prep),
    ("in", Tag::Prep),
    ("on", Tag::Prep),
    ("at", Tag::Prep),
    ("by", Tag::Prep),
    ("with", Tag::Prep),
    ("from", Tag::Prep),
    ("for", Tag::Prep),
    ("against", Tag::Prep),
    ("into", Tag::Prep),
    ("onto", Tag::Prep),
    ("over", Tag::Prep),
    ("under", Tag::Prep),
    ("about", Tag::Prep),
    ("towards", Tag::Prep),
    ("toward", Tag::Prep),
    ("between", Tag::Prep),
    ("among", Tag::Prep),
    ("amid", Tag::Prep),
    ("amidst", Tag::Prep),
    ("within", Tag::Prep),
    ("without", Tag::Prep),
    ("across", Tag::Prep),
    ("through", Tag::Prep),
    ("during", Tag::Prep),
    ("despite", Tag::Prep),
    ("regarding", Tag::Prep),
    ("concerning", Tag::Prep),
    ("near", Tag::Prep),
    ("outside", Tag::Prep),
    ("inside", Tag::Prep),
    ("upon", Tag::Prep),
    ("via", Tag::Prep),
    ("per", Tag::Prep),
    ("following", Tag::Prep),
    ("including", Tag::Prep),
    ("like", Tag::Prep),
    ("along", Tag::Prep),
    ("alongside", Tag::Prep),
    ("beyond", Tag::Prep),
    ("behind", Tag::Prep),
    ("throughout", Tag::Prep),
    ("out", Tag::Prep),
    ("off", Tag::Prep),
    ("up", Tag::Prep),
    ("down", Tag::Prep),
    ("back", Tag::Adv),
    ("away", Tag::Adv),
    ("to", Tag::To),
    ("will", Tag::Modal),
    ("would", Tag::Modal),
    ("shall", Tag::Modal),
    ("should", Tag::Modal),
    ("can", Tag::Modal),
    ("could", Tag::Modal),
    ("may", Tag::Modal),
    ("might", Tag::Modal),
    ("must", Tag::Modal),
    ("wo", Tag::Modal),
    ("ca", Tag::Modal),
    ("is", Tag::Aux),
    ("are", Tag::Aux),
    ("was", Tag::Aux),
    ("were", Tag::Aux),
    ("be", Tag::Aux),
    ("been", Tag::Aux),
    ("being", Tag::Aux),
    ("am", Tag::Aux),
    ("has", Tag::Aux),
    ("have", Tag::Aux),
    ("had", Tag::Aux),
    ("having", Tag::Aux),
    ("does", Tag::Aux),
    ("do", Tag::Aux),
    ("did", Tag::Aux),
    ("'s", Tag::Poss),
    ("’s", Tag::Poss),
    ("also", Tag::Adv),
    ("already", Tag::Adv),
    ("still", Tag::Adv),
    ("again", Tag::Adv),
    ("then", Tag::Adv),
    ("now", Tag::Adv),
    ("later", Tag::Adv),
    ("earlier", Tag::Adv),
    ("soon", Tag::Adv),
    ("just", Tag::Adv),
    ("even", Tag::Adv),
    ("reportedly", Tag::Adv),
    ("allegedly", Tag::Adv),
    ("last", Tag::Adj),
    ("next", Tag::Adj),
    ("here", Tag::Adv),
    ("there", Tag::Pron),
    ("thus", Tag::Adv),
    ("however", Tag::Adv),
    ("furthermore", Tag::Adv),
    ("very", Tag::Adv),
    ("too", Tag::Adv),
    ("so", Tag::Adv),
    ("only", Tag::Adv),
    ("ago", Tag::Adv),
    ("today", Tag::Noun),
    ("yesterday", Tag::Noun),
    ("tomorrow", Tag::Noun),
    ("new", Tag::Adj),
    ("former", Tag::Adj),
    ("own", Tag::Adj),
    ("foreign", Tag::Adj),
    ("military", Tag::Adj),
    ("joint", Tag::Adj),
    ("humanitarian", Tag::Adj),
    ("economic", Tag::Adj),
    ("diplomatic", Tag::Adj),
    ("nuclear", Tag::Adj),
    ("armed", Tag::Adj),
    ("peaceful", Tag::Adj),
    ("international", Tag::Adj),
    ("national", Tag::Adj),
    ("senior", Tag::Adj),
    ("top", Tag::Adj),
    ("key", Tag::Adj),
    ("major", Tag::Adj),
];

/// Common verbs that are not triggers, so the tagger knows clause structure.
const COMMON_VERBS: &[&str] = &[
    "say",
    "make",
    "take",
    "give",
    "go",
    "come",
    "get",
    "see",
    "use",
    "become",
    "show",
    "tell",
    "find",
    "seem",
    "leave",
    "keep",
    "hold",
    "bring",
    "begin",
    "run",
    "put",
    "set",
    "lead",
    "stand",
    "pay",
    "send",
    "build",
    "fall",
    "cut",
    "speak",
    "rise",
    "spend",
    "win",
    "lose",
    "grow",
    "know",
    "think",
    "want",
    "include",
    "continue",
    "remain",
    "allow",
    "add",
    "expect",
    "help",
    "report",
    "announce",
    "state",
    "declare",
    "claim",
    "add",
    "note",
    "insist",
    "confirm",
    "acknowledge",
    "indicate",
    "plan",
    "intend",
    "decide",
    "try",
    "seek",
    "fail",
    "agree",
    "refuse",
    "decline",
    "vow",
    "pledge",
    "promise",
    "aim",
    "hope",
    "want",
    "need",
    "deem",
    "believe",
    "consider",
    "cite",
    "prompt",
    "underscore",
    "coincide",
    "monitor",
    "station",
    "deploy",
    "permit",
    "initiate",
    "establish",
    "culminate",
    "form",
    "emphasise",
    "emphasize",
    "lament",
    "address",
    "respond",
    "signal",
    "engage",
    "adopt",
    "pivot",
    "manifest",
    "relinquish",
    "label",
    "describe",
    "engender",
    "tell",
    "ask",
    "explain",
    "warn",
    "urge",
    "call",
    "vote",
    "elect",
    "appoint",
    "resign",
    "name",
    "open",
    "close",
    "start",
    "end",
    "move",
    "return",
    "happen",
    "occur",
    "follow",
    "raise",
    "kill",
    "injure",
    "wound",
    "die",
    "arrive",
    "travel",
];

/// Noun suffixes that rarely end verbs.
const NOUN_SUFFIXES: &[&str] = &[
    "tion", "sion", "ment", "ness", "ity", "ism", "ist", "ship", "ance", "ence", "ure", "ery",
    "dom", "hood",
];
const ADJ_SUFFIXES: &[&str] = &[
    "al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ary", "ian", "ese", "ish",
];

/// The tagger's tables, built once.
#[derive(Debug)]
pub struct Tagger {
    closed: WordMap<&'static str, Tag>,
    /// form -> (lemma id, form kind)
    verbs: WordMap<String, (u32, Form)>,
    lemmas: Vec<String>,
}

/// Inflected forms of a regular verb lemma: (form, kind).
pub fn inflect(lemma: &str) -> Vec<(String, Form)> {
    let mut out = vec![(lemma.to_string(), Form::Base)];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // -s
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        out.push((format!("{lemma}es"), Form::S));
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push((format!("{}ies", &lemma[..n - 1]), Form::S));
    } else {
        out.push((format!("{lemma}s"), Form::S));
    }
    // -ed / -ing
    if last == b'e' {
        out.push((format!("{lemma}d"), Form::Ed));
        if lemma.ends_with("ee") {
            out.push((format!("{lemma}ing"), Form::Ing));
        } else {
            out.push((format!("{}ing", &lemma[..n - 1]), Form::Ing));
        }
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push((format!("{}ied", &lemma[..n - 1]), Form::Ed));
        out.push((format!("{lemma}ing"), Form::Ing));
    } else {
        out.push((format!("{lemma}ed"), Form::Ed));
        out.push((format!("{lemma}ing"), Form::Ing));
        // consonant-vowel-consonant: also the doubled forms (ban -> banned, admit -> admitted)
        if n >= 3
            && !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3])
        {
            let c = last as char;
            out.push((format!("{lemma}{c}ed"), Form::Ed));
            out.push((format!("{lemma}{c}ing"), Form::Ing));
        }
    }
    out
}

/// Plural of a noun (regular rules, a few exceptions).
pub fn plural(noun: &str) -> String {
    match noun {
        "talks" | "arms" | "troops" | "forces" => return noun.to_string(),
        "person" => return "people".into(),
        "man" => return "men".into(),
        _ => {}
    }
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') {
        format!("{noun}es")
    } else if n > 1 && b[n - 1] == b'y' && !matches!(b[n - 2], b'a' | b'e' | b'o' | b'u') {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

impl Tagger {
    /// A tagger that knows `trigger_verbs` (lemmas) besides its own lists.
    pub fn new(trigger_verbs: &[String]) -> Tagger {
        let closed: WordMap<&'static str, Tag> = CLOSED.iter().copied().collect();
        let mut verbs: WordMap<String, (u32, Form)> = WordMap::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut intern = |s: &str| -> u32 {
            if let Some(v) = ids.get(s) {
                return *v;
            }
            let v = names.len() as u32;
            names.push(s.to_string());
            ids.insert(s.to_string(), v);
            v
        };
        let mut lemmas: Vec<&str> = COMMON_VERBS.to_vec();
        lemmas.extend(trigger_verbs.iter().map(|s| s.as_str()));
        for &(base, past, pp) in IRREGULAR {
            let l = intern(base);
            for (f, k) in inflect(base) {
                if k == Form::Ed {
                    continue;
                }
                verbs.entry(f).or_insert((l, k));
            }
            if past == pp {
                verbs.insert(past.to_string(), (l, Form::Ed));
            } else {
                verbs.insert(past.to_string(), (l, Form::Past));
                verbs.insert(pp.to_string(), (l, Form::PastPart));
            }
        }
        for lemma in lemmas {
            let l = intern(lemma);
            if IRREGULAR.iter().any(|(b, _, _)| *b == lemma) {
                continue;
            }
            for (f, k) in inflect(lemma) {
                verbs.entry(f).or_insert((l, k));
            }
        }
        Tagger {
            closed,
            verbs,
            lemmas: names,
        }
    }

    /// Lemma id and form of a verb form, when known.
    pub fn verb(&self, lower: &str) -> Option<(u32, Form)> {
        self.verbs.get(lower).copied()
    }

    /// The lemma of a lemma id.
    pub fn lemma_name(&self, id: u32) -> &str {
        self.lemmas
            .get(id as usize)
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    /// The words of one sentence: tokens normalised (possessive and negation clitics split
    /// off), tagged, and linked to the mentions covering them.
    pub fn words<'a>(
        &self,
        doc: &'a Doc,
        tokens: &[Token],
        mention_at: &dyn Fn(Span) -> Option<u32>,
    ) -> Vec<Word<'a>> {
        let text = doc.text();
        let mut out: Vec<Word<'a>> = Vec::with_capacity(tokens.len() + 4);
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let s = t.span.text(text);
            // apostrophe + "s" / "t" glued to the previous word
            if (s == "'" || s == "’") && i + 1 < tokens.len() {
                let next = tokens[i + 1];
                let ns = next.span.text(text);
                let glued_left = i > 0 && tokens[i - 1].span.end == t.span.start;
                if glued_left && next.span.start == t.span.end && (ns == "s" || ns == "S") {
                    out.push(self.word(
                        text,
                        Span::new(t.span.start, next.span.end),
                        TokenKind::Word,
                        "'s",
                    ));
                    i += 2;
                    continue;
                }
                if glued_left && next.span.start == t.span.end && (ns == "t" || ns == "T") {
                    // "didn't" tokenised as didn ' t
                    if let Some(prev) = out.last_mut() {
                        if prev.lower.ends_with('n') {
                            let base = &prev.lower[..prev.lower.len() - 1];
                            let base = match base {
                                "wo" => "will",
                                "ca" => "can",
                                b => b,
                            };
                            let tag = self.closed.get(base).copied().unwrap_or(Tag::Aux);
                            prev.lower = Cow::Owned(base.to_string());
                            prev.tag = tag;
                        }
                    }
                    out.push(self.word(
                        text,
                        Span::new(t.span.start, next.span.end),
                        TokenKind::Word,
                        "n't",
                    ));
                    i += 2;
                    continue;
                }
            }
            if t.kind == TokenKind::Word {
                // word with the clitic inside it ("Niger's", "didn't")
                for clitic in ["'s", "’s", "n't", "n’t"] {
                    if s.len() > clitic.len() + 1
                        && s.ends_with(clitic)
                        && s.is_char_boundary(s.len() - clitic.len())
                    {
                        let cut = t.span.end - clitic.len();
                        let norm = if clitic.starts_with('n') { "n't" } else { "'s" };
                        out.push(self.word(
                            text,
                            Span::new(t.span.start, cut),
                            TokenKind::Word,
                            "",
                        ));
                        out.push(self.word(
                            text,
                            Span::new(cut, t.span.end),
                            TokenKind::Word,
                            norm,
                        ));
                        break;
                    }
                }
                if out.last().is_some_and(|w| w.span.end == t.span.end) {
                    i += 1;
                    continue;
                }
            }
            out.push(self.word(text, t.span, t.kind, ""));
            i += 1;
        }
        for w in out.iter_mut() {
            w.mention = mention_at(w.span);
        }
        self.fix_in_context(&mut out);
        out
    }

    fn word<'a>(&self, text: &'a str, span: Span, kind: TokenKind, norm: &'static str) -> Word<'a> {
        let s = span.text(text);
        let lower: Cow<'a, str> = if !norm.is_empty() {
            Cow::Borrowed(norm)
        } else if s.bytes().any(|b| b.is_ascii_uppercase()) || !s.is_ascii() {
            let l = s.to_lowercase();
            Cow::Owned(if l.contains('’') {
                l.replace('’', "'")
            } else {
                l
            })
        } else {
            Cow::Borrowed(s)
        };
        let cap = s.chars().next().is_some_and(|c| c.is_uppercase());
        let (tag, form, lemma) = match kind {
            TokenKind::Number => (Tag::Num, Form::None, None),
            TokenKind::Quote => (Tag::Quote, Form::None, None),
            TokenKind::Punct | TokenKind::Symbol => match s {
                "," => (Tag::Comma, Form::None, None),
                "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»" => {
                    (Tag::Quote, Form::None, None)
                }
                "-" | "/" | "&" | "%" | "$" | "€" | "£" => (Tag::Adj, Form::None, None),
                _ => (Tag::Punct, Form::None, None),
            },
            TokenKind::Word
                if s.len() >= 2
                    && s.bytes().all(|b| b.is_ascii_uppercase())
                    && !matches!(s, "I" | "A")
                    && self.closed.get(lower.as_ref()) != Some(&Tag::Det) =>
            {
                // acronyms: US, UN, ECOWAS
                (Tag::Propn, Form::None, None)
            }
            TokenKind::Word => self.tag_word(&lower, cap),
        };
        Word {
            span,
            text: s,
            lower,
            tag,
            form,
            lemma,
            mention: None,
            cap,
        }
    }

    fn tag_word(&self, lower: &str, cap: bool) -> (Tag, Form, Option<u32>) {
        if let Some(&t) = self.closed.get(lower) {
            let form = match lower {
                "was" | "were" | "had" | "did" => Form::Past,
                "been" | "done" => Form::PastPart,
                "being" | "having" => Form::Ing,
                _ => Form::None,
            };
            return (t, form, None);
        }
        if let Some((lemma, form)) = self.verb(lower) {
            return (Tag::Verb, form, Some(lemma));
        }
        if lower
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            return (Tag::Num, Form::None, None);
        }
        if cap {
            return (Tag::Propn, Form::None, None);
        }
        let n = lower.len();
        if n > 4 && lower.ends_with("ly") {
            return (Tag::Adv, Form::None, None);
        }
        if n > 5 && lower.ends_with("ing") {
            return (Tag::Verb, Form::Ing, None);
        }
        if n > 4 && lower.ends_with("ed") {
            return (Tag::Verb, Form::Ed, None);
        }
        if NOUN_SUFFIXES.iter().any(|s| lower.ends_with(s))
            || lower.ends_with("tions")
            || lower.ends_with("ments")
        {
            return (Tag::Noun, Form::None, None);
        }
        if n > 4 && ADJ_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
            return (Tag::Adj, Form::None, None);
        }
        (Tag::Noun, Form::None, None)
    }

    /// Contextual fixes: noun/verb ambiguity by the left neighbour, participles used as
    /// adjectives, mention words as proper nouns.
    fn fix_in_context(&self, words: &mut [Word<'_>]) {
        for i in 0..words.len() {
            let known_verb = words[i].tag == Tag::Verb && words[i].lemma.is_some() && !words[i].cap;
            if words[i].mention.is_some()
                && !known_verb
                && matches!(
                    words[i].tag,
                    Tag::Noun | Tag::Propn | Tag::Adj | Tag::Verb | Tag::Pron
                )
            {
                words[i].tag = Tag::Propn;
                continue;
            }
            let prev = if i > 0 { Some(words[i - 1].tag) } else { None };
            let prev_is_to = i > 0 && words[i - 1].lower == "to";
            let next = words.get(i + 1).map(|w| w.tag);
            let next_prep = i + 1 < words.len()
                && matches!(
                    words[i + 1].lower.as_ref(),
                    "against" | "on" | "over" | "by" | "from" | "in"
                );
            let det2 = i >= 2 && matches!(words[i - 2].tag, Tag::Det | Tag::Adj | Tag::Poss);
            let w = &mut words[i];
            if w.tag == Tag::Propn && i == 0 {
                // sentence-initial unknown capital: a noun unless followed by a proper noun
                w.tag = if matches!(next, Some(Tag::Propn | Tag::Poss)) {
                    Tag::Propn
                } else {
                    Tag::Noun
                };
            }
            if w.tag != Tag::Verb {
                continue;
            }
            let nounish_left = matches!(prev, Some(Tag::Det | Tag::Adj | Tag::Poss | Tag::Num))
                || (prev == Some(Tag::Noun) && det2);
            match w.form {
                Form::Base | Form::S => {
                    if nounish_left
                        || prev == Some(Tag::Verb)
                        || (matches!(prev, Some(Tag::Prep)) && !prev_is_to)
                    {
                        w.tag = Tag::Noun;
                    } else if w.form == Form::S && matches!(prev, Some(Tag::Propn)) && next_prep {
                        // "US sanctions against Iran"
                        w.tag = Tag::Noun;
                        w.tag = Tag::Noun;
                    } else if w.form == Form::S
                        && matches!(prev, Some(Tag::Noun))
                        && matches!(next, Some(Tag::Verb | Tag::Aux | Tag::Modal | Tag::Prep))
                    {
                        // "rebel attacks killed", "peace talks with"
                        w.tag = Tag::Noun;
                    } else if w.form == Form::Base
                        && prev.is_none()
                        && matches!(next, Some(Tag::Prep | Tag::Aux | Tag::Verb))
                    {
                        w.tag = Tag::Noun;
                    }
                }
                Form::Ing => {
                    if matches!(prev, Some(Tag::Det | Tag::Adj | Tag::Poss | Tag::Num)) {
                        w.tag = if matches!(next, Some(Tag::Noun | Tag::Propn)) {
                            Tag::Adj
                        } else {
                            Tag::Noun
                        };
                    }
                }
                Form::Ed | Form::PastPart | Form::Past => {
                    if matches!(prev, Some(Tag::Det | Tag::Poss | Tag::Adj | Tag::Prep))
                        && matches!(next, Some(Tag::Noun | Tag::Propn | Tag::Adj))
                    {
                        w.tag = Tag::Adj;
                    }
                }
                Form::None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use griot_text::{tokenize, Article, Doc};

    fn check(input: &str, expected: &str) {
        let tagger = Tagger::new(&[
            "revoke".to_string(),
            "expel".to_string(),
            "attack".to_string(),
        ]);
        let mut doc = Doc::new(Article::from_text("t", input));
        doc.tokens = tokenize(input, Span::new(0, input.len()));
        let toks = doc.tokens.clone();
        let ws = tagger.words(&doc, &toks, &|_| None);
        let got: Vec<String> = ws
            .iter()
            .map(|w| format!("{}/{:?}", w.lower, w.tag))
            .collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn tags_a_clause() {
        check(
            "Niger’s junta has officially revoked a pact.",
            "niger/Propn 's/Poss junta/Noun has/Aux officially/Adv revoked/Verb a/Det pact/Noun ./Punct",
        );
        check(
            "They didn't attack the rebels' camps.",
            "they/Pron did/Aux n't/Neg attack/Verb the/Det rebels/Noun '/Quote camps/Noun ./Punct",
        );
        check("the attacks on", "the/Det attacks/Noun on/Prep");
    }

    #[test]
    fn inflects() {
        let f: Vec<String> = inflect("ban").into_iter().map(|(f, _)| f).collect();
        assert_eq!(f, ["ban", "bans", "baned", "baning", "banned", "banning"]);
        assert_eq!(plural("treaty"), "treaties");
    }
}
