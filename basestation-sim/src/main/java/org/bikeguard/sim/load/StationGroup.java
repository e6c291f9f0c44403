package org.bikeguard.sim.load;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stations served by one event loop: opens their connections at the run's connect rate
 * (a station gives up after {@value #MAX_CONNECT_FAILURES} failed first attempts; one that was
 * connected retries without end, 1 to 5 s apart with jitter, as through an outage), then publishes frames either as fast as acknowledgements allow (each freed window slot is
 * refilled at once) or paced by a token bucket at this group's share of the target rate.
 *
 * <p>Not thread-safe: all state is confined to the verticle's event loop; the runner talks
 * to it only through {@link LoadControl} and undeployment.
 */
final class StationGroup extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(StationGroup.class);
    private static final long TICK_MS = 5;
    private static final int MAX_CONNECT_FAILURES = 3;
    private static final long RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 5000;
    private final java.util.SplittableRandom jitter = new java.util.SplittableRandom();

    final LoadStats stats;
    private final LoadOptions options;
    private final LoadControl control;
    private final int[] indexes;
    private final long seqBase;
    private final int groupNo;
    private final double framesPerSecond;
    private StationConnection[] stations;
    private FrameGenerator generator;
    private int nextToConnect;
    private int cursor;
    private double tokens;
    private long lastTickNanos;
    private long lastSweepNanos;
    private final ArrayDeque<StationConnection> refill = new ArrayDeque<>();
    private boolean refillScheduled;

    /**
     * @param indexes global station numbers served by this group, ascending
     * @param seqBase run start in epoch ms (sequence numbers are seqBase &times; 1000 + n)
     */
    StationGroup(int groupNo, int[] indexes, LoadOptions options, LoadStats stats, LoadControl control, long seqBase) {
        this.groupNo = groupNo;
        this.indexes = indexes;
        this.options = options;
        this.stats = stats;
        this.control = control;
        this.seqBase = seqBase;
        this.framesPerSecond = options.rate() * indexes.length / options.stations() / options.entries();
    }

    @Override
    public Future<?> start() {
        TagSpace space = new TagSpace(options.tags(), options.stations());
        stations = new StationConnection[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            String id = options.stationId(indexes[i]);
            stations[i] = new StationConnection(
                    this,
                    id,
                    StationSecrets.secret(options.secretSeed(), id),
                    space.pool(indexes[i]),
                    seqBase,
                    options.inflight());
        }
        generator =
                new FrameGenerator(options.entries(), options.aggregated(), seqBase * 31 + groupNo, options.antennas());
        lastTickNanos = System.nanoTime();
        vertx.setPeriodic(TICK_MS, id -> tick());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> all = new ArrayList<>();
        for (StationConnection s : stations) {
            all.add(s.disconnect());
        }
        return Future.join(all);
    }

    private void tick() {
        long now = System.nanoTime();
        while (nextToConnect < stations.length && dueNanos(indexes[nextToConnect]) <= now) {
            connect(stations[nextToConnect++]);
        }
        if (framesPerSecond > 0 && control.sending) {
            pace(now);
        }
        if (now - lastSweepNanos > 1_000_000_000L && control.sending) {
            lastSweepNanos = now;
            sweep();
        }
        lastTickNanos = now;
    }

    private long dueNanos(int globalIndex) {
        return control.startNanos + (long) (globalIndex / options.connectRate() * 1e9);
    }

    private void connect(StationConnection s) {
        if (control.stopping) {
            settle(s);
            return;
        }
        s.connect(vertx, options).onComplete(ar -> {
            if (ar.succeeded()) {
                s.failures = 0;
                s.everConnected = true;
                stats.connected.incrementAndGet();
                settle(s);
                if (framesPerSecond == 0) {
                    fill(s);
                }
                return;
            }
            stats.failedConnections.increment();
            s.failures++;
            LOG.debug("station {}: connect failed: {}", s.id, ar.cause().toString());
            if (s.everConnected && !control.stopping) {
                // A station that was up keeps trying, as a real one does through an outage:
                // 1 s, 2 s, ... up to 5 s apart, spread by +-50 % so that they do not return in step.
                long backoff = Math.min(MAX_RETRY_MS, RETRY_MS * s.failures);
                vertx.setTimer(Math.max(1, (long) (backoff * (0.5 + jitter.nextDouble()))), t -> connect(s));
            } else if (s.failures < MAX_CONNECT_FAILURES) {
                vertx.setTimer(RETRY_MS * s.failures, t -> connect(s));
            } else {
                if (!s.settled) {
                    LOG.warn(
                            "station {}: giving up after {} failed connection attempts: {}",
                            s.id,
                            s.failures,
                            ar.cause().toString());
                }
                settle(s);
            }
        });
    }

    private void settle(StationConnection s) {
        if (!s.settled) {
            s.settled = true;
            control.settled.incrementAndGet();
        }
    }

    /** Called by a station whose connection dropped with {@code lost} frames pending. */
    void onClosed(StationConnection s, int lost) {
        stats.inflight.add(-lost);
        stats.connected.decrementAndGet();
        if (!control.stopping) {
            stats.disconnects.increment();
            LOG.debug("station {}: connection lost, {} frames unacknowledged", s.id, lost);
            vertx.setTimer(RETRY_MS, t -> connect(s));
        }
    }

    /**
     * Called by a station after an ack or a timeout freed a window slot. In unlimited mode
     * the station is refilled from a task on the event loop, never from inside the
     * completion callback: a QoS 0 write can complete synchronously, and refilling inline
     * would recurse without ever yielding the event loop.
     */
    void onSlotFree(StationConnection s) {
        if (framesPerSecond != 0 || !control.sending) {
            return;
        }
        refill.add(s);
        if (!refillScheduled) {
            refillScheduled = true;
            context.runOnContext(v -> drainRefill());
        }
    }

    private void drainRefill() {
        refillScheduled = false;
        StationConnection s;
        while ((s = refill.poll()) != null) {
            fill(s);
        }
    }

    /** Unlimited mode safety net: refill stations whose slots were freed by errors. */
    private void sweep() {
        if (framesPerSecond == 0) {
            for (StationConnection s : stations) {
                fill(s);
            }
        }
    }

    private void fill(StationConnection s) {
        while (control.sending && s.hasCapacity()) {
            sendOne(s);
        }
    }

    private void pace(long now) {
        // Up to one second of backlog: a late tick (CPU contention, GC) is caught up, not lost.
        double cap = Math.max(2.0, framesPerSecond);
        tokens = Math.min(cap, tokens + framesPerSecond * (now - lastTickNanos) / 1e9);
        int n = stations.length;
        while (tokens >= 1) {
            StationConnection s = null;
            for (int k = 0; k < n; k++) {
                StationConnection c = stations[(cursor + k) % n];
                if (c.hasCapacity()) {
                    s = c;
                    cursor = (cursor + k + 1) % n;
                    break;
                }
            }
            if (s == null) {
                return;
            }
            sendOne(s);
            tokens -= 1;
        }
    }

    private void sendOne(StationConnection s) {
        Frame f = generator.next(s.id, s.nextSeq(), s.pool, System.currentTimeMillis());
        byte[] payload = FrameGenerator.encode(f, options.json());
        s.publish(Buffer.buffer(payload), f.size(), f.totalCount(), options.qos());
    }
}
