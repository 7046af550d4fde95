//! The slip handed to the person: where to go (name, address, hours, next permanences), what
//! to bring, the need in plain words, and the short code with its QR code. One builder feeds
//! the print view and the A5 PDF (`templates/pdf/referral-slip.typ`, typeset by `relais-pdf`).

use super::Referral;
use super::model::display_code;
use crate::i18n::Tr;
use crate::storage::Db;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

pub const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/referral-slip.typ");

/// The catalogue keys of what to bring, in order.
pub const BRING_KEYS: [&str; 4] = [
    "referrals-bring-slip",
    "referrals-bring-id",
    "referrals-bring-papers",
    "referrals-bring-phone",
];

/// How many coming permanences the slip lists.
const NEXT_PERMANENCES: usize = 3;

/// What a slip shows.
#[derive(Clone, Debug, Serialize)]
pub struct Slip {
    /// The person's first name or initials, when they gave it.
    pub first_name: String,
    pub place_name: String,
    pub address: String,
    pub phone: String,
    /// A week of opening hours, a line per day.
    pub hours: Vec<String>,
    /// "mardi 10 mars 2026, 14 h – 17 h".
    pub next_permanences: Vec<String>,
    pub bring: Vec<String>,
    /// Service categories and the need text.
    pub categories: Vec<String>,
    pub need: String,
    /// `ACDE-3479`.
    pub code: String,
    /// What the QR code holds: the desk page with the code filled in.
    pub qr_url: String,
    pub date: String,
    pub origin: String,
}

/// The coming held permanences of a place, as lines.
async fn next_permanences(
    db: &Db,
    place: crate::places::PlaceId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    use crate::permanences::model::{french_day, french_time};
    let today = crate::permanences::today(now);
    Ok(
        crate::permanences::place_agenda(db, place, today, today + Duration::days(28))
            .await?
            .iter()
            .filter(|item| item.occurrence.is_held() && item.occurrence.starts_at() > now)
            .take(NEXT_PERMANENCES)
            .map(|item| {
                let occurrence = &item.occurrence;
                format!(
                    "{}, {} – {}",
                    french_day(occurrence.date),
                    french_time(occurrence.start),
                    french_time(occurrence.end)
                )
            })
            .collect(),
    )
}

impl Slip {
    /// What a slip says about a place, before any referral (the form's preview).
    pub async fn preview(
        db: &Db,
        place: &crate::places::Place,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Slip> {
        let tr = Tr::french();
        let record = &place.record;
        Ok(Slip {
            first_name: String::new(),
            place_name: record.nom.clone(),
            address: format!(
                "{}, {} {}",
                record.adresse, record.code_postal, record.commune
            ),
            phone: crate::places::views::display_phone(&record.telephone),
            hours: crate::places::views::hours_lines(&record.horaires, now),
            next_permanences: next_permanences(db, place.id, now).await?,
            bring: BRING_KEYS.iter().map(|key| tr.t(key)).collect(),
            categories: Vec::new(),
            need: String::new(),
            code: String::new(),
            qr_url: String::new(),
            date: String::new(),
            origin: String::new(),
        })
    }
}

/// Builds the slip of a referral.
pub async fn build(
    db: &Db,
    referral: &Referral,
    now: DateTime<Utc>,
    base_url: &str,
) -> anyhow::Result<Slip> {
    let place = crate::places::find_place(db, referral.data.destination).await?;
    let mut slip = Slip::preview(db, &place, now).await?;
    let code = referral.code.as_deref().unwrap_or_default();
    slip.first_name = referral
        .data
        .consent
        .as_ref()
        .map(|c| c.first_name.clone())
        .unwrap_or_default();
    slip.categories = referral.data.categories.clone();
    slip.need = referral.data.need.clone();
    slip.qr_url = format!("{base_url}/orientations/code?code={code}");
    slip.code = display_code(code);
    slip.date = crate::places::views::french_date(crate::permanences::today(referral.created_at));
    slip.origin = referral.origin_name.clone();
    Ok(slip)
}

#[derive(Serialize)]
struct SlipDocument<'a> {
    texts: BTreeMap<String, String>,
    title: String,
    slip: &'a Slip,
}

/// Typesets the slip as an A5 PDF (CPU-bound: call it off the async runtime).
pub fn slip_pdf(slip: &Slip, tr: &Tr) -> anyhow::Result<relais_pdf::RenderedPdf> {
    let svg = crate::permanences::poster::qr_svg(&slip.qr_url)?;
    let document = SlipDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        title: tr.t1("referrals-slip-pdf-title", "place", &slip.place_name),
        slip,
    };
    Ok(relais_pdf::render(
        PDF_TEMPLATE,
        &document,
        &[("/qr.svg", svg.as_bytes())],
    )?)
}

/// [`slip_pdf`] on a blocking thread.
pub async fn typeset(slip: Slip) -> anyhow::Result<Vec<u8>> {
    let pdf = tokio::task::spawn_blocking(move || slip_pdf(&slip, &Tr::french()))
        .await
        .context("typesetting the referral slip")??;
    for warning in &pdf.warnings {
        tracing::warn!(%warning, "referral slip template warning");
    }
    Ok(pdf.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Slip {
        Slip {
            first_name: "Josette # *gras*".into(),
            place_name: "Médiathèque des Tilleuls".into(),
            address: "1 rue des Tilleuls, 16000 Angoulême".into(),
            phone: "05 45 00 00 00".into(),
            hours: vec!["Mardi : 14 h – 17 h".into()],
            next_permanences: vec!["mardi 10 mars 2026, 14 h – 17 h".into()],
            bring: BRING_KEYS.iter().map(|k| Tr::french().t(k)).collect(),
            categories: vec!["Aide aux démarches administratives".into()],
            need: "Déclarer ses revenus en ligne".into(),
            code: "ACDE-3479".into(),
            qr_url: "http://localhost/orientations/code?code=ACDE3479".into(),
            date: "2 mars 2026".into(),
            origin: "Centre social".into(),
        }
    }

    #[test]
    fn every_text_the_slip_template_names_exists() {
        let texts = Tr::french().texts_for_template(PDF_TEMPLATE);
        assert!(texts.len() >= 5, "{texts:?}");
        for (key, text) in texts {
            assert_ne!(key, text, "missing key {key}");
        }
        for key in BRING_KEYS {
            assert!(Tr::french().has(key), "{key}");
        }
    }

    #[test]
    fn the_slip_typesets_as_a_pdf_with_people_words_as_data() {
        let pdf = slip_pdf(&sample(), &Tr::french()).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF"));
    }
}
