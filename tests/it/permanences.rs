//! Permanences: planning by a manager, exceptions, helpers on duty, the coverage board, the
//! half-day rule, the public agenda and the iCalendar feeds. Runs on SQLite and PostgreSQL.
//! The tests start on Monday 2 March 2026 at 10:00 in Paris.

use crate::support::{PASSWORD, TestApp};
use axum::http::{StatusCode, header};
use chrono::{Duration, NaiveDate, NaiveTime};
use relais::accounts::{Role, UserId};
use relais::permanences::{
    self, Exception, ExceptionKind, PermanenceData, PermanenceId, Schedule, store,
};
use relais::places::PlaceId;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A network with one organisation, its manager, a helper of it, a helper of another
/// organisation, a coordinator and one public place of the organisation.
struct Network {
    app: TestApp,
    organization: i64,
    manager: UserId,
    helper: UserId,
    outsider: UserId,
    place: i64,
}

async fn network() -> Network {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let manager = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let outsider = app
        .account("ailleurs@exemple.fr", Role::Helper, &[other])
        .await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    for signer in [manager, helper, outsider] {
        sign_helpers_charter(&app, signer).await;
    }
    Network {
        app,
        organization,
        manager,
        helper,
        outsider,
        place,
    }
}

/// Signs the current helpers' charter for `user`.
pub async fn sign_helpers_charter(app: &TestApp, user: UserId) {
    let charter = relais::charters::current_charter(
        &app.db,
        app.clock.now(),
        relais::charters::CharterKind::Helpers,
    )
    .await
    .unwrap();
    relais::charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        user,
        &relais::charters::NewSignature {
            full_name: "Personne qui signe".into(),
            helper_kind: relais::accounts::HelperKind::Volunteer,
            signed_at_place: "Angoulême".into(),
            version_hash: charter.content_hash,
        },
    )
    .await
    .unwrap();
}

/// Every Tuesday 14:00–17:00 from 2 March 2026.
pub fn sample_data() -> PermanenceData {
    PermanenceData {
        title: "Permanence".into(),
        schedule: Schedule {
            rule: "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU".into(),
            starts_on: date("2026-03-02"),
            ends_on: None,
            start_time: time(14, 0),
            end_time: time(17, 0),
            on_public_holidays: false,
        },
        services: Vec::new(),
        capacity: None,
        public_note: String::new(),
    }
}

fn tuesday_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("titre", "Permanence du mardi"),
        ("frequence", "semaine"),
        ("jours", "TU"),
        ("intervalle", "1"),
        ("debut", "2026-03-02"),
        ("heure_debut", "14:00"),
        ("heure_fin", "17:00"),
        ("services", "Aide aux démarches administratives"),
    ]
}

