//! Permanence pages: the public agenda and iCalendar feeds, the managers' planning pages and
//! coverage board, and the helpers' "my permanences" page with their private feed.

use super::model::{self, Exception, ExceptionKind, PermanenceId, parse_date, parse_time};
use super::views::{
    CoveragePage, EditPage, ExceptionRow, FormView, ManagePage, MinePage, OccurrencePage,
    PermanenceRow, PublicAgendaPage, ShortfallRow, half_day_sentence, rows, translated,
};
use super::{AcknowledgementError, DutyError, Permanence, PermanenceError, ical};
use crate::accounts::{SessionUser, UserId};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::places::search::PlaceFilter;
use crate::places::{PlaceId, Visibility};
use crate::web::form::field;
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{CurrentUser, Form, MaybeUser, PageContext, RequireManager, render};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

/// How far the public agenda and the place pages look ahead.
const AGENDA_DAYS: i64 = 28;
/// How far the feeds look back and ahead.
const FEED_PAST_DAYS: i64 = 30;
const FEED_DAYS: i64 = 120;
/// How far "my permanences" looks ahead.
const MINE_DAYS: i64 = 60;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/permanences", get(public_agenda))
        .route("/agenda.ics", get(network_feed))
        .route("/lieux/{id}/agenda.ics", get(place_feed))
        .route("/agenda/encadrant/{token}", get(helper_feed))
        .route("/gestion/lieux/{id}/permanences", get(manage).post(create))
        .route("/gestion/permanences/{id}", get(edit).post(update))
        .route("/gestion/permanences/{id}/supprimer", post(delete))
        .route("/gestion/permanences/{id}/exceptions", post(add_exception))
        .route(
            "/gestion/permanences/{id}/exceptions/{exception}/supprimer",
            post(remove_exception),
        )
        .route("/gestion/permanences/{id}/seances/{date}", get(occurrence))
        .route(
            "/gestion/permanences/{id}/seances/{date}/encadrants",
            post(assign),
        )
        .route(
            "/gestion/permanences/{id}/seances/{date}/encadrants/{user}/retirer",
            post(unassign),
        )
        .route("/gestion/couverture", get(coverage))
        .route("/mes-permanences", get(mine))
        .route("/mes-permanences/{id}/{date}/je-viens", post(volunteer))
        .route("/mes-permanences/{id}/{date}/je-me-retire", post(withdraw))
        .route(
            "/mes-permanences/{id}/{date}/charte-publique",
            post(acknowledge),
        )
        .route("/mes-permanences/agenda", post(renew_feed))
        .route("/mes-permanences/agenda/supprimer", post(revoke_feed))
        .route("/lieux/{id}/affiche", get(poster_page))
        .route("/lieux/{id}/affiche.pdf", get(poster_pdf))
        .route(
            "/gestion/lieux/{id}/affiche",
            get(edit_poster).post(save_poster),
        )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AgendaQuery {
    commune: Option<String>,
    rayon: Option<String>,
}

/// Next permanences of the network, or near a commune.
async fn public_agenda(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<AgendaQuery>,
) -> AppResult<Response> {
    let commune = query.commune.unwrap_or_default().trim().to_owned();
    let radius_km = query
        .rayon
        .as_deref()
        .and_then(|r| r.trim().parse::<u32>().ok())
        .filter(|r| (1..=50).contains(r))
        .unwrap_or(10);
    let now = state.clock.now();
    let from = super::today(now);
    let to = from + Duration::days(AGENDA_DAYS - 1);
    let mut unknown_commune = false;
    let near: Option<Vec<i64>> = if commune.is_empty() {
        None
    } else {
        let index = crate::places::routes::current_index(&state).await?;
        let results = index.search(
            &PlaceFilter {
                commune: commune.clone(),
                radius_km: Some(f64::from(radius_km)),
                page: 1,
                per_page: usize::MAX,
                ..PlaceFilter::default()
            },
            now,
        );
        unknown_commune = results.unknown_commune;
        Some(results.hits.iter().map(|hit| hit.place.id.0).collect())
    };
    let items = super::agenda(&state.db, from, to, |p| {
        p.place_is_public && near.as_ref().is_none_or(|ids| ids.contains(&p.place_id.0))
    })
    .await?;
    // The network's public events (news) of the same weeks.
    let events = crate::news::upcoming_events(&state.db, true, now)
        .await?
        .into_iter()
        .filter(|item| item.data.starts_at.is_some_and(|at| super::today(at) <= to))
        .map(|item| {
            let when = item
                .data
                .starts_at
                .map(|at| {
                    let local = at.with_timezone(&crate::places::hours::TIME_ZONE);
                    format!(
                        "{}, {}",
                        super::model::french_day(local.date_naive()),
                        super::model::french_time(local.time())
                    )
                })
                .unwrap_or_default();
            (item.id.0, item.data.title, when)
        })
        .collect();
    let page = PublicAgendaPage {
        ctx: PageContext::new(user),
        events,
        commune,
        radius_km,
        rows: rows(&items),
        unknown_commune,
    };
    Ok(public(render(&page)?.into_response()))
}

