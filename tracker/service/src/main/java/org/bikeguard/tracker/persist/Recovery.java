package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.FrameDecodeException;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.LoggedFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings hot state back from the database: restores the open sightings and lane marks of the last
 * checkpoint into the engine, and replays a lane's frame-log tail (every frame of the lane after a
 * position, in id order) through the same {@link FrameApplier} path as live frames; the buckets'
 * lane marks skip what they already hold. Blocking.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int REPLAY_CHUNK = 2_000;

    private Recovery() {}

    /**
     * Run by the one member that restores the cluster's hot state: loads the last checkpoint's open
     * sightings and lane marks, then replays the tail of every lane not yet finished (a lane is
     * finished when retired and the checkpoint holds it up to its final frame) and retires the
     * lanes of processes that are gone. Lanes of live members (waiting to join) and this process's
     * own lane hold nothing yet and are skipped.
     *
     * @param liveMembers uuids of the cluster's members now
     */
    public static void restoreCluster(
            CheckpointStore store,
            FrameLanes lanes,
            SightingEngine engine,
            FrameApplier applier,
            DataSource ds,
            int ownLane,
            Set<String> liveMembers,
            ToIntFunction<String> stationIdx)
            throws SQLException {
        CheckpointStore.Loaded loaded = store.load().orElse(CheckpointStore.Loaded.none());
        restore(loaded, engine);
        long frames = 0;
        for (FrameLanes.Lane l : lanes.all()) {
            long from = loaded.positionOf(l.lane());
            boolean finished = l.retired() && from >= l.finalPosition();
            if (l.lane() == ownLane || finished || liveMembers.contains(l.owner())) {
                continue;
            }
            frames += replay(ds, l.lane(), from, applier, stationIdx);
            if (!l.retired()) {
                lanes.retire(l.lane());
            }
        }
        LOG.info(
                "recovered [checkpointEpoch: {}, position: {}, replayedFrames: {}]",
                loaded.epoch(),
                loaded.lanePositions().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(0),
                frames);
    }

    /** Loads the checkpoint's open state (if any) into the engine, replacing every bucket. */
    public static void restore(CheckpointStore.Loaded loaded, SightingEngine engine) {
        if (loaded.buckets() == 0) {
            // written before lanes: a consistent cut in any bucket count, without marks
            engine.restore(loaded.openState()).toCompletableFuture().join();
        } else if (loaded.buckets() != engine.config().bucketCount()) {
            throw new IllegalStateException("the checkpoint was written with " + loaded.buckets()
                    + " buckets but BIKEGUARD_BUCKETS is " + engine.config().bucketCount()
                    + "; the bucket count is fixed for the data's life");
        } else {
            engine.restore(loaded.openState(), loaded.marks())
                    .toCompletableFuture()
                    .join();
        }
    }

    /**
     * Replays the frames of {@code lane} after {@code position}; returns how many were read.
     *
     * @param stationIdx maps a station id to its index (-1: unknown, the frame is skipped)
     */
    public static long replay(
            DataSource ds, int lane, long position, FrameApplier applier, ToIntFunction<String> stationIdx)
            throws SQLException {
        long replayed = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, received_at, station, seq, payload "
                    + "FROM frame_log WHERE lane = ? AND id > ? ORDER BY id")) {
                ps.setFetchSize(REPLAY_CHUNK);
                ps.setInt(1, lane);
                ps.setLong(2, position);
                try (ResultSet rs = ps.executeQuery()) {
                    List<LoggedFrame> chunk = new ArrayList<>(REPLAY_CHUNK);
                    while (rs.next()) {
                        LoggedFrame f = toFrame(rs, lane, stationIdx);
                        if (f != null) {
                            chunk.add(f);
                            replayed++;
                        }
                        if (chunk.size() == REPLAY_CHUNK) {
                            applier.applyNow(chunk);
                            chunk = new ArrayList<>(REPLAY_CHUNK);
                        }
                    }
                    if (!chunk.isEmpty()) {
                        applier.applyNow(chunk);
                    }
                }
            }
            c.commit();
        }
        LOG.info("replayed lane [lane: {}, after: {}, frames: {}]", lane, position, replayed);
        return replayed;
    }

    private static LoggedFrame toFrame(ResultSet rs, int lane, ToIntFunction<String> stationIdx) throws SQLException {
        long id = rs.getLong(1);
        String station = rs.getString(3);
        int idx = stationIdx.applyAsInt(station);
        if (idx < 0) {
            LOG.warn("skipping logged frame of an unknown station [id: {}, station: {}]", id, station);
            return null;
        }
        byte[] payload = rs.getBytes(5);
        try {
            Frame frame = FrameCodec.decode(payload);
            return new LoggedFrame(id, lane, rs.getTimestamp(2).getTime(), idx, payload, frame);
        } catch (FrameDecodeException e) {
            LOG.error(
                    "skipping undecodable logged frame [id: {}, station: {}, reason: {}]",
                    id,
                    station,
                    e.reason().metricName());
            return null;
        }
    }
}
