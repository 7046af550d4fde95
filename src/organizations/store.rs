//! SQL of organisations.

use super::Organization;
use crate::storage::StoreResult;
use crate::storage::time::to_db;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::Row;

pub async fn insert_organization(
    conn: &mut AnyConnection,
    name: &str,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO organizations (name, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(name)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?)
}

pub async fn list_organizations(conn: &mut AnyConnection) -> StoreResult<Vec<Organization>> {
    let rows = sqlx::query("SELECT id, name FROM organizations ORDER BY name, id")
        .fetch_all(conn)
        .await?;
    Ok(rows
        .iter()
        .map(|row| {
            Ok(Organization {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?)
}
