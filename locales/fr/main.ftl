# Interface text of Relais, in French. Keys are grouped by page.
# Written for people who read with difficulty: short sentences, one idea each.

## Layout
layout-skip-link = Aller au contenu
layout-nav-label = Menu principal
layout-nav-account = Mon compte
layout-nav-staff = Équipe
layout-nav-audit = Journal
layout-login = Se connecter
layout-logout = Se déconnecter
layout-footer = Relais · aide au numérique près de chez vous · gratuit et confidentiel

## Home
home-title = Bienvenue sur Relais
home-intro = Relais rassemble les lieux où l'on peut se faire aider avec le numérique : ordinateur, téléphone, courriels, démarches en ligne.
home-people-title = Vous cherchez de l'aide ?
home-people-text = Les permanences numériques sont gratuites et ouvertes à tous. Personne ne vous demandera votre nom ni vos mots de passe.
home-staff-title = Vous accompagnez des personnes ?
home-staff-text = Les encadrants, les responsables de structure et l'animation du réseau se connectent ici.

## Shared form labels
field-email = Adresse e-mail
field-password = Mot de passe
field-name = Nom
field-display-name = Votre nom (tel que vos collègues le verront)
field-role = Rôle
field-helper-kind = Statut
field-organization = Structure
field-organizations = Structures
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-new-password-confirm = Nouveau mot de passe, encore une fois
field-password-to-confirm = Votre mot de passe, pour confirmer
password-hint = Au moins 12 caractères. Une courte phrase facile à retenir convient très bien.

## Roles
role-helper = Encadrant·e
role-manager = Responsable de structure
role-coordinator = Animation du réseau
kind-professional = professionnel·le
kind-volunteer = bénévole

## Login
login-title = Connexion
login-intro = Cet espace est réservé aux équipes des permanences. Les personnes accompagnées n'ont pas besoin de compte.
login-submit = Se connecter
login-failed = Adresse e-mail ou mot de passe incorrect.
login-throttled = Trop d'essais en peu de temps. Attendez 15 minutes avant de réessayer.
login-forgotten = Mot de passe oublié ? Demandez un lien de réinitialisation à l'animation du réseau.

## Notices (after a redirect)
notice-deconnexion = Vous êtes déconnecté·e. À bientôt !
notice-mot-de-passe-modifie = Mot de passe modifié. Vos autres sessions ont été fermées.
notice-mot-de-passe-reinitialise = Mot de passe enregistré. Vous pouvez vous connecter.
notice-compte-supprime = Votre compte a été supprimé.
notice-bienvenue = Bienvenue ! Votre compte est prêt.
notice-invitation-created = Invitation créée.
notice-invitation-emailed = Invitation créée et envoyée par e-mail. Vous pouvez aussi transmettre le lien vous-même.
notice-invitation-email-failed = Invitation créée, mais l'e-mail n'a pas pu partir. Transmettez le lien ci-dessous vous-même.

## My account
account-title = Mon compte
account-no-organization = aucune (tout le réseau)
account-password-title = Changer de mot de passe
account-password-submit = Changer le mot de passe
account-data-title = Mes données
account-data-text = Téléchargez tout ce que Relais garde à votre sujet, dans un fichier lisible par d'autres logiciels.
account-data-download = Télécharger mes données
account-delete-title = Supprimer mon compte
account-delete-text = Votre compte sera effacé tout de suite. Cette action est définitive.
account-delete-submit = Supprimer définitivement mon compte
account-deleted-by = Compte supprimé par { $name }.

## Staff
staff-title = Équipe
staff-list-title = Les membres de l'équipe
staff-actions = Actions
staff-reset-submit = Nouveau mot de passe pour { $name }
staff-invite-title = Inviter une personne
staff-invite-text = Relais crée un lien personnel, valable 7 jours et utilisable une seule fois. Transmettez-le à la personne.
staff-invite-submit = Créer l'invitation
staff-no-organization = Aucune (animation du réseau)
staff-organization-hint = Obligatoire pour les encadrants et les responsables.
staff-invitation-link-title = Lien d'invitation à transmettre
staff-invitation-link-text = Copiez ce lien et envoyez-le à la personne invitée. Il ne sera plus affiché.
staff-reset-link-title = Lien de nouveau mot de passe pour { $name }
staff-reset-link-text = Transmettez ce lien à la personne. Il est valable 48 heures et ne sert qu'une fois.

