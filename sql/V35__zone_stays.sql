-- Stays of tags in no-go zones (issue 12), so a dwell's clock survives a restart and a station
-- moving to another cluster member. Written by the member that reads the tag, in batches: when
-- a stay opens, when a rule decides (alert, text, fine), when its newest read has moved on by
-- half a sighting gap, and once more when it has gone quiet. Never per read.
CREATE TABLE zone_stay (
  zone_id      text NOT NULL REFERENCES zone (id),
  tag          bigint NOT NULL,
  -- the read that opened the stay: its key, never moved (event time, UTC)
  opened_at    timestamptz NOT NULL,
  -- the stay's earliest read (a read a little out of order may move it before opened_at)
  entered_at   timestamptz NOT NULL,
  -- its newest read as last written (up to half a sighting gap behind while the stay runs)
  last_seen_at timestamptz NOT NULL,
  station      text NOT NULL,
  -- the reads that decided the rules (null: not decided)
  alerted_at   timestamptz,
  texted_at    timestamptz,
  fined_at     timestamptz,
  written_at   timestamptz NOT NULL,
  PRIMARY KEY (zone_id, tag, opened_at)
);
CREATE INDEX zone_stay_seen_idx ON zone_stay (last_seen_at);
CREATE INDEX zone_stay_written_idx ON zone_stay (written_at);
CREATE INDEX zone_stay_zone_idx ON zone_stay (zone_id, entered_at);
