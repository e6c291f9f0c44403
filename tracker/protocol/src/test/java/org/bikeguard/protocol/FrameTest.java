package org.bikeguard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {
    private static final long[] L1 = {1};
    private static final byte[] B1 = {0};
    private static final int[] I1 = {1};

    @Test
    void ofBuildsParallelArraysAndReadReturnsEachEntry() {
        Read a = new Read(0xE2000017L, 5, -61, 3, ReadFlags.TAMPER);
        Read b = Read.of(-1L, 6, -127);
        Frame f = Frame.of("HY-0001", 9, List.of(a, b));
        assertEquals(2, f.size());
        assertEquals(a, f.read(0));
        assertEquals(b, f.read(1));
        assertEquals(List.of(a, b), f.reads());
        assertEquals(4, f.totalCount());
    }

    @Test
    void equalsAndHashCodeCompareArrayContents() {
        Frame x = TestFrames.sample(10);
        Frame y = TestFrames.sample(10);
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        assertNotEquals(x, TestFrames.sample(11));
        assertNotEquals(
                x, new Frame(x.station(), x.seq() + 1, x.tags(), x.timestamps(), x.rssi(), x.counts(), x.flags()));
    }

    @Test
    void toStringShowsHexTagsAndUnsignedSeq() {
        String s = Frame.of("S", -1L, List.of(Read.of(-1L, 1, -1))).toString();
        assertTrue(s.contains("seq=18446744073709551615"), s);
        assertTrue(s.contains("tag=FFFFFFFFFFFFFFFF"), s);
    }

    @Test
    void constructorRejectsInvalidStationNullOrMismatchedArraysAndTooManyEntries() {
        assertThrows(IllegalArgumentException.class, () -> new Frame("a b", 1, L1, L1, B1, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame(null, 1, L1, L1, B1, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, null, L1, B1, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, new long[2], L1, B1, I1, B1));
        int n = Limits.MAX_ENTRIES + 1;
        int[] counts = new int[n];
        java.util.Arrays.fill(counts, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> new Frame("S", 1, new long[n], new long[n], new byte[n], counts, new byte[n]));
    }

    @Test
    void constructorRejectsOutOfRangeEntries() {
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, L1, new long[] {-1}, B1, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, L1, L1, new byte[] {1}, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, L1, L1, new byte[] {-128}, I1, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, L1, L1, B1, new int[] {0}, B1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Frame("S", 1, L1, L1, B1, new int[] {Limits.MAX_COUNT + 1}, B1));
        assertThrows(IllegalArgumentException.class, () -> new Frame("S", 1, L1, L1, B1, I1, new byte[] {4}));
    }

    @Test
    void readRejectsOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new Read(1, -1, -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, 1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, 1, -128, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, 1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, 1, -1, Limits.MAX_COUNT + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, 1, -1, 1, 8));
        assertTrue(new Read(1, 1, -1, 1, 3).has(ReadFlags.LOW_BATTERY));
    }
}