## Invitation
invitation-title = Créer votre compte
invitation-intro = Vous êtes invité·e à rejoindre le réseau comme : { $role }.
invitation-submit = Créer mon compte

## Password reset
reset-title = Choisir un nouveau mot de passe
reset-intro = Nouveau mot de passe pour le compte { $email }.
reset-submit = Enregistrer le mot de passe

## Form problems
form-email-invalid = L'adresse e-mail n'est pas valable. Vérifiez qu'elle contient un @ et un point.
form-email-taken = Un compte existe déjà avec cette adresse e-mail.
form-name-missing = Indiquez votre nom.
form-name-too-long = Le nom est trop long (80 caractères au plus).
form-password-too-short = Le mot de passe doit contenir au moins 12 caractères.
form-password-too-long = Le mot de passe est trop long (128 caractères au plus).
form-password-mismatch = Les deux mots de passe ne sont pas identiques.
form-current-password-wrong = Le mot de passe actuel n'est pas le bon.
form-role-invalid = Choisissez un rôle dans la liste.
form-kind-invalid = Choisissez un statut dans la liste.
form-role-not-allowed = Vous ne pouvez pas inviter une personne avec ce rôle.
form-organization-missing = Choisissez la structure de la personne.
form-organization-not-allowed = Vous ne pouvez inviter que dans vos propres structures.
form-last-coordinator = Vous êtes la dernière personne à animer le réseau : invitez quelqu'un d'autre avant de partir.

## Audit log
audit-title = Journal des modifications
audit-intro = Qui a fait quoi, et quand. Le contenu des formulaires n'est jamais enregistré.
audit-empty = Aucune modification pour l'instant.
audit-caption = Modifications, de la plus récente à la plus ancienne (page { $page })
audit-when = Date
audit-who = Qui
audit-what = Quoi
audit-object = Objet
audit-pages = Pages du journal
audit-newer = Plus récentes
audit-older = Plus anciennes
audit-actor-deleted = compte supprimé
audit-actor-system = Relais (ligne de commande)
audit-session-start = Connexion
audit-user-create = Création d'un compte
audit-user-delete = Suppression d'un compte
audit-user-password-change = Changement de mot de passe
audit-invitation-create = Invitation créée
audit-invitation-accept = Invitation acceptée
audit-password-reset-issue = Lien de nouveau mot de passe créé
audit-password-reset-use = Nouveau mot de passe choisi par lien

## Errors
error-back-home = Revenir à l'accueil
error-not-found-title = Page introuvable
error-not-found-text = Cette page n'existe pas ou plus. Vérifiez l'adresse.
error-forbidden-title = Accès refusé
error-forbidden-text = Votre compte ne permet pas d'ouvrir cette page.
error-gone-title = Lien plus valable
error-gone-text = Ce lien a déjà servi ou a expiré. Demandez-en un nouveau à la personne qui vous l'a envoyé.
error-bad-request-title = Demande incomprise
error-bad-request-text = Relais n'a pas compris la demande.
error-internal-title = Un problème est survenu
error-internal-text = Relais n'a pas pu terminer. Rien n'a été enregistré à moitié. Réessayez dans un instant.
error-busy-title = Service très sollicité
error-busy-text = Le service est très sollicité, réessayez dans une minute.
error-csrf-title = Formulaire refusé
error-csrf-text = Ce formulaire ne venait pas de Relais. Par sécurité, il n'a pas été pris en compte. Rechargez la page et recommencez.

## E-mails
email-invitation-subject = Invitation à rejoindre { $network }
email-invitation-body =
    Bonjour,

    Vous êtes invité·e à rejoindre { $network } sur Relais, comme : { $role }.

    Pour créer votre compte, ouvrez ce lien. Il est valable 7 jours et ne sert qu'une fois :
    { $link }

    Si vous n'attendiez pas cette invitation, ignorez simplement ce message.

