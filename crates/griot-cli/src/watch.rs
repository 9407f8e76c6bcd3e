//! `griot watch add|list|remove|test|alerts|deliver`, and the evaluation of the rules after
//! `ingest` and each `follow` round, with the delivery of their alerts.
//!
//! Rules and alerts live in the store (`griot_store::watch`): an alert is made once and kept
//! `pending` until it is delivered. Delivery: `stdout` (one JSON object a line), `file:PATH`
//! (appended, one JSON object a line) or `webhook:URL` (HTTP POST of the JSON object, headers
//! `X-Griot-Alert` with the alert id, for receivers to drop a repeat, and with
//! `--secret-env VAR` `X-Griot-Signature: sha256=HEX`, the HMAC-SHA256 of the body keyed by
//! that variable's value). A delivery that fails is tried [`TRIES`] times with a doubling wait,
//! then left pending with its error and a next attempt after 1 min, 2, 4, ... up to an hour;
//! later runs (`ingest`, `follow`, `watch deliver`) deliver it then. An alert reached by a
//! webhook whose answer was lost may be sent again: the id says it is the same.

use std::io::Write;
use std::time::Duration;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use griot_ingest::fetch::{FetchConfig, Fetcher, Url};
use griot_store::watch::{AlertQuery, AlertRow, RuleProblem, Trigger, WatchFilter, WatchRule};
use griot_store::Store;
use sha2::{Digest, Sha256};

use crate::follow::parse_interval;
use crate::safe::one_line;
use crate::{clock, usage, Context_};

/// Delivery tries within one run before an alert is left pending.
pub const TRIES: u32 = 3;

#[derive(Subcommand)]
pub enum WatchCommand {
    /// Add a rule: a filter (as for `griot events`) and a trigger (default: every event).
    Add(AddArgs),
    /// List the rules.
    List,
    /// Remove a rule (its alerts are kept).
    Remove { name: String },
    /// What a rule would alert on over the events already stored (nothing is written or sent).
    Test {
        name: String,
        #[arg(long, value_enum, default_value_t = AlertFormat::Text)]
        format: AlertFormat,
    },
    /// List alerts, newest first.
    Alerts(AlertsArgs),
    /// Deliver the pending alerts now (also those whose next try has not come).
    Deliver,
}

#[derive(Args)]
pub struct AddArgs {
    /// Rule name.
    pub name: String,
    /// Actor country or IGO code (e.g. NER, or NERMIL with a sector).
    #[arg(long)]
    pub actor: Option<String>,
    /// Recipient code.
    #[arg(long)]
    pub recipient: Option<String>,
    /// PLOVER event type (e.g. PROTEST).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_date)]
    pub since: Option<NaiveDate>,
    /// Events on or before this date.
    #[arg(long, value_parser = crate::parse_date)]
    pub until: Option<NaiveDate>,
    /// Place name or country code of the event location.
    #[arg(long)]
    pub place: Option<String>,
    /// Words the article must contain.
    #[arg(long)]
    pub text: Option<String>,
    /// Alert when at least N matching events fall in --window (with --spike: the least count
    /// that can be a spike, default 3).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub threshold: Option<u32>,
    /// Window of --threshold and --spike, in days of the events' dates (24h, 7d; default 1d).
    #[arg(long, value_parser = parse_interval)]
    pub window: Option<Duration>,
    /// Alert when the window's count is X times its average over --baseline.
    #[arg(long)]
    pub spike: Option<f64>,
    /// Baseline of --spike: the days before the window (default 30d).
    #[arg(long, value_parser = parse_interval)]
    pub baseline: Option<Duration>,
    /// Alert on the first matching event of each actor (country or IGO).
    #[arg(long)]
    pub new_actor: bool,
    /// Alert on the first matching event at each place.
    #[arg(long)]
    pub new_place: bool,
    /// Where alerts go: stdout, file:PATH or webhook:URL.
    #[arg(long, default_value = "stdout")]
    pub notify: String,
    /// Environment variable holding the key of the webhook's HMAC-SHA256 signature.
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
}

