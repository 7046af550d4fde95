//! The members' directory as pages show it: an organisation's charter status, and the entry
//! assembled from what each domain knows. Pure: no I/O.

/// Where an organisation stands with the network charter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharterStatus {
    /// Adhered to the current version.
    Current,
    /// Adhered to an earlier version only: it should adhere again.
    Outdated,
    NotAdhered,
}

impl CharterStatus {
    /// From the version of its latest adhesion and the current version's number.
    pub fn of(adhered_version: Option<i64>, current_version: i64) -> Self {
        match adhered_version {
            Some(version) if version >= current_version => Self::Current,
            Some(_) => Self::Outdated,
            None => Self::NotAdhered,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Current => "members-charter-current",
            Self::Outdated => "members-charter-outdated",
            Self::NotAdhered => "members-charter-none",
        }
    }
}

/// One place of a member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberPlace {
    pub id: i64,
    pub name: String,
    pub commune: String,
    pub is_public: bool,
}

/// A staff account that may be chosen as the contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffContact {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// One organisation in the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberEntry {
    pub organization_id: i64,
    pub name: String,
    pub places: Vec<MemberPlace>,
    /// The services of its places, each once, in the order first met.
    pub services: Vec<String>,
    /// "chaque mardi, 14 h – 17 h – Médiathèque", one per permanence.
    pub permanences: Vec<String>,
    pub helpers: i64,
    pub contact: Option<StaffContact>,
    pub charter: CharterStatus,
}

/// Adds `new` services to `services`, keeping the first occurrence of each.
pub fn merge_services(services: &mut Vec<String>, new: impl IntoIterator<Item = String>) {
    for service in new {
        let service = service.trim().to_owned();
        if !service.is_empty() && !services.contains(&service) {
            services.push(service);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_charter_status_follows_the_latest_adhesion() {
        assert_eq!(CharterStatus::of(Some(2), 2), CharterStatus::Current);
        assert_eq!(CharterStatus::of(Some(1), 2), CharterStatus::Outdated);
        assert_eq!(CharterStatus::of(None, 1), CharterStatus::NotAdhered);
    }

    #[test]
    fn services_are_listed_once_in_the_order_met() {
        let mut services = vec!["Courriel".to_owned()];
        merge_services(
            &mut services,
            [
                "Démarches".to_owned(),
                " Courriel ".to_owned(),
                String::new(),
            ],
        );
        assert_eq!(services, ["Courriel", "Démarches"]);
    }
}
