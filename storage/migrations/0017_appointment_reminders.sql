-- migration: appointment reminders and delay notices: a patient's e-mail and their consent to messages
-- A patient who gave a phone or an e-mail and said yes (at the desk, or in the booking tool's export) gets a reminder
-- the day before and a notice when the doctor runs late, through the outbox. A phone or an address alone is not a
-- yes: `reminder_consent` is, with when it was given (`reminder_consent_at`, cleared when it is withdrawn).
-- `reminder_sent_at`: the day-before reminder was queued, once. `delay_notice_minutes`: the delay the last notice
-- told of, so that a later announcement sends again only when it changed enough. A moved appointment forgets both.
-- All of it is erased with the appointment's row (retention.appointments_days).
ALTER TABLE appointment ADD COLUMN email TEXT CHECK (length(email) <= 254);
ALTER TABLE appointment ADD COLUMN reminder_consent INTEGER NOT NULL DEFAULT 0 CHECK (reminder_consent IN (0, 1));
ALTER TABLE appointment ADD COLUMN reminder_consent_at INTEGER;
ALTER TABLE appointment ADD COLUMN reminder_sent_at INTEGER;
ALTER TABLE appointment ADD COLUMN delay_notice_minutes INTEGER CHECK (delay_notice_minutes BETWEEN 0 AND 600);
ALTER TABLE appointment ADD COLUMN delay_notice_sent_at INTEGER;
-- Tomorrow's reminders and the next hours' delay notices look among the consenting patients only.
CREATE INDEX appointment_messages ON appointment(starts_at) WHERE reminder_consent = 1 AND deleted_at IS NULL;
