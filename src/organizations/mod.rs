//! Member organisations (structures) of the network. The foundation keeps only their name;
//! the directory issue adds identifiers, types and places.

mod store;

use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: i64,
    pub name: String,
}

pub async fn list_organizations(db: &Db) -> Result<Vec<Organization>, StoreError> {
    let mut conn = db.acquire().await?;
    store::list_organizations(&mut conn).await
}

pub async fn create_organization(
    db: &Db,
    now: DateTime<Utc>,
    name: &str,
) -> Result<Organization, StoreError> {
    let mut tx = db.begin().await?;
    let id = store::insert_organization(&mut tx, name.trim(), now).await?;
    tx.commit().await?;
    Ok(Organization {
        id,
        name: name.trim().to_owned(),
    })
}
