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
