//! Permanences: the free, recurring drop-in sessions of a place. A schedule is an RFC 5545
//! recurrence rule with exceptions (cancelled occurrences with a public reason, extra dates)
//! and French public holidays; helpers volunteer or are assigned for an occurrence; the
//! coverage board flags occurrences of the next 14 days without a helper; the half-day rule
//! checks each place offers at least 3 hours a week over the coming month. Public agenda
//! pages and iCalendar feeds (network, place, each helper's private feed) read from here.

pub mod ical;
pub mod model;
pub mod poster;
mod routes;
pub mod store;
pub mod views;

pub use model::{
    Exception, ExceptionError, ExceptionKind, HalfDay, Occurrence, OccurrenceStatus, Pattern,
    PermanenceData, PermanenceId, Schedule, ScheduleError,
};
pub use routes::router;

use crate::accounts::{self, Role, SessionUser, UserId};
use crate::audit::{self, AuditAction};
use crate::places::{self, PlaceId};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

pub const AUDIT_PERMANENCE_CREATE: AuditAction = AuditAction("permanence.create");
pub const AUDIT_PERMANENCE_UPDATE: AuditAction = AuditAction("permanence.update");
pub const AUDIT_PERMANENCE_DELETE: AuditAction = AuditAction("permanence.delete");
pub const AUDIT_EXCEPTION_ADD: AuditAction = AuditAction("permanence.exception.add");
pub const AUDIT_EXCEPTION_REMOVE: AuditAction = AuditAction("permanence.exception.remove");
pub const AUDIT_DUTY_ADD: AuditAction = AuditAction("permanence.duty.add");
pub const AUDIT_DUTY_REMOVE: AuditAction = AuditAction("permanence.duty.remove");
pub const AUDIT_FEED_CREATE: AuditAction = AuditAction("permanence.feed.create");
pub const AUDIT_FEED_REVOKE: AuditAction = AuditAction("permanence.feed.revoke");

/// A stored permanence with what the pages need of its place.
#[derive(Clone, Debug)]
pub struct Permanence {
    pub id: PermanenceId,
    pub place_id: PlaceId,
    pub place_name: String,
    pub address: String,
    pub postcode: String,
    pub commune: String,
    pub organization_id: Option<i64>,
    pub place_is_public: bool,
    pub data: PermanenceData,
}

/// A helper on duty for one occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    pub permanence: PermanenceId,
    pub on_date: NaiveDate,
    pub helper: UserId,
    pub helper_name: String,
}

/// One occurrence of a permanence, with the helpers on duty.
#[derive(Clone, Debug)]
pub struct AgendaItem {
    pub permanence: Permanence,
    pub occurrence: Occurrence,
    pub helpers: Vec<(UserId, String)>,
    /// People who took note of the public charter at this date.
    pub acknowledgements: i64,
}

impl AgendaItem {
    pub fn is_uncovered(&self) -> bool {
        self.occurrence.is_held() && self.helpers.is_empty()
    }
}

/// Today in Paris.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&places::hours::TIME_ZONE).date_naive()
}

/// Occurrences between `from` and `to` (inclusive, at most `MAX_WINDOW_DAYS`) of the
/// permanences `keep` accepts, in date and time order, with their helpers.
pub async fn agenda(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    keep: impl Fn(&Permanence) -> bool,
) -> Result<Vec<AgendaItem>, StoreError> {
    let mut conn = db.acquire().await?;
    let permanences: Vec<Permanence> = store::list_permanences(&mut conn)
        .await?
        .into_iter()
        .filter(|p| keep(p))
        .collect();
    if permanences.is_empty() {
        return Ok(Vec::new());
    }
    let exceptions = group_exceptions(store::list_exceptions(&mut conn).await?);
    let duties = store::duties_between(&mut conn, from, to, None).await?;
    let counts = store::acknowledgements_between(&mut conn, from, to, None).await?;
    Ok(expand(permanences, &exceptions, &duties, &counts, from, to))
}

