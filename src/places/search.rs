//! The in-memory search index of public places: folded-word postings with prefix and typo
//! tolerance, bit sets for the standard's value lists, a quarter-hour week mask per place, and
//! coordinates. Rebuilt from the database when the directory revision changes (ADR 0005).

use super::hours::{Hours, OpenStatus, WeekMask};
use super::model::{Place, PlaceId, PlaceKind, Visibility, distance_m};
use super::response_cache::ResponseCache;
use super::vocab::{self, Vocabulary};
use crate::text::{bounded_edit_distance, fold, tokens};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// Words too common to tell places apart.
const STOP_WORDS: [&str; 16] = [
    "de", "la", "le", "les", "du", "des", "et", "a", "au", "aux", "en", "d", "l", "un", "une",
    "pour",
];

/// What a search result shows, shared by the HTML pages and the JSON API.
#[derive(Clone, Debug, Serialize)]
pub struct PlaceSummary {
    pub id: PlaceId,
    pub nom: String,
    pub adresse: String,
    pub code_postal: String,
    pub commune: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Values of the standard's lists, borrowed from `vocab` (no copy per place).
    pub services: Vec<&'static str>,
    pub frais_a_charge: Vec<&'static str>,
    pub modalites_accompagnement: Vec<&'static str>,
    pub telephone: String,
    pub horaires: String,
    pub is_partner: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EquipmentFilter {
    Computers,
    Wifi,
    Printer,
    Scanner,
    StepFree,
}

impl EquipmentFilter {
    pub const ALL: [EquipmentFilter; 5] = [
        EquipmentFilter::Computers,
        EquipmentFilter::Wifi,
        EquipmentFilter::Printer,
        EquipmentFilter::Scanner,
        EquipmentFilter::StepFree,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            EquipmentFilter::Computers => "ordinateurs",
            EquipmentFilter::Wifi => "wifi",
            EquipmentFilter::Printer => "imprimante",
            EquipmentFilter::Scanner => "scanner",
            EquipmentFilter::StepFree => "accessible",
        }
    }
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|item| item.slug() == slug)
    }
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Part of a day, for "open on Tuesday morning".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    WholeDay,
}

impl DayPart {
    pub fn slug(self) -> &'static str {
        match self {
            DayPart::Morning => "matin",
            DayPart::Afternoon => "apres-midi",
            DayPart::WholeDay => "journee",
        }
    }
    pub fn from_slug(slug: &str) -> Option<Self> {
        [DayPart::Morning, DayPart::Afternoon, DayPart::WholeDay]
            .into_iter()
            .find(|part| part.slug() == slug)
    }
    /// Local time range: morning 8 h – 12 h 30, afternoon 13 h 30 – 19 h.
    pub fn range(self) -> (NaiveTime, NaiveTime) {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        match self {
            DayPart::Morning => (at(8, 0), at(12, 30)),
            DayPart::Afternoon => (at(13, 30), at(19, 0)),
            DayPart::WholeDay => (at(0, 0), at(23, 59)),
        }
    }
}

/// A parsed search: what the URL says, validated.
#[derive(Clone, Debug, Default)]
pub struct PlaceFilter {
    pub text: String,
    /// A commune name or a postcode.
    pub commune: String,
    /// A point chosen by the person (browser location).
    pub point: Option<(f64, f64)>,
    /// Radius around the point or the commune's centre, in kilometres.
    pub radius_km: Option<f64>,
    pub services: Vec<&'static str>,
    pub publics: Vec<&'static str>,
    pub support_modes: Vec<&'static str>,
    pub equipment: Vec<EquipmentFilter>,
    pub free_only: bool,
    pub open_now: bool,
    pub open_on: Option<(Weekday, DayPart)>,
    pub page: usize,
    /// At least 1. Addresses ask for 100 at most (`SearchQuery::to_filter`); the paper map
    /// asks for every place with `usize::MAX`.
    pub per_page: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub place: Arc<PlaceSummary>,
    pub distance_m: Option<f64>,
    /// Open or closed now, in plain French (empty when the hours cannot be read).
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The centre used for distances, with its label ("Angoulême").
    pub centre: Option<(f64, f64)>,
    /// The commune asked for is not in the directory.
    pub unknown_commune: bool,
}

