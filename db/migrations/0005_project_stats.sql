-- How often each project was opened and its QR code shown, per forum day, over all kiosks: computed by the hub from
-- the anonymous usage counts and synced here, so an exhibitor sees their numbers at any kiosk, even offline.
CREATE TABLE project_stats (
  project_id      TEXT NOT NULL,
  day             TEXT NOT NULL,           -- local date of the forum, YYYY-MM-DD
  opens           INTEGER NOT NULL DEFAULT 0,
  qr_shown        INTEGER NOT NULL DEFAULT 0,
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (project_id, day)
) STRICT;
