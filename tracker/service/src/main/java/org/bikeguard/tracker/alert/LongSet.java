package org.bikeguard.tracker.alert;

import java.util.Collection;

/**
 * An immutable set of {@code long}s in an open-addressing table (linear probing, load factor at
 * most 0.5), for allocation-free membership tests on the ingest hot path. Build a new one to
 * change it. Immutable, hence thread-safe once published (e.g. through a volatile field).
 */
final class LongSet {

    /** The empty set. */
    static final LongSet EMPTY = new LongSet(new long[0]);

    private final long[] table;
    private final int mask;
    private final boolean hasZero;
    private final int size;

    private LongSet(long[] values) {
        int cap = 2;
        while (cap < values.length * 2) {
            cap <<= 1;
        }
        long[] t = new long[cap];
        int m = cap - 1;
        boolean zero = false;
        int n = 0;
        for (long v : values) {
            if (v == 0) {
                if (!zero) {
                    n++;
                }
                zero = true;
                continue;
            }
            int i = index(v, m);
            while (t[i] != 0 && t[i] != v) {
                i = (i + 1) & m;
            }
            if (t[i] == 0) {
                t[i] = v;
                n++;
            }
        }
        this.table = t;
        this.mask = m;
        this.hasZero = zero;
        this.size = n;
    }

    /** A set holding exactly {@code values}. */
    static LongSet of(Collection<Long> values) {
        long[] a = new long[values.size()];
        int i = 0;
        for (Long v : values) {
            a[i++] = v;
        }
        return new LongSet(a);
    }

    /** Whether {@code v} is in the set; no allocation. */
    boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        long[] t = table;
        int i = index(v, mask);
        while (true) {
            long x = t[i];
            if (x == v) {
                return true;
            }
            if (x == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private static int index(long v, int mask) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
