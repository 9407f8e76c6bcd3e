//! griot-code codes events from a [`Doc`]: who did what to whom, as a PLOVER type, mode and
//! context plus a CAMEO code, with the actor and recipient, the status (asserted, reported,
//! alleged, denied, planned, hypothetical, negated), the statement it was reported in, the
//! quantities that size it, and the evidence spans. It is driven by documented,
//! line-oriented rule files (`lexicon/rules/*.rules`, embedded in the binary, and user
//! directories layered over them), and runs a small rule-based tagger and chunker of its own
//! ([`words`], [`coder`]); it needs no model and does no IO while coding.
//!
//! It does not find actors, places, dates, quantities or statements: those layers come from
//! griot-extract and griot-time, and event dates are filled after it by
//! `griot_time::date_event`.
//!
//! ```
//! use griot_code::{testing::marked_doc, Coder};
//! let coder = Coder::builtin().unwrap();
//! let doc = marked_doc("[Niger|NER|MIL]'s junta revoked its military pact with [the United States|USA].");
//! let events = coder.code_events(&doc);
//! assert_eq!(events[0].event_type, "SANCTION");
//! assert_eq!(events[0].actor.as_ref().unwrap().country.as_deref(), Some("NER"));
//! assert_eq!(events[0].recipient.as_ref().unwrap().country.as_deref(), Some("USA"));
//! ```

pub mod cameo_plover;
pub mod coder;
mod context;
mod tree;
pub mod rules;
pub mod tabari;
pub mod testing;
pub mod words;

use std::path::{Path, PathBuf};

use griot_text::{Doc, Event, EventStatus};

pub use rules::{parse_rules, Rule, RuleSet, Slot};

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The builtin rule files, embedded at compile time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "contexts.rules",
        include_str!("../../../lexicon/rules/contexts.rules"),
    ),
    (
        "cooperation.rules",
        include_str!("../../../lexicon/rules/cooperation.rules"),
    ),
    (
        "material-cooperation.rules",
        include_str!("../../../lexicon/rules/material-cooperation.rules"),
    ),
    (
        "verbal-conflict.rules",
        include_str!("../../../lexicon/rules/verbal-conflict.rules"),
    ),
    (
        "material-conflict.rules",
        include_str!("../../../lexicon/rules/material-conflict.rules"),
    ),
    ("modes.rules", include_str!("../../../lexicon/rules/modes.rules")),
];

/// The event coder: compiled rules, built once, used for many documents.
pub struct Coder {
    engine: coder::Engine,
}

fn parse_builtin() -> Result<RuleSet, RuleError> {
    let mut set = RuleSet::default();
    for (name, text) in BUILTIN {
        let file = format!("builtin:{name}");
        match parse_rules(text, &file) {
            Ok(s) => {
                set.rules.extend(s.rules);
                set.cues.extend(s.cues);
                set.mode_cues.extend(s.mode_cues);
            }
            Err(mut es) => return Err(es.remove(0)),
        }
    }
    Ok(set)
}

fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let rd = std::fs::read_dir(dir).map_err(|e| RuleError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    Ok(files)
}

