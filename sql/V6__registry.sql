-- The real-name registry ("code and plate in one"): installation points, owners, bikes, the
-- bindings of tags and owners to bikes over time, the dated event history of every bike, owners'
-- requests (plate or tag replacement) and installation appointments.
-- Instants are timestamptz (UTC in the API); calendar dates are Asia/Shanghai dates; money is fen.

CREATE TABLE installation_points (
  id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,32}$'),
  name           text NOT NULL,
  address        text NOT NULL DEFAULT '',
  -- the base station of kind 'installation' at this point, when there is one
  station        text REFERENCES stations (id),
  -- appointments accepted per Asia/Shanghai day
  daily_capacity integer NOT NULL DEFAULT 40 CHECK (daily_capacity BETWEEN 0 AND 10000),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per person ("one person, one certificate"). The ID number is never stored in clear:
-- id_number_enc is AES-256-GCM (version byte || 12-byte nonce || ciphertext+tag) under the
-- server key 'id-number-encryption'; id_number_hash is HMAC-SHA256 under 'id-number-lookup'
-- (equality look-ups and uniqueness without decrypting).
CREATE TABLE owners (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id        bigint NOT NULL UNIQUE REFERENCES users (id),
  username       text NOT NULL UNIQUE,
  name           text NOT NULL,
  id_number_enc  bytea NOT NULL,
  id_number_hash bytea NOT NULL UNIQUE,
  phone          text NOT NULL,
  address        text NOT NULL DEFAULT '',
  -- white certificate for owners of their home, blue for tenants
  residence      text NOT NULL DEFAULT 'owner' CHECK (residence IN ('owner', 'tenant')),
  home_station   text REFERENCES stations (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL
);
CREATE INDEX owners_phone_idx ON owners (phone);

CREATE TABLE bikes (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id           bigint NOT NULL REFERENCES owners (id),
  -- the tag fitted now (unsigned 64-bit as signed bigint); null once deregistered
  tag                bigint,
  plate              text NOT NULL,
  frame_no           text NOT NULL,
  motor_no           text NOT NULL DEFAULT '',
  battery_serial     text NOT NULL DEFAULT '',
  brand              text NOT NULL DEFAULT '',
  model              text NOT NULL DEFAULT '',
  colour             text NOT NULL DEFAULT '',
  purchase_date      date NOT NULL,
  purchase_price_fen bigint NOT NULL CHECK (purchase_price_fen >= 0),
  status             text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'stolen', 'deregistered')),
  -- random code printed as the QR certificate
  certificate_code   text NOT NULL UNIQUE,
  installation_point text REFERENCES installation_points (id),
  registered_at      timestamptz NOT NULL DEFAULT now(),
  registered_by      text NOT NULL,
  deregistered_at    timestamptz
);
-- plates, frame numbers and tags are unique among bikes that are not deregistered
CREATE UNIQUE INDEX bikes_plate_live_idx ON bikes (plate) WHERE status <> 'deregistered';
CREATE UNIQUE INDEX bikes_frame_live_idx ON bikes (frame_no) WHERE status <> 'deregistered';
CREATE UNIQUE INDEX bikes_tag_live_idx ON bikes (tag) WHERE status <> 'deregistered';
CREATE INDEX bikes_owner_idx ON bikes (owner_id);
CREATE INDEX bikes_frame_idx ON bikes (frame_no);
CREATE INDEX bikes_plate_idx ON bikes (plate);

-- Which tag was on which bike when: [bound_at, unbound_at). One open binding per tag and per bike.
CREATE TABLE tag_bindings (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tag        bigint NOT NULL,
  bike_id    bigint NOT NULL REFERENCES bikes (id),
  bound_at   timestamptz NOT NULL,
  unbound_at timestamptz,
  end_reason text CHECK (end_reason IN ('replaced', 'deregistered')),
  CHECK (unbound_at IS NULL OR unbound_at >= bound_at)
);
CREATE UNIQUE INDEX tag_bindings_open_tag_idx ON tag_bindings (tag) WHERE unbound_at IS NULL;
CREATE UNIQUE INDEX tag_bindings_open_bike_idx ON tag_bindings (bike_id) WHERE unbound_at IS NULL;
CREATE INDEX tag_bindings_tag_idx ON tag_bindings (tag, bound_at);
CREATE INDEX tag_bindings_bike_idx ON tag_bindings (bike_id, bound_at);

-- Who owned a bike when: [from_at, to_at).
CREATE TABLE ownerships (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id  bigint NOT NULL REFERENCES bikes (id),
  owner_id bigint NOT NULL REFERENCES owners (id),
  from_at  timestamptz NOT NULL,
  to_at    timestamptz,
  CHECK (to_at IS NULL OR to_at >= from_at)
);
CREATE UNIQUE INDEX ownerships_open_idx ON ownerships (bike_id) WHERE to_at IS NULL;
CREATE INDEX ownerships_owner_idx ON ownerships (owner_id);

-- Every change to a bike, dated; never updated or deleted.
CREATE TABLE bike_events (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id bigint NOT NULL REFERENCES bikes (id),
  at      timestamptz NOT NULL,
  kind    text NOT NULL CHECK (kind IN ('registered', 'tag_fitted', 'tag_replaced', 'battery_replaced',
                                        'ownership_transferred', 'plate_replaced', 'deregistered',
                                        'theft_reported', 'theft_confirmed', 'theft_recovered', 'theft_closed')),
  actor   text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX bike_events_bike_idx ON bike_events (bike_id, at, id);

-- Owners' requests for a new plate or tag, fulfilled by installation staff.
CREATE TABLE bike_requests (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id    bigint NOT NULL REFERENCES bikes (id),
  owner_id   bigint NOT NULL REFERENCES owners (id),
  kind       text NOT NULL CHECK (kind IN ('plate', 'tag')),
  reason     text NOT NULL DEFAULT '',
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'rejected', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  handled_at timestamptz,
  handled_by text,
  note       text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX bike_requests_pending_idx ON bike_requests (bike_id, kind) WHERE status = 'pending';

-- Installation (registration) appointments booked by owners for an Asia/Shanghai day.
CREATE TABLE appointments (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id   bigint NOT NULL REFERENCES owners (id),
  point      text NOT NULL REFERENCES installation_points (id),
  day        date NOT NULL,
  note       text NOT NULL DEFAULT '',
  status     text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'done')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_point_day_idx ON appointments (point, day) WHERE status = 'booked';
CREATE INDEX appointments_owner_idx ON appointments (owner_id);
