package org.bikeguard.sim.engine;

import java.util.Arrays;

/**
 * A pool of open presences: one emitter within one station's radius, from its first beacon
 * there ({@code enter}) to its latest ({@code last}), with the reads the station sent for it
 * and, in aggregated mode, the entry being accumulated for the current interval. Records are
 * recycled through a free list; each emitter links its open records through {@code next}.
 *
 * <p>Units: epoch ms UTC (true time for enter/last, station time for the aggregate), dBm.
 * Not thread-safe: the simulation thread only.
 */
final class Presences {
    int[] emitter;
    int[] station;
    long[] enter;
    long[] last;
    long[] reads;
    /** Read probability and mean RSSI at the current distance. */
    float[] prob;
    float[] meanRssi;
    /** Aggregated entry being built: its interval, station-clock time of the latest read, count, peak. */
    long[] aggInterval;
    long[] aggTs;
    int[] aggCount;
    byte[] aggPeak;
    boolean[] seen;
    int[] next;
    private int free = -1;
    private int size;
    private int open;

    Presences(int capacity) {
        grow(Math.max(64, capacity));
    }

    private void grow(int n) {
        emitter = emitter == null ? new int[n] : Arrays.copyOf(emitter, n);
        station = station == null ? new int[n] : Arrays.copyOf(station, n);
        enter = enter == null ? new long[n] : Arrays.copyOf(enter, n);
        last = last == null ? new long[n] : Arrays.copyOf(last, n);
        reads = reads == null ? new long[n] : Arrays.copyOf(reads, n);
        prob = prob == null ? new float[n] : Arrays.copyOf(prob, n);
        meanRssi = meanRssi == null ? new float[n] : Arrays.copyOf(meanRssi, n);
        aggInterval = aggInterval == null ? new long[n] : Arrays.copyOf(aggInterval, n);
        aggTs = aggTs == null ? new long[n] : Arrays.copyOf(aggTs, n);
        aggCount = aggCount == null ? new int[n] : Arrays.copyOf(aggCount, n);
        aggPeak = aggPeak == null ? new byte[n] : Arrays.copyOf(aggPeak, n);
        seen = seen == null ? new boolean[n] : Arrays.copyOf(seen, n);
        next = next == null ? new int[n] : Arrays.copyOf(next, n);
    }

    /** Opens a record for (emitter e, station s) entered at {@code t}; returns its index. */
    int open(int e, int s, long t) {
        int p;
        if (free >= 0) {
            p = free;
            free = next[p];
        } else {
            if (size == emitter.length) {
                grow(size * 2);
            }
            p = size++;
        }
        emitter[p] = e;
        station[p] = s;
        enter[p] = t;
        last[p] = t;
        reads[p] = 0;
        aggCount[p] = 0;
        aggInterval[p] = Long.MIN_VALUE;
        next[p] = -1;
        open++;
        return p;
    }

    /** Returns record {@code p} to the pool (already unlinked from its emitter). */
    void release(int p) {
        next[p] = free;
        free = p;
        open--;
    }

    /** Number of open records. */
    int open() {
        return open;
    }
}
