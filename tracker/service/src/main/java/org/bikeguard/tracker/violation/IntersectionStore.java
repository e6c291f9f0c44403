package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.bikeguard.common.web.ConflictException;

/**
 * The tables {@code intersection} and {@code intersection_zone} (sql/V33). Blocking (JDBC): call
 * from a worker. Thread-safe.
 */
final class IntersectionStore {

    private final DataSource ds;
    private final Clock clock;

    IntersectionStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Saves intersections in one transaction, each replacing its earlier record.
     *
     * @throws ConflictException when a station or controller already belongs to another intersection
     */
    void saveAll(List<Intersection> xs) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Intersection x : xs) {
                    save(c, x);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void save(Connection c, Intersection x) throws SQLException {
        Set<String> stations = new LinkedHashSet<>();
        for (Intersection.Approach a : x.approaches()) {
            stations.add(a.station());
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT DISTINCT station, intersection_id FROM intersection_zone WHERE station = ANY (?) AND intersection_id <> ?")) {
            st.setArray(1, c.createArrayOf("text", stations.toArray()));
            st.setString(2, x.id());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    throw new ConflictException(
                            "station " + rs.getString(1) + " belongs to intersection " + rs.getString(2),
                            new JsonObject());
                }
            }
        }
        if (x.controller() != null) {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT id FROM intersection WHERE controller = ? AND id <> ?")) {
                st.setString(1, x.controller());
                st.setString(2, x.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        throw new ConflictException(
                                "controller " + x.controller() + " belongs to intersection " + rs.getString(1),
                                new JsonObject());
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO intersection (id, name, lon, lat, controller, feature, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, lon = excluded.lon, lat = excluded.lat,"
                        + " controller = excluded.controller, feature = excluded.feature, updated_at = excluded.updated_at")) {
            st.setString(1, x.id());
            st.setString(2, x.name());
            st.setDouble(3, x.lon());
            st.setDouble(4, x.lat());
            st.setString(5, x.controller());
            st.setString(6, IntersectionJson.feature(x).encode());
            st.setTimestamp(7, Timestamp.from(clock.instant()));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM intersection_zone WHERE intersection_id = ?")) {
            st.setString(1, x.id());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO intersection_zone (intersection_id, approach, station, antenna, role, movement, lane, direction)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Zone z : x.zones()) {
                st.setString(1, x.id());
                st.setString(2, z.approach());
                st.setString(3, z.station());
                st.setShort(4, (short) z.antenna());
                st.setString(5, z.role());
                st.setString(6, z.movement());
                st.setString(7, z.lane());
                st.setString(8, z.direction());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Every intersection. */
    List<Intersection> all() throws SQLException {
        return query("SELECT id, feature::text FROM intersection ORDER BY id", null);
    }

    /** One intersection, or null. */
    Intersection get(String id) throws SQLException {
        List<Intersection> l = query("SELECT id, feature::text FROM intersection WHERE id = ?", id);
        return l.isEmpty() ? null : l.get(0);
    }

    private List<Intersection> query(String sql, String id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            if (id != null) {
                st.setString(1, id);
            }
            List<Intersection> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(IntersectionJson.parse(new JsonObject(rs.getString(2)), rs.getString(1)));
                }
            }
            return out;
        }
    }
}
