//! Quantities: numbers with what they count.
//!
//! Owns [`find_quantities`]: counts of people and things ("approximately 650 US
//! personnel"), casualties ("at least 12 soldiers killed", "killed 12 soldiers", "12 people
//! were injured"), money ("$100 million", "100 million dollars", "€5bn", Reuters' "1.5 mln
//! dlrs"), percentages ("10 percent", "10%", "5 pct") and measures ("30 km"). It does not
//! attach quantities to events (the coder does) and reads no dictionary files: its word
//! lists are small and closed, and live here.
//!
//! ```
//! use griot_extract::find_quantities;
//! use griot_text::{split_sentences, tokenize, Article, Doc, QuantityKind};
//! let mut doc = Doc::new(Article::from_text("a", "Approximately 650 US personnel are stationed there."));
//! doc.sentences = split_sentences(doc.text());
//! doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
//! let q = &find_quantities(&doc)[0];
//! assert_eq!((q.value, q.kind, q.approx.as_deref()), (650.0, QuantityKind::Count, Some("Approximately")));
//! assert_eq!(doc.slice(q.counted.unwrap()), "US personnel");
//! ```
//!
//! Conventions:
//! - `span` covers the approximation marker, currency sign, number, scale word and unit
//!   ("approximately 650", "$100 million", "10%"), never the counted noun phrase, which is
//!   `counted` (None for money and percentages).
//! - Vague plurals count as twice their unit and are approximate, with `approx` set to the
//!   words as written: "dozens of" = 24, "scores of" = 40, "hundreds of" = 200, "thousands
//!   of" = 2,000, "tens of thousands of" = 20,000, "hundreds of thousands of" = 200,000,
//!   "millions of" = 2,000,000. "a dozen" = 12, "two dozen" = 24.
//! - Kinds: Killed (killed, dead, died, deaths, slain, ...), Injured (injured, wounded,
//!   hurt), Arrested (arrested, detained, jailed, captured, abducted, kidnapped), Displaced
//!   (displaced, fled, evacuated, refugees), found in the counted phrase ("12 dead"), after
//!   it ("12 soldiers were killed"), before the number ("killed at least 12", "wounding
//!   30") or from "death toll ... 30". Otherwise Count when a noun phrase is counted,
//!   Money, Percent, or Other for measures (unit = the measure word).
//! - A number with nothing counted, no unit and no casualty cue is not reported.
//! - Skipped: numbers inside `doc.times`; years (1900-2100, four digits) after in, since,
//!   until, by, before, after, during, and after of, from, to, between, and when no noun
//!   is counted; identifiers ("No. 10", "Resolution 2231", "Flight 17": a number right
//!   after a capitalised word that does not start the sentence); numbers joined to
//!   others by `:`, `/` or `-` (times, scores, dates, ranges); durations ("3 days").
//!
//! Rule ids (`Origin::rule`): `money`, `percent`, `casualty`, `count`, `vague_count`,
//! `measure`.
//!
//! Known misses: ranges ("10-15 people", "between 10 and 15"); numbers whose counted noun
//! comes before them ("a death toll of 30" is found, "casualties numbered 30" is not);
//! spelled-out numbers above "ninety-nine" without a scale word; counted phrases whose
//! head is followed by a verb without -ed/-ing ("12 protesters gather" takes "protesters
//! gather").

use std::borrow::Cow;

use griot_text::{
    split_sentences, tokenize_into, Doc, MentionId, Origin, Quantity, QuantityKind, Sentence, Span, Token,
    TokenKind,
};

/// Numbers with what they count, in text order.
pub fn find_quantities(doc: &Doc) -> Vec<Quantity> {
    let text = doc.text();
    let sentences: Cow<[Sentence]> =
        if doc.sentences.is_empty() { Cow::Owned(split_sentences(text)) } else { Cow::Borrowed(&doc.sentences) };
    let tokens: Cow<[Token]> = if doc.tokens.is_empty() {
        let mut v = Vec::new();
        for s in sentences.iter() {
            tokenize_into(text, s.span, &mut v);
        }
        Cow::Owned(v)
    } else {
        Cow::Borrowed(&doc.tokens)
    };
    let mut times: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
    times.sort();
    let mut mentions: Vec<(Span, u32)> = doc.mentions.iter().enumerate().map(|(i, m)| (m.span, i as u32)).collect();
    mentions.sort();
    let ctx = Ctx { text, times: &times, mentions: &mentions };
    let mut out = Vec::new();
    for s in sentences.iter() {
        let a = tokens.partition_point(|t| t.span.start < s.span.start);
        let b = tokens.partition_point(|t| t.span.start < s.span.end);
        if a < b {
            find_in_sentence(&ctx, &tokens[a..b], &mut out);
        }
    }
    out
}

struct Ctx<'a> {
    text: &'a str,
    times: &'a [Span],
    mentions: &'a [(Span, u32)],
}

impl Ctx<'_> {
    fn in_time(&self, span: Span) -> bool {
        let i = self.times.partition_point(|t| t.end <= span.start);
        self.times.get(i).is_some_and(|t| t.start <= span.start && span.end <= t.end)
    }
}

