-- A station that restarts its seq counter (a firmware reset, a lost flash counter) sends new frames
-- under seqs it used before. frame_dedup tells those from resends by a digest of the frame's reads
-- (org.bikeguard.tracker.ingest.FrameDigest): same seq and same digest is a resend (acknowledged,
-- not logged again); same seq and another digest is a new frame, logged, and seq_reused marks the
-- row it rewrote so that the writer can count the restart. Rows from before this migration have no
-- digest and keep matching any content (the old rule), until the slot is next rewritten.
ALTER TABLE frame_dedup
  ADD COLUMN digest bigint,
  ADD COLUMN seq_reused boolean NOT NULL DEFAULT false;

-- The seqRestart health flag: one row per station that has reused a seq since an admin last
-- cleared it (GET /api/v1/stations/{id}/health). An episode is a run of reused seqs less than
-- ten minutes apart; since and episode_frames describe the current one.
CREATE TABLE station_seq_restarts (
  station        text PRIMARY KEY,
  since          timestamptz NOT NULL,
  last_at        timestamptz NOT NULL,
  last_seq       bigint NOT NULL,
  episode_frames bigint NOT NULL,
  frames         bigint NOT NULL,
  episodes       integer NOT NULL
);
