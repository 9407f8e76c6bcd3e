//! Evaluation of geoparsing against the LGL / TR-News XML format (Gritta et al.).
//!
//! Each `<article>` has its `<text>` and gold `<toponym>`s with character offsets and, when
//! the place is in GeoNames, a `<gaztag>` with lat/lon. The article runs through the whole
//! pipeline; our place mentions (mentions with a resolved `place`) are matched one-to-one
//! with gold toponyms by overlapping span. Reported:
//!
//! * geotagging: precision, recall and F1 of toponym spans (overlap match);
//! * geocoding, over gold toponyms with coordinates that we matched and resolved: share within
//!   161 km (100 miles), mean and median error in km; and the same share counting every gold
//!   toponym with coordinates, unfound ones as misses.
//!
//! Offsets are in Unicode code points; TR-News has some that point a few characters off, so a
//! toponym whose text does not match is re-anchored to the nearest occurrence of its phrase.
//!
//! ```no_run
//! let pipeline = griot_pipeline::Pipeline::load(&Default::default()).unwrap();
//! let report = griot_eval::geo::evaluate(&pipeline, std::path::Path::new("../shared/data/geo/lgl.xml")).unwrap();
//! println!("{report}");
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use griot_pipeline::Pipeline;
use griot_text::{Article, Span};

use crate::{prf, EvalError};

/// One gold toponym, with byte offsets into its article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    pub span: Span,
    pub phrase: String,
    pub coords: Option<(f64, f64)>,
}

/// One article of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoArticle {
    pub id: String,
    pub title: Option<String>,
    /// From `<dltime>` when it starts with a YYYY-MM-DD date.
    pub date: Option<chrono::NaiveDate>,
    pub text: String,
    pub toponyms: Vec<Toponym>,
}

/// Reads the LGL / TR-News XML format.
pub fn read_corpus(path: &Path) -> Result<Vec<GeoArticle>, EvalError> {
    let xml = std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    parse_corpus(&xml, &path.display().to_string())
}

/// Parses the XML text of a corpus; `origin` names it in errors.
pub fn parse_corpus(xml: &str, origin: &str) -> Result<Vec<GeoArticle>, EvalError> {
    let mut out = Vec::new();
    let mut rest = xml;
    let mut offset = 0;
    while let Some(a) = find_open(rest, "article") {
        let body_start = a;
        let Some(end_rel) = rest[body_start..].find("</article>") else {
            return Err(format_err(origin, xml, offset + a, "unclosed <article>"));
        };
        let body = &rest[body_start..body_start + end_rel];
        let at = offset + body_start;
        out.push(parse_article(body, origin, xml, at)?);
        let next = body_start + end_rel + "</article>".len();
        offset += next;
        rest = &rest[next..];
    }
    Ok(out)
}

/// Position of the first `<tag>` or `<tag ...>` (not `<tags>`).
fn find_open(s: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find(&open)) {
        let at = from + i;
        if s[at + open.len()..].starts_with(['>', ' ', '\t', '\n', '\r']) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

fn line_of(xml: &str, byte: usize) -> usize {
    xml.get(..byte).map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count()) + 1
}

fn format_err(origin: &str, xml: &str, at: usize, message: &str) -> EvalError {
    EvalError::Format { location: format!("{origin}:{}", line_of(xml, at)), message: message.to_string() }
}

/// The content of the first `<tag ...>...</tag>` in `s`, with its attributes text.
fn element<'a>(s: &'a str, tag: &str) -> Option<(&'a str, &'a str)> {
    let open = format!("<{tag}");
    let mut from = 0;
    loop {
        let i = from + s[from..].find(&open)?;
        let after = &s[i + open.len()..];
        // "<text" must not match "<textual"
        if after.starts_with(['>', ' ', '\t', '\n', '/']) {
            let gt = after.find('>')?;
            let attrs = &after[..gt];
            if attrs.ends_with('/') {
                return Some((attrs, ""));
            }
            let content_start = i + open.len() + gt + 1;
            let close = format!("</{tag}>");
            let j = s[content_start..].find(&close)?;
            return Some((attrs, &s[content_start..content_start + j]));
        }
        from = i + open.len();
    }
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let i = attrs.find(&key)? + key.len();
    let j = attrs[i..].find('"')?;
    Some(&attrs[i..i + j])
}

