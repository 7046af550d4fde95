//! Duplicate candidates: pairs of places in the same commune whose names or addresses are
//! close and that stand a few hundred metres apart at most. Nothing is merged here: the
//! coordinator decides, pair by pair, on the duplicates board.

use super::model::{Place, PlaceId, distance_m};
use crate::text;
use std::collections::{HashMap, HashSet};

/// Two places further apart than this are never candidates, whatever their names.
pub const MAX_DISTANCE_M: f64 = 400.0;
/// Name similarity (Dice coefficient of letter trigrams) from which names are "close".
pub const NAME_THRESHOLD: f64 = 0.6;
/// Address similarity from which addresses are "the same" (house numbers must also agree).
pub const ADDRESS_THRESHOLD: f64 = 0.8;

/// Why a pair is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    SimilarNames,
    SameAddress,
    SamePhone,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::SimilarNames => "similar-names",
            Reason::SameAddress => "same-address",
            Reason::SamePhone => "same-phone",
        }
    }
}

/// One pair to look at (`first` has the smaller id).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub first: PlaceId,
    pub second: PlaceId,
    pub reasons: Vec<Reason>,
    /// Metres between the two points, when both have coordinates.
    pub distance_m: Option<f64>,
    /// Higher is more likely; used to order the board.
    pub score: f64,
}

/// What the comparison needs of a place, computed once.
struct Prepared {
    id: PlaceId,
    name: Vec<[char; 3]>,
    address: Vec<[char; 3]>,
    numbers: Vec<String>,
    phone: String,
    point: Option<(f64, f64)>,
}

/// The candidate pairs among `places`, best first, leaving out the pairs already dismissed
/// (given with the smaller id first).
pub fn find_candidates(
    places: &[Place],
    dismissed: &HashSet<(PlaceId, PlaceId)>,
) -> Vec<Candidate> {
    let mut by_commune: HashMap<String, Vec<Prepared>> = HashMap::new();
    for place in places {
        let key = commune_key(place);
        if key.is_empty() {
            continue;
        }
        by_commune.entry(key).or_default().push(prepare(place));
    }
    let mut candidates = Vec::new();
    for group in by_commune.values() {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                let (first, second) = if a.id < b.id { (a, b) } else { (b, a) };
                if dismissed.contains(&(first.id, second.id)) {
                    continue;
                }
                if let Some(candidate) = compare(first, second) {
                    candidates.push(candidate);
                }
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.first.cmp(&b.first))
            .then(a.second.cmp(&b.second))
    });
    candidates
}

fn compare(a: &Prepared, b: &Prepared) -> Option<Candidate> {
    let distance = match (a.point, b.point) {
        (Some(p), Some(q)) => Some(distance_m(p, q)),
        _ => None,
    };
    if distance.is_some_and(|d| d > MAX_DISTANCE_M) {
        return None;
    }
    let name_similarity = dice(&a.name, &b.name);
    let address_similarity = dice(&a.address, &b.address);
    let mut reasons = Vec::new();
    if name_similarity >= NAME_THRESHOLD {
        reasons.push(Reason::SimilarNames);
    }
    if !a.address.is_empty() && address_similarity >= ADDRESS_THRESHOLD && a.numbers == b.numbers {
        reasons.push(Reason::SameAddress);
    }
    if reasons.is_empty() {
        return None;
    }
    if !a.phone.is_empty() && a.phone == b.phone {
        reasons.push(Reason::SamePhone);
    }
    let closeness = distance.map_or(0.5, |d| 1.0 - d / MAX_DISTANCE_M);
    let phone = if reasons.contains(&Reason::SamePhone) {
        0.5
    } else {
        0.0
    };
    Some(Candidate {
        first: a.id,
        second: b.id,
        reasons,
        distance_m: distance,
        score: name_similarity + address_similarity + closeness + phone,
    })
}

