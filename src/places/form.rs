//! The staff form of a place: raw values in, `PlaceData` or French messages per field out.
//! Kept as name → values pairs so checkbox groups and the weekly hours grid stay simple.

use super::hours::{END_OF_DAY, Hours, SCHEDULE_YEARS, ScheduleException, WeeklySchedule};
use super::model::{
    Equipment, MediationRecord, Place, PlaceData, PlaceKind, QualityFlag, Visibility, is_in_france,
    is_valid_insee_code, is_valid_pivot, is_valid_postcode, normalize_phone,
};
use super::vocab::{self, Vocabulary};
use crate::text::slug;
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::HashMap;

/// Every vocabulary the form edits, with the form field that carries it.
pub const VOCABULARY_FIELDS: [(&str, &Vocabulary); 8] = [
    ("services", &vocab::SERVICES),
    ("publics", &vocab::PUBLICS),
    ("prise_en_charge", &vocab::SPECIFIC_SUPPORT),
    ("frais", &vocab::FEES),
    ("modalites_acces", &vocab::ACCESS_MODES),
    ("modalites_accompagnement", &vocab::SUPPORT_MODES),
    ("dispositifs", &vocab::NATIONAL_PROGRAMMES),
    ("itinerance", &vocab::MOBILITY),
];

pub const DAY_FIELDS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Raw form values (several for checkbox groups).
#[derive(Clone, Debug, Default)]
pub struct FormValues(pub HashMap<String, Vec<String>>);

impl FormValues {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in pairs {
            map.entry(name).or_default().push(value);
        }
        FormValues(map)
    }

    pub fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|values| values.first())
            .map_or("", |value| value.trim())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .get(name)
            .map(|values| values.iter().map(|v| v.trim()).collect())
            .unwrap_or_default()
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).contains(&value)
    }

    fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_owned(), vec![value.into()]);
    }

    fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0
            .entry(name.to_owned())
            .or_default()
            .push(value.into());
    }

    /// The values of an existing place, as the form shows them.
    pub fn from_place(place: &Place) -> Self {
        let r = &place.record;
        let mut values = FormValues::default();
        for (name, value) in [
            ("nom", r.nom.as_str()),
            ("pivot", r.pivot.as_str()),
            ("structure_parente", r.structure_parente.as_str()),
            ("adresse", r.adresse.as_str()),
            ("complement_adresse", r.complement_adresse.as_str()),
            ("code_postal", r.code_postal.as_str()),
            ("commune", r.commune.as_str()),
            ("code_insee", r.code_insee.as_str()),
            ("telephone", r.telephone.as_str()),
            ("presentation_resume", r.presentation_resume.as_str()),
            ("presentation_detail", r.presentation_detail.as_str()),
            ("fiche_acces_libre", r.fiche_acces_libre.as_str()),
            ("prise_rdv", r.prise_rdv.as_str()),
            (
                "autres_formations_labels",
                r.autres_formations_labels.as_str(),
            ),
            ("horaires_osm", r.horaires.as_str()),
            ("horaires_origine", r.horaires.as_str()),
            ("kind", place.kind.as_str()),
            ("visibility", place.visibility.as_str()),
        ] {
            values.set(name, value);
        }
        values.set("courriels", r.courriels.join("\n"));
        values.set("site_web", r.site_web.join("\n"));
        values.set(
            "latitude",
            r.latitude.map(|v| v.to_string()).unwrap_or_default(),
        );
        values.set(
            "longitude",
            r.longitude.map(|v| v.to_string()).unwrap_or_default(),
        );
        values.set(
            "organization_id",
            place
                .organization_id
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        let record_lists: [&Vec<String>; 8] = [
            &r.services,
            &r.publics_specifiquement_adresses,
            &r.prise_en_charge_specifique,
            &r.frais_a_charge,
            &r.modalites_acces,
            &r.modalites_accompagnement,
            &r.dispositif_programmes_nationaux,
            &r.itinerance,
        ];
        for ((field, _), list) in VOCABULARY_FIELDS.iter().zip(record_lists) {
            for value in list {
                values.push(field, slug(value));
            }
        }
        let equipment = &place.equipment;
        values.set(
            "ordinateurs",
            equipment
                .computers
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        for (has, name) in [
            (equipment.has_wifi, "wifi"),
            (equipment.has_printer, "imprimante"),
            (equipment.has_scanner, "scanner"),
            (equipment.is_step_free, "accessible"),
        ] {
            if has {
                values.set(name, "oui");
            }
        }
        if let Some(schedule) = WeeklySchedule::from_osm(&r.horaires) {
            values.fill_schedule(&schedule);
        }
        values
    }

    fn fill_schedule(&mut self, schedule: &WeeklySchedule) {
        for (day, ranges) in DAY_FIELDS.iter().zip(schedule.days.iter()) {
            for (index, (start, end)) in ranges.iter().enumerate().take(2) {
                self.set(
                    &format!("{day}_debut{}", index + 1),
                    start.format("%H:%M").to_string(),
                );
                self.set(
                    &format!("{day}_fin{}", index + 1),
                    end.format("%H:%M").to_string(),
                );
            }
        }
        if schedule.closed_on_public_holidays {
            self.set("feries_fermes", "oui");
        }
        let exceptions: Vec<String> = schedule
            .exceptions
            .iter()
            .map(|exception| {
                let date = exception.date.format("%d/%m/%Y");
                if exception.ranges.is_empty() {
                    format!("{date} fermé")
                } else {
                    let ranges: Vec<String> = exception
                        .ranges
                        .iter()
                        .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
                        .collect();
                    format!("{date} {}", ranges.join(" "))
                }
            })
            .collect();
        self.set("exceptions", exceptions.join("\n"));
    }
}

/// What the form produces when it is valid.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceFormOutput {
    pub data: PlaceData,
    pub organization_id: Option<i64>,
    pub kind: PlaceKind,
    pub visibility: Visibility,
}

