-- Editions: what an update replaced (so `rollback` can return to it), and the published rows of
-- recent editions, kept apart from the live table.
ALTER TABLE edition ADD COLUMN kind TEXT NOT NULL DEFAULT 'import'; -- import | update | rollback
ALTER TABLE edition ADD COLUMN replaced INTEGER;                    -- the edition this one replaced

CREATE TABLE archived_resource (
    edition_id      INTEGER NOT NULL,
    id              TEXT NOT NULL,
    position        INTEGER NOT NULL,
    local_gov_code  TEXT,
    prefecture      TEXT,
    municipality    TEXT,
    name            TEXT NOT NULL,
    name_kana       TEXT,
    aliases         TEXT,
    category        TEXT NOT NULL,
    organisation    TEXT,
    description     TEXT,
    targets         TEXT,
    substances      TEXT,
    programs        TEXT,
    service_area    TEXT,
    address         TEXT,
    address_extra   TEXT,
    latitude        REAL,
    longitude       REAL,
    phone           TEXT,
    fax             TEXT,
    email           TEXT,
    url             TEXT,
    days            TEXT,
    opens           TEXT,
    closes          TEXT,
    hours_note      TEXT,
    reservation     TEXT,
    fees            TEXT,
    anonymous       TEXT,
    confidentiality TEXT,
    residency       TEXT,
    last_checked    TEXT,
    sources         TEXT,
    remarks         TEXT,
    extra           TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (edition_id, id)
) STRICT;

-- Resources the user added. Same columns as the published table, never touched by import,
-- update or rollback, exported on their own.
CREATE TABLE local_resource (
    id              TEXT PRIMARY KEY NOT NULL,
    position        INTEGER NOT NULL,
    local_gov_code  TEXT,
    prefecture      TEXT,
    municipality    TEXT,
    name            TEXT NOT NULL,
    name_kana       TEXT,
    aliases         TEXT,
    category        TEXT NOT NULL,
    organisation    TEXT,
    description     TEXT,
    targets         TEXT,
    substances      TEXT,
    programs        TEXT,
    service_area    TEXT,
    address         TEXT,
    address_extra   TEXT,
    latitude        REAL,
    longitude       REAL,
    phone           TEXT,
    fax             TEXT,
    email           TEXT,
    url             TEXT,
    days            TEXT,
    opens           TEXT,
    closes          TEXT,
    hours_note      TEXT,
    reservation     TEXT,
    fees            TEXT,
    anonymous       TEXT,
    confidentiality TEXT,
    residency       TEXT,
    last_checked    TEXT,
    sources         TEXT,
    remarks         TEXT,
    extra           TEXT NOT NULL DEFAULT '{}',
    created_at      TEXT NOT NULL
) STRICT;

-- The user's favourites. Like notes, not tied to the published rows by a foreign key: a favourite
-- outlives an edition that drops its resource, shown with the last known details.
CREATE TABLE favourite (
    resource_id TEXT PRIMARY KEY NOT NULL,
    snapshot    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
