//! The register of processing (registre des traitements): one declaration, in this file, of
//! every table of the database, whose data it holds, why, who reads it and how long it is
//! kept. `relais registre` prints it; an integration test compares it with the real schema so
//! that a new table or a personal column cannot appear without being declared here, and
//! refuses columns that suggest an identity in tables about participants.

/// Whose data a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subjects {
    /// Staff accounts (coordinators, managers, helpers).
    Staff,
    /// Participants, never identified: counts and anonymous profiles only.
    AnonymousParticipants,
    /// Participants referred to another place, with their consent: only what they agreed to
    /// share, blanked after the referral is closed.
    ReferredParticipants,
    /// People registered to a workshop: a first name and, with their consent, a contact for a
    /// reminder; deleted the day after the workshop.
    WorkshopParticipants,
    /// Organisations and their places, as published in the open-data directory.
    Organisations,
    /// Nothing about people (settings, technical tables).
    Nobody,
}

impl Subjects {
    pub fn label(self) -> &'static str {
        match self {
            Self::Staff => "membres de l'équipe (comptes)",
            Self::AnonymousParticipants => "personnes accompagnées, sans identité",
            Self::ReferredParticipants => "personnes orientées, avec leur accord",
            Self::WorkshopParticipants => "personnes inscrites à un atelier",
            Self::Organisations => "structures et lieux (données publiques)",
            Self::Nobody => "aucune personne",
        }
    }
}

/// One table of the register.
#[derive(Clone, Copy, Debug)]
pub struct Processing {
    pub table: &'static str,
    pub subjects: Subjects,
    /// Columns holding data about a person (may be empty).
    pub personal_columns: &'static [&'static str],
    pub purpose: &'static str,
    pub readers: &'static str,
    pub retention: &'static str,
}

const STAFF_READERS: &str = "la personne elle-même, la coordination du réseau";

