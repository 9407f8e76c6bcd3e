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
    // GDELT 2.0: no header, 61 tab-separated columns (checked in detail in tests/gdelt.rs)
    assert!(text.lines().all(|l| l.split('\t').count() == 61), "{text}");
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

// ---- hostile inputs, hostile values, read commands that tell the truth (issue 13) ----

const EVIL: &[u8] = b"{\"id\":\"\\u001b]0;pwned\\u0007id\\nforged\",\"title\":\"\\u001b[31mRED \\u009b2J\",\"source\":\"\\u001b]8;;http://x\\u0007outlet\",\"date\":\"2024-03-17\",\"text\":\"The junta revoked the military pact with the United States on Saturday. =HYPERLINK(\\\"http://x\\\") \\u001b[2J\"}\n";

#[test]
fn read_commands_never_create_a_database() {
    let dir = Scratch::new("nodb");
    for args in [
        &["events"][..],
        &["stats"],
        &["show", "x"],
        &["stories"],
        &["story", "0123456789abcdef"],
        &["export", "--format", "csv"],
    ] {
        let o = griot(&dir, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("no database at griot.db"), "{args:?}: {err}");
        assert_eq!(err.matches("griot.db").count(), 1, "said once: {err}");
        assert!(!dir.path("griot.db").exists(), "{args:?} created a database");
    }
}

