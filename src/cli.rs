//! The command line: `serve`, `demo`, `migrate`, `create-admin`, `purge`. Every setting is also
//! a `RELAIS_*` environment variable. Failures end with one French sentence and exit code 1,
//! never a panic trace.

use crate::accounts::{self, AccountRequest, HelperKind, Role};
use crate::app::{self, AppState};
use crate::clock::Clock;
use crate::config::{Config, ConfigError, LogFormat, RawConfig};
use crate::storage::{self, Db};
use crate::{demo, jobs};
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

const DEFAULT_DATABASE_URL: &str = "sqlite://relais-data/relais.db";

#[derive(Parser, Debug)]
#[command(
    name = "relais",
    version,
    about = "Relais : la plateforme d'un réseau local d'inclusion numérique et de ses permanences numériques.",
    long_about = "Relais : la plateforme d'un réseau local d'inclusion numérique et de ses permanences numériques.\n\nPour essayer tout de suite : relais demo\nPour un vrai réseau : relais create-admin --email vous@exemple.fr, puis relais serve."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log format.
    #[arg(
        long,
        global = true,
        env = "RELAIS_LOG",
        value_enum,
        default_value = "text",
        help = "Format du journal technique : text (lisible) ou json (pour un collecteur)."
    )]
    log: LogFormat,
    #[arg(
        long,
        global = true,
        env = "RELAIS_LOG_LEVEL",
        default_value = "info,sqlx=warn",
        help = "Niveau de détail du journal technique (error, warn, info, debug)."
    )]
    log_level: String,
}

#[derive(Subcommand, Debug)]
enum Command {
    #[command(about = "Démarre le serveur web (applique d'abord les migrations de la base).")]
    Serve(ServeArgs),
    #[command(
        about = "Lance une démonstration : base jetable, contenu fictif et comptes de test affichés."
    )]
    Demo(DemoArgs),
    #[command(about = "Applique les migrations de la base de données, puis s'arrête.")]
    Migrate(DatabaseArgs),
    #[command(
        about = "Crée un compte d'animation du réseau (coordination). Mot de passe demandé, ou lu dans RELAIS_ADMIN_PASSWORD."
    )]
    CreateAdmin(CreateAdminArgs),
    #[command(
        about = "Supprime les données arrivées en fin de conservation (sessions, invitations, liens…)."
    )]
    Purge(PurgeArgs),
    #[command(
        subcommand,
        about = "Statistiques : recalcul des compteurs quotidiens."
    )]
    Stats(StatsCommand),
    #[command(
        about = "Importe un fichier de lieux (CSV ou JSON : standard médiation numérique v1 ou v0.1, data·inclusion, formats des hubs). Réimporter le même fichier ne change rien."
    )]
    Import(ImportArgs),
    #[command(
        about = "Exporte les lieux publics au format du standard « lieux de médiation numérique » v1 (CSV)."
    )]
    Export(ExportArgs),
    #[command(
        about = "Affiche le registre des traitements : chaque table, les données de personnes qu'elle contient, pourquoi, qui y accède et combien de temps."
    )]
    Registre,
    #[command(
        about = "Sauvegarde la base SQLite pendant que Relais tourne, dans un nouveau fichier vérifié (PostgreSQL : pg_dump)."
    )]
    Backup(BackupArgs),
    #[command(about = "Remet une sauvegarde SQLite à la place de la base. Arrêtez Relais avant.")]
    Restore(RestoreArgs),
}

#[derive(Args, Debug)]
struct BackupArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(
        long,
        help = "Fichier de sauvegarde à écrire (il ne doit pas exister)."
    )]
    output: std::path::PathBuf,
}

#[derive(Args, Debug)]
struct RestoreArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(long, help = "Fichier de sauvegarde à remettre en place.")]
    input: std::path::PathBuf,
    #[arg(long = "remplacer", help = "Remplace la base existante.")]
    replace: bool,
}

