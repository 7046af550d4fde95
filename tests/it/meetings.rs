//! Common work sessions on both databases: every `store.rs` function, and the journey through
//! the pages (schedule, answer, iCalendar file, attendance, minutes with the privacy guard).

use crate::support::TestApp;
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;
use relais::meetings::{self, Answer, MeetingData, store};

pub fn sample_meeting(app: &TestApp) -> MeetingData {
    let starts = app.clock.now() + Duration::days(5);
    MeetingData {
        title: "Séance de travail de printemps".into(),
        starts_at: starts,
        ends_at: starts + Duration::hours(2),
        location: "Médiathèque, salle 2".into(),
        agenda: "- tour de table\n- agenda d'été".into(),
    }
}

#[tokio::test]
async fn every_store_function_reads_and_writes_sessions() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper = app.account("encadrant@exemple.fr", Role::Helper, &[]).await;
    let mut conn = app.db.acquire().await.unwrap();
    let id = store::insert_meeting(&mut conn, &sample_meeting(&app), coordinator, now)
        .await
        .unwrap();
    let found = store::find_meeting(&mut conn, id).await.unwrap();
    assert_eq!(found.data, sample_meeting(&app));
    assert_eq!(found.minutes_published_at, None);
    let upcoming = store::list_meetings(&mut conn, now, true, 10)
        .await
        .unwrap();
    assert_eq!(upcoming, std::slice::from_ref(&found));
    assert!(
        store::list_meetings(&mut conn, now, false, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let later = now + Duration::days(6);
    assert_eq!(
        store::list_meetings(&mut conn, later, false, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    store::upsert_answer(&mut conn, id, helper, Answer::Maybe, now)
        .await
        .unwrap();
    store::upsert_answer(&mut conn, id, helper, Answer::Yes, now)
        .await
        .unwrap();
    store::record_attendance(&mut conn, id, &[coordinator.0], later)
        .await
        .unwrap();
    let participants = store::list_participants(&mut conn, id).await.unwrap();
    let of = |user: i64| participants.iter().find(|p| p.user_id == user).unwrap();
    assert_eq!(of(helper.0).answer, Some(Answer::Yes));
    assert_eq!(of(helper.0).attended, Some(false));
    assert_eq!(of(coordinator.0).answer, None);
    assert_eq!(of(coordinator.0).attended, Some(true));
    store::publish_minutes(&mut conn, id, "Relevé de décisions.", later)
        .await
        .unwrap();
    let found = store::find_meeting(&mut conn, id).await.unwrap();
    assert_eq!(found.minutes, "Relevé de décisions.");
    assert_eq!(found.minutes_published_at, Some(later));
}

#[tokio::test]
async fn a_session_is_scheduled_answered_attended_and_reported() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let helper = app
        .login("encadrant@exemple.fr", crate::support::PASSWORD)
        .await;

    let refused = app
        .post_form(
            "/gestion/reunions",
            &[
                ("titre", "Séance"),
                ("ordre_du_jour", "Appeler Jeanne au 06 12 34 56 78"),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.test_id_text("agenda-error").is_some());
    let scheduled = app
        .post_form(
            "/gestion/reunions",
            &[
                ("titre", "Séance de printemps"),
                ("date", "2026-03-12"),
                ("debut", "09:30"),
                ("fin", "12:00"),
                ("lieu", "Médiathèque, salle 2"),
                ("ordre_du_jour", "- tour de table\n- <b>agenda</b> d'été"),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::SEE_OTHER);
    let path = scheduled
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();

    let page = app.get(&path, Some(&helper)).await;
    assert!(page.body.contains("12 mars 2026, 9 h 30 – 12 h"));
    assert!(!page.body.contains("<b>agenda</b>"));
    let answered = app
        .post_form(
            &format!("{path}/reponse"),
            &[("reponse", "oui")],
            Some(&helper),
        )
        .await;
    assert_eq!(
        answered.location(),
        Some(format!("{path}?info=meeting-answered").as_str())
    );
    assert_eq!(
        app.get(&path, Some(&helper))
            .await
            .test_id_text("my-answer")
            .as_deref(),
        Some("Je viens")
    );
    let ics = app.get("/reseau/reunions.ics", Some(&helper)).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.body.contains("SUMMARY:Séance de printemps"));
    assert!(ics.body.contains("DTSTART:20260312T083000Z"));

    // After the session: attendance, then minutes (a phone number is refused).
    app.clock.advance(Duration::days(11));
    // Sessions ended meanwhile: log in again.
    let helper = app
        .login("encadrant@exemple.fr", crate::support::PASSWORD)
        .await;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let over = app
        .post_form(
            &format!("{path}/reponse"),
            &[("reponse", "non")],
            Some(&helper),
        )
        .await;
    assert_eq!(
        over.location(),
        Some(format!("{path}?info=meeting-over").as_str())
    );
    let id = path.rsplit('/').next().unwrap();
    let attendance = app
        .post_form(
            &format!("/gestion/reunions/{id}/presences"),
            &[("present", &helper_id.0.to_string())],
            Some(&coordinator),
        )
        .await;
    assert_eq!(attendance.status, StatusCode::SEE_OTHER);
    let participants =
        meetings::participants(&app.db, relais::meetings::MeetingId(id.parse().unwrap()))
            .await
            .unwrap();
    assert_eq!(
        participants
            .iter()
            .filter(|p| p.attended == Some(true))
            .map(|p| p.user_id)
            .collect::<Vec<_>>(),
        [helper_id.0]
    );
    let minutes_path = format!("/gestion/reunions/{id}/compte-rendu");
    let refused = app
        .post_form(
            &minutes_path,
            &[("compte_rendu", "Rappeler Mme Martin au 06 12 34 56 78.")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.test_id_text("minutes-error").is_some());
    let published = app
        .post_form(
            &minutes_path,
            &[("compte_rendu", "## Décisions\n\n- Un agenda commun.")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    let page = app.get(&path, Some(&helper)).await;
    assert!(page.body.contains("Un agenda commun."));
    assert!(
        !page.body.contains("/presences"),
        "a helper sees no attendance form"
    );
}
