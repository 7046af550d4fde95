//! Statistics pages: the staff dashboard (managers: their organisations; coordinators: the
//! network), the public page with small cells hidden, and the report downloads.

use super::domains::DomainFigures;
use super::suppress::{self, Cell};
use super::views::{DashboardPage, PublicPage, Section};
use super::{Figures, SENIORS, StatsError, StatsQuery};
use crate::activities::vocab;
use crate::app::AppState;
use crate::diagnostic::model::Questionnaire;
use crate::error::{AppError, AppResult};
use crate::web::page::Choice;
use crate::web::urls;
use crate::web::{MaybeUser, PageContext, RequireManager, render};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Months, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::STATS_BOARD, get(show_dashboard))
        .route(urls::STATS_PUBLIC, get(show_public_statistics))
        .route(urls::STATS_REPORT_CSV, get(super::report::download_csv))
        .route(urls::STATS_REPORT_XLSX, get(super::report::download_xlsx))
        .route(urls::STATS_REPORT_PDF, get(super::report::download_pdf))
}

impl From<StatsError> for AppError {
    fn from(error: StatsError) -> Self {
        match error {
            StatsError::Forbidden => AppError::Forbidden,
            StatsError::Store(error) => error.into(),
        }
    }
}

/// The dashboard's filters, as the GET form sends them.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct StatsParams {
    pub periode: String,
    pub du: String,
    pub au: String,
    pub structure: String,
    pub lieu: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub theme: String,
    pub age: String,
}

impl StatsParams {
    /// The query string of these filters, with the period made explicit.
    pub fn to_query_string(&self, query: &StatsQuery) -> String {
        let mut pairs = vec![
            ("du", query.from.format("%Y-%m-%d").to_string()),
            ("au", query.to.format("%Y-%m-%d").to_string()),
        ];
        for (name, value) in [
            ("structure", &self.structure),
            ("lieu", &self.lieu),
            ("type", &self.kind),
            ("theme", &self.theme),
            ("age", &self.age),
        ] {
            if !value.is_empty() {
                pairs.push((name, value.clone()));
            }
        }
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }
}

/// The default period: the last twelve months, this one included.
fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = today
        .checked_sub_months(Months::new(11))
        .and_then(|d| d.with_day0(0))
        .unwrap_or(today);
    (from, today)
}

use chrono::Datelike;

/// Turns the form into a query within the reader's `scope` (`None`: the network). Unknown
/// values are ignored; an organisation outside the scope is refused.
pub fn checked_query(
    params: &StatsParams,
    scope: Option<Vec<i64>>,
    today: NaiveDate,
) -> AppResult<StatsQuery> {
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let (mut from, mut to) = if params.periode == "trimestre-precedent" {
        super::last_quarter(today)
    } else {
        let (default_from, default_to) = default_period(today);
        (
            date(&params.du).unwrap_or(default_from),
            date(&params.au).unwrap_or(default_to),
        )
    };
    if from > to {
        std::mem::swap(&mut from, &mut to);
    }
    let organizations = match (params.structure.parse::<i64>().ok(), scope) {
        (Some(id), Some(scope)) if !scope.contains(&id) => return Err(AppError::Forbidden),
        (Some(id), _) => Some(vec![id]),
        (None, scope) => scope,
    };
    let known = |values: vocab::Values, value: &str| {
        vocab::is_known(values, value).then(|| value.to_owned())
    };
    Ok(StatsQuery {
        from,
        to,
        organizations,
        place: params.lieu.parse().ok(),
        kind: match params.kind.as_str() {
            "individuel" => Some("individual".to_owned()),
            "collectif" => Some("collective".to_owned()),
            _ => None,
        },
        theme: known(vocab::THEMES, &params.theme),
        age: if params.age == SENIORS {
            Some(SENIORS.to_owned())
        } else {
            known(vocab::AGE_BANDS, &params.age)
        },
    })
}

fn choices(values: &[(String, String)], current: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|(value, label)| Choice {
            value: value.clone(),
            label: label.clone(),
            checked: value == current,
        })
        .collect()
}

