//! Strict export in the open-data standard v1: every column in schema order, `|` between
//! values, ISO dates, and only values its schema accepts (a doubtful phone or code is left
//! empty rather than published wrong). Hidden places and partners are never exported.

use super::model::{
    Place, PlaceKind, Visibility, is_valid_insee_code, is_valid_phone, is_valid_pivot,
    is_valid_postcode,
};
use super::vocab::{self, COLUMNS, Vocabulary};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// The placeholder producers write when a place has no SIRET/RNA/RIDET (the column is
/// required by the schema).
pub const PIVOT_PLACEHOLDER: &str = "00000000000000";

/// The places that belong in the open-data files.
pub fn exportable(places: &[Place]) -> impl Iterator<Item = &Place> {
    places.iter().filter(|place| {
        place.visibility == Visibility::Public
            && place.kind == PlaceKind::Mediation
            && is_valid_postcode(&place.record.code_postal)
            && !place.record.nom.trim().is_empty()
            && !place.record.adresse.trim().is_empty()
            && !place.record.commune.trim().is_empty()
    })
}

fn known(vocabulary: &Vocabulary, values: &[String]) -> String {
    values
        .iter()
        .filter(|value| vocabulary.contains(value))
        .cloned()
        .collect::<Vec<_>>()
        .join("|")
}

fn web_addresses(values: &[String]) -> String {
    values
        .iter()
        .filter(|value| url::Url::parse(value).is_ok_and(|url| url.scheme().starts_with("http")))
        .cloned()
        .collect::<Vec<_>>()
        .join("|")
}

/// The standard's `maxLength` of `presentation_resume`.
const SUMMARY_MAX_CHARS: usize = 280;

fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

/// The date the data was last known right: the later of the source's date and the last
/// confirmation in Relais, else the last change.
fn update_date(place: &Place) -> NaiveDate {
    let confirmed = place.last_confirmed_at.map(|at| at.date_naive());
    [place.record.date_maj, confirmed]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or_else(|| place.updated_at.date_naive())
}

/// One place as the 32 values of a row (numbers for coordinates).
pub fn row(place: &Place) -> Vec<Value> {
    let r = &place.record;
    let text = |value: String| Value::String(value);
    let pivot = if is_valid_pivot(&r.pivot) {
        r.pivot.clone()
    } else {
        PIVOT_PLACEHOLDER.to_owned()
    };
    let coordinate = |value: Option<f64>| {
        value
            .filter(|v| v.is_finite())
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(String::new()), Value::Number)
    };
    let (latitude, longitude) = match (r.latitude, r.longitude) {
        (Some(lat), Some(lon)) => (coordinate(Some(lat)), coordinate(Some(lon))),
        _ => (coordinate(None), coordinate(None)),
    };
    let emails: Vec<String> = r
        .courriels
        .iter()
        .filter(|email| email.contains('@') && !email.contains(char::is_whitespace))
        .cloned()
        .collect();
    vec![
        text(place.id.to_string()),
        text(pivot),
        text(r.nom.clone()),
        text(r.commune.clone()),
        text(r.code_postal.clone()),
        text(if is_valid_insee_code(&r.code_insee) {
            r.code_insee.clone()
        } else {
            String::new()
        }),
        text(r.adresse.clone()),
        text(r.complement_adresse.clone()),
        latitude,
        longitude,
        text(known(&vocab::TYPOLOGIES, &r.typologie)),
        text(if is_valid_phone(&r.telephone) {
            r.telephone.clone()
        } else {
            String::new()
        }),
        text(emails.join("|")),
        text(web_addresses(&r.site_web)),
        text(r.horaires.clone()),
        text(truncate_chars(&r.presentation_resume, SUMMARY_MAX_CHARS)),
        text(r.presentation_detail.clone()),
        text(r.source.clone()),
        text(known(&vocab::MOBILITY, &r.itinerance)),
        text(r.structure_parente.clone()),
        text(update_date(place).format("%Y-%m-%d").to_string()),
        text(known(&vocab::SERVICES, &r.services)),
        text(known(&vocab::PUBLICS, &r.publics_specifiquement_adresses)),
        text(known(
            &vocab::SPECIFIC_SUPPORT,
            &r.prise_en_charge_specifique,
        )),
        text(known(&vocab::FEES, &r.frais_a_charge)),
        text(known(
            &vocab::NATIONAL_PROGRAMMES,
            &r.dispositif_programmes_nationaux,
        )),
        text(known(&vocab::TRAINING_LABELS, &r.formations_labels)),
        text(r.autres_formations_labels.clone()),
        text(known(&vocab::ACCESS_MODES, &r.modalites_acces)),
        text(known(&vocab::SUPPORT_MODES, &r.modalites_accompagnement)),
        text(web_addresses(std::slice::from_ref(&r.fiche_acces_libre))),
        text(web_addresses(std::slice::from_ref(&r.prise_rdv))),
    ]
}

