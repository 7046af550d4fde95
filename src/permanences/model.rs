//! Pure rules of permanences: the schedule patterns a manager picks and their RFC 5545
//! recurrence rule, the expansion of a schedule into dated occurrences (exceptions, French
//! public holidays, daylight-saving changes), the half-day rule and the coverage flag.

use crate::places::hours::TIME_ZONE;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use rrule::{RRule, RRuleSet, Unvalidated};

/// The widest window one expansion may cover.
pub const MAX_WINDOW_DAYS: i64 = 400;
/// The most occurrences one expansion returns (a daily rule over the widest window fits).
pub const MAX_OCCURRENCES: u16 = 500;
/// A permanence of at least this many minutes a week is a half-day (the helpers' charter).
pub const HALF_DAY_MINUTES: i64 = 180;
/// The half-day rule looks this many weeks ahead.
pub const HALF_DAY_WEEKS: i64 = 4;
/// Occurrences without a helper in this many days are flagged on the coverage board.
pub const COVERAGE_DAYS: i64 = 14;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct PermanenceId(pub i64);

/// What a manager picks in the form. Anything else is an expert's own rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Every `interval` weeks on `days`.
    Weekly { days: Vec<Weekday>, interval: u32 },
    /// The `nth` (1–4, or -1 for the last) `day` of every month.
    Monthly { nth: i8, day: Weekday },
    /// A recurrence rule typed by an expert, kept verbatim.
    Custom(String),
}

const DAY_CODES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

pub const DAY_NAMES: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

pub fn day_code(day: Weekday) -> &'static str {
    DAY_CODES[day.num_days_from_monday() as usize].1
}

fn day_from_code(code: &str) -> Option<Weekday> {
    DAY_CODES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(day, _)| *day)
}

pub fn day_name(day: Weekday) -> &'static str {
    DAY_NAMES[day.num_days_from_monday() as usize]
}

impl Pattern {
    /// The RRULE value (without `RRULE:`).
    pub fn to_rule(&self) -> String {
        match self {
            Self::Weekly { days, interval } => {
                let days: Vec<&str> = days.iter().map(|d| day_code(*d)).collect();
                format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY={}", days.join(","))
            }
            Self::Monthly { nth, day } => format!("FREQ=MONTHLY;BYDAY={nth}{}", day_code(*day)),
            Self::Custom(rule) => rule.clone(),
        }
    }

    /// Recognises the rules the form writes; any other rule is `Custom`.
    pub fn from_rule(rule: &str) -> Self {
        let parts: Vec<(&str, &str)> = rule
            .split(';')
            .filter_map(|part| part.split_once('='))
            .collect();
        let get = |key: &str| parts.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let custom = || Self::Custom(rule.to_owned());
        let known = ["FREQ", "INTERVAL", "BYDAY"];
        if parts.iter().any(|(k, _)| !known.contains(k)) {
            return custom();
        }
        match (get("FREQ"), get("BYDAY")) {
            (Some("WEEKLY"), Some(days)) => {
                let interval = get("INTERVAL").map_or(Some(1), |i| i.parse().ok());
                let days: Option<Vec<Weekday>> = days.split(',').map(day_from_code).collect();
                match (interval, days) {
                    (Some(interval @ 1..=8), Some(days)) if !days.is_empty() => {
                        Self::Weekly { days, interval }
                    }
                    _ => custom(),
                }
            }
            (Some("MONTHLY"), Some(by_day)) if get("INTERVAL").is_none_or(|i| i == "1") => {
                let split = by_day.len().saturating_sub(2);
                let Some((nth, code)) = by_day.split_at_checked(split) else {
                    return custom();
                };
                match (nth.parse::<i8>(), day_from_code(code)) {
                    (Ok(nth @ (1..=4 | -1)), Some(day)) => Self::Monthly { nth, day },
                    _ => custom(),
                }
            }
            _ => custom(),
        }
    }

    /// In plain French: "chaque mardi", "un mardi sur deux", "le 1er jeudi du mois".
    pub fn describe(&self) -> String {
        match self {
            Self::Weekly { days, interval } => {
                let names: Vec<&str> = days.iter().map(|d| day_name(*d)).collect();
                let list = join_french(&names);
                match interval {
                    1 => format!("chaque {list}"),
                    2 => format!("un {list} sur deux"),
                    n => format!("toutes les {n} semaines, le {list}"),
                }
            }
            Self::Monthly { nth, day } => {
                let rank = match nth {
                    1 => "1er".to_owned(),
                    -1 => "dernier".to_owned(),
                    n => format!("{n}e"),
                };
                format!("le {rank} {} du mois", day_name(*day))
            }
            Self::Custom(rule) => format!("selon la règle {rule}"),
        }
    }
}

/// "lundi", "lundi et jeudi", "lundi, mardi et jeudi".
fn join_french(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} et {last}", rest.join(", ")),
    }
}