/// Every table, in alphabetical order.
pub const REGISTER: &[Processing] = &[
    Processing {
        table: "activities",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[
            "helper_id",
            "age_band",
            "gender",
            "social_status",
            "residence_commune",
            "note",
        ],
        purpose: "Compter les accompagnements pour le réseau et ses financeurs, sans nom ni contact.",
        readers: "l'encadrant qui l'a saisi, les responsables de sa structure (note comprise), la coordination (sans les notes)",
        retention: "conservé pour les statistiques ; l'auteur est effacé avec son compte",
    },
    Processing {
        table: "activity_counts",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[],
        purpose: "Nombre de participants d'un atelier par âge, genre et situation.",
        readers: "comme les accompagnements",
        retention: "comme l'accompagnement",
    },
    Processing {
        table: "audit_log",
        subjects: Subjects::Staff,
        personal_columns: &["actor_user_id"],
        purpose: "Savoir qui a fait quelle modification (jamais le contenu des formulaires).",
        readers: "la coordination du réseau",
        retention: "conservé (journal non modifiable)",
    },
    Processing {
        table: "charter_adhesions",
        subjects: Subjects::Staff,
        personal_columns: &["adhered_by"],
        purpose: "Adhésion d'une structure à la charte du réseau.",
        readers: "les responsables de la structure, la coordination",
        retention: "conservé tant que la structure existe",
    },
    Processing {
        table: "charter_commitments",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Engagements de chaque version des chartes.",
        readers: "tout le monde",
        retention: "conservé",
    },
    Processing {
        table: "charter_signatures",
        subjects: Subjects::Staff,
        personal_columns: &["user_id", "full_name", "helper_kind", "signed_at_place"],
        purpose: "Signature de la charte des encadrants, version exacte comprise.",
        readers: STAFF_READERS,
        retention: "tant que le compte existe ; effacée avec lui",
    },
    Processing {
        table: "charter_versions",
        subjects: Subjects::Staff,
        personal_columns: &["published_by"],
        purpose: "Textes des chartes publiés, version par version.",
        readers: "tout le monde (texte), la coordination (auteur)",
        retention: "conservé",
    },
    Processing {
        table: "commitment_assessments",
        subjects: Subjects::Staff,
        personal_columns: &["assessed_by", "comment"],
        purpose: "Auto-évaluation des engagements de la charte par chaque structure.",
        readers: "les responsables de la structure, la coordination",
        retention: "conservé tant que la structure existe",
    },
    Processing {
        table: "diagnostic_counts",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[],
        purpose: "Nombre de diagnostics faits par lieu et par mois, par niveau et par besoin ; les réponses restent dans le code gardé par la personne.",
        readers: "l'équipe du lieu ; ailleurs, les nombres de 1 à 4 sont masqués",
        retention: "conservé pour les statistiques (aucune donnée individuelle)",
    },
    Processing {
        table: "directory_revision",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Numéro de version de l'annuaire (recherche).",
        readers: "le serveur",
        retention: "une seule ligne",
    },
    Processing {
        table: "helper_feeds",
        subjects: Subjects::Staff,
        personal_columns: &["user_id"],
        purpose: "Adresse secrète de l'agenda d'un encadrant (seule une empreinte est gardée).",
        readers: "la personne elle-même",
        retention: "jusqu'à sa suppression par la personne ou celle du compte",
    },
    Processing {
        table: "invitations",
        subjects: Subjects::Staff,
        personal_columns: &["email"],
        purpose: "Inviter une personne à rejoindre l'équipe.",
        readers: "la personne qui invite, la coordination",
        retention: "courriel oublié dès l'acceptation ; lien effacé 7 jours après (purge)",
    },
    Processing {
        table: "job_runs",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Faire passer chaque tâche de nettoyage une seule fois par période, même avec plusieurs serveurs.",
        readers: "le serveur",
        retention: "30 jours",
    },
    Processing {
        table: "login_failures",
        subjects: Subjects::Staff,
        personal_columns: &["key_hash"],
        purpose: "Freiner les tentatives de connexion (empreinte du courriel ou de l'adresse).",
        readers: "le serveur",
        retention: "1 jour (purge)",
    },
    Processing {
        table: "meeting_answers",
        subjects: Subjects::Staff,
        personal_columns: &["user_id", "answer", "attended"],
        purpose: "Réponses aux invitations des séances de travail du réseau et présences.",
        readers: "l'équipe du réseau",
        retention: "tant que la séance existe ; effacé avec le compte",
    },
    Processing {
        table: "meetings",
        subjects: Subjects::Staff,
        personal_columns: &["created_by"],
        purpose: "Séances de travail communes du réseau : date, lieu, ordre du jour, compte rendu (textes vérifiés : aucune donnée personnelle).",
        readers: "l'équipe du réseau",
        retention: "conservé ; l'auteur est effacé avec son compte",
    },
    Processing {
        table: "memberships",
        subjects: Subjects::Staff,
        personal_columns: &["user_id"],
        purpose: "Structures auxquelles appartient chaque membre de l'équipe.",
        readers: STAFF_READERS,
        retention: "tant que le compte existe",
    },
    Processing {
        table: "network",
        subjects: Subjects::Organisations,
        personal_columns: &[],
        purpose: "Nom et territoire du réseau.",
        readers: "tout le monde",
        retention: "une seule ligne",
    },
    Processing {
        table: "news_items",
        subjects: Subjects::Staff,
        personal_columns: &["author_id", "moderated_by"],
        purpose: "Actualités et événements proposés par l'équipe, publiés par la coordination (textes vérifiés : aucune donnée personnelle).",
        readers: "l'auteur et la coordination avant publication ; toute l'équipe après, tout le monde si publiée sur la page publique",
        retention: "conservé ; l'auteur est effacé avec son compte",
    },
    Processing {
        table: "organization_contacts",
        subjects: Subjects::Staff,
        personal_columns: &["user_id", "chosen_by"],
        purpose: "La personne de l'équipe qu'une structure désigne comme contact pour les autres membres du réseau (annuaire des membres).",
        readers: "l'équipe du réseau (annuaire des membres, réservé à l'équipe)",
        retention: "tant que la personne a son compte et que la structure ne change pas de contact",
    },
    Processing {
        table: "organizations",
        subjects: Subjects::Organisations,
        personal_columns: &[],
        purpose: "Structures membres : nom, identifiants, contacts de la structure.",
        readers: "l'équipe",
        retention: "tant que la structure est membre",
    },
    Processing {
        table: "password_resets",
        subjects: Subjects::Staff,
        personal_columns: &["user_id"],
        purpose: "Liens de réinitialisation de mot de passe (empreinte seulement).",
        readers: "le serveur",
        retention: "effacé après usage ou 48 h (purge)",
    },
    Processing {
        table: "permanence_duties",
        subjects: Subjects::Staff,
        personal_columns: &["user_id", "assigned_by"],
        purpose: "Encadrants présents à chaque date de permanence.",
        readers: "l'équipe de la structure, la coordination",
        retention: "conservé pour l'historique ; effacé avec le compte",
    },
    Processing {
        table: "permanence_exceptions",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Dates annulées (avec un motif public) ou ajoutées.",
        readers: "tout le monde",
        retention: "tant que la permanence existe",
    },
    Processing {
        table: "permanences",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Horaires des permanences des lieux.",
        readers: "tout le monde",
        retention: "tant que le lieu existe",
    },
    Processing {
        table: "place_closures",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Fermetures temporaires des lieux.",
        readers: "tout le monde",
        retention: "tant que le lieu existe",
    },
    Processing {
        table: "place_duplicate_dismissals",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Paires de lieux écartées du tableau des doublons.",
        readers: "la coordination",
        retention: "tant que les lieux existent",
    },
    Processing {
        table: "place_merges",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Lieux fusionnés, pour qu'un nouvel import ne les recrée pas.",
        readers: "la coordination",
        retention: "conservé",
    },
    Processing {
        table: "place_posters",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Règles affichées sur l'affiche d'un lieu, date de dernière impression.",
        readers: "tout le monde (affiche)",
        retention: "tant que le lieu existe",
    },
    Processing {
        table: "places",
        subjects: Subjects::Organisations,
        personal_columns: &[],
        purpose: "Annuaire des lieux (données ouvertes publiées) : seules les colonnes du standard sont importées.",
        readers: "tout le monde (lieux publics)",
        retention: "tant que le lieu existe",
    },
    Processing {
        table: "prevention_sheets",
        subjects: Subjects::Staff,
        personal_columns: &["updated_by"],
        purpose: "Fiches de prévention modifiées ou ajoutées par la coordination.",
        readers: "tout le monde (fiches publiques)",
        retention: "tant que la fiche existe ; l'auteur de la modification est effacé avec son compte",
    },
    Processing {
        table: "public_charter_acknowledgements",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[],
        purpose: "Nombre de personnes ayant pris connaissance de la charte publique (un nombre, jamais un nom).",
        readers: "l'équipe de la structure, la coordination",
        retention: "conservé pour les statistiques",
    },
    Processing {
        table: "referral_code_failures",
        subjects: Subjects::Staff,
        personal_columns: &["key_hash"],
        purpose: "Freiner et tracer les codes de fiche erronés (empreinte du compte ou de l'adresse).",
        readers: "le serveur",
        retention: "1 jour (purge)",
    },
    Processing {
        table: "referral_links",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Lien signé d'un partenaire sans compte (seule une empreinte est gardée).",
        readers: "le serveur",
        retention: "8 jours, renouvelable ; effacé à son expiration ou à la clôture (purge)",
    },
    Processing {
        table: "referrals",
        subjects: Subjects::ReferredParticipants,
        personal_columns: &[
            "sender_id",
            "first_name",
            "contact_way",
            "contact",
            "need",
            "refusal_reason",
        ],
        purpose: "Passer le relais à un autre lieu avec l'accord de la personne : seulement ce qu'elle accepte de partager (prénom ou initiales, un contact pour la rappeler, le besoin).",
        readers: "l'encadrant qui oriente et les responsables de sa structure, l'équipe de la structure destinataire (ce que la personne a accepté de partager), le partenaire par lien signé ; la coordination voit seulement des nombres",
        retention: "jusqu'à la clôture (venue, refus, annulation, ou expiration après 30 jours sans suite), puis effacé après RELAIS_REFERRAL_RETENTION_DAYS jours (30 par défaut) ; les nombres restent",
    },
    Processing {
        table: "resources",
        subjects: Subjects::Staff,
        // A file's name is kept as sent (checked by the privacy guard) to name the download.
        personal_columns: &["added_by", "file_name"],
        purpose: "Bibliothèque de ressources partagées par l'équipe (liens et fichiers vérifiés).",
        readers: "l'équipe du réseau",
        retention: "tant que la ressource existe (archivable) ; l'auteur est effacé avec son compte",
    },
    Processing {
        table: "schema_migrations",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Version de la base de données.",
        readers: "le serveur",
        retention: "conservé",
    },
    Processing {
        table: "sessions",
        subjects: Subjects::Staff,
        personal_columns: &["user_id", "last_seen_at"],
        purpose: "Sessions de connexion (empreinte du jeton seulement).",
        readers: "la personne elle-même (export), le serveur",
        retention: "fin de session, 2 h d'inactivité ou 12 h au plus (purge)",
    },
    Processing {
        table: "stats_daily",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[],
        purpose: "Compteurs quotidiens des accompagnements par lieu et par critère, pour les tableaux de bord et les bilans.",
        readers: "les responsables de structure (leurs structures), la coordination ; en public, des totaux où les petits nombres sont masqués",
        retention: "comme les accompagnements ; recalculés par « relais stats rebuild »",
    },
    Processing {
        table: "stats_monthly",
        subjects: Subjects::AnonymousParticipants,
        personal_columns: &[],
        purpose: "Mêmes compteurs par mois des accompagnements par lieu et par critère, pour les tableaux de bord et les bilans.",
        readers: "les responsables de structure (leurs structures), la coordination ; en public, des totaux où les petits nombres sont masqués",
        retention: "comme les accompagnements ; recalculés par « relais stats rebuild »",
    },
    Processing {
        table: "users",
        subjects: Subjects::Staff,
        personal_columns: &["email", "display_name", "password_hash"],
        purpose: "Comptes de l'équipe (jamais de compte pour les personnes accompagnées).",
        readers: STAFF_READERS,
        retention: "tant que le compte existe ; exportable et supprimable par la personne",
    },
    Processing {
        table: "workshop_helpers",
        subjects: Subjects::Staff,
        personal_columns: &["user_id"],
        purpose: "Les encadrants prévus pour un atelier.",
        readers: "l'équipe de la structure et la coordination",
        retention: "avec l'atelier ; effacé avec le compte",
    },
    Processing {
        table: "workshop_registrations",
        subjects: Subjects::WorkshopParticipants,
        personal_columns: &["first_name", "contact", "client_hash"],
        purpose: "Inscrire une personne à un atelier : son prénom et, si elle le veut, un téléphone ou un e-mail pour la rappeler (avec son accord) ; l'empreinte de l'adresse de connexion limite les inscriptions automatiques.",
        readers: "l'équipe de la structure du lieu et la coordination",
        retention: "effacé le lendemain de la dernière séance (ou un jour après l'annulation), par la tâche purge_workshops",
    },
    Processing {
        table: "workshop_sessions",
        subjects: Subjects::Nobody,
        personal_columns: &[],
        purpose: "Les dates et heures des séances d'un atelier, et l'accompagnement collectif noté pour chacune.",
        readers: "tout le monde (agenda public)",
        retention: "avec l'atelier",
    },
    Processing {
        table: "workshops",
        subjects: Subjects::Nobody,
        personal_columns: &["created_by"],
        purpose: "Les ateliers proposés : titre, thèmes, niveau, lieu, places, présentation.",
        readers: "tout le monde (agenda public) ; l'auteur pour l'équipe",
        retention: "conservé pour l'historique des ateliers ; l'auteur est effacé avec son compte",
    },
];

