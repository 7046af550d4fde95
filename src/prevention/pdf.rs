//! A prevention sheet as an A4 PDF (`templates/pdf/prevention-sheet.typ`, typeset by
//! `relais-pdf`): the sheet's words travel as JSON data, never as Typst markup.

use super::Sheet;
use crate::charters::markdown::{Block, to_blocks};
use crate::charters::pdf::BLOCKS_FILE;
use crate::i18n::Tr;
use serde::Serialize;
use std::collections::BTreeMap;

pub const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/prevention-sheet.typ");

#[derive(Serialize)]
struct SheetDocument<'a> {
    texts: BTreeMap<String, String>,
    network: &'a str,
    /// The sheet's page, printed in the footer.
    url: &'a str,
    sheet: SheetData<'a>,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
struct SheetData<'a> {
    title: &'a str,
    summary: &'a str,
}

/// Typesets `sheet` (CPU-bound: run it with `charters::pdf::typeset`).
pub fn sheet_pdf(
    tr: &Tr,
    network: &str,
    url: &str,
    sheet: &Sheet,
) -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> {
    let document = SheetDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        network,
        url,
        sheet: SheetData {
            title: &sheet.title,
            summary: &sheet.summary,
        },
        blocks: sheet_blocks(&sheet.body),
    };
    relais_pdf::render(
        PDF_TEMPLATE,
        &document,
        &[(BLOCKS_FILE.0, BLOCKS_FILE.1.as_bytes())],
    )
}

/// The sheet's blocks with its highest heading at level 1 and no gap between levels (PDF/UA
/// readers expect 1, 2, 3… in order), whatever level the author started at.
fn sheet_blocks(body: &str) -> Vec<Block> {
    let mut blocks = to_blocks(body);
    let top = blocks
        .iter()
        .filter(|b| b.kind == "heading")
        .map(|b| b.level)
        .min()
        .unwrap_or(1);
    let mut last = 0u8;
    for block in blocks.iter_mut().filter(|b| b.kind == "heading") {
        block.level = (block.level + 1 - top).min(last + 1);
        last = block.level;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_of_the_same_level_stay_at_the_same_level() {
        let levels: Vec<u8> = sheet_blocks("## Un\n\ntexte\n\n## Deux\n\n#### Trois\n\n## Quatre")
            .iter()
            .filter(|b| b.kind == "heading")
            .map(|b| b.level)
            .collect();
        assert_eq!(levels, [1, 1, 2, 1]);
    }

    #[test]
    fn every_text_the_sheet_template_names_exists() {
        let texts = Tr::french().texts_for_template(PDF_TEMPLATE);
        assert_eq!(texts.len(), 2, "{texts:?}");
        for (key, text) in texts {
            assert_ne!(key, text, "missing key {key}");
        }
    }
}
