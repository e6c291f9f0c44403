package org.bikeguard.tracker.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the trails {@link Dens} scores: the stolen bikes (theft cases reported, confirmed or
 * recovered, stolen before {@code to} and not recovered before {@code from}) and each one's
 * closed sightings between its theft (or {@code from}) and its recovery (or {@code to}), through
 * the index {@code sightings (tag, first_seen)}. Blocking (JDBC); stateless.
 */
final class DenQuery {

    /** A stolen bike's case: its tag, case number (may be null), plate; times epoch ms UTC. */
    record Stolen(long tag, String caseNo, String plate, long stolenAt, long until) {}

    /** The stolen bikes and their trails in a window. */
    record Trails(Map<Long, Stolen> stolen, Map<Long, List<Dens.Sighting>> trails) {}

    private DenQuery() {}

    static Trails run(DataSource ds, Instant from, Instant to) throws SQLException {
        Map<Long, Stolen> stolen = new LinkedHashMap<>();
        Map<Long, List<Dens.Sighting>> trails = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT b.tag, c.case_no, b.plate, c.stolen_at, c.recovered_at FROM theft_cases c"
                            + " JOIN bikes b ON b.id = c.bike_id WHERE b.tag IS NOT NULL"
                            + " AND c.status IN ('reported', 'confirmed', 'recovered') AND c.stolen_at < ?"
                            + " AND (c.recovered_at IS NULL OR c.recovered_at > ?) ORDER BY c.stolen_at")) {
                st.setTimestamp(1, Timestamp.from(to));
                st.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp rec = rs.getTimestamp(5);
                        long until = rec == null ? to.toEpochMilli() : Math.min(to.toEpochMilli(), rec.getTime());
                        stolen.put(
                                rs.getLong(1),
                                new Stolen(
                                        rs.getLong(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getTimestamp(4).getTime(),
                                        until));
                    }
                }
            }
            if (stolen.isEmpty()) {
                return new Trails(stolen, trails);
            }
            try (PreparedStatement st = c.prepareStatement("SELECT tag, station, first_seen, last_seen FROM sightings"
                    + " WHERE tag = ANY(?) AND first_seen >= ? AND first_seen < ? ORDER BY tag, first_seen")) {
                st.setArray(1, c.createArrayOf("bigint", stolen.keySet().toArray()));
                st.setObject(2, CompanionQuery.utc(from));
                st.setObject(3, CompanionQuery.utc(to));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long tag = rs.getLong(1);
                        Stolen s = stolen.get(tag);
                        long first = CompanionQuery.millis(rs, 3);
                        if (first >= s.stolenAt() && first < s.until()) {
                            trails.computeIfAbsent(tag, k -> new ArrayList<>())
                                    .add(new Dens.Sighting(tag, rs.getString(2), first, CompanionQuery.millis(rs, 4)));
                        }
                    }
                }
            }
        }
        return new Trails(stolen, trails);
    }
}
