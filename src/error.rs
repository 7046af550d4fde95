//! Application errors and the clean French page each one shows. Internals are logged with their
//! cause chain and never shown to the person.

use crate::storage::StoreError;
use crate::web::page::ErrorPage;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The page needs a logged-in staff member.
    #[error("login required")]
    LoginRequired,
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// A link that has expired or was already used.
    #[error("gone")]
    Gone,
    /// The request cannot be understood; the message is a French sentence.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            other => Self::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::from(error).into()
    }
}

impl From<askama::Error> for AppError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(anyhow::Error::new(error).context("rendering a template"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, key) = match &self {
            Self::LoginRequired => return Redirect::to("/connexion").into_response(),
            Self::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            Self::Gone => (StatusCode::GONE, "error-gone"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "error-bad-request"),
            Self::Internal(error) => {
                tracing::error!(error = ?error, "Internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        };
        let detail = match self {
            Self::BadRequest(message) => Some(message),
            _ => None,
        };
        ErrorPage::response(status, key, detail)
    }
}
