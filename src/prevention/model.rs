//! Prevention sheets: the sheets written for Relais (`sheets/*.md`, compiled in), how a sheet
//! file reads, and the rules of the coordinator's form. Pure: no I/O.

/// A sheet as shown and printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// A prevention topic of the accompaniment record (`activities::vocab::PREVENTION`), or a
    /// coordinator's own id for a sheet they added.
    pub id: String,
    pub title: String,
    /// One sentence under the title.
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// Changed (or added) by a coordinator, rather than Relais's own text.
    pub is_edited: bool,
}

/// The sheets written for Relais: `(id, file)`. Every prevention topic has one.
const DEFAULT_FILES: [(&str, &str); 11] = [
    ("arnaques", include_str!("sheets/arnaques.md")),
    ("telephone-sms", include_str!("sheets/telephone-sms.md")),
    ("faux-sites", include_str!("sheets/faux-sites.md")),
    ("mots-de-passe", include_str!("sheets/mots-de-passe.md")),
    ("donnees", include_str!("sheets/donnees.md")),
    ("wifi-public", include_str!("sheets/wifi-public.md")),
    (
        "ordinateur-partage",
        include_str!("sheets/ordinateur-partage.md"),
    ),
    ("navigation", include_str!("sheets/navigation.md")),
    ("fausses-infos", include_str!("sheets/fausses-infos.md")),
    ("enfants", include_str!("sheets/enfants.md")),
    ("mises-a-jour", include_str!("sheets/mises-a-jour.md")),
];

/// Reads a sheet file: `# Title`, a blank line, one paragraph (the summary), then the body.
pub fn parse_file(id: &str, text: &str) -> Sheet {
    let text = text.replace("\r\n", "\n");
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let rest = rest.trim_start();
    let (summary, body) = rest.split_once("\n\n").unwrap_or((rest, ""));
    Sheet {
        id: id.to_owned(),
        title: first.trim_start_matches('#').trim().to_owned(),
        summary: summary.trim().replace('\n', " "),
        body: body.trim().to_owned(),
        is_edited: false,
    }
}

/// Relais's own sheets, in the order they are listed.
pub fn default_sheets() -> Vec<Sheet> {
    DEFAULT_FILES
        .iter()
        .map(|(id, text)| parse_file(id, text))
        .collect()
}

/// The default sheets, each replaced by its edited version when there is one, then the sheets
/// coordinators added (by title).
pub fn merge(defaults: Vec<Sheet>, stored: Vec<Sheet>) -> Vec<Sheet> {
    let mut sheets: Vec<Sheet> = defaults
        .into_iter()
        .map(|default| {
            stored
                .iter()
                .find(|sheet| sheet.id == default.id)
                .cloned()
                .unwrap_or(default)
        })
        .collect();
    let mut added: Vec<Sheet> = stored
        .into_iter()
        .filter(|sheet| !sheets.iter().any(|known| known.id == sheet.id))
        .collect();
    added.sort_by(|a, b| a.title.cmp(&b.title));
    sheets.extend(added);
    sheets
}

pub const TITLE_MAX_CHARS: usize = 100;
pub const SUMMARY_MAX_CHARS: usize = 300;
/// About what fits on one A4 page at the sheet's type size.
pub const BODY_MAX_CHARS: usize = 2600;

/// The free-text fields of the form, which the privacy guard reads.
pub const TEXT_FIELDS: [&str; 3] = ["titre", "resume", "texte"];

