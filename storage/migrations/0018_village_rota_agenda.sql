-- migration: territory hub: each village's rota and agenda travel, owned by their village
-- The rota (migration 2) and the agenda's events (migration 11) are shared as village-owned records: only the
-- kiosks of the village that published one write it (the hub refuses the others, storage/hub/hub_store.cpp).
-- `village` names the owning village as the hub knows it (`village-hub add-kiosk --village`); NULL is this kiosk's
-- own village, which is what every row written here is, so every query of this kiosk's own rota and agenda keeps
-- its meaning with `village IS NULL`. The hub writes the owner's name into every row it hands out, and a kiosk
-- applying a pulled row of its own village stores NULL again (sync_state.village, from the hub's answer).
-- Sign-ups (agenda_signup) do not travel: they hold residents' names and are made at the village's own café.
ALTER TABLE rota_visit ADD COLUMN village TEXT CHECK (village IS NULL OR length(village) <= 80);
ALTER TABLE rota_hours ADD COLUMN village TEXT CHECK (village IS NULL OR length(village) <= 80);
ALTER TABLE rota_closure ADD COLUMN village TEXT CHECK (village IS NULL OR length(village) <= 80);
ALTER TABLE rota_day_notice ADD COLUMN village TEXT CHECK (village IS NULL OR length(village) <= 80);
ALTER TABLE agenda_event ADD COLUMN village TEXT CHECK (village IS NULL OR length(village) <= 80);

-- One live notice per day and village: a neighbour's « the doctor is late » is not this centre's.
DROP INDEX rota_day_notice_day;
CREATE UNIQUE INDEX rota_day_notice_day ON rota_day_notice(coalesce(village, ''), day) WHERE deleted_at IS NULL;

-- This kiosk's village as the hub last named it in a pull's answer; NULL until the first pull.
ALTER TABLE sync_state ADD COLUMN village TEXT;

-- Every change travels, a neighbour's row edited here included: the hub refuses it and the refusal is kept in
-- sync_history for the manager, the way a refused change of any table is.
CREATE TRIGGER sync_capture_rota_visit_insert AFTER INSERT ON rota_visit
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_visit', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_visit' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_visit_update AFTER UPDATE ON rota_visit
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_visit', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_visit' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_visit_delete AFTER DELETE ON rota_visit
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_visit', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_visit' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_hours_insert AFTER INSERT ON rota_hours
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_hours', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_hours' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_hours_update AFTER UPDATE ON rota_hours
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_hours', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_hours' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_hours_delete AFTER DELETE ON rota_hours
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_hours', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_hours' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_closure_insert AFTER INSERT ON rota_closure
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_closure', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_closure' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_closure_update AFTER UPDATE ON rota_closure
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_closure', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_closure' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_closure_delete AFTER DELETE ON rota_closure
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_closure', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_closure' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_day_notice_insert AFTER INSERT ON rota_day_notice
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_day_notice', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_day_notice' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_day_notice_update AFTER UPDATE ON rota_day_notice
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_day_notice', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_day_notice' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_rota_day_notice_delete AFTER DELETE ON rota_day_notice
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'rota_day_notice', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'rota_day_notice' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_agenda_event_insert AFTER INSERT ON agenda_event
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'agenda_event', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'agenda_event' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_agenda_event_update AFTER UPDATE ON agenda_event
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'agenda_event', new.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'agenda_event' AND record_id = new.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER sync_capture_agenda_event_delete AFTER DELETE ON agenda_event
WHEN (SELECT applying FROM sync_apply_flag) = 0
BEGIN
    INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) VALUES (
        lower(hex(randomblob(16))), 'agenda_event', old.id,
        coalesce((SELECT seq FROM sync_record_seq WHERE table_name = 'agenda_event' AND record_id = old.id), 0),
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- What this kiosk already published before sharing: its rota and agenda from a week ago on are queued once, so
-- that the neighbours see them at the first round rather than at their next edit. Older rows stay here.
INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at)
    SELECT lower(hex(randomblob(16))), 'rota_visit', id, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM rota_visit WHERE deleted_at IS NULL AND last_day >= date('now', '-7 days');
INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at)
    SELECT lower(hex(randomblob(16))), 'rota_hours', id, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM rota_hours WHERE deleted_at IS NULL AND day >= date('now', '-7 days');
INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at)
    SELECT lower(hex(randomblob(16))), 'rota_closure', id, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM rota_closure WHERE deleted_at IS NULL AND last_day >= date('now', '-7 days');
INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at)
    SELECT lower(hex(randomblob(16))), 'rota_day_notice', id, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM rota_day_notice WHERE deleted_at IS NULL AND day >= date('now', '-7 days');
INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at)
    SELECT lower(hex(randomblob(16))), 'agenda_event', id, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM agenda_event WHERE deleted_at IS NULL AND day >= date('now', '-7 days');