/// Creates the Tuesday permanence through the manager's form; returns its id.
async fn plan_tuesdays(network: &Network, cookie: &str) -> i64 {
    let response = network
        .app
        .post_form(
            &format!("/gestion/lieux/{}/permanences", network.place),
            &tuesday_form(),
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.location().unwrap().to_owned();
    location
        .trim_start_matches("/gestion/permanences/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_manager_plans_a_permanence_that_the_public_sees_with_its_cancellation() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("responsable@exemple.fr", PASSWORD).await;
    let id = plan_tuesdays(&network, &cookie).await;

    let page = app.get(&format!("/lieux/{}", network.place), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("mardi 3 mars 2026, 14 h – 17 h"),
        "{}",
        page.body
    );
    assert!(page.body.contains("mardi 24 mars 2026, 14 h – 17 h"));
    assert!(!page.body.contains("mardi 31 mars 2026"), "four weeks only");
    assert!(page.body.contains("gratuites"));
    assert_eq!(
        page.test_id_text("half-day").unwrap(),
        "Au moins une demi-journée (3 h) de permanence chaque semaine du mois à venir."
    );

    // Cancelling a Wednesday is refused: it is not a date of the series. Nothing is stored.
    let refused = app
        .post_form(
            &format!("/gestion/permanences/{id}/exceptions"),
            &[
                ("type", "cancelled"),
                ("date", "2026-03-11"),
                ("motif", "Grève"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("seule une date prévue peut être annulée")
    );
    assert_eq!(app.count("permanence_exceptions").await, 0);

    let cancelled = app
        .post_form(
            &format!("/gestion/permanences/{id}/exceptions"),
            &[
                ("type", "cancelled"),
                ("date", "10/03/2026"),
                ("motif", "Formation des bénévoles"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        cancelled.status,
        StatusCode::SEE_OTHER,
        "{}",
        cancelled.body
    );
    let page = app.get(&format!("/lieux/{}", network.place), None).await;
    assert!(
        page.body.contains("Annulée : Formation des bénévoles"),
        "{}",
        page.body
    );
    // The week of 10 March has no permanence left: under the half-day rule.
    assert!(
        page.test_id_text("half-day")
            .unwrap()
            .contains("une demi-journée de permanence certaines semaines"),
        "{}",
        page.body
    );

    // The public agenda near the commune lists it; a far commune does not exist here.
    let agenda = app.get("/permanences?commune=Angoul%C3%AAme", None).await;
    assert_eq!(agenda.status, StatusCode::OK);
    assert!(agenda.body.contains("mardi 3 mars 2026, 14 h – 17 h"));
    let unknown = app.get("/permanences?commune=Brest", None).await;
    assert!(unknown.body.contains("Nous ne connaissons pas"));
    assert!(!unknown.body.contains("mardi 3 mars 2026"));
}

#[tokio::test]
async fn a_bad_form_names_its_fields_and_saves_nothing() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("responsable@exemple.fr", PASSWORD).await;
    let response = app
        .post_form(
            &format!("/gestion/lieux/{}/permanences", network.place),
            &[
                ("frequence", "regle"),
                ("regle", "FREQ=SECONDLY"),
                ("debut", "2026-03-02"),
                ("heure_debut", "17:00"),
                ("heure_fin", "14:00"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("au plus une fois par jour"));
    assert_eq!(app.count("permanences").await, 0);

    // Another organisation's manager may not plan here.
    let other = app.organization("Autre").await;
    let stranger = app
        .logged_in("autre@exemple.fr", Role::Manager, &[other])
        .await;
    let response = app
        .post_form(
            &format!("/gestion/lieux/{}/permanences", network.place),
            &tuesday_form(),
            Some(&stranger),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("permanences").await, 0);
}

#[tokio::test]
async fn helpers_volunteer_and_the_coverage_board_follows() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let id = plan_tuesdays(&network, &manager).await;

    // The next 14 days hold two Tuesdays, both without a helper.
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(board.body.contains("mardi 3 mars 2026"));
    assert!(board.body.contains("mardi 10 mars 2026"));
    assert!(!board.body.contains("mardi 17 mars 2026"));

    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let mine = app.get("/mes-permanences", Some(&helper)).await;
    assert!(
        mine.body
            .contains(&format!("/mes-permanences/{id}/2026-03-03/je-viens"))
    );
    let response = app
        .post_form(
            &format!("/mes-permanences/{id}/2026-03-03/je-viens"),
            &[],
            Some(&helper),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert!(!board.body.contains("mardi 3 mars 2026"));
    assert!(board.body.contains("mardi 10 mars 2026"));
    let mine = app.get("/mes-permanences", Some(&helper)).await;
    assert!(
        mine.body
            .contains(&format!("/mes-permanences/{id}/2026-03-03/je-me-retire"))
    );
    // The helper's data export lists the duty and the charter signature.
    let export = app.get("/compte/mes-donnees", Some(&helper)).await;
    let export: serde_json::Value = serde_json::from_str(&export.body).unwrap();
    assert_eq!(export["permanence_duties"][0]["date"], "2026-03-03");
    assert_eq!(export["permanence_duties"][0]["permanence_id"], id);
    assert_eq!(
        export["charter_signatures"][0]["full_name"],
        "Personne qui signe"
    );

    // A Wednesday is not an occurrence; a past Tuesday neither; an outsider is not a member.
    for path in [
        format!("/mes-permanences/{id}/2026-03-04/je-viens"),
        format!("/mes-permanences/{id}/2026-02-24/je-viens"),
    ] {
        let response = app.post_form(&path, &[], Some(&helper)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert!(response.body.contains("pas une permanence à venir"));
    }
    let outsider = app.login("ailleurs@exemple.fr", PASSWORD).await;
    let response = app
        .post_form(
            &format!("/mes-permanences/{id}/2026-03-10/je-viens"),
            &[],
            Some(&outsider),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("structure du lieu"));
    assert_eq!(app.count("permanence_duties").await, 1);

    // The manager assigns the helper on the 10th, then takes them off again.
    let response = app
        .post_form(
            &format!("/gestion/permanences/{id}/seances/2026-03-10/encadrants"),
            &[("encadrant", &network.helper.0.to_string())],
            Some(&manager),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert!(
        board
            .body
            .contains("Toutes les permanences des 14 prochains jours")
    );
    let response = app
        .post_form(
            &format!(
                "/gestion/permanences/{id}/seances/2026-03-10/encadrants/{}/retirer",
                network.helper.0
            ),
            &[],
            Some(&manager),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert!(board.body.contains("mardi 10 mars 2026"));
    // A manager cannot assign someone of another organisation.
    let response = app
        .post_form(
            &format!("/gestion/permanences/{id}/seances/2026-03-10/encadrants"),
            &[("encadrant", &network.outsider.0.to_string())],
            Some(&manager),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A week later, the 3 March duty is past: the board looks at 10–23 March.
    app.clock.advance(Duration::days(7));
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert!(board.body.contains("mardi 17 mars 2026"));
    assert!(!board.body.contains("mardi 3 mars 2026"));
}

#[tokio::test]
async fn the_coordinator_sees_places_under_the_half_day_rule() {
    let network = network().await;
    let app = &network.app;
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    // With no permanence, the member place is short.
    let board = app.get("/gestion/couverture", Some(&coordinator)).await;
    let link = format!("/gestion/lieux/{}/permanences", network.place);
    assert!(board.body.contains(&link), "{}", board.body);
    assert!(board.body.contains("semaine la plus courte : 0 min"));
    // Three hours every Tuesday meet it.
    assert!(board.body.contains("data-testid=\"half-day-shortfalls\""));
    plan_tuesdays(&network, &coordinator).await;
    let board = app.get("/gestion/couverture", Some(&coordinator)).await;
    assert!(
        board
            .body
            .contains("Tous les lieux atteignent une demi-journée")
    );
    // Managers see the coverage board but not the network-wide rule.
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let board = app.get("/gestion/couverture", Some(&manager)).await;
    assert!(!board.body.contains("Règle de la demi-journée"));
}

#[tokio::test]
async fn feeds_carry_every_occurrence_and_cancellations() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let id = plan_tuesdays(&network, &manager).await;
    app.post_form(
        &format!("/gestion/permanences/{id}/exceptions"),
        &[
            ("type", "cancelled"),
            ("date", "2026-03-10"),
            ("motif", "Travaux"),
        ],
        Some(&manager),
    )
    .await;
    for path in [
        "/agenda.ics".to_owned(),
        format!("/lieux/{}/agenda.ics", network.place),
    ] {
        let feed = app.get(&path, None).await;
        assert_eq!(feed.status, StatusCode::OK, "{path}");
        assert_eq!(
            feed.headers[header::CONTENT_TYPE],
            "text/calendar; charset=utf-8"
        );
        assert!(feed.body.starts_with("BEGIN:VCALENDAR"));
        // 14:00 in Paris is 13:00 UTC in winter and 12:00 UTC after 29 March.
        assert!(
            feed.body.contains("DTSTART:20260303T130000Z"),
            "{}",
            feed.body
        );
        assert!(feed.body.contains("DTSTART:20260331T120000Z"));
        assert!(
            feed.body
                .contains(&format!("UID:permanence-{id}-20260310@relais"))
        );
        let cancelled = feed
            .body
            .split("BEGIN:VEVENT")
            .find(|event| event.contains("20260310@relais"))
            .unwrap();
        assert!(cancelled.contains("STATUS:CANCELLED"));
        assert!(cancelled.contains("Travaux"));
    }
    // A hidden place has no public feed.
    let coordinator = relais::accounts::UserId(network.manager.0);
    let hidden =
        crate::places::sample_place(app, coordinator, Some(network.organization), true).await;
    let response = app.get(&format!("/lieux/{hidden}/agenda.ics"), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    // The helper's private feed: made, used, renewed (the old address stops), revoked.
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    app.post_form(
        &format!("/mes-permanences/{id}/2026-03-03/je-viens"),
        &[],
        Some(&helper),
    )
    .await;
    let page = app
        .post_form("/mes-permanences/agenda", &[], Some(&helper))
        .await;
    let url = page.test_id_text("feed-url").unwrap();
    let feed = app.get(&url, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(
        feed.body.matches("BEGIN:VEVENT").count(),
        1,
        "{}",
        feed.body
    );
    let renewed = app
        .post_form("/mes-permanences/agenda", &[], Some(&helper))
        .await;
    let new_url = renewed.test_id_text("feed-url").unwrap();
    assert_ne!(url, new_url);
    assert_eq!(app.get(&url, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&new_url, None).await.status, StatusCode::OK);
    app.post_form("/mes-permanences/agenda/supprimer", &[], Some(&helper))
        .await;
    assert_eq!(app.get(&new_url, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_store_function_runs_on_this_database() {
    let network = network().await;
    let app = &network.app;
    let now = app.clock.now();
    let data = PermanenceData {
        title: "Permanence".into(),
        schedule: Schedule {
            rule: "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU".into(),
            starts_on: date("2026-03-02"),
            ends_on: Some(date("2026-06-30")),
            start_time: time(9, 0),
            end_time: time(12, 0),
            on_public_holidays: true,
        },
        services: vec!["Aide aux démarches administratives".into()],
        capacity: Some(5),
        public_note: "Note".into(),
    };
    let mut conn = app.db.acquire().await.unwrap();
    let place = PlaceId(network.place);
    let id = store::insert_permanence(&mut conn, place, &data, now)
        .await
        .unwrap();
    let found = store::find_permanence(&mut conn, id).await.unwrap();
    assert_eq!(found.data, data);
    assert!(found.place_is_public);
    assert_eq!(found.organization_id, Some(network.organization));
    let changed = PermanenceData {
        capacity: None,
        schedule: Schedule {
            ends_on: None,
            ..data.schedule.clone()
        },
        ..data.clone()
    };
    store::update_permanence(&mut conn, id, &changed, now)
        .await
        .unwrap();
    assert_eq!(
        store::find_permanence(&mut conn, id).await.unwrap().data,
        changed
    );
    assert_eq!(store::list_permanences(&mut conn).await.unwrap().len(), 1);
    assert_eq!(
        store::permanences_of_place(&mut conn, place)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        store::update_permanence(&mut conn, PermanenceId(999), &changed, now).await,
        Err(relais::storage::StoreError::NotFound)
    ));

    let extra = Exception {
        id: 0,
        on_date: date("2026-03-05"),
        kind: ExceptionKind::Extra,
        reason: String::new(),
        times: Some((time(14, 0), time(16, 0))),
    };
    let exception = store::insert_exception(&mut conn, id, &extra, now)
        .await
        .unwrap();
    let listed = store::list_exceptions(&mut conn).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].1,
        Exception {
            id: exception,
            ..extra.clone()
        }
    );
    assert_eq!(
        store::exceptions_of_place(&mut conn, place)
            .await
            .unwrap()
            .len(),
        1
    );
    store::delete_exception(&mut conn, id, exception)
        .await
        .unwrap();
    assert!(store::list_exceptions(&mut conn).await.unwrap().is_empty());

    assert!(
        store::insert_duty(
            &mut conn,
            id,
            date("2026-03-03"),
            network.helper,
            network.manager,
            now
        )
        .await
        .unwrap()
    );
    assert!(
        !store::insert_duty(
            &mut conn,
            id,
            date("2026-03-03"),
            network.helper,
            network.manager,
            now
        )
        .await
        .unwrap()
    );
    let other_place = PlaceId(network.place + 1000);
    assert!(
        store::duties_between(
            &mut conn,
            date("2026-03-01"),
            date("2026-03-31"),
            Some(other_place)
        )
        .await
        .unwrap()
        .is_empty()
    );
    let duties = store::duties_between(
        &mut conn,
        date("2026-03-01"),
        date("2026-03-31"),
        Some(place),
    )
    .await
    .unwrap();
    assert_eq!(duties.len(), 1);
    assert_eq!(duties[0].helper_name, "Personne encadrant@exemple.fr");
    assert_eq!(
        store::duties_of_helper(&mut conn, network.helper, date("2026-03-04"))
            .await
            .unwrap()
            .len(),
        0
    );
    store::delete_duty(&mut conn, id, date("2026-03-03"), network.helper)
        .await
        .unwrap();

    store::set_feed(&mut conn, network.helper, "hash-1", now)
        .await
        .unwrap();
    store::set_feed(&mut conn, network.helper, "hash-2", now)
        .await
        .unwrap();
    assert_eq!(
        store::find_feed_owner(&mut conn, "hash-1").await.unwrap(),
        None
    );
    assert_eq!(
        store::find_feed_owner(&mut conn, "hash-2").await.unwrap(),
        Some(network.helper)
    );
    assert!(
        store::feed_created_at(&mut conn, network.helper)
            .await
            .unwrap()
            .is_some()
    );
    store::delete_feed(&mut conn, network.helper).await.unwrap();
    assert!(
        store::feed_created_at(&mut conn, network.helper)
            .await
            .unwrap()
            .is_none()
    );

    store::add_acknowledgement(&mut conn, id, date("2026-03-03"))
        .await
        .unwrap();
    store::add_acknowledgement(&mut conn, id, date("2026-03-03"))
        .await
        .unwrap();
    assert_eq!(
        store::acknowledgements_between(&mut conn, date("2026-03-01"), date("2026-03-31"), None)
            .await
            .unwrap(),
        [(id, date("2026-03-03"), 2)]
    );

    let members = store::members_of_organization(&mut conn, network.organization)
        .await
        .unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(store::member_places(&mut conn).await.unwrap().len(), 1);

    assert_eq!(
        store::find_poster(&mut conn, place).await.unwrap(),
        (String::new(), None)
    );
    store::save_poster_rules(&mut conn, place, "Règle", now)
        .await
        .unwrap();
    store::mark_poster_printed(&mut conn, place, now)
        .await
        .unwrap();
    assert_eq!(
        store::find_poster(&mut conn, place).await.unwrap(),
        ("Règle".to_owned(), Some(now))
    );

    store::insert_duty(
        &mut conn,
        id,
        date("2026-03-10"),
        network.helper,
        network.manager,
        now,
    )
    .await
    .unwrap();
    store::delete_permanence(&mut conn, id).await.unwrap();
    assert_eq!(app.count("permanence_duties").await, 0);
    assert!(matches!(
        store::delete_permanence(&mut conn, id).await,
        Err(relais::storage::StoreError::NotFound)
    ));
    drop(conn);
    // The operations record who did what.
    permanences::create_permanence(&app.db, now, network.manager, place, &data)
        .await
        .unwrap();
    assert!(
        app.audit_actions()
            .await
            .contains(&"permanence.create".to_owned())
    );
}

#[tokio::test]
async fn the_poster_is_a_real_pdf_with_the_times_rules_and_promises() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    plan_tuesdays(&network, &manager).await;

    // Rules too long are refused and nothing is saved; then short rules are kept.
    let long = "Une règle. ".repeat(100);
    let refused = app
        .post_form(
            &format!("/gestion/lieux/{}/affiche", network.place),
            &[("regles", &long)],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("800 caractères au plus"));
    assert_eq!(app.count("place_posters").await, 0);
    let saved = app
        .post_form(
            &format!("/gestion/lieux/{}/affiche", network.place),
            &[(
                "regles",
                "Venez avec votre téléphone chargé.\r\nPas besoin de rendez-vous.",
            )],
            Some(&manager),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let view = app
        .get(&format!("/lieux/{}/affiche", network.place), None)
        .await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.body.contains("Chaque mardi, 14 h – 17 h"));
    assert!(view.body.contains("data:image/svg+xml;base64,"));

    // Downloaded by the public: a PDF, and the place is not marked as displayed.
    let pdf = app
        .get(&format!("/lieux/{}/affiche.pdf", network.place), None)
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
    let read = crate::places::ReadPdf::new(&pdf.bytes);
    assert_eq!(read.pages, 1);
    assert_eq!(read.title, "Affiche – Lieu d'essai");
    for expected in [
        "Lieu d'essai",
        "Chaque mardi, 14 h – 17 h",
        "Gratuit, sans inscription, pour tout le monde",
        "Aide aux démarches administratives",
        "Venez avec votre téléphone chargé.",
        "Pas besoin de rendez-vous.",
        "Le dernier clic, c'est toujours vous qui le faites.",
        &format!("/lieux/{}", network.place),
    ] {
        assert!(
            read.text.contains(expected),
            "{expected:?} not in {}",
            read.text
        );
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &pdf.bytes).unwrap();
    let fonts = crate::places::pdf_tool(
        "pdffonts",
        "poppler-utils",
        &[file.path().to_str().unwrap()],
    );
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!font_lines.is_empty(), "{fonts}");
    assert!(
        font_lines.iter().all(|line| line.contains(" yes ")),
        "every font is embedded: {fonts}"
    );
    let place = PlaceId(network.place);
    assert!(
        !permanences::poster_printed_this_year(&app.db, place, app.clock.now())
            .await
            .unwrap()
    );
    // Downloaded by the place's manager: recorded for the charter's "rules displayed".
    let pdf = app
        .get(
            &format!("/lieux/{}/affiche.pdf", network.place),
            Some(&manager),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(
        permanences::poster_printed_this_year(&app.db, place, app.clock.now())
            .await
            .unwrap()
    );
    let edit = app
        .get(
            &format!("/gestion/lieux/{}/affiche", network.place),
            Some(&manager),
        )
        .await;
    assert!(
        edit.test_id_text("poster-printed")
            .unwrap()
            .starts_with("Affiche téléchargée le 2 mars 2026")
    );
    // A new year asks for a new poster.
    app.clock.advance(Duration::days(320));
    assert!(
        !permanences::poster_printed_this_year(&app.db, place, app.clock.now())
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_helper_who_has_not_signed_the_current_charter_cannot_be_on_duty() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let id = plan_tuesdays(&network, &manager).await;
    let newcomer = app
        .account("nouveau@exemple.fr", Role::Helper, &[network.organization])
        .await;
    let cookie = app.login("nouveau@exemple.fr", PASSWORD).await;
    let path = format!("/mes-permanences/{id}/2026-03-03/je-viens");
    let refused = app.post_form(&path, &[], Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("signer la charte des encadrants en vigueur")
    );
    assert!(refused.body.contains("href=\"/chartes/encadrants/signer\""));
    // Nor can a manager assign them.
    let assign = app
        .post_form(
            &format!("/gestion/permanences/{id}/seances/2026-03-03/encadrants"),
            &[("encadrant", &newcomer.0.to_string())],
            Some(&manager),
        )
        .await;
    assert_eq!(assign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(assign.body.contains("href=\"/chartes/encadrants/signer\""));
    assert_eq!(app.count("permanence_duties").await, 0);

    sign_helpers_charter(app, newcomer).await;
    let accepted = app.post_form(&path, &[], Some(&cookie)).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);

    // A new version of the charter asks everyone to sign again.
    let current = relais::charters::current_charter(
        &app.db,
        app.clock.now(),
        relais::charters::CharterKind::Helpers,
    )
    .await
    .unwrap();
    relais::charters::publish_charter(
        &app.db,
        app.clock.now(),
        network.manager,
        relais::charters::CharterKind::Helpers,
        &relais::charters::CharterDraft {
            title: current.title.clone(),
            body: format!("{}\n\nUne phrase ajoutée.", current.body),
            commitments: current.commitments.clone(),
        },
    )
    .await
    .unwrap();
    let again = app
        .post_form(
            &format!("/mes-permanences/{id}/2026-03-10/je-viens"),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_charter_self_assessment_measures_the_half_day_rule_and_the_poster() {
    let network = network().await;
    let app = &network.app;
    let now = app.clock.now();
    assert!(
        !permanences::organization_meets_half_day(&app.db, network.organization, now)
            .await
            .unwrap()
    );
    assert!(
        !permanences::organization_posters_printed(&app.db, network.organization, now)
            .await
            .unwrap()
    );
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    plan_tuesdays(&network, &manager).await;
    assert!(
        permanences::organization_meets_half_day(&app.db, network.organization, now)
            .await
            .unwrap()
    );
    assert!(
        !permanences::organization_posters_printed(&app.db, network.organization, now)
            .await
            .unwrap()
    );
    app.get(
        &format!("/lieux/{}/affiche.pdf", network.place),
        Some(&manager),
    )
    .await;
    assert!(
        permanences::organization_posters_printed(&app.db, network.organization, now)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn the_public_charter_is_counted_on_the_day_by_the_helpers_on_duty() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let id = plan_tuesdays(&network, &manager).await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    app.post_form(
        &format!("/mes-permanences/{id}/2026-03-03/je-viens"),
        &[],
        Some(&helper),
    )
    .await;
    let path = format!("/mes-permanences/{id}/2026-03-03/charte-publique");
    // Not before the day.
    let early = app.post_form(&path, &[], Some(&helper)).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Tuesday 3 March, 14:30 in Paris.
    app.clock
        .advance(Duration::hours(28) + Duration::minutes(30));
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let mine = app.get("/mes-permanences", Some(&helper)).await;
    assert_eq!(
        mine.test_id_text("public-charter-count").unwrap(),
        "Personne n'a encore pris connaissance de la charte publique ce jour-là."
            .replace('\'', "&#39;")
    );
    for _ in 0..2 {
        let counted = app.post_form(&path, &[], Some(&helper)).await;
        assert_eq!(counted.status, StatusCode::SEE_OTHER, "{}", counted.body);
        assert_eq!(
            counted.location(),
            Some("/mes-permanences?info=public-charter-counted")
        );
    }
    let mine = app.get("/mes-permanences", Some(&helper)).await;
    assert_eq!(
        mine.test_id_text("public-charter-count").unwrap(),
        "2 personnes ont pris connaissance de la charte publique ce jour-là."
    );
    // A helper of the organisation who is not on duty that day cannot count.
    let other = app
        .logged_in(
            "autre.encadrant@exemple.fr",
            Role::Helper,
            &[network.organization],
        )
        .await;
    assert_eq!(
        app.post_form(&path, &[], Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    // The manager counts from the occurrence page and comes back to it.
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let counted = app
        .post_form(&path, &[("retour", "seance")], Some(&manager))
        .await;
    assert_eq!(
        counted.location(),
        Some(
            format!("/gestion/permanences/{id}/seances/2026-03-03?info=public-charter-counted")
                .as_str()
        )
    );
    let page = app
        .get(
            &format!("/gestion/permanences/{id}/seances/2026-03-03"),
            Some(&manager),
        )
        .await;
    assert!(page.body.contains("3 personnes ont pris connaissance"));
    // The coordinator sees the network's total; no name is stored anywhere.
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let board = app.get("/gestion/couverture", Some(&coordinator)).await;
    assert!(
        board
            .test_id_text("public-charter-total")
            .unwrap()
            .contains("Sur 12 mois, 3 prises")
    );
}

#[tokio::test]
async fn the_privacy_guard_reads_the_permanence_texts() {
    let network = network().await;
    let app = &network.app;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let mut form = tuesday_form();
    form.push(("note", "Pour toute question : marie.dupont@gmail.com"));
    let refused = app
        .post_form(
            &format!("/gestion/lieux/{}/permanences", network.place),
            &form,
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("permanences").await, 0);
    let id = plan_tuesdays(&network, &manager).await;
    let refused = app
        .post_form(
            &format!("/gestion/permanences/{id}/exceptions"),
            &[
                ("type", "cancelled"),
                ("date", "2026-03-10"),
                ("motif", "Absente, rappeler au 06 12 34 56 78"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("permanence_exceptions").await, 0);
    let refused = app
        .post_form(
            &format!("/gestion/lieux/{}/affiche", network.place),
            &[(
                "regles",
                "Wi-Fi : identifiant biblio, mot de passe : Tilleul2026",
            )],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("place_posters").await, 0);
}
