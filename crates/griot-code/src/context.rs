//! Actors from context: a generic actor ("police", "protesters", "troops", "gunmen", "the
//! government") whose country is not stated takes it from, in order, a place named in its
//! sentence, the event's place, the article's dateline, or the article's dominant country.
//! The participant is marked with the basis (`Participant::guessed`).
//!
//! Named people are left alone (a person with no known country may be a foreigner), and so
//! are pronouns (coreference decides those). A generic actor that has no sector gets one
//! from its head noun ("police" -> COP).

use griot_text::{Doc, MentionId, MentionKind, Participant, SentenceId};

/// Role nouns of generic actors and their PLOVER sectors (used when no mention gave one).
const GENERIC: &[(&str, &str)] = &[
    ("police", "COP"),
    ("policemen", "COP"),
    ("gendarmes", "COP"),
    ("protesters", "CVL"),
    ("protestors", "CVL"),
    ("demonstrators", "CVL"),
    ("activists", "CVL"),
    ("supporters", "CVL"),
    ("marchers", "CVL"),
    ("civilians", "CVL"),
    ("residents", "CVL"),
    ("villagers", "CVL"),
    ("people", "CVL"),
    ("crowd", "CVL"),
    ("crowds", "CVL"),
    ("mob", "CVL"),
    ("students", "EDU"),
    ("troops", "MIL"),
    ("soldiers", "MIL"),
    ("army", "MIL"),
    ("military", "MIL"),
    ("forces", "MIL"),
    ("junta", "MIL"),
    ("navy", "MIL"),
    ("officers", "MIL"),
    ("rebels", "REB"),
    ("militants", "REB"),
    ("insurgents", "REB"),
    ("jihadists", "REB"),
    ("gunmen", "REB"),
    ("fighters", "REB"),
    ("attackers", "REB"),
    ("attacker", "REB"),
    ("bomber", "REB"),
    ("bombers", "REB"),
    ("gunman", "REB"),
    ("shooter", "REB"),
    ("assailant", "REB"),
    ("militant", "REB"),
    ("insurgent", "REB"),
    ("jihadist", "REB"),
    ("assailants", "REB"),
    ("militia", "REB"),
    ("militias", "REB"),
    ("militiamen", "REB"),
    ("separatists", "REB"),
    ("government", "GOV"),
    ("authorities", "GOV"),
    ("officials", "GOV"),
    ("official", "GOV"),
    ("ministry", "GOV"),
    ("minister", "GOV"),
    ("ministers", "GOV"),
    ("diplomats", "GOV"),
    ("envoys", "GOV"),
    ("delegates", "GOV"),
    ("leaders", "GOV"),
    ("security forces", "MIL"),
    ("peacekeepers", "MIL"),
    ("guards", "MIL"),
    ("senators", "LEG"),
    ("judges", "JUD"),
    ("mercenaries", "MIL"),
    ("terrorists", "REB"),
    ("extremists", "REB"),
    ("bandits", "REB"),
    ("kidnappers", "REB"),
    ("thousands", "CVL"),
    ("hundreds", "CVL"),
    ("regime", "GOV"),
    ("administration", "GOV"),
    ("president", "GOV"),
    ("cabinet", "GOV"),
    ("parliament", "LEG"),
    ("lawmakers", "LEG"),
    ("legislators", "LEG"),
    ("court", "JUD"),
    ("judge", "JUD"),
    ("prosecutors", "JUD"),
    ("opposition", "OPP"),
    ("party", "PTY"),
    ("workers", "LAB"),
    ("unions", "LAB"),
    ("union", "LAB"),
    ("journalists", "MED"),
    ("reporters", "MED"),
    ("farmers", "AGR"),
    ("peasants", "AGR"),
    ("herders", "AGR"),
    ("fishermen", "CVL"),
    ("miners", "LAB"),
    ("strikers", "LAB"),
    ("nurses", "LAB"),
    ("doctors", "LAB"),
    ("truckers", "LAB"),
    ("employees", "LAB"),
    ("unionists", "LAB"),
    ("teachers", "EDU"),
    ("pupils", "EDU"),
    ("lawyers", "CVL"),
    ("pensioners", "CVL"),
    ("retirees", "CVL"),
    ("youths", "CVL"),
    ("women", "CVL"),
    ("voters", "CVL"),
    ("rioters", "CVL"),
    ("settlers", "CVL"),
    ("migrants", "CVL"),
    ("refugees", "CVL"),
    ("hostages", "CVL"),
    ("detainees", "CVL"),
    ("prisoners", "CVL"),
    ("opponents", "OPP"),
    ("followers", "CVL"),
    ("loyalists", "CVL"),
    ("members", "CVL"),
    ("dissidents", "OPP"),
    ("monks", "REL"),
    ("clerics", "REL"),
    ("worshippers", "REL"),
];