#[test]
fn out_of_range_values_are_usage_errors() {
    let dir = Scratch::new("ranges");
    let input = dir.write("a.txt", b"Niger revoked the pact.");
    for args in [
        &["ingest", "--batch", "18446744073709551615"][..],
        &["ingest", "--batch", "100000000"],
        &["ingest", "--batch", "0"],
        &["ingest", "--max-bytes", "18446744073709551615"],
        &["ingest", "--max-bytes", "0"],
        &["code", "--max-bytes=-1"],
    ] {
        let mut all = args.to_vec();
        all.push(input.to_str().unwrap());
        let o = griot(&dir, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("must be between") || stderr(&o).contains("not a whole number"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_blocking() {
    let dir = Scratch::new("fifo");
    let fifo = dir.path("feed.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let mut args = vec!["ingest", "--quiet", "/dev/null"];
    if made {
        args.push(fifo.to_str().unwrap());
    }
    // a FIFO nobody writes to would block a reader forever: the test would hang
    let o = griot(&dir, &args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/null: not a regular file (a character device)"), "{}", stderr(&o));
    if made {
        assert!(stderr(&o).contains("feed.jsonl: not a regular file (a named pipe)"), "{}", stderr(&o));
    }
}

#[test]
fn filters_are_validated() {
    let dir = Scratch::new("filters");
    assert!(griot(&dir, &["demo"]).status.success());
    let o = griot(&dir, &["events", "--type", "FOO"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a PLOVER event type") && stderr(&o).contains("SANCTION"), "{}", stderr(&o));
    let o = griot(&dir, &["events", "--type", "sanction"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [&["events", "--actor", "zzz"][..], &["events", "--recipient", "ZZZ"], &["stories", "--actor", "%"], &["stories", "--actor", "_"]] {
        let o = griot(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("not an actor code"), "{}", stderr(&o));
    }
    for args in [&["events", "--actor", "NER"][..], &["events", "--actor", "nermil"], &["events", "--actor", "UNO"], &["stories", "--actor", "NER"]] {
        let o = griot(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let o = griot(&dir, &["events", "--since", "2024-03-10", "--until", "2024-03-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is after --until"), "{}", stderr(&o));
    let o = griot(&dir, &["stories", "--since", "2024-03-10", "--until", "2024-03-01"]);
    assert_eq!(o.status.code(), Some(2));
    // the table explains its marks; --limit 0 is all
    let all = stdout(&griot(&dir, &["events", "--limit", "0"]));
    assert!(all.contains("? = an actor or recipient was found but has no country"), "{all}");
    let two = stdout(&griot(&dir, &["events", "--limit", "2"]));
    assert!(two.contains("(2 events)"), "{two}");
    assert!(!all.contains("(0 events)"));
}

#[test]
fn lookup_of_an_unknown_phrase_fails() {
    let dir = Scratch::new("lookup");
    let o = griot(&dir, &["lexicon", "lookup", "xyzzy"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not in the lexicon"));
    assert!(griot(&dir, &["lexicon", "lookup", "Niger"]).status.success());
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = Scratch::new("evil");
    let evil = dir.write("evil\x1b]0;x\x07.jsonl", EVIL);
    let o = griot(&dir, &["ingest", "--quiet", evil.to_str().unwrap(), dir.path("gone\nfake line.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains('\x1b') && err.contains("gone\\nfake line.txt"), "{err:?}");
    let id = "\x1b]0;pwned\x07id\nforged";
    let mut outputs = vec![];
    for args in [&["events"][..], &["show", id], &["stories"], &["code", evil.to_str().unwrap()]] {
        let o = griot(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        outputs.push((args[0], stdout(&o), stderr(&o)));
    }
    let o = griot(&dir, &["stories", "--format", "json"]);
    let stories: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let sid = stories[0]["id"].as_str().map(str::to_string).unwrap_or_else(|| format!("{:016x}", stories[0]["id"].as_u64().unwrap()));
    let o = griot(&dir, &["story", &sid]);
    assert!(o.status.success(), "{}", stderr(&o));
    outputs.push(("story", stdout(&o), stderr(&o)));
    for (what, out, err) in outputs {
        for bad in ['\x1b', '\x07', '\u{9b}'] {
            assert!(!out.contains(bad) && !err.contains(bad), "{what} wrote {bad:?} raw: {out:?}");
        }
        assert!(!out.lines().any(|l| l.starts_with("forged")), "{what}: a newline in an id broke a line: {out}");
    }
    let table = stdout(&griot(&dir, &["events"]));
    assert!(table.contains("\\u{1b}]0;pwned\\u{7}id\\nforged"), "{table}");
    // JSON keeps the values (escaped by JSON itself)
    let o = griot(&dir, &["events", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["article"]["id"], id);
}

#[test]
fn spreadsheet_formulas_are_neutralised_unless_raw() {
    let dir = Scratch::new("csv");
    let evil = dir.write("a.jsonl", b"{\"id\":\"=1+1\",\"url\":\"@SUM(A1)\",\"date\":\"2024-03-17\",\"text\":\"The junta revoked the military pact with the United States on Saturday.\"}\n");
    assert!(griot(&dir, &["ingest", "--quiet", evil.to_str().unwrap()]).status.success());
    let cells = |args: &[&str]| -> Vec<String> {
        let o = griot(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o).lines().skip(1).flat_map(|l| l.split([',', '\t']).map(str::to_string).collect::<Vec<_>>()).collect()
    };
    let risky = |c: &String| c.starts_with(['=', '+', '@']) || (c.starts_with('-') && c.parse::<f64>().is_err());
    for args in [&["events", "--format", "csv"][..], &["export", "--format", "csv"], &["export", "--format", "gdelt-mentions"], &["export", "--format", "gdelt-events"]] {
        let got = cells(args);
        assert!(!got.iter().any(risky), "{args:?}: {got:?}");
        if args[0] != "export" || args[2] == "csv" {
            assert!(got.iter().any(|c| c.starts_with("'=1+1")), "{args:?}: {got:?}");
        }
    }
    let raw = cells(&["export", "--format", "csv", "--raw-cells"]);
    assert!(raw.iter().any(|c| c.starts_with("=1+1")), "{raw:?}");
    let raw = cells(&["events", "--format", "csv", "--raw-cells"]);
    assert!(raw.iter().any(|c| c.starts_with("=1+1")), "{raw:?}");
}

#[test]
fn refused_dates_are_named_and_force_repairs_stored_articles() {
    let dir = Scratch::new("dates");
    let input = dir.write(
        "n.jsonl",
        b"{\"id\":\"a\",\"date\":\"2024-02-30\",\"text\":\"The junta revoked the military pact with the United States on Saturday.\"}\n\
{\"id\":\"b\",\"date\":-99999999999999,\"text\":\"Mali and Niger signed a defence pact on Monday.\"}\n",
    );
    let o = griot(&dir, &["ingest", "--quiet", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:1: publication date \"2024-02-30\" refused", input.display())), "{err}");
    assert!(err.contains(&format!("{}:2: publication date \"-99999999999999\" refused", input.display())), "{err}");
    assert_eq!(err.matches("have no publication date").count(), 1, "{err}");
    let o = griot(&dir, &["events", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|e| e["article"]["date"].is_null()), "{v}");
    // a plain rerun says "already in"; --force with --date repairs them in place
    let o = griot(&dir, &["ingest", "--quiet", input.to_str().unwrap(), "--date", "2024-03-17"]);
    assert!(stderr(&o).contains("2 already in"), "{}", stderr(&o));
    let o = griot(&dir, &["ingest", "--quiet", "--force", input.to_str().unwrap(), "--date", "2024-03-17"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 re-analysed"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("have no publication date"), "{}", stderr(&o));
    assert_eq!(count(&dir, "articles"), 2);
    let o = griot(&dir, &["events", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let events = v.as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["article"]["date"] == "2024-03-17"), "{v}");
    let revoked = events.iter().find(|e| e["trigger"]["text"] == "revoked").expect("revoked");
    assert_eq!(revoked["date"]["value"], "2024-03-16");
}

#[test]
fn stories_do_not_depend_on_batch_boundaries() {
    // the same text twice under two titles and outlets: the first one read is the story's
    let dir = Scratch::new("batches");
    let text = "The junta revoked the military pact with the United States on Saturday, officials said.";
    let lines = format!(
        "{{\"id\":\"first\",\"title\":\"First title\",\"source\":\"Outlet A\",\"date\":\"2024-03-17\",\"text\":\"{text}\"}}\n\
         {{\"id\":\"first\",\"title\":\"Second title\",\"source\":\"Outlet B\",\"date\":\"2024-03-17\",\"text\":\"{text}\"}}\n\
         {{\"id\":\"other\",\"title\":\"Other\",\"date\":\"2024-03-18\",\"text\":\"Mali and Niger signed a defence pact on Monday.\"}}\n"
    );
    let input = dir.write("dup.jsonl", lines.as_bytes());
    let mut seen = Vec::new();
    for batch in ["1", "2", "3", "64"] {
        let db = format!("b{batch}.db");
        let o = griot(&dir, &["--db", &db, "ingest", "--quiet", "--batch", batch, input.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = griot(&dir, &["--db", &db, "stories", "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        seen.push(stdout(&o));
    }
    assert!(seen[0].contains("First title") && !seen[0].contains("Second title"), "{}", seen[0]);
    assert!(seen.iter().all(|s| *s == seen[0]), "{seen:#?}");
}

#[test]
fn read_only_database_can_be_read() {
    let dir = Scratch::new("ro");
    assert!(griot(&dir, &["demo"]).status.success());
    // make sure no -wal/-shm is left and the file cannot be written
    let db = dir.path("griot.db");
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let reads = [&["events"][..], &["stats"], &["stories"], &["export", "--format", "plover-jsonl"]];
    for args in reads {
        let o = griot(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    // SQLite cannot make its shared-memory file next to the database (a directory is in the
    // way: this holds for root too, whom permissions do not stop), then the directory itself
    // read-only (for other users)
    // (a reader's connection may leave them behind, empty)
    let _ = std::fs::remove_file(dir.path("griot.db-wal"));
    let _ = std::fs::remove_file(dir.path("griot.db-shm"));
    std::fs::create_dir(dir.path("griot.db-shm")).unwrap();
    std::fs::create_dir(dir.path("griot.db-wal")).unwrap();
    for args in reads {
        let o = griot(&dir, args);
        assert!(o.status.success(), "{args:?} with no room for -shm and -wal: {}", stderr(&o));
        assert!(!stdout(&o).is_empty(), "{args:?}");
    }
    std::fs::remove_dir(dir.path("griot.db-shm")).unwrap();
    std::fs::remove_dir(dir.path("griot.db-wal")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir.0, std::fs::Permissions::from_mode(0o555)).unwrap();
        let results: Vec<_> = reads.iter().map(|args| (args.to_vec(), griot(&dir, args))).collect();
        std::fs::set_permissions(&dir.0, std::fs::Permissions::from_mode(0o755)).unwrap();
        for (args, o) in results {
            assert!(o.status.success(), "{args:?} in a read-only directory: {}", stderr(&o));
        }
    }
}

#[test]
fn rules_check_reports_each_bad_line_once() {
    let dir = Scratch::new("rules-once");
    dir.write("r/bad.rules", b"this is not a rule\n");
    let o = griot(&dir, &["rules", "check", dir.path("r").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("bad.rules:1")).collect();
    assert_eq!(lines.len(), 1, "{err}");
}

#[test]
fn lexicon_check_rejects_unknown_codes() {
    let dir = Scratch::new("codes");
    dir.write(
        "lx/mine.txt",
        b"country XXQ : Freedonia\norg ZZZ GOV : Ministry of Silly Walks\nigo AESX : Alliance of Examples\norg AESX : Example Secretariat\nperson NER GOV : Ali Example\ncountry NER : Niger Republic\n",
    );
    let o = griot(&dir, &["lexicon", "check", dir.path("lx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("mine.txt:1: unknown code XXQ"), "{err}");
    assert!(err.contains("mine.txt:2: unknown code ZZZ"), "{err}");
    assert_eq!(err.matches("unknown code").count(), 2, "an igo of the directory and builtin codes are fine: {err}");
    let o = griot(&dir, &["lexicon", "check", repo().join("lexicon/actors").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_terminal_gets_a_default_limit_and_the_count_of_the_rest() {
    let dir = Scratch::new("tty");
    let o = griot(&dir, &["ingest", "--quiet", repo().join("tests/stories/stories.jsonl").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let total = stdout(&griot(&dir, &["events", "--format", "jsonl"])).lines().count();
    assert!(total > 50, "{total} events");
    // piped: everything
    assert!(stdout(&griot(&dir, &["events"])).contains(&format!("({total} events)")));
    // on a terminal (a pseudo-terminal from script(1), when there is one): 50, and how many more
    let cmd = format!("{} --db {} events", env!("CARGO_BIN_EXE_griot"), dir.path("griot.db").display());
    let Ok(o) = Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(&dir.0).stdin(Stdio::null()).output() else {
        return;
    };
    if !o.status.success() {
        return;
    }
    let out = stdout(&o);
    assert!(out.contains("(50 events)"), "{out}");
    assert!(out.contains(&format!("{} more; use --limit N, or --limit 0 for all", total - 50)), "{out}");
    let cmd = format!("{cmd} --limit 0");
    let o = Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(&dir.0).stdin(Stdio::null()).output().unwrap();
    assert!(stdout(&o).contains(&format!("({total} events)")), "{}", stdout(&o));
}

/// `griot code` analyses on every core a chunk at a time; its output is that of a serial
/// run (one thread, one file at a time) in input order, over several files and across chunk
/// boundaries (the generated file holds more articles than a chunk).
#[test]
fn parallel_code_writes_what_serial_code_writes() {
    let dir = Scratch::new("code-parallel");
    let briefs = std::fs::read_to_string(repo().join("examples/sahel-briefs.jsonl")).expect("briefs");
    let mut many = String::new();
    for i in 0..300 {
        let country = ["Niger", "Mali", "France", "Chad"][i % 4];
        let line = serde_json::json!({
            "id": format!("g{i}"),
            "date": "2024-03-17",
            "text": format!("{country} recalled its ambassador from Burkina Faso on Monday after talks {i} failed. Protesters gathered in Niamey."),
        });
        many.push_str(&line.to_string());
        many.push('\n');
    }
    let files = [dir.write("a.jsonl", briefs.as_bytes()), dir.write("many.jsonl", many.as_bytes()), seed()];
    let files: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    for format in ["jsonl", "text"] {
        let run = |threads: &str, inputs: &[&str]| {
            let mut args = vec!["code", "--date", "2024-03-17", "--format", format];
            args.extend_from_slice(inputs);
            let o = Command::new(env!("CARGO_BIN_EXE_griot"))
                .current_dir(&dir.0)
                .env_remove("GRIOT_DB")
                .env_remove("GRIOT_CONFIG")
                .env("RAYON_NUM_THREADS", threads)
                .args(&args)
                .stdin(Stdio::null())
                .output()
                .expect("run griot");
            assert!(o.status.success(), "{}", stderr(&o));
            stdout(&o)
        };
        let serial: String = files.iter().map(|f| run("1", &[f])).collect();
        let parallel = run("4", &files);
        assert!(serial.lines().count() > 300, "{format}: every article written");
        assert_eq!(parallel, serial, "{format}: parallel output differs from serial");
    }
}

/// One message per error: the causes a library error already says are not said again
/// (before: "cannot open database d.db: unable to open database file: d.db: unable to open
/// database file: d.db: Error code 14: ...").
#[test]
fn each_error_is_said_once() {
    let dir = Scratch::new("said-once");
    std::fs::create_dir_all(dir.path("dir.db")).unwrap();
    dir.write("bad.db", &[b'x'; 200]);
    let input = seed();
    let input = input.to_str().unwrap();
    for args in [
        &["--db", "dir.db", "ingest", input][..],
        &["--db", "no/such/dir/x.db", "ingest", input],
        &["--db", "bad.db", "ingest", input],
        &["--lexicon", "no-such-dir", "code", input],
        &["--rules", "no-such-dir", "code", input],
    ] {
        let o = griot(&dir, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        let line = err.lines().find(|l| l.starts_with("griot: error: ")).unwrap_or_else(|| panic!("{args:?}: {err}"));
        let parts: Vec<&str> = line.split(": ").collect();
        for (i, p) in parts.iter().enumerate() {
            assert!(!parts[i + 1..].contains(p), "{args:?}: {p:?} said twice: {line}");
        }
        assert!(!line.contains("Error code"), "{args:?}: {line}");
    }
}

/// The progress bar of `ingest` on a terminal (a pseudo-terminal from script(1), when there is
/// one) shows the bytes read out of the total, the time left and a rate without a string of
/// decimals (before: a spinner with "2,468.6169/s" and no total).
#[test]
fn the_progress_bar_has_a_total_a_rate_and_the_time_left() {
    let dir = Scratch::new("progress");
    let input = repo().join("tests/stories/stories.jsonl");
    let total = std::fs::metadata(&input).unwrap().len();
    let cmd = format!("{} --db {} ingest {}", env!("CARGO_BIN_EXE_griot"), dir.path("p.db").display(), input.display());
    let Ok(o) = Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(&dir.0).stdin(Stdio::null()).output() else {
        return;
    };
    if !o.status.success() || o.stdout.is_empty() {
        return;
    }
    let out = stdout(&o);
    let shown = format!("/{:.2} KiB", total as f64 / 1024.0);
    assert!(out.contains(&shown), "no total {shown}: {out:?}");
    assert!(out.contains(" left") && out.contains("articles read"), "{out:?}");
    // no rate with more than two decimals
    let bytes = out.as_bytes();
    for (i, _) in out.match_indices("/s") {
        let before: Vec<u8> = bytes[..i].iter().rev().take_while(|b| b.is_ascii_digit() || **b == b'.' || **b == b',').copied().collect();
        let decimals = before.iter().position(|b| *b == b'.').unwrap_or(0);
        assert!(decimals <= 2, "a rate with {decimals} decimals: {out:?}");
    }
}

/// Stories are the same whatever the batch size and wherever a kill lands: the labelled
/// stories with some reports repeated under another title and outlet (a duplicate skipped by
/// the store must not overwrite the summary of the article it repeats), ingested whole, in
/// batches of 1 and 7, and killed at several points then completed.
#[test]
fn stories_do_not_depend_on_batches_or_kill_points() {
    let dir = Scratch::new("story-kills");
    let labelled = std::fs::read_to_string(repo().join("tests/stories/stories.jsonl")).unwrap();
    let mut lines = labelled.clone();
    for (i, line) in labelled.lines().enumerate().filter(|(i, _)| i % 4 == 0) {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["id"] = serde_json::json!(format!("dup-{i}"));
        v["title"] = serde_json::json!(format!("Repeated title {i}"));
        v["source"] = serde_json::json!("Repeating outlet");
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    let input = dir.write("input.jsonl", lines.as_bytes());
    let input = input.to_str().unwrap();
    let stories = |db: &str| {
        let o = griot(&dir, &["--db", db, "stories", "--format", "json"]);
        assert!(o.status.success(), "{db}: {}", stderr(&o));
        stdout(&o)
    };
    let ingest = |db: &str, batch: &str| {
        let o = griot(&dir, &["--db", db, "ingest", "--quiet", "--batch", batch, input]);
        assert!(o.status.success(), "{db}: {}", stderr(&o));
    };
    ingest("whole.db", "1000");
    let expected = stories("whole.db");
    assert!(!expected.contains("Repeated title") && !expected.contains("Repeating outlet"), "a duplicate overwrote a summary: {expected}");
    for batch in ["1", "7"] {
        let db = format!("b{batch}.db");
        ingest(&db, batch);
        assert_eq!(stories(&db), expected, "--batch {batch}");
    }
    for wait_ms in [0, 40, 150] {
        let db = format!("kill{wait_ms}.db");
        let mut child = Command::new(env!("CARGO_BIN_EXE_griot"))
            .current_dir(&dir.0)
            .env_remove("GRIOT_DB")
            .env_remove("GRIOT_CONFIG")
            .args(["--db", &db, "ingest", "--quiet", "--batch", "3", input])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..5000 {
            if dir.path(&db).exists() || child.try_wait().ok().flatten().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
        ingest(&db, "5");
        assert_eq!(stories(&db), expected, "killed {wait_ms} ms after the database appeared, then completed");
    }
}
