//! Opening hours of places, stored as an OpenStreetMap `opening_hours` string
//! (<https://wiki.openstreetmap.org/wiki/Key:opening_hours>), e.g.
//! `Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off`.
//!
//! Parsing and evaluation are done by the `opening-hours` crate, with the French public holidays
//! loaded so that `PH` rules work. Every time is local to Europe/Paris: inputs are `DateTime<Utc>`
//! and are converted, outputs are local `NaiveDateTime` / `NaiveTime`.
//!
//! Conventions:
//! - a range ending at midnight ends at [`END_OF_DAY`] (23:59:59), which [`format_time`] writes
//!   "24 h" and [`WeeklySchedule::to_osm`] writes `24:00`;
//! - regional holidays (Alsace-Moselle: Good Friday, 26 December) are not loaded: `PH` only
//!   matches the national public holidays.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono::{Month, Weekday};
use opening_hours::localization::Country;
use opening_hours::{Context, OpeningHours, RuleKind};

/// Time zone of every place of the network.
pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// Whether `day` is a French national public holiday (the calendar `PH` uses).
pub fn is_public_holiday(day: NaiveDate) -> bool {
    Country::FR.holidays().get_public().contains(day)
}

/// What a place's status says during a temporary closure.
pub const TEMPORARILY_CLOSED: &str = "Fermé en ce moment (fermeture exceptionnelle)";

/// Stands for 24:00 at the end of a range ("open until midnight").
pub const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 59) {
    Some(time) => time,
    None => panic!("23:59:59 is a valid time"),
};

const MINUTES_PER_DAY: u32 = 24 * 60;
const QUARTERS_PER_DAY: usize = 96;
/// Horizon of the search for the closing time of an open place.
const CLOSING_HORIZON_DAYS: i64 = 7;
/// Horizon of the search for the next opening of a closed place.
const OPENING_HORIZON_DAYS: i64 = 14;

const EXAMPLE: &str = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off";

// ---------------------------------------------------------------------------------------------
// Parsed hours
// ---------------------------------------------------------------------------------------------

/// A problem with an `opening_hours` string, as a short French sentence for a staff form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursError {
    pub message: String,
}

impl HoursError {
    fn new(message: impl Into<String>) -> Self {
        HoursError {
            message: message.into(),
        }
    }

    /// Turns a parser error into French, pointing at the character where reading stopped when
    /// the parser says so (its message contains `--> line:column`).
    fn from_parser(raw: &str, error: &impl std::fmt::Display) -> Self {
        let text = error.to_string();
        let column = text.split_once("--> ").and_then(|(_, rest)| {
            let (_line, rest) = rest.split_once(':')?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        });
        let place = match column {
            Some(column) if column >= 1 => {
                let excerpt: String = raw.chars().skip(column - 1).take(12).collect();
                let excerpt = excerpt.trim_end();
                if excerpt.is_empty() {
                    "le texte s'arrête trop tôt".to_string()
                } else {
                    format!("le problème est vers le caractère {column} (« {excerpt} »)")
                }
            }
            _ => "une partie n'est pas prise en charge".to_string(),
        };
        HoursError::new(format!(
            "Ces horaires ne sont pas compris : {place}. Exemple de format attendu : {EXAMPLE}"
        ))
    }
}

impl std::fmt::Display for HoursError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HoursError {}

/// Parsed opening hours of a place. Cheap to clone (the crate shares its rules in an `Arc`).
#[derive(Clone, Debug)]
pub struct Hours {
    raw: String,
    /// Evaluated with the French public holidays.
    with_holidays: OpeningHours,
    /// Evaluated without any holiday: `PH` rules never match (typical week).
    without_holidays: OpeningHours,
}

/// Whether a place is open at a given moment, and until when. Times are local (Europe/Paris).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenStatus {
    /// `closes_at` is `None` when the place stays open for more than 7 days.
    Open { closes_at: Option<NaiveDateTime> },
    /// `opens_at` is `None` when the place does not open within 14 days.
    Closed { opens_at: Option<NaiveDateTime> },
    /// The hours say "unknown" at that moment, or only hold a comment ("sur rendez-vous").
    Unknown,
}

/// Opening ranges of one day of the week, in increasing order; a range open until midnight ends
/// at [`END_OF_DAY`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayHours {
    pub weekday: Weekday,
    pub ranges: Vec<(NaiveTime, NaiveTime)>,
}

