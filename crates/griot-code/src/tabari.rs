//! Import of TABARI / PETRARCH CAMEO verb dictionaries into griot rules, as far as they map.
//!
//! Input: `--- VERB [code] ---` blocks, each followed by verb forms (one per line, `_`
//! joining a particle, PETRARCH's `{FORM FORM}` lists ignored because griot inflects
//! itself) and patterns `- words * words [code]`; synonym sets `&NAME` followed by
//! `+WORD` lines; `#` comments. Output: griot rule text (see `lexicon/rules/README.md`),
//! one rule per verb block (its header code) and one per pattern with a code of its own,
//! where the pattern words after `*` become the `object` constraint (prepositions are
//! dropped, `&SET`s expanded). CAMEO codes map to PLOVER through [`crate::cameo_plover`].
//!
//! What does not map is skipped with a `# skipped:` comment in the output: patterns with
//! words before `*` (griot anchors on the verb), codes `---` (null coding), CAMEO 01x
//! (public statements have no PLOVER type), and source/target markers (`$`, `+`), which
//! griot's slots replace. Imported rules carry a generated example that must be edited
//! before `griot rules check` passes: the importer cannot write a true sentence.
//!
//! ```
//! let out = griot_code::tabari::convert_verbs("--- EXPEL [166] ---\nEXPEL\n", "t.verbs").unwrap();
//! assert!(out.contains("rule tabari_expel_166"));
//! assert!(out.contains("code      SANCTION expel diplomatic"));
//! ```

use std::collections::HashMap;
use std::fmt::Write;

use crate::rules::{CONTEXTS, TYPES};
use crate::RuleError;

pub use crate::cameo_plover::CAMEO_PLOVER;

const PREPS: &[&str] = &[
    "of", "to", "with", "against", "on", "in", "for", "from", "into", "at", "by", "about", "over",
    "the", "a", "an",
];

/// PLOVER (type, mode, contexts) of a CAMEO code: the code itself, else its parents.
pub fn plover_of(code: &str) -> Option<(String, Option<String>, Vec<String>)> {
    let mut c = code;
    while c.len() >= 2 {
        if let Some((_, t, m, ctx)) = CAMEO_PLOVER.iter().find(|(k, ..)| *k == c) {
            let modes = TYPES
                .iter()
                .find(|(n, _)| n == t)
                .map(|(_, ms)| *ms)
                .unwrap_or(&[]);
            let mode = (!m.is_empty() && modes.contains(m)).then(|| m.to_string());
            let ctx = ctx
                .split(';')
                .filter(|x| CONTEXTS.contains(x))
                .map(str::to_string)
                .collect();
            return Some((t.to_string(), mode, ctx));
        }
        if c.starts_with("02") {
            return Some(("REQUEST".into(), None, vec![]));
        }
        c = &c[..c.len() - 1];
    }
    None
}

struct Block {
    verb: String,
    code: String,
    forms: Vec<String>,
    patterns: Vec<(Vec<String>, Vec<String>, String, usize)>,
    line: usize,
}

fn err(file: &str, line: usize, message: String) -> RuleError {
    RuleError::Parse {
        file: file.to_string(),
        line,
        message,
    }
}

