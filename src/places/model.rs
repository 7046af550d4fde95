//! Types and rules of the directory. No I/O.
//!
//! `MediationRecord` is a place exactly as the open-data standard "Schéma des lieux de
//! médiation numérique" v1 describes it. Its fields keep the standard's column names (they are
//! the glossary of the field, and every importer, exporter and test speaks them); multi-valued
//! columns are vectors of canonical values. `Place` adds what Relais keeps beside it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PlaceId(pub i64);

impl std::fmt::Display for PlaceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The 32 columns of the standard, with canonical values (empty string / empty vector when
/// absent). `id` is the producer's identifier of the place in its own source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MediationRecord {
    pub id: String,
    pub pivot: String,
    pub nom: String,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: String,
    pub adresse: String,
    pub complement_adresse: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub typologie: Vec<String>,
    pub telephone: String,
    pub courriels: Vec<String>,
    pub site_web: Vec<String>,
    pub horaires: String,
    pub presentation_resume: String,
    pub presentation_detail: String,
    pub source: String,
    pub itinerance: Vec<String>,
    pub structure_parente: String,
    pub date_maj: Option<NaiveDate>,
    pub services: Vec<String>,
    pub publics_specifiquement_adresses: Vec<String>,
    pub prise_en_charge_specifique: Vec<String>,
    pub frais_a_charge: Vec<String>,
    pub dispositif_programmes_nationaux: Vec<String>,
    pub formations_labels: Vec<String>,
    pub autres_formations_labels: String,
    pub modalites_acces: Vec<String>,
    pub modalites_accompagnement: Vec<String>,
    pub fiche_acces_libre: String,
    pub prise_rdv: String,
}

impl MediationRecord {
    /// Free for everyone: "Gratuit sous condition" does not count.
    pub fn is_free(&self) -> bool {
        self.frais_a_charge.iter().any(|fee| fee == "Gratuit")
    }
}

/// What a place lends to the public, added by Relais to the standard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Equipment {
    /// Computers the public may use; `None` when unknown.
    pub computers: Option<i64>,
    pub has_wifi: bool,
    pub has_printer: bool,
    pub has_scanner: bool,
    pub is_step_free: bool,
}

/// Something wrong or doubtful about a place's data, shown to staff and in import reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QualityFlag {
    /// `horaires` is not a valid OSM opening_hours string (kept verbatim).
    HoursUnreadable,
    /// The source gave hours as French free text, kept in `hours_note`.
    HoursFreeText,
    CoordinatesMissing,
    /// Coordinates outside metropolitan France and its overseas territories.
    CoordinatesOutsideFrance,
    /// No SIRET, RNA or RIDET (or the `00000000000000` placeholder).
    PivotMissing,
    /// No update date, or the epoch placeholder.
    DateMissing,
    /// A phone number that could not be written in international format (not exported).
    PhoneInvalid,
    /// An e-mail address or web address that is not valid (not exported).
    ContactInvalid,
    /// Encoding damage (U+FFFD) in the source text.
    EncodingDamaged,
}

impl QualityFlag {
    pub const ALL: [QualityFlag; 9] = [
        QualityFlag::HoursUnreadable,
        QualityFlag::HoursFreeText,
        QualityFlag::CoordinatesMissing,
        QualityFlag::CoordinatesOutsideFrance,
        QualityFlag::PivotMissing,
        QualityFlag::DateMissing,
        QualityFlag::PhoneInvalid,
        QualityFlag::ContactInvalid,
        QualityFlag::EncodingDamaged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QualityFlag::HoursUnreadable => "hours-unreadable",
            QualityFlag::HoursFreeText => "hours-free-text",
            QualityFlag::CoordinatesMissing => "coordinates-missing",
            QualityFlag::CoordinatesOutsideFrance => "coordinates-outside-france",
            QualityFlag::PivotMissing => "pivot-missing",
            QualityFlag::DateMissing => "date-missing",
            QualityFlag::PhoneInvalid => "phone-invalid",
            QualityFlag::ContactInvalid => "contact-invalid",
            QualityFlag::EncodingDamaged => "encoding-damaged",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|flag| flag.code() == code)
    }
}

/// A member place of the network or an external partner (CAF, CPAM, France Services…) that
/// helpers refer people to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Mediation,
    Partner,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Mediation => "mediation",
            PlaceKind::Partner => "partner",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "mediation" => Some(PlaceKind::Mediation),
            "partner" => Some(PlaceKind::Partner),
            _ => None,
        }
    }
}

/// Whether the public sees the place (search, map, open data) or only staff do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Hidden,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Hidden => "hidden",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "public" => Some(Visibility::Public),
            "hidden" => Some(Visibility::Hidden),
            _ => None,
        }
    }
}

/// A temporary closure with the message the public reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Closure {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub message: String,
}

impl Closure {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }
}

