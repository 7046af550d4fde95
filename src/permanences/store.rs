//! SQL of permanences, their exceptions, the helpers on duty and the helpers' private feeds.

use super::model::{Exception, ExceptionKind, PermanenceData, PermanenceId, Schedule};
use super::{Duty, Permanence};
use crate::accounts::UserId;
use crate::places::PlaceId;
use crate::storage::time::{date_from_db, date_to_db, time_from_db, time_to_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const PERMANENCE_COLUMNS: &str = "p.id, p.place_id, p.title, p.rule, p.starts_on, p.ends_on, \
     p.start_time, p.end_time, p.on_public_holidays, p.services, p.capacity, p.public_note, \
     pl.nom, pl.adresse, pl.code_postal, pl.commune, pl.organization_id, pl.visibility";

fn bad(text: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("bad stored value {text:?}").into())
}

fn permanence_from_row(row: &AnyRow) -> Result<Permanence, sqlx::Error> {
    let ends_on: Option<String> = row.try_get("ends_on")?;
    let services: String = row.try_get("services")?;
    let visibility: String = row.try_get("visibility")?;
    Ok(Permanence {
        id: PermanenceId(row.try_get("id")?),
        place_id: PlaceId(row.try_get("place_id")?),
        place_name: row.try_get("nom")?,
        address: row.try_get("adresse")?,
        postcode: row.try_get("code_postal")?,
        commune: row.try_get("commune")?,
        organization_id: row.try_get("organization_id")?,
        place_is_public: visibility == "public",
        data: PermanenceData {
            title: row.try_get("title")?,
            schedule: Schedule {
                rule: row.try_get("rule")?,
                starts_on: date_from_db(&row.try_get::<String, _>("starts_on")?)?,
                ends_on: ends_on.as_deref().map(date_from_db).transpose()?,
                start_time: time_from_db(&row.try_get::<String, _>("start_time")?)?,
                end_time: time_from_db(&row.try_get::<String, _>("end_time")?)?,
                on_public_holidays: flag(row.try_get("on_public_holidays")?),
            },
            services: services
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            capacity: row.try_get("capacity")?,
            public_note: row.try_get("public_note")?,
        },
    })
}

