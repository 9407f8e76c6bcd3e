//! Import of TABARI / PETRARCH CAMEO verb dictionaries (PETRARCH2's `CAMEO.2.0.txt` among
//! them) into griot rules, as far as they map, with a report of what came in and why the
//! rest did not ([`import_verbs`]).
//!
//! What it reads:
//!
//! - **Synsets**: `&NAME` then `+MEMBER` lines (`_` joins words; a member or set name ending in
//!   `_` has no plural; griot generates plurals of object words itself).
//! - **Verb blocks**: `--- NAME [CODE] ---`, `[---]` when the bare verb codes nothing; verb
//!   lines (`HURRY {HURRIES HURRYING HURRIED}`: griot inflects regular forms itself, the
//!   irregular forms in braces are used for the examples), multi-word verbs (`+ASK_FOR`:
//!   verb plus particle, griot's `ask_for`), and a verb's own `[CODE]`, which overrides the
//!   block's.
//! - **Patterns** `- [pre] * [post] [CODE] # comment`: nouns after the verb (a bare word, the
//!   last word of `{W1 W2 HEAD}`, the members of `&SET`) become the rule's `object`
//!   constraint; patterns of one block with one code are merged into one rule. A particle
//!   right after `*` (`- * OFF ...`) joins the verb. `[ACTIVE:PASSIVE]` keeps the active code.
//!   Legacy TABARI markers `$ + % ^` are dropped (griot's slots find source and target).
//! - **Null codes**: a pattern coded `[---]` means "not an event": its nouns become the
//!   `not-object` of the block's coded rules ("approve budget" is no event).
//! - **Transformations** (`~ ...`) and comments (`#`, `<!-- -->`) are read and counted.
//!
//! What does not map is skipped and counted with its reason: patterns with words before `*`
//! (griot anchors rules on the verb), patterns whose nouns stand in a prepositional phrase
//! (griot's `object` constraint reads the direct object only), CAMEO 01x codes (public
//! statements have no PLOVER type), transformations (verb-on-verb rewrites). CAMEO codes map
//! to PLOVER through [`crate::cameo_plover`]. Each rule gets a generated example sentence;
//! [`keep_working_rules`] drops the rules whose example griot does not code.
//!
//! ```
//! let out = griot_code::tabari::convert_verbs("--- EXPEL [166] ---\nEXPEL\n", "t.verbs").unwrap();
//! assert!(out.contains("rule phx_expel_166"));
//! assert!(out.contains("code      SANCTION expel diplomatic"));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

pub use griot_text::report::ImportReport;

use crate::rules::{CONTEXTS, TYPES};
use crate::RuleError;

pub use crate::cameo_plover::CAMEO_PLOVER;

const SKIP_WORDS: &[&str] = &["the", "a", "an", "of", "to", "with", "against", "on", "in", "for", "from", "into", "at", "by", "about", "over", "and", "or"];
const PARTICLES: &[&str] = &["off", "up", "out", "down", "back", "away", "forward", "through", "aside", "apart", "together"];

/// PLOVER (type, mode, contexts) of a CAMEO code: the code itself, else its parents.
pub fn plover_of(code: &str) -> Option<(String, Option<String>, Vec<String>)> {
    let mut c = code;
    while c.len() >= 2 {
        if let Some((_, t, m, ctx)) = CAMEO_PLOVER.iter().find(|(k, ..)| *k == c) {
            let modes = TYPES.iter().find(|(n, _)| n == t).map(|(_, ms)| *ms).unwrap_or(&[]);
            let mode = (!m.is_empty() && modes.contains(m)).then(|| m.to_string());
            let ctx = ctx.split(';').filter(|x| CONTEXTS.contains(x)).map(str::to_string).collect();
            return Some((t.to_string(), mode, ctx));
        }
        if c.starts_with("02") {
            return Some(("REQUEST".into(), None, vec![]));
        }
        c = &c[..c.len() - 1];
    }
    None
}

