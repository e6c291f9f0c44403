package org.bikeguard.sim.load;

import java.util.SplittableRandom;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;

/**
 * Builds the frames of simulated stations: {@code entries} entries per frame over about
 * {@value #DISTINCT_PER_ENTRY} &times; entries distinct tags (56 per 100 entries) drawn from the
 * station's pool, all timestamped at or before "now".
 *
 * <ul>
 *   <li><b>raw</b>: one entry per tag read (count 1), spread evenly over the last
 *       {@value #SPAN_MS} ms, the newest at now; every chosen tag is read at least once and the
 *       remaining entries are repeat reads of chosen tags, shuffled.</li>
 *   <li><b>aggregated</b>: one entry per tag per {@value #SPAN_MS} ms interval with the
 *       interval's read count (1..20) and peak RSSI, stamped with the interval's end; a frame
 *       holds consecutive intervals, the last ending now.</li>
 * </ul>
 *
 * <p>Allocation-light: the returned frame is backed by this generator's scratch arrays and is
 * valid only until the next call; encode it (or copy it) before that. Not thread-safe: use one
 * generator per event loop.
 */
public final class FrameGenerator {
    /** Distinct tags per entry of a frame (about 56 per 100 entries). */
    public static final double DISTINCT_PER_ENTRY = 0.56;
    /** Time covered by a raw frame and length of an aggregation interval, in ms. */
    public static final long SPAN_MS = 1000;
    /** Largest count of an aggregated entry. */
    public static final int MAX_AGGREGATED_COUNT = 20;

    private final int entries;
    private final boolean aggregated;
    private final SplittableRandom random;
    private final long[] tags;
    private final long[] timestamps;
    private final byte[] rssi;
    private final int[] counts;
    private final byte[] flags;
    private final byte[] antennaArray;
    private final int antennas;

    /** Creates a generator of frames with {@code entries} entries each (1..1000). */
    public FrameGenerator(int entries, boolean aggregated, long randomSeed) {
        this(entries, aggregated, randomSeed, 0);
    }

    /**
     * Creates a generator of frames with {@code entries} entries each (1..1000), each entry with a random antenna
     * {@code 0..antennas-1} when {@code antennas > 0}.
     */
    public FrameGenerator(int entries, boolean aggregated, long randomSeed, int antennas) {
        this.antennas = antennas;
        this.antennaArray = antennas > 0 ? new byte[entries] : null;
        this.entries = entries;
        this.aggregated = aggregated;
        this.random = new SplittableRandom(randomSeed);
        this.tags = new long[entries];
        this.timestamps = new long[entries];
        this.rssi = new byte[entries];
        this.counts = new int[entries];
        this.flags = new byte[entries];
    }

    /** Distinct tags per frame for a pool of {@code poolSize} tags. */
    public int distinctPerFrame(int poolSize) {
        int d = (int) Math.round(entries * DISTINCT_PER_ENTRY);
        return Math.max(1, Math.min(d, Math.min(poolSize, entries)));
    }

    /**
     * The next frame of a station. Reorders {@code pool} in place (a partial shuffle to pick
     * the frame's tags).
     *
     * @param station station id
     * @param seq the station's next sequence number
     * @param pool the station's tag pool (at least one tag)
     * @param nowMs current time, epoch ms; no entry is stamped later
     * @return a frame backed by scratch arrays, valid until the next call
     */
    public Frame next(String station, long seq, long[] pool, long nowMs) {
        int d = distinctPerFrame(pool.length);
        for (int j = 0; j < d; j++) {
            int k = j + random.nextInt(pool.length - j);
            long t = pool[j];
            pool[j] = pool[k];
            pool[k] = t;
        }
        if (aggregated) {
            fillAggregated(pool, d, nowMs);
        } else {
            fillRaw(pool, d, nowMs);
        }
        if (antennaArray != null) {
            for (int i = 0; i < entries; i++) {
                antennaArray[i] = (byte) random.nextInt(antennas);
            }
        }
        return new Frame(station, seq, tags, timestamps, rssi, counts, flags, antennaArray);
    }

    /** Encodes {@code frame} in the chosen wire form. */
    public static byte[] encode(Frame frame, boolean json) {
        return json ? FrameCodec.encodeJson(frame) : FrameCodec.encodeBinary(frame);
    }

    private void fillRaw(long[] chosen, int d, long nowMs) {
        for (int i = 0; i < entries; i++) {
            tags[i] = i < d ? chosen[i] : chosen[random.nextInt(d)];
        }
        for (int i = entries - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            long t = tags[i];
            tags[i] = tags[k];
            tags[k] = t;
        }
        for (int i = 0; i < entries; i++) {
            timestamps[i] = nowMs - SPAN_MS + (i + 1) * SPAN_MS / entries;
            rssi[i] = (byte) clampRssi(baseRssi(tags[i]) + random.nextInt(7) - 3);
            counts[i] = 1;
            flags[i] = 0;
        }
    }

    private void fillAggregated(long[] chosen, int d, long nowMs) {
        int rounds = (entries + d - 1) / d;
        for (int i = 0; i < entries; i++) {
            int round = i / d;
            tags[i] = chosen[i % d];
            timestamps[i] = nowMs - (rounds - 1 - round) * SPAN_MS;
            rssi[i] = (byte) clampRssi(baseRssi(tags[i]) + random.nextInt(4));
            counts[i] = 1 + random.nextInt(MAX_AGGREGATED_COUNT);
            flags[i] = 0;
        }
    }

    /** A stable per-tag signal level, -79..-45 dBm. */
    private static int baseRssi(long tag) {
        return -45 - (int) Long.remainderUnsigned(tag * 0x9E3779B97F4A7C15L >>> 7, 35);
    }

    private static int clampRssi(int v) {
        return Math.max(-127, Math.min(0, v));
    }
}
