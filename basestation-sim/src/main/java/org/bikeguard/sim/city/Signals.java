package org.bikeguard.sim.city;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fixed-time signal plans of the signalled intersections. Each intersection cycles through
 * north-south green, {@value #YELLOW_MS} ms yellow, {@value #ALL_RED_MS} ms all red, east-west
 * green, yellow, all red. Riders treat yellow as go; arriving on red they wait for green (or,
 * in the ground truth, run the light).
 *
 * <p>Units: times are epoch milliseconds UTC; a cycle starts whenever
 * {@code (t - offsetMs) mod cycleMs == 0}. Immutable; thread-safe.
 */
public final class Signals {
    /** Yellow after each green, ms. */
    public static final long YELLOW_MS = 3_000;
    /** All red after each yellow, ms. */
    public static final long ALL_RED_MS = 2_000;

    private final int[] node;
    private final long[] cycle;
    private final long[] offset;
    private final long[] nsGreen;

    /** Random plans (cycle 80..120 s, north-south share 40..60 %) for the given nodes. */
    Signals(int[] nodes, SplittableRandom rnd) {
        node = nodes.clone();
        cycle = new long[node.length];
        offset = new long[node.length];
        nsGreen = new long[node.length];
        for (int i = 0; i < node.length; i++) {
            cycle[i] = 80_000 + 5_000L * rnd.nextInt(9);
            offset[i] = rnd.nextLong(cycle[i]);
            long green = cycle[i] - 2 * (YELLOW_MS + ALL_RED_MS);
            nsGreen[i] = Math.round(green * (0.4 + 0.2 * rnd.nextDouble()) / 1000.0) * 1000;
        }
    }

    /** Number of signalled intersections. */
    public int count() {
        return node.length;
    }

    /** Road node of intersection {@code i}. */
    public int node(int i) {
        return node[i];
    }

    /** Intersection at road node {@code n}, or -1. */
    public int atNode(int n) {
        for (int i = 0; i < node.length; i++) {
            if (node[i] == n) {
                return i;
            }
        }
        return -1;
    }

    /** A lookup table node -&gt; intersection index (-1 where none) for {@code nodes} nodes. */
    public int[] nodeTable(int nodes) {
        int[] t = new int[nodes];
        Arrays.fill(t, -1);
        for (int i = 0; i < node.length; i++) {
            t[node[i]] = i;
        }
        return t;
    }

    /** Cycle length of intersection {@code i}, ms. */
    public long cycleMs(int i) {
        return cycle[i];
    }

    /** Cycle offset of intersection {@code i}, ms (cycles start at offset + k * cycle). */
    public long offsetMs(int i) {
        return offset[i];
    }

    /** North-south green of intersection {@code i}, ms; east-west green is the rest. */
    public long nsGreenMs(int i) {
        return nsGreen[i];
    }

    /** East-west green of intersection {@code i}, ms. */
    public long ewGreenMs(int i) {
        return cycle[i] - nsGreen[i] - 2 * (YELLOW_MS + ALL_RED_MS);
    }

    /**
     * The earliest time at or after {@code t} (epoch ms) when traffic along the given axis may
     * enter intersection {@code i}: {@code t} itself during green or yellow.
     */
    public long nextGo(int i, boolean northSouth, long t) {
        long c = cycle[i];
        long ph = Math.floorMod(t - offset[i], c);
        long ewStart = nsGreen[i] + YELLOW_MS + ALL_RED_MS;
        if (northSouth) {
            return ph < nsGreen[i] + YELLOW_MS ? t : t + (c - ph);
        }
        if (ph >= ewStart && ph < c - ALL_RED_MS) {
            return t;
        }
        return ph < ewStart ? t + (ewStart - ph) : t + (c - ph) + ewStart;
    }

    /**
     * The first moment after {@code t} (epoch ms) when either axis of intersection {@code i}
     * changes phase (green, yellow, red).
     */
    public long nextChange(int i, long t) {
        long c = cycle[i];
        long pos = Math.floorMod(t - offset[i], c);
        long ns = nsGreen[i];
        long ew = ewGreenMs(i);
        long[] bounds = {
            ns,
            ns + YELLOW_MS,
            ns + YELLOW_MS + ALL_RED_MS,
            ns + YELLOW_MS + ALL_RED_MS + ew,
            ns + 2 * YELLOW_MS + ALL_RED_MS + ew,
            c
        };
        for (long b : bounds) {
            if (b > pos) {
                return t + (b - pos);
            }
        }
        return t + (c - pos);
    }

    /** Phase of an axis at a moment: {@link #GREEN}, {@link #YELLOW} or {@link #RED}. */
    public static final int GREEN = 0;
    /** Yellow after green. */
    public static final int YELLOW = 1;
    /** Red (including the all-red time). */
    public static final int RED = 2;

    private long greenStart(int i, boolean northSouth) {
        return northSouth ? 0 : nsGreen[i] + YELLOW_MS + ALL_RED_MS;
    }

    private long green(int i, boolean northSouth) {
        return northSouth ? nsGreenMs(i) : ewGreenMs(i);
    }

    /** Time since the axis's green began, ms, in 0..cycle. */
    private long sinceGreen(int i, boolean northSouth, long t) {
        return Math.floorMod(t - offset[i] - greenStart(i, northSouth), cycle[i]);
    }

    /** The phase of the given axis of intersection {@code i} at {@code t} (epoch ms). */
    public int phase(int i, boolean northSouth, long t) {
        long q = sinceGreen(i, northSouth, t);
        long g = green(i, northSouth);
        return q < g ? GREEN : q < g + YELLOW_MS ? YELLOW : RED;
    }

    /** The earliest time at or after {@code t} (epoch ms) when the axis is green. */
    public long nextGreen(int i, boolean northSouth, long t) {
        long q = sinceGreen(i, northSouth, t);
        return q < green(i, northSouth) ? t : t + (cycle[i] - q);
    }

    /** When the current red of the axis began (epoch ms); only meaningful while {@link #RED}. */
    public long redSince(int i, boolean northSouth, long t) {
        return t - (sinceGreen(i, northSouth, t) - green(i, northSouth) - YELLOW_MS);
    }
}
