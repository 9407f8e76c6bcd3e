//! Named-entity recognition: a greedy left-to-right averaged perceptron over BILOU tags of
//! four types (PER, LOC, ORG, MISC).
//!
//! Features: the word (cased and lower), prefixes and suffixes, word shape, neighbouring
//! words and shapes, the two previous tags, the shape of the line (written in capitals, in
//! title case, a table of numbers; first word), and **hints** given by the caller for each
//! word: bits saying what the caller's dictionaries know about it ([`hint`]: a country name, a
//! person in the dictionary, a given name, a gazetteer place, a word the document also writes
//! in lower case, ...). The model learns how far to trust each hint, so the dictionaries help
//! instead of deciding alone; this crate knows nothing of the dictionaries themselves.
//!
//! ```
//! use griot_syntax::ner::{Ner, hint};
//! let ner = Ner::shared();
//! let words = ["Talks", "in", "Geneva", "with", "John", "Smith", "of", "Reuters", "."];
//! let hints = [0, hint::STOP, 0, hint::STOP, hint::GIVEN, 0, hint::STOP, 0, 0];
//! let ents = ner.tag(&words, &hints);
//! assert!(ents.iter().all(|e| e.start < e.end && e.end <= words.len()));
//! ```
//!
//! Decoding keeps BILOU tags consistent (an entity opened with B is continued with I and
//! closed with L), so every output is a well-formed list of token ranges. Linear in the
//! sentence length; never panics on input (hints shorter than the words read as 0).

use crate::feats::{f1, f2, f3, word_features, Scratch, Word, PAD_END, PAD_START};
use crate::model::{put_weights, Reader};
use crate::rng::SplitMix64;
use crate::weights::{Perceptron, Scorer, Table, Weights};
use crate::SyntaxError;
use std::io::{Read, Write};
use std::sync::OnceLock;

/// Entity types, in model order.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// Hint bits: what the caller's dictionaries say about a word. Each is a feature of its own
/// and, for the word and its neighbours, part of the whole bit set as one feature.
pub mod hint {
    /// Inside a dictionary country name or seat of power ("Niger", "Washington").
    pub const COUNTRY: u32 = 1;
    /// A country adjective or demonym ("Nigerien", "French").
    pub const COUNTRY_ADJ: u32 = 1 << 1;
    /// Inside a dictionary IGO ("United Nations").
    pub const IGO: u32 = 1 << 2;
    /// Inside a dictionary organisation, party or armed group.
    pub const ORG: u32 = 1 << 3;
    /// Inside a dictionary person's name.
    pub const PERSON: u32 = 1 << 4;
    /// A known given name.
    pub const GIVEN: u32 = 1 << 5;
    /// Inside a gazetteer place name.
    pub const PLACE: u32 = 1 << 6;
    /// A word of organisation names ("Bank", "Party", "Corp").
    pub const ORG_WORD: u32 = 1 << 7;
    /// A word of place names ("River", "Province").
    pub const PLACE_WORD: u32 = 1 << 8;
    /// A word of other names (events, products: "Cup", "Olympics").
    pub const MISC_WORD: u32 = 1 << 9;
    /// A title ("President", "Col.").
    pub const TITLE: u32 = 1 << 10;
    /// An agent word ("police", "ministry").
    pub const AGENT: u32 = 1 << 11;
    /// A stop word.
    pub const STOP: u32 = 1 << 12;
    /// A capitalised word that the document also writes in lower case.
    pub const LOWER_SEEN: u32 = 1 << 13;
    /// The first word of a dictionary or gazetteer match of several words.
    pub const MATCH_START: u32 = 1 << 14;
    /// A large gazetteer place (population of 100,000 or more, or a country or region).
    pub const BIG_PLACE: u32 = 1 << 15;
    /// Number of hint bits.
    pub const COUNT: u32 = 16;
}

/// One entity: tokens `start..end` of the sentence, of type `TYPES[kind]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: u8,
}

