//! The directory: real open-data files imported into the database, public search and pages,
//! staff edits, confirmation and the open-data export. Runs on SQLite and PostgreSQL.

use crate::support::{PASSWORD, TestApp};
use axum::http::{StatusCode, header};
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

#[tokio::test]
async fn the_printable_paper_map_lists_every_place_under_one_heading_per_commune() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let public = public_places(&app).await;
    assert!(public > 100, "more than one page of search results");
    let page = app.get("/lieux/imprimer", None).await;
    let (communes, names) = printed_communes_and_places(&page.body);
    assert_eq!(names.len(), public);
    let folded: std::collections::HashSet<String> = communes.iter().map(|c| fold(c)).collect();
    assert_eq!(
        folded.len(),
        communes.len(),
        "one heading per commune: {communes:?}"
    );
    // The sources write both "COGNAC" and "Cognac": the heading takes the mixed case.
    assert!(
        communes.contains(&"Cognac (16100)".to_owned()),
        "{communes:?}"
    );
}

async fn public_places(app: &TestApp) -> usize {
    places(app)
        .await
        .iter()
        .filter(|place| place.visibility == relais::places::Visibility::Public)
        .count()
}

#[tokio::test]
async fn the_paper_map_pdf_lists_the_communes_and_places_of_the_print_page() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let search = "commune=cognac&rayon=12";
    let page = app.get(&format!("/lieux/imprimer?{search}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let pdf_link = format!("/lieux/imprimer.pdf?{}", search.replace('&', "&#38;"));
    assert!(
        page.body.contains(&format!("href=\"{pdf_link}\"")),
        "link to the PDF"
    );
    let (communes, names) = printed_communes_and_places(&page.body);
    assert!(communes.len() >= 3, "several communes: {communes:?}");
    assert!(names.len() > communes.len());

    let response = app
        .get(&format!("/lieux/imprimer.pdf?{search}"), None)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        response.headers[header::CONTENT_DISPOSITION],
        "inline; filename=\"carte-des-lieux.pdf\""
    );
    let pdf = ReadPdf::new(&response.bytes);
    let tr = relais::i18n::Tr::french();
    assert_eq!(pdf.title, tr.t("places-print-title"));
    let mut last = 0;
    for commune in &communes {
        let at = pdf.text.find(commune.as_str()).unwrap_or_else(|| {
            panic!(
                "commune {commune:?} missing from the PDF text:\n{}",
                pdf.text
            )
        });
        assert!(
            at >= last,
            "communes keep the order of the print page: {commune}"
        );
        last = at;
    }
    for name in &names {
        assert!(
            pdf.text.contains(name.as_str()),
            "place {name:?} missing from the PDF"
        );
    }
    let free = places(&app)
        .await
        .iter()
        .filter(|place| place.record.is_free() && names.contains(&collapse(&place.record.nom)))
        .count();
    assert!(free > 0);
    assert_eq!(pdf.text.matches(&tr.t("places-pdf-free")).count(), free);
    assert!(pdf.pages > 1);
    assert!(
        pdf.text
            .contains(&format!("page {} / {}", pdf.pages, pdf.pages))
    );

    // Without a filter, every public place is printed, well beyond one page of results.
    let public = public_places(&app).await;
    let pdf = ReadPdf::new(&app.get("/lieux/imprimer.pdf", None).await.bytes);
    let address = collapse(&tr.t("places-pdf-address"));
    assert_eq!(pdf.text.matches(&address).count(), public);
}

#[tokio::test]
async fn the_paper_map_pdf_of_a_search_without_result_says_so() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let response = app.get("/lieux/imprimer.pdf?q=zzzzqqqq", None).await;
    assert_eq!(response.status, StatusCode::OK);
    let pdf = ReadPdf::new(&response.bytes);
    let tr = relais::i18n::Tr::french();
    assert_eq!(pdf.pages, 1);
    assert!(
        pdf.text.contains(&collapse(&tr.t("places-pdf-no-place"))),
        "{}",
        pdf.text
    );
    assert!(
        pdf.text
            .contains(&collapse(&tr.t1("places-results-count", "count", 0)))
    );
}

