package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.Snapshot;
import org.bikeguard.tracker.db.PgBinaryCopy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes and reads checkpoints. One checkpoint, in one transaction: the closed sightings of the
 * cut are appended to {@code sightings} (binary COPY), the open state replaces
 * {@code checkpoint_open_state}, and the {@code checkpoint} row records the frame-log position.
 * So after a crash the database always holds a consistent cut, and replaying the frame log after
 * its position counts every acknowledged read exactly once. Blocking; call from a worker thread.
 * Thread-safe (no shared mutable state besides the data source).
 */
public final class CheckpointStore {

    private static final String COPY_SIGHTINGS =
            "COPY sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags) FROM STDIN (FORMAT binary)";

    /** A loaded checkpoint. */
    public record Loaded(long epoch, long position, List<byte[]> openState) {}

    private final DataSource dataSource;
    private final IntFunction<String> stationIdOf;

    /**
     * @param stationIdOf maps a station index to its id (for the {@code sightings.station} column)
     */
    public CheckpointStore(DataSource dataSource, IntFunction<String> stationIdOf) {
        this.dataSource = dataSource;
        this.stationIdOf = stationIdOf;
    }

    /** Writes the cut atomically; returns the number of closed sightings persisted. */
    public int write(Snapshot snapshot, long position) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = copySightings(c, snapshot.closed());
                replaceOpenState(c, snapshot.openState());
                upsertCheckpoint(c, snapshot.epoch(), position);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The last checkpoint, if any. */
    public Optional<Loaded> load() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            long epoch;
            long position;
            try (ResultSet rs = st.executeQuery("SELECT epoch, frame_log_position FROM checkpoint WHERE id = 1")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                epoch = rs.getLong(1);
                position = rs.getLong(2);
            }
            List<byte[]> chunks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT state FROM checkpoint_open_state ORDER BY chunk")) {
                while (rs.next()) {
                    chunks.add(rs.getBytes(1));
                }
            }
            return Optional.of(new Loaded(epoch, position, chunks));
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

    private static void replaceOpenState(Connection c, List<byte[]> chunks) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM checkpoint_open_state");
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO checkpoint_open_state (chunk, state) VALUES (?, ?)")) {
            for (int i = 0; i < chunks.size(); i++) {
                ps.setInt(1, i);
                ps.setBytes(2, chunks.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertCheckpoint(Connection c, long epoch, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO checkpoint (id, epoch, frame_log_position, taken_at) VALUES (1, ?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET epoch = excluded.epoch, "
                        + "frame_log_position = excluded.frame_log_position, taken_at = excluded.taken_at")) {
            ps.setLong(1, epoch);
            ps.setLong(2, position);
            ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            ps.executeUpdate();
        }
    }
}