#[derive(Args, Debug)]
struct ImportArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(help = "Fichier à importer (CSV ou JSON).")]
    file: std::path::PathBuf,
    #[arg(
        long,
        default_value = "auto",
        help = "Format : auto, mediation-v1, mediation-v0, data-inclusion, france-services, bfc-ternum, rhinocc, regionsud."
    )]
    format: String,
    #[arg(
        long,
        help = "Nom de la source, si le fichier n'en indique pas (sert de clé avec l'identifiant de chaque lieu)."
    )]
    source: Option<String>,
    #[arg(
        long,
        help = "Analyse le fichier et affiche le bilan, sans rien enregistrer."
    )]
    dry_run: bool,
    #[arg(long, help = "Écrit le bilan ligne par ligne dans ce fichier CSV.")]
    report: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
struct ExportArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(
        long,
        default_value = "mediation-v1",
        help = "Format : mediation-v1 (CSV du standard)."
    )]
    format: String,
    #[arg(long, help = "Fichier à écrire.")]
    output: std::path::PathBuf,
}

#[derive(Args, Debug, Clone)]
struct DatabaseArgs {
    #[arg(long, env = "RELAIS_DATABASE_URL", default_value = DEFAULT_DATABASE_URL,
          help = "Base de données : sqlite://chemin/fichier.db (par défaut) ou postgres://utilisateur:motdepasse@hôte/base.")]
    database_url: String,
}

#[derive(Args, Debug, Clone)]
struct ServerArgs {
    #[arg(
        long,
        env = "RELAIS_LISTEN",
        default_value = "127.0.0.1:8080",
        help = "Adresse et port d'écoute du serveur web."
    )]
    listen: String,
    #[arg(
        long,
        env = "RELAIS_PUBLIC_URL",
        help = "Adresse publique du site vue par les navigateurs (ex. https://relais.exemple.fr) ; sert aux liens envoyés et à la protection des formulaires."
    )]
    public_url: Option<String>,
    #[arg(
        long,
        env = "RELAIS_SESSION_IDLE_MINUTES",
        default_value_t = 120,
        help = "Une session se ferme après ce nombre de minutes sans activité."
    )]
    session_idle_minutes: i64,
    #[arg(
        long,
        env = "RELAIS_SESSION_MAX_HOURS",
        default_value_t = 12,
        help = "Une session se ferme au plus tard ce nombre d'heures après la connexion."
    )]
    session_max_hours: i64,
    #[arg(
        long,
        env = "RELAIS_TRUSTED_PROXY",
        default_value_t = false,
        help = "Relais est derrière un proxy inverse qui renseigne X-Forwarded-For."
    )]
    trusted_proxy: bool,
    #[arg(
        long,
        env = "RELAIS_JOBS_INTERVAL_MINUTES",
        default_value_t = 60,
        help = "Intervalle, en minutes, entre deux passages des tâches de nettoyage."
    )]
    jobs_interval_minutes: u64,
    #[arg(
        long,
        env = "RELAIS_SMTP_URL",
        help = "Relais SMTP pour envoyer les invitations par e-mail : smtp://utilisateur:motdepasse@serveur:25. Sans lui, les liens sont seulement affichés."
    )]
    smtp_url: Option<String>,
    #[arg(
        long,
        env = "RELAIS_SMTP_FROM",
        default_value = "Relais <relais@localhost>",
        help = "Expéditeur des e-mails envoyés par Relais."
    )]
    smtp_from: String,
    #[arg(
        long,
        env = "RELAIS_TILE_URL",
        default_value = crate::config::DEFAULT_TILE_URL,
        help = "Serveur de tuiles des cartes : adresse avec {z}, {x} et {y}. Les visiteurs chargent les tuiles depuis ce serveur."
    )]
    tile_url: String,
    #[arg(
        long,
        env = "RELAIS_TILE_ATTRIBUTION",
        default_value = crate::config::DEFAULT_TILE_ATTRIBUTION,
        help = "Mention de source affichée sous les cartes."
    )]
    tile_attribution: String,
    #[arg(
        long,
        env = "RELAIS_DIAGNOSTIC_FILE",
        help = "Questionnaire du diagnostic adapté par le réseau (fichier TOML). Sans lui, le questionnaire fourni avec Relais."
    )]
    diagnostic_file: Option<String>,
    #[arg(
        long,
        env = "RELAIS_FILES_DIR",
        help = "Dossier des fichiers partagés (bibliothèque de ressources). Par défaut, à côté de la base SQLite ; obligatoire pour partager des fichiers avec PostgreSQL."
    )]
    files_dir: Option<String>,
    #[command(flatten)]
    retention: RetentionArgs,
}