struct Entry {
    summary: Arc<PlaceSummary>,
    services: u16,
    publics: u16,
    support_modes: u16,
    equipment: u8,
    is_free: bool,
    /// Shared by every place with the same opening hours.
    hours: Option<Arc<HoursInfo>>,
    closures: Vec<(NaiveDate, NaiveDate)>,
}

/// Parsed opening hours, their typical week, and the last status computed from them (valid
/// until the next opening or closing, so most requests format a cached status).
struct HoursInfo {
    hours: Hours,
    mask: WeekMask,
    status: Mutex<Option<(NaiveDateTime, NaiveDateTime, OpenStatus)>>,
}

impl HoursInfo {
    fn status_at(&self, now: DateTime<Utc>) -> OpenStatus {
        let local = now.with_timezone(&super::hours::TIME_ZONE).naive_local();
        if let Ok(cached) = self.status.lock()
            && let Some((from, until, status)) = cached.as_ref()
            && *from <= local
            && local < *until
        {
            return status.clone();
        }
        let status = self.hours.status_at(now);
        let hour_later = local + chrono::Duration::hours(1);
        let until = match &status {
            OpenStatus::Open {
                closes_at: Some(at),
            }
            | OpenStatus::Closed { opens_at: Some(at) } => *at,
            _ => hour_later,
        };
        if let Ok(mut cached) = self.status.lock() {
            *cached = Some((local, until, status.clone()));
        }
        status
    }
}

/// A commune of the directory: its places are the documents `start..end` (documents are
/// sorted by folded commune, then name), and the mean of their positions.
struct CommuneInfo {
    start: u32,
    end: u32,
    centre: Option<(f64, f64)>,
}

/// One immutable build of the index.
pub struct Snapshot {
    revision: i64,
    entries: Vec<Entry>,
    terms: HashMap<String, u32>,
    term_texts: Vec<String>,
    /// Term ids in the order of their text, for prefix matches.
    sorted_terms: Vec<u32>,
    terms_by_length: Vec<Vec<u32>>,
    postings: Vec<Vec<(u32, f32)>>,
    communes: HashMap<String, CommuneInfo>,
    by_postcode: HashMap<String, Vec<u32>>,
    /// Documents with coordinates, by grid cell of `CELL_DEGREES`.
    cells: HashMap<(i32, i32), Vec<u32>>,
}

/// Size of a cell of the spatial grid (about 5.5 km north–south).
const CELL_DEGREES: f64 = 0.05;

fn cell_of(latitude: f64, longitude: f64) -> (i32, i32) {
    (
        (latitude / CELL_DEGREES).floor() as i32,
        (longitude / CELL_DEGREES).floor() as i32,
    )
}

fn bits(vocabulary: &Vocabulary, values: &[String]) -> u16 {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().position(|known| known == value))
        .fold(0, |acc, index| acc | (1 << index))
}

/// The values of `values` that `vocabulary` knows, as its own static strings.
fn known(vocabulary: &Vocabulary, values: &[String]) -> Vec<&'static str> {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().find(|known| *known == value))
        .copied()
        .collect()
}

fn wanted_bits(vocabulary: &Vocabulary, values: &[&str]) -> u16 {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().position(|known| known == value))
        .fold(0, |acc, index| acc | (1 << index))
}

/// Builds a snapshot one place at a time, so that the whole directory never has to be held
/// in memory as `Place` values (see `refresh_index`).
pub struct SnapshotBuilder {
    revision: i64,
    week_of: NaiveDate,
    entries: Vec<Entry>,
    /// (folded commune, folded name) of each entry, for the final order.
    sort_keys: Vec<(String, String)>,
    terms: HashMap<String, u32>,
    term_texts: Vec<String>,
    postings: Vec<Vec<(u32, f32)>>,
    hours: HashMap<String, Option<Arc<HoursInfo>>>,
}

impl SnapshotBuilder {
    /// `week_of` fixes the typical week of the opening hours.
    pub fn new(revision: i64, week_of: NaiveDate) -> Self {
        Self {
            revision,
            week_of,
            entries: Vec::new(),
            sort_keys: Vec::new(),
            terms: HashMap::new(),
            term_texts: Vec::new(),
            postings: Vec::new(),
            hours: HashMap::new(),
        }
    }

