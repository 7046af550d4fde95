//! Permanences' recurrence: any RRULE value as an expert types it, the schedule form
//! (`parse_form`), and the expansion into dated occurrences over a bounded window.
//!
//! Properties checked, beyond "no panic":
//! - a schedule that passes `check` expands without error over any window of at most
//!   `MAX_WINDOW_DAYS`;
//! - occurrences are in date order, one per date at most, inside the window, at most
//!   `MAX_OCCURRENCES`; series dates are inside the schedule's own dates and answer
//!   `has_date`; a `Holiday` is a French public holiday of a permanence not held on them;
//!   planned sessions keep the schedule's times;
//! - what the form accepts is written back by `form_pairs` and read again to a schedule with
//!   the same occurrences, and a second trip changes nothing at all.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{Duration, NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use relais::permanences::model::{
    Exception, ExceptionKind, HalfDay, MAX_OCCURRENCES, MAX_WINDOW_DAYS, OccurrenceStatus,
    PermanenceData, Schedule, form_pairs, parse_form,
};
use relais::places::hours::is_public_holiday;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = Input::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let window = input.window.dates();
    let exceptions = input.exceptions();
    let schedule = input.schedule.schedule();
    if schedule.check().is_ok() {
        check_occurrences(&schedule, &exceptions, window);
    }
    let pairs: Vec<(String, String)> = input.form.iter().map(Field::pair).collect();
    if let Ok(data) = parse_form(&pairs) {
        check_form(&data, &exceptions, window);
    }
});

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date")
}

#[derive(Arbitrary, Debug)]
struct Input {
    schedule: RawSchedule,
    window: Window,
    exceptions: Vec<RawException>,
    form: Vec<Field>,
}

impl Input {
    fn exceptions(&self) -> Vec<Exception> {
        self.exceptions
            .iter()
            .enumerate()
            .map(|(index, raw)| Exception {
                id: index as i64,
                on_date: base() + Duration::days(i64::from(raw.day % 800)),
                kind: if raw.cancelled {
                    ExceptionKind::Cancelled
                } else {
                    ExceptionKind::Extra
                },
                reason: "fermeture".to_owned(),
                times: raw.times.map(|(a, b)| (time(a), time(b))),
            })
            .collect()
    }
}

#[derive(Arbitrary, Debug)]
struct RawException {
    day: u16,
    cancelled: bool,
    times: Option<(u16, u16)>,
}

/// Minutes since midnight → a time of day.
fn time(minutes: u16) -> NaiveTime {
    let minutes = u32::from(minutes) % (24 * 60);
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("valid time")
}

#[derive(Arbitrary, Debug)]
struct Window {
    start: u16,
    days: u16,
}

impl Window {
    fn dates(&self) -> (NaiveDate, NaiveDate) {
        let from = base() + Duration::days(i64::from(self.start % 800));
        let days = i64::from(self.days) % (MAX_WINDOW_DAYS + 1);
        (from, from + Duration::days(days))
    }
}

/// A schedule as stored, with an expert's rule.
#[derive(Arbitrary, Debug)]
struct RawSchedule {
    rule: String,
    starts_on: u16,
    ends_after: Option<u16>,
    start: u16,
    end: u16,
    on_public_holidays: bool,
}

impl RawSchedule {
    fn schedule(&self) -> Schedule {
        let starts_on = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
            + Duration::days(i64::from(self.starts_on) % 36_500);
        Schedule {
            rule: self.rule.clone(),
            starts_on,
            ends_on: self
                .ends_after
                .map(|days| starts_on + Duration::days(i64::from(days))),
            start_time: time(self.start),
            end_time: time(self.end),
            on_public_holidays: self.on_public_holidays,
        }
    }
}

/// One posted field: a known name (or any) and a value of a likely shape (or any).
#[derive(Arbitrary, Debug)]
struct Field {
    name: Name,
    value: Value,
}

