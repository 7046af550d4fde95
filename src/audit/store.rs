//! SQL of the audit log: insert and read only (the table is append-only).

use crate::accounts::UserId;
use crate::storage::StoreResult;
use crate::storage::time::{from_db, to_db};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::Row;
use sqlx::any::AnyRow;

/// One line of the journal, with the actor's current name when the account still exists.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
}

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry, sqlx::Error> {
    Ok(AuditEntry {
        id: row.try_get("id")?,
        occurred_at: from_db(&row.try_get::<String, _>("occurred_at")?)?,
        actor_user_id: row.try_get("actor_user_id")?,
        actor_name: row.try_get("display_name")?,
        action: row.try_get("action")?,
        object_type: row.try_get("object_type")?,
        object_id: row.try_get("object_id")?,
    })
}

const ENTRY_SELECT: &str = "SELECT a.id, a.occurred_at, a.actor_user_id, u.display_name, \
     a.action, a.object_type, a.object_id FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id";

pub async fn insert_entry(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    actor: Option<UserId>,
    action: &str,
    object_type: &str,
    object_id: Option<i64>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (occurred_at, actor_user_id, action, object_type, object_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(to_db(now))
    .bind(actor.map(|a| a.0))
    .bind(action)
    .bind(object_type)
    .bind(object_id.map(|id| id.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Newest first, `limit` entries after skipping `offset`.
pub async fn list_entries(
    conn: &mut AnyConnection,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "{ENTRY_SELECT} ORDER BY a.id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(entry_from_row).collect::<Result<_, _>>()?)
}

pub async fn list_entries_by_actor(
    conn: &mut AnyConnection,
    actor: UserId,
) -> StoreResult<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE a.actor_user_id = $1 ORDER BY a.id"
    ))
    .bind(actor.0)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(entry_from_row).collect::<Result<_, _>>()?)
}

pub async fn count_entries(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(conn)
        .await?)
}
