//! Compact binary form of an [`ArticleSummary`], as the store keeps it (schema step 9).
//!
//! An incremental story update reads back the summaries of a month of news (about ten
//! thousand at 300 articles a day), so their form decides the cost of a small ingest: this
//! one is read field by field, without a parser, and is about a third of the JSON size (the
//! MinHash signature and the term weights are fixed-width bytes, not decimal text).
//!
//! Layout: the byte [`MAGIC`], then every field of the summary in declaration order.
//! Integers are LEB128 varints (signed ones zigzag-encoded), `f32`/`f64` little-endian
//! bytes, strings a varint length and UTF-8 bytes, options a 0/1 byte then the value,
//! lists a varint count then the items, dates their day number from the common era,
//! enums their serde name as a string. Every struct is destructured whole, so a new field
//! does not compile until it is written here (and [`MAGIC`] bumped if the layout changes).
//!
//! [`read_summary`] also reads the JSON form written by earlier versions, so stores
//! migrate lazily and nothing written before is lost.

use chrono::NaiveDate;
use griot_text::record::SpanText;
use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};

use crate::dates::DayRange;
use crate::summary::{ActorKey, ArticleSummary, DateKey, EventKey, PlaceKey, QuantityKey};

/// First byte of the binary form, version 1 (JSON starts with `{`).
pub const MAGIC: u8 = 0xB1;

/// True when `bytes` is the binary form (else JSON of an earlier version).
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.first() == Some(&MAGIC)
}

