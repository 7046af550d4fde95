//! The access-control matrix: every route × (anonymous, helper, manager, coordinator) gives the
//! expected status. A new route joins this table.

use crate::support::TestApp;
use axum::http::StatusCode;
use relais::accounts::Role;
use relais::permanences;

#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    Helper,
    Manager,
    Coordinator,
}

const ALL: [Who; 4] = [Who::Anonymous, Who::Helper, Who::Manager, Who::Coordinator];

/// `(method, path, [anonymous, helper, manager, coordinator])`. `{helper}` is replaced by the
/// helper's account id. POST bodies are empty: a logged-in caller with the right role reaches
/// form validation (422) or the action itself; anyone else is stopped before.
const MATRIX: &[(&str, &str, [u16; 4])] = &[
    ("GET", "/", [200, 200, 200, 200]),
    ("GET", "/healthz", [200, 200, 200, 200]),
    ("GET", "/readyz", [200, 200, 200, 200]),
    ("GET", "/static/relais.css", [200, 200, 200, 200]),
    ("GET", "/static/favicon.svg", [200, 200, 200, 200]),
    ("GET", "/static/map.js", [200, 200, 200, 200]),
    ("GET", "/static/activity.js", [200, 200, 200, 200]),
    (
        "GET",
        "/static/vendor/leaflet-1.9.4/leaflet.js",
        [200, 200, 200, 200],
    ),
    (
        "GET",
        "/static/vendor/leaflet-1.9.4/leaflet.css",
        [200, 200, 200, 200],
    ),
    (
        "GET",
        "/static/vendor/leaflet-1.9.4/LICENSE.txt",
        [200, 200, 200, 200],
    ),
    ("GET", "/connexion", [200, 303, 303, 303]),
    ("POST", "/connexion", [401, 401, 401, 401]),
    ("POST", "/deconnexion", [303, 303, 303, 303]),
    ("GET", "/compte", [303, 200, 200, 200]),
    ("GET", "/compte/mes-donnees", [303, 200, 200, 200]),
    ("POST", "/compte/mot-de-passe", [303, 422, 422, 422]),
    ("POST", "/compte/supprimer", [303, 422, 422, 422]),
    ("GET", "/equipe", [303, 403, 200, 200]),
    ("POST", "/equipe/invitations", [303, 403, 422, 422]),
    (
        "POST",
        "/equipe/{helper}/reinitialisation",
        [303, 403, 403, 200],
    ),
    ("GET", "/journal", [303, 403, 403, 200]),
    ("GET", "/invitation/inconnue", [410, 410, 410, 410]),
    ("POST", "/invitation/inconnue", [410, 410, 410, 410]),
    ("GET", "/reinitialisation/inconnue", [410, 410, 410, 410]),
    ("POST", "/reinitialisation/inconnue", [410, 410, 410, 410]),
    ("GET", "/page-qui-n-existe-pas", [404, 404, 404, 404]),
    ("GET", "/lieux", [200, 200, 200, 200]),
    ("GET", "/lieux/imprimer", [200, 200, 200, 200]),
    ("GET", "/lieux/imprimer.pdf", [200, 200, 200, 200]),
    ("GET", "/lieux/{place}", [200, 200, 200, 200]),
    ("GET", "/lieux/{hidden}", [404, 200, 200, 200]),
    ("GET", "/lieux/999999", [404, 404, 404, 404]),
    ("GET", "/api/v1/lieux", [200, 200, 200, 200]),
    ("GET", "/api/v1/lieux/{place}", [200, 200, 200, 200]),
    ("GET", "/api/v1/lieux/{hidden}", [404, 404, 404, 404]),
    ("GET", "/api/openapi.json", [200, 200, 200, 200]),
    (
        "GET",
        "/opendata/lieux-de-mediation-numerique.csv",
        [200, 200, 200, 200],
    ),
    (
        "GET",
        "/opendata/lieux-de-mediation-numerique.json",
        [200, 200, 200, 200],
    ),
    ("GET", "/gestion/lieux", [303, 403, 200, 200]),
    ("POST", "/gestion/lieux", [303, 403, 422, 422]),
    ("GET", "/gestion/lieux/nouveau", [303, 403, 200, 200]),
    ("GET", "/gestion/lieux/{place}", [303, 403, 200, 200]),
    ("GET", "/gestion/lieux/{hidden}", [303, 403, 403, 200]),
    ("POST", "/gestion/lieux/{place}", [303, 403, 422, 422]),
    ("POST", "/gestion/lieux/{hidden}", [303, 403, 403, 422]),
    (
        "POST",
        "/gestion/lieux/{place}/confirmer",
        [303, 403, 303, 303],
    ),
    (
        "POST",
        "/gestion/lieux/{hidden}/confirmer",
        [303, 403, 403, 303],
    ),
    (
        "POST",
        "/gestion/lieux/{place}/fermetures",
        [303, 403, 422, 422],
    ),
    (
        "POST",
        "/gestion/lieux/{place}/fermetures/999/supprimer",
        [303, 403, 404, 404],
    ),
    ("GET", "/gestion/fraicheur", [303, 403, 403, 200]),
    ("GET", "/gestion/doublons", [303, 403, 403, 200]),
    (
        "GET",
        "/gestion/doublons/fusionner?garder={place}&retirer={hidden}",
        [303, 403, 403, 200],
    ),
    ("POST", "/gestion/doublons/fusionner", [303, 403, 403, 404]),
    ("POST", "/gestion/doublons/ecarter", [303, 403, 403, 404]),
    ("GET", "/gestion/structures", [303, 403, 403, 200]),
    ("POST", "/gestion/structures", [303, 403, 403, 422]),
    (
        "GET",
        "/gestion/structures/{organization}",
        [303, 403, 200, 200],
    ),
    (
        "POST",
        "/gestion/structures/{organization}",
        [303, 403, 422, 422],
    ),
    ("GET", "/gestion/structures/{other}", [303, 403, 403, 200]),
    ("POST", "/gestion/structures/{other}", [303, 403, 403, 422]),
    ("GET", "/permanences", [200, 200, 200, 200]),
    ("GET", "/agenda.ics", [200, 200, 200, 200]),
    ("GET", "/lieux/{place}/agenda.ics", [200, 200, 200, 200]),
    ("GET", "/lieux/{hidden}/agenda.ics", [404, 404, 404, 404]),
    ("GET", "/agenda/encadrant/inconnu", [404, 404, 404, 404]),
    (
        "GET",
        "/gestion/lieux/{place}/permanences",
        [303, 403, 200, 200],
    ),
    (
        "POST",
        "/gestion/lieux/{place}/permanences",
        [303, 403, 422, 422],
    ),
    (
        "GET",
        "/gestion/lieux/{hidden}/permanences",
        [303, 403, 403, 200],
    ),
    (
        "GET",
        "/gestion/permanences/{permanence}",
        [303, 403, 200, 200],
    ),
    (
        "POST",
        "/gestion/permanences/{permanence}",
        [303, 403, 422, 422],
    ),
    (
        "POST",
        "/gestion/permanences/{permanence}/exceptions",
        [303, 403, 422, 422],
    ),
    (
        "POST",
        "/gestion/permanences/{permanence}/exceptions/999/supprimer",
        [303, 403, 404, 404],
    ),
    (
        "GET",
        "/gestion/permanences/{permanence}/seances/2026-03-03",
        [303, 403, 200, 200],
    ),
    (
        "GET",
        "/gestion/permanences/{permanence}/seances/2026-03-04",
        [303, 403, 404, 404],
    ),
    (
        "POST",
        "/gestion/permanences/{permanence}/seances/2026-03-03/encadrants",
        [303, 403, 422, 422],
    ),
    (
        "POST",
        "/gestion/permanences/{permanence}/seances/2026-03-03/encadrants/{helper}/retirer",
        [303, 403, 404, 404],
    ),
    ("GET", "/gestion/couverture", [303, 403, 200, 200]),
    ("GET", "/accompagnements", [303, 200, 200, 200]),
    ("GET", "/accompagnements/nouveau", [303, 200, 200, 200]),
    (
        "GET",
        "/accompagnements/nouveau?type=collectif",
        [303, 200, 200, 200],
    ),
    ("POST", "/accompagnements", [303, 422, 422, 422]),
    ("GET", "/accompagnements/999", [303, 404, 404, 404]),
    ("POST", "/accompagnements/999", [303, 422, 422, 422]),
    ("GET", "/diagnostic", [200, 200, 200, 200]),
    ("POST", "/diagnostic", [200, 200, 200, 200]),
    ("GET", "/diagnostic/resultat", [422, 422, 422, 422]),
    ("GET", "/static/diagnostic.js", [200, 200, 200, 200]),
    ("GET", "/gestion/diagnostics", [303, 200, 200, 200]),
    ("GET", "/actualites/999/piece-jointe", [404, 404, 404, 404]),
    ("GET", "/gestion/statistiques", [303, 403, 200, 200]),
    (
        "GET",
        "/gestion/statistiques?periode=trimestre-precedent&age=60-plus",
        [303, 403, 200, 200],
    ),
    (
        "GET",
        "/gestion/statistiques/bilan.csv",
        [303, 403, 200, 200],
    ),
    (
        "GET",
        "/gestion/statistiques/bilan.xlsx",
        [303, 403, 200, 200],
    ),
    (
        "GET",
        "/gestion/statistiques/bilan.pdf?modele=financeurs",
        [303, 403, 200, 200],
    ),
    ("GET", "/statistiques", [200, 200, 200, 200]),
    ("GET", "/ateliers", [200, 200, 200, 200]),
    ("GET", "/ateliers.ics", [200, 200, 200, 200]),
    ("GET", "/ateliers/999", [404, 404, 404, 404]),
    ("POST", "/ateliers/999/inscription", [404, 404, 404, 404]),
    ("GET", "/ateliers/999/affiche.pdf", [404, 404, 404, 404]),
    ("GET", "/ateliers/inscription/inconnu", [410, 410, 410, 410]),
    (
        "POST",
        "/ateliers/inscription/inconnu",
        [410, 410, 410, 410],
    ),
    ("GET", "/gestion/ateliers", [303, 200, 200, 200]),
    ("POST", "/gestion/ateliers", [303, 403, 422, 422]),
    ("GET", "/gestion/ateliers/nouveau", [303, 403, 200, 200]),
    ("GET", "/gestion/ateliers/999", [303, 404, 404, 404]),
    (
        "POST",
        "/gestion/ateliers/999/inscriptions",
        [303, 404, 404, 404],
    ),
    (
        "POST",
        "/gestion/ateliers/999/inscriptions/1/annuler",
        [303, 404, 404, 404],
    ),
    (
        "POST",
        "/gestion/ateliers/999/annuler",
        [303, 404, 404, 404],
    ),
    (
        "GET",
        "/gestion/ateliers/seances/999/presence",
        [303, 404, 404, 404],
    ),
    (
        "POST",
        "/gestion/ateliers/seances/999/presence",
        [303, 404, 404, 404],
    ),
    ("GET", "/gestion/besoins", [303, 403, 200, 200]),
    ("GET", "/orientations", [303, 200, 200, 200]),
    ("POST", "/orientations", [303, 422, 422, 422]),
    ("GET", "/orientations/nouvelle", [303, 200, 200, 200]),
    (
        "GET",
        "/orientations/nouvelle?destination={place}",
        [303, 200, 200, 200],
    ),
    ("GET", "/orientations/code", [303, 200, 200, 200]),
    ("POST", "/orientations/code", [303, 422, 422, 422]),
    ("GET", "/orientations/999", [303, 404, 404, 404]),
    ("POST", "/orientations/999/accepter", [303, 404, 404, 404]),
    ("POST", "/orientations/999/refuser", [303, 404, 404, 404]),
    ("POST", "/orientations/999/arrivee", [303, 404, 404, 404]),
    ("POST", "/orientations/999/annuler", [303, 404, 404, 404]),
    ("POST", "/orientations/999/lien", [303, 404, 404, 404]),
    ("GET", "/orientations/999/fiche", [303, 404, 404, 404]),
    ("GET", "/orientations/999/fiche.pdf", [303, 404, 404, 404]),
    ("GET", "/relais/inconnu", [410, 410, 410, 410]),
    ("POST", "/relais/inconnu", [410, 410, 410, 410]),
    ("GET", "/lieux/{place}/affiche", [200, 200, 200, 200]),
    ("GET", "/lieux/{hidden}/affiche", [404, 200, 200, 200]),
    ("GET", "/lieux/{place}/affiche.pdf", [200, 200, 200, 200]),
    (
        "GET",
        "/gestion/lieux/{place}/affiche",
        [303, 403, 200, 200],
    ),
    (
        "POST",
        "/gestion/lieux/{place}/affiche",
        [303, 403, 303, 303],
    ),
    ("GET", "/mes-permanences", [303, 200, 200, 200]),
    (
        "POST",
        "/mes-permanences/{permanence}/2026-03-04/je-viens",
        [303, 422, 422, 422],
    ),
    (
        "POST",
        "/mes-permanences/{permanence}/2026-03-03/je-me-retire",
        [303, 404, 404, 404],
    ),
    (
        "POST",
        "/mes-permanences/agenda/supprimer",
        [303, 303, 303, 303],
    ),
    ("POST", "/mes-permanences/agenda", [303, 200, 200, 200]),
    (
        "POST",
        "/gestion/permanences/{permanence}/supprimer",
        [303, 403, 303, 404],
    ),
    ("GET", "/chartes", [200, 200, 200, 200]),
    ("GET", "/chartes/reseau", [200, 200, 200, 200]),
    ("GET", "/chartes/encadrants", [200, 200, 200, 200]),
    ("GET", "/chartes/public", [200, 200, 200, 200]),
    ("GET", "/chartes/inconnue", [404, 404, 404, 404]),
    ("GET", "/chartes/encadrants/signer", [303, 200, 200, 200]),
    ("POST", "/chartes/encadrants/signer", [303, 422, 422, 422]),
    (
        "GET",
        "/chartes/encadrants/ma-signature.pdf",
        [303, 404, 404, 404],
    ),
    ("GET", "/gestion/chartes/encadrants", [303, 403, 403, 200]),
    ("POST", "/gestion/chartes/encadrants", [303, 403, 403, 422]),
    ("GET", "/gestion/chartes/inconnue", [303, 403, 403, 404]),
    ("GET", "/gestion/signatures", [303, 403, 403, 200]),
    (
        "GET",
        "/gestion/signatures/{signature}/copie.pdf",
        [303, 403, 403, 200],
    ),
    ("GET", "/gestion/adhesion", [303, 403, 200, 200]),
    (
        "GET",
        "/gestion/adhesion/{organization}",
        [303, 403, 200, 200],
    ),
    ("GET", "/gestion/adhesion/{other}", [303, 403, 403, 200]),
    (
        "POST",
        "/gestion/adhesion/{organization}/adherer",
        [303, 403, 409, 409],
    ),
    (
        "POST",
        "/gestion/adhesion/{other}/adherer",
        [303, 403, 403, 409],
    ),
    (
        "POST",
        "/gestion/adhesion/{organization}/auto-evaluation",
        [303, 403, 303, 303],
    ),
    (
        "POST",
        "/gestion/adhesion/{other}/auto-evaluation",
        [303, 403, 403, 303],
    ),
    ("GET", "/gestion/engagements", [303, 403, 403, 200]),
    ("GET", "/charte-publique", [200, 200, 200, 200]),
    ("GET", "/charte-publique.pdf", [200, 200, 200, 200]),
    // News and events (network life).
    ("GET", "/actualites", [200, 200, 200, 200]),
    ("GET", "/actualites.atom", [200, 200, 200, 200]),
    ("GET", "/evenements.ics", [200, 200, 200, 200]),
    ("GET", "/actualites/{news}", [200, 200, 200, 200]),
    ("GET", "/actualites/999999", [404, 404, 404, 404]),
    ("GET", "/reseau/actualites", [303, 200, 200, 200]),
    ("POST", "/reseau/actualites", [303, 422, 422, 422]),
    ("GET", "/reseau/actualites/proposer", [303, 200, 200, 200]),
    (
        "GET",
        "/reseau/actualites/{news}/modifier",
        [303, 403, 403, 403],
    ),
    (
        "POST",
        "/reseau/actualites/{news}/modifier",
        [303, 403, 403, 403],
    ),
    ("GET", "/gestion/actualites", [303, 403, 403, 200]),
    ("POST", "/gestion/actualites/{news}", [303, 403, 403, 422]),
    // Members' directory.
    ("GET", "/reseau/membres", [303, 200, 200, 200]),
    (
        "GET",
        "/reseau/membres/{organization}/contact",
        [303, 403, 200, 200],
    ),
    (
        "GET",
        "/reseau/membres/{other}/contact",
        [303, 403, 403, 200],
    ),
    (
        "POST",
        "/reseau/membres/{organization}/contact",
        [303, 403, 303, 303],
    ),
    (
        "POST",
        "/reseau/membres/{other}/contact",
        [303, 403, 403, 303],
    ),
    // Common work sessions.
    ("GET", "/reseau/reunions", [303, 200, 200, 200]),
    ("GET", "/reseau/reunions.ics", [303, 200, 200, 200]),
    ("GET", "/reseau/reunions/{meeting}", [303, 200, 200, 200]),
    ("GET", "/reseau/reunions/999999", [303, 404, 404, 404]),
    (
        "POST",
        "/reseau/reunions/{meeting}/reponse",
        [303, 400, 400, 400],
    ),
    ("GET", "/gestion/reunions/nouvelle", [303, 403, 403, 200]),
    ("POST", "/gestion/reunions", [303, 403, 403, 422]),
    (
        "POST",
        "/gestion/reunions/{meeting}/presences",
        [303, 403, 403, 303],
    ),
    (
        "POST",
        "/gestion/reunions/{meeting}/compte-rendu",
        [303, 403, 403, 422],
    ),
    // Resource library.
    ("GET", "/reseau/ressources", [303, 200, 200, 200]),
    ("POST", "/reseau/ressources/lien", [303, 422, 422, 422]),
    ("POST", "/reseau/ressources/fichier", [303, 400, 400, 400]),
    (
        "GET",
        "/reseau/ressources/999999/fichier",
        [303, 404, 404, 404],
    ),
    ("POST", "/gestion/ressources/999999", [303, 403, 403, 404]),
    // Prevention sheets.
    ("GET", "/prevention", [200, 200, 200, 200]),
    ("GET", "/prevention/arnaques", [200, 200, 200, 200]),
    (
        "GET",
        "/prevention/arnaques/fiche.pdf",
        [200, 200, 200, 200],
    ),
    ("GET", "/prevention/inconnue", [404, 404, 404, 404]),
    ("GET", "/gestion/prevention/nouvelle", [303, 403, 403, 200]),
    ("POST", "/gestion/prevention", [303, 403, 403, 422]),
    ("GET", "/gestion/prevention/arnaques", [303, 403, 403, 200]),
    ("POST", "/gestion/prevention/arnaques", [303, 403, 403, 422]),
    (
        "POST",
        "/gestion/prevention/arnaques/retablir",
        [303, 403, 403, 404],
    ),
];

