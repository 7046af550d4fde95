//! The network this deployment serves (one per deployment): its name and territory.

mod store;

use crate::storage::{Db, StoreError};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub name: String,
    pub territory: String,
}

/// The network, once it has been named.
pub async fn find_network(db: &Db) -> Result<Option<Network>, StoreError> {
    let mut conn = db.acquire().await?;
    store::find_network(&mut conn).await
}

/// Names (or renames) the network.
pub async fn save_network(
    db: &Db,
    now: DateTime<Utc>,
    network: &Network,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    store::upsert_network(&mut tx, network, now).await?;
    tx.commit().await?;
    Ok(())
}