/// Appends the binary form of `s` to `out`.
pub fn pack_summary(s: &ArticleSummary, out: &mut Vec<u8>) {
    let ArticleSummary {
        version,
        id,
        url,
        title,
        date,
        outlet,
        words,
        shingle_count,
        signature,
        terms,
        title_tokens,
        countries,
        places,
        events,
    } = s;
    out.push(MAGIC);
    uint(out, u64::from(*version));
    string(out, id);
    opt(out, url.as_deref(), |o, v| string(o, v));
    opt(out, title.as_deref(), |o, v| string(o, v));
    opt(out, *date, date_out);
    opt(out, outlet.as_deref(), |o, v| string(o, v));
    uint(out, u64::from(*words));
    uint(out, u64::from(*shingle_count));
    uint(out, signature.len() as u64);
    for h in signature {
        out.extend_from_slice(&h.to_le_bytes());
    }
    uint(out, terms.len() as u64);
    for (h, w) in terms {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    uint(out, title_tokens.len() as u64);
    for t in title_tokens {
        string(out, t);
    }
    for list in [countries, places] {
        uint(out, list.len() as u64);
        for (k, n) in list {
            string(out, k);
            uint(out, u64::from(*n));
        }
    }
    uint(out, events.len() as u64);
    for e in events {
        event_out(out, e);
    }
}

/// The summary in `bytes`: the binary form, or the JSON of earlier versions. `Err` says
/// what is damaged.
pub fn read_summary(bytes: &[u8]) -> Result<ArticleSummary, String> {
    if !is_packed(bytes) {
        return serde_json::from_slice(bytes).map_err(|e| e.to_string());
    }
    let mut r = Reader { b: bytes, pos: 1 };
    let s = summary_in(&mut r).map_err(|what| format!("{what} at byte {}", r.pos))?;
    if r.pos != bytes.len() {
        return Err(format!("{} bytes left over", bytes.len() - r.pos));
    }
    Ok(s)
}

fn uint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn int(out: &mut Vec<u8>, v: i64) {
    uint(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn string(out: &mut Vec<u8>, s: &str) {
    uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn opt<T>(out: &mut Vec<u8>, v: Option<T>, f: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(v) => {
            out.push(1);
            f(out, v);
        }
        None => out.push(0),
    }
}

fn date_out(out: &mut Vec<u8>, d: NaiveDate) {
    int(out, i64::from(chrono::Datelike::num_days_from_ce(&d)));
}

/// The serde name of a unit enum variant (`"day"`).
fn enum_out<T: Serialize>(out: &mut Vec<u8>, v: &T) {
    let name = serde_json::to_string(v).unwrap_or_default();
    string(out, name.trim_matches('"'));
}

fn span_out(out: &mut Vec<u8>, s: &SpanText) {
    let SpanText { start, end, text } = s;
    uint(out, *start as u64);
    uint(out, *end as u64);
    string(out, text);
}

fn actor_out(out: &mut Vec<u8>, a: &ActorKey) {
    let ActorKey { country, name, sector, start, end } = a;
    opt(out, country.as_deref(), |o, v| string(o, v));
    string(out, name);
    opt(out, sector.as_deref(), |o, v| string(o, v));
    uint(out, *start as u64);
    uint(out, *end as u64);
}

fn event_out(out: &mut Vec<u8>, e: &EventKey) {
    let EventKey {
        id,
        event_type,
        mode,
        cameo,
        actor,
        recipient,
        date,
        place,
        sentence,
        sentence_text,
        trigger,
        evidence,
        quantities,
        status,
        rule,
        background,
    } = e;
    string(out, id);
    string(out, event_type);
    opt(out, mode.as_deref(), |o, v| string(o, v));
    opt(out, cameo.as_deref(), |o, v| string(o, v));
    opt(out, actor.as_ref(), actor_out);
    opt(out, recipient.as_ref(), actor_out);
    opt(out, date.as_ref(), |o, d| {
        let DateKey { value, precision, range, basis } = d;
        string(o, value);
        enum_out(o, precision);
        opt(o, range.as_ref(), |o, r| {
            let DayRange { first, last } = r;
            date_out(o, *first);
            date_out(o, *last);
        });
        string(o, basis);
    });
    opt(out, place.as_ref(), |o, p| {
        let PlaceKey { name, geonameid, country, lat, lon, feature } = p;
        string(o, name);
        opt(o, *geonameid, uint);
        opt(o, country.as_deref(), |o, v| string(o, v));
        opt(o, *lat, |o, v| o.extend_from_slice(&v.to_le_bytes()));
        opt(o, *lon, |o, v| o.extend_from_slice(&v.to_le_bytes()));
        opt(o, feature.as_deref(), |o, v| string(o, v));
    });
    uint(out, u64::from(*sentence));
    span_out(out, sentence_text);
    span_out(out, trigger);
    uint(out, evidence.len() as u64);
    for s in evidence {
        span_out(out, s);
    }
    uint(out, quantities.len() as u64);
    for q in quantities {
        let QuantityKey { value, kind, counted, text } = q;
        out.extend_from_slice(&value.to_le_bytes());
        enum_out(out, kind);
        opt(out, counted.as_deref(), |o, v| string(o, v));
        span_out(out, text);
    }
    enum_out(out, status);
    string(out, rule);
    out.push(u8::from(*background));
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, &'static str>;

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("truncated")?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn byte(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }
    fn uint(&mut self) -> R<u64> {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return Err("bad varint");
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.uint()?).map_err(|_| "number too large")
    }
    fn usize(&mut self) -> R<usize> {
        usize::try_from(self.uint()?).map_err(|_| "number too large")
    }
    fn int(&mut self) -> R<i64> {
        let z = self.uint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
    /// A list length, checked against the bytes left (each item takes at least one).
    fn len(&mut self) -> R<usize> {
        let n = self.usize()?;
        if n > self.b.len() - self.pos {
            return Err("bad list length");
        }
        Ok(n)
    }
    fn string(&mut self) -> R<String> {
        let n = self.usize()?;
        let s = self.take(n)?;
        std::str::from_utf8(s).map(str::to_string).map_err(|_| "bad UTF-8")
    }
    fn flag(&mut self) -> R<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("bad flag"),
        }
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> R<T>) -> R<Option<T>> {
        if self.flag()? {
            f(self).map(Some)
        } else {
            Ok(None)
        }
    }
    fn f32(&mut self) -> R<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f64(&mut self) -> R<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
    fn u64_fixed(&mut self) -> R<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn date(&mut self) -> R<NaiveDate> {
        let d = i32::try_from(self.int()?).map_err(|_| "bad date")?;
        NaiveDate::from_num_days_from_ce_opt(d).ok_or("bad date")
    }
    fn enumeration<T: for<'de> Deserialize<'de>>(&mut self) -> R<T> {
        let n = self.usize()?;
        let s = std::str::from_utf8(self.take(n)?).map_err(|_| "bad UTF-8")?;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = s.into_deserializer();
        T::deserialize(de).map_err(|_| "unknown enum value")
    }
    fn span(&mut self) -> R<SpanText> {
        Ok(SpanText { start: self.usize()?, end: self.usize()?, text: self.string()? })
    }
    fn actor(&mut self) -> R<ActorKey> {
        Ok(ActorKey {
            country: self.opt(Self::string)?,
            name: self.string()?,
            sector: self.opt(Self::string)?,
            start: self.usize()?,
            end: self.usize()?,
        })
    }
}

fn summary_in(r: &mut Reader<'_>) -> R<ArticleSummary> {
    let version = r.u32()?;
    let id = r.string()?;
    let url = r.opt(Reader::string)?;
    let title = r.opt(Reader::string)?;
    let date = r.opt(Reader::date)?;
    let outlet = r.opt(Reader::string)?;
    let words = r.u32()?;
    let shingle_count = r.u32()?;
    let n = r.len()?;
    let mut signature = Vec::with_capacity(n);
    for _ in 0..n {
        let b = r.take(4)?;
        signature.push(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    }
    let n = r.len()?;
    let mut terms = Vec::with_capacity(n);
    for _ in 0..n {
        terms.push((r.u64_fixed()?, r.f32()?));
    }
    let n = r.len()?;
    let mut title_tokens = Vec::with_capacity(n);
    for _ in 0..n {
        title_tokens.push(r.string()?);
    }
    let mut tallies = [Vec::new(), Vec::new()];
    for list in &mut tallies {
        let n = r.len()?;
        list.reserve(n);
        for _ in 0..n {
            list.push((r.string()?, r.u32()?));
        }
    }
    let [countries, places] = tallies;
    let n = r.len()?;
    let mut events = Vec::with_capacity(n);
    for _ in 0..n {
        events.push(event_in(r)?);
    }
    Ok(ArticleSummary {
        version,
        id,
        url,
        title,
        date,
        outlet,
        words,
        shingle_count,
        signature,
        terms,
        title_tokens,
        countries,
        places,
        events,
    })
}

fn event_in(r: &mut Reader<'_>) -> R<EventKey> {
    let id = r.string()?;
    let event_type = r.string()?;
    let mode = r.opt(Reader::string)?;
    let cameo = r.opt(Reader::string)?;
    let actor = r.opt(Reader::actor)?;
    let recipient = r.opt(Reader::actor)?;
    let date = r.opt(|r| {
        Ok(DateKey {
            value: r.string()?,
            precision: r.enumeration()?,
            range: r.opt(|r| Ok(DayRange { first: r.date()?, last: r.date()? }))?,
            basis: r.string()?,
        })
    })?;
    let place = r.opt(|r| {
        Ok(PlaceKey {
            name: r.string()?,
            geonameid: r.opt(Reader::uint)?,
            country: r.opt(Reader::string)?,
            lat: r.opt(Reader::f64)?,
            lon: r.opt(Reader::f64)?,
            feature: r.opt(Reader::string)?,
        })
    })?;
    let sentence = r.u32()?;
    let sentence_text = r.span()?;
    let trigger = r.span()?;
    let n = r.len()?;
    let mut evidence = Vec::with_capacity(n);
    for _ in 0..n {
        evidence.push(r.span()?);
    }
    let n = r.len()?;
    let mut quantities = Vec::with_capacity(n);
    for _ in 0..n {
        quantities.push(QuantityKey { value: r.f64()?, kind: r.enumeration()?, counted: r.opt(Reader::string)?, text: r.span()? });
    }
    Ok(EventKey {
        id,
        event_type,
        mode,
        cameo,
        actor,
        recipient,
        date,
        place,
        sentence,
        sentence_text,
        trigger,
        evidence,
        quantities,
        status: r.enumeration()?,
        rule: r.string()?,
        background: r.flag()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::summarize;
    use griot_text::{Article, Doc};

    fn full_summary() -> ArticleSummary {
        let text = "Niger revoked its military pact with the United States on Saturday, officials said in Niamey.";
        let mut a = Article::from_text("a1", text);
        a.date = NaiveDate::from_ymd_opt(2024, 3, 17);
        a.url = Some("https://www.example.com/x".into());
        let mut s = summarize(&Doc::new(a));
        s.countries = vec![("NER".into(), 2), ("USA".into(), 1)];
        s.places = vec![("Niamey".into(), 1)];
        s.events = vec![EventKey {
            id: "a1:6".into(),
            event_type: "SANCTION".into(),
            mode: Some("discontinue".into()),
            cameo: Some("161".into()),
            actor: Some(ActorKey { country: Some("NER".into()), name: "Niger".into(), sector: None, start: 0, end: 5 }),
            recipient: Some(ActorKey { country: Some("USA".into()), name: "US".into(), sector: Some("GOV".into()), start: 41, end: 58 }),
            date: Some(DateKey {
                value: "2024-03-16".into(),
                precision: griot_text::Precision::Day,
                range: Some(DayRange::day(NaiveDate::from_ymd_opt(2024, 3, 16).unwrap())),
                basis: "Saturday".into(),
            }),
            place: Some(PlaceKey {
                name: "Niamey".into(),
                geonameid: Some(2440485),
                country: Some("NER".into()),
                lat: Some(13.51366),
                lon: Some(2.1098),
                feature: Some("PPLC".into()),
            }),
            sentence: 0,
            sentence_text: SpanText { start: 0, end: text.len(), text: text.into() },
            trigger: SpanText { start: 6, end: 13, text: "revoked".into() },
            evidence: vec![SpanText { start: 6, end: 13, text: "revoked".into() }],
            quantities: vec![QuantityKey {
                value: 1100.5,
                kind: griot_text::QuantityKind::Killed,
                counted: Some("soldiers".into()),
                text: SpanText { start: 0, end: 4, text: "1100".into() },
            }],
            status: griot_text::EventStatus::Reported,
            rule: "revoke_agreement".into(),
            background: true,
        }];
        s
    }

    #[test]
    fn round_trips_and_reads_json_too() {
        let s = full_summary();
        let mut b = Vec::new();
        pack_summary(&s, &mut b);
        assert!(is_packed(&b));
        assert_eq!(read_summary(&b).unwrap(), s);
        let json = serde_json::to_vec(&s).unwrap();
        assert!(b.len() * 2 < json.len(), "{} bytes packed, {} as JSON", b.len(), json.len());
        assert_eq!(read_summary(&json).unwrap(), s);
        let empty = summarize(&Doc::new(Article::from_text("x", "")));
        b.clear();
        pack_summary(&empty, &mut b);
        assert_eq!(read_summary(&b).unwrap(), empty);
    }

    #[test]
    fn damaged_bytes_are_errors_not_panics() {
        let mut b = Vec::new();
        pack_summary(&full_summary(), &mut b);
        for cut in 0..b.len() {
            assert!(read_summary(&b[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(read_summary(&longer).is_err());
        for i in 1..b.len() {
            let mut d = b.clone();
            d[i] ^= 0xff;
            let _ = read_summary(&d); // any result, no panic
        }
    }
}
