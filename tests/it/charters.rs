//! Charters on both databases: every `store.rs` function, default texts, the signature
//! lifecycle across versions, a charter changed between display and signature, the
//! enforcement function for permanences, adhesion and self-assessment with measured values,
//! permissions, and the PDFs read by third-party tools.

use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use relais::accounts::{HelperKind, Role, UserId};
use relais::charters::{
    self, AssessmentStatus, CharterDraft, CharterKind, Commitment, Measure, NewSignature, store,
};
use relais::i18n::Tr;

fn draft(title: &str, codes: &[&str]) -> CharterDraft {
    CharterDraft {
        title: title.to_owned(),
        body: "Un texte **simple**.".to_owned(),
        commitments: codes
            .iter()
            .map(|code| Commitment {
                code: (*code).to_owned(),
                text: format!("Engagement {code}."),
            })
            .collect(),
    }
}

fn signature_of(hash: &str, name: &str) -> NewSignature {
    NewSignature {
        full_name: name.to_owned(),
        helper_kind: HelperKind::Volunteer,
        signed_at_place: "Cognac".to_owned(),
        version_hash: hash.to_owned(),
    }
}

/// The hidden `version_hash` of a form in `body`.
fn shown_hash(body: &str) -> String {
    let marker = "name=\"version_hash\" value=\"";
    let start = body.find(marker).expect("a version_hash field") + marker.len();
    body[start..start + 64].to_owned()
}

