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
    seed_permanences(db, now, (library.id, social.id), (ids[0], ids[2])).await?;
    seed_activities(db, now, library.id, (ids[1], ids[2])).await?;
    seed_diagnostics(db, now, library.id).await?;
    seed_referrals(db, now, (library.id, social.id), &ids).await?;
    seed_workshops(db, now, library.id, (ids[1], ids[2])).await?;
    seed_news(db, now, ids[0], (ids[1], ids[3])).await?;
    // The library's manager is its contact in the members' directory.
    crate::members::choose_contact(db, now, ids[1], library.id, Some(ids[1])).await?;
    seed_meeting(db, now, ids[0], ids[1]).await?;
    seed_resources(db, now, ids[0], ids[1]).await?;
    Ok(true)
}

/// Diagnostic counts of the last six months at the library's places (some months above five,
/// some below, so the board shows both exact and hidden counts), and a few made at home.
async fn seed_diagnostics(db: &Db, now: DateTime<Utc>, library: i64) -> anyhow::Result<()> {
    use crate::diagnostic::model::Questionnaire;
    use chrono::Duration;
    let questionnaire = Questionnaire::builtin();
    let places: Vec<i64> = places::list_places(db)
        .await?
        .into_iter()
        .filter(|place| place.organization_id == Some(library))
        .map(|place| place.id.0)
        .collect();
    let mut seed: u64 = 16;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or_default() % n.max(1)
    };
    let today = crate::permanences::today(now);
    let questions = questionnaire.current_questions().len();
    let mut tx = db.begin().await?;
    for _ in 0..90 {
        let on_date = today - Duration::days(i64::try_from(next(170)).unwrap_or_default());
        // People who come are more often at their first steps.
        let progress: Vec<Option<usize>> = (0..questions)
            .map(|_| Some([0, 1, 1, 2, 2, 2, 3][next(7)]))
            .collect();
        let needs: Vec<usize> = questionnaire
            .current_needs()
            .iter()
            .copied()
            .filter(|_| next(4) == 0)
            .collect();
        let Some(diagnostic) = questionnaire.complete(&progress, &needs, on_date) else {
            continue;
        };
        let place = if next(6) == 0 {
            0
        } else {
            places.get(next(places.len())).copied().unwrap_or(0)
        };
        crate::diagnostic::store::add_counts(
            &mut tx,
            place,
            &crate::diagnostic::month_of(on_date),
            &crate::diagnostic::counters(&questionnaire, &diagnostic),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Demo workshops at the library's first place: a beginners' e-mail series starting next week
/// with a few people registered (one waiting), an intermediate one on online procedures, one
/// cancelled with its reason, and one held last week whose attendance is still to be marked.
async fn seed_workshops(
    db: &Db,
    now: DateTime<Utc>,
    library: i64,
    (manager, helper): (accounts::UserId, accounts::UserId),
) -> anyhow::Result<()> {
    use crate::workshops::{RegistrationData, WorkshopData, store};
    use chrono::{Duration, NaiveTime};
    let place = places::list_places(db)
        .await?
        .into_iter()
        .find(|place| place.organization_id == Some(library))
        .map(|place| place.id)
        .context("a demo place of the library")?;
    let today = crate::permanences::today(now);
    let workshop =
        |title: &str, theme: &str, level: &str, first: i64, sessions: u32, capacity| WorkshopData {
            place,
            title: title.to_owned(),
            themes: vec![theme.to_owned()],
            level: level.to_owned(),
            description: "Apportez votre téléphone ou votre tablette si vous en avez un. \
                          Des ordinateurs sont prêtés sur place."
                .to_owned(),
            first_date: today + Duration::days(first),
            start: NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default(),
            duration_minutes: 90,
            sessions,
            capacity,
            helpers: vec![helper.0],
        };
    let mut tx = db.begin().await?;
    let email = store::insert_workshop(
        &mut tx,
        &workshop(
            "Premiers pas avec le courriel",
            "courriel",
            "debutant",
            7,
            3,
            6,
        ),
        Some(library),
        manager,
        now,
    )
    .await?;
    for (index, name) in ["Odette", "Jean", "Lucie", "Marcel"].iter().enumerate() {
        let status = if store::take_seat(&mut tx, email).await? {
            crate::workshops::RegistrationStatus::Confirmed
        } else {
            crate::workshops::RegistrationStatus::Waiting
        };
        let data = RegistrationData {
            first_name: (*name).to_owned(),
            contact: if index == 0 {
                "06 00 00 00 00".to_owned()
            } else {
                String::new()
            },
            consent: index == 0,
        };
        let token = accounts::model::hash_secret(&accounts::model::new_token());
        store::insert_registration(&mut tx, email, &data, status, &token, "", index == 3, now)
            .await?;
    }
    store::insert_workshop(
        &mut tx,
        &workshop(
            "Faire ses démarches en ligne sans stress",
            "demarches",
            "intermediaire",
            10,
            1,
            8,
        ),
        Some(library),
        manager,
        now,
    )
    .await?;
    let cancelled = store::insert_workshop(
        &mut tx,
        &workshop("Ranger ses photos", "creation", "debutant", 14, 1, 6),
        Some(library),
        manager,
        now,
    )
    .await?;
    store::cancel_workshop(
        &mut tx,
        cancelled,
        "L'animatrice est absente ; l'atelier sera reprogrammé.",
        now,
    )
    .await?;
    // Held last week: its attendance is still to be marked.
    store::insert_workshop(
        &mut tx,
        &workshop("Se protéger des arnaques", "securite", "debutant", -7, 1, 8),
        Some(library),
        manager,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
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

/// Demo permanences: two weekly ones at the library's first place (a helper on duty next
/// Tuesday, one Tuesday cancelled with its reason), one every other Wednesday at the social
/// centre's place (nobody on duty yet, and under the half-day rule).
async fn seed_permanences(
    db: &Db,
    now: DateTime<Utc>,
    (library, social): (i64, i64),
    (coordinator, helper): (accounts::UserId, accounts::UserId),
) -> anyhow::Result<()> {
    use crate::permanences::{self, Exception, ExceptionKind, PermanenceData, Schedule};
    use chrono::{Datelike, Duration, NaiveTime, Weekday};
    let all = places::list_places(db).await?;
    let first_of = |organization: i64| {
        all.iter()
            .find(|place| place.organization_id == Some(organization))
            .map(|place| place.id)
            .context("a demo place of the organisation")
    };
    let (library_place, social_place) = (first_of(library)?, first_of(social)?);
    let today = permanences::today(now);
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let at = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let services = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let weekly = |day: &str, start: NaiveTime, end: NaiveTime, every: u32| Schedule {
        rule: format!("FREQ=WEEKLY;INTERVAL={every};BYDAY={day}"),
        starts_on: monday - Duration::days(28),
        ends_on: None,
        start_time: start,
        end_time: end,
        on_public_holidays: false,
    };
    let tuesdays = permanences::create_permanence(
        db,
        now,
        coordinator,
        library_place,
        &PermanenceData {
            title: "Permanence numérique".into(),
            schedule: weekly("TU", at(14, 0), at(17, 0), 1),
            services: services(&[
                "Aide aux démarches administratives",
                "Maîtrise des outils numériques du quotidien",
            ]),
            capacity: Some(6),
            public_note: "Apportez votre téléphone chargé et vos identifiants si vous les avez."
                .into(),
        },
    )
    .await?;
    permanences::create_permanence(
        db,
        now,
        coordinator,
        library_place,
        &PermanenceData {
            title: "Café numérique".into(),
            schedule: weekly("TH", at(9, 30), at(11, 30), 1),
            services: services(&["Maîtrise des outils numériques du quotidien"]),
            capacity: None,
            public_note: String::new(),
        },
    )
    .await?;
    permanences::create_permanence(
        db,
        now,
        coordinator,
        social_place,
        &PermanenceData {
            title: "Permanence du mercredi".into(),
            schedule: weekly("WE", at(9, 30), at(11, 30), 2),
            services: services(&["Aide aux démarches administratives"]),
            capacity: Some(4),
            public_note: String::new(),
        },
    )
    .await?;
    let tuesdays = permanences::find_permanence(db, tuesdays).await?;
    let next_tuesday = today
        + Duration::days(
            (7 + i64::from(Weekday::Tue.num_days_from_monday())
                - i64::from(today.weekday().num_days_from_monday()))
                % 7,
        );
    let next_tuesday = if next_tuesday == today {
        today + Duration::days(7)
    } else {
        next_tuesday
    };
    let mut cancelled = next_tuesday + Duration::days(14);
    while places::hours::is_public_holiday(cancelled) {
        cancelled += Duration::days(7);
    }
    permanences::add_exception(
        db,
        now,
        coordinator,
        &tuesdays,
        &Exception {
            id: 0,
            on_date: cancelled,
            kind: ExceptionKind::Cancelled,
            reason: "Formation de l'équipe".into(),
            times: None,
        },
    )
    .await
    .map_err(|error| anyhow::anyhow!("demo cancellation: {error}"))?;
    let mut duty = next_tuesday;
    while places::hours::is_public_holiday(duty) {
        duty += Duration::days(7);
    }
    permanences::put_on_duty(db, now, coordinator, &tuesdays, duty, helper)
        .await
        .map_err(|error| anyhow::anyhow!("demo duty: {error}"))?;
    Ok(())
}

/// A few hundred accompaniment records over the last six months at the library's places, by
/// its manager and its professional helper (varied but reproducible: a small linear
/// congruential sequence chooses the values).
async fn seed_activities(
    db: &Db,
    now: DateTime<Utc>,
    library: i64,
    (manager, helper): (accounts::UserId, accounts::UserId),
) -> anyhow::Result<()> {
    use crate::activities::{ActivityData, Kind, Profile, store, vocab};
    use chrono::Duration;
    let places: Vec<_> = places::list_places(db)
        .await?
        .into_iter()
        .filter(|place| place.organization_id == Some(library))
        .map(|place| place.id)
        .collect();
    let mut seed: u64 = 2026;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or_default() % n.max(1)
    };
    let pick = |values: vocab::Values, index: usize| values[index % values.len()].0.to_owned();
    let today = crate::permanences::today(now);
    let mut tx = db.begin().await?;
    for index in 0..320 {
        let on_date = today - Duration::days(i64::try_from(next(182)).unwrap_or_default());
        let collective = index % 16 == 0;
        let mut themes = vec![pick(vocab::THEMES, next(vocab::THEMES.len()))];
        let procedure_domains = if themes[0] == vocab::PROCEDURES_THEME {
            vec![pick(
                vocab::PROCEDURE_DOMAINS,
                next(vocab::PROCEDURE_DOMAINS.len()),
            )]
        } else {
            Vec::new()
        };
        if next(4) == 0 {
            let extra = pick(vocab::THEMES, next(vocab::THEMES.len()));
            if !themes.contains(&extra) && extra != vocab::PROCEDURES_THEME {
                themes.push(extra);
            }
        }
        // Mostly seniors, as in the field.
        let age_band = pick(vocab::AGE_BANDS, [3, 4, 5, 5, 6, 6, 6, 7][next(8)]);
        let participants = if collective {
            4 + i64::try_from(next(6)).unwrap_or_default()
        } else {
            1
        };
        let data = ActivityData {
            kind: if collective {
                Kind::Collective
            } else {
                Kind::Individual
            },
            on_date,
            location: "lieu".into(),
            place: places.get(next(places.len())).copied(),
            location_commune: String::new(),
            permanence: None,
            duration_minutes: vocab::DURATIONS[next(vocab::DURATIONS.len())],
            themes,
            procedure_domains,
            equipment: vec![pick(vocab::EQUIPMENT, next(3))],
            autonomy: (!collective).then(|| pick(vocab::AUTONOMY, next(3))),
            last_click: pick(vocab::TRISTATE, [0, 0, 0, 1, 2][next(5)]),
            referral: pick(vocab::REFERRALS, [0, 0, 0, 0, 2, 3, 5][next(7)]),
            prevention: if next(3) == 0 {
                vec![pick(vocab::PREVENTION, next(7))]
            } else {
                Vec::new()
            },
            accounts_logged_out: pick(vocab::TRISTATE, [0, 0, 2][next(3)]),
            files_deleted: pick(vocab::TRISTATE, [0, 2, 2][next(3)]),
            browser_cleared: pick(vocab::TRISTATE, [0, 2, 2][next(3)]),
            profile: (!collective).then(|| Profile {
                age_band: age_band.clone(),
                gender: pick(vocab::GENDERS, [0, 0, 1, 3][next(4)]),
                social_status: pick(vocab::SOCIAL_STATUSES, [3, 3, 3, 1, 2, 4][next(6)]),
                residence_commune: if next(2) == 0 {
                    "Angoulême".into()
                } else {
                    String::new()
                },
                first_visit: next(3) == 0,
                public_charter: next(2) == 0,
            }),
            participants,
            counts: if collective {
                vec![
                    ("age".into(), age_band, participants),
                    ("genre".into(), "non-renseigne".into(), participants),
                    ("statut".into(), "retraite".into(), participants),
                ]
            } else {
                Vec::new()
            },
            workshop_level: collective.then(|| pick(vocab::WORKSHOP_LEVELS, next(3))),
            diagnostic_levels: String::new(),
            note: String::new(),
        };
        let author = if index % 3 == 0 { manager } else { helper };
        let created = on_date
            .and_hms_opt(17, 0, 0)
            .map(|at| at.and_utc())
            .unwrap_or(now)
            .min(now);
        store::insert_activity(&mut tx, author, Some(library), &data, created).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Demo referrals: a partner without an account (the CAF's desk, a hidden partner place), and
/// referrals in different states between the two organisations: one waiting for 12 days (a
/// reminder), one accepted, one where the person came, one to the CAF (through a link).
async fn seed_referrals(
    db: &Db,
    now: DateTime<Utc>,
    (library, social): (i64, i64),
    ids: &[accounts::UserId],
) -> anyhow::Result<()> {
    use crate::referrals::{self, Consent, ContactWay, ReferralData, State, store};
    use chrono::Duration;
    let caf = places::create_place(
        db,
        now,
        ids[0],
        None,
        places::PlaceKind::Partner,
        places::Visibility::Hidden,
        places::PlaceData {
            record: places::MediationRecord {
                nom: "CAF de la Charente, accueil d'Angoulême (démonstration)".into(),
                commune: "Angoulême".into(),
                code_postal: "16000".into(),
                adresse: "1 place de la Démonstration".into(),
                horaires: "Mo-Fr 08:30-12:00".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let all = places::list_places(db).await?;
    let first_of = |organization: i64| {
        all.iter()
            .find(|place| place.organization_id == Some(organization))
            .map(|place| place.id)
            .context("a demo place of the organisation")
    };
    let (library_place, social_place) = (first_of(library)?, first_of(social)?);
    let procedures = vec!["Aide aux démarches administratives".to_owned()];
    let data = |destination, need: &str, consent: Option<Consent>| ReferralData {
        destination,
        categories: procedures.clone(),
        need: need.to_owned(),
        consent,
        activity: None,
    };
    let with_name = |name: &str| {
        Some(Consent {
            first_name: name.to_owned(),
            contact: Some((ContactWay::None, String::new())),
            need: true,
        })
    };
    let (professional, volunteer) = (ids[2], ids[3]);
    let make = |sender, at, data: ReferralData| async move {
        referrals::create(db, at, sender, &data)
            .await
            .map_err(|error| anyhow::anyhow!("demo referral: {error}"))
    };
    make(
        volunteer,
        now - Duration::days(12),
        data(
            library_place,
            "Déclarer ses revenus en ligne",
            with_name("Gérard"),
        ),
    )
    .await?;
    let accepted = make(
        professional,
        now - Duration::days(3),
        data(social_place, "Remplir un dossier d'aide au logement", None),
    )
    .await?;
    let arrived = make(
        volunteer,
        now - Duration::days(6),
        data(
            library_place,
            "Prendre rendez-vous en ligne chez un médecin",
            with_name("M. L."),
        ),
    )
    .await?;
    make(
        professional,
        now - Duration::days(1),
        data(
            caf,
            "Mettre à jour sa situation auprès de la CAF",
            with_name("Lucienne"),
        ),
    )
    .await?;
    let mut tx = db.begin().await?;
    for (id, from, to, at) in [
        (
            accepted.id,
            State::Sent,
            State::Accepted,
            now - Duration::days(2),
        ),
        (
            arrived.id,
            State::Sent,
            State::Arrived,
            now - Duration::days(5),
        ),
    ] {
        let expires = crate::referrals::model::expiry_from(at);
        store::move_state(&mut tx, id, from, to, "", expires, at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The demo news: three published items (a public event in ten days, a public news item, a
/// regulation change for staff only) and one proposal waiting for the coordinator.
async fn seed_news(
    db: &Db,
    now: DateTime<Utc>,
    coordinator: accounts::UserId,
    (manager, volunteer): (accounts::UserId, accounts::UserId),
) -> anyhow::Result<()> {
    use crate::news::{self, NewsData, NewsKind, Status};
    use crate::permanences::model::local_to_utc;
    use chrono::{Duration, NaiveTime};
    let day = crate::permanences::today(now) + Duration::days(10);
    let at =
        |hour| local_to_utc(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()));
    let item = |kind, title: &str, body: &str, is_public| NewsData {
        kind,
        title: title.to_owned(),
        body: body.to_owned(),
        starts_at: None,
        ends_at: None,
        location: String::new(),
        is_public,
        attachment: None,
    };
    let mut event = item(
        NewsKind::Event,
        "Café numérique : poser ses questions sur le smartphone",
        "Un moment convivial pour **apprendre ensemble** : réglages, photos, messages.\n\nGratuit, sans inscription.",
        true,
    );
    event.starts_at = Some(at(14));
    event.ends_at = Some(at(16));
    event.location = "Médiathèque des Tilleuls, salle du rez-de-chaussée".to_owned();
    let published = [
        (manager, event),
        (
            coordinator,
            item(
                NewsKind::News,
                "Deux nouveaux lieux rejoignent le réseau",
                "Le centre social du Pré-Vert ouvre une permanence le jeudi matin.",
                true,
            ),
        ),
        (
            coordinator,
            item(
                NewsKind::Regulation,
                "Carte Vitale : ce qui change pour l'application",
                "La carte Vitale dématérialisée s'installe depuis l'application. Pensez à vérifier que la personne a son téléphone et sa carte sous la main.",
                false,
            ),
        ),
    ];
    for (author, data) in published {
        let id = news::propose(db, now, author, &data).await?;
        let mut tx = db.begin().await?;
        news::store::set_status(
            &mut tx,
            id,
            Status::Pending,
            Status::Published,
            "",
            coordinator,
            now,
        )
        .await?;
        tx.commit().await?;
    }
    news::propose(
        db,
        now,
        volunteer,
        &item(
            NewsKind::Information,
            "Atelier tablette au centre social",
            "Nous proposons un atelier tablette pour débutants chaque premier lundi du mois.",
            false,
        ),
    )
    .await?;
    Ok(())
}

/// A common work session in two weeks, which the library's manager said she would attend.
async fn seed_meeting(
    db: &Db,
    now: DateTime<Utc>,
    coordinator: accounts::UserId,
    manager: accounts::UserId,
) -> anyhow::Result<()> {
    use crate::meetings::{self, Answer, MeetingData};
    use crate::permanences::model::local_to_utc;
    use chrono::{Duration, NaiveTime};
    let day = crate::permanences::today(now) + Duration::days(14);
    let at =
        |hour| local_to_utc(day.and_time(NaiveTime::from_hms_opt(hour, 30, 0).unwrap_or_default()));
    let id = meetings::schedule(
        db,
        now,
        coordinator,
        &MeetingData {
            title: "Séance de travail du réseau".to_owned(),
            starts_at: at(9),
            ends_at: at(11),
            location: "Centre social du Pré-Vert, salle polyvalente".to_owned(),
            agenda: "- Tour de table des lieux\n- Agenda des ateliers de l'été\n- Nouvelles fiches de prévention".to_owned(),
        },
    )
    .await?;
    meetings::answer(db, now, manager, id, Answer::Yes).await?;
    Ok(())
}

/// Two shared links of the resource library, one of them featured by the coordinator.
async fn seed_resources(
    db: &Db,
    now: DateTime<Utc>,
    coordinator: accounts::UserId,
    manager: accounts::UserId,
) -> anyhow::Result<()> {
    use crate::resources::{self, Category, ResourceInfo};
    let featured = resources::add_link(
        db,
        now,
        coordinator,
        &ResourceInfo {
            category: Category::Prevention,
            title: "Cybermalveillance : se protéger et être aidé".to_owned(),
            description: "Le dispositif national d'assistance aux victimes de cybermalveillance."
                .to_owned(),
        },
        "https://www.cybermalveillance.gouv.fr/",
    )
    .await?;
    resources::set_flags(db, now, coordinator, featured, true, false).await?;
    resources::add_link(
        db,
        now,
        manager,
        &ResourceInfo {
            category: Category::Regulation,
            title: "Service-public.fr : les démarches officielles".to_owned(),
            description: String::new(),
        },
        "https://www.service-public.fr/",
    )
    .await?;
    Ok(())
}
