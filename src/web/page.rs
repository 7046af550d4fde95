//! What every page template receives (`PageContext`: translator, logged-in user, notice) and the
//! error page. Templates read text through `ctx.t("key")`.

use crate::accounts::{Role, SessionUser};
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// One choice of a form: a radio button, a checkbox or an option of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// Context shared by all pages.
#[derive(Clone, Debug, Default)]
pub struct PageContext {
    pub tr: Tr,
    pub user: Option<SessionUser>,
    /// A one-line confirmation shown at the top of the page (`role="status"`).
    pub notice: Option<String>,
}

impl PageContext {
    pub fn new(user: Option<SessionUser>) -> Self {
        Self {
            tr: Tr::french(),
            user,
            notice: None,
        }
    }

    pub fn anonymous() -> Self {
        Self::new(None)
    }

    /// Adds the confirmation matching a known notice code from the query string; unknown codes
    /// are ignored, so nobody can inject text through the address.
    pub fn with_notice_code(mut self, code: Option<&str>) -> Self {
        if let Some(code) = code {
            let key = format!("notice-{code}");
            if self.tr.has(&key) {
                self.notice = Some(self.tr.t(&key));
            }
        }
        self
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.tr.t1(key, name, value)
    }

    pub fn t_args2(
        &self,
        key: &str,
        name: &'static str,
        value: impl ToString,
        other_name: &'static str,
        other_value: impl ToString,
    ) -> String {
        self.tr.t_args(
            key,
            &[
                (name, value.to_string()),
                (other_name, other_value.to_string()),
            ],
        )
    }

    pub fn lang(&self) -> String {
        self.tr.lang()
    }

    pub fn is_logged_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    }

    /// Managers and coordinators see the staff pages.
    pub fn can_manage_staff(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.is_at_least(Role::Manager))
    }

    pub fn is_coordinator(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == Role::Coordinator)
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(template: &T) -> crate::error::AppResult<Html<String>> {
    Ok(Html(template.render()?))
}

/// Renders a page that holds a secret link (a private feed, a registration's cancellation
/// link): browsers and proxies must not keep it (`Cache-Control: no-store`).
pub fn render_private<T: Template>(template: &T) -> crate::error::AppResult<Response> {
    use axum::response::IntoResponse;
    let mut response = render(template)?.into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Renders a template with a status (form errors use 422).
pub fn render_with_status<T: Template>(
    status: StatusCode,
    template: &T,
) -> crate::error::AppResult<Response> {
    Ok((status, Html(template.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: PageContext,
    pub title: String,
    pub message: String,
    pub detail: Option<String>,
}

/// Left on error responses so that `web::middleware::error_pages_with_user` can show the
/// page again with the visitor's menu when they are logged in.
#[derive(Clone, Debug)]
pub struct ErrorPageMarker {
    pub status: StatusCode,
    pub key: String,
    pub detail: Option<String>,
}

impl ErrorPage {
    /// The error page for `key` (`error-…-title` and `error-…-text` in the catalogue).
    pub fn response(status: StatusCode, key: &str, detail: Option<String>) -> Response {
        let mut response = Self::response_for(None, status, key, detail.clone());
        response.extensions_mut().insert(ErrorPageMarker {
            status,
            key: key.to_owned(),
            detail,
        });
        response
    }

    /// The error page as seen by `user` (their menu in the header).
    pub fn response_for(
        user: Option<SessionUser>,
        status: StatusCode,
        key: &str,
        detail: Option<String>,
    ) -> Response {
        let ctx = PageContext::new(user);
        let page = Self {
            title: ctx.t(&format!("{key}-title")),
            message: ctx.t(&format!("{key}-text")),
            detail,
            ctx,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(error) => {
                tracing::error!(error = %error, "Rendering the error page failed");
                (status, "Erreur").into_response()
            }
        }
    }
}
