//! The recogniser: at each token, the longest temporal expression that starts there, as a
//! [`Sem`] (what the words mean) still to be resolved against the publication date.
//!
//! Extents follow TimeML: determiners and modifiers ("the", "early", "late", "mid-",
//! "the end of", "earlier") are part of the expression, prepositions ("on", "in") are not.
//!
//! What it codes (rule names in `Origin.rule`): calendar dates in words and digits
//! (`month_day_year` "March 16, 2024", `day_month_year` "16th of March 2024", `iso_date`,
//! `numeric_date` with the day-first option, `month_year`, `year` in a year-like context
//! only); relative dates (`weekday`, `today`, `rel_unit` "last month", `rel_month` "last July",
//! `month_rel_year` "July last year", `earlier_in_the_unit`, `units_ago`, `units_later`,
//! `anaphoric_day` "the previous day", `anaphoric_unit` "the following year", seasons,
//! quarters and halves, `the_latest_quarter`, `year_ago_quarter`, decades, centuries,
//! holidays); clock times and parts of day; durations ("three-day", "for two weeks", "the
//! past two months", "recent years"); sets ("every Friday", "weekly", "$5 a month").
//! Example: "made on Saturday" gives `weekday` with a tense-resolved value.
//!
//! Known misses: years written out beyond "nineteen ninety-six" ("the year two thousand",
//! "two thousand and four"); plural parts of day ("Tuesday nights"); "a couple of weeks" is
//! read, "a good two weeks" is not; ordinal days without a month ("on the 16th"); date
//! ranges ("March 3-5", "1990-95") give only their first part; "May" and "March" as months
//! need a preposition, a day or a year next to them; bare years need a year-like context, so
//! "1990 was a good year" is missed on purpose.

use griot_text::TimeType;

use crate::lex::{Kw, Lex, Part, Season, Tok, TokKind, Unit};

/// Direction of an expression whose year (or week) the text leaves to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Decided by the tense of the clause: past -> before, future -> after, else nearest.
    Tense,
    /// "last July": the most recent one strictly before the publication date's unit.
    Last,
    /// "next July": the first one strictly after.
    Next,
    /// "this July": the one in the publication date's year (week for weekdays).
    This,
    /// "July last year": the publication year plus this offset.
    YearOff(i32),
}

/// A number as written: known, or vague ("several", "a few").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Count {
    N(f64),
    X,
}

/// Which holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    Fixed(u32, u32),
    Easter,
    Thanksgiving,
}

/// What an expression means before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A calendar date with its year written (day and month optional).
    Abs { y: i32, m: Option<u32>, d: Option<u32> },
    /// Month (and day) with the year left to context.
    MonthDay { m: u32, d: Option<u32>, dir: Dir },
    Weekday { wd: u32, dir: Dir },
    /// today (0), yesterday (-1), tomorrow (1).
    DayOff(i64),
    /// this (0) / last (-1) / next (1) week, month, quarter, year, decade, century.
    UnitOff { unit: Unit, off: i32 },
    /// "two days ago": the publication date minus n units.
    Ago { unit: Unit, n: Count },
    /// "three weeks later" (+), "a year earlier" (-): relative to the last date mentioned.
    Shift { unit: Unit, n: Count, sign: i32 },
    /// "the previous day" (-1), "that day" (0), "the next day" (1): from the last date.
    AnaphDay(i64),
    /// "the following year", "that month": from the last date.
    AnaphUnit { unit: Unit, off: i32 },
    Season { s: Season, year: Option<i32>, dir: Dir },
    /// Quarter 1..=4 with a written year, or one relative to the publication year by tense.
    Quarter { q: u32, year: Option<i32>, dir: Dir },
    /// "the quarter", "the latest quarter": the last complete quarter; `back` more quarters.
    LatestQuarter { back: i32 },
    /// "the 1988 period": the quarter of that year matching the latest complete quarter.
    LatestQuarterOf(i32),
    Half { h: u32, year: Option<i32>, dir: Dir },
    /// "the 1990s" -> 199.
    Decade(i32),
    /// "the 20th century" -> 19 (number of the century minus one).
    Century(i32),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    Holiday { h: Holiday, year: Option<i32>, dir: Dir },
    Weekend { dir: Dir },
    Duration { n: Count, unit: Unit },
    SetWeekday { wd: u32, part: Option<Part> },
    SetUnit { n: u32, unit: Unit },
    SetMonth(u32),
    /// A clock time, on the day of `day` (None: the last date mentioned or publication).
    Time { h: u32, mi: u32, day: Option<Box<Sem>> },
    /// A part of a day: "Tuesday morning", "this evening", "last night".
    PartOf { day: Box<Sem>, part: Part },
    /// A date rejected as impossible; becomes a diagnostic.
    Invalid(&'static str),
}

/// A recognised expression: tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub ty: TimeType,
    pub sem: Sem,
    pub rule: &'static str,
}

pub struct Matcher<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub day_first: bool,
}

fn hit(start: usize, end: usize, ty: TimeType, sem: Sem, rule: &'static str) -> Option<Hit> {
    Some(Hit { start, end, ty, sem, rule })
}

fn longer(a: Option<Hit>, b: Option<Hit>) -> Option<Hit> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