impl Entity {
    /// "PER", "LOC", "ORG" or "MISC".
    pub fn type_name(&self) -> &'static str {
        TYPES.get(self.kind as usize).copied().unwrap_or("MISC")
    }
}

const N_CLASSES: usize = 1 + 4 * TYPES.len();
const O: usize = 0;
// class of (type t, position p) with p in 0 = B, 1 = I, 2 = L, 3 = U
fn class(t: usize, p: usize) -> usize {
    1 + 4 * t + p
}
fn pos_of(c: usize) -> Option<(usize, usize)> {
    (c != O).then(|| ((c - 1) / 4, (c - 1) % 4))
}
/// `c` may follow `prev`: inside an entity only I/L of its type; outside only O, B, U.
fn allowed(prev: usize, c: usize) -> bool {
    let open = matches!(pos_of(prev), Some((_, 0 | 1)));
    match (open, pos_of(c)) {
        (true, Some((t, 1 | 2))) => pos_of(prev).map(|(pt, _)| pt) == Some(t),
        (true, _) => false,
        (false, None) => true,
        (false, Some((_, p))) => p == 0 || p == 3,
    }
}
/// A tag that may close a sentence.
fn can_end(c: usize) -> bool {
    !matches!(pos_of(c), Some((_, 0 | 1)))
}

/// The BILOU classes of a sentence's entities.
fn bilou(n: usize, ents: &[Entity]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for e in ents {
        if e.start >= e.end || e.end > n || e.kind as usize >= TYPES.len() {
            continue;
        }
        let t = e.kind as usize;
        if e.end - e.start == 1 {
            tags[e.start] = class(t, 3);
        } else {
            tags[e.start] = class(t, 0);
            for x in &mut tags[e.start + 1..e.end - 1] {
                *x = class(t, 1);
            }
            tags[e.end - 1] = class(t, 2);
        }
    }
    tags
}

fn entities(tags: &[usize]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in tags.iter().enumerate() {
        match pos_of(c) {
            None => open = None,
            Some((t, 0)) => open = Some((i, t)),
            Some((t, 1)) => {
                if open.map(|o| o.1) != Some(t) {
                    open = None;
                }
            }
            Some((t, 2)) => {
                if let Some((s, ot)) = open.take() {
                    if ot == t {
                        out.push(Entity {
                            start: s,
                            end: i + 1,
                            kind: t as u8,
                        });
                    }
                }
            }
            Some((t, _)) => {
                open = None;
                out.push(Entity {
                    start: i,
                    end: i + 1,
                    kind: t as u8,
                });
            }
        }
    }
    out
}

/// What the whole line (sentence) looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Prose = 1,
    /// Most words in capitals: a headline or a wire slug.
    Caps,
    /// Most words capitalised: a title-case headline.
    Title,
    /// Numbers make a large part: a table row or a results line.
    Table,
}

fn line_shape(words: &[&str]) -> Line {
    let (mut caps, mut cap, mut alpha, mut num) = (0usize, 0usize, 0usize, 0usize);
    for w in words {
        let mut cs = w.chars().filter(|c| c.is_alphanumeric());
        let Some(first) = cs.next() else { continue };
        if first.is_numeric() {
            num += 1;
            continue;
        }
        alpha += 1;
        if first.is_uppercase() {
            cap += 1;
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
                && w.chars().filter(|c| c.is_alphabetic()).count() > 1
            {
                caps += 1;
            }
        }
    }
    if num >= 2 && num * 3 >= (alpha + num) {
        Line::Table
    } else if alpha >= 2 && caps * 10 >= alpha * 7 {
        Line::Caps
    } else if alpha >= 3 && cap * 10 >= alpha * 8 {
        Line::Title
    } else {
        Line::Prose
    }
}

const START1: u64 = 0xFFFF_1001;
const START2: u64 = 0xFFFF_1002;
const HINT_MASK: u32 = (1 << hint::COUNT) - 1;

