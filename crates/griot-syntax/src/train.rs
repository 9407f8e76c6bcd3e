//! Training and evaluation (used by `cargo run --release -p xtask -- syntax` and the tests).
//!
//! Deterministic: the only randomness is [`crate::rng::SplitMix64`] from a fixed seed, all
//! tables are sorted before they are written, so the same treebank gives the same model bytes.

use crate::feats::Word;
use crate::model::ModelParts;
use crate::parser::{self, best_label, best_valid, State, Tok, LEFT, RIGHT, SHIFT};
use crate::rng::SplitMix64;
use crate::tagger::{self, argmax, AmbMap, TagDict, START1, START2};
use crate::weights::{Perceptron, Table};
use crate::Syntax;
use std::collections::BTreeMap;

/// One sentence of a CoNLL-U file (basic tree: multiword-token ranges and empty nodes are
/// skipped).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// `# newdoc id` of the document (or "" when none was given).
    pub doc: String,
    /// `# sent_id`.
    pub id: String,
    /// Word forms.
    pub words: Vec<String>,
    /// UPOS per word.
    pub upos: Vec<String>,
    /// XPOS per word.
    pub xpos: Vec<String>,
    /// Head per word: 0 = root, else 1-based word number.
    pub head: Vec<usize>,
    /// Relation per word (with subtype).
    pub deprel: Vec<String>,
}

/// Reads CoNLL-U text. Lines that are not 10 TAB-separated columns with an integer id are
/// ignored; a sentence whose heads are out of range is dropped.
pub fn read_conllu(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, doc: &str, out: &mut Vec<Sentence>| {
        if !cur.words.is_empty() {
            let n = cur.words.len();
            let mut s = std::mem::take(cur);
            s.doc = doc.to_string();
            if s.head.iter().all(|&h| h <= n) {
                out.push(s);
            }
        }
        *cur = Sentence::default();
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &doc, &mut out);
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("newdoc id =") {
                doc = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 || cols[0].parse::<usize>().is_err() {
            continue;
        }
        let Ok(h) = cols[6].parse::<usize>() else {
            continue;
        };
        cur.words.push(cols[1].to_string());
        cur.upos.push(cols[3].to_string());
        cur.xpos.push(cols[4].to_string());
        cur.head.push(h);
        cur.deprel.push(cols[7].to_string());
    }
    flush(&mut cur, &doc, &mut out);
    out
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Seed of the shuffling and exploration generator.
    pub seed: u64,
    /// Passes of the tagger over the training data.
    pub tagger_epochs: usize,
    /// Passes of the parser.
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (0 or 1: gold tags).
    pub folds: usize,
    /// Features seen fewer times per epoch (on average) are dropped from the shipped tagger.
    pub min_count_tagger: u32,
    /// Same for the parser and labeller.
    pub min_count_parser: u32,
    /// Extra (tagger, parser) pruning thresholds to report dev scores and sizes for.
    pub sweep: Vec<(u32, u32)>,
    /// A word seen at least this often with one tag (≥ 97%) goes into the tag dictionary.
    pub dict_min: u32,
    /// (XPOS, UPOS) pairs seen fewer times are folded into the XPOS's most frequent UPOS.
    pub pair_min: u32,
    /// Probability of following the model's own (possibly wrong) transition after epoch 1.
    pub explore: f64,
    /// Log dev accuracy every this many parser epochs (0: never).
    pub log_every: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 0x6772_696f_7473,
            tagger_epochs: 10,
            parser_epochs: 12,
            folds: 5,
            min_count_tagger: 1,
            min_count_parser: 4,
            dict_min: 20,
            pair_min: 20,
            explore: 0.9,
            log_every: 0,
            sweep: Vec::new(),
        }
    }
}

struct TSent {
    words: Vec<String>,
    tags: Vec<u16>,
    /// per token (0 = root): gold head, NONE for the root
    gold: Vec<u32>,
    /// per token: gold label id
    labels: Vec<u8>,
}

