//! Watch rules and alerts (schema step 3).
//!
//! A rule is an event filter (the one `griot events` takes: [`crate::EventFilter`]) and a
//! trigger ([`Trigger`]): every matching event; at least N matching events in a window of
//! days; a window count X times its baseline; the first matching event of an actor or a place.
//! [`Store::evaluate_watches`] looks, for each rule, only at the events stored since the rule
//! last looked (`watch_rules.mark`, a position in the events table): the new events are read by
//! rowid range (the filter applied to them row by row); window counts come from the rule's
//! per-day counts (`watch_counts`, one row a day, kept up to date with the new events),
//! first-of-a-kind from the rule's set of keys already met (`watch_seen`); both are seeded
//! from the stored events when the rule is added. So its cost depends on what was just
//! stored and on the length of the windows, never on the size of the store.
//!
//! Windows are in days of the event's date (the first day it covers, the publication day
//! for an event without its own date). A window rule fires at most once per window: after an
//! alert for day D, the next one needs a day at least `window` days away from D.
//!
//! Alerts are rows keyed by (rule, key), written in the same transaction that moves the rule's
//! mark, so an alert is made exactly once, also across a crash or a restart. Each carries the
//! rule, a summary, the events (records with their article, at most [`ALERT_EVENTS`]) and the
//! story of the first one, and a delivery state: `pending` until delivered (retries are the
//! caller's, with `next_attempt`), then `sent`. [`Store::alerts`] lists them newest first (an
//! Atom feed of alerts reads it).

use crate::{filter_clauses, sql_err, EventFilter, Store, StoreError, TextMatch};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Events written in one alert at most (a window alert over many events says how many).
pub const ALERT_EVENTS: usize = 20;

/// New events read per query while evaluating a rule.
const PAGE: i64 = 2000;

/// The filter of a rule: [`crate::EventFilter`] without `limit`, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl WatchFilter {
    pub fn event_filter(&self) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            event_type: self.event_type.clone(),
            since: self.since,
            until: self.until,
            place: self.place.clone(),
            text: self.text.clone(),
            limit: None,
        }
    }
}

/// When a rule makes an alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Trigger {
    /// Each matching event.
    Every,
    /// At least `count` matching events within `window_days` days.
    Threshold { count: u32, window_days: u32 },
    /// The count in `window_days` days is at least `factor` times its average over the
    /// `baseline_days` days before the window (and at least `min_count`).
    Spike { factor: f64, window_days: u32, baseline_days: u32, min_count: u32 },
    /// The first matching event of an actor (country or IGO code).
    NewActor,
    /// The first matching event at a place (name, else country).
    NewPlace,
}

impl Trigger {
    pub fn name(&self) -> &'static str {
        match self {
            Trigger::Every => "every",
            Trigger::Threshold { .. } => "threshold",
            Trigger::Spike { .. } => "spike",
            Trigger::NewActor => "new-actor",
            Trigger::NewPlace => "new-place",
        }
    }

    /// In words, for listings.
    pub fn describe(&self) -> String {
        match self {
            Trigger::Every => "every matching event".into(),
            Trigger::Threshold { count, window_days } => format!("at least {count} in {window_days} day(s)"),
            Trigger::Spike { factor, window_days, baseline_days, min_count } => {
                format!("{factor}x the {baseline_days}-day baseline in {window_days} day(s), at least {min_count}")
            }
            Trigger::NewActor => "first event of an actor".into(),
            Trigger::NewPlace => "first event at a place".into(),
        }
    }
}

/// A watch rule as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchRule {
    pub name: String,
    #[serde(default)]
    pub filter: WatchFilter,
    pub trigger: Trigger,
    /// `stdout`, `file:PATH` or `webhook:URL`.
    pub notify: String,
    /// Environment variable holding the webhook's HMAC-SHA256 key (the key itself is not
    /// stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
}

/// Longest rule name, in characters.
pub const MAX_RULE_NAME: usize = 200;
/// Longest free-text filter value (place, text), in characters.
pub const MAX_RULE_TEXT: usize = 500;
/// Longest notify target, in characters.
pub const MAX_NOTIFY: usize = 2000;
/// Longest window or baseline, in days (a century).
pub const MAX_RULE_DAYS: u32 = 36_500;
/// Largest count of a threshold or of a spike's least count.
pub const MAX_RULE_COUNT: u32 = 1_000_000;

/// What is wrong with a rule: the field (`name`, `filter.actor`, `trigger.window_days`,
/// `notify`, ...) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub field: String,
    pub message: String,
}

