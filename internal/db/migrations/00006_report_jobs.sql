-- Report delivery: bulk report jobs with their ZIP, and organisation branding.
-- Types mean the same on SQLite and PostgreSQL: TEXT ids (UUIDv7), TIMESTAMP in UTC,
-- BIGINT sizes, BYTEA for bytes (SQLite stores a blob as given whatever the column's
-- declared type).
-- River's own tables (river_job, river_leader, …) are created by River's migrations
-- (rivermigrate), which Academy runs at start after these.

-- +goose Up
-- One request for all learner reports of an organisation, or of one of its cohorts, as
-- one ZIP. status: queued | running | done | failed | expired. done/total count the
-- reports rendered while running. A done job's ZIP is in report_job_chunks until
-- expires_at; housekeeping then deletes the chunks and marks the job expired.
CREATE TABLE report_jobs (
    id              TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    cohort_id       TEXT REFERENCES cohorts (id) ON DELETE CASCADE,
    requested_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    lang            TEXT NOT NULL,
    status          TEXT NOT NULL,
    done            INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    size            BIGINT NOT NULL,
    error           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    started_at      TIMESTAMP,
    finished_at     TIMESTAMP,
    expires_at      TIMESTAMP
);
CREATE INDEX report_jobs_organisation_idx ON report_jobs (organisation_id, created_at);
CREATE INDEX report_jobs_expires_idx ON report_jobs (status, expires_at);

-- The ZIP of a job in pieces of about 1 MiB, in order, so that neither writing nor
-- downloading holds the whole file in memory. A job that restarts deletes its pieces
-- first.
CREATE TABLE report_job_chunks (
    job_id TEXT NOT NULL REFERENCES report_jobs (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    data   BYTEA NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- An organisation's branding: its logo (validated and re-encoded as PNG by Academy; null
-- for none) and accent colour ("#rrggbb" with AA contrast on white; '' for Academy's).
CREATE TABLE organisation_branding (
    organisation_id TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    accent          TEXT NOT NULL,
    logo            BYTEA,
    updated_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE organisation_branding;
DROP TABLE report_job_chunks;
DROP TABLE report_jobs;
