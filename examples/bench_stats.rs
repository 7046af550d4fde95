//! Benchmark of the network statistics dashboard (`scripts/bench-stats`, release build only):
//! fills a fresh database with N accompaniment records and their rollups by bulk SQL, then
//! times `stats::figures` (and the whole dashboard's reads) for the whole network over twelve
//! months. Not a test: it prints.
//!
//!   cargo run --release --example bench_stats -- <records> <database url>

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use relais::accounts::{self, AccountRequest, HelperKind, Role};
use relais::places::{self, MediationRecord, PlaceData, PlaceKind, Visibility};
use relais::stats::{self, StatsQuery};
use relais::storage::{self, Db};
use std::time::Instant;

const ORGANIZATIONS: i64 = 10;
const PLACES_PER_ORGANIZATION: i64 = 4;
/// Records spread over three years ending on 30 September 2026.
const DAYS: i64 = 1095;
const THEMES: [&str; 15] = [
    "prise-en-main",
    "internet",
    "courriel",
    "bureautique",
    "reseaux-sociaux",
    "sante",
    "banque-achats",
    "emploi",
    "securite",
    "parentalite",
    "scolarite",
    "creation",
    "culture-numerique",
    "ia",
    "demarches",
];

/// A pseudo-random number in `0..count` from the row number `n`: a multiplicative generator
/// modulo 2^31 - 1, one multiplier per field so that fields do not move together.
fn mix(multiplier: u64, count: usize) -> String {
    format!("(((n * {multiplier}) % 2147483647) % {count})")
}

