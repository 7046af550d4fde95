#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::places::QualityFlag;
use crate::places::vocab;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

fn options(format: Format) -> ImportOptions {
    ImportOptions {
        format,
        source: None,
        today: today(),
    }
}

fn parse_bytes(bytes: &[u8]) -> Result<ParsedImport, ImportError> {
    parse(bytes, &options(Format::Auto), &mut |_, _| {})
}

fn parse_json(value: Value) -> ParsedImport {
    parse_bytes(&serde_json::to_vec(&value).unwrap()).unwrap()
}

/// A complete, valid v1 place; tests change one field at a time.
fn place() -> serde_json::Map<String, Value> {
    let Value::Object(map) = json!({
        "id": "lieu-1",
        "pivot": "43493312300029",
        "nom": "Médiathèque d’Arles",
        "commune": "Arles",
        "code_postal": "13200",
        "adresse": "12 rue de la République",
        "latitude": 43.6767,
        "longitude": 4.6278,
        "telephone": "+33490000000",
        "courriels": "contact@arles.fr",
        "site_web": "https://www.arles.fr/",
        "horaires": "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
        "source": "Hubik",
        "date_maj": "2024-04-02",
        "services": "Aide aux démarches administratives|Loisirs et créations numériques",
        "frais_a_charge": "Gratuit",
    }) else {
        unreachable!()
    };
    map
}

/// The single row produced by a place changed by `edit`.
fn row_with(edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> ImportRow {
    let mut map = place();
    edit(&mut map);
    let mut parsed = parse_json(Value::Array(vec![Value::Object(map)]));
    assert_eq!(parsed.rows.len(), 1);
    parsed.rows.remove(0)
}

fn record(row: &ImportRow) -> &crate::places::MediationRecord {
    &row.data.as_ref().expect("row was refused").record
}

fn flags(row: &ImportRow) -> Vec<QualityFlag> {
    row.data
        .as_ref()
        .map(|d| d.flags.clone())
        .unwrap_or_default()
}

fn mentions(row: &ImportRow, needle: &str) -> bool {
    row.messages.iter().any(|m| m.contains(needle))
}

// --- API ------------------------------------------------------------------------------------

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
    }
    assert_eq!(Format::parse("rhinocc"), Some(Format::RhinOcc));
    assert_eq!(Format::parse("csv"), None);
}

#[test]
fn a_complete_v1_place_is_accepted_as_is() {
    let row = row_with(|_| {});
    assert_eq!(row.outcome, Outcome::Accepted, "{:?}", row.messages);
    assert!(row.messages.is_empty());
    let record = record(&row);
    assert_eq!(
        record.nom, "Médiathèque d’Arles",
        "curly apostrophes stay in free text"
    );
    assert_eq!(
        record.services,
        [
            "Aide aux démarches administratives",
            "Loisirs et créations numériques"
        ]
    );
    assert_eq!(record.date_maj, chrono::NaiveDate::from_ymd_opt(2024, 4, 2));
    assert_eq!(row.source_id, "lieu-1");
}

#[test]
fn progress_is_reported_for_every_row() {
    let bytes = serde_json::to_vec(&json!([place(), place()])).unwrap();
    let mut calls = Vec::new();
    parse(&bytes, &options(Format::Auto), &mut |done, total| {
        calls.push((done, total))
    })
    .unwrap();
    assert_eq!(calls, [(1, 2), (2, 2)]);
}

// --- Required fields and identity -----------------------------------------------------------

#[test]
fn rows_without_name_address_commune_or_id_are_refused_with_reasons() {
    for (column, reason) in [
        ("nom", "nom manquant"),
        ("adresse", "adresse manquante"),
        ("commune", "commune manquante"),
        ("id", "pas d'identifiant"),
        ("code_postal", "code postal manquant"),
    ] {
        let row = row_with(|map| {
            map.insert(column.to_owned(), json!(""));
        });
        assert_eq!(row.outcome, Outcome::Refused, "{column}");
        assert!(row.data.is_none());
        assert!(mentions(&row, reason), "{column}: {:?}", row.messages);
    }
}

#[test]
fn integer_postcodes_and_lost_leading_zeros_are_restored() {
    let row = row_with(|map| {
        map.insert("code_postal".into(), json!(4000));
        map.insert("code_insee".into(), json!(4070));
        map.insert("id".into(), json!(17));
    });
    assert_eq!(row.outcome, Outcome::Fixed, "{:?}", row.messages);
    assert_eq!(record(&row).code_postal, "04000");
    assert_eq!(record(&row).code_insee, "04070");
    assert_eq!(record(&row).id, "17");
    assert!(mentions(&row, "zéro initial"));

    let row = row_with(|map| {
        map.insert("code_postal".into(), json!(" 13 200 "));
    });
    assert_eq!(record(&row).code_postal, "13200");
}

#[test]
fn a_postcode_that_cannot_be_fixed_refuses_the_row() {
    for bad in ["132", "ABCDE", "1320000"] {
        let row = row_with(|map| {
            map.insert("code_postal".into(), json!(bad));
        });
        assert_eq!(row.outcome, Outcome::Refused, "{bad}");
        assert!(mentions(&row, "code postal"), "{:?}", row.messages);
    }
}

