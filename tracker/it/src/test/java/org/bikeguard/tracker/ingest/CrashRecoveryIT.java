package org.bikeguard.tracker.ingest;

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
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.FailoverStation;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerProcess;
import org.junit.jupiter.api.Test;

/**
 * Kills the tracker process with SIGKILL in the middle of a QoS 1 stream, restarts it on the same
 * database, lets the stations resend whatever was not acknowledged, and checks that every read
 * is counted exactly once in the sightings: none lost, none doubled by redelivery.
 */
class CrashRecoveryIT {

    private static final String SECRET = "crash-station-secret-0001";
    private static final int STATIONS = 4;
    private static final int FRAMES_PER_STATION = 600;
    private static final int TAGS = 40;

    @Test
    void killedMidStreamThenRestartedCountsEveryAcknowledgedReadExactlyOnce() throws Exception {
        int http = FreePorts.free();
        int mqtt = FreePorts.free();
        Map<String, String> env = new HashMap<>();
        env.put("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl());
        env.put("BIKEGUARD_DB_USER", "postgres");
        env.put("BIKEGUARD_HTTP_PORT", String.valueOf(http));
        env.put("BIKEGUARD_MQTT_PORT", String.valueOf(mqtt));
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_ADMIN_PASSWORD", "crash-admin-password");
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_HZ_PORT", "0");
        env.put("BIKEGUARD_CHECKPOINT_S", "1");
        env.put("BIKEGUARD_BUCKETS", "16");
        env.put("BIKEGUARD_EXTRA_VERTICLES", " ");
        Clock clock = ScenarioClock.ticking();
        long t0 = clock.millis() - 600_000;
        Map<Long, Long> expected = new ConcurrentHashMap<>();
        List<List<byte[]>> frames = buildFrames(t0, expected);
        Vertx vertx = Vertx.vertx();
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-recovery-logs-");
        try (TrackerProcess tracker = new TrackerProcess(env, logs, clock)) {
            tracker.start(http, Duration.ofSeconds(90));
            HttpTestClient admin = new HttpTestClient(http).login("admin", "crash-admin-password");
            for (int s = 0; s < STATIONS; s++) {
                admin.putStation("CRASH-" + s, SECRET, 112.57 + s * 0.001, 26.89);
            }
            AtomicInteger acked = new AtomicInteger();
            List<Thread> publishers = new ArrayList<>();
            for (int s = 0; s < STATIONS; s++) {
                int station = s;
                FailoverStation publisher =
                        new FailoverStation(vertx, "CRASH-" + station, SECRET, new int[] {mqtt}, 0, 0, 40);
                Thread t = new Thread(() -> publisher.publishAll(frames.get(station), acked));
                t.start();
                publishers.add(t);
            }
            int total = STATIONS * FRAMES_PER_STATION;
            Poll.until(Duration.ofSeconds(60), "half of the frames acknowledged", () -> acked.get() >= total / 2);
            tracker.kill();
            tracker.start(http, Duration.ofSeconds(90));
            for (Thread t : publishers) {
                t.join(TimeUnit.MINUTES.toMillis(3));
            }
            assertEquals(total, acked.get(), "every frame acknowledged in the end");

            HttpTestClient police = new HttpTestClient(http).login("admin", "crash-admin-password");
            Poll.until(
                    Duration.ofSeconds(30),
                    "all reads visible",
                    () -> totalReads(police, expected.keySet(), t0)
                            == expected.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum());
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                assertEquals(
                        e.getValue(), readsOf(police, e.getKey(), t0), "reads of tag " + TagIds.format(e.getKey()));
            }
            String recovered = Files.readString(logs.resolve("tracker-2.log"));
            Matcher m = Pattern.compile(
                            "recovered \\[checkpointEpoch: (\\d+), position: (\\d+), replayedFrames: (\\d+)]")
                    .matcher(recovered);
            assertTrue(m.find(), "the restarted tracker reports its recovery");
            assertTrue(Long.parseLong(m.group(2)) > 0, "a checkpoint with frames behind it was taken before the kill");
            assertTrue(Long.parseLong(m.group(3)) > 0, "the frame log's tail was replayed");
            int exit = tracker.terminate(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "SIGTERM exit status " + exit);
            assertTrue(Files.readString(logs.resolve("tracker-2.log")).contains("bikeguard tracker stopped"));
        } finally {
            vertx.close().await();
        }
    }

    /** Frames per station: 10 reads each over a pool of tags, counts 1..3, event time advancing 100 ms a frame. */
    private static List<List<byte[]>> buildFrames(long t0, Map<Long, Long> expected) {
        Random random = new Random(42);
        List<List<byte[]>> all = new ArrayList<>();
        for (int s = 0; s < STATIONS; s++) {
            List<byte[]> frames = new ArrayList<>();
            for (int f = 0; f < FRAMES_PER_STATION; f++) {
                List<Read> reads = new ArrayList<>();
                for (int r = 0; r < 10; r++) {
                    // The tag population drifts, so sightings also close on event time mid-stream.
                    long tag = 0xA000 + (f / 100) * 10 + random.nextInt(TAGS);
                    int count = 1 + random.nextInt(3);
                    reads.add(new Read(tag, t0 + f * 100L + r, -40 - random.nextInt(50), count, 0));
                    expected.merge(tag, (long) count, Long::sum);
                }
                frames.add(FrameCodec.encodeBinary(Frame.of("CRASH-" + s, 1000L + f, reads)));
            }
            all.add(frames);
        }
        return all;
    }

    private static long totalReads(HttpTestClient http, Iterable<Long> tags, long t0) {
        long sum = 0;
        for (long tag : tags) {
            sum += readsOf(http, tag, t0);
        }
        return sum;
    }

    private static long readsOf(HttpTestClient http, long tag, long t0) {
        HttpTestClient.Response r = http.get("/api/v1/tags/" + TagIds.format(tag) + "/sightings?from="
                + Instant.ofEpochMilli(t0 - 60_000) + "&to=" + Instant.ofEpochMilli(t0 + 600_000));
        assertTrue(r.status() == 200, r.body());
        long sum = 0;
        for (JsonNode s : r.node().get("sightings")) {
            sum += s.get("reads").asLong();
        }
        return sum;
    }
}
