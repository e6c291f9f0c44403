-- The last checkpoint: every frame with id <= frame_log_position has been applied, its closed
-- sightings are in `sightings`, and the open sightings at that moment are in checkpoint_open_state
-- (opaque chunks written by the correlation engine). Written in one transaction.
CREATE TABLE checkpoint (
  id                 smallint PRIMARY KEY CHECK (id = 1),
  epoch              bigint NOT NULL,
  frame_log_position bigint NOT NULL,
  taken_at           timestamptz NOT NULL
);

CREATE TABLE checkpoint_open_state (
  chunk integer PRIMARY KEY,
  state bytea NOT NULL
);
