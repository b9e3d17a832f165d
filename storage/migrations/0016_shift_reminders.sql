-- migration: the grocery's shift reminders and swap offers: a member's consent to a reminder, a place offered to others
-- `reminder_wanted` is the member's own yes, given at the kiosk when signing up: the day before, a reminder goes
-- through the outbox to their phone or e-mail (the board's), once (`reminded_at`). `offered_at`: the member holding
-- the place offers it for swap (« à reprendre »); it stays theirs, with its hours, until another member takes it.
ALTER TABLE volunteer_shift_signup ADD COLUMN reminder_wanted INTEGER NOT NULL DEFAULT 0 CHECK (reminder_wanted IN (0, 1));
ALTER TABLE volunteer_shift_signup ADD COLUMN offered_at INTEGER;