#[test]
fn a_duplicate_id_within_one_source_refuses_the_second_row_only() {
    let mut other_source = place();
    other_source.insert("source".into(), json!("Hinaura"));
    let parsed = parse_json(json!([place(), place(), other_source]));
    let outcomes: Vec<Outcome> = parsed.rows.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Accepted, Outcome::Refused, Outcome::Accepted]
    );
    assert!(mentions(&parsed.rows[1], "en double"));
}

#[test]
fn the_source_option_overrides_the_row_and_a_default_comes_from_the_format() {
    let bytes = serde_json::to_vec(&json!([place()])).unwrap();
    let options = ImportOptions {
        format: Format::Auto,
        source: Some("Relais Arles".into()),
        today: today(),
    };
    let parsed = parse(&bytes, &options, &mut |_, _| {}).unwrap();
    assert_eq!(record(&parsed.rows[0]).source, "Relais Arles");

    let row = row_with(|map| {
        map.remove("source");
    });
    assert_eq!(record(&row).source, "mediation-v1");
}

#[test]
fn placeholder_and_invalid_sirets_are_removed_and_flagged() {
    for bad in ["00000000000000", "0", "1234", "not a siret!"] {
        let row = row_with(|map| {
            map.insert("pivot".into(), json!(bad));
        });
        assert_eq!(row.outcome, Outcome::Flagged, "{bad}");
        assert_eq!(record(&row).pivot, "");
        assert!(flags(&row).contains(&QualityFlag::PivotMissing));
    }
    let row = row_with(|map| {
        map.insert("pivot".into(), json!(43493312300029_u64));
    });
    assert_eq!(record(&row).pivot, "43493312300029");
    let row = row_with(|map| {
        map.insert("pivot".into(), json!("434 933 123 00029"));
    });
    assert_eq!(row.outcome, Outcome::Fixed);
    assert_eq!(record(&row).pivot, "43493312300029");
    let row = row_with(|map| {
        map.insert("pivot".into(), json!("W131004321"));
    });
    assert_eq!(record(&row).pivot, "W131004321", "an RNA number is kept");
}

// --- Dates ----------------------------------------------------------------------------------

#[test]
fn dates_are_read_in_iso_french_and_month_name_forms() {
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let parse_date = normalize::parse_date;
    assert_eq!(parse_date("2023-05-11"), date(2023, 5, 11));
    assert_eq!(parse_date("2023-05-11T10:42:00.000Z"), date(2023, 5, 11));
    assert_eq!(parse_date("05/08/2016"), date(2016, 8, 5));
    assert_eq!(parse_date("Decembre 2019"), date(2019, 12, 1));
    assert_eq!(parse_date("juil-22"), date(2022, 7, 1));
    assert_eq!(parse_date("Février 2021"), date(2021, 2, 1));
    assert_eq!(parse_date("15 mars 2021"), date(2021, 3, 15));
    assert_eq!(parse_date("bientôt"), None);
    assert_eq!(parse_date("2023-13-45"), None);
}

#[test]
fn epoch_future_and_unreadable_dates_are_flagged_missing() {
    for bad in ["1970-01-01", "1969-12-31", "2030-01-01", "un jour", ""] {
        let row = row_with(|map| {
            map.insert("date_maj".into(), json!(bad));
        });
        assert_eq!(row.outcome, Outcome::Flagged, "{bad}");
        assert_eq!(record(&row).date_maj, None);
        assert!(flags(&row).contains(&QualityFlag::DateMissing));
    }
    let row = row_with(|map| {
        map.insert("date_maj".into(), json!("05/08/2016"));
    });
    assert_eq!(row.outcome, Outcome::Fixed);
    assert_eq!(
        record(&row).date_maj,
        chrono::NaiveDate::from_ymd_opt(2016, 8, 5)
    );
}

// --- Contacts -------------------------------------------------------------------------------

fn phone_of(raw: &str, postcode: &str) -> ImportRow {
    row_with(|map| {
        map.insert("telephone".into(), json!(raw));
        map.insert("code_postal".into(), json!(postcode));
    })
}

#[test]
fn phones_are_written_in_the_standard_international_form() {
    for (raw, postcode, expected) in [
        ("04 90 12 34 56", "13200", "+33490123456"),
        ("04.90.12.34.56", "13200", "+33490123456"),
        ("0490123456", "13200", "+33490123456"),
        ("0033 4 90 12 34 56", "13200", "+33490123456"),
        ("+33 (0)4 90 12 34 56", "13200", "+33490123456"),
        ("05 90 12 34 56", "97100", "+590590123456"),
        ("0596 42 21 29", "97200", "+596596422129"),
        ("0262 79 00 49", "97400", "+262262790049"),
        ("0694 12 34 56", "97300", "+594694123456"),
        ("27 12 34", "98800", "+687271234"),
        ("40 12 34 56", "98714", "+68940123456"),
    ] {
        let row = phone_of(raw, postcode);
        assert_eq!(record(&row).telephone, expected, "{raw}");
        assert_eq!(row.outcome, Outcome::Fixed, "{raw}: {:?}", row.messages);
    }
    let row = phone_of("+33490123456", "13200");
    assert_eq!(row.outcome, Outcome::Accepted);
}

#[test]
fn several_phones_keep_the_first_and_unusable_ones_are_flagged() {
    let row = phone_of("04 90 12 34 56 / 06 12 34 56 78", "13200");
    assert_eq!(record(&row).telephone, "+33490123456");
    assert!(mentions(&row, "plusieurs numéros"));

    for bad in ["3646", "Contact : voir le site", "12 34"] {
        let row = phone_of(bad, "13200");
        assert_eq!(record(&row).telephone, "", "{bad}");
        assert!(flags(&row).contains(&QualityFlag::PhoneInvalid), "{bad}");
        assert_eq!(row.outcome, Outcome::Flagged);
    }
}

