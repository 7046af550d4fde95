//! SQL of referrals, partners' signed links and wrong-code records.

use super::Referral;
use super::model::{Consent, ContactWay, ReferralData, ReferralId, State};
use crate::accounts::UserId;
use crate::places::PlaceId;
use crate::storage::time::{from_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const COLUMNS: &str = "r.id, r.state, r.sender_id, r.origin_organization_id, r.activity_id, \
     r.destination_place_id, r.destination_organization_id, r.destination_kind, r.categories, \
     r.need, r.consent_name, r.consent_contact, r.consent_need, r.consent_at, r.consent_until, \
     r.first_name, r.contact_way, r.contact, r.code, r.refusal_reason, r.created_at, \
     r.expires_at, r.answered_at, r.closed_at, r.purged_at, \
     COALESCE(u.display_name, '') AS sender_name, COALESCE(o.name, '') AS origin_name, \
     COALESCE(p.nom, '') AS destination_name";

const FROM: &str = "referrals r LEFT JOIN users u ON u.id = r.sender_id \
     LEFT JOIN organizations o ON o.id = r.origin_organization_id \
     LEFT JOIN places p ON p.id = r.destination_place_id";

fn decode(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("bad referral {what} {value:?}").into())
}

fn optional_time(row: &AnyRow, column: &str) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| from_db(&text))
        .transpose()
}

fn referral_from_row(row: &AnyRow) -> Result<Referral, sqlx::Error> {
    let state: String = row.try_get("state")?;
    let state = State::parse(&state).ok_or_else(|| decode("state", &state))?;
    let consent_at = optional_time(row, "consent_at")?;
    let way: String = row.try_get("contact_way")?;
    let consent = consent_at.map(|_| Consent {
        first_name: row.try_get("first_name").unwrap_or_default(),
        contact: ContactWay::parse(&way)
            .filter(|_| flag(row.try_get("consent_contact").unwrap_or_default()))
            .map(|way| (way, row.try_get("contact").unwrap_or_default())),
        need: flag(row.try_get("consent_need").unwrap_or_default()),
    });
    Ok(Referral {
        id: ReferralId(row.try_get("id")?),
        state,
        sender: row.try_get::<Option<i64>, _>("sender_id")?.map(UserId),
        sender_name: row.try_get("sender_name")?,
        origin_organization_id: row.try_get("origin_organization_id")?,
        origin_name: row.try_get("origin_name")?,
        destination_organization_id: row.try_get("destination_organization_id")?,
        destination_name: row.try_get("destination_name")?,
        destination_kind: row.try_get("destination_kind")?,
        data: ReferralData {
            destination: PlaceId(
                row.try_get::<Option<i64>, _>("destination_place_id")?
                    .unwrap_or_default(),
            ),
            categories: row
                .try_get::<String, _>("categories")?
                .split('|')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            need: row.try_get("need")?,
            consent,
            activity: row.try_get("activity_id")?,
        },
        consent_at,
        consent_until: optional_time(row, "consent_until")?,
        code: row.try_get("code")?,
        refusal_reason: row.try_get("refusal_reason")?,
        created_at: from_db(&row.try_get::<String, _>("created_at")?)?,
        expires_at: from_db(&row.try_get::<String, _>("expires_at")?)?,
        answered_at: optional_time(row, "answered_at")?,
        closed_at: optional_time(row, "closed_at")?,
        purged_at: optional_time(row, "purged_at")?,
    })
}

