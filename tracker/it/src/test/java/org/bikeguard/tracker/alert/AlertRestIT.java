package org.bikeguard.tracker.alert;

import static org.bikeguard.tracker.alert.AlarmConsole.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alarm REST routes, roles, the silent rule and learned next stations, against a whole tracker. */
class AlertRestIT {

    private static TrackerKit tracker;
    private static HttpTestClient police;
    private static String policeToken;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        tracker.station("AR-A", 112.570, 26.890);
        tracker.station("AR-B", 112.571, 26.891);
        tracker.station("AR-C", 112.569, 26.889);
        tracker.station("AR-HOME", 112.580, 26.900);
        police = tracker.user("officer-rest", "police");
        policeToken = police.token();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void alarmsAreListedSinceAnIdThenAcknowledgedAndDispatchedByPolice() {
        tracker.app().alerts().watchList().watch(TagIds.parse("B1001"), 7, "HY-7", "衡阳B7");
        long now = tracker.clock().millis();
        tracker.publish("AR-A", 1, "[" + JsonFrames.read("B1001", now, false) + "]");
        Poll.until(Duration.ofSeconds(10), "alarm stored", () -> stolenB1001() != null);
        JsonNode a = stolenB1001();
        long id = a.get("id").asLong();
        assertEquals("stolen", a.get("type").asText());
        assertEquals("new", a.get("status").asText());
        assertEquals(0, alerts(police, "/api/v1/alerts?since=" + id).size());

        HttpTestClient.Response ack = police.post("/api/v1/alerts/" + id + "/ack", null);
        assertEquals(200, ack.status(), ack.body());
        assertEquals("acknowledged", ack.node().get("status").asText());
        assertEquals("officer-rest", ack.node().get("ackedBy").asText());
        HttpTestClient.Response d =
                police.post("/api/v1/alerts/" + id + "/dispatch", "{\"note\":\"unit 12 en route\"}");
        assertEquals(200, d.status(), d.body());
        assertEquals("dispatched", d.node().get("status").asText());
        assertEquals("unit 12 en route", d.node().get("dispatchNote").asText());
        assertEquals(404, police.post("/api/v1/alerts/999999999/ack", null).status());
        assertEquals(400, police.post("/api/v1/alerts/x/ack", null).status());
        assertEquals(
                "dispatched",
                police.get("/api/v1/alerts/" + id).node().get("status").asText());
    }

