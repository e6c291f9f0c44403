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
 * recovered, stolen before {@code to} and not recovered before {@code from}), the tags each
 * carried (its {@code tag_bindings}: a tag counts from its binding, the bike's first tag from
 * the beginning, until it was replaced), and each bike's closed sightings of those tags between
 * its theft (or {@code from}) and its recovery (or {@code to}), through the index
 * {@code sightings (tag, first_seen)}, merged with the sighting engine's ({@link Live}). A bike's theft place is the station of its sighting that
 * began before the theft and lasted until at most {@link #THEFT_PLACE_MS} before it (where it
 * stood when taken), looked for in the day before {@code from} at the earliest. Blocking (JDBC);
 * stateless.
 */
final class DenQuery {

    /** A sighting ending at most this long before the theft time shows where the bike was taken, ms. */
    static final long THEFT_PLACE_MS = 60 * 60_000L;

    private static final long DAY_MS = 86_400_000L;

    /** A stolen bike's case (the key of its trail): case number (may be null), plate; times epoch ms UTC. */
    record Stolen(long caseId, String caseNo, String plate, long stolenAt, long until) {}

    /** The stolen bikes and their trails in a window, both by case id. */
    record Trails(Map<Long, Stolen> stolen, Map<Long, Dens.Trail> trails) {}

    /**
     * The sighting engine's sightings of some tags: open ones and closed ones not yet persisted
     * (a bike standing in a den is one open sighting until it leaves), with station ids.
     */
    interface Live {
        /** None: the database only. */
        Live NONE = tags -> List.of();

        /** The engine's sightings of {@code tags}; may block briefly; an engine that fails gives none. */
        List<Dens.Sighting> of(java.util.Collection<Long> tags);
    }

    /** A tag on a stolen bike during {@code [from, to)}, epoch ms UTC. */
    private record Carried(long caseId, long from, long to) {}

    private DenQuery() {}

    static Trails run(DataSource ds, Instant from, Instant to) throws SQLException {
        return run(ds, from, to, Live.NONE);
    }

