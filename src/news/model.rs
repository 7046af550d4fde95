//! News items and their moderation: kinds, states, the coordinator's decisions and the form's
//! rules. Pure: no I/O.

use crate::permanences::model::local_to_utc;
use crate::places::hours::TIME_ZONE;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The id of a news item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NewsId(pub i64);

/// What an item is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewsKind {
    News,
    Event,
    Information,
    Regulation,
}

impl NewsKind {
    pub const ALL: [Self; 4] = [Self::News, Self::Event, Self::Information, Self::Regulation];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::News => "news",
            Self::Event => "event",
            Self::Information => "information",
            Self::Regulation => "regulation",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The form's value (French, as in the address bar).
    pub fn code(self) -> &'static str {
        match self {
            Self::News => "actualite",
            Self::Event => "evenement",
            Self::Information => "information",
            Self::Regulation => "reglementation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The catalogue key of its French name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::News => "news-kind-news",
            Self::Event => "news-kind-event",
            Self::Information => "news-kind-information",
            Self::Regulation => "news-kind-regulation",
        }
    }
}

/// Where an item stands in moderation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Sent to the coordinator, not yet decided.
    Pending,
    /// The coordinator asked the author for changes (the note says which).
    ChangesRequested,
    /// Seen by every staff member, and by everyone when marked public.
    Published,
    /// Refused, with a reason the author reads.
    Refused,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::ChangesRequested => "changes_requested",
            Self::Published => "published",
            Self::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::ChangesRequested,
            Self::Published,
            Self::Refused,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pending => "news-status-pending",
            Self::ChangesRequested => "news-status-changes-requested",
            Self::Published => "news-status-published",
            Self::Refused => "news-status-refused",
        }
    }

    /// The author may still change the item (it then goes back to the coordinator).
    pub fn is_editable_by_author(self) -> bool {
        matches!(self, Self::Pending | Self::ChangesRequested)
    }

    /// Waiting for the coordinator or for the author: the moderation queue shows it.
    pub fn is_open(self) -> bool {
        self.is_editable_by_author()
    }
}

/// What the coordinator decides about an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Publish,
    /// The note says what to change.
    AskChanges(String),
    /// The note says why.
    Refuse(String),
}

/// Why a decision cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModerationError {
    #[error("the item was already decided")]
    AlreadyDecided,
    #[error("a reason is needed")]
    ReasonMissing,
    #[error("the reason is too long")]
    ReasonTooLong,
}

impl ModerationError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::AlreadyDecided => "news-error-already-decided",
            Self::ReasonMissing => "news-error-reason-missing",
            Self::ReasonTooLong => "news-error-reason-long",
        }
    }
}

/// The longest request for changes or reason for refusing.
pub const NOTE_MAX_CHARS: usize = 500;

/// The state after `decision` on an item in `status`. Only an open item (pending, or waiting
/// for changes) can be decided; asking for changes and refusing need a reason.
pub fn decide(status: Status, decision: &Decision) -> Result<Status, ModerationError> {
    if !status.is_open() {
        return Err(ModerationError::AlreadyDecided);
    }
    match decision {
        Decision::Publish => Ok(Status::Published),
        Decision::AskChanges(note) | Decision::Refuse(note) => {
            let note = note.trim();
            if note.is_empty() {
                return Err(ModerationError::ReasonMissing);
            }
            if note.chars().count() > NOTE_MAX_CHARS {
                return Err(ModerationError::ReasonTooLong);
            }
            Ok(match decision {
                Decision::AskChanges(_) => Status::ChangesRequested,
                _ => Status::Refused,
            })
        }
    }
}

impl Decision {
    /// The note kept with the decision (empty when publishing).
    pub fn note(&self) -> &str {
        match self {
            Self::Publish => "",
            Self::AskChanges(note) | Self::Refuse(note) => note.trim(),
        }
    }

    /// From the moderation form: `decision` = publier, modifier or refuser, and `motif`.
    pub fn from_form(decision: &str, note: &str) -> Option<Self> {
        match decision {
            "publier" => Some(Self::Publish),
            "modifier" => Some(Self::AskChanges(note.to_owned())),
            "refuser" => Some(Self::Refuse(note.to_owned())),
            _ => None,
        }
    }
}

/// What an author writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsData {
    pub kind: NewsKind,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Events only: when it starts and ends.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// A place or a video link.
    pub location: String,
    pub is_public: bool,
    /// A document of the resource library attached to the item.
    pub attachment: Option<i64>,
}

pub const TITLE_MAX_CHARS: usize = 120;
pub const BODY_MAX_CHARS: usize = 4000;
pub const LOCATION_MAX_CHARS: usize = 200;

