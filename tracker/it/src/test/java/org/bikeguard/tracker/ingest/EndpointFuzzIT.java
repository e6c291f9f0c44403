package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing at the endpoint, not only the codec: a million hostile PUBLISHes ({@link FrameFuzzer},
 * QoS 0 over several authenticated MQTT connections) and malformed MQTT packets over raw sockets
 * ({@link MalformedPackets}) against a real tracker, while a well-behaved station publishes QoS 1
 * frames. The tracker must stay up, keep every fuzzing connection (a bad frame never costs a
 * station its session), land every frame of the good station, and count every refusal by reason
 * exactly as predicted. Reproducible: the seed is printed, and {@code -Dbikeguard.fuzz.seed=}
 * replays a run ({@code -Dbikeguard.fuzz.frames=} sets the number of frames).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndpointFuzzIT {

    private static final long SEED = Long.getLong("bikeguard.fuzz.seed", 20_261_206L);
    private static final int FRAMES = Integer.getInteger("bikeguard.fuzz.frames", 1_000_000);
    private static final int CONNECTIONS = 4;
    private static final String GOOD = "FZ-GOOD";
    /** The good station's tags: each of its frames has one read of each. */
    private static final int GOOD_TAGS = 10;

    private static TrackerKit tracker;
    private static HttpTestClient admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.admin();
        for (int i = 0; i < CONNECTIONS; i++) {
            tracker.station("FZ-" + i, 112.57, 26.89);
        }
        tracker.station(GOOD, 112.58, 26.89);
        tracker.station(MalformedPackets.STATION, 112.59, 26.89);
        tracker.station("FZ-OTHER", 112.60, 26.89);
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Predicted counts of one fuzzing party: refusals by reason, frames taken, server disconnects and refused connections. */
    static final class Tally {
        final Map<String, Long> rejected = new TreeMap<>();
        final Map<String, Long> disconnects = new TreeMap<>();
        final Map<String, Long> refused = new TreeMap<>();
        long taken;

        void add(Tally o) {
            o.rejected.forEach((k, v) -> rejected.merge(k, v, Long::sum));
            o.disconnects.forEach((k, v) -> disconnects.merge(k, v, Long::sum));
            o.refused.forEach((k, v) -> refused.merge(k, v, Long::sum));
            taken += o.taken;
        }
    }

    @Test
    void hostileFramesAndMalformedPacketsAreCountedByReasonWhileAWellBehavedStationLandsEveryFrame() throws Exception {
        String replay = "[seed " + SEED + "; replay with -Dbikeguard.fuzz.seed=" + SEED + "]";
        System.out.println("EndpointFuzzIT " + replay + ", " + FRAMES + " frames");
        long t0 = tracker.clock().millis();
        Map<String, Double> rejectedBefore = byLabel("bikeguard_ingest_rejected_total", "reason");
        Map<String, Double> disconnectsBefore = byLabel("bikeguard_mqtt_disconnects_total", "reason");
        Map<String, Double> refusedBefore = byLabel("bikeguard_mqtt_connections_refused_total", "reason");
        double takenBefore =
                admin.metric("bikeguard_ingest_frames_total") + admin.metric("bikeguard_ingest_redelivered_total");

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 2);
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        Tally expected = new Tally();
        int goodFrames;
        try {
            var good = pool.submit(() -> goodStation(t0, fuzzing));
            var raw = pool.submit(
                    () -> new MalformedPackets(tracker.mqttPort(), new Random(SEED ^ 0x5EEDL)).run(fuzzing));
            List<java.util.concurrent.Future<Tally>> fuzzers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int c = i;
                fuzzers.add(pool.submit(() -> fuzz("FZ-" + c, FRAMES / CONNECTIONS, new Random(SEED + c), t0)));
            }
            for (var f : fuzzers) {
                expected.add(get(f, replay));
            }
            fuzzing.set(false);
            expected.add(get(raw, replay));
            goodFrames = get(good, replay);
        } finally {
            fuzzing.set(false);
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "EndpointFuzzIT: %,d frames in %.1f s (%,.0f/s); refused by reason %s; taken %,d; good station %,d frames%n",
                FRAMES, seconds, FRAMES / seconds, expected.rejected, expected.taken, goodFrames);

        assertEquals(200, tracker.http().get("/health").status(), "the tracker is up " + replay);
        assertEquals(
                expected.rejected,
                delta(rejectedBefore, byLabel("bikeguard_ingest_rejected_total", "reason")),
                "every refused frame counted under its reason " + replay);
        assertEquals(
                expected.taken + goodFrames,
                (long) (admin.metric("bikeguard_ingest_frames_total")
                        + admin.metric("bikeguard_ingest_redelivered_total")
                        - takenBefore),
                "every valid frame taken once (new or redelivery) " + replay);
        Map<String, Long> disconnects = delta(disconnectsBefore, byLabel("bikeguard_mqtt_disconnects_total", "reason"));
        for (var e : expected.disconnects.entrySet()) {
            assertEquals(
                    e.getValue(), disconnects.getOrDefault(e.getKey(), 0L), "disconnects " + e.getKey() + " " + replay);
        }
        Map<String, Long> refused = delta(refusedBefore, byLabel("bikeguard_mqtt_connections_refused_total", "reason"));
        assertEquals(expected.refused, refused, "refused connections by reason " + replay);
        assertGoodStationLanded(goodFrames, t0);
    }

    /** One fuzzing connection: {@code frames} PUBLISHes at QoS 0, then a QoS 1 marker whose PUBACK says all were handled. */
    private static Tally fuzz(String station, int frames, Random rnd, long t0) {
        Tally tally = new Tally();
        FrameFuzzer fuzzer = new FrameFuzzer(rnd, station, "FZ-OTHER", t0);
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 4, station, TrackerKit.STATION_SECRET, 60)) {
            assertEquals(0, m.connackCode());
            for (int i = 0; i < frames; i++) {
                FrameFuzzer.Fuzz z = fuzzer.next();
                String reason = FrameFuzzer.expected(station, z.topic(), z.payload());
                if (reason == null) {
                    tally.taken++;
                } else {
                    tally.rejected.merge(reason, 1L, Long::sum);
                }
                m.queuePublish(z.topic(), 0, 0, z.payload());
                if ((i & 255) == 255) {
                    m.flush();
                }
            }
            // Packets of a connection are handled in order, and the marker is acknowledged only once
            // durable: after its PUBACK every earlier frame has been refused or logged.
            m.publish(Topics.readsTopic(station), 1, 1, marker(station, t0));
            RawMqtt.Packet ack = m.read();
            assertTrue(ack != null && ack.type() == RawMqtt.Packet.PUBACK, station + " kept its connection: " + ack);
            tally.taken++;
        }
        return tally;
    }

    private static byte[] marker(String station, long t0) {
        return FrameCodec.encodeBinary(
                Frame.of(station, Long.MAX_VALUE, List.of(new Read(0xF0F0L, t0 - 1, -50, 1, 0))));
    }

    /** QoS 1 frames of {@value #GOOD_TAGS} reads, up to 100 in flight, as long as the fuzzing lasts; returns how many. */
    private static int goodStation(long t0, AtomicBoolean fuzzing) {
        int sent = 0;
        try (TestStation s = tracker.connect(GOOD, TrackerKit.STATION_SECRET)) {
            while (fuzzing.get() || sent < 500) {
                List<Future<Void>> acks = new ArrayList<>();
                for (int k = 0; k < 100; k++, sent++) {
                    List<Read> reads = new ArrayList<>();
                    for (int t = 0; t < GOOD_TAGS; t++) {
                        reads.add(new Read(0x600D00L + t, t0 - 3_000_000 + sent * 100L, -55, 1, 0));
                    }
                    acks.add(s.publish(FrameCodec.encodeBinary(Frame.of(GOOD, sent + 1, reads))));
                }
                Future.all(acks).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("the good station's frames were not all acknowledged after " + sent, e);
        }
        return sent;
    }

    private static void assertGoodStationLanded(int frames, long t0) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM frame_log WHERE station = ?")) {
            ps.setString(1, GOOD);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(frames, rs.getLong(1), "every frame of the good station logged once");
            }
        }
        for (int t : new int[] {0, GOOD_TAGS - 1}) {
            String tag = Long.toHexString(0x600D00L + t).toUpperCase();
            HttpTestClient.Response r = admin.get("/api/v1/tags/" + tag + "/sightings?from="
                    + Instant.ofEpochMilli(t0 - 3_600_000) + "&to=" + Instant.ofEpochMilli(t0 + 3_600_000));
            assertEquals(200, r.status(), r.body());
            long reads = 0;
            for (Object o : r.json().getJsonArray("sightings")) {
                reads += ((JsonObject) o).getLong("reads");
            }
            assertEquals(frames, reads, "every read of tag " + tag + " of the good station in its sightings");
        }
    }

    /** The samples of a labelled counter on {@code /metrics}, by the value of {@code label}. */
    private static Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        String prefix = label + "=\"";
        for (String line : admin.get("/metrics").body().lines().toList()) {
            if (line.startsWith(name + "{")) {
                int at = line.indexOf(prefix) + prefix.length();
                String value = line.substring(at, line.indexOf('"', at));
                out.merge(value, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return out;
    }

    /** The increases between two samplings, without the labels that did not move. */
    private static Map<String, Long> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = Math.round(v - before.getOrDefault(k, 0.0));
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    private static <T> T get(java.util.concurrent.Future<T> f, String replay) throws Exception {
        try {
            return f.get(4, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a fuzzing party failed " + replay + ": " + e.getCause(), e.getCause());
        }
    }
}
