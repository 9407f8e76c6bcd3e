//! Output that cannot be turned against the reader: control characters from articles, ids
//! and file names never reach a terminal raw (an ESC or OSC sequence could retitle the window,
//! forge a hyperlink or rewrite earlier lines), and spreadsheet cells never start a formula.
//!
//! - [`one_line`]: a value shown inside a line (an id, a title, a file name in a message):
//!   every control character, newlines and tabs included, and the bidirectional overrides are
//!   written as escapes (`\n`, `\t`, `\r`, `\u{1b}`).
//! - [`Terminal`]: wraps the writer of every human-readable command; it lets `\n` and `\t`
//!   through (they are the layout) and escapes every other control character that gets to it.
//! - [`TsvCells`]: neutralises TSV cells that would start a formula (see
//!   `griot_store::export::neutralise_cell`), line by line.

use std::borrow::Cow;
use std::io::{self, Write};

/// Characters written as escapes: C0 and C1 controls, DEL, and the bidirectional
/// embedding, override and isolate controls (which can reorder what a line shows).
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` with every control character (newlines and tabs too) escaped, for a value shown
/// inside one line.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with control characters escaped except newlines and tabs (which lay text out).
pub fn layout_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer for terminals and other human readers: UTF-8 goes through with control
/// characters other than `\n` and `\t` escaped; bytes that are not UTF-8 are written as
/// `\xNN`. A character split across two writes is held until its end arrives.
pub struct Terminal<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Terminal<W> {
    pub fn new(inner: W) -> Terminal<W> {
        Terminal { inner, pending: Vec::new() }
    }

    fn emit(&mut self, bytes: &[u8], at_end: bool) -> io::Result<()> {
        let mut rest = bytes;
        let mut out = String::new();
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(&layout_safe(s));
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // valid by construction
                    out.push_str(&layout_safe(std::str::from_utf8(good).unwrap_or("")));
                    match e.error_len() {
                        Some(n) => {
                            for b in &bad[..n] {
                                out.push_str(&format!("\\x{b:02x}"));
                            }
                            rest = &bad[n..];
                        }
                        None if at_end => {
                            for b in bad {
                                out.push_str(&format!("\\x{b:02x}"));
                            }
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = bad;
                            break;
                        }
                    }
                }
            }
        }
        self.pending = rest.to_vec();
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.emit(buf, false)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.emit(&joined, false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let p = std::mem::take(&mut self.pending);
            self.emit(&p, true)?;
        }
        self.inner.flush()
    }
}

/// A writer of tab-separated lines whose cells are neutralised against spreadsheet
/// formulas, one line at a time.
pub struct TsvCells<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> TsvCells<W> {
    pub fn new(inner: W) -> TsvCells<W> {
        TsvCells { inner, line: Vec::new() }
    }

    fn emit_line(&mut self) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line);
        let body = text.strip_suffix('\n').unwrap_or(&text);
        let (body, cr) = match body.strip_suffix('\r') {
            Some(b) => (b, "\r"),
            None => (body, ""),
        };
        let cells: Vec<Cow<str>> = body.split('\t').map(griot_store::export::neutralise_cell).collect();
        let mut out = cells.join("\t");
        out.push_str(cr);
        if text.ends_with('\n') {
            out.push('\n');
        }
        self.inner.write_all(out.as_bytes())?;
        self.line.clear();
        Ok(())
    }
}

impl<W: Write> Write for TsvCells<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(p) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..=p]);
            self.emit_line()?;
            rest = &rest[p + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit_line()?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_every_control() {
        assert_eq!(one_line("a\nb\tc\u{1b}]0;evil\u{7}"), "a\\nb\\tc\\u{1b}]0;evil\\u{7}");
        assert_eq!(one_line("\u{9b}31m \u{202e}x"), "\\u{9b}31m \\u{202e}x");
        assert_eq!(one_line("Côte d’Ivoire"), "Côte d’Ivoire");
    }

    #[test]
    fn terminal_keeps_layout_and_escapes_the_rest() {
        let mut t = Terminal::new(Vec::new());
        let text = "line\tone\n\u{1b}[2Jé\u{85}";
        // byte by byte: characters split across writes are held
        for b in text.as_bytes() {
            t.write_all(std::slice::from_ref(b)).unwrap();
        }
        t.write_all(b"\xff!").unwrap();
        t.flush().unwrap();
        assert_eq!(String::from_utf8(t.inner).unwrap(), "line\tone\n\\u{1b}[2Jé\\u{85}\\xff!");
    }

    #[test]
    fn tsv_cells_are_neutralised() {
        let mut t = TsvCells::new(Vec::new());
        t.write_all(b"id\t=cmd()\t-1.5\n@x\tok").unwrap();
        t.flush().unwrap();
        assert_eq!(String::from_utf8(t.inner).unwrap(), "id\t'=cmd()\t-1.5\n'@x\tok");
    }
}
