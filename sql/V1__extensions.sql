-- bikeguard schema, step 1: use TimescaleDB when the server offers it.
-- The extension is created only when it is installed AND preloaded (shared_preload_libraries), and
-- the operator has not turned it off (placeholder ${timescale} = 'off'). Every later migration
-- checks pg_extension and takes the plain-PostgreSQL path when it is absent.
DO $$
BEGIN
  IF '${timescale}' <> 'off'
     AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
     AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%' THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;
