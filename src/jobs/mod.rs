//! Background jobs (retention and clean-up) and their scheduler. Each job is a plain function
//! over one transaction: idempotent, it reports what it deleted, and `relais purge --dry-run`
//! runs the same code and rolls back. The scheduler runs each job once per period
//! (`Config::jobs_interval`) even when several servers share one database: a job first claims
//! its (name, period) row in `job_runs` inside the same transaction (`store::claim`).

pub mod purge_accounts;
pub mod purge_referrals;
pub mod purge_workshops;
pub mod store;

use crate::clock::Clock;
use crate::config::Config;
use crate::storage::Db;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// What one job did: `(what, how many)` pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub job: &'static str,
    pub counts: Vec<(&'static str, u64)>,
}

impl Report {
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// Claims of the once-per-period lock are kept this long.
const JOB_RUNS_RETENTION_DAYS: i64 = 30;

/// Runs every job once in one transaction (on demand: `relais purge`); with `dry_run`, rolls
/// it back.
pub async fn run_all(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    dry_run: bool,
) -> anyhow::Result<Vec<Report>> {
    run_jobs(db, config, now, dry_run, None).await
}

/// The period `now` falls in: the start of its `interval`-long slice since the epoch, as
/// stored text (`2026-03-02T09:00:00Z` for hourly jobs).
pub fn period_of(now: DateTime<Utc>, interval: std::time::Duration) -> String {
    let seconds = i64::try_from(interval.as_secs()).unwrap_or(i64::MAX).max(1);
    let start = now.timestamp().div_euclid(seconds) * seconds;
    DateTime::from_timestamp(start, 0).map_or_else(
        || crate::storage::time::to_db(now),
        crate::storage::time::to_db,
    )
}

/// What the scheduler runs: each job whose period this server claims first; jobs another
/// server already ran in this period are skipped (and absent from the reports).
pub async fn run_scheduled(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Report>> {
    let period = period_of(now, config.jobs_interval);
    run_jobs(db, config, now, false, Some(&period)).await
}

/// Every job, in the order they run.
pub const JOBS: [&str; 3] = ["purge_accounts", "purge_referrals", "purge_workshops"];

async fn run_job(
    job: &str,
    conn: &mut sqlx::AnyConnection,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    match job {
        "purge_accounts" => purge_accounts::run(conn, config, now).await,
        "purge_referrals" => purge_referrals::run(conn, config, now).await,
        "purge_workshops" => purge_workshops::run(conn, config, now).await,
        other => anyhow::bail!("unknown job {other}"),
    }
}

async fn run_jobs(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    dry_run: bool,
    period: Option<&str>,
) -> anyhow::Result<Vec<Report>> {
    let mut tx = db.begin().await?;
    let mut reports = Vec::new();
    if period.is_some() {
        store::delete_runs_before(
            &mut tx,
            now - chrono::Duration::days(JOB_RUNS_RETENTION_DAYS),
        )
        .await?;
    }
    for job in JOBS {
        if let Some(period) = period
            && !store::claim(&mut tx, job, period, now).await?
        {
            continue;
        }
        reports.push(run_job(job, &mut tx, config, now).await?);
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
        for report in &reports {
            for (what, count) in &report.counts {
                if *count > 0 {
                    tracing::info!(
                        job = report.job,
                        what = *what,
                        count = *count,
                        "Purged {count} {what}"
                    );
                }
            }
        }
    }
    Ok(reports)
}

/// Runs the jobs every `config.jobs_interval` inside `serve`. Failures are logged, never fatal.
pub fn spawn_scheduler(
    db: Db,
    config: Arc<Config>,
    clock: Clock,
    mailer: crate::mailer::Mailer,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(config.jobs_interval);
        loop {
            ticker.tick().await;
            if let Err(error) = run_scheduled(&db, &config, clock.now()).await {
                tracing::error!(error = ?error, "Scheduled jobs failed");
            }
            // Reminders send e-mail, so they run outside the jobs' transaction.
            match crate::workshops::send_reminders(&db, &mailer, clock.now()).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "Sent {count} workshop reminders"),
                Err(error) => tracing::error!(error = ?error, "Workshop reminders failed"),
            }
        }
    })
}
