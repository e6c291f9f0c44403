package org.bikeguard.tracker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerProcess;
import org.junit.jupiter.api.Test;

/**
 * Three tracker processes on one PostgreSQL and one Hazelcast cluster; six stations publish QoS 1
 * frames spread over all three, each station reading its own five tags once a second of event
 * time (one continuous stay per tag), one station hopping to the next member every 40 frames.
 * Mid-stream the oldest member (the leader) is killed with SIGKILL; its stations fail over and
 * resend what was not acknowledged; the killed member is started again while the others ingest.
 * In the end every acknowledged read is counted once and every tag has exactly one sighting, as a
 * single tracker gives on the same stream. Also: a member joining mid-stream, then the whole
 * cluster SIGKILLed and its three members started again at the same moment.
 */
class ClusterFailoverIT {

    private static final String SECRET = "cluster-station-secret-01";
    private static final String PASSWORD = "cluster-admin-password";
    private static final int MEMBERS = 3;
    private static final int STATIONS = 6;
    private static final int TAGS_PER_STATION = 5;
    private static final int FRAMES = 400;

    @Test
    void leaderKilledMidStreamAndRestartedCountsEveryReadOnceInOneSightingPerStay() throws Exception {
        String db = TestDatabase.newDatabaseUrl();
        int[] http = FreePorts.free(MEMBERS);
        int[] mqtt = FreePorts.free(MEMBERS);
        int[] hz = FreePorts.free(MEMBERS);
        StringJoiner members = new StringJoiner(",");
        for (int port : hz) {
            members.add("127.0.0.1:" + port);
        }
        Clock clock = ScenarioClock.ticking();
        long t0 = clock.millis() - 900_000;
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-failover-logs-");
        List<TrackerProcess> trackers = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            for (int m = 0; m < MEMBERS; m++) {
                TrackerProcess t = new TrackerProcess(
                        env(db, http[m], mqtt[m], hz[m], members.toString()), logs.resolve("m" + m), clock);
                trackers.add(t);
                t.start(http[m], Duration.ofSeconds(90));
            }
            HttpTestClient admin = new HttpTestClient(http[1]).login("admin", PASSWORD);
            for (int s = 0; s < STATIONS; s++) {
                admin.putStation("CL-" + s, SECRET, 112.57 + s * 0.01, 26.89);
            }
            AtomicInteger acked = new AtomicInteger();
            List<Thread> publishers = new ArrayList<>();
            for (int s = 0; s < STATIONS; s++) {
                FailoverStation station =
                        new FailoverStation(vertx, "CL-" + s, SECRET, mqtt, s % MEMBERS, s == STATIONS - 1 ? 40 : 0);
                List<byte[]> frames = frames(s, t0);
                Thread t = new Thread(() -> station.publishAll(frames, acked), "station-CL-" + s);
                t.start();
                publishers.add(t);
            }
            int total = STATIONS * FRAMES;
            Poll.until(Duration.ofSeconds(90), "a third of the frames acknowledged", () -> acked.get() >= total / 3);
            trackers.get(0).kill();
            Poll.until(Duration.ofSeconds(90), "two thirds acknowledged", () -> acked.get() >= 2 * total / 3);
            trackers.get(0).start(http[0], Duration.ofSeconds(90));
            for (Thread t : publishers) {
                t.join(TimeUnit.MINUTES.toMillis(4));
            }
            assertEquals(total, acked.get(), "every frame acknowledged in the end");

            HttpTestClient police = new HttpTestClient(http[2]).login("admin", PASSWORD);
            Poll.until(
                    Duration.ofSeconds(60),
                    "every read visible",
                    () -> totalReads(police, t0) == (long) total * TAGS_PER_STATION);
            for (int s = 0; s < STATIONS; s++) {
                for (int k = 0; k < TAGS_PER_STATION; k++) {
                    long tag = tagOf(s, k);
                    List<JsonNode> sightings = sightingsOf(police, tag, t0);
                    assertEquals(
                            1,
                            sightings.size(),
                            "one sighting for the one stay of tag " + TagIds.format(tag) + ": " + sightings);
                    JsonNode only = sightings.get(0);
                    assertEquals(FRAMES, only.get("reads").asLong(), "reads of tag " + TagIds.format(tag));
                    assertEquals("CL-" + s, only.get("station").asText());
                }
            }
            String leaderLog = Files.readString(logs.resolve("m1").resolve("tracker-1.log"));
            assertTrue(
                    leaderLog.contains("took over the lane of a member that left"),
                    "the new leader took over the dead member's lane");
        } finally {
            vertx.close().await();
            for (TrackerProcess t : trackers) {
                t.close();
            }
        }
    }

    @Test
    void memberJoinsMidStreamThenWholeClusterKilledAndRestartedCountsEveryReadOnce() throws Exception {
        String db = TestDatabase.newDatabaseUrl();
        int[] http = FreePorts.free(MEMBERS);
        int[] mqtt = FreePorts.free(MEMBERS);
        int[] hz = FreePorts.free(MEMBERS);
        StringJoiner members = new StringJoiner(",");
        for (int port : hz) {
            members.add("127.0.0.1:" + port);
        }
        Clock clock = ScenarioClock.ticking();
        long t0 = clock.millis() - 900_000;
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-restart-logs-");
        List<TrackerProcess> trackers = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            for (int m = 0; m < MEMBERS; m++) {
                trackers.add(new TrackerProcess(
                        env(db, http[m], mqtt[m], hz[m], members.toString()), logs.resolve("m" + m), clock));
            }
            trackers.get(0).start(http[0], Duration.ofSeconds(90));
            trackers.get(1).start(http[1], Duration.ofSeconds(90));
            HttpTestClient admin = new HttpTestClient(http[0]).login("admin", PASSWORD);
            for (int s = 0; s < STATIONS; s++) {
                admin.putStation("CL-" + s, SECRET, 112.57 + s * 0.01, 26.89);
            }
            AtomicInteger acked = new AtomicInteger();
            List<Thread> publishers = new ArrayList<>();
            for (int s = 0; s < STATIONS; s++) {
                // stations of the third member wait for it by failing over until it answers
                FailoverStation station = new FailoverStation(vertx, "CL-" + s, SECRET, mqtt, s % MEMBERS, 0);
                List<byte[]> frames = frames(s, t0);
                Thread t = new Thread(() -> station.publishAll(frames, acked), "station-CL-" + s);
                t.start();
                publishers.add(t);
            }
            int total = STATIONS * FRAMES;
            Poll.until(Duration.ofSeconds(90), "a quarter acknowledged", () -> acked.get() >= total / 4);
            trackers.get(2).start(http[2], Duration.ofSeconds(90));
            Poll.until(Duration.ofSeconds(90), "half acknowledged", () -> acked.get() >= total / 2);
            for (TrackerProcess t : trackers) {
                t.kill();
            }
            List<Thread> starts = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++) {
                int member = m;
                Thread t = new Thread(() -> {
                    try {
                        trackers.get(member).start(http[member], Duration.ofSeconds(120));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                starts.add(t);
            }
            for (Thread t : starts) {
                t.join();
            }
            for (Thread t : publishers) {
                t.join(TimeUnit.MINUTES.toMillis(4));
            }
            assertEquals(total, acked.get(), "every frame acknowledged in the end");
            HttpTestClient police = new HttpTestClient(http[1]).login("admin", PASSWORD);
            Poll.until(
                    Duration.ofSeconds(60),
                    "every read visible",
                    () -> totalReads(police, t0) == (long) total * TAGS_PER_STATION);
            for (int s = 0; s < STATIONS; s++) {
                for (int k = 0; k < TAGS_PER_STATION; k++) {
                    long tag = tagOf(s, k);
                    long reads = sightingsOf(police, tag, t0).stream()
                            .mapToLong(n -> n.get("reads").asLong())
                            .sum();
                    assertEquals(FRAMES, reads, "reads of tag " + TagIds.format(tag));
                }
            }
        } finally {
            vertx.close().await();
            for (TrackerProcess t : trackers) {
                t.close();
            }
        }
    }

    private static Map<String, String> env(String db, int http, int mqtt, int hz, String members) {
        Map<String, String> env = new HashMap<>();
        env.put("BIKEGUARD_DB_URL", db);
        env.put("BIKEGUARD_DB_USER", "postgres");
        env.put("BIKEGUARD_HTTP_PORT", String.valueOf(http));
        env.put("BIKEGUARD_MQTT_PORT", String.valueOf(mqtt));
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_ADMIN_PASSWORD", PASSWORD);
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_HZ_PORT", String.valueOf(hz));
        env.put("BIKEGUARD_HZ_MEMBERS", members);
        env.put("BIKEGUARD_CHECKPOINT_S", "2");
        env.put("BIKEGUARD_BUCKETS", "32");
        env.put("BIKEGUARD_EXTRA_VERTICLES", " ");
        return env;
    }

    private static long tagOf(int station, int k) {
        return 0xC1000L + station * 16L + k;
    }

    /** Frame f of a station reads each of its tags once, at t0 + f seconds (event time). */
    private static List<byte[]> frames(int s, long t0) {
        List<byte[]> frames = new ArrayList<>(FRAMES);
        for (int f = 0; f < FRAMES; f++) {
            List<Read> reads = new ArrayList<>();
            for (int k = 0; k < TAGS_PER_STATION; k++) {
                reads.add(new Read(tagOf(s, k), t0 + f * 1_000L + k, -50 - k, 1, 0));
            }
            frames.add(FrameCodec.encodeBinary(Frame.of("CL-" + s, 5_000L + f, reads)));
        }
        return frames;
    }

    private static long totalReads(HttpTestClient http, long t0) {
        long sum = 0;
        for (int s = 0; s < STATIONS; s++) {
            for (int k = 0; k < TAGS_PER_STATION; k++) {
                for (JsonNode n : sightingsOf(http, tagOf(s, k), t0)) {
                    sum += n.get("reads").asLong();
                }
            }
        }
        return sum;
    }

    private static List<JsonNode> sightingsOf(HttpTestClient http, long tag, long t0) {
        HttpTestClient.Response r = http.get("/api/v1/tags/" + TagIds.format(tag) + "/sightings?from="
                + Instant.ofEpochMilli(t0 - 60_000) + "&to=" + Instant.ofEpochMilli(t0 + 900_000));
        assertTrue(r.status() == 200, r.body());
        List<JsonNode> out = new ArrayList<>();
        r.node().get("sightings").forEach(out::add);
        return out;
    }
}