#[test]
fn invalid_emails_are_dropped_and_flagged_and_lists_use_pipes() {
    let row = row_with(|map| {
        map.remove("courriels");
        map.insert(
            "courriel".into(),
            json!("a@arles.fr; pas-une-adresse ; b@arles.fr"),
        );
    });
    assert_eq!(record(&row).courriels, ["a@arles.fr", "b@arles.fr"]);
    assert!(flags(&row).contains(&QualityFlag::ContactInvalid));

    let row = row_with(|map| {
        map.insert("courriels".into(), json!("a@arles.fr;b@arles.fr"));
    });
    assert_eq!(row.outcome, Outcome::Fixed);
    assert_eq!(record(&row).courriels, ["a@arles.fr", "b@arles.fr"]);
}

#[test]
fn web_addresses_get_a_scheme_and_invalid_ones_are_flagged() {
    let row = row_with(|map| {
        map.insert(
            "site_web".into(),
            json!("www.arles.fr|https://facebook.com/arles"),
        );
    });
    assert_eq!(
        record(&row).site_web,
        ["https://www.arles.fr", "https://facebook.com/arles"]
    );
    assert_eq!(row.outcome, Outcome::Fixed);
    assert!(mentions(&row, "https://"));

    let row = row_with(|map| {
        map.insert("site_web".into(), json!("pas de site"));
        map.insert("prise_rdv".into(), json!("rdv.arles.fr/prendre"));
    });
    assert!(record(&row).site_web.is_empty());
    assert_eq!(record(&row).prise_rdv, "https://rdv.arles.fr/prendre");
    assert!(flags(&row).contains(&QualityFlag::ContactInvalid));
}

// --- Coordinates ----------------------------------------------------------------------------

fn at(latitude: Value, longitude: Value) -> ImportRow {
    row_with(|map| {
        map.insert("latitude".into(), latitude);
        map.insert("longitude".into(), longitude);
    })
}

#[test]
fn coordinates_accept_decimal_commas_and_swapped_pairs_are_fixed() {
    let row = at(json!("43,6767"), json!("4,6278"));
    assert_eq!(row.outcome, Outcome::Accepted);
    assert_eq!(record(&row).latitude, Some(43.6767));

    let row = at(json!(4.6278), json!(43.6767));
    assert_eq!(row.outcome, Outcome::Fixed);
    assert_eq!(
        (record(&row).latitude, record(&row).longitude),
        (Some(43.6767), Some(4.6278))
    );
}

#[test]
fn coordinates_outside_france_are_kept_and_missing_ones_are_flagged() {
    let row = at(json!(40.4168), json!(-3.7038)); // Madrid
    assert_eq!(row.outcome, Outcome::Flagged);
    assert_eq!(record(&row).latitude, Some(40.4168));
    assert!(flags(&row).contains(&QualityFlag::CoordinatesOutsideFrance));

    for (latitude, longitude) in [(json!(null), json!(null)), (json!("abc"), json!(4.6))] {
        let row = at(latitude, longitude);
        assert_eq!(record(&row).latitude, None);
        assert!(flags(&row).contains(&QualityFlag::CoordinatesMissing));
    }
}

// --- Hours and texts ------------------------------------------------------------------------

#[test]
fn opening_hours_are_kept_free_text_goes_to_the_note_and_garbage_is_flagged() {
    let row = row_with(|map| {
        map.insert(
            "horaires".into(),
            json!("Mo-Fr 09:00-12:00,14:00-17:00; Sa,Su off"),
        );
    });
    assert_eq!(row.outcome, Outcome::Accepted, "{:?}", row.messages);

    let french = "Du lundi au vendredi : de 9h - 12h et 14h-17h";
    let row = row_with(|map| {
        map.insert("horaires".into(), json!(french));
    });
    let data = row.data.as_ref().unwrap();
    assert_eq!(data.record.horaires, "");
    assert_eq!(data.hours_note, french);
    assert_eq!(data.flags, [QualityFlag::HoursFreeText]);

    let row = row_with(|map| {
        map.insert("horaires".into(), json!("de 8 h 15 - 17 h"));
    });
    assert_eq!(flags(&row), [QualityFlag::HoursFreeText]);

    let row = row_with(|map| {
        map.insert("horaires".into(), json!("/"));
    });
    assert_eq!(record(&row).horaires, "/");
    assert_eq!(flags(&row), [QualityFlag::HoursUnreadable]);
}

#[test]
fn a_hub_hours_note_is_kept_and_flagged() {
    let mut raw = raw::RawRow::new(1);
    for (column, value) in place() {
        // Column names of the standard live as long as the program; a test's may leak.
        let column: &'static str = Box::leak(column.into_boxed_str());
        raw.set(column, value.as_str().unwrap_or(&value.to_string()));
    }
    raw.hours_note = Some("lundi 9h-12h".into());
    let row = normalize::normalize(raw, Format::BfcTernum, None, today());
    let data = row.data.unwrap();
    assert_eq!(data.hours_note, "lundi 9h-12h");
    assert!(data.flags.contains(&QualityFlag::HoursFreeText));
}

