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
 * Reads what {@link Companions} scores from the closed sightings: the target's sightings in
 * {@code [from, to)} (at most {@link #MAX_VISITS}), the other tags' sightings that began within
 * ±window of each at the same station (index {@code sightings (station, first_seen)}), each
 * visit's background count, then the candidates' own sighting counts (index {@code sightings
 * (tag, first_seen)}). Sightings still open or not yet persisted are not included. Blocking
 * (JDBC); stateless.
 */
final class CompanionQuery {

    /** The target's sightings read at most (a week of a busy bike is a few hundred). */
    static final int MAX_VISITS = 2_000;

    private CompanionQuery() {}

    /** Companions of {@code tag} in {@code [from, to)}, best first. */
    static List<Companions.Companion> run(
            DataSource ds, StationRegistry stations, long tag, Instant from, Instant to, long windowMs, int minStations)
            throws SQLException {
        return run(ds, stations, tag, from, to, windowMs, minStations, 0);
    }

    /** As the other {@code run}, the main query cancelled after {@code timeoutMs} (0: no limit). */
    static List<Companions.Companion> run(
            DataSource ds,
            StationRegistry stations,
            long tag,
            Instant from,
            Instant to,
            long windowMs,
            int minStations,
            long timeoutMs)
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
            try (PreparedStatement st = c.prepareStatement(SQL)) {
                st.setLong(1, tag);
                st.setObject(2, utc(from));
                st.setObject(3, utc(to));
                st.setInt(4, MAX_VISITS);
                st.setLong(5, Companions.BACKGROUND_MS);
                st.setLong(6, Companions.BACKGROUND_MS);
                st.setLong(7, tag);
                st.setLong(8, windowMs);
                st.setLong(9, windowMs);
                st.setLong(10, tag);
                try (ResultSet rs = st.executeQuery()) {
                    Map<Long, Integer> index = new HashMap<>();
                    while (rs.next()) {
                        long ord = rs.getLong(1);
                        Integer v = index.get(ord);
                        if (v == null) {
                            v = visits.size();
                            index.put(ord, v);
                            visits.add(new Companions.Visit(rs.getString(2), millis(rs, 3)));
                        }
                        coVisits.add(new Companions.CoVisit(v, rs.getLong(5), millis(rs, 6), rs.getLong(4)));
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            List<Companions.Companion> candidates =
                    Companions.candidates(visits, coVisits, windowMs, minStations, stations::byId);
            return Companions.rank(candidates, counts(c, candidates, from, to));
        }
    }

    private static final String SQL = "WITH mine AS ("
            + "  SELECT row_number() OVER (ORDER BY first_seen) AS ord, station, first_seen FROM ("
            + "    SELECT station, first_seen FROM sightings WHERE tag = ? AND first_seen >= ? AND first_seen < ?"
            + "    ORDER BY first_seen LIMIT ?) t),"
            + " bg AS ("
            + "  SELECT m.ord, m.station, m.first_seen, (SELECT count(*) FROM sightings b WHERE b.station = m.station"
            + "    AND b.first_seen >= m.first_seen - make_interval(secs => ? / 1000.0)"
            + "    AND b.first_seen <= m.first_seen + make_interval(secs => ? / 1000.0) AND b.tag <> ?) AS background"
            + "  FROM mine m)"
            + " SELECT bg.ord, bg.station, bg.first_seen, bg.background, o.tag, o.first_seen FROM bg"
            + " JOIN sightings o ON o.station = bg.station"
            + "  AND o.first_seen >= bg.first_seen - make_interval(secs => ? / 1000.0)"
            + "  AND o.first_seen <= bg.first_seen + make_interval(secs => ? / 1000.0) AND o.tag <> ?"
            + " ORDER BY bg.ord";

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
