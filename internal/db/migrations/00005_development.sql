-- Development: 360 observer invitations and their answers, development goals with their
-- history and coach comments, the networking action log, digital-footprint self-checks,
-- events with attendance and follow-up reminders, and coach notes.
-- Types mean the same on SQLite and PostgreSQL: TEXT ids (UUIDv7), TIMESTAMP in UTC (a
-- calendar day is stored as its 00:00 UTC), lists as JSON arrays in TEXT.

-- +goose Up
-- One observer asked to give 360 feedback on a learner. Only the SHA-256 of the link's
-- token is stored; resending replaces it. status: invited | answered | withdrawn (an
-- invited row past expires_at is expired). instrument_id is the observer form version the
-- observer answers, fixed when invited.
CREATE TABLE observer_invitations (
    id              TEXT NOT NULL PRIMARY KEY,
    learner_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    invited_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    email           TEXT NOT NULL,
    relationship    TEXT NOT NULL,
    language        TEXT NOT NULL,
    instrument_id   TEXT NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    token_hash      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    answered_at     TIMESTAMP,
    withdrawn_at    TIMESTAMP
);
CREATE INDEX observer_invitations_learner_idx ON observer_invitations (learner_id, status);
-- One live invitation per learner and address: the same person is never counted twice.
CREATE UNIQUE INDEX observer_invitations_email_idx ON observer_invitations (learner_id, email)
    WHERE status <> 'withdrawn';

-- An observer's answers, saved item by item while the link works (as in assessment_answers:
-- exactly one of value and option_index is set).
CREATE TABLE observer_answers (
    invitation_id TEXT NOT NULL REFERENCES observer_invitations (id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    value         INTEGER,
    option_index  INTEGER,
    answered_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (invitation_id, item_id)
);

-- Written once, when the observer submits, by package scoring (as for self-assessments).
CREATE TABLE observer_dimension_scores (
    invitation_id TEXT NOT NULL REFERENCES observer_invitations (id) ON DELETE CASCADE,
    dimension     TEXT NOT NULL,
    n_items       INTEGER NOT NULL,
    n_answered    INTEGER NOT NULL,
    mean          DOUBLE PRECISION,
    score         DOUBLE PRECISION,
    PRIMARY KEY (invitation_id, dimension)
);

-- A development goal. status: planned | in_progress | done | dropped.
CREATE TABLE development_goals (
    id              TEXT NOT NULL PRIMARY KEY,
    learner_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dimension       TEXT NOT NULL,
    title           TEXT NOT NULL,
    success_measure TEXT NOT NULL,
    due_on          TIMESTAMP NOT NULL,
    status          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX development_goals_learner_idx ON development_goals (learner_id, status, due_on);

-- Every change of a goal: field is "created" or the changed field's name.
CREATE TABLE development_goal_changes (
    id        TEXT NOT NULL PRIMARY KEY,
    goal_id   TEXT NOT NULL REFERENCES development_goals (id) ON DELETE CASCADE,
    actor_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    field     TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    at        TIMESTAMP NOT NULL
);
CREATE INDEX development_goal_changes_goal_idx ON development_goal_changes (goal_id, at);

CREATE TABLE development_goal_comments (
    id         TEXT NOT NULL PRIMARY KEY,
    goal_id    TEXT NOT NULL REFERENCES development_goals (id) ON DELETE CASCADE,
    author_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX development_goal_comments_goal_idx ON development_goal_comments (goal_id, created_at);

-- Organisations' professional events. cohort_id narrows an event to one cohort (NULL: the
-- whole organisation); dimensions is a JSON array of dimension slugs.
CREATE TABLE networking_events (
    id              TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    cohort_id       TEXT REFERENCES cohorts (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP,
    place           TEXT NOT NULL,
    online_url      TEXT NOT NULL,
    organiser       TEXT NOT NULL,
    dimensions      TEXT NOT NULL,
    preparation     TEXT NOT NULL,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX networking_events_organisation_idx ON networking_events (organisation_id, starts_at);

-- A person going to (going_at) and having attended (attended_at) an event, with their
-- preparation checklist.
CREATE TABLE event_attendees (
    event_id        TEXT NOT NULL REFERENCES networking_events (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    going_at        TIMESTAMP,
    attended_at     TIMESTAMP,
    pitch           TEXT NOT NULL,
    person_to_help  TEXT NOT NULL,
    need_to_express TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_attendees_user_idx ON event_attendees (user_id, updated_at);

-- The networking action log. kind: helped | introduced | attended_event | followed_up |
-- shared_content | asked_for_help; dimensions a JSON array of slugs; on_date the day it
-- happened.
CREATE TABLE action_entries (
    id         TEXT NOT NULL PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    on_date    TIMESTAMP NOT NULL,
    kind       TEXT NOT NULL,
    dimensions TEXT NOT NULL,
    who        TEXT NOT NULL,
    note       TEXT NOT NULL,
    event_id   TEXT REFERENCES networking_events (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX action_entries_learner_idx ON action_entries (learner_id, on_date);
CREATE INDEX action_entries_created_idx ON action_entries (learner_id, created_at);

CREATE TABLE action_comments (
    id         TEXT NOT NULL PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES action_entries (id) ON DELETE CASCADE,
    author_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX action_comments_entry_idx ON action_comments (entry_id, created_at);

-- Follow-up reminders, made when someone logs an event as attended.
CREATE TABLE follow_ups (
    id         TEXT NOT NULL PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id   TEXT REFERENCES networking_events (id) ON DELETE SET NULL,
    contact    TEXT NOT NULL,
    note       TEXT NOT NULL,
    due_on     TIMESTAMP NOT NULL,
    done_at    TIMESTAMP,
    entry_id   TEXT REFERENCES action_entries (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX follow_ups_learner_idx ON follow_ups (learner_id, done_at, due_on);
CREATE INDEX follow_ups_event_idx ON follow_ups (event_id);

-- Digital-footprint self-checks: answers is a JSON object of question id to value.
CREATE TABLE footprint_checks (
    id                TEXT NOT NULL PRIMARY KEY,
    learner_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    checklist_version INTEGER NOT NULL,
    answers           TEXT NOT NULL,
    score             DOUBLE PRECISION NOT NULL,
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX footprint_checks_learner_idx ON footprint_checks (learner_id, created_at);

-- Coaches' notes about a learner; the learner sees a note only when shared.
CREATE TABLE coach_notes (
    id         TEXT NOT NULL PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    shared     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX coach_notes_learner_idx ON coach_notes (learner_id, created_at);

-- +goose Down
DROP TABLE coach_notes;
DROP TABLE footprint_checks;
DROP TABLE follow_ups;
DROP TABLE action_comments;
DROP TABLE action_entries;
DROP TABLE event_attendees;
DROP TABLE networking_events;
DROP TABLE development_goal_comments;
DROP TABLE development_goal_changes;
DROP TABLE development_goals;
DROP TABLE observer_dimension_scores;
DROP TABLE observer_answers;
DROP TABLE observer_invitations;
