package org.bikeguard.tracker.correlate;

import java.util.Arrays;

/**
 * The one closure rule: the cut-offs for {@link SightingEngine#sweep(long[])}. Per station it keeps
 * the newest read time seen (event time, epoch ms UTC) and when its last frame arrived (wall time,
 * ms). A station's cut-off is {@code newest - gap} (event-time closure), or {@link Long#MAX_VALUE}
 * once nothing of it has arrived for {@code gap} of wall time (a silent station); a station never
 * heard gets {@link Long#MIN_VALUE} (nothing to close). Arrivals count from {@code notBeforeMs} at
 * the earliest, so that after a start no station is silent before it had {@code gap} to speak.
 * Not thread-safe: confined to one thread (the tracker's applier, or a test's driver).
 */
public final class StationClocks {
    private final long gapMs;
    private final long notBeforeMs;
    private long[] newest = new long[0];
    private long[] lastArrival = new long[0];

    /** Clocks for the given gap (ms, &gt; 0), counting silence from any time. */
    public StationClocks(long gapMs) {
        this(gapMs, Long.MIN_VALUE);
    }

    /** Clocks for the given gap (ms, &gt; 0) whose silence counts from {@code notBeforeMs} (wall ms) at the earliest. */
    public StationClocks(long gapMs, long notBeforeMs) {
        if (gapMs <= 0) {
            throw new IllegalArgumentException("gapMs must be > 0: " + gapMs);
        }
        this.gapMs = gapMs;
        this.notBeforeMs = notBeforeMs;
    }

    /** Records the reads of a batch that arrived at wall time {@code wallNowMs}. */
    public void observe(ReadBatch batch, long wallNowMs) {
        for (int i = 0; i < batch.size(); i++) {
            observe(batch.station(i), batch.ts(i), wallNowMs);
        }
    }

    /**
     * Records that a frame of {@code station} arrived at wall time {@code arrivalMs} with its newest
     * read at {@code newestTs} (event time; {@link Long#MIN_VALUE} when the frame had no read to apply).
     */
    public void observe(int station, long newestTs, long arrivalMs) {
        if (station >= newest.length) {
            grow(station + 1);
        }
        newest[station] = Math.max(newest[station], newestTs);
        lastArrival[station] = Math.max(lastArrival[station], arrivalMs);
    }

    private void grow(int min) {
        int n = Math.max(min, Math.max(64, newest.length * 2));
        int old = newest.length;
        newest = Arrays.copyOf(newest, n);
        lastArrival = Arrays.copyOf(lastArrival, n);
        Arrays.fill(newest, old, n, Long.MIN_VALUE);
        Arrays.fill(lastArrival, old, n, Long.MIN_VALUE);
    }

    /** Newest read time per station index (event time, ms; {@link Long#MIN_VALUE}: never heard); a copy. */
    public long[] newestTimes() {
        return newest.clone();
    }

    /** When each station's last frame arrived (wall ms; {@link Long#MIN_VALUE}: never); a copy. */
    public long[] lastArrivals() {
        return lastArrival.clone();
    }

    /**
     * Takes in another member's clocks (arrays as from {@link #newestTimes()} and {@link
     * #lastArrivals()}): per station the later of both, so a station heard by any member is heard.
     */
    public void merge(long[] otherNewest, long[] otherArrivals) {
        int n = Math.min(otherNewest.length, otherArrivals.length);
        if (n > newest.length) {
            grow(n);
        }
        for (int s = 0; s < n; s++) {
            newest[s] = Math.max(newest[s], otherNewest[s]);
            lastArrival[s] = Math.max(lastArrival[s], otherArrivals[s]);
        }
    }

    /** The cut-offs at wall time {@code wallNowMs}, one per station index seen so far. */
    public long[] closeBefore(long wallNowMs) {
        long[] cut = new long[newest.length];
        for (int s = 0; s < cut.length; s++) {
            if (newest[s] == Long.MIN_VALUE) {
                cut[s] = Long.MIN_VALUE;
            } else if (wallNowMs - Math.max(lastArrival[s], notBeforeMs) >= gapMs) {
                cut[s] = Long.MAX_VALUE;
            } else {
                cut[s] = newest[s] - gapMs;
            }
        }
        return cut;
    }
}
