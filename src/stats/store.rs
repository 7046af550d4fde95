//! SQL of the statistics rollups: keeping them as records are written, rebuilding them, and
//! the one aggregate query the dashboards, reports and the public page read.

use super::model::{Counters, RollupKey};
use crate::storage::StoreResult;
use sqlx::{AnyConnection, Row};

/// Adds rows to the rollups (negative counters remove), in the caller's transaction. Rows
/// that fall back to zero are deleted, so the table holds only what the records say.
pub async fn apply_rows(
    conn: &mut AnyConnection,
    rows: &[(RollupKey, Counters)],
) -> StoreResult<()> {
    for (key, counters) in rows {
        sqlx::query(
            "INSERT INTO stats_daily (on_date, organization_id, place_id, kind, age_band, \
             dimension, value, records, people, minutes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (on_date, organization_id, place_id, kind, age_band, dimension, value) \
             DO UPDATE SET records = stats_daily.records + excluded.records, \
             people = stats_daily.people + excluded.people, \
             minutes = stats_daily.minutes + excluded.minutes",
        )
        .bind(&key.on_date)
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
        .map(|(k, _)| k.on_date.as_str())
        .collect();
    emptied.dedup();
    for on_date in emptied {
        sqlx::query(
            "DELETE FROM stats_daily WHERE on_date = $1 AND records = 0 AND people = 0 \
             AND minutes = 0",
        )
        .bind(on_date)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Empties the rollups (before a rebuild).
pub async fn clear(conn: &mut AnyConnection) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM stats_daily")
        .execute(conn)
        .await?
        .rows_affected())
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
    fn column(self) -> &'static str {
        match self {
            Self::AgeBand => "age_band",
            Self::Month => "SUBSTR(on_date, 1, 7)",
            Self::Place => "CAST(place_id AS TEXT)",
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
    let mut conditions = vec!["on_date >= $1".to_owned(), "on_date <= $2".to_owned()];
    let mut next = 3;
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
    let column = split.column();
    let sql = format!(
        "SELECT dimension, value, {column} AS split, \
         CAST(SUM(records) AS BIGINT) AS records, CAST(SUM(people) AS BIGINT) AS people, \
         CAST(SUM(minutes) AS BIGINT) AS minutes FROM stats_daily WHERE {} \
         GROUP BY dimension, value, {column}",
        conditions.join(" AND ")
    );
    let mut query = sqlx::query(&sql).bind(&filter.from).bind(&filter.to);
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
