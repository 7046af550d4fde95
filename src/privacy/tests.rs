//! The guard's corpus (realistic helper notes that must pass, and others that must be refused
//! for a given reason) and property tests for the checksummed detectors.

use super::checksums::{iban_check_digits, luhn_check_digit, nir_key};
use super::*;
use proptest::prelude::*;

/// Notes a busy helper writes that hold nothing personal and nothing secret.
const SHOULD_PASS: &[&str] = &[
    "Aide pour déclarer ses revenus sur impots.gouv",
    "Mise à jour Windows 11",
    "Rdv CAF mardi 14h30",
    "Cerfa 12345*03 rempli avec la personne",
    "Le code postal 16000",
    "Révision du code de la route sur l'application",
    "iPhone 12 : paramétrage de la messagerie",
    "Ouvert Mo-Fr 09:00-12:00",
    "Horaires : du lundi au vendredi de 9h à 12h et de 14h à 17h",
    "Abonnement à 12,50 € par mois",
    "Imprimante à 89,99 €, conseillé de comparer les prix",
    "SIRET de l'association : 732 829 320 00074",
    "SIRET 44306184100047 pour la facture",
    "SIREN 443 061 841",
    "Mot de passe oublié : réinitialisation faite avec la personne",
    "Création d'un mot de passe solide, expliqué à la personne",
    "Explication : un bon mot de passe a au moins 12 caractères",
    "Aide à la création d'un identifiant France Connect",
    "Identifiant oublié, renvoyé par courrier",
    "Code PIN bloqué, orientation vers la boutique de l'opérateur",
    "Le code de déverrouillage a été changé par la personne elle-même",
    "Appel au 3949 pour France Travail",
    "Numéro vert 0 800 123 456 de l'assurance maladie",
    "Numéro de la plateforme : 08 00 12 34 56",
    "Permanence le 12/03/2025 de 9h à 12h",
    "Rendez-vous pris pour le 3 mars 2025",
    "Personne âgée de 72 ans, première visite",
    "Née en 1950, souhaite apprendre à utiliser sa tablette",
    "Samsung Galaxy A52 : transfert des photos",
    "Version Android 13 installée",
    "Passage de Windows 10 à Windows 11, 2 heures",
    "Mise à jour 10.0.19045.3570 téléchargée",
    "Formulaire Cerfa n°15776*01 pour la carte grise",
    "Dossier MDPH : aide à remplir le formulaire",
    "Ameli : téléchargement de l'attestation de droits",
    "Prise en main d'un smartphone Android, 45 minutes",
    "Prix du forfait : 9,99 €/mois, 100 Go",
    "Code INSEE de la commune : 16015",
    "Salle 2B au premier étage",
    "Bus ligne 4, arrêt Hôtel de ville",
    "Atelier du 14 au 18 octobre",
    "Mot de passe du Wi-Fi de la médiathèque affiché à l'accueil",
    "Explication de la double authentification avec un code reçu par SMS",
    "Formation de 2 h sur les arnaques au faux conseiller bancaire",
    "Le colis n'est pas arrivé, suivi sur laposte.fr",
    "Écrire à accueil@mairie-angouleme.fr pour la demande",
    "Formulaire à envoyer à contact@caf.fr",
    "Installation de l'application France Identité",
    "RDV à 10:30 avec l'assistante sociale",
    "Rappel : permanence au 12 rue de la Paix, 16000 Angoulême",
    "Aide pour la prime d'activité, simulation sur caf.fr",
    "Renouvellement du titre de séjour sur l'ANEF",
    "Tarif réduit : 5 € au lieu de 8 €",
    "Utilisation du scanner, 3 pages numérisées",
    "Achat d'une clé USB 32 Go",
    "Déclaration trimestrielle RSA faite en autonomie",
    "Le dernier clic a été fait par la personne",
    "Connexion au compte Ameli via France Connect",
    "Carte Vitale : commande d'une nouvelle carte en ligne",
    "Pass numérique utilisé : 1 chèque de 10 €",
    "Impression de 4 pages en couleur",
    "Prochain atelier le 05/11 de 14:00 à 16:00",
    "PC portable HP 15s-eq2000 : lenteur au démarrage",
    "Box internet : redémarrage, voyant rouge",
    "Explication du 2FA sur le compte bancaire",
    "Orientation vers la permanence France Services de Cognac",
    "Numéro de dossier à retrouver sur le courrier de la CAF",
    "Coût de la formation : 1 250,00 €",
    "Ouverture : Mo-Fr 08:30-12:30,13:30-17:00; Sa 09:00-12:00",
    "Code de la famille : explication des allocations",
    "Réinitialisation du mot de passe de la messagerie Orange",
    "Il a changé son mot de passe lui-même",
    "Mot de passe noté dans le carnet de la personne, pas ici",
    "Identifiant fiscal à retrouver sur l'avis d'imposition",
    "Aide pour créer une adresse e-mail chez La Poste",
    "Envoi d'un mail avec pièce jointe",
    "Le compte Gmail de la personne a été créé, elle a noté ses accès elle-même",
    "Explication du QR code sur le passe sanitaire",
    "Tablette Lenovo Tab M10, 64 Go",
    "Forfait 2 h, 30 min de pause",
    "Durée : 1h30",
    "Téléphone Samsung A14 : installation de WhatsApp",
    "Prise de rendez-vous sur Doctolib pour le 21/11 à 9h15",
    "Version 2.4.1 de l'application",
    "Prime de 150 € versée en mars",
    "La norme ISO 27001 expliquée en deux mots",
    "Commande n° 2024-11-0457 suivie en ligne",
    "Département 16, arrondissement de Cognac",
    "Code APE 9499Z de l'association",
    "Horaires d'été : 9h-12h / 14h-18h",
    "Le 1er avril, atelier sur les arnaques",
    "Attestation France Travail imprimée en 2 exemplaires",
    "Code promo expliqué pour le site de vente",
    "Cerfa 15776*01 et Cerfa 13750*07 imprimés",
    "Réservation TER Angoulême – Bordeaux du 12 décembre",
    "La personne a retrouvé son identifiant tout seul",
    "Aide au paiement en ligne d'une amende (ANTAI)",
    "Explication des cartes bancaires virtuelles",
    "Le téléphone affiche l'erreur 0x80070005 lors de la mise à jour",
    "Adresse du site : https://www.service-public.fr/particuliers/vosdroits/F1234",
    "Mot de passe : à créer lors du prochain rendez-vous",
    "Mdp : voir avec sa fille",
    "Code wifi affiché dans la salle",
    "Sauvegarde des photos sur une carte SD de 64 Go",
    "Prix : 1 299 € TTC",
    "Rdv à la CPAM, guichet 3",
    "Le bus 12 passe à 7h45",
    "Semaine 42 : 3 ateliers, 27 personnes",
    "Mise à jour de l'iPhone 15 Pro vers iOS 17.4",
    "Code d'accès à demander à l'accueil de la médiathèque",
    "Le mot de passe doit contenir 8 caractères dont 1 chiffre",
    "Numéro fiscal sur l'avis d'impôt, à garder chez soi",
    "Entre 14h et 16h30",
    "Impression du RIB de l'association depuis l'espace pro",
    "Carte grise : démarche ANTS terminée, numéro de dossier gardé par la personne",
    "Découverte de ChatGPT et des IA génératives",
    "Ticket n°A2B3C4 traité",
    "Demande d'acte de naissance le 12/03 à la mairie",
    "Ouvert le samedi de 09 h 00 à 12 h 00",
    "Atelier « mots de passe » : 8 participants, niveau débutant",
    "Appeler le 17 ou le 112 en cas d'urgence, expliqué",
    "Recherche d'emploi : CV mis à jour, 2 candidatures envoyées",
    "Redevance de 138 € payée en ligne",
    "Clé Wi-Fi WPA2 configurée sur la tablette",
    "Facture EDF de 84,30 € téléchargée en PDF",
    "Scan du document en 300 dpi",
    "Colis 6A12345678901 suivi sur le site",
    "Le 06/12, atelier de Noël de 14h à 16h",
    "Identifiant : France Connect, via le compte Ameli",
    "IMEI 356938035643809 relevé pour l'assurance du téléphone",
    "Rendez-vous au 7 rue Victor Hugo, 16000 Angoulême, 2e étage",
    "Signature électronique avec un code envoyé par SMS",
    "Mdp de la box derrière l'appareil",
    "Gestionnaire de mots de passe Bitwarden installé",
    "Identifiants : voir le carnet de la personne",
    "Il faut taper son code PIN à chaque démarrage",
    "Mise à jour v1.2.3-beta4 installée",
    "Recherche sur un iPhone12ProMax d'occasion",
];