#[test]
fn an_overlong_resume_is_cut_at_a_word_and_kept_whole_in_the_detail() {
    let long = "Un atelier numérique ouvert à tous. ".repeat(12);
    let row = row_with(|map| {
        map.insert("presentation_resume".into(), json!(long));
    });
    assert_eq!(row.outcome, Outcome::Fixed);
    let record = record(&row);
    assert!(record.presentation_resume.chars().count() <= 280);
    let head = record.presentation_resume.strip_suffix('…').unwrap();
    assert!(long.starts_with(head));
    assert_eq!(
        &long[head.len()..head.len() + 1],
        " ",
        "cut at a word boundary"
    );
    assert_eq!(record.presentation_detail, long.trim());
}

// --- Closed lists ---------------------------------------------------------------------------

#[test]
fn v0_1_columns_and_values_are_translated_to_v1() {
    let row = row_with(|map| {
        map.remove("courriels");
        map.remove("frais_a_charge");
        map.insert(
            "services".into(),
            json!("Prendre en main un ordinateur;S’équiper en matériel informatique;Accompagner les démarches de santé"),
        );
        map.insert(
            "publics_accueillis".into(),
            json!("Adultes;Familles/enfants;Seniors (+ 65 ans);Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales;Public langues étrangères"),
        );
        map.insert(
            "labels_nationaux".into(),
            json!("CNFS;France Services;Fabriques de Territoire;APTIC;Point numérique CAF"),
        );
        map.insert(
            "conditions_acces".into(),
            json!("Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer;Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu"),
        );
        map.insert(
            "modalites_accompagnement".into(),
            json!("Seul : j'ai accès à du matériel et une connexion;A ma place : une personne habilitée fait les démarches à ma place"),
        );
        map.insert("courriel".into(), json!("contact@arles.fr"));
        map.insert(
            "accessibilite".into(),
            json!("https://acceslibre.beta.gouv.fr/app/erp/1/"),
        );
        map.insert(
            "labels_autres".into(),
            json!("SudLabs;Nièvre médiation numérique"),
        );
    });
    assert_eq!(row.outcome, Outcome::Fixed, "{:?}", row.messages);
    let r = record(&row);
    assert_eq!(
        r.services,
        [
            "Maîtrise des outils numériques du quotidien",
            "Acquisition de matériel informatique à prix solidaire",
            "Aide aux démarches administratives"
        ]
    );
    assert_eq!(
        r.publics_specifiquement_adresses,
        ["Familles et/ou enfants", "Seniors"]
    );
    assert_eq!(
        r.prise_en_charge_specifique,
        [
            "Handicaps mentaux",
            "Langues étrangères (anglais)",
            "Langues étrangères (autres)"
        ]
    );
    assert_eq!(
        r.dispositif_programmes_nationaux,
        [
            "Conseillers numériques",
            "France Services",
            "Point d'accès numérique CAF"
        ]
    );
    assert_eq!(r.formations_labels, ["Fabriques de Territoire"]);
    assert_eq!(
        r.autres_formations_labels,
        "SudLabs|Nièvre médiation numérique|APTIC"
    );
    assert_eq!(r.frais_a_charge, ["Payant", "Gratuit sous condition"]);
    assert_eq!(
        r.modalites_accompagnement,
        ["En autonomie", "Accompagnement individuel"]
    );
    assert_eq!(r.courriels, ["contact@arles.fr"]);
    assert_eq!(
        r.fiche_acces_libre,
        "https://acceslibre.beta.gouv.fr/app/erp/1/"
    );
    assert!(mentions(&row, "traduites"));
}

#[test]
fn slash_separators_typos_and_curly_apostrophes_are_handled() {
    let row = row_with(|map| {
        map.insert(
            "services".into(),
            json!(" Accéder à une connexion Internet / Comprehension du monde numérique / +V2:V15 / Soutenir la parentalité et l’éducation avec le numérique"),
        );
        map.insert(
            "publics_specifiquement_adresses".into(),
            json!("Familles et/ou enfants / Jeunes (16/26 ans) / Déficiance visuelle"),
        );
        map.insert(
            "formations_labels".into(),
            json!("Arnia/MedNum BFC (Bourgogne-Franche-Comté)|Étapes numériques (La Poste)|Label maison"),
        );
        map.insert(
            "modalites_acces".into(),
            json!("Ce lieu n’accueille pas de public"),
        );
    });
    let r = record(&row);
    assert_eq!(
        r.services,
        [
            "Accès internet et matériel informatique",
            "Compréhension du monde numérique",
            "Parentalité et éducation avec le numérique"
        ]
    );
    assert_eq!(
        r.publics_specifiquement_adresses,
        ["Familles et/ou enfants", "Jeunes"]
    );
    assert_eq!(r.prise_en_charge_specifique, ["Déficience visuelle"]);
    assert_eq!(
        r.formations_labels,
        ["Arnia/MedNum BFC (Bourgogne-Franche-Comté)"]
    );
    assert_eq!(
        r.autres_formations_labels,
        "Étapes numériques (La Poste)|Label maison"
    );
    assert_eq!(r.modalites_acces, ["Ce lieu n'accueille pas de public"]);
    assert!(mentions(&row, "+V2:V15"), "{:?}", row.messages);
    assert_eq!(row.outcome, Outcome::Fixed);
}

