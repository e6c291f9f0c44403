package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stolen bikes standing in a den right now (open sightings, none persisted) make it a den. */
class DensLiveIT {

    private static final List<String> TAGS = List.of("D101", "D102", "D103");
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        // sightings stay open for 10 minutes without a read: nothing of this test is persisted
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "600").start();
        tracker.station("DL-A", 112.50, 26.90);
        tracker.station("DL-DEN", 112.55, 26.95);
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void bikesHeardAtADenNowInOpenSightingsMakeItTheTopDen() throws Exception {
        String installer = tracker.roleToken("installer");
        TestOwner o = tracker.owner(installer, "窝点乙");
        Instant now = tracker.clock().instant();
        for (String tag : TAGS) {
            long bike = tracker.bike(installer, o.id(), tag);
            HttpTestClient.Response r = tracker.post(
                    "/api/v1/thefts",
                    o.token(),
                    new JsonObject()
                            .put("bikeId", bike)
                            .put("stolenAt", now.minus(Duration.ofMinutes(40)).toString())
                            .put("place", "小区")
                            .put("description", ""));
            assertEquals(201, r.status(), r.body());
        }
        long t = now.minus(Duration.ofMinutes(6)).toEpochMilli();
        StringBuilder reads = new StringBuilder("[");
        for (String tag : TAGS) {
            reads.append(reads.length() > 1 ? "," : "")
                    .append(JsonFrames.read(tag, t, false))
                    .append(',')
                    .append(JsonFrames.read(tag, t + 120_000, false));
        }
        tracker.publish("DL-DEN", 1, reads.append(']').toString());
        Poll.until(
                Duration.ofSeconds(15),
                "the engine holds the three bikes at the den",
                () -> TAGS.stream()
                        .filter(tag -> !tracker.app()
                                .engine()
                                .sightingsOf(TagIds.parse(tag))
                                .toCompletableFuture()
                                .join()
                                .isEmpty())
                        .count(),
                n -> n == TAGS.size());

        HttpTestClient police = tracker.user("officer-dl", "police");
        HttpTestClient.Response r = police.get(
                "/api/v1/police/dens?from=" + now.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofMinutes(1)));
        assertEquals(200, r.status(), r.body());
        JsonNode top = r.node().get("dens").get(0);
        assertEquals("DL-DEN", top.get("station").asText(), r.body());
        Set<String> tags = new HashSet<>();
        top.get("stolenTags").forEach(n -> {
            tags.add(n.get("tag").asText());
            assertTrue(n.get("open").asBoolean(), n.toString());
        });
        assertEquals(new HashSet<>(TAGS), tags);
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM sightings WHERE station = 'DL-DEN'");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the bikes' stays are all still open: the engine's only");
        }
    }
}