/// ASCII-lower-cased copy of a short word in a stack buffer ("" when too long or not
/// ASCII, which matches nothing in the word lists).
fn lower<'b>(w: &str, buf: &'b mut [u8; 24]) -> &'b str {
    if w.len() > buf.len() || !w.is_ascii() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).unwrap_or("")
}

struct Words<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Words<'a> {
    fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.span.text(self.text)).unwrap_or("")
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn adjacent(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }
}

fn small_number(w: &str) -> Option<f64> {
    let v = match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(v as f64)
}

/// "one", "twenty-five".
fn number_word(w: &str) -> Option<f64> {
    if let Some((a, b)) = w.split_once('-') {
        let (a, b) = (small_number(a)?, small_number(b)?);
        if a >= 20.0 && a % 10.0 == 0.0 && b < 10.0 {
            return Some(a + b);
        }
        return None;
    }
    small_number(w)
}

/// Scale words; `money_only` ones ("m", "bn") count only next to a currency.
fn scale(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "hundred" => (1e2, false),
        "thousand" => (1e3, false),
        "million" | "mln" | "mn" => (1e6, false),
        "billion" | "bln" | "bn" => (1e9, false),
        "trillion" | "tn" | "trn" => (1e12, false),
        "dozen" => (12.0, false),
        "m" => (1e6, true),
        "b" => (1e9, true),
        "k" => (1e3, true),
        _ => return None,
    })
}

fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₦" => "NGN",
        "₽" => "RUB",
        "₩" => "KRW",
        "₺" => "TRY",
        "₴" => "UAH",
        _ => return None,
    })
}

fn currency_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CNY" => "CNY",
        "CHF" => "CHF",
        "XOF" => "XOF",
        "NGN" => "NGN",
        "INR" => "INR",
        "RUB" => "RUB",
        "CAD" => "CAD",
        "AUD" => "AUD",
        _ => return None,
    })
}

/// Currency named after the number ("dollars", "dlrs", "euros").
fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" | "dlr" | "dlrs" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" | "stg" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "XOF",
        "naira" => "NGN",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "riyal" | "riyals" => "SAR",
        "rand" => "ZAR",
        "shilling" | "shillings" => "KES",
        "cedi" | "cedis" => "GHS",
        "peso" | "pesos" => "MXN",
        "lira" | "lire" => "TRY",
        "hryvnia" | "hryvnias" => "UAH",
        _ => return None,
    })
}

/// Nationality word before a currency word ("Canadian dollars", "Swiss francs").
fn currency_nationality(w: &str, cur: &'static str) -> &'static str {
    match (w, cur) {
        ("canadian", "USD") => "CAD",
        ("australian", "USD") => "AUD",
        ("singapore", "USD") => "SGD",
        ("taiwan", "USD") => "TWD",
        ("zimbabwean", "USD") => "ZWL",
        ("swiss", "XOF") => "CHF",
        ("french", "XOF") => "FRF",
        ("belgian", "XOF") => "BEF",
        ("egyptian", "GBP") => "EGP",
        ("sudanese", "GBP") => "SDG",
        ("philippine", "MXN") => "PHP",
        ("argentine", "MXN") => "ARS",
        ("colombian", "MXN") => "COP",
        ("chilean", "MXN") => "CLP",
        ("ugandan", "KES") => "UGX",
        ("tanzanian", "KES") => "TZS",
        ("pakistani", "INR") => "PKR",
        _ => cur,
    }
}

fn is_percent_word(w: &str) -> bool {
    matches!(w, "percent" | "pct" | "percentage")
}

fn measure(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" | "miles" | "mile" | "metres" | "meters"
            | "metre" | "meter" | "m2" | "tonnes" | "tons" | "tonne" | "ton" | "barrels" | "barrel" | "bpd"
            | "kg" | "kilograms" | "kilos" | "hectares" | "acres" | "litres" | "liters" | "gallons" | "feet"
            | "ft" | "ounces" | "bushels" | "megawatts" | "mw" | "cm" | "mm" | "sq" | "square"
    )
}

fn time_unit(w: &str) -> bool {
    matches!(
        w,
        "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "hour" | "hours" | "minute"
            | "minutes" | "second" | "seconds" | "decade" | "decades" | "century" | "centuries" | "am" | "pm"
            | "a.m." | "p.m." | "o'clock" | "gmt" | "utc" | "times" | "mths" | "mth" | "yrs" | "yr" | "qtr" | "qtrs"
            | "wks" | "wk" | "hrs" | "mins"
    )
}

