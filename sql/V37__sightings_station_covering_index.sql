-- "Who was at these stations around these times" (companions, who passed) read the tag beside
-- station and first read: with the tag in the index those reads are index-only scans and fetch no
-- sightings rows (a week of a city is tens of millions of rows). Replaces V20's index on
-- (station, first_seen); works the same on a TimescaleDB hypertable and a partitioned table.
CREATE INDEX IF NOT EXISTS sightings_station_tag_idx ON sightings (station, first_seen) INCLUDE (tag);
DROP INDEX IF EXISTS sightings_station_idx;
