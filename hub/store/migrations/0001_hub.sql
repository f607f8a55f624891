-- The hub's store: the authoritative copy of the catalog, the devices (kiosks) and what they sent.
-- Times are the hub's clock in Unix milliseconds; kiosks' clocks are never stored as ordering facts.

CREATE TABLE hub_meta (
  key             TEXT PRIMARY KEY,        -- 'epoch', 'tombstone_floor', 'head_seq'
  value           TEXT NOT NULL
) STRICT;

-- Every catalog row, as it travels to kiosks. seq is the hub's sequence number of the row's last change:
-- strictly increasing, assigned in the transaction that makes the change. A deletion keeps a tombstone (data NULL).
CREATE TABLE records (
  tbl             TEXT NOT NULL,
  key             TEXT NOT NULL,           -- JSON array of the primary-key values
  seq             INTEGER NOT NULL UNIQUE,
  data            TEXT,                    -- JSON object of the row's columns; NULL for a tombstone
  changed_at      INTEGER NOT NULL,
  PRIMARY KEY (tbl, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE media_files (
  sha256          TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  mime            TEXT NOT NULL,
  bytes           INTEGER NOT NULL,
  stored_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE enroll_codes (
  code_hash       TEXT PRIMARY KEY,        -- SHA-256 of the code; the code itself is only printed
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  used_at         INTEGER,
  used_by         TEXT
) STRICT;

CREATE TABLE devices (
  id              TEXT PRIMARY KEY,        -- the kiosk's own id, kept when it re-enrolls
  name            TEXT NOT NULL DEFAULT '',
  token_hash      TEXT UNIQUE,             -- SHA-256 of the current credential
  enrolled_at     INTEGER NOT NULL,
  revoked_at      INTEGER,
  last_order      INTEGER NOT NULL DEFAULT 0, -- order number of the last mutation applied from this kiosk
  groups          TEXT NOT NULL DEFAULT '[]'  -- JSON array of group names, for commands
) STRICT;

-- Every mutation a kiosk pushed, with the answer given, so a repeated push is answered from here.
CREATE TABLE mutations (
  device_id       TEXT NOT NULL REFERENCES devices (id),
  id              TEXT NOT NULL,
  order_no        INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('applied', 'rejected', 'conflict')),
  result          TEXT NOT NULL,           -- the JSON answer sent to the kiosk
  received_at     INTEGER NOT NULL,
  PRIMARY KEY (device_id, id)
) STRICT;
CREATE UNIQUE INDEX mutations_order ON mutations (device_id, order_no);

-- Same-field edits that could not both win; shown to staff.
CREATE TABLE conflicts (
  id              INTEGER PRIMARY KEY,
  device_id       TEXT NOT NULL,
  mutation_id     TEXT NOT NULL,
  tbl             TEXT NOT NULL,
  key             TEXT NOT NULL,
  field           TEXT NOT NULL,
  base_value      TEXT,                    -- JSON values
  hub_value       TEXT,
  kiosk_value     TEXT,
  created_at      INTEGER NOT NULL,
  resolved_at     INTEGER
) STRICT;

CREATE TABLE commands (
  id              INTEGER PRIMARY KEY,
  target          TEXT NOT NULL,           -- 'all', 'device:<id>' or 'group:<name>'
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,           -- JSON object
  issued_at       INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  issued_by       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE command_acks (
  command_id      INTEGER NOT NULL REFERENCES commands (id),
  device_id       TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  detail          TEXT NOT NULL DEFAULT '',
  acked_at        INTEGER NOT NULL,
  PRIMARY KEY (command_id, device_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE heartbeats (
  device_id       TEXT PRIMARY KEY,
  received_at     INTEGER NOT NULL,
  data            TEXT NOT NULL            -- the last heartbeat as sent (JSON)
) STRICT;
