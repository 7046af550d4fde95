//! Privacy by construction, checked on the real schema of this backend: the register of
//! processing declares every table and its personal columns, and no column that suggests an
//! identity (name, phone, e-mail, birth, address, IP) exists in tables about participants.

use crate::support::{TestDatabase, start_time};
use relais::register::{NOT_IDENTITIES, REGISTER, Subjects, suggests_identity};
use relais::storage::{self, Db};

async fn schema() -> Vec<(String, Vec<String>)> {
    let database = TestDatabase::create().await;
    let db = Db::connect(&database.url).await.unwrap();
    storage::migrate(&db, start_time()).await.unwrap();
    let backend = db.backend();
    let mut conn = db.acquire().await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(backend.list_tables_sql())
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let mut schema = Vec::new();
    for table in tables.into_iter().filter(|t| t != "sqlite_sequence") {
        let columns: Vec<String> = sqlx::query_scalar(backend.list_columns_sql())
            .bind(&table)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        schema.push((table, columns));
    }
    drop(conn);
    db.close().await;
    schema
}

#[tokio::test]
async fn the_register_declares_exactly_the_tables_and_personal_columns_of_the_schema() {
    let schema = schema().await;
    let found: Vec<&str> = schema.iter().map(|(t, _)| t.as_str()).collect();
    let declared: Vec<&str> = REGISTER.iter().map(|p| p.table).collect();
    assert_eq!(found, declared, "declare every table in src/register.rs");
    for processing in REGISTER {
        let columns = &schema
            .iter()
            .find(|(t, _)| t == processing.table)
            .unwrap()
            .1;
        for column in processing.personal_columns {
            assert!(
                columns.iter().any(|c| c == column),
                "{}.{column} is declared but does not exist",
                processing.table
            );
        }
    }
}

#[tokio::test]
async fn no_column_suggests_an_identity_outside_the_tables_allowed_to_hold_one() {
    let mut problems = Vec::new();
    for (table, columns) in schema().await {
        let processing = REGISTER.iter().find(|p| p.table == table).unwrap();
        for column in columns.iter().filter(|c| suggests_identity(c)) {
            if NOT_IDENTITIES.contains(&(table.as_str(), column.as_str())) {
                continue;
            }
            let allowed = match processing.subjects {
                // Staff accounts hold the staff's own identity, and referred participants what
                // they consented to share, declared column by column.
                Subjects::Staff
                | Subjects::ReferredParticipants
                | Subjects::WorkshopParticipants => {
                    processing.personal_columns.contains(&column.as_str())
                }
                // The public directory publishes organisations' and places' contacts.
                Subjects::Organisations => true,
                Subjects::AnonymousParticipants | Subjects::Nobody => false,
            };
            if !allowed {
                problems.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(problems.is_empty(), "identity-like columns: {problems:?}");
}
