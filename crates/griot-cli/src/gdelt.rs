//! The GDELT 2.0 Events (61 columns) and Mentions (16 columns) tables, in GDELT's order and
//! encoding: tab-separated, no header, `YYYYMMDD` / `YYYYMMDDHHMMSS` dates, CAMEO actor codes
//! built from country + role, Goldstein scale from GDELT's CAMEO table, FIPS 10-4 country
//! codes in the geography blocks. One events row per story event (counts over the story's
//! reports), one mentions row per report.
//!
//! The column lists and lookup tables live in `lexicon/gdelt/` with their sources; every
//! field whose meaning differs from GDELT's is listed in `lexicon/gdelt/README.md`.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use griot_lexicon::gazetteer::Feature;
use griot_lexicon::Gazetteer;
use griot_store::{EventFilter, Store, StoryFilter};
use griot_story::{EventMention, Story, StoryEvent};
use griot_text::record::EventRecord;
use griot_text::{Doc, EventStatus, SentenceKind};

#[cfg(test)]
const EVENT_COLUMNS_TSV: &str = include_str!("../../../lexicon/gdelt/events.columns.tsv");
#[cfg(test)]
const MENTION_COLUMNS_TSV: &str = include_str!("../../../lexicon/gdelt/mentions.columns.tsv");
const GOLDSTEIN_TSV: &str = include_str!("../../../lexicon/gdelt/goldstein.tsv");
const COUNTRIES_TSV: &str = include_str!("../../../lexicon/gdelt/countries.tsv");
const IGOS_TSV: &str = include_str!("../../../lexicon/gdelt/igos.tsv");
const SECTORS_TSV: &str = include_str!("../../../lexicon/gdelt/sectors.tsv");

/// Number of columns of the GDELT 2.0 Events table.
pub const EVENT_COLUMN_COUNT: usize = 61;
/// Number of columns of the GDELT 2.0 Mentions table.
pub const MENTION_COLUMN_COUNT: usize = 16;

#[cfg(test)]
/// A published column: name and GDELT type (`INTEGER`, `FLOAT`, `STRING`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: &'static str,
}

fn data_lines(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

#[cfg(test)]
fn columns(tsv: &'static str) -> Vec<Column> {
    data_lines(tsv).filter(|c| c.len() >= 2).map(|c| Column { name: c[0], kind: c[1] }).collect()
}

#[cfg(test)]
/// The 61 columns of the GDELT 2.0 Events table, in order.
pub fn event_columns() -> Vec<Column> {
    columns(EVENT_COLUMNS_TSV)
}

#[cfg(test)]
/// The 16 columns of the GDELT 2.0 Mentions table, in order.
pub fn mention_columns() -> Vec<Column> {
    columns(MENTION_COLUMNS_TSV)
}

struct Country {
    fips: Option<&'static str>,
    name: &'static str,
}

/// The lookup tables of `lexicon/gdelt/` and the gazetteer, loaded once per export.
pub struct Tables {
    goldstein: HashMap<&'static str, f64>,
    countries: HashMap<&'static str, Country>,
    igos: HashMap<&'static str, &'static str>,
    sectors: HashMap<&'static str, Option<&'static str>>,
    gazetteer: Gazetteer,
    by_geonameid: HashMap<u64, u32>,
}

impl Tables {
    pub fn load() -> Tables {
        let goldstein = data_lines(GOLDSTEIN_TSV).filter_map(|c| Some((c[0], c.get(1)?.parse().ok()?))).collect();
        let countries = data_lines(COUNTRIES_TSV)
            .filter(|c| c.len() >= 4)
            .map(|c| (c[0], Country { fips: Some(c[2]).filter(|f| *f != "-"), name: c[3] }))
            .collect();
        let igos = data_lines(IGOS_TSV).filter(|c| c.len() >= 2).map(|c| (c[0], c[1])).collect();
        let sectors = data_lines(SECTORS_TSV).filter(|c| c.len() >= 2).map(|c| (c[0], Some(c[1]).filter(|x| *x != "-"))).collect();
        let gazetteer = Gazetteer::builtin();
        let by_geonameid = gazetteer
            .entries()
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((e.geonameid?, u32::try_from(i).ok()?)))
            .collect();
        Tables { goldstein, countries, igos, sectors, gazetteer, by_geonameid }
    }

    /// Goldstein scale of a CAMEO code: the code's own value, else its base (3 digits) or root
    /// (2 digits) code's.
    pub fn goldstein(&self, code: &str) -> Option<f64> {
        [code, code.get(..3).unwrap_or(code), code.get(..2).unwrap_or(code)].iter().find_map(|c| self.goldstein.get(c).copied())
    }

    fn fips(&self, iso3: &str) -> Option<&'static str> {
        self.countries.get(iso3).and_then(|c| c.fips)
    }
}