fn unescape(s: &str) -> String {
    let s = s.trim_start_matches("<![CDATA[");
    if let Some(inner) = s.strip_suffix("]]>") {
        return inner.to_string();
    }
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn parse_article(body: &str, origin: &str, xml: &str, at: usize) -> Result<GeoArticle, EvalError> {
    let id = body.find('>').and_then(|gt| attr(&body[..gt], "docid")).unwrap_or("").to_string();
    let title = element(body, "title").map(|(_, t)| unescape(t).trim().to_string()).filter(|t| !t.is_empty());
    let text = element(body, "text").map(|(_, t)| unescape(t)).ok_or_else(|| format_err(origin, xml, at, &format!("article {id:?} has no <text>")))?;
    // char index -> byte offset
    let mut bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes_at.push(text.len());
    let mut toponyms = Vec::new();
    let mut rest = body;
    while let Some((_, t)) = element(rest, "toponym") {
        let num = |tag: &str| element(t, tag).and_then(|(_, v)| v.trim().parse::<usize>().ok());
        let phrase = element(t, "phrase").map(|(_, p)| unescape(p).trim().to_string()).unwrap_or_default();
        let (Some(start), Some(end)) = (num("start"), num("end")) else {
            return Err(format_err(origin, xml, at, &format!("article {id:?}: toponym {phrase:?} without start/end")));
        };
        let coords = element(t, "gaztag").and_then(|(_, g)| {
            let lat = element(g, "lat")?.1.trim().parse::<f64>().ok()?;
            let lon = element(g, "lon")?.1.trim().parse::<f64>().ok()?;
            Some((lat, lon))
        });
        if let Some(span) = anchor(&text, &bytes_at, start, end, &phrase) {
            toponyms.push(Toponym { span, phrase, coords });
        }
        let consumed = rest.find("</toponym>").map_or(rest.len(), |i| i + "</toponym>".len());
        rest = &rest[consumed..];
    }
    let date = element(body, "dltime").and_then(|(_, d)| date_of(d.trim()));
    Ok(GeoArticle { id, title, date, text, toponyms })
}

/// Byte span of a toponym given in code points; re-anchored to the nearest occurrence of the
/// phrase when the offsets do not point at it (TR-News).
fn anchor(text: &str, bytes_at: &[usize], start: usize, end: usize, phrase: &str) -> Option<Span> {
    let exact = match (bytes_at.get(start), bytes_at.get(end)) {
        (Some(&a), Some(&b)) if a <= b => Some(Span::new(a, b)),
        _ => None,
    };
    if let Some(s) = exact {
        if phrase.is_empty() || s.text(text) == phrase {
            return Some(s);
        }
    }
    if phrase.is_empty() {
        return exact;
    }
    let around = bytes_at.get(start.min(bytes_at.len() - 1)).copied().unwrap_or(0);
    text.match_indices(phrase).map(|(i, _)| Span::new(i, i + phrase.len())).min_by_key(|s| s.start.abs_diff(around)).or(exact)
}

fn date_of(body_free: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(body_free.get(..10)?, "%Y-%m-%d").ok()
}

/// Great-circle distance in km.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Counts over a corpus.
#[derive(Debug, Default, Clone)]
pub struct GeoScore {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// gold toponyms with coordinates
    pub gold_with_coords: usize,
    /// errors in km of matched gold toponyms with coordinates
    pub errors_km: Vec<f64>,
    /// (gold phrase, our name) of errors over 161 km, with counts
    pub worst: HashMap<(String, String), usize>,
    /// gold phrases we did not find, with counts
    pub missed: HashMap<String, usize>,
    /// our place names that match no gold toponym, with counts
    pub spurious: HashMap<String, usize>,
    /// one line per miss, spurious place or error over 161 km, with the words around it
    pub details: Vec<String>,
}

/// Scores one pipeline over articles.
pub fn score(pipeline: &Pipeline, articles: &[GeoArticle]) -> GeoScore {
    let mut s = GeoScore::default();
    for a in articles {
        let mut article = Article::from_text(&a.id, &a.text);
        article.title = a.title.clone();
        article.date = a.date;
        let doc = pipeline.run(article);
        let ours: Vec<(Span, (f64, f64), String)> = doc.mentions.iter().filter_map(|m| m.place.as_ref().map(|p| (m.span, (p.lat, p.lon), format!("{} [{}]", p.name, m.origin.rule)))).collect();
        s.gold += a.toponyms.len();
        s.predicted += ours.len();
        let mut used = vec![false; ours.len()];
        for g in &a.toponyms {
            if g.coords.is_some() {
                s.gold_with_coords += 1;
            }
            let hit = ours.iter().enumerate().find(|(i, (sp, _, _))| !used[*i] && sp.overlaps(g.span));
            match hit {
                Some((i, (_, at, name))) => {
                    used[i] = true;
                    s.matched += 1;
                    if let Some(c) = g.coords {
                        let e = km(c, *at);
                        s.errors_km.push(e);
                        if e > 161.0 {
                            *s.worst.entry((g.phrase.clone(), name.clone())).or_default() += 1;
                            s.details.push(format!("error {e:.0} km {:?} -> {name} ({:.2},{:.2}) gold ({:.2},{:.2}): {}", g.phrase, at.0, at.1, c.0, c.1, around(&a.text, g.span)));
                        }
                    }
                }
                None => {
                    *s.missed.entry(g.phrase.clone()).or_default() += 1;
                    let coords = if g.coords.is_some() { "" } else { " (no coordinates)" };
                    s.details.push(format!("missed {:?}{coords}: {}", g.phrase, around(&a.text, g.span)));
                }
            }
        }
        for (i, (sp, _, _)) in ours.iter().enumerate() {
            if !used[i] {
                *s.spurious.entry(sp.text(&a.text).to_string()).or_default() += 1;
                s.details.push(format!("spurious {:?} -> {}: {}", sp.text(&a.text), ours[i].2, around(&a.text, *sp)));
            }
        }
    }
    s
}

/// The words around a span, on one line.
fn around(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..span.start], span.text(text), &text[span.end..b]).replace('\n', " ")
}

