//! Watch-rule management: `/api/v1/rules` (list, create), `/api/v1/rules/{name}` (get,
//! create or replace, delete) and `/api/v1/rules/{name}/test` (a dry run over the stored
//! events). Reads follow the read access of the other endpoints; every write and every dry
//! run needs the token.
//!
//! A rule comes as a JSON object (`name`, `filter`, `trigger`, `notify`, `secret_env`), read
//! here field by field so that every refusal names its field (`filter.actor`,
//! `trigger.window_days`, ...). It then passes, in order, the store's checks
//! ([`WatchRule::check`]), the CLI's ([`crate::Watch::check_rule`]: actor codes the lexicon
//! knows, event types, webhook URLs), and the remote-client policy of [`notify_policy`]:
//! a client may choose `stdout` or a webhook on an origin the server was started with
//! (`--allow-webhook ORIGIN`), never `file:` (the server would write where the client says),
//! and a signing variable only among `GRIOT_WEBHOOK_*` (not any secret of the server's
//! environment).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, StatusCode};
use chrono::NaiveDate;
use griot_store::watch::{RuleProblem, Trigger, WatchFilter, WatchRule, WatchRuleInfo};
use serde_json::{json, Map, Value};

use crate::api::{checked, path_id, Answer, St, State};
use crate::http::{self, json as json_ok, json_status};
use crate::params::ApiError;

/// Largest rule body, in bytes.
pub const MAX_RULE_BODY: usize = 64 * 1024;
/// Rules a store may hold before the API refuses to add more.
pub const MAX_RULES: usize = 1000;
/// The prefix of the environment variables a remote client may name as a webhook's signing
/// key.
pub const SECRET_PREFIX: &str = "GRIOT_WEBHOOK_";

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::bad(field, message)
}

fn problem(p: RuleProblem) -> ApiError {
    let message = if p.message.starts_with(&p.field) {
        p.message
    } else {
        format!("{} {}", p.field, p.message)
    };
    ApiError {
        status: 400,
        code: "bad_parameter",
        message,
        parameter: Some(p.field),
    }
}

/// A string field (`null` or absent is `None`), trimmed.
fn text(obj: &Map<String, Value>, key: &str, field: &str) -> Result<Option<String>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(v) => Err(bad(field, format!("{field} must be a string, got {}", kind_of(v)))),
    }
}

fn date(obj: &Map<String, Value>, key: &str, field: &str) -> Result<Option<NaiveDate>, ApiError> {
    match text(obj, key, field)? {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| bad(field, format!("{field} {s:?} is not a date in YYYY-MM-DD form"))),
    }
}

fn whole(obj: &Map<String, Value>, key: &str, field: &str) -> Result<Option<u32>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()).map(Some).ok_or_else(|| {
            bad(
                field,
                format!("{field} must be a whole number from 0 to {}, got {v}", u32::MAX),
            )
        }),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Refuses keys of `obj` outside `known` (a typo would silently widen a filter).
