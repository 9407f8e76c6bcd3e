//! GDELT-style rows with griot's own extra columns (the exact 61/16-column GDELT 2.0 tables
//! of `griot export` are built in `griot-cli/src/gdelt.rs`, which needs the lexicon tables): one events table row per story event (with NumMentions,
//! NumSources, NumArticles counted over the story's reports) and one mentions table row per
//! report. Column names follow GDELT 2.0 where a column exists; ours (StoryID, EventType,
//! Mode, Status, Sentence) are appended.
//!
//! Known gaps: no GoldsteinScale or AvgTone (no tables for them), actor codes are country
//! codes only, QuadClass comes from the CAMEO root code, else from the PLOVER type.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::view::Story;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GdeltEventRow {
    #[serde(rename = "GlobalEventID")]
    pub global_event_id: u64,
    /// yyyymmdd of the event date (first day of its range), else of the first report.
    #[serde(rename = "SQLDATE")]
    pub sql_date: Option<u32>,
    pub month_year: Option<u32>,
    pub year: Option<i32>,
    pub actor1_name: Option<String>,
    pub actor1_country_code: Option<String>,
    pub actor2_name: Option<String>,
    pub actor2_country_code: Option<String>,
    pub is_root_event: bool,
    pub event_code: Option<String>,
    pub event_base_code: Option<String>,
    pub event_root_code: Option<String>,
    pub quad_class: Option<u8>,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
    #[serde(rename = "ActionGeo_FullName")]
    pub action_geo_full_name: Option<String>,
    #[serde(rename = "ActionGeo_CountryCode")]
    pub action_geo_country_code: Option<String>,
    #[serde(rename = "ActionGeo_Lat")]
    pub action_geo_lat: Option<f64>,
    #[serde(rename = "ActionGeo_Long")]
    pub action_geo_long: Option<f64>,
    #[serde(rename = "ActionGeo_FeatureID")]
    pub action_geo_feature_id: Option<u64>,
    /// yyyymmdd of the story's first report (griot reads no clock).
    #[serde(rename = "DATEADDED")]
    pub date_added: Option<u32>,
    #[serde(rename = "SOURCEURL")]
    pub source_url: String,
    #[serde(rename = "StoryID")]
    pub story_id: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub status: String,
    pub background: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GdeltMentionRow {
    #[serde(rename = "GlobalEventID")]
    pub global_event_id: u64,
    pub event_time_date: Option<u32>,
    pub mention_time_date: Option<u32>,
    /// 1 = web, as GDELT.
    pub mention_type: u8,
    pub mention_source_name: Option<String>,
    /// The url, else the article id.
    pub mention_identifier: String,
    /// 1-based, as GDELT.
    #[serde(rename = "SentenceID")]
    pub sentence_id: u32,
    pub actor1_char_offset: Option<usize>,
    pub actor2_char_offset: Option<usize>,
    pub action_char_offset: usize,
    #[serde(rename = "StoryID")]
    pub story_id: String,
    #[serde(rename = "ArticleID")]
    pub article_id: String,
    pub sentence: String,
}

fn yyyymmdd(d: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    (d.year().max(0) as u32) * 10000 + d.month() * 100 + d.day()
}

