//! Importer for TABARI/PETRARCH actor, agent and discard dictionaries (the Phoenix
//! dictionaries of PETRARCH2 among them).
//!
//! [`import`] turns one file into griot's line format (`lexicon/actors/FORMAT.md`) and an
//! [`ImportReport`] that says, per construct, how many entries were read, how many came in
//! and why the others did not. [`convert`] is the same without the report. What it reads:
//!
//! - **Actor records**: a primary phrase line (`HAMID_KARZAI_`), `+SYNONYM` lines, and codes,
//!   inline after a phrase (`ABU_NIDAL_ORGANIZATION [IMGMUSALQ]`, several `[..]` in a row)
//!   or on indented code lines after the phrases. All phrases of a record share its codes.
//!   `_` joins words; a trailing `_` (whole word) and its absence (TABARI stem match) both
//!   become whole-word phrases. A parenthesised acronym at the end of a phrase is dropped.
//! - **Codes**: CAMEO actor codes, a root (a country, `IGO`, `NGO`, `MNC`, `IMG`) followed by
//!   three-letter groups (`AFGGOV`, `IGOUNOREFHCR`, `NGOUSAHLH`); the first group that is a
//!   PLOVER sector gives the sector (INS, SEP -> REB; MED -> JRN; HLH -> MED; CHR, MUS, JEW,
//!   HIN, BUD -> REL), the others are dropped and counted. A bare group (`[ELI]`) is a sector
//!   without a country. `[---]` is a placeholder: no code.
//! - **Date restrictions**: `>DATE` (on or after), `<DATE` (on or before), `DATE-DATE`
//!   (inclusive), `DATE` alone (taken as on or after); dates YYMMDD (00-30 read as 20YY, as
//!   PETRARCH2 does) or YYYYMMDD. A record with any dated code is a **person**: each code
//!   becomes one `person` line with its range; the undated default code is written last, so
//!   that on an article date the first code in force wins and the default applies only when
//!   none does (griot-extract picks the first valid sense). Malformed dates skip the code.
//! - **Agents**: `PHRASE {PLURAL} [~CODE]` (`~` appends the agent to the actor's code; `CODE~`
//!   prepends it: `[IGO~]`), `{}` for no plural, regular plurals generated (S, Y -> IES, SS ->
//!   SSES, ...), `!NAME! = a, b` substitution sets expanded at each `!NAME!`. A blank inside an
//!   agent phrase (TABARI: words may stand between) is imported as adjacent words.
//! - **Discards** (files whose name holds `discard`, or [`Kind::Discards`]): one phrase a line,
//!   `+` for story-level; they become `not` lines (no actor inside a sports or entertainment
//!   name). griot has no sentence or story discarding; bare years are skipped.
//! - Comments: `#` to the end of the line, `;` after a code, and `<!-- ... -->` blocks (also
//!   over several lines).
//!
//! Kinds are guessed, since TABARI does not record them: dated codes make a person, a bare
//! country code a country, `IGO..` an IGO, a REB sector (or `IMG`) a group, anything else an
//! organisation. Phrases are written in title case (one-word acronyms of up to three letters
//! and words with a dot stay upper case); agent phrases are lower case.
//!
//! [`Filters`] drop phrases that would give junk mentions on real news: one-word phrases of
//! one or two letters, griot stop words, common English words (a set the caller supplies,
//! e.g. words seen mostly in lower case in news), single given names, phrases made only of
//! common words, and place names (a set the caller supplies) among the non-primary phrases
//! of country records and the one-word aliases of people: each is counted in the report.
//!
//! ```
//! let out = griot_lexicon::tabari::convert("NIGER_ [NER]\n+NIGERIEN_\n", "x.txt").unwrap();
//! assert!(out.contains("country NER : Niger | Nigerien"));
//! ```

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
pub use griot_text::report::ImportReport;

use crate::LexiconError;

/// What a file holds (guessed from its name and contents by [`Kind::guess`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Actor and agent dictionaries (both may be mixed in one file).
    Actors,
    /// Discard phrases.
    Discards,
}

impl Kind {
    pub fn guess(file: &str, text: &str) -> Kind {
        let name = file.rsplit('/').next().unwrap_or(file).to_ascii_lowercase();
        if name.contains("discard") {
            return Kind::Discards;
        }
        // A discard file has no bracketed code at all.
        let coded = text.lines().filter(|l| !l.trim_start().starts_with('#') && l.contains('[')).count();
        let lines = text.lines().filter(|l| { let t = l.trim(); !t.is_empty() && !t.starts_with('#') }).count();
        if coded == 0 && lines > 0 {
            Kind::Discards
        } else {
            Kind::Actors
        }
    }
}

