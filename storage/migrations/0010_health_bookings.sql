-- migration: health bookings kept in step with the booking tool, and a waiting list
-- `source_feed` names the feed an appointment came from (a short hash of its address: a private feed's address
-- carries a token), so that one practitioner's feed never cancels another's bookings. `source_starts_at` is the
-- time the source gave last: a later import moves the appointment only when the source's time changed, so that a
-- time corrected at the desk is not put back by the next import.
ALTER TABLE appointment ADD COLUMN source_feed TEXT;
ALTER TABLE appointment ADD COLUMN source_starts_at INTEGER;
CREATE INDEX appointment_source_feed ON appointment(source_feed, starts_at) WHERE source_feed IS NOT NULL AND deleted_at IS NULL;

-- Patients who would take an earlier slot; when a booking is cancelled the assistant calls them. Personal data:
-- kept on this kiosk only, never synced, erased with the appointments' retention period.
CREATE TABLE health_waiting_list (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    surname           TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 120),
    given_name        TEXT NOT NULL DEFAULT '' CHECK (length(given_name) <= 120),
    phone             TEXT NOT NULL CHECK (length(phone) BETWEEN 1 AND 40),
    -- their appointment now, if they have one: a freed slot is offered to them only when it is earlier
    appointment_id    TEXT,
    -- when they can come, as they said it (« les matins »); never the reason of the visit
    availability      TEXT NOT NULL DEFAULT '' CHECK (length(availability) <= 120),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    resolved_at       INTEGER,
    deleted_at        INTEGER
);
CREATE INDEX health_waiting_list_open ON health_waiting_list(created_at) WHERE resolved_at IS NULL AND deleted_at IS NULL;
