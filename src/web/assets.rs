//! Static files compiled into the binary: no CDN and nothing to install at run time.
//! Our own files may change with each release, so browsers keep them an hour; vendored
//! libraries carry their version in the address and are kept a year.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const STYLESHEET: &str = include_str!("../../static/relais.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const MAP: &str = include_str!("../../static/map.js");
const ACTIVITY: &str = include_str!("../../static/activity.js");
const DIAGNOSTIC: &str = include_str!("../../static/diagnostic.js");
const LEAFLET_JS: &str = include_str!("../../static/vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../static/vendor/leaflet/leaflet.css");
const LEAFLET_LICENSE: &str = include_str!("../../static/vendor/leaflet/LICENSE");

/// The vendored Leaflet (see `static/vendor/README.md`).
pub const LEAFLET_VERSION: &str = "1.9.4";
/// Addresses the map pages link to.
pub const MAP_SCRIPT: &str = "/static/map.js";
/// The accompaniment form's script: records without reloading the page.
pub const ACTIVITY_SCRIPT: &str = "/static/activity.js";
/// The diagnostic's script: reading a question aloud, printing the result.
pub const DIAGNOSTIC_SCRIPT: &str = "/static/diagnostic.js";
pub const LEAFLET_SCRIPT: &str = "/static/vendor/leaflet-1.9.4/leaflet.js";
pub const LEAFLET_STYLESHEET: &str = "/static/vendor/leaflet-1.9.4/leaflet.css";
pub const LEAFLET_LICENSE_TEXT: &str = "/static/vendor/leaflet-1.9.4/LICENSE.txt";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";
const AN_HOUR: &str = "public, max-age=3600";
const A_DAY: &str = "public, max-age=86400";
const A_YEAR: &str = "public, max-age=31536000, immutable";

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/static/relais.css", get(|| file(CSS, AN_HOUR, STYLESHEET)))
        .route(
            "/static/favicon.svg",
            get(|| file("image/svg+xml", A_DAY, FAVICON)),
        )
        .route(MAP_SCRIPT, get(|| file(JAVASCRIPT, AN_HOUR, MAP)))
        .route(ACTIVITY_SCRIPT, get(|| file(JAVASCRIPT, AN_HOUR, ACTIVITY)))
        .route(
            DIAGNOSTIC_SCRIPT,
            get(|| file(JAVASCRIPT, AN_HOUR, DIAGNOSTIC)),
        )
        .route(LEAFLET_SCRIPT, get(|| file(JAVASCRIPT, A_YEAR, LEAFLET_JS)))
        .route(LEAFLET_STYLESHEET, get(|| file(CSS, A_YEAR, LEAFLET_CSS)))
        .route(
            LEAFLET_LICENSE_TEXT,
            get(|| file(TEXT, A_YEAR, LEAFLET_LICENSE)),
        )
}

async fn file(
    content_type: &'static str,
    cache: &'static str,
    body: &'static str,
) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaflet_addresses_carry_the_vendored_version() {
        for address in [LEAFLET_SCRIPT, LEAFLET_STYLESHEET, LEAFLET_LICENSE_TEXT] {
            assert!(
                address.contains(&format!("/leaflet-{LEAFLET_VERSION}/")),
                "{address}"
            );
        }
        assert!(LEAFLET_JS.contains(&format!("Leaflet {LEAFLET_VERSION},")));
    }
}