/// Prepared words of one sentence.
#[derive(Default)]
struct Prepared {
    ws: Vec<Word>,
    hints: Vec<u32>,
    line: u64,
    n: usize,
}

fn prepare(words: &[&str], hints: &[u32], p: &mut Prepared) {
    let mut s = Scratch::default();
    p.ws.clear();
    p.hints.clear();
    p.ws.extend([PAD_START, PAD_START]);
    p.hints.extend([1 << 30, 1 << 30]);
    for (i, w) in words.iter().enumerate() {
        p.ws.push(word_features(w, &mut s));
        p.hints.push(hints.get(i).copied().unwrap_or(0) & HINT_MASK);
    }
    p.ws.extend([PAD_END, PAD_END]);
    p.hints.extend([1 << 31, 1 << 31]);
    p.line = line_shape(words) as u64;
    p.n = words.len();
}

fn features(p: &Prepared, i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    let j = i + 2;
    let w = &p.ws[j];
    let (m1, m2, n1, n2) = (&p.ws[j - 1], &p.ws[j - 2], &p.ws[j + 1], &p.ws[j + 2]);
    let line = p.line;
    let h = p.hints[j] as u64;
    let (hm1, hn1) = (p.hints[j - 1] as u64, p.hints[j + 1] as u64);
    let first = (i == 0) as u64;
    out.push(f1(0, 0));
    out.push(f1(1, w.lw));
    out.push(f2(2, line, w.cw));
    out.push(f1(3, w.suf[1]));
    out.push(f1(4, w.suf[2]));
    out.push(f1(5, w.suf[3]));
    out.push(f1(6, w.pre[1]));
    out.push(f1(7, w.pre[2]));
    out.push(f2(8, line, w.shape));
    out.push(f3(9, line, w.shape, first));
    out.push(f1(10, p1));
    out.push(f2(11, p2, p1));
    out.push(f2(12, p1, w.shape));
    out.push(f2(13, p1, w.lw));
    out.push(f1(14, m1.lw));
    out.push(f1(15, m2.lw));
    out.push(f1(16, n1.lw));
    out.push(f1(17, n2.lw));
    out.push(f2(18, m1.lw, w.lw));
    out.push(f2(19, w.lw, n1.lw));
    out.push(f3(20, m1.shape, w.shape, n1.shape));
    out.push(f2(21, line, m1.shape));
    out.push(f2(22, line, n1.shape));
    out.push(f2(23, p1, n1.lw));
    out.push(f2(24, m1.suf[2], w.shape));
    out.push(f2(25, w.shape, n1.suf[2]));
    out.push(f2(26, line, h));
    out.push(f3(27, line, hm1, h));
    out.push(f3(28, line, h, hn1));
    out.push(f3(29, p1, h, w.shape));
    out.push(f1(30, line));
    out.push(f2(31, w.lw, h));
    for b in 0..hint::COUNT {
        if h & (1 << b) != 0 {
            out.push(f2(32, b as u64, line));
            out.push(f3(33, b as u64, p1, line));
            out.push(f2(34, b as u64, w.shape));
        }
        if hm1 & (1 << b) != 0 {
            out.push(f1(35, b as u64));
        }
        if hn1 & (1 << b) != 0 {
            out.push(f1(36, b as u64));
        }
    }
}

fn decide<S: Scorer>(
    weights: &S,
    p: &Prepared,
    i: usize,
    prev: usize,
    p2: usize,
    fs: &mut Vec<u32>,
    scores: &mut [f32],
) -> usize {
    let hist = |c: usize, s: u64| if c == usize::MAX { s } else { c as u64 };
    features(p, i, hist(prev, START1), hist(p2, START2), fs);
    scores.iter_mut().for_each(|s| *s = 0.0);
    weights.score(fs, scores);
    let last = i + 1 == p.n;
    let prev_c = if prev == usize::MAX { O } else { prev };
    let mut best = O;
    let mut best_s = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(prev_c, c) && (!last || can_end(c)) && s > best_s {
            best = c;
            best_s = s;
        }
    }
    best
}

