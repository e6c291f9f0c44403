package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stolen alarm's companions come from sightings still open in the engine (none persisted yet),
 * are stored with the alarm, and are read back with it after the tracker restarts.
 */
class AlarmCompanionsIT {

    private TrackerKit tracker;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static TrackerKit start(String db) {
        // sightings stay open for 10 minutes without a read: nothing of this test is persisted
        return TrackerKit.builder()
                .database(db)
                .env("BIKEGUARD_SIGHTING_GAP_S", "600")
                .start();
    }

    @Test
    void aCompanionSeenOnlyInOpenSightingsComesWithTheAlarmAndStaysWithItAfterARestart() throws Exception {
        String db = TestDatabase.newDatabaseUrl();
        tracker = start(db);
        for (int i = 0; i < 4; i++) {
            tracker.station("AC-" + i, 112.50 + 0.01 * i, 26.90);
        }
        long now = tracker.clock().millis();
        // the stolen bike C1 and C2 in the same van past three stations 1 km apart, minutes ago
        for (int i = 0; i < 3; i++) {
            long t = now - (10 - 2L * i) * 60_000;
            tracker.publish(
                    "AC-" + i,
                    1,
                    "[" + JsonFrames.read("C1", t, false) + "," + JsonFrames.read("C2", t + 3_000, false) + "]");
        }
        Poll.until(
                Duration.ofSeconds(15),
                "the engine holds C2's three sightings",
                () -> tracker.app()
                        .engine()
                        .sightingsOf(TagIds.parse("C2"))
                        .toCompletableFuture()
                        .join()
                        .size(),
                n -> n >= 3);
        List<String> updates = new CopyOnWriteArrayList<>();
        tracker.app().alerts().updates().listen(updates::add);
        tracker.app().alerts().watchList().watch(TagIds.parse("C1"), 81, "HY-AC-81", null);
        tracker.publish("AC-3", 1, "[" + JsonFrames.read("C1", tracker.clock().millis(), false) + "]");
        String update = Poll.until(
                Duration.ofSeconds(15),
                "the stolen alarm's companions as an update",
                () -> updates.stream()
                        .filter(j -> j.contains("\"tag\":\"C1\"") && j.contains("companions"))
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
        JsonObject alarm = new JsonObject(update);
        JsonArray companions = alarm.getJsonArray("companions");
        assertEquals(1, companions.size(), update);
        assertEquals("C2", companions.getJsonObject(0).getString("tag"));
        assertEquals(3, companions.getJsonObject(0).getInteger("stations"));
        assertEquals(0, persisted(tracker, "C2"), "C2's sightings are all still open: the engine's only");
        long id = alarm.getLong("id");

        HttpTestClient police = tracker.user("officer-ac", "police");
        JsonObject read = Poll.until(
                Duration.ofSeconds(15),
                "the alarm stored with its companions",
                () -> {
                    HttpTestClient.Response r = police.get("/api/v1/alerts/" + id);
                    return r.status() == 200 ? new JsonObject(r.body()) : null;
                },
                o -> o != null && o.getJsonArray("companions") != null);
        assertEquals("C2", read.getJsonArray("companions").getJsonObject(0).getString("tag"));

        tracker.close();
        tracker = start(db);
        HttpTestClient again = tracker.user("officer-ac2", "police");
        HttpTestClient.Response one = again.get("/api/v1/alerts/" + id);
        assertEquals(200, one.status(), one.body());
        JsonArray after = new JsonObject(one.body()).getJsonArray("companions");
        assertEquals(companions, after, "the alarm keeps its companions across a restart");
        HttpTestClient.Response list = again.get("/api/v1/alerts?since=" + (id - 1) + "&limit=10");
        assertEquals(200, list.status(), list.body());
        assertFalse(list.body().isEmpty());
        JsonObject listed = new JsonObject(list.body())
                .getJsonArray("alerts").stream()
                        .map(JsonObject.class::cast)
                        .filter(o -> o.getLong("id") == id)
                        .findFirst()
                        .orElseThrow();
        assertEquals(companions, listed.getJsonArray("companions"));
    }

    private static long persisted(TrackerKit tracker, String tag) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM sightings WHERE tag = ?")) {
            st.setLong(1, TagIds.parse(tag));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