/// The SQL expression of a pseudo-random pick among `values`, from the row number `n`.
fn pick(values: &[&str], multiplier: u64) -> String {
    let cases: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("WHEN {i} THEN '{v}'"))
        .collect();
    format!(
        "CASE {} {} END",
        mix(multiplier, values.len()),
        cases.join(" ")
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let records: i64 = args.get(1).map_or(Ok(1_000_000), |a| a.parse())?;
    let url = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "sqlite://bench-stats.db".into());
    let now = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
    let db = Db::connect(&url).await?;
    storage::migrate(&db, now).await?;
    let started = Instant::now();
    // A database already holding exactly this many records (an earlier run on the same
    // database) is timed again without generating it anew.
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities")
        .fetch_one(&mut *db.acquire().await?)
        .await?;
    if existing == records {
        println!("reusing the {records} records already in the database");
    } else {
        let user = accounts::create_account(
            &db,
            now,
            &AccountRequest {
                email: "bench@exemple.fr",
                display_name: "Banc d'essai",
                password: "une phrase de banc d'essai",
                role: Role::Coordinator,
                helper_kind: HelperKind::Professional,
                organization_ids: &[],
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut place_ids = Vec::new();
        for o in 0..ORGANIZATIONS {
            let organization =
                relais::organizations::create_organization(&db, now, &format!("Structure {o}"))
                    .await?;
            for p in 0..PLACES_PER_ORGANIZATION {
                let data = PlaceData {
                    record: MediationRecord {
                        nom: format!("Lieu {o}-{p}"),
                        commune: format!("Commune {o}"),
                        code_postal: "16000".into(),
                        adresse: "1 rue Haute".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let id = places::create_place(
                    &db,
                    now,
                    user,
                    Some(organization.id),
                    PlaceKind::Mediation,
                    Visibility::Public,
                    data,
                )
                .await?;
                place_ids.push((id.0, organization.id));
            }
        }
        let first_place = place_ids[0].0;
        let first_organization = place_ids[0].1;
        let is_sqlite = url.starts_with("sqlite");
        let series = if is_sqlite {
            format!(
                "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {records}) "
            )
        } else {
            String::new()
        };
        let from_series = if is_sqlite {
            "FROM seq".to_owned()
        } else {
            format!("FROM generate_series(CAST(1 AS BIGINT), {records}) AS seq(n)")
        };
        let start =
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap() - chrono::Duration::days(DAYS - 1);
        let date = if is_sqlite {
            format!(
                "DATE('{start}', '+' || {} || ' days')",
                mix(48271, DAYS as usize)
            )
        } else {
            format!(
                "TO_CHAR(DATE '{start}' + ({})::int, 'YYYY-MM-DD')",
                mix(48271, DAYS as usize)
            )
        };
        let place_index = mix(69621, place_ids.len());
        let place = format!("{first_place} + {place_index}");
        // Places were created in order: organisation = first + place offset / places per org.
        let organization =
            format!("{first_organization} + ({place_index} / {PLACES_PER_ORGANIZATION})");
        let kind = "CASE WHEN n % 10 = 0 THEN 'collective' ELSE 'individual' END";
        let individual = |expr: &str| format!("CASE WHEN n % 10 = 0 THEN NULL ELSE {expr} END");
        let sql = format!(
            "{series}INSERT INTO activities (kind, helper_id, organization_id, on_date, location, \
             place_id, duration_minutes, themes, equipment, autonomy, last_click, referral, \
             prevention, accounts_logged_out, files_deleted, browser_cleared, age_band, gender, \
             social_status, first_visit, participants, created_at, updated_at) \
             SELECT {kind}, {helper}, {organization}, {date}, 'lieu', {place}, \
             {duration}, {theme}, 'telephone', {autonomy}, {last_click}, 'aucune', {prevention}, \
             'oui', 'oui', 'sans-objet', {age}, {gender}, {status}, (n % 3 = 0)::int, \
             CASE WHEN n % 10 = 0 THEN 6 ELSE 1 END, '2026-10-01T08:00:00Z', '2026-10-01T08:00:00Z' \
             {from_series}",
            helper = user.0,
            duration = &format!("15 * (1 + {})", mix(16807, 8)),
            theme = pick(&THEMES, 39373),
            autonomy = individual(&pick(&["guide", "avec-aide", "autonome"], 40692)),
            last_click = pick(&["oui", "non", "sans-objet"], 40014),
            prevention = pick(&["", "arnaques", "mots-de-passe", "donnees"], 45742),
            age = individual(&pick(
                &[
                    "moins-12",
                    "12-17",
                    "18-24",
                    "25-39",
                    "40-59",
                    "60-69",
                    "70-plus",
                    "non-renseigne"
                ],
                62089911,
            )),
            gender = individual(&pick(
                &["femme", "homme", "autre", "non-renseigne"],
                630360016
            )),
            status = individual(&pick(
                &[
                    "scolarise",
                    "sans-emploi",
                    "en-emploi",
                    "retraite",
                    "non-renseigne"
                ],
                742938285,
            )),
        );
        let sql = if is_sqlite {
            sql.replace("(n % 3 = 0)::int", "(n % 3 = 0)")
        } else {
            sql
        };
        sqlx::query(&sql).execute(&mut *db.acquire().await?).await?;
        // The rollups, by the same dimensions as `stats::model::rollup_rows` (one theme, one
        // equipment and at most one prevention topic per generated record).
        let dimensions: [(&str, &str, &str); 12] = [
            ("total", "''", "1 = 1"),
            ("theme", "themes", "1 = 1"),
            ("materiel", "equipment", "1 = 1"),
            ("prevention", "prevention", "prevention <> ''"),
            ("autonomie", "autonomy", "autonomy IS NOT NULL"),
            ("dernier-clic", "last_click", "1 = 1"),
            ("orientation", "referral", "1 = 1"),
            ("checklist", "'complete'", "1 = 1"),
            (
                "premiere-visite",
                "CASE WHEN first_visit = 1 THEN 'oui' ELSE 'non' END",
                "kind = 'individual'",
            ),
            ("age", "age_band", "kind = 'individual'"),
            ("genre", "gender", "kind = 'individual'"),
            ("statut", "social_status", "kind = 'individual'"),
        ];
        for (name, value, condition) in dimensions {
            // PostgreSQL refuses a constant in GROUP BY: constant values are not grouped on.
            let group_value = if value.starts_with('\'') {
                String::new()
            } else {
                format!(", {value}")
            };
            sqlx::query(&format!(
                "INSERT INTO stats_daily (on_date, organization_id, place_id, kind, age_band, \
                 dimension, value, records, people, minutes) \
                 SELECT on_date, organization_id, place_id, kind, COALESCE(age_band, ''), '{name}', \
                 {value}, COUNT(*), SUM(participants), SUM(duration_minutes) FROM activities \
                 WHERE {condition} GROUP BY on_date, organization_id, place_id, kind, \
                 COALESCE(age_band, ''){group_value}"
            ))
            .execute(&mut *db.acquire().await?)
            .await?;
        }
        sqlx::query(
            "INSERT INTO stats_monthly (month, organization_id, place_id, kind, age_band, \
             dimension, value, records, people, minutes) \
             SELECT SUBSTR(on_date, 1, 7), organization_id, place_id, kind, age_band, dimension, \
             value, SUM(records), SUM(people), SUM(minutes) FROM stats_daily \
             GROUP BY SUBSTR(on_date, 1, 7), organization_id, place_id, kind, age_band, dimension, value",
        )
        .execute(&mut *db.acquire().await?)
        .await?;
        if is_sqlite {
            sqlx::query("ANALYZE")
                .execute(&mut *db.acquire().await?)
                .await?;
        } else {
            sqlx::query("ANALYZE stats_daily, stats_monthly")
                .execute(&mut *db.acquire().await?)
                .await?;
        }
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stats_daily")
        .fetch_one(&mut *db.acquire().await?)
        .await?;
    let monthly: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stats_monthly")
        .fetch_one(&mut *db.acquire().await?)
        .await?;
    println!(
        "{records} records, {rows} daily and {monthly} monthly rollup rows, generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let query = StatsQuery {
        from: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        organizations: None,
        place: None,
        kind: None,
        theme: None,
        age: None,
    };
    // The dashboard also reads the other domains' figures (referrals, workshops, diagnostics,
    // permanences, charters); they are empty here, so this times their queries' fixed cost.
    let now = chrono::DateTime::parse_from_rfc3339("2026-09-30T12:00:00Z")?.to_utc();
    let mut timings = Vec::new();
    let mut whole = Vec::new();
    let mut total = 0;
    for _ in 0..11 {
        let started = Instant::now();
        let figures = stats::figures(&db, &query).await?;
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
        stats::domains::domain_figures(&db, &query, now).await?;
        whole.push(started.elapsed().as_secs_f64() * 1000.0);
        total = figures.totals.records;
    }
    for (what, timings) in [
        ("rollup figures", &mut timings),
        ("whole dashboard", &mut whole),
    ] {
        timings.sort_by(f64::total_cmp);
        println!(
            "network {what}, 12 months ({total} records): median {:.0} ms, min {:.0} ms, max {:.0} ms",
            timings[timings.len() / 2],
            timings[0],
            timings[timings.len() - 1]
        );
    }
    Ok(())
}