/// Notes that must be refused, with the reason expected among the findings.
const SHOULD_REFUSE: &[(&str, Concern)] = &[
    (
        "Contacter la personne à jean.dupont@gmail.com",
        Concern::Email,
    ),
    ("son mail : marie.martin75@orange.fr", Concern::Email),
    (
        "Adresse créée : paulette.durand@laposte.net",
        Concern::Email,
    ),
    ("écrire à j.petit(at)free.fr", Concern::Email),
    (
        "mail perso bernard-leroy@yahoo.fr, à relancer",
        Concern::Email,
    ),
    ("Envoyer le scan à lucie_moreau@hotmail.com", Concern::Email),
    (
        "Nouvelle adresse : marcel.dubois1948@sfr.fr",
        Concern::Email,
    ),
    (
        "Boîte mail : claude.roux@outlook.fr (ne reçoit plus rien)",
        Concern::Email,
    ),
    (
        "E-mail de sa fille : sophie.bernard@icloud.com",
        Concern::Email,
    ),
    ("mail: ahmed.benali@gmail.com", Concern::Email),
    (
        "Adresse de secours Élodie.Grégoire@wanadoo.fr",
        Concern::Email,
    ),
    ("Il faut appeler le 06 12 34 56 78 demain", Concern::Phone),
    ("Tél : 06.12.34.56.78", Concern::Phone),
    ("Rappeler au 0612345678", Concern::Phone),
    ("Son numéro : 07-98-76-54-32", Concern::Phone),
    ("Fixe 05 45 12 34 56", Concern::Phone),
    ("Portable +33 6 12 34 56 78", Concern::Phone),
    ("+33612345678 (fils)", Concern::Phone),
    ("joignable au 0033 6 12 34 56 78", Concern::Phone),
    ("Numéro : +33 (0)6 12 34 56 78", Concern::Phone),
    ("Réunion : +262 692 12 34 56", Concern::Phone),
    ("Guadeloupe 0690 12 34 56", Concern::Phone),
    ("Nouvelle-Calédonie +687 12 34 56", Concern::Phone),
    ("Tahiti +689 87 12 34 56", Concern::Phone),
    ("Martinique +596 696 12 34 56", Concern::Phone),
    ("Guyane +594 694 12 34 56", Concern::Phone),
    ("Mayotte +269 639 12 34 56", Concern::Phone),
    ("Box : 09 51 23 45 67", Concern::Phone),
    ("Numéro de sa voisine 01 23 45 67 89", Concern::Phone),
    ("rappel le 3 06 12 34 56 78", Concern::Phone),
    ("Tél. 04 78 12 34 56 (répondeur)", Concern::Phone),
    ("Son fils en Belgique : +32 470 12 34 56", Concern::Phone),
    ("numéro 0687654321, à rappeler", Concern::Phone),
    ("Tel : 02 40 12 34 56", Concern::Phone),
    ("Saint-Martin +590 690 12 34 56", Concern::Phone),
    (
        "Numéro de sécu : 1 85 05 78 006 084 91",
        Concern::SocialSecurityNumber,
    ),
    ("NIR 185057800608491", Concern::SocialSecurityNumber),
    (
        "Sécurité sociale 2 69 03 75 123 456 96",
        Concern::SocialSecurityNumber,
    ),
    (
        "N° SS : 1 55 12 16 015 042 15",
        Concern::SocialSecurityNumber,
    ),
    (
        "carte vitale 2 82 05 99 350 123 29",
        Concern::SocialSecurityNumber,
    ),
    (
        "Corse : 1 85 05 2A 006 084 35",
        Concern::SocialSecurityNumber,
    ),
    (
        "NIR de la personne : 274021305512302",
        Concern::SocialSecurityNumber,
    ),
    (
        "numéro d'assuré 1 95 01 16 102 007 57",
        Concern::SocialSecurityNumber,
    ),
    (
        "immatriculation 2 63 11 75 114 321 50",
        Concern::SocialSecurityNumber,
    ),
    ("NIA 7 89 03 99 123 456 61", Concern::SocialSecurityNumber),
    ("sécu 1.47.08.33.001.002.53", Concern::SocialSecurityNumber),
    ("IBAN FR76 3000 6000 0112 3456 7890 189", Concern::Iban),
    ("RIB : FR7630006000011234567890189", Concern::Iban),
    ("iban fr14 2004 1010 0505 0001 3m02 606", Concern::Iban),
    ("Compte allemand DE89 3704 0044 0532 0130 00", Concern::Iban),
    ("Belgique BE68 5390 0754 7034", Concern::Iban),
    (
        "GB82 WEST 1234 5698 7654 32 pour le virement",
        Concern::Iban,
    ),
    ("Espagne ES91 2100 0418 4502 0005 1332", Concern::Iban),
    ("CH93 0076 2011 6238 5295 7", Concern::Iban),
    ("LU28 0019 4006 4475 0000", Concern::Iban),
    ("IT60 X054 2811 1010 0000 0123 456", Concern::Iban),
    ("PT50 0002 0123 1234 5678 9015 4", Concern::Iban),
    ("NL91 ABNA 0417 1643 00", Concern::Iban),
    ("Maroc MA64 0115 1900 0001 2050 0053 4921", Concern::Iban),
    ("FR76-3000-6000-0112-3456-7890-189", Concern::Iban),
    ("Carte 4111 1111 1111 1111 exp 12/27", Concern::PaymentCard),
    ("CB 5555555555554444", Concern::PaymentCard),
    ("Amex 3782 822463 10005", Concern::PaymentCard),
    ("numéro de carte 6011-1111-1111-1117", Concern::PaymentCard),
    ("Visa 4012 8888 8888 1881", Concern::PaymentCard),
    ("paiement avec 5105 1051 0510 5100", Concern::PaymentCard),
    ("4242424242424242", Concern::PaymentCard),
    ("carte 2223 0031 2200 3222", Concern::PaymentCard),
    ("JCB 3530 1113 3330 0000", Concern::PaymentCard),
    ("carte Mastercard 5132 8500 0000 0008", Concern::PaymentCard),
    (
        "4000 0566 5566 5556 (carte de sa fille)",
        Concern::PaymentCard,
    ),
    ("Carte Diners 3056 9309 0259 04", Concern::PaymentCard),
    ("mot de passe : Soleil2024", Concern::Secret),
    ("mdp=xxx", Concern::Secret),
    ("password Azerty!1", Concern::Secret),
    ("identifiant : jean.dupont", Concern::Secret),
    ("code 4827", Concern::Secret),
    ("code PIN 1234", Concern::Secret),
    ("Mdp : marie1950", Concern::Secret),
    ("mot de passe Ameli : chaton", Concern::Secret),
    ("Son mot de passe est Doudou75", Concern::Secret),
    ("mot de passe du compte CAF : Lapin!22", Concern::Secret),
    ("identifiant jean.dupont42", Concern::Secret),
    ("login : mdurand", Concern::Secret),
    ("Code secret de la carte : 9876", Concern::Secret),
    ("code reçu par SMS : 482913", Concern::Secret),
    ("digicode 4521B", Concern::Secret),
    ("Code wifi : Livebox-8F3A", Concern::Secret),
    ("mots de passe : Nounours1 et Nounours2", Concern::Secret),
    ("mdp: Bonjour123!", Concern::Secret),
    ("PIN 0000", Concern::Secret),
    ("code de déverrouillage 2580", Concern::Secret),
    (
        "Identifiant France Connect : martine.leblanc",
        Concern::Secret,
    ),
    ("Clé de récupération : aZ3kP9xQ2mL7vB4n", Concern::Secret),
    ("Jeton 9f86d081884c7d659a2feaa0c55ad015", Concern::Secret),
    ("mot de passe provisoire : Xk7pQ2mZ", Concern::Secret),
    ("password=hunter2", Concern::Secret),
    ("Son identifiant CAF est 1234567", Concern::Secret),
    ("code confidentiel 7391", Concern::Secret),
    ("mdp « Soleil2024 »", Concern::Secret),
    ("code d'activation : 58A3-K9", Concern::Secret),
    ("password: motdepasse", Concern::Secret),
    (
        "Mot de passe de la messagerie : Printemps!",
        Concern::Secret,
    ),
    ("Le code de la porte est 1942A", Concern::Secret),
    ("Mot de passe Wi-Fi : Livebox1234", Concern::Secret),
    ("mot de passe oublié, code 1234", Concern::Secret),
    ("Suivi colis 1Z999AA10123456784", Concern::Secret),
    (
        "Coordonnées : 06 12 34 56 78 / marie.l@gmail.com",
        Concern::Email,
    ),
    ("né le 12/03/1950", Concern::BirthDate),
    ("née le 3 mars 1950", Concern::BirthDate),
    ("date de naissance : 01/02/1948", Concern::BirthDate),
    ("Née le 1er janvier 1945, veuve", Concern::BirthDate),
    ("DDN 15.08.1942", Concern::BirthDate),
    ("né(e) le 24-12-1939", Concern::BirthDate),
    ("Monsieur né à Cognac le 5 juin 1951", Concern::BirthDate),
    ("date de naissance 1947-07-14", Concern::BirthDate),
    ("naissance : 30/09/1955", Concern::BirthDate),
    ("né le 7 févr. 1960", Concern::BirthDate),
    (
        "Madame, née le 28 août 1936, souhaite écrire à ses petits-enfants",
        Concern::BirthDate,
    ),
    ("Date de naissance : 2 décembre 1944", Concern::BirthDate),
];

