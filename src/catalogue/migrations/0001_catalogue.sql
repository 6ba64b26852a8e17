-- The published catalogue: one row per resource, one column per dataset field (canonical text, as in
-- the CSV; multi-valued cells keep their `;` separators). `extra` holds unknown columns as JSON.
CREATE TABLE resource (
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
    extra           TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX resource_category ON resource (category);
CREATE INDEX resource_municipality ON resource (municipality);

-- Every edition imported, newest last. The current edition is the row with the highest id.
CREATE TABLE edition (
    id            INTEGER PRIMARY KEY,
    title         TEXT,
    edition       TEXT,
    publisher     TEXT,
    published     TEXT,
    licence       TEXT,
    source        TEXT,
    file_name     TEXT NOT NULL,
    encoding      TEXT,
    row_count     INTEGER NOT NULL,
    extra_columns TEXT NOT NULL DEFAULT '[]',
    imported_at   TEXT NOT NULL
) STRICT;