/// Words that end a counted noun phrase.
fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "in" | "on" | "at" | "to" | "from" | "with" | "by" | "for" | "as" | "and"
            | "or" | "but" | "nor" | "that" | "which" | "who" | "whom" | "whose" | "were" | "was" | "are" | "is"
            | "be" | "been" | "being" | "have" | "has" | "had" | "will" | "would" | "could" | "should" | "may"
            | "might" | "must" | "can" | "shall" | "do" | "did" | "does" | "not" | "than" | "more" | "less"
            | "per" | "each" | "this" | "these" | "those" | "it" | "they" | "he" | "she" | "we" | "i" | "you"
            | "them" | "him" | "her" | "their" | "its" | "his" | "our" | "my" | "there" | "here" | "when"
            | "where" | "while" | "after" | "before" | "since" | "until" | "into" | "during" | "over" | "under"
            | "about" | "against" | "between" | "across" | "through" | "up" | "down" | "out" | "off" | "said"
            | "says" | "say" | "also" | "only" | "now" | "then" | "so" | "if" | "because" | "still" | "all"
            | "some" | "both" | "such" | "other" | "another" | "among" | "amid" | "including" | "last" | "next"
            | "ago" | "earlier" | "later" | "apiece" | "each," | "too" | "very" | "just" | "around" | "near"
            | "within" | "without" | "outside" | "inside" | "toward" | "towards" | "behind" | "via" | "plus"
            | "minus" | "got" | "get" | "gets" | "remain" | "remained" | "remains" | "vs" | "vs." | "v" | "versus"
            | "half" | "third" | "fourth" | "fifth" | "quarter" | "thirds" | "fourths" | "fifths" | "quarters"
            | "cts" | "cents" | "cent"
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Cas {
    Killed,
    Injured,
    Arrested,
    Displaced,
}

fn casualty(w: &str) -> Option<Cas> {
    Some(match w {
        "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "die" | "deaths" | "death" | "fatalities"
        | "slain" | "massacred" | "executed" | "murdered" | "lost" | "bodies" | "perished" | "shot"
        | "beheaded" | "lynched" | "drowned" => Cas::Killed,
        "injured" | "injuring" | "injure" | "injures" | "wounded" | "wounding" | "wound" | "wounds" | "hurt"
        | "hospitalised" | "hospitalized" | "injuries" => Cas::Injured,
        "arrested" | "arresting" | "arrest" | "arrests" | "detained" | "detaining" | "detain" | "detainees"
        | "jailed" | "imprisoned" | "captured" | "capturing" | "abducted" | "abducting" | "kidnapped"
        | "kidnapping" | "seized" | "rounded" | "held" | "apprehended" | "hostages" => Cas::Arrested,
        "displaced" | "displacing" | "fled" | "fleeing" | "evacuated" | "uprooted" | "refugees" | "homeless" => {
            Cas::Displaced
        }
        _ => return None,
    })
}

/// Words allowed between a counted phrase and its casualty verb ("were reportedly killed").
fn casualty_glue(w: &str) -> bool {
    matches!(
        w,
        "were" | "was" | "have" | "has" | "had" | "been" | "are" | "is" | "be" | "being" | "reportedly"
            | "reported" | "also" | "all" | "later" | "believed" | "feared" | "confirmed" | "said" | "to"
            | "allegedly" | "apparently" | "left" | "now" | "since" | "already" | "each" | "either" | "being,"
            | "who"
    )
}

/// Capitalised words before a number that make it an identifier in any position.
fn id_word(w: &str) -> bool {
    matches!(
        w,
        "no." | "no" | "nos." | "number" | "resolution" | "flight" | "article" | "section" | "chapter" | "route"
            | "highway" | "room" | "page" | "vol." | "volume" | "apollo" | "proposition" | "amendment" | "unit"
            | "camp" | "level" | "phase" | "round" | "game" | "channel" | "line" | "building" | "block" | "gate"
            | "terminal" | "platform" | "bus" | "model" | "type" | "grade" | "class" | "category" | "code" | "act"
            | "windows" | "version" | "district" | "ward" | "zone" | "sector" | "lot" | "item" | "rule" | "law"
            | "decree" | "order" | "bill" | "case" | "division" | "brigade" | "battalion" | "regiment" | "corps"
            | "squadron" | "fleet" | "group" | "g" | "#"
    )
}

