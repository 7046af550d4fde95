//! The common normaliser: one `RawRow` (v1 or v0.1 column names and values, any separator)
//! becomes one `ImportRow` with a `MediationRecord` of canonical v1 values, quality flags and
//! French explanations.

use super::raw::RawRow;
use super::values::{Group, Matched, OTHER_LABELS, match_cell};
use super::{Format, ImportRow, Outcome};
use crate::places::model::is_in_france;
use crate::places::{MediationRecord, PlaceData, QualityFlag};
use crate::text::fold;
use chrono::{Datelike, NaiveDate};

/// The longest `presentation_resume` the standard v1 allows, in characters.
pub(super) const RESUME_MAX_CHARS: usize = 280;

/// Longest `horaires` value given to the opening_hours parser.
const HOURS_MAX_BYTES: usize = 2000;

/// What the normaliser found out about one row.
#[derive(Default)]
struct Notes {
    fixes: Vec<String>,
    flags: Vec<QualityFlag>,
    flag_messages: Vec<String>,
}

impl Notes {
    fn fix(&mut self, message: String) {
        self.fixes.push(message);
    }

    fn flag(&mut self, flag: QualityFlag, message: String) {
        if !self.flags.contains(&flag) {
            self.flags.push(flag);
        }
        self.flag_messages.push(message);
    }
}

