package org.bikeguard.tracker.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Likely next stations", learned from history: the table {@code station_transitions} counts, for
 * each pair of stations (A, B), how often a tag's sighting at A was followed by its next sighting
 * at B (consecutive sightings of one tag, by {@code first_seen}, at most {@value #MAX_STEP_H} h
 * apart, A ≠ B). {@link #advance} folds the closed sightings persisted since the last run into
 * the counts: one member at a time (the job's row in {@code alert_jobs} is locked), so a cluster
 * counts each transition once. Sightings whose {@code first_seen} is older than the lag
 * ({@value #LAG_MIN} min) when they are persisted (very long stays) are not counted: the table is
 * a statistic, not evidence. {@link #likelyNext} answers from an in-memory copy refreshed by
 * {@link #reload}.
 *
 * <p>Blocking methods (JDBC) are for worker or scheduler threads; {@link #likelyNext} is
 * non-blocking. Thread-safe.
 */
public final class Transitions {

    static final int MAX_STEP_H = 2;
    static final int LAG_MIN = 2;
    static final String JOB = "transitions";
    private static final Duration MAX_WINDOW = Duration.ofHours(6);
    private static final int KEEP_PER_STATION = 5;
    private static final int MAX_WINDOWS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private record Pair(String from, String to) {}

    private record Count(String to, long n, long total) {}

    private final DataSource ds;
    private final Clock clock;
    private volatile Map<String, List<Count>> top = Map.of();

    /** @param clock the tracker's clock: "now" of {@link #advance} (sighting times are on the same scale) */
    public Transitions(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * The {@code n} stations most often visited next after {@code station}, most likely first,
     * with their share of all transitions out of it; stations unknown to the registry are left out.
     */
    public List<Alarm.Next> likelyNext(String station, StationRegistry stations, int n) {
        List<Count> counts = top.getOrDefault(station, List.of());
        List<Alarm.Next> out = new ArrayList<>(Math.min(n, counts.size()));
        for (Count c : counts) {
            Station s = stations.byId(c.to());
            if (s != null && out.size() < n) {
                out.add(new Alarm.Next(s.id(), s.lon(), s.lat(), c.total() == 0 ? 0 : (double) c.n() / c.total()));
            }
        }
        return out;
    }

    /** Refreshes the in-memory copy (top {@value #KEEP_PER_STATION} per station). Blocking. */
    public void reload() throws SQLException {
        Map<String, List<Count>> m = new HashMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT from_station, to_station, n, total FROM ("
                        + " SELECT from_station, to_station, n, sum(n) OVER (PARTITION BY from_station) AS total,"
                        + " row_number() OVER (PARTITION BY from_station ORDER BY n DESC, to_station) AS rank"
                        + " FROM station_transitions) t WHERE rank <= ? ORDER BY from_station, rank"); ) {
            st.setInt(1, KEEP_PER_STATION);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Count(rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        top = Map.copyOf(m);
    }

    /**
     * Counts the transitions into sightings that began after the job's watermark and before
     * now − {@value #LAG_MIN} min, and moves the watermark; one transaction per window of at most
     * 6 h, at most {@value #MAX_WINDOWS} windows per call. Blocking.
     *
     * @return the number of transitions counted
     */
    public long advance() throws SQLException {
        long total = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < MAX_WINDOWS; i++) {
                long[] counted = {0};
                boolean more;
                try {
                    more = advance(c, counted);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
                total += counted[0];
                if (!more) {
                    break;
                }
            }
        }
        return total;
    }

    /** One window; {@code true} when more windows are due. */
    private boolean advance(Connection c, long[] counted) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO alert_jobs (name, watermark)"
                + " SELECT ?, coalesce(min(first_seen), ?) FROM sightings ON CONFLICT (name) DO NOTHING")) {
            st.setString(1, JOB);
            st.setTimestamp(2, Timestamp.from(now));
            st.executeUpdate();
        }
        Instant wm;
        try (PreparedStatement st = c.prepareStatement("SELECT watermark FROM alert_jobs WHERE name = ? FOR UPDATE")) {
            st.setString(1, JOB);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                wm = rs.getTimestamp(1).toInstant();
            }
        }
        Instant end = now.minus(Duration.ofMinutes(LAG_MIN));
        boolean more = false;
        if (end.isAfter(wm.plus(MAX_WINDOW))) {
            end = wm.plus(MAX_WINDOW);
            more = true;
        }
        if (!end.isAfter(wm)) {
            return false;
        }
        Map<Pair, long[]> counts = count(c, wm, end);
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO station_transitions (from_station, to_station, n)"
                        + " VALUES (?, ?, ?) ON CONFLICT (from_station, to_station) DO UPDATE SET n = station_transitions.n + EXCLUDED.n")) {
            for (Map.Entry<Pair, long[]> e : counts.entrySet()) {
                st.setString(1, e.getKey().from());
                st.setString(2, e.getKey().to());
                st.setLong(3, e.getValue()[0]);
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE alert_jobs SET watermark = ? WHERE name = ?")) {
            st.setTimestamp(1, Timestamp.from(end));
            st.setString(2, JOB);
            st.executeUpdate();
        }
        counted[0] = counts.values().stream().mapToLong(v -> v[0]).sum();
        LOG.debug("station transitions counted [from: {}, to: {}, transitions: {}]", wm, end, counted[0]);
        return more;
    }

    private static Map<Pair, long[]> count(Connection c, Instant wm, Instant end) throws SQLException {
        Map<Pair, long[]> counts = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT tag, station, first_seen FROM sightings"
                + " WHERE first_seen >= ? AND first_seen < ? ORDER BY tag, first_seen")) {
            st.setFetchSize(10_000);
            st.setTimestamp(1, Timestamp.from(wm.minus(Duration.ofHours(MAX_STEP_H))));
            st.setTimestamp(2, Timestamp.from(end));
            long wmMs = wm.toEpochMilli();
            long maxStep = Duration.ofHours(MAX_STEP_H).toMillis();
            try (ResultSet rs = st.executeQuery()) {
                long prevTag = 0;
                String prevStation = null;
                long prevFirst = 0;
                while (rs.next()) {
                    long tag = rs.getLong(1);
                    String station = rs.getString(2);
                    long first = rs.getTimestamp(3).getTime();
                    if (prevStation != null
                            && tag == prevTag
                            && first >= wmMs
                            && !station.equals(prevStation)
                            && first - prevFirst <= maxStep) {
                        counts.computeIfAbsent(new Pair(prevStation, station), k -> new long[1])[0]++;
                    }
                    prevTag = tag;
                    prevStation = station;
                    prevFirst = first;
                }
            }
        }
        return counts;
    }
}
