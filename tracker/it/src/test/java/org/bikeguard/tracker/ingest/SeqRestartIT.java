package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station that restarts its seq counter over real MQTT: its new frames under old seqs land
 * (they are not dropped as redeliveries), the restart is counted once and shown as the station's
 * {@code seqRestart} health flag, an identical resend stays a redelivery, and an admin clears the flag.
 */
class SeqRestartIT {

    private static TrackerKit tracker;
    private static HttpTestClient admin;
    private static HttpTestClient police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.admin();
        police = tracker.user("sr-police", "police");
        for (String id : List.of("SR-1", "SR-2")) {
            tracker.station(id, 112.57, 26.89);
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void framesOfARestartedCounterLandAndTheStationIsFlaggedOnce() {
        long t0 = tracker.clock().millis() - 600_000;
        double restartsBefore = admin.metric("bikeguard_ingest_seq_restarts_total");
        double reusedBefore = admin.metric("bikeguard_ingest_seq_reused_total");
        double redeliveredBefore = admin.metric("bikeguard_ingest_redelivered_total");
        try (TestStation s = tracker.connect("SR-1", TrackerKit.STATION_SECRET)) {
            for (int seq = 1; seq <= 5; seq++) {
                s.publishAndWait(frame("SR-1", seq, 0x5A01L, t0 + seq * 1_000L));
            }
            assertEquals(JsonObject.of("station", "SR-1", "seqRestart", null), health("SR-1", admin));
            // firmware reset: the counter starts again at 1, with new reads
            for (int seq = 1; seq <= 5; seq++) {
                s.publishAndWait(frame("SR-1", seq, 0x5A02L, t0 + 60_000 + seq * 1_000L));
            }
            // a resend of a restarted frame is still a redelivery
            s.publishAndWait(frame("SR-1", 3, 0x5A02L, t0 + 63_000));
        }
        Poll.until(Duration.ofSeconds(10), "the restarted counter's reads", () -> reads("5A02", t0) == 5);
        assertEquals(5, reads("5A01", t0), "the frames from before the restart are still there once");
        assertEquals(restartsBefore + 1, admin.metric("bikeguard_ingest_seq_restarts_total"), "one episode");
        assertEquals(reusedBefore + 5, admin.metric("bikeguard_ingest_seq_reused_total"));
        assertEquals(redeliveredBefore + 1, admin.metric("bikeguard_ingest_redelivered_total"));

        JsonObject flag = health("SR-1", police).getJsonObject("seqRestart");
        assertNotNull(flag, "police see the flag");
        assertEquals(5L, flag.getLong("episodeFrames"));
        assertEquals(1, flag.getInteger("episodes"));
        assertEquals(5L, flag.getLong("lastSeq"));
        Instant since = Instant.parse(flag.getString("since"));
        assertTrue(!since.isAfter(Instant.parse(flag.getString("lastAt"))), flag.encode());
        assertTrue(Math.abs(since.toEpochMilli() - tracker.clock().millis()) < 60_000, "stamped by the tracker clock");

        JsonArray all = admin.get("/api/v1/ingest/seq-restarts").json().getJsonArray("stations");
        assertEquals(1, all.size(), all.encode());
        assertEquals("SR-1", all.getJsonObject(0).getString("station"));
        assertEquals(JsonObject.of("station", "SR-2", "seqRestart", null), health("SR-2", admin));

        assertEquals(
                403, police.delete("/api/v1/stations/SR-1/health/seq-restart").status());
        assertEquals(
                204, admin.delete("/api/v1/stations/SR-1/health/seq-restart").status());
        assertEquals(JsonObject.of("station", "SR-1", "seqRestart", null), health("SR-1", admin));
        assertEquals(
                404, admin.delete("/api/v1/stations/SR-1/health/seq-restart").status(), "already lowered");
        assertEquals(404, admin.get("/api/v1/stations/NO-SUCH/health").status());
    }

    private static byte[] frame(String station, long seq, long tag, long ts) {
        return FrameCodec.encodeBinary(Frame.of(station, seq, List.of(new Read(tag, ts, -60, 1, 0))));
    }

    private static JsonObject health(String station, HttpTestClient client) {
        HttpTestClient.Response r = client.get("/api/v1/stations/" + station + "/health");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static long reads(String tag, long t0) {
        HttpTestClient.Response r = admin.get("/api/v1/tags/" + tag + "/sightings?from="
                + Instant.ofEpochMilli(t0 - 60_000) + "&to=" + Instant.ofEpochMilli(t0 + 3_600_000));
        assertEquals(200, r.status(), r.body());
        long sum = 0;
        for (Object s : r.json().getJsonArray("sightings")) {
            sum += ((JsonObject) s).getLong("reads");
        }
        return sum;
    }
}
