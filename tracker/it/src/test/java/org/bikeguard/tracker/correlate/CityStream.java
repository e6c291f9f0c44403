package org.bikeguard.tracker.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A reproducible city-like stream in arrival order: tags wander among stations, each present
 * station reads its tags every second; reads arrive 0-4 s after they are made, some (buffered by
 * a station that was offline) minutes later; stations fall silent now and then.
 */
final class CityStream {
    /** One read and the event time at which it arrives. */
    record Read(long arrival, long tag, int station, long ts, int count, int rssi, int flags) {}

    static List<Read> generate(long seed, int tags, int stations, long durationMs) {
        Random rnd = new Random(seed);
        long t0 = RandomStream.T0;
        int[] at = new int[tags];
        for (int t = 0; t < tags; t++) {
            at[t] = rnd.nextInt(stations + 1) - 1; // -1: out of range of every station
        }
        long[] silentUntil = new long[stations];
        List<Read> out = new ArrayList<>();
        for (long now = t0; now < t0 + durationMs; now += 1_000) {
            for (int s = 0; s < stations; s++) {
                if (rnd.nextInt(400) == 0) {
                    silentUntil[s] = now + 10_000 + rnd.nextInt(80_000);
                }
            }
            for (int t = 0; t < tags; t++) {
                if (rnd.nextInt(60) == 0) {
                    at[t] = rnd.nextInt(stations + 1) - 1;
                }
                int s = at[t];
                if (s < 0 || now < silentUntil[s] || rnd.nextInt(3) == 0) {
                    continue;
                }
                long delay = rnd.nextInt(30) == 0 ? 60_000 + rnd.nextInt(200_000) : rnd.nextInt(4_000);
                out.add(new Read(
                        now + delay, 0xE200_0000L + t, s, now, 1, -40 - rnd.nextInt(60), rnd.nextInt(50) == 0 ? 1 : 0));
            }
        }
        out.sort(Comparator.comparingLong(Read::arrival));
        return out;
    }

    private CityStream() {}
}