fn top(map: &HashMap<impl Clone + std::fmt::Debug + Ord + std::hash::Hash, usize>, n: usize) -> Vec<String> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(k, c)| format!("{k:?} x{c}")).collect()
}

/// Readable report of a score.
pub fn report(s: &GeoScore, name: &str) -> String {
    let mut r = String::new();
    let (p, rc, f) = prf(s.matched, s.predicted - s.matched, s.gold - s.matched);
    let _ = writeln!(r, "geo evaluation: {name}");
    let _ = writeln!(r, "geotagging (span overlap): gold {} predicted {} matched {}  P {:.3} R {:.3} F1 {:.3}", s.gold, s.predicted, s.matched, p, rc, f);
    let mut errs = s.errors_km.clone();
    errs.sort_by(|a, b| a.total_cmp(b));
    let within = errs.iter().filter(|&&e| e <= 161.0).count();
    let n = errs.len();
    let mean = if n == 0 { 0.0 } else { errs.iter().sum::<f64>() / n as f64 };
    let median = if n == 0 { 0.0 } else if n % 2 == 1 { errs[n / 2] } else { (errs[n / 2 - 1] + errs[n / 2]) / 2.0 };
    let acc = if n == 0 { 0.0 } else { within as f64 / n as f64 };
    let _ = writeln!(r, "geocoding, resolved gold toponyms with coordinates: {n}  acc@161km {acc:.3}  mean {mean:.0} km  median {median:.1} km");
    let all = if s.gold_with_coords == 0 { 0.0 } else { within as f64 / s.gold_with_coords as f64 };
    let _ = writeln!(r, "geocoding, all {} gold toponyms with coordinates (unfound = miss): acc@161km {all:.3} ({within} within 161 km)", s.gold_with_coords);
    let _ = writeln!(r, "largest errors (gold phrase, our place): {}", top(&s.worst, 12).join(", "));
    let _ = writeln!(r, "most missed: {}", top(&s.missed, 12).join(", "));
    let _ = writeln!(r, "most spurious: {}", top(&s.spurious, 12).join(", "));
    r
}

/// Runs the pipeline over an LGL-format file and reports geotagging and geocoding figures.
pub fn evaluate(pipeline: &Pipeline, path: &Path) -> Result<String, EvalError> {
    let articles = read_corpus(path)?;
    if articles.is_empty() {
        return Err(EvalError::Format { location: path.display().to_string(), message: "no <article> found".into() });
    }
    let s = score(pipeline, &articles);
    Ok(report(&s, &format!("{} ({} articles)", path.display(), articles.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?>
<articles>
  <article docid="7">
    <title> A title
    </title>
    <text><![CDATA[Über Paris, Texas and more]]></text>
    <toponyms count="2">
      <toponym><start>5</start><end>10</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.6609</lat><lon>-95.5555</lon></gaztag></toponym>
      <toponym><start>14</start><end>19</end><phrase>Texas</phrase></toponym>
    </toponyms>
  </article>
</articles>"#;

    fn check(xml: &str, expected: &[(&str, Option<(f64, f64)>)]) {
        let a = parse_corpus(xml, "t.xml").expect("parses");
        let got: Vec<(String, Option<(f64, f64)>)> = a[0].toponyms.iter().map(|t| (t.span.text(&a[0].text).to_string(), t.coords)).collect();
        let want: Vec<(String, Option<(f64, f64)>)> = expected.iter().map(|(p, c)| (p.to_string(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn reads_lgl_format_with_char_offsets() {
        check(XML, &[("Paris", Some((33.6609, -95.5555))), ("Texas", None)]);
        let a = parse_corpus(XML, "t.xml").unwrap_or_default();
        assert_eq!(a[0].title.as_deref(), Some("A title"));
        assert_eq!(a[0].id, "7");
    }

    #[test]
    fn reanchors_shifted_offsets() {
        check(&XML.replace("<start>14</start><end>19</end>", "<start>17</start><end>22</end>"), &[("Paris", Some((33.6609, -95.5555))), ("Texas", None)]);
    }

    #[test]
    fn distance_is_great_circle() {
        let d = km((48.8566, 2.3522), (51.5074, -0.1278));
        assert!((d - 343.5).abs() < 2.0, "{d}");
    }

    #[test]
    fn unclosed_article_is_an_error() {
        let e = parse_corpus("<articles>\n<article docid=\"1\">", "x.xml").unwrap_err();
        assert_eq!(e.to_string(), "x.xml:2: unclosed <article>");
    }
}
