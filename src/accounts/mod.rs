//! Staff accounts (coordinators, managers, helpers): login and server-side sessions, login
//! throttling, invitations, password resets, self-service (password, data export, deletion)
//! and the staff list. Participants never have accounts. Every change is audited in the same
//! transaction. Other domains use only what is exported here.

pub mod model;
mod password;
pub mod routes;
pub mod store;
mod views;

pub use model::{Email, HelperKind, Role, SessionUser, User, UserId};

use crate::audit::{self, AuditAction};
use crate::config::{Config, INVITATION_TTL_DAYS, PASSWORD_RESET_TTL_HOURS};
use crate::organizations::{self, Organization};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Duration, Utc};
use model::{DisplayName, NewUser, check_new_password, hash_secret, new_token};

pub const AUDIT_SESSION_START: AuditAction = AuditAction("session.start");
pub const AUDIT_USER_CREATE: AuditAction = AuditAction("user.create");
pub const AUDIT_USER_DELETE: AuditAction = AuditAction("user.delete");
pub const AUDIT_PASSWORD_CHANGE: AuditAction = AuditAction("user.password_change");
pub const AUDIT_INVITATION_CREATE: AuditAction = AuditAction("invitation.create");
pub const AUDIT_INVITATION_ACCEPT: AuditAction = AuditAction("invitation.accept");
pub const AUDIT_RESET_ISSUE: AuditAction = AuditAction("password_reset.issue");
pub const AUDIT_RESET_USE: AuditAction = AuditAction("password_reset.use");

/// Why an account operation did not happen. `Invalid` carries the catalogue key of a French
/// message for the form.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("invalid input: {0}")]
    Invalid(&'static str),
    #[error("wrong e-mail or password")]
    WrongCredentials,
    #[error("too many failed attempts")]
    Throttled,
    #[error("link expired or already used")]
    Gone,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AccountError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { .. } => Self::Invalid("form-email-taken"),
            other => Self::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<sqlx::Error> for AccountError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::from(error).into()
    }
}

impl From<AccountError> for crate::error::AppError {
    fn from(error: AccountError) -> Self {
        use crate::error::AppError;
        match error {
            AccountError::Gone => AppError::Gone,
            AccountError::Forbidden => AppError::Forbidden,
            AccountError::NotFound => AppError::NotFound,
            AccountError::Internal(error) => AppError::Internal(error),
            other => AppError::BadRequest(crate::i18n::Tr::french().t(other.message_key())),
        }
    }
}

impl AccountError {
    /// The catalogue key of the sentence shown to the person.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Invalid(key) => key,
            Self::WrongCredentials => "login-failed",
            Self::Throttled => "login-throttled",
            Self::Gone => "error-gone-text",
            Self::Forbidden => "error-forbidden-text",
            Self::NotFound => "error-not-found-text",
            Self::Internal(_) => "error-internal-text",
        }
    }
}

type AccountResult<T> = Result<T, AccountError>;