#[test]
fn mobility_and_typology_are_mapped_to_their_lists() {
    let row = row_with(|map| {
        map.insert("itinerance".into(), json!("Oui"));
        map.insert("typologie".into(), json!("MUNI;asso;Espace de coworking"));
    });
    assert_eq!(record(&row).itinerance, ["Itinérant"]);
    assert_eq!(record(&row).typologie, ["MUNI", "ASSO"]);
    assert!(mentions(&row, "Espace de coworking"));
    let row = row_with(|map| {
        map.insert("itinerance".into(), json!("non"));
    });
    assert_eq!(record(&row).itinerance, ["Fixe"]);
}

#[test]
fn flagged_wins_over_fixed() {
    let row = row_with(|map| {
        map.insert("code_postal".into(), json!(4000));
        map.insert("pivot".into(), json!("00000000000000"));
    });
    assert_eq!(row.outcome, Outcome::Flagged);
    assert!(mentions(&row, "zéro initial") && mentions(&row, "SIRET"));
}

// --- Formats --------------------------------------------------------------------------------

const V1_HEADER: &str = "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv";

#[test]
fn a_v1_csv_with_crlf_bom_and_quotes_is_read() {
    let csv = format!(
        "\u{feff}{V1_HEADER}\r\ns-1,43493312300029,\"Anonymal, le lieu\",Reims,51100,51454,12 BIS RUE DE LECLERCQ,,49.25,4.03,TIERS_LIEUX|ASSO,+33180059880,a@b.fr,https://a.fr/,\"Mo-Fr 09:00-12:00,14:00-18:30\",,,Hubik,Fixe,,2024-04-02,Loisirs et créations numériques,Jeunes,,Gratuit,Aidants Connect,,,Se présenter,En autonomie,,\r\n"
    );
    let parsed = parse_bytes(csv.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::MediationV1);
    assert_eq!(parsed.rows.len(), 1);
    let row = &parsed.rows[0];
    assert_eq!(row.outcome, Outcome::Accepted, "{:?}", row.messages);
    assert_eq!(record(row).nom, "Anonymal, le lieu");
    assert_eq!(record(row).typologie, ["TIERS_LIEUX", "ASSO"]);
    assert_eq!(record(row).horaires, "Mo-Fr 09:00-12:00,14:00-18:30");
}

#[test]
fn a_semicolon_csv_in_windows_1252_is_decoded_with_a_note() {
    let mut bytes = b"id;nom;adresse;commune;code_postal;date_maj\r\n1;Biblioth".to_vec();
    bytes.push(0xE8); // è
    bytes.extend_from_slice(b"que ");
    bytes.push(0x92); // ’
    bytes.extend_from_slice(b"Arles;1 rue;Arles;13200;2024-01-01\r\n");
    let parsed = parse_bytes(&bytes).unwrap();
    assert_eq!(record(&parsed.rows[0]).nom, "Bibliothèque ’Arles");
    assert!(parsed.notes.iter().any(|n| n.contains("Windows-1252")));
}

#[test]
fn replacement_characters_flag_encoding_damage() {
    let row = row_with(|map| {
        map.insert("nom".into(), json!("Biblioth\u{fffd}que"));
    });
    assert_eq!(row.outcome, Outcome::Flagged);
    assert!(flags(&row).contains(&QualityFlag::EncodingDamaged));
}

#[test]
fn a_v0_1_file_is_detected_even_with_a_few_v1_columns_and_the_other_way_round() {
    let v0 = json!([{"id": "1", "nom": "A", "adresse": "1 rue", "commune": "Arles", "code_postal": "13200",
        "courriel": "a@b.fr", "conditions_acces": "Gratuit", "frais_a_charge": "Gratuit",
        "services": "Prendre en main un ordinateur;Accéder à du matériel", "date_maj": "2024-01-01"}]);
    assert_eq!(parse_json(v0).format, Format::MediationV0);
    let v1 = json!([{"id": "1", "nom": "A", "adresse": "1 rue", "commune": "Arles", "code_postal": "13200",
        "courriel": "a@b.fr", "accessibilite": "", "labels_nationaux": "CNFS", "frais_a_charge": "Gratuit",
        "services": "Aide aux démarches administratives|Loisirs et créations numériques", "date_maj": "2024-01-01"}]);
    assert_eq!(parse_json(v1).format, Format::MediationV1);
}

