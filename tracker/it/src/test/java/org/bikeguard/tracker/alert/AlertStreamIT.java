package org.bikeguard.tracker.alert;

import static org.bikeguard.tracker.alert.AlarmConsole.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alarms end to end: real MQTT frames in, alarms out on a real WebSocket, stored in PostgreSQL. */
class AlertStreamIT {

    private static TrackerKit tracker;
    private static String police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        tracker.station("AL-A", 112.570, 26.890);
        tracker.station("AL-B", 112.571, 26.890);
        tracker.station("AL-C", 112.572, 26.890);
        tracker.station("AL-FAR", 112.670, 26.890);
        police = tracker.userToken("officer-stream", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void watchedTagHeardAtAStationRaisesOneStolenAlarmOnTheConsole() {
        tracker.app().alerts().watchList().watch(TagIds.parse("A1001"), 42, "HY-2026-0001", "衡阳A12345");
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, null)) {
            long now = tracker.clock().millis();
            tracker.publish(
                    "AL-A",
                    1001,
                    "[" + JsonFrames.read("a1001", now - 2000, false) + ","
                            + JsonFrames.read("A1001", now - 1000, false) + "]");
            JsonObject a = console.await("stolen alarm of A1001", of("stolen", "A1001"));
            assertEquals("AL-A", a.getString("station"));
            assertEquals(42L, a.getLong("caseId"));
            assertEquals("HY-2026-0001", a.getString("caseNo"));
            assertEquals("衡阳A12345", a.getString("plate"));
            assertEquals(112.570, a.getDouble("lon"), 1e-9);
            assertEquals(26.890, a.getDouble("lat"), 1e-9);
            assertTrue(a.getLong("id") > 0);
            assertEquals(
                    java.time.Instant.ofEpochMilli(now - 2000).toString(),
                    java.time.Instant.parse(a.getString("at")).toString());
            assertEquals(
                    "AL-A",
                    a.getJsonArray("recent")
                            .getJsonObject(a.getJsonArray("recent").size() - 1)
                            .getString("station"));
            // a later read of the same sighting raises nothing; a marker alarm proves the stream moved on
            tracker.publish("AL-A", 1002, "[" + JsonFrames.read("A1001", now, false) + "]");
            tracker.publish("AL-A", 1003, "[" + JsonFrames.read("A1002", now, true) + "]");
            console.await("marker", of("tamper", "A1002"));
            assertEquals(1, console.matching(of("stolen", "A1001")).size());
            // the time inside the tracker, from the detector to the console's WebSocket, is measured
            Poll.until(
                    java.time.Duration.ofSeconds(5),
                    "bikeguard_alarms_latency_seconds{type=stolen} counted",
                    () -> tracker.app()
                                    .metrics()
                                    .get("bikeguard.alarms.latency")
                                    .tag("type", "stolen")
                                    .timer()
                                    .count()
                            >= 1);
        }
    }

    @Test
    void redeliveredFrameNeverRaisesASecondAlarm() throws Exception {
        tracker.app().alerts().watchList().watch(TagIds.parse("A2001"), 0, null, null);
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, null);
                TestStation st =
                        TestStation.connect(tracker.vertx(), tracker.mqttPort(), "AL-B", TrackerKit.STATION_SECRET)) {
            long now = tracker.clock().millis();
            byte[] frame = JsonFrames.frame("AL-B", 2001, "[" + JsonFrames.read("A2001", now - 120_000, false) + "]");
            st.publishAndWait(frame);
            st.publishAndWait(frame);
            // the same reads re-encoded (binary): still a redelivery by (station, seq) and content.
            // (The same seq with other reads would be a restarted seq counter: a new frame, see SeqRestartIT.)
            st.publishAndWait(FrameCodec.encodeBinary(FrameCodec.decode(frame)));
            st.publishAndWait(JsonFrames.frame("AL-B", 2002, "[" + JsonFrames.read("A2002", now, true) + "]"));
            console.await("marker", of("tamper", "A2002"));
            List<JsonObject> stolen = console.matching(of("stolen", "A2001"));
            assertEquals(1, stolen.size(), "one alarm for one frame delivered three times: " + stolen);
            assertNull(stolen.get(0).getValue("caseId"));
        }
    }

    @Test
    void reconnectingConsoleCatchesUpWithSinceWithoutGapsOrDuplicates() {
        tracker.app().alerts().watchList().watch(TagIds.parse("A3001"), 0, null, null);
        long now = tracker.clock().millis();
        long first;
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, null)) {
            tracker.publish("AL-C", 3001, "[" + JsonFrames.read("A3001", now - 600_000, false) + "]");
            first = console.await("first alarm", of("stolen", "A3001")).getLong("id");
        }
        // missed while disconnected: two new sightings
        tracker.publish("AL-C", 3002, "[" + JsonFrames.read("A3001", now - 300_000, false) + "]");
        tracker.publish("AL-C", 3003, "[" + JsonFrames.read("A3001", now - 100_000, false) + "]");
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, first)) {
            org.bikeguard.testkit.Poll.until(
                    java.time.Duration.ofSeconds(10),
                    "two missed alarms",
                    () -> console.matching(of("stolen", "A3001")).size() >= 2);
            tracker.publish("AL-C", 3004, "[" + JsonFrames.read("A3001", now, false) + "]");
            org.bikeguard.testkit.Poll.until(
                    java.time.Duration.ofSeconds(10),
                    "the live alarm",
                    () -> console.matching(of("stolen", "A3001")).size() >= 3);
            tracker.publish("AL-C", 3005, "[" + JsonFrames.read("A3002", now, true) + "]");
            console.await("marker", of("tamper", "A3002"));
            List<Long> ids =
                    console.received().stream().map(o -> o.getLong("id")).toList();
            assertTrue(ids.stream().allMatch(id -> id > first), "nothing at or before since: " + ids);
            assertEquals(ids.stream().distinct().sorted().toList(), ids, "increasing, no duplicates: " + ids);
            List<String> ats = console.matching(of("stolen", "A3001")).stream()
                    .map(o -> o.getString("at"))
                    .toList();
            assertEquals(3, ats.size(), "the two missed, then the live one: " + ats);
        }
    }

    @Test
    void tagHeardAtTwoStationsTooFarApartForTheTimeBetweenRaisesCloneAlarm() {
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, null)) {
            long now = tracker.clock().millis();
            tracker.publish("AL-A", 4001, "[" + JsonFrames.read("A4001", now - 20_000, false) + "]");
            // ~9.9 km in 20 s is ~1,800 km/h
            tracker.publish("AL-FAR", 4002, "[" + JsonFrames.read("A4001", now, false) + "]");
            JsonObject a = console.await("clone alarm", of("clone", "A4001"));
            assertEquals("AL-FAR", a.getString("station"));
            assertEquals(
                    List.of("AL-A", "AL-FAR"),
                    a.getJsonArray("recent").stream()
                            .map(o -> ((JsonObject) o).getString("station"))
                            .toList());
            // a plausible move (next station, 100 m, in 60 s) raises nothing
            tracker.publish("AL-B", 4003, "[" + JsonFrames.read("A4002", now - 60_000, false) + "]");
            tracker.publish("AL-C", 4004, "[" + JsonFrames.read("A4002", now, false) + "]");
            tracker.publish("AL-C", 4005, "[" + JsonFrames.read("A4003", now, true) + "]");
            console.await("marker", of("tamper", "A4003"));
            assertEquals(List.of(), console.matching(of("clone", "A4002")));
        }
    }

    @Test
    void tamperFlagRaisesOneTamperAlarmPerSighting() {
        try (AlarmConsole console = AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), police, null)) {
            long now = tracker.clock().millis();
            tracker.publish(
                    "AL-B",
                    5001,
                    "[" + JsonFrames.read("A5001", now - 5000, true) + "," + JsonFrames.read("A5001", now - 4000, true)
                            + "]");
            tracker.publish("AL-B", 5002, "[" + JsonFrames.read("A5001", now, true) + "]");
            JsonObject a = console.await("tamper alarm", of("tamper", "A5001"));
            assertEquals("AL-B", a.getString("station"));
            assertNull(a.getValue("caseId"));
            tracker.publish("AL-B", 5003, "[" + JsonFrames.read("A5002", now, true) + "]");
            console.await("marker", of("tamper", "A5002"));
            assertEquals(1, console.matching(of("tamper", "A5001")).size());
        }
    }
}
