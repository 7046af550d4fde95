//! The four hub and producer formats that are not the standard (see `SOURCES.md` §4):
//! the ANCT list of France services, the MedNum BFC (Ternum) dataset, the RhinOcc dataset and
//! the Région Sud census of 2022.
//!
//! `to_raw` only renames and converts: it puts each value under the standard v1 column name,
//! translates the hub codes to v1 labels where an equivalent exists, and turns the per-day or
//! per-half-day opening columns into an OSM `opening_hours` string when every cell is readable
//! (otherwise the hours go to `hours_note` as French text). Postcodes, phones, dates,
//! coordinates and vocabularies are validated later by the common normaliser.
//!
//! Fields that may hold personal data (contact names, free comments, prestataire names) are
//! never mapped.

use super::Format;
use super::raw::{RawRow, Table};
use crate::text::fold;
use chrono::NaiveTime;

/// Recognises a hub format from its CSV header (trimmed, case-sensitive names as in the files).
pub fn detect(headers: &[String]) -> Option<Format> {
    let has = |name: &str| {
        headers
            .iter()
            .any(|header| header.trim().trim_start_matches('\u{feff}').trim() == name)
    };
    if has("id_fs") && has("lib_fs") && has("h_lundi") {
        Some(Format::FranceServices)
    } else if has("bfc_id") && has("code_accomp") && has("lundi matin") {
        Some(Format::BfcTernum)
    } else if has("n_ref") && has("codes_types_mediations") && has("lundi") {
        Some(Format::RhinOcc)
    } else if has("horaires_ouverture_osm") && has("materiels_disponibles") {
        Some(Format::RegionSud)
    } else {
        None
    }
}

/// Maps one data row of a hub file to standard column names. Pure; never panics on odd input.
pub fn to_raw(format: Format, table: &Table, row: &[String], number: usize) -> RawRow {
    let mut raw = RawRow::new(number);
    let source = Source { table, row };
    match format {
        Format::FranceServices => france_services(&source, &mut raw),
        Format::BfcTernum => bfc_ternum(&source, &mut raw),
        Format::RhinOcc => rhinocc(&source, &mut raw),
        Format::RegionSud => region_sud(&source, &mut raw),
        Format::Auto | Format::MediationV1 | Format::MediationV0 | Format::DataInclusion => {
            raw.messages.push(format!(
                "Format {format:?} : ce n'est pas un format de hub, ligne non lue."
            ))
        }
    }
    raw
}

/// One row of the table, read by column name.
struct Source<'a> {
    table: &'a Table,
    row: &'a [String],
}

impl<'a> Source<'a> {
    fn cell(&self, column: &str) -> &'a str {
        self.table.cell(self.row, column)
    }
}

/// Values of a multi-valued column, without duplicates, in the order found.
#[derive(Default)]
struct Multi(Vec<String>);

impl Multi {
    fn push(&mut self, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !self.0.iter().any(|known| known == value) {
            self.0.push(value.to_owned());
        }
    }

    /// Sets `column` to the values joined with `|` (nothing when empty).
    fn set(&self, raw: &mut RawRow, column: &'static str) {
        raw.set(column, &self.0.join("|"));
    }
}

// ---------------------------------------------------------------------------------------------
// France services (ANCT list of 2022-12-01)
// ---------------------------------------------------------------------------------------------

fn france_services(source: &Source<'_>, raw: &mut RawRow) {
    raw.set("id", source.cell("id_fs"));
    raw.set("nom", source.cell("lib_fs"));
    raw.set("adresse", source.cell("adresse"));
    raw.set("complement_adresse", source.cell("complement_adresse"));
    raw.set("code_postal", source.cell("code_postal"));
    raw.set("commune", source.cell("lib_com"));
    raw.set("code_insee", source.cell("insee_com"));
    raw.set("latitude", source.cell("latitude"));
    raw.set("longitude", source.cell("longitude"));
    raw.set("telephone", source.cell("telephone"));
    raw.set("courriels", source.cell("mail"));
    raw.set("dispositif_programmes_nationaux", "France Services");
    raw.set("services", "Aide aux démarches administratives");
    raw.set("source", "France services (ANCT)");
    // The list is dated 2022-12-01 (file name and SOURCES.md); rows carry no date of their own.
    raw.set("date_maj", "2022-12-01");
    mobility(source.cell("itinerance"), raw);

    let cells: Vec<Cell<'_>> = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
        .iter()
        .enumerate()
        .map(|(day, name)| Cell {
            day,
            label: (*name).to_owned(),
            value: source.cell(&format!("h_{name}")),
        })
        .collect();
    hours_from_cells(&cells, raw);
}

