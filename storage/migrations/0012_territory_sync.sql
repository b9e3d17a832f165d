-- migration: territory hub: the outbox of shared changes, the pull cursor, and what sync replaced or was refused
-- Every change to a shared table is written into sync_change by the triggers below, in the same transaction as the
-- change itself, so that a change is either stored and queued for the hub or not made at all. The outbox keeps
-- only which record changed: the row is read when it is pushed, so three edits before a push travel as one.
-- `base_seq` is the hub's sequence number of the version this kiosk last had of the record (sync_record_seq):
-- the hub compares it with its own head to tell a concurrent edit from a follow-up (docs/hub.md).
-- Changes pulled from the hub are applied with sync_apply_flag.applying = 1 inside the applying transaction, so
-- that the triggers do not send them back.
-- A table joins sync with one line in storage/shared_tables.cpp and its capture triggers in its own migration,
-- written as these are (insert, update, delete; append-only tables only insert).
CREATE TABLE sync_change (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id   TEXT NOT NULL UNIQUE,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    base_seq    INTEGER NOT NULL DEFAULT 0,
    changed_at  INTEGER NOT NULL
);
CREATE INDEX sync_change_record ON sync_change(table_name, record_id);

CREATE TABLE sync_apply_flag (
    only_row  INTEGER PRIMARY KEY CHECK (only_row = 1),
    applying  INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
);
INSERT INTO sync_apply_flag(only_row, applying) VALUES (1, 0);

-- The hub's sequence number of the version of each record this kiosk holds.
CREATE TABLE sync_record_seq (
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (table_name, record_id)
) WITHOUT ROWID;

-- Where the last pull stopped, and how the last rounds went (the staff's « last synchronised » line).
CREATE TABLE sync_state (
    only_row          INTEGER PRIMARY KEY CHECK (only_row = 1),
    pulled_up_to      INTEGER NOT NULL DEFAULT 0,
    last_success_at   INTEGER,
    last_attempt_at   INTEGER,
    last_error        TEXT,
    last_pushed       INTEGER NOT NULL DEFAULT 0,
    last_pulled       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state(only_row) VALUES (1);

-- What sync replaced or could not do, for the manager: `lost` is a version of a record that another kiosk's
-- concurrent edit replaced (last accepted change wins; the loser is kept here with its row), `refused` a local
-- change the hub would not take (with its reason), `held` a pulled change that cannot be applied yet (a post
-- whose member has not arrived): held changes are tried again each round and removed once applied.
CREATE TABLE sync_history (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('lost', 'refused', 'held')),
    table_name   TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    change_id    TEXT,
    other_kiosk  TEXT,
    detail       TEXT NOT NULL DEFAULT '',
    row_json     TEXT
);
CREATE INDEX sync_history_kind ON sync_history(kind, at);

-- Members travel only once they agreed to (share_with_territory); a member who withdraws travels once more, as a
-- tombstone. Posts travel when their member shares.
CREATE TRIGGER sync_capture_member_insert AFTER INSERT ON member
WHEN (SELECT applying FROM sync_apply_flag) = 0 AND new.share_with_territory = 1
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'member', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'member' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_member_update AFTER UPDATE ON member
WHEN (SELECT applying FROM sync_apply_flag) = 0 AND (new.share_with_territory = 1 OR old.share_with_territory = 1)
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'member', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'member' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_member_delete AFTER DELETE ON member
WHEN (SELECT applying FROM sync_apply_flag) = 0 AND old.share_with_territory = 1
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'member', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'member' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_board_post_insert AFTER INSERT ON board_post
WHEN (SELECT applying FROM sync_apply_flag) = 0 AND (SELECT share_with_territory FROM member WHERE id = new.member_id) = 1
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'board_post', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'board_post' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_board_post_update AFTER UPDATE ON board_post
WHEN (SELECT applying FROM sync_apply_flag) = 0 AND (SELECT share_with_territory FROM member WHERE id = new.member_id) = 1
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'board_post', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'board_post' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
-- A purged post's member may be gone already (the purge takes a member's posts along): sent whatever.
CREATE TRIGGER sync_capture_board_post_delete AFTER DELETE ON board_post
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'board_post', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'board_post' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
-- The time bank's ledger is append-only: only inserts travel, and a duplicate is a no-op at the hub.
CREATE TRIGGER sync_capture_time_bank_transfer_insert AFTER INSERT ON time_bank_transfer
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'time_bank_transfer', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'time_bank_transfer' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_time_bank_movement_insert AFTER INSERT ON time_bank_movement
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'time_bank_movement', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'time_bank_movement' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
