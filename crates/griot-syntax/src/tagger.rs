//! Greedy left-to-right averaged-perceptron tagger over joint (XPOS, UPOS) tags.

use crate::feats::{f1, f2, f3, word_features, Scratch, Word, PAD_END, PAD_START};
use crate::weights::{IdMap, Scorer};

/// Words whose tag is (nearly) always the same: keyed by the cased normalised form hash.
pub(crate) type TagDict = IdMap<u64, u16>;
/// Ambiguity classes: lower-case form hash -> hash of the set of tags it had in training.
pub(crate) type AmbMap = IdMap<u64, u64>;
/// Ambiguity class of words not in the map.
pub(crate) const UNK_AMB: u64 = 0x554e_4b41_4d42;

/// Fills the ambiguity classes of prepared words.
pub(crate) fn fill_amb(ws: &mut [Word], amb: &AmbMap) {
    let n = ws.len();
    if n < 4 {
        return;
    }
    for w in &mut ws[2..n - 2] {
        w.amb = amb.get(&w.lw).copied().unwrap_or(UNK_AMB ^ w.shape);
    }
}

pub(crate) fn prep(words: &[&str], out: &mut Vec<Word>, s: &mut Scratch) {
    out.clear();
    out.push(PAD_START);
    out.push(PAD_START);
    for w in words {
        out.push(word_features(w, s));
    }
    out.push(PAD_END);
    out.push(PAD_END);
}

/// Headlines in capitals ("REBELS SEIZE CAPITAL") or in title case ("Rebels Seize Capital")
/// look like strings of names. In such a sentence, a capitalised word whose lower-case form
/// was seen in training is read in lower case (its case-free features already are); words
/// never seen keep their case (likely names: "RSF", "Kyiv"), and so do words whose own
/// capitalised form is a frequent unambiguous word ("US") and, in title case, acronyms.
pub(crate) fn headline_case(words: &[&str], ws: &mut [Word], dict: &TagDict, amb: &AmbMap) {
    let (mut caps, mut title, mut alpha) = (0usize, 0usize, 0usize);
    for (i, w) in words.iter().enumerate() {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            continue;
        };
        // the letters after the first (no allocation: this runs for every word)
        let mut rest = letters.peekable();
        if rest.peek().is_none() {
            continue;
        }
        alpha += 1;
        if first.is_uppercase() && rest.all(|c| c.is_uppercase()) {
            caps += 1;
        } else if i > 0 && first.is_uppercase() {
            title += 1;
        }
    }
    let shouting = alpha >= 3 && caps * 10 >= alpha * 8;
    let titled = !shouting && alpha >= 4 && (title + caps) * 100 >= (alpha - 1) * 85;
    if !shouting && !titled {
        return;
    }
    let mut s = Scratch::default();
    for (i, w) in words.iter().enumerate() {
        let j = i + 2;
        let upper = w.chars().any(|c| c.is_uppercase());
        let acronym = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        if upper
            && amb.contains_key(&ws[j].lw)
            && !dict.contains_key(&ws[j].cw)
            && (shouting || !acronym)
        {
            ws[j] = word_features(&w.to_lowercase(), &mut s);
        }
    }
}

/// Features of word `i` (0-based) given padded words and the two previous tags.
pub(crate) fn features(ws: &[Word], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    let j = i + 2;
    let w = &ws[j];
    let (m1, m2, n1, n2) = (&ws[j - 1], &ws[j - 2], &ws[j + 1], &ws[j + 2]);
    out.push(f1(0, 0));
    out.push(f1(1, w.lw));
    out.push(f1(2, w.suf[0]));
    out.push(f1(3, w.suf[1]));
    out.push(f1(4, w.suf[2]));
    out.push(f1(5, w.suf[3]));
    out.push(f1(6, w.pre[0]));
    out.push(f1(7, w.pre[1]));
    out.push(f1(8, w.pre[2]));
    out.push(f1(9, w.shape));
    out.push(f1(10, p1));
    out.push(f2(11, p2, p1));
    out.push(f2(12, p1, w.lw));
    out.push(f1(13, m1.lw));
    out.push(f1(14, m1.suf[2]));
    out.push(f1(15, m2.lw));
    out.push(f1(16, n1.lw));
    out.push(f1(17, n1.suf[2]));
    out.push(f1(18, n2.lw));
    out.push(f2(19, m1.lw, w.lw));
    out.push(f2(20, w.lw, n1.lw));
    out.push(f2(21, (i == 0) as u64, w.shape));
    out.push(f2(22, p1, w.suf[2]));
    out.push(f3(23, m1.shape, w.shape, n1.shape));
    out.push(f1(24, w.cw));
    out.push(f2(25, p1, n1.lw));
    out.push(f2(26, w.shape, w.suf[2]));
    out.push(f1(27, w.amb));
    out.push(f1(28, n1.amb));
    out.push(f1(29, n2.amb));
    out.push(f2(30, w.amb, n1.amb));
    out.push(f2(31, p1, n1.amb));
    out.push(f3(32, p1, w.amb, n1.amb));
    out.push(f2(33, m1.lw, p1));
    out.push(f2(34, w.lw, n1.amb));
    out.push(f2(35, m1.amb, w.amb));
    out.push(f3(36, (i == 0) as u64, w.shape, p1));
}

/// Tags for `words` (joint tag ids).
#[allow(clippy::too_many_arguments)]
pub(crate) fn tag<S: Scorer>(
    weights: &S,
    dict: &TagDict,
    amb: &AmbMap,
    n_tags: usize,
    words: &[&str],
    ws: &mut Vec<Word>,
    fs: &mut Vec<u32>,
    scores: &mut Vec<f32>,
    scratch: &mut Scratch,
) -> Vec<u16> {
    prep(words, ws, scratch);
    headline_case(words, ws, dict, amb);
    fill_amb(ws, amb);
    let mut tags = Vec::with_capacity(words.len());
    let (mut p1, mut p2) = (START1, START2);
    for i in 0..words.len() {
        let t = match dict.get(&ws[i + 2].cw) {
            Some(&t) => t,
            None => {
                features(ws, i, p1, p2, fs);
                scores.clear();
                scores.resize(n_tags, 0.0);
                weights.score(fs, scores);
                argmax(scores) as u16
            }
        };
        tags.push(t);
        p2 = p1;
        p1 = t as u64;
    }
    tags
}

pub(crate) const START1: u64 = 0xFFFF_0001;
pub(crate) const START2: u64 = 0xFFFF_0002;

/// Index of the largest score (first on ties).
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}
