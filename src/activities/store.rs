//! SQL of accompaniment records and their workshop counts.

use super::Activity;
use super::model::{ActivityData, ActivityId, Kind, Profile};
use crate::accounts::UserId;
use crate::places::PlaceId;
use crate::stats::model::rollup_rows;
use crate::storage::time::{date_to_db, from_db, to_db};
use crate::storage::{StoreError, StoreResult, flag, to_flag};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const COLUMNS: &str = "a.id, a.kind, a.helper_id, a.organization_id, a.on_date, a.location, \
     a.place_id, a.location_commune, a.permanence_id, a.duration_minutes, a.themes, \
     a.procedure_domains, a.equipment, a.autonomy, a.last_click, a.referral, a.prevention, \
     a.accounts_logged_out, a.files_deleted, a.browser_cleared, a.age_band, a.gender, \
     a.social_status, a.residence_commune, a.first_visit, a.public_charter, a.participants, \
     a.workshop_level, a.diagnostic_levels, a.note, a.created_at, a.updated_at, \
     COALESCE(u.display_name, '') AS helper_name, COALESCE(p.nom, '') AS place_name";

const FROM: &str = "activities a LEFT JOIN users u ON u.id = a.helper_id \
     LEFT JOIN places p ON p.id = a.place_id";

fn list(text: &str) -> Vec<String> {
    text.split('|')
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

fn activity_from_row(row: &AnyRow) -> Result<Activity, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let kind = Kind::parse(&kind)
        .ok_or_else(|| sqlx::Error::Decode(format!("bad activity kind {kind:?}").into()))?;
    let on_date: String = row.try_get("on_date")?;
    let on_date = NaiveDate::parse_from_str(&on_date, "%Y-%m-%d")
        .map_err(|_| sqlx::Error::Decode(format!("bad date {on_date:?}").into()))?;
    let profile = match kind {
        Kind::Individual => Some(Profile {
            age_band: row
                .try_get::<Option<String>, _>("age_band")?
                .unwrap_or_default(),
            gender: row
                .try_get::<Option<String>, _>("gender")?
                .unwrap_or_default(),
            social_status: row
                .try_get::<Option<String>, _>("social_status")?
                .unwrap_or_default(),
            residence_commune: row.try_get("residence_commune")?,
            first_visit: flag(row.try_get("first_visit")?),
            public_charter: flag(row.try_get("public_charter")?),
        }),
        Kind::Collective => None,
    };
    Ok(Activity {
        id: ActivityId(row.try_get("id")?),
        helper: row.try_get::<Option<i64>, _>("helper_id")?.map(UserId),
        helper_name: row.try_get("helper_name")?,
        organization_id: row.try_get("organization_id")?,
        place_name: row.try_get("place_name")?,
        created_at: from_db(&row.try_get::<String, _>("created_at")?)?,
        data: ActivityData {
            kind,
            on_date,
            location: row.try_get("location")?,
            place: row.try_get::<Option<i64>, _>("place_id")?.map(PlaceId),
            location_commune: row.try_get("location_commune")?,
            permanence: row.try_get("permanence_id")?,
            duration_minutes: row.try_get("duration_minutes")?,
            themes: list(&row.try_get::<String, _>("themes")?),
            procedure_domains: list(&row.try_get::<String, _>("procedure_domains")?),
            equipment: list(&row.try_get::<String, _>("equipment")?),
            autonomy: row.try_get("autonomy")?,
            last_click: row.try_get("last_click")?,
            referral: row.try_get("referral")?,
            prevention: list(&row.try_get::<String, _>("prevention")?),
            accounts_logged_out: row.try_get("accounts_logged_out")?,
            files_deleted: row.try_get("files_deleted")?,
            browser_cleared: row.try_get("browser_cleared")?,
            profile,
            participants: row.try_get("participants")?,
            counts: Vec::new(),
            workshop_level: row.try_get("workshop_level")?,
            diagnostic_levels: row.try_get("diagnostic_levels")?,
            note: row.try_get("note")?,
        },
    })
}

