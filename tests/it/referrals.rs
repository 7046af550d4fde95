//! Referrals: consent variants, who sees what, the state machine through the pages, the slip,
//! the desk's code (and its throttling), partners' signed links, expiry and purge with a
//! moved clock, and the scheduler's once-per-period lock with two servers on one database.

use crate::support::{TestApp, TestResponse};
use axum::http::StatusCode;
use chrono::Duration;
use relais::accounts::Role;
use relais::jobs;
use relais::storage::Db;

/// Two organisations that refer people to each other, a third one outside, a coordinator,
/// a member place of the destination and a partner place without an account.
struct World {
    app: TestApp,
    sender: String,
    destination_manager: String,
    destination_helper: String,
    sender_colleague: String,
    outsider: String,
    coordinator: String,
    place: i64,
    partner: i64,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let origin = app.organization("Centre social").await;
    let destination = app.organization("Médiathèque").await;
    let other = app.organization("Autre structure").await;
    let coordinator_id = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let place = crate::places::sample_place(&app, coordinator_id, Some(destination), false).await;
    let partner = relais::places::create_place(
        &app.db,
        app.clock.now(),
        coordinator_id,
        None,
        relais::places::PlaceKind::Partner,
        relais::places::Visibility::Hidden,
        relais::places::PlaceData {
            record: relais::places::MediationRecord {
                nom: "CAF, accueil".into(),
                commune: "Angoulême".into(),
                code_postal: "16000".into(),
                adresse: "2 rue Basse".into(),
                courriels: vec!["accueil@caf.exemple.fr".into()],
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .0;
    World {
        sender: app
            .logged_in("benevole@exemple.fr", Role::Helper, &[origin])
            .await,
        sender_colleague: app
            .logged_in("collegue@exemple.fr", Role::Helper, &[origin])
            .await,
        destination_manager: app
            .logged_in("responsable@exemple.fr", Role::Manager, &[destination])
            .await,
        destination_helper: app
            .logged_in("encadrant@exemple.fr", Role::Helper, &[destination])
            .await,
        outsider: app
            .logged_in("ailleurs@exemple.fr", Role::Manager, &[other])
            .await,
        coordinator: app
            .login("coordination@exemple.fr", crate::support::PASSWORD)
            .await,
        app,
        place,
        partner,
    }
}

const WITH_CONSENT: &[(&str, &str)] = &[
    ("categories", "aide-aux-demarches-administratives"),
    ("besoin", "Déclarer ses revenus en ligne"),
    ("accord", "oui"),
    ("partage", "prenom"),
    ("prenom", "Josette"),
    ("partage", "contact"),
    ("contact_mode", "phone"),
    ("contact", "06 12 34 56 78"),
];

impl World {
    /// New sessions for everyone (after the clock moved past the sessions' idle limit).
    async fn log_in_again(&mut self) {
        let login = |email: &'static str| self.app.login(email, crate::support::PASSWORD);
        let sender = login("benevole@exemple.fr").await;
        let colleague = login("collegue@exemple.fr").await;
        let manager = login("responsable@exemple.fr").await;
        let helper = login("encadrant@exemple.fr").await;
        let outsider = login("ailleurs@exemple.fr").await;
        let coordinator = login("coordination@exemple.fr").await;
        self.sender = sender;
        self.sender_colleague = colleague;
        self.destination_manager = manager;
        self.destination_helper = helper;
        self.outsider = outsider;
        self.coordinator = coordinator;
    }

    async fn advance(&mut self, by: Duration) {
        self.app.clock.advance(by);
        self.log_in_again().await;
    }

    async fn refer(&self, destination: i64, form: &[(&str, &str)]) -> TestResponse {
        let destination = destination.to_string();
        let mut pairs = vec![("destination", destination.as_str())];
        pairs.extend_from_slice(form);
        self.app
            .post_form("/orientations", &pairs, Some(&self.sender))
            .await
    }

    /// Refers to the member place and returns the referral's page path.
    async fn referral(&self, form: &[(&str, &str)]) -> String {
        let response = self.refer(self.place, form).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        response
            .location()
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_owned()
    }

    async fn row(&self, column: &str, path: &str) -> Option<String> {
        let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
        let mut conn = self.app.db.acquire().await.unwrap();
        let sql = format!("SELECT CAST({column} AS TEXT) FROM referrals WHERE id = $1");
        sqlx::query_scalar(&sql)
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    }

    async fn code(&self, path: &str) -> String {
        let page = self.app.get(path, Some(&self.sender)).await;
        page.test_id_text("referral-code")
            .expect("the sender sees the code")
    }
}

#[tokio::test]
async fn a_referral_with_consent_is_seen_by_the_two_organisations_only() {
    let w = world().await;
    let path = w.referral(WITH_CONSENT).await;
    assert_eq!(w.row("first_name", &path).await.as_deref(), Some("Josette"));
    assert_eq!(w.row("contact", &path).await.as_deref(), Some("0612345678"));
    assert!(w.row("consent_at", &path).await.is_some());
    assert_eq!(
        w.row("consent_until", &path).await.as_deref(),
        Some("2026-04-01T09:00:00Z"),
        "consent lasts until the referral's expiry"
    );

    let incoming = w
        .app
        .get("/orientations", Some(&w.destination_manager))
        .await;
    assert!(incoming.body.contains("Centre social"), "{}", incoming.body);
    for cookie in [&w.sender, &w.destination_manager, &w.destination_helper] {
        let page = w.app.get(&path, Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            page.test_id_text("referral-first-name").as_deref(),
            Some("Josette")
        );
        assert!(page.body.contains("06 12 34 56 78"));
    }
    for cookie in [&w.outsider, &w.sender_colleague, &w.coordinator] {
        assert_eq!(
            w.app.get(&path, Some(cookie)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            w.app
                .get(&format!("{path}/fiche"), Some(cookie))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    let outside_list = w.app.get("/orientations", Some(&w.outsider)).await;
    assert!(!outside_list.body.contains(&path));
    // The coordinator sees counts only.
    let counts = w.app.get("/orientations", Some(&w.coordinator)).await;
    assert!(counts.body.contains("data-testid=\"referral-counts\""));
    assert!(!counts.body.contains(&path));
    assert!(!counts.body.contains("Josette"));
    // The destination does not see the slip's code; only the sender prints the slip.
    let destination_page = w.app.get(&path, Some(&w.destination_manager)).await;
    assert!(destination_page.test_id_text("referral-code").is_none());
    assert_eq!(
        w.app
            .get(&format!("{path}/fiche"), Some(&w.destination_manager))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        w.app
            .audit_actions()
            .await
            .contains(&"referral.create".to_owned())
    );
}

#[tokio::test]
async fn without_consent_only_the_need_and_the_destination_are_kept() {
    let w = world().await;
    let mut form = WITH_CONSENT.to_vec();
    form[2] = ("accord", "non");
    let path = w.referral(&form).await;
    assert_eq!(w.row("first_name", &path).await.as_deref(), Some(""));
    assert_eq!(w.row("contact", &path).await.as_deref(), Some(""));
    assert_eq!(w.row("consent_at", &path).await, None);
    assert_eq!(
        w.row("need", &path).await.as_deref(),
        Some("Déclarer ses revenus en ligne")
    );
    let page = w.app.get(&path, Some(&w.destination_manager)).await;
    assert!(page.test_id_text("referral-first-name").is_none());
    assert!(
        !page.body.contains("Déclarer ses revenus"),
        "the need text was not shared"
    );
    assert!(page.body.contains("Aide aux démarches administratives"));

    // Consent to the first name only: nothing else reaches the destination.
    let only_name = [
        ("besoin", "Créer une adresse e-mail"),
        ("accord", "oui"),
        ("partage", "prenom"),
        ("prenom", "J. D."),
        ("contact_mode", "phone"),
        ("contact", "06 12 34 56 78"),
    ];
    let path = w.referral(&only_name).await;
    assert_eq!(w.row("contact", &path).await.as_deref(), Some(""));
    let page = w.app.get(&path, Some(&w.destination_helper)).await;
    assert_eq!(
        page.test_id_text("referral-first-name").as_deref(),
        Some("J. D.")
    );
    assert!(!page.body.contains("Créer une adresse"));
}

#[tokio::test]
async fn a_referral_keeps_its_accompaniment_only_when_it_is_the_senders_own() {
    let w = world().await;
    let record = |email: &'static str| {
        let app = &w.app;
        async move {
            let mut conn = app.db.acquire().await.unwrap();
            let (user, organization): (i64, i64) = sqlx::query_as(
                "SELECT u.id, m.organization_id FROM users u \
                 JOIN memberships m ON m.user_id = u.id WHERE u.email = $1",
            )
            .bind(email)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
            drop(conn);
            let pairs: Vec<(String, String)> = [
                ("type", "individuel"),
                ("date", "2026-03-02"),
                ("lieu_type", "domicile"),
                ("duree", "30"),
                ("themes", "demarches"),
                ("materiel", "telephone"),
                ("autonomie", "avec-aide"),
                ("dernier_clic", "oui"),
                ("deconnexion", "oui"),
                ("age", "70-plus"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
            let data = relais::activities::model::parse_form(&pairs, today).unwrap();
            let mut tx = app.db.begin().await.unwrap();
            let id = relais::activities::store::insert_activity(
                &mut tx,
                relais::accounts::UserId(user),
                Some(organization),
                &data,
                app.clock.now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            id.0.to_string()
        }
    };
    let own = record("benevole@exemple.fr").await;
    let colleagues = record("collegue@exemple.fr").await;
    // The link on the record's page leads to the form with the record kept along.
    let form = w
        .app
        .get(
            &format!(
                "/orientations/nouvelle?accompagnement={own}&destination={}",
                w.place
            ),
            Some(&w.sender),
        )
        .await;
    assert!(
        form.body
            .contains(&format!("name=\"accompagnement\" value=\"{own}\""))
    );
    let mut with_own = WITH_CONSENT.to_vec();
    with_own.push(("accompagnement", &own));
    let path = w.referral(&with_own).await;
    assert_eq!(w.row("activity_id", &path).await, Some(own.clone()));
    let mut with_other = WITH_CONSENT.to_vec();
    with_other.push(("accompagnement", &colleagues));
    let path = w.referral(&with_other).await;
    assert_eq!(w.row("activity_id", &path).await, None);
}

#[tokio::test]
async fn a_referral_within_one_organisation_is_both_sent_and_received_by_it() {
    let w = world().await;
    let place = w.place.to_string();
    let mut form = vec![("destination", place.as_str())];
    form.extend_from_slice(WITH_CONSENT);
    let created = w
        .app
        .post_form("/orientations", &form, Some(&w.destination_helper))
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let path = created
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let slip = w
        .app
        .get(&format!("{path}/fiche"), Some(&w.destination_helper))
        .await;
    assert_eq!(slip.status, StatusCode::OK);
    let came = w
        .app
        .post_form(&format!("{path}/arrivee"), &[], Some(&w.destination_helper))
        .await;
    assert_eq!(came.status, StatusCode::SEE_OTHER);
    assert_eq!(w.row("state", &path).await.as_deref(), Some("arrived"));
}

#[tokio::test]
async fn the_privacy_guard_refuses_personal_data_in_the_need_and_keeps_nothing() {
    let w = world().await;
    let mut form = WITH_CONSENT.to_vec();
    form[1] = (
        "besoin",
        "Rappeler Mme Martin au 06 98 76 54 32, mdp : Soleil2024",
    );
    let response = w.refer(w.place, &form).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("data-testid=\"need-error\""));
    // The form comes back with what was typed (never stored) and the message.
    assert_eq!(w.app.count("referrals").await, 0);
    // A wrong contact is refused too, with the typed values kept.
    let mut form = WITH_CONSENT.to_vec();
    form[7] = ("contact", "12 34");
    let response = w.refer(w.place, &form).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Josette"));
    assert_eq!(w.app.count("referrals").await, 0);
}

#[tokio::test]
async fn the_destination_answers_and_the_sender_cancels_through_the_pages() {
    let w = world().await;
    let path = w.referral(WITH_CONSENT).await;
    // The sender cannot answer for the destination; the destination cannot cancel.
    let refused = w
        .app
        .post_form(&format!("{path}/accepter"), &[], Some(&w.sender))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = w
        .app
        .post_form(
            &format!("{path}/annuler"),
            &[],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let outsider = w
        .app
        .post_form(&format!("{path}/accepter"), &[], Some(&w.outsider))
        .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);

    let accepted = w
        .app
        .post_form(
            &format!("{path}/accepter"),
            &[],
            Some(&w.destination_helper),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(w.row("state", &path).await.as_deref(), Some("accepted"));
    let page = w.app.get(&path, Some(&w.sender)).await;
    assert_eq!(
        page.test_id_text("referral-state").as_deref(),
        Some("Acceptée")
    );

    // A refusal needs a reason, which the privacy guard reads.
    let no_reason = w
        .app
        .post_form(
            &format!("{path}/refuser"),
            &[],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let guarded = w
        .app
        .post_form(
            &format!("{path}/refuser"),
            &[("motif", "Appelez-la au 06 98 76 54 32")],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(guarded.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.row("state", &path).await.as_deref(), Some("accepted"));

    let cancelled = w
        .app
        .post_form(&format!("{path}/annuler"), &[], Some(&w.sender))
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    assert_eq!(w.row("state", &path).await.as_deref(), Some("cancelled"));
    assert!(w.row("closed_at", &path).await.is_some());
    // Closed: no more moves, said plainly.
    let late = w
        .app
        .post_form(
            &format!("{path}/arrivee"),
            &[],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("Annulée"), "{}", late.body);

    let refused_path = w.referral(WITH_CONSENT).await;
    let refused = w
        .app
        .post_form(
            &format!("{refused_path}/refuser"),
            &[("motif", "Nous ne faisons pas cette démarche.")],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.row("state", &refused_path).await.as_deref(),
        Some("refused")
    );
    let actions = w.app.audit_actions().await;
    for action in ["referral.accept", "referral.cancel", "referral.refuse"] {
        assert!(actions.contains(&action.to_owned()), "{action}");
    }
}

#[tokio::test]
async fn the_slip_shows_where_to_go_and_the_code_in_print_and_pdf() {
    let w = world().await;
    let path = w.referral(WITH_CONSENT).await;
    let code = w.code(&path).await;
    assert_eq!(code.len(), 9, "{code}");
    let slip = w.app.get(&format!("{path}/fiche"), Some(&w.sender)).await;
    assert_eq!(slip.status, StatusCode::OK);
    assert_eq!(
        slip.test_id_text("slip-code").as_deref(),
        Some(code.as_str())
    );
    assert!(slip.body.contains("Lieu d"), "{}", slip.body);
    assert!(slip.body.contains("1 rue Haute"));
    assert!(slip.body.contains("Déclarer ses revenus en ligne"));
    assert!(slip.body.contains("data:image/svg+xml;base64,"));
    let pdf = w
        .app
        .get(&format!("{path}/fiche.pdf"), Some(&w.sender))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF"));
}

#[tokio::test]
async fn the_desk_records_the_arrival_by_code_and_wrong_codes_are_throttled_and_audited() {
    let w = world().await;
    let path = w.referral(WITH_CONSENT).await;
    let code = w.code(&path).await;
    // Staff of another organisation cannot use it.
    let elsewhere = w
        .app
        .post_form("/orientations/code", &[("code", &code)], Some(&w.outsider))
        .await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.row("state", &path).await.as_deref(), Some("sent"));
    // Typed in lower case with spaces: still recognised.
    let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
    let arrived = w
        .app
        .post_form(
            "/orientations/code",
            &[("code", &typed)],
            Some(&w.destination_helper),
        )
        .await;
    assert_eq!(arrived.status, StatusCode::SEE_OTHER, "{}", arrived.body);
    assert_eq!(
        arrived.location(),
        Some(format!("{path}?info=referral-arrived").as_str())
    );
    assert_eq!(w.row("state", &path).await.as_deref(), Some("arrived"));
    // Once used, the code is no longer open.
    let again = w
        .app
        .post_form(
            "/orientations/code",
            &[("code", &code)],
            Some(&w.destination_helper),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Guessing: ten wrong codes in 15 minutes, then even a right code is refused.
    let second = w.referral(WITH_CONSENT).await;
    let right = w.code(&second).await;
    for _ in 0..10 {
        let wrong = w
            .app
            .post_form(
                "/orientations/code",
                &[("code", "AAAA-AAAA")],
                Some(&w.destination_manager),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let throttled = w
        .app
        .post_form(
            "/orientations/code",
            &[("code", &right)],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(w.row("state", &second).await.as_deref(), Some("sent"));
    let actions = w.app.audit_actions().await;
    assert!(
        actions
            .iter()
            .filter(|a| *a == "referral.code_failure")
            .count()
            >= 10
    );
    assert!(actions.contains(&"referral.code_throttled".to_owned()));
    // Fifteen minutes later the desk may try again.
    w.app.clock.advance(Duration::minutes(16));
    let later = w
        .app
        .post_form(
            "/orientations/code",
            &[("code", &right)],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(later.status, StatusCode::SEE_OTHER);
    assert_eq!(w.row("state", &second).await.as_deref(), Some("arrived"));
    let failures = w.app.count("referral_code_failures").await;
    assert!(
        failures >= 20,
        "hashed per account and per address: {failures}"
    );
}

fn token_of(response: &TestResponse) -> String {
    let link = response
        .test_id_text("referral-link")
        .expect("the link is shown to the sender");
    link.rsplit("/relais/").next().unwrap().to_owned()
}

#[tokio::test]
async fn a_partner_without_an_account_answers_through_an_expiring_renewable_link() {
    let mut w = world().await;
    let created = w.refer(w.partner, WITH_CONSENT).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let token = token_of(&created);
    assert_eq!(w.app.count("referral_links").await, 1);
    let stored: String = {
        let mut conn = w.app.db.acquire().await.unwrap();
        sqlx::query_scalar("SELECT token_hash FROM referral_links")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    assert_ne!(stored, token, "only a hash is stored");

    let page = w.app.get(&format!("/relais/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.test_id_text("referral-first-name").as_deref(),
        Some("Josette")
    );

    // Nine days later the link has expired and says so; the sender renews it.
    w.advance(Duration::days(9)).await;
    let expired = w.app.get(&format!("/relais/{token}"), None).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert!(expired.body.contains("expiré"));
    let path = {
        let mut conn = w.app.db.acquire().await.unwrap();
        let id: i64 = sqlx::query_scalar("SELECT id FROM referrals")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        format!("/orientations/{id}")
    };
    let renewed = w
        .app
        .post_form(&format!("{path}/lien"), &[], Some(&w.sender))
        .await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    let fresh = token_of(&renewed);
    assert_eq!(
        w.app.get(&format!("/relais/{token}"), None).await.status,
        StatusCode::GONE
    );
    // Only the sender's side renews.
    let not_allowed = w
        .app
        .post_form(&format!("{path}/lien"), &[], Some(&w.outsider))
        .await;
    assert_eq!(not_allowed.status, StatusCode::FORBIDDEN);

    let answered = w
        .app
        .post_form(&format!("/relais/{fresh}"), &[("action", "accepter")], None)
        .await;
    assert_eq!(answered.status, StatusCode::OK);
    assert!(
        answered
            .test_id_text("link-message")
            .unwrap()
            .contains("Acceptée")
    );
    let came = w
        .app
        .post_form(&format!("/relais/{fresh}"), &[("action", "arrivee")], None)
        .await;
    assert_eq!(came.status, StatusCode::OK);
    // Already closed: said plainly.
    let again = w
        .app
        .post_form(
            &format!("/relais/{fresh}"),
            &[("action", "refuser"), ("motif", "x")],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("déjà reçu une réponse"));
    assert!(
        w.app
            .audit_actions()
            .await
            .contains(&"referral.link".to_owned())
    );
}

#[tokio::test]
async fn the_partner_link_is_emailed_when_smtp_is_configured() {
    let (port, inbox) = crate::support::smtp::start().await;
    let app = TestApp::spawn_with(|config| {
        config.smtp = Some(
            relais::config::SmtpSettings::parse(
                &format!("smtp://127.0.0.1:{port}"),
                "relais@exemple.fr",
            )
            .unwrap(),
        );
    })
    .await;
    let origin = app.organization("Centre social").await;
    let coordinator = app.account("c@exemple.fr", Role::Coordinator, &[]).await;
    let partner = relais::places::create_place(
        &app.db,
        app.clock.now(),
        coordinator,
        None,
        relais::places::PlaceKind::Partner,
        relais::places::Visibility::Public,
        relais::places::PlaceData {
            record: relais::places::MediationRecord {
                nom: "CPAM".into(),
                commune: "Cognac".into(),
                code_postal: "16100".into(),
                adresse: "3 rue Neuve".into(),
                courriels: vec!["accueil@cpam.exemple.fr".into()],
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let sender = app.logged_in("b@exemple.fr", Role::Helper, &[origin]).await;
    let partner = partner.0.to_string();
    let created = app
        .post_form(
            "/orientations",
            &[
                ("destination", partner.as_str()),
                ("categories", "aide-aux-demarches-administratives"),
                ("accord", "non"),
            ],
            Some(&sender),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert!(created.test_id_text("referral-link").is_none());
    let messages = inbox.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("/relais/"));
}

#[tokio::test]
async fn open_referrals_expire_after_30_days_and_the_purge_blanks_them_later() {
    let mut w = world().await;
    let expiring = w.referral(WITH_CONSENT).await;
    let answered = w.referral(WITH_CONSENT).await;
    let link = w.refer(w.partner, WITH_CONSENT).await;
    assert_eq!(link.status, StatusCode::OK);
    w.advance(Duration::days(5)).await;
    let came = w
        .app
        .post_form(
            &format!("{answered}/arrivee"),
            &[],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(came.status, StatusCode::SEE_OTHER);

    // Day 11: a reminder for the open ones; the partner's link (8 days) is purged.
    w.advance(Duration::days(6)).await;
    let list = w.app.get("/orientations", Some(&w.sender)).await;
    assert!(list.body.contains("À relancer"));
    let report = run(&w.app, false).await;
    assert_eq!(
        report.counts,
        vec![
            ("expired_referrals", 0),
            ("blanked_referrals", 0),
            ("referral_links", 1),
            ("code_failures", 0)
        ]
    );

    // Day 31: the open ones read as expired at once, and the job writes it.
    w.advance(Duration::days(20)).await;
    let page = w.app.get(&expiring, Some(&w.sender)).await;
    assert_eq!(
        page.test_id_text("referral-state").as_deref(),
        Some("Expirée")
    );
    let late = w
        .app
        .post_form(
            &format!("{expiring}/accepter"),
            &[],
            Some(&w.destination_manager),
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Day 36: the arrived one was closed 31 days ago (retention 30): blanked.
    w.advance(Duration::days(5)).await;
    let dry = run(&w.app, true).await;
    assert_eq!(dry.counts[0], ("expired_referrals", 2));
    assert_eq!(dry.counts[1], ("blanked_referrals", 1));
    assert_eq!(
        w.row("state", &expiring).await.as_deref(),
        Some("sent"),
        "dry run"
    );
    let real = run(&w.app, false).await;
    assert_eq!(real.counts, dry.counts);
    assert_eq!(w.row("state", &expiring).await.as_deref(), Some("expired"));
    assert_eq!(w.row("first_name", &answered).await.as_deref(), Some(""));
    assert_eq!(w.row("contact", &answered).await.as_deref(), Some(""));
    assert_eq!(w.row("need", &answered).await.as_deref(), Some(""));
    assert_eq!(w.row("code", &answered).await, None);
    assert_eq!(
        w.row("first_name", &expiring).await.as_deref(),
        Some("Josette")
    );
    // Expired on day 30, blanked 30 days later.
    w.advance(Duration::days(25)).await;
    let report = run(&w.app, false).await;
    assert_eq!(report.counts[1], ("blanked_referrals", 2));
    assert_eq!(w.row("first_name", &expiring).await.as_deref(), Some(""));
    assert_eq!(run(&w.app, false).await.total(), 0, "idempotent");
    // The rows stay for counts.
    assert_eq!(w.app.count("referrals").await, 3);
    let page = w.app.get(&answered, Some(&w.sender)).await;
    assert!(page.body.contains("ont été effacés"));
}

async fn run(app: &TestApp, dry_run: bool) -> jobs::Report {
    jobs::run_all(&app.db, &app.config, app.clock.now(), dry_run)
        .await
        .unwrap()
        .into_iter()
        .find(|report| report.job == "purge_referrals")
        .unwrap()
}

#[tokio::test]
async fn the_retention_delay_comes_from_the_configuration() {
    let app = TestApp::spawn_with(|config| config.referral_retention = Duration::days(0)).await;
    let origin = app.organization("Centre social").await;
    let destination = app.organization("Médiathèque").await;
    let coordinator = app.account("c@exemple.fr", Role::Coordinator, &[]).await;
    let place = crate::places::sample_place(&app, coordinator, Some(destination), false).await;
    let sender = app.logged_in("b@exemple.fr", Role::Helper, &[origin]).await;
    let place = place.to_string();
    let mut form = vec![("destination", place.as_str())];
    form.extend_from_slice(WITH_CONSENT);
    let created = app.post_form("/orientations", &form, Some(&sender)).await;
    let path = created
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    app.post_form(&format!("{path}/annuler"), &[], Some(&sender))
        .await;
    let report = run(&app, false).await;
    assert_eq!(report.counts[1], ("blanked_referrals", 1));
    assert!(relais::config::referral_retention(366).is_err());
    assert!(relais::config::referral_retention(0).is_ok());
}

#[tokio::test]
async fn two_servers_on_one_database_run_each_job_once_per_period() {
    let app = TestApp::spawn().await;
    let other = Db::connect(&app.database.url).await.unwrap();
    let mut config = app.config.clone();
    config.jobs_interval = std::time::Duration::from_secs(3600);
    for hour in 0..3 {
        let now = app.clock.now() + Duration::hours(hour);
        let (first, second) = tokio::join!(
            jobs::run_scheduled(&app.db, &config, now),
            jobs::run_scheduled(&other, &config, now + Duration::minutes(20)),
        );
        let (first, second) = (first.unwrap(), second.unwrap());
        for job in jobs::JOBS {
            let runs = first
                .iter()
                .chain(second.iter())
                .filter(|report| report.job == job)
                .count();
            assert_eq!(runs, 1, "{job} in hour {hour}: {first:?} / {second:?}");
        }
    }
    let mut conn = app.db.acquire().await.unwrap();
    for job in jobs::JOBS {
        assert_eq!(jobs::store::count_runs(&mut conn, job).await.unwrap(), 3);
    }
    drop(conn);
    // On demand (`relais purge`) always runs.
    let now = app.clock.now();
    assert_eq!(
        jobs::run_all(&app.db, &config, now, false)
            .await
            .unwrap()
            .len(),
        jobs::JOBS.len()
    );
    assert_eq!(
        jobs::period_of(now + Duration::minutes(59), config.jobs_interval),
        "2026-03-02T09:00:00Z"
    );
    other.close().await;
}