#[derive(Args, Debug, Clone)]
struct RetentionArgs {
    #[arg(
        long,
        env = "RELAIS_REFERRAL_RETENTION_DAYS",
        default_value_t = crate::config::DEFAULT_REFERRAL_RETENTION_DAYS,
        help = "Jours pendant lesquels une orientation close garde le prénom et le contact de la personne, avant leur effacement."
    )]
    referral_retention_days: i64,
}

#[derive(Args, Debug)]
struct ServeArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Args, Debug)]
struct DemoArgs {
    #[command(flatten)]
    server: ServerArgs,
    #[arg(
        long,
        env = "RELAIS_DEMO_DATA_DIR",
        help = "Dossier où garder la base de démonstration (par défaut : un dossier temporaire effacé à l'arrêt)."
    )]
    data_dir: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
struct CreateAdminArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(long, help = "Adresse e-mail du compte à créer.")]
    email: String,
    #[arg(
        long,
        default_value = "Coordination du réseau",
        help = "Nom affiché du compte."
    )]
    name: String,
}

#[derive(Subcommand, Debug)]
enum StatsCommand {
    #[command(
        about = "Recalcule tous les compteurs des statistiques à partir des accompagnements (après une mise à jour, ou pour vérifier)."
    )]
    Rebuild(DatabaseArgs),
}

#[derive(Args, Debug)]
struct PurgeArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(long, help = "Affiche ce qui serait supprimé, sans rien supprimer.")]
    dry_run: bool,
    #[command(flatten)]
    retention: RetentionArgs,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log, &cli.log_level);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            report_failure(&anyhow::Error::new(error));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report_failure(&error);
            ExitCode::FAILURE
        }
    }
}

/// One clear sentence on standard error.
fn report_failure(error: &anyhow::Error) {
    let text = match error.downcast_ref::<ConfigError>() {
        Some(config) => config.to_string(),
        None => format!("{error:#}"),
    };
    let _ = writeln!(std::io::stderr(), "Erreur : {text}");
}

