//! What one accompaniment record adds to the daily rollups, and the figures a dashboard
//! draws from summed rollups. Pure: no SQL, no I/O.

use crate::activities::{ActivityData, Kind};
use std::collections::BTreeMap;

/// The rollup dimensions, stored in `stats_daily.dimension`.
pub mod dimension {
    /// One row per record: records, people and minutes.
    pub const TOTAL: &str = "total";
    pub const FIRST_VISIT: &str = "premiere-visite";
    pub const THEME: &str = "theme";
    pub const PROCEDURE: &str = "domaine";
    pub const EQUIPMENT: &str = "materiel";
    pub const AUTONOMY: &str = "autonomie";
    pub const LAST_CLICK: &str = "dernier-clic";
    pub const PREVENTION: &str = "prevention";
    pub const REFERRAL: &str = "orientation";
    /// `complete` when no item of the end-of-session checklist was answered "non".
    pub const CHECKLIST: &str = "checklist";
    /// People per age band (individual records: the profile; sessions: their counts).
    pub const AGE: &str = "age";
    pub const GENDER: &str = "genre";
    pub const STATUS: &str = "statut";
}

/// The key of a rollup row, apart from the counters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RollupKey {
    pub on_date: String,
    /// 0 when the record has none.
    pub organization_id: i64,
    /// 0 when the record has none (at home, remote, elsewhere).
    pub place_id: i64,
    pub kind: String,
    /// The individual's age band; '' for workshop sessions.
    pub age_band: String,
    pub dimension: String,
    pub value: String,
}

/// Counters of a rollup row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub records: i64,
    pub people: i64,
    pub minutes: i64,
}

impl Counters {
    pub fn add(&mut self, other: Counters) {
        self.records += other.records;
        self.people += other.people;
        self.minutes += other.minutes;
    }

    pub fn is_zero(&self) -> bool {
        *self == Counters::default()
    }

    /// Hours, rounded to the nearest whole hour.
    pub fn hours(&self) -> i64 {
        (self.minutes + 30) / 60
    }
}

/// The rows one record adds (`sign` = 1) or removes (`sign` = -1).
pub fn rollup_rows(
    organization: Option<i64>,
    data: &ActivityData,
    sign: i64,
) -> Vec<(RollupKey, Counters)> {
    let people = data.participants.max(1);
    let whole = Counters {
        records: sign,
        people: sign * people,
        minutes: sign * data.duration_minutes,
    };
    let age_band = match (&data.kind, &data.profile) {
        (Kind::Individual, Some(profile)) => non_empty(&profile.age_band),
        _ => String::new(),
    };
    let key = |dimension: &str, value: &str| RollupKey {
        on_date: data.on_date.format("%Y-%m-%d").to_string(),
        organization_id: organization.unwrap_or(0),
        place_id: data.place.map_or(0, |p| p.0),
        kind: data.kind.as_str().to_owned(),
        age_band: age_band.clone(),
        dimension: dimension.to_owned(),
        value: value.to_owned(),
    };
    let mut rows = vec![(key(dimension::TOTAL, ""), whole)];
    let mut each = |dimension: &str, values: &[String]| {
        let mut seen: Vec<&String> = Vec::new();
        for value in values {
            if !seen.contains(&value) {
                seen.push(value);
                rows.push((key(dimension, value), whole));
            }
        }
    };
    each(dimension::THEME, &data.themes);
    each(dimension::PROCEDURE, &data.procedure_domains);
    each(dimension::EQUIPMENT, &data.equipment);
    each(dimension::PREVENTION, &data.prevention);
    if let Some(autonomy) = data.autonomy.as_deref().filter(|a| !a.is_empty()) {
        rows.push((key(dimension::AUTONOMY, autonomy), whole));
    }
    rows.push((key(dimension::LAST_CLICK, &data.last_click), whole));
    rows.push((key(dimension::REFERRAL, &data.referral), whole));
    let checklist = [
        &data.accounts_logged_out,
        &data.files_deleted,
        &data.browser_cleared,
    ];
    let complete = if checklist.iter().any(|answer| answer.as_str() == "non") {
        "incomplete"
    } else {
        "complete"
    };
    rows.push((key(dimension::CHECKLIST, complete), whole));
    match (&data.kind, &data.profile) {
        (Kind::Individual, Some(profile)) => {
            let first = if profile.first_visit { "oui" } else { "non" };
            rows.push((key(dimension::FIRST_VISIT, first), whole));
            rows.push((key(dimension::AGE, &age_band), whole));
            rows.push((key(dimension::GENDER, &non_empty(&profile.gender)), whole));
            rows.push((
                key(dimension::STATUS, &non_empty(&profile.social_status)),
                whole,
            ));
        }
        _ => {
            for (dimension_name, value, count) in &data.counts {
                let dimension = match dimension_name.as_str() {
                    "age" => dimension::AGE,
                    "genre" => dimension::GENDER,
                    "statut" => dimension::STATUS,
                    _ => continue,
                };
                let counters = Counters {
                    records: sign,
                    people: sign * count,
                    minutes: sign * data.duration_minutes,
                };
                rows.push((key(dimension, value), counters));
            }
        }
    }
    rows
}

