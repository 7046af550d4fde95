//! Commitments of the network charter that Relais measures itself, to pre-fill an
//! organisation's self-assessment. Keyed by the commitments' stable codes; a coordinator's
//! text that keeps a code keeps its measure.
//! The half-day rule and the yearly poster are measured by `permanences`.

use super::model::{
    CODE_EQUIPMENT, CODE_HALF_DAY, CODE_HELPERS_SIGNED, CODE_POSTER, CharterKind, Measure,
};
use super::store;
use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Every measured commitment of `organization_id`, by commitment code.
pub async fn measure_commitments(
    db: &Db,
    organization_id: i64,
    now: DateTime<Utc>,
) -> Result<HashMap<String, Measure>, StoreError> {
    let mut measures = HashMap::new();
    measures.insert(
        CODE_EQUIPMENT.to_owned(),
        measure_equipment(db, organization_id).await?,
    );
    measures.insert(
        CODE_HELPERS_SIGNED.to_owned(),
        measure_helpers_signed(db, organization_id).await?,
    );
    measures.insert(
        CODE_HALF_DAY.to_owned(),
        measure_half_day(db, organization_id, now).await?,
    );
    measures.insert(
        CODE_POSTER.to_owned(),
        measure_poster(db, organization_id, now).await?,
    );
    Ok(measures)
}

/// Computers, Wi-Fi, printer and scanner, each present in at least one of the
/// organisation's places.
async fn measure_equipment(db: &Db, organization_id: i64) -> Result<Measure, StoreError> {
    let mut conn = db.acquire().await?;
    let [computers, wifi, printer, scanner] =
        store::count_equipment(&mut conn, organization_id).await?;
    Ok(Measure::Equipment {
        has_computers: computers > 0,
        has_wifi: wifi > 0,
        has_printer: printer > 0,
        has_scanner: scanner > 0,
    })
}

/// Active staff of the organisation who signed the current helpers' charter.
async fn measure_helpers_signed(db: &Db, organization_id: i64) -> Result<Measure, StoreError> {
    let mut conn = db.acquire().await?;
    let current = store::find_current_version(&mut conn, CharterKind::Helpers).await?;
    let (total, signed) =
        store::count_staff_signed(&mut conn, organization_id, current.map(|v| v.id)).await?;
    Ok(Measure::HelpersSigned {
        signed: usize::try_from(signed).unwrap_or_default(),
        total: usize::try_from(total).unwrap_or_default(),
    })
}

/// At least one half-day of permanence per week: one of the organisation's places offers 3
/// hours every week of the coming month.
async fn measure_half_day(
    db: &Db,
    organization_id: i64,
    now: DateTime<Utc>,
) -> Result<Measure, StoreError> {
    Ok(Measure::HalfDay {
        is_met: crate::permanences::organization_meets_half_day(db, organization_id, now).await?,
    })
}

/// The poster of every place with permanences downloaded by its staff this calendar year.
async fn measure_poster(
    db: &Db,
    organization_id: i64,
    now: DateTime<Utc>,
) -> Result<Measure, StoreError> {
    Ok(Measure::PosterPrinted {
        is_met: crate::permanences::organization_posters_printed(db, organization_id, now).await?,
    })
}
