//! Word normalisation and feature hashing, shared by training and parsing (they must agree
//! bit for bit, so both call only these functions).

/// Multiply-xorshift step used to combine feature parts.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Final avalanche to 32 bits; never 0 (0 marks an empty slot in the weight tables).
#[inline]
pub(crate) fn fin(mut h: u64) -> u32 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    let x = (h ^ (h >> 32)) as u32;
    if x == 0 {
        1
    } else {
        x
    }
}

/// Feature of template `t` over parts.
#[inline]
pub(crate) fn f1(t: u32, a: u64) -> u32 {
    fin(mix(mix(0x51_7cc1_b727_220a, t as u64), a))
}
#[inline]
pub(crate) fn f2(t: u32, a: u64, b: u64) -> u32 {
    fin(mix(mix(mix(0x51_7cc1_b727_220a, t as u64), a), b))
}
#[inline]
pub(crate) fn f3(t: u32, a: u64, b: u64, c: u64) -> u32 {
    fin(mix(mix(mix(mix(0x51_7cc1_b727_220a, t as u64), a), b), c))
}
#[inline]
pub(crate) fn f4(t: u32, a: u64, b: u64, c: u64, d: u64) -> u32 {
    fin(mix(
        mix(mix(mix(mix(0x51_7cc1_b727_220a, t as u64), a), b), c),
        d,
    ))
}

/// FNV-1a over bytes, 64 bits (stable across platforms and runs).
pub(crate) fn str_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Normalise a word so griot tokens and treebank words look alike: typographic quotes and
/// apostrophes to ASCII, dashes to `--`, every digit to `0`. Case is kept.
pub(crate) fn normalize(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{200B}' | '\u{FEFF}' => {}
            c if c.is_ascii_digit() => out.push('0'),
            c if c.is_numeric() => out.push('0'),
            c => out.push(c),
        }
        if out.len() > 64 {
            break;
        }
    }
    if out == "``" || out == "''" {
        out.clear();
        out.push('"');
    }
    if out.is_empty() {
        out.push('_');
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c == '0' {
        'd'
    } else {
        c
    }
}

/// Per-word hashed features, computed once per word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Word {
    /// Lower-cased normalised form.
    pub lw: u64,
    /// Normalised form with case.
    pub cw: u64,
    /// Suffixes of the lower form, 1..=4 chars.
    pub suf: [u64; 4],
    /// Prefixes of the lower form, 1..=3 chars.
    pub pre: [u64; 3],
    /// Collapsed shape ("Xx", "X.X.", "d,d").
    pub shape: u64,
    /// Ambiguity class: the tags the word had in training (filled by the tagger).
    pub amb: u64,
}

pub(crate) const PAD_START: Word = Word {
    lw: 0x5354_4152_5431,
    cw: 0x5354_4152_5432,
    suf: [0x5354_4152_5433; 4],
    pre: [0x5354_4152_5434; 3],
    shape: 0x5354_4152_5435,
    amb: 0x5354_4152_5436,
};
pub(crate) const PAD_END: Word = Word {
    lw: 0x454e_4431,
    cw: 0x454e_4432,
    suf: [0x454e_4433; 4],
    pre: [0x454e_4434; 3],
    shape: 0x454e_4435,
    amb: 0x454e_4436,
};

/// Scratch buffers for [`word_features`].
#[derive(Default)]
pub(crate) struct Scratch {
    norm: String,
    lower: String,
    shape: String,
}

pub(crate) fn word_features(word: &str, s: &mut Scratch) -> Word {
    normalize(word, &mut s.norm);
    s.lower.clear();
    if s.norm.is_ascii() {
        s.lower.push_str(&s.norm);
        s.lower.make_ascii_lowercase();
    } else {
        for c in s.norm.chars() {
            s.lower.extend(c.to_lowercase());
        }
    }
    s.shape.clear();
    let mut last = '\0';
    let mut n = 0;
    for c in s.norm.chars() {
        let k = shape_class(c);
        if k != last {
            s.shape.push(k);
            last = k;
            n += 1;
            if n >= 6 {
                break;
            }
        }
    }
    let l = s.lower.as_str();
    let mut w = Word {
        lw: str_hash(l),
        cw: str_hash(&s.norm) ^ 0x4341_5345,
        shape: str_hash(&s.shape) ^ 0x0053_4841_5045,
        ..Word::default()
    };
    // char boundaries from the end and from the start
    let nchars = l.chars().count();
    for k in 1..=4usize {
        let start = if nchars > k {
            l.char_indices()
                .nth(nchars - k)
                .map(|(i, _)| i)
                .unwrap_or(0)
        } else {
            0
        };
        w.suf[k - 1] = str_hash(&l[start..]) ^ (k as u64) << 56;
    }
    for k in 1..=3usize {
        let end = l.char_indices().nth(k).map(|(i, _)| i).unwrap_or(l.len());
        w.pre[k - 1] = str_hash(&l[..end]) ^ (k as u64 + 8) << 56;
    }
    w
}
