package org.bikeguard.sim.net;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bikeguard.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One city station's MQTT link: a single connection authenticated as the station, at most
 * {@code window} unacknowledged QoS 1 frames in flight, and a queue of frames to send. Unlike
 * the load generator's connection it never drops a frame: frames in flight when the connection
 * drops (or that time out) are sent again, in their original order, with the DUP flag and the
 * same bytes (so the tracker sees the same seq and counts them once). While the station is
 * "offline" (a simulated backhaul outage) frames accumulate and leave when it is back.
 *
 * <p>Reconnects with a back-off of 1 s doubling to 30 s. Not thread-safe: confined to the event
 * loop of its {@link LinkGroup}.
 */
final class StationLink {
    private static final Logger LOG = LoggerFactory.getLogger(StationLink.class);
    static final int ACK_TIMEOUT_S = 30;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final LinkGroup group;
    private final NetStats stats;
    final String id;
    private final String topic;
    private final String secret;
    private final ArrayDeque<OutFrame> pending = new ArrayDeque<>();
    private final OutFrame[] slot;
    private final int[] slotPid;
    private final List<Integer> earlyAcks = new ArrayList<>(2);
    private int inflight;
    private MqttClient client;
    private boolean connected;
    private boolean connecting;
    private boolean online = true;
    private boolean settled;
    private boolean everConnected;
    private boolean warned;
    private int failures;

    StationLink(LinkGroup group, String id, String secret, int window) {
        this.group = group;
        this.stats = group.stats;
        this.id = id;
        this.topic = Topics.readsTopic(id);
        this.secret = secret;
        this.slot = new OutFrame[window];
        this.slotPid = new int[window];
    }

    void enqueue(OutFrame f) {
        pending.add(f);
        pump();
    }

    void offline() {
        online = false;
        dropConnection(false);
        MqttClient c = client;
        client = null;
        if (c != null) {
            c.disconnect().onFailure(e -> LOG.debug("station {}: disconnect: {}", id, e.toString()));
        }
    }

    void online() {
        online = true;
        connect();
    }

    void stop() {
        online = false;
        dropConnection(false);
        MqttClient c = client;
        client = null;
        if (c != null) {
            c.disconnect();
        }
    }

    void connect() {
        if (!online || connected || connecting || group.stopping) {
            return;
        }
        connecting = true;
        MqttClientOptions opts = new MqttClientOptions()
                .setClientId(id)
                .setUsername(id)
                .setPassword(secret)
                .setMaxInflightQueue(slot.length + 2)
                .setAckTimeout(ACK_TIMEOUT_S)
                .setKeepAliveInterval(60)
                .setCleanSession(true);
        opts.setAutoAck(true);
        opts.setTcpNoDelay(true);
        opts.setConnectTimeout(15_000);
        Vertx vertx = group.vertx();
        MqttClient c = MqttClient.create(vertx, opts);
        client = c;
        c.publishCompletionHandler(pid -> onAck(c, pid));
        c.publishCompletionExpirationHandler(pid -> onExpired(c, pid));
        c.exceptionHandler(e -> LOG.debug("station {}: {}", id, e.toString()));
        c.closeHandler(v -> {
            if (client == c && connected) {
                stats.disconnects.increment();
                dropConnection(true);
            }
        });
        c.connect(group.port, group.host).onComplete(ar -> {
            connecting = false;
            if (client != c) {
                if (ar.succeeded()) {
                    c.disconnect();
                }
                return;
            }
            if (ar.succeeded()) {
                connected = true;
                failures = 0;
                stats.connected.incrementAndGet();
                if (!everConnected) {
                    everConnected = true;
                    stats.everConnected.incrementAndGet();
                }
                settle();
                pump();
            } else {
                stats.connectFailures.increment();
                failures++;
                settle();
                if (!warned && failures >= 3) {
                    warned = true;
                    LOG.warn(
                            "station {}: cannot connect ({}), retrying",
                            id,
                            ar.cause().toString());
                }
                retryLater();
            }
        });
    }

    private void settle() {
        if (!settled) {
            settled = true;
            stats.settled.incrementAndGet();
        }
    }

    private void retryLater() {
        long delay = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(5, failures));
        group.vertx().setTimer(delay, t -> connect());
    }

    /** The connection is gone: frames in flight go back to the front of the queue, in order. */
    private void dropConnection(boolean reconnect) {
        if (connected) {
            connected = false;
            stats.connected.decrementAndGet();
        }
        List<OutFrame> back = new ArrayList<>(inflight);
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] != null) {
                back.add(slot[i]);
                slot[i] = null;
            }
        }
        inflight = 0;
        earlyAcks.clear();
        back.sort(Comparator.comparingLong((OutFrame f) -> f.order).reversed());
        for (OutFrame f : back) {
            pending.addFirst(f);
        }
        if (reconnect && online && !group.stopping) {
            client = null;
            retryLater();
        }
    }

    private void pump() {
        while (connected && inflight < slot.length && !pending.isEmpty()) {
            publish(pending.poll());
        }
    }

    private void publish(OutFrame f) {
        int s = 0;
        while (slot[s] != null) {
            s++;
        }
        slot[s] = f;
        slotPid[s] = -1;
        inflight++;
        if (f.attempts++ > 0) {
            stats.retransmits.increment();
        }
        f.sentNanos = System.nanoTime();
        stats.framesPublished.increment();
        MqttClient c = client;
        int at = s;
        c.publish(
                        f.topic != null ? f.topic : topic,
                        Buffer.buffer(f.payload),
                        MqttQoS.AT_LEAST_ONCE,
                        f.attempts > 1,
                        false)
                .onComplete(ar -> {
                    if (c != client || slot[at] != f) {
                        return;
                    }
                    if (ar.failed()) {
                        LOG.debug(
                                "station {}: publish failed: {}", id, ar.cause().toString());
                        slot[at] = null;
                        inflight--;
                        pending.addFirst(f);
                        group.vertx().setTimer(200, t -> pump());
                        return;
                    }
                    slotPid[at] = ar.result();
                    if (earlyAcks.remove(ar.result())) {
                        complete(at);
                    }
                });
    }

    private void onAck(MqttClient c, int pid) {
        if (c != client) {
            return;
        }
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] != null && slotPid[i] == pid) {
                complete(i);
                return;
            }
        }
        earlyAcks.add(pid);
    }

    private void complete(int s) {
        OutFrame f = slot[s];
        slot[s] = null;
        inflight--;
        stats.framesAcked.increment();
        stats.entriesAcked.add(f.entries);
        stats.countsAcked.add(f.counts);
        stats.queuedFrames.decrementAndGet();
        stats.queuedBytes.addAndGet(-f.payload.length);
        stats.ackMicros.record((System.nanoTime() - f.sentNanos) / 1000);
        pump();
    }

    private void onExpired(MqttClient c, int pid) {
        if (c != client) {
            return;
        }
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] != null && slotPid[i] == pid) {
                OutFrame f = slot[i];
                slot[i] = null;
                inflight--;
                pending.addFirst(f);
                pump();
                return;
            }
        }
    }
}
