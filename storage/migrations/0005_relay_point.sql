-- migration: relay point: carriers, parcels in and out, handovers to the carriers' drivers
-- Carriers are data the café manager edits: their terms change (Mondial Relay went from 14 to 8 to 5 days), so the
-- defaults below are dated in docs/relay.md. `code` is the short name the command line and the tracking-number
-- rules use ("mondial-relay"); `hold_basis` says whether the hold period counts calendar days or the café's
-- opening days.
CREATE TABLE parcel_carrier (
    id                    TEXT PRIMARY KEY,
    origin_kiosk          TEXT NOT NULL,
    code                  TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    hold_days             INTEGER NOT NULL CHECK (hold_days BETWEEN 1 AND 60),
    hold_basis            TEXT NOT NULL CHECK (hold_basis IN ('calendar', 'opening')),
    reminder_days_before  INTEGER NOT NULL DEFAULT 2 CHECK (reminder_days_before BETWEEN 0 AND 30),
    max_weight_grams      INTEGER CHECK (max_weight_grams > 0),
    max_length_cm         INTEGER CHECK (max_length_cm > 0),
    return_rules          TEXT NOT NULL DEFAULT '' CHECK (length(return_rules) <= 500),
    collects_cod          INTEGER NOT NULL DEFAULT 0 CHECK (collects_cod IN (0, 1)),
    terms_dated           TEXT NOT NULL DEFAULT '',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    deleted_at            INTEGER
);
CREATE UNIQUE INDEX parcel_carrier_code ON parcel_carrier(code) WHERE deleted_at IS NULL;
CREATE INDEX parcel_carrier_updated ON parcel_carrier(updated_at);

-- The carriers' published terms as of 2026-12 (docs/relay.md); the manager corrects them on screen when they change.
INSERT INTO parcel_carrier (id, origin_kiosk, code, name, hold_days, hold_basis, reminder_days_before, max_weight_grams,
                            max_length_cm, return_rules, collects_cod, terms_dated, created_at, updated_at) VALUES
    ('0190a000-0000-7000-8000-000000000001', 'defaults', 'mondial-relay', 'Mondial Relay', 5, 'calendar', 2, 30000, 150,
     'Non retirés : rendus au chauffeur Mondial Relay à son passage suivant.', 0, '2026-12', 0, 0),
    ('0190a000-0000-7000-8000-000000000002', 'defaults', 'chronopost', 'Pickup / Chronopost', 8, 'calendar', 2, 20000, 150,
     'Non retirés : rendus au chauffeur Chronopost (Pickup).', 1, '2026-12', 0, 0),
    ('0190a000-0000-7000-8000-000000000003', 'defaults', 'colissimo', 'Colissimo', 10, 'calendar', 3, 30000, 150,
     'Non retirés : rendus au facteur avec le bordereau de retour.', 1, '2026-12', 0, 0),
    ('0190a000-0000-7000-8000-000000000004', 'defaults', 'dpd', 'DPD Relais', 7, 'calendar', 2, 20000, 100,
     'Non retirés : rendus au chauffeur DPD.', 0, '2026-12', 0, 0),
    ('0190a000-0000-7000-8000-000000000005', 'defaults', 'packeta', 'Packeta', 7, 'calendar', 2, 15000, 120,
     'Délai prolongeable une fois à la demande du destinataire ; non retirés : rendus au chauffeur.', 1, '2026-12', 0, 0),
    ('0190a000-0000-7000-8000-000000000006', 'defaults', 'autre', 'Autre transporteur', 7, 'calendar', 2, NULL, NULL,
     '', 0, '2026-12', 0, 0);

