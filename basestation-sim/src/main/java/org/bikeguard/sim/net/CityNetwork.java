package org.bikeguard.sim.net;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.bikeguard.sim.engine.FrameSink;

/**
 * The city's stations on the wire: one MQTT connection per station, authenticated as that
 * station, spread over a few Vert.x event loops ({@link LinkGroup}). Implements
 * {@link FrameSink} for the simulation thread.
 *
 * <p>Thread-safe: the sink methods may be called from the simulation thread while the event
 * loops run; {@link #stats()} from any thread.
 */
public final class CityNetwork implements FrameSink, AutoCloseable {
    private final Vertx vertx;
    private final LinkGroup[] groups;
    private final NetStats stats = new NetStats();
    private final int stations;
    private long order;

    /**
     * Deploys the links (not connected yet).
     *
     * @param ids station ids by index
     * @param secrets station secrets by index
     * @param window frames in flight per connection
     */
    public CityNetwork(String host, int port, String[] ids, String[] secrets, int eventLoops, int window)
            throws InterruptedException {
        this.stations = ids.length;
        int n = Math.max(1, Math.min(eventLoops, ids.length));
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(n).setWorkerPoolSize(1));
        groups = new LinkGroup[n];
        for (int g = 0; g < n; g++) {
            groups[g] = new LinkGroup(g, n, ids, secrets, host, port, window, stats);
            await(vertx.deployVerticle(groups[g], new DeploymentOptions()), 30_000);
        }
    }

    /**
     * Opens every station's connection at {@code perSecond} new connections a second and waits
     * until each has connected or failed once (they keep retrying in the background), at most
     * {@code timeoutMs}.
     *
     * @return stations connected
     */
    public int connectAll(double perSecond, long timeoutMs) throws InterruptedException {
        long t0 = System.nanoTime();
        for (int s = 0; s < stations; s++) {
            long due = t0 + (long) (s / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            groups[s % groups.length].control(s, LinkGroup.CONNECT);
        }
        long limit = System.nanoTime() + timeoutMs * 1_000_000L;
        while (stats.settled() < stations && System.nanoTime() < limit) {
            Thread.sleep(20);
        }
        return stats.connected();
    }

    @Override
    public void send(int station, byte[] payload, int entries, long counts) {
        stats.queuedFrames.incrementAndGet();
        stats.queuedBytes.addAndGet(payload.length);
        groups[station % groups.length].submit(new OutFrame(station, payload, entries, counts, order++));
    }

    @Override
    public void publish(int station, String topic, byte[] payload) {
        stats.queuedFrames.incrementAndGet();
        stats.queuedBytes.addAndGet(payload.length);
        groups[station % groups.length].submit(new OutFrame(station, payload, 0, 0, order++, topic));
    }

    @Override
    public void offline(int station) {
        groups[station % groups.length].control(station, LinkGroup.OFFLINE);
    }

    @Override
    public void online(int station) {
        groups[station % groups.length].control(station, LinkGroup.ONLINE);
    }

    /** Waits until every queued frame is acknowledged, at most {@code timeoutMs}; true if so. */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long limit = System.nanoTime() + timeoutMs * 1_000_000L;
        while (stats.queuedFrames() > 0 && System.nanoTime() < limit) {
            Thread.sleep(20);
        }
        return stats.queuedFrames() == 0;
    }

    /** The counters. */
    public NetStats stats() {
        return stats;
    }

    /** Disconnects every station and stops the event loops. */
    @Override
    public void close() throws InterruptedException {
        for (LinkGroup g : groups) {
            g.stopping = true;
        }
        try {
            await(vertx.close(), 15_000);
        } catch (IllegalStateException e) {
            // closing anyway
        }
    }

    private static <T> T await(Future<T> f, long timeoutMs) throws InterruptedException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
