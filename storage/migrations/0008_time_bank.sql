-- migration: time bank: transfers of minutes between members, their movements (append-only) and cached balances
-- A double-entry ledger. A transfer is one exchange recorded at the counter: the member who RECEIVED the service
-- (the payer) pays `minutes` to the member who GAVE it (the provider). It makes exactly two movements, -minutes
-- for the payer and +minutes for the provider, so the movements of the whole ledger always sum to zero.
-- Shared (a hub will merge them by id), but never edited: a transfer and its movements are written once, and a
-- mistake is corrected by a counter-transfer (`corrects_transfer_id`) that moves the minutes back. Hence no
-- deleted_at, and updated_at = created_at. Triggers refuse any UPDATE or DELETE, whoever tries.
-- `idempotency_key` is unique: the counter's screen makes one per confirmation and a script may pass its own, so
-- a double tap or a retried command records the exchange once.
-- Member ids are the board's members (UUIDv7 text); the names live there, not here.
CREATE TABLE time_bank_transfer (
    id                    TEXT PRIMARY KEY,
    origin_kiosk          TEXT NOT NULL,
    idempotency_key       TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 100),
    payer_member_id       TEXT NOT NULL CHECK (length(payer_member_id) BETWEEN 1 AND 64),
    provider_member_id    TEXT NOT NULL CHECK (length(provider_member_id) BETWEEN 1 AND 64
                                               AND provider_member_id <> payer_member_id),
    minutes               INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 100000),
    what                  TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 300),
    category              TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
    -- 'time': paid in time only; 'cesu': also paid by the member with CESU at the agreed hourly rate, recorded as
    -- information for the association (the kiosk handles no money).
    payment               TEXT NOT NULL DEFAULT 'time' CHECK (payment IN ('time', 'cesu')),
    cesu_rate_cents       INTEGER CHECK (cesu_rate_cents IS NULL OR cesu_rate_cents BETWEEN 0 AND 100000),
    corrects_transfer_id  TEXT UNIQUE REFERENCES time_bank_transfer(id),
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL CHECK (updated_at = created_at)
);
CREATE INDEX time_bank_transfer_created ON time_bank_transfer(created_at);
CREATE INDEX time_bank_transfer_updated ON time_bank_transfer(updated_at);

CREATE TABLE time_bank_movement (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    transfer_id   TEXT NOT NULL REFERENCES time_bank_transfer(id),
    member_id     TEXT NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes <> 0),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL CHECK (updated_at = created_at),
    UNIQUE (transfer_id, member_id)
);
CREATE INDEX time_bank_movement_member ON time_bank_movement(member_id, created_at);
CREATE INDEX time_bank_movement_updated ON time_bank_movement(updated_at);

CREATE TRIGGER time_bank_transfer_never_updated BEFORE UPDATE ON time_bank_transfer
BEGIN SELECT RAISE(ABORT, 'a time bank transfer is never changed: record a counter-transfer'); END;
CREATE TRIGGER time_bank_transfer_never_deleted BEFORE DELETE ON time_bank_transfer
BEGIN SELECT RAISE(ABORT, 'a time bank transfer is never deleted: record a counter-transfer'); END;
CREATE TRIGGER time_bank_movement_never_updated BEFORE UPDATE ON time_bank_movement
BEGIN SELECT RAISE(ABORT, 'a time bank movement is never changed: record a counter-transfer'); END;
CREATE TRIGGER time_bank_movement_never_deleted BEFORE DELETE ON time_bank_movement
BEGIN SELECT RAISE(ABORT, 'a time bank movement is never deleted: record a counter-transfer'); END;

-- Local: each member's balance as the sum of their movements, kept with each transfer so that the counter does
-- not add up a member's whole history to show one number. It can always be made again from the movements, and
-- TimeBankStore::checkBalances compares the two.
CREATE TABLE time_bank_balance (
    member_id        TEXT PRIMARY KEY,
    balance_minutes  INTEGER NOT NULL,
    movement_count   INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) WITHOUT ROWID;
