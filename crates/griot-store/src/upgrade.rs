//! The in-place repacking of schema step 9 (see `schema::V9`): every JSON column of a store
//! written by an earlier version becomes its packed form, in the migration's transaction.
//! The JSON itself is not rewritten, only moved and compressed, so nothing is lost: an item
//! that was damaged stays damaged (and `Store::doc` names its article), the others read
//! back exactly as before. Work goes in chunks of rows, so memory does not grow with the
//! store.

use rusqlite::{params, OptionalExtension, Transaction};

use crate::codec;

pub(crate) enum Error {
    Sql(rusqlite::Error),
    Damaged { article: String, what: String, detail: String },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Sql(e)
    }
}

const CHUNK: i64 = 500;

/// The layer tables in the order of `LayersRef`'s fields (their JSON names).
const LAYERS: [&str; 6] = ["sentences", "mentions", "times", "quantities", "statements", "events"];

pub(crate) fn repack(tx: &Transaction<'_>) -> Result<(), Error> {
    let mut json = Vec::with_capacity(1 << 16);
    let mut packed = Vec::with_capacity(1 << 14);
    // articles: the items of their six layers, as one packed object
    {
        let mut next = tx.prepare("SELECT rowid FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2")?;
        let mut items: Vec<rusqlite::Statement<'_>> = LAYERS
            .iter()
            .map(|t| tx.prepare(&format!("SELECT item FROM {t} WHERE article = ?1 ORDER BY idx")))
            .collect::<Result<_, _>>()?;
        let mut put = tx.prepare("UPDATE articles SET layers = ?2 WHERE rowid = ?1")?;
        let mut after = i64::MIN;
        loop {
            let rows: Vec<i64> = next.query_map(params![after, CHUNK], |r| r.get(0))?.collect::<Result<_, _>>()?;
            let Some(&last) = rows.last() else { break };
            for rowid in rows {
                json.clear();
                json.push(b'{');
                for (k, (name, stmt)) in LAYERS.iter().zip(items.iter_mut()).enumerate() {
                    if k > 0 {
                        json.push(b',');
                    }
                    json.extend_from_slice(format!("\"{name}\":[").as_bytes());
                    let mut q = stmt.query([rowid])?;
                    let mut first = true;
                    while let Some(r) = q.next()? {
                        if !first {
                            json.push(b',');
                        }
                        first = false;
                        json.extend_from_slice(r.get_ref(0)?.as_bytes().map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))?);
                    }
                    json.push(b']');
                }
                json.push(b'}');
                codec::pack(&json, &mut packed);
                put.execute(params![rowid, packed])?;
            }
            after = last;
        }
    }
    // events: each record packed
    {
        let mut next = tx.prepare("SELECT rowid, record FROM events WHERE rowid > ?1 ORDER BY rowid LIMIT ?2")?;
        let mut put = tx.prepare("UPDATE events SET record = ?2 WHERE rowid = ?1")?;
        let mut after = i64::MIN;
        loop {
            let rows: Vec<(i64, Vec<u8>)> = next
                .query_map(params![after, CHUNK], |r| Ok((r.get(0)?, r.get_ref(1)?.as_bytes().map(<[u8]>::to_vec).unwrap_or_default())))?
                .collect::<Result<_, _>>()?;
            let Some(last) = rows.last().map(|r| r.0) else { break };
            for (rowid, record) in rows {
                if record.first() == Some(&codec::PACKED) {
                    continue;
                }
                codec::pack(&record, &mut packed);
                put.execute(params![rowid, packed])?;
            }
            after = last;
        }
    }
    // stories: each view packed
    {
        let mut next = tx.prepare("SELECT id, data FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let mut put = tx.prepare("UPDATE stories SET data = ?2 WHERE id = ?1")?;
        let mut after = String::new();
        loop {
            let rows: Vec<(String, Vec<u8>)> = next
                .query_map(params![after, CHUNK], |r| Ok((r.get(0)?, r.get_ref(1)?.as_bytes().map(<[u8]>::to_vec).unwrap_or_default())))?
                .collect::<Result<_, _>>()?;
            let Some(last) = rows.last().map(|r| r.0.clone()) else { break };
            for (id, data) in rows {
                codec::pack(&data, &mut packed);
                put.execute(params![id, packed])?;
            }
            after = last;
        }
    }
    // a store that cannot be read is not repacked half-way: check one article reads back
    let sample: Option<(String, Vec<u8>)> = tx
        .query_row("SELECT id, layers FROM articles ORDER BY rowid LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((article, layers)) = sample {
        if let Err(detail) = codec::unpack(&layers) {
            return Err(Error::Damaged { article, what: "repacked layers".into(), detail });
        }
    }
    Ok(())
}
