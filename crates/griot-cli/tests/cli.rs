//! Tests that run the real `griot` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh scratch directory for one test (removed at the end when the test passes).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("griot-cli-{}-{}-{}", std::process::id(), name, n));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, content).expect("write");
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    repo().join("examples/niger-us-pact.txt")
}

fn griot(dir: &Scratch, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(&dir.0)
        .env_remove("GRIOT_DB")
        .env_remove("GRIOT_CONFIG")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run griot")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn count(dir: &Scratch, what: &str) -> u64 {
    let o = griot(dir, &["stats"]);
    assert!(o.status.success(), "stats failed: {}", stderr(&o));
    stdout(&o)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{what} ")).and_then(|v| v.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no {what} in stats: {}", stdout(&o)))
}

#[test]
fn code_prints_json_with_sixteen_sentences() {
    let dir = Scratch::new("code");
    let o = griot(&dir, &["code", seed().to_str().unwrap(), "--date", "2024-03-17", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["sentences"].as_array().map(|a| a.len()), Some(16));
    assert_eq!(v["article"]["date"], "2024-03-17");
    for key in ["mentions", "times", "statements", "quantities", "events"] {
        assert!(v[key].is_array(), "{key} missing");
    }
    let text = std::fs::read_to_string(seed()).unwrap();
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], s["text"].as_str().unwrap());
    }
    assert!(!dir.path("griot.db").exists(), "code must not store anything");
}

