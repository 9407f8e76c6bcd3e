//! Grouping scenarios with hand-built summaries: the seed article and three rewrites of it
//! by other outlets, a later Niger-US happening, a visit in the same week, an unrelated
//! story, a syndicated copy.

use chrono::NaiveDate;
use griot_text::record::SpanText;
use griot_text::{EventStatus, Precision, QuantityKind};

use crate::*;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn span(text: &str) -> SpanText {
    SpanText { start: 10, end: 10 + text.len(), text: text.to_string() }
}

fn actor(code: &str) -> Option<ActorKey> {
    Some(ActorKey { country: Some(code.into()), name: code.into(), sector: None, start: 0, end: 3 })
}

/// An event key: type, actor, recipient, date value, sentence, trigger words.
fn ev(kind: &str, a: &str, r: &str, date: &str, published: &str, sentence: u32, trigger: &str) -> EventKey {
    let range = parse_timex(date);
    let background = match (range, day(published)) {
        (Some(r), Some(p)) => (p - r.last).num_days() > BACKGROUND_DAYS,
        _ => false,
    };
    EventKey {
        id: String::new(),
        event_type: kind.into(),
        mode: None,
        cameo: None,
        actor: actor(a),
        recipient: actor(r),
        date: Some(DateKey { value: date.into(), precision: Precision::Day, range, basis: "on Saturday".into() }),
        place: None,
        sentence,
        sentence_text: span(trigger),
        trigger: span(trigger),
        evidence: vec![span(trigger)],
        quantities: vec![],
        status: EventStatus::Asserted,
        rule: "test".into(),
        background,
    }
}

fn with_count(mut e: EventKey, value: f64, text: &str) -> EventKey {
    e.quantities.push(QuantityKey { value, kind: QuantityKind::Count, counted: Some("US personnel".into()), text: span(text) });
    e
}

fn article(id: &str, date: &str, outlet: &str, title: &str, text: &str, events: Vec<EventKey>) -> ArticleSummary {
    let mut s = ArticleSummary::from_text(id, day(date), Some(outlet), title, text);
    s.events = events;
    s
}

const SEED: &str = "Niger's military junta has officially revoked a military pact permitting the deployment of US personnel within the country. The announcement, made on Saturday, coincided with a visit from a Washington delegation to Niamey earlier in the week. US forces used their presence in Niger to monitor extremist activity within the region. Colonel Amadou Abdramane, Niger's military spokesperson, declared on national television that the US presence was unlawful. Approximately 650 US personnel are believed to be stationed in Niger, with a drone base near Agadez. Niger's military seized power last July, overthrowing President Mohamed Bazoum.";

fn seed_and_rewrites() -> Vec<ArticleSummary> {
    vec![
        article("bbc-niger-pact", "2024-03-17", "bbc.example", "Niger junta revokes military pact with US", SEED, vec![
            with_count(ev("SANCTION", "NER", "USA", "2024-03-16", "2024-03-17", 0, "revoked"), 650.0, "650"),
            ev("CONSULT", "USA", "NER", "2024-W11", "2024-03-17", 1, "visit"),
            ev("ACCUSE", "NER", "USA", "2024-03-16", "2024-03-17", 3, "declared"),
            ev("COERCE", "NER", "NER", "2023-07", "2024-03-17", 5, "seized power"),
        ]),
        article("wire-niger-ends", "2024-03-17", "wire.example", "Niger ends military cooperation agreement with United States",
            "NIAMEY - Niger's ruling junta said it was ending with immediate effect a military cooperation agreement with the United States that allowed some 1,100 US troops to operate in the country. Spokesman Amadou Abdramane announced the decision on television after a US delegation led by a State Department official left Niamey. The United States has a drone base in Agadez used against militants in the Sahel. The junta took power in a coup last July.",
            vec![
                with_count(ev("SANCTION", "NER", "USA", "2024-03-16", "2024-03-17", 0, "ending"), 1100.0, "1,100"),
                ev("CONSULT", "USA", "NER", "2024-W11", "2024-03-17", 1, "delegation"),
                ev("COERCE", "NER", "NER", "2023-07", "2024-03-17", 3, "coup"),
            ]),
        article("sahel-daily-pact", "2024-03-18", "saheldaily.example", "Junta tears up defence deal with Washington",
            "Niamey's military rulers have torn up the defence pact that let American troops and a drone base operate in Niger, calling the US military presence illegal. Colonel Abdramane accused the visiting US delegation of a condescending attitude and of threatening reprisals. About 650 American military personnel are in Niger.",
            vec![
                with_count(ev("SANCTION", "NER", "USA", "2024-03-16", "2024-03-18", 0, "torn up"), 650.0, "650"),
                ev("ACCUSE", "NER", "USA", "2024-03-16", "2024-03-18", 1, "accused"),
            ]),
        article("globe-niger-us", "2024-03-19", "globe.example", "Why Niger told US troops to leave",
            "Niger's decision to revoke its military agreement with the United States, announced on Sunday by junta spokesman Amadou Abdramane, leaves the future of a US drone base in Agadez in doubt. American officials said they were seeking clarification from the junta in Niamey. Analysts say the junta is moving closer to Russia after expelling French troops.",
            vec![ev("SANCTION", "NER", "USA", "2024-03-17", "2024-03-19", 0, "revoke")]),
    ]
}

