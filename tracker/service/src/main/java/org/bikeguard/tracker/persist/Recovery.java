package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.FrameDecodeException;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.LoggedFrame;
import org.bikeguard.tracker.ingest.RedeliveryFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the hot state back after a restart: restores the open sightings of the last checkpoint,
 * then replays the frame log's tail (every frame after the checkpoint's position, in id order)
 * through the same {@link FrameApplier} path as live frames, and refills the redelivery filter so
 * that frames the stations resend are recognised. Blocking; runs once at start before MQTT opens.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int REPLAY_CHUNK = 2_000;
    /** Frames this recent are remembered for redelivery detection even if before the checkpoint. */
    private static final Duration RECENT = Duration.ofMinutes(15);

    /** What the recovery found. */
    public record Result(long epoch, long position, long replayedFrames) {}

    private Recovery() {}

    /** Loads the checkpoint (if any) into the engine and returns its epoch and frame-log position. */
    public static CheckpointStore.Loaded restore(CheckpointStore store, SightingEngine engine) throws SQLException {
        CheckpointStore.Loaded loaded = store.load().orElse(new CheckpointStore.Loaded(0, 0, List.of()));
        engine.restore(loaded.openState()).toCompletableFuture().join();
        return loaded;
    }

    /**
     * Replays frames after {@code position} and refills {@code redeliveries}.
     *
     * @param clock the tracker's clock: frames it received within the last 15 minutes of it (their
     *              {@code received_at} is stamped by the same clock) are remembered as redelivery
     *              candidates even when they lie before the checkpoint
     */
    public static Result replay(
            DataSource ds,
            CheckpointStore.Loaded from,
            FrameApplier applier,
            RedeliveryFilter redeliveries,
            ToIntFunction<String> stationIdx,
            Clock clock)
            throws SQLException {
        long replayed = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            rememberRecent(c, from.position(), redeliveries, clock);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, received_at, station, seq, payload FROM frame_log WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(REPLAY_CHUNK);
                ps.setLong(1, from.position());
                try (ResultSet rs = ps.executeQuery()) {
                    List<LoggedFrame> chunk = new ArrayList<>(REPLAY_CHUNK);
                    while (rs.next()) {
                        LoggedFrame f = toFrame(rs, stationIdx);
                        redeliveries.remember(rs.getString(3), rs.getLong(4), rs.getLong(1));
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
        LOG.info(
                "recovered [checkpointEpoch: {}, position: {}, replayedFrames: {}]",
                from.epoch(),
                from.position(),
                replayed);
        return new Result(from.epoch(), applier.position(), replayed);
    }

    private static void rememberRecent(Connection c, long position, RedeliveryFilter redeliveries, Clock clock)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT station, seq, id FROM frame_log WHERE id <= ? AND received_at > ? ORDER BY id")) {
            ps.setFetchSize(REPLAY_CHUNK);
            ps.setLong(1, position);
            ps.setTimestamp(2, Timestamp.from(clock.instant().minus(RECENT)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    redeliveries.remember(rs.getString(1), rs.getLong(2), rs.getLong(3));
                }
            }
        }
    }

    private static LoggedFrame toFrame(ResultSet rs, ToIntFunction<String> stationIdx) throws SQLException {
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
            return new LoggedFrame(id, rs.getTimestamp(2).getTime(), idx, payload, frame);
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