-- A handover to a carrier's driver: the day's returns or outgoing parcels, with the driver's signature if given.
CREATE TABLE parcel_handover (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    carrier_id        TEXT NOT NULL REFERENCES parcel_carrier(id),
    kind              TEXT NOT NULL CHECK (kind IN ('return', 'outgoing')),
    parcel_count      INTEGER NOT NULL,
    staff_name        TEXT NOT NULL DEFAULT '',
    driver_signature  BLOB,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER
);
CREATE INDEX parcel_handover_updated ON parcel_handover(updated_at);
CREATE INDEX parcel_handover_created ON parcel_handover(created_at);

-- A parcel in (received for a resident) or out (dropped off, prepaid, for a carrier). Personal data: the
-- recipient's name, phone and e-mail, who collected it; purged `retention.parcels_days` after it left the café
-- (`closed_at`). Never the number of an identity document: only that one was checked, and by whom.
-- `deadline_day` is the local day of the last day of the hold period, already moved off closed days.
-- `signature` holds the recipient's strokes as little-endian int16 x,y pairs, (-1,-1) between strokes.
CREATE TABLE parcel (
    id                 TEXT PRIMARY KEY,
    origin_kiosk       TEXT NOT NULL,
    direction          TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    carrier_id         TEXT NOT NULL REFERENCES parcel_carrier(id),
    tracking           TEXT NOT NULL CHECK (length(tracking) BETWEEN 1 AND 40),
    status             TEXT NOT NULL
                       CHECK (status IN ('on_shelf', 'picked_up', 'returned', 'deposited', 'collected')),
    recipient_name     TEXT NOT NULL DEFAULT '' CHECK (length(recipient_name) <= 120),
    recipient_phone    TEXT CHECK (length(recipient_phone) <= 40),
    recipient_email    TEXT CHECK (length(recipient_email) <= 254),
    shelf_place        TEXT CHECK (length(shelf_place) <= 16),
    pickup_code        TEXT CHECK (length(pickup_code) <= 16),
    received_at        INTEGER NOT NULL,
    deadline_day       TEXT,
    cod_cents          INTEGER NOT NULL DEFAULT 0 CHECK (cod_cents >= 0),
    picked_up_at       INTEGER,
    collected_by_name  TEXT CHECK (length(collected_by_name) <= 120),
    id_checked_by      TEXT CHECK (length(id_checked_by) <= 120),
    signature          BLOB,
    handover_id        TEXT REFERENCES parcel_handover(id),
    reminder_queued    INTEGER NOT NULL DEFAULT 0 CHECK (reminder_queued IN (0, 1)),
    last_day_queued    INTEGER NOT NULL DEFAULT 0 CHECK (last_day_queued IN (0, 1)),
    closed_at          INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    deleted_at         INTEGER
);
-- The scanner's lookup, and "already on the shelf": one live parcel per number on the shelf.
CREATE INDEX parcel_tracking ON parcel(tracking);
CREATE UNIQUE INDEX parcel_tracking_on_shelf ON parcel(tracking) WHERE status = 'on_shelf' AND deleted_at IS NULL;
-- The code typed at the kiosk names one parcel set on the shelf at a time.
CREATE INDEX parcel_code_on_shelf ON parcel(pickup_code) WHERE status = 'on_shelf' AND deleted_at IS NULL;
-- The morning's returns, the reminders and the shelf list.
CREATE INDEX parcel_on_shelf_deadline ON parcel(deadline_day, shelf_place) WHERE status = 'on_shelf' AND deleted_at IS NULL;
CREATE INDEX parcel_on_shelf_place ON parcel(shelf_place) WHERE status = 'on_shelf' AND deleted_at IS NULL;
CREATE INDEX parcel_deposited ON parcel(carrier_id, received_at) WHERE status = 'deposited' AND deleted_at IS NULL;
CREATE INDEX parcel_picked_up ON parcel(picked_up_at) WHERE picked_up_at IS NOT NULL;
CREATE INDEX parcel_by_handover ON parcel(handover_id) WHERE handover_id IS NOT NULL;
CREATE INDEX parcel_closed ON parcel(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX parcel_updated ON parcel(updated_at);
