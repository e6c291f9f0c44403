package org.bikeguard.sim.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a load run, shared by all event loops. Entries are read entries of frames;
 * counts are the sum of the entries' {@code count} (raw reads they stand for); latency is
 * the time from publish to PUBACK (QoS 1) or to the write completing (QoS 0), in
 * microseconds.
 *
 * <p>Thread-safe: writers use {@link LongAdder}s and a lock-free histogram; {@link #snapshot()}
 * may run concurrently with them.
 */
public final class LoadStats {
    final LongAdder sentFrames = new LongAdder();
    final LongAdder sentEntries = new LongAdder();
    final LongAdder ackedFrames = new LongAdder();
    final LongAdder ackedEntries = new LongAdder();
    final LongAdder ackedCounts = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder publishErrors = new LongAdder();
    final LongAdder failedConnections = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    final LongAdder inflight = new LongAdder();
    final LogHistogram latencyMicros = new LogHistogram();

    /** Records an acknowledged frame and its latency. */
    void acked(int entries, long counts, long latencyNanos) {
        ackedFrames.increment();
        ackedEntries.add(entries);
        ackedCounts.add(counts);
        inflight.decrement();
        latencyMicros.record(latencyNanos / 1000);
    }

    /** A point-in-time copy of every counter. */
    public Snapshot snapshot() {
        return new Snapshot(
                System.nanoTime(),
                sentFrames.sum(),
                sentEntries.sum(),
                ackedFrames.sum(),
                ackedEntries.sum(),
                ackedCounts.sum(),
                timeouts.sum(),
                publishErrors.sum(),
                failedConnections.sum(),
                disconnects.sum(),
                connected.get(),
                inflight.sum(),
                latencyMicros.snapshot());
    }

    /**
     * Counter values at one instant.
     *
     * @param nanos {@link System#nanoTime()} when taken
     * @param sentFrames frames published
     * @param sentEntries entries published
     * @param ackedFrames frames acknowledged
     * @param ackedEntries entries acknowledged
     * @param ackedCounts sum of counts acknowledged
     * @param timeouts frames not acknowledged within the ack timeout
     * @param publishErrors publishes that failed locally
     * @param failedConnections failed connection attempts
     * @param disconnects connections lost after being established
     * @param connected connections currently up
     * @param inflight frames published and not yet acknowledged
     * @param latency ack latency histogram, microseconds
     */
    public record Snapshot(
            long nanos,
            long sentFrames,
            long sentEntries,
            long ackedFrames,
            long ackedEntries,
            long ackedCounts,
            long timeouts,
            long publishErrors,
            long failedConnections,
            long disconnects,
            int connected,
            long inflight,
            LogHistogram.Snapshot latency) {

        /** Seconds between {@code earlier} and this snapshot. */
        public double secondsSince(Snapshot earlier) {
            return (nanos - earlier.nanos) / 1e9;
        }
    }
}