/// The columns written from `ActivityData`, in binding order after the id-like ones.
fn bind_data<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    data: &'q ActivityData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let profile = data.profile.as_ref();
    query
        .bind(date_to_db(data.on_date))
        .bind(&data.location)
        .bind(data.place.map(|p| p.0))
        .bind(&data.location_commune)
        .bind(data.permanence)
        .bind(data.duration_minutes)
        .bind(data.themes.join("|"))
        .bind(data.procedure_domains.join("|"))
        .bind(data.equipment.join("|"))
        .bind(data.autonomy.as_deref())
        .bind(&data.last_click)
        .bind(&data.referral)
        .bind(data.prevention.join("|"))
        .bind(&data.accounts_logged_out)
        .bind(&data.files_deleted)
        .bind(&data.browser_cleared)
        .bind(profile.map(|p| p.age_band.as_str()))
        .bind(profile.map(|p| p.gender.as_str()))
        .bind(profile.map(|p| p.social_status.as_str()))
        .bind(profile.map_or("", |p| p.residence_commune.as_str()))
        .bind(to_flag(profile.is_some_and(|p| p.first_visit)))
        .bind(to_flag(profile.is_some_and(|p| p.public_charter)))
        .bind(data.participants)
        .bind(data.workshop_level.as_deref())
        .bind(&data.note)
        .bind(&data.diagnostic_levels)
}

pub async fn insert_activity(
    conn: &mut AnyConnection,
    helper: UserId,
    organization: Option<i64>,
    data: &ActivityData,
    now: DateTime<Utc>,
) -> StoreResult<ActivityId> {
    let query = sqlx::query(
        "INSERT INTO activities (kind, helper_id, organization_id, on_date, location, place_id, \
         location_commune, permanence_id, duration_minutes, themes, procedure_domains, \
         equipment, autonomy, last_click, referral, prevention, accounts_logged_out, \
         files_deleted, browser_cleared, age_band, gender, social_status, residence_commune, \
         first_visit, public_charter, participants, workshop_level, note, diagnostic_levels, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, \
         $30, $30) \
         RETURNING id",
    )
    .bind(data.kind.as_str())
    .bind(helper.0)
    .bind(organization);
    let row = bind_data(query, data)
        .bind(to_db(now))
        .fetch_one(&mut *conn)
        .await?;
    let id: i64 = row.try_get("id")?;
    let id = ActivityId(id);
    insert_counts(conn, id, &data.counts).await?;
    crate::stats::store::apply_rows(conn, &rollup_rows(organization, data, 1)).await?;
    Ok(id)
}

async fn insert_counts(
    conn: &mut AnyConnection,
    id: ActivityId,
    counts: &[(String, String, i64)],
) -> StoreResult<()> {
    for (dimension, value, people) in counts {
        sqlx::query(
            "INSERT INTO activity_counts (activity_id, dimension, value, people) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(dimension)
        .bind(value)
        .bind(people)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replaces a record's data (its author, kind and creation time stay). The statistics
/// rollups lose the old data and gain the new one in the same transaction.
pub async fn update_activity(
    conn: &mut AnyConnection,
    id: ActivityId,
    data: &ActivityData,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let old = find_activity(conn, id).await?;
    let query = sqlx::query(
        "UPDATE activities SET on_date = $1, location = $2, place_id = $3, \
         location_commune = $4, permanence_id = $5, duration_minutes = $6, themes = $7, \
         procedure_domains = $8, equipment = $9, autonomy = $10, last_click = $11, \
         referral = $12, prevention = $13, accounts_logged_out = $14, files_deleted = $15, \
         browser_cleared = $16, age_band = $17, gender = $18, social_status = $19, \
         residence_commune = $20, first_visit = $21, public_charter = $22, participants = $23, \
         workshop_level = $24, note = $25, diagnostic_levels = $26, updated_at = $27 \
         WHERE id = $28",
    );
    let result = bind_data(query, data)
        .bind(to_db(now))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    sqlx::query("DELETE FROM activity_counts WHERE activity_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    insert_counts(conn, id, &data.counts).await?;
    let mut rows = rollup_rows(old.organization_id, &old.data, -1);
    rows.extend(rollup_rows(old.organization_id, data, 1));
    crate::stats::store::apply_rows(conn, &rows).await
}

/// Deletes a record, its workshop counts and its share of the statistics rollups.
pub async fn delete_activity(conn: &mut AnyConnection, id: ActivityId) -> StoreResult<()> {
    let old = find_activity(conn, id).await?;
    sqlx::query("DELETE FROM activity_counts WHERE activity_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM activities WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    crate::stats::store::apply_rows(conn, &rollup_rows(old.organization_id, &old.data, -1)).await
}

/// Up to `limit` records with their workshop counts, by id after `after` (the statistics
/// rebuild reads every record this way, a page at a time).
pub async fn page_of_activities(
    conn: &mut AnyConnection,
    after: i64,
    limit: i64,
) -> StoreResult<Vec<Activity>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE a.id > $1 ORDER BY a.id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut page: Vec<Activity> = rows
        .iter()
        .map(activity_from_row)
        .collect::<Result<_, _>>()?;
    let (Some(first), Some(last)) = (page.first(), page.last()) else {
        return Ok(page);
    };
    let counts: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT activity_id, dimension, value, people FROM activity_counts \
         WHERE activity_id BETWEEN $1 AND $2 ORDER BY activity_id, dimension, value",
    )
    .bind(first.id.0)
    .bind(last.id.0)
    .fetch_all(&mut *conn)
    .await?;
    for (activity_id, dimension, value, people) in counts {
        // The page is sorted by id.
        if let Ok(index) = page.binary_search_by_key(&activity_id, |a| a.id.0) {
            page[index].data.counts.push((dimension, value, people));
        }
    }
    Ok(page)
}

async fn load_counts(conn: &mut AnyConnection, activity: &mut Activity) -> StoreResult<()> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT dimension, value, people FROM activity_counts WHERE activity_id = $1 \
         ORDER BY dimension, value",
    )
    .bind(activity.id.0)
    .fetch_all(conn)
    .await?;
    activity.data.counts = rows;
    Ok(())
}

pub async fn find_activity(conn: &mut AnyConnection, id: ActivityId) -> StoreResult<Activity> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut activity = activity_from_row(&row)?;
    load_counts(conn, &mut activity).await?;
    Ok(activity)
}

