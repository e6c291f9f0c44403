-- Traffic violations detected on the live stream at intersections (red light, wrong way, motor lane),
-- and the roles of the people who work with them.
-- Shared by detection (writes) and notices, appeals and monthly rules (read).

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('owner', 'installer', 'police', 'adjuster', 'admin', 'traffic', 'property'));

CREATE TABLE violation (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- the tag as read (unsigned 64-bit as signed bigint) and the bike it was fitted to then (null: unknown tag)
  tag             bigint NOT NULL,
  bike_id         bigint REFERENCES bikes (id),
  kind            text NOT NULL CHECK (kind IN ('red_light', 'wrong_way', 'motor_lane')),
  intersection_id text NOT NULL,
  -- the passage's instant (event time of the decisive read), UTC
  at              timestamptz NOT NULL,
  confidence      real NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  -- the reads (antenna, rssi, ts) and the signal phase at that moment
  evidence        jsonb NOT NULL,
  detected_at     timestamptz NOT NULL,
  -- one violation per passage: a replay or a second member detecting it again changes nothing
  UNIQUE (tag, intersection_id, kind, at)
);
CREATE INDEX violation_at_idx ON violation (at);
CREATE INDEX violation_bike_idx ON violation (bike_id, at);
CREATE INDEX violation_intersection_idx ON violation (intersection_id, at);
