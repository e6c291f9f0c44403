package org.bikeguard.tracker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.bikeguard.testkit.FailoverStation;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerProcess;

/**
 * The cluster scenario of {@link ClusterFailoverIT}: three tracker processes (started on demand,
 * per-run ports, one database), six stations that each read their own five tags once a second of
 * event time for 400 frames, published through {@link FailoverStation}s, and the queries that
 * check the outcome. Not thread-safe apart from {@link #start}, which threads may call for
 * different members.
 */
final class ClusterStream implements AutoCloseable {

    static final int MEMBERS = 3;
    static final int STATIONS = 6;
    static final int FRAMES = 400;
    private static final int TAGS_PER_STATION = 5;
    private static final String SECRET = "cluster-station-secret-01";
    private static final String PASSWORD = "cluster-admin-password";
    /** About 12 frames a second: the stream runs 12 times faster than real time. */
    private static final long PAUSE_MS = 800;

    private final int[] http = FreePorts.free(MEMBERS);
    private final int[] mqtt = FreePorts.free(MEMBERS);
    private final Clock clock = ScenarioClock.ticking();
    private final long t0 = clock.millis() - 900_000;
    private final Path logs;
    private final List<TrackerProcess> trackers = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger acked = new AtomicInteger();
    private final List<Thread> publishers = new ArrayList<>();

    ClusterStream(String name) throws IOException {
        String db = TestDatabase.newDatabaseUrl();
        int[] hz = FreePorts.free(MEMBERS);
        StringJoiner members = new StringJoiner(",");
        for (int port : hz) {
            members.add("127.0.0.1:" + port);
        }
        logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-logs-");
        for (int m = 0; m < MEMBERS; m++) {
            trackers.add(new TrackerProcess(env(db, m, hz[m], members.toString()), logs.resolve("m" + m), clock));
        }
    }

    /** Starts member {@code m} and waits for its {@code /health}. */
    void start(int m) {
        try {
            trackers.get(m).start(http[m], Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TrackerProcess tracker(int m) {
        return trackers.get(m);
    }

    /** The first start's log of member {@code m}. */
    Path log(int m) {
        return logs.resolve("m" + m).resolve("tracker-1.log");
    }

    /**
     * Provisions the stations through member {@code via} and starts publishing; station {@code s}
     * connects first to member {@code s mod 3}; station {@code hopping} (or none, -1) moves to the
     * next member every 40 frames.
     */
    void publish(int via, int hopping) {
        HttpTestClient admin = new HttpTestClient(http[via]).login("admin", PASSWORD);
        for (int s = 0; s < STATIONS; s++) {
            admin.putStation("CL-" + s, SECRET, 112.57 + s * 0.01, 26.89);
        }
        for (int s = 0; s < STATIONS; s++) {
            FailoverStation station =
                    new FailoverStation(vertx, "CL-" + s, SECRET, mqtt, s % MEMBERS, s == hopping ? 40 : 0, PAUSE_MS);
            List<byte[]> frames = frames(s);
            Thread t = new Thread(() -> station.publishAll(frames, acked), "station-CL-" + s);
            t.start();
            publishers.add(t);
        }
    }

    /** Waits until {@code num/den} of all frames are acknowledged. */
    void awaitAcked(int num, int den) {
        int want = STATIONS * FRAMES * num / den;
        Poll.until(Duration.ofSeconds(90), want + " frames acknowledged", () -> acked.get() >= want);
    }

    /** Waits for the publishers and checks that every frame was acknowledged. */
    void awaitAllAcked() throws InterruptedException {
        for (Thread t : publishers) {
            t.join(TimeUnit.MINUTES.toMillis(4));
        }
        assertEquals(STATIONS * FRAMES, acked.get(), "every frame acknowledged in the end");
    }

    HttpTestClient police(int m) {
        return new HttpTestClient(http[m]).login("admin", PASSWORD);
    }

    /** Waits until the sightings API shows every read of the stream. */
    void awaitAllVisible(HttpTestClient police) {
        long want = (long) STATIONS * FRAMES * TAGS_PER_STATION;
        Poll.until(Duration.ofSeconds(60), "every read visible", () -> totalReads(police) == want);
    }

    List<Long> tags() {
        List<Long> tags = new ArrayList<>();
        for (int s = 0; s < STATIONS; s++) {
            for (int k = 0; k < TAGS_PER_STATION; k++) {
                tags.add(tagOf(s, k));
            }
        }
        return tags;
    }

    String stationOf(long tag) {
        return "CL-" + ((tag - 0xC1000L) / 16);
    }

    List<JsonNode> sightingsOf(HttpTestClient http, long tag) {
        HttpTestClient.Response r = http.get("/api/v1/tags/" + TagIds.format(tag) + "/sightings?from="
                + Instant.ofEpochMilli(t0 - 60_000) + "&to=" + Instant.ofEpochMilli(t0 + 900_000));
        assertTrue(r.status() == 200, r.body());
        List<JsonNode> out = new ArrayList<>();
        r.node().get("sightings").forEach(out::add);
        return out;
    }

    private long totalReads(HttpTestClient http) {
        long sum = 0;
        for (long tag : tags()) {
            for (JsonNode n : sightingsOf(http, tag)) {
                sum += n.get("reads").asLong();
            }
        }
        return sum;
    }

    private Map<String, String> env(String db, int m, int hzPort, String members) {
        Map<String, String> env = new HashMap<>();
        env.put("BIKEGUARD_DB_URL", db);
        env.put("BIKEGUARD_DB_USER", "postgres");
        env.put("BIKEGUARD_HTTP_PORT", String.valueOf(http[m]));
        env.put("BIKEGUARD_MQTT_PORT", String.valueOf(mqtt[m]));
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_ADMIN_PASSWORD", PASSWORD);
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_HZ_PORT", String.valueOf(hzPort));
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
    private List<byte[]> frames(int s) {
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

    @Override
    public void close() throws InterruptedException {
        vertx.close().await();
        for (TrackerProcess t : trackers) {
            t.close();
        }
    }
}
