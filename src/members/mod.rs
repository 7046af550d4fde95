//! The members' directory, for staff only: each member organisation with its places, the
//! services they offer, its permanences, how many helpers it has, the contact person it chose
//! among its own staff, and where it stands with the network charter, so that members know
//! whom to orient people to. Reads what the other domains own; writes only the contacts.

pub mod model;
mod routes;
pub mod store;

pub use model::{CharterStatus, MemberEntry, StaffContact};
pub use routes::router;

use crate::accounts::{self, Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub const AUDIT_CONTACT_SET: AuditAction = AuditAction("organization.contact.set");
pub const AUDIT_CONTACT_REMOVE: AuditAction = AuditAction("organization.contact.remove");

/// Every member organisation, by name.
pub async fn directory(db: &Db, now: DateTime<Utc>) -> Result<Vec<MemberEntry>, StoreError> {
    let organizations = crate::organizations::list_organizations(db).await?;
    let current = crate::charters::current_charter(db, now, crate::charters::CharterKind::Network)
        .await?
        .version;
    let adhesions: HashMap<i64, i64> = crate::charters::latest_adhesions(db)
        .await?
        .into_iter()
        .collect();
    let mut conn = db.acquire().await?;
    let places = store::member_places(&mut conn).await?;
    let helpers: HashMap<i64, i64> = store::helper_counts(&mut conn).await?.into_iter().collect();
    let mut contacts: HashMap<i64, StaffContact> =
        store::list_contacts(&mut conn).await?.into_iter().collect();
    let permanences = crate::permanences::store::list_permanences(&mut conn).await?;
    let mut entries: Vec<MemberEntry> = organizations
        .into_iter()
        .map(|organization| {
            let mut entry = MemberEntry {
                organization_id: organization.id,
                places: Vec::new(),
                services: Vec::new(),
                permanences: Vec::new(),
                helpers: helpers.get(&organization.id).copied().unwrap_or(0),
                contact: contacts.remove(&organization.id),
                charter: CharterStatus::of(adhesions.get(&organization.id).copied(), current),
                name: organization.name,
            };
            for (owner, place, services) in &places {
                if *owner == entry.organization_id {
                    entry.places.push(place.clone());
                    model::merge_services(&mut entry.services, services.iter().cloned());
                }
            }
            for permanence in &permanences {
                if permanence.organization_id == Some(entry.organization_id) {
                    let schedule = &permanence.data.schedule;
                    let pattern = match schedule.pattern() {
                        crate::permanences::Pattern::Custom(_) => permanence.data.title.clone(),
                        pattern => pattern.describe(),
                    };
                    entry.permanences.push(format!(
                        "{pattern}, {} – {} ({})",
                        crate::permanences::model::french_time(schedule.start_time),
                        crate::permanences::model::french_time(schedule.end_time),
                        permanence.place_name
                    ));
                    model::merge_services(
                        &mut entry.services,
                        permanence.data.services.iter().cloned(),
                    );
                }
            }
            entry
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Whether `user` may choose the contact of `organization`: its managers and coordinators.
pub async fn may_choose_contact(
    db: &Db,
    user: &SessionUser,
    organization: i64,
) -> Result<bool, StoreError> {
    Ok(match user.role {
        Role::Coordinator => true,
        Role::Manager => accounts::organization_ids(db, user.id)
            .await?
            .contains(&organization),
        Role::Helper => false,
    })
}

/// The organisation's active staff, who may be chosen as its contact, and the current choice.
pub async fn contact_choices(
    db: &Db,
    organization: i64,
) -> Result<(Vec<StaffContact>, Option<i64>), StoreError> {
    let mut conn = db.acquire().await?;
    let staff = store::staff_of(&mut conn, organization).await?;
    let current = store::list_contacts(&mut conn)
        .await?
        .into_iter()
        .find(|(id, _)| *id == organization)
        .map(|(_, contact)| contact.user_id);
    Ok((staff, current))
}

#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    /// The chosen person is not one of the organisation's active staff.
    #[error("not a staff member of the organisation")]
    NotStaff,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ContactError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Sets the contact of `organization` (or removes it with `None`). Only one of its own active
/// staff accounts can be chosen.
pub async fn choose_contact(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    organization: i64,
    contact: Option<UserId>,
) -> Result<(), ContactError> {
    let mut tx = db.begin().await?;
    let action = match contact {
        Some(contact) => {
            let staff = store::staff_of(&mut tx, organization).await?;
            if !staff.iter().any(|person| person.user_id == contact.0) {
                return Err(ContactError::NotStaff);
            }
            store::upsert_contact(&mut tx, organization, contact, by, now).await?;
            AUDIT_CONTACT_SET
        }
        None => {
            store::delete_contact(&mut tx, organization).await?;
            AUDIT_CONTACT_REMOVE
        }
    };
    audit::record(
        &mut tx,
        now,
        Some(by),
        action,
        "organization",
        Some(organization),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
