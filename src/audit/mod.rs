//! The append-only audit log of staff changes: who did what to which object, and when. Never
//! the contents of a form. Domains call `record` inside their own transaction; the database
//! itself refuses updates and deletes of this table (see `storage::dialect`).

pub mod routes;
pub mod store;

use crate::accounts::UserId;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub use store::AuditEntry;

/// A kind of change, named `object.verb` (e.g. `invitation.create`). Each domain declares its
/// own; the journal page shows the catalogue text `audit-<name with - for . and _>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditAction(pub &'static str);

/// Appends one entry. Call it with the transaction that makes the change.
pub async fn record(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    actor: Option<UserId>,
    action: AuditAction,
    object_type: &str,
    object_id: Option<i64>,
) -> Result<(), crate::storage::StoreError> {
    store::insert_entry(conn, now, actor, action.0, object_type, object_id).await
}

/// Entries made by one staff member (for their data export).
pub async fn list_by_actor(
    conn: &mut AnyConnection,
    actor: UserId,
) -> Result<Vec<AuditEntry>, crate::storage::StoreError> {
    store::list_entries_by_actor(conn, actor).await
}

/// The catalogue key describing an action.
pub fn action_key(action: &str) -> String {
    format!("audit-{}", action.replace(['.', '_'], "-"))
}
