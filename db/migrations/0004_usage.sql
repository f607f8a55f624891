-- Anonymous usage counts (docs/privacy.md): how often something happened on this kiosk, per hour — never who.
-- Counts wait here through any offline period; a sync moves them into the outbox in one transaction (so a retry never
-- counts them twice) and they are gone from the kiosk once the hub has them.
CREATE TABLE usage_counts (
  hour            TEXT NOT NULL,           -- UTC hour of the kiosk's clock, 'YYYY-MM-DDTHH'
  metric          TEXT NOT NULL,           -- e.g. 'session', 'project', 'search_empty' (electron/core/usage.ts)
  subject         TEXT NOT NULL DEFAULT '', -- what was counted: a project id, a screen, a search term, a language
  count           INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (hour, metric, subject)
) STRICT, WITHOUT ROWID;
