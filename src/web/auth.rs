//! Permission extractors. A handler states who may call it in its signature:
//! `CurrentUser` (any staff member), `RequireManager` (manager or coordinator),
//! `RequireCoordinator`, or `MaybeUser` for public pages. Anonymous visitors of staff pages are
//! sent to the login page; staff without the role get a 403 page.

use crate::accounts::{self, Role, SessionUser};
use crate::app::AppState;
use crate::error::AppError;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use std::net::SocketAddr;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "relais_session";

/// Any logged-in staff member.
pub struct CurrentUser(pub SessionUser);
/// The logged-in staff member, if any (public pages).
pub struct MaybeUser(pub Option<SessionUser>);
/// A manager or a coordinator.
pub struct RequireManager(pub SessionUser);
/// A coordinator.
pub struct RequireCoordinator(pub SessionUser);

/// Looks the session up once per request and keeps the answer in the request extensions.
async fn session_user(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<SessionUser>, AppError> {
    if let Some(cached) = parts.extensions.get::<Option<SessionUser>>() {
        return Ok(cached.clone());
    }
    let jar = CookieJar::from_headers(&parts.headers);
    let user = match jar.get(SESSION_COOKIE) {
        Some(cookie) => {
            accounts::authenticate(&state.db, &state.config, state.clock.now(), cookie.value())
                .await?
        }
        None => None,
    };
    parts.extensions.insert(user.clone());
    Ok(user)
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(Self(session_user(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        session_user(parts, state)
            .await?
            .map(Self)
            .ok_or(AppError::LoginRequired)
    }
}

async fn require_role(
    parts: &mut Parts,
    state: &AppState,
    role: Role,
) -> Result<SessionUser, AppError> {
    let user = session_user(parts, state)
        .await?
        .ok_or(AppError::LoginRequired)?;
    if user.role.is_at_least(role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

impl FromRequestParts<AppState> for RequireManager {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        require_role(parts, state, Role::Manager).await.map(Self)
    }
}

impl FromRequestParts<AppState> for RequireCoordinator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        require_role(parts, state, Role::Coordinator)
            .await
            .map(Self)
    }
}

/// The client address used for login throttling: the socket peer, or the first
/// `X-Forwarded-For` entry when `RELAIS_TRUSTED_PROXY` says a reverse proxy sets it.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if state.config.trusted_proxy
            && let Some(forwarded) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        {
            return Ok(Self(forwarded.to_owned()));
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(Self(peer))
    }
}

/// The cookie carrying a new session token: HttpOnly, SameSite=Lax, Secure over HTTPS, and
/// gone when the browser closes (the server also ends it, see `config`).
pub fn session_cookie(token: String, is_https: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https)
        .build()
}

/// A cookie that removes the session cookie.
pub fn removed_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, "")).path("/").build()
}
