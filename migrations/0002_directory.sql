-- Directory: organisations' identifiers and contacts, places with every column of the open-data
-- standard "Schéma des lieux de médiation numérique" v1 (same names), what Relais adds
-- (equipment, closures, visibility, source, confirmation), and dismissed duplicate pairs.
-- Multi-valued standard columns hold canonical values joined by '|'. Dates are 'YYYY-MM-DD'.

ALTER TABLE organizations ADD COLUMN pivot TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN typologie TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN telephone TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN site_web TEXT NOT NULL DEFAULT '';

CREATE TABLE places (
    id {{ID}},
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'mediation' CHECK (kind IN ('mediation', 'partner')),
    visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'hidden')),
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    pivot TEXT NOT NULL DEFAULT '',
    nom TEXT NOT NULL,
    commune TEXT NOT NULL,
    code_postal TEXT NOT NULL,
    code_insee TEXT NOT NULL DEFAULT '',
    adresse TEXT NOT NULL,
    complement_adresse TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    typologie TEXT NOT NULL DEFAULT '',
    telephone TEXT NOT NULL DEFAULT '',
    courriels TEXT NOT NULL DEFAULT '',
    site_web TEXT NOT NULL DEFAULT '',
    horaires TEXT NOT NULL DEFAULT '',
    presentation_resume TEXT NOT NULL DEFAULT '',
    presentation_detail TEXT NOT NULL DEFAULT '',
    itinerance TEXT NOT NULL DEFAULT '',
    structure_parente TEXT NOT NULL DEFAULT '',
    date_maj TEXT,
    services TEXT NOT NULL DEFAULT '',
    publics_specifiquement_adresses TEXT NOT NULL DEFAULT '',
    prise_en_charge_specifique TEXT NOT NULL DEFAULT '',
    frais_a_charge TEXT NOT NULL DEFAULT '',
    dispositif_programmes_nationaux TEXT NOT NULL DEFAULT '',
    formations_labels TEXT NOT NULL DEFAULT '',
    autres_formations_labels TEXT NOT NULL DEFAULT '',
    modalites_acces TEXT NOT NULL DEFAULT '',
    modalites_accompagnement TEXT NOT NULL DEFAULT '',
    fiche_acces_libre TEXT NOT NULL DEFAULT '',
    prise_rdv TEXT NOT NULL DEFAULT '',
    computers BIGINT CHECK (computers >= 0),
    has_wifi BIGINT NOT NULL DEFAULT 0 CHECK (has_wifi IN (0, 1)),
    has_printer BIGINT NOT NULL DEFAULT 0 CHECK (has_printer IN (0, 1)),
    has_scanner BIGINT NOT NULL DEFAULT 0 CHECK (has_scanner IN (0, 1)),
    is_step_free BIGINT NOT NULL DEFAULT 0 CHECK (is_step_free IN (0, 1)),
    hours_note TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    last_confirmed_at TEXT,
    last_confirmed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (source, source_id)
);

CREATE INDEX places_organization ON places (organization_id);
CREATE INDEX places_postcode ON places (code_postal);

CREATE TABLE place_closures (
    id {{ID}},
    place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);

CREATE INDEX place_closures_place ON place_closures (place_id);

-- A pair of places a coordinator looked at and declared distinct (smaller id first).
CREATE TABLE place_duplicate_dismissals (
    place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    other_place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (place_id, other_place_id),
    CHECK (place_id < other_place_id)
);

-- Bumped by every change to the directory, so each server knows when to rebuild its search
-- index (also changes made by another server or by `relais import`).
CREATE TABLE directory_revision (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);

INSERT INTO directory_revision (id, revision) VALUES (1, 0);
