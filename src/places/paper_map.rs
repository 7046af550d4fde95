//! The paper map: the places of a search grouped by commune, with hours in plain French. One
//! builder feeds both the printable page and the PDF, so the two always list the same places.
//! No HTTP here; the PDF template is `templates/pdf/paper-map.typ`.

use super::search::{PlaceFilter, Snapshot};
use super::{Place, PlaceId, views};
use crate::i18n::Tr;
use crate::storage::{Db, StoreError};
use crate::text::fold;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/paper-map.typ");

/// The places of one search, ready to print.
#[derive(Debug, Serialize)]
pub struct PaperMap {
    pub network: String,
    /// "22 novembre 2026", in Paris time.
    pub printed_on: String,
    pub total: usize,
    /// By commune name then postcode, places by name, ignoring accents and case.
    pub communes: Vec<PrintedCommune>,
}

/// One commune of the paper map: "Cognac (16100)".
#[derive(Debug, Serialize)]
pub struct PrintedCommune {
    pub name: String,
    pub places: Vec<PrintedPlace>,
}

#[derive(Debug, Serialize)]
pub struct PrintedPlace {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub services: String,
    /// "Lundi : 9 h – 12 h", one line per day; empty when the hours cannot be read.
    pub hours_lines: Vec<String>,
    /// Hours the source gave as free text, shown when `hours_lines` is empty.
    pub hours_note: String,
    pub is_free: bool,
}

/// Builds the paper map of `filter` (every matching place: no pages).
pub async fn build_paper_map(
    db: &Db,
    snapshot: &Snapshot,
    filter: &PlaceFilter,
    now: DateTime<Utc>,
) -> Result<PaperMap, StoreError> {
    let filter = PlaceFilter {
        page: 1,
        per_page: usize::MAX,
        ..filter.clone()
    };
    let results = snapshot.search(&filter, now);
    let places = super::list_places(db).await?;
    let by_id: HashMap<PlaceId, &Place> = places.iter().map(|place| (place.id, place)).collect();
    let mut hits: Vec<&Place> = results
        .hits
        .iter()
        .filter_map(|hit| by_id.get(&hit.place.id).copied())
        .collect();
    hits.sort_by_cached_key(|place| {
        (
            fold(&place.record.commune),
            place.record.code_postal.clone(),
            fold(&place.record.nom),
        )
    });
    // Sources spell one commune several ways ("COGNAC", "Cognac"): one heading for all,
    // written in mixed case when any source does.
    let mut communes: Vec<PrintedCommune> = Vec::new();
    let mut last_key = None;
    for place in hits {
        let record = &place.record;
        let key = (fold(&record.commune), record.code_postal.as_str());
        let name = format!("{} ({})", record.commune, record.code_postal);
        let printed = printed_place(place, now);
        match communes.last_mut() {
            Some(last) if last_key.as_ref() == Some(&key) => {
                if is_all_capitals(&last.name) && !is_all_capitals(&name) {
                    last.name = name;
                }
                last.places.push(printed);
            }
            _ => communes.push(PrintedCommune {
                name,
                places: vec![printed],
            }),
        }
        last_key = Some(key);
    }
    let network = crate::network::find_network(db)
        .await?
        .map(|network| network.name)
        .unwrap_or_default();
    Ok(PaperMap {
        network,
        printed_on: views::french_date(now.with_timezone(&super::hours::TIME_ZONE).date_naive()),
        total: results.total,
        communes,
    })
}

fn is_all_capitals(text: &str) -> bool {
    !text.chars().any(char::is_lowercase)
}

fn printed_place(place: &Place, now: DateTime<Utc>) -> PrintedPlace {
    let record = &place.record;
    let mut address = record.adresse.clone();
    if !record.complement_adresse.is_empty() {
        address.push_str(", ");
        address.push_str(&record.complement_adresse);
    }
    PrintedPlace {
        name: record.nom.clone(),
        address: format!("{address}, {} {}", record.code_postal, record.commune),
        phone: views::display_phone(&record.telephone),
        services: record.services.join(", "),
        hours_lines: views::hours_lines(&record.horaires, now),
        hours_note: place.hours_note.clone(),
        is_free: record.is_free(),
    }
}

/// The data of `templates/pdf/paper-map.typ`.
#[derive(Serialize)]
struct PaperMapDocument<'a> {
    /// The interface texts the template names with `t("key")`.
    texts: BTreeMap<String, String>,
    title: String,
    /// "16 lieux trouvés".
    summary: String,
    /// "Imprimée le 22 novembre 2026".
    printed_on: String,
    map: &'a PaperMap,
}

