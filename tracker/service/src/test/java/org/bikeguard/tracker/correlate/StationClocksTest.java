package org.bikeguard.tracker.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class StationClocksTest {

    private static final long GAP = 30_000;

    @Test
    void aHeardStationClosesOnItsOwnEventTime() {
        StationClocks clocks = new StationClocks(GAP, 0);
        clocks.observe(0, 1_000_000, 5_000);
        assertArrayEquals(new long[] {1_000_000 - GAP}, trim(clocks.closeBefore(10_000), 1));
    }

    @Test
    void aStationSilentForTheGapOfWallTimeClosesEverything() {
        StationClocks clocks = new StationClocks(GAP, 0);
        clocks.observe(0, 1_000_000, 5_000);
        assertArrayEquals(new long[] {Long.MAX_VALUE}, trim(clocks.closeBefore(5_000 + GAP), 1));
    }

    @Test
    void silenceCountsFromTheStartAtTheEarliest() {
        // A frame replayed at start carries its old arrival time; the station is not silent yet.
        StationClocks clocks = new StationClocks(GAP, 100_000);
        clocks.observe(0, 1_000_000, 1_000);
        assertArrayEquals(new long[] {1_000_000 - GAP}, trim(clocks.closeBefore(100_000 + GAP - 1), 1));
        assertArrayEquals(new long[] {Long.MAX_VALUE}, trim(clocks.closeBefore(100_000 + GAP), 1));
    }

    @Test
    void aStationNeverHeardClosesNothing() {
        StationClocks clocks = new StationClocks(GAP, 0);
        clocks.observe(2, 1_000_000, 5_000);
        assertArrayEquals(
                new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 1_000_000 - GAP}, trim(clocks.closeBefore(6_000), 3));
        // A frame whose reads were all refused (newest MIN_VALUE) counts as arrival only.
        clocks.observe(1, Long.MIN_VALUE, 6_000);
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MIN_VALUE}, trim(clocks.closeBefore(7_000), 2));
    }

    private static long[] trim(long[] cut, int n) {
        return java.util.Arrays.copyOf(cut, n);
    }
}
