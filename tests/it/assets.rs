//! Static files compiled into the binary: our own and the vendored Leaflet, with their types
//! and cache lifetimes.

use crate::support::TestApp;
use axum::http::StatusCode;
use relais::web::assets::{LEAFLET_LICENSE_TEXT, LEAFLET_SCRIPT, LEAFLET_STYLESHEET, MAP_SCRIPT};

fn source(relative: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
        .unwrap()
}

#[tokio::test]
async fn the_map_files_are_served_with_their_types_and_cache_lifetimes() {
    let app = TestApp::spawn().await;
    let year = "public, max-age=31536000, immutable";
    for (path, file, content_type, cache) in [
        (
            MAP_SCRIPT,
            "static/map.js",
            "text/javascript; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            LEAFLET_SCRIPT,
            "static/vendor/leaflet/leaflet.js",
            "text/javascript; charset=utf-8",
            year,
        ),
        (
            LEAFLET_STYLESHEET,
            "static/vendor/leaflet/leaflet.css",
            "text/css; charset=utf-8",
            year,
        ),
        (
            LEAFLET_LICENSE_TEXT,
            "static/vendor/leaflet/LICENSE",
            "text/plain; charset=utf-8",
            year,
        ),
    ] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.headers["content-type"], content_type, "{path}");
        assert_eq!(response.headers["cache-control"], cache, "{path}");
        assert_eq!(response.headers["x-content-type-options"], "nosniff");
        assert_eq!(response.body, source(file), "{path}");
    }
    assert!(source("static/vendor/leaflet/leaflet.js").contains("Leaflet 1.9.4,"));
    assert!(source("static/vendor/README.md").contains("npm pack leaflet@"));
}
