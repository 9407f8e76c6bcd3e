//! Query-string parameters: decoding, and checks that turn every bad value into an
//! [`ApiError`] naming the parameter (a 400), before any query runs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use griot_store::browse::{ArticleQuery, EventCursor, EventQuery, EventSort, Period, StoryCursor};
use griot_store::{EventFilter, StoryFilter};
use serde::Serialize;

use crate::Vocabulary;

/// An API error: HTTP status, stable code, message and the parameter at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    /// Stable, machine-readable: `bad_parameter`, `unknown_parameter`, `repeated_parameter`,
    /// `not_found`, `unauthorized`, `writes_disabled`, `ingest_unavailable`,
    /// `payload_too_large`, `bad_body`, `rule_exists`, `too_many_rules`, `rules_unavailable`,
    /// `internal`.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError { status: 400, code: "bad_parameter", message: message.into(), parameter: Some(parameter.to_string()) }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: 404, code: "not_found", message: message.into(), parameter: None }
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: 500, code: "internal", message: message.into(), parameter: None }
    }
}

/// Decodes `application/x-www-form-urlencoded` text (`+` is a space, `%XX` a byte); invalid
/// escapes stay as written, invalid UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parameters of one request, each name at most once; [`Params::finish`] refuses the
/// names that no one took.
pub struct Params {
    values: BTreeMap<String, String>,
    taken: Vec<&'static str>,
}

/// Largest free-text value (a place name, search words).
const MAX_TEXT: usize = 500;

impl Params {
    /// Parses a raw query string; a name given twice is an error.
    pub fn parse(query: Option<&str>) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            if values.contains_key(&k) {
                return Err(ApiError {
                    status: 400,
                    code: "repeated_parameter",
                    message: format!("parameter {k:?} is given more than once"),
                    parameter: Some(k),
                });
            }
            values.insert(k, v);
        }
        Ok(Params { values, taken: Vec::new() })
    }

    /// The value of `name` (an empty value counts as absent).
    pub fn get(&mut self, name: &'static str) -> Option<String> {
        self.taken.push(name);
        self.values.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }

    /// Free text of at most [`MAX_TEXT`] characters.
    pub fn text(&mut self, name: &'static str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            Some(v) if v.chars().count() > MAX_TEXT => {
                Err(ApiError::bad(name, format!("{name} is longer than {MAX_TEXT} characters")))
            }
            Some(v) if v.chars().any(char::is_control) => {
                Err(ApiError::bad(name, format!("{name} contains control characters")))
            }
            v => Ok(v),
        }
    }

    pub fn date(&mut self, name: &'static str) -> Result<Option<NaiveDate>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ApiError::bad(name, format!("{name} {v:?} is not a date in YYYY-MM-DD form"))),
        }
    }

    /// A whole number in `lo..=hi`, or `default`.
    pub fn number(&mut self, name: &'static str, lo: usize, hi: usize, default: usize) -> Result<usize, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (lo..=hi).contains(&n) => Ok(n),
                _ => Err(ApiError::bad(name, format!("{name} must be a whole number from {lo} to {hi}, got {v:?}"))),
            },
        }
    }

    /// One of `choices`, or `default`.
    pub fn choice(&mut self, name: &'static str, choices: &[&'static str], default: &'static str) -> Result<&'static str, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(&v))
                .copied()
                .ok_or_else(|| ApiError::bad(name, format!("{name} {v:?} is not one of {}", choices.join(", ")))),
        }
    }

    /// Refuses parameters that the endpoint does not know (typos would silently widen a
    /// filter otherwise).
    pub fn finish(self) -> Result<(), ApiError> {
        match self.values.keys().find(|k| !self.taken.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => {
                let mut known: Vec<&str> = self.taken.clone();
                known.sort_unstable();
                known.dedup();
                Err(ApiError {
                    status: 400,
                    code: "unknown_parameter",
                    message: format!("unknown parameter {k:?}; this endpoint takes {}", known.join(", ")),
                    parameter: Some(k.clone()),
                })
            }
        }
    }
}