fn describe(text: &str, findings: &[Finding]) -> String {
    let parts: Vec<String> = findings
        .iter()
        .map(|f| format!("{:?} {:?}", f.concern, &text[f.start..f.end]))
        .collect();
    format!("{text:?} → [{}]", parts.join(", "))
}

#[test]
fn the_corpus_is_large_enough() {
    assert!(
        SHOULD_PASS.len() >= 100,
        "{} should-pass",
        SHOULD_PASS.len()
    );
    assert!(
        SHOULD_REFUSE.len() >= 100,
        "{} should-refuse",
        SHOULD_REFUSE.len()
    );
}

#[test]
fn everyday_helper_notes_pass() {
    let refused: Vec<String> = SHOULD_PASS
        .iter()
        .filter_map(|text| check(text).err().map(|f| describe(text, &f)))
        .collect();
    assert!(
        refused.is_empty(),
        "wrongly refused:\n{}",
        refused.join("\n")
    );
}

#[test]
fn personal_data_and_secrets_are_refused_for_the_right_reason() {
    let missed: Vec<String> = SHOULD_REFUSE
        .iter()
        .filter_map(|(text, concern)| {
            let findings = inspect(text);
            (!findings.iter().any(|f| f.concern == *concern))
                .then(|| format!("expected {concern:?}: {}", describe(text, &findings)))
        })
        .collect();
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn findings_are_sorted_disjoint_and_on_char_boundaries() {
    let mixed = "Mme X, née le 3 mars 1950, tél 06 12 34 56 78, mail x.y@gmail.com, mdp : Été2024!";
    for text in SHOULD_REFUSE.iter().map(|(t, _)| *t).chain([mixed]) {
        let findings = inspect(text);
        for pair in findings.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "{}",
                describe(text, &findings)
            );
        }
        for f in &findings {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
    assert_eq!(
        inspect(mixed).len(),
        4,
        "{}",
        describe(mixed, &inspect(mixed))
    );
}

#[test]
fn the_refused_passage_is_exactly_the_value() {
    let text = "Il faut appeler le 06 12 34 56 78 demain";
    let findings = inspect(text);
    assert_eq!(findings.len(), 1);
    assert_eq!(&text[findings[0].start..findings[0].end], "06 12 34 56 78");
    let text = "mot de passe : Soleil2024.";
    let findings = inspect(text);
    assert_eq!(&text[findings[0].start..findings[0].end], "Soleil2024");
}

#[test]
fn the_message_says_where_with_the_number_masked_and_why() {
    let tr = Tr::french();
    let text = "Il faut appeler le 06 12 34 56 78 demain matin sans faute, avant midi";
    let findings = inspect(text);
    let message = explain(&tr, text, &findings);
    assert!(
        message.contains("« … faut appeler le 06 •• •• •• 78 demain matin sans … »"),
        "{message}"
    );
    assert!(
        message.contains(&tr.t("privacy-concern-phone")),
        "{message}"
    );
    assert!(message.contains(&tr.t("privacy-fix")), "{message}");
    assert!(!message.contains("12 34 56"), "{message}");
    assert!(!message.contains("privacy-"), "every key exists: {message}");
}

#[test]
fn the_message_masks_secrets_entirely_and_every_finding_in_the_context() {
    let tr = Tr::french();
    let text = "mdp : Soleil2024 et mail jean.dupont@gmail.com";
    let message = explain(&tr, text, &inspect(text));
    assert!(!message.contains("Soleil2024"), "{message}");
    assert!(!message.contains("Soleil"), "{message}");
    assert!(!message.contains("dupont"), "{message}");
    assert!(!message.contains("gmail"), "{message}");
    assert!(message.contains("mdp : ••••••"), "{message}");
    assert!(message.contains("j•••.••••••@•••••.•••"), "{message}");
    assert!(message.contains(&tr.t("privacy-concern-secret")));
    assert!(message.contains(&tr.t("privacy-concern-email")));
}

#[test]
fn many_findings_are_counted_rather_than_all_shown() {
    let tr = Tr::french();
    let text = "06 12 34 56 78, 06 12 34 56 79, 06 12 34 56 80, 06 12 34 56 81";
    let findings = inspect(text);
    assert_eq!(findings.len(), 4);
    let message = explain(&tr, text, &findings);
    assert!(message.contains("Passages concernés"), "{message}");
    assert!(
        message.contains(&tr.t1("privacy-more", "count", 2)),
        "{message}"
    );
}

#[test]
fn nothing_to_explain_gives_an_empty_message() {
    assert_eq!(explain(&Tr::french(), "Rdv CAF mardi 14h30", &[]), "");
    assert_eq!(check("Rdv CAF mardi 14h30"), Ok(()));
    assert!(inspect("").is_empty());
}

#[test]
fn form_fields_get_one_message_each_and_unlisted_fields_are_ignored() {
    let tr = Tr::french();
    let pairs = vec![
        ("notes".to_owned(), "Rappeler au 0612345678".to_owned()),
        ("title".to_owned(), "Mise à jour Windows 11".to_owned()),
        ("hidden".to_owned(), "mdp : Soleil2024".to_owned()),
        ("comment".to_owned(), "code PIN 1234".to_owned()),
    ];
    let problems = check_fields(&tr, &pairs, &["notes", "title", "comment", "missing"]);
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["notes", "comment"]);
    assert!(problems[0].1.contains("au 06••••••78"), "{}", problems[0].1);
    assert!(!problems[1].1.contains("1234"));
}

