//! The clean-up jobs: what they delete, what they keep, dry runs and idempotence.

use crate::support::{PASSWORD, TestApp};
use chrono::Duration;
use relais::accounts::Role;
use relais::jobs;

#[tokio::test]
async fn the_purge_forgets_finished_sessions_links_and_old_failures_only() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let invited = app
        .post_form(
            "/equipe/invitations",
            &[
                ("email", "invite@exemple.fr"),
                ("role", "coordinator"),
                ("helper_kind", "professional"),
            ],
            Some(&coordinator),
        )
        .await;
    assert!(invited.test_id_text("invitation-link").is_some());
    app.post_form(
        "/connexion",
        &[
            ("email", "coord@exemple.fr"),
            ("password", "mauvais mot de passe"),
        ],
        None,
    )
    .await;
    app.clock.advance(Duration::hours(1));
    let fresh = app.login("coord@exemple.fr", PASSWORD).await;

    // Nothing is finished yet except nothing: a run deletes nothing.
    let report = &jobs::run_all(&app.db, &app.config, app.clock.now(), false)
        .await
        .unwrap()[0];
    assert_eq!(report.total(), 0, "{report:?}");

    // Three hours later the first session is idle, the failure is not a day old yet.
    app.clock.advance(Duration::minutes(90));
    assert_eq!(
        app.get("/compte", Some(&fresh)).await.status,
        axum::http::StatusCode::OK
    );
    app.clock.advance(Duration::minutes(90));
    let report = &jobs::run_all(&app.db, &app.config, app.clock.now(), false)
        .await
        .unwrap()[0];
    assert_eq!(
        report.counts,
        vec![
            ("sessions", 1),
            ("invitations", 0),
            ("password_resets", 0),
            ("login_failures", 0)
        ]
    );
    assert_eq!(app.count("sessions").await, 1);

    // Eight days later: the invitation has expired, the failure is old, the last session too.
    // (The successful login cleared the account's failure; the address's one remains.)
    app.clock.advance(Duration::days(8));
    let dry = &jobs::run_all(&app.db, &app.config, app.clock.now(), true)
        .await
        .unwrap()[0];
    assert_eq!(
        dry.counts,
        vec![
            ("sessions", 1),
            ("invitations", 1),
            ("password_resets", 0),
            ("login_failures", 1)
        ]
    );
    assert_eq!(
        app.count("invitations").await,
        1,
        "a dry run deletes nothing"
    );
    let real = &jobs::run_all(&app.db, &app.config, app.clock.now(), false)
        .await
        .unwrap()[0];
    assert_eq!(real.counts, dry.counts);
    assert_eq!(app.count("invitations").await, 0);
    assert_eq!(app.count("login_failures").await, 0);
    assert_eq!(app.count("sessions").await, 0);
    let again = &jobs::run_all(&app.db, &app.config, app.clock.now(), false)
        .await
        .unwrap()[0];
    assert_eq!(again.total(), 0, "idempotent");
    assert_eq!(
        app.count("users").await,
        1,
        "accounts are never purged by this job"
    );
}