fn init_logging(format: LogFormat, level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Prints a line for the person at the terminal.
fn say(text: &str) {
    let _ = writeln!(std::io::stdout(), "{text}");
}

async fn run(command: Command) -> anyhow::Result<()> {
    let clock = Clock::system();
    match command {
        Command::Serve(args) => {
            let config = server_config(&args.server, &args.database.database_url)?;
            let db = open_and_migrate(&config.database_url, &clock).await?;
            serve(db, config, clock, |address| {
                say(&format!("Relais écoute sur http://{address}/"));
            })
            .await
        }
        Command::Demo(args) => run_demo(args, clock).await,
        Command::Migrate(args) => {
            let db = Db::connect(&args.database_url).await?;
            let applied = storage::migrate(&db, clock.now()).await?;
            say(&format!(
                "Base {} à jour ({} migration(s) appliquée(s)).",
                db.backend().name(),
                applied.len()
            ));
            Ok(())
        }
        Command::CreateAdmin(args) => create_admin(args, clock).await,
        Command::Import(args) => run_import(args, clock).await,
        Command::Export(args) => run_export(args, clock).await,
        Command::Registre => {
            say(crate::register::render().trim_end());
            Ok(())
        }
        Command::Backup(args) => {
            let db = Db::connect(&args.database.database_url).await?;
            let bytes = storage::backup::backup(&db, &args.output).await?;
            db.close().await;
            say(&format!(
                "Sauvegarde écrite et vérifiée : {} ({bytes} octets).",
                args.output.display()
            ));
            Ok(())
        }
        Command::Restore(args) => {
            let target =
                storage::backup::restore(&args.input, &args.database.database_url, args.replace)
                    .await?;
            say(&format!(
                "Sauvegarde remise en place : {}. Vous pouvez redémarrer Relais.",
                target.display()
            ));
            Ok(())
        }
        Command::Stats(StatsCommand::Rebuild(args)) => {
            let db = open_and_migrate(&args.database_url, &clock).await?;
            let started = std::time::Instant::now();
            let records = crate::stats::rebuild(&db)
                .await
                .context("rebuilding the statistics")?;
            say(&format!(
                "Statistiques recalculées : {records} accompagnement(s) en {} ms.",
                started.elapsed().as_millis()
            ));
            Ok(())
        }
        Command::Purge(args) => {
            let db = open_and_migrate(&args.database.database_url, &clock).await?;
            let mut config = Config::for_database(&args.database.database_url);
            config.referral_retention =
                crate::config::referral_retention(args.retention.referral_retention_days)?;
            let reports = jobs::run_all(&db, &config, clock.now(), args.dry_run).await?;
            let verb = if args.dry_run {
                "à supprimer"
            } else {
                "supprimé(s)"
            };
            for report in reports {
                for (what, count) in report.counts {
                    say(&format!("{}/{what} : {count} {verb}", report.job));
                }
            }
            Ok(())
        }
    }
}

fn server_config(args: &ServerArgs, database_url: &str) -> Result<Config, ConfigError> {
    Config::from_raw(RawConfig {
        listen: args.listen.clone(),
        database_url: database_url.to_owned(),
        public_url: args.public_url.clone(),
        session_idle_minutes: args.session_idle_minutes,
        session_max_hours: args.session_max_hours,
        trusted_proxy: args.trusted_proxy,
        jobs_interval_minutes: args.jobs_interval_minutes,
        smtp_url: args.smtp_url.clone(),
        smtp_from: args.smtp_from.clone(),
        tile_url: args.tile_url.clone(),
        tile_attribution: args.tile_attribution.clone(),
        diagnostic_file: args.diagnostic_file.clone(),
        files_dir: args.files_dir.clone(),
        referral_retention_days: args.retention.referral_retention_days,
    })
}

/// Largest file `relais import` reads (the national file is a few tens of megabytes).
const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

async fn run_import(args: ImportArgs, clock: Clock) -> anyhow::Result<()> {
    use crate::places::import::{self, Format, ImportOptions, Outcome};
    let format = Format::parse(&args.format).ok_or_else(|| {
        ConfigError(format!(
            "--format : « {} » n'est pas un format connu (auto, mediation-v1, mediation-v0, data-inclusion, france-services, bfc-ternum, rhinocc, regionsud).",
            args.format
        ))
    })?;
    let size = std::fs::metadata(&args.file)
        .map_err(|error| {
            ConfigError(format!(
                "impossible de lire {} : {error}.",
                args.file.display()
            ))
        })?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(ConfigError(format!(
            "{} fait {} Mo : c'est plus que les {} Mo acceptés. Découpez le fichier.",
            args.file.display(),
            size / 1_000_000,
            MAX_IMPORT_BYTES / 1_000_000
        ))
        .into());
    }
    let bytes = std::fs::read(&args.file).map_err(|error| {
        ConfigError(format!(
            "impossible de lire {} : {error}.",
            args.file.display()
        ))
    })?;
    let db = open_and_migrate(&args.database.database_url, &clock).await?;
    let now = clock.now();
    let options = ImportOptions {
        format,
        source: args.source.clone(),
        today: now.date_naive(),
    };
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, total: usize| {
        if show_progress && total > 0 {
            let width = 30;
            let filled = done * width / total;
            let _ = write!(
                std::io::stderr(),
                "\r[{}{}] {done}/{total} lignes",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done == total {
                let _ = writeln!(std::io::stderr());
            }
        }
    };
    // The file is read, then its rows are normalized (on the cores the writer leaves free)
    // while the blocks already normalized are written, in one transaction.
    let started = std::time::Instant::now();
    let file = import::read_file(&bytes, &options)?;
    drop(bytes);
    let read_in = started.elapsed();
    for note in &file.notes {
        say(&format!("Remarque : {note}"));
    }
    let total = file.len();
    let format = file.format;
    let notes = file.notes.clone();
    let (blocks, mut received) = tokio::sync::mpsc::channel(2);
    let normalizer = tokio::task::spawn_blocking(move || {
        file.normalize(&mut |block| blocks.blocking_send(block).is_ok());
    });
    let mut writer = crate::places::ImportWriter::begin(&db, now).await?;
    let mut rows = Vec::with_capacity(total);
    while let Some(block) = received.recv().await {
        writer.write(&block).await?;
        // Written: only what the report and the counts need is kept, not the places.
        rows.extend(block.into_iter().map(|mut row| {
            row.data = None;
            row
        }));
        progress(rows.len(), total);
    }
    normalizer
        .await
        .map_err(|error| anyhow::anyhow!("la lecture du fichier s'est arrêtée : {error}"))?;
    let summary = writer.finish(args.dry_run).await?;
    let parsed = import::ParsedImport {
        format,
        rows,
        notes,
    };
    if let Some(path) = &args.report {
        let file = std::fs::File::create(path).map_err(|error| {
            ConfigError(format!("impossible d'écrire {} : {error}.", path.display()))
        })?;
        import::write_report(&parsed.rows, std::io::BufWriter::new(file))?;
    }
    say(&format!(
        "Durée : lecture {:.1} s, mise en forme et enregistrement {:.1} s.",
        read_in.as_secs_f64(),
        (started.elapsed() - read_in).as_secs_f64()
    ));
    say(&format!(
        "Format reconnu : {}. {} ligne(s) lue(s) : {} acceptée(s), {} corrigée(s), {} signalée(s), {} refusée(s).",
        parsed.format.name(),
        parsed.rows.len(),
        parsed.count(Outcome::Accepted),
        parsed.count(Outcome::Fixed),
        parsed.count(Outcome::Flagged),
        parsed.count(Outcome::Refused),
    ));
    say(&format!(
        "{} : {} lieu(x) créé(s), {} mis à jour, {} inchangé(s), {} déjà fusionné(s) avec un autre lieu.",
        if args.dry_run {
            "Essai sans enregistrement"
        } else {
            "Base"
        },
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.merged
    ));
    Ok(())
}

async fn run_export(args: ExportArgs, clock: Clock) -> anyhow::Result<()> {
    if args.format != "mediation-v1" {
        return Err(ConfigError(format!(
            "--format : « {} » n'est pas connu ; seul mediation-v1 est disponible.",
            args.format
        ))
        .into());
    }
    let db = open_and_migrate(&args.database.database_url, &clock).await?;
    let places = crate::places::list_places(&db).await?;
    let bytes = crate::places::export::to_csv(&places)?;
    let temporary = args.output.with_extension("csv.partiel");
    std::fs::write(&temporary, &bytes)
        .and_then(|()| std::fs::rename(&temporary, &args.output))
        .map_err(|error| {
            ConfigError(format!(
                "impossible d'écrire {} : {error}.",
                args.output.display()
            ))
        })?;
    let count = crate::places::export::exportable(&places).count();
    say(&format!(
        "{count} lieu(x) exporté(s) dans {}.",
        args.output.display()
    ));
    Ok(())
}

async fn open_and_migrate(url: &str, clock: &Clock) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    storage::migrate(&db, clock.now())
        .await
        .context("la mise à jour du schéma de la base a échoué")?;
    Ok(db)
}