/// What the export needs from the stored articles: text length in characters, the byte ->
/// character offset map, and where the lead paragraph ends.
pub struct ArticleInfo {
    /// Character offset of every char boundary, by byte offset (len = text bytes + 1), sparse:
    /// only the boundaries are meaningful.
    chars_before: Vec<u32>,
    chars: u32,
    /// Sentence indices in the lead (headline lines and the first paragraph).
    lead_sentences: u32,
}

impl ArticleInfo {
    pub fn of(doc: &Doc) -> ArticleInfo {
        let text = &doc.article.text;
        let mut chars_before = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (i, c) in text.char_indices() {
            chars_before[i] = n;
            n += 1;
            for k in 1..c.len_utf8() {
                chars_before[i + k] = n;
            }
        }
        chars_before[text.len()] = n;
        // The lead: headline lines, then body sentences up to the first blank line after the
        // first body sentence.
        let mut lead = 0u32;
        let mut lead_end: Option<usize> = None;
        for s in &doc.sentences {
            if let Some(end) = lead_end {
                if s.span.start >= end {
                    break;
                }
            } else if s.kind != SentenceKind::Headline {
                let from = s.span.end.min(text.len());
                lead_end = Some(text[from..].find("\n\n").map(|p| from + p).unwrap_or(text.len()));
            }
            lead += 1;
        }
        ArticleInfo { chars_before, chars: n, lead_sentences: lead }
    }

    fn char_offset(&self, byte: usize) -> u32 {
        self.chars_before.get(byte).copied().unwrap_or(self.chars)
    }
}

