//! The value lists of an accompaniment record, aligned with what networks record nationally
//! (`shared/DOMAIN.md`) so that figures compare. Each value has a stable code (stored) and a
//! French label (shown); labels are the product's own words.

/// A list of values: `(code, label)`.
pub type Values = &'static [(&'static str, &'static str)];

pub const DURATIONS: [i64; 6] = [15, 30, 45, 60, 90, 120];

pub const THEMES: Values = &[
    ("prise-en-main", "Prendre en main un appareil"),
    ("internet", "Naviguer sur internet"),
    ("courriel", "Courriel (e-mail)"),
    ("bureautique", "Bureautique (textes, tableaux)"),
    ("reseaux-sociaux", "Réseaux sociaux, messageries"),
    ("sante", "Santé en ligne"),
    ("banque-achats", "Banque et achats en ligne"),
    ("emploi", "Recherche d'emploi"),
    ("securite", "Sécurité numérique"),
    ("parentalite", "Parentalité"),
    ("scolarite", "Scolarité"),
    ("creation", "Créer (photos, vidéos, documents)"),
    ("culture-numerique", "Culture numérique"),
    ("ia", "Intelligence artificielle"),
    ("demarches", "Démarches administratives en ligne"),
];

/// The theme that opens the list of procedure domains.
pub const PROCEDURES_THEME: &str = "demarches";

pub const PROCEDURE_DOMAINS: Values = &[
    ("papiers-citoyennete", "Papiers, citoyenneté"),
    ("famille-scolarite", "Famille, scolarité"),
    ("social-sante", "Social, santé"),
    ("travail-formation", "Travail, formation"),
    ("logement", "Logement"),
    ("transports", "Transports, mobilité"),
    ("argent-impots", "Argent, impôts"),
    ("justice", "Justice"),
    ("etrangers", "Étrangers en France"),
    ("loisirs", "Loisirs"),
    ("associations", "Associations"),
];

pub const EQUIPMENT: Values = &[
    ("ordinateur", "Ordinateur"),
    ("telephone", "Téléphone"),
    ("tablette", "Tablette"),
    ("autre", "Autre appareil"),
    ("aucun", "Aucun"),
];

pub const AUTONOMY: Values = &[
    ("guide", "Accompagnée pas à pas"),
    ("avec-aide", "Autonome avec un peu d'aide"),
    ("autonome", "Autonome"),
];

/// Yes / no / not applicable (last click, end-of-session checklist).
pub const TRISTATE: Values = &[("oui", "Oui"), ("non", "Non"), ("sans-objet", "Sans objet")];

pub const REFERRALS: Values = &[
    ("aucune", "Aucune orientation"),
    ("lieu-reseau", "Un autre lieu du réseau"),
    ("france-services", "France services"),
    ("caf", "CAF"),
    ("cpam", "Assurance maladie (CPAM)"),
    ("ccas-mairie", "CCAS ou mairie"),
    ("emploi", "France Travail, mission locale"),
    ("travailleur-social", "Travailleur social"),
    ("autre", "Autre structure"),
];

/// Prevention topics covered; each value is also the id of a printable prevention sheet
/// (`prevention`).
pub const PREVENTION: Values = &[
    ("arnaques", "Arnaques et hameçonnage"),
    ("mots-de-passe", "Mots de passe, double authentification"),
    ("donnees", "Données personnelles"),
    ("navigation", "Navigation sûre"),
    ("fausses-infos", "Fausses informations"),
    ("enfants", "Enfants et écrans"),
    ("mises-a-jour", "Mises à jour, sauvegardes"),
    ("faux-sites", "Faux sites administratifs"),
    ("wifi-public", "Wi-Fi public"),
    ("telephone-sms", "Arnaques par téléphone et SMS"),
    ("ordinateur-partage", "Ordinateur partagé, déconnexion"),
];

pub const AGE_BANDS: Values = &[
    ("moins-12", "Moins de 12 ans"),
    ("12-17", "12 à 17 ans"),
    ("18-24", "18 à 24 ans"),
    ("25-39", "25 à 39 ans"),
    ("40-59", "40 à 59 ans"),
    ("60-69", "60 à 69 ans"),
    ("70-plus", "70 ans et plus"),
    ("non-renseigne", "Non renseigné"),
];

pub const GENDERS: Values = &[
    ("femme", "Femme"),
    ("homme", "Homme"),
    ("autre", "Autre"),
    ("non-renseigne", "Non renseigné"),
];

pub const SOCIAL_STATUSES: Values = &[
    ("scolarise", "Scolarisé·e"),
    ("sans-emploi", "Sans emploi"),
    ("en-emploi", "En emploi"),
    ("retraite", "À la retraite"),
    ("non-renseigne", "Non renseigné"),
];

pub const WORKSHOP_LEVELS: Values = &[
    ("debutant", "Débutant"),
    ("intermediaire", "Intermédiaire"),
    ("avance", "Avancé"),
];

pub const LOCATIONS: Values = &[
    ("lieu", "Dans un lieu du réseau"),
    ("domicile", "Au domicile de la personne"),
    ("distance", "À distance (téléphone, visio)"),
    ("ailleurs", "Ailleurs"),
];

/// The label of `code` in `values` (the code itself when unknown).
pub fn label(values: Values, code: &str) -> &'static str {
    values
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, label)| label)
}

/// Whether `code` is one of `values`.
pub fn is_known(values: Values, code: &str) -> bool {
    values.iter().any(|(c, _)| *c == code)
}
