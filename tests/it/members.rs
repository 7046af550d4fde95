//! The members' directory on both databases: every `store.rs` function, what the page shows
//! of each organisation, and the contact person chosen only among the organisation's staff.

use crate::support::TestApp;
use axum::http::StatusCode;
use relais::accounts::{Role, UserId};
use relais::members::{self, CharterStatus, store};

#[tokio::test]
async fn every_store_function_reads_and_writes_the_directory() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let organization = app.organization("Médiathèque").await;
    let coordinator = app
        .account("places@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let manager = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    crate::places::sample_place(&app, coordinator, None, false).await;
    let mut conn = app.db.acquire().await.unwrap();

    let places = store::member_places(&mut conn).await.unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!((places[0].0, places[0].1.id), (organization, place));
    assert_eq!(
        store::helper_counts(&mut conn).await.unwrap(),
        [(organization, 1)]
    );
    let staff = store::staff_of(&mut conn, organization).await.unwrap();
    assert_eq!(
        staff.iter().map(|s| s.user_id).collect::<Vec<_>>(),
        [helper.0, manager.0]
    );
    assert!(store::list_contacts(&mut conn).await.unwrap().is_empty());
    store::upsert_contact(&mut conn, organization, helper, manager, now)
        .await
        .unwrap();
    store::upsert_contact(&mut conn, organization, manager, manager, now)
        .await
        .unwrap();
    let contacts = store::list_contacts(&mut conn).await.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].1.user_id, manager.0);
    assert_eq!(contacts[0].1.email, "responsable@exemple.fr");
    assert!(
        store::delete_contact(&mut conn, organization)
            .await
            .unwrap()
    );
    assert!(
        !store::delete_contact(&mut conn, organization)
            .await
            .unwrap()
    );
    assert!(store::list_contacts(&mut conn).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_directory_shows_each_member_and_its_chosen_contact() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque des Tilleuls").await;
    let other = app.organization("Centre social").await;
    let coordinator = app
        .account("places@exemple.fr", Role::Coordinator, &[])
        .await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let outsider = app
        .account("ailleurs@exemple.fr", Role::Helper, &[other])
        .await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let helper_cookie = app
        .login("encadrant@exemple.fr", crate::support::PASSWORD)
        .await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    relais::permanences::create_permanence(
        &app.db,
        app.clock.now(),
        coordinator,
        relais::places::PlaceId(place),
        &crate::permanences::sample_data(),
    )
    .await
    .unwrap();

    let page = app.get("/reseau/membres", Some(&helper_cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Médiathèque des Tilleuls"));
    assert!(page.body.contains(&format!("href=\"/lieux/{place}\"")));
    assert!(page.body.contains("Charte du réseau pas encore signée"));
    assert!(page.body.contains("Pas encore choisi"));
    // A helper does not choose; the organisation's manager does, for it only.
    assert!(!page.body.contains("/contact\""));
    let path = format!("/reseau/membres/{organization}/contact");
    assert_eq!(
        app.get(&path, Some(&helper_cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/reseau/membres/{other}/contact"), Some(&manager))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let form = app.get(&path, Some(&manager)).await;
    assert!(
        form.body
            .contains("Personne encadrant@exemple.fr (encadrant@exemple.fr)")
    );
    assert!(!form.body.contains("ailleurs@exemple.fr"));

    // Someone from another organisation cannot be its contact.
    let refused = app
        .post_form(
            &path,
            &[("contact", &outsider.0.to_string())],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .post_form(&path, &[("contact", &helper.0.to_string())], Some(&manager))
        .await;
    assert_eq!(
        saved.location(),
        Some("/reseau/membres?info=members-contact-saved")
    );
    let page = app.get("/reseau/membres", Some(&helper_cookie)).await;
    assert!(page.body.contains("mailto:encadrant@exemple.fr"));

    let entries = members::directory(&app.db, app.clock.now()).await.unwrap();
    let entry = entries
        .iter()
        .find(|e| e.organization_id == organization)
        .unwrap();
    assert_eq!(entry.helpers, 1);
    assert_eq!(entry.permanences.len(), 1);
    assert_eq!(entry.charter, CharterStatus::NotAdhered);
    assert_eq!(
        entry.contact.as_ref().map(|c| UserId(c.user_id)),
        Some(helper)
    );
    // Removing the choice.
    app.post_form(&path, &[("contact", "")], Some(&manager))
        .await;
    assert!(
        app.get("/reseau/membres", Some(&helper_cookie))
            .await
            .body
            .contains("Pas encore choisi")
    );
}