fn read_dir_rules(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    for f in rule_files(dir).map_err(|e| vec![e])? {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                errors.push(RuleError::Io {
                    path: f.display().to_string(),
                    source: e,
                });
                continue;
            }
        };
        match parse_rules(&text, &f.display().to_string()) {
            Ok(s) => {
                set.rules.extend(s.rules);
                set.cues.extend(s.cues);
                set.mode_cues.extend(s.mode_cues);
            }
            Err(es) => errors.extend(es),
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

/// Layer `over` on `base`: a rule with the same id replaces the base rule; new rules are
/// tried before the base rules (so a user rule wins over a builtin one for the same trigger).
fn layer(base: &mut RuleSet, over: RuleSet) {
    let mut fresh = Vec::new();
    for r in over.rules {
        if let Some(old) = base.rules.iter_mut().find(|b| b.id == r.id) {
            *old = r;
        } else {
            fresh.push(r);
        }
    }
    fresh.append(&mut base.rules);
    base.rules = fresh;
    base.cues.extend(over.cues);
    // user mode cues are tried before the builtin ones
    let mut modes = over.mode_cues;
    modes.append(&mut base.mode_cues);
    base.mode_cues = modes;
}

impl Coder {
    /// The rules that ship with griot.
    pub fn builtin() -> Result<Coder, RuleError> {
        Ok(Coder {
            engine: coder::Engine::new(parse_builtin()?),
        })
    }

    /// The builtin rules with the `*.rules` files of `dirs` layered over them in order (a
    /// rule with an existing id replaces it; new rules are tried before the builtin ones).
    pub fn load(dirs: &[&Path]) -> Result<Coder, RuleError> {
        let mut set = parse_builtin()?;
        for d in dirs {
            let s = read_dir_rules(d).map_err(|mut es| es.remove(0))?;
            layer(&mut set, s);
        }
        Ok(Coder {
            engine: coder::Engine::new(set),
        })
    }

    /// A coder from rules already parsed (tests, tools).
    pub fn from_rules(set: RuleSet) -> Coder {
        Coder {
            engine: coder::Engine::new(set),
        }
    }

    /// The events of `doc`, in text order of their first evidence, with `date` left None.
    pub fn code_events(&self, doc: &Doc) -> Vec<Event> {
        self.engine.code(doc)
    }

    /// The tagged and chunked words of each sentence (for debugging rules).
    pub fn explain(&self, doc: &Doc) -> String {
        self.engine.explain(doc)
    }

    /// The rules in matching order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.engine.rules()
    }

    /// Run every rule's examples; one error per failing example, with file and line.
    pub fn check_examples(&self) -> Vec<RuleError> {
        let mut errors = Vec::new();
        for r in self.rules() {
            for ex in &r.examples {
                if let Err(message) = run_example(self, r, ex) {
                    errors.push(RuleError::Parse {
                        file: r.file.clone(),
                        line: ex.line,
                        message,
                    });
                }
            }
        }
        errors
    }
}

/// Check the example of one rule: an event of the rule's type (or the example's type) with
/// the expected actor and recipient countries (and status when given).
pub fn run_example(coder: &Coder, r: &Rule, ex: &rules::Example) -> Result<(), String> {
    let doc = testing::marked_doc(&ex.text);
    let events = coder.code_events(&doc);
    let want_type = ex.event_type.as_deref().unwrap_or(&r.event_type);
    let country = |p: &Option<griot_text::Participant>| -> String {
        p.as_ref()
            .and_then(|p| p.country.clone())
            .unwrap_or_else(|| "-".to_string())
    };
    let ok = events.iter().any(|e| {
        e.event_type == want_type
            && country(&e.actor) == ex.actor
            && country(&e.recipient) == ex.recipient
            && (ex.status.is_none()
                || ex.status.as_deref().and_then(status_from_name) == Some(e.status))
    });
    if ok {
        return Ok(());
    }
    let got: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{} {}->{} {:?} rule={}",
                e.event_type,
                country(&e.actor),
                country(&e.recipient),
                e.status,
                e.origin.rule
            )
        })
        .collect();
    Err(format!(
        "example of rule {} expects {} {}->{}{}, got [{}]",
        r.id,
        want_type,
        ex.actor,
        ex.recipient,
        ex.status
            .as_deref()
            .map(|s| format!(" {s}"))
            .unwrap_or_default(),
        got.join("; ")
    ))
}

/// Check a rule directory: parse errors, then failing examples (with the builtin rules
/// layered under the directory's). Every error names its file and line.
pub fn check_dir(dir: &Path) -> Vec<RuleError> {
    let set = match read_dir_rules(dir) {
        Ok(s) => s,
        Err(es) => return es,
    };
    let mut base = match parse_builtin() {
        Ok(b) => b,
        Err(e) => return vec![e],
    };
    let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
    layer(&mut base, set);
    let coder = Coder::from_rules(base);
    let mut errors = Vec::new();
    for r in coder.rules().filter(|r| ids.contains(&r.id)) {
        for ex in &r.examples {
            if let Err(message) = run_example(&coder, r, ex) {
                errors.push(RuleError::Parse {
                    file: r.file.clone(),
                    line: ex.line,
                    message,
                });
            }
        }
    }
    errors
}

