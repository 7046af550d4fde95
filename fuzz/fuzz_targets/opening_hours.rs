//! Opening hours: `Hours::parse` on any text and everything the directory then does with a
//! parsed value (the "open now" sentence at fixed moments, the typical week, the week mask),
//! and the staff form's weekly grid ↔ OSM string round trip.
//!
//! The input is read twice: as text (an `opening_hours` string typed in the expert field or
//! found in an import) and, through `arbitrary`, as the values of the weekly grid.
//!
//! Properties checked, beyond "no panic":
//! - a parsed value keeps the trimmed text and parses again to the same text;
//! - `status_at` agrees with `is_open_at`, its next change is after the moment and within the
//!   search horizon, and the French sentence is never empty;
//! - the typical week has 7 days, Monday first, with sorted, disjoint ranges that the week
//!   mask marks open; a day without ranges is closed in the mask;
//! - a string the weekly grid can show (`WeeklySchedule::from_osm`) is valid, is written back
//!   to an equivalent canonical string (`to_osm`) that reads back the same, evaluates to the
//!   same week, and survives the trip through the form (`FormValues::from_place` →
//!   `schedule_from_form`);
//! - grid values the form accepts give a string `Hours::parse` reads and `from_osm` reads back.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use libfuzzer_sys::fuzz_target;
use relais::places::form::{DAY_FIELDS, FormValues, schedule_from_form};
use relais::places::hours::{
    END_OF_DAY, Hours, OpenStatus, TIME_ZONE, WEEKDAYS, WeeklySchedule, describe_status,
    describe_week,
};
use relais::places::{Equipment, MediationRecord, Place, PlaceId, PlaceKind, Visibility};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check_text(text);
    }
    if let Ok(grid) = Grid::arbitrary_take_rest(Unstructured::new(data)) {
        check_grid(&grid);
    }
});

/// Fixed moments: an ordinary Wednesday, both daylight-saving changes, a public holiday,
/// New Year's Eve late at night.
fn moments() -> Vec<DateTime<Utc>> {
    [
        (2026, 6, 10, 10, 0),
        (2026, 3, 29, 1, 30),
        (2026, 10, 25, 0, 30),
        (2026, 5, 1, 8, 0),
        (2026, 12, 31, 22, 45),
    ]
    .into_iter()
    .map(|(y, m, d, h, min)| {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid moment")
    })
    .collect()
}

fn check_text(text: &str) {
    if let Ok(hours) = Hours::parse(text) {
        check_hours(text, &hours);
    }
    if let Some(schedule) = WeeklySchedule::from_osm(text) {
        check_schedule(&schedule, text);
    }
}

