-- migration: service-exchange board: members, their PIN throttles, posts and their search index
-- Members are residents known to the café (the board and the time bank identify them); shared shape, so they
-- carry the sync columns. Nothing but the name is required: many members have no phone, e-mail or card.
-- `name_key` is the name folded (capitals, no accents, no punctuation) for identifying by name and PIN; the card
-- is kept as a digest only, as staff cards are. Consent: what a post may show of its member, and whether the
-- record may travel to the territory's hub once there is one.
CREATE TABLE member (
    id                    TEXT PRIMARY KEY,
    origin_kiosk          TEXT NOT NULL,
    display_name          TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    name_key              TEXT NOT NULL,
    village               TEXT NOT NULL DEFAULT '' CHECK (length(village) <= 80),
    phone                 TEXT CHECK (length(phone) <= 30),
    email                 TEXT CHECK (length(email) <= 120),
    card_digest           TEXT,
    pin_hash              TEXT,
    show_name             INTEGER NOT NULL DEFAULT 1 CHECK (show_name IN (0, 1)),
    show_phone            INTEGER NOT NULL DEFAULT 0 CHECK (show_phone IN (0, 1)),
    share_with_territory  INTEGER NOT NULL DEFAULT 0 CHECK (share_with_territory IN (0, 1)),
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    deleted_at            INTEGER
);
CREATE UNIQUE INDEX member_card ON member(card_digest) WHERE card_digest IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX member_name_key ON member(name_key) WHERE deleted_at IS NULL;
CREATE INDEX member_updated ON member(updated_at);

-- Wrong PINs per member, local (never travels), so that a lockout survives a restart; as staff_login_throttle.
CREATE TABLE member_pin_throttle (
    member_id     TEXT PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- A post: an offer or a request. `status`: pending until the café manager approves it; flagged once someone
-- flags it (off the public board until the manager looks); hidden by the manager. A post leaves the board at
-- `expires_at` and is purged retention.board_posts_days after it. A purged member takes their posts along.
-- `search_rowid` ties the post to its row of board_post_search: a number of our own, because the implicit
-- rowid of a table with a TEXT key may change on VACUUM.
CREATE TABLE board_post (
    id             TEXT PRIMARY KEY,
    origin_kiosk   TEXT NOT NULL,
    search_rowid   INTEGER NOT NULL UNIQUE,
    member_id      TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    direction      TEXT NOT NULL CHECK (direction IN ('offer', 'request')),
    category       TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 40),
    kind           TEXT NOT NULL CHECK (kind IN ('free', 'cesu', 'professional')),
    business_name  TEXT CHECK (length(business_name) <= 80),
    siret          TEXT CHECK (siret IS NULL OR length(siret) = 14),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    body           TEXT NOT NULL CHECK (length(body) <= 1000),
    village        TEXT NOT NULL DEFAULT '' CHECK (length(village) <= 80),
    show_phone     INTEGER NOT NULL DEFAULT 0 CHECK (show_phone IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'flagged', 'hidden')),
    flag_count     INTEGER NOT NULL DEFAULT 0,
    expires_at     INTEGER NOT NULL,
    approved_at    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    deleted_at     INTEGER
);
CREATE INDEX board_post_public ON board_post(direction, category, created_at) WHERE deleted_at IS NULL;
CREATE INDEX board_post_status ON board_post(status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX board_post_member ON board_post(member_id);
CREATE INDEX board_post_expires ON board_post(expires_at);
CREATE INDEX board_post_updated ON board_post(updated_at);

-- Full-text search over the words of a post. Accents and case fold in the tokenizer; the ligatures œ and æ,
-- which unicode61 keeps as letters of their own, are folded here (and in the query, kiosk/services/board/).
-- Apostrophes and hyphens separate words already: « l'école » is indexed as « l » and « ecole ».
CREATE VIRTUAL TABLE board_post_search USING fts5(title, body, business_name,
                                                 tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER board_post_search_insert AFTER INSERT ON board_post BEGIN
    INSERT INTO board_post_search(rowid, title, body, business_name) VALUES (
        new.search_rowid,
        replace(replace(replace(replace(new.title, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'),
        replace(replace(replace(replace(new.body, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'),
        replace(replace(replace(replace(coalesce(new.business_name, ''), 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'));
END;
CREATE TRIGGER board_post_search_update AFTER UPDATE OF title, body, business_name ON board_post BEGIN
    DELETE FROM board_post_search WHERE rowid = old.search_rowid;
    INSERT INTO board_post_search(rowid, title, body, business_name) VALUES (
        new.search_rowid,
        replace(replace(replace(replace(new.title, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'),
        replace(replace(replace(replace(new.body, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'),
        replace(replace(replace(replace(coalesce(new.business_name, ''), 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'));
END;
CREATE TRIGGER board_post_search_delete AFTER DELETE ON board_post BEGIN
    DELETE FROM board_post_search WHERE rowid = old.search_rowid;
END;
