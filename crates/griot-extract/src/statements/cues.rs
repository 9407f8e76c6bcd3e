//! The cue-verb lexicon of the statement stage: verbs that report speech, in every
//! inflection, with the class that decides which complements make a statement.
//!
//! Format of [`LEXICON`]: one verb per line, `CLASS lemma [3sg past ing participle]`; the
//! bracketed forms are given only when they are irregular (otherwise they are derived:
//! "state" -> "states" "stated" "stating"; "deny" -> "denies" "denied" "denying"). A lemma
//! ending in `+` doubles its final consonant ("admit+" -> "admitted"); one ending in `~`
//! takes both British and American forms ("signal~" -> "signalled" and "signaled").
//!
//! Classes:
//! - `SAY`: introduces speech with a that-clause, a bare clause ("said the army would
//!   leave"), a quotation, or after it ("..., he said"). Example: say, tell, warn, insist.
//! - `REPORT`: like SAY with a that-clause or quotation, and also with any object
//!   when its subject is an actor ("Miller acknowledged the statement", "Abdramane
//!   emphasised Niger's pursuit of ..."): these verbs present what someone said.
//!   Example: announce, acknowledge, indicate, note, emphasise, confirm, deny.
//! - `EVAL`: evaluative speech acts (criticise, denounce, rebuke, accuse, call, describe):
//!   they are events in their own right, so they make a statement only with a that-clause
//!   or a quotation ("called the move “illegal”"), never with a bare nominal object.
//!
//! - `THINK`: beliefs, expectations and agreement (believe, think, expect, hope, fear,
//!   agree): a statement with a that-clause, a bare clause ("believes his efforts will
//!   ..."), or an infinitive ("expects them to become", "agreed to release"), never with a
//!   bare object ("thinks the world of").
//! - `EVIDENCE`: what a document, poll or finding shows (show, find): a that-clause, a
//!   clause, or any object when the subject is a poll, a study, a report or the like ("A
//!   new poll shows Clinton leading"); "police found a body" is no statement.
//! - `WANT`: intentions (want, plan, intend, seek): only an infinitive ("wants to triple
//!   the programme") or a that-clause, and only when the subject is an actor.
//!
//! Known misses: phrasal cues ("pointed out", "made clear"), nominal cues ("in a
//! statement, the ministry ..."), and verbs missing here.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    Say,
    Report,
    Eval,
    Think,
    Evidence,
    Want,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    ThirdSg,
    Past,
    Ing,
}

#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub class: CueClass,
    pub form: Form,
}

pub const LEXICON: &str = "\
SAY say [says said saying said]
SAY tell [tells told telling told]
SAY add
SAY claim
SAY insist
SAY warn
SAY argue
SAY assert
SAY state
SAY declare
SAY maintain
SAY contend
SAY write [writes wrote writing written]
SAY tweet
SAY explain
SAY reply
SAY predict
SAY complain
SAY boast
SAY concede
SAY reiterate
SAY repeat
SAY respond
SAY caution
SAY retort
SAY quip+
SAY remark
SAY comment
SAY allege
SAY suggest
SAY hint
SAY threaten
REPORT admit+
REPORT announce
REPORT confirm
REPORT report
REPORT reveal
REPORT promise
REPORT pledge
REPORT vow
REPORT acknowledge
REPORT stress
REPORT emphasise
REPORT emphasize
REPORT deny
REPORT affirm
REPORT reaffirm
REPORT recall
REPORT indicate
REPORT note
REPORT disclose
REPORT signal~
REPORT propose
REPORT express
REPORT voice
REPORT highlight
REPORT underline
REPORT mention
REPORT cite
REPORT outline
SAY yell
SAY shout
SAY chant
SAY scream
EVAL reject
EVAL dismiss
EVAL accuse
EVAL criticise
EVAL criticize
EVAL condemn
EVAL denounce
EVAL rebuke
EVAL blame
EVAL praise
EVAL welcome
EVAL slam+
EVAL hail
EVAL lament
EVAL describe
EVAL call
EVAL label~
EVAL brand
EVAL urge
EVAL demand
EVAL ask
EVAL question
EVAL protest
EVAL dispute
EVAL challenge
EVAL refute
EVAL counter
EVAL rebut+
EVAL decry
EVAL deplore
EVAL term
EVAL dub
EVAL characterise
EVAL characterize
EVAL attack
EVAL blast
THINK believe
THINK think [thinks thought thinking thought]
THINK feel [feels felt feeling felt]
THINK fear
THINK hope
THINK expect
THINK know [knows knew knowing known]
THINK doubt
THINK suspect
THINK worry
THINK agree [agrees agreed agreeing agreed]
THINK estimate
THINK assume
THINK understand [understands understood understanding understood]
THINK recognise
THINK recognize
THINK realise
THINK realize
THINK forecast [forecasts forecast forecasting forecast]
EVIDENCE show [shows showed showing shown]
EVIDENCE find [finds found finding found]
EVIDENCE demonstrate
EVIDENCE rule
EVIDENCE learn
EVIDENCE point
EVIDENCE charge
EVIDENCE illustrate
WANT want
WANT plan+
WANT intend
WANT seek [seeks sought seeking sought]
WANT aim
";

