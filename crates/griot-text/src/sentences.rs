//! Sentence splitting for news text. Placeholder replaced by the sentence stage.
use crate::{Sentence, Span};

/// Split `text` into sentences. Every sentence span is trimmed of surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, line) in text.split_inclusive('\n').scan(0usize, |pos, l| {
        let s = *pos;
        *pos += l.len();
        Some((s, l))
    }).enumerate() {
        let _ = i;
        let (start, l) = line;
        let t = l.trim();
        if t.is_empty() { continue; }
        let off = l.find(t).unwrap_or(0);
        out.push(Sentence { span: Span::new(start + off, start + off + t.len()), kind: crate::SentenceKind::Body });
    }
    out
}