/// `Oui`/`Non` → `Itinérant`/`Fixe`.
fn mobility(value: &str, raw: &mut RawRow) {
    match fold(value.trim()).as_str() {
        "" => {}
        "oui" => raw.set("itinerance", "Itinérant"),
        "non" => raw.set("itinerance", "Fixe"),
        _ => raw.messages.push(format!(
            "Itinérance non reconnue (« {} ») : non reprise.",
            value.trim()
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// MedNum BFC (Ternum)
// ---------------------------------------------------------------------------------------------

const BFC_HALF_DAYS: [(&str, usize, &str); 14] = [
    ("lundi matin", 0, "matin"),
    ("lundi après-midi", 0, "après-midi"),
    ("mardi matin", 1, "matin"),
    ("mardi après-midi", 1, "après-midi"),
    ("mercredi matin", 2, "matin"),
    ("mercredi après-midi", 2, "après-midi"),
    ("jeudi matin", 3, "matin"),
    ("jeudi après-midi", 3, "après-midi"),
    ("vendredi matin", 4, "matin"),
    ("vendredi après-midi", 4, "après-midi"),
    ("samedi matin", 5, "matin"),
    ("samedi après-midi", 5, "après-midi"),
    ("dimanche matin", 6, "matin"),
    ("dimanche après-midi", 6, "après-midi"),
];

fn bfc_ternum(source: &Source<'_>, raw: &mut RawRow) {
    raw.set("id", source.cell("bfc_id"));
    raw.set("nom", source.cell("nom_structure"));
    raw.set("adresse", source.cell("adresse"));
    raw.set("code_postal", source.cell("code_postal"));
    raw.set("commune", source.cell("ville"));
    raw.set("latitude", source.cell("lat"));
    raw.set("longitude", source.cell("lon"));
    raw.set("site_web", source.cell("url_lieu"));
    raw.set("courriels", source.cell("contact_email"));
    raw.set("telephone", source.cell("contact_tel"));
    raw.set("source", "MedNum BFC");
    raw.set("date_maj", &french_date_to_iso(source.cell("mise_a_jour")));

    // code_typo (dictionary: M, I, T, O, F, TL)
    let mut typologies = Multi::default();
    let mut unmatched = Vec::new();
    for code in codes(source.cell("code_typo")) {
        match code.as_str() {
            "TL" => typologies.push("TIERS_LIEUX"),
            "F" => typologies.push("FABLAB"),
            "O" => typologies.push("OF"),
            "M" => unmatched.push("Lieux de médiation publique (M)".to_owned()),
            "I" => unmatched.push("Lieux d'information et d'accès aux droits (I)".to_owned()),
            "T" => unmatched.push("Lieux de travail et de collaboration (T)".to_owned()),
            other => raw
                .messages
                .push(format!("Code de type de lieu inconnu : {other}")),
        }
    }
    typologies.set(raw, "typologie");
    if !unmatched.is_empty() {
        raw.messages.push(format!(
            "Type de lieu sans équivalent dans la typologie du standard, non repris : {}",
            unmatched.join(", ")
        ));
    }

    // code_label (dictionary: APTIC, CTL, FTL, MSAP, MFS, NMM, DM, RIN)
    let mut programmes = Multi::default();
    let mut others = Multi::default();
    for code in codes(source.cell("code_label")) {
        match code.as_str() {
            "MSAP" | "MFS" => programmes.push("France Services"),
            "APTIC" => others.push("APTIC"),
            "CTL" => others.push("Charte régionale des Tiers Lieux"),
            "FTL" => others.push("France Tiers Lieux"),
            "NMM" => others.push("Nièvre médiation numérique"),
            "DM" => others.push("Réseau Dijon métropole"),
            "RIN" => others.push("Réseau inclusion numérique Chalon-Louhans"),
            other => raw
                .messages
                .push(format!("Code de label inconnu : {other}")),
        }
    }
    programmes.set(raw, "dispositif_programmes_nationaux");
    others.set(raw, "autres_formations_labels");

    // code_accomp (dictionary: A, L, RDV, G, R)
    let mut support = Multi::default();
    for code in codes(source.cell("code_accomp")) {
        match code.as_str() {
            "A" => support.push("En autonomie"),
            "L" | "RDV" => support.push("Accompagnement individuel"),
            "G" => support.push("Dans un atelier collectif"),
            "R" => raw.messages.push(
                "Modalité « Atelier de réparation informatique » (R) sans équivalent dans le \
                 standard : non reprise."
                    .to_owned(),
            ),
            other => raw.messages.push(format!(
                "Code de modalité d'accompagnement inconnu : {other}"
            )),
        }
    }
    support.set(raw, "modalites_accompagnement");

    let cells: Vec<Cell<'_>> = BFC_HALF_DAYS
        .iter()
        .map(|(column, day, _)| Cell {
            day: *day,
            label: (*column).to_owned(),
            value: source.cell(column),
        })
        .collect();
    hours_from_cells(&cells, raw);
}

/// `-`-joined codes, trimmed, upper-cased (the files have a stray `i` and `c`), blanks dropped.
fn codes(text: &str) -> Vec<String> {
    text.split(['-', ' '])
        .map(|code| code.trim().to_uppercase())
        .filter(|code| !code.is_empty())
        .collect()
}

/// `dd/mm/yyyy` → `yyyy-mm-dd`; anything else is passed on as found for the normaliser.
fn french_date_to_iso(text: &str) -> String {
    let text = text.trim();
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    if let [day, month, year] = parts.as_slice()
        && let (Ok(day), Ok(month), Ok(year)) = (
            day.parse::<u32>(),
            month.parse::<u32>(),
            year.parse::<i32>(),
        )
        && let Some(date) = chrono::NaiveDate::from_ymd_opt(year, month, day)
    {
        return date.format("%Y-%m-%d").to_string();
    }
    text.to_owned()
}

// ---------------------------------------------------------------------------------------------
// RhinOcc
// ---------------------------------------------------------------------------------------------

fn rhinocc(source: &Source<'_>, raw: &mut RawRow) {
    raw.set("id", source.cell("n_ref"));
    raw.set("nom", source.cell("nom"));
    raw.set("adresse", source.cell("adresse"));
    raw.set("complement_adresse", source.cell("adresse_suite"));
    raw.set("code_postal", source.cell("code_postal"));
    raw.set("commune", source.cell("ville"));
    raw.set("code_insee", source.cell("code_commune"));
    raw.set("latitude", source.cell("lat"));
    raw.set("longitude", source.cell("lon"));
    raw.set("telephone", source.cell("tel_structure"));
    raw.set("courriels", source.cell("email_structure"));
    raw.set("site_web", source.cell("site_internet"));
    raw.set("structure_parente", source.cell("structure_porteuse"));
    raw.set("date_maj", source.cell("date_maj"));
    raw.set("source", "RhinOcc");

    let mut typologies = Multi::default();
    if let Some(code) = typology_of(source.cell("type_lieu")) {
        typologies.push(code);
    }

    // code_label (dictionary: APTIC, MSAP, MFS, EPN, TL, REL)
    let mut programmes = Multi::default();
    let mut others = Multi::default();
    for code in codes(source.cell("code_label")) {
        match code.as_str() {
            "MFS" | "MSAP" => programmes.push("France Services"),
            "APTIC" => others.push("APTIC"),
            "REL" => others.push("Structures relais Coll.in/RhinOcc"),
            "EPN" => typologies.push("EPN"),
            "TL" => typologies.push("TIERS_LIEUX"),
            other => raw
                .messages
                .push(format!("Code de label inconnu : {other}")),
        }
    }
    typologies.set(raw, "typologie");
    programmes.set(raw, "dispositif_programmes_nationaux");
    others.set(raw, "autres_formations_labels");

    // codes_types_mediations (aggregate of type_mediation_1..5)
    let mut mediation_codes = source.cell("codes_types_mediations").to_owned();
    if mediation_codes.trim().is_empty() {
        mediation_codes = (1..=5)
            .map(|n| source.cell(&format!("type_mediation_{n}")))
            .filter(|code| !code.is_empty())
            .collect::<Vec<_>>()
            .join("-");
    }
    let mut services = Multi::default();
    let mut support = Multi::default();
    let mut unmatched = Multi::default();
    for code in codes(&mediation_codes) {
        match code.as_str() {
            "ORD" => {
                services.push("Accès internet et matériel informatique");
                support.push("En autonomie");
            }
            "ORDM" => {
                services.push("Accès internet et matériel informatique");
                support.push("Accompagnement individuel");
            }
            "ACCDS" | "ACCDA" => {
                services.push("Aide aux démarches administratives");
                support.push("Accompagnement individuel");
            }
            "ACCN" => {
                services.push("Maîtrise des outils numériques du quotidien");
                support.push("Accompagnement individuel");
            }
            "COMP" | "ENT" => {
                services.push("Maîtrise des outils numériques du quotidien");
                support.push("Dans un atelier collectif");
            }
            "SENS" => services.push("Compréhension du monde numérique"),
            "PRO" => services.push("Insertion professionnelle via le numérique"),
            "FL" => services.push("Loisirs et créations numériques"),
            "REP" => unmatched.push("Ateliers de réparation de matériel informatique (REP)"),
            "W" => unmatched.push("Espace de co-working (W)"),
            other => unmatched.push(&format!("code inconnu {other}")),
        }
    }
    services.set(raw, "services");
    support.set(raw, "modalites_accompagnement");
    if !unmatched.0.is_empty() {
        raw.messages.push(format!(
            "Types de médiation sans équivalent dans le standard, non repris : {}",
            unmatched.0.join(", ")
        ));
    }

    // codes_publics: codes, sometimes with stray words
    let mut publics = Multi::default();
    let mut stray = Multi::default();
    for part in source.cell("codes_publics").split('-') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let known = |word: &str| matches!(word, "SEN" | "J" | "DE" | "AD" | "TP" | "ALL" | "ETR");
        if words.is_empty() {
            continue;
        }
        if !words.iter().all(|word| known(word)) {
            stray.push(&shorten(part.trim(), 60));
            continue;
        }
        for word in words {
            match word {
                "SEN" => publics.push("Seniors"),
                "J" => publics.push("Jeunes"),
                // demandeurs d'emploi, adultes, tout public, allocataires CAF, étrangers:
                // no v1 value (everyone is welcome by default)
                _ => {}
            }
        }
    }
    publics.set(raw, "publics_specifiquement_adresses");
    if !stray.0.is_empty() {
        raw.messages.push(format!(
            "Publics non reconnus dans codes_publics, ignorés : « {} »",
            stray.0.join(" », « ")
        ));
    }

    // conditions_acces_toutes_actions: `;`-joined words
    let mut fees = Multi::default();
    let mut access = Multi::default();
    for part in source
        .cell("conditions_acces_toutes_actions")
        .split([';', '/'])
    {
        match fold(part.trim()).as_str() {
            "gratuit" => fees.push("Gratuit"),
            "payant" => fees.push("Payant"),
            "sans rendez-vous" => access.push("Se présenter"),
            _ => {}
        }
    }
    fees.set(raw, "frais_a_charge");
    access.set(raw, "modalites_acces");

    let wifi = fold(source.cell("wifi"));
    if wifi.starts_with("oui") || wifi.starts_with("limite") {
        raw.equipment.has_wifi = true;
    }

    let cells: Vec<Cell<'_>> = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ]
    .iter()
    .enumerate()
    .map(|(day, name)| Cell {
        day,
        label: (*name).to_owned(),
        value: source.cell(name),
    })
    .collect();
    hours_from_cells(&cells, raw);
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max).collect();
        short.push('…');
        short
    }
}

/// A data·inclusion typology code for a French place-type label (RhinOcc `type_lieu`,
/// Région Sud `type_lieu`), tolerant of U+FFFD damage.
fn typology_of(label: &str) -> Option<&'static str> {
    const TABLE: [(&str, &str); 16] = [
        ("bibliotheque", "BIB"),
        ("mediatheque", "BIB"),
        ("tiers-lieu", "TIERS_LIEUX"),
        ("tiers lieu", "TIERS_LIEUX"),
        ("(msap)", "MSAP"),
        ("msap", "MSAP"),
        ("centre social", "CS"),
        ("(pimms)", "PIMMS"),
        ("(epn)", "EPN"),
        ("(epci)", "EPCI"),
        ("prefecture", "PREF"),
        ("la poste", "LA_POSTE"),
        ("pole emploi", "FT"),
        ("organisme de formation", "OF"),
        ("point information jeunes", "PIJ_BIJ"),
        ("association", "ASSO"),
    ];
    let text = loose(label);
    if text.is_empty() {
        return None;
    }
    if equals_loose(&text, "commune") {
        return Some("MUNI");
    }
    TABLE
        .iter()
        .find(|(needle, _)| contains_loose(&text, needle))
        .map(|(_, code)| *code)
}

