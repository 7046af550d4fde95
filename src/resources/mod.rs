//! The shared resource library: staff share links and files by category (animation tools,
//! communication kits, prevention, regulation, training); the coordinator features or
//! archives them. Files are checked from their content (`upload`) and kept in the data folder
//! under the SHA-256 of their bytes; downloads are always attachments with the checked type.
//! Files need a folder: `RELAIS_FILES_DIR`, or beside the SQLite database; with PostgreSQL and
//! no folder set, only links are offered
//! (an S3-compatible bucket is not supported yet).

pub mod model;
pub mod routes;
pub mod store;
pub mod upload;

pub use model::{Category, ResourceInfo};
pub use routes::router;
pub use store::{Content, Resource};

use crate::accounts::UserId;
use crate::audit::{self, AuditAction};
use crate::config::Config;
use crate::storage::{DatabaseUrl, Db, StoreError};
use anyhow::Context;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const AUDIT_RESOURCE_ADD: AuditAction = AuditAction("resource.add");
pub const AUDIT_RESOURCE_FLAGS: AuditAction = AuditAction("resource.flags");

/// Where files are kept: a `ressources` folder in `RELAIS_FILES_DIR` when it is set (the way
/// with PostgreSQL; several servers share it, e.g. a network mount), else beside the SQLite
/// database; none with PostgreSQL and no folder set.
pub fn files_dir(config: &Config) -> Option<PathBuf> {
    if let Some(dir) = &config.files_dir {
        return Some(dir.join("ressources"));
    }
    match DatabaseUrl::parse(&config.database_url).ok()? {
        DatabaseUrl::Sqlite(path) => Some(
            path.parent()
                .unwrap_or_else(|| Path::new("."))
                .join("ressources"),
        ),
        DatabaseUrl::Postgres(_) => None,
    }
}

/// What the list shows: one category or all, words to find, archived ones or not.
#[derive(Clone, Debug, Default)]
pub struct ResourceFilter {
    pub category: Option<Category>,
    pub words: String,
    pub archived: bool,
}

pub async fn list(db: &Db, filter: &ResourceFilter) -> Result<Vec<Resource>, StoreError> {
    let mut conn = db.acquire().await?;
    let words: Vec<String> = crate::text::fold(&filter.words)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    Ok(store::list_resources(&mut conn)
        .await?
        .into_iter()
        .filter(|r| r.is_archived == filter.archived)
        .filter(|r| filter.category.is_none_or(|c| r.info.category == c))
        .filter(|r| {
            let text = crate::text::fold(&format!("{} {}", r.info.title, r.info.description));
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect())
}

pub async fn find(db: &Db, id: i64) -> Result<Resource, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_resource(&mut conn, id).await
}

async fn insert(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    info: &ResourceInfo,
    content: &Content,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_resource(&mut tx, info, content, by, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_RESOURCE_ADD,
        "resource",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_link(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    info: &ResourceInfo,
    url: &str,
) -> Result<i64, StoreError> {
    insert(db, now, by, info, &Content::Link(url.to_owned())).await
}

/// A file that passed `upload::check`.
pub struct CheckedFile {
    pub name: String,
    pub file_type: upload::FileType,
    pub bytes: Vec<u8>,
}

/// Keeps a checked file in `dir`, then records it. The bytes are written under their hash to
/// a temporary name and renamed, so a half-written file never has a final name.
pub async fn add_file(
    db: &Db,
    dir: &Path,
    now: DateTime<Utc>,
    by: UserId,
    info: &ResourceInfo,
    file: CheckedFile,
) -> anyhow::Result<i64> {
    let CheckedFile {
        name,
        file_type,
        bytes,
    } = file;
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let size = i64::try_from(bytes.len()).context("file size")?;
    tokio::fs::create_dir_all(dir)
        .await
        .with_context(|| format!("creating {}", dir.display()))?;
    let target = dir.join(&sha256);
    if tokio::fs::metadata(&target).await.is_err() {
        let temporary = dir.join(format!("{sha256}.part"));
        tokio::fs::write(&temporary, &bytes)
            .await
            .with_context(|| format!("writing {}", temporary.display()))?;
        tokio::fs::rename(&temporary, &target)
            .await
            .with_context(|| format!("renaming {}", temporary.display()))?;
    }
    let content = Content::File {
        name: name.trim().to_owned(),
        file_type,
        sha256,
        size,
    };
    Ok(insert(db, now, by, info, &content).await?)
}

/// The bytes of a file resource.
pub async fn read_file(dir: &Path, sha256: &str) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(
        sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()),
        "bad stored hash"
    );
    let path = dir.join(sha256);
    tokio::fs::read(&path)
        .await
        .with_context(|| format!("reading {}", path.display()))
}

/// Features or archives a resource (coordinators).
pub async fn set_flags(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    id: i64,
    is_featured: bool,
    is_archived: bool,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    if !store::set_flags(&mut tx, id, is_featured, is_archived, now).await? {
        return Err(StoreError::NotFound);
    }
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_RESOURCE_FLAGS,
        "resource",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
