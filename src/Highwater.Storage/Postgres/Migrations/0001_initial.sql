-- Highwater buffer, PostgreSQL.

CREATE TABLE sources (
    name           text NOT NULL PRIMARY KEY,
    mark           text NULL,
    mark_key       text NULL,
    last_polled_at timestamptz NULL
);

-- Content hash of every row a source contributed: look-back drops unchanged rows by it, and
-- diff mode finds vanished keys by listing it (in ordinal order, hence COLLATE "C").
CREATE TABLE source_rows (
    source text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
    key    text COLLATE "C" NOT NULL,
    hash   text NOT NULL,
    PRIMARY KEY (source, key)
);

CREATE TABLE profiles (
    key        text NOT NULL PRIMARY KEY,
    properties jsonb NOT NULL,
    groups     jsonb NOT NULL,
    deleted    boolean NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One row per (destination, profile) to export. version grows with every newer change;
-- requeued_at is when the first change arrived that the current claim does not cover.
-- No index on profile_key alone: nothing looks rows up by it, and the foreign key would only
-- need one to delete profiles, which the buffer never does (deletion is the deleted flag).
CREATE TABLE outbox (
    destination       text NOT NULL,
    profile_key       text NOT NULL REFERENCES profiles (key),
    lane              smallint NOT NULL CHECK (lane IN (0, 1)),
    version           bigint NOT NULL,
    first_enqueued_at timestamptz NOT NULL,
    changed_at        timestamptz NOT NULL,
    attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before        timestamptz NULL,
    claimed_by        text NULL,
    claimed_until     timestamptz NULL,
    requeued_at       timestamptz NULL,
    PRIMARY KEY (destination, profile_key)
);

CREATE INDEX outbox_claim ON outbox (destination, lane, first_enqueued_at);

CREATE TABLE remote_state (
    destination text NOT NULL,
    profile_key text NOT NULL,
    remote_id   text NULL,
    foreign_key text NULL,
    fields      jsonb NOT NULL,
    lists       jsonb NOT NULL,
    exported_at timestamptz NOT NULL,
    PRIMARY KEY (destination, profile_key)
);

CREATE TABLE export_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destination text NOT NULL,
    profile_key text NOT NULL,
    at          timestamptz NOT NULL,
    outcome     text NOT NULL,
    reason      text NULL
);

CREATE INDEX export_log_destination ON export_log (destination, at, id);
CREATE INDEX export_log_profile ON export_log (destination, profile_key, at, id);

CREATE TABLE dead_letters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destination text NOT NULL,
    profile_key text NOT NULL,
    reason      text NOT NULL,
    attempts    integer NOT NULL,
    failed_at   timestamptz NOT NULL,
    UNIQUE (destination, profile_key)
);

CREATE INDEX dead_letters_failed_at ON dead_letters (failed_at, id);

CREATE TABLE rate_ledger (
    account      text NOT NULL,
    "window"     text NOT NULL,
    window_start timestamptz NOT NULL,
    used         bigint NOT NULL CHECK (used >= 0),
    PRIMARY KEY (account, "window", window_start)
);
