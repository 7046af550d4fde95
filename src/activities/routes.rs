//! Accompaniment pages: the list of records and the quick form (new, "same as my previous
//! entry", edit within 7 days).

use super::model::{self, ActivityId, Kind};
use super::views::{ActivityForm, ActivityRow, FormPage, ListPage, ShowPage};
use super::{ActivityError, list_for};
use crate::accounts::SessionUser;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{CurrentUser, Form, PageContext, render};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accompagnements", get(list).post(create))
        .route("/accompagnements/nouveau", get(new))
        .route("/accompagnements/{id}", get(show).post(update))
}

async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let rows = list_for(&state.db, &user, now)
        .await?
        .iter()
        .map(|(activity, access)| ActivityRow::new(activity, *access))
        .collect();
    let page = ListPage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        rows,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    comme: Option<String>,
    info: Option<String>,
    /// The code of a diagnostic just made with the person: its levels go into the record.
    diagnostic: Option<String>,
    lieu: Option<String>,
}

fn kind_of(text: Option<&str>) -> Kind {
    if text == Some("collectif") {
        Kind::Collective
    } else {
        Kind::Individual
    }
}

async fn form_page(
    state: &AppState,
    user: SessionUser,
    id: Option<i64>,
    kind: Kind,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    notice: Option<&str>,
) -> AppResult<FormPage> {
    let places = super::places_for(&state.db, &user).await?;
    let needs_charter = !crate::charters::helper_has_signed_current(&state.db, user.id).await?;
    let ctx = PageContext::new(Some(user)).with_notice_code(notice);
    let diagnostic_levels = crate::diagnostic::levels_in_words(
        &state.config.diagnostic,
        crate::web::form::field(&values, "niveaux_diagnostic"),
    );
    Ok(FormPage {
        diagnostic_levels,
        form: ActivityForm::new(&ctx, kind, values, errors, &places),
        ctx,
        id,
        needs_charter,
    })
}

/// A new record: defaults from today's permanence, or a copy of the previous entry.
async fn new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let today = crate::permanences::today(now).to_string();
    let mut kind = kind_of(query.kind.as_deref());
    let mut values: Vec<(String, String)> = Vec::new();
    if query.comme.as_deref() == Some("precedente")
        && let Some(previous) = super::previous_of(&state.db, user.id).await?
    {
        kind = previous.data.kind;
        values = model::form_pairs(&previous.data);
        values.retain(|(key, _)| key != "date" && key != "note");
    }
    if values.is_empty() {
        values.push(("duree".into(), "30".into()));
        match super::current_duty(&state.db, user.id, now).await? {
            Some((place, permanence)) => {
                values.push(("lieu".into(), place.0.to_string()));
                values.push(("permanence".into(), permanence.to_string()));
            }
            None => {
                let places = super::places_for(&state.db, &user).await?;
                if let [(only, _, _)] = places.as_slice() {
                    values.push(("lieu".into(), only.0.to_string()));
                }
            }
        }
    }
    values.push(("date".into(), today));
    if let Some(code) = query.diagnostic.as_deref() {
        // A code that does not read (typed by hand in the address) is ignored: the form
        // stays usable and the helper can run the diagnostic again.
        if let Ok(diagnostic) = state.config.diagnostic.decode(code) {
            kind = Kind::Individual;
            values.retain(|(key, _)| key != "niveaux_diagnostic");
            values.push((
                "niveaux_diagnostic".into(),
                crate::diagnostic::levels_text(&state.config.diagnostic, &diagnostic),
            ));
            if let Some(place) = query.lieu.as_deref().filter(|p| !p.is_empty()) {
                values.retain(|(key, _)| key != "lieu");
                values.push(("lieu".into(), place.to_owned()));
            }
        }
    }
    if kind == Kind::Collective {
        values.push(("type".into(), "collectif".into()));
    }
    let page = form_page(
        &state,
        user,
        None,
        kind,
        values,
        Vec::new(),
        query.info.as_deref(),
    )
    .await?;
    Ok(render(&page)?.into_response())
}

