-- The SQLite floor under the ingest target: SQLite's own shell inserts 1,000,000 rows shaped like
-- the ingest benchmark's into the buffer's three ingest tables (as in Sqlite/Migrations/0001_initial.sql),
-- with the buffer's settings. The rows are generated first, so only the inserts are timed.
-- Run: rm -f /tmp/floor.db*; sqlite3 /tmp/floor.db < bench/Highwater.Benchmarks/Ingest/sqlite-floor.sql
-- (and with foreign_keys=OFF below to see what the foreign keys cost).
PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;
CREATE TABLE sources (name TEXT NOT NULL PRIMARY KEY, mark TEXT NULL, mark_key TEXT NULL, last_polled_at INTEGER NULL);
INSERT INTO sources (name) VALUES ('users');
CREATE TABLE source_rows (source TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE, key TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (source, key)) WITHOUT ROWID;
CREATE TABLE profiles (key TEXT NOT NULL PRIMARY KEY, properties TEXT NOT NULL, groups TEXT NOT NULL, deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)), updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE outbox (destination TEXT NOT NULL, profile_key TEXT NOT NULL REFERENCES profiles (key), lane INTEGER NOT NULL CHECK (lane IN (0, 1)), version INTEGER NOT NULL, first_enqueued_at INTEGER NOT NULL, changed_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0), not_before INTEGER NULL, claimed_by TEXT NULL, claimed_until INTEGER NULL, requeued_at INTEGER NULL, PRIMARY KEY (destination, profile_key)) WITHOUT ROWID;
CREATE INDEX outbox_claim ON outbox (destination, lane, first_enqueued_at);
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 1000000) SELECT CAST(i AS TEXT) AS k, hex(randomblob(16)) AS h, '{"email":"user' || i || '@example.com","first_name":"First' || i || '","plan":"' || CASE i % 5 WHEN 0 THEN 'pro' ELSE 'free' END || '"}' AS p FROM c;
.timer on
INSERT INTO source_rows SELECT 'users', k, h FROM n ORDER BY k;
INSERT INTO profiles SELECT k, p, '["customers"]', 0, 1764244800000000 FROM n ORDER BY k;
INSERT INTO outbox (destination, profile_key, lane, version, first_enqueued_at, changed_at) SELECT 'marketo', k, 0, 1, 1764244800000000, 1764244800000000 FROM n ORDER BY k;
PRAGMA wal_checkpoint(TRUNCATE);
