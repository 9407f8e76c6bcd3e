//! Quotes and their speakers, scored on PolNeAR (political news attribution relations).
//!
//! `cargo run --release -p griot-eval --example quotes -- ../shared/data/quotes/polnear/dev`
//!
//! The directory holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (BRAT standoff,
//! offsets in Unicode code points, end exclusive, discontinuous spans as `a b;c d`). One
//! annotator per article: the first `.ann` file of the article in sorted order. Every
//! `Attribution` and `Attribution-no-source` relation is a gold attribution (direct and
//! indirect speech alike; the annotator flags `Discuss` and `Discard` are ignored).
//!
//! Scoring, per gold attribution:
//! - **content found**: some griot statement's content overlaps the gold content with a Dice
//!   coefficient (2 × shared bytes / (gold bytes + griot bytes)) of at least 0.5; the statement
//!   with the largest overlap is the match;
//! - **speaker right** (for a found content): the gold relation has a source and griot's speaker
//!   phrase overlaps it, or griot's speaker and the gold source are the same entity (the same
//!   root mention through coreference, or the same last name word: "Trump" for "Donald
//!   Trump"); a relation without a source is right when griot gives no speaker;
//! - **speaker→quote**: content found and speaker right, over all gold attributions.
//!
//! Content precision counts griot statements whose content matches some gold content.

use std::fmt::Write as _;
use std::path::Path;

use griot_pipeline::Pipeline;
use griot_text::{Article, Doc, MentionId, Span};

use crate::EvalError;

/// One gold attribution relation, with byte spans into the article text.
#[derive(Debug, Clone)]
pub struct GoldAttribution {
    pub content: Vec<Span>,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
}

/// An article of the corpus with its gold attributions.
#[derive(Debug, Clone)]
pub struct QuoteArticle {
    pub name: String,
    pub text: String,
    pub gold: Vec<GoldAttribution>,
}

