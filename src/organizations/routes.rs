//! Staff pages of organisations: the coordinator's list and creation form, and the edit page
//! (the coordinator, or a manager of that organisation).

use super::OrganizationDetails;
use crate::accounts::{Role, SessionUser};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::places::vocab;
use crate::text::slug;
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{Form, PageContext, RequireCoordinator, RequireManager, render};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/gestion/structures",
            get(list_organizations).post(create_organization),
        )
        .route(
            "/gestion/structures/{id}",
            get(edit_organization).post(update_organization),
        )
}

/// One type code as a checkbox.
pub struct TypeOption {
    pub value: String,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "organizations/list.html")]
struct ListPage {
    ctx: PageContext,
    organizations: Vec<crate::organizations::Organization>,
    form: FormView,
}

#[derive(Template)]
#[template(path = "organizations/edit.html")]
struct EditPage {
    ctx: PageContext,
    id: i64,
    form: FormView,
}

/// The form's values and messages, shared by the creation and edit pages.
struct FormView {
    values: Vec<(String, String)>,
    types: Vec<TypeOption>,
    errors: Vec<(String, String)>,
}

impl FormView {
    fn new(details: &OrganizationDetails) -> Self {
        let values = vec![
            ("nom".to_owned(), details.name.clone()),
            ("pivot".to_owned(), details.pivot.clone()),
            ("courriel".to_owned(), details.email.clone()),
            (
                "telephone".to_owned(),
                crate::places::views::display_phone(&details.telephone),
            ),
            ("site_web".to_owned(), details.site_web.clone()),
        ];
        Self::with(
            values,
            &details
                .typologie
                .iter()
                .map(|t| slug(t))
                .collect::<Vec<_>>(),
            Vec::new(),
        )
    }

    fn from_post(pairs: &[(String, String)], errors: Vec<(String, String)>) -> Self {
        let checked: Vec<String> = pairs
            .iter()
            .filter(|(key, _)| key == "typologie")
            .map(|(_, value)| value.clone())
            .collect();
        Self::with(pairs.to_vec(), &checked, errors)
    }

    fn with(
        values: Vec<(String, String)>,
        checked: &[String],
        errors: Vec<(String, String)>,
    ) -> Self {
        let types = vocab::TYPOLOGIES
            .values
            .iter()
            .map(|label| TypeOption {
                value: slug(label),
                label,
                checked: checked.contains(&slug(label)),
            })
            .collect();
        Self {
            values,
            types,
            errors,
        }
    }

    fn value(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
    }
}

impl ListPage {
    fn value(&self, name: &str) -> &str {
        self.form.value(name)
    }
    fn error(&self, name: &str) -> Option<&str> {
        self.form.error(name)
    }
}

impl EditPage {
    fn value(&self, name: &str) -> &str {
        self.form.value(name)
    }
    fn error(&self, name: &str) -> Option<&str> {
        self.form.error(name)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InfoQuery {
    info: Option<String>,
}

async fn list_organizations(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let page = ListPage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        organizations: super::list_organizations(&state.db).await?,
        form: FormView::new(&OrganizationDetails::default()),
    };
    Ok(render(&page)?.into_response())
}

async fn create_organization(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    match super::model::parse_form(&pairs) {
        Ok(details) => {
            let id =
                super::create_with_details(&state.db, state.clock.now(), user.id, &details).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/structures/{id}"),
                "organization-saved",
            ))
            .into_response())
        }
        Err(errors) => {
            let page = ListPage {
                ctx: PageContext::new(Some(user)),
                organizations: super::list_organizations(&state.db).await?,
                form: FormView::from_post(&pairs, errors),
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// The organisation `id` if `user` may edit it (its managers, and coordinators).
async fn editable(state: &AppState, user: &SessionUser, id: &str) -> AppResult<i64> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    super::find_organization(&state.db, id).await?;
    if user.role != Role::Coordinator
        && !crate::accounts::organization_ids(&state.db, user.id)
            .await?
            .contains(&id)
    {
        return Err(AppError::Forbidden);
    }
    Ok(id)
}

async fn edit_organization(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<InfoQuery>,
) -> AppResult<Response> {
    let id = editable(&state, &user, &id).await?;
    let details = super::find_organization(&state.db, id).await?;
    let page = EditPage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        id,
        form: FormView::new(&details),
    };
    Ok(render(&page)?.into_response())
}

async fn update_organization(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = editable(&state, &user, &id).await?;
    match super::model::parse_form(&pairs) {
        Ok(details) => {
            super::update_organization(&state.db, state.clock.now(), user.id, id, &details).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/gestion/structures/{id}"),
                "organization-saved",
            ))
            .into_response())
        }
        Err(errors) => {
            let page = EditPage {
                ctx: PageContext::new(Some(user)),
                id,
                form: FormView::from_post(&pairs, errors),
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
