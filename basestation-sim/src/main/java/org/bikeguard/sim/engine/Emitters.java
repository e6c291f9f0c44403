package org.bikeguard.sim.engine;

import java.util.Arrays;

/**
 * Everything that beacons: one emitter per bike's tag (emitter {@code b} is bike {@code b}'s
 * tag), plus clones (a copy of a tag fitted to another bike) and tags ripped off and dumped at a
 * fixed spot. State: tag id, carrier bike (-1 when lying at a fixed spot), flags sent with every
 * read, next beacon time, whether it is filed in the beacon wheel, whether its position is
 * unchanged since its presences were computed, and the head of its list of open presences.
 *
 * <p>Layout: the fields read at every beacon share one {@code long[]} ({@value #STRIDE} longs
 * per emitter: next beacon, tag, carrier &lt;&lt; 32 | presence head, bits, wake time) so a
 * beacon costs about one cache miss here; the rarely used label and fixed position live apart.
 *
 * <p>Units: epoch ms UTC, metres. Not thread-safe: the simulation thread only.
 */
final class Emitters {
    static final int STRIDE = 5;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long ACTIVE = 1L << 8;
    private static final long IN_WHEEL = 1L << 9;
    private static final long STATIONARY = 1L << 10;
    private static final long CLONE = 1L << 11;

    private long[] h;
    /** Bike reported in the ground truth for this emitter's visits. */
    private int[] label;

    private double[] fx;
    private double[] fy;
    private int count;

    Emitters(int capacity) {
        h = new long[capacity * STRIDE];
        label = new int[capacity];
        fx = new double[capacity];
        fy = new double[capacity];
    }

    /** Adds an active emitter carried by {@code bike}; returns its index. */
    int add(long tagId, int bike, int labelBike, int flagBits, boolean isClone) {
        if (count == label.length) {
            int n = count + 16;
            h = Arrays.copyOf(h, n * STRIDE);
            label = Arrays.copyOf(label, n);
            fx = Arrays.copyOf(fx, n);
            fy = Arrays.copyOf(fy, n);
        }
        int e = count++;
        int b = e * STRIDE;
        h[b] = 0;
        h[b + 1] = tagId;
        h[b + 2] = ((long) bike << 32) | (-1 & LOW);
        h[b + 3] = (flagBits & 0xFF) | ACTIVE | (isClone ? CLONE : 0);
        h[b + 4] = 0;
        label[e] = labelBike;
        return e;
    }

    int count() {
        return count;
    }

    long nextBeacon(int e) {
        return h[e * STRIDE];
    }

    void setNextBeacon(int e, long t) {
        h[e * STRIDE] = t;
    }

    /** When the emitter's wheel entry is due, epoch ms (valid while {@link #inWheel}). */
    long wakeAt(int e) {
        return h[e * STRIDE + 4];
    }

    void setWakeAt(int e, long t) {
        h[e * STRIDE + 4] = t;
    }

    long tag(int e) {
        return h[e * STRIDE + 1];
    }

    int carrier(int e) {
        return (int) (h[e * STRIDE + 2] >> 32);
    }

    /** Puts the emitter at a fixed spot (carrier -1). */
    void dropAt(int e, double x, double y) {
        int b = e * STRIDE + 2;
        h[b] = (-1L << 32) | (h[b] & LOW);
        fx[e] = x;
        fy[e] = y;
    }

    double fixedX(int e) {
        return fx[e];
    }

    double fixedY(int e) {
        return fy[e];
    }

    int presHead(int e) {
        return (int) h[e * STRIDE + 2];
    }

    void setPresHead(int e, int p) {
        int b = e * STRIDE + 2;
        h[b] = (h[b] & ~LOW) | (p & LOW);
    }

    int label(int e) {
        return label[e];
    }

    int flags(int e) {
        return (int) (h[e * STRIDE + 3] & 0xFF);
    }

    void addFlags(int e, int flagBits) {
        h[e * STRIDE + 3] |= flagBits & 0xFF;
    }

    boolean active(int e) {
        return (h[e * STRIDE + 3] & ACTIVE) != 0;
    }

    void deactivate(int e) {
        h[e * STRIDE + 3] &= ~ACTIVE;
    }

    boolean inWheel(int e) {
        return (h[e * STRIDE + 3] & IN_WHEEL) != 0;
    }

    void setInWheel(int e, boolean v) {
        set(e, IN_WHEEL, v);
    }

    boolean stationary(int e) {
        return (h[e * STRIDE + 3] & STATIONARY) != 0;
    }

    void setStationary(int e, boolean v) {
        set(e, STATIONARY, v);
    }

    boolean isClone(int e) {
        return (h[e * STRIDE + 3] & CLONE) != 0;
    }

    private void set(int e, long bit, boolean v) {
        int b = e * STRIDE + 3;
        h[b] = v ? h[b] | bit : h[b] & ~bit;
    }
}
