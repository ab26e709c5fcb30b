-- Privacy: erasure of a person's data by their organisation's administrator, and its log.
-- Types mean the same on SQLite and PostgreSQL: TEXT ids (UUIDv7), TIMESTAMP in UTC.

-- +goose Up
-- When a person was erased. The row stays, anonymised (no name, a placeholder address, no
-- password), so that the attempts and counts their organisation's statistics rest on keep
-- pointing at it; an erased row never signs in and is left out of every list of people.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

-- Who erased whom, and when, without any personal data of the erased person: subject_id
-- is the id of their anonymised row, which holds none.
CREATE TABLE erasures (
    id              TEXT NOT NULL PRIMARY KEY,
    subject_id      TEXT NOT NULL UNIQUE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    erased_by       TEXT REFERENCES users (id) ON DELETE SET NULL,
    erased_at       TIMESTAMP NOT NULL
);
CREATE INDEX erasures_organisation_idx ON erasures (organisation_id, erased_at);

-- +goose Down
DROP TABLE erasures;
ALTER TABLE users DROP COLUMN erased_at;
