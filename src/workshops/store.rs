//! SQL of workshops, their sessions, helpers and registrations.

use super::model::{RegistrationData, RegistrationStatus, WorkshopData, WorkshopId};
use crate::accounts::UserId;
use crate::places::PlaceId;
use crate::storage::time::{date_from_db, date_to_db, from_db, time_from_db, time_to_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A workshop with its place.
#[derive(Clone, Debug)]
pub struct Workshop {
    pub id: WorkshopId,
    pub place: PlaceId,
    pub place_name: String,
    pub place_address: String,
    pub place_commune: String,
    pub place_is_public: bool,
    pub organization_id: Option<i64>,
    pub title: String,
    pub themes: Vec<String>,
    pub level: String,
    pub description: String,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub confirmed: i64,
    pub cancelled: bool,
    pub cancel_reason: String,
}

impl Workshop {
    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub workshop: WorkshopId,
    pub on_date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub activity: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub id: i64,
    pub workshop: WorkshopId,
    pub first_name: String,
    pub contact: String,
    pub status: RegistrationStatus,
    pub by_staff: bool,
    pub created_at: DateTime<Utc>,
}

const WORKSHOP_COLUMNS: &str = "w.id, w.place_id, w.organization_id, w.title, w.themes, \
     w.level, w.description, w.duration_minutes, w.capacity, w.confirmed, w.status, \
     w.cancel_reason, p.nom, p.adresse, p.code_postal, p.commune, p.visibility";

const WORKSHOP_FROM: &str = "workshops w JOIN places p ON p.id = w.place_id";

fn workshop_from_row(row: &AnyRow) -> Result<Workshop, sqlx::Error> {
    let themes: String = row.try_get("themes")?;
    let adresse: String = row.try_get("adresse")?;
    let code_postal: String = row.try_get("code_postal")?;
    let commune: String = row.try_get("commune")?;
    Ok(Workshop {
        id: WorkshopId(row.try_get("id")?),
        place: PlaceId(row.try_get("place_id")?),
        place_name: row.try_get("nom")?,
        place_address: [adresse.as_str(), code_postal.as_str(), commune.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
        place_commune: commune,
        place_is_public: row.try_get::<String, _>("visibility")? == "public",
        organization_id: row.try_get("organization_id")?,
        title: row.try_get("title")?,
        themes: themes
            .split('|')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        level: row.try_get("level")?,
        description: row.try_get("description")?,
        duration_minutes: row.try_get("duration_minutes")?,
        capacity: row.try_get("capacity")?,
        confirmed: row.try_get("confirmed")?,
        cancelled: row.try_get::<String, _>("status")? == "cancelled",
        cancel_reason: row.try_get("cancel_reason")?,
    })
}

fn session_from_row(row: &AnyRow) -> Result<Session, sqlx::Error> {
    Ok(Session {
        id: row.try_get("id")?,
        workshop: WorkshopId(row.try_get("workshop_id")?),
        on_date: date_from_db(&row.try_get::<String, _>("on_date")?)?,
        start: time_from_db(&row.try_get::<String, _>("start_time")?)?,
        end: time_from_db(&row.try_get::<String, _>("end_time")?)?,
        activity: row.try_get("activity_id")?,
    })
}

fn registration_from_row(row: &AnyRow) -> Result<Registration, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Registration {
        id: row.try_get("id")?,
        workshop: WorkshopId(row.try_get("workshop_id")?),
        first_name: row.try_get("first_name")?,
        contact: row.try_get("contact")?,
        status: RegistrationStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("bad status {status:?}").into()))?,
        by_staff: flag(row.try_get("by_staff")?),
        created_at: from_db(&row.try_get::<String, _>("created_at")?)?,
    })
}

