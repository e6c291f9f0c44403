package org.bikeguard.tracker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.correlate.ApplyFaults;
import org.junit.jupiter.api.Test;

/**
 * Bucket applies that fail are sent again before anything behind them: with failures injected
 * into the hot state's apply calls, every read of an acknowledged stream is still counted once,
 * the retries show in {@code /metrics}, and a checkpoint taken afterwards holds them all.
 */
class ApplyFailureIT {

    private static final String SECRET = "apply-failure-secret-0001";
    private static final long TAG = 0xAF0001L;

    @Test
    void injectedApplyFailuresAreRetriedAndNoReadIsSkipped() {
        Vertx vertx = Vertx.vertx();
        try (TrackerKit tracker =
                TrackerKit.builder().env("BIKEGUARD_BUCKETS", "8").start()) {
            HttpTestClient admin = tracker.admin();
            admin.putStation("AF-1", SECRET, 112.57, 26.89);
            long t0 = tracker.clock().millis() - 120_000;
            double retriesBefore = admin.metric("bikeguard_correlate_apply_retries_total");
            ApplyFaults.failNext(3);
            try (TestStation station = TestStation.connect(vertx, tracker.mqttPort(), "AF-1", SECRET)) {
                for (int f = 0; f < 20; f++) {
                    List<Read> reads = new ArrayList<>();
                    reads.add(new Read(TAG, t0 + f * 1_000L, -60, 2, 0));
                    station.publishAndWait(FrameCodec.encodeBinary(Frame.of("AF-1", 100 + f, reads)));
                }
            }
            Poll.until(Duration.ofSeconds(30), "every read applied", () -> readsOf(admin, t0) == 40);
            assertEquals(0, ApplyFaults.armed(), "every injected failure happened");
            assertTrue(
                    admin.metric("bikeguard_correlate_apply_retries_total") >= retriesBefore + 3,
                    "the retries are counted");
            assertTrue(tracker.app().checkpoint(), "a checkpoint after the retries succeeds");
            assertEquals(40, readsOf(admin, t0), "still counted once after the checkpoint");
        } finally {
            vertx.close().await();
        }
    }

    private static long readsOf(HttpTestClient http, long t0) {
        HttpTestClient.Response r = http.get("/api/v1/tags/AF0001/sightings?from=" + Instant.ofEpochMilli(t0 - 60_000)
                + "&to=" + Instant.ofEpochMilli(t0 + 120_000));
        long sum = 0;
        for (JsonNode s : r.node().get("sightings")) {
            sum += s.get("reads").asLong();
        }
        return sum;
    }
}
