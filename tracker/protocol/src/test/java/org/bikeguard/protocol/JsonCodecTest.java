package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_COUNT;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_RSSI;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_SEQ;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_STATION;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TAG;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TIMESTAMP;
import static org.bikeguard.protocol.FrameDecodeException.Reason.MALFORMED_JSON;
import static org.bikeguard.protocol.FrameDecodeException.Reason.MISSING_FIELD;
import static org.bikeguard.protocol.FrameDecodeException.Reason.OVERSIZED;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TOO_MANY_ENTRIES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRAILING_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private static final String READ = "{\"tag\":\"E2000017\",\"ts\":1732333333123,\"rssi\":-61}";

    static Frame decode(String json) throws FrameDecodeException {
        return FrameCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    static FrameDecodeException.Reason reasonOf(String json) {
        return assertThrows(FrameDecodeException.class, () -> decode(json)).reason();
    }

    static String frame(String reads) {
        return "{\"station\":\"HY-0001\",\"seq\":42,\"reads\":[" + reads + "]}";
    }

    static String read(String extra) {
        return READ.substring(0, READ.length() - 1) + extra + "}";
    }

    @Test
    void decodesTheContractExample() throws Exception {
        assertEquals(TestFrames.single(), decode(frame(READ)));
    }

    @Test
    void roundTripsRandomFramesWithFlagsCountsExtremeTagsAndUnsignedSeq() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Frame f = TestFrames.random(rnd, 40);
            assertEquals(f, FrameCodec.decode(FrameCodec.encodeJson(f)));
        }
    }

    @Test
    void roundTripsThousandEntryFrameAndZeroEntryFrame() throws Exception {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_ENTRIES; i++) {
            reads.add(Read.of(0xE2000000L + i, TestFrames.T0 + i, -61));
        }
        Frame big = Frame.of("HY-0001", 1, reads);
        assertEquals(big, FrameCodec.decode(FrameCodec.encodeJson(big)));
        Frame empty = Frame.of("HY-0001", 0, List.of());
        assertEquals(empty, decode("{\"station\":\"HY-0001\",\"seq\":0,\"reads\":[]}"));
        assertEquals(empty, FrameCodec.decode(FrameCodec.encodeJson(empty)));
    }

    @Test
    void encodeJsonRefusesFramesThatWouldExceedSixtyFourKib() {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_ENTRIES; i++) {
            reads.add(new Read(-1L, Long.MAX_VALUE, -127, Limits.MAX_COUNT, 3));
        }
        Frame f = Frame.of("X".repeat(32), -1L, reads);
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encodeJson(f));
    }

    @Test
    void unknownFieldsAtAnyLevelAndUnknownFlagsAreIgnored() throws Exception {
        String json = "{\"fw\":{\"v\":[1,2,{\"x\":null}]},\"station\":\"HY-0001\",\"seq\":42,"
                + "\"reads\":[" + read(",\"antenna\":3,\"flags\":[\"tamper\",\"on_fire\"]," + "\"extra\":[[]]")
                + "],\"battery\":3.7}";
        Frame f = decode(json);
        assertEquals(ReadFlags.TAMPER, f.read(0).flags());
        assertEquals(0xE2000017L, f.read(0).tag());
    }

    @Test
    void fieldOrderWhitespaceAndLowerCaseTagsAreAccepted() throws Exception {
        String json = "\n\t {\"reads\": [ {\"rssi\": -61, \"ts\": 1732333333123, \"tag\": "
                + "\"00e2000017\"} ] , \"seq\" : 42, \"station\": \"HY-0001\" }\r\n";
        assertEquals(TestFrames.single(), decode(json));
    }

    @Test
    void countAndFlagsAreDecoded() throws Exception {
        Read r = decode(frame(read(",\"count\":12,\"flags\":[\"low_battery\",\"tamper\"]")))
                .read(0);
        assertEquals(12, r.count());
        assertEquals(ReadFlags.TAMPER | ReadFlags.LOW_BATTERY, r.flags());
    }

    @Test
    void seqUpToUnsigned64BitMaxIsAcceptedAndAboveIsBadSeq() throws Exception {
        String max = "{\"station\":\"S\",\"seq\":18446744073709551615,\"reads\":[]}";
        assertEquals(-1L, decode(max).seq());
        assertEquals(
                Long.MIN_VALUE,
                decode("{\"station\":\"S\",\"seq\":9223372036854775808,\"reads\":[]}")
                        .seq());
        for (String seq : List.of("18446744073709551616", "-1", "1.5", "\"42\"", "null", "1e3")) {
            assertEquals(BAD_SEQ, reasonOf("{\"station\":\"S\",\"seq\":" + seq + ",\"reads\":[]}"), seq);
        }
    }

    @Test
    void missingReadsStationSeqOrReadFieldIsMissingField() {
        assertEquals(MISSING_FIELD, reasonOf("{\"station\":\"HY-0001\",\"seq\":42}"));
        assertEquals(MISSING_FIELD, reasonOf("{\"seq\":42,\"reads\":[]}"));
        assertEquals(MISSING_FIELD, reasonOf("{\"station\":\"HY-0001\",\"reads\":[]}"));
        assertEquals(MISSING_FIELD, reasonOf(frame("{\"ts\":1,\"rssi\":-1}")));
        assertEquals(MISSING_FIELD, reasonOf(frame("{\"tag\":\"1\",\"rssi\":-1}")));
        assertEquals(MISSING_FIELD, reasonOf(frame("{\"tag\":\"1\",\"ts\":1}")));
    }

    @Test
    void badTagStringsAreBadTag() {
        for (String tag : List.of(
                "\"\"", "\"xyz\"", "\"12345678901234567\"", "\"0x12\"", "\" 12\"", "\"-1\"", "12", "null", "[\"1\"]")) {
            assertEquals(BAD_TAG, reasonOf(frame("{\"tag\":" + tag + ",\"ts\":1,\"rssi\":-1}")), tag);
        }
    }

    @Test
    void rssiOutOfRangeOrNotAnIntegerIsBadRssi() {
        for (String rssi : List.of("1", "-128", "-61.0", "\"-61\"", "-99999999999", "null")) {
            assertEquals(BAD_RSSI, reasonOf(frame("{\"tag\":\"1\",\"ts\":1,\"rssi\":" + rssi + "}")), rssi);
        }
    }

    @Test
    void countOutOfRangeOrNotAnIntegerIsBadCount() {
        for (String count : List.of("0", "-1", "1000001", "2.0", "\"3\"", "99999999999")) {
            assertEquals(BAD_COUNT, reasonOf(frame(read(",\"count\":" + count))), count);
        }
    }

    @Test
    void negativeFractionalOrHugeTimestampIsBadTimestamp() {
        for (String ts : List.of("-1", "1.5", "\"1\"", "99999999999999999999", "1e12")) {
            assertEquals(BAD_TIMESTAMP, reasonOf(frame("{\"tag\":\"1\",\"ts\":" + ts + ",\"rssi\":-1}")), ts);
        }
    }

    @Test
    void stationTooLongEmptyWithBadCharactersOrNotAStringIsBadStation() {
        for (String st : List.of(
                "\"" + "A".repeat(33) + "\"",
                "\"\"",
                "\"HY 1\"",
                "\"HY/1\"",
                "\"HY\\u00e91\"",
                "\"HY\\u00001\"",
                "7",
                "null")) {
            assertEquals(BAD_STATION, reasonOf("{\"station\":" + st + ",\"seq\":1,\"reads\":[]}"), st);
        }
    }

    @Test
    void moreThanOneThousandReadsIsTooManyEntries() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_ENTRIES; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"tag\":\"1\",\"ts\":1,\"rssi\":-1}");
        }
        assertEquals(TOO_MANY_ENTRIES, reasonOf(frame(sb.toString())));
    }

    @Test
    void jsonOverSixtyFourKibIsOversized() {
        String pad = " ".repeat(Limits.MAX_FRAME_BYTES);
        assertEquals(OVERSIZED, reasonOf(frame(READ) + pad));
    }

    @Test
    void syntaxErrorsWrongStructureAndDuplicateFieldsAreMalformedJson() {
        for (String bad : List.of(
                "{",
                "{\"station\":",
                "{\"station\":\"S\",}",
                frame(READ) + "x",
                "{\"station\":\"S\",\"seq\":1,\"reads\":{}}",
                "{\"station\":\"S\",\"seq\":1,\"reads\":[1]}",
                frame(read(",\"flags\":\"tamper\"")),
                frame(read(",\"flags\":[1]")),
                "{\"station\":\"S\",\"station\":\"T\",\"seq\":1,\"reads\":[]}",
                frame(read(",\"tag\":\"2\"")),
                "{\"seq\":007,\"station\":\"S\",\"reads\":[]}")) {
            assertEquals(MALFORMED_JSON, reasonOf(bad), bad);
        }
        byte[] badUtf8 =
                "{\"station\":\"S\",\"x\":\"\u00ff\",\"seq\":1,\"reads\":[]}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                MALFORMED_JSON,
                assertThrows(FrameDecodeException.class, () -> FrameCodec.decode(badUtf8))
                        .reason());
    }

    @Test
    void aSecondValueAfterTheFrameIsTrailingBytes() {
        assertEquals(TRAILING_BYTES, reasonOf(frame(READ) + " {}"));
        assertEquals(TRAILING_BYTES, reasonOf(frame(READ) + " 1"));
    }

    @Test
    void encodedJsonIsCompactOmitsDefaultsAndUsesCanonicalTags() {
        Frame f =
                Frame.of("HY-0001", -1L, List.of(Read.of(0xABCL, 5, -1), new Read(0, 6, 0, 3, ReadFlags.LOW_BATTERY)));
        String json = new String(FrameCodec.encodeJson(f), StandardCharsets.UTF_8);
        assertEquals(
                "{\"station\":\"HY-0001\",\"seq\":18446744073709551615,\"reads\":["
                        + "{\"tag\":\"ABC\",\"ts\":5,\"rssi\":-1},"
                        + "{\"tag\":\"0\",\"ts\":6,\"rssi\":0,\"count\":3,\"flags\":[\"low_battery\"]}]}",
                json);
        assertTrue(FrameCodec.isJson(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deeplyNestedUnknownFieldIsRejectedCleanlyOrSkipped() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String json = "{\"x\":" + deep + ",\"station\":\"S\",\"seq\":1,\"reads\":[]}";
        assertEquals(MALFORMED_JSON, reasonOf(json));
    }
}
