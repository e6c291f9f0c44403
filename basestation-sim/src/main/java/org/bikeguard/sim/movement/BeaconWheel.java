package org.bikeguard.sim.movement;

import java.util.Arrays;

/**
 * A timing wheel of tags waiting for their next wake-up: {@value #SLOTS} slots of
 * {@value #SLOT_MS} ms, each a growable list of tag (emitter) ids. Every wake-up is filed less
 * than the wheel's span (12.8 s) ahead, so a tag is always re-filed into a later slot than the
 * one being processed. Within a slot, ids keep their insertion order (deterministic). The wheel
 * may hold stale entries; the caller recognises them by the tag's own wake time.
 *
 * <p>Units: epoch ms UTC. Not thread-safe.
 */
public final class BeaconWheel {
    /** Width of one slot, ms (also the simulation step). */
    public static final long SLOT_MS = 100;
    /** Number of slots; their span must exceed the longest beacon interval. */
    public static final int SLOTS = 128;

    private final int[][] items = new int[SLOTS][];
    private final int[] sizes = new int[SLOTS];
    private int total;

    /** An empty wheel. */
    public BeaconWheel() {
        for (int i = 0; i < SLOTS; i++) {
            items[i] = new int[64];
        }
    }

    /** Files {@code id} for a beacon at time {@code t}. */
    public void add(int id, long t) {
        int s = slotOf(t);
        if (sizes[s] == items[s].length) {
            items[s] = Arrays.copyOf(items[s], sizes[s] * 2);
        }
        items[s][sizes[s]++] = id;
        total++;
    }

    /**
     * Takes the ids of the slot holding {@code t}: copies them into {@code into} (grown when
     * needed) and empties the slot.
     *
     * @return the array holding the ids (perhaps a new one) in [0, {@link #lastTaken()})
     */
    public int[] take(long t, int[] into) {
        int s = slotOf(t);
        int n = sizes[s];
        int[] out = into.length >= n ? into : new int[Math.max(n, into.length * 2)];
        System.arraycopy(items[s], 0, out, 0, n);
        sizes[s] = 0;
        total -= n;
        lastTaken = n;
        return out;
    }

    private int lastTaken;

    /** How many ids the last {@link #take} returned. */
    public int lastTaken() {
        return lastTaken;
    }

    /** Number of ids filed. */
    public int size() {
        return total;
    }

    private static int slotOf(long t) {
        return (int) Math.floorMod(Math.floorDiv(t, SLOT_MS), (long) SLOTS);
    }
}
