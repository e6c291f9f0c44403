package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.ReadFlags;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spine end to end: real MQTT client → frame log → sightings → HTTP API, with a real PostgreSQL. */
class IngestEndToEndIT {

    private static final String SECRET = "station-secret-0123456789";
    private static TrackerKit tracker;
    private static Vertx vertx;
    private static HttpTestClient admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        vertx = Vertx.vertx();
        admin = tracker.admin();
        for (String id : List.of("E2E-1", "E2E-2", "E2E-3", "E2E-4", "E2E-5")) {
            admin.putStation(id, SECRET, 112.57, 26.89);
        }
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void publishedReadsBecomeAnOpenSightingInTheApi() {
        long t0 = tracker.clock().millis() - 10_000;
        try (TestStation s = TestStation.connect(vertx, tracker.mqttPort(), "E2E-1", SECRET)) {
            s.publishAndWait(FrameCodec.encodeJson(Frame.of(
                    "E2E-1",
                    1,
                    List.of(
                            new Read(0xE2000017L, t0, -61, 1, 0),
                            new Read(0xE2000017L, t0 + 2_000, -55, 2, 0),
                            new Read(0xE2000017L, t0 + 4_000, -70, 1, ReadFlags.TAMPER)))));
        }
        JsonNode sightings = sightings("e2000017", t0 - 60_000, t0 + 60_000);
        assertEquals("E2000017", sightings.get("tag").asText());
        JsonNode only = sightings.get("sightings").get(0);
        assertEquals(1, sightings.get("sightings").size());
        assertEquals("E2E-1", only.get("station").asText());
        assertEquals(4, only.get("reads").asLong(), "reads is the sum of the entries' counts");
        assertEquals(-55, only.get("peakRssi").asInt());
        assertEquals(
                Instant.ofEpochMilli(t0).toString(),
                Instant.parse(only.get("firstSeen").asText()).toString());
        assertTrue(only.get("open").asBoolean());
    }

    @Test
    void wrongSecretIsRefusedAtConnect() {
        assertThrows(
                RuntimeException.class,
                () -> TestStation.connect(vertx, tracker.mqttPort(), "E2E-2", "not-the-secret-at-all"));
        assertTrue(metric("bikeguard_mqtt_connections_refused_total{reason=\"bad_credentials\"") >= 1);
    }

    @Test
    void malformedAndForeignFramesAreCountedWhileTheStationsOtherFramesLand() {
        long t0 = tracker.clock().millis() - 5_000;
        double garbageBefore = metric("bikeguard_ingest_rejected_total{reason=\"unknown_format\"");
        double foreignBefore = metric("bikeguard_ingest_rejected_total{reason=\"topic_not_owned\"");
        try (TestStation s = TestStation.connect(vertx, tracker.mqttPort(), "E2E-2", SECRET)) {
            s.publishAndWait("not a frame".getBytes(StandardCharsets.UTF_8));
            s.publishOn(
                            "stations/E2E-3/reads",
                            FrameCodec.encodeBinary(Frame.of("E2E-3", 1, List.of(new Read(0xBEEFL, t0, -60, 1, 0)))))
                    .await();
            s.publishAndWait(
                    FrameCodec.encodeBinary(Frame.of("E2E-2", 7, List.of(new Read(0xABCDEFL, t0, -60, 1, 0)))));
        }
        assertEquals(garbageBefore + 1, metric("bikeguard_ingest_rejected_total{reason=\"unknown_format\""));
        assertEquals(foreignBefore + 1, metric("bikeguard_ingest_rejected_total{reason=\"topic_not_owned\""));
        assertEquals(
                1, sightings("ABCDEF", t0 - 1_000, t0 + 1_000).get("sightings").size());
        assertEquals(
                0, sightings("BEEF", t0 - 1_000, t0 + 1_000).get("sightings").size(), "a foreign frame is not applied");
    }

    @Test
    void aRedeliveredFrameIsAcknowledgedButNotCountedTwice() {
        long t0 = tracker.clock().millis() - 5_000;
        byte[] frame = FrameCodec.encodeBinary(Frame.of("E2E-4", 99, List.of(new Read(0x5151L, t0, -60, 3, 0))));
        double redeliveredBefore = metric("bikeguard_ingest_redelivered_total");
        try (TestStation s = TestStation.connect(vertx, tracker.mqttPort(), "E2E-4", SECRET)) {
            s.publishAndWait(frame);
            s.publishAndWait(frame);
        }
        assertEquals(redeliveredBefore + 1, metric("bikeguard_ingest_redelivered_total"));
        JsonNode only =
                sightings("5151", t0 - 1_000, t0 + 1_000).get("sightings").get(0);
        assertEquals(3, only.get("reads").asLong());
    }

    @Test
    void aSightingClosesOnEventTimeWhenTheStationsClockPassesTheGap() {
        long t0 = tracker.clock().millis() - 200_000;
        try (TestStation s = TestStation.connect(vertx, tracker.mqttPort(), "E2E-5", SECRET)) {
            s.publishAndWait(FrameCodec.encodeBinary(Frame.of(
                    "E2E-5", 1, List.of(new Read(0x7001L, t0, -60, 1, 0), new Read(0x7001L, t0 + 10_000, -60, 1, 0)))));
            // The station's own clock moves 100 s on (another tag): 0x7001 was last seen > 30 s before.
            s.publishAndWait(
                    FrameCodec.encodeBinary(Frame.of("E2E-5", 2, List.of(new Read(0x7002L, t0 + 100_000, -60, 1, 0)))));
            Poll.until(Duration.ofSeconds(10), "the sighting of 7001 to close", () -> !sightings(
                            "7001", t0 - 1_000, t0 + 200_000)
                    .get("sightings")
                    .get(0)
                    .get("open")
                    .asBoolean());
            JsonNode closed =
                    sightings("7001", t0 - 1_000, t0 + 200_000).get("sightings").get(0);
            assertEquals(
                    Instant.ofEpochMilli(t0 + 10_000).toString(),
                    Instant.parse(closed.get("lastSeen").asText()).toString());
            assertTrue(
                    sightings("7002", t0, t0 + 200_000)
                            .get("sightings")
                            .get(0)
                            .get("open")
                            .asBoolean(),
                    "the newer sighting stays open: its station's clock has not passed its gap");
            // After a checkpoint the closed sighting is served from PostgreSQL, unchanged.
            assertTrue(tracker.app().checkpoint());
            JsonNode persisted = sightings("7001", t0 - 1_000, t0 + 200_000).get("sightings");
            assertEquals(1, persisted.size());
            assertFalse(persisted.get(0).get("open").asBoolean());
            assertEquals(2, persisted.get(0).get("reads").asLong());
        }
    }

    private static JsonNode sightings(String tag, long from, long to) {
        HttpTestClient.Response r = admin.get("/api/v1/tags/" + tag + "/sightings?from=" + Instant.ofEpochMilli(from)
                + "&to=" + Instant.ofEpochMilli(to));
        assertEquals(200, r.status(), r.body());
        return r.node();
    }

    private static double metric(String prefix) {
        return admin.metric(prefix);
    }
}
