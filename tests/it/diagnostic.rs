//! The diagnostic: a person answers through the forms alone (no session), the result comes
//! from the code only, next steps are the nearest places offering the needed services with
//! their next permanence, only counts are stored, and small counts stay hidden outside the
//! place's own staff. Runs on SQLite and PostgreSQL; the tests start on Monday 2 March 2026.

use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use relais::accounts::{Role, UserId};
use relais::diagnostic::model::Questionnaire;
use relais::places::{MediationRecord, PlaceData, PlaceKind, Visibility};

/// Creates a public place with a position, services and accompaniment modes.
async fn place(
    app: &TestApp,
    actor: UserId,
    organization: Option<i64>,
    (nom, commune, code_postal): (&str, &str, &str),
    (latitude, longitude): (f64, f64),
    services: &[&str],
) -> i64 {
    let data = PlaceData {
        record: MediationRecord {
            nom: nom.into(),
            commune: commune.into(),
            code_postal: code_postal.into(),
            adresse: "1 place de la Mairie".into(),
            latitude: Some(latitude),
            longitude: Some(longitude),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
            modalites_accompagnement: vec!["Accompagnement individuel".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let id = relais::places::create_place(
        &app.db,
        app.clock.now(),
        actor,
        organization,
        PlaceKind::Mediation,
        Visibility::Public,
        data,
    )
    .await
    .unwrap();
    id.0
}

struct Territory {
    app: TestApp,
    /// Angoulême, offers procedures.
    north: i64,
    /// Soyaux (3 km), offers everyday tools; a permanence on Tuesdays.
    south: i64,
}

const PROCEDURES: &str = "Aide aux démarches administratives";
const EVERYDAY: &str = "Maîtrise des outils numériques du quotidien";
const SAFETY: &str = "Utilisation sécurisée du numérique";

async fn territory() -> Territory {
    let app = TestApp::spawn().await;
    let library = app.organization("Médiathèque").await;
    let social = app.organization("Centre social").await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    app.account("responsable@exemple.fr", Role::Manager, &[social])
        .await;
    app.account("autre@exemple.fr", Role::Manager, &[library])
        .await;
    let north = place(
        &app,
        coordinator,
        Some(library),
        ("Espace numérique Nord", "Angoulême", "16000"),
        (45.650, 0.160),
        &[PROCEDURES],
    )
    .await;
    // Closest of all, but offers none of the needed services.
    place(
        &app,
        coordinator,
        Some(library),
        ("Point sécurité", "Angoulême", "16000"),
        (45.6485, 0.1565),
        &[SAFETY],
    )
    .await;
    let south = place(
        &app,
        coordinator,
        Some(social),
        ("Centre social Sud", "Soyaux", "16800"),
        (45.640, 0.200),
        &[EVERYDAY],
    )
    .await;
    // Offers procedures, but 38 km away.
    place(
        &app,
        coordinator,
        Some(library),
        ("Médiathèque de Cognac", "Cognac", "16100"),
        (45.695, -0.329),
        &[PROCEDURES],
    )
    .await;
    app.refresh_directory().await;
    Territory { app, north, south }
}

/// Answers every question with `answer` and chooses `needs`, through the forms as a browser
/// would (each page's hidden fields sent back); returns the result's address.
async fn answer_all(
    app: &TestApp,
    answer: &str,
    needs: &[&str],
    place: Option<i64>,
    cookie: Option<&str>,
    helper_mode: bool,
) -> String {
    let place = place.map(|p| p.to_string()).unwrap_or_default();
    let mut progress = String::new();
    let questions = app.config.diagnostic.current_questions().len();
    for step in 0..questions {
        let step_text = step.to_string();
        let mut form = vec![
            ("etape", step_text.as_str()),
            ("reponses", progress.as_str()),
            ("lieu", place.as_str()),
            ("reponse", answer),
        ];
        if helper_mode {
            form.push(("fiche", "1"));
        }
        let page = app.post_form("/diagnostic", &form, cookie).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        progress = hidden(&page.body, "reponses");
    }
    let total = questions.to_string();
    let mut form = vec![
        ("etape", total.as_str()),
        ("reponses", progress.as_str()),
        ("lieu", place.as_str()),
        ("terminer", "1"),
    ];
    form.extend(needs.iter().map(|n| ("besoins", *n)));
    if helper_mode {
        form.push(("fiche", "1"));
    }
    let done = app.post_form("/diagnostic", &form, cookie).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    done.location().unwrap().to_owned()
}

/// The value of a hidden field of a page.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {body}"))
        + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

fn code_of(location: &str) -> String {
    location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_person_answers_alone_and_keeps_the_result_as_a_code_while_relais_keeps_counts() {
    let territory = territory().await;
    let app = &territory.app;

    // The first question, its progress and its four large answers.
    let first = app
        .post_form(
            "/diagnostic",
            &[("etape", "0"), ("reponses", ""), ("commencer", "1")],
            None,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Question 1 sur 10"), "{}", first.body);
    assert_eq!(first.body.matches("class=\"answer-button").count(), 4);

    // Answer question 1, then 2, then go back: the answer to question 2 is still chosen.
    let second = app
        .post_form(
            "/diagnostic",
            &[("etape", "0"), ("reponses", ""), ("reponse", "seul")],
            None,
        )
        .await;
    assert!(second.body.contains("Question 2 sur 10"));
    assert_eq!(hidden(&second.body, "reponses"), "0---------");
    let third = app
        .post_form(
            "/diagnostic",
            &[
                ("etape", "1"),
                ("reponses", "0---------"),
                ("reponse", "non"),
            ],
            None,
        )
        .await;
    assert!(third.body.contains("Question 3 sur 10"));
    let back = app
        .post_form(
            "/diagnostic",
            &[("etape", "2"), ("reponses", "02--------"), ("retour", "1")],
            None,
        )
        .await;
    assert!(back.body.contains("Question 2 sur 10"));
    assert!(
        back.body
            .contains("value=\"non\" class=\"answer-button chosen\""),
        "{}",
        back.body
    );
    // Finishing with questions unanswered leads back to the first one missing.
    let early = app
        .post_form(
            "/diagnostic",
            &[
                ("etape", "10"),
                ("reponses", "02--------"),
                ("terminer", "1"),
            ],
            None,
        )
        .await;
    assert_eq!(early.status, StatusCode::OK);
    assert!(early.body.contains("Question 3 sur 10"));
    assert!(early.body.contains("Il manque une réponse"));
    assert_eq!(app.count("diagnostic_counts").await, 0);

    // The whole questionnaire, at the north place's tablet.
    let location = answer_all(
        app,
        "aide",
        &["demarches", "visio"],
        Some(territory.north),
        None,
        false,
    )
    .await;
    assert!(location.starts_with("/diagnostic/resultat?code="));
    let code = code_of(&location);
    let questionnaire = Questionnaire::builtin();
    let diagnostic = questionnaire.decode(&code).unwrap();
    assert_eq!(diagnostic.needs.len(), 2);
    assert!(diagnostic.answers.iter().all(|(_, a)| *a == 1));

    // Only counts were written: total, five levels, the profile and two needs (alone and by
    // the workshop level of the profile).
    assert_eq!(app.count("diagnostic_counts").await, 1 + 5 + 1 + 2 * 2);
    let mut conn = app.db.acquire().await.unwrap();
    let rows = relais::diagnostic::store::counts_between(&mut conn, "2026-03", "2026-03")
        .await
        .unwrap();
    drop(conn);
    assert!(
        rows.iter()
            .all(|r| r.place == territory.north && r.people == 1)
    );
    assert!(
        rows.iter()
            .any(|r| r.dimension == "besoin" && r.value == "visio")
    );
    assert!(
        rows.iter()
            .any(|r| r.dimension == "niveau:messagerie" && r.value == "en-progres")
    );

    // The result reads from the code alone.
    let result = app.get(&location, None).await;
    assert_eq!(result.status, StatusCode::OK);
    assert!(result.body.contains("Votre profil : Premiers usages"));
    assert_eq!(
        result.body.matches("<strong>En progrès</strong>").count(),
        5
    );
    assert!(result.body.contains("Parler en vidéo avec ma famille"));
    assert!(result.body.contains(&code));
    assert!(result.body.contains("data:image/svg+xml;base64,"));
}

#[tokio::test]
async fn next_steps_are_the_nearest_places_offering_a_needed_service_with_their_permanence() {
    let territory = territory().await;
    let app = &territory.app;
    // A Tuesday permanence at the south place.
    let cookie = app.login("responsable@exemple.fr", PASSWORD).await;
    let planned = app
        .post_form(
            &format!("/gestion/lieux/{}/permanences", territory.south),
            &[
                ("titre", "Permanence du mardi"),
                ("frequence", "semaine"),
                ("jours", "TU"),
                ("intervalle", "1"),
                ("debut", "2026-03-02"),
                ("heure_debut", "14:00"),
                ("heure_fin", "17:00"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);

    let location = answer_all(app, "non", &["demarches", "visio"], None, None, false).await;
    let code = code_of(&location);
    // Without a commune, the page asks for one.
    let asked = app.get(&location, None).await;
    assert!(asked.body.contains("Indiquez votre commune"));

    let page = app
        .get(
            &format!("/diagnostic/resultat?code={code}&commune=Angoul%C3%AAme"),
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let north = page
        .body
        .find("Espace numérique Nord")
        .expect("north place");
    let south = page.body.find("Centre social Sud").expect("south place");
    assert!(north < south, "nearest first");
    assert!(
        !page.body.contains("Point sécurité"),
        "offers no needed service"
    );
    assert!(!page.body.contains("Médiathèque de Cognac"), "too far");
    assert!(
        page.body
            .contains("Prochaine permanence : mardi 3 mars 2026, 14 h – 17 h"),
        "{}",
        page.body
    );

    // A postcode works too; an unknown commune says so.
    let by_postcode = app
        .get(
            &format!("/diagnostic/resultat?code={code}&commune=16800"),
            None,
        )
        .await;
    assert!(by_postcode.body.contains("Centre social Sud"));
    assert!(!by_postcode.body.contains("Espace numérique Nord"));
    let unknown = app
        .get(
            &format!("/diagnostic/resultat?code={code}&commune=Atlantide"),
            None,
        )
        .await;
    assert!(
        unknown
            .body
            .contains("Nous ne trouvons pas de lieu à « Atlantide »")
    );
}

#[tokio::test]
async fn a_later_code_is_compared_and_a_bad_code_gets_a_plain_message() {
    let territory = territory().await;
    let app = &territory.app;
    let before = code_of(&answer_all(app, "non", &[], None, None, false).await);
    let after = code_of(&answer_all(app, "seul", &[], None, None, false).await);
    let page = app
        .get(
            &format!("/diagnostic/resultat?code={after}&avant={before}"),
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Comparé avec votre diagnostic du 2 mars 2026")
    );
    assert_eq!(
        page.body
            .matches("En progrès depuis la dernière fois")
            .count(),
        5
    );

    // One character changed: refused, the form shows the code again with a message.
    let mut tampered: Vec<char> = after.chars().collect();
    tampered[2] = if tampered[2] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    let refused = app
        .get(&format!("/diagnostic/resultat?code={tampered}"), None)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Ce code ne correspond à aucun résultat")
    );
    assert!(refused.body.contains(&tampered));
    let short = app
        .get(&format!("/diagnostic/resultat?code={}", &after[..8]), None)
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("Ce code est trop court"));
    // A bad earlier code keeps the new result and explains.
    let bad_before = app
        .get(
            &format!("/diagnostic/resultat?code={after}&avant=ZZZZ"),
            None,
        )
        .await;
    assert_eq!(bad_before.status, StatusCode::OK);
    assert!(bad_before.body.contains("Votre profil : Autonomie"));
    assert!(bad_before.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn small_counts_are_hidden_outside_the_places_own_staff() {
    let territory = territory().await;
    let app = &territory.app;
    for _ in 0..3 {
        answer_all(app, "aide", &["visio"], Some(territory.south), None, false).await;
    }
    // The south place's manager sees exact counts.
    let own = app.login("responsable@exemple.fr", PASSWORD).await;
    let page = app.get("/gestion/diagnostics", Some(&own)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Centre social Sud"));
    assert!(page.body.contains("<td>3</td>"), "{}", page.body);
    assert!(!page.body.contains("<td>&#60; 5</td>"));
    // Another organisation's manager does not see the place at all.
    let other = app.login("autre@exemple.fr", PASSWORD).await;
    let page = app.get("/gestion/diagnostics", Some(&other)).await;
    assert!(!page.body.contains("Centre social Sud"));
    // The coordinator sees it, with "< 5" instead of 3.
    let coordinator = app.login("coordination@exemple.fr", PASSWORD).await;
    let page = app.get("/gestion/diagnostics", Some(&coordinator)).await;
    assert!(page.body.contains("Centre social Sud"));
    assert!(page.body.contains("<td>&#60; 5</td>"));
    assert!(!page.body.contains("<td>3</td>"));
    // From five people on, the number shows.
    for _ in 0..2 {
        answer_all(app, "aide", &["visio"], Some(territory.south), None, false).await;
    }
    let page = app.get("/gestion/diagnostics", Some(&coordinator)).await;
    assert!(page.body.contains("<td>5</td>"));
}

#[tokio::test]
async fn a_helper_runs_it_with_the_person_and_the_record_keeps_the_levels() {
    let territory = territory().await;
    let app = &territory.app;
    let helper = app
        .account(
            "encadrant@exemple.fr",
            Role::Helper,
            &[app.organization("Maison des services").await],
        )
        .await;
    crate::permanences::sign_helpers_charter(app, helper).await;
    let cookie = app.login("encadrant@exemple.fr", PASSWORD).await;
    let location = answer_all(
        app,
        "seul",
        &["emploi"],
        Some(territory.north),
        Some(&cookie),
        true,
    )
    .await;
    assert!(location.ends_with("&fiche=1"), "{location}");
    let code = code_of(&location);
    let result = app.get(&location, Some(&cookie)).await;
    let link = format!(
        "/accompagnements/nouveau?diagnostic={code}&#38;lieu={}",
        territory.north
    );
    assert!(result.body.contains(&link), "{}", result.body);
    // Without an account the offer to fill a record is not there.
    assert!(
        !app.get(&location, None)
            .await
            .body
            .contains("/accompagnements/nouveau")
    );

    let form = app.get(&link.replace("&#38;", "&"), Some(&cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("Utiliser un appareil : <strong>Autonome</strong>")
    );
    let levels = hidden(&form.body, "niveaux_diagnostic");
    assert_eq!(
        levels,
        "appareil=autonome;internet=autonome;messagerie=autonome;demarches=autonome;securite=autonome"
    );
    let saved = app
        .post_form(
            "/accompagnements",
            &[
                ("type", "individuel"),
                ("date", "2026-03-02"),
                ("lieu_type", "domicile"),
                ("duree", "30"),
                ("themes", "demarches"),
                ("autonomie", "autonome"),
                ("dernier_clic", "oui"),
                ("deconnexion", "oui"),
                ("niveaux_diagnostic", &levels),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let mut conn = app.db.acquire().await.unwrap();
    let stored = relais::activities::store::list_activities(&mut conn, None, None, 10)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(stored[0].data.diagnostic_levels, levels);

    // A tampered levels field is refused and nothing is written.
    let refused = app
        .post_form(
            "/accompagnements",
            &[
                ("type", "individuel"),
                ("date", "2026-03-02"),
                ("lieu_type", "domicile"),
                ("duree", "30"),
                ("themes", "demarches"),
                ("autonomie", "autonome"),
                ("dernier_clic", "oui"),
                ("deconnexion", "oui"),
                ("niveaux_diagnostic", "<script>"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("activities").await, 1);
}

#[tokio::test]
async fn a_network_file_replaces_the_questionnaire_and_a_broken_one_stops_the_start() {
    let folder = tempfile::tempdir().unwrap();
    let good = folder.path().join("questionnaire.toml");
    std::fs::write(
        &good,
        relais::diagnostic::model::DEFAULT_FILE.replace(
            "Savez-vous connecter votre appareil au wifi ?",
            "Savez-vous utiliser le wifi de la médiathèque ?",
        ),
    )
    .unwrap();
    let raw = |path: &std::path::Path| relais::config::RawConfig {
        listen: "127.0.0.1:0".into(),
        database_url: "sqlite://relais.db".into(),
        public_url: None,
        session_idle_minutes: 120,
        session_max_hours: 12,
        trusted_proxy: false,
        jobs_interval_minutes: 60,
        smtp_url: None,
        smtp_from: "Relais <relais@localhost>".into(),
        tile_url: relais::config::DEFAULT_TILE_URL.into(),
        tile_attribution: String::new(),
        referral_retention_days: 30,
        diagnostic_file: Some(path.display().to_string()),
        files_dir: None,
    };
    let config = relais::config::Config::from_raw(raw(&good)).unwrap();
    let wifi = config
        .diagnostic
        .questions
        .iter()
        .find(|q| q.id == "wifi")
        .unwrap();
    assert_eq!(wifi.text, "Savez-vous utiliser le wifi de la médiathèque ?");

    let broken = folder.path().join("broken.toml");
    std::fs::write(
        &broken,
        relais::diagnostic::model::DEFAULT_FILE.replace(
            "services = [\"Parentalité et éducation avec le numérique\"]",
            "services = [\"Cours de cuisine\"]",
        ),
    )
    .unwrap();
    let error = relais::config::Config::from_raw(raw(&broken)).unwrap_err();
    assert!(error.0.contains("RELAIS_DIAGNOSTIC_FILE"), "{error}");
    assert!(error.0.contains("Cours de cuisine"), "{error}");
    let missing =
        relais::config::Config::from_raw(raw(&folder.path().join("absent.toml"))).unwrap_err();
    assert!(missing.0.contains("ne peut pas être lu"), "{missing}");
}

/// Against the demo network (the Charente open-data file and its permanences): a diagnostic
/// made on the library's tablet proposes that place first, with its next held Tuesday, then
/// other places of Angoulême.
#[tokio::test]
async fn next_steps_on_the_demo_network_start_with_the_place_and_its_next_permanence() {
    let app = TestApp::spawn().await;
    assert!(relais::demo::seed(&app.db, app.clock.now()).await.unwrap());
    app.refresh_directory().await;
    let places = relais::places::list_places(&app.db).await.unwrap();
    let library = relais::permanences::agenda(
        &app.db,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
        |_| true,
    )
    .await
    .unwrap()
    .into_iter()
    .find(|item| item.occurrence.is_held())
    .map(|item| item.permanence.place_id)
    .unwrap();
    let place = places.iter().find(|p| p.id == library).unwrap();
    let location = answer_all(&app, "non", &[], Some(library.0), None, false).await;
    let page = app.get(&location, None).await;
    assert_eq!(page.status, StatusCode::OK);
    // The place's commune is used without asking.
    assert!(
        page.body
            .contains(&format!("value=\"{}\"", place.record.commune))
    );
    let steps = &page.body[page.body.find("class=\"result-list next-steps\"").unwrap()..];
    let first = steps.find("<h3>").unwrap();
    assert!(
        steps[first..].starts_with(&format!("<h3><a href=\"/lieux/{}\">", library.0)),
        "{steps}"
    );
    assert!(steps.contains("Prochaine permanence : mardi"), "{steps}");
    assert_eq!(steps.matches("<li class=\"result\">").count(), 3);
}
