-- The properties an enrich source's row gave its profile (JSON object of strings or null), so that
-- when the row is deleted or vanishes exactly those are taken back. NULL for primary sources' rows,
-- which decide the profile's existence and are never taken back.
ALTER TABLE source_rows ADD COLUMN properties TEXT NULL;
