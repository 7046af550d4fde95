//! Storage on both databases: migrations, the schema they produce, the append-only audit log,
//! and every function of every `store.rs`, deletes and purges included.

use crate::support::{TestApp, TestDatabase, start_time};
use chrono::Duration;
use relais::accounts::model::{DisplayName, Email, NewUser};
use relais::accounts::store;
use relais::accounts::{HelperKind, Role, UserId};
use relais::storage::{self, Db, StoreError};

/// The schema every backend must have, table by table, column by column.
const EXPECTED_SCHEMA: &[(&str, &[&str])] = &[
    (
        "activities",
        &[
            "id",
            "kind",
            "helper_id",
            "organization_id",
            "on_date",
            "location",
            "place_id",
            "location_commune",
            "permanence_id",
            "duration_minutes",
            "themes",
            "procedure_domains",
            "equipment",
            "autonomy",
            "last_click",
            "referral",
            "prevention",
            "accounts_logged_out",
            "files_deleted",
            "browser_cleared",
            "age_band",
            "gender",
            "social_status",
            "residence_commune",
            "first_visit",
            "public_charter",
            "participants",
            "workshop_level",
            "note",
            "created_at",
            "updated_at",
            "diagnostic_levels",
        ],
    ),
    (
        "activity_counts",
        &["activity_id", "dimension", "value", "people"],
    ),
    (
        "audit_log",
        &[
            "id",
            "occurred_at",
            "actor_user_id",
            "action",
            "object_type",
            "object_id",
        ],
    ),
    (
        "charter_adhesions",
        &[
            "organization_id",
            "charter_version_id",
            "content_hash",
            "adhered_by",
            "adhered_at",
        ],
    ),
    (
        "charter_commitments",
        &["charter_version_id", "position", "code", "text"],
    ),
    (
        "charter_signatures",
        &[
            "id",
            "user_id",
            "charter_version_id",
            "content_hash",
            "full_name",
            "helper_kind",
            "signed_at_place",
            "signed_on",
            "created_at",
        ],
    ),
    (
        "charter_versions",
        &[
            "id",
            "kind",
            "version",
            "title",
            "body",
            "content_hash",
            "published_at",
            "published_by",
        ],
    ),
    (
        "commitment_assessments",
        &[
            "organization_id",
            "commitment_code",
            "status",
            "comment",
            "assessed_by",
            "assessed_at",
        ],
    ),
    (
        "diagnostic_counts",
        &["place_id", "month", "dimension", "value", "people"],
    ),
    ("directory_revision", &["id", "revision"]),
    ("helper_feeds", &["user_id", "token_hash", "created_at"]),
    (
        "invitations",
        &[
            "id",
            "token_hash",
            "email",
            "role",
            "helper_kind",
            "organization_id",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
        ],
    ),
    ("job_runs", &["job", "period", "ran_at"]),
    ("login_failures", &["id", "key_hash", "failed_at"]),
    (
        "meeting_answers",
        &["meeting_id", "user_id", "answer", "attended", "updated_at"],
    ),
    (
        "meetings",
        &[
            "id",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "agenda",
            "minutes",
            "minutes_published_at",
            "created_by",
            "created_at",
            "updated_at",
        ],
    ),
    ("memberships", &["user_id", "organization_id"]),
    ("network", &["id", "name", "territory", "updated_at"]),
    (
        "news_items",
        &[
            "id",
            "kind",
            "title",
            "body",
            "starts_at",
            "ends_at",
            "location",
            "is_public",
            "status",
            "moderation_note",
            "author_id",
            "moderated_by",
            "created_at",
            "updated_at",
            "published_at",
            "resource_id",
        ],
    ),
    (
        "organization_contacts",
        &["organization_id", "user_id", "chosen_by", "updated_at"],
    ),
    (
        "organizations",
        &[
            "id",
            "name",
            "created_at",
            "pivot",
            "typologie",
            "email",
            "telephone",
            "site_web",
        ],
    ),
    (
        "password_resets",
        &[
            "id",
            "token_hash",
            "user_id",
            "issued_by",
            "created_at",
            "expires_at",
            "used_at",
        ],
    ),
    (
        "permanence_duties",
        &[
            "permanence_id",
            "on_date",
            "user_id",
            "assigned_by",
            "created_at",
        ],
    ),
    (
        "permanence_exceptions",
        &[
            "id",
            "permanence_id",
            "on_date",
            "kind",
            "reason",
            "start_time",
            "end_time",
            "created_at",
        ],
    ),
    (
        "permanences",
        &[
            "id",
            "place_id",
            "title",
            "rule",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "on_public_holidays",
            "services",
            "capacity",
            "public_note",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "place_closures",
        &[
            "id",
            "place_id",
            "starts_on",
            "ends_on",
            "message",
            "created_at",
        ],
    ),
    (
        "place_duplicate_dismissals",
        &["place_id", "other_place_id", "dismissed_at"],
    ),
    (
        "place_merges",
        &["source", "source_id", "place_id", "merged_at"],
    ),
    (
        "place_posters",
        &["place_id", "rules", "updated_at", "printed_at"],
    ),
    (
        "places",
        &[
            "id",
            "organization_id",
            "kind",
            "visibility",
            "source",
            "source_id",
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
            "computers",
            "has_wifi",
            "has_printer",
            "has_scanner",
            "is_step_free",
            "hours_note",
            "flags",
            "content_hash",
            "last_confirmed_at",
            "last_confirmed_by",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "prevention_sheets",
        &["id", "title", "summary", "body", "updated_at", "updated_by"],
    ),
    (
        "public_charter_acknowledgements",
        &["permanence_id", "on_date", "people"],
    ),
    ("referral_code_failures", &["id", "key_hash", "failed_at"]),
    (
        "referral_links",
        &[
            "id",
            "referral_id",
            "token_hash",
            "created_at",
            "expires_at",
        ],
    ),
    (
        "referrals",
        &[
            "id",
            "state",
            "sender_id",
            "origin_organization_id",
            "activity_id",
            "destination_place_id",
            "destination_organization_id",
            "destination_kind",
            "categories",
            "need",
            "consent_name",
            "consent_contact",
            "consent_need",
            "consent_at",
            "consent_until",
            "first_name",
            "contact_way",
            "contact",
            "code",
            "refusal_reason",
            "created_at",
            "expires_at",
            "answered_at",
            "closed_at",
            "purged_at",
            "updated_at",
        ],
    ),
    (
        "resources",
        &[
            "id",
            "category",
            "title",
            "description",
            "kind",
            "url",
            "file_name",
            "file_type",
            "file_sha256",
            "file_size",
            "is_featured",
            "is_archived",
            "added_by",
            "created_at",
            "updated_at",
        ],
    ),
    ("schema_migrations", &["version", "name", "applied_at"]),
    (
        "sessions",
        &[
            "token_hash",
            "user_id",
            "created_at",
            "last_seen_at",
            "expires_at",
        ],
    ),
    (
        "stats_daily",
        &[
            "on_date",
            "organization_id",
            "place_id",
            "kind",
            "age_band",
            "dimension",
            "value",
            "records",
            "people",
            "minutes",
        ],
    ),
    (
        "stats_monthly",
        &[
            "month",
            "organization_id",
            "place_id",
            "kind",
            "age_band",
            "dimension",
            "value",
            "records",
            "people",
            "minutes",
        ],
    ),
    (
        "users",
        &[
            "id",
            "email",
            "display_name",
            "password_hash",
            "role",
            "helper_kind",
            "is_active",
            "created_at",
            "updated_at",
        ],
    ),
    ("workshop_helpers", &["workshop_id", "user_id"]),
    (
        "workshop_registrations",
        &[
            "id",
            "workshop_id",
            "first_name",
            "contact",
            "consent_at",
            "status",
            "token_hash",
            "client_hash",
            "by_staff",
            "reminded_at",
            "created_at",
        ],
    ),
    (
        "workshop_sessions",
        &[
            "id",
            "workshop_id",
            "on_date",
            "start_time",
            "end_time",
            "activity_id",
        ],
    ),
    (
        "workshops",
        &[
            "id",
            "place_id",
            "organization_id",
            "title",
            "themes",
            "level",
            "description",
            "duration_minutes",
            "capacity",
            "confirmed",
            "status",
            "cancel_reason",
            "cancelled_at",
            "created_by",
            "created_at",
            "updated_at",
        ],
    ),
];

#[tokio::test]
async fn migrations_build_the_same_schema_on_this_backend() {
    let database = TestDatabase::create().await;
    let db = Db::connect(&database.url).await.unwrap();
    let applied = storage::migrate(&db, start_time()).await.unwrap();
    assert_eq!(applied, vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    let backend = db.backend();
    assert_eq!(
        backend,
        if database.is_postgres() {
            storage::Backend::Postgres
        } else {
            storage::Backend::Sqlite
        }
    );
    let mut conn = db.acquire().await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(backend.list_tables_sql())
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let tables: Vec<&str> = tables
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "sqlite_sequence")
        .collect();
    let expected: Vec<&str> = EXPECTED_SCHEMA.iter().map(|(t, _)| *t).collect();
    assert_eq!(tables, expected);
    for (table, columns) in EXPECTED_SCHEMA {
        let found: Vec<String> = sqlx::query_scalar(backend.list_columns_sql())
            .bind(*table)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(&found, columns, "columns of {table}");
    }
}

#[tokio::test]
async fn migrating_twice_applies_nothing_the_second_time() {
    let database = TestDatabase::create().await;
    let db = Db::connect(&database.url).await.unwrap();
    assert_eq!(
        storage::migrate(&db, start_time()).await.unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    );
    assert!(
        storage::migrate(&db, start_time())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        storage::applied_versions(&db).await.unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    );
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    let app = TestApp::spawn().await;
    app.account("coord@exemple.fr", Role::Coordinator, &[])
        .await;
    assert_eq!(app.count("audit_log").await, 1);
    let mut conn = app.db.acquire().await.unwrap();
    let update = sqlx::query("UPDATE audit_log SET action = 'effacé'")
        .execute(&mut *conn)
        .await;
    assert!(update.is_err(), "update must be refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(&mut *conn)
        .await;
    assert!(delete.is_err(), "delete must be refused");
    drop(conn);
    assert_eq!(app.count("audit_log").await, 1);
    assert_eq!(app.audit_actions().await, ["user.create"]);
}

#[tokio::test]
async fn a_failed_operation_leaves_nothing_half_written() {
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let now = app.clock.now();
    let mut tx = app.db.begin().await.unwrap();
    let user = NewUser {
        email: Email::parse("a@exemple.fr").unwrap(),
        display_name: DisplayName::parse("A").unwrap(),
        password_hash: "x".into(),
        role: Role::Helper,
        helper_kind: HelperKind::Volunteer,
    };
    let id = store::insert_user(&mut tx, &user, now).await.unwrap();
    store::insert_membership(&mut tx, id, organization)
        .await
        .unwrap();
    let duplicate = store::insert_user(&mut tx, &user, now).await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict { .. })),
        "{duplicate:?}"
    );
    drop(tx); // rolled back
    assert_eq!(app.count("users").await, 0);
    assert_eq!(app.count("memberships").await, 0);
}

