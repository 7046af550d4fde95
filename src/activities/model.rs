//! Pure rules of an accompaniment record: what the form sends becomes an `ActivityData` or
//! French messages per field; the 7-day edit lock; who may read a record's note.

use super::vocab::{self, Values};
use crate::places::PlaceId;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A helper edits their own records for this many days; then they are locked.
pub const EDIT_DAYS: i64 = 7;
pub const NOTE_MAX_CHARS: usize = 500;
pub const MAX_MINUTES: i64 = 600;
pub const MAX_PARTICIPANTS: i64 = 200;
/// How far back a record may be dated.
pub const MAX_AGE_DAYS: i64 = 366;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Individual,
    /// A workshop session: counts instead of one profile.
    Collective,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Individual => "individual",
            Self::Collective => "collective",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "individual" => Some(Self::Individual),
            "collective" => Some(Self::Collective),
            _ => None,
        }
    }
}

/// Who the person is, without identity (individual records).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub age_band: String,
    pub gender: String,
    pub social_status: String,
    pub residence_commune: String,
    pub first_visit: bool,
    pub public_charter: bool,
}

/// The dimensions counted for a workshop session.
pub const DIMENSIONS: [(&str, Values); 3] = [
    ("age", vocab::AGE_BANDS),
    ("genre", vocab::GENDERS),
    ("statut", vocab::SOCIAL_STATUSES),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityData {
    pub kind: Kind,
    pub on_date: NaiveDate,
    /// A code of `vocab::LOCATIONS`.
    pub location: String,
    pub place: Option<PlaceId>,
    /// For "elsewhere".
    pub location_commune: String,
    pub permanence: Option<i64>,
    pub duration_minutes: i64,
    pub themes: Vec<String>,
    pub procedure_domains: Vec<String>,
    pub equipment: Vec<String>,
    /// Individual records only.
    pub autonomy: Option<String>,
    pub last_click: String,
    pub referral: String,
    pub prevention: Vec<String>,
    pub accounts_logged_out: String,
    pub files_deleted: String,
    pub browser_cleared: String,
    /// Individual records only.
    pub profile: Option<Profile>,
    /// 1 for an individual record; the people at a workshop session.
    pub participants: i64,
    /// Collective records: `(dimension, value, people)`; each dimension adds up to
    /// `participants`.
    pub counts: Vec<(String, String, i64)>,
    pub workshop_level: Option<String>,
    /// Individual records: the levels of a diagnostic made with the person
    /// (`appareil=premiers-pas;internet=en-progres;…`), empty otherwise.
    pub diagnostic_levels: String,
    pub note: String,
}

/// A form problem: the field's name and the catalogue key of its French message.
pub type FieldError = (&'static str, &'static str);

/// Known codes of a multi-choice field, or an error when one is unknown.
fn codes(
    pairs: &[(String, String)],
    name: &'static str,
    values: Values,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    let chosen = crate::web::form::fields(pairs, name);
    if chosen.iter().any(|code| !vocab::is_known(values, code)) {
        errors.push((name, "activities-error-unknown-value"));
        return Vec::new();
    }
    let mut kept: Vec<String> = Vec::new();
    for code in chosen {
        if !kept.iter().any(|k| k == code) {
            kept.push(code.to_owned());
        }
    }
    kept
}

/// One known code, or `default` when the field is empty.
fn one(
    pairs: &[(String, String)],
    name: &'static str,
    values: Values,
    default: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let value = crate::web::form::field(pairs, name);
    match (value, default) {
        ("", Some(default)) => Some(default.to_owned()),
        ("", None) => {
            errors.push((name, "activities-error-required"));
            None
        }
        (code, _) if vocab::is_known(values, code) => Some(code.to_owned()),
        _ => {
            errors.push((name, "activities-error-unknown-value"));
            None
        }
    }
}

fn yes_no(pairs: &[(String, String)], name: &str) -> bool {
    crate::web::form::field(pairs, name) == "oui"
}

/// Reads the record form. `today` is the local date (no record in the future).
pub fn parse_form(
    pairs: &[(String, String)],
    today: NaiveDate,
) -> Result<ActivityData, Vec<FieldError>> {
    let get = |name: &str| crate::web::form::field(pairs, name);
    let mut errors: Vec<FieldError> = Vec::new();
    let kind = if get("type") == "collectif" {
        Kind::Collective
    } else {
        Kind::Individual
    };
    let on_date = match crate::permanences::model::parse_date(get("date")) {
        Some(date) if date > today => {
            errors.push(("date", "activities-error-future"));
            today
        }
        Some(date) if (today - date).num_days() > MAX_AGE_DAYS => {
            errors.push(("date", "activities-error-too-old"));
            today
        }
        Some(date) => date,
        None => {
            errors.push(("date", "activities-error-date"));
            today
        }
    };
    let location = one(
        pairs,
        "lieu_type",
        vocab::LOCATIONS,
        Some("lieu"),
        &mut errors,
    )
    .unwrap_or_else(|| "lieu".to_owned());
    let place = get("lieu").parse::<i64>().ok().map(PlaceId);
    let location_commune = get("commune_lieu").to_owned();
    match location.as_str() {
        "lieu" if place.is_none() => errors.push(("lieu", "activities-error-place")),
        "ailleurs" if location_commune.is_empty() => {
            errors.push(("commune_lieu", "activities-error-commune"));
        }
        _ => {}
    }
    if location_commune.chars().count() > 80 {
        errors.push(("commune_lieu", "activities-error-commune"));
    }
    let permanence = get("permanence").parse::<i64>().ok();
    let duration_minutes = match get("duree") {
        "autre" | "" => match get("duree_autre").parse::<i64>() {
            Ok(minutes) if (1..=MAX_MINUTES).contains(&minutes) => minutes,
            _ => {
                errors.push(("duree_autre", "activities-error-duration"));
                0
            }
        },
        preset => match preset.parse::<i64>() {
            Ok(minutes) if vocab::DURATIONS.contains(&minutes) => minutes,
            _ => {
                errors.push(("duree", "activities-error-duration"));
                0
            }
        },
    };
    let themes = codes(pairs, "themes", vocab::THEMES, &mut errors);
    if themes.is_empty() && !errors.iter().any(|(field, _)| *field == "themes") {
        errors.push(("themes", "activities-error-themes"));
    }
    let procedure_domains = codes(pairs, "domaines", vocab::PROCEDURE_DOMAINS, &mut errors);
    if !procedure_domains.is_empty() && !themes.iter().any(|t| t == vocab::PROCEDURES_THEME) {
        errors.push(("domaines", "activities-error-domains"));
    }
    let mut equipment = codes(pairs, "materiel", vocab::EQUIPMENT, &mut errors);
    if equipment.is_empty() {
        equipment.push("aucun".to_owned());
    }
    let last_click =
        one(pairs, "dernier_clic", vocab::TRISTATE, None, &mut errors).unwrap_or_default();
    let referral = one(
        pairs,
        "orientation",
        vocab::REFERRALS,
        Some("aucune"),
        &mut errors,
    )
    .unwrap_or_default();
    let prevention = codes(pairs, "prevention", vocab::PREVENTION, &mut errors);
    let mut checklist = |name: &'static str| {
        one(
            pairs,
            name,
            vocab::TRISTATE,
            Some("sans-objet"),
            &mut errors,
        )
        .unwrap_or_default()
    };
    let accounts_logged_out = checklist("deconnexion");
    let files_deleted = checklist("fichiers");
    let browser_cleared = checklist("navigateur");
    let note = get("note").to_owned();
    if note.chars().count() > NOTE_MAX_CHARS {
        errors.push(("note", "activities-error-note"));
    }
    let diagnostic_levels = if kind == Kind::Individual {
        get("niveaux_diagnostic").to_owned()
    } else {
        String::new()
    };
    if !diagnostic_levels.is_empty() && !are_levels(&diagnostic_levels) {
        errors.push(("niveaux_diagnostic", "activities-error-unknown-value"));
    }
    let (autonomy, profile, participants, counts, workshop_level) = match kind {
        Kind::Individual => {
            let autonomy = one(pairs, "autonomie", vocab::AUTONOMY, None, &mut errors);
            let age_band = one(
                pairs,
                "age",
                vocab::AGE_BANDS,
                Some("non-renseigne"),
                &mut errors,
            )
            .unwrap_or_default();
            let gender = one(
                pairs,
                "genre",
                vocab::GENDERS,
                Some("non-renseigne"),
                &mut errors,
            )
            .unwrap_or_default();
            let social_status = one(
                pairs,
                "statut",
                vocab::SOCIAL_STATUSES,
                Some("non-renseigne"),
                &mut errors,
            )
            .unwrap_or_default();
            let residence_commune = get("commune_residence").to_owned();
            if residence_commune.chars().count() > 80 {
                errors.push(("commune_residence", "activities-error-commune"));
            }
            let profile = Profile {
                age_band,
                gender,
                social_status,
                residence_commune,
                first_visit: yes_no(pairs, "premiere_visite"),
                public_charter: yes_no(pairs, "charte_publique"),
            };
            (autonomy, Some(profile), 1, Vec::new(), None)
        }
        Kind::Collective => {
            let participants = match get("participants").parse::<i64>() {
                Ok(n) if (1..=MAX_PARTICIPANTS).contains(&n) => n,
                _ => {
                    errors.push(("participants", "activities-error-participants"));
                    0
                }
            };
            let mut counts = Vec::new();
            for (dimension, values) in DIMENSIONS {
                let mut total = 0;
                for (code, _) in values {
                    let field = format!("nb_{dimension}_{code}");
                    match get(&field) {
                        "" | "0" => {}
                        text => match text.parse::<i64>() {
                            Ok(n) if (1..=MAX_PARTICIPANTS).contains(&n) => {
                                total += n;
                                counts.push((dimension.to_owned(), (*code).to_owned(), n));
                            }
                            _ => errors.push((dimension, "activities-error-count")),
                        },
                    }
                }
                if participants > 0 && total != participants {
                    errors.push((dimension, "activities-error-counts-sum"));
                }
            }
            let level = one(pairs, "niveau", vocab::WORKSHOP_LEVELS, None, &mut errors);
            (None, None, participants, counts, level)
        }
    };
    if !errors.is_empty() {
        errors.dedup();
        return Err(errors);
    }
    Ok(ActivityData {
        kind,
        on_date,
        location,
        place,
        location_commune,
        permanence,
        duration_minutes,
        themes,
        procedure_domains,
        equipment,
        autonomy,
        last_click,
        referral,
        prevention,
        accounts_logged_out,
        files_deleted,
        browser_cleared,
        profile,
        participants,
        counts,
        workshop_level,
        diagnostic_levels,
        note,
    })
}

