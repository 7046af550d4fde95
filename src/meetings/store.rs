//! SQL of common work sessions: sessions, answers, attendance and minutes.

use super::model::{Answer, MeetingData, MeetingId};
use crate::accounts::UserId;
use crate::storage::time::{from_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub data: MeetingData,
    pub minutes: String,
    pub minutes_published_at: Option<DateTime<Utc>>,
}

/// A staff member's answer and attendance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub user_id: i64,
    pub name: String,
    pub answer: Option<Answer>,
    pub attended: Option<bool>,
}

const COLUMNS: &str =
    "id, title, starts_at, ends_at, location, agenda, minutes, minutes_published_at";

fn meeting_from_row(row: &AnyRow) -> StoreResult<Meeting> {
    let starts_at: String = row.try_get("starts_at")?;
    let ends_at: String = row.try_get("ends_at")?;
    let published: Option<String> = row.try_get("minutes_published_at")?;
    Ok(Meeting {
        id: MeetingId(row.try_get("id")?),
        data: MeetingData {
            title: row.try_get("title")?,
            starts_at: from_db(&starts_at)?,
            ends_at: from_db(&ends_at)?,
            location: row.try_get("location")?,
            agenda: row.try_get("agenda")?,
        },
        minutes: row.try_get("minutes")?,
        minutes_published_at: published.as_deref().map(from_db).transpose()?,
    })
}

pub async fn insert_meeting(
    conn: &mut AnyConnection,
    data: &MeetingData,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<MeetingId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (title, starts_at, ends_at, location, agenda, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(&data.title)
    .bind(to_db(data.starts_at))
    .bind(to_db(data.ends_at))
    .bind(&data.location)
    .bind(&data.agenda)
    .bind(by.0)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?;
    Ok(MeetingId(id))
}

pub async fn find_meeting(conn: &mut AnyConnection, id: MeetingId) -> StoreResult<Meeting> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM meetings WHERE id = $1"))
        .bind(id.0)
        .fetch_one(conn)
        .await?;
    meeting_from_row(&row)
}

/// Sessions ending after `after` (soonest first), or those ended by then (latest first).
pub async fn list_meetings(
    conn: &mut AnyConnection,
    after: DateTime<Utc>,
    upcoming: bool,
    limit: i64,
) -> StoreResult<Vec<Meeting>> {
    let sql = if upcoming {
        format!("SELECT {COLUMNS} FROM meetings WHERE ends_at > $1 ORDER BY starts_at, id LIMIT $2")
    } else {
        format!(
            "SELECT {COLUMNS} FROM meetings WHERE ends_at <= $1 ORDER BY starts_at DESC, id DESC \
             LIMIT $2"
        )
    };
    let rows = sqlx::query(&sql)
        .bind(to_db(after))
        .bind(limit)
        .fetch_all(conn)
        .await?;
    rows.iter().map(meeting_from_row).collect()
}

/// Records (or changes) a member's answer, keeping any attendance already recorded.
pub async fn upsert_answer(
    conn: &mut AnyConnection,
    meeting: MeetingId,
    user: UserId,
    answer: Answer,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO meeting_answers (meeting_id, user_id, answer, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, user_id) DO UPDATE SET \
         answer = excluded.answer, updated_at = excluded.updated_at",
    )
    .bind(meeting.0)
    .bind(user.0)
    .bind(answer.as_str())
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Records who attended: `present` attended, every other active staff member did not.
pub async fn record_attendance(
    conn: &mut AnyConnection,
    meeting: MeetingId,
    present: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let staff: Vec<i64> = sqlx::query_scalar("SELECT id FROM users WHERE is_active = 1")
        .fetch_all(&mut *conn)
        .await?;
    for user in staff {
        sqlx::query(
            "INSERT INTO meeting_answers (meeting_id, user_id, attended, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, user_id) DO UPDATE SET \
             attended = excluded.attended, updated_at = excluded.updated_at",
        )
        .bind(meeting.0)
        .bind(user)
        .bind(to_flag(present.contains(&user)))
        .bind(to_db(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every active staff member with their answer and attendance, by name.
pub async fn list_participants(
    conn: &mut AnyConnection,
    meeting: MeetingId,
) -> StoreResult<Vec<Participant>> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, a.answer, a.attended FROM users u \
         LEFT JOIN meeting_answers a ON a.user_id = u.id AND a.meeting_id = $1 \
         WHERE u.is_active = 1 ORDER BY u.display_name, u.id",
    )
    .bind(meeting.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let answer: Option<String> = row.try_get(2)?;
            let attended: Option<i64> = row.try_get(3)?;
            Ok(Participant {
                user_id: row.try_get(0)?,
                name: row.try_get(1)?,
                answer: match answer {
                    Some(text) => Some(Answer::parse(&text).ok_or_else(|| {
                        StoreError::Database(sqlx::Error::Decode(
                            format!("unexpected answer {text:?}").into(),
                        ))
                    })?),
                    None => None,
                },
                attended: attended.map(flag),
            })
        })
        .collect()
}

/// Publishes (or replaces) the minutes.
pub async fn publish_minutes(
    conn: &mut AnyConnection,
    meeting: MeetingId,
    minutes: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE meetings SET minutes = $1, minutes_published_at = $2, updated_at = $2 \
         WHERE id = $3",
    )
    .bind(minutes)
    .bind(to_db(now))
    .bind(meeting.0)
    .execute(conn)
    .await?;
    Ok(())
}
