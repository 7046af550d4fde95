//! The A4 poster of a place, for its door or its wall: name, permanence times, help offered,
//! the place's own rules, what the network promises the people who come, and a QR code to
//! the place's page. One builder feeds the print view and the PDF
//! (`templates/pdf/poster.typ`, typeset by `relais-pdf`).

use super::Permanence;
use super::model::{Pattern, french_time};
use crate::i18n::Tr;
use anyhow::Context;
use serde::Serialize;
use std::collections::BTreeMap;

pub const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/poster.typ");
/// The longest rules text a manager may write.
pub const RULES_MAX_CHARS: usize = 800;
/// The catalogue keys of the promises printed on every poster, in order.
pub const PROMISE_KEYS: [&str; 4] = [
    "poster-promise-free",
    "poster-promise-confidential",
    "poster-promise-with-you",
    "poster-promise-last-click",
];

/// What a poster shows.
#[derive(Clone, Debug, Serialize)]
pub struct Poster {
    pub place_name: String,
    pub address: String,
    /// "chaque mardi, 14 h – 17 h", one per permanence running now or later.
    pub schedule_lines: Vec<String>,
    pub services: Vec<String>,
    /// The place's rules, a line each.
    pub rules: Vec<String>,
    pub promises: Vec<String>,
    /// The place page's address, also in the QR code.
    pub url: String,
    pub network: String,
}

/// Builds the poster of a place from its permanences (those not ended by `today`).
#[allow(clippy::too_many_arguments)]
pub fn build(
    tr: &Tr,
    place_name: &str,
    address: &str,
    permanences: &[Permanence],
    today: chrono::NaiveDate,
    rules: &str,
    url: String,
    network: String,
) -> Poster {
    let mut services: Vec<String> = Vec::new();
    let mut schedule_lines = Vec::new();
    for permanence in permanences {
        let schedule = &permanence.data.schedule;
        if schedule.ends_on.is_some_and(|end| end < today) {
            continue;
        }
        let pattern = match schedule.pattern() {
            Pattern::Custom(_) => permanence.data.title.clone(),
            pattern => capitalized(&pattern.describe()),
        };
        schedule_lines.push(format!(
            "{pattern}, {} – {}",
            french_time(schedule.start_time),
            french_time(schedule.end_time)
        ));
        for service in &permanence.data.services {
            if !services.contains(service) {
                services.push(service.clone());
            }
        }
    }
    Poster {
        place_name: place_name.to_owned(),
        address: address.to_owned(),
        schedule_lines,
        services,
        rules: rules
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect(),
        promises: PROMISE_KEYS.iter().map(|key| tr.t(key)).collect(),
        url,
        network,
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Checks the rules a manager typed: a length limit (the privacy guard of issue 5 will add
/// its own check on every free-text field).
pub fn check_rules(rules: &str) -> Result<String, &'static str> {
    let rules = rules.trim().replace("\r\n", "\n");
    if rules.chars().count() > RULES_MAX_CHARS {
        return Err("poster-error-rules-long");
    }
    Ok(rules)
}

/// The QR code of `url` as an SVG image.
pub fn qr_svg(url: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).context("making the QR code")?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// The QR code of `url` as a `data:` address for an `<img>` of an HTML page.
pub fn qr_data_uri(url: &str) -> anyhow::Result<String> {
    use base64::Engine;
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(qr_svg(url)?)
    ))
}

#[derive(Serialize)]
struct PosterDocument<'a> {
    texts: BTreeMap<String, String>,
    title: String,
    poster: &'a Poster,
}

/// Typesets the poster as an A4 PDF (CPU-bound: call it off the async runtime).
pub fn poster_pdf(poster: &Poster, tr: &Tr) -> anyhow::Result<relais_pdf::RenderedPdf> {
    let svg = qr_svg(&poster.url)?;
    let document = PosterDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        title: tr.t1("poster-pdf-title", "place", &poster.place_name),
        poster,
    };
    Ok(relais_pdf::render(
        PDF_TEMPLATE,
        &document,
        &[("/qr.svg", svg.as_bytes())],
    )?)
}

/// [`poster_pdf`] on a blocking thread.
pub async fn typeset(poster: Poster) -> anyhow::Result<Vec<u8>> {
    let pdf = tokio::task::spawn_blocking(move || poster_pdf(&poster, &Tr::french()))
        .await
        .context("typesetting the poster")??;
    for warning in &pdf.warnings {
        tracing::warn!(%warning, "poster template warning");
    }
    Ok(pdf.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let svg = qr_svg("https://relais.example.fr/lieux/12").unwrap();
        assert!(svg.contains("<svg"));
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }

    #[test]
    fn rules_are_kept_line_by_line_within_a_limit() {
        assert_eq!(
            check_rules("  Venez avec votre téléphone.\r\nPas de rendez-vous.  ").unwrap(),
            "Venez avec votre téléphone.\nPas de rendez-vous."
        );
        assert!(check_rules(&"a".repeat(RULES_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn every_text_the_poster_template_names_exists() {
        let texts = Tr::french().texts_for_template(PDF_TEMPLATE);
        assert!(texts.len() >= 5, "{texts:?}");
        for (key, text) in texts {
            assert_ne!(key, text, "missing key {key}");
        }
        for key in PROMISE_KEYS {
            assert!(Tr::french().has(key), "{key}");
        }
    }
}
