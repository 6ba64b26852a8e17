-- A counter bumped by every change to the published or local data, and a random identity for this
-- database. Derived data (the search index) records both and is rebuilt when they differ.
CREATE TABLE catalogue_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    uid      TEXT NOT NULL,
    revision INTEGER NOT NULL
) STRICT;

INSERT INTO catalogue_state (id, uid, revision) VALUES (1, lower(hex(randomblob(16))), 0);
