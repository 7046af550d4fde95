//! The directory: real open-data files imported into the database, public search and pages,
//! staff edits, confirmation and the open-data export. Runs on SQLite and PostgreSQL.

use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use relais::accounts::Role;
use relais::places::hours::Hours;
use relais::places::vocab;
use relais::text::fold;

const CHARENTE: &str =
    "mediation-v1/2023-07-11_charente_lieux-de-mediation-numerique_nouvelle-aquitaine.json";

async fn places(app: &TestApp) -> Vec<relais::places::Place> {
    relais::places::list_places(&app.db).await.unwrap()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap()
}

fn ids(value: &serde_json::Value) -> Vec<i64> {
    value["lieux"]
        .as_array()
        .unwrap()
        .iter()
        .map(|place| place["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_real_file_imports_once_and_a_second_import_changes_nothing() {
    let app = TestApp::spawn().await;
    let first = app.import_shared(CHARENTE).await;
    assert!(first.created > 150, "{first:?}");
    assert_eq!(first.updated, 0);
    assert_eq!(first.created + first.refused, 188);
    assert_eq!(app.count("places").await as usize, first.created);

    let second = app.import_shared(CHARENTE).await;
    assert_eq!(second.created, 0);
    assert_eq!(second.updated, 0);
    assert_eq!(second.unchanged, first.created);
    assert_eq!(app.count("places").await as usize, first.created);
}

#[tokio::test]
async fn search_finds_places_by_commune_service_day_and_misspelt_words() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let all = places(&app).await;

    // Commune: accents and case do not matter ("COGNAC" and "Cognac" are one commune).
    let expected = all
        .iter()
        .filter(|p| fold(&p.record.commune) == "cognac")
        .count();
    assert!(expected >= 10);
    let response = app
        .get("/api/v1/lieux?commune=cognac&par_page=100", None)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        json(&response.body)["total"].as_u64().unwrap() as usize,
        expected
    );

    // Online procedures, in Angoulême, open on Tuesday morning.
    let response = app
        .get(
            "/api/v1/lieux?commune=Angoul%C3%AAme&service=aide-aux-demarches-administratives&jour=mardi&moment=matin",
            None,
        )
        .await;
    let found = ids(&json(&response.body));
    assert!(!found.is_empty());
    let tuesday = chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let morning = (
        chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(12, 30, 0).unwrap(),
    );
    for place in all
        .iter()
        .filter(|p| fold(&p.record.commune) == "angouleme")
    {
        let helps = place
            .record
            .services
            .iter()
            .any(|s| s == "Aide aux démarches administratives");
        let open = Hours::parse(&place.record.horaires)
            .is_ok_and(|hours| hours.is_open_during(tuesday, morning.0, morning.1));
        assert_eq!(
            found.contains(&place.id.0),
            helps && open,
            "{}",
            place.record.nom
        );
    }

    // A misspelt word still finds the place; without the typo too.
    let union = all
        .iter()
        .find(|p| p.record.nom == "UNION DEP ASSOCIATIONS FAMILLE")
        .unwrap();
    for query in ["union%20famille", "Union%20Famile", "associatoins"] {
        let response = app.get(&format!("/api/v1/lieux?q={query}"), None).await;
        assert!(ids(&json(&response.body)).contains(&union.id.0), "{query}");
    }
    let response = app.get("/api/v1/lieux?q=zzzzqqqq", None).await;
    assert_eq!(json(&response.body)["total"], 0);

    // Open now: the clock says Monday 10:00 in Paris.
    let response = app
        .get("/api/v1/lieux?ouvert=maintenant&par_page=100", None)
        .await;
    let open_now = ids(&json(&response.body));
    let expected: Vec<i64> = all
        .iter()
        .filter(|p| Hours::parse(&p.record.horaires).is_ok_and(|h| h.is_open_at(app.clock.now())))
        .map(|p| p.id.0)
        .collect();
    assert!(!expected.is_empty());
    let mut sorted = open_now.clone();
    sorted.sort_unstable();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_unstable();
    assert_eq!(sorted, expected_sorted);

    // The HTML page lists the same places and keeps the filters in the address.
    let page = app
        .get("/lieux?commune=Angoul%C3%AAme&jour=mardi&moment=matin&service=aide-aux-demarches-administratives", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("UNION DEP ASSOCIATIONS FAMILLE"));
    assert!(page.body.contains("/lieux/imprimer?commune="));
    let printed = app.get("/lieux/imprimer?commune=cognac", None).await;
    assert_eq!(printed.status, StatusCode::OK);
    assert_eq!(printed.body.matches("class=\"print-place\"").count(), 16);
}

