//! Interface text. Every sentence shown to people comes from `locales/<lang>/*.ftl` (Fluent),
//! French first; English can follow by adding files. Dates are formatted here in French, in
//! the Europe/Paris time zone, because Fluent has no date function.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Paris;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Isolation marks would leak into attributes and tests; French is left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

const FRENCH: LanguageIdentifier = langid!("fr");

/// A translator for one language.
#[derive(Clone, Debug)]
pub struct Tr {
    lang: LanguageIdentifier,
}

impl Default for Tr {
    fn default() -> Self {
        Self::french()
    }
}

impl Tr {
    pub fn french() -> Self {
        Self { lang: FRENCH }
    }

    /// The language tag for `<html lang>`.
    pub fn lang(&self) -> String {
        self.lang.to_string()
    }

    /// The text for `key`; a missing key shows the key itself (and a test forbids that).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.lang, key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text for `key` with one named argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.t_args(key, &[(name, value.to_string())])
    }

    /// The text for `key` with named arguments.
    pub fn t_args(&self, key: &str, values: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = values
            .iter()
            .map(|(name, value)| {
                // `count` selects plural variants (`[0]`, `[one]`): Fluent needs a number.
                let value = match (*name, value.parse::<i64>()) {
                    ("count", Ok(number)) => FluentValue::from(number),
                    _ => FluentValue::from(value.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.lang, key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of every `t("key")` a Typst template uses (`templates/pdf/`), for the template
    /// to look up in its data: words reach a PDF as data, never as markup. The test below
    /// checks these keys like those of the HTML templates.
    pub fn texts_for_template(&self, template: &str) -> BTreeMap<String, String> {
        template
            .split("t(\"")
            .skip(1)
            .filter_map(|piece| piece.split_once('"').map(|(key, _)| key))
            .map(|key| (key.to_owned(), self.t(key)))
            .collect()
    }

    /// Whether `key` exists in this language.
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.lang, key).is_some()
    }

    /// "22 novembre 2026 à 14 h 05", in Paris time.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Paris);
        format!(
            "{} {} {} à {} h {:02}",
            local.day(),
            MONTHS[local.month0() as usize],
            local.year(),
            local.hour(),
            local.minute()
        )
    }
}

/// French month names, January first (dates are formatted in Rust; Fluent has no date function).
pub(crate) const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("…")` / `t1("…"` key used in a template exists in the French catalogue.
    #[test]
    fn every_key_used_in_templates_exists_in_french() {
        let catalogue = include_str!("../locales/fr/main.ftl");
        let keys: std::collections::HashSet<&str> = catalogue
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
            .filter(|key| !key.starts_with(['#', ' ']))
            .collect();
        let mut missing = Vec::new();
        let mut checked = 0;
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in ["t(\"", "t1(\""] {
                for piece in text.split(marker).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    checked += 1;
                    if !keys.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(checked > 20, "templates use the i18n layer");
        assert!(missing.is_empty(), "missing keys: {missing:#?}");
    }

    #[test]
    fn a_typst_template_gets_the_texts_it_names() {
        let texts = Tr::french().texts_for_template(
            "#let t(key) = data.texts.at(key)\n#strong(t(\"places-pdf-free\")) #t(\"places-pdf-page\")",
        );
        assert_eq!(
            texts.keys().collect::<Vec<_>>(),
            ["places-pdf-free", "places-pdf-page"]
        );
        assert_eq!(texts["places-pdf-free"], "Gratuit");
    }

    #[test]
    fn arguments_are_substituted_without_isolation_marks() {
        let text = Tr::french().t1("account-deleted-by", "name", "Lucie");
        assert!(text.contains("Lucie"));
        assert!(!text.contains('\u{2068}'));
    }

    #[test]
    fn a_count_selects_its_plural_variant() {
        let tr = Tr::french();
        assert_eq!(
            tr.t1("places-results-count", "count", 0),
            "Aucun lieu trouvé"
        );
        assert_eq!(tr.t1("places-results-count", "count", 1), "1 lieu trouvé");
        assert_eq!(
            tr.t1("places-results-count", "count", 12),
            "12 lieux trouvés"
        );
    }

    #[test]
    fn dates_are_written_in_french_paris_time() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T13:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(Tr::french().datetime(at), "22 novembre 2026 à 14 h 05");
    }
}
