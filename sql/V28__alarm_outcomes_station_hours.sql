-- Issue 13, alarm triage and situational layers.

-- The outcome of an alarm, set from any console (POST /api/v1/alerts/{id}/outcome) and pushed to
-- every console of the cluster: dispatched (officers sent), intercepted (the bike was stopped),
-- false_alarm. The latest outcome wins; who set it and when (tracker clock, UTC) are kept, every
-- change is also in the audit log (alert.outcome).
ALTER TABLE alerts
  ADD COLUMN outcome      text CHECK (outcome IN ('dispatched', 'intercepted', 'false_alarm')),
  ADD COLUMN outcome_by   text,
  ADD COLUMN outcome_at   timestamptz,
  ADD COLUMN outcome_note text;
-- the outcomes report groups alarms by the day they were raised
CREATE INDEX alerts_raised_at_idx ON alerts (raised_at);

-- Station activity per hour (org.bikeguard.tracker.ingest.StationActivity): every member counts
-- the frames and reads it accepts per station in memory and adds them here once a minute, so the
-- rows are sums over the cluster. An hour is the UTC hour the counts were flushed under (a
-- minute's counts can land in the next hour at an hour boundary). Rows older than 35 days are deleted.
CREATE TABLE station_hours (
  station text NOT NULL,
  hour    timestamptz NOT NULL,
  frames  bigint NOT NULL,
  reads   bigint NOT NULL,
  PRIMARY KEY (station, hour)
);
CREATE INDEX station_hours_hour_idx ON station_hours (hour);

-- The last frame accepted from each station (any member), for "silent stations".
CREATE TABLE station_last_frames (
  station text PRIMARY KEY,
  last_at timestamptz NOT NULL
);
