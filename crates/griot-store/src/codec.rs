//! Compact encoding of the token layer.
//!
//! Tokens are the largest layer (hundreds per article) and carry no more than a span and a
//! kind, so they are stored as one blob per article instead of one row each. Each token is
//! two LEB128 varints: the zigzag-encoded difference between its start and the previous
//! token's start, then `len * 8 + kind`. A typical news token takes 2 bytes.
//! Example: tokens `0..5 word, 6..7 punct` encode as `[0, 40, 12, 10]`.
//!
//! Packed JSON (schema step 9): the big JSON values (the layers of an article, each event
//! record, each story view) are stored as a blob: the byte `Z`, the length of the JSON as a
//! varint, then the JSON compressed with raw deflate. [`unpack`] also gives back the plain
//! JSON text of earlier schema versions (which starts with `{` or `[`), as is.

use griot_text::{Span, Token, TokenKind};

fn kind_code(kind: TokenKind) -> u64 {
    match kind {
        TokenKind::Word => 0,
        TokenKind::Number => 1,
        TokenKind::Punct => 2,
        TokenKind::Quote => 3,
        TokenKind::Symbol => 4,
    }
}

fn kind_of(code: u64) -> Option<TokenKind> {
    Some(match code {
        0 => TokenKind::Word,
        1 => TokenKind::Number,
        2 => TokenKind::Punct,
        3 => TokenKind::Quote,
        4 => TokenKind::Symbol,
        _ => return None,
    })
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift >= 64 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// First byte of a packed JSON value.
pub const PACKED: u8 = b'Z';

/// Packs `json` (see the module doc) into `out` (cleared first).
pub fn pack(json: &[u8], out: &mut Vec<u8>) {
    use flate2::{Compress, Compression, FlushCompress, Status};
    out.clear();
    out.push(PACKED);
    put_varint(out, json.len() as u64);
    out.reserve(json.len() / 3 + 64);
    let mut c = Compress::new(Compression::new(6), false);
    loop {
        let done = usize::try_from(c.total_in()).unwrap_or(json.len()).min(json.len());
        match c.compress_vec(&json[done..], out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return,
            // out of room: grow and go on
            Ok(_) => out.reserve(out.capacity().max(64)),
            // deflate of a memory buffer does not fail; store it uncompressed-safe anyway
            Err(_) => {
                out.clear();
                out.extend_from_slice(json);
                return;
            }
        }
    }
}

/// The JSON in a value written by [`pack`], or the plain JSON text of an earlier version.
/// `Err` says what is damaged.
pub fn unpack(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    use flate2::{Decompress, FlushDecompress, Status};
    if bytes.first() != Some(&PACKED) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut pos = 1;
    let len = get_varint(bytes, &mut pos).ok_or("damaged length")?;
    let len = usize::try_from(len).map_err(|_| "damaged length")?;
    // deflate cannot expand more than about 1032 times: a larger length is damage
    if len > bytes.len().saturating_mul(1100).saturating_add(64) {
        return Err(format!("length {len} too large for {} bytes", bytes.len()));
    }
    let mut out = Vec::with_capacity(len);
    let mut d = Decompress::new(false);
    match d.decompress_vec(&bytes[pos..], &mut out, FlushDecompress::Finish) {
        Ok(Status::StreamEnd) if out.len() == len => Ok(std::borrow::Cow::Owned(out)),
        Ok(_) => Err(format!("deflate data damaged or truncated ({} of {len} bytes)", out.len())),
        Err(e) => Err(format!("deflate data damaged: {e}")),
    }
}

/// [`pack`] of the JSON of `v`; `json` is a scratch buffer.
pub fn pack_value<T: serde::Serialize>(v: &T, json: &mut Vec<u8>, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    json.clear();
    serde_json::to_writer(&mut *json, v)?;
    pack(json, out);
    Ok(())
}

/// The value packed by [`pack_value`] (or stored as JSON text by an earlier version).
pub fn unpack_value<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let json = unpack(bytes)?;
    serde_json::from_slice(&json).map_err(|e| e.to_string())
}

/// The JSON text in a column value written by [`pack`] (or plain JSON text); `None` for NULL
/// or damage.
pub fn json_text(value: rusqlite::types::ValueRef<'_>) -> Option<String> {
    let bytes = value.as_bytes().ok()?;
    let json = unpack(bytes).ok()?;
    String::from_utf8(json.into_owned()).ok()
}