#[tokio::test]
async fn every_store_function_reads_and_writes_charters() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let organization = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let manager = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let mut conn = app.db.acquire().await.unwrap();

    // Versions and commitments.
    assert!(
        store::find_current_version(&mut conn, CharterKind::Helpers)
            .await
            .unwrap()
            .is_none()
    );
    let first = draft("Charte un", &["gratuite", "dernier-clic"]);
    let v1 = store::insert_version(&mut conn, CharterKind::Helpers, 1, &first, now, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store::insert_version(
            &mut conn,
            CharterKind::Helpers,
            1,
            &first,
            now,
            Some(manager)
        )
        .await
        .unwrap(),
        None,
        "a second version 1 is refused"
    );
    let v2 = store::insert_version(
        &mut conn,
        CharterKind::Helpers,
        2,
        &draft("Charte deux", &["gratuite"]),
        now,
        Some(manager),
    )
    .await
    .unwrap()
    .unwrap();
    let current = store::find_current_version(&mut conn, CharterKind::Helpers)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (current.id, current.version, current.title.as_str()),
        (v2, 2, "Charte deux")
    );
    let found = store::find_version(&mut conn, v1).await.unwrap();
    assert_eq!(found.commitments, first.commitments);
    assert_eq!(found.content_hash, first.content_hash(CharterKind::Helpers));
    assert!(matches!(
        store::find_version(&mut conn, 999).await,
        Err(relais::storage::StoreError::NotFound)
    ));
    let versions = store::list_versions(&mut conn, CharterKind::Helpers)
        .await
        .unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(
        store::list_commitments(&mut conn, v2).await.unwrap().len(),
        1
    );

    // Signatures.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let signature = signature_of(&first.content_hash(CharterKind::Helpers), "Lucie Martin");
    let s1 = store::insert_signature(&mut conn, helper, v1, &signature, day, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store::insert_signature(&mut conn, helper, v1, &signature, day, now)
            .await
            .unwrap(),
        None
    );
    assert!(
        !store::has_signed_current_helpers_charter(&mut conn, helper)
            .await
            .unwrap()
    );
    let s2 = store::insert_signature(&mut conn, helper, v2, &signature, day, now)
        .await
        .unwrap()
        .unwrap();
    assert!(
        store::has_signed_current_helpers_charter(&mut conn, helper)
            .await
            .unwrap()
    );
    assert!(
        !store::has_signed_current_helpers_charter(&mut conn, manager)
            .await
            .unwrap()
    );
    let saved = store::find_signature(&mut conn, s1).await.unwrap();
    assert_eq!(
        (saved.version, saved.full_name.as_str(), saved.signed_on),
        (1, "Lucie Martin", day)
    );
    assert_eq!(saved.helper_kind, HelperKind::Volunteer);
    assert_eq!(
        store::find_latest_signature(&mut conn, helper)
            .await
            .unwrap()
            .unwrap()
            .id,
        s2
    );
    assert!(
        store::find_latest_signature(&mut conn, manager)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store::list_signatures(&mut conn).await.unwrap().len(), 2);
    assert_eq!(
        store::count_staff_signed(&mut conn, organization, Some(v2))
            .await
            .unwrap(),
        (2, 1)
    );
    assert_eq!(
        store::count_staff_signed(&mut conn, other, Some(v2))
            .await
            .unwrap(),
        (0, 0)
    );
    assert_eq!(
        store::count_staff_signed(&mut conn, organization, None)
            .await
            .unwrap(),
        (2, 0)
    );

    // Adhesions and assessments.
    let network = store::insert_version(&mut conn, CharterKind::Network, 1, &first, now, None)
        .await
        .unwrap()
        .unwrap();
    assert!(
        store::insert_adhesion(&mut conn, organization, network, "h", manager, now)
            .await
            .unwrap()
    );
    assert!(
        !store::insert_adhesion(&mut conn, organization, network, "h", manager, now)
            .await
            .unwrap()
    );
    let adhesions = store::list_latest_adhesions(&mut conn).await.unwrap();
    assert_eq!(adhesions.len(), 1);
    assert_eq!(
        (adhesions[0].organization_id, adhesions[0].version),
        (organization, 1)
    );
    store::upsert_assessment(
        &mut conn,
        organization,
        "gratuite",
        AssessmentStatus::InProgress,
        "bientôt",
        manager,
        now,
    )
    .await
    .unwrap();
    store::upsert_assessment(
        &mut conn,
        organization,
        "gratuite",
        AssessmentStatus::Met,
        "",
        manager,
        now,
    )
    .await
    .unwrap();
    store::upsert_assessment(
        &mut conn,
        other,
        "gratuite",
        AssessmentStatus::NotMet,
        "",
        manager,
        now,
    )
    .await
    .unwrap();
    let mine = store::list_assessments(&mut conn, Some(organization))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].status, mine[0].comment.as_str()),
        (AssessmentStatus::Met, "")
    );
    assert_eq!(
        store::list_assessments(&mut conn, None)
            .await
            .unwrap()
            .len(),
        2
    );

    // Equipment of the organisation's places.
    assert_eq!(
        store::count_equipment(&mut conn, organization)
            .await
            .unwrap(),
        [0, 0, 0, 0]
    );
    drop(conn);
    equipped_place(&app, manager, organization, true).await;
    equipped_place(&app, manager, organization, false).await;
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        store::count_equipment(&mut conn, organization)
            .await
            .unwrap(),
        [1, 2, 1, 0]
    );

    // A deleted account takes its signatures with it.
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(helper.0)
        .execute(&mut *conn)
        .await
        .unwrap();
    assert!(store::list_signatures(&mut conn).await.unwrap().is_empty());
}