fn sorted_by_count(counts: BTreeMap<String, u32>) -> Vec<String> {
    let mut v: Vec<(String, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(s, _)| s).collect()
}

fn words_of(s: &[String]) -> Vec<&str> {
    s.iter().map(String::as_str).collect()
}

fn cased_hashes(words: &[&str]) -> Vec<Word> {
    let mut ws = Vec::new();
    tagger::prep(words, &mut ws, &mut Default::default());
    ws
}

fn build_dict(sents: &[&TSent], n_tags: usize, min: u32) -> (TagDict, AmbMap) {
    let mut counts: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
    let mut lower: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
    for s in sents {
        let ws = cased_hashes(&words_of(&s.words));
        for (i, &t) in s.tags.iter().enumerate() {
            counts
                .entry(ws[i + 2].cw)
                .or_insert_with(|| vec![0; n_tags])[t as usize] += 1;
            lower.entry(ws[i + 2].lw).or_insert_with(|| vec![0; n_tags])[t as usize] += 1;
        }
    }
    let mut amb = AmbMap::default();
    for (h, c) in lower {
        let total: u32 = c.iter().sum();
        if total < 3 {
            continue;
        }
        let mut k: u64 = 0x414d_4243;
        for (t, &n) in c.iter().enumerate() {
            if n as f64 >= 0.05 * total as f64 {
                k = crate::feats::mix(k, t as u64 + 1);
            }
        }
        amb.insert(h, k);
    }
    let mut d = TagDict::default();
    for (h, c) in counts {
        let total: u32 = c.iter().sum();
        let best = argmax_u32(&c);
        if total >= min && c[best] as f64 >= 0.97 * total as f64 {
            d.insert(h, best as u16);
        }
    }
    (d, amb)
}

fn argmax_u32(c: &[u32]) -> usize {
    let mut b = 0;
    for (i, &v) in c.iter().enumerate() {
        if v > c[b] {
            b = i;
        }
    }
    b
}

fn train_tagger(
    sents: &[&TSent],
    n_tags: usize,
    dict: &TagDict,
    amb: &AmbMap,
    epochs: usize,
    rng: &mut SplitMix64,
) -> Perceptron {
    let mut p = Perceptron::new(n_tags);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let (mut ws, mut fs, mut scores) = (Vec::new(), Vec::new(), vec![0f32; n_tags]);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = sents[si];
            tagger::prep(&words_of(&s.words), &mut ws, &mut Default::default());
            tagger::fill_amb(&mut ws, amb);
            let (mut p1, mut p2) = (START1, START2);
            for (i, &gold) in s.tags.iter().enumerate() {
                let t = match dict.get(&ws[i + 2].cw) {
                    Some(&t) => t as usize,
                    None => {
                        tagger::features(&ws, i, p1, p2, &mut fs);
                        scores.iter_mut().for_each(|x| *x = 0.0);
                        p.score_count(&fs, &mut scores);
                        let g = argmax(&scores);
                        if g != gold as usize {
                            p.update(gold as usize, g, &fs);
                        }
                        p.tick();
                        g
                    }
                };
                p2 = p1;
                p1 = t as u64;
            }
        }
    }
    p
}

fn toks(words: &[String], tags: &[u16]) -> Vec<Tok> {
    let ws = cased_hashes(&words_of(words));
    crate::toks_of(tags, &ws)
}