/// The recogniser.
pub struct Ner {
    table: Table,
}

impl std::fmt::Debug for Ner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ner").finish()
    }
}

static BUILTIN: &[u8] = include_bytes!("../../../lexicon/ner/model.bin.gz");
const MAGIC: &[u8; 4] = b"GNER";
const VERSION: u32 = 1;

impl Ner {
    /// The model embedded in the binary (`lexicon/ner/model.bin.gz`).
    pub fn builtin() -> Result<Ner, SyntaxError> {
        Ner::from_gz(BUILTIN)
    }

    /// The embedded model, loaded once.
    pub fn shared() -> &'static Ner {
        static S: OnceLock<Ner> = OnceLock::new();
        S.get_or_init(|| {
            Ner::builtin().expect("the embedded NER model is valid (checked by tests)")
        })
    }

    /// A model from the bytes of a model file (gzip).
    pub fn from_gz(bytes: &[u8]) -> Result<Ner, SyntaxError> {
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| SyntaxError::Model(format!("NER gzip: {e}")))?;
        let mut r = Reader::new(&raw);
        if r.take(4)? != MAGIC {
            return Err(SyntaxError::Model(
                "not a griot NER model (bad magic)".into(),
            ));
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(SyntaxError::Model(format!(
                "NER model version {v}, expected {VERSION}"
            )));
        }
        let w = r.weights()?;
        if !r.at_end() {
            return Err(SyntaxError::Model("NER model: trailing bytes".into()));
        }
        if w.n_classes != N_CLASSES {
            return Err(SyntaxError::Model(format!(
                "NER model has {} classes, expected {N_CLASSES}",
                w.n_classes
            )));
        }
        Ok(Ner {
            table: Table::build(&w),
        })
    }

    /// Entities of one sentence. `hints[i]` are the [`hint`] bits of `words[i]`.
    pub fn tag(&self, words: &[&str], hints: &[u32]) -> Vec<Entity> {
        let mut p = Prepared::default();
        prepare(words, hints, &mut p);
        let tags = run(&self.table, &p);
        entities(&tags)
    }
}

fn run<S: Scorer>(w: &S, p: &Prepared) -> Vec<usize> {
    let mut fs = Vec::with_capacity(96);
    let mut scores = vec![0f32; N_CLASSES];
    let mut tags = Vec::with_capacity(p.n);
    let (mut p1, mut p2) = (usize::MAX, usize::MAX);
    for i in 0..p.n {
        let c = decide(w, p, i, p1, p2, &mut fs, &mut scores);
        tags.push(c);
        p2 = p1;
        p1 = c;
    }
    tags
}

fn to_gz(w: &Weights) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    put_weights(&mut out, w);
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(&out).expect("writing to a Vec cannot fail");
    gz.finish().expect("writing to a Vec cannot fail")
}

/// One training or evaluation sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerSentence {
    pub words: Vec<String>,
    /// [`hint`] bits per word (filled by the caller; empty means none).
    pub hints: Vec<u32>,
    pub entities: Vec<Entity>,
    /// Document number (sentences of one document share it).
    pub doc: usize,
}

/// Training options.
#[derive(Debug, Clone)]
pub struct NerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this (summed over epochs) are dropped.
    pub min_count: u32,
}

impl Default for NerOptions {
    fn default() -> Self {
        NerOptions {
            epochs: 10,
            seed: 0x4e45_5231,
            min_count: 3,
        }
    }
}

