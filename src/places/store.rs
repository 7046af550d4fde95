//! SQL of the directory. Column lists are written once and shared by every query; the values of
//! the standard's columns are bound in the order of `record_columns`.

use super::model::{
    Closure, Equipment, MediationRecord, Place, PlaceData, PlaceId, PlaceKind, QualityFlag,
    Visibility,
};
use super::vocab::COLUMNS;
use crate::storage::time::{date_to_db, from_db, to_db};
use crate::storage::{Backend, StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// Columns of the standard that are not plain text (or are stored under another name).
const NON_TEXT_COLUMNS: [&str; 5] = ["id", "latitude", "longitude", "source", "date_maj"];

/// Text columns of the standard kept as is (multi-values joined by '|'), in binding order: the
/// standard's own order, as `record_values` writes them.
fn record_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS
        .into_iter()
        .filter(|column| !NON_TEXT_COLUMNS.contains(column))
}

/// Columns written from `PlaceData` besides `record_columns`, in binding order.
const DATA_COLUMNS: [&str; 11] = [
    "latitude",
    "longitude",
    "date_maj",
    "computers",
    "has_wifi",
    "has_printer",
    "has_scanner",
    "is_step_free",
    "hours_note",
    "flags",
    "content_hash",
];

const OTHER_COLUMNS: &str = "id, organization_id, kind, visibility, source, source_id, \
     last_confirmed_at, created_at, updated_at";

fn join(values: &[String]) -> String {
    values.join("|")
}

fn split(value: &str) -> Vec<String> {
    value
        .split('|')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

fn record_values(record: &MediationRecord) -> [String; 27] {
    let r = record;
    [
        r.pivot.clone(),
        r.nom.clone(),
        r.commune.clone(),
        r.code_postal.clone(),
        r.code_insee.clone(),
        r.adresse.clone(),
        r.complement_adresse.clone(),
        join(&r.typologie),
        r.telephone.clone(),
        join(&r.courriels),
        join(&r.site_web),
        r.horaires.clone(),
        r.presentation_resume.clone(),
        r.presentation_detail.clone(),
        join(&r.itinerance),
        r.structure_parente.clone(),
        join(&r.services),
        join(&r.publics_specifiquement_adresses),
        join(&r.prise_en_charge_specifique),
        join(&r.frais_a_charge),
        join(&r.dispositif_programmes_nationaux),
        join(&r.formations_labels),
        r.autres_formations_labels.clone(),
        join(&r.modalites_acces),
        join(&r.modalites_accompagnement),
        r.fiche_acces_libre.clone(),
        r.prise_rdv.clone(),
    ]
}

fn flags_to_db(flags: &[QualityFlag]) -> String {
    let mut codes: Vec<&str> = flags.iter().map(|flag| flag.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join("|")
}

/// A stable fingerprint of what an import or a form would write, so a re-import of unchanged
/// rows writes nothing.
pub fn content_hash(data: &PlaceData) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for value in record_values(&data.record) {
        hasher.update(value.as_bytes());
        hasher.update([0]);
    }
    let extra = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}",
        data.record.latitude,
        data.record.longitude,
        data.record.date_maj,
        data.equipment,
        data.hours_note,
        flags_to_db(&data.flags),
        data.record.id,
    );
    hasher.update(extra.as_bytes());
    format!("{:x}", hasher.finalize())
}

fn bind_data<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    data: &PlaceData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for value in record_values(&data.record) {
        query = query.bind(value);
    }
    query
        .bind(data.record.latitude)
        .bind(data.record.longitude)
        .bind(data.record.date_maj.map(date_to_db))
        .bind(data.equipment.computers)
        .bind(to_flag(data.equipment.has_wifi))
        .bind(to_flag(data.equipment.has_printer))
        .bind(to_flag(data.equipment.has_scanner))
        .bind(to_flag(data.equipment.is_step_free))
        .bind(data.hours_note.clone())
        .bind(flags_to_db(&data.flags))
        .bind(content_hash(data))
}

