//! Tokenisation. Placeholder replaced by the token stage.
use crate::{Token, TokenKind, Span};

/// Tokenise `text` within `span`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() { if start.is_none() { start = Some(i); } }
        else {
            if let Some(b) = start.take() { out.push(Token { span: Span::new(span.start + b, span.start + i), kind: TokenKind::Word }); }
            if !c.is_whitespace() { out.push(Token { span: Span::new(span.start + i, span.start + i + c.len_utf8()), kind: TokenKind::Punct }); }
        }
    }
    if let Some(b) = start { out.push(Token { span: Span::new(span.start + b, span.end), kind: TokenKind::Word }); }
    out
}
