//! Prevention sheets: printable one-page sheets in plain French on online risks (phishing,
//! passwords, fake administrative sites, public Wi-Fi, personal data, phone and SMS scams,
//! shared computers…), one per prevention topic of the accompaniment record. Relais's own
//! sheets ship in the binary (`sheets/*.md`); a coordinator's edit or new sheet is stored and
//! wins. Every text goes through the privacy guard; Markdown is rendered with HTML made inert.

pub mod model;
pub mod pdf;
mod routes;
pub mod store;

pub use model::Sheet;
pub use routes::router;

use crate::accounts::UserId;
use crate::audit::{self, AuditAction};
use crate::i18n::Tr;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

pub const AUDIT_SHEET_SAVE: AuditAction = AuditAction("prevention.save");
pub const AUDIT_SHEET_RESET: AuditAction = AuditAction("prevention.reset");

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// French messages per field.
    #[error("invalid form")]
    Invalid(Vec<(String, String)>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SheetError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Every sheet: Relais's own (or their edited versions), then those coordinators added.
pub async fn all_sheets(db: &Db) -> Result<Vec<Sheet>, StoreError> {
    let mut conn = db.acquire().await?;
    let stored = store::list_sheets(&mut conn).await?;
    Ok(model::merge(model::default_sheets(), stored))
}

/// One sheet, or `NotFound`.
pub async fn find_sheet(db: &Db, id: &str) -> Result<Sheet, StoreError> {
    let mut conn = db.acquire().await?;
    if let Some(sheet) = store::find_sheet(&mut conn, id).await? {
        return Ok(sheet);
    }
    model::default_sheets()
        .into_iter()
        .find(|sheet| sheet.id == id)
        .ok_or(StoreError::NotFound)
}

/// Reads the coordinator's form for sheet `id`: its rules, then the privacy guard on every
/// text (all problems at once; nothing refused is kept). A new sheet's id comes from the
/// form's `id` field and must be free.
pub async fn read_form(
    db: &Db,
    tr: &Tr,
    id: Option<&str>,
    pairs: &[(String, String)],
) -> Result<Sheet, SheetError> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let id = match id {
        Some(id) => id.to_owned(),
        None => {
            let id = crate::web::form::field(pairs, "id").to_owned();
            if !model::is_valid_id(&id) {
                errors.push(("id".into(), tr.t("prevention-error-id")));
            } else if find_sheet(db, &id).await.is_ok() {
                errors.push(("id".into(), tr.t("prevention-error-id-taken")));
            }
            id
        }
    };
    let parsed = model::parse_form(&id, pairs);
    if let Err(problems) = &parsed {
        errors.extend(
            problems
                .iter()
                .map(|(field, key)| ((*field).to_owned(), tr.t(key))),
        );
    }
    errors.extend(crate::privacy::check_fields(tr, pairs, &model::TEXT_FIELDS));
    match parsed {
        Ok(sheet) if errors.is_empty() => Ok(sheet),
        _ => Err(SheetError::Invalid(errors)),
    }
}

/// Saves a coordinator's version of a sheet (or a new sheet).
pub async fn save_sheet(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    sheet: &Sheet,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::upsert_sheet(&mut tx, sheet, by, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_SHEET_SAVE,
        "prevention_sheet",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Goes back to Relais's own text of a sheet (removes an added sheet).
pub async fn reset_sheet(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    id: &str,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    if !store::delete_sheet(&mut tx, id).await? {
        return Err(StoreError::NotFound);
    }
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_SHEET_RESET,
        "prevention_sheet",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
