-- Highwater buffer, SQLite. Times are microseconds since the Unix epoch (UTC), as INTEGER, so
-- they sort and compare as numbers and keep exactly PostgreSQL's precision.

CREATE TABLE sources (
    name           TEXT NOT NULL PRIMARY KEY,
    mark           TEXT NULL,
    mark_key       TEXT NULL,
    last_polled_at INTEGER NULL
);

-- Content hash of every row a source contributed: look-back drops unchanged rows by it, and
-- diff mode finds vanished keys by listing it.
CREATE TABLE source_rows (
    source TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
    key    TEXT NOT NULL,
    hash   TEXT NOT NULL,
    PRIMARY KEY (source, key)
) WITHOUT ROWID;

-- WITHOUT ROWID: one b-tree keyed by the profile key, instead of a rowid table plus an index on
-- the key that every ingest had to write twice.
CREATE TABLE profiles (
    key        TEXT NOT NULL PRIMARY KEY,
    properties TEXT NOT NULL, -- JSON object of strings (or null)
    groups     TEXT NOT NULL, -- JSON array of strings
    deleted    INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per (destination, profile) to export. version grows with every newer change;
-- requeued_at is when the first change arrived that the current claim does not cover.
-- No index on profile_key alone: nothing looks rows up by it, and the foreign key would only
-- need one to delete profiles, which the buffer never does (deletion is the deleted flag).
CREATE TABLE outbox (
    destination       TEXT NOT NULL,
    profile_key       TEXT NOT NULL REFERENCES profiles (key),
    lane              INTEGER NOT NULL CHECK (lane IN (0, 1)),
    version           INTEGER NOT NULL,
    first_enqueued_at INTEGER NOT NULL,
    changed_at        INTEGER NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before        INTEGER NULL,
    claimed_by        TEXT NULL,
    claimed_until     INTEGER NULL,
    requeued_at       INTEGER NULL,
    PRIMARY KEY (destination, profile_key)
) WITHOUT ROWID;

CREATE INDEX outbox_claim ON outbox (destination, lane, first_enqueued_at);

CREATE TABLE remote_state (
    destination TEXT NOT NULL,
    profile_key TEXT NOT NULL,
    remote_id   TEXT NULL,
    foreign_key TEXT NULL,
    fields      TEXT NOT NULL, -- JSON object of strings (or null)
    lists       TEXT NOT NULL, -- JSON array of strings
    exported_at INTEGER NOT NULL,
    PRIMARY KEY (destination, profile_key)
) WITHOUT ROWID;

CREATE TABLE export_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    destination TEXT NOT NULL,
    profile_key TEXT NOT NULL,
    at          INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    reason      TEXT NULL
);

CREATE INDEX export_log_destination ON export_log (destination, at, id);
CREATE INDEX export_log_profile ON export_log (destination, profile_key, at, id);

CREATE TABLE dead_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    destination TEXT NOT NULL,
    profile_key TEXT NOT NULL,
    reason      TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    failed_at   INTEGER NOT NULL,
    UNIQUE (destination, profile_key)
);

CREATE INDEX dead_letters_failed_at ON dead_letters (failed_at, id);

CREATE TABLE rate_ledger (
    account      TEXT NOT NULL,
    "window"     TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    used         INTEGER NOT NULL CHECK (used >= 0),
    PRIMARY KEY (account, "window", window_start)
) WITHOUT ROWID;
