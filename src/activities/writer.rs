//! Group commit of new records. Helpers at a busy network record at the same moment; on
//! SQLite every write transaction takes the one write lock in turn, so a transaction per
//! record caps the rate at one lock hand-over per record. The writer task takes the records
//! waiting at that moment (up to `BATCH`) and writes them in one transaction, each with its
//! audit entry; if that transaction fails, it writes them one by one so that one bad record
//! never costs the others. Each request still waits for its own record to be committed.

use super::model::{ActivityData, ActivityId};
use super::store;
use crate::accounts::UserId;
use crate::audit;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

/// The most records written in one transaction.
const BATCH: usize = 64;
/// Records waiting for the writer, at most.
const QUEUE: usize = 1024;

/// One record to write and where to send its outcome.
struct Job {
    helper: UserId,
    organization: Option<i64>,
    data: ActivityData,
    now: DateTime<Utc>,
    reply: oneshot::Sender<Result<ActivityId, StoreError>>,
}

/// The handle requests use to hand a record to the writer task.
#[derive(Clone, Debug)]
pub struct Recorder {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").finish_non_exhaustive()
    }
}

impl Recorder {
    /// Starts the writer task on the current Tokio runtime; it ends when every handle is gone.
    pub fn start(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, queue));
        Self { jobs }
    }

    /// Writes one record (in a batch with the others waiting) and returns its id once
    /// committed.
    pub async fn write(
        &self,
        helper: UserId,
        organization: Option<i64>,
        data: ActivityData,
        now: DateTime<Utc>,
    ) -> Result<ActivityId, StoreError> {
        let (reply, outcome) = oneshot::channel();
        let job = Job {
            helper,
            organization,
            data,
            now,
            reply,
        };
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.jobs.send(job).await.map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }
}

async fn run(db: Db, mut queue: mpsc::Receiver<Job>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match write_all(&db, &batch).await {
            Ok(ids) => {
                for (job, id) in batch.into_iter().zip(ids) {
                    let _ = job.reply.send(Ok(id));
                }
            }
            Err(error) if batch.len() == 1 => {
                if let Some(job) = batch.pop() {
                    let _ = job.reply.send(Err(error));
                }
            }
            Err(_) => {
                for job in batch {
                    let outcome = write_all(&db, std::slice::from_ref(&job))
                        .await
                        .and_then(|ids| ids.first().copied().ok_or(StoreError::NotFound));
                    let _ = job.reply.send(outcome);
                }
            }
        }
    }
}

/// Writes the records of `jobs` and their audit entries in one transaction.
async fn write_all(db: &Db, jobs: &[Job]) -> Result<Vec<ActivityId>, StoreError> {
    let mut tx = db.begin().await?;
    let mut ids = Vec::with_capacity(jobs.len());
    for job in jobs {
        let id = store::insert_activity(&mut tx, job.helper, job.organization, &job.data, job.now)
            .await?;
        audit::record(
            &mut tx,
            job.now,
            Some(job.helper),
            super::AUDIT_ACTIVITY_CREATE,
            "activity",
            Some(id.0),
        )
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}
