//! SQL of the prevention sheets coordinators edited or added (Relais's own sheets are not
//! stored: a row here replaces the default sheet of the same id).

use super::model::Sheet;
use crate::accounts::UserId;
use crate::storage::StoreResult;
use crate::storage::time::to_db;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn sheet_from_row(row: &AnyRow) -> StoreResult<Sheet> {
    Ok(Sheet {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        body: row.try_get("body")?,
        is_edited: true,
    })
}

pub async fn list_sheets(conn: &mut AnyConnection) -> StoreResult<Vec<Sheet>> {
    let rows = sqlx::query("SELECT id, title, summary, body FROM prevention_sheets ORDER BY id")
        .fetch_all(conn)
        .await?;
    rows.iter().map(sheet_from_row).collect()
}

pub async fn find_sheet(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<Sheet>> {
    let row = sqlx::query("SELECT id, title, summary, body FROM prevention_sheets WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(sheet_from_row).transpose()
}

/// Saves a sheet (creates its row or replaces it).
pub async fn upsert_sheet(
    conn: &mut AnyConnection,
    sheet: &Sheet,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO prevention_sheets (id, title, summary, body, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET title = excluded.title, \
         summary = excluded.summary, body = excluded.body, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(&sheet.id)
    .bind(&sheet.title)
    .bind(&sheet.summary)
    .bind(&sheet.body)
    .bind(to_db(now))
    .bind(by.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes a coordinator's version: the default sheet of that id shows again (an added sheet
/// disappears).
pub async fn delete_sheet(conn: &mut AnyConnection, id: &str) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM prevention_sheets WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
