package org.bikeguard.tracker.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * Reads what {@link Companions} scores: the target's sightings in {@code [from, to)} (at most
 * {@link #MAX_VISITS}), the other tags' sightings that began within ±window of each at the same
 * station (index {@code sightings (station, first_seen) INCLUDE (tag)}), the background count of the
 * visits where a tag that passes the station rule met the target (only those are scored), then the
 * candidates' own sighting counts (index {@code sightings (tag, first_seen)}), from the closed
 * sightings in the database, plus, when given, the sighting engine's sightings not yet persisted
 * ({@link Live}: open ones, and closed ones not yet checkpointed), each counted once. Blocking
 * (JDBC); stateless.
 */
final class CompanionQuery {

    /** The target's sightings read at most (a week of a busy bike is a few hundred). */
    static final int MAX_VISITS = 2_000;

    /**
     * Where the sighting engine's sightings come from (open ones, and closed ones not yet
     * persisted; those the database already holds are dropped by the query).
     */
    interface Live {
        /** None: the database only. */
        Live NONE = (tag, stations, from, to) -> List.of();

        /**
         * The engine's sightings of {@code tag}, and every tag's at {@code stations} (ids) and at
         * the stations of {@code tag}'s own engine sightings, that overlap {@code [from, to)} (epoch
         * ms UTC). May block briefly; failures are thrown.
         */
        List<Seen> sightings(long tag, java.util.Set<String> stations, long from, long to);
    }

    /** One sighting: tag, station id, first read (epoch ms UTC). */
    record Seen(long tag, String station, long firstSeen) {}

    private CompanionQuery() {}

    /** Companions of {@code tag} in {@code [from, to)} from the database, best first. */
    static List<Companions.Companion> run(
            DataSource ds, StationRegistry stations, long tag, Instant from, Instant to, long windowMs, int minStations)
            throws SQLException {
        return run(ds, stations, tag, from, to, windowMs, minStations, 0, Live.NONE);
    }

    /**
     * As the other {@code run}, the main query cancelled after {@code timeoutMs} (0: no limit),
     * with the engine's {@code live} sightings added.
     */
    static List<Companions.Companion> run(
            DataSource ds,
            StationRegistry stations,
            long tag,
            Instant from,
            Instant to,
            long windowMs,
            int minStations,
            long timeoutMs,
            Live live)
            throws SQLException {
        List<Companions.Visit> visits = new ArrayList<>();
        List<Companions.CoVisit> coVisits = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (timeoutMs > 0) {
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = " + timeoutMs);
                }
            }
            visits(c, tag, from, to, visits);
            java.util.Set<String> at = new java.util.HashSet<>();
            visits.forEach(v -> at.add(v.station()));
            List<Seen> fresh = notPersisted(
                    c,
                    live.sightings(
                            tag,
                            at,
                            from.toEpochMilli() - Companions.BACKGROUND_MS,
                            to.toEpochMilli() + Companions.BACKGROUND_MS));
            addFresh(tag, from, to, fresh, visits);
            long[] background = new long[visits.size()];
            coVisits(c, tag, windowMs, visits, coVisits);
            Map<Long, Long> liveCounts = LiveCompanions.add(
                    tag, from.toEpochMilli(), to.toEpochMilli(), windowMs, visits, fresh, coVisits, background);
            // the background is counted only where a tag that passes the station rule met the
            // target: a commuter on busy roads meets many tags once each and needs none counted
            backgrounds(c, tag, visits, metByCandidates(visits, coVisits, windowMs, minStations, stations), background);
            coVisits.replaceAll(v -> new Companions.CoVisit(v.visit(), v.tag(), v.firstSeen(), background[v.visit()]));
            c.commit();
            c.setAutoCommit(true);
            List<Companions.Companion> candidates =
                    Companions.candidates(visits, coVisits, windowMs, minStations, stations::byId);
            Map<Long, Long> counts = counts(c, candidates, from, to);
            liveCounts.forEach((t, n) -> counts.merge(t, n, Long::sum));
            return Companions.rank(candidates, counts);
        }
    }

    /** The target's persisted sightings in the window, oldest first, at most {@link #MAX_VISITS}. */
    private static void visits(Connection c, long tag, Instant from, Instant to, List<Companions.Visit> out)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT station, first_seen FROM sightings"
                + " WHERE tag = ? AND first_seen >= ? AND first_seen < ? ORDER BY first_seen LIMIT ?")) {
            st.setLong(1, tag);
            st.setObject(2, utc(from));
            st.setObject(3, utc(to));
            st.setInt(4, MAX_VISITS);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Companions.Visit(rs.getString(1), millis(rs, 2)));
                }
            }
        }
    }

    /** Adds the target's fresh sightings in the window to its visits, oldest first, at most {@link #MAX_VISITS}. */
    private static void addFresh(long tag, Instant from, Instant to, List<Seen> fresh, List<Companions.Visit> out) {
        for (Seen s : fresh) {
            if (s.tag() == tag && s.firstSeen() >= from.toEpochMilli() && s.firstSeen() < to.toEpochMilli()) {
                out.add(new Companions.Visit(s.station(), s.firstSeen()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Companions.Visit::firstSeen));
        if (out.size() > MAX_VISITS) {
            out.subList(MAX_VISITS, out.size()).clear();
        }
    }

    /** The persisted co-visits of every visit (background 0 until {@link #backgrounds} counted it). */
    private static void coVisits(
            Connection c, long tag, long windowMs, List<Companions.Visit> visits, List<Companions.CoVisit> out)
            throws SQLException {
        if (visits.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(CO_VISITS_SQL)) {
            st.setArray(
                    1,
                    c.createArrayOf(
                            "text",
                            visits.stream().map(Companions.Visit::station).toArray()));
            st.setArray(
                    2,
                    c.createArrayOf(
                            "bigint",
                            visits.stream().map(Companions.Visit::firstSeen).toArray()));
            st.setLong(3, windowMs);
            st.setLong(4, windowMs);
            st.setLong(5, tag);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Companions.CoVisit((int) rs.getLong(1) - 1, rs.getLong(2), millis(rs, 3), 0));
                }
            }
        }
    }

    /** Which visits a tag that passes the distinct-station rule met the target at (scores not needed for that). */
    private static boolean[] metByCandidates(
            List<Companions.Visit> visits,
            List<Companions.CoVisit> coVisits,
            long windowMs,
            int minStations,
            StationRegistry stations) {
        java.util.Set<Long> candidates = new java.util.HashSet<>();
        for (Companions.Companion k : Companions.candidates(visits, coVisits, windowMs, minStations, stations::byId)) {
            candidates.add(k.tag());
        }
        boolean[] met = new boolean[visits.size()];
        for (Companions.CoVisit v : coVisits) {
            if (candidates.contains(v.tag())) {
                met[v.visit()] = true;
            }
        }
        return met;
    }

    /** Adds the persisted background (other tags' sightings within ±{@link Companions#BACKGROUND_MS}) of the marked visits. */
    private static void backgrounds(
            Connection c, long tag, List<Companions.Visit> visits, boolean[] marked, long[] background)
            throws SQLException {
        List<Integer> which = new ArrayList<>();
        for (int v = 0; v < marked.length; v++) {
            if (marked[v]) {
                which.add(v);
            }
        }
        if (which.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(BACKGROUND_SQL)) {
            st.setArray(1, c.createArrayOf("integer", which.toArray()));
            st.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            which.stream().map(v -> visits.get(v).station()).toArray()));
            st.setArray(
                    3,
                    c.createArrayOf(
                            "bigint",
                            which.stream().map(v -> visits.get(v).firstSeen()).toArray()));
            st.setLong(4, Companions.BACKGROUND_MS);
            st.setLong(5, Companions.BACKGROUND_MS);
            st.setLong(6, tag);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    background[rs.getInt(1)] += rs.getLong(2);
                }
            }
        }
    }

    /** SQL for the timestamptz of the epoch ms in {@code column}, exactly (integer microseconds). */
    private static String fromMs(String column) {
        return "(timestamptz 'epoch' + interval '1 millisecond' * " + column + ")";
    }

    /** Co-visits: (visit ordinal from 1, other tag, its first read); index-only on sightings_station_tag_idx. */
    private static final String CO_VISITS_SQL = "WITH mine AS ("
            + "  SELECT m.ord, m.station, " + fromMs("m.ms") + " AS first_seen FROM unnest(?::text[], ?::bigint[])"
            + "    WITH ORDINALITY AS m(station, ms, ord))"
            + " SELECT m.ord, o.tag, o.first_seen FROM mine m"
            + " JOIN sightings o ON o.station = m.station"
            + "  AND o.first_seen >= m.first_seen - make_interval(secs => ? / 1000.0)"
            + "  AND o.first_seen <= m.first_seen + make_interval(secs => ? / 1000.0) AND o.tag <> ?";

    /** Backgrounds: (visit index, other tags' sightings within ±background); index-only as above. */
    private static final String BACKGROUND_SQL = "WITH mine AS ("
            + "  SELECT m.v, m.station, " + fromMs("m.ms") + " AS first_seen"
            + "  FROM unnest(?::integer[], ?::text[], ?::bigint[]) AS m(v, station, ms))"
            + " SELECT m.v, (SELECT count(*) FROM sightings b WHERE b.station = m.station"
            + "  AND b.first_seen >= m.first_seen - make_interval(secs => ? / 1000.0)"
            + "  AND b.first_seen <= m.first_seen + make_interval(secs => ? / 1000.0) AND b.tag <> ?)"
            + " FROM mine m";

    /** The live sightings the database does not hold yet (matched by tag, station and first read). */
    private static List<Seen> notPersisted(Connection c, List<Seen> all) throws SQLException {
        if (all.isEmpty()) {
            return all;
        }
        java.util.Set<Seen> stored = new java.util.HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT s.tag, s.station, s.first_seen FROM sightings s"
                + " JOIN unnest(?::bigint[], ?::bigint[]) AS l(tag, ms)"
                + " ON s.tag = l.tag AND s.first_seen = " + fromMs("l.ms"))) {
            st.setArray(1, c.createArrayOf("bigint", all.stream().map(Seen::tag).toArray()));
            st.setArray(
                    2,
                    c.createArrayOf("bigint", all.stream().map(Seen::firstSeen).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Seen(rs.getLong(1), rs.getString(2), millis(rs, 3)));
                }
            }
        }
        return all.stream().distinct().filter(s -> !stored.contains(s)).toList();
    }

    /** Each candidate's sightings in the window. */
    private static Map<Long, Long> counts(Connection c, List<Companions.Companion> candidates, Instant from, Instant to)
            throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT tag, count(*) FROM sightings WHERE tag = ANY(?)"
                + " AND first_seen >= ? AND first_seen < ? GROUP BY tag")) {
            st.setArray(
                    1,
                    c.createArrayOf(
                            "bigint",
                            candidates.stream().map(Companions.Companion::tag).toArray()));
            st.setObject(2, utc(from));
            st.setObject(3, utc(to));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static long millis(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant().toEpochMilli();
    }
}
