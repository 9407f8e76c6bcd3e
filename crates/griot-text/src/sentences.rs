//! Sentence splitting for news text.
//!
//! Owns [`split_sentences`]: byte spans of sentences, trimmed of whitespace, with their
//! [`SentenceKind`]. It does not tokenise (see [`crate::tokens`]) and never rewrites text.
//!
//! ```
//! use griot_text::split_sentences;
//! let text = "Col. Abdramane spoke in the U.S. The talks ended.";
//! let s: Vec<&str> = split_sentences(text).iter().map(|s| s.span.text(text)).collect();
//! assert_eq!(s, ["Col. Abdramane spoke in the U.S.", "The talks ended."]);
//! ```
//!
//! How it works, in two passes:
//!
//! 1. Lines are grouped into blocks. A blank line ends a block unless the paragraph is
//!    broken (no final punctuation before it and a lower-case word or `.`/`,` after it, as
//!    left where a link or picture was removed from a page). A single line
//!    break ends it too (headlines, list items, one paragraph per line) unless the line
//!    clearly continues: the next line starts in lower case, the line ends with a comma,
//!    semicolon, opening bracket, dash (a dateline such as `NIAMEY, March 16 (Reuters) -`),
//!    a title ("Col.") or a function word ("the", "of", "with"), or the next line starts with
//!    a digit after a line ending in a lower-case letter (hard-wrapped text).
//! 2. Inside a block a sentence ends after `.`, `!`, `?`, `…` or a run of them (`?!`,
//!    `...`), plus any closing quotes and brackets (`.”` stays with its sentence), when
//!    whitespace follows and the next word does not start in lower case. After a title
//!    ("Col.", "Mr.") it never ends; after another abbreviation, an initial or an
//!    initialism ("Inc.", "F.", "U.S.") it ends only before a common sentence starter
//!    ("The", "He", ...); before a digit it ends only after a plain word.
//!
//! A run longer than [`MAX_SENTENCE_BYTES`] without a sentence end is cut after a comma,
//! semicolon or colon (else at a space) into pieces no longer than that, so that the work of
//! the later stages is bounded per sentence.
//!
//! Kinds: [`SentenceKind::ListItem`] for the first sentence of a block starting with `-`,
//! `*`, `•` or `1.`/`1)`/`a)`; [`SentenceKind::Headline`] for a block that is one short
//! sentence without final punctuation, at the start of the text or followed by a blank line.
//!
//! Known misses: a title at a true sentence end; an abbreviation followed by a capitalised
//! word that is not in the starter list ("... in the U.S. Officials" splits, "... in the
//! U.S. Congress" does not, "... Co. Shares rose" does not); a quoted sentence ended by
//! `!`/`?` and followed by a capitalised name ("“Go!” Smith said" splits).

use crate::abbrev;
use crate::{Sentence, SentenceKind, Span};

/// Split `text` into sentences. Every sentence span is trimmed of surrounding whitespace
/// and lies on char boundaries; spans are sorted and do not overlap.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut block: Option<Block> = None;
    let mut first_block = true;
    let mut prev_blank = false;
    for (ls, le) in Lines::new(text) {
        let (cs, ce) = trim(text, ls, le);
        if cs == ce {
            prev_blank = true;
            continue;
        }
        let marker = list_marker(text, cs, ce);
        match &mut block {
            Some(b)
                if marker.is_none()
                    && (if prev_blank {
                        continues_after_blank(text, b.last_line, (cs, ce))
                    } else {
                        continues(text, b.last_line, (cs, ce))
                    }) =>
            {
                b.end = ce;
                b.last_line = (cs, ce);
                b.lines += 1;
            }
            _ => {
                if let Some(b) = block.take() {
                    emit_block(text, &b, prev_blank, first_block, &mut out);
                    first_block = false;
                }
                block = Some(Block { start: cs, end: ce, marker, last_line: (cs, ce), lines: 1 });
            }
        }
        prev_blank = false;
    }
    if let Some(b) = block.take() {
        emit_block(text, &b, false, first_block, &mut out);
    }
    out
}

/// Consecutive lines that form one run of text.
struct Block {
    start: usize,
    end: usize,
    /// End of the list marker ("- ", "1. ") when the block starts with one.
    marker: Option<usize>,
    last_line: (usize, usize),
    lines: usize,
}