impl RuleProblem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> RuleProblem {
        RuleProblem { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Free text of a filter: at most [`MAX_RULE_TEXT`] characters, no control characters.
fn check_text(field: &str, v: &Option<String>) -> Result<(), RuleProblem> {
    match v {
        Some(t) if t.chars().count() > MAX_RULE_TEXT => {
            Err(RuleProblem::new(field, format!("longer than {MAX_RULE_TEXT} characters")))
        }
        Some(t) if t.chars().any(char::is_control) => Err(RuleProblem::new(field, "contains control characters")),
        Some(t) if t.trim().is_empty() => Err(RuleProblem::new(field, "is empty (leave it out to match any)")),
        _ => Ok(()),
    }
}

impl WatchRule {
    /// The checks every rule passes before it is stored, whoever made it (the CLI, the HTTP
    /// API): its name, the shape of its filter values, the bounds of its trigger, the syntax
    /// of its notify target and secret variable. What needs more than the rule (actor codes
    /// the lexicon knows, event types of the coder, a URL griot can fetch, which targets a
    /// remote client may set) is the caller's.
    pub fn check(&self) -> Result<(), RuleProblem> {
        let name = &self.name;
        if name.trim().is_empty() || name.chars().any(char::is_control) {
            return Err(RuleProblem::new("name", format!("{name:?} must be non-empty, without control characters")));
        }
        if name.chars().count() > MAX_RULE_NAME {
            return Err(RuleProblem::new("name", format!("longer than {MAX_RULE_NAME} characters")));
        }
        let f = &self.filter;
        for (field, code) in [("filter.actor", &f.actor), ("filter.recipient", &f.recipient)] {
            if let Some(c) = code {
                if !(2..=12).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(RuleProblem::new(
                        field,
                        format!("{c:?} is not an actor code (2 to 12 letters or digits, such as NER or NERMIL)"),
                    ));
                }
            }
        }
        if let Some(t) = &f.event_type {
            if t.is_empty() || t.len() > 40 || !t.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
                return Err(RuleProblem::new("filter.event_type", format!("{t:?} is not a PLOVER event type")));
            }
        }
        if let (Some(s), Some(u)) = (f.since, f.until) {
            if s > u {
                return Err(RuleProblem::new("filter.since", format!("{s} is after until {u}: no event can match")));
            }
        }
        check_text("filter.place", &f.place)?;
        check_text("filter.text", &f.text)?;
        match &self.trigger {
            Trigger::Every | Trigger::NewActor | Trigger::NewPlace => {}
            Trigger::Threshold { count, window_days } => {
                if !(1..=MAX_RULE_COUNT).contains(count) {
                    return Err(RuleProblem::new("trigger.count", format!("must be from 1 to {MAX_RULE_COUNT}")));
                }
                if !(1..=MAX_RULE_DAYS).contains(window_days) {
                    return Err(RuleProblem::new("trigger.window_days", format!("must be from 1 to {MAX_RULE_DAYS}")));
                }
            }
            Trigger::Spike { factor, window_days, baseline_days, min_count } => {
                if !(factor.is_finite() && *factor > 0.0 && *factor <= 1e6) {
                    return Err(RuleProblem::new("trigger.factor", format!("{factor} must be above 0 and at most 1e6")));
                }
                for (field, d) in [("trigger.window_days", window_days), ("trigger.baseline_days", baseline_days)] {
                    if !(1..=MAX_RULE_DAYS).contains(d) {
                        return Err(RuleProblem::new(field, format!("must be from 1 to {MAX_RULE_DAYS}")));
                    }
                }
                if *min_count > MAX_RULE_COUNT {
                    return Err(RuleProblem::new("trigger.min_count", format!("must be at most {MAX_RULE_COUNT}")));
                }
            }
        }
        let n = &self.notify;
        if n.chars().count() > MAX_NOTIFY || n.chars().any(char::is_control) {
            return Err(RuleProblem::new(
                "notify",
                format!("at most {MAX_NOTIFY} characters, without control characters"),
            ));
        }
        let ok = n == "stdout"
            || n.strip_prefix("file:").is_some_and(|p| !p.trim().is_empty())
            || n.strip_prefix("webhook:").is_some_and(|u| {
                let u = u.to_ascii_lowercase();
                u.starts_with("http://") || u.starts_with("https://")
            });
        if !ok {
            return Err(RuleProblem::new(
                "notify",
                format!("{n:?} is not stdout, file:PATH or webhook:URL (an http or https URL)"),
            ));
        }
        if let Some(v) = &self.secret_env {
            if !n.starts_with("webhook:") {
                return Err(RuleProblem::new("secret_env", "signs webhooks: the notify target must be webhook:URL"));
            }
            let good = (1..=100).contains(&v.len())
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !v.as_bytes()[0].is_ascii_digit();
            if !good {
                return Err(RuleProblem::new(
                    "secret_env",
                    format!("{v:?} is not an environment variable name (letters, digits and _, at most 100)"),
                ));
            }
        }
        Ok(())
    }
}

