//! Human-readable output: reports, tables and the annotated article view.

use std::io::{self, Write};

use griot_store::{Counts, StoredEvent};
use griot_text::record::{doc_record, ActorRecord, EventRecord};
use griot_text::{Doc, MentionKind};

use crate::safe::one_line;

fn actor(a: &Option<ActorRecord>) -> String {
    match a {
        None => "-".into(),
        Some(a) => {
            let code = a.country.clone().unwrap_or_else(|| "?".into());
            match &a.sector {
                Some(s) => format!("{code}/{s}"),
                None => code,
            }
        }
    }
}

fn type_mode(e: &EventRecord) -> String {
    match &e.mode {
        Some(m) => format!("{}/{}", e.event_type, m),
        None => e.event_type.clone(),
    }
}

fn shorten(s: &str, n: usize) -> String {
    let s = one_line(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The readable report of `griot code` and `griot demo`.
pub fn write_report(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let r = doc_record(doc);
    let a = &r.article;
    writeln!(out, "== {} ==", one_line(&a.title.clone().unwrap_or_else(|| a.id.clone())))?;
    writeln!(
        out,
        "id {}  date {}  source {}",
        one_line(&a.id),
        a.date.clone().unwrap_or_else(|| "unknown".into()),
        one_line(&a.source.clone().unwrap_or_else(|| "-".into()))
    )?;
    writeln!(
        out,
        "{} sentences, {} mentions, {} dates, {} quantities, {} statements, {} events",
        r.sentences.len(),
        r.mentions.len(),
        r.times.len(),
        r.quantities.len(),
        r.statements.len(),
        r.events.len()
    )?;
    let actors: Vec<_> = r
        .mentions
        .iter()
        .filter(|m| m.refers_to.is_none() && m.kind != MentionKind::Place)
        .collect();
    if !actors.is_empty() {
        writeln!(out, "\nActors")?;
        for m in actors {
            let mut line = format!("  {:<32} {:<12?} {}", shorten(&m.text, 32), m.kind, m.country.clone().unwrap_or_else(|| "-".into()));
            if let Some(s) = &m.sector {
                line.push('/');
                line.push_str(s);
            }
            if m.kind == MentionKind::Person {
                line.push_str(&format!("  {}", m.name));
                if let Some(t) = &m.title {
                    line.push_str(&format!(", {t}"));
                }
                if let Some(role) = &m.role {
                    line.push_str(&format!(", {role}"));
                }
            }
            if m.guessed {
                line.push_str("  (guessed)");
            }
            writeln!(out, "{line}")?;
        }
    }
    let places: Vec<_> = r.mentions.iter().filter(|m| m.place.as_ref().is_some_and(|p| !p.actor)).collect();
    if !places.is_empty() {
        writeln!(out, "\nPlaces")?;
        for m in places {
            if let Some(p) = &m.place {
                writeln!(
                    out,
                    "  {:<32} {} ({}) {:.4},{:.4} geonames {}",
                    shorten(&m.text, 32),
                    p.name,
                    p.feature,
                    p.lat,
                    p.lon,
                    p.geonameid.map(|g| g.to_string()).unwrap_or_else(|| "-".into())
                )?;
            }
        }
    }
    if !r.times.is_empty() {
        writeln!(out, "\nDates")?;
        for t in &r.times {
            writeln!(out, "  {:<32} {:<12} {:?}, {:?}", shorten(&t.text, 32), t.value, t.precision, t.anchor)?;
        }
    }
    if !r.quantities.is_empty() {
        writeln!(out, "\nQuantities")?;
        for q in &r.quantities {
            writeln!(
                out,
                "  {:<32} {} {:?}{}{}",
                shorten(&q.text, 32),
                q.value,
                q.kind,
                q.counted.as_ref().map(|c| format!(" of {:?}", c.text)).unwrap_or_default(),
                q.approx.as_ref().map(|a| format!(" ({a})")).unwrap_or_default()
            )?;
        }
    }
    if !r.statements.is_empty() {
        writeln!(out, "\nStatements")?;
        for s in &r.statements {
            writeln!(
                out,
                "  {} {:?}: {}",
                s.speaker.as_ref().map(|a| format!("{} [{}]", a.name, actor(&Some(a.clone())))).unwrap_or_else(|| "?".into()),
                s.kind,
                shorten(&s.content.text, 90)
            )?;
        }
    }
    if !r.events.is_empty() {
        writeln!(out, "\nEvents")?;
        for e in &r.events {
            writeln!(
                out,
                "  {:<24} {:>10} -> {:<10} {:<10} {:<10} {:?}  \"{}\"  [{}]",
                type_mode(e),
                actor(&e.actor),
                actor(&e.recipient),
                e.date.as_ref().map(|d| d.value.clone()).unwrap_or_else(|| "-".into()),
                e.cameo.clone().unwrap_or_else(|| "-".into()),
                e.status,
                shorten(&e.trigger.text, 30),
                e.rule
            )?;
        }
    }
    for d in &r.diagnostics {
        writeln!(out, "  note ({}): {}", d.stage, d.message)?;
    }
    writeln!(out)?;
    Ok(())
}

pub fn stored_event_json(e: &StoredEvent) -> serde_json::Value {
    let mut v = serde_json::to_value(&e.record).unwrap_or(serde_json::Value::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("article".into(), serde_json::json!({
            "id": e.article_id,
            "date": e.article_date,
            "title": e.article_title,
            "url": e.article_url,
        }));
    }
    v
}

/// What `?` and `-` mean in the events table, printed under it.
pub const TABLE_LEGEND: &str = "(? = an actor or recipient was found but has no country or IGO code; - = none found, or no value)";

fn event_table_row(out: &mut dyn Write, e: &StoredEvent) -> io::Result<()> {
    let r = &e.record;
    writeln!(
        out,
        "{:<10} {:<24} {:<10} {:<10} {:<6} {:<10} {:<16} {:<24} {}",
        r.date.as_ref().map(|d| d.value.clone()).unwrap_or_else(|| "-".into()),
        type_mode(r),
        actor(&r.actor),
        actor(&r.recipient),
        r.cameo.clone().unwrap_or_else(|| "-".into()),
        format!("{:?}", r.status).to_lowercase(),
        shorten(&r.location.as_ref().map(|l| l.name.clone()).unwrap_or_else(|| "-".into()), 16),
        shorten(&r.trigger.text, 24),
        one_line(&e.article_id)
    )
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn event_csv_row(out: &mut dyn Write, e: &StoredEvent, raw_cells: bool) -> io::Result<()> {
    let r = &e.record;
    let fields = [
        r.id.clone(),
        e.article_id.clone(),
        r.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
        r.event_type.clone(),
        r.mode.clone().unwrap_or_default(),
        r.cameo.clone().unwrap_or_default(),
        r.actor.as_ref().and_then(|a| a.country.clone()).unwrap_or_default(),
        r.actor.as_ref().and_then(|a| a.sector.clone()).unwrap_or_default(),
        r.recipient.as_ref().and_then(|a| a.country.clone()).unwrap_or_default(),
        r.recipient.as_ref().and_then(|a| a.sector.clone()).unwrap_or_default(),
        format!("{:?}", r.status).to_lowercase(),
        r.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        r.trigger.text.clone(),
        r.rule.clone(),
    ];
    let line: Vec<String> = fields
        .iter()
        .map(|f| if raw_cells { csv_field(f) } else { csv_field(&griot_store::export::neutralise_cell(f)) })
        .collect();
    writeln!(out, "{}", line.join(","))
}

/// The formats of `griot events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// Writes events one at a time as they are read (`griot events` streams them): the header,
/// each event, then what comes after the last (the table's count and legend, the closing
/// bracket of the JSON array). The output is that of the whole-list writers.
pub struct EventWriter {
    format: EventFormat,
    raw_cells: bool,
    count: usize,
    /// Some event lacks a value the table shows as `?` or `-` (the legend is printed).
    incomplete: bool,
}

impl EventWriter {
    pub fn new(format: EventFormat, raw_cells: bool) -> EventWriter {
        EventWriter { format, raw_cells, count: 0, incomplete: false }
    }

    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            EventFormat::Table => writeln!(
                out,
                "{:<10} {:<24} {:<10} {:<10} {:<6} {:<10} {:<16} {:<24} article",
                "date", "type", "actor", "recipient", "cameo", "status", "place", "trigger"
            ),
            EventFormat::Csv => writeln!(
                out,
                "id,article_id,date,type,mode,cameo,actor,actor_sector,recipient,recipient_sector,status,place,trigger,rule"
            ),
            EventFormat::Json | EventFormat::Jsonl => Ok(()),
        }
    }

    pub fn event(&mut self, out: &mut dyn Write, e: &StoredEvent) -> io::Result<()> {
        match self.format {
            EventFormat::Table => {
                let r = &e.record;
                self.incomplete |= r.date.is_none()
                    || r.actor.as_ref().is_none_or(|a| a.country.is_none())
                    || r.recipient.as_ref().is_none_or(|a| a.country.is_none())
                    || r.cameo.is_none()
                    || r.location.is_none();
                event_table_row(out, e)?;
            }
            EventFormat::Csv => event_csv_row(out, e, self.raw_cells)?,
            EventFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &stored_event_json(e))?;
                writeln!(out)?;
            }
            EventFormat::Json => {
                // as serde_json writes a pretty array: each element indented by two spaces
                out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                let item = serde_json::to_string_pretty(&stored_event_json(e))?;
                for (i, line) in item.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            EventFormat::Table => {
                writeln!(out, "({} events)", self.count)?;
                if self.incomplete {
                    writeln!(out, "{TABLE_LEGEND}")?;
                }
            }
            EventFormat::Json => out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?,
            EventFormat::Csv | EventFormat::Jsonl => {}
        }
        Ok(())
    }
}

