//! The charter PDFs: a helper's signed copy and the public charter sheet. Texts travel as data
//! (Markdown turned into plain blocks), never as Typst markup. No HTTP here; the handlers call
//! [`typeset`] off the async runtime.

use super::markdown::{self, Block};
use super::model::{CharterVersion, Signature};
use crate::i18n::Tr;
use anyhow::Context;
use serde::Serialize;
use std::collections::BTreeMap;

const SIGNED_TEMPLATE: &str = include_str!("../../templates/pdf/charter-signed.typ");
const PUBLIC_TEMPLATE: &str = include_str!("../../templates/pdf/charter-public.typ");
pub const BLOCKS_FILE: (&str, &str) = (
    "/charter-blocks.typ",
    include_str!("../../templates/pdf/charter-blocks.typ"),
);

/// "12 mars 2026" (the directory's French date).
pub use crate::places::views::french_date as french_day;

/// "Version 2, publiée le 12 mars 2026".
pub fn version_line(tr: &Tr, version: &CharterVersion) -> String {
    let published = version
        .published_at
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    tr.t_args(
        "charters-version-line",
        &[
            ("version", version.version.to_string()),
            ("date", french_day(published)),
        ],
    )
}

/// Heading levels without gaps (PDF/UA readers expect 1, 2, 3… in order).
fn pdf_blocks(body: &str) -> Vec<Block> {
    let mut blocks = markdown::to_blocks(body);
    let mut last = 0u8;
    for block in blocks.iter_mut().filter(|b| b.kind == "heading") {
        block.level = block.level.min(last + 1);
        last = block.level;
    }
    blocks
}

#[derive(Serialize)]
struct SignedCopyDocument<'a> {
    texts: BTreeMap<String, String>,
    title: String,
    network: &'a str,
    version_line: String,
    charter: &'a CharterVersion,
    blocks: Vec<Block>,
    /// "Je soussigné·e …, encadrant·e bénévole, m'engage à respecter cette charte."
    statement: String,
    signed_on: String,
    signature: &'a Signature,
}

/// The signed copy of `signature` (which names `version`).
pub fn signed_copy_pdf(
    tr: &Tr,
    network: &str,
    version: &CharterVersion,
    signature: &Signature,
) -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> {
    let document = SignedCopyDocument {
        texts: tr.texts_for_template(SIGNED_TEMPLATE),
        title: tr.t1("charters-pdf-signed-title", "name", &signature.full_name),
        network,
        version_line: version_line(tr, version),
        charter: version,
        blocks: pdf_blocks(&version.body),
        statement: tr.t_args(
            "charters-pdf-statement",
            &[
                ("name", signature.full_name.clone()),
                ("kind", tr.t(signature.helper_kind.label_key())),
            ],
        ),
        signed_on: french_day(signature.signed_on),
        signature,
    };
    relais_pdf::render(
        SIGNED_TEMPLATE,
        &document,
        &[(BLOCKS_FILE.0, BLOCKS_FILE.1.as_bytes())],
    )
}

#[derive(Serialize)]
struct PublicSheetDocument<'a> {
    texts: BTreeMap<String, String>,
    network: &'a str,
    version_line: String,
    charter: &'a CharterVersion,
    blocks: Vec<Block>,
}

/// The public charter as a sheet to put up.
pub fn public_sheet_pdf(
    tr: &Tr,
    network: &str,
    version: &CharterVersion,
) -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> {
    let document = PublicSheetDocument {
        texts: tr.texts_for_template(PUBLIC_TEMPLATE),
        network,
        version_line: version_line(tr, version),
        charter: version,
        blocks: pdf_blocks(&version.body),
    };
    relais_pdf::render(
        PUBLIC_TEMPLATE,
        &document,
        &[(BLOCKS_FILE.0, BLOCKS_FILE.1.as_bytes())],
    )
}

/// Runs a PDF builder on a blocking thread and logs its warnings.
pub async fn typeset<F>(what: &'static str, build: F) -> anyhow::Result<Vec<u8>>
where
    F: FnOnce() -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> + Send + 'static,
{
    let pdf = tokio::task::spawn_blocking(build)
        .await
        .with_context(|| format!("typesetting {what}"))?
        .with_context(|| format!("typesetting {what}"))?;
    for warning in &pdf.warnings {
        tracing::warn!(warning = %warning, "Charter PDF template warning ({what})");
    }
    Ok(pdf.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::HelperKind;
    use crate::charters::model::{CharterKind, parse_default};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn version(kind: CharterKind, body_extra: &str) -> CharterVersion {
        let draft = parse_default(kind.default_text()).unwrap();
        CharterVersion {
            id: 1,
            kind,
            version: 3,
            content_hash: draft.content_hash(kind),
            title: format!("{} #panic(\"x\") *gras*", draft.title),
            body: format!("{}\n\n{body_extra}", draft.body),
            commitments: draft.commitments,
            published_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_signed_copy_compiles_without_warnings_whatever_the_text() {
        let tr = Tr::french();
        let version = version(
            CharterKind::Helpers,
            "### Saut de niveau\n\n- un **point** $x$ #set\n  1. sous-point\n\n<script>x</script>",
        );
        let signature = Signature {
            id: 1,
            user_id: 1,
            charter_version_id: 1,
            version: 3,
            content_hash: version.content_hash.clone(),
            full_name: "Josette #strong[Martin] $y$".into(),
            helper_kind: HelperKind::Volunteer,
            signed_at_place: "Angoulême".into(),
            signed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            created_at: Utc.with_ymd_and_hms(2026, 3, 12, 10, 0, 0).unwrap(),
        };
        let pdf = signed_copy_pdf(&tr, "Réseau #x", &version, &signature).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
        let pdf = signed_copy_pdf(&tr, "", &version, &signature).unwrap();
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn the_public_sheet_compiles_without_warnings() {
        let tr = Tr::french();
        let pdf = public_sheet_pdf(&tr, "Réseau", &version(CharterKind::Public, "")).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn every_text_of_the_pdf_templates_exists() {
        for template in [SIGNED_TEMPLATE, PUBLIC_TEMPLATE] {
            let texts = Tr::french().texts_for_template(template);
            assert!(texts.len() >= 2, "{texts:?}");
            for (key, text) in texts {
                assert_ne!(key, text, "missing key {key}");
            }
        }
    }

    #[test]
    fn pdf_heading_levels_have_no_gaps() {
        let levels: Vec<u8> = pdf_blocks("### a\n\n# b\n\n#### c\n\n## d")
            .iter()
            .map(|b| b.level)
            .collect();
        assert_eq!(levels, [1, 1, 2, 2]);
    }
}