/// An actor code: 2 to 12 ASCII letters or digits (`NER`, `UNO`, `NERMIL`), upper-cased.
fn code(p: &mut Params, name: &'static str) -> Result<Option<String>, ApiError> {
    match p.get(name) {
        None => Ok(None),
        Some(v) if (2..=12).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) => Ok(Some(v.to_uppercase())),
        Some(v) => Err(ApiError::bad(
            name,
            format!("{name} {v:?} is not an actor code (an ISO-3166 alpha-3 country such as NER, an IGO such as UNO, optionally with a sector: NERMIL)"),
        )),
    }
}

/// Event statuses, as stored.
pub const STATUSES: &[&str] = &["asserted", "reported", "alleged", "denied", "planned", "hypothetical", "negated"];

/// The event filter of a request: `actor`, `recipient`, `type`, `mode`, `context`, `status`,
/// `since`, `until`, `place`, `bbox`, `text`, `story`, `article`.
pub fn event_query(p: &mut Params, vocab: &Vocabulary) -> Result<EventQuery, ApiError> {
    let actor = code(p, "actor")?;
    let recipient = code(p, "recipient")?;
    let event_type = match p.get("type") {
        None => None,
        Some(t) => {
            let up = t.to_uppercase();
            if !vocab.types.iter().any(|x| x.name == up) {
                let names: Vec<&str> = vocab.types.iter().map(|x| x.name.as_str()).collect();
                return Err(ApiError::bad("type", format!("type {t:?} is not a PLOVER event type; the types are {}", names.join(", "))));
            }
            Some(up)
        }
    };
    let mode = match p.get("mode") {
        None => None,
        Some(m) => {
            let low = m.to_lowercase();
            let known = vocab.types.iter().filter(|x| event_type.as_deref().is_none_or(|t| t == x.name));
            let mut modes: Vec<&str> = known.flat_map(|x| x.modes.iter().map(String::as_str)).collect();
            if !modes.contains(&low.as_str()) {
                modes.sort_unstable();
                modes.dedup();
                let of = event_type.as_deref().map(|t| format!(" of {t}")).unwrap_or_default();
                return Err(ApiError::bad("mode", format!("mode {m:?} is not a PLOVER mode{of}; the modes are {}", modes.join(", "))));
            }
            Some(low)
        }
    };
    let context = match p.get("context") {
        None => None,
        Some(c) => {
            let low = c.to_lowercase();
            if !vocab.contexts.iter().any(|x| *x == low) {
                return Err(ApiError::bad(
                    "context",
                    format!("context {c:?} is not a PLOVER context; the contexts are {}", vocab.contexts.join(", ")),
                ));
            }
            Some(low)
        }
    };
    let status = match p.get("status") {
        None => None,
        Some(s) => {
            let low = s.to_lowercase();
            if !STATUSES.contains(&low.as_str()) {
                return Err(ApiError::bad("status", format!("status {s:?} is not one of {}", STATUSES.join(", "))));
            }
            Some(low)
        }
    };
    let since = p.date("since")?;
    let until = p.date("until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(ApiError::bad("since", format!("since {s} is after until {u}: no event can match")));
        }
    }
    let place = p.text("place")?;
    let text = p.text("text")?;
    let bbox = match p.get("bbox") {
        None => None,
        Some(b) => Some(bbox(&b)?),
    };
    let story = story_id(p, "story")?;
    let article = p.text("article")?;
    Ok(EventQuery {
        filter: EventFilter { actor, recipient, event_type, since, until, place, text, limit: None },
        mode,
        context,
        status,
        bbox,
        story,
        article,
    })
}

