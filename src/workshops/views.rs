//! Template structs of the workshop pages.

use super::{AgendaItem, Informed, NeedRow, Registration, RegistrationStatus, Session, Workshop};
use crate::activities::vocab;
use crate::permanences::model::{french_day, french_time};
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// A workshop as lists show it.
pub struct WorkshopSummary {
    pub id: i64,
    pub title: String,
    pub level: &'static str,
    pub themes: String,
    pub place_id: i64,
    pub place: String,
    pub address: String,
    pub seats: String,
    pub cancelled: bool,
    pub cancel_reason: String,
}

impl WorkshopSummary {
    pub fn new(ctx: &PageContext, workshop: &Workshop) -> Self {
        Self {
            id: workshop.id.0,
            title: workshop.title.clone(),
            level: vocab::label(vocab::WORKSHOP_LEVELS, &workshop.level),
            themes: workshop
                .themes
                .iter()
                .map(|t| vocab::label(vocab::THEMES, t))
                .collect::<Vec<_>>()
                .join(", "),
            place_id: workshop.place.0,
            place: workshop.place_name.clone(),
            address: workshop.place_address.clone(),
            seats: if workshop.seats_left() > 0 {
                ctx.t1("workshops-seats-left", "count", workshop.seats_left())
            } else {
                ctx.t("workshops-full")
            },
            cancelled: workshop.cancelled,
            cancel_reason: workshop.cancel_reason.clone(),
        }
    }
}

/// "mardi 10 mars 2026, 14 h – 15 h 30".
pub fn when(session: &Session) -> String {
    format!(
        "{}, {} – {}",
        french_day(session.on_date),
        french_time(session.start),
        french_time(session.end)
    )
}

pub struct AgendaRow {
    pub when: String,
    pub series: String,
    pub workshop: WorkshopSummary,
}

pub fn agenda_rows(ctx: &PageContext, items: &[AgendaItem]) -> Vec<AgendaRow> {
    items
        .iter()
        .map(|item| AgendaRow {
            when: when(&item.session),
            series: if item.of > 1 {
                ctx.t_args2("workshops-session-of", "rank", item.rank, "count", item.of)
            } else {
                String::new()
            },
            workshop: WorkshopSummary::new(ctx, &item.workshop),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "workshops/agenda.html")]
pub struct AgendaPage {
    pub ctx: PageContext,
    pub rows: Vec<AgendaRow>,
    pub themes: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub commune: String,
    pub from: String,
    pub unknown_commune: bool,
}

#[derive(Template)]
#[template(path = "workshops/show.html")]
pub struct ShowPage {
    pub ctx: PageContext,
    pub workshop: WorkshopSummary,
    pub description: String,
    pub sessions: Vec<String>,
    pub duration: String,
    pub fees: String,
    pub open: bool,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub message: Option<String>,
}

#[derive(Template)]
#[template(path = "workshops/registered.html")]
pub struct RegisteredPage {
    pub ctx: PageContext,
    pub workshop: WorkshopSummary,
    pub sessions: Vec<String>,
    pub first_name: String,
    pub waiting: bool,
    pub link: String,
    pub emailed: bool,
}

#[derive(Template)]
#[template(path = "workshops/registration.html")]
pub struct RegistrationPage {
    pub ctx: PageContext,
    pub workshop: WorkshopSummary,
    pub sessions: Vec<String>,
    pub first_name: String,
    pub status: &'static str,
    pub cancelled: bool,
    pub token: String,
}

pub fn status_key(status: RegistrationStatus) -> &'static str {
    match status {
        RegistrationStatus::Confirmed => "workshops-status-confirmed",
        RegistrationStatus::Waiting => "workshops-status-waiting",
        RegistrationStatus::Cancelled => "workshops-status-cancelled",
    }
}

pub struct StaffRow {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub sessions: usize,
    pub place: String,
    pub seats: String,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "workshops/manage.html")]
