package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bikeguard.protocol.Topics;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.testsupport.TestTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server bounds how long a connection may stay silent ({@code BIKEGUARD_MQTT_MAX_KEEPALIVE_S},
 * 2 s here): a keepalive of 0 or above the bound no longer keeps a dead connection for ever.
 */
class MqttKeepAliveIT {

    private static final String SECRET = "keepalive-secret-0123456789";
    private static TrackerApp app;

    @BeforeAll
    static void start() {
        app = TestTracker.start(Map.of("BIKEGUARD_MQTT_MAX_KEEPALIVE_S", "2"));
        for (String id : List.of("KA-0", "KA-BIG", "KA-5")) {
            TestTracker.admin(app).putStation(id, SECRET, 112.57, 26.89);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
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
    void anMqtt5ClientIsToldTheServerKeepAliveAndStaysConnectedByPinging() throws Exception {
        var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient("tcp://127.0.0.1:" + app.mqttPort(), "KA-5-paho",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            var token = c.connect(MqttConformanceIT.options5("KA-5", SECRET, 0));
            token.waitForCompletion(5_000);
            assertEquals(2, token.getResponseProperties().getServerKeepAlive());
            Thread.sleep(6_500);
            assertTrue(c.isConnected(), "Paho pings every 2 s as told, so the connection lives");
            c.publish(Topics.readsTopic("KA-5"), MqttConformanceIT.frame("KA-5", 1, 0xCA5L, 1), 1, false)
                    .waitForCompletion(5_000);
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    private static void assertClosedWhenSilent(String station, int keepAlive) {
        long start = System.nanoTime();
        try (RawMqtt m = RawMqtt.connect(app.mqttPort(), 4, station, SECRET, keepAlive)) {
            assertEquals(0, m.connackCode());
            assertNull(m.read(), "the server closes a connection silent for 1.5 x the bound");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 2_900 && ms < 12_000, "closed after " + ms + " ms");
    }
}