/// CSV in the standard's layout (UTF-8 without BOM, `,` between columns, header first). A text
/// that a spreadsheet would run as a formula gets an apostrophe in front; the phone column is
/// left alone (its "+33…" is checked against the standard's pattern, and a spreadsheet reads
/// it as a number).
pub fn to_csv(places: &[Place]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    let position = |name: &str| COLUMNS.iter().position(|column| *column == name);
    let (phone, summary) = (position("telephone"), position("presentation_resume"));
    for place in exportable(places) {
        let values: Vec<String> = row(place)
            .into_iter()
            .enumerate()
            .map(|(column, value)| match value {
                Value::String(text) if Some(column) == phone => text,
                Value::String(text) => {
                    let shown = crate::text::neutralise_formula(&text);
                    if Some(column) == summary && shown.chars().count() > SUMMARY_MAX_CHARS {
                        // The apostrophe counts: the summary still fits the standard.
                        crate::text::neutralise_formula(&truncate_chars(
                            &text,
                            SUMMARY_MAX_CHARS - 1,
                        ))
                    } else {
                        shown
                    }
                }
                other => other.to_string(),
            })
            .collect();
        writer.write_record(&values)?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// JSON: an array of objects with the same columns and values as the CSV.
pub fn to_json(places: &[Place]) -> Value {
    Value::Array(
        exportable(places)
            .map(|place| {
                let object: Map<String, Value> = COLUMNS
                    .iter()
                    .map(|column| (*column).to_owned())
                    .zip(row(place))
                    .collect();
                Value::Object(object)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_shown_as_text_still_fits_the_standard() {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let place = Place {
            id: crate::places::PlaceId(1),
            organization_id: None,
            kind: PlaceKind::Mediation,
            visibility: Visibility::Public,
            record: crate::places::MediationRecord {
                id: "1".into(),
                nom: "Médiathèque".into(),
                adresse: "1 rue Haute".into(),
                code_postal: "16000".into(),
                commune: "Angoulême".into(),
                presentation_resume: format!("- {}", "mot ".repeat(100)),
                ..Default::default()
            },
            equipment: Default::default(),
            hours_note: String::new(),
            flags: Vec::new(),
            closures: Vec::new(),
            last_confirmed_at: None,
            created_at: at,
            updated_at: at,
        };
        let csv = String::from_utf8(to_csv(std::slice::from_ref(&place)).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let index = headers
            .iter()
            .position(|h| h == "presentation_resume")
            .unwrap();
        let record = reader.records().next().unwrap().unwrap();
        let summary = &record[index];
        assert!(summary.starts_with("'- mot"), "{summary}");
        assert!(
            summary.chars().count() <= SUMMARY_MAX_CHARS,
            "{}",
            summary.chars().count()
        );
    }

    #[test]
    fn long_summaries_are_cut_on_a_word_within_280_characters() {
        let long = "mot ".repeat(100);
        let cut = truncate_chars(&long, 280);
        assert!(cut.chars().count() <= 280);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate_chars("court", 280), "court");
    }
}