/// The staff member behind a session token, if the session is still valid. Expired sessions
/// are deleted on sight; activity is recorded at most once a minute.
pub async fn authenticate(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    token: &str,
) -> Result<Option<SessionUser>, StoreError> {
    let token_hash = hash_secret(token);
    let mut conn = db.acquire().await?;
    let Some(session) = store::find_session(&mut conn, &token_hash).await? else {
        return Ok(None);
    };
    let is_expired = session.expires_at <= now || session.last_seen_at + config.session_idle <= now;
    if is_expired || !session.is_active {
        store::delete_session(&mut conn, &token_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= Duration::minutes(1) {
        store::touch_session(&mut conn, &token_hash, now).await?;
    }
    Ok(Some(session.user))
}

/// Checks an e-mail and password and opens a new session; returns its token. Unknown e-mail and
/// wrong password fail the same way; too many recent failures (per account or per client
/// address) refuse even a right password. `previous_token`, if any, is ended (a new session id
/// is always issued at login).
pub async fn login(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    email: &str,
    password: &str,
    client_ip: &str,
    previous_token: Option<&str>,
) -> AccountResult<String> {
    let normalized = email.trim().to_lowercase();
    let (account_key, address_key) = model::throttle_keys(&normalized, client_ip);
    let since = now - Duration::minutes(model::THROTTLE_WINDOW_MINUTES);
    let found = {
        let mut conn = db.acquire().await?;
        let for_account = store::count_login_failures_since(&mut conn, &account_key, since).await?;
        let for_address = store::count_login_failures_since(&mut conn, &address_key, since).await?;
        if model::is_throttled(for_account, for_address) {
            tracing::warn!("Login refused: too many recent failures");
            return Err(AccountError::Throttled);
        }
        store::find_login(&mut conn, &normalized).await?
    };
    let (user, stored_hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let is_valid = password::verify_password(password.to_owned(), stored_hash).await?;
    let mut tx = db.begin().await?;
    let Some(user) = user.filter(|_| is_valid) else {
        store::insert_login_failure(&mut tx, &account_key, now).await?;
        store::insert_login_failure(&mut tx, &address_key, now).await?;
        tx.commit().await?;
        return Err(AccountError::WrongCredentials);
    };
    if let Some(previous) = previous_token {
        store::delete_session(&mut tx, &hash_secret(previous)).await?;
    }
    store::delete_login_failures(&mut tx, &account_key).await?;
    let token = new_token();
    store::insert_session(
        &mut tx,
        &hash_secret(&token),
        user.id,
        now,
        now + config.session_max,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_SESSION_START,
        "user",
        Some(user.id.0),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = user.id.0, "Session opened for user {}", user.id.0);
    Ok(token)
}

/// Ends a session.
pub async fn logout(db: &Db, session_hash: &str) -> Result<(), StoreError> {
    let mut conn = db.acquire().await?;
    store::delete_session(&mut conn, session_hash).await?;
    Ok(())
}

/// A staff member and the names of their organisations.
#[derive(Clone, Debug)]
pub struct StaffMember {
    pub user: User,
    pub organizations: Vec<String>,
}

/// The staff a viewer may see: everyone for a coordinator, colleagues of the same
/// organisations for a manager.
pub async fn list_staff(db: &Db, viewer: &SessionUser) -> Result<Vec<StaffMember>, StoreError> {
    let mut conn = db.acquire().await?;
    let users = if viewer.role == Role::Coordinator {
        store::list_users(&mut conn).await?
    } else {
        store::list_colleagues(&mut conn, viewer.id).await?
    };
    let memberships = store::list_memberships(&mut conn).await?;
    Ok(users
        .into_iter()
        .map(|user| StaffMember {
            organizations: memberships
                .iter()
                .filter(|(user_id, _, _)| *user_id == user.id.0)
                .map(|(_, _, name)| name.clone())
                .collect(),
            user,
        })
        .collect())
}

/// Organisations a viewer may invite people into.
pub async fn invitable_organizations(
    db: &Db,
    viewer: &SessionUser,
) -> Result<Vec<Organization>, StoreError> {
    let all = organizations::list_organizations(db).await?;
    if viewer.role == Role::Coordinator {
        return Ok(all);
    }
    let own = user_organization_ids(db, viewer.id).await?;
    Ok(all.into_iter().filter(|o| own.contains(&o.id)).collect())
}

async fn user_organization_ids(db: &Db, user: UserId) -> Result<Vec<i64>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::list_user_organizations(&mut conn, user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// What an inviter asks for.
#[derive(Clone, Debug)]
pub struct InvitationRequest {
    pub email: String,
    pub role: String,
    pub helper_kind: String,
    pub organization_id: Option<i64>,
}

/// Creates a single-use invitation valid 7 days; returns the token for the link.
pub async fn create_invitation(
    db: &Db,
    now: DateTime<Utc>,
    inviter: &SessionUser,
    request: &InvitationRequest,
) -> AccountResult<String> {
    let email = Email::parse(&request.email).map_err(AccountError::Invalid)?;
    let role = Role::parse(&request.role).ok_or(AccountError::Invalid("form-role-invalid"))?;
    let helper_kind = HelperKind::parse(&request.helper_kind)
        .ok_or(AccountError::Invalid("form-kind-invalid"))?;
    if !inviter.role.can_invite(role) {
        return Err(AccountError::Invalid("form-role-not-allowed"));
    }
    let organization_id = if role.needs_organization() {
        let id = request
            .organization_id
            .ok_or(AccountError::Invalid("form-organization-missing"))?;
        let allowed = invitable_organizations(db, inviter).await?;
        if !allowed.iter().any(|o| o.id == id) {
            return Err(AccountError::Invalid("form-organization-not-allowed"));
        }
        Some(id)
    } else {
        None
    };
    let token = new_token();
    let mut tx = db.begin().await?;
    if store::email_exists(&mut tx, email.as_str()).await? {
        return Err(AccountError::Invalid("form-email-taken"));
    }
    let token_hash = hash_secret(&token);
    let invitation = store::NewInvitation {
        token_hash: &token_hash,
        email: email.as_str(),
        role,
        helper_kind,
        organization_id,
        invited_by: inviter.id,
    };
    let expires_at = now + Duration::days(INVITATION_TTL_DAYS);
    let id = store::insert_invitation(&mut tx, &invitation, now, expires_at).await?;
    audit::record(
        &mut tx,
        now,
        Some(inviter.id),
        AUDIT_INVITATION_CREATE,
        "invitation",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The invitation behind a link, if it can still be used.
pub async fn find_open_invitation(
    db: &Db,
    now: DateTime<Utc>,
    token: &str,
) -> AccountResult<store::Invitation> {
    let mut conn = db.acquire().await?;
    match store::find_invitation(&mut conn, &hash_secret(token)).await? {
        Some(invitation) if !invitation.is_accepted && invitation.expires_at > now => {
            Ok(invitation)
        }
        _ => Err(AccountError::Gone),
    }
}

/// Creates the invited account and opens its first session; the link cannot be used again.
pub async fn accept_invitation(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    token: &str,
    display_name: &str,
    password: &str,
    confirmation: &str,
) -> AccountResult<String> {
    let invitation = find_open_invitation(db, now, token).await?;
    let display_name = DisplayName::parse(display_name).map_err(AccountError::Invalid)?;
    check_new_password(password, confirmation).map_err(AccountError::Invalid)?;
    let email = Email::parse(&invitation.email).map_err(AccountError::Invalid)?;
    let password_hash = password::hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    if !store::mark_invitation_accepted(&mut tx, invitation.id, now).await? {
        return Err(AccountError::Gone);
    }
    let new_user = NewUser {
        email,
        display_name,
        password_hash,
        role: invitation.role,
        helper_kind: invitation.helper_kind,
    };
    let user_id = store::insert_user(&mut tx, &new_user, now).await?;
    if let Some(organization_id) = invitation.organization_id {
        store::insert_membership(&mut tx, user_id, organization_id).await?;
    }
    let session = new_token();
    store::insert_session(
        &mut tx,
        &hash_secret(&session),
        user_id,
        now,
        now + config.session_max,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        Some(user_id),
        AUDIT_INVITATION_ACCEPT,
        "invitation",
        Some(invitation.id),
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Changes one's own password; every other session of the account is ended.
pub async fn change_password(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    current: &str,
    new: &str,
    confirmation: &str,
) -> AccountResult<()> {
    let stored = {
        let mut conn = db.acquire().await?;
        store::find_password_hash(&mut conn, user.id).await?
    };
    if !password::verify_password(current.to_owned(), Some(stored)).await? {
        return Err(AccountError::Invalid("form-current-password-wrong"));
    }
    check_new_password(new, confirmation).map_err(AccountError::Invalid)?;
    let hash = password::hash_password(new.to_owned()).await?;
    let mut tx = db.begin().await?;
    store::update_password_hash(&mut tx, user.id, &hash, now).await?;
    store::delete_user_sessions(&mut tx, user.id, Some(&user.session_hash)).await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_PASSWORD_CHANGE,
        "user",
        Some(user.id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator issues a single-use reset link (48 h) for a staff member; returns the token.
pub async fn issue_password_reset(
    db: &Db,
    now: DateTime<Utc>,
    issuer: &SessionUser,
    target: UserId,
) -> AccountResult<(User, String)> {
    if issuer.role != Role::Coordinator {
        return Err(AccountError::Forbidden);
    }
    let token = new_token();
    let mut tx = db.begin().await?;
    let user = store::find_user(&mut tx, target).await?;
    let expires_at = now + Duration::hours(PASSWORD_RESET_TTL_HOURS);
    let id = store::insert_password_reset(
        &mut tx,
        &hash_secret(&token),
        target,
        issuer.id,
        now,
        expires_at,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        Some(issuer.id),
        AUDIT_RESET_ISSUE,
        "password_reset",
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok((user, token))
}

/// The account behind a reset link, if the link can still be used.
pub async fn find_open_password_reset(
    db: &Db,
    now: DateTime<Utc>,
    token: &str,
) -> AccountResult<(store::PasswordReset, User)> {
    let mut conn = db.acquire().await?;
    match store::find_password_reset(&mut conn, &hash_secret(token)).await? {
        Some(reset) if !reset.is_used && reset.expires_at > now => {
            let user = store::find_user(&mut conn, reset.user_id).await?;
            Ok((reset, user))
        }
        _ => Err(AccountError::Gone),
    }
}

/// Sets a new password through a reset link; all sessions of the account are ended.
pub async fn use_password_reset(
    db: &Db,
    now: DateTime<Utc>,
    token: &str,
    new: &str,
    confirmation: &str,
) -> AccountResult<()> {
    let (reset, user) = find_open_password_reset(db, now, token).await?;
    check_new_password(new, confirmation).map_err(AccountError::Invalid)?;
    let hash = password::hash_password(new.to_owned()).await?;
    let mut tx = db.begin().await?;
    if !store::mark_password_reset_used(&mut tx, reset.id, now).await? {
        return Err(AccountError::Gone);
    }
    store::update_password_hash(&mut tx, user.id, &hash, now).await?;
    store::delete_user_sessions(&mut tx, user.id, None).await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_RESET_USE,
        "password_reset",
        Some(reset.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everything Relais keeps about a staff member, as JSON (right of access and portability).
pub async fn export_my_data(db: &Db, user: &SessionUser) -> Result<serde_json::Value, StoreError> {
    let mut conn = db.acquire().await?;
    let account = store::find_user(&mut conn, user.id).await?;
    let organizations: Vec<String> = store::list_user_organizations(&mut conn, user.id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let sessions = store::list_user_sessions(&mut conn, user.id).await?;
    let actions = audit::list_by_actor(&mut conn, user.id).await?;
    Ok(serde_json::json!({
        "account": {
            "email": account.email,
            "display_name": account.display_name,
            "role": account.role.as_str(),
            "helper_kind": account.helper_kind.as_str(),
            "created_at": crate::storage::time::to_db(account.created_at),
        },
        "organizations": organizations,
        "sessions": sessions.iter().map(|(created, seen)| serde_json::json!({
            "opened_at": created, "last_activity_at": seen,
        })).collect::<Vec<_>>(),
        "actions": actions.iter().map(|entry| serde_json::json!({
            "at": crate::storage::time::to_db(entry.occurred_at),
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
        })).collect::<Vec<_>>(),
    }))
}

/// Deletes one's own account after checking the password. The last coordinator cannot leave
/// the network without one.
pub async fn delete_my_account(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    password_text: &str,
) -> AccountResult<()> {
    let stored = {
        let mut conn = db.acquire().await?;
        store::find_password_hash(&mut conn, user.id).await?
    };
    if !password::verify_password(password_text.to_owned(), Some(stored)).await? {
        return Err(AccountError::Invalid("form-current-password-wrong"));
    }
    let mut tx = db.begin().await?;
    if user.role == Role::Coordinator && store::count_active_coordinators(&mut tx).await? <= 1 {
        return Err(AccountError::Invalid("form-last-coordinator"));
    }
    store::delete_user(&mut tx, user.id).await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_USER_DELETE,
        "user",
        Some(user.id.0),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        user.id = user.id.0,
        "Account {} deleted at its owner's request",
        user.id.0
    );
    Ok(())
}

/// An account created outside an invitation (command line, demo).
pub struct AccountRequest<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub helper_kind: HelperKind,
    pub organization_ids: &'a [i64],
}

/// Creates an account directly (used by `relais create-admin` and the demo).
pub async fn create_account(
    db: &Db,
    now: DateTime<Utc>,
    request: &AccountRequest<'_>,
) -> AccountResult<UserId> {
    let email = Email::parse(request.email).map_err(AccountError::Invalid)?;
    let display_name = DisplayName::parse(request.display_name).map_err(AccountError::Invalid)?;
    check_new_password(request.password, request.password).map_err(AccountError::Invalid)?;
    let password_hash = password::hash_password(request.password.to_owned()).await?;
    let mut tx = db.begin().await?;
    if store::email_exists(&mut tx, email.as_str()).await? {
        return Err(AccountError::Invalid("form-email-taken"));
    }
    let new_user = NewUser {
        email,
        display_name,
        password_hash,
        role: request.role,
        helper_kind: request.helper_kind,
    };
    let id = store::insert_user(&mut tx, &new_user, now).await?;
    for organization_id in request.organization_ids {
        store::insert_membership(&mut tx, id, *organization_id).await?;
    }
    audit::record(&mut tx, now, None, AUDIT_USER_CREATE, "user", Some(id.0)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Names of the organisations a staff member belongs to.
pub async fn organization_names(db: &Db, user: UserId) -> Result<Vec<String>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::list_user_organizations(&mut conn, user)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect())
}

/// Ids of the organisations a staff member belongs to.
pub async fn organization_ids(db: &Db, user: UserId) -> Result<Vec<i64>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::list_user_organizations(&mut conn, user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// For each organisation, its active managers as "Name <e-mail>" (who to ask about a place).
pub async fn manager_contacts(
    db: &Db,
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    let mut conn = db.acquire().await?;
    let rows = store::list_organization_managers(&mut conn).await?;
    let mut contacts: std::collections::HashMap<i64, Vec<String>> =
        std::collections::HashMap::new();
    for (organization, name, email) in rows {
        contacts
            .entry(organization)
            .or_default()
            .push(format!("{name} <{email}>"));
    }
    Ok(contacts
        .into_iter()
        .map(|(organization, people)| (organization, people.join(", ")))
        .collect())
}

/// What happened to the e-mail copy of an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationEmail {
    /// No SMTP relay is configured: the link is only shown on screen.
    NotConfigured,
    Sent,
    /// Sending failed; the link shown on screen still works.
    Failed,
}

/// E-mails the invitation link to the invited person when an SMTP relay is configured.
/// Called after the invitation is committed, so a mail failure never loses it.
pub async fn email_invitation(
    mailer: &crate::mailer::Mailer,
    db: &Db,
    request: &InvitationRequest,
    link: &str,
) -> InvitationEmail {
    if !mailer.is_enabled() {
        return InvitationEmail::NotConfigured;
    }
    let tr = crate::i18n::Tr::french();
    let (Ok(email), Some(role)) = (Email::parse(&request.email), Role::parse(&request.role)) else {
        return InvitationEmail::Failed;
    };
    let network = match crate::network::find_network(db).await {
        Ok(Some(network)) => network.name,
        _ => "Relais".to_owned(),
    };
    let subject = tr.t1("email-invitation-subject", "network", &network);
    let body = tr.t_args(
        "email-invitation-body",
        &[
            ("network", network.clone()),
            ("role", tr.t(role.label_key())),
            ("link", link.to_owned()),
        ],
    );
    match mailer.send(email.as_str(), &subject, body).await {
        Ok(()) => {
            tracing::info!("Invitation e-mail handed to the SMTP relay");
            InvitationEmail::Sent
        }
        Err(error) => {
            tracing::warn!(error = %error, "Invitation e-mail could not be sent");
            InvitationEmail::Failed
        }
    }
}