pub(super) fn normalize(
    raw: RawRow,
    format: Format,
    source: Option<&str>,
    today: NaiveDate,
) -> ImportRow {
    let get = |column: &str| raw.get(column).map_or("", str::trim);
    let first = |columns: &[&str]| {
        columns
            .iter()
            .map(|column| get(column))
            .find(|value| !value.is_empty())
            .unwrap_or("")
    };
    let id = get("id").to_owned();
    let nom = get("nom").to_owned();
    let refuse = |messages: Vec<String>| ImportRow {
        number: raw.number,
        source_id: id.clone(),
        name: nom.clone(),
        outcome: Outcome::Refused,
        messages,
        data: None,
    };

    if get("adresse").is_empty() && !get("structure_id").is_empty() {
        return refuse(vec![
            "service data·inclusion sans adresse : un service ne porte pas l'adresse de sa structure ; importez plutôt le fichier des structures".to_owned(),
        ]);
    }
    let mut refusals = Vec::new();
    if id.is_empty() {
        refusals.push("pas d'identifiant (colonne id vide)".to_owned());
    }
    if nom.is_empty() {
        refusals.push("nom manquant".to_owned());
    }
    if get("adresse").is_empty() {
        refusals.push("adresse manquante".to_owned());
    }
    if get("commune").is_empty() {
        refusals.push("commune manquante".to_owned());
    }
    let postcode = postcode(get("code_postal"));
    if let Err(reason) = &postcode {
        refusals.push(reason.clone());
    }
    let (code_postal, postcode_fix) = match postcode {
        Ok(found) if refusals.is_empty() => found,
        _ => return refuse(refusals),
    };

    let mut notes = Notes::default();
    notes.fixes.extend(raw.messages.iter().cloned());
    if let Some(message) = postcode_fix {
        notes.fix(message);
    }
    if raw.fields.values().any(|value| value.contains('\u{fffd}')) {
        notes.flag(
            QualityFlag::EncodingDamaged,
            "caractères illisibles (« \u{fffd} ») : encodage endommagé à la source, texte à corriger à la main".to_owned(),
        );
    }

    let mut record = MediationRecord {
        id,
        nom,
        code_postal,
        commune: get("commune").to_owned(),
        adresse: get("adresse").to_owned(),
        complement_adresse: get("complement_adresse").to_owned(),
        structure_parente: get("structure_parente").to_owned(),
        presentation_detail: get("presentation_detail").to_owned(),
        ..MediationRecord::default()
    };
    record.source = match source {
        Some(source) => source.trim().to_owned(),
        None if !get("source").is_empty() => get("source").to_owned(),
        None => format.name().to_owned(),
    };
    record.pivot = pivot(first(&["pivot", "rna"]), &mut notes);
    record.code_insee = insee(get("code_insee"), &mut notes);
    (record.latitude, record.longitude) =
        coordinates(get("latitude"), get("longitude"), &mut notes);
    record.telephone = phone(get("telephone"), &record.code_postal, &mut notes);
    record.courriels = emails(&[get("courriels"), get("courriel")], &mut notes);
    record.site_web = urls(get("site_web"), "site_web", true, &mut notes);
    record.fiche_acces_libre = single_url(
        first(&["fiche_acces_libre", "accessibilite"]),
        "fiche_acces_libre",
        &mut notes,
    );
    record.prise_rdv = single_url(get("prise_rdv"), "prise_rdv", &mut notes);
    record.date_maj = date(get("date_maj"), today, &mut notes);

    let mut hours_note = raw.hours_note.clone().unwrap_or_default().trim().to_owned();
    if !hours_note.is_empty() {
        notes.flag(
            QualityFlag::HoursFreeText,
            "horaires donnés en texte libre : à réécrire au format OpenStreetMap".to_owned(),
        );
    }
    record.horaires = hours(get("horaires"), &mut hours_note, &mut notes);

    let (resume, detail) = presentation(
        get("presentation_resume"),
        &record.presentation_detail,
        &mut notes,
    );
    record.presentation_resume = resume;
    if let Some(detail) = detail {
        record.presentation_detail = detail;
    }

    // Closed lists, from v1 or v0.1 columns.
    let mut others: Vec<String> = Vec::new();
    for value in [get("autres_formations_labels"), get("labels_autres")] {
        for piece in value.split(['|', ';', '\n']).map(str::trim) {
            if !piece.is_empty() && !others.iter().any(|other| other == piece) {
                others.push(piece.to_owned());
            }
        }
    }
    const GROUPS: [(Group, &[&str]); 8] = [
        (Group::Services, &["services"]),
        (
            Group::Publics,
            &[
                "publics_specifiquement_adresses",
                "prise_en_charge_specifique",
                "publics_accueillis",
            ],
        ),
        (Group::Fees, &["frais_a_charge", "conditions_acces"]),
        (
            Group::Labels,
            &[
                "dispositif_programmes_nationaux",
                "formations_labels",
                "labels_nationaux",
            ],
        ),
        (Group::SupportModes, &["modalites_accompagnement"]),
        (Group::AccessModes, &["modalites_acces"]),
        (Group::Mobility, &["itinerance"]),
        (Group::Typology, &["typologie"]),
    ];
    for (group, columns) in GROUPS {
        for column in columns {
            let cell = get(column);
            if cell.is_empty() {
                continue;
            }
            let matched = match_cell(group, cell);
            explain(group, column, &matched, &mut notes);
            for &(field, value) in &matched.values {
                let list = match field {
                    "services" => &mut record.services,
                    "publics_specifiquement_adresses" => {
                        &mut record.publics_specifiquement_adresses
                    }
                    "prise_en_charge_specifique" => &mut record.prise_en_charge_specifique,
                    "frais_a_charge" => &mut record.frais_a_charge,
                    "dispositif_programmes_nationaux" => {
                        &mut record.dispositif_programmes_nationaux
                    }
                    "formations_labels" => &mut record.formations_labels,
                    "modalites_accompagnement" => &mut record.modalites_accompagnement,
                    "modalites_acces" => &mut record.modalites_acces,
                    "itinerance" => &mut record.itinerance,
                    "typologie" => &mut record.typologie,
                    OTHER_LABELS => {
                        if !others.iter().any(|other| other == value) {
                            others.push(value.to_owned());
                        }
                        continue;
                    }
                    _ => continue,
                };
                if !list.iter().any(|known| known == value) {
                    list.push(value.to_owned());
                }
            }
            if group == Group::Labels {
                for unknown in &matched.unknown {
                    if !others.contains(unknown) {
                        others.push(unknown.clone());
                    }
                }
            }
        }
    }
    record.autres_formations_labels = others.join("|");

    let mut messages = notes.fixes;
    messages.extend(notes.flag_messages);
    let outcome = if !notes.flags.is_empty() {
        Outcome::Flagged
    } else if !messages.is_empty() {
        Outcome::Fixed
    } else {
        Outcome::Accepted
    };
    ImportRow {
        number: raw.number,
        source_id: record.id.clone(),
        name: record.nom.clone(),
        outcome,
        messages,
        data: Some(PlaceData {
            record,
            equipment: raw.equipment.clone(),
            hours_note,
            flags: notes.flags,
        }),
    }
}

