//! Template structs of the permanence pages and the rows they show, with every date and time
//! already written the French way.

use super::model::{self, DAY_NAMES, HalfDay, day_code, french_day, french_duration, french_time};
use super::{AgendaItem, OccurrenceStatus, Permanence};
use crate::places::hours::WEEKDAYS;
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// One occurrence as a line of a list.
pub struct OccurrenceRow {
    pub permanence_id: i64,
    pub place_id: i64,
    pub date_iso: String,
    pub date_text: String,
    pub times: String,
    pub title: String,
    pub place_name: String,
    pub commune: String,
    /// Why it does not take place (empty when it does).
    pub not_held: String,
    pub is_held: bool,
    pub helpers: Vec<(i64, String)>,
    pub is_uncovered: bool,
    pub services: String,
    /// People who took note of the public charter at this date.
    pub acknowledgements: i64,
    /// The date is today (the public charter can be counted).
    pub is_today: bool,
}

impl OccurrenceRow {
    pub fn new(item: &AgendaItem) -> Self {
        let occurrence = &item.occurrence;
        let not_held = match &occurrence.status {
            OccurrenceStatus::Cancelled(reason) => format!("Annulée : {reason}"),
            OccurrenceStatus::Holiday => "Pas de permanence : jour férié".to_owned(),
            OccurrenceStatus::Planned | OccurrenceStatus::Extra => String::new(),
        };
        Self {
            permanence_id: item.permanence.id.0,
            place_id: item.permanence.place_id.0,
            date_iso: occurrence.date.to_string(),
            date_text: french_day(occurrence.date),
            times: format!(
                "{} – {}",
                french_time(occurrence.start),
                french_time(occurrence.end)
            ),
            title: item.permanence.data.title.clone(),
            place_name: item.permanence.place_name.clone(),
            commune: item.permanence.commune.clone(),
            not_held,
            is_held: occurrence.is_held(),
            helpers: item
                .helpers
                .iter()
                .map(|(id, name)| (id.0, name.clone()))
                .collect(),
            is_uncovered: item.is_uncovered(),
            services: item.permanence.data.services.join(", "),
            acknowledgements: item.acknowledgements,
            is_today: false,
        }
    }

    pub fn helper_names(&self) -> String {
        self.helpers
            .iter()
            .map(|(_, name)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn has_helper(&self, user: &i64) -> bool {
        self.helpers.iter().any(|(id, _)| id == user)
    }
}

pub fn rows(items: &[AgendaItem]) -> Vec<OccurrenceRow> {
    items.iter().map(OccurrenceRow::new).collect()
}

/// Rows that know which date is today.
pub fn rows_on(items: &[&AgendaItem], today: chrono::NaiveDate) -> Vec<OccurrenceRow> {
    items
        .iter()
        .map(|item| OccurrenceRow {
            is_today: item.occurrence.date == today,
            ..OccurrenceRow::new(item)
        })
        .collect()
}

/// The half-day rule in one sentence.
pub fn half_day_sentence(measure: &HalfDay) -> String {
    if measure.is_met() {
        "Au moins une demi-journée (3 h) de permanence chaque semaine du mois à venir.".to_owned()
    } else {
        format!(
            "Moins d'une demi-journée de permanence certaines semaines du mois à venir \
             (la semaine la plus courte : {}).",
            french_duration(measure.least_minutes())
        )
    }
}

/// One permanence of a place on the staff page.
pub struct PermanenceRow {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub period: String,
}

impl PermanenceRow {
    pub fn new(permanence: &Permanence) -> Self {
        let schedule = &permanence.data.schedule;
        let period = match schedule.ends_on {
            Some(end) => format!(
                "du {} au {}",
                french_day(schedule.starts_on),
                french_day(end)
            ),
            None => format!("à partir du {}", french_day(schedule.starts_on)),
        };
        Self {
            id: permanence.id.0,
            title: permanence.data.title.clone(),
            when: format!(
                "{}, {} – {}",
                schedule.pattern().describe(),
                french_time(schedule.start_time),
                french_time(schedule.end_time)
            ),
            period,
        }
    }
}

/// One exception on the edit page.
pub struct ExceptionRow {
    pub id: i64,
    pub text: String,
}

impl ExceptionRow {
    pub fn new(exception: &model::Exception) -> Self {
        let text = match exception.kind {
            model::ExceptionKind::Cancelled => format!(
                "{} : annulée ({})",
                french_day(exception.on_date),
                exception.reason
            ),
            model::ExceptionKind::Extra => match exception.times {
                Some((start, end)) => format!(
                    "{} : date en plus, {} – {}",
                    french_day(exception.on_date),
                    french_time(start),
                    french_time(end)
                ),
                None => format!("{} : date en plus", french_day(exception.on_date)),
            },
        };
        Self {
            id: exception.id,
            text,
        }
    }
}

/// The permanence form's values and messages.
pub struct FormView {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub days: Vec<Choice>,
    pub month_days: Vec<Choice>,
    pub ranks: Vec<Choice>,
    pub services: Vec<Choice>,
}

impl FormView {
    pub fn new(values: Vec<(String, String)>, errors: Vec<(String, String)>) -> Self {
        let has = |name: &str, value: &str| values.iter().any(|(k, v)| k == name && v == value);
        let days = WEEKDAYS
            .iter()
            .zip(DAY_NAMES)
            .map(|(day, name)| Choice {
                value: day_code(*day).to_owned(),
                label: name.to_owned(),
                checked: has("jours", day_code(*day)),
            })
            .collect();
        let month_days = WEEKDAYS
            .iter()
            .zip(DAY_NAMES)
            .map(|(day, name)| Choice {
                value: day_code(*day).to_owned(),
                label: name.to_owned(),
                checked: has("jour_mois", day_code(*day)),
            })
            .collect();
        let ranks = [
            ("1", "premier"),
            ("2", "deuxième"),
            ("3", "troisième"),
            ("4", "quatrième"),
            ("-1", "dernier"),
        ]
        .iter()
        .map(|(value, label)| Choice {
            value: (*value).to_owned(),
            label: (*label).to_owned(),
            checked: has("rang", value),
        })
        .collect();
        let services = crate::places::vocab::SERVICES
            .values
            .iter()
            .map(|value| Choice {
                value: (*value).to_owned(),
                label: (*value).to_owned(),
                checked: has("services", value),
            })
            .collect();
        Self {
            values,
            errors,
            days,
            month_days,
            ranks,
            services,
        }
    }

    /// An empty form: weekly on no day yet, from `today`, 14 h – 17 h.
    pub fn blank(today: chrono::NaiveDate) -> Self {
        Self::new(
            vec![
                ("frequence".into(), "semaine".into()),
                ("intervalle".into(), "1".into()),
                ("debut".into(), today.to_string()),
                ("heure_debut".into(), "14:00".into()),
                ("heure_fin".into(), "17:00".into()),
            ],
            Vec::new(),
        )
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

    pub fn frequency_is(&self, value: &str) -> bool {
        let chosen = self.value("frequence");
        chosen == value || (chosen.is_empty() && value == "semaine")
    }
}

/// French messages for form errors.
pub fn translated(
    ctx: &PageContext,
    errors: &[(&'static str, &'static str)],
) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), ctx.t(key)))
        .collect()
}