#[allow(clippy::too_many_arguments)]
fn train_parser(
    sents: &[TSent],
    toks: &[Vec<Tok>],
    n_labels: usize,
    root: u8,
    cfg: &TrainConfig,
    rng: &mut SplitMix64,
    mut on_epoch: impl FnMut(usize, &Perceptron, &Perceptron),
) -> (Perceptron, Perceptron) {
    let mut trans = Perceptron::new(3);
    let mut lab = Perceptron::new(n_labels);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut st = State::default();
    let (mut fs, mut lfs) = (Vec::new(), Vec::new());
    let mut scores;
    let mut lscores = vec![0f32; n_labels];
    for ep in 0..cfg.parser_epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let tk = &toks[si];
            st.reset(tk.len());
            while !st.terminal() {
                st.features(tk, &mut fs);
                scores = [0.0; 3];
                trans.score_count(&fs, &mut scores);
                let costs = st.costs(&s.gold);
                let pred = best_valid(&st, &scores);
                if pred == usize::MAX {
                    break;
                }
                let min = costs.iter().copied().min().unwrap_or(0);
                let mut best = usize::MAX;
                for a in [SHIFT, LEFT, RIGHT] {
                    if costs[a] == min && (best == usize::MAX || scores[a] > scores[best]) {
                        best = a;
                    }
                }
                if costs[pred] > min {
                    trans.update(best, pred, &fs);
                }
                trans.tick();
                let next = if ep > 0 && rng.chance(cfg.explore) {
                    pred
                } else {
                    best
                };
                let mut label = root;
                if let Some((h, d)) = st.arc(next) {
                    if h != 0 {
                        st.label_features(tk, h, d, &mut lfs);
                        lscores.iter_mut().for_each(|x| *x = 0.0);
                        lab.score_count(&lfs, &mut lscores);
                        let pl = best_label(&lscores, root);
                        label = pl;
                        if s.gold[d] == h as u32 {
                            let gl = s.labels[d];
                            if pl != gl {
                                lab.update(gl as usize, pl as usize, &lfs);
                            }
                            lab.tick();
                            if ep == 0 {
                                label = gl;
                            }
                        }
                    }
                }
                st.apply(next, label);
            }
        }
        on_epoch(ep, &trans, &lab);
    }
    (trans, lab)
}