/// The free-text fields of the form, which the privacy guard reads.
pub const TEXT_FIELDS: [&str; 3] = ["titre", "texte", "lieu"];

/// A form's problems: `(field, catalogue key)`.
pub type FormErrors = Vec<(&'static str, &'static str)>;

/// Reads the proposal form: `type`, `titre`, `texte`, `lieu`, `public` and, for an event,
/// `date`, `debut`, `fin` (Paris time).
pub fn parse_form(pairs: &[(String, String)]) -> Result<NewsData, FormErrors> {
    use crate::web::form::field;
    let mut errors = FormErrors::new();
    let kind = NewsKind::from_code(field(pairs, "type"));
    if kind.is_none() {
        errors.push(("type", "news-error-kind"));
    }
    let title = field(pairs, "titre").to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        errors.push(("titre", "news-error-title"));
    }
    let body = field(pairs, "texte").replace("\r\n", "\n");
    if body.is_empty() || body.chars().count() > BODY_MAX_CHARS {
        errors.push(("texte", "news-error-body"));
    }
    let location = field(pairs, "lieu").to_owned();
    if location.chars().count() > LOCATION_MAX_CHARS {
        errors.push(("lieu", "news-error-location-long"));
    }
    let mut starts_at = None;
    let mut ends_at = None;
    if kind == Some(NewsKind::Event) {
        let day = NaiveDate::parse_from_str(field(pairs, "date"), "%Y-%m-%d").ok();
        let start = NaiveTime::parse_from_str(field(pairs, "debut"), "%H:%M").ok();
        let end = NaiveTime::parse_from_str(field(pairs, "fin"), "%H:%M").ok();
        if day.is_none() {
            errors.push(("date", "news-error-date"));
        }
        if start.is_none() {
            errors.push(("debut", "news-error-start"));
        }
        match (start, end) {
            (_, None) => errors.push(("fin", "news-error-end")),
            (Some(start), Some(end)) if end <= start => errors.push(("fin", "news-error-end")),
            _ => {}
        }
        if location.is_empty() {
            errors.push(("lieu", "news-error-location"));
        }
        if let (Some(day), Some(start), Some(end)) = (day, start, end) {
            let (start, end) = (
                local_to_utc(day.and_time(start)),
                local_to_utc(day.and_time(end)),
            );
            // On the night clocks go forward, a start in the skipped hour moves an hour later
            // and may pass an end typed after it (02:30 → 03:30, end 03:15).
            if end <= start && !errors.contains(&("fin", "news-error-end")) {
                errors.push(("fin", "news-error-end"));
            }
            starts_at = Some(start);
            ends_at = Some(end);
        }
    }
    let attachment = match field(pairs, "piece_jointe") {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(("piece_jointe", "news-error-attachment"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewsData {
        attachment,
        kind: kind.unwrap_or(NewsKind::News),
        title,
        body,
        starts_at,
        ends_at,
        location,
        is_public: field(pairs, "public") == "oui",
    })
}

/// The form's values for `data` (to edit it).
pub fn form_pairs(data: &NewsData) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("type".to_owned(), data.kind.code().to_owned()),
        ("titre".to_owned(), data.title.clone()),
        ("texte".to_owned(), data.body.clone()),
        ("lieu".to_owned(), data.location.clone()),
    ];
    if data.is_public {
        pairs.push(("public".to_owned(), "oui".to_owned()));
    }
    if let Some(id) = data.attachment {
        pairs.push(("piece_jointe".to_owned(), id.to_string()));
    }
    if let (Some(start), Some(end)) = (data.starts_at, data.ends_at) {
        let start = start.with_timezone(&TIME_ZONE);
        let end = end.with_timezone(&TIME_ZONE);
        pairs.push(("date".to_owned(), start.format("%Y-%m-%d").to_string()));
        pairs.push(("debut".to_owned(), start.format("%H:%M").to_string()));
        pairs.push(("fin".to_owned(), end.format("%H:%M").to_string()));
    }
    pairs
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
    fn a_pending_item_can_be_published_sent_back_or_refused() {
        assert_eq!(
            decide(Status::Pending, &Decision::Publish),
            Ok(Status::Published)
        );
        assert_eq!(
            decide(
                Status::Pending,
                &Decision::AskChanges("Ajoutez l'horaire.".into())
            ),
            Ok(Status::ChangesRequested)
        );
        assert_eq!(
            decide(Status::Pending, &Decision::Refuse("Hors du réseau.".into())),
            Ok(Status::Refused)
        );
    }

    #[test]
    fn an_item_waiting_for_changes_can_still_be_decided() {
        assert_eq!(
            decide(Status::ChangesRequested, &Decision::Publish),
            Ok(Status::Published)
        );
        assert_eq!(
            decide(
                Status::ChangesRequested,
                &Decision::Refuse("Trop tard.".into())
            ),
            Ok(Status::Refused)
        );
    }

    #[test]
    fn a_published_or_refused_item_cannot_be_decided_again() {
        for status in [Status::Published, Status::Refused] {
            assert_eq!(
                decide(status, &Decision::Publish),
                Err(ModerationError::AlreadyDecided)
            );
            assert_eq!(
                decide(status, &Decision::Refuse("Non.".into())),
                Err(ModerationError::AlreadyDecided)
            );
            assert!(!status.is_editable_by_author());
        }
    }

    #[test]
    fn asking_for_changes_or_refusing_needs_a_short_reason() {
        assert_eq!(
            decide(Status::Pending, &Decision::Refuse("   ".into())),
            Err(ModerationError::ReasonMissing)
        );
        assert_eq!(
            decide(Status::Pending, &Decision::AskChanges(String::new())),
            Err(ModerationError::ReasonMissing)
        );
        assert_eq!(
            decide(
                Status::Pending,
                &Decision::AskChanges("a".repeat(NOTE_MAX_CHARS + 1))
            ),
            Err(ModerationError::ReasonTooLong)
        );
        assert_eq!(Decision::from_form("supprimer", ""), None);
    }

    #[test]
    fn stored_values_round_trip() {
        for kind in NewsKind::ALL {
            assert_eq!(NewsKind::parse(kind.as_str()), Some(kind));
            assert_eq!(NewsKind::from_code(kind.code()), Some(kind));
        }
        for status in [
            Status::Pending,
            Status::ChangesRequested,
            Status::Published,
            Status::Refused,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn an_event_needs_a_day_times_in_order_and_a_place() {
        let errors = parse_form(&pairs(&[
            ("type", "evenement"),
            ("titre", "Café numérique"),
            ("texte", "Venez échanger."),
            ("date", "2026-03-10"),
            ("debut", "14:00"),
            ("fin", "13:00"),
        ]))
        .unwrap_err();
        assert_eq!(
            errors,
            vec![("fin", "news-error-end"), ("lieu", "news-error-location")]
        );
        let data = parse_form(&pairs(&[
            ("type", "evenement"),
            ("titre", "Café numérique"),
            ("texte", "Venez échanger."),
            ("date", "2026-03-10"),
            ("debut", "14:00"),
            ("fin", "16:30"),
            ("lieu", "Médiathèque des Tilleuls"),
            ("public", "oui"),
        ]))
        .unwrap();
        // Paris is UTC+1 in March.
        assert_eq!(
            data.starts_at.unwrap().to_rfc3339(),
            "2026-03-10T13:00:00+00:00"
        );
        assert!(data.is_public);
        assert_eq!(parse_form(&form_pairs(&data)), Ok(data));
    }

    /// Found by the `forms` fuzz target: 02:30 does not exist on 29 March 2026 in Paris and
    /// was read as 03:30, after the end (03:15), so the event ended before it started.
    #[test]
    fn an_event_starting_in_the_skipped_spring_hour_must_still_end_after_it_starts() {
        let event = |start: &str, end: &str| {
            parse_form(&pairs(&[
                ("type", "evenement"),
                ("titre", "Atelier"),
                ("texte", "Venez nombreux"),
                ("lieu", "Médiathèque"),
                ("date", "2026-03-29"),
                ("debut", start),
                ("fin", end),
            ]))
        };
        assert_eq!(
            event("02:30", "03:15"),
            Err(vec![("fin", "news-error-end")])
        );
        let data = event("02:30", "04:00").unwrap();
        assert!(data.starts_at < data.ends_at);
        assert_eq!(parse_form(&form_pairs(&data)), Ok(data));
    }

    #[test]
    fn news_needs_a_kind_a_title_and_a_text_but_no_date() {
        let errors = parse_form(&pairs(&[("type", "rumeur")])).unwrap_err();
        assert_eq!(
            errors,
            vec![
                ("type", "news-error-kind"),
                ("titre", "news-error-title"),
                ("texte", "news-error-body")
            ]
        );
        let data = parse_form(&pairs(&[
            ("type", "reglementation"),
            ("titre", "Nouveau formulaire"),
            ("texte", "Le formulaire change **en avril**."),
            ("date", "n'importe quoi"),
        ]))
        .unwrap();
        assert_eq!(data.kind, NewsKind::Regulation);
        assert_eq!(data.starts_at, None);
        assert!(!data.is_public);
    }
}