fn bbox(b: &str) -> Result<[f64; 4], ApiError> {
    let bad = |why: &str| ApiError::bad("bbox", format!("bbox {b:?} {why}; give west,south,east,north in degrees, e.g. -20,0,30,25"));
    let parts: Vec<&str> = b.split(',').map(str::trim).collect();
    if parts.len() != 4 {
        return Err(bad("does not have four numbers"));
    }
    let mut v = [0f64; 4];
    for (slot, s) in v.iter_mut().zip(&parts) {
        *slot = s.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| bad("has a value that is not a number"))?;
    }
    let [west, south, east, north] = v;
    if !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
        return Err(bad("has a longitude outside -180..180"));
    }
    if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
        return Err(bad("has a latitude outside -90..90"));
    }
    if south > north {
        return Err(bad("has its south above its north"));
    }
    Ok(v)
}

/// A story id: hexadecimal, at most 32 digits, lower-cased.
pub fn story_id(p: &mut Params, name: &'static str) -> Result<Option<String>, ApiError> {
    match p.get(name) {
        None => Ok(None),
        Some(s) if !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(Some(s.to_lowercase())),
        Some(s) => Err(ApiError::bad(name, format!("{name} {s:?} is not a story id (hexadecimal digits)"))),
    }
}

/// Page size: `limit`, 1..=1000, default 100.
pub fn limit(p: &mut Params) -> Result<usize, ApiError> {
    p.number("limit", 1, 1000, 100)
}

pub fn event_sort(p: &mut Params) -> Result<EventSort, ApiError> {
    Ok(match p.choice("sort", &["ingest", "date", "-date"], "ingest")? {
        "date" => EventSort::DateAsc,
        "-date" => EventSort::DateDesc,
        _ => EventSort::Ingest,
    })
}

pub fn event_cursor(p: &mut Params) -> Result<Option<EventCursor>, ApiError> {
    match p.get("cursor") {
        None => Ok(None),
        Some(c) => EventCursor::parse(&c)
            .map(Some)
            .ok_or_else(|| ApiError::bad("cursor", format!("cursor {c:?} is not a cursor this server gave (use the `next` of a page)"))),
    }
}

pub fn article_query(p: &mut Params) -> Result<(ArticleQuery, Option<i64>), ApiError> {
    let text = p.text("text")?;
    let since = p.date("since")?;
    let until = p.date("until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(ApiError::bad("since", format!("since {s} is after until {u}: no article can match")));
        }
    }
    let source = p.text("source")?;
    let story = story_id(p, "story")?;
    let after = match p.get("cursor") {
        None => None,
        Some(c) => Some(
            c.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| ApiError::bad("cursor", format!("cursor {c:?} is not a cursor this server gave (use the `next` of a page)")))?,
        ),
    };
    Ok((ArticleQuery { text, since, until, source, story }, after))
}

pub fn story_query(p: &mut Params) -> Result<(StoryFilter, Option<StoryCursor>), ApiError> {
    let actor = code(p, "actor")?;
    let since = p.date("since")?;
    let until = p.date("until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(ApiError::bad("since", format!("since {s} is after until {u}: no story can match")));
        }
    }
    let text = p.text("text")?;
    let cursor = match p.get("cursor") {
        None => None,
        Some(c) => Some(
            StoryCursor::parse(&c)
                .ok_or_else(|| ApiError::bad("cursor", format!("cursor {c:?} is not a cursor this server gave (use the `next` of a page)")))?,
        ),
    };
    Ok((StoryFilter { actor, since, until, text, limit: None }, cursor))
}

