package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bikeguard.tracker.trajectory.IsoTimes;

/** The {@code zone} and {@code zone_event} tables. Stateless and thread-safe; blocking (JDBC). */
final class ZoneStore {

    private final DataSource ds;

    ZoneStore(DataSource ds) {
        this.ds = ds;
    }

    /** Inserts or replaces a zone; returns whether it was new. */
    boolean save(Zone z, String by, Instant now) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO zone (id, name, kind, geometry, listed,"
                        + " stations, grace_s, fine_fen, updated_at, updated_by) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,"
                        + " geometry = EXCLUDED.geometry, listed = EXCLUDED.listed, stations = EXCLUDED.stations,"
                        + " grace_s = EXCLUDED.grace_s, fine_fen = EXCLUDED.fine_fen,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by"
                        + " RETURNING (xmax = 0)")) {
            st.setString(1, z.id());
            st.setString(2, z.name());
            st.setString(3, z.kind().wire());
            st.setString(4, z.geometry() == null ? null : z.geometry().encode());
            st.setArray(5, c.createArrayOf("text", z.listed().toArray()));
            st.setArray(6, c.createArrayOf("text", z.stations().toArray()));
            st.setInt(7, z.graceS());
            st.setLong(8, z.fineFen());
            st.setObject(9, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.setString(10, by);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    List<Zone> all() throws SQLException {
        return query("", null);
    }

    Optional<Zone> get(String id) throws SQLException {
        return query(" WHERE id = ?", id).stream().findFirst();
    }

    private List<Zone> query(String where, String id) throws SQLException {
        List<Zone> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, name, kind, geometry::text, listed, stations, grace_s, fine_fen FROM zone" + where
                                + " ORDER BY id")) {
            if (id != null) {
                st.setString(1, id);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String g = rs.getString(4);
                    out.add(new Zone(
                            rs.getString(1),
                            rs.getString(2),
                            ZoneKind.fromWire(rs.getString(3)),
                            g == null ? null : new JsonObject(g),
                            strings(rs.getArray(5)),
                            strings(rs.getArray(6)),
                            rs.getInt(7),
                            rs.getLong(8)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** The newest event's id (0 when none). */
    long lastEventId() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT coalesce(max(id), 0) FROM zone_event");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Events with id above {@code afterId}, oldest first, at most {@code limit}; of one zone, or
     * (zoneId null) of every zone of {@code kind}. With the bike's plate where known.
     */
    JsonArray events(String zoneId, String kind, long afterId, int limit) throws SQLException {
        JsonArray out = new JsonArray();
        String where = zoneId != null ? "e.zone_id = ?" : "e.kind = ?";
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT e.id, e.zone_id, z.name, z.kind, e.kind, e.tag,"
                        + " b.plate, e.station, e.enter_at, e.at, f.id, f.amount_fen, f.state FROM zone_event e"
                        + " JOIN zone z ON z.id = e.zone_id LEFT JOIN bikes b ON b.id = e.bike_id"
                        + " LEFT JOIN fine f ON f.zone_event_id = e.id WHERE " + where
                        + " AND e.id > ? ORDER BY e.id LIMIT ?")) {
            st.setString(1, zoneId != null ? zoneId : kind);
            st.setLong(2, afterId);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    JsonObject e = new JsonObject()
                            .put("id", rs.getLong(1))
                            .put("zone", rs.getString(2))
                            .put("zoneName", rs.getString(3))
                            .put("zoneKind", rs.getString(4))
                            .put("kind", rs.getString(5))
                            .put("tag", Long.toHexString(rs.getLong(6)).toUpperCase(java.util.Locale.ROOT))
                            .put("plate", rs.getString(7))
                            .put("station", rs.getString(8))
                            .put(
                                    "enter",
                                    IsoTimes.format(rs.getObject(9, OffsetDateTime.class)
                                            .toInstant()))
                            .put(
                                    "at",
                                    IsoTimes.format(rs.getObject(10, OffsetDateTime.class)
                                            .toInstant()));
                    long fine = rs.getLong(11);
                    if (!rs.wasNull()) {
                        e.put(
                                "fine",
                                new JsonObject()
                                        .put("id", fine)
                                        .put("amountFen", rs.getLong(12))
                                        .put("state", rs.getString(13)));
                    }
                    out.add(e);
                }
            }
        }
        return out;
    }
}
