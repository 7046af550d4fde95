//! Common work sessions: the coordinator's form, members' answers and the minutes' rules.
//! Pure: no I/O.

use crate::permanences::model::local_to_utc;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MeetingId(pub i64);

/// A member's answer to an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Maybe,
}

impl Answer {
    pub const ALL: [Self; 3] = [Self::Yes, Self::Maybe, Self::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::No => "no",
            Self::Maybe => "maybe",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|answer| answer.as_str() == text)
    }

    /// The form's value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Yes => "oui",
            Self::No => "non",
            Self::Maybe => "peut-etre",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|answer| answer.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Yes => "meetings-answer-yes",
            Self::No => "meetings-answer-no",
            Self::Maybe => "meetings-answer-maybe",
        }
    }
}

/// What the coordinator writes when scheduling a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingData {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// A place or a video link.
    pub location: String,
    /// Markdown.
    pub agenda: String,
}

pub const TITLE_MAX_CHARS: usize = 120;
pub const LOCATION_MAX_CHARS: usize = 200;
pub const AGENDA_MAX_CHARS: usize = 4000;
pub const MINUTES_MAX_CHARS: usize = 20_000;

/// The free-text fields of the scheduling form, which the privacy guard reads.
pub const TEXT_FIELDS: [&str; 3] = ["titre", "lieu", "ordre_du_jour"];

/// Reads the scheduling form: `titre`, `date`, `debut`, `fin` (Paris time), `lieu`,
/// `ordre_du_jour`.
pub fn parse_form(
    pairs: &[(String, String)],
) -> Result<MeetingData, Vec<(&'static str, &'static str)>> {
    use crate::web::form::field;
    let mut errors = Vec::new();
    let title = field(pairs, "titre").to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        errors.push(("titre", "meetings-error-title"));
    }
    let day = NaiveDate::parse_from_str(field(pairs, "date"), "%Y-%m-%d").ok();
    if day.is_none() {
        errors.push(("date", "meetings-error-date"));
    }
    let start = NaiveTime::parse_from_str(field(pairs, "debut"), "%H:%M").ok();
    if start.is_none() {
        errors.push(("debut", "meetings-error-start"));
    }
    let end = NaiveTime::parse_from_str(field(pairs, "fin"), "%H:%M")
        .ok()
        .filter(|end| start.is_none_or(|start| *end > start));
    if end.is_none() {
        errors.push(("fin", "meetings-error-end"));
    }
    let location = field(pairs, "lieu").to_owned();
    if location.is_empty() || location.chars().count() > LOCATION_MAX_CHARS {
        errors.push(("lieu", "meetings-error-location"));
    }
    let agenda = field(pairs, "ordre_du_jour").replace("\r\n", "\n");
    if agenda.chars().count() > AGENDA_MAX_CHARS {
        errors.push(("ordre_du_jour", "meetings-error-agenda"));
    }
    match (day, start, end) {
        (Some(day), Some(start), Some(end)) if errors.is_empty() => Ok(MeetingData {
            title,
            starts_at: local_to_utc(day.and_time(start)),
            ends_at: local_to_utc(day.and_time(end)),
            location,
            agenda,
        }),
        _ => Err(errors),
    }
}

/// Checks minutes before they are published: not empty, within the limit.
pub fn check_minutes(minutes: &str) -> Result<String, &'static str> {
    let minutes = minutes.trim().replace("\r\n", "\n");
    if minutes.is_empty() || minutes.chars().count() > MINUTES_MAX_CHARS {
        return Err("meetings-error-minutes");
    }
    Ok(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn answers_round_trip() {
        for answer in Answer::ALL {
            assert_eq!(Answer::parse(answer.as_str()), Some(answer));
            assert_eq!(Answer::from_code(answer.code()), Some(answer));
        }
        assert_eq!(Answer::from_code("oui!"), None);
    }

    #[test]
    fn a_session_needs_a_title_a_day_times_in_order_and_a_place() {
        let errors = parse_form(&pairs(&[("debut", "10:00"), ("fin", "09:00")])).unwrap_err();
        assert_eq!(
            errors,
            vec![
                ("titre", "meetings-error-title"),
                ("date", "meetings-error-date"),
                ("fin", "meetings-error-end"),
                ("lieu", "meetings-error-location"),
            ]
        );
        let data = parse_form(&pairs(&[
            ("titre", "Séance de travail"),
            ("date", "2026-07-07"),
            ("debut", "09:30"),
            ("fin", "12:00"),
            ("lieu", "En visio"),
            ("ordre_du_jour", "- tour de table\r\n- agenda d'été"),
        ]))
        .unwrap();
        // Paris is UTC+2 in July.
        assert_eq!(data.starts_at.to_rfc3339(), "2026-07-07T07:30:00+00:00");
        assert_eq!(data.agenda, "- tour de table\n- agenda d'été");
    }

    #[test]
    fn minutes_are_not_empty_and_within_the_limit() {
        assert_eq!(check_minutes("  Relevé.\r\n"), Ok("Relevé.".to_owned()));
        assert!(check_minutes("   ").is_err());
        assert!(check_minutes(&"a".repeat(MINUTES_MAX_CHARS + 1)).is_err());
    }
}