pub struct ManagePage {
    pub ctx: PageContext,
    pub rows: Vec<StaffRow>,
    pub can_plan: bool,
}

#[derive(Template)]
#[template(path = "workshops/form.html")]
pub struct FormPage {
    pub ctx: PageContext,
    pub places: Vec<Choice>,
    pub themes: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub helpers: Vec<Choice>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

/// Choices of a value list, with the chosen codes checked.
pub fn choices(values: vocab::Values, chosen: &[&str]) -> Vec<Choice> {
    values
        .iter()
        .map(|(code, label)| Choice {
            value: (*code).to_owned(),
            label: (*label).to_owned(),
            checked: chosen.contains(code),
        })
        .collect()
}

pub struct SessionRow {
    pub id: i64,
    pub when: String,
    pub past: bool,
    pub marked: bool,
}

pub struct PersonRow {
    pub id: i64,
    pub first_name: String,
    pub contact: String,
    pub status: &'static str,
    pub by_staff: bool,
}

pub fn person_rows(registrations: &[Registration]) -> Vec<PersonRow> {
    registrations
        .iter()
        .map(|r| PersonRow {
            id: r.id,
            first_name: r.first_name.clone(),
            contact: r.contact.clone(),
            status: status_key(r.status),
            by_staff: r.by_staff,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "workshops/staff_show.html")]
pub struct StaffPage {
    pub ctx: PageContext,
    pub workshop: WorkshopSummary,
    pub capacity: i64,
    pub helpers: Vec<String>,
    pub sessions: Vec<SessionRow>,
    pub people: Vec<PersonRow>,
    pub waiting: usize,
    pub can_plan: bool,
    pub informed: Option<Informed>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

pub struct CountField {
    pub name: String,
    pub label: &'static str,
    pub value: String,
}

pub struct CountGroup {
    pub name: &'static str,
    pub legend: String,
    pub fields: Vec<CountField>,
}

#[derive(Template)]
#[template(path = "workshops/attendance.html")]
pub struct AttendancePage {
    pub ctx: PageContext,
    pub workshop: WorkshopSummary,
    pub session_id: i64,
    pub when: String,
    pub registered: usize,
    pub groups: Vec<CountGroup>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

/// The count inputs of a session's attendance (age band, gender, status).
pub fn count_groups(ctx: &PageContext, values: &[(String, String)]) -> Vec<CountGroup> {
    crate::activities::model::DIMENSIONS
        .iter()
        .map(|(dimension, list)| CountGroup {
            name: dimension,
            legend: ctx.t(&format!("workshops-attendance-{dimension}")),
            fields: list
                .iter()
                .map(|(code, label)| {
                    let name = format!("nb_{dimension}_{code}");
                    CountField {
                        value: crate::web::form::field(values, &name).to_owned(),
                        name,
                        label,
                    }
                })
                .collect(),
        })
        .collect()
}

pub struct NeedLine {
    pub place: String,
    pub theme: &'static str,
    pub level: &'static str,
    pub people: String,
    pub planned: i64,
    pub draft: String,
}

pub fn need_lines(rows: &[NeedRow]) -> Vec<NeedLine> {
    rows.iter()
        .map(|row| NeedLine {
            place: row.place_name.clone(),
            theme: vocab::label(vocab::THEMES, &row.theme),
            level: vocab::label(vocab::WORKSHOP_LEVELS, &row.level),
            people: crate::diagnostic::shown_count(row.people, row.own),
            planned: row.planned,
            draft: format!(
                "/gestion/ateliers/nouveau?lieu={}&themes={}&niveau={}",
                row.place.map_or(0, |p| p.0),
                row.theme,
                row.level
            ),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "workshops/needs.html")]
pub struct NeedsPage {
    pub ctx: PageContext,
    pub lines: Vec<NeedLine>,
}

crate::refillable_form!(ShowPage, FormPage, StaffPage, AttendancePage);
