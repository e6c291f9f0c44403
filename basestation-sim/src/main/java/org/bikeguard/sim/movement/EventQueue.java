package org.bikeguard.sim.movement;

import java.util.Arrays;

/**
 * A binary min-heap of (time, id) pairs in primitive arrays: the next departure or arrival of
 * each bike. Ties on time are broken by id, so the order is fully deterministic. Each id may be
 * queued at most once; {@link #schedule} replaces an id's pending entry.
 *
 * <p>Units: epoch ms UTC. Not thread-safe.
 */
public final class EventQueue {
    private long[] time;
    private int[] id;
    private int[] pos;
    private int size;

    /** A queue for ids 0..capacity-1. */
    public EventQueue(int capacity) {
        time = new long[Math.max(16, capacity)];
        id = new int[Math.max(16, capacity)];
        pos = new int[Math.max(16, capacity)];
        Arrays.fill(pos, -1);
    }

    /** Number of queued ids. */
    public int size() {
        return size;
    }

    /** Whether nothing is queued. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest entry; {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : time[0];
    }

    /** Id of the earliest entry; only when not empty. */
    public int peekId() {
        return id[0];
    }

    /** Removes the earliest entry and returns its id. */
    public int poll() {
        int top = id[0];
        pos[top] = -1;
        size--;
        if (size > 0) {
            time[0] = time[size];
            id[0] = id[size];
            pos[id[0]] = 0;
            down(0);
        }
        return top;
    }

    /** Queues {@code ident} at time {@code t}, replacing its pending entry if any. */
    public void schedule(int ident, long t) {
        if (ident >= pos.length) {
            int n = Math.max(ident + 1, pos.length * 2);
            int old = pos.length;
            pos = Arrays.copyOf(pos, n);
            Arrays.fill(pos, old, n, -1);
        }
        int p = pos[ident];
        if (p >= 0) {
            long old = time[p];
            time[p] = t;
            if (less(p, parent(p))) {
                up(p);
            } else if (t > old) {
                down(p);
            }
            return;
        }
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            id = Arrays.copyOf(id, size * 2);
        }
        time[size] = t;
        id[size] = ident;
        pos[ident] = size;
        up(size++);
    }

    /** Removes {@code ident}'s pending entry, if any. */
    public void cancel(int ident) {
        if (ident >= pos.length || pos[ident] < 0) {
            return;
        }
        int p = pos[ident];
        pos[ident] = -1;
        size--;
        if (p == size) {
            return;
        }
        time[p] = time[size];
        id[p] = id[size];
        pos[id[p]] = p;
        if (p > 0 && less(p, parent(p))) {
            up(p);
        } else {
            down(p);
        }
    }

    /** Whether {@code ident} is queued. */
    public boolean contains(int ident) {
        return ident < pos.length && pos[ident] >= 0;
    }

    private static int parent(int i) {
        return i == 0 ? 0 : (i - 1) >>> 1;
    }

    private boolean less(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && id[a] < id[b]);
    }

    private void up(int i) {
        while (i > 0) {
            int p = parent(i);
            if (!less(i, p)) {
                return;
            }
            swap(i, p);
            i = p;
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
            if (!less(m, i)) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        long t = time[a];
        time[a] = time[b];
        time[b] = t;
        int x = id[a];
        id[a] = id[b];
        id[b] = x;
        pos[id[a]] = a;
        pos[id[b]] = b;
    }
}
