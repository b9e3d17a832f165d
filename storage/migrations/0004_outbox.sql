-- migration: outbox: messages to residents (e-mail, SMS), stored with what caused them and sent later
-- Local: a message belongs to this kiosk's notifications and never travels; it holds a phone number or an e-mail
-- address, so it is purged after retention.outbox_days. A message is written in the same transaction as the
-- change it tells of (a parcel received), so neither exists without the other. The worker sends it later and
-- retries while the network is down. Its id is also the e-mail's Message-ID and the SMS gateway's idempotency
-- key, so a message interrupted mid-send goes again under the same id and the far end can drop the copy.
-- `dedupe_key` (unique) makes "the arrival notice of parcel X by SMS" a message that can be queued only once.
CREATE TABLE outbox_message (
    id               TEXT PRIMARY KEY,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    related_id       TEXT,
    dedupe_key       TEXT UNIQUE,
    state            TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_message_due ON outbox_message(state, next_attempt_at);
CREATE INDEX outbox_message_related ON outbox_message(related_id);
CREATE INDEX outbox_message_created ON outbox_message(created_at);
