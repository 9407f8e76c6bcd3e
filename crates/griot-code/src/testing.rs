//! Documents built from marked text, for rule examples, tests and the test set: mentions
//! are written in brackets, `[text|COUNTRY|SECTOR|kind]`, where COUNTRY and SECTOR may be
//! empty and kind is one of `country` (default), `person`, `nominal`, `pronoun`, `place`,
//! `igo`, `org`, `group`. `[he|=Abdramane]` marks a pronoun referring back to the earlier
//! mention whose text is `Abdramane`. Statements are not marked; the coder falls back to
//! its own speech-verb cue when a document has none.
//!
//! ```
//! let doc = griot_code::testing::marked_doc("[Niger|NER|MIL]'s junta left [Niamey|NER||place].");
//! assert_eq!(doc.text(), "Niger's junta left Niamey.");
//! assert_eq!(doc.mentions.len(), 2);
//! ```

use griot_text::{
    split_sentences, tokenize, Article, Doc, Mention, MentionId, MentionKind, Origin, Place, Span,
};

/// A [`Doc`] with sentences, tokens and the marked mentions.
pub fn marked_doc(marked: &str) -> Doc {
    let mut text = String::with_capacity(marked.len());
    let mut mentions: Vec<Mention> = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        let mut parts = inner.split('|');
        let words = parts.next().unwrap_or("");
        let code = parts.next().unwrap_or("").trim();
        let sector = parts.next().unwrap_or("").trim();
        let kind_name = parts.next().unwrap_or("").trim();
        let start = text.len();
        text.push_str(words);
        let span = Span::new(start, text.len());
        let mut antecedent = None;
        let mut country = if code.is_empty() {
            None
        } else {
            Some(code.to_string())
        };
        if let Some(target) = code.strip_prefix('=') {
            country = None;
            antecedent = mentions
                .iter()
                .position(|m| m.name == target)
                .map(|i| MentionId(i as u32));
        }
        let kind = match kind_name {
            "person" => MentionKind::Person,
            "nominal" => MentionKind::Nominal,
            "pronoun" => MentionKind::Pronoun,
            "place" => MentionKind::Place,
            "igo" => MentionKind::Igo,
            "org" => MentionKind::Organisation,
            "group" => MentionKind::Group,
            _ if antecedent.is_some() => MentionKind::Pronoun,
            _ => MentionKind::Country,
        };
        let place = (kind == MentionKind::Place).then(|| Place {
            name: words.to_string(),
            geonameid: None,
            lat: 0.0,
            lon: 0.0,
            country: country.clone(),
            admin1: None,
            feature: "city".into(),
            actor: false,
        });
        mentions.push(Mention {
            span,
            kind,
            name: words.to_string(),
            country,
            sector: if sector.is_empty() {
                None
            } else {
                Some(sector.to_string())
            },
            title: None,
            role: None,
            place,
            antecedent,
            guessed: false,
            origin: Origin::new("test", "marked"),
        });
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    let mut doc = Doc::new(Article::from_text("marked", &text));
    doc.sentences = split_sentences(doc.text());
    doc.tokens = doc
        .sentences
        .iter()
        .flat_map(|s| tokenize(doc.text(), s.span))
        .collect();
    doc.mentions = mentions;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_mentions_and_pronouns() {
        let d = marked_doc("[Abdramane|NER|GOV|person] spoke. [He|=Abdramane] left.");
        assert_eq!(d.text(), "Abdramane spoke. He left.");
        assert_eq!(d.mentions[1].antecedent, Some(MentionId(0)));
        assert_eq!(d.mentions[1].kind, MentionKind::Pronoun);
        assert_eq!(d.slice(d.mentions[1].span), "He");
    }
}