/// The agenda of one place.
pub async fn place_agenda(
    db: &Db,
    place: PlaceId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AgendaItem>, StoreError> {
    let mut conn = db.acquire().await?;
    let permanences = store::permanences_of_place(&mut conn, place).await?;
    if permanences.is_empty() {
        return Ok(Vec::new());
    }
    let exceptions = group_exceptions(store::exceptions_of_place(&mut conn, place).await?);
    let duties = store::duties_between(&mut conn, from, to, Some(place)).await?;
    let counts = store::acknowledgements_between(&mut conn, from, to, Some(place)).await?;
    Ok(expand(permanences, &exceptions, &duties, &counts, from, to))
}

fn group_exceptions(
    exceptions: Vec<(PermanenceId, Exception)>,
) -> HashMap<PermanenceId, Vec<Exception>> {
    let mut grouped: HashMap<PermanenceId, Vec<Exception>> = HashMap::new();
    for (id, exception) in exceptions {
        grouped.entry(id).or_default().push(exception);
    }
    grouped
}

fn expand(
    permanences: Vec<Permanence>,
    exceptions: &HashMap<PermanenceId, Vec<Exception>>,
    duties: &[Duty],
    counts: &[(PermanenceId, NaiveDate, i64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for permanence in permanences {
        let none = Vec::new();
        let own = exceptions.get(&permanence.id).unwrap_or(&none);
        // A stored schedule was checked when saved; one that no longer expands (a library
        // change) shows nothing rather than breaking the whole agenda.
        let occurrences = match permanence.data.schedule.occurrences(
            own,
            from,
            to,
            places::hours::is_public_holiday,
        ) {
            Ok(occurrences) => occurrences,
            Err(error) => {
                tracing::warn!(permanence = permanence.id.0, %error, "schedule not expanded");
                Vec::new()
            }
        };
        for occurrence in occurrences {
            let helpers = duties
                .iter()
                .filter(|d| d.permanence == permanence.id && d.on_date == occurrence.date)
                .map(|d| (d.helper, d.helper_name.clone()))
                .collect();
            let acknowledgements = counts
                .iter()
                .find(|(id, day, _)| *id == permanence.id && *day == occurrence.date)
                .map_or(0, |(_, _, people)| *people);
            items.push(AgendaItem {
                permanence: permanence.clone(),
                occurrence,
                helpers,
                acknowledgements,
            });
        }
    }
    items.sort_by(|a, b| {
        (
            a.occurrence.date,
            a.occurrence.start,
            &a.permanence.place_name,
        )
            .cmp(&(
                b.occurrence.date,
                b.occurrence.start,
                &b.permanence.place_name,
            ))
    });
    items
}

pub async fn find_permanence(db: &Db, id: PermanenceId) -> Result<Permanence, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_permanence(&mut conn, id).await
}

pub async fn permanences_of_place(
    db: &Db,
    place: PlaceId,
) -> Result<Vec<(Permanence, Vec<Exception>)>, StoreError> {
    let mut conn = db.acquire().await?;
    let permanences = store::permanences_of_place(&mut conn, place).await?;
    let mut exceptions = group_exceptions(store::exceptions_of_place(&mut conn, place).await?);
    Ok(permanences
        .into_iter()
        .map(|p| {
            let own = exceptions.remove(&p.id).unwrap_or_default();
            (p, own)
        })
        .collect())
}

/// Records who changed which permanence, then commits.
async fn commit_audited(
    mut tx: crate::storage::Tx,
    now: DateTime<Utc>,
    actor: UserId,
    action: AuditAction,
    permanence: i64,
) -> Result<(), StoreError> {
    audit::record(
        &mut tx,
        now,
        Some(actor),
        action,
        "permanence",
        Some(permanence),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `user` may plan the permanences of a place of `organization_id` (its managers and
/// coordinators, as for editing the place).
pub async fn can_plan(
    db: &Db,
    user: &SessionUser,
    organization_id: Option<i64>,
) -> Result<bool, StoreError> {
    let organizations = accounts::organization_ids(db, user.id).await?;
    Ok(places::can_edit(user, &organizations, organization_id))
}

pub async fn create_permanence(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    place: PlaceId,
    data: &PermanenceData,
) -> Result<PermanenceId, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_permanence(&mut tx, place, data, now).await?;
    commit_audited(tx, now, actor, AUDIT_PERMANENCE_CREATE, id.0).await?;
    Ok(id)
}

pub async fn update_permanence(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PermanenceId,
    data: &PermanenceData,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::update_permanence(&mut tx, id, data, now).await?;
    commit_audited(tx, now, actor, AUDIT_PERMANENCE_UPDATE, id.0).await
}

pub async fn delete_permanence(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    id: PermanenceId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::delete_permanence(&mut tx, id).await?;
    commit_audited(tx, now, actor, AUDIT_PERMANENCE_DELETE, id.0).await
}

#[derive(Debug, thiserror::Error)]
pub enum PermanenceError {
    #[error("invalid exception: {0:?}")]
    Exception(ExceptionError),
    #[error("invalid duty: {0:?}")]
    Duty(DutyError),
    #[error("acknowledgement not counted: {0:?}")]
    Acknowledgement(AcknowledgementError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for PermanenceError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Adds an exception after checking it against the series (a cancellation names one of its
/// dates, an extra date is not already one).
pub async fn add_exception(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    permanence: &Permanence,
    exception: &Exception,
) -> Result<(), PermanenceError> {
    model::check_exception(
        &permanence.data.schedule,
        exception.kind,
        exception.on_date,
        &exception.reason,
        exception.times,
    )
    .map_err(PermanenceError::Exception)?;
    let mut tx = db.begin().await?;
    store::insert_exception(&mut tx, permanence.id, exception, now).await?;
    Ok(commit_audited(tx, now, actor, AUDIT_EXCEPTION_ADD, permanence.id.0).await?)
}

pub async fn remove_exception(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    permanence: PermanenceId,
    exception: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::delete_exception(&mut tx, permanence, exception).await?;
    commit_audited(tx, now, actor, AUDIT_EXCEPTION_REMOVE, permanence.0).await
}

/// Why a helper cannot be put on duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DutyError {
    /// The date is not an occurrence that will take place (cancelled, holiday, not in the
    /// series) or it is already past.
    NotAnOccurrence,
    /// The helper is not a member of the place's organisation.
    NotAMember,
    /// The helper has not signed the current helpers' charter.
    CharterNotSigned,
}

impl DutyError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::NotAnOccurrence => "permanences-duty-not-occurrence",
            Self::NotAMember => "permanences-duty-not-member",
            Self::CharterNotSigned => "permanences-duty-charter",
        }
    }
}

/// The held occurrence of `permanence` on `date`, if it is today or later.
async fn held_occurrence(
    db: &Db,
    permanence: &Permanence,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Occurrence, PermanenceError> {
    if date < today(now) {
        return Err(PermanenceError::Duty(DutyError::NotAnOccurrence));
    }
    place_agenda(db, permanence.place_id, date, date)
        .await?
        .into_iter()
        .find(|item| item.permanence.id == permanence.id && item.occurrence.is_held())
        .map(|item| item.occurrence)
        .ok_or(PermanenceError::Duty(DutyError::NotAnOccurrence))
}

/// Puts `helper` on duty for the occurrence of `date`: the helper volunteers (`actor` is the
/// helper) or a manager of the place or a coordinator assigns them. The helper must belong to
/// the place's organisation and have signed the current helpers' charter.
pub async fn put_on_duty(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    permanence: &Permanence,
    date: NaiveDate,
    helper: UserId,
) -> Result<(), PermanenceError> {
    held_occurrence(db, permanence, date, now).await?;
    let member = match permanence.organization_id {
        Some(organization) => accounts::organization_ids(db, helper)
            .await?
            .contains(&organization),
        None => false,
    };
    if !member {
        return Err(PermanenceError::Duty(DutyError::NotAMember));
    }
    if !crate::charters::helper_has_signed_current(db, helper).await? {
        return Err(PermanenceError::Duty(DutyError::CharterNotSigned));
    }
    let mut tx = db.begin().await?;
    if store::insert_duty(&mut tx, permanence.id, date, helper, actor, now).await? {
        audit::record(
            &mut tx,
            now,
            Some(actor),
            AUDIT_DUTY_ADD,
            "permanence",
            Some(permanence.id.0),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes `helper` off duty for the occurrence of `date`.
pub async fn take_off_duty(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    permanence: PermanenceId,
    date: NaiveDate,
    helper: UserId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::delete_duty(&mut tx, permanence, date, helper).await?;
    commit_audited(tx, now, actor, AUDIT_DUTY_REMOVE, permanence.0).await
}

/// Staff of the place's organisation who can be put on duty.
pub async fn possible_helpers(
    db: &Db,
    permanence: &Permanence,
) -> Result<Vec<(UserId, String)>, StoreError> {
    let Some(organization) = permanence.organization_id else {
        return Ok(Vec::new());
    };
    organization_members(db, organization).await
}

/// Staff members of an organisation: `(id, name)`.
pub async fn organization_members(
    db: &Db,
    organization: i64,
) -> Result<Vec<(UserId, String)>, StoreError> {
    let mut conn = db.acquire().await?;
    store::members_of_organization(&mut conn, organization).await
}

/// Which permanences a staff member follows: coordinators every one, others those of their
/// organisations' places.
pub async fn scope_of(
    db: &Db,
    user: &SessionUser,
) -> Result<impl Fn(&Permanence) -> bool + use<>, StoreError> {
    let organizations = accounts::organization_ids(db, user.id).await?;
    let everything = user.role == Role::Coordinator;
    Ok(move |p: &Permanence| {
        everything
            || p.organization_id
                .is_some_and(|o| organizations.contains(&o))
    })
}

/// Held occurrences of the next `COVERAGE_DAYS` days without any helper, in the viewer's
/// scope.
pub async fn uncovered(
    db: &Db,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<Vec<AgendaItem>, StoreError> {
    let from = today(now);
    let to = from + Duration::days(model::COVERAGE_DAYS - 1);
    let scope = scope_of(db, user).await?;
    Ok(agenda(db, from, to, scope)
        .await?
        .into_iter()
        .filter(AgendaItem::is_uncovered)
        .collect())
}

/// A place's half-day measure over the coming weeks.
pub async fn half_day_of_place(
    db: &Db,
    place: PlaceId,
    now: DateTime<Utc>,
) -> Result<HalfDay, StoreError> {
    let from = today(now);
    let items = place_agenda(db, place, from, model::half_day_horizon(from)).await?;
    let occurrences: Vec<Occurrence> = items.into_iter().map(|i| i.occurrence).collect();
    Ok(HalfDay::measure(&occurrences, from))
}

/// A place of the network that does not reach the half-day rule.
#[derive(Clone, Debug)]
pub struct HalfDayShortfall {
    pub place: PlaceId,
    pub name: String,
    pub commune: String,
    pub measure: HalfDay,
}

/// Places of member organisations (or with permanences) that do not reach the half-day rule,
/// the weakest first.
pub async fn half_day_shortfalls(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<HalfDayShortfall>, StoreError> {
    let from = today(now);
    let items = agenda(db, from, model::half_day_horizon(from), |_| true).await?;
    let mut by_place: HashMap<PlaceId, Vec<Occurrence>> = HashMap::new();
    for item in items {
        by_place
            .entry(item.permanence.place_id)
            .or_default()
            .push(item.occurrence);
    }
    let mut conn = db.acquire().await?;
    let member_places = store::member_places(&mut conn).await?;
    drop(conn);
    let mut shortfalls: Vec<HalfDayShortfall> = member_places
        .into_iter()
        .map(|(place, name, commune)| {
            let occurrences = by_place.remove(&place).unwrap_or_default();
            HalfDayShortfall {
                place,
                name,
                commune,
                measure: HalfDay::measure(&occurrences, from),
            }
        })
        .filter(|s| !s.measure.is_met())
        .collect();
    shortfalls.sort_by(|a, b| {
        (a.measure.least_minutes(), &a.commune, &a.name).cmp(&(
            b.measure.least_minutes(),
            &b.commune,
            &b.name,
        ))
    });
    Ok(shortfalls)
}

/// One helper's coming duties.
pub async fn duties_of_helper(
    db: &Db,
    helper: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Duty>, StoreError> {
    let mut conn = db.acquire().await?;
    store::duties_of_helper(&mut conn, helper, today(now)).await
}

/// Every duty of a helper, past ones included (their data export).
pub async fn all_duties_of_helper(db: &Db, helper: UserId) -> Result<Vec<Duty>, StoreError> {
    let mut conn = db.acquire().await?;
    let since = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    store::duties_of_helper(&mut conn, helper, since).await
}

/// Makes (or replaces) the helper's private feed address; returns its secret, shown once.
pub async fn renew_helper_feed(
    db: &Db,
    now: DateTime<Utc>,
    helper: UserId,
) -> Result<String, StoreError> {
    let token = accounts::model::new_token();
    let mut tx = db.begin().await?;
    store::set_feed(&mut tx, helper, &accounts::model::hash_secret(&token), now).await?;
    audit::record(
        &mut tx,
        now,
        Some(helper),
        AUDIT_FEED_CREATE,
        "user",
        Some(helper.0),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Ends the helper's private feed address.
pub async fn revoke_helper_feed(
    db: &Db,
    now: DateTime<Utc>,
    helper: UserId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::delete_feed(&mut tx, helper).await?;
    audit::record(
        &mut tx,
        now,
        Some(helper),
        AUDIT_FEED_REVOKE,
        "user",
        Some(helper.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn has_helper_feed(db: &Db, helper: UserId) -> Result<bool, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::feed_created_at(&mut conn, helper).await?.is_some())
}

/// The helper a private feed secret belongs to.
pub async fn helper_of_feed(db: &Db, token: &str) -> Result<Option<UserId>, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_feed_owner(&mut conn, &accounts::model::hash_secret(token)).await
}

/// The place page's section: the next four weeks and the half-day rule.
pub async fn place_section(
    db: &Db,
    place: PlaceId,
    now: DateTime<Utc>,
) -> Result<views::PlaceSection, StoreError> {
    let from = today(now);
    let items = place_agenda(db, place, from, model::half_day_horizon(from)).await?;
    let occurrences: Vec<Occurrence> = items.iter().map(|i| i.occurrence.clone()).collect();
    let measure = HalfDay::measure(&occurrences, from);
    Ok(views::PlaceSection {
        rows: views::rows(&items),
        half_day: views::half_day_sentence(&measure),
        half_day_met: measure.is_met(),
    })
}

pub const AUDIT_POSTER_RULES: AuditAction = AuditAction("place.poster_rules");

/// A place's poster rules and when staff last downloaded its poster.
pub async fn poster_info(
    db: &Db,
    place: PlaceId,
) -> Result<(String, Option<DateTime<Utc>>), StoreError> {
    let mut conn = db.acquire().await?;
    store::find_poster(&mut conn, place).await
}

pub async fn save_poster_rules(
    db: &Db,
    now: DateTime<Utc>,
    actor: UserId,
    place: PlaceId,
    rules: &str,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::save_poster_rules(&mut tx, place, rules, now).await?;
    audit::record(
        &mut tx,
        now,
        Some(actor),
        AUDIT_POSTER_RULES,
        "place",
        Some(place.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records that staff of the place downloaded its poster (the "rules displayed" commitment).
pub async fn mark_poster_printed(
    db: &Db,
    now: DateTime<Utc>,
    place: PlaceId,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::mark_poster_printed(&mut tx, place, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the poster of `place` was downloaded by its staff during the current calendar
/// year (Paris time).
pub async fn poster_printed_this_year(
    db: &Db,
    place: PlaceId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    use chrono::Datelike;
    let (_, printed_at) = poster_info(db, place).await?;
    let year = today(now).year();
    Ok(printed_at.is_some_and(|at| today(at).year() == year))
}

/// The poster of a place.
pub async fn poster_of(
    db: &Db,
    place: &places::Place,
    now: DateTime<Utc>,
    url: String,
) -> Result<poster::Poster, StoreError> {
    let (rules, _) = poster_info(db, place.id).await?;
    let permanences: Vec<Permanence> = permanences_of_place(db, place.id)
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let network = crate::network::find_network(db)
        .await?
        .map(|n| n.name)
        .unwrap_or_default();
    let record = &place.record;
    Ok(poster::build(
        &crate::i18n::Tr::french(),
        &record.nom,
        &format!(
            "{}, {} {}",
            record.adresse, record.code_postal, record.commune
        ),
        &permanences,
        today(now),
        &rules,
        url,
        network,
    ))
}

/// Whether an organisation holds the half-day rule: at least one of its places offers 3 hours
/// of permanence every week of the coming month.
pub async fn organization_meets_half_day(
    db: &Db,
    organization: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let from = today(now);
    let items = agenda(db, from, model::half_day_horizon(from), |p| {
        p.organization_id == Some(organization)
    })
    .await?;
    let mut by_place: HashMap<PlaceId, Vec<Occurrence>> = HashMap::new();
    for item in items {
        by_place
            .entry(item.permanence.place_id)
            .or_default()
            .push(item.occurrence);
    }
    Ok(by_place
        .values()
        .any(|occurrences| HalfDay::measure(occurrences, from).is_met()))
}

/// Whether every place of an organisation that holds permanences had its poster downloaded by
/// its staff this calendar year (false when it holds none).
pub async fn organization_posters_printed(
    db: &Db,
    organization: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut conn = db.acquire().await?;
    let mut places: Vec<PlaceId> = store::list_permanences(&mut conn)
        .await?
        .into_iter()
        .filter(|p| p.organization_id == Some(organization))
        .map(|p| p.place_id)
        .collect();
    drop(conn);
    places.sort();
    places.dedup();
    if places.is_empty() {
        return Ok(false);
    }
    for place in places {
        if !poster_printed_this_year(db, place, now).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Why a public-charter acknowledgement is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcknowledgementError {
    /// Only a helper on duty that day, or the place's managers and coordinators, count.
    NotAllowed,
    /// Only a held occurrence of today or earlier counts.
    NotToday,
}

/// Counts one person who took note of the public charter at the occurrence of `date` (a
/// count, never a name). `user` is on duty that day, or plans the place's permanences.
pub async fn acknowledge_public_charter(
    db: &Db,
    now: DateTime<Utc>,
    user: &SessionUser,
    permanence: &Permanence,
    date: NaiveDate,
) -> Result<(), PermanenceError> {
    let items = place_agenda(db, permanence.place_id, date, date).await?;
    let item = items
        .iter()
        .find(|item| item.permanence.id == permanence.id);
    let on_duty = item.is_some_and(|item| item.helpers.iter().any(|(id, _)| *id == user.id));
    if !on_duty && !can_plan(db, user, permanence.organization_id).await? {
        return Err(PermanenceError::Acknowledgement(
            AcknowledgementError::NotAllowed,
        ));
    }
    if date > today(now) || !item.is_some_and(|item| item.occurrence.is_held()) {
        return Err(PermanenceError::Acknowledgement(
            AcknowledgementError::NotToday,
        ));
    }
    let mut tx = db.begin().await?;
    store::add_acknowledgement(&mut tx, permanence.id, date).await?;
    tx.commit().await?;
    Ok(())
}

/// People who took note of the public charter at the network's permanences over the last
/// 365 days.
pub async fn public_charter_acknowledgements(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let to = today(now);
    let mut conn = db.acquire().await?;
    Ok(
        store::acknowledgements_between(&mut conn, to - Duration::days(364), to, None)
            .await?
            .iter()
            .map(|(_, _, people)| people)
            .sum(),
    )
}
