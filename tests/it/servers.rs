//! Two `relais serve` processes on one database (the test's SQLite file, or a throw-away
//! PostgreSQL database when `TEST_DATABASE_URL` is set): a session opened on one works on the
//! other, a place added through one is found by the other's search within a few seconds, and
//! each scheduled job was claimed once for the period.

use crate::support::TestDatabase;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn relais(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relais"));
    for (name, _) in std::env::vars() {
        if name.starts_with("RELAIS_") {
            command.env_remove(name);
        }
    }
    command
        .env("RELAIS_LOG_LEVEL", "error")
        .env("RELAIS_DATABASE_URL", url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 exchange; returns the whole response as text.
fn http(address: &str, method: &str, path: &str, cookie: &str, body: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nSec-Fetch-Site: same-origin\r\n\
         Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(url: &str) -> Server {
    let address = format!("127.0.0.1:{}", free_port());
    let child = relais(url)
        .args(["serve", "--listen", &address])
        .spawn()
        .unwrap();
    let server = Server(child, address);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if std::net::TcpStream::connect(&server.1).is_ok()
            && http(&server.1, "GET", "/healthz", "", "").starts_with("HTTP/1.1 200")
        {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("relais serve did not answer on {}", server.1);
}

fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_share_sessions_the_directory_and_the_jobs() {
    let database = TestDatabase::create().await;
    let url = database.url.clone();
    let status = relais(&url).arg("migrate").status().unwrap();
    assert!(status.success());
    let status = relais(&url)
        .env("RELAIS_ADMIN_PASSWORD", "une-phrase-de-passe-longue")
        .args(["create-admin", "--email", "coordination@exemple.fr"])
        .status()
        .unwrap();
    assert!(status.success());

    let (one, two) = tokio::task::spawn_blocking(move || (serve(&url), serve(&url)))
        .await
        .unwrap();
    let (a, b) = (one.1.clone(), two.1.clone());
    let result = tokio::task::spawn_blocking(move || {
        // A session opened on one server is known to the other.
        let login = http(
            &a,
            "POST",
            "/connexion",
            "",
            &form(&[
                ("email", "coordination@exemple.fr"),
                ("password", "une-phrase-de-passe-longue"),
            ]),
        );
        assert!(login.starts_with("HTTP/1.1 303"), "{login}");
        let cookie = login
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_owned();
        assert!(http(&b, "GET", "/compte", &cookie, "").starts_with("HTTP/1.1 200"));

        // A place added through the first is found by the second's search.
        let added = http(
            &a,
            "POST",
            "/gestion/lieux",
            &cookie,
            &form(&[
                ("nom", "Espace numérique des Canaris"),
                ("adresse", "3 rue des Tilleuls"),
                ("code_postal", "16000"),
                ("commune", "Angoulême"),
                ("services", "aide-aux-demarches-administratives"),
                ("visibility", "public"),
                ("kind", "mediation"),
                ("horaires_osm", ""),
                ("horaires_origine", ""),
            ]),
        );
        assert!(added.starts_with("HTTP/1.1 303"), "{added}");
        let started = Instant::now();
        let mut seen_after = None;
        while started.elapsed() < Duration::from_secs(15) {
            if http(&b, "GET", "/lieux?q=canaris", "", "").contains("Espace numérique des Canaris")
            {
                seen_after = Some(started.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let seen_after = seen_after.expect("the other server's search finds the new place");
        assert!(seen_after < Duration::from_secs(5), "{seen_after:?}");
    })
    .await;
    drop(one);
    drop(two);
    result.unwrap();

    // Both servers ran the scheduler when they started: one claim per job for the period.
    let db = relais::storage::Db::connect(&database.url).await.unwrap();
    let mut conn = db.acquire().await.unwrap();
    let claims: Vec<(String, i64)> =
        sqlx::query_as("SELECT job, COUNT(*) AS claims FROM job_runs GROUP BY job ORDER BY job")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    let jobs: Vec<&str> = claims.iter().map(|(job, _)| job.as_str()).collect();
    let mut expected: Vec<&str> = relais::jobs::JOBS.to_vec();
    expected.sort_unstable();
    assert_eq!(jobs, expected);
    // Both started within the same hour (one period): each job was claimed once, by one of
    // them; the other skipped it. Crossing an hour boundary between the starts gives two
    // periods, one claim each.
    let periods: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT period) FROM job_runs")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(
        claims.iter().all(|(_, n)| *n == periods),
        "{claims:?} over {periods} period(s)"
    );
    drop(conn);
    db.close().await;
}
