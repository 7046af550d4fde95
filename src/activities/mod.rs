//! Accompaniment records (activities): what a helper did with a person, never who the person
//! is. Individual records keep an anonymous profile (age band, optional gender, status and
//! commune); collective ones (workshop sessions) keep counts. Only helpers who signed the
//! current helpers' charter record; authors edit their records for 7 days; managers read
//! their organisations' records and coordinators all, without other organisations' notes.

pub mod model;
mod routes;
pub mod store;
mod views;
pub mod vocab;
mod writer;

pub use model::{ActivityData, ActivityId, Kind, Profile};
pub use routes::router;
pub use writer::Recorder;

use crate::accounts::{self, Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::places::PlaceId;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

pub const AUDIT_ACTIVITY_CREATE: AuditAction = AuditAction("activity.create");
pub const AUDIT_ACTIVITY_UPDATE: AuditAction = AuditAction("activity.update");

/// How many records the list pages show.
pub const LIST_LIMIT: i64 = 50;

/// A stored record.
#[derive(Clone, Debug)]
pub struct Activity {
    pub id: ActivityId,
    pub helper: Option<UserId>,
    pub helper_name: String,
    pub organization_id: Option<i64>,
    pub place_name: String,
    pub created_at: DateTime<Utc>,
    pub data: ActivityData,
}

#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    /// The author has not signed the current helpers' charter.
    #[error("the helpers' charter is not signed")]
    CharterNotSigned,
    /// Catalogue keys of French messages, per field.
    #[error("invalid form")]
    Invalid(Vec<(&'static str, &'static str)>),
    /// The privacy guard refused a free-text field: French messages per field.
    #[error("personal data or a secret in a text field")]
    Guarded(Vec<(String, String)>),
    /// More than 7 days old: it cannot change any more.
    #[error("locked")]
    Locked,
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ActivityError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// The places a staff member records at: their organisations' places (all member places for
/// a coordinator), by commune and name.
pub async fn places_for(
    db: &Db,
    user: &SessionUser,
) -> Result<Vec<(PlaceId, String, String)>, StoreError> {
    let organizations = accounts::organization_ids(db, user.id).await?;
    let mut conn = db.acquire().await?;
    let scope = (user.role != Role::Coordinator).then_some(organizations.as_slice());
    store::member_places(&mut conn, scope).await
}

/// Checks what the operation cannot see in the form: the charter, and that the place is one
/// of the author's (any member place for a coordinator). Returns the organisation whose
/// managers will read the record, and the data with its permanence kept only when it is a
/// permanence of that place (the form carries it hidden, from today's duty).
async fn check_author(
    db: &Db,
    user: &SessionUser,
    data: &ActivityData,
) -> Result<(Option<i64>, ActivityData), ActivityError> {
    if !crate::charters::helper_has_signed_current(db, user.id).await? {
        return Err(ActivityError::CharterNotSigned);
    }
    let organizations = accounts::organization_ids(db, user.id).await?;
    let mut data = data.clone();
    let mut conn = db.acquire().await?;
    if let Some(permanence) = data.permanence {
        let place = store::permanence_place(&mut conn, permanence).await?;
        if place.is_none() || place != data.place {
            data.permanence = None;
        }
    }
    let Some(place) = data.place else {
        return Ok((organizations.first().copied(), data));
    };
    let owner = store::place_organization(&mut conn, place).await?;
    match owner {
        Some(owner) if user.role == Role::Coordinator || organizations.contains(&owner) => {
            Ok((Some(owner), data))
        }
        _ => Err(ActivityError::Invalid(vec![(
            "lieu",
            "activities-error-place",
        )])),
    }
}

/// Records an accompaniment by `user`: the checks run at once, the write joins the group
/// commit of the records arriving at the same moment (`writer`).
pub async fn record(
    db: &Db,
    recorder: &Recorder,
    now: DateTime<Utc>,
    user: &SessionUser,
    data: &ActivityData,
) -> Result<ActivityId, ActivityError> {
    let (organization, data) = check_author(db, user, data).await?;
    Ok(recorder.write(user.id, organization, data, now).await?)
}

/// Changes one's own record within 7 days of its creation.
pub async fn update(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    id: ActivityId,
    data: &ActivityData,
) -> Result<(), ActivityError> {
    let current = find(db, id).await?;
    if current.helper != Some(user.id) {
        return Err(ActivityError::Forbidden);
    }
    if !model::is_editable(current.created_at, now) {
        return Err(ActivityError::Locked);
    }
    if current.data.kind != data.kind {
        return Err(ActivityError::Invalid(vec![(
            "type",
            "activities-error-kind",
        )]));
    }
    let (_, data) = check_author(db, user, data).await?;
    let mut tx = db.begin().await?;
    store::update_activity(&mut tx, id, &data, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_ACTIVITY_UPDATE,
        "activity",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn find(db: &Db, id: ActivityId) -> Result<Activity, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_activity(&mut conn, id).await
}

/// What a staff member may see of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    pub can_edit: bool,
    /// The free-text note: only its author and the managers of its organisation read it.
    pub shows_note: bool,
}

/// `None` when `user` may not read the record at all.
pub fn access(
    user: &SessionUser,
    organizations: &[i64],
    activity: &Activity,
    now: DateTime<Utc>,
) -> Option<Access> {
    let is_author = activity.helper == Some(user.id);
    let same_organization = activity
        .organization_id
        .is_some_and(|o| organizations.contains(&o));
    let may_read = is_author
        || user.role == Role::Coordinator
        || (user.role == Role::Manager && same_organization);
    may_read.then(|| Access {
        can_edit: is_author && model::is_editable(activity.created_at, now),
        shows_note: is_author || (user.role != Role::Helper && same_organization),
    })
}

/// The records a staff member reads, newest first: a helper's own, a manager's
/// organisations', a coordinator's network.
pub async fn list_for(
    db: &Db,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<Vec<(Activity, Access)>, StoreError> {
    let organizations = accounts::organization_ids(db, user.id).await?;
    let mut conn = db.acquire().await?;
    let activities = match user.role {
        Role::Helper => store::list_activities(&mut conn, Some(user.id), None, LIST_LIMIT).await?,
        Role::Manager => {
            store::list_activities(&mut conn, None, Some(&organizations), LIST_LIMIT).await?
        }
        Role::Coordinator => store::list_activities(&mut conn, None, None, LIST_LIMIT).await?,
    };
    Ok(activities
        .into_iter()
        .filter_map(|activity| {
            let access = access(user, &organizations, &activity, now)?;
            Some((activity, access))
        })
        .collect())
}

/// The helper's latest record, for "same as my previous entry".
pub async fn previous_of(db: &Db, user: UserId) -> Result<Option<Activity>, StoreError> {
    let mut conn = db.acquire().await?;
    store::latest_of_helper(&mut conn, user).await
}

/// The place and permanence where `user` is on duty today, if any (form defaults).
pub async fn current_duty(
    db: &Db,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Option<(PlaceId, i64)>, StoreError> {
    let today = crate::permanences::today(now);
    let items = crate::permanences::agenda(db, today, today, |_| true).await?;
    Ok(items
        .iter()
        .find(|item| item.occurrence.is_held() && item.helpers.iter().any(|(id, _)| *id == user))
        .map(|item| (item.permanence.place_id, item.permanence.id.0)))
}
