//! Session lifetime: idle expiry, absolute expiry, deactivated accounts.

use crate::support::TestApp;
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;

#[tokio::test]
async fn a_session_ends_after_two_hours_without_activity() {
    let app = TestApp::spawn().await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    app.clock.advance(Duration::minutes(119));
    assert_eq!(
        app.get("/compte", Some(&cookie)).await.status,
        StatusCode::OK
    );
    // The visit above counted as activity: the idle delay starts again from it.
    app.clock.advance(Duration::minutes(119));
    assert_eq!(
        app.get("/compte", Some(&cookie)).await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(120));
    let expired = app.get("/compte", Some(&cookie)).await;
    assert_eq!(expired.status, StatusCode::SEE_OTHER);
    assert_eq!(expired.location(), Some("/connexion"));
    assert_eq!(
        app.count("sessions").await,
        0,
        "an expired session is deleted on sight"
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_even_when_active() {
    let app = TestApp::spawn().await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    for _ in 0..11 {
        app.clock.advance(Duration::hours(1));
        assert_eq!(
            app.get("/compte", Some(&cookie)).await.status,
            StatusCode::OK
        );
    }
    app.clock.advance(Duration::minutes(59));
    assert_eq!(
        app.get("/compte", Some(&cookie)).await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        app.get("/compte", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_idle_and_absolute_delays_come_from_the_configuration() {
    let app = TestApp::spawn_with(|config| {
        config.session_idle = Duration::minutes(10);
    })
    .await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    app.clock.advance(Duration::minutes(10));
    assert_eq!(
        app.get("/compte", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_forged_or_unknown_session_cookie_is_ignored() {
    let app = TestApp::spawn().await;
    app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    for forged in ["", "abc", "relais", &"A".repeat(43)] {
        let response = app.get("/compte", Some(forged)).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{forged:?}");
    }
}

#[tokio::test]
async fn sessions_are_stored_only_as_hashes() {
    let app = TestApp::spawn().await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    let mut conn = app.db.acquire().await.unwrap();
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_ne!(stored, cookie);
    assert_eq!(stored.len(), 64);
}