/// Whether `id` may name a new sheet: 2 to 40 lowercase letters, digits and hyphens, in the
/// address bar as typed.
pub fn is_valid_id(id: &str) -> bool {
    (2..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Reads the coordinator's form (`titre`, `resume`, `texte`) for the sheet `id`.
pub fn parse_form(
    id: &str,
    pairs: &[(String, String)],
) -> Result<Sheet, Vec<(&'static str, &'static str)>> {
    use crate::web::form::field;
    let mut errors = Vec::new();
    let title = field(pairs, "titre").to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        errors.push(("titre", "prevention-error-title"));
    }
    let summary = field(pairs, "resume").replace("\r\n", "\n");
    if summary.chars().count() > SUMMARY_MAX_CHARS {
        errors.push(("resume", "prevention-error-summary"));
    }
    let body = field(pairs, "texte").replace("\r\n", "\n");
    if body.is_empty() || body.chars().count() > BODY_MAX_CHARS {
        errors.push(("texte", "prevention-error-body"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Sheet {
        id: id.to_owned(),
        title,
        summary,
        body,
        is_edited: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activities::vocab::PREVENTION;

    #[test]
    fn every_prevention_topic_of_the_record_has_a_sheet() {
        let sheets = default_sheets();
        for (topic, label) in PREVENTION {
            assert!(
                sheets.iter().any(|sheet| sheet.id == *topic),
                "no prevention sheet for the topic {topic} ({label})"
            );
        }
        for sheet in &sheets {
            assert!(
                PREVENTION.iter().any(|(topic, _)| *topic == sheet.id),
                "the sheet {} is not a prevention topic",
                sheet.id
            );
        }
    }

    #[test]
    fn the_sheets_written_for_relais_read_well_and_can_be_saved_unchanged() {
        for sheet in default_sheets() {
            assert!(!sheet.title.is_empty() && !sheet.title.starts_with('#'));
            assert!(
                sheet.title.chars().count() <= TITLE_MAX_CHARS,
                "{}",
                sheet.id
            );
            assert!(!sheet.summary.is_empty(), "{}", sheet.id);
            assert!(
                sheet.summary.chars().count() <= SUMMARY_MAX_CHARS,
                "{}",
                sheet.id
            );
            assert!(sheet.body.starts_with("## "), "{}", sheet.id);
            assert!(
                sheet.body.chars().count() <= BODY_MAX_CHARS,
                "{} is too long for one page",
                sheet.id
            );
            // A coordinator saving a sheet unchanged must not meet the privacy guard.
            for text in [&sheet.title, &sheet.summary, &sheet.body] {
                assert!(
                    crate::privacy::check(text).is_ok(),
                    "{}: {:?}",
                    sheet.id,
                    crate::privacy::inspect(text)
                        .iter()
                        .map(|f| &text[f.start..f.end])
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn a_sheet_file_has_a_title_a_summary_and_a_body() {
        let sheet = parse_file(
            "essai",
            "# Un titre\r\n\r\nUne phrase\nsur deux lignes.\r\n\r\n## Partie\n\n- un point\n",
        );
        assert_eq!(sheet.title, "Un titre");
        assert_eq!(sheet.summary, "Une phrase sur deux lignes.");
        assert_eq!(sheet.body, "## Partie\n\n- un point");
    }

    #[test]
    fn edited_sheets_replace_defaults_and_added_ones_follow() {
        let defaults = vec![
            parse_file("a", "# A\n\nr\n\ntexte"),
            parse_file("b", "# B\n\nr\n\ntexte"),
        ];
        let mut edited = parse_file("b", "# B modifiée\n\nr\n\ntexte");
        edited.is_edited = true;
        let mut added = parse_file("z", "# Ajoutée\n\nr\n\ntexte");
        added.is_edited = true;
        let sheets = merge(defaults, vec![added, edited]);
        let titles: Vec<_> = sheets.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["A", "B modifiée", "Ajoutée"]);
    }

    #[test]
    fn new_sheet_ids_are_plain_address_words() {
        assert!(is_valid_id("cles-usb"));
        assert!(is_valid_id("ia2"));
        for id in [
            "",
            "a",
            "Majuscule",
            "avec espace",
            "../etc",
            "-debut",
            "é",
            &"a".repeat(41),
        ] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn the_form_needs_a_title_and_a_text_within_limits() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect()
        };
        assert_eq!(
            parse_form("a", &pairs(&[("resume", "r")])).unwrap_err(),
            vec![
                ("titre", "prevention-error-title"),
                ("texte", "prevention-error-body")
            ]
        );
        let long = "a".repeat(BODY_MAX_CHARS + 1);
        assert_eq!(
            parse_form("a", &pairs(&[("titre", "T"), ("texte", &long)])).unwrap_err(),
            vec![("texte", "prevention-error-body")]
        );
        let sheet = parse_form(
            "a",
            &pairs(&[("titre", "T"), ("texte", "Du **texte**.\r\n")]),
        )
        .unwrap();
        assert_eq!(sheet.body, "Du **texte**.");
        assert!(sheet.is_edited);
    }
}
