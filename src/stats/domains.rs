//! The staff dashboard's figures that the other domains keep: referrals by state and
//! destination, workshops and attendance, diagnostics by level, permanences held and their
//! coverage, charter signatures and commitments. Each is read for the dashboard's period,
//! organisations and place; the record filters (kind, theme, age) do not apply to them.
//!
//! Every read is bounded by the period (dated rows behind an index, or the diagnostic's own
//! monthly counters) or by the size of the network (charters), never by the whole history.

use super::StatsQuery;
use super::store::{self, Scope};
use crate::activities::vocab;
use crate::charters::{self, AssessmentStatus, CharterKind};
use crate::permanences;
use crate::places::PlaceId;
use crate::storage::time::to_db;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

/// Referral states in the order of their life.
pub const REFERRAL_STATES: [&str; 6] = [
    "sent",
    "accepted",
    "refused",
    "arrived",
    "expired",
    "cancelled",
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DomainFigures {
    /// `(state, count)` in [`REFERRAL_STATES`] order, states with none left out.
    pub referral_states: Vec<(String, i64)>,
    /// `(destination, count)`, the most frequent first. A destination is "name (commune)";
    /// an empty name is a destination since removed.
    pub referral_destinations: Vec<(String, i64)>,
    pub workshops: WorkshopFigures,
    /// Diagnostics made in the period's months: `(dimension, value) → people`.
    pub diagnostics: BTreeMap<(String, String), i64>,
    pub permanences: PermanenceFigures,
    pub charters: CharterFigures,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkshopFigures {
    /// Sessions dated in the period, cancelled ones included.
    pub sessions: i64,
    /// Sessions whose workshop was cancelled.
    pub cancelled: i64,
    /// Sessions whose attendance was marked.
    pub marked: i64,
    /// Seats of the marked sessions.
    pub seats: i64,
    /// People present at the marked sessions.
    pub present: i64,
    /// `(level, people present)` in the vocabulary's order.
    pub present_by_level: Vec<(String, i64)>,
}

impl WorkshopFigures {
    /// People present per hundred seats of the sessions whose attendance was marked.
    pub fn attendance_rate(&self) -> Option<i64> {
        percent(self.present, self.seats)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PermanenceFigures {
    /// Occurrences held up to today (neither cancelled nor a public holiday).
    pub held: i64,
    /// …of which had at least one helper on duty.
    pub covered: i64,
    /// Minutes of the occurrences held.
    pub minutes: i64,
    /// Occurrences of the period cancelled by their place.
    pub cancelled: i64,
    /// Occurrences still to come in the period, and those of them with a helper on duty.
    pub upcoming: i64,
    pub upcoming_covered: i64,
    /// `(place, held, covered)` by place name.
    pub by_place: Vec<(String, i64, i64)>,
}

impl PermanenceFigures {
    pub fn coverage(&self) -> Option<i64> {
        percent(self.covered, self.held)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharterFigures {
    /// The helpers' charter in force, and how many of the staff concerned signed it.
    pub helpers_version: i64,
    pub staff: i64,
    pub signed: i64,
    /// The network charter in force, and how many organisations adhered to it.
    pub network_version: i64,
    pub organizations: i64,
    pub adhered: i64,
    /// Per commitment of the network charter in force: its text and how many organisations
    /// assessed it met, in progress, not met, or not at all.
    pub commitments: Vec<(String, [i64; 4])>,
}

/// `part` per hundred of `whole`, rounded.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

/// Reads every figure for `query`, as of `now` (`today` in Paris).
pub async fn domain_figures(
    db: &Db,
    query: &StatsQuery,
    now: DateTime<Utc>,
) -> Result<DomainFigures, StoreError> {
    let today = permanences::today(now);
    let instant = |day: NaiveDate| {
        to_db(permanences::model::local_to_utc(
            day.and_time(NaiveTime::MIN),
        ))
    };
    let scope = Scope {
        from_instant: instant(query.from),
        until_instant: instant(query.to.checked_add_days(Days::new(1)).unwrap_or(query.to)),
        from_day: query.from.format("%Y-%m-%d").to_string(),
        to_day: query.to.format("%Y-%m-%d").to_string(),
        organizations: query.organizations.as_deref(),
        place: query.place,
    };
    let mut conn = db.acquire().await?;
    let referrals = store::referral_counts(&mut conn, &scope).await?;
    let sessions = store::workshop_sessions(&mut conn, &scope).await?;
    let diagnostics = store::diagnostic_sums(
        &mut conn,
        &query.from.format("%Y-%m").to_string(),
        &query.to.format("%Y-%m").to_string(),
        scope.organizations,
        scope.place,
    )
    .await?;
    drop(conn);
    let mut figures = DomainFigures {
        diagnostics: diagnostics
            .into_iter()
            .map(|(dimension, value, people)| ((dimension, value), people))
            .collect(),
        workshops: workshop_figures(&sessions),
        ..DomainFigures::default()
    };
    let mut states: BTreeMap<String, i64> = BTreeMap::new();
    let mut destinations: BTreeMap<i64, (String, i64)> = BTreeMap::new();
    for (state, place, name, commune, n) in referrals {
        *states.entry(state).or_default() += n;
        let label = if name.is_empty() {
            String::new()
        } else {
            format!("{name} ({commune})")
        };
        destinations.entry(place).or_insert((label, 0)).1 += n;
    }
    figures.referral_states = REFERRAL_STATES
        .iter()
        .filter_map(|s| states.get(*s).map(|n| ((*s).to_owned(), *n)))
        .collect();
    let mut destinations: Vec<(String, i64)> = destinations.into_values().collect();
    destinations.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    figures.referral_destinations = destinations;
    figures.permanences = permanence_figures(db, query, today).await?;
    figures.charters = charter_figures(db, query.organizations.as_deref(), now).await?;
    Ok(figures)
}

fn workshop_figures(sessions: &[store::SessionLine]) -> WorkshopFigures {
    let mut figures = WorkshopFigures::default();
    let mut by_level: BTreeMap<&str, i64> = BTreeMap::new();
    for session in sessions {
        figures.sessions += 1;
        if session.status == "cancelled" {
            figures.cancelled += 1;
        } else if session.marked == 1 {
            figures.marked += 1;
            figures.seats += session.capacity;
            figures.present += session.present;
            *by_level.entry(session.level.as_str()).or_default() += session.present;
        }
    }
    figures.present_by_level = vocab::WORKSHOP_LEVELS
        .iter()
        .filter_map(|(code, _)| by_level.get(code).map(|n| ((*code).to_owned(), *n)))
        .collect();
    figures
}

/// The permanences of the scope, expanded over the period (in windows the schedule accepts).
async fn permanence_figures(
    db: &Db,
    query: &StatsQuery,
    today: NaiveDate,
) -> Result<PermanenceFigures, StoreError> {
    let keep = |p: &permanences::Permanence| {
        query.place.is_none_or(|place| p.place_id == PlaceId(place))
            && query.organizations.as_ref().is_none_or(|organizations| {
                p.organization_id
                    .is_some_and(|id| organizations.contains(&id))
            })
    };
    let window = Days::new(permanences::model::MAX_WINDOW_DAYS as u64 - 1);
    let mut figures = PermanenceFigures::default();
    let mut places: BTreeMap<PlaceId, (String, i64, i64)> = BTreeMap::new();
    let mut start = query.from;
    while start <= query.to {
        let end = start
            .checked_add_days(window)
            .unwrap_or(query.to)
            .min(query.to);
        for item in permanences::agenda(db, start, end, keep).await? {
            let occurrence = &item.occurrence;
            let has_helper = !item.helpers.is_empty();
            if matches!(
                occurrence.status,
                permanences::model::OccurrenceStatus::Cancelled(_)
            ) {
                figures.cancelled += 1;
            } else if !occurrence.is_held() {
                continue;
            } else if occurrence.date <= today {
                figures.held += 1;
                figures.minutes += occurrence.minutes();
                let place = places.entry(item.permanence.place_id).or_insert_with(|| {
                    let permanence = &item.permanence;
                    (
                        format!("{} ({})", permanence.place_name, permanence.commune),
                        0,
                        0,
                    )
                });
                place.1 += 1;
                if has_helper {
                    figures.covered += 1;
                    place.2 += 1;
                }
            } else {
                figures.upcoming += 1;
                figures.upcoming_covered += i64::from(has_helper);
            }
        }
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    figures.by_place = places.into_values().collect();
    figures.by_place.sort();
    Ok(figures)
}

/// Signatures, adhesions and self-assessments as they stand `now`.
async fn charter_figures(
    db: &Db,
    organizations: Option<&[i64]>,
    now: DateTime<Utc>,
) -> Result<CharterFigures, StoreError> {
    let helpers = charters::current_charter(db, now, CharterKind::Helpers).await?;
    let network = charters::current_charter(db, now, CharterKind::Network).await?;
    let in_scope = |id: i64| organizations.is_none_or(|ids| ids.contains(&id));
    let members: Vec<i64> = crate::organizations::list_organizations(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .filter(|id| in_scope(*id))
        .collect();
    let mut conn = db.acquire().await?;
    let (staff, signed) = store::helper_signatures(&mut conn, helpers.id, organizations).await?;
    let adhesions = charters::store::list_latest_adhesions(&mut conn).await?;
    let assessments = charters::store::list_assessments(&mut conn, None).await?;
    drop(conn);
    let commitments = network
        .commitments
        .iter()
        .map(|commitment| {
            let mut counts = [0; 4];
            for organization in &members {
                let status = assessments
                    .iter()
                    .find(|a| {
                        a.organization_id == *organization && a.commitment_code == commitment.code
                    })
                    .map(|a| a.status);
                let slot = match status {
                    Some(AssessmentStatus::Met) => 0,
                    Some(AssessmentStatus::InProgress) => 1,
                    Some(AssessmentStatus::NotMet) => 2,
                    None => 3,
                };
                counts[slot] += 1;
            }
            (commitment.text.clone(), counts)
        })
        .collect();
    Ok(CharterFigures {
        helpers_version: helpers.version,
        staff,
        signed,
        network_version: network.version,
        organizations: members.len() as i64,
        adhered: adhesions
            .iter()
            .filter(|a| in_scope(a.organization_id) && a.version == network.version)
            .count() as i64,
        commitments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(
        level: &str,
        status: &str,
        capacity: i64,
        marked: i64,
        present: i64,
    ) -> store::SessionLine {
        store::SessionLine {
            level: level.into(),
            status: status.into(),
            capacity,
            marked,
            present,
        }
    }

    #[test]
    fn attendance_counts_only_marked_sessions_of_workshops_still_on() {
        let figures = workshop_figures(&[
            session("debutant", "published", 8, 1, 6),
            session("debutant", "published", 8, 1, 8),
            session("avance", "published", 10, 1, 5),
            // Not marked yet: planned, not counted in attendance.
            session("avance", "published", 10, 0, 0),
            // Cancelled: counted apart even if a record exists.
            session("intermediaire", "cancelled", 12, 1, 3),
        ]);
        assert_eq!(figures.sessions, 5);
        assert_eq!(figures.cancelled, 1);
        assert_eq!(figures.marked, 3);
        assert_eq!(figures.seats, 26);
        assert_eq!(figures.present, 19);
        assert_eq!(figures.attendance_rate(), Some(73));
        assert_eq!(
            figures.present_by_level,
            vec![("debutant".to_owned(), 14), ("avance".to_owned(), 5)]
        );
    }

    #[test]
    fn a_share_of_nothing_is_unknown_not_zero() {
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(4, 4), Some(100));
    }
}