/// The answer to a refused form: the same page, every value kept, messages per field.
async fn refused(
    state: &AppState,
    user: SessionUser,
    id: Option<i64>,
    pairs: Vec<(String, String)>,
    error: ActivityError,
) -> AppResult<Response> {
    let kind = kind_of(Some(crate::web::form::field(&pairs, "type")));
    let tr = crate::i18n::Tr::french();
    let (status, errors) = match error {
        ActivityError::Invalid(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors
                .iter()
                .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
                .collect(),
        ),
        ActivityError::Guarded(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        ActivityError::CharterNotSigned => (StatusCode::FORBIDDEN, Vec::new()),
        ActivityError::Locked => return Err(AppError::Forbidden),
        ActivityError::Forbidden => return Err(AppError::Forbidden),
        ActivityError::Store(error) => return Err(error.into()),
    };
    let page = form_page(state, user, id, kind, pairs, errors, None).await?;
    render_with_status(status, &page)
}

/// The free-text fields of the form, which the privacy guard reads.
const TEXT_FIELDS: [&str; 3] = ["note", "commune_lieu", "commune_residence"];

/// Checks the form, then its free text with the privacy guard (nothing refused is kept).
fn parse(
    state: &AppState,
    pairs: &[(String, String)],
) -> Result<super::ActivityData, ActivityError> {
    let today = crate::permanences::today(state.clock.now());
    let tr = crate::i18n::Tr::french();
    let guarded = crate::privacy::check_fields(&tr, pairs, &TEXT_FIELDS);
    match model::parse_form(pairs, today) {
        Ok(data) if guarded.is_empty() => Ok(data),
        Ok(_) => Err(ActivityError::Guarded(guarded)),
        // Every problem at once: the form's rules, then the guard's.
        Err(errors) => Err(ActivityError::Guarded(
            errors
                .iter()
                .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
                .chain(guarded)
                .collect(),
        )),
    }
}

async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let outcome = match parse(&state, &pairs) {
        Ok(data) => super::record(&state.db, &state.recorder, state.clock.now(), &user, &data)
            .await
            .map(|_| data.kind),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(kind) => {
            let target = match kind {
                Kind::Individual => urls::with_notice("/accompagnements/nouveau", "activity-saved"),
                Kind::Collective => {
                    "/accompagnements/nouveau?type=collectif&info=activity-saved".to_owned()
                }
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(error) => refused(&state, user, None, pairs, error).await,
    }
}

fn parse_id(id: &str) -> AppResult<ActivityId> {
    id.parse().map(ActivityId).map_err(|_| AppError::NotFound)
}

async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let activity = super::find(&state.db, parse_id(&id)?).await?;
    let user_id = user.id;
    let organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
    let now = state.clock.now();
    let access = super::access(&user, &organizations, &activity, now).ok_or(AppError::Forbidden)?;
    if access.can_edit {
        let values = model::form_pairs(&activity.data);
        let page = form_page(
            &state,
            user,
            Some(activity.id.0),
            activity.data.kind,
            values,
            Vec::new(),
            query.info.as_deref(),
        )
        .await?;
        return Ok(render(&page)?.into_response());
    }
    let page = ShowPage {
        ctx: PageContext::new(Some(user)),
        row: ActivityRow::new(&activity, access),
        locked: activity.helper == Some(user_id),
        diagnostic_levels: crate::diagnostic::levels_in_words(
            &state.config.diagnostic,
            &activity.data.diagnostic_levels,
        ),
    };
    Ok(render(&page)?.into_response())
}

async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let outcome = match parse(&state, &pairs) {
        Ok(data) => super::update(&state.db, state.clock.now(), &user, id, &data).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&urls::with_notice(
            &format!("/accompagnements/{}", id.0),
            "activity-updated",
        ))
        .into_response()),
        Err(error) => refused(&state, user, Some(id.0), pairs, error).await,
    }
}
