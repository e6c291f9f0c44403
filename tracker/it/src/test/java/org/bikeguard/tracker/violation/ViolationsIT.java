package org.bikeguard.tracker.violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TrackerKit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Violations end to end over real MQTT (Paho): an intersection imported by an admin, its controller publishing phases
 * on {@code signals/{id}/phase}, its station publishing reads with antennas (JSON and binary version 2), the
 * violation visible through {@code GET /api/v1/violations} within 2 s; roles, bad input and the audit row. The
 * tracker's clock ticks from the kit's scenario weekday (Tuesday 24 November 2026, 10:00 Asia/Shanghai).
 */
class ViolationsIT {

    private static TrackerKit tracker;
    private static HttpTestClient traffic;

    static String feature(String id, String station, String controller) {
        return """
                {"type":"Feature","id":"%s","geometry":{"type":"Point","coordinates":[112.57,26.89]},
                 "properties":{"name":"Jiefang Rd / Zhongshan Rd","controller":"%s","toleranceMs":1000,"approaches":[
                  {"id":"N","station":"%s","zones":[
                    {"antenna":0,"role":"stop_line","lane":"non_motor","direction":"in"},
                    {"antenna":1,"role":"stop_line","lane":"motor","direction":"in"},
                    {"antenna":2,"role":"exit","movement":"through","lane":"non_motor","direction":"out"},
                    {"antenna":3,"role":"exit","movement":"left","lane":"non_motor","direction":"out"}]}]}}
                """
                .formatted(id, controller, station);
    }

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        tracker.station("VI-N", 112.570, 26.890);
        tracker.station("VI-C", 112.570, 26.890);
        tracker.station("VI-N2", 112.571, 26.891);
        traffic = tracker.user("traffic-officer", "traffic");
        HttpTestClient.Response put =
                tracker.admin().put("/api/v1/intersections/VI-X1", feature("VI-X1", "VI-N", "VI-C"));
        assertEquals(200, put.status(), put.body());
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** A Paho MQTT 3.1.1 client that disconnects before it closes. */
    record Paho(MqttClient client) implements AutoCloseable {
        void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
            client.publish(topic, payload, qos, retained);
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    static Paho paho(String user) throws MqttException {
        MqttClient c = new MqttClient(
                "tcp://127.0.0.1:" + tracker.mqttPort(), user + "-" + System.nanoTime(), new MemoryPersistence());
        c.setTimeToWait(5_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(TrackerKit.STATION_SECRET.toCharArray());
        o.setCleanSession(true);
        c.connect(o);
        return new Paho(c);
    }

    static byte[] phase(String intersection, long seq, long ts, String... green) {
        return new JsonObject()
                .put("intersection", intersection)
                .put("seq", seq)
                .put("ts", ts)
                .put("green", new JsonArray(List.of(green)))
                .put("amber", new JsonArray())
                .encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    static JsonArray violations(HttpTestClient c, String query) {
        HttpTestClient.Response r = c.get("/api/v1/violations?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("violations");
    }

    static String window(long from, long to) {
        return "from=" + enc(Instant.ofEpochMilli(from)) + "&to=" + enc(Instant.ofEpochMilli(to));
    }

    static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void redLightFromAControllersPhaseAndAStationsAntennaReadsIsVisibleWithinTwoSeconds() throws Exception {
        long now = tracker.clock().millis();
        long red = now - 20_000;
        try (Paho controller = paho("VI-C");
                Paho station = paho("VI-N")) {
            controller.publish(Topics.phaseTopic("VI-X1"), phase("VI-X1", 1, red - 30_000, "N.through"), 1, false);
            controller.publish(Topics.phaseTopic("VI-X1"), phase("VI-X1", 2, red, "N.left"), 1, false);
            Poll.until(
                    Duration.ofSeconds(5),
                    "phases stored",
                    () -> tracker.app()
                                    .violations()
                                    .phases()
                                    .at("VI-X1", "N.through", now)
                                    .state()
                            == SignalState.RED);
            // a station may not publish the controller's phases
            station.publish(Topics.phaseTopic("VI-X1"), phase("VI-X1", 3, red + 1_000, "N.through"), 1, false);
            Frame f = Frame.of(
                    "VI-N",
                    1,
                    List.of(
                            new Read(0xE1, now - 3_000, -60, 1, 0, 0),
                            new Read(0xE1, now - 2_600, -58, 2, 0, 0),
                            new Read(0xE2, now - 2_600, -70, 1, 0, Read.NO_ANTENNA),
                            new Read(0xE1, now - 1_500, -62, 1, 0, 2)));
            long published = System.nanoTime();
            station.publish(Topics.readsTopic("VI-N"), FrameCodec.encodeJson(f), 1, false);
            String q = window(now - 60_000, now + 60_000) + "&kind=red_light&intersection=VI-X1";
            JsonArray vs = Poll.until(
                    Duration.ofSeconds(2), "red light visible", () -> violations(traffic, q), a -> a.size() == 1);
            long tookMs = (System.nanoTime() - published) / 1_000_000;
            assertTrue(tookMs <= 2_000, "visible after " + tookMs + " ms");
            JsonObject v = vs.getJsonObject(0);
            assertEquals("E1", v.getString("tag"));
            assertEquals("red_light", v.getString("kind"));
            assertEquals("VI-X1", v.getString("intersection"));
            assertEquals(Instant.ofEpochMilli(now - 1_500), Instant.parse(v.getString("at")));
            assertTrue(v.getDouble("confidence") > 0.5 && v.getDouble("confidence") <= 1, v.encode());
            JsonObject ev = v.getJsonObject("evidence");
            assertEquals("red", ev.getJsonObject("phase").getString("state"));
            assertEquals("controller", ev.getJsonObject("phase").getString("source"));
            assertEquals(
                    Instant.ofEpochMilli(red),
                    Instant.parse(ev.getJsonObject("phase").getString("since")));
            assertEquals(3, ev.getJsonArray("reads").size(), "the read without an antenna is not part of it");
            assertEquals(2, ev.getJsonArray("reads").getJsonObject(2).getInteger("antenna"));
            assertEquals(-62, ev.getJsonArray("reads").getJsonObject(2).getInteger("rssi"));

            // the same frame again (a redelivery) and the same reads under a new seq change nothing
            station.publish(Topics.readsTopic("VI-N"), FrameCodec.encodeJson(f), 1, false);
            station.publish(
                    Topics.readsTopic("VI-N"), FrameCodec.encodeBinary(Frame.of("VI-N", 2, f.reads())), 1, false);
            Thread.sleep(500);
            assertEquals(1, violations(traffic, q).size());
        }
        HttpTestClient.Response phases =
                traffic.get("/api/v1/intersections/VI-X1/phases?" + window(red - 60_000, now + 60_000));
        assertEquals(200, phases.status(), phases.body());
        assertEquals(
                2,
                phases.json().getJsonArray("phases").size(),
                "the station's phase message was dropped: " + phases.body());
    }

    @Test
    void wrongWayFromABinaryVersionTwoFrame() throws Exception {
        long now = tracker.clock().millis();
        try (Paho station = paho("VI-N")) {
            Frame f = Frame.of(
                    "VI-N",
                    100,
                    List.of(
                            new Read(0xE5, now - 4_000, -60, 1, 0, 3),
                            new Read(0xE5, now - 3_500, -60, 1, 0, 3),
                            new Read(0xE5, now - 2_000, -61, 1, 0, 0)));
            byte[] bin = FrameCodec.encodeBinary(f);
            assertEquals(FrameCodec.BINARY_VERSION_ANTENNAS, bin[1]);
            station.publish(Topics.readsTopic("VI-N"), bin, 1, false);
        }
        String q = window(now - 60_000, now + 60_000) + "&kind=wrong_way";
        JsonArray vs = Poll.until(
                Duration.ofSeconds(2), "wrong way visible", () -> violations(traffic, q), a -> a.size() == 1);
        assertEquals("E5", vs.getJsonObject(0).getString("tag"));
        assertEquals(
                Instant.ofEpochMilli(now - 2_000),
                Instant.parse(vs.getJsonObject(0).getString("at")));
    }

    @Test
    void rolesWithoutViolationDutiesAreForbiddenAndBadInputIs400() throws Exception {
        String q = window(tracker.clock().millis() - 60_000, tracker.clock().millis());
        for (String role : List.of("owner", "installer", "adjuster", "property")) {
            HttpTestClient c = tracker.user("vio-" + role, role);
            assertEquals(403, c.get("/api/v1/violations?" + q).status(), role);
            assertEquals(403, c.get("/api/v1/intersections/VI-X1").status(), role);
            assertEquals(
                    403,
                    c.put("/api/v1/intersections/VI-X9", feature("VI-X9", "VI-N9", "VI-C9"))
                            .status(),
                    role);
        }
        assertEquals(
                403,
                traffic.put("/api/v1/intersections/VI-X9", feature("VI-X9", "VI-N9", "VI-C9"))
                        .status());
        assertEquals(401, tracker.http().get("/api/v1/violations?" + q).status());
        assertEquals(200, traffic.get("/api/v1/violations?" + q).status());
        assertEquals(
                200,
                tracker.http(tracker.roleToken("police"))
                        .get("/api/v1/violations?" + q)
                        .status());
        assertEquals(
                400, traffic.get("/api/v1/violations?to=2026-11-24T00:00:00Z").status());
        assertEquals(
                400, traffic.get("/api/v1/violations?" + q + "&kind=speeding").status());
        assertEquals(
                400,
                traffic.get("/api/v1/violations?from=2026-10-01T00:00:00Z&to=2026-11-24T00:00:00Z")
                        .status());
        HttpTestClient.Response bad = tracker.admin()
                .put(
                        "/api/v1/intersections/VI-X9",
                        feature("VI-X9", "VI-N9", "VI-C9").replace("\"antenna\":3", "\"antenna\":16"));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.json().getString("message").contains("antenna"), bad.body());
        assertEquals(404, traffic.get("/api/v1/intersections/VI-NONE").status());

        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*) FROM audit_log WHERE action = 'violations.list' AND username = 'traffic-officer'");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            assertTrue(rs.getInt(1) >= 1, "violation queries are audited");
        }
    }

    @Test
    void bulkImportIsAllOrNothingAndAStationBelongsToOneIntersection() {
        String two = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("VI-X2", "VI-N2", "VI-C2") + ","
                + feature("VI-X3", "VI-N3", "VI-C3") + "]}";
        HttpTestClient.Response r = tracker.admin().post("/api/v1/intersections/import", two);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("imported"));
        assertEquals(
                "VI-N3",
                tracker.admin()
                        .get("/api/v1/intersections/VI-X3")
                        .json()
                        .getJsonObject("properties")
                        .getJsonArray("approaches")
                        .getJsonObject(0)
                        .getString("station"));
        HttpTestClient.Response taken =
                tracker.admin().put("/api/v1/intersections/VI-X4", feature("VI-X4", "VI-N2", "VI-C4"));
        assertEquals(409, taken.status(), taken.body());
        String broken = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("VI-X5", "VI-N5", "VI-C5")
                + ",{\"type\":\"Feature\"}]}";
        HttpTestClient.Response b = tracker.admin().post("/api/v1/intersections/import", broken);
        assertEquals(400, b.status(), b.body());
        assertEquals(
                404, tracker.admin().get("/api/v1/intersections/VI-X5").status(), "nothing of a broken import is kept");
    }
}