#[tokio::test]
async fn a_place_page_reads_its_hours_in_plain_french() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let union = places(&app)
        .await
        .into_iter()
        .find(|p| p.record.nom == "UNION DEP ASSOCIATIONS FAMILLE")
        .unwrap();
    let page = app.get(&format!("/lieux/{}", union.id), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("lundi 9 h – 12 h 30, 14 h – 16 h 30"),
        "{}",
        page.body
    );
    assert!(page.body.contains("vendredi 9 h – 12 h 30, 14 h – 16 h"));
    assert!(page.body.contains("Ouvert maintenant, ferme à 12 h 30"));
    let api = json(
        &app.get(&format!("/api/v1/lieux/{}", union.id), None)
            .await
            .body,
    );
    assert_eq!(api["nom"], "UNION DEP ASSOCIATIONS FAMILLE");
    assert_eq!(
        app.get("/lieux/99999999", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/lieux/abc", None).await.status,
        StatusCode::NOT_FOUND
    );
}

fn place_form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("nom", "Espace numérique des Tilleuls"),
        ("adresse", "3 rue des Tilleuls"),
        ("code_postal", "16000"),
        ("commune", "Angoulême"),
        ("telephone", "05 45 12 34 56"),
        ("services", "aide-aux-demarches-administratives"),
        ("frais", "gratuit"),
        ("mardi_debut1", "09:00"),
        ("mardi_fin1", "12:00"),
        ("jeudi_debut1", "14:00"),
        ("jeudi_fin1", "17:30"),
        ("feries_fermes", "oui"),
        ("wifi", "oui"),
        ("visibility", "public"),
        ("kind", "mediation"),
        ("horaires_osm", ""),
        ("horaires_origine", ""),
    ];
    for (name, value) in extra {
        form.retain(|(existing, _)| existing != name);
        form.push((name, value));
    }
    form
}

#[tokio::test]
async fn a_manager_adds_a_place_with_the_weekly_grid_and_others_cannot_touch_it() {
    let app = TestApp::spawn().await;
    let library = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[library])
        .await;
    let stranger = app
        .logged_in("autre@exemple.fr", Role::Manager, &[other])
        .await;
    let helper = app
        .logged_in("aide@exemple.fr", Role::Helper, &[library])
        .await;

    let created = app
        .post_form("/gestion/lieux", &place_form(&[]), Some(&manager))
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let place = places(&app).await.pop().unwrap();
    assert_eq!(
        place.record.horaires,
        "Tu 09:00-12:00; Th 14:00-17:30; PH off"
    );
    assert_eq!(place.record.telephone, "+33545123456");
    assert_eq!(place.organization_id, Some(library));
    assert!(place.equipment.has_wifi);
    assert!(place.last_confirmed_at.is_some());

    let public = app.get(&format!("/lieux/{}", place.id), None).await;
    assert!(public.body.contains("mardi 9 h – 12 h"));
    assert!(public.body.contains("Fermé les jours fériés."));
    let found = app.get("/api/v1/lieux?equipement=wifi", None).await;
    assert_eq!(ids(&json(&found.body)), vec![place.id.0]);

    // A bad postcode: a French message, nothing changed.
    let path = format!("/gestion/lieux/{}", place.id);
    let refused = app
        .post_form(
            &path,
            &place_form(&[("code_postal", "1600"), ("mardi_debut1", "10:00")]),
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Le code postal doit avoir 5 chiffres")
    );
    let unchanged = relais::places::find_place(&app.db, place.id).await.unwrap();
    assert_eq!(unchanged.record.horaires, place.record.horaires);

    // End before start is refused with the day named.
    let refused = app
        .post_form(
            &path,
            &place_form(&[("lundi_debut1", "12:00"), ("lundi_fin1", "09:00")]),
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Lundi"), "{}", refused.body);

    // Another organisation's manager and a helper are refused.
    assert_eq!(
        app.get(&path, Some(&stranger)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post_form(&path, &place_form(&[]), Some(&stranger))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&path, Some(&helper)).await.status,
        StatusCode::FORBIDDEN
    );

    // The expert field wins when it was changed.
    let saved = app
        .post_form(
            &path,
            &place_form(&[("horaires_osm", "Mo-Fr 08:30-12:00")]),
            Some(&manager),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let edited = relais::places::find_place(&app.db, place.id).await.unwrap();
    assert_eq!(edited.record.horaires, "Mo-Fr 08:30-12:00");
    let unreadable = app
        .post_form(
            &path,
            &place_form(&[("horaires_osm", "du lundi au vendredi")]),
            Some(&manager),
        )
        .await;
    assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.audit_actions()
            .await
            .contains(&"place.update".to_owned())
    );
}