fn only(obj: &Map<String, Value>, known: &[&str], prefix: &str) -> Result<(), ApiError> {
    match obj.keys().find(|k| !known.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => {
            let field = format!("{prefix}{k}");
            Err(ApiError {
                status: 400,
                code: "unknown_parameter",
                message: format!("unknown field {field:?}; the fields are {}", known.join(", ")),
                parameter: Some(field),
            })
        }
    }
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ApiError> {
    v.as_object()
        .ok_or_else(|| bad(field, format!("{field} must be a JSON object, got {}", kind_of(v))))
}

/// The trigger object: `{"kind": "every" | "threshold" | "spike" | "new-actor" |
/// "new-place", ...}` with the fields of its kind; absent is `every`. Defaults as `griot
/// watch add`: window 1 day, baseline 30 days, a spike's least count 3.
fn trigger(v: Option<&Value>) -> Result<Trigger, ApiError> {
    let v = match v {
        None | Some(Value::Null) => return Ok(Trigger::Every),
        Some(v) => v,
    };
    let o = object(v, "trigger")?;
    let kind = text(o, "kind", "trigger.kind")?.unwrap_or_default();
    let (known, t): (&[&str], Trigger) = match kind.as_str() {
        "every" => (&["kind"], Trigger::Every),
        "new-actor" => (&["kind"], Trigger::NewActor),
        "new-place" => (&["kind"], Trigger::NewPlace),
        "threshold" => (
            &["kind", "count", "window_days"],
            Trigger::Threshold {
                count: whole(o, "count", "trigger.count")?.ok_or_else(|| {
                    bad(
                        "trigger.count",
                        "a threshold trigger needs count (events in the window)",
                    )
                })?,
                window_days: whole(o, "window_days", "trigger.window_days")?.unwrap_or(1),
            },
        ),
        "spike" => (
            &["kind", "factor", "window_days", "baseline_days", "min_count"],
            Trigger::Spike {
                factor: match o.get("factor") {
                    Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
                    None | Some(Value::Null) => {
                        return Err(bad("trigger.factor", "a spike trigger needs factor (such as 3)"))
                    }
                    Some(v) => {
                        return Err(bad(
                            "trigger.factor",
                            format!("trigger.factor must be a number, got {}", kind_of(v)),
                        ))
                    }
                },
                window_days: whole(o, "window_days", "trigger.window_days")?.unwrap_or(1),
                baseline_days: whole(o, "baseline_days", "trigger.baseline_days")?.unwrap_or(30),
                min_count: whole(o, "min_count", "trigger.min_count")?.unwrap_or(3),
            },
        ),
        _ => {
            return Err(bad(
                "trigger.kind",
                format!("trigger.kind {kind:?} is not one of every, threshold, spike, new-actor, new-place"),
            ))
        }
    };
    only(o, known, "trigger.")?;
    Ok(t)
}

/// The rule of a request body. `path_name` is the name in the URL (PUT, test): the body may
/// leave the name out, or must give the same.
pub fn rule_of_body(body: &[u8], path_name: Option<&str>) -> Result<WatchRule, ApiError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| ApiError {
        status: 400,
        code: "bad_body",
        message: format!("the body is not a JSON rule object: {e}"),
        parameter: None,
    })?;
    let o = object(&v, "body")?;
    only(o, &["name", "filter", "trigger", "notify", "secret_env"], "")?;
    let name = match (text(o, "name", "name")?, path_name) {
        (Some(n), Some(p)) if n != p => return Err(bad(
            "name",
            format!(
                "the body names the rule {n:?}, the path {p:?}: a rule is renamed by deleting it and adding it again"
            ),
        )),
        (Some(n), _) => n,
        (None, Some(p)) => p.to_string(),
        (None, None) => return Err(bad("name", "a rule needs a name")),
    };
    let filter = match o.get("filter") {
        None | Some(Value::Null) => WatchFilter::default(),
        Some(f) => {
            let f = object(f, "filter")?;
            only(
                f,
                &["actor", "recipient", "event_type", "since", "until", "place", "text"],
                "filter.",
            )?;
            WatchFilter {
                actor: text(f, "actor", "filter.actor")?.map(|c| c.to_uppercase()),
                recipient: text(f, "recipient", "filter.recipient")?.map(|c| c.to_uppercase()),
                event_type: text(f, "event_type", "filter.event_type")?.map(|t| t.to_uppercase()),
                since: date(f, "since", "filter.since")?,
                until: date(f, "until", "filter.until")?,
                place: text(f, "place", "filter.place")?,
                text: text(f, "text", "filter.text")?,
            }
        }
    };
    let rule = WatchRule {
        name,
        filter,
        trigger: trigger(o.get("trigger"))?,
        notify: text(o, "notify", "notify")?.unwrap_or_else(|| "stdout".into()),
        secret_env: text(o, "secret_env", "secret_env")?,
    };
    rule.check().map_err(problem)?;
    Ok(rule)
}

