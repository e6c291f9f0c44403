package org.bikeguard.sim.net;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The station links served by one event loop. The simulation thread hands it frames and
 * control commands through lock-free queues; one scheduled drain task per burst moves them to
 * the links on the event loop.
 *
 * <p>Thread-safe entry points: {@link #submit(OutFrame)} and {@link #control(int, int)}; all
 * other state is confined to the event loop.
 */
final class LinkGroup extends VerticleBase {
    static final int CONNECT = 0;
    static final int OFFLINE = 1;
    static final int ONLINE = 2;

    final NetStats stats;
    final String host;
    final int port;
    private final int groups;
    private final StationLink[] links;
    private final ConcurrentLinkedQueue<OutFrame> frames = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<int[]> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    volatile boolean stopping;

    /**
     * @param index this group's number; it serves stations {@code index, index + groups, ...}
     */
    LinkGroup(
            int index, int groups, String[] ids, String[] secrets, String host, int port, int window, NetStats stats) {
        this.stats = stats;
        this.host = host;
        this.port = port;
        this.groups = groups;
        int n = (ids.length - index + groups - 1) / groups;
        links = new StationLink[n];
        for (int k = 0; k < n; k++) {
            int s = index + k * groups;
            links[k] = new StationLink(this, ids[s], secrets[s], window);
        }
    }

    Vertx vertx() {
        return vertx;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        for (StationLink l : links) {
            l.stop();
        }
        return Future.succeededFuture();
    }

    /** Queues a frame (any thread). */
    void submit(OutFrame f) {
        frames.add(f);
        wake();
    }

    /** Queues a command for station {@code s} (any thread). */
    void control(int s, int command) {
        commands.add(new int[] {s, command});
        wake();
    }

    private void wake() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        int[] cmd;
        while ((cmd = commands.poll()) != null) {
            StationLink l = links[cmd[0] / groups];
            switch (cmd[1]) {
                case OFFLINE -> l.offline();
                case ONLINE -> l.online();
                default -> l.connect();
            }
        }
        OutFrame f;
        while ((f = frames.poll()) != null) {
            links[f.station / groups].enqueue(f);
        }
    }
}