/// The status named in test files and examples ("asserted", "planned", ...).
pub fn status_from_name(name: &str) -> Option<EventStatus> {
    Some(match name {
        "asserted" => EventStatus::Asserted,
        "reported" => EventStatus::Reported,
        "alleged" => EventStatus::Alleged,
        "denied" => EventStatus::Denied,
        "planned" => EventStatus::Planned,
        "hypothetical" => EventStatus::Hypothetical,
        "negated" => EventStatus::Negated,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_their_examples_pass() {
        let coder = Coder::builtin().expect("builtin rules parse");
        let errors = coder.check_examples();
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.is_empty(),
            "{} failing examples:\n{}",
            msgs.len(),
            msgs.join("\n")
        );
    }

    #[test]
    fn every_plover_type_has_rules() {
        let coder = Coder::builtin().unwrap();
        for (t, _) in rules::TYPES {
            assert!(coder.rules().any(|r| r.event_type == *t), "no rule for {t}");
        }
    }

    #[test]
    fn check_dir_reports_file_and_line() {
        let dir = std::env::temp_dir().join(format!("griot-code-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("x.rules"),
            "rule user_snub\n  verbs snub\n  code REJECT\n  example [Mali|MLI] snubbed [France|FRA]. => MLI FRA\n  example [Mali|MLI] snubbed [France|FRA]. => MLI GHA\n",
        )
        .unwrap();
        let errs: Vec<String> = check_dir(&dir).iter().map(|e| e.to_string()).collect();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("x.rules:5:"), "{errs:?}");
    }
}

#[cfg(test)]
mod layer_tests {
    use super::*;

    #[test]
    fn the_shipped_rule_directory_checks_clean() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicon/rules");
        let errs: Vec<String> = check_dir(&dir).iter().map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{errs:?}");
    }

    #[test]
    fn user_rules_layer_over_builtin() {
        let dir = std::env::temp_dir().join(format!("griot-code-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("u.rules"), "rule user_snub\n  verbs snub\n  code REJECT\n  cameo 120\n  example [Mali|MLI] snubbed [France|FRA]. => MLI FRA\n").unwrap();
        let coder = Coder::load(&[dir.as_path()]).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let doc = testing::marked_doc("[Mali|MLI] snubbed [France|FRA].");
        let ev = coder.code_events(&doc);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].origin.rule, "user_snub");
        assert!(coder.rules().any(|r| r.id == "revoke_agreement"));
    }
}

#[cfg(test)]
mod context_and_mode_tests {
    use super::*;

    #[test]
    fn generic_actors_take_the_country_of_the_sentence_place() {
        let coder = Coder::builtin().unwrap();
        let doc = testing::marked_doc("Police arrested protesters in [Nairobi|KEN||place] on Tuesday.");
        let ev = coder.code_events(&doc);
        let e = ev.iter().find(|e| e.event_type == "COERCE").expect("an arrest");
        let a = e.actor.as_ref().unwrap();
        assert_eq!(a.country.as_deref(), Some("KEN"));
        assert_eq!(a.guessed.as_deref(), Some("sentence_place"));
        assert_eq!(a.sector.as_deref(), Some("COP"));
        let r = e.recipient.as_ref().unwrap();
        assert_eq!((r.country.as_deref(), r.sector.as_deref()), (Some("KEN"), Some("CVL")));
    }

    #[test]
    fn stated_countries_and_named_people_are_not_guessed() {
        let coder = Coder::builtin().unwrap();
        let doc = testing::marked_doc(
            "[Kenya|KEN] is tense. [Kenya|KEN] votes. [Kenya|KEN] waits. [Mr Smith|-|-|person] criticised [France|FRA].",
        );
        for e in coder.code_events(&doc) {
            for p in [&e.actor, &e.recipient].into_iter().flatten() {
                assert!(p.guessed.is_none(), "{p:?}");
            }
        }
    }

    #[test]
    fn the_article_country_is_used_only_when_it_dominates() {
        let coder = Coder::builtin().unwrap();
        let one = testing::marked_doc(
            "[Mali|MLI] is tense. [Mali|MLI] votes. [Mali|MLI] waits. Troops attacked the village.",
        );
        let e = &coder.code_events(&one)[0];
        assert_eq!(e.actor.as_ref().unwrap().guessed.as_deref(), Some("article"));
        assert_eq!(e.actor.as_ref().unwrap().country.as_deref(), Some("MLI"));
        let two = testing::marked_doc(
            "[Mali|MLI] is tense. [Niger|NER] votes. [Mali|MLI] waits. [Niger|NER] too. Troops attacked the village.",
        );
        for e in coder.code_events(&two) {
            assert!(e.actor.as_ref().map_or(true, |a| a.country.is_none()), "{e:?}");
        }
    }

