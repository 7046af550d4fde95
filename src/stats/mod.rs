//! Statistics: daily rollups kept by `activities::store` as records are written, the staff
//! dashboard, the public statistics page and the funders' reports. It only reads the other
//! domains (its own aggregate queries); every figure that leaves the staff pages goes through
//! `suppress`.

pub mod chart;
pub mod domains;
pub mod model;
pub mod report;
mod routes;
pub mod store;
pub mod suppress;
mod views;

pub use routes::router;

use crate::accounts::{self, Role, SessionUser};
use crate::activities::vocab;
use crate::storage::{Db, StoreError};
use chrono::{Datelike, Months, NaiveDate};
use model::{Counters, dimension};
use std::collections::BTreeMap;
use store::{RollupFilter, Split};

/// The age bands of people aged 60 and over (the Conférence des financeurs' public).
pub const SENIOR_BANDS: [&str; 2] = ["60-69", "70-plus"];
/// The age filter's value for "60 and over".
pub const SENIORS: &str = "60-plus";

#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for StatsError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// Recomputes every rollup from the records, in one transaction. Returns the number of
/// records read.
pub async fn rebuild(db: &Db) -> Result<u64, StoreError> {
    let mut tx = db.begin().await?;
    store::clear(&mut tx).await?;
    let mut rollup = BTreeMap::new();
    let mut after = 0;
    let mut read = 0;
    loop {
        let page = crate::activities::store::page_of_activities(&mut tx, after, 2000).await?;
        let Some(last) = page.last() else { break };
        after = last.id.0;
        for activity in &page {
            model::accumulate(
                &mut rollup,
                model::rollup_rows(activity.organization_id, &activity.data, 1),
            );
            read += 1;
        }
    }
    let rows: Vec<_> = rollup.into_iter().collect();
    for chunk in rows.chunks(500) {
        store::apply_rows(&mut tx, chunk).await?;
    }
    tx.commit().await?;
    Ok(read)
}

/// The quarter before the one holding `today`: `(first day, last day)`.
pub fn last_quarter(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let quarter_start_month = (today.month0() / 3) * 3 + 1;
    let this_quarter =
        NaiveDate::from_ymd_opt(today.year(), quarter_start_month, 1).unwrap_or(today);
    let from = this_quarter
        .checked_sub_months(Months::new(3))
        .unwrap_or(this_quarter);
    let to = this_quarter.pred_opt().unwrap_or(this_quarter);
    (from, to)
}

/// What a dashboard or a report is asked for, already checked against the reader's scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `None`: the whole network (coordinators only).
    pub organizations: Option<Vec<i64>>,
    pub place: Option<i64>,
    pub kind: Option<String>,
    pub theme: Option<String>,
    /// An age band code, or `SENIORS`.
    pub age: Option<String>,
}

impl StatsQuery {
    fn filter(&self) -> RollupFilter {
        let age_bands = match self.age.as_deref() {
            Some(SENIORS) => SENIOR_BANDS.iter().map(|b| (*b).to_owned()).collect(),
            Some(band) => vec![band.to_owned()],
            None => Vec::new(),
        };
        RollupFilter {
            from: self.from.format("%Y-%m-%d").to_string(),
            to: self.to.format("%Y-%m-%d").to_string(),
            organizations: self.organizations.clone(),
            place: self.place,
            kind: self.kind.clone(),
            age_bands,
        }
    }
}

/// The organisations whose figures `user` reads: `None` for the whole network (coordinator),
/// their own for a manager; helpers read none.
pub async fn scope_of(db: &Db, user: &SessionUser) -> Result<Option<Vec<i64>>, StatsError> {
    match user.role {
        Role::Coordinator => Ok(None),
        Role::Manager => Ok(Some(accounts::organization_ids(db, user.id).await?)),
        _ => Err(StatsError::Forbidden),
    }
}

/// The figures of a dashboard, summed from the rollups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub totals: Counters,
    pub first_visits: i64,
    /// `(code, counters)` per dimension, in the vocabulary's order.
    pub themes: Vec<(String, Counters)>,
    pub age_bands: Vec<(String, i64)>,
    pub genders: Vec<(String, i64)>,
    pub autonomy: Vec<(String, i64)>,
    /// Records per piece of equipment used.
    pub equipment: Vec<(String, i64)>,
    pub prevention: Vec<(String, i64)>,
    /// Records whose last click was made by the person, and those where it applied.
    pub last_click: (i64, i64),
    pub checklist: (i64, i64),
    pub months: Vec<(String, Counters)>,
    pub places: Vec<(i64, Counters)>,
    /// The theme filter was used: only totals, months, places and age bands are known.
    pub is_theme_only: bool,
}

impl Figures {
    /// Percentage of last clicks made by the person, when any applied.
    pub fn last_click_share(&self) -> Option<i64> {
        let (yes, applicable) = self.last_click;
        (applicable > 0).then(|| (yes * 100 + applicable / 2) / applicable)
    }
}

fn in_order(values: vocab::Values, found: &BTreeMap<String, i64>) -> Vec<(String, i64)> {
    values
        .iter()
        .filter_map(|(code, _)| found.get(*code).map(|n| ((*code).to_owned(), *n)))
        .collect()
}

