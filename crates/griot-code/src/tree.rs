//! Reading the dependency tree of a sentence (from `griot-syntax`) for the coder: the
//! subject of a verb through control, raising, coordination and relative clauses; the
//! object, the indirect object and prepositional obliques with their case word; the verb
//! governing a nominal trigger ("held talks with", "imposed sanctions on").
//!
//! All functions take word indices of the sentence (the coder's words are the parser's
//! words) and never panic on a malformed tree: every walk is bounded.

use griot_syntax::{Parse, Xpos};

/// Verbs whose object is the subject of their infinitive ("urged Mali to release", "asked
/// the UN to send").
const OBJECT_CONTROL: &[&str] = &[
    "urge", "ask", "order", "force", "call", "tell", "persuade", "encourage", "invite",
    "pressure", "press", "push", "compel", "allow", "permit", "authorize", "authorise",
    "instruct", "direct", "request", "warn", "help", "enable", "lead",
];

const RELATIVE: &[&str] = &["who", "which", "that", "whom"];

/// A subject found in the tree: its word and whether the clause is passive (the subject is
/// then the one acted on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TreeSubject {
    pub word: usize,
    pub passive: bool,
}

fn xpos(p: &Parse, i: usize) -> &str {
    p.xpos.get(i).map(|x: &Xpos| x.as_str()).unwrap_or("")
}

fn head(p: &Parse, i: usize) -> Option<usize> {
    p.head.get(i).copied().flatten().filter(|&h| h < p.len() && h != i)
}

/// True when the clause headed by `v` is passive.
pub(crate) fn is_passive(p: &Parse, v: usize) -> bool {
    p.children(v).any(|c| matches!(p.rel(c), "aux:pass" | "nsubj:pass" | "csubj:pass"))
}

/// The subject of the clause headed by `v`. `lower(i)` gives the lower-cased word and
/// `lemma(i)` the lemma of a verb when known.
pub(crate) fn subject(
    p: &Parse,
    v: usize,
    lower: &dyn Fn(usize) -> String,
    lemma: &dyn Fn(usize) -> Option<String>,
) -> Option<TreeSubject> {
    let mut cur = v;
    let passive_here = is_passive(p, v);
    // climbing from an active participle (", accusing X"): the patient of a passive clause
    // is not its doer ("he said two civilians were killed, accusing Azerbaijani forces"):
    // the subject of the clause that clause depends on is
    let mut via_participle = false;
    for _ in 0..6 {
        let skip_patient = via_participle && !passive_here && cur != v && is_passive(p, cur);
        if skip_patient && matches!(p.rel(cur), "ccomp" | "parataxis" | "conj" | "advcl") {
            cur = head(p, cur)?;
            via_participle = false;
            continue;
        }
        for c in p.children(cur) {
            let rel = p.rel(c);
            if rel == "nsubj" || rel == "nsubj:pass" {
                let passive = if cur == v { rel == "nsubj:pass" } else { passive_here };
                // a relative pronoun stands for the noun its clause modifies
                if RELATIVE.contains(&lower(c).as_str()) && p.rel(cur).starts_with("acl") {
                    if let Some(h) = head(p, cur) {
                        return Some(TreeSubject { word: h, passive });
                    }
                }
                return Some(TreeSubject { word: c, passive });
            }
        }
        let h = head(p, cur)?;
        match p.rel(cur) {
            // control: "vowed to retaliate" (the subject of vowed), "urged X to leave" (X)
            "xcomp" => {
                if lemma(h).is_some_and(|l| OBJECT_CONTROL.contains(&l.as_str())) {
                    if let Some(o) = p.child_with(h, "obj").or_else(|| p.child_with(h, "iobj")) {
                        return Some(TreeSubject { word: o, passive: passive_here });
                    }
                }
                cur = h;
            }
            // "rammed the boats and opened fire": the first conjunct's subject
            "conj" => cur = h,
            // "the junta, which seized power": the modified noun
            "acl:relcl" => return Some(TreeSubject { word: h, passive: passive_here }),
            // "troops backed by Russia" (passive participle), "gunmen attacking a village"
            "acl" => {
                let passive = xpos(p, cur) == "VBN";
                return Some(TreeSubject { word: h, passive });
            }
            // ", killing five": the subject of the main clause
            "advcl" if matches!(xpos(p, cur), "VBG" | "VBN") => {
                via_participle = xpos(p, cur) == "VBG";
                cur = h
            }
            _ => return None,
        }
    }
    None
}

/// The case word of an oblique or nominal modifier ("against" in "against Syria").
fn case_of(p: &Parse, i: usize, lower: &dyn Fn(usize) -> String) -> Option<String> {
    p.children(i)
        .find(|&c| matches!(p.rel(c), "case" | "mark"))
        .map(|c| {
            // two-word prepositions: "on behalf of" is rare; "out of", "because of"
            lower(c)
        })
}

/// The direct object of verb `v` (the indirect object first: "gave Tunisia aid").
pub(crate) fn object(p: &Parse, v: usize) -> Option<usize> {
    p.child_with(v, "iobj").or_else(|| p.child_with(v, "obj"))
}

/// The phrase introduced by preposition `prep` under `v` (obliques of a verb, nominal
/// modifiers of a noun).
pub(crate) fn prep(p: &Parse, v: usize, prep: &str, lower: &dyn Fn(usize) -> String) -> Option<usize> {
    p.children(v).find(|&c| {
        let rel = p.rel(c);
        (rel.starts_with("obl") || rel.starts_with("nmod")) && case_of(p, c, lower).as_deref() == Some(prep)
    })
}

/// The agent of a passive verb ("attacked by Russia").
pub(crate) fn agent(p: &Parse, v: usize, lower: &dyn Fn(usize) -> String) -> Option<usize> {
    p.child_with(v, "obl:agent").or_else(|| prep(p, v, "by", lower))
}

/// The verb whose object (or passive subject) the nominal `n` is, through conjuncts:
/// "faced criticism and accusations" gives "faced" for "accusations".
pub(crate) fn object_governor(p: &Parse, n: usize) -> Option<usize> {
    let mut n = n;
    for _ in 0..3 {
        if let Some((v, "obj" | "nsubj:pass")) = governor(p, n) {
            return Some(v);
        }
        if p.rel(n) != "conj" {
            return None;
        }
        n = head(p, n)?;
    }
    None
}

/// The verb a nominal trigger depends on, with its relation: "held talks" (obj),
/// "sanctions were imposed" (nsubj:pass), "carried out strikes on" (obj).
pub(crate) fn governor(p: &Parse, n: usize) -> Option<(usize, &str)> {
    let h = head(p, n)?;
    let rel = p.rel(n);
    let verbal = matches!(xpos(p, h).get(..2), Some("VB")) || p.rel(h) == "root";
    (verbal && matches!(rel, "obj" | "nsubj:pass" | "obl" | "xcomp" | "iobj")).then_some((h, rel))
}
