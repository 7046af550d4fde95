//! SQL of charters: versions and their commitments, signatures, adhesions, assessments, and
//! the two aggregate reads behind measured commitments (equipment of an organisation's places,
//! its staff who signed).

use super::model::{
    Assessment, AssessmentStatus, CharterDraft, CharterKind, CharterVersion, Commitment,
    NewSignature, Signature,
};
use crate::accounts::{HelperKind, UserId};
use crate::storage::time::{from_db, to_db};
use crate::storage::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const VERSION_COLUMNS: &str = "id, kind, version, title, body, content_hash, published_at";

fn version_from_row(row: &AnyRow) -> StoreResult<CharterVersion> {
    let kind: String = row.try_get("kind")?;
    Ok(CharterVersion {
        id: row.try_get("id")?,
        kind: CharterKind::parse(&kind).ok_or_else(|| bad_value("kind", &kind))?,
        version: row.try_get("version")?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        commitments: Vec::new(),
        content_hash: row.try_get("content_hash")?,
        published_at: parse_instant(row, "published_at")?,
    })
}

fn bad_value(column: &str, value: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(
        format!("unexpected value {value:?} in {column}").into(),
    ))
}

fn parse_instant(row: &AnyRow, column: &str) -> StoreResult<DateTime<Utc>> {
    let text: String = row.try_get(column)?;
    from_db(&text).map_err(|_| bad_value(column, &text))
}

/// Inserts version `version` of `kind` with its commitments; `None` when that number exists
/// already (another publication won the race).
pub async fn insert_version(
    conn: &mut AnyConnection,
    kind: CharterKind,
    version: i64,
    draft: &CharterDraft,
    now: DateTime<Utc>,
    published_by: Option<UserId>,
) -> StoreResult<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO charter_versions (kind, version, title, body, content_hash, published_at, \
         published_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (kind, version) DO NOTHING RETURNING id",
    )
    .bind(kind.as_str())
    .bind(version)
    .bind(&draft.title)
    .bind(&draft.body)
    .bind(draft.content_hash(kind))
    .bind(to_db(now))
    .bind(published_by.map(|user| user.0))
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    for (position, commitment) in draft.commitments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO charter_commitments (charter_version_id, position, code, text) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&commitment.code)
        .bind(&commitment.text)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Some(id))
}

/// The latest version of `kind`, with its commitments.
pub async fn find_current_version(
    conn: &mut AnyConnection,
    kind: CharterKind,
) -> StoreResult<Option<CharterVersion>> {
    let row = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM charter_versions WHERE kind = $1 \
         ORDER BY version DESC LIMIT 1"
    ))
    .bind(kind.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => {
            let mut version = version_from_row(&row)?;
            version.commitments = list_commitments(conn, version.id).await?;
            Ok(Some(version))
        }
        None => Ok(None),
    }
}

/// One version by id, with its commitments.
pub async fn find_version(conn: &mut AnyConnection, id: i64) -> StoreResult<CharterVersion> {
    let row = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM charter_versions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    let mut version = version_from_row(&row)?;
    version.commitments = list_commitments(conn, id).await?;
    Ok(version)
}

/// Every version of `kind`, newest first, without commitments.
pub async fn list_versions(
    conn: &mut AnyConnection,
    kind: CharterKind,
) -> StoreResult<Vec<CharterVersion>> {
    let rows = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM charter_versions WHERE kind = $1 ORDER BY version DESC"
    ))
    .bind(kind.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(version_from_row).collect()
}

pub async fn list_commitments(
    conn: &mut AnyConnection,
    version_id: i64,
) -> StoreResult<Vec<Commitment>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT code, text FROM charter_commitments WHERE charter_version_id = $1 \
         ORDER BY position",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, text)| Commitment { code, text })
        .collect())
}

const SIGNATURE_COLUMNS: &str = "s.id, s.user_id, s.charter_version_id, v.version, \
    s.content_hash, s.full_name, s.helper_kind, s.signed_at_place, s.signed_on, s.created_at";

