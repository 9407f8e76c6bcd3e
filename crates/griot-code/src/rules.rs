//! The rule file format: parsing and validation. The format itself is documented in
//! `lexicon/rules/README.md`; in short, a file is a list of blocks
//!
//! ```text
//! rule revoke_agreement
//!   verbs     revoke rescind terminate
//!   nouns     revocation termination
//!   object    pact agreement treaty
//!   code      SANCTION discontinue diplomatic
//!   cameo     161
//!   recipient object with
//!   example   [Niger|NER] revoked its pact with [France|FRA]. => NER FRA
//! ```
//!
//! plus global `cue CONTEXT word...` lines that add a context when a cue word stands in the
//! trigger's phrase.

use crate::RuleError;

/// Where a slot of an event is looked for, relative to the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Subject of the clause (verb) or of the governing clause (noun).
    Subject,
    /// Direct object (verb) or the `of` phrase (noun); an actor inside the object phrase.
    Object,
    /// A possessor or modifier inside the trigger's noun phrase ("Niger's expulsion", "US sanctions").
    Poss,
    /// The noun phrase after this preposition, after the trigger ("with", "against", "to").
    Prep(String),
    /// The speaker of the statement the trigger stands in.
    Speaker,
}

impl Slot {
    fn parse(word: &str) -> Slot {
        match word {
            "subject" => Slot::Subject,
            "object" => Slot::Object,
            "poss" => Slot::Poss,
            "speaker" => Slot::Speaker,
            p => Slot::Prep(p.to_string()),
        }
    }
}

/// An example sentence of a rule, run by the tests and by `check_dir`.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Marked text, e.g. "[Niger|NER]'s junta revoked ...".
    pub text: String,
    /// Expected actor country ("-" for none).
    pub actor: String,
    /// Expected recipient country ("-" for none).
    pub recipient: String,
    /// Expected status when given ("planned", "negated", ...).
    pub status: Option<String>,
    /// Expected type when it differs from the rule's (status conversions).
    pub event_type: Option<String>,
    pub line: usize,
}

/// One coding rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    /// Trigger verbs by lemma; a multiword verb is lemma plus particles ("pull out").
    pub verbs: Vec<Vec<String>>,
    /// Trigger nouns (singular); multiword nouns are consecutive words ("hunger strike").
    pub nouns: Vec<Vec<String>>,
    /// Trigger adjectives in a predicate ("was deemed unlawful").
    pub adjs: Vec<String>,
    /// The object phrase must hold one of these nouns (singular) when not empty.
    pub object: Vec<String>,
    /// The object phrase must hold none of these.
    pub not_object: Vec<String>,
    /// When not empty, the actor phrase's head must be one of these words ("gathered" is
    /// a protest only when protesters, crowds or thousands gather).
    pub actor_heads: Vec<String>,
    /// `not-actor-head`: the rule does not apply when an actor phrase ends in one of these.
    pub not_actor_heads: Vec<String>,
    /// `not-next`: the rule does not apply when the word right after the trigger (and its
    /// particles) or right after its object is one of these ("asked whether": a question).
    pub not_next: Vec<String>,
    /// `not-prep PREP word...`: the rule does not apply when the phrase after PREP, following
    /// the trigger, holds one of the words ("was met with criticism").
    pub not_prep: Vec<(String, Vec<String>)>,
    /// The rule applies only when the sentence names its recipient (`need recipient`):
    /// "held exercises with Belarus" is cooperation, exercises with no partner are not.
    pub need_recipient: bool,
    /// `need target`: the rule applies only when the sentence names a recipient phrase, of a
    /// state or not ("fired a missile at a tanker" is an attack, "fired a missile" a test).
    pub need_target: bool,
    /// `swap`: the actor and recipient found are exchanged (the subject is acted upon).
    pub swap: bool,
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub actor: Vec<Slot>,
    pub recipient: Vec<Slot>,
    /// Slots for noun triggers (defaults differ from verbs).
    pub noun_actor: Vec<Slot>,
    pub noun_recipient: Vec<Slot>,
    pub examples: Vec<Example>,
    pub file: String,
    pub line: usize,
}

/// A parsed rule file or set of files.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// (context, cue word)
    pub cues: Vec<(String, String)>,
    /// Mode cues, in file order: an event of `event_type` whose mode is unset (or one of
    /// `replaces`) takes `mode` when one of `words` (a cue phrase, words joined by `_`)
    /// stands in its sentence.
    pub mode_cues: Vec<ModeCue>,
}

