//! The members' directory page (any staff member) and the form where an organisation's
//! managers choose its contact person among its staff.

use super::ContactError;
use super::model::{MemberEntry, StaffContact};
use crate::accounts::UserId;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::page::{Choice, render_with_status};
use crate::web::{CurrentUser, Form, PageContext, RequireManager, render, urls};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route(urls::MEMBERS, get(list_members)).route(
        "/reseau/membres/{id}/contact",
        get(contact_form).post(save_contact),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    info: Option<String>,
}

/// An organisation as the directory shows it.
struct MemberView {
    entry: MemberEntry,
    charter_label: String,
    can_choose_contact: bool,
}

#[derive(Template)]
#[template(path = "members/list.html")]
struct DirectoryPage {
    ctx: PageContext,
    members: Vec<MemberView>,
}

#[derive(Template)]
#[template(path = "members/contact.html")]
struct ContactPage {
    ctx: PageContext,
    organization_id: i64,
    organization_name: String,
    choices: Vec<Choice>,
    error: Option<String>,
}

async fn list_members(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let entries = super::directory(&state.db, state.clock.now()).await?;
    let own = crate::accounts::organization_ids(&state.db, user.id).await?;
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let members = entries
        .into_iter()
        .map(|entry| MemberView {
            charter_label: ctx.t(entry.charter.label_key()),
            can_choose_contact: ctx.is_coordinator()
                || (ctx.can_manage_staff() && own.contains(&entry.organization_id)),
            entry,
        })
        .collect();
    Ok(render(&DirectoryPage { ctx, members })?.into_response())
}

fn parse_id(id: &str) -> AppResult<i64> {
    id.parse().map_err(|_| AppError::NotFound)
}

fn choices(staff: &[StaffContact], chosen: Option<i64>, none_label: String) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: none_label,
        checked: chosen.is_none(),
    })
    .chain(staff.iter().map(|person| Choice {
        value: person.user_id.to_string(),
        label: format!("{} ({})", person.name, person.email),
        checked: chosen == Some(person.user_id),
    }))
    .collect()
}

async fn contact_page(
    state: &AppState,
    user: crate::accounts::SessionUser,
    organization: i64,
    chosen: Option<Option<i64>>,
    error: Option<String>,
) -> AppResult<ContactPage> {
    if !super::may_choose_contact(&state.db, &user, organization).await? {
        return Err(AppError::Forbidden);
    }
    let details = crate::organizations::find_organization(&state.db, organization).await?;
    let (staff, current) = super::contact_choices(&state.db, organization).await?;
    let ctx = PageContext::new(Some(user));
    Ok(ContactPage {
        choices: choices(
            &staff,
            chosen.unwrap_or(current),
            ctx.t("members-contact-none"),
        ),
        ctx,
        organization_id: organization,
        organization_name: details.name,
        error,
    })
}

async fn contact_form(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let page = contact_page(&state, user, parse_id(&id)?, None, None).await?;
    Ok(render(&page)?.into_response())
}

async fn save_contact(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let organization = parse_id(&id)?;
    if !super::may_choose_contact(&state.db, &user, organization).await? {
        return Err(AppError::Forbidden);
    }
    let value = crate::web::form::field(&pairs, "contact");
    let contact = if value.is_empty() {
        None
    } else {
        match value.parse::<i64>() {
            Ok(id) => Some(UserId(id)),
            Err(_) => return refused(&state, user, organization).await,
        }
    };
    match super::choose_contact(&state.db, state.clock.now(), user.id, organization, contact).await
    {
        Ok(()) => Ok(
            Redirect::to(&urls::with_notice(urls::MEMBERS, "members-contact-saved"))
                .into_response(),
        ),
        Err(ContactError::NotStaff) => refused(&state, user, organization).await,
        Err(ContactError::Store(error)) => Err(error.into()),
    }
}

async fn refused(
    state: &AppState,
    user: crate::accounts::SessionUser,
    organization: i64,
) -> AppResult<Response> {
    let message = crate::i18n::Tr::french().t("members-contact-error");
    let page = contact_page(state, user, organization, None, Some(message)).await?;
    render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
