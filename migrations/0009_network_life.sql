-- Network life: news and events that staff send to the coordinator, who publishes them (or
-- asks for changes, or refuses with a reason), and the prevention sheets coordinators edited
-- or added (the sheets written for Relais ship in the binary; a row here overrides one), and
-- the contact person each member organisation chose for the members' directory.

CREATE TABLE news_items (
    id {{ID}},
    kind TEXT NOT NULL CHECK (kind IN ('news', 'event', 'information', 'regulation')),
    title TEXT NOT NULL,
    -- Markdown, checked by the privacy guard; rendered with HTML made inert.
    body TEXT NOT NULL,
    -- Events: UTC instants; other items may leave them empty.
    starts_at TEXT,
    ends_at TEXT,
    -- A place or a video link, checked by the privacy guard.
    location TEXT NOT NULL DEFAULT '',
    -- 1: also on the public page, the Atom feed and the public events calendar.
    is_public BIGINT NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('pending', 'changes_requested', 'published', 'refused')),
    -- The coordinator's request for changes or reason for refusing (shown to the author).
    moderation_note TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    moderated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT
);

CREATE INDEX news_items_status ON news_items (status, published_at);
CREATE INDEX news_items_author ON news_items (author_id, created_at);

CREATE TABLE prevention_sheets (
    -- A value of the accompaniment record's prevention topics, or a coordinator's own id.
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    -- Markdown, checked by the privacy guard.
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- Whom partners contact about a member organisation: one of its own staff accounts, chosen by
-- its managers (never a participant, never a contact typed by hand).
CREATE TABLE organization_contacts (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chosen_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
);

-- Common work sessions of the network: scheduled by a coordinator, answered by staff (coming,
-- not coming, maybe), attendance recorded afterwards, minutes published to staff (Markdown,
-- checked by the privacy guard).
CREATE TABLE meetings (
    id {{ID}},
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    -- A place or a video link.
    location TEXT NOT NULL,
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    minutes_published_at TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX meetings_start ON meetings (starts_at);

CREATE TABLE meeting_answers (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answer TEXT CHECK (answer IN ('yes', 'no', 'maybe')),
    -- Recorded by the coordinator after the session; empty until then.
    attended BIGINT CHECK (attended IN (0, 1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- The shared resource library: links and files by category. A file's bytes live in the data
-- folder under the SHA-256 of their content (never a name someone typed); its type was
-- checked from the content when it was added.
CREATE TABLE resources (
    id {{ID}},
    category TEXT NOT NULL CHECK (category IN ('animation', 'communication', 'prevention', 'regulation', 'training')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('link', 'file')),
    url TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_type TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL DEFAULT '',
    file_size BIGINT NOT NULL DEFAULT 0,
    is_featured BIGINT NOT NULL DEFAULT 0 CHECK (is_featured IN (0, 1)),
    is_archived BIGINT NOT NULL DEFAULT 0 CHECK (is_archived IN (0, 1)),
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
