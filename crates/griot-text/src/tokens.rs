//! Tokenisation of news text.
//!
//! Owns [`tokenize`] (and [`tokenize_into`], which appends to a caller's buffer): words,
//! numbers, punctuation, quotation marks and symbols as byte spans. It does not split
//! sentences (see [`crate::sentences`]) and does not normalise or lower-case anything.
//!
//! ```
//! use griot_text::{tokenize, Span};
//! let text = "Niger’s junta won't pay $1,100.";
//! let toks: Vec<&str> = tokenize(text, Span::new(0, text.len())).iter().map(|t| t.span.text(text)).collect();
//! assert_eq!(toks, ["Niger", "’s", "junta", "wo", "n't", "pay", "$", "1,100", "."]);
//! ```
//!
//! Rules:
//! - Words are runs of letters, digits and combining marks, joined by inner hyphens
//!   ("military-backed", "COVID-19", "19-year-old") and inner apostrophes ("O'Brien",
//!   "d'Ivoire"). Clitics are split off as words: "Niger’s" -> "Niger" "’s"; "don't" -> "do"
//!   "n't"; also "'re", "'ve", "'ll", "'d", "'m".
//! - Abbreviations keep their period: titles and known abbreviations ("Col.", "Inc."),
//!   initials ("F.") and initialisms ("U.S.", "J.R.R.", "e.g.").
//! - Numbers: ASCII digits with thousands commas and a decimal point ("1,100", "3.5").
//!   A letter suffix is split off ("5bn" -> "5" "bn") except ordinals and decades
//!   ("17th", "1990s"), which stay one word. "10%" -> "10" "%".
//! - Quotes: `"` `“` `”` `‘` `’` `'` `«` `»` `„` `‹` `›` `` ` `` as [`TokenKind::Quote`];
//!   an apostrophe right after an "s" and before a space and a letter is a possessive
//!   ([`TokenKind::Punct`]).
//! - Runs of periods ("...") and of dashes ("--") are one token.
//! - Symbols: currency signs, `%`, `&`, `@`, `#`, `+`, `=`, `<`, `>`, `/`, `|`, ... .
//!
//! Tokens are sorted, do not overlap and lie on char boundaries.
//!
//! Known misses: an apostrophe closing a single-quoted phrase that ends in "s" before a
//! word is taken for a possessive; "U.S." at a sentence end keeps the final period.

use crate::abbrev;
use crate::{Span, Token, TokenKind};

/// Tokenise `text` within `span`. A span outside `text` or off char boundaries is
/// narrowed to the nearest valid one instead of panicking.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_into(text, span, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` (lets a caller reuse one buffer).
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len());
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            let c = b as char;
            if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' || b == 0x0c || b == 0x0b {
                i += 1;
            } else if c.is_ascii_digit() {
                i = scan_number(text, i, end, out);
            } else if c.is_ascii_alphabetic() {
                i = scan_word(text, i, end, out);
            } else {
                i = scan_other(text, i, end, c, out);
            }
        } else {
            let Some(c) = text[i..end].chars().next() else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
            } else if is_word_char(c) {
                i = scan_word(text, i, end, out);
            } else {
                i = scan_other(text, i, end, c, out);
            }
        }
    }
}

