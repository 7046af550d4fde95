//! Hostile input rendered inert: an XSS corpus typed into text fields of several domains (and
//! into addresses that pages echo back) never comes back as markup, on pages or in feeds.

use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use relais::accounts::Role;

const CORPUS: [&str; 5] = [
    "<script>alert('x')</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[clic](javascript:alert(1))",
    "</textarea><iframe src=//evil.example>",
];

/// What must never appear in a response: the markup of the corpus, live (escaped text such as
/// `&#60;img src=x onerror=…` is inert and allowed).
fn assert_inert(what: &str, body: &str) {
    for live in [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "href=\"javascript:",
        "<iframe",
    ] {
        assert!(!body.contains(live), "{what} contains {live:?}");
    }
}

#[tokio::test]
async fn an_xss_corpus_is_inert_on_pages_and_feeds() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let coordinator_id = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    app.account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let place = crate::places::sample_place(&app, coordinator_id, Some(organization), false).await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let place = place.to_string();

    for (n, payload) in CORPUS.iter().enumerate() {
        // Echoed from the address: the diagnostic's code and commune, the agenda's filters.
        for path in [
            format!("/diagnostic/resultat?code={}", urlencode(payload)),
            format!(
                "/ateliers?commune={}&theme={}",
                urlencode(payload),
                urlencode(payload)
            ),
            format!("/permanences?commune={}", urlencode(payload)),
            format!("/lieux?q={}", urlencode(payload)),
        ] {
            let page = app.get(&path, None).await;
            assert_inert(&path, &page.body);
        }

        // A workshop whose title and description carry the payload.
        let date = format!("2026-03-{:02}", 10 + n);
        let title = format!("Atelier {payload}");
        let created = app
            .post_form(
                "/gestion/ateliers",
                &[
                    ("lieu", &place),
                    ("titre", &title),
                    ("themes", "courriel"),
                    ("niveau", "debutant"),
                    ("date", &date),
                    ("heure", "14:00"),
                    ("duree", "60"),
                    ("places", "5"),
                    ("description", payload),
                ],
                Some(&manager),
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        let staff_page = created.location().unwrap().to_owned();
        let public_page = staff_page
            .replace("/gestion/ateliers/", "/ateliers/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        assert_inert(
            "staff workshop page",
            &app.get(&staff_page, Some(&manager)).await.body,
        );
        assert_inert(
            "public workshop page",
            &app.get(&public_page, None).await.body,
        );

        // A public news item in Markdown.
        let sent = app
            .post_form(
                "/reseau/actualites",
                &[
                    ("type", "actualite"),
                    ("titre", &title),
                    ("texte", payload),
                    ("public", "oui"),
                ],
                Some(&manager),
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    // The coordinator publishes every item, then every page and feed is read.
    let queue = app.get("/gestion/actualites", Some(&coordinator)).await;
    assert_inert("moderation queue", &queue.body);
    let mut published = 0;
    for id in 1..=CORPUS.len() {
        let done = app
            .post_form(
                &format!("/gestion/actualites/{id}"),
                &[("decision", "publier")],
                Some(&coordinator),
            )
            .await;
        if done.status == StatusCode::SEE_OTHER {
            published += 1;
        }
    }
    assert_eq!(published, CORPUS.len());
    for path in [
        "/actualites",
        "/ateliers",
        "/reseau/actualites",
        &format!("/lieux/{place}"),
    ] {
        let page = app.get(path, Some(&manager)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_inert(path, &page.body);
    }
    // Feeds escape what they carry.
    let atom = app.get("/actualites.atom", None).await;
    assert!(!atom.body.contains("<script>"), "Atom");
    assert!(atom.body.contains("&lt;script&gt;") || atom.body.contains("&amp;lt;script"));
    let ics = app.get("/ateliers.ics", None).await;
    assert_eq!(ics.body.matches("BEGIN:VEVENT").count(), CORPUS.len());
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Typst markup and code that must come out of a PDF as the very characters typed.
const TYPST: &str = "#panic(\"typst\") $x^2$ *gras*";

/// A formula a spreadsheet would run.
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"clic\")";

/// The cell of `column` in the first data row of `csv` whose value contains `needle`.
fn csv_cell_with(csv: &[u8], delimiter: u8, needle: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(csv));
    reader
        .records()
        .flat_map(|record| {
            record
                .unwrap()
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|cell| cell.contains(needle))
        .unwrap_or_else(|| panic!("no cell holds {needle:?}"))
}

#[tokio::test]
async fn hostile_text_in_places_permanences_and_records_is_inert_in_pages_pdfs_exports_and_reports()
{
    let app = TestApp::spawn().await;
    let organization = app.organization(&format!("Structure {}", CORPUS[1])).await;
    let coordinator_id = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let manager_id = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    crate::permanences::sign_helpers_charter(&app, helper_id).await;
    let name = format!("{FORMULA} {}", CORPUS[0]);
    let data = relais::places::PlaceData {
        record: relais::places::MediationRecord {
            nom: name.clone(),
            commune: "Angoulême".into(),
            code_postal: "16000".into(),
            adresse: format!("1 rue {}", CORPUS[1]),
            complement_adresse: CORPUS[2].into(),
            horaires: "Mo 09:00-12:00".into(),
            presentation_resume: CORPUS[3].into(),
            presentation_detail: format!("{} {TYPST}", CORPUS[4]),
            autres_formations_labels: CORPUS[2].into(),
            services: vec!["Aide aux démarches administratives".into()],
            ..Default::default()
        },
        hours_note: CORPUS[0].into(),
        ..Default::default()
    };
    let place = relais::places::create_place(
        &app.db,
        app.clock.now(),
        coordinator_id,
        Some(organization),
        relais::places::PlaceKind::Mediation,
        relais::places::Visibility::Public,
        data,
    )
    .await
    .unwrap();
    app.refresh_directory().await;
    let mut permanence = crate::permanences::sample_data();
    permanence.title = format!("Permanence {} {TYPST}", CORPUS[0]);
    permanence.public_note = CORPUS[1].into();
    let permanence = relais::permanences::create_permanence(
        &app.db,
        app.clock.now(),
        manager_id,
        place,
        &permanence,
    )
    .await
    .unwrap();
    let found = relais::permanences::find_permanence(&app.db, permanence)
        .await
        .unwrap();
    relais::permanences::add_exception(
        &app.db,
        app.clock.now(),
        manager_id,
        &found,
        &relais::permanences::model::Exception {
            id: 0,
            on_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            kind: relais::permanences::model::ExceptionKind::Cancelled,
            reason: format!("Fermé {}", CORPUS[2]),
            times: None,
        },
    )
    .await
    .unwrap();
    relais::permanences::save_poster_rules(
        &app.db,
        app.clock.now(),
        manager_id,
        place,
        &format!("{} {TYPST}", CORPUS[4]),
    )
    .await
    .unwrap();
    // An accompaniment record at the place, so that the statistics name it.
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let place_id = place.0.to_string();
    let saved = app
        .post_form(
            "/accompagnements",
            &[
                ("type", "individuel"),
                ("date", "2026-03-02"),
                ("lieu_type", "lieu"),
                ("lieu", &place_id),
                ("duree", "30"),
                ("themes", "demarches"),
                ("autonomie", "guide"),
                ("dernier_clic", "oui"),
                ("note", CORPUS[0]),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    // Pages, public and staff.
    for (path, cookie) in [
        (format!("/lieux?q={}", urlencode("HYPERLINK")), None),
        (format!("/lieux/{place_id}"), None),
        ("/lieux/imprimer".to_owned(), None),
        ("/permanences".to_owned(), None),
        (format!("/lieux/{place_id}/affiche"), Some(&manager)),
        (format!("/gestion/lieux/{place_id}"), Some(&manager)),
        ("/gestion/fraicheur".to_owned(), Some(&coordinator)),
        ("/accompagnements".to_owned(), Some(&helper)),
        ("/gestion/statistiques".to_owned(), Some(&coordinator)),
        ("/statistiques".to_owned(), None),
        ("/gestion/structures".to_owned(), Some(&coordinator)),
    ] {
        let page = app.get(&path, cookie.map(String::as_str)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_inert(&path, &page.body);
    }
    // JSON is served as JSON, never as a page a browser would run.
    let api = app.get(&format!("/api/v1/lieux/{place_id}"), None).await;
    assert_eq!(api.status, StatusCode::OK);
    assert!(
        api.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let value: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert!(value.to_string().contains("<script>alert('x')</script>"));

    // CSV: the open-data export and the reports show the formula as text.
    let open_data = app
        .get("/opendata/lieux-de-mediation-numerique.csv", None)
        .await;
    assert_eq!(open_data.status, StatusCode::OK);
    assert_eq!(
        csv_cell_with(&open_data.bytes, b',', "HYPERLINK"),
        format!("'{name}")
    );
    let report = app
        .get(
            "/gestion/statistiques/bilan.csv?modele=region&du=2026-03-01&au=2026-03-31",
            Some(&coordinator),
        )
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert!(
        csv_cell_with(&report.bytes, b';', "HYPERLINK").starts_with("'="),
        "the report's place cell runs as a formula"
    );

    // PDFs: Typst printed the markup and code as the characters typed.
    for (path, cookie, expected) in [
        ("/lieux/imprimer.pdf".to_owned(), None, name.as_str()),
        (
            format!("/lieux/{place_id}/affiche.pdf"),
            Some(&manager),
            TYPST,
        ),
        (
            "/gestion/statistiques/bilan.pdf?modele=region&du=2026-03-01&au=2026-03-31".to_owned(),
            Some(&coordinator),
            "<script>alert('x')</script>",
        ),
    ] {
        let pdf = app.get(&path, cookie.map(String::as_str)).await;
        assert_eq!(pdf.status, StatusCode::OK, "{path}: {}", pdf.body);
        let text = crate::places::ReadPdf::new(&pdf.bytes).text;
        assert!(
            text.contains(&crate::places::collapse(expected)),
            "{path} does not show {expected:?} as text: {text}"
        );
    }
}
