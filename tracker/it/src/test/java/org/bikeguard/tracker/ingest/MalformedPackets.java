package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.TrackerKit;

/**
 * Malformed MQTT, written byte by byte over raw sockets, round after round while the frame fuzz
 * runs: bad remaining lengths, a packet above the size limit before CONNECT, truncated CONNECTs,
 * PUBLISH before CONNECT, garbage before and after CONNECT, an unknown protocol level, wrong
 * credentials, an empty client id without a clean session, wildcards in a PUBLISH topic, QoS 3, a
 * 60,000-character topic, a topic that makes the packet too large, a second CONNECT. Each case
 * checks the server's answer (closed, or the right CONNACK/PUBACK) and adds what the tracker must
 * count to the {@link EndpointFuzzIT.Tally}. Not thread-safe: one thread.
 */
final class MalformedPackets {

    /** The station the authenticated cases connect as (one connection at a time). */
    static final String STATION = "FZ-RAW";

    private static final long CLOSE_WITHIN_MS = 5_000;

    private final int port;
    private final Random rnd;
    private final EndpointFuzzIT.Tally tally = new EndpointFuzzIT.Tally();
    /** Connections the server must close by its connect timeout, with when they were opened. */
    private final List<Map.Entry<RawMqtt, Long>> closeByTimeout = new ArrayList<>();

    MalformedPackets(int port, Random rnd) {
        this.port = port;
        this.rnd = rnd;
    }

    /**
     * Runs rounds of every case while {@code going} (at least one), then checks that the
     * connections left without a complete CONNECT were closed by the server's connect timeout.
     */
    EndpointFuzzIT.Tally run(AtomicBoolean going) throws InterruptedException {
        byte[] connect = validConnect();
        leftOpen(Arrays.copyOf(connect, connect.length / 2)); // a half-written CONNECT
        int rounds = 0;
        do {
            round();
            rounds++;
            Thread.sleep(20);
        } while (going.get());
        for (Map.Entry<RawMqtt, Long> e : closeByTimeout) {
            long waited = (System.nanoTime() - e.getValue()) / 1_000_000L;
            long left = MqttSessionLimits.CONNECT_TIMEOUT_SECONDS * 1_000L + CLOSE_WITHIN_MS - waited;
            assertTrue(e.getKey().closedWithin(Math.max(1, left)), "closed by the connect timeout");
            e.getKey().close();
        }
        System.out.println("MalformedPackets: " + rounds + " rounds");
        return tally;
    }

    /** Sends bytes on a fresh connection and leaves it: the server must close it by its connect timeout. */
    private void leftOpen(byte[] bytes) {
        RawMqtt m = RawMqtt.open(port);
        m.raw(bytes);
        closeByTimeout.add(Map.entry(m, System.nanoTime()));
    }

