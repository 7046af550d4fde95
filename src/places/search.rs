//! The in-memory search index of public places: folded-word postings with prefix and typo
//! tolerance, bit sets for the standard's value lists, a quarter-hour week mask per place, and
//! coordinates. Rebuilt from the database when the directory revision changes (ADR 0004).

use super::hours::{Hours, WeekMask};
use super::model::{Place, PlaceId, PlaceKind, Visibility, distance_m};
use super::vocab::{self, Vocabulary};
use crate::text::{bounded_edit_distance, fold, tokens};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

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
    pub services: Vec<String>,
    pub frais_a_charge: Vec<String>,
    pub modalites_accompagnement: Vec<String>,
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
    commune: String,
    hours: Option<Hours>,
    mask: WeekMask,
    closures: Vec<(NaiveDate, NaiveDate)>,
}

/// One immutable build of the index.
pub struct Snapshot {
    revision: i64,
    entries: Vec<Entry>,
    terms: HashMap<String, u32>,
    term_texts: Vec<String>,
    sorted_terms: Vec<(String, u32)>,
    terms_by_length: Vec<Vec<u32>>,
    postings: Vec<Vec<(u32, f32)>>,
    communes: HashMap<String, (f64, f64)>,
}

fn bits(vocabulary: &Vocabulary, values: &[String]) -> u16 {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().position(|known| known == value))
        .fold(0, |acc, index| acc | (1 << index))
}

