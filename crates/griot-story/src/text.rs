//! Text features for grouping: stable hashing, word scanning, salient terms and MinHash.
//!
//! Everything here is deterministic across runs, machines and Rust versions: the hashes are
//! our own (FNV-1a folded through a SplitMix64 finaliser), and the MinHash functions are
//! multiply-shift hashes whose constants come from a fixed seed. Signatures and term hashes
//! are persisted by the store, so changing any constant here changes stored data: bump
//! [`FEATURES_VERSION`] when you do.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Version of the hashing and term scheme; stored with summaries so that old summaries can
/// be recognised and recomputed.
pub const FEATURES_VERSION: u32 = 1;

/// Number of MinHash functions in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// LSH: bands x rows = SIGNATURE_LEN.
pub const BANDS: usize = 16;
pub const ROWS: usize = SIGNATURE_LEN / BANDS;
/// Salient terms kept per article.
pub const MAX_TERMS: usize = 48;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// SplitMix64 finaliser: a fast, well-mixing bijection on u64.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Stable 64-bit hash of a string.
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(FNV_OFFSET, s.as_bytes())
}

fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix64(h)
}

/// Stable hash of two values (order matters).
pub fn hash_pair(a: u64, b: u64) -> u64 {
    mix64(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ mix64(b.wrapping_add(0x632b_e59b_d9b4_e019)))
}

/// The (a, b) constants of the MinHash functions, from a fixed seed.
fn minhash_params() -> &'static [(u64, u64); SIGNATURE_LEN] {
    static PARAMS: OnceLock<[(u64, u64); SIGNATURE_LEN]> = OnceLock::new();
    PARAMS.get_or_init(|| {
        let mut state: u64 = 0x6772_696f_745f_7374; // "griot_st"
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(state)
        };
        let mut out = [(0u64, 0u64); SIGNATURE_LEN];
        for slot in out.iter_mut() {
            *slot = (next() | 1, next());
        }
        out
    })
}

/// MinHash signature of a set of (already well-mixed) 64-bit shingle hashes.
/// An empty set gives all `u32::MAX`.
pub fn minhash(shingles: &[u64]) -> Vec<u32> {
    let params = minhash_params();
    let mut sig = vec![u32::MAX; SIGNATURE_LEN];
    for &x in shingles {
        for (slot, &(a, b)) in sig.iter_mut().zip(params.iter()) {
            let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// Fraction of equal positions: an estimate of the Jaccard similarity of the shingle sets.
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / n as f64
}

/// Hash of band `band` of a signature (used as an LSH bucket key).
pub fn band_hash(sig: &[u32], band: usize) -> u64 {
    let mut h = FNV_OFFSET ^ (band as u64);
    let start = band * ROWS;
    for v in sig.iter().skip(start).take(ROWS) {
        h = hash_bytes(h, &v.to_le_bytes());
    }
    h
}

/// Function words and words so common in news that they say nothing about the happening.
/// Weight 0 (dropped) for function words, low weight for common news words.
const STOPWORDS: &str = "a about above after again against all also am an and any are as at be because been before \
being below between both but by can could did do does doing down during each few for from further had has have having \
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now \
of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs \
them themselves then there these they this those through to too under until up very was we were what when where which \
while who whom why will with would you your yours yourself yourselves s t don doesn didn isn wasn weren won wouldn \
shouldn couldn hasn haven hadn aren ll ve re d m o y st nd rd th mr mrs ms dr its upon whose whether though although \
yet however also thus hence therefore since per via onto among amid within without toward towards across along around \
behind beside besides beyond inside outside near next one two three four five six seven eight nine ten";

const COMMON_NEWS: &str = "said say says saying told tell tells according reported report reports reporting \
news statement statements announced announce announces announcement week weeks month months year years day days \
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday time times new first last \
people country countries government governments official officials minister ministers president state states \
national international world public part made make makes making take takes taking took come comes came go goes \
going went get gets got well still back many much may might must shall like including include includes \
included added adding add several since another between early late later earlier former current recent \
recently week-long percent per cent number group groups members member spokesperson spokesman spokeswoman \
also called call calls asked ask asks use used using want wants wanted need needs needed way ways work works \
working worked help helps helped show shows showed shown give gives gave given see sees saw seen know knows \
knew known think thinks thought put puts set sets lead leads led become becomes became leave leaves left \
issue issues plan plans planned move moves moved step steps continue continues continued expected expect \
told further even just around often however while before after during january february march april may june \
july august september october november december";

struct WordLists {
    stop: std::collections::HashSet<u64>,
    common: std::collections::HashSet<u64>,
}

fn word_lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| WordLists {
        stop: STOPWORDS.split_whitespace().map(hash_str).collect(),
        common: COMMON_NEWS.split_whitespace().map(|w| hash_str(&stem(w))).collect(),
    })
}

