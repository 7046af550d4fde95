-- Statistics rollups: daily counters per organisation, place, kind and age band, one row per
-- dimension value (theme, gender, autonomy, last click…). Kept by the same transaction that
-- writes an accompaniment record (`activities::store`), so a dashboard reads a number of rows
-- that depends on the period asked, never on the history kept. `relais stats rebuild`
-- recomputes them from the records. `stats_monthly` holds the same counters by month, so that a
-- year is read as twelve months of rows rather than 365 days of them. 0 stands for "no organisation" or "no place"; the age
-- band is '' for workshop sessions (their people per age band are in the `age` dimension).

CREATE TABLE stats_daily (
    on_date TEXT NOT NULL,
    organization_id BIGINT NOT NULL DEFAULT 0,
    place_id BIGINT NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'collective')),
    age_band TEXT NOT NULL DEFAULT '',
    dimension TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    records BIGINT NOT NULL DEFAULT 0,
    people BIGINT NOT NULL DEFAULT 0,
    minutes BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (on_date, organization_id, place_id, kind, age_band, dimension, value)
);

CREATE INDEX stats_daily_dimension ON stats_daily (dimension, on_date);

CREATE TABLE stats_monthly (
    month TEXT NOT NULL,
    organization_id BIGINT NOT NULL DEFAULT 0,
    place_id BIGINT NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'collective')),
    age_band TEXT NOT NULL DEFAULT '',
    dimension TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    records BIGINT NOT NULL DEFAULT 0,
    people BIGINT NOT NULL DEFAULT 0,
    minutes BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, organization_id, place_id, kind, age_band, dimension, value)
);

CREATE INDEX stats_monthly_dimension ON stats_monthly (dimension, month);
