//! Parser of griot's line-oriented dictionary format (spec: `lexicon/actors/FORMAT.md`).
//!
//! One entry per line: `KIND [CODE] [SECTOR] [FROM..TO] [flag] [key=value]* : body`, where
//! the body is sections separated by `;`, each `[label:] phrase | phrase | ...`.
//! `#` starts a comment (outside quotes). Parsing never panics; every problem is a
//! [`LexiconError::Parse`] naming the file, the line and why.

use chrono::NaiveDate;

use super::LexiconError;

/// PLOVER sector codes (plus HLH, kept from CAMEO for health).
pub const SECTORS: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "ENV", "GOV", "HLH", "JRN", "JUD", "LAB", "LEG", "MED",
    "MIL", "OPP", "PRE", "PRM", "PTY", "REB", "REF", "REL", "SOC", "SPY", "UAF", "UNK", "IGO", "NGO",
];

/// What an entry line declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Country,
    Igo,
    Organisation,
    Group,
    Person,
    /// A role word giving a sector ("junta" -> MIL).
    Agent,
    /// A title or rank written before a person's name ("Colonel", "Prime Minister").
    Title,
    /// Given names, used to guess that an unknown capitalised name is a person.
    Given,
    /// Words that make a capitalised name an organisation ("Ministry", "Party").
    OrgWord,
    /// Words that make a capitalised name a place ("River", "Province").
    PlaceWord,
    /// Words that make a capitalised name an event, work or other name ("Cup", "War").
    MiscWord,
    /// Capitalised words that are not names on their own ("Monday", "The").
    Stop,
    /// Phrases that must not resolve to an actor although a shorter phrase inside would
    /// ("New Mexico" blocks "Mexico").
    Not,
}

impl EntryKind {
    fn parse(s: &str) -> Option<EntryKind> {
        Some(match s {
            "country" => EntryKind::Country,
            "igo" => EntryKind::Igo,
            "org" => EntryKind::Organisation,
            "group" => EntryKind::Group,
            "person" => EntryKind::Person,
            "agent" => EntryKind::Agent,
            "title" => EntryKind::Title,
            "given" => EntryKind::Given,
            "orgword" => EntryKind::OrgWord,
            "placeword" => EntryKind::PlaceWord,
            "miscword" => EntryKind::MiscWord,
            "stop" => EntryKind::Stop,
            "not" => EntryKind::Not,
            _ => return None,
        })
    }
    pub fn word(self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Igo => "igo",
            EntryKind::Organisation => "org",
            EntryKind::Group => "group",
            EntryKind::Person => "person",
            EntryKind::Agent => "agent",
            EntryKind::Title => "title",
            EntryKind::Given => "given",
            EntryKind::OrgWord => "orgword",
            EntryKind::PlaceWord => "placeword",
            EntryKind::MiscWord => "miscword",
            EntryKind::Stop => "stop",
            EntryKind::Not => "not",
        }
    }
    /// Entries naming an actor (they take a code).
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            EntryKind::Country | EntryKind::Igo | EntryKind::Organisation | EntryKind::Group | EntryKind::Person
        )
    }
}

/// How a phrase names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseRole {
    /// A name ("Niger", "United Nations").
    Name,
    /// An adjective or demonym ("Nigerien", "French").
    Adjective,
    /// A capital or seat of power standing for the government ("Niamey", "the Kremlin").
    Seat,
}

impl PhraseRole {
    pub fn word(self) -> &'static str {
        match self {
            PhraseRole::Name => "name",
            PhraseRole::Adjective => "adjective",
            PhraseRole::Seat => "seat of power",
        }
    }
}

/// Inclusive range of dates an entry is valid; open ends are None.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.map_or(true, |f| f <= d) && self.to.map_or(true, |t| d <= t)
    }
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(a) = self.from {
            write!(f, "{a}")?;
        }
        write!(f, "..")?;
        if let Some(b) = self.to {
            write!(f, "{b}")?;
        }
        Ok(())
    }
}

/// One phrase of an entry with the role it plays and the sector it carries (seats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPhrase {
    pub text: String,
    pub role: PhraseRole,
    pub sector: Option<String>,
}

/// One parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    pub kind: EntryKind,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub valid: DateRange,
    pub weak: bool,
    pub title: Option<String>,
    pub role: Option<String>,
    pub name: Option<String>,
    /// Words that, within four tokens of a match, veto it ("Atlanta" for "Georgia").
    pub unless: Vec<String>,
    pub phrases: Vec<RawPhrase>,
    pub line: usize,
}

