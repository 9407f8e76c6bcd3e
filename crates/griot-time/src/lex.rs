//! The scanner's own tokens and word classes.
//!
//! Tokens are digit runs, letter runs and single punctuation characters, with byte offsets
//! into the article text. Splitting digits from letters ("10am", "1990s", "Q3") and never
//! joining "1,100" or "2.5" lets the grammar check adjacency itself. Each letter run is
//! looked up once, lower-cased on the stack, in a hash table of the few hundred words the
//! grammar and the tense heuristic care about ([`Lex`]); every other word is `Lex::None`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Calendar and duration units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Spring, summer, autumn, winter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    /// The month in which the season starts (northern meteorological seasons).
    pub fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// Morning, afternoon, evening, night: TIMEX3 "MO", "AF", "EV", "NI".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// Keywords of the grammar and of the tense heuristic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Lately,
    Previously,
    Formerly,
    Soon,
    Future,
    Past,
    Present,
    Nowadays,
    Moment,
    Last,
    Next,
    This,
    That,
    These,
    Coming,
    Following,
    Previous,
    Same,
    Earlier,
    Later,
    Ago,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Quarterly,
    Hourly,
    Fiscal,
    The,
    A,
    An,
    Several,
    Few,
    Some,
    Many,
    Half,
    Weekend,
    Noon,
    Midnight,
    Christmas,
    Easter,
    Thanksgiving,
    New,
    Eve,
    Old,
    Other,
    Near,
    // prepositions and conjunctions
    In,
    On,
    At,
    Since,
    By,
    Until,
    Of,
    From,
    Before,
    After,
    During,
    For,
    Over,
    Within,
    Through,
    To,
    And,
    Or,
    Than,
    Between,
    Around,
    About,
    Throughout,
    As,
    Be,
    Latest,
    Period,
    Couple,
    Both,
    Due,
    Into,
    Possessive,
    Ending,
    Post,
    Local,
    Time,
    // tense cues
    Will,
    Would,
    Shall,
    PastAux,
    PresentAux,
    PastVerb,
    FutureCue,
    Relativizer,
    No,
}

/// What a word is to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    None,
    /// 1..=12; `abbrev` for "Jan", "Sept" and the like.
    Month(u32, bool),
    /// ISO weekday 1 (Monday) ..= 7 (Sunday).
    Weekday(u32),
    /// "Mondays".
    WeekdayPl(u32),
    Unit(Unit, bool),
    /// "one" ..= "ninety", "hundred" (100), "dozen" (12).
    NumWord(u32),
    /// "first" ..= "twelfth" and the like.
    Ordinal(u32),
    Season(Season),
    Part(Part),
    Kw(Kw),
    /// "a" or "p" of a.m. / p.m., and "am" / "pm".
    Meridian(bool, bool),
    /// Time zone abbreviation (GMT, EST, ...).
    Zone,
    /// "Q" of "Q3", "H" of "H1".
    QLetter,
    HLetter,
    /// "s" of "1990s", "th"/"st"/"nd"/"rd" of "16th".
    PluralS,
    OrdSuffix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct(char),
}

/// One token of the scanner.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub lex: Lex,
    /// Value of a digit run (saturating), 0 for other tokens.
    pub num: u32,
    /// Number of digits of a digit run.
    pub digits: u8,
    /// First letter upper-case.
    pub cap: bool,
    /// Lower-case word ending in "ed", not in the lexicon (a past tense or participle guess).
    pub ed: bool,
}

