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

/// What a search result shows, shared by the HTML pages and the JSON API. A place's texts
/// are kept in one allocation, its value lists as indices in the standard's lists, and its
/// opening hours are shared with the places that have the same ones.
pub struct PlaceSummary {
    pub id: PlaceId,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `nom`, `adresse`, `code_postal`, `commune` and `telephone`, one after the other.
    text: Box<str>,
    /// Where the first four of them end in `text`.
    ends: [u32; 4],
    services: ValueList,
    fees: ValueList,
    support_modes: ValueList,
    /// `None` when the place gives no hours.
    hours: Option<Arc<SharedHours>>,
    pub is_partner: bool,
}

impl PlaceSummary {
    fn part(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] as usize,
        };
        let end = self
            .ends
            .get(index)
            .map_or(self.text.len(), |end| *end as usize);
        self.text.get(start..end).unwrap_or_default()
    }
    pub fn nom(&self) -> &str {
        self.part(0)
    }
    pub fn adresse(&self) -> &str {
        self.part(1)
    }
    pub fn code_postal(&self) -> &str {
        self.part(2)
    }
    pub fn commune(&self) -> &str {
        self.part(3)
    }
    pub fn telephone(&self) -> &str {
        self.part(4)
    }
    /// The `opening_hours` text as given.
    pub fn horaires(&self) -> &str {
        self.hours.as_ref().map_or("", |hours| &hours.raw)
    }
    pub fn services(&self) -> Values {
        Values {
            list: self.services,
            vocabulary: &vocab::SERVICES,
        }
    }
    pub fn frais_a_charge(&self) -> Values {
        Values {
            list: self.fees,
            vocabulary: &vocab::FEES,
        }
    }
    pub fn modalites_accompagnement(&self) -> Values {
        Values {
            list: self.support_modes,
            vocabulary: &vocab::SUPPORT_MODES,
        }
    }
    fn parsed_hours(&self) -> Option<&HoursInfo> {
        self.hours.as_ref().and_then(|hours| hours.parsed.as_ref())
    }
}

impl std::fmt::Debug for PlaceSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceSummary")
            .field("id", &self.id)
            .field("nom", &self.nom())
            .field("commune", &self.commune())
            .finish_non_exhaustive()
    }
}

/// The values a place has in one of the standard's lists (at most 15 values long), in the
/// place's order: each value's position in the list plus one, in the 4-bit digits of a `u64`
/// (0 ends the list). No allocation per place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ValueList(u64);

impl ValueList {
    fn of(vocabulary: &Vocabulary, values: &[String]) -> Self {
        let mut packed = 0u64;
        let mut shift = 0;
        for value in values {
            if let Some(index) = vocabulary.values.iter().position(|known| known == value)
                && index < 15
                && shift < 64
            {
                packed |= (index as u64 + 1) << shift;
                shift += 4;
            }
        }
        Self(packed)
    }

    fn indices(self) -> impl Iterator<Item = usize> {
        let mut packed = self.0;
        std::iter::from_fn(move || {
            let digit = (packed & 0xF) as usize;
            packed >>= 4;
            digit.checked_sub(1)
        })
    }
}

// `ValueList` holds lists of at most 15 values.
const _: () = assert!(
    vocab::SERVICES.values.len() <= 15
        && vocab::FEES.values.len() <= 15
        && vocab::SUPPORT_MODES.values.len() <= 15
);

/// Values of one of a place's lists, borrowed from the vocabulary; serialized as a list.
#[derive(Clone, Copy)]
pub struct Values {
    list: ValueList,
    vocabulary: &'static Vocabulary,
}

impl Values {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        let values = self.vocabulary.values;
        self.list
            .indices()
            .filter_map(move |index| values.get(index).copied())
    }

    pub fn join(self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
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

#[derive(Clone, Debug)]
pub struct Hit<'a> {
    pub place: &'a PlaceSummary,
    pub distance_m: Option<f64>,
    /// Open or closed now, in plain French (empty when the hours cannot be read).
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct SearchResults<'a> {
    pub total: usize,
    pub hits: Vec<Hit<'a>>,
    /// The centre used for distances, with its label ("Angoulême").
    pub centre: Option<(f64, f64)>,
    /// The commune asked for is not in the directory.
    pub unknown_commune: bool,
}