fn public(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}

fn calendar_response(body: String, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

fn feed_window(state: &AppState) -> (NaiveDate, NaiveDate) {
    let today = super::today(state.clock.now());
    (
        today - Duration::days(FEED_PAST_DAYS),
        today + Duration::days(FEED_DAYS),
    )
}

async fn network_feed(State(state): State<AppState>) -> AppResult<Response> {
    let (from, to) = feed_window(&state);
    let items = super::agenda(&state.db, from, to, |p| p.place_is_public).await?;
    let body = ical::feed(
        "Permanences numériques du réseau",
        &items,
        public_url(&state).as_deref(),
        state.clock.now(),
    );
    Ok(calendar_response(body, "public, max-age=300"))
}

fn public_url(state: &AppState) -> Option<String> {
    state
        .config
        .public_url
        .as_ref()
        .map(|url| url.as_str().trim_end_matches('/').to_owned())
}

async fn place_feed(State(state): State<AppState>, Path(id): Path<String>) -> AppResult<Response> {
    let place = crate::places::find_place(&state.db, parse_place(&id)?).await?;
    if place.visibility != Visibility::Public {
        return Err(AppError::NotFound);
    }
    let (from, to) = feed_window(&state);
    let items = super::place_agenda(&state.db, place.id, from, to).await?;
    let body = ical::feed(
        &format!("Permanences – {}", place.record.nom),
        &items,
        public_url(&state).as_deref(),
        state.clock.now(),
    );
    Ok(calendar_response(body, "public, max-age=300"))
}

async fn helper_feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let helper = super::helper_of_feed(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, to) = feed_window(&state);
    let items: Vec<_> = super::agenda(&state.db, from, to, |_| true)
        .await?
        .into_iter()
        .filter(|item| item.helpers.iter().any(|(id, _)| *id == helper))
        .collect();
    let body = ical::feed(
        "Mes permanences",
        &items,
        public_url(&state).as_deref(),
        state.clock.now(),
    );
    Ok(calendar_response(body, "private, no-store"))
}

fn parse_place(id: &str) -> AppResult<PlaceId> {
    id.parse().map(PlaceId).map_err(|_| AppError::NotFound)
}

fn parse_permanence(id: &str) -> AppResult<PermanenceId> {
    id.parse().map(PermanenceId).map_err(|_| AppError::NotFound)
}

fn parse_day(date: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| AppError::NotFound)
}