#[tokio::test]
async fn every_accounts_store_function_works_on_this_backend() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let organization = app.organization("Médiathèque").await;
    let mut tx = app.db.begin().await.unwrap();
    let new_user = |email: &str, role| NewUser {
        email: Email::parse(email).unwrap(),
        display_name: DisplayName::parse(email).unwrap(),
        password_hash: "hash".into(),
        role,
        helper_kind: HelperKind::Professional,
    };
    let coordinator =
        store::insert_user(&mut tx, &new_user("c@exemple.fr", Role::Coordinator), now)
            .await
            .unwrap();
    let helper = store::insert_user(&mut tx, &new_user("h@exemple.fr", Role::Helper), now)
        .await
        .unwrap();
    let other = store::insert_user(&mut tx, &new_user("o@exemple.fr", Role::Helper), now)
        .await
        .unwrap();
    store::insert_membership(&mut tx, helper, organization)
        .await
        .unwrap();
    store::insert_membership(&mut tx, other, organization)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut conn = app.db.acquire().await.unwrap();
    let conn = &mut *conn;
    // Users.
    let found = store::find_user(conn, helper).await.unwrap();
    assert_eq!(
        (found.email.as_str(), found.role, found.is_active),
        ("h@exemple.fr", Role::Helper, true)
    );
    assert_eq!(found.created_at, now);
    assert!(matches!(
        store::find_user(conn, UserId(9999)).await,
        Err(StoreError::NotFound)
    ));
    let (login, hash) = store::find_login(conn, "h@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((login.id, hash.as_str()), (helper, "hash"));
    assert!(
        store::find_login(conn, "nobody@exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
    assert!(store::email_exists(conn, "c@exemple.fr").await.unwrap());
    assert!(!store::email_exists(conn, "z@exemple.fr").await.unwrap());
    assert_eq!(store::list_users(conn).await.unwrap().len(), 3);
    let colleagues: Vec<UserId> = store::list_colleagues(conn, helper)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(colleagues.len(), 2);
    assert!(colleagues.contains(&other) && !colleagues.contains(&coordinator));
    store::update_password_hash(conn, helper, "hash2", now)
        .await
        .unwrap();
    assert_eq!(
        store::find_password_hash(conn, helper).await.unwrap(),
        "hash2"
    );
    assert!(matches!(
        store::update_password_hash(conn, UserId(9999), "x", now).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store::count_active_coordinators(conn).await.unwrap(), 1);
    assert_eq!(
        store::list_memberships(conn).await.unwrap(),
        vec![
            (helper.0, organization, "Médiathèque".to_owned()),
            (other.0, organization, "Médiathèque".to_owned())
        ]
    );

    assert_eq!(
        store::list_user_organizations(conn, helper).await.unwrap(),
        vec![(organization, "Médiathèque".to_owned())]
    );
    assert!(
        store::list_user_organizations(conn, coordinator)
            .await
            .unwrap()
            .is_empty()
    );

    // Sessions.
    store::insert_session(conn, "s1", helper, now, now + Duration::hours(12))
        .await
        .unwrap();
    store::insert_session(conn, "s2", helper, now, now + Duration::hours(12))
        .await
        .unwrap();
    store::insert_session(conn, "s3", other, now, now + Duration::hours(1))
        .await
        .unwrap();
    let session = store::find_session(conn, "s1").await.unwrap().unwrap();
    assert_eq!((session.user.id, session.last_seen_at), (helper, now));
    assert!(store::find_session(conn, "nope").await.unwrap().is_none());
    store::touch_session(conn, "s1", now + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        store::find_session(conn, "s1")
            .await
            .unwrap()
            .unwrap()
            .last_seen_at,
        now + Duration::minutes(5)
    );
    assert_eq!(
        store::list_user_sessions(conn, helper).await.unwrap().len(),
        2
    );
    assert_eq!(
        store::delete_user_sessions(conn, helper, Some("s1"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(store::count_sessions(conn).await.unwrap(), 2);
    let later = now + Duration::minutes(90);
    assert_eq!(
        store::delete_sessions_expired(conn, later, later - Duration::hours(2))
            .await
            .unwrap(),
        1,
        "s3 passed its end"
    );
    assert_eq!(store::delete_session(conn, "s1").await.unwrap(), 1);
    assert_eq!(
        store::delete_user_sessions(conn, other, None)
            .await
            .unwrap(),
        0
    );

    // Login failures.
    store::insert_login_failure(conn, "k", now).await.unwrap();
    store::insert_login_failure(conn, "k", now + Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!(
        store::count_login_failures_since(conn, "k", now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store::count_login_failures_since(conn, "k", now - Duration::seconds(1))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store::delete_login_failures_before(conn, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(store::delete_login_failures(conn, "k").await.unwrap(), 1);

    // Invitations.
    let invitation = store::NewInvitation {
        token_hash: "t1",
        email: "new@exemple.fr",
        role: Role::Manager,
        helper_kind: HelperKind::Volunteer,
        organization_id: Some(organization),
        invited_by: coordinator,
    };
    let id = store::insert_invitation(conn, &invitation, now, now + Duration::days(7))
        .await
        .unwrap();
    let found = store::find_invitation(conn, "t1").await.unwrap().unwrap();
    assert_eq!(
        (
            found.id,
            found.role,
            found.organization_id,
            found.is_accepted
        ),
        (id, Role::Manager, Some(organization), false)
    );
    assert!(
        store::mark_invitation_accepted(conn, id, now)
            .await
            .unwrap()
    );
    assert!(
        !store::mark_invitation_accepted(conn, id, now)
            .await
            .unwrap(),
        "single use"
    );
    let used = store::find_invitation(conn, "t1").await.unwrap().unwrap();
    assert!(used.is_accepted);
    assert_eq!(used.email, "", "the e-mail is forgotten once used");
    let pending = store::NewInvitation {
        token_hash: "t2",
        ..invitation
    };
    store::insert_invitation(conn, &pending, now, now + Duration::days(7))
        .await
        .unwrap();
    assert_eq!(store::count_invitations(conn).await.unwrap(), 2);
    assert_eq!(
        store::delete_invitations_finished(conn, now).await.unwrap(),
        1
    );
    assert_eq!(
        store::delete_invitations_finished(conn, now + Duration::days(7))
            .await
            .unwrap(),
        1
    );

    // Password resets.
    let reset = store::insert_password_reset(
        conn,
        "r1",
        helper,
        coordinator,
        now,
        now + Duration::hours(48),
    )
    .await
    .unwrap();
    let found = store::find_password_reset(conn, "r1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.id, found.user_id, found.is_used),
        (reset, helper, false)
    );
    assert!(
        store::mark_password_reset_used(conn, reset, now)
            .await
            .unwrap()
    );
    assert!(
        !store::mark_password_reset_used(conn, reset, now)
            .await
            .unwrap()
    );
    assert_eq!(
        store::delete_password_resets_finished(conn, now)
            .await
            .unwrap(),
        1
    );
    assert!(
        store::find_password_reset(conn, "r1")
            .await
            .unwrap()
            .is_none()
    );

    // Deleting an account takes its memberships and sessions with it.
    store::insert_session(conn, "s4", other, now, now + Duration::hours(1))
        .await
        .unwrap();
    store::delete_user(conn, other).await.unwrap();
    assert!(matches!(
        store::delete_user(conn, other).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store::count_sessions(conn).await.unwrap(), 0);
    assert_eq!(store::list_memberships(conn).await.unwrap().len(), 1);
}

#[tokio::test]
async fn network_organization_and_audit_stores_work_on_this_backend() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    assert!(
        relais::network::find_network(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    let network = relais::network::Network {
        name: "Réseau A".into(),
        territory: "Ici".into(),
    };
    relais::network::save_network(&app.db, now, &network)
        .await
        .unwrap();
    let renamed = relais::network::Network {
        name: "Réseau B".into(),
        territory: "Là".into(),
    };
    relais::network::save_network(&app.db, now, &renamed)
        .await
        .unwrap();
    assert_eq!(
        relais::network::find_network(&app.db).await.unwrap(),
        Some(renamed)
    );
    assert_eq!(app.count("network").await, 1);

    app.organization("Zèbre").await;
    app.organization("Abeille").await;
    let names: Vec<String> = relais::organizations::list_organizations(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["Abeille", "Zèbre"]);

    let mut conn = app.db.acquire().await.unwrap();
    let actor = UserId(42);
    relais::audit::record(
        &mut conn,
        now,
        Some(actor),
        relais::audit::AuditAction("thing.do"),
        "thing",
        Some(7),
    )
    .await
    .unwrap();
    relais::audit::record(
        &mut conn,
        now,
        None,
        relais::audit::AuditAction("thing.undo"),
        "thing",
        None,
    )
    .await
    .unwrap();
    let all = relais::audit::store::list_entries(&mut conn, 10, 0)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].action, "thing.undo", "newest first");
    assert_eq!(all[1].object_id.as_deref(), Some("7"));
    assert_eq!(
        relais::audit::store::list_entries(&mut conn, 1, 1)
            .await
            .unwrap()[0]
            .action,
        "thing.do"
    );
    assert_eq!(
        relais::audit::list_by_actor(&mut conn, actor)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        relais::audit::store::count_entries(&mut conn)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn every_places_store_function_works_on_this_backend() {
    use relais::places::store::{self as places, NewPlaceMeta};
    use relais::places::{MediationRecord, PlaceData, PlaceKind, Visibility};
    let app = TestApp::spawn().await;
    let organization = app.organization("Médiathèque").await;
    let now = start_time();
    // Autocommit: on PostgreSQL a refused insert would abort an open transaction.
    let mut connection = app.db.acquire().await.unwrap();
    let conn = &mut *connection;
    let data = PlaceData {
        record: MediationRecord {
            id: "p1".into(),
            source: "essai".into(),
            nom: "Espace numérique".into(),
            commune: "Angoulême".into(),
            code_postal: "16000".into(),
            adresse: "1 rue Haute".into(),
            latitude: Some(45.65),
            longitude: Some(0.16),
            services: vec!["Aide aux démarches administratives".into()],
            date_maj: chrono::NaiveDate::from_ymd_opt(2026, 1, 5),
            ..MediationRecord::default()
        },
        ..PlaceData::default()
    };
    let meta = NewPlaceMeta {
        organization_id: Some(organization),
        kind: PlaceKind::Mediation,
        visibility: Visibility::Public,
        source: "essai",
        source_id: "p1",
    };
    let revision = places::current_revision(conn).await.unwrap();
    let id = places::insert_place(conn, &meta, &data, now).await.unwrap();
    places::bump_revision(conn).await.unwrap();
    assert_eq!(places::current_revision(conn).await.unwrap(), revision + 1);
    let found = places::find_place(conn, id).await.unwrap();
    assert_eq!(found.record, data.record);
    let duplicate = places::insert_place(conn, &meta, &data, now).await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict { .. })),
        "{duplicate:?}"
    );

    let mut changed = data.clone();
    changed.record.nom = "Espace numérique des Tilleuls".into();
    changed.equipment.has_wifi = true;
    places::update_place_data(conn, id, &changed, now)
        .await
        .unwrap();
    places::update_place_settings(conn, id, None, PlaceKind::Partner, Visibility::Hidden, now)
        .await
        .unwrap();
    let found = places::find_place(conn, id).await.unwrap();
    assert_eq!(found.record.nom, "Espace numérique des Tilleuls");
    assert!(found.equipment.has_wifi);
    assert_eq!(
        (found.kind, found.visibility),
        (PlaceKind::Partner, Visibility::Hidden)
    );
    assert_eq!(found.organization_id, None);
    let fingerprints = places::source_fingerprints(conn, "essai").await.unwrap();
    assert_eq!(fingerprints["p1"], (id, places::content_hash(&changed)));
    places::update_place_settings(
        conn,
        id,
        Some(organization),
        PlaceKind::Mediation,
        Visibility::Public,
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        places::list_organization_places(conn, organization)
            .await
            .unwrap()
            .len(),
        1
    );

    places::confirm_place(conn, id, None, now).await.unwrap();
    assert_eq!(
        places::find_place(conn, id)
            .await
            .unwrap()
            .last_confirmed_at,
        Some(now)
    );

    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let closure = places::insert_closure(conn, id, day(1), day(8), "Travaux", now)
        .await
        .unwrap();
    assert_eq!(places::list_closures(conn, id).await.unwrap().len(), 1);
    assert_eq!(
        places::list_places(conn).await.unwrap()[0].closures.len(),
        1
    );
    places::delete_closure(conn, id, closure).await.unwrap();
    assert!(matches!(
        places::delete_closure(conn, id, closure).await,
        Err(StoreError::NotFound)
    ));
    places::insert_closure(conn, id, day(1), day(2), "", now)
        .await
        .unwrap();
    assert_eq!(
        places::delete_closures_ended_before(conn, day(3))
            .await
            .unwrap(),
        1
    );

    let mut second = data.clone();
    second.record.id = "p2".into();
    let other = places::insert_place(
        conn,
        &NewPlaceMeta {
            source_id: "p2",
            ..meta
        },
        &second,
        now,
    )
    .await
    .unwrap();
    places::dismiss_duplicate(conn, other, id, now)
        .await
        .unwrap();
    places::dismiss_duplicate(conn, id, other, now)
        .await
        .unwrap();
    assert_eq!(
        places::list_dismissed_duplicates(conn).await.unwrap(),
        vec![(id.min(other), id.max(other))]
    );
    places::insert_closure(conn, other, day(10), day(11), "", now)
        .await
        .unwrap();
    places::merge_places(conn, id, other, now).await.unwrap();
    assert_eq!(places::list_closures(conn, id).await.unwrap().len(), 1);
    assert_eq!(
        places::merged_source_ids(conn, "essai").await.unwrap(),
        std::collections::HashMap::from([("p2".to_owned(), id)])
    );
    assert!(matches!(
        places::find_place(conn, other).await,
        Err(StoreError::NotFound)
    ));
    places::delete_place(conn, id).await.unwrap();
    assert!(places::list_places(conn).await.unwrap().is_empty());
}

/// Every row of a table as text, sorted, to compare two databases.
async fn dump(db: &Db, table: &str) -> Vec<Vec<String>> {
    use sqlx::Row;
    let mut conn = db.acquire().await.unwrap();
    let rows = sqlx::query(&format!("SELECT * FROM {table}"))
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            (0..row.len())
                .map(|i| {
                    if let Ok(value) = row.try_get::<Option<String>, _>(i) {
                        format!("{value:?}")
                    } else if let Ok(value) = row.try_get::<Option<i64>, _>(i) {
                        format!("{value:?}")
                    } else {
                        format!("{:?}", row.try_get::<Option<f64>, _>(i).unwrap())
                    }
                })
                .collect()
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_restored_backup_holds_every_row_of_every_table() {
    let app = TestApp::spawn().await;
    assert!(relais::demo::seed(&app.db, app.clock.now()).await.unwrap());
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("sauvegarde.db");
    if app.database.is_postgres() {
        let refused = storage::backup::backup(&app.db, &copy).await.unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    }
    let bytes = storage::backup::backup(&app.db, &copy).await.unwrap();
    assert!(bytes > 100_000, "{bytes}");
    // A backup never overwrites another.
    let again = storage::backup::backup(&app.db, &copy).await.unwrap_err();
    assert!(again.to_string().contains("existe déjà"), "{again}");

    let target = folder.path().join("restauree").join("relais.db");
    let url = format!("sqlite://{}", target.display());
    storage::backup::restore(&copy, &url, false).await.unwrap();
    // An existing database is replaced only when asked.
    let refused = storage::backup::restore(&copy, &url, false)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("--remplacer"), "{refused}");
    storage::backup::restore(&copy, &url, true).await.unwrap();
    // Something that is not a Relais database is refused before anything is touched.
    let junk = folder.path().join("pas-une-base.db");
    std::fs::write(&junk, b"bonjour").unwrap();
    assert!(storage::backup::restore(&junk, &url, true).await.is_err());

    let restored = Db::connect(&url).await.unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(app.db.backend().list_tables_sql())
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let mut compared = 0;
    for table in tables.iter().filter(|t| *t != "sqlite_sequence") {
        let original = dump(&app.db, table).await;
        assert_eq!(dump(&restored, table).await, original, "rows of {table}");
        compared += original.len();
    }
    assert!(compared > 500, "the demo has content: {compared} rows");
    restored.close().await;
}
