package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.Snapshot;
import org.bikeguard.tracker.db.PgBinaryCopy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes and reads checkpoints. One checkpoint is one transaction ({@link Txn}) that holds the
 * {@code checkpoint} row locked from before the snapshot to the commit, so checkpoints of the
 * cluster are numbered one after the other: the closed sightings of the cut are appended to
 * {@code sightings} (binary COPY), each bucket's open state and lane marks replace
 * {@code checkpoint_open_state}, {@code checkpoint_lanes} records per frame-log lane the position
 * below which every frame is in that state, and the {@code checkpoint} row the epoch. Blocking;
 * call from a worker thread. Thread-safe (no shared mutable state besides the data source).
 */
public final class CheckpointStore {

    private static final String COPY_SIGHTINGS =
            "COPY sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags) FROM STDIN (FORMAT binary)";

    /**
     * A loaded checkpoint.
     *
     * @param epoch         its epoch (0: none yet)
     * @param buckets       the bucket count its open state was written with, 0 when written before
     *                      lanes (chunks in any count, no marks)
     * @param openState     open sightings, one chunk per bucket
     * @param marks         each bucket's lane marks (empty before lanes)
     * @param lanePositions per lane, the position up to which its frames are in the state
     */
    public record Loaded(
            long epoch, int buckets, List<byte[]> openState, List<byte[]> marks, Map<Integer, Long> lanePositions) {
        /** No checkpoint yet. */
        public static Loaded none() {
            return new Loaded(0, 0, List.of(), List.of(), Map.of());
        }

        /** Where replay of {@code lane} starts: its position, 0 when the checkpoint does not know it. */
        public long positionOf(int lane) {
            return lanePositions.getOrDefault(lane, 0L);
        }
    }

    private final DataSource dataSource;
    private final IntFunction<String> stationIdOf;

    /**
     * @param stationIdOf maps a station index to its id (for the {@code sightings.station} column)
     */
    public CheckpointStore(DataSource dataSource, IntFunction<String> stationIdOf) {
        this.dataSource = dataSource;
        this.stationIdOf = stationIdOf;
    }

    /** Starts a checkpoint: locks the checkpoint row (waits while another member writes one). */
    public Txn begin() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO checkpoint (id, epoch, frame_log_position, taken_at) "
                        + "VALUES (1, 0, 0, now()) ON CONFLICT (id) DO NOTHING");
            }
            c.setAutoCommit(false);
            long committed;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT epoch FROM checkpoint WHERE id = 1 FOR UPDATE")) {
                rs.next();
                committed = rs.getLong(1);
            }
            return new Txn(c, committed);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** One checkpoint being written; close without {@link #commit} rolls it back. Not thread-safe. */
    public final class Txn implements AutoCloseable {
        private final Connection c;
        private final long committedEpoch;
        private boolean done;

        private Txn(Connection c, long committedEpoch) {
            this.c = c;
            this.committedEpoch = committedEpoch;
        }

        /** The epoch of the last committed checkpoint (0: none); this one is the next. */
        public long committedEpoch() {
            return committedEpoch;
        }

        /**
         * Writes the cut and commits; returns the number of closed sightings persisted.
         *
         * @param positions per lane, the frame-log position whose frames are all in the snapshot
         * @param buckets   the engine's bucket count (one open-state chunk per bucket)
         */
        public int commit(Snapshot snapshot, Map<Integer, Long> positions, int buckets) throws SQLException {
            int n = copySightings(c, snapshot.closed());
            replaceOpenState(c, snapshot.openState(), snapshot.marks());
            replaceLanePositions(c, positions);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE checkpoint SET epoch = ?, buckets = ?, taken_at = ?, frame_log_position = ? WHERE id = 1")) {
                ps.setLong(1, snapshot.epoch());
                ps.setInt(2, buckets);
                ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                ps.setLong(
                        4,
                        positions.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0));
                ps.executeUpdate();
            }
            c.commit();
            done = true;
            return n;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!done) {
                    c.rollback();
                }
            } finally {
                c.close();
            }
        }
    }

    /** Per lane, the position of the last committed checkpoint. */
    public Map<Integer, Long> lanePositions() throws SQLException {
        Map<Integer, Long> positions = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT lane, position FROM checkpoint_lanes ORDER BY lane")) {
            while (rs.next()) {
                positions.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return positions;
    }

    /** The last checkpoint, if any. */
    public Optional<Loaded> load() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            long epoch;
            int buckets;
            try (ResultSet rs = st.executeQuery("SELECT epoch, coalesce(buckets, 0) FROM checkpoint WHERE id = 1")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                epoch = rs.getLong(1);
                buckets = rs.getInt(2);
            }
            List<byte[]> chunks = new ArrayList<>();
            List<byte[]> marks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT state, marks FROM checkpoint_open_state ORDER BY chunk")) {
                while (rs.next()) {
                    chunks.add(rs.getBytes(1));
                    marks.add(rs.getBytes(2));
                }
            }
            Map<Integer, Long> positions = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT lane, position FROM checkpoint_lanes ORDER BY lane")) {
                while (rs.next()) {
                    positions.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return Optional.of(new Loaded(epoch, buckets, chunks, marks, positions));
        }
    }

    private int copySightings(Connection c, List<Sighting> closed) throws SQLException {
        if (closed.isEmpty()) {
            return 0;
        }
        PgBinaryCopy copy = new PgBinaryCopy();
        for (Sighting s : closed) {
            copy.row(7)
                    .int8(s.tag())
                    .text(stationIdOf.apply(s.station()))
                    .timestampMillis(s.firstSeen())
                    .timestampMillis(s.lastSeen())
                    .int8(s.reads())
                    .int2(s.peakRssi())
                    .int2(s.flags());
        }
        int n = copy.finish();
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SIGHTINGS);
        in.writeToCopy(copy.buffer(), 0, n);
        in.endCopy();
        return closed.size();
    }

    private static void replaceOpenState(Connection c, List<byte[]> chunks, List<byte[]> marks) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM checkpoint_open_state");
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO checkpoint_open_state (chunk, state, marks) VALUES (?, ?, ?)")) {
            for (int i = 0; i < chunks.size(); i++) {
                ps.setInt(1, i);
                ps.setBytes(2, chunks.get(i));
                ps.setBytes(3, i < marks.size() ? marks.get(i) : new byte[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void replaceLanePositions(Connection c, Map<Integer, Long> positions) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM checkpoint_lanes");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint_lanes (lane, position) VALUES (?, ?)")) {
            for (Map.Entry<Integer, Long> e : positions.entrySet()) {
                ps.setInt(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