// ---------------------------------------------------------------------------------------------
// Région Sud (census of 2022)
// ---------------------------------------------------------------------------------------------

fn region_sud(source: &Source<'_>, raw: &mut RawRow) {
    // The 2022 census has no identifier; it is a frozen file, so its row number is stable.
    let id = format!("regionsud-2022-{}", raw.number);
    raw.set("id", &id);
    raw.set("nom", source.cell("nom"));
    raw.set("structure_parente", source.cell("structure_porteuse"));
    raw.set("presentation_resume", source.cell("description"));
    raw.set("pivot", source.cell("siret"));
    let number = source.cell("adresse_numero");
    let street = source.cell("adresse_rue");
    raw.set("adresse", &format!("{number} {street}"));
    raw.set("code_postal", source.cell("adresse_code_postal"));
    raw.set("code_insee", source.cell("adresse_code_insee"));
    raw.set("commune", source.cell("adresse_commune"));
    raw.set("latitude", source.cell("latitude"));
    raw.set("longitude", source.cell("longitude"));
    raw.set("source", "Région Sud");
    mobility(source.cell("itinerant"), raw);

    // Contacts: the details column holds another phone number or an e-mail address.
    let details = source.cell("contact_telephone_details");
    let phone = source.cell("contact_telephone");
    if !phone.is_empty() {
        raw.set("telephone", phone);
    } else if !details.contains('@') {
        raw.set("telephone", details);
    }
    let mut emails = Multi::default();
    emails.push(source.cell("contact_email"));
    if details.contains('@') {
        emails.push(details);
    }
    emails.set(raw, "courriels");
    let mut sites = Multi::default();
    for column in ["contact_web", "contact_facebook", "contact_twitter"] {
        sites.push(source.cell(column));
    }
    sites.set(raw, "site_web");

    if let Some(code) = typology_of(source.cell("type_lieu")) {
        raw.set("typologie", code);
    }
    let public = loose(source.cell("public_cible"));
    if contains_loose(&public, "jeune") || contains_loose(&public, "16-25") {
        raw.set("publics_specifiquement_adresses", "Jeunes");
    }

    let mut support = Multi::default();
    if fold(source.cell("en_ligne")) == "oui" {
        support.push("À distance");
    }
    support.set(raw, "modalites_accompagnement");

    region_sud_labels(source.cell("labels"), raw);
    region_sud_services(source.cell("services"), raw);
    region_sud_equipment(source.cell("materiels_disponibles"), raw);

    // Hours: the "osm" column is French free text in practice; fall back on the raw column,
    // then on the public hours.
    let text = [
        "horaires_ouverture_osm",
        "horaires_ouverture_brut",
        "horaires_grand_public",
    ]
    .iter()
    .map(|column| source.cell(column))
    .find(|text| !text.is_empty())
    .unwrap_or("");
    if !text.is_empty() {
        if text.parse::<opening_hours::OpeningHours>().is_ok() {
            raw.set("horaires", text);
        } else if let Some(osm) = parse_week(text).and_then(|week| to_osm(&week)) {
            raw.set("horaires", &osm);
        } else {
            raw.hours_note = Some(text.to_owned());
        }
    }
}

fn region_sud_labels(text: &str, raw: &mut RawRow) {
    let mut programmes = Multi::default();
    let mut trainings = Multi::default();
    let mut others = Multi::default();
    for label in text.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        let key = loose(label);
        if equals_loose(&key, "non") {
            continue;
        } else if contains_loose(&key, "france service") {
            programmes.push("France Services");
        } else if contains_loose(&key, "sud lab") || contains_loose(&key, "sudlab") {
            trainings.push("SUD LABS (PACA)");
        } else if contains_loose(&key, "grande ecole du numerique") {
            programmes.push("Grande école du numérique");
        } else if contains_loose(&key, "fabrique de territoire")
            || contains_loose(&key, "fabrique numerique de territoire")
        {
            trainings.push("Fabriques de Territoire");
        } else if contains_loose(&key, "aidant connect") || contains_loose(&key, "aidants connect")
        {
            programmes.push("Aidants Connect");
        } else if contains_loose(&key, "bibliotheques numeriques de reference") {
            programmes.push("Bibliothèques numérique de référence");
        } else if equals_loose(&key, "aptic") {
            others.push("APTIC");
        } else {
            others.push(label);
        }
    }
    programmes.set(raw, "dispositif_programmes_nationaux");
    trainings.set(raw, "formations_labels");
    others.set(raw, "autres_formations_labels");
}

fn region_sud_services(text: &str, raw: &mut RawRow) {
    const KEYWORDS: [(&str, &str); 24] = [
        ("demarche", "Aide aux démarches administratives"),
        ("e-administration", "Aide aux démarches administratives"),
        ("e administration", "Aide aux démarches administratives"),
        (
            "services publics numeriques",
            "Aide aux démarches administratives",
        ),
        ("initiation", "Maîtrise des outils numériques du quotidien"),
        ("bureautique", "Maîtrise des outils numériques du quotidien"),
        ("smartphone", "Maîtrise des outils numériques du quotidien"),
        (
            "outils numeriques",
            "Maîtrise des outils numériques du quotidien",
        ),
        (
            "outils informatique",
            "Maîtrise des outils numériques du quotidien",
        ),
        (
            "insertion professionnelle",
            "Insertion professionnelle via le numérique",
        ),
        ("emploi", "Insertion professionnelle via le numérique"),
        ("securite numerique", "Utilisation sécurisée du numérique"),
        ("parentalite", "Parentalité et éducation avec le numérique"),
        ("fablab", "Loisirs et créations numériques"),
        ("fab lab", "Loisirs et créations numériques"),
        ("fabrication numerique", "Loisirs et créations numériques"),
        ("creation numerique", "Loisirs et créations numériques"),
        ("culture numerique", "Compréhension du monde numérique"),
        ("acculturation", "Compréhension du monde numérique"),
        ("citoyennete", "Compréhension du monde numérique"),
        ("acces internet", "Accès internet et matériel informatique"),
        ("acces libre", "Accès internet et matériel informatique"),
        ("wifi", "Accès internet et matériel informatique"),
        ("espace internet", "Accès internet et matériel informatique"),
    ];
    if text.is_empty() {
        return;
    }
    let key = loose(text);
    let mut services = Multi::default();
    for (needle, service) in KEYWORDS {
        if contains_loose(&key, needle) {
            services.push(service);
        }
    }
    if services.0.is_empty() {
        raw.messages.push(format!(
            "Services en texte libre sans équivalent reconnu, non repris : « {} »",
            shorten(text, 80)
        ));
    }
    services.set(raw, "services");
}

fn region_sud_equipment(text: &str, raw: &mut RawRow) {
    let key = loose(text);
    if key.is_empty() {
        return;
    }
    if contains_loose(&key, "wifi") || contains_loose(&key, "wi-fi") {
        raw.equipment.has_wifi = true;
    }
    if contains_not_3d(&key, "imprimante")
        || contains_loose(&key, "photocopi")
        || contains_loose(&key, "copieur")
    {
        raw.equipment.has_printer = true;
    }
    if contains_not_3d(&key, "scanner") {
        raw.equipment.has_scanner = true;
    }
    let count = count_before(&key, &["poste", "ordinateur", "point", "pc"]);
    let mentioned = [
        "ordinateur",
        "poste informatique",
        "postes informatiques",
        "point numerique",
    ]
    .iter()
    .any(|needle| contains_loose(&key, needle))
        || key
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == "pc");
    if count.is_some() {
        raw.equipment.computers = count;
    } else if mentioned {
        raw.messages.push(
            "Ordinateurs mentionnés dans le matériel disponible, nombre non précisé.".to_owned(),
        );
    }
}

