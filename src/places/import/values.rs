//! Multi-valued columns: splitting on whatever separators the sources use, and matching each
//! value to the v1 vocabularies (directly, after folding accents and typos, or through the
//! published v0.1 → v1 and data·inclusion tables).

use crate::places::vocab::{
    ACCESS_MODES, FEES, MOBILITY, NATIONAL_PROGRAMMES, PUBLICS, SERVICES, SPECIFIC_SUPPORT,
    SUPPORT_MODES, TRAINING_LABELS, TYPOLOGIES, Vocabulary,
};
use crate::text::{bounded_edit_distance, fold};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A family of columns whose values are matched together (a v0.1 column may feed several v1
/// columns, e.g. `publics_accueillis`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Group {
    Services,
    Publics,
    Fees,
    Labels,
    SupportModes,
    AccessModes,
    Mobility,
    Typology,
}

pub(super) const OTHER_LABELS: &str = "autres_formations_labels";

const P: &str = "publics_specifiquement_adresses";
const S: &str = "prise_en_charge_specifique";
const D: &str = "dispositif_programmes_nationaux";
const F: &str = "formations_labels";

type Targets = &'static [(&'static str, &'static str)];

/// v0.1 labels, data·inclusion slugs and common variants, with the v1 values they become.
/// An empty target list means the value is dropped on purpose (e.g. "Adultes", the default).
const LEGACY: &[(Group, &[&str], Targets)] = &[
    // services (ANCT table, standards.md §1.6; data·inclusion v0 slugs are the same labels)
    (
        Group::Services,
        &[
            "Devenir autonome dans les démarches administratives",
            "Réaliser des démarches administratives avec un accompagnement",
            "Accompagner les démarches de santé",
            "acceder-a-des-services-en-ligne",
            "accompagnement-aux-demarches-administratives",
        ],
        &[("services", "Aide aux démarches administratives")],
    ),
    (
        Group::Services,
        &[
            "Prendre en main un smartphone ou une tablette",
            "Prendre en main un ordinateur",
            "Utiliser le numérique au quotidien",
            "maitriser-les-fondamentaux-du-numerique",
        ],
        &[("services", "Maîtrise des outils numériques du quotidien")],
    ),
    (
        Group::Services,
        &[
            "Approfondir ma culture numérique",
            "Promouvoir la citoyenneté numérique",
        ],
        &[("services", "Compréhension du monde numérique")],
    ),
    (
        Group::Services,
        &[
            "Favoriser mon insertion professionnelle",
            "Créer et développer mon entreprise",
            "organiser-ses-demarches-de-recherche-demploi",
        ],
        &[("services", "Insertion professionnelle via le numérique")],
    ),
    (
        Group::Services,
        &["Accéder à une connexion internet", "Accéder à du matériel"],
        &[("services", "Accès internet et matériel informatique")],
    ),
    (
        Group::Services,
        &[
            "S'équiper en matériel informatique",
            "acquerir-un-equipement",
        ],
        &[(
            "services",
            "Acquisition de matériel informatique à prix solidaire",
        )],
    ),
    (
        Group::Services,
        &[
            "Créer avec le numérique",
            "activites-sportives-et-culturelles",
        ],
        &[("services", "Loisirs et créations numériques")],
    ),
    (
        Group::Services,
        &[
            "Soutenir la parentalité et l'éducation avec le numérique",
            "soutien-a-la-parentalite-et-a-leducation",
        ],
        &[("services", "Parentalité et éducation avec le numérique")],
    ),
    (Group::Services, &["numerique"], &[]),
    // publics
    (
        Group::Publics,
        &[
            "Familles/enfants",
            "Familles",
            "Familles/enfant",
            "Familles enfants",
        ],
        &[(P, "Familles et/ou enfants")],
    ),
    (
        Group::Publics,
        &["Jeunes (16-26 ans)", "jeunes-16-26"],
        &[(P, "Jeunes")],
    ),
    (
        Group::Publics,
        &["Seniors (+ 65 ans)", "seniors-65"],
        &[(P, "Seniors")],
    ),
    (Group::Publics, &["Uniquement femmes"], &[(P, "Femmes")]),
    (
        Group::Publics,
        &["Adultes", "tous-publics", "Tout public", "Tous publics"],
        &[],
    ),
    (
        Group::Publics,
        &["Handicaps psychiques"],
        &[(S, "Handicaps mentaux")],
    ),
    (
        Group::Publics,
        &[
            "Personnes en situation d'illettrisme",
            "personnes-en-situation-illettrisme",
        ],
        &[(S, "Illettrisme")],
    ),
    (
        Group::Publics,
        &["Public langues étrangères", "Langues étrangères"],
        &[
            (S, "Langues étrangères (anglais)"),
            (S, "Langues étrangères (autres)"),
        ],
    ),
    // fees (conditions_acces v0.1 and data·inclusion frais)
    (
        Group::Fees,
        &["gratuit-sous-conditions", "Gratuit sous conditions"],
        &[("frais_a_charge", "Gratuit sous condition")],
    ),
    (
        Group::Fees,
        &["Gratuit : Je peux accéder gratuitement au lieu et à ses services"],
        &[("frais_a_charge", "Gratuit")],
    ),
    (
        Group::Fees,
        &[
            "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)",
        ],
        &[("frais_a_charge", "Gratuit sous condition")],
    ),
    (
        Group::Fees,
        &["Payant : L'accès au lieu et/ou à ses services est payant"],
        &[("frais_a_charge", "Payant")],
    ),
    (
        Group::Fees,
        &[
            "Adhésion",
            "adhesion",
            "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer",
        ],
        &[("frais_a_charge", "Payant")],
    ),
    (
        Group::Fees,
        &[
            "Accepte le Pass numérique",
            "pass-numerique",
            "Pass numérique",
            "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu",
        ],
        &[("frais_a_charge", "Gratuit sous condition")],
    ),
    // labels
    (
        Group::Labels,
        &[
            "CNFS",
            "conseiller-numerique",
            "Conseiller numérique",
            "Conseiller numérique France Services",
        ],
        &[(D, "Conseillers numériques")],
    ),
    (
        Group::Labels,
        &["France Service", "Espace France Services"],
        &[(D, "France Services")],
    ),
    (
        Group::Labels,
        &["Grandes écoles du numérique", "Grande école"],
        &[(D, "Grande école du numérique")],
    ),
    (
        Group::Labels,
        &["Point numérique CAF", "caf"],
        &[(D, "Point d'accès numérique CAF")],
    ),
    (Group::Labels, &["croix-rouge"], &[(D, "La Croix Rouge")]),
    (Group::Labels, &["emmaus-connect"], &[(D, "Emmaüs Connect")]),
    (Group::Labels, &["pix"], &[(D, "Certification PIX")]),
    (
        Group::Labels,
        &["fabrique-de-territoire", "Fabrique de Territoire"],
        &[(F, "Fabriques de Territoire")],
    ),
    (
        Group::Labels,
        &["mon-espace-sante", "Mon Espace Santé"],
        &[(F, "Formé à « Mon Espace Santé »")],
    ),
    (
        Group::Labels,
        &[
            "Étapes numériques (La Poste)",
            "etapes-numeriques",
            "Étapes numériques",
        ],
        &[(OTHER_LABELS, "Étapes numériques (La Poste)")],
    ),
    (
        Group::Labels,
        &["APTIC", "aptic"],
        &[(OTHER_LABELS, "APTIC")],
    ),
    (
        Group::Labels,
        &["Point relais CAF"],
        &[(OTHER_LABELS, "Point relais CAF")],
    ),
    (
        Group::Labels,
        &["Relais pôle emploi"],
        &[(OTHER_LABELS, "Relais pôle emploi")],
    ),
    (
        Group::Labels,
        &["French Tech", "french-tech"],
        &[(OTHER_LABELS, "French Tech")],
    ),
    (
        Group::Labels,
        &["Campus connecté", "campus-connecte"],
        &[(OTHER_LABELS, "Campus connecté")],
    ),
    // modalites_accompagnement (v0.1 long labels and data·inclusion service types)
    (
        Group::SupportModes,
        &["Seul", "autonomie"],
        &[("modalites_accompagnement", "En autonomie")],
    ),
    (
        Group::SupportModes,
        &[
            "Avec de l'aide",
            "A ma place",
            "accompagnement",
            "delegation",
        ],
        &[("modalites_accompagnement", "Accompagnement individuel")],
    ),
    (
        Group::SupportModes,
        &["Dans un atelier", "atelier"],
        &[("modalites_accompagnement", "Dans un atelier collectif")],
    ),
    (
        Group::SupportModes,
        &[
            "À distance (par téléphone ou en visioconférence)",
            "a-distance",
        ],
        &[("modalites_accompagnement", "À distance")],
    ),
    // modalites_acces (data·inclusion modes d'orientation)
    (
        Group::AccessModes,
        &["envoyer-un-mail", "envoyer-un-courriel"],
        &[("modalites_acces", "Contacter par mail")],
    ),
    (
        Group::AccessModes,
        &["prendre-rdv", "utiliser-lien-mobilisation"],
        &[("modalites_acces", "Prendre un RDV en ligne")],
    ),
    // itinerance
    (
        Group::Mobility,
        &["Oui", "Itinérante", "Mobile", "true"],
        &[("itinerance", "Itinérant")],
    ),
    (
        Group::Mobility,
        &["Non", "false"],
        &[("itinerance", "Fixe")],
    ),
];

