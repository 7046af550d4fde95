//! Template structs of the accompaniment pages: the quick form (groups of large radio buttons
//! and checkboxes built from the value lists) and the list of records.

use super::model::{DIMENSIONS, Kind};
use super::vocab::{self, Values};
use super::{Access, Activity};
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// A group of radio buttons (`multiple == false`) or checkboxes.
pub struct Group {
    pub name: &'static str,
    pub legend: String,
    pub multiple: bool,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    /// Shown folded (`<details>`) unless something is chosen or wrong.
    pub folded: bool,
}

impl Group {
    pub fn is_open(&self) -> bool {
        !self.folded || self.error.is_some() || self.choices.iter().any(|c| c.checked)
    }
}

/// A number field of a workshop's counts.
pub struct CountField {
    pub name: String,
    pub label: &'static str,
    pub value: String,
}

/// The counts of one dimension (age, gender, status) of a workshop session.
pub struct CountGroup {
    pub name: &'static str,
    pub legend: String,
    pub fields: Vec<CountField>,
    pub error: Option<String>,
}

pub struct ActivityForm {
    pub kind: Kind,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub places: Vec<Choice>,
    pub locations: Vec<Choice>,
    /// Date, place and duration come first, then these groups.
    pub groups: Vec<Group>,
    pub counts: Vec<CountGroup>,
}

impl ActivityForm {
    pub fn new(
        ctx: &PageContext,
        kind: Kind,
        values: Vec<(String, String)>,
        errors: Vec<(String, String)>,
        places: &[(crate::places::PlaceId, String, String)],
    ) -> Self {
        let chosen = |name: &str, value: &str| values.iter().any(|(k, v)| k == name && v == value);
        let error = |name: &str| {
            errors
                .iter()
                .find(|(field, _)| field == name)
                .map(|(_, message)| message.clone())
        };
        let group =
            |name: &'static str, key: &str, multiple: bool, list: Values, folded: bool| Group {
                name,
                legend: ctx.t(key),
                multiple,
                choices: list
                    .iter()
                    .map(|(code, label)| Choice {
                        value: (*code).to_owned(),
                        label: (*label).to_owned(),
                        checked: chosen(name, code),
                    })
                    .collect(),
                error: error(name),
                folded,
            };
        let mut groups = vec![
            group(
                "duree",
                "activities-field-duration",
                false,
                DURATION_CHOICES,
                false,
            ),
            group(
                "themes",
                "activities-field-themes",
                true,
                vocab::THEMES,
                false,
            ),
            group(
                "domaines",
                "activities-field-domains",
                true,
                vocab::PROCEDURE_DOMAINS,
                true,
            ),
            group(
                "materiel",
                "activities-field-equipment",
                true,
                vocab::EQUIPMENT,
                false,
            ),
        ];
        if kind == Kind::Individual {
            groups.push(group(
                "autonomie",
                "activities-field-autonomy",
                false,
                vocab::AUTONOMY,
                false,
            ));
        }
        groups.extend([
            group(
                "dernier_clic",
                "activities-field-last-click",
                false,
                vocab::TRISTATE,
                false,
            ),
            group(
                "deconnexion",
                "activities-field-logged-out",
                false,
                vocab::TRISTATE,
                false,
            ),
            group(
                "fichiers",
                "activities-field-files",
                false,
                vocab::TRISTATE,
                false,
            ),
            group(
                "navigateur",
                "activities-field-browser",
                false,
                vocab::TRISTATE,
                false,
            ),
            group(
                "orientation",
                "activities-field-referral",
                false,
                vocab::REFERRALS,
                true,
            ),
            group(
                "prevention",
                "activities-field-prevention",
                true,
                vocab::PREVENTION,
                true,
            ),
        ]);
        match kind {
            Kind::Individual => groups.extend([
                group(
                    "age",
                    "activities-field-age",
                    false,
                    vocab::AGE_BANDS,
                    false,
                ),
                group(
                    "premiere_visite",
                    "activities-field-first-visit",
                    false,
                    YES_NO,
                    false,
                ),
                group(
                    "charte_publique",
                    "activities-field-public-charter",
                    false,
                    YES_NO,
                    false,
                ),
                group(
                    "genre",
                    "activities-field-gender",
                    false,
                    vocab::GENDERS,
                    true,
                ),
                group(
                    "statut",
                    "activities-field-status",
                    false,
                    vocab::SOCIAL_STATUSES,
                    true,
                ),
            ]),
            Kind::Collective => {
                groups.push(group(
                    "niveau",
                    "activities-field-level",
                    false,
                    vocab::WORKSHOP_LEVELS,
                    false,
                ));
            }
        }
        let counts = match kind {
            Kind::Collective => DIMENSIONS
                .iter()
                .map(|(dimension, list)| CountGroup {
                    name: dimension,
                    legend: ctx.t(&format!("activities-counts-{dimension}")),
                    fields: list
                        .iter()
                        .map(|(code, label)| {
                            let name = format!("nb_{dimension}_{code}");
                            let value = values
                                .iter()
                                .find(|(k, _)| *k == name)
                                .map(|(_, v)| v.clone())
                                .unwrap_or_default();
                            CountField { name, label, value }
                        })
                        .collect(),
                    error: error(dimension),
                })
                .collect(),
            Kind::Individual => Vec::new(),
        };
        let place = values
            .iter()
            .find(|(k, _)| k == "lieu")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let location = values
            .iter()
            .find(|(k, _)| k == "lieu_type")
            .map_or("lieu", |(_, v)| v.as_str())
            .to_owned();
        let locations = vocab::LOCATIONS
            .iter()
            .map(|(code, label)| Choice {
                value: (*code).to_owned(),
                label: (*label).to_owned(),
                checked: *code == location,
            })
            .collect();
        Self {
            kind,
            locations,
            places: places
                .iter()
                .map(|(id, name, commune)| Choice {
                    value: id.0.to_string(),
                    label: format!("{name} ({commune})"),
                    checked: place == id.0.to_string(),
                })
                .collect(),
            values,
            errors,
            groups,
            counts,
        }
    }

    pub fn value(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_collective(&self) -> bool {
        self.kind == Kind::Collective
    }
}

