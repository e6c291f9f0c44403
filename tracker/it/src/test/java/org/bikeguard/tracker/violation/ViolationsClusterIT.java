package org.bikeguard.tracker.violation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tracker processes in one cluster on one database: an intersection saved on one member is known on the other,
 * its controller's phases reach the member deciding its passages, and a passage whose reads come from two stations
 * connected to different members is decided once (wrong way: entered through the south exit zone, left through the
 * north stop line). The clock ticks from the kit's scenario weekday.
 */
class ViolationsClusterIT {

    private static final String SECRET = "violation-cluster-secret";
    private static final String ADMIN_PASSWORD = "violation-cluster-admin";
    private static final Vertx VERTX = Vertx.vertx();
    private static final Clock CLOCK = ScenarioClock.ticking();
    private static final TrackerProcess[] MEMBERS = new TrackerProcess[2];
    private static final HttpTestClient[] ADMIN = new HttpTestClient[2];
    private static int[] mqtt;

    static final String FEATURE =
            """
            {"type":"Feature","id":"VC-X1","geometry":{"type":"Point","coordinates":[112.57,26.89]},
             "properties":{"name":"cluster crossing","controller":"VC-C","approaches":[
              {"id":"N","station":"VC-N","zones":[
                {"antenna":0,"role":"stop_line","lane":"non_motor"},
                {"antenna":2,"role":"exit","movement":"through","lane":"non_motor"}]},
              {"id":"S","station":"VC-S","zones":[
                {"antenna":0,"role":"stop_line","lane":"non_motor"},
                {"antenna":2,"role":"exit","movement":"through","lane":"non_motor"}]}]}}
            """;

    @BeforeAll
    static void start() throws IOException {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(6);
        int[] hz = {ports[0], ports[1]};
        int[] http = {ports[2], ports[3]};
        mqtt = new int[] {ports[4], ports[5]};
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "violation-cluster-logs-");
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
            env.put("BIKEGUARD_EXTRA_VERTICLES", " ");
            MEMBERS[m] = new TrackerProcess(env, home, CLOCK).start(http[m], Duration.ofSeconds(120));
            ADMIN[m] = new HttpTestClient(http[m]).login("admin", ADMIN_PASSWORD);
        }
        for (String s : List.of("VC-N", "VC-S", "VC-C")) {
            ADMIN[0].putStation(s, SECRET, 112.570, 26.890);
        }
        HttpTestClient.Response put = ADMIN[0].put("/api/v1/intersections/VC-X1", FEATURE);
        assertEquals(200, put.status(), put.body());
        Poll.until(
                Duration.ofSeconds(10),
                "member 1 knows the intersection",
                () -> ADMIN[1].get("/api/v1/intersections/VC-X1").status() == 200);
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

    private static JsonArray violations(int m, long from, long to) {
        HttpTestClient.Response r = ADMIN[m].get("/api/v1/violations?from="
                + URLEncoder.encode(Instant.ofEpochMilli(from).toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(Instant.ofEpochMilli(to).toString(), StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("violations");
    }

    @Test
    void passagesAcrossStationsOnDifferentMembersAndPhasesFromAnotherMemberAreDecidedOnce() throws Exception {
        long now = CLOCK.millis();
        try (TestStation controller = connect("VC-C", 1);
                TestStation north = connect("VC-N", 0);
                TestStation south = connect("VC-S", 1)) {
            byte[] phase = new JsonObject()
                    .put("intersection", "VC-X1")
                    .put("seq", 1)
                    .put("ts", now - 30_000)
                    .put("green", new JsonArray().add("S.through"))
                    .put("amber", new JsonArray())
                    .encode()
                    .getBytes(StandardCharsets.UTF_8);
            controller.publishOn(Topics.phaseTopic("VC-X1"), phase).await();
            Poll.until(Duration.ofSeconds(10), "both members have the phase", () -> {
                for (HttpTestClient a : ADMIN) {
                    HttpTestClient.Response r = a.get("/api/v1/intersections/VC-X1/phases?from="
                            + URLEncoder.encode(
                                    Instant.ofEpochMilli(now - 60_000).toString(), StandardCharsets.UTF_8)
                            + "&to="
                            + URLEncoder.encode(
                                    Instant.ofEpochMilli(now + 60_000).toString(), StandardCharsets.UTF_8));
                    if (r.status() != 200 || r.json().getJsonArray("phases").isEmpty()) {
                        return false;
                    }
                }
                return true;
            });
            Thread.sleep(300); // the phase topic reaches every member's memory
            // red light at the north approach (N.through red), reads through member 0
            north.publishOn(
                            Topics.readsTopic("VC-N"),
                            FrameCodec.encodeBinary(Frame.of(
                                    "VC-N",
                                    1,
                                    List.of(
                                            new Read(0xE1, now - 5_000, -60, 1, 0, 0),
                                            new Read(0xE1, now - 3_500, -60, 1, 0, 2)))))
                    .await();
            // wrong way: the south exit zone through member 1, then the north stop line through member 0
            south.publishOn(
                            Topics.readsTopic("VC-S"),
                            FrameCodec.encodeBinary(Frame.of(
                                    "VC-S",
                                    1,
                                    List.of(
                                            new Read(0xE9, now - 6_000, -60, 1, 0, 2),
                                            new Read(0xE9, now - 5_600, -60, 1, 0, 2)))))
                    .await();
            Thread.sleep(200); // forwarded reads are applied in the order they reach the owner
            north.publishOn(
                            Topics.readsTopic("VC-N"),
                            FrameCodec.encodeBinary(
                                    Frame.of("VC-N", 2, List.of(new Read(0xE9, now - 4_800, -60, 1, 0, 0)))))
                    .await();
        }
        JsonArray vs = Poll.until(
                Duration.ofSeconds(5),
                "two violations",
                () -> violations(1, now - 60_000, now + 60_000),
                a -> a.size() >= 2);
        Thread.sleep(1_000);
        vs = violations(0, now - 60_000, now + 60_000);
        assertEquals(2, vs.size(), vs.encodePrettily());
        Map<String, String> byTag = new HashMap<>();
        for (int i = 0; i < vs.size(); i++) {
            byTag.put(vs.getJsonObject(i).getString("tag"), vs.getJsonObject(i).getString("kind"));
        }
        assertEquals(Map.of("E1", "red_light", "E9", "wrong_way"), byTag);
    }
}
