//! Wiring of story grouping (griot-story, pure) to the store: summaries are saved as
//! articles are stored (with their publication day); after each ingest the stories of the
//! pending articles are brought up to date incrementally ([`regroup`]: the days the batch can
//! change are read back and regrouped, with the result of the canonical grouping of every
//! summary, whatever the arrival order), and written back in one transaction. [`rebuild`]
//! (`griot stories --rebuild`) regroups every summary from scratch, for repairs.

use std::io::{self, Write};

use anyhow::{Context, Result};
use griot_store::{EventStoryRow, Store, StoryArticleRow, StoryChange, StoryRow, SummaryItem};
use griot_story::dates::day_number;
use griot_story::{
    pack_summary, read_summary, summarize, ArticleSummary, Params, Pending, Story, StoryId, StoryIndex, StoredArticle,
    StoredArticles,
};
use griot_text::Doc;

use crate::safe::one_line;

/// Saves the story summaries of the stored articles among `docs` (under their stored ids).
pub fn save_summaries(store: &mut Store, docs: &[Doc]) -> Result<()> {
    let mut items = Vec::with_capacity(docs.len());
    for doc in docs {
        if let Some(id) = store.article_id_of_text(&doc.article.text)? {
            let mut summary = summarize(doc);
            summary.id = id.clone();
            let mut data = Vec::with_capacity(2048);
            pack_summary(&summary, &mut data);
            items.push(SummaryItem { article_id: id, day: summary.date.map(day_number), data });
        }
    }
    store.put_summaries(&items)?;
    Ok(())
}

/// Rewrites the JSON summaries of a store from before schema step 9 in the binary form
/// (same content), a thousand at a time.
fn upgrade_summaries(store: &mut Store) -> Result<()> {
    loop {
        let batch = store.summaries_to_upgrade(1000)?;
        if batch.is_empty() {
            return Ok(());
        }
        let mut items = Vec::with_capacity(batch.len());
        for (article, data) in batch {
            let summary = read_summary(&data)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("the story summary of article row {article} in the database is unreadable"))?;
            let mut packed = Vec::with_capacity(data.len() / 2);
            pack_summary(&summary, &mut packed);
            items.push((article, packed));
        }
        store.upgrade_summaries(&items)?;
    }
}

/// Summaries of articles stored by a run killed before they were saved (and the JSON
/// summaries of an older store, rewritten).
fn save_missing_summaries(store: &mut Store) -> Result<()> {
    upgrade_summaries(store)?;
    let missing = store.articles_without_summary()?;
    let mut docs = Vec::with_capacity(missing.len().min(1024));
    for id in &missing {
        if let Some(doc) = store.doc(id)? {
            docs.push(doc);
        }
        if docs.len() >= 256 {
            save_summaries(store, &docs)?;
            docs.clear();
        }
    }
    save_summaries(store, &docs)
}

/// The story rows (the story and the story event of each of its coded events) of a view.
fn rows_of(story: &Story, event_rows: &mut Vec<EventStoryRow>) -> Result<StoryRow> {
    for event in &story.events {
        for m in &event.mentions {
            let ids =
                if m.event_ids.is_empty() { vec![format!("{}:{}", m.article_id, m.trigger.start)] } else { m.event_ids.clone() };
            for event_id in ids {
                event_rows.push(EventStoryRow {
                    event_id,
                    story_id: story.id.to_string(),
                    story_event_id: i64::try_from(event.id).unwrap_or(i64::MAX),
                    num_mentions: event.num_mentions,
                    num_sources: event.num_sources,
                    num_articles: event.num_articles,
                });
            }
        }
    }
    Ok(StoryRow {
        id: story.id.to_string(),
        title: story.title.clone(),
        start: story.start.map(|d| d.format("%Y-%m-%d").to_string()),
        end: story.end.map(|d| d.format("%Y-%m-%d").to_string()),
        num_articles: story.num_articles,
        num_sources: story.num_sources,
        actors: story.actors.iter().map(|(c, _)| c.clone()).collect(),
        data: serde_json::to_string(story)?,
    })
}

/// The store as griot-story's incremental update reads it.
struct StoreArticles<'a>(&'a Store);

impl StoreArticles<'_> {
    fn convert(rows: Vec<griot_store::StoredSummary>) -> Result<Vec<StoredArticle>> {
        rows.into_iter()
            .map(|r| {
                let summary: ArticleSummary = read_summary(&r.data)
                    .map_err(anyhow::Error::msg)
                    .with_context(|| format!("the story summary of article {} in the database is unreadable", one_line(&r.article_id)))?;
                let story = match r.story_id.as_deref() {
                    Some(s) => Some(s.parse::<StoryId>().map_err(anyhow::Error::msg).with_context(|| {
                        format!("the story of article {} in the database is unreadable", one_line(&r.article_id))
                    })?),
                    None => None,
                };
                // the stored id is the article's id (a summary keeps the id it was made under)
                let summary = ArticleSummary { id: r.article_id, ..summary };
                Ok(StoredArticle { summary, story, near_duplicate_of: r.near_duplicate_of })
            })
            .collect()
    }
}

impl StoredArticles for StoreArticles<'_> {
    type Error = anyhow::Error;
    fn dated(&mut self, from: i64, to: i64) -> Result<Vec<StoredArticle>> {
        StoreArticles::convert(self.0.summaries_between(from, to)?)
    }
    fn undated(&mut self) -> Result<Vec<StoredArticle>> {
        StoreArticles::convert(self.0.summaries_undated()?)
    }
    fn last_day(&mut self) -> Result<Option<i64>> {
        Ok(self.0.last_summary_day()?)
    }
}

fn day_of(iso: Option<&str>) -> Option<i64> {
    iso.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(day_number)
}