fn non_empty(value: &str) -> String {
    if value.is_empty() {
        "non-renseigne".to_owned()
    } else {
        value.to_owned()
    }
}

/// Adds rows into an in-memory rollup (the rebuild and the tests), dropping zero rows.
pub fn accumulate(
    into: &mut BTreeMap<RollupKey, Counters>,
    rows: impl IntoIterator<Item = (RollupKey, Counters)>,
) {
    for (key, counters) in rows {
        let entry = into.entry(key.clone()).or_default();
        entry.add(counters);
        if entry.is_zero() {
            into.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activities::Profile;
    use crate::places::PlaceId;
    use chrono::NaiveDate;

    pub fn sample() -> ActivityData {
        ActivityData {
            kind: Kind::Individual,
            on_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            location: "lieu".into(),
            place: Some(PlaceId(7)),
            location_commune: String::new(),
            permanence: None,
            duration_minutes: 45,
            themes: vec!["courriel".into(), "demarches".into()],
            procedure_domains: vec!["argent-impots".into()],
            equipment: vec!["telephone".into()],
            autonomy: Some("autonome".into()),
            last_click: "oui".into(),
            referral: "aucune".into(),
            prevention: vec!["arnaques".into()],
            accounts_logged_out: "oui".into(),
            files_deleted: "non".into(),
            browser_cleared: "sans-objet".into(),
            profile: Some(Profile {
                age_band: "70-plus".into(),
                gender: "femme".into(),
                social_status: String::new(),
                residence_commune: String::new(),
                first_visit: true,
                public_charter: false,
            }),
            participants: 1,
            counts: Vec::new(),
            workshop_level: None,
            diagnostic_levels: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn an_individual_record_counts_once_per_theme_and_once_in_the_total() {
        let rows = rollup_rows(Some(3), &sample(), 1);
        let find = |dimension: &str, value: &str| {
            rows.iter()
                .find(|(k, _)| k.dimension == dimension && k.value == value)
                .map(|(_, c)| *c)
        };
        let one = Counters {
            records: 1,
            people: 1,
            minutes: 45,
        };
        assert_eq!(find(dimension::TOTAL, ""), Some(one));
        assert_eq!(find(dimension::THEME, "courriel"), Some(one));
        assert_eq!(find(dimension::THEME, "demarches"), Some(one));
        assert_eq!(find(dimension::STATUS, "non-renseigne"), Some(one));
        assert_eq!(find(dimension::CHECKLIST, "incomplete"), Some(one));
        assert!(
            rows.iter()
                .all(|(k, _)| k.age_band == "70-plus" && k.place_id == 7 && k.organization_id == 3)
        );
    }

    #[test]
    fn a_workshop_session_counts_its_people_per_age_band() {
        let mut data = sample();
        data.kind = Kind::Collective;
        data.profile = None;
        data.participants = 6;
        data.counts = vec![
            ("age".into(), "60-69".into(), 2),
            ("age".into(), "70-plus".into(), 4),
        ];
        let rows = rollup_rows(None, &data, 1);
        let total = rows.iter().find(|(k, _)| k.dimension == dimension::TOTAL);
        assert_eq!(total.map(|(_, c)| c.people), Some(6));
        let ages: Vec<i64> = rows
            .iter()
            .filter(|(k, _)| k.dimension == dimension::AGE)
            .map(|(_, c)| c.people)
            .collect();
        assert_eq!(ages, vec![2, 4]);
        assert!(rows.iter().all(|(k, _)| k.age_band.is_empty()));
    }

    #[test]
    fn removing_a_record_cancels_adding_it() {
        let mut rollup = BTreeMap::new();
        accumulate(&mut rollup, rollup_rows(Some(1), &sample(), 1));
        assert!(!rollup.is_empty());
        accumulate(&mut rollup, rollup_rows(Some(1), &sample(), -1));
        assert!(rollup.is_empty());
    }
}