/// `domain=level` pairs separated by `;`, in lower-case ASCII (what `diagnostic` writes).
fn are_levels(text: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.len() <= 40
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    text.len() <= 400
        && text.split(';').all(|pair| {
            pair.split_once('=')
                .is_some_and(|(domain, level)| word(domain) && word(level))
        })
}

/// The form's fields for stored data (edit page, "same as my previous entry").
pub fn form_pairs(data: &ActivityData) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = vec![
        (
            "type".into(),
            match data.kind {
                Kind::Individual => "individuel",
                Kind::Collective => "collectif",
            }
            .into(),
        ),
        ("date".into(), data.on_date.to_string()),
        ("lieu_type".into(), data.location.clone()),
        (
            "lieu".into(),
            data.place.map(|p| p.0.to_string()).unwrap_or_default(),
        ),
        ("commune_lieu".into(), data.location_commune.clone()),
        (
            "permanence".into(),
            data.permanence.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("dernier_clic".into(), data.last_click.clone()),
        ("orientation".into(), data.referral.clone()),
        ("deconnexion".into(), data.accounts_logged_out.clone()),
        ("fichiers".into(), data.files_deleted.clone()),
        ("navigateur".into(), data.browser_cleared.clone()),
        ("note".into(), data.note.clone()),
    ];
    if vocab::DURATIONS.contains(&data.duration_minutes) {
        pairs.push(("duree".into(), data.duration_minutes.to_string()));
    } else {
        pairs.push(("duree".into(), "autre".into()));
        pairs.push(("duree_autre".into(), data.duration_minutes.to_string()));
    }
    for (name, values) in [
        ("themes", &data.themes),
        ("domaines", &data.procedure_domains),
        ("materiel", &data.equipment),
        ("prevention", &data.prevention),
    ] {
        pairs.extend(values.iter().map(|v| (name.to_owned(), v.clone())));
    }
    if let Some(autonomy) = &data.autonomy {
        pairs.push(("autonomie".into(), autonomy.clone()));
    }
    if let Some(profile) = &data.profile {
        pairs.push(("age".into(), profile.age_band.clone()));
        pairs.push(("genre".into(), profile.gender.clone()));
        pairs.push(("statut".into(), profile.social_status.clone()));
        pairs.push((
            "commune_residence".into(),
            profile.residence_commune.clone(),
        ));
        let yes = |b: bool| if b { "oui" } else { "non" }.to_owned();
        pairs.push(("premiere_visite".into(), yes(profile.first_visit)));
        pairs.push(("charte_publique".into(), yes(profile.public_charter)));
    }
    if data.kind == Kind::Collective {
        pairs.push(("participants".into(), data.participants.to_string()));
        for (dimension, code, people) in &data.counts {
            pairs.push((format!("nb_{dimension}_{code}"), people.to_string()));
        }
        if let Some(level) = &data.workshop_level {
            pairs.push(("niveau".into(), level.clone()));
        }
    }
    if !data.diagnostic_levels.is_empty() {
        pairs.push(("niveaux_diagnostic".into(), data.diagnostic_levels.clone()));
    }
    pairs
}

