-- migration: orders at the counter: suppliers and their catalogues, orders, standing orders, customers' accounts
-- The bread depot and the grocery's orders from local producers (docs/orders.md). Suppliers, items, orders and
-- standing orders are shared records (sync columns, soft deletes). `delivery_days` is a comma list of "mon" …
-- "sun"; an order for day D must be in before `cutoff_time` (local "HH:MM") `cutoff_days_before` days earlier
-- (1: "before 18:00 for tomorrow").
CREATE TABLE orders_supplier (
    id                  TEXT PRIMARY KEY,
    origin_kiosk        TEXT NOT NULL,
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    email               TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 120),
    delivery_days       TEXT NOT NULL CHECK (length(delivery_days) BETWEEN 3 AND 27),
    cutoff_time         TEXT NOT NULL CHECK (length(cutoff_time) = 5),
    cutoff_days_before  INTEGER NOT NULL DEFAULT 1 CHECK (cutoff_days_before BETWEEN 0 AND 14),
    -- Whether the supplier's list names each customer (the grocery's producers) or gives totals only (the baker).
    list_per_customer   INTEGER NOT NULL DEFAULT 0 CHECK (list_per_customer IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    deleted_at          INTEGER
);
CREATE INDEX orders_supplier_updated ON orders_supplier(updated_at);

-- A supplier's holidays, first and last day included ("YYYY-MM-DD").
CREATE TABLE orders_supplier_holiday (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    supplier_id   TEXT NOT NULL REFERENCES orders_supplier(id),
    first_day     TEXT NOT NULL CHECK (length(first_day) = 10),
    last_day      TEXT NOT NULL CHECK (length(last_day) = 10 AND last_day >= first_day),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX orders_supplier_holiday_supplier ON orders_supplier_holiday(supplier_id) WHERE deleted_at IS NULL;
CREATE INDEX orders_supplier_holiday_updated ON orders_supplier_holiday(updated_at);

-- An item of a catalogue. `sold` 0: no longer sold (kept, so that past orders still name it).
CREATE TABLE orders_item (
    id            TEXT PRIMARY KEY,
    origin_kiosk  TEXT NOT NULL,
    supplier_id   TEXT NOT NULL REFERENCES orders_supplier(id),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    price_cents   INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 1000000),
    sold          INTEGER NOT NULL DEFAULT 1 CHECK (sold IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX orders_item_supplier ON orders_item(supplier_id);
CREATE INDEX orders_item_updated ON orders_item(updated_at);

-- A standing order: `quantity` of one item on each of `weekdays` (comma list), from `first_day` on, until
-- `ended_at`. Each delivery day it makes an order (orders_order.standing_order_id) once.
CREATE TABLE orders_standing_order (
    id                  TEXT PRIMARY KEY,
    origin_kiosk        TEXT NOT NULL,
    supplier_id         TEXT NOT NULL REFERENCES orders_supplier(id),
    item_id             TEXT NOT NULL REFERENCES orders_item(id),
    customer_member_id  TEXT CHECK (customer_member_id IS NULL OR length(customer_member_id) BETWEEN 1 AND 64),
    customer_name       TEXT NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 80),
    quantity            INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    weekdays            TEXT NOT NULL CHECK (length(weekdays) BETWEEN 3 AND 27),
    first_day           TEXT NOT NULL CHECK (length(first_day) = 10),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    deleted_at          INTEGER
);
CREATE INDEX orders_standing_order_supplier ON orders_standing_order(supplier_id) WHERE deleted_at IS NULL;
CREATE INDEX orders_standing_order_updated ON orders_standing_order(updated_at);

-- A pause of a standing order (the customer's holidays), first and last day included.
CREATE TABLE orders_standing_pause (
    id                 TEXT PRIMARY KEY,
    origin_kiosk       TEXT NOT NULL,
    standing_order_id  TEXT NOT NULL REFERENCES orders_standing_order(id) ON DELETE CASCADE,
    first_day          TEXT NOT NULL CHECK (length(first_day) = 10),
    last_day           TEXT NOT NULL CHECK (length(last_day) = 10 AND last_day >= first_day),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    deleted_at         INTEGER
);
CREATE INDEX orders_standing_pause_order ON orders_standing_pause(standing_order_id) WHERE deleted_at IS NULL;
CREATE INDEX orders_standing_pause_updated ON orders_standing_pause(updated_at);

-- An order for one supplier's delivery day. The customer is a board member (`customer_member_id`) or a name
-- the manager typed for a one-off order; `customer_name` keeps the name as it was at the order. `dedupe_key`
-- is unique: the kiosk makes one per confirmation (a double tap orders once), a standing order uses
-- "standing:<id>:<day>". `state`: open until collected or cancelled. `payment` says how it was paid when it
-- was collected; 'account' put it on the customer's account (orders_account_entry).
CREATE TABLE orders_order (
    id                  TEXT PRIMARY KEY,
    origin_kiosk        TEXT NOT NULL,
    dedupe_key          TEXT NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 120),
    supplier_id         TEXT NOT NULL REFERENCES orders_supplier(id),
    customer_member_id  TEXT CHECK (customer_member_id IS NULL OR length(customer_member_id) BETWEEN 1 AND 64),
    customer_name       TEXT NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 80),
    delivery_day        TEXT NOT NULL CHECK (length(delivery_day) = 10),
    standing_order_id   TEXT,  -- not a reference: an ended standing order is purged before its orders
    placed_by           TEXT NOT NULL CHECK (placed_by IN ('kiosk', 'counter', 'standing')),
    state               TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'collected', 'cancelled')),
    payment             TEXT CHECK (payment IS NULL OR payment IN ('cash', 'card', 'cheque', 'account')),
    total_cents         INTEGER NOT NULL CHECK (total_cents >= 0),
    collected_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    deleted_at          INTEGER
);
CREATE INDEX orders_order_day ON orders_order(supplier_id, delivery_day);
CREATE INDEX orders_order_delivery_day ON orders_order(delivery_day);
CREATE INDEX orders_order_customer ON orders_order(customer_member_id);
CREATE INDEX orders_order_updated ON orders_order(updated_at);