## Directory (public)
layout-nav-places = Trouver un lieu
places-search-title = Trouver un lieu d'aide au numérique
places-search-intro = Cherchez un lieu près de chez vous où l'on vous aide gratuitement avec un ordinateur, un téléphone ou les démarches en ligne.
places-field-text = Ce que vous cherchez
places-field-text-hint = Par exemple : médiathèque, démarches, CAF. Les accents et les fautes de frappe ne gênent pas.
places-field-commune = Commune ou code postal
places-field-radius = Distance maximale, en kilomètres
places-field-radius-hint = Autour de la commune choisie. Laissez vide pour la commune seulement.
places-more-filters = Plus de choix : service, jour, équipement
places-field-service = Pour quoi avez-vous besoin d'aide ?
places-field-when = Quand voulez-vous y aller ?
places-open-now = Ouvert maintenant
places-field-day = Jour
places-any-day = N'importe quel jour
places-field-part = Moment de la journée
places-part-matin = Le matin
places-part-apres-midi = L'après-midi
places-part-journee = Toute la journée
places-field-support = Comment voulez-vous être aidé ?
places-field-public = Lieux réservés à certains publics
places-field-equipment = Équipement
places-equipment-ordinateurs = Ordinateurs en libre accès
places-equipment-wifi = Wi-Fi
places-equipment-imprimante = Imprimante
places-equipment-scanner = Scanner
places-equipment-accessible = Accès sans marche (fauteuil roulant)
places-free-only = Gratuit seulement
places-search-submit = Chercher
places-results-count = { $count ->
    [0] Aucun lieu trouvé
    [one] 1 lieu trouvé
   *[other] { $count } lieux trouvés
}
places-unknown-commune = Cette commune n'est pas dans l'annuaire. Vérifiez l'orthographe ou essayez le code postal.
places-print-list = Imprimer cette liste
places-map-label = Carte des lieux
places-partner = Partenaire du réseau
places-distance = à { $distance }
places-pagination = Pages de résultats
places-previous = Page précédente
places-next = Page suivante
places-page-of = Page { $page } sur { $pages }
places-no-result = Essayez avec moins de choix, ou une commune voisine.
places-closed-temporarily = Fermé en ce moment (fermeture exceptionnelle)
places-closure = Fermeture exceptionnelle { $dates }.
places-address = Adresse
places-hours = Horaires
places-hours-unknown = Horaires non renseignés : appelez avant de vous déplacer.
places-closed-on-holidays = Fermé les jours fériés.
places-services = Aide proposée
places-practical = Bon à savoir
places-fees = Prix
places-support-modes = Façons d'être aidé
places-access-modes = Comment venir
places-publics = Lieu réservé à
places-specific-support = Accueil adapté
places-mobility = Lieu fixe ou itinérant
places-accessibility-sheet = Fiche d'accessibilité du lieu
places-contact = Contact
places-phone = Téléphone :
places-email = Courriel :
places-appointment = Prendre rendez-vous en ligne
places-about = Présentation
places-confirmed-on = Informations vérifiées le { $date }.
places-back-to-search = Revenir à la recherche
places-edit = Modifier ce lieu
places-print-hint = Pour imprimer cette page, utilisez la commande Imprimer de votre navigateur (Ctrl + P).
places-print-title = Carte papier des lieux d'aide au numérique
places-printed-on = imprimée le { $date }
places-computers-count = { $count ->
    [one] 1 ordinateur en libre accès
   *[other] { $count } ordinateurs en libre accès
}

