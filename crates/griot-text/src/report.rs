//! Import reports: per construct of a foreign dictionary, how many entries were read, how
//! many came in, and why the others did not (grouped reasons with a few examples). Used by
//! the TABARI/PETRARCH importers of griot-lexicon and griot-code, printed by the CLI and
//! written into `lexicon/phoenix/README.md` by the xtask.
//!
//! ```
//! use griot_text::report::ImportReport;
//! let mut r = ImportReport::new("x.txt");
//! r.imported("actor record");
//! r.skipped("actor record", "no code", "LINE 3: FOO");
//! assert_eq!(r.count("actor record"), (2, 1));
//! assert!(r.to_string().contains("no code: 1"));
//! ```

use std::collections::BTreeMap;
use std::fmt;

/// How many examples each reason keeps.
const EXAMPLES: usize = 3;

/// One construct (e.g. "actor record", "verb pattern"): counts and reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Construct {
    pub name: String,
    /// Entries of this construct read from the file.
    pub read: usize,
    /// Entries that came in.
    pub imported: usize,
    /// Reason -> (count, first examples).
    pub skipped: BTreeMap<String, (usize, Vec<String>)>,
    /// Notes on entries that came in changed (reason -> count, first examples).
    pub changed: BTreeMap<String, (usize, Vec<String>)>,
}

/// The report of one import: constructs in first-seen order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub file: String,
    pub constructs: Vec<Construct>,
}

fn note(map: &mut BTreeMap<String, (usize, Vec<String>)>, reason: &str, example: &str) {
    let e = map.entry(reason.to_string()).or_default();
    e.0 += 1;
    if e.1.len() < EXAMPLES && !example.is_empty() {
        e.1.push(example.chars().take(100).collect());
    }
}

impl ImportReport {
    pub fn new(file: &str) -> ImportReport {
        ImportReport { file: file.to_string(), constructs: Vec::new() }
    }

    fn get(&mut self, name: &str) -> &mut Construct {
        match self.constructs.iter().position(|c| c.name == name) {
            Some(i) => &mut self.constructs[i],
            None => {
                self.constructs.push(Construct { name: name.to_string(), ..Default::default() });
                self.constructs.last_mut().expect("just pushed")
            }
        }
    }

    /// One entry of `construct` read and imported.
    pub fn imported(&mut self, construct: &str) {
        let c = self.get(construct);
        c.read += 1;
        c.imported += 1;
    }

    /// One entry of `construct` read and not imported, for `reason`.
    pub fn skipped(&mut self, construct: &str, reason: &str, example: &str) {
        let c = self.get(construct);
        c.read += 1;
        note(&mut c.skipped, reason, example);
    }

    /// An imported entry of `construct` came in changed (no count change).
    pub fn changed(&mut self, construct: &str, reason: &str, example: &str) {
        note(&mut self.get(construct).changed, reason, example);
    }

    /// (read, not imported) of a construct; (0, 0) when never seen.
    pub fn count(&self, construct: &str) -> (usize, usize) {
        self.constructs
            .iter()
            .find(|c| c.name == construct)
            .map_or((0, 0), |c| (c.read, c.read - c.imported))
    }

    /// Adds another report's counts (same file or a part of it).
    pub fn merge(&mut self, other: &ImportReport) {
        for oc in &other.constructs {
            let c = self.get(&oc.name);
            c.read += oc.read;
            c.imported += oc.imported;
            for (map, omap) in [(&mut c.skipped, &oc.skipped), (&mut c.changed, &oc.changed)] {
                for (reason, (n, ex)) in omap {
                    let e = map.entry(reason.clone()).or_default();
                    e.0 += n;
                    for x in ex {
                        if e.1.len() < EXAMPLES {
                            e.1.push(x.clone());
                        }
                    }
                }
            }
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "import report for {}", self.file)?;
        for c in &self.constructs {
            writeln!(f, "  {}: {} read, {} imported, {} not imported", c.name, c.read, c.imported, c.read - c.imported)?;
            for (reason, (n, ex)) in &c.skipped {
                writeln!(f, "    not imported, {reason}: {n}{}", examples(ex))?;
            }
            for (reason, (n, ex)) in &c.changed {
                writeln!(f, "    imported with a change, {reason}: {n}{}", examples(ex))?;
            }
        }
        Ok(())
    }
}

fn examples(ex: &[String]) -> String {
    if ex.is_empty() {
        String::new()
    } else {
        format!(" (e.g. {})", ex.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", "))
    }
}