impl<'a> Matcher<'a> {
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::None, |t| t.lex)
    }
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Punct(c))
    }
    fn adj(&self, a: usize, b: usize) -> bool {
        match (self.t.get(a), self.t.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }
    fn num(&self, i: usize) -> Option<u32> {
        self.t.get(i).filter(|t| t.kind == TokKind::Num).map(|t| t.num)
    }
    fn digits(&self, i: usize) -> u8 {
        self.t.get(i).map_or(0, |t| if t.kind == TokKind::Num { t.digits } else { 0 })
    }
    fn is_hyphen(&self, i: usize) -> bool {
        self.punct(i, '-') || self.punct(i, '‐') || self.punct(i, '–')
    }
    fn is_apos(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '’')
    }
    /// Is number token `i` part of a longer number ("1,100", "2.5", "3-1" scores are fine)?
    fn grouped(&self, i: usize) -> bool {
        let before = i >= 2 && (self.punct(i - 1, ',') || self.punct(i - 1, '.')) && self.adj(i - 1, i) && self.adj(i - 2, i - 1) && self.num(i - 2).is_some();
        let after = (self.punct(i + 1, ',') || self.punct(i + 1, '.')) && self.adj(i, i + 1) && self.adj(i + 1, i + 2) && self.num(i + 2).is_some();
        before || after
    }
    /// Number token `i` directly followed by letters ("10am", "1990s", "3rd", "5km").
    fn num_glued(&self, i: usize) -> bool {
        self.adj(i, i + 1) && self.t.get(i + 1).is_some_and(|t| t.kind == TokKind::Word)
    }
    /// Money or "No." before a number.
    fn money_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = &self.t[i - 1];
        matches!(p.kind, TokKind::Punct('$') | TokKind::Punct('£') | TokKind::Punct('€') | TokKind::Punct('#'))
            || p.lex == Lex::Kw(Kw::No)
            || (p.kind == TokKind::Punct('.') && i >= 2 && self.t[i - 2].lex == Lex::Kw(Kw::No))
    }

    /// A plain four-digit year 1000..=2100 at `i` (no context check).
    fn year_token(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Num || t.digits != 4 || !(1000..=2100).contains(&t.num) || self.grouped(i) || self.money_before(i) {
            return None;
        }
        if self.num_glued(i) {
            return None;
        }
        Some(t.num as i32)
    }

    /// A year in a year-like context: after a preposition or modifier, before a month.
    fn year_in_context(&self, i: usize) -> Option<i32> {
        let y = self.year_token(i)?;
        if matches!(self.lex(i + 1), Lex::Unit(..)) && self.ordinal_n(i + 1).is_none() || (self.is_hyphen(i + 1) && matches!(self.lex(i + 2), Lex::Unit(..))) {
            return None;
        }
        if matches!(self.lex(i + 1), Lex::Month(..)) && self.t.get(i + 1).is_some_and(|t| t.cap) {
            return Some(y);
        }
        if i == 0 {
            return None;
        }
        let ok = match self.lex(i - 1) {
            Lex::Kw(k) => matches!(
                k,
                Kw::In | Kw::Since | Kw::By | Kw::Until | Kw::Of | Kw::From | Kw::Before | Kw::After | Kw::During
                    | Kw::Through | Kw::Throughout | Kw::To | Kw::And | Kw::Or | Kw::Than | Kw::Between | Kw::Around
                    | Kw::Early | Kw::Late | Kw::Mid | Kw::Fiscal | Kw::For | Kw::Over | Kw::Within | Kw::Due | Kw::Into
                    | Kw::Both | Kw::Possessive | Kw::That | Kw::This | Kw::A
            ) && (!matches!(k, Kw::That | Kw::This | Kw::A | Kw::Possessive) || self.t.get(i + 1).is_some_and(|n| n.kind == TokKind::Word)),
            Lex::Season(_) | Lex::Month(..) => true,
            _ => false,
        } || (self.is_hyphen(i - 1) && i >= 2 && matches!(self.lex(i - 2), Lex::Kw(Kw::Mid)))
            || (self.kw(i - 1, Kw::The) && self.t.get(i + 1).is_some_and(|n| n.kind == TokKind::Word && !n.cap));
        if ok {
            Some(y)
        } else {
            None
        }
    }

    /// A small count: digits, number words ("twenty-four"), "a"/"an", vague words.
    /// Returns the count and the next token.
    fn count(&self, i: usize) -> Option<(Count, usize)> {
        let t = self.t.get(i)?;
        match t.lex {
            Lex::NumWord(n) => {
                let mut v = n;
                let mut j = i + 1;
                if n >= 20 && n % 10 == 0 && n < 100 && self.is_hyphen(j) {
                    if let Lex::NumWord(u) = self.lex(j + 1) {
                        if u < 10 {
                            v += u;
                            j += 2;
                        }
                    }
                }
                if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
                    return Some((Count::N(v as f64 + 0.5), j + 3));
                }
                Some((Count::N(v as f64), j))
            }
            Lex::Kw(Kw::A) | Lex::Kw(Kw::An) => {
                if self.kw(i + 1, Kw::Few) {
                    return Some((Count::X, i + 2));
                }
                if self.kw(i + 1, Kw::Half) {
                    return Some((Count::N(0.5), i + 2));
                }
                if self.kw(i + 1, Kw::Couple) && self.kw(i + 2, Kw::Of) {
                    return Some((Count::N(2.0), i + 3));
                }
                Some((Count::N(1.0), i + 1))
            }
            Lex::Kw(Kw::Several) | Lex::Kw(Kw::Few) | Lex::Kw(Kw::Many) | Lex::Kw(Kw::Some) => Some((Count::X, i + 1)),
            Lex::None if t.kind == TokKind::Num => {
                if self.money_before(i) || t.digits > 4 {
                    return None;
                }
                // "1.5 years"
                if self.punct(i + 1, '.') && self.adj(i, i + 1) && self.adj(i + 1, i + 2) && self.num(i + 2).is_some() {
                    let frac = self.t[i + 2].num as f64 / 10f64.powi(self.t[i + 2].digits as i32);
                    return Some((Count::N(t.num as f64 + frac), i + 3));
                }
                if self.grouped(i) {
                    return None;
                }
                Some((Count::N(t.num as f64), i + 1))
            }
            _ => None,
        }
    }

    /// Part of day after token `i`: "morning", "night" (also "in the morning").
    fn part_at(&self, i: usize) -> Option<(Part, usize)> {
        match self.lex(i) {
            Lex::Part(p) => Some((p, i + 1)),
            _ => None,
        }
    }

    /// Optional ordinal suffix ("16th") and the next token.
    fn skip_ordinal(&self, i: usize) -> usize {
        if self.lex(i) == Lex::OrdSuffix && self.adj(i - 1, i) {
            i + 1
        } else {
            i
        }
    }

    /// Month token: full name capitalised, or abbreviation (with optional "."),
    /// "May" and "March" only with a date-like neighbour.
    fn month(&self, i: usize, strong_context: bool) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        let Lex::Month(m, abbrev) = t.lex else { return None };
        if !t.cap {
            return None;
        }
        let mut j = i + 1;
        if abbrev {
            if self.punct(j, '.') && self.adj(i, j) {
                j += 1;
            } else if t.end - t.start == 3 && m == 3 && !strong_context && self.num(j).is_none() {
                // "Mar" alone is too rare to risk
                return None;
            }
        }
        Some((m, j))
    }

    /// A day number 1..=31 at `i`.
    fn day_num(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.kind == TokKind::Num && t.digits <= 2 && (1..=31).contains(&t.num) && !self.grouped(i) {
            if self.num_glued(i) && self.lex(i + 1) != Lex::OrdSuffix {
                return None;
            }
            return Some(t.num);
        }
        None
    }

    /// Main entry: the longest expression starting at token `i`.
    pub fn at(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        if t.lex == Lex::None && t.kind != TokKind::Num {
            return None;
        }
        let mut best = self.core(i);
        // determiner
        if self.kw(i, Kw::The) {
            if let Some(h) = self.core_det(i + 1) {
                best = longer(best, Some(Hit { start: i, ..h }));
            }
            // "the end of", "the beginning of", "the middle of", "the start of"
            if matches!(self.lex(i + 1), Lex::Kw(Kw::End) | Lex::Kw(Kw::Beginning) | Lex::Kw(Kw::Middle) | Lex::Kw(Kw::Start))
                && self.kw(i + 2, Kw::Of)
            {
                let h = self.core(i + 3).or_else(|| if self.kw(i + 3, Kw::The) { self.core_det(i + 4) } else { None });
                if let Some(h) = h {
                    if h.ty == TimeType::Date || h.ty == TimeType::Time {
                        best = longer(best, Some(Hit { start: i, rule: "modified", ..h }));
                    }
                }
            }
            // "the early 1990s", "the late 19th century"
            if matches!(self.lex(i + 1), Lex::Kw(Kw::Early) | Lex::Kw(Kw::Late) | Lex::Kw(Kw::Mid)) {
                if let Some(h) = self.core_det(i + 2) {
                    best = longer(best, Some(Hit { start: i, ..h }));
                }
            }
        }
        // modifiers
        if matches!(t.lex, Lex::Kw(Kw::Early) | Lex::Kw(Kw::Late) | Lex::Kw(Kw::Mid)) {
            let j = if self.is_hyphen(i + 1) && self.adj(i, i + 1) { i + 2 } else { i + 1 };
            let h = self.core(j).filter(|h| h.ty == TimeType::Date || h.ty == TimeType::Time);
            if let Some(h) = h {
                if !matches!(h.sem, Sem::Ref(_)) {
                    best = longer(best, Some(Hit { start: i, ..h }));
                }
            } else if let Some((p, e)) = self.part_at(j) {
                // "mid-afternoon", "late afternoon" (today unless a day follows)
                let day = self.core(e).filter(|h| is_day_sem(&h.sem));
                let (end, day_sem) = match day {
                    Some(h) => (h.end, h.sem),
                    None => (e, Sem::DayOff(0)),
                };
                best = longer(best, hit(i, end, TimeType::Time, Sem::PartOf { day: Box::new(day_sem), part: p }, "part_of_day"));
            }
        }
        // "earlier this week", "later this month", "earlier in the week", "later that day"
        if matches!(t.lex, Lex::Kw(Kw::Earlier) | Lex::Kw(Kw::Later)) {
            let mut j = i + 1;
            if self.kw(j, Kw::In) && self.kw(j + 1, Kw::The) {
                if let Lex::Unit(u, false) = self.lex(j + 2) {
                    if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                        let sem = if u == Unit::Day { Sem::DayOff(0) } else { Sem::UnitOff { unit: u, off: 0 } };
                        best = longer(best, hit(i, j + 3, TimeType::Date, sem, "earlier_in_the_unit"));
                    }
                }
            } else {
                if self.kw(j, Kw::In) {
                    j += 1;
                }
                if let Some(h) = self.core(j) {
                    if matches!(h.sem, Sem::UnitOff { .. } | Sem::AnaphUnit { .. } | Sem::AnaphDay(_) | Sem::DayOff(_) | Sem::PartOf { .. }) {
                        best = longer(best, Some(Hit { start: i, ..h }));
                    }
                }
            }
        }
        // weekday or time followed by a more precise date: "Tuesday, March 12", "5 p.m. EST Nov. 9"
        if let Some(h) = &best {
            if matches!(h.sem, Sem::Weekday { .. }) {
                let mut j = h.end;
                if self.punct(j, ',') {
                    j += 1;
                }
                if let Some(d) = self.core(j) {
                    if matches!(d.sem, Sem::Abs { d: Some(_), .. } | Sem::MonthDay { d: Some(_), .. }) {
                        return Some(Hit { start: i, ..d });
                    }
                }
            }
        }
        best
    }

    /// Expressions that take "the" before them.
    fn core_det(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        match t.lex {
            // "the past", "the future", "the present", "the moment", "the near future"
            Lex::Kw(Kw::Past) => {
                if let Some(h) = self.rel_unit(i, true) {
                    return Some(h);
                }
                hit(i, i + 1, TimeType::Date, Sem::Ref("PAST_REF"), "the_past")
            }
            Lex::Kw(Kw::Future) => hit(i, i + 1, TimeType::Date, Sem::Ref("FUTURE_REF"), "the_future"),
            Lex::Kw(Kw::Near) if self.kw(i + 1, Kw::Future) => hit(i, i + 2, TimeType::Date, Sem::Ref("FUTURE_REF"), "the_future"),
            Lex::Kw(Kw::Present) if !matches!(self.lex(i + 1), Lex::None) || self.punct(i + 1, '.') || self.punct(i + 1, ',') => {
                hit(i, i + 1, TimeType::Date, Sem::Ref("PRESENT_REF"), "the_present")
            }
            Lex::Kw(Kw::Moment) if i >= 2 && self.kw(i - 2, Kw::At) => hit(i, i + 1, TimeType::Date, Sem::Ref("PRESENT_REF"), "the_moment"),
            Lex::Kw(Kw::Weekend) => hit(i, i + 1, TimeType::Date, Sem::Weekend { dir: Dir::Tense }, "the_weekend"),
            // "the same day", "the same week"
            Lex::Kw(Kw::Same) => match self.lex(i + 1) {
                Lex::Unit(Unit::Day, false) => hit(i, i + 2, TimeType::Date, Sem::AnaphDay(0), "the_same_day"),
                Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year), false) => {
                    hit(i, i + 2, TimeType::Date, Sem::AnaphUnit { unit: u, off: 0 }, "the_same_unit")
                }
                _ => None,
            },
            // "the day before", "the day after"
            Lex::Unit(Unit::Day, false) if self.kw(i + 1, Kw::Before) && !self.next_is_np(i + 2) => {
                hit(i, i + 2, TimeType::Date, Sem::AnaphDay(-1), "the_day_before")
            }
            Lex::Unit(Unit::Day, false) if self.kw(i + 1, Kw::After) && !self.next_is_np(i + 2) => {
                hit(i, i + 2, TimeType::Date, Sem::AnaphDay(1), "the_day_after")
            }
            // "the quarter", "the period" is not taken
            Lex::Unit(Unit::Quarter, false) if !self.kw(i + 1, Kw::Of) && !self.kw(i + 1, Kw::Per) => {
                hit(i, i + 1, TimeType::Date, Sem::LatestQuarter { back: 0 }, "the_quarter")
            }
            // "the latest quarter", "the latest period"
            Lex::Kw(Kw::Latest) if matches!(self.lex(i + 1), Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)) => {
                hit(i, i + 2, TimeType::Date, Sem::LatestQuarter { back: 0 }, "the_latest_quarter")
            }
            // "the year", "the year ended June 30" (a duration), "the week"
            Lex::Unit(u @ (Unit::Year | Unit::Week), false) if self.year_ago_adj(i).is_none() => {
                if matches!(self.lex(i + 1), Lex::Kw(Kw::Earlier) | Lex::Kw(Kw::Before) | Lex::Kw(Kw::After) | Lex::Kw(Kw::Later) | Lex::Kw(Kw::Ago) | Lex::Kw(Kw::Of) | Lex::Kw(Kw::Old)) || self.is_hyphen(i + 1) {
                    return None;
                }
                if self.kw(i + 1, Kw::Ending) {
                    return hit(i, i + 1, TimeType::Duration, Sem::Duration { n: Count::N(1.0), unit: u }, "the_year_ended");
                }
                hit(i, i + 1, TimeType::Date, Sem::UnitOff { unit: u, off: 0 }, "the_year")
            }
            _ => {
                let h = self.core(i)?;
                match &h.sem {
                    Sem::Quarter { .. } | Sem::LatestQuarterOf(_) | Sem::Half { .. } | Sem::Decade(_) | Sem::Century(_) | Sem::AnaphDay(_) | Sem::AnaphUnit { .. }
                    | Sem::Duration { .. } | Sem::LatestQuarter { .. } | Sem::Holiday { .. } | Sem::Season { .. } => Some(h),
                    Sem::UnitOff { unit: Unit::Decade | Unit::Century, .. } => Some(h),
                    _ => None,
                }
            }
        }
    }

    /// Is token `i` the start of a noun phrase (so "the day before the vote" is not anaphoric)?
    fn next_is_np(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Word && !matches!(t.lex, Lex::Kw(Kw::And) | Lex::Kw(Kw::Or)))
    }

    fn core(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        match t.lex {
            Lex::Month(..) => self.month_expr(i),
            Lex::Weekday(wd) => self.weekday_expr(i, wd, Dir::Tense, i),
            Lex::WeekdayPl(wd) => {
                // "on Mondays", "Tuesday nights"
                let (part, end) = match self.part_at(i + 1) {
                    Some((p, e)) => (Some(p), e),
                    None => (None, i + 1),
                };
                if i > 0 && self.kw(i - 1, Kw::On) || part.is_some() {
                    hit(i, end, TimeType::Set, Sem::SetWeekday { wd, part }, "weekday_plural")
                } else {
                    None
                }
            }
            Lex::None if t.kind == TokKind::Num => self.number_expr(i),
            Lex::NumWord(19) if self.written_year(i).is_some() => {
                let (y, e) = self.written_year(i)?;
                hit(i, e, TimeType::Date, Sem::Abs { y, m: None, d: None }, "written_year")
            }
            Lex::NumWord(_) | Lex::Kw(Kw::A) | Lex::Kw(Kw::An) | Lex::Kw(Kw::Several) | Lex::Kw(Kw::Few) | Lex::Kw(Kw::Many)
            | Lex::Kw(Kw::Some) => self.count_expr(i),
            Lex::Kw(k) => self.keyword_expr(i, k),
            Lex::Season(s) => self.season_expr(i, s, Dir::Tense, i),
            Lex::Ordinal(n) => self.ordinal_expr(i, n),
            Lex::Unit(Unit::Second, false) => self.ordinal_expr(i, 2),
            Lex::QLetter => {
                // "Q3", "Q3 2024"
                let q = self.num(i + 1).filter(|q| (1..=4).contains(q) && self.adj(i, i + 1) && self.t[i].cap && self.digits(i + 1) == 1)?;
                if self.t.get(i + 2).is_some_and(|n| n.kind == TokKind::Word && n.start == self.t[i + 1].end) {
                    return None;
                }
                let (year, end) = match self.year_token(i + 2) {
                    Some(y) => (Some(y), i + 3),
                    None => (None, i + 2),
                };
                hit(i, end, TimeType::Date, Sem::Quarter { q, year, dir: Dir::Tense }, "q_quarter")
            }
            Lex::Unit(Unit::Year, false) if self.year_ago_adj(i).is_some() => {
                let e = self.year_ago_adj(i)?;
                if matches!(self.lex(e), Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)) {
                    return hit(i, e + 1, TimeType::Date, Sem::LatestQuarter { back: 4 }, "year_ago_quarter");
                }
                if let Some(q) = self.ordinal_n(e) {
                    if (1..=4).contains(&q) && self.lex(e + 1) == Lex::Unit(Unit::Quarter, false) {
                        return hit(i, e + 2, TimeType::Date, Sem::Quarter { q, year: None, dir: Dir::YearOff(-1) }, "year_ago_quarter");
                    }
                }
                hit(i, e, TimeType::Date, Sem::Ago { unit: Unit::Year, n: Count::N(1.0) }, "year_ago_adj")
            }
            Lex::Unit(u, true) if i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::For) | Lex::Kw(Kw::Within) | Lex::Kw(Kw::Over)) && !matches!(u, Unit::Second | Unit::Quarter) => {
                hit(i, i + 1, TimeType::Duration, Sem::Duration { n: Count::X, unit: u }, "bare_units")
            }
            _ => None,
        }
    }

    /// "March 16", "March 16, 2024", "March 2024", "March", "March last year".
    fn month_expr(&self, i: usize) -> Option<Hit> {
        let strong = i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::In) | Lex::Kw(Kw::Since) | Lex::Kw(Kw::Until) | Lex::Kw(Kw::By) | Lex::Kw(Kw::Early) | Lex::Kw(Kw::Late) | Lex::Kw(Kw::Mid) | Lex::Kw(Kw::Of) | Lex::Kw(Kw::From) | Lex::Kw(Kw::During) | Lex::Kw(Kw::Last) | Lex::Kw(Kw::Next) | Lex::Kw(Kw::This) | Lex::Kw(Kw::Before) | Lex::Kw(Kw::After) | Lex::Kw(Kw::Through) | Lex::Kw(Kw::To) | Lex::Kw(Kw::Each) | Lex::Kw(Kw::Every));
        let (m, mut j) = self.month(i, strong)?;
        // day
        if let Some(d) = self.day_num(j) {
            let mut k = self.skip_ordinal(j + 1);
            // "March 16, 2024" / "March 16 2024"
            let mut y = None;
            if self.punct(k, ',') {
                if let Some(yy) = self.year_token(k + 1) {
                    y = Some(yy);
                    k += 2;
                }
            } else if let Some(yy) = self.year_token(k) {
                y = Some(yy);
                k += 1;
            }
            if let Some(y) = y {
                return hit(i, k, TimeType::Date, abs_checked(y, m, d), "month_day_year");
            }
            // a bare number after a month name: avoid "May 500" style counts
            if self.t.get(j + 1).is_some_and(|n| matches!(n.lex, Lex::Unit(..))) {
                return None;
            }
            return hit(i, k, TimeType::Date, month_day(m, d, Dir::Tense), "month_day");
        }
        // "March 2024", "March of 2024", "January nineteen ninety-seven"
        if let Some((y, e)) = self.written_year(j) {
            return hit(i, e, TimeType::Date, Sem::Abs { y, m: Some(m), d: None }, "month_year");
        }
        if let Some(y) = self.year_token(j) {
            if !matches!(self.lex(j + 1), Lex::Unit(..)) {
                return hit(i, j + 1, TimeType::Date, Sem::Abs { y, m: Some(m), d: None }, "month_year");
            }
        }
        if self.punct(j, ',') && self.year_token(j + 1).is_some() && (i == 0 || !matches!(self.lex(i - 1), Lex::Weekday(_))) {
            let y = self.year_token(j + 1)?;
            return hit(i, j + 2, TimeType::Date, Sem::Abs { y, m: Some(m), d: None }, "month_year");
        }
        if self.kw(j, Kw::Of) {
            if let Some(y) = self.year_token(j + 1) {
                return hit(i, j + 2, TimeType::Date, Sem::Abs { y, m: Some(m), d: None }, "month_of_year");
            }
        }
        // "July last year", "July this year", "July next year"
        if let Lex::Kw(k @ (Kw::Last | Kw::This | Kw::Next)) = self.lex(j) {
            if self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
                let off = match k {
                    Kw::Last => -1,
                    Kw::Next => 1,
                    _ => 0,
                };
                return hit(i, j + 2, TimeType::Date, Sem::MonthDay { m, d: None, dir: Dir::YearOff(off) }, "month_rel_year");
            }
        }
        // bare month name: needs context for the ambiguous ones
        let t = &self.t[i];
        let word = t.end - t.start;
        let ambiguous = m == 5 || (m == 3 && word == 5) || word == 3;
        if ambiguous && !strong {
            return None;
        }
        // "the May 4 Movement" etc. are rare; a month followed by a capitalised word is a name
        if self.t.get(j).is_some_and(|n| n.kind == TokKind::Word && n.cap && !matches!(n.lex, Lex::Month(..) | Lex::Weekday(_))) && !strong {
            return None;
        }
        j = j.max(i + 1);
        hit(i, j, TimeType::Date, Sem::MonthDay { m, d: None, dir: Dir::Tense }, "month")
    }

    /// "Saturday", "Tuesday morning", "Saturday night"; `start` is where the extent begins.
    fn weekday_expr(&self, i: usize, wd: u32, dir: Dir, start: usize) -> Option<Hit> {
        let sem = Sem::Weekday { wd, dir };
        if let Some((p, e)) = self.part_at(i + 1) {
            return hit(start, e, TimeType::Time, Sem::PartOf { day: Box::new(sem), part: p }, "weekday_part");
        }
        hit(start, i + 1, TimeType::Date, sem, "weekday")
    }

    /// "summer", "summer 2016", "the summer of 2016", "last summer".
    fn season_expr(&self, i: usize, s: Season, dir: Dir, start: usize) -> Option<Hit> {
        // "fall" is also a verb and a noun ("the fall of Kabul")
        if let Some(y) = self.year_token(i + 1) {
            return hit(start, i + 2, TimeType::Date, Sem::Season { s, year: Some(y), dir }, "season_year");
        }
        if self.kw(i + 1, Kw::Of) {
            if let Some(y) = self.year_token(i + 2) {
                return hit(start, i + 3, TimeType::Date, Sem::Season { s, year: Some(y), dir }, "season_of_year");
            }
            if let Some((y, e)) = self.written_year(i + 2) {
                return hit(start, e, TimeType::Date, Sem::Season { s, year: Some(y), dir }, "season_of_year");
            }
            if s == Season::Fall {
                return None;
            }
        }
        if s == Season::Fall && dir == Dir::Tense && start == i {
            let ok = i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::The) | Lex::Kw(Kw::Early) | Lex::Kw(Kw::Late) | Lex::Kw(Kw::This) | Lex::Kw(Kw::Last) | Lex::Kw(Kw::Next))
                && i > 1 && matches!(self.lex(i - 2), Lex::Kw(Kw::In) | Lex::Kw(Kw::During) | Lex::Kw(Kw::By) | Lex::Kw(Kw::Since) | Lex::Kw(Kw::Until));
            if !ok {
                return None;
            }
        }
        if i > 0 && s != Season::Fall && !matches!(self.lex(i - 1), Lex::Kw(Kw::The) | Lex::Kw(Kw::In) | Lex::Kw(Kw::This) | Lex::Kw(Kw::Last) | Lex::Kw(Kw::Next) | Lex::Kw(Kw::Early) | Lex::Kw(Kw::Late) | Lex::Kw(Kw::Mid) | Lex::Kw(Kw::During) | Lex::Kw(Kw::Since) | Lex::Kw(Kw::Until) | Lex::Kw(Kw::By) | Lex::Kw(Kw::Past) | Lex::Kw(Kw::Coming)) && dir == Dir::Tense {
            return None;
        }
        // a season followed by a noun is an adjective ("summer camp"): still the season in TimeML
        hit(start, i + 1, TimeType::Date, Sem::Season { s, year: None, dir }, "season")
    }

    /// "third quarter", "third-quarter", "the first half", "first nine months".
    fn ordinal_expr(&self, i: usize, n: u32) -> Option<Hit> {
        let mut j = i + 1;
        if self.is_hyphen(j) && self.adj(i, j) {
            j += 1;
        }
        match self.lex(j) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => {
                let (year, end) = self.of_year(j + 1);
                hit(i, end, TimeType::Date, Sem::Quarter { q: n, year, dir: Dir::Tense }, "ordinal_quarter")
            }
            Lex::Kw(Kw::Half) if (1..=2).contains(&n) => {
                let (year, end) = self.of_year(j + 1);
                hit(i, end, TimeType::Date, Sem::Half { h: n, year, dir: Dir::Tense }, "ordinal_half")
            }
            // "the first nine months"
            _ if n == 1 => {
                let (c, k) = self.count(j)?;
                if let Lex::Unit(u, true) = self.lex(k) {
                    if let Count::N(_) = c {
                        return hit(i, k + 1, TimeType::Duration, Sem::Duration { n: c, unit: u }, "first_n_units");
                    }
                }
                None
            }
            // "the 20th century" is handled with numbers; "the twentieth century"
            Lex::Unit(Unit::Century, false) if n >= 1 => hit(i, j + 1, TimeType::Date, Sem::Century(n as i32 - 1), "ordinal_century"),
            _ => None,
        }
    }

    /// An ordinal word ("third", and "second", which is also a unit).
    fn ordinal_n(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Lex::Ordinal(n) => Some(n),
            Lex::Unit(Unit::Second, false) => Some(2),
            _ => None,
        }
    }

    /// "year-ago" / "year-earlier" at `i`: returns the token after it.
    fn year_ago_adj(&self, i: usize) -> Option<usize> {
        if self.lex(i) == Lex::Unit(Unit::Year, false) && self.is_hyphen(i + 1) && self.adj(i, i + 1) && (self.kw(i + 2, Kw::Ago) || self.kw(i + 2, Kw::Earlier)) {
            Some(i + 3)
        } else {
            None
        }
    }

    /// Written-out years: "nineteen ninety-six", "the year two thousand".
    fn written_year(&self, i: usize) -> Option<(i32, usize)> {
        if let Lex::NumWord(19) = self.lex(i) {
            if let Lex::NumWord(t) = self.lex(i + 1) {
                if (20..=90).contains(&t) && t % 10 == 0 {
                    let mut y = 1900 + t;
                    let mut e = i + 2;
                    if self.is_hyphen(e) {
                        if let Lex::NumWord(u) = self.lex(e + 1) {
                            if u < 10 {
                                y += u;
                                e += 2;
                            }
                        }
                    }
                    return Some((y as i32, e));
                }
            }
        }
        None
    }

    /// Optional year after a quarter or half: "of 2023", "2023", "of this year", "of last year".
    fn of_year(&self, j: usize) -> (Option<i32>, usize) {
        if self.kw(j, Kw::Of) {
            if let Some(y) = self.year_token(j + 1) {
                return (Some(y), j + 2);
            }
        }
        if let Some(y) = self.year_token(j) {
            return (Some(y), j + 1);
        }
        (None, j)
    }

    fn number_expr(&self, i: usize) -> Option<Hit> {
        let t = &self.t[i];
        // ISO date 2024-03-16
        if t.digits == 4 && self.is_hyphen(i + 1) && self.adj(i, i + 1) && self.adj(i + 1, i + 2) && self.digits(i + 2) == 2
            && self.is_hyphen(i + 3) && self.adj(i + 2, i + 3) && self.adj(i + 3, i + 4) && self.digits(i + 4) == 2
            && !self.num_glued(i + 4)
        {
            let (y, m, d) = (t.num as i32, self.t[i + 2].num, self.t[i + 4].num);
            return hit(i, i + 5, TimeType::Date, abs_checked(y, m, d), "iso_date");
        }
        // numeric date with '/' (or '.') separators: d/m/y or m/d/y, or y/m/d
        for sep in ['/', '.'] {
            if self.punct(i + 1, sep) && self.adj(i, i + 1) && self.adj(i + 1, i + 2) && self.num(i + 2).is_some()
                && self.punct(i + 3, sep) && self.adj(i + 2, i + 3) && self.adj(i + 3, i + 4) && self.num(i + 4).is_some()
                && (self.digits(i + 4) == 4 || self.digits(i + 4) == 2) && t.digits <= 4 && self.digits(i + 2) <= 2
                && !self.num_glued(i + 4) && !(self.punct(i + 5, sep) && self.adj(i + 4, i + 5))
                && !(i > 0 && (self.punct(i - 1, sep) || self.punct(i - 1, '.')) && self.adj(i - 1, i))
            {
                let a = t.num;
                let b = self.t[i + 2].num;
                let c = self.t[i + 4].num;
                if t.digits == 4 {
                    return hit(i, i + 5, TimeType::Date, abs_checked(a as i32, b, c), "numeric_ymd");
                }
                if t.digits > 2 {
                    return None;
                }
                let y = if self.digits(i + 4) == 2 { (if c < 50 { 2000 + c } else { 1900 + c }) as i32 } else { c as i32 };
                let (d, m) = if self.day_first { (a, b) } else { (b, a) };
                let sem = match abs_checked(y, m, d) {
                    Sem::Invalid(_) => {
                        // the other order, when it is the only possible one
                        match abs_checked(y, d, m) {
                            ok @ Sem::Abs { .. } => ok,
                            bad => bad,
                        }
                    }
                    ok => ok,
                };
                return hit(i, i + 5, TimeType::Date, sem, "numeric_date");
            }
        }
        // decade: "1990s", "90s" (with apostrophe)
        if self.lex(i + 1) == Lex::PluralS && self.adj(i, i + 1) {
            if t.digits == 4 && t.num % 10 == 0 && (1000..=2100).contains(&t.num) {
                return hit(i, i + 2, TimeType::Date, Sem::Decade(t.num as i32 / 10), "decade");
            }
            if t.digits == 2 && t.num % 10 == 0 && i > 0 && self.is_apos(i - 1) && self.adj(i - 1, i) {
                let dec = if t.num < 30 { 200 + t.num / 10 } else { 190 + t.num / 10 };
                return hit(i - 1, i + 2, TimeType::Date, Sem::Decade(dec as i32), "decade");
            }
        }
        // "20th century"
        if t.digits <= 2 && self.lex(i + 1) == Lex::OrdSuffix && self.adj(i, i + 1) && self.lex(i + 2) == Lex::Unit(Unit::Century, false) {
            return hit(i, i + 3, TimeType::Date, Sem::Century(t.num as i32 - 1), "century");
        }
        // clock time: "10 a.m.", "10:35 p.m.", "10am", "14:00 GMT"
        if let Some(h) = self.time_expr(i) {
            return Some(h);
        }
        // "16 March", "16th of March 2024"
        if let Some(d) = self.day_num(i) {
            let mut j = self.skip_ordinal(i + 1);
            if self.kw(j, Kw::Of) {
                j += 1;
            }
            if let Some((m, k)) = self.month(j, true) {
                let (mut k, mut y) = (k, None);
                if let Some(yy) = self.year_token(k) {
                    y = Some(yy);
                    k += 1;
                } else if self.punct(k, ',') && self.year_token(k + 1).is_some() && j == i + 1 {
                    y = self.year_token(k + 1);
                    k += 2;
                }
                return match y {
                    Some(y) => hit(i, k, TimeType::Date, abs_checked(y, m, d), "day_month_year"),
                    None => hit(i, k, TimeType::Date, month_day(m, d, Dir::Tense), "day_month"),
                };
            }
        }
        // durations and relative counts
        if let Some(h) = self.count_expr(i) {
            return Some(h);
        }
        // a year
        if let Some(y) = self.year_in_context(i) {
            // "2016 third quarter", "the 1988 period"
            if let Some(q) = self.ordinal_n(i + 1) {
                if (1..=4).contains(&q) && self.lex(i + 2) == Lex::Unit(Unit::Quarter, false) {
                    return hit(i, i + 3, TimeType::Date, Sem::Quarter { q, year: Some(y), dir: Dir::Tense }, "year_quarter");
                }
            }
            if i > 0 && self.kw(i - 1, Kw::The) && matches!(self.lex(i + 1), Lex::Kw(Kw::Period) | Lex::Unit(Unit::Quarter, false)) {
                return hit(i, i + 2, TimeType::Date, Sem::LatestQuarterOf(y), "year_period");
            }
            return hit(i, i + 1, TimeType::Date, Sem::Abs { y, m: None, d: None }, "year");
        }
        None
    }

    /// Clock times.
    fn time_expr(&self, i: usize) -> Option<Hit> {
        let t = &self.t[i];
        if t.digits > 2 || self.grouped(i) && !self.punct(i + 1, '.') {
            return None;
        }
        let h = t.num;
        let mut j = i + 1;
        let mut mi = 0;
        let mut has_minutes = false;
        if (self.punct(j, ':') || self.punct(j, '.')) && self.adj(i, j) && self.adj(j, j + 1) && self.digits(j + 1) == 2 {
            mi = self.t[j + 1].num;
            j += 2;
            has_minutes = true;
        }
        // meridian
        let mut pm = None;
        match self.lex(j) {
            Lex::Meridian(am, true) => {
                pm = Some(!am);
                j += 1;
            }
            Lex::Kw(Kw::A) | Lex::Meridian(false, false) => {
                // "a.m." / "p.m." / "p.m"
                if self.punct(j + 1, '.') && self.adj(j, j + 1) && self.t.get(j + 2).is_some_and(|m| m.end - m.start == 1 && (m.lex == Lex::None || matches!(m.lex, Lex::Kw(_)))) && self.t.get(j + 2).is_some_and(|m| self.text_is_m(m)) && self.adj(j + 1, j + 2) {
                    pm = Some(self.lex(j) != Lex::Kw(Kw::A));
                    j += 3;
                    if self.punct(j, '.') && self.adj(j - 1, j) {
                        j += 1;
                    }
                }
            }
            _ => {}
        }
        let hour = match pm {
            Some(true) if (1..=12).contains(&h) => {
                if h == 12 {
                    12
                } else {
                    h + 12
                }
            }
            Some(false) if (1..=12).contains(&h) => {
                if h == 12 {
                    0
                } else {
                    h
                }
            }
            Some(_) => return None,
            None => {
                if !has_minutes || h > 23 || mi > 59 {
                    return None;
                }
                // 24-hour time needs a zone or "hours"/"local time" or a leading zero / hour >= 13
                let zone = matches!(self.lex(j), Lex::Zone) || self.kw(j, Kw::Local);
                if !(zone || h >= 13 || t.digits == 2) {
                    return None;
                }
                if !zone && self.punct(i + 1, '.') {
                    return None;
                }
                h
            }
        };
        if mi > 59 {
            return None;
        }
        // zone: "EST", "GMT", "local time" (dropped from the value: we do not shift)
        if matches!(self.lex(j), Lex::Zone) {
            j += 1;
        } else if self.kw(j, Kw::Local) && self.kw(j + 1, Kw::Time) {
            j += 2;
        }
        // "4 a.m. Thursday", "5 p.m. EST, Nov. 6"
        let mut k = j;
        if self.punct(k, ',') {
            k += 1;
        }
        if let Some(d) = self.core(k) {
            if is_day_sem(&d.sem) {
                return hit(i, d.end, TimeType::Time, Sem::Time { h: hour, mi, day: Some(Box::new(d.sem)) }, "time_day");
            }
        }
        hit(i, j, TimeType::Time, Sem::Time { h: hour, mi, day: None }, "clock_time")
    }

    fn text_is_m(&self, t: &Tok) -> bool {
        matches!(self.text.get(t.start..t.end), Some("m") | Some("M"))
    }

    /// Counts followed by units: durations, "ago", "later", "earlier".
    fn count_expr(&self, i: usize) -> Option<Hit> {
        let (c, mut j) = self.count(i)?;
        let hyphen = self.is_hyphen(j) && self.adj(j - 1, j);
        if hyphen {
            j += 1;
        }
        let Lex::Unit(u, plural) = self.lex(j) else {
            // "two days", "a day" only; "one" alone is nothing
            return None;
        };
        // "a second" ordinal reading, "second" as unit only with count
        // "a five year low", "a two day rally": a count before a singular unit and a noun
        let adjectival = matches!(c, Count::N(n) if n > 1.0) && self.t.get(j + 1).is_some_and(|n| n.kind == TokKind::Word && n.lex == Lex::None && !n.cap);
        let singular_ok = matches!(c, Count::N(n) if n <= 1.0) || hyphen || adjectival;
        if u == Unit::Quarter && self.kw(j + 1, Kw::Of) {
            return None;
        }
        if !plural && !singular_ok {
            return None;
        }
        if plural && matches!(c, Count::N(n) if n == 1.0) && !hyphen {
            return None;
        }
        if self.kw(i, Kw::A) || self.kw(i, Kw::An) {
            // "$5 million a year", "twice a week": a set
            if i > 0 {
                let p = &self.t[i - 1];
                if p.kind == TokKind::Num || matches!(p.kind, TokKind::Punct('%')) || p.kind == TokKind::Word && self.is_rate_word(i - 1) {
                    if !self.kw(j + 1, Kw::Ago) && !self.kw(j + 1, Kw::Earlier) && !self.kw(j + 1, Kw::Later) {
                        return hit(i, j + 1, TimeType::Set, Sem::SetUnit { n: 1, unit: u }, "rate");
                    }
                }
            }
        }
        // ages: "22-year-old", "a five-year-old"
        if hyphen && self.is_hyphen(j + 1) && self.kw(j + 2, Kw::Old) {
            return None;
        }
        if self.kw(j + 1, Kw::Old) {
            return None;
        }
        let e = j + 1;
        if self.kw(e, Kw::Ago) {
            return hit(i, e + 1, TimeType::Date, Sem::Ago { unit: u, n: c }, "units_ago");
        }
        if !hyphen && (self.kw(e, Kw::Later) || self.kw(e, Kw::Earlier)) {
            let sign = if self.kw(e, Kw::Later) { 1 } else { -1 };
            return hit(i, e + 1, TimeType::Date, Sem::Shift { unit: u, n: c, sign }, "units_later");
        }
        if matches!(u, Unit::Quarter) && !plural {
            return None;
        }
        hit(i, e, TimeType::Duration, Sem::Duration { n: c, unit: u }, "duration")
    }

    fn is_rate_word(&self, i: usize) -> bool {
        // "million a year", "times a week", "twice a day": words ending a quantity
        let t = &self.t[i];
        let w = self.text.get(t.start..t.end).unwrap_or("");
        if w.eq_ignore_ascii_case("twice") || w.eq_ignore_ascii_case("once") || w.eq_ignore_ascii_case("times") {
            return true;
        }
        t.end - t.start >= 4 && !t.cap && t.lex == Lex::None && !t.ed && i > 0 && (self.t[i - 1].kind == TokKind::Num || matches!(self.lex(i - 1), Lex::NumWord(_)))
    }

    fn keyword_expr(&self, i: usize, k: Kw) -> Option<Hit> {
        use TimeType::*;
        match k {
            Kw::Today | Kw::Yesterday | Kw::Tomorrow => {
                let off = match k {
                    Kw::Today => 0,
                    Kw::Yesterday => -1,
                    _ => 1,
                };
                let sem = Sem::DayOff(off);
                if let Some((p, e)) = self.part_at(i + 1) {
                    return hit(i, e, Time, Sem::PartOf { day: Box::new(sem), part: p }, "day_part");
                }
                // "today" as "nowadays" in "today's world" stays a date, as TimeML annotates it
                hit(i, i + 1, Date, sem, "today")
            }
            Kw::Tonight => hit(i, i + 1, Time, Sem::PartOf { day: Box::new(Sem::DayOff(0)), part: Part::Night }, "tonight"),
            Kw::Now => {
                // "now" as a discourse marker at the start of a sentence is still annotated
                hit(i, i + 1, Date, Sem::Ref("PRESENT_REF"), "now")
            }
            Kw::Currently | Kw::Nowadays => hit(i, i + 1, Date, Sem::Ref("PRESENT_REF"), "currently"),
            // "previously", "formerly" and "soon" are annotated too rarely to pay off
            Kw::Recently | Kw::Lately => hit(i, i + 1, Date, Sem::Ref("PAST_REF"), "recently"),
            Kw::These if self.lex(i + 1) == Lex::Unit(Unit::Day, true) => hit(i, i + 2, Date, Sem::Ref("PRESENT_REF"), "these_days"),
            Kw::Recent => {
                // "recent years", "recent weeks": a vague duration
                if let Lex::Unit(u, true) = self.lex(i + 1) {
                    return hit(i, i + 2, Duration, Sem::Duration { n: Count::X, unit: u }, "recent_units");
                }
                if self.t[i].cap {
                    return None;
                }
                hit(i, i + 1, Date, Sem::Ref("PAST_REF"), "recent")
            }
            Kw::Current if !matches!(self.lex(i + 1), Lex::Unit(..)) => {
                let next = self.t.get(i + 1).map(|n| self.text.get(n.start..n.end).unwrap_or("")).unwrap_or("");
                if self.t[i].cap || next.starts_with("account") || next == "affairs" || next == "events" {
                    return None;
                }
                hit(i, i + 1, Date, Sem::Ref("PRESENT_REF"), "current")
            }
            Kw::Last | Kw::This | Kw::Next | Kw::Coming | Kw::Past | Kw::Previous | Kw::Following | Kw::Current | Kw::That => self.rel_unit(i, false),
            Kw::Every | Kw::Each => {
                let j = i + 1;
                if self.kw(j, Kw::Other) {
                    if let Lex::Unit(u, false) = self.lex(j + 1) {
                        return hit(i, j + 2, Set, Sem::SetUnit { n: 2, unit: u }, "every_other");
                    }
                }
                match self.lex(j) {
                    Lex::Unit(u, false) => hit(i, j + 1, Set, Sem::SetUnit { n: 1, unit: u }, "every_unit"),
                    Lex::Weekday(wd) => {
                        let (part, e) = match self.part_at(j + 1) {
                            Some((p, e)) => (Some(p), e),
                            None => (None, j + 1),
                        };
                        hit(i, e, Set, Sem::SetWeekday { wd, part }, "every_weekday")
                    }
                    Lex::Month(m, _) if self.t[j].cap => hit(i, j + 1, Set, Sem::SetMonth(m), "every_month_name"),
                    Lex::Part(p) => hit(i, j + 1, Set, Sem::PartOf { day: Box::new(Sem::Ref("XXXX-XX-XX")), part: p }, "every_part"),
                    _ => {
                        // "every two weeks"
                        let (c, e) = self.count(j)?;
                        match (c, self.lex(e)) {
                            (Count::N(n), Lex::Unit(u, true)) if n >= 2.0 && n.fract() == 0.0 => {
                                hit(i, e + 1, Set, Sem::SetUnit { n: n as u32, unit: u }, "every_n_units")
                            }
                            _ => None,
                        }
                    }
                }
            }
            Kw::Daily if self.t.get(i + 1).is_some_and(|n| n.cap) => None,
            Kw::Daily => hit(i, i + 1, Set, Sem::SetUnit { n: 1, unit: Unit::Day }, "daily"),
            Kw::Weekly => hit(i, i + 1, Set, Sem::SetUnit { n: 1, unit: Unit::Week }, "weekly"),
            Kw::Monthly => hit(i, i + 1, Set, Sem::SetUnit { n: 1, unit: Unit::Month }, "monthly"),
            // "quarterly" is nearly always the adjective of "quarterly dividend"
            Kw::Hourly => hit(i, i + 1, Set, Sem::SetUnit { n: 1, unit: Unit::Hour }, "hourly"),
            Kw::Annually => {
                // "annual" the adjective is too common ("annual report"); only the adverbs
                let w = &self.t[i];
                if w.end - w.start == 6 {
                    return None;
                }
                hit(i, i + 1, Set, Sem::SetUnit { n: 1, unit: Unit::Year }, "annually")
            }
            Kw::Per => match self.lex(i + 1) {
                Lex::Unit(u, false) if !matches!(u, Unit::Second | Unit::Minute) || i > 0 => {
                    hit(i, i + 2, Set, Sem::SetUnit { n: 1, unit: u }, "per_unit")
                }
                _ => None,
            },
            Kw::Fiscal => {
                // "fiscal 2023", "fiscal year 2023", "fiscal 1989's", "the fiscal first quarter"
                let mut j = i + 1;
                if self.lex(j) == Lex::Unit(Unit::Year, false) {
                    j += 1;
                    if let Some(y) = self.year_token(j) {
                        return hit(i, j + 1, Date, Sem::Abs { y, m: None, d: None }, "fiscal_year");
                    }
                    return hit(i, j, Date, Sem::UnitOff { unit: Unit::Year, off: 0 }, "fiscal_year");
                }
                if let Some(y) = self.year_token(j) {
                    return hit(i, j + 1, Date, Sem::Abs { y, m: None, d: None }, "fiscal_year");
                }
                // two-digit fiscal year "fiscal '23"
                if self.is_apos(j) && self.digits(j + 1) == 2 {
                    let n = self.t[j + 1].num;
                    let y = (if n < 50 { 2000 + n } else { 1900 + n }) as i32;
                    return hit(i, j + 2, Date, Sem::Abs { y, m: None, d: None }, "fiscal_year");
                }
                if let Lex::Ordinal(q) = self.lex(j) {
                    let h = self.ordinal_expr(j, q)?;
                    return hit(i, h.end, h.ty, h.sem, h.rule);
                }
                if self.lex(j) == Lex::Unit(Unit::Second, false) {
                    let h = self.ordinal_expr(j, 2)?;
                    return hit(i, h.end, h.ty, h.sem, h.rule);
                }
                None
            }
            Kw::Christmas => {
                let mut e = i + 1;
                let mut day = 25;
                if self.lex(e) == Lex::Unit(Unit::Day, false) {
                    e += 1;
                } else if self.kw(e, Kw::Eve) {
                    e += 1;
                    day = 24;
                }
                let (year, e) = match self.year_token(e) {
                    Some(y) => (Some(y), e + 1),
                    None => (None, e),
                };
                hit(i, e, Date, Sem::Holiday { h: Holiday::Fixed(12, day), year, dir: Dir::Tense }, "holiday")
            }
            Kw::Easter | Kw::Thanksgiving => {
                let mut e = i + 1;
                if matches!(self.lex(e), Lex::Unit(Unit::Day, false) | Lex::Weekday(7)) {
                    e += 1;
                }
                let h = if k == Kw::Easter { Holiday::Easter } else { Holiday::Thanksgiving };
                let (year, e) = match self.year_token(e) {
                    Some(y) => (Some(y), e + 1),
                    None => (None, e),
                };
                hit(i, e, Date, Sem::Holiday { h, year, dir: Dir::Tense }, "holiday")
            }
            Kw::New => {
                // "New Year's Day", "New Year's Eve"
                if self.t[i].cap && self.lex(i + 1) == Lex::Unit(Unit::Year, false) && self.is_apos(i + 2) && self.lex(i + 3) == Lex::PluralS {
                    let (day, m, e) = match self.lex(i + 4) {
                        Lex::Unit(Unit::Day, false) => (1, 1, i + 5),
                        Lex::Kw(Kw::Eve) => (31, 12, i + 5),
                        _ => return None,
                    };
                    return hit(i, e, Date, Sem::Holiday { h: Holiday::Fixed(m, day), year: None, dir: Dir::Tense }, "holiday");
                }
                None
            }
            Kw::Noon | Kw::Midnight if self.t[i].cap && i > 0 => None,
            Kw::Noon | Kw::Midnight => {
                let h = if k == Kw::Noon { 12 } else { 24 };
                let mut e = i + 1;
                let mut day = None;
                if let Some(d) = self.core(e) {
                    if is_day_sem(&d.sem) {
                        day = Some(Box::new(d.sem));
                        e = d.end;
                    }
                }
                hit(i, e, Time, Sem::Time { h, mi: 0, day }, "noon")
            }
            Kw::Weekend if i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::The)) => None,
            _ => None,
        }
    }

    /// "last week", "this month", "next year", "the past two months", "last July",
    /// "this summer", "next Monday", "the previous day", "the following year", "that day".
    fn rel_unit(&self, i: usize, after_the: bool) -> Option<Hit> {
        use TimeType::*;
        let k = match self.lex(i) {
            Lex::Kw(k) => k,
            _ => return None,
        };
        let j = i + 1;
        let det = after_the || (i > 0 && self.kw(i - 1, Kw::The));
        match self.lex(j) {
            Lex::Unit(u, false) => {
                let e = j + 1;
                let off = match k {
                    Kw::Last | Kw::Previous | Kw::Past => -1,
                    Kw::Next | Kw::Coming | Kw::Following => 1,
                    _ => 0,
                };
                // "that day", "the previous day", "the following week": anaphoric
                let anaphoric = k == Kw::That || ((k == Kw::Previous || k == Kw::Following) && det) || (k == Kw::Next && det && u == Unit::Day);
                if anaphoric {
                    if u == Unit::Day {
                        return hit(i, e, Date, Sem::AnaphDay(off as i64), "anaphoric_day");
                    }
                    if matches!(u, Unit::Week | Unit::Month | Unit::Year | Unit::Quarter) {
                        return hit(i, e, Date, Sem::AnaphUnit { unit: u, off }, "anaphoric_unit");
                    }
                    return None;
                }
                // "the past year", "the last decade", "the coming year": durations in TimeML
                if det && matches!(k, Kw::Past | Kw::Last | Kw::Coming | Kw::Next) && u != Unit::Day {
                    if u == Unit::Quarter && k == Kw::Last {
                        return hit(i, e, Date, Sem::LatestQuarter { back: 0 }, "the_last_quarter");
                    }
                    return hit(i, e, Duration, Sem::Duration { n: Count::N(1.0), unit: u }, "the_past_unit");
                }
                if k == Kw::Past && !det {
                    // "past year" without determiner: also a duration
                    return hit(i, e, Duration, Sem::Duration { n: Count::N(1.0), unit: u }, "past_unit");
                }
                if u == Unit::Day {
                    // "next day" without "the": anaphoric; "this day" is rare
                    return match k {
                        Kw::Next | Kw::Following => hit(i, e, Date, Sem::AnaphDay(1), "anaphoric_day"),
                        Kw::Previous => hit(i, e, Date, Sem::AnaphDay(-1), "anaphoric_day"),
                        _ => None,
                    };
                }
                if u == Unit::Quarter {
                    return match k {
                        Kw::Last => hit(i, e, Date, Sem::LatestQuarter { back: 0 }, "last_quarter"),
                        Kw::This | Kw::Current => hit(i, e, Date, Sem::UnitOff { unit: Unit::Quarter, off: 0 }, "this_quarter"),
                        Kw::Next | Kw::Coming => hit(i, e, Date, Sem::UnitOff { unit: Unit::Quarter, off: 1 }, "next_quarter"),
                        _ => None,
                    };
                }
                if matches!(u, Unit::Second | Unit::Minute | Unit::Hour | Unit::Fortnight) {
                    return None;
                }
                if k == Kw::Current && !matches!(u, Unit::Year | Unit::Month | Unit::Week) {
                    return None;
                }
                // "last year's": still the year
                hit(i, e, Date, Sem::UnitOff { unit: u, off }, "rel_unit")
            }
            Lex::Kw(Kw::Weekend) => {
                let dir = match k {
                    Kw::Last | Kw::Past | Kw::Previous => Dir::Last,
                    Kw::Next | Kw::Coming | Kw::Following => Dir::Next,
                    Kw::This => Dir::This,
                    _ => return None,
                };
                hit(i, j + 1, Date, Sem::Weekend { dir }, "rel_weekend")
            }
            Lex::Part(p) => match k {
                // "last night", "this morning"
                Kw::Last if p == Part::Night => hit(i, j + 1, Time, Sem::PartOf { day: Box::new(Sem::DayOff(-1)), part: p }, "last_night"),
                Kw::This => hit(i, j + 1, Time, Sem::PartOf { day: Box::new(Sem::DayOff(0)), part: p }, "this_part"),
                _ => None,
            },
            Lex::Month(m, _) if self.t[j].cap => {
                let dir = match k {
                    Kw::Last | Kw::Past | Kw::Previous => Dir::Last,
                    Kw::Next | Kw::Coming | Kw::Following => Dir::Next,
                    Kw::This => Dir::This,
                    _ => return None,
                };
                let (_, e) = self.month(j, true)?;
                hit(i, e, Date, Sem::MonthDay { m, d: None, dir }, "rel_month")
            }
            Lex::Weekday(wd) => {
                let dir = match k {
                    Kw::Last | Kw::Past | Kw::Previous => Dir::Last,
                    Kw::Next | Kw::Coming | Kw::Following => Dir::Next,
                    Kw::This => Dir::This,
                    _ => return None,
                };
                self.weekday_expr(j, wd, dir, i)
            }
            Lex::Season(s) => {
                let dir = match k {
                    Kw::Last | Kw::Past | Kw::Previous => Dir::Last,
                    Kw::Next | Kw::Coming | Kw::Following => Dir::Next,
                    Kw::This => Dir::This,
                    _ => return None,
                };
                self.season_expr(j, s, dir, i)
            }
            _ => {
                // "the past two months", "the last five years", "the next two weeks",
                // "the coming weeks", "the last several days"
                if !matches!(k, Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Following) {
                    return None;
                }
                if let Lex::Unit(u, true) = self.lex(j) {
                    if det || k == Kw::Past || k == Kw::Coming {
                        return hit(i, j + 1, Duration, Sem::Duration { n: Count::X, unit: u }, "the_coming_units");
                    }
                    return None;
                }
                let (c, e) = self.count(j)?;
                if matches!(self.lex(j), Lex::Kw(Kw::A) | Lex::Kw(Kw::An)) {
                    return None;
                }
                match self.lex(e) {
                    Lex::Unit(u, true) => hit(i, e + 1, Duration, Sem::Duration { n: c, unit: u }, "the_past_n_units"),
                    _ => None,
                }
            }
        }
    }
}

/// Does this meaning name a single day (so a clock time or part of day can sit on it)?
pub fn is_day_sem(s: &Sem) -> bool {
    matches!(s, Sem::Abs { d: Some(_), .. } | Sem::MonthDay { d: Some(_), .. } | Sem::Weekday { .. } | Sem::DayOff(_) | Sem::AnaphDay(_))
}

fn month_day(m: u32, d: u32, dir: Dir) -> Sem {
    // reject days no month has, or that this month never has
    let max = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d > max {
        return Sem::Invalid("day out of range for the month");
    }
    Sem::MonthDay { m, d: Some(d), dir }
}

/// A full date, or Invalid when the calendar has no such day.
pub fn abs_checked(y: i32, m: u32, d: u32) -> Sem {
    if !(1..=12).contains(&m) {
        return Sem::Invalid("month out of range");
    }
    if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
        return Sem::Invalid("no such day in that month");
    }
    Sem::Abs { y, m: Some(m), d: Some(d) }
}
