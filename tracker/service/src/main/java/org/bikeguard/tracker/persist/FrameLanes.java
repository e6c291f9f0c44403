package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The frame-log lanes ({@code frame_lanes}): each tracker process claims a new lane at start and
 * appends only to it; a lane whose owner is gone is replayed by a survivor and then retired.
 * Blocking; call from worker threads. Thread-safe (no state besides the data source).
 */
public final class FrameLanes {

    /**
     * One lane.
     *
     * @param lane          the lane id
     * @param owner         the Hazelcast member uuid of the process that appends to it
     * @param retired       whether its tail has been applied by a survivor after its owner left
     * @param finalPosition a retired lane's highest frame id (0 when it logged none)
     */
    public record Lane(int lane, String owner, boolean retired, long finalPosition) {}

    private final DataSource ds;
    private final Clock clock;

    public FrameLanes(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Claims a new lane for the member {@code owner}; returns its id. */
    public int claim(String owner) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO frame_lanes (owner, state, started_at) VALUES (?, 'active', ?) RETURNING lane")) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every lane, in id order. */
    public List<Lane> all() throws SQLException {
        List<Lane> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT lane, owner, state, coalesce(final_position, 0) FROM frame_lanes ORDER BY lane");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Lane(rs.getInt(1), rs.getString(2), "retired".equals(rs.getString(3)), rs.getLong(4)));
            }
        }
        return out;
    }

    /**
     * Retires a lane after its tail was applied: records its highest frame id. Only call once its
     * owner is gone (it appends nothing more). Returns the final position (0: no frame).
     */
    public long retire(int lane) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE frame_lanes SET state = 'retired', retired_at = ?, "
                        + "final_position = (SELECT max(id) FROM frame_log WHERE lane = ?) "
                        + "WHERE lane = ? RETURNING coalesce(final_position, 0)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setInt(2, lane);
            ps.setInt(3, lane);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
