-- Open Badges 3.0: organisations' issuer keys and the badges (signed credentials) learners
-- earn by completing modules. Types mean the same on SQLite and PostgreSQL: TEXT ids
-- (UUIDv7), TIMESTAMP in UTC, INTEGER counters, TEXT for JSON documents.

-- +goose Up
-- An organisation's Ed25519 signing keys. number counts from 1 within the organisation and
-- names the key in its issuer profile ({issuer}#key-N); the highest number signs new
-- badges, and every key stays published so that badges signed earlier still verify.
-- public_key is the Multikey (multibase "z6Mk…"); private_key is the 32-byte seed sealed
-- with AES-256-GCM under a key derived from the installation secret, never shown.
-- retired_at is when a newer key replaced this one for signing.
CREATE TABLE badge_issuer_keys (
    id              TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    public_key      TEXT NOT NULL,
    private_key     TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP,
    UNIQUE (organisation_id, number)
);

-- One badge per learner and module (achievement = the module's slug), issued in the
-- transaction that completed the module. credential is the signed OpenBadgeCredential as
-- issued (JSON); it is '' once its learner's data was erased. status_index is the badge's
-- bit in its organisation's revocation list (random, unique within the organisation).
-- awarded_at is when the module was completed, issued_at when the badge was signed.
-- share_name: the learner lets the public page show their name. A revoked badge keeps its
-- row; revocation_reason is for the organisation and the learner, never shown publicly.
CREATE TABLE badges (
    id                TEXT NOT NULL PRIMARY KEY,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id           TEXT REFERENCES users (id) ON DELETE SET NULL,
    achievement       TEXT NOT NULL,
    event_id          TEXT NOT NULL,
    status_index      INTEGER NOT NULL,
    credential        TEXT NOT NULL,
    share_name        BOOLEAN NOT NULL,
    awarded_at        TIMESTAMP NOT NULL,
    issued_at         TIMESTAMP NOT NULL,
    revoked_at        TIMESTAMP,
    revoked_by        TEXT REFERENCES users (id) ON DELETE SET NULL,
    revocation_reason TEXT NOT NULL,
    erased_at         TIMESTAMP,
    UNIQUE (user_id, achievement),
    UNIQUE (organisation_id, status_index)
);
CREATE INDEX badges_user_idx ON badges (user_id, awarded_at, id);

-- +goose Down
DROP TABLE badges;
DROP TABLE badge_issuer_keys;
