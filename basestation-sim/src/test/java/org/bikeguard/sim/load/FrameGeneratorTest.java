package org.bikeguard.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.junit.jupiter.api.Test;

class FrameGeneratorTest {
    private static final long NOW = 1_763_870_000_000L;

    private static long[] pool(int size) {
        return new TagSpace(size * 10, 10).pool(3);
    }

    private static Set<Long> distinct(Frame f) {
        Set<Long> s = new HashSet<>();
        for (long t : f.tags()) {
            s.add(t);
        }
        return s;
    }

    @Test
    void rawFrameHasEntriesAndAbout56DistinctTagsFromThePool() {
        FrameGenerator g = new FrameGenerator(100, false, 1);
        long[] pool = pool(60);
        Set<Long> poolSet = new HashSet<>();
        Arrays.stream(pool).forEach(poolSet::add);
        for (int i = 0; i < 50; i++) {
            Frame f = g.next("BENCH-0004", 42 + i, pool, NOW);
            assertEquals(100, f.size());
            assertEquals(56, distinct(f).size());
            assertTrue(poolSet.containsAll(distinct(f)));
            assertEquals(100, f.totalCount());
        }
    }

    @Test
    void aggregatedFrameHasOneEntryPerTagPerInterval() {
        FrameGenerator g = new FrameGenerator(100, true, 2);
        Frame f = g.next("BENCH-0004", 7, pool(60), NOW);
        assertEquals(100, f.size());
        assertEquals(56, distinct(f).size());
        Set<String> tagInterval = new HashSet<>();
        for (int i = 0; i < f.size(); i++) {
            assertTrue(tagInterval.add(f.tags()[i] + "@" + f.timestamps()[i]), "tag repeated within one interval");
            assertTrue(f.counts()[i] >= 1 && f.counts()[i] <= FrameGenerator.MAX_AGGREGATED_COUNT);
        }
        assertTrue(f.totalCount() > 100, "aggregated entries stand for several reads");
    }

    @Test
    void noTimestampInTheFutureAndNoneOlderThanTwoIntervals() {
        for (boolean aggregated : new boolean[] {false, true}) {
            FrameGenerator g = new FrameGenerator(100, aggregated, 3);
            Frame f = g.next("BENCH-0004", 1, pool(60), NOW);
            for (int i = 0; i < f.size(); i++) {
                long ts = f.timestamps()[i];
                assertTrue(ts <= NOW, "future timestamp " + ts);
                assertTrue(ts >= NOW - 2 * FrameGenerator.SPAN_MS, "stale timestamp " + ts);
                assertTrue(f.rssi()[i] >= -127 && f.rssi()[i] <= 0);
            }
            assertEquals(NOW, Arrays.stream(f.timestamps()).max().getAsLong());
        }
    }

    @Test
    void smallPoolCapsDistinctTagsAndLargeFramesStayValid() {
        FrameGenerator g = new FrameGenerator(1000, false, 4);
        Frame f = g.next("BENCH-0004", 1, pool(10), NOW);
        assertEquals(1000, f.size());
        assertEquals(10, distinct(f).size());
        FrameGenerator one = new FrameGenerator(1, true, 5);
        assertEquals(1, one.next("BENCH-0004", 1, pool(10), NOW).size());
    }

    @Test
    void framesRoundTripThroughBothCodecs() throws Exception {
        for (boolean aggregated : new boolean[] {false, true}) {
            FrameGenerator g = new FrameGenerator(100, aggregated, 6);
            Frame f = g.next("BENCH-0004", Long.MIN_VALUE + 5, pool(60), NOW);
            assertEquals(f, FrameCodec.decode(FrameGenerator.encode(f, false)));
            assertEquals(f, FrameCodec.decode(FrameGenerator.encode(f, true)));
        }
    }

    @Test
    void withAntennasEveryEntryCarriesOneBelowTheGivenCountAndEncodesAsBinaryVersionTwo() throws Exception {
        FrameGenerator g = new FrameGenerator(50, true, 7, 4);
        long[] pool = new long[200];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = 0xE000 + i;
        }
        Frame f = g.next("S-1", 1, pool, 1_764_000_000_000L);
        assertTrue(f.hasAntennas());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < f.size(); i++) {
            assertTrue(f.antenna(i) >= 0 && f.antenna(i) < 4, "antenna " + f.antenna(i));
            seen.add(f.antenna(i));
        }
        assertEquals(4, seen.size());
        byte[] bin = FrameGenerator.encode(f, false);
        assertEquals(FrameCodec.BINARY_VERSION_ANTENNAS, bin[1]);
        assertEquals(f, FrameCodec.decode(bin));
        assertTrue(!new FrameGenerator(50, true, 7)
                .next("S-1", 1, pool, 1_764_000_000_000L)
                .hasAntennas());
    }
}
