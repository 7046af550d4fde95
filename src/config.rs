//! Typed settings, checked once at start-up and passed to everything through `AppState`.
//! Every setting comes from a `RELAIS_*` environment variable or its command-line flag (see
//! `cli`); this module only validates them and turns them into types. No global config.

use chrono::Duration;
use std::net::SocketAddr;

/// Log output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    #[value(help = "lignes lisibles par une personne")]
    Text,
    #[value(help = "un objet JSON par ligne, pour un collecteur de journaux")]
    Json,
}

/// Settings of a running server.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    /// Public address as seen by browsers (used in links shown to people and for CSRF checks).
    pub public_url: Option<url::Url>,
    /// A session ends after this much inactivity.
    pub session_idle: Duration,
    /// A session ends this long after login, whatever the activity.
    pub session_max: Duration,
    /// Trust `X-Forwarded-For` for the client address (only behind a reverse proxy).
    pub trusted_proxy: bool,
    /// How often the clean-up jobs run inside `serve`.
    pub jobs_interval: std::time::Duration,
    /// The SMTP relay for outgoing e-mail, if any.
    pub smtp: Option<SmtpSettings>,
    /// Map tiles: a URL template with `{z}`, `{x}` and `{y}`, and the attribution shown.
    pub tile_url: String,
    pub tile_attribution: String,
    /// Paper-map PDF files typeset at once (each keeps a core busy for up to seconds).
    pub pdf_renders: usize,
    /// How long a PDF request waits for a free slot before a "busy, retry" page.
    pub pdf_wait: std::time::Duration,
    /// Where shared files (the resource library) are kept: `RELAIS_FILES_DIR`, else a folder
    /// beside the SQLite database; with PostgreSQL and no folder, only links are offered.
    pub files_dir: Option<std::path::PathBuf>,
    /// The diagnostic's questionnaire (the shipped one, or the network's own file).
    pub diagnostic: std::sync::Arc<crate::diagnostic::model::Questionnaire>,
    /// A closed referral keeps the person's first name and contact this long, then the purge
    /// blanks them (`RELAIS_REFERRAL_RETENTION_DAYS`).
    pub referral_retention: Duration,
}

/// Days a closed referral keeps its personal fields by default.
pub const DEFAULT_REFERRAL_RETENTION_DAYS: i64 = 30;

/// Checks `RELAIS_REFERRAL_RETENTION_DAYS` (0 to 365 days).
pub fn referral_retention(days: i64) -> Result<Duration, ConfigError> {
    if (0..=365).contains(&days) {
        Ok(Duration::days(days))
    } else {
        Err(ConfigError(
            "RELAIS_REFERRAL_RETENTION_DAYS doit être compris entre 0 et 365.".into(),
        ))
    }
}

/// One PDF typeset at a time per core.
pub fn default_pdf_renders() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// A short wait: a visitor would rather retry than watch a page load for long.
pub const DEFAULT_PDF_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The OpenStreetMap tile server; heavy use needs a self-hosted or contracted server.
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_TILE_ATTRIBUTION: &str = "© les contributeurs d’OpenStreetMap";

/// Checks a tile URL template: http(s) or a path of this server, with `{z}`, `{x}`, `{y}`.
pub fn check_tile_url(text: &str) -> Result<String, ConfigError> {
    let text = text.trim();
    let has_placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| text.contains(p));
    let is_web = text.starts_with('/')
        || url::Url::parse(&text.replace(['{', '}'], ""))
            .is_ok_and(|url| matches!(url.scheme(), "http" | "https"));
    if has_placeholders && is_web && !text.contains(['"', '\'', '<', '>', ' ']) {
        Ok(text.to_owned())
    } else {
        Err(ConfigError(format!(
            "RELAIS_TILE_URL : « {text} » doit être une adresse web contenant {{z}}, {{x}} et {{y}} (exemple : {DEFAULT_TILE_URL})."
        )))
    }
}