pub fn period(p: &mut Params) -> Result<Period, ApiError> {
    Ok(match p.choice("period", &["day", "week", "month"], "day")? {
        "week" => Period::Week,
        "month" => Period::Month,
        _ => Period::Day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary {
            types: vec![crate::EventType { name: "SANCTION".into(), modes: vec!["discontinue".into()], quad: Some(3) }],
            contexts: vec!["military".into()],
        }
    }

    fn query(q: &str) -> Result<EventQuery, ApiError> {
        let mut p = Params::parse(Some(q))?;
        let out = event_query(&mut p, &vocab())?;
        p.finish()?;
        Ok(out)
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("a+b%20c%3D%zz%"), "a b c=%zz%");
        assert_eq!(decode("%E2%82%AC"), "€");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(decode("%4"), "%4");
    }

    #[test]
    fn good_filters() {
        let q = query("actor=ner&type=sanction&mode=DISCONTINUE&context=military&status=Reported&since=2024-01-01&until=2024-12-31&bbox=-20,0,30,25&text=pact&story=AB12&place=Niamey").unwrap();
        assert_eq!(q.filter.actor.as_deref(), Some("NER"));
        assert_eq!(q.filter.event_type.as_deref(), Some("SANCTION"));
        assert_eq!(q.mode.as_deref(), Some("discontinue"));
        assert_eq!(q.status.as_deref(), Some("reported"));
        assert_eq!(q.bbox, Some([-20.0, 0.0, 30.0, 25.0]));
        assert_eq!(q.story.as_deref(), Some("ab12"));
        // empty values are absent
        assert!(query("actor=&type=").unwrap().filter.actor.is_none());
    }

    #[test]
    fn bad_filters_name_their_parameter() {
        for (q, param, code) in [
            ("actor=N", "actor", "bad_parameter"),
            ("actor=<script>", "actor", "bad_parameter"),
            ("type=BOMB", "type", "bad_parameter"),
            ("mode=fly", "mode", "bad_parameter"),
            ("context=space", "context", "bad_parameter"),
            ("status=maybe", "status", "bad_parameter"),
            ("since=2024-02-30", "since", "bad_parameter"),
            ("until=yesterday", "until", "bad_parameter"),
            ("since=2024-02-02&until=2024-02-01", "since", "bad_parameter"),
            ("bbox=1,2,3", "bbox", "bad_parameter"),
            ("bbox=1,2,3,x", "bbox", "bad_parameter"),
            ("bbox=0,10,5,5", "bbox", "bad_parameter"),
            ("bbox=0,0,500,5", "bbox", "bad_parameter"),
            ("bbox=0,0,NaN,5", "bbox", "bad_parameter"),
            ("story=xyz", "story", "bad_parameter"),
            ("text=a%00b", "text", "bad_parameter"),
            ("actr=NER", "actr", "unknown_parameter"),
            ("actor=NER&actor=USA", "actor", "repeated_parameter"),
        ] {
            let e = query(q).expect_err(q);
            assert_eq!((e.status, e.code, e.parameter.as_deref()), (400, code, Some(param)), "{q}: {}", e.message);
        }
        let long = format!("text={}", "a".repeat(501));
        assert_eq!(query(&long).unwrap_err().parameter.as_deref(), Some("text"));
    }

    #[test]
    fn paging_parameters() {
        let mut p = Params::parse(Some("limit=0")).unwrap();
        assert_eq!(limit(&mut p).unwrap_err().parameter.as_deref(), Some("limit"));
        let mut p = Params::parse(Some("limit=1001")).unwrap();
        assert!(limit(&mut p).is_err());
        let mut p = Params::parse(Some("limit=7&sort=-DATE&cursor=3.2024-03-01")).unwrap();
        assert_eq!(limit(&mut p).unwrap(), 7);
        assert_eq!(event_sort(&mut p).unwrap(), EventSort::DateDesc);
        assert_eq!(event_cursor(&mut p).unwrap().unwrap().row, 3);
        let mut p = Params::parse(Some("cursor=zzz")).unwrap();
        assert_eq!(event_cursor(&mut p).unwrap_err().parameter.as_deref(), Some("cursor"));
        let mut p = Params::parse(Some("period=year")).unwrap();
        assert_eq!(period(&mut p).unwrap_err().parameter.as_deref(), Some("period"));
    }
}