#[derive(Args)]
pub struct AlertsArgs {
    /// Only alerts not delivered yet.
    #[arg(long)]
    pub pending: bool,
    /// Only this rule's alerts.
    #[arg(long)]
    pub rule: Option<String>,
    /// At most N alerts (default 50, 0 for all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = AlertFormat::Text)]
    pub format: AlertFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum AlertFormat {
    Text,
    Jsonl,
}

/// Days of a window, rounded up (event dates are days).
fn days(d: Duration) -> u32 {
    u32::try_from(d.as_secs().div_ceil(86400).max(1)).unwrap_or(u32::MAX)
}

fn rule_of(ctx: &Context_, store: &Store, a: &AddArgs) -> Result<WatchRule> {
    crate::check_range(a.since, a.until)?;
    let kinds = [a.threshold.is_some() && a.spike.is_none(), a.spike.is_some(), a.new_actor, a.new_place];
    if kinds.iter().filter(|k| **k).count() > 1 {
        return Err(usage("choose one trigger: --threshold N, --spike X (with --threshold as its least count), --new-actor or --new-place"));
    }
    if a.window.is_some() && a.threshold.is_none() && a.spike.is_none() {
        return Err(usage("--window goes with --threshold or --spike"));
    }
    if a.baseline.is_some() && a.spike.is_none() {
        return Err(usage("--baseline goes with --spike"));
    }
    let window_days = a.window.map(days).unwrap_or(1);
    let trigger = if let Some(x) = a.spike {
        if !(x.is_finite() && x > 0.0) {
            return Err(usage(format!("--spike {x}: a factor above 0, such as 3")));
        }
        Trigger::Spike {
            factor: x,
            window_days,
            baseline_days: a.baseline.map(days).unwrap_or(30),
            min_count: a.threshold.unwrap_or(3),
        }
    } else if let Some(n) = a.threshold {
        Trigger::Threshold { count: n, window_days }
    } else if a.new_actor {
        Trigger::NewActor
    } else if a.new_place {
        Trigger::NewPlace
    } else {
        Trigger::Every
    };
    let rule = WatchRule {
        name: a.name.clone(),
        filter: WatchFilter {
            actor: a.actor.clone(),
            recipient: a.recipient.clone(),
            event_type: a.event_type.clone(),
            since: a.since,
            until: a.until,
            place: a.place.clone(),
            text: a.text.clone(),
        },
        trigger,
        notify: a.notify.clone(),
        secret_env: a.secret_env.clone(),
    };
    check_rule(ctx, store, rule, Names::Flags).map_err(|p| usage(p.message))
}

/// How [`check_rule`] names fields in its messages: as `griot watch add` flags or as the
/// fields of the API's rule object.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Names {
    Flags,
    Fields,
}

impl Names {
    fn name(self, field: &str) -> String {
        match self {
            Names::Fields => field.to_string(),
            Names::Flags => {
                let flag = match field {
                    "name" => return "the rule name".into(),
                    "filter.event_type" => "type",
                    "trigger.count" | "trigger.min_count" => "threshold",
                    "trigger.window_days" => "window",
                    "trigger.baseline_days" => "baseline",
                    "trigger.factor" => "spike",
                    f => f.rsplit('.').next().unwrap_or(f),
                };
                format!("--{}", flag.replace('_', "-"))
            }
        }
    }
}

/// The checks of a rule that `griot watch add` and `griot serve` (`/api/v1/rules`) share:
/// actor codes griot knows (stored events or the lexicon), a PLOVER event type, a webhook URL
/// griot can post to, then the store's own checks ([`WatchRule::check`]). Returns the rule
/// normalised (codes and type upper-cased); a problem names its field.
pub(crate) fn check_rule(ctx: &Context_, store: &Store, mut rule: WatchRule, names: Names) -> Result<WatchRule, RuleProblem> {
    let f = &mut rule.filter;
    for (field, code) in [("filter.actor", &mut f.actor), ("filter.recipient", &mut f.recipient)] {
        if let Some(c) = code.as_deref() {
            let label = names.name(field);
            *code = Some(crate::check_actor(ctx, store, &label, c).map_err(|e| RuleProblem::new(field, e.to_string()))?);
        }
    }
    if let Some(t) = &f.event_type {
        let up = t.trim().to_uppercase();
        if !griot_code::rules::TYPES.iter().any(|(name, _)| *name == up) {
            let types: Vec<&str> = griot_code::rules::TYPES.iter().map(|(n, _)| *n).collect();
            return Err(RuleProblem::new(
                "filter.event_type",
                format!("{} {:?} is not a PLOVER event type; the types are {}", names.name("filter.event_type"), one_line(t), types.join(", ")),
            ));
        }
        f.event_type = Some(up);
    }
    let notify = names.name("notify");
    if let Some(u) = rule.notify.strip_prefix("webhook:") {
        Url::parse(u).map_err(|e| RuleProblem::new("notify", format!("{notify} webhook:URL: {}", one_line(&e))))?;
    } else if rule.notify != "stdout" && !rule.notify.starts_with("file:") {
        return Err(RuleProblem::new(
            "notify",
            format!("{notify} {:?}: stdout, file:PATH or webhook:URL", one_line(&rule.notify)),
        ));
    }
    if rule.secret_env.is_some() && !rule.notify.starts_with("webhook:") {
        return Err(RuleProblem::new(
            "secret_env",
            format!("{} signs webhooks: give {notify} webhook:URL", names.name("secret_env")),
        ));
    }
    rule.check().map_err(|p| {
        let message = format!("{} {}", names.name(&p.field), p.message);
        RuleProblem { field: p.field, message }
    })?;
    Ok(rule)
}

