//! The form extractor: `serde_html_form` (repeated keys work for checkbox groups), and a clean
//! French page instead of a plain-text rejection when the body cannot be read.

use crate::error::AppError;
use axum::extract::{FromRequest, Request};

/// A decoded `application/x-www-form-urlencoded` body.
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum_extra::extract::Form::<T>::from_request(request, state).await {
            Ok(axum_extra::extract::Form(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!(error = %rejection, "Unreadable form");
                Err(AppError::BadRequest(
                    "Le formulaire envoyé est illisible. Rechargez la page et réessayez.".into(),
                ))
            }
        }
    }
}

/// The first value of `name` in a decoded form, trimmed (empty when absent).
pub fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.trim())
}

/// Every non-empty value of `name` in a decoded form (checkbox groups), trimmed, in order.
pub fn fields<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The message for field `name` among a refused form's `(field, message)` pairs.
pub fn error<'a>(errors: &'a [(String, String)], name: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, message)| message.as_str())
}

/// Gives page structs with `values` and `errors` fields (a form shown again with what was
/// typed and a message per field) the `value(name)` and `error(name)` their templates call.
#[macro_export]
macro_rules! refillable_form {
    ($($page:ty),+ $(,)?) => {
        $(impl $page {
            pub fn value(&self, name: &str) -> &str {
                $crate::web::form::field(&self.values, name)
            }

            pub fn error(&self, name: &str) -> Option<&str> {
                $crate::web::form::error(&self.errors, name)
            }
        })+
    };
}
