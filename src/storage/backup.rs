//! Backups of a SQLite database while Relais runs (`VACUUM INTO`, a consistent copy taken
//! inside one read transaction, so writers go on), and restoring one into place while Relais
//! is stopped. PostgreSQL has its own tools (`pg_dump`, `pg_restore`; docs/deployment.md).
//! Errors are French sentences for the administrator.

use super::{Backend, DatabaseUrl, Db};
use crate::config::ConfigError;
use std::path::{Path, PathBuf};

fn refused(text: String) -> anyhow::Error {
    ConfigError(text).into()
}

/// Checks that `path` is a whole SQLite database of Relais: it opens, `PRAGMA
/// integrity_check` says `ok`, and it has the migrations table.
pub async fn check_copy(path: &Path) -> anyhow::Result<()> {
    let url = format!("sqlite://{}", path.display());
    let db = Db::connect(&url).await?;
    let mut conn = db.acquire().await?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut *conn)
        .await
        .map_err(|_| {
            refused(format!(
                "« {} » n'est pas une base SQLite lisible.",
                path.display()
            ))
        })?;
    let has_migrations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    drop(conn);
    db.close().await;
    if integrity != "ok" {
        return Err(refused(format!(
            "La base « {} » est abîmée (contrôle d'intégrité : {integrity}).",
            path.display()
        )));
    }
    if has_migrations == 0 {
        return Err(refused(format!(
            "« {} » n'est pas une base de Relais (pas de table schema_migrations).",
            path.display()
        )));
    }
    Ok(())
}

/// Writes a consistent copy of the running SQLite database to `output` (which must not exist)
/// and checks it. Returns its size in bytes.
pub async fn backup(db: &Db, output: &Path) -> anyhow::Result<u64> {
    if db.backend() != Backend::Sqlite {
        return Err(refused(
            "relais backup copie une base SQLite ; pour PostgreSQL, utilisez pg_dump (voir docs/deployment.md).".into(),
        ));
    }
    if output.exists() {
        return Err(refused(format!(
            "« {} » existe déjà : choisissez un autre fichier, une sauvegarde n'en écrase jamais une autre.",
            output.display()
        )));
    }
    let mut conn = db.acquire().await?;
    sqlx::query("VACUUM INTO $1")
        .bind(output.display().to_string())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            refused(format!(
                "La sauvegarde vers « {} » a échoué ({error}).",
                output.display()
            ))
        })?;
    drop(conn);
    check_copy(output).await?;
    Ok(std::fs::metadata(output)?.len())
}

/// Puts a backup in place of the SQLite database of `database_url` (Relais must be stopped).
/// An existing database is replaced only with `replace`; the copy is checked first and written
/// beside the target, then renamed, so a failure leaves the old database untouched.
pub async fn restore(input: &Path, database_url: &str, replace: bool) -> anyhow::Result<PathBuf> {
    let target = match DatabaseUrl::parse(database_url)? {
        DatabaseUrl::Sqlite(path) => path,
        DatabaseUrl::Postgres(_) => {
            return Err(refused(
                "relais restore remet une base SQLite ; pour PostgreSQL, utilisez pg_restore ou psql (voir docs/deployment.md).".into(),
            ));
        }
    };
    if !input.is_file() {
        return Err(refused(format!(
            "La sauvegarde « {} » est introuvable.",
            input.display()
        )));
    }
    check_copy(input).await?;
    if target.exists() && !replace {
        return Err(refused(format!(
            "La base « {} » existe déjà : arrêtez Relais et ajoutez --remplacer pour la remplacer.",
            target.display()
        )));
    }
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let staging = target.with_extension("restauration");
    std::fs::copy(input, &staging)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&staging, &target)?;
    Ok(target)
}
