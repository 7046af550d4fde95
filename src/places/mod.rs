//! The directory ("annuaire"): the network's places and partners, their opening hours, public
//! search and map, the paper map, and open-data import and export.
//!
//! Public operations live here; `store` holds the SQL, `search` the in-memory index, `import`
//! and `export` the open-data formats, `hours` the opening hours, `paper_map` the printable
//! list and its PDF.

pub mod duplicates;
pub mod export;
pub mod form;
pub mod hours;
pub mod import;
pub mod model;
pub mod paper_map;
pub mod response_cache;
pub mod routes;
pub mod search;
mod staff_routes;
pub mod store;
pub mod views;
pub mod vocab;

pub use model::{
    Closure, Equipment, MediationRecord, Place, PlaceData, PlaceId, PlaceKind, QualityFlag,
    Visibility,
};

use crate::accounts::{Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use duplicates::Candidate;
use import::{Outcome, ParsedImport};
use search::{SearchIndex, SnapshotBuilder};
use std::collections::HashMap;
use store::NewPlaceMeta;

pub const AUDIT_PLACE_CREATE: AuditAction = AuditAction("place.create");
pub const AUDIT_PLACE_UPDATE: AuditAction = AuditAction("place.update");
pub const AUDIT_PLACE_CONFIRM: AuditAction = AuditAction("place.confirm");
pub const AUDIT_PLACE_MERGE: AuditAction = AuditAction("place.merge");
pub const AUDIT_DUPLICATE_DISMISS: AuditAction = AuditAction("place.dismiss_duplicate");
pub const AUDIT_CLOSURE_CREATE: AuditAction = AuditAction("closure.create");
pub const AUDIT_CLOSURE_DELETE: AuditAction = AuditAction("closure.delete");

/// The source name of places created in Relais itself.
pub const RELAIS_SOURCE: &str = "relais";

/// After this many days without confirmation a place is stale on the freshness board.
pub const STALE_AFTER_DAYS: i64 = 183;

/// What an import did to the database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows whose place a coordinator merged into another one: left alone.
    pub merged: usize,
    pub refused: usize,
}

