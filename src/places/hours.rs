//! TEMPORARY stub, replaced by the real module (feat/hours) at merge.
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};

pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

#[derive(Clone, Debug)]
pub struct Hours {
    raw: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursError {
    pub message: String,
}

impl Hours {
    pub fn parse(raw: &str) -> Result<Hours, HoursError> {
        raw.parse::<opening_hours::OpeningHours>()
            .map(|_| Hours { raw: raw.to_owned() })
            .map_err(|error| HoursError {
                message: error.to_string(),
            })
    }
    pub fn raw(&self) -> &str {
        &self.raw
    }
    pub fn is_open_at(&self, _at: DateTime<Utc>) -> bool {
        false
    }
    pub fn week_mask(&self, _week_of: NaiveDate) -> WeekMask {
        WeekMask::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeekMask {}

impl WeekMask {
    pub fn is_open_at(&self, _weekday: Weekday, _time: NaiveTime) -> bool {
        false
    }
    pub fn overlaps(&self, _weekday: Weekday, _from: NaiveTime, _to: NaiveTime) -> bool {
        false
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenStatus {
    Open { closes_at: Option<chrono::NaiveDateTime> },
    Closed { opens_at: Option<chrono::NaiveDateTime> },
    Unknown,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayHours {
    pub weekday: Weekday,
    pub ranges: Vec<(NaiveTime, NaiveTime)>,
}
impl Hours {
    pub fn status_at(&self, _now: DateTime<Utc>) -> OpenStatus {
        OpenStatus::Unknown
    }
    pub fn typical_week(&self, _week_of: NaiveDate) -> Vec<DayHours> {
        Vec::new()
    }
}
pub fn describe_status(_status: &OpenStatus, _now: DateTime<Utc>) -> String {
    String::new()
}
pub fn describe_week(_week: &[DayHours]) -> Vec<String> {
    Vec::new()
}
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeeklySchedule {
    pub days: [Vec<(NaiveTime, NaiveTime)>; 7],
    pub closed_on_public_holidays: bool,
    pub exceptions: Vec<ScheduleException>,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleException {
    pub date: NaiveDate,
    pub ranges: Vec<(NaiveTime, NaiveTime)>,
}
impl WeeklySchedule {
    pub fn validate(&self) -> Result<(), Vec<String>> {
        Ok(())
    }
    pub fn to_osm(&self) -> String {
        String::new()
    }
    pub fn from_osm(_raw: &str) -> Option<WeeklySchedule> {
        None
    }
}
