//! Weight tables: the sparse averaged perceptron used in training and the compact quantised
//! table used at run time. Features are 32-bit hashes (never 0).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Adds class scores of a feature vector.
pub(crate) trait Scorer {
    fn score(&self, feats: &[u32], out: &mut [f32]);
}

#[derive(Clone, Copy)]
struct Ent {
    cls: u16,
    w: i32,
    u: i64,
}

#[derive(Default)]
struct Row {
    count: u32,
    ents: Vec<Ent>,
}

/// Sparse averaged perceptron (integer weights; average = w - u/c).
pub(crate) struct Perceptron {
    pub n_classes: usize,
    index: IdMap<u32, u32>,
    rows: Vec<Row>,
    c: i64,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Self {
        Perceptron {
            n_classes,
            index: IdMap::default(),
            rows: Vec::new(),
            c: 1,
        }
    }
    /// Scores with the current weights, counting how often each known feature is seen.
    pub fn score_count(&mut self, feats: &[u32], out: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &mut self.rows[r as usize];
                row.count += 1;
                for e in &row.ents {
                    out[e.cls as usize] += e.w as f32;
                }
            }
        }
    }
    /// One more training instance seen.
    pub fn tick(&mut self) {
        self.c += 1;
    }
    /// Perceptron update: +1 for `good`, -1 for `bad` on every feature.
    pub fn update(&mut self, good: usize, bad: usize, feats: &[u32]) {
        if good == bad {
            return;
        }
        let c = self.c;
        for f in feats {
            let n = self.rows.len() as u32;
            let r = *self.index.entry(*f).or_insert(n);
            if r == n {
                self.rows.push(Row {
                    count: 1,
                    ents: Vec::new(),
                });
            }
            let row = &mut self.rows[r as usize];
            for (cls, d) in [(good, 1i32), (bad, -1i32)] {
                match row.ents.iter_mut().find(|e| e.cls as usize == cls) {
                    Some(e) => {
                        e.w += d;
                        e.u += c * d as i64;
                    }
                    None => row.ents.push(Ent {
                        cls: cls as u16,
                        w: d,
                        u: c * d as i64,
                    }),
                }
            }
        }
    }
    /// Averaged, pruned (features seen fewer than `min_count` times), quantised weights.
    pub fn export(&self, min_count: u32) -> Weights {
        let c = self.c as f64;
        let mut feats: Vec<(u32, &Row)> = self
            .index
            .iter()
            .filter(|(_, &r)| self.rows[r as usize].count >= min_count)
            .map(|(&f, &r)| (f, &self.rows[r as usize]))
            .collect();
        feats.sort_unstable_by_key(|(f, _)| *f);
        let mut max = 0f64;
        for (_, row) in &feats {
            for e in &row.ents {
                let a = e.w as f64 - e.u as f64 / c;
                max = max.max(a.abs());
            }
        }
        let mut out = Weights {
            n_classes: self.n_classes,
            max: max as f32,
            ..Weights::default()
        };
        for (f, row) in feats {
            let mut ents: Vec<(u8, i8)> = row
                .ents
                .iter()
                .filter_map(|e| {
                    let q = quantize(e.w as f64 - e.u as f64 / c, max);
                    (q != 0).then_some((e.cls as u8, q))
                })
                .collect();
            if ents.is_empty() {
                continue;
            }
            ents.sort_unstable_by_key(|e| e.0);
            out.hashes.push(f);
            out.lens.push(ents.len() as u8);
            for (cl, q) in ents {
                out.cls.push(cl);
                out.w.push(q);
            }
        }
        out
    }
}

/// Dynamic range of the log quantiser: weights below max·e^-LOG_RANGE become 0.
const LOG_RANGE: f64 = 9.0;

/// Signed 8-bit logarithmic code of `a` relative to `max` (7% steps).
fn quantize(a: f64, max: f64) -> i8 {
    if max <= 0.0 || a == 0.0 {
        return 0;
    }
    let m = (a.abs() / max).min(1.0);
    let c = (127.0 * (1.0 + m.ln() / LOG_RANGE)).round();
    if c < 1.0 {
        return 0;
    }
    let c = c.min(127.0) as i8;
    if a < 0.0 {
        -c
    } else {
        c
    }
}

/// Value of every code (index: code as u8).
fn dequant_table(max: f32) -> [f32; 256] {
    let mut t = [0f32; 256];
    for (i, v) in t.iter_mut().enumerate() {
        let c = i as u8 as i8;
        if c == 0 || c == i8::MIN {
            continue;
        }
        let m = (((c.unsigned_abs() as f64) / 127.0 - 1.0) * LOG_RANGE).exp() * max as f64;
        *v = if c < 0 { -m as f32 } else { m as f32 };
    }
    t
}

impl Scorer for Perceptron {
    fn score(&self, feats: &[u32], out: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize].ents {
                    out[e.cls as usize] += e.w as f32;
                }
            }
        }
    }
}

