//! Statistics: rollups kept with every write equal a full recount, figures against a
//! hand-computed fixture, who reads which dashboard, the public page's small cells, and the
//! reports read back by third-party tools (the csv crate, LibreOffice, qpdf and poppler).
//! Runs on SQLite and PostgreSQL. The tests start on Monday 2 March 2026: the last quarter is
//! October to December 2025.

use crate::permanences::sign_helpers_charter;
use crate::places::ReadPdf;
use crate::support::TestApp;
use axum::http::StatusCode;
use chrono::NaiveDate;
use relais::accounts::{Role, UserId};
use relais::activities::{ActivityData, ActivityId, Kind, Profile, store};
use relais::places::PlaceId;
use relais::stats::{self, StatsQuery};

struct Network {
    app: TestApp,
    organization: i64,
    other: i64,
    helper: UserId,
    manager: UserId,
    coordinator: UserId,
    place: i64,
}

async fn network() -> Network {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let other = app.organization("Centre social").await;
    let helper = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    let manager = app
        .account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    app.account("autre.responsable@exemple.fr", Role::Manager, &[other])
        .await;
    let coordinator = app
        .account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    sign_helpers_charter(&app, helper).await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    Network {
        app,
        organization,
        other,
        helper,
        manager,
        coordinator,
        place,
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// An individual record at `place` (or at home with `None`).
fn individual(
    place: Option<i64>,
    on: &str,
    age: &str,
    gender: &str,
    minutes: i64,
    themes: &[&str],
    last_click: &str,
) -> ActivityData {
    ActivityData {
        kind: Kind::Individual,
        on_date: date(on),
        location: if place.is_some() { "lieu" } else { "domicile" }.into(),
        place: place.map(PlaceId),
        location_commune: String::new(),
        permanence: None,
        duration_minutes: minutes,
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        procedure_domains: Vec::new(),
        equipment: vec!["telephone".into()],
        autonomy: Some("avec-aide".into()),
        last_click: last_click.into(),
        referral: "aucune".into(),
        prevention: vec!["arnaques".into()],
        accounts_logged_out: "oui".into(),
        files_deleted: "sans-objet".into(),
        browser_cleared: "oui".into(),
        profile: Some(Profile {
            age_band: age.into(),
            gender: gender.into(),
            social_status: "retraite".into(),
            residence_commune: String::new(),
            first_visit: true,
            public_charter: false,
        }),
        participants: 1,
        counts: Vec::new(),
        workshop_level: None,
        diagnostic_levels: String::new(),
        note: String::new(),
    }
}

fn workshop(place: i64, on: &str, minutes: i64, ages: &[(&str, i64)]) -> ActivityData {
    let mut data = individual(
        Some(place),
        on,
        "",
        "",
        minutes,
        &["securite"],
        "sans-objet",
    );
    data.kind = Kind::Collective;
    data.profile = None;
    data.autonomy = None;
    data.participants = ages.iter().map(|(_, n)| n).sum();
    data.counts = ages
        .iter()
        .map(|(band, n)| ("age".to_owned(), (*band).to_owned(), *n))
        .collect();
    data.workshop_level = Some("debutant".into());
    data
}

/// The fixture: three records in the last quarter (two seniors, one workshop), one outside it,
/// and one written then deleted. Returns the ids.
async fn record_fixture(network: &Network) -> Vec<ActivityId> {
    let now = network.app.clock.now();
    let mut tx = network.app.db.begin().await.unwrap();
    let place = Some(network.place);
    let org = Some(network.organization);
    let mut ids = Vec::new();
    for data in [
        individual(
            place,
            "2025-11-03",
            "70-plus",
            "femme",
            45,
            &["courriel", "demarches"],
            "oui",
        ),
        individual(
            place,
            "2025-11-10",
            "60-69",
            "homme",
            30,
            &["courriel"],
            "non",
        ),
        individual(None, "2025-12-01", "25-39", "femme", 60, &["emploi"], "oui"),
        workshop(
            network.place,
            "2025-12-05",
            120,
            &[("60-69", 3), ("70-plus", 5)],
        ),
        individual(
            place,
            "2026-01-15",
            "70-plus",
            "femme",
            30,
            &["sante"],
            "oui",
        ),
    ] {
        ids.push(
            store::insert_activity(&mut tx, network.helper, org, &data, now)
                .await
                .unwrap(),
        );
    }
    // The second record was longer, about health: the rollups follow the correction.
    let corrected = individual(place, "2025-11-10", "60-69", "homme", 90, &["sante"], "non");
    store::update_activity(&mut tx, ids[1], &corrected, now)
        .await
        .unwrap();
    store::delete_activity(&mut tx, ids[2]).await.unwrap();
    tx.commit().await.unwrap();
    ids
}

#[tokio::test]
async fn rollups_equal_a_full_recount_after_inserts_updates_and_deletes() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let kept = stats::store::all_rows(&mut app.db.acquire().await.unwrap())
        .await
        .unwrap();
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|(_, c)| !c.is_zero()));
    assert!(
        kept.iter()
            .all(|(k, _)| k.on_date != "2025-12-01" && k.value != "emploi"),
        "the deleted record left counters: {kept:?}"
    );
    assert_eq!(stats::rebuild(&app.db).await.unwrap(), 4);
    let recounted = stats::store::all_rows(&mut app.db.acquire().await.unwrap())
        .await
        .unwrap();
    assert_eq!(kept, recounted);
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        stats::store::monthly_totals(&mut conn).await.unwrap(),
        stats::store::daily_totals_by_month(&mut conn)
            .await
            .unwrap()
    );
    drop(conn);
    // Every store function of the domain runs here: clearing empties the table.
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        stats::store::clear(&mut conn).await.unwrap(),
        recounted.len() as u64
    );
    assert_eq!(app.count("stats_daily").await, 0);
    assert_eq!(app.count("stats_monthly").await, 0);
    let page = store::page_of_activities(&mut conn, 0, 2).await.unwrap();
    assert_eq!(page.len(), 2);
    drop(conn);
    stats::rebuild(&app.db).await.unwrap();
    assert_eq!(app.count("stats_daily").await, recounted.len() as i64);
}

