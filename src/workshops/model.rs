//! Pure rules of workshops: the staff form (one date or a weekly series), the registration
//! form (a first name, a contact only with consent), statuses and the purge date.

use crate::activities::vocab;
use crate::places::PlaceId;
use chrono::{Duration, NaiveDate, NaiveTime};

pub const TITLE_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const MAX_SESSIONS: u32 = 12;
pub const MAX_CAPACITY: i64 = 100;
pub const FIRST_NAME_MAX_CHARS: usize = 40;
/// Registrations from one address within an hour, before the form asks to wait.
pub const REGISTRATIONS_PER_HOUR: i64 = 5;
/// How far ahead the public agenda and the diagnostic look.
pub const AGENDA_DAYS: i64 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkshopId(pub i64);

/// A form problem: the field's name and the catalogue key of its French message.
pub type FieldError = (&'static str, &'static str);

/// What the staff form gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkshopData {
    pub place: PlaceId,
    pub title: String,
    pub themes: Vec<String>,
    pub level: String,
    pub description: String,
    pub first_date: NaiveDate,
    pub start: NaiveTime,
    pub duration_minutes: i64,
    /// How many weekly sessions (1 for a single date).
    pub sessions: u32,
    pub capacity: i64,
    pub helpers: Vec<i64>,
}

impl WorkshopData {
    /// The dates of the sessions: one a week from the first date.
    pub fn dates(&self) -> Vec<NaiveDate> {
        (0..self.sessions)
            .map(|week| self.first_date + Duration::weeks(i64::from(week)))
            .collect()
    }

    pub fn end(&self) -> NaiveTime {
        self.start + Duration::minutes(self.duration_minutes)
    }
}

/// Reads the staff form. `today` is the local date: a workshop starts today or later.
pub fn parse_form(
    pairs: &[(String, String)],
    today: NaiveDate,
) -> Result<WorkshopData, Vec<FieldError>> {
    let get = |name: &str| crate::web::form::field(pairs, name);
    let mut errors = Vec::new();
    let place = get("lieu").parse::<i64>().ok().map(PlaceId);
    if place.is_none() {
        errors.push(("lieu", "workshops-error-place"));
    }
    let title = get("titre").to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        errors.push(("titre", "workshops-error-title"));
    }
    let chosen = crate::web::form::fields(pairs, "themes");
    let mut themes: Vec<String> = Vec::new();
    for code in chosen {
        if !vocab::is_known(vocab::THEMES, code) {
            errors.push(("themes", "workshops-error-themes"));
        } else if !themes.iter().any(|t| t == code) {
            themes.push(code.to_owned());
        }
    }
    if themes.is_empty() && !errors.iter().any(|(f, _)| *f == "themes") {
        errors.push(("themes", "workshops-error-themes"));
    }
    let level = get("niveau").to_owned();
    if !vocab::is_known(vocab::WORKSHOP_LEVELS, &level) {
        errors.push(("niveau", "workshops-error-level"));
    }
    let description = get("description").replace("\r\n", "\n");
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        errors.push(("description", "workshops-error-description"));
    }
    let first_date = match crate::permanences::model::parse_date(get("date")) {
        Some(date) if date < today => {
            errors.push(("date", "workshops-error-past"));
            today
        }
        Some(date) => date,
        None => {
            errors.push(("date", "workshops-error-date"));
            today
        }
    };
    let start = crate::permanences::model::parse_time(get("heure")).unwrap_or_else(|| {
        errors.push(("heure", "workshops-error-time"));
        NaiveTime::MIN
    });
    let duration_minutes = match get("duree").parse::<i64>() {
        Ok(minutes) if (15..=480).contains(&minutes) => minutes,
        _ => {
            errors.push(("duree", "workshops-error-duration"));
            60
        }
    };
    // A session ends the same day.
    if start + Duration::minutes(duration_minutes) < start
        || start.signed_duration_since(NaiveTime::MIN) + Duration::minutes(duration_minutes)
            > Duration::hours(24)
    {
        errors.push(("duree", "workshops-error-duration"));
    }
    let sessions = match get("seances") {
        "" => 1,
        text => match text.parse::<u32>() {
            Ok(n) if (1..=MAX_SESSIONS).contains(&n) => n,
            _ => {
                errors.push(("seances", "workshops-error-sessions"));
                1
            }
        },
    };
    let capacity = match get("places").parse::<i64>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => n,
        _ => {
            errors.push(("places", "workshops-error-capacity"));
            1
        }
    };
    let helpers = crate::web::form::fields(pairs, "encadrants")
        .into_iter()
        .filter_map(|id| id.parse::<i64>().ok())
        .collect();
    match (place, errors.is_empty()) {
        (Some(place), true) => Ok(WorkshopData {
            place,
            title,
            themes,
            level,
            description,
            first_date,
            start,
            duration_minutes,
            sessions,
            capacity,
            helpers,
        }),
        _ => Err(errors),
    }
}

