//! Timestamps are stored as UTC text `YYYY-MM-DDTHH:MM:SSZ`: the same on both databases, readable,
//! and ordered correctly by plain string comparison.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};

/// The stored form of an instant.
pub fn to_db(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads a stored instant; a malformed value is a database error, never a silent default.
pub fn from_db(text: &str) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| sqlx::Error::Decode(format!("bad timestamp {text:?}: {error}").into()))
}

/// The stored form of a calendar date.
pub fn date_to_db(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn bad(text: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("bad stored value {text:?}").into())
}

/// Reads a stored calendar date (`YYYY-MM-DD`).
pub fn date_from_db(text: &str) -> Result<NaiveDate, sqlx::Error> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(text))
}

/// The stored form of a local time of day (`HH:MM`).
pub fn time_to_db(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Reads a stored local time of day.
pub fn time_from_db(text: &str) -> Result<NaiveTime, sqlx::Error> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| bad(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_instants_round_trip_and_sort_as_text() {
        let early = DateTime::parse_from_rfc3339("2026-01-09T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let late = DateTime::parse_from_rfc3339("2026-11-10T17:30:05Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(to_db(early), "2026-01-09T08:00:00Z");
        assert_eq!(from_db(&to_db(late)).unwrap(), late);
        assert!(to_db(early) < to_db(late));
        assert!(from_db("hier").is_err());
    }
}
