package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The table {@code violation} (sql/V32): detection inserts (a passage already stored, by this or
 * another member or a replay, is left as it is), the API queries. Blocking (JDBC): call from a
 * worker. Thread-safe.
 */
final class ViolationStore {

    private static final String INSERT = "INSERT INTO violation"
            + " (tag, bike_id, kind, intersection_id, at, confidence, evidence, detected_at)"
            + " VALUES (?, (SELECT id FROM bikes WHERE tag = ? AND status <> 'deregistered' ORDER BY id DESC LIMIT 1),"
            + " ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (tag, intersection_id, kind, at) DO NOTHING";

    /** One stored violation as the API lists it. */
    record Row(
            long id,
            long tag,
            String plate,
            String kind,
            String intersection,
            Instant at,
            double confidence,
            JsonObject evidence,
            Instant detectedAt) {}

    private final DataSource ds;

    ViolationStore(DataSource ds) {
        this.ds = ds;
    }

    /** Inserts in one transaction; per violation whether its row is new. */
    boolean[] insertAll(List<Violation> vs, Instant detectedAt) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                for (Violation v : vs) {
                    st.setLong(1, v.tag());
                    st.setLong(2, v.tag());
                    st.setString(3, v.kind().wire());
                    st.setString(4, v.intersection());
                    st.setTimestamp(5, new Timestamp(v.at()));
                    st.setFloat(6, (float) Math.max(0, Math.min(1, v.confidence())));
                    st.setString(7, v.evidence().encode());
                    st.setTimestamp(8, Timestamp.from(detectedAt));
                    st.addBatch();
                }
                int[] n = st.executeBatch();
                c.commit();
                boolean[] out = new boolean[n.length];
                for (int i = 0; i < n.length; i++) {
                    out[i] = n[i] == 1;
                }
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Violations with {@code from <= at < to}, optionally of one kind and one intersection, oldest first. */
    List<Row> query(Instant from, Instant to, String kind, String intersection, int limit) throws SQLException {
        StringBuilder sql =
                new StringBuilder("SELECT v.id, v.tag, b.plate, v.kind, v.intersection_id, v.at, v.confidence,"
                        + " v.evidence::text, v.detected_at FROM violation v LEFT JOIN bikes b ON b.id = v.bike_id"
                        + " WHERE v.at >= ? AND v.at < ?");
        if (kind != null) {
            sql.append(" AND v.kind = ?");
        }
        if (intersection != null) {
            sql.append(" AND v.intersection_id = ?");
        }
        sql.append(" ORDER BY v.at, v.id LIMIT ?");
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            st.setTimestamp(i++, Timestamp.from(from));
            st.setTimestamp(i++, Timestamp.from(to));
            if (kind != null) {
                st.setString(i++, kind);
            }
            if (intersection != null) {
                st.setString(i++, intersection);
            }
            st.setInt(i, limit);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getFloat(7),
                            new JsonObject(rs.getString(8)),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return out;
        }
    }
}
