//! Resolution: a [`Sem`] plus the publication date, the clause tense and the last date
//! mentioned give a TIMEX3 value, a precision and an anchor.
//!
//! Without a publication date, relative expressions keep X placeholders in the TimeML way
//! ("XXXX-07", "XXXX-WXX-6", "XXXX-XX-XX") with anchor `Unresolved` and precision `Unknown`;
//! they are never dated "today".

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use griot_text::{Precision, TimeAnchor};

use crate::grammar::{Count, Dir, Holiday, Sem};
use crate::lex::{Season, Unit};

/// Tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// A date that later expressions can be relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref {
    pub date: NaiveDate,
    pub precision: Precision,
}

/// The outcome of resolving one expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: String,
    pub precision: Precision,
    pub anchor: TimeAnchor,
    /// What later "the previous day" / "three weeks later" count from.
    pub point: Option<Ref>,
}

pub struct Ctx {
    pub dct: Option<NaiveDate>,
    pub last: Option<Ref>,
    /// The last date was mentioned in this sentence or one of the two before.
    pub last_near: bool,
}

fn r(value: String, precision: Precision, anchor: TimeAnchor, point: Option<Ref>) -> Resolved {
    Resolved { value, precision, anchor, point }
}

fn unresolved(value: &str) -> Resolved {
    r(value.to_string(), Precision::Unknown, TimeAnchor::Unresolved, None)
}