pub fn cmd_watch(ctx: &Context_, c: &WatchCommand) -> Result<u8> {
    match c {
        WatchCommand::Add(a) => {
            let mut store = crate::open_store(&ctx.db)?;
            let rule = rule_of(ctx, &store, a)?;
            store.add_watch_rule(&rule, clock::now())?;
            eprintln!(
                "griot: watch rule {:?} added: {}, notify {}",
                one_line(&rule.name),
                rule.trigger.describe(),
                one_line(&rule.notify)
            );
            Ok(0)
        }
        WatchCommand::List => {
            let store = crate::open_read(&ctx.db)?;
            let rules = store.watch_rules()?;
            let mut out = crate::safe::Terminal::new(std::io::BufWriter::new(std::io::stdout().lock()));
            if rules.is_empty() {
                writeln!(out, "no watch rules (add one with `griot watch add NAME --type PROTEST ...`)")?;
            }
            for r in &rules {
                writeln!(out, "{}\t{}\t{}\t{}", r.name, filter_text(&r.filter), r.trigger.describe(), r.notify)?;
            }
            out.flush()?;
            Ok(0)
        }
        WatchCommand::Remove { name } => {
            let mut store = crate::open_store(&ctx.db)?;
            if store.remove_watch_rule(name)? {
                eprintln!("griot: watch rule {:?} removed", one_line(name));
                Ok(0)
            } else {
                bail!("no watch rule named {:?} (see `griot watch list`)", one_line(name))
            }
        }
        WatchCommand::Test { name, format } => {
            drop(crate::open_read(&ctx.db)?); // a missing database is an error, not created
            let mut store = crate::open_store(&ctx.db)?;
            let Some(rule) = store.watch_rules()?.into_iter().find(|r| &r.name == name) else {
                bail!("no watch rule named {:?} (see `griot watch list`)", one_line(name))
            };
            let alerts = store.test_watch_rule(&rule, clock::now())?;
            write_alerts(&alerts, *format)?;
            eprintln!(
                "griot: rule {:?} would have made {} alerts over the stored events",
                one_line(name),
                alerts.len()
            );
            Ok(0)
        }
        WatchCommand::Alerts(a) => {
            let store = crate::open_read(&ctx.db)?;
            let q = AlertQuery {
                rule: a.rule.clone(),
                pending_only: a.pending,
                before: None,
                limit: (a.limit > 0).then_some(a.limit),
            };
            write_alerts(&store.alerts(&q)?, a.format)?;
            Ok(0)
        }
        WatchCommand::Deliver => {
            let mut store = crate::open_store(&ctx.db)?;
            let fetcher = Fetcher::new(FetchConfig::default());
            let d = deliver(&mut store, &fetcher, clock::now(), true)?;
            eprintln!("griot: {} alerts delivered, {} pending", d.delivered, d.pending);
            Ok(if d.pending > 0 { crate::EXIT_SKIPPED } else { 0 })
        }
    }
}

fn filter_text(f: &WatchFilter) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("actor", &f.actor),
        ("recipient", &f.recipient),
        ("type", &f.event_type),
        ("place", &f.place),
        ("text", &f.text),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    if let Some(d) = f.since {
        parts.push(format!("since={d}"));
    }
    if let Some(d) = f.until {
        parts.push(format!("until={d}"));
    }
    if parts.is_empty() {
        "(every event)".into()
    } else {
        parts.join(" ")
    }
}

fn write_alerts(alerts: &[AlertRow], format: AlertFormat) -> Result<()> {
    let stdout = std::io::stdout();
    match format {
        AlertFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(stdout.lock());
            for a in alerts {
                serde_json::to_writer(&mut out, &a.json())?;
                writeln!(out)?;
            }
            out.flush()?;
        }
        AlertFormat::Text => {
            let mut out = crate::safe::Terminal::new(std::io::BufWriter::new(stdout.lock()));
            for a in alerts {
                let summary = a.json()["summary"].as_str().unwrap_or("").to_string();
                let state = match (&a.state[..], &a.last_error) {
                    ("pending", Some(e)) => format!("pending ({} tries; {})", a.attempts, e),
                    (s, _) => s.to_string(),
                };
                writeln!(out, "#{} {} [{}] {} -> {} {}", a.id, a.rule, a.kind, summary, a.notify, state)?;
            }
            out.flush()?;
        }
    }
    Ok(())
}

/// What evaluation and delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WatchTotals {
    pub made: usize,
    pub delivered: usize,
    pub pending: usize,
}