#[test]
fn overlapping_candidates_keep_the_checksummed_one() {
    let text = "identifiant : jean.dupont@gmail.com";
    let findings = inspect(text);
    assert_eq!(findings.len(), 1, "{}", describe(text, &findings));
    assert_eq!(findings[0].concern, Concern::Email);
    let text = "code 4111111111111111";
    assert_eq!(inspect(text)[0].concern, Concern::PaymentCard);
}

#[test]
fn a_fourteen_digit_luhn_number_is_a_siret_unless_card_words_precede_it() {
    assert!(check("Facture, SIRET 44306184100047").is_ok());
    assert_eq!(
        inspect("carte bancaire 44306184100047")[0].concern,
        Concern::PaymentCard
    );
}

/// Collects what a tracing subscriber writes, to check what the guard logs.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_log_names_the_kinds_and_the_count_never_the_text() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .without_time()
        .with_writer(move || writer.clone())
        .finish();
    let tr = Tr::french();
    let pairs = vec![(
        "notes".to_owned(),
        "Rappeler au 06 12 34 56 78, mdp : Soleil2024".to_owned(),
    )];
    tracing::subscriber::with_default(subscriber, || {
        assert!(check("Rdv CAF mardi 14h30").is_ok());
        assert_eq!(check_fields(&tr, &pairs, &["notes"]).len(), 1);
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("phone,secret"), "{log}");
    assert!(log.contains("privacy.count=2"), "{log}");
    for secret in [
        "06 12", "12 34 56", "78", "Soleil", "2024", "Rappeler", "CAF",
    ] {
        assert!(!log.contains(secret), "{secret:?} leaked into {log}");
    }
}