/// A place as Relais keeps it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub id: PlaceId,
    pub organization_id: Option<i64>,
    pub kind: PlaceKind,
    pub visibility: Visibility,
    pub record: MediationRecord,
    pub equipment: Equipment,
    /// Hours the source gave as free text, shown to staff to be rewritten.
    pub hours_note: String,
    pub flags: Vec<QualityFlag>,
    pub closures: Vec<Closure>,
    pub last_confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Place {
    /// What the import and the staff form would give to recreate this place.
    pub fn data(&self) -> PlaceData {
        PlaceData {
            record: self.record.clone(),
            equipment: self.equipment.clone(),
            hours_note: self.hours_note.clone(),
            flags: self.flags.clone(),
        }
    }
}

/// Everything needed to create or replace a place (the import and the staff form both give one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceData {
    pub record: MediationRecord,
    pub equipment: Equipment,
    pub hours_note: String,
    pub flags: Vec<QualityFlag>,
}

impl PlaceData {
    /// Completes this place with what only `other` knows: every empty column of the standard,
    /// unknown equipment and the hours note are taken from `other`; equipment flags are
    /// combined; nothing this place already says is overwritten. `id` and `source` stay this
    /// place's own. Used when a coordinator merges two copies of one place.
    pub fn fill_missing_from(&mut self, other: &PlaceData) {
        fn fill<T: Clone + Default + PartialEq>(mine: &mut T, theirs: &T) {
            if *mine == T::default() {
                *mine = theirs.clone();
            }
        }
        macro_rules! fill_fields {
            ($($field:ident),+ $(,)?) => {
                $(fill(&mut self.record.$field, &other.record.$field);)+
            };
        }
        fill_fields!(
            pivot,
            nom,
            commune,
            code_postal,
            code_insee,
            adresse,
            complement_adresse,
            latitude,
            longitude,
            typologie,
            telephone,
            courriels,
            site_web,
            horaires,
            presentation_resume,
            presentation_detail,
            itinerance,
            structure_parente,
            date_maj,
            services,
            publics_specifiquement_adresses,
            prise_en_charge_specifique,
            frais_a_charge,
            dispositif_programmes_nationaux,
            formations_labels,
            autres_formations_labels,
            modalites_acces,
            modalites_accompagnement,
            fiche_acces_libre,
            prise_rdv,
        );
        fill(&mut self.equipment.computers, &other.equipment.computers);
        self.equipment.has_wifi |= other.equipment.has_wifi;
        self.equipment.has_printer |= other.equipment.has_printer;
        self.equipment.has_scanner |= other.equipment.has_scanner;
        self.equipment.is_step_free |= other.equipment.is_step_free;
        fill(&mut self.hours_note, &other.hours_note);
        for flag in &other.flags {
            if !self.flags.contains(flag) {
                self.flags.push(*flag);
            }
        }
    }
}