/// A rule with what the store knows of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchRuleInfo {
    #[serde(flatten)]
    pub rule: WatchRule,
    /// When it was added (or last replaced), seconds since the epoch.
    pub created: i64,
    /// Day of its last window alert (threshold, spike).
    pub last_fired: Option<NaiveDate>,
    /// Alerts stored under its name (also from an earlier rule of the same name).
    pub alerts: u64,
}

/// An alert as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertRow {
    pub id: i64,
    pub rule: String,
    pub key: String,
    pub created: i64,
    pub kind: String,
    pub story_id: Option<String>,
    /// The alert as JSON (without `id`, see [`AlertRow::json`]).
    pub body: String,
    pub notify: String,
    /// `pending` or `sent`.
    pub state: String,
    pub attempts: i64,
    pub next_attempt: i64,
    pub last_error: Option<String>,
    pub sent: Option<i64>,
}

impl AlertRow {
    /// The alert as delivered: its body with `id` and delivery state.
    pub fn json(&self) -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(&self.body).unwrap_or_else(|_| json!({}));
        if let Some(o) = v.as_object_mut() {
            o.insert("id".into(), json!(self.id));
        }
        v
    }
}

/// Which alerts [`Store::alerts`] lists.
#[derive(Debug, Clone, Default)]
pub struct AlertQuery {
    pub rule: Option<String>,
    pub pending_only: bool,
    /// Alerts with an id below this one (paging, newest first).
    pub before: Option<i64>,
    pub limit: Option<usize>,
}

const ALERT_COLUMNS: &str =
    "id, rule, key, created, kind, story_id, body, notify, state, attempts, next_attempt, last_error, sent";

fn alert_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AlertRow> {
    Ok(AlertRow {
        id: r.get(0)?,
        rule: r.get(1)?,
        key: r.get(2)?,
        created: r.get(3)?,
        kind: r.get(4)?,
        story_id: r.get(5)?,
        body: r.get(6)?,
        notify: r.get(7)?,
        state: r.get(8)?,
        attempts: r.get(9)?,
        next_attempt: r.get(10)?,
        last_error: r.get(11)?,
        sent: r.get(12)?,
    })
}

/// Errors of rule management that are the user's.
fn rule_error(path: &str, msg: String) -> StoreError {
    StoreError::Watch { path: path.to_string(), message: msg }
}

struct RuleState {
    rule: WatchRule,
    mark: i64,
    last_fired: Option<NaiveDate>,
}

/// One new matching event.
struct NewEvent {
    rowid: i64,
    event_id: String,
    actor: Option<String>,
    place: Option<String>,
    day: Option<NaiveDate>,
    /// The event record (JSON) and its article (id, date, title, url), when read.
    record: Option<(String, [Option<String>; 4])>,
    story: Option<String>,
}

impl NewEvent {
    /// The event record with its article, as alerts carry it.
    fn json(&self) -> serde_json::Value {
        let Some((record, [id, date, title, url])) = &self.record else { return serde_json::Value::Null };
        let mut json: serde_json::Value = serde_json::from_str(record).unwrap_or(serde_json::Value::Null);
        if let Some(o) = json.as_object_mut() {
            o.insert("article".into(), json!({"id": id, "date": date, "title": title, "url": url}));
        }
        json
    }
}

impl Store {
    /// Adds a rule. It looks at events stored from now on; a first-of-a-kind rule first
    /// learns the actors (or places) of the matching events already stored, so that only
    /// really new ones alert.
    pub fn add_watch_rule(&mut self, rule: &WatchRule, now: i64) -> Result<(), StoreError> {
        self.put_watch_rule(rule, now, false).map(|_| ())
    }

    /// Adds a rule, or replaces the rule of that name (in one transaction: no moment without
    /// it). The new rule starts as [`Store::add_watch_rule`] starts one: from the events
    /// stored now, its keys and counts learned again. The old rule's alerts stay and still
    /// count as made: an alert (rule, key) is never made twice. Returns whether a rule was
    /// replaced.
    pub fn replace_watch_rule(&mut self, rule: &WatchRule, now: i64) -> Result<bool, StoreError> {
        self.put_watch_rule(rule, now, true)
    }

