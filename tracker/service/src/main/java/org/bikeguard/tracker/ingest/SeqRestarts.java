package org.bikeguard.tracker.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Stations that restarted their seq counter: the {@code seqRestart} health flag, kept in
 * {@code station_seq_restarts} (one row per flagged station, cluster-wide, durable). The frame-log
 * writer records the frames that reused a seq in its own transaction ({@link #record}); frames of
 * one station that reuse seqs less than {@link #EPISODE_GAP} apart form one <em>episode</em>
 * (a station replaying its old numbers one by one after a firmware reset), which is reported (log,
 * metric) once. An admin clears the flag ({@link #clear}); the next reused seq raises it again.
 * Times are the tracker clock's, epoch ms UTC. Thread-safe (every method uses its own connection
 * or the caller's).
 */
public final class SeqRestarts {

    /** Reused seqs further apart than this start a new episode. */
    public static final Duration EPISODE_GAP = Duration.ofMinutes(10);

    private static final String NEW_EPISODE =
            "r.last_at < excluded.last_at - interval '" + EPISODE_GAP.toSeconds() + " seconds'";
    private static final String RECORD = "INSERT INTO station_seq_restarts AS r "
            + "(station, since, last_at, last_seq, episode_frames, frames, episodes) "
            + "SELECT s, ?, ?, q, n, n, 1 FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS u(s, q, n) "
            + "ON CONFLICT (station) DO UPDATE SET "
            + "since = CASE WHEN " + NEW_EPISODE + " THEN excluded.since ELSE r.since END, "
            + "episode_frames = CASE WHEN " + NEW_EPISODE
            + " THEN excluded.episode_frames ELSE r.episode_frames + excluded.episode_frames END, "
            + "episodes = r.episodes + CASE WHEN " + NEW_EPISODE + " THEN 1 ELSE 0 END, "
            + "frames = r.frames + excluded.frames, last_at = GREATEST(r.last_at, excluded.last_at), "
            + "last_seq = excluded.last_seq "
            + "RETURNING station, episode_frames";
    private static final String SELECT =
            "SELECT station, since, last_at, last_seq, episode_frames, frames, episodes FROM station_seq_restarts";

    /**
     * A station's flag.
     *
     * @param station       the station id
     * @param since         when its current episode began (first reused seq), epoch ms UTC
     * @param lastAt        when it last reused a seq, epoch ms UTC
     * @param lastSeq       the last reused seq (unsigned)
     * @param episodeFrames frames of the current episode that reused a seq (all logged as new frames)
     * @param frames        such frames since the flag was raised
     * @param episodes      episodes since the flag was raised
     */
    public record Flag(
            String station, long since, long lastAt, long lastSeq, long episodeFrames, long frames, int episodes) {}

    /** One station's share of a frame-log batch: frames that reused a seq, and the last such seq. */
    record Reused(String station, long lastSeq, int frames) {}

    private final DataSource ds;

    /** @param ds the tracker's database (for the API's reads and clears) */
    public SeqRestarts(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Records the batch's reused seqs in the writer's open transaction (stations locked in id
     * order); returns the stations for which this began a new episode.
     *
     * @param atMs the time of the batch (the tracker clock's, epoch ms UTC)
     */
    static List<String> record(Connection c, List<Reused> reused, long atMs) throws SQLException {
        Map<String, Reused> byStation = new TreeMap<>();
        for (Reused r : reused) {
            byStation.merge(r.station(), r, (a, b) -> new Reused(a.station(), b.lastSeq(), a.frames() + b.frames()));
        }
        String[] stations = byStation.keySet().toArray(new String[0]);
        Long[] seqs = new Long[stations.length];
        Long[] counts = new Long[stations.length];
        Map<String, Long> sent = new HashMap<>();
        for (int i = 0; i < stations.length; i++) {
            Reused r = byStation.get(stations[i]);
            seqs[i] = r.lastSeq();
            counts[i] = (long) r.frames();
            sent.put(stations[i], counts[i]);
        }
        Timestamp at = new Timestamp(atMs);
        List<String> started = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            ps.setArray(3, c.createArrayOf("text", stations));
            ps.setArray(4, c.createArrayOf("int8", seqs));
            ps.setArray(5, c.createArrayOf("int8", counts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // the episode's frames are exactly this batch's: it began here
                    if (rs.getLong(2) == sent.get(rs.getString(1))) {
                        started.add(rs.getString(1));
                    }
                }
            }
        }
        return started;
    }

    /** The station's flag, if raised. Blocking (JDBC). */
    public Optional<Flag> find(String station) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " WHERE station = ?")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(flag(rs)) : Optional.empty();
            }
        }
    }

    /** Every raised flag, the most recent episode first. Blocking (JDBC). */
    public List<Flag> all() throws SQLException {
        List<Flag> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY last_at DESC, station");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(flag(rs));
            }
        }
        return out;
    }

    /** Lowers the station's flag; returns whether it was raised. Blocking (JDBC). */
    public boolean clear(String station) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM station_seq_restarts WHERE station = ?")) {
            ps.setString(1, station);
            return ps.executeUpdate() > 0;
        }
    }

    private static Flag flag(ResultSet rs) throws SQLException {
        return new Flag(
                rs.getString(1),
                millis(rs.getTimestamp(2)),
                millis(rs.getTimestamp(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getInt(7));
    }

    private static long millis(Timestamp t) {
        return t.getTime();
    }
}