    @Test
    void ownersInstallersAndAdjustersAreForbiddenAlarmRoutes() {
        for (String role : List.of("owner", "installer", "adjuster")) {
            HttpTestClient c = tracker.user("alarm-" + role, role);
            assertEquals(403, c.get("/api/v1/alerts").status(), role);
            assertEquals(403, c.get("/api/v1/alerts/1").status(), role);
            assertEquals(403, c.post("/api/v1/alerts/1/ack", null).status(), role);
            assertEquals(403, c.post("/api/v1/alerts/1/dispatch", null).status(), role);
            assertEquals(403, c.get("/api/v1/watchlist").status(), role);
            String token = c.token();
            assertThrows(
                    RuntimeException.class,
                    () -> AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), token, null),
                    role);
        }
        assertEquals(403, tracker.admin().post("/api/v1/alerts/1/ack", null).status(), "acknowledging is police work");
        assertEquals(403, police.put("/api/v1/watchlist/B9", "{}").status(), "only admins watch tags by hand");
        assertEquals(200, tracker.admin().get("/api/v1/alerts").status());
        assertEquals(401, tracker.http().get("/api/v1/alerts").status());
        assertEquals(400, tracker.http().get("/api/v1/alerts/stream").status(), "WebSocket only");
        HttpTestClient.Response inUrl = tracker.http().get("/api/v1/alerts/stream?token=forged");
        assertEquals(400, inUrl.status(), "a token in the URL is refused: " + inUrl.body());
        assertThrows(
                RuntimeException.class,
                () -> AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), "forged", null));
    }

    @Test
    void adminWatchesAndUnwatchesATagByHand() {
        HttpTestClient.Response r =
                tracker.admin().put("/api/v1/watchlist/00b4001", "{\"caseNo\":\"DRILL-1\",\"plate\":\"衡阳D1\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("B4001", r.node().get("tag").asText());
        assertTrue(police.get("/api/v1/watchlist").body().contains("\"B4001\""));
        assertTrue(tracker.app().alerts().watchList().contains(0xB4001));
        assertEquals(204, tracker.admin().delete("/api/v1/watchlist/B4001").status());
        assertTrue(!tracker.app().alerts().watchList().contains(0xB4001));
        assertEquals(400, tracker.admin().put("/api/v1/watchlist/xyz", "{}").status());
    }

    @Test
    void tagSilentRightAfterLeavingItsHomeStationAtNightRaisesSilentAlarm() {
        // 01:00-03:05 Asia/Shanghai (17:00-19:05 UTC) parked at AR-HOME, then heard nowhere while the station hears
        // others
        Instant today = tracker.clock().instant().truncatedTo(ChronoUnit.DAYS);
        Instant left = today.plus(Duration.ofHours(19).plusMinutes(5));
        if (left.plus(Duration.ofMinutes(20)).isAfter(tracker.clock().instant())) {
            left = left.minus(Duration.ofDays(1));
        }
        long end = left.toEpochMilli();
        long begin = end - Duration.ofMinutes(125).toMillis();
        StringBuilder reads = new StringBuilder("[");
        for (long t = begin; t <= end; t += 20_000) {
            reads.append(reads.length() > 1 ? "," : "").append(JsonFrames.read("B3001", t, false));
        }
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), policeToken, null)) {
            tracker.publish("AR-HOME", 10, reads.append(']').toString());
            tracker.publish(
                    "AR-HOME",
                    11,
                    "[" + JsonFrames.read("B3999", end + Duration.ofMinutes(15).toMillis(), false) + "]");
            JsonObject a = console.await("silent alarm", of("silent", "B3001"));
            assertEquals("AR-HOME", a.getString("station"));
            assertEquals(left.toString(), Instant.parse(a.getString("at")).toString());
            assertEquals(List.of(), console.matching(of("silent", "B3999")), "a tag without a long stay has no home");
        }
    }

    @Test
    void alarmNamesTheStationsMostOftenVisitedNextInHistory() throws Exception {
        Instant t = tracker.clock().instant().minus(Duration.ofHours(1));
        try (Connection c = tracker.app().database().dataSource().getConnection()) {
            try (PreparedStatement st =
                    c.prepareStatement("INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi)"
                            + " VALUES (?, ?, ?, ?, 1, -60)")) {
                String[][] paths = {{"AR-A", "AR-B"}, {"AR-A", "AR-B"}, {"AR-A", "AR-B"}, {"AR-A", "AR-C"}};
                for (int i = 0; i < paths.length; i++) {
                    for (int j = 0; j < 2; j++) {
                        st.setLong(1, 0xB2100 + i);
                        st.setString(2, paths[i][j]);
                        st.setTimestamp(3, Timestamp.from(t.plusSeconds(60L * j)));
                        st.setTimestamp(4, Timestamp.from(t.plusSeconds(60L * j + 10)));
                        st.addBatch();
                    }
                }
                st.executeBatch();
            }
            try (PreparedStatement st =
                    c.prepareStatement("INSERT INTO alert_jobs (name, watermark) VALUES ('transitions', ?)"
                            + " ON CONFLICT (name) DO UPDATE SET watermark = EXCLUDED.watermark")) {
                st.setTimestamp(1, Timestamp.from(t.minus(Duration.ofDays(1))));
                st.executeUpdate();
            }
        }
        assertTrue(tracker.app().alerts().countTransitionsNow() >= 4);
        tracker.app().alerts().watchList().watch(TagIds.parse("B2001"), 0, null, null);
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), policeToken, null)) {
            tracker.publish(
                    "AR-A", 20, "[" + JsonFrames.read("B2001", tracker.clock().millis(), false) + "]");
            JsonObject a = console.await("stolen alarm", of("stolen", "B2001"));
            List<Object> next = a.getJsonArray("likelyNext").getList();
            assertEquals(2, next.size(), a.encode());
            assertEquals("AR-B", a.getJsonArray("likelyNext").getJsonObject(0).getString("station"));
            assertEquals(0.75, a.getJsonArray("likelyNext").getJsonObject(0).getDouble("share"), 1e-9);
            assertEquals("AR-C", a.getJsonArray("likelyNext").getJsonObject(1).getString("station"));
        }
    }

    private static JsonNode stolenB1001() {
        for (JsonNode a : alerts(police, "/api/v1/alerts?since=0&limit=1000")) {
            if ("B1001".equals(a.get("tag").asText())
                    && "stolen".equals(a.get("type").asText())) {
                return a;
            }
        }
        return null;
    }

    private static JsonNode alerts(HttpTestClient c, String uri) {
        HttpTestClient.Response r = c.get(uri);
        assertEquals(200, r.status(), r.body());
        return r.node().get("alerts");
    }
}