/// Whether the author may still change a record created at `created_at`.
pub fn is_editable(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - created_at <= Duration::days(EDIT_DAYS)
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
        NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
    }

    fn individual() -> Vec<(String, String)> {
        pairs(&[
            ("date", "2026-03-03"),
            ("lieu", "12"),
            ("duree", "30"),
            ("themes", "demarches"),
            ("domaines", "argent-impots"),
            ("materiel", "telephone"),
            ("autonomie", "avec-aide"),
            ("dernier_clic", "oui"),
            ("age", "70-plus"),
            ("premiere_visite", "oui"),
        ])
    }

    #[test]
    fn an_individual_record_with_sensible_defaults_round_trips() {
        let data = parse_form(&individual(), today()).unwrap();
        assert_eq!(data.kind, Kind::Individual);
        assert_eq!(data.place, Some(PlaceId(12)));
        assert_eq!(data.location, "lieu");
        assert_eq!(data.referral, "aucune");
        assert_eq!(data.accounts_logged_out, "sans-objet");
        let profile = data.profile.clone().unwrap();
        assert_eq!(profile.gender, "non-renseigne");
        assert!(profile.first_visit);
        assert!(!profile.public_charter);
        assert_eq!(parse_form(&form_pairs(&data), today()).unwrap(), data);
    }

    #[test]
    fn procedure_domains_need_the_procedures_theme() {
        let mut form = individual();
        form.retain(|(k, _)| k != "themes");
        form.push(("themes".into(), "courriel".into()));
        let errors = parse_form(&form, today()).unwrap_err();
        assert_eq!(errors, [("domaines", "activities-error-domains")]);
    }

    #[test]
    fn dates_in_the_future_and_missing_choices_are_refused() {
        let mut form = individual();
        form.retain(|(k, _)| {
            !matches!(
                k.as_str(),
                "date" | "autonomie" | "dernier_clic" | "themes" | "domaines"
            )
        });
        form.push(("date".into(), "2026-03-04".into()));
        form.push(("duree".into(), "autre".into()));
        let errors = parse_form(&form, today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["date", "themes", "dernier_clic", "autonomie"]);
        assert_eq!(errors[0].1, "activities-error-future");
    }

    #[test]
    fn a_custom_duration_and_elsewhere_need_their_details() {
        let form = pairs(&[
            ("date", "2026-03-01"),
            ("lieu_type", "ailleurs"),
            ("duree", "autre"),
            ("duree_autre", "700"),
            ("themes", "internet"),
            ("autonomie", "autonome"),
            ("dernier_clic", "sans-objet"),
        ]);
        let errors = parse_form(&form, today()).unwrap_err();
        assert_eq!(
            errors,
            [
                ("commune_lieu", "activities-error-commune"),
                ("duree_autre", "activities-error-duration")
            ]
        );
    }

    #[test]
    fn collective_counts_must_add_up_to_the_participants() {
        let mut form = pairs(&[
            ("type", "collectif"),
            ("date", "2026-03-02"),
            ("lieu", "3"),
            ("duree", "120"),
            ("themes", "courriel"),
            ("dernier_clic", "oui"),
            ("niveau", "debutant"),
            ("participants", "8"),
            ("nb_age_60-69", "3"),
            ("nb_age_70-plus", "5"),
            ("nb_genre_femme", "6"),
            ("nb_genre_homme", "2"),
            ("nb_statut_retraite", "7"),
        ]);
        let errors = parse_form(&form, today()).unwrap_err();
        assert_eq!(errors, [("statut", "activities-error-counts-sum")]);
        form.push(("nb_statut_non-renseigne".into(), "1".into()));
        let data = parse_form(&form, today()).unwrap();
        assert_eq!(data.participants, 8);
        assert_eq!(data.counts.len(), 6);
        assert!(data.profile.is_none());
        assert_eq!(data.workshop_level.as_deref(), Some("debutant"));
        assert_eq!(parse_form(&form_pairs(&data), today()).unwrap(), data);
    }

    #[test]
    fn unknown_values_are_refused_not_stored() {
        let mut form = individual();
        form.push(("prevention".into(), "<script>".into()));
        form.push(("age".into(), "99".into()));
        let errors = parse_form(&form, today()).unwrap_err();
        assert!(errors.contains(&("prevention", "activities-error-unknown-value")));
    }

    #[test]
    fn records_lock_after_seven_days() {
        let created = DateTime::parse_from_rfc3339("2026-03-03T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(is_editable(created, created + Duration::days(7)));
        assert!(!is_editable(
            created,
            created + Duration::days(7) + Duration::seconds(1)
        ));
    }
}
