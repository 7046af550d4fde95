//! SQL of the statistics rollups: keeping them as records are written, rebuilding them, and
//! the one aggregate query the dashboards, reports and the public page read.

use super::model::{Counters, RollupKey};
use crate::storage::StoreResult;
use sqlx::{AnyConnection, Row};

/// The two rollup tables: by day, and the same counters by month (`YYYY-MM`).
const TABLES: [(&str, &str, usize); 2] = [
    ("stats_daily", "on_date", 10),
    ("stats_monthly", "month", 7),
];

/// Adds rows to the rollups, daily and monthly (negative counters remove), in the caller's
/// transaction. Rows that fall back to zero are deleted, so the tables hold only what the
/// records say.
pub async fn apply_rows(
    conn: &mut AnyConnection,
    rows: &[(RollupKey, Counters)],
) -> StoreResult<()> {
    // Always in key order, so that two transactions touching the same rows lock them in the
    // same order (no deadlock on PostgreSQL).
    let mut rows = rows.to_vec();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let rows = rows.as_slice();
    for (table, period, length) in TABLES {
        let sql = format!(
            "INSERT INTO {table} ({period}, organization_id, place_id, kind, age_band, \
             dimension, value, records, people, minutes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT ({period}, organization_id, place_id, kind, age_band, dimension, value) \
             DO UPDATE SET records = {table}.records + excluded.records, \
             people = {table}.people + excluded.people, \
             minutes = {table}.minutes + excluded.minutes"
        );
        for (key, counters) in rows {
            sqlx::query(&sql)
                .bind(&key.on_date[..length.min(key.on_date.len())])
                .bind(key.organization_id)
                .bind(key.place_id)
                .bind(&key.kind)
                .bind(&key.age_band)
                .bind(&key.dimension)
                .bind(&key.value)
                .bind(counters.records)
                .bind(counters.people)
                .bind(counters.minutes)
                .execute(&mut *conn)
                .await?;
        }
        let mut emptied: Vec<&str> = rows
            .iter()
            .filter(|(_, c)| c.records < 0)
            .map(|(k, _)| &k.on_date[..length.min(k.on_date.len())])
            .collect();
        emptied.dedup();
        for day_or_month in emptied {
            sqlx::query(&format!(
                "DELETE FROM {table} WHERE {period} = $1 AND records = 0 AND people = 0 \
                 AND minutes = 0"
            ))
            .bind(day_or_month)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Empties the rollups (before a rebuild). Returns the number of daily rows deleted.
pub async fn clear(conn: &mut AnyConnection) -> StoreResult<u64> {
    sqlx::query("DELETE FROM stats_monthly")
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("DELETE FROM stats_daily")
        .execute(conn)
        .await?
        .rows_affected())
}

/// The monthly rows, `(month, dimension, value, counters)` summed over the other keys
/// (tests: they must equal the daily rows summed by month).
pub async fn monthly_totals(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(String, String, String, Counters)>> {
    monthly_or_daily_totals(conn, "month", "stats_monthly").await
}

/// The daily rows summed by month, as [`monthly_totals`].
pub async fn daily_totals_by_month(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(String, String, String, Counters)>> {
    monthly_or_daily_totals(conn, "SUBSTR(on_date, 1, 7)", "stats_daily").await
}

async fn monthly_or_daily_totals(
    conn: &mut AnyConnection,
    month: &str,
    table: &str,
) -> StoreResult<Vec<(String, String, String, Counters)>> {
    let rows = sqlx::query(&format!(
        "SELECT {month} AS m, dimension, value, CAST(SUM(records) AS BIGINT) AS records, \
         CAST(SUM(people) AS BIGINT) AS people, CAST(SUM(minutes) AS BIGINT) AS minutes \
         FROM {table} GROUP BY {month}, dimension, value ORDER BY 1, 2, 3"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("m")?,
                row.try_get("dimension")?,
                row.try_get("value")?,
                Counters {
                    records: row.try_get("records")?,
                    people: row.try_get("people")?,
                    minutes: row.try_get("minutes")?,
                },
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// Every rollup row, in key order (tests and the rebuild check).
pub async fn all_rows(conn: &mut AnyConnection) -> StoreResult<Vec<(RollupKey, Counters)>> {
    let rows = sqlx::query(
        "SELECT on_date, organization_id, place_id, kind, age_band, dimension, value, records, \
         people, minutes FROM stats_daily ORDER BY on_date, organization_id, place_id, kind, \
         age_band, dimension, value",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                RollupKey {
                    on_date: row.try_get("on_date")?,
                    organization_id: row.try_get("organization_id")?,
                    place_id: row.try_get("place_id")?,
                    kind: row.try_get("kind")?,
                    age_band: row.try_get("age_band")?,
                    dimension: row.try_get("dimension")?,
                    value: row.try_get("value")?,
                },
                Counters {
                    records: row.try_get("records")?,
                    people: row.try_get("people")?,
                    minutes: row.try_get("minutes")?,
                },
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// Which rollup rows a figure reads. Dates are `YYYY-MM-DD`, both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollupFilter {
    pub from: String,
    pub to: String,
    /// `None`: every organisation (the network).
    pub organizations: Option<Vec<i64>>,
    pub place: Option<i64>,
    pub kind: Option<String>,
    /// Only these age bands (individual records); empty: all records.
    pub age_bands: Vec<String>,
}

/// How summed lines are split, besides their dimension and value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// By age band ('' for workshop sessions).
    AgeBand,
    /// By month, `YYYY-MM`.
    Month,
    /// By place id (`0`: no place).
    Place,
}

impl Split {
    fn column(self, is_monthly: bool) -> &'static str {
        match (self, is_monthly) {
            (Self::AgeBand, _) => "age_band",
            (Self::Month, false) => "SUBSTR(on_date, 1, 7)",
            (Self::Month, true) => "month",
            (Self::Place, _) => "CAST(place_id AS TEXT)",
        }
    }
}

/// A period cut into whole months (read from `stats_monthly`) and the days before and after
/// them (read from `stats_daily`): days `[from, head_end)` and `(tail_start, to]`, months
/// `[first_month, last_month]`.
#[derive(Debug, PartialEq, Eq)]
struct PeriodParts {
    head_end: String,
    tail_start: String,
    first_month: String,
    last_month: String,
}

impl PeriodParts {
    fn of(from: &str, to: &str) -> Self {
        use chrono::{Datelike, Months, NaiveDate};
        let parse = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let day = |date: NaiveDate| date.format("%Y-%m-%d").to_string();
        let whole_days = || PeriodParts {
            head_end: "9999-12-31".to_owned(),
            tail_start: "9999-12-31".to_owned(),
            first_month: "9999-12".to_owned(),
            last_month: "0000-00".to_owned(),
        };
        let (Some(start), Some(end)) = (parse(from), parse(to)) else {
            return whole_days();
        };
        let first_full = if start.day() == 1 {
            Some(start)
        } else {
            start
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(1)))
        };
        let after_end = end.succ_opt();
        let last_full = match after_end {
            Some(next) if next.day() == 1 => Some(end),
            _ => end.with_day(1).and_then(|d| d.pred_opt()),
        };
        match (first_full, last_full) {
            (Some(first), Some(last)) if first <= last => PeriodParts {
                head_end: day(first),
                tail_start: day(last),
                first_month: first.format("%Y-%m").to_string(),
                last_month: last.format("%Y-%m").to_string(),
            },
            _ => whole_days(),
        }
    }
}

/// One summed line: dimension, value, the split's key and the counters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollupLine {
    pub dimension: String,
    pub value: String,
    pub split: String,
    pub counters: Counters,
}

/// The sums of the rollups under `filter`, by dimension, value and `split`; only the rows of
/// `only` (a dimension, and a value when given) when set. Its cost follows the number of
/// days, places and values in the period, never the number of records written.
pub async fn sum_rollups(
    conn: &mut AnyConnection,
    filter: &RollupFilter,
    split: Split,
    only: Option<(&str, Option<&str>)>,
) -> StoreResult<Vec<RollupLine>> {
    let mut conditions: Vec<String> = Vec::new();
    let mut next = 7;
    let mut numbers: Vec<i64> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    if let Some(organizations) = &filter.organizations {
        if organizations.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = organizations
            .iter()
            .map(|id| {
                numbers.push(*id);
                next += 1;
                format!("${}", next - 1)
            })
            .collect();
        conditions.push(format!("organization_id IN ({})", marks.join(", ")));
    }
    if let Some(place) = filter.place {
        numbers.push(place);
        conditions.push(format!("place_id = ${next}"));
        next += 1;
    }
    let mut text = |value: &str, condition: &str, next: &mut usize| {
        texts.push(value.to_owned());
        conditions.push(format!("{condition} = ${next}"));
        *next += 1;
    };
    if let Some(kind) = &filter.kind {
        text(kind, "kind", &mut next);
    }
    if let Some((dimension, value)) = only {
        text(dimension, "dimension", &mut next);
        if let Some(value) = value {
            text(value, "value", &mut next);
        }
    }
    if !filter.age_bands.is_empty() {
        let marks: Vec<String> = filter
            .age_bands
            .iter()
            .map(|band| {
                texts.push(band.clone());
                next += 1;
                format!("${}", next - 1)
            })
            .collect();
        conditions.push(format!("age_band IN ({})", marks.join(", ")));
    }
    let filters: String = conditions.iter().map(|c| format!(" AND {c}")).collect();
    let (daily, monthly) = (split.column(false), split.column(true));
    let sql = format!(
        "SELECT dimension, value, split, CAST(SUM(records) AS BIGINT) AS records, \
         CAST(SUM(people) AS BIGINT) AS people, CAST(SUM(minutes) AS BIGINT) AS minutes FROM (\
         SELECT dimension, value, {daily} AS split, records, people, minutes FROM stats_daily \
         WHERE on_date >= $1 AND on_date <= $4 AND (on_date < $2 OR on_date > $3){filters} \
         UNION ALL \
         SELECT dimension, value, {monthly} AS split, records, people, minutes FROM stats_monthly \
         WHERE month >= $5 AND month <= $6{filters}) AS r \
         GROUP BY dimension, value, split"
    );
    let parts = PeriodParts::of(&filter.from, &filter.to);
    let mut query = sqlx::query(&sql)
        .bind(&filter.from)
        .bind(parts.head_end)
        .bind(parts.tail_start)
        .bind(&filter.to)
        .bind(parts.first_month)
        .bind(parts.last_month);
    for number in &numbers {
        query = query.bind(*number);
    }
    for text in &texts {
        query = query.bind(text.as_str());
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            Ok(RollupLine {
                dimension: row.try_get("dimension")?,
                value: row.try_get("value")?,
                split: row.try_get("split")?,
                counters: Counters {
                    records: row.try_get("records")?,
                    people: row.try_get("people")?,
                    minutes: row.try_get("minutes")?,
                },
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// Member places with their name, commune and organisation, for labels and the place filter.
pub async fn place_names(conn: &mut AnyConnection) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, nom, commune FROM places WHERE organization_id IS NOT NULL \
         ORDER BY commune, nom, id",
    )
    .fetch_all(conn)
    .await?)
}

/// `$start, $start+1, …` for `count` values (an `IN` list).
fn marks(start: usize, count: usize) -> String {
    (start..start + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the other domains' figures are read for: a period, the organisations (`None`: the
/// network) and a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope<'a> {
    /// Instants (stored form), `[from, until)`.
    pub from_instant: String,
    pub until_instant: String,
    /// Dates `YYYY-MM-DD`, both included.
    pub from_day: String,
    pub to_day: String,
    pub organizations: Option<&'a [i64]>,
    pub place: Option<i64>,
}

/// Referrals made in the period: `(state, destination place id (0: removed), its name, its
/// commune, count)`. An organisation sees those it sent and those it received; a place, those sent
/// from a record made there and those sent to it.
pub async fn referral_counts(
    conn: &mut AnyConnection,
    scope: &Scope<'_>,
) -> StoreResult<Vec<(String, i64, String, String, i64)>> {
    let mut numbers = Vec::new();
    let mut conditions = String::new();
    if let Some(organizations) = scope.organizations {
        if organizations.is_empty() {
            return Ok(Vec::new());
        }
        let list = marks(3, organizations.len());
        conditions.push_str(&format!(
            " AND (r.origin_organization_id IN ({list}) OR r.destination_organization_id IN ({list}))"
        ));
        numbers.extend_from_slice(organizations);
    }
    // The record a referral came from is only read when a place is asked for.
    let mut records = "";
    if let Some(place) = scope.place {
        let mark = 3 + numbers.len();
        records = " LEFT JOIN activities a ON a.id = r.activity_id";
        conditions.push_str(&format!(
            " AND (r.destination_place_id = ${mark} OR a.place_id = ${mark})"
        ));
        numbers.push(place);
    }
    let sql = format!(
        "SELECT r.state, COALESCE(r.destination_place_id, 0) AS place, \
         COALESCE(p.nom, '') AS destination, \
         COALESCE(p.commune, '') AS commune, CAST(COUNT(*) AS BIGINT) AS n \
         FROM referrals r LEFT JOIN places p ON p.id = r.destination_place_id{records} \
         WHERE r.created_at >= $1 AND r.created_at < $2{conditions} \
         GROUP BY r.state, r.destination_place_id, p.nom, p.commune"
    );
    let query = sqlx::query_as(&sql)
        .bind(&scope.from_instant)
        .bind(&scope.until_instant);
    Ok(bind_all(query, &numbers).fetch_all(conn).await?)
}

/// One workshop session of the period, as the dashboard counts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionLine {
    pub level: String,
    pub status: String,
    pub capacity: i64,
    /// Attendance was marked (a collective record exists).
    pub marked: i64,
    /// People present, from the collective record.
    pub present: i64,
}

/// The workshop sessions dated in the period.
pub async fn workshop_sessions(
    conn: &mut AnyConnection,
    scope: &Scope<'_>,
) -> StoreResult<Vec<SessionLine>> {
    let mut numbers = Vec::new();
    let mut conditions = String::new();
    if let Some(organizations) = scope.organizations {
        if organizations.is_empty() {
            return Ok(Vec::new());
        }
        conditions.push_str(&format!(
            " AND w.organization_id IN ({})",
            marks(3, organizations.len())
        ));
        numbers.extend_from_slice(organizations);
    }
    if let Some(place) = scope.place {
        conditions.push_str(&format!(" AND w.place_id = ${}", 3 + numbers.len()));
        numbers.push(place);
    }
    let sql = format!(
        "SELECT w.level, w.status, w.capacity, \
         CASE WHEN a.id IS NULL THEN 0 ELSE 1 END AS marked, \
         COALESCE(a.participants, 0) AS present \
         FROM workshop_sessions s JOIN workshops w ON w.id = s.workshop_id \
         LEFT JOIN activities a ON a.id = s.activity_id \
         WHERE s.on_date >= $1 AND s.on_date <= $2{conditions}"
    );
    let query = sqlx::query_as(&sql)
        .bind(&scope.from_day)
        .bind(&scope.to_day);
    let rows: Vec<(String, String, i64, i64, i64)> =
        bind_all(query, &numbers).fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(level, status, capacity, marked, present)| SessionLine {
            level,
            status,
            capacity,
            marked,
            present,
        })
        .collect())
}

/// Binds `numbers` after the query's other parameters.
fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    numbers: &[i64],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for number in numbers {
        query = query.bind(*number);
    }
    query
}

/// Diagnostic counters of the months `[from, to]` (`YYYY-MM`) summed by dimension and value.
/// Diagnostics made at home (place 0) belong to the network only.
pub async fn diagnostic_sums(
    conn: &mut AnyConnection,
    from_month: &str,
    to_month: &str,
    organizations: Option<&[i64]>,
    place: Option<i64>,
) -> StoreResult<Vec<(String, String, i64)>> {
    let mut numbers = Vec::new();
    let mut conditions = String::new();
    if let Some(organizations) = organizations {
        if organizations.is_empty() {
            return Ok(Vec::new());
        }
        conditions.push_str(&format!(
            " AND p.organization_id IN ({})",
            marks(3, organizations.len())
        ));
        numbers.extend_from_slice(organizations);
    }
    if let Some(place) = place {
        conditions.push_str(&format!(" AND d.place_id = ${}", 3 + numbers.len()));
        numbers.push(place);
    }
    let sql = format!(
        "SELECT d.dimension, d.value, CAST(SUM(d.people) AS BIGINT) AS people \
         FROM diagnostic_counts d LEFT JOIN places p ON p.id = d.place_id \
         WHERE d.month >= $1 AND d.month <= $2{conditions} GROUP BY d.dimension, d.value"
    );
    let query = sqlx::query_as(&sql).bind(from_month).bind(to_month);
    Ok(bind_all(query, &numbers).fetch_all(conn).await?)
}

/// Active staff who are not coordinators, in the organisations (`None`: all), and how many of
/// them signed the charter version `version_id`.
pub async fn helper_signatures(
    conn: &mut AnyConnection,
    version_id: i64,
    organizations: Option<&[i64]>,
) -> StoreResult<(i64, i64)> {
    let mut conditions = String::new();
    if let Some(organizations) = organizations {
        if organizations.is_empty() {
            return Ok((0, 0));
        }
        conditions.push_str(&format!(
            " AND m.organization_id IN ({})",
            marks(2, organizations.len())
        ));
    }
    let sql = format!(
        "SELECT CAST(COUNT(DISTINCT u.id) AS BIGINT) AS staff, \
         CAST(COUNT(DISTINCT s.user_id) AS BIGINT) AS signed \
         FROM users u JOIN memberships m ON m.user_id = u.id \
         LEFT JOIN charter_signatures s ON s.user_id = u.id AND s.charter_version_id = $1 \
         WHERE u.is_active = 1 AND u.role <> 'coordinator'{conditions}"
    );
    let query = sqlx::query_as(&sql).bind(version_id);
    Ok(bind_all(query, organizations.unwrap_or(&[]))
        .fetch_one(conn)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_read_as_whole_months_and_the_days_around_them() {
        assert_eq!(
            PeriodParts::of("2025-10-01", "2025-12-31"),
            PeriodParts {
                head_end: "2025-10-01".into(),
                tail_start: "2025-12-31".into(),
                first_month: "2025-10".into(),
                last_month: "2025-12".into(),
            }
        );
        let parts = PeriodParts::of("2025-04-15", "2026-03-02");
        assert_eq!(parts.head_end, "2025-05-01");
        assert_eq!(parts.tail_start, "2026-02-28");
        assert_eq!(
            (parts.first_month.as_str(), parts.last_month.as_str()),
            ("2025-05", "2026-02")
        );
        // Within one month: only days.
        let parts = PeriodParts::of("2026-03-02", "2026-03-20");
        assert!(parts.first_month > parts.last_month);
        assert_eq!(parts.head_end, "9999-12-31");
    }
}
