//! Staff pages of the directory: the places a manager looks after, the place form, one-click
//! confirmation, temporary closures, and the coordinator's freshness and duplicates boards.

use super::form::{self, FormValues, PlaceFormOutput};
use super::routes::refresh;
use super::views::{
    DuplicateRow, DuplicateSide, DuplicatesPage, FilledField, FreshnessPage, FreshnessRow,
    ManagePage, ManageRow, MergePage, PlaceFormPage,
};
use super::{Place, PlaceId, STALE_AFTER_DAYS};
use crate::accounts::{Role, SessionUser};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::organizations::Organization;
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{Form, PageContext, RequireCoordinator, RequireManager, render};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/gestion/lieux",
            get(list_managed_places).post(create_place),
        )
        .route("/gestion/lieux/nouveau", get(new_place_form))
        .route(
            "/gestion/lieux/{id}",
            get(edit_place_form).post(update_place),
        )
        .route("/gestion/lieux/{id}/confirmer", post(confirm_place))
        .route("/gestion/lieux/{id}/fermetures", post(add_closure))
        .route(
            "/gestion/lieux/{id}/fermetures/{closure}/supprimer",
            post(remove_closure),
        )
        .route("/gestion/fraicheur", get(freshness_board))
        .route("/gestion/doublons", get(duplicates_board))
        .route(
            "/gestion/doublons/fusionner",
            get(merge_preview).post(merge_places),
        )
        .route("/gestion/doublons/ecarter", post(dismiss_duplicate))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ManageQuery {
    q: String,
    info: Option<String>,
}

/// The places `user` may edit (every place for a coordinator).
async fn editable_places(
    state: &AppState,
    user: &SessionUser,
) -> AppResult<(Vec<Place>, Vec<i64>)> {
    let organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
    let places = super::list_places(&state.db)
        .await?
        .into_iter()
        .filter(|place| super::can_edit(user, &organizations, place.organization_id))
        .collect();
    Ok((places, organizations))
}

fn age_days(place: &Place, today: NaiveDate) -> Option<i64> {
    let confirmed = place
        .last_confirmed_at
        .map(|at| at.date_naive())
        .or(place.record.date_maj)?;
    Some((today - confirmed).num_days())
}

async fn list_managed_places(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(query): Query<ManageQuery>,
) -> AppResult<Response> {
    let today = state.clock.now().date_naive();
    let (places, _) = editable_places(&state, &user).await?;
    let wanted = crate::text::fold(query.q.trim());
    let matching: Vec<&Place> = places
        .iter()
        .filter(|place| {
            wanted.is_empty()
                || crate::text::fold(&format!(
                    "{} {} {}",
                    place.record.nom, place.record.commune, place.record.code_postal
                ))
                .contains(&wanted)
        })
        .collect();
    let rows = matching
        .iter()
        .take(200)
        .map(|place| ManageRow::new(place, age_days(place, today)))
        .collect();
    let page = ManagePage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        q: query.q.clone(),
        total: matching.len(),
        rows,
    };
    Ok(render(&page)?.into_response())
}

async fn organizations_for(state: &AppState, user: &SessionUser) -> AppResult<Vec<Organization>> {
    Ok(if user.role == Role::Coordinator {
        crate::organizations::list_organizations(&state.db).await?
    } else {
        Vec::new()
    })
}

async fn new_place_form(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
) -> AppResult<Response> {
    let organizations = organizations_for(&state, &user).await?;
    let mut values = FormValues::default();
    values.0.insert("visibility".into(), vec!["public".into()]);
    values.0.insert("kind".into(), vec!["mediation".into()]);
    values.0.insert("frais".into(), vec!["gratuit".into()]);
    let page = PlaceFormPage::new(
        PageContext::new(Some(user)),
        None,
        values,
        Vec::new(),
        organizations,
    );
    Ok(render(&page)?.into_response())
}

