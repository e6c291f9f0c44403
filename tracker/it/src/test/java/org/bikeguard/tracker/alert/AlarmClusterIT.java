package org.bikeguard.tracker.alert;

import static org.bikeguard.tracker.alert.AlarmConsole.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two trackers in one Hazelcast cluster on one database: the watch list and alarms are cluster-wide. */
class AlarmClusterIT {

    private static final String SECRET = "cluster-station-secret-01";
    private static TrackerKit a;
    private static TrackerKit b;
    private static final Vertx VERTX = Vertx.vertx();
    /** One scenario time line for both members. */
    private static final Clock CLOCK = ScenarioClock.ticking();

    @BeforeAll
    static void start() {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(2);
        a = TrackerKit.builder().database(db).cluster(ports, 0).clock(CLOCK).start();
        b = TrackerKit.builder().database(db).cluster(ports, 1).clock(CLOCK).start();
        a.station("CL-1", SECRET, 112.57, 26.89);
        a.user("officer-cl", "police");
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

    private static String token(TrackerKit member) {
        return member.token("officer-cl", "password-officer-cl");
    }

    @Test
    void tagWatchedOnOneMemberRaisesAnAlarmOnConsolesOfBothMembers() {
        a.app().alerts().watchList().watch(TagIds.parse("C1001"), 9, "HY-CL-9", "衡阳CL9");
        Poll.until(
                Duration.ofSeconds(10),
                "the watch list replicated",
                () -> b.app().alerts().watchList().contains(0xC1001));
        assertEquals("HY-CL-9", b.app().alerts().watchList().get(0xC1001).caseNo());
        try (AlarmConsole onA = AlarmConsole.connect(VERTX, a.httpPort(), token(a), null);
                AlarmConsole onB = AlarmConsole.connect(VERTX, b.httpPort(), token(b), null);
                TestStation st = TestStation.connect(VERTX, b.mqttPort(), "CL-1", SECRET)) {
            long now = CLOCK.millis();
            st.publishAndWait(JsonFrames.frame("CL-1", 1, "[" + JsonFrames.read("C1001", now - 100_000, false) + "]"));
            JsonObject seenOnB = onB.await("alarm on the raising member", of("stolen", "C1001"));
            JsonObject seenOnA = onA.await("alarm on the other member", of("stolen", "C1001"));
            assertEquals(seenOnB.getLong("id"), seenOnA.getLong("id"));
            // the station moves to the other member: the same sighting raises nothing there, a new one does,
            // with a larger id from the one cluster counter
            try (TestStation st2 = TestStation.connect(VERTX, a.mqttPort(), "CL-1", SECRET)) {
                st2.publishAndWait(
                        JsonFrames.frame("CL-1", 2, "[" + JsonFrames.read("C1001", now - 95_000, false) + "]"));
                st2.publishAndWait(JsonFrames.frame("CL-1", 3, "[" + JsonFrames.read("C1001", now, false) + "]"));
            }
            Poll.until(
                    Duration.ofSeconds(10),
                    "second alarm on both",
                    () -> onA.matching(of("stolen", "C1001")).size() == 2
                            && onB.matching(of("stolen", "C1001")).size() == 2);
            assertTrue(onB.matching(of("stolen", "C1001")).get(1).getLong("id") > seenOnB.getLong("id"));
            assertEquals(
                    java.time.Instant.ofEpochMilli(now).toString(),
                    java.time.Instant.parse(
                                    onB.matching(of("stolen", "C1001")).get(1).getString("at"))
                            .toString());
        }
        b.app().alerts().watchList().unwatch(0xC1001);
        Poll.until(
                Duration.ofSeconds(10),
                "unwatched everywhere",
                () -> !a.app().alerts().watchList().contains(0xC1001));
    }
}
