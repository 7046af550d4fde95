//! Staff accounts through the HTTP interface: login, throttling, invitations, password change
//! and reset, data export, deletion, and the audit entries each change leaves.

use crate::support::{PASSWORD, RequestOptions, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;

#[tokio::test]
async fn a_staff_member_logs_in_and_gets_a_safe_session_cookie() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let response = app
        .post_form(
            "/connexion",
            &[("email", " Lucie@Exemple.fr "), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/compte"));
    let cookie = response.set_cookie_header().unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    let page = app
        .get("/compte", response.session_cookie().as_deref())
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("lucie@exemple.fr"));
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_served_over_https() {
    let app = TestApp::spawn_with(|config| {
        config.public_url = Some("https://relais.exemple.fr".parse().unwrap());
    })
    .await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let response = app
        .post_form(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert!(response.set_cookie_header().unwrap().contains("Secure"));
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let wrong_password = app
        .post_form(
            "/connexion",
            &[
                ("email", "lucie@exemple.fr"),
                ("password", "pas le bon mot de passe"),
            ],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/connexion",
            &[("email", "personne@exemple.fr"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong_password.status);
    assert!(wrong_password.session_cookie().is_none());
    let message = "Adresse e-mail ou mot de passe incorrect.";
    assert!(wrong_password.body.contains(message));
    assert!(unknown.body.contains(message));
    assert!(wrong_password.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn an_account_is_throttled_after_five_failures_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    for attempt in 0..5 {
        // Different client addresses: only the per-account limit applies.
        let ip = format!("198.51.100.{attempt}");
        let options = RequestOptions {
            client_ip: Some(&ip),
            ..Default::default()
        };
        let response = app
            .post_form_with(
                "/connexion",
                &[
                    ("email", "lucie@exemple.fr"),
                    ("password", "mauvais essai numéro"),
                ],
                &options,
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = app
        .post_form(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.session_cookie().is_none());
    assert!(blocked.body.contains("Attendez 15 minutes"));

    app.clock.advance(Duration::minutes(16));
    app.login("lucie@exemple.fr", PASSWORD).await;
}

#[tokio::test]
async fn a_client_address_is_throttled_after_twenty_failures_across_accounts() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let options = RequestOptions {
        client_ip: Some("203.0.113.7"),
        ..Default::default()
    };
    for attempt in 0..20 {
        let email = format!("inconnu{attempt}@exemple.fr");
        let response = app
            .post_form_with(
                "/connexion",
                &[("email", &email), ("password", "mauvais essai numéro")],
                &options,
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = app
        .post_form_with(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            &options,
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    app.login("lucie@exemple.fr", PASSWORD).await;
}

#[tokio::test]
async fn logging_in_again_issues_a_new_session_and_ends_the_previous_one() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let first = app.login("lucie@exemple.fr", PASSWORD).await;
    let response = app
        .post_form(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            Some(&first),
        )
        .await;
    let second = response.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.get("/compte", Some(&first)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get("/compte", Some(&second)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn logging_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    let response = app.post_form("/deconnexion", &[], Some(&cookie)).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/connexion?info=deconnexion"));
    assert_eq!(app.count("sessions").await, 0);
    let again = app.get("/compte", Some(&cookie)).await;
    assert_eq!(again.location(), Some("/connexion"));
}

/// The invitation form for a new coordinator (no organisation needed).
fn coordinator_invitation(email: &str) -> [(&str, &str); 3] {
    [
        ("email", email),
        ("role", "coordinator"),
        ("helper_kind", "professional"),
    ]
}

/// An application whose SMTP relay is `127.0.0.1:port`.
async fn app_with_smtp_relay(port: u16) -> TestApp {
    TestApp::spawn_with(|config| {
        let url = format!("smtp://127.0.0.1:{port}");
        config.smtp =
            Some(relais::config::SmtpSettings::parse(&url, "Relais <relais@exemple.fr>").unwrap());
    })
    .await
}

/// Creates an invitation as `inviter_cookie` and returns the token from the link shown.
async fn invite(app: &TestApp, inviter_cookie: &str, form: &[(&str, &str)]) -> String {
    let response = app
        .post_form("/equipe/invitations", form, Some(inviter_cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let link = response
        .test_id_text("invitation-link")
        .expect("the link is shown");
    assert!(
        link.starts_with("http://127.0.0.1:8080/invitation/"),
        "{link}"
    );
    link.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_invitation_creates_an_account_once_and_only_once() {
    let app = TestApp::spawn().await;
    let library = app.organization("Médiathèque").await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let token = invite(
        &app,
        &coordinator,
        &[
            ("email", "Nouvelle@Exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &library.to_string()),
        ],
    )
    .await;

    let page = app.get(&format!("/invitation/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("nouvelle@exemple.fr"));

    let form = [
        ("display_name", "  Nouvelle   Bénévole "),
        ("password", "une autre phrase longue"),
        ("password_confirm", "une autre phrase longue"),
    ];
    let accepted = app
        .post_form(&format!("/invitation/{token}"), &form, None)
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let session = accepted.session_cookie().expect("logged in at once");
    let account = app.get("/compte", Some(&session)).await;
    assert!(account.body.contains("Nouvelle Bénévole"));
    assert!(account.body.contains("Médiathèque"));
    assert!(account.body.contains("bénévole"));

    let reused = app
        .post_form(&format!("/invitation/{token}"), &form, None)
        .await;
    assert_eq!(reused.status, StatusCode::GONE);
    assert!(reused.body.contains("role=\"alert\""));
    assert_eq!(
        app.get(&format!("/invitation/{token}"), None).await.status,
        StatusCode::GONE
    );
    assert_eq!(app.count("users").await, 2);
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"invitation.create".to_owned()));
    assert!(actions.contains(&"invitation.accept".to_owned()));
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let token = invite(
        &app,
        &coordinator,
        &[
            ("email", "tard@exemple.fr"),
            ("role", "coordinator"),
            ("helper_kind", "professional"),
            ("organization_id", ""),
        ],
    )
    .await;
    app.clock.advance(Duration::days(7) - Duration::seconds(1));
    assert_eq!(
        app.get(&format!("/invitation/{token}"), None).await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::seconds(1));
    assert_eq!(
        app.get(&format!("/invitation/{token}"), None).await.status,
        StatusCode::GONE
    );
    let form = [
        ("display_name", "Trop Tard"),
        ("password", "une autre phrase longue"),
        ("password_confirm", "une autre phrase longue"),
    ];
    assert_eq!(
        app.post_form(&format!("/invitation/{token}"), &form, None)
            .await
            .status,
        StatusCode::GONE
    );
    assert_eq!(app.count("users").await, 1);
}

#[tokio::test]
async fn a_bad_acceptance_form_keeps_the_invitation_usable() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let token = invite(&app, &coordinator, &coordinator_invitation("a@exemple.fr")).await;
    let short = app
        .post_form(
            &format!("/invitation/{token}"),
            &[
                ("display_name", "A"),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
            None,
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("au moins 12 caractères"));
    assert_eq!(app.count("users").await, 1);
    assert_eq!(
        app.get(&format!("/invitation/{token}"), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn managers_invite_only_into_their_organizations_and_never_coordinators() {
    let app = TestApp::spawn().await;
    let own = app.organization("Centre social").await;
    let other = app.organization("Mairie").await;
    let manager = app
        .logged_in("resp@exemple.fr", Role::Manager, &[own])
        .await;
    let forms = [
        [
            ("email", "x@exemple.fr"),
            ("role", "coordinator"),
            ("helper_kind", "professional"),
            ("organization_id", ""),
        ],
        [
            ("email", "x@exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &other.to_string()),
        ],
        [
            ("email", "x@exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", ""),
        ],
        [
            ("email", "pas-une-adresse"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &own.to_string()),
        ],
        [
            ("email", "resp@exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &own.to_string()),
        ],
    ];
    for form in &forms {
        let response = app
            .post_form("/equipe/invitations", form, Some(&manager))
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        assert!(response.body.contains("role=\"alert\""));
    }
    assert_eq!(app.count("invitations").await, 0);
    invite(
        &app,
        &manager,
        &[
            ("email", "x@exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &own.to_string()),
        ],
    )
    .await;
    assert_eq!(app.count("invitations").await, 1);
}

#[tokio::test]
async fn managers_see_only_the_staff_of_their_organizations() {
    let app = TestApp::spawn().await;
    let own = app.organization("Centre social").await;
    let other = app.organization("Mairie").await;
    app.account("collegue@exemple.fr", Role::Helper, &[own])
        .await;
    app.account("ailleurs@exemple.fr", Role::Helper, &[other])
        .await;
    let manager = app
        .logged_in("resp@exemple.fr", Role::Manager, &[own])
        .await;
    let page = app.get("/equipe", Some(&manager)).await;
    assert!(page.body.contains("collegue@exemple.fr"));
    assert!(!page.body.contains("ailleurs@exemple.fr"));
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let page = app.get("/equipe", Some(&coordinator)).await;
    assert!(page.body.contains("ailleurs@exemple.fr"));
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = TestApp::spawn().await;
    app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let here = app.login("lucie@exemple.fr", PASSWORD).await;
    let elsewhere = app.login("lucie@exemple.fr", PASSWORD).await;

    let wrong = app
        .post_form(
            "/compte/mot-de-passe",
            &[
                ("current_password", "pas le bon du tout"),
                ("new_password", "nouvelle phrase longue"),
                ("new_password_confirm", "nouvelle phrase longue"),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("Le mot de passe actuel n&#39;est pas le bon")
            || wrong
                .body
                .contains("Le mot de passe actuel n'est pas le bon"),
        "{}",
        wrong.body
    );

    let mismatch = app
        .post_form(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", "nouvelle phrase longue"),
                ("new_password_confirm", "autre phrase longue"),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);

    let done = app
        .post_form(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", "nouvelle phrase longue"),
                ("new_password_confirm", "nouvelle phrase longue"),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), Some("/compte?info=mot-de-passe-modifie"));
    let page = app.get(done.location().unwrap(), Some(&here)).await;
    assert!(page.body.contains("role=\"status\""));
    assert!(page.body.contains("Mot de passe modifié"));
    assert_eq!(
        app.get("/compte", Some(&elsewhere)).await.status,
        StatusCode::SEE_OTHER
    );
    app.login("lucie@exemple.fr", "nouvelle phrase longue")
        .await;
    let old = app
        .post_form(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_all_sessions() {
    let app = TestApp::spawn().await;
    let helper = app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let helper_session = app.login("lucie@exemple.fr", PASSWORD).await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let issued = app
        .post_form(
            &format!("/equipe/{}/reinitialisation", helper.0),
            &[],
            Some(&coordinator),
        )
        .await;
    assert_eq!(issued.status, StatusCode::OK);
    let link = issued.test_id_text("reset-link").unwrap();
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    let page = app.get(path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("lucie@exemple.fr"));

    let form = [
        ("password", "phrase choisie par lien"),
        ("password_confirm", "phrase choisie par lien"),
    ];
    let used = app.post_form(path, &form, None).await;
    assert_eq!(used.status, StatusCode::SEE_OTHER);
    assert_eq!(
        used.location(),
        Some("/connexion?info=mot-de-passe-reinitialise")
    );
    assert_eq!(
        app.get("/compte", Some(&helper_session)).await.status,
        StatusCode::SEE_OTHER
    );
    app.login("lucie@exemple.fr", "phrase choisie par lien")
        .await;
    assert_eq!(
        app.post_form(path, &form, None).await.status,
        StatusCode::GONE
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"password_reset.use".to_owned())
    );
}

#[tokio::test]
async fn a_reset_link_expires_after_forty_eight_hours() {
    let app = TestApp::spawn().await;
    let helper = app.account("lucie@exemple.fr", Role::Helper, &[]).await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let issued = app
        .post_form(
            &format!("/equipe/{}/reinitialisation", helper.0),
            &[],
            Some(&coordinator),
        )
        .await;
    let link = issued.test_id_text("reset-link").unwrap();
    let path = link.trim_start_matches("http://127.0.0.1:8080").to_owned();
    app.clock.advance(Duration::hours(48));
    assert_eq!(app.get(&path, None).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn staff_download_everything_kept_about_them_without_secrets() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let cookie = app
        .logged_in("lucie@exemple.fr", Role::Helper, &[organization])
        .await;
    let response = app.get("/compte/mes-donnees", Some(&cookie)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(data["account"]["email"], "lucie@exemple.fr");
    assert_eq!(data["organizations"][0], "Médiathèque");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(data["actions"][0]["action"], "session.start");
    assert!(
        !response.body.contains("argon2"),
        "no password hash in the export"
    );
    assert!(
        !response.body.contains(&cookie),
        "no session token in the export"
    );
}

#[tokio::test]
async fn staff_delete_their_account_after_confirming_their_password() {
    let app = TestApp::spawn().await;
    app.account("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let cookie = app.logged_in("lucie@exemple.fr", Role::Helper, &[]).await;
    let wrong = app
        .post_form(
            "/compte/supprimer",
            &[("password", "pas le bon du tout")],
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("users").await, 2);

    let done = app
        .post_form(
            "/compte/supprimer",
            &[("password", PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("users").await, 1);
    assert_eq!(app.count("sessions").await, 0);
    let login = app
        .post_form(
            "/connexion",
            &[("email", "lucie@exemple.fr"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    assert!(
        app.audit_actions()
            .await
            .contains(&"user.delete".to_owned())
    );
}

#[tokio::test]
async fn the_last_coordinator_cannot_delete_their_account() {
    let app = TestApp::spawn().await;
    let cookie = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let refused = app
        .post_form(
            "/compte/supprimer",
            &[("password", PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("dernière personne"));
    assert_eq!(app.count("users").await, 1);
}

#[tokio::test]
async fn audit_entries_name_who_and_what_but_never_form_contents() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    invite(
        &app,
        &coordinator,
        &[
            ("email", "secret-invitee@exemple.fr"),
            ("role", "helper"),
            ("helper_kind", "volunteer"),
            ("organization_id", &organization.to_string()),
        ],
    )
    .await;
    app.post_form(
        "/compte/mot-de-passe",
        &[
            ("current_password", PASSWORD),
            ("new_password", "phrase très secrète"),
            ("new_password_confirm", "phrase très secrète"),
        ],
        Some(&coordinator),
    )
    .await;

    let mut conn = app.db.acquire().await.unwrap();
    let rows: Vec<(String, Option<i64>, String, Option<String>)> = sqlx::query_as(
        "SELECT action, actor_user_id, object_type, object_id FROM audit_log ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    drop(conn);
    let actions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user.create",
            "session.start",
            "invitation.create",
            "user.password_change"
        ]
    );
    assert!(rows[2].1.is_some(), "the actor is recorded");
    let dump = format!("{rows:?}");
    assert!(!dump.contains("secret-invitee"));
    assert!(!dump.contains("secrète"));

    let journal = app.get("/journal", Some(&coordinator)).await;
    assert_eq!(journal.status, StatusCode::OK);
    assert!(journal.body.contains("Invitation créée"));
    assert!(journal.body.contains("Changement de mot de passe"));
}

#[tokio::test]
async fn an_invitation_is_emailed_when_an_smtp_relay_is_configured() {
    let (port, inbox) = crate::support::smtp::start().await;
    let app = app_with_smtp_relay(port).await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let token = invite(
        &app,
        &coordinator,
        &coordinator_invitation("Invitee@Exemple.fr"),
    )
    .await;
    let messages = inbox.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(message.contains("To: invitee@exemple.fr"), "{message}");
    assert!(
        message.contains("From: Relais <relais@exemple.fr>"),
        "{message}"
    );
    assert!(
        message.contains(&token),
        "the link is in the e-mail: {message}"
    );
    let staff = app
        .post_form(
            "/equipe/invitations",
            &coordinator_invitation("autre@exemple.fr"),
            Some(&coordinator),
        )
        .await;
    assert!(staff.body.contains("envoyée par e-mail"));
}

#[tokio::test]
async fn an_unreachable_smtp_relay_keeps_the_invitation_and_says_so() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let app = app_with_smtp_relay(port).await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let response = app
        .post_form(
            "/equipe/invitations",
            &coordinator_invitation("invitee@exemple.fr"),
            Some(&coordinator),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.body.contains("n&#39;a pas pu partir")
            || response.body.contains("n'a pas pu partir"),
        "{}",
        response.body
    );
    let link = response.test_id_text("invitation-link").unwrap();
    let token = link.rsplit('/').next().unwrap();
    assert_eq!(
        app.get(&format!("/invitation/{token}"), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn without_smtp_the_link_is_only_shown_on_screen() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    let response = app
        .post_form(
            "/equipe/invitations",
            &coordinator_invitation("invitee@exemple.fr"),
            Some(&coordinator),
        )
        .await;
    assert!(response.body.contains("Invitation créée."));
    assert!(!response.body.contains("par e-mail"));
}