fn form_failed(
    ctx: PageContext,
    place: Option<&Place>,
    values: FormValues,
    errors: form::FieldErrors,
    organizations: Vec<Organization>,
) -> AppResult<Response> {
    let page = PlaceFormPage::new(ctx, place, values, errors, organizations);
    render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn create_place(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let values = FormValues::from_pairs(pairs);
    let user_organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
    let organizations = organizations_for(&state, &user).await?;
    let is_coordinator = user.role == Role::Coordinator;
    let choices: Vec<i64> = organizations.iter().map(|o| o.id).collect();
    // A manager's new place belongs to their (first) organisation.
    let own = user_organizations.first().copied();
    if !is_coordinator && own.is_none() {
        return Err(AppError::Forbidden);
    }
    match form::parse_place_form(&values, &choices, is_coordinator, own) {
        Ok(PlaceFormOutput {
            data,
            organization_id,
            kind,
            visibility,
        }) => {
            let now = state.clock.now();
            let id = super::create_place(
                &state.db,
                now,
                user.id,
                organization_id,
                kind,
                visibility,
                data,
            )
            .await?;
            refresh(&state).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/lieux/{id}"),
                "place-saved",
            ))
            .into_response())
        }
        Err(errors) => form_failed(
            PageContext::new(Some(user)),
            None,
            values,
            errors,
            organizations,
        ),
    }
}

fn parse_id(id: &str) -> AppResult<PlaceId> {
    id.parse().map(PlaceId).map_err(|_| AppError::NotFound)
}

/// The place, when `user` may edit it.
async fn editable_place(state: &AppState, user: &SessionUser, id: &str) -> AppResult<Place> {
    let place = super::find_place(&state.db, parse_id(id)?).await?;
    let organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
    if !super::can_edit(user, &organizations, place.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(place)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InfoQuery {
    info: Option<String>,
}

async fn edit_place_form(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let place = editable_place(&state, &user, &id).await?;
    let organizations = organizations_for(&state, &user).await?;
    let values = FormValues::from_place(&place);
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = PlaceFormPage::new(ctx, Some(&place), values, Vec::new(), organizations);
    Ok(render(&page)?.into_response())
}

async fn update_place(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let place = editable_place(&state, &user, &id).await?;
    let values = FormValues::from_pairs(pairs);
    let organizations = organizations_for(&state, &user).await?;
    let is_coordinator = user.role == Role::Coordinator;
    let choices: Vec<i64> = organizations.iter().map(|o| o.id).collect();
    match form::parse_place_form(&values, &choices, is_coordinator, place.organization_id) {
        Ok(PlaceFormOutput {
            data,
            organization_id,
            kind,
            visibility,
        }) => {
            let now = state.clock.now();
            super::update_place(
                &state.db,
                now,
                user.id,
                place.id,
                organization_id,
                kind,
                visibility,
                data,
            )
            .await?;
            refresh(&state).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/lieux/{}", place.id),
                "place-saved",
            ))
            .into_response())
        }
        Err(errors) => form_failed(
            PageContext::new(Some(user)),
            Some(&place),
            values,
            errors,
            organizations,
        ),
    }
}

async fn confirm_place(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let place = editable_place(&state, &user, &id).await?;
    super::confirm_place(&state.db, state.clock.now(), user.id, place.id).await?;
    Ok(Redirect::to(&urls::with_notice("/gestion/lieux", "place-confirmed")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ClosureForm {
    debut: String,
    fin: String,
    message: String,
}

fn french_or_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

async fn add_closure(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(closure): Form<ClosureForm>,
) -> AppResult<Response> {
    let place = editable_place(&state, &user, &id).await?;
    let start = french_or_iso_date(&closure.debut);
    let end = if closure.fin.trim().is_empty() {
        start
    } else {
        french_or_iso_date(&closure.fin)
    };
    let message: String = closure.message.trim().chars().take(300).collect();
    let error = match (start, end) {
        (Some(start), Some(end)) if start <= end => {
            super::add_closure(
                &state.db,
                state.clock.now(),
                user.id,
                place.id,
                start,
                end,
                &message,
            )
            .await?;
            refresh(&state).await?;
            return Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/lieux/{}", place.id),
                "closure-added",
            ))
            .into_response());
        }
        (Some(_), Some(_)) => "La date de fin doit être après la date de début.",
        _ => "Indiquez les dates de fermeture, par exemple 24/12/2026.",
    };
    let organizations = organizations_for(&state, &user).await?;
    let values = FormValues::from_place(&place);
    form_failed(
        PageContext::new(Some(user)),
        Some(&place),
        values,
        vec![("fermeture".into(), error.into())],
        organizations,
    )
}

async fn remove_closure(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path((id, closure)): Path<(String, String)>,
) -> AppResult<Response> {
    let place = editable_place(&state, &user, &id).await?;
    let closure: i64 = closure.parse().map_err(|_| AppError::NotFound)?;
    super::remove_closure(&state.db, state.clock.now(), user.id, place.id, closure).await?;
    refresh(&state).await?;
    Ok(Redirect::to(&urls::with_notice(
        &format!("/gestion/lieux/{}", place.id),
        "closure-removed",
    ))
    .into_response())
}