-- An order's lines, with the item's name and price as they were when ordered. Written with the order, never
-- changed; purged with their order (retention.orders_days, once it was collected or cancelled).
CREATE TABLE orders_order_line (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    order_id          TEXT NOT NULL REFERENCES orders_order(id) ON DELETE CASCADE,
    item_id           TEXT NOT NULL REFERENCES orders_item(id),
    item_name         TEXT NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    unit_price_cents  INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (order_id, item_id)
);
CREATE INDEX orders_order_line_updated ON orders_order_line(updated_at);

-- A member's account with the café, as a ledger: an order put on the account is a charge (+cents, the member
-- owes it), a settlement is an entry of its own (-cents). Never edited, never deleted (triggers), as the time
-- bank's transfers: a mistake is corrected by another entry. `idempotency_key` is unique. `order_id` names the
-- order charged without referencing it: the order is purged after its retention period, the entry stays.
CREATE TABLE orders_account_entry (
    id                TEXT PRIMARY KEY,
    origin_kiosk      TEXT NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 120),
    member_id         TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
    kind              TEXT NOT NULL CHECK (kind IN ('charge', 'settlement', 'correction')),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents <> 0 AND amount_cents BETWEEN -10000000 AND 10000000),
    order_id          TEXT,
    payment           TEXT CHECK (payment IS NULL OR payment IN ('cash', 'card', 'cheque')),
    note              TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL CHECK (updated_at = created_at)
);
CREATE INDEX orders_account_entry_member ON orders_account_entry(member_id, created_at);
CREATE INDEX orders_account_entry_updated ON orders_account_entry(updated_at);
CREATE TRIGGER orders_account_entry_never_updated BEFORE UPDATE ON orders_account_entry
BEGIN SELECT RAISE(ABORT, 'an account entry is never changed: record a correction'); END;
CREATE TRIGGER orders_account_entry_never_deleted BEFORE DELETE ON orders_account_entry
BEGIN SELECT RAISE(ABORT, 'an account entry is never deleted: record a correction'); END;

-- Local: the supplier lists already printed and sent at their cut-off, so that a restart sends none twice.
CREATE TABLE orders_list_dispatch (
    supplier_id    TEXT NOT NULL,
    delivery_day   TEXT NOT NULL,
    dispatched_at  INTEGER NOT NULL,
    order_count    INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, delivery_day)
) WITHOUT ROWID;