    fn put_watch_rule(&mut self, rule: &WatchRule, now: i64, replace: bool) -> Result<bool, StoreError> {
        let path = self.path.clone();
        check_rule(&path, rule)?;
        let spec = serde_json::to_string(rule)
            .map_err(|e| rule_error(&path, format!("rule {}: cannot encode: {e}", rule.name)))?;
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql_err(&path))?;
        let exists: bool = tx
            .prepare("SELECT 1 FROM watch_rules WHERE name = ?1")
            .and_then(|mut s| s.exists([&rule.name]))
            .map_err(sql_err(&path))?;
        if exists && !replace {
            return Err(rule_error(
                &path,
                format!("a watch rule named {:?} exists already (remove it first)", rule.name),
            ));
        }
        tx.execute("DELETE FROM watch_rules WHERE name = ?1", [&rule.name]).map_err(sql_err(&path))?;
        let mark: i64 =
            tx.query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| r.get(0)).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM watch_seen WHERE rule = ?1", [&rule.name]).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM watch_counts WHERE rule = ?1", [&rule.name]).map_err(sql_err(&path))?;
        // what the rule must know of the stored events: the keys met (first of a kind) or
        // the matching events a day (windows)
        if !matches!(rule.trigger, Trigger::Every) {
            let mut lo = 0;
            loop {
                let page = new_events(&tx, &path, &rule.filter, lo, mark, false)?;
                let Some(last) = page.last() else { break };
                lo = last.rowid;
                for e in &page {
                    if let Some(k) = seen_key(&rule.trigger, e) {
                        tx.execute(
                            "INSERT OR IGNORE INTO watch_seen (rule, key) VALUES (?1, ?2)",
                            params![rule.name, k],
                        )
                        .map_err(sql_err(&path))?;
                    }
                    if let (Some(d), Trigger::Threshold { .. } | Trigger::Spike { .. }) = (e.day, &rule.trigger) {
                        count_day(&tx, &path, &rule.name, d)?;
                    }
                }
            }
        }
        tx.execute(
            "INSERT INTO watch_rules (name, spec, created, mark, last_fired) VALUES (?1, ?2, ?3, ?4, NULL)",
            params![rule.name, spec, now, mark],
        )
        .map_err(sql_err(&path))?;
        tx.commit().map_err(sql_err(&path))?;
        Ok(exists)
    }

    /// Removes a rule (its alerts stay, for the record); false when there is none by that name.
    pub fn remove_watch_rule(&mut self, name: &str) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql_err(&path))?;
        let n = tx.execute("DELETE FROM watch_rules WHERE name = ?1", [name]).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM watch_seen WHERE rule = ?1", [name]).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM watch_counts WHERE rule = ?1", [name]).map_err(sql_err(&path))?;
        tx.commit().map_err(sql_err(&path))?;
        Ok(n > 0)
    }

    /// The rules, by name.
    pub fn watch_rules(&self) -> Result<Vec<WatchRule>, StoreError> {
        Ok(load_rules(&self.conn, &self.path)?.into_iter().map(|r| r.rule).collect())
    }

    /// The rules, by name, with when they were added, their last window alert and their
    /// number of alerts.
    pub fn watch_rule_infos(&self) -> Result<Vec<WatchRuleInfo>, StoreError> {
        self.rule_infos(None)
    }

    /// One rule with what the store knows of it.
    pub fn watch_rule_info(&self, name: &str) -> Result<Option<WatchRuleInfo>, StoreError> {
        Ok(self.rule_infos(Some(name))?.pop())
    }

    fn rule_infos(&self, name: Option<&str>) -> Result<Vec<WatchRuleInfo>, StoreError> {
        let path = &self.path;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT r.name, r.spec, r.created, r.last_fired, (SELECT count(*) FROM alerts a WHERE a.rule = r.name)
                 FROM watch_rules r WHERE ?1 IS NULL OR r.name = ?1 ORDER BY r.name",
            )
            .map_err(sql_err(path))?;
        let rows = st
            .query_map([name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .map_err(sql_err(path))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, spec, created, last, alerts) = row.map_err(sql_err(path))?;
            let rule: WatchRule = serde_json::from_str(&spec).map_err(|e| StoreError::Corrupt {
                path: path.to_string(),
                article: format!("(watch rule {name})"),
                what: "rule".into(),
                detail: e.to_string(),
            })?;
            out.push(WatchRuleInfo {
                rule,
                created,
                last_fired: last.and_then(|d| d.parse().ok()),
                alerts: u64::try_from(alerts).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Evaluates every rule on the events stored since it last looked; returns the alerts
    /// made (state `pending`), in order. One transaction: alerts and the rules' marks move
    /// together.
    pub fn evaluate_watches(&mut self, now: i64) -> Result<Vec<AlertRow>, StoreError> {
        let path = self.path.clone();
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql_err(&path))?;
        let hi: i64 =
            tx.query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| r.get(0)).map_err(sql_err(&path))?;
        let mut made = Vec::new();
        for state in load_rules(&tx, &path)? {
            if state.mark >= hi {
                continue;
            }
            let last_fired = evaluate_rule(&tx, &path, &state, hi, now, &mut made, usize::MAX)?;
            tx.execute(
                "UPDATE watch_rules SET mark = ?2, last_fired = ?3 WHERE name = ?1",
                params![state.rule.name, hi, last_fired.map(|d| d.to_string())],
            )
            .map_err(sql_err(&path))?;
        }
        tx.commit().map_err(sql_err(&path))?;
        Ok(made)
    }

    /// What `rule` would have alerted on over every stored event, as if it had been there
    /// from the start; nothing is written.
    pub fn test_watch_rule(&mut self, rule: &WatchRule, now: i64) -> Result<Vec<AlertRow>, StoreError> {
        self.test_watch_rule_at_most(rule, now, usize::MAX)
    }

    /// [`Store::test_watch_rule`] stopped at `max` alerts (the first ones, in the order the
    /// rule would have made them): at most `max` are held in memory.
    pub fn test_watch_rule_at_most(
        &mut self,
        rule: &WatchRule,
        now: i64,
        max: usize,
    ) -> Result<Vec<AlertRow>, StoreError> {
        let path = self.path.clone();
        check_rule(&path, rule)?;
        let tx = self.conn.transaction().map_err(sql_err(&path))?;
        let hi: i64 =
            tx.query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| r.get(0)).map_err(sql_err(&path))?;
        let mut probe = rule.clone();
        probe.name = format!("\u{1}test\u{1}{}", rule.name);
        tx.execute("DELETE FROM watch_seen WHERE rule = ?1", [&probe.name]).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM alerts WHERE rule = ?1", [&probe.name]).map_err(sql_err(&path))?;
        tx.execute("DELETE FROM watch_counts WHERE rule = ?1", [&probe.name]).map_err(sql_err(&path))?;
        let state = RuleState { rule: probe, mark: 0, last_fired: None };
        let mut made = Vec::new();
        evaluate_rule(&tx, &path, &state, hi, now, &mut made, max)?;
        drop(tx); // rolled back
        for a in &mut made {
            a.rule = rule.name.clone();
            if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&a.body) {
                v["rule"] = json!(rule.name);
                a.body = v.to_string();
            }
        }
        Ok(made)
    }

    /// Alerts, newest first.
    pub fn alerts(&self, q: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
        let mut sql = format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(r) = &q.rule {
            args.push(Value::Text(r.clone()));
            sql.push_str(&format!(" AND rule = ?{}", args.len()));
        }
        if q.pending_only {
            sql.push_str(" AND state = 'pending'");
        }
        if let Some(b) = q.before {
            args.push(Value::Integer(b));
            sql.push_str(&format!(" AND id < ?{}", args.len()));
        }
        sql.push_str(" ORDER BY id DESC");
        if let Some(l) = q.limit {
            args.push(Value::Integer(i64::try_from(l).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        let mut st = self.conn.prepare_cached(&sql).map_err(sql_err(&self.path))?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), alert_row).map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Pending alerts whose next delivery attempt is due at `now`, oldest first.
    pub fn alerts_due(&self, now: i64, limit: usize) -> Result<Vec<AlertRow>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ALERT_COLUMNS} FROM alerts WHERE state = 'pending' AND next_attempt <= ?1 ORDER BY id LIMIT ?2"
            ))
            .map_err(sql_err(&self.path))?;
        let rows = st
            .query_map(params![now, i64::try_from(limit).unwrap_or(i64::MAX)], alert_row)
            .map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Records a delivered alert.
    pub fn alert_sent(&mut self, id: i64, now: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE alerts SET state = 'sent', sent = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1",
                params![id, now],
            )
            .map_err(sql_err(&self.path))?;
        Ok(())
    }

    /// Records a failed delivery; the alert stays pending, due again at `next_attempt`.
    pub fn alert_failed(&mut self, id: i64, error: &str, next_attempt: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE alerts SET attempts = attempts + 1, last_error = ?2, next_attempt = ?3 WHERE id = ?1",
                params![id, error, next_attempt],
            )
            .map_err(sql_err(&self.path))?;
        Ok(())
    }
}

