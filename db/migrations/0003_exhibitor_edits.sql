-- Exhibitors edit their own entries at a kiosk, even offline (issue: exhibitor edits; docs/security.md).

-- Two lines an exhibitor keeps current during the forum: opening hours at the booth, and "today at our booth".
ALTER TABLE exhibitors ADD COLUMN hours_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE exhibitors ADD COLUMN hours_en TEXT NOT NULL DEFAULT '';
ALTER TABLE exhibitors ADD COLUMN today_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE exhibitors ADD COLUMN today_en TEXT NOT NULL DEFAULT '';

-- PIN verifiers, synced from the hub, so this kiosk can check an exhibitor's PIN without a network.
-- Never a PIN, never a signing key: those cannot be recovered from these values except by guessing (scrypt).
CREATE TABLE exhibitor_pins (
  exhibitor_id    TEXT PRIMARY KEY,
  verify_salt     TEXT NOT NULL,
  verifier        TEXT NOT NULL,
  sign_salt       TEXT NOT NULL,
  kdf             TEXT NOT NULL,           -- JSON: {"algorithm":"scrypt","n":…,"r":…,"p":…,"keyLength":…}
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Staff decisions on edits that waited for review, synced from the hub; joined with the outbox by mutation id, so an
-- exhibitor sees what became of an edit made here.
CREATE TABLE edit_reviews (
  mutation_id     TEXT PRIMARY KEY,
  exhibitor_id    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('approved', 'rejected')),
  reason          TEXT NOT NULL DEFAULT '',
  decided_at      INTEGER NOT NULL,        -- hub clock, Unix ms
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Wrong PINs on this kiosk, per exhibitor: the growing delay survives a restart (electron/core/auth/throttle.ts).
CREATE TABLE pin_attempts (
  subject         TEXT PRIMARY KEY,        -- 'exhibitor:<id>'
  failures        INTEGER NOT NULL DEFAULT 0,
  wait_until      INTEGER NOT NULL DEFAULT 0 -- the kiosk's clock, Unix ms; a clock set back never stretches the wait
) STRICT;

-- The outbox learns a fifth answer ('review': the hub holds the edit for staff) and who made each edit.
CREATE TABLE outbox_next (
  order_no        INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,             -- JSON
  created_at      TEXT NOT NULL,             -- the kiosk's clock, for people to read; never used for ordering
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected', 'conflict', 'review')),
  result          TEXT,                      -- the hub's answer (JSON)
  attempts        INTEGER NOT NULL DEFAULT 0,
  exhibitor_id    TEXT                       -- the exhibitor whose session made the edit
) STRICT;
INSERT INTO outbox_next (order_no, id, kind, payload, created_at, status, result, attempts, exhibitor_id)
  SELECT order_no, id, kind, payload, created_at, status, result, attempts, json_extract(payload, '$.exhibitorId') FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_status ON outbox (status, order_no);
CREATE INDEX outbox_exhibitor ON outbox (exhibitor_id, order_no);
