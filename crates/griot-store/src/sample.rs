//! Synthetic documents with every layer filled, for tests and benchmarks of the store.
//!
//! [`sample_doc`]`(n, sentences)` builds article `s<n>`: a news-like text of `sentences`
//! sentences (about 120 bytes each, some non-ASCII) with tokens, mentions (countries, a person,
//! a place with coordinates), dates, quantities, statements and events whose spans all point
//! into the text. Different `n` give different texts; nothing is random.
//!
//! [`stream_doc`]`(n, per_day)` is article `n` of a synthetic news stream, for benchmarks of
//! stores at scale: a sample document published `per_day` articles a day, its events dated
//! on the day of publication, with a closing sentence of words shared by the 8 articles of
//! one story (so that story grouping meets stories of news-like size).

use griot_text::*;

const COUNTRIES: &[(&str, &str)] = &[
    ("Niger", "NER"),
    ("the United States", "USA"),
    ("Mali", "MLI"),
    ("Burkina Faso", "BFA"),
    ("Côte d’Ivoire", "CIV"),
    ("France", "FRA"),
];
const PLACES: &[(&str, &str, u64, f64, f64)] = &[
    ("Niamey", "NER", 2440485, 13.51366, 2.1098),
    ("Agadez", "NER", 2448085, 16.97333, 7.99111),
    ("Bamako", "MLI", 2460596, 12.65, -8.0),
    ("Ouagadougou", "BFA", 2357048, 12.36566, -1.53388),
];
const VERBS: &[(&str, &str, &str)] = &[
    ("revoked its agreement with", "SANCTION", "161"),
    ("held talks with", "CONSULT", "040"),
    ("accused", "ACCUSE", "112"),
    ("sent aid to", "AID", "070"),
];

fn tokens_of(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.text(text);
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else {
            if let Some(b) = start.take() {
                out.push(Token { span: Span::new(span.start + b, span.start + i), kind: TokenKind::Word });
            }
            if !c.is_whitespace() {
                let kind = if "“”«»\"'’".contains(c) { TokenKind::Quote } else { TokenKind::Punct };
                out.push(Token { span: Span::new(span.start + i, span.start + i + c.len_utf8()), kind });
            }
        }
    }
    if let Some(b) = start {
        out.push(Token { span: Span::new(span.start + b, span.end), kind: TokenKind::Word });
    }
}

