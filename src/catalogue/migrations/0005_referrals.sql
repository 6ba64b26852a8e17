-- The counsellor's referral log: which case was referred where, how, and what came of it. A case
-- is a code the counsellor chooses (never a name). These tables belong to the user like notes:
-- no import, update or rollback touches them, and erasing a case deletes its rows (the
-- connection runs with secure_delete, so the freed pages are overwritten).
CREATE TABLE referral (
    id          INTEGER PRIMARY KEY,
    case_code   TEXT NOT NULL,
    referred_on TEXT NOT NULL,            -- YYYY-MM-DD, Japan time
    how         TEXT NOT NULL,            -- 紹介シート, 電話で予約, 同行
    consent     INTEGER,                  -- 1 recorded yes, 0 recorded no, NULL not recorded
    follow_up   TEXT,                     -- YYYY-MM-DD
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX referral_case ON referral (case_code);

-- The resources one referral points to, with what they were then (a new edition may remove a
-- resource; the log and its statistics keep its name and kind).
CREATE TABLE referral_target (
    referral_id   INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    resource_id   TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    category      TEXT NOT NULL,
    PRIMARY KEY (referral_id, position)
) STRICT;

-- Dated status updates, oldest first; the first is 紹介済み on the day of the referral.
CREATE TABLE referral_update (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX referral_update_referral ON referral_update (referral_id);
