//! Handlers of the accounts pages: login, logout, my account, staff list, invitations and
//! password resets. Each pulls its inputs, calls one operation of `accounts` and renders.

use super::views::{
    AccountPage, InvitationPage, InvitationValues, LoginPage, PasswordResetPage, StaffPage,
};
use super::{AccountError, InvitationEmail, InvitationRequest, UserId, model};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::auth::{SESSION_COOKIE, removed_session_cookie, session_cookie};
use crate::web::home::NoticeQuery;
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{
    ClientIp, CurrentUser, Form, MaybeUser, PageContext, RequireCoordinator, RequireManager, render,
};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::LOGIN, get(show_login).post(submit_login))
        .route(urls::LOGOUT, post(submit_logout))
        .route(urls::ACCOUNT, get(show_account))
        .route(urls::ACCOUNT_PASSWORD, post(change_password))
        .route(urls::ACCOUNT_DATA, get(download_my_data))
        .route(urls::ACCOUNT_DELETE, post(delete_my_account))
        .route(urls::STAFF, get(list_staff))
        .route(urls::STAFF_INVITATIONS, post(create_invitation))
        .route("/equipe/{id}/reinitialisation", post(issue_password_reset))
        .route(
            "/invitation/{token}",
            get(show_invitation).post(accept_invitation),
        )
        .route(
            "/reinitialisation/{token}",
            get(show_password_reset).post(submit_password_reset),
        )
}

// --- Login and logout ---

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    suite: Option<String>,
}

#[derive(serde::Deserialize)]
struct LoginQuery {
    info: Option<String>,
    suite: Option<String>,
}

async fn show_login(
    MaybeUser(user): MaybeUser,
    Query(query): Query<LoginQuery>,
) -> AppResult<Response> {
    if user.is_some() {
        return Ok(Redirect::to(urls::ACCOUNT).into_response());
    }
    let page = LoginPage {
        ctx: PageContext::anonymous().with_notice_code(query.info.as_deref()),
        email: String::new(),
        error: None,
        next: model::safe_next_path(query.suite.as_deref()).unwrap_or_default(),
    };
    Ok(render(&page)?.into_response())
}

