package org.bikeguard.sim.run;

import java.io.PrintStream;
import java.util.Locale;
import org.bikeguard.sim.engine.CitySimulation;
import org.bikeguard.sim.load.LogHistogram;
import org.bikeguard.sim.net.CityNetwork;
import org.bikeguard.sim.net.NetStats;

/**
 * Progress lines and the end-of-run summary of a city run. A progress line shows the simulated
 * time (Asia/Shanghai), reads heard and their rate per wall second, entries and frames, the
 * speed reached over the last interval, the lag behind schedule (simulated seconds the run is
 * late, 0 at maximum speed), tags in range, connections and ack latency. The summary ends with
 * {@code RESULT {json}}.
 *
 * <p>Not thread-safe: the runner's thread only.
 */
final class Progress {
    private final PrintStream out;
    private final CityOptions o;
    private final CityNetwork net;
    private final long everyNanos;
    private long next;
    private long lastNanos;
    private long wallStart;
    private CitySimulation.Stats last;
    private LogHistogram.Snapshot lastLatency = LogHistogram.Snapshot.empty();

    Progress(PrintStream out, CityOptions o, CityNetwork net) {
        this.out = out;
        this.o = o;
        this.net = net;
        this.everyNanos = o.progress().toNanos();
    }

    void start(CitySimulation sim, long wall0) {
        wallStart = wall0;
        lastNanos = wall0;
        last = sim.stats();
        next = wall0 + everyNanos;
    }

    void maybePrint(CitySimulation sim, long now, long wall0, long sim0) {
        if (now < next) {
            return;
        }
        next += everyNanos;
        if (next < now) {
            next = now + everyNanos;
        }
        CitySimulation.Stats s = sim.stats();
        double wall = (now - lastNanos) / 1e9;
        double speed = (s.now() - last.now()) / 1000.0 / wall;
        double lag = o.maxSpeed() ? 0 : Math.max(0, (now - wall0) / 1e6 * o.speed() - (s.now() - sim0)) / 1000.0;
        StringBuilder sb = new StringBuilder(256);
        sb.append(String.format(
                Locale.ROOT,
                "[city] sim %s | reads %,d (%,.0f/s) | entries %,d"
                        + " | frames %,d | speed %.1fx | lag %.1f s | in range %,d awake %,d",
                RunWindow.local(s.now()),
                s.reads(),
                (s.reads() - last.reads()) / wall,
                s.entries(),
                s.frames(),
                speed,
                lag,
                s.openPresences(),
                s.awake()));
        if (net != null) {
            NetStats n = net.stats();
            LogHistogram.Snapshot lat = n.ackLatency();
            LogHistogram.Snapshot d = lat.minus(lastLatency);
            lastLatency = lat;
            sb.append(String.format(
                    Locale.ROOT,
                    " | conns %d | acked %,d queued %,d | ack p50 %.1f" + " ms p99 %.1f ms",
                    n.connected(),
                    n.framesAcked(),
                    n.queuedFrames(),
                    d.quantile(0.5) / 1000.0,
                    d.quantile(0.99) / 1000.0));
        }
        if (s.offline() > 0) {
            sb.append(" | offline ").append(s.offline());
        }
        out.println(sb);
        out.flush();
        last = s;
        lastNanos = now;
    }

    void summary(CitySimulation sim, RunWindow w, boolean drained, boolean stopped) {
        CitySimulation.Stats s = sim.stats();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double simSeconds = (s.now() - w.start()) / 1000.0;
        double speedUp = simSeconds / wall;
        out.printf(Locale.ROOT, "%n=== city summary%s ===%n", stopped ? " (stopped early)" : "");
        row(
                "simulated",
                String.format(
                        Locale.ROOT,
                        "%s .. %s (%.0f s) in %.1f s wall:" + " speed-up %.1fx",
                        RunWindow.local(w.start()),
                        RunWindow.local(s.now()),
                        simSeconds,
                        wall,
                        speedUp));
        row(
                "reads heard / entries / frames",
                String.format(Locale.ROOT, "%,d / %,d / %,d", s.reads(), s.entries(), s.frames()));
        row("visits / thefts", String.format(Locale.ROOT, "%,d / %d", s.visits(), s.thefts()));
        long acked = 0;
        double p50 = 0;
        double p99 = 0;
        if (net != null) {
            NetStats n = net.stats();
            LogHistogram.Snapshot lat = n.ackLatency();
            acked = n.framesAcked();
            p50 = lat.quantile(0.5) / 1000.0;
            p99 = lat.quantile(0.99) / 1000.0;
            row(
                    "frames acked / unacked",
                    String.format(
                            Locale.ROOT,
                            "%,d / %,d%s",
                            acked,
                            n.queuedFrames(),
                            drained ? "" : " (NOT all acknowledged)"));
            row("entries / reads acked", String.format(Locale.ROOT, "%,d / %,d", n.entriesAcked(), n.countsAcked()));
            row("ack latency p50 / p99", String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p99));
            row(
                    "retransmits / lost conns / failed connects",
                    n.retransmits() + " / " + n.disconnects() + " / " + n.connectFailures());
        }
        out.println(String.format(
                Locale.ROOT,
                "RESULT {\"city\":\"%s\",\"simSeconds\":%.1f,"
                        + "\"wallSeconds\":%.3f,\"speedUp\":%.2f,\"reads\":%d,\"entries\":%d,"
                        + "\"frames\":%d,\"framesAcked\":%d,\"allAcked\":%b,\"visits\":%d,"
                        + "\"thefts\":%d,\"ackP50Ms\":%.3f,\"ackP99Ms\":%.3f,\"stopped\":%b}",
                o.spec().name(),
                simSeconds,
                wall,
                speedUp,
                s.reads(),
                s.entries(),
                s.frames(),
                acked,
                net == null || drained,
                s.visits(),
                s.thefts(),
                p50,
                p99,
                stopped));
        out.flush();
    }

    private void row(String name, String value) {
        out.printf(Locale.ROOT, "  %-42s %s%n", name, value);
    }
}
