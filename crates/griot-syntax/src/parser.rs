//! Greedy arc-hybrid transition parser. Token 0 is the root; words are 1..=n. The buffer is
//! always a suffix of the sentence, so it is kept as the index of its front.
//! Transitions are unlabelled (SHIFT, LEFT, RIGHT); the label of each arc is chosen by a
//! second perceptron when the arc is made (the dependent's subtree is complete by then).

use crate::feats::{f1, f2, f3, f4};
use crate::tagger::argmax;
use crate::weights::Scorer;

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
pub(crate) const NONE: u32 = u32::MAX;

const NONE_W: u64 = 0x004e_4f4e_4557;
const NONE_T: u64 = 0x004e_4f4e_4554;
const NONE_L: u64 = 0x004e_4f4e_454c;
pub(crate) const ROOT_W: u64 = 0x0052_4f4f_5457;
pub(crate) const ROOT_T: u64 = 0x0052_4f4f_5454;

/// A token as the parser sees it: hashed lower-case form and tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub w: u64,
    pub t: u64,
}

#[derive(Default)]
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    first: Vec<u32>,
    next: Vec<u32>,
}

fn reset<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

impl State {
    /// Start state for `n` tokens (root included).
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        reset(&mut self.head, n, NONE);
        reset(&mut self.label, n, 0);
        for v in [
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
            &mut self.first,
            &mut self.next,
        ] {
            reset(v, n, NONE);
        }
        reset(&mut self.nl, n, 0);
        reset(&mut self.nr, n, 0);
        reset(&mut self.lset, n, 0);
        reset(&mut self.rset, n, 0);
    }

    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.len() <= 1
    }

    pub fn valid(&self, a: usize) -> bool {
        let k = self.stack.len();
        match a {
            SHIFT => self.b < self.n,
            LEFT => k >= 1 && self.stack[k - 1] != 0 && self.b < self.n,
            _ => k >= 2 && (self.stack[k - 2] != 0 || self.b >= self.n),
        }
    }

    /// The arc `a` would make: (head, dependent).
    pub fn arc(&self, a: usize) -> Option<(usize, usize)> {
        let k = self.stack.len();
        match a {
            LEFT => Some((self.b, self.stack[k - 1] as usize)),
            RIGHT => Some((self.stack[k - 2] as usize, self.stack[k - 1] as usize)),
            _ => None,
        }
    }

    pub fn apply(&mut self, a: usize, label: u8) {
        match a {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            _ => {
                if let Some((h, d)) = self.arc(a) {
                    self.stack.pop();
                    self.add_arc(h, d, label);
                }
            }
        }
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u8) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let d32 = d as u32;
        let bit = 1u64 << (l % 64);
        if d < h {
            if self.lc1[h] == NONE || d32 < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d32;
            } else if self.lc2[h] == NONE || d32 < self.lc2[h] {
                self.lc2[h] = d32;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if self.rc1[h] == NONE || d32 > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d32;
            } else if self.rc2[h] == NONE || d32 > self.rc2[h] {
                self.rc2[h] = d32;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
        self.next[d] = self.first[h];
        self.first[h] = d32;
    }

    fn s(&self, i: usize) -> u32 {
        let k = self.stack.len();
        if i < k {
            self.stack[k - 1 - i]
        } else {
            NONE
        }
    }
    fn bi(&self, i: usize) -> u32 {
        if self.b + i < self.n {
            (self.b + i) as u32
        } else {
            NONE
        }
    }
    fn at(v: &[u32], i: u32) -> u32 {
        if i == NONE {
            NONE
        } else {
            v[i as usize]
        }
    }

    /// Features of the transition classifier.
    pub fn features(&self, toks: &[Tok], out: &mut Vec<u32>) {
        out.clear();
        let w = |i: u32| {
            if i == NONE {
                NONE_W
            } else {
                toks[i as usize].w
            }
        };
        let t = |i: u32| {
            if i == NONE {
                NONE_T
            } else {
                toks[i as usize].t
            }
        };
        let l = |i: u32| {
            if i == NONE {
                NONE_L
            } else {
                self.label[i as usize] as u64
            }
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.bi(0), self.bi(1), self.bi(2));
        let s0l = Self::at(&self.lc1, s0);
        let s0l2 = Self::at(&self.lc2, s0);
        let s0r = Self::at(&self.rc1, s0);
        let s0r2 = Self::at(&self.rc2, s0);
        let s1l = Self::at(&self.lc1, s1);
        let s1r = Self::at(&self.rc1, s1);
        let s1r2 = Self::at(&self.rc2, s1);
        let b0l = Self::at(&self.lc1, b0);
        let b0l2 = Self::at(&self.lc2, b0);
        let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) =
            (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
        let (s2t, b2t) = (t(s2), t(b2));
        // unigrams
        out.push(f1(0, s0w));
        out.push(f1(1, s0t));
        out.push(f2(2, s0w, s0t));
        out.push(f1(3, b0w));
        out.push(f1(4, b0t));
        out.push(f2(5, b0w, b0t));
        out.push(f1(6, b1w));
        out.push(f1(7, b1t));
        out.push(f2(8, b1w, b1t));
        out.push(f1(9, s1w));
        out.push(f1(10, s1t));
        out.push(f2(11, s1w, s1t));
        out.push(f1(12, s2t));
        out.push(f1(13, b2t));
        out.push(f2(14, w(s2), s2t));
        out.push(f2(15, w(b2), b2t));
        // pairs
        out.push(f4(20, s0w, s0t, b0w, b0t));
        out.push(f3(21, s0w, s0t, b0w));
        out.push(f3(22, s0w, b0w, b0t));
        out.push(f3(23, s0w, s0t, b0t));
        out.push(f3(24, s0t, b0w, b0t));
        out.push(f2(25, s0w, b0w));
        out.push(f2(26, s0t, b0t));
        out.push(f2(27, b0t, b1t));
        out.push(f4(28, s1w, s1t, s0w, s0t));
        out.push(f2(29, s1w, s0w));
        out.push(f2(30, s1t, s0t));
        out.push(f3(31, s1w, s1t, s0t));
        out.push(f3(32, s1t, s0w, s0t));
        out.push(f3(33, s1w, s0w, s0t));
        out.push(f3(34, s1w, s1t, s0w));
        out.push(f2(35, s0w, b1t));
        out.push(f2(36, b0w, b1t));
        out.push(f2(37, b0w, b1w));
        out.push(f2(38, s1t, b0t));
        out.push(f2(39, s1w, b0w));
        // trigrams of tags
        out.push(f3(40, b0t, b1t, b2t));
        out.push(f3(41, s0t, b0t, b1t));
        out.push(f3(42, s1t, s0t, b0t));
        out.push(f3(43, s2t, s1t, s0t));
        out.push(f3(44, s0t, t(s0l), b0t));
        out.push(f3(45, s0t, t(s0r), b0t));
        out.push(f3(46, s0t, b0t, t(b0l)));
        out.push(f3(47, s1t, t(s1r), s0t));
        out.push(f3(48, s1t, t(s1l), s0t));
        out.push(f3(49, s1t, s0t, t(s0l)));
        out.push(f3(50, s1t, s0t, t(s0r)));
        out.push(f3(51, s1t, s0t, b1t));
        // distances
        let d0 = if s0 != NONE && b0 != NONE {
            bucket(b0 as usize - s0 as usize)
        } else {
            8
        };
        let d1 = if s0 != NONE && s1 != NONE {
            bucket(s0 as usize - s1 as usize)
        } else {
            8
        };
        out.push(f2(52, s0w, d0));
        out.push(f2(53, s0t, d0));
        out.push(f2(54, b0w, d0));
        out.push(f2(55, b0t, d0));
        out.push(f3(56, s0t, b0t, d0));
        out.push(f3(57, s1t, s0t, d1));
        out.push(f3(58, s1w, s0w, d1));
        out.push(f2(59, s0w, d1));
        // valency
        let v = |x: &[u16], i: u32| if i == NONE { 99 } else { x[i as usize] as u64 };
        out.push(f2(60, s0w, v(&self.nl, s0)));
        out.push(f2(61, s0t, v(&self.nl, s0)));
        out.push(f2(62, s0w, v(&self.nr, s0)));
        out.push(f2(63, s0t, v(&self.nr, s0)));
        out.push(f2(64, s1w, v(&self.nr, s1)));
        out.push(f2(65, s1t, v(&self.nr, s1)));
        out.push(f2(66, b0w, v(&self.nl, b0)));
        out.push(f2(67, b0t, v(&self.nl, b0)));
        out.push(f2(68, s1t, v(&self.nl, s1)));
        // children
        out.push(f1(70, w(s0l)));
        out.push(f1(71, t(s0l)));
        out.push(f1(72, l(s0l)));
        out.push(f1(73, w(s0r)));
        out.push(f1(74, t(s0r)));
        out.push(f1(75, l(s0r)));
        out.push(f1(76, t(s1r)));
        out.push(f1(77, l(s1r)));
        out.push(f1(78, w(s1r)));
        out.push(f1(79, t(s1l)));
        out.push(f1(80, l(s1l)));
        out.push(f1(81, w(b0l)));
        out.push(f1(82, t(b0l)));
        out.push(f1(83, l(b0l)));
        out.push(f3(84, s0t, l(s0l), b0t));
        out.push(f3(85, s0t, l(s0r), b0t));
        out.push(f3(86, s1t, l(s1r), s0t));
        out.push(f3(87, b0t, l(b0l), s0t));
        // third order
        out.push(f1(90, t(s0l2)));
        out.push(f1(91, l(s0l2)));
        out.push(f1(92, t(s0r2)));
        out.push(f1(93, l(s0r2)));
        out.push(f1(94, t(b0l2)));
        out.push(f1(95, l(b0l2)));
        out.push(f3(96, s0t, t(s0l), t(s0l2)));
        out.push(f3(97, s0t, t(s0r), t(s0r2)));
        out.push(f3(98, b0t, t(b0l), t(b0l2)));
        out.push(f3(99, s1t, t(s1r), t(s1r2)));
        // label sets
        let set = |x: &[u64], i: u32| if i == NONE { 0 } else { x[i as usize] };
        out.push(f2(100, s0w, set(&self.lset, s0)));
        out.push(f2(101, s0t, set(&self.lset, s0)));
        out.push(f2(102, s0w, set(&self.rset, s0)));
        out.push(f2(103, s0t, set(&self.rset, s0)));
        out.push(f2(104, s1w, set(&self.rset, s1)));
        out.push(f2(105, s1t, set(&self.rset, s1)));
        out.push(f2(106, b0w, set(&self.lset, b0)));
        out.push(f2(107, b0t, set(&self.lset, b0)));
        out.push(f2(108, s1t, set(&self.lset, s1)));
        // attachment of prepositional phrases and clauses: the first word of b0's and s0's
        // phrases (their leftmost child: "in", "that", "to") with the candidate heads
        let (b0lw, s0lw) = (w(b0l), w(s0l));
        out.push(f3(110, s0t, b0lw, b0t));
        out.push(f3(111, s0w, b0lw, b0t));
        out.push(f3(112, s1t, b0lw, s0t));
        out.push(f2(113, s1w, b0lw));
        out.push(f3(114, s0w, b0lw, b0w));
        out.push(f3(115, s1t, s0lw, s0t));
        out.push(f2(116, s1w, s0lw));
        out.push(f3(117, s1w, s0lw, s0w));
        out.push(f4(118, s1t, s0t, b0lw, b0t));
        out.push(f3(119, s0lw, s0t, b0t));
    }

    /// Features of the label classifier for the arc head -> dep.
    pub fn label_features(&self, toks: &[Tok], head: usize, dep: usize, out: &mut Vec<u32>) {
        out.clear();
        let t = |i: usize| {
            if i >= 1 && i < self.n {
                toks[i].t
            } else {
                NONE_T
            }
        };
        let (dw, dt, hw, ht) = (toks[dep].w, toks[dep].t, toks[head].w, toks[head].t);
        let dir = (dep < head) as u64;
        let dist = bucket(head.abs_diff(dep));
        out.push(f1(0, dt));
        out.push(f1(1, dw));
        out.push(f2(2, dw, dt));
        out.push(f2(3, ht, dir));
        out.push(f2(4, hw, dir));
        out.push(f3(5, dt, ht, dir));
        out.push(f4(6, dt, ht, dir, dist));
        out.push(f3(7, dw, ht, dir));
        out.push(f3(8, dt, hw, dir));
        out.push(f3(9, dw, hw, dir));
        out.push(f4(10, dt, ht, dir, t(dep.wrapping_sub(1))));
        out.push(f4(11, dt, ht, dir, t(dep + 1)));
        out.push(f4(12, dt, ht, dir, t(head + 1)));
        out.push(f4(13, dt, ht, dir, t(head.wrapping_sub(1))));
        out.push(f4(14, dt, ht, self.nl[dep] as u64, self.nr[dep] as u64));
        out.push(f3(15, dt, self.lset[dep], self.rset[dep]));
        out.push(f4(16, dt, ht, dir, self.lset[head]));
        out.push(f2(17, dw, dir));
        out.push(f2(18, dt, (dep == 1) as u64));
        let mut c = self.first[dep];
        let mut k = 0;
        while c != NONE && k < 8 {
            let (cl, cw, ct) = (
                self.label[c as usize] as u64,
                toks[c as usize].w,
                toks[c as usize].t,
            );
            out.push(f4(20, cl, dt, ht, dir));
            out.push(f3(21, cl, cw, dir));
            out.push(f4(22, cl, cw, ht, dir));
            out.push(f3(23, cl, ct, dt));
            out.push(f4(24, cl, cw, hw, dir));
            c = self.next[c as usize];
            k += 1;
        }
        let mut c = self.first[head];
        let mut k = 0;
        while c != NONE && k < 8 {
            let (cl, cw) = (self.label[c as usize] as u64, toks[c as usize].w);
            out.push(f4(30, cl, dt, dir, ((c as usize) < dep) as u64));
            out.push(f3(31, cl, cw, dt));
            c = self.next[c as usize];
            k += 1;
        }
    }

    /// Dynamic-oracle costs (Goldberg & Nivre 2013) of the three transitions given gold
    /// heads (`gold[i]` for token i, 0 = root); `i32::MAX` for an invalid one.
    pub fn costs(&self, gold: &[u32]) -> [i32; 3] {
        let mut c = [i32::MAX; 3];
        let k = self.stack.len();
        let in_buf = |x: u32| (x as usize) >= self.b && (x as usize) < self.n;
        if self.valid(SHIFT) {
            let b0 = self.b;
            let s0 = if k > 0 { self.stack[k - 1] } else { NONE };
            let mut cost = 0;
            for &x in &self.stack {
                if gold[x as usize] == b0 as u32 {
                    cost += 1;
                }
                if x != s0 && gold[b0] == x {
                    cost += 1;
                }
            }
            c[SHIFT] = cost;
        }
        if k >= 1 {
            let s0 = self.stack[k - 1] as usize;
            let deps = (self.b..self.n).filter(|&d| gold[d] == s0 as u32).count() as i32;
            if self.valid(LEFT) {
                let h = gold[s0];
                let lost = h != self.b as u32 && ((k >= 2 && h == self.stack[k - 2]) || in_buf(h));
                c[LEFT] = deps + lost as i32;
            }
            if self.valid(RIGHT) {
                c[RIGHT] = deps + in_buf(gold[s0]) as i32;
            }
        }
        c
    }
}

