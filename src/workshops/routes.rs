//! Workshop pages: the public agenda and a page per workshop with registration, the private
//! registration link, the flyer and the feed; for staff, the list, the form, a workshop's
//! registrations, desk registration, cancellation, attendance and the needs board.

use super::model::{self, WorkshopId};
use super::views::{
    AgendaPage, AttendancePage, FormPage, ManagePage, NeedsPage, RegisteredPage, RegistrationPage,
    SessionRow, ShowPage, StaffPage, StaffRow, WorkshopSummary, agenda_rows, choices, count_groups,
    need_lines, person_rows, status_key, when,
};
use super::{Informed, RegistrationStatus, WorkshopError};
use crate::accounts::SessionUser;
use crate::activities::vocab;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::places::search::PlaceFilter;
use crate::web::page::{Choice, render_with_status};
use crate::web::urls;
use crate::web::{ClientIp, CurrentUser, Form, MaybeUser, PageContext, RequireManager, render};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Duration;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ateliers", get(agenda))
        .route("/ateliers.ics", get(feed))
        .route("/ateliers/{id}", get(show))
        .route("/ateliers/{id}/inscription", post(register))
        .route("/ateliers/{id}/affiche.pdf", get(flyer))
        .route(
            "/ateliers/inscription/{token}",
            get(registration).post(cancel_own),
        )
        .route("/gestion/ateliers", get(manage).post(create))
        .route("/gestion/ateliers/nouveau", get(new))
        .route("/gestion/ateliers/{id}", get(staff_show))
        .route("/gestion/ateliers/{id}/inscriptions", post(desk_register))
        .route(
            "/gestion/ateliers/{id}/inscriptions/{registration}/annuler",
            post(staff_cancel_registration),
        )
        .route("/gestion/ateliers/{id}/annuler", post(cancel_workshop))
        .route(
            "/gestion/ateliers/seances/{session}/presence",
            get(attendance_form).post(attendance),
        )
        .route("/gestion/besoins", get(needs))
}

fn parse_id(text: &str) -> AppResult<WorkshopId> {
    text.parse::<i64>()
        .map(WorkshopId)
        .map_err(|_| AppError::NotFound)
}

fn today(state: &AppState) -> chrono::NaiveDate {
    crate::permanences::today(state.clock.now())
}

