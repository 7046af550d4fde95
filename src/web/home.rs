//! The public home page and the health probes.

use crate::app::AppState;
use crate::error::AppResult;
use crate::storage::Db;
use crate::web::{MaybeUser, PageContext, render};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_home))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

#[derive(serde::Deserialize)]
pub struct NoticeQuery {
    pub info: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageContext,
    network_name: String,
}

async fn show_home(
    State(db): State<Db>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Html<String>> {
    let ctx = PageContext::new(user).with_notice_code(query.info.as_deref());
    let network = crate::network::find_network(&db).await?;
    render(&HomePage {
        network_name: network.map(|n| n.name).unwrap_or_default(),
        ctx,
    })
}

/// The process is alive.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn readyz(State(db): State<Db>) -> impl IntoResponse {
    if db.is_ready().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