pub fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn add_months(y: i32, m: u32, off: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + off;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

fn add_quarters(y: i32, q: u32, off: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + off;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

fn day_ref(d: NaiveDate) -> Option<Ref> {
    Some(Ref { date: d, precision: Precision::Day })
}

fn day_res(d: NaiveDate, anchor: TimeAnchor) -> Resolved {
    r(fmt_day(d), Precision::Day, anchor, day_ref(d))
}

fn month_res(y: i32, m: u32, anchor: TimeAnchor) -> Resolved {
    let point = ymd(y, m, 1).map(|d| Ref { date: d, precision: Precision::Month });
    r(format!("{y:04}-{m:02}"), Precision::Month, anchor, point)
}

fn year_res(y: i32, anchor: TimeAnchor) -> Resolved {
    let point = ymd(y, 1, 1).map(|d| Ref { date: d, precision: Precision::Year });
    r(format!("{y:04}"), Precision::Year, anchor, point)
}

fn week_res(d: NaiveDate, anchor: TimeAnchor) -> Resolved {
    r(fmt_week(d), Precision::Week, anchor, Some(Ref { date: d, precision: Precision::Week }))
}

fn quarter_res(y: i32, q: u32, anchor: TimeAnchor) -> Resolved {
    let point = ymd(y, (q - 1) * 3 + 1, 1).map(|d| Ref { date: d, precision: Precision::Quarter });
    r(format!("{y:04}-Q{q}"), Precision::Quarter, anchor, point)
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

/// A date shifted by whole units, formatted at the unit's granularity.
fn shifted(base: NaiveDate, unit: Unit, n: f64, anchor: TimeAnchor) -> Option<Resolved> {
    let whole = n.round() as i64;
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => day_res(base, anchor),
        Unit::Day => day_res(shift_days(base, whole)?, anchor),
        Unit::Week => week_res(shift_days(base, whole * 7)?, anchor),
        Unit::Fortnight => week_res(shift_days(base, whole * 14)?, anchor),
        Unit::Month => {
            let (y, m) = add_months(base.year(), base.month(), whole as i32);
            month_res(y, m, anchor)
        }
        Unit::Quarter => {
            let (y, q) = add_quarters(base.year(), quarter_of(base.month()), whole as i32);
            quarter_res(y, q, anchor)
        }
        Unit::Year => year_res(base.year() + whole as i32, anchor),
        Unit::Decade => year_res(base.year() + 10 * whole as i32, anchor),
        Unit::Century => year_res(base.year() + 100 * whole as i32, anchor),
    })
}

fn unit_letter(u: Unit) -> (&'static str, u32) {
    match u {
        Unit::Second => ("TS", 1),
        Unit::Minute => ("TM", 1),
        Unit::Hour => ("TH", 1),
        Unit::Day => ("D", 1),
        Unit::Week => ("W", 1),
        Unit::Fortnight => ("W", 2),
        Unit::Month => ("M", 1),
        Unit::Quarter => ("Q", 1),
        Unit::Year => ("Y", 1),
        Unit::Decade => ("Y", 10),
        Unit::Century => ("Y", 100),
    }
}

fn unit_precision(u: Unit) -> Precision {
    match u {
        Unit::Second | Unit::Minute => Precision::Minute,
        Unit::Hour => Precision::Hour,
        Unit::Day => Precision::Day,
        Unit::Week | Unit::Fortnight => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
    }
}

/// "P3D", "PT4H", "P1.5Y", "PXW".
pub fn duration_value(n: Count, unit: Unit) -> String {
    let (letter, mult) = unit_letter(unit);
    let (p, l) = if let Some(rest) = letter.strip_prefix('T') { ("PT", rest) } else { ("P", letter) };
    match n {
        Count::X => format!("{p}X{l}"),
        Count::N(v) => {
            let v = v * mult as f64;
            if v.fract() == 0.0 {
                format!("{p}{}{l}", v as i64)
            } else {
                format!("{p}{}{l}", (v * 100.0).round() / 100.0)
            }
        }
    }
}

/// Weekday `wd` (1 = Monday) near `dct` in direction `dir`.
fn weekday_near(dct: NaiveDate, wd: u32, dir: Dir, tense: Tense) -> Option<NaiveDate> {
    let cur = dct.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    let off = match dir {
        Dir::Last => -(if back == 0 { 7 } else { back }),
        Dir::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::This => wd - cur,
        _ => match tense {
            Tense::Future => fwd,
            _ => -back,
        },
    };
    shift_days(dct, off)
}

/// The year of month `m` (day `d`) relative to `dct` in direction `dir`.
fn year_for(dct: NaiveDate, m: u32, d: Option<u32>, dir: Dir, tense: Tense) -> i32 {
    let y = dct.year();
    let key = |mm: u32, dd: u32| mm * 40 + dd;
    let cur = key(dct.month(), if d.is_some() { dct.day() } else { 0 });
    let this = key(m, d.unwrap_or(0));
    match dir {
        Dir::YearOff(o) => y + o,
        Dir::This => y,
        Dir::Last => {
            if m < dct.month() {
                y
            } else {
                y - 1
            }
        }
        Dir::Next => {
            if m > dct.month() {
                y
            } else {
                y + 1
            }
        }
        Dir::Tense if d.is_some() => {
            // a day: the tense decides unless it points far away and the other side is close
            // ("payable Dec. 15", "was extended to Nov. 16")
            let dd = d.unwrap_or(1);
            let past_y = if this <= cur { y } else { y - 1 };
            let fut_y = if this >= cur { y } else { y + 1 };
            let dist = |yy: i32| ymd(yy, m, dd.min(28)).map_or(i64::MAX, |x| (x - dct).num_days().abs());
            let (dp, df) = (dist(past_y), dist(fut_y));
            match tense {
                Tense::Past if dp <= 183 || df > 92 => past_y,
                Tense::Future if df <= 183 || dp > 92 => fut_y,
                _ => {
                    if dp <= df {
                        past_y
                    } else {
                        fut_y
                    }
                }
            }
        }
        Dir::Tense => match tense {
            Tense::Past => {
                if this <= cur {
                    y
                } else {
                    y - 1
                }
            }
            Tense::Future => {
                if this >= cur {
                    y
                } else {
                    y + 1
                }
            }
            Tense::Unknown => {
                // nearest, ties to the past
                let back = (dct.month() as i32 - m as i32).rem_euclid(12);
                let fwd = (m as i32 - dct.month() as i32).rem_euclid(12);
                if back == 0 {
                    y
                } else if back <= fwd {
                    if m <= dct.month() {
                        y
                    } else {
                        y - 1
                    }
                } else if m >= dct.month() {
                    y
                } else {
                    y + 1
                }
            }
        },
    }
}

fn season_index(s: Season) -> i32 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}