/// When a permanence takes place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The RRULE value, e.g. `FREQ=WEEKLY;INTERVAL=1;BYDAY=TU`.
    pub rule: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// Local (Europe/Paris) times.
    pub start_time: NaiveTime,
    pub end_time: NaiveTime,
    /// Whether the permanence is held on French public holidays too.
    pub on_public_holidays: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionKind {
    /// An occurrence that will not take place, with a public reason.
    Cancelled,
    /// A date added to the series, with its own times.
    Extra,
}

impl ExceptionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cancelled => "cancelled",
            Self::Extra => "extra",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "cancelled" => Some(Self::Cancelled),
            "extra" => Some(Self::Extra),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    pub id: i64,
    pub on_date: NaiveDate,
    pub kind: ExceptionKind,
    pub reason: String,
    /// For an extra date.
    pub times: Option<(NaiveTime, NaiveTime)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OccurrenceStatus {
    /// Takes place as planned.
    Planned,
    /// A date added to the series.
    Extra,
    /// Cancelled by the place, with its public reason.
    Cancelled(String),
    /// Not held: a French public holiday.
    Holiday,
}

/// One dated session of a permanence, in local time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub status: OccurrenceStatus,
}

impl Occurrence {
    /// Whether people can come (neither cancelled nor a public holiday).
    pub fn is_held(&self) -> bool {
        matches!(
            self.status,
            OccurrenceStatus::Planned | OccurrenceStatus::Extra
        )
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        local_to_utc(self.date.and_time(self.start))
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        local_to_utc(self.date.and_time(self.end))
    }
}

/// A Paris wall-clock time as an instant. In the autumn hour that happens twice, the first;
/// in the spring hour that does not exist, the same wall-clock time an hour later.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match TIME_ZONE.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => {
            local_to_utc_after_gap(local + Duration::hours(1)).unwrap_or_else(|| local.and_utc())
        }
    }
}

fn local_to_utc_after_gap(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    TIME_ZONE
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

/// Why a schedule cannot be expanded; each names a French message of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the recurrence rule cannot be read")]
    BadRule,
    #[error("the recurrence repeats more often than once a day")]
    TooFrequent,
    #[error("the end time is not after the start time")]
    TimesReversed,
    #[error("the end date is before the start date")]
    EndsBeforeStart,
    #[error("the window is too wide")]
    WindowTooWide,
}

impl ScheduleError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::BadRule => "permanences-error-rule",
            Self::TooFrequent => "permanences-error-too-frequent",
            Self::TimesReversed => "permanences-error-times",
            Self::EndsBeforeStart => "permanences-error-end-date",
            Self::WindowTooWide => "permanences-error-window",
        }
    }
}

/// Checks an RRULE value: readable by the RFC 5545 library, at most daily, and with no part
/// the schedule already carries (start, time zone).
pub fn check_rule(rule: &str) -> Result<(), ScheduleError> {
    let rule = rule.trim();
    // A rule is ASCII; the RFC 5545 library slices weekdays by bytes and panics inside a
    // character (`BYDAY=€`).
    if rule.is_empty() || !rule.is_ascii() || rule.contains(['\n', '\r', ':']) {
        return Err(ScheduleError::BadRule);
    }
    let parsed: RRule<Unvalidated> = rule.parse().map_err(|_| ScheduleError::BadRule)?;
    if matches!(
        parsed.get_freq(),
        rrule::Frequency::Hourly | rrule::Frequency::Minutely | rrule::Frequency::Secondly
    ) {
        return Err(ScheduleError::TooFrequent);
    }
    let start = rrule::Tz::Tz(TIME_ZONE)
        .with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .single()
        .ok_or(ScheduleError::BadRule)?;
    parsed.build(start).map_err(|_| ScheduleError::BadRule)?;
    Ok(())
}

impl Schedule {
    pub fn check(&self) -> Result<(), ScheduleError> {
        check_rule(&self.rule)?;
        if self.end_time <= self.start_time {
            return Err(ScheduleError::TimesReversed);
        }
        if self.ends_on.is_some_and(|end| end < self.starts_on) {
            return Err(ScheduleError::EndsBeforeStart);
        }
        Ok(())
    }

    pub fn pattern(&self) -> Pattern {
        Pattern::from_rule(&self.rule)
    }

    /// Whether `date` is a date of the series (before exceptions and holidays).
    pub fn has_date(&self, date: NaiveDate) -> bool {
        self.series_dates(date, date)
            .is_ok_and(|dates| dates.contains(&date))
    }