impl Hours {
    /// Parses an `opening_hours` string (surrounding spaces are ignored).
    pub fn parse(raw: &str) -> Result<Hours, HoursError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(HoursError::new("Aucun horaire n'est indiqué."));
        }
        let parsed: OpeningHours = raw
            .parse()
            .map_err(|error| HoursError::from_parser(raw, &error))?;
        let parsed = comments_alone_are_unknown(parsed);
        let with_holidays = parsed
            .clone()
            .with_context(Context::default().with_holidays(Country::FR.holidays()));
        Ok(Hours {
            raw: raw.to_string(),
            with_holidays,
            without_holidays: parsed,
        })
    }

    /// The string as stored (trimmed).
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Open or closed at `now`, with the next change (searched 7 days ahead when open, 14 days
    /// ahead when closed).
    pub fn status_at(&self, now: DateTime<Utc>) -> OpenStatus {
        let local = to_local(now);
        let horizon = local + Duration::days(OPENING_HORIZON_DAYS);
        let mut ranges = self.with_holidays.iter_range(local, horizon);
        let Some(current) = ranges.next() else {
            return OpenStatus::Closed { opens_at: None };
        };
        match current.kind {
            RuleKind::Unknown => OpenStatus::Unknown,
            RuleKind::Open => {
                // Consecutive open ranges (with different comments) are one opening.
                let mut end = current.range.end;
                for next in ranges {
                    if next.kind != RuleKind::Open || next.range.start != end {
                        break;
                    }
                    end = next.range.end;
                }
                let closes_at = (end < local + Duration::days(CLOSING_HORIZON_DAYS)).then_some(end);
                OpenStatus::Open { closes_at }
            }
            RuleKind::Closed => OpenStatus::Closed {
                opens_at: ranges
                    .find(|range| range.kind == RuleKind::Open)
                    .map(|range| range.range.start),
            },
        }
    }

    /// Open at `at` (an "unknown" state counts as not open).
    pub fn is_open_at(&self, at: DateTime<Utc>) -> bool {
        self.with_holidays.is_open(to_local(at))
    }

    /// Any overlap with [from, to) on that local day (used for "open on Tuesday morning").
    /// Public holidays count. Use [`END_OF_DAY`] as `to` for "until the end of the day".
    pub fn is_open_during(&self, day: NaiveDate, from: NaiveTime, to: NaiveTime) -> bool {
        if to <= from {
            return false;
        }
        self.with_holidays
            .iter_range(day.and_time(from), day.and_time(to))
            .any(|range| range.kind == RuleKind::Open)
    }

    /// Monday..Sunday (7 entries) of a typical week: the week containing `week_of`, evaluated
    /// WITHOUT public holidays, so a holiday in that week does not blank a day. Dated rules
    /// (e.g. "2026 Dec 24 off") still apply.
    pub fn typical_week(&self, week_of: NaiveDate) -> Vec<DayHours> {
        self.week_minutes(week_of)
            .into_iter()
            .zip(WEEKDAYS)
            .map(|(ranges, weekday)| DayHours {
                weekday,
                ranges: ranges
                    .into_iter()
                    .map(|(start, end)| (time_from_minutes(start), time_from_minutes(end)))
                    .collect(),
            })
            .collect()
    }

    /// Same typical week as a bitmap of quarter-hours, for fast filtering of many places.
    pub fn week_mask(&self, week_of: NaiveDate) -> WeekMask {
        let mut mask = WeekMask::default();
        for (day, ranges) in self.week_minutes(week_of).iter().enumerate() {
            for &(start, end) in ranges {
                mask.set_minutes(day, start, end);
            }
        }
        mask
    }

    /// Open ranges in minutes since midnight (0..=1440) for the 7 days of the typical week.
    fn week_minutes(&self, week_of: NaiveDate) -> [Vec<(u32, u32)>; 7] {
        let monday = week_of - Duration::days(i64::from(week_of.weekday().num_days_from_monday()));
        std::array::from_fn(|index| {
            let date = monday + Duration::days(index as i64);
            let mut ranges: Vec<(u32, u32)> = Vec::new();
            for range in self.without_holidays.schedule_at(date) {
                if range.kind != RuleKind::Open {
                    continue;
                }
                let start = u32::from(range.range.start.mins_from_midnight()).min(MINUTES_PER_DAY);
                let end = u32::from(range.range.end.mins_from_midnight()).min(MINUTES_PER_DAY);
                if start >= end {
                    continue;
                }
                match ranges.last_mut() {
                    Some(last) if last.1 == start => last.1 = end,
                    _ => ranges.push((start, end)),
                }
            }
            ranges
        })
    }
}

/// A rule made of a comment without hours nor explicit state (`"sur rendez-vous"`,
/// `Sa "sur rendez-vous"`) means "ask first": the crate reads it as open, the OSM wiki and this
/// directory as unknown. Such rules are rewritten with the `unknown` state (same override
/// semantics for the crate) and the expression is parsed again; should that fail, the
/// expression is kept as is.
fn comments_alone_are_unknown(parsed: OpeningHours) -> OpeningHours {
    let mut expression = (*parsed.get_expression()).clone();
    let mut changed = false;
    for rule in &mut expression.rules {
        if rule.kind == RuleKind::Open
            && !rule.comment.is_empty()
            && rule.time_selector == Default::default()
        {
            rule.kind = RuleKind::Unknown;
            changed = true;
        }
    }
    if !changed {
        return parsed;
    }
    expression.to_string().parse().unwrap_or(parsed)
}

fn to_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&TIME_ZONE).naive_local()
}

// ---------------------------------------------------------------------------------------------
// French sentences
// ---------------------------------------------------------------------------------------------

/// The days of the week, Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// French sentence for the public, e.g. "Ouvert maintenant, ferme à 12 h", "Fermé, ouvre demain à
/// 9 h", "Fermé, ouvre mardi à 9 h" (within 6 days), "Fermé, ouvre le 2 janvier à 9 h".
pub fn describe_status(status: &OpenStatus, now: DateTime<Utc>) -> String {
    let today = to_local(now).date();
    match status {
        OpenStatus::Open {
            closes_at: Some(at),
        } => {
            format!("Ouvert maintenant, ferme {}", describe_moment(today, *at))
        }
        OpenStatus::Open { closes_at: None } => "Ouvert maintenant".to_string(),
        OpenStatus::Closed { opens_at: Some(at) } => {
            format!("Fermé, ouvre {}", describe_moment(today, *at))
        }
        OpenStatus::Closed { opens_at: None } => "Fermé pour le moment".to_string(),
        OpenStatus::Unknown => "Horaires à confirmer".to_string(),
    }
}

/// "à 14 h", "demain à 9 h", "mardi à 9 h", "le 2 janvier à 9 h"; midnight is "minuit" of the
/// day before ("ferme à minuit" rather than "ferme demain à 0 h").
fn describe_moment(today: NaiveDate, at: NaiveDateTime) -> String {
    let (date, time) = match at.date().pred_opt() {
        Some(eve) if at.time() == NaiveTime::MIN && at.date() > today => (eve, "minuit".into()),
        _ => (at.date(), format_time(at.time())),
    };
    match (date - today).num_days() {
        ..=0 => format!("à {time}"),
        1 => format!("demain à {time}"),
        2..=6 => format!("{} à {time}", day_name(date.weekday())),
        _ => format!("le {} à {time}", describe_date(date)),
    }
}

/// "2 janvier", "1er mai".
fn describe_date(date: NaiveDate) -> String {
    let month = Month::try_from(date.month() as u8).map_or("", month_name);
    match date.day() {
        1 => format!("1er {month}"),
        day => format!("{day} {month}"),
    }
}

fn month_name(month: Month) -> &'static str {
    match month {
        Month::January => "janvier",
        Month::February => "février",
        Month::March => "mars",
        Month::April => "avril",
        Month::May => "mai",
        Month::June => "juin",
        Month::July => "juillet",
        Month::August => "août",
        Month::September => "septembre",
        Month::October => "octobre",
        Month::November => "novembre",
        Month::December => "décembre",
    }
}

/// "lundi" … "dimanche".
pub fn day_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// "Lundi" … "Dimanche", to start a sentence.
fn day_name_capitalized(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Lundi",
        Weekday::Tue => "Mardi",
        Weekday::Wed => "Mercredi",
        Weekday::Thu => "Jeudi",
        Weekday::Fri => "Vendredi",
        Weekday::Sat => "Samedi",
        Weekday::Sun => "Dimanche",
    }
}