/// Up to three quoted values, then "…".
fn quoted(values: &[String]) -> String {
    let mut list: Vec<String> = values.iter().take(3).map(|v| format!("« {v} »")).collect();
    if values.len() > 3 {
        list.push(format!("et {} autres", values.len() - 3));
    }
    list.join(", ")
}

fn explain(group: Group, column: &str, matched: &Matched, notes: &mut Notes) {
    let before = notes.fixes.len();
    if !matched.translated.is_empty() {
        notes.fix(format!(
            "{column} : valeurs v0.1 ou data·inclusion traduites dans le vocabulaire v1 ({})",
            quoted(&matched.translated)
        ));
    }
    if !matched.corrected.is_empty() {
        notes.fix(format!(
            "{column} : orthographe corrigée ({})",
            quoted(&matched.corrected)
        ));
    }
    if !matched.unknown.is_empty() {
        notes.fix(match group {
            Group::Labels => format!(
                "{column} : libellés hors de la liste du schéma placés dans autres_formations_labels ({})",
                quoted(&matched.unknown)
            ),
            _ => format!(
                "{column} : valeurs inconnues ignorées ({})",
                quoted(&matched.unknown)
            ),
        });
    }
    if notes.fixes.len() == before && matched.separator_fixed {
        notes.fix(format!("{column} : séparateur remplacé par « | »"));
    }
}

// --- Identity and address -------------------------------------------------------------------

/// A 5-digit postcode, and the message explaining a correction.
fn postcode(raw: &str) -> Result<(String, Option<String>), String> {
    if raw.is_empty() {
        return Err("code postal manquant".to_owned());
    }
    let mut cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(integer) = cleaned.strip_suffix(".0") {
        cleaned = integer.to_owned();
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("code postal « {raw} » invalide"));
    }
    match cleaned.len() {
        5 if cleaned == raw => Ok((cleaned, None)),
        5 => Ok((
            cleaned.clone(),
            Some(format!("code postal « {raw} » écrit {cleaned}")),
        )),
        4 => {
            let fixed = format!("0{cleaned}");
            let message = format!("code postal {raw} complété par le zéro initial perdu : {fixed}");
            Ok((fixed, Some(message)))
        }
        _ => Err(format!(
            "code postal « {raw} » invalide (5 chiffres attendus)"
        )),
    }
}

fn pivot(raw: &str, notes: &mut Notes) -> String {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let valid = (9..=14).contains(&cleaned.len())
        && cleaned.chars().all(|c| c.is_ascii_alphanumeric())
        && !cleaned.chars().all(|c| c == '0');
    if valid {
        if cleaned != raw {
            notes.fix(format!("SIRET « {raw} » écrit {cleaned}"));
        }
        return cleaned;
    }
    let message = if raw.is_empty() {
        "SIRET absent".to_owned()
    } else if cleaned.chars().all(|c| c == '0') {
        format!("SIRET fictif « {raw} » retiré")
    } else {
        format!("SIRET « {raw} » invalide retiré")
    };
    notes.flag(QualityFlag::PivotMissing, message);
    String::new()
}