pub async fn insert_permanence(
    conn: &mut AnyConnection,
    place: PlaceId,
    data: &PermanenceData,
    now: DateTime<Utc>,
) -> StoreResult<PermanenceId> {
    let schedule = &data.schedule;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO permanences (place_id, title, rule, starts_on, ends_on, start_time, \
         end_time, on_public_holidays, services, capacity, public_note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(place.0)
    .bind(&data.title)
    .bind(&schedule.rule)
    .bind(date_to_db(schedule.starts_on))
    .bind(schedule.ends_on.map(date_to_db))
    .bind(time_to_db(schedule.start_time))
    .bind(time_to_db(schedule.end_time))
    .bind(to_flag(schedule.on_public_holidays))
    .bind(data.services.join("|"))
    .bind(data.capacity)
    .bind(&data.public_note)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?;
    Ok(PermanenceId(id))
}

pub async fn update_permanence(
    conn: &mut AnyConnection,
    id: PermanenceId,
    data: &PermanenceData,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let schedule = &data.schedule;
    let result = sqlx::query(
        "UPDATE permanences SET title = $1, rule = $2, starts_on = $3, ends_on = $4, \
         start_time = $5, end_time = $6, on_public_holidays = $7, services = $8, capacity = $9, \
         public_note = $10, updated_at = $11 WHERE id = $12",
    )
    .bind(&data.title)
    .bind(&schedule.rule)
    .bind(date_to_db(schedule.starts_on))
    .bind(schedule.ends_on.map(date_to_db))
    .bind(time_to_db(schedule.start_time))
    .bind(time_to_db(schedule.end_time))
    .bind(to_flag(schedule.on_public_holidays))
    .bind(data.services.join("|"))
    .bind(data.capacity)
    .bind(&data.public_note)
    .bind(to_db(now))
    .bind(id.0)
    .execute(conn)
    .await?;
    changed_one(result.rows_affected())
}

pub async fn delete_permanence(conn: &mut AnyConnection, id: PermanenceId) -> StoreResult<()> {
    // Children first: SQLite enforces the cascade only with foreign keys on, which Relais sets,
    // but deleting explicitly keeps the operation readable on both databases.
    sqlx::query("DELETE FROM permanence_duties WHERE permanence_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM permanence_exceptions WHERE permanence_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    let result = sqlx::query("DELETE FROM permanences WHERE id = $1")
        .bind(id.0)
        .execute(conn)
        .await?;
    changed_one(result.rows_affected())
}

fn changed_one(rows: u64) -> StoreResult<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn find_permanence(
    conn: &mut AnyConnection,
    id: PermanenceId,
) -> StoreResult<Permanence> {
    let row = sqlx::query(&format!(
        "SELECT {PERMANENCE_COLUMNS} FROM permanences p JOIN places pl ON pl.id = p.place_id \
         WHERE p.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(permanence_from_row(&row)?)
}

/// Every permanence, by place then start time.
pub async fn list_permanences(conn: &mut AnyConnection) -> StoreResult<Vec<Permanence>> {
    let rows = sqlx::query(&format!(
        "SELECT {PERMANENCE_COLUMNS} FROM permanences p JOIN places pl ON pl.id = p.place_id \
         ORDER BY pl.commune, pl.nom, p.start_time, p.id"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(permanence_from_row)
        .collect::<Result<_, _>>()?)
}

pub async fn permanences_of_place(
    conn: &mut AnyConnection,
    place: PlaceId,
) -> StoreResult<Vec<Permanence>> {
    let rows = sqlx::query(&format!(
        "SELECT {PERMANENCE_COLUMNS} FROM permanences p JOIN places pl ON pl.id = p.place_id \
         WHERE p.place_id = $1 ORDER BY p.start_time, p.id"
    ))
    .bind(place.0)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(permanence_from_row)
        .collect::<Result<_, _>>()?)
}

fn exception_from_row(row: &AnyRow) -> Result<(PermanenceId, Exception), sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let start: Option<String> = row.try_get("start_time")?;
    let end: Option<String> = row.try_get("end_time")?;
    let times = match (start, end) {
        (Some(start), Some(end)) => Some((time_from_db(&start)?, time_from_db(&end)?)),
        _ => None,
    };
    Ok((
        PermanenceId(row.try_get("permanence_id")?),
        Exception {
            id: row.try_get("id")?,
            on_date: date_from_db(&row.try_get::<String, _>("on_date")?)?,
            kind: ExceptionKind::parse(&kind).ok_or_else(|| bad(&kind))?,
            reason: row.try_get("reason")?,
            times,
        },
    ))
}

/// Every exception, with its permanence.
pub async fn list_exceptions(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(PermanenceId, Exception)>> {
    let rows = sqlx::query(
        "SELECT id, permanence_id, on_date, kind, reason, start_time, end_time \
         FROM permanence_exceptions ORDER BY on_date, id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(exception_from_row)
        .collect::<Result<_, _>>()?)
}

pub async fn exceptions_of_place(
    conn: &mut AnyConnection,
    place: PlaceId,
) -> StoreResult<Vec<(PermanenceId, Exception)>> {
    let rows = sqlx::query(
        "SELECT e.id, e.permanence_id, e.on_date, e.kind, e.reason, e.start_time, e.end_time \
         FROM permanence_exceptions e JOIN permanences p ON p.id = e.permanence_id \
         WHERE p.place_id = $1 ORDER BY e.on_date, e.id",
    )
    .bind(place.0)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(exception_from_row)
        .collect::<Result<_, _>>()?)
}

pub async fn insert_exception(
    conn: &mut AnyConnection,
    permanence: PermanenceId,
    exception: &Exception,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (start, end) = match exception.times {
        Some((start, end)) => (Some(time_to_db(start)), Some(time_to_db(end))),
        None => (None, None),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO permanence_exceptions (permanence_id, on_date, kind, reason, start_time, \
         end_time, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (permanence_id, on_date, kind) DO UPDATE SET reason = excluded.reason, \
         start_time = excluded.start_time, end_time = excluded.end_time RETURNING id",
    )
    .bind(permanence.0)
    .bind(date_to_db(exception.on_date))
    .bind(exception.kind.as_str())
    .bind(&exception.reason)
    .bind(start)
    .bind(end)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?)
}

pub async fn delete_exception(
    conn: &mut AnyConnection,
    permanence: PermanenceId,
    id: i64,
) -> StoreResult<()> {
    let result =
        sqlx::query("DELETE FROM permanence_exceptions WHERE id = $1 AND permanence_id = $2")
            .bind(id)
            .bind(permanence.0)
            .execute(conn)
            .await?;
    changed_one(result.rows_affected())
}

/// Puts a helper on duty; `false` when they already were.
pub async fn insert_duty(
    conn: &mut AnyConnection,
    permanence: PermanenceId,
    on_date: NaiveDate,
    helper: UserId,
    assigned_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO permanence_duties (permanence_id, on_date, user_id, assigned_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (permanence_id, on_date, user_id) DO NOTHING",
    )
    .bind(permanence.0)
    .bind(date_to_db(on_date))
    .bind(helper.0)
    .bind(assigned_by.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn delete_duty(
    conn: &mut AnyConnection,
    permanence: PermanenceId,
    on_date: NaiveDate,
    helper: UserId,
) -> StoreResult<()> {
    let result = sqlx::query(
        "DELETE FROM permanence_duties WHERE permanence_id = $1 AND on_date = $2 AND user_id = $3",
    )
    .bind(permanence.0)
    .bind(date_to_db(on_date))
    .bind(helper.0)
    .execute(conn)
    .await?;
    changed_one(result.rows_affected())
}

fn duty_from_row(row: &AnyRow) -> Result<Duty, sqlx::Error> {
    Ok(Duty {
        permanence: PermanenceId(row.try_get("permanence_id")?),
        on_date: date_from_db(&row.try_get::<String, _>("on_date")?)?,
        helper: UserId(row.try_get("user_id")?),
        helper_name: row.try_get("display_name")?,
    })
}

/// Helpers on duty between two dates (inclusive), at one place or everywhere (`None`).
pub async fn duties_between(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
    place: Option<PlaceId>,
) -> StoreResult<Vec<Duty>> {
    let rows = sqlx::query(
        "SELECT d.permanence_id, d.on_date, d.user_id, u.display_name \
         FROM permanence_duties d JOIN users u ON u.id = d.user_id \
         WHERE d.on_date >= $1 AND d.on_date <= $2 AND ($3 = 0 OR d.permanence_id IN \
         (SELECT id FROM permanences WHERE place_id = $3)) ORDER BY d.on_date, u.display_name",
    )
    .bind(date_to_db(from))
    .bind(date_to_db(to))
    .bind(place.map_or(0, |p| p.0))
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(duty_from_row).collect::<Result<_, _>>()?)
}

/// One helper's duties from a date on.
pub async fn duties_of_helper(
    conn: &mut AnyConnection,
    helper: UserId,
    from: NaiveDate,
) -> StoreResult<Vec<Duty>> {
    let rows = sqlx::query(
        "SELECT d.permanence_id, d.on_date, d.user_id, u.display_name \
         FROM permanence_duties d JOIN users u ON u.id = d.user_id \
         WHERE d.user_id = $1 AND d.on_date >= $2 ORDER BY d.on_date",
    )
    .bind(helper.0)
    .bind(date_to_db(from))
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(duty_from_row).collect::<Result<_, _>>()?)
}

/// Replaces a helper's private feed secret (only its hash is kept).
pub async fn set_feed(
    conn: &mut AnyConnection,
    helper: UserId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO helper_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
         created_at = excluded.created_at",
    )
    .bind(helper.0)
    .bind(token_hash)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends a helper's private feed (nothing to do when there is none).
pub async fn delete_feed(conn: &mut AnyConnection, helper: UserId) -> StoreResult<()> {
    sqlx::query("DELETE FROM helper_feeds WHERE user_id = $1")
        .bind(helper.0)
        .execute(conn)
        .await?;
    Ok(())
}

/// The active helper whose feed secret has this hash.
pub async fn find_feed_owner(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> StoreResult<Option<UserId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT f.user_id FROM helper_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = $1 AND u.is_active = 1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    Ok(id.map(UserId))
}

/// When the helper's current feed secret was made, if they have one.
pub async fn feed_created_at(
    conn: &mut AnyConnection,
    helper: UserId,
) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT created_at FROM helper_feeds WHERE user_id = $1")
            .bind(helper.0)
            .fetch_optional(conn)
            .await?,
    )
}

/// Active staff of an organisation who can be on duty, by name.
pub async fn members_of_organization(
    conn: &mut AnyConnection,
    organization: i64,
) -> StoreResult<Vec<(UserId, String)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE m.organization_id = $1 AND u.is_active = 1 ORDER BY u.display_name, u.id",
    )
    .bind(organization)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (UserId(id), name))
        .collect())
}

