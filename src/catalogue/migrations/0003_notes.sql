-- The user's own notes on resources. Not tied to the resource table by a foreign key on purpose:
-- importing a new edition replaces the published rows, and a note must outlive its resource
-- (shown with the last known details kept in `snapshot`).
CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    resource_id TEXT NOT NULL,
    text        TEXT NOT NULL,
    -- The resource as it was when the note was written (JSON), for when it is gone.
    snapshot    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX note_resource ON note (resource_id);