/// `^\d{5}$`
pub fn is_valid_postcode(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// `^([013-9]\d|2[AB1-9])\d{3}$` (Corsica's 2A and 2B included).
pub fn is_valid_insee_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || !bytes[2..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    match (bytes[0], bytes[1]) {
        (b'2', second) => matches!(second, b'A' | b'B' | b'1'..=b'9'),
        (first, second) => first.is_ascii_digit() && second.is_ascii_digit(),
    }
}

/// SIRET, SIREN, RNA or RIDET without separators: 9 to 14 letters or digits, not the
/// all-zero placeholder.
pub fn is_valid_pivot(text: &str) -> bool {
    (9..=14).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && !text.bytes().all(|b| b == b'0')
}

/// Phone prefixes the standard accepts.
pub const PHONE_PREFIXES: [&str; 10] = [
    "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
];

/// One number in international format without spaces, as the standard's pattern requires.
pub fn is_valid_phone(text: &str) -> bool {
    PHONE_PREFIXES.iter().any(|prefix| {
        text.strip_prefix(prefix).is_some_and(|rest| {
            (6..=9).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// Turns a French number as people type it ("05 45 12 34 56", "05.45.12.34.56",
/// "+33 (0)5 45…") into the standard's form; `None` when it is not a French number.
pub fn normalize_phone(text: &str, postcode: &str) -> Option<String> {
    let cleaned: String = text
        .replace("(0)", "")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let candidate = if let Some(rest) = cleaned.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = cleaned.strip_prefix('0') {
        let prefix = match postcode.get(..3) {
            Some("971" | "977" | "978") => "+590",
            Some("972") => "+596",
            Some("973") => "+594",
            Some("974" | "976") => "+262",
            Some("975") => "+508",
            Some("986") => "+681",
            Some("987") => "+689",
            Some("988") => "+687",
            _ => "+33",
        };
        format!("{prefix}{rest}")
    } else {
        cleaned
    };
    is_valid_phone(&candidate).then_some(candidate)
}

/// Whether a point lies in metropolitan France (Corsica included) or one of the overseas
/// territories whose phone prefixes the standard lists.
pub fn is_in_france(latitude: f64, longitude: f64) -> bool {
    const AREAS: [(f64, f64, f64, f64); 9] = [
        // (south, north, west, east)
        (41.2, 51.2, -5.5, 9.8),        // metropolitan France and Corsica
        (14.3, 18.2, -63.2, -60.8),     // Guadeloupe, Martinique, Saint-Martin, Saint-Barthélemy
        (2.0, 6.0, -54.8, -51.5),       // Guyane
        (-21.5, -20.8, 55.1, 55.9),     // La Réunion
        (-13.1, -12.5, 44.9, 45.4),     // Mayotte
        (-23.0, -19.5, 163.5, 168.2),   // Nouvelle-Calédonie
        (-28.0, -7.0, -155.0, -134.0),  // Polynésie française
        (46.7, 47.2, -56.6, -56.0),     // Saint-Pierre-et-Miquelon
        (-14.5, -13.1, -178.3, -176.0), // Wallis-et-Futuna
    ];
    AREAS.iter().any(|(south, north, west, east)| {
        (*south..=*north).contains(&latitude) && (*west..=*east).contains(&longitude)
    })
}

/// Great-circle distance in metres.
pub fn distance_m(from: (f64, f64), to: (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (lat1, lon1) = (from.0.to_radians(), from.1.to_radians());
    let (lat2, lon2) = (to.0.to_radians(), to.1.to_radians());
    let a = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn france_covers_overseas_and_excludes_the_rest_of_the_world() {
        assert!(is_in_france(48.85, 2.35)); // Paris
        assert!(is_in_france(42.7, 9.45)); // Bastia
        assert!(is_in_france(-22.27, 166.44)); // Nouméa
        assert!(is_in_france(-21.11, 55.53)); // La Réunion
        assert!(!is_in_france(40.4, -3.7)); // Madrid
        assert!(!is_in_france(2.35, 48.85)); // swapped coordinates
        assert!(!is_in_france(0.0, 0.0));
    }

    #[test]
    fn merging_fills_only_what_is_missing() {
        let mut kept = PlaceData::default();
        kept.record.nom = "Médiathèque".into();
        kept.record.services = vec!["Prendre en main un ordinateur".into()];
        kept.equipment.has_wifi = true;
        let mut removed = PlaceData::default();
        removed.record.nom = "Mediatheque municipale".into();
        removed.record.telephone = "+33545000000".into();
        removed.record.latitude = Some(45.6);
        removed.record.services = vec!["Créer une adresse e-mail".into()];
        removed.record.id = "other-id".into();
        removed.equipment.computers = Some(4);
        removed.equipment.has_printer = true;
        removed.hours_note = "le mardi".into();
        kept.fill_missing_from(&removed);
        assert_eq!(kept.record.nom, "Médiathèque");
        assert_eq!(kept.record.services, vec!["Prendre en main un ordinateur"]);
        assert_eq!(kept.record.telephone, "+33545000000");
        assert_eq!(kept.record.latitude, Some(45.6));
        assert_eq!(kept.record.id, "");
        assert_eq!(kept.equipment.computers, Some(4));
        assert!(kept.equipment.has_wifi && kept.equipment.has_printer);
        assert_eq!(kept.hours_note, "le mardi");
    }

    #[test]
    fn standard_patterns_are_checked() {
        assert!(is_valid_postcode("16000"));
        assert!(!is_valid_postcode("6000"));
        assert!(is_valid_insee_code("2A004"));
        assert!(is_valid_insee_code("16015"));
        assert!(!is_valid_insee_code("20004"));
        assert!(!is_valid_insee_code("2C004"));
        assert!(is_valid_pivot("W131004321"));
        assert!(!is_valid_pivot("00000000000000"));
        assert!(!is_valid_pivot("123"));
        assert!(is_valid_phone("+33545123456"));
        assert!(!is_valid_phone("0545123456"));
        assert_eq!(
            normalize_phone("05 45 12 34 56", "16000").as_deref(),
            Some("+33545123456")
        );
        assert_eq!(
            normalize_phone("+33 (0)5.45.12.34.56", "16000").as_deref(),
            Some("+33545123456")
        );
        assert_eq!(
            normalize_phone("02 62 12 34 56", "97400").as_deref(),
            Some("+262262123456")
        );
        assert_eq!(normalize_phone("Contact : voir site", "16000"), None);
    }

    #[test]
    fn distances_are_in_metres() {
        let paris = (48.8566, 2.3522);
        let lyon = (45.764, 4.8357);
        let d = distance_m(paris, lyon);
        assert!((390_000.0..395_000.0).contains(&d), "{d}");
        assert!(distance_m(paris, paris) < 0.001);
    }

    #[test]
    fn flags_round_trip_through_their_codes() {
        for flag in QualityFlag::ALL {
            assert_eq!(QualityFlag::from_code(flag.code()), Some(flag));
        }
    }
}
