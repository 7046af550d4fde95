//! Crash safety: `relais demo` (SQLite, WAL) is killed with SIGKILL twenty times while a client
//! registers people to a workshop; every registration the server acknowledged (HTTP 200) is in
//! the database afterwards, and `PRAGMA integrity_check` is ok.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts the demo on `folder` (seeded the first time, reopened after) and returns it with its
/// address.
fn start(folder: &std::path::Path) -> (Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relais"));
    for (name, _) in std::env::vars() {
        if name.starts_with("RELAIS_") {
            command.env_remove(name);
        }
    }
    let mut child = command
        .env("RELAIS_LOG_LEVEL", "error")
        // Each request says it comes from another address, so throttling does not interfere.
        .env("RELAIS_TRUSTED_PROXY", "true")
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let started = Instant::now();
    let mut address = None;
    while address.is_none() && started.elapsed() < Duration::from_secs(120) {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        address = line
            .strip_prefix("Adresse : http://")
            .map(|rest| rest.trim().trim_end_matches('/').to_owned());
    }
    // Keep reading what the demo prints so it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stdout.read_to_end(&mut sink);
    });
    (child, address.expect("the demo prints its address"))
}

/// A first name made of letters only, different for every `n`.
fn name_of(n: u32) -> String {
    let mut letters = String::from("Canari");
    let mut rest = n;
    loop {
        letters.push(char::from(b'a' + (rest % 26) as u8));
        rest /= 26;
        if rest == 0 {
            break;
        }
    }
    letters
}

/// Registers `name` to the demo's first workshop; `Some(status)` when the server answered.
fn register(address: &str, name: &str, n: u32) -> Option<u16> {
    let mut stream = std::net::TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let body = format!("prenom={name}");
    let request = format!(
        "POST /ateliers/1/inscription HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
         X-Forwarded-For: 10.{}.{}.{}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        n / 65536 % 256,
        n / 256 % 256,
        n % 256,
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    BufReader::new(stream).read_line(&mut response).ok()?;
    response.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn acknowledged_writes_survive_twenty_kills() {
    let folder = tempfile::tempdir().unwrap();
    let mut acknowledged: Vec<String> = Vec::new();
    let mut n = 0;
    for round in 0..20u64 {
        let (mut child, address) = start(folder.path());
        let pid = child.id();
        // Kill it after a different short while each round, in the middle of the writes.
        let killer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150 + round * 53 % 400));
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        });
        loop {
            let name = name_of(n);
            n += 1;
            match register(&address, &name, n) {
                Some(200) => acknowledged.push(name),
                Some(status) => panic!("round {round}: HTTP {status} for {name}"),
                None => break,
            }
        }
        killer.join().unwrap();
        let _ = child.wait();
    }
    assert!(acknowledged.len() >= 20, "{} writes", acknowledged.len());
    eprintln!("{} acknowledged writes over 20 kills", acknowledged.len());

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", folder.path().join("relais.db").display());
        let db = relais::storage::Db::connect(&url).await.unwrap();
        let mut conn = db.acquire().await.unwrap();
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(integrity, "ok");
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT first_name FROM workshop_registrations")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        let missing: Vec<&String> = acknowledged
            .iter()
            .filter(|name| !stored.contains(name))
            .collect();
        assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
        drop(conn);
        db.close().await;
    });
}
