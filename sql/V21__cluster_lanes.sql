-- The cluster as one tracker. Every tracker process appends to its own frame-log lane; every
-- hot-state bucket remembers per lane the highest frame it holds, so a replay applies each frame
-- once whichever member logged it (see docs/architecture.md, "Cluster semantics").

-- One row per tracker process start: the lane it appends to. A lane is retired once its owner is
-- gone and a survivor (or the next start) has applied its tail; final_position is then its
-- highest frame id (NULL: it logged none).
CREATE SEQUENCE frame_lane_seq START 1;
CREATE TABLE frame_lanes (
  lane           integer PRIMARY KEY DEFAULT nextval('frame_lane_seq'),
  owner          text NOT NULL,
  state          text NOT NULL CHECK (state IN ('active', 'retired')),
  started_at     timestamptz NOT NULL,
  retired_at     timestamptz,
  final_position bigint
);
-- Frames logged before lanes existed form lane 0, replayed (from the checkpoint) and retired once.
INSERT INTO frame_lanes (lane, owner, state, started_at) VALUES (0, 'before-lanes', 'active', now());

ALTER TABLE frame_log ADD COLUMN lane integer NOT NULL DEFAULT 0;
CREATE INDEX frame_log_lane_id_idx ON frame_log (lane, id);
DROP INDEX frame_log_id_idx;

-- Per lane, the frame-log position of the last checkpoint: every frame of the lane with an id at
-- or below it is in the checkpoint's state. The epoch row stays in `checkpoint`.
CREATE TABLE checkpoint_lanes (
  lane     integer PRIMARY KEY,
  position bigint NOT NULL
);
INSERT INTO checkpoint_lanes (lane, position) SELECT 0, frame_log_position FROM checkpoint WHERE id = 1;
-- The bucket count the open state was written with (one chunk per bucket, with its lane marks);
-- NULL for checkpoints from before lanes (chunks in any count, no marks).
ALTER TABLE checkpoint ADD COLUMN buckets integer;
ALTER TABLE checkpoint_open_state ADD COLUMN marks bytea NOT NULL DEFAULT ''::bytea;

-- Cluster-wide, durable redelivery detection: per station the last 1,024 sequence numbers logged
-- (slot = seq mod 1024), written in the same transaction as the frames. A (station, seq) already
-- here is a resend of a logged frame: acknowledged again, never logged or counted twice, whichever
-- member logged it and however long ago. Updated in place (HOT), so the table does not grow.
CREATE TABLE frame_dedup (
  station  text NOT NULL,
  slot     integer NOT NULL,
  seq      bigint NOT NULL,
  frame_id bigint NOT NULL,
  PRIMARY KEY (station, slot)
) WITH (fillfactor = 70);