#[test]
fn data_inclusion_structures_are_mapped_and_other_columns_dropped() {
    let parsed = parse_json(json!([{
        "id": "100-odspep", "source": "odspep", "nom": "CSAPA", "adresse": "47 RUE DE LA FORET",
        "commune": "EVREUX", "code_postal": "27000", "code_insee": "27229", "latitude": 49.01, "longitude": 1.15,
        "siret": "22270229200129", "telephone": "0232620062", "courriel": "csapa@chs.fr",
        "date_maj": "05/08/2016", "horaires_ouverture": "Mo-Fr 09:00-17:00",
        "thematiques": ["numerique", "numerique--prendre-en-main-un-ordinateur"],
        "services": "numerique;numerique--creer-avec-le-numerique",
        "publics_accueillis": "adultes;seniors-65;surdite", "conditions_acces": "gratuit;pass-numerique",
        "modalites_accompagnement": "accompagnement;atelier", "labels_nationaux": ["conseiller-numerique", "france-service"],
        "antenne": null, "_di_surrogate_id": "x", "contact_nom_prenom": "Jean Dupont"
    }]));
    assert_eq!(parsed.format, Format::DataInclusion);
    let row = &parsed.rows[0];
    assert_eq!(row.outcome, Outcome::Fixed, "{:?}", row.messages);
    let r = record(row);
    assert_eq!(r.pivot, "22270229200129");
    assert_eq!(r.horaires, "Mo-Fr 09:00-17:00");
    assert_eq!(
        r.services,
        [
            "Loisirs et créations numériques",
            "Maîtrise des outils numériques du quotidien"
        ]
    );
    assert_eq!(r.publics_specifiquement_adresses, ["Seniors"]);
    assert_eq!(r.prise_en_charge_specifique, ["Surdité"]);
    assert_eq!(r.frais_a_charge, ["Gratuit", "Gratuit sous condition"]);
    assert_eq!(
        r.modalites_accompagnement,
        ["Accompagnement individuel", "Dans un atelier collectif"]
    );
    assert_eq!(
        r.dispositif_programmes_nationaux,
        ["Conseillers numériques", "France Services"]
    );
    assert_eq!(r.telephone, "+33232620062");
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n.contains("contact_nom_prenom"))
    );
    let text = format!("{r:?}");
    assert!(
        !text.contains("Jean Dupont"),
        "personal data must not be carried"
    );
}

#[test]
fn data_inclusion_services_are_refused_for_lack_of_an_address() {
    let parsed = parse_json(
        json!([{"id": "s1", "structure_id": "st1", "source": "dora", "nom": "Atelier",
        "thematiques": ["numerique--prendre-en-main-un-ordinateur"], "types": ["atelier"], "frais": [], "profils": []}]),
    );
    assert_eq!(parsed.format, Format::DataInclusion);
    assert_eq!(parsed.rows[0].outcome, Outcome::Refused);
    assert!(mentions(&parsed.rows[0], "service"));
}

#[test]
fn a_wrapped_json_list_is_accepted() {
    let parsed = parse_json(json!({"data": [place()]}));
    assert_eq!(parsed.rows.len(), 1);
}

// --- Hostile input --------------------------------------------------------------------------

fn error_of(bytes: &[u8]) -> ImportError {
    let start = Instant::now();
    let error = parse_bytes(bytes).map(|p| p.rows.len()).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "too slow: {error}"
    );
    let message = error.to_string();
    assert!(message.ends_with('.') && !message.is_empty(), "{message}");
    error
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(error_of(b""), ImportError::Empty);
    assert_eq!(error_of(b"\xEF\xBB\xBF  \r\n"), ImportError::Empty);
    assert_eq!(error_of(b"[]"), ImportError::NoRows);
}

#[test]
fn truncated_json_says_where_it_stops() {
    let mut bytes = serde_json::to_vec_pretty(&json!([place(), place()])).unwrap();
    bytes.truncate(bytes.len() / 2);
    let error = error_of(&bytes);
    assert!(
        matches!(error, ImportError::JsonTruncated { line, .. } if line > 1),
        "{error:?}"
    );
    assert!(error.to_string().contains("ligne"));
}

#[test]
fn a_json_nesting_bomb_is_refused_quickly() {
    let bytes = "[".repeat(5_000_000);
    assert!(matches!(
        error_of(bytes.as_bytes()),
        ImportError::JsonTooDeep { .. }
    ));
}

#[test]
fn json_that_is_not_a_list_of_objects_is_refused() {
    assert_eq!(error_of(b"[1, 2, 3]"), ImportError::NotArrayOfObjects);
    assert_eq!(error_of(b"{\"a\": 1}"), ImportError::NotArrayOfObjects);
    assert!(matches!(
        error_of(b"[{\"a\": 1},]"),
        ImportError::JsonSyntax { .. }
    ));
}

#[test]
fn a_csv_with_ten_thousand_columns_is_refused() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let csv = format!("{}\n{}\n", header.join(","), vec!["x"; 10_000].join(","));
    assert!(matches!(
        error_of(csv.as_bytes()),
        ImportError::TooManyColumns { .. }
    ));
}

#[test]
fn a_fifty_megabyte_line_is_refused_quickly() {
    let line = "a".repeat(50 * 1024 * 1024);
    assert!(matches!(
        error_of(line.as_bytes()),
        ImportError::RecordTooLarge { .. } | ImportError::NotCsvOrJson
    ));
    let csv = format!("id,nom,adresse,commune,code_postal\n1,\"{line}\",x,y,13200\n");
    assert!(matches!(
        error_of(csv.as_bytes()),
        ImportError::RecordTooLarge { line: 2, .. }
    ));
    let json = format!("[{{\"id\": \"1\", \"nom\": \"{line}\"}}]");
    assert!(matches!(
        error_of(json.as_bytes()),
        ImportError::RecordTooLarge { .. }
    ));
}

#[test]
fn files_that_are_neither_csv_nor_json_are_refused() {
    assert_eq!(
        error_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ImportError::NotCsvOrJson
    );
    assert_eq!(
        error_of(b"Bonjour\nceci est une lettre\n"),
        ImportError::NotCsvOrJson
    );
}

#[test]
fn a_table_without_known_columns_lists_the_expected_ones() {
    let error = error_of(b"prenom,age\nJean,42\n");
    assert!(matches!(error, ImportError::NoRecognisedColumns { .. }));
    let message = error.to_string();
    assert!(
        message.contains("prenom") && message.contains("code_postal"),
        "{message}"
    );
}