/// Year of season `s` ("2023-WI" is the winter starting in December 2023).
fn season_year(dct: NaiveDate, s: Season, dir: Dir, tense: Tense) -> i32 {
    let (m, y) = (dct.month(), dct.year());
    let (cur_y, cur_i) = match m {
        3..=5 => (y, 0),
        6..=8 => (y, 1),
        9..=11 => (y, 2),
        12 => (y, 3),
        _ => (y - 1, 3),
    };
    let cur = cur_y * 4 + cur_i;
    let i = season_index(s);
    let before = |strict: bool| {
        let mut o = cur_y * 4 + i;
        while o > cur || (strict && o == cur) {
            o -= 4;
        }
        o.div_euclid(4)
    };
    let after = |strict: bool| {
        let mut o = cur_y * 4 + i;
        while o < cur || (strict && o == cur) {
            o += 4;
        }
        o.div_euclid(4)
    };
    match dir {
        Dir::Last => before(true),
        Dir::Next => after(true),
        Dir::This => {
            if s == Season::Winter {
                cur_y
            } else {
                y
            }
        }
        Dir::YearOff(o) => y + o,
        Dir::Tense => match tense {
            Tense::Past => before(false),
            Tense::Future => after(false),
            Tense::Unknown => {
                if s == Season::Winter {
                    cur_y
                } else {
                    y
                }
            }
        },
    }
}

fn easter(y: i32) -> Option<NaiveDate> {
    // anonymous Gregorian algorithm
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

fn holiday_date(h: Holiday, y: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed(m, d) => ymd(y, m, d),
        Holiday::Easter => easter(y),
        Holiday::Thanksgiving => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4),
    }
}

/// "a year ago" / "a year earlier" right after a quarter or a month: the same quarter or
/// month a year before ("third-quarter profit rose from $5 million a year earlier").
fn year_like_ref(ctx: &Ctx, unit: Unit, n: f64) -> Option<Resolved> {
    let last = ctx.last.filter(|_| ctx.last_near)?;
    if unit != Unit::Year || n.fract() != 0.0 || !matches!(last.precision, Precision::Quarter | Precision::Month) {
        return None;
    }
    let y = last.date.year() - n as i32;
    Some(if last.precision == Precision::Quarter {
        quarter_res(y, quarter_of(last.date.month()), TimeAnchor::Previous)
    } else {
        month_res(y, last.date.month(), TimeAnchor::Previous)
    })
}