fn check_rule(path: &str, rule: &WatchRule) -> Result<(), StoreError> {
    rule.check().map_err(|p| rule_error(path, format!("watch rule {:?}: {p}", rule.name)))
}

fn load_rules(conn: &rusqlite::Connection, path: &str) -> Result<Vec<RuleState>, StoreError> {
    let mut st = conn
        .prepare_cached("SELECT name, spec, mark, last_fired FROM watch_rules ORDER BY name")
        .map_err(sql_err(path))?;
    let rows = st
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, Option<String>>(3)?))
        })
        .map_err(sql_err(path))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, spec, mark, last) = row.map_err(sql_err(path))?;
        let rule: WatchRule = serde_json::from_str(&spec).map_err(|e| StoreError::Corrupt {
            path: path.to_string(),
            article: format!("(watch rule {name})"),
            what: "rule".into(),
            detail: e.to_string(),
        })?;
        out.push(RuleState { rule, mark, last_fired: last.and_then(|d| d.parse().ok()) });
    }
    Ok(out)
}

/// New events matching `filter` with rowid in `(lo, hi]`, at most [`PAGE`], by rowid. The
/// events table is read by rowid range only (`NOT INDEXED`, events first), whatever indexes
/// the filter could use: the cost is that of the new events.
/// The query of [`new_events`] and its arguments; `None` when the filter matches nothing.
/// With `full`, the records, their articles and stories too (what alerts carry); without,
/// only what triggers read (window rules).
fn new_events_sql(
    filter: &WatchFilter,
    lo: i64,
    hi: i64,
    full: bool,
    first_article: i64,
) -> Option<(String, Vec<Value>)> {
    let mut sql = String::from(if full {
        "SELECT e.rowid, e.event_id, e.actor_country, e.place_key, e.place_country, e.date_start, e.record,
                a.id, a.date, a.title, a.url, s.story_id
         FROM events AS e NOT INDEXED CROSS JOIN articles a ON a.rowid = e.article
         LEFT JOIN event_stories s ON s.event_id = e.event_id
         WHERE e.rowid > ?1 AND e.rowid <= ?2"
    } else {
        "SELECT e.rowid, e.event_id, e.actor_country, e.place_key, e.place_country, e.date_start, NULL,
                NULL, NULL, NULL, NULL, NULL
         FROM events AS e NOT INDEXED
         WHERE e.rowid > ?1 AND e.rowid <= ?2"
    });
    let mut args = vec![Value::Integer(lo), Value::Integer(hi)];
    if !filter_clauses(&filter.event_filter(), TextMatch::From(first_article), &mut sql, &mut args) {
        return None;
    }
    args.push(Value::Integer(PAGE));
    sql.push_str(&format!(" ORDER BY e.rowid LIMIT ?{}", args.len()));
    Some((sql, args))
}

