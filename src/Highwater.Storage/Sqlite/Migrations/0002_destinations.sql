-- Per destination: the mapped lists whose existing members were adopted (read once, so later
-- diffs are exact), and the summary of the last export pass (for status).
CREATE TABLE destinations (
    name          TEXT NOT NULL PRIMARY KEY,
    adopted_lists TEXT NULL,
    adopted_at    INTEGER NULL,
    last_run_at   INTEGER NULL,
    last_run      TEXT NULL -- JSON, as the engine writes it
);