// ---- property tests for the checksummed detectors ----

/// Lower-case words without digits, so they never join a number.
fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-zéèàç]{1,9}", 0..6).prop_map(|words| words.join(" "))
}

fn embed(before: &str, value: &str, after: &str) -> String {
    [before, value, after]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A valid card number (prefix, random digits, Luhn key) and how to write it.
fn card() -> impl Strategy<Value = (String, bool)> {
    let prefixes = prop::sample::select(vec![
        ("4", 16),
        ("4", 13),
        ("4", 19),
        ("51", 16),
        ("55", 16),
        ("2221", 16),
        ("2720", 16),
        ("34", 15),
        ("37", 15),
        ("6011", 16),
        ("65", 16),
        ("35", 16),
    ]);
    (prefixes, "[0-9]{18}", any::<bool>()).prop_map(|((prefix, length), random, spaced)| {
        let body = format!("{prefix}{}", &random[..length - 1 - prefix.len()]);
        let number = format!("{body}{}", luhn_check_digit(&body));
        (number.clone(), spaced && number.len() == 16)
    })
}

fn group_by_four(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A valid IBAN from a country whose length Relais knows.
fn iban() -> impl Strategy<Value = String> {
    let countries = prop::sample::select(vec![
        ("FR", "[0-9]{23}"),
        ("DE", "[0-9]{18}"),
        ("BE", "[0-9]{12}"),
        ("ES", "[0-9]{20}"),
        ("GB", "[A-Z]{4}[0-9]{14}"),
    ]);
    countries
        .prop_flat_map(|(country, bban)| {
            (Just(country), proptest::string::string_regex(bban).unwrap())
        })
        .prop_map(|(country, bban)| {
            let check = iban_check_digits(country, &bban).unwrap();
            format!("{country}{check:02}{bban}")
        })
}

/// A valid social-security number (sex, year, month, department incl. Corsica, key).
fn nir() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!['1', '2']),
        0u8..100,
        1u8..13,
        prop::sample::select(vec![
            "01".to_owned(),
            "16".to_owned(),
            "2A".to_owned(),
            "2B".to_owned(),
            "75".to_owned(),
            "95".to_owned(),
            "99".to_owned(),
        ]),
        1u16..1000,
        1u16..1000,
    )
        .prop_map(|(sex, year, month, department, commune, order)| {
            let number = format!("{sex}{year:02}{month:02}{department}{commune:03}{order:03}");
            let key = nir_key(&number).unwrap();
            format!("{number}{key:02}")
        })
}

