//! `xtask ner [DIR] [--conll] [--out PATH] [--epochs N] [--min-count N] [--limit N]`: trains
//! the entity recogniser of `griot_syntax::ner` and writes `lexicon/ner/model.bin.gz`, then
//! prints entity P/R/F1 on CoNLL-2003 testa and on Universal NER EWT dev. `DIR` defaults to
//! /work/shared/data/ner.
//!
//! The shipped model is trained on Universal NER English EWT train only (CC BY-SA 4.0).
//! `--conll` (research only, never shipped: the CoNLL-2003 Reuters text may not be
//! redistributed) adds CoNLL-2003 train and writes to `target/ner-conll/model.bin.gz` unless
//! `--out` is given. `--limit N` trains on the first N sentences of each file (to check that
//! two runs give the same bytes quickly).
//!
//! Hints (the dictionary features) are computed exactly as the actor stage computes them at
//! run time: each document is rebuilt as text (tokens joined by spaces, sentences by
//! newlines) and passed to `ActorFinder::ner_hints` with the builtin lexicon and gazetteer.

use anyhow::{bail, Context, Result};
use griot_extract::ActorFinder;
use griot_lexicon::{Gazetteer, Lexicon};
use griot_syntax::ner::{evaluate, read_iob, train, Ner, NerOptions, NerSentence};
use griot_text::{Article, Doc, Sentence, SentenceKind, Span, Token, TokenKind};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Reads an IOB file and fills the hints of its sentences, document by document.
fn read(
    path: &Path,
    finder: &ActorFinder,
    gaz: &Gazetteer,
    limit: Option<usize>,
) -> Result<Vec<NerSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sents = read_iob(&text, &path.display().to_string())?;
    if let Some(n) = limit {
        sents.truncate(n);
    }
    if sents.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    let mut i = 0;
    while i < sents.len() {
        let mut j = i + 1;
        while j < sents.len() && sents[j].doc == sents[i].doc {
            j += 1;
        }
        fill_hints(&mut sents[i..j], finder, gaz);
        i = j;
    }
    Ok(sents)
}

fn fill_hints(doc_sents: &mut [NerSentence], finder: &ActorFinder, gaz: &Gazetteer) {
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for s in doc_sents.iter() {
        let start = text.len();
        for (k, w) in s.words.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(w);
            let kind = match w.chars().next() {
                Some(c) if c.is_alphabetic() => TokenKind::Word,
                Some(c) if c.is_numeric() => TokenKind::Number,
                _ => TokenKind::Punct,
            };
            tokens.push(Token {
                span: Span::new(a, text.len()),
                kind,
            });
        }
        sentences.push(Sentence {
            span: Span::new(start, text.len()),
            kind: SentenceKind::Body,
        });
        text.push('\n');
    }
    let mut doc = Doc::new(Article::from_text("ner", &text));
    doc.sentences = sentences;
    doc.tokens = tokens;
    let hints = finder.ner_hints(&doc, gaz);
    let mut k = 0;
    for s in doc_sents.iter_mut() {
        let n = s.words.len();
        s.hints = hints.get(k..k + n).map(<[u32]>::to_vec).unwrap_or_default();
        k += n;
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = PathBuf::from("/work/shared/data/ner");
    let mut out: Option<PathBuf> = None;
    let mut conll = false;
    let mut limit = None;
    let mut eval_only: Option<PathBuf> = None;
    let mut opts = NerOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().context("--out needs a path")?)),
            "--conll" => conll = true,
            "--epochs" => opts.epochs = it.next().context("--epochs needs N")?.parse()?,
            "--min-count" => opts.min_count = it.next().context("--min-count needs N")?.parse()?,
            "--limit" => limit = Some(it.next().context("--limit needs N")?.parse()?),
            "--eval-only" => {
                eval_only = Some(PathBuf::from(
                    it.next().context("--eval-only needs a model path")?,
                ))
            }
            s if !s.starts_with('-') => dir = PathBuf::from(s),
            s => bail!("unknown option {s:?}"),
        }
    }
    let t0 = Instant::now();
    let lex = Lexicon::builtin()?;
    let gaz = Gazetteer::builtin();
    let finder = ActorFinder::new(&lex);
    let uner = dir.join("uner_english_ewt");
    let testa = read(&dir.join("eng.testa"), &finder, &gaz, None)?;
    let uner_dev = read(&uner.join("en_ewt-ud-dev.iob2"), &finder, &gaz, None)?;
    let model = if let Some(p) = eval_only {
        std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?
    } else {
        let mut data = read(&uner.join("en_ewt-ud-train.iob2"), &finder, &gaz, limit)?;
        if conll {
            data.extend(read(&dir.join("eng.train"), &finder, &gaz, limit)?);
        }
        let words: usize = data.iter().map(|s| s.words.len()).sum();
        eprintln!(
            "training on {} sentences, {words} words ({:.1}s to read)",
            data.len(),
            t0.elapsed().as_secs_f64()
        );
        let bytes = train(&data, &opts);
        let path = out.unwrap_or_else(|| {
            PathBuf::from(if conll {
                "target/ner-conll/model.bin.gz"
            } else {
                "lexicon/ner/model.bin.gz"
            })
        });
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "wrote {} ({} bytes) in {:.1}s",
            path.display(),
            bytes.len(),
            t0.elapsed().as_secs_f64()
        );
        bytes
    };
    let ner = Ner::from_gz(&model)?;
    println!(
        "CoNLL-2003 testa (dev), {} sentences:\n{}",
        testa.len(),
        evaluate(&ner, &testa).report()
    );
    println!(
        "Universal NER EWT dev, {} sentences:\n{}",
        uner_dev.len(),
        evaluate(&ner, &uner_dev).report()
    );
    Ok(())
}
