//! Test helpers: `TestApp::spawn()` builds the real router over a fresh database with a manual
//! clock, and calls it in-process (no sockets).

#![allow(dead_code)] // Each test file uses a different subset of the helpers.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use relais::accounts::{self, AccountRequest, HelperKind, Role, UserId};
use relais::app::{self, AppState};
use relais::clock::Clock;
use relais::config::Config;
use relais::storage::{self, Db};
use std::net::SocketAddr;
use tower::ServiceExt;

pub mod smtp;

pub const PASSWORD: &str = "une phrase de test assez longue";

/// The instant every test starts at.
pub fn start_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A fresh database for one test, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
    _folder: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub async fn create() -> Self {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let name = format!("test_{}", random_suffix());
                let admin = Db::connect(&admin_url)
                    .await
                    .expect("TEST_DATABASE_URL answers");
                let mut conn = admin.acquire().await.unwrap();
                sqlx::Executor::execute(&mut *conn, format!("CREATE DATABASE {name}").as_str())
                    .await
                    .unwrap();
                drop(conn);
                admin.close().await;
                let mut url = url::Url::parse(&admin_url).unwrap();
                url.set_path(&format!("/{name}"));
                Self {
                    url: url.to_string(),
                    postgres: Some((admin_url, name)),
                    _folder: None,
                }
            }
            None => {
                let folder = tempfile::tempdir().unwrap();
                Self {
                    url: format!("sqlite://{}", folder.path().join("relais.db").display()),
                    postgres: None,
                    _folder: Some(folder),
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.postgres.take() {
            // Dropping needs async I/O; do it on a small runtime of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    if let Ok(admin) = Db::connect(&admin_url).await {
                        if let Ok(mut conn) = admin.acquire().await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = sqlx::Executor::execute(&mut *conn, sql.as_str()).await;
                        }
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| (b'a' + rng.gen_range(0..26)) as char)
        .collect()
}

/// A response read whole.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    /// The body read as UTF-8 (invalid bytes replaced); `bytes` keeps it exact (PDF files).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// The value of the session cookie set by this response, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookie_header().and_then(|cookie| {
            cookie
                .strip_prefix("relais_session=")
                .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
                .filter(|value| !value.is_empty())
        })
    }

    pub fn set_cookie_header(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("relais_session="))
            .map(str::to_owned)
    }

    /// The text of the first element carrying `data-testid="<id>"`.
    pub fn test_id_text(&self, id: &str) -> Option<String> {
        let marker = format!("data-testid=\"{id}\">");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('<')? + start;
        Some(self.body[start..end].trim().to_owned())
    }
}

/// The application under test.
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub clock: Clock,
    pub config: Config,
    pub database: TestDatabase,
    pub index: relais::places::search::SearchIndex,
}

/// How to send one request.
#[derive(Clone, Default)]
pub struct RequestOptions<'a> {
    pub cookie: Option<&'a str>,
    pub client_ip: Option<&'a str>,
    pub headers: Vec<(&'a str, &'a str)>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns with a configuration adjusted by `adjust`.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let database = TestDatabase::create().await;
        let clock = Clock::manual(start_time());
        let db = Db::connect(&database.url).await.unwrap();
        storage::migrate(&db, clock.now()).await.unwrap();
        let mut config = Config::for_database(&database.url);
        adjust(&mut config);
        let state = AppState::new(db.clone(), config.clone(), clock.clone());
        let index = state.index.clone();
        let router = app::router(state).unwrap();
        Self {
            router,
            db,
            clock,
            config,
            database,
            index,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    fn build(
        &self,
        method: &str,
        path: &str,
        body: Body,
        options: &RequestOptions<'_>,
    ) -> Request<Body> {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost");
        if let Some(cookie) = options.cookie {
            builder = builder.header(header::COOKIE, format!("relais_session={cookie}"));
        }
        let has_content_type = options
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        if method == "POST" && !has_content_type {
            builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        for (name, value) in &options.headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(body).unwrap();
        let ip: std::net::IpAddr = options.client_ip.unwrap_or("192.0.2.10").parse().unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, 40000)));
        request
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let options = RequestOptions {
            cookie,
            ..Default::default()
        };
        self.send(self.build("GET", path, Body::empty(), &options))
            .await
    }

    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        let options = RequestOptions {
            cookie,
            ..Default::default()
        };
        self.post_form_with(path, form, &options).await
    }

    pub async fn post_form_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        options: &RequestOptions<'_>,
    ) -> TestResponse {
        let body = serde_html_form_encode(form);
        self.send(self.build("POST", path, Body::from(body), options))
            .await
    }

    /// Logs in and returns the session cookie value; panics if login fails.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .post_form(
                "/connexion",
                &[("email", email), ("password", password)],
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "login of {email}: {}",
            response.body
        );
        response.session_cookie().expect("a session cookie")
    }

    /// Creates an organisation and returns its id.
    pub async fn organization(&self, name: &str) -> i64 {
        relais::organizations::create_organization(&self.db, self.clock.now(), name)
            .await
            .unwrap()
            .id
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn account(&self, email: &str, role: Role, organizations: &[i64]) -> UserId {
        accounts::create_account(
            &self.db,
            self.clock.now(),
            &AccountRequest {
                email,
                display_name: &format!("Personne {email}"),
                password: PASSWORD,
                role,
                helper_kind: HelperKind::Volunteer,
                organization_ids: organizations,
            },
        )
        .await
        .unwrap()
    }

    /// Creates an account and logs it in.
    pub async fn logged_in(&self, email: &str, role: Role, organizations: &[i64]) -> String {
        self.account(email, role, organizations).await;
        self.login(email, PASSWORD).await
    }

    /// Number of rows in a table.
    /// Rebuilds the search index after writing through the operations directly (a server does
    /// it within seconds on its own).
    pub async fn refresh_directory(&self) {
        relais::places::refresh_index(&self.db, &self.index, self.clock.now())
            .await
            .unwrap();
    }

    /// Imports a file of `shared/data` (see `shared_data`) and returns the import's result.
    pub async fn import_shared(&self, relative: &str) -> relais::places::ImportSummary {
        let bytes = std::fs::read(shared_data(relative)).unwrap();
        let options = relais::places::import::ImportOptions {
            format: relais::places::import::Format::Auto,
            source: None,
            today: self.clock.now().date_naive(),
        };
        let parsed = relais::places::import::parse(&bytes, &options, &mut |_, _| {}).unwrap();
        let summary =
            relais::places::save_import(&self.db, &parsed, self.clock.now(), false, &mut |_, _| {})
                .await
                .unwrap();
        self.refresh_directory().await;
        summary
    }

    pub async fn count(&self, table: &str) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    }

    /// Every audit action recorded so far, oldest first.
    pub async fn audit_actions(&self) -> Vec<String> {
        let mut conn = self.db.acquire().await.unwrap();
        sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    }
}

/// `application/x-www-form-urlencoded` encoding.
pub fn serde_html_form_encode(form: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
}

/// A file of the shared real data: `$RELAIS_SHARED_DATA`, else `../shared/data` beside the
/// repository, else `/work/shared/data`. Fails loudly when none exists (never skips).
pub fn shared_data(relative: &str) -> std::path::PathBuf {
    let candidates = [
        std::env::var("RELAIS_SHARED_DATA")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")),
        Some(std::path::PathBuf::from("/work/shared/data")),
    ];
    let folder = candidates
        .into_iter()
        .flatten()
        .find(|path| path.is_dir())
        .expect("the shared real data folder is missing: set RELAIS_SHARED_DATA");
    folder.join(relative)
}