/// A number written in digits just before one of `nouns` ("10 postes connectés").
fn count_before(key: &str, nouns: &[&str]) -> Option<i64> {
    let words: Vec<&str> = key.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let [number, noun] = pair else { return None };
        if nouns.iter().any(|wanted| noun.starts_with(wanted)) {
            number.parse::<i64>().ok().filter(|n| (1..=500).contains(n))
        } else {
            None
        }
    })
}

/// Whether `needle` occurs without being followed by "3d" ("imprimante 3D" is not a printer).
fn contains_not_3d(key: &str, needle: &str) -> bool {
    let hay: Vec<char> = key.chars().collect();
    let wanted: Vec<char> = needle.chars().collect();
    (0..hay.len()).any(|start| {
        matches_at(&hay, start, &wanted) && {
            let rest: String = hay[start + wanted.len()..]
                .iter()
                .skip_while(|c| **c == 's')
                .skip_while(|c| c.is_whitespace())
                .take(2)
                .collect();
            rest != "3d"
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Loose comparison: folded text where U+FFFD (encoding damage) matches any one character.
// ---------------------------------------------------------------------------------------------

/// Folded text with runs of whitespace collapsed to one space.
fn loose(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn matches_at(hay: &[char], start: usize, needle: &[char]) -> bool {
    start + needle.len() <= hay.len()
        && hay[start..start + needle.len()]
            .iter()
            .zip(needle)
            .all(|(h, n)| h == n || *h == '\u{fffd}')
}

fn contains_loose(hay: &str, needle: &str) -> bool {
    let hay: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    (0..hay.len()).any(|start| matches_at(&hay, start, &needle))
}

fn equals_loose(hay: &str, needle: &str) -> bool {
    hay.chars().count() == needle.chars().count() && contains_loose(hay, needle)
}

// ---------------------------------------------------------------------------------------------
// Opening hours: French / hub text → time ranges → OSM `opening_hours`
// ---------------------------------------------------------------------------------------------

type Range = (NaiveTime, NaiveTime);

/// Ranges per weekday, Monday first.
type Week = [Vec<Range>; 7];

const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const DAY_NAMES: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// One opening cell of a hub file: a day or a half-day.
struct Cell<'a> {
    day: usize,
    label: String,
    value: &'a str,
}

/// What one cell says.
enum CellHours {
    Empty,
    Closed,
    Open(Vec<Range>),
    /// Open at hours the cell does not give (`x`), or text that is not a time range.
    Unreadable,
}

fn read_cell(value: &str) -> CellHours {
    let value = value.trim();
    if value.is_empty() {
        return CellHours::Empty;
    }
    if is_closed_marker(value) {
        return CellHours::Closed;
    }
    match parse_day(value) {
        Some(ranges) if ranges.is_empty() => CellHours::Closed,
        Some(ranges) => CellHours::Open(ranges),
        None => CellHours::Unreadable,
    }
}

fn is_closed_marker(value: &str) -> bool {
    matches!(
        fold(value.trim()).trim_end_matches('.'),
        "-" | "–" | "—" | "ferme" | "fermee" | "ferme toute la journee"
    )
}

/// Builds `horaires` (every non-empty cell readable) or `hours_note` (a French summary of the
/// non-empty cells) from per-day or per-half-day cells. Sets nothing when all cells are blank.
fn hours_from_cells(cells: &[Cell<'_>], raw: &mut RawRow) {
    let mut week: Week = Default::default();
    let mut readable = true;
    let mut any = false;
    for cell in cells {
        match read_cell(cell.value) {
            CellHours::Empty => {}
            CellHours::Closed => any = true,
            CellHours::Open(ranges) => {
                any = true;
                if let Some(day) = week.get_mut(cell.day) {
                    day.extend(ranges);
                }
            }
            CellHours::Unreadable => {
                any = true;
                readable = false;
            }
        }
    }
    if !any {
        return;
    }
    if readable {
        match to_osm(&week) {
            Some(osm) => raw.set("horaires", &osm),
            None => raw.messages.push(
                "Horaires : le lieu est indiqué fermé sur tous les jours renseignés, horaires \
                 non repris."
                    .to_owned(),
            ),
        }
        return;
    }
    let summary: Vec<String> = cells
        .iter()
        .filter(|cell| !cell.value.trim().is_empty())
        .map(|cell| format!("{} : {}", cell.label, describe_cell(cell.value)))
        .collect();
    raw.hours_note = Some(summary.join(" ; "));
}

fn describe_cell(value: &str) -> String {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match fold(&value).as_str() {
        "-" => "fermé".to_owned(),
        "souscondition" => "sous condition".to_owned(),
        _ => value,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Time(NaiveTime),
    Word(String),
    Sep(char),
}

fn read_digits(chars: &[char], start: usize) -> (u32, usize) {
    let mut end = start;
    let mut value: u32 = 0;
    while let Some(digit) = chars.get(end).and_then(|c| c.to_digit(10)) {
        value = value.saturating_mul(10).saturating_add(digit);
        end += 1;
    }
    (value, end)
}

fn skip_spaces(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while chars.get(end).is_some_and(|c| c.is_whitespace()) {
        end += 1;
    }
    end
}

/// Splits folded text into times (`9h`, `9h30`, `9 h 00`, `09:00`, `13 :30`, a bare hour
/// `12`), words and separators. `None` when a number cannot be a time of day.
fn tokenize(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = fold(text).chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let (hour, end) = read_digits(&chars, i);
            if end - i > 2 {
                return None;
            }
            i = end;
            let mut minute = 0;
            let next = skip_spaces(&chars, i);
            match chars.get(next) {
                Some('h') => {
                    i = next + 1;
                    let start = skip_spaces(&chars, i);
                    let (value, end) = read_digits(&chars, start);
                    let after = skip_spaces(&chars, end);
                    let marked = matches!(chars.get(after), Some('h' | ':'));
                    if end - start == 2 && !marked {
                        minute = value;
                        i = end;
                    }
                }
                Some(':') => {
                    let start = skip_spaces(&chars, next + 1);
                    let (value, end) = read_digits(&chars, start);
                    if end - start != 2 {
                        return None;
                    }
                    minute = value;
                    i = end;
                }
                _ => {}
            }
            tokens.push(Token::Time(NaiveTime::from_hms_opt(hour, minute, 0)?));
        } else if c.is_alphabetic() || c == '\u{fffd}' || c == '\'' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_alphabetic() || *c == '\u{fffd}' || *c == '\'')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A lone replacement character between times or days was "à" (or a dash).
            if word == "\u{fffd}" {
                tokens.push(Token::Word("a".to_owned()));
            } else {
                tokens.push(Token::Word(word));
            }
        } else {
            tokens.push(Token::Sep(c));
            i += 1;
        }
    }
    Some(tokens)
}

/// Consecutive times taken two by two. Each range must end after it starts, and no range may
/// start before the previous one (a sign of a typo such as `09:00-13:00-/3:00-16:00`).
/// Overlapping or repeated ranges (`09:00 - 12:30 / 09:00 - 12:30 / 13:30 - 16:30`, common in
/// the France services list) are merged; the `00:00 - 00:00` placeholder means nothing.
fn pair(times: &[NaiveTime]) -> Option<Vec<Range>> {
    if times.is_empty() || !times.len().is_multiple_of(2) {
        return None;
    }
    let mut ranges: Vec<Range> = Vec::new();
    for chunk in times.chunks(2) {
        let [start, end] = chunk else { return None };
        if *start == NaiveTime::MIN && *end == NaiveTime::MIN {
            continue;
        }
        if start >= end {
            return None;
        }
        if ranges.last().is_some_and(|(previous, _)| start < previous) {
            return None;
        }
        ranges.push((*start, *end));
    }
    Some(merge(&ranges))
}

fn is_time_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '–' | '—' | '/' | ',' | '&' | '+' | '.' | ':' | ';' | '|'
    )
}

