//! Publication dates as sources write them.
//!
//! [`parse_date`] accepts `2024-03-17`, ISO 8601 / RFC 3339 date-times (`2024-03-17T23:30:00-05:00`:
//! the calendar date is taken as written, in its own offset, never shifted to UTC),
//! `2024/03/17`, `2024.03.17`, `20240317`, RFC 2822 (`Sun, 17 Mar 2024 10:00:00 +0000`),
//! `March 17, 2024`, `Mar. 17 2024`, `17 March 2024`, `17th March 2024`, with an optional weekday
//! in front, `17.03.2024`, and `17/03/2024` or `03/17/2024` when the order is clear (a number
//! over 12). Anything else (partial dates such as `2024-03`, ambiguous ones such as `03/04/2024`)
//! gives `None`; readers then keep the raw value in
//! `meta["date_raw"]`.

use chrono::{DateTime, NaiveDate};

/// Publication dates outside these years are refused (a typo, a placeholder such as
/// `0001-01-01` or `9999-12-31`, a broken timestamp).
pub const YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

/// Parse a publication date; `None` when the value is not a full, valid calendar date in
/// [`YEARS`].
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    parse_any_year(raw).filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
}

/// Why a raw publication date was refused, for the reader's warning.
pub fn date_problem(raw: &str) -> String {
    match parse_any_year(raw) {
        Some(d) => format!("year {} is outside {}..={}", chrono::Datelike::year(&d), YEARS.start(), YEARS.end()),
        None if looks_numeric_date(raw.trim()) => "not a valid calendar date".into(),
        None => "not a date griot reads (use YYYY-MM-DD)".into(),
    }
}

/// Digits with `-`, `/` or `.` between them, as in `2024-02-30`, `0000-00-00` or `99999-01-01`.
fn looks_numeric_date(s: &str) -> bool {
    let head = s.split(['T', ' ']).next().unwrap_or("");
    head.bytes().filter(|c| c.is_ascii_digit()).count() >= 6
        && head.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'/' | b'.'))
        && !head.starts_with(['-', '/', '.'])
}

/// Why a Unix timestamp was refused.
pub(crate) fn epoch_problem(value: i64) -> String {
    match date_from_epoch_any(value) {
        Some(d) if value > 0 => format!("timestamp {value} is year {}, outside {}..={}", chrono::Datelike::year(&d), YEARS.start(), YEARS.end()),
        _ if value <= 0 => format!("timestamp {value} is not a plausible publication time"),
        _ => format!("timestamp {value} is out of range"),
    }
}

fn parse_any_year(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    let b = s.as_bytes();
    if b.len() < 6 {
        return None;
    }
    if b[0].is_ascii_digit() {
        if let Some(d) = numeric_ymd(b).or_else(|| numeric_dmy(b)) {
            return Some(d);
        }
    }
    words_date(s)
}

/// A date from a Unix timestamp in seconds (or milliseconds when it is too large for seconds).
/// Zero, negative and out-of-range values give `None`.
pub(crate) fn date_from_epoch(value: i64) -> Option<NaiveDate> {
    if value <= 0 {
        return None;
    }
    date_from_epoch_any(value).filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
}

fn date_from_epoch_any(value: i64) -> Option<NaiveDate> {
    let secs = if value.unsigned_abs() > 100_000_000_000 { value / 1000 } else { value };
    DateTime::from_timestamp(secs, 0).map(|t| t.date_naive())
}

fn digits(b: &[u8], at: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while let Some(c) = b.get(at + n) {
        if !c.is_ascii_digit() || n >= 9 {
            break;
        }
        v = v * 10 + u32::from(c - b'0');
        n += 1;
    }
    (v, n)
}

/// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD` (each optionally followed by a time) and `YYYYMMDD`.
fn numeric_ymd(b: &[u8]) -> Option<NaiveDate> {
    let (year, n) = digits(b, 0);
    if n == 8 {
        let follows_ok = b.get(8).is_none_or(|c| !c.is_ascii_alphanumeric() || *c == b'T');
        if !follows_ok {
            return None;
        }
        return NaiveDate::from_ymd_opt((year / 10000) as i32, (year / 100) % 100, year % 100);
    }
    if n != 4 {
        return None;
    }
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let (month, mn) = digits(b, 5);
    if mn == 0 || mn > 2 || b.get(5 + mn) != Some(&sep) {
        return None;
    }
    let at = 6 + mn;
    let (day, dn) = digits(b, at);
    if dn == 0 || dn > 2 {
        return None;
    }
    // What follows the day must not continue a number (`2024-03-171` is not a date).
    if b.get(at + dn).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `17.03.2024` (day first: dots are not a month-first style), and `17/03/2024` or
/// `03/17/2024` only when one of the first two numbers is over 12; `03/04/2024` is ambiguous.
fn numeric_dmy(b: &[u8]) -> Option<NaiveDate> {
    let (first, n1) = digits(b, 0);
    let sep = *b.get(n1)?;
    if n1 == 0 || n1 > 2 || !matches!(sep, b'.' | b'/' | b'-') {
        return None;
    }
    let (second, n2) = digits(b, n1 + 1);
    if n2 == 0 || n2 > 2 || b.get(n1 + 1 + n2) != Some(&sep) {
        return None;
    }
    let at = n1 + n2 + 2;
    let (year, n3) = digits(b, at);
    if n3 != 4 || b.get(at + n3).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (day, month) = if sep == b'.' || first > 12 {
        (first, second)
    } else if second > 12 {
        (second, first)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
}

fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower))).map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3 && DAYS.iter().any(|d| *d == lower || (d.starts_with(&lower) && lower.len() <= 4))
}