/// Tokenise `text[start..end]`, appending to `out`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let end = end.min(text.len());
    let table = table();
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < end && bytes[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add((bytes[i] - b'0') as u32);
                i += 1;
            }
            let digits = (i - s).min(255) as u8;
            out.push(Tok { start: s, end: i, kind: TokKind::Num, lex: Lex::None, num: v, digits, cap: false, ed: false });
            continue;
        }
        if b.is_ascii_alphabetic() || b >= 0x80 {
            // a letter run (non-ASCII letters included), or one non-ASCII non-letter char
            let s = i;
            let mut all_ascii = true;
            while i < end {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    if ch.is_alphabetic() {
                        all_ascii = false;
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if i == s {
                // a non-letter non-ASCII character: punctuation or space
                let ch = text[i..].chars().next().unwrap_or(' ');
                let n = ch.len_utf8();
                if !ch.is_whitespace() {
                    out.push(Tok { start: i, end: i + n, kind: TokKind::Punct(ch), lex: Lex::None, num: 0, digits: 0, cap: false, ed: false });
                }
                i += n;
                continue;
            }
            let word = &bytes[s..i];
            let cap = word[0].is_ascii_uppercase() || (!all_ascii && text[s..].chars().next().is_some_and(|c| c.is_uppercase()));
            let mut lex = Lex::None;
            let mut ed = false;
            if all_ascii && word.len() <= 24 {
                let mut buf = [0u8; 24];
                for (k, c) in word.iter().enumerate() {
                    buf[k] = c.to_ascii_lowercase();
                }
                let low = &buf[..word.len()];
                if let Some(l) = table.get(low) {
                    lex = *l;
                } else if !cap && low.len() > 4 && low.ends_with(b"ed") && !ED_EXCEPTIONS.contains(&low) {
                    ed = true;
                }
            }
            out.push(Tok { start: s, end: i, kind: TokKind::Word, lex, num: 0, digits: 0, cap, ed });
            continue;
        }
        out.push(Tok { start: i, end: i + 1, kind: TokKind::Punct(b as char), lex: Lex::None, num: 0, digits: 0, cap: false, ed: false });
        i += 1;
    }
}

const ED_EXCEPTIONS: &[&[u8]] = &[b"hundred", b"indeed", b"speed", b"breed", b"greed", b"proceed", b"succeed", b"exceed", b"embed", b"unmatched", b"need"];