// --- Report ---------------------------------------------------------------------------------

#[test]
fn the_report_is_a_semicolon_csv_with_bom_and_neutralised_formulas() {
    let mut hostile = place();
    hostile.insert("nom".into(), json!("=HYPERLINK(\"http://x\")"));
    hostile.insert("id".into(), json!("@id; 2"));
    let mut refused = place();
    refused.insert("id".into(), json!("-3"));
    refused.insert("adresse".into(), json!(""));
    let parsed = parse_json(json!([place(), hostile, refused]));
    let mut out = Vec::new();
    write_report(&parsed.rows, &mut out).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&out[3..]);
    assert_eq!(
        reader.headers().unwrap(),
        vec!["ligne", "identifiant", "nom", "resultat", "details"]
    );
    let lines: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(&lines[0][3], "accepté");
    assert_eq!(&lines[1][1], "'@id; 2");
    assert_eq!(&lines[1][2], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&lines[2][1], "'-3");
    assert_eq!(&lines[2][3], "refusé");
    assert!(lines[2][4].contains("adresse manquante"));
}

// --- Real files -----------------------------------------------------------------------------

fn shared_data(path: &str) -> PathBuf {
    let mut roots = Vec::new();
    if let Ok(root) = std::env::var("RELAIS_SHARED_DATA") {
        roots.push(PathBuf::from(root));
    }
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    roots.push(PathBuf::from("/work/shared/data"));
    match roots.iter().find(|root| root.is_dir()) {
        Some(root) => root.join(path),
        None => panic!(
            "the shared data folder was not found (tried {roots:?}); set RELAIS_SHARED_DATA to it"
        ),
    }
}

/// Reads one multi-valued column of a record.
type ListOf = fn(&crate::places::MediationRecord) -> &Vec<String>;

/// Parses a real file and checks the invariants every import must keep.
fn real_file(path: &str, format: Format, counts: [usize; 4]) -> ParsedImport {
    let file = shared_data(path);
    let bytes = std::fs::read(&file)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
    let parsed = parse_bytes(&bytes).unwrap();
    assert_eq!(parsed.format, format, "{path}");
    let found = [
        parsed.count(Outcome::Accepted),
        parsed.count(Outcome::Fixed),
        parsed.count(Outcome::Flagged),
        parsed.count(Outcome::Refused),
    ];
    assert_eq!(found, counts, "{path}: accepted, fixed, flagged, refused");
    let vocabularies: [(&vocab::Vocabulary, ListOf); 10] = [
        (&vocab::SERVICES, |r| &r.services),
        (&vocab::PUBLICS, |r| &r.publics_specifiquement_adresses),
        (&vocab::SPECIFIC_SUPPORT, |r| &r.prise_en_charge_specifique),
        (&vocab::FEES, |r| &r.frais_a_charge),
        (&vocab::NATIONAL_PROGRAMMES, |r| {
            &r.dispositif_programmes_nationaux
        }),
        (&vocab::TRAINING_LABELS, |r| &r.formations_labels),
        (&vocab::ACCESS_MODES, |r| &r.modalites_acces),
        (&vocab::SUPPORT_MODES, |r| &r.modalites_accompagnement),
        (&vocab::MOBILITY, |r| &r.itinerance),
        (&vocab::TYPOLOGIES, |r| &r.typologie),
    ];
    for row in &parsed.rows {
        if row.outcome != Outcome::Accepted {
            assert!(!row.messages.is_empty(), "{path} row {}", row.number);
        }
        assert_eq!(row.data.is_none(), row.outcome == Outcome::Refused);
        let Some(data) = &row.data else { continue };
        let r = &data.record;
        assert!(!r.nom.is_empty() && !r.adresse.is_empty() && !r.commune.is_empty());
        assert!(r.code_postal.len() == 5 && r.code_postal.chars().all(|c| c.is_ascii_digit()));
        assert!(r.telephone.is_empty() || normalize::is_standard_phone(&r.telephone));
        assert!(r.presentation_resume.chars().count() <= 280);
        assert!(r.pivot.is_empty() || (9..=14).contains(&r.pivot.len()));
        for (vocabulary, values) in &vocabularies {
            for value in values(r) {
                assert!(
                    vocabulary.contains(value),
                    "{path}: {} « {value} »",
                    vocabulary.field
                );
            }
        }
    }
    parsed
}

#[test]
fn real_hub_du_sud_v1_file() {
    let parsed = real_file(
        "mediation-v1/2023-05-17_hub-du-sud_lieux-de-mediation-numerique_provence-alpes-cote-d-azur.json",
        Format::MediationV1,
        [0, 0, 646, 0],
    );
    assert_eq!(parsed.rows.len(), 646);
    let flagged = |flag| {
        parsed
            .rows
            .iter()
            .filter(|row| flags(row).contains(&flag))
            .count()
    };
    assert_eq!(flagged(QualityFlag::PivotMissing), 646);
    assert_eq!(flagged(QualityFlag::CoordinatesMissing), 4);
    assert_eq!(flagged(QualityFlag::DateMissing), 99);
}

#[test]
fn real_charente_v1_file() {
    let parsed = real_file(
        "mediation-v1/2023-07-11_charente_lieux-de-mediation-numerique_nouvelle-aquitaine.json",
        Format::MediationV1,
        [54, 67, 67, 0],
    );
    assert_eq!(parsed.rows.len(), 188);
}

