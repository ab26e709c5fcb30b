-- Assessment: instrument versions, attempts, answers and dimension scores.
-- Types mean the same on SQLite and PostgreSQL: TEXT ids (UUIDv7), TIMESTAMP in UTC,
-- DOUBLE PRECISION scores.

-- +goose Up
-- One row per instrument version. Built-in instruments have no organisation; an
-- organisation's own instruments are visible to it only. definition is the parsed,
-- normalised definition as JSON; hash identifies its content (without the version).
CREATE TABLE instruments (
    id              TEXT NOT NULL PRIMARY KEY,
    key             TEXT NOT NULL,
    version         INTEGER NOT NULL,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    audience        TEXT NOT NULL,
    languages       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    definition      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
-- key + version + owner is unique; COALESCE makes built-in (NULL) owners compare equal.
CREATE UNIQUE INDEX instruments_key_version_org_idx
    ON instruments (key, version, COALESCE(organisation_id, ''));
CREATE INDEX instruments_org_idx ON instruments (organisation_id, key);

-- An attempt is one person's (or one imported respondent's) answers to one instrument
-- version. user_id is NULL for anonymous imported respondents, who are identified by
-- respondent_ref (the email or external id of the import file).
CREATE TABLE assessment_attempts (
    id              TEXT NOT NULL PRIMARY KEY,
    instrument_id   TEXT NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    instrument_key  TEXT NOT NULL,
    user_id         TEXT REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    respondent_ref  TEXT,
    source          TEXT NOT NULL,
    status          TEXT NOT NULL,
    started_at      TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP
);
-- At most one open online attempt per person and instrument (any version).
CREATE UNIQUE INDEX assessment_attempts_open_idx
    ON assessment_attempts (user_id, instrument_key)
    WHERE submitted_at IS NULL AND source = 'online';
-- A person's attempts (listing, latest per person for norms, growth).
CREATE INDEX assessment_attempts_user_idx
    ON assessment_attempts (user_id, instrument_id, submitted_at);
-- Completed attempts of a version, overall or per organisation (norms, psychometrics).
CREATE INDEX assessment_attempts_instrument_idx
    ON assessment_attempts (instrument_id, organisation_id, submitted_at);

-- option_index is the 0-based index of the chosen option of an SJT item; value the point
-- of the Likert scale. Exactly one is set.
CREATE TABLE assessment_answers (
    attempt_id   TEXT NOT NULL REFERENCES assessment_attempts (id) ON DELETE CASCADE,
    item_id      TEXT NOT NULL,
    value        INTEGER,
    option_index INTEGER,
    answered_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (attempt_id, item_id)
);

-- Written once, when the attempt is submitted. mean (on the item scale), score (0–100)
-- and band (index into the dimension's bands) are NULL when too few items were answered.
CREATE TABLE assessment_dimension_scores (
    attempt_id TEXT NOT NULL REFERENCES assessment_attempts (id) ON DELETE CASCADE,
    dimension  TEXT NOT NULL,
    n_items    INTEGER NOT NULL,
    n_answered INTEGER NOT NULL,
    mean       DOUBLE PRECISION,
    score      DOUBLE PRECISION,
    band       INTEGER,
    PRIMARY KEY (attempt_id, dimension)
);

-- +goose Down
DROP TABLE assessment_dimension_scores;
DROP TABLE assessment_answers;
DROP TABLE assessment_attempts;
DROP TABLE instruments;
