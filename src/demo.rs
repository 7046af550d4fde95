//! Demo content for `relais demo`: a fictional network, two organisations and one account of
//! each kind. Later domains add their own demo content here.

use crate::accounts::{self, AccountRequest, HelperKind, Role};
use crate::charters;
use crate::network::{self, Network};
use crate::organizations;
use crate::places;
use crate::storage::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};

/// The password of every demo account (printed by `relais demo`).
pub const DEMO_PASSWORD: &str = "relais-demo-2026";

/// A demo login and what it is for (French, printed to the terminal).
pub struct DemoAccount {
    pub email: &'static str,
    pub description: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        email: "coordination@demo.relais.test",
        description: "animatrice du réseau (tout le réseau)",
    },
    DemoAccount {
        email: "responsable@demo.relais.test",
        description: "responsable de la Médiathèque des Tilleuls",
    },
    DemoAccount {
        email: "encadrant@demo.relais.test",
        description: "encadrant professionnel (Médiathèque des Tilleuls)",
    },
    DemoAccount {
        email: "benevole@demo.relais.test",
        description: "encadrante bénévole (Centre social du Pré-Vert)",
    },
];

/// Fills an empty database; does nothing when the network already exists.
pub async fn seed(db: &Db, now: DateTime<Utc>) -> anyhow::Result<bool> {
    if network::find_network(db).await?.is_some() {
        return Ok(false);
    }
    network::save_network(
        db,
        now,
        &Network {
            name: "Réseau numérique de Val-Fleuri (démonstration)".into(),
            territory: "Communauté de communes fictive de Val-Fleuri".into(),
        },
    )
    .await?;
    let library = organizations::create_organization(db, now, "Médiathèque des Tilleuls").await?;
    let social = organizations::create_organization(db, now, "Centre social du Pré-Vert").await?;
    let people = [
        (
            "Camille Coordination",
            Role::Coordinator,
            HelperKind::Professional,
            vec![],
        ),
        (
            "Morgane Responsable",
            Role::Manager,
            HelperKind::Professional,
            vec![library.id],
        ),
        (
            "Karim Encadrant",
            Role::Helper,
            HelperKind::Professional,
            vec![library.id],
        ),
        (
            "Josette Bénévole",
            Role::Helper,
            HelperKind::Volunteer,
            vec![social.id],
        ),
    ];
    let mut ids = Vec::new();
    for (account, (name, role, kind, organizations)) in DEMO_ACCOUNTS.iter().zip(people) {
        let id = accounts::create_account(
            db,
            now,
            &AccountRequest {
                email: account.email,
                display_name: name,
                password: DEMO_PASSWORD,
                role,
                helper_kind: kind,
                organization_ids: &organizations,
            },
        )
        .await
        .with_context(|| format!("creating demo account {}", account.email))?;
        ids.push(id);
    }
    seed_places(db, now, library.id, social.id).await?;
    seed_charters(db, now, ids[1], ids[2]).await?;
    Ok(true)
}

/// The demo charters: Relais's default texts as version 1; the professional helper and the
/// manager signed the helpers' charter, the volunteer has not yet (she sees why on her
/// account page); the library adhered to the network charter.
async fn seed_charters(
    db: &Db,
    now: DateTime<Utc>,
    manager: accounts::UserId,
    professional: accounts::UserId,
) -> anyhow::Result<()> {
    charters::publish_defaults(db, now).await?;
    let helpers = charters::current_charter(db, now, charters::CharterKind::Helpers).await?;
    for (user, name) in [
        (manager, "Morgane Responsable"),
        (professional, "Karim Encadrant"),
    ] {
        let signature = charters::NewSignature {
            full_name: name.to_owned(),
            helper_kind: HelperKind::Professional,
            signed_at_place: "Angoulême".to_owned(),
            version_hash: helpers.content_hash.clone(),
        };
        charters::sign_helpers_charter(db, now, user, &signature)
            .await
            .with_context(|| format!("signing the demo charter for {name}"))?;
    }
    let network = charters::current_charter(db, now, charters::CharterKind::Network).await?;
    let library = accounts::organization_ids(db, manager).await?;
    for organization in library {
        charters::adhere_to_network_charter(db, now, manager, organization, &network.content_hash)
            .await
            .context("adhering the demo library to the network charter")?;
    }
    Ok(())
}

/// The demo directory: a real open-data file (Charente), imported like any other; a few of its
/// places are given to the demo organisations so their manager can edit them.
async fn seed_places(db: &Db, now: DateTime<Utc>, library: i64, social: i64) -> anyhow::Result<()> {
    use crate::places::import::{self, Format, ImportOptions};
    let bytes = include_bytes!("../data/demo/charente_lieux-de-mediation-numerique.json");
    let options = ImportOptions {
        format: Format::Auto,
        source: None,
        today: now.date_naive(),
    };
    let parsed = import::parse(bytes, &options, &mut |_, _| {})?;
    places::save_import(db, &parsed, now, false, &mut |_, _| {}).await?;
    let all = places::list_places(db).await?;
    let in_angouleme: Vec<_> = all
        .iter()
        .filter(|place| place.record.commune.to_lowercase().starts_with("angoul"))
        .collect();
    for (index, place) in in_angouleme.iter().take(4).enumerate() {
        let organization = if index < 2 { library } else { social };
        places::set_organization(db, now, place.id, Some(organization)).await?;
    }
    Ok(())
}
