//! Actor, agent and people dictionaries, compiled into one matcher.
//!
//! The dictionaries are text files in griot's line format (spec: `lexicon/actors/FORMAT.md`).
//! The defaults in `lexicon/actors/` are embedded in the binary; user directories are layered
//! over them in order, and a later file's entry for a phrase replaces an earlier file's entry
//! for the same phrase. All phrases of actors, agents, titles and blocking (`not`) entries go
//! into one Aho-Corasick automaton built once; [`Lexicon::find_phrases`] returns every match
//! that starts and ends on a word boundary, and [`case_fits`] says whether the letters written
//! in the text fit the case of the dictionary phrase ("US" never matches "us", "Turkey" never
//! matches "turkey"). Given names, organisation words, place words and stop words are hash sets.
//!
//! ```
//! use griot_lexicon::Lexicon;
//! let lex = Lexicon::builtin().unwrap();
//! assert!(lex.lookup("Nigerien")[0].starts_with("Nigerien -> NER"));
//! ```

mod format;

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use chrono::NaiveDate;

pub use format::{parse_date, parse_file, parse_line, DateRange, EntryKind, PhraseRole, RawEntry, RawPhrase, SECTORS};

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {message}")]
    Parse { file: String, line: usize, message: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// The default dictionary files, embedded: (name shown to users, contents).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("actors/countries.txt", include_str!("../../../lexicon/actors/countries.txt")),
    ("actors/igos.txt", include_str!("../../../lexicon/actors/igos.txt")),
    ("actors/groups.txt", include_str!("../../../lexicon/actors/groups.txt")),
    ("actors/organisations.txt", include_str!("../../../lexicon/actors/organisations.txt")),
    ("actors/people.txt", include_str!("../../../lexicon/actors/people.txt")),
    ("actors/agents.txt", include_str!("../../../lexicon/actors/agents.txt")),
    ("actors/titles.txt", include_str!("../../../lexicon/actors/titles.txt")),
    ("actors/given_names.txt", include_str!("../../../lexicon/actors/given_names.txt")),
    ("actors/words.txt", include_str!("../../../lexicon/actors/words.txt")),
];

/// Where an entry was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// "builtin actors/countries.txt" or the user file's path.
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One compiled dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    /// Country or IGO code; None for `-`.
    pub code: Option<String>,
    /// Canonical name: `name=` or the first phrase.
    pub name: String,
    pub sector: Option<String>,
    /// When the entry holds (people in office, groups that became governments).
    pub valid: DateRange,
    /// Agents: a weak role word takes the sector of a stronger word before it
    /// ("military spokesperson" is MIL).
    pub weak: bool,
    pub title: Option<String>,
    pub role: Option<String>,
    /// Lower-cased words that veto a match when they occur within four tokens.
    pub unless: Vec<String>,
    pub source: Source,
    /// 0 for builtin files, then one more per user file in load order.
    pub layer: usize,
}

/// One way a dictionary phrase resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sense {
    pub entry: u32,
    pub role: PhraseRole,
    /// Sector carried by the phrase itself (seats: "the Pentagon" is MIL).
    pub sector: Option<String>,
    /// The phrase as written in the dictionary, for the case check.
    pub written: String,
}

/// A dictionary phrase found in a text, on word boundaries (case not yet checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    /// Index of the phrase key; see [`Lexicon::senses`].
    pub key: u32,
}

pub use griot_text::hash::{FnvHasher, FnvMap};

/// Actor, agent and people dictionaries, defaults layered under user files.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    keys: Vec<String>,
    senses: Vec<Vec<Sense>>,
    key_index: HashMap<String, u32>,
    matcher: Option<AhoCorasick>,
    /// Bit set of the first two bytes (ASCII lower-cased) of every phrase key: most words
    /// start no phrase, and this rejects them before the automaton is asked.
    prefix2: Vec<u64>,
    given: FnvMap<String, u32>,
    org_words: FnvMap<String, u32>,
    place_words: FnvMap<String, u32>,
    misc_words: FnvMap<String, u32>,
    stop: FnvMap<String, u32>,
    country_names: HashMap<String, String>,
}

fn category(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Agent => 1,
        EntryKind::Title => 2,
        EntryKind::Not => 3,
        _ => 0,
    }
}