fn insee(raw: &str, notes: &mut Notes) -> String {
    if raw.is_empty() {
        return String::new();
    }
    let mut code = raw.to_uppercase();
    if let Some(integer) = code.strip_suffix(".0") {
        code = integer.to_owned();
    }
    if code.len() == 4 && code.chars().all(|c| c.is_ascii_digit()) {
        code.insert(0, '0');
    }
    let bytes = code.as_bytes();
    let valid = bytes.len() == 5
        && match (bytes[0], bytes[1]) {
            (b'2', second) => matches!(second, b'A' | b'B' | b'1'..=b'9'),
            (b'0' | b'1' | b'3'..=b'9', second) => second.is_ascii_digit(),
            _ => false,
        }
        && bytes[2..].iter().all(u8::is_ascii_digit);
    if !valid {
        notes.fix(format!("code INSEE « {raw} » invalide retiré"));
        return String::new();
    }
    if code != raw {
        notes.fix(format!("code INSEE « {raw} » écrit {code}"));
    }
    code
}

fn number(raw: &str) -> Option<f64> {
    let value: f64 = raw.trim().replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

fn coordinates(latitude: &str, longitude: &str, notes: &mut Notes) -> (Option<f64>, Option<f64>) {
    let (Some(lat), Some(lon)) = (number(latitude), number(longitude)) else {
        notes.flag(
            QualityFlag::CoordinatesMissing,
            "coordonnées GPS manquantes : le lieu n'apparaîtra pas sur la carte".to_owned(),
        );
        return (None, None);
    };
    if lat == 0.0 && lon == 0.0 {
        notes.flag(
            QualityFlag::CoordinatesMissing,
            "coordonnées GPS nulles (0, 0) retirées : le lieu n'apparaîtra pas sur la carte"
                .to_owned(),
        );
        return (None, None);
    }
    if is_in_france(lat, lon) {
        return (Some(lat), Some(lon));
    }
    if is_in_france(lon, lat) {
        notes.fix(format!(
            "latitude et longitude inversées remises dans l'ordre ({lon}, {lat})"
        ));
        return (Some(lon), Some(lat));
    }
    notes.flag(
        QualityFlag::CoordinatesOutsideFrance,
        format!("coordonnées ({lat}, {lon}) hors de France : position à vérifier"),
    );
    (Some(lat), Some(lon))
}

// --- Contacts -------------------------------------------------------------------------------

const PHONE_PREFIXES: [&str; 10] = [
    "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
];

/// Whether a number follows the standard's pattern: a known prefix and 6 to 9 digits.
pub(super) fn is_standard_phone(number: &str) -> bool {
    PHONE_PREFIXES.iter().any(|prefix| {
        number.strip_prefix(prefix).is_some_and(|rest| {
            (6..=9).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit())
        })
    })
}

/// The international prefix of a place from its postcode.
fn phone_prefix(postcode: &str) -> &'static str {
    match postcode.get(..3).unwrap_or("") {
        "971" | "977" | "978" => "+590",
        "972" => "+596",
        "973" => "+594",
        "974" | "976" => "+262",
        "975" => "+508",
        "986" => "+681",
        "987" => "+689",
        "988" => "+687",
        _ => "+33",
    }
}

/// One number written in the standard's format, if it can be.
fn one_phone(text: &str, postcode: &str) -> Option<String> {
    let text = text.replace("(0)", "");
    let mut digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if let Some(rest) = digits.strip_prefix("00") {
        digits = format!("+{rest}");
    }
    if digits.starts_with('+') {
        if digits.len() > 1 && digits[1..].contains('+') {
            return None;
        }
        if let Some(rest) = digits.strip_prefix("+330") {
            digits = format!("+33{rest}");
        }
        return is_standard_phone(&digits).then_some(digits);
    }
    if digits.contains('+') {
        return None;
    }
    let prefix = phone_prefix(postcode);
    let candidate = match (digits.len(), prefix) {
        (10, "+508") if digits.starts_with("0508") => format!("+508{}", &digits[4..]),
        (10, _) if digits.starts_with('0') => format!("{prefix}{}", &digits[1..]),
        (9, "+33") if !digits.starts_with('0') => format!("+33{digits}"),
        (6, "+687" | "+681" | "+508") => format!("{prefix}{digits}"),
        (8, "+689") => format!("+689{digits}"),
        _ => return None,
    };
    is_standard_phone(&candidate).then_some(candidate)
}

