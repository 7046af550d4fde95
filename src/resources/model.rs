//! The resource library's categories and the rules of its forms. Pure: no I/O.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Animation,
    Communication,
    Prevention,
    Regulation,
    Training,
}

impl Category {
    pub const ALL: [Self; 5] = [
        Self::Animation,
        Self::Communication,
        Self::Prevention,
        Self::Regulation,
        Self::Training,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Animation => "animation",
            Self::Communication => "communication",
            Self::Prevention => "prevention",
            Self::Regulation => "regulation",
            Self::Training => "training",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The form's and the address bar's value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Animation => "animation",
            Self::Communication => "communication",
            Self::Prevention => "prevention",
            Self::Regulation => "reglementation",
            Self::Training => "formation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Animation => "resources-category-animation",
            Self::Communication => "resources-category-communication",
            Self::Prevention => "resources-category-prevention",
            Self::Regulation => "resources-category-regulation",
            Self::Training => "resources-category-training",
        }
    }
}

/// What describes a resource, link or file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceInfo {
    pub category: Category,
    pub title: String,
    pub description: String,
}

pub const TITLE_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 600;
pub const URL_MAX_CHARS: usize = 500;

/// The free-text fields, which the privacy guard reads.
pub const TEXT_FIELDS: [&str; 2] = ["titre", "description"];

pub type FormErrors = Vec<(&'static str, &'static str)>;

/// Reads `categorie`, `titre` and `description`.
pub fn parse_info(pairs: &[(String, String)]) -> Result<ResourceInfo, FormErrors> {
    use crate::web::form::field;
    let mut errors = FormErrors::new();
    let category = Category::from_code(field(pairs, "categorie"));
    if category.is_none() {
        errors.push(("categorie", "resources-error-category"));
    }
    let title = field(pairs, "titre").to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        errors.push(("titre", "resources-error-title"));
    }
    let description = field(pairs, "description").replace("\r\n", "\n");
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        errors.push(("description", "resources-error-description"));
    }
    match category {
        Some(category) if errors.is_empty() => Ok(ResourceInfo {
            category,
            title,
            description,
        }),
        _ => Err(errors),
    }
}

/// A link must be an http(s) address with a host: no `javascript:`, no local file.
pub fn check_url(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    let valid = text.chars().count() <= URL_MAX_CHARS
        && url::Url::parse(text)
            .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some());
    if valid {
        Ok(text.to_owned())
    } else {
        Err("resources-error-url")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
            assert_eq!(Category::from_code(category.code()), Some(category));
        }
    }

    #[test]
    fn only_web_links_are_kept() {
        assert!(check_url(" https://www.cybermalveillance.gouv.fr/ ").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "www.exemple.fr",
            "https://",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_resource_needs_a_category_and_a_title() {
        let pairs = vec![("categorie".to_owned(), "jeux".to_owned())];
        assert_eq!(
            parse_info(&pairs).unwrap_err(),
            vec![
                ("categorie", "resources-error-category"),
                ("titre", "resources-error-title")
            ]
        );
    }
}