fn select_sql(condition: &str) -> String {
    format!(
        "SELECT {OTHER_COLUMNS}, {}, {} FROM places {condition}",
        record_columns().collect::<Vec<_>>().join(", "),
        DATA_COLUMNS.join(", ")
    )
}

fn text(row: &AnyRow, column: &str) -> Result<String, sqlx::Error> {
    row.try_get(column)
}

fn place_from_row(row: &AnyRow) -> Result<Place, sqlx::Error> {
    let multi = |column: &str| text(row, column).map(|value| split(&value));
    let date_maj: Option<String> = row.try_get("date_maj")?;
    let record = MediationRecord {
        id: text(row, "source_id")?,
        pivot: text(row, "pivot")?,
        nom: text(row, "nom")?,
        commune: text(row, "commune")?,
        code_postal: text(row, "code_postal")?,
        code_insee: text(row, "code_insee")?,
        adresse: text(row, "adresse")?,
        complement_adresse: text(row, "complement_adresse")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        typologie: multi("typologie")?,
        telephone: text(row, "telephone")?,
        courriels: multi("courriels")?,
        site_web: multi("site_web")?,
        horaires: text(row, "horaires")?,
        presentation_resume: text(row, "presentation_resume")?,
        presentation_detail: text(row, "presentation_detail")?,
        source: text(row, "source")?,
        itinerance: multi("itinerance")?,
        structure_parente: text(row, "structure_parente")?,
        date_maj: date_maj
            .as_deref()
            .map(|value| {
                NaiveDate::parse_from_str(value, "%Y-%m-%d")
                    .map_err(|error| sqlx::Error::Decode(error.into()))
            })
            .transpose()?,
        services: multi("services")?,
        publics_specifiquement_adresses: multi("publics_specifiquement_adresses")?,
        prise_en_charge_specifique: multi("prise_en_charge_specifique")?,
        frais_a_charge: multi("frais_a_charge")?,
        dispositif_programmes_nationaux: multi("dispositif_programmes_nationaux")?,
        formations_labels: multi("formations_labels")?,
        autres_formations_labels: text(row, "autres_formations_labels")?,
        modalites_acces: multi("modalites_acces")?,
        modalites_accompagnement: multi("modalites_accompagnement")?,
        fiche_acces_libre: text(row, "fiche_acces_libre")?,
        prise_rdv: text(row, "prise_rdv")?,
    };
    let kind: String = row.try_get("kind")?;
    let visibility: String = row.try_get("visibility")?;
    let confirmed: Option<String> = row.try_get("last_confirmed_at")?;
    Ok(Place {
        id: PlaceId(row.try_get("id")?),
        organization_id: row.try_get("organization_id")?,
        kind: PlaceKind::parse(&kind)
            .ok_or_else(|| sqlx::Error::Decode(format!("bad place kind {kind:?}").into()))?,
        visibility: Visibility::parse(&visibility)
            .ok_or_else(|| sqlx::Error::Decode(format!("bad visibility {visibility:?}").into()))?,
        record,
        equipment: Equipment {
            computers: row.try_get("computers")?,
            has_wifi: flag(row.try_get("has_wifi")?),
            has_printer: flag(row.try_get("has_printer")?),
            has_scanner: flag(row.try_get("has_scanner")?),
            is_step_free: flag(row.try_get("is_step_free")?),
        },
        hours_note: text(row, "hours_note")?,
        flags: text(row, "flags")?
            .split('|')
            .filter_map(QualityFlag::from_code)
            .collect(),
        closures: Vec::new(),
        last_confirmed_at: confirmed.as_deref().map(from_db).transpose()?,
        created_at: from_db(&text(row, "created_at")?)?,
        updated_at: from_db(&text(row, "updated_at")?)?,
    })
}