/// Lower-cases ASCII letters only (the automaton folds ASCII case only).
fn fold(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// True when the words written in the text fit the case of the dictionary phrase: every
/// upper-case letter of the phrase must be upper-case in the text. Lower-case letters of the
/// phrase accept either case.
pub fn case_fits(written: &str, text: &str) -> bool {
    let mut t = text.chars();
    for p in written.chars() {
        let Some(c) = t.next() else { return false };
        if p.is_uppercase() && !c.is_uppercase() {
            return false;
        }
    }
    true
}

/// Calls `f` with `w` lower-cased, without allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if b.len() <= 48 && b.is_ascii() {
        let mut buf = [0u8; 48];
        for (i, c) in b.iter().enumerate() {
            buf[i] = c.to_ascii_lowercase();
        }
        match std::str::from_utf8(&buf[..b.len()]) {
            Ok(s) => f(s),
            Err(_) => f(&w.to_lowercase()),
        }
    } else {
        f(&w.to_lowercase())
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Lexicon {
    /// The dictionaries that ship with griot (embedded in the binary).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (name, text) in BUILTIN_FILES {
            lex.add_text(text, &format!("builtin {name}"), 0)?;
        }
        lex.compile()?;
        Ok(lex)
    }

    /// The builtin dictionaries with the files of `dirs` layered over them, in order.
    /// Within a directory, `*.txt` files are read in name order.
    pub fn load(dirs: &[&Path]) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (name, text) in BUILTIN_FILES {
            lex.add_text(text, &format!("builtin {name}"), 0)?;
        }
        let mut layer = 0;
        for dir in dirs {
            for path in dict_files(dir)? {
                layer += 1;
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
                lex.add_text(&text, &path.display().to_string(), layer)?;
            }
        }
        lex.compile()?;
        Ok(lex)
    }

    /// Adds the entries of one file's text; the first error stops.
    pub fn add_text(&mut self, text: &str, file: &str, layer: usize) -> Result<(), LexiconError> {
        let (entries, mut errors) = parse_file(text, file);
        if !errors.is_empty() {
            return Err(errors.swap_remove(0));
        }
        for e in entries {
            self.add_entry(e, file, layer);
        }
        Ok(())
    }

    fn add_entry(&mut self, e: RawEntry, file: &str, layer: usize) {
        let source = Source { file: file.to_string(), line: e.line };
        let id = self.entries.len() as u32;
        let set = match e.kind {
            EntryKind::Given => Some(&mut self.given),
            EntryKind::OrgWord => Some(&mut self.org_words),
            EntryKind::PlaceWord => Some(&mut self.place_words),
            EntryKind::MiscWord => Some(&mut self.misc_words),
            EntryKind::Stop => Some(&mut self.stop),
            _ => None,
        };
        let name = e.name.clone().or_else(|| e.phrases.first().map(|p| strip_article(&p.text).to_string())).unwrap_or_default();
        if let Some(set) = set {
            for p in &e.phrases {
                set.insert(p.text.to_lowercase(), id);
            }
        } else {
            if e.kind == EntryKind::Country {
                if let Some(code) = &e.code {
                    self.country_names.entry(code.clone()).or_insert_with(|| name.clone());
                }
            }
            let cat = category(e.kind);
            for p in &e.phrases {
                let written = strip_article(&p.text);
                let mut variants = vec![written.to_string()];
                if written.contains('\'') {
                    variants.push(written.replace('\'', "\u{2019}"));
                }
                for v in variants {
                    let key = fold(&v);
                    let k = match self.key_index.get(&key) {
                        Some(&k) => k,
                        None => {
                            let k = self.keys.len() as u32;
                            self.keys.push(key.clone());
                            self.senses.push(Vec::new());
                            self.key_index.insert(key, k);
                            k
                        }
                    };
                    let senses = &mut self.senses[k as usize];
                    let entries = &self.entries;
                    senses.retain(|s| match entries.get(s.entry as usize) {
                        Some(old) => !(category(old.kind) == cat && old.layer < layer),
                        None => true,
                    });
                    if senses.iter().any(|s| s.entry == id && s.written == v) {
                        continue;
                    }
                    senses.push(Sense { entry: id, role: p.role, sector: p.sector.clone(), written: v });
                }
            }
        }
        self.entries.push(Entry {
            kind: e.kind,
            code: e.code,
            name,
            sector: e.sector,
            valid: e.valid,
            weak: e.weak,
            title: e.title,
            role: e.role,
            unless: e.unless.iter().map(|u| u.to_lowercase()).collect(),
            source,
            layer,
        });
    }

    fn compile(&mut self) -> Result<(), LexiconError> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.keys)
            .map_err(|e| LexiconError::Parse { file: "lexicon".into(), line: 0, message: format!("cannot build the phrase matcher: {e}") })?;
        self.matcher = Some(ac);
        let mut bits = vec![0u64; 1024];
        for k in &self.keys {
            let b = k.as_bytes();
            let i = prefix_index(b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0));
            bits[i / 64] |= 1 << (i % 64);
        }
        self.prefix2 = bits;
        Ok(())
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }
    /// The ways a matched phrase key resolves.
    pub fn senses(&self, key: u32) -> &[Sense] {
        self.senses.get(key as usize).map(|v| v.as_slice()).unwrap_or(&[])
    }
    /// The canonical name of a country code ("NER" -> "Niger").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_names.get(code).map(|s| s.as_str())
    }

    /// The longest dictionary phrase starting exactly at byte `start` of `text` and ending on
    /// a word boundary (an anchored search: it reads only as far as some phrase goes).
    pub fn find_at(&self, text: &str, start: usize) -> Option<PhraseMatch> {
        let ac = self.matcher.as_ref()?;
        if start >= text.len() || !text.is_char_boundary(start) {
            return None;
        }
        let b = text.as_bytes();
        let i = prefix_index(b[start].to_ascii_lowercase(), b.get(start + 1).map_or(0, |c| c.to_ascii_lowercase()));
        if self.prefix2.get(i / 64).map_or(true, |w| w & (1 << (i % 64)) == 0) {
            // Either no phrase starts so, or a one-byte phrase ("G" alone never is one).
            return None;
        }
        let m = ac.find(Input::new(text).span(start..text.len()).anchored(Anchored::Yes))?;
        let e = m.end();
        let last_is_word = text.get(..e).and_then(|t| t.chars().next_back()).map_or(false, is_word_char);
        let after_ok = !last_is_word || text.get(e..).and_then(|t| t.chars().next()).map_or(true, |c| !is_word_char(c));
        after_ok.then(|| PhraseMatch { start, end: e, key: m.pattern().as_u32() })
    }

    /// The longest dictionary phrase at every word start of `text` that ends on a word
    /// boundary, sorted by start.
    pub fn find_phrases(&self, text: &str) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut prev_word = false;
        for (i, c) in text.char_indices() {
            let w = is_word_char(c);
            if w && !prev_word {
                if let Some(m) = self.find_at(text, i) {
                    out.push(m);
                }
            }
            prev_word = w;
        }
        out
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        with_lower(word, |w| self.given.contains_key(w))
    }
    pub fn is_org_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.org_words.contains_key(w))
    }
    pub fn is_place_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.place_words.contains_key(w))
    }
    pub fn is_misc_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.misc_words.contains_key(w))
    }
    pub fn is_stop_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.stop.contains_key(w))
    }

    /// Human-readable lines describing what `phrase` resolves to.
    pub fn lookup(&self, phrase: &str) -> Vec<String> {
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        let written = strip_article(&phrase);
        let mut out = Vec::new();
        if let Some(&k) = self.key_index.get(&fold(written)) {
            for s in &self.senses[k as usize] {
                if !case_fits(&s.written, written) {
                    continue;
                }
                let e = &self.entries[s.entry as usize];
                out.push(self.describe(written, e, Some(s)));
            }
        }
        let lower = written.to_lowercase();
        for (set, what) in [
            (&self.given, "given name"),
            (&self.org_words, "organisation word"),
            (&self.place_words, "place word"),
            (&self.misc_words, "event or other name word"),
            (&self.stop, "stop word"),
        ] {
            if let Some(&id) = set.get(&lower) {
                out.push(format!("{written} -> {what} [{}]", self.entries[id as usize].source));
            }
        }
        out
    }

    fn describe(&self, written: &str, e: &Entry, s: Option<&Sense>) -> String {
        let mut line = format!("{written} ->");
        if let Some(c) = &e.code {
            line.push(' ');
            line.push_str(c);
        }
        let sector = s.and_then(|s| s.sector.as_deref()).or(e.sector.as_deref());
        if let Some(sec) = sector {
            line.push(' ');
            line.push_str(sec);
        }
        let what = match (e.kind, s.map(|s| s.role)) {
            (EntryKind::Country, Some(PhraseRole::Adjective)) => "country adjective".to_string(),
            (EntryKind::Country, Some(PhraseRole::Seat)) => "seat of power".to_string(),
            (EntryKind::Country, _) => "country".to_string(),
            (EntryKind::Igo, _) => "international organisation".to_string(),
            (EntryKind::Organisation, _) => "organisation".to_string(),
            (EntryKind::Group, Some(PhraseRole::Adjective)) => "group adjective".to_string(),
            (EntryKind::Group, _) => "armed or militant group".to_string(),
            (EntryKind::Person, _) => "person".to_string(),
            (EntryKind::Agent, _) => if e.weak { "weak agent word".to_string() } else { "agent word".to_string() },
            (EntryKind::Title, _) => "title".to_string(),
            (EntryKind::Not, _) => "blocked: not an actor".to_string(),
            (k, _) => k.word().to_string(),
        };
        line.push_str(&format!(" ({what})"));
        if !matches!(e.kind, EntryKind::Agent | EntryKind::Not) && e.name != written {
            line.push_str(&format!(" \"{}\"", e.name));
        }
        if let Some(t) = &e.title {
            line.push_str(&format!(" title \"{t}\""));
        }
        if let Some(r) = &e.role {
            line.push_str(&format!(" role \"{r}\""));
        }
        if !e.valid.is_open() {
            line.push_str(&format!(" valid {}", e.valid));
        }
        if !e.unless.is_empty() {
            line.push_str(&format!(" unless near {}", e.unless.join(",")));
        }
        line.push_str(&format!(" [{}]", e.source));
        line
    }

    /// True when `entry` holds on `date` (always true without a date).
    pub fn valid_on(&self, entry: u32, date: Option<NaiveDate>) -> bool {
        match date {
            Some(d) => self.entry(entry).valid.contains(d),
            None => true,
        }
    }
}

