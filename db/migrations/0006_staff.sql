-- Staff mode and presentation mode (docs/staff.md).

-- Staff members' kiosk PIN verifiers, synced from the hub: a staff member logs in at any kiosk, even offline.
CREATE TABLE staff_pins (
  staff_id        TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  verify_salt     TEXT NOT NULL,
  verifier        TEXT NOT NULL,
  kdf             TEXT NOT NULL,           -- JSON, as exhibitor_pins.kdf
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Presentations tied to programme slots, synced from the hub and applied by this kiosk from its own copy (offline too).
CREATE TABLE presentation_schedule (
  id              TEXT PRIMARY KEY,
  zone            TEXT NOT NULL DEFAULT '', -- a hall zone id; '' = every kiosk
  session_id      TEXT NOT NULL DEFAULT '', -- a programme session; its times win over starts_at/ends_at
  starts_at       TEXT NOT NULL DEFAULT '',
  ends_at         TEXT NOT NULL DEFAULT '',
  playlist        TEXT NOT NULL,           -- JSON, the contract's Playlist
  interval_seconds INTEGER NOT NULL,
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