fn new_events(
    tx: &Transaction<'_>,
    path: &str,
    filter: &WatchFilter,
    lo: i64,
    hi: i64,
    full: bool,
) -> Result<Vec<NewEvent>, StoreError> {
    // the first article of the new events: a text filter asks FTS5 about the articles from it on
    let first_article: i64 = tx
        .prepare_cached("SELECT coalesce(min(article), 0) FROM events WHERE rowid > ?1 AND rowid <= ?2")
        .and_then(|mut st| st.query_row(params![lo, hi], |r| r.get(0)))
        .map_err(sql_err(path))?;
    let Some((sql, args)) = new_events_sql(filter, lo, hi, full, first_article) else { return Ok(Vec::new()) };
    let mut st = tx.prepare_cached(&sql).map_err(sql_err(path))?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter())).map_err(sql_err(path))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(sql_err(path))? {
        let g = |e| sql_err(path)(e);
        let record = match r.get_ref(6).map_err(g).map(crate::codec::json_text)? {
            Some(rec) => Some((
                rec,
                [
                    r.get::<_, Option<String>>(7).map_err(g)?,
                    r.get::<_, Option<String>>(8).map_err(g)?,
                    r.get::<_, Option<String>>(9).map_err(g)?,
                    r.get::<_, Option<String>>(10).map_err(g)?,
                ],
            )),
            None => None,
        };
        let place_key: Option<String> = r.get(3).map_err(g)?;
        let place_country: Option<String> = r.get(4).map_err(g)?;
        let day: Option<String> = r.get(5).map_err(g)?;
        out.push(NewEvent {
            rowid: r.get(0).map_err(g)?,
            event_id: r.get(1).map_err(g)?,
            actor: r.get::<_, Option<String>>(2).map_err(g)?.filter(|s| !s.is_empty()),
            place: place_key
                .filter(|s| !s.is_empty())
                .or(place_country.filter(|s| !s.is_empty()).map(|c| c.to_uppercase())),
            day: day.and_then(|d| d.parse().ok()),
            record,
            story: r.get(11).map_err(g)?,
        });
    }
    Ok(out)
}

/// One more matching event on `day` for a window rule.
fn count_day(tx: &Transaction<'_>, path: &str, rule: &str, day: NaiveDate) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO watch_counts (rule, day, n) VALUES (?1, ?2, 1) ON CONFLICT (rule, day) DO UPDATE SET n = n + 1",
    )
    .and_then(|mut st| st.execute(params![rule, day.to_string()]))
    .map_err(sql_err(path))?;
    Ok(())
}

fn seen_key(trigger: &Trigger, e: &NewEvent) -> Option<String> {
    match trigger {
        Trigger::NewActor => e.actor.as_ref().map(|a| format!("actor:{}", a.to_uppercase())),
        Trigger::NewPlace => e.place.as_ref().map(|p| format!("place:{p}")),
        _ => None,
    }
}