fn last_quarter(organizations: Option<Vec<i64>>, age: Option<&str>) -> StatsQuery {
    StatsQuery {
        from: date("2025-10-01"),
        to: date("2025-12-31"),
        organizations,
        place: None,
        kind: None,
        theme: None,
        age: age.map(str::to_owned),
    }
}

#[tokio::test]
async fn figures_match_the_hand_computed_fixture() {
    let network = network().await;
    record_fixture(&network).await;
    let db = &network.app.db;
    let all = stats::figures(db, &last_quarter(None, None)).await.unwrap();
    // Records 1, 2 (corrected to 90 min) and the workshop of 8 people.
    assert_eq!(all.totals.records, 3);
    assert_eq!(all.totals.people, 10);
    assert_eq!(all.totals.minutes, 45 + 90 + 120);
    assert_eq!(all.first_visits, 2);
    assert_eq!(
        all.age_bands,
        vec![("60-69".to_owned(), 4), ("70-plus".to_owned(), 6)]
    );
    assert_eq!(
        all.themes
            .iter()
            .map(|(t, c)| (t.as_str(), c.records))
            .collect::<Vec<_>>(),
        vec![
            ("courriel", 1),
            ("sante", 1),
            ("securite", 1),
            ("demarches", 1)
        ]
    );
    assert_eq!(all.last_click, (1, 2));
    assert_eq!(all.last_click_share(), Some(50));
    assert_eq!(
        all.months
            .iter()
            .map(|(m, c)| (m.as_str(), c.records))
            .collect::<Vec<_>>(),
        vec![("2025-10", 0), ("2025-11", 2), ("2025-12", 1)]
    );
    let seniors = stats::figures(db, &last_quarter(None, Some(stats::SENIORS)))
        .await
        .unwrap();
    assert_eq!(seniors.totals.records, 2);
    assert_eq!(seniors.totals.minutes, 135);
    let mut health = last_quarter(None, None);
    health.theme = Some("sante".into());
    let health = stats::figures(db, &health).await.unwrap();
    assert!(health.is_theme_only);
    assert_eq!(health.totals.minutes, 90);
    assert_eq!(health.age_bands, vec![("60-69".to_owned(), 1)]);
    let other = stats::figures(db, &last_quarter(Some(vec![network.other]), None))
        .await
        .unwrap();
    assert_eq!(other.totals.records, 0);
}

