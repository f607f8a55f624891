-- The kiosk's side of sync with the hub. Everything sync knows lives here, so it survives kill -9 and power loss:
-- the cursor is written in the same transaction as the page it follows, the outbox before a change is shown.

-- One row: this kiosk's enrollment and where its copy of the catalog stands.
CREATE TABLE sync_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url         TEXT NOT NULL DEFAULT '',
  device_id       TEXT NOT NULL DEFAULT '',
  token           TEXT NOT NULL DEFAULT '',  -- the device credential the hub gave at enrollment
  cursor          TEXT NOT NULL DEFAULT '',  -- opaque, from the hub; '' = never synced
  rebuild_cursor  TEXT,                      -- not NULL while the copy is being rebuilt (first sync, or a reset)
  next_order      INTEGER NOT NULL DEFAULT 1,
  last_sync_at    INTEGER,                   -- hub clock (Unix ms) of the last complete sync
  last_error      TEXT NOT NULL DEFAULT '',
  blocked         TEXT NOT NULL DEFAULT '',  -- '', 'upgrade_required', 'revoked', 'unauthorized'
  lock_owner      TEXT NOT NULL DEFAULT '',  -- one sync worker per kiosk: a lease
  lock_until      INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- Local changes waiting for (or answered by) the hub, in the kiosk's own order. Answered ones are kept, so that
-- edits a restored hub has lost can be sent again.
CREATE TABLE outbox (
  order_no        INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,             -- JSON
  created_at      TEXT NOT NULL,             -- the kiosk's clock, for people to read; never used for ordering
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected', 'conflict')),
  result          TEXT,                      -- the hub's answer (JSON)
  attempts        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX outbox_status ON outbox (status, order_no);

-- Rows seen during a rebuild; at its end every synced row not seen here is removed.
CREATE TABLE sync_rebuild_seen (
  tbl             TEXT NOT NULL,
  key             TEXT NOT NULL,
  PRIMARY KEY (tbl, key)
) STRICT, WITHOUT ROWID;

-- Media files the catalog refers to and this kiosk does not have yet.
CREATE TABLE media_queue (
  sha256          TEXT PRIMARY KEY,
  bytes           INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_try_at     INTEGER NOT NULL DEFAULT 0, -- the kiosk's monotonic-ish clock; only for retry pacing
  state           TEXT NOT NULL DEFAULT 'wanted' CHECK (state IN ('wanted', 'failed', 'no_space')),
  last_error      TEXT NOT NULL DEFAULT ''
) STRICT;

-- Commands from staff through the hub, as received; each is carried out at most once and acknowledged.
CREATE TABLE hub_commands (
  id              INTEGER PRIMARY KEY,       -- the hub's command id
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,          -- hub clock
  received_at     INTEGER NOT NULL,          -- hub clock
  outcome         TEXT,                      -- NULL until carried out: 'done', 'expired', 'failed', 'unsupported'
  detail          TEXT NOT NULL DEFAULT '',
  acked           INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1))
) STRICT;