/// A place of `organization` with Wi-Fi, and with a computer and a printer when `full`.
async fn equipped_place(app: &TestApp, actor: UserId, organization: i64, full: bool) {
    let data = relais::places::PlaceData {
        record: relais::places::MediationRecord {
            nom: "Lieu équipé".into(),
            commune: "Cognac".into(),
            code_postal: "16100".into(),
            adresse: "2 rue Basse".into(),
            ..Default::default()
        },
        equipment: relais::places::Equipment {
            computers: Some(if full { 4 } else { 0 }),
            has_wifi: true,
            has_printer: full,
            has_scanner: false,
            is_step_free: false,
        },
        ..Default::default()
    };
    relais::places::create_place(
        &app.db,
        app.clock.now(),
        actor,
        Some(organization),
        relais::places::PlaceKind::Mediation,
        relais::places::Visibility::Public,
        data,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn relais_publishes_its_default_texts_once_as_version_one() {
    let app = TestApp::spawn().await;
    assert_eq!(app.count("charter_versions").await, 0);
    let response = app.get("/chartes", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(app.count("charter_versions").await, 3);
    charters::publish_defaults(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(app.count("charter_versions").await, 3);
    for kind in CharterKind::ALL {
        let current = charters::current_charter(&app.db, app.clock.now(), kind)
            .await
            .unwrap();
        assert_eq!(current.version, 1);
        assert!(current.commitments.len() >= 5);
    }
    let network = charters::current_charter(&app.db, app.clock.now(), CharterKind::Network)
        .await
        .unwrap();
    let codes: Vec<&str> = network
        .commitments
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    for code in [
        "gratuite",
        "confidentialite",
        "dernier-clic",
        "equipement",
        "demi-journee",
        "affichage",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    assert_eq!(
        app.audit_actions()
            .await
            .iter()
            .filter(|a| *a == "charter.publish")
            .count(),
        3
    );
    let page = app.get("/chartes/encadrants", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Le dernier clic lui appartient."),
        "{}",
        page.body
    );
    assert_eq!(
        app.get("/chartes/inconnue", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_signature_holds_until_a_new_version_asks_everyone_to_sign_again() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let tr = Tr::french();

    // Before signing: the account page says why and links to the signing page.
    let account = app.get("/compte", Some(&helper)).await;
    assert!(account.body.contains("data-testid=\"must-sign-charter\""));
    assert!(account.body.contains(charters::signing_url()));
    assert!(
        !charters::helper_has_signed_current(&app.db, helper_id)
            .await
            .unwrap()
    );
    assert_eq!(
        app.get("/chartes/encadrants/ma-signature.pdf", Some(&helper))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Sign version 1.
    let form = app.get(charters::signing_url(), Some(&helper)).await;
    assert_eq!(form.status, StatusCode::OK);
    let v1_hash = shown_hash(&form.body);
    let signed = app
        .post_form(
            charters::signing_url(),
            &[
                ("full_name", "Lucie Martin"),
                ("helper_kind", "volunteer"),
                ("signed_at_place", "Cognac"),
                ("version_hash", &v1_hash),
                ("accept", "oui"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(
        signed.location(),
        Some("/chartes/encadrants?info=charte-signee")
    );
    assert!(
        charters::helper_has_signed_current(&app.db, helper_id)
            .await
            .unwrap()
    );
    let account = app.get("/compte", Some(&helper)).await;
    assert!(!account.body.contains("must-sign-charter"));
    let again = app.get(charters::signing_url(), Some(&helper)).await;
    assert!(
        !again.body.contains("name=\"version_hash\""),
        "no second form once signed"
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"charter.sign".to_owned())
    );

    // The coordinator sees the signature on the board.
    let board = app.get("/gestion/signatures", Some(&coordinator)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert_eq!(
        board.test_id_text("signed-count").unwrap(),
        tr.t_args(
            "charters-board-count",
            &[("signed", "1".into()), ("total", "1".into())]
        )
    );

    // The coordinator publishes version 2: the helper must sign again.
    let mut pairs =
        relais::charters::model::parse_default(CharterKind::Helpers.default_text()).unwrap();
    pairs.commitments.push(Commitment {
        code: "ponctualite".into(),
        text: "J'arrive à l'heure.".into(),
    });
    let commitments = relais::charters::model::commitments_as_text(&pairs.commitments);
    let published = app
        .post_form(
            "/gestion/chartes/encadrants",
            &[
                ("title", &pairs.title),
                ("body", &pairs.body),
                ("commitments", &commitments),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let current = charters::current_charter(&app.db, app.clock.now(), CharterKind::Helpers)
        .await
        .unwrap();
    assert_eq!(current.version, 2);
    assert!(
        !charters::helper_has_signed_current(&app.db, helper_id)
            .await
            .unwrap()
    );
    assert!(
        app.get("/compte", Some(&helper))
            .await
            .body
            .contains("must-sign-charter")
    );
    let board = app.get("/gestion/signatures", Some(&coordinator)).await;
    assert!(board.body.contains(&tr.t("charters-board-must-sign")));

    // The old signed copy still names version 1 and stays downloadable.
    let (old, old_version) = charters::latest_signature(&app.db, helper_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((old.version, old_version.version), (1, 1));

    // Sign version 2.
    let form = app.get(charters::signing_url(), Some(&helper)).await;
    let v2_hash = shown_hash(&form.body);
    assert_ne!(v1_hash, v2_hash);
    assert!(
        form.body.contains("J&#39;arrive à l&#39;heure.")
            || form.body.contains("J'arrive à l'heure.")
    );
    let signed = app
        .post_form(
            charters::signing_url(),
            &[
                ("full_name", "Lucie Martin"),
                ("helper_kind", "volunteer"),
                ("signed_at_place", "Cognac"),
                ("version_hash", &v2_hash),
                ("accept", "oui"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert!(
        charters::helper_has_signed_current(&app.db, helper_id)
            .await
            .unwrap()
    );
    assert_eq!(app.count("charter_signatures").await, 2);
    let (latest, _) = charters::latest_signature(&app.db, helper_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (latest.version, latest.content_hash.as_str()),
        (2, v2_hash.as_str())
    );

    // Publishing the same text again is refused: nobody is asked to sign for nothing.
    let same = app
        .post_form(
            "/gestion/chartes/encadrants",
            &[
                ("title", &pairs.title),
                ("body", &pairs.body),
                ("commitments", &commitments),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        same.body
            .contains(&tr.t("charters-form-unchanged").replace('\'', "&#39;"))
    );
    assert_eq!(
        charters::list_versions(&app.db, CharterKind::Helpers)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_charter_changed_between_display_and_signature_is_shown_again_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;

    let form = app.get(charters::signing_url(), Some(&helper)).await;
    let shown = shown_hash(&form.body);
    // Meanwhile, the coordinator publishes a new text.
    let new_text = draft(
        "Charte révisée des encadrants",
        &["gratuite", "nouveau-point"],
    );
    charters::publish_charter(
        &app.db,
        app.clock.now(),
        coordinator,
        CharterKind::Helpers,
        &new_text,
    )
    .await
    .unwrap();

    let response = app
        .post_form(
            charters::signing_url(),
            &[
                ("full_name", "Lucie Martin"),
                ("helper_kind", "volunteer"),
                ("signed_at_place", "Cognac"),
                ("version_hash", &shown),
                ("accept", "oui"),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert!(response.body.contains("data-testid=\"stale-charter\""));
    assert!(response.body.contains("Charte révisée des encadrants"));
    assert!(response.body.contains("Engagement nouveau-point."));
    assert!(
        response.body.contains("value=\"Lucie Martin\""),
        "the typed values are kept"
    );
    assert_eq!(
        shown_hash(&response.body),
        new_text.content_hash(CharterKind::Helpers)
    );
    assert_eq!(app.count("charter_signatures").await, 0);
    assert!(
        !charters::helper_has_signed_current(&app.db, helper_id)
            .await
            .unwrap()
    );

    // The same check holds when the operation is called directly.
    let stale = charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper_id,
        &signature_of(&shown, "Lucie"),
    )
    .await;
    assert!(matches!(stale, Err(charters::CharterError::Stale(current)) if current.version == 2));
    let ok = charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper_id,
        &signature_of(&new_text.content_hash(CharterKind::Helpers), "Lucie"),
    )
    .await
    .unwrap();
    assert_eq!(ok.version, 2);
    let twice = charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper_id,
        &signature_of(&new_text.content_hash(CharterKind::Helpers), "Lucie"),
    )
    .await;
    assert!(matches!(twice, Err(charters::CharterError::AlreadyDone)));
}

#[tokio::test]
async fn an_incomplete_signature_form_is_shown_again_with_messages() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper = app
        .logged_in("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let form = app.get(charters::signing_url(), Some(&helper)).await;
    let hash = shown_hash(&form.body);
    let response = app
        .post_form(
            charters::signing_url(),
            &[
                ("full_name", " "),
                ("helper_kind", "volunteer"),
                ("version_hash", &hash),
            ],
            Some(&helper),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let tr = Tr::french();
    for key in [
        "charters-sign-name-missing",
        "charters-sign-place-missing",
        "charters-sign-accept-missing",
    ] {
        assert!(
            response.body.contains(&tr.t(key).replace('\'', "&#39;")),
            "{key}"
        );
    }
    assert!(!response.body.contains("stale-charter"));
    assert_eq!(app.count("charter_signatures").await, 0);
}

#[tokio::test]
async fn permanences_can_ask_whether_a_helper_signed_and_say_why_not() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    // No charter published yet: nobody has signed.
    assert!(
        !charters::helper_has_signed_current(&app.db, helper)
            .await
            .unwrap()
    );
    let tr = Tr::french();
    assert!(tr.has(charters::MUST_SIGN_MESSAGE_KEY));
    assert!(
        tr.t(charters::MUST_SIGN_MESSAGE_KEY)
            .contains("charte des encadrants")
    );
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    assert_eq!(
        app.get(charters::signing_url(), Some(&cookie)).await.status,
        StatusCode::OK
    );
    let current = charters::current_charter(&app.db, app.clock.now(), CharterKind::Helpers)
        .await
        .unwrap();
    charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper,
        &signature_of(&current.content_hash, "Lucie"),
    )
    .await
    .unwrap();
    assert!(
        charters::helper_has_signed_current(&app.db, helper)
            .await
            .unwrap()
    );
    let other = app
        .account("autre@exemple.fr", Role::Helper, &[organization])
        .await;
    assert!(
        !charters::helper_has_signed_current(&app.db, other)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_manager_adheres_and_assesses_with_values_measured_by_relais() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let manager_id = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    let manager = app.login("responsable@exemple.fr", PASSWORD).await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    equipped_place(&app, manager_id, organization, true).await;
    let helpers_charter = charters::current_charter(&app.db, app.clock.now(), CharterKind::Helpers)
        .await
        .unwrap();
    charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper,
        &signature_of(&helpers_charter.content_hash, "Lucie"),
    )
    .await
    .unwrap();

    // Measured values, through the extension point.
    let measured = charters::measures::measure_commitments(&app.db, organization, app.clock.now())
        .await
        .unwrap();
    assert_eq!(
        measured["equipement"],
        Measure::Equipment {
            has_computers: true,
            has_wifi: true,
            has_printer: true,
            has_scanner: false
        }
    );
    assert_eq!(
        measured["encadrants-signes"],
        Measure::HelpersSigned {
            signed: 1,
            total: 2
        }
    );
    // No permanence yet: neither the half-day rule nor the poster is met (see
    // tests/it/permanences.rs for both becoming met).
    assert_eq!(measured["demi-journee"], Measure::HalfDay { is_met: false });
    assert_eq!(
        measured["affichage"],
        Measure::PosterPrinted { is_met: false }
    );

    let list = app.get("/gestion/adhesion", Some(&manager)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Médiathèque") && !list.body.contains("Centre social"));
    let page = app
        .get(&format!("/gestion/adhesion/{organization}"), Some(&manager))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1 personne(s) sur 2"), "{}", page.body);
    // Equipment is three of four: "in progress" is suggested.
    assert!(page.body.contains("id=\"statut-equipement-in_progress\" name=\"statut-equipement\" value=\"in_progress\" checked"));
    assert_eq!(
        app.get(&format!("/gestion/adhesion/{other}"), Some(&manager))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // A stale adhesion is refused; the current one is recorded once.
    let stale = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/adherer"),
            &[("version_hash", "ancien")],
            Some(&manager),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("stale-charter"));
    assert_eq!(app.count("charter_adhesions").await, 0);
    let hash = shown_hash(&page.body);
    let adhered = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/adherer"),
            &[("version_hash", &hash)],
            Some(&manager),
        )
        .await;
    assert_eq!(adhered.status, StatusCode::SEE_OTHER);
    let twice = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/adherer"),
            &[("version_hash", &hash)],
            Some(&manager),
        )
        .await;
    assert_eq!(
        twice.location(),
        Some(format!("/gestion/adhesion/{organization}?info=adhesion-deja-faite").as_str())
    );
    assert_eq!(app.count("charter_adhesions").await, 1);

    // Self-assessment: a comment too long is refused with its commitment named.
    let long = "x".repeat(301);
    let refused = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/auto-evaluation"),
            &[("statut-gratuite", "met"), ("commentaire-gratuite", &long)],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"erreur-gratuite\""));
    assert_eq!(app.count("commitment_assessments").await, 0);
    // A comment with personal data is refused by the privacy guard, commitment named.
    let refused = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/auto-evaluation"),
            &[
                ("statut-gratuite", "met"),
                (
                    "commentaire-gratuite",
                    "Voir avec Mme Durand au 06 12 34 56 78",
                ),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"erreur-gratuite\""));
    assert_eq!(app.count("commitment_assessments").await, 0);
    let saved = app
        .post_form(
            &format!("/gestion/adhesion/{organization}/auto-evaluation"),
            &[
                ("statut-gratuite", "met"),
                ("commentaire-gratuite", "Toujours gratuit."),
                ("statut-equipement", "in_progress"),
                ("commentaire-equipement", "Scanner commandé."),
                ("statut-affichage", "not_met"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.count("commitment_assessments").await, 3);
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"charter.adhere".to_owned()));
    assert!(actions.contains(&"charter.assess".to_owned()));

    let (current, standings) = charters::standings(&app.db, app.clock.now(), None)
        .await
        .unwrap();
    let mine = standings
        .iter()
        .find(|s| s.organization.id == organization)
        .unwrap();
    assert!(mine.has_adhered_to(&current));
    assert_eq!(
        (
            mine.count(AssessmentStatus::Met),
            mine.count(AssessmentStatus::InProgress),
            mine.count(AssessmentStatus::NotMet)
        ),
        (1, 1, 1)
    );
    let theirs = standings
        .iter()
        .find(|s| s.organization.id == other)
        .unwrap();
    assert_eq!(theirs.adhered_version, None);

    // The coordinator's network-wide board.
    let board = app.get("/gestion/engagements", Some(&coordinator)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(board.body.contains("Scanner commandé."));
    assert!(
        board.body.contains(
            &Tr::french()
                .t("charters-adhesion-none")
                .replace('\'', "&#39;")
        )
    );

    // A new network charter version: the adhesion is to an older one now.
    let coordinator_id = app
        .account("coordination2@exemple.fr", Role::Coordinator, &[])
        .await;
    charters::publish_charter(
        &app.db,
        app.clock.now(),
        coordinator_id,
        CharterKind::Network,
        &draft("Réseau v2", &["gratuite"]),
    )
    .await
    .unwrap();
    let (current, standings) = charters::standings(&app.db, app.clock.now(), Some(&[organization]))
        .await
        .unwrap();
    assert!(!standings[0].has_adhered_to(&current));
    assert_eq!(standings[0].adhered_version, Some(1));
    assert_eq!(standings[0].commitments.len(), 1);
    assert_eq!(
        standings[0].count(AssessmentStatus::Met),
        1,
        "assessments follow the stable code"
    );
}

#[tokio::test]
async fn coordinators_publish_and_bad_texts_are_refused_with_the_line() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let form = app.get("/gestion/chartes/public", Some(&coordinator)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("gratuite: L&#39;aide est gratuite.")
            || form.body.contains("gratuite: L'aide est gratuite.")
    );
    let refused = app
        .post_form(
            "/gestion/chartes/public",
            &[
                ("title", "Charte"),
                ("body", "x"),
                ("commitments", "gratuite: oui\nSans identifiant"),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Ligne 2"), "{}", refused.body);
    let published = app
        .post_form(
            "/gestion/chartes/public",
            &[
                ("title", "Charte <b>publique</b>"),
                (
                    "body",
                    "Bienvenue <script>alert(1)</script> [ici](javascript:alert(1))",
                ),
                ("commitments", "gratuite: C'est gratuit."),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    let page = app.get("/charte-publique", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Charte &#60;b&#62;publique&#60;/b&#62;"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>alert"));
    assert!(!page.body.contains("javascript:"));
    assert!(page.body.contains("C&#39;est gratuit.") || page.body.contains("C'est gratuit."));
}

// --- PDF files, read with Debian's qpdf and poppler-utils ---

/// What third-party readers find in a PDF after `qpdf --check` accepted it.
struct CheckedPdf {
    /// pdftotext's output, lines kept.
    raw_text: String,
    /// The same with white space collapsed.
    text: String,
    title: String,
}

impl CheckedPdf {
    fn read(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let path = file.path().to_str().unwrap();
        let check = crate::places::pdf_tool("qpdf", "qpdf", &["--check", path]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        let fonts = crate::places::pdf_tool("pdffonts", "poppler-utils", &[path]);
        let rows: Vec<&str> = fonts
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(!rows.is_empty(), "no font listed: {fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name … emb sub uni object generation
            assert_eq!(
                columns[columns.len() - 5],
                "yes",
                "font not embedded: {row}"
            );
        }
        let info = crate::places::pdf_tool("pdfinfo", "poppler-utils", &["-enc", "UTF-8", path]);
        let title = info
            .lines()
            .find_map(|line| line.strip_prefix("Title:"))
            .unwrap_or_default()
            .trim()
            .to_owned();
        let raw_text =
            crate::places::pdf_tool("pdftotext", "poppler-utils", &["-enc", "UTF-8", path, "-"]);
        Self {
            // Words broken by hyphenation (soft hyphen at a line end) are joined again.
            text: crate::places::collapse(&raw_text.replace("\u{ad}\n", "")),
            raw_text,
            title,
        }
    }

    /// Words broken at a line end by hyphenation, as (before, after) pairs.
    fn hyphenated_words(&self) -> Vec<(String, String)> {
        let lines: Vec<&str> = self.raw_text.lines().map(str::trim_end).collect();
        lines
            .windows(2)
            .filter_map(|pair| {
                let before = pair[0].strip_suffix(['-', '\u{2010}', '\u{ad}'])?;
                let fragment: String = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let rest: String = pair[1]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                (!fragment.is_empty() && rest.chars().next().is_some_and(char::is_lowercase))
                    .then_some((fragment, rest))
            })
            .collect()
    }
}

/// Long French words in a justified paragraph: the typesetter must break some of them.
const LONG_WORDS: &str = "Les accompagnements individualisés nécessitent systématiquement \
    l'apprentissage progressif des démarches administratives dématérialisées, \
    particulièrement pour les personnes éloignées des technologies numériques, \
    accompagnées bénévolement par des professionnels expérimentés et consciencieux. \
    Renseignements, réglementations, authentifications, confidentialité, \
    responsabilités et sensibilisation accompagnent quotidiennement l'inclusion numérique.";

#[tokio::test]
async fn the_signed_copy_is_a_real_pdf_with_the_signed_version_and_french_hyphenation() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let helper = app.login("encadrant@exemple.fr", PASSWORD).await;
    let coordinator_id = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let mut text = draft(
        "Charte des encadrants du réseau",
        &["gratuite", "dernier-clic"],
    );
    text.body = format!("{LONG_WORDS}\n\n{LONG_WORDS}");
    charters::publish_charter(
        &app.db,
        app.clock.now(),
        coordinator_id,
        CharterKind::Helpers,
        &text,
    )
    .await
    .unwrap();
    let signature = charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        helper_id,
        &NewSignature {
            full_name: "Lucie #Martin *Durand*".into(),
            helper_kind: HelperKind::Professional,
            signed_at_place: "Saint-Yrieix-sur-Charente".into(),
            version_hash: text.content_hash(CharterKind::Helpers),
        },
    )
    .await
    .unwrap();

    let response = app
        .get("/chartes/encadrants/ma-signature.pdf", Some(&helper))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["content-type"], "application/pdf");
    assert!(
        response.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".pdf")
    );
    let pdf = CheckedPdf::read(&response.bytes);
    assert_eq!(
        pdf.title,
        "Charte des encadrants signée par Lucie #Martin *Durand*"
    );
    for expected in [
        "Charte des encadrants du réseau",
        "Engagement dernier-clic.",
        "Lucie #Martin *Durand*",
        "Saint-Yrieix-sur-Charente",
        "2 mars 2026",
        "professionnel·le",
        &text.content_hash(CharterKind::Helpers),
    ] {
        assert!(
            pdf.text.contains(expected),
            "{expected:?} missing from:\n{}",
            pdf.text
        );
    }

    // French hyphenation: words are broken, only at places that rebuild a word of the text,
    // never inside "gn", "ch", "ph" or "qu" nor leaving a single letter.
    let breaks = pdf.hyphenated_words();
    assert!(
        !breaks.is_empty(),
        "no word was hyphenated:\n{}",
        pdf.raw_text
    );
    let source = crate::places::collapse(&format!(
        "{LONG_WORDS} {}",
        text.commitments
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    ));
    for (before, after) in &breaks {
        let word = format!("{before}{after}");
        assert!(
            source.contains(&word),
            "{before}-{after} does not rebuild a word of the text"
        );
        assert!(
            before.chars().count() >= 2 && after.chars().count() >= 2,
            "{before}-{after}"
        );
        let pair = format!(
            "{}{}",
            before.chars().last().unwrap(),
            after.chars().next().unwrap()
        );
        assert!(
            !["gn", "ch", "ph", "qu"].contains(&pair.as_str()),
            "{before}-{after} splits {pair}"
        );
    }

    // The coordinator gets the same copy; a manager or another helper does not.
    let copy = app
        .get(
            &format!("/gestion/signatures/{}/copie.pdf", signature.id),
            Some(&coordinator),
        )
        .await;
    assert_eq!(copy.status, StatusCode::OK);
    assert!(
        CheckedPdf::read(&copy.bytes)
            .text
            .contains("Lucie #Martin *Durand*")
    );
    assert_eq!(
        app.get(
            &format!("/gestion/signatures/{}/copie.pdf", signature.id),
            Some(&helper)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/gestion/signatures/999/copie.pdf", Some(&coordinator))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_public_charter_sheet_is_a_real_pdf() {
    let app = TestApp::spawn().await;
    let response = app.get("/charte-publique.pdf", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["content-type"], "application/pdf");
    let pdf = CheckedPdf::read(&response.bytes);
    let current = charters::current_charter(&app.db, app.clock.now(), CharterKind::Public)
        .await
        .unwrap();
    assert_eq!(pdf.title, current.title);
    for commitment in &current.commitments {
        assert!(
            pdf.text
                .contains(&crate::places::collapse(&commitment.text)),
            "{:?} missing:\n{}",
            commitment.text,
            pdf.text
        );
    }
    assert!(
        pdf.text
            .contains(&Tr::french().t("charters-public-commitments-title"))
    );
    let page = app.get("/charte-publique", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/charte-publique.pdf\""));
}
