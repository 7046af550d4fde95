//! News and events of the network: any staff member proposes an item (news, event,
//! information, regulation change); the coordinator publishes it, asks for changes or refuses
//! it with a reason. Published items make the staff news feed; those marked public also make
//! the public page `/actualites`, its Atom feed and (events) the public events calendar. Every
//! text goes through the privacy guard; Markdown is rendered with HTML made inert.

pub mod atom;
pub mod ical;
pub mod model;
mod routes;
pub mod store;
mod views;

pub use model::{Decision, ModerationError, NewsData, NewsId, NewsKind, Status};
pub use routes::router;
pub use store::NewsItem;

use crate::accounts::{Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::i18n::Tr;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

pub const AUDIT_NEWS_PROPOSE: AuditAction = AuditAction("news.propose");
pub const AUDIT_NEWS_UPDATE: AuditAction = AuditAction("news.update");
pub const AUDIT_NEWS_PUBLISH: AuditAction = AuditAction("news.publish");
pub const AUDIT_NEWS_ASK_CHANGES: AuditAction = AuditAction("news.ask_changes");
pub const AUDIT_NEWS_REFUSE: AuditAction = AuditAction("news.refuse");

/// How many items the feeds and lists show.
pub const LIST_LIMIT: i64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum NewsError {
    /// French messages per field (the form's rules and the privacy guard's).
    #[error("invalid form")]
    Invalid(Vec<(String, String)>),
    #[error("moderation refused: {0}")]
    Moderation(ModerationError),
    /// Not the author, or no longer editable.
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for NewsError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Reads a proposal form: its rules, then the privacy guard on every text field (all the
/// problems at once, nothing refused is kept).
pub fn read_form(tr: &Tr, pairs: &[(String, String)]) -> Result<NewsData, NewsError> {
    let guarded = crate::privacy::check_fields(tr, pairs, &model::TEXT_FIELDS);
    match model::parse_form(pairs) {
        Ok(data) if guarded.is_empty() => Ok(data),
        Ok(_) => Err(NewsError::Invalid(guarded)),
        Err(errors) => Err(NewsError::Invalid(
            errors
                .iter()
                .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
                .chain(guarded)
                .collect(),
        )),
    }
}

/// An attachment must be a document of the resource library that is not archived.
pub async fn check_attachment(db: &Db, tr: &Tr, data: &NewsData) -> Result<(), NewsError> {
    let Some(id) = data.attachment else {
        return Ok(());
    };
    match crate::resources::find(db, id).await {
        Ok(resource) if !resource.is_archived => Ok(()),
        Ok(_) | Err(StoreError::NotFound) => Err(NewsError::Invalid(vec![(
            "piece_jointe".to_owned(),
            tr.t("news-error-attachment"),
        )])),
        Err(error) => Err(error.into()),
    }
}

/// Sends an item to the coordinator.
pub async fn propose(
    db: &Db,
    now: DateTime<Utc>,
    author: UserId,
    data: &NewsData,
) -> Result<NewsId, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_item(&mut tx, data, author, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(author),
        AUDIT_NEWS_PROPOSE,
        "news",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The author changes an item not yet decided; it goes back to the coordinator.
pub async fn update_proposal(
    db: &Db,
    now: DateTime<Utc>,
    author: UserId,
    id: NewsId,
    data: &NewsData,
) -> Result<(), NewsError> {
    let mut tx = db.begin().await?;
    let item = store::find_item(&mut tx, id).await?;
    if item.author != Some(author) || !item.status.is_editable_by_author() {
        return Err(NewsError::Forbidden);
    }
    if !store::update_item(&mut tx, id, data, now).await? {
        return Err(NewsError::Forbidden);
    }
    audit::record(
        &mut tx,
        now,
        Some(author),
        AUDIT_NEWS_UPDATE,
        "news",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The coordinator's decision. The note (request for changes, reason for refusing) goes
/// through the privacy guard as `motif`.
pub async fn moderate(
    db: &Db,
    tr: &Tr,
    now: DateTime<Utc>,
    coordinator: &SessionUser,
    id: NewsId,
    decision: &Decision,
) -> Result<Status, NewsError> {
    if coordinator.role != Role::Coordinator {
        return Err(NewsError::Forbidden);
    }
    let note = decision.note();
    if let Err(findings) = crate::privacy::check(note) {
        return Err(NewsError::Invalid(vec![(
            "motif".to_owned(),
            crate::privacy::explain(tr, note, &findings),
        )]));
    }
    let mut tx = db.begin().await?;
    let item = store::find_item(&mut tx, id).await?;
    let next = model::decide(item.status, decision).map_err(NewsError::Moderation)?;
    if !store::set_status(&mut tx, id, item.status, next, note, coordinator.id, now).await? {
        return Err(NewsError::Moderation(ModerationError::AlreadyDecided));
    }
    let action = match next {
        Status::Published => AUDIT_NEWS_PUBLISH,
        Status::ChangesRequested => AUDIT_NEWS_ASK_CHANGES,
        _ => AUDIT_NEWS_REFUSE,
    };
    audit::record(
        &mut tx,
        now,
        Some(coordinator.id),
        action,
        "news",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

pub async fn find(db: &Db, id: NewsId) -> Result<NewsItem, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_item(&mut conn, id).await
}

/// Whether `user` may read `item`: published items are for every staff member; an item in
/// moderation only for its author and the coordinators.
pub fn may_read(user: &SessionUser, item: &NewsItem) -> bool {
    item.status == Status::Published
        || item.author == Some(user.id)
        || user.role == Role::Coordinator
}

/// The staff news feed: every published item, newest first.
pub async fn staff_feed(db: &Db) -> Result<Vec<NewsItem>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_published(&mut conn, false, LIST_LIMIT).await
}

/// The public page and Atom feed: published public items, newest first.
pub async fn public_items(db: &Db) -> Result<Vec<NewsItem>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_published(&mut conn, true, LIST_LIMIT).await
}

/// A published public item, or `NotFound` (nothing else exists for a visitor).
pub async fn find_public(db: &Db, id: NewsId) -> Result<NewsItem, StoreError> {
    let item = find(db, id).await?;
    if item.status == Status::Published && item.data.is_public {
        Ok(item)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The items of one author, whatever their state.
pub async fn items_of(db: &Db, author: UserId) -> Result<Vec<NewsItem>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_by_author(&mut conn, author, LIST_LIMIT).await
}

/// The coordinator's queue: items waiting for a decision or for changes.
pub async fn moderation_queue(db: &Db) -> Result<Vec<NewsItem>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_open(&mut conn).await
}

/// Published events not yet over, soonest first.
pub async fn upcoming_events(
    db: &Db,
    public_only: bool,
    now: DateTime<Utc>,
) -> Result<Vec<NewsItem>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_events(&mut conn, public_only, now).await
}
