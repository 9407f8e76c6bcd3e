//! The range of days a TIMEX3 date value covers, for `since`/`until` filters.
//!
//! `2024-03-16` -> that day; `2024-03` -> 2024-03-01..2024-03-31; `2024-W11` -> its Monday
//! to Sunday; `2024-W11-3` -> that weekday; `2024-W11-WE` -> Saturday..Sunday; `2024-Q1`,
//! `2024-H2` -> quarter, half; `2024-SP|SU|FA|AU|WI` -> meteorological seasons of the northern
//! hemisphere (winter runs from December of that year to February of the next); `2023` -> the
//! year; `202`/`202X` -> the decade; `20`/`20XX` -> the century (2000..2099). A time part
//! (`2024-03-16T14:30`) is ignored. Anything else (`PRESENT_REF`, `XXXX-03`, durations) has no
//! range: `None`.

use chrono::{Datelike, NaiveDate, Weekday};

fn digits(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y.checked_add(1)?, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

fn months(y: i32, first: u32, last: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, first, 1)?, month_end(y, last)?))
}

/// First and last day covered by `value`, or `None` when it names no calendar range.
pub fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if !value.is_ascii() {
        return None;
    }
    let value = value.split('T').next().unwrap_or(value).trim();
    let mut parts = value.split('-');
    let head = parts.next()?;
    let second = parts.next();
    let third = parts.next();
    if parts.next().is_some() {
        return None;
    }
    if second.is_none() {
        return match head.len() {
            4 if head.bytes().all(|b| b.is_ascii_digit()) => months(digits(head)?, 1, 12),
            3 => {
                let d = digits(head)?;
                Some((ymd(d * 10, 1, 1)?, ymd(d * 10 + 9, 12, 31)?))
            }
            2 => {
                let c = digits(head)?;
                Some((ymd(c * 100, 1, 1)?, ymd(c * 100 + 99, 12, 31)?))
            }
            _ => {
                // 202X (decade), 20XX (century)
                let stem = head.trim_end_matches('X');
                if head.len() == 4 && (stem.len() == 3 || stem.len() == 2) {
                    date_range(stem)
                } else {
                    None
                }
            }
        };
    }
    if head.len() != 4 {
        return None;
    }
    let y = digits(head)?;
    let second = second?;
    if let (Some(week), false) = (second.strip_prefix('W'), second == "WI") {
        if week.len() != 2 {
            return None;
        }
        let w = u32::try_from(digits(week)?).ok()?;
        let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
        let sunday = NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?;
        return match third {
            None => Some((monday, sunday)),
            Some("WE") => Some((NaiveDate::from_isoywd_opt(y, w, Weekday::Sat)?, sunday)),
            Some(d) if d.len() == 1 => {
                let n = digits(d)?;
                if !(1..=7).contains(&n) {
                    return None;
                }
                let day = monday.checked_add_days(chrono::Days::new(u64::try_from(n - 1).ok()?))?;
                Some((day, day))
            }
            Some(_) => None,
        };
    }
    if third.is_none() {
        match second {
            "Q1" => return months(y, 1, 3),
            "Q2" => return months(y, 4, 6),
            "Q3" => return months(y, 7, 9),
            "Q4" => return months(y, 10, 12),
            "H1" => return months(y, 1, 6),
            "H2" => return months(y, 7, 12),
            "SP" => return months(y, 3, 5),
            "SU" => return months(y, 6, 8),
            "FA" | "AU" => return months(y, 9, 11),
            "WI" => return Some((ymd(y, 12, 1)?, month_end(y.checked_add(1)?, 2)?)),
            _ => {}
        }
    }
    if second.len() != 2 {
        return None;
    }
    let m = u32::try_from(digits(second)?).ok()?;
    match third {
        None => {
            if !(1..=12).contains(&m) {
                return None;
            }
            months(y, m, m)
        }
        Some(d) if d.len() == 2 => {
            let day = ymd(y, m, u32::try_from(digits(d)?).ok()?)?;
            Some((day, day))
        }
        Some(_) => None,
    }
}

/// ISO `YYYY-MM-DD` text of a day, the form stored in `date_start`/`date_end`.
pub fn iso(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expected: Option<(&str, &str)>) {
        let got = date_range(value).map(|(a, b)| (iso(a), iso(b)));
        let expected = expected.map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(got, expected, "value {value:?}");
    }

    #[test]
    fn days_months_years() {
        check("2024-03-16", Some(("2024-03-16", "2024-03-16")));
        check("2024-03-16T14:30", Some(("2024-03-16", "2024-03-16")));
        check("2024-03", Some(("2024-03-01", "2024-03-31")));
        check("2024-02", Some(("2024-02-01", "2024-02-29")));
        check("2023-02", Some(("2023-02-01", "2023-02-28")));
        check("2023-12", Some(("2023-12-01", "2023-12-31")));
        check("2023", Some(("2023-01-01", "2023-12-31")));
        check("202", Some(("2020-01-01", "2029-12-31")));
        check("199X", Some(("1990-01-01", "1999-12-31")));
        check("19XX", Some(("1900-01-01", "1999-12-31")));
    }

    #[test]
    fn weeks_quarters_seasons() {
        check("2024-W11", Some(("2024-03-11", "2024-03-17")));
        check("2024-W11-3", Some(("2024-03-13", "2024-03-13")));
        check("2024-W11-WE", Some(("2024-03-16", "2024-03-17")));
        check("2020-W53", Some(("2020-12-28", "2021-01-03")));
        check("2024-Q1", Some(("2024-01-01", "2024-03-31")));
        check("2024-H2", Some(("2024-07-01", "2024-12-31")));
        check("2024-SU", Some(("2024-06-01", "2024-08-31")));
        check("2023-WI", Some(("2023-12-01", "2024-02-29")));
    }

    #[test]
    fn unknown_values_have_no_range() {
        for v in [
            "",
            "PRESENT_REF",
            "PAST_REF",
            "XXXX-03",
            "XXXX-WXX-5",
            "P3D",
            "2024-13",
            "2024-02-30",
            "2024-W54",
            "2024-W11-8",
            "24-03-16",
            "2024-03-16-1",
            "2024年",
            "-2024",
            "2024-3",
        ] {
            check(v, None);
        }
    }
}
