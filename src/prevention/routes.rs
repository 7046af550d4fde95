//! Prevention sheet pages: the public list, each sheet as a page and as a PDF, and the
//! coordinator's form to edit a sheet, add one, or go back to Relais's own text.

use super::{SheetError, model};
use crate::app::AppState;
use crate::charters::markdown::to_safe_html;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::web::page::{ErrorPage, render_with_status};
use crate::web::{Form, MaybeUser, PageContext, RequireCoordinator, render, urls};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::PREVENTION, get(list_sheets))
        .route("/prevention/{id}", get(show_sheet))
        .route("/prevention/{id}/fiche.pdf", get(download_sheet))
        .route(urls::PREVENTION_MANAGE, post(create_sheet))
        .route(urls::PREVENTION_NEW, get(new_sheet))
        .route(
            "/gestion/prevention/{id}",
            get(edit_sheet).post(update_sheet),
        )
        .route("/gestion/prevention/{id}/retablir", post(reset_sheet))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    info: Option<String>,
}

/// A sheet on the list.
pub struct SheetSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "prevention/list.html")]
struct ListPage {
    ctx: PageContext,
    sheets: Vec<SheetSummary>,
}

#[derive(Template)]
#[template(path = "prevention/show.html")]
struct ShowPage {
    ctx: PageContext,
    id: String,
    title: String,
    summary: String,
    /// Safe HTML (`charters::markdown::to_safe_html`): the only value printed unescaped.
    body_html: String,
    is_edited: bool,
}

#[derive(Template)]
#[template(path = "prevention/form.html")]
struct FormPage {
    ctx: PageContext,
    /// `None` for a new sheet.
    id: Option<String>,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn value(&self, name: &str) -> &str {
        crate::web::form::field(&self.values, name)
    }

    fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
    }
}

async fn list_sheets(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let sheets = super::all_sheets(&state.db)
        .await?
        .into_iter()
        .map(|sheet| SheetSummary {
            id: sheet.id,
            title: sheet.title,
            summary: sheet.summary,
        })
        .collect();
    let page = ListPage {
        ctx: PageContext::new(user).with_notice_code(query.info.as_deref()),
        sheets,
    };
    Ok(render(&page)?.into_response())
}

async fn show_sheet(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let sheet = super::find_sheet(&state.db, &id).await?;
    let page = ShowPage {
        ctx: PageContext::new(user).with_notice_code(query.info.as_deref()),
        body_html: to_safe_html(&sheet.body),
        id: sheet.id,
        title: sheet.title,
        summary: sheet.summary,
        is_edited: sheet.is_edited,
    };
    Ok(render(&page)?.into_response())
}

/// A slot to typeset one PDF, if one frees up within `Config::pdf_wait`.
async fn pdf_slot(state: &AppState) -> Option<tokio::sync::OwnedSemaphorePermit> {
    let slots = state.pdf_renders.clone();
    match slots.clone().try_acquire_owned() {
        Ok(slot) => Some(slot),
        Err(_) => tokio::time::timeout(state.config.pdf_wait, slots.acquire_owned())
            .await
            .ok()?
            .ok(),
    }
}

async fn download_sheet(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let sheet = super::find_sheet(&state.db, &id).await?;
    let network = crate::network::find_network(&state.db)
        .await?
        .map(|network| network.name)
        .unwrap_or_default();
    // The sheet's address in the footer, when the server knows its public address.
    let url = state
        .config
        .public_url
        .as_ref()
        .map_or_else(String::new, |url| {
            format!(
                "{}/prevention/{}",
                url.as_str().trim_end_matches('/'),
                sheet.id
            )
        });
    let Some(slot) = pdf_slot(&state).await else {
        let mut busy = ErrorPage::response(StatusCode::SERVICE_UNAVAILABLE, "error-busy", None);
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Ok(busy);
    };
    let file_name = format!("fiche-prevention-{}.pdf", sheet.id);
    let bytes = crate::charters::pdf::typeset("a prevention sheet", move || {
        let _slot = slot;
        super::pdf::sheet_pdf(&Tr::french(), &network, &url, &sheet)
    })
    .await?;
    Ok(crate::web::pdf::inline(bytes, &file_name))
}

fn sheet_pairs(sheet: &super::Sheet) -> Vec<(String, String)> {
    vec![
        ("titre".into(), sheet.title.clone()),
        ("resume".into(), sheet.summary.clone()),
        ("texte".into(), sheet.body.clone()),
    ]
}

async fn new_sheet(RequireCoordinator(user): RequireCoordinator) -> AppResult<Response> {
    let page = FormPage {
        ctx: PageContext::new(Some(user)),
        id: None,
        values: Vec::new(),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

async fn edit_sheet(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let sheet = super::find_sheet(&state.db, &id).await?;
    let page = FormPage {
        ctx: PageContext::new(Some(user)),
        values: sheet_pairs(&sheet),
        id: Some(sheet.id),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

async fn save(
    state: &AppState,
    user: crate::accounts::SessionUser,
    id: Option<String>,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let tr = Tr::french();
    match super::read_form(&state.db, &tr, id.as_deref(), &pairs).await {
        Ok(sheet) => {
            super::save_sheet(&state.db, state.clock.now(), user.id, &sheet).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/prevention/{}", sheet.id),
                "prevention-saved",
            ))
            .into_response())
        }
        Err(SheetError::Invalid(errors)) => {
            let page = FormPage {
                ctx: PageContext::new(Some(user)),
                id,
                values: pairs,
                errors,
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(SheetError::Store(error)) => Err(error.into()),
    }
}

async fn create_sheet(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&state, user, None, pairs).await
}

async fn update_sheet(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let sheet = super::find_sheet(&state.db, &id).await?;
    save(&state, user, Some(sheet.id), pairs).await
}

async fn reset_sheet(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
) -> AppResult<Response> {
    super::reset_sheet(&state.db, state.clock.now(), user.id, &id)
        .await
        .map_err(AppError::from)?;
    let target = if model::default_sheets().iter().any(|sheet| sheet.id == id) {
        urls::with_notice(&format!("/prevention/{id}"), "prevention-reset")
    } else {
        urls::with_notice(urls::PREVENTION, "prevention-removed")
    };
    Ok(Redirect::to(&target).into_response())
}