fn yyyymmdd(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn fraction_date(d: NaiveDate) -> String {
    let days = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
    format!("{:.4}", d.year() as f64 + f64::from(d.ordinal0()) / days)
}

fn num(x: f64) -> String {
    // Shortest form that reads back as the same f64 (GDELT writes plain decimals).
    format!("{x}")
}

/// CAMEO actor fields of one actor: code, name, country, known group, ethnic, religion 1 and
/// 2, type 1 to 3 (the ten Actor* columns after the code, the code first).
fn actor_fields(t: &Tables, country: Option<&str>, name: Option<&str>, sector: Option<&str>) -> [String; 10] {
    let mut f: [String; 10] = Default::default();
    let Some(country) = country.filter(|c| !c.is_empty()) else {
        // No country: GDELT leaves the code empty too, but keeps a role-only actor as its role.
        let role = sector.and_then(|s| t.sectors.get(s).copied().flatten());
        if let Some(r) = role.filter(|r| *r != "REL") {
            f[0] = r.to_string();
            f[7] = r.to_string();
        }
        if name.is_some() && !f[0].is_empty() {
            f[1] = name.unwrap_or_default().to_uppercase();
        }
        return f;
    };
    f[1] = name.unwrap_or_default().to_uppercase();
    let role = sector.and_then(|s| t.sectors.get(s).copied().flatten());
    let is_country = country.len() == 3 && t.countries.contains_key(country);
    if is_country {
        f[2] = country.to_string();
        let mut code = country.to_string();
        match role {
            Some("REL") => f[5] = "REL".into(),
            Some(r) => {
                code.push_str(r);
                f[7] = r.to_string();
            }
            None => {}
        }
        f[0] = code;
    } else {
        // An IGO (or another non-state code).
        let cameo = t.igos.get(country).copied();
        let mut code = cameo.unwrap_or("IGO").to_string();
        f[3] = match cameo {
            Some(c) => c.get(c.len().saturating_sub(3)..).unwrap_or(c).to_string(),
            None => country.to_string(),
        };
        f[7] = code.get(..3).unwrap_or("IGO").to_string();
        if let Some(r) = role.filter(|r| *r != "IGO" && *r != "NGO" && *r != "REL") {
            code.push_str(r);
            f[8] = r.to_string();
        }
        f[0] = code;
    }
    f
}

/// GDELT geography type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
fn geo_type(feature: Feature, country: Option<&str>) -> Option<u8> {
    let us = country == Some("USA");
    match feature {
        Feature::Country => Some(1),
        Feature::Admin1 if us => Some(2),
        Feature::Admin1 | Feature::Region => Some(5),
        Feature::City | Feature::Admin2 if us => Some(3),
        Feature::City | Feature::Admin2 => Some(4),
        Feature::Continent => None,
    }
}

/// The eight geography fields (type, full name, country, ADM1, ADM2, lat, long, feature id).
#[allow(clippy::too_many_arguments)]
fn geo_fields(t: &Tables, name: &str, geonameid: Option<u64>, country: Option<&str>, lat: Option<f64>, lon: Option<f64>, feature: Option<Feature>) -> [String; 8] {
    let mut f: [String; 8] = Default::default();
    let entry = geonameid.and_then(|g| t.by_geonameid.get(&g)).map(|&i| t.gazetteer.entry(i));
    let feature = entry.map(|e| e.feature).or(feature);
    let country = country.or_else(|| entry.and_then(|e| e.country()));
    let Some(kind) = feature.and_then(|f| geo_type(f, country)).or(country.map(|_| 4)) else {
        return f;
    };
    let fips = country.and_then(|c| t.fips(c));
    let country_name = country.and_then(|c| t.countries.get(c)).map(|c| c.name);
    f[0] = kind.to_string();
    let admin1 = entry.map(|e| &*e.admin1).filter(|a| !a.is_empty());
    let admin1_name = match (country, admin1) {
        (Some(c), Some(a)) if kind != 1 && kind != 2 && kind != 5 => t.gazetteer.admin1(c, a).map(|i| &*t.gazetteer.entry(i).name),
        _ => None,
    };
    let mut full = vec![name];
    if let Some(a) = admin1_name {
        full.push(a);
    }
    if let Some(c) = country_name.filter(|_| kind != 1) {
        full.push(c);
    }
    f[1] = full.join(", ");
    f[2] = fips.unwrap_or_default().to_string();
    if kind != 1 {
        if let (Some(fp), Some(a)) = (fips, admin1) {
            f[3] = format!("{fp}{a}");
        }
    } else if let Some(fp) = fips {
        f[3] = fp.to_string();
    }
    let (lat, lon) = (lat.or(entry.map(|e| e.lat)), lon.or(entry.map(|e| e.lon)));
    if let (Some(la), Some(lo)) = (lat, lon) {
        f[5] = num(la);
        f[6] = num(lo);
    }
    f[7] = match kind {
        1 => fips.unwrap_or_default().to_string(),
        2 | 5 if !f[3].is_empty() => f[3].clone(),
        _ => geonameid.map(|g| g.to_string()).unwrap_or_default(),
    };
    f
}

/// The geography of an actor: its country, as a country-level location.
fn actor_geo(t: &Tables, country: Option<&str>) -> [String; 8] {
    let Some(c) = country.filter(|c| t.countries.contains_key(c)) else {
        return Default::default();
    };
    let entry = t.gazetteer.country(c).map(|i| t.gazetteer.entry(i));
    let name = t.countries.get(c).map(|x| x.name).unwrap_or(c);
    geo_fields(t, name, entry.and_then(|e| e.geonameid), Some(c), entry.map(|e| e.lat), entry.map(|e| e.lon), Some(Feature::Country))
}

fn feature_of(name: Option<&str>) -> Option<Feature> {
    Some(match name? {
        "city" | "capital" => Feature::City,
        "admin1" => Feature::Admin1,
        "admin2" => Feature::Admin2,
        "country" => Feature::Country,
        "region" => Feature::Region,
        "continent" => Feature::Continent,
        _ => return None,
    })
}

/// Confidence (GDELT: percent of parses that agreed) from the report's status.
fn confidence(status: EventStatus) -> u8 {
    match status {
        EventStatus::Asserted => 100,
        EventStatus::Reported => 80,
        EventStatus::Planned => 60,
        EventStatus::Alleged => 50,
        EventStatus::Hypothetical => 30,
        EventStatus::Denied => 20,
        EventStatus::Negated => 10,
    }
}

/// Everything the rows are built from.
pub struct Inputs<'a> {
    pub stories: &'a [Story],
    /// Stored event records by record id (actor and recipient sectors).
    pub records: &'a HashMap<String, EventRecord>,
    /// Per stored article.
    pub articles: &'a HashMap<String, ArticleInfo>,
}

