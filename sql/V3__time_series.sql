-- The frame log (raw base-station frames, the durable record behind every PUBACK) and closed
-- sightings. With TimescaleDB both are hypertables; without it, plain tables partitioned by time
-- range (the application creates the partitions ahead of time and drops expired frame-log days).
-- Writers take ids in blocks of 1024 (one nextval per block), so ids grow with each writer's commit order.
CREATE SEQUENCE frame_log_id_seq INCREMENT BY 1024;

DO $$
DECLARE
  timescale boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
BEGIN
  IF timescale THEN
    CREATE TABLE frame_log (
      id          bigint NOT NULL DEFAULT nextval('frame_log_id_seq'),
      received_at timestamptz NOT NULL,
      station     text NOT NULL,
      seq         bigint NOT NULL,
      payload     bytea NOT NULL
    );
    PERFORM create_hypertable('frame_log', 'received_at', chunk_time_interval => INTERVAL '1 day');

    CREATE TABLE sightings (
      tag        bigint NOT NULL,
      station    text NOT NULL,
      first_seen timestamptz NOT NULL,
      last_seen  timestamptz NOT NULL,
      reads      bigint NOT NULL,
      peak_rssi  smallint NOT NULL,
      flags      smallint NOT NULL DEFAULT 0
    );
    PERFORM create_hypertable('sightings', 'first_seen', chunk_time_interval => INTERVAL '7 days');
  ELSE
    CREATE TABLE frame_log (
      id          bigint NOT NULL DEFAULT nextval('frame_log_id_seq'),
      received_at timestamptz NOT NULL,
      station     text NOT NULL,
      seq         bigint NOT NULL,
      payload     bytea NOT NULL
    ) PARTITION BY RANGE (received_at);
    CREATE TABLE frame_log_default PARTITION OF frame_log DEFAULT;

    CREATE TABLE sightings (
      tag        bigint NOT NULL,
      station    text NOT NULL,
      first_seen timestamptz NOT NULL,
      last_seen  timestamptz NOT NULL,
      reads      bigint NOT NULL,
      peak_rssi  smallint NOT NULL,
      flags      smallint NOT NULL DEFAULT 0
    ) PARTITION BY RANGE (first_seen);
    CREATE TABLE sightings_default PARTITION OF sightings DEFAULT;
  END IF;
END
$$;

-- Replay after a crash reads the log's tail by id; ids grow with commit order.
CREATE INDEX frame_log_id_idx ON frame_log (id);
CREATE INDEX sightings_tag_idx ON sightings (tag, first_seen);