#[test]
fn real_national_data_inclusion_v0_1_file() {
    let parsed = real_file(
        "mediation-v0.1/data-inclusion_lieux-de-mediation-numerique_v0.1.json",
        Format::MediationV0,
        [0, 3297, 514, 0],
    );
    assert_eq!(parsed.rows.len(), 3811);
}

#[test]
fn real_hinaura_v0_1_file() {
    let parsed = real_file(
        "mediation-v0.1/hinaura_lieux-de-mediation-numerique_v0.1.json",
        Format::MediationV0,
        [0, 0, 687, 0],
    );
    assert_eq!(parsed.rows.len(), 687);
}

#[test]
fn real_le_havre_v0_1_like_file() {
    let parsed = real_file(
        "mediation-v0.1/le-havre_lieux-de-mediation-numerique_v0.1-like.json",
        Format::MediationV0,
        [0, 70, 9, 1],
    );
    assert_eq!(parsed.rows.len(), 80);
    let refused: Vec<&str> = parsed
        .rows
        .iter()
        .filter(|row| row.outcome == Outcome::Refused)
        .map(|row| row.source_id.as_str())
        .collect();
    assert_eq!(refused, ["relais-lecture-pole-simone-veil"]);
}

#[test]
fn real_aix_en_provence_v0_1_like_file() {
    let parsed = real_file(
        "mediation-v0.1/aix-en-provence_lieux-de-mediation-numerique_v0.1-like.json",
        Format::MediationV0,
        [0, 36, 2, 0],
    );
    assert_eq!(parsed.rows.len(), 38);
    assert_eq!(record(&parsed.rows[0]).pivot, "W131004321");
    assert_eq!(record(&parsed.rows[0]).adresse, "1 PLACE VICTOR SCHOELCHER");
}

#[test]
fn real_numi_data_inclusion_structures_file() {
    let parsed = real_file(
        "data-inclusion/numi_structures_data-inclusion-v0.json",
        Format::DataInclusion,
        [0, 145, 612, 0],
    );
    assert_eq!(parsed.rows.len(), 757);
}

#[test]
fn real_data_inclusion_services_file_is_refused_row_by_row() {
    let parsed = real_file(
        "data-inclusion/data-inclusion_services_v0.json",
        Format::DataInclusion,
        [0, 0, 0, 4261],
    );
    assert_eq!(parsed.rows.len(), 4261);
}

#[test]
fn real_standard_examples() {
    let v1 = real_file(
        "schemas/standard-mediation-num/exemple-valide-v1.0.2.csv",
        Format::MediationV1,
        [1, 0, 0, 0],
    );
    let r = record(&v1.rows[0]);
    assert_eq!(r.formations_labels.len(), 2);
    assert_eq!(r.modalites_accompagnement.len(), 4);
    let v0 = real_file(
        "schemas/standard-mediation-num/exemple-valide-v0.1.1.csv",
        Format::MediationV0,
        [0, 1, 0, 0],
    );
    let r = record(&v0.rows[0]);
    assert_eq!(r.frais_a_charge, ["Payant", "Gratuit sous condition"]);
    assert_eq!(r.dispositif_programmes_nationaux, ["France Services"]);
    assert_eq!(
        r.autres_formations_labels,
        "SudLabs|Nièvre médiation numérique|APTIC|Point relais CAF"
    );
}

#[test]
fn hours_checks_are_remembered_without_changing_the_answers() {
    let valid = "Mo-Fr 09:00-12:00";
    let invalid = "Mo-Fr 9h-12h";
    for _ in 0..2 {
        assert!(normalize::is_opening_hours(valid));
        assert!(!normalize::is_opening_hours(invalid));
        // Enough other texts to fill the memory, which is then forgotten.
        for minute in 0..4200 {
            let text = format!("Mo {:02}:{:02}-23:59", minute / 60 % 23, minute % 60);
            assert!(normalize::is_opening_hours(&text), "{text}");
            assert!(!normalize::is_opening_hours(&format!("{text} ?")), "{text}");
        }
    }
}

#[test]
fn a_large_file_normalized_on_several_cores_keeps_its_order_and_its_first_duplicate() {
    let mut rows: Vec<Value> = (0..9000)
        .map(|n| {
            let mut row = place();
            row.insert("id".into(), json!(format!("lieu-{n}")));
            row.insert("nom".into(), json!(format!("Lieu {n}")));
            Value::Object(row)
        })
        .collect();
    // The last row repeats the first one's id: the first is kept, the last refused.
    let mut repeated = place();
    repeated.insert("id".into(), json!("lieu-0"));
    rows.push(Value::Object(repeated));
    let bytes = serde_json::to_vec(&rows).unwrap();
    let mut reports = 0;
    let parsed = parse(&bytes, &options(Format::Auto), &mut |done, total| {
        assert!(done <= total);
        reports += 1;
    })
    .unwrap();
    assert!(reports >= 2, "progress is reported as blocks finish");
    assert_eq!(parsed.rows.len(), 9001);
    for (n, row) in parsed.rows.iter().take(9000).enumerate() {
        assert_eq!(row.number, n + 1);
        assert_eq!(row.source_id, format!("lieu-{n}"));
        assert_ne!(row.outcome, Outcome::Refused);
    }
    assert_eq!(parsed.rows[9000].outcome, Outcome::Refused);
}