#[derive(Debug, Clone)]
struct Verb {
    /// lemma plus particles
    words: Vec<String>,
    irregular: Vec<String>,
    code: Option<String>,
}

#[derive(Debug, Default)]
struct Block {
    name: String,
    code: Option<String>,
    verbs: Vec<Verb>,
    /// (code, object heads, particle, line)
    patterns: Vec<(String, Vec<String>, Option<String>, usize)>,
    /// nouns of null patterns
    null_objects: Vec<String>,
    line: usize,
}

fn code_of(raw: &str) -> Result<Option<String>, String> {
    let raw = raw.trim();
    let active = raw.split(':').next().unwrap_or("").trim();
    if active.chars().all(|c| c == '-') {
        return Ok(None);
    }
    if !active.chars().all(|c| c.is_ascii_digit()) || active.len() < 2 || active.len() > 4 {
        return Err(format!("malformed code [{raw}]"));
    }
    Ok(Some(active.to_string()))
}

/// Tokens of a pattern body: words, `*`, `{...}` groups, `(...)` groups.
fn pattern_tokens(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '{' | '(' => {
                if depth == 0 && !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                }
                depth += 1;
                cur.push(c);
            }
            '}' | ')' => {
                cur.push(c);
                depth -= 1;
                if depth <= 0 {
                    depth = 0;
                    out.push(std::mem::take(&mut cur).trim().to_string());
                }
            }
            c if c.is_whitespace() && depth == 0 => {
                if !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                }
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Converts a TABARI/PETRARCH verb dictionary to griot rule text (without the report).
pub fn convert_verbs(text: &str, file: &str) -> Result<String, RuleError> {
    Ok(import_verbs(text, file).0)
}