    /// Dates of the series between `from` and `to` (inclusive), at most `MAX_OCCURRENCES`.
    fn series_dates(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>, ScheduleError> {
        if (to - from).num_days() > MAX_WINDOW_DAYS {
            return Err(ScheduleError::WindowTooWide);
        }
        let to = match self.ends_on {
            Some(end) if end < to => end,
            _ => to,
        };
        let from = from.max(self.starts_on);
        if to < from {
            return Ok(Vec::new());
        }
        check_rule(&self.rule)?;
        let tz = rrule::Tz::Tz(TIME_ZONE);
        // Dates only matter here: the series starts at noon, which exists every day.
        let dtstart = format!(
            "DTSTART;TZID={}:{}T120000\nRRULE:{}",
            TIME_ZONE.name(),
            self.starts_on.format("%Y%m%d"),
            self.rule.trim()
        );
        let set: RRuleSet = dtstart.parse().map_err(|_| ScheduleError::BadRule)?;
        let at_noon = |day: NaiveDate| {
            tz.from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap_or_default())
                .single()
                .ok_or(ScheduleError::BadRule)
        };
        let result = set
            .after(at_noon(from - Duration::days(1))?)
            .before(at_noon(to + Duration::days(1))?)
            .all(MAX_OCCURRENCES);
        Ok(result
            .dates
            .iter()
            .map(|at| at.date_naive())
            .filter(|day| *day >= from && *day <= to)
            .collect())
    }

    /// The occurrences between `from` and `to` (inclusive) in date order: the series, less
    /// public holidays (kept as `Holiday` so the page can say why) unless the permanence is
    /// held on them, with cancellations applied and extra dates added. Bounded by
    /// `MAX_WINDOW_DAYS` and `MAX_OCCURRENCES`.
    pub fn occurrences(
        &self,
        exceptions: &[Exception],
        from: NaiveDate,
        to: NaiveDate,
        is_holiday: impl Fn(NaiveDate) -> bool,
    ) -> Result<Vec<Occurrence>, ScheduleError> {
        let mut occurrences: Vec<Occurrence> = self
            .series_dates(from, to)?
            .into_iter()
            .map(|date| {
                let status = if let Some(cancelled) = exceptions
                    .iter()
                    .find(|e| e.on_date == date && e.kind == ExceptionKind::Cancelled)
                {
                    OccurrenceStatus::Cancelled(cancelled.reason.clone())
                } else if !self.on_public_holidays && is_holiday(date) {
                    OccurrenceStatus::Holiday
                } else {
                    OccurrenceStatus::Planned
                };
                Occurrence {
                    date,
                    start: self.start_time,
                    end: self.end_time,
                    status,
                }
            })
            .collect();
        for extra in exceptions
            .iter()
            .filter(|e| e.kind == ExceptionKind::Extra && e.on_date >= from && e.on_date <= to)
        {
            let (start, end) = extra.times.unwrap_or((self.start_time, self.end_time));
            occurrences.retain(|o| o.date != extra.on_date || o.is_held());
            if occurrences.iter().any(|o| o.date == extra.on_date) {
                continue;
            }
            occurrences.push(Occurrence {
                date: extra.on_date,
                start,
                end,
                status: OccurrenceStatus::Extra,
            });
        }
        occurrences.sort_by_key(|o| (o.date, o.start));
        occurrences.truncate(MAX_OCCURRENCES as usize);
        Ok(occurrences)
    }
}

/// Why an exception cannot be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionError {
    /// A cancellation must name a date of the series.
    NotInSeries,
    /// An extra date must not already be a date of the series.
    AlreadyInSeries,
    /// An extra date needs an end after its start.
    TimesReversed,
    /// A cancellation says why, for the public.
    ReasonMissing,
    ReasonTooLong,
}

impl ExceptionError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::NotInSeries => "permanences-error-not-in-series",
            Self::AlreadyInSeries => "permanences-error-already-in-series",
            Self::TimesReversed => "permanences-error-times",
            Self::ReasonMissing => "permanences-error-reason",
            Self::ReasonTooLong => "permanences-error-reason-long",
        }
    }
}

pub const REASON_MAX_CHARS: usize = 200;

/// Checks a new exception against the schedule.
pub fn check_exception(
    schedule: &Schedule,
    kind: ExceptionKind,
    on_date: NaiveDate,
    reason: &str,
    times: Option<(NaiveTime, NaiveTime)>,
) -> Result<(), ExceptionError> {
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(ExceptionError::ReasonTooLong);
    }
    match kind {
        ExceptionKind::Cancelled => {
            if reason.trim().is_empty() {
                return Err(ExceptionError::ReasonMissing);
            }
            if !schedule.has_date(on_date) {
                return Err(ExceptionError::NotInSeries);
            }
        }
        ExceptionKind::Extra => {
            if times.is_some_and(|(start, end)| end <= start) {
                return Err(ExceptionError::TimesReversed);
            }
            if schedule.has_date(on_date) {
                return Err(ExceptionError::AlreadyInSeries);
            }
        }
    }
    Ok(())
}

/// The half-day rule over the weeks starting `today`: minutes of held occurrences in each
/// 7-day window, and whether every window reaches `HALF_DAY_MINUTES`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HalfDay {
    pub weekly_minutes: Vec<i64>,
}

