-- Pictures at the size a screen shows them (docs/sync-protocol.md, "Pictures at display size"). The hub makes
-- smaller copies of each image (a card shows a 480-pixel-wide copy, a detail page a 1080-pixel one) and syncs them
-- here; the kiosk downloads them like any media file and the renderer picks one per place with srcset. The original
-- stays the fallback.
CREATE TABLE media_thumbs (
  of_sha256       TEXT NOT NULL,           -- the original (media.sha256); not a foreign key: either may arrive first
  width           INTEGER NOT NULL CHECK (width > 0),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'), -- the copy's own file
  mime            TEXT NOT NULL,
  bytes           INTEGER NOT NULL CHECK (bytes >= 0),
  height          INTEGER NOT NULL CHECK (height > 0),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (of_sha256, width)
) STRICT;
CREATE INDEX media_thumbs_file ON media_thumbs (sha256);

-- A kiosk that synced before this table existed was not sent its rows (the hub keeps them from older schemas), and its
-- cursor has passed them: its next pull rebuilds the copy from the start, also one interrupted by the upgrade (the
-- current copy stays on screen until the new one is whole).
DELETE FROM sync_rebuild_seen;
UPDATE sync_state SET rebuild_cursor = '' WHERE cursor != '' OR rebuild_cursor IS NOT NULL;
