-- Live alarms (issue 4): the watch list, stored alarms for `since` catch-up, the learned
-- station-to-station transition counts behind "likely next stations", and the index that makes
-- "who passed these stations" a range scan.

-- Tags whose sightings raise "stolen" alarms; mirrored into the Hazelcast replicated map
-- `bikeguard.watchlist` at start. One row per watched tag (a tag belongs to at most one open case).
CREATE TABLE watch_list (
  tag        bigint PRIMARY KEY,
  case_id    bigint,
  case_no    text,
  plate      text,
  watched_at timestamptz NOT NULL DEFAULT now()
);

-- Every alarm raised (ids come from a cluster-wide counter seeded from max(id) at start).
CREATE TABLE alerts (
  id            bigint PRIMARY KEY,
  type          text NOT NULL CHECK (type IN ('stolen', 'clone', 'tamper', 'silent')),
  case_id       bigint,
  tag           bigint NOT NULL,
  station       text NOT NULL,
  at            timestamptz NOT NULL,
  raised_at     timestamptz NOT NULL,
  body          jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'dispatched')),
  acked_by      text,
  acked_at      timestamptz,
  dispatched_by text,
  dispatched_at timestamptz,
  dispatch_note text
);
CREATE INDEX alerts_tag_idx ON alerts (tag, id);

-- How often a tag seen at from_station was next seen at to_station (consecutive sightings).
CREATE TABLE station_transitions (
  from_station text NOT NULL,
  to_station   text NOT NULL,
  n            bigint NOT NULL,
  PRIMARY KEY (from_station, to_station)
);

-- Progress of cluster-wide periodic jobs (one member at a time advances a job, row locked).
CREATE TABLE alert_jobs (
  name      text PRIMARY KEY,
  watermark timestamptz NOT NULL
);

-- "Who passed these stations between t1 and t2".
CREATE INDEX sightings_station_idx ON sightings (station, first_seen);