fn vocabulary(values: vocab::Values) -> Vec<(String, String)> {
    values
        .iter()
        .map(|(code, label)| ((*code).to_owned(), (*label).to_owned()))
        .collect()
}

fn hours_text(minutes: i64) -> String {
    let hours = minutes / 60;
    match minutes % 60 {
        0 => format!("{hours} h"),
        rest => format!("{hours} h {rest:02}"),
    }
}

/// Staff sections: exact figures (staff pages are not subject to the small-cell rule).
fn staff_sections(
    ctx: &PageContext,
    figures: &Figures,
    places: &BTreeMap<i64, String>,
) -> Vec<Section> {
    let count = |n: i64| (n, n.to_string());
    let label = |values: vocab::Values, code: &str| {
        let found = vocab::label(values, code);
        if found.is_empty() {
            code.to_owned()
        } else {
            found.to_owned()
        }
    };
    let mut sections = vec![Section::new(
        "stats-months",
        ctx.t("stats-section-months"),
        ctx.t("stats-column-records"),
        figures
            .months
            .iter()
            .map(|(month, c)| {
                let (v, t) = count(c.records);
                (crate::diagnostic::views::month_label(month), v, t)
            })
            .collect(),
    )];
    if !figures.is_theme_only {
        sections.push(Section::new(
            "stats-themes",
            ctx.t("stats-section-themes"),
            ctx.t("stats-column-records"),
            figures
                .themes
                .iter()
                .map(|(code, c)| {
                    let (v, t) = count(c.records);
                    (label(vocab::THEMES, code), v, t)
                })
                .collect(),
        ));
    }
    sections.push(Section::new(
        "stats-ages",
        ctx.t("stats-section-ages"),
        ctx.t("stats-column-people"),
        figures
            .age_bands
            .iter()
            .map(|(code, n)| {
                let (v, t) = count(*n);
                (label(vocab::AGE_BANDS, code), v, t)
            })
            .collect(),
    ));
    if !figures.is_theme_only {
        for (id, key, values, list) in [
            (
                "stats-genders",
                "stats-section-genders",
                vocab::GENDERS,
                &figures.genders,
            ),
            (
                "stats-autonomy",
                "stats-section-autonomy",
                vocab::AUTONOMY,
                &figures.autonomy,
            ),
            (
                "stats-equipment",
                "stats-section-equipment",
                vocab::EQUIPMENT,
                &figures.equipment,
            ),
            (
                "stats-prevention",
                "stats-section-prevention",
                vocab::PREVENTION,
                &figures.prevention,
            ),
        ] {
            let header = if id == "stats-genders" {
                ctx.t("stats-column-people")
            } else {
                ctx.t("stats-column-records")
            };
            sections.push(Section::new(
                id,
                ctx.t(key),
                header,
                list.iter()
                    .map(|(code, n)| {
                        let (v, t) = count(*n);
                        (label(values, code), v, t)
                    })
                    .collect(),
            ));
        }
    }
    sections.push(Section::new(
        "stats-places",
        ctx.t("stats-section-places"),
        ctx.t("stats-column-records"),
        figures
            .places
            .iter()
            .map(|(id, c)| {
                let name = places
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| ctx.t("stats-no-place"));
                let (v, t) = count(c.records);
                (name, v, t)
            })
            .collect(),
    ));
    sections
}

/// "12 / 15 (80 %)", or "0 / 0".
fn share_text(part: i64, whole: i64) -> String {
    match super::domains::percent(part, whole) {
        Some(p) => format!("{part} / {whole} ({p} %)"),
        None => format!("{part} / {whole}"),
    }
}

