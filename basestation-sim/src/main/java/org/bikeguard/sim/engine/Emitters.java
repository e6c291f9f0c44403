package org.bikeguard.sim.engine;

import java.util.Arrays;

/**
 * Everything that beacons: one emitter per bike's tag (emitter {@code b} is bike {@code b}'s
 * tag), plus clones (a copy of a tag fitted to another bike) and tags ripped off and dumped at a
 * fixed spot. Column-wise state: tag id, carrier bike (-1 when lying at a fixed spot), flags
 * sent with every read, next beacon time, and whether it is filed in the beacon wheel.
 *
 * <p>Units: epoch ms UTC, metres. Not thread-safe: the simulation thread only.
 */
final class Emitters {
    long[] tag;
    /** Bike carrying the emitter, or -1 when it lies at (fx, fy). */
    int[] carrier;
    /** Bike reported in the ground truth for this emitter's visits. */
    int[] label;
    double[] fx;
    double[] fy;
    byte[] flags;
    boolean[] active;
    boolean[] clone;
    long[] nextBeacon;
    boolean[] inWheel;
    /** Position unchanged since the presences were last computed. */
    boolean[] stationary;
    /** Head of the emitter's list of open presences, -1 when none. */
    int[] presHead;
    int count;

    Emitters(int capacity) {
        tag = new long[capacity];
        carrier = new int[capacity];
        label = new int[capacity];
        fx = new double[capacity];
        fy = new double[capacity];
        flags = new byte[capacity];
        active = new boolean[capacity];
        clone = new boolean[capacity];
        nextBeacon = new long[capacity];
        inWheel = new boolean[capacity];
        stationary = new boolean[capacity];
        presHead = new int[capacity];
    }

    /** Adds an active emitter carried by {@code bike}; returns its index. */
    int add(long tagId, int bike, int labelBike, byte flagBits, boolean isClone) {
        if (count == tag.length) {
            int n = count + 16;
            tag = Arrays.copyOf(tag, n);
            carrier = Arrays.copyOf(carrier, n);
            label = Arrays.copyOf(label, n);
            fx = Arrays.copyOf(fx, n);
            fy = Arrays.copyOf(fy, n);
            flags = Arrays.copyOf(flags, n);
            active = Arrays.copyOf(active, n);
            clone = Arrays.copyOf(clone, n);
            nextBeacon = Arrays.copyOf(nextBeacon, n);
            inWheel = Arrays.copyOf(inWheel, n);
            stationary = Arrays.copyOf(stationary, n);
            presHead = Arrays.copyOf(presHead, n);
        }
        int e = count++;
        tag[e] = tagId;
        carrier[e] = bike;
        label[e] = labelBike;
        flags[e] = flagBits;
        active[e] = true;
        clone[e] = isClone;
        presHead[e] = -1;
        return e;
    }
}
