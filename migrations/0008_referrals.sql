-- Referrals ("passage de relais"): a helper hands a person over to another place of the
-- network or to an external partner, with the person's consent. Only what the person agreed
-- to share is kept (first name or initials, a call-back contact, the need), and only until the
-- referral is closed and `RELAIS_REFERRAL_RETENTION_DAYS` have passed: the purge job then
-- blanks those fields and keeps the row for counts (origin, destination, categories, state).

CREATE TABLE referrals (
    id {{ID}},
    state TEXT NOT NULL CHECK (state IN ('sent', 'accepted', 'refused', 'arrived', 'expired', 'cancelled')),
    -- The staff member who made it (kept while the account exists) and their organisation.
    sender_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    origin_organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    -- The accompaniment record it came from, if any.
    activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL,
    destination_place_id BIGINT REFERENCES places (id) ON DELETE SET NULL,
    -- The organisation whose staff receive it; none for a partner without an account.
    destination_organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    destination_kind TEXT NOT NULL CHECK (destination_kind IN ('mediation', 'partner')),
    -- Service categories of the open-data standard, joined by '|'.
    categories TEXT NOT NULL DEFAULT '',
    -- The need in a few words (privacy guard: no personal data, no credential).
    need TEXT NOT NULL DEFAULT '',
    -- What the person agreed to share with the destination (0/1), when, and until when.
    consent_name BIGINT NOT NULL DEFAULT 0 CHECK (consent_name IN (0, 1)),
    consent_contact BIGINT NOT NULL DEFAULT 0 CHECK (consent_contact IN (0, 1)),
    consent_need BIGINT NOT NULL DEFAULT 0 CHECK (consent_need IN (0, 1)),
    consent_at TEXT,
    consent_until TEXT,
    -- Only with consent: first name or initials, preferred contact way and the contact.
    first_name TEXT NOT NULL DEFAULT '',
    contact_way TEXT NOT NULL DEFAULT '' CHECK (contact_way IN ('', 'phone', 'email', 'none')),
    contact TEXT NOT NULL DEFAULT '',
    -- The slip's short code (blanked by the purge); unique while it exists.
    code TEXT UNIQUE,
    refusal_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    -- An open referral expires at this instant (30 days after sending or accepting).
    expires_at TEXT NOT NULL,
    answered_at TEXT,
    closed_at TEXT,
    purged_at TEXT,
    updated_at TEXT NOT NULL
);

CREATE INDEX referrals_origin ON referrals (origin_organization_id, created_at);
CREATE INDEX referrals_destination ON referrals (destination_organization_id, created_at);
CREATE INDEX referrals_state ON referrals (state, expires_at);
CREATE INDEX referrals_closed ON referrals (closed_at);

-- Signed links for a partner without an account: only a SHA-256 of the token is stored.
CREATE TABLE referral_links (
    id {{ID}},
    referral_id BIGINT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX referral_links_referral ON referral_links (referral_id);

-- Wrong codes typed at a desk, by hash of the account and of the client address (throttling).
CREATE TABLE referral_code_failures (
    id {{ID}},
    key_hash TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE INDEX referral_code_failures_key ON referral_code_failures (key_hash, failed_at);

-- One row per job and period: a scheduled job claims its period inside its own transaction
-- (INSERT … ON CONFLICT DO NOTHING), so servers sharing a database run it once per period.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    period TEXT NOT NULL,
    ran_at TEXT NOT NULL,
    PRIMARY KEY (job, period)
);