/// Places are compared within a commune, by its folded name ("St" read as "Saint"); the INSEE
/// code is not used because one of two copies of a place often lacks it. No commune: the postcode.
fn commune_key(place: &Place) -> String {
    let words = text::tokens(&place.record.commune);
    if words.is_empty() {
        return place.record.code_postal.clone();
    }
    words
        .into_iter()
        .map(|word| {
            if word == "st" {
                "saint".to_owned()
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn prepare(place: &Place) -> Prepared {
    let record = &place.record;
    let name_words: Vec<String> = text::tokens(&record.nom)
        .into_iter()
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .collect();
    let address_words: Vec<String> = text::tokens(&record.adresse)
        .into_iter()
        .map(|word| expand_abbreviation(&word).to_owned())
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .collect();
    let numbers = address_words
        .iter()
        .filter(|word| word.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .cloned()
        .collect();
    Prepared {
        id: place.id,
        name: trigrams(&name_words),
        address: trigrams(&address_words),
        numbers,
        phone: record
            .telephone
            .chars()
            .filter(char::is_ascii_digit)
            .collect(),
        point: record.latitude.zip(record.longitude),
    }
}

const STOP_WORDS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur",
];

/// Common French street-type abbreviations, so "12 av. Gambetta" meets "12 avenue Gambetta".
fn expand_abbreviation(word: &str) -> &str {
    match word {
        "av" | "ave" => "avenue",
        "bd" | "bld" | "boul" => "boulevard",
        "r" => "rue",
        "pl" => "place",
        "ch" | "chem" => "chemin",
        "rte" => "route",
        "imp" => "impasse",
        "all" => "allee",
        "sq" => "square",
        "st" => "saint",
        "ste" => "sainte",
        other => other,
    }
}

/// Sorted, deduplicated letter trigrams of the words (each word padded with spaces).
fn trigrams(words: &[String]) -> Vec<[char; 3]> {
    let mut grams = Vec::new();
    for word in words {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for window in chars.windows(3) {
            grams.push([window[0], window[1], window[2]]);
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Dice coefficient of two sorted sets: 1 for equal sets, 0 for disjoint or empty ones.
fn dice(a: &[[char; 3]], b: &[[char; 3]]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::model::{PlaceKind, Visibility};
    use chrono::DateTime;

    fn place(
        id: i64,
        name: &str,
        address: &str,
        commune: &str,
        point: Option<(f64, f64)>,
    ) -> Place {
        let mut record = crate::places::MediationRecord {
            nom: name.to_owned(),
            adresse: address.to_owned(),
            commune: commune.to_owned(),
            ..Default::default()
        };
        record.latitude = point.map(|p| p.0);
        record.longitude = point.map(|p| p.1);
        Place {
            id: PlaceId(id),
            organization_id: None,
            kind: PlaceKind::Mediation,
            visibility: Visibility::Public,
            record,
            equipment: Default::default(),
            hours_note: String::new(),
            flags: Vec::new(),
            closures: Vec::new(),
            last_confirmed_at: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    const MAIRIE: (f64, f64) = (45.6484, 0.1562);
    // About 150 m north of MAIRIE.
    const NEAR: (f64, f64) = (45.6498, 0.1562);
    // About 2 km north of MAIRIE.
    const FAR: (f64, f64) = (45.6664, 0.1562);

    #[test]
    fn close_names_nearby_in_the_same_commune_are_candidates() {
        let places = [
            place(
                1,
                "Médiathèque l’Alpha",
                "1 rue Coulomb",
                "Angoulême",
                Some(MAIRIE),
            ),
            place(
                2,
                "Mediatheque L'Alpha",
                "1 r. Coulomb",
                "ANGOULEME",
                Some(NEAR),
            ),
        ];
        let found = find_candidates(&places, &HashSet::new());
        assert_eq!(found.len(), 1);
        let pair = &found[0];
        assert_eq!((pair.first, pair.second), (PlaceId(1), PlaceId(2)));
        assert!(pair.reasons.contains(&Reason::SimilarNames));
        assert!(pair.reasons.contains(&Reason::SameAddress));
        let distance = pair.distance_m.unwrap();
        assert!((100.0..200.0).contains(&distance), "{distance}");
    }

    #[test]
    fn far_apart_other_commune_or_unrelated_places_are_not() {
        let places = [
            place(
                1,
                "Médiathèque l’Alpha",
                "1 rue Coulomb",
                "Angoulême",
                Some(MAIRIE),
            ),
            // Same name, 2 km away.
            place(
                2,
                "Médiathèque l’Alpha",
                "1 rue Coulomb",
                "Angoulême",
                Some(FAR),
            ),
            // Same name, other commune.
            place(
                3,
                "Médiathèque l’Alpha",
                "1 rue Coulomb",
                "Cognac",
                Some(MAIRIE),
            ),
            // Same commune, close, but nothing else in common.
            place(
                4,
                "Centre social Rives de Charente",
                "8 place Mulac",
                "Angoulême",
                Some(NEAR),
            ),
        ];
        assert!(find_candidates(&places, &HashSet::new()).is_empty());
    }

    #[test]
    fn the_same_address_with_another_house_number_is_not_the_same_address() {
        let places = [
            place(1, "France services", "12 avenue Gambetta", "Cognac", None),
            place(2, "Espace numérique", "14 avenue Gambetta", "Cognac", None),
            place(3, "Point numérique CCAS", "12 av Gambetta", "Cognac", None),
        ];
        let found = find_candidates(&places, &HashSet::new());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].first, found[0].second), (PlaceId(1), PlaceId(3)));
        assert_eq!(found[0].reasons, vec![Reason::SameAddress]);
        assert_eq!(found[0].distance_m, None);
    }

    #[test]
    fn dismissed_pairs_are_left_out_and_order_is_by_likelihood() {
        let places = [
            place(
                1,
                "Espace numérique de Ruelle",
                "3 rue Jules Ferry",
                "Ruelle-sur-Touvre",
                Some(MAIRIE),
            ),
            place(
                2,
                "Espace numerique Ruelle",
                "5 rue Victor Hugo",
                "Ruelle sur Touvre",
                Some(NEAR),
            ),
            place(
                3,
                "Espace numérique de Ruelle",
                "3 rue Jules Ferry",
                "Ruelle-sur-Touvre",
                Some(MAIRIE),
            ),
        ];
        let found = find_candidates(&places, &HashSet::new());
        assert_eq!(found.len(), 3);
        // The identical pair first.
        assert_eq!((found[0].first, found[0].second), (PlaceId(1), PlaceId(3)));
        let dismissed = HashSet::from([(PlaceId(1), PlaceId(3))]);
        let found = find_candidates(&places, &dismissed);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|pair| pair.first != PlaceId(1) || pair.second != PlaceId(3))
        );
    }

    #[test]
    fn dice_of_trigrams_behaves() {
        let a = trigrams(&["mairie".to_owned()]);
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&a, &[]), 0.0);
        let b = trigrams(&["mairy".to_owned()]);
        let similarity = dice(&a, &b);
        assert!(similarity > 0.3 && similarity < 0.8, "{similarity}");
    }
}
