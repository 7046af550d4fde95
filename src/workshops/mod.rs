//! Collective workshops: planned from the needs seen in accompaniments and diagnostics, on the
//! public agenda and the place pages, with registration without an account (a first name, a
//! contact only for a reminder), a waiting list, a private cancellation link, attendance that
//! becomes the collective accompaniment record, and registrations forgotten the day after the
//! last session.

pub mod flyer;
pub mod ical;
pub mod model;
pub mod routes;
pub mod store;
pub mod views;

use crate::accounts::{self, Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::mailer::Mailer;
use crate::places::PlaceId;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use model::{RegistrationData, RegistrationStatus, WorkshopData, WorkshopId};
pub use store::{Registration, Session, Workshop};

pub const AUDIT_CREATE: AuditAction = AuditAction("workshop.create");
pub const AUDIT_CANCEL: AuditAction = AuditAction("workshop.cancel");
pub const AUDIT_ATTENDANCE: AuditAction = AuditAction("workshop.attendance");
pub const AUDIT_DESK_REGISTRATION: AuditAction = AuditAction("workshop.register");

#[derive(Debug, thiserror::Error)]
pub enum WorkshopError {
    #[error("form refused")]
    Invalid(Vec<(String, String)>),
    #[error("not allowed")]
    Forbidden,
    #[error("the workshop is cancelled or over")]
    Closed,
    #[error("too many registrations from this address")]
    Throttled,
    #[error("already cancelled")]
    AlreadyCancelled,
    #[error("attendance already marked")]
    AlreadyMarked,
    #[error("the helpers' charter is not signed")]
    CharterNotSigned,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for WorkshopError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Today in Paris.
fn today(now: DateTime<Utc>) -> NaiveDate {
    crate::permanences::today(now)
}

/// Managers of the place's organisation and coordinators plan and cancel workshops.
pub async fn can_plan(
    db: &Db,
    user: &SessionUser,
    organization: Option<i64>,
) -> Result<bool, StoreError> {
    crate::permanences::can_plan(db, user, organization).await
}

/// Any staff member of the organisation (helpers too) and coordinators register someone at
/// the desk and mark attendance.
pub async fn can_run(
    db: &Db,
    user: &SessionUser,
    organization: Option<i64>,
) -> Result<bool, StoreError> {
    if user.role == Role::Coordinator {
        return Ok(true);
    }
    let mine = accounts::organization_ids(db, user.id).await?;
    Ok(organization.is_some_and(|o| mine.contains(&o)))
}

/// Plans a workshop (all its sessions) in one transaction with its audit entry.
pub async fn create(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    data: &WorkshopData,
) -> Result<WorkshopId, WorkshopError> {
    let place = match crate::places::find_place(db, data.place).await {
        Ok(place) => place,
        Err(StoreError::NotFound) => {
            return Err(WorkshopError::Invalid(vec![(
                "lieu".into(),
                "workshops-error-place".into(),
            )]));
        }
        Err(error) => return Err(error.into()),
    };
    if !can_plan(db, user, place.organization_id).await? {
        return Err(WorkshopError::Forbidden);
    }
    let members: Vec<i64> = match place.organization_id {
        Some(organization) => crate::permanences::organization_members(db, organization)
            .await?
            .into_iter()
            .map(|(id, _)| id.0)
            .collect(),
        None => Vec::new(),
    };
    let mut data = data.clone();
    data.helpers.retain(|h| members.contains(h));
    let mut tx = db.begin().await?;
    let id = store::insert_workshop(&mut tx, &data, place.organization_id, user.id, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_CREATE,
        "workshop",
        Some(id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn find(db: &Db, id: WorkshopId) -> Result<(Workshop, Vec<Session>), StoreError> {
    let mut conn = db.acquire().await?;
    let workshop = store::find_workshop(&mut conn, id).await?;
    let sessions = store::sessions_of(&mut conn, id).await?;
    Ok((workshop, sessions))
}

/// What a registration gave: its place in the workshop and the private link's token.
#[derive(Clone, Debug)]
pub struct Registered {
    pub status: RegistrationStatus,
    pub token: String,
}

/// Registers a person: a seat if one is left, else the waiting list. `client` is the client
/// address (hashed before it is stored) for public registrations, `None` at the desk. One
/// transaction; the seat is taken by a single conditional statement.
pub async fn register(
    db: &Db,
    now: DateTime<Utc>,
    workshop: WorkshopId,
    data: &RegistrationData,
    client: Option<&str>,
    desk: Option<&SessionUser>,
) -> Result<Registered, WorkshopError> {
    let client_hash = client
        .map(|ip| accounts::model::hash_secret(&format!("workshop-registration:{ip}")))
        .unwrap_or_default();
    let mut tx = db.begin().await?;
    let found = store::find_workshop(&mut tx, workshop).await?;
    let sessions = store::sessions_of(&mut tx, workshop).await?;
    let last = sessions.iter().map(|s| s.on_date).max();
    if found.cancelled || last.is_none_or(|last| last < today(now)) {
        return Err(WorkshopError::Closed);
    }
    if client.is_some()
        && store::registrations_from(&mut tx, &client_hash, now - Duration::hours(1)).await?
            >= model::REGISTRATIONS_PER_HOUR
    {
        return Err(WorkshopError::Throttled);
    }
    let status = if store::take_seat(&mut tx, workshop).await? {
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waiting
    };
    let token = accounts::model::new_token();
    let id = store::insert_registration(
        &mut tx,
        workshop,
        data,
        status,
        &accounts::model::hash_secret(&token),
        &client_hash,
        desk.is_some(),
        now,
    )
    .await?;
    if let Some(user) = desk {
        audit::record(
            &mut tx,
            now,
            Some(user.id),
            AUDIT_DESK_REGISTRATION,
            "workshop_registration",
            Some(id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Registered { status, token })
}

/// The registration of a private link, with its workshop.
pub async fn registration_of_token(
    db: &Db,
    token: &str,
) -> Result<Option<(Registration, Workshop, Vec<Session>)>, StoreError> {
    let mut conn = db.acquire().await?;
    let Some(registration) =
        store::registration_by_token(&mut conn, &accounts::model::hash_secret(token)).await?
    else {
        return Ok(None);
    };
    let workshop = store::find_workshop(&mut conn, registration.workshop).await?;
    let sessions = store::sessions_of(&mut conn, registration.workshop).await?;
    Ok(Some((registration, workshop, sessions)))
}

/// Cancels one registration; a freed seat goes to the person waiting longest, in the same
/// transaction.
pub async fn cancel_registration(db: &Db, id: i64) -> Result<(), WorkshopError> {
    let mut tx = db.begin().await?;
    let registration = store::find_registration(&mut tx, id).await?;
    let was = registration.status;
    if was == RegistrationStatus::Cancelled
        || !store::move_registration(&mut tx, id, was, RegistrationStatus::Cancelled).await?
    {
        return Err(WorkshopError::AlreadyCancelled);
    }
    if was == RegistrationStatus::Confirmed {
        store::release_seat(&mut tx, registration.workshop).await?;
        promote_waiting(&mut tx, registration.workshop).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Gives free seats to the people waiting, oldest first.
async fn promote_waiting(
    conn: &mut sqlx::AnyConnection,
    workshop: WorkshopId,
) -> Result<(), StoreError> {
    while let Some(waiting) = store::first_waiting(conn, workshop).await? {
        if !store::take_seat(conn, workshop).await? {
            break;
        }
        if !store::move_registration(
            conn,
            waiting,
            RegistrationStatus::Waiting,
            RegistrationStatus::Confirmed,
        )
        .await?
        {
            store::release_seat(conn, workshop).await?;
        }
    }
    Ok(())
}

/// Registrations of a workshop, for its staff.
pub async fn registrations(db: &Db, id: WorkshopId) -> Result<Vec<Registration>, StoreError> {
    let mut conn = db.acquire().await?;
    store::registrations_of(&mut conn, id).await
}

/// Who to tell about a cancellation: e-mails sent (when SMTP is configured), phone numbers
/// for staff to call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Informed {
    pub emailed: usize,
    pub to_call: Vec<(String, String)>,
    pub not_reachable: usize,
}

/// Cancels a workshop (its registrations are kept until the purge so people can be told) and
/// informs the people registered who left a contact.
#[allow(clippy::too_many_arguments)]
pub async fn cancel_workshop(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
    user: &SessionUser,
    id: WorkshopId,
    reason: &str,
) -> Result<Informed, WorkshopError> {
    let (workshop, sessions) = find(db, id).await?;
    if !can_plan(db, user, workshop.organization_id).await? {
        return Err(WorkshopError::Forbidden);
    }
    let mut tx = db.begin().await?;
    if !store::cancel_workshop(&mut tx, id, reason, now).await? {
        return Err(WorkshopError::Closed);
    }
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_CANCEL,
        "workshop",
        Some(id.0),
    )
    .await?;
    let people = store::registrations_of(&mut tx, id).await?;
    tx.commit().await?;
    let first = sessions
        .first()
        .map(|s| crate::permanences::model::french_day(s.on_date))
        .unwrap_or_default();
    let tr = crate::i18n::Tr::french();
    let mut informed = Informed::default();
    for person in people {
        match model::contact_kind(&person.contact) {
            model::ContactKind::Email if mailer.is_enabled() => {
                let body = tr.t_args(
                    "workshops-mail-cancelled-body",
                    &[
                        ("name", person.first_name.clone()),
                        ("title", workshop.title.clone()),
                        ("date", first.clone()),
                        ("place", workshop.place_name.clone()),
                        ("reason", reason.to_owned()),
                    ],
                );
                match mailer
                    .send(
                        &person.contact,
                        &tr.t1("workshops-mail-cancelled-subject", "title", &workshop.title),
                        body,
                    )
                    .await
                {
                    Ok(()) => informed.emailed += 1,
                    Err(error) => {
                        tracing::warn!(%error, "cancellation e-mail not sent");
                        informed.not_reachable += 1;
                    }
                }
            }
            model::ContactKind::None => informed.not_reachable += 1,
            _ => informed
                .to_call
                .push((person.first_name.clone(), person.contact.clone())),
        }
    }
    Ok(informed)
}

/// Marks the attendance of a session: its counts become a collective accompaniment record, in
/// the same transaction that links it to the session (once only).
pub async fn mark_attendance(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    session: i64,
    data: &crate::activities::ActivityData,
) -> Result<i64, WorkshopError> {
    let mut conn = db.acquire().await?;
    let found = store::find_session(&mut conn, session).await?;
    let workshop = store::find_workshop(&mut conn, found.workshop).await?;
    drop(conn);
    if !can_run(db, user, workshop.organization_id).await? {
        return Err(WorkshopError::Forbidden);
    }
    if !crate::charters::helper_has_signed_current(db, user.id).await? {
        return Err(WorkshopError::CharterNotSigned);
    }
    if found.activity.is_some() {
        return Err(WorkshopError::AlreadyMarked);
    }
    let mut tx = db.begin().await?;
    let activity = crate::activities::store::insert_activity(
        &mut tx,
        user.id,
        workshop.organization_id,
        data,
        now,
    )
    .await?;
    if !store::set_session_activity(&mut tx, session, activity.0).await? {
        tx.rollback().await?;
        return Err(WorkshopError::AlreadyMarked);
    }
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        crate::activities::AUDIT_ACTIVITY_CREATE,
        "activity",
        Some(activity.0),
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        Some(user.id),
        AUDIT_ATTENDANCE,
        "workshop",
        Some(workshop.id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(activity.0)
}

/// One date of the agenda.
#[derive(Clone, Debug)]
pub struct AgendaItem {
    pub workshop: Workshop,
    pub session: Session,
    /// The session's rank in its series (1-based) and the series' length.
    pub rank: usize,
    pub of: usize,
}

/// Public workshops' sessions between two dates, in date order (`keep` filters workshops).
pub async fn agenda(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    keep: impl Fn(&Workshop) -> bool,
) -> Result<Vec<AgendaItem>, StoreError> {
    let mut conn = db.acquire().await?;
    let (workshops, sessions) = store::between(&mut conn, from, to).await?;
    let series = store::series_between(&mut conn, from, to).await?;
    let mut items = Vec::new();
    for workshop in workshops
        .into_iter()
        .filter(|w| w.place_is_public && keep(w))
    {
        let all: Vec<&Session> = series
            .iter()
            .filter(|s| s.workshop == workshop.id)
            .collect();
        for session in sessions.iter().filter(|s| s.workshop == workshop.id) {
            let rank = all.iter().position(|s| s.id == session.id).unwrap_or(0) + 1;
            items.push(AgendaItem {
                workshop: workshop.clone(),
                session: session.clone(),
                rank,
                of: all.len(),
            });
        }
    }
    items.sort_by(|a, b| {
        (a.session.on_date, a.session.start, a.workshop.id).cmp(&(
            b.session.on_date,
            b.session.start,
            b.workshop.id,
        ))
    });
    Ok(items)
}

/// Workshops a staff member follows (their organisations'; every one for coordinators) with
/// a session from 30 days ago on.
pub async fn for_staff(
    db: &Db,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<Vec<AgendaItem>, StoreError> {
    let mine = accounts::organization_ids(db, user.id).await?;
    let everything = user.role == Role::Coordinator;
    let from = today(now) - Duration::days(30);
    let mut conn = db.acquire().await?;
    let (workshops, sessions) = store::between(&mut conn, from, from + Duration::days(400)).await?;
    drop(conn);
    let mut items = Vec::new();
    for workshop in workshops
        .into_iter()
        .filter(|w| everything || w.organization_id.is_some_and(|o| mine.contains(&o)))
    {
        let own: Vec<&Session> = sessions
            .iter()
            .filter(|s| s.workshop == workshop.id)
            .collect();
        if let Some(first) = own.first() {
            items.push(AgendaItem {
                workshop: workshop.clone(),
                session: (*first).clone(),
                rank: 1,
                of: own.len(),
            });
        }
    }
    items.sort_by_key(|item| (item.session.on_date, item.session.start));
    Ok(items)
}

/// Deletes registrations the day after a workshop's last session (or a day after it was
/// cancelled). Counts stay in the accompaniment records. Part of `jobs`.
pub async fn purge(conn: &mut sqlx::AnyConnection, now: DateTime<Utc>) -> Result<u64, StoreError> {
    store::purge_registrations(conn, today(now), now - Duration::days(1)).await
}

/// A row of the needs board: people who needed a theme at a level around a place, and the
/// workshops planned for it in the coming month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedRow {
    pub place: Option<PlaceId>,
    pub place_name: String,
    pub theme: String,
    pub level: String,
    pub people: i64,
    pub planned: i64,
    /// The viewer belongs to the place's organisation: exact counts; "< 5" for 1 to 4
    /// otherwise (diagnostic counts stay hidden outside the place's own staff).
    pub own: bool,
}

/// The level of workshop that suits an accompaniment's autonomy.
fn level_of_autonomy(autonomy: Option<&str>) -> &'static str {
    match autonomy {
        Some("autonome") => "avance",
        Some("avec-aide") => "intermediaire",
        _ => "debutant",
    }
}

/// Needs of the last 90 days per place, theme and level, from accompaniment records and
/// diagnostic counts, beside the workshops planned in the next 30 days; the largest unmet
/// needs first. A manager sees their organisations' places, a coordinator all.
pub async fn needs_board(
    db: &Db,
    user: &SessionUser,
    questionnaire: &crate::diagnostic::model::Questionnaire,
    now: DateTime<Utc>,
) -> Result<Vec<NeedRow>, StoreError> {
    let today = today(now);
    let since = today - Duration::days(90);
    let mine = accounts::organization_ids(db, user.id).await?;
    let everything = user.role == Role::Coordinator;
    let places = crate::places::list_places(db).await?;
    let in_scope = |place: Option<PlaceId>| match place {
        Some(id) => places.iter().any(|p| {
            p.id == id && (everything || p.organization_id.is_some_and(|o| mine.contains(&o)))
        }),
        None => false,
    };
    let mut counts: std::collections::BTreeMap<(i64, String, String), i64> = Default::default();
    let mut conn = db.acquire().await?;
    for (place, themes, autonomy) in store::recent_needs(&mut conn, since).await? {
        if !in_scope(place) {
            continue;
        }
        let level = level_of_autonomy(autonomy.as_deref());
        for theme in themes.split('|').filter(|t| !t.is_empty()) {
            *counts
                .entry((place.map_or(0, |p| p.0), theme.to_owned(), level.to_owned()))
                .or_default() += 1;
        }
    }
    let rows = crate::diagnostic::store::counts_between(
        &mut conn,
        &crate::diagnostic::month_of(since),
        &crate::diagnostic::month_of(today),
    )
    .await?;
    for row in rows {
        let Some(level) = row.dimension.strip_prefix("besoin:") else {
            continue;
        };
        if !in_scope(Some(PlaceId(row.place))) {
            continue;
        }
        let Some(need) = questionnaire.needs.iter().find(|n| n.id == row.value) else {
            continue;
        };
        for theme in &need.themes {
            *counts
                .entry((row.place, theme.clone(), level.to_owned()))
                .or_default() += row.people;
        }
    }
    let planned = store::planned_themes(&mut conn, today, today + Duration::days(30)).await?;
    drop(conn);
    let mut board: Vec<NeedRow> = counts
        .into_iter()
        .map(|((place, theme, level), people)| NeedRow {
            own: places
                .iter()
                .find(|p| p.id.0 == place)
                .and_then(|p| p.organization_id)
                .is_some_and(|o| mine.contains(&o)),
            place: Some(PlaceId(place)),
            place_name: places
                .iter()
                .find(|p| p.id.0 == place)
                .map(|p| p.record.nom.clone())
                .unwrap_or_default(),
            planned: planned
                .iter()
                .filter(|(p, t, l)| p.0 == place && *t == theme && *l == level)
                .count() as i64,
            theme,
            level,
            people,
        })
        .collect();
    board.sort_by(|a, b| {
        (a.planned > 0, -a.people, &a.place_name, &a.theme).cmp(&(
            b.planned > 0,
            -b.people,
            &b.place_name,
            &b.theme,
        ))
    });
    Ok(board)
}

/// Sends the reminder e-mails of tomorrow's sessions (only when SMTP is configured). Each
/// registration is marked before its mail is sent, so two servers never send the same one;
/// a failed send is logged without the address. Returns how many were sent.
pub async fn send_reminders(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    if !mailer.is_enabled() {
        return Ok(0);
    }
    let tomorrow = today(now) + Duration::days(1);
    let mut conn = db.acquire().await?;
    let due = store::to_remind(&mut conn, tomorrow).await?;
    drop(conn);
    let tr = crate::i18n::Tr::french();
    let mut sent = 0;
    for (id, first_name, email, workshop, session) in due {
        let mut tx = db.begin().await?;
        let claimed = store::mark_reminded(&mut tx, id, now).await?;
        tx.commit().await?;
        if !claimed {
            continue;
        }
        let mut conn = db.acquire().await?;
        let found = store::find_workshop(&mut conn, workshop).await?;
        let session = store::find_session(&mut conn, session).await?;
        drop(conn);
        let body = tr.t_args(
            "workshops-mail-reminder-body",
            &[
                ("name", first_name),
                ("title", found.title.clone()),
                ("date", views::when(&session)),
                (
                    "place",
                    format!("{}, {}", found.place_name, found.place_address),
                ),
            ],
        );
        match mailer
            .send(
                &email,
                &tr.t1("workshops-mail-reminder-subject", "title", &found.title),
                body,
            )
            .await
        {
            Ok(()) => sent += 1,
            Err(error) => tracing::warn!(%error, "workshop reminder not sent"),
        }
    }
    Ok(sent)
}

/// Coming workshops of a place for its page: `(id, title, next session, level)`.
pub async fn place_section(
    db: &Db,
    place: PlaceId,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, String, String, &'static str)>, StoreError> {
    let today = today(now);
    let items = agenda(db, today, today + Duration::days(model::AGENDA_DAYS), |w| {
        w.place == place && !w.cancelled
    })
    .await?;
    let mut rows: Vec<(i64, String, String, &'static str)> = Vec::new();
    for item in items {
        if rows.iter().any(|(id, ..)| *id == item.workshop.id.0) {
            continue;
        }
        rows.push((
            item.workshop.id.0,
            item.workshop.title.clone(),
            views::when(&item.session),
            crate::activities::vocab::label(
                crate::activities::vocab::WORKSHOP_LEVELS,
                &item.workshop.level,
            ),
        ));
    }
    Ok(rows)
}

/// Helpers of a workshop.
pub async fn helpers(db: &Db, id: WorkshopId) -> Result<Vec<(UserId, String)>, StoreError> {
    let mut conn = db.acquire().await?;
    store::helpers_of(&mut conn, id).await
}
