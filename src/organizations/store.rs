//! SQL of organisations.

use super::Organization;
use super::model::OrganizationDetails;
use crate::storage::time::to_db;
use crate::storage::{StoreError, StoreResult};
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

pub async fn find_organization(
    conn: &mut AnyConnection,
    id: i64,
) -> StoreResult<OrganizationDetails> {
    let row: Option<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT name, pivot, typologie, email, telephone, site_web FROM organizations \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let (name, pivot, typologie, email, telephone, site_web) = row.ok_or(StoreError::NotFound)?;
    Ok(OrganizationDetails {
        name,
        pivot,
        typologie: typologie
            .split('|')
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect(),
        email,
        telephone,
        site_web,
    })
}

pub async fn update_organization(
    conn: &mut AnyConnection,
    id: i64,
    details: &OrganizationDetails,
) -> StoreResult<()> {
    let result = sqlx::query(
        "UPDATE organizations SET name = $1, pivot = $2, typologie = $3, email = $4, \
         telephone = $5, site_web = $6 WHERE id = $7",
    )
    .bind(&details.name)
    .bind(&details.pivot)
    .bind(details.typologie.join("|"))
    .bind(&details.email)
    .bind(&details.telephone)
    .bind(&details.site_web)
    .bind(id)
    .execute(conn)
    .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