/// A synthetic analysed article; see the module doc.
pub fn sample_doc(n: usize, sentences: usize) -> Doc {
    let mut text = String::with_capacity(sentences * 130);
    let mut doc = Doc::default();
    for k in 0..sentences {
        let seed = n.wrapping_mul(31).wrapping_add(k);
        let start = text.len();
        let (a_name, a_code) = COUNTRIES[seed % COUNTRIES.len()];
        let (r_name, r_code) = COUNTRIES[(seed + 1 + n % 3) % COUNTRIES.len()];
        let (verb, ptype, cameo) = VERBS[seed % VERBS.len()];
        let (place, pcountry, gid, lat, lon) = PLACES[seed % PLACES.len()];
        let day = 1 + (seed % 28);
        // "On 5 March 2024 in Niamey, Niger revoked its agreement with Mali, Col. Abdramane
        // said (dispatch n.k), citing 1100 soldiers."
        text.push_str("On ");
        let date_start = text.len();
        text.push_str(&format!("{day} March 2024"));
        let date_span = Span::new(date_start, text.len());
        text.push_str(" in ");
        let place_span = Span::new(text.len(), text.len() + place.len());
        text.push_str(place);
        text.push_str(", ");
        let a_span = Span::new(text.len(), text.len() + a_name.len());
        text.push_str(a_name);
        text.push(' ');
        let v_span = Span::new(text.len(), text.len() + verb.len());
        text.push_str(verb);
        text.push(' ');
        let r_span = Span::new(text.len(), text.len() + r_name.len());
        text.push_str(r_name);
        text.push_str(", ");
        let speaker_span = Span::new(text.len(), text.len() + "Col. Abdramane".len());
        text.push_str("Col. Abdramane ");
        let cue = Span::new(text.len(), text.len() + 4);
        text.push_str("said");
        text.push_str(&format!(" (dispatch {n}.{k}), citing "));
        let qty_start = text.len();
        let soldiers = 100 + (seed % 1000);
        text.push_str(&format!("{soldiers} soldiers"));
        let q_span = Span::new(qty_start, qty_start + soldiers.to_string().len());
        let counted = Span::new(q_span.end + 1, text.len());
        text.push_str(". ");
        let end = text.len() - 1;
        let s_span = Span::new(start, end);

        let sid = SentenceId(doc.sentences.len() as u32);
        doc.sentences
            .push(Sentence { span: s_span, kind: if k == 0 { SentenceKind::Headline } else { SentenceKind::Body } });
        let m0 = doc.mentions.len() as u32;
        let country = |span: Span, name: &str, code: &str, sector: Option<&str>| Mention {
            span,
            kind: MentionKind::Country,
            name: name.trim_start_matches("the ").to_string(),
            country: Some(code.to_string()),
            sector: sector.map(str::to_string),
            title: None,
            role: None,
            place: None,
            antecedent: None,
            guessed: false,
            origin: Origin::new("actors", "country_name"),
        };
        doc.mentions.push(Mention {
            span: place_span,
            kind: MentionKind::Place,
            name: place.to_string(),
            country: Some(pcountry.to_string()),
            sector: None,
            title: None,
            role: None,
            place: Some(Place {
                name: place.to_string(),
                geonameid: Some(gid),
                lat,
                lon,
                country: Some(pcountry.to_string()),
                admin1: None,
                feature: "city".to_string(),
                actor: false,
            }),
            antecedent: None,
            guessed: false,
            origin: Origin::new("places", "gazetteer"),
        });
        doc.mentions.push(country(a_span, a_name, a_code, Some("GOV")));
        doc.mentions.push(country(r_span, r_name, r_code, None));
        doc.mentions.push(Mention {
            span: speaker_span,
            kind: MentionKind::Person,
            name: "Amadou Abdramane".to_string(),
            country: Some("NER".to_string()),
            sector: Some("MIL".to_string()),
            title: Some("Colonel".to_string()),
            role: Some("military spokesperson".to_string()),
            place: None,
            antecedent: (k > 0).then_some(MentionId(3)),
            guessed: k % 2 == 1,
            origin: Origin::new("actors", "title_name"),
        });
        let tid = TimeId(doc.times.len() as u32);
        doc.times.push(TimeExpr {
            span: date_span,
            kind: TimeType::Date,
            value: format!("2024-03-{day:02}"),
            precision: Precision::Day,
            anchor: TimeAnchor::Absolute,
            origin: Origin::new("time", "day_month_year"),
        });
        let qid = QuantityId(doc.quantities.len() as u32);
        doc.quantities.push(Quantity {
            span: q_span,
            value: soldiers as f64 + 0.5 * (k % 2) as f64,
            kind: if k % 3 == 0 { QuantityKind::Killed } else { QuantityKind::Count },
            counted: Some(counted),
            unit: None,
            approx: (k % 2 == 0).then(|| "about".to_string()),
            actor: Some(MentionId(m0 + 1)),
            origin: Origin::new("quantities", "number_noun"),
        });
        let stid = StatementId(doc.statements.len() as u32);
        doc.statements.push(Statement {
            span: s_span,
            kind: StatementKind::Indirect,
            speaker_span: Some(speaker_span),
            speaker: Some(MentionId(m0 + 3)),
            cue: Some(cue),
            content: Span::new(start, a_span.end + 1 + verb.len() + 1 + r_name.len()),
            origin: Origin::new("statements", "said_after"),
        });
        if k % 2 == 0 {
            doc.events.push(Event {
                sentence: sid,
                trigger: v_span,
                event_type: ptype.to_string(),
                mode: (k % 4 == 0).then(|| "discontinue".to_string()),
                context: if k % 4 == 0 { vec!["military".to_string(), "diplomatic".to_string()] } else { vec![] },
                cameo: Some(cameo.to_string()),
                actor: Some(Participant {
                    span: a_span,
                    mention: Some(MentionId(m0 + 1)),
                    name: a_name.to_string(),
                    country: Some(a_code.to_string()),
                    sector: Some("GOV".to_string()),
                    guessed: None,
                }),
                recipient: Some(Participant {
                    span: r_span,
                    mention: Some(MentionId(m0 + 2)),
                    name: r_name.to_string(),
                    country: Some(r_code.to_string()),
                    sector: None,
                    guessed: None,
                }),
                date: Some(EventDate {
                    value: format!("2024-03-{day:02}"),
                    precision: Precision::Day,
                    time: Some(tid),
                }),
                location: Some(MentionId(m0)),
                status: if k % 4 == 0 { EventStatus::Reported } else { EventStatus::Asserted },
                statement: Some(stid),
                sizes: vec![qid],
                evidence: vec![v_span, a_span, r_span],
                origin: Origin::new("code", "sample_rule"),
            });
        }
        tokens_of(&text, s_span, &mut doc.tokens);
    }
    doc.article = Article {
        id: format!("s{n}"),
        url: Some(format!("https://news.example/{n}")),
        title: Some(format!("Sahel dispatch {n}")),
        date: chrono::NaiveDate::from_ymd_opt(2024, 3, 17),
        lang: Some("en".to_string()),
        source: Some("sample".to_string()),
        text,
        meta: serde_json::Map::new(),
    };
    doc.diagnostics.push(Diagnostic {
        span: None,
        severity: Severity::Info,
        stage: "sample".to_string(),
        message: format!("synthetic article {n}"),
    });
    doc
}

