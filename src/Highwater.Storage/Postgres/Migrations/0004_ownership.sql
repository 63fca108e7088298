-- Ownership: which profile holds a remote record, found by the record's id or by the foreign key
-- it was exported under (compared without case, as e-mail addresses are).
CREATE INDEX remote_state_by_id ON remote_state (destination, remote_id) WHERE remote_id IS NOT NULL;
CREATE INDEX remote_state_by_key ON remote_state (destination, lower(foreign_key)) WHERE foreign_key IS NOT NULL;