/// French messages keyed by field name.
pub type FieldErrors = Vec<(String, String)>;

fn time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().replace('h', ":");
    let text = if text.ends_with(':') {
        format!("{text}00")
    } else {
        text
    };
    NaiveTime::parse_from_str(&text, "%H:%M").ok()
}

/// An end time of the grid. A browser's time field cannot hold 24:00, so the form shows
/// [`END_OF_DAY`] ("until midnight") as 23:59: read back, 23:59 is midnight again, or every
/// save would move such a closing time a minute earlier.
fn end_time(text: &str) -> Option<NaiveTime> {
    let last_minute = NaiveTime::from_hms_opt(23, 59, 0)?;
    time(text).map(|end| if end == last_minute { END_OF_DAY } else { end })
}

fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ',', ';', '|'])
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_web_address(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
}

/// Reads the weekly grid and the exceptions; errors name the day or date.
pub fn schedule_from_form(values: &FormValues, errors: &mut FieldErrors) -> WeeklySchedule {
    let mut schedule = WeeklySchedule {
        closed_on_public_holidays: !values.get("feries_fermes").is_empty(),
        ..WeeklySchedule::default()
    };
    for (index, day) in DAY_FIELDS.iter().enumerate() {
        for slot in 1..=2 {
            let start = values.get(&format!("{day}_debut{slot}"));
            let end = values.get(&format!("{day}_fin{slot}"));
            if start.is_empty() && end.is_empty() {
                continue;
            }
            match (time(start), end_time(end)) {
                (Some(start), Some(end)) => schedule.days[index].push((start, end)),
                _ => errors.push((
                    format!("{day}_debut{slot}"),
                    format!("{} : indiquez l'heure de début et l'heure de fin (par exemple 09:00 et 12:00).", capitalize(day)),
                )),
            }
        }
    }
    for line in values
        .get("exceptions")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let mut words = line.split_whitespace();
        let date = words
            .next()
            .and_then(|word| NaiveDate::parse_from_str(word, "%d/%m/%Y").ok())
            // "24/12/26" is a typing slip, not the year 26 (which OSM cannot even write).
            .filter(|date| SCHEDULE_YEARS.contains(&date.year()));
        let Some(date) = date else {
            errors.push((
                "exceptions".into(),
                format!("« {line} » : commencez par une date comme 24/12/2026."),
            ));
            continue;
        };
        let mut ranges = Vec::new();
        let mut ok = true;
        for word in words {
            if crate::text::fold(word).starts_with("ferme") {
                continue;
            }
            match word
                .split_once('-')
                .and_then(|(a, b)| Some((time(a)?, end_time(b)?)))
            {
                Some(range) => ranges.push(range),
                None => ok = false,
            }
        }
        if ok {
            schedule.exceptions.push(ScheduleException { date, ranges });
        } else {
            errors.push((
                "exceptions".into(),
                format!("« {line} » : écrivez « fermé » ou des heures comme 10:00-12:00."),
            ));
        }
    }
    if let Err(messages) = schedule.validate() {
        for message in messages {
            errors.push(("horaires".into(), message));
        }
    }
    schedule
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Checks the whole form. `may_choose_organization` is true for coordinators.
pub fn parse_place_form(
    values: &FormValues,
    organizations: &[i64],
    may_choose_organization: bool,
    current_organization: Option<i64>,
) -> Result<PlaceFormOutput, FieldErrors> {
    let mut errors: FieldErrors = Vec::new();
    let mut record = MediationRecord::default();
    let mut flags = Vec::new();
    let required = |field: &str, label: &str, errors: &mut FieldErrors| {
        let value = values.get(field);
        if value.is_empty() {
            errors.push((field.into(), format!("Indiquez {label}.")));
        }
        // Cut, then trimmed again: shown in the form and posted back, the value is trimmed.
        value
            .chars()
            .take(300)
            .collect::<String>()
            .trim_end()
            .to_owned()
    };
    record.nom = required("nom", "le nom du lieu", &mut errors);
    record.adresse = required("adresse", "l'adresse (numéro et rue)", &mut errors);
    record.commune = required("commune", "la commune", &mut errors);
    record.code_postal = values.get("code_postal").replace(' ', "");
    if !is_valid_postcode(&record.code_postal) {
        errors.push((
            "code_postal".into(),
            "Le code postal doit avoir 5 chiffres, par exemple 16000.".into(),
        ));
    }
    record.complement_adresse = values.get("complement_adresse").to_owned();
    record.code_insee = values.get("code_insee").to_uppercase();
    if !record.code_insee.is_empty() && !is_valid_insee_code(&record.code_insee) {
        errors.push((
            "code_insee".into(),
            "Le code INSEE a 5 caractères, par exemple 16015 ou 2A004.".into(),
        ));
    }
    record.pivot = values.get("pivot").replace([' ', '.'], "");
    if record.pivot.is_empty() {
        flags.push(QualityFlag::PivotMissing);
    } else if !is_valid_pivot(&record.pivot) {
        errors.push((
            "pivot".into(),
            "Le SIRET a 14 chiffres, le RNA commence par W suivi de 9 chiffres.".into(),
        ));
    }
    record.structure_parente = values.get("structure_parente").to_owned();
    let latitude = values.get("latitude").replace(',', ".");
    let longitude = values.get("longitude").replace(',', ".");
    match (latitude.is_empty(), longitude.is_empty()) {
        (true, true) => flags.push(QualityFlag::CoordinatesMissing),
        _ => match (latitude.parse::<f64>(), longitude.parse::<f64>()) {
            (Ok(lat), Ok(lon)) if is_in_france(lat, lon) => {
                record.latitude = Some(lat);
                record.longitude = Some(lon);
            }
            _ => errors.push((
                "latitude".into(),
                "La position doit être en France, en degrés décimaux (par exemple 45.65 et 0.15)."
                    .into(),
            )),
        },
    }
    let phone = values.get("telephone");
    if !phone.is_empty() {
        match normalize_phone(phone, &record.code_postal) {
            Some(normalized) => record.telephone = normalized,
            None => errors.push((
                "telephone".into(),
                "Le numéro de téléphone doit être un numéro français, par exemple 05 45 12 34 56."
                    .into(),
            )),
        }
    }
    record.courriels = split_list(values.get("courriels"));
    if record.courriels.iter().any(|email| {
        !email.contains('@')
            || email.contains(char::is_whitespace)
            || email.starts_with('@')
            || email.ends_with('@')
    }) {
        errors.push((
            "courriels".into(),
            "Une adresse de courriel n'est pas valable (exemple : accueil@mairie.fr).".into(),
        ));
    }
    record.site_web = split_list(values.get("site_web"));
    for (field, list) in [("site_web", &record.site_web)] {
        if list.iter().any(|site| !is_web_address(site)) {
            errors.push((
                field.into(),
                "Une adresse web doit commencer par https:// (exemple : https://mairie.fr).".into(),
            ));
        }
    }
    for field in ["fiche_acces_libre", "prise_rdv"] {
        let value = values.get(field);
        if !value.is_empty() && !is_web_address(value) {
            errors.push((
                field.into(),
                "Cette adresse web doit commencer par https://.".into(),
            ));
        }
    }
    record.fiche_acces_libre = values.get("fiche_acces_libre").to_owned();
    record.prise_rdv = values.get("prise_rdv").to_owned();
    record.presentation_resume = values.get("presentation_resume").to_owned();
    if record.presentation_resume.chars().count() > 280 {
        errors.push(("presentation_resume".into(), "Le résumé doit tenir en 280 caractères ; mettez la suite dans la présentation détaillée.".into()));
    }
    record.presentation_detail = values.get("presentation_detail").to_owned();
    record.autres_formations_labels = values.get("autres_formations_labels").to_owned();
    let mut lists: Vec<Vec<String>> = Vec::new();
    for (field, vocabulary) in VOCABULARY_FIELDS {
        lists.push(
            values
                .all(field)
                .iter()
                .filter_map(|value| vocabulary.from_slug(value))
                .map(str::to_owned)
                .collect(),
        );
    }
    let mut lists = lists.into_iter();
    let mut next = || lists.next().unwrap_or_default();
    record.services = next();
    record.publics_specifiquement_adresses = next();
    record.prise_en_charge_specifique = next();
    record.frais_a_charge = next();
    record.modalites_acces = next();
    record.modalites_accompagnement = next();
    record.dispositif_programmes_nationaux = next();
    record.itinerance = next();

    // Hours: the expert field wins when it was changed, otherwise the weekly grid. Hours the
    // grid cannot show (and that nobody touched) are kept as they are.
    let raw = values.get("horaires_osm");
    let origin = values.get("horaires_origine");
    if raw != origin {
        if let Err(error) = Hours::parse(raw)
            .map(|_| ())
            .or_else(|error| if raw.is_empty() { Ok(()) } else { Err(error) })
        {
            errors.push(("horaires_osm".into(), error.message));
        }
        record.horaires = raw.to_owned();
    } else {
        let schedule = schedule_from_form(values, &mut errors);
        let grid_is_empty = schedule == WeeklySchedule::default();
        record.horaires = if grid_is_empty && WeeklySchedule::from_osm(origin).is_none() {
            origin.to_owned()
        } else {
            schedule.to_osm()
        };
    }

    let computers = values.get("ordinateurs");
    let computers = if computers.is_empty() {
        None
    } else {
        match computers.parse::<i64>() {
            Ok(count) if (0..=1000).contains(&count) => Some(count),
            _ => {
                errors.push((
                    "ordinateurs".into(),
                    "Indiquez un nombre d'ordinateurs entre 0 et 1000.".into(),
                ));
                None
            }
        }
    };
    let equipment = Equipment {
        computers,
        has_wifi: !values.get("wifi").is_empty(),
        has_printer: !values.get("imprimante").is_empty(),
        has_scanner: !values.get("scanner").is_empty(),
        is_step_free: !values.get("accessible").is_empty(),
    };
    let kind = PlaceKind::parse(values.get("kind")).unwrap_or(PlaceKind::Mediation);
    let visibility = Visibility::parse(values.get("visibility")).unwrap_or(Visibility::Public);
    let organization_id = if may_choose_organization {
        let chosen = values.get("organization_id");
        if chosen.is_empty() {
            None
        } else {
            match chosen.parse::<i64>() {
                Ok(id) if organizations.contains(&id) => Some(id),
                _ => {
                    errors.push((
                        "organization_id".into(),
                        "Choisissez une structure de la liste.".into(),
                    ));
                    None
                }
            }
        }
    } else {
        current_organization
    };
    if errors.is_empty() {
        Ok(PlaceFormOutput {
            data: PlaceData {
                record,
                equipment,
                hours_note: String::new(),
                flags,
            },
            organization_id,
            kind,
            visibility,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::PlaceId;
    use chrono::{DateTime, Utc};

    fn place_with_hours(horaires: &str) -> Place {
        Place {
            id: PlaceId(1),
            organization_id: None,
            kind: PlaceKind::Mediation,
            visibility: Visibility::Public,
            record: MediationRecord {
                horaires: horaires.to_owned(),
                ..MediationRecord::default()
            },
            equipment: Equipment::default(),
            hours_note: String::new(),
            flags: Vec::new(),
            closures: Vec::new(),
            last_confirmed_at: None,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    /// Found by the `opening_hours` and `forms` fuzz targets: the grid showed "until midnight"
    /// as 23:59 (a time field cannot hold 24:00) and read it back as 23:59, so saving a place
    /// unchanged turned `Su 20:00-24:00` into `Su 20:00-23:59`.
    #[test]
    fn hours_until_midnight_survive_a_trip_through_the_weekly_grid() {
        for horaires in [
            "Mo,We,Fr 09:00-12:00; Th 13:30-18:45; Su 20:00-24:00",
            "Mo-Fr 09:00-24:00; PH off; 2026 Dec 31 20:00-24:00",
        ] {
            let values = FormValues::from_place(&place_with_hours(horaires));
            let mut errors = Vec::new();
            let schedule = schedule_from_form(&values, &mut errors);
            assert_eq!(errors, Vec::new());
            assert_eq!(schedule.to_osm(), horaires);
        }
    }

    /// Found by the `opening_hours` fuzz target: "24/12/26" was read as the year 26 and
    /// written `26 Dec 24 off`, which no opening-hours reader accepts (negative and five-digit
    /// years likewise).
    #[test]
    fn an_exception_date_needs_a_year_of_this_century() {
        for typed in ["24/12/26 fermé", "01/08/-1 fermé", "24/12/12026 fermé"] {
            let values = FormValues::from_pairs(vec![("exceptions".into(), typed.into())]);
            let mut errors = Vec::new();
            let schedule = schedule_from_form(&values, &mut errors);
            assert_eq!(schedule.exceptions, Vec::new(), "{typed}");
            assert_eq!(
                errors,
                vec![(
                    "exceptions".to_owned(),
                    format!("« {typed} » : commencez par une date comme 24/12/2026.")
                )]
            );
        }
        let values = FormValues::from_pairs(vec![("exceptions".into(), "24/12/2026 fermé".into())]);
        let mut errors = Vec::new();
        let schedule = schedule_from_form(&values, &mut errors);
        assert_eq!(errors, Vec::new());
        assert_eq!(schedule.to_osm(), "2026 Dec 24 off");
    }

    /// Found by the `forms` fuzz target: a name or address longer than 300 characters was
    /// cut just before a space and kept with it; shown again and saved unchanged, the trimmed
    /// value differed from the stored one.
    #[test]
    fn a_long_value_cut_before_a_space_is_saved_again_unchanged() {
        let long = format!("{} fin", "a".repeat(299));
        let values = FormValues::from_pairs(vec![
            ("nom".into(), long.clone()),
            ("adresse".into(), long),
            ("commune".into(), "Cognac".into()),
            ("code_postal".into(), "16100".into()),
        ]);
        let output = parse_place_form(&values, &[], false, None).unwrap();
        assert_eq!(output.data.record.nom, "a".repeat(299));
        let place = Place {
            record: output.data.record.clone(),
            ..place_with_hours("")
        };
        let again = parse_place_form(&FormValues::from_place(&place), &[], false, None).unwrap();
        assert_eq!(again.data.record, output.data.record);
    }
}
