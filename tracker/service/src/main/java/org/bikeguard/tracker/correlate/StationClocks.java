package org.bikeguard.tracker.correlate;

import java.util.Arrays;

/**
 * Computes the cut-offs for {@link SightingEngine#sweep(long[])}: per station, the newest read
 * time seen (event time, epoch ms UTC) and the wall time of its last read (ms). A station's
 * cut-off is {@code newest - gap} (event-time closure), or {@link Long#MAX_VALUE} once no read of
 * it has arrived for {@code gap} of wall time (silent station). Stations never seen get {@link
 * Long#MIN_VALUE} (nothing to close). Thread-safe (synchronized).
 */
public final class StationClocks {
    private final long gapMs;
    private long[] newest = new long[0];
    private long[] lastArrival = new long[0];

    /** Clocks for the given gap (ms, &gt; 0). */
    public StationClocks(long gapMs) {
        if (gapMs <= 0) {
            throw new IllegalArgumentException("gapMs must be > 0: " + gapMs);
        }
        this.gapMs = gapMs;
    }

    /** Records the reads of a batch that arrived at wall time {@code wallNowMs}. */
    public synchronized void observe(ReadBatch batch, long wallNowMs) {
        for (int i = 0; i < batch.size(); i++) {
            int s = batch.station(i);
            if (s >= newest.length) {
                grow(s + 1);
            }
            if (batch.ts(i) > newest[s]) {
                newest[s] = batch.ts(i);
            }
            lastArrival[s] = wallNowMs;
        }
    }

    private void grow(int min) {
        int n = Math.max(min, newest.length * 2);
        int old = newest.length;
        newest = Arrays.copyOf(newest, n);
        lastArrival = Arrays.copyOf(lastArrival, n);
        Arrays.fill(newest, old, n, Long.MIN_VALUE);
        Arrays.fill(lastArrival, old, n, Long.MIN_VALUE);
    }

    /** The cut-offs at wall time {@code wallNowMs}, one per station index seen so far. */
    public synchronized long[] closeBefore(long wallNowMs) {
        long[] cut = new long[newest.length];
        for (int s = 0; s < cut.length; s++) {
            if (newest[s] == Long.MIN_VALUE) {
                cut[s] = Long.MIN_VALUE;
            } else if (wallNowMs - lastArrival[s] >= gapMs) {
                cut[s] = Long.MAX_VALUE;
            } else {
                cut[s] = newest[s] - gapMs;
            }
        }
        return cut;
    }
}