struct Entry {
    summary: PlaceSummary,
    services: u16,
    publics: u16,
    support_modes: u16,
    equipment: u8,
    is_free: bool,
    closures: Box<[(NaiveDate, NaiveDate)]>,
}

/// One distinct `horaires` text of the directory, shared by every place that gives it, and
/// its parsed hours when it can be read.
struct SharedHours {
    raw: Box<str>,
    parsed: Option<HoursInfo>,
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
    /// The week the typical weeks of the opening hours were computed for.
    week_of: NaiveDate,
    entries: Vec<Entry>,
    /// The texts of the terms in order, one after the other: term `id` is
    /// `term_text[term_ends[id - 1]..term_ends[id]]`, so ids follow the order of the texts.
    term_text: String,
    term_ends: Vec<u32>,
    /// Term ids by length in characters (for close spellings).
    terms_by_length: Vec<Vec<u32>>,
    /// Postings of term `id`: `postings[posting_ends[id - 1]..posting_ends[id]]`, each
    /// `document << 2 | weight code` (`WEIGHTS`), sorted by document.
    postings: Vec<u32>,
    posting_ends: Vec<u32>,
    /// Sorted by folded name.
    communes: Vec<(Box<str>, CommuneInfo)>,
    by_postcode: HashMap<Box<str>, Box<[u32]>>,
    /// Documents with coordinates, by grid cell of `CELL_DEGREES`.
    cells: HashMap<(i32, i32), Box<[u32]>>,
}

/// Field weights of the postings, by 2-bit code.
const WEIGHTS: [f32; 4] = [0.5, 1.0, 2.0, 3.0];

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

fn wanted_bits(vocabulary: &Vocabulary, values: &[&str]) -> u16 {
    values
        .iter()
        .filter_map(|value| vocabulary.values.iter().position(|known| known == value))
        .fold(0, |acc, index| acc | (1 << index))
}

/// (folded commune, folded name) of a document, for the final order.
type SortKey = (Box<str>, Box<str>);