fn public(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AgendaQuery {
    theme: String,
    niveau: String,
    commune: String,
    du: String,
}

/// Next 60 days of workshops, by theme, level, commune (20 km around) and start date.
async fn agenda(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<AgendaQuery>,
) -> AppResult<Response> {
    let today = today(&state);
    let from = crate::permanences::model::parse_date(&query.du)
        .filter(|d| *d >= today)
        .unwrap_or(today);
    let to = from + Duration::days(model::AGENDA_DAYS);
    let commune: String = query.commune.trim().chars().take(80).collect();
    let mut unknown_commune = false;
    let near: Option<Vec<i64>> = if commune.is_empty() {
        None
    } else {
        let index = crate::places::routes::current_index(&state).await?;
        let postcode = commune.len() == 5 && commune.chars().all(|c| c.is_ascii_digit());
        let results = index.search(
            &PlaceFilter {
                commune: commune.clone(),
                radius_km: (!postcode).then_some(crate::diagnostic::NEXT_STEPS_RADIUS_KM),
                page: 1,
                per_page: usize::MAX,
                ..PlaceFilter::default()
            },
            state.clock.now(),
        );
        unknown_commune = results.unknown_commune;
        Some(results.hits.iter().map(|hit| hit.place.id.0).collect())
    };
    let theme = vocab::is_known(vocab::THEMES, &query.theme).then_some(query.theme.as_str());
    let level =
        vocab::is_known(vocab::WORKSHOP_LEVELS, &query.niveau).then_some(query.niveau.as_str());
    let items = super::agenda(&state.db, from, to, |w| {
        theme.is_none_or(|t| w.themes.iter().any(|own| own == t))
            && level.is_none_or(|l| w.level == l)
            && near.as_ref().is_none_or(|ids| ids.contains(&w.place.0))
    })
    .await?;
    let ctx = PageContext::new(user);
    let page = AgendaPage {
        rows: agenda_rows(&ctx, &items),
        themes: choices(vocab::THEMES, &[query.theme.as_str()]),
        levels: choices(vocab::WORKSHOP_LEVELS, &[query.niveau.as_str()]),
        commune,
        from: if from == today {
            String::new()
        } else {
            from.to_string()
        },
        unknown_commune,
        ctx,
    };
    Ok(public(render(&page)?.into_response()))
}

async fn feed(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let today = today(&state);
    let items = super::agenda(
        &state.db,
        today - Duration::days(30),
        today + Duration::days(180),
        |_| true,
    )
    .await?;
    let body = super::ical::feed(
        &crate::i18n::Tr::french(),
        &items,
        &urls::site_base(&state.config, &headers),
        state.clock.now(),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response())
}

/// A public workshop (staff also reach those of hidden places).
async fn shown(
    state: &AppState,
    user: &Option<SessionUser>,
    id: &str,
) -> AppResult<(super::Workshop, Vec<super::Session>)> {
    let (workshop, sessions) = super::find(&state.db, parse_id(id)?).await?;
    if !workshop.place_is_public && user.is_none() {
        return Err(AppError::NotFound);
    }
    Ok((workshop, sessions))
}

async fn fees_of(state: &AppState, workshop: &super::Workshop) -> AppResult<String> {
    let place = crate::places::find_place(&state.db, workshop.place).await?;
    Ok(place.record.frais_a_charge.join(", "))
}

async fn show_page(
    state: &AppState,
    ctx: PageContext,
    id: &str,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    message: Option<String>,
) -> AppResult<ShowPage> {
    let (workshop, sessions) = shown(state, &ctx.user, id).await?;
    let today = today(state);
    let open = !workshop.cancelled && sessions.iter().any(|s| s.on_date >= today);
    Ok(ShowPage {
        workshop: WorkshopSummary::new(&ctx, &workshop),
        description: workshop.description.clone(),
        sessions: sessions.iter().map(when).collect(),
        duration: crate::permanences::model::french_duration(workshop.duration_minutes),
        fees: fees_of(state, &workshop).await?,
        open,
        values,
        errors,
        message,
        ctx,
    })
}

async fn show(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let page = show_page(
        &state,
        PageContext::new(user),
        &id,
        Vec::new(),
        Vec::new(),
        None,
    )
    .await?;
    Ok(render(&page)?.into_response())
}

fn field_errors(errors: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    let tr = crate::i18n::Tr::french();
    errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
        .collect()
}

/// A person registers (no account). A filled hidden field (`site_web`, invisible to people)
/// marks a robot: it is answered like a refusal and nothing is written.
async fn register(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ctx = PageContext::new(user);
    let workshop_id = parse_id(&id)?;
    if !crate::web::form::field(&pairs, "site_web").is_empty() {
        let page = show_page(&state, ctx, &id, pairs, Vec::new(), None).await?;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let data = match model::parse_registration(&pairs) {
        Ok(data) => data,
        Err(errors) => {
            let page = show_page(&state, ctx, &id, pairs, field_errors(&errors), None).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let now = state.clock.now();
    match super::register(&state.db, now, workshop_id, &data, Some(&ip), None).await {
        Ok(registered) => {
            let (workshop, sessions) = super::find(&state.db, workshop_id).await?;
            let link = format!(
                "{}/ateliers/inscription/{}",
                urls::site_base(&state.config, &headers),
                registered.token
            );
            let emailed = model::contact_kind(&data.contact) == model::ContactKind::Email
                && state.mailer.is_enabled()
                && send_confirmation(&state, &data, &workshop, &sessions, &link).await;
            let page = RegisteredPage {
                workshop: WorkshopSummary::new(&ctx, &workshop),
                sessions: sessions.iter().map(when).collect(),
                first_name: data.first_name,
                waiting: registered.status == RegistrationStatus::Waiting,
                link,
                emailed,
                ctx,
            };
            crate::web::page::render_private(&page)
        }
        Err(WorkshopError::Throttled) => {
            let message = ctx.t("workshops-error-throttled");
            let page = show_page(&state, ctx, &id, pairs, Vec::new(), Some(message)).await?;
            render_with_status(StatusCode::TOO_MANY_REQUESTS, &page)
        }
        Err(WorkshopError::Closed) => {
            let message = ctx.t("workshops-error-closed");
            let page = show_page(&state, ctx, &id, pairs, Vec::new(), Some(message)).await?;
            render_with_status(StatusCode::CONFLICT, &page)
        }
        Err(error) => Err(workshop_error(error)),
    }
}

/// The confirmation e-mail with the private link; a failure is logged (never the address)
/// and the link stays on screen.
async fn send_confirmation(
    state: &AppState,
    data: &model::RegistrationData,
    workshop: &super::Workshop,
    sessions: &[super::Session],
    link: &str,
) -> bool {
    let tr = crate::i18n::Tr::french();
    let body = tr.t_args(
        "workshops-mail-registered-body",
        &[
            ("name", data.first_name.clone()),
            ("title", workshop.title.clone()),
            (
                "dates",
                sessions.iter().map(when).collect::<Vec<_>>().join("\n"),
            ),
            (
                "place",
                format!("{}, {}", workshop.place_name, workshop.place_address),
            ),
            ("link", link.to_owned()),
        ],
    );
    match state
        .mailer
        .send(
            &data.contact,
            &tr.t1(
                "workshops-mail-registered-subject",
                "title",
                &workshop.title,
            ),
            body,
        )
        .await
    {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "registration e-mail not sent");
            false
        }
    }
}

fn workshop_error(error: WorkshopError) -> AppError {
    match error {
        WorkshopError::Forbidden => AppError::Forbidden,
        WorkshopError::Store(error) => error.into(),
        other => AppError::Internal(anyhow::anyhow!("{other}")),
    }
}

async fn registration_page(
    state: &AppState,
    user: Option<SessionUser>,
    token: &str,
    cancelled_now: bool,
) -> AppResult<Response> {
    let Some((registration, workshop, sessions)) =
        super::registration_of_token(&state.db, token).await?
    else {
        // Unknown, or already forgotten after the workshop.
        return Err(AppError::Gone);
    };
    let ctx = PageContext::new(user);
    let page = RegistrationPage {
        workshop: WorkshopSummary::new(&ctx, &workshop),
        sessions: sessions.iter().map(when).collect(),
        first_name: registration.first_name,
        status: status_key(registration.status),
        cancelled: cancelled_now || registration.status == RegistrationStatus::Cancelled,
        token: token.to_owned(),
        ctx,
    };
    crate::web::page::render_private(&page)
}

async fn registration(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> AppResult<Response> {
    registration_page(&state, user, &token, false).await
}

/// The person cancels through their private link.
async fn cancel_own(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if let Some((registration, _, _)) = super::registration_of_token(&state.db, &token).await? {
        match super::cancel_registration(&state.db, registration.id).await {
            Ok(()) | Err(WorkshopError::AlreadyCancelled) => {}
            Err(error) => return Err(workshop_error(error)),
        }
    }
    registration_page(&state, user, &token, true).await
}

async fn flyer(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (workshop, sessions) = shown(&state, &user, &id).await?;
    let ctx = PageContext::new(user);
    let summary = WorkshopSummary::new(&ctx, &workshop);
    let flyer = super::flyer::Flyer {
        title: workshop.title.clone(),
        level: summary.level.to_owned(),
        themes: summary.themes.clone(),
        place: workshop.place_name.clone(),
        address: workshop.place_address.clone(),
        sessions: sessions.iter().map(when).collect(),
        description: workshop
            .description
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        seats: ctx.t1("workshops-capacity", "count", workshop.capacity),
        url: format!(
            "{}/ateliers/{}",
            urls::site_base(&state.config, &headers),
            workshop.id.0
        ),
    };
    let Some(_slot) = crate::web::pdf::slot(&state).await else {
        return Ok(crate::web::pdf::busy());
    };
    let pdf = super::flyer::typeset(flyer).await?;
    Ok(crate::web::pdf::inline(pdf, "atelier.pdf"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    info: Option<String>,
}

async fn manage(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let items = super::for_staff(&state.db, &user, state.clock.now()).await?;
    let can_plan = user.role != crate::accounts::Role::Helper;
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let rows = items
        .iter()
        .map(|item| StaffRow {
            id: item.workshop.id.0,
            title: item.workshop.title.clone(),
            when: when(&item.session),
            sessions: item.of,
            place: item.workshop.place_name.clone(),
            seats: format!("{} / {}", item.workshop.confirmed, item.workshop.capacity),
            cancelled: item.workshop.cancelled,
        })
        .collect();
    let page = ManagePage {
        ctx,
        rows,
        can_plan,
    };
    Ok(render(&page)?.into_response())
}

async fn form_page(
    state: &AppState,
    user: SessionUser,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> AppResult<FormPage> {
    let places: Vec<(crate::places::PlaceId, String, String)> =
        crate::activities::places_for(&state.db, &user).await?;
    let chosen_place = crate::web::form::field(&values, "lieu").to_owned();
    let mut helpers = Vec::new();
    if let Ok(place) = chosen_place.parse::<i64>()
        && let Ok(place) = crate::places::find_place(&state.db, crate::places::PlaceId(place)).await
        && let Some(organization) = place.organization_id
    {
        let chosen = crate::web::form::fields(&values, "encadrants");
        helpers = crate::permanences::organization_members(&state.db, organization)
            .await?
            .into_iter()
            .map(|(id, name)| Choice {
                checked: chosen.contains(&id.0.to_string().as_str()),
                value: id.0.to_string(),
                label: name,
            })
            .collect();
    }
    let themes = crate::web::form::fields(&values, "themes");
    let level = crate::web::form::field(&values, "niveau");
    Ok(FormPage {
        places: places
            .into_iter()
            .map(|(id, name, commune)| Choice {
                checked: id.0.to_string() == chosen_place,
                value: id.0.to_string(),
                label: format!("{name} ({commune})"),
            })
            .collect(),
        themes: choices(vocab::THEMES, &themes),
        levels: choices(vocab::WORKSHOP_LEVELS, &[level]),
        helpers,
        ctx: PageContext::new(Some(user)),
        values,
        errors,
    })
}

/// The new-workshop form, filled from the address (a row of the needs board).
async fn new(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut values: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(key, _)| matches!(key.as_str(), "lieu" | "themes" | "niveau"))
        .collect();
    values.push(("duree".into(), "90".into()));
    values.push(("places".into(), "8".into()));
    values.push(("seances".into(), "1".into()));
    values.push(("heure".into(), "14:00".into()));
    let page = form_page(&state, user, values, Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

/// The free-text fields of the staff form, which the privacy guard reads.
const TEXT_FIELDS: [&str; 2] = ["titre", "description"];

async fn create(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let tr = crate::i18n::Tr::french();
    let guarded = crate::privacy::check_fields(&tr, &pairs, &TEXT_FIELDS);
    let parsed = model::parse_form(&pairs, today(&state));
    let errors: Vec<(String, String)> = match &parsed {
        Ok(_) => guarded,
        Err(errors) => field_errors(errors).into_iter().chain(guarded).collect(),
    };
    let data = match parsed {
        Ok(data) if errors.is_empty() => data,
        _ => {
            let page = form_page(&state, user, pairs, errors).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match super::create(&state.db, state.clock.now(), &user, &data).await {
        Ok(id) => Ok(
            Redirect::to(&format!("/gestion/ateliers/{}?info=workshop-created", id.0))
                .into_response(),
        ),
        Err(WorkshopError::Invalid(errors)) => {
            let errors = errors
                .into_iter()
                .map(|(field, key)| (field, tr.t(&key)))
                .collect();
            let page = form_page(&state, user, pairs, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(error) => Err(workshop_error(error)),
    }
}

#[allow(clippy::too_many_arguments)]
async fn staff_page(
    state: &AppState,
    user: SessionUser,
    id: WorkshopId,
    notice: Option<&str>,
    informed: Option<Informed>,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> AppResult<StaffPage> {
    let (workshop, sessions) = super::find(&state.db, id).await?;
    if !super::can_run(&state.db, &user, workshop.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    let can_plan = super::can_plan(&state.db, &user, workshop.organization_id).await?;
    let registrations = super::registrations(&state.db, id).await?;
    let helpers = super::helpers(&state.db, id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let today = today(state);
    let ctx = PageContext::new(Some(user)).with_notice_code(notice);
    Ok(StaffPage {
        workshop: WorkshopSummary::new(&ctx, &workshop),
        capacity: workshop.capacity,
        helpers,
        sessions: sessions
            .iter()
            .map(|s| SessionRow {
                id: s.id,
                when: when(s),
                past: s.on_date <= today,
                marked: s.activity.is_some(),
            })
            .collect(),
        waiting: registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Waiting)
            .count(),
        people: person_rows(&registrations),
        can_plan,
        informed,
        values,
        errors,
        ctx,
    })
}

async fn staff_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let page = staff_page(
        &state,
        user,
        parse_id(&id)?,
        query.info.as_deref(),
        None,
        Vec::new(),
        Vec::new(),
    )
    .await?;
    Ok(render(&page)?.into_response())
}

/// Staff register someone at the desk or on the phone.
async fn desk_register(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let (workshop, _) = super::find(&state.db, id).await?;
    if !super::can_run(&state.db, &user, workshop.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    let data = match model::parse_registration(&pairs) {
        Ok(data) => data,
        Err(errors) => {
            let page =
                staff_page(&state, user, id, None, None, pairs, field_errors(&errors)).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match super::register(&state.db, state.clock.now(), id, &data, None, Some(&user)).await {
        Ok(registered) => {
            let code = if registered.status == RegistrationStatus::Waiting {
                "workshop-registered-waiting"
            } else {
                "workshop-registered"
            };
            Ok(Redirect::to(&format!("/gestion/ateliers/{}?info={code}", id.0)).into_response())
        }
        Err(WorkshopError::Closed) => {
            let errors = vec![(
                "prenom".to_owned(),
                crate::i18n::Tr::french().t("workshops-error-closed"),
            )];
            let page = staff_page(&state, user, id, None, None, pairs, errors).await?;
            render_with_status(StatusCode::CONFLICT, &page)
        }
        Err(error) => Err(workshop_error(error)),
    }
}

async fn staff_cancel_registration(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, registration)): Path<(String, String)>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let registration: i64 = registration.parse().map_err(|_| AppError::NotFound)?;
    let (workshop, _) = super::find(&state.db, id).await?;
    if !super::can_run(&state.db, &user, workshop.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.acquire().await?;
    let found = super::store::find_registration(&mut conn, registration).await?;
    drop(conn);
    if found.workshop != id {
        return Err(AppError::NotFound);
    }
    match super::cancel_registration(&state.db, registration).await {
        Ok(()) | Err(WorkshopError::AlreadyCancelled) => Ok(Redirect::to(&format!(
            "/gestion/ateliers/{}?info=workshop-registration-cancelled",
            id.0
        ))
        .into_response()),
        Err(error) => Err(workshop_error(error)),
    }
}

async fn cancel_workshop(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let tr = crate::i18n::Tr::french();
    let reason = crate::web::form::field(&pairs, "motif").to_owned();
    let mut errors = crate::privacy::check_fields(&tr, &pairs, &["motif"]);
    if reason.is_empty() || reason.chars().count() > 300 {
        errors.push(("motif".into(), tr.t("workshops-error-reason")));
    }
    if !errors.is_empty() {
        let page = staff_page(&state, user, id, None, None, pairs, errors).await?;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    match super::cancel_workshop(
        &state.db,
        &state.mailer,
        state.clock.now(),
        &user,
        id,
        &reason,
    )
    .await
    {
        Ok(informed) => {
            let page = staff_page(
                &state,
                user,
                id,
                Some("workshop-cancelled"),
                Some(informed),
                Vec::new(),
                Vec::new(),
            )
            .await?;
            Ok(render(&page)?.into_response())
        }
        Err(WorkshopError::Closed) => {
            Ok(Redirect::to(&format!("/gestion/ateliers/{}", id.0)).into_response())
        }
        Err(error) => Err(workshop_error(error)),
    }
}

async fn attendance_page(
    state: &AppState,
    user: SessionUser,
    session: i64,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> AppResult<AttendancePage> {
    let mut conn = state.db.acquire().await?;
    let found = super::store::find_session(&mut conn, session).await?;
    drop(conn);
    let (workshop, _) = super::find(&state.db, found.workshop).await?;
    if !super::can_run(&state.db, &user, workshop.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    let registered = super::registrations(&state.db, workshop.id)
        .await?
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed)
        .count();
    let ctx = PageContext::new(Some(user));
    Ok(AttendancePage {
        workshop: WorkshopSummary::new(&ctx, &workshop),
        session_id: session,
        when: when(&found),
        registered,
        groups: count_groups(&ctx, &values),
        values,
        errors,
        ctx,
    })
}

async fn attendance_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(session): Path<String>,
) -> AppResult<Response> {
    let session: i64 = session.parse().map_err(|_| AppError::NotFound)?;
    let page = attendance_page(&state, user, session, Vec::new(), Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

/// Attendance in counts becomes the collective accompaniment record of the session.
async fn attendance(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(session): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let session: i64 = session.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = state.db.acquire().await?;
    let found = super::store::find_session(&mut conn, session).await?;
    drop(conn);
    let (workshop, _) = super::find(&state.db, found.workshop).await?;
    let today = today(&state);
    let tr = crate::i18n::Tr::french();
    if found.on_date > today {
        let errors = vec![("participants".to_owned(), tr.t("workshops-error-not-yet"))];
        let page = attendance_page(&state, user, session, pairs, errors).await?;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    // The record's form, filled from the workshop; only the counts come from the person.
    let mut record: Vec<(String, String)> = vec![
        ("type".into(), "collectif".into()),
        ("date".into(), found.on_date.to_string()),
        ("lieu_type".into(), "lieu".into()),
        ("lieu".into(), workshop.place.0.to_string()),
        ("duree".into(), "autre".into()),
        ("duree_autre".into(), workshop.duration_minutes.to_string()),
        ("niveau".into(), workshop.level.clone()),
        ("dernier_clic".into(), "sans-objet".into()),
    ];
    record.extend(
        workshop
            .themes
            .iter()
            .map(|t| ("themes".to_owned(), t.clone())),
    );
    record.extend(
        pairs
            .iter()
            .filter(|(k, _)| k == "participants" || k.starts_with("nb_"))
            .cloned(),
    );
    let data = match crate::activities::model::parse_form(&record, today) {
        Ok(data) => data,
        Err(errors) => {
            let page = attendance_page(&state, user, session, pairs, field_errors(&errors)).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match super::mark_attendance(&state.db, state.clock.now(), &user, session, &data).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/gestion/ateliers/{}?info=workshop-attendance",
            workshop.id.0
        ))
        .into_response()),
        Err(WorkshopError::AlreadyMarked) => Ok(Redirect::to(&format!(
            "/gestion/ateliers/{}?info=workshop-attendance-already",
            workshop.id.0
        ))
        .into_response()),
        Err(WorkshopError::CharterNotSigned) => {
            let errors = vec![("participants".to_owned(), tr.t("workshops-error-charter"))];
            let page = attendance_page(&state, user, session, pairs, errors).await?;
            render_with_status(StatusCode::FORBIDDEN, &page)
        }
        Err(error) => Err(workshop_error(error)),
    }
}

async fn needs(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
) -> AppResult<Response> {
    let rows = super::needs_board(
        &state.db,
        &user,
        &state.config.diagnostic,
        state.clock.now(),
    )
    .await?;
    let page = NeedsPage {
        ctx: PageContext::new(Some(user)),
        lines: need_lines(&rows),
    };
    Ok(render(&page)?.into_response())
}
