-- Exhibitors' edits: PIN signing keys, review of edits by staff, and a check that each edit is applied once, from
-- whichever kiosk it comes (docs/security.md).

-- The signing key derived from each exhibitor's PIN (the verifier travels to kiosks as an exhibitor_pins record).
-- Kept by the hub only; never sent anywhere.
CREATE TABLE exhibitor_secrets (
  exhibitor_id    TEXT PRIMARY KEY,
  signing_key     TEXT NOT NULL,           -- base64url
  pin_set_at      INTEGER NOT NULL
) STRICT;

-- Hub settings that staff change at run time, e.g. 'review_edits' = '1'.
CREATE TABLE hub_settings (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL
) STRICT;

-- Every exhibitor edit the hub accepted as coming from the exhibitor (a valid proof from a kiosk, or a portal session),
-- with what became of it: the exhibitor's "where does my edit stand", and the staff's review queue (status 'review').
-- While review is on, visitors keep seeing the approved text; a decision also becomes an edit_reviews record, so the
-- kiosk that sent the edit learns it.
CREATE TABLE exhibitor_edits (
  mutation_id     TEXT PRIMARY KEY,
  source          TEXT NOT NULL,           -- 'device:<id>' or 'portal'
  exhibitor_id    TEXT NOT NULL,
  tbl             TEXT NOT NULL,
  key             TEXT NOT NULL,
  payload         TEXT NOT NULL,           -- the edit (JSON: table, key, changes)
  status          TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected', 'review', 'approved', 'review_rejected')),
  reason          TEXT NOT NULL DEFAULT '',
  conflicts       TEXT NOT NULL DEFAULT '[]', -- JSON array of {field, base, hub, kiosk}
  created_at      INTEGER NOT NULL,
  decided_at      INTEGER,
  decided_by      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX exhibitor_edits_status ON exhibitor_edits (status, created_at);
CREATE INDEX exhibitor_edits_exhibitor ON exhibitor_edits (exhibitor_id, created_at);

-- The answers stored per mutation learn 'review'. A mutation id is unique across all kiosks: an edit replayed from
-- another kiosk is refused.
CREATE TABLE mutations_next (
  device_id       TEXT NOT NULL REFERENCES devices (id),
  id              TEXT NOT NULL UNIQUE,
  order_no        INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('applied', 'rejected', 'conflict', 'review')),
  result          TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  PRIMARY KEY (device_id, id)
) STRICT;
INSERT OR IGNORE INTO mutations_next SELECT device_id, id, order_no, kind, payload, status, result, received_at FROM mutations;
DROP TABLE mutations;
ALTER TABLE mutations_next RENAME TO mutations;
CREATE UNIQUE INDEX mutations_order ON mutations (device_id, order_no);

-- Exhibitors gained two lines of their own (hours at the booth, "today at our booth"); older records get them empty,
-- exactly as kiosks' migrations give their existing rows. Sequence numbers stay: nothing changed for a kiosk.
UPDATE records SET data = json_insert(data, '$.hours_ru', '', '$.hours_en', '', '$.today_ru', '', '$.today_en', '')
  WHERE tbl = 'exhibitors' AND data IS NOT NULL;
