-- Organisations' time zone: event times are typed and shown in it (stored in UTC as ever).
-- Types mean the same on SQLite and PostgreSQL: an IANA zone name as TEXT.

-- +goose Up
-- Existing organisations get Europe/Madrid, Academy's first market and the zone the
-- events typed so far were meant in; Academy checks the name (time.LoadLocation) before
-- it stores one.
ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Madrid';

-- +goose Down
ALTER TABLE organisations DROP COLUMN time_zone;