fn first_record<'a>(inp: &'a Inputs, e: &StoryEvent) -> Option<&'a EventRecord> {
    e.mentions.iter().flat_map(|m| m.event_ids.iter()).find_map(|id| inp.records.get(id))
}

fn event_day(e: &StoryEvent) -> Option<NaiveDate> {
    e.date.as_ref().and_then(|d| d.range).map(|r| r.first).or_else(|| e.mentions.first().and_then(|m| m.published))
}

fn date_added(story: &Story) -> String {
    story.start.map(|d| format!("{}000000", yyyymmdd(d))).unwrap_or_default()
}

fn in_lead(inp: &Inputs, m: &EventMention) -> bool {
    inp.articles.get(&m.article_id).is_some_and(|a| m.sentence < a.lead_sentences)
}

/// One 61-field GDELT 2.0 events row per story event.
pub fn event_rows(t: &Tables, inp: &Inputs) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for story in inp.stories {
        for e in &story.events {
            let rec = first_record(inp, e);
            let mut r: Vec<String> = Vec::with_capacity(EVENT_COLUMN_COUNT);
            r.push(e.id.to_string());
            match event_day(e) {
                Some(d) => {
                    r.push(yyyymmdd(d));
                    r.push(format!("{:04}{:02}", d.year(), d.month()));
                    r.push(format!("{:04}", d.year()));
                    r.push(fraction_date(d));
                }
                None => r.extend(std::iter::repeat_n(String::new(), 4)),
            }
            let actor_sector = rec.and_then(|r| r.actor.as_ref()).and_then(|a| a.sector.as_deref());
            let recipient_sector = rec.and_then(|r| r.recipient.as_ref()).and_then(|a| a.sector.as_deref());
            r.extend(actor_fields(t, e.actor.as_deref(), e.actor_name.as_deref(), actor_sector));
            r.extend(actor_fields(t, e.recipient.as_deref(), e.recipient_name.as_deref(), recipient_sector));
            r.push(if !e.background && e.mentions.iter().any(|m| in_lead(inp, m)) { "1" } else { "0" }.into());
            let code = e.cameo.as_deref().filter(|c| c.len() >= 2 && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()));
            r.push(code.unwrap_or_default().to_string());
            r.push(code.map(|c| c.get(..3).unwrap_or(c)).unwrap_or_default().to_string());
            r.push(code.and_then(|c| c.get(..2)).unwrap_or_default().to_string());
            let quad = code
                .and_then(griot_story::gdelt::quad_class_of_cameo)
                .or_else(|| griot_story::gdelt::quad_class_of_plover(&e.event_type));
            r.push(quad.map(|q| q.to_string()).unwrap_or_default());
            r.push(code.and_then(|c| t.goldstein(c)).map(|g| format!("{g:.1}")).unwrap_or_default());
            r.push(e.num_mentions.to_string());
            r.push(e.num_sources.to_string());
            r.push(e.num_articles.to_string());
            r.push(String::new()); // AvgTone: griot has no tone measure
            r.extend(actor_geo(t, e.actor.as_deref()));
            r.extend(actor_geo(t, e.recipient.as_deref()));
            match &e.place {
                Some(p) => r.extend(geo_fields(t, &p.name, p.geonameid, p.country.as_deref(), p.lat, p.lon, feature_of(p.feature.as_deref()))),
                None => r.extend(<[String; 8]>::default()),
            }
            r.push(date_added(story));
            r.push(e.mentions.first().map(|m| m.url.clone().unwrap_or_else(|| m.article_id.clone())).unwrap_or_default());
            debug_assert_eq!(r.len(), EVENT_COLUMN_COUNT);
            rows.push(r);
        }
    }
    rows
}