    fn term_id(&mut self, token: String) -> u32 {
        if let Some(id) = self.terms.get(&token) {
            return *id;
        }
        let id = self.postings.len() as u32;
        self.postings.push(Vec::new());
        self.term_texts.push(token.clone());
        self.terms.insert(token, id);
        id
    }

    fn hours_info(&mut self, raw: &str) -> Option<Arc<HoursInfo>> {
        if let Some(found) = self.hours.get(raw) {
            return found.clone();
        }
        let info = Hours::parse(raw).ok().map(|hours| {
            Arc::new(HoursInfo {
                mask: hours.week_mask(self.week_of),
                hours,
                status: Mutex::new(None),
            })
        });
        self.hours.insert(raw.to_owned(), info.clone());
        info
    }

    /// Adds a place (places hidden from the public are left out).
    pub fn add(&mut self, place: &Place) {
        if place.visibility != Visibility::Public {
            return;
        }
        let record = &place.record;
        let doc = self.entries.len() as u32;
        let fields: [(&str, f32); 7] = [
            (&record.nom, 3.0),
            (&record.commune, 2.0),
            (&record.code_postal, 2.0),
            (&record.adresse, 1.0),
            (&record.presentation_resume, 0.5),
            (&record.services.join(" "), 1.0),
            (&record.dispositif_programmes_nationaux.join(" "), 1.0),
        ];
        let mut weights: HashMap<String, f32> = HashMap::new();
        for (text, weight) in fields {
            for token in tokens(text) {
                let entry = weights.entry(token).or_insert(0.0);
                *entry = entry.max(weight);
            }
        }
        for (token, weight) in weights {
            let term = self.term_id(token);
            self.postings[term as usize].push((doc, weight));
        }
        let equipment = &place.equipment;
        let mut equipment_bits = 0;
        for (has, filter) in [
            (
                equipment.computers.unwrap_or(0) > 0,
                EquipmentFilter::Computers,
            ),
            (equipment.has_wifi, EquipmentFilter::Wifi),
            (equipment.has_printer, EquipmentFilter::Printer),
            (equipment.has_scanner, EquipmentFilter::Scanner),
            (equipment.is_step_free, EquipmentFilter::StepFree),
        ] {
            if has {
                equipment_bits |= filter.bit();
            }
        }
        let hours = self.hours_info(&record.horaires);
        self.sort_keys
            .push((fold(&record.commune), fold(&record.nom)));
        self.entries.push(Entry {
            summary: Arc::new(PlaceSummary {
                id: place.id,
                nom: record.nom.clone(),
                adresse: record.adresse.clone(),
                code_postal: record.code_postal.clone(),
                commune: record.commune.clone(),
                latitude: record.latitude,
                longitude: record.longitude,
                services: known(&vocab::SERVICES, &record.services),
                frais_a_charge: known(&vocab::FEES, &record.frais_a_charge),
                modalites_accompagnement: known(
                    &vocab::SUPPORT_MODES,
                    &record.modalites_accompagnement,
                ),
                telephone: record.telephone.clone(),
                horaires: record.horaires.clone(),
                is_partner: place.kind == PlaceKind::Partner,
            }),
            services: bits(&vocab::SERVICES, &record.services),
            publics: bits(&vocab::PUBLICS, &record.publics_specifiquement_adresses),
            support_modes: bits(&vocab::SUPPORT_MODES, &record.modalites_accompagnement),
            equipment: equipment_bits,
            is_free: record.is_free(),
            hours,
            closures: place
                .closures
                .iter()
                .map(|closure| (closure.starts_on, closure.ends_on))
                .collect(),
        });
    }