/// Trains a tagger and parser on `train`; returns the model file (gzip bytes). `dev`, when
/// given with `cfg.log_every > 0`, is parsed after every `log_every` parser epochs and the
/// scores go to `log`.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    // joint tags
    let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut labels: BTreeMap<String, u32> = BTreeMap::new();
    labels.insert("root".into(), 0);
    for s in train {
        for i in 0..s.words.len() {
            *pairs
                .entry((s.xpos[i].clone(), s.upos[i].clone()))
                .or_default() += 1;
            *labels.entry(s.deprel[i].clone()).or_default() += 1;
        }
    }
    let mut major: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for ((x, u), &c) in &pairs {
        let e = major.entry(x.clone()).or_insert((u.clone(), 0));
        if c > e.1 {
            *e = (u.clone(), c);
        }
    }
    let mut kept: Vec<((String, String), u32)> = pairs
        .iter()
        .filter(|((x, u), &c)| c >= cfg.pair_min || major.get(x).map(|m| &m.0) == Some(u))
        .map(|(k, &c)| (k.clone(), c))
        .collect();
    kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    kept.truncate(256);
    let tag_table: Vec<(String, String)> = kept.into_iter().map(|(k, _)| k).collect();
    let tag_id = |x: &str, u: &str| -> u16 {
        if let Some(i) = tag_table.iter().position(|(a, b)| a == x && b == u) {
            return i as u16;
        }
        let m = major.get(x).map(|m| m.0.as_str()).unwrap_or("X");
        tag_table
            .iter()
            .position(|(a, b)| a == x && b == m)
            .unwrap_or(0) as u16
    };
    let mut label_table = sorted_by_count(labels);
    label_table.truncate(256);
    let root = label_table.iter().position(|l| l == "root").unwrap_or(0) as u8;
    let label_id = |l: &str| label_table.iter().position(|x| x == l).unwrap_or(0) as u8;
    let n_tags = tag_table.len();
    let n_labels = label_table.len();
    log(&format!(
        "{} sentences, {} joint tags, {} labels",
        train.len(),
        n_tags,
        n_labels
    ));

    let sents: Vec<TSent> = train
        .iter()
        .map(|s| {
            let n = s.words.len();
            let mut gold = vec![parser::NONE; n + 1];
            let mut labs = vec![0u8; n + 1];
            for i in 0..n {
                gold[i + 1] = s.head[i] as u32;
                labs[i + 1] = label_id(&s.deprel[i]);
            }
            TSent {
                words: s.words.clone(),
                tags: (0..n).map(|i| tag_id(&s.xpos[i], &s.upos[i])).collect(),
                gold,
                labels: labs,
            }
        })
        .collect();

    let mut rng = SplitMix64::new(cfg.seed);
    // jackknifed tags for the parser's training data
    let mut ptags: Vec<Vec<u16>> = sents.iter().map(|s| s.tags.clone()).collect();
    if cfg.folds >= 2 && sents.len() >= cfg.folds {
        let (mut ws, mut fs, mut sc) = (Vec::new(), Vec::new(), Vec::new());
        let (mut right, mut total) = (0usize, 0usize);
        for f in 0..cfg.folds {
            let part: Vec<&TSent> = sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds != f)
                .map(|(_, s)| s)
                .collect();
            let (dict, amb) = build_dict(&part, n_tags, cfg.dict_min);
            let p = train_tagger(&part, n_tags, &dict, &amb, cfg.tagger_epochs, &mut rng);
            let table = Table::build(&p.export(cfg.min_count_tagger * cfg.tagger_epochs as u32));
            for (i, s) in sents.iter().enumerate().filter(|(i, _)| i % cfg.folds == f) {
                let t = tagger::tag(
                    &table,
                    &dict,
                    &amb,
                    n_tags,
                    &words_of(&s.words),
                    &mut ws,
                    &mut fs,
                    &mut sc,
                    &mut Default::default(),
                );
                right += t.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
                total += t.len();
                ptags[i] = t;
            }
            log(&format!("jackknife fold {}/{} done", f + 1, cfg.folds));
        }
        log(&format!(
            "jackknife joint-tag accuracy {:.2}%",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    let all: Vec<&TSent> = sents.iter().collect();
    let (dict, amb) = build_dict(&all, n_tags, cfg.dict_min);
    let tagger_p = train_tagger(&all, n_tags, &dict, &amb, cfg.tagger_epochs, &mut rng);
    let tagger_w = tagger_p.export(cfg.min_count_tagger * cfg.tagger_epochs as u32);
    log(&format!(
        "tagger: {} features, {} weights, {} dictionary words",
        tagger_w.hashes.len(),
        tagger_w.w.len(),
        dict.len()
    ));
    if !dev.is_empty() {
        let table = Table::build(&tagger_w);
        let (mut ws, mut fs, mut sc) = (Vec::new(), Vec::new(), Vec::new());
        let (mut right, mut total) = (0usize, 0usize);
        for s in dev {
            let t = tagger::tag(
                &table,
                &dict,
                &amb,
                n_tags,
                &words_of(&s.words),
                &mut ws,
                &mut fs,
                &mut sc,
                &mut Default::default(),
            );
            for (i, &t) in t.iter().enumerate() {
                let (x, u) = &tag_table[t as usize];
                right += (*x == s.xpos[i] && *u == s.upos[i]) as usize;
            }
            total += t.len();
        }
        log(&format!(
            "tagger dev joint-tag accuracy {:.2}%",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }

    let toks_all: Vec<Vec<Tok>> = sents
        .iter()
        .zip(&ptags)
        .map(|(s, t)| toks(&s.words, t))
        .collect();
    let mut dict_v: Vec<(u64, u16)> = dict.iter().map(|(&h, &t)| (h, t)).collect();
    dict_v.sort_unstable();
    let mut amb_v: Vec<(u64, u64)> = amb.iter().map(|(&h, &c)| (h, c)).collect();
    amb_v.sort_unstable();
    let mut parts = ModelParts {
        tags: tag_table.clone(),
        labels: label_table.clone(),
        dict: dict_v,
        amb: amb_v,
        tagger: tagger_w,
        ..ModelParts::default()
    };
    let mut dev_syn: Option<Syntax> = None;
    let (trans, lab) = train_parser(
        &sents,
        &toks_all,
        n_labels,
        root,
        cfg,
        &mut rng,
        |ep, tr, lb| {
            if cfg.log_every == 0 || dev.is_empty() || (ep + 1) % cfg.log_every != 0 {
                return;
            }
            let mut p = parts.clone();
            p.trans = tr.export(cfg.min_count_parser * (ep as u32 + 1));
            p.labeller = lb.export(cfg.min_count_parser * (ep as u32 + 1));
            if let Ok(syn) = Syntax::from_parts(&p) {
                let sc = evaluate(&syn, dev);
                log(&format!("parser epoch {}: dev {}", ep + 1, sc));
                dev_syn = Some(syn);
            }
        },
    );
    drop(dev_syn);
    let pe = cfg.parser_epochs as u32;
    for &(mt, mp) in &cfg.sweep {
        let mut p = parts.clone();
        p.tagger = tagger_p.export(mt * cfg.tagger_epochs as u32);
        p.trans = trans.export(mp * pe);
        p.labeller = lab.export(mp * pe);
        let bytes = p.to_gz();
        if let Ok(syn) = Syntax::from_gz(&bytes) {
            log(&format!(
                "prune tagger {mt} parser {mp}: {:.2} MB, dev {}",
                bytes.len() as f64 / 1e6,
                evaluate(&syn, dev)
            ));
        }
    }
    drop(tagger_p);
    parts.trans = trans.export(cfg.min_count_parser * pe);
    parts.labeller = lab.export(cfg.min_count_parser * pe);
    log(&format!(
        "parser: {} transition features, {} label features ({} weights)",
        parts.trans.hashes.len(),
        parts.labeller.hashes.len(),
        parts.labeller.w.len()
    ));
    parts.to_gz()
}

/// Accuracy of a model on gold sentences (gold tokenisation; punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy, %.
    pub upos: f64,
    /// XPOS accuracy, %.
    pub xpos: f64,
    /// Unlabelled attachment score, %.
    pub uas: f64,
    /// Labelled attachment score on universal relations (CoNLL 2018 LAS), %.
    pub las: f64,
    /// Labelled attachment score with subtypes, %.
    pub las_full: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  UAS {:.2}  LAS {:.2}  (LAS with subtypes {:.2}; {} words)",
            self.upos, self.xpos, self.uas, self.las, self.las_full, self.words
        )
    }
}

/// Scores `syn` against gold `sents`.
pub fn evaluate(syn: &Syntax, sents: &[Sentence]) -> Scores {
    let (mut n, mut up, mut xp, mut ua, mut la, mut lf) = (0usize, 0, 0, 0, 0, 0);
    for s in sents {
        let p = syn.parse(&words_of(&s.words));
        for i in 0..s.words.len() {
            n += 1;
            up += (p.upos[i].as_str() == s.upos[i]) as usize;
            xp += (p.xpos[i].as_str() == s.xpos[i]) as usize;
            let gh = if s.head[i] == 0 {
                None
            } else {
                Some(s.head[i] - 1)
            };
            if p.head[i] == gh {
                ua += 1;
                let g = s.deprel[i].as_str();
                if p.deprel[i].universal() == g.split(':').next().unwrap_or(g) {
                    la += 1;
                }
                if p.rel(i) == g {
                    lf += 1;
                }
            }
        }
    }
    let pc = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    Scores {
        words: n,
        upos: pc(up),
        xpos: pc(xp),
        uas: pc(ua),
        las: pc(la),
        las_full: pc(lf),
    }
}