/// Typesets the paper map as an A4 PDF. CPU-bound (see `docs/adr/0004-pdf-with-typst.md` for
/// timings): the server calls it through [`typeset_paper_map`].
pub fn paper_map_pdf(
    map: &PaperMap,
    tr: &Tr,
) -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> {
    let document = PaperMapDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        title: tr.t("places-print-title"),
        summary: tr.t1("places-results-count", "count", map.total),
        printed_on: tr.t1("places-pdf-printed-on", "date", &map.printed_on),
        map,
    };
    relais_pdf::render(PDF_TEMPLATE, &document, &[])
}

/// [`paper_map_pdf`] on a blocking thread, so a long map does not hold up other requests;
/// logs the time taken and any template warning. `slot` (one of `AppState::pdf_renders`) is
/// held until the typesetting ends, even if the visitor has gone.
pub async fn typeset_paper_map(
    map: PaperMap,
    slot: tokio::sync::OwnedSemaphorePermit,
) -> anyhow::Result<Vec<u8>> {
    let places = map.total;
    let started = std::time::Instant::now();
    let pdf = tokio::task::spawn_blocking(move || {
        let pdf = paper_map_pdf(&map, &Tr::french());
        drop(slot);
        pdf
    })
    .await
    .context("typesetting the paper map")?
    .context("typesetting the paper map")?;
    for warning in &pdf.warnings {
        tracing::warn!(warning = %warning, "Paper map template warning");
    }
    tracing::info!(
        places,
        bytes = pdf.bytes.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "Typeset the paper map of {places} places"
    );
    Ok(pdf.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, commune: &str) -> PrintedPlace {
        PrintedPlace {
            name: name.to_owned(),
            address: format!("1 place de la Mairie, 16000 {commune}"),
            phone: "05 45 00 00 00".to_owned(),
            services: "Aide aux démarches administratives".to_owned(),
            hours_lines: vec!["Lundi : 9 h – 12 h".to_owned()],
            hours_note: String::new(),
            is_free: true,
        }
    }

    #[test]
    fn the_pdf_template_compiles_with_places_and_without() {
        let tr = Tr::french();
        let mut map = PaperMap {
            network: "Réseau #[test] *charentais*".to_owned(),
            printed_on: "22 novembre 2026".to_owned(),
            total: 1,
            communes: vec![PrintedCommune {
                name: "Cognac (16100)".to_owned(),
                places: vec![place("Médiathèque $x$ #panic(\"x\")", "Cognac")],
            }],
        };
        let pdf = paper_map_pdf(&map, &tr).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);

        map.communes.clear();
        map.total = 0;
        let pdf = paper_map_pdf(&map, &tr).unwrap();
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    /// `cargo test --lib paper_map_pdf_timings -- --ignored --nocapture` (add `--release` for
    /// production figures). Each render has new data, so Typst's cache cannot replay a result.
    #[test]
    #[ignore = "timing measurement, not a check"]
    fn paper_map_pdf_timings() {
        let tr = Tr::french();
        for count in [30, 1000] {
            for round in 0..3 {
                let communes = (0..count / 10)
                    .map(|commune| PrintedCommune {
                        name: format!("Commune {commune} (16{commune:03})"),
                        places: (0..10)
                            .map(|index| {
                                let mut entry =
                                    place(&format!("Lieu {round}-{commune}-{index}"), "Cognac");
                                entry.hours_lines = (0..index % 7 + 1)
                                    .map(|day| format!("Jour {day} : 9 h – 12 h et 14 h – 17 h"))
                                    .collect();
                                entry.is_free = index % 2 == 0;
                                entry
                            })
                            .collect(),
                    })
                    .collect();
                let map = PaperMap {
                    network: format!("Réseau {round}"),
                    printed_on: "22 novembre 2026".to_owned(),
                    total: count,
                    communes,
                };
                let started = std::time::Instant::now();
                let pdf = paper_map_pdf(&map, &tr).unwrap();
                eprintln!(
                    "{count} places, round {round}: {} ms, {} KiB",
                    started.elapsed().as_millis(),
                    pdf.bytes.len() / 1024
                );
            }
        }
    }

    #[test]
    fn every_text_of_the_pdf_template_exists() {
        let texts = Tr::french().texts_for_template(PDF_TEMPLATE);
        assert!(texts.len() >= 8, "{texts:?}");
        for (key, text) in texts {
            assert_ne!(key, text, "missing key {key}");
        }
    }
}
