//! Incremental stories equal the canonical grouping: a synthetic store of topics spread over
//! three months (rewrites, syndicated copies, undated articles) is grouped batch by batch in
//! several orders, and after every batch the stored stories are compared with
//! `StoryIndex::from_summaries` of everything stored so far.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::dates::day_number;
use crate::incremental::{update, Pending, StoredArticle, StoredArticles};
use crate::*;

/// SplitMix64 with a fixed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn word(&mut self) -> String {
        let len = 5 + self.below(4);
        (0..len)
            .map(|_| char::from(b'a' + self.below(26) as u8))
            .collect()
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

/// Articles on `topics` topics over 90 days: each topic a few days long, told by several
/// outlets in words of its own and common words, with some syndicated copies; a few topics
/// are undated.
fn corpus(seed: u64, topics: usize) -> Vec<ArticleSummary> {
    let mut rng = Rng(seed);
    let common: Vec<String> = (0..400).map(|_| rng.word()).collect();
    let mut out = Vec::new();
    for t in 0..topics {
        let vocab: Vec<String> = (0..14).map(|_| rng.word()).collect();
        let start = rng.below(90) as i64;
        let undated = t % 9 == 8;
        let n = 2 + rng.below(9);
        for k in 0..n {
            let day = start + rng.below(6) as i64;
            let date = (!undated).then(|| base() + chrono::Duration::days(day));
            let words: Vec<&str> = (0..70)
                .map(|_| {
                    if rng.below(10) < 6 {
                        vocab[rng.below(vocab.len())].as_str()
                    } else {
                        common[rng.below(common.len())].as_str()
                    }
                })
                .collect();
            let text = words.join(" ");
            let title: Vec<&str> = (0..5)
                .map(|_| vocab[rng.below(vocab.len())].as_str())
                .collect();
            let id = format!("t{t}-{k}-{}", rng.below(1000));
            let outlet = format!("o{}.example", rng.below(12));
            out.push(ArticleSummary::from_text(
                &id,
                date,
                Some(&outlet),
                &title.join(" "),
                &text,
            ));
            if rng.below(5) == 0 {
                // a syndicated copy, a day later, one word changed
                let mut copy = words.clone();
                copy[3] = common[rng.below(common.len())].as_str();
                let date = date.map(|d| d + chrono::Duration::days(1));
                let outlet = format!("o{}.example", rng.below(12));
                out.push(ArticleSummary::from_text(
                    &format!("{id}-copy"),
                    date,
                    Some(&outlet),
                    &title.join(" "),
                    &copy.join(" "),
                ));
            }
        }
    }
    out
}

/// A store in memory: the summaries with their stories, and the story views.
#[derive(Default)]
struct Memory {
    articles: HashMap<String, StoredArticle>,
    stories: BTreeMap<StoryId, Story>,
    /// Articles read back, over all updates.
    read: usize,
}

impl StoredArticles for Memory {
    type Error = std::convert::Infallible;
    fn dated(&mut self, from: i64, to: i64) -> Result<Vec<StoredArticle>, Self::Error> {
        let v: Vec<StoredArticle> = self
            .articles
            .values()
            .filter(|a| {
                a.summary
                    .date
                    .map(day_number)
                    .is_some_and(|d| from <= d && d <= to)
            })
            .cloned()
            .collect();
        self.read += v.len();
        Ok(v)
    }
    fn undated(&mut self) -> Result<Vec<StoredArticle>, Self::Error> {
        Ok(self
            .articles
            .values()
            .filter(|a| a.summary.date.is_none())
            .cloned()
            .collect())
    }
    fn last_day(&mut self) -> Result<Option<i64>, Self::Error> {
        Ok(self
            .articles
            .values()
            .filter_map(|a| a.summary.date.map(day_number))
            .max())
    }
}

impl Memory {
    /// Stores a batch and brings the stories up to date.
    fn ingest(&mut self, batch: &[ArticleSummary]) -> Update {
        let mut pending = Vec::new();
        for s in batch {
            pending.push(Pending {
                id: s.id.clone(),
                day: s.date.map(day_number),
                was_in: None,
            });
            self.articles.insert(
                s.id.clone(),
                StoredArticle {
                    summary: s.clone(),
                    story: None,
                    near_duplicate_of: None,
                },
            );
        }
        self.apply(&pending)
    }

    fn apply(&mut self, pending: &[Pending]) -> Update {
        let up = update(&Params::default(), self, pending).unwrap();
        for a in &up.assignments {
            let stored = self
                .articles
                .get_mut(&a.article)
                .expect("assigned article is stored");
            stored.story = Some(a.story);
            stored.near_duplicate_of = a.near_duplicate_of.clone();
        }
        for id in &up.removed {
            self.stories.remove(id);
        }
        for s in &up.stories {
            self.stories.insert(s.id, s.clone());
        }
        up
    }

