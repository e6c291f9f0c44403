package org.bikeguard.protocol;

import static org.bikeguard.protocol.BinaryCodecTest.reasonOf;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_ANTENNA;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional per-read antenna: JSON field, binary version 2, old frames unchanged. */
class AntennaTest {
    private static final long T = 1_732_333_333_000L;

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFrameWithoutAntennasHasNoArrayAndEncodesAsVersionOne() throws Exception {
        Frame f = Frame.of("S", 1, List.of(Read.of(1, T, -50), new Read(2, T, -60, 3, 0)));
        assertFalse(f.hasAntennas());
        assertNull(f.antennas());
        assertEquals(Read.NO_ANTENNA, f.read(0).antenna());
        byte[] bin = FrameCodec.encodeBinary(f);
        assertEquals(FrameCodec.BINARY_VERSION, bin[1]);
        assertEquals(f, FrameCodec.decode(bin));
        assertFalse(new String(FrameCodec.encodeJson(f), StandardCharsets.UTF_8).contains("antenna"));
    }

    @Test
    void antennasRoundTripThroughBothEncodingsAndBinaryVersionTwo() throws Exception {
        Frame f = Frame.of(
                "S",
                2,
                List.of(
                        new Read(1, T, -50, 1, 0, 0),
                        new Read(2, T + 5, -60, 200, ReadFlags.TAMPER),
                        new Read(3, T + 9, -1, 1, 0, 15)));
        assertTrue(f.hasAntennas());
        byte[] bin = FrameCodec.encodeBinary(f);
        assertEquals(FrameCodec.BINARY_VERSION_ANTENNAS, bin[1]);
        Frame back = FrameCodec.decode(bin);
        assertEquals(f, back);
        assertEquals(
                List.of(0, -1, 15), back.reads().stream().map(Read::antenna).toList());
        assertEquals(f, FrameCodec.decode(FrameCodec.encodeJson(f)));
    }

    @Test
    void anAntennaOnlyOnALaterReadLeavesEarlierReadsWithout() throws Exception {
        StringBuilder sb = new StringBuilder("{\"station\":\"S\",\"seq\":1,\"reads\":[");
        for (int i = 0; i < 40; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"tag\":\"1\",\"ts\":")
                    .append(T + i)
                    .append(",\"rssi\":-5");
            sb.append(i == 37 ? ",\"antenna\":7}" : "}");
        }
        Frame f = FrameCodec.decode(json(sb.append("]}").toString()));
        byte[] expected = new byte[40];
        Arrays.fill(expected, (byte) -1);
        expected[37] = 7;
        assertArrayEquals(expected, f.antennas());
    }

    @Test
    void jsonAntennaOutOfRangeOrNotAnIntegerIsBadAntenna() {
        for (String a : new String[] {"16", "-1", "1.5", "\"3\"", "null"}) {
            assertEquals(
                    BAD_ANTENNA,
                    reasonOf(json(
                            "{\"station\":\"S\",\"seq\":1,\"reads\":[{\"tag\":\"1\",\"ts\":1,\"rssi\":-5,\"antenna\":"
                                    + a + "}]}")),
                    a);
        }
    }

    @Test
    void binaryAntennaByteOutsideZeroToFifteenAndNotFfIsBadAntenna() throws Exception {
        byte[] bin = FrameCodec.encodeBinary(Frame.of("S", 1, List.of(new Read(1, T, -50, 1, 0, 4))));
        int antennaAt = bin.length - 2; // entry: ... rssi, antenna, flags
        assertEquals(4, bin[antennaAt]);
        bin[antennaAt] = 0x10;
        assertEquals(BAD_ANTENNA, reasonOf(bin));
        bin[antennaAt] = (byte) 0xFF;
        assertFalse(FrameCodec.decode(bin).hasAntennas());
        assertEquals(TRUNCATED, reasonOf(Arrays.copyOf(bin, bin.length - 1)));
    }

    @Test
    void readAndFrameRejectAntennasOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new Read(1, T, -5, 1, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new Read(1, T, -5, 1, 0, -2));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Frame(
                        "S", 1, new long[1], new long[1], new byte[1], new int[] {1}, new byte[1], new byte[] {20}));
    }

    @Test
    void phaseTopicsNameTheIntersection() {
        assertEquals("signals/HY-X01/phase", Topics.phaseTopic("HY-X01"));
        assertEquals("HY-X01", Topics.intersectionOf("signals/HY-X01/phase"));
        assertNull(Topics.intersectionOf("signals//phase"));
        assertNull(Topics.intersectionOf("signals/a+b/phase"));
        assertNull(Topics.intersectionOf("stations/HY-X01/reads"));
    }
}
