//! SQL of the scheduler's once-per-period lock (`job_runs`).

use crate::storage::StoreResult;
use crate::storage::time::to_db;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// Claims `job` for `period` inside the caller's transaction. Returns false when another
/// server claimed it first: on PostgreSQL a concurrent claim waits for the first
/// transaction, then finds the row (or takes it over if the first rolled back); on SQLite
/// write transactions take turns.
pub async fn claim(
    conn: &mut AnyConnection,
    job: &str,
    period: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO job_runs (job, period, ran_at) VALUES ($1, $2, $3) \
         ON CONFLICT (job, period) DO NOTHING",
    )
    .bind(job)
    .bind(period)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets claims older than `cutoff`.
pub async fn delete_runs_before(
    conn: &mut AnyConnection,
    cutoff: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM job_runs WHERE ran_at < $1")
        .bind(to_db(cutoff))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// How many times `job` ran (tests and diagnostics).
pub async fn count_runs(conn: &mut AnyConnection, job: &str) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM job_runs WHERE job = $1")
            .bind(job)
            .fetch_one(conn)
            .await?,
    )
}
