//! Application state and the router: every domain's routes, then the middleware stack
//! (panic catcher, request ids, tracing, security headers, CSRF).

use crate::clock::Clock;
use crate::config::Config;
use crate::mailer::Mailer;
use crate::places::search::SearchIndex;
use crate::storage::Db;
use crate::web::page::ErrorPage;
use crate::{
    accounts, activities, audit, charters, diagnostic, meetings, members, news, organizations,
    permanences, places, prevention, referrals, resources, web, workshops,
};
use axum::Router;
use axum::extract::{FromRef, MatchedPath, Request};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// What handlers can ask for: `State<Db>`, `State<Arc<Config>>`, `State<Clock>`,
/// `State<Mailer>`.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub mailer: Mailer,
    /// The in-memory search index of the directory (rebuilt when the directory changes).
    pub index: SearchIndex,
    /// Slots for typesetting PDF files (`Config::pdf_renders`).
    pub pdf_renders: Arc<Semaphore>,
    /// Writes new accompaniment records in groups (`activities::writer`).
    pub recorder: activities::Recorder,
}

impl AppState {
    /// Needs a Tokio runtime (it starts the records' writer task).
    pub fn new(db: Db, config: Config, clock: Clock) -> Self {
        Self {
            recorder: activities::Recorder::start(db.clone()),
            db,
            mailer: Mailer::new(config.smtp.as_ref()),
            pdf_renders: Arc::new(Semaphore::new(config.pdf_renders)),
            config: Arc::new(config),
            clock,
            index: SearchIndex::default(),
        }
    }
}

/// The whole application as one router.
pub fn router(state: AppState) -> anyhow::Result<Router> {
    let mut csrf = CsrfLayer::new();
    if let Some(url) = &state.config.public_url {
        csrf = csrf
            .add_trusted_origin(url.origin().ascii_serialization())
            .map_err(|error| anyhow::anyhow!("RELAIS_PUBLIC_URL: {error}"))?;
    }
    let middleware = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| panic_page(),
        ))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(axum::middleware::from_fn(web::middleware::security_headers))
        .layer(csrf)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::middleware::error_pages_with_user,
        ));
    Ok(Router::new()
        .merge(web::home::router())
        .merge(web::assets::router())
        .merge(accounts::routes::router())
        .merge(audit::routes::router())
        .merge(places::routes::router())
        .merge(organizations::router())
        .merge(permanences::router())
        .merge(charters::router())
        .merge(activities::router())
        .merge(diagnostic::routes::router())
        .merge(referrals::router())
        .merge(workshops::routes::router())
        .merge(news::router())
        .merge(prevention::router())
        .merge(members::router())
        .merge(meetings::router())
        .merge(resources::router())
        .merge(crate::stats::router())
        .fallback(not_found)
        .layer(middleware)
        .with_state(state))
}

/// The span of one request: method, route pattern (never the raw path, which may hold a
/// token) and request id.
fn request_span(request: &Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "(no route)".to_owned());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    tracing::info_span!("request", method = %request.method(), route = %route, request_id = %request_id)
}

async fn not_found() -> Response {
    ErrorPage::response(StatusCode::NOT_FOUND, "error-not-found", None)
}

fn panic_page() -> Response {
    tracing::error!("A request handler panicked");
    ErrorPage::response(StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None)
}
