//! Clause tense around an expression, from the nearest verb cue.
//!
//! Heuristic, no parser: walking out from the expression inside its sentence (stopping at
//! ";" and ":"), the nearest cue decides. Future cues: will, would, shall, 'll, modal "may",
//! should, must, plan(s/ned), scheduled, expected, due, going (to), tomorrow, next, coming.
//! Past cues: was, were, had, did, has, have (present perfect reads as past), a list of
//! irregular past forms ("said", "met", "left"...), yesterday, ago, last, and lower-case
//! words ending in "-ed". "is"/"are" give no direction. Known misses: "-ed" adjectives
//! ("a planned visit" is read as future, "the so-called" as past), and tense in a clause
//! other than the expression's when the nearest cue sits across a comma.

use crate::lex::{Kw, Lex, Tok, TokKind};
use crate::resolve::Tense;

fn cue(toks: &[Tok], k: usize) -> Option<Tense> {
    let t = &toks[k];
    match t.lex {
        Lex::Kw(Kw::Will | Kw::Would | Kw::Shall | Kw::FutureCue | Kw::Due | Kw::Tomorrow | Kw::Next | Kw::Coming) => Some(Tense::Future),
        Lex::Month(5, false) if !t.cap => Some(Tense::Future),
        Lex::Kw(Kw::PastAux | Kw::Yesterday | Kw::Ago | Kw::Last) => Some(Tense::Past),
        Lex::Kw(Kw::PastVerb) | Lex::None if t.ed || t.lex == Lex::Kw(Kw::PastVerb) => {
            // a participle after "is/are/be" is a passive in the present or future: no cue
            let passive = k > 0 && {
                let p = &toks[k - 1];
                matches!(p.lex, Lex::Kw(Kw::PresentAux) | Lex::Kw(Kw::To) | Lex::Kw(Kw::Be))
            };
            if passive {
                None
            } else {
                Some(Tense::Past)
            }
        }
        _ => None,
    }
}

fn barrier(t: &Tok) -> bool {
    matches!(t.kind, TokKind::Punct(';') | TokKind::Punct(':'))
}

/// Tense for the expression at tokens `start..end`, within sentence tokens `lo..hi`:
/// the nearest cue to the left (the governing verb usually precedes its temporal phrase),
/// up to 15 tokens; else to the right up to the next comma; else further left.
pub fn tense_at(toks: &[Tok], start: usize, end: usize, lo: usize, hi: usize) -> Tense {
    let mut k = start;
    let mut seen = 0;
    while k > lo && seen < 15 {
        k -= 1;
        seen += 1;
        if barrier(&toks[k]) {
            break;
        }
        if let Some(c) = cue(toks, k) {
            return c;
        }
    }
    let far_left = k;
    let mut k = end;
    while k < hi && k < end + 12 {
        let t = &toks[k];
        if barrier(t) || t.kind == TokKind::Punct(',') {
            break;
        }
        if let Some(c) = cue(toks, k) {
            return c;
        }
        k += 1;
    }
    let mut k = far_left;
    while k > lo {
        k -= 1;
        if barrier(&toks[k]) {
            break;
        }
        if let Some(c) = cue(toks, k) {
            return c;
        }
    }
    Tense::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::tokenize_into;

    fn check(sentence: &str, word: &str, expected: Tense) {
        let mut toks = Vec::new();
        tokenize_into(sentence, 0, sentence.len(), &mut toks);
        let i = toks.iter().position(|t| &sentence[t.start..t.end] == word).expect("word in sentence");
        assert_eq!(tense_at(&toks, i, i + 1, 0, toks.len()), expected, "{sentence}");
    }

    #[test]
    fn nearest_cue_decides() {
        check("The announcement, made on Saturday, coincided with a visit.", "Saturday", Tense::Past);
        check("The minister will travel to Paris on Saturday.", "Saturday", Tense::Future);
        check("French troops departed Niger in December.", "December", Tense::Past);
        check("Talks in December", "December", Tense::Unknown);
    }
}
