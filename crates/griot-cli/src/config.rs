//! The optional config file (`griot.toml`): settings a team keeps next to its data.
//!
//! ```toml
//! db = "events.db"
//! lexicon = ["dictionaries/sahel"]   # layered over the builtin lexicon, in order
//! rules = ["rules/local"]            # layered over the builtin event rules
//! day_first = true                   # 03/04/2024 is 3 April
//! ```
//! Relative paths are resolved against the directory holding the config file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub db: Option<PathBuf>,
    #[serde(default)]
    pub lexicon: Vec<PathBuf>,
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default)]
    pub day_first: bool,
}

impl Config {
    /// The config named explicitly, else `./griot.toml` when present, else defaults.
    pub fn find(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = PathBuf::from("griot.toml");
                if !p.is_file() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read config {}", path.display()))?;
        let mut cfg: Config = toml::from_str(&text).with_context(|| format!("config {}", path.display()))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        if let Some(db) = cfg.db.as_mut() {
            fix(db);
        }
        cfg.lexicon.iter_mut().for_each(fix);
        cfg.rules.iter_mut().for_each(fix);
        Ok(cfg)
    }
}