/// What `insert_referral` writes besides the form.
pub struct NewReferral<'a> {
    pub sender: UserId,
    pub origin_organization_id: Option<i64>,
    pub destination_organization_id: Option<i64>,
    pub destination_kind: &'a str,
    pub code: &'a str,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_referral(
    conn: &mut AnyConnection,
    new: &NewReferral<'_>,
    data: &ReferralData,
    now: DateTime<Utc>,
) -> StoreResult<ReferralId> {
    let consent = data.consent.as_ref();
    let (way, contact) = match consent.and_then(|c| c.contact.as_ref()) {
        Some((way, contact)) => (way.as_str(), contact.as_str()),
        None => ("", ""),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO referrals (state, sender_id, origin_organization_id, activity_id, \
         destination_place_id, destination_organization_id, destination_kind, categories, need, \
         consent_name, consent_contact, consent_need, consent_at, consent_until, first_name, \
         contact_way, contact, code, created_at, expires_at, updated_at) \
         VALUES ('sent', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
         $17, $18, $19, $18) RETURNING id",
    )
    .bind(new.sender.0)
    .bind(new.origin_organization_id)
    .bind(data.activity)
    .bind(data.destination.0)
    .bind(new.destination_organization_id)
    .bind(new.destination_kind)
    .bind(data.categories.join("|"))
    .bind(&data.need)
    .bind(to_flag(consent.is_some_and(Consent::shares_name)))
    .bind(to_flag(consent.is_some_and(Consent::shares_contact)))
    .bind(to_flag(consent.is_some_and(|c| c.need)))
    .bind(consent.map(|_| to_db(now)))
    .bind(consent.map(|_| to_db(new.expires_at)))
    .bind(consent.map_or("", |c| c.first_name.as_str()))
    .bind(way)
    .bind(contact)
    .bind(new.code)
    .bind(to_db(now))
    .bind(to_db(new.expires_at))
    .fetch_one(conn)
    .await?;
    Ok(ReferralId(id))
}

pub async fn find_referral(conn: &mut AnyConnection, id: ReferralId) -> StoreResult<Referral> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE r.id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(referral_from_row(&row)?)
}

/// The open referral carrying `code` whose destination is one of `organizations`.
pub async fn find_open_by_code(
    conn: &mut AnyConnection,
    code: &str,
    organizations: &[i64],
) -> StoreResult<Option<Referral>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE r.code = $1 AND r.state IN ('sent', 'accepted')"
    ))
    .bind(code)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => {
            let referral = referral_from_row(&row)?;
            Ok(referral
                .destination_organization_id
                .is_some_and(|o| organizations.contains(&o))
                .then_some(referral))
        }
        None => Ok(None),
    }
}

/// Referrals sent by `sender` or from `origins`, and those received by `destinations`, newest
/// first.
pub async fn list_referrals(
    conn: &mut AnyConnection,
    sender: UserId,
    origins: &[i64],
    destinations: &[i64],
    limit: i64,
) -> StoreResult<Vec<Referral>> {
    let list = |ids: &[i64]| {
        if ids.is_empty() {
            "NULL".to_owned()
        } else {
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE r.sender_id = $1 \
         OR r.origin_organization_id IN ({}) OR r.destination_organization_id IN ({}) \
         ORDER BY r.created_at DESC, r.id DESC LIMIT $2",
        list(origins),
        list(destinations)
    );
    let rows = sqlx::query(&sql)
        .bind(sender.0)
        .bind(limit)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .iter()
        .map(referral_from_row)
        .collect::<Result<_, _>>()?)
}

