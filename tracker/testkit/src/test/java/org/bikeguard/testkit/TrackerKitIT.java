package org.bikeguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kit itself: a tracker from the builder, its role tokens, stations, MQTT and the scenario clock. */
@Timeout(120)
class TrackerKitIT {

    private static final Instant START = ScenarioDate.WEEKEND.instant();
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder()
                .clock(ScenarioClock.ticking(START))
                .env("BIKEGUARD_INGEST_INSTANCES", "1")
                .start();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void theTrackerListensOnEphemeralPortsAndDecidesByTheGivenClock() {
        assertTrue(tracker.httpPort() > 0 && tracker.mqttPort() > 0);
        assertNotEquals(tracker.httpPort(), tracker.mqttPort());
        assertEquals(200, tracker.http().get("/health").status());
        long skew = Math.abs(tracker.app().clock().millis() - START.toEpochMilli());
        assertTrue(skew < Duration.ofMinutes(5).toMillis(), "the clock ticks from the scenario start: " + skew + " ms");
    }

    @Test
    void roleTokensAreMadeOnceAndCarryTheirRole() {
        for (String role : new String[] {"admin", "police", "installer", "adjuster", "owner"}) {
            String token = tracker.roleToken(role);
            assertEquals(token, tracker.roleToken(role), "reused");
            HttpTestClient.Response me = tracker.get("/api/v1/auth/me", token);
            assertEquals(200, me.status(), me::toString);
            assertEquals(role, me.json().getString("role"));
        }
        assertEquals(401, tracker.get("/api/v1/auth/me", null).status());
    }

    @Test
    void aFramePublishedAsAStationBecomesASighting() {
        int idx = tracker.station("KIT-1", 112.57, 26.89).getInteger("idx");
        assertTrue(idx >= 0);
        long at = tracker.clock().millis() - 5_000;
        tracker.publish("KIT-1", 1, "[" + JsonFrames.read("E2000017", at, -55, 2) + "]");
        String path = "/api/v1/tags/E2000017/sightings?from=" + Instant.ofEpochMilli(at - 60_000) + "&to="
                + Instant.ofEpochMilli(at + 60_000);
        JsonArray s = Poll.until(
                Duration.ofSeconds(10),
                "the sighting",
                () -> tracker.get(path, tracker.adminToken()).json().getJsonArray("sightings"),
                a -> !a.isEmpty());
        assertEquals("KIT-1", s.getJsonObject(0).getString("station"));
        assertThrows(RuntimeException.class, () -> tracker.connect("KIT-1", "not-the-secret-at-all"));
    }
}
