-- migration: health centre: doctor rota, feed state, staff notices, appointments and queue tickets
-- Days are local calendar days 'YYYY-MM-DD' and times local wall-clock 'HH:MM' in the kiosk's time zone: the rota
-- speaks of the village's days, whatever UTC says. `source` tells a row typed by staff from one imported from the
-- feed; an import replaces only feed rows, found again by `source_key` (the event's UID and date).
CREATE TABLE rota_visit (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    doctor_name   TEXT NOT NULL CHECK (length(doctor_name) BETWEEN 1 AND 120),
    doctor_title  TEXT NOT NULL DEFAULT '' CHECK (length(doctor_title) <= 120),
    first_day     TEXT NOT NULL,
    last_day      TEXT NOT NULL CHECK (last_day >= first_day),
    source        TEXT NOT NULL CHECK (source IN ('staff', 'feed')),
    source_key    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX rota_visit_days ON rota_visit(last_day) WHERE deleted_at IS NULL;
CREATE INDEX rota_visit_updated ON rota_visit(updated_at);

CREATE TABLE rota_hours (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    day           TEXT NOT NULL,
    opens         TEXT NOT NULL,
    closes        TEXT NOT NULL CHECK (closes > opens),
    doctor_name   TEXT NOT NULL DEFAULT '' CHECK (length(doctor_name) <= 120),
    source        TEXT NOT NULL CHECK (source IN ('staff', 'feed')),
    source_key    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX rota_hours_day ON rota_hours(day) WHERE deleted_at IS NULL;
CREATE INDEX rota_hours_updated ON rota_hours(updated_at);

CREATE TABLE rota_closure (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    first_day     TEXT NOT NULL,
    last_day      TEXT NOT NULL CHECK (last_day >= first_day),
    reason        TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    source        TEXT NOT NULL CHECK (source IN ('staff', 'feed')),
    source_key    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX rota_closure_days ON rota_closure(last_day) WHERE deleted_at IS NULL;
CREATE INDEX rota_closure_updated ON rota_closure(updated_at);

-- What changes on the day: the doctor is late, or the centre closes early. One live notice per day.
CREATE TABLE rota_day_notice (
    id               TEXT PRIMARY KEY,
    origin_kiosk     TEXT NOT NULL,
    day              TEXT NOT NULL,
    delay_minutes    INTEGER NOT NULL DEFAULT 0 CHECK (delay_minutes BETWEEN 0 AND 600),
    closes_early_at  TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    deleted_at       INTEGER
);
CREATE UNIQUE INDEX rota_day_notice_day ON rota_day_notice(day) WHERE deleted_at IS NULL;
CREATE INDEX rota_day_notice_updated ON rota_day_notice(updated_at);

-- The rota feed as last fetched: validators for conditional requests and the last good copy, kept offline.
CREATE TABLE rota_feed_state (
    url              TEXT PRIMARY KEY,
    etag             TEXT,
    last_modified    TEXT,
    last_good_body   TEXT,
    last_good_at     INTEGER,
    last_attempt_at  INTEGER,
    last_error       TEXT
) WITHOUT ROWID;

-- Messages for staff (a failed import, a changed week), shown in the staff area until acknowledged.
CREATE TABLE staff_notice (
    seq              INTEGER PRIMARY KEY,
    at               INTEGER NOT NULL,
    area             TEXT NOT NULL,
    message          TEXT NOT NULL,
    acknowledged_at  INTEGER
);
CREATE INDEX staff_notice_open ON staff_notice(acknowledged_at, at);

-- Appointments are personal health data: kept on this kiosk only (never synced), purged after the retention
-- period, and never drawn on a public screen. `surname_key` is the surname in capitals without accents or
-- punctuation, for matching the first letters a patient types.
CREATE TABLE appointment (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    starts_at     INTEGER NOT NULL,
    surname       TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 120),
    given_name    TEXT NOT NULL DEFAULT '' CHECK (length(given_name) <= 120),
    surname_key   TEXT NOT NULL,
    birth_date    TEXT,
    phone         TEXT CHECK (length(phone) <= 40),
    code          TEXT CHECK (length(code) <= 16),
    walk_in       INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'booked'
                  CHECK (status IN ('booked', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled')),
    ticket        TEXT,
    arrived_at    INTEGER,
    called_at     INTEGER,
    finished_at   INTEGER,
    source        TEXT NOT NULL CHECK (source IN ('staff', 'csv', 'ical')),
    source_key    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX appointment_check_in ON appointment(birth_date, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX appointment_starts ON appointment(starts_at);
CREATE UNIQUE INDEX appointment_code ON appointment(code) WHERE code IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX appointment_source ON appointment(source, source_key) WHERE source_key IS NOT NULL AND deleted_at IS NULL;

-- A patient's card, linked by the assistant, so that the next check-in is one tap of the card.
CREATE TABLE patient_card (
    card_digest  TEXT PRIMARY KEY,
    surname_key  TEXT NOT NULL,
    birth_date   TEXT NOT NULL,
    created_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- The last ticket number given per day and prefix ("M-012").
CREATE TABLE queue_counter (
    day          TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    last_number  INTEGER NOT NULL,
    PRIMARY KEY (day, prefix)
) WITHOUT ROWID;