/// A `mode TYPE MODE [REPLACES...] : cue cue_phrase ...` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeCue {
    pub event_type: String,
    pub mode: String,
    pub replaces: Vec<String>,
    /// CAMEO code that goes with the mode (`cameo=194`), replacing the rule's.
    pub cameo: Option<String>,
    pub words: Vec<Vec<String>>,
    pub file: String,
    pub line: usize,
}

/// The PLOVER event types and their modes (PLOVER manual, chapter 3).
pub const TYPES: &[(&str, &[&str])] = &[
    ("AGREE", &[]),
    (
        "CONSULT",
        &["visit", "third-party", "multilateral", "phone"],
    ),
    ("SUPPORT", &[]),
    ("CONCEDE", &[]),
    ("COOPERATE", &[]),
    ("AID", &[]),
    (
        "RETREAT",
        &[
            "withdraw",
            "release",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
    ),
    ("REQUEST", &["assist", "change", "yield", "meet"]),
    ("ACCUSE", &["disapprove", "investigate", "allege"]),
    ("REJECT", &["assist", "change", "yield", "meet"]),
    (
        "THREATEN",
        &[
            "restrict",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
    ),
    (
        "PROTEST",
        &[
            "demo",
            "riot",
            "strike",
            "hunger",
            "boycott",
            "obstruct",
            "vandalize",
        ],
    ),
    ("SANCTION", &["convict", "expel", "withdraw", "discontinue"]),
    ("MOBILIZE", &["troops", "weapons", "police", "militia"]),
    (
        "COERCE",
        &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
    ),
    (
        "ASSAULT",
        &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
    ),
];

/// PLOVER context codes (PLOVER manual, chapter 4).
pub const CONTEXTS: &[&str] = &[
    "asylum",
    "cbrn",
    "corruption",
    "crime",
    "cyber",
    "diplomatic",
    "disasters",
    "economic",
    "election",
    "environment",
    "executive",
    "gender",
    "health",
    "human_rights",
    "human_security",
    "illegal_drugs",
    "inequality",
    "intelligence",
    "lgbt",
    "legal",
    "legislative",
    "migration",
    "military",
    "misinformation",
    "natural_resource",
    "peacekeeping",
    "political_institutions",
    "pro_autocracy",
    "pro_democracy",
    "religion_ethnicity",
    "reparations",
    "repression",
    "rights_freedoms",
    "technology",
    "territory",
    "terrorism",
    "trafficking",
];

fn err(file: &str, line: usize, message: String) -> RuleError {
    RuleError::Parse {
        file: file.to_string(),
        line,
        message,
    }
}

fn words(rest: &str) -> Vec<String> {
    rest.split_whitespace().map(|w| w.to_lowercase()).collect()
}

fn multi(rest: &str) -> Vec<Vec<String>> {
    rest.split_whitespace()
        .map(|w| w.to_lowercase().split('_').map(str::to_string).collect())
        .collect()
}

fn parse_example(rest: &str, file: &str, line: usize) -> Result<Example, RuleError> {
    let (text, expect) = rest.split_once("=>").ok_or_else(|| {
        err(
            file,
            line,
            format!("example without `=> ACTOR RECIPIENT`: {rest:?}"),
        )
    })?;
    let exp: Vec<&str> = expect.split_whitespace().collect();
    if exp.len() < 2 {
        return Err(err(
            file,
            line,
            format!("example expects `=> ACTOR RECIPIENT [status] [TYPE]`, got {expect:?}"),
        ));
    }
    let mut status = None;
    let mut event_type = None;
    for extra in &exp[2..] {
        if crate::status_from_name(extra).is_some() {
            status = Some(extra.to_string());
        } else if TYPES.iter().any(|(t, _)| t == extra) {
            event_type = Some(extra.to_string());
        } else {
            return Err(err(
                file,
                line,
                format!("unknown status or type {extra:?} in example"),
            ));
        }
    }
    Ok(Example {
        text: text.trim().to_string(),
        actor: exp[0].to_string(),
        recipient: exp[1].to_string(),
        status,
        event_type,
        line,
    })
}

/// Parse one rule file. Every error names the file and line.
pub fn parse_rules(text: &str, file: &str) -> Result<RuleSet, Vec<RuleError>> {
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    let mut cur: Option<Rule> = None;
    let finish = |r: Rule, set: &mut RuleSet, errors: &mut Vec<RuleError>| {
        if r.event_type.is_empty() {
            errors.push(err(
                file,
                r.line,
                format!("rule {} has no `code` line", r.id),
            ));
        } else if r.verbs.is_empty() && r.nouns.is_empty() && r.adjs.is_empty() {
            errors.push(err(
                file,
                r.line,
                format!("rule {} has no trigger (verbs, nouns or adjs)", r.id),
            ));
        } else if r.examples.is_empty() {
            errors.push(err(file, r.line, format!("rule {} has no example", r.id)));
        } else {
            set.rules.push(r);
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let (key, rest) = content
            .split_once(char::is_whitespace)
            .unwrap_or((content, ""));
        let rest = rest.trim();
        match key {
            "rule" => {
                if let Some(r) = cur.take() {
                    finish(r, &mut set, &mut errors);
                }
                if rest.is_empty() || rest.contains(char::is_whitespace) {
                    errors.push(err(file, line, format!("rule needs one id, got {rest:?}")));
                    continue;
                }
                cur = Some(Rule {
                    id: rest.to_string(),
                    verbs: vec![],
                    nouns: vec![],
                    adjs: vec![],
                    object: vec![],
                    not_object: vec![],
                    actor_heads: vec![],
                    not_actor_heads: vec![],
                    not_next: vec![],
                    not_prep: vec![],
                    need_recipient: false,
                    need_target: false,
                    swap: false,
                    event_type: String::new(),
                    mode: None,
                    context: vec![],
                    cameo: None,
                    actor: vec![Slot::Subject],
                    recipient: vec![Slot::Object],
                    noun_actor: vec![
                        Slot::Poss,
                        Slot::Prep("by".into()),
                        Slot::Prep("from".into()),
                        Slot::Subject,
                    ],
                    noun_recipient: vec![],
                    examples: vec![],
                    file: file.to_string(),
                    line,
                });
            }
            "cue" => {
                let ws = words(rest);
                match ws.split_first() {
                    Some((ctx, cues)) if CONTEXTS.contains(&ctx.as_str()) && !cues.is_empty() => {
                        for c in cues {
                            set.cues.push((ctx.clone(), c.clone()));
                        }
                    }
                    _ => errors.push(err(
                        file,
                        line,
                        format!("cue needs a known context and words, got {rest:?}"),
                    )),
                }
            }
            "mode" => {
                let (head, cues) = rest.split_once(':').unwrap_or((rest, ""));
                let mut hs: Vec<String> = head.split_whitespace().map(str::to_string).collect();
                let cameo = hs.iter().position(|w| w.starts_with("cameo=")).map(|i| hs.remove(i)[6..].to_string());
                let cameo_ok = cameo.as_ref().map_or(true, |c| (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()));
                let cues = multi(cues);
                let known = |t: &str, m: &str| {
                    TYPES.iter().any(|(ty, modes)| *ty == t && modes.contains(&m))
                };
                match hs.as_slice() {
                    [t, m, replaces @ ..]
                        if known(t, m)
                            && replaces.iter().all(|x| known(t, x))
                            && cameo_ok
                            && !cues.is_empty() =>
                    {
                        set.mode_cues.push(ModeCue {
                            event_type: t.clone(),
                            mode: m.clone(),
                            replaces: replaces.to_vec(),
                            cameo: cameo.clone(),
                            words: cues,
                            file: file.to_string(),
                            line,
                        });
                    }
                    _ => errors.push(err(
                        file,
                        line,
                        format!(
                            "mode needs `TYPE MODE [REPLACES...] [cameo=CODE] : cue words` with a PLOVER type and its modes, got {rest:?}"
                        ),
                    )),
                }
            }
            _ => {
                let Some(r) = cur.as_mut() else {
                    errors.push(err(file, line, format!("{key:?} outside a rule block")));
                    continue;
                };
                match key {
                    "verbs" => r.verbs.extend(multi(rest)),
                    "nouns" => r.nouns.extend(multi(rest)),
                    "adjs" => r.adjs.extend(words(rest)),
                    "object" => r.object.extend(words(rest)),
                    "not-object" => r.not_object.extend(words(rest)),
                    "actor-head" => r.actor_heads.extend(words(rest)),
                    "not-actor-head" => r.not_actor_heads.extend(words(rest)),
                    "not-next" => r.not_next.extend(words(rest)),
                    "not-prep" => {
                        let mut ws = words(rest).into_iter();
                        match ws.next() {
                            Some(prep) if ws.len() > 0 => r.not_prep.push((prep, ws.collect())),
                            _ => errors.push(err(file, line, "not-prep takes a preposition and at least one word".to_string())),
                        }
                    }
                    "roles" => match rest.trim() {
                        "reversed" => r.swap = true,
                        other => errors.push(err(file, line, format!("roles takes `reversed`, got {other:?}"))),
                    },
                    "need" => match rest.trim() {
                        "recipient" => r.need_recipient = true,
                        "target" => r.need_target = true,
                        other => errors.push(err(file, line, format!("need takes `recipient` or `target`, got {other:?}"))),
                    },
                    "cameo" => {
                        if rest.len() < 2
                            || rest.len() > 4
                            || !rest.bytes().all(|b| b.is_ascii_digit())
                        {
                            errors.push(err(
                                file,
                                line,
                                format!("cameo code must be 2-4 digits, got {rest:?}"),
                            ));
                        } else {
                            r.cameo = Some(rest.to_string());
                        }
                    }
                    "actor" => r.actor = rest.split_whitespace().map(Slot::parse).collect(),
                    "recipient" => r.recipient = rest.split_whitespace().map(Slot::parse).collect(),
                    "noun-actor" => {
                        r.noun_actor = rest.split_whitespace().map(Slot::parse).collect()
                    }
                    "noun-recipient" => {
                        r.noun_recipient = rest.split_whitespace().map(Slot::parse).collect()
                    }
                    "code" => {
                        let parts: Vec<&str> = rest.split_whitespace().collect();
                        let Some(t) = parts.first() else {
                            errors.push(err(file, line, "code needs a PLOVER type".into()));
                            continue;
                        };
                        let Some((_, modes)) = TYPES.iter().find(|(name, _)| name == t) else {
                            errors.push(err(file, line, format!("unknown PLOVER type {t:?}")));
                            continue;
                        };
                        r.event_type = t.to_string();
                        if let Some(m) = parts.get(1) {
                            if *m != "-" {
                                if modes.contains(m) {
                                    r.mode = Some(m.to_string());
                                } else {
                                    errors.push(err(
                                        file,
                                        line,
                                        format!("unknown mode {m:?} for {t}"),
                                    ));
                                }
                            }
                        }
                        if let Some(cs) = parts.get(2) {
                            for c in cs.split(';').filter(|c| !c.is_empty()) {
                                if CONTEXTS.contains(&c) {
                                    r.context.push(c.to_string());
                                } else {
                                    errors.push(err(file, line, format!("unknown context {c:?}")));
                                }
                            }
                        }
                    }
                    "example" => match parse_example(rest, file, line) {
                        Ok(e) => r.examples.push(e),
                        Err(e) => errors.push(e),
                    },
                    _ => errors.push(err(file, line, format!("unknown key {key:?}"))),
                }
            }
        }
    }
    if let Some(r) = cur.take() {
        finish(r, &mut set, &mut errors);
    }
    for r in &mut set.rules {
        if r.noun_recipient.is_empty() {
            r.noun_recipient = r.recipient.clone();
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let got = match parse_rules(input, "t.rules") {
            Ok(s) => s
                .rules
                .iter()
                .map(|r| format!("{} {} {:?} {:?}", r.id, r.event_type, r.mode, r.cameo))
                .collect::<Vec<_>>()
                .join("; "),
            Err(es) => es
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn parses_a_block() {
        check(
            "# c\nrule r1\n  verbs revoke\n  code SANCTION discontinue military\n  cameo 161\n  example [A|NER] revoked it. => NER -\n",
            "r1 SANCTION Some(\"discontinue\") Some(\"161\")",
        );
    }

    #[test]
    fn reports_file_and_line() {
        check(
            "rule r1\n  verbs revoke\n  code SANCTON\n  example x => - -\n",
            "t.rules:3: unknown PLOVER type \"SANCTON\"; t.rules:1: rule r1 has no `code` line",
        );
        check("verbs x\n", "t.rules:1: \"verbs\" outside a rule block");
        check(
            "rule r\n verbs a\n code AID\n",
            "t.rules:1: rule r has no example",
        );
        check(
            "rule r\n verbs a\n code AID bogus\n example x => - -\n",
            "t.rules:3: unknown mode \"bogus\" for AID",
        );
    }
}
