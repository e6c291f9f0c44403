package org.bikeguard.sim.engine;

import java.util.Arrays;

/**
 * A pool of open presences: one emitter within one station's radius, from its first beacon
 * there ({@code enter}) to its latest ({@code last}), with the reads the station sent for it
 * and, in aggregated mode, the entry being accumulated for the current interval. Records are
 * recycled through a free list; each emitter links its open records through {@code next}.
 *
 * <p>Layout: one {@code long[]} with {@value #STRIDE} longs (64 bytes) per record, so a record
 * costs one or two cache misses instead of one per field (this pool is touched at every beacon
 * of every tag in range, about 10<sup>5</sup> records in Hengyang):
 * <pre>
 *   0 last      1 enter      2 reads      3 aggTs      4 aggInterval
 *   5 station &lt;&lt; 32 | next
 *   6 emitter &lt;&lt; 32 | (antenna + 1) &lt;&lt; 25 | seen &lt;&lt; 24 | aggPeak &lt;&lt; 16 | aggCount
 *   7 float bits of prob &lt;&lt; 32 | float bits of meanRssi
 * </pre>
 *
 * <p>Units: epoch ms UTC (true time for enter/last, station time for the aggregate), dBm.
 * Not thread-safe: the simulation thread only.
 */
final class Presences {
    static final int STRIDE = 8;
    private static final long LOW = 0xFFFF_FFFFL;

    private long[] r;
    private int free = -1;
    private int size;
    private int open;

    Presences(int capacity) {
        r = new long[Math.max(64, capacity) * STRIDE];
    }

    /** Opens a record for (emitter e, station s) entered at {@code t}; returns its index. */
    int open(int e, int s, long t) {
        int p;
        if (free >= 0) {
            p = free;
            free = next(p);
        } else {
            if ((size + 1) * STRIDE > r.length) {
                r = Arrays.copyOf(r, r.length * 2);
            }
            p = size++;
        }
        int b = p * STRIDE;
        r[b] = t;
        r[b + 1] = t;
        r[b + 2] = 0;
        r[b + 3] = 0;
        r[b + 4] = Long.MIN_VALUE;
        r[b + 5] = ((long) s << 32) | (-1 & LOW);
        r[b + 6] = (long) e << 32;
        r[b + 7] = 0;
        open++;
        return p;
    }

    /** Returns record {@code p} to the pool (already unlinked from its emitter). */
    void release(int p) {
        setNext(p, free);
        free = p;
        open--;
    }

    /** Number of open records. */
    int open() {
        return open;
    }

    long last(int p) {
        return r[p * STRIDE];
    }

    void setLast(int p, long t) {
        r[p * STRIDE] = t;
    }

    long enter(int p) {
        return r[p * STRIDE + 1];
    }

    long reads(int p) {
        return r[p * STRIDE + 2];
    }

    void addRead(int p) {
        r[p * STRIDE + 2]++;
    }

    void addReads(int p, long n) {
        r[p * STRIDE + 2] += n;
    }

    long aggTs(int p) {
        return r[p * STRIDE + 3];
    }

    long aggInterval(int p) {
        return r[p * STRIDE + 4];
    }

    int station(int p) {
        return (int) (r[p * STRIDE + 5] >> 32);
    }

    int next(int p) {
        return (int) r[p * STRIDE + 5];
    }

    void setNext(int p, int n) {
        int b = p * STRIDE + 5;
        r[b] = (r[b] & ~LOW) | (n & LOW);
    }

    int emitter(int p) {
        return (int) (r[p * STRIDE + 6] >> 32);
    }

    boolean seen(int p) {
        return (r[p * STRIDE + 6] & (1L << 24)) != 0;
    }

    void setSeen(int p, boolean seen) {
        int b = p * STRIDE + 6;
        r[b] = seen ? r[b] | (1L << 24) : r[b] & ~(1L << 24);
    }

    /** Antenna (0..15) of the zone the tag is in at an antenna reader, -1 for a reader without. */
    int antenna(int p) {
        return (int) ((r[p * STRIDE + 6] >>> 25) & 0x1F) - 1;
    }

    void setAntenna(int p, int antenna) {
        int b = p * STRIDE + 6;
        r[b] = (r[b] & ~(0x1FL << 25)) | ((long) (antenna + 1) << 25);
    }

    int aggCount(int p) {
        return (int) (r[p * STRIDE + 6] & 0xFFFF);
    }

    /** Peak RSSI of the aggregate, dBm. */
    int aggPeak(int p) {
        return (byte) (r[p * STRIDE + 6] >>> 16);
    }

    /** Adds one read at station time {@code when} in {@code interval} with {@code rssi} dBm. */
    void aggregate(int p, long when, long interval, int rssi) {
        int b = p * STRIDE;
        long w = r[b + 6];
        int count = (int) (w & 0xFFFF);
        int peak = count == 0 ? rssi : Math.max(rssi, (byte) (w >>> 16));
        r[b + 6] = (w & ~0xFF_FFFFL) | ((long) (peak & 0xFF) << 16) | (count + 1);
        r[b + 3] = when;
        r[b + 4] = interval;
    }

    /** Empties the aggregate. */
    void clearAggregate(int p) {
        int b = p * STRIDE + 6;
        r[b] &= ~0xFF_FFFFL;
    }

    float prob(int p) {
        return Float.intBitsToFloat((int) (r[p * STRIDE + 7] >>> 32));
    }

    float meanRssi(int p) {
        return Float.intBitsToFloat((int) r[p * STRIDE + 7]);
    }

    void setRadio(int p, float prob, float meanRssi) {
        r[p * STRIDE + 7] = ((long) Float.floatToRawIntBits(prob) << 32) | (Float.floatToRawIntBits(meanRssi) & LOW);
    }
}
