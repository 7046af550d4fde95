//! Link targets, one function per route, so templates and redirects never spell paths by hand.

pub const HOME: &str = "/";
pub const LOGIN: &str = "/connexion";
pub const LOGOUT: &str = "/deconnexion";
pub const ACCOUNT: &str = "/compte";
pub const ACCOUNT_PASSWORD: &str = "/compte/mot-de-passe";
pub const ACCOUNT_DATA: &str = "/compte/mes-donnees";
pub const ACCOUNT_DELETE: &str = "/compte/supprimer";
pub const STAFF: &str = "/equipe";
pub const STAFF_INVITATIONS: &str = "/equipe/invitations";
pub const AUDIT: &str = "/journal";

pub fn invitation(token: &str) -> String {
    format!("/invitation/{token}")
}

pub fn password_reset(token: &str) -> String {
    format!("/reinitialisation/{token}")
}

pub fn staff_member_reset(user_id: i64) -> String {
    format!("/equipe/{user_id}/reinitialisation")
}

/// `path` with a notice code (see `PageContext::with_notice_code`).
pub fn with_notice(path: &str, code: &str) -> String {
    format!("{path}?info={code}")
}

// Charters.
pub const CHARTERS: &str = "/chartes";
pub const CHARTER_SIGN: &str = "/chartes/encadrants/signer";
pub const CHARTER_MY_COPY: &str = "/chartes/encadrants/ma-signature.pdf";
pub const SIGNATURE_BOARD: &str = "/gestion/signatures";
pub const ADHESION: &str = "/gestion/adhesion";
pub const COMMITMENTS_BOARD: &str = "/gestion/engagements";
pub const PUBLIC_CHARTER: &str = "/charte-publique";
pub const PUBLIC_CHARTER_PDF: &str = "/charte-publique.pdf";

/// A charter's current text (`slug`: reseau, encadrants, public).
pub fn charter(slug: &str) -> String {
    format!("/chartes/{slug}")
}

/// The coordinator's form to publish a new version of a charter.
pub fn charter_publish(slug: &str) -> String {
    format!("/gestion/chartes/{slug}")
}

/// A coordinator's copy of anyone's signed charter.
pub fn signed_copy(signature_id: i64) -> String {
    format!("/gestion/signatures/{signature_id}/copie.pdf")
}

/// An organisation's adhesion and self-assessment.
pub fn adhesion(organization_id: i64) -> String {
    format!("/gestion/adhesion/{organization_id}")
}

// Accompaniments.
pub const ACTIVITY_NEW: &str = "/accompagnements/nouveau";

// Diagnostic.
pub const DIAGNOSTIC: &str = "/diagnostic";
pub const DIAGNOSTIC_RESULT: &str = "/diagnostic/resultat";
pub const DIAGNOSTIC_BOARD: &str = "/gestion/diagnostics";

// Statistics.
pub const STATS_BOARD: &str = "/gestion/statistiques";
pub const STATS_REPORT_CSV: &str = "/gestion/statistiques/bilan.csv";
pub const STATS_REPORT_XLSX: &str = "/gestion/statistiques/bilan.xlsx";
pub const STATS_REPORT_PDF: &str = "/gestion/statistiques/bilan.pdf";
pub const STATS_PUBLIC: &str = "/statistiques";

/// The server's address for links printed or encoded in QR codes: the configured public
/// address, else the request's `Host` (when it looks like a host name), else localhost.
pub fn site_base(config: &crate::config::Config, headers: &axum::http::HeaderMap) -> String {
    match &config.public_url {
        Some(url) => url.as_str().trim_end_matches('/').to_owned(),
        None => {
            let host = headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| {
                    !h.is_empty()
                        && h.chars()
                            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    }
}

// News and events (network life).
pub const NEWS_PUBLIC: &str = "/actualites";
pub const NEWS_ATOM: &str = "/actualites.atom";
pub const NEWS_EVENTS_ICS: &str = "/evenements.ics";
pub const NEWS_STAFF: &str = "/reseau/actualites";
pub const NEWS_PROPOSE: &str = "/reseau/actualites/proposer";
pub const NEWS_MODERATION: &str = "/gestion/actualites";

// Prevention sheets.
pub const PREVENTION: &str = "/prevention";
pub const PREVENTION_MANAGE: &str = "/gestion/prevention";
pub const PREVENTION_NEW: &str = "/gestion/prevention/nouvelle";

// Members' directory.
pub const MEMBERS: &str = "/reseau/membres";

// Common work sessions.
pub const MEETINGS: &str = "/reseau/reunions";
pub const MEETINGS_ICS: &str = "/reseau/reunions.ics";
pub const MEETINGS_MANAGE: &str = "/gestion/reunions";
pub const MEETINGS_NEW: &str = "/gestion/reunions/nouvelle";

// Resource library.
pub const RESOURCES: &str = "/reseau/ressources";
pub const RESOURCES_LINK: &str = "/reseau/ressources/lien";
pub const RESOURCES_FILE: &str = "/reseau/ressources/fichier";