    /// Asserts that the stored stories are the canonical grouping of the stored summaries.
    fn check(&self, what: &str) {
        let (canon, _) = StoryIndex::from_summaries(
            Params::default(),
            self.articles.values().map(|a| a.summary.clone()),
        );
        for (id, a) in &self.articles {
            assert_eq!(a.story, canon.story_of(id), "{what}: story of {id}");
            assert_eq!(
                a.near_duplicate_of.as_deref(),
                canon.near_duplicate_of(id),
                "{what}: near duplicate of {id}"
            );
        }
        let views: BTreeMap<StoryId, Story> =
            canon.stories().into_iter().map(|s| (s.id, s)).collect();
        assert_eq!(self.stories.len(), views.len(), "{what}: number of stories");
        for (id, v) in &views {
            assert_eq!(self.stories.get(id), Some(v), "{what}: view of story {id}");
        }
    }
}

fn run_in_batches(all: &[ArticleSummary], batch: usize, what: &str) -> Memory {
    let mut mem = Memory::default();
    for (i, chunk) in all.chunks(batch).enumerate() {
        mem.ingest(chunk);
        mem.check(&format!("{what}, after batch {i}"));
    }
    mem
}

fn chronological(all: &[ArticleSummary]) -> Vec<ArticleSummary> {
    let mut v = all.to_vec();
    v.sort_by_key(|s| (s.date.map(day_number).unwrap_or(i64::MAX), s.id.clone()));
    v
}

#[test]
fn corpus_has_stories_copies_and_undated_articles() {
    let all = corpus(7, 60);
    let (canon, _) = StoryIndex::from_summaries(Params::default(), all.clone());
    let stories = canon.stories();
    assert!(
        stories.iter().any(|s| s.num_articles >= 3),
        "some stories group several articles"
    );
    assert!(
        stories.len() < all.len() * 3 / 4,
        "grouping groups: {} stories of {} articles",
        stories.len(),
        all.len()
    );
    assert!(
        all.iter().any(|s| canon.near_duplicate_of(&s.id).is_some()),
        "copies are found"
    );
    assert!(all.iter().any(|s| s.date.is_none()));
}

#[test]
fn chronological_batches_equal_the_canonical_grouping() {
    let all = chronological(&corpus(7, 60));
    run_in_batches(&all, 7, "chronological");
}

#[test]
fn shuffled_batches_equal_the_canonical_grouping() {
    let mut all = corpus(11, 50);
    Rng(5).shuffle(&mut all);
    run_in_batches(&all, 13, "shuffled by 13");
    let mut all = corpus(12, 30);
    Rng(6).shuffle(&mut all);
    run_in_batches(&all, 1, "shuffled one by one");
}

#[test]
fn reverse_chronological_batches_equal_the_canonical_grouping() {
    let mut all = chronological(&corpus(13, 50));
    all.reverse();
    run_in_batches(&all, 20, "reverse chronological");
}

#[test]
fn one_batch_equals_the_canonical_grouping() {
    let all = corpus(14, 40);
    run_in_batches(&all, all.len(), "one batch");
}

#[test]
fn a_batch_of_the_latest_news_reads_only_the_last_days() {
    let all = chronological(&corpus(15, 80));
    let dated: Vec<ArticleSummary> = all.iter().filter(|s| s.date.is_some()).cloned().collect();
    let (old, new) = dated.split_at(dated.len() - 5);
    let mut mem = Memory::default();
    mem.ingest(old);
    mem.read = 0;
    let up = mem.ingest(new);
    mem.check("latest");
    let first = new[0].date.map(day_number).unwrap();
    let near = old
        .iter()
        .filter(|s| {
            s.date.map(day_number).unwrap() >= first - incremental::horizon(&Params::default())
        })
        .count();
    assert!(
        up.read <= near + new.len(),
        "read {} of {} stored, {} within the horizon",
        up.read,
        old.len(),
        near
    );
    assert!(up.read < old.len() / 2, "read {} of {}", up.read, old.len());
}

#[test]
fn a_re_analysed_article_that_moved_in_time_is_regrouped() {
    let all = chronological(&corpus(16, 40));
    let mut mem = run_in_batches(&all, 25, "before the move");
    // move three articles by 20 days (a corrected date), as `ingest --force` would
    for (i, s) in all
        .iter()
        .filter(|s| s.date.is_some())
        .step_by(17)
        .take(3)
        .enumerate()
    {
        let old = mem.articles[&s.id].clone();
        let story = &mem.stories[&old.story.unwrap()];
        let was_in = Some((story.start.map(day_number), story.end.map(day_number)));
        let mut moved = s.clone();
        moved.date = s.date.map(|d| d + chrono::Duration::days(20));
        mem.articles.insert(
            s.id.clone(),
            StoredArticle {
                summary: moved.clone(),
                story: old.story,
                near_duplicate_of: old.near_duplicate_of,
            },
        );
        mem.apply(&[Pending {
            id: s.id.clone(),
            day: moved.date.map(day_number),
            was_in,
        }]);
        mem.check(&format!("after move {i}"));
    }
}