/// What a remote client may ask the server to do with alerts: print them on the stdout of
/// the griot run that delivers them, or post them to a webhook whose origin the server was
/// started with (`origin_of` is the delivery's own URL parser), signed only with a
/// `GRIOT_WEBHOOK_*` variable. Never a file.
pub fn notify_policy(
    rule: &WatchRule,
    allowed: &[String],
    origin_of: impl Fn(&str) -> Result<String, String>,
) -> Result<(), ApiError> {
    let n = rule.notify.as_str();
    if n.starts_with("file:") {
        return Err(bad(
            "notify",
            "file targets cannot be set over HTTP (the server would write where a client says); use stdout or a webhook, or `griot watch add` on the server's machine",
        ));
    }
    if let Some(url) = n.strip_prefix("webhook:") {
        if allowed.is_empty() {
            return Err(bad(
                "notify",
                "webhooks are disabled on this server: it takes webhook targets only for origins given with --allow-webhook ORIGIN",
            ));
        }
        let authority = url
            .split_once("://")
            .map_or("", |(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""));
        if authority.contains(['@', '\\']) || url.chars().any(|c| c.is_whitespace() || c == '\\') {
            return Err(bad(
                "notify",
                "a webhook URL over HTTP has no user part, backslash or space",
            ));
        }
        let origin = origin_of(url).map_err(|e| bad("notify", format!("notify webhook:URL: {e}")))?;
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&origin)) {
            return Err(bad(
                "notify",
                format!(
                    "webhook origin {origin} is not one this server allows ({})",
                    allowed.join(", ")
                ),
            ));
        }
    } else if n != "stdout" {
        return Err(bad("notify", format!("notify {n:?} is not stdout or webhook:URL")));
    }
    if let Some(v) = &rule.secret_env {
        if !v.starts_with(SECRET_PREFIX) || v.len() == SECRET_PREFIX.len() {
            return Err(bad(
                "secret_env",
                format!("over HTTP, the signing key's variable must be named {SECRET_PREFIX}SOMETHING (not any variable of the server's environment)"),
            ));
        }
    }
    Ok(())
}

/// `webhook:https://hooks.example/...` for clients without the token: a webhook URL's path
/// often is its secret, a file path says where things are.
fn redact(notify: &str) -> String {
    if let Some(u) = notify.strip_prefix("webhook:") {
        return match u.split_once("://") {
            Some((scheme, rest)) => {
                let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
                let host = authority.rsplit('@').next().unwrap_or(authority);
                format!("webhook:{scheme}://{host}/...")
            }
            None => "webhook:...".into(),
        };
    }
    if notify.starts_with("file:") {
        return "file:...".into();
    }
    notify.to_string()
}

/// A rule as the API shows it.
fn view(info: &WatchRuleInfo, full: bool) -> Value {
    let mut v = serde_json::to_value(info).unwrap_or_else(|_| json!({}));
    if let Some(o) = v.as_object_mut() {
        o.insert("description".into(), json!(info.rule.trigger.describe()));
        if !full {
            o.insert("notify".into(), json!(redact(&info.rule.notify)));
        }
        o.insert("notify_redacted".into(), json!(!full));
    }
    v
}

fn full_view(st: &State, headers: &HeaderMap) -> bool {
    st.config.token.as_ref().is_some_and(|t| http::has_token(headers, t))
}

fn no_rule(name: &str) -> ApiError {
    ApiError::not_found(format!("no watch rule named {name:?}"))
}

fn unavailable() -> ApiError {
    ApiError {
        status: 501,
        code: "rules_unavailable",
        message: "this server was started without watch-rule management".into(),
        parameter: None,
    }
}

fn body_limit(body: &Bytes) -> Result<(), ApiError> {
    if body.len() > MAX_RULE_BODY {
        return Err(ApiError {
            status: 413,
            code: "payload_too_large",
            message: format!("a rule body is at most {MAX_RULE_BODY} bytes"),
            parameter: None,
        });
    }
    Ok(())
}

