//! The database handle shared by every domain: one code path for SQLite (embedded default) and
//! PostgreSQL, through sqlx's `Any` driver. Queries are written once in the SQL both share and
//! live in each domain's `store.rs`; the few real differences sit in `dialect`. Only `TEXT`,
//! `BIGINT` and `DOUBLE PRECISION` columns are used, and times are UTC text (see `time`).

pub mod backup;
pub mod dialect;
mod migrations;
pub mod time;

pub use dialect::Backend;
pub use migrations::{MIGRATIONS, applied_versions, migrate};

use crate::config::ConfigError;
use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Connection, Executor, Transaction};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// A database location, checked before any connection is tried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file; its folder is created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL URL, used as given.
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(ConfigError(format!(
                    "RELAIS_DATABASE_URL : « {text} » ne désigne pas de fichier SQLite (exemple : sqlite://relais-data/relais.db)."
                )));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            if url::Url::parse(text).is_err() {
                return Err(ConfigError(
                    "RELAIS_DATABASE_URL : l'adresse PostgreSQL est mal formée (exemple : postgres://relais:motdepasse@localhost/relais).".into(),
                ));
            }
            return Ok(Self::Postgres(text.to_owned()));
        }
        Err(ConfigError(
            "RELAIS_DATABASE_URL doit commencer par sqlite:// ou postgres:// (exemple : sqlite://relais-data/relais.db).".into(),
        ))
    }
}

/// Errors from a `store.rs` function. "Not found" and "the database failed" stay distinct.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("row not found")]
    NotFound,
    #[error("constraint violated: {constraint}")]
    Conflict { constraint: String },
    #[error(transparent)]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict {
                constraint: db.constraint().unwrap_or("unique").to_owned(),
            },
            _ => Self::Database(error),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The connection pool and which database is behind it.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite takes one writer at a time: this server's writers wait for their turn here, in
    /// a fair queue, rather than in SQLite's busy handler, which sleeps and retries.
    write_turn: Arc<tokio::sync::Mutex<()>>,
}

/// An open write transaction. Every operation that changes data uses exactly one. It reads
/// and writes as the connection it derefs to; `commit` ends it (dropping it rolls back).
pub struct Tx {
    inner: Transaction<'static, sqlx::Any>,
    /// The write turn held until the end of the transaction (SQLite only).
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Db {
    /// Opens the database (creating the SQLite folder and file when needed) and checks it
    /// answers. Errors are French sentences for the administrator.
    pub async fn connect(url: &str) -> Result<Self, ConfigError> {
        sqlx::any::install_default_drivers();
        let parsed = DatabaseUrl::parse(url)?;
        let (connect_url, backend) = match &parsed {
            DatabaseUrl::Sqlite(path) => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|error| {
                        ConfigError(format!(
                            "Impossible de créer le dossier de données « {} » : {error}.",
                            folder.display()
                        ))
                    })?;
                }
                (
                    format!("sqlite://{}?mode=rwc", path.display()),
                    Backend::Sqlite,
                )
            }
            DatabaseUrl::Postgres(url) => (url.clone(), Backend::Postgres),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            // A SQLite connection is a file handle in this process: checking it before each
            // use only costs a round trip to its worker thread.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |connection, _meta| {
                Box::pin(async move {
                    for pragma in backend.connection_pragmas() {
                        connection.execute(*pragma).await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&connect_url).await.map_err(|error| {
            ConfigError(match &parsed {
                DatabaseUrl::Sqlite(path) => format!(
                    "Impossible d'ouvrir la base SQLite « {} » : {}.",
                    path.display(),
                    short_error(&error)
                ),
                DatabaseUrl::Postgres(_) => format!(
                    "Impossible de joindre la base PostgreSQL : {}.",
                    short_error(&error)
                ),
            })
        })?;
        Ok(Self {
            pool,
            backend,
            write_turn: Arc::new(tokio::sync::Mutex::new(())),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for reads.
    pub async fn acquire(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`) so that a read-then-write transaction waits instead of failing busy.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend.begin_statement() {
            Some(statement) => {
                let turn = Arc::clone(&self.write_turn).lock_owned().await;
                Ok(Tx {
                    inner: self.pool.begin_with(statement).await?,
                    _turn: Some(turn),
                })
            }
            None => Ok(Tx {
                inner: self.pool.begin().await?,
                _turn: None,
            }),
        }
    }

    /// Whether the database answers a trivial query (readiness probe).
    pub async fn is_ready(&self) -> bool {
        match self.pool.acquire().await {
            Ok(mut connection) => connection.ping().await.is_ok(),
            Err(_) => false,
        }
    }

    /// Closes every connection (tests drop their PostgreSQL database afterwards).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A single connection outside the pool (migration lock).
    pub(crate) async fn detached_connection(&self) -> Result<AnyConnection, sqlx::Error> {
        let connection = self.pool.acquire().await?;
        Ok(connection.detach())
    }
}

/// The first line of a driver error, without internals that only confuse an administrator.
fn short_error(error: &sqlx::Error) -> String {
    let text = match error {
        sqlx::Error::Database(db) => db.message().to_owned(),
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::PoolTimedOut => "délai dépassé".to_owned(),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_owned()
}

/// Maps a stored `0`/`1` flag to a boolean.
pub fn flag(value: i64) -> bool {
    value != 0
}

/// Maps a boolean to the stored `0`/`1` flag.
pub fn to_flag(value: bool) -> i64 {
    i64::from(value)
}
