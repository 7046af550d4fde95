//! Rules of an organisation's details. No I/O.

use crate::places::model::{is_valid_pivot, normalize_phone};
use crate::places::vocab;
use crate::text::slug;

/// What the network knows of a member organisation (structure).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationDetails {
    pub name: String,
    /// SIRET, SIREN, RNA or RIDET, without spaces.
    pub pivot: String,
    /// Type codes of the field (the standard's `typologie` list).
    pub typologie: Vec<String>,
    pub email: String,
    pub telephone: String,
    pub site_web: String,
}

/// The form as posted: field name → value (checkboxes repeat `typologie`).
pub fn parse_form(
    pairs: &[(String, String)],
) -> Result<OrganizationDetails, Vec<(String, String)>> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let name = value("nom");
    if name.is_empty() {
        errors.push(("nom".into(), "Indiquez le nom de la structure.".into()));
    } else if name.chars().count() > 200 {
        errors.push(("nom".into(), "Le nom doit tenir en 200 caractères.".into()));
    }
    let pivot: String = value("pivot")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !pivot.is_empty() && !is_valid_pivot(&pivot) {
        errors.push((
            "pivot".into(),
            "Le SIRET, SIREN, RNA ou RIDET doit avoir de 9 à 14 chiffres ou lettres.".into(),
        ));
    }
    let typologie: Vec<String> = vocab::TYPOLOGIES
        .values
        .iter()
        .filter(|known| {
            pairs
                .iter()
                .any(|(key, value)| key == "typologie" && *value == slug(known))
        })
        .map(|known| (*known).to_owned())
        .collect();
    let email = value("courriel");
    if !email.is_empty() && !is_plausible_email(&email) {
        errors.push((
            "courriel".into(),
            "Le courriel doit ressembler à accueil@exemple.fr.".into(),
        ));
    }
    let raw_phone = value("telephone");
    let telephone = if raw_phone.is_empty() {
        String::new()
    } else {
        normalize_phone(&raw_phone, "").unwrap_or_else(|| {
            errors.push((
                "telephone".into(),
                "Le numéro de téléphone doit avoir 10 chiffres (05 45 00 00 00).".into(),
            ));
            String::new()
        })
    };
    let site_web = value("site_web");
    if !site_web.is_empty()
        && !url::Url::parse(&site_web).is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
    {
        errors.push((
            "site_web".into(),
            "Le site web doit commencer par https:// ou http://.".into(),
        ));
    }
    if errors.is_empty() {
        Ok(OrganizationDetails {
            name,
            pivot,
            typologie,
            email,
            telephone,
            site_web,
        })
    } else {
        Err(errors)
    }
}

fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
        && text.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_complete_form_is_normalised() {
        let details = parse_form(&form(&[
            ("nom", "  Centre social du Pré-Vert "),
            ("pivot", "213 600 150 00011"),
            ("typologie", "csc"),
            ("typologie", "inconnu"),
            ("courriel", "accueil@prevert.fr"),
            ("telephone", "05 45 12 34 56"),
            ("site_web", "https://prevert.fr"),
        ]))
        .unwrap();
        assert_eq!(details.name, "Centre social du Pré-Vert");
        assert_eq!(details.pivot, "21360015000011");
        assert_eq!(details.telephone, "+33545123456");
        assert_eq!(details.typologie.len(), 1);
        assert_eq!(slug(&details.typologie[0]), "csc");
    }

    #[test]
    fn each_bad_field_gets_its_french_message() {
        let errors = parse_form(&form(&[
            ("nom", ""),
            ("pivot", "00000000000000"),
            ("courriel", "pas un courriel"),
            ("telephone", "12"),
            ("site_web", "javascript:alert(1)"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(
            fields,
            ["nom", "pivot", "courriel", "telephone", "site_web"]
        );
    }
}