fn withdrawal() -> ArticleSummary {
    article("wire-niger-withdrawal", "2024-05-20", "wire.example", "US agrees to withdraw troops from Niger by September",
        "The United States and Niger agreed on Sunday that US troops will leave Niger by September 15, ending a military presence in the country. The agreement followed talks in Niamey between Niger's junta and a US delegation. About 1,000 US military personnel remain at the drone base in Agadez.",
        vec![ev("AGREE", "USA", "NER", "2024-05-19", "2024-05-20", 0, "agreed"), ev("RETREAT", "USA", "NER", "2024-09-15", "2024-05-20", 0, "leave")])
}

fn unrelated() -> ArticleSummary {
    article("senegal-vote", "2024-03-18", "bbc.example", "Senegal opposition leader freed before vote",
        "Senegal's main opposition leader Ousmane Sonko and his candidate Bassirou Diomaye Faye were released from prison in Dakar ten days before the presidential election, after an amnesty law was passed by parliament.",
        vec![ev("CONCEDE", "SEN", "SEN", "2024-03-14", "2024-03-18", 0, "released")])
}

fn revocation(story: &Story) -> &StoryEvent {
    story.events.iter().find(|e| e.event_type == "SANCTION").expect("a SANCTION event")
}

#[test]
fn seed_and_three_rewrites_make_one_story() {
    let mut index = StoryIndex::default();
    let assignments: Vec<Assignment> = seed_and_rewrites().into_iter().map(|s| index.add(s)).collect();
    assert!(assignments.iter().all(|a| a.story == assignments[0].story), "{assignments:?}");
    let story = index.story(assignments[0].story).unwrap();
    assert_eq!(story.num_articles, 4);
    assert_eq!(story.num_sources, 4);
    assert_eq!(story.start, day("2024-03-17"));
    assert_eq!(story.end, day("2024-03-19"));
    let e = revocation(&story);
    assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (4, 4, 4));
    assert_eq!((e.actor.as_deref(), e.recipient.as_deref()), (Some("NER"), Some("USA")));
    assert_eq!(e.date.as_ref().map(|d| d.value.as_str()), Some("2024-03-16"));
    // Disagreements are kept: 650 vs 1,100 personnel; 16 vs 17 March.
    let counts = &e.quantities[0].values;
    assert_eq!((counts[0].value, counts[0].articles.len()), (650.0, 2));
    assert_eq!((counts[1].value, counts[1].articles.len()), (1100.0, 1));
    assert!(e.disagreements.contains(&"count: 650 (2 articles) vs 1100 (1)".to_string()), "{:?}", e.disagreements);
    assert!(e.disagreements.contains(&"date: 2024-03-16 (3 articles) vs 2024-03-17 (1)".to_string()), "{:?}", e.disagreements);
    // The visit is another event of the same story, not merged with the revocation.
    let visit = story.events.iter().find(|e| e.event_type == "CONSULT").unwrap();
    assert_eq!(visit.num_articles, 2);
    // The coup "last July" keeps its own date and is background.
    let coup = story.events.iter().find(|e| e.event_type == "COERCE").unwrap();
    assert!(coup.background);
    assert_eq!(coup.date.as_ref().map(|d| d.value.as_str()), Some("2023-07"));
    assert_eq!(story.events.last().map(|e| e.background), Some(true));
    assert_eq!(story.actors[0], ("NER".to_string(), 4));
}