/// Iterator over `(start, end)` of lines, without the line break.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { bytes: text.as_bytes(), pos: 0 }
    }
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while i < self.bytes.len() && self.bytes[i] != b'\n' {
            i += 1;
        }
        self.pos = i + 1;
        Some((start, i))
    }
}

/// Trim whitespace (including NBSP and other Unicode spaces) from `text[s..e]`.
fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let slice = text.get(s..e).unwrap_or("");
    let t = slice.trim_start();
    let start = s + (slice.len() - t.len());
    let t = t.trim_end();
    (start, start + t.len())
}

/// The end of a list marker at the start of the line, if any: `- `, `* `, `• `, `1. `,
/// `12) `, `a) `.
fn list_marker(text: &str, s: usize, e: usize) -> Option<usize> {
    let line = text.get(s..e)?;
    let mut chars = line.char_indices();
    let (_, c0) = chars.next()?;
    let after = |i: usize| -> Option<usize> {
        let rest = &line[i..];
        let ws = rest.chars().next()?;
        if ws.is_whitespace() {
            Some(s + i + ws.len_utf8())
        } else {
            None
        }
    };
    match c0 {
        '-' | '*' | '•' | '·' | '–' | '—' | '▪' | '‣' | '◦' => after(c0.len_utf8()),
        '0'..='9' => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 {
                return None;
            }
            match line.as_bytes().get(digits) {
                Some(b'.') | Some(b')') => after(digits + 1),
                _ => None,
            }
        }
        'a'..='z' | 'A'..='Z' if line.as_bytes().get(1) == Some(&b')') => after(2),
        _ => None,
    }
}

/// Does the line `next` continue the sentence of line `prev` (hard-wrapped text,
/// datelines)?
fn continues(text: &str, prev: (usize, usize), next: (usize, usize)) -> bool {
    let p = text.get(prev.0..prev.1).unwrap_or("");
    let n = text.get(next.0..next.1).unwrap_or("");
    let Some(first) = n.chars().next() else { return false };
    if first.is_lowercase() {
        return true;
    }
    let Some(last) = p.chars().next_back() else { return false };
    match last {
        ',' | ';' | '(' | '[' | '-' | '–' | '—' | '“' | '‘' => return true,
        _ => {}
    }
    let last_word = p.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if let Some(w) = last_word.strip_suffix('.') {
        if abbrev::is_title(w) || abbrev::is_initial(w) {
            return true;
        }
    }
    if last.is_lowercase() && first.is_ascii_digit() {
        return true;
    }
    is_connective(last_word)
}

/// Across a blank line only a broken paragraph continues: the line before has no final
/// punctuation and the next starts in lower case or with `.`, `,`, `;`, `:` (text where a
/// link or picture was removed).
fn continues_after_blank(text: &str, prev: (usize, usize), next: (usize, usize)) -> bool {
    let p = text.get(prev.0..prev.1).unwrap_or("");
    let n = text.get(next.0..next.1).unwrap_or("");
    let last = p.trim_end_matches(is_closer).chars().next_back();
    if matches!(last, Some('.' | '!' | '?' | '…' | ':')) || last.is_none() {
        return false;
    }
    matches!(n.chars().next(), Some(c) if c.is_lowercase() || matches!(c, '.' | ',' | ';' | ':'))
}

/// Lower-case words that cannot end a sentence.
fn is_connective(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "to" | "and" | "or" | "in" | "for" | "with" | "by" | "on" | "at"
            | "from" | "that" | "its" | "his" | "her" | "their" | "our" | "which" | "who" | "as"
            | "but" | "than" | "into" | "between" | "against" | "said" | "says" | "is" | "was"
            | "are" | "were" | "has" | "have" | "had" | "will" | "would" | "be" | "been"
    )
}

fn emit_block(text: &str, b: &Block, followed_by_blank: bool, first_block: bool, out: &mut Vec<Sentence>) {
    let first_index = out.len();
    let scan_from = b.marker.unwrap_or(b.start);
    split_block(text, b.start, scan_from, b.end, out);
    let count = out.len() - first_index;
    if count == 0 {
        return;
    }
    if b.marker.is_some() {
        out[first_index].kind = SentenceKind::ListItem;
    } else if count == 1 && (followed_by_blank || first_block) && b.lines == 1 {
        let s = text.get(b.start..b.end).unwrap_or("");
        let last = s.trim_end_matches(is_closer).chars().next_back();
        let terminal = matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';' | ','));
        if !terminal && s.len() <= 200 && s.split_whitespace().count() <= 20 {
            out[first_index].kind = SentenceKind::Headline;
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '‹' | '„')
}