/// Resolve `sem`. Returns Err(reason) for a date the calendar does not have.
pub fn resolve(sem: &Sem, ctx: &Ctx, tense: Tense) -> Result<Resolved, &'static str> {
    use TimeAnchor::*;
    let dct = ctx.dct;
    Ok(match sem {
        Sem::Invalid(why) => return Err(why),
        Sem::Abs { y, m: None, .. } => year_res(*y, Absolute),
        Sem::Abs { y, m: Some(m), d: None } => month_res(*y, *m, Absolute),
        Sem::Abs { y, m: Some(m), d: Some(d) } => day_res(ymd(*y, *m, *d).ok_or("no such day in that month")?, Absolute),
        Sem::MonthDay { m, d, dir } => {
            let Some(dct) = dct else {
                return Ok(match d {
                    Some(d) => unresolved(&format!("XXXX-{m:02}-{d:02}")),
                    None => unresolved(&format!("XXXX-{m:02}")),
                });
            };
            let y = year_for(dct, *m, *d, *dir, tense);
            match d {
                Some(d) => match ymd(y, *m, *d) {
                    Some(date) => day_res(date, Publication),
                    None => return Err("no such day in that year"),
                },
                None => month_res(y, *m, Publication),
            }
        }
        Sem::Weekday { wd, dir } => match dct {
            Some(dct) => day_res(weekday_near(dct, *wd, *dir, tense).ok_or("date out of range")?, Publication),
            None => unresolved(&format!("XXXX-WXX-{wd}")),
        },
        Sem::DayOff(off) => match dct {
            Some(dct) => day_res(shift_days(dct, *off).ok_or("date out of range")?, Publication),
            None => unresolved("XXXX-XX-XX"),
        },
        Sem::UnitOff { unit, off } => {
            let Some(dct) = dct else {
                return Ok(unresolved(match unit {
                    Unit::Week | Unit::Fortnight => "XXXX-WXX",
                    Unit::Month => "XXXX-XX",
                    Unit::Quarter => "XXXX-QX",
                    Unit::Decade => "XXX",
                    Unit::Century => "XX",
                    Unit::Day => "XXXX-XX-XX",
                    _ => "XXXX",
                }));
            };
            match unit {
                Unit::Decade => {
                    let d = dct.year().div_euclid(10) + off;
                    r(format!("{d:03}"), Precision::Decade, Publication, None)
                }
                Unit::Century => {
                    let c = dct.year().div_euclid(100) + off;
                    r(format!("{c:02}"), Precision::Century, Publication, None)
                }
                u => shifted(dct, *u, *off as f64, Publication).ok_or("date out of range")?,
            }
        }
        Sem::Ago { unit, n } => match (dct, n) {
            (_, Count::X) => r("PAST_REF".into(), Precision::Unknown, if dct.is_some() { Publication } else { Unresolved }, None),
            (None, _) => unresolved(match unit {
                Unit::Week | Unit::Fortnight => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Year | Unit::Decade | Unit::Century | Unit::Quarter => "XXXX",
                _ => "XXXX-XX-XX",
            }),
            (Some(dct), Count::N(v)) => match year_like_ref(ctx, *unit, *v) {
                Some(res) => res,
                None => shifted(dct, *unit, -v, Publication).ok_or("date out of range")?,
            },
        },
        Sem::Shift { unit, n, sign } => {
            let (base, anchor) = match (ctx.last, dct) {
                (Some(l), _) => (l.date, Previous),
                (None, Some(d)) => (d, Publication),
                (None, None) => return Ok(unresolved("XXXX-XX-XX")),
            };
            match n {
                Count::X => r(if *sign > 0 { "FUTURE_REF" } else { "PAST_REF" }.into(), Precision::Unknown, anchor, None),
                Count::N(v) if *sign < 0 => match year_like_ref(ctx, *unit, *v) {
                    Some(res) => res,
                    None => shifted(base, *unit, -v, anchor).ok_or("date out of range")?,
                },
                Count::N(v) => shifted(base, *unit, *v, anchor).ok_or("date out of range")?,
            }
        }
        Sem::AnaphDay(off) => {
            let (base, anchor) = match (ctx.last, dct) {
                (Some(l), _) if l.precision == Precision::Day => (l.date, Previous),
                (_, Some(d)) => (d, Publication),
                (Some(l), None) => (l.date, Previous),
                (None, None) => return Ok(unresolved("XXXX-XX-XX")),
            };
            if *off == 0 && anchor == Previous && ctx.last.is_some_and(|l| l.precision != Precision::Day) {
                return Ok(unresolved("XXXX-XX-XX"));
            }
            day_res(shift_days(base, *off).ok_or("date out of range")?, anchor)
        }
        Sem::AnaphUnit { unit, off } => {
            let (base, anchor) = match (ctx.last, dct) {
                (Some(l), _) => (l.date, Previous),
                (None, Some(d)) => (d, Publication),
                (None, None) => return Ok(unresolved("XXXX")),
            };
            shifted(base, *unit, *off as f64, anchor).ok_or("date out of range")?
        }
        Sem::Season { s, year, dir } => {
            let code = s.code();
            let (y, anchor) = match (year, dct) {
                (Some(y), _) => (*y, Absolute),
                (None, Some(dct)) => (season_year(dct, *s, *dir, tense), Publication),
                (None, None) => return Ok(unresolved(&format!("XXXX-{code}"))),
            };
            let point = ymd(y, s.first_month(), 1).map(|d| Ref { date: d, precision: Precision::Season });
            r(format!("{y:04}-{code}"), Precision::Season, anchor, point)
        }
        Sem::Quarter { q, year, dir } => match (year, dct) {
            (Some(y), _) => quarter_res(*y, *q, Absolute),
            (None, Some(dct)) => {
                let cur = quarter_of(dct.month());
                let mut y = dct.year();
                match (dir, tense) {
                    (Dir::Last, _) => {
                        if *q >= cur {
                            y -= 1
                        }
                    }
                    (Dir::Next, _) => {
                        if *q <= cur {
                            y += 1
                        }
                    }
                    (Dir::YearOff(o), _) => y += o,
                    // results are reported after the quarter: the latest one that has begun
                    _ => {
                        if *q > cur {
                            y -= 1
                        }
                    }
                }
                quarter_res(y, *q, Publication)
            }
            (None, None) => unresolved(&format!("XXXX-Q{q}")),
        },
        Sem::LatestQuarter { back } => match dct {
            Some(dct) => {
                let (y, q) = add_quarters(dct.year(), quarter_of(dct.month()), -1 - back);
                quarter_res(y, q, Publication)
            }
            None => unresolved("XXXX-QX"),
        },
        Sem::LatestQuarterOf(y) => match dct {
            Some(dct) => {
                let (_, q) = add_quarters(dct.year(), quarter_of(dct.month()), -1);
                quarter_res(*y, q, Absolute)
            }
            None => r(format!("{y:04}-QX"), Precision::Year, Absolute, None),
        },
        Sem::Half { h, year, dir } => {
            let (y, anchor) = match (year, dct) {
                (Some(y), _) => (*y, Absolute),
                (None, Some(dct)) => {
                    let cur = if dct.month() <= 6 { 1 } else { 2 };
                    let y = match (dir, tense) {
                        (Dir::Tense, Tense::Past) if *h > cur => dct.year() - 1,
                        _ => dct.year(),
                    };
                    (y, Publication)
                }
                (None, None) => return Ok(unresolved(&format!("XXXX-H{h}"))),
            };
            r(format!("{y:04}-H{h}"), Precision::Quarter, anchor, None)
        }
        Sem::Decade(d) => r(format!("{d:03}"), Precision::Decade, Absolute, None),
        Sem::Century(c) => r(format!("{c:02}"), Precision::Century, Absolute, None),
        Sem::Ref(v) => r((*v).to_string(), Precision::Unknown, if dct.is_some() { Publication } else { Unresolved }, None),
        Sem::Holiday { h, year, dir } => {
            let (y, anchor) = match (year, dct) {
                (Some(y), _) => (*y, Absolute),
                (None, Some(dct)) => {
                    let this = holiday_date(*h, dct.year()).ok_or("date out of range")?;
                    let y = match (dir, tense) {
                        (_, Tense::Past) if this > dct => dct.year() - 1,
                        (_, Tense::Future) if this < dct => dct.year() + 1,
                        (_, Tense::Unknown) => {
                            let prev = holiday_date(*h, dct.year() - 1).ok_or("date out of range")?;
                            let next = holiday_date(*h, dct.year() + 1).ok_or("date out of range")?;
                            let dist = |d: NaiveDate| (d - dct).num_days().abs();
                            let mut best = (dist(this), dct.year());
                            if dist(prev) < best.0 {
                                best = (dist(prev), dct.year() - 1);
                            }
                            if dist(next) < best.0 {
                                best = (dist(next), dct.year() + 1);
                            }
                            best.1
                        }
                        _ => dct.year(),
                    };
                    (y, Publication)
                }
                (None, None) => {
                    return Ok(match h {
                        Holiday::Fixed(m, d) => unresolved(&format!("XXXX-{m:02}-{d:02}")),
                        _ => unresolved("XXXX-XX-XX"),
                    })
                }
            };
            day_res(holiday_date(*h, y).ok_or("date out of range")?, anchor)
        }
        Sem::Weekend { dir } => {
            let Some(dct) = dct else { return Ok(unresolved("XXXX-WXX-WE")) };
            let cur = dct.weekday().number_from_monday() as i64;
            // Saturday of the publication week
            let sat = shift_days(dct, 6 - cur).ok_or("date out of range")?;
            let target = match (dir, tense) {
                (Dir::Last, _) => shift_days(sat, -7),
                (Dir::Next, _) => {
                    if cur >= 6 {
                        shift_days(sat, 7)
                    } else {
                        Some(sat)
                    }
                }
                (Dir::This, _) => Some(sat),
                (_, Tense::Future) => Some(sat),
                _ => {
                    if cur >= 6 {
                        Some(sat)
                    } else {
                        shift_days(sat, -7)
                    }
                }
            }
            .ok_or("date out of range")?;
            r(format!("{}-WE", fmt_week(target)), Precision::Week, Publication, Some(Ref { date: target, precision: Precision::Week }))
        }
        Sem::Duration { n, unit } => r(duration_value(*n, *unit), unit_precision(*unit), Absolute, None),
        Sem::SetUnit { n, unit } => r(duration_value(Count::N(*n as f64), *unit), unit_precision(*unit), Absolute, None),
        Sem::SetWeekday { wd, part } => {
            let p = part.map(|p| format!("T{}", p.code())).unwrap_or_default();
            r(format!("XXXX-WXX-{wd}{p}"), Precision::Week, Absolute, None)
        }
        Sem::SetMonth(m) => r(format!("XXXX-{m:02}"), Precision::Month, Absolute, None),
        Sem::Time { h, mi, day } => {
            let base = match day {
                Some(d) => resolve(d, ctx, tense)?,
                None => match (ctx.last, dct) {
                    (Some(l), _) if ctx.last_near && l.precision == Precision::Day => day_res(l.date, Previous),
                    (_, Some(dct)) => day_res(dct, Publication),
                    _ => unresolved("XXXX-XX-XX"),
                },
            };
            let precision = if base.precision == Precision::Unknown { Precision::Unknown } else { Precision::Minute };
            r(format!("{}T{h:02}:{mi:02}", base.value), precision, base.anchor, base.point)
        }
        Sem::PartOf { day, part } => {
            let base = resolve(day, ctx, tense)?;
            let precision = if base.precision == Precision::Unknown { Precision::Unknown } else { Precision::Hour };
            r(format!("{}T{}", base.value, part.code()), precision, base.anchor, base.point)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sem: Sem, dct: &str, tense: Tense, expected: &str) {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        let got = resolve(&sem, &Ctx { dct, last: None, last_near: false }, tense).map(|r| r.value);
        assert_eq!(got.as_deref(), Ok(expected), "{sem:?}");
    }

    #[test]
    fn weekdays_follow_tense() {
        check(Sem::Weekday { wd: 6, dir: Dir::Tense }, "2024-03-17", Tense::Past, "2024-03-16");
        check(Sem::Weekday { wd: 6, dir: Dir::Tense }, "2024-03-17", Tense::Future, "2024-03-23");
        check(Sem::Weekday { wd: 7, dir: Dir::Tense }, "2024-03-17", Tense::Past, "2024-03-17");
        check(Sem::Weekday { wd: 5, dir: Dir::Last }, "2024-03-15", Tense::Unknown, "2024-03-08");
    }

    #[test]
    fn months_follow_tense() {
        check(Sem::MonthDay { m: 12, d: None, dir: Dir::Tense }, "2024-03-17", Tense::Past, "2023-12");
        check(Sem::MonthDay { m: 12, d: None, dir: Dir::Tense }, "2024-03-17", Tense::Future, "2024-12");
        check(Sem::MonthDay { m: 12, d: None, dir: Dir::Tense }, "2024-03-17", Tense::Unknown, "2023-12");
        check(Sem::MonthDay { m: 7, d: None, dir: Dir::Last }, "2024-03-17", Tense::Unknown, "2023-07");
        check(Sem::MonthDay { m: 7, d: None, dir: Dir::YearOff(-1) }, "2024-03-17", Tense::Unknown, "2023-07");
    }

    #[test]
    fn units_and_durations() {
        check(Sem::UnitOff { unit: Unit::Week, off: 0 }, "2024-03-17", Tense::Unknown, "2024-W11");
        check(Sem::Duration { n: Count::N(3.0), unit: Unit::Day }, "2024-03-17", Tense::Unknown, "P3D");
        check(Sem::Duration { n: Count::N(4.0), unit: Unit::Hour }, "2024-03-17", Tense::Unknown, "PT4H");
        check(Sem::Season { s: Season::Summer, year: None, dir: Dir::Last }, "2024-03-17", Tense::Unknown, "2023-SU");
        check(Sem::Holiday { h: Holiday::Easter, year: Some(2024), dir: Dir::Tense }, "2024-03-17", Tense::Unknown, "2024-03-31");
    }
}
