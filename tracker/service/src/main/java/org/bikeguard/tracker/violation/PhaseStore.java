package org.bikeguard.tracker.violation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The phase history, table {@code signal_phase} (sql/V33). Blocking (JDBC): call from a worker. Thread-safe. */
final class PhaseStore {

    private final DataSource ds;

    PhaseStore(DataSource ds) {
        this.ds = ds;
    }

    /** Stores a message; {@code false} when its (intersection, seq) is known (a redelivery). */
    boolean insert(PhaseMessage m, Instant receivedAt) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO signal_phase (intersection_id, seq, at, green, amber, received_at) VALUES (?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")) {
            st.setString(1, m.intersection());
            st.setLong(2, m.seq());
            st.setTimestamp(3, new Timestamp(m.at()));
            st.setArray(4, c.createArrayOf("text", m.green().stream().sorted().toArray()));
            st.setArray(5, c.createArrayOf("text", m.amber().stream().sorted().toArray()));
            st.setTimestamp(6, Timestamp.from(receivedAt));
            return st.executeUpdate() == 1;
        }
    }

    /** Messages with {@code at >= since} (all intersections, or one when {@code intersection} is not null), oldest first. */
    List<PhaseMessage> since(Instant since, String intersection, int limit) throws SQLException {
        String sql = "SELECT intersection_id, seq, at, green, amber FROM signal_phase WHERE at >= ?"
                + (intersection == null ? "" : " AND intersection_id = ?") + " ORDER BY at, seq LIMIT ?";
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setTimestamp(i++, Timestamp.from(since));
            if (intersection != null) {
                st.setString(i++, intersection);
            }
            st.setInt(i, limit);
            List<PhaseMessage> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new PhaseMessage(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getTimestamp(3).getTime(),
                            strings(rs.getArray(4)),
                            strings(rs.getArray(5))));
                }
            }
            return out;
        }
    }

    private static Set<String> strings(Array a) throws SQLException {
        return Set.of((String[]) a.getArray());
    }
}
