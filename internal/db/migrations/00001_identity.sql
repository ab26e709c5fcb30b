-- Identity: organisations, people, cohorts, sessions, invitations, API tokens.
-- Types are chosen to mean the same on SQLite and PostgreSQL: TEXT ids (UUIDv7), TIMESTAMP
-- in UTC, BOOLEAN.

-- +goose Up
CREATE TABLE organisations (
    id         TEXT NOT NULL PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id              TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations (id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    locale          TEXT NOT NULL DEFAULT 'es',
    role            TEXT NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash   TEXT,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX users_organisation_idx ON users (organisation_id, name);

CREATE TABLE cohorts (
    id              TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE cohort_members (
    cohort_id  TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user_idx ON cohort_members (user_id);

CREATE TABLE cohort_coaches (
    cohort_id  TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_coaches_user_idx ON cohort_coaches (user_id);

-- A session row is keyed by the SHA-256 of its cookie token; the token itself is never stored.
CREATE TABLE sessions (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE invitations (
    id          TEXT NOT NULL PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX invitations_user_idx ON invitations (user_id);

CREATE TABLE api_tokens (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Failed sign-ins, counted per account and per address over a sliding window.
CREATE TABLE login_failures (
    id         TEXT NOT NULL PRIMARY KEY,
    subject    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, created_at);

-- Installation-wide values shared by every instance (e.g. the CSRF signing key).
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE invitations;
DROP TABLE sessions;
DROP TABLE cohort_coaches;
DROP TABLE cohort_members;
DROP TABLE cohorts;
DROP TABLE users;
DROP TABLE organisations;
