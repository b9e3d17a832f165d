-- migration: kiosk core: metadata, staff accounts, audit log, village information
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