type Table = griot_text::hash::FnvMap<&'static [u8], Lex>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> Table {
    let mut t: Table = HashMap::default();
    let mut put = |w: &'static str, l: Lex| {
        t.insert(w.as_bytes(), l);
    };
    let months = [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may", ""),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    for (i, (full, ab)) in months.iter().enumerate() {
        put(full, Lex::Month(i as u32 + 1, false));
        if !ab.is_empty() {
            put(ab, Lex::Month(i as u32 + 1, true));
        }
    }
    put("sept", Lex::Month(9, true));
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let days_pl = ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"];
    for (i, d) in days.iter().enumerate() {
        put(d, Lex::Weekday(i as u32 + 1));
    }
    for (i, d) in days_pl.iter().enumerate() {
        put(d, Lex::WeekdayPl(i as u32 + 1));
    }
    let units = [
        ("second", Unit::Second),
        ("minute", Unit::Minute),
        ("hour", Unit::Hour),
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("fortnight", Unit::Fortnight),
        ("month", Unit::Month),
        ("quarter", Unit::Quarter),
        ("year", Unit::Year),
        ("decade", Unit::Decade),
    ];
    for (w, u) in units {
        put(w, Lex::Unit(u, false));
    }
    for (w, u) in [
        ("seconds", Unit::Second),
        ("minutes", Unit::Minute),
        ("hours", Unit::Hour),
        ("days", Unit::Day),
        ("weeks", Unit::Week),
        ("fortnights", Unit::Fortnight),
        ("months", Unit::Month),
        ("quarters", Unit::Quarter),
        ("years", Unit::Year),
        ("decades", Unit::Decade),
        ("centuries", Unit::Century),
    ] {
        put(w, Lex::Unit(u, true));
    }
    put("century", Lex::Unit(Unit::Century, false));
    let nums = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("dozen", 12),
    ];
    for (w, n) in nums {
        put(w, Lex::NumWord(n));
    }
    let ords = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("twenty-first", 21),
    ];
    for (w, n) in ords {
        if w != "second" {
            put(w, Lex::Ordinal(n));
        }
    }
    for (w, s) in [
        ("spring", Season::Spring),
        ("summer", Season::Summer),
        ("autumn", Season::Fall),
        ("fall", Season::Fall),
        ("winter", Season::Winter),
    ] {
        put(w, Lex::Season(s));
    }
    for (w, p) in [
        ("morning", Part::Morning),
        ("afternoon", Part::Afternoon),
        ("evening", Part::Evening),
        ("night", Part::Night),
        ("overnight", Part::Night),
    ] {
        put(w, Lex::Part(p));
    }
    use Kw::*;
    let kws: &[(&'static str, Kw)] = &[
        ("today", Today),
        ("yesterday", Yesterday),
        ("tomorrow", Tomorrow),
        ("tonight", Tonight),
        ("now", Now),
        ("currently", Currently),
        ("current", Current),
        ("recently", Recently),
        ("recent", Recent),
        ("lately", Lately),
        ("previously", Previously),
        ("formerly", Formerly),
        ("soon", Soon),
        ("future", Future),
        ("past", Past),
        ("present", Present),
        ("nowadays", Nowadays),
        ("moment", Moment),
        ("last", Last),
        ("next", Next),
        ("this", This),
        ("that", That),
        ("these", These),
        ("coming", Coming),
        ("upcoming", Coming),
        ("following", Following),
        ("previous", Previous),
        ("preceding", Previous),
        ("prior", Previous),
        ("same", Same),
        ("earlier", Earlier),
        ("later", Later),
        ("ago", Ago),
        ("early", Early),
        ("late", Late),
        ("mid", Mid),
        ("middle", Middle),
        ("end", End),
        ("beginning", Beginning),
        ("start", Start),
        ("every", Every),
        ("each", Each),
        ("per", Per),
        ("daily", Daily),
        ("nightly", Daily),
        ("weekly", Weekly),
        ("monthly", Monthly),
        ("annually", Annually),
        ("annual", Annually),
        ("yearly", Annually),
        ("quarterly", Quarterly),
        ("hourly", Hourly),
        ("fiscal", Fiscal),
        ("the", The),
        ("a", A),
        ("an", An),
        ("several", Several),
        ("few", Few),
        ("some", Some),
        ("many", Many),
        ("half", Half),
        ("weekend", Weekend),
        ("noon", Noon),
        ("midday", Noon),
        ("midnight", Midnight),
        ("christmas", Christmas),
        ("easter", Easter),
        ("thanksgiving", Thanksgiving),
        ("new", New),
        ("eve", Eve),
        ("old", Old),
        ("other", Other),
        ("near", Near),
        ("in", In),
        ("on", On),
        ("at", At),
        ("since", Since),
        ("by", By),
        ("until", Until),
        ("till", Until),
        ("of", Of),
        ("from", From),
        ("before", Before),
        ("after", After),
        ("during", During),
        ("for", For),
        ("over", Over),
        ("within", Within),
        ("through", Through),
        ("to", To),
        ("and", And),
        ("or", Or),
        ("than", Than),
        ("as", As),
        ("be", Be),
        ("being", Be),
        ("latest", Latest),
        ("period", Period),
        ("couple", Couple),
        ("both", Both),
        ("into", Into),
        ("its", Possessive),
        ("his", Possessive),
        ("her", Possessive),
        ("their", Possessive),
        ("our", Possessive),
        ("ended", Ending),
        ("ending", Ending),
        ("post", Post),
        ("pre", Post),
        ("between", Between),
        ("around", Around),
        ("about", About),
        ("throughout", Throughout),
        ("local", Local),
        ("time", Time),
        ("will", Will),
        ("ll", Will),
        ("would", Would),
        ("shall", Shall),
        ("was", PastAux),
        ("were", PastAux),
        ("had", PastAux),
        ("did", PastAux),
        ("has", PastAux),
        ("have", PastAux),
        ("is", PresentAux),
        ("are", PresentAux),
        ("am", PresentAux),
        ("which", Relativizer),
        ("who", Relativizer),
        ("whom", Relativizer),
        ("whose", Relativizer),
        ("where", Relativizer),
        ("no", No),
        ("number", No),
        ("planning", FutureCue),
        ("scheduled", FutureCue),
        ("expected", FutureCue),
        ("expects", FutureCue),
        ("expect", FutureCue),
        ("due", Due),
        ("intends", FutureCue),
        ("aims", FutureCue),
        ("hopes", FutureCue),
        ("going", FutureCue),
        ("should", FutureCue),
        ("may", FutureCue),
        ("might", FutureCue),
        ("must", FutureCue),
    ];
    for (w, k) in kws {
        put(w, Lex::Kw(*k));
    }
    // "may" the modal is a future cue; the month is recognised by capitalisation + context.
    put("may", Lex::Month(5, false));
    // irregular past forms frequent in news
    for w in [
        "said", "told", "met", "went", "came", "took", "made", "left", "began", "held", "gave", "got", "saw", "found",
        "knew", "thought", "brought", "bought", "sought", "fought", "caught", "taught", "became", "fell", "felt", "kept",
        "lost", "paid", "put", "ran", "rose", "sent", "spent", "spoke", "stood", "struck", "won", "wrote", "led", "fled",
        "killed", "hit", "cut", "shot", "broke", "chose", "drove", "flew", "froze", "grew", "hung", "laid", "lay", "meant",
        "quit", "sold", "shut", "sank", "slid", "stole", "swore", "threw", "tore", "woke", "wore", "withdrew", "overthrew",
        "arose", "ate", "beat", "bent", "blew", "built", "burnt", "dealt", "dug", "drew", "fed", "forgot", "heard", "hid",
        "let", "lit", "read", "rode", "rang", "sang", "sat", "shook", "slept", "sprang", "stuck", "stung", "swept", "swam",
        "understood", "upheld", "wept", "wound", "announced", "ended", "agreed", "seized", "was", "signed", "reported",
    ] {
        if !t.contains_key(w.as_bytes()) {
            t.insert(w.as_bytes(), Lex::Kw(PastVerb));
        }
    }
    for w in ["am", "pm"] {
        t.insert(w.as_bytes(), Lex::Meridian(w == "am", true));
    }
    t.insert(b"p", Lex::Meridian(false, false));
    for z in ["gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "mst", "mdt", "cet", "cest", "bst", "wat", "eat", "ist"] {
        t.insert(z.as_bytes(), Lex::Zone);
    }
    t.insert(b"q", Lex::QLetter);
    t.insert(b"h", Lex::HLetter);
    t.insert(b"s", Lex::PluralS);
    for s in ["th", "st", "nd", "rd"] {
        t.insert(s.as_bytes(), Lex::OrdSuffix);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let mut v = Vec::new();
        tokenize_into(input, 0, input.len(), &mut v);
        let got: Vec<&str> = v.iter().map(|t| &input[t.start..t.end]).collect();
        assert_eq!(got, expected, "{input}");
    }

    #[test]
    fn splits_digits_letters_and_punctuation() {
        check("On 16/03/2024, 10am.", &["On", "16", "/", "03", "/", "2024", ",", "10", "am", "."]);
        check("the 1990s’ Zürich", &["the", "1990", "s", "’", "Zürich"]);
        check("1,100 troops", &["1", ",", "100", "troops"]);
    }

    #[test]
    fn classifies_words() {
        let mut v = Vec::new();
        let s = "Sept Saturday weeks declared";
        tokenize_into(s, 0, s.len(), &mut v);
        assert_eq!(v[0].lex, Lex::Month(9, true));
        assert_eq!(v[1].lex, Lex::Weekday(6));
        assert_eq!(v[2].lex, Lex::Unit(Unit::Week, true));
        assert!(v[3].ed);
    }
}
