//! Staff accounts: roles, helper kinds, e-mail and password rules, tokens and throttling limits.
//! Pure rules only: no I/O, no SQL, no HTTP.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A staff account's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct UserId(pub i64);

/// What a staff member may do. Participants never have accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Volunteer or professional helper (encadrant·e) of one or more organisations.
    Helper,
    /// Manager of one or more organisations (responsable de structure); also a helper.
    Manager,
    /// Network coordinator (animateur·trice du réseau): everything network-wide.
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Helper, Role::Manager, Role::Coordinator];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Helper => "helper",
            Self::Manager => "manager",
            Self::Coordinator => "coordinator",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == text)
    }

    fn rank(self) -> u8 {
        match self {
            Self::Helper => 1,
            Self::Manager => 2,
            Self::Coordinator => 3,
        }
    }

    /// Roles are nested: a coordinator can do what a manager can, who can do what a helper can.
    pub fn is_at_least(self, other: Role) -> bool {
        self.rank() >= other.rank()
    }

    /// The catalogue key of the role's French name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Helper => "role-helper",
            Self::Manager => "role-manager",
            Self::Coordinator => "role-coordinator",
        }
    }

    /// Coordinators act network-wide; the other roles belong to an organisation.
    pub fn needs_organization(self) -> bool {
        self != Self::Coordinator
    }

    /// Which roles `self` may invite: coordinators any, managers helpers and managers.
    pub fn can_invite(self, invited: Role) -> bool {
        match self {
            Self::Coordinator => true,
            Self::Manager => invited != Self::Coordinator,
            Self::Helper => false,
        }
    }
}

/// Professional or volunteer: both sign the helper charter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HelperKind {
    Professional,
    Volunteer,
}

impl HelperKind {
    pub const ALL: [HelperKind; 2] = [HelperKind::Professional, HelperKind::Volunteer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Professional => "professional",
            Self::Volunteer => "volunteer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Professional => "kind-professional",
            Self::Volunteer => "kind-volunteer",
        }
    }
}

/// A staff account as stored (without its password hash).
#[derive(Clone, Debug, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub helper_kind: HelperKind,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
}

/// The staff member behind the current request's session.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub helper_kind: HelperKind,
    /// Hash of this session's token (to end it, or to keep it when ending the others).
    pub session_hash: String,
}

/// A new account to insert.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub role: Role,
    pub helper_kind: HelperKind,
}

/// An e-mail address, trimmed and lower-cased. Only the shape is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let email = text.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            });
        if valid {
            Ok(Self(email))
        } else {
            Err("form-email-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A staff member's name as shown to colleagues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            Err("form-name-missing")
        } else if name.chars().count() > 80 || name.chars().any(char::is_control) {
            Err("form-name-too-long")
        } else {
            Ok(Self(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Minimum password length: a short sentence is easier to remember than symbols.
pub const PASSWORD_MIN_CHARS: usize = 12;
const PASSWORD_MAX_CHARS: usize = 128;

/// Checks a new password and its confirmation; returns the catalogue key of the problem.
pub fn check_new_password(password: &str, confirmation: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        Err("form-password-too-short")
    } else if length > PASSWORD_MAX_CHARS {
        Err("form-password-too-long")
    } else if password != confirmation {
        Err("form-password-mismatch")
    } else {
        Ok(())
    }
}

/// A fresh random token for a cookie or a link (256 bits, URL-safe).
pub fn new_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of a token, an e-mail or an address: its SHA-256, in hex.
pub fn hash_secret(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Failed logins counted over this window.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// Failed logins allowed per account in the window.
pub const THROTTLE_PER_ACCOUNT: i64 = 5;
/// Failed logins allowed per client address in the window.
pub const THROTTLE_PER_ADDRESS: i64 = 20;

/// The throttling keys of one login attempt (hashed, never stored in clear).
pub fn throttle_keys(email: &str, client_ip: &str) -> (String, String) {
    (
        hash_secret(&format!("email:{}", email.trim().to_lowercase())),
        hash_secret(&format!("ip:{client_ip}")),
    )
}

/// Whether another attempt is allowed given the recent failures for each key.
pub fn is_throttled(failures_for_account: i64, failures_for_address: i64) -> bool {
    failures_for_account >= THROTTLE_PER_ACCOUNT || failures_for_address >= THROTTLE_PER_ADDRESS
}

/// Where to go after login: only a local path (never another site).
pub fn safe_next_path(next: Option<&str>) -> Option<String> {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_nested() {
        assert!(Role::Coordinator.is_at_least(Role::Manager));
        assert!(Role::Manager.is_at_least(Role::Helper));
        assert!(!Role::Helper.is_at_least(Role::Manager));
        assert!(!Role::Manager.is_at_least(Role::Coordinator));
    }

    #[test]
    fn managers_cannot_invite_coordinators_and_helpers_invite_nobody() {
        assert!(Role::Coordinator.can_invite(Role::Coordinator));
        assert!(Role::Manager.can_invite(Role::Helper));
        assert!(!Role::Manager.can_invite(Role::Coordinator));
        assert!(!Role::Helper.can_invite(Role::Helper));
    }

    #[test]
    fn role_and_kind_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for kind in HelperKind::ALL {
            assert_eq!(HelperKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn emails_are_normalised_and_malformed_ones_refused() {
        assert_eq!(
            Email::parse("  Lucie.Martin@Exemple.FR ").unwrap().as_str(),
            "lucie.martin@exemple.fr"
        );
        for bad in [
            "",
            "lucie",
            "lucie@",
            "@exemple.fr",
            "lu cie@exemple.fr",
            "a@b",
            "a@b@c.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_need_twelve_characters_and_a_matching_confirmation() {
        assert_eq!(
            check_new_password("court", "court"),
            Err("form-password-too-short")
        );
        assert_eq!(
            check_new_password("une phrase assez longue", "une phrase assez longu"),
            Err("form-password-mismatch")
        );
        assert!(check_new_password("une phrase assez longue", "une phrase assez longue").is_ok());
        // Counted in characters, not bytes.
        assert!(check_new_password("éééééééééééé", "éééééééééééé").is_ok());
    }

    #[test]
    fn tokens_are_random_and_hashes_hide_them() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.len() >= 43);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn throttling_starts_at_the_limits() {
        assert!(!is_throttled(THROTTLE_PER_ACCOUNT - 1, 0));
        assert!(is_throttled(THROTTLE_PER_ACCOUNT, 0));
        assert!(is_throttled(0, THROTTLE_PER_ADDRESS));
        let (account, _) = throttle_keys(" Lucie@Exemple.fr", "1.2.3.4");
        assert_eq!(account, throttle_keys("lucie@exemple.fr", "5.6.7.8").0);
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next_path(Some("/equipe")), Some("/equipe".into()));
        assert_eq!(safe_next_path(Some("//evil.example")), None);
        assert_eq!(safe_next_path(Some("https://evil.example")), None);
        assert_eq!(safe_next_path(Some("/\\evil.example")), None);
    }
}
