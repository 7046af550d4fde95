-- Charters: published versions of the three charters (network, helpers, public) with their
-- commitments, helpers' signatures, organisations' adhesions and self-assessments.
-- A version is never changed once published: a new text is a new version. Signatures and
-- adhesions keep the content hash of the exact text that was shown.

CREATE TABLE charter_versions (
    id {{ID}},
    kind TEXT NOT NULL CHECK (kind IN ('network', 'helpers', 'public')),
    version BIGINT NOT NULL CHECK (version >= 1),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (kind, version)
);

-- The commitments of one version, in order; `code` is stable across versions.
CREATE TABLE charter_commitments (
    charter_version_id BIGINT NOT NULL REFERENCES charter_versions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (charter_version_id, code)
);

-- A helper's signature of one version of the helpers' charter (name typed as signature).
CREATE TABLE charter_signatures (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    charter_version_id BIGINT NOT NULL REFERENCES charter_versions (id),
    content_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    helper_kind TEXT NOT NULL CHECK (helper_kind IN ('professional', 'volunteer')),
    signed_at_place TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, charter_version_id)
);

CREATE INDEX charter_signatures_version ON charter_signatures (charter_version_id);

-- An organisation's adhesion to one version of the network charter.
CREATE TABLE charter_adhesions (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    charter_version_id BIGINT NOT NULL REFERENCES charter_versions (id),
    content_hash TEXT NOT NULL,
    adhered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    adhered_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, charter_version_id)
);

-- An organisation's own assessment of one commitment (by stable code, so it survives a new
-- version that keeps the commitment).
CREATE TABLE commitment_assessments (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    commitment_code TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('met', 'in_progress', 'not_met')),
    comment TEXT NOT NULL DEFAULT '',
    assessed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    assessed_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, commitment_code)
);