/// Heads of phrases that stand for a group of states named before ("these countries",
/// "the four nations", "Six Arab nations").
const STATE_GROUP_HEADS: &[&str] = &["countries", "nations", "states", "governments"];

/// The first state of the latest list of two or more states named before `before`, within
/// the current and the three sentences before it ("Saudi Arabia, Egypt, Bahrain and the
/// UAE cut ties ... These countries will also expel ...": Saudi Arabia); with none, of the
/// first list after it in the next two sentences.
fn state_list_antecedent(doc: &Doc, sentence: SentenceId, before: usize) -> Option<String> {
    let from = sentence.index().saturating_sub(3);
    let lo = doc.sentences.get(from).map_or(0, |s| s.span.start);
    // the latest list before; else, in a lead ("Six Arab nations cut ties with Qatar. Saudi
    // Arabia, Egypt, the UAE and Bahrain said ..."), the first list in this or the next two
    // sentences
    let hi = doc.sentences.get(sentence.index() + 2).or_else(|| doc.sentences.last()).map_or(before, |s| s.span.end);
    state_lists(doc, lo, before).last().cloned().or_else(|| state_lists(doc, before, hi).first().cloned())
}

/// The first state of each list of two or more states named in `lo..hi`.
fn state_lists(doc: &Doc, lo: usize, hi: usize) -> Vec<String> {
    // (the mention layer is not sorted: the place stage appends)
    let mut states: Vec<&griot_text::Mention> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Country && m.country.as_ref().is_some_and(|c| c.len() == 3))
        .filter(|m| m.span.start >= lo && m.span.end <= hi)
        .collect();
    states.sort_by_key(|m| m.span.start);
    let joined = |a: &griot_text::Mention, b: &griot_text::Mention| {
        let gap = doc.text().get(a.span.end..b.span.start).unwrap_or("x");
        // "Egypt, Bahrain", "Bahrain and the United Arab Emirates", "(UAE) and"
        let gap = gap.trim();
        gap.len() <= 16
            && gap.split_whitespace().all(|w| {
                let w = w.trim_matches(|c: char| c == ',' || c == '(' || c == ')');
                w.is_empty() || matches!(w, "and" | "the" | "as" | "well" | "or") || w.chars().all(|c| c.is_uppercase())
            })
            && a.country != b.country
    };
    let mut lists = Vec::new();
    let mut k = 0;
    while k < states.len() {
        let mut e = k;
        while e + 1 < states.len() && joined(states[e], states[e + 1]) {
            e += 1;
        }
        if e > k {
            if let Some(c) = states[k].country.clone() {
                lists.push(c);
            }
        }
        k = e + 1;
    }
    lists
}

/// Heads of descriptions that stand for an international organisation.
const IGO_HEADS: &[&str] = &["alliance", "organization", "organisation", "bloc", "union", "body", "coalition", "grouping"];

/// The country of the mention in an "of" phrase right after `span` ("supporters of X"):
/// at most four words between, no punctuation. `candidates`: the mentions of the sentence.
fn of_phrase_country(doc: &Doc, span: griot_text::Span, candidates: &[u32]) -> Option<String> {
    if ctx_mode() & 4096 != 0 {
        return None;
    }
    let text = doc.text();
    candidates
        .iter()
        .filter_map(|&k| doc.mentions.get(k as usize))
        .filter(|m| m.span.start > span.end && m.span.start <= span.end + 48 && m.country.is_some())
        .filter(|m| matches!(m.kind, MentionKind::Person | MentionKind::Country | MentionKind::Organisation | MentionKind::Group | MentionKind::Igo | MentionKind::Nominal))
        .find(|m| {
            let gap = text.get(span.end..m.span.start).unwrap_or("").trim().to_lowercase();
            gap.split_whitespace().next() == Some("of")
                && gap.split_whitespace().count() <= 4
                && !gap.chars().any(|c| matches!(c, ',' | ';' | ':' | '.' | '"' | '“' | '”' | '(' | ')'))
        })
        .and_then(|m| m.country.clone())
}

/// The sector of a generic actor's role noun ("police" -> COP), if it is one.
pub(crate) fn generic_sector(lower: &str) -> Option<&'static str> {
    GENERIC.iter().find(|(w, _)| *w == lower).map(|(_, s)| *s)
}

