-- The hub's side of staff mode (docs/staff.md): what staff did at the kiosks, as the kiosks report it.

-- One row per staff action a kiosk pushed (mutation kind 'staff_action'), written in the same transaction as the
-- mutation's stored answer, so a repeated push never logs it twice. `kiosk_at` is the kiosk's own clock as it sent it
-- (text, shown as is); `received_at` is the hub's clock, Unix ms, and orders the log.
CREATE TABLE staff_actions (
  id              INTEGER PRIMARY KEY,
  mutation_id     TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  staff_id        TEXT NOT NULL,
  staff_name      TEXT NOT NULL DEFAULT '',
  action          TEXT NOT NULL,
  detail          TEXT NOT NULL DEFAULT '',
  kiosk_at        TEXT NOT NULL DEFAULT '',
  received_at     INTEGER NOT NULL,
  UNIQUE (device_id, mutation_id)
) STRICT;
CREATE INDEX staff_actions_newest ON staff_actions (received_at DESC, id DESC);