/// "9 h", "9 h 30", "12 h", "0 h"; [`END_OF_DAY`] is "24 h".
pub fn format_time(time: NaiveTime) -> String {
    if time == END_OF_DAY {
        return "24 h".to_string();
    }
    match time.minute() {
        0 => format!("{} h", time.hour()),
        minute => format!("{} h {minute:02}", time.hour()),
    }
}

/// "lundi 9 h – 12 h, 14 h – 17 h" or "lundi fermé".
pub fn describe_day(day: &DayHours) -> String {
    let name = day_name(day.weekday);
    if day.ranges.is_empty() {
        return format!("{name} fermé");
    }
    let ranges: Vec<String> = day
        .ranges
        .iter()
        .map(|&(start, end)| format!("{} – {}", format_time(start), format_time(end)))
        .collect();
    format!("{name} {}", ranges.join(", "))
}

/// One line per day, in the order given (identical days are not merged: simpler to read).
pub fn describe_week(week: &[DayHours]) -> Vec<String> {
    week.iter().map(describe_day).collect()
}

// ---------------------------------------------------------------------------------------------
// Week mask
// ---------------------------------------------------------------------------------------------

/// 7 days × 96 quarter-hours. Index 0 = Monday 00:00-00:15.
///
/// A quarter is set when the place is open at any moment of it, so ranges not aligned on
/// quarters are rounded outwards (09:10-11:50 sets 09:00-12:00): the mask may say "open" a few
/// minutes too early or too late, never "closed" while open.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeekMask {
    bits: [u64; 11],
}

impl WeekMask {
    /// Open during the quarter-hour containing `time` on `weekday`.
    pub fn is_open_at(&self, weekday: Weekday, time: NaiveTime) -> bool {
        let day = weekday.num_days_from_monday() as usize;
        let quarter = (start_minutes(time) / 15) as usize;
        self.get(day * QUARTERS_PER_DAY + quarter)
    }

    /// Open at some moment of [from, to) on `weekday` (`to` = [`END_OF_DAY`] for midnight).
    pub fn overlaps(&self, weekday: Weekday, from: NaiveTime, to: NaiveTime) -> bool {
        let (start, end) = (start_minutes(from), end_minutes(to));
        if end <= start {
            return false;
        }
        let day = weekday.num_days_from_monday() as usize * QUARTERS_PER_DAY;
        let first = (start / 15) as usize;
        let last = end.div_ceil(15) as usize;
        (first..last).any(|quarter| self.get(day + quarter))
    }

    /// Never open in the typical week.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|word| *word == 0)
    }

    /// Open minutes per week, counted in whole quarter-hours.
    pub fn open_minutes(&self) -> u32 {
        self.bits.iter().map(|word| word.count_ones()).sum::<u32>() * 15
    }

    fn get(&self, index: usize) -> bool {
        self.bits
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// Sets every quarter of `day` overlapping [start, end) (minutes since midnight).
    fn set_minutes(&mut self, day: usize, start: u32, end: u32) {
        let first = (start / 15) as usize;
        let last = (end.div_ceil(15) as usize).min(QUARTERS_PER_DAY);
        for quarter in first..last {
            let index = day * QUARTERS_PER_DAY + quarter;
            if let Some(word) = self.bits.get_mut(index / 64) {
                *word |= 1 << (index % 64);
            }
        }
    }
}

/// Minutes since midnight of a range start.
fn start_minutes(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

/// Minutes since midnight of a range end, [`END_OF_DAY`] being 1440; seconds round up.
fn end_minutes(time: NaiveTime) -> u32 {
    if time == END_OF_DAY {
        MINUTES_PER_DAY
    } else {
        start_minutes(time) + u32::from(time.second() > 0)
    }
}

fn time_from_minutes(minutes: u32) -> NaiveTime {
    if minutes >= MINUTES_PER_DAY {
        return END_OF_DAY;
    }
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(END_OF_DAY)
}

// ---------------------------------------------------------------------------------------------
// Weekly schedule of the staff form
// ---------------------------------------------------------------------------------------------

/// What the staff weekly form edits: up to two time ranges per day, closed on public holidays or
/// not, and dated exceptions. A range until midnight ends at [`END_OF_DAY`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeeklySchedule {
    /// Index 0 = Monday.
    pub days: [Vec<(NaiveTime, NaiveTime)>; 7],
    pub closed_on_public_holidays: bool,
    pub exceptions: Vec<ScheduleException>,
}

/// Hours of one date replacing the usual ones; empty ranges = closed that day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleException {
    pub date: NaiveDate,
    pub ranges: Vec<(NaiveTime, NaiveTime)>,
}