/// The longest sentence, in bytes. A longer run of text without a sentence end (a flattened
/// table, a hostile article of clauses joined by commas) is cut into pieces of at most this
/// size, so that the stages that look at a whole sentence for each of its words or triggers
/// (parsing, event coding) cost a bounded amount per sentence and the article stays linear.
/// News sentences are shorter: of the 262,317 sentences of the development news
/// (`../shared/data/news`), two are longer (2,763 bytes at most).
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Sentence>) {
    let (mut s, e) = trim(text, s, e);
    while e - s > MAX_SENTENCE_BYTES {
        let cut = cut_point(text, s, s + MAX_SENTENCE_BYTES);
        let (ps, pe) = trim(text, s, cut);
        if ps < pe {
            out.push(Sentence { span: Span::new(ps, pe), kind: SentenceKind::Body });
        }
        s = cut;
    }
    let (s, e) = trim(text, s, e);
    if s < e {
        out.push(Sentence { span: Span::new(s, e), kind: SentenceKind::Body });
    }
}

/// Where to cut an over-long sentence starting at `s` before `limit`: after the last `;`, `,`
/// or `:` followed by a space in the second half, else at the last space, else at the last
/// char boundary (one huge word).
fn cut_point(text: &str, s: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let half = s + (limit - s) / 2;
    let clause = (half..limit).rev().find(|&i| matches!(bytes[i - 1], b';' | b',' | b':') && bytes[i] == b' ');
    if let Some(i) = clause {
        return i;
    }
    if let Some(i) = (half..limit).rev().find(|&i| bytes[i].is_ascii_whitespace()) {
        return i;
    }
    (s + 1..=limit).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(limit)
}

/// Split the block `text[start..end]` into sentences; terminators before `scan_from`
/// (a list marker such as "1.") are ignored.
fn split_block(text: &str, start: usize, scan_from: usize, end: usize, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let mut cur = start;
    let mut i = scan_from;
    while i < end {
        let b = bytes[i];
        let is_term = b == b'.' || b == b'!' || b == b'?' || (b == 0xE2 && bytes[i..end].starts_with("…".as_bytes()));
        if !is_term {
            i += 1;
            continue;
        }
        // The run of terminators: ".", "?!", "...", "…".
        let run_start = i;
        let mut dots = 0usize;
        let mut other = false;
        let mut j = i;
        while j < end {
            match bytes[j] {
                b'.' => {
                    dots += 1;
                    j += 1
                }
                b'!' | b'?' => {
                    other = true;
                    j += 1
                }
                0xE2 if bytes[j..end].starts_with("…".as_bytes()) => {
                    other = true;
                    dots += 3;
                    j += 3
                }
                _ => break,
            }
        }
        let single_period = dots == 1 && !other;
        let ellipsis = dots >= 2 && !bytes[run_start..j].iter().any(|&c| c == b'!' || c == b'?');
        // Closing quotes and brackets stay with the sentence.
        while j < end {
            match text[j..end].chars().next() {
                Some(c) if is_closer(c) => j += c.len_utf8(),
                _ => break,
            }
        }
        i = j;
        if j >= end {
            break;
        }
        let Some(ws) = text[j..end].chars().next() else { break };
        if !ws.is_whitespace() {
            continue;
        }
        // The next word, past whitespace and opening quotes or brackets.
        let rest = &text[j..end];
        let k = j + (rest.len() - rest.trim_start().len());
        let Some(c) = text[k..end].chars().next() else { break };
        let mut w = k;
        let mut opened = false;
        while let Some(o) = text[w..end].chars().next() {
            if is_opener(o) {
                opened = true;
                w += o.len_utf8();
            } else {
                break;
            }
        }
        let Some(wc) = text[w..end].chars().next() else { break };
        if wc.is_lowercase() || matches!(c, ',' | ';' | ':' | '%' | ')' | ']') {
            continue;
        }
        let split = if single_period {
            let word = word_before(text, start, run_start);
            if word.is_empty() {
                true
            } else if abbrev::is_title(word) {
                false
            } else if abbrev::is_abbreviation_like(word) {
                if opened {
                    true
                } else if wc.is_uppercase() {
                    let next_word = leading_word(&text[w..end]);
                    abbrev::is_sentence_starter(next_word)
                } else {
                    false
                }
            } else {
                true
            }
        } else if ellipsis {
            wc.is_uppercase() || opened
        } else {
            true
        };
        if split {
            push(text, cur, j, out);
            cur = k;
        }
    }
    push(text, cur, end, out);
}

