package org.bikeguard.sim.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small log-linear histogram of non-negative long values (the load generator records ack
 * latencies in microseconds). Each power of two is split into {@value #SUB_BUCKETS} linear
 * sub-buckets, so values below {@value #SUB_BUCKETS} are exact and larger ones are kept to
 * within 1/{@value #SUB_BUCKETS} (about 3 %) of their true value.
 *
 * <p>Thread-safe: {@link #record(long)} is lock-free and may be called from several threads;
 * {@link #snapshot()} copies the counts (a consistent-enough view while writers run).
 * Snapshots are immutable and can be subtracted to get the distribution of an interval.
 */
public final class LogHistogram {
    /** Linear sub-buckets per power of two. */
    public static final int SUB_BUCKETS = 32;

    private static final int SUB_BITS = 5;
    /** Number of buckets needed for every non-negative long. */
    static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one value; negative values are recorded as 0. */
    public void record(long value) {
        counts.incrementAndGet(bucketOf(Math.max(0, value)));
    }

    /** A copy of the current counts. */
    public Snapshot snapshot() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
        }
        return new Snapshot(c);
    }

    /** Index of the bucket holding {@code v} (v &ge; 0). */
    static int bucketOf(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int shift = e - SUB_BITS;
        return shift * SUB_BUCKETS + (int) (v >>> shift);
    }

    /** Smallest value that falls into bucket {@code b}. */
    static long lowerBound(int b) {
        if (b < 2 * SUB_BUCKETS) {
            return b;
        }
        int shift = b / SUB_BUCKETS - 1;
        long m = b % SUB_BUCKETS + SUB_BUCKETS;
        return m << shift;
    }

    /** Largest value that falls into bucket {@code b}. */
    static long upperBound(int b) {
        return b + 1 >= BUCKETS ? Long.MAX_VALUE : lowerBound(b + 1) - 1;
    }

    /** Immutable copy of a histogram's counts. Thread-safe. */
    public static final class Snapshot {
        private final long[] counts;
        private final long total;

        Snapshot(long[] counts) {
            this.counts = counts;
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            this.total = t;
        }

        /** An empty snapshot. */
        public static Snapshot empty() {
            return new Snapshot(new long[BUCKETS]);
        }

        /** Number of recorded values. */
        public long count() {
            return total;
        }

        /** The values recorded after {@code earlier} was taken (this minus earlier). */
        public Snapshot minus(Snapshot earlier) {
            long[] c = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                c[i] = Math.max(0, counts[i] - earlier.counts[i]);
            }
            return new Snapshot(c);
        }

        /**
         * The value at quantile {@code q} (0..1): the midpoint of the bucket holding the
         * value of rank ceil(q &times; count); 0 when empty.
         */
        public long quantile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(Math.min(1, Math.max(0, q)) * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    long lo = lowerBound(i);
                    return lo + (upperBound(i) - lo) / 2;
                }
            }
            return upperBound(BUCKETS - 1);
        }
    }
}
