-- xAPI: every statement Academy makes (the organisation's export) and, when a learning
-- record store is configured, its delivery state (the outbox). Types mean the same on
-- SQLite and PostgreSQL: TEXT ids, TIMESTAMP in UTC, TEXT for the statement's JSON.

-- +goose Up
-- One xAPI 1.0.3 statement. id is the statement's id (a UUID v5 of event_id, the stable id
-- of the event it describes), so recording an event again inserts nothing. at is the
-- statement's timestamp; statement is its JSON, as sent. delivery is NULL when no LRS was
-- configured when it was recorded (nothing to send), else pending | sent | rejected
-- (the LRS refused it as invalid; error says why). attempts counts the posts that
-- carried it.
CREATE TABLE xapi_statements (
    id              TEXT NOT NULL PRIMARY KEY,
    event_id        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at              TIMESTAMP NOT NULL,
    statement       TEXT NOT NULL,
    delivery        TEXT,
    attempts        INTEGER NOT NULL,
    error           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
-- The export: an organisation's statements by timestamp.
CREATE INDEX xapi_statements_organisation_idx ON xapi_statements (organisation_id, at, id);
-- A person's statements, for their data export and erasure.
CREATE INDEX xapi_statements_user_idx ON xapi_statements (user_id, at);
-- The outbox: what is waiting to be sent, oldest first.
CREATE INDEX xapi_statements_pending_idx ON xapi_statements (created_at, id) WHERE delivery = 'pending';

-- +goose Down
DROP TABLE xapi_statements;