/// Brings the stories up to date with the articles stored (or re-analysed) since they were
/// last written: only the days those articles can change are read back and regrouped.
/// Returns the number of stories.
pub fn regroup(store: &mut Store) -> Result<usize> {
    save_missing_summaries(store)?;
    let pending: Vec<Pending> = store
        .pending_stories()?
        .into_iter()
        .filter(|p| p.has_summary)
        .map(|p| Pending {
            id: p.article_id,
            day: p.day,
            was_in: p.previous.map(|s| (day_of(s.start.as_deref()), day_of(s.end.as_deref()).or(day_of(s.start.as_deref())))),
        })
        .collect();
    if pending.is_empty() {
        return Ok(store.story_count()?);
    }
    let update = griot_story::update_stories(&Params::default(), &mut StoreArticles(store), &pending)?;
    let mut change = StoryChange { done: pending.into_iter().map(|p| p.id).collect(), ..Default::default() };
    for story in &update.stories {
        change.stories.push(rows_of(story, &mut change.events)?);
    }
    change.removed = update.removed.iter().map(|id| id.to_string()).collect();
    change.articles = update
        .assignments
        .into_iter()
        .map(|a| StoryArticleRow { article_id: a.article, story_id: a.story.to_string(), near_duplicate_of: a.near_duplicate_of })
        .collect();
    store.update_stories(&change)?;
    Ok(store.story_count()?)
}

/// Recomputes every story from all the stored summaries and stores them (`griot stories
/// --rebuild`). Returns the number of stories.
pub fn rebuild(store: &mut Store) -> Result<usize> {
    save_missing_summaries(store)?;
    let mut summaries: Vec<ArticleSummary> = Vec::new();
    for (i, data) in store.summaries()?.iter().enumerate() {
        let s: ArticleSummary = read_summary(data)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("story summary {i} in the database is unreadable"))?;
        summaries.push(s);
    }
    let (index, assignments) = StoryIndex::from_summaries(Params::default(), summaries);
    let stories = index.stories();
    let mut story_rows = Vec::with_capacity(stories.len());
    let mut event_rows = Vec::new();
    for story in &stories {
        story_rows.push(rows_of(story, &mut event_rows)?);
    }
    let article_rows: Vec<StoryArticleRow> = assignments
        .iter()
        .map(|a| StoryArticleRow {
            article_id: a.article.clone(),
            story_id: index.story_of(&a.article).unwrap_or(a.story).to_string(),
            near_duplicate_of: index.near_duplicate_of(&a.article).map(str::to_string),
        })
        .collect();
    store.replace_stories(&story_rows, &article_rows, &event_rows)?;
    Ok(stories.len())
}

pub fn parse_story(row: &StoryRow) -> Result<Story> {
    serde_json::from_str(&row.data).with_context(|| format!("story {} in the database is unreadable", row.id))
}

pub fn write_story_table(out: &mut dyn Write, rows: &[StoryRow]) -> io::Result<()> {
    writeln!(out, "{:<16} {:<10} {:<10} {:>8} {:>7}  {:<20} title", "story", "start", "end", "articles", "sources", "actors")?;
    for r in rows {
        writeln!(
            out,
            "{:<16} {:<10} {:<10} {:>8} {:>7}  {:<20} {}",
            r.id,
            r.start.clone().unwrap_or_else(|| "-".into()),
            r.end.clone().unwrap_or_else(|| "-".into()),
            r.num_articles,
            r.num_sources,
            r.actors.iter().take(5).cloned().collect::<Vec<_>>().join(" "),
            one_line(&r.title)
        )?;
    }
    writeln!(out, "({} stories)", rows.len())
}

pub fn write_story(out: &mut dyn Write, s: &Story) -> io::Result<()> {
    writeln!(out, "story {}  {}", s.id, one_line(&s.title))?;
    writeln!(
        out,
        "{} .. {}  {} articles from {} sources",
        s.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        s.end.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        s.num_articles,
        s.num_sources
    )?;
    if !s.actors.is_empty() {
        let a: Vec<String> = s.actors.iter().map(|(c, n)| format!("{c} ({n})")).collect();
        writeln!(out, "actors: {}", a.join(", "))?;
    }
    if !s.places.is_empty() {
        let p: Vec<String> = s.places.iter().map(|(c, n)| format!("{c} ({n})")).collect();
        writeln!(out, "places: {}", p.join(", "))?;
    }
    writeln!(out, "\nArticles")?;
    for a in &s.articles {
        writeln!(
            out,
            "  {:<12} {:<24} {}{}",
            a.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            one_line(&a.outlet.clone().unwrap_or_else(|| "-".into())),
            one_line(&a.title.clone().unwrap_or_else(|| a.id.clone())),
            a.near_duplicate_of.as_ref().map(|d| format!("  (copy of {})", one_line(d))).unwrap_or_default()
        )?;
        writeln!(out, "  {:<12} id {}", "", one_line(&a.id))?;
    }
    writeln!(out, "\nEvents")?;
    for e in &s.events {
        writeln!(
            out,
            "  {}{} {} -> {}  {}  mentions {} sources {} articles {}{}",
            e.event_type,
            e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(),
            e.actor.clone().unwrap_or_else(|| "-".into()),
            e.recipient.clone().unwrap_or_else(|| "-".into()),
            e.date.as_ref().map(|d| d.value.clone()).unwrap_or_else(|| "-".into()),
            e.num_mentions,
            e.num_sources,
            e.num_articles,
            if e.background { "  (background)" } else { "" }
        )?;
        for d in &e.disagreements {
            writeln!(out, "      disagreement: {d}")?;
        }
        for m in &e.mentions {
            writeln!(out, "      {} \"{}\"", one_line(&m.article_id), one_line(&m.trigger.text))?;
        }
    }
    Ok(())
}
