package org.bikeguard.tracker.alert;

import static org.bikeguard.tracker.alert.AlarmConsole.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.testsupport.FreePorts;
import org.bikeguard.tracker.testsupport.HttpTestClient;
import org.bikeguard.tracker.testsupport.Poll;
import org.bikeguard.tracker.testsupport.ScenarioClock;
import org.bikeguard.tracker.testsupport.TestConfigs;
import org.bikeguard.tracker.testsupport.TestDatabase;
import org.bikeguard.tracker.testsupport.TestStation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two trackers in one Hazelcast cluster on one database: the watch list and alarms are cluster-wide. */
class AlarmClusterIT {

    private static final String SECRET = "cluster-station-secret-01";
    private static TrackerApp a;
    private static TrackerApp b;
    private static final Vertx VERTX = Vertx.vertx();
    /** One scenario time line for both members. */
    private static final Clock CLOCK = ScenarioClock.ticking();

    @BeforeAll
    static void start() {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(2);
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        a = TrackerApp.start(TestConfigs.config(Map.of("BIKEGUARD_DB_URL", db, "BIKEGUARD_DB_USER", "postgres",
                "BIKEGUARD_HZ_PORT", String.valueOf(ports[0]), "BIKEGUARD_HZ_MEMBERS", members)), CLOCK);
        b = TrackerApp.start(TestConfigs.config(Map.of("BIKEGUARD_DB_URL", db, "BIKEGUARD_DB_USER", "postgres",
                "BIKEGUARD_HZ_PORT", String.valueOf(ports[1]), "BIKEGUARD_HZ_MEMBERS", members)), CLOCK);
        HttpTestClient admin = new HttpTestClient(a.httpPort()).login("admin", "admin-test-password");
        admin.putStation("CL-1", SECRET, 112.57, 26.89);
        HttpTestClient.Response r = admin.post("/api/v1/users", "{\"username\":\"officer-cl\",\"password\":\"password-cl\",\"role\":\"police\"}");
        assertEquals(201, r.status(), r.body());
    }

    @AfterAll
    static void stop() {
        VERTX.close().await();
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static String token(TrackerApp app) {
        return new HttpTestClient(app.httpPort()).post("/api/v1/auth/token",
                "{\"username\":\"officer-cl\",\"password\":\"password-cl\"}").json().get("token").asText();
    }

    @Test
    void tagWatchedOnOneMemberRaisesAnAlarmOnConsolesOfBothMembers() {
        a.alerts().watchList().watch(TagIds.parse("C1001"), 9, "HY-CL-9", "衡阳CL9");
        Poll.until(Duration.ofSeconds(10), "the watch list replicated", () -> b.alerts().watchList().contains(0xC1001));
        assertEquals("HY-CL-9", b.alerts().watchList().get(0xC1001).caseNo());
        try (AlarmConsole onA = AlarmConsole.connect(VERTX, a.httpPort(), token(a), null);
             AlarmConsole onB = AlarmConsole.connect(VERTX, b.httpPort(), token(b), null);
             TestStation st = TestStation.connect(VERTX, b.mqttPort(), "CL-1", SECRET)) {
            long now = CLOCK.millis();
            st.publishAndWait(AlertsBed.frame("CL-1", 1, "[" + AlertsBed.read("C1001", now - 100_000, false) + "]"));
            JsonObject seenOnB = onB.await("alarm on the raising member", of("stolen", "C1001"));
            JsonObject seenOnA = onA.await("alarm on the other member", of("stolen", "C1001"));
            assertEquals(seenOnB.getLong("id"), seenOnA.getLong("id"));
            // the station moves to the other member: the same sighting raises nothing there, a new one does,
            // with a larger id from the one cluster counter
            try (TestStation st2 = TestStation.connect(VERTX, a.mqttPort(), "CL-1", SECRET)) {
                st2.publishAndWait(AlertsBed.frame("CL-1", 2, "[" + AlertsBed.read("C1001", now - 95_000, false) + "]"));
                st2.publishAndWait(AlertsBed.frame("CL-1", 3, "[" + AlertsBed.read("C1001", now, false) + "]"));
            }
            Poll.until(Duration.ofSeconds(10), "second alarm on both", () -> onA.matching(of("stolen", "C1001")).size() == 2
                    && onB.matching(of("stolen", "C1001")).size() == 2);
            assertTrue(onB.matching(of("stolen", "C1001")).get(1).getLong("id") > seenOnB.getLong("id"));
            assertEquals(java.time.Instant.ofEpochMilli(now).toString(),
                    java.time.Instant.parse(onB.matching(of("stolen", "C1001")).get(1).getString("at")).toString());
        }
        b.alerts().watchList().unwatch(0xC1001);
        Poll.until(Duration.ofSeconds(10), "unwatched everywhere", () -> !a.alerts().watchList().contains(0xC1001));
    }
}