/// Converts a verb dictionary and reports, per construct, what came in and why the rest did
/// not. Never fails on the contents: malformed lines are skipped and counted.
pub fn import_verbs(text: &str, file: &str) -> (String, ImportReport) {
    let mut report = ImportReport::new(file);
    let mut text = text.to_string();
    while let Some(a) = text.find("<!--") {
        let end = text[a..].find("-->").map(|e| a + e + 3).unwrap_or(text.len());
        let nl = text[a..end].matches('\n').count();
        text.replace_range(a..end, &"\n".repeat(nl));
        report.imported("comment block <!-- -->");
    }
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur_set: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let (l, comment) = match raw.split_once('#') {
            Some((a, b)) => (a.trim(), Some(b)),
            None => (raw.trim(), None),
        };
        if l.is_empty() {
            if let Some(c) = comment {
                if c.trim_start().starts_with('~') {
                    report.skipped("transformation", "commented out", c.trim());
                }
            }
            continue;
        }
        if l.starts_with('~') {
            report.skipped("transformation", "verb-on-verb transformation: griot has no equivalent (status and embedded events are coded by the coder)", l);
            continue;
        }
        if let Some(rest) = l.strip_prefix("---") {
            let inner = rest.trim_end_matches('-').trim();
            let (name, code) = match (inner.find('['), inner.find(']')) {
                (Some(a), Some(b)) if a < b => (inner[..a].trim(), &inner[a + 1..b]),
                _ => (inner, "---"),
            };
            cur_set = None;
            let code = match code_of(code) {
                Ok(c) => c,
                Err(e) => {
                    report.changed("verb block", &e, l);
                    None
                }
            };
            if code.is_none() {
                report.changed("verb block", "null block code `[---]`: the bare verbs code nothing", name);
            }
            report.imported("verb block");
            blocks.push(Block { name: name.to_lowercase(), code, line: n, ..Default::default() });
            continue;
        }
        if let Some(name) = l.strip_prefix('&') {
            if blocks.is_empty() && !name.contains(char::is_whitespace) {
                cur_set = Some(name.trim_end_matches('_').to_lowercase());
                sets.entry(name.trim_end_matches('_').to_lowercase()).or_default();
                report.imported("synset");
                continue;
            }
        }
        if let (Some(word), Some(s)) = (l.strip_prefix('+'), &cur_set) {
            let w = word.trim().trim_end_matches('_').to_lowercase().replace('_', " ");
            sets.entry(s.clone()).or_default().push(w);
            report.imported("synset member");
            continue;
        }
        if let Some(pat) = l.strip_prefix('-') {
            let Some(b) = blocks.last_mut() else {
                report.skipped("verb pattern", "pattern before any verb block", l);
                continue;
            };
            pattern(b, pat, n, &sets, &mut report);
            continue;
        }
        // A verb line.
        let Some(b) = blocks.last_mut() else {
            report.skipped("verb line", "line outside a verb block", l);
            continue;
        };
        let (mut head, mut irregular, mut code) = (String::new(), Vec::new(), None);
        let mut rest = l;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('{') {
                let e = r.find('}').unwrap_or(r.len());
                irregular.extend(r[..e].split_whitespace().map(|w| w.trim_start_matches('+').to_lowercase().replace('_', " ")));
                rest = r.get(e + 1..).unwrap_or("");
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = r.find(']').unwrap_or(r.len());
                code = Some(r[..e].to_string());
                rest = r.get(e + 1..).unwrap_or("");
            } else {
                let e = rest.find(['{', '[']).unwrap_or(rest.len());
                head.push_str(&rest[..e]);
                rest = &rest[e..];
            }
        }
        let head = head.trim();
        if head.contains(char::is_whitespace) {
            report.skipped("verb line", "blank inside a verb (expected `_` between words)", l);
            continue;
        }
        let marked: Vec<&str> = head.split('_').filter(|w| !w.is_empty()).collect();
        let plus = marked.iter().position(|w| w.starts_with('+'));
        if plus.map_or(false, |p| p > 0) {
            report.skipped("verb line", "inflected word is not the first (griot verbs start with the verb)", l);
            continue;
        }
        let words: Vec<String> = marked.iter().map(|w| w.trim_start_matches('+').to_lowercase()).collect();
        if words.is_empty() || !words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-')) {
            report.skipped("verb line", "verb with characters other than letters", l);
            continue;
        }
        let code = match code.as_deref().map(code_of) {
            None => None,
            Some(Ok(c)) => Some(c.unwrap_or_else(|| "---".into())),
            Some(Err(e)) => {
                report.skipped("verb line", &e, l);
                continue;
            }
        };
        if words.len() > 1 {
            report.changed("verb line", "multi-word verb: verb plus particles", head);
        }
        report.imported("verb line");
        b.verbs.push(Verb { words, irregular, code });
    }
    let mut out = String::new();
    let _ = writeln!(out, "# imported from {file} by griot's TABARI/PETRARCH verb importer");
    for b in &blocks {
        emit_block(&mut out, b, &mut report);
    }
    (out, report)
}