/// Encodes tokens into `out` (cleared first).
pub fn encode_tokens(tokens: &[Token], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(tokens.len() * 2);
    let mut prev: i64 = 0;
    for t in tokens {
        let start = t.span.start as i64;
        let delta = start.wrapping_sub(prev);
        let zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        put_varint(out, zigzag);
        let len = t.span.end.saturating_sub(t.span.start) as u64;
        put_varint(out, (len << 3) | kind_code(t.kind));
        prev = start;
    }
}

/// Decodes a blob written by [`encode_tokens`]; `Err` carries the byte offset of the damage.
pub fn decode_tokens(bytes: &[u8]) -> Result<Vec<Token>, usize> {
    let mut tokens = Vec::with_capacity(bytes.len() / 2);
    let mut pos = 0;
    let mut prev: i64 = 0;
    while pos < bytes.len() {
        let at = pos;
        let zigzag = get_varint(bytes, &mut pos).ok_or(at)?;
        let delta = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        let start = prev.wrapping_add(delta);
        let packed = get_varint(bytes, &mut pos).ok_or(at)?;
        let kind = kind_of(packed & 7).ok_or(at)?;
        let start_u = usize::try_from(start).map_err(|_| at)?;
        let end = start_u.checked_add(usize::try_from(packed >> 3).map_err(|_| at)?).ok_or(at)?;
        tokens.push(Token { span: Span { start: start_u, end }, kind });
        prev = start;
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(tokens: &[(usize, usize, TokenKind)], expected_bytes: Option<&[u8]>) {
        let tokens: Vec<Token> =
            tokens.iter().map(|&(s, e, kind)| Token { span: Span { start: s, end: e }, kind }).collect();
        let mut blob = Vec::new();
        encode_tokens(&tokens, &mut blob);
        if let Some(expected) = expected_bytes {
            assert_eq!(blob, expected);
        }
        assert_eq!(decode_tokens(&blob).unwrap(), tokens);
    }

    #[test]
    fn round_trips() {
        check(&[(0, 5, TokenKind::Word), (6, 7, TokenKind::Punct)], Some(&[0, 40, 12, 10]));
        check(&[], Some(&[]));
        // unsorted and overlapping spans, large offsets, every kind
        check(
            &[
                (1_000_000, 1_000_300, TokenKind::Number),
                (3, 4, TokenKind::Quote),
                (3, 3, TokenKind::Symbol),
                (usize::MAX >> 2, usize::MAX >> 2, TokenKind::Word),
            ],
            None,
        );
    }

    #[test]
    fn packed_json_round_trips_and_old_text_reads_as_is() {
        let json = br#"{"a":[1,2,3],"b":"some text some text some text some text"}"#;
        let mut out = Vec::new();
        pack(json, &mut out);
        assert_eq!(out[0], PACKED);
        assert!(out.len() < json.len());
        assert_eq!(&*unpack(&out).unwrap(), &json[..]);
        assert_eq!(&*unpack(json).unwrap(), &json[..]);
        pack(b"", &mut out);
        assert_eq!(&*unpack(&out).unwrap(), b"");
        let v: Vec<u32> = vec![7; 1000];
        let mut scratch = Vec::new();
        pack_value(&v, &mut scratch, &mut out).unwrap();
        assert_eq!(unpack_value::<Vec<u32>>(&out).unwrap(), v);
    }

    #[test]
    fn damaged_packed_json_is_an_error() {
        let mut out = Vec::new();
        pack(br#"{"a":"text text text text text text"}"#, &mut out);
        for cut in 1..out.len() {
            assert!(unpack(&out[..cut]).is_err(), "cut at {cut}");
        }
        let mut bad = out.clone();
        bad[1] = 0x7f; // wrong length
        assert!(unpack(&bad).is_err());
        assert!(unpack(&[PACKED, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1]).is_err());
        for i in 2..out.len() {
            let mut d = out.clone();
            d[i] ^= 0x55;
            let _ = unpack(&d); // any result, no panic
        }
    }

    #[test]
    fn damaged_blob_is_an_error() {
        assert_eq!(decode_tokens(&[0x80]), Err(0));
        assert_eq!(decode_tokens(&[0, 7]), Err(0)); // kind 7 does not exist
        assert!(decode_tokens(&[0xff; 12]).is_err());
    }
}
