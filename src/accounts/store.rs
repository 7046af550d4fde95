//! All SQL of the accounts domain: users, memberships, sessions, login failures, invitations and
//! password resets. Each query is written once for SQLite and PostgreSQL.

use super::model::{HelperKind, NewUser, Role, SessionUser, User, UserId};
use crate::storage::time::{from_db, to_db};
use crate::storage::{StoreError, StoreResult, flag};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::Row;
use sqlx::any::AnyRow;

const USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.role, u.helper_kind, u.is_active, u.created_at";

fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} {value:?}").into())
}

fn role_from(text: &str) -> Result<Role, sqlx::Error> {
    Role::parse(text).ok_or_else(|| decode_error("role", text))
}

fn kind_from(text: &str) -> Result<HelperKind, sqlx::Error> {
    HelperKind::parse(text).ok_or_else(|| decode_error("helper kind", text))
}

fn user_from_row(row: &AnyRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: role_from(&row.try_get::<String, _>("role")?)?,
        helper_kind: kind_from(&row.try_get::<String, _>("helper_kind")?)?,
        is_active: flag(row.try_get("is_active")?),
        created_at: from_db(&row.try_get::<String, _>("created_at")?)?,
    })
}

pub async fn insert_user(
    conn: &mut AnyConnection,
    user: &NewUser,
    now: DateTime<Utc>,
) -> StoreResult<UserId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, role, helper_kind, is_active, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.display_name.as_str())
    .bind(&user.password_hash)
    .bind(user.role.as_str())
    .bind(user.helper_kind.as_str())
    .bind(to_db(now))
    .fetch_one(conn)
    .await?;
    Ok(UserId(id))
}

pub async fn find_user(conn: &mut AnyConnection, id: UserId) -> StoreResult<User> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"
    ))
    .bind(id.0)
    .fetch_one(conn)
    .await?;
    Ok(user_from_row(&row)?)
}

/// An active account and its password hash, by e-mail.
pub async fn find_login(
    conn: &mut AnyConnection,
    email: &str,
) -> StoreResult<Option<(User, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1 AND u.is_active = 1"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => Ok(Some((user_from_row(&row)?, row.try_get("password_hash")?))),
        None => Ok(None),
    }
}

pub async fn find_password_hash(conn: &mut AnyConnection, id: UserId) -> StoreResult<String> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id.0)
            .fetch_one(conn)
            .await?,
    )
}

pub async fn email_exists(conn: &mut AnyConnection, email: &str) -> StoreResult<bool> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(conn)
        .await?;
    Ok(count > 0)
}

/// Every account, by name.
pub async fn list_users(conn: &mut AnyConnection) -> StoreResult<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users u ORDER BY u.display_name, u.id"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(user_from_row).collect::<Result<_, _>>()?)
}

/// Accounts sharing at least one organisation with `member` (the member included).
pub async fn list_colleagues(conn: &mut AnyConnection, member: UserId) -> StoreResult<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id IN (\
           SELECT m.user_id FROM memberships m WHERE m.organization_id IN (\
             SELECT organization_id FROM memberships WHERE user_id = $1)) \
         ORDER BY u.display_name, u.id"
    ))
    .bind(member.0)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(user_from_row).collect::<Result<_, _>>()?)
}

pub async fn update_password_hash(
    conn: &mut AnyConnection,
    id: UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let done = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(to_db(now))
        .bind(id.0)
        .execute(conn)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Deletes an account; its sessions, memberships and reset links go with it.
pub async fn delete_user(conn: &mut AnyConnection, id: UserId) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id.0)
        .execute(conn)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub async fn count_active_coordinators(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'coordinator' AND is_active = 1",
    )
    .fetch_one(conn)
    .await?)
}

pub async fn insert_membership(
    conn: &mut AnyConnection,
    user: UserId,
    organization_id: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO memberships (user_id, organization_id) VALUES ($1, $2)")
        .bind(user.0)
        .bind(organization_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// `(user id, organisation id, organisation name)` for every membership, by organisation name.
pub async fn list_memberships(conn: &mut AnyConnection) -> StoreResult<Vec<(i64, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT m.user_id, o.id, o.name FROM memberships m \
         JOIN organizations o ON o.id = m.organization_id ORDER BY o.name, o.id",
    )
    .fetch_all(conn)
    .await?)
}

/// `(organisation id, organisation name)` of one account's memberships, by name.
pub async fn list_user_organizations(
    conn: &mut AnyConnection,
    user: UserId,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id \
         WHERE m.user_id = $1 ORDER BY o.name, o.id",
    )
    .bind(user.0)
    .fetch_all(conn)
    .await?)
}

// --- Sessions ---

pub async fn insert_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(to_db(now))
    .bind(to_db(expires_at))
    .execute(conn)
    .await?;
    Ok(())
}

/// A session row with its account.
pub struct SessionRow {
    pub user: SessionUser,
    pub is_active: bool,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn find_session(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<SessionRow>> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS}, s.last_seen_at, s.expires_at FROM sessions s \
         JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let user = user_from_row(&row)?;
    Ok(Some(SessionRow {
        is_active: user.is_active,
        user: SessionUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            helper_kind: user.helper_kind,
            session_hash: token_hash.to_owned(),
        },
        last_seen_at: from_db(&row.try_get::<String, _>("last_seen_at")?)?,
        expires_at: from_db(&row.try_get::<String, _>("expires_at")?)?,
    }))
}