/// The word just before byte `pos` (a period), without leading quotes or brackets.
fn word_before(text: &str, block_start: usize, pos: usize) -> &str {
    let head = text.get(block_start..pos).unwrap_or("");
    let word = head.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    word.trim_start_matches(|c: char| is_opener(c) || c == '—' || c == '–' || c == '-')
}

/// The leading run of letters of `s`.
fn leading_word(s: &str) -> &str {
    let n = s.char_indices().find(|(_, c)| !c.is_alphabetic()).map(|(i, _)| i).unwrap_or(s.len());
    &s[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(input).iter().map(|s| s.span.text(input)).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    /// A hostile article of 1 MB with no sentence end: pieces of at most
    /// `MAX_SENTENCE_BYTES`, cut after a comma, covering every word; one huge word is cut on
    /// char boundaries.
    #[test]
    fn over_long_runs_are_cut_into_bounded_pieces() {
        let clause = "the junta revoked the pact with the United States on Saturday, ";
        let text = format!("{}and it ended.", clause.repeat(1 << 20 >> 6));
        let got = split_sentences(&text);
        assert!(got.len() > 500, "{}", got.len());
        assert!(got.iter().all(|s| s.span.end - s.span.start <= MAX_SENTENCE_BYTES));
        assert!(got[..got.len() - 1].iter().all(|s| s.span.text(&text).ends_with(',')), "cut after a comma");
        let words: usize = got.iter().map(|s| s.span.text(&text).split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count());
        let word = "é".repeat(3000);
        let got = split_sentences(&word);
        assert_eq!(got.len(), 3);
        assert_eq!(got.iter().map(|s| s.span.text(&word)).collect::<String>(), word);
        // an ordinary long sentence is left whole
        let long = format!("{}.", "word ".repeat(350).trim_end());
        check(&long, &[long.as_str()]);
    }

    fn kinds(input: &str) -> Vec<SentenceKind> {
        split_sentences(input).iter().map(|s| s.kind).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   \n\n  ", &[]),
            ("One sentence.", &["One sentence."]),
            ("  Padded sentence.  ", &["Padded sentence."]),
            ("First one. Second one.", &["First one.", "Second one."]),
            ("Is it? Yes! Fine.", &["Is it?", "Yes!", "Fine."]),
            ("Really?! He left.", &["Really?!", "He left."]),
            ("Col. Abdramane spoke. He left.", &["Col. Abdramane spoke.", "He left."]),
            ("Gen. Tiani and Lt. Col. Maiga met.", &["Gen. Tiani and Lt. Col. Maiga met."]),
            ("Mr. Smith and Mrs. Jones met Dr. Who.", &["Mr. Smith and Mrs. Jones met Dr. Who."]),
            ("Sen. Warren and Rep. Ocasio-Cortez spoke.", &["Sen. Warren and Rep. Ocasio-Cortez spoke."]),
            ("Gov. Newsom met Prof. Lee. They talked.", &["Gov. Newsom met Prof. Lee.", "They talked."]),
            ("He lives on St. Mark's Place.", &["He lives on St. Mark's Place."]),
            ("U.S. forces left. The base closed.", &["U.S. forces left.", "The base closed."]),
            ("Troops stayed in the U.S. The next day they left.", &["Troops stayed in the U.S.", "The next day they left."]),
            ("The U.S. Army left.", &["The U.S. Army left."]),
            ("The U.N. Security Council met.", &["The U.N. Security Council met."]),
            ("The U.K. and the E.U. agreed.", &["The U.K. and the E.U. agreed."]),
            ("He left the U.K. He returned later.", &["He left the U.K.", "He returned later."]),
            ("On Jan. 5 the talks began.", &["On Jan. 5 the talks began."]),
            ("On Feb. 12, 2024, troops arrived.", &["On Feb. 12, 2024, troops arrived."]),
            ("It happened in Sept. The next month was calm.", &["It happened in Sept.", "The next month was calm."]),
            ("Downing Street No. 10 issued it.", &["Downing Street No. 10 issued it."]),
            ("Smith vs. Jones was heard.", &["Smith vs. Jones was heard."]),
            ("Guns, ammunition, etc. were seized.", &["Guns, ammunition, etc. were seized."]),
            ("They seized guns, ammunition, etc. The raid ended.", &["They seized guns, ammunition, etc.", "The raid ended."]),
            ("Acme Inc. said profit rose.", &["Acme Inc. said profit rose."]),
            ("He works at Acme Corp. It is big.", &["He works at Acme Corp.", "It is big."]),
            ("Shell Co. Ltd. reported gains.", &["Shell Co. Ltd. reported gains."]),
            ("John F. Kennedy was shot.", &["John F. Kennedy was shot."]),
            ("J.R.R. Tolkien wrote it.", &["J.R.R. Tolkien wrote it."]),
            ("George W. Bush spoke. Laura Bush smiled.", &["George W. Bush spoke.", "Laura Bush smiled."]),
            ("Inflation hit 3.5 percent. Prices rose.", &["Inflation hit 3.5 percent.", "Prices rose."]),
            ("The deal is worth $1.2 billion. It closes soon.", &["The deal is worth $1.2 billion.", "It closes soon."]),
            ("Some 1,100 troops left. More followed.", &["Some 1,100 troops left.", "More followed."]),
            ("It began in 2016. 650 troops remain.", &["It began in 2016.", "650 troops remain."]),
            ("It rose 10%. Then it fell.", &["It rose 10%.", "Then it fell."]),
            ("\"We will leave.\" He said.", &["\"We will leave.\"", "He said."]),
            ("“We will leave.” He said.", &["“We will leave.”", "He said."]),
            ("“We will leave,” he said.", &["“We will leave,” he said."]),
            ("“Why?” he asked.", &["“Why?” he asked."]),
            ("“We will leave. We will not return,” he said.", &["“We will leave.", "We will not return,” he said."]),
            ("He said: “We will leave. We will not return.” Then he left.", &["He said: “We will leave.", "We will not return.”", "Then he left."]),
            ("‘It is over.’ She left.", &["‘It is over.’", "She left."]),
            ("He called it 'illegal.' The junta disagreed.", &["He called it 'illegal.'", "The junta disagreed."]),
            ("“The ‘so-called’ deal is dead.” He left.", &["“The ‘so-called’ deal is dead.”", "He left."]),
            ("Niger’s junta acted. It’s final.", &["Niger’s junta acted.", "It’s final."]),
            ("He don't care. We do.", &["He don't care.", "We do."]),
            ("He paused... Then he spoke.", &["He paused...", "Then he spoke."]),
            ("He paused... and then spoke.", &["He paused... and then spoke."]),
            ("He paused… Then he spoke.", &["He paused…", "Then he spoke."]),
            ("The troops (about 650 of them.) left. Others stayed.", &["The troops (about 650 of them.) left.", "Others stayed."]),
            ("He left (see below). They stayed.", &["He left (see below).", "They stayed."]),
            ("NIAMEY, March 16 (Reuters) - Niger's junta revoked a pact. It was signed in 2012.", &["NIAMEY, March 16 (Reuters) - Niger's junta revoked a pact.", "It was signed in 2012."]),
            ("WASHINGTON (AP) — The Senate voted. It passed.", &["WASHINGTON (AP) — The Senate voted.", "It passed."]),
            ("NIAMEY, March 16 (Reuters) -\nNiger's junta revoked a pact.", &["NIAMEY, March 16 (Reuters) -\nNiger's junta revoked a pact."]),
            ("WASHINGTON, Jan. 5 (Reuters) - Talks began.", &["WASHINGTON, Jan. 5 (Reuters) - Talks began."]),
            ("Niger revokes US pact\n\nThe junta acted.", &["Niger revokes US pact", "The junta acted."]),
            ("Niger revokes US pact\nThe junta acted.", &["Niger revokes US pact", "The junta acted."]),
            ("First paragraph ends here.\n\nSecond paragraph.", &["First paragraph ends here.", "Second paragraph."]),
            ("The last fortnight has left\n\nin a state of shock.", &["The last fortnight has left\n\nin a state of shock."]),
            ("He asked anyone who spots him to call Sergeant McDonald on\n\n.\n\nNext one.", &["He asked anyone who spots him to call Sergeant McDonald on\n\n.", "Next one."]),
            ("A title\n\nbody starts lower.", &["A title\n\nbody starts lower."]),
            ("Done.\n\nbut lower after a period.", &["Done.", "but lower after a period."]),
            ("A line without a period\nAnother line", &["A line without a period", "Another line"]),
            ("The junta said the\npact was void.", &["The junta said the\npact was void."]),
            ("The junta met with\nPresident Bazoum.", &["The junta met with\nPresident Bazoum."]),
            ("It has approximately\n650 troops there.", &["It has approximately\n650 troops there."]),
            ("Troops left,\nOfficials said.", &["Troops left,\nOfficials said."]),
            ("Points:\n- first point\n- second point", &["Points:", "- first point", "- second point"]),
            ("* one\n* two", &["* one", "* two"]),
            ("• Niger acts. It is final.\n• Mali follows", &["• Niger acts.", "It is final.", "• Mali follows"]),
            ("1. First item\n2. Second item", &["1. First item", "2. Second item"]),
            ("a) alpha\nb) beta", &["a) alpha", "b) beta"]),
            ("Line one.\r\nLine two.", &["Line one.", "Line two."]),
            ("He met Col.\nAbdramane.", &["He met Col.\nAbdramane."]),
            ("The e.g. case is fine.", &["The e.g. case is fine."]),
            ("It starts at 9 a.m. The meeting ends at noon.", &["It starts at 9 a.m.", "The meeting ends at noon."]),
            ("It starts at 9 a.m. on Monday.", &["It starts at 9 a.m. on Monday."]),
            ("Visit example.com. It is new.", &["Visit example.com.", "It is new."]),
            ("He left. “We are done,” he said.", &["He left.", "“We are done,” he said."]),
            ("He left. (The base closed.) Others stayed.", &["He left.", "(The base closed.)", "Others stayed."]),
            ("Stop! Stop!", &["Stop!", "Stop!"]),
            ("He was born in the U.S. in 1960.", &["He was born in the U.S. in 1960."]),
            ("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."]),
            ("Ça va. Él está aquí.", &["Ça va.", "Él está aquí."]),
            ("Niger\u{a0}acted.\u{a0}It left.", &["Niger\u{a0}acted.", "It left."]),
            ("End with abbreviation etc.", &["End with abbreviation etc."]),
            ("Plan A. He chose it.", &["Plan A.", "He chose it."]),
            ("...", &["..."]),
            (".", &["."]),
            ("“", &["“"]),
        ];
        assert!(cases.len() >= 60);
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn kinds_of_lines() {
        use SentenceKind::*;
        assert_eq!(kinds("Niger revokes US pact\n\nThe junta acted."), [Headline, Body]);
        assert_eq!(kinds("Niger revokes US pact\nThe junta acted."), [Headline, Body]);
        assert_eq!(kinds("The junta acted.\n\nReuter"), [Body, Body]);
        assert_eq!(kinds("Intro.\n\nA short title\n\nText."), [Body, Headline, Body]);
        assert_eq!(kinds("Intro.\nA line\nMore."), [Body, Body, Body]);
        assert_eq!(kinds("- one. Two.\n- three"), [ListItem, Body, ListItem]);
        assert_eq!(kinds("1. First\n2) Second"), [ListItem, ListItem]);
        assert_eq!(kinds("Is this a headline?\n\nNo."), [Body, Body]);
    }

    #[test]
    fn seed_article_has_16_sentences() {
        let text = include_str!("../../../examples/niger-us-pact.txt");
        let s = split_sentences(text);
        assert_eq!(s.len(), 16, "{:#?}", s.iter().map(|s| s.span.text(text)).collect::<Vec<_>>());
        assert!(s.iter().all(|s| s.kind == SentenceKind::Body));
        assert!(s[0].span.text(text).starts_with("Niger’s military junta"));
        assert!(s[15].span.text(text).ends_with("Nigerien victims."));
    }

    #[test]
    fn spans_are_sorted_trimmed_and_on_boundaries() {
        let inputs = ["  “Ça?” — Él.  \n\n\n - x. Y…Z. ", "a.b.c. D. e", "€5bn. ’’ ‘‘ ..."];
        for text in inputs {
            let s = split_sentences(text);
            for w in s.windows(2) {
                assert!(w[0].span.end <= w[1].span.start);
            }
            for x in &s {
                assert!(text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end));
                let t = x.span.text(text);
                assert_eq!(t, t.trim());
                assert!(!t.is_empty());
            }
        }
    }
}
