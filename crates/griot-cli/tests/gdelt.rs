//! The GDELT 2.0 tables written by `griot export --format gdelt-events|gdelt-mentions`, read
//! back with the published column lists (`lexicon/gdelt/*.columns.tsv`): column count, types
//! and value ranges of every cell.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn griot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(dir)
        .env_remove("GRIOT_DB")
        .env_remove("GRIOT_CONFIG")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run griot")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("griot-gdelt-{}-{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// (name, type) of each published column.
fn columns(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("lexicon/gdelt").join(file)).expect("column list");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut p = l.split('\t');
            (p.next().unwrap().to_string(), p.next().expect("type").to_string())
        })
        .collect()
}

/// Every row as a map column -> cell, after checking the count and the published types.
fn read_table(tsv: &str, cols: &[(String, String)]) -> Vec<HashMap<String, String>> {
    let mut rows = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), cols.len(), "line {}: {} cells: {line}", n + 1, cells.len());
        let mut row = HashMap::new();
        for ((name, kind), cell) in cols.iter().zip(&cells) {
            if !cell.is_empty() {
                match kind.as_str() {
                    "INTEGER" => assert!(cell.parse::<i64>().is_ok(), "line {}: {name} = {cell:?} is not an integer", n + 1),
                    "FLOAT" => assert!(cell.parse::<f64>().is_ok_and(f64::is_finite), "line {}: {name} = {cell:?} is not a float", n + 1),
                    "STRING" => assert!(!cell.contains(['\n', '\r']), "line {}: {name}", n + 1),
                    other => panic!("unknown type {other}"),
                }
            }
            row.insert(name.clone(), cell.to_string());
        }
        rows.push(row);
    }
    rows
}

fn int(row: &HashMap<String, String>, k: &str) -> i64 {
    row[k].parse().unwrap_or_else(|_| panic!("{k} = {:?}", row[k]))
}

fn is_date(s: &str) -> bool {
    s.len() == 8 && chrono::NaiveDate::parse_from_str(s, "%Y%m%d").is_ok()
}

fn is_timestamp(s: &str) -> bool {
    s.len() == 14 && chrono::NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%S").is_ok()
}

fn check_actor(row: &HashMap<String, String>, p: &str) {
    let code = &row[&format!("{p}Code")];
    assert!(code.len() % 3 == 0 && code.bytes().all(|b| b.is_ascii_uppercase()), "{p}Code {code:?}");
    let country = &row[&format!("{p}CountryCode")];
    assert!(country.is_empty() || (country.len() == 3 && code.starts_with(country.as_str())), "{p}CountryCode {country:?} code {code:?}");
    for t in ["Type1Code", "Type2Code", "Type3Code", "KnownGroupCode", "Religion1Code"] {
        let v = &row[&format!("{p}{t}")];
        assert!(v.is_empty() || v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{p}{t} {v:?}");
    }
    let t1 = &row[&format!("{p}Type1Code")];
    assert!(t1.is_empty() || code.contains(t1.as_str()), "{p}Type1Code {t1:?} not in {code:?}");
}

fn check_geo(row: &HashMap<String, String>, p: &str) {
    let kind = &row[&format!("{p}_Type")];
    let lat = &row[&format!("{p}_Lat")];
    if kind.is_empty() {
        for f in ["FullName", "CountryCode", "Lat", "Long", "FeatureID"] {
            assert!(row[&format!("{p}_{f}")].is_empty(), "{p}_{f} without {p}_Type");
        }
        return;
    }
    assert!(matches!(kind.as_str(), "1" | "2" | "3" | "4" | "5"), "{p}_Type {kind}");
    assert!(!row[&format!("{p}_FullName")].is_empty());
    let cc = &row[&format!("{p}_CountryCode")];
    assert!(cc.is_empty() || (cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase())), "{p}_CountryCode {cc:?} (FIPS 10-4)");
    if !lat.is_empty() {
        let (la, lo): (f64, f64) = (lat.parse().unwrap(), row[&format!("{p}_Long")].parse().unwrap());
        assert!((-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo), "{p} {la} {lo}");
    }
}

