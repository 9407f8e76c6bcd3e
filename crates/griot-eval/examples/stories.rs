//! Story grouping evaluation runner.
//!
//! ```text
//! cargo run --release -p griot-eval --example stories -- tests/stories/stories.jsonl
//! cargo run --release -p griot-eval --example stories -- --perturbed /work/shared/data/news/wikinews_2004_2018.jsonl 600
//! ```
//!
//! `--perturbed FILE N` builds a test set at run time (nothing is written) from N dated
//! articles of a news JSON-lines file taken in date order: each article is its own gold story,
//! and gets 0-2 edited copies from other "outlets" one or two days later (the first 60% of its
//! paragraphs; every third sentence dropped and a new title). It measures near-duplicate
//! grouping and over-merging among real articles of the same weeks.

use std::path::Path;

use griot_eval::stories::{evaluate, evaluate_articles, read_labelled, Labelled};
use griot_story::Params;
use griot_pipeline::{Pipeline, Settings};
use griot_text::Article;

fn perturbed(path: &Path, n: usize) -> Result<Vec<Labelled>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut arts: Vec<Article> = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(id), Some(body), Some(date)) = (get("id"), get("text"), get("date")) else { continue };
        let Ok(date) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") else { continue };
        if body.len() < 800 {
            continue;
        }
        arts.push(Article { id, url: get("url"), title: get("title"), date: Some(date), source: Some("wikinews".into()), text: body, ..Default::default() });
    }
    arts.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let start = arts.len().saturating_sub(n) / 2;
    let mut out = Vec::new();
    for a in arts.into_iter().skip(start).take(n) {
        let h = a.id.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
        let copies = (h % 3) as usize;
        let date = a.date;
        for k in 0..copies {
            let mut c = a.clone();
            c.id = format!("{}~{}", a.id, k + 1);
            c.url = Some(format!("https://copy{}.example/{}", k + 1, a.id));
            c.date = date.and_then(|d| d.checked_add_days(chrono::Days::new(k as u64 + 1)));
            if k == 0 {
                let paras: Vec<&str> = a.text.split("\n\n").collect();
                let keep = (paras.len() * 3).div_ceil(5).max(1);
                c.text = paras[..keep].join("\n\n");
            } else {
                let sentences: Vec<&str> = a.text.split(". ").collect();
                c.text = sentences.iter().enumerate().filter(|(i, _)| i % 3 != 2).map(|(_, s)| *s).collect::<Vec<_>>().join(". ");
                c.title = sentences.first().map(|s| s.chars().take(90).collect());
            }
            out.push(Labelled { article: c, story: a.id.clone() });
        }
        out.push(Labelled { story: a.id.clone(), article: a });
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pipeline = Pipeline::load(&Settings::default())?;
    // GRIOT_STORY_THRESHOLD overrides the join threshold (for calibration runs).
    let mut params = Params::default();
    if let Some(t) = std::env::var("GRIOT_STORY_THRESHOLD").ok().and_then(|t| t.parse().ok()) {
        params.join_threshold = t;
    }
    match args.as_slice() {
        [flag, file, n] if flag == "--perturbed" => {
            let items = perturbed(Path::new(file), n.parse()?)?;
            print!("{}", evaluate_articles(&pipeline, &items, &params, std::env::var_os("STORY_ERRORS").is_some()));
        }
        [file] if params == Params::default() => print!("{}", evaluate(&pipeline, Path::new(file))?),
        [file] => print!("{}", evaluate_articles(&pipeline, &read_labelled(Path::new(file))?, &params, true)),
        _ => eprintln!("usage: stories FILE | stories --perturbed NEWS.jsonl N"),
    }
    Ok(())
}
