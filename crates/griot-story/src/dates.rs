//! Day ranges of TIMEX3 date values, for comparing event dates of different precision.
//!
//! "2024-03-16" is one day, "2024-W11" seven, "2024-03" a month, "2024-Q1" a quarter,
//! "2024-SU" a season, "2024" a year, "202" a decade. Anything else (durations, sets,
//! "PRESENT_REF", unresolved "XXXX-..." values) has no range.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DayRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DayRange {
    pub fn day(d: NaiveDate) -> DayRange {
        DayRange { first: d, last: d }
    }
    /// True when the ranges share a day once each is widened by `slack_days`.
    pub fn overlaps(&self, other: &DayRange, slack_days: i64) -> bool {
        let (a0, a1) = (day_number(self.first), day_number(self.last));
        let (b0, b1) = (day_number(other.first), day_number(other.last));
        a0 - slack_days <= b1 && b0 - slack_days <= a1
    }
    pub fn days(&self) -> i64 {
        day_number(self.last) - day_number(self.first) + 1
    }
}

/// Days since 0001-01-01 (proleptic Gregorian).
pub fn day_number(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

/// The range of days a TIMEX3 date value covers.
pub fn parse_timex(value: &str) -> Option<DayRange> {
    let v = value.trim();
    // Drop a time part: "2024-03-16T10:00".
    let v = v.split('T').next().unwrap_or(v);
    let parts: Vec<&str> = v.split('-').collect();
    let year: i32 = match parts.first() {
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => y.parse().ok()?,
        Some(d) if d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit()) && parts.len() == 1 => {
            let start: i32 = d.parse::<i32>().ok()? * 10;
            return Some(DayRange {
                first: NaiveDate::from_ymd_opt(start, 1, 1)?,
                last: NaiveDate::from_ymd_opt(start + 9, 12, 31)?,
            });
        }
        _ => return None,
    };
    let year_range = || {
        Some(DayRange {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    };
    match parts.as_slice() {
        [_] => year_range(),
        [_, p] if p.starts_with('W') && p.len() > 1 && p.bytes().skip(1).all(|b| b.is_ascii_digit()) => {
            let week: u32 = p.get(1..)?.parse().ok()?;
            let first = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
            Some(DayRange { first, last: first + chrono::Duration::days(6) })
        }
        [_, p] if p.starts_with('Q') => {
            let q: u32 = p.get(1..)?.parse().ok()?;
            if !(1..=4).contains(&q) {
                return None;
            }
            month_span(year, q * 3 - 2, 3)
        }
        [_, "SP"] => month_span(year, 3, 3),
        [_, "SU"] => month_span(year, 6, 3),
        [_, "FA"] | [_, "AU"] => month_span(year, 9, 3),
        [_, "WI"] => month_span(year, 12, 3),
        [_, m] if m.len() == 2 => {
            let m: u32 = m.parse().ok()?;
            month_span(year, m, 1)
        }
        [_, m, d, ..] if m.len() == 2 && d.len() >= 2 => {
            let m: u32 = m.parse().ok()?;
            let d: u32 = d.get(..2)?.parse().ok()?;
            NaiveDate::from_ymd_opt(year, m, d).map(DayRange::day)
        }
        _ => None,
    }
}

/// `months` months starting at (year, month), possibly running into the next year.
fn month_span(year: i32, month: u32, months: u32) -> Option<DayRange> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end_index = month + months; // month after the last one, 1-based, may pass 12
    let (ey, em) = if end_index > 12 { (year + 1, end_index - 12) } else { (year, end_index) };
    let next = NaiveDate::from_ymd_opt(ey, em, 1)?;
    Some(DayRange { first, last: next.pred_opt()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expected: Option<(&str, &str)>) {
        let got = parse_timex(value).map(|r| (r.first.to_string(), r.last.to_string()));
        let want = expected.map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(got, want, "range of {value:?}");
    }

    #[test]
    fn ranges() {
        check("2024-03-16", Some(("2024-03-16", "2024-03-16")));
        check("2024-03-16T10:30", Some(("2024-03-16", "2024-03-16")));
        check("2024-W11", Some(("2024-03-11", "2024-03-17")));
        check("2023-07", Some(("2023-07-01", "2023-07-31")));
        check("2024-02", Some(("2024-02-01", "2024-02-29")));
        check("2024-Q1", Some(("2024-01-01", "2024-03-31")));
        check("2023-WI", Some(("2023-12-01", "2024-02-29")));
        check("2016", Some(("2016-01-01", "2016-12-31")));
        check("202", Some(("2020-01-01", "2029-12-31")));
        check("P3D", None);
        check("PRESENT_REF", None);
        check("XXXX-WXX-5", None);
        check("2024-13", None);
        check("2024-02-30", None);
        check("", None);
        check("20é4", None);
    }

    #[test]
    fn overlap_with_slack() {
        let a = parse_timex("2024-03-16").unwrap();
        let b = parse_timex("2024-03-17").unwrap();
        let w = parse_timex("2024-W11").unwrap();
        assert!(!a.overlaps(&b, 0));
        assert!(a.overlaps(&b, 1));
        assert!(a.overlaps(&w, 0));
        assert_eq!(w.days(), 7);
    }
}
