//! SQL of news items: proposals, edits by their author, the coordinator's decisions, and the
//! lists behind the staff feed, the moderation queue, the public page and the feeds.

use super::model::{NewsData, NewsId, NewsKind, Status};
use crate::accounts::UserId;
use crate::storage::time::{from_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored item with its author's name.
#[derive(Clone, Debug)]
pub struct NewsItem {
    pub id: NewsId,
    pub data: NewsData,
    pub status: Status,
    pub moderation_note: String,
    pub author: Option<UserId>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "n.id, n.kind, n.title, n.body, n.starts_at, n.ends_at, n.location, \
     n.is_public, n.status, n.moderation_note, n.author_id, \
     COALESCE(u.display_name, '') AS author_name, n.created_at, n.updated_at, n.published_at, \
     n.resource_id";
const FROM: &str = "FROM news_items n LEFT JOIN users u ON u.id = n.author_id";

fn bad_value(column: &str, value: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(
        format!("unexpected value {value:?} in {column}").into(),
    ))
}

fn instant(row: &AnyRow, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
    let text: Option<String> = row.try_get(column)?;
    Ok(text.as_deref().map(from_db).transpose()?)
}

fn item_from_row(row: &AnyRow) -> StoreResult<NewsItem> {
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let created_at: String = row.try_get("created_at")?;
    let updated_at: String = row.try_get("updated_at")?;
    Ok(NewsItem {
        id: NewsId(row.try_get("id")?),
        data: NewsData {
            kind: NewsKind::parse(&kind).ok_or_else(|| bad_value("kind", &kind))?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            starts_at: instant(row, "starts_at")?,
            ends_at: instant(row, "ends_at")?,
            location: row.try_get("location")?,
            is_public: flag(row.try_get("is_public")?),
            attachment: row.try_get("resource_id")?,
        },
        status: Status::parse(&status).ok_or_else(|| bad_value("status", &status))?,
        moderation_note: row.try_get("moderation_note")?,
        author: row.try_get::<Option<i64>, _>("author_id")?.map(UserId),
        author_name: row.try_get("author_name")?,
        created_at: from_db(&created_at)?,
        updated_at: from_db(&updated_at)?,
        published_at: instant(row, "published_at")?,
    })
}

/// Inserts a proposal, pending.
pub async fn insert_item(
    conn: &mut AnyConnection,
    data: &NewsData,
    author: UserId,
    now: DateTime<Utc>,
) -> StoreResult<NewsId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO news_items (kind, title, body, starts_at, ends_at, location, is_public, \
         status, author_id, created_at, updated_at, resource_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
    )
    .bind(data.kind.as_str())
    .bind(&data.title)
    .bind(&data.body)
    .bind(data.starts_at.map(to_db))
    .bind(data.ends_at.map(to_db))
    .bind(&data.location)
    .bind(to_flag(data.is_public))
    .bind(Status::Pending.as_str())
    .bind(author.0)
    .bind(to_db(now))
    .bind(data.attachment)
    .fetch_one(conn)
    .await?;
    Ok(NewsId(id))
}

/// Replaces the text of an item still open and sends it back to the coordinator (pending).
/// `false` when the item was decided in the meantime.
pub async fn update_item(
    conn: &mut AnyConnection,
    id: NewsId,
    data: &NewsData,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE news_items SET kind = $1, title = $2, body = $3, starts_at = $4, ends_at = $5, \
         location = $6, is_public = $7, status = $8, updated_at = $9, resource_id = $11 \
         WHERE id = $10 AND status IN ('pending', 'changes_requested')",
    )
    .bind(data.kind.as_str())
    .bind(&data.title)
    .bind(&data.body)
    .bind(data.starts_at.map(to_db))
    .bind(data.ends_at.map(to_db))
    .bind(&data.location)
    .bind(to_flag(data.is_public))
    .bind(Status::Pending.as_str())
    .bind(to_db(now))
    .bind(id.0)
    .bind(data.attachment)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a decision, only if the item is still in `from` (so two coordinators deciding at
/// once cannot both win). `false` otherwise.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: NewsId,
    from: Status,
    to: Status,
    note: &str,
    moderator: UserId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let published_at = (to == Status::Published).then(|| to_db(now));
    let done = sqlx::query(
        "UPDATE news_items SET status = $1, moderation_note = $2, moderated_by = $3, \
         updated_at = $4, published_at = COALESCE($5, published_at) \
         WHERE id = $6 AND status = $7",
    )
    .bind(to.as_str())
    .bind(note)
    .bind(moderator.0)
    .bind(to_db(now))
    .bind(published_at)
    .bind(id.0)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find_item(conn: &mut AnyConnection, id: NewsId) -> StoreResult<NewsItem> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} {FROM} WHERE n.id = $1"))
        .bind(id.0)
        .fetch_one(conn)
        .await?;
    item_from_row(&row)
}

/// Published items, newest publication first; only public ones when `public_only`.
pub async fn list_published(
    conn: &mut AnyConnection,
    public_only: bool,
    limit: i64,
) -> StoreResult<Vec<NewsItem>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE n.status = 'published' AND n.is_public >= $1 \
         ORDER BY n.published_at DESC, n.id DESC LIMIT $2"
    ))
    .bind(to_flag(public_only))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// Items waiting for a decision or for their author's changes, oldest first.
pub async fn list_open(conn: &mut AnyConnection) -> StoreResult<Vec<NewsItem>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE n.status IN ('pending', 'changes_requested') \
         ORDER BY n.updated_at, n.id"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// One author's items, newest first.
pub async fn list_by_author(
    conn: &mut AnyConnection,
    author: UserId,
    limit: i64,
) -> StoreResult<Vec<NewsItem>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE n.author_id = $1 ORDER BY n.created_at DESC, n.id DESC \
         LIMIT $2"
    ))
    .bind(author.0)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// Published events ending after `after`, soonest first; only public ones when `public_only`.
pub async fn list_events(
    conn: &mut AnyConnection,
    public_only: bool,
    after: DateTime<Utc>,
) -> StoreResult<Vec<NewsItem>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE n.status = 'published' AND n.kind = 'event' \
         AND n.is_public >= $1 AND n.ends_at > $2 ORDER BY n.starts_at, n.id"
    ))
    .bind(to_flag(public_only))
    .bind(to_db(after))
    .fetch_all(conn)
    .await?;
    rows.iter().map(item_from_row).collect()
}