/// A rule of a body, through every check: the store's, the CLI's, the remote policy.
async fn checked_rule(st: &Arc<State>, body: &Bytes, path_name: Option<&str>) -> Result<WatchRule, ApiError> {
    body_limit(body)?;
    let watch = st.config.watch.clone().ok_or_else(unavailable)?;
    let rule = rule_of_body(body, path_name)?;
    let allowed = st.config.webhook_origins.clone();
    tokio::task::spawn_blocking(move || {
        let rule = watch.check_rule(rule).map_err(problem)?;
        rule.check().map_err(problem)?;
        notify_policy(&rule, &allowed, |u| watch.webhook_origin(u))?;
        Ok(rule)
    })
    .await
    .map_err(|e| ApiError::internal(format!("rule check failed: {e}")))?
}

fn now(st: &State) -> Result<i64, ApiError> {
    Ok(st.config.watch.as_ref().ok_or_else(unavailable)?.now())
}

pub async fn list(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Answer {
    st.check_read(&headers)?;
    checked(q, |_| Ok(()))?;
    let full = full_view(&st, &headers);
    let infos = st.query(|s| s.watch_rule_infos()).await?;
    Ok(json_ok(
        &json!({ "rules": infos.iter().map(|i| view(i, full)).collect::<Vec<_>>() }),
    ))
}

pub async fn get_one(
    axum::extract::State(st): St,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Answer {
    st.check_read(&headers)?;
    let name = path_id(name)?;
    checked(q, |_| Ok(()))?;
    let full = full_view(&st, &headers);
    let key = name.clone();
    match st.query(move |s| s.watch_rule_info(&key)).await? {
        Some(info) => Ok(json_ok(&view(&info, full))),
        None => Err(no_rule(&name)),
    }
}

pub async fn create(axum::extract::State(st): St, headers: HeaderMap, RawQuery(q): RawQuery, body: Bytes) -> Answer {
    st.check_write(&headers)?;
    checked(q, |_| Ok(()))?;
    let rule = checked_rule(&st, &body, None).await?;
    let now = now(&st)?;
    let info = st
        .write(move |s| {
            let rules = s.watch_rule_infos().map_err(|e| ApiError::internal(e.to_string()))?;
            if rules.iter().any(|r| r.rule.name == rule.name) {
                return Err(ApiError {
                    status: 409,
                    code: "rule_exists",
                    message: format!(
                        "a watch rule named {:?} exists already: PUT /api/v1/rules/NAME replaces it",
                        rule.name
                    ),
                    parameter: Some("name".into()),
                });
            }
            if rules.len() >= MAX_RULES {
                return Err(too_many());
            }
            s.add_watch_rule(&rule, now)
                .map_err(|e| ApiError::internal(e.to_string()))?;
            s.watch_rule_info(&rule.name)
                .map_err(|e| ApiError::internal(e.to_string()))
        })
        .await?;
    let info = info.ok_or_else(|| ApiError::internal("the rule just added cannot be read back"))?;
    Ok(json_status(StatusCode::CREATED, &view(&info, true)))
}

fn too_many() -> ApiError {
    ApiError {
        status: 409,
        code: "too_many_rules",
        message: format!("the store holds {MAX_RULES} watch rules already: delete some first"),
        parameter: None,
    }
}

pub async fn replace(
    axum::extract::State(st): St,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Answer {
    st.check_write(&headers)?;
    let name = path_id(name)?;
    checked(q, |_| Ok(()))?;
    let rule = checked_rule(&st, &body, Some(&name)).await?;
    let now = now(&st)?;
    let (replaced, info) = st
        .write(move |s| {
            let err = |e: griot_store::StoreError| ApiError::internal(e.to_string());
            let rules = s.watch_rule_infos().map_err(err)?;
            if rules.len() >= MAX_RULES && !rules.iter().any(|r| r.rule.name == rule.name) {
                return Err(too_many());
            }
            let replaced = s.replace_watch_rule(&rule, now).map_err(err)?;
            Ok((replaced, s.watch_rule_info(&rule.name).map_err(err)?))
        })
        .await?;
    let info = info.ok_or_else(|| ApiError::internal("the rule just stored cannot be read back"))?;
    let status = if replaced { StatusCode::OK } else { StatusCode::CREATED };
    Ok(json_status(status, &view(&info, true)))
}

pub async fn delete(
    axum::extract::State(st): St,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Answer {
    st.check_write(&headers)?;
    let name = path_id(name)?;
    checked(q, |_| Ok(()))?;
    let key = name.clone();
    let removed = st
        .write(move |s| s.remove_watch_rule(&key).map_err(|e| ApiError::internal(e.to_string())))
        .await?;
    if removed {
        Ok(json_ok(&json!({ "removed": name })))
    } else {
        Err(no_rule(&name))
    }
}

/// A dry run: the alerts the rule (the stored one, or the one in the body) would have made
/// over every stored event, at most `limit`; nothing is written or sent.
pub async fn test(
    axum::extract::State(st): St,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Answer {
    st.check_write(&headers)?;
    let name = path_id(name)?;
    let limit = checked(q, |p| p.number("limit", 1, 1000, 100))?;
    let given = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(checked_rule(&st, &body, Some(&name)).await?)
    };
    let now = now(&st)?;
    let key = name.clone();
    let found = st
        .write(move |s| {
            let err = |e: griot_store::StoreError| ApiError::internal(e.to_string());
            let rule = match given {
                Some(r) => r,
                None => match s.watch_rule_info(&key).map_err(err)? {
                    Some(i) => i.rule,
                    None => return Ok(None),
                },
            };
            s.test_watch_rule_at_most(&rule, now, limit + 1).map(Some).map_err(err)
        })
        .await?;
    let Some(mut alerts) = found else {
        return Err(no_rule(&name));
    };
    let truncated = alerts.len() > limit;
    alerts.truncate(limit);
    Ok(json_ok(&json!({
        "rule": name,
        "alerts": alerts.iter().map(|a| a.json()).collect::<Vec<_>>(),
        "truncated": truncated,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(body: &str) -> Option<String> {
        rule_of_body(body.as_bytes(), None).err().and_then(|e| e.parameter)
    }

    #[test]
    fn bodies() {
        let r = rule_of_body(
            br#"{"name":"n","filter":{"actor":"ner","event_type":"protest","since":"2024-01-01"},"trigger":{"kind":"threshold","count":3,"window_days":7}}"#,
            None,
        )
        .unwrap();
        assert_eq!(r.filter.actor.as_deref(), Some("NER"));
        assert_eq!(r.filter.event_type.as_deref(), Some("PROTEST"));
        assert_eq!(
            r.trigger,
            Trigger::Threshold {
                count: 3,
                window_days: 7
            }
        );
        assert_eq!(r.notify, "stdout");
        let s = rule_of_body(br#"{"trigger":{"kind":"spike","factor":2.5}}"#, Some("p")).unwrap();
        assert_eq!(s.name, "p");
        assert_eq!(
            s.trigger,
            Trigger::Spike {
                factor: 2.5,
                window_days: 1,
                baseline_days: 30,
                min_count: 3
            }
        );
        assert_eq!(rule_of_body(b"not json", None).unwrap_err().code, "bad_body");
        assert_eq!(
            rule_of_body(b"[1]", None).unwrap_err().parameter.as_deref(),
            Some("body")
        );
        for (body, want) in [
            (r#"{}"#, "name"),
            (r#"{"name":7}"#, "name"),
            (r#"{"name":"a","nam":"b"}"#, "nam"),
            (r#"{"name":"a","filter":{"actr":"NER"}}"#, "filter.actr"),
            (r#"{"name":"a","filter":[]}"#, "filter"),
            (r#"{"name":"a","filter":{"actor":"N"}}"#, "filter.actor"),
            (r#"{"name":"a","filter":{"since":"2024-02-30"}}"#, "filter.since"),
            (
                r#"{"name":"a","filter":{"since":"2024-02-03","until":"2024-02-01"}}"#,
                "filter.since",
            ),
            (r#"{"name":"a","trigger":{"kind":"sometimes"}}"#, "trigger.kind"),
            (r#"{"name":"a","trigger":{"kind":"threshold"}}"#, "trigger.count"),
            (
                r#"{"name":"a","trigger":{"kind":"threshold","count":-1}}"#,
                "trigger.count",
            ),
            (
                r#"{"name":"a","trigger":{"kind":"threshold","count":1,"window_days":99999999}}"#,
                "trigger.window_days",
            ),
            (r#"{"name":"a","trigger":{"kind":"every","count":1}}"#, "trigger.count"),
            (
                r#"{"name":"a","trigger":{"kind":"spike","factor":"x"}}"#,
                "trigger.factor",
            ),
            (
                r#"{"name":"a","trigger":{"kind":"spike","factor":0}}"#,
                "trigger.factor",
            ),
            (r#"{"name":"a","notify":"pager:me"}"#, "notify"),
            (r#"{"name":"a\u0000"}"#, "name"),
        ] {
            assert_eq!(field(body).as_deref(), Some(want), "{body}");
        }
        let e = rule_of_body(br#"{"name":"other"}"#, Some("p")).unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("name"));
    }

    fn origin(u: &str) -> Result<String, String> {
        let rest = u.strip_prefix("https://").ok_or("not https")?;
        Ok(format!("https://{}", rest.split('/').next().unwrap_or("")))
    }

    #[test]
    fn remote_clients_choose_only_stdout_and_allowed_webhooks() {
        let allowed = vec!["https://hooks.example".to_string()];
        let rule = |notify: &str, secret: Option<&str>| WatchRule {
            name: "r".into(),
            filter: WatchFilter::default(),
            trigger: Trigger::Every,
            notify: notify.into(),
            secret_env: secret.map(str::to_string),
        };
        let check =
            |r: WatchRule, allowed: &[String]| notify_policy(&r, allowed, origin).map_err(|e| e.parameter.unwrap());
        assert_eq!(check(rule("stdout", None), &[]), Ok(()));
        assert_eq!(
            check(
                rule("webhook:https://hooks.example/T0/abc", Some("GRIOT_WEBHOOK_KEY")),
                &allowed
            ),
            Ok(())
        );
        assert_eq!(
            check(rule("file:/home/me/.bashrc", None), &allowed).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(rule("webhook:https://hooks.example/x", None), &[]).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(rule("webhook:https://evil.example/x", None), &allowed).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(rule("webhook:http://hooks.example/x", None), &allowed).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(rule("webhook:https://evil.example\\@hooks.example/x", None), &allowed).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(rule("webhook:https://me@hooks.example/x", None), &allowed).unwrap_err(),
            "notify"
        );
        assert_eq!(
            check(
                rule("webhook:https://hooks.example/x", Some("AWS_SECRET_ACCESS_KEY")),
                &allowed
            )
            .unwrap_err(),
            "secret_env"
        );
        assert_eq!(
            check(
                rule("webhook:https://hooks.example/x", Some("GRIOT_WEBHOOK_")),
                &allowed
            )
            .unwrap_err(),
            "secret_env"
        );
    }

    #[test]
    fn redaction_keeps_only_the_origin() {
        assert_eq!(
            redact("webhook:https://user:pw@hooks.example/T0/secret?x=1"),
            "webhook:https://hooks.example/..."
        );
        assert_eq!(redact("file:/srv/alerts.jsonl"), "file:...");
        assert_eq!(redact("stdout"), "stdout");
    }
}
