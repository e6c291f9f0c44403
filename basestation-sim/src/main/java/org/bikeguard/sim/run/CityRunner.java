package org.bikeguard.sim.run;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.engine.CitySimulation;
import org.bikeguard.sim.engine.FrameSink;
import org.bikeguard.sim.engine.SimConfig;
import org.bikeguard.sim.load.StationSecrets;
import org.bikeguard.sim.net.CityNetwork;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * Runs the city: generates it, writes the exports, provisions it, connects every station,
 * then drives the {@link CitySimulation} against the wall clock at the requested speed
 * (backing off when the tracker acknowledges more slowly than frames are made), printing
 * progress; at the end (or on SIGTERM) it closes every visit, waits for the outstanding
 * acknowledgements and prints a summary with a machine-readable {@code RESULT {json}} line.
 *
 * <p>Drive from one thread.
 */
public final class CityRunner {
    private static final long MAX_QUEUED_BYTES = 64L << 20;
    private static final long DRAIN_MS = 120_000;
    private static final long STOP_DRAIN_MS = 8_000;

    private final CityOptions o;
    private final PrintStream out;
    private final String adminPassword;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stop;
    private CityNetwork net;
    private CitySimulation sim;
    private RunWindow window;
    private Progress progress;

    /** A runner printing to {@code out}; the admin password comes from BIKEGUARD_ADMIN_PASSWORD. */
    public CityRunner(CityOptions options, PrintStream out) {
        this(options, out, System.getenv("BIKEGUARD_ADMIN_PASSWORD"));
    }

    /** A runner printing to {@code out} that provisions with the given admin password. */
    public CityRunner(CityOptions options, PrintStream out, String adminPassword) {
        this(options, out, adminPassword, Clock.systemUTC());
    }

    /**
     * A runner on a given clock.
     *
     * @param clock the "now" the simulated window is resolved against ({@link RunWindow}): it must
     *              be the tracker's clock, so that no read is stamped ahead of it. Pacing at a
     *              finite speed still follows real time.
     */
    public CityRunner(CityOptions options, PrintStream out, String adminPassword, Clock clock) {
        this.o = options;
        this.out = out;
        this.adminPassword = adminPassword;
        this.clock = clock;
    }