/// Public mediation places of member organisations, or with a permanence: the places the
/// half-day rule applies to.
pub async fn member_places(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(PlaceId, String, String)>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, nom, commune FROM places WHERE visibility = 'public' AND kind = 'mediation' \
         AND (organization_id IS NOT NULL OR id IN (SELECT place_id FROM permanences)) \
         ORDER BY commune, nom, id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, commune)| (PlaceId(id), name, commune))
        .collect())
}

/// The rules written for a place's poster and when the poster was last downloaded by staff.
pub async fn find_poster(
    conn: &mut AnyConnection,
    place: PlaceId,
) -> StoreResult<(String, Option<DateTime<Utc>>)> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT rules, printed_at FROM place_posters WHERE place_id = $1")
            .bind(place.0)
            .fetch_optional(conn)
            .await?;
    match row {
        Some((rules, printed_at)) => Ok((
            rules,
            printed_at
                .as_deref()
                .map(crate::storage::time::from_db)
                .transpose()?,
        )),
        None => Ok((String::new(), None)),
    }
}

pub async fn save_poster_rules(
    conn: &mut AnyConnection,
    place: PlaceId,
    rules: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO place_posters (place_id, rules, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (place_id) DO UPDATE SET rules = excluded.rules, \
         updated_at = excluded.updated_at",
    )
    .bind(place.0)
    .bind(rules)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_poster_printed(
    conn: &mut AnyConnection,
    place: PlaceId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO place_posters (place_id, printed_at) VALUES ($1, $2) \
         ON CONFLICT (place_id) DO UPDATE SET printed_at = excluded.printed_at",
    )
    .bind(place.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts one more person who took note of the public charter at this date.
pub async fn add_acknowledgement(
    conn: &mut AnyConnection,
    permanence: PermanenceId,
    on_date: NaiveDate,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO public_charter_acknowledgements (permanence_id, on_date, people) \
         VALUES ($1, $2, 1) ON CONFLICT (permanence_id, on_date) \
         DO UPDATE SET people = public_charter_acknowledgements.people + 1",
    )
    .bind(permanence.0)
    .bind(date_to_db(on_date))
    .execute(conn)
    .await?;
    Ok(())
}

/// The counts of people who took note of the public charter between two dates (inclusive),
/// at one place or everywhere (`None`).
pub async fn acknowledgements_between(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
    place: Option<PlaceId>,
) -> StoreResult<Vec<(PermanenceId, NaiveDate, i64)>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT permanence_id, on_date, people FROM public_charter_acknowledgements \
         WHERE on_date >= $1 AND on_date <= $2 AND ($3 = 0 OR permanence_id IN \
         (SELECT id FROM permanences WHERE place_id = $3)) ORDER BY on_date, permanence_id",
    )
    .bind(date_to_db(from))
    .bind(date_to_db(to))
    .bind(place.map_or(0, |p| p.0))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, day, people)| Ok((PermanenceId(id), date_from_db(&day)?, people)))
        .collect::<Result<_, sqlx::Error>>()?)
}