/// Binds, starts the jobs and serves until Ctrl+C or SIGTERM.
async fn serve(
    db: Db,
    mut config: Config,
    clock: Clock,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| {
            let reason = if error.kind() == std::io::ErrorKind::AddrInUse {
                "elle est déjà utilisée par un autre programme".to_owned()
            } else {
                error.to_string()
            };
            ConfigError(format!(
                "impossible d'écouter sur {} : {reason}. Choisissez une autre adresse avec --listen ou RELAIS_LISTEN.",
                config.listen
            ))
        })?;
    config.listen = listener.local_addr()?;
    let state = AppState::new(db.clone(), config, clock.clone());
    crate::places::refresh_index(&db, &state.index, clock.now()).await?;
    let index_watch =
        crate::places::spawn_index_watch(db.clone(), state.index.clone(), clock.clone());
    let jobs = jobs::spawn_scheduler(db, state.config.clone(), clock, state.mailer.clone());
    let router = app::router(state.clone())?;
    on_ready(state.config.listen);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    jobs.abort();
    index_watch.abort();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

async fn run_demo(args: DemoArgs, clock: Clock) -> anyhow::Result<()> {
    let temporary;
    let folder = match &args.data_dir {
        Some(folder) => {
            std::fs::create_dir_all(folder).map_err(|error| {
                ConfigError(format!(
                    "impossible de créer le dossier « {} » : {error}",
                    folder.display()
                ))
            })?;
            folder.clone()
        }
        None => {
            temporary = tempfile::Builder::new()
                .prefix("relais-demo-")
                .tempdir()
                .context("impossible de créer un dossier temporaire")?;
            temporary.path().to_path_buf()
        }
    };
    let url = format!("sqlite://{}", folder.join("relais.db").display());
    let config = server_config(&args.server, &url)?;
    let db = open_and_migrate(&url, &clock).await?;
    demo::seed(&db, clock.now()).await?;
    serve(db, config, clock, |address| {
        say("Relais — démonstration");
        say(&format!("Adresse : http://{address}/"));
        say(&format!("Données (jetables) : {}", folder.display()));
        say(&format!(
            "Comptes de démonstration (mot de passe pour tous : {}) :",
            demo::DEMO_PASSWORD
        ));
        for account in &demo::DEMO_ACCOUNTS {
            say(&format!("  {:<32} {}", account.email, account.description));
        }
        say("Arrêt : Ctrl+C");
    })
    .await
}