fn forms(lemma: &str) -> Vec<(String, Form)> {
    let (lemma, double, both) = if let Some(l) = lemma.strip_suffix('+') {
        (l, true, false)
    } else if let Some(l) = lemma.strip_suffix('~') {
        (l, false, true)
    } else {
        (lemma, false, false)
    };
    let last = lemma.chars().last().unwrap_or('a');
    let before_last = lemma.chars().rev().nth(1).unwrap_or('a');
    let vowel = |c: char| "aeiou".contains(c);
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') || lemma.ends_with('z') {
        format!("{lemma}es")
    } else if last == 'y' && !vowel(before_last) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let mut v = vec![(lemma.to_string(), Form::Base), (third, Form::ThirdSg)];
    let dbl = format!("{lemma}{last}");
    if double || both {
        v.push((format!("{dbl}ed"), Form::Past));
        v.push((format!("{dbl}ing"), Form::Ing));
    }
    if !double {
        if last == 'e' {
            v.push((format!("{lemma}d"), Form::Past));
            v.push((format!("{}ing", &lemma[..lemma.len() - 1]), Form::Ing));
        } else if last == 'y' && !vowel(before_last) {
            v.push((format!("{}ied", &lemma[..lemma.len() - 1]), Form::Past));
            v.push((format!("{lemma}ing"), Form::Ing));
        } else {
            v.push((format!("{lemma}ed"), Form::Past));
            v.push((format!("{lemma}ing"), Form::Ing));
        }
    }
    v
}

struct Table {
    map: HashMap<String, (Cue, u16)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for (n, line) in LEXICON.lines().enumerate() {
            let mut parts = line.splitn(3, ' ');
            let class = match parts.next() {
                Some("SAY") => CueClass::Say,
                Some("REPORT") => CueClass::Report,
                Some("EVAL") => CueClass::Eval,
                Some("THINK") => CueClass::Think,
                Some("EVIDENCE") => CueClass::Evidence,
                Some("WANT") => CueClass::Want,
                _ => continue,
            };
            let Some(lemma) = parts.next() else { continue };
            let list: Vec<(String, Form)> = match parts.next() {
                Some(irr) => {
                    let irr = irr.trim_matches(|c| c == '[' || c == ']');
                    let f: Vec<&str> = irr.split(' ').collect();
                    let mut v = vec![(lemma.to_string(), Form::Base)];
                    let kinds = [Form::ThirdSg, Form::Past, Form::Ing, Form::Past];
                    for (w, k) in f.iter().zip(kinds) {
                        v.push((w.to_string(), k));
                    }
                    v
                }
                None => forms(lemma),
            };
            for (w, form) in list {
                map.entry(w).or_insert((Cue { class, form }, n as u16));
            }
        }
        Table { map }
    })
}

/// The cue a lower-case word is, if any.
pub fn lookup(lower_word: &str) -> Option<Cue> {
    table().map.get(lower_word).map(|(c, _)| *c)
}

/// Number of lemmas in the lexicon.
pub fn lemma_count() -> usize {
    LEXICON.lines().filter(|l| !l.trim().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert!(lemma_count() >= 60);
        for (w, f) in [
            ("said", Form::Past),
            ("says", Form::ThirdSg),
            ("told", Form::Past),
            ("written", Form::Past),
            ("denied", Form::Past),
            ("denies", Form::ThirdSg),
            ("denying", Form::Ing),
            ("admitted", Form::Past),
            ("signalled", Form::Past),
            ("signaled", Form::Past),
            ("emphasised", Form::Past),
            ("emphasizing", Form::Ing),
            ("stresses", Form::ThirdSg),
            ("acknowledged", Form::Past),
            ("declared", Form::Past),
            ("criticised", Form::Past),
            ("rebuked", Form::Past),
            ("indicated", Form::Past),
            ("quipped", Form::Past),
            ("decried", Form::Past),
        ] {
            assert_eq!(lookup(w).map(|c| c.form), Some(f), "{w}");
        }
        assert!(lookup("table").is_none());
        assert_eq!(lookup("rebuked").map(|c| c.class), Some(CueClass::Eval));
        assert_eq!(lookup("acknowledged").map(|c| c.class), Some(CueClass::Report));
        assert_eq!(lookup("said").map(|c| c.class), Some(CueClass::Say));
    }
}
