package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT endpoint as third-party clients see it: Eclipse Paho's MQTT 3.1.1 and MQTT 5 clients
 * (and packets written by hand where a library would refuse to send them) against a real tracker.
 */
class MqttConformanceIT {

    private static final String SECRET = "conformance-secret-0123456789";
    /** Reads are stamped in the hour before the scenario start (the tracker's clock): any past time is accepted. */
    private static final long T0 = ScenarioClock.start().minusSeconds(3_600).toEpochMilli();

    private static TrackerKit tracker;
    private static HttpTestClient admin;
    private static String uri;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.admin();
        for (String id : List.of("MC-Q3", "MC-R3", "MC-P5", "MC-X5", "MC-S", "MC-T3", "MC-T5", "MC-BIG", "MC-AUTH")) {
            admin.putStation(id, SECRET, 112.57, 26.89);
        }
        uri = "tcp://127.0.0.1:" + tracker.mqttPort();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void paho311PublishesAtQos0And1And2AllComplete() throws Exception {
        MqttClient c = paho3("MC-Q3", SECRET);
        try {
            for (int qos = 0; qos <= 2; qos++) {
                // A synchronous Paho publish returns when the QoS flow has completed (PUBACK / PUBCOMP).
                int q = qos;
                assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> c.publish(Topics.readsTopic("MC-Q3"), frame("MC-Q3", 10 + q, 0xC0DE0L, 2), q, false));
            }
        } finally {
            c.disconnect();
            c.close();
        }
        Poll.until(Duration.ofSeconds(10), "the three frames' reads", () -> reads("C0DE0") == 6);
    }

    @Test
    void aQos2RedeliveryIsCompletedButCountedOnce() throws Exception {
        byte[] frame = frame("MC-R3", 77, 0xC0DE1L, 5);
        double before = metric("bikeguard_ingest_redelivered_total");
        MqttClient c = paho3("MC-R3", SECRET);
        try {
            c.publish(Topics.readsTopic("MC-R3"), frame, 2, false);
            c.publish(Topics.readsTopic("MC-R3"), frame, 2, false);
        } finally {
            c.disconnect();
            c.close();
        }
        assertEquals(before + 1, metric("bikeguard_ingest_redelivered_total"));
        Poll.until(Duration.ofSeconds(10), "the frame's reads", () -> reads("C0DE1") == 5);
        assertEquals(5, reads("C0DE1"), "the same (station, seq) at QoS 2 is counted once");
    }

    @Test
    void qos2OverMqtt311IsPubrecAfterDurableThenPubcompOnPubrel() {
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 4, "MC-T3", SECRET, 30)) {
            assertEquals(0, m.connackCode());
            m.publish(Topics.readsTopic("MC-T3"), 2, 9, frame("MC-T3", 1, 0xC0DE2L, 1));
            RawMqtt.Packet pubrec = m.read();
            assertEquals(RawMqtt.Packet.PUBREC, pubrec.type());
            assertArrayEquals(new byte[] {0, 9}, pubrec.body());
            m.pubrel(9);
            RawMqtt.Packet pubcomp = m.read();
            assertEquals(RawMqtt.Packet.PUBCOMP, pubcomp.type());
            assertArrayEquals(new byte[] {0, 9}, pubcomp.body());
        }
    }

    @Test
    void mqtt5ConnackAnnouncesTheLimits() throws Exception {
        var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                uri, "MC-P5-limits", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            var token = c.connect(options5("MC-P5", SECRET, 30));
            token.waitForCompletion(5_000);
            MqttProperties p = token.getResponseProperties();
            assertEquals(1, p.getMaximumQoS());
            assertEquals(MqttSessionLimits.DEFAULT_RECEIVE_MAXIMUM, p.getReceiveMaximum());
            assertEquals(Limits.MAX_FRAME_BYTES + MqttSessionLimits.PACKET_OVERHEAD_BYTES, p.getMaximumPacketSize());
            assertEquals(0, p.getTopicAliasMaximum());
            assertNull(p.getServerKeepAlive(), "a keepalive within the bound is left as the client asked");
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    @Test
    void mqtt5PubacksCarryReasonCodesAndQos0And1Complete() throws Exception {
        var c = paho5("MC-P5", SECRET, 30, null);
        try {
            assertEquals(0, publish5(c, Topics.readsTopic("MC-P5"), frame("MC-P5", 1, 0xC0DE3L, 1), 1));
            assertEquals(
                    0x99,
                    publish5(c, Topics.readsTopic("MC-P5"), "not a frame".getBytes(StandardCharsets.UTF_8), 1),
                    "payload format invalid");
            assertEquals(
                    0x87,
                    publish5(c, Topics.readsTopic("MC-X5"), frame("MC-X5", 1, 0xC0DE4L, 1), 1),
                    "not authorized: another station's topic");
            c.publish(Topics.readsTopic("MC-P5"), new MqttMessage(frame("MC-P5", 2, 0xC0DE3L, 1), 0, false, null))
                    .waitForCompletion(5_000);
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        Poll.until(Duration.ofSeconds(10), "QoS 0 and 1 reads", () -> reads("C0DE3") == 2);
        assertEquals(0, reads("C0DE4"));
    }

    @Test
    void qos2OverMqtt5IsRefusedWithDisconnect9BNeverAHang() {
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 5, "MC-T5", SECRET, 30)) {
            assertEquals(0, m.connackCode());
            m.publish(Topics.readsTopic("MC-T5"), 2, 3, frame("MC-T5", 1, 0xC0DE5L, 1));
            RawMqtt.Packet disconnect = m.read();
            assertEquals(RawMqtt.Packet.DISCONNECT, disconnect.type());
            assertEquals(0x9B, disconnect.body()[0] & 0xFF, "QoS not supported");
            assertNull(m.read(), "the server closes the connection");
        }
        // Paho's MQTT 5 client, told Maximum QoS 1, sends a QoS 2 message at QoS 1: it completes and lands.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            var c = paho5("MC-T5", SECRET, 30, null);
            try {
                var t = c.publish(
                        Topics.readsTopic("MC-T5"), new MqttMessage(frame("MC-T5", 2, 0xC0DE5L, 4), 2, false, null));
                t.waitForCompletion(5_000);
                assertEquals(0, t.getReasonCodes()[0]);
            } finally {
                closeQuietly(c);
            }
        });
        Poll.until(Duration.ofSeconds(10), "the downgraded frame's reads", () -> reads("C0DE5") == 4);
    }

    @Test
    void wrongCredentialsAreRefusedInEachVersionsTerms() {
        MqttSecurityException v3 =
                assertThrows(MqttSecurityException.class, () -> paho3("MC-AUTH", "wrong-secret-000000"));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, v3.getReasonCode());
        var v5 = assertThrows(
                org.eclipse.paho.mqttv5.common.MqttException.class,
                () -> paho5("MC-AUTH", "wrong-secret-000000", 30, null));
        assertEquals(0x86, v5.getReasonCode(), "bad user name or password");
    }

    @Test
    void subscribeIsRefusedWithTheFailureCodeOfTheClientsVersion() throws Exception {
        MqttAsyncClient v3 = new MqttAsyncClient(uri, "MC-S-3", new MemoryPersistence());
        v3.connect(options3("MC-S", SECRET)).waitForCompletion(5_000);
        try {
            IMqttToken t = v3.subscribe("stations/#", 1);
            t.waitForCompletion(5_000);
            assertArrayEquals(new int[] {0x80}, t.getGrantedQos(), "MQTT 3.1.1 has one failure code: 0x80");
        } finally {
            v3.disconnect().waitForCompletion(5_000);
            v3.close();
        }
        var v5 = paho5("MC-S", SECRET, 30, null);
        try {
            var t = v5.subscribe("stations/MC-S/commands", 1);
            t.waitForCompletion(5_000);
            assertArrayEquals(new int[] {0x87}, t.getReasonCodes(), "MQTT 5: not authorized");
        } finally {
            v5.disconnect().waitForCompletion(5_000);
            v5.close();
        }
    }

    @Test
    void aPacketAboveTheMaximumPacketSizeEndsTheConnectionWith95() {
        int tooLarge = Limits.MAX_FRAME_BYTES + MqttSessionLimits.PACKET_OVERHEAD_BYTES + 1_000;
        double before = metric("bikeguard_mqtt_disconnects_total{reason=\"packet_too_large\"");
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 5, "MC-BIG", SECRET, 30)) {
            assertEquals(0, m.connackCode());
            m.publishOfRemainingLength(Topics.readsTopic("MC-BIG"), tooLarge);
            RawMqtt.Packet disconnect = m.read();
            assertNotNull(disconnect, "a DISCONNECT before the close");
            assertEquals(RawMqtt.Packet.DISCONNECT, disconnect.type());
            assertEquals(0x95, disconnect.body()[0] & 0xFF, "packet too large");
        }
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 4, "MC-BIG", SECRET, 30)) {
            assertEquals(0, m.connackCode());
            m.publishOfRemainingLength(Topics.readsTopic("MC-BIG"), tooLarge);
            assertNull(m.read(), "MQTT 3.1.1 has no DISCONNECT from the server: the connection is closed");
        }
        assertEquals(before + 2, metric("bikeguard_mqtt_disconnects_total{reason=\"packet_too_large\""));
    }

    @Test
    void aFrameAbove64KiBInsideThePacketLimitIsRejectedAndTheNextLands() throws Exception {
        double before = metric("bikeguard_ingest_rejected_total{reason=\"oversized\"");
        MqttClient c = paho3("MC-BIG", SECRET);
        try {
            c.publish(Topics.readsTopic("MC-BIG"), new byte[Limits.MAX_FRAME_BYTES + 100], 1, false);
            c.publish(Topics.readsTopic("MC-BIG"), frame("MC-BIG", 5, 0xC0DE6L, 3), 1, false);
        } finally {
            c.disconnect();
            c.close();
        }
        assertEquals(before + 1, metric("bikeguard_ingest_rejected_total{reason=\"oversized\""));
        Poll.until(Duration.ofSeconds(10), "the next frame's reads", () -> reads("C0DE6") == 3);
    }

    @Test
    void aSecondConnectionOfTheSameStationTakesTheSessionOver() throws Exception {
        CompletableFuture<MqttDisconnectResponse> firstGone = new CompletableFuture<>();
        var first = paho5("MC-S", SECRET, 30, firstGone);
        var second = paho5("MC-S", SECRET, 30, null);
        try {
            assertEquals(0x8E, firstGone.get(5, TimeUnit.SECONDS).getReturnCode(), "session taken over");
            assertEquals(0, publish5(second, Topics.readsTopic("MC-S"), frame("MC-S", 1, 0xC0DE7L, 1), 1));
        } finally {
            second.disconnect().waitForCompletion(5_000);
            second.close();
            closeQuietly(first);
        }
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        MqttClient older = paho3("MC-S", SECRET);
        older.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
        MqttClient newer = paho3("MC-S", SECRET);
        try {
            assertNotNull(lost.get(5, TimeUnit.SECONDS));
            newer.publish(Topics.readsTopic("MC-S"), frame("MC-S", 2, 0xC0DE7L, 1), 1, false);
        } finally {
            newer.disconnect();
            newer.close();
            older.close(true);
        }
        Poll.until(Duration.ofSeconds(10), "both frames", () -> reads("C0DE7") == 2);
    }

    // --- helpers ---

    private static void closeQuietly(org.eclipse.paho.mqttv5.client.MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(1_000);
            }
            c.close(true);
        } catch (org.eclipse.paho.mqttv5.common.MqttException ignored) {
            // the test's outcome is already decided
        }
    }

    static byte[] frame(String station, long seq, long tag, int count) {
        return FrameCodec.encodeJson(Frame.of(station, seq, List.of(new Read(tag, T0 + seq * 1_000, -60, count, 0))));
    }

    private static MqttConnectOptions options3(String user, String secret) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(secret.toCharArray());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        return o;
    }

    private static MqttClient paho3(String user, String secret) throws MqttException {
        MqttClient c = new MqttClient(uri, user + "-" + System.nanoTime(), new MemoryPersistence());
        c.setTimeToWait(5_000);
        c.connect(options3(user, secret));
        return c;
    }

    static MqttConnectionOptions options5(String user, String secret, int keepAlive) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setKeepAliveInterval(keepAlive);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        return o;
    }

    /** A connected Paho MQTT 5 client; {@code gone} (optional) receives the server's DISCONNECT. */
    private static org.eclipse.paho.mqttv5.client.MqttAsyncClient paho5(
            String user, String secret, int keepAlive, CompletableFuture<MqttDisconnectResponse> gone)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                uri, user + "-" + System.nanoTime(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        if (gone != null) {
            c.setCallback(new DisconnectWatcher(gone));
        }
        c.connect(options5(user, secret, keepAlive)).waitForCompletion(5_000);
        return c;
    }

    /** Publishes and returns the PUBACK's reason code. */
    private static int publish5(org.eclipse.paho.mqttv5.client.MqttAsyncClient c, String topic, byte[] payload, int qos)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        var t = c.publish(topic, new MqttMessage(payload, qos, false, null));
        t.waitForCompletion(5_000);
        return t.getReasonCodes()[0];
    }

    private static long reads(String tag) {
        HttpTestClient.Response r = admin.get("/api/v1/tags/" + tag + "/sightings?from="
                + Instant.ofEpochMilli(T0 - 60_000) + "&to=" + Instant.ofEpochMilli(T0 + 3_600_000));
        assertEquals(200, r.status(), r.body());
        long sum = 0;
        for (JsonNode s : r.node().get("sightings")) {
            sum += s.get("reads").asLong();
        }
        return sum;
    }

    private static double metric(String prefix) {
        return admin.metric(prefix);
    }
}