const DURATION_CHOICES: Values = &[
    ("15", "15 min"),
    ("30", "30 min"),
    ("45", "45 min"),
    ("60", "1 h"),
    ("90", "1 h 30"),
    ("120", "2 h"),
    ("autre", "Autre durée"),
];

const YES_NO: Values = &[("oui", "Oui"), ("non", "Non")];

#[derive(Template)]
#[template(path = "activities/form.html")]
pub struct FormPage {
    pub ctx: PageContext,
    /// `None` for a new record.
    pub id: Option<i64>,
    pub form: ActivityForm,
    /// The author must sign the helpers' charter first.
    pub needs_charter: bool,
    /// The levels of a diagnostic made with the person, in words.
    pub diagnostic_levels: Vec<(String, String)>,
}

impl FormPage {
    pub fn value(&self, name: &str) -> &str {
        self.form.value(name)
    }
    pub fn error(&self, name: &str) -> Option<&str> {
        self.form.error(name)
    }
}

/// One record in the list.
pub struct ActivityRow {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub place: String,
    pub duration: String,
    pub themes: String,
    pub helper: String,
    pub note: Option<String>,
    pub can_edit: bool,
}

impl ActivityRow {
    pub fn new(activity: &Activity, access: Access) -> Self {
        let data = &activity.data;
        let place = match data.location.as_str() {
            "lieu" => activity.place_name.clone(),
            "ailleurs" => data.location_commune.clone(),
            other => vocab::label(vocab::LOCATIONS, other).to_owned(),
        };
        Self {
            id: activity.id.0,
            date: crate::places::views::french_date(data.on_date),
            kind: match data.kind {
                Kind::Individual => "Individuel".to_owned(),
                Kind::Collective => format!("Atelier, {} personnes", data.participants),
            },
            place,
            duration: crate::permanences::model::french_duration(data.duration_minutes),
            themes: data
                .themes
                .iter()
                .map(|t| vocab::label(vocab::THEMES, t))
                .collect::<Vec<_>>()
                .join(", "),
            helper: activity.helper_name.clone(),
            note: (access.shows_note && !data.note.is_empty()).then(|| data.note.clone()),
            can_edit: access.can_edit,
        }
    }
}

#[derive(Template)]
#[template(path = "activities/list.html")]
pub struct ListPage {
    pub ctx: PageContext,
    pub rows: Vec<ActivityRow>,
}

#[derive(Template)]
#[template(path = "activities/show.html")]
pub struct ShowPage {
    pub ctx: PageContext,
    pub row: ActivityRow,
    /// The viewer wrote it, but more than 7 days ago.
    pub locked: bool,
    /// The levels of a diagnostic made with the person, in words.
    pub diagnostic_levels: Vec<(String, String)>,
}
