-- migration: the impact report's kept counts: each past day's uses of each service, kept before retention erases
-- the records they were counted from (an appointment lives 30 days, a funder's report covers a year). Counts only,
-- nobody's name or id. `minutes` is time given where a use is time (volunteer shifts, the time bank).
CREATE TABLE impact_day_count (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    day           TEXT NOT NULL CHECK (length(day) = 10),
    service       TEXT NOT NULL CHECK (length(service) BETWEEN 1 AND 40),
    kind          TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    uses          INTEGER NOT NULL CHECK (uses >= 0),
    minutes       INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER,
    UNIQUE (origin_kiosk, day, service, kind)
);
CREATE INDEX impact_day_count_updated ON impact_day_count(updated_at);