fn phone(raw: &str, postcode: &str, notes: &mut Notes) -> String {
    if raw.is_empty() {
        return String::new();
    }
    if is_standard_phone(raw) {
        return raw.to_owned();
    }
    let pieces: Vec<&str> = raw
        .split(['/', ';', '|', ',', '\n'])
        .flat_map(|piece| piece.split(" ou "))
        .flat_map(|piece| piece.split(" et "))
        .filter(|piece| piece.chars().filter(char::is_ascii_digit).count() >= 4)
        .collect();
    let found = pieces.iter().find_map(|piece| one_phone(piece, postcode));
    match found {
        Some(number) => {
            if pieces.len() > 1 {
                notes.fix(format!(
                    "plusieurs numéros de téléphone (« {raw} ») : seul le premier valable est gardé, {number}"
                ));
            } else {
                notes.fix(format!("téléphone « {raw} » écrit {number}"));
            }
            number
        }
        None => {
            notes.flag(
                QualityFlag::PhoneInvalid,
                format!("téléphone « {raw} » inutilisable : retiré"),
            );
            String::new()
        }
    }
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'&".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

fn emails(cells: &[&str], notes: &mut Notes) -> Vec<String> {
    let mut valid: Vec<String> = Vec::new();
    let mut invalid = Vec::new();
    let mut pieces = 0;
    for cell in cells {
        for piece in cell.split(|c: char| "|;,/".contains(c) || c.is_whitespace()) {
            let piece = piece.trim().trim_end_matches('.');
            let piece = piece
                .strip_prefix("mailto:")
                .unwrap_or(piece)
                .trim_matches(|c| c == '<' || c == '>');
            if piece.is_empty() {
                continue;
            }
            pieces += 1;
            if is_email(piece) {
                if !valid.iter().any(|known| known.eq_ignore_ascii_case(piece)) {
                    valid.push(piece.to_owned());
                }
            } else {
                invalid.push(piece.to_owned());
            }
        }
    }
    if !invalid.is_empty() {
        notes.flag(
            QualityFlag::ContactInvalid,
            format!("adresses e-mail invalides retirées ({})", quoted(&invalid)),
        );
    } else if pieces > 1 && cells.iter().any(|cell| cell.contains([';', ',', ' ', '/'])) {
        notes.fix("courriels : séparateur remplacé par « | »".to_owned());
    }
    valid
}

/// A web address with its scheme, and whether `https://` had to be added.
fn web_url(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    if text.is_empty()
        || text.contains(char::is_whitespace)
        || text.contains('@') && !text.contains('/')
    {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let (candidate, added) = if lower.starts_with("http://") || lower.starts_with("https://") {
        (text.to_owned(), false)
    } else if lower.contains("://") {
        return None;
    } else {
        (format!("https://{text}"), true)
    };
    let parsed = url::Url::parse(&candidate).ok()?;
    let host = parsed.host_str()?;
    let tld_ok = host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    (host.contains('.') && tld_ok).then_some((candidate, added))
}

fn urls(cell: &str, column: &str, many: bool, notes: &mut Notes) -> Vec<String> {
    let mut valid: Vec<String> = Vec::new();
    let mut invalid = Vec::new();
    let mut added = Vec::new();
    let mut pieces = 0;
    for piece in cell.split(|c: char| c == '|' || c == ';' || c.is_whitespace()) {
        let piece = piece.trim().trim_end_matches(',');
        if piece.is_empty() {
            continue;
        }
        pieces += 1;
        match web_url(piece) {
            Some((url, scheme_added)) => {
                if scheme_added {
                    added.push(piece.to_owned());
                }
                if !valid.contains(&url) {
                    valid.push(url);
                }
            }
            None => invalid.push(piece.to_owned()),
        }
    }
    if !many && valid.len() > 1 {
        notes.fix(format!(
            "{column} : plusieurs adresses, seule la première est gardée"
        ));
        valid.truncate(1);
    }
    if !added.is_empty() {
        notes.fix(format!(
            "{column} : « https:// » ajouté ({})",
            quoted(&added)
        ));
    }
    if !invalid.is_empty() {
        notes.flag(
            QualityFlag::ContactInvalid,
            format!(
                "{column} : adresses web invalides retirées ({})",
                quoted(&invalid)
            ),
        );
    } else if many && pieces > 1 && !cell.contains('|') {
        notes.fix(format!("{column} : séparateur remplacé par « | »"));
    }
    valid
}

fn single_url(cell: &str, column: &str, notes: &mut Notes) -> String {
    urls(cell, column, false, notes)
        .into_iter()
        .next()
        .unwrap_or_default()
}

// --- Dates ----------------------------------------------------------------------------------

const MONTHS: [(&str, u32); 13] = [
    ("janv", 1),
    ("fev", 2),
    ("mars", 3),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juil", 7),
    ("aout", 8),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("fevr", 2),
];

fn year(text: &str) -> Option<i32> {
    let value: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(value),
        2 => Some(2000 + value),
        _ => None,
    }
}

/// A date in ISO form (or a date-time), `dd/mm/yyyy`, or with a French month name.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(iso) = text.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        && (text.len() == 10 || matches!(text.as_bytes()[10], b'T' | b' '))
    {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .split(['/', '-', '.', ' '])
        .filter(|part| !part.is_empty())
        .collect();
    let numeric = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if parts.len() == 3 && parts.iter().all(|part| numeric(part)) {
        let [a, b, c] = [parts[0], parts[1], parts[2]];
        let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
        return NaiveDate::from_ymd_opt(year(y)?, m.parse().ok()?, d.parse().ok()?);
    }
    if parts.len() == 2 && parts.iter().all(|part| numeric(part)) && parts[1].len() == 4 {
        return NaiveDate::from_ymd_opt(year(parts[1])?, parts[0].parse().ok()?, 1);
    }
    // French month names: "Decembre 2019", "juil-22", "15 mars 2021".
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let month_at = words.iter().position(|word| {
        word.chars().all(char::is_alphabetic)
            && MONTHS.iter().any(|(prefix, _)| word.starts_with(prefix))
    })?;
    let month = MONTHS
        .iter()
        .find(|(prefix, _)| words[month_at].starts_with(prefix))
        .map(|(_, month)| *month)?;
    let year = words.get(month_at + 1).and_then(|word| year(word))?;
    let day = month_at
        .checked_sub(1)
        .and_then(|index| words[index].parse::<u32>().ok())
        .unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, day)
}

