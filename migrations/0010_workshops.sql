-- Collective workshops (ateliers): planned at a place, on one date or a series, published on
-- the public agenda. Registrations hold a first name and, only when the person wants a
-- reminder, a phone or e-mail; they are deleted the day after the last session (jobs), the
-- counts of attendance stay as collective accompaniment records.

CREATE TABLE workshops (
    id {{ID}},
    place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    -- Codes of the accompaniment themes, separated by '|'.
    themes TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('debutant', 'intermediaire', 'avance')),
    description TEXT NOT NULL DEFAULT '',
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100),
    -- Seats taken: kept by the same statement that takes one, so it never passes capacity.
    confirmed BIGINT NOT NULL DEFAULT 0 CHECK (confirmed >= 0 AND confirmed <= capacity),
    status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    cancelled_at TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX workshops_place ON workshops (place_id);

CREATE TABLE workshop_sessions (
    id {{ID}},
    workshop_id BIGINT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    -- The collective accompaniment record made when attendance was marked.
    activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL,
    UNIQUE (workshop_id, on_date)
);

CREATE INDEX workshop_sessions_date ON workshop_sessions (on_date);

CREATE TABLE workshop_helpers (
    workshop_id BIGINT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, user_id)
);

CREATE TABLE workshop_registrations (
    id {{ID}},
    workshop_id BIGINT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    -- A phone number or an e-mail address, only when the person asked for a reminder.
    contact TEXT NOT NULL DEFAULT '',
    consent_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    -- SHA-256 of the private cancellation link's token.
    token_hash TEXT NOT NULL UNIQUE,
    -- SHA-256 of the client address, to slow down automated registrations.
    client_hash TEXT NOT NULL DEFAULT '',
    by_staff BIGINT NOT NULL DEFAULT 0 CHECK (by_staff IN (0, 1)),
    reminded_at TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX workshop_registrations_workshop ON workshop_registrations (workshop_id, status, created_at);
CREATE INDEX workshop_registrations_client ON workshop_registrations (client_hash, created_at);