async fn create_admin(args: CreateAdminArgs, clock: Clock) -> anyhow::Result<()> {
    let password = match std::env::var("RELAIS_ADMIN_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => {
            let first = rpassword::prompt_password("Mot de passe (12 caractères au moins) : ")
                .map_err(|_| {
                    ConfigError(
                        "aucun mot de passe : saisissez-le au clavier ou donnez RELAIS_ADMIN_PASSWORD."
                            .into(),
                    )
                })?;
            let second = rpassword::prompt_password("Le même mot de passe, encore une fois : ")
                .map_err(|_| ConfigError("aucune confirmation du mot de passe.".into()))?;
            if first != second {
                return Err(ConfigError("les deux mots de passe sont différents.".into()).into());
            }
            first
        }
    };
    let db = open_and_migrate(&args.database.database_url, &clock).await?;
    let request = AccountRequest {
        email: &args.email,
        display_name: &args.name,
        password: &password,
        role: Role::Coordinator,
        helper_kind: HelperKind::Professional,
        organization_ids: &[],
    };
    match accounts::create_account(&db, clock.now(), &request).await {
        Ok(id) => {
            say(&format!(
                "Compte de coordination créé pour {} (n° {}).",
                args.email.trim(),
                id.0
            ));
            Ok(())
        }
        Err(accounts::AccountError::Invalid(key)) => {
            Err(ConfigError(crate::i18n::Tr::french().t(key)).into())
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_explains_itself() {
        let command = Cli::command();
        for sub in command.get_subcommands() {
            assert!(sub.get_about().is_some(), "{} has no help", sub.get_name());
            for arg in sub.get_arguments() {
                if arg.get_id() != "help" {
                    assert!(
                        arg.get_help().is_some(),
                        "{} --{} has no help",
                        sub.get_name(),
                        arg.get_id()
                    );
                }
            }
        }
    }
}
