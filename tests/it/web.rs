//! Cross-cutting web behaviour: security headers, CSRF refusal, health probes, error pages,
//! request ids and the accessible layout.

use crate::support::{PASSWORD, RequestOptions, TestApp};
use axum::http::StatusCode;
use relais::accounts::Role;

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/connexion",
        "/static/relais.css",
        "/nulle-part",
        "/healthz",
    ] {
        let response = app.get(path, None).await;
        let csp = response.headers["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            response.headers["x-content-type-options"], "nosniff",
            "{path}"
        );
        assert_eq!(response.headers["referrer-policy"], "same-origin", "{path}");
        assert!(response.headers.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn a_cross_site_form_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let form = [("email", "lucie@exemple.fr"), ("password", PASSWORD)];
    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://pirate.example")],
    ] {
        let options = RequestOptions {
            headers: headers.clone(),
            ..Default::default()
        };
        let response = app.post_form_with("/connexion", &form, &options).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(response.body.contains("Formulaire refusé"), "{headers:?}");
        assert!(response.session_cookie().is_none());
    }
    assert_eq!(app.count("sessions").await, 0);

    let cookie = app.login("lucie@exemple.fr", PASSWORD).await;
    let options = RequestOptions {
        cookie: Some(&cookie),
        headers: vec![("sec-fetch-site", "cross-site")],
        ..Default::default()
    };
    let response = app
        .post_form_with("/compte/supprimer", &[("password", PASSWORD)], &options)
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("users").await, 1);

    let same_origin = RequestOptions {
        headers: vec![
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://localhost"),
        ],
        ..Default::default()
    };
    let allowed = app.post_form_with("/connexion", &form, &same_origin).await;
    assert_eq!(allowed.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn readiness_follows_the_database_and_liveness_does_not() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    app.db.close().await;
    assert_eq!(
        app.get("/readyz", None).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let live = app.get("/healthz", None).await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.body, "ok");
}

#[tokio::test]
async fn a_database_failure_shows_a_clean_french_page() {
    let app = TestApp::spawn().await;
    app.db.close().await;
    let response = app.get("/", None).await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.body.contains("Un problème est survenu"));
    assert!(!response.body.to_lowercase().contains("sqlx"));
    assert!(!response.body.contains("pool"));
}

#[tokio::test]
async fn unknown_pages_get_a_french_404_in_the_common_layout() {
    let app = TestApp::spawn().await;
    let response = app.get("/lieux-inconnus", None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.body.contains("<html lang=\"fr\">"));
    assert!(response.body.contains("Page introuvable"));
}

#[tokio::test]
async fn pages_share_an_accessible_layout() {
    let app = TestApp::spawn().await;
    let cookie = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    for path in ["/", "/connexion", "/compte", "/equipe", "/journal"] {
        let cookie = if path == "/connexion" {
            None
        } else {
            Some(cookie.as_str())
        };
        let page = app.get(path, cookie).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("<html lang=\"fr\">"), "{path}");
        assert!(page.body.contains("href=\"#contenu\""), "{path}: skip link");
        assert!(
            page.body.contains("<main id=\"contenu\""),
            "{path}: main landmark"
        );
        assert!(page.body.contains("<h1>"), "{path}: a page title");
        assert!(
            !page.body.contains("<script"),
            "{path}: works without JavaScript"
        );
    }
}

#[tokio::test]
async fn an_unreadable_form_gets_a_clear_message() {
    let app = TestApp::spawn().await;
    let options = RequestOptions {
        headers: vec![("content-type", "application/json")],
        ..Default::default()
    };
    let response = app
        .post_form_with("/connexion", &[("email", "x")], &options)
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.body.contains("Le formulaire envoyé est illisible"));
}

#[tokio::test]
async fn error_pages_keep_the_menu_of_a_logged_in_visitor() {
    let app = TestApp::spawn().await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    let page = app.get("/invitation/deja-utilisee", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(
        page.body.contains("action=\"/deconnexion\""),
        "the logout button is there"
    );
    assert!(page.body.contains("role=\"alert\""));
    let anonymous = app.get("/invitation/deja-utilisee", None).await;
    assert!(!anonymous.body.contains("action=\"/deconnexion\""));
    assert!(anonymous.body.contains("href=\"/connexion\""));
}
