//! The printable flyer of a workshop (A4 PDF): title, level, dates, place, what it is about,
//! "free" and a QR code to the registration page (`templates/pdf/workshop-flyer.typ`).

use crate::i18n::Tr;
use anyhow::Context;
use serde::Serialize;
use std::collections::BTreeMap;

pub const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/workshop-flyer.typ");

#[derive(Clone, Debug, Serialize)]
pub struct Flyer {
    pub title: String,
    pub level: String,
    pub themes: String,
    pub place: String,
    pub address: String,
    pub sessions: Vec<String>,
    pub description: Vec<String>,
    pub seats: String,
    /// The registration page's address, also in the QR code.
    pub url: String,
}

#[derive(Serialize)]
struct FlyerDocument<'a> {
    texts: BTreeMap<String, String>,
    title: String,
    flyer: &'a Flyer,
}

fn flyer_pdf(flyer: &Flyer, tr: &Tr) -> anyhow::Result<relais_pdf::RenderedPdf> {
    let svg = crate::permanences::poster::qr_svg(&flyer.url)?;
    let document = FlyerDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        title: flyer.title.clone(),
        flyer,
    };
    Ok(relais_pdf::render(
        PDF_TEMPLATE,
        &document,
        &[("/qr.svg", svg.as_bytes())],
    )?)
}

/// Typesets the flyer off the async runtime.
pub async fn typeset(flyer: Flyer) -> anyhow::Result<Vec<u8>> {
    let pdf = tokio::task::spawn_blocking(move || flyer_pdf(&flyer, &Tr::french()))
        .await
        .context("typesetting the workshop flyer")??;
    for warning in &pdf.warnings {
        tracing::warn!(%warning, "workshop flyer template warning");
    }
    Ok(pdf.bytes)
}
