//! Referrals ("passage de relais"): a helper hands a person over to another place of the
//! network or to an external partner, with the person's consent. The person gets a slip
//! (print view and PDF) with a short code; the destination's staff accept, refuse or record
//! the arrival (by the code at the desk); a partner without an account answers through a
//! signed link valid 8 days. Only the two organisations see a referral; coordinators see
//! counts. `jobs::purge_referrals` expires open referrals after 30 days and blanks personal
//! fields once a referral has been closed for `Config::referral_retention`.

pub mod model;
mod routes;
pub mod slip;
pub mod store;
mod views;

pub use model::{Action, Consent, ContactWay, ReferralData, ReferralId, State};
pub use routes::router;

use crate::accounts::model::{hash_secret, new_token};
use crate::accounts::{self, Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::places::{self, PlaceKind};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Duration, Utc};

pub const AUDIT_REFERRAL_CREATE: AuditAction = AuditAction("referral.create");
pub const AUDIT_REFERRAL_LINK: AuditAction = AuditAction("referral.link");
pub const AUDIT_CODE_FAILURE: AuditAction = AuditAction("referral.code_failure");
pub const AUDIT_CODE_THROTTLED: AuditAction = AuditAction("referral.code_throttled");

/// How many referrals the list shows.
pub const LIST_LIMIT: i64 = 100;

/// A stored referral.
#[derive(Clone, Debug)]
pub struct Referral {
    pub id: ReferralId,
    /// As stored; see [`Referral::state_at`] for what people see.
    pub state: State,
    pub sender: Option<UserId>,
    pub sender_name: String,
    pub origin_organization_id: Option<i64>,
    pub origin_name: String,
    pub destination_organization_id: Option<i64>,
    pub destination_name: String,
    pub destination_kind: String,
    pub data: ReferralData,
    pub consent_at: Option<DateTime<Utc>>,
    pub consent_until: Option<DateTime<Utc>>,
    pub code: Option<String>,
    pub refusal_reason: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub purged_at: Option<DateTime<Utc>>,
}

impl Referral {
    pub fn state_at(&self, now: DateTime<Utc>) -> State {
        model::effective_state(self.state, self.expires_at, now)
    }

