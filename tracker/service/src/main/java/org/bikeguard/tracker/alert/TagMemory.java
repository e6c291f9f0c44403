package org.bikeguard.tracker.alert;

import java.util.Arrays;

/**
 * Per-tag movement state for the pattern rules (clone, silent), as parallel primitive arrays in
 * an open-addressing table keyed by tag (linear probing, load factor at most 0.5, grows by
 * doubling). About 110 bytes per tag. Not thread-safe: owned by the pattern thread.
 *
 * <p>Per tag: the newest read (station, time); the current stay (a run of reads at one station
 * with no gap above the sighting gap: station, first and last read); the home station (the
 * station of the latest stay that lasted at least the home threshold, or {@link #NONE}); and two
 * alarm marks. Times are epoch ms UTC (event time).
 */
final class TagMemory {

    /** No station. */
    static final int NONE = 0;

    long[] keys;
    boolean[] used;
    int[] lastStation;
    long[] lastTs;
    int[] stayStation;
    long[] stayFirst;
    long[] stayLast;
    int[] home;
    boolean[] silentRaised;
    long[] cloneAlarmAt;
    private int size;
    private int mask;

    TagMemory(int initialCapacity) {
        int cap = 16;
        while (cap < initialCapacity * 2) {
            cap <<= 1;
        }
        allocate(cap);
    }

    /** The slot of {@code tag}, created (zeroed) when absent. */
    int slot(long tag) {
        int i = index(tag, mask);
        while (used[i]) {
            if (keys[i] == tag) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            return slot(tag);
        }
        used[i] = true;
        keys[i] = tag;
        size++;
        return i;
    }

    /** The slot of {@code tag}, or -1. */
    int find(long tag) {
        int i = index(tag, mask);
        while (used[i]) {
            if (keys[i] == tag) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /**
     * Resets the state of the tag in slot {@code i} to that of a tag never heard (the slot stays
     * taken by the tag: open addressing has no cheap removal).
     */
    void forget(int i) {
        lastStation[i] = NONE;
        lastTs[i] = 0;
        stayStation[i] = NONE;
        stayFirst[i] = 0;
        stayLast[i] = 0;
        home[i] = NONE;
        silentRaised[i] = false;
        cloneAlarmAt[i] = Long.MIN_VALUE;
    }

    /** Number of slots (iterate 0..capacity-1 and test {@link #used}). */
    int capacity() {
        return keys.length;
    }

    int size() {
        return size;
    }

    private void allocate(int cap) {
        keys = new long[cap];
        used = new boolean[cap];
        lastStation = new int[cap];
        lastTs = new long[cap];
        stayStation = new int[cap];
        stayFirst = new long[cap];
        stayLast = new long[cap];
        home = new int[cap];
        silentRaised = new boolean[cap];
        cloneAlarmAt = new long[cap];
        Arrays.fill(cloneAlarmAt, Long.MIN_VALUE);
        mask = cap - 1;
        size = 0;
    }

    private void grow() {
        long[] k = keys;
        boolean[] u = used;
        int[] ls = lastStation;
        long[] lt = lastTs;
        int[] ss = stayStation;
        long[] sf = stayFirst;
        long[] sl = stayLast;
        int[] h = home;
        boolean[] sr = silentRaised;
        long[] ca = cloneAlarmAt;
        allocate(k.length * 2);
        for (int j = 0; j < k.length; j++) {
            if (!u[j]) {
                continue;
            }
            int i = slot(k[j]);
            lastStation[i] = ls[j];
            lastTs[i] = lt[j];
            stayStation[i] = ss[j];
            stayFirst[i] = sf[j];
            stayLast[i] = sl[j];
            home[i] = h[j];
            silentRaised[i] = sr[j];
            cloneAlarmAt[i] = ca[j];
        }
    }

    private static int index(long v, int mask) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
