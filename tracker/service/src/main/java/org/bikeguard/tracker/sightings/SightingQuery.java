package org.bikeguard.tracker.sightings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * A tag's sightings overlapping a window {@code [from, to)} (firstSeen &lt; to and lastSeen &gt;=
 * from): closed ones from the {@code sightings} table merged with the engine's open and
 * not-yet-persisted ones. Stateless; {@link #closed} blocks (JDBC).
 */
public final class SightingQuery {

    /** One sighting as the API shows it; times are epoch ms UTC. */
    public record Row(String station, long firstSeen, long lastSeen, long reads, int peakRssi, boolean open) {}

    static final Comparator<Row> ORDER = Comparator.comparingLong(Row::firstSeen)
            .thenComparingLong(Row::lastSeen)
            .thenComparing(Row::station);

    private SightingQuery() {}

    /** Closed sightings of {@code tag} from the database. Blocking. */
    static List<Row> closed(DataSource ds, long tag, Instant from, Instant to) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT station, first_seen, last_seen, reads, peak_rssi FROM sightings"
                                + " WHERE tag = ? AND first_seen < ? AND last_seen >= ? ORDER BY first_seen")) {
            st.setLong(1, tag);
            st.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli(),
                            rs.getObject(3, OffsetDateTime.class).toInstant().toEpochMilli(),
                            rs.getLong(4),
                            rs.getInt(5),
                            false));
                }
            }
        }
        return out;
    }

    /** The engine's sightings that overlap the window, with station indexes resolved to ids. */
    static List<Row> live(List<Sighting> sightings, StationRegistry stations, Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<Row> out = new ArrayList<>();
        for (Sighting s : sightings) {
            Station st = stations.byIndex(s.station());
            if (st == null || s.firstSeen() >= t || s.lastSeen() < f) {
                continue;
            }
            out.add(new Row(st.id(), s.firstSeen(), s.lastSeen(), s.reads(), s.peakRssi(), s.open()));
        }
        return out;
    }

    /**
     * Both lists merged by (station, firstSeen), the engine's copy winning (it may have been
     * extended since it was persisted), in firstSeen order.
     */
    static List<Row> merge(List<Row> closed, List<Row> live) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : closed) {
            byKey.put(r.station() + '\u0000' + r.firstSeen(), r);
        }
        for (Row r : live) {
            byKey.put(r.station() + '\u0000' + r.firstSeen(), r);
        }
        List<Row> out = new ArrayList<>(byKey.values());
        out.sort(ORDER);
        return out;
    }
}
