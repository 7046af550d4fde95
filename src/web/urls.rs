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