#[tokio::test]
async fn every_route_answers_each_role_as_expected() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let other_organization = app.organization("Centre social").await;
    let helper_id = app
        .account("encadrant@exemple.fr", Role::Helper, &[organization])
        .await;
    app.account("responsable@exemple.fr", Role::Manager, &[organization])
        .await;
    app.account("coordination@exemple.fr", Role::Coordinator, &[])
        .await;
    // A public place of the manager's organisation, and a hidden one of nobody's.
    let coordinator = app
        .account("places@exemple.fr", Role::Coordinator, &[])
        .await;
    let place = crate::places::sample_place(&app, coordinator, Some(organization), false).await;
    let hidden = crate::places::sample_place(&app, coordinator, None, true).await;
    let permanence = permanences::create_permanence(
        &app.db,
        app.clock.now(),
        coordinator,
        relais::places::PlaceId(place),
        &crate::permanences::sample_data(),
    )
    .await
    .unwrap();
    // A signature by someone outside the matrix, for the coordinator's copy.
    let signer = app
        .account("signataire@exemple.fr", Role::Helper, &[organization])
        .await;
    let charter = relais::charters::current_charter(
        &app.db,
        app.clock.now(),
        relais::charters::CharterKind::Helpers,
    )
    .await
    .unwrap();
    let signature = relais::charters::sign_helpers_charter(
        &app.db,
        app.clock.now(),
        signer,
        &relais::charters::NewSignature {
            full_name: "Sam Signataire".into(),
            helper_kind: relais::accounts::HelperKind::Volunteer,
            signed_at_place: "Cognac".into(),
            version_hash: charter.content_hash,
        },
    )
    .await
    .unwrap();

    // A published public news item by someone outside the matrix.
    let news = crate::news::published_public_item(&app, signer).await;
    let meeting = relais::meetings::schedule(
        &app.db,
        app.clock.now(),
        coordinator,
        &crate::meetings::sample_meeting(&app),
    )
    .await
    .unwrap();

    let mut failures = Vec::new();
    for (method, path, expected) in MATRIX {
        let path = path
            .replace("{helper}", &helper_id.0.to_string())
            .replace("{place}", &place.to_string())
            .replace("{hidden}", &hidden.to_string())
            .replace("{organization}", &organization.to_string())
            .replace("{other}", &other_organization.to_string())
            .replace("{permanence}", &permanence.0.to_string())
            .replace("{signature}", &signature.id.to_string())
            .replace("{news}", &news.to_string())
            .replace("{meeting}", &meeting.0.to_string());
        for (who, expected) in ALL.iter().zip(expected) {
            // A fresh login per request: logging out or deleting must not leak into the next row.
            let cookie = match who {
                Who::Anonymous => None,
                Who::Helper => Some(
                    app.login("encadrant@exemple.fr", crate::support::PASSWORD)
                        .await,
                ),
                Who::Manager => Some(
                    app.login("responsable@exemple.fr", crate::support::PASSWORD)
                        .await,
                ),
                Who::Coordinator => Some(
                    app.login("coordination@exemple.fr", crate::support::PASSWORD)
                        .await,
                ),
            };
            let response = match *method {
                "GET" => app.get(&path, cookie.as_deref()).await,
                _ => app.post_form(&path, &[], cookie.as_deref()).await,
            };
            if response.status != StatusCode::from_u16(*expected).unwrap() {
                failures.push(format!(
                    "{method} {path} as {who:?}: expected {expected}, got {}",
                    response.status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access matrix mismatches:\n{}",
        failures.join("\n")
    );
}
