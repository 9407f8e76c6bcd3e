//! Character sets, by `encoding_rs` (the WHATWG Encoding Standard, as browsers decode).
//!
//! - A byte order mark decides first: UTF-8, UTF-16 LE/BE (any format), UTF-32 LE/BE
//!   (decoded here: the Encoding Standard has no UTF-32).
//! - Markup (HTML, feeds, XML) without a BOM is read as UTF-8 when it is valid UTF-8; else by
//!   the charset it declares (HTTP `Content-Type` in WARC, the XML declaration
//!   `<?xml ... encoding="ISO-8859-1"?>`, `<meta charset>` or `<meta http-equiv
//!   content="...; charset=...">` in the first 4 KiB), with the label mapped as browsers map it
//!   (`iso-8859-1` and `latin1` are Windows-1252); else as Windows-1252 (the browsers'
//!   fallback). A declared charset that `encoding_rs` does not know leaves the document
//!   unread ("not UTF-8 text"), as before.
//! - Plain text and JSON must be UTF-8 (after any BOM).

use encoding_rs::Encoding;

/// The Unicode encoding a byte order mark names, and the BOM's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

pub(crate) fn bom(bytes: &[u8]) -> Option<(Bom, usize)> {
    // UTF-32 LE starts like UTF-16 LE: test it first
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some((Bom::Utf32Le, 4))
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some((Bom::Utf32Be, 4))
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((Bom::Utf8, 3))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Bom::Utf16Le, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Bom::Utf16Be, 2))
    } else {
        None
    }
}

/// Whether the bytes start with a UTF-16 or UTF-32 byte order mark (text that must be
/// converted before anything else looks at it).
pub(crate) fn is_wide(bytes: &[u8]) -> bool {
    matches!(bom(bytes), Some((Bom::Utf16Le | Bom::Utf16Be | Bom::Utf32Le | Bom::Utf32Be, _)))
}

/// UTF-16 or UTF-32 text (with its BOM) as UTF-8, the BOM removed; `None` for other bytes;
/// `Err(reason)` for malformed UTF-32.
pub(crate) fn decode_wide(bytes: &[u8]) -> Option<Result<String, String>> {
    let (kind, n) = bom(bytes)?;
    let body = &bytes[n..];
    match kind {
        Bom::Utf8 => None,
        Bom::Utf16Le | Bom::Utf16Be => {
            let enc = if kind == Bom::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let (text, _had_errors) = enc.decode_without_bom_handling(body);
            Some(Ok(text.into_owned()))
        }
        Bom::Utf32Le | Bom::Utf32Be => {
            if !body.len().is_multiple_of(4) {
                return Some(Err(format!("UTF-32 text of {} bytes is not a whole number of characters", body.len())));
            }
            let mut out = String::with_capacity(body.len() / 4);
            for (i, c) in body.chunks_exact(4).enumerate() {
                let v = if kind == Bom::Utf32Le {
                    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
                } else {
                    u32::from_be_bytes([c[0], c[1], c[2], c[3]])
                };
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => return Some(Err(format!("invalid UTF-32 character {v:#x} at offset {}", n + 4 * i))),
                }
            }
            Some(Ok(out))
        }
    }
}

/// The charset a markup document declares near its start: the XML declaration's `encoding`,
/// else a `charset=` of a `<meta>` element.
pub(crate) fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower, b"?>").unwrap_or(lower.len());
        if let Some(at) = memchr::memmem::find(&lower[..end], b"encoding") {
            let rest = &lower[at + 8..end];
            let rest = rest.trim_ascii_start().strip_prefix(b"=").unwrap_or(rest).trim_ascii_start();
            if let Some(name) = label_at(rest) {
                return Some(name);
            }
        }
    }
    let at = memchr::memmem::find(&lower, b"charset=")? + 8;
    label_at(&lower[at..])
}

fn label_at(rest: &[u8]) -> Option<String> {
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))).unwrap_or(rest.len());
    let name = std::str::from_utf8(&rest[..end]).ok()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The encoding of a label as browsers read it (`latin1` -> Windows-1252).
pub(crate) fn encoding_of(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Markup bytes (no UTF-16/32 BOM) as text: UTF-8 when valid, else the declared charset
/// (`charset` from outside, such as an HTTP header, first), else Windows-1252. `None` when a
/// charset is declared that is not known.
pub(crate) fn decode_markup(bytes: &[u8], charset: Option<&str>) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let declared = charset.map(str::to_string).or_else(|| declared(bytes));
    let encoding = match declared.as_deref() {
        Some(label) => Some(encoding_of(label)?),
        None => None,
    };
    // A declared legacy charset wins over bytes that happen to be valid UTF-8 only when the
    // declaration came from outside the document (HTTP); pages often declare a charset that
    // their server no longer uses.
    if charset.is_some() {
        if let Some(enc) = encoding.filter(|e| *e != encoding_rs::UTF_8) {
            return Some(enc.decode_without_bom_handling(bytes).0.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let enc = match encoding {
        Some(e) if e != encoding_rs::UTF_8 => e,
        _ => encoding_rs::WINDOWS_1252,
    };
    Some(enc.decode_without_bom_handling(bytes).0.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn wide_texts() {
        assert_eq!(decode_wide(&utf16le("Niamey é")), Some(Ok("Niamey é".into())));
        let mut be = vec![0xFE, 0xFF];
        for u in "Zürich".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_wide(&be), Some(Ok("Zürich".into())));
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        for c in "a😀".chars() {
            le32.extend_from_slice(&(c as u32).to_le_bytes());
        }
        assert_eq!(decode_wide(&le32), Some(Ok("a😀".into())));
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend_from_slice(&0x41u32.to_be_bytes());
        assert_eq!(decode_wide(&be32), Some(Ok("A".into())));
        assert!(matches!(decode_wide(&[0, 0, 0xFE, 0xFF, 0, 0x11, 0, 0]), Some(Err(_))));
        assert_eq!(decode_wide(b"plain"), None);
        assert_eq!(decode_wide(b"\xEF\xBB\xBFutf8"), None);
    }

    #[test]
    fn declared_charsets() {
        assert_eq!(declared(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>").as_deref(), Some("iso-8859-1"));
        assert_eq!(declared(b"<?xml version='1.0' encoding = 'windows-1252' ?>").as_deref(), Some("windows-1252"));
        assert_eq!(declared(b"<html><meta charset=koi8-r>").as_deref(), Some("koi8-r"));
        assert_eq!(
            declared(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(declared(b"<html><p>no charset"), None);
    }

    #[test]
    fn markup_decoding() {
        assert_eq!(decode_markup(b"<p>caf\xe9 \x93q\x94</p>", None).as_deref(), Some("<p>café “q”</p>"));
        assert_eq!(decode_markup(b"<?xml version='1.0' encoding='ISO-8859-1'?><t>\xe9</t>", None).as_deref(), Some("<?xml version='1.0' encoding='ISO-8859-1'?><t>é</t>"));
        assert_eq!(decode_markup(b"<meta charset=koi8-r><p>\xf0\xd2\xc9", None).as_deref(), Some("<meta charset=koi8-r><p>При"));
        assert_eq!(decode_markup("<p>é</p>".as_bytes(), None).as_deref(), Some("<p>é</p>"));
        assert_eq!(decode_markup(b"<meta charset=x-klingon><p>\xff", None), None);
        // an HTTP charset wins
        assert_eq!(decode_markup("é".as_bytes(), Some("iso-8859-1")).as_deref(), Some("Ã©"));
    }
}