fn date(raw: &str, today: NaiveDate, notes: &mut Notes) -> Option<NaiveDate> {
    if raw.is_empty() {
        notes.flag(
            QualityFlag::DateMissing,
            "date de mise à jour absente".to_owned(),
        );
        return None;
    }
    let Some(date) = parse_date(raw) else {
        notes.flag(
            QualityFlag::DateMissing,
            format!("date de mise à jour « {raw} » illisible"),
        );
        return None;
    };
    if date.year() < 1971 {
        notes.flag(
            QualityFlag::DateMissing,
            format!("date de mise à jour fictive ({raw}) retirée"),
        );
        return None;
    }
    if date > today {
        notes.flag(
            QualityFlag::DateMissing,
            format!("date de mise à jour « {raw} » dans le futur retirée"),
        );
        return None;
    }
    let iso = date.format("%Y-%m-%d").to_string();
    if !raw.starts_with(&iso) {
        notes.fix(format!("date de mise à jour « {raw} » lue comme {iso}"));
    }
    Some(date)
}

// --- Hours and texts ------------------------------------------------------------------------

/// Whether hours look like French prose ("lundi au vendredi 9h-12h").
fn looks_french(text: &str) -> bool {
    const WORDS: [&str; 12] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "ferme", "rendez",
        "matin", "midi", "semaine",
    ];
    let folded = fold(text);
    if WORDS.iter().any(|word| folded.contains(word)) {
        return true;
    }
    // "9h", "8h30", "8 h 15": a digit, maybe a space, then an "h" that ends a word.
    let bytes = folded.as_bytes();
    bytes.iter().enumerate().any(|(index, byte)| {
        let after_digit = match index.checked_sub(1).map(|i| bytes[i]) {
            Some(b' ') => index >= 2 && bytes[index - 2].is_ascii_digit(),
            Some(previous) => previous.is_ascii_digit(),
            None => false,
        };
        *byte == b'h'
            && after_digit
            && bytes
                .get(index + 1)
                .is_none_or(|next| !next.is_ascii_alphabetic())
    })
}

