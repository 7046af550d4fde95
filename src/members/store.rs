//! SQL of the members' directory: the reads it needs from several tables (members' places,
//! helpers per organisation, each organisation's staff) and the chosen contacts.

use super::model::{MemberPlace, StaffContact};
use crate::accounts::UserId;
use crate::storage::StoreResult;
use crate::storage::time::to_db;
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

/// The places that belong to an organisation, by commune and name, with their services.
pub async fn member_places(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(i64, MemberPlace, Vec<String>)>> {
    let rows = sqlx::query(
        "SELECT id, organization_id, nom, commune, visibility, services FROM places \
         WHERE organization_id IS NOT NULL ORDER BY commune, nom, id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let services: String = row.try_get("services")?;
            let visibility: String = row.try_get("visibility")?;
            Ok((
                row.try_get("organization_id")?,
                MemberPlace {
                    id: row.try_get("id")?,
                    name: row.try_get("nom")?,
                    commune: row.try_get("commune")?,
                    is_public: visibility == "public",
                },
                services
                    .split('|')
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_owned)
                    .collect(),
            ))
        })
        .collect()
}

/// Active helpers' accounts per organisation.
pub async fn helper_counts(conn: &mut AnyConnection) -> StoreResult<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT m.organization_id, COUNT(*) AS helpers FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE u.is_active = 1 AND u.role = 'helper' \
         GROUP BY m.organization_id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
}

/// The active staff accounts of an organisation, by name.
pub async fn staff_of(
    conn: &mut AnyConnection,
    organization: i64,
) -> StoreResult<Vec<StaffContact>> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.email FROM users u \
         JOIN memberships m ON m.user_id = u.id \
         WHERE m.organization_id = $1 AND u.is_active = 1 ORDER BY u.display_name, u.id",
    )
    .bind(organization)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StaffContact {
                user_id: row.try_get(0)?,
                name: row.try_get(1)?,
                email: row.try_get(2)?,
            })
        })
        .collect()
}

/// Each organisation's chosen contact, while that person is still one of its active staff.
pub async fn list_contacts(conn: &mut AnyConnection) -> StoreResult<Vec<(i64, StaffContact)>> {
    let rows = sqlx::query(
        "SELECT c.organization_id, u.id, u.display_name, u.email FROM organization_contacts c \
         JOIN users u ON u.id = c.user_id \
         JOIN memberships m ON m.user_id = c.user_id AND m.organization_id = c.organization_id \
         WHERE u.is_active = 1",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get(0)?,
                StaffContact {
                    user_id: row.try_get(1)?,
                    name: row.try_get(2)?,
                    email: row.try_get(3)?,
                },
            ))
        })
        .collect()
}

/// Sets (or replaces) an organisation's contact.
pub async fn upsert_contact(
    conn: &mut AnyConnection,
    organization: i64,
    contact: UserId,
    chosen_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO organization_contacts (organization_id, user_id, chosen_by, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id) DO UPDATE SET \
         user_id = excluded.user_id, chosen_by = excluded.chosen_by, \
         updated_at = excluded.updated_at",
    )
    .bind(organization)
    .bind(contact.0)
    .bind(chosen_by.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes an organisation's contact; `false` when it had none.
pub async fn delete_contact(conn: &mut AnyConnection, organization: i64) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM organization_contacts WHERE organization_id = $1")
        .bind(organization)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
