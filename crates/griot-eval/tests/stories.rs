//! End to end: the seed article and three rewrites of it by other outlets, through the whole
//! pipeline, make one story whose revocation event has 4 mentions from 4 sources; an article
//! about a later Niger-US happening (the withdrawal agreement) does not join its events.

use std::path::Path;

use griot_eval::stories::read_labelled;
use griot_pipeline::{Pipeline, Settings};
use griot_story::{summarize, StoryIndex};

#[test]
fn seed_and_rewrites_make_one_story_with_one_revocation() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/stories/stories.jsonl");
    let items = read_labelled(&path).unwrap();
    let wanted = ["seed-niger-us-pact", "wire-niger-ends-accord", "sahel-daily-pact-torn-up", "globe-why-niger-told-us-leave", "wire-us-niger-withdrawal-deal"];
    let pipeline = Pipeline::load(&Settings::default()).unwrap();
    let mut index = StoryIndex::default();
    for id in wanted {
        let item = items.iter().find(|l| l.article.id == id).unwrap();
        index.add(summarize(&pipeline.run(item.article.clone())));
    }
    let story_id = index.story_of("seed-niger-us-pact").unwrap();
    let story = index.story(story_id).unwrap();
    let why: Vec<String> = wanted[1..4]
        .iter()
        .chain(["seed-niger-us-pact"].iter())
        .map(|b| {
            let events: Vec<String> = index
                .summary(b)
                .map(|s| {
                    s.events
                        .iter()
                        .map(|e| format!("{}:{} {:?}->{:?} {:?} s{}", e.event_type, e.trigger.text, e.actor_country(), e.recipient_country(), e.date.as_ref().map(|d| &d.value), e.sentence))
                        .collect()
                })
                .unwrap_or_default();
            format!("{b}: {:?} {events:?}", index.explain("seed-niger-us-pact", b))
        })
        .collect();
    assert_eq!(story.num_articles, 4, "{:#?}", why);
    let revocation = story
        .events
        .iter()
        .filter(|e| e.actor.as_deref() == Some("NER") && e.recipient.as_deref() == Some("USA"))
        .max_by_key(|e| e.num_mentions)
        .expect("a NER->USA event");
    assert_eq!((revocation.num_mentions, revocation.num_sources), (4, 4), "{revocation:#?}");
    assert_ne!(index.story_of("wire-us-niger-withdrawal-deal"), Some(story_id));
    assert!(story.events.iter().all(|e| e.mentions.iter().all(|m| m.article_id != "wire-us-niger-withdrawal-deal")));
}