/// Staff sections of the other domains' figures (exact, like the rest of the dashboard).
fn domain_sections(
    ctx: &PageContext,
    figures: &DomainFigures,
    questionnaire: &Questionnaire,
) -> Vec<Section> {
    let nothing = ctx.t("stats-domains-nothing");
    let bars = |items: Vec<(String, i64)>| -> Vec<(String, i64, String)> {
        items
            .into_iter()
            .map(|(label, n)| (label, n, n.to_string()))
            .collect()
    };
    let mut sections = Vec::new();
    sections.push(
        Section::new(
            "stats-referral-states",
            ctx.t("stats-section-referral-states"),
            ctx.t("stats-column-referrals"),
            bars(
                figures
                    .referral_states
                    .iter()
                    .map(|(state, n)| (ctx.t(&format!("referrals-state-{state}")), *n))
                    .collect(),
            ),
        )
        .when_empty(nothing.clone()),
    );
    sections.push(
        Section::new(
            "stats-referral-destinations",
            ctx.t("stats-section-referral-destinations"),
            ctx.t("stats-column-referrals"),
            bars(
                figures
                    .referral_destinations
                    .iter()
                    .map(|(place, n)| {
                        let label = if place.is_empty() {
                            ctx.t("stats-destination-removed")
                        } else {
                            place.clone()
                        };
                        (label, *n)
                    })
                    .collect(),
            ),
        )
        .when_empty(nothing.clone()),
    );
    let workshops = &figures.workshops;
    let workshop_rows = if workshops.sessions == 0 {
        Vec::new()
    } else {
        vec![
            (
                ctx.t("stats-workshops-sessions"),
                workshops.sessions.to_string(),
            ),
            (
                ctx.t("stats-workshops-cancelled"),
                workshops.cancelled.to_string(),
            ),
            (
                ctx.t("stats-workshops-marked"),
                workshops.marked.to_string(),
            ),
            (
                ctx.t("stats-workshops-present"),
                workshops.present.to_string(),
            ),
            (
                ctx.t("stats-workshops-attendance"),
                share_text(workshops.present, workshops.seats),
            ),
        ]
    };
    sections.push(
        Section::table(
            "stats-workshops",
            ctx.t("stats-section-workshops"),
            ctx.t("stats-column-value"),
            workshop_rows,
        )
        .when_empty(nothing.clone()),
    );
    sections.push(
        Section::new(
            "stats-workshop-levels",
            ctx.t("stats-section-workshop-levels"),
            ctx.t("stats-column-people"),
            bars(
                workshops
                    .present_by_level
                    .iter()
                    .map(|(level, n)| (vocab::label(vocab::WORKSHOP_LEVELS, level).to_owned(), *n))
                    .collect(),
            ),
        )
        .when_empty(nothing.clone()),
    );
    let diagnostic = |dimension: &str, value: &str| {
        figures
            .diagnostics
            .get(&(dimension.to_owned(), value.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    let mut profiles = Vec::new();
    if diagnostic("total", "total") > 0 || !figures.diagnostics.is_empty() {
        profiles.push((
            ctx.t("stats-diagnostics-total"),
            diagnostic("total", "total"),
        ));
        for profile in &questionnaire.profiles {
            profiles.push((profile.label.clone(), diagnostic("profil", &profile.id)));
        }
    }
    sections.push(
        Section::new(
            "stats-diagnostic-profiles",
            ctx.t("stats-section-diagnostic-profiles"),
            ctx.t("stats-column-people"),
            bars(profiles),
        )
        .when_empty(nothing.clone()),
    );
    let mut levels = Vec::new();
    for domain in &questionnaire.domains {
        let dimension = format!("niveau:{}", domain.id);
        for level in &questionnaire.levels {
            let n = diagnostic(&dimension, &level.id);
            if n > 0 {
                levels.push((format!("{} : {}", domain.label, level.label), n));
            }
        }
    }
    sections.push(
        Section::new(
            "stats-diagnostic-levels",
            ctx.t("stats-section-diagnostic-levels"),
            ctx.t("stats-column-people"),
            bars(levels),
        )
        .when_empty(nothing.clone()),
    );
    let permanences = &figures.permanences;
    let permanence_rows = if permanences.held + permanences.cancelled + permanences.upcoming == 0 {
        Vec::new()
    } else {
        vec![
            (
                ctx.t("stats-permanences-held"),
                permanences.held.to_string(),
            ),
            (
                ctx.t("stats-permanences-covered"),
                share_text(permanences.covered, permanences.held),
            ),
            (
                ctx.t("stats-permanences-hours"),
                hours_text(permanences.minutes),
            ),
            (
                ctx.t("stats-permanences-cancelled"),
                permanences.cancelled.to_string(),
            ),
            (
                ctx.t("stats-permanences-upcoming"),
                share_text(permanences.upcoming_covered, permanences.upcoming),
            ),
        ]
    };
    sections.push(
        Section::table(
            "stats-permanences",
            ctx.t("stats-section-permanences"),
            ctx.t("stats-column-value"),
            permanence_rows,
        )
        .when_empty(nothing.clone()),
    );
    sections.push(
        Section::new(
            "stats-permanence-places",
            ctx.t("stats-section-permanence-places"),
            ctx.t("stats-column-coverage"),
            permanences
                .by_place
                .iter()
                .map(|(place, held, covered)| (place.clone(), *held, share_text(*covered, *held)))
                .collect(),
        )
        .when_empty(nothing.clone()),
    );
    let charters = &figures.charters;
    sections.push(Section::table(
        "stats-charters",
        ctx.t("stats-section-charters"),
        ctx.t("stats-column-value"),
        vec![
            (
                ctx.t1("stats-charters-signed", "version", charters.helpers_version),
                share_text(charters.signed, charters.staff),
            ),
            (
                ctx.t1(
                    "stats-charters-adhered",
                    "version",
                    charters.network_version,
                ),
                share_text(charters.adhered, charters.organizations),
            ),
        ],
    ));
    sections.push(
        Section::table(
            "stats-commitments",
            ctx.t("stats-section-commitments"),
            ctx.t("stats-column-assessments"),
            charters
                .commitments
                .iter()
                .map(|(text, [met, in_progress, not_met, none])| {
                    let text_of = |key: &str, n: &i64| ctx.t1(key, "count", n);
                    (
                        text.clone(),
                        [
                            text_of("stats-commitments-met", met),
                            text_of("stats-commitments-in-progress", in_progress),
                            text_of("stats-commitments-not-met", not_met),
                            text_of("stats-commitments-none", none),
                        ]
                        .join(", "),
                    )
                })
                .collect(),
        )
        .when_empty(nothing),
    );
    sections
}

async fn show_dashboard(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(params): Query<StatsParams>,
) -> AppResult<Response> {
    let scope = super::scope_of(&state.db, &user).await?;
    let today = crate::permanences::today(state.clock.now());
    let query = checked_query(&params, scope.clone(), today)?;
    let figures = super::figures(&state.db, &query).await?;
    let domains = super::domains::domain_figures(&state.db, &query, state.clock.now()).await?;
    let labels = super::place_labels(&state.db).await?;
    let ctx = PageContext::new(Some(user.clone()));
    let own_places = crate::activities::places_for(&state.db, &user).await?;
    let places: Vec<(String, String)> = own_places
        .iter()
        .map(|(id, name, commune)| (id.0.to_string(), format!("{name} ({commune})")))
        .collect();
    let organizations: Vec<(String, String)> = crate::organizations::list_organizations(&state.db)
        .await?
        .into_iter()
        .filter(|o| scope.as_ref().is_none_or(|s| s.contains(&o.id)))
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let mut ages = vec![(SENIORS.to_owned(), ctx.t("stats-age-seniors"))];
    ages.extend(vocabulary(vocab::AGE_BANDS));
    let kinds = vec![
        ("individuel".to_owned(), ctx.t("stats-kind-individual")),
        ("collectif".to_owned(), ctx.t("stats-kind-collective")),
    ];
    let share = figures
        .last_click_share()
        .map_or_else(|| "—".to_owned(), |p| format!("{p} %"));
    let mut totals = vec![
        (
            ctx.t("stats-total-records"),
            figures.totals.records.to_string(),
        ),
        (
            ctx.t("stats-total-people"),
            figures.totals.people.to_string(),
        ),
        (
            ctx.t("stats-total-hours"),
            hours_text(figures.totals.minutes),
        ),
    ];
    if !figures.is_theme_only {
        totals.push((
            ctx.t("stats-total-first-visits"),
            figures.first_visits.to_string(),
        ));
        totals.push((ctx.t("stats-total-last-click"), share));
        totals.push((
            ctx.t("stats-total-checklist"),
            format!("{} / {}", figures.checklist.0, figures.checklist.1),
        ));
    }
    let page = DashboardPage {
        from: query.from.format("%Y-%m-%d").to_string(),
        to: query.to.format("%Y-%m-%d").to_string(),
        is_last_quarter: params.periode == "trimestre-precedent",
        places: choices(&places, &params.lieu),
        organizations: choices(&organizations, &params.structure),
        kinds: choices(&kinds, &params.kind),
        themes: choices(&vocabulary(vocab::THEMES), &params.theme),
        ages: choices(&ages, &params.age),
        totals,
        sections: staff_sections(&ctx, &figures, &labels),
        domain_sections: domain_sections(&ctx, &domains, &state.config.diagnostic),
        is_theme_only: figures.is_theme_only,
        report_query: params.to_query_string(&query),
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Suppressed `(label, drawn value, text)` items of a list that adds up to a total.
fn suppressed_items(ctx: &PageContext, items: Vec<(String, i64)>) -> Vec<(String, i64, String)> {
    let counts: Vec<i64> = items.iter().map(|(_, n)| *n).collect();
    let (cells, _) = suppress::suppress_list(&counts);
    let masked = ctx.t("stats-masked");
    items
        .into_iter()
        .zip(cells)
        .map(|((label, _), cell)| {
            let drawn = match cell {
                Cell::Shown(n) => n,
                _ => 0,
            };
            (label, drawn, cell.text(&masked))
        })
        .collect()
}

/// The network's figures over the last twelve months, with the small-cell rule.
async fn show_public_statistics(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> AppResult<Response> {
    let today = crate::permanences::today(state.clock.now());
    let (from, to) = default_period(today);
    let query = StatsQuery {
        from,
        to,
        organizations: None,
        place: None,
        kind: None,
        theme: None,
        age: None,
    };
    let figures = super::figures(&state.db, &query).await?;
    let labels = super::place_labels(&state.db).await?;
    let ctx = PageContext::new(user);
    let masked = ctx.t("stats-masked");
    let alone = |n: i64| suppress::suppress_alone(n).text(&masked);
    let totals = vec![
        (ctx.t("stats-total-records"), alone(figures.totals.records)),
        (ctx.t("stats-total-people"), alone(figures.totals.people)),
        (
            ctx.t("stats-total-hours"),
            hours_text(figures.totals.minutes),
        ),
    ];
    let themes: Vec<(String, i64, String)> = figures
        .themes
        .iter()
        .map(|(code, c)| {
            let cell = suppress::suppress_alone(c.records);
            let drawn = if cell.is_hidden() { 0 } else { c.records };
            (
                vocab::label(vocab::THEMES, code).to_owned(),
                drawn,
                cell.text(&masked),
            )
        })
        .collect();
    let sections = vec![
        Section::new(
            "stats-months",
            ctx.t("stats-section-months"),
            ctx.t("stats-column-records"),
            suppressed_items(
                &ctx,
                figures
                    .months
                    .iter()
                    .map(|(m, c)| (crate::diagnostic::views::month_label(m), c.records))
                    .collect(),
            ),
        ),
        Section::new(
            "stats-themes",
            ctx.t("stats-section-themes"),
            ctx.t("stats-column-records"),
            themes,
        ),
        Section::new(
            "stats-places",
            ctx.t("stats-section-places"),
            ctx.t("stats-column-records"),
            suppressed_items(
                &ctx,
                figures
                    .places
                    .iter()
                    .map(|(id, c)| {
                        let name = labels
                            .get(id)
                            .cloned()
                            .unwrap_or_else(|| ctx.t("stats-no-place"));
                        (name, c.records)
                    })
                    .collect(),
            ),
        ),
    ];
    let period = ctx.t_args2(
        "stats-public-period",
        "from",
        crate::places::views::french_date(from),
        "to",
        crate::places::views::french_date(to),
    );
    let page = PublicPage {
        period,
        totals,
        sections,
        ctx,
    };
    Ok(render(&page)?.into_response())
}