/// Reads `DIR/text/*.txt` with the first `DIR/attributions/NAME_*.ann` of each.
pub fn read_corpus(dir: &Path) -> Result<Vec<QuoteArticle>, EvalError> {
    let io = |p: &Path, e: std::io::Error| EvalError::Io { path: p.display().to_string(), source: e };
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut texts: Vec<std::path::PathBuf> = std::fs::read_dir(&text_dir)
        .map_err(|e| io(&text_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(|e| io(&ann_dir, e))?
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    for path in texts {
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        let prefix = format!("{name}_");
        let Some(ann) = anns.iter().find(|a| a.starts_with(&prefix)) else {
            return Err(EvalError::Format {
                location: path.display().to_string(),
                message: "no attributions file for this text".into(),
            });
        };
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let ann_path = ann_dir.join(ann);
        let body = std::fs::read_to_string(&ann_path).map_err(|e| io(&ann_path, e))?;
        let gold = parse_ann(&body, &text, &ann_path.display().to_string())?;
        out.push(QuoteArticle { name, text, gold });
    }
    Ok(out)
}

/// Byte offset of each code point offset (and of the end) in `text`.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Parses a BRAT `.ann` file into attributions.
pub fn parse_ann(body: &str, text: &str, file: &str) -> Result<Vec<GoldAttribution>, EvalError> {
    let bytes = char_to_byte(text);
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut out = Vec::new();
    let bad = |line: usize, message: String| EvalError::Format { location: format!("{file}:{line}"), message };
    let mut relations: Vec<(usize, &str)> = Vec::new();
    for (k, line) in body.lines().enumerate() {
        let n = k + 1;
        if line.starts_with('T') {
            let mut f = line.splitn(3, '\t');
            let id = f.next().unwrap_or("");
            let Some(label_offsets) = f.next() else { return Err(bad(n, "a T line needs a label and offsets".into())) };
            let (_, offsets) = label_offsets.split_once(' ').ok_or_else(|| bad(n, format!("no offsets in {label_offsets:?}")))?;
            let mut v = Vec::new();
            for part in offsets.split(';') {
                let (a, b) = part.trim().split_once(' ').ok_or_else(|| bad(n, format!("bad offsets {part:?}")))?;
                let (a, b): (usize, usize) = (
                    a.parse().map_err(|_| bad(n, format!("bad offset {a:?}")))?,
                    b.parse().map_err(|_| bad(n, format!("bad offset {b:?}")))?,
                );
                let (Some(&x), Some(&y)) = (bytes.get(a), bytes.get(b)) else {
                    return Err(bad(n, format!("offsets {a} {b} beyond the text ({} characters)", bytes.len() - 1)));
                };
                if x > y {
                    return Err(bad(n, format!("offsets {a} {b} reversed")));
                }
                v.push(Span::new(x, y));
            }
            spans.insert(id, v);
        } else if line.starts_with('E') {
            relations.push((n, line));
        }
    }
    for (n, line) in relations {
        let mut g = GoldAttribution { content: vec![], source: vec![], cue: vec![] };
        let args = line.split('\t').nth(1).unwrap_or("");
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else { continue };
            let s = spans.get(id).cloned().ok_or_else(|| bad(n, format!("unknown span {id}")))?;
            match role {
                "Content" => g.content = s,
                "Source" => g.source = s,
                "Cue" => g.cue = s,
                _ => {}
            }
        }
        // a few relations of the corpus have no content (annotation left unfinished):
        // nothing to score
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    Ok(out)
}

fn len(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.len()).sum()
}

fn shared(a: &[Span], b: Span) -> usize {
    a.iter()
        .map(|s| {
            let lo = s.start.max(b.start);
            let hi = s.end.min(b.end);
            hi.saturating_sub(lo) as usize
        })
        .sum()
}

fn dice(gold: &[Span], pred: Span) -> f64 {
    let g = len(gold);
    let p = pred.len();
    if g + p == 0 {
        return 0.0;
    }
    2.0 * shared(gold, pred) as f64 / (g + p) as f64
}

fn last_word(s: &str) -> String {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

/// The mention covering `span` (the smallest), if any.
fn mention_over(doc: &Doc, span: Span) -> Option<MentionId> {
    doc.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.overlaps(span))
        .min_by_key(|(_, m)| m.span.len())
        .map(|(i, _)| MentionId(i as u32))
}

/// Counts of one scoring run.
#[derive(Debug, Default, Clone)]
pub struct QuoteScore {
    pub gold: usize,
    pub gold_with_source: usize,
    pub predicted: usize,
    pub predicted_matching: usize,
    pub found: usize,
    pub speaker_right: usize,
    /// (found, speaker right) for gold attributions with a source
    pub with_source: (usize, usize),
    /// (found, speaker right) for gold attributions whose content has a quotation mark
    pub direct: (usize, usize, usize),
    /// (gold, found, speaker right) by the class of the gold cue, in [`CUE_CLASSES`] order.
    pub by_cue: [(usize, usize, usize); 4],
    /// Misses and wrong speakers, for reading.
    pub details: Vec<String>,
}

/// The cue classes of the breakdown: "say" and "tell" in any form, "according to", a colon
/// or a dash (headlines, transcripts, "― Name"), every other cue.
pub const CUE_CLASSES: [&str; 4] = ["say/tell", "according to", "colon or dash", "other cues"];

fn cue_class(text: &str, cue: &[Span]) -> usize {
    let c: String = cue
        .iter()
        .filter_map(|x| text.get(x.start as usize..x.end as usize))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let words: Vec<&str> = c.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| matches!(*w, "say" | "says" | "said" | "saying" | "tell" | "tells" | "told" | "telling")) {
        0
    } else if c.contains("according to") {
        1
    } else if words.is_empty() {
        2
    } else {
        3
    }
}

fn is_direct(text: &str, content: &[Span]) -> bool {
    content.iter().any(|s| {
        text.get(s.start as usize..s.end as usize)
            .is_some_and(|t| t.contains(['"', '\u{201c}', '\u{201d}']))
    })
}