fn pattern(b: &mut Block, pat: &str, line: usize, sets: &HashMap<String, Vec<String>>, report: &mut ImportReport) {
    const C: &str = "verb pattern";
    let (body, code) = match (pat.rfind('['), pat.rfind(']')) {
        (Some(a), Some(e)) if a < e => (&pat[..a], &pat[a + 1..e]),
        _ => {
            report.skipped(C, "pattern without [code]", pat);
            return;
        }
    };
    let passive = code.split_once(':').map_or(false, |(a, p)| a.trim() != p.trim());
    let code = match code_of(code) {
        Ok(c) => c,
        Err(e) => {
            report.skipped(C, &e, pat);
            return;
        }
    };
    if passive {
        report.changed(C, "[ACTIVE:PASSIVE] code: the passive code is dropped (griot codes both voices alike)", pat.trim());
    }
    let toks = pattern_tokens(body);
    let Some(star) = toks.iter().position(|t| t == "*") else {
        report.skipped(C, "pattern without `*`", pat);
        return;
    };
    let legacy = |t: &str| matches!(t, "$" | "+" | "%" | "^");
    if toks[..star].iter().any(|t| !legacy(t)) {
        report.skipped(C, "words before the verb (griot anchors rules on the verb)", pat.trim());
        return;
    }
    let mut after: Vec<&String> = toks[star + 1..].iter().collect();
    if toks.iter().any(|t| legacy(t) || t.contains(['$', '^', '%'])) {
        report.changed(C, "legacy TABARI marker ($ + % ^) dropped", pat.trim());
        after.retain(|t| !legacy(t));
    }
    if after.iter().any(|t| t.starts_with('(')) {
        report.skipped(C, "prepositional phrase (griot's object constraint reads the direct object only)", pat.trim());
        return;
    }
    let mut particle = None;
    if let Some(first) = after.first() {
        let f = first.to_lowercase();
        if PARTICLES.contains(&f.as_str()) {
            particle = Some(f);
            after.remove(0);
        }
    }
    // Heads: the last plain word, the last word of a {...} group; &SETs expand.
    let mut heads: Vec<String> = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    for t in &after {
        if let Some(g) = t.strip_prefix('{') {
            let words: Vec<&str> = g.trim_end_matches('}').split_whitespace().collect();
            if let Some(last) = words.last() {
                heads.extend(expand(last, sets));
            }
        } else if t.starts_with('&') {
            let set = t.trim_start_matches('&').trim_end_matches('_').to_lowercase();
            match sets.get(&set) {
                Some(ws) => heads.extend(ws.iter().map(|w| w.rsplit(' ').next().unwrap_or(w).to_string())),
                None => {
                    report.skipped(C, "unknown synset", pat.trim());
                    return;
                }
            }
        } else {
            let w = t.to_lowercase();
            if !SKIP_WORDS.contains(&w.as_str()) && w.chars().all(|c| c.is_alphabetic() || c == '-') {
                plain.push(w);
            }
        }
    }
    if plain.len() > 1 {
        report.changed(C, "several nouns after the verb: the last is the head", pat.trim());
    }
    if let Some(last) = plain.last() {
        heads.push(last.clone());
    }
    heads.dedup();
    if heads.is_empty() && particle.is_none() {
        report.skipped(C, "no noun after the verb (the bare verb already codes)", pat.trim());
        return;
    }
    match code {
        None => {
            if b.code.is_none() && b.verbs.iter().all(|v| v.code.as_deref().map_or(true, |c| c == "---")) {
                report.skipped(C, "null code in a block whose verbs code nothing (nothing to block)", pat.trim());
            } else if heads.is_empty() {
                report.skipped(C, "null code with a particle only", pat.trim());
            } else {
                report.imported(C);
                report.changed(C, "null code `[---]`: imported as not an event (not-object of the block's rules)", pat.trim());
                b.null_objects.extend(heads);
            }
        }
        Some(c) => {
            if c.starts_with("01") {
                report.skipped(C, "CAMEO 01 (public statement): no PLOVER type", pat.trim());
                return;
            }
            if plover_of(&c).is_none() {
                report.skipped(C, "CAMEO code without a PLOVER type", pat.trim());
                return;
            }
            report.imported(C);
            b.patterns.push((c, heads, particle, line));
        }
    }
}

fn expand(w: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    match w.strip_prefix('&') {
        Some(s) => sets.get(&s.trim_end_matches('_').to_lowercase()).map(|ws| ws.iter().map(|w| w.rsplit(' ').next().unwrap_or(w).to_string()).collect()).unwrap_or_default(),
        None => vec![w.to_lowercase()],
    }
}