/// Trains a model; returns the model file bytes. Deterministic: the same sentences and
/// options give the same bytes.
pub fn train(sents: &[NerSentence], opts: &NerOptions) -> Vec<u8> {
    let mut per = Perceptron::new(N_CLASSES);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = SplitMix64::new(opts.seed);
    let mut prepared: Vec<Prepared> = Vec::with_capacity(sents.len());
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let mut p = Prepared::default();
        prepare(&words, &s.hints, &mut p);
        prepared.push(p);
    }
    let golds: Vec<Vec<usize>> = sents
        .iter()
        .map(|s| bilou(s.words.len(), &s.entities))
        .collect();
    let mut fs = Vec::with_capacity(96);
    let mut scores = vec![0f32; N_CLASSES];
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let p = &prepared[k];
            let gold = &golds[k];
            let (mut p1, mut p2) = (usize::MAX, usize::MAX);
            for (i, &g) in gold.iter().enumerate().take(p.n) {
                let hist = |c: usize, s: u64| if c == usize::MAX { s } else { c as u64 };
                features(p, i, hist(p1, START1), hist(p2, START2), &mut fs);
                scores.iter_mut().for_each(|s| *s = 0.0);
                per.score_count(&fs, &mut scores);
                let last = i + 1 == p.n;
                let prev_c = if p1 == usize::MAX { O } else { p1 };
                let mut guess = O;
                let mut best = f32::NEG_INFINITY;
                for (c, &s) in scores.iter().enumerate() {
                    if allowed(prev_c, c) && (!last || can_end(c)) && s > best {
                        guess = c;
                        best = s;
                    }
                }
                per.update(g, guess, &fs);
                per.tick();
                p2 = p1;
                p1 = guess;
            }
        }
    }
    to_gz(&per.export(opts.min_count))
}

/// Entity counts of an evaluation: (true positives, predicted, gold) per type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScore {
    pub tp: [usize; 4],
    pub pred: [usize; 4],
    pub gold: [usize; 4],
}

impl NerScore {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Entity], pred: &[Entity]) {
        for g in gold {
            if let Some(x) = self.gold.get_mut(g.kind as usize) {
                *x += 1;
            }
        }
        for p in pred {
            let k = p.kind as usize;
            if k >= 4 {
                continue;
            }
            self.pred[k] += 1;
            if gold.contains(p) {
                self.tp[k] += 1;
            }
        }
    }
    /// (precision, recall, F1) of the types in `types` (indices into [`TYPES`]) together.
    pub fn prf(&self, types: &[usize]) -> (f64, f64, f64) {
        let sum = |a: &[usize; 4]| types.iter().filter_map(|&t| a.get(t)).sum::<usize>() as f64;
        let (tp, p, g) = (sum(&self.tp), sum(&self.pred), sum(&self.gold));
        let pr = if p > 0.0 { tp / p } else { 0.0 };
        let rc = if g > 0.0 { tp / g } else { 0.0 };
        let f = if pr + rc > 0.0 {
            2.0 * pr * rc / (pr + rc)
        } else {
            0.0
        };
        (pr, rc, f)
    }
    /// A table: one line per type, then PER+LOC+ORG and all four.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<14} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "type", "tp", "pred", "gold", "P", "R", "F1"
        );
        let rows: [(&str, Vec<usize>); 6] = [
            ("PER", vec![0]),
            ("LOC", vec![1]),
            ("ORG", vec![2]),
            ("MISC", vec![3]),
            ("PER+LOC+ORG", vec![0, 1, 2]),
            ("all", vec![0, 1, 2, 3]),
        ];
        for (name, ts) in rows {
            let (p, r, f) = self.prf(&ts);
            let s = |a: &[usize; 4]| ts.iter().map(|&t| a[t]).sum::<usize>();
            let _ = writeln!(
                out,
                "{:<14} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
                name,
                s(&self.tp),
                s(&self.pred),
                s(&self.gold),
                p,
                r,
                f
            );
        }
        out
    }
}

/// Scores `ner` on sentences (hints as given in each sentence).
pub fn evaluate(ner: &Ner, sents: &[NerSentence]) -> NerScore {
    let mut score = NerScore::default();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        score.add(&s.entities, &ner.tag(&words, &s.hints));
    }
    score
}