fn signature_from_row(row: &AnyRow) -> StoreResult<Signature> {
    let kind: String = row.try_get("helper_kind")?;
    let signed_on: String = row.try_get("signed_on")?;
    Ok(Signature {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        charter_version_id: row.try_get("charter_version_id")?,
        version: row.try_get("version")?,
        content_hash: row.try_get("content_hash")?,
        full_name: row.try_get("full_name")?,
        helper_kind: HelperKind::parse(&kind).ok_or_else(|| bad_value("helper_kind", &kind))?,
        signed_at_place: row.try_get("signed_at_place")?,
        signed_on: NaiveDate::parse_from_str(&signed_on, "%Y-%m-%d")
            .map_err(|_| bad_value("signed_on", &signed_on))?,
        created_at: parse_instant(row, "created_at")?,
    })
}

/// Records a signature; `None` when this user already signed this version.
pub async fn insert_signature(
    conn: &mut AnyConnection,
    user: UserId,
    version_id: i64,
    signature: &NewSignature,
    signed_on: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO charter_signatures (user_id, charter_version_id, content_hash, full_name, \
         helper_kind, signed_at_place, signed_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (user_id, charter_version_id) DO NOTHING RETURNING id",
    )
    .bind(user.0)
    .bind(version_id)
    .bind(&signature.version_hash)
    .bind(&signature.full_name)
    .bind(signature.helper_kind.as_str())
    .bind(&signature.signed_at_place)
    .bind(signed_on.format("%Y-%m-%d").to_string())
    .bind(to_db(now))
    .fetch_optional(conn)
    .await?)
}