/// Evaluates the rules on what was just stored and delivers the alerts that are due.
pub fn evaluate_and_deliver(store: &mut Store, fetcher: &Fetcher, now: i64) -> Result<WatchTotals> {
    let made = store.evaluate_watches(now)?.len();
    let d = deliver(store, fetcher, now, false)?;
    Ok(WatchTotals { made, ..d })
}

/// After `griot ingest`: the same, with a fetcher made only when there are rules.
pub fn after_ingest(store: &mut Store) -> Result<WatchTotals> {
    if store.watch_rules()?.is_empty()
        && store.alerts(&AlertQuery { pending_only: true, limit: Some(1), ..Default::default() })?.is_empty()
    {
        return Ok(WatchTotals::default());
    }
    let fetcher = Fetcher::new(FetchConfig::default());
    evaluate_and_deliver(store, &fetcher, clock::now())
}

/// Delivers pending alerts (those due at `now`, or all with `all`), oldest first. A webhook
/// that fails is not tried again in this run for the alerts after it.
pub fn deliver(store: &mut Store, fetcher: &Fetcher, now: i64, all: bool) -> Result<WatchTotals> {
    let due = store.alerts_due(if all { i64::MAX } else { now }, 10_000)?;
    let secrets: Vec<(String, Option<String>)> =
        store.watch_rules()?.into_iter().map(|r| (r.name, r.secret_env)).collect();
    let mut totals = WatchTotals::default();
    let mut down: std::collections::HashSet<String> = std::collections::HashSet::new();
    let stdout = std::io::stdout();
    for alert in due {
        if down.contains(&alert.notify) {
            totals.pending += 1;
            continue;
        }
        let body = alert.json().to_string();
        let secret_env = secrets.iter().find(|(n, _)| *n == alert.rule).and_then(|(_, s)| s.clone());
        let result = send(&alert, &body, secret_env.as_deref(), fetcher, &stdout);
        match result {
            Ok(()) => {
                store.alert_sent(alert.id, now)?;
                totals.delivered += 1;
            }
            Err(why) => {
                let wait = (60i64 << alert.attempts.clamp(0, 6)).min(3600);
                store.alert_failed(alert.id, &why, now + wait)?;
                totals.pending += 1;
                down.insert(alert.notify.clone());
                eprintln!(
                    "griot: alert {} (rule {}) not delivered to {}: {}; it stays pending, next try in {}s or with `griot watch deliver`",
                    alert.id,
                    one_line(&alert.rule),
                    one_line(&alert.notify),
                    one_line(&why),
                    wait
                );
            }
        }
    }
    Ok(totals)
}

fn send(
    alert: &AlertRow,
    body: &str,
    secret_env: Option<&str>,
    fetcher: &Fetcher,
    stdout: &std::io::Stdout,
) -> Result<(), String> {
    let n = alert.notify.as_str();
    if n == "stdout" {
        let mut out = stdout.lock();
        return writeln!(out, "{body}").and_then(|_| out.flush()).map_err(|e| format!("cannot write to stdout: {e}"));
    }
    if let Some(path) = n.strip_prefix("file:") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot open {path}: {e}"))?;
        return f
            .write_all(format!("{body}\n").as_bytes())
            .and_then(|_| f.sync_data())
            .map_err(|e| format!("cannot write {path}: {e}"));
    }
    if let Some(url) = n.strip_prefix("webhook:") {
        let mut headers = vec![("X-Griot-Alert".to_string(), alert.id.to_string())];
        if let Some(var) = secret_env {
            let key = std::env::var(var)
                .map_err(|_| format!("environment variable {var} (the webhook's signing key) is not set"))?;
            headers.push((
                "X-Griot-Signature".to_string(),
                format!("sha256={}", hex(&hmac_sha256(key.as_bytes(), body.as_bytes()))),
            ));
        }
        let mut wait = fetcher.config().retry_base;
        let mut last = String::new();
        for k in 0..TRIES {
            match fetcher.post_json(url, body.as_bytes(), &headers) {
                Ok(_) => return Ok(()),
                Err(e) => {
                    last = e.reason.clone();
                    if !e.transient {
                        break;
                    }
                }
            }
            if k + 1 < TRIES {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2).min(fetcher.config().retry_max);
            }
        }
        return Err(last);
    }
    Err(format!("unknown notify target {n:?}"))
}

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // test case 2
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // test case 6: a key longer than the block
        assert_eq!(
            hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn window_days_round_up() {
        assert_eq!(days(Duration::from_secs(3600)), 1);
        assert_eq!(days(Duration::from_secs(86400)), 1);
        assert_eq!(days(Duration::from_secs(86401)), 2);
        assert_eq!(days(Duration::from_secs(30 * 86400)), 30);
    }
}