/// Column names that suggest a person's identity or contact.
pub const IDENTITY_MARKERS: [&str; 12] = [
    "name",
    "nom",
    "phone",
    "telephone",
    "email",
    "courriel",
    "mail",
    "birth",
    "naissance",
    "address",
    "adresse",
    "ip",
];

/// Columns whose name looks like an identity but holds none.
pub const NOT_IDENTITIES: [(&str, &str); 2] = [
    // A flag: whether the person agreed to share their first name.
    ("referrals", "consent_name"),
    ("schema_migrations", "name"),
];

/// Whether a column name suggests an identity or a contact (`ip` only as a whole word).
pub fn suggests_identity(column: &str) -> bool {
    column.split('_').any(|word| {
        IDENTITY_MARKERS
            .iter()
            .any(|marker| word == *marker || (marker.len() > 3 && word.contains(marker)))
    })
}

/// The register as French text, for `relais registre`.
pub fn render() -> String {
    let mut text = String::from(
        "Registre des traitements de Relais\n\
         ==================================\n\n\
         Aucune personne accompagnée n'a de compte ni d'identité enregistrée. \
         Les mots de passe et identifiants des personnes ne sont jamais gardés.\n",
    );
    for processing in REGISTER {
        text.push_str(&format!(
            "\nTable {}\n  Données de : {}\n  Colonnes personnelles : {}\n  Finalité : {}\n  Qui y accède : {}\n  Conservation : {}\n",
            processing.table,
            processing.subjects.label(),
            if processing.personal_columns.is_empty() {
                "aucune".to_owned()
            } else {
                processing.personal_columns.join(", ")
            },
            processing.purpose,
            processing.readers,
            processing.retention,
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_markers_match_whole_words_and_names() {
        for column in [
            "email",
            "display_name",
            "full_name",
            "telephone",
            "date_naissance",
            "client_ip",
        ] {
            assert!(suggests_identity(column), "{column}");
        }
        for column in [
            "ship_to",
            "participants",
            "on_date",
            "helper_id",
            "kind",
            "permanence_id",
        ] {
            assert!(!suggests_identity(column), "{column}");
        }
    }

    #[test]
    fn the_register_is_sorted_and_lists_each_table_once() {
        let tables: Vec<&str> = REGISTER.iter().map(|p| p.table).collect();
        let mut sorted = tables.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(tables, sorted);
        assert!(render().contains("Table activities"));
    }
}
