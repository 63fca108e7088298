-- What the last poll of a source could not place by its mark (rows ahead of the source's clock,
-- rows with no usable mark), as JSON; NULL when nothing. status shows it.
ALTER TABLE sources ADD COLUMN mark_health text NULL;
