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