/// Convert a TABARI/PETRARCH verb dictionary to griot rule text.
pub fn convert_verbs(text: &str, file: &str) -> Result<String, RuleError> {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur_set: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.split('#').next().unwrap_or("").trim();
        if l.is_empty() {
            continue;
        }
        if let Some(rest) = l.strip_prefix("---") {
            let inner = rest.trim_end_matches('-').trim();
            let (verb, code) = match (inner.find('['), inner.find(']')) {
                (Some(a), Some(b)) if a < b => (inner[..a].trim(), inner[a + 1..b].trim()),
                _ => {
                    return Err(err(
                        file,
                        line,
                        format!("verb block header without [code]: {l:?}"),
                    ))
                }
            };
            if verb.is_empty() {
                return Err(err(file, line, "verb block header without a verb".into()));
            }
            cur_set = None;
            blocks.push(Block {
                verb: verb.to_lowercase(),
                code: code.to_string(),
                forms: vec![],
                patterns: vec![],
                line,
            });
            continue;
        }
        if let Some(name) = l.strip_prefix('&') {
            if !name.contains(char::is_whitespace) {
                cur_set = Some(name.to_lowercase());
                sets.entry(name.to_lowercase()).or_default();
                continue;
            }
        }
        if let Some(word) = l.strip_prefix('+') {
            match &cur_set {
                Some(s) => sets
                    .entry(s.clone())
                    .or_default()
                    .push(word.trim().to_lowercase()),
                None => return Err(err(file, line, format!("synonym {word:?} outside a &SET"))),
            }
            continue;
        }
        if let Some(pat) = l.strip_prefix('-') {
            let Some(b) = blocks.last_mut() else {
                return Err(err(file, line, "pattern before any verb block".into()));
            };
            let (body, code) = match (pat.rfind('['), pat.rfind(']')) {
                (Some(a), Some(e)) if a < e => (&pat[..a], pat[a + 1..e].trim()),
                _ => return Err(err(file, line, format!("pattern without [code]: {l:?}"))),
            };
            let Some((before, after)) = body.split_once('*') else {
                return Err(err(file, line, format!("pattern without `*`: {l:?}")));
            };
            let clean = |s: &str| -> Vec<String> {
                s.split_whitespace()
                    .map(|w| {
                        w.trim_matches(|c| matches!(c, '$' | '+' | '%' | '^' | '{' | '}' | '|'))
                            .to_lowercase()
                    })
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            b.patterns
                .push((clean(before), clean(after), code.to_string(), line));
            continue;
        }
        match blocks.last_mut() {
            Some(b) => {
                let form = l.split('{').next().unwrap_or("").trim().to_lowercase();
                if !form.is_empty() {
                    b.forms.push(form);
                }
            }
            None => return Err(err(file, line, format!("line outside a verb block: {l:?}"))),
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# imported from {file} by griot rules import-tabari; edit the examples before use"
    );
    for b in &blocks {
        // verb lemma: the first form (TABARI lists the base form first), `_` kept as particles
        let lemma = b
            .forms
            .first()
            .cloned()
            .unwrap_or_else(|| b.verb.clone())
            .replace(' ', "_");
        let base_id = lemma.replace(|c: char| !c.is_ascii_alphanumeric(), "_");
        emit(
            &mut out,
            &format!("tabari_{base_id}_{}", b.code),
            &lemma,
            &b.code,
            &[],
            b.line,
            file,
        );
        for (k, (before, after, code, line)) in b.patterns.iter().enumerate() {
            if !before.is_empty() {
                let _ = writeln!(out, "# skipped: {file}:{line}: words before `*` do not map");
                continue;
            }
            let mut object = Vec::new();
            for w in after {
                if let Some(set) = w.strip_prefix('&') {
                    match sets.get(set) {
                        Some(ws) => object.extend(ws.iter().map(|x| x.replace(' ', "_"))),
                        None => {
                            return Err(err(
                                file,
                                *line,
                                format!("unknown synonym set &{}", set.to_uppercase()),
                            ))
                        }
                    }
                } else if !PREPS.contains(&w.as_str()) {
                    object.push(w.clone());
                }
            }
            let code = if code == "---" || code.is_empty() {
                b.code.clone()
            } else {
                code.clone()
            };
            emit(
                &mut out,
                &format!("tabari_{base_id}_{code}_{}", k + 1),
                &lemma,
                &code,
                &object,
                *line,
                file,
            );
        }
    }
    Ok(out)
}

fn emit(
    out: &mut String,
    id: &str,
    lemma: &str,
    code: &str,
    object: &[String],
    line: usize,
    file: &str,
) {
    if code == "---" || !code.bytes().all(|b| b.is_ascii_digit()) || code.len() < 2 {
        let _ = writeln!(
            out,
            "# skipped: {file}:{line}: {lemma} has null code [{code}]"
        );
        return;
    }
    let Some((t, mode, ctx)) = plover_of(code) else {
        let _ = writeln!(
            out,
            "# skipped: {file}:{line}: CAMEO {code} has no PLOVER type"
        );
        return;
    };
    let _ = writeln!(out, "\nrule {id}");
    let _ = writeln!(out, "  # from {file}:{line}");
    let _ = writeln!(out, "  verbs     {lemma}");
    if !object.is_empty() {
        let _ = writeln!(out, "  object    {}", object.join(" "));
    }
    let line_code = format!(
        "  code      {t} {} {}",
        mode.as_deref().unwrap_or("-"),
        ctx.join(";")
    );
    let _ = writeln!(out, "{}", line_code.trim_end());
    let _ = writeln!(out, "  cameo     {code}");
    let obj = object
        .first()
        .map(|o| o.replace('_', " "))
        .unwrap_or_else(|| "[B|BBB]".into());
    let _ = writeln!(out, "  example   [A|AAA] {lemma} {obj}. => AAA BBB");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let out = convert_verbs(input, "t.verbs").unwrap();
        for e in expected {
            assert!(out.contains(e), "missing {e:?} in:\n{out}");
        }
    }

    #[test]
    fn converts_blocks_sets_and_patterns() {
        let dict = "# test dictionary\n&ARMY\n+TROOPS\n+SOLDIERS\n\n--- EXPEL   [166] ---\nEXPEL\nEXPELLED\n- * &ARMY [1661]\n- * OF DIPLOMATS [---]\n- SAID * [---]\n\n--- ACCUSE [112] ---\nACCUSE {ACCUSED ACCUSING}\n- * OF CORRUPTION [1121]\n";
        check(
            dict,
            &[
                "rule tabari_expel_166\n",
                "rule tabari_expel_1661_1",
                "object    troops soldiers",
                "code      SANCTION expel military",
                "object    diplomats",
                "# skipped: t.verbs:11: words before `*` do not map",
                "rule tabari_accuse_1121_1",
                "code      ACCUSE allege crime;corruption",
            ],
        );
    }

    #[test]
    fn output_parses_as_rules() {
        let out = convert_verbs("--- PULL_OUT [0874] ---\nPULL_OUT\n", "t.verbs").unwrap();
        let set = crate::parse_rules(&out, "out.rules").expect("imported rules parse");
        assert_eq!(
            set.rules[0].verbs,
            vec![vec!["pull".to_string(), "out".to_string()]]
        );
        assert_eq!(set.rules[0].event_type, "RETREAT");
    }

    #[test]
    fn errors_name_the_line() {
        let e = convert_verbs("--- X [01] ---\nX\n- * &NOPE [011]\n", "t.verbs").unwrap_err();
        assert_eq!(e.to_string(), "t.verbs:3: unknown synonym set &NOPE");
        let e = convert_verbs("+WORD\n", "t.verbs").unwrap_err();
        assert_eq!(e.to_string(), "t.verbs:1: synonym \"WORD\" outside a &SET");
    }
}
