//! A small deterministic mutator for replaying fuzz targets on stable Rust: seeded xorshift,
//! byte flips, insertions of markup and format tokens, deletions, duplications and splices
//! of other seeds. Shared by `fuzz/tests/seeds.rs` and griot-ingest's tests (by path).

/// Tokens worth inserting: markup, entities, JSON, WARC and gzip headers, byte order marks.
const TOKENS: &[&[u8]] = &[
    b"<div>", b"</div>", b"<p>", b"<b>", b"</b>", b"<table>", b"<td>", b"<script>", b"</script>", b"<!--", b"-->",
    b"<![CDATA[", b"]]>", b"<?xml version='1.0' encoding='ISO-8859-1'?>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"<rss><channel><item>", b"</item>", b"<entry>", b"<feed>", b"&", b"&amp;", b"&#x", b"&Zcaron;", b";", b"\"", b"'",
    b"=", b">", b"<", b"{", b"}", b"[", b"]", b"\"text\":", b"\"date\":\"", b"\n", b"\r\n", b"\r\n\r\n", b"WARC/1.0\r\n",
    b"WARC-Type: resource\r\n", b"Content-Length: ", b"99999999999", b"-1", b"0000-00-00", b"2024-02-30", b"\x1f\x8b",
    b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\x00", b"\xC3", b"\xE2\x80", b"filedesc://", b"meta charset=utf-16",
];

/// Seeded xorshift64* generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A mutant of `seed` (1 to 8 mutations; `other` is spliced in sometimes), at most `max` bytes.
pub fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8], max: usize) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = if v.is_empty() { 0 } else { rng.below(v.len() + 1) };
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let times = if rng.below(8) == 0 { 1 + rng.below(2000) } else { 1 };
                let mut ins = Vec::with_capacity(t.len() * times);
                for _ in 0..times {
                    ins.extend_from_slice(t);
                }
                v.splice(at..at, ins);
            }
            2 if !v.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + 1 + rng.below(256)).min(v.len());
                let piece = v[start..end].to_vec();
                v.splice(at..at, piece);
            }
            4 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(1024)).min(other.len());
                v.splice(at..at, other[start..end].iter().copied());
            }
            _ => v.truncate(at),
        }
    }
    v.truncate(max);
    v
}