/// One day's text (`9h-12h`, `09:00 - 12:00 / 13:30 - 17:00`, `de 09h00 à 12h30 de 13h30 à
/// 17h00`, `9h-12h et 14h-17h`) → its ranges; an empty list means closed; `None` when the
/// text says anything else.
fn parse_day(text: &str) -> Option<Vec<Range>> {
    if is_closed_marker(text) {
        return Some(Vec::new());
    }
    let mut times = Vec::new();
    for token in tokenize(text)? {
        match token {
            Token::Time(time) => times.push(time),
            Token::Word(word) if matches!(word.as_str(), "de" | "a" | "et") => {}
            Token::Sep(c) if is_time_separator(c) => {}
            _ => return None,
        }
    }
    pair(&times)
}

fn day_index(word: &str) -> Option<usize> {
    let word = word.strip_suffix('s').unwrap_or(word);
    DAY_NAMES.iter().position(|name| *name == word)
}

/// A French week description ("Lundi au vendredi 9h-12h/14h-18h; samedi 9h-12h",
/// "Lundi, Mardi, Jeudi 9H-12H | Mercredi de 9h à 12h") → ranges per weekday. `None` when
/// anything in the text is not a day, a time or a connector ("sur rendez-vous", "fermé",
/// "pendant les vacances"…): such text stays a note for a person to read.
fn parse_week(text: &str) -> Option<Week> {
    let mut week: Week = Default::default();
    let mut days: Vec<usize> = Vec::new();
    let mut times: Vec<NaiveTime> = Vec::new();
    let mut range_pending = false;
    let mut last_was_day = false;
    let mut previous_words: Vec<String> = Vec::new();

    let flush = |week: &mut Week, days: &[usize], times: &[NaiveTime]| -> Option<()> {
        let ranges = pair(times)?;
        for day in days {
            week.get_mut(*day)?.extend(ranges.iter().copied());
        }
        Some(())
    };

    for token in tokenize(text)? {
        let mut is_day = false;
        match &token {
            Token::Word(word) if day_index(word).is_some() => {
                let day = day_index(word)?;
                if !times.is_empty() {
                    flush(&mut week, &days, &times)?;
                    days.clear();
                    times.clear();
                }
                if range_pending {
                    let from = *days.last()?;
                    if day <= from {
                        return None;
                    }
                    days.extend(from + 1..=day);
                    range_pending = false;
                } else {
                    days.push(day);
                }
                is_day = true;
            }
            Token::Word(word) if word == "jours" => {
                let n = previous_words.len();
                if n < 2 || previous_words[n - 2] != "tous" || previous_words[n - 1] != "les" {
                    return None;
                }
                if !times.is_empty() {
                    flush(&mut week, &days, &times)?;
                    times.clear();
                }
                days = (0..7).collect();
                is_day = true;
            }
            Token::Word(word) if word == "au" || word == "a" => {
                if last_was_day && times.is_empty() {
                    range_pending = true;
                } else if times.is_empty() {
                    return None;
                }
            }
            Token::Word(word) if matches!(word.as_str(), "du" | "de" | "le" | "les" | "et") => {}
            Token::Word(word) if word == "tous" => {}
            Token::Word(_) => return None,
            Token::Time(time) => {
                if days.is_empty() || range_pending {
                    return None;
                }
                times.push(*time);
            }
            Token::Sep(c) => {
                if matches!(c, '-' | '–' | '—') && last_was_day && times.is_empty() {
                    range_pending = true;
                }
            }
        }
        if let Token::Word(word) = &token {
            previous_words.push(word.clone());
        }
        last_was_day = is_day;
    }
    if range_pending || (!days.is_empty() && times.is_empty()) {
        return None;
    }
    if !times.is_empty() {
        flush(&mut week, &days, &times)?;
    }
    Some(week)
}

