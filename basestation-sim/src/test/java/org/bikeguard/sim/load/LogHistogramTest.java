package org.bikeguard.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogHistogramTest {
    @Test
    void bucketsAreContiguousAndCoverEveryLong() {
        assertEquals(0, LogHistogram.lowerBound(0));
        for (int b = 1; b < LogHistogram.BUCKETS; b++) {
            assertEquals(LogHistogram.upperBound(b - 1) + 1, LogHistogram.lowerBound(b));
            assertEquals(b, LogHistogram.bucketOf(LogHistogram.lowerBound(b)));
            assertEquals(b, LogHistogram.bucketOf(LogHistogram.upperBound(b)));
        }
        assertEquals(LogHistogram.BUCKETS - 1, LogHistogram.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void smallValuesAreExact() {
        LogHistogram h = new LogHistogram();
        for (int v = 1; v <= 20; v++) {
            h.record(v);
        }
        LogHistogram.Snapshot s = h.snapshot();
        assertEquals(20, s.count());
        assertEquals(10, s.quantile(0.5));
        assertEquals(20, s.quantile(1.0));
        assertEquals(1, s.quantile(0.0));
    }

    @Test
    void quantilesWithinThreePercent() {
        LogHistogram h = new LogHistogram();
        for (int v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        LogHistogram.Snapshot s = h.snapshot();
        assertClose(50_000, s.quantile(0.5));
        assertClose(99_000, s.quantile(0.99));
        assertClose(1_000, s.quantile(0.01));
    }

    @Test
    void snapshotsSubtractToAnInterval() {
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < 1000; i++) {
            h.record(10);
        }
        LogHistogram.Snapshot before = h.snapshot();
        for (int i = 0; i < 100; i++) {
            h.record(5000);
        }
        LogHistogram.Snapshot interval = h.snapshot().minus(before);
        assertEquals(100, interval.count());
        assertClose(5000, interval.quantile(0.5));
        assertEquals(0, LogHistogram.Snapshot.empty().quantile(0.5));
        h.record(-3);
        assertEquals(1101, h.snapshot().count());
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        LogHistogram h = new LogHistogram();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    h.record(i);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(200_000, h.snapshot().count());
    }

    private static void assertClose(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.032, "expected ~" + expected + " got " + actual);
    }
}
