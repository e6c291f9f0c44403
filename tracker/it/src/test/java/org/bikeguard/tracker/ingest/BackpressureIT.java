package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Overload turns into backpressure, not into refused frames or an exhausted heap: a tracker with a
 * 1 MiB ingest buffer takes a burst of about 40 times that from stations publishing over Eclipse
 * Paho's MQTT 3.1.1 client (QoS 1, up to 500 frames in flight each). Every frame is acknowledged,
 * only later; every read is counted once (metrics, frame log, sightings); the connections were
 * paused and resumed, none was dropped, no frame was refused, and the buffer stayed bounded.
 */
@Timeout(300)
class BackpressureIT {

    private static final String SECRET = "backpressure-secret-0123456789";
    private static final int STATIONS = 16;
    private static final int FRAMES_PER_STATION = 600;
    private static final int ENTRIES = 100;
    private static final int IN_FLIGHT = 500;
    /** Reads are stamped in the hour before the scenario start (the tracker's clock), 10 ms apart per frame. */
    private static final long T0 = ScenarioClock.start().minusSeconds(3_600).toEpochMilli();

    private static TrackerKit tracker;
    private static HttpTestClient admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().env("BIKEGUARD_INGEST_BUFFER_MB", "1").start();
        admin = tracker.admin();
        for (int s = 0; s < STATIONS; s++) {
            admin.putStation(station(s), SECRET, 112.57 + s * 0.001, 26.89);
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void aBurstFarOverTheBufferIsAllAcknowledgedLaterAndCountedOnceWithoutRefusals() throws Exception {
        double framesBefore = admin.metric("bikeguard_ingest_frames_total");
        double readsBefore = admin.metric("bikeguard_ingest_reads_total");
        double appliedBefore = admin.metric("bikeguard_correlate_reads_applied_total");
        long frameWeight = IngestBudget.weight(payload(0, 0).length, ENTRIES);
        long offered = frameWeight * STATIONS * FRAMES_PER_STATION;
        assertTrue(offered > 30 * IngestBudget.MIB, "the burst is far over the 1 MiB buffer: " + offered + " B");

        long t0 = System.nanoTime();
        List<MqttAsyncClient> clients = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger acked = new AtomicInteger();
        try {
            for (int s = 0; s < STATIONS; s++) {
                clients.add(connect(station(s), failures));
            }
            List<Thread> publishers = new ArrayList<>();
            for (int s = 0; s < STATIONS; s++) {
                int station = s;
                Thread t = new Thread(() -> publishAll(clients.get(station), station, acked, failures), "bp-" + s);
                t.start();
                publishers.add(t);
            }
            for (Thread t : publishers) {
                t.join(TimeUnit.SECONDS.toMillis(240));
            }
            Poll.until(
                    Duration.ofSeconds(60),
                    "every frame to be acknowledged",
                    () -> acked.get() == STATIONS * FRAMES_PER_STATION || !failures.isEmpty());
            assertTrue(failures.isEmpty(), () -> "client failures: " + failures);
            for (MqttAsyncClient c : clients) {
                assertTrue(c.isConnected(), "no connection was dropped: " + c.getClientId());
            }
        } finally {
            for (MqttAsyncClient c : clients) {
                disconnect(c);
            }
        }

        int frames = STATIONS * FRAMES_PER_STATION;
        System.out.printf(
                Locale.ROOT,
                "backpressure: %d frames (%.1f MiB of buffer weight) acknowledged in %.1f s;"
                        + " connection pauses %.0f, buffer max %.0f B of %d%n",
                acked.get(),
                offered / (double) IngestBudget.MIB,
                (System.nanoTime() - t0) / 1e9,
                admin.metric("bikeguard_ingest_pauses_total"),
                admin.metric("bikeguard_ingest_buffer_max_bytes"),
                IngestBudget.MIB);
        assertEquals(frames, acked.get());
        assertEquals(framesBefore + frames, admin.metric("bikeguard_ingest_frames_total"), "frames counted once");
        assertEquals(readsBefore + frames * ENTRIES, admin.metric("bikeguard_ingest_reads_total"));
        assertEquals(0, admin.metric("bikeguard_ingest_redelivered_total"));
        assertEquals(frames, frameLogRows(), "each frame logged once");
        Poll.until(
                Duration.ofSeconds(30),
                "every read to reach the hot state",
                () -> admin.metric("bikeguard_correlate_reads_applied_total") == appliedBefore + frames * ENTRIES);
        for (int s : new int[] {0, STATIONS / 2, STATIONS - 1}) {
            for (int i : new int[] {0, ENTRIES - 1}) {
                assertEquals(FRAMES_PER_STATION, reads(tag(s, i)), "one sighting holding every read of its tag");
            }
        }

        assertTrue(admin.metric("bikeguard_ingest_pauses_total") > 0, "connections were paused");
        Poll.until(
                Duration.ofSeconds(10),
                "the buffer to empty and every connection to read again",
                () -> admin.metric("bikeguard_ingest_buffer_bytes") == 0
                        && admin.metric("bikeguard_ingest_paused_connections") == 0);
        assertEquals(0, admin.metric("bikeguard_ingest_rejected_total"), "no frame refused");
        assertEquals(0, admin.metric("bikeguard_mqtt_disconnects_total"), "no connection ended by the server");
        double max = admin.metric("bikeguard_ingest_buffer_max_bytes");
        assertTrue(
                max >= IngestBudget.MIB && max <= 2 * IngestBudget.MIB,
                "the buffer reached its high-water mark and stayed under its hard limit: " + max + " B");
    }

    /** Publishes the station's frames in order, keeping at most {@link #IN_FLIGHT} unacknowledged. */
    private static void publishAll(
            MqttAsyncClient c, int station, AtomicInteger acked, ConcurrentLinkedQueue<Throwable> failures) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        IMqttActionListener done = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failures.add(e);
                window.release();
            }
        };
        try {
            for (int f = 0; f < FRAMES_PER_STATION && failures.isEmpty(); f++) {
                if (!window.tryAcquire(120, TimeUnit.SECONDS)) {
                    failures.add(new IllegalStateException("no acknowledgement for 120 s at " + station(station)));
                    return;
                }
                MqttMessage m = new MqttMessage(payload(station, f));
                m.setQos(1);
                c.publish("stations/" + station(station) + "/reads", m, null, done);
            }
        } catch (Exception e) {
            failures.add(e);
        }
    }

    private static MqttAsyncClient connect(String id, ConcurrentLinkedQueue<Throwable> failures) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(
                "tcp://127.0.0.1:" + tracker.mqttPort(), id + "-" + System.nanoTime(), new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                failures.add(new IllegalStateException("connection lost: " + id, cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(id);
        o.setPassword(SECRET.toCharArray());
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setKeepAliveInterval(60);
        o.setMaxInflight(IN_FLIGHT + 16);
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static void disconnect(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close();
        } catch (Exception e) {
            // the tracker's state is what this test checks; a client that will not close is no finding
        }
    }

    private static String station(int s) {
        return String.format(Locale.ROOT, "BP-%02d", s);
    }

    private static long tag(int station, int i) {
        return 0xB0_0000L + station * 1_000L + i;
    }

    /** Frame {@code f} of a station: every one of its {@link #ENTRIES} tags once, stamped T0 + 10 ms * f. */
    private static byte[] payload(int station, int f) {
        List<Read> reads = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            reads.add(new Read(tag(station, i), T0 + 10L * f, -60, 1, 0));
        }
        return FrameCodec.encodeBinary(Frame.of(station(station), f + 1, reads));
    }

    private static long frameLogRows() throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM frame_log WHERE station LIKE 'BP-%'");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads of the tag's one sighting in the burst's window. */
    private static long reads(long tag) {
        String from = Instant.ofEpochMilli(T0 - 60_000).toString();
        String to = Instant.ofEpochMilli(T0 + 60_000).toString();
        HttpTestClient.Response r = admin.get("/api/v1/tags/"
                + Long.toHexString(tag).toUpperCase(Locale.ROOT) + "/sightings?from=" + from + "&to=" + to);
        assertEquals(200, r.status(), r.body());
        JsonNode list = r.node().get("sightings");
        assertEquals(1, list.size(), () -> new String(r.raw(), StandardCharsets.UTF_8));
        return list.get(0).get("reads").asLong();
    }
}