/// Moves a referral from `from` to `to` (nothing when another move came first). Returns
/// whether it moved.
#[allow(clippy::too_many_arguments)]
pub async fn move_state(
    conn: &mut AnyConnection,
    id: ReferralId,
    from: State,
    to: State,
    reason: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let closed = (!to.is_open()).then(|| to_db(now));
    let answered = matches!(to, State::Accepted | State::Refused).then(|| to_db(now));
    let done = sqlx::query(
        "UPDATE referrals SET state = $1, refusal_reason = $2, expires_at = $3, \
         consent_until = CASE WHEN consent_at IS NULL THEN NULL ELSE $3 END, \
         answered_at = COALESCE($4, answered_at), closed_at = $5, updated_at = $6 \
         WHERE id = $7 AND state = $8 AND expires_at > $6",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(to_db(expires_at))
    .bind(answered)
    .bind(closed)
    .bind(to_db(now))
    .bind(id.0)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open referrals past their expiry become expired; returns how many.
pub async fn expire_open(conn: &mut AnyConnection, now: DateTime<Utc>) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE referrals SET state = 'expired', closed_at = expires_at, updated_at = $1 \
         WHERE state IN ('sent', 'accepted') AND expires_at <= $1",
    )
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Blanks what identifies the person (and the texts and code) in referrals closed at or
/// before `cutoff`; counts, states, categories and places stay. Returns how many.
pub async fn blank_closed_before(
    conn: &mut AnyConnection,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE referrals SET first_name = '', contact = '', contact_way = '', need = '', \
         refusal_reason = '', code = NULL, purged_at = $1, updated_at = $1 \
         WHERE purged_at IS NULL AND closed_at IS NOT NULL AND closed_at <= $2",
    )
    .bind(to_db(now))
    .bind(to_db(cutoff))
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Referrals per state (coordinators see only counts).
pub async fn count_by_state(conn: &mut AnyConnection) -> StoreResult<Vec<(String, i64)>> {
    let rows =
        sqlx::query("SELECT state, COUNT(*) AS n FROM referrals GROUP BY state ORDER BY state")
            .fetch_all(conn)
            .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("state")?, row.try_get("n")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

// --- Signed links for partners without an account ---

/// Replaces the referral's link by a new one (one link per referral).
pub async fn replace_link(
    conn: &mut AnyConnection,
    referral: ReferralId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM referral_links WHERE referral_id = $1")
        .bind(referral.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO referral_links (referral_id, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(referral.0)
    .bind(token_hash)
    .bind(to_db(now))
    .bind(to_db(expires_at))
    .execute(conn)
    .await?;
    Ok(())
}

/// The referral and expiry of a link, by the hash of its token.
pub async fn find_link(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<(ReferralId, DateTime<Utc>)>> {
    let row =
        sqlx::query("SELECT referral_id, expires_at FROM referral_links WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(conn)
            .await?;
    match row {
        Some(row) => Ok(Some((
            ReferralId(row.try_get("referral_id")?),
            from_db(&row.try_get::<String, _>("expires_at")?)?,
        ))),
        None => Ok(None),
    }
}

/// When the referral's link expires, if it has one.
pub async fn link_expiry(
    conn: &mut AnyConnection,
    referral: ReferralId,
) -> StoreResult<Option<DateTime<Utc>>> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT MAX(expires_at) FROM referral_links WHERE referral_id = $1")
            .bind(referral.0)
            .fetch_one(conn)
            .await?;
    Ok(text.map(|t| from_db(&t)).transpose()?)
}

/// Deletes links past their expiry and links of closed referrals; returns how many.
pub async fn delete_links_finished(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM referral_links WHERE expires_at <= $1 OR referral_id IN \
         (SELECT id FROM referrals WHERE state NOT IN ('sent', 'accepted'))",
    )
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

// --- Wrong codes ---

pub async fn insert_code_failure(
    conn: &mut AnyConnection,
    key_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO referral_code_failures (key_hash, failed_at) VALUES ($1, $2)")
        .bind(key_hash)
        .bind(to_db(now))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_code_failures_since(
    conn: &mut AnyConnection,
    key_hash: &str,
    since: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM referral_code_failures WHERE key_hash = $1 AND failed_at > $2",
    )
    .bind(key_hash)
    .bind(to_db(since))
    .fetch_one(conn)
    .await?)
}

pub async fn delete_code_failures_before(
    conn: &mut AnyConnection,
    cutoff: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM referral_code_failures WHERE failed_at <= $1")
        .bind(to_db(cutoff))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

// --- Choices of the form ---

/// Places a referral may go to: member places of the network (with an organisation) and
/// partner places, as `(id, name, commune, kind)`, by commune and name.
pub async fn destinations(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(PlaceId, String, String, String)>> {
    let rows = sqlx::query(
        "SELECT id, nom, commune, kind FROM places \
         WHERE organization_id IS NOT NULL OR kind = 'partner' ORDER BY commune, nom, id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                PlaceId(row.try_get("id")?),
                row.try_get("nom")?,
                row.try_get("commune")?,
                row.try_get("kind")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
