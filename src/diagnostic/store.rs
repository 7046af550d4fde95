//! SQL of the diagnostic aggregates: counters per place, month, dimension and value.

use crate::storage::StoreResult;
use sqlx::{AnyConnection, Row};

/// Adds one to each `(dimension, value)` counter of a place and month.
pub async fn add_counts(
    conn: &mut AnyConnection,
    place: i64,
    month: &str,
    counts: &[(String, String)],
) -> StoreResult<()> {
    for (dimension, value) in counts {
        sqlx::query(
            "INSERT INTO diagnostic_counts (place_id, month, dimension, value, people) \
             VALUES ($1, $2, $3, $4, 1) \
             ON CONFLICT (place_id, month, dimension, value) \
             DO UPDATE SET people = diagnostic_counts.people + 1",
        )
        .bind(place)
        .bind(month)
        .bind(dimension.as_str())
        .bind(value.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountRow {
    pub place: i64,
    pub month: String,
    pub dimension: String,
    pub value: String,
    pub people: i64,
}

/// The counters of months `from..=to` (`YYYY-MM`), by place, month, dimension and value.
pub async fn counts_between(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> StoreResult<Vec<CountRow>> {
    let rows = sqlx::query(
        "SELECT place_id, month, dimension, value, people FROM diagnostic_counts \
         WHERE month >= $1 AND month <= $2 ORDER BY place_id, month, dimension, value",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(CountRow {
                place: row.try_get("place_id")?,
                month: row.try_get("month")?,
                dimension: row.try_get("dimension")?,
                value: row.try_get("value")?,
                people: row.try_get("people")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}