    /// Received by a partner without staff in Relais: handled through a signed link.
    pub fn needs_link(&self) -> bool {
        self.destination_organization_id.is_none()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReferralError {
    /// Catalogue keys of French messages, per field.
    #[error("invalid form")]
    Invalid(Vec<(&'static str, &'static str)>),
    /// The privacy guard refused a text field: French messages per field.
    #[error("personal data or a secret in a text field")]
    Guarded(Vec<(String, String)>),
    #[error("forbidden")]
    Forbidden,
    /// The move is not possible in the referral's state (or it expired meanwhile).
    #[error("not possible in this state")]
    Closed(State),
    /// Too many wrong codes recently.
    #[error("too many wrong codes")]
    Throttled,
    /// No open referral of the user's organisations has this code.
    #[error("unknown code")]
    UnknownCode,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ReferralError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Which side of a referral a staff member is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The sender, or a manager of the sender's organisation.
    Sender,
    /// Staff of the destination organisation.
    Destination,
    /// Both, when an organisation refers a person to another of its own places.
    Both,
}

impl Side {
    pub fn is_sender(self) -> bool {
        matches!(self, Side::Sender | Side::Both)
    }

    pub fn is_destination(self) -> bool {
        matches!(self, Side::Destination | Side::Both)
    }
}

/// `None` when `user` may not see the referral: only the sender, managers of the sender's
/// organisation and staff of the destination organisation do. Coordinators see counts only.
pub fn side_of(user: &SessionUser, organizations: &[i64], referral: &Referral) -> Option<Side> {
    let in_org = |org: Option<i64>| org.is_some_and(|o| organizations.contains(&o));
    let destination = in_org(referral.destination_organization_id);
    let sender = referral.sender == Some(user.id)
        || (user.role == Role::Manager && in_org(referral.origin_organization_id));
    match (sender, destination) {
        (true, true) => Some(Side::Both),
        (true, false) => Some(Side::Sender),
        (false, true) => Some(Side::Destination),
        (false, false) => None,
    }
}

/// What the creation gives back: the id, and the partner's link when one was issued.
pub struct Created {
    pub id: ReferralId,
    pub link_token: Option<String>,
}

/// Creates a referral by `sender` (a staff member of an organisation, which becomes the
/// origin). When the destination has no staff in Relais, a signed link is issued at once.
pub async fn create(
    db: &Db,
    now: DateTime<Utc>,
    sender: UserId,
    data: &ReferralData,
) -> Result<Created, ReferralError> {
    let organizations = accounts::organization_ids(db, sender).await?;
    let Some(origin) = organizations.first().copied() else {
        return Err(ReferralError::Forbidden);
    };
    let place = match places::find_place(db, data.destination).await {
        Ok(place) => place,
        Err(StoreError::NotFound) => {
            return Err(ReferralError::Invalid(vec![(
                "destination",
                "referrals-error-destination",
            )]));
        }
        Err(error) => return Err(error.into()),
    };
    if place.organization_id.is_none() && place.kind != PlaceKind::Partner {
        return Err(ReferralError::Invalid(vec![(
            "destination",
            "referrals-error-destination",
        )]));
    }
    let mut data = data.clone();
    if let Some(activity) = data.activity {
        // Kept only when the record is the sender's own.
        let own = crate::activities::find(db, crate::activities::ActivityId(activity))
            .await
            .ok()
            .is_some_and(|a| a.helper == Some(sender));
        if !own {
            data.activity = None;
        }
    }
    let mut tx = db.begin().await?;
    let new = store::NewReferral {
        sender,
        origin_organization_id: Some(origin),
        destination_organization_id: place.organization_id,
        destination_kind: place.kind.as_str(),
        code: &model::new_code(),
        expires_at: model::expiry_from(now),
    };
    let id = store::insert_referral(&mut tx, &new, &data, now).await?;
    let link_token = if place.organization_id.is_none() {
        let token = new_token();
        store::replace_link(
            &mut tx,
            id,
            &hash_secret(&token),
            now,
            now + Duration::days(model::LINK_TTL_DAYS),
        )
        .await?;
        Some(token)
    } else {
        None
    };
    audit::record(
        &mut tx,
        now,
        Some(sender),
        AUDIT_REFERRAL_CREATE,
        "referral",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(Created { id, link_token })
}

pub async fn find(db: &Db, id: ReferralId) -> Result<Referral, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_referral(&mut conn, id).await
}

/// A referral and the side `user` is on; `Forbidden` when they may not see it.
pub async fn find_for(
    db: &Db,
    user: &SessionUser,
    id: ReferralId,
) -> Result<(Referral, Side), ReferralError> {
    let referral = find(db, id).await?;
    let organizations = accounts::organization_ids(db, user.id).await?;
    let side = side_of(user, &organizations, &referral).ok_or(ReferralError::Forbidden)?;
    Ok((referral, side))
}

/// Applies `action` in one transaction with its audit entry. `actor` is `None` for a
/// partner using a signed link.
async fn apply(
    db: &Db,
    now: DateTime<Utc>,
    actor: Option<UserId>,
    referral: &Referral,
    action: Action,
    reason: &str,
) -> Result<State, ReferralError> {
    let current = referral.state_at(now);
    let next = model::transition(current, action).map_err(|error| match error {
        model::MoveError::Closed(state) => ReferralError::Closed(state),
        model::MoveError::AlreadyAccepted => ReferralError::Closed(current),
    })?;
    if action == Action::Refuse {
        model::check_reason(reason).map_err(|key| ReferralError::Invalid(vec![("motif", key)]))?;
    }
    let expires_at = if next == State::Accepted {
        model::expiry_from(now)
    } else {
        referral.expires_at
    };
    let mut tx = db.begin().await?;
    let moved = store::move_state(
        &mut tx,
        referral.id,
        referral.state,
        next,
        if action == Action::Refuse { reason } else { "" },
        expires_at,
        now,
    )
    .await?;
    if !moved {
        // Someone else moved it first: say what it is now.
        let fresh = store::find_referral(&mut tx, referral.id).await?;
        return Err(ReferralError::Closed(fresh.state_at(now)));
    }
    audit::record(
        &mut tx,
        now,
        actor,
        AuditAction(action.audit_name()),
        "referral",
        Some(referral.id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// A staff member accepts, refuses, records the arrival of or cancels a referral.
pub async fn act(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    id: ReferralId,
    action: Action,
    reason: &str,
) -> Result<State, ReferralError> {
    let (referral, side) = find_for(db, user, id).await?;
    let allowed = if action.by_destination() {
        side.is_destination()
    } else {
        side.is_sender()
    };
    if !allowed {
        return Err(ReferralError::Forbidden);
    }
    apply(db, now, Some(user.id), &referral, action, reason).await
}

/// Records the arrival of the person who shows the slip's code at a desk of one of `user`'s
/// organisations. Wrong codes are counted per account and per client address (hashed) and
/// audited; too many in 15 minutes refuse further tries.
pub async fn arrive_by_code(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    client_ip: &str,
    typed: &str,
) -> Result<Referral, ReferralError> {
    let (account_key, address_key) = model::code_throttle_keys(user.id.0, client_ip);
    let since = now - Duration::minutes(model::CODE_WINDOW_MINUTES);
    let organizations = accounts::organization_ids(db, user.id).await?;
    let found = {
        let mut conn = db.acquire().await?;
        let for_account = store::count_code_failures_since(&mut conn, &account_key, since).await?;
        let for_address = store::count_code_failures_since(&mut conn, &address_key, since).await?;
        if model::is_code_throttled(for_account, for_address) {
            drop(conn);
            let mut tx = db.begin().await?;
            audit::record(
                &mut tx,
                now,
                Some(user.id),
                AUDIT_CODE_THROTTLED,
                "referral",
                None,
            )
            .await?;
            tx.commit().await?;
            tracing::warn!("Referral code refused: too many recent wrong codes");
            return Err(ReferralError::Throttled);
        }
        match model::normalize_code(typed) {
            Some(code) => store::find_open_by_code(&mut conn, &code, &organizations).await?,
            None => None,
        }
    };
    let Some(referral) = found.filter(|r| r.state_at(now).is_open()) else {
        let mut tx = db.begin().await?;
        store::insert_code_failure(&mut tx, &account_key, now).await?;
        store::insert_code_failure(&mut tx, &address_key, now).await?;
        audit::record(
            &mut tx,
            now,
            Some(user.id),
            AUDIT_CODE_FAILURE,
            "referral",
            None,
        )
        .await?;
        tx.commit().await?;
        return Err(ReferralError::UnknownCode);
    };
    apply(db, now, Some(user.id), &referral, Action::Arrive, "").await?;
    Ok(find(db, referral.id).await?)
}

/// Issues a new signed link for a partner (the old one stops working); only the sender's
/// side, for an open referral to a destination without staff in Relais.
pub async fn renew_link(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    id: ReferralId,
) -> Result<String, ReferralError> {
    let (referral, side) = find_for(db, user, id).await?;
    if !side.is_sender() || !referral.needs_link() {
        return Err(ReferralError::Forbidden);
    }
    let state = referral.state_at(now);
    if !state.is_open() {
        return Err(ReferralError::Closed(state));
    }
    let token = new_token();
    let mut tx = db.begin().await?;
    store::replace_link(
        &mut tx,
        id,
        &hash_secret(&token),
        now,
        now + Duration::days(model::LINK_TTL_DAYS),
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_REFERRAL_LINK,
        "referral",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// What a signed link leads to.
#[derive(Debug)]
pub enum LinkTarget {
    /// The link works: the referral (its state may already be closed).
    Open(Box<Referral>),
    /// The link is past its expiry.
    Expired,
    /// No such link (never issued, replaced, or deleted after the referral closed).
    Unknown,
}

pub async fn follow_link(
    db: &Db,
    now: DateTime<Utc>,
    token: &str,
) -> Result<LinkTarget, StoreError> {
    let mut conn = db.acquire().await?;
    match store::find_link(&mut conn, &hash_secret(token)).await? {
        None => Ok(LinkTarget::Unknown),
        Some((_, expires_at)) if expires_at <= now => Ok(LinkTarget::Expired),
        Some((id, _)) => Ok(LinkTarget::Open(Box::new(
            store::find_referral(&mut conn, id).await?,
        ))),
    }
}

/// A partner answers through a signed link (accept, refuse or the person came).
pub async fn act_by_link(
    db: &Db,
    now: DateTime<Utc>,
    token: &str,
    action: Action,
    reason: &str,
) -> Result<State, ReferralError> {
    let referral = match follow_link(db, now, token).await? {
        LinkTarget::Open(referral) => referral,
        LinkTarget::Expired | LinkTarget::Unknown => return Err(ReferralError::Forbidden),
    };
    if !action.by_destination() {
        return Err(ReferralError::Forbidden);
    }
    apply(db, now, None, &referral, action, reason).await
}

/// When the referral's partner link expires (for the sender's page).
pub async fn link_expiry(db: &Db, id: ReferralId) -> Result<Option<DateTime<Utc>>, StoreError> {
    let mut conn = db.acquire().await?;
    store::link_expiry(&mut conn, id).await
}

/// The referrals a staff member sees: received by their organisations, and sent by them (or
/// by their organisations, for a manager).
pub async fn list_for(
    db: &Db,
    user: &SessionUser,
) -> Result<(Vec<Referral>, Vec<Referral>), StoreError> {
    let organizations = accounts::organization_ids(db, user.id).await?;
    let origins: &[i64] = if user.role == Role::Manager {
        &organizations
    } else {
        &[]
    };
    let mut conn = db.acquire().await?;
    let all =
        store::list_referrals(&mut conn, user.id, origins, &organizations, LIST_LIMIT).await?;
    let (incoming, outgoing) = all.into_iter().partition(|r| {
        r.destination_organization_id
            .is_some_and(|o| organizations.contains(&o))
    });
    Ok((incoming, outgoing))
}

/// Referrals per state, for coordinators.
pub async fn counts(db: &Db) -> Result<Vec<(State, i64)>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::count_by_state(&mut conn)
        .await?
        .into_iter()
        .filter_map(|(state, n)| Some((State::parse(&state)?, n)))
        .collect())
}

/// Places a referral may go to, as `(id, label, is_partner)`.
pub async fn destinations(db: &Db) -> Result<Vec<(places::PlaceId, String, bool)>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::destinations(&mut conn)
        .await?
        .into_iter()
        .map(|(id, name, commune, kind)| (id, format!("{name} ({commune})"), kind == "partner"))
        .collect())
}

/// E-mails a partner's link to the destination place's address when SMTP is configured
/// and the place publishes one. Returns whether it was handed to the relay. Called after
/// the commit, so a mail failure never loses the referral.
pub async fn email_link(
    mailer: &crate::mailer::Mailer,
    db: &Db,
    referral: &Referral,
    link: &str,
) -> bool {
    if !mailer.is_enabled() {
        return false;
    }
    let Ok(place) = places::find_place(db, referral.data.destination).await else {
        return false;
    };
    let Some(address) = place
        .record
        .courriels
        .iter()
        .map(|a| a.trim())
        .find(|a| a.contains('@'))
    else {
        return false;
    };
    let tr = crate::i18n::Tr::french();
    let subject = tr.t1("referrals-email-subject", "place", &place.record.nom);
    let body = tr.t_args(
        "referrals-email-body",
        &[
            ("origin", referral.origin_name.clone()),
            ("link", link.to_owned()),
            ("days", model::LINK_TTL_DAYS.to_string()),
        ],
    );
    match mailer.send(address, &subject, body).await {
        Ok(()) => {
            tracing::info!("Referral link e-mail handed to the SMTP relay");
            true
        }
        Err(error) => {
            tracing::warn!(error = %error, "Referral link e-mail could not be sent");
            false
        }
    }
}
