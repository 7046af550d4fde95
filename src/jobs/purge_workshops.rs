//! Forgets the people registered to a workshop (first name, contact, private link) the day
//! after its last session, or a day after it was cancelled. Attendance stays as counts in the
//! collective accompaniment records.

use super::Report;
use crate::config::Config;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub async fn run(
    conn: &mut AnyConnection,
    _config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let registrations = crate::workshops::purge(conn, now).await?;
    Ok(Report {
        job: "purge_workshops",
        counts: vec![("workshop_registrations", registrations)],
    })
}
