-- migration: the café's agenda: events (workshops, quizzes, the network's touring shows) and who signed up
-- Events and sign-ups are shared records (sync columns, soft deletes). An event's day and times are local
-- ("YYYY-MM-DD", "HH:MM"). `capacity` 0: no limit, nobody waits. `price_cents` NULL: free. `source_key` is the
-- iCalendar UID (plus the occurrence) of an event imported from a feed, so that the next import updates it.
CREATE TABLE agenda_event (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    place         TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 120),
    description   TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    day           TEXT NOT NULL CHECK (length(day) = 10),
    starts_at     TEXT NOT NULL CHECK (length(starts_at) = 5),
    ends_at       TEXT NOT NULL DEFAULT '' CHECK (length(ends_at) IN (0, 5)),
    capacity      INTEGER NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 10000),
    price_cents   INTEGER CHECK (price_cents IS NULL OR price_cents BETWEEN 0 AND 100000),
    source_key    TEXT UNIQUE CHECK (source_key IS NULL OR length(source_key) BETWEEN 1 AND 300),
    cancelled_at  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX agenda_event_day ON agenda_event(day, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX agenda_event_updated ON agenda_event(updated_at);

-- One place at an event for one person: a member of the board (identified by card or name and code) or a name
-- typed at the counter. `state`: 'registered' holds a place, 'waiting' is on the waiting list (in created_at
-- order), 'attended' was there, 'cancelled' gave the place back. `phone` and `email` are for the reminder and
-- the news of a place freed; personal data, erased after [retention] agenda_signups_days.
CREATE TABLE agenda_signup (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    event_id      TEXT NOT NULL REFERENCES agenda_event(id),
    member_id     TEXT CHECK (member_id IS NULL OR length(member_id) BETWEEN 1 AND 64),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    phone         TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    email         TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 120),
    state         TEXT NOT NULL CHECK (state IN ('registered', 'waiting', 'attended', 'cancelled')),
    placed_by     TEXT NOT NULL CHECK (placed_by IN ('kiosk', 'counter')),
    -- the same key twice signs up once (a double tap)
    dedupe_key    TEXT NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 64),
    -- printed on the ticket and in its QR code
    ticket_code   TEXT NOT NULL UNIQUE CHECK (length(ticket_code) BETWEEN 4 AND 16),
    promoted_at   INTEGER,
    reminded_at   INTEGER,
    cancelled_at  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX agenda_signup_event ON agenda_signup(event_id, state, created_at) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX agenda_signup_member_once ON agenda_signup(event_id, member_id)
    WHERE member_id IS NOT NULL AND state IN ('registered', 'waiting') AND deleted_at IS NULL;
CREATE INDEX agenda_signup_updated ON agenda_signup(updated_at);
