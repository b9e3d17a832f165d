-- migration: meals for isolated seniors: the register of recipients, the drivers' rounds, the counts of meals served
-- A recipient is a person, kept only while they receive meals and [retention] meals_days after: `service_ended_at`
-- (ms) is the end of their last day, or the moment they were removed; retention erases the row from then on. The
-- counts of meals served name nobody and stay. Local to this kiosk: no sync trigger carries the register to a hub.
CREATE TABLE meal_recipient (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    mode              TEXT NOT NULL CHECK (mode IN ('cafe', 'home')),
    address           TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200 AND (mode = 'cafe' OR address <> '')),
    weekdays          INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    diet              TEXT NOT NULL DEFAULT '' CHECK (length(diet) <= 60),
    funder            TEXT NOT NULL CHECK (length(funder) BETWEEN 1 AND 60),
    consent_on        TEXT NOT NULL CHECK (length(consent_on) = 10),
    consent_by        TEXT NOT NULL CHECK (length(consent_by) BETWEEN 1 AND 80),
    starts_on         TEXT NOT NULL CHECK (length(starts_on) = 10),
    ends_on           TEXT CHECK (ends_on IS NULL OR (length(ends_on) = 10 AND ends_on >= starts_on)),
    round_order       INTEGER NOT NULL DEFAULT 0,
    service_ended_at  INTEGER,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER
);
CREATE INDEX meal_recipient_live ON meal_recipient(mode, round_order, name) WHERE deleted_at IS NULL;
CREATE INDEX meal_recipient_ended ON meal_recipient(service_ended_at) WHERE service_ended_at IS NOT NULL;
CREATE INDEX meal_recipient_updated ON meal_recipient(updated_at);

-- A volunteer driving a day's round: a member of the member directory (the board's members).
CREATE TABLE meal_round_driver (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    day           TEXT NOT NULL CHECK (length(day) = 10),
    member_id     TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE UNIQUE INDEX meal_round_driver_once ON meal_round_driver(day, member_id) WHERE deleted_at IS NULL;
CREATE INDEX meal_round_driver_updated ON meal_round_driver(updated_at);

-- A home recipient the staff gave to one driver of that day; the others are split evenly (docs/meals.md). Goes
-- with the recipient when retention erases them.
CREATE TABLE meal_round_stop (
    day           TEXT NOT NULL CHECK (length(day) = 10),
    recipient_id  TEXT NOT NULL REFERENCES meal_recipient(id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (day, recipient_id)
);
CREATE INDEX meal_round_stop_recipient ON meal_round_stop(recipient_id);

-- A day whose meals the staff confirmed served; its counts are in meal_served_count and are not written twice.
CREATE TABLE meal_service_day (
    day           TEXT PRIMARY KEY CHECK (length(day) = 10),
    origin_kiosk  TEXT NOT NULL,
    served        INTEGER NOT NULL CHECK (served >= 0),
    absent        INTEGER NOT NULL CHECK (absent >= 0),
    confirmed_by  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- Meals served on a day, per funder and mode: no person in it, so it outlives the register (the funders' counts,
-- the impact report).
CREATE TABLE meal_served_count (
    day           TEXT NOT NULL CHECK (length(day) = 10),
    funder        TEXT NOT NULL CHECK (length(funder) BETWEEN 1 AND 60),
    mode          TEXT NOT NULL CHECK (mode IN ('cafe', 'home')),
    meals         INTEGER NOT NULL CHECK (meals >= 0),
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (day, funder, mode)
);