/// The place `id` if `user` may plan its permanences.
async fn plannable_place(
    state: &AppState,
    user: &SessionUser,
    id: &str,
) -> AppResult<crate::places::Place> {
    let place = crate::places::find_place(&state.db, parse_place(id)?).await?;
    if !super::can_plan(&state.db, user, place.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(place)
}

/// The permanence `id` if `user` may plan it.
async fn plannable(state: &AppState, user: &SessionUser, id: &str) -> AppResult<Permanence> {
    let permanence = super::find_permanence(&state.db, parse_permanence(id)?).await?;
    if !super::can_plan(&state.db, user, permanence.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(permanence)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InfoQuery {
    info: Option<String>,
}

async fn manage_page(
    state: &AppState,
    ctx: PageContext,
    place: &crate::places::Place,
    form: FormView,
) -> AppResult<ManagePage> {
    let now = state.clock.now();
    let from = super::today(now);
    let permanences = super::permanences_of_place(&state.db, place.id).await?;
    let items = super::place_agenda(
        &state.db,
        place.id,
        from,
        from + Duration::days(AGENDA_DAYS - 1),
    )
    .await?;
    let half_day = super::half_day_of_place(&state.db, place.id, now).await?;
    Ok(ManagePage {
        ctx,
        place_id: place.id.0,
        place_name: place.record.nom.clone(),
        permanences: permanences
            .iter()
            .map(|(p, _)| PermanenceRow::new(p))
            .collect(),
        rows: rows(&items),
        half_day: half_day_sentence(&half_day),
        half_day_met: half_day.is_met(),
        form,
    })
}

async fn manage(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let place = plannable_place(&state, &user, &id).await?;
    let form = FormView::blank(super::today(state.clock.now()));
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = manage_page(&state, ctx, &place, form).await?;
    Ok(render(&page)?.into_response())
}

async fn create(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let place = plannable_place(&state, &user, &id).await?;
    match checked_form(&pairs) {
        Ok(data) => {
            let id =
                super::create_permanence(&state.db, state.clock.now(), user.id, place.id, &data)
                    .await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/permanences/{}", id.0),
                "permanence-saved",
            ))
            .into_response())
        }
        Err(errors) => {
            let ctx = PageContext::new(Some(user));
            let form = FormView::new(pairs, errors);
            let page = manage_page(&state, ctx, &place, form).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// The free-text fields of the permanence form, which the privacy guard reads.
const TEXT_FIELDS: [&str; 2] = ["titre", "note"];

/// The permanence form checked by its rules and its free text by the privacy guard; on a
/// refusal, every French message at once.
fn checked_form(
    pairs: &[(String, String)],
) -> Result<model::PermanenceData, Vec<(String, String)>> {
    let ctx = PageContext::anonymous();
    let guarded = crate::privacy::check_fields(&ctx.tr, pairs, &TEXT_FIELDS);
    match model::parse_form(pairs) {
        Ok(data) if guarded.is_empty() => Ok(data),
        Ok(_) => Err(guarded),
        Err(errors) => Err(translated(&ctx, &errors)
            .into_iter()
            .chain(guarded)
            .collect()),
    }
}

async fn edit_page(
    state: &AppState,
    ctx: PageContext,
    permanence: &Permanence,
    form: FormView,
    exception_values: Vec<(String, String)>,
    exception_error: Option<String>,
) -> AppResult<EditPage> {
    let exceptions = super::permanences_of_place(&state.db, permanence.place_id)
        .await?
        .into_iter()
        .find(|(p, _)| p.id == permanence.id)
        .map(|(_, e)| e)
        .unwrap_or_default();
    Ok(EditPage {
        ctx,
        id: permanence.id.0,
        place_id: permanence.place_id.0,
        place_name: permanence.place_name.clone(),
        form,
        exceptions: exceptions.iter().map(ExceptionRow::new).collect(),
        exception_values,
        exception_error,
    })
}

async fn edit(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let form = FormView::new(model::form_pairs(&permanence.data), Vec::new());
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = edit_page(&state, ctx, &permanence, form, Vec::new(), None).await?;
    Ok(render(&page)?.into_response())
}

async fn update(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    match checked_form(&pairs) {
        Ok(data) => {
            super::update_permanence(&state.db, state.clock.now(), user.id, permanence.id, &data)
                .await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/permanences/{}", permanence.id.0),
                "permanence-saved",
            ))
            .into_response())
        }
        Err(errors) => {
            let ctx = PageContext::new(Some(user));
            let form = FormView::new(pairs, errors);
            let page = edit_page(&state, ctx, &permanence, form, Vec::new(), None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn delete(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    super::delete_permanence(&state.db, state.clock.now(), user.id, permanence.id).await?;
    Ok(Redirect::to(&urls::with_notice(
        &format!("/gestion/lieux/{}/permanences", permanence.place_id.0),
        "permanence-deleted",
    ))
    .into_response())
}

async fn add_exception(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let get = |name: &str| field(&pairs, name).to_owned();
    let kind = if get("type") == "extra" {
        ExceptionKind::Extra
    } else {
        ExceptionKind::Cancelled
    };
    let ctx = PageContext::new(Some(user.clone()));
    let times = match (
        parse_time(&get("heure_debut")),
        parse_time(&get("heure_fin")),
    ) {
        (Some(start), Some(end)) => Some((start, end)),
        _ => None,
    };
    // The public reason is free text: the privacy guard reads it first.
    let guarded = crate::privacy::check_fields(&ctx.tr, &pairs, &["motif"]).pop();
    let outcome = match (parse_date(&get("date")), guarded) {
        (None, _) => Err(ctx.t("permanences-error-exception-date")),
        (Some(_), Some((_, message))) => Err(message),
        (Some(on_date), None) => {
            let exception = Exception {
                id: 0,
                on_date,
                kind,
                reason: get("motif"),
                times,
            };
            match super::add_exception(
                &state.db,
                state.clock.now(),
                user.id,
                &permanence,
                &exception,
            )
            .await
            {
                Ok(()) => Ok(()),
                Err(PermanenceError::Exception(error)) => Err(ctx.t(error.message_key())),
                Err(PermanenceError::Store(error)) => return Err(error.into()),
                Err(PermanenceError::Duty(_) | PermanenceError::Acknowledgement(_)) => {
                    Err(ctx.t("error-bad-request"))
                }
            }
        }
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&urls::with_notice(
            &format!("/gestion/permanences/{}", permanence.id.0),
            "permanence-exception-saved",
        ))
        .into_response()),
        Err(message) => {
            let form = FormView::new(model::form_pairs(&permanence.data), Vec::new());
            let page = edit_page(&state, ctx, &permanence, form, pairs, Some(message)).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn remove_exception(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path((id, exception)): Path<(String, String)>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let exception: i64 = exception.parse().map_err(|_| AppError::NotFound)?;
    super::remove_exception(
        &state.db,
        state.clock.now(),
        user.id,
        permanence.id,
        exception,
    )
    .await?;
    Ok(Redirect::to(&urls::with_notice(
        &format!("/gestion/permanences/{}", permanence.id.0),
        "permanence-exception-removed",
    ))
    .into_response())
}

/// The row of one occurrence, or 404 when the date is not one of the permanence's.
async fn occurrence_row(
    state: &AppState,
    permanence: &Permanence,
    date: NaiveDate,
) -> AppResult<super::views::OccurrenceRow> {
    let items = super::place_agenda(&state.db, permanence.place_id, date, date).await?;
    items
        .iter()
        .find(|item| item.permanence.id == permanence.id)
        .map(super::views::OccurrenceRow::new)
        .ok_or(AppError::NotFound)
}

async fn occurrence_page(
    state: &AppState,
    user: SessionUser,
    permanence: &Permanence,
    date: NaiveDate,
    error: Option<DutyError>,
    notice: Option<&str>,
) -> AppResult<OccurrencePage> {
    let mut row = occurrence_row(state, permanence, date).await?;
    row.is_today = date == super::today(state.clock.now());
    let candidates = super::possible_helpers(&state.db, permanence)
        .await?
        .into_iter()
        .filter(|(id, _)| !row.has_helper(&id.0))
        .map(|(id, name)| (id.0, name))
        .collect();
    let ctx = PageContext::new(Some(user)).with_notice_code(notice);
    Ok(OccurrencePage {
        error: error.map(|e| ctx.t(e.message_key())),
        needs_charter: error == Some(DutyError::CharterNotSigned),
        ctx,
        row,
        candidates,
    })
}

async fn occurrence(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path((id, date)): Path<(String, String)>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let date = parse_day(&date)?;
    let page =
        occurrence_page(&state, user, &permanence, date, None, query.info.as_deref()).await?;
    Ok(render(&page)?.into_response())
}

fn occurrence_url(permanence: &Permanence, date: NaiveDate) -> String {
    format!("/gestion/permanences/{}/seances/{date}", permanence.id.0)
}

async fn assign(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path((id, date)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let date = parse_day(&date)?;
    let helper = field(&pairs, "encadrant").parse::<i64>().ok().map(UserId);
    let result = match helper {
        Some(helper) => {
            super::put_on_duty(
                &state.db,
                state.clock.now(),
                user.id,
                &permanence,
                date,
                helper,
            )
            .await
        }
        None => Err(PermanenceError::Duty(DutyError::NotAMember)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&urls::with_notice(
            &occurrence_url(&permanence, date),
            "permanence-duty-saved",
        ))
        .into_response()),
        Err(PermanenceError::Duty(error)) => {
            let page = occurrence_page(&state, user, &permanence, date, Some(error), None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(PermanenceError::Exception(_) | PermanenceError::Acknowledgement(_)) => {
            Err(AppError::NotFound)
        }
        Err(PermanenceError::Store(error)) => Err(error.into()),
    }
}

async fn unassign(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path((id, date, helper)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let permanence = plannable(&state, &user, &id).await?;
    let date = parse_day(&date)?;
    let helper: i64 = helper.parse().map_err(|_| AppError::NotFound)?;
    super::take_off_duty(
        &state.db,
        state.clock.now(),
        user.id,
        permanence.id,
        date,
        UserId(helper),
    )
    .await?;
    Ok(Redirect::to(&urls::with_notice(
        &occurrence_url(&permanence, date),
        "permanence-duty-removed",
    ))
    .into_response())
}

async fn coverage(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
) -> AppResult<Response> {
    let now = state.clock.now();
    let uncovered = super::uncovered(&state.db, &user, now).await?;
    let show_shortfalls = user.role == crate::accounts::Role::Coordinator;
    let shortfalls = if show_shortfalls {
        super::half_day_shortfalls(&state.db, now)
            .await?
            .into_iter()
            .map(|s| ShortfallRow {
                place_id: s.place.0,
                name: s.name,
                commune: s.commune,
                least: model::french_duration(s.measure.least_minutes()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let acknowledgements = if show_shortfalls {
        super::public_charter_acknowledgements(&state.db, now).await?
    } else {
        0
    };
    let page = CoveragePage {
        ctx: PageContext::new(Some(user)),
        rows: rows(&uncovered),
        shortfalls,
        show_shortfalls,
        acknowledgements,
    };
    Ok(render(&page)?.into_response())
}

async fn mine_page(
    state: &AppState,
    user: SessionUser,
    new_feed_url: Option<String>,
    error: Option<DutyError>,
    notice: Option<&str>,
) -> AppResult<MinePage> {
    let now = state.clock.now();
    let from = super::today(now);
    let scope = super::scope_of(&state.db, &user).await?;
    let items = super::agenda(&state.db, from, from + Duration::days(MINE_DAYS - 1), |p| {
        scope(p)
    })
    .await?;
    let me = user.id;
    let (duties, open): (Vec<_>, Vec<_>) = items
        .iter()
        .filter(|item| item.occurrence.is_held())
        .partition(|item| item.helpers.iter().any(|(id, _)| *id == me));
    let open_horizon = from + Duration::days(AGENDA_DAYS - 1);
    let has_feed = super::has_helper_feed(&state.db, me).await?;
    Ok(MinePage {
        duties: super::views::rows_on(&duties, from),
        open: open
            .into_iter()
            .filter(|item| item.occurrence.date <= open_horizon)
            .map(super::views::OccurrenceRow::new)
            .collect(),
        has_feed,
        new_feed_url,
        needs_charter: error == Some(DutyError::CharterNotSigned),
        error: error.map(|e| PageContext::anonymous().t(e.message_key())),
        ctx: PageContext::new(Some(user)).with_notice_code(notice),
    })
}

async fn mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let page = mine_page(&state, user, None, None, query.info.as_deref()).await?;
    Ok(render(&page)?.into_response())
}

async fn volunteer(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, date)): Path<(String, String)>,
) -> AppResult<Response> {
    let permanence = super::find_permanence(&state.db, parse_permanence(&id)?).await?;
    let date = parse_day(&date)?;
    match super::put_on_duty(
        &state.db,
        state.clock.now(),
        user.id,
        &permanence,
        date,
        user.id,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&urls::with_notice(
            "/mes-permanences",
            "permanence-volunteered",
        ))
        .into_response()),
        Err(PermanenceError::Duty(error)) => {
            let page = mine_page(&state, user, None, Some(error), None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(PermanenceError::Exception(_) | PermanenceError::Acknowledgement(_)) => {
            Err(AppError::NotFound)
        }
        Err(PermanenceError::Store(error)) => Err(error.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, date)): Path<(String, String)>,
) -> AppResult<Response> {
    let permanence = parse_permanence(&id)?;
    let date = parse_day(&date)?;
    super::take_off_duty(
        &state.db,
        state.clock.now(),
        user.id,
        permanence,
        date,
        user.id,
    )
    .await?;
    Ok(Redirect::to(&urls::with_notice(
        "/mes-permanences",
        "permanence-withdrawn",
    ))
    .into_response())
}

async fn renew_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let token = super::renew_helper_feed(&state.db, state.clock.now(), user.id).await?;
    let path = format!("/agenda/encadrant/{token}");
    let url = match public_url(&state) {
        Some(base) => format!("{base}{path}"),
        None => path,
    };
    let page = mine_page(&state, user, Some(url), None, None).await?;
    crate::web::page::render_private(&page)
}

async fn revoke_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    super::revoke_helper_feed(&state.db, state.clock.now(), user.id).await?;
    Ok(Redirect::to(&urls::with_notice(
        "/mes-permanences",
        "permanence-feed-revoked",
    ))
    .into_response())
}

/// The public address of a place page: from `RELAIS_PUBLIC_URL`, or else from the `Host` the
/// browser used.
fn place_url(state: &AppState, headers: &axum::http::HeaderMap, place: PlaceId) -> String {
    format!(
        "{}/lieux/{}",
        urls::site_base(&state.config, headers),
        place.0
    )
}

/// A public place (staff also see hidden ones).
async fn shown_place(
    state: &AppState,
    user: &Option<SessionUser>,
    id: &str,
) -> AppResult<crate::places::Place> {
    let place = crate::places::find_place(&state.db, parse_place(id)?).await?;
    if place.visibility != Visibility::Public && user.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(place)
}

async fn poster_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let place = shown_place(&state, &user, &id).await?;
    let url = place_url(&state, &headers, place.id);
    let poster = super::poster_of(&state.db, &place, state.clock.now(), url).await?;
    let page = super::views::PosterPage {
        ctx: PageContext::new(user),
        place_id: place.id.0,
        qr_data_uri: super::poster::qr_data_uri(&poster.url)?,
        poster,
    };
    Ok(render(&page)?.into_response())
}

async fn poster_pdf(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let place = shown_place(&state, &user, &id).await?;
    let now = state.clock.now();
    let url = place_url(&state, &headers, place.id);
    let poster = super::poster_of(&state.db, &place, now, url).await?;
    let pdf = super::poster::typeset(poster).await?;
    if let Some(user) = &user
        && super::can_plan(&state.db, user, place.organization_id).await?
    {
        super::mark_poster_printed(&state.db, now, place.id).await?;
    }
    Ok(crate::web::pdf::inline(pdf, "affiche.pdf"))
}

async fn poster_edit_page(
    state: &AppState,
    ctx: PageContext,
    place: &crate::places::Place,
    rules: String,
    error: Option<String>,
) -> AppResult<super::views::PosterEditPage> {
    let (_, printed_at) = super::poster_info(&state.db, place.id).await?;
    let printed = match printed_at {
        Some(at) => ctx.t1(
            "poster-printed-on",
            "date",
            crate::places::views::french_date(super::today(at)),
        ),
        None => ctx.t("poster-never-printed"),
    };
    Ok(super::views::PosterEditPage {
        ctx,
        place_id: place.id.0,
        place_name: place.record.nom.clone(),
        rules,
        error,
        printed,
    })
}

async fn edit_poster(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let place = plannable_place(&state, &user, &id).await?;
    let (rules, _) = super::poster_info(&state.db, place.id).await?;
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = poster_edit_page(&state, ctx, &place, rules, None).await?;
    Ok(render(&page)?.into_response())
}

async fn save_poster(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let place = plannable_place(&state, &user, &id).await?;
    let typed = field(&pairs, "regles").to_owned();
    let guarded = crate::privacy::check_fields(&PageContext::anonymous().tr, &pairs, &["regles"]);
    let checked = match guarded.into_iter().next() {
        Some((_, message)) => Err(message),
        None => super::poster::check_rules(&typed).map_err(|key| PageContext::anonymous().t(key)),
    };
    match checked {
        Ok(rules) => {
            super::save_poster_rules(&state.db, state.clock.now(), user.id, place.id, &rules)
                .await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/lieux/{}/affiche", place.id.0),
                "poster-saved",
            ))
            .into_response())
        }
        Err(message) => {
            let ctx = PageContext::new(Some(user));
            let page = poster_edit_page(&state, ctx, &place, typed, Some(message)).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// One more person took note of the public charter (a count); back to the page the button was
/// on (`retour=seance`: the manager's occurrence page).
async fn acknowledge(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, date)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let permanence = super::find_permanence(&state.db, parse_permanence(&id)?).await?;
    let date = parse_day(&date)?;
    match super::acknowledge_public_charter(&state.db, state.clock.now(), &user, &permanence, date)
        .await
    {
        Ok(()) => {
            let back = if field(&pairs, "retour") == "seance" {
                occurrence_url(&permanence, date)
            } else {
                "/mes-permanences".to_owned()
            };
            Ok(Redirect::to(&urls::with_notice(&back, "public-charter-counted")).into_response())
        }
        Err(PermanenceError::Acknowledgement(AcknowledgementError::NotAllowed)) => {
            Err(AppError::Forbidden)
        }
        Err(PermanenceError::Acknowledgement(AcknowledgementError::NotToday)) => {
            let page =
                mine_page(&state, user, None, Some(DutyError::NotAnOccurrence), None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(PermanenceError::Store(error)) => Err(error.into()),
        Err(PermanenceError::Duty(_) | PermanenceError::Exception(_)) => Err(AppError::NotFound),
    }
}