/// Builds a snapshot one place at a time, so that the whole directory never has to be held
/// in memory as `Place` values (see `refresh_index`).
pub struct SnapshotBuilder {
    revision: i64,
    week_of: NaiveDate,
    entries: Vec<Entry>,
    sort_keys: Vec<SortKey>,
    terms: HashMap<Box<str>, u32>,
    /// Per term, `document << 2 | weight code`, in the order documents were added.
    postings: Vec<Vec<u32>>,
    hours: HashMap<Box<str>, Arc<SharedHours>>,
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
            postings: Vec::new(),
            hours: HashMap::new(),
        }
    }

    fn term_id(&mut self, token: String) -> u32 {
        if let Some(id) = self.terms.get(token.as_str()) {
            return *id;
        }
        let id = self.postings.len() as u32;
        self.postings.push(Vec::new());
        self.terms.insert(token.into_boxed_str(), id);
        id
    }

    /// Takes over the parsed opening hours of the index being replaced (same typical week), so
    /// that the old and new indexes share them instead of holding two copies.
    pub fn reuse_hours_of(&mut self, previous: &Snapshot) {
        if previous.week_of != self.week_of {
            return;
        }
        for entry in &previous.entries {
            if let Some(shared) = &entry.summary.hours {
                self.hours
                    .entry(shared.raw.clone())
                    .or_insert_with(|| shared.clone());
            }
        }
    }

    fn shared_hours(&mut self, raw: &str) -> Option<Arc<SharedHours>> {
        if raw.is_empty() {
            return None;
        }
        if let Some(found) = self.hours.get(raw) {
            return Some(found.clone());
        }
        let parsed = Hours::parse(raw).ok().map(|hours| HoursInfo {
            mask: hours.week_mask(self.week_of),
            hours,
            status: Mutex::new(None),
        });
        let shared = Arc::new(SharedHours {
            raw: raw.into(),
            parsed,
        });
        self.hours.insert(raw.into(), shared.clone());
        Some(shared)
    }

    /// Adds a place (places hidden from the public are left out).
    pub fn add(&mut self, place: &Place) {
        if place.visibility != Visibility::Public {
            return;
        }
        let record = &place.record;
        let doc = self.entries.len() as u32;
        // Weight codes index `WEIGHTS`.
        let fields: [(&str, u32); 7] = [
            (&record.nom, 3),
            (&record.commune, 2),
            (&record.code_postal, 2),
            (&record.adresse, 1),
            (&record.presentation_resume, 0),
            (&record.services.join(" "), 1),
            (&record.dispositif_programmes_nationaux.join(" "), 1),
        ];
        let mut weights: HashMap<String, u32> = HashMap::new();
        for (text, weight) in fields {
            for token in tokens(text) {
                let entry = weights.entry(token).or_insert(0);
                *entry = (*entry).max(weight);
            }
        }
        for (token, weight) in weights {
            let term = self.term_id(token);
            self.postings[term as usize].push(doc << 2 | weight);
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
        let hours = self.shared_hours(&record.horaires);
        self.sort_keys.push((
            fold(&record.commune).into_boxed_str(),
            fold(&record.nom).into_boxed_str(),
        ));
        let parts = [
            &record.nom,
            &record.adresse,
            &record.code_postal,
            &record.commune,
            &record.telephone,
        ];
        let mut text = String::with_capacity(parts.iter().map(|part| part.len()).sum());
        let mut ends = [0u32; 4];
        for (index, part) in parts.iter().enumerate() {
            text.push_str(part);
            if let Some(end) = ends.get_mut(index) {
                *end = text.len() as u32;
            }
        }
        self.entries.push(Entry {
            summary: PlaceSummary {
                id: place.id,
                latitude: record.latitude,
                longitude: record.longitude,
                text: text.into_boxed_str(),
                ends,
                services: ValueList::of(&vocab::SERVICES, &record.services),
                fees: ValueList::of(&vocab::FEES, &record.frais_a_charge),
                support_modes: ValueList::of(
                    &vocab::SUPPORT_MODES,
                    &record.modalites_accompagnement,
                ),
                hours,
                is_partner: place.kind == PlaceKind::Partner,
            },
            services: bits(&vocab::SERVICES, &record.services),
            publics: bits(&vocab::PUBLICS, &record.publics_specifiquement_adresses),
            support_modes: bits(&vocab::SUPPORT_MODES, &record.modalites_accompagnement),
            equipment: equipment_bits,
            is_free: record.is_free(),
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
            week_of,
            mut entries,
            sort_keys,
            terms,
            mut postings,
            hours,
        } = self;
        drop(hours);
        // Documents in their final order: (keys, former number).
        let mut keyed: Vec<(SortKey, u32)> = sort_keys.into_iter().zip(0u32..).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        // new_of[old document] = new document.
        let mut new_of = vec![0u32; keyed.len()];
        for (new, (_, old)) in keyed.iter().enumerate() {
            new_of[*old as usize] = new as u32;
        }
        let mut order: Vec<u32> = keyed.iter().map(|(_, old)| *old).collect();
        permute(&mut entries, &mut order);
        drop(order);
        entries.shrink_to_fit();

        // Terms in the order of their texts; postings renumbered and laid end to end.
        let mut sorted_terms: Vec<(Box<str>, u32)> = terms.into_iter().collect();
        sorted_terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total_postings = postings.iter().map(Vec::len).sum();
        let mut flat: Vec<u32> = Vec::with_capacity(total_postings);
        let mut posting_ends = Vec::with_capacity(sorted_terms.len());
        let mut term_text =
            String::with_capacity(sorted_terms.iter().map(|(text, _)| text.len()).sum());
        let mut term_ends = Vec::with_capacity(sorted_terms.len());
        let mut terms_by_length: Vec<Vec<u32>> = Vec::new();
        for (id, (text, old)) in sorted_terms.into_iter().enumerate() {
            let start = flat.len();
            flat.extend(
                std::mem::take(&mut postings[old as usize])
                    .into_iter()
                    .map(|posting| new_of[(posting >> 2) as usize] << 2 | (posting & 3)),
            );
            flat[start..].sort_unstable();
            posting_ends.push(flat.len() as u32);
            term_text.push_str(&text);
            term_ends.push(term_text.len() as u32);
            let length = text.chars().count();
            if terms_by_length.len() <= length {
                terms_by_length.resize(length + 1, Vec::new());
            }
            terms_by_length[length].push(id as u32);
        }
        drop(postings);
        for list in &mut terms_by_length {
            list.shrink_to_fit();
        }

        let mut communes: Vec<(Box<str>, CommuneInfo)> = Vec::new();
        let mut sums: Vec<(f64, f64, f64)> = Vec::new();
        let mut by_postcode: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut cells: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
        for (doc, ((commune, _), _)) in keyed.into_iter().enumerate() {
            let doc = doc as u32;
            let summary = &entries[doc as usize].summary;
            match communes.last_mut() {
                Some((name, info)) if *name == commune => info.end = doc + 1,
                _ => {
                    communes.push((
                        commune,
                        CommuneInfo {
                            start: doc,
                            end: doc + 1,
                            centre: None,
                        },
                    ));
                    sums.push((0.0, 0.0, 0.0));
                }
            }
            let code_postal = summary.code_postal();
            if !code_postal.is_empty() {
                match by_postcode.get_mut(code_postal) {
                    Some(list) => list.push(doc),
                    None => {
                        by_postcode.insert(code_postal.into(), vec![doc]);
                    }
                }
            }
            if let (Some(lat), Some(lon)) = (summary.latitude, summary.longitude) {
                cells.entry(cell_of(lat, lon)).or_default().push(doc);
                if let Some(sum) = sums.last_mut() {
                    sum.0 += lat;
                    sum.1 += lon;
                    sum.2 += 1.0;
                }
            }
        }
        for ((_, info), (lat, lon, n)) in communes.iter_mut().zip(sums) {
            if n > 0.0 {
                info.centre = Some((lat / n, lon / n));
            }
        }
        communes.shrink_to_fit();
        Snapshot {
            revision,
            week_of,
            entries,
            term_text,
            term_ends,
            terms_by_length,
            postings: flat,
            posting_ends,
            communes,
            by_postcode: by_postcode
                .into_iter()
                .map(|(code, docs)| (code, docs.into_boxed_slice()))
                .collect(),
            cells: cells
                .into_iter()
                .map(|(cell, docs)| (cell, docs.into_boxed_slice()))
                .collect(),
        }
    }
}

/// Reorders `items` so that `items[new] = former items[order[new]]`, in place (`order` is
/// used up as the record of the cycles done).
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut current = start;
        while order[current] as usize != current {
            let source = order[current] as usize;
            order[current] = current as u32;
            if source == start {
                break;
            }
            items.swap(current, source);
            current = source;
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

    /// The text of term `id`.
    fn term(&self, id: u32) -> &str {
        let id = id as usize;
        let start = match id {
            0 => 0,
            _ => self.term_ends[id - 1] as usize,
        };
        self.term_text
            .get(start..self.term_ends[id] as usize)
            .unwrap_or_default()
    }

    /// The postings of term `id`.
    fn postings_of(&self, id: u32) -> &[u32] {
        let id = id as usize;
        let start = match id {
            0 => 0,
            _ => self.posting_ends[id - 1] as usize,
        };
        self.postings
            .get(start..self.posting_ends[id] as usize)
            .unwrap_or_default()
    }

    /// Terms matching a query word: exact, then words it starts, then close spellings.
    fn matching_terms(&self, word: &str) -> Vec<(u32, f32)> {
        let mut found = Vec::new();
        // Term ids follow the order of their texts: the first term not before `word`.
        let count = self.term_ends.len() as u32;
        let (mut low, mut high) = (0u32, count);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.term(middle) < word {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        let start = low;
        if start < count && self.term(start) == word {
            found.push((start, 1.0));
        }
        if word.chars().count() >= 2 {
            for id in (start..count).take(64) {
                let term = self.term(id);
                if !term.starts_with(word) {
                    break;
                }
                if term != word {
                    found.push((id, 0.7));
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
                        if bounded_edit_distance(word, self.term(*id), limit) <= limit {
                            found.push((*id, 0.5));
                        }
                    }
                }
            }
        }
        found
    }

    fn commune(&self, folded: &str) -> Option<&CommuneInfo> {
        self.communes
            .binary_search_by(|(name, _)| name.as_ref().cmp(folded))
            .ok()
            .map(|index| &self.communes[index].1)
    }

    fn commune_centre(&self, commune: &str) -> Option<(f64, f64)> {
        self.commune(&fold(commune.trim()))
            .and_then(|info| info.centre)
    }

    /// Runs a search at `now` (for "open now" and closures). The answer is the same for every
    /// second of a minute: statuses are computed at the start of the minute (opening hours
    /// change only on minute boundaries), so answers can be cached per minute
    /// (`response_cache`).
    pub fn search(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> SearchResults<'_> {
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
            if centre.is_none() && self.commune(&commune_folded).is_none() {
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
            .commune(&commune_folded)
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
                    entry.summary.code_postal() == commune
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
                    .summary
                    .parsed_hours()
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
                    && entry.summary.parsed_hours().is_some_and(|info| {
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
                    for doc in self
                        .by_postcode
                        .get(commune)
                        .into_iter()
                        .flat_map(|docs| docs.iter())
                    {
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
                    place: &self.entries[*doc as usize].summary,
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
                let postings = self.postings_of(term);
                let idf = (1.0 + total / postings.len().max(1) as f32).ln();
                let from = postings.partition_point(|posting| posting >> 2 < docs.start);
                let to = postings.partition_point(|posting| posting >> 2 < docs.end);
                for posting in &postings[from..to] {
                    let (doc, weight) = (posting >> 2, WEIGHTS[(posting & 3) as usize]);
                    let score = idf * factor * weight;
                    let best = word_scores.entry(doc).or_insert(0.0);
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
            .iter()
            .map(|(_, info)| {
                (
                    self.entries[info.start as usize]
                        .summary
                        .commune()
                        .to_owned(),
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
        entry
            .summary
            .parsed_hours()
            .map_or_else(String::new, |info| {
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
    fn a_rebuild_shares_the_parsed_hours_of_the_index_it_replaces() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let hours = "Mo-Fr 09:00-12:00";
        let old = Snapshot::build(1, &[place(1, "Médiathèque", "Cognac", hours)], week);
        let mut builder = SnapshotBuilder::new(2, week);
        builder.reuse_hours_of(&old);
        builder.add(&place(1, "Médiathèque", "Cognac", hours));
        builder.add(&place(2, "Mairie", "Cognac", "Sa 09:00-12:00"));
        let new = builder.finish();
        let shared = |snapshot: &Snapshot, name: &str| {
            snapshot
                .entries
                .iter()
                .find(|e| e.summary.nom() == name)
                .and_then(|e| e.summary.hours.clone())
                .unwrap()
        };
        assert!(Arc::ptr_eq(
            &shared(&old, "Médiathèque"),
            &shared(&new, "Médiathèque")
        ));
        // Another week: the typical week changes, so the hours are parsed again.
        let mut builder = SnapshotBuilder::new(3, week + chrono::Duration::days(7));
        builder.reuse_hours_of(&new);
        builder.add(&place(1, "Médiathèque", "Cognac", hours));
        let later = builder.finish();
        assert!(!Arc::ptr_eq(
            &shared(&new, "Médiathèque"),
            &shared(&later, "Médiathèque")
        ));
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
    fn a_summary_gives_back_the_texts_lists_and_hours_as_given() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut full = place(7, "Médiathèque d’Œuvre", "Cognac", "Mo 09:00-12:00");
        full.record.adresse = "1 rue Haute".into();
        full.record.code_postal = "16100".into();
        full.record.telephone = "05 45 00 00 00".into();
        // Record order, not the vocabulary's; values outside the vocabulary are left out.
        full.record.services = vec![
            vocab::SERVICES.values[3].into(),
            "Autre chose".into(),
            vocab::SERVICES.values[0].into(),
        ];
        full.record.frais_a_charge = vec!["Payant".into(), "Gratuit".into()];
        full.record.modalites_accompagnement = vec![vocab::SUPPORT_MODES.values[2].into()];
        let empty = place(8, "", "", "");
        let unreadable = place(9, "Z", "", "n'importe quoi");
        let snapshot = Snapshot::build(1, &[full, empty, unreadable], week);
        let filter = PlaceFilter {
            per_page: 10,
            page: 1,
            ..Default::default()
        };
        let results = snapshot.search(&filter, tuesday(10, 0));
        let summary = |id| {
            results
                .hits
                .iter()
                .find(|hit| hit.place.id.0 == id)
                .unwrap()
                .place
        };
        let full = summary(7);
        assert_eq!(
            [
                full.nom(),
                full.adresse(),
                full.code_postal(),
                full.commune(),
                full.telephone(),
                full.horaires()
            ],
            [
                "Médiathèque d’Œuvre",
                "1 rue Haute",
                "16100",
                "Cognac",
                "05 45 00 00 00",
                "Mo 09:00-12:00"
            ]
        );
        assert_eq!(
            full.services().iter().collect::<Vec<_>>(),
            vec![vocab::SERVICES.values[3], vocab::SERVICES.values[0]]
        );
        assert_eq!(full.frais_a_charge().join(", "), "Payant, Gratuit");
        assert_eq!(
            serde_json::to_string(&full.modalites_accompagnement()).unwrap(),
            format!("[\"{}\"]", vocab::SUPPORT_MODES.values[2])
        );
        let empty = summary(8);
        assert_eq!(
            [
                empty.nom(),
                empty.commune(),
                empty.telephone(),
                empty.horaires()
            ],
            [""; 4]
        );
        assert_eq!(empty.services().iter().count(), 0);
        assert_eq!(summary(9).horaires(), "n'importe quoi");
    }

    #[test]
    fn words_are_found_exactly_by_prefix_and_with_a_typo() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let places = [
            place(1, "Médiathèque", "Cognac", ""),
            place(2, "Maison des médias", "Jarnac", ""),
            place(3, "Mairie", "Barbezieux", ""),
        ];
        let snapshot = Snapshot::build(1, &places, week);
        let found = |text: &str| -> Vec<i64> {
            let filter = PlaceFilter {
                text: text.into(),
                per_page: 10,
                page: 1,
                ..Default::default()
            };
            let mut ids: Vec<i64> = snapshot
                .search(&filter, tuesday(10, 0))
                .hits
                .iter()
                .map(|hit| hit.place.id.0)
                .collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(found("mediatheque"), vec![1]);
        assert_eq!(found("media"), vec![1, 2]);
        assert_eq!(found("mediateque"), vec![1]);
        assert_eq!(found("jarnac"), vec![2]);
        assert_eq!(found("mairie barbezieux"), vec![3]);
        assert_eq!(found("zzzz"), Vec::<i64>::new());
        // The name weighs more than the commune.
        let filter = PlaceFilter {
            text: "cognac".into(),
            per_page: 10,
            page: 1,
            ..Default::default()
        };
        let named = Snapshot::build(
            1,
            &[
                place(1, "Lieu", "Cognac", ""),
                place(2, "Cognac numérique", "Angeac", ""),
            ],
            week,
        );
        let order: Vec<i64> = named
            .search(&filter, tuesday(10, 0))
            .hits
            .iter()
            .map(|hit| hit.place.id.0)
            .collect();
        assert_eq!(order, vec![2, 1]);
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
        let ids = |results: SearchResults<'_>| -> Vec<i64> {
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
