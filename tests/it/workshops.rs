//! Workshops: a series planned by a manager and published (agenda, place page, feed, flyer),
//! registration without an account with a waiting list and a private link, no over-booking
//! under concurrent registrations, throttling, attendance that becomes the collective record,
//! the purge the day after the last session, cancellation that informs people, and the needs
//! board. Runs on SQLite and PostgreSQL; the tests start on Monday 2 March 2026 at 10:00.

use crate::permanences::sign_helpers_charter;
use crate::support::{PASSWORD, RequestOptions, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;
use relais::workshops::{self, RegistrationData, RegistrationStatus, WorkshopId};

struct Network {
    app: TestApp,
    place: i64,
    manager: String,
    helper: String,
}

async fn network_with(app: TestApp) -> Network {
    let organization = app.organization("Médiathèque").await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    app.account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    sign_helpers_charter(&app, helper).await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    Network {
        app,
        place,
        manager,
        helper,
    }
}

async fn network() -> Network {
    network_with(TestApp::spawn().await).await
}

/// Plans "Premiers pas avec le courriel": `sessions` Tuesdays from 10 March, `capacity` seats.
async fn plan(network: &Network, sessions: &str, capacity: &str) -> WorkshopId {
    let place = network.place.to_string();
    let response = network
        .app
        .post_form(
            "/gestion/ateliers",
            &[
                ("lieu", &place),
                ("titre", "Premiers pas avec le courriel"),
                ("themes", "courriel"),
                ("niveau", "debutant"),
                ("date", "2026-03-10"),
                ("heure", "14:00"),
                ("duree", "90"),
                ("seances", sessions),
                ("places", capacity),
                (
                    "description",
                    "Créer une adresse, lire et envoyer un message.",
                ),
            ],
            Some(&network.manager),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let id = response
        .location()
        .unwrap()
        .trim_start_matches("/gestion/ateliers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    WorkshopId(id)
}

/// Registers through the public form from the client address `ip`.
async fn register_from(
    app: &TestApp,
    id: WorkshopId,
    form: &[(&str, &str)],
    ip: &str,
) -> crate::support::TestResponse {
    app.post_form_with(
        &format!("/ateliers/{}/inscription", id.0),
        form,
        &RequestOptions {
            client_ip: Some(ip),
            ..Default::default()
        },
    )
    .await
}

fn private_link(body: &str) -> String {
    let start = body.find("/ateliers/inscription/").expect("a private link");
    body[start..].split('<').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_manager_plans_a_series_that_the_public_finds_prints_and_adds_to_a_calendar() {
    let network = network().await;
    let app = &network.app;
    // A helper may not plan; a past date and an unknown theme are refused, nothing stored.
    let refused = app
        .post_form(
            "/gestion/ateliers",
            &[("lieu", "1"), ("titre", "Atelier")],
            Some(&network.helper),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .post_form(
            "/gestion/ateliers",
            &[
                ("lieu", &network.place.to_string()),
                ("titre", "Atelier"),
                ("themes", "cuisine"),
                ("niveau", "debutant"),
                ("date", "2026-02-10"),
                ("heure", "14:00"),
                ("duree", "90"),
                ("places", "8"),
                ("description", "Appelez Odette au 06 12 34 56 78."),
            ],
            Some(&network.manager),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Choisissez au moins un thème"));
    assert!(
        bad.body
            .contains("La première séance ne peut pas être dans le passé")
    );
    assert!(bad.body.contains("Retirez ce passage"), "the privacy guard");
    assert_eq!(app.count("workshops").await, 0);

    let id = plan(&network, "3", "8").await;
    assert_eq!(app.count("workshop_sessions").await, 3);
    assert!(
        app.audit_actions()
            .await
            .contains(&"workshop.create".to_owned())
    );

    let agenda = app.get("/ateliers", None).await;
    assert_eq!(agenda.status, StatusCode::OK);
    assert_eq!(
        agenda.body.matches("Premiers pas avec le courriel").count(),
        3
    );
    assert!(agenda.body.contains("mardi 10 mars 2026, 14 h – 15 h 30"));
    assert!(agenda.body.contains("séance 3 sur 3"));
    assert!(agenda.body.contains("Il reste 8 places."));
    // Filters: another level or theme finds nothing; a commune 20 km away neither.
    assert!(
        !app.get("/ateliers?niveau=avance", None)
            .await
            .body
            .contains("Premiers pas")
    );
    assert!(
        !app.get("/ateliers?theme=emploi", None)
            .await
            .body
            .contains("Premiers pas")
    );
    assert!(
        app.get(
            "/ateliers?theme=courriel&niveau=debutant&commune=Angoul%C3%AAme",
            None
        )
        .await
        .body
        .contains("Premiers pas")
    );

    let place_page = app.get(&format!("/lieux/{}", network.place), None).await;
    assert!(place_page.body.contains("Ateliers à venir ici"));
    assert!(place_page.body.contains(&format!("/ateliers/{}", id.0)));

    let page = app.get(&format!("/ateliers/{}", id.0), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Créer une adresse, lire et envoyer un message.")
    );
    assert!(page.body.contains("Je m&#39;inscris") || page.body.contains("Je m'inscris"));

    let feed = app.get("/ateliers.ics", None).await;
    assert_eq!(
        feed.headers[axum::http::header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(feed.body.matches("BEGIN:VEVENT").count(), 3);
    assert!(feed.body.contains(&format!("UID:atelier-{}-", id.0)));
    // 14:00 in Paris in March is 13:00 UTC.
    assert!(feed.body.contains("DTSTART:20260310T130000Z"));

    let flyer = app
        .get(&format!("/ateliers/{}/affiche.pdf", id.0), None)
        .await;
    assert_eq!(flyer.status, StatusCode::OK);
    let read = crate::places::ReadPdf::new(&flyer.bytes);
    assert_eq!(read.pages, 1);
    assert_eq!(read.title, "Premiers pas avec le courriel");
    for expected in [
        "Atelier numérique gratuit",
        "Débutant",
        "mardi 17 mars 2026, 14 h – 15 h 30",
        "Lieu d'essai",
        &format!("/ateliers/{}", id.0),
    ] {
        assert!(read.text.contains(expected), "{expected} in {}", read.text);
    }
}

#[tokio::test]
async fn registration_fills_the_seats_then_the_waiting_list_and_a_cancellation_promotes() {
    let network = network().await;
    let app = &network.app;
    let id = plan(&network, "1", "2").await;

    // A contact without the consent box is refused and nothing is kept.
    let refused = register_from(
        app,
        id,
        &[("prenom", "Odette"), ("contact", "06 12 34 56 78")],
        "192.0.2.1",
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("cochez la case d&#39;accord")
            || refused.body.contains("cochez la case d'accord")
    );
    assert_eq!(app.count("workshop_registrations").await, 0);
    // A robot filling the hidden field gets nothing written either.
    let robot = register_from(
        app,
        id,
        &[("prenom", "Bot"), ("site_web", "x")],
        "192.0.2.9",
    )
    .await;
    assert_eq!(robot.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("workshop_registrations").await, 0);

    let first = register_from(
        app,
        id,
        &[
            ("prenom", "Odette"),
            ("contact", "06 12 34 56 78"),
            ("consentement", "oui"),
        ],
        "192.0.2.1",
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(
        first.body.contains("C&#39;est noté, Odette") || first.body.contains("C'est noté, Odette")
    );
    let odette = private_link(&first.body);
    let second = register_from(app, id, &[("prenom", "Jean")], "192.0.2.2").await;
    assert!(second.body.contains("vous êtes inscrit"));
    let third = register_from(app, id, &[("prenom", "Lucie")], "192.0.2.3").await;
    assert!(third.body.contains("liste d&#39;attente") || third.body.contains("liste d'attente"));
    let lucie = private_link(&third.body);

    let page = app.get(&format!("/ateliers/{}", id.0), None).await;
    assert!(page.body.contains("Complet"));
    let status = app.get(&lucie, None).await;
    assert!(
        status.body.contains("sur liste d&#39;attente")
            || status.body.contains("sur liste d'attente")
    );

    // Odette cancels with her private link: Lucie gets the seat.
    let cancelled = app.post_form(&odette, &[], None).await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert!(cancelled.body.contains("votre inscription est annulée"));
    let status = app.get(&lucie, None).await;
    assert!(
        status.body.contains("<strong>confirmée</strong>"),
        "{}",
        status.body
    );
    // Cancelling twice changes nothing.
    assert_eq!(
        app.post_form(&odette, &[], None).await.status,
        StatusCode::OK
    );
    let (workshop, _) = workshops::find(&app.db, id).await.unwrap();
    assert_eq!(workshop.confirmed, 2);
    let people = workshops::registrations(&app.db, id).await.unwrap();
    assert_eq!(
        people
            .iter()
            .map(|p| (p.first_name.as_str(), p.status))
            .collect::<Vec<_>>(),
        [
            ("Jean", RegistrationStatus::Confirmed),
            ("Lucie", RegistrationStatus::Confirmed)
        ]
    );
    // An unknown link says it is gone.
    assert_eq!(
        app.get("/ateliers/inscription/inconnu", None).await.status,
        StatusCode::GONE
    );

    // The desk registers someone on the phone; the staff page lists everyone with contacts.
    let desk = app
        .post_form(
            &format!("/gestion/ateliers/{}/inscriptions", id.0),
            &[("prenom", "Marcel")],
            Some(&network.helper),
        )
        .await;
    assert_eq!(desk.status, StatusCode::SEE_OTHER, "{}", desk.body);
    assert!(
        desk.location()
            .unwrap()
            .ends_with("info=workshop-registered-waiting")
    );
    let staff = app
        .get(
            &format!("/gestion/ateliers/{}", id.0),
            Some(&network.helper),
        )
        .await;
    assert!(staff.body.contains("Marcel"));
    assert!(
        staff.body.contains("inscrit à l&#39;accueil")
            || staff.body.contains("inscrit à l'accueil")
    );
    assert!(!staff.body.contains("06 12 34 56 78"), "Odette cancelled");
}

#[tokio::test]
async fn concurrent_registrations_never_overbook() {
    let network = network().await;
    let app = &network.app;
    let id = plan(&network, "1", "5").await;
    let now = app.clock.now();
    let mut tasks = Vec::new();
    for n in 0..30 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let data = RegistrationData {
                first_name: format!("Personne{}", ["A", "B", "C", "D", "E", "F"][n % 6]),
                contact: String::new(),
                consent: false,
            };
            workshops::register(&db, now, id, &data, None, None).await
        }));
    }
    let mut confirmed = 0;
    let mut waiting = 0;
    for task in tasks {
        match task.await.unwrap().unwrap().status {
            RegistrationStatus::Confirmed => confirmed += 1,
            RegistrationStatus::Waiting => waiting += 1,
            RegistrationStatus::Cancelled => unreachable!(),
        }
    }
    assert_eq!((confirmed, waiting), (5, 25));
    let (workshop, _) = workshops::find(&app.db, id).await.unwrap();
    assert_eq!(workshop.confirmed, 5);
    let stored = workshops::registrations(&app.db, id).await.unwrap();
    assert_eq!(
        stored
            .iter()
            .filter(|r| r.status == RegistrationStatus::Confirmed)
            .count(),
        5
    );
}

#[tokio::test]
async fn one_address_registering_again_and_again_is_asked_to_wait() {
    let network = network().await;
    let app = &network.app;
    let id = plan(&network, "1", "50").await;
    for _ in 0..5 {
        let ok = register_from(app, id, &[("prenom", "Robot")], "198.51.100.7").await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    let sixth = register_from(app, id, &[("prenom", "Robot")], "198.51.100.7").await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.body.contains("Attendez une heure"));
    // Another address is not slowed down; an hour later the first one can go on.
    assert_eq!(
        register_from(app, id, &[("prenom", "Ginette")], "198.51.100.8")
            .await
            .status,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(61));
    assert_eq!(
        register_from(app, id, &[("prenom", "Robot")], "198.51.100.7")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(app.count("workshop_registrations").await, 7);
}

#[tokio::test]
async fn attendance_becomes_the_collective_record_and_registrations_go_the_day_after() {
    let network = network().await;
    let app = &network.app;
    let id = plan(&network, "2", "8").await;
    register_from(app, id, &[("prenom", "Odette")], "192.0.2.1").await;
    register_from(
        app,
        id,
        &[
            ("prenom", "Jean"),
            ("contact", "jean@exemple.fr"),
            ("consentement", "oui"),
        ],
        "192.0.2.2",
    )
    .await;
    let (_, sessions) = workshops::find(&app.db, id).await.unwrap();
    let first = sessions[0].id;
    let path = format!("/gestion/ateliers/seances/{first}/presence");
    // Before the session: refused.
    let early = app
        .post_form(&path, &[("participants", "2")], Some(&network.helper))
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("pas encore eu lieu"));

    app.clock.advance(Duration::days(8)); // Tuesday 10 March, 10:00.
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    // Counts that do not add up are refused, nothing written.
    let wrong = app
        .post_form(
            &path,
            &[
                ("participants", "2"),
                ("nb_age_70-plus", "1"),
                ("nb_genre_femme", "2"),
                ("nb_statut_retraite", "2"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert_eq!(app.count("activities").await, 0);
    let marked = app
        .post_form(
            &path,
            &[
                ("participants", "2"),
                ("nb_age_70-plus", "1"),
                ("nb_age_60-69", "1"),
                ("nb_genre_femme", "2"),
                ("nb_statut_retraite", "2"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.body);
    let mut conn = app.db.acquire().await.unwrap();
    let records = relais::activities::store::list_activities(&mut conn, None, None, 10)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(records.len(), 1);
    let data = &records[0].data;
    assert_eq!(data.kind, relais::activities::Kind::Collective);
    assert_eq!(data.participants, 2);
    assert_eq!(data.themes, ["courriel"]);
    assert_eq!(data.workshop_level.as_deref(), Some("debutant"));
    assert_eq!(data.duration_minutes, 90);
    assert_eq!(
        app.count("activity_counts").await,
        4,
        "two age bands, one gender, one status"
    );
    // Marking it again does not make a second record.
    let again = app
        .post_form(
            &path,
            &[
                ("participants", "1"),
                ("nb_age_70-plus", "1"),
                ("nb_genre_femme", "1"),
                ("nb_statut_retraite", "1"),
            ],
            Some(&helper),
        )
        .await;
    assert!(
        again
            .location()
            .unwrap()
            .ends_with("workshop-attendance-already")
    );
    assert_eq!(app.count("activities").await, 1);

    // The day after the first session, registrations stay (a second session is coming).
    app.clock.advance(Duration::days(1));
    let run = |app: &TestApp| {
        let (db, config, now) = (app.db.clone(), app.config.clone(), app.clock.now());
        async move {
            relais::jobs::run_all(&db, &config, now, false)
                .await
                .unwrap()
        }
    };
    let purged = |reports: &[relais::jobs::Report]| {
        reports
            .iter()
            .find(|r| r.job == "purge_workshops")
            .unwrap()
            .counts[0]
            .1
    };
    assert_eq!(purged(&run(app).await), 0);
    assert_eq!(app.count("workshop_registrations").await, 2);
    // The last session is 17 March; on the 18th the names and contacts are gone, the record stays.
    app.clock.advance(Duration::days(7));
    assert_eq!(app.clock.now().date_naive().to_string(), "2026-03-18");
    assert_eq!(purged(&run(app).await), 2);
    assert_eq!(app.count("workshop_registrations").await, 0);
    assert_eq!(app.count("activities").await, 1);
}

#[tokio::test]
async fn a_cancelled_workshop_informs_registered_people_and_closes() {
    let (port, inbox) = crate::support::smtp::start().await;
    let app = TestApp::spawn_with(|config| {
        let url = format!("smtp://127.0.0.1:{port}");
        config.smtp =
            Some(relais::config::SmtpSettings::parse(&url, "Relais <relais@exemple.fr>").unwrap());
    })
    .await;
    let network = network_with(app).await;
    let app = &network.app;
    let id = plan(&network, "1", "8").await;
    let mailed = register_from(
        app,
        id,
        &[
            ("prenom", "Jean"),
            ("contact", "jean@exemple.fr"),
            ("consentement", "oui"),
        ],
        "192.0.2.2",
    )
    .await;
    assert!(
        mailed.body.contains("Nous vous l&#39;avons aussi envoyé")
            || mailed.body.contains("Nous vous l'avons aussi envoyé")
    );
    register_from(
        app,
        id,
        &[
            ("prenom", "Odette"),
            ("contact", "0612345678"),
            ("consentement", "oui"),
        ],
        "192.0.2.1",
    )
    .await;
    register_from(app, id, &[("prenom", "Lucie")], "192.0.2.3").await;
    assert_eq!(inbox.messages().len(), 1, "the confirmation");

    // A helper may not cancel; a manager must give a reason.
    let forbidden = app
        .post_form(
            &format!("/gestion/ateliers/{}/annuler", id.0),
            &[("motif", "Salle indisponible")],
            Some(&network.helper),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let cancelled = app
        .post_form(
            &format!("/gestion/ateliers/{}/annuler", id.0),
            &[("motif", "Salle indisponible")],
            Some(&network.manager),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    assert!(cancelled.body.contains("1 personne prévenue par e-mail."));
    assert!(cancelled.body.contains("Odette : 06 12 34 56 78"));
    assert!(
        cancelled
            .body
            .contains("1 personne n&#39;a pas laissé de contact")
            || cancelled
                .body
                .contains("1 personne n'a pas laissé de contact")
    );
    let messages = inbox.messages();
    assert_eq!(messages.len(), 2);
    assert!(messages[1].contains("Salle indisponible"));
    assert!(messages[1].contains("To: jean@exemple.fr"));

    let page = app.get(&format!("/ateliers/{}", id.0), None).await;
    assert!(page.body.contains("Atelier annulé."));
    assert!(!page.body.contains("Je m"), "no registration form");
    let late = register_from(app, id, &[("prenom", "Paul")], "192.0.2.4").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let feed = app.get("/ateliers.ics", None).await;
    assert!(feed.body.contains("STATUS:CANCELLED"));
    // A day later the purge forgets them.
    app.clock.advance(Duration::days(1) + Duration::minutes(1));
    relais::jobs::run_all(&app.db, &app.config, app.clock.now(), false)
        .await
        .unwrap();
    assert_eq!(app.count("workshop_registrations").await, 0);
}

#[tokio::test]
async fn reminders_go_by_email_the_day_before_and_only_once() {
    let (port, inbox) = crate::support::smtp::start().await;
    let app = TestApp::spawn_with(|config| {
        let url = format!("smtp://127.0.0.1:{port}");
        config.smtp =
            Some(relais::config::SmtpSettings::parse(&url, "Relais <relais@exemple.fr>").unwrap());
    })
    .await;
    let network = network_with(app).await;
    let app = &network.app;
    let id = plan(&network, "1", "8").await;
    register_from(
        app,
        id,
        &[
            ("prenom", "Jean"),
            ("contact", "jean@exemple.fr"),
            ("consentement", "oui"),
        ],
        "192.0.2.2",
    )
    .await;
    let mailer = relais::mailer::Mailer::new(app.config.smtp.as_ref());
    // Too early: nothing.
    assert_eq!(
        workshops::send_reminders(&app.db, &mailer, app.clock.now())
            .await
            .unwrap(),
        0
    );
    app.clock.advance(Duration::days(7)); // Monday 9 March.
    assert_eq!(
        workshops::send_reminders(&app.db, &mailer, app.clock.now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        workshops::send_reminders(&app.db, &mailer, app.clock.now())
            .await
            .unwrap(),
        0
    );
    let messages = inbox.messages();
    assert_eq!(messages.len(), 2, "confirmation and reminder");
    assert!(messages[1].contains("demain"));
}

#[tokio::test]
async fn the_needs_board_shows_unmet_needs_and_starts_a_workshop_draft() {
    let network = network().await;
    let app = &network.app;
    let place = network.place.to_string();
    for _ in 0..3 {
        let saved = app
            .post_form(
                "/accompagnements",
                &[
                    ("type", "individuel"),
                    ("date", "2026-03-02"),
                    ("lieu_type", "lieu"),
                    ("lieu", &place),
                    ("duree", "30"),
                    ("themes", "courriel"),
                    ("autonomie", "guide"),
                    ("dernier_clic", "oui"),
                ],
                Some(&network.helper),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    let board = app.get("/gestion/besoins", Some(&network.manager)).await;
    assert_eq!(board.status, StatusCode::OK);
    let row = "<td>Lieu d&#39;essai</td>\n    <td>Courriel (e-mail)</td>\n    <td>Débutant</td>\n    <td>3</td>";
    assert!(board.body.contains(row), "{}", board.body);
    let draft =
        format!("/gestion/ateliers/nouveau?lieu={place}&#38;themes=courriel&#38;niveau=debutant");
    assert!(board.body.contains(&draft), "{}", board.body);
    // The draft form comes filled.
    let form = app
        .get(&draft.replace("&#38;", "&"), Some(&network.manager))
        .await;
    assert!(
        form.body
            .contains("id=\"themes-courriel\" name=\"themes\" value=\"courriel\" checked")
    );
    assert!(
        form.body
            .contains("id=\"niveau-debutant\" name=\"niveau\" value=\"debutant\" checked")
    );
    // The coordinator, outside the place's organisation, sees "< 5" instead of 3.
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let board = app.get("/gestion/besoins", Some(&coordinator)).await;
    assert!(
        board
            .body
            .contains("<td>Débutant</td>\n    <td>&#60; 5</td>"),
        "{}",
        board.body
    );
    assert!(!board.body.contains("<td>Débutant</td>\n    <td>3</td>"));
    // Once a workshop is planned, the row says so.
    plan(&network, "1", "8").await;
    let board = app.get("/gestion/besoins", Some(&network.manager)).await;
    assert!(
        board.body.contains("<td>3</td>\n    <td>1</td>"),
        "{}",
        board.body
    );
}

#[tokio::test]
async fn the_diagnostic_proposes_workshops_at_the_persons_level() {
    let network = network().await;
    let app = &network.app;
    plan(&network, "1", "8").await;
    let questionnaire = &app.config.diagnostic;
    let first_steps: Vec<Option<usize>> = questionnaire
        .current_questions()
        .iter()
        .map(|_| Some(questionnaire.answer_index("non").unwrap()))
        .collect();
    let needs = [questionnaire.need_index("courriels").unwrap()];
    let today = relais::permanences::today(app.clock.now());
    let beginner =
        questionnaire.encode(&questionnaire.complete(&first_steps, &needs, today).unwrap());
    let page = app
        .get(
            &format!(
                "/diagnostic/resultat?code={beginner}&lieu={}",
                network.place
            ),
            None,
        )
        .await;
    assert!(page.body.contains("Ateliers à votre niveau"));
    assert!(
        page.body
            .contains("Premiers pas avec le courriel</a> (Débutant)"),
        "{}",
        page.body
    );
    // An autonomous person is not sent to a beginners' workshop.
    let autonomous: Vec<Option<usize>> = first_steps.iter().map(|_| Some(0)).collect();
    let expert = questionnaire.encode(&questionnaire.complete(&autonomous, &needs, today).unwrap());
    let page = app
        .get(
            &format!("/diagnostic/resultat?code={expert}&lieu={}", network.place),
            None,
        )
        .await;
    assert!(!page.body.contains("Premiers pas avec le courriel"));
    assert!(
        page.body.contains("Pas d&#39;atelier à votre niveau")
            || page.body.contains("Pas d'atelier à votre niveau")
    );
}