fn check_hours(text: &str, hours: &Hours) {
    assert_eq!(hours.raw(), text.trim());
    let again = Hours::parse(hours.raw()).expect("a parsed value parses again");
    assert_eq!(again.raw(), hours.raw());
    for now in moments() {
        let local = now.with_timezone(&TIME_ZONE).naive_local();
        let status = hours.status_at(now);
        assert_eq!(
            matches!(status, OpenStatus::Open { .. }),
            hours.is_open_at(now),
            "status {status:?} at {local}"
        );
        match status {
            OpenStatus::Open {
                closes_at: Some(at),
            } => {
                assert!(at > local, "closes at {at}, before {local}");
                assert!(at <= local + Duration::days(7));
            }
            OpenStatus::Closed { opens_at: Some(at) } => {
                assert!(at > local, "opens at {at}, before {local}");
                assert!(at <= local + Duration::days(14));
            }
            _ => {}
        }
        assert!(!describe_status(&status, now).is_empty());
    }
    for week_of in [date(2026, 6, 10), date(2026, 12, 31)] {
        let week = hours.typical_week(week_of);
        assert_eq!(week.len(), 7);
        let mask = hours.week_mask(week_of);
        for (day, weekday) in week.iter().zip(WEEKDAYS) {
            assert_eq!(day.weekday, weekday);
            for &(start, end) in &day.ranges {
                assert!(start < end, "{weekday}: {start}-{end}");
                assert!(
                    mask.overlaps(weekday, start, end),
                    "{weekday}: {start}-{end}"
                );
            }
            for pair in day.ranges.windows(2) {
                assert!(pair[0].1 < pair[1].0, "{weekday}: {:?}", day.ranges);
            }
            if day.ranges.is_empty() {
                assert!(!mask.overlaps(weekday, NaiveTime::MIN, END_OF_DAY));
            }
        }
        assert_eq!(
            mask.is_empty(),
            week.iter().all(|day| day.ranges.is_empty())
        );
        assert!(mask.open_minutes() <= 7 * 24 * 60);
        assert!(describe_week(&week).iter().all(|line| !line.is_empty()));
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The schedule as `to_osm` writes it: ranges and exceptions sorted; a schedule without any
/// opening nor exception is the empty one.
fn canonical(schedule: &WeeklySchedule) -> WeeklySchedule {
    let mut out = schedule.clone();
    for day in &mut out.days {
        day.sort();
    }
    for exception in &mut out.exceptions {
        exception.ranges.sort();
    }
    out.exceptions.sort_by_key(|exception| exception.date);
    if out.days.iter().all(Vec::is_empty) && out.exceptions.is_empty() {
        out.closed_on_public_holidays = false;
    }
    out
}

/// Sorted ranges with touching ones joined, as `typical_week` gives them.
fn merged(ranges: &[(NaiveTime, NaiveTime)]) -> Vec<(NaiveTime, NaiveTime)> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut out: Vec<(NaiveTime, NaiveTime)> = Vec::new();
    for (start, end) in sorted {
        match out.last_mut() {
            Some(last) if last.1 == start => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out
}

/// `schedule` is valid (read by `from_osm` or accepted by the form); `origin` says where it
/// came from, for messages.
fn check_schedule(schedule: &WeeklySchedule, origin: &str) {
    assert_eq!(schedule.validate(), Ok(()), "{origin:?}");
    let osm = schedule.to_osm();
    let expected = canonical(schedule);
    assert_eq!(
        WeeklySchedule::from_osm(&osm).as_ref(),
        Some(&expected),
        "{origin:?} written as {osm:?}"
    );
    assert_eq!(expected.to_osm(), osm, "to_osm is canonical");
    if osm.is_empty() {
        assert_eq!(expected, WeeklySchedule::default());
    } else {
        let hours = Hours::parse(&osm)
            .unwrap_or_else(|error| panic!("{origin:?} written as {osm:?}: {error}"));
        let mut weeks = vec![date(2026, 3, 11)];
        weeks.extend(expected.exceptions.first().map(|exception| exception.date));
        for week_of in weeks {
            let monday =
                week_of - Duration::days(i64::from(week_of.weekday().num_days_from_monday()));
            let week = hours.typical_week(week_of);
            for (index, day) in week.iter().enumerate() {
                let on = monday + Duration::days(index as i64);
                let ranges = expected
                    .exceptions
                    .iter()
                    .find(|exception| exception.date == on)
                    .map_or(&expected.days[index], |exception| &exception.ranges);
                assert_eq!(day.ranges, merged(ranges), "{osm:?} on {on}");
            }
        }
    }
    // Through the staff form and back.
    let place = place_with_hours(&osm);
    let values = FormValues::from_place(&place);
    let mut errors = Vec::new();
    let back = schedule_from_form(&values, &mut errors);
    assert_eq!(errors, Vec::new(), "{osm:?}");
    assert_eq!(canonical(&back), expected, "{osm:?} through the form");
}

fn place_with_hours(osm: &str) -> Place {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    Place {
        id: PlaceId(1),
        organization_id: None,
        kind: PlaceKind::Mediation,
        visibility: Visibility::Public,
        record: MediationRecord {
            horaires: osm.to_owned(),
            ..MediationRecord::default()
        },
        equipment: Equipment::default(),
        hours_note: String::new(),
        flags: Vec::new(),
        closures: Vec::new(),
        last_confirmed_at: None,
        created_at: epoch,
        updated_at: epoch,
    }
}

/// A time as a person or a browser may type it in the grid.
#[derive(Arbitrary, Debug)]
enum TimeText {
    Clock(u8, u8),
    French(u8, u8),
    Hour(u8),
    Free(String),
}

impl TimeText {
    fn text(&self) -> String {
        match self {
            TimeText::Clock(h, m) => format!("{:02}:{:02}", h % 25, m % 60),
            TimeText::French(h, m) => format!("{}h{:02}", h % 25, m % 60),
            TimeText::Hour(h) => format!("{}h", h % 25),
            TimeText::Free(text) => text.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum ExceptionText {
    Closed {
        day: u8,
        month: u8,
        year: i16,
    },
    Open {
        day: u8,
        month: u8,
        year: i16,
        ranges: Vec<(TimeText, TimeText)>,
    },
    Free(String),
}

impl ExceptionText {
    fn text(&self) -> String {
        let day = |d: &u8, m: &u8, y: &i16| format!("{:02}/{:02}/{y}", d % 32, m % 13);
        match self {
            ExceptionText::Closed {
                day: d,
                month,
                year,
            } => {
                format!("{} fermé", day(d, month, year))
            }
            ExceptionText::Open {
                day: d,
                month,
                year,
                ranges,
            } => {
                let ranges: Vec<String> = ranges
                    .iter()
                    .map(|(a, b)| format!("{}-{}", a.text(), b.text()))
                    .collect();
                format!("{} {}", day(d, month, year), ranges.join(" "))
            }
            ExceptionText::Free(text) => text.clone(),
        }
    }
}

/// The weekly grid as posted: up to two ranges a day, the holidays box, the exceptions box.
#[derive(Arbitrary, Debug)]
struct Grid {
    days: [[Option<(TimeText, TimeText)>; 2]; 7],
    closed_on_public_holidays: bool,
    exceptions: Vec<ExceptionText>,
}

fn check_grid(grid: &Grid) {
    let mut pairs = Vec::new();
    for (field, slots) in DAY_FIELDS.iter().zip(&grid.days) {
        for (slot, range) in slots.iter().enumerate() {
            if let Some((start, end)) = range {
                pairs.push((format!("{field}_debut{}", slot + 1), start.text()));
                pairs.push((format!("{field}_fin{}", slot + 1), end.text()));
            }
        }
    }
    if grid.closed_on_public_holidays {
        pairs.push(("feries_fermes".to_owned(), "oui".to_owned()));
    }
    let exceptions: Vec<String> = grid.exceptions.iter().map(ExceptionText::text).collect();
    pairs.push(("exceptions".to_owned(), exceptions.join("\n")));
    let values = FormValues::from_pairs(pairs);
    let mut errors = Vec::new();
    let schedule = schedule_from_form(&values, &mut errors);
    if errors.is_empty() {
        for day in &schedule.days {
            for (start, end) in day {
                assert_eq!(start.second(), 0);
                assert!(end.second() == 0 || *end == END_OF_DAY);
            }
        }
        check_schedule(&schedule, &format!("{grid:?}"));
    }
}