/// A registration as the person (or staff at the desk) gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationData {
    pub first_name: String,
    /// A normalised phone number (`06 12 34 56 78`) or an e-mail address, or empty.
    pub contact: String,
    pub consent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    None,
    Phone,
    Email,
}

pub fn contact_kind(contact: &str) -> ContactKind {
    if contact.is_empty() {
        ContactKind::None
    } else if contact.contains('@') {
        ContactKind::Email
    } else {
        ContactKind::Phone
    }
}

/// A French phone number written the usual way, or `None`.
fn phone(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{rest}")
    } else {
        digits
    };
    (national.len() == 10
        && national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit()))
    .then(|| {
        national
            .as_bytes()
            .chunks(2)
            .map(|pair| std::str::from_utf8(pair).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn email(text: &str) -> Option<String> {
    let text = text.trim();
    let (local, domain) = text.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text.len() <= 200
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>');
    ok.then(|| text.to_lowercase())
}

/// Reads the registration form: a first name (letters only: no number, address or e-mail can
/// hide in it), and a contact only if the person ticked the consent sentence.
pub fn parse_registration(pairs: &[(String, String)]) -> Result<RegistrationData, Vec<FieldError>> {
    let get = |name: &str| crate::web::form::field(pairs, name);
    let mut errors = Vec::new();
    let first_name: String = get("prenom")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if first_name.is_empty()
        || first_name.chars().count() > FIRST_NAME_MAX_CHARS
        || !first_name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
    {
        errors.push(("prenom", "workshops-error-first-name"));
    }
    let raw_contact = get("contact");
    let consent = get("consentement") == "oui";
    let contact = if raw_contact.is_empty() {
        String::new()
    } else {
        match phone(raw_contact).or_else(|| email(raw_contact)) {
            Some(contact) => {
                if !consent {
                    errors.push(("consentement", "workshops-error-consent"));
                }
                contact
            }
            None => {
                errors.push(("contact", "workshops-error-contact"));
                String::new()
            }
        }
    };
    if errors.is_empty() {
        Ok(RegistrationData {
            first_name,
            contact,
            consent: consent && !raw_contact.is_empty(),
        })
    } else {
        Err(errors)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationStatus {
    Confirmed,
    Waiting,
    Cancelled,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waiting => "waiting",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "confirmed" => Some(Self::Confirmed),
            "waiting" => Some(Self::Waiting),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// The first day registrations of a workshop whose last session is `last` may be deleted:
/// the day after it.
pub fn purge_day(last: NaiveDate) -> NaiveDate {
    last + Duration::days(1)
}

/// The level of workshops that suits a diagnostic level (`diagnostic::model::Level`).
pub fn level_label(code: &str) -> &'static str {
    vocab::label(vocab::WORKSHOP_LEVELS, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn form() -> Vec<(&'static str, &'static str)> {
        vec![
            ("lieu", "4"),
            ("titre", "Premiers pas avec le courriel"),
            ("themes", "courriel"),
            ("niveau", "debutant"),
            ("date", "2026-03-10"),
            ("heure", "14:00"),
            ("duree", "90"),
            ("seances", "3"),
            ("places", "8"),
        ]
    }

    #[test]
    fn a_series_is_one_session_a_week() {
        let data = parse_form(&pairs(&form()), today()).unwrap();
        assert_eq!(
            data.dates(),
            [
                NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
                NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
                NaiveDate::from_ymd_opt(2026, 3, 24).unwrap()
            ]
        );
        assert_eq!(data.end(), NaiveTime::from_hms_opt(15, 30, 0).unwrap());
        assert_eq!(data.themes, ["courriel"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut bad = form();
        for (key, value) in [
            ("titre", ""),
            ("themes", "cuisine"),
            ("niveau", "expert"),
            ("date", "2026-03-01"),
            ("heure", "25:00"),
            ("duree", "5"),
            ("seances", "13"),
            ("places", "0"),
        ] {
            bad.retain(|(k, _)| *k != key);
            bad.push((key, value));
        }
        let errors = parse_form(&pairs(&bad), today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        for field in [
            "titre", "themes", "niveau", "date", "heure", "duree", "seances", "places",
        ] {
            assert!(fields.contains(&field), "{field}: {errors:?}");
        }
        // A session may not run past midnight.
        let mut late = form();
        late.retain(|(k, _)| *k != "heure");
        late.push(("heure", "23:30"));
        assert!(parse_form(&pairs(&late), today()).is_err());
    }

    #[test]
    fn a_registration_keeps_a_contact_only_with_consent() {
        let plain = parse_registration(&pairs(&[("prenom", "  Odette  ")])).unwrap();
        assert_eq!(plain.first_name, "Odette");
        assert_eq!(plain.contact, "");
        assert!(!plain.consent);

        let refused = parse_registration(&pairs(&[
            ("prenom", "Odette"),
            ("contact", "06 12 34 56 78"),
        ]))
        .unwrap_err();
        assert_eq!(refused, [("consentement", "workshops-error-consent")]);

        let phone = parse_registration(&pairs(&[
            ("prenom", "Odette"),
            ("contact", "+33 6.12.34.56.78"),
            ("consentement", "oui"),
        ]))
        .unwrap();
        assert_eq!(phone.contact, "06 12 34 56 78");
        assert_eq!(contact_kind(&phone.contact), ContactKind::Phone);
        let mail = parse_registration(&pairs(&[
            ("prenom", "Jean-Marc"),
            ("contact", "Jean.Marc@Exemple.fr"),
            ("consentement", "oui"),
        ]))
        .unwrap();
        assert_eq!(mail.contact, "jean.marc@exemple.fr");
        assert_eq!(contact_kind(&mail.contact), ContactKind::Email);
    }

    #[test]
    fn a_first_name_cannot_carry_anything_else() {
        for name in [
            "",
            "Odette 0612345678",
            "odette@exemple.fr",
            "<script>",
            "Marie-Thérèse Dupont de la Grande Maison Bleue",
        ] {
            assert!(
                parse_registration(&pairs(&[("prenom", name)])).is_err(),
                "{name}"
            );
        }
        assert!(parse_registration(&pairs(&[("prenom", "Marie-Thérèse")])).is_ok());
        assert!(
            parse_registration(&pairs(&[("prenom", "Jo"), ("contact", "pas un numéro")])).is_err()
        );
    }

    #[test]
    fn registrations_go_the_day_after_the_last_session() {
        let last = NaiveDate::from_ymd_opt(2026, 3, 24).unwrap();
        assert_eq!(
            purge_day(last),
            NaiveDate::from_ymd_opt(2026, 3, 25).unwrap()
        );
    }
}
