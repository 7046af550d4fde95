//! SQL of the resource library.

use super::model::{Category, ResourceInfo};
use super::upload::FileType;
use crate::accounts::UserId;
use crate::storage::time::to_db;
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A link, or a file kept in the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Link(String),
    File {
        name: String,
        file_type: FileType,
        sha256: String,
        size: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    pub id: i64,
    pub info: ResourceInfo,
    pub content: Content,
    pub is_featured: bool,
    pub is_archived: bool,
}

fn bad_value(column: &str, value: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(
        format!("unexpected value {value:?} in {column}").into(),
    ))
}

fn resource_from_row(row: &AnyRow) -> StoreResult<Resource> {
    let category: String = row.try_get("category")?;
    let kind: String = row.try_get("kind")?;
    let content = if kind == "link" {
        Content::Link(row.try_get("url")?)
    } else {
        let file_type: String = row.try_get("file_type")?;
        Content::File {
            name: row.try_get("file_name")?,
            file_type: FileType::parse(&file_type)
                .ok_or_else(|| bad_value("file_type", &file_type))?,
            sha256: row.try_get("file_sha256")?,
            size: row.try_get("file_size")?,
        }
    };
    Ok(Resource {
        id: row.try_get("id")?,
        info: ResourceInfo {
            category: Category::parse(&category).ok_or_else(|| bad_value("category", &category))?,
            title: row.try_get("title")?,
            description: row.try_get("description")?,
        },
        content,
        is_featured: flag(row.try_get("is_featured")?),
        is_archived: flag(row.try_get("is_archived")?),
    })
}

const COLUMNS: &str = "id, category, title, description, kind, url, file_name, file_type, \
     file_sha256, file_size, is_featured, is_archived";

pub async fn insert_resource(
    conn: &mut AnyConnection,
    info: &ResourceInfo,
    content: &Content,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (kind, url, name, file_type, sha256, size) = match content {
        Content::Link(url) => ("link", url.as_str(), "", "", "", 0),
        Content::File {
            name,
            file_type,
            sha256,
            size,
        } => (
            "file",
            "",
            name.as_str(),
            file_type.as_str(),
            sha256.as_str(),
            *size,
        ),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO resources (category, title, description, kind, url, file_name, file_type, \
         file_sha256, file_size, added_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(info.category.as_str())
    .bind(&info.title)
    .bind(&info.description)
    .bind(kind)
    .bind(url)
    .bind(name)
    .bind(file_type)
    .bind(sha256)
    .bind(size)
    .bind(by.0)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?)
}

pub async fn find_resource(conn: &mut AnyConnection, id: i64) -> StoreResult<Resource> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM resources WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await?;
    resource_from_row(&row)
}

/// Every resource: featured first, then newest.
pub async fn list_resources(conn: &mut AnyConnection) -> StoreResult<Vec<Resource>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM resources ORDER BY is_featured DESC, created_at DESC, id DESC"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(resource_from_row).collect()
}

/// Features or archives a resource; `false` when it does not exist.
pub async fn set_flags(
    conn: &mut AnyConnection,
    id: i64,
    is_featured: bool,
    is_archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE resources SET is_featured = $1, is_archived = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(to_flag(is_featured))
    .bind(to_flag(is_archived))
    .bind(to_db(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
