//! Accompaniment records: recording with the charter signed, field rules, the 7-day lock,
//! who reads what (notes stay within the organisation), and every store function. Runs on
//! SQLite and PostgreSQL. The tests start on Monday 2 March 2026 at 10:00 in Paris.

use crate::permanences::sign_helpers_charter;
use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use relais::accounts::{Role, UserId};
use relais::activities::{self, Kind, store};

struct Network {
    app: TestApp,
    organization: i64,
    helper: UserId,
    place: i64,
}

async fn network() -> Network {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let manager = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let other_manager = app
        .account("autre.responsable@exemple.fr", Role::Manager, &[other])
        .await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    for signer in [helper, manager, other_manager, coordinator] {
        sign_helpers_charter(&app, signer).await;
    }
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    Network {
        app,
        organization,
        helper,
        place,
    }
}

fn individual(place: i64) -> Vec<(String, String)> {
    [
        ("type", "individuel"),
        ("date", "2026-03-02"),
        ("lieu_type", "lieu"),
        ("lieu", &place.to_string()),
        ("duree", "30"),
        ("themes", "demarches"),
        ("domaines", "argent-impots"),
        ("materiel", "telephone"),
        ("autonomie", "avec-aide"),
        ("dernier_clic", "oui"),
        ("deconnexion", "oui"),
        ("age", "70-plus"),
        ("premiere_visite", "oui"),
        (
            "note",
            "Déclaration de revenus faite par la personne, pas à pas.",
        ),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn a_signed_helper_records_an_accompaniment_and_the_next_form_is_ready() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let form = app.get("/accompagnements/nouveau", Some(&cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    // The helper's only place is chosen already.
    assert!(
        form.body
            .contains(&format!("<option value=\"{}\" selected>", network.place))
    );
    let saved = app
        .post_form(
            "/accompagnements",
            &as_refs(&individual(network.place)),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        Some("/accompagnements/nouveau?info=activity-saved")
    );
    assert_eq!(app.count("activities").await, 1);
    let stored = store::list_activities(&mut app.db.acquire().await.unwrap(), None, None, 10)
        .await
        .unwrap();
    let data = &stored[0].data;
    assert_eq!(data.kind, Kind::Individual);
    assert_eq!(data.procedure_domains, ["argent-impots"]);
    assert_eq!(data.profile.as_ref().unwrap().age_band, "70-plus");
    assert_eq!(stored[0].organization_id, Some(network.organization));
    assert!(
        app.audit_actions()
            .await
            .contains(&"activity.create".to_owned())
    );

    // "Same as my previous entry" fills the form again, with today's date and no note.
    let again = app
        .get("/accompagnements/nouveau?comme=precedente", Some(&cookie))
        .await;
    assert!(
        again
            .body
            .contains("id=\"themes-demarches\" name=\"themes\" value=\"demarches\" checked")
    );
    assert!(
        again
            .body
            .contains("id=\"age-70-plus\" name=\"age\" value=\"70-plus\" checked")
    );
    assert!(!again.body.contains("Déclaration de revenus"));
}

#[tokio::test]
async fn a_bad_record_keeps_every_value_and_stores_nothing() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let mut form = individual(network.place);
    form.retain(|(k, _)| k != "date" && k != "themes" && k != "dernier_clic");
    form.push(("date".into(), "2026-03-05".into()));
    let refused = app
        .post_form("/accompagnements", &as_refs(&form), Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("La date ne peut pas être dans le futur.")
    );
    assert!(refused.body.contains("Cochez au moins un sujet."));
    assert!(
        refused
            .body
            .contains("Déclaration de revenus faite par la personne")
    );
    assert!(
        refused
            .body
            .contains("id=\"age-70-plus\" name=\"age\" value=\"70-plus\" checked")
    );
    assert_eq!(app.count("activities").await, 0);

    // A place of another organisation is refused too.
    let other = app.organization("Ailleurs").await;
    let coordinator = app
        .account("lieux@exemple.fr", Role::Coordinator, &[])
        .await;
    let far = crate::places::sample_place(app, coordinator, Some(other), false).await;
    let refused = app
        .post_form(
            "/accompagnements",
            &as_refs(&individual(far)),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Choisissez un lieu de votre structure.")
    );
    assert_eq!(app.count("activities").await, 0);
}

#[tokio::test]
async fn only_helpers_who_signed_the_current_charter_record() {
    let network = network().await;
    let app = &network.app;
    let cookie = app
        .logged_in("nouveau@exemple.fr", Role::Helper, &[network.organization])
        .await;
    let form = app.get("/accompagnements/nouveau", Some(&cookie)).await;
    assert!(form.body.contains("data-testid=\"activity-needs-charter\""));
    let refused = app
        .post_form(
            "/accompagnements",
            &as_refs(&individual(network.place)),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("href=\"/chartes/encadrants/signer\""));
    assert_eq!(app.count("activities").await, 0);
}

#[tokio::test]
async fn a_workshop_session_keeps_counts_that_add_up() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let place = network.place.to_string();
    let mut form = vec![
        ("type", "collectif"),
        ("date", "2026-03-02"),
        ("lieu", place.as_str()),
        ("duree", "120"),
        ("themes", "courriel"),
        ("dernier_clic", "oui"),
        ("niveau", "debutant"),
        ("participants", "5"),
        ("nb_age_60-69", "2"),
        ("nb_age_70-plus", "3"),
        ("nb_genre_femme", "4"),
        ("nb_genre_homme", "1"),
        ("nb_statut_retraite", "4"),
    ];
    let refused = app
        .post_form("/accompagnements", &form, Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Le total de cette partie doit être égal")
    );
    form.push(("nb_statut_en-emploi", "1"));
    let saved = app
        .post_form("/accompagnements", &form, Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        Some("/accompagnements/nouveau?type=collectif&info=activity-saved")
    );
    assert_eq!(app.count("activity_counts").await, 6);
}

#[tokio::test]
async fn authors_edit_for_seven_days_and_notes_stay_within_the_organisation() {
    let network = network().await;
    let app = &network.app;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    app.post_form(
        "/accompagnements",
        &as_refs(&individual(network.place)),
        Some(&helper),
    )
    .await;
    let id = store::list_activities(&mut app.db.acquire().await.unwrap(), None, None, 1)
        .await
        .unwrap()[0]
        .id
        .0;
    let mut changed = individual(network.place);
    changed.retain(|(k, _)| k != "duree");
    changed.push(("duree".into(), "45".into()));
    let updated = app
        .post_form(
            &format!("/accompagnements/{id}"),
            &as_refs(&changed),
            Some(&helper),
        )
        .await;
    assert_eq!(updated.status, StatusCode::SEE_OTHER, "{}", updated.body);

    // The manager of the organisation reads the note; the other organisation's manager does
    // not see the record; the coordinator sees it without the note.
    let note = "Déclaration de revenus faite par la personne";
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    assert!(
        app.get("/accompagnements", Some(&manager))
            .await
            .body
            .contains(note)
    );
    let other = app.login("autre.responsable@exemple.fr", PASSWORD).await;
    let list = app.get("/accompagnements", Some(&other)).await;
    assert!(!list.body.contains(&format!("/accompagnements/{id}\"")));
    assert_eq!(
        app.get(&format!("/accompagnements/{id}"), Some(&other))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let list = app.get("/accompagnements", Some(&coordinator)).await;
    assert!(list.body.contains(&format!("/accompagnements/{id}\"")));
    assert!(!list.body.contains(note));
    // Nobody but the author edits it.
    let refused = app
        .post_form(
            &format!("/accompagnements/{id}"),
            &as_refs(&changed),
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Eight days later the record is locked, even for its author.
    app.clock.advance(Duration::days(8));
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let page = app
        .get(&format!("/accompagnements/{id}"), Some(&helper))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ne peut plus être modifié"));
    assert!(
        !page
            .body
            .contains("<form method=\"post\" action=\"/accompagnements/")
    );
    let mut late = individual(network.place);
    late.retain(|(k, _)| k != "date");
    late.push(("date".into(), "2026-03-09".into()));
    let refused = app
        .post_form(
            &format!("/accompagnements/{id}"),
            &as_refs(&late),
            Some(&helper),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let stored = activities::find(&app.db, relais::activities::ActivityId(id))
        .await
        .unwrap();
    assert_eq!(stored.data.duration_minutes, 45);
    assert_eq!(
        stored.data.on_date,
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    );
}

#[tokio::test]
async fn every_store_function_runs_on_this_database() {
    let network = network().await;
    let app = &network.app;
    let now = app.clock.now();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let data = relais::activities::model::parse_form(&individual(network.place), today).unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let id = store::insert_activity(
        &mut conn,
        network.helper,
        Some(network.organization),
        &data,
        now,
    )
    .await
    .unwrap();
    let found = store::find_activity(&mut conn, id).await.unwrap();
    assert_eq!(found.data, data);
    assert_eq!(found.helper, Some(network.helper));
    assert_eq!(found.place_name, "Lieu d'essai");
    let mut collective = data.clone();
    collective.note = "Changé".into();
    store::update_activity(&mut conn, id, &collective, now)
        .await
        .unwrap();
    assert_eq!(
        store::find_activity(&mut conn, id).await.unwrap().data.note,
        "Changé"
    );
    assert_eq!(
        store::list_activities(&mut conn, Some(network.helper), None, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store::list_activities(&mut conn, None, Some(&[network.organization]), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store::list_activities(&mut conn, None, Some(&[]), 10)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        store::list_activities(&mut conn, None, None, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store::latest_of_helper(&mut conn, network.helper)
            .await
            .unwrap()
            .unwrap()
            .id,
        id
    );
    assert_eq!(store::count_activities(&mut conn).await.unwrap(), 1);
    assert_eq!(
        store::member_places(&mut conn, Some(&[network.organization]))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        store::update_activity(&mut conn, relais::activities::ActivityId(999), &data, now).await,
        Err(relais::storage::StoreError::NotFound)
    ));
}

#[tokio::test]
async fn the_privacy_guard_refuses_a_password_in_the_note_and_keeps_the_rest() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let mut form = individual(network.place);
    form.retain(|(k, _)| k != "note");
    form.push((
        "note".into(),
        "Compte ameli créé, mot de passe : Soleil2024! noté pour elle".into(),
    ));
    let refused = app
        .post_form("/accompagnements", &as_refs(&form), Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = refused.test_id_text("note-error").unwrap();
    assert!(!message.is_empty());
    assert!(
        !refused.body.contains("Soleil2024!</p>"),
        "the secret is not echoed in the message"
    );
    // Every other choice is still there, and nothing was stored.
    assert!(
        refused
            .body
            .contains("id=\"age-70-plus\" name=\"age\" value=\"70-plus\" checked")
    );
    assert!(
        refused
            .body
            .contains("id=\"themes-demarches\" name=\"themes\" value=\"demarches\" checked")
    );
    assert_eq!(app.count("activities").await, 0);
    // A phone number in the commune field is refused too.
    let mut form = individual(network.place);
    form.push(("commune_residence".into(), "06 12 34 56 78".into()));
    let refused = app
        .post_form("/accompagnements", &as_refs(&form), Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("activities").await, 0);
}

#[tokio::test]
async fn records_arriving_together_are_all_written_and_a_bad_one_costs_no_other() {
    let network = network().await;
    let app = &network.app;
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let data = relais::activities::model::parse_form(&individual(network.place), today).unwrap();
    let recorder = relais::activities::Recorder::start(app.db.clone());
    let now = app.clock.now();
    let mut tasks = Vec::new();
    for n in 0..40 {
        let recorder = recorder.clone();
        let data = data.clone();
        let helper = network.helper;
        // One record names an organisation that does not exist: the database refuses it.
        let organization = if n == 17 {
            Some(999_999)
        } else {
            Some(network.organization)
        };
        tasks.push(tokio::spawn(async move {
            recorder.write(helper, organization, data, now).await
        }));
    }
    let mut written = 0;
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => written += 1,
            Err(_) => refused += 1,
        }
    }
    assert_eq!((written, refused), (39, 1));
    assert_eq!(app.count("activities").await, 39);
    let audits = app
        .audit_actions()
        .await
        .iter()
        .filter(|a| *a == "activity.create")
        .count();
    assert_eq!(audits, 39);
}

#[tokio::test]
async fn a_permanence_that_is_not_the_places_is_dropped_not_an_error() {
    let network = network().await;
    let app = &network.app;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let mut form = individual(network.place);
    form.push(("permanence".into(), "424242".into()));
    let saved = app
        .post_form("/accompagnements", &as_refs(&form), Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = store::list_activities(&mut app.db.acquire().await.unwrap(), None, None, 1)
        .await
        .unwrap();
    assert_eq!(stored[0].data.permanence, None);
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        store::permanence_place(&mut conn, 424_242).await.unwrap(),
        None
    );
    drop(conn);
    // The place's own permanence is kept.
    let permanence = relais::permanences::create_permanence(
        &app.db,
        app.clock.now(),
        network.helper,
        relais::places::PlaceId(network.place),
        &crate::permanences::sample_data(),
    )
    .await
    .unwrap();
    let mut form = individual(network.place);
    form.push(("permanence".into(), permanence.0.to_string()));
    let saved = app
        .post_form("/accompagnements", &as_refs(&form), Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let stored = store::list_activities(&mut app.db.acquire().await.unwrap(), None, None, 1)
        .await
        .unwrap();
    assert_eq!(stored[0].data.permanence, Some(permanence.0));
}