#[test]
fn a_different_niger_us_happening_does_not_join() {
    let mut index = StoryIndex::default();
    for s in seed_and_rewrites() {
        index.add(s);
    }
    let fifth = index.add(withdrawal());
    let other = index.add(unrelated());
    let seed_story = index.story_of("bbc-niger-pact").unwrap();
    assert_ne!(fifth.story, seed_story);
    assert_ne!(other.story, seed_story);
    let story = index.story(seed_story).unwrap();
    assert_eq!(story.num_articles, 4);
    assert!(story.events.iter().all(|e| e.mentions.iter().all(|m| m.article_id != "wire-niger-withdrawal")));
    assert_eq!(revocation(&story).num_mentions, 4);
}

#[test]
fn same_week_visit_article_keeps_events_apart() {
    // An article only about the visit, published before the revocation.
    let visit = article("visit-niamey", "2024-03-14", "state.example", "US delegation holds talks with Niger junta in Niamey",
        "A US delegation led by Assistant Secretary of State Molly Phee held talks with Niger's military leaders in Niamey this week about the transition and security cooperation.",
        vec![ev("CONSULT", "USA", "NER", "2024-W11", "2024-03-14", 0, "held talks")]);
    let mut all = seed_and_rewrites();
    all.push(visit);
    let (index, _) = StoryIndex::from_summaries(Params::default(), all);
    let story = index.story(index.story_of("bbc-niger-pact").unwrap()).unwrap();
    let e = revocation(&story);
    assert_eq!(e.num_mentions, 4);
    assert!(e.mentions.iter().all(|m| m.article_id != "visit-niamey"));
    if let Some(s) = index.story_of("visit-niamey").and_then(|id| index.story(id)) {
        let consult = s.events.iter().find(|e| e.event_type == "CONSULT").unwrap();
        assert!(consult.mentions.iter().any(|m| m.article_id == "visit-niamey"));
    }
}

#[test]
fn grouping_is_order_independent_after_regroup() {
    let mut all = seed_and_rewrites();
    all.push(withdrawal());
    all.push(unrelated());
    let (canonical, _) = StoryIndex::from_summaries(Params::default(), all.clone());
    let want: Vec<(StoryId, Vec<&str>)> = canonical.story_ids().into_iter().map(|id| (id, canonical.members(id))).collect();
    for rotation in 0..all.len() {
        let mut order = all.clone();
        order.rotate_left(rotation);
        order.swap(0, rotation % 3);
        let mut index = StoryIndex::default();
        for s in order {
            index.add(s);
        }
        index.regroup();
        let got: Vec<(StoryId, Vec<&str>)> = index.story_ids().into_iter().map(|id| (id, index.members(id))).collect();
        assert_eq!(got, want, "rotation {rotation}");
    }
    // The story id is that of the first article in (date, id) order.
    assert_eq!(canonical.story_of("globe-niger-us"), Some(StoryId::of_article("bbc-niger-pact")));
}

#[test]
fn late_earlier_article_renames_the_story() {
    let mut all = seed_and_rewrites();
    let seed = all.remove(0);
    let mut index = StoryIndex::default();
    let first = index.add(all.remove(0));
    for s in all {
        index.add(s);
    }
    let a = index.add(seed);
    assert_eq!(a.story, StoryId::of_article("bbc-niger-pact"));
    assert_eq!(a.replaces, vec![first.story]);
    assert_eq!(index.story_of("wire-niger-ends"), Some(a.story));
}