fn push(out: &mut Vec<Token>, s: usize, e: usize, kind: TokenKind) {
    if s < e {
        out.push(Token { span: Span::new(s, e), kind });
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (diacritics written as separate code points).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x00AD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‟' | '‹' | '›' | '`' | '‚' | '‛')
}

fn is_symbol(c: char) -> bool {
    matches!(c, '$' | '%' | '&' | '@' | '#' | '+' | '=' | '<' | '>' | '/' | '\\' | '|' | '~' | '^' | '*'
        | '€' | '£' | '¥' | '¢' | '₹' | '₦' | '₽' | '₩' | '₺' | '₴' | '₱' | '₪' | '฿' | '°' | '§' | '©'
        | '®' | '™' | '‰' | '×' | '÷' | '±' | '¤')
        || matches!(c as u32, 0x20A0..=0x20CF | 0x2190..=0x2BFF | 0x1F000..=0x1FAFF)
}

#[inline]
fn char_at(text: &str, i: usize, end: usize) -> Option<char> {
    text.get(i..end).and_then(|s| s.chars().next())
}

/// Letters only (no digits) from `i`: the end of the run.
fn letters_end(text: &str, mut i: usize, end: usize) -> usize {
    while let Some(c) = char_at(text, i, end) {
        if c.is_alphabetic() || is_mark(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Word characters from `i`: the end of the run.
fn word_chars_end(text: &str, mut i: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        } else {
            match char_at(text, i, end) {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Scan a word starting at `s` (a letter, or continuing after a number), push it (and a
/// split-off clitic) and return the position after it.
fn scan_word(text: &str, s: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let mut j = word_chars_end(text, s, end);
    loop {
        let Some(c) = char_at(text, j, end) else { break };
        if c == '-' || c == '\u{2011}' {
            // Inner hyphen: "military-backed", "COVID-19".
            let after = j + c.len_utf8();
            match char_at(text, after, end) {
                Some(n) if is_word_char(n) => {
                    j = word_chars_end(text, after, end);
                    continue;
                }
                _ => break,
            }
        } else if is_apostrophe(c) {
            let after = j + c.len_utf8();
            let Some(n) = char_at(text, after, end) else { break };
            if !n.is_alphabetic() {
                break;
            }
            let rest_end = letters_end(text, after, end);
            let rest_followed_by_word = char_at(text, rest_end, end).is_some_and(is_word_char);
            let rest = &text[after..rest_end];
            if !rest_followed_by_word {
                if rest.eq_ignore_ascii_case("t") && j - s >= 2 && matches!(bytes[j - 1], b'n' | b'N') {
                    // "don't" -> "do" "n't"
                    push(out, s, j - 1, TokenKind::Word);
                    push(out, j - 1, rest_end, TokenKind::Word);
                    return rest_end;
                }
                if is_clitic(rest) {
                    push(out, s, j, TokenKind::Word);
                    push(out, j, rest_end, TokenKind::Word);
                    return rest_end;
                }
            }
            // "O'Brien", "d'Ivoire"
            j = word_chars_end(text, after, end);
            continue;
        } else if c == '.' {
            let word = &text[s..j];
            let after = j + 1;
            let next = char_at(text, after, end);
            // Initialisms: "U.S.", "J.R.R.", "e.g.", "Ph.D."
            if next.is_some_and(char::is_alphabetic) && word.chars().count() <= 3 && word.chars().all(char::is_alphabetic) {
                let mut k = after;
                let mut groups = 1;
                loop {
                    let g_end = letters_end(text, k, end);
                    let n = text[k..g_end].chars().count();
                    if n == 0 || n > 3 || char_at(text, g_end, end).is_some_and(|c| c.is_ascii_digit()) {
                        break;
                    }
                    groups += 1;
                    k = g_end;
                    if char_at(text, k, end) == Some('.') {
                        k += 1;
                        if !char_at(text, k, end).is_some_and(char::is_alphabetic) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                if groups >= 2 {
                    j = k;
                    // "U.S.-backed"
                    if char_at(text, j, end) == Some('-') && char_at(text, j + 1, end).is_some_and(is_word_char) {
                        j = word_chars_end(text, j + 1, end);
                        continue;
                    }
                    break;
                }
            }
            if abbrev::is_title(word) || abbrev::is_abbreviation(word) || is_initial_upper(word) {
                // Keep the period unless it starts an ellipsis.
                if next != Some('.') {
                    j = after;
                }
            }
            break;
        } else {
            break;
        }
    }
    push(out, s, j, TokenKind::Word);
    j
}

fn is_initial_upper(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn is_clitic(rest: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| rest.eq_ignore_ascii_case(c))
}

/// Scan a number starting at an ASCII digit.
fn scan_number(text: &str, s: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let digit = |k: usize| k < end && bytes[k].is_ascii_digit();
    let mut j = s;
    while digit(j) {
        j += 1;
    }
    loop {
        if j < end && bytes[j] == b',' && digit(j + 1) && digit(j + 2) && digit(j + 3) && !digit(j + 4) {
            j += 4;
        } else if j < end && bytes[j] == b'.' && digit(j + 1) {
            j += 1;
            while digit(j) {
                j += 1;
            }
        } else {
            break;
        }
    }
    match char_at(text, j, end) {
        Some(c) if is_word_char(c) => {
            let l_end = letters_end(text, j, end);
            let suffix = &text[j..l_end];
            let followed = char_at(text, l_end, end);
            let ends_word = !followed.is_some_and(is_word_char) && followed != Some('-');
            if ends_word && ["st", "nd", "rd", "th", "s"].iter().any(|x| suffix.eq_ignore_ascii_case(x)) {
                push(out, s, l_end, TokenKind::Word);
                return l_end;
            }
            push(out, s, j, TokenKind::Number);
            j
        }
        Some('-') if char_at(text, j + 1, end).is_some_and(char::is_alphabetic) => {
            // "19-year-old", "10-day"
            scan_word(text, s, end, out)
        }
        _ => {
            push(out, s, j, TokenKind::Number);
            j
        }
    }
}

/// Punctuation, quotes and symbols.
fn scan_other(text: &str, s: usize, end: usize, c: char, out: &mut Vec<Token>) -> usize {
    let len = c.len_utf8();
    if c == '.' && char_at(text, s + 1, end).is_some_and(|d| d.is_ascii_digit()) && !text[..s].chars().next_back().is_some_and(char::is_alphanumeric) {
        // ".125": a decimal without its leading zero.
        let n = out.len();
        let e = scan_number(text, s + 1, end, out);
        if let Some(t) = out.get_mut(n) {
            if t.span.start == s + 1 && t.kind == TokenKind::Number {
                t.span.start = s;
            }
        }
        return e;
    }
    if c == '.' || c == '-' || c == '—' || c == '–' {
        // Runs: "...", "--"
        let mut j = s + len;
        while char_at(text, j, end) == Some(c) {
            j += len;
        }
        push(out, s, j, TokenKind::Punct);
        return j;
    }
    if is_quote(c) {
        let kind = if is_apostrophe(c) && is_possessive(text, s, end, len) { TokenKind::Punct } else { TokenKind::Quote };
        push(out, s, s + len, kind);
        return s + len;
    }
    let kind = if is_symbol(c) { TokenKind::Symbol } else { TokenKind::Punct };
    push(out, s, s + len, kind);
    s + len
}

/// "soldiers’ families": an apostrophe right after "s", then a space and a letter.
fn is_possessive(text: &str, s: usize, end: usize, len: usize) -> bool {
    if s == 0 || !matches!(text.as_bytes()[s - 1], b's' | b'S') {
        return false;
    }
    let rest = text.get(s + len..end).unwrap_or("");
    let mut cs = rest.chars();
    matches!(cs.next(), Some(' ')) && cs.next().is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let toks = tokenize(input, Span::new(0, input.len()));
        let got: Vec<&str> = toks.iter().map(|t| t.span.text(input)).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    fn kinds(input: &str) -> Vec<TokenKind> {
        tokenize(input, Span::new(0, input.len())).iter().map(|t| t.kind).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Niger’s junta", &["Niger", "’s", "junta"]),
            ("Niger's junta", &["Niger", "'s", "junta"]),
            ("don't", &["do", "n't"]),
            ("won’t can't", &["wo", "n’t", "ca", "n't"]),
            ("they're we've I'll he'd I'm", &["they", "'re", "we", "'ve", "I", "'ll", "he", "'d", "I", "'m"]),
            ("O'Brien and Côte d'Ivoire", &["O'Brien", "and", "Côte", "d'Ivoire"]),
            ("military-backed", &["military-backed"]),
            ("COVID-19 F-16", &["COVID-19", "F-16"]),
            ("a 19-year-old man", &["a", "19-year-old", "man"]),
            ("1,100 troops", &["1,100", "troops"]),
            ("3.5 percent", &["3.5", "percent"]),
            ("1,000,000.50", &["1,000,000.50"]),
            ("in 2024,", &["in", "2024", ","]),
            ("10%", &["10", "%"]),
            ("$1.2 billion", &["$", "1.2", "billion"]),
            ("€5bn", &["€", "5", "bn"]),
            ("US$5m", &["US", "$", "5", "m"]),
            ("the 17th and 1990s", &["the", "17th", "and", "1990s"]),
            ("10-15", &["10", "-", "15"]),
            ("Col. Abdramane", &["Col.", "Abdramane"]),
            ("the U.S. and U.N.", &["the", "U.S.", "and", "U.N."]),
            ("U.S.-backed forces", &["U.S.-backed", "forces"]),
            ("J.R.R. Tolkien", &["J.R.R.", "Tolkien"]),
            ("John F. Kennedy", &["John", "F.", "Kennedy"]),
            ("e.g. this", &["e.g.", "this"]),
            ("Acme Inc. said", &["Acme", "Inc.", "said"]),
            ("He left.", &["He", "left", "."]),
            ("Wait...", &["Wait", "..."]),
            ("Wait…", &["Wait", "…"]),
            ("yes -- no", &["yes", "--", "no"]),
            ("“We will,” he said.", &["“", "We", "will", ",", "”", "he", "said", "."]),
            ("\"No\"", &["\"", "No", "\""]),
            ("‘illegal’", &["‘", "illegal", "’"]),
            ("the soldiers’ families", &["the", "soldiers", "’", "families"]),
            ("(AP) —", &["(", "AP", ")", "—"]),
            ("Sahel—region", &["Sahel", "—", "region"]),
            ("A&B @x #y", &["A", "&", "B", "@", "x", "#", "y"]),
            ("naïve café", &["naïve", "café"]),
            ("Ouagadougou\u{a0}city", &["Ouagadougou", "city"]),
            ("10:30", &["10", ":", "30"]),
            ("example.com", &["example", ".", "com"]),
            ("No. 10", &["No.", "10"]),
            ("at .125 dlrs", &["at", ".125", "dlrs"]),
            ("Iran\u{ad}ian", &["Iran\u{ad}ian"]),
            ("إيران", &["إيران"]),
            ("Mr.", &["Mr."]),
            ("end.”", &["end", ".", "”"]),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn token_kinds() {
        use TokenKind::*;
        assert_eq!(kinds("“Niger’s 10% $5”"), [Quote, Word, Word, Number, Symbol, Symbol, Number, Quote]);
        assert_eq!(kinds("Col. 3.5, 17th"), [Word, Number, Punct, Word]);
    }

    #[test]
    fn sub_spans_and_bad_spans() {
        let text = "Niger’s junta. He left.";
        let toks = tokenize(text, Span::new(text.find("He").unwrap_or(0), text.len()));
        let got: Vec<&str> = toks.iter().map(|t| t.span.text(text)).collect();
        assert_eq!(got, ["He", "left", "."]);
        // Off char boundaries and out of range: narrowed, never a panic.
        let toks = tokenize(text, Span::new(6, 1000));
        assert_eq!(toks.first().map(|t| t.span.text(text)), Some("s"));
    }

    #[test]
    fn sorted_non_overlapping_on_boundaries() {
        let inputs = ["“Ça?” — Él’s 3.5’s U.S.’s n't 'tis ’90s ‘‘ –– ...… a.b.c.d 1,00,000 $€£", "x'", "'", "n't", "5-", "A.-B"];
        for text in inputs {
            let toks = tokenize(text, Span::new(0, text.len()));
            for w in toks.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{text:?}");
            }
            for t in &toks {
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                assert!(!t.span.is_empty());
                assert!(!t.span.text(text).contains(char::is_whitespace));
            }
        }
    }
}