## Directory (staff)
layout-nav-manage-places = Mes lieux
places-manage-title = Lieux à tenir à jour
places-manage-new = Ajouter un lieu
places-manage-filter = Nom, commune ou code postal
places-col-name = Lieu
places-col-commune = Commune
places-col-checked = Dernière vérification
places-col-ask = Personnes à contacter
places-hidden = non visible du public
places-stale = à vérifier
places-flag-count = { $count ->
    [one] 1 point à revoir
   *[other] { $count } points à revoir
}
places-confirm = Ces informations sont toujours exactes
places-confirm-named = Confirmer « { $name } »
places-freshness-title = Fraîcheur de l'annuaire
places-freshness-summary = { $stale } lieux sur { $total } n'ont pas été vérifiés depuis plus de 6 mois.
places-freshness-caption = Lieux du plus ancien au plus récemment vérifié
places-no-manager = Aucun responsable : à vérifier par la coordination
places-form-new-title = Nouveau lieu
places-form-public-page = Voir la page publique
places-form-errors = Le lieu n'a pas été enregistré. À corriger :
places-form-flags = Points à revoir
places-form-identity = Le lieu
places-form-name = Nom du lieu
places-form-address = Adresse (numéro et rue)
places-form-address2 = Complément d'adresse (bâtiment, étage…)
places-form-postcode = Code postal
places-form-commune = Commune
places-form-insee = Code INSEE de la commune (facultatif)
places-form-latitude = Latitude (facultatif, par exemple 45.6484)
places-form-longitude = Longitude (facultatif, par exemple 0.1562)
places-form-pivot = SIRET ou RNA de la structure
places-form-parent = Structure ou réseau parent
places-form-phone = Téléphone
places-form-accessibility = Fiche Accès libre (adresse web)
places-form-appointment = Prise de rendez-vous en ligne (adresse web)
places-form-emails = Courriels du lieu (un par ligne ; pas d'adresse personnelle)
places-form-websites = Sites web (un par ligne)
places-form-summary = Résumé (280 caractères au plus)
places-form-detail = Présentation détaillée
places-form-other-labels = Autres formations et labels
places-form-services = Aide proposée
places-form-publics = Lieu réservé à certains publics
places-form-prise-en-charge = Accueil adapté
places-form-frais = Prix
places-form-modalites-acces = Comment venir
places-form-modalites-accompagnement = Façons d'être aidé
places-form-dispositifs = Dispositifs nationaux
places-form-itinerance = Lieu fixe ou itinérant
places-form-computers = Nombre d'ordinateurs en libre accès
places-form-hours-hint = Pour chaque jour, indiquez jusqu'à deux plages d'ouverture. Laissez vide les jours de fermeture.
places-form-hours-note = Horaires reçus en texte libre, à recopier dans la grille : { $note }
places-form-opens = Ouverture { $slot }
places-form-closes = Fermeture { $slot }
places-form-exceptions = Jours particuliers
places-form-exceptions-hint = Une date par ligne : « 24/12/2026 fermé » ou « 24/12/2026 10:00-12:00 ».
places-form-expert = Horaires au format OpenStreetMap (pour les personnes expertes)
places-form-osm = Horaires opening_hours
places-form-settings = Réglages
places-form-organization = Structure responsable
places-form-no-organization = Aucune
places-form-public = Visible du public
places-form-hidden = Visible de l'équipe seulement
places-form-kind-mediation = Lieu de médiation numérique
places-form-kind-partner = Partenaire vers qui orienter (CAF, CPAM, mairie…)
places-form-save = Enregistrer
places-form-closures = Fermetures exceptionnelles
places-form-closure-remove = Retirer
places-form-closure-start = Premier jour de fermeture
places-form-closure-end = Dernier jour (laisser vide pour un seul jour)
places-form-closure-message = Message pour le public
places-form-closure-add = Ajouter la fermeture
places-flag-hours-unreadable = Les horaires ne sont pas au bon format.
places-flag-hours-free-text = Les horaires ont été reçus en texte libre.
places-flag-coordinates-missing = La position sur la carte manque.
places-flag-coordinates-outside-france = La position sur la carte est hors de France.
places-flag-pivot-missing = Le SIRET ou RNA manque.
places-flag-date-missing = La date de mise à jour manque.
places-flag-phone-invalid = Le numéro de téléphone n'est pas valable.
places-flag-contact-invalid = Un courriel ou un site web n'est pas valable.
places-flag-encoding-damaged = Des lettres accentuées ont été abîmées dans le fichier d'origine.
places-col-address = Adresse
places-duplicates-title = Doublons possibles
places-duplicates-intro = Ces fiches se ressemblent : même commune, nom ou adresse proches, et peu de distance entre elles. Rien n'est fusionné sans vous. Pour chaque paire, gardez une fiche ou indiquez qu'il s'agit de deux lieux différents.
places-duplicates-none = Aucune paire à examiner.
places-duplicates-count = { $count ->
    [one] 1 paire à examiner.
   *[other] { $count } paires à examiner.
}
places-duplicates-distance = à { $distance } m l'une de l'autre
places-duplicates-reason-similar-names = noms proches
places-duplicates-reason-same-address = même adresse
places-duplicates-reason-same-phone = même téléphone
places-duplicates-source = Origine de la fiche
places-duplicates-updated = Dernière modification
places-duplicates-keep = Garder « { $name } »
places-duplicates-dismiss = Ce sont deux lieux différents
places-merge-title = Fusionner deux fiches
places-merge-keep = Fiche gardée : { $name }
places-merge-remove = Fiche retirée : { $name }
places-merge-filled = La fiche gardée reçoit ces informations qui lui manquaient
places-merge-nothing-filled = La fiche gardée ne reçoit aucune information : elle avait déjà tout.
places-merge-warning = La fiche retirée sera supprimée. Ses fermetures passeront sur la fiche gardée. Une nouvelle importation de la même source ne la fera pas revenir.
places-merge-submit = Fusionner
places-merge-cancel = Revenir aux doublons
places-merge-other-column = Colonne { $column }
organizations-title = Structures du réseau
organizations-new = Ajouter une structure
organizations-create = Ajouter la structure
organizations-save = Enregistrer
organizations-form-errors = La structure n'a pas été enregistrée. À corriger :
organizations-field-name = Nom de la structure
organizations-field-pivot = SIRET, SIREN, RNA ou RIDET (facultatif)
organizations-field-email = Courriel de la structure (pas d'adresse personnelle)
organizations-field-phone = Téléphone de la structure
organizations-field-website = Site web
organizations-field-types = Type de structure
notice-organization-saved = La structure est enregistrée.
audit-organization-create = Structure ajoutée
audit-organization-update = Structure modifiée
notice-place-saved = Le lieu est enregistré.
notice-place-confirmed = Merci : le lieu est confirmé.
notice-closure-added = La fermeture est ajoutée.
notice-closure-removed = La fermeture est retirée.
notice-places-merged = Les deux fiches sont fusionnées.
notice-duplicate-dismissed = C'est noté : ces deux fiches ne seront plus proposées.
audit-place-create = Lieu ajouté
audit-place-update = Lieu modifié
audit-place-confirm = Lieu confirmé
audit-place-merge = Lieux fusionnés
audit-place-dismiss-duplicate = Doublon écarté
audit-closure-create = Fermeture ajoutée
audit-closure-delete = Fermeture retirée

## places: pdf
# The paper map as a PDF file (templates/pdf/paper-map.typ); "Gratuit" also shows on the
# printable page. A no-break space keeps each colon on the line of its word.
places-pdf-download = Télécharger en PDF
places-pdf-download-hint = Un fichier à imprimer, à envoyer ou à garder sur votre téléphone.
places-pdf-printed-on = Imprimée le { $date }
places-pdf-intro = Les lieux sont rangés par commune. Si vous avez un doute sur les horaires, appelez avant de vous déplacer.
places-pdf-no-place = Aucun lieu ne correspond à cette recherche. Essayez avec moins de choix ou une commune voisine.
places-pdf-free = Gratuit
places-pdf-address = Adresse :
places-pdf-phone = Téléphone :
places-pdf-hours = Horaires :
places-pdf-services = Aide proposée :
places-pdf-page = page

## places: map
places-map-label-place = Position du lieu sur la carte
places-map-zoom-in = Agrandir la carte
places-map-zoom-out = Réduire la carte
places-map-close = Fermer
places-map-no-tiles = Le fond de carte ne s'affiche pas. Les lieux restent marqués par des points.
places-locate = Autour de moi
places-locate-waiting = Recherche de votre position…
places-locate-denied = Votre position n'est pas partagée. Vous pouvez écrire une commune.
places-locate-failed = Votre position n'a pas été trouvée. Vous pouvez écrire une commune.
places-near-me = Les lieux sont classés du plus proche au plus loin de votre position.