/// GDELT QuadClass from a CAMEO root code (01-05 verbal cooperation, 06-08 material
/// cooperation, 09-13 verbal conflict, 14-20 material conflict).
pub fn quad_class_of_cameo(root: &str) -> Option<u8> {
    let r: u32 = root.get(..2)?.parse().ok()?;
    match r {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// QuadClass from a PLOVER event type, following PLOVER's own grouping of its types.
pub fn quad_class_of_plover(event_type: &str) -> Option<u8> {
    match event_type {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => Some(1),
        "COOPERATE" | "AID" | "RETREAT" => Some(2),
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => Some(3),
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => Some(4),
        _ => None,
    }
}

/// One events-table row per story event.
pub fn gdelt_events(stories: &[Story]) -> Vec<GdeltEventRow> {
    let mut rows = Vec::new();
    for story in stories {
        for (i, e) in story.events.iter().enumerate() {
            let day = e.date.as_ref().and_then(|d| d.range).map(|r| r.first).or_else(|| e.mentions.first().and_then(|m| m.published));
            let code = e.cameo.clone().filter(|c| c.len() >= 2 && c.bytes().all(|b| b.is_ascii_digit()));
            let root = code.as_ref().and_then(|c| c.get(..2)).map(str::to_string);
            let base = code.as_ref().and_then(|c| c.get(..3).or(Some(c.as_str()))).map(str::to_string);
            rows.push(GdeltEventRow {
                global_event_id: e.id,
                sql_date: day.map(yyyymmdd),
                month_year: day.map(|d| yyyymmdd(d) / 100),
                year: day.map(|d| chrono::Datelike::year(&d)),
                actor1_name: e.actor_name.clone(),
                actor1_country_code: e.actor.clone(),
                actor2_name: e.recipient_name.clone(),
                actor2_country_code: e.recipient.clone(),
                is_root_event: i == 0 && !e.background,
                quad_class: root.as_deref().and_then(quad_class_of_cameo).or_else(|| quad_class_of_plover(&e.event_type)),
                event_code: code.clone(),
                event_base_code: base,
                event_root_code: root,
                num_mentions: e.num_mentions,
                num_sources: e.num_sources,
                num_articles: e.num_articles,
                action_geo_full_name: e.place.as_ref().map(|p| p.name.clone()),
                action_geo_country_code: e.place.as_ref().and_then(|p| p.country.clone()),
                action_geo_lat: e.place.as_ref().and_then(|p| p.lat),
                action_geo_long: e.place.as_ref().and_then(|p| p.lon),
                action_geo_feature_id: e.place.as_ref().and_then(|p| p.geonameid),
                date_added: story.start.map(yyyymmdd),
                source_url: e.mentions.first().map(|m| m.url.clone().unwrap_or_else(|| m.article_id.clone())).unwrap_or_default(),
                story_id: story.id.to_string(),
                event_type: e.event_type.clone(),
                mode: e.mode.clone(),
                status: format!("{:?}", e.status).to_lowercase(),
                background: e.background,
            });
        }
    }
    rows
}

/// One mentions-table row per report of a story event.
pub fn gdelt_mentions(stories: &[Story]) -> Vec<GdeltMentionRow> {
    let mut rows = Vec::new();
    for story in stories {
        for e in &story.events {
            let event_day = e.date.as_ref().and_then(|d| d.range).map(|r| yyyymmdd(r.first));
            for m in &e.mentions {
                rows.push(GdeltMentionRow {
                    global_event_id: e.id,
                    event_time_date: event_day,
                    mention_time_date: m.published.map(yyyymmdd),
                    mention_type: 1,
                    mention_source_name: m.outlet.clone(),
                    mention_identifier: m.url.clone().unwrap_or_else(|| m.article_id.clone()),
                    sentence_id: m.sentence + 1,
                    actor1_char_offset: m.actor_offset,
                    actor2_char_offset: m.recipient_offset,
                    action_char_offset: m.trigger.start,
                    story_id: story.id.to_string(),
                    article_id: m.article_id.clone(),
                    sentence: m.sentence_text.text.clone(),
                });
            }
        }
    }
    rows
}

/// A TSV cell: tabs and line breaks become spaces; None is empty.
fn cell(out: &mut String, v: &serde_json::Value) {
    match v {
        serde_json::Value::Null => {}
        serde_json::Value::String(s) => out.extend(s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })),
        serde_json::Value::Bool(b) => out.push(if *b { '1' } else { '0' }),
        other => out.push_str(&other.to_string()),
    }
}

fn write_rows<T: Serialize>(rows: &[T], header: &[&str], w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{}", header.join("\t"))?;
    let mut line = String::new();
    for row in rows {
        let v = serde_json::to_value(row).map_err(std::io::Error::other)?;
        line.clear();
        for (i, key) in header.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            if let Some(x) = v.get(*key) {
                cell(&mut line, x);
            }
        }
        writeln!(w, "{line}")?;
    }
    Ok(())
}

pub const EVENT_COLUMNS: &[&str] = &[
    "GlobalEventID", "SQLDATE", "MonthYear", "Year", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED",
    "SOURCEURL", "StoryID", "EventType", "Mode", "Status", "Background",
];

pub const MENTION_COLUMNS: &[&str] = &[
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "StoryID", "ArticleID", "Sentence",
];

/// Write the events table as TSV with a header line.
pub fn write_events_tsv(rows: &[GdeltEventRow], w: &mut dyn Write) -> std::io::Result<()> {
    write_rows(rows, EVENT_COLUMNS, w)
}

/// Write the mentions table as TSV with a header line.
pub fn write_mentions_tsv(rows: &[GdeltMentionRow], w: &mut dyn Write) -> std::io::Result<()> {
    write_rows(rows, MENTION_COLUMNS, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quad_classes() {
        assert_eq!(quad_class_of_cameo("161"), Some(4));
        assert_eq!(quad_class_of_cameo("036"), Some(1));
        assert_eq!(quad_class_of_cameo("07"), Some(2));
        assert_eq!(quad_class_of_cameo("x"), None);
        assert_eq!(quad_class_of_plover("CONSULT"), Some(1));
        assert_eq!(quad_class_of_plover("nope"), None);
    }

    #[test]
    fn columns_match_field_names() {
        let row = GdeltEventRow {
            global_event_id: 1, sql_date: Some(20240316), month_year: Some(202403), year: Some(2024),
            actor1_name: Some("Niger".into()), actor1_country_code: Some("NER".into()), actor2_name: None,
            actor2_country_code: Some("USA".into()), is_root_event: true, event_code: Some("161".into()),
            event_base_code: Some("161".into()), event_root_code: Some("16".into()), quad_class: Some(4),
            num_mentions: 4, num_sources: 4, num_articles: 4, action_geo_full_name: None, action_geo_country_code: None,
            action_geo_lat: None, action_geo_long: None, action_geo_feature_id: None, date_added: Some(20240317),
            source_url: "https://x.example/a\tb".into(), story_id: "00ab".into(), event_type: "SANCTION".into(),
            mode: None, status: "asserted".into(), background: false,
        };
        let v = serde_json::to_value(&row).unwrap();
        for c in EVENT_COLUMNS {
            assert!(v.get(*c).is_some(), "missing column {c}");
        }
        let mut out = Vec::new();
        write_events_tsv(&[row], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].split('\t').count(), EVENT_COLUMNS.len());
        assert!(lines[1].starts_with("1\t20240316\t202403\t2024\tNiger\tNER\t\tUSA\t1\t161"));
        assert!(lines[1].contains("https://x.example/a b"));
    }
}