/// Matching events with a day in `from..=to`: their number, and the first [`ALERT_EVENTS`].
fn window(
    tx: &Transaction<'_>,
    path: &str,
    rule: &WatchRule,
    from: NaiveDate,
    to: NaiveDate,
    with_events: bool,
) -> Result<(u64, Vec<serde_json::Value>, Option<String>), StoreError> {
    // the rule's day counts: one row a day of the window, whatever the size of the store
    let n: i64 = tx
        .prepare_cached("SELECT coalesce(sum(n), 0) FROM watch_counts WHERE rule = ?1 AND day >= ?2 AND day <= ?3")
        .and_then(|mut st| st.query_row(params![rule.name, from.to_string(), to.to_string()], |r| r.get(0)))
        .map_err(sql_err(path))?;
    let filter = &rule.filter;
    let mut events = Vec::new();
    let mut story = None;
    if with_events && n > 0 {
        let mut sql = String::from(
            "SELECT e.record, a.id, a.date, a.title, a.url, s.story_id FROM events e INDEXED BY events_date_start
             CROSS JOIN articles a ON a.rowid = e.article
             LEFT JOIN event_stories s ON s.event_id = e.event_id WHERE e.date_start >= ?1 AND e.date_start <= ?2",
        );
        let mut args = vec![Value::Text(from.to_string()), Value::Text(to.to_string())];
        filter_clauses(&filter.event_filter(), TextMatch::PerRow, &mut sql, &mut args);
        // in index order (day, then rowid): the scan stops at the 20th match
        sql.push_str(&format!(" ORDER BY e.date_start LIMIT {ALERT_EVENTS}"));
        let mut st = tx.prepare_cached(&sql).map_err(sql_err(path))?;
        let mut rows = st.query(rusqlite::params_from_iter(args.iter())).map_err(sql_err(path))?;
        while let Some(r) = rows.next().map_err(sql_err(path))? {
            let g = |e| sql_err(path)(e);
            let json = r.get_ref(0).map_err(g).map(crate::codec::json_text)?.unwrap_or_default();
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "article".into(),
                    json!({"id": r.get::<_, String>(1).map_err(g)?, "date": r.get::<_, Option<String>>(2).map_err(g)?,
                           "title": r.get::<_, Option<String>>(3).map_err(g)?, "url": r.get::<_, Option<String>>(4).map_err(g)?}),
                );
            }
            if story.is_none() {
                story = r.get::<_, Option<String>>(5).map_err(g)?;
            }
            events.push(v);
        }
    }
    Ok((u64::try_from(n).unwrap_or(0), events, story))
}

