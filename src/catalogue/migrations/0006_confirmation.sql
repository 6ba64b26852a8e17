-- Two dates, honestly (issue 14): what used to be called 最終確認日 was the source page's own date,
-- so it becomes 出典の日付; the day a person confirmed the record is a separate column, with who and
-- how. 運用状況 marks records that are not a place a person can go (planned, suspended…).
ALTER TABLE resource RENAME COLUMN last_checked TO source_date;
ALTER TABLE archived_resource RENAME COLUMN last_checked TO source_date;
ALTER TABLE local_resource RENAME COLUMN last_checked TO source_date;

ALTER TABLE resource ADD COLUMN status TEXT;
ALTER TABLE resource ADD COLUMN confirmed_on TEXT;
ALTER TABLE resource ADD COLUMN confirmed_by TEXT;
ALTER TABLE resource ADD COLUMN confirmed_how TEXT;
ALTER TABLE archived_resource ADD COLUMN status TEXT;
ALTER TABLE archived_resource ADD COLUMN confirmed_on TEXT;
ALTER TABLE archived_resource ADD COLUMN confirmed_by TEXT;
ALTER TABLE archived_resource ADD COLUMN confirmed_how TEXT;
ALTER TABLE local_resource ADD COLUMN status TEXT;
ALTER TABLE local_resource ADD COLUMN confirmed_on TEXT;
ALTER TABLE local_resource ADD COLUMN confirmed_by TEXT;
ALTER TABLE local_resource ADD COLUMN confirmed_how TEXT;

-- Confirmations recorded on this PC (`tsunagu verify record`): the publisher's history. Like
-- notes, tied to a resource ID and not to an edition's rows, so it outlives every update; the
-- latest one newer than the edition's own 確認日 is what the catalogue shows and exports.
CREATE TABLE confirmation (
    id           INTEGER PRIMARY KEY,
    resource_id  TEXT NOT NULL,
    confirmed_on TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    how          TEXT NOT NULL,
    note         TEXT,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX confirmation_resource ON confirmation (resource_id, confirmed_on);

-- Corrections from the field (`tsunagu correction add`) and those imported from counsellors'
-- files (`correction import`). `uid` survives export and import, so a file imported twice adds
-- nothing; `current` is what the catalogue said when the correction was made (its evidence).
CREATE TABLE correction (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    resource_id TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    current     TEXT,
    note        TEXT,
    edition     TEXT,
    origin      TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX correction_resource ON correction (resource_id);
