//! The model file: gzip of a small binary format.
//!
//! ```text
//! "GSYN" version:u32
//! tags:   n:u16, then n × (xpos:str, upos:str)        joint tag table
//! labels: n:u16, then n × str                         dependency relations
//! dict:   n:u32, then n × (hash:u64, tag:u16)         unambiguous frequent words
//! amb:    n:u32, then n × (hash:u64, class:u64)       ambiguity classes of words
//! 3 × weights (tagger, transitions, labeller):
//!         classes:u16 max:f32 n:u32, n × delta-varint hash, n × len:u8, Σlen × class:u8,
//!         Σlen × weight:i8 (logarithmic code). With ≤ 8 classes each len byte is instead the
//!         bit set of the feature's classes and the class bytes are left out.
//! ```
//! Strings are u8 length + UTF-8; integers little-endian.

use crate::weights::Weights;
use crate::SyntaxError;
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"GSYN";
const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ModelParts {
    pub tags: Vec<(String, String)>,
    pub labels: Vec<String>,
    pub dict: Vec<(u64, u16)>,
    pub amb: Vec<(u64, u64)>,
    pub tagger: Weights,
    pub trans: Weights,
    pub labeller: Weights,
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let n = b.len().min(255);
    out.push(n as u8);
    out.extend_from_slice(&b[..n]);
}

pub(crate) fn put_weights(out: &mut Vec<u8>, w: &Weights) {
    out.extend_from_slice(&(w.n_classes as u16).to_le_bytes());
    out.extend_from_slice(&w.max.to_le_bytes());
    out.extend_from_slice(&(w.hashes.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    for &h in &w.hashes {
        let mut d = h - prev;
        prev = h;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
    }
    if w.n_classes <= 8 {
        let mut p = 0;
        for &len in &w.lens {
            let mut mask = 0u8;
            for &c in &w.cls[p..p + len as usize] {
                mask |= 1 << c;
            }
            out.push(mask);
            p += len as usize;
        }
    } else {
        out.extend_from_slice(&w.lens);
        out.extend_from_slice(&w.cls);
    }
    out.extend(w.w.iter().map(|x| *x as u8));
}

impl ModelParts {
    pub fn to_gz(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.tags.len() as u16).to_le_bytes());
        for (x, u) in &self.tags {
            put_str(&mut out, x);
            put_str(&mut out, u);
        }
        out.extend_from_slice(&(self.labels.len() as u16).to_le_bytes());
        for l in &self.labels {
            put_str(&mut out, l);
        }
        out.extend_from_slice(&(self.dict.len() as u32).to_le_bytes());
        for (h, t) in &self.dict {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&(self.amb.len() as u32).to_le_bytes());
        for (h, c) in &self.amb {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        for w in [&self.tagger, &self.trans, &self.labeller] {
            put_weights(&mut out, w);
        }
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        gz.write_all(&out).expect("writing to a Vec cannot fail");
        gz.finish().expect("writing to a Vec cannot fail")
    }

    pub fn from_gz(bytes: &[u8]) -> Result<ModelParts, SyntaxError> {
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| SyntaxError::Model(format!("gzip: {e}")))?;
        let mut r = Reader { b: &raw, p: 0 };
        if r.take(4)? != MAGIC {
            return Err(SyntaxError::Model(
                "not a griot-syntax model (bad magic)".into(),
            ));
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(SyntaxError::Model(format!(
                "model version {v}, expected {VERSION}"
            )));
        }
        let mut m = ModelParts::default();
        for _ in 0..r.u16()? {
            let x = r.str()?;
            let u = r.str()?;
            m.tags.push((x, u));
        }
        for _ in 0..r.u16()? {
            m.labels.push(r.str()?);
        }
        for _ in 0..r.u32()? {
            let h = r.u64()?;
            let t = r.u16()?;
            m.dict.push((h, t));
        }
        for _ in 0..r.u32()? {
            let h = r.u64()?;
            let c = r.u64()?;
            m.amb.push((h, c));
        }
        m.tagger = r.weights()?;
        m.trans = r.weights()?;
        m.labeller = r.weights()?;
        if r.p != raw.len() {
            return Err(SyntaxError::Model("trailing bytes".into()));
        }
        Ok(m)
    }
}

pub(crate) struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, p: 0 }
    }
    pub(crate) fn at_end(&self) -> bool {
        self.p == self.b.len()
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        if self.b.len() - self.p < n {
            return Err(SyntaxError::Model(format!("truncated at byte {}", self.p)));
        }
        let s = &self.b[self.p..self.p + n];
        self.p += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, SyntaxError> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or([0; 2]),
        ))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self) -> Result<u64, SyntaxError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
    fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.take(1)?[0] as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| SyntaxError::Model("bad UTF-8 string".into()))
    }
    pub(crate) fn weights(&mut self) -> Result<Weights, SyntaxError> {
        let n_classes = self.u16()? as usize;
        let max = f32::from_le_bytes(self.take(4)?.try_into().unwrap_or([0; 4]));
        if !max.is_finite() || max < 0.0 {
            return Err(SyntaxError::Model("bad weight scale".into()));
        }
        let n = self.u32()? as usize;
        if n > self.b.len() {
            return Err(SyntaxError::Model("feature count too large".into()));
        }
        let mut w = Weights {
            n_classes,
            max,
            ..Weights::default()
        };
        w.hashes.reserve(n);
        let mut prev = 0u32;
        let bytes = &self.b[self.p..];
        let mut k = 0usize;
        for _ in 0..n {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let Some(&b) = bytes.get(k) else {
                    return Err(SyntaxError::Model("truncated feature hashes".into()));
                };
                k += 1;
                if shift > 28 {
                    return Err(SyntaxError::Model("bad varint".into()));
                }
                d |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            prev = prev.wrapping_add(d);
            if prev == 0 {
                return Err(SyntaxError::Model("zero feature hash".into()));
            }
            w.hashes.push(prev);
        }
        self.p += k;
        if n_classes <= 8 {
            for &mask in self.take(n)? {
                w.lens.push(mask.count_ones() as u8);
                for c in 0..8u8 {
                    if mask & (1 << c) != 0 {
                        w.cls.push(c);
                    }
                }
            }
        } else {
            w.lens = self.take(n)?.to_vec();
            let total: usize = w.lens.iter().map(|&l| l as usize).sum();
            w.cls = self.take(total)?.to_vec();
        }
        if w.cls.iter().any(|&c| c as usize >= n_classes) {
            return Err(SyntaxError::Model("class out of range".into()));
        }
        w.w = self.take(w.cls.len())?.iter().map(|&b| b as i8).collect();
        Ok(w)
    }
}