impl Config {
    /// The origin serving the tiles, for the pages' Content-Security-Policy (`None` when the
    /// tiles come from this server).
    pub fn tile_origin(&self) -> Option<String> {
        let parsed = url::Url::parse(&self.tile_url.replace(['{', '}'], "")).ok()?;
        Some(parsed.origin().ascii_serialization())
    }
}

/// Where and as whom to send e-mail.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
    pub from: lettre::message::Mailbox,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the password.
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("has_credentials", &self.credentials.is_some())
            .finish()
    }
}

impl SmtpSettings {
    /// Reads `smtp://[user:password@]host[:port]` and the sender address.
    pub fn parse(url: &str, from: &str) -> Result<Self, ConfigError> {
        let invalid = || {
            ConfigError(
                "RELAIS_SMTP_URL doit ressembler à smtp://utilisateur:motdepasse@serveur:25 (relais SMTP sans TLS, par exemple le serveur de courrier de la machine).".into(),
            )
        };
        let parsed = url::Url::parse(url.trim()).map_err(|_| invalid())?;
        if parsed.scheme() != "smtp" {
            return Err(invalid());
        }
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(invalid)?;
        let credentials = match parsed.username() {
            "" => None,
            user => Some((decode(user), decode(parsed.password().unwrap_or_default()))),
        };
        let from = from.trim().parse().map_err(|_| {
            ConfigError(format!(
                "RELAIS_SMTP_FROM : « {from} » n'est pas une adresse d'expéditeur valable (exemple : Relais <relais@exemple.fr>)."
            ))
        })?;
        Ok(Self {
            host: host.to_owned(),
            port: parsed.port().unwrap_or(25),
            credentials,
            from,
        })
    }
}

fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// Lifetime of an invitation link (fixed by the product: 7 days).
pub const INVITATION_TTL_DAYS: i64 = 7;
/// Lifetime of a password-reset link.
pub const PASSWORD_RESET_TTL_HOURS: i64 = 48;

/// A setting that cannot be used, with a French sentence for the administrator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Raw values as given on the command line or in the environment.
#[derive(Clone, Debug)]
pub struct RawConfig {
    pub listen: String,
    pub database_url: String,
    pub public_url: Option<String>,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    pub trusted_proxy: bool,
    pub jobs_interval_minutes: u64,
    pub smtp_url: Option<String>,
    pub smtp_from: String,
    pub tile_url: String,
    pub tile_attribution: String,
    pub referral_retention_days: i64,
    pub diagnostic_file: Option<String>,
    pub files_dir: Option<String>,
}

/// The shipped questionnaire, or the file a network gave, checked.
fn load_questionnaire(
    path: Option<&str>,
) -> Result<crate::diagnostic::model::Questionnaire, ConfigError> {
    use crate::diagnostic::model::Questionnaire;
    match path.map(str::trim) {
        None | Some("") => Ok(Questionnaire::builtin()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                ConfigError(format!(
                    "RELAIS_DIAGNOSTIC_FILE : le fichier « {path} » ne peut pas être lu ({error})."
                ))
            })?;
            Questionnaire::parse(&text).map_err(|reason| {
                ConfigError(format!(
                    "RELAIS_DIAGNOSTIC_FILE : le questionnaire « {path} » n'est pas valable : {reason}"
                ))
            })
        }
    }
}