/// Articles in a row that share their topic words in [`stream_doc`].
pub const STORY_ARTICLES: usize = 8;

/// A pseudo-word for `seed`: two or three syllables.
fn topic_word(seed: u64) -> String {
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ra", "su", "te", "vo", "ne", "di", "pa", "go", "ri", "ba", "xe", "fu", "zo"];
    // splitmix64: well-spread bits from consecutive seeds
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let n = 2 + (z & 1) as usize;
    (0..n).map(|i| SYLLABLES[((z >> (4 + 4 * i)) & 15) as usize]).collect()
}

/// Article `n` of a synthetic news stream; see the module doc. Published on 2024-01-01 plus
/// `n / per_day` days (`per_day` 0 counts as 1); its times and event dates are that day.
pub fn stream_doc(n: usize, per_day: usize) -> Doc {
    let mut doc = sample_doc(n, 6);
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let day = base + chrono::Days::new((n / per_day.max(1)) as u64);
    let iso = day.format("%Y-%m-%d").to_string();
    for t in &mut doc.times {
        t.value.clone_from(&iso);
    }
    for d in doc.events.iter_mut().filter_map(|e| e.date.as_mut()) {
        d.value.clone_from(&iso);
    }
    let topic = (n / STORY_ARTICLES) as u64;
    let words: Vec<String> = (0..12).map(|i| topic_word(topic * 16 + i)).collect();
    let text = &mut doc.article.text;
    let start = text.len();
    text.push_str("Observers of ");
    text.push_str(&words.join(" "));
    text.push('.');
    let span = Span::new(start, text.len());
    doc.sentences.push(Sentence { span, kind: SentenceKind::Body });
    tokens_of(text, span, &mut doc.tokens);
    doc.article.title = Some(format!("{} {} {}: dispatch {n}", words[0], words[1], words[2]));
    doc.article.date = Some(day);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_docs_are_dated_by_position_and_share_words_within_a_story() {
        let a = stream_doc(0, 300);
        let b = stream_doc(1, 300);
        let c = stream_doc(STORY_ARTICLES, 300);
        let late = stream_doc(300 * 40, 300);
        assert_eq!(a.article.date, chrono::NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(late.article.date, chrono::NaiveDate::from_ymd_opt(2024, 2, 10));
        assert!(late.events.iter().all(|e| e.date.as_ref().is_some_and(|d| d.value == "2024-02-10")));
        let last = |d: &Doc| d.article.text.rsplit_once("Observers of ").map(|(_, w)| w.to_string()).unwrap_or_default();
        assert_eq!(last(&a), last(&b));
        assert_ne!(last(&a), last(&c));
        // the closing sentence is a sentence of the document, and its words are tokens
        let s = a.sentences.last().unwrap();
        assert!(a.article.text[s.span.start..s.span.end].starts_with("Observers of "));
        assert!(a.tokens.iter().any(|t| t.span.start > s.span.start));
        assert!(a.tokens.iter().all(|t| t.span.end <= a.article.text.len()));
    }
}