fn vocabularies(group: Group) -> &'static [&'static Vocabulary] {
    match group {
        Group::Services => &[&SERVICES],
        Group::Publics => &[&PUBLICS, &SPECIFIC_SUPPORT],
        Group::Fees => &[&FEES],
        Group::Labels => &[&NATIONAL_PROGRAMMES, &TRAINING_LABELS],
        Group::SupportModes => &[&SUPPORT_MODES],
        Group::AccessModes => &[&ACCESS_MODES],
        Group::Mobility => &[&MOBILITY],
        Group::Typology => &[&TYPOLOGIES],
    }
}

/// Accent-, case- and punctuation-free form used to compare values.
pub(super) fn compact(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

struct Entry {
    targets: Vec<(&'static str, &'static str)>,
    legacy: bool,
}

type Index = HashMap<Group, HashMap<String, Entry>>;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index: Index = HashMap::new();
    for group in [
        Group::Services,
        Group::Publics,
        Group::Fees,
        Group::Labels,
        Group::SupportModes,
        Group::AccessModes,
        Group::Mobility,
        Group::Typology,
    ] {
        let entries = index.entry(group).or_default();
        for vocabulary in vocabularies(group) {
            for value in vocabulary.values {
                entries.insert(
                    compact(value),
                    Entry {
                        targets: vec![(vocabulary.field, value)],
                        legacy: false,
                    },
                );
            }
        }
    }
    for (group, aliases, targets) in LEGACY {
        let entries = index.entry(*group).or_default();
        for alias in *aliases {
            entries.entry(compact(alias)).or_insert_with(|| Entry {
                targets: targets.to_vec(),
                legacy: true,
            });
        }
    }
    index
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Already the exact v1 value.
    Exact,
    /// A v1 value with damaged accents, case, apostrophes or a small typo.
    Corrected,
    /// A v0.1 label or a data·inclusion slug translated to v1.
    Translated,
}

