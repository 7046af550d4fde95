//! The value lists of the open-data standard "Schéma des lieux de médiation numérique" v1.0.1,
//! verbatim (accents, apostrophes and parentheses matter for validation), with the URL slug of
//! each value. v1.0.1 is the version published on schema.data.gouv.fr; the one value v1.0.2 adds
//! ("Étapes numériques (La Poste)") is kept in `autres_formations_labels` so exports validate
//! against both.

use crate::text::{fold, slug};

/// A closed list of the standard: its field name and allowed values.
#[derive(Debug)]
pub struct Vocabulary {
    pub field: &'static str,
    pub values: &'static [&'static str],
}

impl Vocabulary {
    /// The exact value matching `input` after folding accents, case, apostrophes and spaces.
    pub fn canonical(&self, input: &str) -> Option<&'static str> {
        let wanted = compact(input);
        self.values
            .iter()
            .copied()
            .find(|value| compact(value) == wanted)
    }

    pub fn contains(&self, value: &str) -> bool {
        self.values.contains(&value)
    }

    pub fn from_slug(&self, wanted: &str) -> Option<&'static str> {
        self.values
            .iter()
            .copied()
            .find(|value| slug(value) == wanted)
    }

    /// (slug, label) pairs, for filter forms.
    pub fn options(&self) -> Vec<(String, &'static str)> {
        self.values
            .iter()
            .map(|value| (slug(value), *value))
            .collect()
    }
}

