-- TimescaleDB only: compression and retention policies. Background-job policies may not be added
-- inside a transaction block, so this script runs outside one (V5__timescale_policies.sql.conf).
-- On plain PostgreSQL it does nothing; the application drops expired frame-log partitions itself.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    ALTER TABLE frame_log SET (timescaledb.compress,
                               timescaledb.compress_segmentby = 'station',
                               timescaledb.compress_orderby = 'received_at, id');
    PERFORM add_compression_policy('frame_log', INTERVAL '1 day', if_not_exists => true);
    PERFORM add_retention_policy('frame_log', INTERVAL '${frameLogRetention}', if_not_exists => true);

    ALTER TABLE sightings SET (timescaledb.compress,
                               timescaledb.compress_segmentby = 'tag',
                               timescaledb.compress_orderby = 'first_seen');
    PERFORM add_compression_policy('sightings', INTERVAL '7 days', if_not_exists => true);
  END IF;
END
$$;
