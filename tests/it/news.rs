//! News and events on both databases: every `store.rs` function, the moderation journey
//! through the pages (propose, ask for changes, resend, publish, refuse), the public page,
//! the Atom and iCalendar feeds, the privacy guard and inert HTML.

use crate::support::TestApp;
use axum::http::{StatusCode, header};
use chrono::Duration;
use relais::accounts::Role;
use relais::news::{self, NewsData, NewsKind, Status, store};

fn event(title: &str, is_public: bool, app: &TestApp) -> NewsData {
    let starts = app.clock.now() + Duration::days(3);
    NewsData {
        kind: NewsKind::Event,
        title: title.to_owned(),
        body: "Venez **nombreux**.".to_owned(),
        starts_at: Some(starts),
        ends_at: Some(starts + Duration::hours(2)),
        location: "Médiathèque des Tilleuls".to_owned(),
        is_public,
        attachment: None,
    }
}

#[tokio::test]
async fn every_store_function_reads_and_writes_news() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let organization = app.organization("Médiathèque").await;
    let author = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let mut conn = app.db.acquire().await.unwrap();

    let public = store::insert_item(&mut conn, &event("Café numérique", true, &app), author, now)
        .await
        .unwrap();
    let internal = store::insert_item(
        &mut conn,
        &NewsData {
            kind: NewsKind::Regulation,
            title: "Nouveau formulaire".into(),
            body: "Il change.".into(),
            starts_at: None,
            ends_at: None,
            location: String::new(),
            is_public: false,
            attachment: None,
        },
        author,
        now,
    )
    .await
    .unwrap();
    let found = store::find_item(&mut conn, public).await.unwrap();
    assert_eq!(found.status, Status::Pending);
    assert_eq!(found.author_name, "Personne encadrant@exemple.fr");
    assert_eq!(found.data, event("Café numérique", true, &app));
    assert_eq!(store::list_open(&mut conn).await.unwrap().len(), 2);
    assert!(
        store::list_published(&mut conn, false, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A decision applies only from the state it was taken on.
    let later = now + Duration::minutes(5);
    assert!(
        !store::set_status(
            &mut conn,
            public,
            Status::ChangesRequested,
            Status::Published,
            "",
            coordinator,
            later
        )
        .await
        .unwrap()
    );
    assert!(
        store::set_status(
            &mut conn,
            public,
            Status::Pending,
            Status::ChangesRequested,
            "Précisez la salle.",
            coordinator,
            later
        )
        .await
        .unwrap()
    );
    let mut changed = event("Café numérique, salle 2", true, &app);
    changed.body = "Salle 2.".into();
    assert!(
        store::update_item(&mut conn, public, &changed, later)
            .await
            .unwrap()
    );
    let found = store::find_item(&mut conn, public).await.unwrap();
    assert_eq!(found.status, Status::Pending);
    assert_eq!(found.moderation_note, "Précisez la salle.");
    assert_eq!(found.data.title, "Café numérique, salle 2");
    for (id, to) in [(public, Status::Published), (internal, Status::Published)] {
        assert!(
            store::set_status(&mut conn, id, Status::Pending, to, "", coordinator, later)
                .await
                .unwrap()
        );
    }
    // Published: the author can no longer change it.
    assert!(
        !store::update_item(&mut conn, public, &changed, later)
            .await
            .unwrap()
    );
    assert_eq!(
        store::find_item(&mut conn, public)
            .await
            .unwrap()
            .published_at,
        Some(later)
    );
    assert_eq!(
        store::list_published(&mut conn, false, 10)
            .await
            .unwrap()
            .len(),
        2
    );
    let public_only = store::list_published(&mut conn, true, 10).await.unwrap();
    assert_eq!(
        public_only.iter().map(|i| i.id).collect::<Vec<_>>(),
        [public]
    );
    assert!(store::list_open(&mut conn).await.unwrap().is_empty());
    assert_eq!(
        store::list_by_author(&mut conn, author, 10)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store::list_events(&mut conn, true, now)
            .await
            .unwrap()
            .len(),
        1
    );
    // An event is listed until it ends.
    assert!(
        store::list_events(&mut conn, false, now + Duration::days(4))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store::find_item(&mut conn, news::NewsId(999_999)).await,
        Err(relais::storage::StoreError::NotFound)
    ));
}

