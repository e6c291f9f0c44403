package org.bikeguard.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A base station as an L4 balancer would spread it over tracker members: it publishes its frames
 * (QoS 1, windows of 10, paced) to one member, and when that member fails it reconnects to the next one
 * and resends every frame not yet acknowledged, with the same sequence number. Optionally it hops
 * to the next member every {@code hopEvery} frames on its own. Runs on the calling thread; not
 * thread-safe.
 */
public final class FailoverStation {

    private final Vertx vertx;
    private final String id;
    private final String secret;
    private final int[] mqttPorts;
    private final int hopEvery;
    private final long pauseMs;
    private int member;

    /**
     * @param mqttPorts   the members' MQTT ports (one for a lone tracker)
     * @param firstMember index into {@code mqttPorts} of the member it connects to first
     * @param hopEvery    frames after which it moves to the next member by itself (0: never)
     * @param pauseMs     pause after each acknowledged window of 10 frames (paces the stream:
     *                    with one second of event time per frame, 800 ms runs it about 12 times
     *                    faster than real time)
     */
    public FailoverStation(
            Vertx vertx, String id, String secret, int[] mqttPorts, int firstMember, int hopEvery, long pauseMs) {
        this.vertx = vertx;
        this.id = id;
        this.secret = secret;
        this.mqttPorts = mqttPorts;
        this.member = firstMember;
        this.hopEvery = hopEvery;
        this.pauseMs = pauseMs;
    }

    /** Publishes every frame until each is acknowledged (or 4 minutes pass); counts first acks in {@code acked}. */
    public void publishAll(List<byte[]> frames, AtomicInteger acked) {
        AtomicIntegerArray done = new AtomicIntegerArray(frames.size());
        int next = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        TestStation station = null;
        int sinceHop = 0;
        while (next < frames.size() && System.nanoTime() - deadline < 0) {
            try {
                if (station != null && hopEvery > 0 && sinceHop >= hopEvery) {
                    station.close();
                    station = null;
                    member = (member + 1) % mqttPorts.length;
                    sinceHop = 0;
                }
                if (station == null || !station.isConnected()) {
                    station = TestStation.connect(vertx, mqttPorts[member], id, secret);
                }
                int end = Math.min(next + 10, frames.size());
                List<Future<Void>> acks = new ArrayList<>();
                for (int i = next; i < end; i++) {
                    if (done.get(i) == 0) {
                        int index = i;
                        acks.add(station.publish(frames.get(i)).onSuccess(v -> {
                            if (done.compareAndSet(index, 0, 1)) {
                                acked.incrementAndGet();
                            }
                        }));
                    }
                }
                Future.all(acks).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                sinceHop += end - next;
                next = end;
                Thread.sleep(pauseMs);
            } catch (Exception e) {
                if (station != null) {
                    station.close();
                }
                station = null;
                member = (member + 1) % mqttPorts.length;
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