/// Scores griot's statements against the corpus.
pub fn score(pipeline: &Pipeline, articles: &[QuoteArticle]) -> QuoteScore {
    let min = min_dice();
    let mut sc = QuoteScore::default();
    for a in articles {
        let doc = pipeline.run(Article::from_text(&a.name, &a.text));
        sc.predicted += doc.statements.len();
        sc.predicted_matching += doc
            .statements
            .iter()
            .filter(|st| a.gold.iter().any(|g| dice(&g.content, st.content) >= min))
            .count();
        for g in &a.gold {
            sc.gold += 1;
            let has_source = !g.source.is_empty();
            let direct = is_direct(&a.text, &g.content);
            if has_source {
                sc.gold_with_source += 1;
            }
            if direct {
                sc.direct.0 += 1;
            }
            let class = cue_class(&a.text, &g.cue);
            sc.by_cue[class].0 += 1;
            let best = doc
                .statements
                .iter()
                .map(|st| (dice(&g.content, st.content), st))
                .filter(|(d, _)| *d >= min)
                .max_by(|x, y| x.0.total_cmp(&y.0));
            let slice = |s: &[Span]| {
                s.iter()
                    .filter_map(|x| a.text.get(x.start as usize..x.end as usize))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            let Some((_, st)) = best else {
                // the closest griot statement below the threshold, for reading
                let near = doc
                    .statements
                    .iter()
                    .map(|st| (dice(&g.content, st.content), st))
                    .filter(|(d, _)| *d > 0.0)
                    .max_by(|x, y| x.0.total_cmp(&y.0))
                    .map(|(d, st)| format!("; nearest griot {} dice {d:.2}: {:?}", st.origin.rule, clip(doc.slice(st.content))))
                    .unwrap_or_default();
                sc.details.push(format!(
                    "{}: MISS cue {:?} content {:?} (source {:?}){near}",
                    a.name,
                    slice(&g.cue),
                    clip(&slice(&g.content)),
                    slice(&g.source)
                ));
                continue;
            };
            sc.found += 1;
            sc.by_cue[class].1 += 1;
            if has_source {
                sc.with_source.0 += 1;
            }
            if direct {
                sc.direct.1 += 1;
            }
            let right = if has_source {
                st.speaker_span.is_some_and(|sp| g.source.iter().any(|s| s.overlaps(sp))) || {
                    let pred_root = st.speaker.or_else(|| st.speaker_span.and_then(|sp| mention_over(&doc, sp))).map(|m| doc.resolve(m));
                    let gold_root = g.source.iter().find_map(|s| mention_over(&doc, *s)).map(|m| doc.resolve(m));
                    let same_root = pred_root.is_some() && pred_root == gold_root;
                    let pred_name = pred_root
                        .and_then(|m| doc.mentions.get(m.index()))
                        .map(|m| last_word(&m.name))
                        .or_else(|| st.speaker_span.map(|sp| last_word(doc.slice(sp))));
                    let gold_name = gold_root
                        .and_then(|m| doc.mentions.get(m.index()))
                        .map(|m| last_word(&m.name))
                        .unwrap_or_else(|| last_word(&slice(&g.source)));
                    same_root || pred_name.is_some_and(|p| !p.is_empty() && p == gold_name)
                }
            } else {
                st.speaker_span.is_none()
            };
            if right {
                sc.speaker_right += 1;
                sc.by_cue[class].2 += 1;
                if has_source {
                    sc.with_source.1 += 1;
                }
                if direct {
                    sc.direct.2 += 1;
                }
            } else {
                sc.details.push(format!(
                    "{}: SPEAKER griot {:?}, gold {:?} for {:?}",
                    a.name,
                    st.speaker_span.map(|s| doc.slice(s)),
                    slice(&g.source),
                    clip(&slice(&g.content))
                ));
            }
        }
    }
    sc
}

fn clip(s: &str) -> String {
    if s.chars().count() <= 100 {
        return s.to_string();
    }
    let mut t: String = s.chars().take(100).collect();
    t.push('…');
    t
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Reads the corpus in `dir` and returns the report.
pub fn evaluate(pipeline: &Pipeline, dir: &Path) -> Result<String, EvalError> {
    let articles = read_corpus(dir)?;
    let sc = score(pipeline, &articles);
    Ok(report(&sc, articles.len()))
}

/// The readable report of a score.
pub fn report(sc: &QuoteScore, articles: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "PolNeAR: {articles} articles, {} gold attributions ({} with a source), {} griot statements",
        sc.gold, sc.gold_with_source, sc.predicted
    );
    let _ = writeln!(
        out,
        "content found          {:5.1}%  ({}/{}; griot statements matching a gold content: {:.1}%, {}/{})",
        pct(sc.found, sc.gold),
        sc.found,
        sc.gold,
        pct(sc.predicted_matching, sc.predicted),
        sc.predicted_matching,
        sc.predicted
    );
    let _ = writeln!(out, "speaker right if found {:5.1}%  ({}/{})", pct(sc.speaker_right, sc.found), sc.speaker_right, sc.found);
    let _ = writeln!(out, "speaker->quote         {:5.1}%  ({}/{})", pct(sc.speaker_right, sc.gold), sc.speaker_right, sc.gold);
    let _ = writeln!(
        out,
        "  with a source: found {:.1}%, speaker->quote {:.1}%;  direct (quotation marks): {} gold, found {:.1}%, speaker->quote {:.1}%",
        pct(sc.with_source.0, sc.gold_with_source),
        pct(sc.with_source.1, sc.gold_with_source),
        sc.direct.0,
        pct(sc.direct.1, sc.direct.0),
        pct(sc.direct.2, sc.direct.0)
    );
    let classes: Vec<String> = CUE_CLASSES
        .iter()
        .zip(sc.by_cue)
        .map(|(name, (g, f, r))| format!("{name} {g} gold, found {:.1}%, speaker->quote {:.1}%", pct(f, g), pct(r, g)))
        .collect();
    let _ = writeln!(out, "  by gold cue: {}", classes.join(";  "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_are_code_points_and_discontinuous_spans_are_read() {
        let text = "“Yes,” she said. Héllo wörld, he added.";
        // code points: “ at 0, Yes at 1..4
        let ann = "T1\tContent 1 4\tYes\nT2\tSource 7 10\tshe\nT3\tCue 11 15\tsaid\nT4\tContent 17 22;23 28\tHéllo wörld\nT5\tCue 33 38\tadded\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\nE2\tAttribution-no-source:T5 Content:T4 Cue:T5\n";
        let g = parse_ann(ann, text, "x.ann").unwrap();
        assert_eq!(g.len(), 2);
        let s = |sp: Span| &text[sp.start as usize..sp.end as usize];
        assert_eq!(s(g[0].content[0]), "Yes");
        assert_eq!(s(g[0].source[0]), "she");
        assert_eq!(s(g[1].content[0]), "Héllo");
        assert_eq!(s(g[1].content[1]), "wörld");
        assert!(g[1].source.is_empty());
    }

    #[test]
    fn bad_offsets_name_the_file_and_line() {
        let e = parse_ann("T1\tContent 5 500\tx\n", "short", "a.ann").unwrap_err().to_string();
        assert!(e.contains("a.ann:1"), "{e}");
        let e = parse_ann("T1\tContent 1 2\tx\nE1\tAttribution:T9 Content:T1\n", "short", "a.ann").unwrap_err().to_string();
        assert!(e.contains("a.ann:2") && e.contains("T9"), "{e}");
    }

    #[test]
    fn cue_classes() {
        let t = "he said, according to her: ― and then he railed against";
        let sp = |a: &str| {
            let i = t.find(a).unwrap();
            vec![Span::new(i, i + a.len())]
        };
        assert_eq!(cue_class(t, &sp("said")), 0);
        assert_eq!(cue_class(t, &sp("according to")), 1);
        assert_eq!(cue_class(t, &sp(":")), 2);
        assert_eq!(cue_class(t, &sp("―")), 2);
        assert_eq!(cue_class(t, &sp("railed against")), 3);
    }

    #[test]
    fn dice_of_spans() {
        assert!((dice(&[Span::new(0, 10)], Span::new(0, 10)) - 1.0).abs() < 1e-9);
        assert!((dice(&[Span::new(0, 10)], Span::new(5, 15)) - 0.5).abs() < 1e-9);
        assert_eq!(dice(&[Span::new(0, 10)], Span::new(10, 20)), 0.0);
    }
}

/// The Dice threshold of a content match: 0.5, or `GRIOT_QUOTE_DICE` for experiments.
fn min_dice() -> f64 {
    std::env::var("GRIOT_QUOTE_DICE").ok().and_then(|v| v.parse().ok()).unwrap_or(0.5)
}
