//! What the directory pages show, computed from places, the search index and the clock.

use super::hours::{self, Hours};
use super::model::Place;
use super::paper_map::PaperMap;
use super::search::{DayPart, EquipmentFilter, Hit, PlaceFilter, SearchResults};
use super::vocab;
use crate::text::slug;
use crate::web::PageContext;
use askama::Template;
use chrono::{DateTime, Utc, Weekday};

/// "+33545123456" → "05 45 12 34 56"; other prefixes stay international.
pub fn display_phone(phone: &str) -> String {
    match phone.strip_prefix("+33") {
        Some(rest) if rest.len() == 9 => {
            let digits = format!("0{rest}");
            digits
                .as_bytes()
                .chunks(2)
                .map(|pair| String::from_utf8_lossy(pair).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => phone.to_owned(),
    }
}

pub const WEEKDAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "lundi", "lundi"),
    (Weekday::Tue, "mardi", "mardi"),
    (Weekday::Wed, "mercredi", "mercredi"),
    (Weekday::Thu, "jeudi", "jeudi"),
    (Weekday::Fri, "vendredi", "vendredi"),
    (Weekday::Sat, "samedi", "samedi"),
    (Weekday::Sun, "dimanche", "dimanche"),
];

/// One checkbox or option of the search form.
pub struct FilterOption {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

fn options(vocabulary: &vocab::Vocabulary, chosen: &[&str]) -> Vec<FilterOption> {
    vocabulary
        .values
        .iter()
        .map(|value| FilterOption {
            value: slug(value),
            label: (*value).to_owned(),
            checked: chosen.contains(value),
        })
        .collect()
}

/// A search result as the list shows it.
pub struct ResultRow {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub services: String,
    pub status: String,
    pub distance: Option<String>,
    pub is_partner: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

pub fn distance_text(metres: f64) -> String {
    if metres < 1000.0 {
        format!("{} m", (metres / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", metres / 1000.0).replace('.', ",")
    }
}

pub fn status_sentence(horaires: &str, now: DateTime<Utc>) -> String {
    match Hours::parse(horaires) {
        Ok(hours) => hours::describe_status(&hours.status_at(now), now),
        Err(_) => String::new(),
    }
}

fn result_row(hit: &Hit<'_>) -> ResultRow {
    let place = &hit.place;
    ResultRow {
        id: place.id.0,
        name: place.nom().to_owned(),
        address: format!(
            "{}, {} {}",
            place.adresse(),
            place.code_postal(),
            place.commune()
        ),
        services: place.services().join(", "),
        status: hit.status.clone(),
        distance: hit.distance_m.map(distance_text),
        is_partner: place.is_partner,
        latitude: place.latitude,
        longitude: place.longitude,
    }
}

/// The `data-points` of a map: `[{"id", "nom", "lat", "lon"}]`, places without coordinates
/// left out. `map.js` reads it; the list on the page stays the reference.
pub fn map_points<'a>(
    places: impl Iterator<Item = (i64, &'a str, Option<f64>, Option<f64>)>,
) -> String {
    let points = places
        .filter_map(|(id, name, latitude, longitude)| {
            Some(serde_json::json!({
                "id": id,
                "nom": name,
                "lat": latitude?,
                "lon": longitude?,
            }))
        })
        .collect();
    serde_json::Value::Array(points).to_string()
}

#[derive(Template)]
#[template(path = "places/search.html")]
pub struct SearchPage {
    pub ctx: PageContext,
    pub text: String,
    pub commune: String,
    pub radius: String,
    pub services: Vec<FilterOption>,
    pub publics: Vec<FilterOption>,
    pub support_modes: Vec<FilterOption>,
    pub equipment: Vec<FilterOption>,
    pub days: Vec<FilterOption>,
    pub parts: Vec<FilterOption>,
    pub free_only: bool,
    pub open_now: bool,
    pub total: usize,
    pub rows: Vec<ResultRow>,
    pub unknown_commune: bool,
    pub has_search: bool,
    pub previous_page: Option<String>,
    pub next_page: Option<String>,
    pub page: usize,
    pub pages: usize,
    pub print_link: String,
    pub pdf_link: String,
    pub tile_url: String,
    pub tile_attribution: String,
    pub map_points: String,
    /// The person's position when the search is around it (kept in the form), else empty.
    pub latitude: String,
    pub longitude: String,
}

impl SearchPage {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        ctx: PageContext,
        filter: &PlaceFilter,
        results: &SearchResults<'_>,
        query_string: &str,
        page_link: impl Fn(usize) -> String,
        tile_url: &str,
        tile_attribution: &str,
    ) -> Self {
        let rows: Vec<ResultRow> = results.hits.iter().map(result_row).collect();
        let pages = results.total.div_ceil(filter.per_page.max(1)).max(1);
        let page = filter.page.max(1);
        let map_points = map_points(
            rows.iter()
                .map(|row| (row.id, row.name.as_str(), row.latitude, row.longitude)),
        );
        let (latitude, longitude) = filter
            .point
            .map(|(lat, lon)| (lat.to_string(), lon.to_string()))
            .unwrap_or_default();
        SearchPage {
            ctx,
            text: filter.text.clone(),
            commune: filter.commune.clone(),
            radius: filter
                .radius_km
                .map(|km| km.to_string())
                .unwrap_or_default(),
            services: options(&vocab::SERVICES, &filter.services),
            publics: options(&vocab::PUBLICS, &filter.publics),
            support_modes: options(&vocab::SUPPORT_MODES, &filter.support_modes),
            equipment: EquipmentFilter::ALL
                .iter()
                .map(|item| FilterOption {
                    value: item.slug().to_owned(),
                    label: String::new(),
                    checked: filter.equipment.contains(item),
                })
                .collect(),
            days: WEEKDAYS
                .iter()
                .map(|(weekday, value, label)| FilterOption {
                    value: (*value).to_owned(),
                    label: (*label).to_owned(),
                    checked: filter.open_on.is_some_and(|(day, _)| day == *weekday),
                })
                .collect(),
            parts: [DayPart::Morning, DayPart::Afternoon, DayPart::WholeDay]
                .iter()
                .map(|part| FilterOption {
                    value: part.slug().to_owned(),
                    label: String::new(),
                    checked: filter.open_on.is_some_and(|(_, chosen)| chosen == *part),
                })
                .collect(),
            free_only: filter.free_only,
            open_now: filter.open_now,
            total: results.total,
            rows,
            unknown_commune: results.unknown_commune,
            has_search: !query_string.is_empty(),
            previous_page: (page > 1).then(|| page_link(page - 1)),
            next_page: (page < pages).then(|| page_link(page + 1)),
            page,
            pages,
            print_link: print_link(query_string),
            pdf_link: print_pdf_link(query_string),
            tile_url: tile_url.to_owned(),
            tile_attribution: tile_attribution.to_owned(),
            map_points,
            latitude,
            longitude,
        }
    }

    pub fn has_filters(&self) -> bool {
        self.free_only
            || self.open_now
            || [
                &self.services,
                &self.publics,
                &self.support_modes,
                &self.equipment,
                &self.days,
            ]
            .iter()
            .any(|options| options.iter().any(|option| option.checked))
    }

    pub fn equipment_label(&self, value: &str) -> String {
        self.ctx.t(&format!("places-equipment-{value}"))
    }

    pub fn part_label(&self, value: &str) -> String {
        self.ctx.t(&format!("places-part-{value}"))
    }
}

/// A temporary closure as the public reads it.
pub struct ClosureLine {
    pub dates: String,
    pub message: String,
    pub is_current: bool,
}

#[derive(Template)]
#[template(path = "places/show.html")]
pub struct PlacePage {
    pub ctx: PageContext,
    pub place: Place,
    pub status: String,
    pub hours_lines: Vec<String>,
    pub has_holiday_rule: bool,
    pub closures: Vec<ClosureLine>,
    pub phone: String,
    pub equipment: Vec<String>,
    pub confirmed_on: String,
    pub can_edit: bool,
    pub tile_url: String,
    pub tile_attribution: String,
    pub map_points: String,
    /// The coming permanences of the place and the half-day rule.
    pub permanences: Option<crate::permanences::views::PlaceSection>,
    /// Coming workshops at this place: `(id, title, first date, level)`.
    pub workshops: Vec<(i64, String, String, &'static str)>,
}

pub fn french_date(day: chrono::NaiveDate) -> String {
    use crate::i18n::MONTHS;
    use chrono::Datelike;
    let month = MONTHS[day.month0() as usize];
    format!("{} {} {}", day.day(), month, day.year())
}

/// Lines of a week of opening hours, or nothing when the hours cannot be read.
pub fn hours_lines(horaires: &str, now: DateTime<Utc>) -> Vec<String> {
    match Hours::parse(horaires) {
        Ok(hours) => {
            let week_of = now.with_timezone(&hours::TIME_ZONE).date_naive();
            hours::describe_week(&hours.typical_week(week_of))
        }
        Err(_) => Vec::new(),
    }
}

impl PlacePage {
    pub fn new(
        ctx: PageContext,
        place: Place,
        now: DateTime<Utc>,
        can_edit: bool,
        tile_url: &str,
        tile_attribution: &str,
    ) -> Self {
        let today = now.with_timezone(&hours::TIME_ZONE).date_naive();
        let closures = place
            .closures
            .iter()
            .filter(|closure| closure.ends_on >= today)
            .map(|closure| ClosureLine {
                dates: if closure.starts_on == closure.ends_on {
                    format!("le {}", french_date(closure.starts_on))
                } else {
                    format!(
                        "du {} au {}",
                        french_date(closure.starts_on),
                        french_date(closure.ends_on)
                    )
                },
                message: closure.message.clone(),
                is_current: closure.covers(today),
            })
            .collect::<Vec<_>>();
        let is_closed_now = closures.iter().any(|closure| closure.is_current);
        let status = if is_closed_now {
            ctx.t("places-closed-temporarily")
        } else {
            status_sentence(&place.record.horaires, now)
        };
        let equipment_key = |key: &str| ctx.t(&format!("places-equipment-{key}"));
        let mut equipment = Vec::new();
        if let Some(count) = place.equipment.computers.filter(|count| *count > 0) {
            equipment.push(ctx.t1("places-computers-count", "count", count));
        }
        for (has, key) in [
            (place.equipment.has_wifi, "wifi"),
            (place.equipment.has_printer, "imprimante"),
            (place.equipment.has_scanner, "scanner"),
            (place.equipment.is_step_free, "accessible"),
        ] {
            if has {
                equipment.push(equipment_key(key));
            }
        }
        let map_points = map_points(std::iter::once((
            place.id.0,
            place.record.nom.as_str(),
            place.record.latitude,
            place.record.longitude,
        )));
        PlacePage {
            map_points,
            hours_lines: hours_lines(&place.record.horaires, now),
            has_holiday_rule: place.record.horaires.contains("PH off"),
            phone: display_phone(&place.record.telephone),
            confirmed_on: place
                .last_confirmed_at
                .map(|at| french_date(at.date_naive()))
                .or_else(|| place.record.date_maj.map(french_date))
                .unwrap_or_default(),
            ctx,
            place,
            status,
            closures,
            equipment,
            can_edit,
            tile_url: tile_url.to_owned(),
            tile_attribution: tile_attribution.to_owned(),
            permanences: None,
            workshops: Vec::new(),
        }
    }

    pub fn has_coordinates(&self) -> bool {
        self.place.record.latitude.is_some() && self.place.record.longitude.is_some()
    }
}

/// Links to the paper map of a search, as a page and as a PDF: `query` is the search's query
/// string without the page number (may be empty).
pub fn print_link(query: &str) -> String {
    with_query("/lieux/imprimer", query)
}

pub fn print_pdf_link(query: &str) -> String {
    with_query("/lieux/imprimer.pdf", query)
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[derive(Template)]
#[template(path = "places/print.html")]
pub struct PrintPage {
    pub ctx: PageContext,
    pub map: PaperMap,
    pub pdf_link: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_distances_read_the_french_way() {
        assert_eq!(display_phone("+33545123456"), "05 45 12 34 56");
        assert_eq!(display_phone("+262262123456"), "+262262123456");
        assert_eq!(distance_text(430.0), "430 m");
        assert_eq!(distance_text(2345.0), "2,3 km");
    }

    #[test]
    fn dates_are_written_in_french() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap_or_default();
        assert_eq!(french_date(day), "1 août 2026");
    }
}

// --- Staff pages ---

pub struct ManageRow {
    pub id: i64,
    pub name: String,
    pub commune: String,
    pub age: String,
    pub is_stale: bool,
    pub flags: usize,
    pub is_hidden: bool,
}

fn age_text(age_days: Option<i64>) -> String {
    match age_days {
        None => "jamais vérifié".to_owned(),
        Some(0) => "aujourd'hui".to_owned(),
        Some(1) => "hier".to_owned(),
        Some(days) if days < 60 => format!("il y a {days} jours"),
        Some(days) => format!("il y a {} mois", days / 30),
    }
}

impl ManageRow {
    pub fn new(place: &Place, age_days: Option<i64>) -> Self {
        ManageRow {
            id: place.id.0,
            name: place.record.nom.clone(),
            commune: format!("{} {}", place.record.code_postal, place.record.commune),
            age: age_text(age_days),
            is_stale: age_days.is_none_or(|age| age > super::STALE_AFTER_DAYS),
            flags: place.flags.len(),
            is_hidden: place.visibility == super::Visibility::Hidden,
        }
    }
}

#[derive(Template)]
#[template(path = "places/manage.html")]
pub struct ManagePage {
    pub ctx: PageContext,
    pub q: String,
    pub total: usize,
    pub rows: Vec<ManageRow>,
}

pub struct FreshnessRow {
    pub id: i64,
    pub name: String,
    pub commune: String,
    pub age_days: Option<i64>,
    pub age: String,
    pub is_stale: bool,
    pub ask: String,
}

impl FreshnessRow {
    pub fn new(place: &Place, age_days: Option<i64>, ask: String) -> Self {
        FreshnessRow {
            id: place.id.0,
            name: place.record.nom.clone(),
            commune: format!("{} {}", place.record.code_postal, place.record.commune),
            age_days,
            age: age_text(age_days),
            is_stale: age_days.is_none_or(|age| age > super::STALE_AFTER_DAYS),
            ask,
        }
    }
}

#[derive(Template)]
#[template(path = "places/freshness.html")]
pub struct FreshnessPage {
    pub ctx: PageContext,
    pub stale: usize,
    pub total: usize,
    pub rows: Vec<FreshnessRow>,
}

/// One day of the weekly hours grid.
pub struct DayRow {
    pub field: &'static str,
    pub label: String,
}

/// One group of checkboxes from a list of the standard.
pub struct CheckGroup {
    pub field: &'static str,
    pub legend: String,
    pub options: Vec<FilterOption>,
}

#[derive(Template)]
#[template(path = "places/edit.html")]
pub struct PlaceFormPage {
    pub ctx: PageContext,
    pub place_id: Option<i64>,
    pub title: String,
    pub values: super::form::FormValues,
    pub errors: Vec<(String, String)>,
    pub organizations: Vec<crate::organizations::Organization>,
    pub groups: Vec<CheckGroup>,
    pub days: Vec<DayRow>,
    pub closures: Vec<super::Closure>,
    pub flags: Vec<String>,
    pub hours_note: String,
}

impl PlaceFormPage {
    pub fn new(
        ctx: PageContext,
        place: Option<&Place>,
        values: super::form::FormValues,
        errors: Vec<(String, String)>,
        organizations: Vec<crate::organizations::Organization>,
    ) -> Self {
        let groups = super::form::VOCABULARY_FIELDS
            .iter()
            .map(|(field, vocabulary)| CheckGroup {
                field,
                legend: ctx.t(&format!("places-form-{}", field.replace('_', "-"))),
                options: vocabulary
                    .values
                    .iter()
                    .map(|value| FilterOption {
                        value: slug(value),
                        label: (*value).to_owned(),
                        checked: values.has(field, &slug(value)),
                    })
                    .collect(),
            })
            .collect();
        let days = super::form::DAY_FIELDS
            .iter()
            .map(|field| DayRow {
                field,
                label: (*field).to_owned(),
            })
            .collect();
        PlaceFormPage {
            title: match place {
                Some(place) => place.record.nom.clone(),
                None => ctx.t("places-form-new-title"),
            },
            place_id: place.map(|place| place.id.0),
            closures: place
                .map(|place| place.closures.clone())
                .unwrap_or_default(),
            flags: place
                .map(|place| {
                    place
                        .flags
                        .iter()
                        .map(|flag| ctx.t(&format!("places-flag-{}", flag.code())))
                        .collect()
                })
                .unwrap_or_default(),
            hours_note: place
                .map(|place| place.hours_note.clone())
                .unwrap_or_default(),
            ctx,
            values,
            errors,
            organizations,
            groups,
            days,
        }
    }

    pub fn value(&self, name: &str) -> String {
        self.values.get(name).to_owned()
    }

    pub fn has_value(&self, name: &str) -> bool {
        !self.values.get(name).is_empty()
    }

    pub fn is(&self, name: &str, value: &str) -> bool {
        self.values.get(name) == value
    }

    pub fn error(&self, name: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .errors
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    pub fn date(&self, day: &chrono::NaiveDate) -> String {
        french_date(*day)
    }
}

/// One place as the duplicates board shows it.
pub struct DuplicateSide {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub source: String,
    pub services: usize,
    pub updated: String,
    pub is_hidden: bool,
}

impl DuplicateSide {
    pub fn new(place: &Place) -> Self {
        let record = &place.record;
        let address = [
            record.adresse.as_str(),
            record.complement_adresse.as_str(),
            &format!("{} {}", record.code_postal, record.commune),
        ]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        Self {
            id: place.id.0,
            name: record.nom.clone(),
            address,
            phone: display_phone(&record.telephone),
            source: record.source.clone(),
            services: record.services.len(),
            updated: french_date(
                place
                    .updated_at
                    .with_timezone(&hours::TIME_ZONE)
                    .date_naive(),
            ),
            is_hidden: place.visibility == super::Visibility::Hidden,
        }
    }
}

/// One candidate pair.
pub struct DuplicateRow {
    pub first: DuplicateSide,
    pub second: DuplicateSide,
    pub reasons: Vec<String>,
    pub distance: Option<i64>,
}

#[derive(Template)]
#[template(path = "places/duplicates.html")]
pub struct DuplicatesPage {
    pub ctx: PageContext,
    pub total: usize,
    pub rows: Vec<DuplicateRow>,
}

/// One line of the merge preview: a column whose value the kept place takes from the other.
pub struct FilledField {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "places/merge.html")]
pub struct MergePage {
    pub ctx: PageContext,
    pub keep: DuplicateSide,
    pub remove: DuplicateSide,
    pub filled: Vec<FilledField>,
}

impl DuplicateRow {
    pub fn sides(&self) -> [&DuplicateSide; 2] {
        [&self.first, &self.second]
    }
}

/// Plain-French label of a column of the standard, for staff pages.
pub fn column_label(ctx: &PageContext, column: &str) -> String {
    let key = match column {
        "pivot" => "places-form-pivot",
        "nom" => "places-form-name",
        "commune" => "places-form-commune",
        "code_postal" => "places-form-postcode",
        "code_insee" => "places-form-insee",
        "adresse" => "places-form-address",
        "complement_adresse" => "places-form-address2",
        "latitude" => "places-form-latitude",
        "longitude" => "places-form-longitude",
        "telephone" => "places-form-phone",
        "courriels" => "places-form-emails",
        "site_web" => "places-form-websites",
        "horaires" => "places-form-osm",
        "presentation_resume" => "places-form-summary",
        "presentation_detail" => "places-form-detail",
        "itinerance" => "places-form-itinerance",
        "structure_parente" => "places-form-parent",
        "services" => "places-form-services",
        "publics_specifiquement_adresses" => "places-form-publics",
        "prise_en_charge_specifique" => "places-form-prise-en-charge",
        "frais_a_charge" => "places-form-frais",
        "dispositif_programmes_nationaux" => "places-form-dispositifs",
        "autres_formations_labels" => "places-form-other-labels",
        "modalites_acces" => "places-form-modalites-acces",
        "modalites_accompagnement" => "places-form-modalites-accompagnement",
        "fiche_acces_libre" => "places-form-accessibility",
        "prise_rdv" => "places-form-appointment",
        other => return ctx.t1("places-merge-other-column", "column", other),
    };
    ctx.t(key)
}
