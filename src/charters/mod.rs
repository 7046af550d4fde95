//! Charters: the network charter (organisations adhere and assess each commitment), the
//! helpers' charter (every helper signs the current version) and the public charter (shown to
//! participants, printed as a sheet). Versions are immutable; a content hash names the exact
//! text a person was shown. Relais's own default texts (`defaults/*.md`) are published as
//! version 1 of a kind the first time that kind is read (`current_charter`) or by the demo.
//!
//! For other domains: [`helper_has_signed_current`], [`MUST_SIGN_MESSAGE_KEY`] and
//! [`signing_url`] (permanences refuse a helper who has not signed), and
//! [`measures::measure_commitments`] (where permanences add their measures).

pub mod markdown;
pub mod measures;
pub mod model;
pub mod pdf;
mod routes;
pub mod store;
mod views;

pub use model::{
    Assessment, AssessmentStatus, CharterDraft, CharterKind, CharterVersion, Commitment, Measure,
    NewSignature, Signature,
};
pub use routes::router;

use crate::accounts::{self, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

pub const AUDIT_CHARTER_PUBLISH: AuditAction = AuditAction("charter.publish");
pub const AUDIT_CHARTER_SIGN: AuditAction = AuditAction("charter.sign");
pub const AUDIT_CHARTER_ADHERE: AuditAction = AuditAction("charter.adhere");
pub const AUDIT_CHARTER_ASSESS: AuditAction = AuditAction("charter.assess");

/// The catalogue key of the sentence telling a helper they must sign the current helpers'
/// charter first (with a link to [`signing_url`]). For permanences and accompaniments.
pub const MUST_SIGN_MESSAGE_KEY: &str = "charters-must-sign";

/// Where a helper reads and signs the current helpers' charter.
pub fn signing_url() -> &'static str {
    crate::web::urls::CHARTER_SIGN
}

/// Whether `user` has signed the current version of the helpers' charter. False when the
/// helpers' charter was never published (nothing has been signed then). Permanences call it
/// before putting a helper on duty; accompaniments before recording one.
pub async fn helper_has_signed_current(db: &Db, user: UserId) -> Result<bool, StoreError> {
    let mut conn = db.acquire().await?;
    store::has_signed_current_helpers_charter(&mut conn, user).await
}

