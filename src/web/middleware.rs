//! Middleware applied to every response: security headers, a French page when the CSRF layer
//! refuses a cross-origin form, and error pages that keep a logged-in visitor's menu.

use crate::app::AppState;
use crate::web::auth::SESSION_COOKIE;
use crate::web::page::{ErrorPage, ErrorPageMarker};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;

/// Strict policy: only our own scripts, styles and images; no framing; forms post to us only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response
        .extensions()
        .get::<tower_http::csrf::ProtectionError>()
        .is_some()
    {
        tracing::warn!("Refused a cross-origin state-changing request");
        response = ErrorPage::response(StatusCode::FORBIDDEN, "error-csrf", None);
    }
    let headers = response.headers_mut();
    let defaults: [(HeaderName, &str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(self)",
        ),
        // Staff pages show personal data of staff: nothing is cached unless a route says so.
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// Error pages are rendered without knowing the visitor; when the request carried a valid
/// session, render the page again with the visitor's menu (one lookup, on error pages only).
pub async fn error_pages_with_user(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let token = CookieJar::from_headers(request.headers())
        .get(SESSION_COOKIE)
        .map(|cookie| cookie.value().to_owned());
    let response = next.run(request).await;
    let (Some(token), Some(marker)) = (token, response.extensions().get::<ErrorPageMarker>())
    else {
        return response;
    };
    let marker = marker.clone();
    match crate::accounts::authenticate(&state.db, &state.config, state.clock.now(), &token).await {
        Ok(Some(user)) => {
            ErrorPage::response_for(Some(user), marker.status, &marker.key, marker.detail)
        }
        _ => response,
    }
}