#[test]
fn code_text_and_jsonl_formats() {
    let dir = Scratch::new("formats");
    let o = griot(&dir, &["code", seed().to_str().unwrap(), "--date", "2024-03-17"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("16 sentences"), "{}", stdout(&o));
    let o = griot(&dir, &["code", repo().join("examples/sahel-briefs.jsonl").to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<_> = stdout(&o).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line")).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["article"]["id"], "sahel-2024-01-28-ecowas");
}

#[test]
fn ingest_is_idempotent() {
    let dir = Scratch::new("idem");
    for _ in 0..2 {
        let o = griot(&dir, &["ingest", "--quiet", "--date", "2024-03-17", seed().to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(count(&dir, "articles"), 1);
    assert_eq!(count(&dir, "sentences"), 16);
    // the same text under another name is the same article
    let copy = dir.write("copy/again.txt", &std::fs::read(seed()).unwrap());
    let o = griot(&dir, &["ingest", "--quiet", "--date", "2024-03-17", copy.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(count(&dir, "articles"), 1);
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = Scratch::new("bad");
    let garbage = dir.write("in/garbage.txt", &[0xff, 0xfe, 0x00, 0x01, 0x9c, 0x80, 0x00, 0x00]);
    let jsonl = dir.write(
        "in/news.jsonl",
        b"{\"id\":\"good-1\",\"date\":\"2024-03-18\",\"text\":\"Mali and Niger signed a defence pact on Monday.\"}\n{\"id\":\"broken\", \"text\": \n{\"id\":\"good-2\",\"date\":\"2024-03-19\",\"text\":\"Russian troops arrived in Niamey on Tuesday.\"}\n",
    );
    let o = griot(&dir, &["ingest", "--quiet", dir.path("in").to_str().unwrap(), dir.path("missing.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "exit code 3 when something was skipped; stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}", garbage.display())), "garbage file named: {err}");
    assert!(err.contains(&format!("{}:2", jsonl.display())), "broken line named: {err}");
    assert!(err.contains("missing.txt"), "missing file named: {err}");
    assert_eq!(count(&dir, "articles"), 2);
}

#[test]
fn events_show_export_after_demo() {
    let dir = Scratch::new("demo");
    let o = griot(&dir, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path("griot.db").exists());
    assert!(count(&dir, "articles") >= 5);
    let o = griot(&dir, &["demo"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("0 newly stored"), "{}", stdout(&o));

    let o = griot(&dir, &["events", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for l in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("event json");
        assert!(v["type"].is_string() && v["trigger"]["text"].is_string() && v["rule"].is_string());
    }
    let o = griot(&dir, &["events", "--format", "csv", "--text", "\"drone base\" OR (weird"]);
    assert!(o.status.success(), "punctuation in --text must not fail: {}", stderr(&o));
    assert!(stdout(&o).starts_with("id,"));

    let o = griot(&dir, &["show", "sahel-2024-05-19-withdrawal"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("[0]"));
    let o = griot(&dir, &["show", "no-such-article"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-article"));

    let out = dir.path("events.jsonl");
    let o = griot(&dir, &["export", "--format", "plover-jsonl", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for l in std::fs::read_to_string(&out).unwrap().lines() {
        serde_json::from_str::<serde_json::Value>(l).expect("export line is JSON");
    }
}

#[test]
fn db_flag_and_env() {
    let dir = Scratch::new("dbflag");
    let o = griot(&dir, &["--db", "custom.db", "ingest", "--quiet", "--date", "2024-03-17", seed().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path("custom.db").exists());
    assert!(!dir.path("griot.db").exists());
    let o = Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(&dir.0)
        .env("GRIOT_DB", "custom.db")
        .args(["stats"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("articles 1"), "{}", stdout(&o));
}

#[test]
fn stdin_is_read() {
    let dir = Scratch::new("stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(&dir.0)
        .args(["code", "-", "--date", "2024-03-17", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"France withdrew its ambassador from Niger on Monday.").unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["sentences"].as_array().unwrap().len(), 1);
}

#[test]
fn every_command_has_help() {
    let dir = Scratch::new("help");
    for cmd in [
        vec!["--help"],
        vec!["code", "--help"],
        vec!["ingest", "--help"],
        vec!["events", "--help"],
        vec!["show", "--help"],
        vec!["export", "--help"],
        vec!["demo", "--help"],
        vec!["stats", "--help"],
        vec!["lexicon", "--help"],
        vec!["rules", "--help"],
        vec!["eval", "--help"],
    ] {
        let o = griot(&dir, &cmd);
        assert!(o.status.success(), "{cmd:?}");
        assert!(stdout(&o).contains("Usage"), "{cmd:?}");
    }
    let o = griot(&dir, &["code"]);
    assert_eq!(o.status.code(), Some(2), "usage error exit code");
    let o = griot(&dir, &["code", "--date", "2024-02-30", "x.txt"]);
    assert_eq!(o.status.code(), Some(2), "bad --date is a usage error");
}

#[test]
fn killed_ingest_leaves_a_consistent_db_and_rerun_completes() {
    let dir = Scratch::new("kill");
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!(
            "{{\"id\":\"n{i}\",\"date\":\"2024-03-{:02}\",\"text\":\"Niger's junta met a delegation from Mali on Monday, meeting number {i}. The talks in Niamey ended without agreement.\"}}\n",
            1 + i % 28
        ));
    }
    let input = dir.write("many.jsonl", lines.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_griot"))
        .current_dir(&dir.0)
        .args(["ingest", "--quiet", "--batch", "5", input.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as the database exists (or whenever it is done): the outcome must be
    // the same either way.
    for _ in 0..2000 {
        if dir.path("griot.db").exists() || child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let _ = child.kill();
    let _ = child.wait();
    let partial = count(&dir, "articles");
    assert!(partial <= 400);
    let o = griot(&dir, &["ingest", "--quiet", "--batch", "5", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&dir, "articles"), 400);
    // every article is grouped, even those stored by the killed run
    let o = griot(&dir, &["stories", "--format", "json"]);
    let stories: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("stories json");
    let grouped: u64 = stories.iter().map(|s| s["num_articles"].as_u64().unwrap()).sum();
    assert_eq!(grouped, 400);
}

#[test]
fn stories_group_reports_and_export_gdelt_tables() {
    let dir = Scratch::new("stories");
    let o = griot(&dir, &["ingest", "--quiet", repo().join("tests/stories/stories.jsonl").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = griot(&dir, &["stories", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stories: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("stories json");
    assert!(stories.len() >= 5, "{} stories", stories.len());
    // every stored article is in exactly one story
    let total: u64 = stories.iter().map(|s| s["num_articles"].as_u64().unwrap()).sum();
    assert_eq!(total, count(&dir, "articles"));
    let multi = stories.iter().find(|s| s["num_articles"].as_u64().unwrap() >= 2).expect("some story has several reports");
    let id = multi["id"].as_u64().map(|v| format!("{v:016x}")).or_else(|| multi["id"].as_str().map(str::to_string)).unwrap();
    let o = griot(&dir, &["story", &id]);
    assert!(o.status.success(), "story {id}: {}", stderr(&o));
    assert!(stdout(&o).contains("Articles"));
    // re-ingesting changes nothing
    let before = stdout(&griot(&dir, &["stories"]));
    let o = griot(&dir, &["ingest", "--quiet", repo().join("tests/stories/stories.jsonl").to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stdout(&griot(&dir, &["stories"])), before);
    let o = griot(&dir, &["export", "--format", "gdelt-events"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("GlobalEventID\t"));
    let o = griot(&dir, &["export", "--format", "gdelt-mentions"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn lexicon_and_rules_checks_name_file_and_line() {
    let dir = Scratch::new("checks");
    dir.write("lex/people.txt", b"# my people\nthis is not a valid entry line\n");
    let o = griot(&dir, &["lexicon", "check", dir.path("lex").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("people.txt:2"), "{}", stderr(&o));
    let o = griot(&dir, &["lexicon", "check", repo().join("lexicon/actors").to_str().unwrap()]);
    assert!(o.status.success(), "builtin dictionaries check clean: {}", stderr(&o));
    let o = griot(&dir, &["lexicon", "lookup", "Nigerien"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("NER"), "{}", stdout(&o));
    let o = griot(&dir, &["rules", "check", repo().join("lexicon/rules").to_str().unwrap()]);
    assert!(o.status.success(), "builtin rules check clean: {}", stderr(&o));
}

#[test]
fn a_person_added_in_a_user_dictionary_is_used_on_the_next_run() {
    let dir = Scratch::new("userlex");
    let article = dir.write("a.txt", b"Date: 2024-05-02\n\nZorblat Quenneville arrived in Niamey on Tuesday.\n");
    let person = |o: &Output| -> Option<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["mentions"].as_array().unwrap().iter().find(|m| m["name"] == "Zorblat Quenneville" && m["country"] == "TCD").cloned()
    };
    let o = griot(&dir, &["code", article.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(person(&o).is_none(), "not known before the dictionary exists");
    dir.write(
        "mylex/people.txt",
        "person TCD GOV 2024-01-01.. title=\"Minister\" role=\"foreign minister\" : Zorblat Quenneville | Quenneville\n".as_bytes(),
    );
    let o = griot(&dir, &["--lexicon", dir.path("mylex").to_str().unwrap(), "code", article.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = person(&o).expect("the user's person is found");
    assert_eq!(m["sector"], "GOV");
    assert_eq!(m["guessed"], false);
}