/// Approximation markers, longest first, as lower-case word sequences.
const APPROX: &[&[&str]] = &[
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["an", "estimated"],
    &["upwards", "of"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["approximately"],
    &["approx."],
    &["around"],
    &["roughly"],
    &["some"],
    &["over"],
    &["estimated"],
    &["circa"],
    &["c."],
    &["under"],
    &["only"],
    &["exactly"],
];

/// Markers that are kept but do not make the number approximate.
fn exact_marker(w: &[&str]) -> bool {
    matches!(w, ["only"] | ["exactly"])
}

fn parse_number(s: &str) -> Option<f64> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for b in s.bytes() {
        if b == b',' {
            continue;
        }
        if n >= buf.len() {
            return None;
        }
        buf[n] = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

fn find_in_sentence(ctx: &Ctx, toks: &[Token], out: &mut Vec<Quantity>) {
    let w = Words { text: ctx.text, toks };
    let mut buf = [0u8; 24];
    let mut buf2 = [0u8; 24];
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let lw = lower(w.s(i), &mut buf);
        // 1. The number and its value.
        let (mut value, vague): (f64, bool) = match t.kind {
            TokenKind::Number => match parse_number(w.s(i)) {
                Some(v) => (v, false),
                None => {
                    i += 1;
                    continue;
                }
            },
            TokenKind::Word => {
                if let Some(v) = number_word(lw) {
                    (v, false)
                } else if (lw == "a" || lw == "an") && matches!(lower(w.s(i + 1), &mut buf2), "dozen" | "hundred" | "thousand" | "million" | "billion") {
                    (1.0, false)
                } else if let Some(v) = vague_value(lw) {
                    (v, true)
                } else {
                    i += 1;
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let num = i;
        let mut end = i + 1; // one past the last token of the quantity
        if ctx.in_time(t.span) {
            i += 1;
            continue;
        }
        // Joined to another number by ":", "/", "-": times, scores, dates, ranges.
        if t.kind == TokenKind::Number {
            let joined_after = matches!(w.s(i + 1), ":" | "/" | "-" | "–" | ".") && w.adjacent(i, i + 1) && w.kind(i + 2) == Some(TokenKind::Number) && w.adjacent(i + 1, i + 2);
            let joined_before = i >= 2 && matches!(w.s(i - 1), ":" | "/" | "-" | "–") && w.adjacent(i - 1, i) && w.kind(i - 2) == Some(TokenKind::Number) && w.adjacent(i - 2, i - 1);
            if joined_after || joined_before {
                i += 3;
                continue;
            }
        }
        // Vague plurals: "hundreds of", "tens of thousands of".
        let mut approx_span: Option<Span> = None;
        if vague {
            let start_v = num;
            if w.is(end, "of") && vague_value(lower(w.s(end + 1), &mut buf2)).is_some() && w.is(end + 2, "of") {
                // "tens of thousands of", "hundreds of thousands of"
                let unit = vague_value(lower(w.s(end + 1), &mut buf2)).unwrap_or(1.0) / 2.0;
                value = value / 2.0 * unit * 2.0;
                end += 2;
            }
            if !w.is(end, "of") {
                // "thousands protested": only with a casualty cue right after.
                let next = lower(w.s(end), &mut buf2);
                let glue_then_cas = casualty_glue(next) && casualty(lower(w.s(end + 1), &mut buf2)).is_some();
                if casualty(lower(w.s(end), &mut buf2)).is_none() && !glue_then_cas {
                    i = end;
                    continue;
                }
            }
            approx_span = Some(Span::new(toks[start_v].span.start, toks[end - 1].span.end));
        }
        // 2. Scale words: "1.5 million", "two dozen", "5bn".
        let mut money_scale_pending: Option<f64> = None;
        while let (false, Some((f, money_only))) = (vague, scale(lower(w.s(end), &mut buf2))) {
            if money_only {
                money_scale_pending = Some(f);
                break;
            }
            value = scaled(value, f);
            end += 1;
        }
        // A spelled-out number or "a" needs more than itself to count: "a" needs a scale word.
        if t.kind == TokenKind::Word && !vague && (lw == "a" || lw == "an") && end == num + 1 {
            i += 1;
            continue;
        }
        // 3. Currency before: "$", "US$", "€", "USD".
        let mut qstart = num;
        let mut unit: Option<String> = None;
        let mut kind: Option<QuantityKind> = None;
        if num >= 1 {
            if let Some(c) = currency_symbol(w.s(num - 1)) {
                qstart = num - 1;
                let mut code = c;
                if c == "USD" && num >= 2 && w.adjacent(num - 2, num - 1) {
                    code = match w.s(num - 2) {
                        "US" | "U.S." => "USD",
                        "A" => "AUD",
                        "C" => "CAD",
                        "HK" => "HKD",
                        "NZ" => "NZD",
                        "S" => "SGD",
                        "Z" => "ZWL",
                        _ => "USD",
                    };
                    if code != "USD" || matches!(w.s(num - 2), "US" | "U.S.") {
                        qstart = num - 2;
                    }
                }
                unit = Some(code.to_string());
                kind = Some(QuantityKind::Money);
            } else if let Some(c) = currency_code(w.s(num - 1)) {
                qstart = num - 1;
                unit = Some(c.to_string());
                kind = Some(QuantityKind::Money);
            }
        }
        if let Some(f) = money_scale_pending {
            if kind == Some(QuantityKind::Money) || currency_word(lower(w.s(end + 1), &mut buf2)).is_some() {
                value = scaled(value, f);
                end += 1;
            } else {
                // "a 30m wall": not a quantity we report.
                i = end + 1;
                continue;
            }
        }
        // 4. Unit after: currency word ("dollars", "US dollars", "CFA francs"), percent.
        if kind.is_none() {
            let first = lower(w.s(end), &mut buf2);
            if let Some(c) = currency_word(first) {
                unit = Some(c.to_string());
                kind = Some(QuantityKind::Money);
                end += 1;
            } else if matches!(first, "cts" | "cents") && t.kind == TokenKind::Number {
                value /= 100.0;
                unit = Some("USD".to_string());
                kind = Some(QuantityKind::Money);
                end += 1;
            } else if let Some(c) = currency_word(lower(w.s(end + 1), &mut buf)) {
                let code = match first {
                    "us" | "u.s." | "american" => Some(c),
                    "cfa" => Some("XOF"),
                    q => Some(currency_nationality(q, c)).filter(|code| *code != c),
                };
                if let Some(code) = code {
                    unit = Some(code.to_string());
                    kind = Some(QuantityKind::Money);
                    end += 2;
                }
            }
        }
        if kind.is_none() {
            let u = lower(w.s(end), &mut buf2);
            if w.s(end) == "%" || is_percent_word(u) {
                let mut e = end + 1;
                if u == "percentage" && w.is(e, "points") {
                    e += 1;
                } else if u == "percentage" {
                    i += 1;
                    continue;
                }
                end = e;
                kind = Some(QuantityKind::Percent);
                unit = Some("%".to_string());
            } else if u == "per" && w.is(end + 1, "cent") {
                end += 2;
                kind = Some(QuantityKind::Percent);
                unit = Some("%".to_string());
            }
        }
        // 5. Approximation marker before the number (or currency sign).
        let mut approx: Option<String> = None;
        let mut mstart = qstart;
        if let Some(sp) = approx_span {
            approx = Some(sp.text(ctx.text).to_string());
        } else {
            for m in APPROX {
                let n = m.len();
                if qstart < n {
                    continue;
                }
                let ok = m.iter().enumerate().all(|(k, word)| w.is(qstart - n + k, word));
                if ok {
                    mstart = qstart - n;
                    if !exact_marker(m) {
                        let sp = Span::new(toks[mstart].span.start, toks[qstart - 1].span.end);
                        approx = Some(sp.text(ctx.text).to_string());
                    }
                    break;
                }
            }
        }
        // 6. Identifiers and years.
        if kind.is_none() && t.kind == TokenKind::Number && mstart == num && num >= 1 {
            {
                let prev = w.s(num - 1);
                let lp = lower(prev, &mut buf2);
                let capitalised = prev.chars().next().is_some_and(char::is_uppercase);
                if id_word(lp) || (capitalised && num - 1 > 0 && w.kind(num - 1) == Some(TokenKind::Word)) {
                    i += 1;
                    continue;
                }
            }
        }
        let year_like = t.kind == TokenKind::Number
            && w.s(num).len() == 4
            && end == num + 1
            && (1900.0..=2100.0).contains(&value)
            && kind.is_none();
        // 7. The counted noun phrase.
        let mut cas: Option<Cas> = None;
        let mut counted: Option<Span> = None;
        let mut measure_unit: Option<String> = None;
        let mut np_end = end;
        if kind.is_none() {
            let mut k = end;
            if vague && w.is(k, "of") {
                k += 1;
            } else if t.kind == TokenKind::Number && w.is(k, "of") && matches!(lower(w.s(k + 1), &mut buf2), "the" | "them" | "whom" | "those" | "these" | "their" | "its") {
                k += 2;
            }
            let np_start = k;
            let mut heads = 0;
            while k < toks.len() && heads < 5 {
                if toks[k].kind != TokenKind::Word {
                    break;
                }
                let word = w.s(k);
                let lw2 = lower(word, &mut buf2);
                if word.starts_with('\'') || word.starts_with('’') {
                    break;
                }
                if np_stop(lw2) || is_roman(word) {
                    break;
                }
                if let Some(c) = casualty(lw2) {
                    if heads == 0 || matches!(lw2, "dead" | "deaths" | "fatalities" | "injuries" | "detainees" | "hostages" | "refugees" | "bodies") {
                        cas = Some(c);
                        if heads == 0 && !matches!(lw2, "detainees" | "hostages" | "refugees" | "bodies") {
                            // "12 dead", "12 injured": the number counts people.
                            np_end = k + 1;
                            break;
                        }
                        k += 1;
                        heads += 1;
                        continue;
                    }
                    break;
                }
                let first_upper = word.chars().next().is_some_and(char::is_uppercase);
                if heads > 0 {
                    if lw2.ends_with("ed") || lw2.ends_with("ing") || lw2.ends_with("ly") || common_verb(lw2) {
                        break;
                    }
                    let prev_upper = w.s(k - 1).chars().next().is_some_and(char::is_uppercase);
                    if first_upper && !prev_upper {
                        break;
                    }
                }
                if heads == 0 {
                    if time_unit(lw2) {
                        heads = 0;
                        k = np_start;
                        measure_unit = Some(String::from("time"));
                        break;
                    }
                    if measure(lw2) {
                        measure_unit = Some(word.to_string());
                        k += 1;
                        heads = 0;
                        break;
                    }
                }
                k += 1;
                heads += 1;
            }
            if heads == 1 && (w.s(k - 1).ends_with("ed") || w.s(k - 1).ends_with("ing")) {
                // "of 2016 failed": a lone participle is a verb, not a counted noun.
                heads = 0;
            }
            if heads > 0 && year_like {
                // "a 1992 rematch", "1986 Rates": a year unless a plural noun is counted.
                let first_lower = w.s(np_start).chars().next().is_some_and(char::is_lowercase);
                if !first_lower || !w.s(k - 1).ends_with('s') {
                    heads = 0;
                }
            }
            if heads > 0 {
                counted = Some(Span::new(toks[np_start].span.start, toks[k - 1].span.end));
                np_end = k;
            } else if let Some(mu) = &measure_unit {
                if mu == "time" {
                    i += 1;
                    continue;
                }
                np_end = k;
            }
        }
        if year_like && num >= 1 {
            let prev = lower(w.s(num - 1), &mut buf2);
            let strong = matches!(prev, "in" | "since" | "until" | "till" | "by" | "before" | "after" | "during" | "mid" | "early" | "late" | "around" | "from" | "circa");
            let weak = matches!(prev, "of" | "to" | "between" | "and" | "or" | "year" | "through");
            if strong || (weak && counted.is_none()) {
                i += 1;
                continue;
            }
        }
        // 8. Casualty cues after the phrase or before the number.
        if kind.is_none() && cas.is_none() {
            let mut k = np_end;
            let mut glue = 0;
            while k < toks.len() && glue < 4 {
                let lk = lower(w.s(k), &mut buf2);
                if let Some(c) = casualty(lk) {
                    if !matches!(lk, "kill" | "kills" | "arrest" | "arrests" | "detain" | "die" | "wound" | "wounds" | "injure" | "injures" | "lost" | "held") || glue > 0 {
                        cas = Some(c);
                    }
                    break;
                }
                if !casualty_glue(lk) {
                    break;
                }
                k += 1;
                glue += 1;
            }
        }
        if kind.is_none() && cas.is_none() && mstart >= 1 {
            // "killed at least 12", "killing 12 people", "arrested 30".
            let k = mstart - 1;
            let lk = lower(w.s(k), &mut buf2);
            if let Some(c) = casualty(lk) {
                if lk.ends_with("ed") || lk.ends_with("ing") || matches!(lk, "shot" | "held" | "slain") {
                    cas = Some(c);
                }
            }
            // "death toll rose to 30", "a toll of 30"
            if cas.is_none() {
                let lo = mstart.saturating_sub(6);
                if (lo..mstart).any(|j| w.is(j, "toll")) {
                    cas = Some(Cas::Killed);
                }
            }
        }
        // 9. Decide.
        let (qkind, rule) = match (kind, cas) {
            (Some(k), _) => (k, if k == QuantityKind::Money { "money" } else { "percent" }),
            (None, Some(c)) => (
                match c {
                    Cas::Killed => QuantityKind::Killed,
                    Cas::Injured => QuantityKind::Injured,
                    Cas::Arrested => QuantityKind::Arrested,
                    Cas::Displaced => QuantityKind::Displaced,
                },
                "casualty",
            ),
            (None, None) if counted.is_some() => (QuantityKind::Count, if vague { "vague_count" } else { "count" }),
            (None, None) if measure_unit.is_some() => (QuantityKind::Other, "measure"),
            _ => {
                i += 1;
                continue;
            }
        };
        if qkind == QuantityKind::Other {
            unit = measure_unit;
        }
        // Spelled-out numbers without a counted phrase or cue are too ambiguous ("one of").
        if t.kind == TokenKind::Word && counted.is_none() && cas.is_none() && kind.is_none() {
            i += 1;
            continue;
        }
        let last = end.max(num + 1).min(toks.len());
        let span = Span::new(toks[mstart].span.start, toks[last - 1].span.end);
        let actor = counted.and_then(|c| actor_in(ctx, c));
        let counted = if matches!(qkind, QuantityKind::Money | QuantityKind::Percent | QuantityKind::Other) { None } else { counted };
        out.push(Quantity {
            span,
            value,
            kind: qkind,
            counted,
            unit,
            approx,
            actor,
            origin: Origin::new("quantities", rule),
        });
        i = last.max(i + 1);
    }
}

/// Verbs that often follow a counted noun and do not end in -ed/-ing.
fn common_verb(w: &str) -> bool {
    matches!(
        w,
        "left" | "went" | "came" | "took" | "met" | "gave" | "made" | "began" | "won" | "fought" | "ran" | "stood"
            | "sat" | "kept" | "sent" | "spent" | "brought" | "told" | "became" | "fell" | "rose" | "led" | "saw"
            | "knew" | "thought" | "felt" | "found" | "set" | "put" | "cut" | "hit" | "struck" | "broke" | "spoke"
            | "wrote" | "chose" | "drove" | "flew" | "grew" | "threw" | "wore" | "paid" | "sold" | "built" | "lay"
            | "gather" | "march" | "live" | "work" | "face" | "need" | "want" | "return" | "arrive" | "continue"
            | "take" | "make" | "come" | "go" | "stay" | "attend" | "vote" | "voted" | "joined" | "join" | "fled"
            | "flee" | "protest" | "demand" | "wait" | "lack" | "hold" | "serve" | "own" | "use" | "receive"
    )
}

/// `value * f`, rounded to whole units for large scales (1.1 * 1e6 is not 1100000.0000000002).
fn scaled(value: f64, f: f64) -> f64 {
    let v = value * f;
    if f >= 1000.0 {
        v.round()
    } else {
        v
    }
}

/// Roman numerals in tables ("IV", "XII").
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
}

fn vague_value(w: &str) -> Option<f64> {
    Some(match w {
        "dozens" => 24.0,
        "scores" => 40.0,
        "hundreds" => 200.0,
        "thousands" => 2000.0,
        "tens" => 20.0,
        "millions" => 2e6,
        "billions" => 2e9,
        _ => return None,
    })
}

/// The longest mention inside (or else overlapping) the counted phrase.
fn actor_in(ctx: &Ctx, counted: Span) -> Option<MentionId> {
    let lo = ctx.mentions.partition_point(|(s, _)| s.end <= counted.start.saturating_sub(200));
    let mut best: Option<(bool, usize, u32)> = None;
    for &(s, id) in &ctx.mentions[lo..] {
        if s.start >= counted.end {
            break;
        }
        if !s.overlaps(counted) {
            continue;
        }
        let key = (counted.contains(s), s.len(), id);
        if best.map_or(true, |b| (key.0, key.1) > (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|b| MentionId(b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use griot_text::{split_sentences, tokenize, Article, Mention, MentionKind, Precision, TimeAnchor, TimeExpr, TimeType};

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(Article::from_text("t", text));
        d.sentences = split_sentences(d.text());
        d.tokens = d.sentences.iter().flat_map(|s| tokenize(d.text(), s.span)).collect();
        d
    }

    /// Expected: (span text, value, kind, counted text, approx).
    type Exp<'a> = (&'a str, f64, QuantityKind, Option<&'a str>, Option<&'a str>);

    fn check_doc(d: &Doc, expected: &[Exp]) {
        let found = find_quantities(d);
        let got: Vec<Exp> = found
            .iter()
            .map(|q| (d.slice(q.span), q.value, q.kind, q.counted.map(|c| d.slice(c)), q.approx.as_deref()))
            .collect();
        assert_eq!(got, expected, "text: {:?}", d.text());
    }

    fn check(text: &str, expected: &[Exp]) {
        check_doc(&doc(text), expected)
    }

    use QuantityKind::*;

    #[test]
    fn counts_and_approximations() {
        check("Approximately 650 US personnel are believed to be stationed in Niger.", &[("Approximately 650", 650.0, Count, Some("US personnel"), Some("Approximately"))]);
        check("Some 1,100 troops left.", &[("Some 1,100", 1100.0, Count, Some("troops"), Some("Some"))]);
        check("About 1.5 million people fled.", &[("About 1.5 million", 1.5e6, Displaced, Some("people"), Some("About"))]);
        check("The three soldiers returned.", &[("three", 3.0, Count, Some("soldiers"), None)]);
        check("Two dozen protesters gathered.", &[("Two dozen", 24.0, Count, Some("protesters"), None)]);
        check("A dozen officers resigned.", &[("A dozen", 12.0, Count, Some("officers"), None)]);
        check("Hundreds of protesters marched.", &[("Hundreds", 200.0, Count, Some("protesters"), Some("Hundreds"))]);
        check("Tens of thousands of people marched.", &[("Tens of thousands", 20000.0, Count, Some("people"), Some("Tens of thousands"))]);
        check("More than 300 students and 20 teachers went.", &[("More than 300", 300.0, Count, Some("students"), Some("More than")), ("20", 20.0, Count, Some("teachers"), None)]);
        check("It sent as many as 5,000 troops.", &[("as many as 5,000", 5000.0, Count, Some("troops"), Some("as many as"))]);
        check("Fewer than 40 delegates came.", &[("Fewer than 40", 40.0, Count, Some("delegates"), Some("Fewer than"))]);
        check("Up to twenty-five ships sailed.", &[("Up to twenty-five", 25.0, Count, Some("ships"), Some("Up to"))]);
        check("Nearly 90 armed men attacked.", &[("Nearly 90", 90.0, Count, Some("armed men"), Some("Nearly"))]);
        check("An estimated 2,000 refugees arrived.", &[("An estimated 2,000", 2000.0, Displaced, Some("refugees"), Some("An estimated"))]);
    }

    #[test]
    fn casualties() {
        check("At least 12 soldiers were killed.", &[("At least 12", 12.0, Killed, Some("soldiers"), Some("at least").map(|_| "At least"))]);
        check("Gunmen killed at least 12 soldiers.", &[("at least 12", 12.0, Killed, Some("soldiers"), Some("at least"))]);
        check("There were 12 soldiers killed on Monday.", &[("12", 12.0, Killed, Some("soldiers"), None)]);
        check("12 people were killed.", &[("12", 12.0, Killed, Some("people"), None)]);
        check("The blast left 7 dead and 30 injured.", &[("7", 7.0, Killed, None, None), ("30", 30.0, Injured, None, None)]);
        check("Police arrested 40 protesters.", &[("40", 40.0, Arrested, Some("protesters"), None)]);
        check("Five journalists were detained.", &[("Five", 5.0, Arrested, Some("journalists"), None)]);
        check("The attack wounded 30 civilians.", &[("30", 30.0, Injured, Some("civilians"), None)]);
        check("Some 3,000 villagers fled the fighting.", &[("Some 3,000", 3000.0, Displaced, Some("villagers"), Some("Some"))]);
        check("The death toll rose to 45.", &[("45", 45.0, Killed, None, None)]);
        check("Bombers struck, killing 9.", &[("9", 9.0, Killed, None, None)]);
        check("Dozens were killed.", &[("Dozens", 24.0, Killed, None, Some("Dozens"))]);
    }

    #[test]
    fn money_and_percent() {
        check("It pledged $100 million in aid.", &[("$100 million", 1e8, Money, None, None)]);
        check("It pledged 100 million dollars.", &[("100 million dollars", 1e8, Money, None, None)]);
        check("The EU gave €5bn last year.", &[("€5bn", 5e9, Money, None, None)]);
        check("It cost US$5m.", &[("US$5m", 5e6, Money, None, None)]);
        check("Profit was 1.5 mln dlrs.", &[("1.5 mln dlrs", 1.5e6, Money, None, None)]);
        check("It paid 20 Canadian dollars.", &[("20 Canadian dollars", 20.0, Money, None, None)]);
        check("Aid of nearly £2 billion was promised.", &[("nearly £2 billion", 2e9, Money, None, Some("nearly"))]);
        check("Turnout was 10 percent.", &[("10 percent", 10.0, Percent, None, None)]);
        check("Turnout was 10%.", &[("10%", 10.0, Percent, None, None)]);
        check("Output rose 5.5 pct.", &[("5.5 pct", 5.5, Percent, None, None)]);
        check("It fell 3 per cent.", &[("3 per cent", 3.0, Percent, None, None)]);
        check("It fell by 2 percentage points.", &[("2 percentage points", 2.0, Percent, None, None)]);
        check("The march covered 30 km.", &[("30", 30.0, Other, None, None)]);
    }

    #[test]
    fn not_quantities() {
        check("The base opened in 2016 for surveillance.", &[]);
        check("In 2016 protesters took the streets.", &[]);
        check("The program of 2016 failed.", &[]);
        check("He lives at No. 10 Downing Street.", &[]);
        check("They invoked Resolution 2231 yesterday.", &[]);
        check("Flight 17 was shot down.", &[]);
        check("The meeting began at 10:30 on the day.", &[]);
        check("The score was 3-1 overall.", &[]);
        check("He was jailed for 3 years.", &[]);
        check("One of the men spoke.", &[]);
        check("He won 52 votes to 48.", &[("52", 52.0, Count, Some("votes"), None)]);
        check("It has a 30m wall.", &[]);
        check("It was the 17th attack.", &[]);
        check("It was a 1992 rematch.", &[]);
        check("Shr 34 cts vs 1.19 dlrs.", &[("34 cts", 0.34, Money, None, None), ("1.19 dlrs", 1.19, Money, None, None)]);
        check("Net 807,000 vs 1,200,000.", &[]);
        check("Profit was 67.1 mln dlrs.", &[("67.1 mln dlrs", 67_100_000.0, Money, None, None)]);
    }

    #[test]
    fn skips_times_and_finds_actor() {
        let mut d = doc("On March 16 some 650 US personnel left.");
        let text = d.text().to_string();
        let t = text.find("March 16").unwrap_or(0);
        d.times.push(TimeExpr {
            span: Span::new(t, t + 8),
            kind: TimeType::Date,
            value: "2024-03-16".into(),
            precision: Precision::Day,
            anchor: TimeAnchor::Absolute,
            origin: Origin::new("t", "t"),
        });
        let us = text.find("US personnel").unwrap_or(0);
        let m = |s: usize, e: usize, kind| Mention {
            span: Span::new(s, e),
            kind,
            name: String::new(),
            country: Some("USA".into()),
            sector: None,
            title: None,
            role: None,
            place: None,
            antecedent: None,
            guessed: false,
            origin: Origin::new("t", "t"),
        };
        d.mentions.push(m(us, us + 2, MentionKind::Country));
        d.mentions.push(m(us, us + 12, MentionKind::Nominal));
        check_doc(&d, &[("some 650", 650.0, Count, Some("US personnel"), Some("some"))]);
        assert_eq!(find_quantities(&d)[0].actor, Some(MentionId(1)));
    }

    #[test]
    fn seed_article() {
        let d = doc(include_str!("../../../examples/niger-us-pact.txt"));
        let q = find_quantities(&d);
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!((q[0].value, q[0].kind, q[0].approx.as_deref()), (650.0, Count, Some("Approximately")));
    }

    #[test]
    fn works_without_tokens_and_never_panics() {
        let mut d = Doc::new(Article::from_text("t", "Hundreds of thousands of people fled. $ € 5 m of"));
        let q = find_quantities(&d);
        assert_eq!(q[0].value, 200000.0);
        for text in ["$", "5", "a dozen", "hundreds of", "tens of thousands of", "US$", "5 per", "at least", "1,000,000,000,000,000,000,000,000,000,000,000,000,000 people"] {
            d = doc(text);
            let _ = find_quantities(&d);
        }
    }
}