#[derive(Arbitrary, Debug)]
enum Name {
    Titre,
    Frequence,
    Jours,
    Intervalle,
    Rang,
    JourMois,
    Regle,
    Debut,
    Fin,
    HeureDebut,
    HeureFin,
    JoursFeries,
    Services,
    Capacite,
    Note,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Value {
    Frequency(u8),
    Day(u8),
    Number(i16),
    IsoDate(u16),
    FrenchDate(u16),
    Time(u8, u8),
    FrenchTime(u8, u8),
    Service(u8),
    Text(String),
}

const FREQUENCIES: [&str; 3] = ["semaine", "mois", "regle"];
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

impl Field {
    fn pair(&self) -> (String, String) {
        let name = match &self.name {
            Name::Titre => "titre",
            Name::Frequence => "frequence",
            Name::Jours => "jours",
            Name::Intervalle => "intervalle",
            Name::Rang => "rang",
            Name::JourMois => "jour_mois",
            Name::Regle => "regle",
            Name::Debut => "debut",
            Name::Fin => "fin",
            Name::HeureDebut => "heure_debut",
            Name::HeureFin => "heure_fin",
            Name::JoursFeries => "jours_feries",
            Name::Services => "services",
            Name::Capacite => "capacite",
            Name::Note => "note",
            Name::Other(name) => name,
        };
        let date = |days: &u16| base() + Duration::days(i64::from(*days % 1000));
        let value = match &self.value {
            Value::Frequency(n) => FREQUENCIES[usize::from(*n) % 3].to_owned(),
            Value::Day(n) => DAYS[usize::from(*n) % 7].to_owned(),
            Value::Number(n) => n.to_string(),
            Value::IsoDate(days) => date(days).format("%Y-%m-%d").to_string(),
            Value::FrenchDate(days) => date(days).format("%d/%m/%Y").to_string(),
            Value::Time(h, m) => format!("{:02}:{:02}", h % 25, m % 61),
            Value::FrenchTime(h, m) => format!("{}h{}", h % 25, m % 61),
            Value::Service(n) => {
                let services = relais::places::vocab::SERVICES.values;
                services[usize::from(*n) % services.len()].to_owned()
            }
            Value::Text(text) => text.clone(),
        };
        (name.to_owned(), value)
    }
}

fn check_occurrences(
    schedule: &Schedule,
    exceptions: &[Exception],
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<relais::permanences::model::Occurrence> {
    let occurrences = schedule
        .occurrences(exceptions, from, to, is_public_holiday)
        .unwrap_or_else(|error| panic!("a checked schedule fails to expand: {error}"));
    assert!(occurrences.len() <= usize::from(MAX_OCCURRENCES));
    for pair in occurrences.windows(2) {
        assert!(
            pair[0].date < pair[1].date,
            "two occurrences on {} or out of order",
            pair[1].date
        );
    }
    let truncated = occurrences.len() == usize::from(MAX_OCCURRENCES);
    for (index, occurrence) in occurrences.iter().enumerate() {
        assert!(occurrence.date >= from && occurrence.date <= to);
        assert!(occurrence.minutes() >= 0);
        match &occurrence.status {
            OccurrenceStatus::Extra => {
                assert!(
                    exceptions.iter().any(|e| {
                        e.kind == ExceptionKind::Extra && e.on_date == occurrence.date
                    })
                );
            }
            status => {
                assert!(occurrence.date >= schedule.starts_on);
                assert!(schedule.ends_on.is_none_or(|end| occurrence.date <= end));
                assert_eq!(
                    (occurrence.start, occurrence.end),
                    (schedule.start_time, schedule.end_time)
                );
                // `has_date` expands the series again: only for the first few, for speed.
                if !truncated && index < 3 {
                    assert!(schedule.has_date(occurrence.date), "{}", occurrence.date);
                }
                if *status == OccurrenceStatus::Holiday {
                    assert!(!schedule.on_public_holidays);
                    assert!(is_public_holiday(occurrence.date));
                }
            }
        }
    }
    let measured = HalfDay::measure(&occurrences, from);
    assert_eq!(measured.weekly_minutes.len(), 4);
    assert!(!schedule.pattern().describe().is_empty());
    occurrences
}

fn check_form(data: &PermanenceData, exceptions: &[Exception], window: (NaiveDate, NaiveDate)) {
    assert_eq!(data.schedule.check(), Ok(()));
    let first = check_occurrences(&data.schedule, exceptions, window);
    let again = parse_form(&form_pairs(data))
        .unwrap_or_else(|errors| panic!("{data:?} written back is refused: {errors:?}"));
    let second = check_occurrences(&again.schedule, exceptions, window);
    assert_eq!(first, second, "{data:?} became {again:?}");
    let mut expected = data.clone();
    expected.schedule.rule = again.schedule.rule.clone();
    assert_eq!(again, expected);
    assert_eq!(
        parse_form(&form_pairs(&again)).as_ref(),
        Ok(&again),
        "a second trip changes the data"
    );
}
