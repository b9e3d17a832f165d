#include "storage/migrations.h"

#include <array>

namespace vk::storage {
namespace {

// Conventions (docs/storage.md):
// - A record that kiosks may one day share through a hub has `id TEXT` (UUID v7), `origin_kiosk`, `created_at`,
//   `updated_at` and `deleted_at` (a soft delete; NULL while the record is live). Times are INTEGER ms UTC.
// - Local-only tables (audit, throttles) use an integer key and are never synced.
constexpr Migration kMigrations[] = {
    {1, "kiosk core: metadata, staff accounts, audit log, village information", R"sql(
CREATE TABLE kiosk_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE staff_account (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    role          TEXT NOT NULL CHECK (role IN ('medical_assistant', 'cafe_manager', 'admin')),
    pin_hash      TEXT NOT NULL,
    card_digest   TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE UNIQUE INDEX staff_account_card ON staff_account(card_digest)
    WHERE card_digest IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX staff_account_updated ON staff_account(updated_at);

-- Wrong PINs per account, kept apart from the account so that a lockout survives a restart
-- and never travels with the account record.
CREATE TABLE staff_login_throttle (
    account_id    TEXT PRIMARY KEY REFERENCES staff_account(id) ON DELETE CASCADE,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE village_info (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    body          TEXT NOT NULL CHECK (length(body) <= 4000),
    sort_order    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX village_info_updated ON village_info(updated_at);
)sql"},
    {2, "health centre: doctor rota, feed state, staff notices, appointments and queue tickets", R"sql(
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
)sql"},
    {3, "print queue: receipts waiting for the printer and those printed lately", R"sql(
-- Local: a job belongs to this kiosk's printer and never travels. Both encodings are made when the receipt is
-- handed over, so a reprint after an uncertain end (the cable came out mid-job, a restart while printing) needs
-- neither the workflow nor the encoder: it prints `duplicate_bytes`, the same receipt marked DUPLICATA.
-- `uncertain` says that some bytes may already have reached the printer; it stays set until the job is done.
-- Job numbers are never reused (AUTOINCREMENT): staff and the log may still speak of a purged job.
CREATE TABLE print_job (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    bytes            BLOB NOT NULL,
    duplicate_bytes  BLOB NOT NULL,
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'printing', 'done', 'failed')),
    uncertain        INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    last_error       TEXT
);
CREATE INDEX print_job_state ON print_job(state, id);
CREATE INDEX print_job_finished ON print_job(finished_at);
)sql"},
};

}  // namespace

std::span<const Migration> allMigrations() { return kMigrations; }

}  // namespace vk::storage
