package org.bikeguard.sim.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The end-of-run summary: a human-readable table and one machine-readable line
 * {@code RESULT {json}}. Rates are per second over the measured window only (warm-up
 * excluded); latencies in milliseconds; the {@code total*} fields and {@code inflightAtEnd} count
 * the whole run (warm-up and final drain included), for checks against the system under test.
 *
 * <p>Immutable; thread-safe.
 */
final class LoadReport {
    private final LoadOptions options;
    private final LoadStats.Snapshot start;
    private final LoadStats.Snapshot end;
    private final LoadStats.Snapshot finalState;

    LoadReport(LoadOptions options, LoadStats.Snapshot start, LoadStats.Snapshot end, LoadStats.Snapshot finalState) {
        this.options = options;
        this.start = start;
        this.end = end;
        this.finalState = finalState;
    }

    /** Prints the table and the RESULT line. */
    void print(PrintStream out) {
        double s = end.secondsSince(start);
        LogHistogram.Snapshot lat = end.latency().minus(start.latency());
        double entries = (end.ackedEntries() - start.ackedEntries()) / s;
        double counts = (end.ackedCounts() - start.ackedCounts()) / s;
        double frames = (end.ackedFrames() - start.ackedFrames()) / s;
        double sent = (end.sentEntries() - start.sentEntries()) / s;
        double p50 = lat.quantile(0.5) / 1000.0;
        double p99 = lat.quantile(0.99) / 1000.0;
        out.printf(Locale.ROOT, "%n=== load summary: %.1f s measured after %s warm-up ===%n", s, options.warmup());
        row(out, "acked entries/s", String.format(Locale.ROOT, "%,.0f", entries));
        row(out, "acked counts/s (raw reads)", String.format(Locale.ROOT, "%,.0f", counts));
        row(out, "acked frames/s", String.format(Locale.ROOT, "%,.0f", frames));
        row(out, "sent entries/s", String.format(Locale.ROOT, "%,.0f", sent));
        row(out, "ack latency p50 / p99", String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p99));
        row(
                out,
                "connections up / failed / lost",
                end.connected() + " / " + finalState.failedConnections() + " / " + finalState.disconnects());
        row(
                out,
                "ack timeouts / publish errors",
                (end.timeouts() - start.timeouts()) + " / " + (end.publishErrors() - start.publishErrors()));
        row(out, "in flight at end of window", Long.toString(end.inflight()));
        out.println(result(entries, counts, frames, p50, p99, s));
        out.flush();
    }

    /** The RESULT line. */
    String result(double entries, double counts, double frames, double p50, double p99, double seconds) {
        return String.format(
                Locale.ROOT,
                "RESULT {\"ackedEntriesPerSec\":%.1f,"
                        + "\"ackedCountsPerSec\":%.1f,\"framesPerSec\":%.1f,\"p50Ms\":%.3f,"
                        + "\"p99Ms\":%.3f,\"connections\":%d,\"failedConnections\":%d,"
                        + "\"seconds\":%.3f,\"sentEntriesPerSec\":%.1f,\"timeouts\":%d,"
                        + "\"disconnects\":%d,\"totalSentEntries\":%d,\"totalAckedFrames\":%d,"
                        + "\"totalAckedEntries\":%d,\"totalAckedCounts\":%d,\"totalTimeouts\":%d,"
                        + "\"totalPublishErrors\":%d,\"inflightAtEnd\":%d}",
                entries,
                counts,
                frames,
                p50,
                p99,
                end.connected(),
                finalState.failedConnections(),
                seconds,
                (end.sentEntries() - start.sentEntries()) / seconds,
                end.timeouts() - start.timeouts(),
                finalState.disconnects(),
                finalState.sentEntries(),
                finalState.ackedFrames(),
                finalState.ackedEntries(),
                finalState.ackedCounts(),
                finalState.timeouts(),
                finalState.publishErrors(),
                finalState.inflight());
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-32s %s%n", name, value);
    }
}
