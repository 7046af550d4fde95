//! Member organisations (structures) of the network: name, identifier (SIRET, RNA, RIDET),
//! type codes of the field and contacts. Their places live in `places`.

pub mod model;
mod routes;
pub mod store;

pub use model::OrganizationDetails;
pub use routes::router;

use crate::accounts::UserId;
use crate::audit::{self, AuditAction};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

pub const AUDIT_ORGANIZATION_CREATE: AuditAction = AuditAction("organization.create");
pub const AUDIT_ORGANIZATION_UPDATE: AuditAction = AuditAction("organization.update");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: i64,
    pub name: String,
}

pub async fn list_organizations(db: &Db) -> Result<Vec<Organization>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_organizations(&mut conn).await
}

pub async fn create_organization(
    db: &Db,
    now: DateTime<Utc>,
    name: &str,
) -> Result<Organization, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_organization(&mut tx, name.trim(), now).await?;
    tx.commit().await?;
    Ok(Organization {
        id,
        name: name.trim().to_owned(),
    })
}

pub async fn find_organization(db: &Db, id: i64) -> Result<OrganizationDetails, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_organization(&mut conn, id).await
}

/// Creates an organisation from the staff form (a coordinator's action).
pub async fn create_with_details(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    details: &OrganizationDetails,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_organization(&mut tx, &details.name, now).await?;
    store::update_organization(&mut tx, id, details).await?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_ORGANIZATION_CREATE,
        "organization",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_organization(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: i64,
    details: &OrganizationDetails,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::update_organization(&mut tx, id, details).await?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_ORGANIZATION_UPDATE,
        "organization",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
