-- Per destination: the mapped lists whose existing members were adopted (read once, so later
-- diffs are exact), and the summary of the last export pass (for status).
CREATE TABLE destinations (
    name          text NOT NULL PRIMARY KEY,
    adopted_lists text NULL,
    adopted_at    timestamptz NULL,
    last_run_at   timestamptz NULL,
    last_run      text NULL -- JSON, as the engine writes it
);