impl HalfDay {
    pub fn measure(occurrences: &[Occurrence], today: NaiveDate) -> Self {
        let weekly_minutes = (0..HALF_DAY_WEEKS)
            .map(|week| {
                let start = today + Duration::days(7 * week);
                let end = start + Duration::days(7);
                occurrences
                    .iter()
                    .filter(|o| o.is_held() && o.date >= start && o.date < end)
                    .map(Occurrence::minutes)
                    .sum()
            })
            .collect();
        Self { weekly_minutes }
    }

    pub fn is_met(&self) -> bool {
        self.weekly_minutes.iter().all(|m| *m >= HALF_DAY_MINUTES)
    }

    /// The weakest week, in minutes.
    pub fn least_minutes(&self) -> i64 {
        self.weekly_minutes.iter().copied().min().unwrap_or(0)
    }
}

/// The last day the half-day rule looks at, from `today`.
pub fn half_day_horizon(today: NaiveDate) -> NaiveDate {
    today + Duration::days(7 * HALF_DAY_WEEKS - 1)
}

/// "9 h", "14 h 30".
pub fn french_time(time: NaiveTime) -> String {
    use chrono::Timelike;
    if time.minute() == 0 {
        format!("{} h", time.hour())
    } else {
        format!("{} h {:02}", time.hour(), time.minute())
    }
}

/// "3 h", "1 h 30", "45 min".
pub fn french_duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// "mardi 3 mars 2026".
pub fn french_day(date: NaiveDate) -> String {
    format!(
        "{} {}",
        day_name(date.weekday()),
        crate::places::views::french_date(date)
    )
}

/// Reads "HH:MM" (or "9h30", "9 h").
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().to_lowercase().replace(' ', "");
    let (hours, minutes) = match text.split_once([':', 'h']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => (text.as_str(), "0"),
    };
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

/// Reads "2026-03-10" or "10/03/2026".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
        .filter(|d| (2000..=2100).contains(&d.year()))
}

/// What a manager fills in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermanenceData {
    pub title: String,
    pub schedule: Schedule,
    /// Values of the standard's service list.
    pub services: Vec<String>,
    pub capacity: Option<i64>,
    /// A short public note ("Apportez votre téléphone chargé").
    pub public_note: String,
}

pub const TITLE_MAX_CHARS: usize = 80;
pub const NOTE_MAX_CHARS: usize = 300;
pub const DEFAULT_TITLE: &str = "Permanence numérique";

/// A form problem: the field's name and the catalogue key of its French message.
pub type FieldError = (&'static str, &'static str);

