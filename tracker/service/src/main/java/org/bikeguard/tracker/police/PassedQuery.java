package org.bikeguard.tracker.police;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * "Who passed these stations between from and to": the sightings at the stations that overlap
 * {@code [from, to)}, grouped by tag: the persisted (closed) ones read through the index
 * {@code sightings (station, first_seen)}, merged with the sighting engine's open ones and closed
 * ones not yet checkpointed (the engine's copy wins, as in the sightings API), so a tag passing
 * right now is included. Persisted stays that began more than {@link #LOOKBACK} before
 * {@code from} are not found (the index is bounded on first_seen). Blocking (JDBC); stateless.
 */
final class PassedQuery {

    /** How far before {@code from} a stay may have begun and still be found. */
    static final Duration LOOKBACK = Duration.ofHours(24);
    /** At most this many sightings are read (then the answer is marked truncated). */
    static final int MAX_ROWS = 100_000;

    /** One sighting at one of the stations; times epoch ms UTC; {@code open} while it may still grow. */
    record Pass(String station, long firstSeen, long lastSeen, boolean open) {}

    /** An engine sighting resolved to its station id; times epoch ms UTC. */
    record Live(long tag, String station, long firstSeen, long lastSeen, boolean open) {}

    /** A tag that passed, with its bike when the registry knows it. */
    record Tag(long tag, Long bikeId, String plate, List<Pass> passes) {}

    /** The answer; {@code truncated} when {@link #MAX_ROWS} was reached. */
    record Result(List<Tag> tags, boolean truncated) {}

    private PassedQuery() {}

    /**
     * The persisted sightings merged with {@code engine}'s (its sightings at the stations in the
     * window, any order; asked for once the database has answered). Blocking.
     */
    static Result run(
            DataSource ds,
            List<String> stations,
            Instant from,
            Instant to,
            java.util.function.Supplier<List<Live>> engine)
            throws SQLException {
        Map<Long, List<Pass>> byTag = new LinkedHashMap<>();
        int rows = 0;
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT tag, station, first_seen, last_seen FROM sightings"
                        + " WHERE station = ANY(?) AND first_seen >= ? AND first_seen < ? AND last_seen >= ?"
                        + " ORDER BY tag, first_seen LIMIT ?")) {
            Array ids = c.createArrayOf("text", stations.toArray());
            st.setArray(1, ids);
            st.setObject(2, OffsetDateTime.ofInstant(from.minus(LOOKBACK), ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            st.setObject(4, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            st.setInt(5, MAX_ROWS + 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next() && rows++ < MAX_ROWS) {
                    byTag.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Pass(
                                    rs.getString(2),
                                    rs.getObject(3, OffsetDateTime.class)
                                            .toInstant()
                                            .toEpochMilli(),
                                    rs.getObject(4, OffsetDateTime.class)
                                            .toInstant()
                                            .toEpochMilli(),
                                    false));
                }
            }
        }
        boolean truncated = rows > MAX_ROWS;
        List<Live> live = engine.get();
        merge(byTag, live);
        if (!live.isEmpty()) {
            // the persisted tags came in tag order (signed, as SQL sorts bigint); keep it with the live ones
            Map<Long, List<Pass>> sorted = new java.util.TreeMap<>(byTag);
            byTag = sorted;
        }
        Map<Long, Object[]> bikes = bikes(ds, byTag.keySet());
        List<Tag> out = new ArrayList<>(byTag.size());
        byTag.forEach((tag, passes) -> {
            Object[] b = bikes.get(tag);
            out.add(new Tag(tag, b == null ? null : (Long) b[0], b == null ? null : (String) b[1], passes));
        });
        return new Result(out, truncated);
    }

    /**
     * Adds the engine's sightings to the persisted ones by (tag, station, firstSeen), the engine's
     * copy winning (it may have grown since it was persisted); each tag's passes in firstSeen order.
     */
    static void merge(Map<Long, List<Pass>> byTag, List<Live> live) {
        if (live.isEmpty()) {
            return;
        }
        for (Live l : live) {
            List<Pass> passes = byTag.computeIfAbsent(l.tag(), k -> new ArrayList<>());
            passes.removeIf(p -> p.station().equals(l.station()) && p.firstSeen() == l.firstSeen());
            passes.add(new Pass(l.station(), l.firstSeen(), l.lastSeen(), l.open()));
        }
        Comparator<Pass> order = Comparator.comparingLong(Pass::firstSeen).thenComparing(Pass::station);
        byTag.values().forEach(p -> p.sort(order));
    }

    /**
     * Bike id and plate per tag from the registry's {@code bikes} table (bikes not deregistered);
     * empty when the registry is not there.
     */
    static Map<Long, Object[]> bikes(DataSource ds, java.util.Collection<Long> tags) {
        Map<Long, Object[]> out = new HashMap<>();
        if (tags.isEmpty()) {
            return out;
        }
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT tag, id, plate FROM bikes WHERE tag = ANY(?) AND status <> 'deregistered'")) {
            st.setArray(1, c.createArrayOf("bigint", tags.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Object[] {rs.getLong(2), rs.getString(3)});
                }
            }
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(PassedQuery.class)
                    .debug("no bikes for the tags [error: {}]", e.toString());
        }
        return out;
    }
}
