package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.ReadFlags;
import org.junit.jupiter.api.Test;

class FrameDigestTest {

    private static final long T0 = 1_795_000_000_000L;

    private static Frame frame(long seq, Read... reads) {
        return Frame.of("DG-1", seq, List.of(reads));
    }

    @Test
    void theSameReadsInEitherEncodingHaveTheSameDigest() throws Exception {
        Frame f = frame(7, new Read(0xE2000017L, T0, -61, 1, 0), new Read(0xABCL, T0 + 5, -40, 3, ReadFlags.TAMPER));
        long fromJson = FrameDigest.of(FrameCodec.decode(FrameCodec.encodeJson(f)));
        long fromBinary = FrameDigest.of(FrameCodec.decode(FrameCodec.encodeBinary(f)));
        byte[] reordered = ("{ \"reads\": [{\"rssi\":-61,\"ts\":" + T0 + ",\"tag\":\"00e2000017\",\"extra\":1},"
                        + "{\"tag\":\"abc\",\"ts\":" + (T0 + 5) + ",\"rssi\":-40,\"count\":3,"
                        + "\"flags\":[\"tamper\",\"unknown\"]}], \"seq\": 7, \"station\": \"DG-1\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(fromJson, fromBinary);
        assertEquals(fromJson, FrameDigest.of(FrameCodec.decode(reordered)), "key order, whitespace, unknowns");
    }

    @Test
    void theSeqIsNotPartOfTheDigestButEveryFieldOfEveryReadIs() {
        Read r = new Read(0x1234L, T0, -50, 2, 0);
        long base = FrameDigest.of(frame(1, r));
        assertEquals(base, FrameDigest.of(frame(99, r)), "the seq is the key, not the content");
        assertNotEquals(base, FrameDigest.of(frame(1, new Read(0x1235L, T0, -50, 2, 0))), "tag");
        assertNotEquals(base, FrameDigest.of(frame(1, new Read(0x1234L, T0 + 1, -50, 2, 0))), "ts");
        assertNotEquals(base, FrameDigest.of(frame(1, new Read(0x1234L, T0, -51, 2, 0))), "rssi");
        assertNotEquals(base, FrameDigest.of(frame(1, new Read(0x1234L, T0, -50, 3, 0))), "count");
        assertNotEquals(base, FrameDigest.of(frame(1, new Read(0x1234L, T0, -50, 2, ReadFlags.LOW_BATTERY))), "flags");
        assertNotEquals(base, FrameDigest.of(frame(1, r, r)), "a read twice");
        assertNotEquals(FrameDigest.of(frame(1)), base, "no reads");
        Read s = new Read(0x9L, T0 + 9, -70, 1, 0);
        assertNotEquals(FrameDigest.of(frame(1, r, s)), FrameDigest.of(frame(1, s, r)), "order");
    }

    @Test
    void aHundredThousandRandomFramesHaveAsManyDigestsAsDistinctContents() {
        Random rnd = new Random(11);
        Set<Long> digests = new HashSet<>();
        Set<List<Read>> contents = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            List<Read> reads = new ArrayList<>();
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                // few distinct values: many frames differ in one small field only
                reads.add(new Read(rnd.nextInt(64), T0 + rnd.nextInt(1000), -rnd.nextInt(128), 1 + rnd.nextInt(4), 0));
            }
            contents.add(reads);
            digests.add(FrameDigest.of(Frame.of("DG-1", i, reads)));
        }
        assertEquals(contents.size(), digests.size());
    }

    @Test
    void anAntennaIsPartOfTheDigestAndAFrameWithoutAntennasKeepsItsFormerDigest() {
        Frame plain = frame(1, new Read(0xE1, T0, -50, 1, 0));
        Frame antenna0 = frame(1, new Read(0xE1, T0, -50, 1, 0, 0));
        Frame antenna1 = frame(1, new Read(0xE1, T0, -50, 1, 0, 1));
        assertNotEquals(FrameDigest.of(plain), FrameDigest.of(antenna0));
        assertNotEquals(FrameDigest.of(antenna0), FrameDigest.of(antenna1));
        // the formula before antennas: the same digest for every frame logged before them
        long h = 0xC2B2_AE3D_27D4_EB4FL ^ 1;
        long rest = 1 | ((-50 & 0xFFL) << 24);
        long e = 0xE1 * 0x9E37_79B9_7F4A_7C15L
                + Long.rotateLeft(T0 * 0xC2B2_AE3D_27D4_EB4FL, 31)
                + rest * 0x1656_67B1_9E37_79F9L;
        h = (h ^ e) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 31;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        assertEquals(h ^ (h >>> 33), FrameDigest.of(plain));
    }
}
