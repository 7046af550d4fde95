-- Diagnostic aggregates. A person's answers never reach the database: the person keeps them in
-- their code. Relais keeps only counts per place and month: how many diagnostics were completed
-- ('total'), at which level per domain ('niveau:<domain>'), with which overall profile
-- ('profil') and which needs ('besoin'). Place 0 stands for diagnostics made with no place
-- (at home, from the public page).

CREATE TABLE diagnostic_counts (
    place_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    people BIGINT NOT NULL CHECK (people > 0),
    PRIMARY KEY (place_id, month, dimension, value)
);

CREATE INDEX diagnostic_counts_month ON diagnostic_counts (month);

-- The levels found by a diagnostic made with a helper, stored with the accompaniment record
-- ('appareil=premiers-pas;internet=en-progres;…'); empty otherwise.
ALTER TABLE activities ADD COLUMN diagnostic_levels TEXT NOT NULL DEFAULT '';
