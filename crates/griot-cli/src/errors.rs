//! One message per error. An error of a library crate often says its cause in its own text
//! (`cannot open database X: {source}`) and also hands the cause over as its `source`, so
//! writing the whole chain repeats it ("cannot open database X: unable to open database file:
//! X: unable to open database file: X: ..."). [`message`] writes each cause once: a cause
//! whose text is already in what was said is left out, and so is SQLite's code restated under
//! rusqlite's message ("Error code 14: Unable to open the database file").

/// The error and the causes it does not already say, joined by `": "`.
pub fn message(e: &anyhow::Error) -> String {
    let mut said = String::new();
    for cause in e.chain() {
        if !said.is_empty() && cause.downcast_ref::<rusqlite::ffi::Error>().is_some() {
            continue;
        }
        let text = cause.to_string();
        if text.is_empty() || said.contains(&text) {
            continue;
        }
        if !said.is_empty() {
            said.push_str(": ");
        }
        said.push_str(&text);
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error as thiserror writes `#[error("cannot read {path}: {source}")]`.
    #[derive(Debug)]
    struct Outer {
        path: String,
        source: std::io::Error,
    }

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "cannot read {}: {}", self.path, self.source)
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.source)
        }
    }

    fn check(e: anyhow::Error, expected: &str) {
        assert_eq!(message(&e), expected);
    }

    #[test]
    fn each_cause_is_said_once() {
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        check(anyhow::Error::new(Outer { path: "a.txt".into(), source: io() }), "cannot read a.txt: no such file");
        check(anyhow::Error::new(Outer { path: "a.txt".into(), source: io() }).context("loading"), "loading: cannot read a.txt: no such file");
        // a context that does not repeat its cause keeps it
        check(anyhow::Error::new(io()).context("cannot open b"), "cannot open b: no such file");
        // SQLite's code under rusqlite's own message
        let sqlite = rusqlite::Connection::open("/nonexistent-griot-dir/x.db").err().expect("no such directory");
        let said = message(&anyhow::Error::new(sqlite).context("cannot open database x.db"));
        assert_eq!(said, "cannot open database x.db: unable to open database file: /nonexistent-griot-dir/x.db");
    }
}
