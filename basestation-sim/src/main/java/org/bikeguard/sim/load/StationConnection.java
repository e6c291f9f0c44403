package org.bikeguard.sim.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Arrays;
import org.bikeguard.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated station: its tag pool, sequence counter and its single authenticated MQTT
 * connection, with a window of at most {@code inflight} unacknowledged frames.
 *
 * <p>Sequence numbers follow the protocol's recipe: start time in ms &times; 1000 + counter.
 *
 * <p>Not thread-safe: confined to the event loop of the {@link StationGroup} that owns it
 * (the MQTT client is created there, so its handlers run there too).
 */
final class StationConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StationConnection.class);
    /** Seconds after which an unacknowledged frame is given up (counted as a timeout). */
    static final int ACK_TIMEOUT_S = 30;

    private static final int FREE = -2;
    private static final int UNKNOWN_ID = -1;

    final String id;
    final String topic;
    final long[] pool;
    private final String secret;
    private final long seqBase;
    private long counter;

    private final int[] slotId;
    private final long[] slotNanos;
    private final int[] slotEntries;
    private final long[] slotCounts;
    private int inflight;
    private int earlyAck = FREE;

    private final StationGroup group;
    private MqttClient client;
    private boolean connected;
    /** Failed connection attempts in a row (the group gives up after a few). */
    int failures;
    /** Whether this station has been connected at least once (then it never gives up reconnecting). */
    boolean everConnected;
    /** Whether the first connection attempts have ended (connected or given up). */
    boolean settled;

    StationConnection(StationGroup group, String id, String secret, long[] pool, long seqBase, int window) {
        this.group = group;
        this.id = id;
        this.topic = Topics.readsTopic(id);
        this.secret = secret;
        this.pool = pool;
        this.seqBase = seqBase;
        this.slotId = new int[window];
        this.slotNanos = new long[window];
        this.slotEntries = new int[window];
        this.slotCounts = new long[window];
        Arrays.fill(slotId, FREE);
    }

    /** The next sequence number: start ms &times; 1000 + counter. */
    long nextSeq() {
        return seqBase * 1000 + counter++;
    }

    boolean isConnected() {
        return connected;
    }

    /** Whether another frame may be published now. */
    boolean hasCapacity() {
        return connected && inflight < slotId.length;
    }

    int inflight() {
        return inflight;
    }

    /**
     * Opens the connection; the future completes on CONNACK (accepted). The owning group is
     * told about every freed window slot and a lost connection; all callbacks run on the
     * caller's event loop.
     */
    Future<Void> connect(Vertx vertx, LoadOptions o) {
        MqttClientOptions opts = new MqttClientOptions()
                .setClientId(id)
                .setUsername(id)
                .setPassword(secret)
                .setMaxInflightQueue(slotId.length + 2)
                .setAckTimeout(ACK_TIMEOUT_S)
                .setKeepAliveInterval(60)
                .setCleanSession(true);
        opts.setAutoAck(true);
        opts.setTcpNoDelay(true);
        opts.setConnectTimeout(15_000);
        if (o.tls()) {
            opts.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
            if (o.ca() != null) {
                opts.setTrustOptions(new PemTrustOptions().addCertPath(o.ca()));
            }
        }
        MqttClient c = MqttClient.create(vertx, opts);
        client = c;
        c.publishCompletionHandler(this::onPuback);
        c.publishCompletionExpirationHandler(this::onExpired);
        c.exceptionHandler(e -> LOG.debug("station {}: {}", id, e.toString()));
        c.closeHandler(v -> {
            if (client == c && connected) {
                connected = false;
                group.onClosed(this, releaseAll());
            }
        });
        return c.connect(o.port(), o.host()).onSuccess(ack -> connected = true).mapEmpty();
    }

    /**
     * Publishes one encoded frame. Callers check {@link #hasCapacity()} first.
     *
     * @param entries read entries in the frame
     * @param counts sum of the entries' counts
     */
    void publish(Buffer payload, int entries, long counts, int qos) {
        int slot = freeSlot();
        slotId[slot] = UNKNOWN_ID;
        slotNanos[slot] = System.nanoTime();
        slotEntries[slot] = entries;
        slotCounts[slot] = counts;
        inflight++;
        group.stats.sentFrames.increment();
        group.stats.sentEntries.add(entries);
        group.stats.inflight.increment();
        MqttClient c = client;
        c.publish(topic, payload, MqttQoS.valueOf(qos), false, false).onComplete(ar -> {
            if (c != client || slotId[slot] != UNKNOWN_ID) {
                return; // connection replaced or slot already released on close
            }
            if (ar.failed()) {
                release(slot);
                group.stats.publishErrors.increment();
                group.stats.inflight.decrement();
                LOG.debug("station {}: publish failed: {}", id, ar.cause().toString());
            } else if (qos == 0) {
                complete(slot);
            } else {
                slotId[slot] = ar.result();
                if (earlyAck == ar.result()) {
                    earlyAck = FREE;
                    complete(slot);
                }
            }
        });
    }

    /** Closes the connection politely (DISCONNECT). */
    Future<Void> disconnect() {
        MqttClient c = client;
        if (c == null || !connected) {
            return Future.succeededFuture();
        }
        connected = false;
        group.stats.inflight.add(-releaseAll());
        group.stats.connected.decrementAndGet();
        return c.disconnect().recover(e -> Future.succeededFuture());
    }

    private void onPuback(int packetId) {
        int slot = slotOf(packetId);
        if (slot < 0) {
            earlyAck = packetId; // PUBACK before the write completed: finish it there
            return;
        }
        complete(slot);
    }

    private void onExpired(int packetId) {
        int slot = slotOf(packetId);
        if (slot >= 0) {
            release(slot);
            group.stats.timeouts.increment();
            group.stats.inflight.decrement();
            group.onSlotFree(this);
        }
    }

    private void complete(int slot) {
        long latency = System.nanoTime() - slotNanos[slot];
        group.stats.acked(slotEntries[slot], slotCounts[slot], latency);
        release(slot);
        group.onSlotFree(this);
    }

    private int slotOf(int packetId) {
        for (int i = 0; i < slotId.length; i++) {
            if (slotId[i] == packetId) {
                return i;
            }
        }
        return -1;
    }

    private int freeSlot() {
        for (int i = 0; i < slotId.length; i++) {
            if (slotId[i] == FREE) {
                return i;
            }
        }
        throw new IllegalStateException("no free window slot at station " + id);
    }

    private void release(int slot) {
        slotId[slot] = FREE;
        inflight--;
    }

    /** Drops every pending frame (connection gone); returns how many there were. */
    private int releaseAll() {
        int n = 0;
        for (int i = 0; i < slotId.length; i++) {
            if (slotId[i] != FREE) {
                slotId[i] = FREE;
                n++;
            }
        }
        inflight = 0;
        return n;
    }
}
