//! Importer for TABARI/PETRARCH actor and agent dictionaries.
//!
//! Event-data users keep decades of dictionaries in the TABARI format (also read by
//! PETRARCH). [`convert`] turns one into griot's line format (`lexicon/actors/FORMAT.md`)
//! so it can be dropped into a `--lexicon` directory. What it understands:
//!
//! - `PHRASE_ [CODE]`: words joined by `_`; the code in brackets. A CAMEO code is a country
//!   or IGO code followed by three-letter sectors (`EGYGOV`, `USAMIL`, `IGOUNO`).
//! - `+SYNONYM_` lines: more phrases for the entry above.
//! - Date-restricted codes, TABARI (`[EGYGOV >140608]`, `[USAGOV 010120-170120]`,
//!   `[X <990101]`, dates YYMMDD) or PETRARCH (`[USAGOV 20090120-20170120]`, one code per
//!   line after the phrases).
//! - `{PLURAL_}` forms after a phrase, `#` comment lines, `;` comments to the end of a line.
//! - Agent entries, `[~MIL]` or `[~GOV]`: role words that become `agent` lines.
//!
//! Kinds are guessed, since TABARI does not record them: a code with dates is a person, a
//! bare three-letter code is a country, an `IGO...` code an IGO, a REB/INS/SEP sector a
//! group, anything else an organisation. Phrases are upper case in TABARI; they are written
//! in title case (acronyms of up to four letters and words with a dot stay upper case;
//! agent phrases are lower-cased). CAMEO sectors are mapped to PLOVER's (INS, SEP -> REB;
//! MED, media -> JRN; HLH, health -> MED). Known misses: TABARI's stem matching (a phrase
//! without a final `_`) becomes a whole-word phrase; `!PERSON!`-style classes and
//! compound-actor lines (`<...>`) are skipped with a comment naming the line.
//!
//! ```
//! let out = griot_lexicon::tabari::convert("NIGER_ [NER]\n+NIGERIEN_\n", "x.txt").unwrap();
//! assert!(out.contains("country NER : Niger | Nigerien"));
//! ```

use crate::LexiconError;

fn err(file: &str, line: usize, message: String) -> LexiconError {
    LexiconError::Parse { file: file.to_string(), line, message }
}

const CONNECTORS: &[&str] = &["of", "the", "and", "for", "de", "del", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "du", "da", "des", "in", "on"];