/// One rule over the events in `(mark, hi]`; pushes the alerts made; returns the rule's
/// new `last_fired`. Stops once `made` holds `cap` alerts (a dry run's bound; evaluation
/// proper passes `usize::MAX`).
fn evaluate_rule(
    tx: &Transaction<'_>,
    path: &str,
    state: &RuleState,
    hi: i64,
    now: i64,
    made: &mut Vec<AlertRow>,
    cap: usize,
) -> Result<Option<NaiveDate>, StoreError> {
    let rule = &state.rule;
    let mut last_fired = state.last_fired;
    let mut days = std::collections::BTreeSet::new();
    let mut lo = state.mark;
    while made.len() < cap {
        let full = matches!(rule.trigger, Trigger::Every | Trigger::NewActor | Trigger::NewPlace);
        let page = new_events(tx, path, &rule.filter, lo, hi, full)?;
        let Some(last) = page.last() else { break };
        lo = last.rowid;
        for e in &page {
            if made.len() >= cap {
                break;
            }
            match &rule.trigger {
                Trigger::Every => {
                    let json = e.json();
                    let summary = event_summary(&json);
                    let body = alert_body(rule, &e.event_id, &summary, vec![json], 1, e.story.as_deref(), now);
                    insert_alert(tx, path, rule, &e.event_id, e.story.as_deref(), &body, now, made)?;
                }
                Trigger::NewActor | Trigger::NewPlace => {
                    let Some(key) = seen_key(&rule.trigger, e) else { continue };
                    let fresh = tx
                        .execute(
                            "INSERT OR IGNORE INTO watch_seen (rule, key) VALUES (?1, ?2)",
                            params![rule.name, key],
                        )
                        .map_err(sql_err(path))?
                        > 0;
                    if fresh {
                        let (what, value) = key.split_once(':').unwrap_or(("", ""));
                        let json = e.json();
                        let summary = format!(
                            "first matching event {} {value}: {}",
                            if what == "actor" { "of actor" } else { "at" },
                            event_summary(&json)
                        );
                        let body = alert_body(rule, &key, &summary, vec![json], 1, e.story.as_deref(), now);
                        insert_alert(tx, path, rule, &key, e.story.as_deref(), &body, now, made)?;
                    }
                }
                Trigger::Threshold { .. } | Trigger::Spike { .. } => {
                    if let Some(d) = e.day {
                        count_day(tx, path, &rule.name, d)?;
                        days.insert(d);
                    }
                }
            }
        }
    }
    for day in days {
        if made.len() >= cap {
            break;
        }
        let (window_days, cooled) = match &rule.trigger {
            Trigger::Threshold { window_days, .. } | Trigger::Spike { window_days, .. } => {
                let w = i64::from(*window_days);
                (w, last_fired.is_none_or(|f| (day - f).num_days().abs() >= w))
            }
            _ => continue,
        };
        if !cooled {
            continue;
        }
        let from = day - chrono::Days::new(u64::try_from(window_days - 1).unwrap_or(0));
        let (count, _, _) = window(tx, path, rule, from, day, false)?;
        let fired = match &rule.trigger {
            Trigger::Threshold { count: n, window_days } => (count >= u64::from(*n)).then(|| {
                format!("{count} matching events from {from} to {day} (threshold {n} in {window_days} day(s))")
            }),
            Trigger::Spike { factor, window_days, baseline_days, min_count } => {
                let b_to = from.pred_opt().unwrap_or(from);
                let b_from = from - chrono::Days::new(u64::from(*baseline_days));
                let (base, _, _) = window(tx, path, rule, b_from, b_to, false)?;
                let expected = base as f64 * f64::from(*window_days) / f64::from(*baseline_days);
                let enough = count >= u64::from(*min_count).max(1);
                let above = count as f64 >= factor * expected && (expected > 0.0 || count > 0);
                (enough && above).then(|| {
                    format!(
                        "{count} matching events from {from} to {day}, against {expected:.2} expected from the {baseline_days} days before ({:.1}x, spike at {factor}x)",
                        if expected > 0.0 { count as f64 / expected } else { f64::INFINITY }
                    )
                })
            }
            _ => None,
        };
        let key = format!("{}:{day}", rule.trigger.name());
        let exists = tx
            .prepare_cached("SELECT 1 FROM alerts WHERE rule = ?1 AND key = ?2")
            .and_then(|mut st| st.exists(params![rule.name, key]))
            .map_err(sql_err(path))?;
        if exists {
            // this window alerted already (events of an old day arriving late)
            continue;
        }
        if let Some(summary) = fired {
            let (_, events, story) = window(tx, path, rule, from, day, true)?;
            let body = alert_body(rule, &key, &summary, events, count, story.as_deref(), now);
            insert_alert(tx, path, rule, &key, story.as_deref(), &body, now, made)?;
            last_fired = Some(day);
        }
    }
    Ok(last_fired)
}

#[allow(clippy::too_many_arguments)]
fn insert_alert(
    tx: &Transaction<'_>,
    path: &str,
    rule: &WatchRule,
    key: &str,
    story: Option<&str>,
    body: &serde_json::Value,
    now: i64,
    made: &mut Vec<AlertRow>,
) -> Result<(), StoreError> {
    let body = body.to_string();
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO alerts (rule, key, created, kind, story_id, body, notify, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')",
        )
        .and_then(|mut st| st.execute(params![rule.name, key, now, rule.trigger.name(), story, body, rule.notify]))
        .map_err(sql_err(path))?;
    if n > 0 {
        let id = tx.last_insert_rowid();
        let row = tx
            .query_row(&format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = ?1"), [id], alert_row)
            .optional()
            .map_err(sql_err(path))?;
        made.extend(row);
    }
    Ok(())
}

fn alert_body(
    rule: &WatchRule,
    key: &str,
    summary: &str,
    events: Vec<serde_json::Value>,
    count: u64,
    story: Option<&str>,
    now: i64,
) -> serde_json::Value {
    json!({
        "rule": rule.name,
        "kind": rule.trigger.name(),
        "key": key,
        "summary": summary,
        "created": now,
        "filter": rule.filter,
        "trigger": rule.trigger,
        "event_count": count,
        "events": events,
        "story": story,
    })
}

/// `PROTEST NER->FRA at Niamey on 2024-03-16: "title"`.
fn event_summary(e: &serde_json::Value) -> String {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let who = |k: &str| s(&e[k]["country"]).or_else(|| s(&e[k]["text"])).unwrap_or_else(|| "-".into());
    let mut out = format!("{} {}->{}", s(&e["type"]).unwrap_or_default(), who("actor"), who("recipient"));
    if let Some(p) = s(&e["location"]["name"]) {
        out.push_str(&format!(" at {p}"));
    }
    if let Some(d) = s(&e["date"]["value"]) {
        out.push_str(&format!(" on {d}"));
    }
    if let Some(t) = s(&e["article"]["title"]) {
        out.push_str(&format!(": {t:?}"));
    }
    out
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