fn source_name(m: &EventMention) -> String {
    if let Some(o) = &m.outlet {
        return o.clone();
    }
    let Some(url) = &m.url else { return String::new() };
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    host.split(':').next().unwrap_or(host).trim_start_matches("www.").to_string()
}

/// One 16-field GDELT 2.0 mentions row per report of a story event.
pub fn mention_rows(inp: &Inputs) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for story in inp.stories {
        for e in &story.events {
            for m in &e.mentions {
                let info = inp.articles.get(&m.article_id);
                let off = |b: Option<usize>| match (b, info) {
                    (Some(b), Some(i)) => i.char_offset(b).to_string(),
                    (Some(b), None) => b.to_string(),
                    (None, _) => "-1".to_string(),
                };
                let r = vec![
                    e.id.to_string(),
                    date_added(story),
                    m.published.map(|d| format!("{}000000", yyyymmdd(d))).unwrap_or_default(),
                    if m.url.is_some() { "1" } else { "2" }.to_string(),
                    source_name(m),
                    m.url.clone().unwrap_or_else(|| m.article_id.clone()),
                    (m.sentence + 1).to_string(),
                    off(m.actor_offset),
                    off(m.recipient_offset),
                    off(Some(m.trigger.start)),
                    "1".to_string(),
                    confidence(m.status).to_string(),
                    info.map(|i| i.chars.to_string()).unwrap_or_default(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
                debug_assert_eq!(r.len(), MENTION_COLUMN_COUNT);
                rows.push(r);
            }
        }
    }
    rows
}

/// Writes rows tab-separated without a header; tabs and line breaks inside a cell become spaces.
pub fn write_tsv(rows: &[Vec<String>], w: &mut dyn Write) -> io::Result<()> {
    let mut line = String::new();
    for row in rows {
        line.clear();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            line.extend(cell.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }));
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes the events table (or, with `mentions`, the mentions table) of every stored story.
/// Returns the number of rows.
pub fn export(store: &Store, mentions: bool, sink: &mut dyn Write) -> anyhow::Result<usize> {
    let all = store.stories(&StoryFilter::default())?;
    let stories: Vec<Story> = all.iter().map(crate::stories::parse_story).collect::<anyhow::Result<_>>()?;
    let records: HashMap<String, EventRecord> =
        store.events(&EventFilter::default())?.into_iter().map(|e| (e.record.id.clone(), e.record)).collect();
    let mut articles = HashMap::new();
    for m in stories.iter().flat_map(|s| s.events.iter()).flat_map(|e| e.mentions.iter()) {
        if !articles.contains_key(&m.article_id) {
            if let Some(doc) = store.doc(&m.article_id)? {
                articles.insert(m.article_id.clone(), ArticleInfo::of(&doc));
            }
        }
    }
    let inputs = Inputs { stories: &stories, records: &records, articles: &articles };
    let rows = if mentions { mention_rows(&inputs) } else { event_rows(&Tables::load(), &inputs) };
    write_tsv(&rows, sink)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_column_lists() {
        let ev = event_columns();
        assert_eq!(ev.len(), EVENT_COLUMN_COUNT);
        assert_eq!(ev[0].name, "GLOBALEVENTID");
        assert_eq!(ev[30].name, "GoldsteinScale");
        assert_eq!(ev[60].name, "SOURCEURL");
        assert!(ev.iter().all(|c| matches!(c.kind, "INTEGER" | "FLOAT" | "STRING")));
        let me = mention_columns();
        assert_eq!(me.len(), MENTION_COLUMN_COUNT);
        assert_eq!(me[15].name, "Extras");
    }

    #[test]
    fn tables_load() {
        let t = Tables::load();
        assert_eq!(t.goldstein("190"), Some(-10.0));
        assert_eq!(t.goldstein("0871"), Some(9.0));
        assert_eq!(t.goldstein("1999"), Some(-10.0)); // falls back to the root
        assert_eq!(t.fips("NER"), Some("NG"));
        assert_eq!(t.fips("NGA"), Some("NI"));
        assert_eq!(t.fips("USA"), Some("US"));
    }

    #[test]
    fn actor_codes() {
        let t = Tables::load();
        let a = actor_fields(&t, Some("NER"), Some("Niger"), Some("MIL"));
        assert_eq!(a[0], "NERMIL");
        assert_eq!(a[1], "NIGER");
        assert_eq!(a[2], "NER");
        assert_eq!(a[7], "MIL");
        let a = actor_fields(&t, Some("UNO"), Some("United Nations"), None);
        assert_eq!((a[0].as_str(), a[3].as_str(), a[7].as_str()), ("IGOUNO", "UNO", "IGO"));
        let a = actor_fields(&t, Some("NATO"), Some("NATO"), Some("MIL"));
        assert_eq!((a[0].as_str(), a[3].as_str(), a[8].as_str()), ("IGONATMIL", "NAT", "MIL"));
        let a = actor_fields(&t, Some("AES"), Some("Alliance of Sahel States"), None);
        assert_eq!((a[0].as_str(), a[3].as_str()), ("IGO", "AES"));
        let a = actor_fields(&t, None, Some("rebels"), Some("REB"));
        assert_eq!(a[0], "REB");
        assert!(actor_fields(&t, None, None, None).iter().all(String::is_empty));
    }

    #[test]
    fn geography() {
        let t = Tables::load();
        let g = actor_geo(&t, Some("NER"));
        assert_eq!(g[0], "1");
        assert_eq!(g[1], "Niger");
        assert_eq!(g[2], "NG");
        assert_eq!(g[7], "NG");
        assert!(g[5].parse::<f64>().is_ok());
        // Niamey, by its GeoNames id.
        let g = geo_fields(&t, "Niamey", Some(2440485), Some("NER"), Some(13.5137), Some(2.1098), Some(Feature::City));
        assert_eq!(g[0], "4");
        assert!(g[1].starts_with("Niamey") && g[1].ends_with("Niger"), "{}", g[1]);
        assert_eq!(g[2], "NG");
        assert_eq!(g[7], "2440485");
        assert!(actor_geo(&t, None).iter().all(String::is_empty));
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 16).unwrap();
        assert_eq!(yyyymmdd(d), "20240316");
        assert_eq!(fraction_date(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()), "2023.0000");
        assert_eq!(fraction_date(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()), "2023.9973");
    }
}
