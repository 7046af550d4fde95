//! Keeps referrals only as long as they serve: open referrals past their 30 days expire; the
//! person's first name, contact, need, refusal reason and slip code are blanked once a
//! referral has been closed for `Config::referral_retention`; partners' links past their
//! expiry or of closed referrals are deleted, and wrong-code records after a day. The rows
//! stay, so counts per origin, destination, category and state remain for statistics.

use super::Report;
use crate::config::Config;
use crate::referrals::store;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

/// Wrong codes are kept this long (they only serve throttling, over 15 minutes).
const CODE_FAILURE_RETENTION_HOURS: i64 = 24;

pub async fn run(
    conn: &mut AnyConnection,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let expired = store::expire_open(conn, now).await?;
    let blanked = store::blank_closed_before(conn, now - config.referral_retention, now).await?;
    let links = store::delete_links_finished(conn, now).await?;
    let failures = store::delete_code_failures_before(
        conn,
        now - Duration::hours(CODE_FAILURE_RETENTION_HOURS),
    )
    .await?;
    Ok(Report {
        job: "purge_referrals",
        counts: vec![
            ("expired_referrals", expired),
            ("blanked_referrals", blanked),
            ("referral_links", links),
            ("code_failures", failures),
        ],
    })
}
