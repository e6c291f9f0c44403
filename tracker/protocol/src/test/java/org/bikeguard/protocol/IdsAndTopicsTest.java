package org.bikeguard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsAndTopicsTest {

    @Test
    void tagParsingIsCaseInsensitiveAndAcceptsLeadingZeros() {
        assertEquals(0xE2000017L, TagIds.parse("E2000017"));
        assertEquals(0xE2000017L, TagIds.parse("e2000017"));
        assertEquals(0xE2000017L, TagIds.parse("00000000e2000017"));
        assertEquals(0xABCDEFL, TagIds.parse("aBcDeF"));
        assertEquals(0L, TagIds.parse("0"));
        assertEquals(0L, TagIds.parse("0000000000000000"));
    }

    @Test
    void tagParsingCoversTheFullUnsigned64BitRange() {
        assertEquals(-1L, TagIds.parse("FFFFFFFFFFFFFFFF"));
        assertEquals(Long.MIN_VALUE, TagIds.parse("8000000000000000"));
        assertEquals(Long.MAX_VALUE, TagIds.parse("7fffffffffffffff"));
    }

    @Test
    void tagParsingRejectsSeventeenDigitsEmptyNonHexSignsPrefixesAndBlanks() {
        for (String bad : Arrays.asList(
                "00000000000000000",
                "1FFFFFFFFFFFFFFFF",
                "",
                "G1",
                "0x1",
                "-1",
                "+1",
                " 1",
                "1 ",
                "E2\u0000",
                "\uFF11",
                null)) {
            assertFalse(TagIds.isValid(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> TagIds.parse(bad));
        }
    }

    @Test
    void tagFormatIsUpperCaseWithoutLeadingZerosAndZeroIsZero() {
        assertEquals("E2000017", TagIds.format(TagIds.parse("00e2000017")));
        assertEquals("0", TagIds.format(0));
        assertEquals("FFFFFFFFFFFFFFFF", TagIds.format(-1L));
        assertEquals("8000000000000000", TagIds.format(Long.MIN_VALUE));
        assertEquals("ABCDEF", TagIds.format(0xabcdefL));
    }

    @Test
    void stationIdsAllowOneToThirtyTwoCharsOfLettersDigitsDotUnderscoreDash() {
        for (String ok : List.of("A", "HY-0001", "a.b_c-D9", "X".repeat(32))) {
            assertTrue(StationIds.isValid(ok), ok);
        }
        for (String bad : Arrays.asList("", "X".repeat(33), "HY 1", "HY/1", "HY+1", "HY#1", "é", "HY\n", null)) {
            assertFalse(StationIds.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void readsTopicIsStationsIdReadsAndRejectsInvalidIds() {
        assertEquals("stations/HY-0001/reads", Topics.readsTopic("HY-0001"));
        assertThrows(IllegalArgumentException.class, () -> Topics.readsTopic("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Topics.readsTopic(""));
    }

    @Test
    void stationOfExtractsTheIdOnlyFromWellFormedReadsTopics() {
        assertEquals("HY-0001", Topics.stationOf("stations/HY-0001/reads"));
        for (String bad : Arrays.asList(
                "stations//reads",
                "stations/a/b/reads",
                "stations/HY-0001/read",
                "station/HY-0001/reads",
                "stations/+/reads",
                "/stations/HY-0001/reads",
                "stations/HY-0001/reads/",
                "stations/reads",
                "stations/" + "X".repeat(33) + "/reads",
                "",
                null)) {
            assertNull(Topics.stationOf(bad), String.valueOf(bad));
        }
    }

    @Test
    void reasonMetricNamesAreLowerSnakeCase() {
        assertEquals("bad_tag", FrameDecodeException.Reason.BAD_TAG.metricName());
        assertEquals("too_many_entries", FrameDecodeException.Reason.TOO_MANY_ENTRIES.metricName());
        for (FrameDecodeException.Reason r : FrameDecodeException.Reason.values()) {
            assertTrue(r.metricName().matches("[a-z]+(_[a-z]+)*"), r.metricName());
        }
        FrameDecodeException e = new FrameDecodeException(FrameDecodeException.Reason.EMPTY, "x");
        assertEquals(FrameDecodeException.Reason.EMPTY, e.reason());
        assertEquals("empty: x", e.getMessage());
    }
}