pub async fn touch_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(to_db(now))
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of `user` except `keep` (the one making the request), if given.
pub async fn delete_user_sessions(
    conn: &mut AnyConnection,
    user: UserId,
    keep: Option<&str>,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user.0)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// `(created_at, last_seen_at)` of each open session of `user`, newest first.
pub async fn list_user_sessions(
    conn: &mut AnyConnection,
    user: UserId,
) -> StoreResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at DESC",
    )
    .bind(user.0)
    .fetch_all(conn)
    .await?)
}

/// Deletes sessions past their absolute end or idle since before `idle_cutoff`.
pub async fn delete_sessions_expired(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    idle_cutoff: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(to_db(now))
        .bind(to_db(idle_cutoff))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn count_sessions(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(conn)
        .await?)
}

// --- Login throttling ---

pub async fn insert_login_failure(
    conn: &mut AnyConnection,
    key_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO login_failures (key_hash, failed_at) VALUES ($1, $2)")
        .bind(key_hash)
        .bind(to_db(now))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_login_failures_since(
    conn: &mut AnyConnection,
    key_hash: &str,
    since: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_failures WHERE key_hash = $1 AND failed_at > $2",
    )
    .bind(key_hash)
    .bind(to_db(since))
    .fetch_one(conn)
    .await?)
}

pub async fn delete_login_failures(conn: &mut AnyConnection, key_hash: &str) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM login_failures WHERE key_hash = $1")
        .bind(key_hash)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_login_failures_before(
    conn: &mut AnyConnection,
    cutoff: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM login_failures WHERE failed_at <= $1")
        .bind(to_db(cutoff))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

// --- Invitations ---

/// An invitation as stored (its token is only known by hash).
#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub helper_kind: HelperKind,
    pub organization_id: Option<i64>,
    pub expires_at: DateTime<Utc>,
    pub is_accepted: bool,
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub helper_kind: HelperKind,
    pub organization_id: Option<i64>,
    pub invited_by: UserId,
}

pub async fn insert_invitation(
    conn: &mut AnyConnection,
    invitation: &NewInvitation<'_>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO invitations (token_hash, email, role, helper_kind, organization_id, \
         invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(invitation.token_hash)
    .bind(invitation.email)
    .bind(invitation.role.as_str())
    .bind(invitation.helper_kind.as_str())
    .bind(invitation.organization_id)
    .bind(invitation.invited_by.0)
    .bind(to_db(now))
    .bind(to_db(expires_at))
    .fetch_one(conn)
    .await?)
}

pub async fn find_invitation(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<Invitation>> {
    let row = sqlx::query(
        "SELECT id, email, role, helper_kind, organization_id, expires_at, accepted_at \
         FROM invitations WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Invitation {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        role: role_from(&row.try_get::<String, _>("role")?)?,
        helper_kind: kind_from(&row.try_get::<String, _>("helper_kind")?)?,
        organization_id: row.try_get("organization_id")?,
        expires_at: from_db(&row.try_get::<String, _>("expires_at")?)?,
        is_accepted: row.try_get::<Option<String>, _>("accepted_at")?.is_some(),
    }))
}

/// Marks an invitation used and forgets the invited e-mail. Returns false when it was already
/// used (so two concurrent acceptances cannot both succeed).
pub async fn mark_invitation_accepted(
    conn: &mut AnyConnection,
    id: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $1, email = '' WHERE id = $2 AND accepted_at IS NULL",
    )
    .bind(to_db(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes invitations that were used, or expired before `now`.
pub async fn delete_invitations_finished(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let done =
        sqlx::query("DELETE FROM invitations WHERE accepted_at IS NOT NULL OR expires_at <= $1")
            .bind(to_db(now))
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

pub async fn count_invitations(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM invitations")
        .fetch_one(conn)
        .await?)
}

// --- Password resets ---

#[derive(Clone, Debug)]
pub struct PasswordReset {
    pub id: i64,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    pub is_used: bool,
}

pub async fn insert_password_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: UserId,
    issued_by: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO password_resets (token_hash, user_id, issued_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(issued_by.0)
    .bind(to_db(now))
    .bind(to_db(expires_at))
    .fetch_one(conn)
    .await?)
}

pub async fn find_password_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<PasswordReset>> {
    let row = sqlx::query(
        "SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(PasswordReset {
        id: row.try_get("id")?,
        user_id: UserId(row.try_get("user_id")?),
        expires_at: from_db(&row.try_get::<String, _>("expires_at")?)?,
        is_used: row.try_get::<Option<String>, _>("used_at")?.is_some(),
    }))
}

/// Marks a reset link used; false when it already was.
pub async fn mark_password_reset_used(
    conn: &mut AnyConnection,
    id: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(to_db(now))
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes reset links that were used, or expired before `now`.
pub async fn delete_password_resets_finished(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let done =
        sqlx::query("DELETE FROM password_resets WHERE used_at IS NOT NULL OR expires_at <= $1")
            .bind(to_db(now))
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// (organisation, display name, e-mail) of every active manager, by organisation and name.
pub async fn list_organization_managers(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT m.organization_id, u.display_name, u.email FROM memberships m \
         JOIN users u ON u.id = m.user_id \
         WHERE u.role = 'manager' AND u.is_active = 1 \
         ORDER BY m.organization_id, u.display_name, u.id",
    )
    .fetch_all(conn)
    .await?)
}