pub(super) fn is_opening_hours(text: &str) -> bool {
    /// Distinct texts remembered; the memory is forgotten when it is full.
    const REMEMBERED: usize = 16_384;
    // Files repeat the same hours on many rows; parsing was a fifth of an import. One memory
    // for the whole process: the normalizing threads of each block are new threads, so a
    // memory per thread was forgotten at every block.
    static CHECKED: std::sync::LazyLock<
        std::sync::RwLock<std::collections::HashMap<String, bool>>,
    > = std::sync::LazyLock::new(Default::default);
    if text.len() > HOURS_MAX_BYTES {
        return false;
    }
    let known = CHECKED
        .read()
        .ok()
        .and_then(|checked| checked.get(text).copied());
    if let Some(known) = known {
        return known;
    }
    let valid = text.parse::<opening_hours::OpeningHours>().is_ok();
    if let Ok(mut checked) = CHECKED.write() {
        if checked.len() >= REMEMBERED {
            checked.clear();
        }
        checked.insert(text.to_owned(), valid);
    }
    valid
}

fn hours(raw: &str, hours_note: &mut String, notes: &mut Notes) -> String {
    if raw.is_empty() || is_opening_hours(raw) {
        return raw.to_owned();
    }
    if looks_french(raw) {
        if !hours_note.is_empty() {
            hours_note.push('\n');
        }
        hours_note.push_str(raw);
        notes.flag(
            QualityFlag::HoursFreeText,
            "horaires en texte libre, gardés en note : à réécrire au format OpenStreetMap"
                .to_owned(),
        );
        return String::new();
    }
    notes.flag(
        QualityFlag::HoursUnreadable,
        format!("horaires « {raw} » illisibles (format OpenStreetMap attendu) : à vérifier"),
    );
    raw.to_owned()
}

/// Cuts `text` to at most `max` characters at a word boundary, ending with "…".
pub(super) fn shorten(text: &str, max: usize) -> String {
    let budget = max.saturating_sub(1);
    let end = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(index, _)| index);
    let head = &text[..end];
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space > end / 2 => &head[..space],
        _ => head,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.".contains(c))
    )
}

fn presentation(resume: &str, detail: &str, notes: &mut Notes) -> (String, Option<String>) {
    if resume.chars().count() <= RESUME_MAX_CHARS {
        return (resume.to_owned(), None);
    }
    let short = shorten(resume, RESUME_MAX_CHARS);
    if detail.is_empty() {
        notes.fix(format!(
            "présentation résumée de plus de {RESUME_MAX_CHARS} caractères raccourcie ; le texte complet est gardé dans la présentation détaillée"
        ));
        (short, Some(resume.to_owned()))
    } else {
        notes.fix(format!(
            "présentation résumée de plus de {RESUME_MAX_CHARS} caractères raccourcie"
        ));
        (short, None)
    }
}
