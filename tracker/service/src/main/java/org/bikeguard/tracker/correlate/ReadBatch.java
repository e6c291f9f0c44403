package org.bikeguard.tracker.correlate;

import java.util.Arrays;

/**
 * Validated reads with station ids resolved to dense int indexes, stored in growable primitive
 * arrays (no object per read).
 *
 * <p>Per read: {@code tag} (the tag id as an unsigned 64-bit number), {@code station} (dense index
 * &gt;= 0), {@code ts} (read time, epoch ms UTC), {@code count} (reads this entry stands for, &gt;= 0),
 * {@code rssi} (dBm, -127..0) and {@code flags} (bit set: 1 tamper, 2 low battery).
 *
 * <p>Not thread-safe: one thread fills it, then hands it to {@link SightingEngine#apply}, which
 * copies what it needs before returning.
 */
public final class ReadBatch {
    private long[] tags;
    private int[] stations;
    private long[] times;
    private int[] counts;
    private byte[] rssis;
    private byte[] flagBits;
    private int[] lanes;
    private long[] frameIds;
    private int size;
    private int currentLane;
    private long currentFrame;

    /** Creates an empty batch with room for {@code initialCapacity} reads before it grows. */
    public ReadBatch(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity < 0: " + initialCapacity);
        }
        int cap = Math.max(1, initialCapacity);
        tags = new long[cap];
        stations = new int[cap];
        times = new long[cap];
        counts = new int[cap];
        rssis = new byte[cap];
        flagBits = new byte[cap];
        lanes = new int[cap];
        frameIds = new long[cap];
    }

    /**
     * Stamps the reads added from now on as coming from frame {@code frameId} (&gt; 0) of frame-log
     * lane {@code lane}, so that a bucket applies them once however often the frame is replayed.
     * Without a stamp (or with frame id 0) reads are applied unconditionally.
     */
    public void frame(int lane, long frameId) {
        currentLane = lane;
        currentFrame = frameId;
    }

    /**
     * Appends one read.
     *
     * @throws IllegalArgumentException if station &lt; 0, count &lt; 0, rssi outside -127..0 or flags
     *     outside 0..255
     */
    public void add(long tag, int station, long ts, int count, int rssi, int flags) {
        if (station < 0 || count < 0 || rssi < -127 || rssi > 0 || (flags & ~0xFF) != 0) {
            throw new IllegalArgumentException(
                    "invalid read: station=" + station + " count=" + count + " rssi=" + rssi + " flags=" + flags);
        }
        if (size == tags.length) {
            grow();
        }
        int i = size++;
        tags[i] = tag;
        stations[i] = station;
        times[i] = ts;
        counts[i] = count;
        rssis[i] = (byte) rssi;
        flagBits[i] = (byte) flags;
        lanes[i] = currentLane;
        frameIds[i] = currentFrame;
    }

    private void grow() {
        int cap = tags.length + (tags.length >> 1) + 8;
        tags = Arrays.copyOf(tags, cap);
        stations = Arrays.copyOf(stations, cap);
        times = Arrays.copyOf(times, cap);
        counts = Arrays.copyOf(counts, cap);
        rssis = Arrays.copyOf(rssis, cap);
        flagBits = Arrays.copyOf(flagBits, cap);
        lanes = Arrays.copyOf(lanes, cap);
        frameIds = Arrays.copyOf(frameIds, cap);
    }

    /** Frame-log lane of read {@code i} (see {@link #frame}). */
    public int lane(int i) {
        return lanes[check(i)];
    }

    /** Frame id of read {@code i}, 0 when unstamped (see {@link #frame}). */
    public long frameId(int i) {
        return frameIds[check(i)];
    }

    /** Number of reads in the batch. */
    public int size() {
        return size;
    }

    /** Tag of read {@code i}. */
    public long tag(int i) {
        return tags[check(i)];
    }

    /** Dense station index of read {@code i}. */
    public int station(int i) {
        return stations[check(i)];
    }

    /** Read time of read {@code i}, epoch ms UTC. */
    public long ts(int i) {
        return times[check(i)];
    }

    /** Reads that entry {@code i} stands for. */
    public int count(int i) {
        return counts[check(i)];
    }

    /** RSSI of read {@code i}, dBm (-127..0). */
    public int rssi(int i) {
        return rssis[check(i)];
    }

    /** Flags of read {@code i} (1 tamper, 2 low battery). */
    public int flags(int i) {
        return flagBits[check(i)] & 0xFF;
    }

    /** Removes all reads; keeps the allocated arrays. */
    public void clear() {
        size = 0;
        currentLane = 0;
        currentFrame = 0;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("read " + i + " of " + size);
        }
        return i;
    }
}