/// What third-party readers (Debian's qpdf and poppler-utils) find in a PDF, after `qpdf
/// --check` has accepted it. Text has its white space collapsed, as lines may wrap anywhere.
pub struct ReadPdf {
    pub text: String,
    pub title: String,
    pub pages: usize,
}

impl ReadPdf {
    pub fn new(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let path = file.path().to_str().unwrap();
        let check = pdf_tool("qpdf", "qpdf", &["--check", path]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        let pages = pdf_tool("qpdf", "qpdf", &["--show-npages", path]);
        let info = pdf_tool("pdfinfo", "poppler-utils", &["-enc", "UTF-8", path]);
        let title = info
            .lines()
            .find_map(|line| line.strip_prefix("Title:"))
            .unwrap_or_default();
        let text = pdf_tool("pdftotext", "poppler-utils", &["-enc", "UTF-8", path, "-"]);
        Self {
            text: collapse(&text),
            title: title.trim().to_owned(),
            pages: pages.trim().parse().unwrap(),
        }
    }
}

/// Runs a reader from Debian and returns its standard output; fails the test when the reader
/// is missing (scripts/test installs it) or refuses the file.
pub fn pdf_tool(program: &str, package: &str, args: &[&str]) -> String {
    let output = match std::process::Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is missing: install the Debian package {package} \
             (`apt-get install {package}`; scripts/test installs it)"
        ),
        Err(error) => panic!("cannot run {program}: {error}"),
    };
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The commune headings and place names of the printable page, as a reader sees them.
fn printed_communes_and_places(body: &str) -> (Vec<String>, Vec<String>) {
    let inner = |piece: &str| {
        let start = piece.find('>').unwrap() + 1;
        let end = piece.find("</").unwrap();
        collapse(&unescape(&piece[start..end]))
    };
    let communes = body.split("<h2 id=\"commune-").skip(1).map(inner).collect();
    let names = body
        .split("class=\"print-place\">")
        .skip(1)
        .map(|piece| inner(&piece[piece.find("<h3").unwrap()..]))
        .collect();
    (communes, names)
}

fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
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