const EVENT_FORM: &[(&str, &str)] = &[
    ("type", "evenement"),
    ("titre", "Café numérique <b>gratuit</b>"),
    (
        "texte",
        "Venez **poser vos questions**.\n\n<script>alert(1)</script>",
    ),
    ("date", "2026-03-10"),
    ("debut", "14:00"),
    ("fin", "16:30"),
    ("lieu", "Médiathèque des Tilleuls"),
    ("public", "oui"),
];

/// The id in the edit link of the author's first proposal.
fn first_edit_id(body: &str) -> String {
    let end = body.find("/modifier\"").expect("an edit link");
    let start = body[..end].rfind('/').unwrap() + 1;
    body[start..end].to_owned()
}

#[tokio::test]
async fn a_proposal_goes_back_and_forth_then_is_published_everywhere() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;

    let sent = app
        .post_form("/reseau/actualites", EVENT_FORM, Some(&manager))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let feed = app.get("/reseau/actualites", Some(&manager)).await;
    assert!(
        feed.body
            .contains("En attente de l&#39;animation du réseau")
    );
    let id = first_edit_id(&feed.body);
    // Not public yet.
    assert!(!app.get("/actualites", None).await.body.contains("Café"));
    assert_eq!(
        app.get(&format!("/actualites/{id}"), None).await.status,
        StatusCode::NOT_FOUND
    );

    // Asking for changes needs a reason.
    let path = format!("/gestion/actualites/{id}");
    let refused = app
        .post_form(&path, &[("decision", "modifier")], Some(&coordinator))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Écrivez en quelques mots"));
    let asked = app
        .post_form(
            &path,
            &[("decision", "modifier"), ("motif", "Précisez la salle.")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        asked.location(),
        Some("/gestion/actualites?info=news-changes-asked")
    );
    let edit = app
        .get(&format!("/reseau/actualites/{id}/modifier"), Some(&manager))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("Précisez la salle."));
    assert!(edit.body.contains("value=\"14:00\""));
    let mut resent_form = EVENT_FORM.to_vec();
    resent_form[6] = ("lieu", "Médiathèque des Tilleuls, salle 2");
    let resent = app
        .post_form(
            &format!("/reseau/actualites/{id}/modifier"),
            &resent_form,
            Some(&manager),
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);

    let published = app
        .post_form(&path, &[("decision", "publier")], Some(&coordinator))
        .await;
    assert_eq!(
        published.location(),
        Some("/gestion/actualites?info=news-published")
    );
    // Decided: neither the author nor the coordinator can change it again.
    assert_eq!(
        app.get(&format!("/reseau/actualites/{id}/modifier"), Some(&manager))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let again = app
        .post_form(
            &path,
            &[("decision", "refuser"), ("motif", "Non.")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        again.location(),
        Some("/gestion/actualites?info=news-already-decided")
    );

    // Public page, item page: the HTML typed is shown as text or dropped, never run.
    let page = app.get("/actualites", None).await;
    assert!(
        page.body
            .contains("Café numérique &#60;b&#62;gratuit&#60;/b&#62;")
    );
    assert!(page.body.contains("10 mars 2026, 14 h – 16 h 30"));
    let item = app.get(&format!("/actualites/{id}"), None).await;
    assert!(item.body.contains("<strong>poser vos questions</strong>"));
    assert!(!item.body.contains("<script>alert"));
    assert!(item.body.contains("salle 2"));

    // Atom feed.
    let atom = app.get("/actualites.atom", None).await;
    assert_eq!(atom.status, StatusCode::OK);
    assert_eq!(
        atom.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    assert!(
        atom.body
            .contains(&format!("<id>urn:relais:actualite:{id}</id>"))
    );
    assert!(
        atom.body
            .contains("Café numérique &lt;b&gt;gratuit&lt;/b&gt;")
    );
    assert!(!atom.body.contains("<script>"));
    // iCalendar feed of public events.
    let ics = app.get("/evenements.ics", None).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.body.contains(&format!("UID:actualite-{id}@relais")));
    assert!(ics.body.contains("DTSTART:20260310T130000Z"));
    let actions = app.audit_actions().await;
    assert_eq!(
        actions[actions.len() - 4..],
        [
            "news.propose",
            "news.ask_changes",
            "news.update",
            "news.publish"
        ]
    );
}

#[tokio::test]
async fn personal_data_is_refused_and_internal_news_stays_with_staff() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper = app
        .logged_in("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let refused = app
        .post_form(
            "/reseau/actualites",
            &[
                ("type", "information"),
                ("titre", "Contact"),
                (
                    "texte",
                    "Écrivez à jeanne.martin@exemple.fr pour vous inscrire.",
                ),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.test_id_text("texte-error").is_some());
    assert!(!refused.body.contains("jeanne.martin@exemple.fr</p>"));
    assert_eq!(app.count("news_items").await, 0);

    let sent = app
        .post_form(
            "/reseau/actualites",
            &[
                ("type", "information"),
                ("titre", "Réunion interne"),
                ("texte", "Pour les équipes seulement."),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let queue = app.get("/gestion/actualites", Some(&coordinator)).await;
    assert!(queue.body.contains("Réunion interne"));
    let id = first_edit_id(&app.get("/reseau/actualites", Some(&helper)).await.body);
    // A reason with a phone number is refused too.
    let note = app
        .post_form(
            &format!("/gestion/actualites/{id}"),
            &[
                ("decision", "refuser"),
                ("motif", "Appelez-moi au 06 12 34 56 78."),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(note.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.post_form(
        &format!("/gestion/actualites/{id}"),
        &[("decision", "publier")],
        Some(&coordinator),
    )
    .await;
    assert!(
        app.get("/reseau/actualites", Some(&helper))
            .await
            .body
            .contains("Pour les équipes seulement.")
    );
    assert!(
        !app.get("/actualites", None)
            .await
            .body
            .contains("Réunion interne")
    );
    assert!(
        !app.get("/actualites.atom", None)
            .await
            .body
            .contains("Réunion interne")
    );
    assert_eq!(
        app.get(&format!("/actualites/{id}"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A published public event by `author` (for other test files); returns its id.
pub async fn published_public_item(app: &TestApp, author: relais::accounts::UserId) -> i64 {
    let id = news::propose(&app.db, app.clock.now(), author, &event("Café", true, app))
        .await
        .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    store::set_status(
        &mut conn,
        id,
        Status::Pending,
        Status::Published,
        "",
        author,
        app.clock.now(),
    )
    .await
    .unwrap();
    id.0
}

/// A news item can carry a document of the resource library: downloadable by the public once
/// the item is public and published, refused when the document does not exist or is archived.
#[tokio::test]
async fn a_published_public_item_offers_its_attached_document() {
    let files = tempfile::tempdir().unwrap();
    let folder = files.path().to_owned();
    let app = TestApp::spawn_with(move |config| config.files_dir = Some(folder)).await;
    let organization = app.organization("Médiathèque").await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
    let uploaded = crate::resources::upload(&app, &manager, "programme.pdf", pdf).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let library = relais::resources::list(&app.db, &Default::default())
        .await
        .unwrap();
    let document = library[0].id.to_string();

    // An unknown document is refused, nothing stored.
    let mut form: Vec<(&str, &str)> = EVENT_FORM.to_vec();
    form.push(("piece_jointe", "999"));
    let refused = app
        .post_form("/reseau/actualites", &form, Some(&manager))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("qui n&#39;est pas archivé"),
        "{}",
        refused.body
    );
    assert_eq!(app.count("news_items").await, 0);

    form.pop();
    form.push(("piece_jointe", &document));
    let sent = app
        .post_form("/reseau/actualites", &form, Some(&manager))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let feed = app.get("/reseau/actualites", Some(&manager)).await;
    let id = first_edit_id(&feed.body);
    let link = format!("/actualites/{id}/piece-jointe");
    // Not published yet: the public gets nothing, the author gets the document.
    assert_eq!(app.get(&link, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&link, Some(&manager)).await.status, StatusCode::OK);

    let published = app
        .post_form(
            &format!("/gestion/actualites/{id}"),
            &[("decision", "publier")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let page = app.get(&format!("/actualites/{id}"), None).await;
    assert!(page.body.contains(&link));
    // The public event is also on the public agenda of permanences.
    let agenda = app.get("/permanences", None).await;
    assert!(agenda.body.contains("Événements du réseau"));
    assert!(
        agenda
            .body
            .contains(&format!("/actualites/{id}\">Café numérique"))
    );
    assert!(agenda.body.contains("mardi 10 mars 2026, 14 h"));
    let download = app.get(&link, None).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, pdf);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(
        download.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(download.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}