    /// Orders the documents by commune and name and builds the lookup tables.
    pub fn finish(self) -> Snapshot {
        let SnapshotBuilder {
            revision,
            entries,
            sort_keys,
            terms,
            term_texts,
            mut postings,
            ..
        } = self;
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by(|a, b| sort_keys[*a as usize].cmp(&sort_keys[*b as usize]));
        // new_of[old document] = new document.
        let mut new_of = vec![0u32; order.len()];
        for (new, old) in order.iter().enumerate() {
            new_of[*old as usize] = new as u32;
        }
        let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
        let entries: Vec<Entry> = order
            .iter()
            .filter_map(|old| slots[*old as usize].take())
            .collect();
        for list in &mut postings {
            for (doc, _) in list.iter_mut() {
                *doc = new_of[*doc as usize];
            }
            list.sort_unstable_by_key(|(doc, _)| *doc);
        }
        let mut communes: HashMap<String, CommuneInfo> = HashMap::new();
        let mut sums: HashMap<String, (f64, f64, f64)> = HashMap::new();
        let mut by_postcode: HashMap<String, Vec<u32>> = HashMap::new();
        let mut cells: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
        for (doc, old) in order.iter().enumerate() {
            let doc = doc as u32;
            let commune = &sort_keys[*old as usize].0;
            let summary = &entries[doc as usize].summary;
            match communes.get_mut(commune) {
                Some(info) => info.end = doc + 1,
                None => {
                    communes.insert(
                        commune.clone(),
                        CommuneInfo {
                            start: doc,
                            end: doc + 1,
                            centre: None,
                        },
                    );
                }
            }
            if !summary.code_postal.is_empty() {
                by_postcode
                    .entry(summary.code_postal.clone())
                    .or_default()
                    .push(doc);
            }
            if let (Some(lat), Some(lon)) = (summary.latitude, summary.longitude) {
                cells.entry(cell_of(lat, lon)).or_default().push(doc);
                let sum = sums.entry(commune.clone()).or_insert((0.0, 0.0, 0.0));
                sum.0 += lat;
                sum.1 += lon;
                sum.2 += 1.0;
            }
        }
        for (commune, (lat, lon, n)) in sums {
            if let Some(info) = communes.get_mut(&commune) {
                info.centre = Some((lat / n, lon / n));
            }
        }
        let mut sorted_terms: Vec<u32> = (0..term_texts.len() as u32).collect();
        sorted_terms.sort_unstable_by(|a, b| term_texts[*a as usize].cmp(&term_texts[*b as usize]));
        let mut terms_by_length: Vec<Vec<u32>> = Vec::new();
        for id in &sorted_terms {
            let length = term_texts[*id as usize].chars().count();
            if terms_by_length.len() <= length {
                terms_by_length.resize(length + 1, Vec::new());
            }
            terms_by_length[length].push(*id);
        }
        Snapshot {
            revision,
            entries,
            terms,
            term_texts,
            sorted_terms,
            terms_by_length,
            postings,
            communes,
            by_postcode,
            cells,
        }
    }
}

