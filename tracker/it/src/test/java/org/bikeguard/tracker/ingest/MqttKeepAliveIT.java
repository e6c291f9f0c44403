package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server bounds how long a connection may stay silent ({@code BIKEGUARD_MQTT_MAX_KEEPALIVE_S},
 * 2 s here): a keepalive of 0 or above the bound no longer keeps a dead connection for ever.
 */
class MqttKeepAliveIT {

    private static final String SECRET = "keepalive-secret-0123456789";
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        tracker =
                TrackerKit.builder().env("BIKEGUARD_MQTT_MAX_KEEPALIVE_S", "2").start();
        for (String id : List.of("KA-0", "KA-BIG", "KA-5", "KA-P")) {
            tracker.admin().putStation(id, SECRET, 112.57, 26.89);
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void aSilentMqtt311ConnectionWithoutKeepaliveIsClosed() {
        assertClosedWhenSilent("KA-0", 0);
    }

    @Test
    void aKeepaliveAboveTheBoundIsHeldToTheBound() {
        assertClosedWhenSilent("KA-BIG", 3_600);
    }

    @Test
    void anMqtt5ClientWithoutKeepaliveIsToldTheServerKeepAlive() throws Exception {
        var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                "tcp://127.0.0.1:" + tracker.mqttPort(),
                "KA-5-paho",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            var token = c.connect(MqttConformanceIT.options5("KA-5", SECRET, 0));
            token.waitForCompletion(5_000);
            assertEquals(2, token.getResponseProperties().getServerKeepAlive());
        } finally {
            c.disconnectForcibly(1_000);
            c.close(true);
        }
    }

    @Test
    void aSilentMqtt5ConnectionGetsDisconnect8D() {
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 5, "KA-5", SECRET, 0)) {
            assertEquals(0, m.connackCode());
            RawMqtt.Packet disconnect = m.read();
            assertEquals(RawMqtt.Packet.DISCONNECT, disconnect.type());
            assertEquals(0x8D, disconnect.body()[0] & 0xFF, "keep alive timeout");
        }
    }

    @Test
    void aClientThatPingsWithinTheBoundStaysConnected() {
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 5, "KA-P", SECRET, 0)) {
            assertEquals(0, m.connackCode());
            for (int i = 0; i < 5; i++) {
                m.pingreq();
                assertEquals(RawMqtt.Packet.PINGRESP, m.read().type(), "ping " + i);
                sleep(1_200);
            }
            m.publish(Topics.readsTopic("KA-P"), 1, 1, MqttConformanceIT.frame("KA-P", 1, 0xCA5L, 1));
            assertEquals(RawMqtt.Packet.PUBACK, m.read().type(), "still connected after 6 s of pings only");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertClosedWhenSilent(String station, int keepAlive) {
        long start = System.nanoTime();
        try (RawMqtt m = RawMqtt.connect(tracker.mqttPort(), 4, station, SECRET, keepAlive)) {
            assertEquals(0, m.connackCode());
            assertNull(m.read(), "the server closes a connection silent for 1.5 x the bound");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 2_900 && ms < 12_000, "closed after " + ms + " ms");
    }
}
