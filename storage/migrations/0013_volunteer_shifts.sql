-- migration: the participative grocery's volunteer shifts: shifts, who took them, each member's monthly commitment
-- A shift's day and times are local ("YYYY-MM-DD", "HH:MM"); it ends after it starts, on the same day. `places`
-- is how many volunteers it needs. Shared records (sync columns, soft deletes), as the agenda's.
CREATE TABLE volunteer_shift (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opening', 'stocking', 'delivery')),
    day           TEXT NOT NULL CHECK (length(day) = 10),
    starts_at     TEXT NOT NULL CHECK (length(starts_at) = 5),
    ends_at       TEXT NOT NULL CHECK (length(ends_at) = 5 AND ends_at > starts_at),
    places        INTEGER NOT NULL CHECK (places BETWEEN 1 AND 50),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 300),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX volunteer_shift_day ON volunteer_shift(day, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX volunteer_shift_updated ON volunteer_shift(updated_at);

-- One member's place on a shift. `state`: 'signed_up' holds the place (and its hours count once the shift is
-- over), 'absent' was marked missing by the coordinator (no hours), 'cancelled' gave the place back, 'swapped'
-- handed it to another member, whose own sign-up names this one in `swapped_from`.
CREATE TABLE volunteer_shift_signup (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    shift_id      TEXT NOT NULL REFERENCES volunteer_shift(id),
    member_id     TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
    state         TEXT NOT NULL CHECK (state IN ('signed_up', 'absent', 'cancelled', 'swapped')),
    swapped_from  TEXT REFERENCES volunteer_shift_signup(id),
    reminded_at   INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX volunteer_shift_signup_shift ON volunteer_shift_signup(shift_id, state) WHERE deleted_at IS NULL;
CREATE INDEX volunteer_shift_signup_member ON volunteer_shift_signup(member_id, state) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX volunteer_shift_signup_once ON volunteer_shift_signup(shift_id, member_id)
    WHERE state = 'signed_up' AND deleted_at IS NULL;
CREATE INDEX volunteer_shift_signup_updated ON volunteer_shift_signup(updated_at);

-- A member's own monthly commitment in minutes, where it differs from [shifts] monthly_commitment_minutes.
CREATE TABLE volunteer_commitment (
    member_id     TEXT PRIMARY KEY CHECK (length(member_id) BETWEEN 1 AND 64),
    minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 10000),
    updated_at    INTEGER NOT NULL
);