impl Snapshot {
    pub fn revision(&self) -> i64 {
        self.revision
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Builds the index of the public places among `places`; `week_of` fixes the typical week.
    pub fn build(revision: i64, places: &[Place], week_of: NaiveDate) -> Snapshot {
        let mut builder = SnapshotBuilder::new(revision, week_of);
        for place in places {
            builder.add(place);
        }
        builder.finish()
    }

    /// Terms matching a query word: exact, then words it starts, then close spellings.
    fn matching_terms(&self, word: &str) -> Vec<(u32, f32)> {
        let mut found = Vec::new();
        if let Some(id) = self.terms.get(word) {
            found.push((*id, 1.0));
        }
        if word.chars().count() >= 2 {
            let start = self
                .sorted_terms
                .partition_point(|id| self.term_texts[*id as usize].as_str() < word);
            for id in self.sorted_terms[start..].iter().take(64) {
                let term = &self.term_texts[*id as usize];
                if !term.starts_with(word) {
                    break;
                }
                if term != word {
                    found.push((*id, 0.7));
                }
            }
        }
        if found.is_empty() {
            let length = word.chars().count();
            let limit = match length {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if limit > 0 {
                let lengths = length.saturating_sub(limit)..=length + limit;
                for candidates in lengths.filter_map(|len| self.terms_by_length.get(len)) {
                    for id in candidates {
                        let term = &self.term_texts[*id as usize];
                        if bounded_edit_distance(word, term, limit) <= limit {
                            found.push((*id, 0.5));
                        }
                    }
                }
            }
        }
        found
    }

    fn commune_centre(&self, commune: &str) -> Option<(f64, f64)> {
        self.communes
            .get(&fold(commune.trim()))
            .and_then(|info| info.centre)
    }

    /// Runs a search at `now` (for "open now" and closures). The answer is the same for every
    /// second of a minute: statuses are computed at the start of the minute (opening hours
    /// change only on minute boundaries), so answers can be cached per minute
    /// (`response_cache`).
    pub fn search(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> SearchResults {
        let now = start_of_minute(now);
        let local = now.with_timezone(&super::hours::TIME_ZONE);
        let today = local.date_naive();
        let commune = filter.commune.trim();
        let postcode = commune.len() == 5 && commune.chars().all(|c| c.is_ascii_digit());
        let commune_folded = fold(commune);
        let mut unknown_commune = false;
        let mut centre = filter.point;
        if centre.is_none() && !commune.is_empty() && !postcode {
            centre = self.commune_centre(commune);
            if centre.is_none() && !self.communes.contains_key(&commune_folded) {
                unknown_commune = true;
            }
        }
        let radius_m = filter.radius_km.map(|km| km * 1000.0);
        let services = wanted_bits(&vocab::SERVICES, &filter.services);
        let publics = wanted_bits(&vocab::PUBLICS, &filter.publics);
        let modes = wanted_bits(&vocab::SUPPORT_MODES, &filter.support_modes);
        let equipment = filter
            .equipment
            .iter()
            .fold(0u8, |acc, item| acc | item.bit());

        let commune_range = self
            .communes
            .get(&commune_folded)
            .map_or(0..0, |info| info.start..info.end);
        // A commune without radius: only its documents can match, score only those.
        let text_range = if !commune.is_empty() && radius_m.is_none() && !postcode {
            commune_range.clone()
        } else {
            0..self.entries.len() as u32
        };
        let scores = self.text_scores(&filter.text, text_range);
        let mut hits: Vec<(u32, f32, Option<f64>)> = Vec::new();
        let mut consider = |doc: u32, score: f32| {
            let entry = &self.entries[doc as usize];
            if entry.services & services != services
                || entry.publics & publics != publics
                || entry.support_modes & modes != modes
                || entry.equipment & equipment != equipment
                || (filter.free_only && !entry.is_free)
            {
                return;
            }
            if !commune.is_empty() && radius_m.is_none() {
                let matches = if postcode {
                    entry.summary.code_postal == commune
                } else {
                    commune_range.contains(&doc)
                };
                if !matches {
                    return;
                }
            }
            if let (Some(radius), Some(centre), Some(lat)) =
                (radius_m, centre, entry.summary.latitude)
                && (lat - centre.0).abs() * 111_000.0 > radius
            {
                return;
            }
            let distance = match (centre, entry.summary.latitude, entry.summary.longitude) {
                (Some(centre), Some(lat), Some(lon)) => Some(distance_m(centre, (lat, lon))),
                _ => None,
            };
            if let Some(radius) = radius_m
                && centre.is_some()
                && !distance.is_some_and(|d| d <= radius)
            {
                return;
            }
            if let Some((weekday, part)) = filter.open_on {
                let (from, to) = part.range();
                if !entry
                    .hours
                    .as_ref()
                    .is_some_and(|info| info.mask.overlaps(weekday, from, to))
                {
                    return;
                }
            }
            if filter.open_now {
                let closed_today = entry
                    .closures
                    .iter()
                    .any(|(start, end)| *start <= today && today <= *end);
                let open = !closed_today
                    && entry.hours.as_ref().is_some_and(|info| {
                        info.mask.is_open_at(local.weekday(), local.time())
                            && info.hours.is_open_at(now)
                    });
                if !open {
                    return;
                }
            }
            hits.push((doc, score, distance));
        };
        match &scores {
            Some(scores) => {
                for (doc, score) in scores {
                    consider(*doc, *score);
                }
            }
            None => match (centre, radius_m) {
                (Some(centre), Some(radius)) => {
                    for doc in self.docs_near(centre, radius) {
                        consider(doc, 0.0);
                    }
                }
                _ if !commune.is_empty() && postcode => {
                    for doc in self.by_postcode.get(commune).into_iter().flatten() {
                        consider(*doc, 0.0);
                    }
                }
                _ if !commune.is_empty() => {
                    for doc in commune_range.clone() {
                        consider(doc, 0.0);
                    }
                }
                _ => {
                    for doc in 0..self.entries.len() as u32 {
                        consider(doc, 0.0);
                    }
                }
            },
        }
        let per_page = filter.per_page.max(1);
        let start = filter.page.saturating_sub(1).saturating_mul(per_page);
        let by_score = |a: &(u32, f32, Option<f64>), b: &(u32, f32, Option<f64>)| {
            b.1.total_cmp(&a.1)
                .then(a.2.unwrap_or(f64::MAX).total_cmp(&b.2.unwrap_or(f64::MAX)))
                .then(a.0.cmp(&b.0))
        };
        let by_distance = |a: &(u32, f32, Option<f64>), b: &(u32, f32, Option<f64>)| {
            a.2.unwrap_or(f64::MAX)
                .total_cmp(&b.2.unwrap_or(f64::MAX))
                .then(a.0.cmp(&b.0))
        };
        // Only the requested page is sorted: the hits before it are moved ahead unsorted.
        let end = start.saturating_add(per_page).min(hits.len());
        let mut order_page = |compare: &dyn Fn(&_, &_) -> std::cmp::Ordering| {
            if start < hits.len() {
                if end < hits.len() {
                    hits.select_nth_unstable_by(end, |a, b| compare(a, b));
                }
                if start > 0 {
                    hits[..end].select_nth_unstable_by(start, |a, b| compare(a, b));
                }
                hits[start..end].sort_by(|a, b| compare(a, b));
            }
        };
        if scores.is_some() {
            order_page(&by_score);
        } else if centre.is_some() {
            order_page(&by_distance);
        }
        SearchResults {
            total: hits.len(),
            hits: hits
                .iter()
                .skip(start)
                .take(per_page)
                .map(|(doc, _, distance)| Hit {
                    place: self.entries[*doc as usize].summary.clone(),
                    distance_m: *distance,
                    status: self.status_sentence(*doc, now),
                })
                .collect(),
            centre,
            unknown_commune,
        }
    }

    /// Documents in the grid cells that a circle of `radius_m` around `centre` touches (a
    /// superset: the exact distance is checked by the caller), in document order.
    fn docs_near(&self, centre: (f64, f64), radius_m: f64) -> Vec<u32> {
        let lat_span = radius_m / 111_000.0;
        let cos = centre.0.to_radians().cos().abs().max(0.01);
        let lon_span = lat_span / cos;
        let (south, west) = cell_of(centre.0 - lat_span, centre.1 - lon_span);
        let (north, east) = cell_of(centre.0 + lat_span, centre.1 + lon_span);
        let mut docs = Vec::new();
        for row in south..=north {
            for column in west..=east {
                if let Some(found) = self.cells.get(&(row, column)) {
                    docs.extend_from_slice(found);
                }
            }
        }
        docs.sort_unstable();
        docs
    }

    /// Documents matching every query word, with their score; `None` when there is no text.
    /// Only documents in `docs` are scored (posting lists are sorted by document).
    fn text_scores(&self, text: &str, docs: std::ops::Range<u32>) -> Option<Vec<(u32, f32)>> {
        let words: Vec<String> = tokens(text)
            .into_iter()
            .filter(|word| !STOP_WORDS.contains(&word.as_str()))
            .collect();
        if words.is_empty() {
            return None;
        }
        let total = self.entries.len().max(1) as f32;
        let mut combined: Option<HashMap<u32, f32>> = None;
        for word in &words {
            let mut word_scores: HashMap<u32, f32> = HashMap::new();
            for (term, factor) in self.matching_terms(word) {
                let postings = &self.postings[term as usize];
                let idf = (1.0 + total / postings.len().max(1) as f32).ln();
                let from = postings.partition_point(|(doc, _)| *doc < docs.start);
                let to = postings.partition_point(|(doc, _)| *doc < docs.end);
                for (doc, weight) in &postings[from..to] {
                    let score = idf * factor * weight;
                    let best = word_scores.entry(*doc).or_insert(0.0);
                    *best = best.max(score);
                }
            }
            combined = Some(match combined {
                None => word_scores,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(doc, score)| word_scores.get(&doc).map(|s| (doc, score + s)))
                    .collect(),
            });
        }
        Some(combined.unwrap_or_default().into_iter().collect())
    }

    /// Communes of the directory (display names), for the search form's suggestions.
    pub fn place_count_by_commune(&self) -> Vec<(String, usize)> {
        let mut list: Vec<(String, usize)> = self
            .communes
            .values()
            .map(|info| {
                (
                    self.entries[info.start as usize].summary.commune.clone(),
                    (info.end - info.start) as usize,
                )
            })
            .collect();
        list.sort_by_cached_key(|(name, _)| fold(name));
        list
    }

    /// "Ouvert maintenant, ferme à 12 h 30"-style sentence for a document, closures included;
    /// empty when its hours cannot be read.
    fn status_sentence(&self, doc: u32, now: DateTime<Utc>) -> String {
        let entry = &self.entries[doc as usize];
        let today = now.with_timezone(&super::hours::TIME_ZONE).date_naive();
        if entry
            .closures
            .iter()
            .any(|(start, end)| *start <= today && today <= *end)
        {
            return super::hours::TEMPORARILY_CLOSED.to_owned();
        }
        entry.hours.as_ref().map_or_else(String::new, |info| {
            super::hours::describe_status(&info.status_at(now), now)
        })
    }
}

/// `now` without its seconds. Without it, a status near the end of the search horizons
/// ("opens within 14 days") could change between two seconds of one minute.
fn start_of_minute(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(now.timestamp().div_euclid(60) * 60, 0).unwrap_or(now)
}

/// The index shared by the server's handlers; swapped atomically when rebuilt. It carries
/// the cache of serialized search answers, emptied when the snapshot is replaced.
#[derive(Clone, Default)]
pub struct SearchIndex {
    current: Arc<RwLock<Option<Arc<Snapshot>>>>,
    responses: Arc<ResponseCache>,
}

impl SearchIndex {
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|guard| guard.clone())
    }

