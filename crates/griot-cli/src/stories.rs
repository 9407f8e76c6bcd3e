//! Wiring of story grouping (griot-story, pure) to the store: summaries are saved as
//! articles are stored; after each ingest the stories are recomputed canonically from all
//! summaries (the same set gives the same stories, whatever the arrival order) and written
//! back in one transaction.

use std::io::{self, Write};

use anyhow::{Context, Result};
use griot_store::{EventStoryRow, Store, StoryArticleRow, StoryRow};
use griot_story::{summarize, ArticleSummary, Params, Story, StoryIndex};
use griot_text::Doc;

use crate::safe::one_line;

/// Saves the story summaries of the stored articles among `docs` (under their stored ids).
pub fn save_summaries(store: &mut Store, docs: &[Doc]) -> Result<()> {
    let mut items = Vec::with_capacity(docs.len());
    for doc in docs {
        if let Some(id) = store.article_id_of_text(&doc.article.text)? {
            let mut summary = summarize(doc);
            summary.id = id.clone();
            items.push((id, serde_json::to_string(&summary)?));
        }
    }
    store.put_summaries(&items)?;
    Ok(())
}

/// Recomputes every story from the stored summaries and stores them. Returns the number of
/// stories.
pub fn regroup(store: &mut Store) -> Result<usize> {
    // Articles stored by a run killed before their summaries were saved.
    let missing = store.articles_without_summary()?;
    let mut docs = Vec::with_capacity(missing.len());
    for id in &missing {
        if let Some(doc) = store.doc(id)? {
            docs.push(doc);
        }
    }
    save_summaries(store, &docs)?;
    let mut summaries: Vec<ArticleSummary> = Vec::new();
    for (i, json) in store.summaries()?.iter().enumerate() {
        let s: ArticleSummary =
            serde_json::from_str(json).with_context(|| format!("story summary {i} in the database is unreadable"))?;
        summaries.push(s);
    }
    let (index, assignments) = StoryIndex::from_summaries(Params::default(), summaries);
    let stories = index.stories();
    let mut story_rows = Vec::with_capacity(stories.len());
    let mut event_rows = Vec::new();
    for story in &stories {
        story_rows.push(StoryRow {
            id: story.id.to_string(),
            title: story.title.clone(),
            start: story.start.map(|d| d.format("%Y-%m-%d").to_string()),
            end: story.end.map(|d| d.format("%Y-%m-%d").to_string()),
            num_articles: story.num_articles,
            num_sources: story.num_sources,
            actors: story.actors.iter().map(|(c, _)| c.clone()).collect(),
            data: serde_json::to_string(story)?,
        });
        for event in &story.events {
            for m in &event.mentions {
                let ids = if m.event_ids.is_empty() {
                    vec![format!("{}:{}", m.article_id, m.trigger.start)]
                } else {
                    m.event_ids.clone()
                };
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
