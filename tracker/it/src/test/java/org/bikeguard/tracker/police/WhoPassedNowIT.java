package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Who passed here" sees the present: a tag heard over real MQTT a moment ago, whose sighting is
 * still open in the sighting engine and not in the {@code sightings} table, is in the answer,
 * marked open.
 */
class WhoPassedNowIT {

    private static TrackerKit tracker;
    private static HttpTestClient police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        tracker.station("WP-0", 112.50, 26.90);
        tracker.station("WP-1", 112.51, 26.90);
        police = tracker.user("officer-wp", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void aTagPassingNowIsListedBeforeItsSightingIsPersisted() throws Exception {
        long now = tracker.clock().millis();
        tracker.publish(
                "WP-0", 1, "[" + JsonFrames.read("A77", now, false) + "," + JsonFrames.read("A78", now, false) + "]");
        tracker.publish("WP-1", 1, "[" + JsonFrames.read("A79", now, false) + "]");
        String body = "{\"stations\":[\"WP-0\"],\"from\":\"" + Instant.ofEpochMilli(now - 600_000) + "\",\"to\":\""
                + Instant.ofEpochMilli(now + 60_000) + "\",\"caseNo\":\"HY-WP-1\"}";
        JsonNode res = Poll.until(
                Duration.ofSeconds(10),
                "both tags heard at WP-0 listed",
                () -> police.post("/api/v1/police/passed", body).node(),
                n -> n.get("count").asInt() == 2);
        assertEquals("A77", res.get("tags").get(0).get("tag").asText());
        assertEquals("A78", res.get("tags").get(1).get("tag").asText());
        JsonNode pass = res.get("tags").get(0).get("sightings").get(0);
        assertEquals("WP-0", pass.get("station").asText());
        assertTrue(pass.get("open").asBoolean(), "the sighting is still open: " + pass);
        assertEquals(
                Instant.ofEpochMilli(now), Instant.parse(pass.get("firstSeen").asText()));
        assertFalse(res.toString().contains("A79"), "a tag at another station is not listed");
        // the proof that it came from the engine: nothing of it is in the table yet
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM sightings WHERE station = 'WP-0'");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the open sightings are not persisted");
        }
    }
}
