package org.bikeguard.sim.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TruthWriterTest {
    @Test
    void isoTimesAlwaysCarryMillisecondsInUtc() {
        IsoTime iso = new IsoTime();
        assertEquals("2024-11-23T03:42:13.123Z", iso.format(1732333333123L));
        assertEquals("2024-11-23T03:42:13.000Z", iso.format(1732333333000L));
        assertEquals("1970-01-01T00:00:00.000Z", iso.format(0));
        assertEquals("1969-12-31T23:59:59.999Z", iso.format(-1));
        assertEquals(1732333333123L, IsoTime.parse("2024-11-23T11:42:13.123+08:00"));
        assertEquals(1732333333123L, IsoTime.parse("2024-11-23T03:42:13.123Z"));
    }

    @Test
    void recordsAreOneJsonObjectPerLine() throws Exception {
        StringWriter w = new StringWriter();
        try (TruthWriter t = new TruthWriter(w)) {
            t.begin("visit")
                    .field("tag", "E2")
                    .field("station", "HY-\"1\"")
                    .time("enter", 0)
                    .field("reads", 3L)
                    .field("clone", true)
                    .end();
            t.begin("theft").raw("stash", "{\"lon\":112.5}").field("lat", 26.5).end();
        }
        assertEquals(
                "{\"type\":\"visit\",\"tag\":\"E2\",\"station\":\"HY-\\\"1\\\"\","
                        + "\"enter\":\"1970-01-01T00:00:00.000Z\",\"reads\":3,\"clone\":true}\n"
                        + "{\"type\":\"theft\",\"stash\":{\"lon\":112.5},\"lat\":26.5}\n",
                w.toString());
    }

    @Test
    void aDisabledWriterWritesNothing() {
        TruthWriter t = TruthWriter.disabled();
        t.begin("visit").field("tag", "E2").end();
        assertEquals(0, t.records());
    }
}
