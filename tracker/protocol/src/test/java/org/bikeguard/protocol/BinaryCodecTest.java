package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_COUNT;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_RSSI;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_STATION;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TIMESTAMP;
import static org.bikeguard.protocol.FrameDecodeException.Reason.EMPTY;
import static org.bikeguard.protocol.FrameDecodeException.Reason.OVERSIZED;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TOO_MANY_ENTRIES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRAILING_BYTES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRUNCATED;
import static org.bikeguard.protocol.FrameDecodeException.Reason.UNKNOWN_FORMAT;
import static org.bikeguard.protocol.FrameDecodeException.Reason.UNSUPPORTED_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

    static FrameDecodeException.Reason reasonOf(byte[] payload) {
        return assertThrows(FrameDecodeException.class, () -> FrameCodec.decode(payload))
                .reason();
    }

    /** Header of a binary frame for station "S" with the given entry count. */
    static ByteBuffer header(int capacity, long base, int n) {
        return ByteBuffer.allocate(capacity)
                .put((byte) 0xB6)
                .put((byte) 1)
                .put((byte) 1)
                .put((byte) 'S')
                .putLong(7)
                .putLong(base)
                .putShort((short) n);
    }

    static byte[] bytes(ByteBuffer b) {
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void roundTripsFramesOfEverySizeFromZeroToMaxEntries() throws Exception {
        for (int n : new int[] {0, 1, 2, 3, 100, 999, Limits.MAX_ENTRIES}) {
            Frame f = TestFrames.sample(n);
            assertEquals(f, FrameCodec.decode(FrameCodec.encodeBinary(f)), "n=" + n);
        }
    }

    @Test
    void roundTripsRandomFramesWithFlagsCountsExtremeTagsAndUnsignedSeq() throws Exception {
        Random rnd = new Random(11);
        for (int i = 0; i < 2000; i++) {
            Frame f = TestFrames.random(rnd, 40);
            assertEquals(f, FrameCodec.decode(FrameCodec.encodeBinary(f)));
        }
    }

    @Test
    void roundTripsTagZeroTagMaxSeqMaxAndCountBoundaries() throws Exception {
        Frame f = Frame.of(
                "a",
                -1L,
                List.of(
                        new Read(0, 0, 0, 1, 0),
                        new Read(-1L, Long.MAX_VALUE - 0xFFFF_FFFFL, -127, Limits.MAX_COUNT, 3),
                        new Read(Long.MIN_VALUE, 5, -1, 127, ReadFlags.TAMPER),
                        new Read(Long.MAX_VALUE, 6, -2, 128, ReadFlags.LOW_BATTERY),
                        new Read(1, 7, -3, 16_384, 0)));
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encodeBinary(f));
        Frame g = Frame.of("a", -1L, f.reads().subList(2, 5));
        Frame back = FrameCodec.decode(FrameCodec.encodeBinary(g));
        assertEquals(g, back);
        assertEquals("18446744073709551615", Long.toUnsignedString(back.seq()));
    }

    @Test
    void encodesMaxTimestampSpreadButRejectsOneMillisecondMore() throws Exception {
        Frame ok = Frame.of("S", 1, List.of(Read.of(1, 10, -1), Read.of(2, 10 + 0xFFFF_FFFFL, -1)));
        assertEquals(ok, FrameCodec.decode(FrameCodec.encodeBinary(ok)));
        Frame tooWide = Frame.of("S", 1, List.of(Read.of(1, 10, -1), Read.of(2, 11 + 0xFFFF_FFFFL, -1)));
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encodeBinary(tooWide));
    }

    @Test
    void everyTruncatedPrefixOfAValidFrameFailsAsTruncatedOrEmpty() {
        for (Frame f : List.of(TestFrames.sample(5), TestFrames.sample(30))) {
            byte[] full = FrameCodec.encodeBinary(f);
            for (int len = 0; len < full.length; len++) {
                byte[] prefix = Arrays.copyOf(full, len);
                assertEquals(len == 0 ? EMPTY : TRUNCATED, reasonOf(prefix), "prefix " + len);
            }
        }
    }

    @Test
    void decodesASubrangeWithoutReadingOutsideIt() throws Exception {
        Frame f = TestFrames.sample(3);
        byte[] enc = FrameCodec.encodeBinary(f);
        byte[] padded = new byte[enc.length + 10];
        Arrays.fill(padded, (byte) 0x7F);
        System.arraycopy(enc, 0, padded, 5, enc.length);
        assertEquals(f, FrameCodec.decode(padded, 5, enc.length));
        FrameDecodeException e =
                assertThrows(FrameDecodeException.class, () -> FrameCodec.decode(padded, 5, enc.length - 1));
        assertEquals(TRUNCATED, e.reason());
        assertThrows(IndexOutOfBoundsException.class, () -> FrameCodec.decode(enc, 1, enc.length));
    }

    @Test
    void payloadOverSixtyFourKibIsOversizedEvenIfOtherwiseValid() {
        byte[] big = Arrays.copyOf(FrameCodec.encodeBinary(TestFrames.single()), Limits.MAX_FRAME_BYTES + 1);
        assertEquals(OVERSIZED, reasonOf(big));
    }

    @Test
    void entryCountAboveOneThousandIsTooManyEntriesBeforeAnyAllocation() {
        assertEquals(TOO_MANY_ENTRIES, reasonOf(bytes(header(64, 0, 1001))));
        assertEquals(TOO_MANY_ENTRIES, reasonOf(bytes(header(64, 0, 0xFFFF))));
        ByteBuffer full = header(30_000, 0, 1001);
        for (int i = 0; i < 1001; i++) {
            full.putLong(i).putInt(0).put((byte) -50).put((byte) 0);
        }
        assertEquals(TOO_MANY_ENTRIES, reasonOf(bytes(full)));
    }

    @Test
    void entryCountLargerThanTheRemainingBytesIsTruncated() {
        assertEquals(
                TRUNCATED,
                reasonOf(bytes(
                        header(64, 0, 2).putLong(1).putInt(0).put((byte) -1).put((byte) 0))));
    }

    @Test
    void unknownVersionIsUnsupportedVersionAndUnknownFirstByteIsUnknownFormat() {
        byte[] enc = FrameCodec.encodeBinary(TestFrames.single());
        enc[1] = 3;
        assertEquals(UNSUPPORTED_VERSION, reasonOf(enc));
        assertEquals(UNSUPPORTED_VERSION, reasonOf(new byte[] {(byte) 0xB6, 0}));
        assertEquals(UNKNOWN_FORMAT, reasonOf(new byte[] {0x00, 1, 2}));
        assertEquals(UNKNOWN_FORMAT, reasonOf("  [1]".getBytes()));
        assertEquals(UNKNOWN_FORMAT, reasonOf("   ".getBytes()));
        assertEquals(EMPTY, reasonOf(new byte[0]));
        assertEquals(
                EMPTY,
                assertThrows(FrameDecodeException.class, () -> FrameCodec.decode(null))
                        .reason());
    }

    @Test
    void stationLengthZeroOrAbove32OrBadCharacterIsBadStation() {
        byte[] enc = FrameCodec.encodeBinary(TestFrames.single());
        byte[] zero = enc.clone();
        zero[2] = 0;
        assertEquals(BAD_STATION, reasonOf(zero));
        byte[] long33 = enc.clone();
        long33[2] = 33;
        assertEquals(BAD_STATION, reasonOf(long33));
        for (byte bad : new byte[] {' ', '/', '+', '#', 0, (byte) 0xC3, 0x7F}) {
            byte[] b = enc.clone();
            b[4] = bad;
            assertEquals(BAD_STATION, reasonOf(b), "byte " + bad);
        }
    }

    @Test
    void rssiAboveZeroOrMinus128IsBadRssi() {
        for (byte bad : new byte[] {1, 127, -128}) {
            byte[] b = bytes(header(64, 0, 1).putLong(1).putInt(0).put(bad).put((byte) 0));
            assertEquals(BAD_RSSI, reasonOf(b), "rssi " + bad);
        }
    }

    @Test
    void countZeroAboveMaxOrOverlongVarintIsBadCount() {
        byte[][] counts = {
            {0},
            {(byte) 0xC1, (byte) 0x84, 0x3D},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, 1},
            {(byte) 0xFF, (byte) 0xFF, 0x7F}
        };
        for (byte[] c : counts) {
            ByteBuffer b = header(64, 0, 1)
                    .putLong(1)
                    .putInt(0)
                    .put((byte) -1)
                    .put((byte) 0x80)
                    .put(c);
            assertEquals(BAD_COUNT, reasonOf(bytes(b)), Arrays.toString(c));
        }
    }

    @Test
    void nonMinimalCountEncodingsAreAcceptedAsLongAsTheValueIsValid() throws Exception {
        ByteBuffer b = header(64, 0, 2)
                .putLong(1)
                .putInt(0)
                .put((byte) -1)
                .put((byte) 0x80)
                .put((byte) 1)
                .putLong(2)
                .putInt(0)
                .put((byte) -1)
                .put((byte) 0x80)
                .put((byte) 0x85)
                .put((byte) 0x80)
                .put((byte) 0);
        Frame f = FrameCodec.decode(bytes(b));
        assertArrayEquals(new int[] {1, 5}, f.counts());
    }

    @Test
    void reservedFlagBitsAreIgnored() throws Exception {
        byte[] b = bytes(header(64, 0, 1).putLong(1).putInt(0).put((byte) -1).put((byte) 0x7F));
        Frame f = FrameCodec.decode(b);
        assertEquals(ReadFlags.TAMPER | ReadFlags.LOW_BATTERY, f.read(0).flags());
        assertEquals(1, f.read(0).count());
    }

    @Test
    void negativeBaseTimestampOrOverflowingDeltaIsBadTimestamp() {
        assertEquals(BAD_TIMESTAMP, reasonOf(bytes(header(64, -1, 0))));
        byte[] overflow = bytes(header(64, Long.MAX_VALUE, 1)
                .putLong(1)
                .putInt(1)
                .put((byte) -1)
                .put((byte) 0));
        assertEquals(BAD_TIMESTAMP, reasonOf(overflow));
    }

    @Test
    void bytesAfterTheLastEntryAreTrailingBytes() {
        byte[] enc = FrameCodec.encodeBinary(TestFrames.sample(2));
        assertEquals(TRAILING_BYTES, reasonOf(Arrays.copyOf(enc, enc.length + 1)));
    }

    @Test
    void binaryFramesAreNotJsonAndMagicIsNotAUtf8LeadByte() {
        assertFalse(FrameCodec.isJson(FrameCodec.encodeBinary(TestFrames.single())));
        assertEquals(0x80, FrameCodec.BINARY_MAGIC & 0xC0); // UTF-8 continuation byte
    }

    @Test
    void largestBinaryFrameFitsTheSizeLimit() {
        List<Read> reads = new java.util.ArrayList<>();
        for (int i = 0; i < Limits.MAX_ENTRIES; i++) {
            reads.add(new Read(i, i, -1, Limits.MAX_COUNT, 3));
        }
        byte[] enc = FrameCodec.encodeBinary(Frame.of("X".repeat(32), -1, reads));
        assertEquals(21 + 32 + Limits.MAX_ENTRIES * (14 + 3), enc.length);
    }
}