/// Light English suffix stripping so that "revoked", "revokes" and "revoke" meet. Never
/// shortens a word below 3 bytes; works on lower-case ASCII endings only, so it never splits
/// a UTF-8 character.
pub fn stem(word: &str) -> String {
    let w = word;
    let strip = |suffix: &str, min: usize| -> Option<&str> {
        if w.len() >= suffix.len() + min && w.ends_with(suffix) {
            w.get(..w.len() - suffix.len())
        } else {
            None
        }
    };
    let out = strip("ies", 3)
        .map(|s| format!("{s}y"))
        .or_else(|| strip("ing", 4).map(|s| s.to_string()))
        .or_else(|| strip("ed", 4).map(|s| s.to_string()))
        .or_else(|| strip("es", 4).filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh")).map(|s| s.to_string()))
        .or_else(|| strip("s", 3).filter(|s| !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i')).map(|s| s.to_string()))
        .unwrap_or_else(|| w.to_string());
    // "revoke"/"revok" and "agree"/"agre" meet after a final e is dropped.
    match out.strip_suffix('e') {
        Some(s) if s.len() >= 4 => s.to_string(),
        _ => out,
    }
}

/// One word of a text as the scanner sees it.
pub(crate) struct Word<'a> {
    pub text: &'a str,
    /// First character is upper case and the word does not start a sentence.
    pub capitalised: bool,
    pub numeric: bool,
}

/// Scan `text` for words: runs of alphanumeric characters (apostrophes and hyphens split).
pub(crate) fn scan_words(text: &str, mut f: impl FnMut(Word<'_>)) {
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    let mut prev_sentence_start = true;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                prev_sentence_start = sentence_start;
                sentence_start = false;
            }
            continue;
        }
        if let Some(s) = start.take() {
            emit(text, s, i, prev_sentence_start, &mut f);
        }
        if matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '”') {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        emit(text, s, text.len(), prev_sentence_start, &mut f);
    }
}

fn emit(text: &str, s: usize, e: usize, at_sentence_start: bool, f: &mut impl FnMut(Word<'_>)) {
    let Some(w) = text.get(s..e) else { return };
    let first = w.chars().next().unwrap_or(' ');
    f(Word {
        text: w,
        capitalised: first.is_uppercase() && !at_sentence_start,
        numeric: w.chars().all(|c| c.is_ascii_digit()),
    });
}

/// Lower-case `w` into `buf` (reused across calls).
pub(crate) fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    for c in w.chars() {
        buf.extend(c.to_lowercase());
    }
}

