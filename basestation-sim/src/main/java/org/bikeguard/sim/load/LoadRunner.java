package org.bikeguard.sim.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load test: optional provisioning, connecting every station at the connect rate,
 * warm-up, the measured window, a short drain, then the report ({@link LoadReport}).
 *
 * <p>Prints progress every {@value #PROGRESS_S} s and, around the measured window, the lines
 * {@code MARK measure-start <epochMs>} and {@code MARK measure-end <epochMs>} so that a
 * driving script can sample the system under test at the same instants.
 *
 * <p>Drive from one thread; the work itself runs on {@code eventLoops} Vert.x event loops.
 */
public final class LoadRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRunner.class);
    static final int PROGRESS_S = 5;
    private static final long DRAIN_MS = 10_000;

    private final LoadOptions options;
    private final PrintStream out;
    private final LoadStats stats = new LoadStats();

    /** A runner that prints progress and the report to {@code out}. */
    public LoadRunner(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the test.
     *
     * @return process exit code: 0 when frames were acknowledged in the measured window,
     *     1 otherwise
     */
    public int run() throws Exception {
        out.println("load: " + options.describe());
        if (options.provision() && !provision()) {
            return 1;
        }
        if (options.provisionOnly()) {
            return 0;
        }
        long seqBase = System.currentTimeMillis();
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(options.eventLoops()).setWorkerPoolSize(2));
        try {
            LoadControl control = new LoadControl(System.nanoTime() + 100_000_000L);
            List<String> deployments = deploy(vertx, control, seqBase);
            if (!connect(control)) {
                return 1;
            }
            phase("warm-up", options.warmup(), stats.snapshot());
            LoadStats.Snapshot start = stats.snapshot();
            out.println("MARK measure-start " + System.currentTimeMillis());
            phase("measure", options.duration(), start);
            LoadStats.Snapshot end = stats.snapshot();
            out.println("MARK measure-end " + System.currentTimeMillis());
            out.flush();
            stop(vertx, control, deployments);
            new LoadReport(options, start, end, stats.snapshot()).print(out);
            return end.ackedFrames() > start.ackedFrames() ? 0 : 1;
        } finally {
            await(vertx.close(), 15_000);
        }
    }

    private boolean provision() {
        String pw = System.getenv("BIKEGUARD_ADMIN_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            out.println("load: --provision needs the admin password in env" + " BIKEGUARD_ADMIN_PASSWORD");
            return false;
        }
        long t0 = System.nanoTime();
        try {
            int n = new Provisioner(options, pw).provision();
            out.printf(
                    Locale.ROOT,
                    "load: provisioned %d stations via %s in %.1f s%n",
                    n,
                    options.api(),
                    (System.nanoTime() - t0) / 1e9);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.println("load: provisioning failed: " + e.getMessage());
            LOG.debug("provisioning failed", e);
            return false;
        }
    }

    private List<String> deploy(Vertx vertx, LoadControl control, long seqBase) throws Exception {
        int groups = Math.min(options.eventLoops(), options.stations());
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int size = (options.stations() - g + groups - 1) / groups;
            int[] idx = new int[size];
            for (int k = 0; k < size; k++) {
                idx[k] = g + k * groups;
            }
            StationGroup group = new StationGroup(g, idx, options, stats, control, seqBase);
            ids.add(await(vertx.deployVerticle(group, new DeploymentOptions()), 30_000));
        }
        return ids;
    }

    /** Waits until every station has connected or given up; false if none connected. */
    private boolean connect(LoadControl control) throws InterruptedException {
        long limit = System.nanoTime() + (long) ((options.stations() / options.connectRate() + 60) * 1e9);
        LoadStats.Snapshot last = stats.snapshot();
        long nextReport = System.nanoTime() + PROGRESS_S * 1_000_000_000L;
        while (control.settled.get() < options.stations() && System.nanoTime() < limit) {
            Thread.sleep(50);
            if (System.nanoTime() >= nextReport) {
                LoadStats.Snapshot now = stats.snapshot();
                progress("connect", now, last);
                last = now;
                nextReport += PROGRESS_S * 1_000_000_000L;
            }
        }
        LoadStats.Snapshot s = stats.snapshot();
        out.printf(
                Locale.ROOT,
                "load: %d/%d stations connected (%d failed attempts) in %.1f s%n",
                s.connected(),
                options.stations(),
                s.failedConnections(),
                (System.nanoTime() - control.startNanos) / 1e9);
        if (s.connected() == 0) {
            out.println("load: no station could connect to " + options.host() + ":" + options.port()
                    + " - is the broker up and are the stations provisioned?");
            return false;
        }
        return true;
    }

    /** Sleeps for {@code d}, printing progress every few seconds. */
    private void phase(String name, Duration d, LoadStats.Snapshot from) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        LoadStats.Snapshot last = from;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, PROGRESS_S * 1_000_000_000L));
            LoadStats.Snapshot now = stats.snapshot();
            if (now.secondsSince(last) >= PROGRESS_S - 0.5 || end - System.nanoTime() <= 0) {
                progress(name, now, last);
                last = now;
            }
        }
    }

    private void progress(String phase, LoadStats.Snapshot now, LoadStats.Snapshot prev) {
        double s = Math.max(1e-9, now.secondsSince(prev));
        LogHistogram.Snapshot lat = now.latency().minus(prev.latency());
        out.printf(
                Locale.ROOT,
                "[%-7s] conns %d (failed %d, lost %d) | sent %d frames, %,.0f"
                        + " entries/s | acked %,.0f entries/s, %,.0f frames/s | in flight %d"
                        + " | ack p50 %.1f ms p99 %.1f ms%n",
                phase,
                now.connected(),
                now.failedConnections(),
                now.disconnects(),
                now.sentFrames(),
                (now.sentEntries() - prev.sentEntries()) / s,
                (now.ackedEntries() - prev.ackedEntries()) / s,
                (now.ackedFrames() - prev.ackedFrames()) / s,
                now.inflight(),
                lat.quantile(0.5) / 1000.0,
                lat.quantile(0.99) / 1000.0);
        out.flush();
    }

    /**
     * Stops new frames, waits for outstanding acks while they keep coming (gives up after
     * {@value #DRAIN_MS} ms without one), then disconnects everyone.
     */
    private void stop(Vertx vertx, LoadControl control, List<String> deployments) throws InterruptedException {
        control.sending = false;
        long settled = stats.ackedFrames.sum() + stats.timeouts.sum();
        long quietSince = System.nanoTime();
        while (stats.inflight.sum() > 0 && System.nanoTime() - quietSince < DRAIN_MS * 1_000_000L) {
            Thread.sleep(20);
            long now = stats.ackedFrames.sum() + stats.timeouts.sum();
            if (now != settled) {
                settled = now;
                quietSince = System.nanoTime();
            }
        }
        control.stopping = true;
        for (String id : deployments) {
            try {
                await(vertx.undeploy(id), 10_000);
            } catch (Exception e) {
                LOG.debug("undeploy {} failed", id, e);
            }
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