/// `griot show`: each sentence with its annotations underneath, spans marked inline.
pub fn write_annotated(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let r = doc_record(doc);
    writeln!(out, "{}  ({})", one_line(&r.article.title.clone().unwrap_or_else(|| r.article.id.clone())), r.article.date.clone().unwrap_or_else(|| "no date".into()))?;
    for s in &r.sentences {
        // Inline marks: [mention], {date}, <trigger>; nested or overlapping spans keep the outer one.
        let mut marks: Vec<(usize, usize, char, char)> = Vec::new();
        for m in r.mentions.iter().filter(|m| m.start >= s.start && m.end <= s.end) {
            marks.push((m.start, m.end, '[', ']'));
        }
        for t in r.times.iter().filter(|t| t.start >= s.start && t.end <= s.end) {
            marks.push((t.start, t.end, '{', '}'));
        }
        for e in r.events.iter().filter(|e| e.trigger.start >= s.start && e.trigger.end <= s.end) {
            marks.push((e.trigger.start, e.trigger.end, '<', '>'));
        }
        marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let mut kept: Vec<(usize, usize, char, char)> = Vec::new();
        for m in marks {
            if kept.last().is_none_or(|k| m.0 >= k.1) {
                kept.push(m);
            }
        }
        let mut line = String::new();
        let mut pos = s.start;
        for (a, b, open, close) in kept {
            line.push_str(doc.text().get(pos..a).unwrap_or(""));
            line.push(open);
            line.push_str(doc.text().get(a..b).unwrap_or(""));
            line.push(close);
            pos = b;
        }
        line.push_str(doc.text().get(pos..s.end).unwrap_or(""));
        writeln!(out, "\n[{}] {}", s.index, line)?;
        for m in r.mentions.iter().filter(|m| m.start >= s.start && m.end <= s.end) {
            let mut d = format!("    [{}] {:?}", m.text, m.kind);
            if let Some(c) = &m.country {
                d.push_str(&format!(" {c}"));
            }
            if let Some(sec) = &m.sector {
                d.push_str(&format!("/{sec}"));
            }
            if m.kind == MentionKind::Person || m.refers_to.is_some() {
                d.push_str(&format!(" = {}", m.name));
            }
            if let Some(p) = &m.place {
                d.push_str(&format!(" @ {} {:.3},{:.3}", p.name, p.lat, p.lon));
            }
            writeln!(out, "{d}")?;
        }
        for t in r.times.iter().filter(|t| t.start >= s.start && t.end <= s.end) {
            writeln!(out, "    {{{}}} {:?} {}", t.text, t.kind, t.value)?;
        }
        for q in r.quantities.iter().filter(|q| q.start >= s.start && q.end <= s.end) {
            writeln!(out, "    #{} = {} {:?}", q.text, q.value, q.kind)?;
        }
        for st in r.statements.iter().filter(|st| st.start < s.end && st.end > s.start) {
            if st.start >= s.start {
                writeln!(
                    out,
                    "    says: {} -> \"{}\"",
                    st.speaker.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| "?".into()),
                    shorten(&st.content.text, 80)
                )?;
            }
        }
        for e in r.events.iter().filter(|e| e.trigger.start >= s.start && e.trigger.end <= s.end) {
            writeln!(
                out,
                "    <{}> {} {} -> {} date {} {:?} rule {}",
                e.trigger.text,
                type_mode(e),
                actor(&e.actor),
                actor(&e.recipient),
                e.date.as_ref().map(|d| format!("{} ({})", d.value, d.basis)).unwrap_or_else(|| "-".into()),
                e.status,
                e.rule
            )?;
        }
    }
    Ok(())
}

pub fn print_counts(c: &Counts) {
    println!(
        "articles {}\nsentences {}\nmentions {}\ndates {}\nquantities {}\nstatements {}\nevents {}",
        c.articles, c.sentences, c.mentions, c.times, c.quantities, c.statements, c.events
    );
}