fn ident(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

fn emit_block(out: &mut String, b: &Block, report: &mut ImportReport) {
    // Verbs by code: the block code for verbs without their own.
    let mut by_code: BTreeMap<String, Vec<&Verb>> = BTreeMap::new();
    for v in &b.verbs {
        let code = v.code.clone().or_else(|| b.code.clone());
        match code {
            Some(c) if c != "---" => by_code.entry(c).or_default().push(v),
            _ => {}
        }
    }
    let all: Vec<&Verb> = b.verbs.iter().collect();
    if all.is_empty() {
        report.skipped("verb block", "block without verbs", &b.name);
        return;
    }
    let mut null_objects = b.null_objects.clone();
    null_objects.sort();
    null_objects.dedup();
    // Patterns: one rule per (code, particle), objects merged.
    let mut pats: BTreeMap<(String, Option<String>), (Vec<String>, usize)> = BTreeMap::new();
    for (code, heads, particle, line) in &b.patterns {
        let e = pats.entry((code.clone(), particle.clone())).or_insert((Vec::new(), *line));
        for h in heads {
            if !e.0.contains(h) {
                e.0.push(h.clone());
            }
        }
    }
    for ((code, particle), (objects, line)) in &pats {
        let verbs: Vec<Vec<String>> = all
            .iter()
            .map(|v| {
                let mut w = v.words.clone();
                if let Some(p) = particle {
                    w.push(p.clone());
                }
                w
            })
            .collect();
        let id = format!("phx_{}_{}{}_obj", ident(&b.name), code, particle.as_ref().map(|p| format!("_{p}")).unwrap_or_default());
        if rule(out, &id, &verbs, &all, objects, &[], code, *line) {
            report.imported("rule written");
        }
    }
    for (code, verbs) in &by_code {
        if code.starts_with("01") {
            report.skipped("bare verb", "CAMEO 01 (public statement): no PLOVER type", &format!("{} [{code}]", b.name));
            continue;
        }
        if plover_of(code).is_none() {
            report.skipped("bare verb", "CAMEO code without a PLOVER type", &format!("{} [{code}]", b.name));
            continue;
        }
        let ws: Vec<Vec<String>> = verbs.iter().map(|v| v.words.clone()).collect();
        let id = format!("phx_{}_{}", ident(&b.name), code);
        report.imported("bare verb");
        if rule(out, &id, &ws, verbs, &[], &null_objects, code, b.line) {
            report.imported("rule written");
        }
    }
}

/// Regular third-person and past forms for an example ("expel" -> "expels", "expelled").
fn forms(v: &Verb) -> Vec<String> {
    let lemma = &v.words[0];
    let rest = v.words[1..].join(" ");
    let join = |f: String| if rest.is_empty() { f } else { format!("{f} {rest}") };
    let mut out = Vec::new();
    let irregular_past: Vec<&String> = v.irregular.iter().filter(|f| !f.ends_with('s') && !f.ends_with("ing")).collect();
    if let Some(p) = irregular_past.first() {
        out.push(p.split(' ').next().map(|x| join(x.to_string())).unwrap_or_default());
    } else {
        let past = if lemma.ends_with('e') {
            format!("{lemma}d")
        } else if lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey") && !lemma.ends_with("oy") {
            format!("{}ied", &lemma[..lemma.len() - 1])
        } else {
            format!("{lemma}ed")
        };
        out.push(join(past));
    }
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') || lemma.ends_with('z') || lemma.ends_with('o') {
        format!("{lemma}es")
    } else if lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey") && !lemma.ends_with("oy") {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    out.push(join(third));
    out
}