#[test]
fn near_duplicates_are_found() {
    let copy_text = format!("{SEED} The State Department said it was aware of the statement.");
    let mut index = StoryIndex::default();
    let a = index.add(article("bbc-niger-pact", "2024-03-17", "bbc.example", "Niger junta revokes military pact with US", SEED, vec![]));
    let b = index.add(article("copy-1", "2024-03-18", "aggregator.example", "Niger junta revokes US pact", &copy_text, vec![]));
    assert_eq!(b.near_duplicate_of.as_deref(), Some("bbc-niger-pact"));
    assert_eq!(b.story, a.story);
    // A trimmed copy (first half only) is contained in the original.
    let half: String = SEED.split(". ").take(3).collect::<Vec<_>>().join(". ");
    let c = index.add(article("trim-1", "2024-03-17", "short.example", "", &half, vec![]));
    assert_eq!(c.near_duplicate_of.as_deref(), Some("bbc-niger-pact"));
    let d = index.add(unrelated());
    assert_eq!(d.near_duplicate_of, None);
    assert_eq!(index.near_duplicate_of("copy-1"), Some("bbc-niger-pact"));
}

#[test]
fn index_survives_serde_round_trip() {
    let mut index = StoryIndex::default();
    for s in seed_and_rewrites() {
        index.add(s);
    }
    index.add(unrelated());
    let json = serde_json::to_string(&index).unwrap();
    let mut back: StoryIndex = serde_json::from_str(&json).unwrap();
    assert_eq!(back.story_ids(), index.story_ids());
    for id in index.story_ids() {
        assert_eq!(back.members(id), index.members(id));
        assert_eq!(back.story(id), index.story(id));
    }
    let again = back.add(withdrawal());
    let fresh = index.add(withdrawal());
    assert_eq!(again, fresh);
    // Adding an id twice changes nothing.
    let twice = back.add(withdrawal());
    assert_eq!(twice.story, again.story);
    assert_eq!(back.len(), 6);
}

#[test]
fn text_only_grouping_still_groups_rewrites() {
    let params = Params { use_events: false, ..Params::default() };
    let mut all = seed_and_rewrites();
    all.push(withdrawal());
    all.push(unrelated());
    let (index, _) = StoryIndex::from_summaries(params, all);
    let seed = index.story_of("bbc-niger-pact").unwrap();
    assert_ne!(index.story_of("wire-niger-withdrawal"), Some(seed));
    assert_ne!(index.story_of("senegal-vote"), Some(seed));
    let together = ["wire-niger-ends", "sahel-daily-pact", "globe-niger-us"].iter().filter(|a| index.story_of(a) == Some(seed)).count();
    assert!(together >= 2, "only {together} rewrites joined on text alone");
}

#[test]
fn gdelt_rows_carry_counts() {
    let (index, _) = StoryIndex::from_summaries(Params::default(), seed_and_rewrites());
    let stories = index.stories();
    let events = gdelt_events(&stories);
    let mentions = gdelt_mentions(&stories);
    let rev = events.iter().find(|r| r.event_type == "SANCTION").unwrap();
    assert_eq!((rev.num_mentions, rev.num_sources, rev.num_articles), (4, 4, 4));
    assert_eq!(rev.sql_date, Some(20240316));
    assert_eq!(rev.quad_class, Some(4));
    assert_eq!(rev.date_added, Some(20240317));
    assert!(rev.is_root_event);
    assert_eq!(mentions.iter().filter(|m| m.global_event_id == rev.global_event_id).count(), 4);
    let coup = events.iter().find(|r| r.event_type == "COERCE").unwrap();
    assert_eq!(coup.sql_date, Some(20230701));
    let mut out = Vec::new();
    write_mentions_tsv(&mentions, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), mentions.len() + 1);
    assert!(text.lines().all(|l| l.split('\t').count() == gdelt::MENTION_COLUMNS.len()));
}

#[test]
fn story_ids_parse_back() {
    let id = StoryId::of_article("bbc-niger-pact");
    let s = id.to_string();
    assert_eq!(s.len(), 16);
    assert_eq!(s.parse::<StoryId>(), Ok(id));
    assert!("zz".parse::<StoryId>().is_err());
    assert!("ffffffffffffffff".parse::<StoryId>().is_err());
}