fn words_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() && toks.len() < 8 {
        let c = b[i];
        if c.is_ascii_digit() {
            let (v, n) = digits(b, i);
            // digits() stops at 9 digits; skip any that remain.
            let mut end = i + n;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            toks.push(Tok::Num(v, end - i));
            i = end;
            // Ordinal suffixes: 17th, 1st, 2nd, 3rd.
            let rest = &b[i..];
            if rest.len() >= 2 {
                let suffix = [rest[0].to_ascii_lowercase(), rest[1].to_ascii_lowercase()];
                let ends = rest.get(2).is_none_or(|c| !c.is_ascii_alphabetic());
                if ends && matches!(&suffix, b"th" | b"st" | b"nd" | b"rd") {
                    i += 2;
                }
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // Slicing at ASCII letters keeps char boundaries.
            toks.push(Tok::Word(&s[start..i]));
        } else {
            i += 1;
        }
    }
    let mut t = &toks[..];
    if let Some(Tok::Word(w)) = t.first() {
        if is_weekday(w) {
            t = &t[1..];
        }
    }
    let year_of = |v: u32, n: usize| -> Option<i32> {
        match n {
            4 => Some(v as i32),
            2 => Some(if v < 70 { 2000 + v as i32 } else { 1900 + v as i32 }),
            _ => None,
        }
    };
    match t {
        [Tok::Num(d, dn), Tok::Word(m), Tok::Num(y, yn), ..] if *dn <= 2 => {
            NaiveDate::from_ymd_opt(year_of(*y, *yn)?, month_of(m)?, *d)
        }
        [Tok::Word(m), Tok::Num(d, dn), Tok::Num(y, yn), ..] if *dn <= 2 => {
            NaiveDate::from_ymd_opt(year_of(*y, *yn)?, month_of(m)?, *d)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_date(input).map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn iso_forms() {
        check("2024-03-17", Some("2024-03-17"));
        check(" 2024-3-7 ", Some("2024-03-07"));
        check("2024/03/17", Some("2024-03-17"));
        check("2024.03.17", Some("2024-03-17"));
        check("20240317", Some("2024-03-17"));
        check("2024-03-17T10:00:00Z", Some("2024-03-17"));
        check("2024-03-17 10:00", Some("2024-03-17"));
    }

    #[test]
    fn offsets_keep_the_written_day() {
        check("2024-03-17T23:30:00-05:00", Some("2024-03-17"));
        check("2024-03-17T00:30:00+09:00", Some("2024-03-17"));
        check("Sun, 17 Mar 2024 23:59:00 -1100", Some("2024-03-17"));
    }

    #[test]
    fn words() {
        check("Sun, 17 Mar 2024 10:00:00 +0000", Some("2024-03-17"));
        check("March 17, 2024", Some("2024-03-17"));
        check("Sunday, March 17, 2024", Some("2024-03-17"));
        check("Mar. 17 2024", Some("2024-03-17"));
        check("17 March 2024", Some("2024-03-17"));
        check("17th March 2024", Some("2024-03-17"));
        check("Sept 3, 2023", Some("2023-09-03"));
        check("3 Sep 23", Some("2023-09-03"));
    }

    #[test]
    fn rejects() {
        check("", None);
        check("2024-03", None);
        check("2024-02-30", None);
        check("03/04/2024", None);
        check("17/03/2024 x", Some("2024-03-17"));
        check("03/17/2024", Some("2024-03-17"));
        check("17.03.2024", Some("2024-03-17"));
        check("7.3.2024", Some("2024-03-07"));
        check("17.03.20245", None);
        check("yesterday", None);
        check("March 2024", None);
        check("2024-03-171", None);
        check("99999999999999999999", None);
        check("Marchember 17, 2024", None);
    }

    #[test]
    fn out_of_range_and_impossible() {
        for raw in ["2024-02-30", "99999-01-01", "-1", "0000-00-00", "0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01"] {
            check(raw, None);
        }
        check("1800-01-01", Some("1800-01-01"));
        check("2100-12-31", Some("2100-12-31"));
        assert_eq!(date_problem("2024-02-30"), "not a valid calendar date");
        assert_eq!(date_problem("0000-00-00"), "not a valid calendar date");
        assert_eq!(date_problem("99999-01-01"), "not a valid calendar date");
        assert_eq!(date_problem("0001-01-01"), "year 1 is outside 1800..=2100");
        assert_eq!(date_problem("9999-12-31"), "year 9999 is outside 1800..=2100");
        assert_eq!(date_problem("-1"), "not a date griot reads (use YYYY-MM-DD)");
        assert_eq!(date_from_epoch(-99_999_999_999_999), None);
        assert_eq!(date_from_epoch(-1), None);
        assert_eq!(date_from_epoch(0), None);
        assert_eq!(epoch_problem(-1), "timestamp -1 is not a plausible publication time");
        assert!(epoch_problem(99_999_999_999_999).contains("outside"), "{}", epoch_problem(99_999_999_999_999));
    }

    #[test]
    fn epoch() {
        assert_eq!(date_from_epoch(1_710_669_600).map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
        assert_eq!(date_from_epoch(1_710_669_600_000).map(|d| d.to_string()).as_deref(), Some("2024-03-17"));
    }
}
