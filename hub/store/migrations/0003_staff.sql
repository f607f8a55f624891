-- Staff on the hub's own pages (review of exhibitors' edits, settings; later the dashboard), and the growing delays
-- after wrong passwords or PINs typed into the hub's pages (docs/security.md).

-- Wrong logins per subject ('staff:<login>', 'portal:<exhibitor id>'): the delay survives a restart of the hub
-- (electron/core/auth/throttle.ts). Hub clock, Unix ms.
CREATE TABLE login_attempts (
  subject         TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  wait_until      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Staff accounts, created from the hub's command line only (there is no default account and no default password).
-- The password is kept as scrypt of the password with a random salt; the parameters are stored beside it, so they can
-- be raised later without breaking existing accounts.
CREATE TABLE staff_accounts (
  login           TEXT PRIMARY KEY,        -- lower case
  password_hash   TEXT NOT NULL,           -- base64url
  password_salt   TEXT NOT NULL,           -- base64url
  kdf             TEXT NOT NULL,           -- JSON: {"algorithm":"scrypt","n":…,"r":…,"p":…,"keyLength":…}
  created_at      INTEGER NOT NULL,
  password_set_at INTEGER NOT NULL,
  disabled_at     INTEGER                  -- set: no login, no session
) STRICT;

-- Signed-in staff. The session id travels only in the staff's cookie; the hub keeps its SHA-256, so a copy of the
-- database opens no session. The CSRF token is the synchronizer token every form of the session carries.
CREATE TABLE staff_sessions (
  id_hash         TEXT PRIMARY KEY,        -- SHA-256 (hex) of the session id
  login           TEXT NOT NULL REFERENCES staff_accounts (login),
  csrf_token      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,        -- idle expiry counts from here
  expires_at      INTEGER NOT NULL         -- absolute expiry, however active the session
) STRICT;
CREATE INDEX staff_sessions_login ON staff_sessions (login);
CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);