const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const OSM_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl WeeklySchedule {
    /// French messages, one per problem, e.g. "Mardi : l'heure de fin doit être après l'heure de
    /// début.", "Le 24/12/2026 : deux plages au plus.".
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for (ranges, weekday) in self.days.iter().zip(WEEKDAYS) {
            check_ranges(day_name_capitalized(weekday), ranges, &mut problems);
        }
        for (index, exception) in self.exceptions.iter().enumerate() {
            let label = format!("Le {}", exception.date.format("%d/%m/%Y"));
            let repeated = self.exceptions[..index]
                .iter()
                .any(|earlier| earlier.date == exception.date);
            if repeated {
                problems.push(format!("{label} : cette date est indiquée deux fois."));
            }
            check_ranges(&label, &exception.ranges, &mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Canonical OSM string: days with identical hours grouped ("Mo-Fr 09:00-12:00,14:00-17:00;
    /// Sa 09:00-12:00"), then "PH off" when closed on holidays, then exceptions by date
    /// ("2026 Dec 24 off", "2026 Dec 24 10:00-12:00"). Closed days are left out (closed is the
    /// default). A schedule with no opening and no exception gives "".
    pub fn to_osm(&self) -> String {
        let days: Vec<Vec<(NaiveTime, NaiveTime)>> = self.days.iter().map(|r| sorted(r)).collect();
        let mut rules = Vec::new();
        let mut grouped = [false; 7];
        for first in 0..7 {
            if grouped[first] || days[first].is_empty() {
                continue;
            }
            let members: Vec<usize> = (first..7)
                .filter(|&day| !grouped[day] && days[day] == days[first])
                .collect();
            for &day in &members {
                grouped[day] = true;
            }
            rules.push(format!(
                "{} {}",
                osm_days(&members),
                osm_ranges(&days[first])
            ));
        }
        if rules.is_empty() && self.exceptions.is_empty() {
            return String::new();
        }
        if self.closed_on_public_holidays {
            rules.push("PH off".to_string());
        }
        let mut exceptions: Vec<&ScheduleException> = self.exceptions.iter().collect();
        exceptions.sort_by_key(|exception| exception.date);
        for exception in exceptions {
            let date = exception.date;
            let month = OSM_MONTHS
                .get(date.month0() as usize)
                .copied()
                .unwrap_or("Jan");
            let hours = if exception.ranges.is_empty() {
                "off".to_string()
            } else {
                osm_ranges(&sorted(&exception.ranges))
            };
            rules.push(format!("{} {month} {:02} {hours}", date.year(), date.day()));
        }
        rules.join("; ")
    }

    /// Reads back strings in the subset `to_osm` writes, and close variants ("Mo,We", "Mo-Fr",
    /// "Sa-Mo", "Su off", extra spaces, a rule without days meaning every day), so the form can
    /// be pre-filled. Anything else (comments, `||`, week or month selectors, overnight ranges,
    /// more than two ranges a day, a day given twice, "PH off" before the weekly rules…) → `None`:
    /// staff then edit the raw string as experts. "" gives an empty schedule.
    pub fn from_osm(raw: &str) -> Option<WeeklySchedule> {
        if raw.contains('"') {
            return None;
        }
        let mut schedule = WeeklySchedule::default();
        let mut assigned = [false; 7];
        // 0: weekly rules, 1: after "PH off", 2: exceptions.
        let mut stage = 0;
        for rule in raw.split(';') {
            let rule = normalize_rule(rule);
            let tokens: Vec<&str> = rule.split(' ').filter(|t| !t.is_empty()).collect();
            match tokens.as_slice() {
                [] => {}
                [ph, off] if ph.eq_ignore_ascii_case("PH") && is_off(off) => {
                    if stage > 0 {
                        return None;
                    }
                    schedule.closed_on_public_holidays = true;
                    stage = 1;
                }
                [year, month, day, hours] if is_year(year) => {
                    let date = parse_osm_date(year, month, day)?;
                    if schedule.exceptions.iter().any(|e| e.date == date) {
                        return None;
                    }
                    let ranges = parse_osm_hours(hours)?;
                    schedule.exceptions.push(ScheduleException { date, ranges });
                    stage = 2;
                }
                [selector, hours] if stage == 0 => {
                    let days = parse_osm_days(selector)?;
                    let ranges = parse_osm_hours(hours)?;
                    for day in days {
                        if std::mem::replace(assigned.get_mut(day)?, true) {
                            return None;
                        }
                        *schedule.days.get_mut(day)? = ranges.clone();
                    }
                }
                [hours] if stage == 0 && !is_off(hours) => {
                    // No day selector: every day.
                    let ranges = parse_osm_hours(hours)?;
                    if assigned.iter().any(|day| *day) {
                        return None;
                    }
                    assigned = [true; 7];
                    schedule.days = std::array::from_fn(|_| ranges.clone());
                }
                _ => return None,
            }
        }
        schedule.validate().ok()?;
        Some(schedule)
    }
}

/// One message per kind of problem for one day or date.
fn check_ranges(label: &str, ranges: &[(NaiveTime, NaiveTime)], problems: &mut Vec<String>) {
    if ranges.len() > 2 {
        problems.push(format!("{label} : deux plages au plus."));
    }
    let minutes: Vec<(u32, u32)> = ranges
        .iter()
        .map(|&(start, end)| (start_minutes(start), end_minutes(end)))
        .collect();
    if minutes.iter().any(|&(start, end)| end <= start) {
        problems.push(format!(
            "{label} : l'heure de fin doit être après l'heure de début."
        ));
    }
    let valid: Vec<(u32, u32)> = minutes.into_iter().filter(|(s, e)| e > s).collect();
    let overlap = valid
        .iter()
        .enumerate()
        .any(|(index, a)| valid[index + 1..].iter().any(|b| a.0 < b.1 && b.0 < a.1));
    if overlap {
        problems.push(format!("{label} : les deux plages se chevauchent."));
    }
}

fn sorted(ranges: &[(NaiveTime, NaiveTime)]) -> Vec<(NaiveTime, NaiveTime)> {
    let mut ranges = ranges.to_vec();
    ranges.sort();
    ranges
}

/// "Mo-We,Fr" from day indexes in increasing order.
fn osm_days(days: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < days.len() {
        let mut end = index;
        while end + 1 < days.len() && days[end + 1] == days[end] + 1 {
            end += 1;
        }
        let (first, last) = (OSM_DAYS[days[index]], OSM_DAYS[days[end]]);
        parts.push(if end == index {
            first.to_string()
        } else {
            format!("{first}-{last}")
        });
        index = end + 1;
    }
    parts.join(",")
}

/// "09:00-12:00,14:00-24:00".
fn osm_ranges(ranges: &[(NaiveTime, NaiveTime)]) -> String {
    let time = |time: NaiveTime| {
        if time == END_OF_DAY {
            "24:00".to_string()
        } else {
            time.format("%H:%M").to_string()
        }
    };
    ranges
        .iter()
        .map(|&(start, end)| format!("{}-{}", time(start), time(end)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Collapses spaces and removes those around ',' and '-' ("Mo - Fr  09:00 - 12:00").
fn normalize_rule(rule: &str) -> String {
    let collapsed = rule.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let mut out = String::with_capacity(collapsed.len());
    for (index, &c) in chars.iter().enumerate() {
        let joins = |other: Option<&char>| matches!(other, Some(',' | '-'));
        if c == ' '
            && (joins(index.checked_sub(1).and_then(|i| chars.get(i)))
                || joins(chars.get(index + 1)))
        {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_off(token: &str) -> bool {
    token.eq_ignore_ascii_case("off") || token.eq_ignore_ascii_case("closed")
}

fn is_year(token: &str) -> bool {
    token.len() == 4 && token.chars().all(|c| c.is_ascii_digit())
}

/// Years a dated exception of the weekly schedule may name (the staff form's range; the
/// opening-hours parser refuses some four-digit years, such as 1540).
pub const SCHEDULE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn parse_osm_date(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year: i32 = year.parse().ok()?;
    if !SCHEDULE_YEARS.contains(&year) {
        return None;
    }
    let month = OSM_MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(month))?;
    if day.is_empty() || day.len() > 2 || !day.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month as u32 + 1, day.parse().ok()?)
}

/// "Mo", "Mo-Fr", "Mo,We", "Sa-Mo" (wrapping) → day indexes.
fn parse_osm_days(selector: &str) -> Option<Vec<usize>> {
    let day = |name: &str| OSM_DAYS.iter().position(|d| d.eq_ignore_ascii_case(name));
    let mut days = Vec::new();
    for item in selector.split(',') {
        match item.split_once('-') {
            None => days.push(day(item)?),
            Some((first, last)) => {
                let (first, last) = (day(first)?, day(last)?);
                let mut current = first;
                loop {
                    days.push(current);
                    if current == last {
                        break;
                    }
                    current = (current + 1) % 7;
                }
            }
        }
    }
    Some(days)
}

/// "off" / "closed" → no range; "09:00-12:00,14:00-17:00" → ranges (24:00 only as an end).
fn parse_osm_hours(hours: &str) -> Option<Vec<(NaiveTime, NaiveTime)>> {
    if is_off(hours) {
        return Some(Vec::new());
    }
    hours
        .split(',')
        .map(|range| {
            let (start, end) = range.split_once('-')?;
            let start = parse_osm_time(start)?;
            let end = parse_osm_time(end)?;
            (start < MINUTES_PER_DAY).then(|| (time_from_minutes(start), time_from_minutes(end)))
        })
        .collect()
}

/// "09:00", "9:00", "24:00" → minutes since midnight (at most 1440).
fn parse_osm_time(text: &str) -> Option<u32> {
    let (hour, minute) = text.split_once(':')?;
    let is_number = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    if !is_number(hour) || hour.len() > 2 || !is_number(minute) || minute.len() != 2 {
        return None;
    }
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    let total = hour * 60 + minute;
    (minute < 60 && total <= MINUTES_PER_DAY).then_some(total)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// A local Paris moment, as the UTC instant the callers pass.
    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TIME_ZONE
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn hours(raw: &str) -> Hours {
        Hours::parse(raw).unwrap()
    }

    fn status_sentence(raw: &str, now: DateTime<Utc>) -> String {
        describe_status(&hours(raw).status_at(now), now)
    }

    const OFFICE: &str = "Mo-Fr 09:00-12:00,14:00-17:00";

    #[test]
    fn public_holidays_close_a_place_marked_ph_off() {
        let h = hours("Mo-Fr 09:00-17:00; PH off");
        assert!(!h.is_open_at(paris(2026, 5, 1, 10, 0)), "Fête du travail");
        assert!(!h.is_open_at(paris(2026, 7, 14, 10, 0)), "fête nationale");
        assert!(
            h.is_open_at(paris(2026, 5, 7, 10, 0)),
            "an ordinary Thursday"
        );
    }

    #[test]
    fn without_ph_off_a_place_is_open_on_labour_day() {
        let h = hours("Mo-Fr 09:00-17:00");
        assert!(h.is_open_at(paris(2026, 5, 1, 10, 0)));
    }

    #[test]
    fn real_world_strings_parse_and_free_text_does_not() {
        for raw in [
            "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
            "08:00-17:00",
            "Mo-Fr 09:00-12:00;Sa 10:00-12:00",
            "Mo-Fr 09:00-17:00; Mo[1] off",
            "PH off",
            "  Mo-Fr 09:00-17:00; PH off  ",
            "24/7",
            "\"sur rendez-vous\"",
        ] {
            assert!(Hours::parse(raw).is_ok(), "{raw} should parse");
        }
        for raw in [
            "Du lundi au vendredi de 9h à 12h",
            "/",
            "",
            "   ",
            "Mo-Fr 9h-12h",
        ] {
            let error = Hours::parse(raw).unwrap_err();
            assert!(!error.message.is_empty(), "{raw}");
        }
        let error = Hours::parse("Du lundi au vendredi de 9h à 12h").unwrap_err();
        assert!(
            error
                .message
                .starts_with("Ces horaires ne sont pas compris"),
            "{}",
            error.message
        );
        assert!(
            Hours::parse("Mo-Fr 9h-12h")
                .unwrap_err()
                .message
                .contains("vers le caractère 7 (« 9h-12h »)")
        );
        assert_eq!(
            Hours::parse(" ").unwrap_err().message,
            "Aucun horaire n'est indiqué."
        );
        assert_eq!(hours("  Mo 09:00-12:00 ").raw(), "Mo 09:00-12:00");
    }

    #[test]
    fn a_rule_without_days_applies_every_day_and_semicolons_need_no_space() {
        let every_day = hours("08:00-17:00");
        for day in 9..=15 {
            assert!(every_day.is_open_at(paris(2026, 3, day, 8, 30)));
            assert!(!every_day.is_open_at(paris(2026, 3, day, 17, 30)));
        }
        let tight = hours("Mo-Fr 09:00-12:00;Sa 10:00-12:00");
        assert!(tight.is_open_at(paris(2026, 3, 14, 11, 0)), "Saturday");
        assert!(
            !tight.is_open_at(paris(2026, 3, 14, 9, 30)),
            "Saturday early"
        );
        assert!(!tight.is_open_at(paris(2026, 3, 15, 11, 0)), "Sunday");
    }

    #[test]
    fn first_monday_of_the_month_can_be_closed() {
        let h = hours("Mo-Fr 09:00-17:00; Mo[1] off");
        assert!(
            !h.is_open_at(paris(2026, 3, 2, 10, 0)),
            "first Monday of March"
        );
        assert!(h.is_open_at(paris(2026, 3, 9, 10, 0)), "second Monday");
    }

    #[test]
    fn status_sentences_are_the_same_in_winter_and_summer_time() {
        // A Tuesday and the following Saturday, in January (UTC+1) and July (UTC+2).
        for (tuesday, saturday) in [
            (date(2026, 1, 13), date(2026, 1, 17)),
            (date(2026, 7, 7), date(2026, 7, 11)),
        ] {
            let at =
                |day: NaiveDate, h: u32, m: u32| paris(day.year(), day.month(), day.day(), h, m);
            assert_eq!(
                status_sentence(OFFICE, at(tuesday, 10, 0)),
                "Ouvert maintenant, ferme à 12 h"
            );
            assert_eq!(
                status_sentence(OFFICE, at(tuesday, 12, 30)),
                "Fermé, ouvre à 14 h"
            );
            assert_eq!(
                status_sentence(OFFICE, at(tuesday, 8, 59)),
                "Fermé, ouvre à 9 h"
            );
            assert_eq!(
                status_sentence(OFFICE, at(tuesday, 18, 0)),
                "Fermé, ouvre demain à 9 h"
            );
            assert_eq!(
                status_sentence(OFFICE, at(saturday, 19, 0)),
                "Fermé, ouvre lundi à 9 h"
            );
            assert_eq!(
                hours(OFFICE).status_at(at(tuesday, 10, 0)),
                OpenStatus::Open {
                    closes_at: Some(tuesday.and_time(t(12, 0)))
                }
            );
        }
    }

    #[test]
    fn status_after_a_holiday_and_far_away_openings() {
        // Thursday 30 April 2026 evening, Friday 1 May is a public holiday.
        assert_eq!(
            status_sentence("Mo-Fr 09:00-17:00; PH off", paris(2026, 4, 30, 18, 0)),
            "Fermé, ouvre lundi à 9 h"
        );
        // Opens only on 2 January: more than 6 days ahead, the date is given.
        assert_eq!(
            status_sentence("Jan 02 09:00-12:00", paris(2026, 12, 24, 10, 0)),
            "Fermé, ouvre le 2 janvier à 9 h"
        );
        assert_eq!(
            status_sentence("May 01 09:30-12:00", paris(2026, 4, 21, 10, 0)),
            "Fermé, ouvre le 1er mai à 9 h 30"
        );
        // Too far away.
        assert_eq!(
            status_sentence("Jan 02 09:00-12:00", paris(2026, 6, 1, 10, 0)),
            "Fermé pour le moment"
        );
        assert_eq!(
            hours("off").status_at(paris(2026, 6, 1, 10, 0)),
            OpenStatus::Closed { opens_at: None }
        );
    }

    #[test]
    fn always_open_unknown_and_midnight_statuses() {
        assert_eq!(
            status_sentence("24/7", paris(2026, 6, 1, 10, 0)),
            "Ouvert maintenant"
        );
        assert_eq!(
            hours("24/7").status_at(paris(2026, 6, 1, 10, 0)),
            OpenStatus::Open { closes_at: None }
        );
        assert_eq!(
            status_sentence("\"sur rendez-vous\"", paris(2026, 6, 1, 10, 0)),
            "Horaires à confirmer"
        );
        // Monday 1 June 2026; Saturday 6 June on appointment.
        let appointment = hours("Mo-Fr 09:00-17:00; Sa \"sur rendez-vous\"");
        assert!(appointment.is_open_at(paris(2026, 6, 1, 10, 0)));
        assert_eq!(
            appointment.status_at(paris(2026, 6, 6, 10, 0)),
            OpenStatus::Unknown
        );
        assert!(!appointment.is_open_at(paris(2026, 6, 6, 10, 0)));
        assert!(
            appointment.typical_week(date(2026, 6, 1))[5]
                .ranges
                .is_empty()
        );
        assert_eq!(
            hours("Mo-Fr 09:00-12:00 \"accueil libre\"").status_at(paris(2026, 6, 1, 10, 0)),
            OpenStatus::Open {
                closes_at: Some(date(2026, 6, 1).and_time(t(12, 0)))
            }
        );
        assert_eq!(
            status_sentence("Mo-Fr 09:00-17:00 unknown", paris(2026, 6, 1, 10, 0)),
            "Horaires à confirmer"
        );
        // Monday 1 June 2026, open until midnight.
        assert_eq!(
            status_sentence("Mo 18:00-24:00", paris(2026, 6, 1, 20, 0)),
            "Ouvert maintenant, ferme à minuit"
        );
        // Overnight: open Friday 22:00 to Saturday 02:00.
        assert_eq!(
            status_sentence("Fr 22:00-02:00", paris(2026, 6, 5, 23, 0)),
            "Ouvert maintenant, ferme demain à 2 h"
        );
    }

    #[test]
    fn describe_status_of_given_statuses() {
        let now = paris(2026, 12, 24, 18, 0);
        let local = |y, m, d, h, min| date(y, m, d).and_time(t(h, min));
        let cases = [
            (
                OpenStatus::Open {
                    closes_at: Some(local(2026, 12, 24, 19, 30)),
                },
                "Ouvert maintenant, ferme à 19 h 30",
            ),
            (
                OpenStatus::Closed {
                    opens_at: Some(local(2026, 12, 29, 9, 0)),
                },
                "Fermé, ouvre mardi à 9 h",
            ),
            (
                OpenStatus::Closed {
                    opens_at: Some(local(2027, 1, 2, 9, 0)),
                },
                "Fermé, ouvre le 2 janvier à 9 h",
            ),
            (
                OpenStatus::Closed { opens_at: None },
                "Fermé pour le moment",
            ),
            (OpenStatus::Unknown, "Horaires à confirmer"),
        ];
        for (status, expected) in cases {
            assert_eq!(describe_status(&status, now), expected);
        }
    }

    #[test]
    fn days_and_times_read_in_plain_french() {
        assert_eq!(format_time(t(9, 0)), "9 h");
        assert_eq!(format_time(t(9, 30)), "9 h 30");
        assert_eq!(format_time(t(9, 5)), "9 h 05");
        assert_eq!(format_time(t(12, 0)), "12 h");
        assert_eq!(format_time(t(0, 0)), "0 h");
        assert_eq!(format_time(END_OF_DAY), "24 h");
        let week =
            hours("Mo 09:00-12:00,14:00-17:00; Tu 09:30-12:00").typical_week(date(2026, 3, 11));
        assert_eq!(week.len(), 7);
        assert_eq!(describe_day(&week[0]), "lundi 9 h – 12 h, 14 h – 17 h");
        assert_eq!(describe_day(&week[6]), "dimanche fermé");
        assert_eq!(
            describe_week(&week),
            [
                "lundi 9 h – 12 h, 14 h – 17 h",
                "mardi 9 h 30 – 12 h",
                "mercredi fermé",
                "jeudi fermé",
                "vendredi fermé",
                "samedi fermé",
                "dimanche fermé",
            ]
        );
    }

    #[test]
    fn typical_week_ignores_the_public_holiday_of_its_week() {
        let h = hours("Mo-Fr 09:00-17:00; PH off");
        // 14 July 2026 is a Tuesday; any day of the week gives the same week.
        let week = h.typical_week(date(2026, 7, 16));
        let weekdays: Vec<Weekday> = week.iter().map(|day| day.weekday).collect();
        assert_eq!(weekdays, WEEKDAYS);
        assert_eq!(week[1].ranges, [(t(9, 0), t(17, 0))]);
        assert!(week[5].ranges.is_empty());
        assert!(
            !h.is_open_at(paris(2026, 7, 14, 10, 0)),
            "the real day is closed"
        );
        assert_eq!(
            h.week_mask(date(2026, 7, 14)),
            h.week_mask(date(2026, 3, 10))
        );
    }

    #[test]
    fn overnight_ranges_end_the_day_at_midnight_and_continue_the_next_morning() {
        let week = hours("Fr 22:00-02:00").typical_week(date(2026, 3, 10));
        assert_eq!(week[4].ranges, [(t(22, 0), END_OF_DAY)]);
        assert_eq!(week[5].ranges, [(t(0, 0), t(2, 0))]);
        assert_eq!(describe_day(&week[4]), "vendredi 22 h – 24 h");
    }

    #[test]
    fn open_during_tuesday_morning() {
        let tuesday = date(2026, 3, 10);
        let morning = |raw: &str| hours(raw).is_open_during(tuesday, t(8, 0), t(12, 30));
        assert!(morning("Tu 09:00-12:00"));
        assert!(morning("Tu 12:00-18:00"));
        assert!(morning("Mo-Fr 07:00-08:30"));
        assert!(!morning("Tu 14:00-17:00"));
        assert!(
            !morning("Tu 12:30-17:00"),
            "opening when the window ends is no overlap"
        );
        assert!(!morning("Mo,We 09:00-12:00"));
        // A holiday Tuesday morning is closed.
        assert!(!hours("Tu 09:00-12:00; PH off").is_open_during(
            date(2026, 7, 14),
            t(8, 0),
            t(12, 30)
        ));
        // An inverted window is empty.
        assert!(!hours("Tu 09:00-12:00").is_open_during(tuesday, t(12, 0), t(8, 0)));
        // Until the end of the day.
        assert!(hours("Tu 20:00-24:00").is_open_during(tuesday, t(18, 0), END_OF_DAY));
    }

    #[test]
    fn week_mask_agrees_with_evaluation_every_quarter_hour() {
        let monday = date(2026, 3, 9); // a week without public holiday
        for raw in [
            OFFICE,
            "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
            "08:00-17:00",
            "Fr 22:00-02:00",
            "Tu,Th 13:45-19:15; Su 00:00-24:00",
            "24/7",
            "off",
        ] {
            let h = hours(raw);
            let mask = h.week_mask(monday);
            for offset in 0..7 * 96 {
                let day = monday + Duration::days(offset / 96);
                let minutes = (offset % 96) as u32 * 15 + 7;
                let time = t(minutes / 60, minutes % 60);
                let at = paris(
                    day.year(),
                    day.month(),
                    day.day(),
                    time.hour(),
                    time.minute(),
                );
                assert_eq!(
                    mask.is_open_at(day.weekday(), time),
                    h.is_open_at(at),
                    "{raw} on {day} at {time}"
                );
            }
        }
    }

    #[test]
    fn week_mask_counts_minutes_and_answers_overlaps() {
        let mask = hours("Mo-Fr 09:00-17:00").week_mask(date(2026, 3, 9));
        assert_eq!(mask.open_minutes(), 5 * 8 * 60);
        assert!(!mask.is_empty());
        assert!(mask.overlaps(Weekday::Tue, t(8, 0), t(12, 30)));
        assert!(mask.overlaps(Weekday::Tue, t(16, 59), END_OF_DAY));
        assert!(!mask.overlaps(Weekday::Tue, t(17, 0), END_OF_DAY));
        assert!(!mask.overlaps(Weekday::Tue, t(7, 0), t(9, 0)));
        assert!(!mask.overlaps(Weekday::Sat, t(0, 0), END_OF_DAY));
        assert!(!mask.overlaps(Weekday::Tue, t(12, 0), t(10, 0)));
        assert!(hours("off").week_mask(date(2026, 3, 9)).is_empty());
        assert_eq!(
            hours("24/7").week_mask(date(2026, 3, 9)).open_minutes(),
            7 * 24 * 60
        );
        assert_eq!(WeekMask::default().open_minutes(), 0);
    }

    fn range(h1: u32, m1: u32, h2: u32, m2: u32) -> (NaiveTime, NaiveTime) {
        (t(h1, m1), t(h2, m2))
    }

    fn office_schedule() -> WeeklySchedule {
        let office = vec![range(9, 0, 12, 0), range(14, 0, 17, 0)];
        WeeklySchedule {
            days: [
                office.clone(),
                office.clone(),
                office.clone(),
                office.clone(),
                office,
                vec![range(9, 0, 12, 0)],
                vec![],
            ],
            closed_on_public_holidays: false,
            exceptions: vec![],
        }
    }

    fn sample_schedules() -> Vec<WeeklySchedule> {
        let mut with_holidays = office_schedule();
        with_holidays.closed_on_public_holidays = true;
        let mut with_exceptions = with_holidays.clone();
        with_exceptions.exceptions = vec![
            ScheduleException {
                date: date(2026, 12, 24),
                ranges: vec![range(10, 0, 12, 0)],
            },
            ScheduleException {
                date: date(2026, 12, 31),
                ranges: vec![],
            },
        ];
        let mut scattered = WeeklySchedule::default();
        scattered.days[0] = vec![range(9, 0, 12, 0)];
        scattered.days[2] = vec![range(9, 0, 12, 0)];
        scattered.days[3] = vec![range(13, 30, 18, 45)];
        scattered.days[4] = vec![range(9, 0, 12, 0)];
        scattered.days[6] = vec![(t(20, 0), END_OF_DAY)];
        let only_exception = WeeklySchedule {
            exceptions: vec![ScheduleException {
                date: date(2027, 1, 2),
                ranges: vec![range(9, 0, 12, 0)],
            }],
            ..WeeklySchedule::default()
        };
        vec![
            office_schedule(),
            with_holidays,
            with_exceptions,
            scattered,
            only_exception,
        ]
    }

    #[test]
    fn weekly_schedule_writes_canonical_osm() {
        assert_eq!(
            office_schedule().to_osm(),
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"
        );
        assert_eq!(
            sample_schedules()[2].to_osm(),
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off; 2026 Dec 24 10:00-12:00; 2026 Dec 31 off"
        );
        assert_eq!(
            sample_schedules()[3].to_osm(),
            "Mo,We,Fr 09:00-12:00; Th 13:30-18:45; Su 20:00-24:00"
        );
        assert_eq!(WeeklySchedule::default().to_osm(), "");
    }

    #[test]
    fn weekly_schedule_osm_evaluates_to_the_same_week() {
        for schedule in sample_schedules() {
            let raw = schedule.to_osm();
            let h = hours(&raw);
            let week = h.typical_week(date(2026, 3, 11));
            for (day, expected) in week.iter().zip(&schedule.days) {
                assert_eq!(&day.ranges, expected, "{raw}");
            }
        }
    }

    #[test]
    fn weekly_schedule_exceptions_override_the_week_and_the_holidays() {
        let mut schedule = sample_schedules()[2].clone();
        schedule.exceptions.push(ScheduleException {
            date: date(2026, 12, 25),
            ranges: vec![range(10, 0, 12, 0)],
        });
        let h = hours(&schedule.to_osm());
        // Thursday 24 December: 10:00-12:00 only.
        assert!(!h.is_open_at(paris(2026, 12, 24, 9, 30)));
        assert!(h.is_open_at(paris(2026, 12, 24, 10, 30)));
        assert!(!h.is_open_at(paris(2026, 12, 24, 15, 0)));
        // Thursday 31 December: closed.
        assert!(!h.is_open_at(paris(2026, 12, 31, 10, 0)));
        // Christmas (a public holiday, closed by PH off) opens by exception.
        assert!(h.is_open_at(paris(2026, 12, 25, 10, 30)));
        // Other holidays stay closed, ordinary days stay open.
        assert!(!h.is_open_at(paris(2026, 11, 11, 10, 0)));
        assert!(h.is_open_at(paris(2026, 12, 22, 15, 0)));
    }

    #[test]
    fn weekly_schedule_reads_back_what_it_writes() {
        for schedule in sample_schedules() {
            let raw = schedule.to_osm();
            assert_eq!(WeeklySchedule::from_osm(&raw), Some(schedule), "{raw}");
        }
        assert_eq!(
            WeeklySchedule::from_osm(""),
            Some(WeeklySchedule::default())
        );
    }

    #[test]
    fn weekly_schedule_reads_close_variants() {
        let office = Some(office_schedule());
        for raw in [
            "Mo-Fr 09:00-12:00,14:00-17:00;Sa 09:00-12:00",
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; Su off",
            "  Mo - Fr   09:00 - 12:00 , 14:00-17:00 ;  Sa 9:00-12:00 ;",
            "Mo,Tu,We-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
        ] {
            assert_eq!(WeeklySchedule::from_osm(raw), office, "{raw}");
        }
        let every_day = WeeklySchedule::from_osm("08:00-17:00").unwrap();
        assert!(
            every_day
                .days
                .iter()
                .all(|day| day == &[range(8, 0, 17, 0)])
        );
        let weekend = WeeklySchedule::from_osm("Sa-Mo 10:00-12:00").unwrap();
        let open: Vec<bool> = weekend.days.iter().map(|day| !day.is_empty()).collect();
        assert_eq!(open, [true, false, false, false, false, true, true]);
    }

    #[test]
    fn weekly_schedule_leaves_expert_strings_to_experts() {
        for raw in [
            "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"",
            "Mo-Fr 09:00-12:00 \"sur rendez-vous\"",
            "Mo-Fr 09:00-17:00; Mo[1] off",
            "Fr 22:00-02:00",
            "Mo 08:00-09:00,10:00-11:00,12:00-13:00",
            "Mo 09:00-12:00,11:00-13:00",
            "Mo-Fr 09:00-17:00; Mo 10:00-12:00",
            "PH off; Mo-Fr 09:00-17:00",
            "Mo-Fr 09:00-17:00; 2026 Dec 24 off; PH off",
            "Jan-Jun Mo-Fr 09:00-17:00",
            "24/7",
            "Mo-Fr sunrise-sunset",
            "Du lundi au vendredi de 9h à 12h",
        ] {
            assert_eq!(WeeklySchedule::from_osm(raw), None, "{raw}");
        }
    }

    /// Found by the `opening_hours` fuzz target: `from_osm` read `1540 Dec 24 …`, which
    /// `Hours::parse` refuses, so the grid wrote back a string the directory could not read.
    #[test]
    fn weekly_schedule_leaves_years_out_of_range_to_experts() {
        for raw in [
            "Mo-Fr 09:00-12:00; 1540 Dec 24 10:00-12:00",
            "1999 Dec 31 off",
            "2101 Jan 01 off",
        ] {
            assert_eq!(WeeklySchedule::from_osm(raw), None, "{raw}");
        }
        let schedule = WeeklySchedule::from_osm("Mo 09:00-12:00; 2100 Dec 31 off").unwrap();
        assert!(Hours::parse(&schedule.to_osm()).is_ok());
    }

    #[test]
    fn weekly_schedule_validation_names_each_problem_in_french() {
        assert_eq!(office_schedule().validate(), Ok(()));
        let mut schedule = WeeklySchedule::default();
        schedule.days[0] = vec![range(8, 0, 9, 0), range(10, 0, 11, 0), range(14, 0, 15, 0)];
        schedule.days[1] = vec![range(12, 0, 9, 0)];
        schedule.days[3] = vec![range(9, 0, 12, 0), range(11, 0, 14, 0)];
        schedule.days[4] = vec![range(9, 0, 12, 0), range(12, 0, 14, 0)];
        schedule.exceptions = vec![
            ScheduleException {
                date: date(2026, 12, 24),
                ranges: vec![range(12, 0, 12, 0)],
            },
            ScheduleException {
                date: date(2026, 12, 24),
                ranges: vec![],
            },
        ];
        assert_eq!(
            schedule.validate(),
            Err(vec![
                "Lundi : deux plages au plus.".to_string(),
                "Mardi : l'heure de fin doit être après l'heure de début.".to_string(),
                "Jeudi : les deux plages se chevauchent.".to_string(),
                "Le 24/12/2026 : l'heure de fin doit être après l'heure de début.".to_string(),
                "Le 24/12/2026 : cette date est indiquée deux fois.".to_string(),
            ])
        );
    }
}