/// Reads the permanence form. Fields: `titre`, `frequence` (`semaine`, `mois` or `regle`),
/// `jours` (MO…SU, repeated) and `intervalle` for `semaine`, `rang` (1–4 or -1) and
/// `jour_mois` for `mois`, `regle` (an RRULE) for `regle`, `debut`, `fin`, `heure_debut`,
/// `heure_fin`, `jours_feries`, `services` (repeated), `capacite`, `note`.
pub fn parse_form(pairs: &[(String, String)]) -> Result<PermanenceData, Vec<FieldError>> {
    let get = |name: &str| crate::web::form::field(pairs, name);
    let all = |name: &str| crate::web::form::fields(pairs, name);
    let mut errors: Vec<FieldError> = Vec::new();
    let title = match get("titre") {
        "" => DEFAULT_TITLE.to_owned(),
        text if text.chars().count() > TITLE_MAX_CHARS => {
            errors.push(("titre", "permanences-error-title"));
            String::new()
        }
        text => text.to_owned(),
    };
    let pattern = match get("frequence") {
        "mois" => {
            let nth = get("rang")
                .parse::<i8>()
                .ok()
                .filter(|n| matches!(n, 1..=4 | -1));
            let day = day_from_code(get("jour_mois"));
            match (nth, day) {
                (Some(nth), Some(day)) => Some(Pattern::Monthly { nth, day }),
                _ => {
                    errors.push(("rang", "permanences-error-rank"));
                    None
                }
            }
        }
        "regle" => {
            let rule = get("regle").to_uppercase();
            let rule = rule.strip_prefix("RRULE:").unwrap_or(&rule).to_owned();
            match check_rule(&rule) {
                Ok(()) => Some(Pattern::Custom(rule)),
                Err(error) => {
                    errors.push(("regle", error.message_key()));
                    None
                }
            }
        }
        _ => {
            let days: Option<Vec<Weekday>> = all("jours").into_iter().map(day_from_code).collect();
            let interval = match get("intervalle") {
                "" => Some(1),
                text => text.parse::<u32>().ok().filter(|n| (1..=8).contains(n)),
            };
            match (days, interval) {
                (Some(mut days), Some(interval)) if !days.is_empty() => {
                    days.sort_by_key(|d| d.num_days_from_monday());
                    days.dedup();
                    Some(Pattern::Weekly { days, interval })
                }
                (_, None) => {
                    errors.push(("intervalle", "permanences-error-interval"));
                    None
                }
                _ => {
                    errors.push(("jours", "permanences-error-days"));
                    None
                }
            }
        }
    };
    let starts_on = parse_date(get("debut"));
    if starts_on.is_none() {
        errors.push(("debut", "permanences-error-start-date"));
    }
    let ends_on = match get("fin") {
        "" => None,
        text => match parse_date(text) {
            Some(date) => Some(date),
            None => {
                errors.push(("fin", "permanences-error-end-date-format"));
                None
            }
        },
    };
    let start_time = parse_time(get("heure_debut"));
    if start_time.is_none() {
        errors.push(("heure_debut", "permanences-error-time-start"));
    }
    let end_time = parse_time(get("heure_fin"));
    if end_time.is_none() {
        errors.push(("heure_fin", "permanences-error-time-end"));
    }
    let mut services = Vec::new();
    for value in all("services") {
        match crate::places::vocab::SERVICES
            .values
            .iter()
            .find(|known| **known == value)
        {
            Some(known) => services.push((*known).to_owned()),
            None => {
                errors.push(("services", "permanences-error-service"));
                break;
            }
        }
    }
    let capacity = match get("capacite") {
        "" => None,
        text => match text.parse::<i64>().ok().filter(|n| (1..=500).contains(n)) {
            Some(n) => Some(n),
            None => {
                errors.push(("capacite", "permanences-error-capacity"));
                None
            }
        },
    };
    let public_note = get("note").to_owned();
    if public_note.chars().count() > NOTE_MAX_CHARS {
        errors.push(("note", "permanences-error-note"));
    }
    let (Some(pattern), Some(starts_on), Some(start_time), Some(end_time)) =
        (pattern, starts_on, start_time, end_time)
    else {
        return Err(errors);
    };
    let schedule = Schedule {
        rule: pattern.to_rule(),
        starts_on,
        ends_on,
        start_time,
        end_time,
        on_public_holidays: get("jours_feries") == "1",
    };
    if let Err(error) = schedule.check() {
        let field = match error {
            ScheduleError::TimesReversed => "heure_fin",
            ScheduleError::EndsBeforeStart => "fin",
            _ => "regle",
        };
        errors.push((field, error.message_key()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PermanenceData {
        title,
        schedule,
        services,
        capacity,
        public_note,
    })
}

/// The form's fields for stored data (the edit page).
pub fn form_pairs(data: &PermanenceData) -> Vec<(String, String)> {
    let schedule = &data.schedule;
    let mut pairs = vec![
        ("titre".to_owned(), data.title.clone()),
        ("debut".to_owned(), schedule.starts_on.to_string()),
        (
            "fin".to_owned(),
            schedule.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "heure_debut".to_owned(),
            schedule.start_time.format("%H:%M").to_string(),
        ),
        (
            "heure_fin".to_owned(),
            schedule.end_time.format("%H:%M").to_string(),
        ),
        (
            "jours_feries".to_owned(),
            if schedule.on_public_holidays { "1" } else { "" }.to_owned(),
        ),
        (
            "capacite".to_owned(),
            data.capacity.map(|c| c.to_string()).unwrap_or_default(),
        ),
        ("note".to_owned(), data.public_note.clone()),
    ];
    match schedule.pattern() {
        Pattern::Weekly { days, interval } => {
            pairs.push(("frequence".into(), "semaine".into()));
            pairs.push(("intervalle".into(), interval.to_string()));
            pairs.extend(
                days.iter()
                    .map(|d| ("jours".to_owned(), day_code(*d).to_owned())),
            );
        }
        Pattern::Monthly { nth, day } => {
            pairs.push(("frequence".into(), "mois".into()));
            pairs.push(("rang".into(), nth.to_string()));
            pairs.push(("jour_mois".into(), day_code(day).to_owned()));
        }
        Pattern::Custom(rule) => {
            pairs.push(("frequence".into(), "regle".into()));
            pairs.push(("regle".into(), rule));
        }
    }
    pairs.extend(
        data.services
            .iter()
            .map(|s| ("services".to_owned(), s.clone())),
    );
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Found by the `forms` fuzz target: the recurrence library panicked on a weekday cut
    /// inside a character ("start byte index … is not a char boundary"), and `from_rule`
    /// split `BYDAY` the same way.
    #[test]
    fn a_rule_with_characters_beyond_ascii_is_refused_without_panicking() {
        for rule in [
            "FREQ=WEEKLY;BYDAY=€",
            "FREQ=MONTHLY;BYDAY=+1€MO",
            "FREQ=DAILY;X-É=1",
        ] {
            assert_eq!(check_rule(rule), Err(ScheduleError::BadRule), "{rule}");
        }
        assert_eq!(
            Pattern::from_rule("FREQ=MONTHLY;BYDAY=1€"),
            Pattern::Custom("FREQ=MONTHLY;BYDAY=1€".to_owned())
        );
        let mut pairs: Vec<(String, String)> = [
            ("frequence", "regle"),
            ("regle", "FREQ=WEEKLY;BYDAY=€"),
            ("debut", "2026-03-10"),
            ("heure_debut", "09:00"),
            ("heure_fin", "12:00"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        assert_eq!(
            parse_form(&pairs),
            Err(vec![("regle", "permanences-error-rule")])
        );
        pairs[1].1 = "FREQ=WEEKLY;BYDAY=TU".to_owned();
        assert!(parse_form(&pairs).is_ok());
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn french_holiday(day: NaiveDate) -> bool {
        crate::places::hours::is_public_holiday(day)
    }

    fn tuesdays() -> Schedule {
        Schedule {
            rule: "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU".into(),
            starts_on: date("2026-01-06"),
            ends_on: None,
            start_time: time(14, 0),
            end_time: time(17, 0),
            on_public_holidays: false,
        }
    }

    #[test]
    fn patterns_round_trip_through_their_rule_and_read_in_french() {
        let cases = [
            (
                Pattern::Weekly {
                    days: vec![Weekday::Tue],
                    interval: 1,
                },
                "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU",
                "chaque mardi",
            ),
            (
                Pattern::Weekly {
                    days: vec![Weekday::Mon, Weekday::Thu],
                    interval: 2,
                },
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
                "un lundi et jeudi sur deux",
            ),
            (
                Pattern::Monthly {
                    nth: 1,
                    day: Weekday::Thu,
                },
                "FREQ=MONTHLY;BYDAY=1TH",
                "le 1er jeudi du mois",
            ),
            (
                Pattern::Monthly {
                    nth: -1,
                    day: Weekday::Fri,
                },
                "FREQ=MONTHLY;BYDAY=-1FR",
                "le dernier vendredi du mois",
            ),
        ];
        for (pattern, rule, french) in cases {
            assert_eq!(pattern.to_rule(), rule);
            assert_eq!(Pattern::from_rule(rule), pattern);
            assert_eq!(pattern.describe(), french);
            assert!(check_rule(rule).is_ok());
        }
        assert_eq!(
            Pattern::from_rule("FREQ=WEEKLY;BYDAY=TU;COUNT=5"),
            Pattern::Custom("FREQ=WEEKLY;BYDAY=TU;COUNT=5".into())
        );
    }

    #[test]
    fn unreadable_or_too_frequent_rules_are_refused() {
        assert_eq!(check_rule("n'importe quoi"), Err(ScheduleError::BadRule));
        assert_eq!(check_rule(""), Err(ScheduleError::BadRule));
        assert_eq!(
            check_rule("FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=DAILY"),
            Err(ScheduleError::BadRule)
        );
        assert_eq!(check_rule("FREQ=HOURLY"), Err(ScheduleError::TooFrequent));
        assert_eq!(
            check_rule("FREQ=WEEKLY;BYDAY=XX"),
            Err(ScheduleError::BadRule)
        );
        assert!(check_rule("FREQ=DAILY;COUNT=3").is_ok());
    }

    #[test]
    fn weekly_occurrences_skip_public_holidays_unless_held_on_them() {
        // Tuesday 14 July 2026 is the national holiday.
        let schedule = tuesdays();
        let got = schedule
            .occurrences(&[], date("2026-07-07"), date("2026-07-21"), french_holiday)
            .unwrap();
        let summary: Vec<(NaiveDate, bool)> = got.iter().map(|o| (o.date, o.is_held())).collect();
        assert_eq!(
            summary,
            [
                (date("2026-07-07"), true),
                (date("2026-07-14"), false),
                (date("2026-07-21"), true)
            ]
        );
        assert_eq!(got[1].status, OccurrenceStatus::Holiday);
        let held_anyway = Schedule {
            on_public_holidays: true,
            ..schedule
        };
        let got = held_anyway
            .occurrences(&[], date("2026-07-14"), date("2026-07-14"), french_holiday)
            .unwrap();
        assert_eq!(got[0].status, OccurrenceStatus::Planned);
    }

    #[test]
    fn local_times_stay_put_across_daylight_saving_changes() {
        // Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
        let got = tuesdays()
            .occurrences(&[], date("2026-03-24"), date("2026-03-31"), french_holiday)
            .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].starts_at().to_rfc3339(), "2026-03-24T13:00:00+00:00");
        assert_eq!(got[1].starts_at().to_rfc3339(), "2026-03-31T12:00:00+00:00");
        let got = tuesdays()
            .occurrences(&[], date("2026-10-20"), date("2026-10-27"), french_holiday)
            .unwrap();
        assert_eq!(got[0].starts_at().to_rfc3339(), "2026-10-20T12:00:00+00:00");
        assert_eq!(got[1].starts_at().to_rfc3339(), "2026-10-27T13:00:00+00:00");
        // A daily series across the spring change keeps its date list whole.
        let daily = Schedule {
            rule: "FREQ=DAILY".into(),
            start_time: time(2, 30),
            end_time: time(3, 30),
            ..tuesdays()
        };
        let got = daily
            .occurrences(&[], date("2026-03-28"), date("2026-03-30"), |_| false)
            .unwrap();
        assert_eq!(got.len(), 3);
        // 02:30 does not exist on 29 March: the session is placed at 03:30 local (01:30 UTC).
        assert_eq!(got[1].starts_at().to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn every_other_week_and_nth_weekday_of_the_month() {
        let biweekly = Schedule {
            rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".into(),
            ..tuesdays()
        };
        let dates: Vec<NaiveDate> = biweekly
            .occurrences(&[], date("2026-01-01"), date("2026-02-10"), |_| false)
            .unwrap()
            .iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(
            dates,
            [date("2026-01-06"), date("2026-01-20"), date("2026-02-03")]
        );
        let last_friday = Schedule {
            rule: "FREQ=MONTHLY;BYDAY=-1FR".into(),
            ..tuesdays()
        };
        let dates: Vec<NaiveDate> = last_friday
            .occurrences(&[], date("2026-01-01"), date("2026-03-31"), |_| false)
            .unwrap()
            .iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(
            dates,
            [date("2026-01-30"), date("2026-02-27"), date("2026-03-27")]
        );
    }

    #[test]
    fn exceptions_cancel_with_a_reason_and_add_dates() {
        let schedule = tuesdays();
        let exceptions = [
            Exception {
                id: 1,
                on_date: date("2026-03-10"),
                kind: ExceptionKind::Cancelled,
                reason: "Formation de l'équipe".into(),
                times: None,
            },
            Exception {
                id: 2,
                on_date: date("2026-03-12"),
                kind: ExceptionKind::Extra,
                reason: String::new(),
                times: Some((time(9, 0), time(12, 0))),
            },
        ];
        let got = schedule
            .occurrences(&exceptions, date("2026-03-09"), date("2026-03-17"), |_| {
                false
            })
            .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0].status,
            OccurrenceStatus::Cancelled("Formation de l'équipe".into())
        );
        assert_eq!(got[1].date, date("2026-03-12"));
        assert_eq!(got[1].status, OccurrenceStatus::Extra);
        assert_eq!((got[1].start, got[1].end), (time(9, 0), time(12, 0)));
        assert_eq!(got[2].status, OccurrenceStatus::Planned);
    }

    #[test]
    fn exceptions_outside_the_series_are_refused() {
        let schedule = tuesdays();
        assert_eq!(
            check_exception(
                &schedule,
                ExceptionKind::Cancelled,
                date("2026-03-11"),
                "Grève",
                None
            ),
            Err(ExceptionError::NotInSeries)
        );
        assert_eq!(
            check_exception(
                &schedule,
                ExceptionKind::Cancelled,
                date("2026-03-10"),
                " ",
                None
            ),
            Err(ExceptionError::ReasonMissing)
        );
        assert_eq!(
            check_exception(
                &schedule,
                ExceptionKind::Extra,
                date("2026-03-10"),
                "",
                None
            ),
            Err(ExceptionError::AlreadyInSeries)
        );
        assert_eq!(
            check_exception(
                &schedule,
                ExceptionKind::Extra,
                date("2026-03-11"),
                "",
                Some((time(12, 0), time(9, 0)))
            ),
            Err(ExceptionError::TimesReversed)
        );
        // Before the start or after the end of the series is outside it too.
        let ended = Schedule {
            ends_on: Some(date("2026-02-24")),
            ..schedule.clone()
        };
        assert_eq!(
            check_exception(
                &ended,
                ExceptionKind::Cancelled,
                date("2026-03-03"),
                "Fin",
                None
            ),
            Err(ExceptionError::NotInSeries)
        );
        assert!(
            check_exception(
                &schedule,
                ExceptionKind::Cancelled,
                date("2026-03-10"),
                "Grève",
                None
            )
            .is_ok()
        );
    }

    #[test]
    fn expansion_is_bounded() {
        let daily = Schedule {
            rule: "FREQ=DAILY".into(),
            ..tuesdays()
        };
        assert_eq!(
            daily.occurrences(&[], date("2026-01-01"), date("2027-12-31"), |_| false),
            Err(ScheduleError::WindowTooWide)
        );
        let got = daily
            .occurrences(&[], date("2026-01-06"), date("2027-02-09"), |_| false)
            .unwrap();
        assert_eq!(got.len(), 400);
        // A rule that never matches ends quickly with no occurrence.
        let never = Schedule {
            rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".into(),
            ..tuesdays()
        };
        assert_eq!(
            never
                .occurrences(&[], date("2026-01-01"), date("2026-12-31"), |_| false)
                .unwrap(),
            []
        );
        // A series that ended yields nothing after its end.
        let ended = Schedule {
            ends_on: Some(date("2026-01-13")),
            ..tuesdays()
        };
        assert_eq!(
            ended
                .occurrences(&[], date("2026-01-01"), date("2026-03-01"), |_| false)
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn the_half_day_rule_needs_three_hours_every_week() {
        let today = date("2026-03-02");
        let three_hours = tuesdays()
            .occurrences(&[], today, half_day_horizon(today), |_| false)
            .unwrap();
        assert!(HalfDay::measure(&three_hours, today).is_met());
        let two_hours = Schedule {
            end_time: time(16, 0),
            ..tuesdays()
        }
        .occurrences(&[], today, half_day_horizon(today), |_| false)
        .unwrap();
        let measure = HalfDay::measure(&two_hours, today);
        assert!(!measure.is_met());
        assert_eq!(measure.least_minutes(), 120);
        // One cancelled week breaks the rule.
        let cancelled = tuesdays()
            .occurrences(
                &[Exception {
                    id: 1,
                    on_date: date("2026-03-17"),
                    kind: ExceptionKind::Cancelled,
                    reason: "Travaux".into(),
                    times: None,
                }],
                today,
                half_day_horizon(today),
                |_| false,
            )
            .unwrap();
        let measure = HalfDay::measure(&cancelled, today);
        assert_eq!(measure.weekly_minutes, [180, 180, 0, 180]);
        assert!(!measure.is_met());
    }

    #[test]
    fn times_and_dates_read_the_french_way() {
        assert_eq!(parse_time("9h30"), Some(time(9, 30)));
        assert_eq!(parse_time("14:00"), Some(time(14, 0)));
        assert_eq!(parse_time("9 h"), Some(time(9, 0)));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_date("10/03/2026"), Some(date("2026-03-10")));
        assert_eq!(parse_date("2026-03-10"), Some(date("2026-03-10")));
        assert_eq!(parse_date("1850-01-01"), None);
        assert_eq!(french_time(time(14, 0)), "14 h");
        assert_eq!(french_time(time(9, 5)), "9 h 05");
        assert_eq!(french_duration(90), "1 h 30");
        assert_eq!(french_day(date("2026-03-10")), "mardi 10 mars 2026");
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_form_builds_a_schedule_and_round_trips() {
        let form = pairs(&[
            ("titre", ""),
            ("frequence", "semaine"),
            ("jours", "TH"),
            ("jours", "TU"),
            ("intervalle", "1"),
            ("debut", "02/03/2026"),
            ("heure_debut", "14h"),
            ("heure_fin", "17:30"),
            ("services", "Aide aux démarches administratives"),
            ("capacite", "6"),
            ("note", "Apportez votre téléphone chargé."),
        ]);
        let data = parse_form(&form).unwrap();
        assert_eq!(data.title, DEFAULT_TITLE);
        assert_eq!(data.schedule.rule, "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH");
        assert_eq!(data.schedule.end_time, time(17, 30));
        assert_eq!(data.capacity, Some(6));
        assert_eq!(parse_form(&form_pairs(&data)).unwrap(), data);
        let monthly = parse_form(&pairs(&[
            ("frequence", "mois"),
            ("rang", "-1"),
            ("jour_mois", "FR"),
            ("debut", "2026-03-01"),
            ("heure_debut", "9:00"),
            ("heure_fin", "12:00"),
        ]))
        .unwrap();
        assert_eq!(monthly.schedule.rule, "FREQ=MONTHLY;BYDAY=-1FR");
        assert_eq!(parse_form(&form_pairs(&monthly)).unwrap(), monthly);
        let expert = parse_form(&pairs(&[
            ("frequence", "regle"),
            ("regle", "RRULE:freq=weekly;byday=mo;count=10"),
            ("debut", "2026-03-02"),
            ("heure_debut", "9:00"),
            ("heure_fin", "12:00"),
        ]))
        .unwrap();
        assert_eq!(expert.schedule.rule, "FREQ=WEEKLY;BYDAY=MO;COUNT=10");
        assert_eq!(parse_form(&form_pairs(&expert)).unwrap(), expert);
    }

    #[test]
    fn the_form_names_each_wrong_field() {
        let errors = parse_form(&pairs(&[
            ("frequence", "semaine"),
            ("debut", "demain"),
            ("heure_debut", "midi"),
            ("heure_fin", "17:00"),
            ("services", "Faire les courses"),
            ("capacite", "0"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            ["jours", "debut", "heure_debut", "services", "capacite"]
        );
        let errors = parse_form(&pairs(&[
            ("frequence", "semaine"),
            ("jours", "TU"),
            ("debut", "2026-03-02"),
            ("fin", "2026-03-01"),
            ("heure_debut", "17:00"),
            ("heure_fin", "14:00"),
        ]))
        .unwrap_err();
        assert_eq!(errors, [("heure_fin", "permanences-error-times")]);
        let errors = parse_form(&pairs(&[
            ("frequence", "regle"),
            ("regle", "FREQ=MINUTELY"),
            ("debut", "2026-03-02"),
            ("heure_debut", "9:00"),
            ("heure_fin", "12:00"),
        ]))
        .unwrap_err();
        assert_eq!(errors, [("regle", "permanences-error-too-frequent")]);
    }
}