pub(super) struct Found {
    pub targets: Vec<(&'static str, &'static str)>,
    pub kind: Kind,
}

/// `with_prefix`: also try the part before a colon (only for a single piece, so that
/// "Gratuit : …/ Payant" is not read as "Gratuit" alone).
fn lookup(group: Group, candidate: &str, with_prefix: bool) -> Option<Found> {
    let candidate = candidate.trim().trim_end_matches('.').trim();
    if candidate.is_empty() {
        return None;
    }
    for vocabulary in vocabularies(group) {
        if vocabulary.contains(candidate) {
            return Some(Found {
                targets: vec![(vocabulary.field, candidate_static(vocabulary, candidate)?)],
                kind: Kind::Exact,
            });
        }
    }
    let entries = INDEX.get(&group)?;
    let found = |entry: &Entry, translated: bool| Found {
        targets: entry.targets.clone(),
        kind: if entry.legacy || translated {
            Kind::Translated
        } else {
            Kind::Corrected
        },
    };
    // data·inclusion thematiques are "category--sub-category" slugs.
    let unslugged = match candidate.rsplit_once("--") {
        Some((_, sub)) if !candidate.contains(' ') => sub,
        _ => candidate,
    };
    let key = compact(unslugged);
    if key.is_empty() {
        return None;
    }
    if let Some(entry) = entries.get(&key) {
        // A lower-case word without spaces is a data·inclusion slug ("gratuit"), not a typo.
        let slug = unslugged != candidate
            || (!candidate.contains(' ') && !candidate.chars().any(char::is_uppercase));
        return Some(found(entry, slug));
    }
    // v0.1 long labels: "Gratuit : Je peux accéder gratuitement…".
    if let Some((head, _)) = candidate.split_once(':').filter(|_| with_prefix)
        && let Some(entry) = entries.get(&compact(head))
    {
        return Some(found(entry, true));
    }
    if group == Group::Typology || key.len() < 10 {
        return None;
    }
    let limit = if key.len() < 20 { 1 } else { 2 };
    entries
        .iter()
        .filter(|(known, _)| known.len() >= 10 && known.len().abs_diff(key.len()) <= limit)
        .find(|(known, _)| bounded_edit_distance(known, &key, limit) <= limit)
        .map(|(_, entry)| found(entry, false))
}

