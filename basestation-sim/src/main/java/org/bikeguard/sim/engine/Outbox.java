package org.bikeguard.sim.engine;

import java.util.Arrays;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Limits;

/**
 * The stations' send buffers: entries accumulate per station in primitive arrays (no object
 * per read) and leave as one encoded frame when the buffer is full or its oldest entry has
 * waited {@code flushNanos} of wall time (a real station sends about once a second).
 *
 * <p>Sequence numbers follow the protocol's recipe without persistent storage:
 * {@code boot_ms * 1000 + counter}, with a fresh boot time (at least 1 ms later) every 1,000
 * frames; {@code boot_ms} is wall-clock time, never simulated time, so runs never reuse one.
 *
 * <p>Units: epoch ms UTC (entry times are station clock), dBm, wall nanoseconds for flushing.
 * Not thread-safe: the simulation thread only.
 */
final class Outbox {
    private static final int INITIAL = 32;

    private final String[] ids;
    private final int maxEntries;
    private final boolean json;
    private final FrameSink sink;
    private final long flushNanos;
    private final long[][] tags;
    private final long[][] ts;
    private final byte[][] rssi;
    private final int[][] counts;
    private final byte[][] flags;
    private final byte[][] antennas;
    private final int[] size;
    private final long[] firstNanos;
    private final long[] seqBoot;
    private final int[] seqCount;
    private long entries;
    private long countSum;
    private long frames;

    /**
     * @param ids station ids by index
     * @param maxEntries entries per frame, 1..1000
     * @param json JSON frames instead of binary
     * @param flushNanos longest wait of an entry before its frame leaves, wall ns
     * @param bootMs wall-clock epoch ms used as every station's first boot time
     */
    Outbox(String[] ids, int maxEntries, boolean json, FrameSink sink, long flushNanos, long bootMs) {
        if (maxEntries < 1 || maxEntries > Limits.MAX_ENTRIES) {
            throw new IllegalArgumentException("entries per frame must be 1..1000");
        }
        int n = ids.length;
        this.ids = ids;
        this.maxEntries = maxEntries;
        this.json = json;
        this.sink = sink;
        this.flushNanos = flushNanos;
        tags = new long[n][];
        ts = new long[n][];
        rssi = new byte[n][];
        counts = new int[n][];
        flags = new byte[n][];
        antennas = new byte[n][];
        size = new int[n];
        firstNanos = new long[n];
        seqBoot = new long[n];
        seqCount = new int[n];
        Arrays.fill(seqBoot, bootMs);
    }

    /**
     * Appends one entry to station {@code s}'s buffer (sending the frame when full).
     *
     * @param antenna the antenna (0..15) that heard it, -1 for none
     */
    void add(int s, long tag, long when, int rssiDbm, int count, int flagBits, int antenna) {
        int n = size[s];
        if (tags[s] == null || n == tags[s].length) {
            growBuffer(s);
        }
        if (n == 0) {
            firstNanos[s] = System.nanoTime();
        }
        tags[s][n] = tag;
        ts[s][n] = when;
        rssi[s][n] = (byte) rssiDbm;
        counts[s][n] = count;
        flags[s][n] = (byte) flagBits;
        antennas[s][n] = (byte) antenna;
        size[s] = n + 1;
        entries++;
        countSum += count;
        if (n + 1 == maxEntries) {
            flush(s);
        }
    }

    private void growBuffer(int s) {
        int cap = tags[s] == null ? Math.min(INITIAL, maxEntries) : Math.min(maxEntries, tags[s].length * 2);
        tags[s] = tags[s] == null ? new long[cap] : Arrays.copyOf(tags[s], cap);
        ts[s] = ts[s] == null ? new long[cap] : Arrays.copyOf(ts[s], cap);
        rssi[s] = rssi[s] == null ? new byte[cap] : Arrays.copyOf(rssi[s], cap);
        counts[s] = counts[s] == null ? new int[cap] : Arrays.copyOf(counts[s], cap);
        flags[s] = flags[s] == null ? new byte[cap] : Arrays.copyOf(flags[s], cap);
        antennas[s] = antennas[s] == null ? new byte[cap] : Arrays.copyOf(antennas[s], cap);
    }

    /** Sends every buffer whose oldest entry has waited long enough at wall time {@code nowNanos}. */
    void flushDue(long nowNanos) {
        for (int s = 0; s < size.length; s++) {
            if (size[s] > 0 && nowNanos - firstNanos[s] >= flushNanos) {
                flush(s);
            }
        }
    }

    /** Sends every non-empty buffer. */
    void flushAll() {
        for (int s = 0; s < size.length; s++) {
            if (size[s] > 0) {
                flush(s);
            }
        }
    }

    private void flush(int s) {
        int n = size[s];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += counts[s][i];
        }
        Frame f = new Frame(
                ids[s],
                nextSeq(s),
                Arrays.copyOf(tags[s], n),
                Arrays.copyOf(ts[s], n),
                Arrays.copyOf(rssi[s], n),
                Arrays.copyOf(counts[s], n),
                Arrays.copyOf(flags[s], n),
                Arrays.copyOf(antennas[s], n));
        byte[] payload = json ? FrameCodec.encodeJson(f) : FrameCodec.encodeBinary(f);
        size[s] = 0;
        frames++;
        sink.send(s, payload, n, sum);
    }

    private long nextSeq(int s) {
        if (seqCount[s] == 1000) {
            seqBoot[s] = Math.max(System.currentTimeMillis(), seqBoot[s] + 1);
            seqCount[s] = 0;
        }
        return seqBoot[s] * 1000 + seqCount[s]++;
    }

    /** Entries added so far. */
    long entries() {
        return entries;
    }

    /** Sum of the counts of the entries added so far (raw reads). */
    long counts() {
        return countSum;
    }

    /** Frames sent so far. */
    long frames() {
        return frames;
    }
}
