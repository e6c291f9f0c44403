-- Intersections for violation detection: their zones (station antennas), fixed-time signal plans
-- and the phase history their controllers report over MQTT (docs/protocol.md sections 7 and 8).

CREATE TABLE intersection (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  -- the station id the signal controller authenticates as (null: no controller)
  controller   text,
  -- the whole record as imported (a GeoJSON Feature, normalised)
  feature      jsonb NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX intersection_controller_idx ON intersection (controller) WHERE controller IS NOT NULL;

-- one row per zone: a station's antenna belongs to one zone of one intersection
CREATE TABLE intersection_zone (
  intersection_id text NOT NULL REFERENCES intersection (id) ON DELETE CASCADE,
  approach        text NOT NULL,
  station         text NOT NULL,
  antenna         smallint NOT NULL CHECK (antenna BETWEEN 0 AND 15),
  role            text NOT NULL CHECK (role IN ('stop_line', 'exit')),
  movement        text CHECK (movement IN ('through', 'left', 'right')),
  lane            text NOT NULL CHECK (lane IN ('non_motor', 'motor')),
  direction       text NOT NULL CHECK (direction IN ('in', 'out')),
  PRIMARY KEY (station, antenna)
);
CREATE INDEX intersection_zone_intersection_idx ON intersection_zone (intersection_id);

-- the phase history: every phase message a controller sent (a whole state from `at` on)
CREATE TABLE signal_phase (
  intersection_id text NOT NULL,
  seq             bigint NOT NULL,
  at              timestamptz NOT NULL,
  green           text[] NOT NULL,
  amber           text[] NOT NULL,
  received_at     timestamptz NOT NULL,
  PRIMARY KEY (intersection_id, seq)
);
CREATE INDEX signal_phase_at_idx ON signal_phase (intersection_id, at);