/// Serial form of a weight table: sorted feature hashes, per feature its entries.
#[derive(Default, Clone, Debug, PartialEq)]
pub(crate) struct Weights {
    pub n_classes: usize,
    /// Largest absolute weight (the quantiser's scale).
    pub max: f32,
    pub hashes: Vec<u32>,
    pub lens: Vec<u8>,
    pub cls: Vec<u8>,
    pub w: Vec<i8>,
}

/// Run-time table: open addressing on the feature hash. Tables of at most 4 classes (the
/// transition model) keep their weights in the slot itself: one memory access per feature.
/// Wide tables keep in the slot the feature's first entry and entry count: two accesses.
/// A feature with weights for many classes (the bias, the previous tags) is instead a dense
/// row of all classes' weights, added as a vector: a class it has no weight for gets 0.0,
/// which leaves every sum exactly as it was (no sum is ever -0.0), so the scores are the
/// same bit for bit, in the same order.
pub(crate) struct Table {
    mask: usize,
    shift: u32,
    /// (hash << 32) | DENSE bit | (start in `ents`, or row in `dense`, << 8) | entry count;
    /// 0 = empty (wide tables)
    slots: Vec<u64>,
    ents: Vec<(u8, i8)>,
    /// rows of `n_classes` weights (wide tables)
    dense: Vec<f32>,
    n_classes: usize,
    /// (hash, weight codes of classes 0..4), hash 0 = empty (narrow tables)
    narrow: Vec<(u32, [i8; 4])>,
    lut: [f32; 256],
}

/// Entries (and dense rows) of wide tables are addressed by 23 bits.
const MAX_ENTS: usize = 1 << 23;
/// Slot bit of a dense row.
const DENSE: u64 = 1 << 31;
/// Features with at least this many entries are dense rows.
const DENSE_MIN: usize = 16;