/// An update or delete that touched no row means the row does not exist.
fn changed_one(rows: u64) -> StoreResult<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Marks the directory as changed (every write calls it in its transaction).
pub async fn bump_revision(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("UPDATE directory_revision SET revision = revision + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn current_revision(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT revision FROM directory_revision WHERE id = 1")
            .fetch_one(conn)
            .await?,
    )
}

/// Where a new place comes from and who it belongs to.
pub struct NewPlaceMeta<'a> {
    pub organization_id: Option<i64>,
    pub kind: PlaceKind,
    pub visibility: Visibility,
    pub source: &'a str,
    pub source_id: &'a str,
}

/// `INSERT INTO places (…) VALUES (…), (…)` for `rows` rows.
fn insert_sql(rows: usize, backend: Backend) -> String {
    let columns: Vec<&str> = [
        "organization_id",
        "kind",
        "visibility",
        "source",
        "source_id",
        "created_at",
        "updated_at",
    ]
    .into_iter()
    .chain(record_columns())
    .chain(DATA_COLUMNS)
    .collect();
    let width = columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let placeholders: Vec<String> = (1..=width)
                .map(|n| backend.placeholder(row * width + n))
                .collect();
            format!("({})", placeholders.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO places ({}) VALUES {}",
        columns.join(", "),
        tuples.join(", ")
    )
}

fn bind_new_place<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    meta: &NewPlaceMeta<'_>,
    data: &PlaceData,
    now: DateTime<Utc>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let query = query
        .bind(meta.organization_id)
        .bind(meta.kind.as_str())
        .bind(meta.visibility.as_str())
        .bind(meta.source.to_owned())
        .bind(meta.source_id.to_owned())
        .bind(to_db(now))
        .bind(to_db(now));
    bind_data(query, data)
}

pub async fn insert_place(
    conn: &mut AnyConnection,
    meta: &NewPlaceMeta<'_>,
    data: &PlaceData,
    now: DateTime<Utc>,
) -> StoreResult<PlaceId> {
    let sql = format!("{} RETURNING id", insert_sql(1, Backend::of(conn)));
    let row = bind_new_place(sqlx::query(&sql), meta, data, now)
        .fetch_one(conn)
        .await?;
    Ok(PlaceId(row.try_get("id")?))
}

/// Rows per statement when inserting many places: about 11,000 parameters, under the
/// limits of both SQLite (32,766) and PostgreSQL (65,535).
const INSERT_BATCH: usize = 250;

