-- migration: postal counter: catalogue with dated prices, sales and their lines, registered letters, day closings
-- Money is in integer cents. `business_day` is the local calendar day 'YYYY-MM-DD' a sale counts in; prices are
-- valid from a local day on. A closed day is frozen: the triggers below refuse any sale, line or change on a day
-- that has its closing row, whatever code tries; a correction is a new sale with negative lines on an open day
-- that names the sale it corrects (`corrects_sale_id`). Shared shape (UUIDv7 ids, origin kiosk, soft delete) so
-- that the counter's books can later travel to the association's hub.
CREATE TABLE postal_item (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    kind          TEXT NOT NULL CHECK (kind IN ('stamp', 'prepaid', 'registered', 'other')),
    with_receipt  INTEGER NOT NULL DEFAULT 0 CHECK (with_receipt IN (0, 1)),
    sort_order    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE UNIQUE INDEX postal_item_code ON postal_item(code) WHERE deleted_at IS NULL;
CREATE INDEX postal_item_updated ON postal_item(updated_at);

-- A price holds from `valid_from` until the next live price of the same item; a replaced one is soft-deleted.
CREATE TABLE postal_price (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    item_id       TEXT NOT NULL REFERENCES postal_item(id),
    valid_from    TEXT NOT NULL CHECK (length(valid_from) = 10),
    price_cents   INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 1000000),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE UNIQUE INDEX postal_price_item_day ON postal_price(item_id, valid_from) WHERE deleted_at IS NULL;
CREATE INDEX postal_price_updated ON postal_price(updated_at);

CREATE TABLE postal_sale (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    business_day      TEXT NOT NULL CHECK (length(business_day) = 10),
    sold_at           INTEGER NOT NULL,
    payment_method    TEXT NOT NULL CHECK (payment_method IN ('cash', 'card', 'cheque')),
    total_cents       INTEGER NOT NULL,
    corrects_sale_id  TEXT REFERENCES postal_sale(id),
    sold_by           TEXT NOT NULL DEFAULT '' CHECK (length(sold_by) <= 120),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER
);
CREATE INDEX postal_sale_day ON postal_sale(business_day, sold_at);
CREATE UNIQUE INDEX postal_sale_correction ON postal_sale(corrects_sale_id) WHERE corrects_sale_id IS NOT NULL;
CREATE INDEX postal_sale_updated ON postal_sale(updated_at);

-- The item's name and price as they were when sold: a later rename or price change leaves the books alone.
CREATE TABLE postal_sale_line (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    sale_id           TEXT NOT NULL REFERENCES postal_sale(id),
    item_id           TEXT NOT NULL REFERENCES postal_item(id),
    item_name         TEXT NOT NULL CHECK (length(item_name) BETWEEN 1 AND 80),
    quantity          INTEGER NOT NULL CHECK (quantity <> 0 AND quantity BETWEEN -999 AND 999),
    unit_price_cents  INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 1000000),
    line_cents        INTEGER NOT NULL CHECK (line_cents = quantity * unit_price_cents),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER
);
CREATE INDEX postal_sale_line_sale ON postal_sale_line(sale_id);
CREATE INDEX postal_sale_line_updated ON postal_sale_line(updated_at);

-- Registered letters handed over, by their number (no sender or recipient name; the town is optional). Purged
-- after retention.postal_registered_days; the day's count stays in its closing row.
CREATE TABLE postal_registered_letter (
    id              TEXT PRIMARY KEY,
    origin_kiosk    TEXT NOT NULL,
    sale_id         TEXT NOT NULL REFERENCES postal_sale(id),
    number          TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 20),
    recipient_town  TEXT NOT NULL DEFAULT '' CHECK (length(recipient_town) <= 80),
    with_receipt    INTEGER NOT NULL DEFAULT 0 CHECK (with_receipt IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER
);
CREATE INDEX postal_registered_letter_sale ON postal_registered_letter(sale_id);
CREATE INDEX postal_registered_letter_number ON postal_registered_letter(number);
CREATE INDEX postal_registered_letter_created ON postal_registered_letter(created_at);

-- One row per closed day, with the figures as they were at closing (the cash-on-delivery total comes from the
-- relay point and is copied here, so that the printed report can be printed again the same).
CREATE TABLE postal_day_closing (
    id                  TEXT PRIMARY KEY,
    origin_kiosk        TEXT NOT NULL,
    business_day        TEXT NOT NULL CHECK (length(business_day) = 10),
    closed_at           INTEGER NOT NULL,
    closed_by           TEXT NOT NULL DEFAULT '' CHECK (length(closed_by) <= 120),
    sale_count          INTEGER NOT NULL,
    total_cents         INTEGER NOT NULL,
    registered_count    INTEGER NOT NULL,
    cod_cents           INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    deleted_at          INTEGER
);
CREATE UNIQUE INDEX postal_day_closing_day ON postal_day_closing(business_day);
CREATE INDEX postal_day_closing_updated ON postal_day_closing(updated_at);

CREATE TRIGGER postal_closing_frozen_update BEFORE UPDATE ON postal_day_closing
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
CREATE TRIGGER postal_closing_frozen_delete BEFORE DELETE ON postal_day_closing
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;

CREATE TRIGGER postal_sale_closed_insert BEFORE INSERT ON postal_sale
WHEN EXISTS (SELECT 1 FROM postal_day_closing WHERE business_day = NEW.business_day)
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
CREATE TRIGGER postal_sale_closed_update BEFORE UPDATE ON postal_sale
WHEN EXISTS (SELECT 1 FROM postal_day_closing WHERE business_day IN (OLD.business_day, NEW.business_day))
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
CREATE TRIGGER postal_sale_closed_delete BEFORE DELETE ON postal_sale
WHEN EXISTS (SELECT 1 FROM postal_day_closing WHERE business_day = OLD.business_day)
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;

CREATE TRIGGER postal_line_closed_insert BEFORE INSERT ON postal_sale_line
WHEN EXISTS (SELECT 1 FROM postal_sale s JOIN postal_day_closing c ON c.business_day = s.business_day
             WHERE s.id = NEW.sale_id)
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
CREATE TRIGGER postal_line_closed_update BEFORE UPDATE ON postal_sale_line
WHEN EXISTS (SELECT 1 FROM postal_sale s JOIN postal_day_closing c ON c.business_day = s.business_day
             WHERE s.id IN (OLD.sale_id, NEW.sale_id))
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
CREATE TRIGGER postal_line_closed_delete BEFORE DELETE ON postal_sale_line
WHEN EXISTS (SELECT 1 FROM postal_sale s JOIN postal_day_closing c ON c.business_day = s.business_day
             WHERE s.id = OLD.sale_id)
BEGIN SELECT RAISE(ABORT, 'postal day closed'); END;