/// Why a charter operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CharterError {
    /// Form problems: `(field or commitment code, catalogue key)`.
    #[error("invalid input")]
    Invalid(Vec<(String, &'static str)>),
    /// The text shown is no longer the current version: show `current` instead, save nothing.
    #[error("the charter changed since it was shown")]
    Stale(Box<CharterVersion>),
    /// The new text is the same as the current version.
    #[error("nothing changed")]
    Unchanged,
    /// This version was already signed by this person, or adhered to by this organisation.
    #[error("already done")]
    AlreadyDone,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CharterError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

impl From<CharterError> for crate::error::AppError {
    fn from(error: CharterError) -> Self {
        match error {
            CharterError::Store(error) => error.into(),
            other => Self::Internal(anyhow::Error::new(other)),
        }
    }
}

/// The current version of `kind`. When none exists yet, Relais's default text is published
/// as version 1 first (by nobody; concurrent first reads publish it once).
pub async fn current_charter(
    db: &Db,
    now: DateTime<Utc>,
    kind: CharterKind,
) -> Result<CharterVersion, StoreError> {
    {
        let mut conn = db.acquire().await?;
        if let Some(current) = store::find_current_version(&mut conn, kind).await? {
            return Ok(current);
        }
    }
    publish_default(db, now, kind).await?;
    let mut conn = db.acquire().await?;
    store::find_current_version(&mut conn, kind)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Publishes the default text of every kind that has no version yet (the demo calls it).
pub async fn publish_defaults(db: &Db, now: DateTime<Utc>) -> Result<(), StoreError> {
    for kind in CharterKind::ALL {
        current_charter(db, now, kind).await?;
    }
    Ok(())
}

async fn publish_default(db: &Db, now: DateTime<Utc>, kind: CharterKind) -> Result<(), StoreError> {
    let draft = model::parse_default(kind.default_text()).map_err(|error| {
        StoreError::Database(sqlx::Error::Protocol(format!(
            "the default {kind:?} charter does not parse: {error:?}"
        )))
    })?;
    let mut tx = db.begin().await?;
    if let Some(id) = store::insert_version(&mut tx, kind, 1, &draft, now, None).await? {
        audit::record(
            &mut tx,
            now,
            None,
            AUDIT_CHARTER_PUBLISH,
            "charter_version",
            Some(id),
        )
        .await?;
        tracing::info!(
            charter.kind = kind.as_str(),
            "Published the default {kind:?} charter"
        );
    }
    tx.commit().await?;
    Ok(())
}

/// A version by id.
pub async fn find_version(db: &Db, id: i64) -> Result<CharterVersion, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_version(&mut conn, id).await
}

/// Every version of `kind`, newest first (without commitments).
pub async fn list_versions(db: &Db, kind: CharterKind) -> Result<Vec<CharterVersion>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_versions(&mut conn, kind).await
}

/// A coordinator publishes a new version of `kind`. Publishing the helpers' charter asks
/// every helper to sign again (their signature names an older version).
pub async fn publish_charter(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    kind: CharterKind,
    draft: &CharterDraft,
) -> Result<CharterVersion, CharterError> {
    let current = current_charter(db, now, kind).await?;
    if current.content_hash == draft.content_hash(kind) {
        return Err(CharterError::Unchanged);
    }
    let mut tx = db.begin().await?;
    let latest = store::find_current_version(&mut tx, kind).await?;
    let next = latest.map_or(1, |version| version.version + 1);
    let id = store::insert_version(&mut tx, kind, next, draft, now, Some(actor))
        .await?
        .ok_or(StoreError::Conflict {
            constraint: "charter_versions_kind_version".into(),
        })?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_CHARTER_PUBLISH,
        "charter_version",
        Some(id),
    )
    .await?;
    let version = store::find_version(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(
        charter.kind = kind.as_str(),
        charter.version = next,
        "Published version {next} of the {kind:?} charter"
    );
    Ok(version)
}

/// Signs the current helpers' charter. `signature.version_hash` is the version the person
/// read: if the charter changed since, nothing is saved and the new version is returned to be
/// shown. The date is today in Paris.
pub async fn sign_helpers_charter(
    db: &Db,
    now: DateTime<Utc>,
    user: UserId,
    signature: &NewSignature,
) -> Result<Signature, CharterError> {
    let current = current_charter(db, now, CharterKind::Helpers).await?;
    if current.content_hash != signature.version_hash {
        return Err(CharterError::Stale(Box::new(current)));
    }
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let mut tx = db.begin().await?;
    // Checked again inside the transaction: a publication may have landed meanwhile.
    let latest = store::find_current_version(&mut tx, CharterKind::Helpers).await?;
    if latest.as_ref().map(|v| v.id) != Some(current.id) {
        let latest = latest.ok_or(StoreError::NotFound)?;
        return Err(CharterError::Stale(Box::new(latest)));
    }
    let id = store::insert_signature(&mut tx, user, current.id, signature, today, now)
        .await?
        .ok_or(CharterError::AlreadyDone)?;
    audit::record(
        &mut tx,
        now,
        Some(user),
        AUDIT_CHARTER_SIGN,
        "charter_signature",
        Some(id),
    )
    .await?;
    let saved = store::find_signature(&mut tx, id).await?;
    tx.commit().await?;
    Ok(saved)
}

/// A person's most recent signature and the version it names.
pub async fn latest_signature(
    db: &Db,
    user: UserId,
) -> Result<Option<(Signature, CharterVersion)>, StoreError> {
    let mut conn = db.acquire().await?;
    let Some(signature) = store::find_latest_signature(&mut conn, user).await? else {
        return Ok(None);
    };
    let version = store::find_version(&mut conn, signature.charter_version_id).await?;
    Ok(Some((signature, version)))
}

/// Every signature of a person, oldest first (their data export).
pub async fn signatures_of(db: &Db, user: UserId) -> Result<Vec<Signature>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::list_signatures(&mut conn)
        .await?
        .into_iter()
        .filter(|signature| signature.user_id == user.0)
        .collect())
}

/// One signature by id and the version it names (the coordinator's copy).
pub async fn find_signature(db: &Db, id: i64) -> Result<(Signature, CharterVersion), StoreError> {
    let mut conn = db.acquire().await?;
    let signature = store::find_signature(&mut conn, id).await?;
    let version = store::find_version(&mut conn, signature.charter_version_id).await?;
    Ok((signature, version))
}

/// One staff member on the coordinator's signature board.
#[derive(Clone, Debug)]
pub struct SignatureRow {
    pub member: accounts::StaffMember,
    /// Their most recent signature, if any.
    pub latest: Option<Signature>,
    pub has_signed_current: bool,
}

/// Who signed which version, and who must sign the current one (everyone who has not).
pub async fn signature_board(
    db: &Db,
    now: DateTime<Utc>,
    viewer: &SessionUser,
) -> Result<(CharterVersion, Vec<SignatureRow>), StoreError> {
    let current = current_charter(db, now, CharterKind::Helpers).await?;
    let staff = accounts::list_staff(db, viewer).await?;
    let signatures = {
        let mut conn = db.acquire().await?;
        store::list_signatures(&mut conn).await?
    };
    let mut rows: Vec<SignatureRow> = staff
        .into_iter()
        .filter(|member| member.user.is_active && member.user.role != accounts::Role::Coordinator)
        .map(|member| {
            let latest = signatures
                .iter()
                .find(|s| s.user_id == member.user.id.0)
                .cloned();
            SignatureRow {
                has_signed_current: latest
                    .as_ref()
                    .is_some_and(|s| s.charter_version_id == current.id),
                latest,
                member,
            }
        })
        .collect();
    rows.sort_by_key(|row| row.has_signed_current);
    Ok((current, rows))
}