    /** As the other {@code run}, with the engine's {@code live} sightings merged in (one per tag, station and first read). */
    static Trails run(DataSource ds, Instant from, Instant to, Live live) throws SQLException {
        Map<Long, Stolen> stolen = new LinkedHashMap<>();
        Map<Long, Long> bikeOf = new HashMap<>();
        Map<Long, Long> tagOf = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT c.id, c.case_no, b.plate, c.stolen_at, c.recovered_at, b.id, b.tag FROM theft_cases c"
                            + " JOIN bikes b ON b.id = c.bike_id"
                            + " WHERE c.status IN ('reported', 'confirmed', 'recovered') AND c.stolen_at < ?"
                            + " AND (c.recovered_at IS NULL OR c.recovered_at > ?) ORDER BY c.stolen_at")) {
                st.setTimestamp(1, Timestamp.from(to));
                st.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp rec = rs.getTimestamp(5);
                        long until = rec == null ? to.toEpochMilli() : Math.min(to.toEpochMilli(), rec.getTime());
                        long id = rs.getLong(1);
                        stolen.put(
                                id,
                                new Stolen(
                                        id,
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getTimestamp(4).getTime(),
                                        until));
                        bikeOf.put(id, rs.getLong(6));
                        long tag = rs.getLong(7);
                        if (!rs.wasNull()) {
                            tagOf.put(id, tag);
                        }
                    }
                }
            }
            Map<Long, Dens.Trail> trails = new HashMap<>();
            if (stolen.isEmpty()) {
                return new Trails(stolen, trails);
            }
            Map<Long, List<Carried>> carried = carried(c, stolen, bikeOf, tagOf);
            if (carried.isEmpty()) {
                return new Trails(stolen, trails);
            }
            Map<String, Dens.Sighting> rows = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT tag, station, first_seen, last_seen FROM sightings"
                    + " WHERE tag = ANY(?) AND first_seen >= ? AND first_seen < ? ORDER BY first_seen")) {
                st.setArray(1, c.createArrayOf("bigint", carried.keySet().toArray()));
                st.setObject(2, CompanionQuery.utc(from.minusMillis(DAY_MS)));
                st.setObject(3, CompanionQuery.utc(to));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Dens.Sighting s = new Dens.Sighting(
                                rs.getLong(1),
                                rs.getString(2),
                                CompanionQuery.millis(rs, 3),
                                CompanionQuery.millis(rs, 4));
                        rows.put(key(s), s);
                    }
                }
            }
            for (Dens.Sighting s : live.of(carried.keySet())) {
                rows.put(key(s), s); // the engine's copy is the newer one
            }
            List<Dens.Sighting> all = new ArrayList<>(rows.values());
            all.sort(java.util.Comparator.comparingLong(Dens.Sighting::firstSeen));
            Map<Long, List<Dens.Sighting>> after = new HashMap<>();
            Map<Long, Dens.Sighting> taken = new HashMap<>();
            for (Dens.Sighting s : all) {
                for (Carried k : carried.getOrDefault(s.tag(), List.of())) {
                    place(s, k, stolen.get(k.caseId()), from.toEpochMilli(), after, taken);
                }
            }
            for (var e : after.entrySet()) {
                Dens.Sighting t = taken.get(e.getKey());
                trails.put(e.getKey(), new Dens.Trail(e.getKey(), t == null ? null : t.station(), e.getValue()));
            }
            return new Trails(stolen, trails);
        }
    }

    private static String key(Dens.Sighting s) {
        return s.tag() + "/" + s.station() + "/" + s.firstSeen();
    }

    /** Puts a sighting of a tag {@code k} says the bike carried into its trail, or takes it as where the bike was taken. */
    private static void place(
            Dens.Sighting s,
            Carried k,
            Stolen theft,
            long from,
            Map<Long, List<Dens.Sighting>> after,
            Map<Long, Dens.Sighting> taken) {
        if (s.firstSeen() < k.from() || s.firstSeen() >= k.to()) {
            return;
        }
        if (s.firstSeen() < from - DAY_MS || s.firstSeen() >= theft.until()) {
            return;
        }
        if (s.firstSeen() >= theft.stolenAt() && s.firstSeen() >= from) {
            after.computeIfAbsent(k.caseId(), x -> new ArrayList<>()).add(s);
        } else if (s.firstSeen() < theft.stolenAt() && s.lastSeen() >= theft.stolenAt() - THEFT_PLACE_MS) {
            taken.merge(k.caseId(), s, (a, b) -> b.firstSeen() > a.firstSeen() ? b : a);
        }
    }

    /**
     * The tags each stolen bike carried, by tag: the bike's bindings in order, the first counting
     * from the beginning (sightings may predate a bike's registration in imported data), each
     * until its replacement; a bike without bindings carries {@code bikes.tag} throughout.
     */
    private static Map<Long, List<Carried>> carried(
            Connection c, Map<Long, Stolen> stolen, Map<Long, Long> bikeOf, Map<Long, Long> tagOf) throws SQLException {
        Map<Long, List<long[]>> bindings = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT bike_id, tag, bound_at, unbound_at FROM tag_bindings"
                + " WHERE bike_id = ANY(?) ORDER BY bike_id, bound_at")) {
            st.setArray(
                    1,
                    c.createArrayOf(
                            "bigint", bikeOf.values().stream().distinct().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<long[]> l = bindings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                    Timestamp un = rs.getTimestamp(4);
                    l.add(new long[] {
                        rs.getLong(2),
                        l.isEmpty() ? Long.MIN_VALUE : rs.getTimestamp(3).getTime(),
                        un == null ? Long.MAX_VALUE : un.getTime()
                    });
                }
            }
        }
        Map<Long, List<Carried>> out = new HashMap<>();
        for (Stolen s : stolen.values()) {
            List<long[]> l = bindings.get(bikeOf.get(s.caseId()));
            if (l == null) {
                Long tag = tagOf.get(s.caseId());
                if (tag != null) {
                    out.computeIfAbsent(tag, k -> new ArrayList<>())
                            .add(new Carried(s.caseId(), Long.MIN_VALUE, Long.MAX_VALUE));
                }
                continue;
            }
            for (long[] b : l) {
                if (b[2] > s.stolenAt() - DAY_MS && b[1] < s.until()) {
                    out.computeIfAbsent(b[0], k -> new ArrayList<>()).add(new Carried(s.caseId(), b[1], b[2]));
                }
            }
        }
        return out;
    }
}
