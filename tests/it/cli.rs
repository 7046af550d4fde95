//! The `relais` binary as an administrator uses it: clear one-sentence failures for bad
//! configuration, `demo`, `create-admin`, `migrate` and `purge`.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn relais() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relais"));
    for (name, _) in std::env::vars() {
        if name.starts_with("RELAIS_") {
            command.env_remove(name);
        }
    }
    command.env("RELAIS_LOG_LEVEL", "error");
    command
}

/// Runs to completion and returns (success, stdout, stderr).
fn run(command: &mut Command) -> (bool, String, String) {
    let output = command.stdin(Stdio::null()).output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_one_clear_sentence(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one line: {stderr}");
    assert!(lines[0].starts_with("Erreur : "), "{stderr}");
    assert!(lines[0].contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_malformed_database_url_is_refused_in_one_sentence() {
    let (ok, _, stderr) = run(relais().args(["serve", "--database-url", "mysql://x/y"]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "RELAIS_DATABASE_URL");
}

#[test]
fn a_malformed_listen_address_is_refused_in_one_sentence() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("r.db").display());
    let (ok, _, stderr) =
        run(relais().args(["serve", "--listen", "partout", "--database-url", &url]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "RELAIS_LISTEN");
}

#[test]
fn an_unwritable_data_folder_is_refused_in_one_sentence() {
    let (ok, _, stderr) = run(relais().args([
        "migrate",
        "--database-url",
        "sqlite:///proc/relais-interdit/relais.db",
    ]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "/proc/relais-interdit");
}

#[test]
fn an_unreachable_postgresql_is_refused_in_one_sentence() {
    let (ok, _, stderr) = run(relais().args([
        "migrate",
        "--database-url",
        "postgres://relais@127.0.0.1:1/relais?connect_timeout=2",
    ]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "PostgreSQL");
}

#[test]
fn a_port_in_use_is_refused_in_one_sentence() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("r.db").display());
    let (ok, _, stderr) =
        run(relais().args(["serve", "--listen", &address, "--database-url", &url]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "déjà utilisée");
}

#[test]
fn every_subcommand_has_help_in_plain_words() {
    for sub in ["serve", "demo", "migrate", "create-admin", "purge"] {
        let (ok, stdout, _) = run(relais().args([sub, "--help"]));
        assert!(ok, "{sub}");
        assert!(
            stdout.contains("RELAIS_") || sub == "create-admin",
            "{sub}: {stdout}"
        );
    }
    let (ok, stdout, _) = run(relais().arg("--help"));
    assert!(ok);
    assert!(stdout.contains("relais demo"));
}

fn http_get(address: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn the_demo_prints_its_address_and_logins_and_serves_pages() {
    let folder = tempfile::tempdir().unwrap();
    let mut child = relais()
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(folder.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let started = Instant::now();
    let mut printed = String::new();
    while !printed.contains("Ctrl+C") && started.elapsed() < Duration::from_secs(60) {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        printed.push_str(&line);
    }
    let address = printed
        .lines()
        .find_map(|l| l.strip_prefix("Adresse : http://"))
        .map(|rest| rest.trim_end_matches('/').to_owned());
    let result = std::panic::catch_unwind(|| {
        let address = address.clone().expect("the address is printed");
        assert!(
            printed.contains("coordination@demo.relais.test"),
            "{printed}"
        );
        assert!(printed.contains("benevole@demo.relais.test"), "{printed}");
        assert!(printed.contains("relais-demo-2026"), "{printed}");
        assert!(http_get(&address, "/healthz").starts_with("HTTP/1.1 200"));
        let home = http_get(&address, "/");
        assert!(home.contains("Val-Fleuri"), "the demo network is shown");
    });
    let _ = child.kill();
    let _ = child.wait();
    result.unwrap();
    assert!(folder.path().join("relais.db").exists());
}

#[test]
fn create_admin_makes_a_coordinator_and_refuses_a_short_password() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("r.db").display());
    let (ok, _, stderr) = run(relais()
        .args([
            "create-admin",
            "--email",
            "chef@exemple.fr",
            "--database-url",
            &url,
        ])
        .env("RELAIS_ADMIN_PASSWORD", "court"));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "12 caractères");

    let (ok, stdout, stderr) = run(relais()
        .args([
            "create-admin",
            "--email",
            "chef@exemple.fr",
            "--database-url",
            &url,
        ])
        .env("RELAIS_ADMIN_PASSWORD", "une phrase de passe longue"));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("chef@exemple.fr"));

    let (ok, _, stderr) = run(relais()
        .args([
            "create-admin",
            "--email",
            "CHEF@exemple.fr",
            "--database-url",
            &url,
        ])
        .env("RELAIS_ADMIN_PASSWORD", "une phrase de passe longue"));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "existe déjà");

    let (ok, stdout, _) = run(relais().args(["purge", "--dry-run", "--database-url", &url]));
    assert!(ok);
    assert!(
        stdout.contains("purge_accounts/sessions : 0 à supprimer"),
        "{stdout}"
    );
    let (ok, stdout, _) = run(relais().args(["migrate", "--database-url", &url]));
    assert!(ok);
    assert!(stdout.contains("0 migration"), "{stdout}");
}

#[test]
fn registre_prints_every_table_of_the_register() {
    let (ok, stdout, _) = run(relais().arg("registre"));
    assert!(ok);
    for processing in relais::register::REGISTER {
        assert!(
            stdout.contains(&format!("Table {}\n", processing.table)),
            "{} missing",
            processing.table
        );
    }
    assert!(stdout.contains("Aucune personne accompagnée n'a de compte"));
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("relais.db").display());
    let (ok, _, stderr) = run(relais().args(["migrate", "--database-url", &url]));
    assert!(ok, "{stderr}");
    let copy = folder.path().join("copie.db");
    let copy_arg = copy.display().to_string();
    let (ok, stdout, stderr) =
        run(relais().args(["backup", "--database-url", &url, "--output", &copy_arg]));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Sauvegarde écrite et vérifiée"), "{stdout}");
    // Writing over a backup is refused in one sentence.
    let (ok, _, stderr) =
        run(relais().args(["backup", "--database-url", &url, "--output", &copy_arg]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "existe déjà");
    let restored = format!(
        "sqlite://{}",
        folder.path().join("autre/relais.db").display()
    );
    let (ok, stdout, stderr) =
        run(relais().args(["restore", "--database-url", &restored, "--input", &copy_arg]));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Sauvegarde remise en place"), "{stdout}");
    let (ok, _, stderr) = run(relais().args([
        "restore",
        "--database-url",
        "postgres://relais@localhost/relais",
        "--input",
        &copy_arg,
    ]));
    assert!(!ok);
    assert_one_clear_sentence(&stderr, "pg_restore");
}

#[test]
fn stats_rebuild_recounts_the_records_of_a_database() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("r.db").display());
    let (ok, stdout, stderr) = run(relais().args(["stats", "rebuild", "--database-url", &url]));
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("Statistiques recalculées : 0 accompagnement(s)"),
        "{stdout}"
    );
}
