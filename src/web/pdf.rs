//! Slots for typesetting PDF files: at most `Config::pdf_renders` at once; a request that
//! finds none free within `Config::pdf_wait` gets a French "busy, retry in a minute" page.

use crate::app::AppState;
use crate::web::page::ErrorPage;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use tokio::sync::OwnedSemaphorePermit;

/// A slot to typeset one PDF, if one frees up within `Config::pdf_wait`.
pub async fn slot(state: &AppState) -> Option<OwnedSemaphorePermit> {
    let slots = state.pdf_renders.clone();
    match slots.clone().try_acquire_owned() {
        Ok(slot) => Some(slot),
        Err(_) => tokio::time::timeout(state.config.pdf_wait, slots.acquire_owned())
            .await
            .ok()?
            .ok(),
    }
}

/// The 503 page when no slot freed up.
pub fn busy() -> Response {
    let mut busy = ErrorPage::response(StatusCode::SERVICE_UNAVAILABLE, "error-busy", None);
    busy.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    busy
}

/// A PDF file shown in the browser (`inline`), never kept by shared caches.
pub fn inline(bytes: Vec<u8>, file_name: &str) -> Response {
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
