package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.ingest.StationActivity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The police console's situational layers over HTTP on a whole tracker: station health from frames
 * heard over real MQTT (counted, flushed, judged against a normal) and the theft heat map by
 * weekday and hour in Asia/Shanghai. Scenario clock, fixed dates.
 */
class SituationLayersIT {

    private static TrackerKit tracker;
    private static String police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        tracker.station("SH-1", 112.57, 26.89);
        tracker.station("SH-2", 112.58, 26.89);
        tracker.station("SH-3", 112.59, 26.89);
        police = tracker.userToken("officer-sh", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void stationHealthNamesSilentStationsAndStationsFarBelowTheirNormal() throws Exception {
        long now = tracker.clock().millis();
        // SH-1 sends two frames of three and two reads; SH-2 too, but it usually reads far more
        tracker.publish(
                "SH-1",
                1,
                "[" + JsonFrames.read("A1", now, false) + "," + JsonFrames.read("A2", now, false) + ","
                        + JsonFrames.read("A3", now, false) + "]");
        tracker.publish(
                "SH-1", 2, "[" + JsonFrames.read("A1", now, false) + "," + JsonFrames.read("A2", now, false) + "]");
        tracker.publish("SH-2", 1, "[" + JsonFrames.read("B1", now, false) + "]");
        StationActivity activity = tracker.app().stationActivity();
        Instant hour = Instant.ofEpochMilli(now).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Poll.until(Duration.ofSeconds(10), "SH-1's frames counted and flushed", () -> {
            try {
                activity.flush();
                return hours("SH-1", hour)[0] == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(5, hours("SH-1", hour)[1], "reads: the frames' entries");

        // SH-2's normal for the last complete hour: 100 reads at that hour on each of the 7 days before;
        // it read 10 in that hour
        Instant last = activity.lastHour();
        for (int d = 1; d <= 7; d++) {
            putHour("SH-2", last.minus(Duration.ofDays(d)), 100);
        }
        putHour("SH-2", last, 10);
        putHour("SH-1", last, 10); // no normal: not judged low

        var r = tracker.get("/api/v1/ingest/station-health?silentMin=15", police);
        assertEquals(200, r.status(), r.body());
        JsonObject o = new JsonObject(r.body());
        assertEquals(last.toString(), Instant.parse(o.getString("hour")).toString());
        JsonObject counts = o.getJsonObject("counts");
        assertEquals(3, counts.getInteger("stations"));
        assertEquals(1, counts.getInteger("silent"), "SH-3 never sent a frame");
        assertEquals(1, counts.getInteger("low"));
        assertEquals(1, counts.getInteger("ok"));
        JsonArray shown = o.getJsonArray("stations");
        assertEquals(2, shown.size(), "only stations needing attention, silent first");
        assertEquals("SH-3", shown.getJsonObject(0).getString("station"));
        assertEquals("silent", shown.getJsonObject(0).getString("state"));
        assertEquals(null, shown.getJsonObject(0).getString("lastFrameAt"));
        JsonObject low = shown.getJsonObject(1);
        assertEquals("SH-2", low.getString("station"));
        assertEquals("low", low.getString("state"));
        assertEquals(10, low.getLong("readsLastHour"));
        assertEquals(100.0, low.getDouble("normalReadsPerHour"));
        assertEquals(0.1, low.getDouble("share"));
        assertEquals(112.58, low.getDouble("lon"));

        assertEquals(
                400,
                tracker.get("/api/v1/ingest/station-health?silentMin=0", police).status());
        assertEquals(
                403,
                tracker.get("/api/v1/ingest/station-health", tracker.userToken("inst-sh", "installer"))
                        .status());
    }

    @Test
    void theTheftHeatMapCountsReportsByShanghaiWeekdayAndHour() throws Exception {
        String installer = tracker.userToken("installer-sh", "installer");
        TestOwner owner = tracker.owner(installer, "热力甲");
        long[] bikes = {
            tracker.bike(installer, owner.id(), "EE01"),
            tracker.bike(installer, owner.id(), "EE02"),
            tracker.bike(installer, owner.id(), "EE03"),
            tracker.bike(installer, owner.id(), "EE04")
        };
        // Monday 2026-11-23 22:30 in Shanghai is 14:30 UTC; Tuesday 00:10 in Shanghai is Monday 16:10 UTC
        theft(bikes[0], owner.id(), "2026-11-23T14:30:00Z");
        theft(bikes[1], owner.id(), "2026-11-23T14:45:00Z");
        theft(bikes[2], owner.id(), "2026-11-23T16:10:00Z");
        theft(bikes[3], owner.id(), "2026-10-01T02:00:00Z"); // before the window

        var r = tracker.get("/api/v1/police/theft-heatmap?from=2026-11-01&to=2026-11-30", police);
        assertEquals(200, r.status(), r.body());
        JsonObject o = new JsonObject(r.body());
        assertEquals("Asia/Shanghai", o.getString("zone"));
        assertEquals(3, o.getLong("total"));
        assertEquals(2, o.getLong("max"));
        JsonArray cells = o.getJsonArray("cells");
        assertEquals(7, cells.size());
        assertEquals(24, cells.getJsonArray(0).size());
        assertEquals(2, cells.getJsonArray(0).getLong(22), "Monday 22:00-23:00");
        assertEquals(1, cells.getJsonArray(1).getLong(0), "Tuesday 00:00-01:00");
        assertEquals(0, cells.getJsonArray(0).getLong(14), "not the UTC hour");

        JsonObject empty =
                new JsonObject(tracker.get("/api/v1/police/theft-heatmap?from=2025-01-01&to=2025-01-31", police)
                        .body());
        assertEquals(0, empty.getLong("total"));
        assertEquals(
                400,
                tracker.get("/api/v1/police/theft-heatmap?from=yesterday", police)
                        .status());
        assertEquals(403, tracker.get("/api/v1/police/theft-heatmap", installer).status());
    }

    private static void theft(long bike, long owner, String stolenAt) throws Exception {
        OffsetDateTime t = OffsetDateTime.ofInstant(Instant.parse(stolenAt), ZoneOffset.UTC);
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO theft_cases (bike_id, owner_id, stolen_at, place,"
                                + " description, reported_at, reported_by) VALUES (?, ?, ?, 'here', 'gone', ?, 'owner')")) {
            st.setLong(1, bike);
            st.setLong(2, owner);
            st.setObject(3, t);
            st.setObject(4, t.plusHours(1));
            st.executeUpdate();
        }
    }

    private static long[] hours(String station, Instant hour) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT frames, reads FROM station_hours WHERE station = ? AND hour = ?")) {
            st.setString(1, station);
            st.setObject(2, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[2];
            }
        }
    }

    private static void putHour(String station, Instant hour, long reads) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO station_hours (station, hour, frames, reads)"
                        + " VALUES (?, ?, 1, ?) ON CONFLICT (station, hour) DO UPDATE SET reads = EXCLUDED.reads")) {
            st.setString(1, station);
            st.setObject(2, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            st.setLong(3, reads);
            st.executeUpdate();
        }
    }
}