#[allow(clippy::too_many_arguments)]
fn rule(out: &mut String, id: &str, verbs: &[Vec<String>], src: &[&Verb], object: &[String], not_object: &[String], code: &str, line: usize) -> bool {
    let Some((t, mode, ctx)) = plover_of(code) else { return false };
    let _ = writeln!(out, "\nrule {id}");
    let mut vs: Vec<String> = verbs.iter().map(|w| w.join("_")).collect();
    vs.dedup();
    let _ = writeln!(out, "  verbs     {}", vs.join(" "));
    if !object.is_empty() {
        let o: Vec<String> = object.iter().map(|w| w.replace(' ', "_")).collect();
        let _ = writeln!(out, "  object    {}", o.join(" "));
    }
    if !not_object.is_empty() {
        let _ = writeln!(out, "  not-object {}", not_object.join(" "));
    }
    let line_code = format!("  code      {t} {} {}", mode.as_deref().unwrap_or("-"), ctx.join(";"));
    let _ = writeln!(out, "{}", line_code.trim_end());
    let _ = writeln!(out, "  cameo     {code}");
    let _ = writeln!(out, "  # from CAMEO.2.0.txt line {line}");
    // Example candidates: the first verb, past then present, with the object head.
    let v = src.first().map(|v| {
        let mut v = (*v).clone();
        if verbs.first().map_or(false, |w| w.len() > v.words.len()) {
            v.words = verbs[0].clone();
        }
        v
    });
    if let Some(v) = v {
        let fs = forms(&v);
        let obj = object.first().map(|o| format!("the {o} of ")).unwrap_or_default();
        let _ = writeln!(out, "  example   [France|FRA] {} {obj}[Mali|MLI]. => FRA MLI", fs[0]);
    }
    true
}

