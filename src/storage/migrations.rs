//! The single migration set. Each migration is portable SQL (see `dialect::migration_sql`) plus
//! optional backend-specific statements produced by `dialect` (`extra`). Applied versions are recorded in
//! `schema_migrations`; each migration runs in its own transaction.

use super::{Backend, Db};
use anyhow::Context;
use sqlx::{Executor, Row};

/// One schema change.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    sql: &'static str,
    extra: fn(Backend) -> Vec<String>,
}

fn foundation_extra(backend: Backend) -> Vec<String> {
    backend.append_only_statements("audit_log")
}

/// Every migration, in order. Never edit one that has shipped: add a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sql: include_str!("../../migrations/0001_foundation.sql"),
        extra: foundation_extra,
    },
    Migration {
        version: 2,
        name: "directory",
        sql: include_str!("../../migrations/0002_directory.sql"),
        extra: no_extra,
    },
    Migration {
        version: 3,
        name: "place_merges",
        sql: include_str!("../../migrations/0003_place_merges.sql"),
        extra: no_extra,
    },
    Migration {
        version: 4,
        name: "permanences",
        sql: include_str!("../../migrations/0004_permanences.sql"),
        extra: no_extra,
    },
    Migration {
        version: 5,
        name: "charters",
        sql: include_str!("../../migrations/0005_charters.sql"),
        extra: no_extra,
    },
    Migration {
        version: 6,
        name: "activities",
        sql: include_str!("../../migrations/0006_activities.sql"),
        extra: no_extra,
    },
    Migration {
        version: 7,
        name: "diagnostic",
        sql: include_str!("../../migrations/0007_diagnostic.sql"),
        extra: no_extra,
    },
    Migration {
        version: 8,
        name: "referrals",
        sql: include_str!("../../migrations/0008_referrals.sql"),
        extra: no_extra,
    },
    Migration {
        version: 9,
        name: "network_life",
        sql: include_str!("../../migrations/0009_network_life.sql"),
        extra: no_extra,
    },
    Migration {
        version: 10,
        name: "workshops",
        sql: include_str!("../../migrations/0010_workshops.sql"),
        extra: no_extra,
    },
    Migration {
        version: 11,
        name: "stats",
        sql: include_str!("../../migrations/0011_stats.sql"),
        extra: no_extra,
    },
    Migration {
        version: 12,
        name: "news_attachments",
        sql: include_str!("../../migrations/0012_news_attachments.sql"),
        extra: no_extra,
    },
];

fn no_extra(_: Backend) -> Vec<String> {
    Vec::new()
}

/// Splits a migration file into statements (`;` at the end of a line ends a statement).
fn statements(sql: &str) -> impl Iterator<Item = String> + '_ {
    sql.split(";\n")
        .map(|chunk| {
            chunk
                .lines()
                .filter(|line| !line.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|statement| !statement.trim().is_empty())
}

/// Applies every pending migration. Safe to call from several servers at once on PostgreSQL.
pub async fn migrate(db: &Db, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<Vec<i64>> {
    let backend = db.backend();
    let mut lock_connection = db.detached_connection().await?;
    if let Some((lock, _)) = backend.migration_lock() {
        lock_connection.execute(lock).await?;
    }
    let result = apply_pending(db, now).await;
    if let Some((_, unlock)) = backend.migration_lock() {
        lock_connection.execute(unlock).await?;
    }
    result
}

async fn apply_pending(db: &Db, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<Vec<i64>> {
    let backend = db.backend();
    {
        let mut connection = db.acquire().await?;
        connection
            .execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (\
                 version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .await
            .context("creating schema_migrations")?;
    }
    let done = applied_versions(db).await?;
    let mut applied = Vec::new();
    for migration in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
        let mut tx = db.begin().await?;
        let sql = backend.migration_sql(migration.sql);
        for statement in statements(&sql).chain((migration.extra)(backend)) {
            tx.execute(statement.as_str())
                .await
                .with_context(|| format!("migration {} ({})", migration.version, migration.name))?;
        }
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(migration.version)
        .bind(migration.name)
        .bind(super::time::to_db(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(
            migration.version = migration.version,
            "Applied migration {} ({})",
            migration.version,
            migration.name
        );
        applied.push(migration.version);
    }
    Ok(applied)
}

/// Versions already applied, ascending.
pub async fn applied_versions(db: &Db) -> anyhow::Result<Vec<i64>> {
    let mut connection = db.acquire().await?;
    let rows = sqlx::query("SELECT version FROM schema_migrations ORDER BY version")
        .fetch_all(&mut *connection)
        .await?;
    Ok(rows.iter().map(|row| row.get::<i64, _>(0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_files_split_into_statements_without_comments() {
        let parts: Vec<String> =
            statements("-- a comment\nCREATE TABLE a (x TEXT);\n\nCREATE TABLE b (y TEXT);\n")
                .collect();
        assert_eq!(parts.len(), 2);
        assert!(parts[0].trim().starts_with("CREATE TABLE a"));
    }

    #[test]
    fn migration_versions_increase() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version));
    }
}