    private void round() {
        // --- before CONNECT: closed by the MQTT library (not counted: no station is involved yet) ---
        closed(
                "a remaining length of five bytes",
                new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        if (closeByTimeout.size() < 20) { // a PUBLISH above the size limit before CONNECT: the decoder
            // discards the rest, and the connection is closed by the connect timeout
            leftOpen(new byte[] {0x30, (byte) 0x80, (byte) 0xAD, (byte) 0xE2, 0x04, 0, 1});
        }
        closed("PUBLISH before CONNECT", RawMqtt.packet(0x30, publishBody("stations/" + STATION + "/reads", frame())));
        closed("a reserved packet type before CONNECT", new byte[] {0x00, 0x02, 0x01, 0x02});
        try (RawMqtt m = RawMqtt.open(port)) { // a truncated CONNECT, then the client goes away
            byte[] c = validConnect();
            m.raw(Arrays.copyOf(c, 1 + rnd.nextInt(c.length - 1)));
        }
        try (RawMqtt m = RawMqtt.open(port)) { // random garbage that starts as anything but a CONNECT
            byte[] g = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(g);
            g[0] = (byte) ((g[0] & 0x0F) | ((rnd.nextInt(15) + 2) % 16 << 4));
            m.raw(g);
        }
        try (RawMqtt m = RawMqtt.open(port)) {
            m.raw(RawMqtt.connectPacket("MQTT", 9, 0xC2, "raw", STATION, TrackerKit.STATION_SECRET));
            assertEquals(1, m.connackCode(), "an unknown protocol level is refused (0x01)");
            assertTrue(m.closedWithin(CLOSE_WITHIN_MS));
        }
        // --- CONNECT refused by the tracker: counted ---
        try (RawMqtt m = RawMqtt.open(port)) {
            m.raw(RawMqtt.connectPacket("MQTT", 4, 0xC2, "raw", STATION, "not-the-secret"));
            assertEquals(4, m.connackCode(), "wrong credentials");
            count(tally.refused, "bad_credentials");
        }
        try (RawMqtt m = RawMqtt.open(port)) {
            m.raw(RawMqtt.connectPacket("MQTT", 4, 0xC0, "", STATION, TrackerKit.STATION_SECRET));
            assertEquals(2, m.connackCode(), "an empty client id needs a clean session (0x02)");
            count(tally.refused, "protocol_error");
        }
        // --- after CONNECT, on the station's session ---
        inSession("a reserved packet type", new byte[] {0x00, 0x02, 0x01, 0x02}, "malformed_packet");
        inSession(
                "a wildcard in a PUBLISH topic",
                RawMqtt.packet(0x32, publishBody("stations/+/reads", frame())),
                "malformed_packet");
        inSession(
                "QoS 3",
                RawMqtt.packet(0x36, publishBody("stations/" + STATION + "/reads", frame())),
                "malformed_packet");
        inSession(
                "a topic that makes the packet too large",
                RawMqtt.packet(0x32, publishBody("t".repeat(65_000), new byte[2_000])),
                "packet_too_large");
        inSession("a second CONNECT", validConnect(), null);
        try (RawMqtt m = authenticated()) { // a 60,000-character topic: a foreign frame, acknowledged
            m.publish("stations/" + STATION + "/" + "t".repeat(60_000), 1, 7, frame());
            RawMqtt.Packet ack = m.read();
            assertTrue(ack != null && ack.type() == RawMqtt.Packet.PUBACK, "PUBACK for a huge topic: " + ack);
            count(tally.rejected, "topic_not_owned");
        }
    }

    /** Sends bytes on a fresh connection; the server must close it. */
    private void closed(String what, byte[] bytes) {
        try (RawMqtt m = RawMqtt.open(port)) {
            m.raw(bytes);
            assertTrue(m.closedWithin(CLOSE_WITHIN_MS), "closed after " + what);
        }
    }

    /** Sends bytes on an authenticated session; the server must close it, counting {@code reason} (null: not counted). */
    private void inSession(String what, byte[] bytes, String reason) {
        try (RawMqtt m = authenticated()) {
            m.raw(bytes);
            assertTrue(m.closedWithin(CLOSE_WITHIN_MS), "session closed after " + what);
            if (reason != null) {
                count(tally.disconnects, reason);
            }
        }
    }

    private RawMqtt authenticated() {
        RawMqtt m = RawMqtt.connect(port, 4, STATION, TrackerKit.STATION_SECRET, 30);
        assertEquals(0, m.connackCode());
        return m;
    }

    private static byte[] validConnect() {
        return RawMqtt.connectPacket("MQTT", 4, 0xC2, "raw-" + STATION, STATION, TrackerKit.STATION_SECRET);
    }

    private static byte[] frame() {
        return FrameCodec.encodeBinary(Frame.of(STATION, 1, List.of(new Read(0xF1L, 1_000, -50, 1, 0))));
    }

    /** A QoS 1 PUBLISH body (packet id 1) with any topic, even one a client library would refuse. */
    private static byte[] publishBody(String topic, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        b.write(t.length >> 8);
        b.write(t.length & 0xFF);
        b.writeBytes(t);
        b.write(0);
        b.write(1);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    private static void count(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }
}
