//! The diagnostic of a person's level and needs: ten questions in plain French, a level per
//! domain and a profile, and next steps taken from the local network. The person keeps the
//! result as a code that carries the answers; Relais keeps only counts per place and month.

pub mod model;
pub mod routes;
pub mod store;
pub mod views;

use crate::accounts::{self, Role, SessionUser};
use crate::places::search::{PlaceFilter, Snapshot};
use crate::places::{self, PlaceId};
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use model::{Diagnostic, Questionnaire};

/// How far next steps look around a commune.
pub const NEXT_STEPS_RADIUS_KM: f64 = 20.0;
/// How many places the result proposes.
pub const NEXT_STEPS_PLACES: usize = 3;
/// How far ahead the next permanence of a proposed place is looked for.
pub const NEXT_PERMANENCE_DAYS: i64 = 28;
/// Below this many people, a count is shown as "fewer than 5" outside the place's own staff.
pub const SMALL_COUNT: i64 = 5;
/// The staff board covers this many months, the current one included.
pub const BOARD_MONTHS: u32 = 6;

/// `YYYY-MM` of a day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The counters one completed diagnostic adds to: one in total, its level per domain, its
/// profile and each chosen need.
pub fn counters(questionnaire: &Questionnaire, diagnostic: &Diagnostic) -> Vec<(String, String)> {
    let scores = questionnaire.score(diagnostic);
    let mut counts = vec![("total".to_owned(), "total".to_owned())];
    for score in &scores.domains {
        if let Some(level) = score.level {
            counts.push((
                format!("niveau:{}", questionnaire.domains[score.domain].id),
                questionnaire.levels[level].id.clone(),
            ));
        }
    }
    counts.push((
        "profil".to_owned(),
        questionnaire.profiles[scores.profile].id.clone(),
    ));
    // Needs also by the workshop level that suits the profile, for the workshops' needs board.
    let level = &questionnaire.profiles[scores.profile].workshop_level;
    for need in &diagnostic.needs {
        counts.push(("besoin".to_owned(), questionnaire.needs[*need].id.clone()));
        counts.push((
            format!("besoin:{level}"),
            questionnaire.needs[*need].id.clone(),
        ));
    }
    counts
}