pub async fn insert_workshop(
    conn: &mut AnyConnection,
    data: &WorkshopData,
    organization: Option<i64>,
    author: UserId,
    now: DateTime<Utc>,
) -> StoreResult<WorkshopId> {
    let row = sqlx::query(
        "INSERT INTO workshops (place_id, organization_id, title, themes, level, description, \
         duration_minutes, capacity, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(data.place.0)
    .bind(organization)
    .bind(&data.title)
    .bind(data.themes.join("|"))
    .bind(&data.level)
    .bind(&data.description)
    .bind(data.duration_minutes)
    .bind(data.capacity)
    .bind(author.0)
    .bind(to_db(now))
    .fetch_one(&mut *conn)
    .await?;
    let id = WorkshopId(row.try_get("id")?);
    for day in data.dates() {
        sqlx::query(
            "INSERT INTO workshop_sessions (workshop_id, on_date, start_time, end_time) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(date_to_db(day))
        .bind(time_to_db(data.start))
        .bind(time_to_db(data.end()))
        .execute(&mut *conn)
        .await?;
    }
    for helper in &data.helpers {
        sqlx::query("INSERT INTO workshop_helpers (workshop_id, user_id) VALUES ($1, $2)")
            .bind(id.0)
            .bind(helper)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

pub async fn find_workshop(conn: &mut AnyConnection, id: WorkshopId) -> StoreResult<Workshop> {
    let row = sqlx::query(&format!(
        "SELECT {WORKSHOP_COLUMNS} FROM {WORKSHOP_FROM} WHERE w.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(workshop_from_row(&row)?)
}

/// Workshops with at least one session between `from` and `to`, and those sessions.
pub async fn between(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<(Vec<Workshop>, Vec<Session>)> {
    let workshops = sqlx::query(&format!(
        "SELECT {WORKSHOP_COLUMNS} FROM {WORKSHOP_FROM} WHERE w.id IN \
         (SELECT workshop_id FROM workshop_sessions WHERE on_date >= $1 AND on_date <= $2) \
         ORDER BY w.id"
    ))
    .bind(date_to_db(from))
    .bind(date_to_db(to))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(workshop_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    let sessions = sqlx::query(
        "SELECT id, workshop_id, on_date, start_time, end_time, activity_id \
         FROM workshop_sessions WHERE on_date >= $1 AND on_date <= $2 \
         ORDER BY on_date, start_time, id",
    )
    .bind(date_to_db(from))
    .bind(date_to_db(to))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(session_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    Ok((workshops, sessions))
}

/// Every session (in or out of the window) of the workshops with a session between `from` and
/// `to`: one query for a whole agenda's series ranks.
pub async fn series_between(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<Session>> {
    Ok(sqlx::query(
        "SELECT id, workshop_id, on_date, start_time, end_time, activity_id \
         FROM workshop_sessions WHERE workshop_id IN \
         (SELECT workshop_id FROM workshop_sessions WHERE on_date >= $1 AND on_date <= $2) \
         ORDER BY workshop_id, on_date, start_time",
    )
    .bind(date_to_db(from))
    .bind(date_to_db(to))
    .fetch_all(conn)
    .await?
    .iter()
    .map(session_from_row)
    .collect::<Result<Vec<_>, _>>()?)
}

pub async fn sessions_of(conn: &mut AnyConnection, id: WorkshopId) -> StoreResult<Vec<Session>> {
    Ok(sqlx::query(
        "SELECT id, workshop_id, on_date, start_time, end_time, activity_id \
         FROM workshop_sessions WHERE workshop_id = $1 ORDER BY on_date, start_time",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?
    .iter()
    .map(session_from_row)
    .collect::<Result<Vec<_>, _>>()?)
}

pub async fn helpers_of(
    conn: &mut AnyConnection,
    id: WorkshopId,
) -> StoreResult<Vec<(UserId, String)>> {
    Ok(sqlx::query(
        "SELECT u.id, u.display_name FROM workshop_helpers h JOIN users u ON u.id = h.user_id \
         WHERE h.workshop_id = $1 ORDER BY u.display_name",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|row| Ok((UserId(row.try_get("id")?), row.try_get("display_name")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?)
}

/// Takes one seat if one is left: the check and the change are one statement, so two people
/// registering at the same time cannot both take the last seat (PostgreSQL re-reads the row
/// after the other transaction; SQLite runs one writer at a time).
pub async fn take_seat(conn: &mut AnyConnection, id: WorkshopId) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE workshops SET confirmed = confirmed + 1 \
         WHERE id = $1 AND confirmed < capacity AND status = 'published'",
    )
    .bind(id.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release_seat(conn: &mut AnyConnection, id: WorkshopId) -> StoreResult<()> {
    sqlx::query("UPDATE workshops SET confirmed = confirmed - 1 WHERE id = $1 AND confirmed > 0")
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_registration(
    conn: &mut AnyConnection,
    workshop: WorkshopId,
    data: &RegistrationData,
    status: RegistrationStatus,
    token_hash: &str,
    client_hash: &str,
    by_staff: bool,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO workshop_registrations (workshop_id, first_name, contact, consent_at, \
         status, token_hash, client_hash, by_staff, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(workshop.0)
    .bind(&data.first_name)
    .bind(&data.contact)
    .bind(data.consent.then(|| to_db(now)))
    .bind(status.as_str())
    .bind(token_hash)
    .bind(client_hash)
    .bind(to_flag(by_staff))
    .bind(to_db(now))
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

const REGISTRATION_COLUMNS: &str =
    "id, workshop_id, first_name, contact, status, by_staff, created_at";

/// Registrations not cancelled, in the order people registered.
pub async fn registrations_of(
    conn: &mut AnyConnection,
    id: WorkshopId,
) -> StoreResult<Vec<Registration>> {
    Ok(sqlx::query(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM workshop_registrations \
         WHERE workshop_id = $1 AND status <> 'cancelled' ORDER BY created_at, id"
    ))
    .bind(id.0)
    .fetch_all(conn)
    .await?
    .iter()
    .map(registration_from_row)
    .collect::<Result<Vec<_>, _>>()?)
}

pub async fn registration_by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<Registration>> {
    Ok(sqlx::query(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM workshop_registrations WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(conn)
    .await?
    .as_ref()
    .map(registration_from_row)
    .transpose()?)
}

pub async fn find_registration(conn: &mut AnyConnection, id: i64) -> StoreResult<Registration> {
    let row = sqlx::query(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM workshop_registrations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(registration_from_row(&row)?)
}

/// Changes a registration's status if it still has `from`; says whether it did.
pub async fn move_registration(
    conn: &mut AnyConnection,
    id: i64,
    from: RegistrationStatus,
    to: RegistrationStatus,
) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE workshop_registrations SET status = $1 WHERE id = $2 AND status = $3")
            .bind(to.as_str())
            .bind(id)
            .bind(from.as_str())
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The person who waits longest.
pub async fn first_waiting(conn: &mut AnyConnection, id: WorkshopId) -> StoreResult<Option<i64>> {
    Ok(sqlx::query(
        "SELECT id FROM workshop_registrations WHERE workshop_id = $1 AND status = 'waiting' \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .map(|row| row.try_get("id"))
    .transpose()?)
}

/// Registrations made from one client address since `since`.
pub async fn registrations_from(
    conn: &mut AnyConnection,
    client_hash: &str,
    since: DateTime<Utc>,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM workshop_registrations \
         WHERE client_hash = $1 AND created_at >= $2",
    )
    .bind(client_hash)
    .bind(to_db(since))
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

pub async fn cancel_workshop(
    conn: &mut AnyConnection,
    id: WorkshopId,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE workshops SET status = 'cancelled', cancel_reason = $1, cancelled_at = $2, \
         updated_at = $2 WHERE id = $3 AND status = 'published'",
    )
    .bind(reason)
    .bind(to_db(now))
    .bind(id.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Links a session to the collective record made from its attendance (once only).
pub async fn set_session_activity(
    conn: &mut AnyConnection,
    session: i64,
    activity: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE workshop_sessions SET activity_id = $1 WHERE id = $2 AND activity_id IS NULL",
    )
    .bind(activity)
    .bind(session)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find_session(conn: &mut AnyConnection, id: i64) -> StoreResult<Session> {
    let row = sqlx::query(
        "SELECT id, workshop_id, on_date, start_time, end_time, activity_id \
         FROM workshop_sessions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(session_from_row(&row)?)
}

/// Deletes the registrations of workshops whose last session was before `today`, and of
/// workshops cancelled before `cancelled_before`. Returns how many.
pub async fn purge_registrations(
    conn: &mut AnyConnection,
    today: NaiveDate,
    cancelled_before: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM workshop_registrations WHERE workshop_id IN (\
           SELECT w.id FROM workshops w WHERE \
             (SELECT MAX(s.on_date) FROM workshop_sessions s WHERE s.workshop_id = w.id) < $1 \
             OR (w.status = 'cancelled' AND w.cancelled_at < $2))",
    )
    .bind(date_to_db(today))
    .bind(to_db(cancelled_before))
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Workshops planned at each place between two dates: `(place, theme, level)` per workshop
/// theme, for the needs board.
pub async fn planned_themes(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<(PlaceId, String, String)>> {
    let (workshops, _) = between(conn, from, to).await?;
    Ok(workshops
        .into_iter()
        .filter(|w| !w.cancelled)
        .flat_map(|w| {
            w.themes
                .iter()
                .map(|t| (w.place, t.clone(), w.level.clone()))
                .collect::<Vec<_>>()
        })
        .collect())
}

/// Individual accompaniment records since `since`: `(place, themes, autonomy)`, for the
/// needs board.
pub async fn recent_needs(
    conn: &mut AnyConnection,
    since: NaiveDate,
) -> StoreResult<Vec<(Option<PlaceId>, String, Option<String>)>> {
    Ok(sqlx::query(
        "SELECT place_id, themes, autonomy FROM activities \
         WHERE kind = 'individual' AND on_date >= $1",
    )
    .bind(date_to_db(since))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.try_get::<Option<i64>, _>("place_id")?.map(PlaceId),
            row.try_get("themes")?,
            row.try_get("autonomy")?,
        ))
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?)
}

/// Confirmed registrations with an e-mail contact, not yet reminded, for a session on `day`:
/// `(registration id, first name, e-mail, workshop id, session)`.
pub async fn to_remind(
    conn: &mut AnyConnection,
    day: NaiveDate,
) -> StoreResult<Vec<(i64, String, String, WorkshopId, i64)>> {
    Ok(sqlx::query(
        "SELECT r.id, r.first_name, r.contact, r.workshop_id, s.id AS session_id \
         FROM workshop_registrations r \
         JOIN workshop_sessions s ON s.workshop_id = r.workshop_id \
         JOIN workshops w ON w.id = r.workshop_id \
         WHERE s.on_date = $1 AND r.status = 'confirmed' AND r.reminded_at IS NULL \
           AND r.contact LIKE '%@%' AND w.status = 'published' \
         ORDER BY r.id",
    )
    .bind(date_to_db(day))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.try_get("id")?,
            row.try_get("first_name")?,
            row.try_get("contact")?,
            WorkshopId(row.try_get("workshop_id")?),
            row.try_get("session_id")?,
        ))
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?)
}

/// Marks a registration reminded; says whether this call did it (another server may have).
pub async fn mark_reminded(
    conn: &mut AnyConnection,
    id: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE workshop_registrations SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL",
    )
    .bind(to_db(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