    /** Asks a running {@link #run()} to stop soon (as SIGTERM does) and waits for it, briefly. */
    public void stop(long waitMs) {
        stop = true;
        try {
            finished.await(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the city.
     *
     * @return exit code: 0 when every frame was acknowledged (or a dry run), 1 otherwise
     */
    public int run() throws Exception {
        Thread hook = new Thread(() -> stop(STOP_DRAIN_MS + 12_000), "city-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runCity();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (SIGTERM): the hook is running
            }
        }
    }

    private int runCity() throws Exception {
        long bootMs = System.currentTimeMillis(); // the stations' boot time, for their seq numbers only
        window = RunWindow.resolve(o, clock.millis());
        long t0 = System.nanoTime();
        City city = CityGenerator.generate(
                o.spec(),
                o.seed(),
                o.stationPrefix(),
                java.time.Instant.ofEpochMilli(window.start())
                        .atZone(RunWindow.SHANGHAI)
                        .toLocalDate(),
                org.bikeguard.sim.city.NoGoZones.countFor(o.zoneParking()),
                o.signalControllers());
        out.printf(
                Locale.ROOT,
                "city: %s, seed %d, generated in %.1f s%n",
                o.spec().describe(),
                o.seed(),
                (System.nanoTime() - t0) / 1e9);
        out.printf(
                Locale.ROOT,
                "city: simulating %s .. %s at %s%n",
                RunWindow.local(window.start()),
                o.endless() ? "(endless)" : RunWindow.local(window.end()),
                o.maxSpeed() ? "maximum speed" : "speed " + o.speed());
        export(city);
        if (o.provision() && !provision(city)) {
            return 1;
        }
        FrameSink sink = (s, p, e, c) -> {};
        if (!o.dryRun()) {
            net = connect(city);
            if (net == null) {
                return 1;
            }
            sink = net;
        }
        if (o.start() == null && !(o.speed() > 1)) {
            // a live run starts when the stations are connected, not when the command started:
            // generating, provisioning and connecting take seconds, and simulated time must be
            // wall time (reads stamped "now", latencies measurable against the tracker's clock)
            window = RunWindow.resolve(o, clock.millis());
        }
        try (TruthWriter truth = truthWriter()) {
            SimConfig cfg = new SimConfig(
                    window.start(),
                    window.end(),
                    o.aggregated(),
                    o.interval().toMillis(),
                    o.entries(),
                    o.json(),
                    o.flushMs(),
                    o.thefts(),
                    o.clones(),
                    o.tampers(),
                    o.outages(),
                    o.gap().toMillis(),
                    o.gangs(),
                    o.dens(),
                    o.violations(),
                    o.zoneParking());
            sim = new CitySimulation(city, cfg, sink, truth, bootMs);
            sim.init();
            progress = new Progress(out, o, net);
            loop(truth);
            sim.finish();
            boolean drained = drain();
            progress.summary(sim, window, drained, stop);
            return o.dryRun() || drained ? 0 : 1;
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private void export(City city) throws IOException {
        if (o.exportDir() != null) {
            Exports.all(city, o.secretSeed(), Path.of(o.exportDir()));
            out.println("city: exports written to " + o.exportDir());
        }
        if (o.intersections() != null) {
            Exports.write(Path.of(o.intersections()), IntersectionExport.geoJson(city), false);
            out.println("city: intersections written to " + o.intersections());
        }
        if (o.basemap() != null) {
            Exports.write(Path.of(o.basemap()), Exports.baseMap(city), true);
            out.println("city: base map written to " + o.basemap());
        }
    }

    private boolean provision(City city) throws InterruptedException {
        String pw = adminPassword;
        if (pw == null || pw.isEmpty()) {
            out.println("city: --provision needs the admin password in env BIKEGUARD_ADMIN_PASSWORD");
            return false;
        }
        TrackerClient api = new TrackerClient(o.api(), "admin", pw, o.ca());
        CityProvisioner p = new CityProvisioner(city, api, o.secretSeed(), out);
        long t0 = System.nanoTime();
        try {
            int n = p.stations();
            out.printf(
                    Locale.ROOT,
                    "city: provisioned %d stations via %s in %.1f s%n",
                    n,
                    o.api(),
                    (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            out.println("city: provisioning the stations failed: " + e.getMessage());
            return false;
        }
        try {
            int n = p.intersections();
            out.printf(Locale.ROOT, "city: provisioned %d intersections (antenna zones, fixed-time plans)%n", n);
        } catch (IOException e) {
            out.println("city: provisioning the intersections failed: " + e.getMessage());
            return false;
        }
        try {
            int n = p.zones();
            if (n > 0) {
                out.printf(Locale.ROOT, "city: provisioned %d no-go zones (one reader each)%n", n);
            }
        } catch (IOException e) {
            out.println("city: provisioning the no-go zones failed: " + e.getMessage());
            return false;
        }
        try {
            new DemoAccounts(city, api, out).provision(o.exportDir());
        } catch (IOException e) {
            out.println("city: installation points and demo accounts not saved: " + e.getMessage());
        }
        if (o.provisionBikes() > 0) {
            Thread t = new Thread(
                    () -> {
                        try {
                            long t1 = System.nanoTime();
                            int n = p.registry(o.provisionBikes());
                            if (n > 0) {
                                out.printf(
                                        Locale.ROOT,
                                        "city: registered %d bikes and their owners in" + " %.1f s%n",
                                        n,
                                        (System.nanoTime() - t1) / 1e9);
                            }
                        } catch (IOException e) {
                            out.println("city: registering owners and bikes failed: " + e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "city-registry");
            t.setDaemon(true);
            t.start();
        }
        return true;
    }

    private CityNetwork connect(City city) throws InterruptedException {
        int n = city.stations().count();
        String[] ids = new String[n];
        String[] secrets = new String[n];
        for (int s = 0; s < n; s++) {
            ids[s] = city.stations().id(s);
            secrets[s] = StationSecrets.secret(o.secretSeed(), ids[s]);
        }
        CityNetwork network = new CityNetwork(o.host(), o.port(), ids, secrets, o.eventLoops(), o.inflight());
        long t0 = System.nanoTime();
        int up = network.connectAll(o.connectRate(), 60_000 + (long) (n / o.connectRate() * 1000));
        out.printf(
                Locale.ROOT,
                "city: %d/%d stations connected to %s:%d in %.1f s%n",
                up,
                n,
                o.host(),
                o.port(),
                (System.nanoTime() - t0) / 1e9);
        if (up == 0) {
            out.println("city: no station could connect - is the tracker up and are the stations"
                    + " provisioned (--provision)?");
            network.close();
            return null;
        }
        return network;
    }

    private TruthWriter truthWriter() throws IOException {
        if (o.truth() == null) {
            return TruthWriter.disabled();
        }
        Path p = Path.of(o.truth());
        if (p.toAbsolutePath().getParent() != null) {
            Files.createDirectories(p.toAbsolutePath().getParent());
        }
        return new TruthWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8));
    }

    /**
     * Steps the simulation, paced by the wall clock and held back by unacknowledged bytes. A paced run writes a
     * {@code pace} truth record first: simulated time {@code simStart} is wall time {@code wallStart} (epoch ms), and
     * simulated time runs {@code speed} times as fast, so latencies can be measured against the tracker's clock also
     * when the simulated window lies in the past.
     */
    private void loop(TruthWriter truth) {
        if (!o.maxSpeed() && truth.enabled()) {
            truth.begin("pace")
                    .time("simStart", sim.now())
                    .time("wallStart", clock.millis())
                    .field("speed", o.speed())
                    .end();
        }
        long wall0 = System.nanoTime();
        long sim0 = sim.now();
        long lastFlush = wall0;
        progress.start(sim, wall0);
        while (!sim.done() && !stop) {
            if (!o.maxSpeed()) {
                long target = wall0 + (long) ((sim.now() - sim0) / o.speed() * 1e6);
                long ahead = target - System.nanoTime();
                if (ahead > 2_000_000) {
                    LockSupport.parkNanos(ahead);
                }
            }
            while (net != null && net.stats().queuedBytes() > MAX_QUEUED_BYTES && !stop) {
                LockSupport.parkNanos(2_000_000);
                sim.flushDue(System.nanoTime());
            }
            sim.step();
            long now = System.nanoTime();
            if (now - lastFlush >= 20_000_000L) {
                sim.flushDue(now);
                lastFlush = now;
            }
            progress.maybePrint(sim, now, wall0, sim0);
        }
    }

    private boolean drain() throws InterruptedException {
        if (net == null) {
            return true;
        }
        boolean ok = net.drain(stop ? STOP_DRAIN_MS : DRAIN_MS);
        if (!ok) {
            out.println("city: " + net.stats().queuedFrames() + " frames were not acknowledged");
        }
        return ok;
    }
}