fn err(file: &str, line: usize, message: String) -> LexiconError {
    LexiconError::Parse { file: file.to_string(), line, message }
}

/// Strips a `#` comment that is not inside double quotes.
fn strip_comment(line: &str) -> &str {
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            '#' if !in_quote => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits the header into words, keeping `key="a b"` together.
fn header_words(h: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    for c in h.chars() {
        match c {
            '"' => in_quote = !in_quote,
            c if c.is_whitespace() && !in_quote => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if in_quote {
        return Err("unclosed quote in header".into());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` picks the last day of a partial date.
pub fn parse_date(s: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    if parts[0].len() != 4 {
        return None;
    }
    match parts.len() {
        1 => NaiveDate::from_ymd_opt(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            if end {
                let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
                next.pred_opt()
            } else {
                Some(first)
            }
        }
        3 => NaiveDate::from_ymd_opt(y, parts[1].parse().ok()?, parts[2].parse().ok()?),
        _ => None,
    }
}

fn parse_range(s: &str) -> Result<DateRange, String> {
    let (a, b) = s.split_once("..").ok_or_else(|| format!("date range `{s}` lacks `..`"))?;
    let from = if a.is_empty() { None } else { Some(parse_date(a, false).ok_or_else(|| format!("bad date `{a}` in range `{s}`"))?) };
    let to = if b.is_empty() { None } else { Some(parse_date(b, true).ok_or_else(|| format!("bad date `{b}` in range `{s}`"))?) };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("date range `{s}` ends before it starts"));
        }
    }
    Ok(DateRange { from, to })
}

fn is_code(s: &str) -> bool {
    s == "-" || (!s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
}

/// Parses one line; Ok(None) for blank and comment lines.
pub fn parse_line(raw: &str, file: &str, line: usize) -> Result<Option<RawEntry>, LexiconError> {
    let text = strip_comment(raw).trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (head, body) = text
        .split_once(':')
        .ok_or_else(|| err(file, line, format!("missing `:` between header and phrases in `{text}`")))?;
    let words = header_words(head).map_err(|m| err(file, line, m))?;
    let Some(kind_word) = words.first() else {
        return Err(err(file, line, "missing entry kind before `:`".into()));
    };
    let kind = EntryKind::parse(kind_word).ok_or_else(|| {
        err(
            file,
            line,
            format!(
                "unknown entry kind `{kind_word}` (expected country, igo, org, group, person, agent, title, given, orgword, placeword, miscword, stop or not)"
            ),
        )
    })?;
    let mut e = RawEntry {
        kind,
        code: None,
        sector: None,
        valid: DateRange::default(),
        weak: false,
        title: None,
        role: None,
        name: None,
        unless: Vec::new(),
        phrases: Vec::new(),
        line,
    };
    let mut rest = &words[1..];
    if kind.is_actor() {
        let Some(code) = rest.first() else {
            return Err(err(file, line, format!("{kind_word} entry needs a code (ISO-3166 alpha-3, an igo code or `-`)")));
        };
        if !is_code(code) {
            return Err(err(file, line, format!("bad code `{code}`: expected upper-case letters or digits (at most 8), or `-`")));
        }
        if code != "-" {
            e.code = Some(code.clone());
        }
        rest = &rest[1..];
    }
    for w in rest {
        if let Some((k, v)) = w.split_once('=') {
            match k {
                "title" => e.title = Some(v.to_string()),
                "role" => e.role = Some(v.to_string()),
                "name" => e.name = Some(v.to_string()),
                "unless" => e.unless = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                _ => return Err(err(file, line, format!("unknown attribute `{k}` (expected title, role, name or unless)"))),
            }
        } else if w.contains("..") {
            e.valid = parse_range(w).map_err(|m| err(file, line, m))?;
        } else if w == "weak" {
            e.weak = true;
        } else if SECTORS.contains(&w.as_str()) {
            e.sector = Some(w.clone());
        } else {
            return Err(err(file, line, format!("unexpected `{w}` in header (not a sector, a date range, `weak` or key=value)")));
        }
    }
    for (si, section) in body.split(';').enumerate() {
        let mut role = PhraseRole::Name;
        let mut sector = None;
        let mut phrases = section;
        if let Some((label, ps)) = section.split_once(':') {
            let mut lw = label.split_whitespace();
            match lw.next() {
                Some("adj") => role = PhraseRole::Adjective,
                Some("seat") => {
                    role = PhraseRole::Seat;
                    sector = Some("GOV".to_string());
                }
                Some("name") => {}
                Some(other) => return Err(err(file, line, format!("unknown section label `{other}` (expected adj, seat or name)"))),
                None => return Err(err(file, line, "empty section label before `:`".into())),
            }
            if let Some(s) = lw.next() {
                if !SECTORS.contains(&s) {
                    return Err(err(file, line, format!("unknown sector `{s}` in section label")));
                }
                sector = Some(s.to_string());
            }
            phrases = ps;
        } else if si > 0 && !kind.is_actor() {
            return Err(err(file, line, "only actor entries take `;` sections".into()));
        }
        if role != PhraseRole::Name && !matches!(kind, EntryKind::Country | EntryKind::Igo | EntryKind::Group | EntryKind::Organisation) {
            return Err(err(file, line, format!("section `{}` only fits country, igo, org and group entries", role.word())));
        }
        for p in phrases.split('|') {
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if p.is_empty() {
                if phrases.trim().is_empty() && si == 0 {
                    return Err(err(file, line, "no phrases after `:`".into()));
                }
                return Err(err(file, line, "empty phrase between `|` separators".into()));
            }
            if !p.chars().any(|c| c.is_alphanumeric()) {
                return Err(err(file, line, format!("phrase `{p}` has no letters or digits")));
            }
            e.phrases.push(RawPhrase { text: p, role, sector: sector.clone() });
        }
    }
    match kind {
        EntryKind::Agent if e.sector.is_none() => return Err(err(file, line, "agent entry needs a sector (e.g. MIL)".into())),
        EntryKind::Person if e.code.is_none() && e.sector.is_none() && e.title.is_none() => {}
        _ => {}
    }
    Ok(Some(e))
}

/// Parses a whole file, returning the entries and every error.
pub fn parse_file(text: &str, file: &str) -> (Vec<RawEntry>, Vec<LexiconError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, l) in text.lines().enumerate() {
        match parse_line(l, file, i + 1) {
            Ok(Some(e)) => entries.push(e),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (entries, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: &str) {
        let got = match parse_line(line, "t.txt", 7) {
            Ok(Some(e)) => {
                let ps: Vec<String> = e.phrases.iter().map(|p| format!("{}/{}", p.text, p.role.word())).collect();
                format!(
                    "{} {} {} {} {}{}",
                    e.kind.word(),
                    e.code.as_deref().unwrap_or("-"),
                    e.sector.as_deref().unwrap_or("-"),
                    e.valid,
                    ps.join(","),
                    e.title.map(|t| format!(" title={t}")).unwrap_or_default()
                )
            }
            Ok(None) => "none".into(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected, "line {line:?}");
    }

    #[test]
    fn parses_entries() {
        check("  # a comment", "none");
        check(
            "country NER : Niger | Republic of Niger ; adj: Nigerien ; seat: Niamey",
            "country NER - .. Niger/name,Republic of Niger/name,Nigerien/adjective,Niamey/seat of power",
        );
        check(
            "person NER GOV 2021-04-02..2023-07 title=\"President\" : Mohamed Bazoum # ousted",
            "person NER GOV 2021-04-02..2023-07-31 Mohamed Bazoum/name title=President",
        );
        check("agent MIL : junta | troops", "agent - MIL .. junta/name,troops/name");
    }

    #[test]
    fn reports_errors() {
        check("country NER Niger", "t.txt:7: missing `:` between header and phrases in `country NER Niger`");
        check("contry NER : Niger", "t.txt:7: unknown entry kind `contry` (expected country, igo, org, group, person, agent, title, given, orgword, placeword, miscword, stop or not)");
        check("country ner : Niger", "t.txt:7: bad code `ner`: expected upper-case letters or digits (at most 8), or `-`");
        check("agent : junta", "t.txt:7: agent entry needs a sector (e.g. MIL)");
        check("person NER 2024-13-01.. : X", "t.txt:7: bad date `2024-13-01` in range `2024-13-01..`");
        check("country NER : Niger || Niamey", "t.txt:7: empty phrase between `|` separators");
        check("country NER XYZ : Niger", "t.txt:7: unexpected `XYZ` in header (not a sector, a date range, `weak` or key=value)");
    }
}