impl Table {
    pub fn build(w: &Weights) -> Table {
        let n = w.hashes.len();
        // The slot of a hash is its top bits: hashes come sorted, so the slots fill in order
        // (fast to build, no random writes).
        let cap = (n + n / 2 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let shift = 32 - cap.trailing_zeros();
        let mut t = Table {
            mask,
            shift,
            slots: Vec::new(),
            ents: Vec::new(),
            dense: Vec::new(),
            n_classes: w.n_classes,
            narrow: Vec::new(),
            lut: dequant_table(w.max),
        };
        let mut pos = 0usize;
        if w.n_classes <= 4 {
            t.narrow = vec![(0u32, [0i8; 4]); cap];
            for (&h, &len) in w.hashes.iter().zip(&w.lens) {
                let mut ws = [0i8; 4];
                for k in pos..pos + len as usize {
                    if let Some(x) = ws.get_mut(w.cls[k] as usize) {
                        *x = w.w[k];
                    }
                }
                pos += len as usize;
                let mut i = (h >> shift) as usize;
                while t.narrow[i].0 != 0 {
                    i = (i + 1) & mask;
                }
                t.narrow[i] = (h, ws);
            }
            return t;
        }
        t.slots = vec![0u64; cap];
        t.ents.reserve(w.cls.len().min(MAX_ENTS));
        for (&h, &len) in w.hashes.iter().zip(&w.lens) {
            let (a, b) = (pos, pos + len as usize);
            pos = b;
            if b > MAX_ENTS || b > w.cls.len() || b > w.w.len() {
                // beyond what a slot can address (no model comes near): the feature is left out
                continue;
            }
            let nc = w.n_classes;
            let rows = t.dense.len() / nc.max(1);
            let code = if b - a >= DENSE_MIN && nc <= 256 && rows < MAX_ENTS {
                let row = t.dense.len();
                t.dense.resize(row + nc, 0.0);
                for (&cl, &q) in w.cls[a..b].iter().zip(&w.w[a..b]) {
                    if let Some(x) = t.dense.get_mut(row + cl as usize) {
                        // a class twice in a feature (no model has that) adds up as it would
                        *x += t.lut[q as u8 as usize];
                    }
                }
                DENSE | ((rows as u64) << 8)
            } else {
                let start = t.ents.len();
                t.ents.extend(w.cls[a..b].iter().copied().zip(w.w[a..b].iter().copied()));
                (start as u64) << 8
            };
            let mut i = (h >> shift) as usize;
            while t.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = (u64::from(h) << 32) | code | u64::from(len);
        }
        t
    }

    /// Asks for the home slot of every feature ahead of the lookups, so that the memory
    /// accesses of all features overlap instead of waiting for each other (the tables are
    /// larger than the caches).
    #[inline]
    fn touch(&self, feats: &[u32]) {
        if !self.narrow.is_empty() {
            for &f in feats {
                prefetch(&self.narrow, (f >> self.shift) as usize);
            }
        } else {
            for &f in feats {
                prefetch(&self.slots, (f >> self.shift) as usize);
            }
        }
    }
}

/// Asks the CPU to bring `v[i]` into the cache, without waiting for it: a read of the value
/// instead would hold up the instructions after it once the CPU has a few reads in flight
/// (measured: whole tag + parse about 8% faster than with reads). Where the CPU has no such
/// instruction the tables are simply read in [`Scorer::score`].
#[inline(always)]
fn prefetch<T>(v: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(x) = v.get(i) {
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch has no effect the
        // program can see (the address is that of an element of `v` in any case)
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                (x as *const T).cast::<i8>(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (v, i);
}

impl Scorer for Table {
    #[inline]
    fn score(&self, feats: &[u32], out: &mut [f32]) {
        self.touch(feats);
        if !self.narrow.is_empty() {
            // the sums in registers (each class still adds its weights in feature order)
            let mut acc = [0f32; 4];
            let n = out.len().min(4);
            acc[..n].copy_from_slice(&out[..n]);
            for &f in feats {
                let mut i = (f >> self.shift) as usize;
                loop {
                    let (h, ws) = &self.narrow[i];
                    if *h == f {
                        for (a, &c) in acc.iter_mut().zip(ws) {
                            *a += self.lut[c as u8 as usize];
                        }
                        break;
                    }
                    if *h == 0 {
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            out[..n].copy_from_slice(&acc[..n]);
            return;
        }
        // wide tables: find every feature's entries first (reading the first entry of each,
        // so that those reads overlap too), then add them up in feature order, in an array
        // that any class byte can index
        const CHUNK: usize = 64;
        let mut acc = [0f32; 256];
        let n = out.len().min(256);
        acc[..n].copy_from_slice(&out[..n]);
        let nc = self.n_classes.min(256);
        let mut ranges = [(0u32, 0u32, false); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            let mut seen = 0u64;
            for (r, &f) in ranges.iter_mut().zip(chunk) {
                *r = (0, 0, false);
                let mut i = (f >> self.shift) as usize;
                loop {
                    let s = self.slots[i];
                    if s == 0 {
                        break;
                    }
                    if (s >> 32) as u32 == f {
                        let a = ((s >> 8) & 0x7f_ffff) as u32;
                        if s & DENSE != 0 {
                            let row = a as usize * nc;
                            *r = (row as u32, (row + nc) as u32, true);
                            seen = seen.wrapping_add(self.dense.get(row).map_or(0, |x| x.to_bits() as u64));
                        } else {
                            *r = (a, a + (s & 0xff) as u32, false);
                            seen = seen.wrapping_add(self.ents.get(a as usize).map_or(0, |e| u64::from(e.0)));
                        }
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            std::hint::black_box(seen);
            for &(a, b, dense) in &ranges[..chunk.len()] {
                if dense {
                    let row = self.dense.get(a as usize..b as usize).unwrap_or(&[]);
                    for (x, &v) in acc[..nc].iter_mut().zip(row) {
                        *x += v;
                    }
                } else {
                    for &(cl, w) in self.ents.get(a as usize..b as usize).unwrap_or(&[]) {
                        acc[cl as usize] += self.lut[w as u8 as usize];
                    }
                }
            }
        }
        out[..n].copy_from_slice(&acc[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sums of the plain reading of the weights: every entry of every feature, in order.
    fn plain(w: &Weights, feats: &[u32]) -> Vec<f32> {
        let lut = dequant_table(w.max);
        let mut out = vec![0f32; w.n_classes];
        for f in feats {
            let Ok(k) = w.hashes.binary_search(f) else { continue };
            let start: usize = w.lens[..k].iter().map(|&l| l as usize).sum();
            for e in start..start + w.lens[k] as usize {
                out[w.cls[e] as usize] += lut[w.w[e] as u8 as usize];
            }
        }
        out
    }

    #[test]
    fn dense_and_sparse_rows_give_the_plain_sums_bit_for_bit() {
        // feature 7: all 40 classes (a dense row); 11: 20 of them, every other (dense, with
        // gaps); 13: 3 classes (sparse); weights of both signs and many sizes
        let mut w = Weights {
            n_classes: 40,
            max: 3.7,
            ..Weights::default()
        };
        let mut code = 0i8;
        for (h, classes) in [
            (7u32, (0..40).collect::<Vec<u8>>()),
            (11, (0..40).step_by(2).collect()),
            (13, vec![1, 2, 39]),
        ] {
            w.hashes.push(h);
            w.lens.push(classes.len() as u8);
            for c in classes {
                code = code.wrapping_mul(37).wrapping_add(11);
                w.cls.push(c);
                w.w.push(if code == 0 || code == i8::MIN { 5 } else { code });
            }
        }
        let t = Table::build(&w);
        assert!(!t.dense.is_empty() && !t.ents.is_empty());
        for feats in [vec![7, 11, 13], vec![13, 11, 7, 7], vec![99, 13, 11], vec![], vec![11, 11, 11, 13, 7]] {
            let mut got = vec![0f32; 40];
            t.score(&feats, &mut got);
            let want = plain(&w, &feats);
            assert_eq!(
                got.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                want.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                "features {feats:?}"
            );
        }
    }
}