/// What an article says about where it happens, computed once per article.
pub(crate) struct ArticleContext {
    dateline: Option<String>,
    dominant: Option<String>,
    /// person (root mention) -> the IGO a title next to them names
    igo_roles: Vec<(MentionId, String)>,
    /// Per sentence, its mentions that have a place with a country, in mention order (so
    /// that `state_of` reads one sentence's places, not the whole article's, per event).
    sentence_places: Vec<Vec<(griot_text::Span, String)>>,
    /// Per sentence, the indices of the mentions inside it, in mention order.
    sentence_mentions: Vec<Vec<u32>>,
}

/// The mentions inside each sentence, in mention order.
fn sentence_mentions(doc: &Doc) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); doc.sentences.len()];
    for (k, m) in doc.mentions.iter().enumerate() {
        // sentences are sorted and disjoint: the only one that can contain the mention is the
        // first one ending at or after it
        let i = doc.sentences.partition_point(|s| s.span.end < m.span.end);
        if doc.sentences.get(i).is_some_and(|s| s.span.contains(m.span)) {
            out[i].push(k as u32);
        }
    }
    out
}

/// The place mentions of each sentence (with a country), in mention order.
fn sentence_places(doc: &Doc, mentions: &[Vec<u32>]) -> Vec<Vec<(griot_text::Span, String)>> {
    mentions
        .iter()
        .map(|ks| {
            ks.iter()
                .filter_map(|&k| doc.mentions.get(k as usize))
                .filter_map(|m| Some((m.span, m.location()?.country.clone()?)))
                .collect()
        })
        .collect()
}

/// Titles held for an international organisation.
const IGO_ROLES: &[&str] = &[
    "secretary-general", "secretary", "general", "chief", "head", "chair", "chairman",
    "chairperson", "chairwoman", "president", "commissioner", "envoy", "spokesman",
    "spokesperson", "spokeswoman", "director", "director-general", "representative", "mediator",
    "prosecutor", "commander", "coordinator", "rapporteur", "negotiator",
];

fn igo_roles(doc: &Doc) -> Vec<(MentionId, String)> {
    let text = doc.text();
    let mut out: Vec<(MentionId, String)> = Vec::new();
    let stop = |c: char| matches!(c, ',' | '.' | ';' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}');
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Person {
            continue;
        }
        let id = MentionId(i as u32);
        let root = doc.resolve(id);
        if out.iter().any(|(r, _)| *r == root) {
            continue;
        }
        let (a, b) = (m.span.start as usize, m.span.end as usize);
        if b > text.len() || a > b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let mut segs: Vec<(usize, usize)> = vec![(a, b)];
        // ", the Nato Secretary General" after the name
        let after = &text[b..];
        if let Some(rest) = after.strip_prefix(", ") {
            let len = rest.find(stop).unwrap_or(rest.len()).min(120);
            let mut end = b + 2 + len;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            segs.push((b + 2, end));
        }
        // "the chairperson of the African Union commission, " before it (an apposition)
        let before = &text[..a];
        if let Some(trimmed) = before.strip_suffix(", ") {
            let from = trimmed.rfind(stop).map_or(0, |k| k + 1).max(trimmed.len().saturating_sub(140));
            let mut from = from;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            segs.push((from, trimmed.len()));
        } else {
            // a bare title right before the name: "UN Secretary-General Antonio Guterres"
            // (only capitalised words and role words between the organisation and the name)
            let mut from = a;
            for w in before.rsplit(' ').skip(1).take(5) {
                let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let titled = word.chars().next().is_some_and(char::is_uppercase)
                    || IGO_ROLES.contains(&word.to_lowercase().as_str());
                if word.is_empty() || !titled {
                    break;
                }
                from = from.saturating_sub(w.len() + 1);
            }
            while from < a && !text.is_char_boundary(from) {
                from += 1;
            }
            if from < a {
                segs.push((from, a));
            }
        }
        for (x, y) in segs {
            let seg = &text[x..y];
            let low = seg.to_lowercase();
            let has_role = low
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| IGO_ROLES.contains(&w));
            if !has_role {
                continue;
            }
            let inside = |s: griot_text::Span| (s.start as usize) >= x && (s.end as usize) <= y;
            // mentions are in text order: only those starting inside the segment are read
            let lo = doc.mentions.partition_point(|o| (o.span.start as usize) < x);
            let hi = doc.mentions.partition_point(|o| (o.span.start as usize) < y);
            let near = doc.mentions.get(lo..hi.max(lo)).unwrap_or(&[]);
            let igo = near.iter().find(|o| {
                o.kind == MentionKind::Igo && o.country.is_some() && inside(o.span) && {
                    // "ambassador to the UN" acts for a state, not for the UN
                    let pre = text[x..o.span.start as usize].trim_end().to_lowercase();
                    !(pre.ends_with(" to") || pre.ends_with(" to the") || pre.ends_with(" at") || pre.ends_with(" at the") || pre.ends_with(" with") || pre.ends_with(" with the"))
                }
            });
            let Some(igo) = igo else { continue };
            // "Ethiopia's representative at the AU": a state named before it wins
            let state_first = near.iter().any(|o| {
                o.kind == MentionKind::Country && inside(o.span) && o.span.start < igo.span.start
            });
            if state_first {
                continue;
            }
            if let Some(c) = igo.country.clone() {
                out.push((root, c));
                break;
            }
        }
    }
    out
}