fn prefix_index(a: u8, b: u8) -> usize {
    ((a as usize) << 8 | b as usize) & 0xffff
}

/// "the Kremlin" -> "Kremlin": dictionary phrases match without their article.
fn strip_article(p: &str) -> &str {
    for a in ["the ", "The "] {
        if let Some(rest) = p.strip_prefix(a) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    p
}

fn dict_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, LexiconError> {
    let rd = std::fs::read_dir(dir).map_err(|source| LexiconError::Io { path: dir.display().to_string(), source })?;
    let mut files = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|source| LexiconError::Io { path: dir.display().to_string(), source })?;
        let p = ent.path();
        if p.is_file() && p.extension().map_or(false, |x| x == "txt") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// Checks every dictionary file of `dir`; returns every error, each naming file, line and why.
pub fn check_dir(dir: &Path) -> Vec<LexiconError> {
    let files = match dict_files(dir) {
        Ok(f) => f,
        Err(e) => return vec![e],
    };
    let mut errors = Vec::new();
    if files.is_empty() {
        errors.push(LexiconError::Parse { file: dir.display().to_string(), line: 0, message: "no dictionary files (*.txt) in this directory".into() });
    }
    for path in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => errors.extend(parse_file(&text, &path.display().to_string()).1),
            Err(source) => errors.push(LexiconError::Io { path: path.display().to_string(), source }),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lex: &Lexicon, phrase: &str, expected: &[&str]) {
        let got: Vec<String> = lex.lookup(phrase).iter().map(|l| l.split(" [").next().unwrap_or("").to_string()).collect();
        assert_eq!(got, expected, "lookup {phrase:?}: {:?}", lex.lookup(phrase));
    }

    #[test]
    fn builtin_lookups() {
        let lex = Lexicon::builtin().unwrap();
        check(&lex, "Nigerien", &["Nigerien -> NER (country adjective) \"Niger\""]);
        check(&lex, "Nigerian", &["Nigerian -> NGA (country adjective) \"Nigeria\""]);
        check(&lex, "the Pentagon", &["Pentagon -> USA MIL (seat of power) \"United States\""]);
        check(&lex, "junta", &["junta -> MIL (agent word)"]);
        check(&lex, "us", &["us -> stop word"]);
        check(&lex, "turkey", &[]);
        assert!(lex.lookup("Amadou").iter().any(|l| l.contains("given name")));
    }

    #[test]
    fn builtin_files_parse_cleanly() {
        for (name, text) in BUILTIN_FILES {
            let (_, errors) = parse_file(text, name);
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }

    #[test]
    fn longest_match_and_boundaries() {
        let lex = Lexicon::builtin().unwrap();
        let text = "Papua New Guinea and Guinea-Bissau, not Nigeria's Nigerians";
        let found: Vec<&str> = lex.find_phrases(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert!(found.contains(&"Papua New Guinea"));
        assert!(found.contains(&"Guinea-Bissau"));
        assert!(found.contains(&"Nigeria"));
        assert!(!found.contains(&"Niger"), "{found:?}");
    }

    #[test]
    fn user_files_override_and_check() {
        let dir = std::env::temp_dir().join(format!("griot-lex-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("people.txt"), "person NER MIL title=\"Colonel\" : Ousmane Testa | Testa\ncountry FRA : Niamey\n").unwrap();
        let lex = Lexicon::load(&[dir.as_path()]).unwrap();
        check(&lex, "Ousmane Testa", &["Ousmane Testa -> NER MIL (person) title \"Colonel\""]);
        check(&lex, "Niamey", &["Niamey -> FRA (country)"]);
        std::fs::write(dir.join("bad.txt"), "person NER : \nagent : junta\n").unwrap();
        let errors: Vec<String> = check_dir(&dir).iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].ends_with("bad.txt:1: no phrases after `:`"), "{errors:?}");
        assert!(errors[1].ends_with("bad.txt:2: agent entry needs a sector (e.g. MIL)"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
