package org.bikeguard.sim.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run paced at real time over a past window: the truth's {@code pace} line maps its simulated time to wall time. */
class TruthPaceTest {

    @TempDir
    Path dir;

    Truth load(String pace) throws Exception {
        Path f = dir.resolve("truth.jsonl");
        Files.writeString(
                f,
                "{\"type\":\"run\",\"city\":\"small\",\"seed\":7,\"start\":\"2026-12-03T23:30:00.000Z\","
                        + "\"end\":\"2026-12-03T23:38:00.000Z\",\"gapS\":30}\n"
                        + pace);
        return Truth.load(f, false);
    }

    @Test
    void aRunAtRealTimeOverAPastWindowKnowsHowFarItsClockIsBehindTheWallClock() throws Exception {
        Truth t = load("{\"type\":\"pace\",\"simStart\":\"2026-12-03T23:30:00.000Z\","
                + "\"wallStart\":\"2026-12-07T04:30:04.521Z\",\"speed\":1.0}\n");
        assertEquals(3 * 86_400_000L + 5 * 3_600_000L + 4_521L, t.wallOffsetMs());
    }

    @Test
    void aFasterRunOrOneWithoutPaceHasNoOffset() throws Exception {
        assertEquals(0, load("").wallOffsetMs());
        assertEquals(
                0,
                load("{\"type\":\"pace\",\"simStart\":\"2026-12-03T23:30:00.000Z\","
                                + "\"wallStart\":\"2026-12-07T04:30:04.521Z\",\"speed\":4.0}\n")
                        .wallOffsetMs());
    }
}