/// Scratch space for parsing.
#[derive(Default)]
pub(crate) struct Work {
    pub st: State,
    pub fs: Vec<u32>,
    pub scores: Vec<f32>,
}

/// Best valid transition by score.
pub(crate) fn best_valid(st: &State, scores: &[f32]) -> usize {
    let mut best = usize::MAX;
    for a in [SHIFT, LEFT, RIGHT] {
        if st.valid(a) && (best == usize::MAX || scores[a] > scores[best]) {
            best = a;
        }
    }
    best
}

/// Best label (never `root`) by score.
pub(crate) fn best_label(scores: &[f32], root: u8) -> u8 {
    let mut best = usize::MAX;
    for (i, &v) in scores.iter().enumerate() {
        if i != root as usize && (best == usize::MAX || v > scores[best]) {
            best = i;
        }
    }
    if best == usize::MAX {
        argmax(scores) as u8
    } else {
        best as u8
    }
}

/// Parse `toks` (index 0 = root); leaves heads and labels in `work.st`.
pub(crate) fn parse<S1: Scorer, S2: Scorer>(
    trans: &S1,
    labeller: &S2,
    n_labels: usize,
    root: u8,
    toks: &[Tok],
    work: &mut Work,
) {
    let Work { st, fs, scores } = work;
    st.reset(toks.len());
    while !st.terminal() {
        scores.clear();
        scores.resize(3, 0.0);
        // a transition that is the only valid one is taken whatever the scores (the first
        // SHIFT, the RIGHTs that empty the stack at the end): no features, no lookups
        let valid = [SHIFT, LEFT, RIGHT].map(|a| st.valid(a));
        if valid.iter().filter(|&&v| v).count() > 1 {
            st.features(toks, fs);
            trans.score(fs, scores);
        }
        let a = best_valid(st, scores);
        if a == usize::MAX {
            break;
        }
        let mut lab = root;
        if let Some((h, d)) = st.arc(a) {
            if h != 0 {
                st.label_features(toks, h, d, fs);
                scores.clear();
                scores.resize(n_labels, 0.0);
                labeller.score(fs, scores);
                lab = best_label(scores, root);
            }
        }
        st.apply(a, lab);
    }
}