/// Phrases to leave out (see the module documentation). All sets hold lower-case words.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Words that are common English words (a one-word phrase of these is junk).
    pub common_words: HashSet<String>,
    pub given_names: HashSet<String>,
    pub stop_words: HashSet<String>,
    /// Place names (cities, regions) that the gazetteer resolves.
    pub places: HashSet<String>,
    /// Also leave out phrases made only of common words (generic institution names such as
    /// "Supreme Court" that a country file ties to one country).
    pub generic_phrases: bool,
    /// One-word agent phrases that name no actor alone ("community", "people").
    pub generic_agents: HashSet<String>,
}

const CONNECTORS: &[&str] = &["of", "the", "and", "for", "de", "del", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "du", "da", "des", "in", "on", "on", "at", "to", "y", "e"];

/// `BARACK_OBAMA_` -> `Barack Obama`; `agent` lower-cases everything.
fn phrase_text(words: &[&str], agent: bool) -> String {
    let single = words.len() == 1;
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if agent {
            out.push(lower);
        } else if w.contains('.') || (single && w.chars().filter(|c| c.is_alphabetic()).count() <= 3 && w.chars().all(|c| !c.is_lowercase())) {
            out.push(w.to_string());
        } else if i > 0 && CONNECTORS.contains(&lower.as_str()) {
            out.push(lower);
        } else {
            // Title case each hyphen part: "AL-QAEDA" -> "Al-Qaeda", "ABU-BAKR-AL" -> "Abu-Bakr-al".
            let n_parts = lower.split('-').count();
            let parts: Vec<String> = lower
                .split('-')
                .enumerate()
                .map(|(j, p)| {
                    if (i > 0 || j > 0) && j + 1 < n_parts && CONNECTORS.contains(&p) {
                        return p.to_string();
                    }
                    let mut cs = p.chars();
                    match cs.next() {
                        Some(c) => c.to_uppercase().chain(cs).collect(),
                        None => String::new(),
                    }
                })
                .collect();
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

/// YYMMDD or YYYYMMDD -> a date; None when malformed.
fn parse_tabari_date(d: &str) -> Option<NaiveDate> {
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match d.len() {
        6 => {
            let yy: i32 = d[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &d[2..])
        }
        8 => (d[..4].parse().ok()?, &d[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// One code with its validity, in griot terms.
#[derive(Debug, Clone, PartialEq)]
struct Code {
    /// `~X` or `X~` agent codes.
    agent: bool,
    /// Root: a country code, IGO, NGO, MNC, IMG; None for a bare sector (`[ELI]`).
    root: Option<String>,
    /// IGO: the organisation (UNO, EUR, ...).
    igo: Option<String>,
    sector: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dated: bool,
    raw: String,
}

impl Code {
    fn range(&self) -> Option<String> {
        if !self.dated {
            return None;
        }
        Some(format!("{}..{}", self.from.map(|d| d.to_string()).unwrap_or_default(), self.to.map(|d| d.to_string()).unwrap_or_default()))
    }
}

/// CAMEO role group -> PLOVER sector.
fn map_sector(s: &str) -> Option<&'static str> {
    Some(match s {
        "GOV" => "GOV",
        "MIL" => "MIL",
        "REB" | "INS" | "SEP" => "REB",
        "OPP" => "OPP",
        "PTY" => "PTY",
        "COP" => "COP",
        "JUD" => "JUD",
        "LEG" => "LEG",
        "SPY" => "SPY",
        "CVL" => "CVL",
        "BUS" | "MNC" => "BUS",
        "MED" | "JRN" => "JRN",
        "HLH" => "MED",
        "REL" | "CHR" | "MUS" | "JEW" | "HIN" | "BUD" | "CTH" | "PRO" | "MOS" => "REL",
        "EDU" => "EDU",
        "LAB" => "LAB",
        "REF" => "REF",
        "UAF" => "UAF",
        "CRM" => "CRM",
        "AGR" => "AGR",
        "ELI" => "ELI",
        "ENV" => "ENV",
        "PRM" => "PRM",
        "NGO" => "NGO",
        "IGO" => "IGO",
        _ => return None,
    })
}

const SPECIAL_ROOTS: &[&str] = &["IGO", "NGO", "MNC", "IMG"];

/// Parses the inside of `[...]`; Err(reason) when the code cannot be used.
fn parse_code(inner: &str, report: &mut ImportReport, construct: &str) -> Result<Code, String> {
    let mut parts = inner.split_whitespace();
    let raw = parts.next().ok_or("empty code in brackets")?;
    if raw.chars().all(|c| c == '-') {
        return Err("placeholder code `[---]` (no code)".into());
    }
    let prefix = raw.ends_with('~') && !raw.starts_with('~');
    let agent = raw.starts_with('~') || prefix;
    let code = raw.trim_matches('~');
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("code is not letters and digits".into());
    }
    let code = code.to_ascii_uppercase();
    let mut c = Code { agent, root: None, igo: None, sector: None, from: None, to: None, dated: false, raw: inner.trim().to_string() };
    let groups: Vec<&str> = (0..code.len()).step_by(3).map(|i| &code[i..(i + 3).min(code.len())]).collect();
    if agent {
        if prefix {
            c.sector = map_sector(&code).map(str::to_string);
        } else {
            c.sector = groups.iter().find_map(|g| map_sector(g)).map(str::to_string);
        }
        if c.sector.is_none() {
            return Err("agent code has no PLOVER sector".into());
        }
        if groups.first().map_or(false, |g| map_sector(g).is_none()) {
            report.changed(construct, "agent code's first group is no PLOVER sector; a later group gives the sector", raw);
        }
    } else if code.len() < 3 {
        return Err("code shorter than three letters".into());
    } else if code.len() == 3 && map_sector(&code).is_some() && !SPECIAL_ROOTS.contains(&code.as_str()) {
        c.sector = map_sector(&code).map(str::to_string);
    } else {
        let mut root = groups[0].to_string();
        if root == "INT" {
            report.changed(construct, "root INT (international) read as IMG", raw);
            root = "IMG".into();
        }
        let mut rest = &groups[1..];
        if root == "IGO" {
            if let Some(first) = rest.first() {
                c.igo = Some(first.to_string());
                rest = &rest[1..];
            }
        } else if root == "NGO" || root == "MNC" {
            // NGOUSAHLH: a country group may follow the root; it is dropped.
            if rest.first().map_or(false, |g| map_sector(g).is_none()) {
                rest = &rest[1..];
            }
        }
        c.root = Some(root.clone());
        c.sector = rest.iter().find_map(|g| map_sector(g)).map(str::to_string);
        if root == "IMG" && c.sector.as_deref().map_or(true, |s| s == "REL") {
            // IMGMUSALQ: a militarized group; MUS says its religion, not its sector.
            c.sector = Some("REB".into());
        }
        if root == "MNC" && c.sector.is_none() {
            c.sector = Some("BUS".into());
        }
        let dropped: Vec<&&str> = rest.iter().filter(|g| map_sector(g).is_none() || Some(map_sector(g).unwrap()) != c.sector.as_deref()).collect();
        if !dropped.is_empty() {
            report.changed(construct, "role groups that are no PLOVER sector (or after the first sector) dropped from the code", raw);
        }
    }
    let dates: Vec<&str> = parts.collect();
    let r = dates.join("");
    if !r.is_empty() {
        c.dated = true;
        if let Some(d) = r.strip_prefix('>') {
            c.from = Some(parse_tabari_date(d).ok_or("malformed date in restriction")?);
        } else if let Some(d) = r.strip_prefix('<') {
            c.to = Some(parse_tabari_date(d).ok_or("malformed date in restriction")?);
        } else if let Some((a, b)) = r.split_once('-') {
            let (a, b) = (parse_tabari_date(a).ok_or("malformed date in restriction")?, parse_tabari_date(b).ok_or("malformed date in restriction")?);
            if a > b {
                return Err("date range ends before it starts".into());
            }
            c.from = Some(a);
            c.to = Some(b);
        } else {
            c.from = Some(parse_tabari_date(&r).ok_or("malformed date in restriction")?);
            report.changed(construct, "single date without `<` or `>` taken as `on or after`", raw);
        }
    }
    Ok(c)
}

/// Removes `<!-- ... -->` blocks (possibly over several lines), keeping line numbers.
fn strip_xml_comments(text: &str, report: &mut ImportReport) -> String {
    if !text.contains("<!--") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        let after = &rest[a + 4..];
        let end = after.find("-->").map(|e| e + 3).unwrap_or(after.len());
        let body = &after[..end.min(after.len())];
        report.imported("comment block <!-- -->");
        for c in body.chars() {
            if c == '\n' {
                out.push('\n');
            }
        }
        rest = &after[end.min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// One record of an actor or agent file.
#[derive(Default)]
struct Record {
    /// (raw phrase, line, explicit plurals, no plural) — the first is the primary phrase.
    phrases: Vec<(String, usize, Vec<String>, bool)>,
    codes: Vec<Code>,
    line: usize,
    agent: bool,
    /// Some `[..]` was written for the record (even if unusable).
    had_code: bool,
}

struct Out {
    text: String,
    seen: HashSet<String>,
}

impl Out {
    fn line(&mut self, header: &str, phrases: &[String], report: &mut ImportReport, construct: &str) -> bool {
        let mut fresh = Vec::new();
        for p in phrases {
            if self.seen.insert(format!("{header}\u{1}{p}")) {
                fresh.push(p.clone());
            }
        }
        if fresh.len() < phrases.len() {
            report.changed(construct, "phrases repeated from an earlier record with the same code dropped", &phrases[0]);
        }
        if fresh.is_empty() {
            return false;
        }
        self.text.push_str(header);
        self.text.push_str(" : ");
        self.text.push_str(&fresh.join(" | "));
        self.text.push('\n');
        true
    }
}

/// Regular English plural of the last word ("SOLDIER" -> "SOLDIERS", "ARMY" -> "ARMIES").
fn plural(p: &str) -> String {
    let (head, last) = match p.rfind(' ') {
        Some(i) => (&p[..=i], &p[i + 1..]),
        None => ("", p),
    };
    let l = last.to_lowercase();
    let vowel_y = l.len() >= 2 && l.ends_with('y') && matches!(l.as_bytes()[l.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    let pl = if l.ends_with("man") {
        format!("{}men", &last[..last.len() - 3])
    } else if l.ends_with('y') && !vowel_y {
        format!("{}ies", &last[..last.len() - 1])
    } else if l.ends_with('s') || l.ends_with('x') || l.ends_with('z') || l.ends_with("ch") || l.ends_with("sh") {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{pl}")
}

/// Checks one phrase against the filters; Some(reason) to leave it out.
fn junk(words: &[&str], primary: bool, country_record: bool, person: bool, agent: bool, f: &Filters) -> Option<&'static str> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let joined = lower.join(" ");
    if words.len() == 1 {
        let w = &lower[0];
        if w.chars().filter(|c| c.is_alphanumeric()).count() <= 2 {
            return Some("one-word phrase of one or two letters");
        }
        if w.chars().all(|c| c.is_ascii_digit()) {
            return Some("number");
        }
        if f.stop_words.contains(w) {
            return Some("griot stop word");
        }
        if agent {
            // Agents are role nouns: common words by nature; only collective nouns that
            // name no actor alone are left out.
            if f.generic_agents.contains(w) {
                return Some("generic collective noun (names no actor alone)");
            }
            return None;
        }
        if f.common_words.contains(w) {
            return Some("common English word (seen mostly in lower case in news)");
        }
        if f.given_names.contains(w) {
            return Some("single given name");
        }
    } else if !agent && f.generic_phrases && lower.iter().all(|w| f.common_words.contains(w) || CONNECTORS.contains(&w.as_str())) {
        return Some("phrase made only of common English words");
    }
    if ((country_record && !primary) || (person && words.len() == 1)) && f.places.contains(&joined) {
        return Some("place name left to the gazetteer");
    }
    None
}

/// Splits a raw phrase into words (`_` and blanks), or a reason to skip it.
fn phrase_words(raw: &str) -> Result<(Vec<String>, Vec<&'static str>), &'static str> {
    let mut notes = Vec::new();
    let mut p = raw.trim().to_string();
    if p.contains('\u{FFFD}') {
        return Err("replacement character (U+FFFD) in phrase");
    }
    if p.chars().any(|c| c.is_control() && c != '\t') {
        return Err("control character in phrase");
    }
    if p.contains(['|', ';', ':', '"', '#']) {
        return Err("character that griot's format reserves (| ; : \" #)");
    }
    // A parenthesised acronym at the end: "ANIMAL_LIBERATION_FRONT_(ALF)_".
    let trimmed = p.trim_end_matches('_').to_string();
    if trimmed.ends_with(')') {
        if let Some(i) = trimmed.rfind('(') {
            p = trimmed[..i].to_string();
            notes.push("parenthesised acronym at the end dropped");
        }
    }
    if !raw.trim().ends_with('_') {
        notes.push("stem phrase (no final `_`) imported as whole words");
    }
    let words: Vec<String> = p.split(['_', ' ', '\t']).filter(|w| !w.is_empty()).map(str::to_string).collect();
    if words.is_empty() || !words.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
        return Err("phrase has no letters or digits");
    }
    if words.iter().any(|w| w.contains(['(', ')', '[', ']', '{', '}'])) {
        return Err("brackets inside the phrase");
    }
    Ok((words, notes))
}

/// Converts a TABARI/PETRARCH actor, agent or discard dictionary to griot's format.
pub fn convert(text: &str, file: &str) -> Result<String, LexiconError> {
    Ok(import(text, file, &Filters::default()).0)
}

/// Converts a dictionary and reports what came in; never fails on the contents (malformed
/// entries are skipped and counted).
pub fn import(text: &str, file: &str, filters: &Filters) -> (String, ImportReport) {
    let kind = Kind::guess(file, text);
    import_as(text, file, kind, filters)
}

/// [`import`] with the kind of file given.
pub fn import_as(text: &str, file: &str, kind: Kind, filters: &Filters) -> (String, ImportReport) {
    let mut report = ImportReport::new(file);
    let text = strip_xml_comments(text, &mut report);
    let mut out = Out { text: format!("# converted from the TABARI/PETRARCH dictionary {file}\n"), seen: HashSet::new() };
    match kind {
        Kind::Discards => discards(&text, &mut out, &mut report, filters),
        Kind::Actors => actors(&text, &mut out, &mut report, filters),
    }
    (out.text, report)
}

fn discards(text: &str, out: &mut Out, report: &mut ImportReport, filters: &Filters) {
    const C: &str = "discard phrase";
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, line),
        };
        let words: Vec<&str> = phrase.trim_end_matches('_').split_whitespace().collect();
        if words.len() == 1 && words[0].chars().all(|c| c.is_ascii_digit()) {
            report.skipped(C, "bare year or number (griot discards no sentences; it would block nothing)", phrase);
            continue;
        }
        if phrase.contains(['|', ';', ':', '"']) || words.is_empty() {
            report.skipped(C, "character that griot's format reserves (| ; : \")", phrase);
            continue;
        }
        if words.len() == 1 && (filters.common_words.contains(&words[0].to_lowercase()) || filters.stop_words.contains(&words[0].to_lowercase())) {
            report.skipped(C, "one common word (a `not` entry would block it everywhere)", phrase);
            continue;
        }
        let t = phrase_text(&words, false);
        if out.line("not", &[t], report, C) {
            report.imported(C);
            if story {
                report.changed(C, "story-level discard (`+`) imported as a `not` phrase (griot keeps the story)", phrase);
            } else {
                report.changed(C, "sentence-level discard imported as a `not` phrase (no actor inside it; the sentence is kept)", phrase);
            }
            if !phrase.ends_with('_') {
                report.changed(C, "stem (no final `_`) imported as whole words", phrase);
            }
        } else {
            report.skipped(C, "duplicate phrase", phrase);
        }
    }
}

/// Finds `[..]` and `{..}` groups; returns (phrase part, plurals, codes inside brackets).
fn split_line(line: &str) -> (String, Vec<String>, bool, Vec<String>) {
    let mut phrase = String::new();
    let mut plurals = Vec::new();
    let mut no_plural = false;
    let mut codes = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            // A mismatched closing `}` is tolerated: "[~ENV}".
            let end = r.find(']').or_else(|| r.find('}')).unwrap_or(r.len());
            codes.push(r[..end].to_string());
            rest = r.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix('{') {
            let end = r.find('}').unwrap_or(r.len());
            let forms: Vec<String> = r[..end].split_whitespace().map(str::to_string).collect();
            if forms.is_empty() {
                no_plural = true;
            }
            plurals.extend(forms);
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['[', '{']).unwrap_or(rest.len());
            phrase.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    (phrase.trim().to_string(), plurals, no_plural, codes)
}

fn actors(text: &str, out: &mut Out, report: &mut ImportReport, filters: &Filters) {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut rec = Record::default();
    let mut carry: Vec<(String, usize, Vec<String>, bool)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        // `#` comments; `;` comments after a code (TABARI).
        let line = raw.split('#').next().unwrap_or("").split(';').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        // Substitution sets: `!PERSON! = MAN, MEN, ...`.
        if line.starts_with('!') && line.contains('=') {
            let (name, forms) = line.split_once('=').unwrap_or((line, ""));
            let forms: Vec<String> = forms.split(',').map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect();
            report.imported("substitution set !NAME!");
            sets.insert(name.trim().to_string(), forms);
            continue;
        }
        if line.starts_with('<') {
            report.skipped("actor record", "compound-actor or XML line `<...>`", line);
            continue;
        }
        let (phrase, plurals, no_plural, codes) = split_line(line);
        let mut parsed = Vec::new();
        for c in &codes {
            let cc = if c.contains('~') { "agent code" } else { "actor code" };
            match parse_code(c, report, cc) {
                Ok(code) => {
                    report.imported(cc);
                    parsed.push(code);
                }
                Err(reason) => report.skipped(cc, &reason, &format!("line {n}: [{c}]")),
            }
        }
        if let Some(syn) = phrase.strip_prefix('+') {
            if rec.phrases.is_empty() {
                report.skipped("synonym line", "synonym before any record", &format!("line {n}: {line}"));
                continue;
            }
            report.imported("synonym line");
            rec.had_code |= !codes.is_empty();
            rec.phrases.push((syn.trim().to_string(), n, plurals, no_plural));
            rec.codes.extend(parsed);
            continue;
        }
        if phrase.is_empty() {
            // A code line belongs to the record above.
            if rec.phrases.is_empty() {
                report.skipped("code line", "code line before any record", &format!("line {n}: {line}"));
                continue;
            }
            report.imported("code line");
            rec.had_code = true;
            rec.codes.extend(parsed);
            continue;
        }
        if !rec.had_code && !rec.phrases.is_empty() && !rec.agent {
            // A primary phrase without codes followed by another record: PETRARCH's files
            // list a person's name variants so ("IVO_JOSIPOVIC_" then "PRESIDENT_JOSIPOVIC_").
            report.changed("actor record", "record without codes joined to the next record", &rec.phrases[0].0);
            carry.append(&mut rec.phrases);
        } else {
            flush(&mut rec, out, report, filters, &sets);
        }
        rec = Record::default();
        rec.line = n;
        rec.agent = codes.iter().any(|c| c.contains('~'));
        rec.had_code = !codes.is_empty();
        rec.phrases.push((phrase, n, plurals, no_plural));
        if !rec.agent {
            rec.phrases.append(&mut carry);
        } else {
            carry.clear();
        }
        rec.codes = parsed;
    }
    flush(&mut rec, out, report, filters, &sets);
}

/// Expands `!NAME!` in a raw phrase with the substitution sets.
fn expand(raw: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = raw.find('!') else { return Ok(vec![raw.to_string()]) };
    let Some(len) = raw[a + 1..].find('!') else { return Err("unmatched `!` in phrase".into()) };
    let name = &raw[a..a + len + 2];
    let forms = sets.get(name).ok_or_else(|| format!("unknown substitution set {name}"))?;
    let mut out = Vec::new();
    for f in forms {
        for e in expand(&format!("{}{}{}", &raw[..a], f, &raw[a + len + 2..]), sets)? {
            out.push(e);
        }
    }
    Ok(out)
}

fn flush(rec: &mut Record, out: &mut Out, report: &mut ImportReport, f: &Filters, sets: &HashMap<String, Vec<String>>) {
    let rec = std::mem::take(rec);
    if rec.phrases.is_empty() {
        return;
    }
    let agent = rec.agent || rec.codes.iter().any(|c| c.agent);
    let construct = if agent { "agent entry" } else { "actor record" };
    let example = rec.phrases[0].0.clone();
    if rec.codes.is_empty() {
        report.skipped(construct, "no usable code", &format!("line {}: {}", rec.line, example));
        return;
    }
    let person = !agent && rec.codes.iter().any(|c| c.dated);
    let country_record = !agent && !person && rec.codes.iter().all(|c| c.root.as_deref().map_or(false, |r| !SPECIAL_ROOTS.contains(&r)) && c.sector.is_none());
    // Phrases, filtered.
    let mut phrases: Vec<String> = Vec::new();
    let pc = if agent { "agent phrase" } else { "actor phrase" };
    for (pi, (raw, _line, plurals, no_plural)) in rec.phrases.iter().enumerate() {
        let expanded = match expand(raw, sets) {
            Ok(e) => e,
            Err(reason) => {
                report.skipped(pc, &reason, raw);
                continue;
            }
        };
        let substituted = expanded.len() > 1 || raw.contains('!');
        if substituted {
            report.changed(pc, "!NAME! substitution set expanded", raw);
        }
        let mut forms: Vec<(String, bool)> = expanded.into_iter().map(|e| (e, true)).collect();
        for pl in plurals {
            forms.push((pl.clone(), false));
        }
        for (k, (form, regular_plural)) in forms.into_iter().enumerate() {
            let (words, notes) = match phrase_words(&form) {
                Ok(x) => x,
                Err(reason) => {
                    report.skipped(pc, reason, &form);
                    continue;
                }
            };
            let wr: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some(reason) = junk(&wr, pi == 0 && k == 0, country_record, person, agent, f) {
                report.skipped(pc, reason, &form);
                continue;
            }
            for note in notes {
                if !agent || note != "stem phrase (no final `_`) imported as whole words" {
                    report.changed(pc, note, &form);
                }
            }
            if agent && form.contains(' ') {
                report.changed(pc, "blank between words (TABARI: words may stand between) imported as adjacent words", &form);
            }
            let t = phrase_text(&wr, agent);
            if !phrases.contains(&t) {
                report.imported(pc);
                phrases.push(t.clone());
            } else {
                report.skipped(pc, "repeated within its record", &form);
            }
            // Agents: regular plural unless `{}` or explicit forms or a substitution set.
            if agent && regular_plural && !no_plural && plurals.is_empty() && !substituted {
                let p = plural(&t);
                if !phrases.contains(&p) {
                    report.imported("agent plural generated");
                    phrases.push(p);
                }
            }
        }
    }
    if phrases.is_empty() {
        report.skipped(construct, "every phrase filtered out", &format!("line {}: {}", rec.line, example));
        return;
    }
    let mut wrote = false;
    if agent {
        let mut sectors: Vec<&str> = Vec::new();
        for c in &rec.codes {
            if let Some(s) = c.sector.as_deref() {
                if !sectors.contains(&s) {
                    sectors.push(s);
                }
            }
        }
        if sectors.len() > 1 {
            report.changed(construct, "several agent codes: the first is kept", &example);
        }
        if let Some(s) = sectors.first() {
            wrote = out.line(&format!("agent {s}"), &phrases, report, construct);
        }
    } else {
        // Dated codes first, in file order, then the defaults: the first code in force wins.
        let mut codes: Vec<&Code> = rec.codes.iter().filter(|c| c.dated).collect();
        codes.extend(rec.codes.iter().filter(|c| !c.dated));
        let mut headers: Vec<String> = Vec::new();
        for c in codes {
            if c.agent {
                report.changed(construct, "agent code in an actor record dropped", &c.raw);
                continue;
            }
            let (kind, code) = if person {
                let code = match (c.root.as_deref(), &c.igo) {
                    (Some("IGO"), Some(igo)) => igo.clone(),
                    (Some(r), _) => r.to_string(),
                    (None, _) => "-".into(),
                };
                ("person", code)
            } else if let Some(igo) = &c.igo {
                ("igo", igo.clone())
            } else {
                match c.root.as_deref() {
                    Some("IGO") => ("igo", "-".into()),
                    Some("NGO") => ("org", "NGO".into()),
                    Some("MNC") => ("org", "MNC".into()),
                    Some("IMG") => ("group", "IMG".into()),
                    Some(r) if c.sector.is_none() => ("country", r.to_string()),
                    Some(r) if c.sector.as_deref() == Some("REB") => ("group", r.to_string()),
                    Some(r) => ("org", r.to_string()),
                    None => ("org", "-".into()),
                }
            };
            let mut h = format!("{kind} {code}");
            if let Some(s) = &c.sector {
                h.push(' ');
                h.push_str(s);
            }
            if let Some(r) = c.range() {
                h.push(' ');
                h.push_str(&r);
            }
            if kind == "person" && !c.dated && rec.codes.iter().filter(|x| !x.dated).count() > 1 && headers.iter().any(|x| !x.contains("..")) {
                report.changed(construct, "several undated codes: the first default is kept", &c.raw);
                continue;
            }
            if headers.contains(&h) {
                continue;
            }
            if out.line(&h, &phrases, report, construct) {
                wrote = true;
            }
            headers.push(h);
        }
    }
    if wrote {
        report.imported(construct);
        if person {
            report.imported("person with dated roles");
        }
    } else {
        report.skipped(construct, "duplicate of an earlier record", &format!("line {}: {}", rec.line, example));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str) -> String {
        s.lines().filter(|l| !l.starts_with("# converted")).collect::<Vec<_>>().join("\n")
    }

    fn check(input: &str, expected: &str) {
        let got = convert(input, "t.txt").unwrap();
        assert_eq!(body(&got), expected);
    }

    #[test]
    fn actors() {
        check("NIGER_ [NER]\n+NIGERIEN_ ; adjective\n", "country NER : Niger | Nigerien");
        check("# header\nEGYPTIAN_ARMY_ [EGYMIL]\n", "org EGY MIL : Egyptian Army");
        check(
            "ABDEL_FATTAH_AL-SISI_ [EGYMIL <140608] [EGYGOV >140609]\n+SISI_\n",
            "person EGY MIL ..2014-06-08 : Abdel Fattah al-Sisi | Sisi\nperson EGY GOV 2014-06-09.. : Abdel Fattah al-Sisi | Sisi",
        );
        check("BARACK_OBAMA_\n+PRESIDENT_OBAMA_\n[USAGOV 20090120-20170120]\n", "person USA GOV 2009-01-20..2017-01-20 : Barack Obama | President Obama");
        check("UNITED_NATIONS_ [IGOUNO]\n+UN\nTALIBAN_ [AFGREB]\n", "igo UNO : United Nations\ngroup AFG REB : Taliban");
        check("ABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl 21 Mar 13\n", "group IMG REB : Abu Nidal Organization");
        check("RED_CROSS_ [NGOHLHIRC]\nACME_CORP_ [MNCUSA]\n", "org NGO MED : Red Cross\norg MNC BUS : Acme Corp");
    }

    #[test]
    fn person_records_with_indented_code_lines_and_defaults() {
        let input = "HAMID_KARZAI_  # CountryInfo.txt\n+KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\n\t[AFGELI]\n";
        check(input, "person AFG ELI 1975-01-01..2000-01-01 : Hamid Karzai | Karzai\nperson AFG GOV 2001-12-22.. : Hamid Karzai | Karzai\nperson AFG ELI : Hamid Karzai | Karzai");
        // Two-digit years 00-30 are 20YY; `<` is inclusive; a bare sector has no country.
        check("KOFI_ANNAN_\t\n\t[IGOUNO 970101-061231] \n\t[ELI]# IGOrulers.txt\n", "person UNO 1997-01-01..2006-12-31 : Kofi Annan\nperson - ELI : Kofi Annan");
        check("ALPHA_BETA_ [USRARM <300101]\n", "person USR ..2030-01-01 : Alpha Beta");
    }

    #[test]
    fn placeholders_malformed_dates_and_report() {
        let (out, r) = import("JEAN_MARIE_GUEHENNO_\t[IGOUNO 000101-080801] [---] #BK\nBAD_DATE_ [ARMUNR 9008223-911221]\nONE_DATE_ [MNEGOV 20121204]\n", "t.txt", &Filters::default());
        assert_eq!(body(&out), "person UNO 2000-01-01..2008-08-01 : Jean Marie Guehenno\nperson MNE GOV 2012-12-04.. : One Date");
        assert_eq!(r.count("actor code"), (4, 2));
        let s = r.to_string();
        assert!(s.contains("placeholder code `[---]` (no code): 1"), "{s}");
        assert!(s.contains("malformed date in restriction: 1"), "{s}");
        assert!(s.contains("no usable code: 1"), "{s}");
        assert!(s.contains("single date without"), "{s}");
    }

    #[test]
    fn comments_of_every_kind() {
        check("<!-- a block\nFOO_ [USA]\n-->\nNIGER_ [NER] # trailing\n# whole line\nMALI_ [MLI] ; tabari comment\n", "country NER : Niger\ncountry MLI : Mali");
        let (_, r) = import("<!-- x -->\nNIGER_ [NER]\n", "t.txt", &Filters::default());
        assert_eq!(r.count("comment block <!-- -->"), (1, 0));
    }

    #[test]
    fn agents() {
        check("SOLDIER_ {SOLDIERS_} [~MIL]\nPOLICEMAN [~COP] # x\n", "agent MIL : soldier | soldiers\nagent COP : policeman | policemen");
        check("MERCHANT [~BUS]\nARMY [~MIL]\nWITNESS [~CVL]\n", "agent BUS : merchant | merchants\nagent MIL : army | armies\nagent CVL : witness | witnesses");
        check("AMBASSADOR_TO {} [~GOV]\nOBSERVERS_IN [IGO~]\n", "agent GOV : ambassador to\nagent IGO : observers in | observers ins");
        check("ISLAMIC_EXTREMIST_GROUP [~MUSRAD]\nCLERIC [~RADMUS]\nODD [~RAD]\n", "agent REL : islamic extremist group | islamic extremist groups\nagent REL : cleric | clerics");
        check("!PERSON! = MAN, MEN\nCATTLE!PERSON! [~AGR]\nHUSBAND!PERSON![~AGR]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\n", "agent AGR : cattleman | cattlemen\nagent AGR : husbandman | husbandmen\nagent ENV : deparment of environment | deparment of environments");
        let (_, r) = import("!P! = A, B\nX!Q! [~GOV]\nODD [~RAD]\n", "t.txt", &Filters::default());
        let s = r.to_string();
        assert!(s.contains("unknown substitution set !Q!: 1"), "{s}");
        assert!(s.contains("agent code has no PLOVER sector: 1"), "{s}");
    }

    #[test]
    fn discards() {
        let (out, r) = import_as("MONTHS LATER\n1914\n+Manchester United   # pas\nGROUP A_\n", "d.txt", Kind::Discards, &Filters::default());
        assert_eq!(body(&out), "not : Months Later\nnot : Manchester United\nnot : Group A");
        assert_eq!(r.count("discard phrase"), (4, 1));
        assert_eq!(Kind::guess("Phoenix.discards.txt", ""), Kind::Discards);
    }

    #[test]
    fn filters_drop_junk() {
        let mut f = Filters::default();
        f.common_words.extend(["house", "of", "representatives", "bush"].map(String::from));
        f.generic_phrases = true;
        f.generic_agents.insert("community".into());
        f.given_names.insert("george".into());
        f.places.insert("herat".into());
        f.stop_words.insert("however".into());
        let (out, r) = import("AFGHANISTAN_ [AFG]\n+HERAT_\n+HOWEVER\n+AF\nHOUSE_OF_REPRESENTATIVES_ [USALEG]\nGEORGE_W._BUSH_\n+GEORGE\n+BUSH\n\t[USAGOV 010120-090120]\nCOMMUNITY {} [~CVL]\nVILLAGER [~CVL]\n", "t.txt", &f);
        assert_eq!(body(&out), "country AFG : Afghanistan\nperson USA GOV 2001-01-20..2009-01-20 : George W. Bush\nagent CVL : villager | villagers");
        let s = r.to_string();
        for reason in ["place name left to the gazetteer: 1", "griot stop word: 1", "one or two letters: 1", "phrase made only of common English words: 1", "single given name: 1", "generic collective noun (names no actor alone): 1", "common English word (seen mostly in lower case in news): 1"] {
            assert!(s.contains(reason), "{reason} missing in {s}");
        }
    }

    #[test]
    fn tolerated_oddities() {
        check("ANIMAL_LIBERATION_FRONT_(ALF)_ [INTREB]\n", "group IMG REB : Animal Liberation Front");
        check("COTE_D\u{FFFD}IVOIRE_ [CIV]\nIVORY_COAST_ [CIV]\n", "country CIV : Ivory Coast");
        check("+ORPHAN_\nNIGER_ [NER]\n", "country NER : Niger");
        check("IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\n\t[HRVGOV 100218-150219]\n", "person HRV GOV 2010-02-18..2015-02-19 : President Josipovic | Ivo Josipovic");
        check("NIGER_ [NER]\nNIGER_ [NER]\n", "country NER : Niger");
    }

    #[test]
    fn output_parses_as_griot_format() {
        let out = convert("NIGER_ [NER]\nSISI_ [EGYGOV >140608]\n\t[EGYMIL]\nARMY_ [~MIL]\nKOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]\n", "t.txt").unwrap();
        let (entries, errors) = crate::lexicon::parse_file(&out, "out.txt");
        assert!(errors.is_empty(), "{errors:?}\n{out}");
        assert_eq!(entries.len(), 6, "{out}");
    }
}