impl Config {
    pub fn from_raw(raw: RawConfig) -> Result<Self, ConfigError> {
        let listen: SocketAddr = raw.listen.trim().parse().map_err(|_| {
            ConfigError(format!(
                "RELAIS_LISTEN : l'adresse « {} » n'est pas valable (exemple attendu : 127.0.0.1:8080).",
                raw.listen
            ))
        })?;
        crate::storage::DatabaseUrl::parse(&raw.database_url)?;
        let public_url = match raw.public_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let url = url::Url::parse(text).ok().filter(|url| {
                    matches!(url.scheme(), "http" | "https") && url.host_str().is_some()
                });
                Some(url.ok_or_else(|| {
                    ConfigError(format!(
                        "RELAIS_PUBLIC_URL : « {text} » n'est pas une adresse web valable (exemple : https://relais.exemple.fr)."
                    ))
                })?)
            }
        };
        if !(5..=24 * 60).contains(&raw.session_idle_minutes) {
            return Err(ConfigError(
                "RELAIS_SESSION_IDLE_MINUTES doit être compris entre 5 et 1440.".into(),
            ));
        }
        if !(1..=24 * 30).contains(&raw.session_max_hours) {
            return Err(ConfigError(
                "RELAIS_SESSION_MAX_HOURS doit être compris entre 1 et 720.".into(),
            ));
        }
        if raw.jobs_interval_minutes == 0 {
            return Err(ConfigError(
                "RELAIS_JOBS_INTERVAL_MINUTES doit être au moins 1.".into(),
            ));
        }
        let smtp = match raw.smtp_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(SmtpSettings::parse(url, &raw.smtp_from)?),
        };
        let tile_url = check_tile_url(&raw.tile_url)?;
        let diagnostic = std::sync::Arc::new(load_questionnaire(raw.diagnostic_file.as_deref())?);
        let referral_retention = referral_retention(raw.referral_retention_days)?;
        let files_dir = raw
            .files_dir
            .as_deref()
            .map(str::trim)
            .filter(|dir| !dir.is_empty())
            .map(std::path::PathBuf::from);
        Ok(Self {
            files_dir,
            diagnostic,
            referral_retention,
            smtp,
            tile_url,
            tile_attribution: raw.tile_attribution.trim().to_owned(),
            listen,
            database_url: raw.database_url,
            public_url,
            session_idle: Duration::minutes(raw.session_idle_minutes),
            session_max: Duration::hours(raw.session_max_hours),
            trusted_proxy: raw.trusted_proxy,
            jobs_interval: std::time::Duration::from_secs(raw.jobs_interval_minutes * 60),
            pdf_renders: default_pdf_renders(),
            pdf_wait: DEFAULT_PDF_WAIT,
        })
    }

    /// Settings for tests and the demo: defaults with the given database.
    pub fn for_database(database_url: &str) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: database_url.to_owned(),
            public_url: None,
            session_idle: Duration::minutes(120),
            session_max: Duration::hours(12),
            trusted_proxy: false,
            jobs_interval: std::time::Duration::from_secs(3600),
            smtp: None,
            tile_url: DEFAULT_TILE_URL.to_owned(),
            tile_attribution: DEFAULT_TILE_ATTRIBUTION.to_owned(),
            pdf_renders: default_pdf_renders(),
            pdf_wait: DEFAULT_PDF_WAIT,
            diagnostic: std::sync::Arc::new(crate::diagnostic::model::Questionnaire::builtin()),
            files_dir: None,
            referral_retention: Duration::days(DEFAULT_REFERRAL_RETENTION_DAYS),
        }
    }

    /// Whether cookies must carry the `Secure` attribute (the public address is HTTPS).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|url| url.scheme() == "https")
    }

    /// Base address used to build absolute links shown to people (invitations, resets).
    pub fn base_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.as_str().trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_settings_are_read_from_a_url_and_hide_the_password() {
        let settings = SmtpSettings::parse(
            "smtp://relais%40x.fr:p%C3%A0ss@mail.exemple.fr:2525",
            "Relais <relais@exemple.fr>",
        )
        .unwrap();
        assert_eq!(
            (settings.host.as_str(), settings.port),
            ("mail.exemple.fr", 2525)
        );
        assert_eq!(
            settings.credentials,
            Some(("relais@x.fr".to_owned(), "pàss".to_owned()))
        );
        assert!(!format!("{settings:?}").contains("pàss"));
        let local = SmtpSettings::parse("smtp://localhost", "relais@exemple.fr").unwrap();
        assert_eq!((local.port, local.credentials), (25, None));
        assert!(SmtpSettings::parse("smtps://mail.exemple.fr", "relais@exemple.fr").is_err());
        assert!(SmtpSettings::parse("smtp://localhost", "pas une adresse").is_err());
    }
}