/// Reads CoNLL-2003 text (`token POS chunk NE` lines, IOB1 tags, `-DOCSTART-` lines between
/// documents wherever they are) or IOB2 files such as Universal NER (TAB-separated `id form
/// tag ...` lines, `#` comments, `# newdoc id` between documents). Types other than PER,
/// LOC, ORG, MISC read as O. A bad tag is an error naming the line.
pub fn read_iob(text: &str, location: &str) -> Result<Vec<NerSentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut doc = 0usize;
    let mut cur = NerSentence::default();
    let mut open: Option<(usize, u8)> = None;
    let close = |cur: &mut NerSentence, open: &mut Option<(usize, u8)>| {
        if let Some((s, k)) = open.take() {
            cur.entities.push(Entity {
                start: s,
                end: cur.words.len(),
                kind: k,
            });
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let flush = |cur: &mut NerSentence,
                     open: &mut Option<(usize, u8)>,
                     out: &mut Vec<NerSentence>,
                     doc: usize| {
            close(cur, open);
            if !cur.words.is_empty() {
                let mut s = std::mem::take(cur);
                s.doc = doc;
                out.push(s);
            }
        };
        if line.trim().is_empty() {
            flush(&mut cur, &mut open, &mut out, doc);
            continue;
        }
        if line.starts_with("-DOCSTART-") || line.starts_with("# newdoc") {
            flush(&mut cur, &mut open, &mut out, doc);
            doc += 1;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (word, tag) = if line.contains('\t') {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                [_, w, t, ..] => (*w, *t),
                _ => {
                    return Err(SyntaxError::Model(format!(
                        "{location}:{}: expected `id form tag`",
                        ln + 1
                    )))
                }
            }
        } else {
            let cols: Vec<&str> = line.split(' ').collect();
            match (cols.first(), cols.last()) {
                (Some(w), Some(t)) if cols.len() >= 2 => (*w, *t),
                _ => {
                    return Err(SyntaxError::Model(format!(
                        "{location}:{}: expected `token POS chunk NE`",
                        ln + 1
                    )))
                }
            }
        };
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) if b == "B" || b == "I" => (b, t),
            None if tag == "O" => ("O", ""),
            _ => {
                return Err(SyntaxError::Model(format!(
                    "{location}:{}: bad entity tag `{tag}`",
                    ln + 1
                )))
            }
        };
        let kind = TYPES.iter().position(|t| *t == ty).map(|k| k as u8);
        match (bio, kind) {
            ("I", Some(k)) if open.map(|o| o.1) == Some(k) => {}
            (_, Some(k)) => {
                close(&mut cur, &mut open);
                open = Some((cur.words.len(), k));
            }
            _ => close(&mut cur, &mut open),
        }
        cur.words.push(word.to_string());
    }
    close(&mut cur, &mut open);
    if !cur.words.is_empty() {
        cur.doc = doc;
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip_and_constraints() {
        let ents = vec![
            Entity {
                start: 0,
                end: 2,
                kind: 0,
            },
            Entity {
                start: 3,
                end: 4,
                kind: 1,
            },
            Entity {
                start: 4,
                end: 7,
                kind: 2,
            },
        ];
        let tags = bilou(8, &ents);
        assert_eq!(entities(&tags), ents);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]), "{w:?}");
        }
        assert!(!allowed(class(0, 0), O));
        assert!(!allowed(class(0, 0), class(1, 1)));
        assert!(!allowed(O, class(0, 2)));
        assert!(can_end(class(2, 3)) && !can_end(class(2, 1)));
    }

    #[test]
    fn reads_iob1_and_iob2() {
        let conll = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nAl NNP I-NP I-PER\nB NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n\nParis NNP I-NP I-LOC\n";
        let s = read_iob(conll, "t").unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[0].entities,
            vec![
                Entity {
                    start: 0,
                    end: 1,
                    kind: 2
                },
                Entity {
                    start: 2,
                    end: 3,
                    kind: 3
                }
            ]
        );
        assert_eq!(
            s[1].entities,
            vec![
                Entity {
                    start: 0,
                    end: 1,
                    kind: 0
                },
                Entity {
                    start: 1,
                    end: 2,
                    kind: 0
                }
            ]
        );
        assert_eq!((s[1].doc, s[2].doc), (0, 1));
        let uner = "# newdoc id = x\n# text = Iguazu Falls\n1\tIguazu\tB-LOC\t-\ts\n2\tFalls\tI-LOC\t-\ts\n3\tnow\tO\t-\t-\n";
        let s = read_iob(uner, "u").unwrap();
        assert_eq!(
            s[0].entities,
            vec![Entity {
                start: 0,
                end: 2,
                kind: 1
            }]
        );
        assert!(read_iob("EU NNP I-NP X-ORG\n", "f").is_err());
        assert!(read_iob("EU\n", "f").is_err());
    }

    fn toy() -> Vec<NerSentence> {
        let mut out = Vec::new();
        let names = ["Smith", "Jones", "Brown", "Green", "White"];
        let places = ["Paris", "Lagos", "Lima", "Oslo", "Kabul"];
        for (d, (n, p)) in names.iter().zip(places).enumerate() {
            for k in 0..4 {
                let words: Vec<String> = ["Mr", n, "flew", "to", p, "on", "day"]
                    .iter()
                    .map(|w| w.to_string())
                    .chain([k.to_string()])
                    .collect();
                out.push(NerSentence {
                    hints: vec![hint::TITLE, 0, 0, hint::STOP, hint::PLACE, hint::STOP, 0, 0],
                    entities: vec![
                        Entity {
                            start: 1,
                            end: 2,
                            kind: 0,
                        },
                        Entity {
                            start: 4,
                            end: 5,
                            kind: 1,
                        },
                    ],
                    words,
                    doc: d,
                });
            }
        }
        out
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let data = toy();
        let opts = NerOptions {
            epochs: 4,
            min_count: 1,
            ..NerOptions::default()
        };
        let a = train(&data, &opts);
        let b = train(&data, &opts);
        assert_eq!(a, b, "same data and seed give the same bytes");
        let ner = Ner::from_gz(&a).unwrap();
        let got = ner.tag(
            &["Mr", "Black", "flew", "to", "Quito", "on", "day", "9"],
            &[hint::TITLE, 0, 0, hint::STOP, hint::PLACE, hint::STOP, 0, 0],
        );
        assert_eq!(
            got,
            vec![
                Entity {
                    start: 1,
                    end: 2,
                    kind: 0
                },
                Entity {
                    start: 4,
                    end: 5,
                    kind: 1
                }
            ]
        );
        let other = train(&data, &NerOptions { seed: 7, ..opts });
        assert!(Ner::from_gz(&other).is_ok());
    }

    #[test]
    fn builtin_model_loads_and_never_panics() {
        let ner = Ner::builtin().unwrap();
        assert!(ner.tag(&[], &[]).is_empty());
        let words = [
            "CRICKET",
            "-",
            "W",
            "L",
            "T",
            "GF",
            "GA",
            "3",
            "1",
            "0",
            "\u{0}",
            "élan",
            "\u{1F600}",
        ];
        for e in ner.tag(&words, &[u32::MAX]) {
            assert!(e.start < e.end && e.end <= words.len());
        }
        assert!(Ner::from_gz(b"junk").is_err());
        let mut bad = to_gz(&Weights {
            n_classes: 3,
            ..Weights::default()
        });
        assert!(Ner::from_gz(&bad).is_err());
        bad.truncate(bad.len() / 2);
        assert!(Ner::from_gz(&bad).is_err());
    }
}