/// The levels of a diagnostic as an accompaniment record keeps them:
/// `appareil=premiers-pas;internet=en-progres;…` (domains the code did not ask are left out).
pub fn levels_text(questionnaire: &Questionnaire, diagnostic: &Diagnostic) -> String {
    questionnaire
        .score(diagnostic)
        .domains
        .iter()
        .filter_map(|score| {
            score.level.map(|level| {
                format!(
                    "{}={}",
                    questionnaire.domains[score.domain].id, questionnaire.levels[level].id
                )
            })
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The levels kept by a record, in words: `[("Utiliser un appareil", "Premiers pas"), …]`.
/// Unknown ids (a questionnaire changed since) are shown as they are.
pub fn levels_in_words(questionnaire: &Questionnaire, text: &str) -> Vec<(String, String)> {
    text.split(';')
        .filter_map(|pair| pair.split_once('='))
        .map(|(domain, level)| {
            (
                questionnaire
                    .domains
                    .iter()
                    .find(|d| d.id == domain)
                    .map_or_else(|| domain.to_owned(), |d| d.label.clone()),
                questionnaire
                    .levels
                    .iter()
                    .find(|l| l.id == level)
                    .map_or_else(|| level.to_owned(), |l| l.label.clone()),
            )
        })
        .collect()
}

/// Counts one completed diagnostic for a place (or none: at home) and the month of `now`, in
/// one transaction. Nothing else of the person is written.
pub async fn count_completed(
    db: &Db,
    questionnaire: &Questionnaire,
    diagnostic: &Diagnostic,
    place: Option<PlaceId>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let month = month_of(crate::permanences::today(now));
    let counts = counters(questionnaire, diagnostic);
    let mut tx = db.begin().await?;
    store::add_counts(&mut tx, place.map_or(0, |p| p.0), &month, &counts).await?;
    tx.commit().await?;
    Ok(())
}

/// A place the result proposes.
#[derive(Clone, Debug)]
pub struct NextStep {
    pub place: PlaceId,
    pub name: String,
    pub address: String,
    pub distance: Option<String>,
    /// The needed services this place offers.
    pub services: Vec<&'static str>,
    pub support_modes: Vec<&'static str>,
    /// "Ouvert maintenant…", when the hours can be read.
    pub status: String,
    /// "mardi 8 décembre, 14 h – 17 h".
    pub next_permanence: Option<String>,
}

/// What the result proposes near a commune or postcode.
#[derive(Clone, Debug, Default)]
pub struct NextSteps {
    pub places: Vec<NextStep>,
    pub unknown_commune: bool,
}

/// Where to look for next steps: a commune or postcode typed by the person, or the position of
/// the place where the diagnostic was made.
#[derive(Clone, Debug, Default)]
pub struct Around<'a> {
    pub commune: &'a str,
    pub point: Option<(f64, f64)>,
}

impl Around<'_> {
    /// The search around the point (when given) or the commune / postcode, `None` when there
    /// is neither: a commune name is searched within `NEXT_STEPS_RADIUS_KM`, a postcode as is.
    fn filter(&self, per_page: usize) -> Option<PlaceFilter> {
        let commune = if self.point.is_some() {
            ""
        } else {
            self.commune.trim()
        };
        if commune.is_empty() && self.point.is_none() {
            return None;
        }
        let postcode = commune.len() == 5 && commune.chars().all(|c| c.is_ascii_digit());
        Some(PlaceFilter {
            commune: commune.to_owned(),
            point: self.point,
            radius_km: (!postcode).then_some(NEXT_STEPS_RADIUS_KM),
            page: 1,
            per_page,
            ..PlaceFilter::default()
        })
    }
}

/// The nearest places offering at least one needed service (every place of the network when
/// no need was chosen), with their next permanence.
pub async fn next_steps(
    db: &Db,
    index: &Snapshot,
    services: &[&'static str],
    around: Around<'_>,
    now: DateTime<Utc>,
) -> Result<NextSteps, StoreError> {
    let Some(around) = around.filter(20) else {
        return Ok(NextSteps::default());
    };
    let mut wanted: Vec<Option<&'static str>> = services.iter().copied().map(Some).collect();
    if wanted.is_empty() {
        wanted.push(None);
    }
    let mut found: Vec<(NextStep, f64)> = Vec::new();
    let mut unknown_commune = false;
    for service in wanted {
        let results = index.search(
            &PlaceFilter {
                services: service.into_iter().collect(),
                ..around.clone()
            },
            now,
        );
        unknown_commune |= results.unknown_commune;
        for hit in results.hits {
            let place = hit.place;
            if let Some((step, _)) = found.iter_mut().find(|(s, _)| s.place == place.id) {
                if let Some(service) = service
                    && !step.services.contains(&service)
                {
                    step.services.push(service);
                }
                continue;
            }
            found.push((
                NextStep {
                    place: place.id,
                    name: place.nom().to_owned(),
                    address: [place.adresse(), place.code_postal(), place.commune()]
                        .iter()
                        .filter(|part| !part.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" "),
                    distance: hit.distance_m.map(places::views::distance_text),
                    services: service.into_iter().collect(),
                    support_modes: place.modalites_accompagnement().iter().collect(),
                    status: hit.status.clone(),
                    next_permanence: None,
                },
                hit.distance_m.unwrap_or(f64::MAX),
            ));
        }
    }
    // Nearest first; at equal distance, the place offering more of the needs.
    found.sort_by(|(a, da), (b, db)| {
        da.total_cmp(db)
            .then(b.services.len().cmp(&a.services.len()))
            .then(a.name.cmp(&b.name))
    });
    found.truncate(NEXT_STEPS_PLACES);
    let mut steps: Vec<NextStep> = found.into_iter().map(|(step, _)| step).collect();
    let ids: Vec<PlaceId> = steps.iter().map(|s| s.place).collect();
    let from = crate::permanences::today(now);
    let to = from + Duration::days(NEXT_PERMANENCE_DAYS);
    let agenda = crate::permanences::agenda(db, from, to, |p| {
        p.place_is_public && ids.contains(&p.place_id)
    })
    .await?;
    for step in &mut steps {
        step.next_permanence = agenda
            .iter()
            .find(|item| item.permanence.place_id == step.place && item.occurrence.is_held())
            .map(|item| {
                format!(
                    "{}, {} – {}",
                    crate::permanences::model::french_day(item.occurrence.date),
                    crate::permanences::model::french_time(item.occurrence.start),
                    crate::permanences::model::french_time(item.occurrence.end)
                )
            });
    }
    Ok(NextSteps {
        places: steps,
        unknown_commune,
    })
}

/// Places within `NEXT_STEPS_RADIUS_KM` of the commune or point (all of a postcode).
fn places_around(index: &Snapshot, around: &Around<'_>, now: DateTime<Utc>) -> Vec<PlaceId> {
    let Some(filter) = around.filter(usize::MAX) else {
        return Vec::new();
    };
    index
        .search(&filter, now)
        .hits
        .iter()
        .map(|hit| hit.place.id)
        .collect()
}

/// A workshop the result proposes.
#[derive(Clone, Debug)]
pub struct NextWorkshop {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub level: &'static str,
}

/// Upcoming workshops near the person, at the level of their profile, on a theme of their
/// needs (any theme when they chose none): the first session of each, at most three.
pub async fn next_workshops(
    db: &Db,
    index: &Snapshot,
    questionnaire: &Questionnaire,
    diagnostic: &Diagnostic,
    around: Around<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<NextWorkshop>, StoreError> {
    let near = places_around(index, &around, now);
    if near.is_empty() {
        return Ok(Vec::new());
    }
    let level = &questionnaire.profiles[questionnaire.score(diagnostic).profile].workshop_level;
    let themes: Vec<&str> = diagnostic
        .needs
        .iter()
        .flat_map(|n| questionnaire.needs[*n].themes.iter().map(String::as_str))
        .collect();
    let today = crate::permanences::today(now);
    let items = crate::workshops::agenda(
        db,
        today,
        today + Duration::days(crate::workshops::model::AGENDA_DAYS),
        |w| {
            !w.cancelled
                && &w.level == level
                && near.contains(&w.place)
                && (themes.is_empty() || w.themes.iter().any(|t| themes.contains(&t.as_str())))
        },
    )
    .await?;
    let mut proposed: Vec<NextWorkshop> = Vec::new();
    for item in items {
        if proposed.len() == NEXT_STEPS_PLACES
            || proposed.iter().any(|p| p.id == item.workshop.id.0)
        {
            continue;
        }
        proposed.push(NextWorkshop {
            id: item.workshop.id.0,
            title: item.workshop.title.clone(),
            when: crate::workshops::views::when(&item.session),
            place: item.workshop.place_name.clone(),
            level: crate::activities::vocab::label(
                crate::activities::vocab::WORKSHOP_LEVELS,
                &item.workshop.level,
            ),
        });
    }
    Ok(proposed)
}

/// One place's counters on the staff board.
#[derive(Clone, Debug)]
pub struct BoardPlace {
    pub place: Option<PlaceId>,
    pub name: String,
    /// The viewer belongs to the place's organisation: exact counts.
    pub own: bool,
    pub counts: Vec<store::CountRow>,
}

/// The months the board covers, oldest first (`YYYY-MM`).
pub fn board_months(today: NaiveDate) -> Vec<String> {
    let mut months = Vec::new();
    let mut year = today.year();
    let mut month = today.month();
    for _ in 0..BOARD_MONTHS {
        months.push(format!("{year:04}-{month:02}"));
        if month == 1 {
            year -= 1;
            month = 12;
        } else {
            month -= 1;
        }
    }
    months.reverse();
    months
}

/// The counters a staff member may see: a coordinator every place's (exact for none but their
/// own organisations' places), a manager or helper their organisations' places.
pub async fn board(
    db: &Db,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<BoardPlace>), StoreError> {
    let months = board_months(crate::permanences::today(now));
    let organizations = accounts::organization_ids(db, user.id).await?;
    let everything = user.role == Role::Coordinator;
    let mut conn = db.acquire().await?;
    let rows = store::counts_between(
        &mut conn,
        months.first().expect("months"),
        months.last().expect("months"),
    )
    .await?;
    drop(conn);
    let places = places::list_places(db).await?;
    let mut board: Vec<BoardPlace> = Vec::new();
    for row in rows {
        let place = places.iter().find(|p| p.id.0 == row.place);
        let own = place
            .and_then(|p| p.organization_id)
            .is_some_and(|o| organizations.contains(&o));
        if !(own || everything) {
            continue;
        }
        match board
            .iter_mut()
            .find(|b| b.place.map_or(0, |p| p.0) == row.place)
        {
            Some(entry) => entry.counts.push(row),
            None => board.push(BoardPlace {
                place: place.map(|p| p.id),
                name: place.map(|p| p.record.nom.clone()).unwrap_or_default(),
                own,
                counts: vec![row],
            }),
        }
    }
    board.sort_by(|a, b| (!a.own, &a.name).cmp(&(!b.own, &b.name)));
    Ok((months, board))
}

/// A count as shown: exact for the place's own staff, "< 5" for 1 to 4 people otherwise.
pub fn shown_count(people: i64, own: bool) -> String {
    if own || people == 0 || people >= SMALL_COUNT {
        people.to_string()
    } else {
        format!("< {SMALL_COUNT}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_outside_the_place() {
        assert_eq!(shown_count(3, true), "3");
        assert_eq!(shown_count(3, false), "< 5");
        assert_eq!(shown_count(1, false), "< 5");
        assert_eq!(shown_count(4, false), "< 5");
        assert_eq!(shown_count(5, false), "5");
        assert_eq!(shown_count(0, false), "0");
    }

    #[test]
    fn the_board_covers_six_months_across_a_new_year() {
        let months = board_months(NaiveDate::from_ymd_opt(2027, 2, 10).unwrap());
        assert_eq!(
            months,
            [
                "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"
            ]
        );
    }

    #[test]
    fn a_diagnostic_adds_to_total_levels_profile_and_needs() {
        let q = Questionnaire::builtin();
        let progress: Vec<Option<usize>> = q.current_questions().iter().map(|_| Some(0)).collect();
        let needs = [q.need_index("visio").unwrap()];
        let d = q
            .complete(
                &progress,
                &needs,
                NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            )
            .unwrap();
        let counts = counters(&q, &d);
        assert_eq!(counts.len(), 1 + 5 + 1 + 2);
        assert!(counts.contains(&("besoin:avance".into(), "visio".into())));
        assert!(counts.contains(&("niveau:securite".into(), "autonome".into())));
        assert!(counts.contains(&("profil".into(), "autonomie".into())));
        assert!(counts.contains(&("besoin".into(), "visio".into())));
    }
}