/// Writes the accepted rows of an import in one transaction: new (source, id) pairs are
/// created (in multi-row statements), changed ones updated, identical ones left alone, and
/// those a coordinator merged into another place skipped. With `dry_run` nothing is kept.
pub async fn save_import(
    db: &Db,
    parsed: &ParsedImport,
    now: DateTime<Utc>,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary, StoreError> {
    let mut writer = ImportWriter::begin(db, now).await?;
    let total = parsed.rows.len();
    let mut done = 0;
    for block in parsed.rows.chunks(2000) {
        progress(done, total);
        writer.write(block).await?;
        done += block.len();
    }
    progress(total, total);
    writer.finish(dry_run).await
}

/// An import being written, block after block, in one transaction (see [`save_import`]).
/// The blocks can come while the file is still being normalized (`relais import`).
pub struct ImportWriter {
    tx: crate::storage::Tx,
    now: DateTime<Utc>,
    summary: ImportSummary,
    /// What the database held before, per source: source id → (place, content hash).
    known: HashMap<String, HashMap<String, (PlaceId, String)>>,
    merged: HashMap<String, HashMap<String, PlaceId>>,
}

impl ImportWriter {
    pub async fn begin(db: &Db, now: DateTime<Utc>) -> Result<Self, StoreError> {
        Ok(ImportWriter {
            tx: db.begin().await?,
            now,
            summary: ImportSummary::default(),
            known: HashMap::new(),
            merged: HashMap::new(),
        })
    }

    /// Writes a block of rows (in file order; the parser has already refused a second row
    /// with the same source and id).
    pub async fn write(&mut self, rows: &[import::ImportRow]) -> Result<(), StoreError> {
        /// New places are written in groups of this many.
        const FLUSH_EVERY: usize = 2000;
        let mut pending: Vec<&PlaceData> = Vec::new();
        for row in rows {
            let Some(data) = row
                .data
                .as_ref()
                .filter(|_| row.outcome != Outcome::Refused)
            else {
                self.summary.refused += 1;
                continue;
            };
            let source = &data.record.source;
            if !self.known.contains_key(source) {
                let fingerprints = store::source_fingerprints(&mut self.tx, source).await?;
                self.known.insert(source.clone(), fingerprints);
                let merged_ids = store::merged_source_ids(&mut self.tx, source).await?;
                self.merged.insert(source.clone(), merged_ids);
            }
            if self
                .merged
                .get(source)
                .is_some_and(|ids| ids.contains_key(&data.record.id))
            {
                self.summary.merged += 1;
                continue;
            }
            if let Some((id, stored)) = self
                .known
                .get_mut(source)
                .and_then(|map| map.get_mut(&data.record.id))
            {
                // Only a place already stored needs its fingerprint here; a new one gets it
                // when written.
                let hash = store::content_hash(data);
                if *stored == hash {
                    self.summary.unchanged += 1;
                } else {
                    store::update_place_data(&mut self.tx, *id, data, self.now).await?;
                    *stored = hash;
                    self.summary.updated += 1;
                }
                continue;
            }
            pending.push(data);
            self.summary.created += 1;
            if pending.len() >= FLUSH_EVERY {
                flush_new_places(&mut self.tx, &mut pending, self.now).await?;
            }
        }
        flush_new_places(&mut self.tx, &mut pending, self.now).await
    }

    /// Commits (or, with `dry_run`, rolls back) and says what was done.
    pub async fn finish(mut self, dry_run: bool) -> Result<ImportSummary, StoreError> {
        if self.summary.created + self.summary.updated > 0 {
            store::bump_revision(&mut self.tx).await?;
        }
        if dry_run {
            self.tx.rollback().await?;
        } else {
            self.tx.commit().await?;
        }
        Ok(self.summary)
    }
}

/// Writes the new places an import has gathered.
async fn flush_new_places(
    tx: &mut crate::storage::Tx,
    pending: &mut Vec<&PlaceData>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let rows: Vec<(NewPlaceMeta<'_>, &PlaceData)> = pending
        .drain(..)
        .map(|data| {
            let meta = NewPlaceMeta {
                organization_id: None,
                kind: PlaceKind::Mediation,
                visibility: Visibility::Public,
                source: &data.record.source,
                source_id: &data.record.id,
            };
            (meta, data)
        })
        .collect();
    store::insert_places(tx, &rows, now).await
}

/// Ends a staff change of the directory: bumps the revision (so every server rebuilds its
/// index), records who did it, and commits.
async fn commit_change(
    mut tx: crate::storage::Tx,
    now: DateTime<Utc>,
    actor: UserId,
    action: AuditAction,
    place: PlaceId,
) -> Result<(), StoreError> {
    store::bump_revision(&mut tx).await?;
    audit::record(&mut tx, now, Some(actor), action, "place", Some(place.0)).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `user` may edit places of `organization_id` (coordinators edit every place,
/// managers the places of their organisations).
pub fn can_edit(
    user: &SessionUser,
    user_organizations: &[i64],
    organization_id: Option<i64>,
) -> bool {
    match user.role {
        Role::Coordinator => true,
        Role::Manager => organization_id.is_some_and(|id| user_organizations.contains(&id)),
        Role::Helper => false,
    }
}

pub async fn find_place(db: &Db, id: PlaceId) -> Result<Place, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_place(&mut conn, id).await
}

pub async fn list_places(db: &Db) -> Result<Vec<Place>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_places(&mut conn).await
}

/// Creates a place from the staff form.
pub async fn create_place(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    organization_id: Option<i64>,
    kind: PlaceKind,
    visibility: Visibility,
    mut data: PlaceData,
) -> Result<PlaceId, StoreError> {
    use rand::Rng;
    let source_id = format!("{:016x}", rand::thread_rng().r#gen::<u64>());
    data.record.source = RELAIS_SOURCE.to_owned();
    data.record.id = source_id.clone();
    let mut tx = db.begin().await?;
    let meta = NewPlaceMeta {
        organization_id,
        kind,
        visibility,
        source: RELAIS_SOURCE,
        source_id: &source_id,
    };
    let id = store::insert_place(&mut tx, &meta, &data, now).await?;
    store::confirm_place(&mut tx, id, Some(actor.0), now).await?;
    commit_change(tx, now, actor, AUDIT_PLACE_CREATE, id).await?;
    Ok(id)
}

/// Saves the staff form of an existing place. Saving also confirms the details.
#[allow(clippy::too_many_arguments)]
pub async fn update_place(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PlaceId,
    organization_id: Option<i64>,
    kind: PlaceKind,
    visibility: Visibility,
    mut data: PlaceData,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    let current = store::find_place(&mut tx, id).await?;
    data.record.source = current.record.source.clone();
    data.record.id = current.record.id.clone();
    store::update_place_data(&mut tx, id, &data, now).await?;
    store::update_place_settings(&mut tx, id, organization_id, kind, visibility, now).await?;
    store::confirm_place(&mut tx, id, Some(actor.0), now).await?;
    commit_change(tx, now, actor, AUDIT_PLACE_UPDATE, id).await?;
    Ok(())
}

/// Gives a place to an organisation (whose managers may then edit it).
pub async fn set_organization(
    db: &Db,
    now: DateTime<Utc>,
    id: PlaceId,
    organization_id: Option<i64>,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    let place = store::find_place(&mut tx, id).await?;
    store::update_place_settings(
        &mut tx,
        id,
        organization_id,
        place.kind,
        place.visibility,
        now,
    )
    .await?;
    store::bump_revision(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// "These details are still correct."
pub async fn confirm_place(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PlaceId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::confirm_place(&mut tx, id, Some(actor.0), now).await?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_PLACE_CONFIRM,
        "place",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_closure(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PlaceId,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    message: &str,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    store::find_place(&mut tx, id).await?;
    let closure = store::insert_closure(&mut tx, id, starts_on, ends_on, message, now).await?;
    commit_change(tx, now, actor, AUDIT_CLOSURE_CREATE, id).await?;
    Ok(closure)
}

pub async fn remove_closure(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PlaceId,
    closure_id: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::delete_closure(&mut tx, id, closure_id).await?;
    commit_change(tx, now, actor, AUDIT_CLOSURE_DELETE, id).await?;
    Ok(())
}

/// Keeps `keep` and removes `remove`, moving its closures over. Only a coordinator does it,
/// after looking at both.
pub async fn merge_places(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    keep: PlaceId,
    remove: PlaceId,
) -> Result<(), StoreError> {
    if keep == remove {
        return Err(StoreError::NotFound);
    }
    let mut tx = db.begin().await?;
    let kept = store::find_place(&mut tx, keep).await?;
    let removed = store::find_place(&mut tx, remove).await?;
    let mut data = kept.data();
    data.fill_missing_from(&removed.data());
    if data != kept.data() {
        store::update_place_data(&mut tx, keep, &data, now).await?;
    }
    if kept.organization_id.is_none() && removed.organization_id.is_some() {
        store::update_place_settings(
            &mut tx,
            keep,
            removed.organization_id,
            kept.kind,
            kept.visibility,
            now,
        )
        .await?;
    }
    store::merge_places(&mut tx, keep, remove, now).await?;
    commit_change(tx, now, actor, AUDIT_PLACE_MERGE, keep).await?;
    Ok(())
}

/// The duplicate candidates of the whole directory, best first (for the coordinator).
pub async fn duplicate_candidates(db: &Db) -> Result<(Vec<Place>, Vec<Candidate>), StoreError> {
    let mut conn = db.acquire().await?;
    let places = store::list_places(&mut conn).await?;
    let dismissed = store::list_dismissed_duplicates(&mut conn)
        .await?
        .into_iter()
        .collect();
    let candidates = duplicates::find_candidates(&places, &dismissed);
    Ok((places, candidates))
}

pub async fn dismiss_duplicate(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    a: PlaceId,
    b: PlaceId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::find_place(&mut tx, a).await?;
    store::find_place(&mut tx, b).await?;
    store::dismiss_duplicate(&mut tx, a, b, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_DUPLICATE_DISMISS,
        "place",
        Some(a.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Rebuilds the search index when the directory changed since it was built. Cheap when
/// nothing changed (one small query).
pub async fn refresh_index(
    db: &Db,
    index: &SearchIndex,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut conn = db.acquire().await?;
    let revision = store::current_revision(&mut conn).await?;
    if index
        .snapshot()
        .is_some_and(|snapshot| snapshot.revision() == revision)
    {
        return Ok(());
    }
    // While the new index is built beside the served one, the cached answers make room, and
    // the parsed opening hours are shared rather than parsed and held twice.
    index.responses().pause();
    let built = build_snapshot(&mut conn, index, revision, now).await;
    drop(conn);
    // Whatever happened, searches are cached again from here.
    index.responses().resume();
    index.replace(built?);
    Ok(())
}

/// Reads the directory a page of places at a time (the whole directory is never in memory
/// twice) into a new snapshot.
async fn build_snapshot(
    conn: &mut sqlx::AnyConnection,
    index: &SearchIndex,
    revision: i64,
    now: DateTime<Utc>,
) -> Result<search::Snapshot, StoreError> {
    let mut closures = store::list_all_closures(conn).await?;
    let week_of = now.with_timezone(&hours::TIME_ZONE).date_naive();
    let mut builder = SnapshotBuilder::new(revision, week_of);
    if let Some(previous) = index.snapshot() {
        builder.reuse_hours_of(&previous);
    }
    let mut after = PlaceId(0);
    loop {
        let mut page = store::list_places_after(conn, after, INDEX_PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for place in &mut page {
            place.closures = closures.remove(&place.id).unwrap_or_default();
        }
        builder = blocking(move || {
            for place in &page {
                builder.add(place);
            }
            builder
        })
        .await?;
    }
    blocking(move || builder.finish()).await
}

/// Places read per query when the index is rebuilt.
const INDEX_PAGE: i64 = 2000;

/// Runs CPU-bound index work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| StoreError::Database(sqlx::Error::Protocol(error.to_string())))
}

/// How often a server checks whether another process changed the directory.
pub const INDEX_WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// Keeps the search index in step with the database, including changes made by another
/// server or by `relais import`.
pub fn spawn_index_watch(
    db: Db,
    index: SearchIndex,
    clock: crate::clock::Clock,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INDEX_WATCH_INTERVAL);
        loop {
            ticker.tick().await;
            if let Err(error) = refresh_index(&db, &index, clock.now()).await {
                tracing::warn!(%error, "Could not refresh the directory search index");
            }
        }
    })
}
