//! `xtask syntax [TREEBANKS] [--out DIR] [--gum] [--quick] [--log-every N]`: trains the
//! griot-syntax tagger and parser on UD English EWT train and writes
//! `lexicon/syntax/model.bin.gz`, then prints UPOS/XPOS/UAS/LAS on EWT dev and test (and on
//! the GUM news documents, out of domain). `TREEBANKS` defaults to /work/shared/data/treebanks.
//!
//! `--gum` (research only, never shipped: GUM is CC BY-NC-SA) also trains on GUM train and
//! writes to `target/syntax-gum/` unless `--out` is given.

use anyhow::{bail, Context, Result};
use griot_syntax::train::{evaluate, read_conllu, train, Sentence, TrainConfig};
use griot_syntax::Syntax;
use std::path::PathBuf;
use std::time::Instant;

fn read(path: &PathBuf) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let s = read_conllu(&text);
    if s.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(s)
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = PathBuf::from("/work/shared/data/treebanks");
    let mut out: Option<PathBuf> = None;
    let mut gum = false;
    let mut eval_only = false;
    let mut cfg = TrainConfig::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().context("--out needs a directory")?)),
            "--gum" => gum = true,
            "--eval-only" => eval_only = true,
            "--quick" => {
                cfg.tagger_epochs = 3;
                cfg.parser_epochs = 3;
                cfg.folds = 0;
            }
            "--log-every" => cfg.log_every = it.next().context("--log-every needs N")?.parse()?,
            "--parser-epochs" => cfg.parser_epochs = it.next().context("needs N")?.parse()?,
            "--tagger-epochs" => cfg.tagger_epochs = it.next().context("needs N")?.parse()?,
            "--folds" => cfg.folds = it.next().context("needs N")?.parse()?,
            "--sweep" => {
                cfg.sweep = vec![(1, 2), (1, 3), (1, 6), (2, 4), (3, 8)];
            }
            "--min-count" => {
                let n = it.next().context("needs N")?.parse()?;
                cfg.min_count_parser = n;
                cfg.min_count_tagger = n;
            }
            s if !s.starts_with('-') => dir = PathBuf::from(s),
            s => bail!("unknown option {s:?}"),
        }
    }
    let ewt = dir.join("UD_English-EWT");
    let t0 = Instant::now();
    let mut train_s = read(&ewt.join("en_ewt-ud-train.conllu"))?;
    let dev = read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let test = read(&ewt.join("en_ewt-ud-test.conllu"))?;
    let gum_dir = dir.join("UD_English-GUM");
    let news = |f: &str| -> Result<Vec<Sentence>> {
        Ok(read(&gum_dir.join(f))?
            .into_iter()
            .filter(|s| s.doc.starts_with("GUM_news_"))
            .collect())
    };
    let (gum_news_dev, gum_news_test) =
        match (news("en_gum-ud-dev.conllu"), news("en_gum-ud-test.conllu")) {
            (Ok(a), Ok(b)) => (a, b),
            _ => (Vec::new(), Vec::new()),
        };
    if gum {
        let g = read(&gum_dir.join("en_gum-ud-train.conllu"))?;
        println!(
            "research run: adding {} GUM train sentences (CC BY-NC-SA; not for shipping)",
            g.len()
        );
        train_s.extend(g);
    }
    let out = out.unwrap_or_else(|| {
        PathBuf::from(if gum {
            "target/syntax-gum"
        } else {
            "lexicon/syntax"
        })
    });
    let model = if eval_only {
        std::fs::read(out.join("model.bin.gz")).context("reading the model to evaluate")?
    } else {
        train_and_write(&train_s, &dev, &cfg, &out)?
    };
    evaluate_all(&model, &dev, &test, &gum_news_dev, &gum_news_test)?;
    println!("total {:.1}s", t0.elapsed().as_secs_f64());
    Ok(())
}

fn train_and_write(
    train_s: &[Sentence],
    dev: &[Sentence],
    cfg: &TrainConfig,
    out: &PathBuf,
) -> Result<Vec<u8>> {
    let start = Instant::now();
    let model = train(train_s, dev, cfg, &mut |m| {
        println!("[{:6.1}s] {m}", start.elapsed().as_secs_f64())
    });
    println!(
        "trained in {:.1}s ({} bytes)",
        start.elapsed().as_secs_f64(),
        model.len()
    );
    std::fs::create_dir_all(out)?;
    let path = out.join("model.bin.gz");
    std::fs::write(&path, &model).with_context(|| format!("writing {}", path.display()))?;
    println!(
        "wrote {} ({:.2} MB)",
        path.display(),
        model.len() as f64 / 1e6
    );
    Ok(model)
}

fn evaluate_all(
    model: &[u8],
    dev: &[Sentence],
    test: &[Sentence],
    gum_news_dev: &[Sentence],
    gum_news_test: &[Sentence],
) -> Result<()> {
    let l0 = Instant::now();
    let syn = Syntax::from_gz(model)?;
    println!("model load {:.1} ms", l0.elapsed().as_secs_f64() * 1e3);
    println!("EWT dev : {}", evaluate(&syn, dev));
    println!("EWT test: {}", evaluate(&syn, test));
    if !gum_news_dev.is_empty() {
        println!(
            "GUM news dev  (out of domain): {}",
            evaluate(&syn, gum_news_dev)
        );
        println!(
            "GUM news test (out of domain): {}",
            evaluate(&syn, gum_news_test)
        );
    }
    Ok(())
}