/// Inserts many places with multi-row statements (the import's fast path).
pub async fn insert_places(
    conn: &mut AnyConnection,
    rows: &[(NewPlaceMeta<'_>, &PlaceData)],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let backend = Backend::of(conn);
    let full_batch_sql = insert_sql(INSERT_BATCH, backend);
    for chunk in rows.chunks(INSERT_BATCH) {
        let sql = if chunk.len() == INSERT_BATCH {
            full_batch_sql.clone()
        } else {
            insert_sql(chunk.len(), backend)
        };
        let mut query = sqlx::query(&sql);
        for (meta, data) in chunk {
            query = bind_new_place(query, meta, data, now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces the data of a place (the standard's columns, equipment, hours note and flags).
pub async fn update_place_data(
    conn: &mut AnyConnection,
    id: PlaceId,
    data: &PlaceData,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let assignments: Vec<String> = record_columns()
        .chain(DATA_COLUMNS)
        .enumerate()
        .map(|(index, column)| format!("{column} = ${}", index + 1))
        .collect();
    let count = assignments.len();
    let sql = format!(
        "UPDATE places SET {}, updated_at = ${} WHERE id = ${}",
        assignments.join(", "),
        count + 1,
        count + 2
    );
    let result = bind_data(sqlx::query(&sql), data)
        .bind(to_db(now))
        .bind(id.0)
        .execute(conn)
        .await?;
    changed_one(result.rows_affected())
}

/// Changes who a place belongs to, what it is and whether the public sees it.
pub async fn update_place_settings(
    conn: &mut AnyConnection,
    id: PlaceId,
    organization_id: Option<i64>,
    kind: PlaceKind,
    visibility: Visibility,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = sqlx::query(
        "UPDATE places SET organization_id = $1, kind = $2, visibility = $3, updated_at = $4 \
         WHERE id = $5",
    )
    .bind(organization_id)
    .bind(kind.as_str())
    .bind(visibility.as_str())
    .bind(to_db(now))
    .bind(id.0)
    .execute(conn)
    .await?;
    changed_one(result.rows_affected())
}

pub async fn find_place(conn: &mut AnyConnection, id: PlaceId) -> StoreResult<Place> {
    let row = sqlx::query(&select_sql("WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut place = place_from_row(&row)?;
    place.closures = list_closures(conn, id).await?;
    Ok(place)
}

/// Every place with its closures, in id order (for the search index and exports).
pub async fn list_places(conn: &mut AnyConnection) -> StoreResult<Vec<Place>> {
    let rows = sqlx::query(&select_sql("ORDER BY id"))
        .fetch_all(&mut *conn)
        .await?;
    let mut places = rows
        .iter()
        .map(place_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let mut closures = list_all_closures(conn).await?;
    for place in &mut places {
        place.closures = closures.remove(&place.id).unwrap_or_default();
    }
    Ok(places)
}

/// Up to `limit` places with ids above `after`, by id, without their closures (to read the
/// whole directory a page at a time; see `list_all_closures`).
pub async fn list_places_after(
    conn: &mut AnyConnection,
    after: PlaceId,
    limit: i64,
) -> StoreResult<Vec<Place>> {
    let rows = sqlx::query(&select_sql("WHERE id > $1 ORDER BY id LIMIT $2"))
        .bind(after.0)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(place_from_row)
        .collect::<Result<Vec<_>, _>>()?)
}

pub async fn list_organization_places(
    conn: &mut AnyConnection,
    organization_id: i64,
) -> StoreResult<Vec<Place>> {
    let rows = sqlx::query(&select_sql("WHERE organization_id = $1 ORDER BY nom, id"))
        .bind(organization_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(place_from_row)
        .collect::<Result<Vec<_>, _>>()?)
}

/// (id, content hash) of the places of one source, keyed by source id.
pub async fn source_fingerprints(
    conn: &mut AnyConnection,
    source: &str,
) -> StoreResult<HashMap<String, (PlaceId, String)>> {
    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT source_id, id, content_hash FROM places WHERE source = $1")
            .bind(source)
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(source_id, id, hash)| (source_id, (PlaceId(id), hash)))
        .collect())
}

pub async fn confirm_place(
    conn: &mut AnyConnection,
    id: PlaceId,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = sqlx::query(
        "UPDATE places SET last_confirmed_at = $1, last_confirmed_by = $2 WHERE id = $3",
    )
    .bind(to_db(now))
    .bind(by)
    .bind(id.0)
    .execute(conn)
    .await?;
    changed_one(result.rows_affected())
}

pub async fn delete_place(conn: &mut AnyConnection, id: PlaceId) -> StoreResult<()> {
    let result = sqlx::query("DELETE FROM places WHERE id = $1")
        .bind(id.0)
        .execute(conn)
        .await?;
    changed_one(result.rows_affected())
}

pub async fn insert_closure(
    conn: &mut AnyConnection,
    place: PlaceId,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    message: &str,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO place_closures (place_id, starts_on, ends_on, message, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(place.0)
    .bind(date_to_db(starts_on))
    .bind(date_to_db(ends_on))
    .bind(message)
    .bind(to_db(now))
    .fetch_one(conn)
    .await?)
}

pub async fn delete_closure(
    conn: &mut AnyConnection,
    place: PlaceId,
    closure_id: i64,
) -> StoreResult<()> {
    let result = sqlx::query("DELETE FROM place_closures WHERE id = $1 AND place_id = $2")
        .bind(closure_id)
        .bind(place.0)
        .execute(conn)
        .await?;
    changed_one(result.rows_affected())
}

/// Closures that ended before `cutoff` are no longer useful to anyone.
pub async fn delete_closures_ended_before(
    conn: &mut AnyConnection,
    cutoff: NaiveDate,
) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM place_closures WHERE ends_on < $1")
        .bind(date_to_db(cutoff))
        .execute(conn)
        .await?
        .rows_affected())
}

fn closure_from_tuple(
    (id, starts_on, ends_on, message): (i64, String, String, String),
) -> Result<Closure, sqlx::Error> {
    let date = |value: &str| {
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map_err(|error| sqlx::Error::Decode(error.into()))
    };
    Ok(Closure {
        id,
        starts_on: date(&starts_on)?,
        ends_on: date(&ends_on)?,
        message,
    })
}

pub async fn list_closures(conn: &mut AnyConnection, place: PlaceId) -> StoreResult<Vec<Closure>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, starts_on, ends_on, message FROM place_closures WHERE place_id = $1 \
         ORDER BY starts_on, id",
    )
    .bind(place.0)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(closure_from_tuple)
        .collect::<Result<_, _>>()?)
}

pub async fn list_all_closures(
    conn: &mut AnyConnection,
) -> StoreResult<HashMap<PlaceId, Vec<Closure>>> {
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT place_id, id, starts_on, ends_on, message FROM place_closures \
         ORDER BY starts_on, id",
    )
    .fetch_all(conn)
    .await?;
    let mut map: HashMap<PlaceId, Vec<Closure>> = HashMap::new();
    for (place_id, id, starts_on, ends_on, message) in rows {
        map.entry(PlaceId(place_id))
            .or_default()
            .push(closure_from_tuple((id, starts_on, ends_on, message))?);
    }
    Ok(map)
}

pub async fn dismiss_duplicate(
    conn: &mut AnyConnection,
    a: PlaceId,
    b: PlaceId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    sqlx::query(
        "INSERT INTO place_duplicate_dismissals (place_id, other_place_id, dismissed_at) \
         VALUES ($1, $2, $3) ON CONFLICT (place_id, other_place_id) DO NOTHING",
    )
    .bind(first.0)
    .bind(second.0)
    .bind(to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list_dismissed_duplicates(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<(PlaceId, PlaceId)>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT place_id, other_place_id FROM place_duplicate_dismissals")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(a, b)| (PlaceId(a), PlaceId(b)))
        .collect())
}

/// Moves what hangs on `from` (closures, earlier merges) to `into`, remembers `from`'s
/// (source, source id) as merged into `into`, then deletes `from`.
pub async fn merge_places(
    conn: &mut AnyConnection,
    into: PlaceId,
    from: PlaceId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("UPDATE place_closures SET place_id = $1 WHERE place_id = $2")
        .bind(into.0)
        .bind(from.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE place_merges SET place_id = $1 WHERE place_id = $2")
        .bind(into.0)
        .bind(from.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO place_merges (source, source_id, place_id, merged_at) \
         SELECT source, source_id, $1, $2 FROM places WHERE id = $3",
    )
    .bind(into.0)
    .bind(to_db(now))
    .bind(from.0)
    .execute(&mut *conn)
    .await?;
    delete_place(conn, from).await
}

/// The source ids of `source` that were merged into another place, with that place.
pub async fn merged_source_ids(
    conn: &mut AnyConnection,
    source: &str,
) -> StoreResult<HashMap<String, PlaceId>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT source_id, place_id FROM place_merges WHERE source = $1")
            .bind(source)
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(source_id, id)| (source_id, PlaceId(id)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_columns_match_the_values_written() {
        let names: Vec<&str> = record_columns().collect();
        assert_eq!(
            names.len(),
            record_values(&MediationRecord::default()).len()
        );
        assert_eq!(names.first(), Some(&"pivot"));
        assert_eq!(names.last(), Some(&"prise_rdv"));
    }
}
