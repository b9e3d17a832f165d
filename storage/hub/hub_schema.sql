-- The territory hub's tables (PostgreSQL 15). Run at every start of village-hub: idempotent.
-- hub_kiosk: one row per credential. The secret is kept as its SHA-256 only. bound_kiosk_id is the kiosk's own
-- id (its kiosk_meta), fixed by its first request, so that a credential works for one kiosk only.
CREATE TABLE IF NOT EXISTS hub_kiosk (
    id              text PRIMARY KEY,
    territory       text NOT NULL CHECK (length(territory) BETWEEN 1 AND 80),
    village         text NOT NULL DEFAULT '' CHECK (length(village) <= 80),
    secret_hash     bytea NOT NULL,
    bound_kiosk_id  text UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    last_seen_at    timestamptz
);
-- Every accepted change, numbered by the hub. replaced_seq names the version this change replaced without its
-- author having seen it (a concurrent edit): that version is the loser, kept here and shown to managers.
CREATE TABLE IF NOT EXISTS hub_change (
    seq           bigserial PRIMARY KEY,
    change_id     text NOT NULL UNIQUE,
    territory     text NOT NULL,
    table_name    text NOT NULL,
    record_id     text NOT NULL,
    from_kiosk    text NOT NULL,
    row_data      jsonb,
    replaced_seq  bigint,
    accepted_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS hub_change_pull ON hub_change (territory, seq);
CREATE INDEX IF NOT EXISTS hub_change_record ON hub_change (table_name, record_id);
-- The head of each record: who made it (origin_kiosk, never changes), which village owns it (village-owned
-- kinds), its territory, its latest version, and when it was deleted (a tombstone, forgotten after the window).
CREATE TABLE IF NOT EXISTS hub_record (
    table_name     text NOT NULL,
    record_id      text NOT NULL,
    territory      text NOT NULL,
    origin_kiosk   text NOT NULL,
    owner_village  text NOT NULL,
    head_seq       bigint NOT NULL,
    head_kiosk     text NOT NULL,
    deleted_at     timestamptz,
    PRIMARY KEY (table_name, record_id)
);
CREATE INDEX IF NOT EXISTS hub_record_deleted ON hub_record (deleted_at) WHERE deleted_at IS NOT NULL;
-- Per territory: below which sequence number tombstones have been forgotten. A kiosk whose cursor is below it
-- pulls again from 0.
CREATE TABLE IF NOT EXISTS hub_territory (
    territory        text PRIMARY KEY,
    forgotten_below  bigint NOT NULL DEFAULT 0
);
