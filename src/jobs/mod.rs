//! Background jobs (retention and clean-up) and their scheduler. Each job is a plain function
//! over one transaction: idempotent, it reports what it deleted, and `relais purge --dry-run`
//! runs the same code and rolls back.

pub mod purge_accounts;

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

/// Runs every job once in one transaction; with `dry_run`, rolls it back.
pub async fn run_all(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    dry_run: bool,
) -> anyhow::Result<Vec<Report>> {
    let mut tx = db.begin().await?;
    let reports = vec![purge_accounts::run(&mut tx, config, now).await?];
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
pub fn spawn_scheduler(db: Db, config: Arc<Config>, clock: Clock) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(config.jobs_interval);
        loop {
            ticker.tick().await;
            if let Err(error) = run_all(&db, &config, clock.now(), false).await {
                tracing::error!(error = ?error, "Scheduled jobs failed");
            }
        }
    })
}
