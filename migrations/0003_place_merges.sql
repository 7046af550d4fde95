-- Directory, continued: when a coordinator merges two places, the removed place's
-- (source, source id) is remembered here so that importing that source again does not
-- bring the duplicate back.

CREATE TABLE place_merges (
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    merged_at TEXT NOT NULL,
    PRIMARY KEY (source, source_id)
);

CREATE INDEX place_merges_place ON place_merges (place_id);