/// The last word of a phrase, lower-cased: its head in English noun phrases ("other
/// alliance foreign ministers" -> "ministers").
pub(crate) fn head_word(phrase: &str) -> String {
    phrase
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

pub(crate) fn ctx_mode() -> u32 {
    static M: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *M.get_or_init(|| std::env::var("GRIOT_CTX").ok().and_then(|v| v.parse().ok()).unwrap_or(255))
}

fn place_country(doc: &Doc, m: MentionId) -> Option<String> {
    let me = doc.mentions.get(m.index())?;
    me.location().and_then(|p| p.country.clone())
}

impl ArticleContext {
    pub(crate) fn new(doc: &Doc) -> ArticleContext {
        let dateline = doc
            .mentions
            .iter()
            .find(|m| m.origin.rule == "dateline")
            .and_then(|m| m.location().and_then(|p| p.country.clone()).or_else(|| m.country.clone()));
        // Dominant country: the state most often named (as actor or place); it must lead
        // clearly (at least 3 mentions and more than half again the runner-up), else none.
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            let c = match m.kind {
                MentionKind::Country | MentionKind::Nominal => m.country.clone(),
                MentionKind::Place => m.location().and_then(|p| p.country.clone()),
                _ => None,
            };
            let Some(c) = c else { continue };
            if c.len() != 3 {
                continue;
            }
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c, 1, i)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let dominant = match counts.as_slice() {
            [first, rest @ ..] if first.1 >= 3 => {
                let second = rest.first().map_or(0, |x| x.1);
                (first.1 * 2 >= second * 3 && first.1 > second).then(|| first.0.clone())
            }
            _ => None,
        };
        let igo_roles = igo_roles(doc);
        let sentence_mentions = sentence_mentions(doc);
        let sentence_places = sentence_places(doc, &sentence_mentions);
        ArticleContext { dateline, dominant, igo_roles, sentence_places, sentence_mentions }
    }

    /// The international organisation a person acts for in this article, when a title
    /// next to one of their mentions says so ("Jens Stoltenberg, the Nato Secretary
    /// General"; "the chairperson of the African Union commission, Moussa Faki").
    pub(crate) fn igo_role(&self, doc: &Doc, m: MentionId) -> Option<&str> {
        let root = doc.resolve(m);
        self.igo_roles.iter().find(|(r, _)| *r == root).map(|(_, c)| c.as_str())
    }

    /// The indices of the mentions inside sentence `s`, in mention order.
    pub(crate) fn mentions_in(&self, s: SentenceId) -> &[u32] {
        self.sentence_mentions.get(s.index()).map_or(&[], |v| v.as_slice())
    }

    /// Fills the country (and sector) of a generic participant from context.
    /// `home`: the state of an actor that is one of a state's own institutions (police,
    /// courts, government) acting on a generic recipient ("Turkish police arrested
    /// opposition leaders"): the recipient belongs to that state unless a place in the
    /// sentence says otherwise (guessed: "domestic").
    pub(crate) fn fill(&self, doc: &Doc, p: &mut Participant, sentence: SentenceId, location: Option<MentionId>, home: Option<&str>) {
        if p.country.is_some() {
            return;
        }
        let mut mention = p.mention.and_then(|m| doc.mentions.get(m.index()));
        let mut span = p.span;
        // a pronoun stands for its antecedent: "they" after "army officers" is generic too
        if let Some(m) = p.mention.filter(|_| ctx_mode() & 1 != 0 && mention.is_some_and(|x| x.kind == MentionKind::Pronoun)) {
            let root = doc.resolve(m);
            if root != m {
                if let Some(r) = doc.mentions.get(root.index()) {
                    mention = Some(r);
                    span = r.span;
                }
            }
        }
        let head = head_word(doc.slice(span));
        let generic_sector = GENERIC.iter().find(|(w, _)| *w == head).map(|(_, s)| *s);
        let person = mention.is_some_and(|m| m.kind == MentionKind::Person);
        let generic = match mention.map(|m| m.kind) {
            None => {
                generic_sector.is_some()
                    || IGO_HEADS.contains(&head.as_str())
                    || STATE_GROUP_HEADS.contains(&head.as_str())
            }
            Some(MentionKind::Nominal) => true,
            // "Six Arab nations": the phrase's mention is the adjective, its head a group of states
            Some(MentionKind::Other) => generic_sector.is_some() || STATE_GROUP_HEADS.contains(&head.as_str()),
            Some(MentionKind::Organisation) => generic_sector.is_some(),
            Some(MentionKind::Person) => ctx_mode() & 2 != 0,
            _ => false,
        };
        if !generic {
            return;
        }
        if person {
            // a named person the lexicon does not know: the state the article is about
            if let Some(c) = self.dominant.clone() {
                p.country = Some(c);
                p.guessed = Some("article".to_string());
            }
            return;
        }
        if p.sector.is_none() {
            p.sector = mention.and_then(|m| m.sector.clone()).or(generic_sector.map(str::to_string));
        }
        // "these countries", "the six nations": the states listed before
        if STATE_GROUP_HEADS.contains(&head.as_str()) && ctx_mode() & 32 != 0 {
            let phrase = doc.slice(span).to_lowercase();
            let other = phrase.split_whitespace().any(|w| matches!(w, "other" | "many" | "some" | "several" | "western" | "european"));
            if !other {
                if let Some(c) = state_list_antecedent(doc, sentence, span.start) {
                    p.country = Some(c);
                    p.guessed = Some("antecedent".to_string());
                }
            }
            return;
        }
        // "the alliance", "the continental organisation", "the bloc": the international
        // organisation named last before it (within a few sentences)
        // ("other alliance foreign ministers", "bloc leaders": the members' organisation)
        let igo_modifier = generic_sector.is_some()
            && doc.slice(span).to_lowercase().split_whitespace().any(|w| matches!(w, "alliance" | "bloc" | "coalition" | "organisation" | "organization" | "alliance's" | "bloc's"));
        if IGO_HEADS.contains(&head.as_str()) || igo_modifier {
            let from = sentence.index().saturating_sub(3);
            let lo = doc.sentences.get(from).map_or(0, |s| s.span.start);
            if let Some(m) = doc
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Igo && m.country.is_some())
                .filter(|m| m.span.start >= lo && m.span.end <= p.span.start)
                .last()
            {
                p.country = m.country.clone();
                p.guessed = Some("antecedent".to_string());
                return;
            }
        }
        // "supporters of former President Jair Bolsonaro", "members of the ruling party":
        // a generic group takes the state of the one it belongs to
        // (the phrase's own sentence: a pronoun's antecedent may stand in an earlier one)
        let own = SentenceId(doc.sentences.partition_point(|s| s.span.end < span.end) as u32);
        if let Some(c) = of_phrase_country(doc, span, self.mentions_in(own)) {
            p.country = Some(c);
            p.guessed = Some("of_phrase".to_string());
            return;
        }
        let guess = self.state_of(doc, p.span, sentence, location);
        let guess = match (guess, home) {
            (Some(g), _) if g.1 == "sentence_place" => Some(g),
            (_, Some(h)) => Some((h.to_string(), "domestic")),
            (g, None) => g,
        };
        if let Some((c, basis)) = guess {
            p.country = Some(c);
            p.guessed = Some(basis.to_string());
        }
    }

    /// The state an event in `sentence` most likely happens in, with the basis of the
    /// guess: a place named in the sentence (outside `not`), the event's place, the
    /// dateline, the article's dominant country.
    pub(crate) fn state_of(
        &self,
        doc: &Doc,
        not: griot_text::Span,
        sentence: SentenceId,
        location: Option<MentionId>,
    ) -> Option<(String, &'static str)> {
        let in_sentence = self
            .sentence_places
            .get(sentence.index())
            .and_then(|places| places.iter().find(|(span, _)| !not.overlaps(*span)).map(|(_, c)| c.clone()));
        in_sentence
            .map(|c| (c, "sentence_place"))
            .or_else(|| location.and_then(|l| place_country(doc, l)).map(|c| (c, "event_place")))
            .or_else(|| self.dateline.clone().map(|c| (c, "dateline")))
            .or_else(|| self.dominant.clone().filter(|_| ctx_mode() & 256 == 0).map(|c| (c, "article")))
    }
}
