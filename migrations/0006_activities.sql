-- Accompaniment records (activities): what was done, never who it was done for. No name,
-- contact or date of birth of the participant exists anywhere; the profile is an age band,
-- an optional gender, status and commune. Collective records (workshop sessions) keep counts.

CREATE TABLE activities (
    id {{ID}},
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'collective')),
    -- The staff member who recorded it (kept while the account exists).
    helper_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The organisation whose managers see it: the place's, or the helper's.
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    on_date TEXT NOT NULL,
    location TEXT NOT NULL CHECK (location IN ('lieu', 'domicile', 'distance', 'ailleurs')),
    place_id BIGINT REFERENCES places (id) ON DELETE SET NULL,
    location_commune TEXT NOT NULL DEFAULT '',
    permanence_id BIGINT REFERENCES permanences (id) ON DELETE SET NULL,
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    themes TEXT NOT NULL,
    procedure_domains TEXT NOT NULL DEFAULT '',
    equipment TEXT NOT NULL DEFAULT '',
    autonomy TEXT,
    last_click TEXT NOT NULL CHECK (last_click IN ('oui', 'non', 'sans-objet')),
    referral TEXT NOT NULL DEFAULT 'aucune',
    prevention TEXT NOT NULL DEFAULT '',
    accounts_logged_out TEXT NOT NULL CHECK (accounts_logged_out IN ('oui', 'non', 'sans-objet')),
    files_deleted TEXT NOT NULL CHECK (files_deleted IN ('oui', 'non', 'sans-objet')),
    browser_cleared TEXT NOT NULL CHECK (browser_cleared IN ('oui', 'non', 'sans-objet')),
    age_band TEXT,
    gender TEXT,
    social_status TEXT,
    residence_commune TEXT NOT NULL DEFAULT '',
    first_visit BIGINT NOT NULL DEFAULT 0 CHECK (first_visit IN (0, 1)),
    public_charter BIGINT NOT NULL DEFAULT 0 CHECK (public_charter IN (0, 1)),
    participants BIGINT NOT NULL DEFAULT 1 CHECK (participants BETWEEN 1 AND 200),
    workshop_level TEXT,
    -- Checked by the privacy guard: no personal data, no credential.
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX activities_helper ON activities (helper_id, created_at);
CREATE INDEX activities_organization ON activities (organization_id, on_date);
CREATE INDEX activities_date ON activities (on_date);

-- Workshop sessions: how many people per age band, gender and status.
CREATE TABLE activity_counts (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('age', 'genre', 'statut')),
    value TEXT NOT NULL,
    people BIGINT NOT NULL CHECK (people > 0),
    PRIMARY KEY (activity_id, dimension, value)
);