    #[test]
    fn weapons_refine_the_assault_mode() {
        let coder = Coder::builtin().unwrap();
        let cases = [
            ("[Russia|RUS] attacked [Ukraine|UKR] with drones.", "drone"),
            ("[Russia|RUS] attacked [Ukraine|UKR] with cruise missiles.", "heavy-weapons"),
            ("[Israel|ISR] attacked [Gaza|PSE||place] with warplanes.", "aerial"),
            ("[Al-Shabaab|SOM|REB|group] attacked [Somali|SOM|MIL] troops with a suicide car bomb.", "suicide-attack"),
        ];
        for (text, mode) in cases {
            let doc = testing::marked_doc(text);
            let ev = coder.code_events(&doc);
            let e = ev.iter().find(|e| e.event_type == "ASSAULT").unwrap_or_else(|| panic!("no assault in {text}: {ev:?}"));
            assert_eq!(e.mode.as_deref(), Some(mode), "{text}");
        }
    }

    #[test]
    fn mode_lines_are_checked() {
        let bad = "mode ASSAULT flying : kites\n";
        let errs = parse_rules(bad, "m.rules").unwrap_err();
        assert!(errs[0].to_string().contains("m.rules:1:"), "{errs:?}");
        let ok = parse_rules("mode ASSAULT drone aerial cameo=195 : drone unmanned_aerial_vehicle\n", "m.rules").unwrap();
        assert_eq!(ok.mode_cues.len(), 1);
        assert_eq!(ok.mode_cues[0].words[1], ["unmanned", "aerial", "vehicle"]);
        assert_eq!(ok.mode_cues[0].cameo.as_deref(), Some("195"));
    }

    #[test]
    fn event_ids_are_unique_when_one_trigger_gives_several_events() {
        let coder = Coder::builtin().unwrap();
        let mut doc = testing::marked_doc("[Mali|MLI] and [Burkina Faso|BFA] expelled [French|FRA|GOV] diplomats.");
        doc.events = coder.code_events(&doc);
        assert!(doc.events.len() >= 2, "{:?}", doc.events);
        let ids: Vec<String> = doc.events.iter().map(|e| griot_text::record::event_id(&doc, e)).collect();
        let mut uniq = ids.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(uniq.len(), ids.len(), "{ids:?}");
        assert!(ids[0].ends_with(&format!(":{}", doc.events[0].trigger.start)), "{ids:?}");
        assert!(ids[1].ends_with(".2"), "{ids:?}");
    }

    #[test]
    fn threats_and_demands_are_not_the_acts_they_announce() {
        let coder = Coder::builtin().unwrap();
        for (text, kind) in [
            ("[The opposition|KEN|OPP|nominal] threatened to boycott [the election|KEN|GOV|nominal].", "THREATEN"),
            ("[France|FRA] urged [Russia|RUS] to withdraw its troops.", "REQUEST"),
        ] {
            let ev = coder.code_events(&testing::marked_doc(text));
            let types: Vec<&str> = ev.iter().map(|e| e.event_type.as_str()).collect();
            assert_eq!(types, [kind], "{text}: {ev:?}");
        }
    }

    #[test]
    fn the_tree_finds_subjects_the_clause_shape_misses() {
        let coder = Coder::builtin().unwrap();
        let doc = testing::marked_doc(
            "[Pashinyan|ARM|GOV|person] in a televised address on Tuesday accused [Azerbaijan|AZE] of aggression.",
        );
        let ev = coder.code_events(&doc);
        let e = ev.iter().find(|e| e.event_type == "ACCUSE").expect("an accusation");
        assert_eq!(e.actor.as_ref().and_then(|a| a.country.as_deref()), Some("ARM"));
        assert_eq!(e.recipient.as_ref().and_then(|a| a.country.as_deref()), Some("AZE"));
    }
}
