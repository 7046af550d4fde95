//! Forgets what accounts no longer need: ended sessions, used or expired invitations (they hold
//! an e-mail address) and reset links, and failed-login records older than a day.

use super::Report;
use crate::accounts::store;
use crate::config::Config;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

/// Failed logins are kept this long (they only serve throttling, over 15 minutes).
const LOGIN_FAILURE_RETENTION_HOURS: i64 = 24;

pub async fn run(
    conn: &mut AnyConnection,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let sessions = store::delete_sessions_expired(conn, now, now - config.session_idle).await?;
    let invitations = store::delete_invitations_finished(conn, now).await?;
    let resets = store::delete_password_resets_finished(conn, now).await?;
    let failures = store::delete_login_failures_before(
        conn,
        now - Duration::hours(LOGIN_FAILURE_RETENTION_HOURS),
    )
    .await?;
    Ok(Report {
        job: "purge_accounts",
        counts: vec![
            ("sessions", sessions),
            ("invitations", invitations),
            ("password_resets", resets),
            ("login_failures", failures),
        ],
    })
}