/// Word 3-shingle hashes of `text` (all words, lower case), sorted and deduplicated.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut buf = String::new();
    let mut window = [0u64; 3];
    let mut seen = 0usize;
    let mut out = Vec::new();
    scan_words(text, |w| {
        lower_into(w.text, &mut buf);
        if buf.len() == 1 && !w.numeric {
            return; // "s" of "Niger's", stray initials
        }
        window = [window[1], window[2], hash_str(&buf)];
        seen += 1;
        if seen >= 3 {
            out.push(hash_pair(hash_pair(window[0], window[1]), window[2]));
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// How a word counts as a term: None for stop words.
fn term_weight(word: &Word<'_>, stemmed_hash: u64, raw_hash: u64) -> Option<f32> {
    let lists = word_lists();
    if lists.stop.contains(&raw_hash) {
        return None;
    }
    if word.numeric {
        // Years and counts identify happenings; single digits do not.
        return if word.text.len() >= 2 { Some(1.2) } else { None };
    }
    let short = word.text.chars().count() < 3;
    if short && !(word.text.len() >= 2 && word.text.chars().all(|c| c.is_uppercase())) {
        return None; // keeps acronyms such as "US", "UN", "EU"
    }
    let common = lists.common.contains(&stemmed_hash);
    Some(match (word.capitalised || short, common) {
        (true, false) => 1.6,
        (true, true) => 0.5,
        (false, false) => 1.0,
        (false, true) => 0.25,
    })
}

/// Salient terms of a title and body: hashed stems with L2-normalised weights, at most
/// [`MAX_TERMS`], sorted by hash. Title words count twice.
pub fn salient_terms(title: &str, body: &str) -> Vec<(u64, f32)> {
    let mut counts: HashMap<u64, (f32, f32)> = HashMap::new(); // hash -> (tf, best weight)
    let mut buf = String::new();
    let mut add = |text: &str, boost: f32| {
        scan_words(text, |w| {
            lower_into(w.text, &mut buf);
            let raw = hash_str(&buf);
            let stemmed = if w.numeric { raw } else { hash_str(&stem(&buf)) };
            if let Some(weight) = term_weight(&w, stemmed, raw) {
                let e = counts.entry(stemmed).or_insert((0.0, 0.0));
                e.0 += boost;
                if weight > e.1 {
                    e.1 = weight;
                }
            }
        });
    };
    add(title, 2.0);
    add(body, 1.0);
    let mut terms: Vec<(u64, f32)> =
        counts.into_iter().map(|(h, (tf, w))| (h, (1.0 + tf.ln()) * w)).collect();
    // Highest weight first; ties by hash so the choice is deterministic.
    terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(MAX_TERMS);
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for t in &mut terms {
            t.1 /= norm;
        }
    }
    terms.sort_unstable_by_key(|t| t.0);
    terms
}

/// Content stems of a title, sorted and deduplicated (for display and title overlap).
pub fn title_tokens(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let lists = word_lists();
    scan_words(title, |w| {
        lower_into(w.text, &mut buf);
        if buf.chars().count() < 2 || lists.stop.contains(&hash_str(&buf)) {
            return;
        }
        out.push(if w.numeric { buf.clone() } else { stem(&buf) });
    });
    out.sort();
    out.dedup();
    out
}

/// Cosine of two term vectors sorted by hash (both L2-normalised).
pub fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 as f64 * b[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    dot.min(1.0)
}

/// Jaccard similarity of two sorted, deduplicated slices.
pub fn jaccard_sorted<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_stem(input: &str, expected: &str) {
        assert_eq!(stem(input), expected, "stem of {input:?}");
    }

    #[test]
    fn stems_meet() {
        check_stem("revoked", "revok");
        check_stem("revokes", "revok");
        check_stem("revoke", "revok");
        check_stem("agreed", "agre");
        check_stem("troops", "troop");
        check_stem("policies", "policy");
        check_stem("niger", "niger");
        check_stem("nigeria", "nigeria");
        check_stem("us", "us");
        check_stem("bus", "bus");
    }

    #[test]
    fn signature_estimates_overlap() {
        let a = "Niger's military junta has revoked a military pact permitting US personnel to deploy in the country, a spokesman said on television.";
        let b = "Niger's military junta has revoked a military pact permitting US personnel to deploy in the country, a spokesman said on national television on Saturday.";
        let c = "Shares in the mining company rose sharply after it reported a jump in quarterly profits and raised its dividend.";
        let (sa, sb, sc) = (minhash(&shingles(a)), minhash(&shingles(b)), minhash(&shingles(c)));
        assert!(estimate_jaccard(&sa, &sb) > 0.6, "{}", estimate_jaccard(&sa, &sb));
        assert!(estimate_jaccard(&sa, &sc) < 0.1);
        assert_eq!(minhash(&[]), vec![u32::MAX; SIGNATURE_LEN]);
    }

    #[test]
    fn terms_are_normalised_and_bounded() {
        let t = salient_terms("Niger revokes pact", "Niger revoked the pact with the United States on Saturday.");
        let norm: f32 = t.iter().map(|x| x.1 * x.1).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(t.iter().any(|x| x.0 == hash_str("niger")));
        assert!(!t.iter().any(|x| x.0 == hash_str("the")));
        assert!(salient_terms("", "").is_empty());
        let long: String = (0..500).map(|i| format!("word{i} ")).collect();
        assert_eq!(salient_terms("", &long).len(), MAX_TERMS);
    }

    #[test]
    fn scans_unicode_without_panicking() {
        let mut words = Vec::new();
        scan_words("Niger’s Zeine — “Moscou” était 2024.", |w| words.push((w.text.to_string(), w.capitalised)));
        assert_eq!(words[0], ("Niger".to_string(), false));
        assert!(words.contains(&("Zeine".to_string(), true)));
        assert!(words.contains(&("était".to_string(), false)));
    }

    #[test]
    fn title_tokens_drop_function_words() {
        assert_eq!(title_tokens("Niger revokes the US military pact"), vec!["military", "niger", "pact", "revok", "us"]);
    }
}
