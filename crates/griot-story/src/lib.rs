//! griot-story groups the articles that report one happening into a story and merges their
//! events. It owns: the per-article [`ArticleSummary`] that grouping needs ([`summarize`]),
//! near-duplicate detection (MinHash over word shingles with LSH buckets), the incremental
//! [`StoryIndex`] (cost per article bounded, independent of the store size), the [`Story`]
//! view with merged [`StoryEvent`]s (mentions, sources, agreed values and disagreements),
//! and GDELT-style export rows ([`gdelt_events`], [`gdelt_mentions`]).
//!
//! It does not read or write anything, read a clock or draw random numbers: all hashing uses
//! fixed seeds, and the store persists the summaries (or the whole index, which is `serde`).
//! It does not code events (griot-code does); without events it groups on text alone.
//!
//! ```
//! use griot_story::{ArticleSummary, StoryIndex};
//! let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
//! let a = ArticleSummary::from_text("a1", day, Some("one.example"), "Niger revokes US military pact",
//!     "Niger's junta revoked the military pact that allowed US troops to be based in the country.");
//! let b = ArticleSummary::from_text("b1", day, Some("two.example"), "Niger ends military pact with US",
//!     "The junta in Niger said it had revoked the military pact permitting US troops in the country.");
//! let mut index = StoryIndex::default();
//! let first = index.add(a);
//! let second = index.add(b);
//! assert_eq!(first.story, second.story);
//! let story = index.story(first.story).unwrap();
//! assert_eq!(story.num_sources, 2);
//! ```

pub mod dates;
pub mod gdelt;
pub mod incremental;
pub mod index;
pub mod pack;
pub mod summary;
pub mod text;
pub mod view;

pub use dates::{parse_timex, DayRange};
pub use gdelt::{gdelt_events, gdelt_mentions, write_events_tsv, write_mentions_tsv, GdeltEventRow, GdeltMentionRow};
pub use incremental::{update as update_stories, Pending, StoredArticle, StoredArticles, Update};
pub use pack::{pack_summary, read_summary};
pub use index::{Assignment, PairScore, Params, StoryId, StoryIndex};
pub use summary::{summarize, ActorKey, ArticleSummary, DateKey, EventKey, PlaceKey, QuantityKey, BACKGROUND_DAYS};
pub use view::{build_story, merge_events, EventMention, QuantityTally, Story, StoryArticle, StoryEvent, Tally};

#[cfg(test)]
mod incremental_tests;
#[cfg(test)]
mod tests;