/// Sorts ranges and merges those that overlap or touch.
fn merge(ranges: &[Range]) -> Vec<Range> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut merged: Vec<Range> = Vec::new();
    for (start, end) in sorted {
        match merged.last_mut() {
            Some((_, last_end)) if start <= *last_end => {
                if end > *last_end {
                    *last_end = end;
                }
            }
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Canonical OSM string: days with the same hours share one rule (`Mo-We,Fr`), rules in
/// weekday order, times `HH:MM`. `None` when no day is open.
fn to_osm(week: &Week) -> Option<String> {
    let days: Vec<Vec<Range>> = week.iter().map(|ranges| merge(ranges)).collect();
    let mut rules: Vec<String> = Vec::new();
    let mut done = [false; 7];
    for first in 0..7 {
        if done[first] || days[first].is_empty() {
            continue;
        }
        let same: Vec<usize> = (first..7).filter(|d| days[*d] == days[first]).collect();
        for day in &same {
            done[*day] = true;
        }
        let times: Vec<String> = days[first]
            .iter()
            .map(|(start, end)| format!("{}-{}", start.format("%H:%M"), end.format("%H:%M")))
            .collect();
        rules.push(format!("{} {}", day_selector(&same), times.join(",")));
    }
    if rules.is_empty() {
        None
    } else {
        Some(rules.join("; "))
    }
}

/// `[0, 1, 2, 4]` → `Mo-We,Fr`; runs of two are written as a list (`Mo,Tu`).
fn day_selector(days: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < days.len() {
        let mut end = index;
        while end + 1 < days.len() && days[end + 1] == days[end] + 1 {
            end += 1;
        }
        let name = |i: usize| OSM_DAYS.get(days[i]).copied().unwrap_or("Mo");
        match end - index {
            0 => parts.push(name(index).to_owned()),
            1 => parts.push(format!("{},{}", name(index), name(end))),
            _ => parts.push(format!("{}-{}", name(index), name(end))),
        }
        index = end + 1;
    }
    parts.join(",")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|v| (*v).to_owned()).collect())
                .collect(),
        }
    }

    fn assert_osm(text: &str) {
        assert!(
            text.parse::<opening_hours::OpeningHours>().is_ok(),
            "not valid OSM: {text}"
        );
    }

    // --- converter -----------------------------------------------------------------------

    #[test]
    fn day_text_in_every_hub_spelling_gives_the_same_ranges() {
        let morning_afternoon = vec![(time(9, 0), time(12, 0)), (time(14, 0), time(17, 0))];
        for text in [
            "9h-12h et 14h-17h",
            "09:00 - 12:00 / 14:00 - 17:00",
            "09:00-12:00/14:00-17:00",
            "de 09h00 à 12h00 de 14h00 à 17h00",
            "9h à 12h et 14h à 17h",
            "9 h - 12 h et 14 h - 17 h 00",
            "9h/12h 14h/17h",
            "9h-12 et 14h-17h",
            "9h12h 14h17h",
            "09:00-12:00 14:00-17:00",
            "09:00-12:00,14:00-17:00",
            "9h – 12h et 14h – 18h".replace("18h", "17h").as_str(),
        ] {
            assert_eq!(parse_day(text), Some(morning_afternoon.clone()), "{text}");
        }
        assert_eq!(
            parse_day("9h30 - 12h"),
            Some(vec![(time(9, 30), time(12, 0))])
        );
        assert_eq!(
            parse_day("8h30-12h30 / 14h-17h"),
            Some(vec![
                (time(8, 30), time(12, 30)),
                (time(14, 0), time(17, 0))
            ])
        );
        assert_eq!(
            parse_day("08 :00-12:00/13 :30-17:00"),
            Some(vec![(time(8, 0), time(12, 0)), (time(13, 30), time(17, 0))])
        );
    }

    #[test]
    fn repeated_ranges_merge_and_the_midnight_placeholder_means_closed() {
        assert_eq!(
            parse_day("09:00 - 12:30 / 09:00 - 12:30 / 13:30 - 16:30"),
            Some(vec![
                (time(9, 0), time(12, 30)),
                (time(13, 30), time(16, 30))
            ])
        );
        assert_eq!(
            parse_day("00:00 - 00:00 / 09:00 - 12:00"),
            Some(vec![(time(9, 0), time(12, 0))])
        );
        assert_eq!(parse_day("00:00 - 00:00"), Some(vec![]));
    }

    #[test]
    fn closed_markers_give_no_range_and_other_text_is_unreadable() {
        assert_eq!(parse_day("-"), Some(vec![]));
        assert_eq!(parse_day("Fermé"), Some(vec![]));
        for text in [
            "x",
            "souscondition",
            "Sur rdv",
            "après-midi",
            "14h-12h",
            "9h-12h30 et 13h30-17h/16h30",
            "09:00-13:00-/3:00-16:00",
            "9:00 - 12:30 / Sur RDV : après-midi",
            "Contact demandeur d'emploi : 3949",
            "25h-26h",
        ] {
            assert_eq!(parse_day(text), None, "{text}");
        }
    }

    #[test]
    fn a_week_groups_identical_days_into_one_osm_rule() {
        let mut week: Week = Default::default();
        for day in week.iter_mut().take(5) {
            *day = vec![(time(9, 0), time(12, 0)), (time(14, 0), time(17, 0))];
        }
        week[5] = vec![(time(9, 0), time(12, 0))];
        let osm = to_osm(&week).unwrap();
        assert_eq!(osm, "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00");
        assert_osm(&osm);

        let mut week: Week = Default::default();
        week[0] = vec![(time(9, 0), time(12, 0))];
        week[1] = vec![(time(9, 0), time(12, 0))];
        week[3] = vec![(time(9, 0), time(12, 0))];
        week[2] = vec![(time(14, 0), time(16, 0))];
        let osm = to_osm(&week).unwrap();
        assert_eq!(osm, "Mo,Tu,Th 09:00-12:00; We 14:00-16:00");
        assert_osm(&osm);
        assert_eq!(to_osm(&Week::default()), None);
    }

    #[test]
    fn touching_half_days_merge_into_one_range() {
        let mut week: Week = Default::default();
        week[0] = vec![(time(8, 30), time(12, 0)), (time(12, 0), time(17, 0))];
        assert_eq!(to_osm(&week).unwrap(), "Mo 08:30-17:00");
    }

    #[test]
    fn french_week_text_becomes_osm() {
        for (text, expected) in [
            (
                "Lundi au vendredi 9h-12h/14h-18h",
                "Mo-Fr 09:00-12:00,14:00-18:00",
            ),
            (
                "Lundi au vendredi 9h-21h; samedi 9h-18h",
                "Mo-Fr 09:00-21:00; Sa 09:00-18:00",
            ),
            (
                "Lundi Mercredi 14h00 \u{fffd} 17h00 |Mardi jeudi  09h00 \u{fffd} 12h00 et 14h00 \u{fffd} 17h00 |Vendredi Samedi 09h00 \u{fffd} 12h00",
                "Mo,We 14:00-17:00; Tu,Th 09:00-12:00,14:00-17:00; Fr,Sa 09:00-12:00",
            ),
            (
                "lundi - mercredi  9h00-12h00 / 13h30-16h30",
                "Mo-We 09:00-12:00,13:30-16:30",
            ),
            ("Tous les jours 9h-20h", "Mo-Su 09:00-20:00"),
            (
                "Lundi au Mardi de 13h30 \u{fffd} 16h30 -Jeudi de 08h30 \u{fffd} 12h30 de 13h30 \u{fffd} 16h30",
                "Mo,Tu 13:30-16:30; Th 08:30-12:30,13:30-16:30",
            ),
        ] {
            let osm = parse_week(text).and_then(|week| to_osm(&week));
            assert_eq!(osm.as_deref(), Some(expected), "{text}");
            assert_osm(expected);
        }
        for text in [
            "Tous les jours sur rendez-vous",
            "du mardi au samedi",
            "Lundi au vendredi 12h-19h, matin sur rendez-vous",
            "Lundi 16h-18h30/ Du mardi au samedi de 9h30-12h30, 14h-18h30. Fermé jeudi et samedi",
            "9h-12h/14h-18h",
            "2 vendredi par mois 9h-13h",
        ] {
            assert_eq!(parse_week(text).and_then(|w| to_osm(&w)), None, "{text}");
        }
    }

    // --- detection and mapping -------------------------------------------------------------

    const FS_HEADERS: [&str; 23] = [
        "id_fs",
        "insee_dep",
        "lib_fs",
        "adresse",
        "complement_adresse",
        "insee_com",
        "code_postal",
        "lib_com",
        "latitude",
        "longitude",
        "mail",
        "telephone",
        "h_lundi",
        "h_mardi",
        "h_mercredi",
        "h_jeudi",
        "h_vendredi",
        "h_samedi",
        "commentaire",
        "itinerance",
        "format_fs",
        "groupe",
        "labellisation",
    ];

    #[test]
    fn france_services_row_maps_to_the_standard() {
        let data = table(
            &FS_HEADERS,
            &[&[
                "12",
                "01",
                "France services de Test",
                "1 place de la Mairie",
                "Mairie",
                "01004",
                "01500",
                "Ambérieu-en-Bugey",
                "45.95",
                "5.35",
                "fs@example.fr",
                "04 74 00 00 00",
                "09:00 - 12:00 / 13:30 - 17:00",
                "09:00-12:00/13:30-17:00",
                "09:00 - 12:00 / 13:30 - 17:00",
                "09:00 - 12:00 / 13:30 - 17:00",
                "09:00 - 12:00 / 13:30 - 17:00",
                "09:00 - 12:00",
                "Contact : Jeanne - 06 00 00 00 00",
                "Oui",
                "Site principal",
                "",
                "Espace labellisé 01/01/2020",
            ]],
        );
        assert_eq!(detect(&data.headers), Some(Format::FranceServices));
        let raw = to_raw(Format::FranceServices, &data, &data.rows[0], 1);
        assert_eq!(raw.number, 1);
        assert_eq!(raw.get("id"), Some("12"));
        assert_eq!(raw.get("nom"), Some("France services de Test"));
        assert_eq!(raw.get("complement_adresse"), Some("Mairie"));
        assert_eq!(raw.get("commune"), Some("Ambérieu-en-Bugey"));
        assert_eq!(raw.get("code_insee"), Some("01004"));
        assert_eq!(raw.get("courriels"), Some("fs@example.fr"));
        assert_eq!(raw.get("itinerance"), Some("Itinérant"));
        assert_eq!(
            raw.get("dispositif_programmes_nationaux"),
            Some("France Services")
        );
        assert_eq!(
            raw.get("services"),
            Some("Aide aux démarches administratives")
        );
        assert_eq!(raw.get("date_maj"), Some("2022-12-01"));
        assert_eq!(raw.get("source"), Some("France services (ANCT)"));
        assert_eq!(
            raw.get("horaires"),
            Some("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00")
        );
        // the free comment may name a person: never mapped anywhere
        assert!(raw.fields.values().all(|v| !v.contains("Jeanne")));
        assert!(!raw.fields.contains_key("presentation_detail"));
    }

    const BFC_HEADERS: [&str; 29] = [
        "bfc_id",
        "mise_a_jour",
        "lon",
        "lat",
        "adresse",
        "code_postal",
        "ville",
        "departement",
        "nom_structure",
        "url_lieu",
        "contact_email",
        "contact_tel",
        "code_typo",
        "code_label",
        "code_accomp",
        "lundi matin",
        "lundi après-midi",
        "mardi matin",
        "mardi après-midi",
        "mercredi matin",
        "mercredi après-midi",
        "jeudi matin",
        "jeudi après-midi",
        "vendredi matin",
        "vendredi après-midi",
        "samedi matin",
        "samedi après-midi",
        "dimanche matin",
        "dimanche après-midi",
    ];

    fn bfc_row<'a>(hours: [&'a str; 14], date: &'a str) -> Vec<&'a str> {
        let mut row = vec![
            "mednumBFC_TL_1_",
            date,
            "5.04",
            "47.32",
            "2 rue Test",
            "21000",
            "DIJON",
            "21",
            "La Fabrique",
            "www.example.fr",
            "contact@example.fr",
            "03 80 00 00 00",
            "F-TL-M",
            "MSAP-APTIC-BFC",
            "A-RDV-G-R",
        ];
        row.extend(hours);
        row
    }

    #[test]
    fn bfc_row_translates_codes_and_half_days() {
        let row = bfc_row(
            [
                "8h30-12h",
                "13h30-17h",
                "9h12h",
                "14h18h",
                "09h-12h",
                "",
                "-",
                "-",
                "9h-12h",
                "12h-17h",
                "",
                "",
                "",
                "",
            ],
            "05/03/2021",
        );
        let data = table(&BFC_HEADERS, &[&row]);
        assert_eq!(detect(&data.headers), Some(Format::BfcTernum));
        let raw = to_raw(Format::BfcTernum, &data, &data.rows[0], 3);
        assert_eq!(raw.get("id"), Some("mednumBFC_TL_1_"));
        assert_eq!(raw.get("nom"), Some("La Fabrique"));
        assert_eq!(raw.get("commune"), Some("DIJON"));
        assert_eq!(raw.get("longitude"), Some("5.04"));
        assert_eq!(raw.get("latitude"), Some("47.32"));
        assert_eq!(raw.get("site_web"), Some("www.example.fr"));
        assert_eq!(raw.get("date_maj"), Some("2021-03-05"));
        assert_eq!(raw.get("source"), Some("MedNum BFC"));
        assert_eq!(raw.get("typologie"), Some("FABLAB|TIERS_LIEUX"));
        assert_eq!(
            raw.get("dispositif_programmes_nationaux"),
            Some("France Services")
        );
        assert_eq!(raw.get("autres_formations_labels"), Some("APTIC"));
        assert_eq!(
            raw.get("modalites_accompagnement"),
            Some("En autonomie|Accompagnement individuel|Dans un atelier collectif")
        );
        assert!(
            raw.messages
                .contains(&"Code de label inconnu : BFC".to_owned())
        );
        assert!(raw.messages.iter().any(|m| m.contains("réparation")));
        assert!(
            raw.messages
                .iter()
                .any(|m| m.contains("médiation publique"))
        );
        let osm = raw.get("horaires").unwrap();
        assert_eq!(
            osm,
            "Mo 08:30-12:00,13:30-17:00; Tu 09:00-12:00,14:00-18:00; We 09:00-12:00; \
             Fr 09:00-17:00"
        );
        assert_osm(osm);
        assert_eq!(raw.hours_note, None);
    }

    #[test]
    fn bfc_open_marker_without_hours_keeps_a_french_note() {
        let row = bfc_row(
            [
                "9h-12h",
                "x",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "souscondition",
                "-",
                "",
                "",
            ],
            "",
        );
        let data = table(&BFC_HEADERS, &[&row]);
        let raw = to_raw(Format::BfcTernum, &data, &data.rows[0], 1);
        assert_eq!(raw.get("horaires"), None);
        assert_eq!(raw.get("date_maj"), None);
        assert_eq!(
            raw.hours_note.as_deref(),
            Some(
                "lundi matin : 9h-12h ; lundi après-midi : x ; samedi matin : sous condition ; \
                 samedi après-midi : fermé"
            )
        );
    }

    const RHINOCC_HEADERS: [&str; 55] = [
        "n_ref",
        "statut_infos",
        "departement",
        "ville",
        "code_commune",
        "nom",
        "structure_porteuse",
        "code_postal",
        "adresse",
        "adresse_suite",
        "adresse_full",
        "nature_juridique",
        "type_lieu",
        "rattachement",
        "tel_structure",
        "email_structure",
        "site_internet",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "date_maj",
        "public_toutes_actions",
        "conditions_acces_toutes_actions",
        "type_mediation_1",
        "public_si_different_1",
        "conditions_acces_si_diff_1",
        "presta_mediation_1",
        "type_mediation_2",
        "public_si_different_2",
        "conditions_acces_si_diff_2",
        "presta_mediation_2",
        "type_mediation_3",
        "public_si_different_3",
        "conditions_acces_si_diff_3",
        "presta_mediation_3",
        "type_mediation_4",
        "public_si_different_4",
        "conditions_acces_si_diff_4",
        "presta_mediation_4",
        "type_mediation_5",
        "public_si_different_5",
        "conditions_acces_si_diff_5",
        "presta_mediation_5",
        "code_label",
        "wifi",
        "precisions",
        "codes_types_mediations",
        "codes_publics",
        "codes_thematiques",
        "lat",
        "lon",
    ];

    fn rhinocc_table(days: [&str; 7], codes_publics: &str) -> Table {
        let mut row: Vec<&str> = vec![""; 55];
        let mut put = |column: &str, value| {
            let index = RHINOCC_HEADERS.iter().position(|h| *h == column).unwrap();
            row[index] = value;
        };
        put("n_ref", "Ref_0001");
        put("ville", "Toulouse");
        put("code_commune", "31555");
        put("nom", "Centre social Test");
        put("structure_porteuse", "Mairie");
        put("code_postal", " 31400 ");
        put("adresse", "1 rue Test");
        put("type_lieu", "Centre social");
        put("tel_structure", "05 61 00 00 00");
        put("email_structure", "cs@example.fr");
        put("date_maj", "juil-22");
        put(
            "conditions_acces_toutes_actions",
            "Gratuit;Sur Rendez-Vous;Sans Rendez-Vous",
        );
        put("presta_mediation_1", "Prestataire : Laurie Exemple");
        put("code_label", "MFS-APTIC");
        put("wifi", "oui");
        put("codes_types_mediations", "ORDM-ACCN-COMP-SENS-REP");
        put("codes_publics", codes_publics);
        put("lat", "43.6");
        put("lon", "1.43");
        for (name, value) in DAY_NAMES.iter().zip(days) {
            put(name, value);
        }
        table(&RHINOCC_HEADERS, &[&row])
    }

    #[test]
    fn rhinocc_row_translates_codes_and_day_columns() {
        let data = rhinocc_table(
            [
                "de 09h00 à 12h00 de 13h30 à 16h30",
                "9h-12h et 14h-17h",
                "9h00-12h00 et 14h-17h",
                "9h-12h / 14h-17h",
                "9h-12h / 14h-17h",
                "-",
                "Fermé",
            ],
            "TP-SEN-J DE-Femme-Femme",
        );
        assert_eq!(detect(&data.headers), Some(Format::RhinOcc));
        let raw = to_raw(Format::RhinOcc, &data, &data.rows[0], 7);
        assert_eq!(raw.get("id"), Some("Ref_0001"));
        assert_eq!(raw.get("code_postal"), Some("31400"));
        assert_eq!(raw.get("code_insee"), Some("31555"));
        assert_eq!(raw.get("date_maj"), Some("juil-22"));
        assert_eq!(raw.get("source"), Some("RhinOcc"));
        assert_eq!(raw.get("typologie"), Some("CS"));
        assert_eq!(
            raw.get("dispositif_programmes_nationaux"),
            Some("France Services")
        );
        assert_eq!(raw.get("autres_formations_labels"), Some("APTIC"));
        assert_eq!(
            raw.get("services"),
            Some(
                "Accès internet et matériel informatique|Maîtrise des outils numériques du \
                 quotidien|Compréhension du monde numérique"
            )
        );
        assert_eq!(
            raw.get("modalites_accompagnement"),
            Some("Accompagnement individuel|Dans un atelier collectif")
        );
        assert_eq!(
            raw.get("publics_specifiquement_adresses"),
            Some("Seniors|Jeunes")
        );
        assert_eq!(raw.get("frais_a_charge"), Some("Gratuit"));
        assert_eq!(raw.get("modalites_acces"), Some("Se présenter"));
        assert!(raw.equipment.has_wifi);
        assert!(raw.messages.iter().any(|m| m.contains("« Femme »")));
        assert!(raw.messages.iter().any(|m| m.contains("REP")));
        assert!(raw.fields.values().all(|v| !v.contains("Laurie")));
        let osm = raw.get("horaires").unwrap();
        assert_eq!(
            osm,
            "Mo 09:00-12:00,13:30-16:30; Tu-Fr 09:00-12:00,14:00-17:00"
        );
        assert_osm(osm);
    }

    #[test]
    fn rhinocc_unreadable_day_keeps_every_day_in_the_note() {
        let data = rhinocc_table(["9h-12h", "Sur rdv", "", "", "", "", ""], "");
        let raw = to_raw(Format::RhinOcc, &data, &data.rows[0], 1);
        assert_eq!(raw.get("horaires"), None);
        assert_eq!(
            raw.hours_note.as_deref(),
            Some("lundi : 9h-12h ; mardi : Sur rdv")
        );
    }

    const SUD_HEADERS: [&str; 36] = [
        "nom",
        "structure_porteuse",
        "description",
        "siret",
        "statut",
        "nature_juridique",
        "type_lieu",
        "adresse_brut",
        "adresse_numero",
        "adresse_rue",
        "adresse_code_postal",
        "adresse_code_insee",
        "adresse_commune",
        "adresse_departement",
        "adresse_region",
        "latitude",
        "longitude",
        "itinerant",
        "en_ligne",
        "contact_telephone",
        "contact_telephone_details",
        "contact_email",
        "contact_web",
        "contact_facebook",
        "contact_twitter",
        "horaires_ouverture_brut",
        "horaires_ouverture_osm",
        "public_cible",
        "modalites_accompagnement",
        "modalites_acces",
        "tarifs",
        "accessibilite",
        "services",
        "labels",
        "horaires_grand_public",
        "materiels_disponibles",
    ];

    fn sud_table(hours: &str, materials: &str) -> Table {
        let mut row: Vec<&str> = vec![""; 36];
        let mut put = |column: &str, value| {
            let index = SUD_HEADERS.iter().position(|h| *h == column).unwrap();
            row[index] = value;
        };
        put("nom", "M\u{fffd}diath\u{fffd}que");
        put(
            "type_lieu",
            "Biblioth\u{fffd}que / M\u{fffd}diath\u{fffd}que",
        );
        put("adresse_numero", "4");
        put("adresse_rue", "place de la mairie");
        put("adresse_code_postal", "4000");
        put("adresse_commune", "DIGNE-LES-BAINS");
        put("latitude", "44.09");
        put("longitude", "6.23");
        put("itinerant", "non");
        put("en_ligne", "Non");
        put("contact_telephone", "04 92 00 00 00");
        put("contact_web", "http://www.example.fr");
        put("contact_facebook", "https://www.facebook.com/example");
        put("horaires_ouverture_osm", hours);
        put(
            "labels",
            "SUD LABS,GRANDE ECOLE DU NUM\u{fffd}RIQUE (GEN),POINT RELAIS CAF",
        );
        put(
            "services",
            "Aides pour d\u{fffd}marches administratives en ligne, initiations",
        );
        put("materiels_disponibles", materials);
        table(&SUD_HEADERS, &[&row])
    }

    #[test]
    fn region_sud_row_maps_names_labels_services_and_equipment() {
        let data = sud_table(
            "Lundi au vendredi 9h-12h/14h-18h",
            "Ordinateurs, wifi, imprimante 3D, photocopieuse couleur et scanner",
        );
        assert_eq!(detect(&data.headers), Some(Format::RegionSud));
        let raw = to_raw(Format::RegionSud, &data, &data.rows[0], 2);
        assert_eq!(raw.get("nom"), Some("M\u{fffd}diath\u{fffd}que"));
        assert_eq!(raw.get("adresse"), Some("4 place de la mairie"));
        assert_eq!(raw.get("code_postal"), Some("4000"));
        assert_eq!(raw.get("commune"), Some("DIGNE-LES-BAINS"));
        assert_eq!(raw.get("itinerance"), Some("Fixe"));
        assert_eq!(raw.get("typologie"), Some("BIB"));
        assert_eq!(
            raw.get("site_web"),
            Some("http://www.example.fr|https://www.facebook.com/example")
        );
        assert_eq!(raw.get("source"), Some("Région Sud"));
        assert_eq!(raw.get("formations_labels"), Some("SUD LABS (PACA)"));
        assert_eq!(
            raw.get("dispositif_programmes_nationaux"),
            Some("Grande école du numérique")
        );
        assert_eq!(
            raw.get("autres_formations_labels"),
            Some("POINT RELAIS CAF")
        );
        assert_eq!(
            raw.get("services"),
            Some("Aide aux démarches administratives|Maîtrise des outils numériques du quotidien")
        );
        assert_eq!(raw.get("horaires"), Some("Mo-Fr 09:00-12:00,14:00-18:00"));
        assert!(raw.equipment.has_wifi);
        assert!(raw.equipment.has_printer);
        assert!(raw.equipment.has_scanner);
        assert_eq!(raw.equipment.computers, None);
        assert!(raw.messages.iter().any(|m| m.contains("Ordinateurs")));
    }

    #[test]
    fn region_sud_hours_keep_osm_and_note_free_text() {
        let data = sud_table("Mo-Fr 09:00-12:00", "10 postes connectés, imprimante 3D");
        let raw = to_raw(Format::RegionSud, &data, &data.rows[0], 1);
        assert_eq!(raw.get("horaires"), Some("Mo-Fr 09:00-12:00"));
        assert_eq!(raw.equipment.computers, Some(10));
        assert!(!raw.equipment.has_printer);

        let data = sud_table("Tous les jours sur rendez-vous", "");
        let raw = to_raw(Format::RegionSud, &data, &data.rows[0], 1);
        assert_eq!(raw.get("horaires"), None);
        assert_eq!(
            raw.hours_note.as_deref(),
            Some("Tous les jours sur rendez-vous")
        );
    }

    #[test]
    fn unknown_headers_and_short_rows_do_not_panic() {
        let headers: Vec<String> = ["nom", "adresse"].iter().map(|h| (*h).to_owned()).collect();
        assert_eq!(detect(&headers), None);
        for format in [
            Format::FranceServices,
            Format::BfcTernum,
            Format::RhinOcc,
            Format::RegionSud,
        ] {
            let data = Table {
                headers: headers.clone(),
                rows: vec![vec!["x".to_owned()]],
            };
            let raw = to_raw(format, &data, &data.rows[0], 1);
            assert_eq!(raw.get("horaires"), None);
        }
        let raw = to_raw(Format::MediationV1, &Table::default(), &[], 1);
        assert_eq!(raw.messages.len(), 1);
    }

    // --- real files ------------------------------------------------------------------------

    fn data_dir() -> std::path::PathBuf {
        let candidates = [
            std::env::var("RELAIS_SHARED_DATA").ok().map(Into::into),
            std::env::var("CARGO_MANIFEST_DIR")
                .ok()
                .map(|dir| std::path::Path::new(&dir).join("../shared/data")),
            Some(std::path::PathBuf::from("/work/shared/data")),
        ];
        candidates
            .into_iter()
            .flatten()
            .find(|dir| dir.join("hub-formats").is_dir())
            .expect(
                "shared data folder not found: set RELAIS_SHARED_DATA to the folder holding \
                 hub-formats/ (tried $CARGO_MANIFEST_DIR/../shared/data and /work/shared/data)",
            )
    }

    fn read_csv(name: &str, delimiter: u8) -> Table {
        let path = data_dir().join("hub-formats").join(name);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_path(&path)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
        let headers = reader
            .headers()
            .unwrap()
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        let rows = reader
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect();
        Table { headers, rows }
    }

    /// (rows, rows with `horaires`, rows with `hours_note`)
    fn map_file(name: &str, delimiter: u8, format: Format) -> (usize, usize, usize) {
        let data = read_csv(name, delimiter);
        assert_eq!(detect(&data.headers), Some(format), "{name}");
        let mut osm = 0;
        let mut notes = 0;
        for (index, row) in data.rows.iter().enumerate() {
            let raw = to_raw(format, &data, row, index + 1);
            assert!(raw.get("nom").is_some(), "{name} row {}", index + 1);
            if let Some(hours) = raw.get("horaires") {
                osm += 1;
                assert_osm(hours);
            }
            if raw.hours_note.is_some() {
                notes += 1;
                assert!(raw.get("horaires").is_none());
            }
        }
        (data.rows.len(), osm, notes)
    }

    #[test]
    fn real_france_services_file_maps_every_row() {
        let counts = map_file(
            "france-services_liste-fs-20221201.csv",
            b',',
            Format::FranceServices,
        );
        assert_eq!(counts, (2683, 2559, 1));
    }

    #[test]
    fn real_bfc_file_maps_every_row() {
        let counts = map_file("bfc-ternum-dataset.csv", b',', Format::BfcTernum);
        assert_eq!(counts, (697, 298, 14));
    }

    #[test]
    fn real_rhinocc_file_maps_every_row() {
        let counts = map_file("rhinocc-inclusion-dataset.csv", b',', Format::RhinOcc);
        assert_eq!(counts, (845, 107, 16));
    }

    #[test]
    fn real_region_sud_file_maps_every_row() {
        let counts = map_file(
            "regionsud_lieux-dinclusion-numerique-2022_v2.csv",
            b';',
            Format::RegionSud,
        );
        assert_eq!(counts, (1245, 193, 32));
    }
}
