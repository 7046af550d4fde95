//! The resource library on both databases: every `store.rs` function; links, search and the
//! coordinator's flags; files checked from their content (executable, mismatched extension,
//! zip bomb, oversize, path in the name refused with clear messages) and downloaded with safe
//! headers. Files live beside the SQLite database; on PostgreSQL the upload is unavailable.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use relais::accounts::Role;
use relais::resources::{Category, Content, ResourceInfo, store, upload::FileType};

#[tokio::test]
async fn every_store_function_reads_and_writes_resources() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let helper = app.account("encadrant@exemple.fr", Role::Helper, &[]).await;
    let mut conn = app.db.acquire().await.unwrap();
    let info = ResourceInfo {
        category: Category::Prevention,
        title: "Kit hameçonnage".into(),
        description: "Pour un atelier.".into(),
    };
    let link = store::insert_resource(
        &mut conn,
        &info,
        &Content::Link("https://www.cybermalveillance.gouv.fr/".into()),
        helper,
        now,
    )
    .await
    .unwrap();
    let file_content = Content::File {
        name: "affiche été.pdf".into(),
        file_type: FileType::Pdf,
        sha256: "ab".repeat(32),
        size: 1234,
    };
    let file = store::insert_resource(&mut conn, &info, &file_content, helper, now)
        .await
        .unwrap();
    assert_eq!(
        store::find_resource(&mut conn, file).await.unwrap().content,
        file_content
    );
    assert!(
        store::set_flags(&mut conn, link, true, false, now)
            .await
            .unwrap()
    );
    assert!(
        store::set_flags(&mut conn, file, false, true, now)
            .await
            .unwrap()
    );
    assert!(
        !store::set_flags(&mut conn, 999_999, true, true, now)
            .await
            .unwrap()
    );
    let all = store::list_resources(&mut conn).await.unwrap();
    assert_eq!(all.iter().map(|r| r.id).collect::<Vec<_>>(), [link, file]);
    assert!(all[0].is_featured && !all[0].is_archived);
    assert!(all[1].is_archived);
}

const BOUNDARY: &str = "relais-test-boundary";

fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn upload(
    app: &TestApp,
    cookie: &str,
    file_name: &str,
    bytes: &[u8],
) -> crate::support::TestResponse {
    let body = multipart(
        &[("titre", "Affiche"), ("categorie", "communication")],
        Some((file_name, bytes)),
    );
    let request = Request::builder()
        .method("POST")
        .uri("/reseau/ressources/fichier")
        .header(header::HOST, "localhost")
        .header(header::COOKIE, format!("relais_session={cookie}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn links_are_shared_searched_featured_and_archived() {
    let app = TestApp::spawn().await;
    let helper = app
        .logged_in("encadrant@exemple.fr", Role::Helper, &[])
        .await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let bad = app
        .post_form(
            "/reseau/ressources/lien",
            &[
                ("titre", "Piège"),
                ("adresse", "javascript:alert(1)"),
                ("categorie", "prevention"),
                ("description", "Écrire à jeanne.martin@exemple.fr"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("commence par https://"));
    assert!(bad.body.contains("adresse e-mail"));
    for (title, category) in [
        ("Guide des arnaques", "prevention"),
        ("Affiche atelier", "communication"),
    ] {
        let added = app
            .post_form(
                "/reseau/ressources/lien",
                &[
                    ("titre", title),
                    ("adresse", "https://exemple.fr/guide"),
                    ("categorie", category),
                ],
                Some(&helper),
            )
            .await;
        assert_eq!(
            added.location(),
            Some("/reseau/ressources?info=resource-added")
        );
    }
    let found = app
        .get("/reseau/ressources?q=arnaque&categorie=", Some(&helper))
        .await;
    assert!(found.body.contains("Guide des arnaques"));
    assert!(!found.body.contains("Affiche atelier"));
    let by_category = app
        .get("/reseau/ressources?categorie=communication", Some(&helper))
        .await;
    assert!(by_category.body.contains("Affiche atelier"));
    assert!(!by_category.body.contains("Guide des arnaques"));
    assert!(
        !by_category.body.contains("/gestion/ressources/"),
        "helpers have no buttons"
    );

    let id = relais::resources::list(&app.db, &Default::default())
        .await
        .unwrap()
        .iter()
        .find(|r| r.info.title == "Guide des arnaques")
        .unwrap()
        .id;
    let archived = app
        .post_form(
            &format!("/gestion/ressources/{id}"),
            &[("action", "archiver")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get("/reseau/ressources", Some(&helper))
            .await
            .body
            .contains("Guide des arnaques")
    );
    assert!(
        app.get("/reseau/ressources?archives=oui", Some(&helper))
            .await
            .body
            .contains("Guide des arnaques")
    );
}

#[tokio::test]
async fn without_a_files_folder_postgresql_offers_links_only() {
    let app = TestApp::spawn().await;
    if !app.database.is_postgres() {
        return;
    }
    let helper = app
        .logged_in("encadrant@exemple.fr", Role::Helper, &[])
        .await;
    let response = upload(&app, &helper, "affiche.pdf", b"%PDF-1.7\n%%EOF\n").await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn files_are_checked_from_their_content_and_downloaded_safely() {
    // A files folder set explicitly (RELAIS_FILES_DIR): how PostgreSQL deployments share files.
    let files = tempfile::tempdir().unwrap();
    let folder = files.path().to_owned();
    let app = TestApp::spawn_with(move |config| config.files_dir = Some(folder)).await;
    let helper = app
        .logged_in("encadrant@exemple.fr", Role::Helper, &[])
        .await;
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
    let mut oversize = b"%PDF-1.7".to_vec();
    oversize.resize(relais::resources::upload::MAX_BYTES + 1, b' ');
    let bomb = {
        let mut zip = Vec::new();
        // A central directory declaring 4 GB for a 1-byte entry.
        let entries: [(&str, &[u8], u32); 2] = [
            ("[Content_Types].xml", b"<Types/>", 8),
            ("word/document.xml", b"x", 4_000_000_000),
        ];
        let mut central = Vec::new();
        for (name, content, declared) in entries {
            let offset = zip.len() as u32;
            let fixed = |central: bool| {
                let mut h: Vec<u8> = if central {
                    b"PK\x01\x02\x14\x00".to_vec()
                } else {
                    b"PK\x03\x04".to_vec()
                };
                h.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
                h.extend_from_slice(&(content.len() as u32).to_le_bytes());
                h.extend_from_slice(&declared.to_le_bytes());
                h.extend_from_slice(&(name.len() as u16).to_le_bytes());
                h.extend_from_slice(&[0, 0]);
                h
            };
            zip.extend(fixed(false));
            zip.extend_from_slice(name.as_bytes());
            zip.extend_from_slice(content);
            central.extend(fixed(true));
            central.extend_from_slice(&[0; 10]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let at = zip.len() as u32;
        zip.extend_from_slice(&central);
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\x02\0\x02\0");
        zip.extend_from_slice(&(central.len() as u32).to_le_bytes());
        zip.extend_from_slice(&at.to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip
    };
    for (name, bytes, message) in [
        ("outil.pdf", &b"MZ\x90\x00\x03"[..], "contient un programme"),
        ("image.png", &pdf[..], "ne correspond pas au contenu"),
        ("bombe.docx", &bomb[..], "document est anormal"),
        ("gros.pdf", &oversize[..], "trop gros"),
        ("../../etc/affiche.pdf", &pdf[..], "ni dossier ni chemin"),
    ] {
        let response = upload(&app, &helper, name, bytes).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            response.test_id_text("file-errors").is_some() || response.body.contains(message),
            "{name}"
        );
        assert!(response.body.contains(message), "{name}: {message}");
    }
    assert_eq!(app.count("resources").await, 0);

    let added = upload(&app, &helper, "Affiche été.pdf", pdf).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let list = app.get("/reseau/ressources", Some(&helper)).await;
    assert!(list.body.contains("PDF, 1 Ko"));
    let id = relais::resources::list(&app.db, &Default::default())
        .await
        .unwrap()[0]
        .id;
    let download = app
        .get(&format!("/reseau/ressources/{id}/fichier"), Some(&helper))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, pdf);
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert_eq!(
        download.headers["content-disposition"],
        "attachment; filename=\"Affiche__t_.pdf\"; filename*=UTF-8''Affiche%20%C3%A9t%C3%A9.pdf"
    );
    assert_eq!(download.headers["x-content-type-options"], "nosniff");
    assert_eq!(
        app.get(&format!("/reseau/ressources/{id}/fichier"), None)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}
