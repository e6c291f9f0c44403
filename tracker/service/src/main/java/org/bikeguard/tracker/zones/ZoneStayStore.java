package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The {@code zone_stay} table (sql/V35): batches of stays written by {@link ZoneWatch}, read back
 * at start and from other members, listed for {@code GET /api/v1/zones/{id}/stays}, and purged
 * after the retention by {@link ZoneStayRetention}. Times epoch ms UTC. Stateless and thread-safe;
 * blocking (JDBC).
 */
final class ZoneStayStore {

    private final DataSource ds;
    private final long gapMs;

    /** @param gapMs the sighting gap: the longest time between two reads of one stay, ms */
    ZoneStayStore(DataSource ds, long gapMs) {
        this.ds = ds;
        this.gapMs = gapMs;
    }

    /**
     * Writes a batch in one transaction: a new stay is inserted, a known one takes the earlier
     * enter, the later newest read and every decision already taken (so two members writing the
     * same stay never lose a decision).
     */
    void write(List<ZoneStays.Snapshot> batch, Instant now) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO zone_stay (zone_id, tag, opened_at,"
                    + " entered_at, last_seen_at, station, alerted_at, texted_at, fined_at, written_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zone_id, tag, opened_at) DO UPDATE SET"
                    + " entered_at = LEAST(zone_stay.entered_at, EXCLUDED.entered_at),"
                    + " last_seen_at = GREATEST(zone_stay.last_seen_at, EXCLUDED.last_seen_at),"
                    + " alerted_at = coalesce(zone_stay.alerted_at, EXCLUDED.alerted_at),"
                    + " texted_at = coalesce(zone_stay.texted_at, EXCLUDED.texted_at),"
                    + " fined_at = coalesce(zone_stay.fined_at, EXCLUDED.fined_at),"
                    + " written_at = EXCLUDED.written_at")) {
                for (ZoneStays.Snapshot s : batch) {
                    st.setString(1, s.zone());
                    st.setLong(2, s.tag());
                    st.setObject(3, utc(s.opened()));
                    st.setObject(4, utc(s.enter()));
                    st.setObject(5, utc(s.last()));
                    st.setString(6, s.station());
                    st.setObject(7, s.alerted() == 0 ? null : utc(s.alerted()));
                    st.setObject(8, s.texted() == 0 ? null : utc(s.texted()));
                    st.setObject(9, s.fined() == 0 ? null : utc(s.fined()));
                    st.setObject(10, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    st.addBatch();
                }
                st.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The stays whose newest read is at or after {@code sinceMs}, or that were written since {@code writtenSince}. */
    List<ZoneStays.Snapshot> recent(long sinceMs, Instant writtenSince) throws SQLException {
        List<ZoneStays.Snapshot> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT zone_id, tag, opened_at, entered_at, last_seen_at,"
                        + " station, alerted_at, texted_at, fined_at FROM zone_stay"
                        + " WHERE last_seen_at >= ? OR written_at >= ?")) {
            st.setObject(1, utc(sinceMs));
            st.setObject(2, OffsetDateTime.ofInstant(writtenSince, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ZoneStays.Snapshot(
                            rs.getString(1),
                            rs.getLong(2),
                            ms(rs, 3),
                            ms(rs, 4),
                            ms(rs, 5),
                            rs.getString(6),
                            ms(rs, 7),
                            ms(rs, 8),
                            ms(rs, 9)));
                }
            }
        }
        return out;
    }

    /**
     * The stays of a zone that overlap {@code [fromMs, toMs)}, by enter, at most {@code limit};
     * with the bike's plate where the tag is registered. Rows of one tag that overlap or follow each
     * other within a sighting gap are one stay (a station that moved to another member leaves one
     * row per member): it is listed once, from the earliest enter to the latest newest read, at the
     * station of its first row, with the earliest time of each decision.
     */
    JsonArray list(String zoneId, long fromMs, long toMs, int limit) throws SQLException {
        String gap = "interval '" + gapMs + " milliseconds'";
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("WITH r AS (SELECT tag, opened_at, entered_at,"
                        + " last_seen_at, station, alerted_at, texted_at, fined_at FROM zone_stay"
                        + " WHERE zone_id = ? AND entered_at < ? AND last_seen_at >= ?),"
                        // a row starts a new stay unless it begins within a gap of a newest read before it
                        + " e AS (SELECT r.*, CASE WHEN entered_at <= max(last_seen_at) OVER (PARTITION BY tag"
                        + " ORDER BY entered_at, opened_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + " + gap
                        + " THEN 0 ELSE 1 END AS starts FROM r),"
                        + " g AS (SELECT e.*, sum(starts) OVER (PARTITION BY tag ORDER BY entered_at, opened_at"
                        + " ROWS UNBOUNDED PRECEDING) AS stay FROM e),"
                        + " m AS (SELECT tag, min(entered_at) AS entered_at, max(last_seen_at) AS last_seen_at,"
                        + " (array_agg(station ORDER BY entered_at, opened_at))[1] AS station,"
                        + " min(alerted_at) AS alerted_at, min(texted_at) AS texted_at, min(fined_at) AS fined_at"
                        + " FROM g GROUP BY tag, stay)"
                        + " SELECT m.tag, b.plate, m.station, m.entered_at, m.last_seen_at, m.alerted_at,"
                        + " m.texted_at, m.fined_at FROM m"
                        + " LEFT JOIN bikes b ON b.tag = m.tag AND b.status <> 'deregistered'"
                        + " WHERE m.entered_at < ? AND m.last_seen_at >= ?"
                        + " ORDER BY m.entered_at, m.tag LIMIT ?")) {
            // rows within a gap outside the window may join a stay inside it
            st.setString(1, zoneId);
            st.setObject(2, utc(toMs + gapMs));
            st.setObject(3, utc(fromMs - gapMs));
            st.setObject(4, utc(toMs));
            st.setObject(5, utc(fromMs));
            st.setInt(6, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject()
                            .put("tag", Long.toHexString(rs.getLong(1)).toUpperCase(Locale.ROOT))
                            .put("plate", rs.getString(2))
                            .put("station", rs.getString(3))
                            .put("enter", iso(rs, 4))
                            .put("lastSeen", iso(rs, 5))
                            .put("alertedAt", iso(rs, 6))
                            .put("textedAt", iso(rs, 7))
                            .put("finedAt", iso(rs, 8)));
                }
            }
        }
        return out;
    }

    /**
     * Deletes at most {@code batch} closed stays whose newest read and last write are both before
     * {@code cutoff}, in one statement (its own transaction, so a backlog is never one long lock);
     * returns how many it deleted. A row written again meanwhile (its stay went on) is left alone.
     * Safe to run on several members at once: a row two of them pick is deleted once.
     */
    int purge(Instant cutoff, int batch) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM zone_stay s USING (SELECT zone_id, tag,"
                        + " opened_at FROM zone_stay WHERE last_seen_at < ? AND written_at < ? LIMIT ?) old"
                        + " WHERE s.zone_id = old.zone_id AND s.tag = old.tag AND s.opened_at = old.opened_at"
                        + " AND s.last_seen_at < ? AND s.written_at < ?")) {
            OffsetDateTime t = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
            c.setAutoCommit(true);
            st.setObject(1, t);
            st.setObject(2, t);
            st.setInt(3, batch);
            st.setObject(4, t);
            st.setObject(5, t);
            return st.executeUpdate();
        }
    }

    private static long ms(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? 0 : t.toInstant().toEpochMilli();
    }

    private static String iso(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : IsoTimes.format(t.toInstant());
    }

    private static OffsetDateTime utc(long ms) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }
}
