-- Anonymous usage counts from kiosks (docs/privacy.md): per kiosk, per hour of the kiosk's clock, how often something
-- happened. Each kiosk's batch arrives as a mutation, applied once (its id is stored), so a retry never counts twice.
CREATE TABLE usage_counts (
  device_id       TEXT NOT NULL,
  hour            TEXT NOT NULL,           -- UTC, 'YYYY-MM-DDTHH'
  metric          TEXT NOT NULL,
  subject         TEXT NOT NULL DEFAULT '',
  count           INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (device_id, hour, metric, subject)
) STRICT, WITHOUT ROWID;
CREATE INDEX usage_counts_metric ON usage_counts (metric, hour);
