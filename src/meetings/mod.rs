//! Common work sessions of the network: the coordinator schedules a session (date, place or
//! video link, agenda); staff answer coming, not coming or maybe; the coordinator records who
//! attended and publishes the minutes (Markdown, privacy guard) to staff. Staff download the
//! sessions as an iCalendar file.

pub mod model;
mod routes;
pub mod store;

pub use model::{Answer, MeetingData, MeetingId};
pub use routes::router;
pub use store::{Meeting, Participant};

use crate::accounts::UserId;
use crate::audit::{self, AuditAction};
use crate::i18n::Tr;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

pub const AUDIT_MEETING_CREATE: AuditAction = AuditAction("meeting.create");
pub const AUDIT_MEETING_ATTENDANCE: AuditAction = AuditAction("meeting.attendance");
pub const AUDIT_MEETING_MINUTES: AuditAction = AuditAction("meeting.minutes");

/// How many past sessions the list shows.
pub const PAST_LIMIT: i64 = 20;

/// Reads the scheduling form: its rules, then the privacy guard (all problems at once).
pub fn read_form(
    tr: &Tr,
    pairs: &[(String, String)],
) -> Result<MeetingData, Vec<(String, String)>> {
    let guarded = crate::privacy::check_fields(tr, pairs, &model::TEXT_FIELDS);
    match model::parse_form(pairs) {
        Ok(data) if guarded.is_empty() => Ok(data),
        Ok(_) => Err(guarded),
        Err(errors) => Err(errors
            .iter()
            .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
            .chain(guarded)
            .collect()),
    }
}

pub async fn schedule(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    data: &MeetingData,
) -> Result<MeetingId, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_meeting(&mut tx, data, by, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_MEETING_CREATE,
        "meeting",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn find(db: &Db, id: MeetingId) -> Result<Meeting, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_meeting(&mut conn, id).await
}

/// Sessions not yet over (soonest first) and the latest past ones.
pub async fn sessions(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<(Vec<Meeting>, Vec<Meeting>), StoreError> {
    let mut conn = db.acquire().await?;
    Ok((
        store::list_meetings(&mut conn, now, true, 100).await?,
        store::list_meetings(&mut conn, now, false, PAST_LIMIT).await?,
    ))
}

pub async fn participants(db: &Db, id: MeetingId) -> Result<Vec<Participant>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_participants(&mut conn, id).await
}

/// A staff member answers (or changes their answer) before the session ends.
pub async fn answer(
    db: &Db,
    now: DateTime<Utc>,
    user: UserId,
    id: MeetingId,
    answer: Answer,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let meeting = store::find_meeting(&mut tx, id).await?;
    if meeting.data.ends_at <= now {
        return Ok(false);
    }
    store::upsert_answer(&mut tx, id, user, answer, now).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn record_attendance(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    id: MeetingId,
    present: &[i64],
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::find_meeting(&mut tx, id).await?;
    store::record_attendance(&mut tx, id, present, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_MEETING_ATTENDANCE,
        "meeting",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks the minutes (rules, then privacy guard): a French message when refused.
pub fn check_minutes(tr: &Tr, minutes: &str) -> Result<String, String> {
    let minutes = model::check_minutes(minutes).map_err(|key| tr.t(key))?;
    crate::privacy::check(&minutes)
        .map_err(|findings| crate::privacy::explain(tr, &minutes, &findings))?;
    Ok(minutes)
}

pub async fn publish_minutes(
    db: &Db,
    now: DateTime<Utc>,
    by: UserId,
    id: MeetingId,
    minutes: &str,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::find_meeting(&mut tx, id).await?;
    store::publish_minutes(&mut tx, id, minutes, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(by),
        AUDIT_MEETING_MINUTES,
        "meeting",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The sessions as an iCalendar file (UTC, a stable UID per session).
pub fn ical_feed(name: &str, meetings: &[Meeting], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.append_property(("X-WR-TIMEZONE", "Europe/Paris"));
    for meeting in meetings {
        calendar.push(
            Event::new()
                .uid(&format!("reunion-{}@relais", meeting.id.0))
                .timestamp(now)
                .summary(&meeting.data.title)
                .description(&meeting.data.agenda)
                .location(&meeting.data.location)
                .starts(meeting.data.starts_at)
                .ends(meeting.data.ends_at)
                .status(EventStatus::Confirmed)
                .done(),
        );
    }
    calendar.done().to_string()
}