fn compact(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

pub const SERVICES: Vocabulary = Vocabulary {
    field: "services",
    values: &[
        "Aide aux démarches administratives",
        "Maîtrise des outils numériques du quotidien",
        "Insertion professionnelle via le numérique",
        "Utilisation sécurisée du numérique",
        "Parentalité et éducation avec le numérique",
        "Loisirs et créations numériques",
        "Compréhension du monde numérique",
        "Accès internet et matériel informatique",
        "Acquisition de matériel informatique à prix solidaire",
    ],
};

pub const PUBLICS: Vocabulary = Vocabulary {
    field: "publics_specifiquement_adresses",
    values: &[
        "Jeunes",
        "Étudiants",
        "Familles et/ou enfants",
        "Seniors",
        "Femmes",
    ],
};

pub const SPECIFIC_SUPPORT: Vocabulary = Vocabulary {
    field: "prise_en_charge_specifique",
    values: &[
        "Surdité",
        "Handicaps moteurs",
        "Handicaps mentaux",
        "Illettrisme",
        "Langues étrangères (anglais)",
        "Langues étrangères (autres)",
        "Déficience visuelle",
    ],
};

pub const FEES: Vocabulary = Vocabulary {
    field: "frais_a_charge",
    values: &["Gratuit", "Gratuit sous condition", "Payant"],
};

pub const NATIONAL_PROGRAMMES: Vocabulary = Vocabulary {
    field: "dispositif_programmes_nationaux",
    values: &[
        "Aidants Connect",
        "Bibliothèques numérique de référence",
        "Certification PIX",
        "Conseillers numériques",
        "Emmaüs Connect",
        "France Services",
        "Grande école du numérique",
        "La Croix Rouge",
        "Point d'accès numérique CAF",
        "Promeneurs du net",
        "Relais numérique (Emmaüs Connect)",
    ],
};

pub const TRAINING_LABELS: Vocabulary = Vocabulary {
    field: "formations_labels",
    values: &[
        "Formé à « Mon Espace Santé »",
        "Formé à « DUPLEX » (illettrisme)",
        "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        "Collectif ressources et acteurs réemploi (Normandie)",
        "Fabriques de Territoire",
        "Les Éclaireurs du numérique (Drôme)",
        "Mes Papiers (Métropole de Lyon)",
        "ORDI 3.0",
        "SUD LABS (PACA)",
    ],
};

pub const ACCESS_MODES: Vocabulary = Vocabulary {
    field: "modalites_acces",
    values: &[
        "Se présenter",
        "Téléphoner",
        "Contacter par mail",
        "Prendre un RDV en ligne",
        "Ce lieu n'accueille pas de public",
        "Envoyer un mail avec une fiche de prescription",
    ],
};

pub const SUPPORT_MODES: Vocabulary = Vocabulary {
    field: "modalites_accompagnement",
    values: &[
        "En autonomie",
        "Accompagnement individuel",
        "Dans un atelier collectif",
        "À distance",
    ],
};

pub const MOBILITY: Vocabulary = Vocabulary {
    field: "itinerance",
    values: &["Itinérant", "Fixe"],
};

/// The frozen data·inclusion v0 "typologies de structure" codes the standard points to.
pub const TYPOLOGIES: Vocabulary = Vocabulary {
    field: "typologie",
    values: &[
        "ACI",
        "ACIPHC",
        "AFPA",
        "AI",
        "ASE",
        "ASSO",
        "ASSO_CHOMEUR",
        "Autre",
        "AVIP",
        "BIB",
        "CAARUD",
        "CADA",
        "CAF",
        "CAP_EMPLOI",
        "CAVA",
        "CC",
        "CCAS",
        "CCONS",
        "CD",
        "CDAS",
        "CFP",
        "CHRS",
        "CHU",
        "CIAS",
        "CIDFF",
        "CITMET",
        "CMP",
        "CMS",
        "CPAM",
        "CPH",
        "CS",
        "CSAPA",
        "CSC",
        "DEETS",
        "DEPT",
        "DIPLP",
        "E2C",
        "EA",
        "EATT",
        "EI",
        "EITI",
        "ENM",
        "EPCI",
        "EPI",
        "EPIDE",
        "EPN",
        "ES",
        "ESS",
        "ETABL_PRI",
        "ETABL_PUB",
        "ETAT",
        "ETTI",
        "EVS",
        "FABLAB",
        "FAIS",
        "FT",
        "GEIQ",
        "HUDA",
        "LA_POSTE",
        "MDE",
        "MDEF",
        "MDPH",
        "MDS",
        "MJC",
        "ML",
        "MQ",
        "MSA",
        "MSAP",
        "MUNI",
        "OACAS",
        "ODC",
        "OF",
        "OIL",
        "OPCS",
        "PAD",
        "PENSION",
        "PI",
        "PIJ_BIJ",
        "PIMMS",
        "PJJ",
        "PLIE",
        "PREF",
        "PREVENTION",
        "REG",
        "RESSOURCERIE",
        "RFS",
        "RS_FJT",
        "SCP",
        "SPIP",
        "TIERS_LIEUX",
        "UDAF",
    ],
};

/// The 32 columns of the standard v1, in schema order.
pub const COLUMNS: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_values_survive_accent_case_and_apostrophe_damage() {
        assert_eq!(
            SERVICES.canonical("Comprehension du monde numerique"),
            Some("Compréhension du monde numérique")
        );
        assert_eq!(
            ACCESS_MODES.canonical("Ce lieu n’accueille pas de public"),
            Some("Ce lieu n'accueille pas de public")
        );
        assert_eq!(FEES.canonical("gratuit"), Some("Gratuit"));
        assert_eq!(FEES.canonical("Gratuit sous conditions !"), None);
    }

    #[test]
    fn slugs_round_trip_for_every_value() {
        for vocabulary in [
            &SERVICES,
            &PUBLICS,
            &SPECIFIC_SUPPORT,
            &FEES,
            &NATIONAL_PROGRAMMES,
            &TRAINING_LABELS,
            &ACCESS_MODES,
            &SUPPORT_MODES,
            &MOBILITY,
        ] {
            for (slug, label) in vocabulary.options() {
                assert_eq!(
                    vocabulary.from_slug(&slug),
                    Some(label),
                    "{}",
                    vocabulary.field
                );
            }
        }
    }
}