pub async fn find_signature(conn: &mut AnyConnection, id: i64) -> StoreResult<Signature> {
    let row = sqlx::query(&format!(
        "SELECT {SIGNATURE_COLUMNS} FROM charter_signatures s \
         JOIN charter_versions v ON v.id = s.charter_version_id WHERE s.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    signature_from_row(&row)
}

/// A user's signature of their most recent signed version, if any.
pub async fn find_latest_signature(
    conn: &mut AnyConnection,
    user: UserId,
) -> StoreResult<Option<Signature>> {
    let row = sqlx::query(&format!(
        "SELECT {SIGNATURE_COLUMNS} FROM charter_signatures s \
         JOIN charter_versions v ON v.id = s.charter_version_id \
         WHERE s.user_id = $1 ORDER BY v.version DESC LIMIT 1"
    ))
    .bind(user.0)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(signature_from_row).transpose()
}

/// Every signature, newest version first (the coordinator's board).
pub async fn list_signatures(conn: &mut AnyConnection) -> StoreResult<Vec<Signature>> {
    let rows = sqlx::query(&format!(
        "SELECT {SIGNATURE_COLUMNS} FROM charter_signatures s \
         JOIN charter_versions v ON v.id = s.charter_version_id \
         ORDER BY v.version DESC, s.id"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(signature_from_row).collect()
}

/// Whether `user` signed the latest version of the helpers' charter (false when none exists).
pub async fn has_signed_current_helpers_charter(
    conn: &mut AnyConnection,
    user: UserId,
) -> StoreResult<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM charter_signatures s \
         JOIN charter_versions v ON v.id = s.charter_version_id \
         WHERE s.user_id = $1 AND v.kind = 'helpers' AND v.version = \
         (SELECT MAX(version) FROM charter_versions WHERE kind = 'helpers')",
    )
    .bind(user.0)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// An organisation's adhesion to a version of the network charter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adhesion {
    pub organization_id: i64,
    pub charter_version_id: i64,
    pub version: i64,
    pub adhered_at: DateTime<Utc>,
}

/// Records an adhesion; false when the organisation already adhered to this version.
pub async fn insert_adhesion(
    conn: &mut AnyConnection,
    organization_id: i64,
    version_id: i64,
    content_hash: &str,
    actor: UserId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO charter_adhesions (organization_id, charter_version_id, content_hash, \
         adhered_by, adhered_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (organization_id, charter_version_id) DO NOTHING",
    )
    .bind(organization_id)
    .bind(version_id)
    .bind(content_hash)
    .bind(actor.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Each organisation's latest adhesion.
pub async fn list_latest_adhesions(conn: &mut AnyConnection) -> StoreResult<Vec<Adhesion>> {
    let rows = sqlx::query(
        "SELECT a.organization_id, a.charter_version_id, v.version, a.adhered_at \
         FROM charter_adhesions a JOIN charter_versions v ON v.id = a.charter_version_id \
         WHERE v.version = (SELECT MAX(v2.version) FROM charter_adhesions a2 \
           JOIN charter_versions v2 ON v2.id = a2.charter_version_id \
           WHERE a2.organization_id = a.organization_id) \
         ORDER BY a.organization_id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Adhesion {
                organization_id: row.try_get("organization_id")?,
                charter_version_id: row.try_get("charter_version_id")?,
                version: row.try_get("version")?,
                adhered_at: parse_instant(row, "adhered_at")?,
            })
        })
        .collect()
}

/// Saves (or replaces) an organisation's assessment of one commitment.
pub async fn upsert_assessment(
    conn: &mut AnyConnection,
    organization_id: i64,
    code: &str,
    status: AssessmentStatus,
    comment: &str,
    actor: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO commitment_assessments (organization_id, commitment_code, status, comment, \
         assessed_by, assessed_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (organization_id, commitment_code) DO UPDATE SET \
         status = excluded.status, comment = excluded.comment, \
         assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at",
    )
    .bind(organization_id)
    .bind(code)
    .bind(status.as_str())
    .bind(comment)
    .bind(actor.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Assessments of one organisation, or of all when `organization_id` is `None`.
pub async fn list_assessments(
    conn: &mut AnyConnection,
    organization_id: Option<i64>,
) -> StoreResult<Vec<Assessment>> {
    let rows = sqlx::query(
        "SELECT organization_id, commitment_code, status, comment, assessed_at \
         FROM commitment_assessments WHERE ($1 IS NULL OR organization_id = $1) \
         ORDER BY organization_id, commitment_code",
    )
    .bind(organization_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(Assessment {
                organization_id: row.try_get("organization_id")?,
                commitment_code: row.try_get("commitment_code")?,
                status: AssessmentStatus::parse(&status)
                    .ok_or_else(|| bad_value("status", &status))?,
                comment: row.try_get("comment")?,
                assessed_at: parse_instant(row, "assessed_at")?,
            })
        })
        .collect()
}

/// How many places of the organisation declare each piece of equipment:
/// `[computers, wifi, printer, scanner]`. Reads the directory's table (an aggregate, as
/// `stats` does), so that the directory keeps no knowledge of charters.
pub async fn count_equipment(
    conn: &mut AnyConnection,
    organization_id: i64,
) -> StoreResult<[i64; 4]> {
    let row = sqlx::query(
        "SELECT \
         COALESCE(SUM(CASE WHEN computers > 0 THEN 1 ELSE 0 END), 0) AS computers, \
         COALESCE(SUM(CASE WHEN has_wifi = 1 THEN 1 ELSE 0 END), 0) AS wifi, \
         COALESCE(SUM(CASE WHEN has_printer = 1 THEN 1 ELSE 0 END), 0) AS printer, \
         COALESCE(SUM(CASE WHEN has_scanner = 1 THEN 1 ELSE 0 END), 0) AS scanner \
         FROM places WHERE organization_id = $1",
    )
    .bind(organization_id)
    .fetch_one(conn)
    .await?;
    Ok([
        row.try_get("computers")?,
        row.try_get("wifi")?,
        row.try_get("printer")?,
        row.try_get("scanner")?,
    ])
}

/// `(active staff of the organisation, those who signed version_id)`.
pub async fn count_staff_signed(
    conn: &mut AnyConnection,
    organization_id: i64,
    version_id: Option<i64>,
) -> StoreResult<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS total, COUNT(s.id) AS signed FROM memberships m \
         JOIN users u ON u.id = m.user_id \
         LEFT JOIN charter_signatures s ON s.user_id = u.id AND s.charter_version_id = $2 \
         WHERE m.organization_id = $1 AND u.is_active = 1",
    )
    .bind(organization_id)
    .bind(version_id)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("total")?, row.try_get("signed")?))
}