#[tokio::test]
async fn the_coordinator_filters_the_dashboard_and_managers_see_only_their_organisations() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let page = app
        .get(
            "/gestion/statistiques?periode=trimestre-precedent&age=60-plus",
            Some(&coordinator),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let totals = totals_of(&page.body);
    assert!(totals.contains("2 h 15"), "{totals}");
    assert!(totals.contains("50 %"), "{totals}");
    assert!(page.body.contains("<svg class=\"chart\""));
    assert!(page.body.contains("value=\"2025-10-01\""));
    assert!(
        page.body
            .contains("bilan.csv?modele=financeurs&amp;du=2025-10-01")
    );

    let own = app
        .login("responsable@exemple.fr", crate::support::PASSWORD)
        .await;
    let mine = app
        .get(
            "/gestion/statistiques?du=2025-10-01&au=2025-12-31",
            Some(&own),
        )
        .await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(totals_of(&mine.body).contains("4 h 15"));
    let stranger = app
        .login("autre.responsable@exemple.fr", crate::support::PASSWORD)
        .await;
    let theirs = app
        .get(
            "/gestion/statistiques?du=2025-10-01&au=2025-12-31",
            Some(&stranger),
        )
        .await;
    assert!(totals_of(&theirs.body).contains("0 h"));
    let refused = app
        .get(
            &format!("/gestion/statistiques?structure={}", network.organization),
            Some(&stranger),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let csv = app
        .get(
            &format!(
                "/gestion/statistiques/bilan.csv?structure={}",
                network.organization
            ),
            Some(&stranger),
        )
        .await;
    assert_eq!(csv.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_public_page_hides_small_counts() {
    let network = network().await;
    record_fixture(&network).await;
    let page = network.app.get("/statistiques", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let totals = totals_of(&page.body);
    // Four records in the last twelve months: fewer than five.
    assert!(totals.contains("< 5"), "{totals}");
    assert!(!page.body.contains(">4<"));
}

/// The headline figures of a statistics page, as text.
fn totals_of(body: &str) -> String {
    let start = body
        .find("data-testid=\"stats-totals\"")
        .expect("no totals");
    let end = body[start..].find("</dl>").unwrap() + start;
    let mut text = String::new();
    let mut in_tag = false;
    for c in body[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&#60;", "<")
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], label: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r.first().is_some_and(|l| l == label))
        .unwrap_or_else(|| panic!("no row {label:?} in {rows:?}"))
}

const FUNDERS: &str = "/gestion/statistiques/bilan";
const QUARTER: &str = "modele=financeurs&du=2025-10-01&au=2025-12-31";

#[tokio::test]
async fn the_funders_report_reads_back_as_csv_with_small_cells_hidden() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let response = app
        .get(&format!("{FUNDERS}.csv?{QUARTER}"), Some(&coordinator))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["content-type"], "text/csv; charset=utf-8");
    let rows = read_csv(&response.bytes);
    assert!(rows[0][0].starts_with("Bilan pour la Conférence des financeurs"));
    assert_eq!(rows[1][0], "Période : du 01/10/2025 au 31/12/2025");
    // One woman aged 70+ and one man aged 60–69: both hidden, as is every total they make.
    let older = row(&rows, "70 ans et plus");
    assert_eq!(older[1], "< 5");
    assert!(
        older
            .iter()
            .skip(1)
            .all(|v| v == "< 5" || v == "0" || v == "secret"),
        "{older:?}"
    );
    // Sessions: 2 individual (hidden), 1 workshop; hours are not counts of people.
    let sessions = row(&rows, "Accompagnements individuels");
    assert_eq!(sessions[1..], ["< 5".to_owned(), "2".to_owned()]);
    let workshops = row(&rows, "Ateliers collectifs");
    assert_eq!(workshops[2], "2");
    // The workshop's 8 people aged 60+: 3 and 5, so the 5 is masked too.
    let workshop_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|l| l == "60 à 69 ans"))
        .collect();
    assert_eq!(workshop_rows.len(), 2);
    assert_eq!(workshop_rows[1][1], "< 5");
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    use relais::stats::report::{Report, ReportTable, Value, to_csv};
    let report = Report {
        title: "=HYPERLINK(\"http://x\")".into(),
        period: "+33".into(),
        territory: "-1".into(),
        generated: "@SUM(A1)".into(),
        small_rule: "\tTab".into(),
        tables: vec![ReportTable {
            title: "Lieux".into(),
            columns: vec![String::new(), "Personnes".into()],
            rows: vec![("=1+1".into(), vec![Value::Number(12)])],
        }],
        period_end: date("2025-12-31"),
    };
    let rows = read_csv(&to_csv(&report).unwrap());
    assert_eq!(rows[0][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(rows[1][0], "'+33");
    assert_eq!(rows[2][0], "'-1");
    assert_eq!(rows[3][0], "'@SUM(A1)");
    assert_eq!(rows[4][0], "'\tTab");
    assert_eq!(row(&rows, "'=1+1")[1], "12");
}

/// LibreOffice's reading of an XLSX file, as CSV text.
pub fn libreoffice_csv(bytes: &[u8]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bilan.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        folder.path().display()
    );
    crate::places::pdf_tool(
        "soffice",
        "libreoffice-calc-nogui",
        &[
            &profile,
            "--headless",
            "--convert-to",
            // `;`, `"`, UTF-8, from line 1, default formats, quote every text cell: a typed
            // number is the only thing left unquoted.
            "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,true",
            "--outdir",
            folder.path().to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    std::fs::read_to_string(folder.path().join("bilan.csv")).unwrap()
}

#[tokio::test]
async fn the_funders_report_opens_in_libreoffice_with_numbers_and_is_reproducible() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let first = app
        .get(&format!("{FUNDERS}.xlsx?{QUARTER}"), Some(&coordinator))
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    // Later the same day: the same bytes.
    app.clock.advance(chrono::Duration::minutes(90));
    let again = app
        .get(&format!("{FUNDERS}.xlsx?{QUARTER}"), Some(&coordinator))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(first.bytes == again.bytes, "the same report changed");
    let csv_first = app
        .get(&format!("{FUNDERS}.csv?{QUARTER}"), Some(&coordinator))
        .await;
    app.clock.advance(chrono::Duration::days(2));
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let csv_later = app
        .get(&format!("{FUNDERS}.csv?{QUARTER}"), Some(&coordinator))
        .await;
    let differing: Vec<(&str, &str)> = csv_first
        .body
        .lines()
        .zip(csv_later.body.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(differing[0].0.starts_with("Édité le"));

    let text = libreoffice_csv(&first.bytes);
    let rows = read_csv(&[&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat());
    let sessions = row(&rows, "Ateliers collectifs");
    assert_eq!(sessions[2], "2", "{text}");
    assert!(text.contains("< 5"));
    // Hours are a number cell, "< 5" a text cell.
    let line = text
        .lines()
        .find(|l| l.starts_with("\"Ateliers collectifs\""))
        .unwrap();
    assert!(line.trim_end_matches(';').ends_with(";2"), "{line}");
    assert!(line.contains("\"< 5\""), "{line}");
}

#[tokio::test]
async fn the_funders_report_prints_as_a_pdf() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let response = app
        .get(&format!("{FUNDERS}.pdf?{QUARTER}"), Some(&coordinator))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["content-type"], "application/pdf");
    let pdf = ReadPdf::new(&response.bytes);
    assert!(
        pdf.title
            .starts_with("Bilan pour la Conférence des financeurs")
    );
    assert!(pdf.text.contains("Ateliers collectifs"), "{}", pdf.text);
    assert!(pdf.text.contains("< 5"));
}

#[tokio::test]
async fn region_and_generic_reports_list_places_and_communes() {
    let network = network().await;
    record_fixture(&network).await;
    let app = &network.app;
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    for model in ["region", "general"] {
        let response = app
            .get(
                &format!("{FUNDERS}.csv?modele={model}&du=2025-10-01&au=2025-12-31"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK);
        let rows = read_csv(&response.bytes);
        assert_eq!(row(&rows, "Personnes accompagnées")[1], "10");
        assert_eq!(row(&rows, "Lieu d'essai (Angoulême)")[1], "10");
        if model == "region" {
            assert_eq!(row(&rows, "Angoulême")[1], "10");
        }
    }
}

#[tokio::test]
async fn the_demo_records_fill_the_rollups() {
    let app = TestApp::spawn().await;
    assert!(relais::demo::seed(&app.db, app.clock.now()).await.unwrap());
    let kept = stats::store::all_rows(&mut app.db.acquire().await.unwrap())
        .await
        .unwrap();
    let records = app.count("activities").await;
    assert!(records >= 300, "{records}");
    assert_eq!(stats::rebuild(&app.db).await.unwrap(), records as u64);
    let recounted = stats::store::all_rows(&mut app.db.acquire().await.unwrap())
        .await
        .unwrap();
    assert_eq!(kept, recounted);
    let page = app.get("/statistiques", None).await;
    assert_eq!(page.status, StatusCode::OK);
}

/// A referral from `origin` to `destination` (a place of `destination_org`), made on `day`.
async fn referral(
    app: &TestApp,
    (origin, destination, destination_org): (i64, i64, i64),
    state: &str,
    day: &str,
) {
    let mut conn = app.db.acquire().await.unwrap();
    let at = format!("{day}T10:00:00Z");
    sqlx::query(
        "INSERT INTO referrals (origin_organization_id, destination_place_id, \
         destination_organization_id, state, destination_kind, created_at, expires_at, \
         updated_at) VALUES ($1, $2, $3, $4, 'mediation', $5, $5, $5)",
    )
    .bind(origin)
    .bind(destination)
    .bind(destination_org)
    .bind(state)
    .bind(at)
    .execute(&mut *conn)
    .await
    .unwrap();
}

/// A workshop of 8 seats at `place`; returns its id.
async fn planned_workshop(
    app: &TestApp,
    (place, organization): (i64, i64),
    level: &str,
    status: &str,
) -> i64 {
    let mut conn = app.db.acquire().await.unwrap();
    sqlx::query(
        "INSERT INTO workshops (place_id, organization_id, title, themes, level, \
         duration_minutes, capacity, status, created_at, updated_at) \
         VALUES ($1, $2, 'Atelier', 'courriel', $3, 120, 8, $4, '2026-01-02T10:00:00Z', \
         '2026-01-02T10:00:00Z')",
    )
    .bind(place)
    .bind(organization)
    .bind(level)
    .bind(status)
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::query_scalar("SELECT MAX(id) FROM workshops")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

/// A session of `workshop` on `day`, with `present` people marked present (`None`: not
/// marked yet).
async fn workshop_session(network: &Network, workshop: i64, day: &str, present: Option<i64>) {
    let activity = match present {
        Some(people) => {
            let data = self::workshop(network.place, day, 120, &[("60-69", people)]);
            let mut tx = network.app.db.begin().await.unwrap();
            let id = store::insert_activity(
                &mut tx,
                network.helper,
                Some(network.organization),
                &data,
                network.app.clock.now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            Some(id.0)
        }
        None => None,
    };
    let mut conn = network.app.db.acquire().await.unwrap();
    sqlx::query(
        "INSERT INTO workshop_sessions (workshop_id, on_date, start_time, end_time, activity_id) \
         VALUES ($1, $2, '14:00', '16:00', $3)",
    )
    .bind(workshop)
    .bind(day)
    .bind(activity)
    .execute(&mut *conn)
    .await
    .unwrap();
}

/// A helper on duty at an occurrence (written directly: the desk refuses past dates).
async fn on_duty(app: &TestApp, permanence: i64, day: &str, helper: UserId) {
    let mut conn = app.db.acquire().await.unwrap();
    sqlx::query(
        "INSERT INTO permanence_duties (permanence_id, on_date, user_id, created_at) \
         VALUES ($1, $2, $3, '2026-01-02T10:00:00Z')",
    )
    .bind(permanence)
    .bind(day)
    .bind(helper.0)
    .execute(&mut *conn)
    .await
    .unwrap();
}

/// The other domains' fixture, for January to March 2026 (today is Monday 2 March). Returns the
/// other organisation's place.
async fn domain_fixture(network: &Network) -> i64 {
    let app = &network.app;
    let coordinator = network.coordinator;
    let port = crate::places::sample_place(app, coordinator, Some(network.other), false).await;
    {
        let mut conn = app.db.acquire().await.unwrap();
        sqlx::query("UPDATE places SET nom = 'Centre social du Port' WHERE id = $1")
            .bind(port)
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let (ours, theirs) = (network.organization, network.other);
    // Referrals: four in the period (one between two places of the other organisation), one
    // in December.
    referral(app, (ours, port, theirs), "arrived", "2026-01-10").await;
    referral(app, (ours, port, theirs), "refused", "2026-02-01").await;
    referral(app, (theirs, network.place, ours), "sent", "2026-02-20").await;
    referral(app, (theirs, port, theirs), "accepted", "2026-01-05").await;
    referral(app, (ours, port, theirs), "arrived", "2025-12-20").await;
    // Workshops: two sessions marked (6 and 5 present of 8 seats), one to come, one cancelled
    // at the other organisation.
    let beginners = planned_workshop(app, (network.place, ours), "debutant", "published").await;
    workshop_session(network, beginners, "2026-01-15", Some(6)).await;
    workshop_session(network, beginners, "2026-02-15", Some(5)).await;
    workshop_session(network, beginners, "2026-03-20", None).await;
    workshop_session(network, beginners, "2025-12-15", Some(7)).await;
    let cancelled = planned_workshop(app, (port, theirs), "avance", "cancelled").await;
    workshop_session(network, cancelled, "2026-02-10", None).await;
    // Diagnostics: three at the place (one in December), one at home.
    let questionnaire = relais::diagnostic::model::Questionnaire::builtin();
    let mut conn = app.db.acquire().await.unwrap();
    for (place, month, profile, level) in [
        (network.place, "2026-01", "decouverte", "premiers-pas"),
        (network.place, "2026-02", "autonomie", "autonome"),
        (network.place, "2025-12", "autonomie", "autonome"),
        (0, "2026-02", "decouverte", "premiers-pas"),
    ] {
        let mut counts = vec![
            ("total".to_owned(), "total".to_owned()),
            ("profil".to_owned(), profile.to_owned()),
        ];
        for domain in &questionnaire.domains {
            counts.push((format!("niveau:{}", domain.id), level.to_owned()));
        }
        relais::diagnostic::store::add_counts(&mut conn, place, month, &counts)
            .await
            .unwrap();
    }
    drop(conn);
    // Permanences: every Tuesday from 6 January; 10 February cancelled; a helper on duty on
    // 6 and 13 January and on 3 March (to come).
    let mut data = crate::permanences::sample_data();
    data.schedule.starts_on = date("2026-01-06");
    let permanence = relais::permanences::create_permanence(
        &app.db,
        app.clock.now(),
        coordinator,
        PlaceId(network.place),
        &data,
    )
    .await
    .unwrap();
    {
        let mut conn = app.db.acquire().await.unwrap();
        sqlx::query(
            "INSERT INTO permanence_exceptions (permanence_id, on_date, kind, reason, created_at) \
             VALUES ($1, '2026-02-10', 'cancelled', 'Fermeture exceptionnelle', \
             '2026-02-01T10:00:00Z')",
        )
        .bind(permanence.0)
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    for day in ["2026-01-06", "2026-01-13", "2026-03-03"] {
        on_duty(app, permanence.0, day, network.helper).await;
    }
    // Charters: the helper signed (in `network()`); the organisation adheres and assesses two
    // commitments.
    let charter = relais::charters::current_charter(
        &app.db,
        app.clock.now(),
        relais::charters::CharterKind::Network,
    )
    .await
    .unwrap();
    let manager = network.manager;
    relais::charters::adhere_to_network_charter(
        &app.db,
        app.clock.now(),
        manager,
        ours,
        &charter.content_hash,
    )
    .await
    .unwrap();
    let codes: Vec<String> = charter.commitments.iter().map(|c| c.code.clone()).collect();
    relais::charters::save_assessments(
        &app.db,
        app.clock.now(),
        manager,
        ours,
        &[
            (codes[0].clone(), "met".into(), String::new()),
            (codes[1].clone(), "in_progress".into(), String::new()),
        ],
    )
    .await
    .unwrap();
    port
}

#[tokio::test]
async fn the_dashboard_counts_referrals_workshops_diagnostics_permanences_and_charters() {
    let network = network().await;
    let port = domain_fixture(&network).await;
    let app = &network.app;
    let period = |organizations: Option<Vec<i64>>, place: Option<i64>| StatsQuery {
        from: date("2026-01-01"),
        to: date("2026-03-31"),
        organizations,
        place,
        kind: None,
        theme: None,
        age: None,
    };
    let all = stats::domains::domain_figures(&app.db, &period(None, None), app.clock.now())
        .await
        .unwrap();
    let pairs = |items: &[(&str, i64)]| -> Vec<(String, i64)> {
        items.iter().map(|(s, n)| ((*s).to_owned(), *n)).collect()
    };
    assert_eq!(
        all.referral_states,
        pairs(&[("sent", 1), ("accepted", 1), ("refused", 1), ("arrived", 1)])
    );
    assert_eq!(
        all.referral_destinations,
        pairs(&[
            ("Centre social du Port (Angoulême)", 3),
            ("Lieu d'essai (Angoulême)", 1)
        ])
    );
    let workshops = &all.workshops;
    assert_eq!(
        (workshops.sessions, workshops.cancelled, workshops.marked),
        (4, 1, 2)
    );
    assert_eq!((workshops.present, workshops.seats), (11, 16));
    assert_eq!(workshops.attendance_rate(), Some(69));
    assert_eq!(workshops.present_by_level, pairs(&[("debutant", 11)]));
    let diagnostic = |figures: &stats::domains::DomainFigures, dimension: &str, value: &str| {
        figures
            .diagnostics
            .get(&(dimension.to_owned(), value.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(diagnostic(&all, "total", "total"), 3);
    assert_eq!(diagnostic(&all, "profil", "decouverte"), 2);
    assert_eq!(diagnostic(&all, "niveau:appareil", "autonome"), 1);
    // Tuesdays 6 January to 24 February: eight, less the cancelled one; five to come in March.
    let permanences = &all.permanences;
    assert_eq!(
        (permanences.held, permanences.covered, permanences.cancelled),
        (7, 2, 1)
    );
    assert_eq!(permanences.minutes, 7 * 180);
    assert_eq!((permanences.upcoming, permanences.upcoming_covered), (5, 1));
    assert_eq!(permanences.coverage(), Some(29));
    assert_eq!(
        permanences.by_place,
        vec![("Lieu d'essai (Angoulême)".to_owned(), 7, 2)]
    );
    let charters = &all.charters;
    assert_eq!((charters.signed, charters.staff), (1, 3));
    assert_eq!((charters.adhered, charters.organizations), (1, 2));
    assert_eq!(charters.commitments[0].1, [1, 0, 0, 1]);
    assert_eq!(charters.commitments[1].1, [0, 1, 0, 1]);

    // The organisation sees what it sent and received, its workshops, diagnostics made at
    // its places (not at home), its permanences and its own staff and commitments.
    let ours = stats::domains::domain_figures(
        &app.db,
        &period(Some(vec![network.organization]), None),
        app.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!(
        ours.referral_states,
        pairs(&[("sent", 1), ("refused", 1), ("arrived", 1)])
    );
    assert_eq!((ours.workshops.sessions, ours.workshops.cancelled), (3, 0));
    assert_eq!(diagnostic(&ours, "total", "total"), 2);
    assert_eq!(ours.permanences.held, 7);
    assert_eq!((ours.charters.signed, ours.charters.staff), (1, 2));
    assert_eq!((ours.charters.adhered, ours.charters.organizations), (1, 1));
    assert_eq!(ours.charters.commitments[0].1, [1, 0, 0, 0]);
    let theirs = stats::domains::domain_figures(
        &app.db,
        &period(Some(vec![network.other]), Some(port)),
        app.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!(
        theirs.referral_states,
        pairs(&[("accepted", 1), ("refused", 1), ("arrived", 1)])
    );
    assert_eq!(theirs.workshops.sessions, 1);
    assert!(theirs.diagnostics.is_empty());
    assert_eq!(theirs.permanences, Default::default());
    assert_eq!((theirs.charters.signed, theirs.charters.staff), (0, 1));

    // The page shows them, with the shares.
    let coordinator = app
        .login("coordination@exemple.fr", crate::support::PASSWORD)
        .await;
    let page = app
        .get(
            "/gestion/statistiques?du=2026-01-01&au=2026-03-31",
            Some(&coordinator),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for expected in [
        "Orientations, selon où elles en sont",
        "La personne est venue",
        "Centre social du Port (Angoulême)",
        "11 / 16 (69 %)",
        "Débutant",
        "Premiers pas",
        "2 / 7 (29 %)",
        "1 / 5 (20 %)",
        "21 h",
        "1 / 3 (33 %)",
        "tenu : 1",
    ] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    let empty = app
        .get(
            "/gestion/statistiques?du=2024-01-01&au=2024-03-31",
            Some(&coordinator),
        )
        .await;
    assert!(empty.body.contains("Rien sur cette période."));
}
