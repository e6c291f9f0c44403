package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tracker processes in one Hazelcast cluster on one database, with stations connected to
 * different members: the clone rule sees a tag read at both, and a tamper-flagged sighting raises
 * one alarm per (tag, station) sighting however the station's frames reach the cluster. Alarms are
 * read through the alarms API of each member.
 */
class PatternAlarmsClusterIT {

    private static final String SECRET = "pattern-cluster-secret-01";
    private static final String ADMIN_PASSWORD = "pattern-cluster-admin";
    private static final int TAGS = 16;
    private static final Vertx VERTX = Vertx.vertx();
    private static final Clock CLOCK = ScenarioClock.ticking();
    private static final TrackerProcess[] MEMBERS = new TrackerProcess[2];
    private static final HttpTestClient[] ADMIN = new HttpTestClient[2];
    private static int[] http;
    private static int[] mqtt;

    @BeforeAll
    static void start() throws IOException {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(6);
        int[] hz = {ports[0], ports[1]};
        http = new int[] {ports[2], ports[3]};
        mqtt = new int[] {ports[4], ports[5]};
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "pattern-cluster-logs-");
        // one after the other: the first migrates the database and creates the admin
        for (int m = 0; m < 2; m++) {
            Path home = Files.createDirectories(logs.resolve("member-" + m));
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("BIKEGUARD_DATA_DIR", home.resolve("data").toString());
            env.put("BIKEGUARD_DB_URL", db);
            env.put("BIKEGUARD_DB_USER", "postgres");
            env.put("BIKEGUARD_HTTP_PORT", String.valueOf(http[m]));
            env.put("BIKEGUARD_MQTT_PORT", String.valueOf(mqtt[m]));
            env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
            env.put("BIKEGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("BIKEGUARD_SIM", "off");
            env.put("BIKEGUARD_HZ_PORT", String.valueOf(hz[m]));
            env.put("BIKEGUARD_HZ_MEMBERS", "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1]);
            env.put("BIKEGUARD_SIGHTING_GAP_S", "30");
            env.put("BIKEGUARD_EXTRA_VERTICLES", " ");
            MEMBERS[m] = new TrackerProcess(env, home, CLOCK).start(http[m], Duration.ofSeconds(120));
            ADMIN[m] = new HttpTestClient(http[m]).login("admin", ADMIN_PASSWORD);
        }
        for (HttpTestClient admin : ADMIN) {
            Poll.until(
                    Duration.ofSeconds(30),
                    "both members share the tags of the pattern rules",
                    () -> admin.metric("bikeguard_alarms_patterns_members") == 2);
        }
        ADMIN[0].putStation("PC-A", SECRET, 112.570, 26.890);
        ADMIN[0].putStation("PC-B", SECRET, 112.670, 26.890); // ~9.9 km east of PC-A
        ADMIN[0].putStation("PC-C", SECRET, 112.580, 26.900);
        ADMIN[0].putStation("PC-D", SECRET, 112.581, 26.900); // ~100 m east of PC-C: no clone between them
    }

    @AfterAll
    static void stop() throws InterruptedException {
        VERTX.close().await();
        for (TrackerProcess m : MEMBERS) {
            if (m != null) {
                m.close();
            }
        }
    }

    /** Connects station {@code id} to member {@code m}, waiting until that member knows the station. */
    private static TestStation connect(String id, int m) {
        return Poll.until(
                Duration.ofSeconds(15),
                "member " + m + " accepts station " + id,
                () -> {
                    try {
                        return TestStation.connect(VERTX, mqtt[m], id, SECRET);
                    } catch (RuntimeException notYet) {
                        return null;
                    }
                },
                s -> s != null);
    }

    /** The alarms of {@code type} as member {@code m}'s API lists them, by tag then station. */
    private static Map<String, List<String>> alarms(int m, String type) {
        HttpTestClient.Response r = ADMIN[m].get("/api/v1/alerts?since=0&limit=1000");
        assertEquals(200, r.status(), r.body());
        Map<String, List<String>> byTag = new TreeMap<>();
        JsonArray all = r.json().getJsonArray("alerts");
        for (int i = 0; i < all.size(); i++) {
            JsonObject a = all.getJsonObject(i);
            if (type.equals(a.getString("type"))) {
                byTag.computeIfAbsent(a.getString("tag"), t -> new ArrayList<>())
                        .add(a.getString("station"));
            }
        }
        byTag.values().forEach(l -> l.sort(null));
        return byTag;
    }

    /** Lets anything still on its way (forwarded batches every 50 ms, the alarm store) arrive. */
    private static void settle() {
        long from = System.nanoTime();
        Poll.until(Duration.ofSeconds(5), "a quiet second and a half", () -> System.nanoTime() - from > 1_500_000_000L);
    }

    @Test
    void aTagReadAtTwoFarStationsOnDifferentMembersRaisesOneCloneAlarm() {
        long t = CLOCK.millis() - 120_000;
        StringBuilder atA = new StringBuilder("[");
        StringBuilder atB = new StringBuilder("[");
        for (int i = 0; i < TAGS; i++) {
            String tag = "E7" + String.format("%03X", i);
            atA.append(i > 0 ? "," : "").append(JsonFrames.read(tag, t + i, false));
            atB.append(i > 0 ? "," : "").append(JsonFrames.read(tag, t + 20_000 + i, false)); // 10 km in 20 s
        }
        try (TestStation a = connect("PC-A", 0);
                TestStation b = connect("PC-B", 1)) {
            a.publishAndWait(JsonFrames.frame("PC-A", 1, atA.append(']').toString()));
            b.publishAndWait(JsonFrames.frame("PC-B", 1, atB.append(']').toString()));
        }
        Poll.until(Duration.ofSeconds(20), "a clone alarm per tag", () -> alarms(0, "clone"), m -> m.size() == TAGS);
        settle();
        for (int m = 0; m < 2; m++) {
            Map<String, List<String>> clones = alarms(m, "clone");
            assertEquals(TAGS, clones.size(), "member " + m + ": " + clones);
            clones.forEach((tag, stations) -> assertEquals(1, stations.size(), "one clone alarm for " + tag));
        }
        // each read's owner is one member or the other: both forwarded reads (16 tags, half each)
        for (int m = 0; m < 2; m++) {
            assertTrue(ADMIN[m].metric("bikeguard_alarms_patterns_forwarded_total") > 0, "member " + m + " forwarded");
            assertEquals(0, ADMIN[m].metric("bikeguard_alarms_patterns_forward_failed_total"), "member " + m);
        }
    }

    @Test
    void aTamperFlagHeardThroughBothMembersRaisesOneAlarmPerStationSighting() {
        long t = CLOCK.millis() - 300_000;
        String tag = "F7001";
        try (TestStation c = connect("PC-C", 0);
                TestStation d = connect("PC-D", 1)) {
            c.publishAndWait(JsonFrames.frame("PC-C", 1, "[" + JsonFrames.read(tag, t, true) + "]"));
            d.publishAndWait(JsonFrames.frame("PC-D", 1, "[" + JsonFrames.read(tag, t + 1_000, true) + "]"));
        }
        Poll.until(
                Duration.ofSeconds(10),
                "a tamper alarm at each station",
                () -> alarms(1, "tamper"),
                m -> m.equals(Map.of(tag, List.of("PC-C", "PC-D"))));
        // the same sightings go on: PC-C moves to the other member, PC-D is heard through both
        try (TestStation c = connect("PC-C", 1);
                TestStation d = connect("PC-D", 0)) {
            c.publishAndWait(JsonFrames.frame("PC-C", 2, "[" + JsonFrames.read(tag, t + 5_000, true) + "]"));
            d.publishAndWait(JsonFrames.frame("PC-D", 2, "[" + JsonFrames.read(tag, t + 6_000, true) + "]"));
        }
        try (TestStation d = connect("PC-D", 1)) {
            d.publishAndWait(JsonFrames.frame("PC-D", 3, "[" + JsonFrames.read(tag, t + 7_000, true) + "]"));
        }
        settle();
        for (int m = 0; m < 2; m++) {
            assertEquals(Map.of(tag, List.of("PC-C", "PC-D")), alarms(m, "tamper"), "member " + m);
        }
        // a new sighting at PC-C (past the 30 s gap) is a new alarm, whichever member hears it
        try (TestStation c = connect("PC-C", 0)) {
            c.publishAndWait(JsonFrames.frame("PC-C", 3, "[" + JsonFrames.read(tag, t + 60_000, true) + "]"));
        }
        Poll.until(
                Duration.ofSeconds(10),
                "a second tamper alarm at PC-C",
                () -> alarms(1, "tamper"),
                m -> m.equals(Map.of(tag, List.of("PC-C", "PC-C", "PC-D"))));
    }
}