/// An organisation adheres to the current network charter. `version_hash` is the version
/// the manager read (stale versions are refused as for signatures).
pub async fn adhere_to_network_charter(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    organization_id: i64,
    version_hash: &str,
) -> Result<(), CharterError> {
    let current = current_charter(db, now, CharterKind::Network).await?;
    if current.content_hash != version_hash.trim() {
        return Err(CharterError::Stale(Box::new(current)));
    }
    let mut tx = db.begin().await?;
    if !store::insert_adhesion(
        &mut tx,
        organization_id,
        current.id,
        &current.content_hash,
        actor,
        now,
    )
    .await?
    {
        return Err(CharterError::AlreadyDone);
    }
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_CHARTER_ADHERE,
        "organization",
        Some(organization_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves an organisation's self-assessment: `(commitment code, status, comment)` for
/// commitments of the current network charter (unknown codes are refused).
pub async fn save_assessments(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    organization_id: i64,
    answers: &[(String, String, String)],
) -> Result<usize, CharterError> {
    let current = current_charter(db, now, CharterKind::Network).await?;
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    for (code, status, comment) in answers {
        if !current.commitments.iter().any(|c| &c.code == code) {
            return Err(CharterError::Invalid(vec![(
                code.clone(),
                "charters-assess-unknown",
            )]));
        }
        if status.is_empty() && comment.trim().is_empty() {
            continue;
        }
        match model::check_assessment(status, comment) {
            Ok((status, comment)) => checked.push((code.clone(), status, comment)),
            Err(key) => errors.push((code.clone(), key)),
        }
    }
    if !errors.is_empty() {
        return Err(CharterError::Invalid(errors));
    }
    let mut tx = db.begin().await?;
    for (code, status, comment) in &checked {
        store::upsert_assessment(&mut tx, organization_id, code, *status, comment, actor, now)
            .await?;
    }
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_CHARTER_ASSESS,
        "organization",
        Some(organization_id),
    )
    .await?;
    tx.commit().await?;
    Ok(checked.len())
}

/// One commitment of the network charter as an organisation sees it.
#[derive(Clone, Debug)]
pub struct CommitmentState {
    pub commitment: Commitment,
    pub assessment: Option<Assessment>,
    /// What Relais measured; `None` for commitments it does not measure.
    pub measure: Option<Measure>,
}

/// An organisation's standing against the current network charter.
#[derive(Clone, Debug)]
pub struct OrganizationStanding {
    pub organization: crate::organizations::Organization,
    /// The version number of its latest adhesion, if any.
    pub adhered_version: Option<i64>,
    pub adhered_at: Option<DateTime<Utc>>,
    pub commitments: Vec<CommitmentState>,
}

impl OrganizationStanding {
    pub fn has_adhered_to(&self, current: &CharterVersion) -> bool {
        self.adhered_version == Some(current.version)
    }

    /// How many commitments are assessed with `status`.
    pub fn count(&self, status: AssessmentStatus) -> usize {
        self.commitments
            .iter()
            .filter(|c| c.assessment.as_ref().is_some_and(|a| a.status == status))
            .count()
    }
}

/// Each organisation's latest network-charter adhesion: `(organisation, version number)`.
pub async fn latest_adhesions(db: &Db) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::list_latest_adhesions(&mut conn)
        .await?
        .into_iter()
        .map(|adhesion| (adhesion.organization_id, adhesion.version))
        .collect())
}

/// The standing of the given organisations (all when `only` is `None`) against the current
/// network charter, with measured values.
pub async fn standings(
    db: &Db,
    now: DateTime<Utc>,
    only: Option<&[i64]>,
) -> Result<(CharterVersion, Vec<OrganizationStanding>), StoreError> {
    let current = current_charter(db, now, CharterKind::Network).await?;
    let organizations = crate::organizations::list_organizations(db).await?;
    let (adhesions, assessments) = {
        let mut conn = db.acquire().await?;
        (
            store::list_latest_adhesions(&mut conn).await?,
            store::list_assessments(&mut conn, None).await?,
        )
    };
    let mut result = Vec::new();
    for organization in organizations
        .into_iter()
        .filter(|o| only.is_none_or(|ids| ids.contains(&o.id)))
    {
        let measured = measures::measure_commitments(db, organization.id, now).await?;
        let adhesion = adhesions
            .iter()
            .find(|a| a.organization_id == organization.id);
        let commitments = current
            .commitments
            .iter()
            .map(|commitment| CommitmentState {
                assessment: assessments
                    .iter()
                    .find(|a| {
                        a.organization_id == organization.id && a.commitment_code == commitment.code
                    })
                    .cloned(),
                measure: measured.get(&commitment.code).cloned(),
                commitment: commitment.clone(),
            })
            .collect();
        result.push(OrganizationStanding {
            adhered_version: adhesion.map(|a| a.version),
            adhered_at: adhesion.map(|a| a.adhered_at),
            commitments,
            organization,
        });
    }
    Ok((current, result))
}