/// Sums the rollups for `query`: three small grouped reads.
pub async fn figures(db: &Db, query: &StatsQuery) -> Result<Figures, StoreError> {
    let filter = query.filter();
    let mut conn = db.acquire().await?;
    let headline = match query.theme.as_deref() {
        Some(theme) => (dimension::THEME, Some(theme)),
        None => (dimension::TOTAL, None),
    };
    let by_age = store::sum_rollups(
        &mut conn,
        &filter,
        Split::AgeBand,
        query.theme.as_deref().map(|t| (dimension::THEME, Some(t))),
    )
    .await?;
    let by_month = store::sum_rollups(&mut conn, &filter, Split::Month, Some(headline)).await?;
    let by_place = store::sum_rollups(&mut conn, &filter, Split::Place, Some(headline)).await?;
    drop(conn);
    let mut figures = Figures {
        is_theme_only: query.theme.is_some(),
        ..Figures::default()
    };
    let mut sums: BTreeMap<(String, String), Counters> = BTreeMap::new();
    let mut ages: BTreeMap<String, i64> = BTreeMap::new();
    for line in &by_age {
        sums.entry((line.dimension.clone(), line.value.clone()))
            .or_default()
            .add(line.counters);
        if query.theme.is_some() && !line.split.is_empty() {
            *ages.entry(line.split.clone()).or_default() += line.counters.people;
        }
    }
    let get = |dimension: &str, value: &str| {
        sums.get(&(dimension.to_owned(), value.to_owned()))
            .copied()
            .unwrap_or_default()
    };
    figures.totals = get(headline.0, headline.1.unwrap_or(""));
    if query.theme.is_none() {
        figures.first_visits = get(dimension::FIRST_VISIT, "oui").people;
        let pick = |dimension: &str, field: fn(&Counters) -> i64| -> BTreeMap<String, i64> {
            sums.iter()
                .filter(|((d, _), _)| d == dimension)
                .map(|((_, v), c)| (v.clone(), field(c)))
                .collect()
        };
        ages = pick(dimension::AGE, |c| c.people);
        figures.themes = vocab::THEMES
            .iter()
            .map(|(code, _)| ((*code).to_owned(), get(dimension::THEME, code)))
            .filter(|(_, c)| !c.is_zero())
            .collect();
        figures.genders = in_order(vocab::GENDERS, &pick(dimension::GENDER, |c| c.people));
        figures.autonomy = in_order(vocab::AUTONOMY, &pick(dimension::AUTONOMY, |c| c.records));
        figures.equipment = in_order(vocab::EQUIPMENT, &pick(dimension::EQUIPMENT, |c| c.records));
        figures.prevention = in_order(
            vocab::PREVENTION,
            &pick(dimension::PREVENTION, |c| c.records),
        );
        let yes = get(dimension::LAST_CLICK, "oui").records;
        let no = get(dimension::LAST_CLICK, "non").records;
        figures.last_click = (yes, yes + no);
        let complete = get(dimension::CHECKLIST, "complete").records;
        figures.checklist = (
            complete,
            complete + get(dimension::CHECKLIST, "incomplete").records,
        );
    }
    figures.age_bands = in_order(vocab::AGE_BANDS, &ages);
    let mut months: BTreeMap<String, Counters> = BTreeMap::new();
    for line in by_month {
        months.entry(line.split).or_default().add(line.counters);
    }
    figures.months = month_series(query.from, query.to)
        .into_iter()
        .map(|m| {
            let counters = months.get(&m).copied().unwrap_or_default();
            (m, counters)
        })
        .collect();
    let mut places: BTreeMap<i64, Counters> = BTreeMap::new();
    for line in by_place {
        let id = line.split.parse().unwrap_or(0);
        places.entry(id).or_default().add(line.counters);
    }
    figures.places = places.into_iter().collect();
    Ok(figures)
}

/// Every month `YYYY-MM` from `from` to `to`, at most 36.
pub fn month_series(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut months = Vec::new();
    let mut month = from.with_day(1).unwrap_or(from);
    while month <= to && months.len() < 36 {
        months.push(month.format("%Y-%m").to_string());
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    months
}

/// Place names (`id` → "name, commune"), for labels.
pub async fn place_labels(db: &Db) -> Result<BTreeMap<i64, String>, StoreError> {
    let mut conn = db.acquire().await?;
    Ok(store::place_names(&mut conn)
        .await?
        .into_iter()
        .map(|(id, name, commune)| (id, format!("{name} ({commune})")))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn last_quarter_is_the_quarter_before_today() {
        assert_eq!(
            last_quarter(date(2026, 3, 2)),
            (date(2025, 10, 1), date(2025, 12, 31))
        );
        assert_eq!(
            last_quarter(date(2026, 11, 30)),
            (date(2026, 7, 1), date(2026, 9, 30))
        );
    }

    #[test]
    fn months_run_from_the_first_to_the_last_of_the_period() {
        assert_eq!(
            month_series(date(2025, 11, 15), date(2026, 1, 3)),
            vec!["2025-11", "2025-12", "2026-01"]
        );
        assert_eq!(
            month_series(date(2026, 1, 1), date(2026, 1, 31)),
            vec!["2026-01"]
        );
    }
}