async fn submit_login(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let previous = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let outcome = super::login(
        &state.db,
        &state.config,
        state.clock.now(),
        &form.email,
        &form.password,
        &client_ip,
        previous.as_deref(),
    )
    .await;
    match outcome {
        Ok(token) => {
            let jar = jar.add(session_cookie(token, state.config.is_https()));
            let next = model::safe_next_path(form.suite.as_deref())
                .unwrap_or_else(|| urls::ACCOUNT.to_owned());
            Ok((jar, Redirect::to(&next)).into_response())
        }
        Err(error @ (AccountError::WrongCredentials | AccountError::Throttled)) => {
            let status = match error {
                AccountError::Throttled => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            let ctx = PageContext::anonymous();
            let page = LoginPage {
                error: Some(ctx.t(error.message_key())),
                email: form.email.trim().to_owned(),
                next: model::safe_next_path(form.suite.as_deref()).unwrap_or_default(),
                ctx,
            };
            render_with_status(status, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn submit_logout(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
) -> AppResult<Response> {
    if let Some(user) = user {
        super::logout(&state.db, &user.session_hash).await?;
    }
    let jar = jar.remove(removed_session_cookie());
    Ok((
        jar,
        Redirect::to(&urls::with_notice(urls::LOGIN, "deconnexion")),
    )
        .into_response())
}

// --- My account ---

async fn account_page(
    state: &AppState,
    ctx: PageContext,
    password_error: Option<String>,
    delete_error: Option<String>,
) -> AppResult<AccountPage> {
    let user = ctx.user.clone().ok_or(AppError::LoginRequired)?;
    let organizations = super::organization_names(&state.db, user.id).await?;
    let must_sign_charter = user.role != super::Role::Coordinator
        && !crate::charters::helper_has_signed_current(&state.db, user.id).await?;
    Ok(AccountPage {
        must_sign_charter,
        email: user.email.clone(),
        role_label: ctx.t(user.role.label_key()),
        kind_label: ctx.t(user.helper_kind.label_key()),
        organizations,
        password_error,
        delete_error,
        ctx,
    })
}

async fn show_account(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    Ok(render(&account_page(&state, ctx, None, None).await?)?.into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let outcome = super::change_password(
        &state.db,
        state.clock.now(),
        &user,
        &form.current_password,
        &form.new_password,
        &form.new_password_confirm,
    )
    .await;
    match outcome {
        Ok(()) => Ok(
            Redirect::to(&urls::with_notice(urls::ACCOUNT, "mot-de-passe-modifie")).into_response(),
        ),
        Err(AccountError::Invalid(key)) => {
            let ctx = PageContext::new(Some(user));
            let message = ctx.t(key);
            let page = account_page(&state, ctx, Some(message), None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn download_my_data(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let mut data = super::export_my_data(&state.db, &user).await?;
    // What other domains keep about the person: their duties and their charter signatures.
    let duties = crate::permanences::all_duties_of_helper(&state.db, user.id).await?;
    let signatures = crate::charters::signatures_of(&state.db, user.id).await?;
    if let serde_json::Value::Object(map) = &mut data {
        map.insert(
            "permanence_duties".into(),
            duties
                .iter()
                .map(|duty| {
                    serde_json::json!({
                        "permanence_id": duty.permanence.0,
                        "date": duty.on_date.to_string(),
                    })
                })
                .collect(),
        );
        map.insert(
            "charter_signatures".into(),
            signatures
                .iter()
                .map(|signature| {
                    serde_json::json!({
                        "charter_version": signature.version,
                        "content_hash": signature.content_hash,
                        "full_name": signature.full_name,
                        "helper_kind": signature.helper_kind.as_str(),
                        "signed_at_place": signature.signed_at_place,
                        "signed_on": signature.signed_on.to_string(),
                    })
                })
                .collect(),
        );
    }
    let body = serde_json::to_string_pretty(&data).map_err(anyhow::Error::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mes-donnees-relais.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    password: String,
}

async fn delete_my_account(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    jar: CookieJar,
    Form(form): Form<DeleteForm>,
) -> AppResult<Response> {
    match super::delete_my_account(&state.db, state.clock.now(), &user, &form.password).await {
        Ok(()) => {
            let jar = jar.remove(removed_session_cookie());
            Ok((
                jar,
                Redirect::to(&urls::with_notice(urls::HOME, "compte-supprime")),
            )
                .into_response())
        }
        Err(AccountError::Invalid(key)) => {
            let ctx = PageContext::new(Some(user));
            let message = ctx.t(key);
            let page = account_page(&state, ctx, None, Some(message)).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

// --- Staff and invitations ---

async fn staff_page(
    state: &AppState,
    user: super::SessionUser,
    values: InvitationValues,
) -> AppResult<StaffPage> {
    let members = super::list_staff(&state.db, &user).await?;
    let organizations = super::invitable_organizations(&state.db, &user).await?;
    Ok(StaffPage::build(
        PageContext::new(Some(user)),
        members,
        organizations,
        values,
    ))
}

async fn list_staff(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
) -> AppResult<Response> {
    let page = staff_page(&state, user, InvitationValues::default()).await?;
    Ok(render(&page)?.into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct InvitationForm {
    email: String,
    role: String,
    helper_kind: String,
    organization_id: String,
}

async fn create_invitation(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Form(form): Form<InvitationForm>,
) -> AppResult<Response> {
    let request = InvitationRequest {
        email: form.email.clone(),
        role: form.role.clone(),
        helper_kind: form.helper_kind.clone(),
        organization_id: form.organization_id.trim().parse().ok(),
    };
    let outcome = super::create_invitation(&state.db, state.clock.now(), &user, &request).await;
    match outcome {
        Ok(token) => {
            let link = format!("{}{}", state.config.base_url(), urls::invitation(&token));
            let emailed = super::email_invitation(&state.mailer, &state.db, &request, &link).await;
            let mut page = staff_page(&state, user, InvitationValues::default()).await?;
            page.ctx.notice = Some(page.ctx.t(match emailed {
                InvitationEmail::NotConfigured => "notice-invitation-created",
                InvitationEmail::Sent => "notice-invitation-emailed",
                InvitationEmail::Failed => "notice-invitation-email-failed",
            }));
            page.invitation_link = Some(link);
            Ok(render(&page)?.into_response())
        }
        Err(AccountError::Invalid(key)) => {
            let values = InvitationValues {
                email: form.email.trim().to_owned(),
                role: form.role,
                helper_kind: form.helper_kind,
                organization_id: request.organization_id,
            };
            let mut page = staff_page(&state, user, values).await?;
            page.error = Some(page.ctx.t(key));
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn issue_password_reset(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (target, token) =
        super::issue_password_reset(&state.db, state.clock.now(), &user, UserId(id)).await?;
    let mut page = staff_page(&state, user, InvitationValues::default()).await?;
    page.reset_link = Some((
        target.display_name,
        format!(
            "{}{}",
            state.config.base_url(),
            urls::password_reset(&token)
        ),
    ));
    Ok(render(&page)?.into_response())
}

// --- Invitation acceptance ---

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct AcceptForm {
    display_name: String,
    password: String,
    password_confirm: String,
}

async fn show_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let invitation = super::find_open_invitation(&state.db, state.clock.now(), &token).await?;
    let ctx = PageContext::anonymous();
    let page = InvitationPage {
        email: invitation.email,
        role_label: ctx.t(invitation.role.label_key()),
        display_name: String::new(),
        error: None,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(form): Form<AcceptForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let outcome = super::accept_invitation(
        &state.db,
        &state.config,
        now,
        &token,
        &form.display_name,
        &form.password,
        &form.password_confirm,
    )
    .await;
    match outcome {
        Ok(session) => {
            let jar = jar.add(session_cookie(session, state.config.is_https()));
            Ok((
                jar,
                Redirect::to(&urls::with_notice(urls::ACCOUNT, "bienvenue")),
            )
                .into_response())
        }
        Err(AccountError::Invalid(key)) => {
            let invitation = super::find_open_invitation(&state.db, now, &token).await?;
            let ctx = PageContext::anonymous();
            let page = InvitationPage {
                email: invitation.email,
                role_label: ctx.t(invitation.role.label_key()),
                display_name: form.display_name.trim().to_owned(),
                error: Some(ctx.t(key)),
                ctx,
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

// --- Password reset ---

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ResetForm {
    password: String,
    password_confirm: String,
}

async fn show_password_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let (_, user) = super::find_open_password_reset(&state.db, state.clock.now(), &token).await?;
    let page = PasswordResetPage {
        ctx: PageContext::anonymous(),
        email: user.email,
        error: None,
    };
    Ok(render(&page)?.into_response())
}

async fn submit_password_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    match super::use_password_reset(
        &state.db,
        now,
        &token,
        &form.password,
        &form.password_confirm,
    )
    .await
    {
        Ok(()) => Ok(
            Redirect::to(&urls::with_notice(urls::LOGIN, "mot-de-passe-reinitialise"))
                .into_response(),
        ),
        Err(AccountError::Invalid(key)) => {
            let (_, user) = super::find_open_password_reset(&state.db, now, &token).await?;
            let ctx = PageContext::anonymous();
            let page = PasswordResetPage {
                email: user.email,
                error: Some(ctx.t(key)),
                ctx,
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}
