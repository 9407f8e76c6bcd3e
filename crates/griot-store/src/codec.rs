//! Compact encoding of the token layer.
//!
//! Tokens are the largest layer (hundreds per article) and carry no more than a span and a
//! kind, so they are stored as one blob per article instead of one row each. Each token is
//! two LEB128 varints: the zigzag-encoded difference between its start and the previous
//! token's start, then `len * 8 + kind`. A typical news token takes 2 bytes.
//! Example: tokens `0..5 word, 6..7 punct` encode as `[0, 40, 12, 10]`.

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
    fn damaged_blob_is_an_error() {
        assert_eq!(decode_tokens(&[0x80]), Err(0));
        assert_eq!(decode_tokens(&[0, 7]), Err(0)); // kind 7 does not exist
        assert!(decode_tokens(&[0xff; 12]).is_err());
    }
}