/// Keeps the rules of `rules` (imported rule text) whose example griot codes, with griot's
/// own builtin rules loaded first (gap filling as at load time); returns the kept text and a
/// report of the rules kept and dropped.
pub fn keep_working_rules(rules: &str, file: &str, _unused: &mut ImportReport) -> (String, ImportReport) {
    let mut report = ImportReport::new(file);
    let set = match crate::parse_rules(rules, file) {
        Ok(s) => s,
        Err(es) => {
            for e in es {
                report.skipped("rule written", "does not parse", &e.to_string());
            }
            return (String::new(), report);
        }
    };
    let own = crate::parse_own_builtin().unwrap_or_default();
    let mut combined = own.clone();
    let shadowed = crate::fill_gaps(&mut combined, set.clone());
    for (id, verbs) in &shadowed {
        report.changed("rule checked", "verbs that griot's own rules trigger on removed from the imported rule", &format!("{id}: {verbs}"));
    }
    let coder = crate::Coder::from_rules(combined);
    let mut keep: Vec<String> = Vec::new();
    for r in coder.rules().filter(|r| r.file == file) {
        let ok = r.examples.iter().all(|ex| crate::run_example(&coder, r, ex).is_ok());
        if ok {
            report.imported("rule checked");
            keep.push(r.id.clone());
        } else {
            report.skipped("rule checked", "its generated example is not coded so by griot (dropped)", &r.id);
        }
    }
    let removed: Vec<&str> = set.rules.iter().filter(|r| !coder.rules().any(|c| c.id == r.id)).map(|r| r.id.as_str()).collect();
    for id in removed {
        report.skipped("rule checked", "every verb is triggered by griot's own rules (dropped)", id);
    }
    // Rewrite the text keeping only the kept blocks.
    let mut out = String::new();
    let mut keep_block = true;
    for l in rules.lines() {
        if let Some(id) = l.strip_prefix("rule ") {
            keep_block = keep.iter().any(|k| k == id.trim());
        }
        if l.is_empty() {
            continue;
        }
        if keep_block || l.starts_with('#') && !l.starts_with("  ") {
            if l.starts_with("rule ") {
                out.push('\n');
            }
            out.push_str(l);
            out.push('\n');
        }
    }
    (out, report)
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

    const DICT: &str = "# test dictionary\n####### SYNONYM SETS #######\n&ARMY\n+TROOPS\n+SOLDIERS\n&AUX_\n+WAS\n\n####### VERB PATTERNS #######\n--- EXPEL   [166] ---\nEXPEL {EXPELS EXPELLED EXPELLING}\nOUST [1661]\n- * &ARMY [1661]\n- * DIPLOMATS [---]\n- SAID * [112]\n- * (FROM COUNTRY) [166]\n- * {SENIOR ENVOY} [166:167]\n- + * OFF $ [0874]\n\n--- ACCELERATE [---] ---\nRUSH\n+ASK_FOR [020]\n- * AID [070]\n- * BUDGET [---]\n- * [010]\n<!-- a comment\nover two lines -->\n######## TRANSFORMATIONS ##########\n~ a (a b ATTACK) SAY = a b 015\n#~ a (b WILL_ATTACK) = a b 138\n";

    #[test]
    fn every_construct() {
        check(
            DICT,
            &[
                "rule phx_expel_166\n  verbs     expel\n  not-object diplomats\n  code      SANCTION expel diplomatic",
                "rule phx_expel_1661\n  verbs     oust\n",
                "rule phx_expel_1661_obj\n  verbs     expel oust\n  object    troops soldiers",
                "rule phx_expel_166_obj\n  verbs     expel oust\n  object    envoy",
                "rule phx_expel_0874_off_obj\n  verbs     expel_off oust_off\n",
                "example   [France|FRA] expelled the troops of [Mali|MLI]. => FRA MLI",
                "rule phx_accelerate_070_obj\n  verbs     rush ask_for\n  object    aid",
                "rule phx_accelerate_020\n  verbs     ask_for\n  not-object budget\n  code      REQUEST -",
            ],
        );
        let (out, r) = import_verbs(DICT, "t.verbs");
        assert!(!out.contains("phx_accelerate_---"), "{out}");
        let s = r.to_string();
        for want in [
            "synset: 2 read, 2 imported",
            "synset member: 3 read",
            "verb block: 2 read, 2 imported",
            "verb line: 4 read, 4 imported",
            "verb pattern: 9 read, 6 imported, 3 not imported",
            "words before the verb (griot anchors rules on the verb): 1",
            "prepositional phrase (griot's object constraint reads the direct object only): 1",
            "no noun after the verb (the bare verb already codes): 1",
            "passive",
            "null code `[---]`: imported as not an event",
            "legacy TABARI marker ($ + % ^) dropped: 1",
            "transformation: 2 read, 0 imported",
            "comment block <!-- -->: 1 read, 1 imported",
        ] {
            assert!(s.contains(want), "missing {want:?} in\n{s}");
        }
    }

    #[test]
    fn output_parses_as_rules_and_examples_code() {
        let out = convert_verbs("--- PULL_OUT [0874] ---\nPULL_OUT\n--- SNUBX [120] ---\nSNUBX\n", "t.verbs").unwrap();
        let set = crate::parse_rules(&out, "out.rules").expect("imported rules parse");
        assert_eq!(set.rules[0].verbs, vec![vec!["pull".to_string(), "out".to_string()]]);
        assert_eq!(set.rules[0].event_type, "RETREAT");
        let (kept, r) = keep_working_rules(&out, "out.rules", &mut ImportReport::new("x"));
        assert!(kept.contains("rule phx_snubx_120"), "{kept}\n{r}");
    }

    #[test]
    fn malformed_lines_are_counted_not_fatal() {
        let (out, r) = import_verbs("--- Y [---] ---\nY\n- * BUDGET [---]\n", "t.verbs");
        assert!(!out.contains("budget"), "a null pattern in a null block blocks nothing: {out}");
        assert!(r.to_string().contains("null code in a block whose verbs code nothing (nothing to block): 1"));
        let (_, r) = import_verbs("--- X [01] ---\nX\n- * &NOPE [011]\n- * VENTURE (WITH VISIT)  VISIT)[042:043]\n+WORD\n", "t.verbs");
        let s = r.to_string();
        assert!(s.contains("unknown synset: 1"), "{s}");
        assert!(s.contains("verb pattern: 2 read, 0 imported"), "{s}");
    }
}
