package org.bikeguard.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.junit.jupiter.api.Test;

/** The engine without a network: determinism and the bookkeeping of reads. */
class CitySimulationTest {
    /** A weekday morning, 07:00 Asia/Shanghai. */
    private static final long START =
            OffsetDateTime.parse("2026-11-20T07:00:00+08:00").toInstant().toEpochMilli();

    private static final CitySpec SPEC = new CitySpec("custom", 3_000, 90, 900, 1, 1, 2);

    /** Frames decoded as the tracker would, per (tag, station): sum of counts. */
    private static final class Recorder implements FrameSink {
        final Map<String, Long> counts = new HashMap<>();
        long total;
        long frames;
        long maxTs;

        @Override
        public void send(int station, byte[] payload, int entries, long sum) {
            try {
                Frame f = FrameCodec.decode(payload);
                long check = 0;
                for (int i = 0; i < f.size(); i++) {
                    counts.merge(TagIds.format(f.tags()[i]) + "@" + f.station(), (long) f.counts()[i], Long::sum);
                    check += f.counts()[i];
                    maxTs = Math.max(maxTs, f.timestamps()[i]);
                }
                assertEquals(sum, check);
                assertEquals(entries, f.size());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            total += sum;
            frames++;
        }
    }

    private static String run(long seed, boolean aggregated, Recorder sink) {
        City city = CityGenerator.generate(SPEC, seed, "T-", LocalDate.of(2026, 11, 20));
        StringWriter w = new StringWriter();
        TruthWriter truth = new TruthWriter(w);
        SimConfig cfg =
                new SimConfig(START, START + 3_600_000, aggregated, 5_000, 200, false, 1_000, 2, 1, 1, true, 30_000);
        CitySimulation sim = new CitySimulation(city, cfg, sink, truth, 1_700_000_000_000L);
        sim.init();
        while (!sim.done()) {
            sim.step();
        }
        sim.finish();
        return w.toString();
    }

    @Test
    void sameSeedGivesTheSameTruth() {
        String a = run(7, true, new Recorder());
        String b = run(7, true, new Recorder());
        assertEquals(a, b);
        assertNotEquals(a, run(8, true, new Recorder()));
    }

    @Test
    void visitReadsAreExactlyWhatTheStationsSent() throws Exception {
        for (boolean aggregated : new boolean[] {true, false}) {
            Recorder sink = new Recorder();
            String truth = run(3, aggregated, sink);
            ObjectMapper json = new ObjectMapper();
            Map<String, Long> visitReads = new HashMap<>();
            long sum = 0;
            int visits = 0;
            for (String line : truth.split("\n")) {
                JsonNode j = json.readTree(line);
                if (!j.get("type").asText().equals("visit")) {
                    continue;
                }
                visits++;
                long enter = IsoTime.parse(j.get("enter").asText());
                long exit = IsoTime.parse(j.get("exit").asText());
                assertTrue(enter <= exit && enter >= START && exit <= START + 3_600_000, line);
                assertTrue(j.get("reads").asLong() >= 1, line);
                visitReads.merge(
                        j.get("tag").asText() + "@" + j.get("station").asText(),
                        j.get("reads").asLong(),
                        Long::sum);
                sum += j.get("reads").asLong();
            }
            assertTrue(visits > 500, "a morning rush has many visits, got " + visits);
            assertEquals(sink.total, sum, "reads in visits vs reads in frames");
            assertEquals(sink.counts, visitReads);
            assertTrue(sink.maxTs <= START + 3_600_000 + 3_000, "no read after the run (+skew)");
        }
    }

    @Test
    void truthHasTheRunHeaderScenariosAndEnd() {
        String truth = run(5, true, new Recorder());
        String[] lines = truth.split("\n");
        assertTrue(
                lines[0].startsWith("{\"type\":\"run\",\"city\":\"custom\",\"seed\":5,"
                        + "\"start\":\"2026-11-19T23:00:00.000Z\",\"end\":\"2026-11-20T00:00:00.000Z\""),
                lines[0]);
        assertTrue(truth.contains("{\"type\":\"tags\",\"tags\":[\""));
        assertTrue(truth.contains("{\"type\":\"signal\",\"intersection\":\"I01\""));
        assertTrue(truth.contains("{\"type\":\"theft\","), "two thefts were asked for");
        assertTrue(truth.contains("\"stash\":{\"lon\":"));
        assertTrue(lines[lines.length - 1].startsWith("{\"type\":\"end\""));
    }
}
