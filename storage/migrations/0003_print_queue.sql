-- migration: print queue: receipts waiting for the printer and those printed lately
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
