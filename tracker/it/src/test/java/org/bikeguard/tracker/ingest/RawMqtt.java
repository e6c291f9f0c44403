package org.bikeguard.tracker.ingest;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * MQTT packets written byte by byte, for the checks no client library lets a test make (a QoS 2
 * PUBLISH to a server that announced Maximum QoS 1, a packet above the Maximum Packet Size, a
 * keepalive of 0 with nothing sent afterwards), for malformed packets (the endpoint fuzz) and for
 * reading the server's exact answers. Not thread-safe; one per connection.
 */
final class RawMqtt implements AutoCloseable {

    /** One packet read back: its type (upper nibble of the first byte), flags and body. */
    record Packet(int type, int flags, byte[] body) {
        static final int CONNACK = 2;
        static final int PUBACK = 4;
        static final int PUBREC = 5;
        static final int PUBCOMP = 7;
        static final int SUBACK = 9;
        static final int PINGRESP = 13;
        static final int DISCONNECT = 14;
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int version;

    private RawMqtt(Socket socket, int version) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.version = version;
    }

    /** Opens a TCP connection and sends nothing (MQTT 3.1.1 framing for the helpers). */
    static RawMqtt open(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            return new RawMqtt(s, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CONNECT packet (fixed header included) with the given protocol name and level and connect
     * flags; user and password are written when not null (set their flags yourself).
     */
    static byte[] connectPacket(String protocol, int level, int flags, String clientId, String user, String password) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, protocol);
        b.write(level);
        b.write(flags);
        b.write(0);
        b.write(30); // keepalive 30 s
        if (level >= 5) {
            b.write(0);
        }
        string(b, clientId);
        if (user != null) {
            string(b, user);
        }
        if (password != null) {
            string(b, password);
        }
        return packet(0x10, b.toByteArray());
    }

    /** A packet: the first byte, the remaining length (variable-length integer) and the body. */
    static byte[] packet(int first, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + 5);
        b.write(first);
        int n = body.length;
        do {
            int d = n & 0x7F;
            n >>>= 7;
            b.write(n > 0 ? d | 0x80 : d);
        } while (n > 0);
        b.writeBytes(body);
        return b.toByteArray();
    }

    /** Writes bytes as they are (any packet, or none) and flushes. */
    void raw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a PUBLISH into the send buffer without flushing ({@link #flush()}); many per syscall. */
    void queuePublish(String topic, int qos, int packetId, byte[] payload) {
        try {
            out.write(packet(0x30 | (qos << 1), publishBody(topic, qos, packetId, payload)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends what is buffered. */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server closes the connection within {@code millis}, reading (and dropping) what
     * it sends meanwhile; false when the connection is still open then.
     */
    boolean closedWithin(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** Connects and sends CONNECT (protocol level 4 = MQTT 3.1.1, 5 = MQTT 5); returns without reading. */
    static RawMqtt connect(int port, int version, String user, String password, int keepAliveSeconds) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            RawMqtt m = new RawMqtt(s, version);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            string(b, "MQTT");
            b.write(version);
            b.write(0xC2); // username, password, clean session/start
            b.write(keepAliveSeconds >> 8);
            b.write(keepAliveSeconds & 0xFF);
            if (version >= 5) {
                b.write(0); // no properties
            }
            string(b, "raw-" + user);
            string(b, user);
            string(b, password);
            m.send(0x10, b.toByteArray());
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void publish(String topic, int qos, int packetId, byte[] payload) {
        send(0x30 | (qos << 1), publishBody(topic, qos, packetId, payload));
    }

    private byte[] publishBody(String topic, int qos, int packetId, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + topic.length() + 8);
        string(b, topic);
        if (qos > 0) {
            b.write(packetId >> 8);
            b.write(packetId & 0xFF);
        }
        if (version >= 5) {
            b.write(0);
        }
        b.writeBytes(payload);
        return b.toByteArray();
    }

    void pingreq() {
        send(0xC0, new byte[0]);
    }

    void pubrel(int packetId) {
        send(0x62, new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }

    void subscribe(int packetId, String filter) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(packetId >> 8);
        b.write(packetId & 0xFF);
        if (version >= 5) {
            b.write(0);
        }
        string(b, filter);
        b.write(1);
        send(0x82, b.toByteArray());
    }

    /** Sends a PUBLISH whose announced remaining length is {@code remaining}, with a body that long. */
    void publishOfRemainingLength(String topic, int remaining) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, topic);
        b.write(0);
        b.write(1);
        if (version >= 5) {
            b.write(0);
        }
        b.writeBytes(new byte[remaining - b.size()]);
        send(0x32, b.toByteArray());
    }

    /** The next packet; null when the server closed the connection. */
    Packet read() {
        try {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int d = in.readUnsignedByte();
                length |= (d & 0x7F) << shift;
                if ((d & 0x80) == 0) {
                    break;
                }
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return new Packet(first >> 4, first & 0x0F, body);
        } catch (EOFException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet from the server within the read timeout", e);
        } catch (IOException e) {
            // A reset after the server closed: the connection is gone.
            return null;
        }
    }

    /** The CONNACK's return/reason code (second byte of its body). */
    int connackCode() {
        Packet p = read();
        if (p == null || p.type() != Packet.CONNACK) {
            throw new AssertionError("expected CONNACK, got " + p);
        }
        return p.body()[1] & 0xFF;
    }

    private void send(int first, byte[] body) {
        raw(packet(first, body));
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length & 0xFF);
        b.writeBytes(bytes);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