#[derive(Template)]
#[template(path = "permanences/public.html")]
pub struct PublicAgendaPage {
    pub ctx: PageContext,
    pub commune: String,
    pub radius_km: u32,
    pub rows: Vec<OccurrenceRow>,
    pub unknown_commune: bool,
    /// The network's public events of the same weeks: `(news id, title, when)`.
    pub events: Vec<(i64, String, String)>,
}

#[derive(Template)]
#[template(path = "permanences/manage.html")]
pub struct ManagePage {
    pub ctx: PageContext,
    pub place_id: i64,
    pub place_name: String,
    pub permanences: Vec<PermanenceRow>,
    pub rows: Vec<OccurrenceRow>,
    pub half_day: String,
    pub half_day_met: bool,
    pub form: FormView,
}

impl ManagePage {
    pub fn value(&self, name: &str) -> &str {
        self.form.value(name)
    }
    pub fn error(&self, name: &str) -> Option<&str> {
        self.form.error(name)
    }
}

#[derive(Template)]
#[template(path = "permanences/edit.html")]
pub struct EditPage {
    pub ctx: PageContext,
    pub id: i64,
    pub place_id: i64,
    pub place_name: String,
    pub form: FormView,
    pub exceptions: Vec<ExceptionRow>,
    pub exception_values: Vec<(String, String)>,
    pub exception_error: Option<String>,
}

impl EditPage {
    pub fn value(&self, name: &str) -> &str {
        self.form.value(name)
    }
    pub fn error(&self, name: &str) -> Option<&str> {
        self.form.error(name)
    }
    pub fn exception_value(&self, name: &str) -> &str {
        self.exception_values
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }
}

#[derive(Template)]
#[template(path = "permanences/occurrence.html")]
pub struct OccurrencePage {
    pub ctx: PageContext,
    pub row: OccurrenceRow,
    pub candidates: Vec<(i64, String)>,
    pub error: Option<String>,
    /// The error is an unsigned helpers' charter: the page links to it.
    pub needs_charter: bool,
}

#[derive(Template)]
#[template(path = "permanences/coverage.html")]
pub struct CoveragePage {
    pub ctx: PageContext,
    pub rows: Vec<OccurrenceRow>,
    pub shortfalls: Vec<ShortfallRow>,
    pub show_shortfalls: bool,
    /// People who took note of the public charter over the last 12 months (coordinator).
    pub acknowledgements: i64,
}

pub struct ShortfallRow {
    pub place_id: i64,
    pub name: String,
    pub commune: String,
    pub least: String,
}

#[derive(Template)]
#[template(path = "permanences/mine.html")]
pub struct MinePage {
    pub ctx: PageContext,
    pub duties: Vec<OccurrenceRow>,
    pub open: Vec<OccurrenceRow>,
    pub has_feed: bool,
    /// The new private feed address, shown once after it is made.
    pub new_feed_url: Option<String>,
    pub error: Option<String>,
    /// The error is an unsigned helpers' charter: the page links to it.
    pub needs_charter: bool,
}

/// The places' section of a public place page.
pub struct PlaceSection {
    pub rows: Vec<OccurrenceRow>,
    pub half_day: String,
    pub half_day_met: bool,
}

#[derive(Template)]
#[template(path = "permanences/poster.html")]
pub struct PosterPage {
    pub ctx: PageContext,
    pub place_id: i64,
    pub poster: super::poster::Poster,
    pub qr_data_uri: String,
}

#[derive(Template)]
#[template(path = "permanences/poster_edit.html")]
pub struct PosterEditPage {
    pub ctx: PageContext,
    pub place_id: i64,
    pub place_name: String,
    pub rules: String,
    pub error: Option<String>,
    /// When the poster was last downloaded, in a sentence.
    pub printed: String,
}