    pub fn replace(&self, snapshot: Snapshot) {
        if let Ok(mut guard) = self.current.write() {
            *guard = Some(Arc::new(snapshot));
        }
        self.responses.clear();
    }

    /// Serialized answers of public searches (`response_cache`).
    pub fn responses(&self) -> &ResponseCache {
        &self.responses
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::model::{Closure, MediationRecord};
    use chrono::TimeZone;

    fn place(id: i64, name: &str, commune: &str, hours: &str) -> Place {
        Place {
            id: PlaceId(id),
            organization_id: None,
            kind: PlaceKind::Mediation,
            visibility: Visibility::Public,
            record: MediationRecord {
                nom: name.into(),
                commune: commune.into(),
                horaires: hours.into(),
                ..Default::default()
            },
            equipment: Default::default(),
            hours_note: String::new(),
            flags: Vec::new(),
            closures: Vec::new(),
            last_confirmed_at: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    /// Local (Paris) time on Tuesday 3 March 2026.
    fn tuesday(hour: u32, minute: u32) -> DateTime<Utc> {
        super::super::hours::TIME_ZONE
            .with_ymd_and_hms(2026, 3, 3, hour, minute, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn statuses(snapshot: &Snapshot, now: DateTime<Utc>) -> Vec<String> {
        let filter = PlaceFilter {
            per_page: 10,
            page: 1,
            ..Default::default()
        };
        snapshot
            .search(&filter, now)
            .hits
            .into_iter()
            .map(|hit| hit.status)
            .collect()
    }

    #[test]
    fn the_cached_status_follows_the_clock_both_ways() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let places = [
            place(1, "A", "Cognac", "Tu 09:00-12:00"),
            // Same hours: the parsed hours and their cached status are shared.
            place(2, "B", "Cognac", "Tu 09:00-12:00"),
        ];
        let snapshot = Snapshot::build(1, &places, week);
        let open = "Ouvert maintenant, ferme à 12 h".to_owned();
        assert_eq!(
            statuses(&snapshot, tuesday(10, 0)),
            vec![open.clone(), open.clone()]
        );
        let closed = statuses(&snapshot, tuesday(12, 30));
        assert!(closed[0].starts_with("Fermé, ouvre"), "{closed:?}");
        // Back in time (a test clock): the cache is not used outside its validity.
        assert_eq!(
            statuses(&snapshot, tuesday(11, 59)),
            vec![open.clone(), open]
        );
        assert!(statuses(&snapshot, tuesday(8, 0))[0].starts_with("Fermé, ouvre à 9 h"));
    }

    #[test]
    fn every_second_of_a_minute_gives_the_same_statuses() {
        // The next opening is exactly 14 days (the opening horizon) after Tuesday 12:00:
        // counted from 12:00:30 it would be within the horizon, from 12:00:00 it is not.
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let places = [place(1, "A", "Cognac", "2026 Mar 17 12:00-13:00")];
        let statuses_at = |now| statuses(&Snapshot::build(1, &places, week), now);
        let noon = tuesday(12, 0);
        let first = statuses_at(noon);
        for seconds in [1, 30, 59] {
            assert_eq!(
                statuses_at(noon + chrono::Duration::seconds(seconds)),
                first,
                "{seconds} s"
            );
        }
        assert_ne!(statuses_at(noon + chrono::Duration::seconds(60)), first);
    }

    #[test]
    fn a_closure_today_overrides_the_hours_and_unreadable_hours_say_nothing() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut closed = place(1, "A", "Cognac", "Tu 09:00-12:00");
        closed.closures.push(Closure {
            id: 1,
            starts_on: week,
            ends_on: week + chrono::Duration::days(3),
            message: String::new(),
        });
        let places = [closed, place(2, "B", "Cognac", "n'importe quoi")];
        let snapshot = Snapshot::build(1, &places, week);
        assert_eq!(
            statuses(&snapshot, tuesday(10, 0)),
            vec![
                super::super::hours::TEMPORARILY_CLOSED.to_owned(),
                String::new()
            ]
        );
    }

    #[test]
    fn documents_are_ordered_by_commune_then_name_whatever_the_input_order() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let places = [
            place(1, "Zèbre", "Cognac", ""),
            place(2, "Médiathèque", "Angoulême", ""),
            place(3, "atelier", "COGNAC", ""),
            place(4, "Bureau", "angouleme", ""),
        ];
        let snapshot = Snapshot::build(1, &places, week);
        let filter = PlaceFilter {
            per_page: 10,
            page: 1,
            ..Default::default()
        };
        let order: Vec<i64> = snapshot
            .search(&filter, tuesday(10, 0))
            .hits
            .iter()
            .map(|hit| hit.place.id.0)
            .collect();
        assert_eq!(order, vec![4, 2, 3, 1]);
        let cognac = PlaceFilter {
            commune: "cognac".into(),
            ..filter.clone()
        };
        let found: Vec<i64> = snapshot
            .search(&cognac, tuesday(10, 0))
            .hits
            .iter()
            .map(|hit| hit.place.id.0)
            .collect();
        assert_eq!(found, vec![3, 1]);
        // Text search still finds a document whose number changed when sorting.
        let text = PlaceFilter {
            text: "zebre".into(),
            ..filter
        };
        let found = snapshot.search(&text, tuesday(10, 0));
        assert_eq!(found.hits.len(), 1);
        assert_eq!(found.hits[0].place.id.0, 1);
        assert_eq!(
            snapshot.place_count_by_commune(),
            vec![("angouleme".to_owned(), 2), ("COGNAC".to_owned(), 2)]
        );
    }

    #[test]
    fn pages_of_a_radius_search_add_up_to_the_whole_sorted_list() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let places: Vec<Place> = (0..40)
            .map(|i| {
                let mut p = place(i, &format!("Lieu {i}"), "Cognac", "");
                // Scattered around (45.69, -0.33), a few at the same distance.
                p.record.latitude = Some(45.69 + ((i * 7) % 13) as f64 * 0.004);
                p.record.longitude = Some(-0.33 + ((i * 5) % 11) as f64 * 0.004);
                p
            })
            .collect();
        let snapshot = Snapshot::build(1, &places, week);
        let filter = |page, per_page| PlaceFilter {
            point: Some((45.69, -0.33)),
            radius_km: Some(4.0),
            page,
            per_page,
            ..Default::default()
        };
        let ids = |results: SearchResults| -> Vec<i64> {
            results.hits.iter().map(|hit| hit.place.id.0).collect()
        };
        let whole = snapshot.search(&filter(1, 100), tuesday(10, 0));
        let total = whole.total;
        assert!(total > 20, "{total}");
        let distances: Vec<f64> = whole
            .hits
            .iter()
            .map(|hit| hit.distance_m.unwrap())
            .collect();
        assert!(distances.windows(2).all(|w| w[0] <= w[1]));
        let whole = ids(whole);
        let mut paged = Vec::new();
        for page in 1..=total.div_ceil(7) {
            paged.extend(ids(snapshot.search(&filter(page, 7), tuesday(10, 0))));
        }
        assert_eq!(paged, whole);
    }
}