/// `BARACK_OBAMA_` -> `Barack Obama`; `agent` lower-cases everything.
fn phrase_text(raw: &str, agent: bool) -> String {
    let words: Vec<&str> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
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
            // Title case each hyphen part: "AL-QAEDA" -> "Al-Qaeda".
            let n_parts = lower.split('-').count();
            let parts: Vec<String> = lower
                .split('-')
                .enumerate()
                .map(|(j, p)| {
                    if i > 0 && j + 1 < n_parts && CONNECTORS.contains(&p) {
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

/// YYMMDD or YYYYMMDD -> YYYY-MM-DD.
fn date_text(d: &str, file: &str, line: usize) -> Result<String, LexiconError> {
    let bad = || err(file, line, format!("bad date `{d}` in code (expected YYMMDD or YYYYMMDD)"));
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let (y, rest) = match d.len() {
        6 => {
            let yy: i32 = d[..2].parse().map_err(|_| bad())?;
            (if yy <= 29 { 2000 + yy } else { 1900 + yy }, &d[2..])
        }
        8 => (d[..4].parse().map_err(|_| bad())?, &d[4..]),
        _ => return Err(bad()),
    };
    let m: u32 = rest[..2].parse().map_err(|_| bad())?;
    let day: u32 = rest[2..].parse().map_err(|_| bad())?;
    let date = chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or_else(bad)?;
    Ok(date.to_string())
}

/// One code with its validity, in griot terms.
#[derive(Debug, Clone, PartialEq)]
struct Code {
    agent: bool,
    igo: bool,
    country: Option<String>,
    sector: Option<String>,
    range: Option<String>,
}

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
        "BUS" => "BUS",
        "MED" | "JRN" => "JRN",
        "HLH" => "MED",
        "REL" => "REL",
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
        "MNC" => "BUS",
        _ => return None,
    })
}

fn parse_code(inner: &str, file: &str, line: usize) -> Result<Code, LexiconError> {
    let mut parts = inner.split_whitespace();
    let raw = parts.next().ok_or_else(|| err(file, line, "empty code in brackets".into()))?;
    let agent = raw.starts_with('~');
    let code = raw.trim_start_matches('~');
    if !code.chars().all(|c| c.is_ascii_alphanumeric()) || (!agent && code.len() < 3) {
        return Err(err(file, line, format!("bad code `{raw}` (expected letters, e.g. EGYGOV or ~MIL)")));
    }
    let (country, sector) = if agent {
        (None, code.get(..3).and_then(map_sector).map(str::to_string))
    } else if let Some(rest) = code.strip_prefix("IGO") {
        let c = if rest.len() >= 3 { rest[..3].to_string() } else { "IGO".to_string() };
        (Some(c), None)
    } else {
        let c = code[..3].to_string();
        let s = code.get(3..6).and_then(map_sector).map(str::to_string);
        (Some(c), s)
    };
    if agent && sector.is_none() {
        return Err(err(file, line, format!("unknown agent sector in `{raw}`")));
    }
    let range = match parts.next() {
        None => None,
        Some(r) => {
            if let Some(d) = r.strip_prefix('>') {
                Some(format!("{}..", date_text(d, file, line)?))
            } else if let Some(d) = r.strip_prefix('<') {
                let to = date_text(d, file, line)?;
                let day = chrono::NaiveDate::parse_from_str(&to, "%Y-%m-%d").ok().and_then(|x| x.pred_opt());
                Some(format!("..{}", day.map(|x| x.to_string()).unwrap_or(to)))
            } else if let Some((a, b)) = r.split_once('-') {
                Some(format!("{}..{}", date_text(a, file, line)?, date_text(b, file, line)?))
            } else {
                return Err(err(file, line, format!("bad date restriction `{r}` (expected >DATE, <DATE or DATE-DATE)")));
            }
        }
    };
    let igo = !agent && code.starts_with("IGO");
    Ok(Code { agent, igo, country, sector, range })
}

#[derive(Default)]
struct Pending {
    phrases: Vec<String>,
    codes: Vec<Code>,
    line: usize,
}

fn flush(p: &mut Pending, out: &mut String) {
    if p.phrases.is_empty() {
        p.codes.clear();
        return;
    }
    if p.codes.is_empty() {
        out.push_str(&format!("# line {}: no code for {}\n", p.line, p.phrases.join(" | ")));
    }
    for c in &p.codes {
        let dedup = |agent: bool| {
            let mut v: Vec<String> = Vec::new();
            for ph in &p.phrases {
                let t = phrase_text(ph, agent);
                if !t.is_empty() && !v.contains(&t) {
                    v.push(t);
                }
            }
            v.join(" | ")
        };
        if c.agent {
            let sector = c.sector.as_deref().unwrap_or("UNK");
            out.push_str(&format!("agent {sector} : {}\n", dedup(true)));
            continue;
        }
        let country = c.country.as_deref().unwrap_or("-");
        let kind = if c.range.is_some() {
            "person"
        } else if c.igo {
            "igo"
        } else if c.country.as_deref().map_or(false, |x| x.len() == 3) && c.sector.is_none() && country != "IGO" {
            if p.codes.len() == 1 && c.country.as_deref().map_or(false, |x| x.chars().all(|ch| ch.is_ascii_uppercase())) {
                "country"
            } else {
                "org"
            }
        } else if c.sector.as_deref() == Some("REB") {
            "group"
        } else {
            "org"
        };
        let mut head = format!("{kind} {country}");
        if let Some(s) = &c.sector {
            head.push(' ');
            head.push_str(s);
        }
        if let Some(r) = &c.range {
            head.push(' ');
            head.push_str(r);
        }
        out.push_str(&format!("{head} : {}\n", dedup(false)));
    }
    p.phrases.clear();
    p.codes.clear();
}

/// Converts a TABARI/PETRARCH actor or agent dictionary to griot's format.
pub fn convert(text: &str, file: &str) -> Result<String, LexiconError> {
    let mut out = format!("# converted from the TABARI/PETRARCH dictionary {file}\n");
    let mut p = Pending::default();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.split([';', '#']).next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('<') || line.contains('!') {
            out.push_str(&format!("# skipped line {n}: `{line}` (classes and compound actors are not imported)\n"));
            continue;
        }
        // Split the line into the phrase part, {plural} forms and [codes].
        let mut phrase = String::new();
        let mut plurals = Vec::new();
        let mut codes = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').ok_or_else(|| err(file, n, "`[` without closing `]`".into()))?;
                codes.push(parse_code(&r[..end], file, n)?);
                rest = &r[end + 1..];
            } else if let Some(r) = rest.strip_prefix('{') {
                let end = r.find('}').ok_or_else(|| err(file, n, "`{` without closing `}`".into()))?;
                plurals.extend(r[..end].split_whitespace().map(str::to_string));
                rest = &r[end + 1..];
            } else {
                let end = rest.find(['[', '{']).unwrap_or(rest.len());
                phrase.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        let phrase = phrase.trim();
        if let Some(syn) = phrase.strip_prefix('+') {
            if p.phrases.is_empty() {
                return Err(err(file, n, format!("synonym `{syn}` before any entry")));
            }
            p.phrases.push(syn.trim().to_string());
            p.phrases.extend(plurals);
            p.codes.extend(codes);
            continue;
        }
        if phrase.is_empty() {
            // A PETRARCH code line belongs to the entry above.
            if p.phrases.is_empty() {
                return Err(err(file, n, "code line before any entry".into()));
            }
            p.codes.extend(codes);
            continue;
        }
        flush(&mut p, &mut out);
        p.line = n;
        p.phrases.push(phrase.to_string());
        p.phrases.extend(plurals);
        p.codes = codes;
    }
    flush(&mut p, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let got = convert(input, "t.txt").map_err(|e| e.to_string());
        let got = got.map(|s| s.lines().filter(|l| !l.starts_with("# converted")).collect::<Vec<_>>().join("\n"));
        assert_eq!(got.as_deref().unwrap_or_else(|e| e), expected);
    }

    #[test]
    fn actors() {
        check("NIGER_ [NER]\n+NIGERIEN_ ; adjective\n", "country NER : Niger | Nigerien");
        check("# header\nEGYPTIAN_ARMY_ [EGYMIL]\n", "org EGY MIL : Egyptian Army");
        check("ABDEL_FATTAH_AL-SISI_ [EGYMIL <140608] [EGYGOV >140608]\n+SISI_\n",
            "person EGY MIL ..2014-06-07 : Abdel Fattah al-Sisi | Sisi\nperson EGY GOV 2014-06-08.. : Abdel Fattah al-Sisi | Sisi");
        check("BARACK_OBAMA_\n+PRESIDENT_OBAMA_\n[USAGOV 20090120-20170120]\n", "person USA GOV 2009-01-20..2017-01-20 : Barack Obama | President Obama");
        check("UN_ [IGOUNO]\nTALIBAN_ [AFGREB]\n", "igo UNO : UN\ngroup AFG REB : Taliban");
        check("US_ [USAGOV 010120-170120]", "person USA GOV 2001-01-20..2017-01-20 : US");
    }

    #[test]
    fn agents() {
        check("SOLDIER_ {SOLDIERS_} [~MIL]\nPOLICEMAN_ [~COP] # x\n+POLICEMEN_", "agent MIL : soldier | soldiers\nagent COP : policeman | policemen");
    }

    #[test]
    fn errors() {
        check("X_ [EGYGOV 991399-000101]", "t.txt:1: bad date `991399` in code (expected YYMMDD or YYYYMMDD)");
        check("+ORPHAN_", "t.txt:1: synonym `ORPHAN_` before any entry");
        check("X_ [EGY", "t.txt:1: `[` without closing `]`");
        check("X_ [~ZZZ]", "t.txt:1: unknown agent sector in `~ZZZ`");
    }

    #[test]
    fn output_parses_as_griot_format() {
        let out = convert("NIGER_ [NER]\nSISI_ [EGYGOV >140608]\nARMY_ [~MIL]\n", "t.txt").unwrap();
        let (entries, errors) = crate::lexicon::parse_file(&out, "out.txt");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 3);
    }
}