#[tokio::test]
async fn a_coordinator_merges_a_duplicate_that_a_new_import_does_not_bring_back() {
    let app = TestApp::spawn().await;
    let first_import = app.import_shared(CHARENTE).await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let manager_org = app.organization("Médiathèque").await;
    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[manager_org])
        .await;
    let (_, before) = relais::places::duplicate_candidates(&app.db).await.unwrap();

    // A real place with a phone, an address and a position; a staff member enters it again,
    // in capitals, without its phone, about 110 m away.
    let original = places(&app)
        .await
        .into_iter()
        .find(|p| {
            !p.record.telephone.is_empty()
                && !p.record.adresse.is_empty()
                && p.record.latitude.is_some()
                && p.record.code_postal.len() == 5
        })
        .unwrap();
    let latitude = format!("{:.6}", original.record.latitude.unwrap() + 0.001);
    let longitude = format!("{:.6}", original.record.longitude.unwrap());
    let name = original.record.nom.to_uppercase();
    let created = app
        .post_form(
            "/gestion/lieux",
            &place_form(&[
                ("nom", &name),
                ("adresse", &original.record.adresse),
                ("code_postal", &original.record.code_postal),
                ("commune", &original.record.commune),
                ("latitude", &latitude),
                ("longitude", &longitude),
                ("telephone", ""),
            ]),
            Some(&coordinator),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let copy = places(&app).await.into_iter().max_by_key(|p| p.id).unwrap();
    assert!(copy.record.telephone.is_empty());

    // The pair is on the board, for the coordinator only.
    let (_, after) = relais::places::duplicate_candidates(&app.db).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let pair = after
        .iter()
        .find(|pair| pair.second == copy.id)
        .expect("the copy is paired with the original");
    assert_eq!(pair.first, original.id);
    let distance = pair.distance_m.unwrap();
    assert!((80.0..150.0).contains(&distance), "{distance}");
    let board = app.get("/gestion/doublons", Some(&coordinator)).await;
    assert_eq!(board.status, StatusCode::OK);
    let keep_copy = format!(
        "/gestion/doublons/fusionner?garder={}&amp;retirer={}",
        copy.id, original.id
    );
    assert!(board.body.contains(&keep_copy), "{}", board.body);
    assert_eq!(
        app.get("/gestion/doublons", Some(&manager)).await.status,
        StatusCode::FORBIDDEN
    );

    // The preview says the kept copy receives the phone number.
    let preview = app
        .get(&keep_copy.replace("&amp;", "&"), Some(&coordinator))
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Téléphone"), "{}", preview.body);

    let merged = app
        .post_form(
            "/gestion/doublons/fusionner",
            &[
                ("garder", &copy.id.to_string()),
                ("retirer", &original.id.to_string()),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert!(
        relais::places::find_place(&app.db, original.id)
            .await
            .is_err()
    );
    let kept = relais::places::find_place(&app.db, copy.id).await.unwrap();
    assert_eq!(kept.record.telephone, original.record.telephone);
    assert_eq!(kept.record.nom, name);
    assert_eq!(
        app.get(&format!("/lieux/{}", original.id), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Importing the same file again leaves the merged place out.
    let count = app.count("places").await;
    let again = app.import_shared(CHARENTE).await;
    assert_eq!(again.created, 0, "{again:?}");
    assert_eq!(again.merged, 1);
    assert_eq!(again.unchanged, first_import.created - 1);
    assert_eq!(app.count("places").await, count);
}

#[tokio::test]
async fn a_dismissed_pair_is_not_proposed_again() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    for name in ["Espace numérique des Tilleuls", "Espace numerique Tilleuls"] {
        let created = app
            .post_form(
                "/gestion/lieux",
                &place_form(&[("nom", name)]),
                Some(&coordinator),
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    }
    let ids: Vec<_> = places(&app).await.iter().map(|p| p.id).collect();
    let board = app.get("/gestion/doublons", Some(&coordinator)).await;
    assert!(text_of(&board.body, "duplicates-count").starts_with("1 paire"));

    let dismissed = app
        .post_form(
            "/gestion/doublons/ecarter",
            &[
                ("premier", &ids[1].to_string()),
                ("second", &ids[0].to_string()),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(dismissed.status, StatusCode::SEE_OTHER);
    let board = app
        .get(
            "/gestion/doublons?info=duplicate-dismissed",
            Some(&coordinator),
        )
        .await;
    let count = text_of(&board.body, "duplicates-count");
    assert!(count.starts_with("Aucune paire"), "{count}");
    assert!(board.body.contains("ne seront plus proposées"));
    assert_eq!(app.count("places").await, 2);
}

/// Great-circle distance computed here, independently of the directory's own function.
fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = p2 - p1;
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

#[tokio::test]
async fn postcode_and_radius_searches_match_an_independent_computation() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    app.refresh_directory().await;
    let all = places(&app).await;
    let fetch_all = |query: String| {
        let app = &app;
        async move {
            let body = app
                .get(&format!("/api/v1/lieux?{query}&par_page=100"), None)
                .await
                .body;
            let value = json(&body);
            let total = value["total"].as_u64().unwrap() as usize;
            assert!(total <= 100, "{query}: {total}");
            (ids(&value), value)
        }
    };

    // A postcode.
    let mut expected: Vec<i64> = all
        .iter()
        .filter(|p| p.record.code_postal == "16100")
        .map(|p| p.id.0)
        .collect();
    assert!(expected.len() >= 5);
    let (mut found, _) = fetch_all("commune=16100".into()).await;
    found.sort_unstable();
    expected.sort_unstable();
    assert_eq!(found, expected);

    // 12 km around a point near Angoulême: exactly the places within the circle, nearest first.
    let centre = (45.65, 0.16);
    let mut expected: Vec<(f64, i64)> = all
        .iter()
        .filter_map(|p| {
            let point = (p.record.latitude?, p.record.longitude?);
            let km = km_between(centre, point);
            (km <= 12.0).then_some((km, p.id.0))
        })
        .collect();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(expected.len() >= 10, "{}", expected.len());
    let (found, value) = fetch_all("lat=45.65&lon=0.16&rayon=12".into()).await;
    let mut sorted_found = found.clone();
    sorted_found.sort_unstable();
    let mut expected_ids: Vec<i64> = expected.iter().map(|(_, id)| *id).collect();
    expected_ids.sort_unstable();
    assert_eq!(sorted_found, expected_ids);
    let distances: Vec<f64> = value["lieux"]
        .as_array()
        .unwrap()
        .iter()
        .map(|place| place["distance_m"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!((distances[0] / 1000.0 - expected[0].0).abs() < 0.002);
}

#[tokio::test]
async fn a_large_file_is_written_in_batches_and_a_repeated_id_is_refused_once() {
    let app = TestApp::spawn().await;
    // 2,100 rows (more than one batch of new places), then row 0 again with another name.
    let mut csv = vocab::COLUMNS.join(",") + "\n";
    let row = |id: usize, name: &str| {
        let mut values: Vec<String> = vocab::COLUMNS.iter().map(|_| String::new()).collect();
        let set = |values: &mut Vec<String>, column: &str, value: String| {
            let at = vocab::COLUMNS.iter().position(|c| *c == column).unwrap();
            values[at] = value;
        };
        set(&mut values, "id", format!("lieu-{id}"));
        set(&mut values, "pivot", "21160015600011".into());
        set(&mut values, "nom", name.into());
        set(&mut values, "commune", "Angoulême".into());
        set(&mut values, "code_postal", "16000".into());
        set(&mut values, "adresse", format!("{id} rue de Paris"));
        set(&mut values, "source", "essai-lot".into());
        set(&mut values, "date_maj", "2026-01-15".into());
        set(
            &mut values,
            "services",
            "Aide aux démarches administratives".into(),
        );
        values.join(",") + "\n"
    };
    for id in 0..2100 {
        csv.push_str(&row(id, &format!("Lieu numéro {id}")));
    }
    csv.push_str(&row(0, "Lieu numéro zéro, renommé"));
    let options = relais::places::import::ImportOptions {
        format: relais::places::import::Format::Auto,
        source: None,
        today: app.clock.now().date_naive(),
    };
    let parsed = relais::places::import::parse(csv.as_bytes(), &options, &mut |_, _| {}).unwrap();
    assert_eq!(parsed.rows.len(), 2101);
    async fn save(
        app: &TestApp,
        parsed: &relais::places::import::ParsedImport,
        dry_run: bool,
    ) -> relais::places::ImportSummary {
        relais::places::save_import(&app.db, parsed, app.clock.now(), dry_run, &mut |_, _| {})
            .await
            .unwrap()
    }
    let trial = save(&app, &parsed, true).await;
    assert_eq!((trial.created, trial.updated, trial.refused), (2100, 0, 1));
    assert_eq!(app.count("places").await, 0, "a dry run keeps nothing");

    let summary = save(&app, &parsed, false).await;
    assert_eq!(
        (summary.created, summary.updated, summary.refused),
        (2100, 0, 1)
    );
    assert_eq!(app.count("places").await, 2100);
    let all = places(&app).await;
    let renamed: Vec<_> = all.iter().filter(|p| p.record.id == "lieu-0").collect();
    assert_eq!(renamed.len(), 1);
    assert_eq!(renamed[0].record.nom, "Lieu numéro 0");
    let last = all.iter().find(|p| p.record.id == "lieu-2099").unwrap();
    assert_eq!(last.record.adresse, "2099 rue de Paris");
    assert_eq!(
        last.record.services,
        vec!["Aide aux démarches administratives"]
    );

    let again = save(&app, &parsed, false).await;
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 2100)
    );
}

#[tokio::test]
async fn a_coordinator_adds_a_structure_and_its_manager_keeps_it_up_to_date() {
    let app = TestApp::spawn().await;
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    let refused = app
        .post_form(
            "/gestion/structures",
            &[("nom", "Centre social du Pré-Vert"), ("pivot", "1234")],
            Some(&coordinator),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("de 9 à 14 chiffres ou lettres"));
    assert!(
        refused.body.contains("Centre social du Pré-Vert"),
        "the typed name is kept"
    );
    let before = app.count("organizations").await;

    let created = app
        .post_form(
            "/gestion/structures",
            &[
                ("nom", "Centre social du Pré-Vert"),
                ("pivot", "213 600 150 00011"),
                ("typologie", "csc"),
                ("telephone", "05 45 12 34 56"),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(app.count("organizations").await, before + 1);
    let organizations = relais::organizations::list_organizations(&app.db)
        .await
        .unwrap();
    let id = organizations
        .iter()
        .find(|o| o.name == "Centre social du Pré-Vert")
        .unwrap()
        .id;
    let details = relais::organizations::find_organization(&app.db, id)
        .await
        .unwrap();
    assert_eq!(details.pivot, "21360015000011");
    assert_eq!(details.telephone, "+33545123456");
    assert_eq!(details.typologie, vec!["CSC"]);

    let manager = app
        .logged_in("responsable@exemple.fr", Role::Manager, &[id])
        .await;
    let path = format!("/gestion/structures/{id}");
    let page = app.get(&path, Some(&manager)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("05 45 12 34 56"));
    let saved = app
        .post_form(
            &path,
            &[
                ("nom", "Centre social du Pré-Vert"),
                ("pivot", "21360015000011"),
                ("typologie", "csc"),
                ("courriel", "accueil@prevert.fr"),
                ("telephone", "05 45 00 00 00"),
                ("site_web", "https://prevert.fr"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let details = relais::organizations::find_organization(&app.db, id)
        .await
        .unwrap();
    assert_eq!(details.email, "accueil@prevert.fr");
    assert_eq!(details.telephone, "+33545000000");
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|action| action == "organization.update")
    );
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

/// Creates a public place in Angoulême with these opening hours, through the operations.
async fn place_with_hours(app: &TestApp, name: &str, hours: &str) -> i64 {
    let actor = app
        .account(
            &format!("{}@exemple.fr", fold(name).replace(' ', "-")),
            Role::Coordinator,
            &[],
        )
        .await;
    let data = relais::places::PlaceData {
        record: relais::places::MediationRecord {
            nom: name.into(),
            commune: "Angoulême".into(),
            code_postal: "16000".into(),
            adresse: "1 rue Haute".into(),
            horaires: hours.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let id = relais::places::create_place(
        &app.db,
        app.clock.now(),
        actor,
        None,
        relais::places::PlaceKind::Mediation,
        relais::places::Visibility::Public,
        data,
    )
    .await
    .unwrap();
    app.refresh_directory().await;
    id.0
}

#[tokio::test]
async fn a_cached_search_answer_is_byte_identical_to_a_fresh_one() {
    let app = TestApp::spawn().await;
    app.import_shared(CHARENTE).await;
    let cache = app.index.responses();
    for path in [
        "/api/v1/lieux?commune=cognac&par_page=100",
        "/api/v1/lieux?q=mediatheque&lat=45.648&lon=0.156&rayon=30",
        "/lieux?commune=cognac&service=aide-aux-demarches-administratives",
    ] {
        cache.clear();
        let fresh = app.get(path, None).await;
        assert_eq!(fresh.status, StatusCode::OK);
        assert_eq!(cache.len(), 1, "{path} is kept");
        let cached = app.get(path, None).await;
        assert_eq!(cache.len(), 1, "{path} is answered from the cache");
        assert_eq!(cached.bytes, fresh.bytes, "{path}");
        for name in [header::CONTENT_TYPE, header::CACHE_CONTROL] {
            assert_eq!(cached.headers[&name], fresh.headers[&name], "{path}");
        }
        // The same search spelt differently is computed again, and gives the same answer.
        if let Some(query) = path.strip_prefix("/api/v1/lieux?") {
            let mut pairs: Vec<&str> = query.split('&').collect();
            pairs.reverse();
            let again = app
                .get(&format!("/api/v1/lieux?{}", pairs.join("&")), None)
                .await;
            assert_eq!(cache.len(), 2);
            assert_eq!(again.bytes, fresh.bytes, "{path}");
        }
    }
    assert_eq!(
        app.get("/lieux?commune=cognac", None).await.headers[header::CONTENT_SECURITY_POLICY],
        app.get("/lieux?commune=cognac", None).await.headers[header::CONTENT_SECURITY_POLICY],
    );

    // A logged-in visitor's page carries their menu: never cached, never served from the cache.
    let coordinator = app
        .logged_in("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    cache.clear();
    let anonymous = app.get("/lieux?commune=cognac", None).await;
    let logged_in = app.get("/lieux?commune=cognac", Some(&coordinator)).await;
    assert_eq!(cache.len(), 1);
    assert_ne!(logged_in.bytes, anonymous.bytes);
    assert!(
        logged_in.body.contains("/deconnexion"),
        "menu of the logged-in visitor"
    );
}

#[tokio::test]
async fn cached_searches_follow_the_clock_and_the_directory() {
    let app = TestApp::spawn().await;
    // The tests start on Monday 2 March 2026 at 10:00 in Paris.
    let first = place_with_hours(&app, "Atelier du matin", "Mo-Su 10:00-10:30").await;
    let search = "/api/v1/lieux?commune=angouleme";
    let open_now = "/api/v1/lieux?commune=angouleme&ouvert=maintenant";
    let state = |body: &str| json(body)["lieux"][0]["etat"].as_str().unwrap().to_owned();
    let before = app.get(search, None).await;
    assert_eq!(state(&before.body), "Ouvert maintenant, ferme à 10 h 30");
    assert_eq!(ids(&json(&app.get(open_now, None).await.body)), vec![first]);

    // Later in the same minute: the cached answer is the right one.
    app.clock.advance(chrono::Duration::seconds(59));
    let cache = app.index.responses();
    let held = cache.len();
    assert_eq!(app.get(search, None).await.bytes, before.bytes);
    assert_eq!(cache.len(), held);

    // Half an hour later the place has closed: neither answer is served again.
    app.clock.advance(chrono::Duration::minutes(30));
    assert_eq!(
        state(&app.get(search, None).await.body),
        "Fermé, ouvre demain à 10 h"
    );
    assert!(ids(&json(&app.get(open_now, None).await.body)).is_empty());

    // A change of the directory within the same minute is seen at once.
    let second = place_with_hours(&app, "Bureau du soir", "Mo-Su 10:00-20:00").await;
    let found = json(&app.get(search, None).await.body);
    assert_eq!(found["total"], 2);
    assert!(ids(&found).contains(&second));
    assert_eq!(
        ids(&json(&app.get(open_now, None).await.body)),
        vec![second]
    );
}

#[tokio::test]
async fn pdf_requests_beyond_the_free_slots_get_a_busy_page_to_retry_later() {
    let busy = TestApp::spawn_with(|config| {
        config.pdf_renders = 0;
        config.pdf_wait = std::time::Duration::ZERO;
    })
    .await;
    place_with_hours(&busy, "Atelier", "Mo-Fr 09:00-12:00").await;
    let response = busy.get("/lieux/imprimer.pdf", None).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers[header::RETRY_AFTER], "60");
    assert!(
        response
            .body
            .contains("Le service est très sollicité, réessayez dans une minute."),
        "{}",
        response.body
    );
    // The printable page itself is not typeset: it still opens.
    assert_eq!(
        busy.get("/lieux/imprimer", None).await.status,
        StatusCode::OK
    );

    // With one slot, PDF files are typeset one after the other: the slot comes back.
    let one = TestApp::spawn_with(|config| {
        config.pdf_renders = 1;
        config.pdf_wait = std::time::Duration::ZERO;
    })
    .await;
    place_with_hours(&one, "Atelier", "Mo-Fr 09:00-12:00").await;
    for _ in 0..2 {
        let response = one.get("/lieux/imprimer.pdf", None).await;
        assert_eq!(response.status, StatusCode::OK);
        assert!(response.bytes.starts_with(b"%PDF-"));
    }
}
