package org.bikeguard.tracker.correlate;

import java.util.Random;

/**
 * A reproducible stream of reads: a few tags moving among a few stations, times mostly increasing
 * per station with a few seconds of jitter, and occasional late reads (minutes old).
 */
final class RandomStream {
    static final long T0 = 1_732_333_333_000L;
    private final Random rnd;
    private final int tags;
    private final int stations;
    private final long[] stationClock;

    RandomStream(long seed, int tags, int stations) {
        this.rnd = new Random(seed);
        this.tags = tags;
        this.stations = stations;
        this.stationClock = new long[stations];
        java.util.Arrays.fill(stationClock, T0);
    }

    /** Appends {@code n} reads to the batch. */
    void fill(ReadBatch batch, int n) {
        for (int i = 0; i < n; i++) {
            int s = rnd.nextInt(stations);
            stationClock[s] += rnd.nextInt(20_000);
            long ts = stationClock[s] - rnd.nextInt(5_000);
            if (rnd.nextInt(40) == 0) {
                ts -= 60_000 + rnd.nextInt(240_000);
            }
            long tag = 0xE200_0000_0000L + rnd.nextInt(tags);
            batch.add(
                    tag,
                    s,
                    ts,
                    1 + rnd.nextInt(3),
                    -127 + rnd.nextInt(128),
                    rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(3) : 0);
        }
    }

    /** Event-time cut-offs: each station's newest read time minus the gap. */
    long[] cutoffs(long gapMs) {
        long[] c = new long[stations];
        for (int s = 0; s < stations; s++) {
            c[s] = stationClock[s] - gapMs;
        }
        return c;
    }

    Random random() {
        return rnd;
    }
}