fn wanted_bits(vocabulary: &Vocabulary, values: &[&str]) -> u16 {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().position(|known| known == value))
        .fold(0, |acc, index| acc | (1 << index))
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
        let mut public: Vec<&Place> = places
            .iter()
            .filter(|place| place.visibility == Visibility::Public)
            .collect();
        public.sort_by_cached_key(|place| (fold(&place.record.commune), fold(&place.record.nom)));
        let mut snapshot = Snapshot {
            revision,
            entries: Vec::with_capacity(public.len()),
            terms: HashMap::new(),
            term_texts: Vec::new(),
            sorted_terms: Vec::new(),
            terms_by_length: Vec::new(),
            postings: Vec::new(),
            communes: HashMap::new(),
        };
        let mut commune_sums: HashMap<String, (f64, f64, f64)> = HashMap::new();
        for (doc, place) in public.into_iter().enumerate() {
            let record = &place.record;
            let doc = doc as u32;
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
                let term = snapshot.term_id(token);
                snapshot.postings[term as usize].push((doc, weight));
            }
            let commune = fold(&record.commune);
            if let (Some(lat), Some(lon)) = (record.latitude, record.longitude) {
                let sum = commune_sums
                    .entry(commune.clone())
                    .or_insert((0.0, 0.0, 0.0));
                sum.0 += lat;
                sum.1 += lon;
                sum.2 += 1.0;
            }
            let hours = Hours::parse(&record.horaires).ok();
            let mask = hours
                .as_ref()
                .map(|hours| hours.week_mask(week_of))
                .unwrap_or_default();
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
            snapshot.entries.push(Entry {
                summary: Arc::new(PlaceSummary {
                    id: place.id,
                    nom: record.nom.clone(),
                    adresse: record.adresse.clone(),
                    code_postal: record.code_postal.clone(),
                    commune: record.commune.clone(),
                    latitude: record.latitude,
                    longitude: record.longitude,
                    services: record.services.clone(),
                    frais_a_charge: record.frais_a_charge.clone(),
                    modalites_accompagnement: record.modalites_accompagnement.clone(),
                    telephone: record.telephone.clone(),
                    horaires: record.horaires.clone(),
                    is_partner: place.kind == PlaceKind::Partner,
                }),
                services: bits(&vocab::SERVICES, &record.services),
                publics: bits(&vocab::PUBLICS, &record.publics_specifiquement_adresses),
                support_modes: bits(&vocab::SUPPORT_MODES, &record.modalites_accompagnement),
                equipment: equipment_bits,
                is_free: record.is_free(),
                commune,
                hours,
                mask,
                closures: place
                    .closures
                    .iter()
                    .map(|closure| (closure.starts_on, closure.ends_on))
                    .collect(),
            });
        }
        snapshot.communes = commune_sums
            .into_iter()
            .map(|(commune, (lat, lon, n))| (commune, (lat / n, lon / n)))
            .collect();
        snapshot.sorted_terms = snapshot
            .terms
            .iter()
            .map(|(term, id)| (term.clone(), *id))
            .collect();
        snapshot.sorted_terms.sort_unstable();
        for (term, id) in &snapshot.sorted_terms {
            let length = term.chars().count();
            if snapshot.terms_by_length.len() <= length {
                snapshot.terms_by_length.resize(length + 1, Vec::new());
            }
            snapshot.terms_by_length[length].push(*id);
        }
        snapshot
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

    /// Terms matching a query word: exact, then words it starts, then close spellings.
    fn matching_terms(&self, word: &str) -> Vec<(u32, f32)> {
        let mut found = Vec::new();
        if let Some(id) = self.terms.get(word) {
            found.push((*id, 1.0));
        }
        if word.chars().count() >= 2 {
            let start = self
                .sorted_terms
                .partition_point(|(term, _)| term.as_str() < word);
            for (term, id) in self.sorted_terms[start..].iter().take(64) {
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
        self.communes.get(&fold(commune.trim())).copied()
    }

    /// Runs a search at `now` (for "open now" and closures).
    pub fn search(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> SearchResults {
        let local = now.with_timezone(&super::hours::TIME_ZONE);
        let today = local.date_naive();
        let commune = filter.commune.trim();
        let postcode = commune.len() == 5 && commune.chars().all(|c| c.is_ascii_digit());
        let commune_folded = fold(commune);
        let mut unknown_commune = false;
        let mut centre = filter.point;
        if centre.is_none() && !commune.is_empty() && !postcode {
            centre = self.commune_centre(commune);
            if centre.is_none() && !self.entries.iter().any(|e| e.commune == commune_folded) {
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

        let scores = self.text_scores(&filter.text);
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
                    entry.commune == commune_folded
                };
                if !matches {
                    return;
                }
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
                if !entry.mask.overlaps(weekday, from, to) {
                    return;
                }
            }
            if filter.open_now {
                let closed_today = entry
                    .closures
                    .iter()
                    .any(|(start, end)| *start <= today && today <= *end);
                let open = !closed_today
                    && entry.mask.is_open_at(local.weekday(), local.time())
                    && entry
                        .hours
                        .as_ref()
                        .is_some_and(|hours| hours.is_open_at(now));
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
            None => {
                for doc in 0..self.entries.len() as u32 {
                    consider(doc, 0.0);
                }
            }
        }
        if scores.is_some() {
            hits.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then(a.2.unwrap_or(f64::MAX).total_cmp(&b.2.unwrap_or(f64::MAX)))
                    .then(a.0.cmp(&b.0))
            });
        } else if centre.is_some() {
            hits.sort_by(|a, b| {
                a.2.unwrap_or(f64::MAX)
                    .total_cmp(&b.2.unwrap_or(f64::MAX))
                    .then(a.0.cmp(&b.0))
            });
        }
        let per_page = filter.per_page.max(1);
        let start = filter.page.saturating_sub(1) * per_page;
        SearchResults {
            total: hits.len(),
            hits: hits
                .iter()
                .skip(start)
                .take(per_page)
                .map(|(doc, _, distance)| Hit {
                    place: self.entries[*doc as usize].summary.clone(),
                    distance_m: *distance,
                })
                .collect(),
            centre,
            unknown_commune,
        }
    }

    /// Documents matching every query word, with their score; `None` when there is no text.
    fn text_scores(&self, text: &str) -> Option<Vec<(u32, f32)>> {
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
                for (doc, weight) in postings {
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
        let mut counts: HashMap<&str, (String, usize)> = HashMap::new();
        for entry in &self.entries {
            let item = counts
                .entry(entry.commune.as_str())
                .or_insert_with(|| (entry.summary.commune.clone(), 0));
            item.1 += 1;
        }
        let mut list: Vec<(String, usize)> = counts.into_values().collect();
        list.sort_by_cached_key(|(name, _)| fold(name));
        list
    }
}

/// The index shared by the server's handlers; swapped atomically when rebuilt.
#[derive(Clone, Default)]
pub struct SearchIndex {
    current: Arc<RwLock<Option<Arc<Snapshot>>>>,
}

impl SearchIndex {
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|guard| guard.clone())
    }

    pub fn replace(&self, snapshot: Snapshot) {
        if let Ok(mut guard) = self.current.write() {
            *guard = Some(Arc::new(snapshot));
        }
    }
}