async fn freshness_board(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
) -> AppResult<Response> {
    let today = state.clock.now().date_naive();
    let places = super::list_places(&state.db).await?;
    let contacts = crate::accounts::manager_contacts(&state.db).await?;
    let mut rows: Vec<FreshnessRow> = places
        .iter()
        .map(|place| {
            let age = age_days(place, today);
            let ask = place
                .organization_id
                .and_then(|org| contacts.get(&org))
                .cloned()
                .unwrap_or_default();
            FreshnessRow::new(place, age, ask)
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.age_days.unwrap_or(i64::MAX)));
    let stale = rows
        .iter()
        .filter(|row| row.age_days.is_none_or(|age| age > STALE_AFTER_DAYS))
        .count();
    let page = FreshnessPage {
        ctx: PageContext::new(Some(user)),
        stale,
        total: rows.len(),
        rows: rows.into_iter().take(500).collect(),
    };
    Ok(render(&page)?.into_response())
}

/// At most this many pairs are shown at once; dismissing or merging brings the next ones.
const DUPLICATES_SHOWN: usize = 100;

async fn duplicates_board(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let (places, candidates) = super::duplicate_candidates(&state.db).await?;
    let by_id: std::collections::HashMap<PlaceId, &Place> =
        places.iter().map(|place| (place.id, place)).collect();
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let rows = candidates
        .iter()
        .take(DUPLICATES_SHOWN)
        .filter_map(|pair| {
            let (first, second) = (by_id.get(&pair.first)?, by_id.get(&pair.second)?);
            Some(DuplicateRow {
                first: DuplicateSide::new(first),
                second: DuplicateSide::new(second),
                reasons: pair
                    .reasons
                    .iter()
                    .map(|reason| ctx.t(&format!("places-duplicates-reason-{}", reason.code())))
                    .collect(),
                distance: pair.distance_m.map(|d| d.round() as i64),
            })
        })
        .collect();
    let page = DuplicatesPage {
        ctx,
        total: candidates.len(),
        rows,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MergeForm {
    garder: String,
    retirer: String,
}

impl MergeForm {
    fn ids(&self) -> AppResult<(PlaceId, PlaceId)> {
        let (keep, remove) = (parse_id(&self.garder)?, parse_id(&self.retirer)?);
        if keep == remove {
            return Err(AppError::NotFound);
        }
        Ok((keep, remove))
    }
}

/// What merging would change, before the coordinator confirms.
async fn merge_preview(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Query(form): Query<MergeForm>,
) -> AppResult<Response> {
    let (keep_id, remove_id) = form.ids()?;
    let keep = super::find_place(&state.db, keep_id).await?;
    let remove = super::find_place(&state.db, remove_id).await?;
    let mut merged = keep.clone();
    let mut data = keep.data();
    data.fill_missing_from(&remove.data());
    merged.record = data.record;
    let ctx = PageContext::new(Some(user));
    let before = super::export::row(&keep);
    let after = super::export::row(&merged);
    let filled = super::vocab::COLUMNS
        .iter()
        .zip(before.iter().zip(after.iter()))
        .filter(|(column, (old, new))| {
            !matches!(**column, "id" | "source" | "date_maj") && old != new
        })
        .map(|(column, (_, new))| FilledField {
            label: super::views::column_label(&ctx, column),
            value: match new {
                serde_json::Value::String(text) => text.replace('|', ", "),
                other => other.to_string(),
            },
        })
        .collect();
    let page = MergePage {
        ctx,
        keep: DuplicateSide::new(&keep),
        remove: DuplicateSide::new(&remove),
        filled,
    };
    Ok(render(&page)?.into_response())
}

async fn merge_places(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Form(form): Form<MergeForm>,
) -> AppResult<Response> {
    let (keep, remove) = form.ids()?;
    super::merge_places(&state.db, state.clock.now(), user.id, keep, remove).await?;
    refresh(&state).await?;
    Ok(Redirect::to(&urls::with_notice("/gestion/doublons", "places-merged")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DismissForm {
    premier: String,
    second: String,
}

async fn dismiss_duplicate(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Form(form): Form<DismissForm>,
) -> AppResult<Response> {
    let (a, b) = (parse_id(&form.premier)?, parse_id(&form.second)?);
    if a == b {
        return Err(AppError::NotFound);
    }
    super::dismiss_duplicate(&state.db, state.clock.now(), user.id, a, b).await?;
    Ok(Redirect::to(&urls::with_notice(
        "/gestion/doublons",
        "duplicate-dismissed",
    ))
    .into_response())
}
