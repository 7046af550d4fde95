-- Foundation: the network, organisations, staff accounts, sessions, invitations, password
-- resets, login throttling and the append-only audit log.
-- Portable SQL: {{ID}} becomes each backend's auto-incremented key (storage::dialect).
-- Types: TEXT, BIGINT (flags are 0/1) and UTC timestamps as 'YYYY-MM-DDTHH:MM:SSZ' text.

CREATE TABLE network (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    territory TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE organizations (
    id {{ID}},
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id {{ID}},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'helper')),
    helper_kind TEXT NOT NULL CHECK (helper_kind IN ('professional', 'volunteer')),
    is_active BIGINT NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, organization_id)
);

CREATE INDEX memberships_organization ON memberships (organization_id);

-- Only a SHA-256 of the session token is stored: a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE invitations (
    id {{ID}},
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'helper')),
    helper_kind TEXT NOT NULL CHECK (helper_kind IN ('professional', 'volunteer')),
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT
);

CREATE TABLE password_resets (
    id {{ID}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

-- Failed logins, keyed by a hash of the e-mail or of the client address (never in clear).
CREATE TABLE login_failures (
    id {{ID}},
    key_hash TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE INDEX login_failures_key ON login_failures (key_hash, failed_at);

-- Who changed what, and when; never the contents of a form. Append-only (see dialect).
CREATE TABLE audit_log (
    id {{ID}},
    occurred_at TEXT NOT NULL,
    actor_user_id BIGINT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT
);

CREATE INDEX audit_log_occurred ON audit_log (occurred_at);
