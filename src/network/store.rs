//! SQL of the network row (a single row, id 1).

use super::Network;
use crate::storage::StoreResult;
use crate::storage::time::to_db;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::Row;

pub async fn find_network(conn: &mut AnyConnection) -> StoreResult<Option<Network>> {
    let row = sqlx::query("SELECT name, territory FROM network WHERE id = 1")
        .fetch_optional(conn)
        .await?;
    match row {
        Some(row) => Ok(Some(Network {
            name: row.try_get("name")?,
            territory: row.try_get("territory")?,
        })),
        None => Ok(None),
    }
}

/// `ON CONFLICT … DO UPDATE` is spelled the same way by SQLite and PostgreSQL.
pub async fn upsert_network(
    conn: &mut AnyConnection,
    network: &Network,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO network (id, name, territory, updated_at) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, territory = excluded.territory, \
         updated_at = excluded.updated_at",
    )
    .bind(&network.name)
    .bind(&network.territory)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}