#[tokio::test]
async fn a_temporary_closure_shows_on_the_place_page_and_hides_it_from_open_now() {
    let app = TestApp::spawn().await;
    let library = app.organization("Médiathèque").await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[library])
        .await;
    app.post_form(
        "/gestion/lieux",
        &place_form(&[("lundi_debut1", "09:00"), ("lundi_fin1", "12:00")]),
        Some(&manager),
    )
    .await;
    let place = places(&app).await.pop().unwrap();
    let open = app.get("/api/v1/lieux?ouvert=maintenant", None).await;
    assert_eq!(ids(&json(&open.body)), vec![place.id.0]);

    let added = app
        .post_form(
            &format!("/gestion/lieux/{}/fermetures", place.id),
            &[
                ("debut", "2026-03-01"),
                ("fin", "2026-03-08"),
                ("message", "Travaux dans la salle."),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/lieux/{}", place.id), None).await;
    assert!(page.body.contains("Travaux dans la salle."));
    assert!(page.body.contains("Fermé en ce moment"));
    let open = app.get("/api/v1/lieux?ouvert=maintenant", None).await;
    assert!(ids(&json(&open.body)).is_empty());

    let refused = app
        .post_form(
            &format!("/gestion/lieux/{}/fermetures", place.id),
            &[("debut", "2026-03-08"), ("fin", "2026-03-01")],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("place_closures").await, 1);
}

#[tokio::test]
async fn confirming_a_place_takes_it_off_the_stale_list() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let total = places(&app).await.len();
    let board = app.get("/gestion/fraicheur", Some(&coordinator)).await;
    assert_eq!(board.status, StatusCode::OK);
    // Every imported place was last updated in 2023 or earlier: all stale in 2026.
    let stale = |body: &str| {
        let text = text_of(body, "stale-count");
        text.split_whitespace()
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    assert_eq!(stale(&board.body), total);
    let first = places(&app).await[0].id;
    let confirmed = app
        .post_form(
            &format!("/gestion/lieux/{first}/confirmer"),
            &[],
            Some(&coordinator),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    let board = app.get("/gestion/fraicheur", Some(&coordinator)).await;
    assert_eq!(stale(&board.body), total - 1);
    let _ = PASSWORD;
}

#[tokio::test]
async fn the_open_data_files_follow_the_standard_and_read_back_without_refusal() {
    let app = TestApp::spawn().await;
    let imported = app.import_shared(CHARENTE).await;
    let response = app
        .get("/opendata/lieux-de-mediation-numerique.csv", None)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(response.body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, vocab::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), imported.created);
    for row in &rows {
        for value in row[21].split('|').filter(|v| !v.is_empty()) {
            assert!(vocab::SERVICES.contains(value), "{value}");
        }
        assert!(row[11].is_empty() || relais::places::model::is_valid_phone(&row[11]));
        assert_eq!(row[4].len(), 5);
        assert!(chrono::NaiveDate::parse_from_str(&row[20], "%Y-%m-%d").is_ok());
    }
    let json_export = json(
        &app.get("/opendata/lieux-de-mediation-numerique.json", None)
            .await
            .body,
    );
    assert_eq!(json_export.as_array().unwrap().len(), rows.len());

    // Our own export imports again with nothing refused.
    let options = relais::places::import::ImportOptions {
        format: relais::places::import::Format::Auto,
        source: Some("réimport".into()),
        today: app.clock.now().date_naive(),
    };
    let parsed =
        relais::places::import::parse(response.body.as_bytes(), &options, &mut |_, _| {}).unwrap();
    assert_eq!(parsed.rows.len(), rows.len());
    assert_eq!(parsed.count(relais::places::import::Outcome::Refused), 0);
}

#[tokio::test]
async fn the_api_description_is_served_and_names_every_public_path() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/openapi.json", None).await;
    assert_eq!(response.status, StatusCode::OK);
    let document = json(&response.body);
    assert_eq!(document["openapi"], "3.1.0");
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    for path in [
        "/api/v1/lieux",
        "/api/v1/lieux/{id}",
        "/opendata/lieux-de-mediation-numerique.csv",
        "/opendata/lieux-de-mediation-numerique.json",
    ] {
        assert!(paths.iter().any(|p| *p == path), "{path}");
        let concrete = path.replace("{id}", "1");
        let status = app.get(&concrete, None).await.status;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

fn text_of(body: &str, id: &str) -> String {
    let marker = format!("data-testid=\"{id}\">");
    let start = body.find(&marker).unwrap() + marker.len();
    let end = body[start..].find('<').unwrap() + start;
    body[start..end].trim().to_owned()
}

/// Creates a place through the operations (for the access matrix).
pub async fn sample_place(
    app: &TestApp,
    actor: relais::accounts::UserId,
    organization: Option<i64>,
    hidden: bool,
) -> i64 {
    let data = relais::places::PlaceData {
        record: relais::places::MediationRecord {
            nom: "Lieu d'essai".into(),
            commune: "Angoulême".into(),
            code_postal: "16000".into(),
            adresse: "1 rue Haute".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let visibility = if hidden {
        relais::places::Visibility::Hidden
    } else {
        relais::places::Visibility::Public
    };
    let id = relais::places::create_place(
        &app.db,
        app.clock.now(),
        actor,
        organization,
        relais::places::PlaceKind::Mediation,
        visibility,
        data,
    )
    .await
    .unwrap();
    app.refresh_directory().await;
    id.0
}

// --- The map (static/map.js reads what these pages carry) ---

/// The value of attribute `name` on the element with `id="{id}"`, HTML entities decoded.
fn attribute(body: &str, id: &str, name: &str) -> String {
    let start = body.find(&format!("id=\"{id}\"")).expect("no such element");
    let tag_start = body[..start].rfind('<').unwrap();
    let tag = &body[tag_start..start + body[start..].find('>').unwrap()];
    let marker = format!("{name}=\"");
    let value_start = tag.find(&marker).expect("no such attribute") + marker.len();
    let value = &tag[value_start..value_start + tag[value_start..].find('"').unwrap()];
    decode_entities(value)
}

fn decode_entities(text: &str) -> String {
    let mut decoded = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let end = rest[amp..].find(';').unwrap() + amp;
        let entity = &rest[amp + 1..end];
        decoded.push(match entity {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            numeric => char::from_u32(numeric.trim_start_matches('#').parse().unwrap()).unwrap(),
        });
        rest = &rest[end + 1..];
    }
    decoded.push_str(rest);
    decoded
}

fn map_points(body: &str) -> Vec<serde_json::Value> {
    json(&attribute(body, "carte", "data-points"))
        .as_array()
        .unwrap()
        .clone()
}

fn loads_the_map_scripts(body: &str) -> bool {
    use relais::web::assets::{LEAFLET_SCRIPT, LEAFLET_STYLESHEET, MAP_SCRIPT};
    body.contains(&format!("<script src=\"{LEAFLET_SCRIPT}\" defer></script>"))
        && body.contains(&format!("<script src=\"{MAP_SCRIPT}\" defer></script>"))
        && body.contains(&format!(
            "<link rel=\"stylesheet\" href=\"{LEAFLET_STYLESHEET}\">"
        ))
}

const TILES: &str = "https://tuiles.exemple.fr/osm/{z}/{x}/{y}.png";

async fn app_with_own_tiles() -> TestApp {
    TestApp::spawn_with(|config| {
        config.tile_url = TILES.to_owned();
        config.tile_attribution = "© Tuiles & Cie".to_owned();
    })
    .await
}

#[tokio::test]
async fn the_search_page_maps_its_results_from_the_configured_tile_server() {
    let app = app_with_own_tiles().await;
    app.import_shared(CHARENTE).await;
    let page = app.get("/lieux?commune=cognac", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(loads_the_map_scripts(&page.body), "{}", page.body);
    assert!(!page.body.contains("<script>"), "no inline script");
    assert_eq!(attribute(&page.body, "carte", "data-tiles"), TILES);
    assert_eq!(
        attribute(&page.body, "carte", "data-attribution"),
        "© Tuiles & Cie"
    );
    assert_eq!(
        attribute(&page.body, "carte", "data-zoom-in"),
        "Agrandir la carte"
    );
    assert!(page.body.contains("data-locate=\"Autour de moi\""));

    // One point per result of the page that has coordinates, in the list's order.
    let api = json(&app.get("/api/v1/lieux?commune=cognac", None).await.body);
    let expected: Vec<serde_json::Value> = api["lieux"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|place| place["latitude"].is_number() && place["longitude"].is_number())
        .map(|place| {
            serde_json::json!({
                "id": place["id"],
                "nom": place["nom"],
                "lat": place["latitude"],
                "lon": place["longitude"],
            })
        })
        .collect();
    assert!(expected.len() >= 10);
    assert_eq!(map_points(&page.body), expected);
    for point in &expected {
        assert!(
            page.body
                .contains(&format!("href=\"/lieux/{}\"", point["id"]))
        );
    }

    // The page's policy lets the tiles in, and nothing else is relaxed.
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("img-src 'self' data: https://tuiles.exemple.fr;"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(csp.contains("style-src 'self';"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");

    // Pages without a map load no map script and keep the default policy.
    let login = app.get("/connexion", None).await;
    assert!(!login.body.contains("map.js") && !login.body.contains("leaflet"));
    let csp = login.headers["content-security-policy"].to_str().unwrap();
    assert!(!csp.contains("tuiles.exemple.fr"), "{csp}");
}

#[tokio::test]
async fn a_place_page_maps_its_place_only_when_it_has_coordinates() {
    let app = app_with_own_tiles().await;
    app.import_shared(CHARENTE).await;
    let union = places(&app)
        .await
        .into_iter()
        .find(|p| p.record.nom == "UNION DEP ASSOCIATIONS FAMILLE")
        .unwrap();
    let page = app.get(&format!("/lieux/{}", union.id), None).await;
    assert!(loads_the_map_scripts(&page.body));
    assert_eq!(
        map_points(&page.body),
        vec![serde_json::json!({
            "id": union.id.0,
            "nom": "UNION DEP ASSOCIATIONS FAMILLE",
            "lat": union.record.latitude.unwrap(),
            "lon": union.record.longitude.unwrap(),
        })]
    );
    assert!(
        page.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("https://tuiles.exemple.fr")
    );

    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let nowhere = sample_place(&app, coordinator, None, false).await;
    let page = app.get(&format!("/lieux/{nowhere}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"carte\""));
    assert!(!page.body.contains("map.js"));
}

#[tokio::test]
async fn a_search_around_a_position_sorts_by_distance_and_keeps_the_position() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    // Angoulême town hall, rounded as the "Autour de moi" button sends it.
    let page = app.get("/lieux?lat=45.648&lon=0.156&rayon=5", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<input type="hidden" name="lat" value="45.648">"#)
    );
    assert!(
        page.body
            .contains(r#"<input type="hidden" name="lon" value="0.156">"#)
    );
    assert!(
        page.body
            .contains("du plus proche au plus loin de votre position")
    );

    let api = json(
        &app.get(
            "/api/v1/lieux?lat=45.648&lon=0.156&rayon=5&par_page=100",
            None,
        )
        .await
        .body,
    );
    let distances: Vec<f64> = api["lieux"]
        .as_array()
        .unwrap()
        .iter()
        .map(|place| place["distance_m"].as_f64().unwrap())
        .collect();
    assert!(distances.len() >= 5, "{distances:?}");
    assert!(distances.windows(2).all(|pair| pair[0] <= pair[1]));
    assert!(distances.iter().all(|metres| *metres <= 5000.0));

    // Without a position, no hidden field.
    let page = app.get("/lieux?commune=cognac", None).await;
    assert!(!page.body.contains("name=\"lat\""));
}
