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

# permanences
## permanences: public
permanences-public-title = Prochaines permanences numériques
permanences-free-for-all = Les permanences sont gratuites et ouvertes à tout le monde, sans rendez-vous.
permanences-always-free = Une permanence est toujours gratuite : la page publique le dit.
permanences-public-commune = Commune ou code postal (laisser vide pour tout le réseau)
permanences-public-radius = Distance autour de la commune
permanences-public-submit = Voir les permanences
permanences-public-unknown-commune = Nous ne connaissons pas « { $commune } ». Vérifiez l'orthographe ou essayez une commune voisine.
permanences-public-next = Les 4 prochaines semaines
permanences-public-none = Aucune permanence n'est prévue ici dans les 4 prochaines semaines.
permanences-feed-network = Ajouter toutes les permanences du réseau à mon agenda (iCalendar)
permanences-feed-place = Ajouter les permanences de ce lieu à mon agenda (iCalendar)
permanences-place-title = Permanences numériques
permanences-place-none = Aucune permanence n'est prévue dans ce lieu dans les 4 prochaines semaines.
## permanences: staff
permanences-manage-title = Permanences : { $place }
permanences-manage-list = Permanences du lieu
permanences-manage-none = Ce lieu n'a pas encore de permanence.
permanences-manage-next = Les 4 prochaines semaines
permanences-manage-new = Ajouter une permanence
permanences-manage-link = Permanences de ce lieu
permanences-see-place = Voir la page publique du lieu
permanences-back-to-place = Retour aux permanences du lieu
permanences-save = Enregistrer la permanence
permanences-form-errors = Quelques informations sont à corriger :
permanences-field-title = Nom de la permanence
permanences-field-frequency = À quel rythme ?
permanences-frequency-weekly = Chaque semaine ou toutes les quelques semaines
permanences-frequency-monthly = Un jour précis du mois (par exemple le premier jeudi)
permanences-frequency-rule = Une règle de répétition écrite à la main (pour les personnes qui connaissent la norme iCalendar)
permanences-field-interval = Rythme
permanences-field-days = Jours de la semaine
permanences-field-rank = Quel
permanences-field-month-day = jour du mois
permanences-field-rule = Règle de répétition (RRULE)
permanences-field-rule-hint = Par exemple FREQ=WEEKLY;INTERVAL=2;BYDAY=TU pour un mardi sur deux.
permanences-field-start-date = Première date
permanences-field-end-date = Dernière date (facultatif)
permanences-field-start-time = Heure de début
permanences-field-end-time = Heure de fin
permanences-field-holidays = La permanence a lieu aussi les jours fériés
permanences-field-services = Aide proposée pendant la permanence
permanences-field-capacity = Nombre de personnes accueillies au plus (facultatif)
permanences-field-note = Mot pour le public (facultatif)
permanences-error-title = Le nom doit faire 80 caractères au plus.
permanences-error-days = Cochez au moins un jour de la semaine.
permanences-error-interval = Choisissez un rythme entre chaque semaine et une semaine sur huit.
permanences-error-rank = Choisissez quel jour du mois.
permanences-error-rule = Cette règle de répétition ne peut pas être lue. Exemple : FREQ=WEEKLY;BYDAY=TU
permanences-error-too-frequent = Une permanence se répète au plus une fois par jour.
permanences-error-window = La période demandée est trop longue.
permanences-error-start-date = Indiquez la première date, par exemple 10/03/2026.
permanences-error-end-date-format = La dernière date ne peut pas être lue, par exemple 30/06/2026.
permanences-error-end-date = La dernière date doit venir après la première.
permanences-error-time-start = Indiquez l'heure de début, par exemple 14:00.
permanences-error-time-end = Indiquez l'heure de fin, par exemple 17:00.
permanences-error-times = L'heure de fin doit venir après l'heure de début.
permanences-error-service = Choisissez l'aide proposée dans la liste.
permanences-error-capacity = Le nombre de personnes doit être entre 1 et 500.
permanences-error-note = Le mot pour le public doit faire 300 caractères au plus.
permanences-error-exception-date = Indiquez la date, par exemple 10/03/2026.
permanences-error-not-in-series = Il n'y a pas de permanence ce jour-là : seule une date prévue peut être annulée.
permanences-error-already-in-series = Ce jour-là a déjà une permanence prévue.
permanences-error-reason = Dites en quelques mots pourquoi la permanence n'a pas lieu : le public le verra.
permanences-error-reason-long = Le motif doit faire 200 caractères au plus.
permanences-exceptions = Annulations et dates en plus
permanences-exceptions-none = Aucune annulation ni date en plus.
permanences-exception-new = Annuler une date ou ajouter une date
permanences-exception-kind = Que voulez-vous faire ?
permanences-exception-cancel = Annuler une date prévue
permanences-exception-extra = Ajouter une date en plus
permanences-exception-date = Date
permanences-exception-reason = Motif, visible par le public
permanences-exception-reason-hint = Pour une annulation : par exemple « Formation de l'équipe ». Pas de nom de personne.
permanences-exception-save = Enregistrer
permanences-exception-remove = Retirer
permanences-delete-title = Supprimer cette permanence
permanences-delete = Supprimer la permanence et toutes ses dates
permanences-helpers = Encadrants présents
permanences-no-helper = Aucun encadrant inscrit pour le moment.
permanences-helpers-on-duty = Encadrants : { $names }
permanences-assign-label = Inscrire un encadrant
permanences-assign = Inscrire
permanences-unassign = Retirer { $name }
permanences-duty-not-occurrence = Cette date n'est pas une permanence à venir (passée, annulée ou jour férié).
permanences-duty-not-member = Seuls les encadrants de la structure du lieu peuvent être inscrits.
permanences-duty-charter = Pour être inscrit à une permanence, il faut d'abord signer la charte des encadrants en vigueur.
permanences-coverage-title = Permanences sans encadrant
permanences-coverage-lead = Les permanences des 14 prochains jours pour lesquelles personne n'est encore inscrit.
permanences-coverage-none = Toutes les permanences des 14 prochains jours ont au moins un encadrant.
permanences-half-day-title = Règle de la demi-journée
permanences-half-day-lead = Les lieux qui n'offrent pas au moins 3 heures de permanence chaque semaine du mois à venir.
permanences-half-day-none = Tous les lieux atteignent une demi-journée par semaine.
permanences-half-day-least = semaine la plus courte : { $duration }
## permanences: helpers
permanences-mine-title = Mes permanences
permanences-mine-duties = Où je suis inscrit·e
permanences-mine-no-duty = Vous n'êtes inscrit·e à aucune permanence pour le moment.
permanences-mine-open = Permanences où je peux venir (4 prochaines semaines)
permanences-mine-no-open = Aucune permanence de votre structure dans les 4 prochaines semaines.
permanences-volunteer = Je viens le { $date }
permanences-withdraw = Je ne peux plus venir le { $date }
permanences-feed-title = Mon agenda personnel
permanences-feed-lead = Une adresse secrète permet à votre agenda (téléphone, ordinateur) d'afficher vos permanences. Ne la partagez pas.
permanences-feed-new = Voici votre adresse. Copiez-la dans votre agenda : elle ne sera plus affichée.
permanences-feed-create = Créer mon adresse d'agenda
permanences-feed-renew = Changer d'adresse (l'ancienne ne marchera plus)
permanences-feed-revoke = Supprimer mon adresse d'agenda
notice-permanence-saved = La permanence est enregistrée.
notice-permanence-deleted = La permanence est supprimée.
notice-permanence-exception-saved = C'est noté : le public le verra sur la page du lieu.
notice-permanence-exception-removed = La date est retirée.
notice-permanence-duty-saved = L'encadrant est inscrit.
notice-permanence-duty-removed = L'encadrant est retiré.
notice-permanence-volunteered = Merci ! Vous êtes inscrit·e.
notice-permanence-withdrawn = C'est noté, vous n'êtes plus inscrit·e.
notice-permanence-feed-revoked = Votre adresse d'agenda est supprimée.
layout-nav-my-permanences = Mes permanences
layout-nav-coverage = Couverture
layout-nav-agenda = Permanences
## permanences: poster
poster-title = Affiche du lieu
poster-pdf-title = Affiche – { $place }
poster-pdf-banner = Permanence numérique : on vous aide à utiliser le numérique
poster-pdf-when = Quand venir ?
poster-pdf-no-schedule = Renseignez-vous à l'accueil.
poster-pdf-free = Gratuit, sans inscription, pour tout le monde
poster-pdf-services = On peut vous aider à
poster-pdf-rules = Comment ça se passe ici
poster-pdf-promises = Nos engagements
poster-pdf-qr = Toutes les dates et les horaires à jour :
poster-pdf-qr-alt = Code QR vers la page du lieu
poster-promise-free = C'est gratuit, pour tout le monde.
poster-promise-confidential = Ce que vous nous confiez reste entre nous. Nous ne gardons ni votre nom ni vos mots de passe.
poster-promise-with-you = Nous faisons avec vous, pas à votre place : vous repartez en sachant faire.
poster-promise-last-click = Le dernier clic, c'est toujours vous qui le faites.
poster-download = Télécharger l'affiche (PDF)
poster-print = Imprimer cette affiche
poster-edit-title = Affiche du lieu : { $place }
poster-edit-lead = L'affiche reprend le nom du lieu, les horaires des permanences, l'aide proposée, vos règles de fonctionnement et les engagements du réseau, avec un code QR vers la page du lieu.
poster-field-rules = Règles de fonctionnement du lieu (une par ligne)
poster-field-rules-hint = Par exemple : « Venez avec votre téléphone chargé. » Pas de nom de personne.
poster-save = Enregistrer les règles
poster-printed-on = Affiche téléchargée le { $date }.
poster-never-printed = L'affiche n'a pas encore été téléchargée cette année.
poster-error-rules-long = Les règles doivent faire 800 caractères au plus.
notice-poster-saved = Les règles de l'affiche sont enregistrées.
# charters
# Charters (src/charters, templates/charters, templates/pdf/charter-*.typ). The texts of the
# charters themselves are not here: Relais's defaults are src/charters/defaults/*.md.
layout-nav-charters = Chartes
layout-nav-adhesion = Adhésion
layout-nav-signatures = Signatures
layout-nav-commitments = Engagements
layout-footer-public-charter = Notre charte
charters-title = Les chartes du réseau
charters-intro = Trois chartes décrivent ce que le réseau promet. Voici leur version en vigueur.
charters-kind-network = Charte du réseau
charters-kind-helpers = Charte des encadrants
charters-kind-public = Charte publique
charters-purpose-network = Les structures du réseau y adhèrent.
charters-purpose-helpers = Chaque encadrant, professionnel ou bénévole, la signe.
charters-purpose-public = Elle est affichée et lue aux personnes qui viennent aux permanences.
charters-commitments-title = Engagements
charters-public-commitments-title = Nos engagements
charters-fingerprint = empreinte
charters-version-line = Version { $version }, publiée le { $date }
charters-signature-line = Version { $version } signée le { $date } à { $place }
charters-publish-link = Publier une nouvelle version : { $charter }
charters-publish-title = Nouvelle version : { $charter }
charters-publish-intro = Vous pouvez remplacer le texte de Relais par le texte officiel du réseau. Une nouvelle version est créée ; les anciennes restent telles quelles.
charters-publish-current = Version en vigueur :
charters-field-title = Titre
charters-field-body = Texte d'introduction
charters-field-body-hint = Écrivez en Markdown : une ligne vide entre deux paragraphes, **gras**, - pour une liste. Le HTML n'est pas accepté.
charters-field-commitments = Engagements, un par ligne
charters-field-commitments-hint = Chaque ligne commence par un identifiant court, puis deux-points, puis la phrase. Exemple : gratuite: L'aide est gratuite. Gardez le même identifiant quand vous reformulez un engagement.
charters-publish-submit = Publier cette version
charters-form-title-missing = Donnez un titre à la charte.
charters-form-title-too-long = Le titre est trop long (120 caractères au plus).
charters-form-body-too-long = Le texte est trop long (20 000 caractères au plus).
charters-form-commitments-missing = Écrivez au moins un engagement.
charters-form-commitments-too-many = Il y a trop d'engagements (60 au plus).
charters-form-commitment-no-code = Il manque l'identifiant et les deux-points au début de la ligne.
charters-form-commitment-bad-code = L'identifiant doit faire de 2 à 40 caractères : lettres minuscules sans accent, chiffres et tirets.
charters-form-commitment-empty = La phrase de l'engagement est vide.
charters-form-commitment-too-long = L'engagement est trop long (400 caractères au plus).
charters-form-commitment-duplicate = Cet identifiant est déjà utilisé par un autre engagement.
charters-form-unchanged = Le texte est identique à la version en vigueur. Rien n'a été publié.
charters-form-line = Ligne { $line } : { $message }
charters-must-sign = Vous devez d'abord signer la charte des encadrants en vigueur. Lisez-la, puis signez-la en ligne : cela prend deux minutes.
charters-account-must-sign-title = Charte à signer
charters-my-signature-title = Ma signature
charters-signed-current = Vous avez signé la version en vigueur de cette charte. Merci !
charters-sign-link = Lire et signer la charte
charters-download-my-copy = Télécharger mon exemplaire signé (PDF)
charters-public-pdf = Télécharger la charte à imprimer (PDF)
charters-public-pdf-hint = Une page A4 en gros caractères, à afficher dans le lieu de la permanence.
charters-adhesion-link = Adhésion de ma structure et auto-évaluation
charters-read-network = Lire la charte du réseau
charters-sign-title = Signer la charte des encadrants
charters-sign-errors = Le formulaire n'est pas complet :
charters-sign-form-title = Votre signature
charters-sign-form-intro = Écrire votre nom vaut signature. Vous recevrez un exemplaire signé à imprimer ou à garder.
charters-sign-name = Votre nom et prénom
charters-sign-name-hint = Tel qu'il figurera sur votre exemplaire signé.
charters-sign-kind = Vous intervenez en tant que
charters-sign-place = Fait à
charters-sign-place-hint = Le nom de votre commune ou de votre lieu de permanence.
charters-sign-date = Date : { $date }
charters-sign-accept = J'ai lu cette charte et je m'engage à la respecter.
charters-sign-submit = Signer la charte
charters-sign-name-missing = Écrivez votre nom et votre prénom.
charters-sign-name-too-long = Le nom est trop long (80 caractères au plus).
charters-sign-kind-missing = Dites si vous êtes professionnel·le ou bénévole.
charters-sign-place-missing = Écrivez où vous signez (votre commune, par exemple).
charters-sign-place-too-long = Le lieu est trop long (80 caractères au plus).
charters-sign-accept-missing = Cochez la case pour dire que vous avez lu la charte et que vous vous engagez.
charters-sign-stale = La charte a changé pendant que vous la lisiez. Rien n'a été enregistré. Lisez la nouvelle version ci-dessous, puis signez-la.
charters-board-title = Signatures de la charte des encadrants
charters-board-current = Version en vigueur :
charters-board-count = { $signed } personne(s) sur { $total } ont signé la version en vigueur.
charters-board-caption = Les encadrants et responsables, ceux qui doivent signer en premier
charters-board-status = Version en vigueur
charters-board-signed = Signée
charters-board-must-sign = Doit signer
charters-board-latest = Dernière signature
charters-board-never = Jamais signée
charters-board-copy = Exemplaire signé de { $name } (PDF)
charters-adhesion-title = Adhésion à la charte du réseau
charters-adhesion-intro = Chaque structure adhère à la charte du réseau et dit où elle en est de chaque engagement.
charters-adhesion-no-organization = Vous n'êtes rattaché·e à aucune structure.
charters-adhesion-of = Charte du réseau : { $name }
charters-adhesion-section = Adhésion
charters-adhesion-none = N'a pas encore adhéré
charters-adhesion-current = Adhère à la version { $version }, en vigueur
charters-adhesion-old = A adhéré à la version { $version } : une nouvelle version attend son adhésion
charters-adhesion-done = Votre structure adhère à la version en vigueur.
charters-adhesion-ask = Votre structure n'adhère pas encore à la version en vigueur de « { $title } ».
charters-adhere-submit = Adhérer au nom de la structure
charters-adhere-stale = La charte a changé pendant que vous la lisiez. Rien n'a été enregistré. Lisez la nouvelle version avant d'adhérer.
charters-assess-title = Auto-évaluation
charters-assess-intro = Pour chaque engagement, dites où en est votre structure. Relais propose une réponse quand il peut la mesurer ; vous gardez le dernier mot.
charters-measured-by-relais = Mesuré par Relais :
charters-assess-comment = Commentaire (facultatif, sans nom de personne)
charters-assess-submit = Enregistrer l'auto-évaluation
charters-assess-status-missing = Choisissez une réponse pour cet engagement.
charters-assess-comment-too-long = Le commentaire est trop long (300 caractères au plus).
charters-assess-unknown = Cet engagement n'existe pas dans la version en vigueur.
charters-status-met = Tenu
charters-status-in-progress = En cours
charters-status-not-met = Pas tenu
charters-status-none = Pas encore évalué
charters-yes = oui
charters-no = non
charters-measure-not-yet = pas encore mesuré.
charters-measure-equipment = ordinateurs : { $computers }, Wi-Fi : { $wifi }, imprimante : { $printer }, scanner : { $scanner } (d'après les fiches de vos lieux).
charters-measure-no-staff = aucun encadrant n'est rattaché à la structure.
charters-measure-helpers-signed = { $signed } personne(s) sur { $total } ont signé la charte des encadrants en vigueur.
charters-measure-half-day-met = au moins une demi-journée de permanence par semaine.
charters-measure-half-day-not-met = moins d'une demi-journée de permanence par semaine.
charters-measure-poster-met = l'affiche a été imprimée cette année.
charters-measure-poster-not-met = l'affiche n'a pas été imprimée cette année.
charters-commitments-board-title = Engagements des structures
charters-board-network-current = Charte du réseau en vigueur :
charters-commitments-board-caption = Adhésion et auto-évaluation de chaque structure
notice-charte-publiee = Nouvelle version publiée.
notice-charte-signee = Merci ! Votre signature est enregistrée. Vous pouvez télécharger votre exemplaire signé.
notice-charte-deja-signee = Vous aviez déjà signé cette version.
notice-adhesion-enregistree = Adhésion enregistrée.
notice-adhesion-deja-faite = Votre structure avait déjà adhéré à cette version.
notice-auto-evaluation-enregistree = Auto-évaluation enregistrée.
audit-charter-publish = Charte publiée
audit-charter-sign = Charte signée
audit-charter-adhere = Adhésion à la charte du réseau
audit-charter-assess = Auto-évaluation des engagements

## charters: pdf
charters-pdf-page = page
charters-pdf-signed-title = Charte des encadrants signée par { $name }
charters-pdf-signature-title = Signature
charters-pdf-statement = Je soussigné·e { $name }, intervenant·e { $kind }, m'engage à respecter cette charte.
charters-pdf-signed-at = Fait à :
charters-pdf-signed-on = Le :
charters-pdf-signature = Signature :
charters-pdf-fingerprint-intro = Empreinte de la version signée (elle permet de vérifier que le texte n'a pas changé) :
permanences-read-charter = Lire et signer la charte des encadrants
permanences-public-charter-title = Charte publique
permanences-public-charter-count = { $count ->
    [0] Personne n'a encore pris connaissance de la charte publique ce jour-là.
    [one] 1 personne a pris connaissance de la charte publique ce jour-là.
   *[other] { $count } personnes ont pris connaissance de la charte publique ce jour-là.
}
permanences-public-charter-add = Une personne de plus a pris connaissance de la charte publique
permanences-public-charter-total = Sur 12 mois, { $count } prises de connaissance de la charte publique ont été comptées aux permanences (un nombre, jamais un nom).
notice-public-charter-counted = C'est compté. Aucun nom n'est gardé.

# activities
activities-list-title = Accompagnements
activities-list-link = Voir les accompagnements enregistrés
activities-list-none = Aucun accompagnement enregistré pour le moment.
activities-list-privacy = Aucun nom ni aucune coordonnée des personnes accompagnées n'est enregistré. Les notes d'une structure ne sont lues que par ses responsables.
activities-new-title = Enregistrer un accompagnement
activities-new-collective-title = Enregistrer un atelier collectif
activities-edit-title = Modifier l'accompagnement
activities-same-as-previous = Comme ma saisie précédente
activities-switch-collective = C'était un atelier collectif
activities-switch-individual = C'était un accompagnement individuel
activities-needs-charter = Pour enregistrer un accompagnement, il faut d'abord signer la charte des encadrants en vigueur.
activities-form-errors = Quelques informations sont à corriger :
activities-field-date = Date
activities-field-location = Où ?
activities-field-place = Lieu
activities-field-place-none = Aucun lieu (domicile, à distance ou ailleurs)
activities-field-location-commune = Commune (si ailleurs)
activities-field-participants = Nombre de personnes présentes
activities-field-duration = Durée
activities-field-duration-other = Autre durée, en minutes
activities-field-themes = Sur quoi ?
activities-field-domains = Quelle démarche ?
activities-field-equipment = Avec quel appareil ?
activities-field-autonomy = Où en est la personne à la fin ?
activities-field-last-click = La personne a-t-elle fait elle-même le dernier clic de validation ?
activities-field-logged-out = Comptes personnels déconnectés ?
activities-field-files = Fichiers téléchargés supprimés ?
activities-field-browser = Données du navigateur effacées ?
activities-field-referral = Orientation vers une autre structure
activities-field-prevention = Conseils de prudence donnés
activities-field-age = Âge de la personne
activities-field-first-visit = Première venue ?
activities-field-public-charter = La personne a pris connaissance de la charte publique ?
activities-field-gender = Genre (facultatif)
activities-field-status = Situation (facultatif)
activities-field-residence = Commune où vit la personne (facultatif)
activities-field-level = Niveau de l'atelier
activities-field-note = Note (facultatif)
activities-field-note-hint = Ce qui a été fait, sans nom, sans coordonnées, sans mot de passe.
activities-counts-age = Combien de personnes par âge ?
activities-counts-genre = Combien de personnes par genre ?
activities-counts-statut = Combien de personnes par situation ?
activities-save = Enregistrer
activities-recorded-by = Enregistré par { $name }
activities-locked = Enregistré il y a plus de 7 jours : il ne peut plus être modifié.
activities-locked-own = Cet accompagnement a été enregistré il y a plus de 7 jours : il ne peut plus être modifié.
activities-error-required = Faites un choix.
activities-error-unknown-value = Ce choix n'existe pas dans la liste.
activities-error-future = La date ne peut pas être dans le futur.
activities-error-too-old = La date est trop ancienne (plus d'un an).
activities-error-date = Indiquez la date, par exemple 10/03/2026.
activities-error-place = Choisissez un lieu de votre structure.
activities-error-commune = Indiquez la commune (80 caractères au plus).
activities-error-duration = Choisissez une durée, ou indiquez-la en minutes (de 1 à 600).
activities-error-themes = Cochez au moins un sujet.
activities-error-domains = Les démarches se choisissent avec le sujet « Démarches administratives en ligne ».
activities-error-participants = Indiquez le nombre de personnes, de 1 à 200.
activities-error-count = Chaque nombre doit être entre 0 et 200.
activities-error-counts-sum = Le total de cette partie doit être égal au nombre de personnes présentes.
activities-error-note = La note doit faire 500 caractères au plus.
activities-error-kind = Un accompagnement individuel ne peut pas devenir un atelier, ni l'inverse.
notice-activity-saved = C'est enregistré. Vous pouvez saisir le suivant.
notice-activity-updated = Les modifications sont enregistrées.
layout-nav-activities = Accompagnements
# diagnostic (src/diagnostic, templates/diagnostic). The questions, answers, levels and needs
# themselves are in src/diagnostic/questionnaire.toml.
activities-diagnostic-title = Diagnostic fait avec la personne
activities-diagnostic-none = Pas de diagnostic pour cet accompagnement.
activities-diagnostic-start = Faire le diagnostic avec la personne
layout-nav-diagnostic = Faire le point
layout-nav-diagnostic-board = Diagnostics
diagnostic-title = Faire le point sur le numérique
diagnostic-intro = { $count } questions courtes pour savoir ce que vous savez déjà faire, et où trouver de l'aide près de chez vous.
diagnostic-intro-answers = Pour chaque question, appuyez sur la réponse qui vous ressemble. Il n'y a pas de mauvaise réponse.
diagnostic-intro-anonymous = Vous ne donnez ni votre nom ni vos coordonnées. Relais ne garde pas vos réponses.
diagnostic-intro-code = À la fin, vous recevez un code. Gardez-le : il permet de revoir votre résultat et de voir vos progrès la prochaine fois.
diagnostic-start = Commencer
diagnostic-have-code = Vous avez déjà un code ?
diagnostic-have-code-hint = Tapez le code reçu lors d'un diagnostic précédent pour revoir le résultat.
diagnostic-code-label = Votre code (par exemple 1A2B-3C4D-5E6F-7)
diagnostic-see-result = Voir le résultat
diagnostic-question-of = Question { $number } sur { $total }
diagnostic-your-answer = (votre réponse)
diagnostic-previous = Question précédente
diagnostic-back-to-start = Revenir au début
diagnostic-listen = Écouter la question
diagnostic-last-step = Dernière étape
diagnostic-needs-title = Ce que vous voulez faire
diagnostic-needs-question = Qu'aimeriez-vous savoir faire ?
diagnostic-needs-hint = Cochez autant de cases que vous voulez, ou aucune.
diagnostic-finish = Voir mon résultat
diagnostic-unanswered = Il manque une réponse à cette question.
diagnostic-result-title = Votre résultat
diagnostic-result-date = Diagnostic du { $date }
diagnostic-profile = Votre profil : { $profile }
diagnostic-levels-title = Votre niveau, domaine par domaine
diagnostic-compared-with = Comparé avec votre diagnostic du { $date }.
diagnostic-domain = Domaine
diagnostic-level = Niveau
diagnostic-before = Avant
diagnostic-not-asked = Pas demandé
diagnostic-change-progress = En progrès depuis la dernière fois
diagnostic-change-same = Comme la dernière fois
diagnostic-needs-result-title = Ce que vous voulez apprendre
diagnostic-no-need = Vous n'avez rien coché.
diagnostic-next-title = Où trouver de l'aide
diagnostic-commune-label = Votre commune ou votre code postal
diagnostic-commune-submit = Chercher près de chez moi
diagnostic-unknown-commune = Nous ne trouvons pas de lieu à « { $commune } ». Vérifiez l'orthographe ou essayez le code postal.
diagnostic-next-ask-commune = Indiquez votre commune pour voir les lieux d'aide les plus proches.
diagnostic-next-none = Aucun lieu proche ne propose encore cette aide. Un lieu du réseau pourra vous orienter : voyez la liste de tous les lieux.
diagnostic-next-permanence = Prochaine permanence : { $date }
diagnostic-offers = Propose :
diagnostic-modes = Façons d'être aidé :
diagnostic-more-places = Voir d'autres lieux
diagnostic-all-permanences = Toutes les permanences
diagnostic-your-code = Votre code
diagnostic-qr-label = Code QR qui ouvre ce résultat
diagnostic-code-explained = Ce code contient vos réponses, pas votre nom. Notez-le, imprimez cette page ou prenez le code QR en photo. La prochaine fois, tapez-le pour voir vos progrès.
diagnostic-nothing-kept = Relais ne garde pas ce résultat. Il compte seulement combien de diagnostics ont été faits, sans savoir par qui.
diagnostic-to-record = Reporter ces niveaux dans la fiche d'accompagnement
diagnostic-compare-title = Comparer avec un ancien code
diagnostic-earlier-code = Votre ancien code
diagnostic-compare = Comparer
diagnostic-again = Refaire un diagnostic
diagnostic-print = Imprimer mon résultat
diagnostic-code-empty = Tapez votre code.
diagnostic-code-bad-character = Ce code contient un signe qui n'existe pas dans nos codes. Ils n'utilisent que des chiffres et des lettres, sans accent.
diagnostic-code-truncated = Ce code est trop court : il manque au moins un signe. Vérifiez que vous l'avez recopié en entier.
diagnostic-code-too-long = Ce code est trop long. Vérifiez que vous n'avez rien ajouté.
diagnostic-code-checksum = Ce code ne correspond à aucun résultat. Un signe est peut-être mal recopié : vérifiez-le signe par signe.
diagnostic-code-unknown-version = Ce code vient d'une version du questionnaire que ce site ne connaît pas. Refaites le diagnostic.
diagnostic-board-title = Diagnostics réalisés
diagnostic-board-intro = Combien de personnes ont fait le diagnostic, par lieu et par mois, avec leurs niveaux et leurs besoins. Aucune réponse individuelle n'est gardée.
diagnostic-board-small = Pour les lieux d'autres structures, les nombres de 1 à 4 sont affichés « < 5 » afin que personne ne puisse être reconnu.
diagnostic-board-empty = Aucun diagnostic n'a encore été compté pour vos lieux ces six derniers mois.
diagnostic-board-no-place = Sans lieu (fait à la maison)
diagnostic-board-total = Diagnostics terminés
diagnostic-board-counter = Compteur

# workshops (src/workshops, templates/workshops, templates/pdf/workshop-flyer.typ)
layout-nav-workshops = Ateliers
layout-nav-workshops-manage = Ateliers
notice-workshop-created = L'atelier est publié sur l'agenda.
notice-workshop-registered = La personne est inscrite.
notice-workshop-registered-waiting = L'atelier est complet : la personne est sur la liste d'attente.
notice-workshop-registration-cancelled = L'inscription est annulée. Si quelqu'un attendait, sa place est confirmée.
notice-workshop-cancelled = L'atelier est annulé.
notice-workshop-attendance = La présence est notée : l'accompagnement collectif est enregistré.
notice-workshop-attendance-already = La présence de cette séance était déjà notée.
audit-workshop-create = Atelier publié
audit-workshop-cancel = Atelier annulé
audit-workshop-attendance = Présence d'un atelier notée
audit-workshop-register = Inscription à un atelier faite à l'accueil
workshops-place-title = Ateliers à venir ici
workshops-agenda-title = Ateliers numériques
workshops-agenda-lead = Des ateliers en petit groupe pour apprendre ensemble, près de chez vous. Ils sont gratuits.
workshops-agenda-next = Prochains ateliers
workshops-agenda-none = Aucun atelier ne correspond pour l'instant. Essayez un autre thème ou une autre commune.
workshops-filter-theme = Thème
workshops-filter-any-theme = Tous les thèmes
workshops-filter-level = Niveau
workshops-filter-any-level = Tous les niveaux
workshops-filter-commune = Commune ou code postal
workshops-filter-from = À partir du
workshops-filter-submit = Chercher
workshops-feed-link = Ajouter les ateliers à mon agenda (iCalendar)
workshops-feed-name = Ateliers numériques
workshops-feed-level = Niveau : { $level }
workshops-feed-cancelled = Annulé : { $title }
workshops-level = Niveau :
workshops-seats-left = { $count ->
    [one] Il reste 1 place.
   *[other] Il reste { $count } places.
}
workshops-full = Complet : inscription sur liste d'attente.
workshops-cancelled = Atelier annulé.
workshops-session-of = séance { $rank } sur { $count }
workshops-when = Dates
workshops-duration = Durée de chaque séance : { $duration }.
workshops-free = Gratuit
workshops-place-fees = (conditions du lieu : { $fees })
workshops-about = De quoi parle-t-on ?
workshops-register-title = S'inscrire
workshops-register-waiting-title = S'inscrire sur la liste d'attente
workshops-field-first-name = Votre prénom
workshops-field-contact = Téléphone ou e-mail, si vous voulez un rappel (facultatif)
workshops-field-contact-hint = Laissez vide si vous ne voulez pas être rappelé. Nous ne gardons rien après l'atelier.
workshops-field-consent = J'accepte que le lieu utilise ce numéro ou cet e-mail seulement pour me rappeler l'atelier ou me prévenir d'un changement. Il est effacé le lendemain de l'atelier.
workshops-field-consent-desk = La personne accepte que ce contact serve seulement à la rappeler pour cet atelier.
workshops-field-trap = Ne pas remplir ce champ
workshops-register = Je m'inscris
workshops-back = Tous les ateliers
workshops-flyer = Imprimer l'affichette (PDF)
workshops-registered-title = Inscription enregistrée
workshops-registered = C'est noté, { $name } : vous êtes inscrit.
workshops-registered-waiting = C'est noté, { $name } : vous êtes sur la liste d'attente.
workshops-waiting-explained = Si une place se libère, elle est pour vous. Si vous avez laissé un contact, le lieu vous préviendra.
workshops-private-link-title = Votre lien pour annuler
workshops-private-link-explained = Gardez ce lien pour vous : il permet de voir ou d'annuler votre inscription. Il ne marche plus après l'atelier.
workshops-private-link-emailed = Nous vous l'avons aussi envoyé par e-mail.
workshops-back-to-workshop = Revenir à l'atelier
workshops-registration-title = Votre inscription
workshops-registration-status = { $name }, votre inscription :
workshops-registration-cancel = Annuler mon inscription
workshops-registration-cancelled = { $name }, votre inscription est annulée. Merci d'avoir prévenu.
workshops-status-confirmed = confirmée
workshops-status-waiting = sur liste d'attente
workshops-status-cancelled = annulée
workshops-manage-title = Ateliers
workshops-manage-none = Aucun atelier prévu. Le tableau des besoins aide à choisir le prochain.
workshops-manage-back = Tous les ateliers
workshops-new = Préparer un atelier
workshops-needs-link = Besoins repérés
workshops-sessions-count = { $count } séances
workshops-registered-count = Inscrits : { $seats }
workshops-field-place = Lieu
workshops-field-place-choose = Choisissez un lieu
workshops-field-title = Titre de l'atelier
workshops-field-themes = Thèmes
workshops-field-level = Niveau
workshops-field-date = Date de la première séance
workshops-field-time = Heure de début
workshops-field-duration = Durée d'une séance (en minutes)
workshops-field-sessions = Nombre de séances
workshops-field-sessions-hint = Une séance par semaine, le même jour, à la même heure.
workshops-field-capacity = Nombre de places
workshops-field-helpers = Encadrants
workshops-field-description = Présentation
workshops-field-description-hint = Ce que l'on va apprendre et ce qu'il faut apporter. Pas de nom ni de coordonnées.
workshops-publish = Publier l'atelier
workshops-error-place = Choisissez un lieu de votre structure.
workshops-error-title = Donnez un titre de 120 signes au plus.
workshops-error-themes = Choisissez au moins un thème de la liste.
workshops-error-level = Choisissez un niveau.
workshops-error-description = La présentation doit faire 2 000 signes au plus.
workshops-error-past = La première séance ne peut pas être dans le passé.
workshops-error-date = Indiquez une date, par exemple 10/03/2026.
workshops-error-time = Indiquez une heure, par exemple 14:00.
workshops-error-duration = Une séance dure de 15 minutes à 8 heures et se termine le même jour.
workshops-error-sessions = De 1 à 12 séances.
workshops-error-capacity = De 1 à 100 places.
workshops-error-first-name = Écrivez votre prénom seulement (40 lettres au plus, sans chiffre).
workshops-error-contact = Écrivez un numéro de téléphone à 10 chiffres ou une adresse e-mail, ou laissez vide.
workshops-error-consent = Pour garder ce contact, cochez la case d'accord. Sinon, laissez le contact vide.
workshops-error-throttled = Beaucoup d'inscriptions viennent d'être faites depuis cet appareil. Attendez une heure, ou appelez le lieu.
workshops-error-closed = Cet atelier est annulé ou terminé : on ne peut plus s'y inscrire.
workshops-error-reason = Indiquez la raison de l'annulation (300 signes au plus), elle sera montrée au public.
workshops-error-not-yet = Cette séance n'a pas encore eu lieu.
workshops-error-charter = Pour enregistrer un accompagnement, signez d'abord la charte des encadrants.
workshops-capacity = { $count ->
    [one] 1 place
   *[other] { $count } places
}
workshops-waiting-count = { $count ->
    [one] 1 personne en attente
   *[other] { $count } personnes en attente
}
workshops-helpers = Encadrants :
workshops-public-page = Page publique
workshops-informed-title = Personnes prévenues
workshops-informed-emailed = { $count ->
    [0] Aucun e-mail envoyé.
    [one] 1 personne prévenue par e-mail.
   *[other] { $count } personnes prévenues par e-mail.
}
workshops-informed-call = À appeler :
workshops-informed-unreachable = { $count ->
    [one] 1 personne n'a pas laissé de contact : prévenez-la si elle passe.
   *[other] { $count } personnes n'ont pas laissé de contact : prévenez-les si elles passent.
}
workshops-sessions = Séances
workshops-attendance-done = Présence notée.
workshops-attendance-mark = Noter la présence
workshops-people = Inscriptions
workshops-people-forgotten = Les prénoms et contacts sont effacés le lendemain de la dernière séance.
workshops-people-none = Personne n'est encore inscrit.
workshops-by-staff = inscrit à l'accueil
workshops-reminder-to = Rappel :
workshops-cancel-person = Annuler l'inscription de { $name }
workshops-desk-title = Inscrire une personne à l'accueil ou au téléphone
workshops-desk-register = Inscrire
workshops-cancel-title = Annuler l'atelier
workshops-cancel-reason = Raison, montrée au public
workshops-cancel-submit = Annuler l'atelier et prévenir les inscrits
workshops-attendance-title = Présence à l'atelier
workshops-attendance-registered = { $count ->
    [one] 1 personne inscrite.
   *[other] { $count } personnes inscrites.
}
workshops-attendance-hint = Comptez les personnes venues, sans les nommer. Chaque groupe doit faire le même total.
workshops-attendance-people = Nombre de personnes venues
workshops-attendance-age = Par âge
workshops-attendance-genre = Par genre
workshops-attendance-statut = Par situation
workshops-attendance-save = Enregistrer la présence
workshops-needs-title = Besoins repérés
workshops-needs-lead = Les thèmes et niveaux dont les personnes ont eu besoin ces 90 derniers jours (accompagnements et diagnostics), face aux ateliers prévus le mois prochain.
workshops-needs-none = Pas encore de besoin repéré dans vos lieux ces 90 derniers jours.
workshops-needs-caption = Besoins par lieu, thème et niveau
workshops-needs-place = Lieu
workshops-needs-theme = Thème
workshops-needs-level = Niveau
workshops-needs-people = Personnes
workshops-needs-planned = Ateliers prévus
workshops-needs-draft = Aucun : préparer un atelier
workshops-mail-registered-subject = Inscription : { $title }
workshops-mail-registered-body = Bonjour { $name },

    Vous êtes inscrit à l'atelier « { $title } ».

    { $dates }

    Lieu : { $place }

    Pour voir ou annuler votre inscription : { $link }

    Votre contact sera effacé le lendemain de l'atelier.
workshops-mail-cancelled-subject = Atelier annulé : { $title }
workshops-mail-cancelled-body = Bonjour { $name },

    L'atelier « { $title } » du { $date } à { $place } est annulé.
    Raison : { $reason }

    Nous sommes désolés. Votre contact sera effacé demain.
workshops-mail-reminder-subject = Rappel : { $title }, demain
workshops-mail-reminder-body = Bonjour { $name },

    Nous vous attendons demain à l'atelier « { $title } ».
    { $date }
    Lieu : { $place }

    Si vous ne pouvez pas venir, utilisez le lien reçu à l'inscription pour libérer votre place.
workshops-pdf-banner = Atelier numérique gratuit
workshops-pdf-level = Niveau :
workshops-pdf-when = Quand ?
workshops-pdf-where = Où ?
workshops-pdf-about = Au programme
workshops-pdf-qr = Inscrivez-vous en scannant ce code ou sur :
workshops-pdf-qr-alt = Code QR vers la page d'inscription
diagnostic-workshops-title = Ateliers à votre niveau
diagnostic-workshops-none = Pas d'atelier à votre niveau près de chez vous pour l'instant.

# privacy
privacy-concern-email = Une adresse e-mail ne doit pas être écrite ici : on ne garde rien qui permette de reconnaître ou de joindre la personne accompagnée.
privacy-concern-phone = Un numéro de téléphone ne doit pas être écrit ici : on ne garde rien qui permette de reconnaître ou de joindre la personne accompagnée.
privacy-concern-social-security = Un numéro de sécurité sociale ne doit jamais être noté : c'est une donnée personnelle, et on n'en garde aucune.
privacy-concern-iban = Des coordonnées bancaires (IBAN) ne doivent jamais être notées : on ne garde ni les données personnelles ni les informations bancaires de la personne.
privacy-concern-card = Un numéro de carte bancaire ne doit jamais être noté : on ne garde jamais les moyens de paiement de la personne.
privacy-concern-secret = Un mot de passe, un identifiant ou un code ne doit jamais être gardé : la charte demande de ne jamais conserver les accès de la personne.
privacy-concern-birth-date = Une date de naissance ne doit pas être écrite ici : on ne garde rien qui permette de reconnaître la personne. Indiquez plutôt sa tranche d'âge.
privacy-where = { $count ->
    [one] { $why } Passage concerné : { $excerpts }.
   *[other] { $why } Passages concernés : { $excerpts }.
}
privacy-more = { $count ->
    [one] Un autre passage du même genre est aussi à retirer.
   *[other] { $count } autres passages du même genre sont aussi à retirer.
}
privacy-fix = Retirez ce passage ou remplacez-le par des mots généraux (par exemple « son mot de passe » ou « son numéro »), puis enregistrez de nouveau : le reste du formulaire est gardé.
## Referrals
layout-nav-referrals = Orientations
referrals-from-activity = Orienter cette personne vers un autre lieu
referrals-list-title = Orientations
referrals-list-privacy = Seules les deux structures concernées voient une orientation. Le prénom et le contact de la personne sont effacés peu après sa clôture.
referrals-new-title = Orienter une personne
referrals-code-title = Saisir le code d'une fiche
referrals-show-title = Orientation
referrals-none = Aucune orientation pour l'instant.
referrals-counts-intro = La coordination voit seulement le nombre d'orientations, jamais leur contenu.
referrals-counts-caption = Orientations du réseau par état
referrals-col-count = Nombre
referrals-col-date = Date
referrals-col-from = Envoyée par
referrals-col-to = Vers
referrals-col-need = Besoin
referrals-col-state = État
referrals-reminders-title = À relancer
referrals-reminders-intro = Ces orientations attendent depuis plus de 10 jours.
referrals-incoming-title = Orientations reçues
referrals-outgoing-title = Orientations envoyées
referrals-state-sent = Envoyée
referrals-state-accepted = Acceptée
referrals-state-refused = Refusée
referrals-state-arrived = La personne est venue
referrals-state-expired = Expirée
referrals-state-cancelled = Annulée
referrals-form-errors = Le formulaire est à corriger :
referrals-field-destination = Vers quel lieu orienter la personne ?
referrals-field-destination-hint = Un lieu du réseau ou un partenaire (CAF, CPAM, France Services, mairie…).
referrals-destination-network = Lieux du réseau
referrals-destination-partners = Partenaires
referrals-destination-partner-note = Ce partenaire n'a pas de compte : il répondra par un lien que vous lui transmettrez.
referrals-destination-services = Services proposés
referrals-change-destination = Choisir un autre lieu
referrals-continue = Continuer
referrals-field-categories = Pour quel besoin ?
referrals-field-need = Le besoin, en quelques mots
referrals-field-need-hint = Sans nom, numéro ni mot de passe : par exemple « déclarer ses revenus en ligne ».
referrals-consent-title = Accord de la personne
referrals-consent-statement = Lisez à la personne : « Pour que ce lieu puisse vous aider, nous pouvons lui transmettre votre prénom, un moyen de vous rappeler et votre besoin. Vous choisissez ce que vous acceptez de partager. Ces informations sont effacées au plus tard un mois après la fin de l'orientation. Vous pouvez refuser : vous recevrez quand même la fiche. »
referrals-field-consent = La personne est-elle d'accord pour partager des informations ?
referrals-consent-yes = Oui, elle est d'accord
referrals-consent-no = Non : seuls le besoin et le lieu sont gardés
referrals-field-shares = Ce qu'elle accepte de partager
referrals-share-name = Son prénom ou ses initiales
referrals-share-contact = Un moyen de la rappeler
referrals-share-need = Le besoin écrit ci-dessus
referrals-field-first-name = Prénom ou initiales
referrals-field-contact-way = Comment préfère-t-elle être contactée ?
referrals-contact-way-phone = Par téléphone
referrals-contact-way-email = Par e-mail
referrals-contact-way-none = Elle viendra ou appellera elle-même
referrals-field-contact = Numéro de téléphone ou adresse e-mail
referrals-send = Envoyer l'orientation
referrals-error-destination = Choisissez un lieu du réseau ou un partenaire.
referrals-error-category = Ce besoin n'existe pas dans la liste.
referrals-error-need = Cochez un besoin ou décrivez-le en quelques mots.
referrals-error-need-long = Le besoin doit faire 300 caractères au plus.
referrals-error-consent = Indiquez si la personne est d'accord pour partager des informations.
referrals-error-first-name = Écrivez le prénom ou les initiales, ou décochez cette case.
referrals-error-first-name-shape = Seulement un prénom ou des initiales (lettres, 40 caractères au plus).
referrals-error-contact-way = Choisissez comment la personne préfère être contactée.
referrals-error-phone = Écrivez un numéro de téléphone à 10 chiffres, par exemple 06 12 34 56 78.
referrals-error-email = Écrivez une adresse e-mail complète, par exemple prenom@exemple.fr.
referrals-error-reason = Indiquez la raison du refus.
referrals-error-reason-long = La raison doit faire 300 caractères au plus.
referrals-error-state = Cette orientation ne peut plus changer.
referrals-error-closed = Cette orientation ne peut plus changer : { $state }.
referrals-consent-given = Accord donné le { $date }, valable jusqu'au { $until }.
referrals-consent-none = Pas d'accord : seuls le besoin et le lieu sont gardés.
referrals-field-reason = Raison du refus
referrals-purged = Le prénom, le contact et le besoin ont été effacés, comme prévu après la clôture.
referrals-print-slip = Imprimer la fiche pour la personne
referrals-slip-pdf = Télécharger la fiche (PDF)
referrals-cancel = Annuler l'orientation
referrals-answer-title = Répondre
referrals-accept = Accepter
referrals-refuse = Refuser
referrals-arrived = La personne est venue
referrals-back = Toutes les orientations
referrals-back-to-referral = Retour à l'orientation
referrals-link-title = Lien pour le partenaire
referrals-link-show = Transmettez ce lien au partenaire (il est valable 8 jours) :
referrals-link-emailed = Le lien a été envoyé par e-mail au partenaire.
referrals-link-until = Le lien du partenaire est valable jusqu'au { $date }.
referrals-link-none = Le lien du partenaire a expiré. Créez-en un nouveau pour le lui transmettre.
referrals-link-renew = Créer un nouveau lien
referrals-link-page-title = Orientation reçue
referrals-link-page-intro = Une structure du réseau vous oriente une personne. Dites-nous si vous pouvez la recevoir.
referrals-link-done = Merci, c'est enregistré : { $state }.
referrals-link-closed = Cette orientation a déjà reçu une réponse : { $state }.
referrals-link-expired = Ce lien a expiré (il était valable 8 jours). Demandez un nouveau lien à la structure qui vous l'a envoyé.
referrals-link-unknown = Ce lien n'est plus valable : l'orientation est terminée ou un nouveau lien a été créé.
referrals-code-intro = La personne présente sa fiche : tapez le code écrit sous le QR code, ou scannez le QR code.
referrals-code-submit = Valider la venue
referrals-code-unknown = Ce code ne correspond à aucune orientation en cours vers votre structure. Vérifiez chaque caractère.
referrals-code-throttled = Trop de codes erronés : réessayez dans 15 minutes.
referrals-slip-title = Fiche d'orientation
referrals-slip-pdf-title = Fiche d'orientation vers { $place }
referrals-slip-banner = Vous êtes attendu·e ici
referrals-slip-phone = Téléphone :
referrals-slip-for = Pour :
referrals-slip-when = Quand y aller
referrals-slip-no-hours = Les horaires ne sont pas connus : téléphonez avant de vous déplacer.
referrals-slip-need = Pour quoi
referrals-slip-bring = À apporter
referrals-slip-code = Code de la fiche
referrals-slip-from = Orientation de
referrals-slip-qr-alt = QR code de la fiche
referrals-slip-print-hint = Pour imprimer, utilisez la commande Imprimer de votre navigateur.
referrals-bring-slip = Cette fiche
referrals-bring-id = Une pièce d'identité
referrals-bring-papers = Les courriers ou documents liés à votre démarche
referrals-bring-phone = Votre téléphone chargé, si vous en avez un
referrals-email-subject = Orientation vers { $place }
referrals-email-body = Bonjour,

    { $origin } vous oriente une personne. Pour voir l'orientation et y répondre, ouvrez ce lien (valable { $days } jours) :

    { $link }

    Ce message est envoyé par Relais.
notice-referral-created = L'orientation est envoyée. Imprimez la fiche pour la personne.
notice-referral-accepted = L'orientation est acceptée.
notice-referral-refused = L'orientation est refusée.
notice-referral-arrived = C'est noté : la personne est venue.
notice-referral-cancelled = L'orientation est annulée.
notice-referral-link-renewed = Un nouveau lien est créé ; l'ancien ne fonctionne plus.
audit-referral-create = Orientation envoyée
audit-referral-accept = Orientation acceptée
audit-referral-refuse = Orientation refusée
audit-referral-arrive = Venue de la personne orientée
audit-referral-cancel = Orientation annulée
audit-referral-link = Lien de partenaire créé
audit-referral-code-failure = Code de fiche erroné
audit-referral-code-throttled = Codes de fiche bloqués (trop d'erreurs)

## Statistics

layout-nav-stats = Statistiques
layout-footer-stats = Statistiques du réseau
stats-title = Statistiques
stats-intro = Les chiffres des accompagnements, calculés au fil des saisies. Les nombres sont exacts sur cette page réservée à l'équipe ; les bilans et la page publique masquent les petits nombres.
stats-filters = Filtres des statistiques
stats-field-period = Période
stats-period-dates = Les dates ci-dessous
stats-period-last-quarter = Le trimestre précédent
stats-field-from = Du
stats-field-to = Au
stats-field-organization = Structure
stats-field-place = Lieu
stats-field-kind = Type d'accompagnement
stats-field-theme = Thème
stats-field-age = Tranche d'âge
stats-age-hint = Le filtre d'âge ne garde que les accompagnements individuels (les ateliers comptent leurs participants par âge sans détail par thème).
stats-age-seniors = 60 ans et plus
stats-all = Tous
stats-apply = Afficher
stats-kind-individual = Accompagnements individuels
stats-kind-collective = Ateliers collectifs
stats-totals = En bref
stats-total-records = Accompagnements
stats-total-people = Personnes accompagnées
stats-total-hours = Heures d'accompagnement
stats-total-first-visits = Premières visites
stats-total-last-click = Dernier clic fait par la personne
stats-total-checklist = Fins de séance sans oubli (comptes, fichiers, navigateur)
stats-theme-only = Avec un filtre de thème, seuls les totaux, les mois, les lieux et les âges sont connus.
stats-nothing = Aucun accompagnement sur cette période.
stats-column-label = Intitulé
stats-column-records = Accompagnements
stats-column-people = Personnes
stats-column-sessions = Séances
stats-column-hours = Heures
stats-column-value = Valeur
stats-section-months = Mois par mois
stats-section-themes = Thèmes
stats-section-ages = Tranches d'âge
stats-section-genders = Genre
stats-section-autonomy = Autonomie atteinte
stats-section-prevention = Prévention abordée
stats-section-places = Lieux
stats-no-place = Hors d'un lieu (domicile, à distance, ailleurs)
stats-masked = secret
stats-reports = Bilans pour les financeurs
stats-reports-intro = Pour la période et le territoire choisis ci-dessus. Les nombres de 1 à 4 y sont écrits « < 5 », et d'autres cases sont masquées (« secret ») pour qu'on ne puisse pas les retrouver par soustraction.
stats-report-funders = Conférence des financeurs (60 ans et plus)
stats-report-region = Région
stats-report-generic = Bilan général
stats-report-title-financeurs = Bilan pour la Conférence des financeurs : personnes de 60 ans et plus
stats-report-title-region = Bilan pour la Région
stats-report-title-general = Bilan des accompagnements
stats-report-period = Période : du { $from } au { $to }
stats-report-generated = Édité le { $date }
stats-report-network = Tout le réseau
stats-report-territory-line = Territoire : { $names }
stats-report-territory = Communes
stats-report-total = Total
stats-report-seniors-individual = Personnes de 60 ans et plus accompagnées individuellement, par âge et genre
stats-report-seniors-workshops = Participants de 60 ans et plus aux ateliers collectifs
stats-report-sessions = Séances et heures
stats-small-rule = Les nombres de 1 à 4 sont écrits « < 5 » ; « secret » masque une autre case pour qu'on ne puisse pas les retrouver.
stats-public-title = Statistiques du réseau
stats-public-period = Du { $from } au { $to }.
stats-pdf-page = Page
