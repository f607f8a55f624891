-- The kiosk's local catalog: everything a visitor can browse, in Russian and English.
--
-- Every table that the hub syncs carries:
--   hub_seq  the hub's sequence number of the last change to the row (0 = never synced, e.g. demo content);
--   deleted  a tombstone: 1 means the hub deleted the row; queries never show it, sync keeps it.
-- Ids are stable text keys chosen by the hub (or the demo generator), never local autoincrement values.

CREATE TABLE forum (
  id              TEXT PRIMARY KEY,
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  venue_ru        TEXT NOT NULL,
  venue_en        TEXT NOT NULL,
  starts_on       TEXT NOT NULL,           -- local date, YYYY-MM-DD
  ends_on         TEXT NOT NULL,
  timezone        TEXT NOT NULL,           -- IANA name, e.g. Asia/Omsk
  is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE media (
  sha256          TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  mime            TEXT NOT NULL,
  bytes           INTEGER NOT NULL CHECK (bytes >= 0),
  width           INTEGER,
  height          INTEGER,
  alt_ru          TEXT NOT NULL DEFAULT '',
  alt_en          TEXT NOT NULL DEFAULT '',
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE regions (
  id              TEXT PRIMARY KEY,
  iso_code        TEXT NOT NULL,           -- ISO 3166-2:RU, e.g. RU-OMS
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  district_ru     TEXT NOT NULL DEFAULT '', -- federal district
  district_en     TEXT NOT NULL DEFAULT '',
  summary_ru      TEXT NOT NULL DEFAULT '',
  summary_en      TEXT NOT NULL DEFAULT '',
  tile_col        INTEGER NOT NULL,        -- position on the tile map of Russia (no map tiles, no network)
  tile_row        INTEGER NOT NULL,
  participating   INTEGER NOT NULL DEFAULT 0 CHECK (participating IN (0, 1)),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE hall_zones (
  id              TEXT PRIMARY KEY,
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  x               REAL NOT NULL,           -- hall plan coordinates in metres from the plan's top-left corner
  y               REAL NOT NULL,
  width           REAL NOT NULL,
  height          REAL NOT NULL,
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE exhibitors (
  id              TEXT PRIMARY KEY,
  region_id       TEXT NOT NULL REFERENCES regions (id),
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  about_ru        TEXT NOT NULL DEFAULT '',
  about_en        TEXT NOT NULL DEFAULT '',
  booth           TEXT NOT NULL,           -- booth number from staff data, e.g. A-12
  zone_id         TEXT REFERENCES hall_zones (id),
  booth_x         REAL,
  booth_y         REAL,
  booth_width     REAL,
  booth_height    REAL,
  contact_name_ru TEXT NOT NULL DEFAULT '',
  contact_name_en TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  website         TEXT NOT NULL DEFAULT '',
  logo_sha256     TEXT REFERENCES media (sha256),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX exhibitors_region ON exhibitors (region_id);
CREATE INDEX exhibitors_booth ON exhibitors (booth);

CREATE TABLE clusters (
  id              TEXT PRIMARY KEY,
  region_id       TEXT NOT NULL REFERENCES regions (id),
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  about_ru        TEXT NOT NULL DEFAULT '',
  about_en        TEXT NOT NULL DEFAULT '',
  cover_sha256    TEXT REFERENCES media (sha256),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Members are organisations; an exhibitor_id links those that also have a booth.
CREATE TABLE cluster_members (
  id              TEXT PRIMARY KEY,
  cluster_id      TEXT NOT NULL REFERENCES clusters (id),
  position        INTEGER NOT NULL,
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  role_ru         TEXT NOT NULL DEFAULT '',
  role_en         TEXT NOT NULL DEFAULT '',
  exhibitor_id    TEXT REFERENCES exhibitors (id),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id, position);

-- Industries and themes.
CREATE TABLE tags (
  id              TEXT PRIMARY KEY,
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE projects (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('tourism', 'cluster')),
  region_id       TEXT NOT NULL REFERENCES regions (id),
  exhibitor_id    TEXT REFERENCES exhibitors (id),
  cluster_id      TEXT REFERENCES clusters (id),
  title_ru        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  summary_ru      TEXT NOT NULL DEFAULT '',
  summary_en      TEXT NOT NULL DEFAULT '',
  description_ru  TEXT NOT NULL DEFAULT '',
  description_en  TEXT NOT NULL DEFAULT '',
  visiting_ru     TEXT NOT NULL DEFAULT '', -- visiting information for tourists
  visiting_en     TEXT NOT NULL DEFAULT '',
  link_url        TEXT NOT NULL DEFAULT '',
  cover_sha256    TEXT REFERENCES media (sha256),
  featured        INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX projects_region ON projects (region_id, title_ru);
CREATE INDEX projects_cluster ON projects (cluster_id, title_ru);
CREATE INDEX projects_exhibitor ON projects (exhibitor_id);

CREATE TABLE project_tags (
  project_id      TEXT NOT NULL REFERENCES projects (id),
  tag_id          TEXT NOT NULL REFERENCES tags (id),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (project_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_tags_tag ON project_tags (tag_id, project_id);

CREATE TABLE project_media (
  project_id      TEXT NOT NULL REFERENCES projects (id),
  sha256          TEXT NOT NULL REFERENCES media (sha256),
  position        INTEGER NOT NULL,
  caption_ru      TEXT NOT NULL DEFAULT '',
  caption_en      TEXT NOT NULL DEFAULT '',
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (project_id, sha256)
) STRICT, WITHOUT ROWID;

CREATE TABLE routes (
  id              TEXT PRIMARY KEY,
  name_ru         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  about_ru        TEXT NOT NULL DEFAULT '',
  about_en        TEXT NOT NULL DEFAULT '',
  link_url        TEXT NOT NULL DEFAULT '',
  cover_sha256    TEXT REFERENCES media (sha256),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE route_stops (
  id              TEXT PRIMARY KEY,
  route_id        TEXT NOT NULL REFERENCES routes (id),
  position        INTEGER NOT NULL,        -- order along the route, 1-based
  enterprise_ru   TEXT NOT NULL,
  enterprise_en   TEXT NOT NULL,
  title_ru        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  about_ru        TEXT NOT NULL DEFAULT '', -- what you see
  about_en        TEXT NOT NULL DEFAULT '',
  visiting_ru     TEXT NOT NULL DEFAULT '', -- opening days and hours
  visiting_en     TEXT NOT NULL DEFAULT '',
  booking_ru      TEXT NOT NULL DEFAULT '', -- how to book
  booking_en      TEXT NOT NULL DEFAULT '',
  address_ru      TEXT NOT NULL DEFAULT '',
  address_en      TEXT NOT NULL DEFAULT '',
  duration_min    INTEGER NOT NULL,
  latitude        REAL NOT NULL,
  longitude       REAL NOT NULL,
  region_id       TEXT NOT NULL REFERENCES regions (id),
  cover_sha256    TEXT REFERENCES media (sha256),
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX route_stops_route ON route_stops (route_id, position);

CREATE TABLE programme_sessions (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('plenary', 'presentation', 'awards', 'signing', 'panel', 'excursion', 'other')),
  starts_at       TEXT NOT NULL,           -- ISO 8601 with offset, e.g. 2026-11-26T10:00:00+06:00
  ends_at         TEXT NOT NULL,
  starts_utc      INTEGER NOT NULL,        -- the same instants as Unix milliseconds, for range queries
  ends_utc        INTEGER NOT NULL CHECK (ends_utc >= starts_utc),
  title_ru        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  about_ru        TEXT NOT NULL DEFAULT '',
  about_en        TEXT NOT NULL DEFAULT '',
  place_ru        TEXT NOT NULL,           -- hall or room
  place_en        TEXT NOT NULL,
  hub_seq         INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX programme_sessions_time ON programme_sessions (starts_utc);

-- Local to this kiosk; never synced.
CREATE TABLE kiosk_settings (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL
) STRICT;

-- Search: one document per searchable row, in both languages, kept current by the triggers below.
-- The FTS tables index a folded copy (ё → е; the tokenizers fold case, Cyrillic included) and store no text
-- of their own; highlighting is computed by the core from the original text kept here.
CREATE TABLE search_docs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  ref             TEXT NOT NULL,
  title_ru        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  body_ru         TEXT NOT NULL,
  body_en         TEXT NOT NULL,
  UNIQUE (kind, ref)
) STRICT;

-- Whole words and prefixes (typing "нефт" finds "нефтехимия").
CREATE VIRTUAL TABLE search_words USING fts5(
  title, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
-- Substrings of three letters or more inside long compound words ("химическ" in "нефтехимический").
CREATE VIRTUAL TABLE search_trigram USING fts5(
  title, body,
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_words (rowid, title, body) VALUES (
    new.id,
    replace(replace(new.title_ru || ' ' || new.title_en, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body_ru || ' ' || new.body_en, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO search_trigram (rowid, title, body) VALUES (
    new.id,
    replace(replace(new.title_ru || ' ' || new.title_en, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body_ru || ' ' || new.body_en, 'ё', 'е'), 'Ё', 'Е'));
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  DELETE FROM search_words WHERE rowid = old.id;
  DELETE FROM search_trigram WHERE rowid = old.id;
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  DELETE FROM search_words WHERE rowid = old.id;
  DELETE FROM search_trigram WHERE rowid = old.id;
  INSERT INTO search_words (rowid, title, body) VALUES (
    new.id,
    replace(replace(new.title_ru || ' ' || new.title_en, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body_ru || ' ' || new.body_en, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO search_trigram (rowid, title, body) VALUES (
    new.id,
    replace(replace(new.title_ru || ' ' || new.title_en, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body_ru || ' ' || new.body_en, 'ё', 'е'), 'Ё', 'Е'));
END;

-- Each searchable table feeds search_docs from its own row only, so a document is always exactly current.
CREATE TRIGGER projects_search_ai AFTER INSERT ON projects WHEN new.deleted = 0 AND new.hidden = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('project', new.id, new.title_ru, new.title_en,
          new.summary_ru || ' ' || new.description_ru, new.summary_en || ' ' || new.description_en);
END;
CREATE TRIGGER projects_search_au AFTER UPDATE ON projects BEGIN
  DELETE FROM search_docs WHERE kind = 'project' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'project', new.id, new.title_ru, new.title_en,
         new.summary_ru || ' ' || new.description_ru, new.summary_en || ' ' || new.description_en
  WHERE new.deleted = 0 AND new.hidden = 0;
END;
CREATE TRIGGER projects_search_ad AFTER DELETE ON projects BEGIN
  DELETE FROM search_docs WHERE kind = 'project' AND ref = old.id;
END;

CREATE TRIGGER exhibitors_search_ai AFTER INSERT ON exhibitors WHEN new.deleted = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('exhibitor', new.id, new.name_ru, new.name_en, new.booth || ' ' || new.about_ru, new.booth || ' ' || new.about_en);
END;
CREATE TRIGGER exhibitors_search_au AFTER UPDATE ON exhibitors BEGIN
  DELETE FROM search_docs WHERE kind = 'exhibitor' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'exhibitor', new.id, new.name_ru, new.name_en, new.booth || ' ' || new.about_ru, new.booth || ' ' || new.about_en
  WHERE new.deleted = 0;
END;
CREATE TRIGGER exhibitors_search_ad AFTER DELETE ON exhibitors BEGIN
  DELETE FROM search_docs WHERE kind = 'exhibitor' AND ref = old.id;
END;

CREATE TRIGGER regions_search_ai AFTER INSERT ON regions WHEN new.deleted = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('region', new.id, new.name_ru, new.name_en, new.summary_ru, new.summary_en);
END;
CREATE TRIGGER regions_search_au AFTER UPDATE ON regions BEGIN
  DELETE FROM search_docs WHERE kind = 'region' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'region', new.id, new.name_ru, new.name_en, new.summary_ru, new.summary_en
  WHERE new.deleted = 0;
END;
CREATE TRIGGER regions_search_ad AFTER DELETE ON regions BEGIN
  DELETE FROM search_docs WHERE kind = 'region' AND ref = old.id;
END;

CREATE TRIGGER clusters_search_ai AFTER INSERT ON clusters WHEN new.deleted = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('cluster', new.id, new.name_ru, new.name_en, new.about_ru, new.about_en);
END;
CREATE TRIGGER clusters_search_au AFTER UPDATE ON clusters BEGIN
  DELETE FROM search_docs WHERE kind = 'cluster' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'cluster', new.id, new.name_ru, new.name_en, new.about_ru, new.about_en
  WHERE new.deleted = 0;
END;
CREATE TRIGGER clusters_search_ad AFTER DELETE ON clusters BEGIN
  DELETE FROM search_docs WHERE kind = 'cluster' AND ref = old.id;
END;

CREATE TRIGGER route_stops_search_ai AFTER INSERT ON route_stops WHEN new.deleted = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('route_stop', new.id, new.title_ru, new.title_en,
          new.enterprise_ru || ' ' || new.about_ru, new.enterprise_en || ' ' || new.about_en);
END;
CREATE TRIGGER route_stops_search_au AFTER UPDATE ON route_stops BEGIN
  DELETE FROM search_docs WHERE kind = 'route_stop' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'route_stop', new.id, new.title_ru, new.title_en,
         new.enterprise_ru || ' ' || new.about_ru, new.enterprise_en || ' ' || new.about_en
  WHERE new.deleted = 0;
END;
CREATE TRIGGER route_stops_search_ad AFTER DELETE ON route_stops BEGIN
  DELETE FROM search_docs WHERE kind = 'route_stop' AND ref = old.id;
END;

CREATE TRIGGER tags_search_ai AFTER INSERT ON tags WHEN new.deleted = 0 BEGIN
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  VALUES ('tag', new.id, new.name_ru, new.name_en, '', '');
END;
CREATE TRIGGER tags_search_au AFTER UPDATE ON tags BEGIN
  DELETE FROM search_docs WHERE kind = 'tag' AND ref = old.id;
  INSERT INTO search_docs (kind, ref, title_ru, title_en, body_ru, body_en)
  SELECT 'tag', new.id, new.name_ru, new.name_en, '', '' WHERE new.deleted = 0;
END;
CREATE TRIGGER tags_search_ad AFTER DELETE ON tags BEGIN
  DELETE FROM search_docs WHERE kind = 'tag' AND ref = old.id;
END;
