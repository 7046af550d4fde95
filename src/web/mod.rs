//! Shared HTTP pieces: the page context every template receives, authentication extractors,
//! the form extractor, security middleware, static files, the home page and health probes.
//! Domain routes use these; nothing here knows about a domain's rules.

pub mod assets;
pub mod auth;
pub mod form;
pub mod home;
pub mod middleware;
pub mod page;
pub mod pdf;
pub mod urls;

pub use auth::{ClientIp, CurrentUser, MaybeUser, RequireCoordinator, RequireManager};
pub use form::Form;
pub use page::{PageContext, render};
