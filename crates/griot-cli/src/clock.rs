//! The time griot's monitoring reads (follow schedules, backoff, alert times): Unix seconds
//! from the system clock, or from `GRIOT_NOW` when set (tests run scripted rounds with it).

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    if let Some(n) = std::env::var("GRIOT_NOW").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return n;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
