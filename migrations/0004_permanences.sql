-- Permanences: recurring drop-in schedules of a place (RFC 5545 recurrence rules), their
-- exceptions (a cancelled occurrence with a public reason, an extra date), the helpers on duty
-- for an occurrence, each helper's private calendar feed (only a hash of its secret) and
-- the rules shown on each place's poster, and how many people took note of the public charter
-- at each date (a count only).

CREATE TABLE permanences (
    id {{ID}},
    place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- The RRULE value, e.g. 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU'.
    rule TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    -- Local (Europe/Paris) times 'HH:MM'.
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    -- 1: the permanence also takes place on public holidays.
    on_public_holidays BIGINT NOT NULL DEFAULT 0 CHECK (on_public_holidays IN (0, 1)),
    -- Values of the standard's service list, '|' between them.
    services TEXT NOT NULL DEFAULT '',
    capacity BIGINT,
    public_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX permanences_place ON permanences (place_id);

CREATE TABLE permanence_exceptions (
    id {{ID}},
    permanence_id BIGINT NOT NULL REFERENCES permanences (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cancelled', 'extra')),
    reason TEXT NOT NULL DEFAULT '',
    -- For an extra date: its own local times 'HH:MM'.
    start_time TEXT,
    end_time TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (permanence_id, on_date, kind)
);

CREATE TABLE permanence_duties (
    permanence_id BIGINT NOT NULL REFERENCES permanences (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Who put the helper on duty (the helper themself when they volunteered).
    assigned_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (permanence_id, on_date, user_id)
);

CREATE INDEX permanence_duties_user ON permanence_duties (user_id, on_date);

CREATE TABLE helper_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- The A4 poster of a place: its own rules of operation (editable), and when a poster was last
-- printed (downloaded) from Relais, for the "display the rules" commitment.
CREATE TABLE place_posters (
    place_id BIGINT PRIMARY KEY REFERENCES places (id) ON DELETE CASCADE,
    rules TEXT NOT NULL DEFAULT '',
    updated_at TEXT,
    printed_at TEXT
);

-- People who took note of the public charter at a permanence: a count per date, never a name.
CREATE TABLE public_charter_acknowledgements (
    permanence_id BIGINT NOT NULL REFERENCES permanences (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    people BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (permanence_id, on_date)
);
