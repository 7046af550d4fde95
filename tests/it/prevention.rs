//! Prevention sheets on both databases: every `store.rs` function, one sheet per prevention
//! topic of the accompaniment record, each printed on one A4 page (read by qpdf and
//! pdftotext), and the coordinator's edits, additions and resets with the privacy guard.

use crate::places::ReadPdf;
use crate::support::TestApp;
use axum::http::StatusCode;
use relais::accounts::Role;
use relais::activities::vocab::PREVENTION;
use relais::prevention::{self, Sheet, store};

#[tokio::test]
async fn every_store_function_reads_and_writes_sheets() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let mut conn = app.db.acquire().await.unwrap();
    assert!(store::list_sheets(&mut conn).await.unwrap().is_empty());
    assert_eq!(
        store::find_sheet(&mut conn, "arnaques").await.unwrap(),
        None
    );
    let mut sheet = Sheet {
        id: "arnaques".into(),
        title: "Les arnaques".into(),
        summary: "Court.".into(),
        body: "## Partie\n\n- un point".into(),
        is_edited: true,
    };
    store::upsert_sheet(&mut conn, &sheet, coordinator, app.clock.now())
        .await
        .unwrap();
    sheet.title = "Les arnaques, encore".into();
    store::upsert_sheet(&mut conn, &sheet, coordinator, app.clock.now())
        .await
        .unwrap();
    assert_eq!(
        store::find_sheet(&mut conn, "arnaques").await.unwrap(),
        Some(sheet.clone())
    );
    assert_eq!(store::list_sheets(&mut conn).await.unwrap(), [sheet]);
    assert!(store::delete_sheet(&mut conn, "arnaques").await.unwrap());
    assert!(!store::delete_sheet(&mut conn, "arnaques").await.unwrap());
    assert!(store::list_sheets(&mut conn).await.unwrap().is_empty());
}

#[tokio::test]
async fn every_prevention_topic_has_a_page_and_a_one_page_pdf() {
    let app = TestApp::spawn().await;
    let list = app.get("/prevention", None).await;
    assert_eq!(list.status, StatusCode::OK);
    for (topic, _) in PREVENTION {
        assert!(
            list.body.contains(&format!("href=\"/prevention/{topic}\"")),
            "{topic} is not listed"
        );
        let sheet = prevention::find_sheet(&app.db, topic).await.unwrap();
        let page = app.get(&format!("/prevention/{topic}"), None).await;
        assert_eq!(page.status, StatusCode::OK, "{topic}");
        let pdf = app
            .get(&format!("/prevention/{topic}/fiche.pdf"), None)
            .await;
        assert_eq!(pdf.status, StatusCode::OK, "{topic}");
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        let read = ReadPdf::new(&pdf.bytes);
        assert_eq!(read.pages, 1, "the sheet {topic} does not fit on one page");
        assert_eq!(read.title, sheet.title);
        assert!(read.text.contains("Fiche de prévention"), "{topic}");
        let first_words: String = sheet
            .summary
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(read.text.contains(&first_words), "{topic}: {}", read.text);
    }
    assert_eq!(
        app.get("/prevention/inconnue", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_coordinator_edits_adds_and_resets_sheets_and_personal_data_is_refused() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let form = app
        .get("/gestion/prevention/arnaques", Some(&coordinator))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Repérer un message piège"));

    let refused = app
        .post_form(
            "/gestion/prevention/arnaques",
            &[
                ("titre", "Hameçonnage"),
                (
                    "texte",
                    "Écrivez à jeanne.martin@exemple.fr en cas de doute.",
                ),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.test_id_text("texte-error").is_some());
    assert_eq!(app.count("prevention_sheets").await, 0);

    let saved = app
        .post_form(
            "/gestion/prevention/arnaques",
            &[
                ("titre", "Hameçonnage : les bons réflexes"),
                ("resume", "Version du réseau."),
                (
                    "texte",
                    "## Réflexes\n\n- Ne cliquez pas.\n\n<script>alert(1)</script>",
                ),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        saved.location(),
        Some("/prevention/arnaques?info=prevention-saved")
    );
    let page = app.get("/prevention/arnaques", None).await;
    assert!(page.body.contains("Hameçonnage : les bons réflexes"));
    assert!(!page.body.contains("<script>alert"));
    let pdf = ReadPdf::new(&app.get("/prevention/arnaques/fiche.pdf", None).await.bytes);
    assert!(pdf.text.contains("Ne cliquez pas."), "{}", pdf.text);

    // A new sheet needs a free, plain id.
    let taken = app
        .post_form(
            "/gestion/prevention",
            &[("id", "arnaques"), ("titre", "T"), ("texte", "Texte.")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("Une fiche a déjà cette adresse."));
    let added = app
        .post_form(
            "/gestion/prevention",
            &[
                ("id", "cles-usb"),
                ("titre", "Les clés USB"),
                ("texte", "## Réflexes\n\n- Ne branchez pas une clé trouvée."),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        added.location(),
        Some("/prevention/cles-usb?info=prevention-saved")
    );
    assert!(
        app.get("/prevention", None)
            .await
            .body
            .contains("Les clés USB")
    );

    // Back to Relais's text; an added sheet goes away.
    let reset = app
        .post_form(
            "/gestion/prevention/arnaques/retablir",
            &[],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        reset.location(),
        Some("/prevention/arnaques?info=prevention-reset")
    );
    assert!(
        app.get("/prevention/arnaques", None)
            .await
            .body
            .contains("Repérer un message piège")
    );
    app.post_form(
        "/gestion/prevention/cles-usb/retablir",
        &[],
        Some(&coordinator),
    )
    .await;
    assert_eq!(
        app.get("/prevention/cles-usb", None).await.status,
        StatusCode::NOT_FOUND
    );
    let actions = app.audit_actions().await;
    assert_eq!(
        actions[actions.len() - 4..],
        [
            "prevention.save",
            "prevention.save",
            "prevention.reset",
            "prevention.reset"
        ]
    );
}