#[test]
fn gdelt_tables_follow_the_published_columns_types_and_ranges() {
    let dir = scratch("tables");
    let o = griot(&dir, &["ingest", "--quiet", repo().join("tests/stories/stories.jsonl").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = griot(&dir, &["export", "--format", "gdelt-events"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events = read_table(&String::from_utf8(o.stdout).unwrap(), &columns("events.columns.tsv"));
    assert!(events.len() >= 20, "{} events", events.len());
    let o = griot(&dir, &["export", "--format", "gdelt-mentions"]);
    assert!(o.status.success());
    let mentions = read_table(&String::from_utf8(o.stdout).unwrap(), &columns("mentions.columns.tsv"));
    assert!(mentions.len() >= events.len());

    let mut ids = HashSet::new();
    let (mut with_goldstein, mut with_actor, mut with_geo, mut roots) = (0, 0, 0, 0);
    for e in &events {
        assert!(int(e, "GLOBALEVENTID") > 0);
        assert!(ids.insert(e["GLOBALEVENTID"].clone()), "duplicate id");
        let day = &e["SQLDATE"];
        assert!(is_date(day), "SQLDATE {day}");
        assert_eq!(e["MonthYear"], day[..6]);
        assert_eq!(e["Year"], day[..4]);
        let frac: f64 = e["FractionDate"].parse().unwrap();
        let year: f64 = e["Year"].parse().unwrap();
        assert!(frac >= year && frac < year + 1.0, "FractionDate {frac}");
        check_actor(e, "Actor1");
        check_actor(e, "Actor2");
        with_actor += usize::from(!e["Actor1Code"].is_empty());
        assert!(matches!(e["IsRootEvent"].as_str(), "0" | "1"));
        roots += usize::from(e["IsRootEvent"] == "1");
        let code = &e["EventCode"];
        assert!((2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()), "EventCode {code:?}");
        assert!(code.starts_with(&e["EventBaseCode"]) && e["EventBaseCode"].starts_with(&e["EventRootCode"]));
        let root = int(e, "EventRootCode");
        assert!((1..=20).contains(&root));
        let quad = int(e, "QuadClass");
        let expect = match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        assert_eq!(quad, expect, "QuadClass of {code}");
        if !e["GoldsteinScale"].is_empty() {
            let g: f64 = e["GoldsteinScale"].parse().unwrap();
            assert!((-10.0..=10.0).contains(&g));
            with_goldstein += 1;
        }
        let (m, s, a) = (int(e, "NumMentions"), int(e, "NumSources"), int(e, "NumArticles"));
        assert!(m >= 1 && s >= 1 && a >= 1 && s <= a && a <= m, "{m} {s} {a}");
        assert!(e["AvgTone"].is_empty(), "griot has no tone measure");
        for p in ["Actor1Geo", "Actor2Geo", "ActionGeo"] {
            check_geo(e, p);
        }
        with_geo += usize::from(!e["ActionGeo_Type"].is_empty());
        assert!(is_timestamp(&e["DATEADDED"]), "DATEADDED {}", e["DATEADDED"]);
        assert!(!e["SOURCEURL"].is_empty());
    }
    assert_eq!(with_goldstein, events.len(), "every CAMEO code has a Goldstein value");
    assert!(with_actor * 2 > events.len(), "{with_actor} of {} events have an actor code", events.len());
    assert!(with_geo > 0 && roots > 0);

    let mut per_event: HashMap<String, i64> = HashMap::new();
    for m in &mentions {
        assert!(ids.contains(&m["GLOBALEVENTID"]), "mention of an unknown event");
        *per_event.entry(m["GLOBALEVENTID"].clone()).or_default() += 1;
        assert!(is_timestamp(&m["EventTimeDate"]) && is_timestamp(&m["MentionTimeDate"]));
        assert!(matches!(int(m, "MentionType"), 1..=6));
        assert!(!m["MentionIdentifier"].is_empty());
        assert!(int(m, "SentenceID") >= 1);
        let len = int(m, "MentionDocLen");
        for k in ["Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset"] {
            let v = int(m, k);
            assert!(v >= -1 && v < len, "{k} {v} of {len}");
        }
        assert!(int(m, "ActionCharOffset") >= 0);
        assert!(matches!(int(m, "InRawText"), 0 | 1));
        assert!((10..=100).contains(&int(m, "Confidence")));
        for k in ["MentionDocTone", "MentionDocTranslationInfo", "Extras"] {
            assert!(m[k].is_empty(), "{k}");
        }
    }
    for e in &events {
        assert_eq!(per_event.get(&e["GLOBALEVENTID"]).copied().unwrap_or(0), int(e, "NumMentions"), "mentions of {}", e["GLOBALEVENTID"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn char_offsets_count_characters_not_bytes() {
    let dir = scratch("offsets");
    let input = dir.join("a.jsonl");
    // "Président" and "Ségou" put multi-byte characters before the trigger.
    std::fs::write(
        &input,
        "{\"id\":\"x\",\"url\":\"https://news.example/x\",\"date\":\"2024-03-17\",\"text\":\"Ségou, Mali — Président Goïta said on Saturday. Niger revoked its military agreement with the United States on Saturday.\"}\n",
    )
    .unwrap();
    assert!(griot(&dir, &["ingest", "--quiet", input.to_str().unwrap()]).status.success());
    let o = griot(&dir, &["export", "--format", "gdelt-mentions"]);
    assert!(o.status.success());
    let text = "Ségou, Mali — Président Goïta said on Saturday. Niger revoked its military agreement with the United States on Saturday.";
    let rows = read_table(&String::from_utf8(o.stdout).unwrap(), &columns("mentions.columns.tsv"));
    let row = rows.iter().find(|r| {
        let at = int(r, "ActionCharOffset") as usize;
        text.chars().skip(at).collect::<String>().starts_with("revoked")
    });
    assert!(row.is_some(), "no mention whose ActionCharOffset points at 'revoked': {rows:?}");
    let row = row.unwrap();
    assert_eq!(int(row, "MentionDocLen"), text.chars().count() as i64);
    assert_eq!(row["MentionSourceName"], "news.example");
    let _ = std::fs::remove_dir_all(&dir);
}