fn nir_grouped(nir: &str) -> String {
    [
        &nir[..1],
        &nir[1..3],
        &nir[3..5],
        &nir[5..7],
        &nir[7..10],
        &nir[10..13],
        &nir[13..],
    ]
    .join(" ")
}

/// `value` with the digit at the `pick`-th digit position changed (so its checksum fails).
fn change_one_digit(value: &str, pick: usize, shift: u8) -> String {
    let positions: Vec<usize> = value
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let at = positions[pick % positions.len()];
    let mut bytes = value.as_bytes().to_vec();
    bytes[at] = b'0' + (bytes[at] - b'0' + 1 + shift % 9) % 10;
    String::from_utf8(bytes).unwrap()
}

fn has(text: &str, concern: Concern) -> bool {
    inspect(text).iter().any(|f| f.concern == concern)
}

/// The explanation shows neither the written value nor its digits run together.
fn explanation_hides(text: &str, written: &str) -> bool {
    let message = explain(&Tr::french(), text, &inspect(text));
    let compact: String = written.chars().filter(|c| c.is_alphanumeric()).collect();
    let message_compact: String = message.chars().filter(|c| c.is_alphanumeric()).collect();
    !message.contains(written) && !message_compact.contains(&compact)
}

proptest! {
    #[test]
    fn a_valid_card_in_any_text_is_found_and_hidden(
        (number, spaced) in card(), before in filler(), after in filler()
    ) {
        let written = if spaced { group_by_four(&number) } else { number.clone() };
        let text = embed(&before, &written, &after);
        prop_assert!(has(&text, Concern::PaymentCard), "{}", describe(&text, &inspect(&text)));
        prop_assert!(explanation_hides(&text, &written));
    }

    #[test]
    fn a_card_with_one_digit_changed_is_not_a_card(
        (number, spaced) in card(), pick in 0usize..19, shift in 0u8..9, before in filler()
    ) {
        let changed = change_one_digit(&number, pick, shift);
        let written = if spaced { group_by_four(&changed) } else { changed };
        let text = embed(&before, &written, "");
        prop_assert!(!has(&text, Concern::PaymentCard), "{}", describe(&text, &inspect(&text)));
    }

    #[test]
    fn a_valid_iban_in_any_text_is_found_and_hidden(
        iban in iban(), spaced in any::<bool>(), lower in any::<bool>(),
        before in filler(), after in filler()
    ) {
        let iban = if lower { iban.to_lowercase() } else { iban };
        let written = if spaced { group_by_four(&iban) } else { iban };
        let text = embed(&before, &written, &after);
        prop_assert!(has(&text, Concern::Iban), "{}", describe(&text, &inspect(&text)));
        prop_assert!(explanation_hides(&text, &written));
    }

    #[test]
    fn an_iban_with_one_digit_changed_is_not_an_iban(
        iban in iban(), spaced in any::<bool>(), pick in 0usize..34, shift in 0u8..9,
        before in filler(), after in filler()
    ) {
        let changed = change_one_digit(&iban, pick, shift);
        let written = if spaced { group_by_four(&changed) } else { changed };
        let text = embed(&before, &written, &after);
        prop_assert!(!has(&text, Concern::Iban), "{}", describe(&text, &inspect(&text)));
    }

    #[test]
    fn a_valid_social_security_number_in_any_text_is_found_and_hidden(
        nir in nir(), spaced in any::<bool>(), before in filler(), after in filler()
    ) {
        let written = if spaced { nir_grouped(&nir) } else { nir };
        let text = embed(&before, &written, &after);
        prop_assert!(has(&text, Concern::SocialSecurityNumber), "{}", describe(&text, &inspect(&text)));
        prop_assert!(explanation_hides(&text, &written));
    }

    #[test]
    fn a_social_security_number_with_one_digit_changed_is_not_one(
        nir in nir(), spaced in any::<bool>(), pick in 0usize..15, shift in 0u8..9,
        before in filler(), after in filler()
    ) {
        let changed = change_one_digit(&nir, pick, shift);
        let written = if spaced { nir_grouped(&changed) } else { changed };
        let text = embed(&before, &written, &after);
        prop_assert!(!has(&text, Concern::SocialSecurityNumber), "{}", describe(&text, &inspect(&text)));
    }

    #[test]
    fn a_french_mobile_number_is_found_in_any_format_and_hidden(
        second in 6u8..8, rest in "[0-9]{8}", style in 0usize..5, before in filler(), after in filler()
    ) {
        let digits = format!("0{second}{rest}");
        let pairs: Vec<&str> = (0..5).map(|i| &digits[2 * i..2 * i + 2]).collect();
        let written = match style {
            0 => pairs.join(" "),
            1 => pairs.join("."),
            2 => pairs.join("-"),
            3 => format!("+33 {} {}", &digits[1..2], pairs[1..].join(" ")),
            _ => digits.clone(),
        };
        let text = embed(&before, &written, &after);
        prop_assert!(has(&text, Concern::Phone), "{}", describe(&text, &inspect(&text)));
        prop_assert!(explanation_hides(&text, &written));
    }

    #[test]
    fn inspecting_any_text_never_panics_and_stays_on_char_boundaries(text in "\\PC{0,120}") {
        let findings = inspect(&text);
        for f in &findings {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        let _ = explain(&Tr::french(), &text, &findings);
    }
}

#[test]
fn long_and_hostile_texts_are_read_in_linear_time() {
    let digits = "1 ".repeat(50_000);
    let keywords = "code de ".repeat(20_000);
    let plus = "+".repeat(50_000);
    let letters = "ab12".repeat(20_000);
    for text in [digits, keywords, plus, letters] {
        let findings = inspect(&text);
        let _ = explain(&Tr::french(), &text, &findings);
    }
}

/// Found by the `privacy_guard` fuzz target: a card number starting on the last digits of a
/// phone number kept those digits in its mask, and next to the rest of the number in clear
/// the excerpt showed the whole phone number ("05.45.12.34." + "56 •• …").
#[test]
fn a_masked_number_never_completes_the_digits_next_to_it() {
    let text = "+33 5 45 12 5  43 45.45.12.34.56 45 12 5o6ou: 05.45.12.34.56 45 12 5  435 \
                43507 45.45.12.34.56 45 12 56ou 05.45.12.34.56";
    let findings = inspect(text);
    assert!(!findings.is_empty());
    let message = explain(&Tr::french(), text, &findings);
    assert!(!message.contains("05.45.12.34.56"), "{message}");
    // A number standing alone keeps its two first and two last digits.
    let text = "appeler le 06 12 34 56 78 demain";
    let message = explain(&Tr::french(), text, &inspect(text));
    assert!(message.contains("06 •• •• •• 78"), "{message}");
}
