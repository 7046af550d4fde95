//! Demo content for `relais demo`: a fictional network, two organisations and one account of
//! each kind. Later domains add their own demo content here.

use crate::accounts::{self, AccountRequest, HelperKind, Role};
use crate::network::{self, Network};
use crate::organizations;
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
    for (account, (name, role, kind, organizations)) in DEMO_ACCOUNTS.iter().zip(people) {
        accounts::create_account(
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
    }
    Ok(true)
}
