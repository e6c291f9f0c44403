-- Stations, accounts, server keys and the audit trail.

CREATE TABLE stations (
  id            text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,32}$'),
  -- Dense index used in packed hot state; never reused.
  idx           integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('street', 'intersection', 'installation', 'building')),
  lon           double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  radius_m      integer NOT NULL CHECK (radius_m BETWEEN 1 AND 10000),
  -- HMAC-SHA256 of the station secret under the 'station-secret' server key.
  secret_digest bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('owner', 'installer', 'police', 'adjuster', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Random keys generated at first start (token signing, station secret digests); shared by every
-- member of a cluster through the database.
CREATE TABLE server_keys (
  name       text PRIMARY KEY,
  key_bytes  bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  username  text NOT NULL,
  role      text NOT NULL,
  action    text NOT NULL,
  subject   text NOT NULL,
  case_no   text,
  details   jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, at);
