-- An organisation's own instrument is offered to the learners of the cohorts it is
-- assigned to (built-in instruments are offered to everyone). Assignments name the
-- instrument by key, so they carry over to its new versions.

-- +goose Up
CREATE TABLE instrument_assignments (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    instrument_key  TEXT NOT NULL,
    cohort_id       TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, instrument_key, cohort_id)
);
CREATE INDEX instrument_assignments_cohort_idx ON instrument_assignments (cohort_id);

-- +goose Down
DROP TABLE instrument_assignments;
