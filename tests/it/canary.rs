//! The privacy canary: known identifying values (a name, a phone, an e-mail, a social-security
//! number, an IBAN, a password) are planted wherever Relais accepts personal data (a referral
//! with consent, a workshop registration) and tried in guarded free-text fields (refused there).
//! After the retention jobs ran with the clock moved past every retention period, no canary is
//! left in the database (the SQLite file itself, or every text column on PostgreSQL), in the
//! logs, or in any page, export or feed.

use crate::support::{PASSWORD, RequestOptions, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;
use std::sync::{Arc, Mutex};

const NAME: &str = "Zéphyrine";
const PHONE: &str = "06 98 76 54 32";
const EMAIL: &str = "zephyrine.canari@exemple.fr";
const NIR: &str = "2 84 05 75 123 456 78";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
const PASSWORD_CANARY: &str = "MotDePasse-Canari-42!";

/// What the canaries look like once stored or printed (normalised forms included).
fn needles() -> Vec<String> {
    vec![
        NAME.to_owned(),
        PHONE.to_owned(),
        PHONE.replace(' ', ""),
        EMAIL.to_owned(),
        NIR.replace(' ', ""),
        NIR.to_owned(),
        IBAN.replace(' ', ""),
        IBAN.to_owned(),
        PASSWORD_CANARY.to_owned(),
        "Canari".to_owned(),
    ]
}

fn assert_clean(what: &str, text: &str) {
    for needle in needles() {
        assert!(!text.contains(&needle), "{what} still holds {needle:?}");
    }
}

/// Logs of the test, at every level, in memory.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_canary_survives_the_retention_jobs() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    let origin = app.organization("Centre social").await;
    let destination = app.organization("Médiathèque").await;
    let coordinator_id = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[origin])
        .await;
    app.account("responsable@exemple.fr", Role::Manager, &[destination])
        .await;
    crate::permanences::sign_helpers_charter(&app, helper_id).await;
    let place = crate::places::sample_place(&app, coordinator_id, Some(destination), false).await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let place = place.to_string();

    // Accepted with consent: a referral with a first name and a phone to call back…
    let destination_place = place.clone();
    let referral = app
        .post_form(
            "/orientations",
            &[
                ("destination", &destination_place),
                ("categories", "aide-aux-demarches-administratives"),
                ("besoin", "Déclarer ses revenus en ligne"),
                ("accord", "oui"),
                ("partage", "prenom"),
                ("prenom", NAME),
                ("partage", "contact"),
                ("contact_mode", "phone"),
                ("contact", PHONE),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(referral.status, StatusCode::SEE_OTHER, "{}", referral.body);
    // …and a workshop registration with an e-mail for the reminder.
    let workshop = app
        .post_form(
            "/gestion/ateliers",
            &[
                ("lieu", &place),
                ("titre", "Premiers pas"),
                ("themes", "courriel"),
                ("niveau", "debutant"),
                ("date", "2026-03-10"),
                ("heure", "14:00"),
                ("duree", "60"),
                ("places", "5"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(workshop.status, StatusCode::SEE_OTHER, "{}", workshop.body);
    let id = workshop
        .location()
        .unwrap()
        .trim_start_matches("/gestion/ateliers/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let registered = app
        .post_form_with(
            &format!("/ateliers/{id}/inscription"),
            &[
                ("prenom", NAME),
                ("contact", EMAIL),
                ("consentement", "oui"),
            ],
            &RequestOptions {
                client_ip: Some("192.0.2.7"),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
    assert!(app.count("workshop_registrations").await == 1);

    // Refused where no personal data belongs: every try leaves nothing behind.
    let secrets =
        format!("{NAME} {PHONE} {EMAIL} NIR {NIR} IBAN {IBAN} mot de passe : {PASSWORD_CANARY}");
    let note = app
        .post_form(
            "/accompagnements",
            &[
                ("type", "individuel"),
                ("date", "2026-03-02"),
                ("lieu_type", "domicile"),
                ("duree", "30"),
                ("themes", "demarches"),
                ("autonomie", "guide"),
                ("dernier_clic", "oui"),
                ("note", &secrets),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(note.status, StatusCode::UNPROCESSABLE_ENTITY);
    let description = app
        .post_form(
            "/gestion/ateliers",
            &[
                ("lieu", &place),
                ("titre", "Atelier"),
                ("themes", "courriel"),
                ("niveau", "debutant"),
                ("date", "2026-03-11"),
                ("heure", "14:00"),
                ("duree", "60"),
                ("places", "5"),
                ("description", &secrets),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(description.status, StatusCode::UNPROCESSABLE_ENTITY);
    let news = app
        .post_form(
            "/reseau/actualites",
            &[
                ("type", "actualite"),
                ("titre", "Info"),
                ("texte", &secrets),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(news.status, StatusCode::UNPROCESSABLE_ENTITY);
    let need = app
        .post_form(
            "/orientations",
            &[
                ("destination", &destination_place),
                ("categories", "aide-aux-demarches-administratives"),
                ("besoin", &secrets),
                ("accord", "non"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(need.status, StatusCode::UNPROCESSABLE_ENTITY);
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    // The other guarded fields: a permanence's title and public note, a place's poster rules,
    // a meeting, a prevention sheet and a shared link.
    for (path, fields, cookie) in [
        (
            format!("/gestion/lieux/{place}/permanences"),
            vec![
                ("titre", secrets.as_str()),
                ("note", secrets.as_str()),
                ("frequence", "semaine"),
                ("jours", "TU"),
                ("intervalle", "1"),
                ("debut", "2026-03-02"),
                ("heure_debut", "14:00"),
                ("heure_fin", "17:00"),
            ],
            &manager,
        ),
        (
            format!("/gestion/lieux/{place}/affiche"),
            vec![("regles", secrets.as_str())],
            &manager,
        ),
        (
            "/gestion/reunions".to_owned(),
            vec![
                ("titre", secrets.as_str()),
                ("date", "2026-03-20"),
                ("debut", "14:00"),
                ("fin", "16:00"),
                ("lieu", secrets.as_str()),
                ("ordre_du_jour", secrets.as_str()),
            ],
            &coordinator,
        ),
        (
            "/gestion/prevention".to_owned(),
            vec![
                ("id", "canari"),
                ("titre", secrets.as_str()),
                ("resume", secrets.as_str()),
                ("texte", secrets.as_str()),
            ],
            &coordinator,
        ),
        (
            "/reseau/ressources/lien".to_owned(),
            vec![
                ("titre", secrets.as_str()),
                ("description", secrets.as_str()),
                ("adresse", "https://exemple.fr/guide"),
            ],
            &helper,
        ),
    ] {
        let refused = app.post_form(&path, &fields, Some(cookie)).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            refused.body
        );
    }

    // Every retention period passes (the referral expires after 30 days without an answer,
    // then keeps its personal fields 30 more days; registrations go the day after the
    // workshop), with the jobs running along the way.
    for _ in 0..3 {
        app.clock.advance(Duration::days(31));
        relais::jobs::run_all(&app.db, &app.config, app.clock.now(), false)
            .await
            .unwrap();
    }

    // The database.
    let mut conn = app.db.acquire().await.unwrap();
    if app.database.is_postgres() {
        let tables: Vec<String> = sqlx::query_scalar(app.db.backend().list_tables_sql())
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar(app.db.backend().list_columns_sql())
                .bind(&table)
                .fetch_all(&mut *conn)
                .await
                .unwrap();
            for column in columns {
                let values: Vec<Option<String>> =
                    sqlx::query_scalar(&format!("SELECT CAST({column} AS TEXT) FROM {table}"))
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap();
                for value in values.into_iter().flatten() {
                    assert_clean(&format!("{table}.{column}"), &value);
                }
            }
        }
    } else {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *conn)
            .await
            .unwrap();
        let path = app.database.url.trim_start_matches("sqlite://").to_owned();
        for file in [path.clone(), format!("{path}-wal")] {
            if let Ok(bytes) = std::fs::read(&file) {
                assert_clean(&file, &String::from_utf8_lossy(&bytes));
            }
        }
    }
    drop(conn);

    // Pages, exports and feeds.
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    for (path, cookie) in [
        ("/orientations", Some(&helper)),
        ("/orientations", Some(&manager)),
        ("/orientations/1", Some(&helper)),
        (&*format!("/gestion/ateliers/{id}"), Some(&manager)),
        ("/accompagnements", Some(&helper)),
        ("/journal", None),
        ("/actualites", None),
        ("/actualites.atom", None),
        ("/ateliers.ics", None),
        ("/agenda.ics", None),
        ("/lieux/export.csv", None),
        ("/opendata/lieux-de-mediation-numerique.csv", None),
        ("/opendata/lieux-de-mediation-numerique.json", None),
        ("/statistiques", None),
        ("/gestion/statistiques", Some(&coordinator)),
        ("/gestion/diagnostics", Some(&coordinator)),
        ("/gestion/besoins", Some(&coordinator)),
        (
            "/gestion/statistiques/bilan.csv?modele=financeurs",
            Some(&coordinator),
        ),
        (
            "/gestion/statistiques/bilan.csv?modele=region",
            Some(&coordinator),
        ),
        (
            "/gestion/statistiques/bilan.csv?modele=general",
            Some(&coordinator),
        ),
    ] {
        let page = app.get(path, cookie.map(String::as_str)).await;
        assert_clean(path, &page.body);
    }
    // Printed outputs, read as their readers see them.
    for (path, cookie) in [
        (
            "/gestion/statistiques/bilan.pdf?modele=general",
            &coordinator,
        ),
        ("/orientations/1/fiche.pdf", &helper),
        (&*format!("/ateliers/{id}/affiche.pdf"), &manager),
    ] {
        let pdf = app.get(path, Some(cookie)).await;
        if pdf.status == StatusCode::OK {
            assert_clean(path, &crate::places::ReadPdf::new(&pdf.bytes).text);
        } else {
            assert_clean(path, &pdf.body);
        }
    }
    let xlsx = app
        .get(
            "/gestion/statistiques/bilan.xlsx?modele=general",
            Some(&coordinator),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_clean(
        "the XLSX report",
        &crate::stats::libreoffice_csv(&xlsx.bytes),
    );

    // The logs of everything above.
    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(!logged.is_empty(), "the logs were captured");
    assert_clean("the logs", &logged);
}