/// The most recent records, newest first: a helper's own (`helper`), those of some
/// organisations (`organizations`), or all (both `None`).
pub async fn list_activities(
    conn: &mut AnyConnection,
    helper: Option<UserId>,
    organizations: Option<&[i64]>,
    limit: i64,
) -> StoreResult<Vec<Activity>> {
    let rows = match (helper, organizations) {
        (Some(helper), _) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE a.helper_id = $1 \
                 ORDER BY a.created_at DESC, a.id DESC LIMIT $2"
            ))
            .bind(helper.0)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
        }
        (None, Some(organizations)) => {
            // The list is short (a person's organisations): one placeholder per id.
            if organizations.is_empty() {
                return Ok(Vec::new());
            }
            let placeholders: Vec<String> = (0..organizations.len())
                .map(|i| format!("${}", i + 1))
                .collect();
            let sql = format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE a.organization_id IN ({}) \
                 ORDER BY a.created_at DESC, a.id DESC LIMIT ${}",
                placeholders.join(", "),
                organizations.len() + 1
            );
            let mut query = sqlx::query(&sql);
            for id in organizations {
                query = query.bind(*id);
            }
            query.bind(limit).fetch_all(&mut *conn).await?
        }
        (None, None) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM {FROM} ORDER BY a.created_at DESC, a.id DESC LIMIT $1"
            ))
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    Ok(rows
        .iter()
        .map(activity_from_row)
        .collect::<Result<_, _>>()?)
}

/// A helper's latest record ("same as my previous entry").
pub async fn latest_of_helper(
    conn: &mut AnyConnection,
    helper: UserId,
) -> StoreResult<Option<Activity>> {
    let mut found = list_activities(conn, Some(helper), None, 1).await?;
    match found.pop() {
        Some(mut activity) => {
            load_counts(conn, &mut activity).await?;
            Ok(Some(activity))
        }
        None => Ok(None),
    }
}

pub async fn count_activities(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM activities")
        .fetch_one(conn)
        .await?)
}

/// Places of some organisations (all member places with `None`): `(id, name, commune)`.
pub async fn member_places(
    conn: &mut AnyConnection,
    organizations: Option<&[i64]>,
) -> StoreResult<Vec<(PlaceId, String, String)>> {
    let rows: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, nom, commune, organization_id FROM places \
         WHERE organization_id IS NOT NULL AND kind = 'mediation' ORDER BY commune, nom, id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, _, organization)| match organizations {
            Some(allowed) => organization.is_some_and(|o| allowed.contains(&o)),
            None => true,
        })
        .map(|(id, name, commune, _)| (PlaceId(id), name, commune))
        .collect())
}

/// The organisation of a member mediation place (`None` for any other place).
pub async fn place_organization(
    conn: &mut AnyConnection,
    place: PlaceId,
) -> StoreResult<Option<i64>> {
    let found: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT organization_id FROM places WHERE id = $1 AND kind = 'mediation'",
    )
    .bind(place.0)
    .fetch_optional(conn)
    .await?;
    Ok(found.flatten())
}

/// The place of a permanence, if it exists.
pub async fn permanence_place(
    conn: &mut AnyConnection,
    permanence: i64,
) -> StoreResult<Option<PlaceId>> {
    let found: Option<i64> = sqlx::query_scalar("SELECT place_id FROM permanences WHERE id = $1")
        .bind(permanence)
        .fetch_optional(conn)
        .await?;
    Ok(found.map(PlaceId))
}