fn candidate_static(vocabulary: &Vocabulary, candidate: &str) -> Option<&'static str> {
    vocabulary
        .values
        .iter()
        .copied()
        .find(|value| *value == candidate)
}

/// A multi-valued cell once matched.
#[derive(Debug, Default)]
pub(super) struct Matched {
    /// (v1 column, canonical value), deduplicated, in input order.
    pub values: Vec<(&'static str, &'static str)>,
    /// Input values translated from v0.1 or data·inclusion.
    pub translated: Vec<String>,
    /// Input values whose spelling was corrected.
    pub corrected: Vec<String>,
    /// Input values not recognised.
    pub unknown: Vec<String>,
    /// A separator other than `|` was used between several values.
    pub separator_fixed: bool,
}

/// Longest run of `/`- or `,`-separated pieces tried as one value ("Arnia/MedNum BFC (…)").
const MAX_SPAN: usize = 6;

/// Splits a cell on `|`, `;` and newlines, then on `/` and `,` where the pieces are known values
/// (known values that contain `/` or `,` are matched first), and matches every value.
pub(super) fn match_cell(group: Group, cell: &str) -> Matched {
    let mut matched = Matched::default();
    let strong: Vec<&str> = cell
        .split(['|', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .collect();
    if strong.len() > 1 && cell.contains([';', '\n']) {
        matched.separator_fixed = true;
    }
    for piece in strong {
        let tokens = split_weak(piece);
        let mut start = 0;
        let mut parts = 0;
        while start < tokens.len() {
            let mut end = (start + MAX_SPAN).min(tokens.len());
            let mut hit = None;
            while end > start {
                let text = &piece[tokens[start].0..tokens[end - 1].1];
                if let Some(found) = lookup(group, text, end - start == 1) {
                    hit = Some((found, text));
                    break;
                }
                end -= 1;
            }
            match hit {
                Some((found, text)) => {
                    match found.kind {
                        Kind::Exact => {}
                        Kind::Corrected => matched.corrected.push(text.trim().to_owned()),
                        Kind::Translated => matched.translated.push(text.trim().to_owned()),
                    }
                    for target in found.targets {
                        if !matched.values.contains(&target) {
                            matched.values.push(target);
                        }
                    }
                    parts += 1;
                    start = end;
                }
                None => {
                    let text = piece[tokens[start].0..tokens[start].1].trim();
                    if !text.is_empty() {
                        matched.unknown.push(text.to_owned());
                        parts += 1;
                    }
                    start += 1;
                }
            }
        }
        if parts > 1 {
            matched.separator_fixed = true;
        }
    }
    matched
}

/// Byte ranges of the pieces of `text` between `/` and `,`.
fn split_weak(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if c == '/' || c == ',' {
            ranges.push((start, index));
            start = index + c.len_utf8();
        }
    }
    ranges.push((start, text.len()));
    ranges
}

/// Whether a `services` cell is written in v1 (`Some(true)`) or v0.1 (`Some(false)`) values.
pub(super) fn services_version(cell: &str) -> Option<bool> {
    let first = cell
        .split(['|', ';', '\n'])
        .map(str::trim)
        .find(|p| !p.is_empty())?;
    let found = lookup(Group::Services, first, true)?;
    Some(found.kind != Kind::Translated)
}
