package org.bikeguard.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.junit.jupiter.api.Test;

/**
 * {@link CitySimulation#truthOnly} writes the visits of the normal mode, within a tolerance: a
 * small city (90 stations, 900 bikes) from 22:00 to 10:00 Asia/Shanghai (a night parked, a
 * morning rush, a theft and a gang), both modes from the same seed. The bikes move identically
 * (their random streams are untouched); only the beacons' phases and the reads differ. Tolerances:
 * at least 95 % of each mode's visits have a partner in the other with the same tag and station
 * and enter and exit each within {@value #SLACK_MS} ms (one beacon interval plus jitter;
 * measured: 96.9 % both ways); at least 90 % of the visits without a partner have at most 3 reads
 * (short visits at the edge of a radius, written in one mode only as their few reads fall;
 * measured: 464 of 470); the partners' reads agree within 5 binomial standard deviations plus 2
 * (the probability pooled from both) for all but 0.1 % of them (measured: none); the total reads
 * within 2 % (measured: 0.02 %); and every other record (run header and end counters aside) is
 * the same.
 */
class TruthOnlyModeTest {
    /** 22:00 Asia/Shanghai. */
    private static final long START =
            OffsetDateTime.parse("2026-11-19T22:00:00+08:00").toInstant().toEpochMilli();

    private static final long END = START + 12 * 3_600_000L;
    private static final long SLACK_MS = 2_500;
    private static final CitySpec SPEC = new CitySpec("custom", 3_000, 90, 900, 1, 1, 2);

    private record Visit(String key, long enter, long exit, long reads) {}

    private static List<String> run(boolean truthOnly) {
        City city = CityGenerator.generate(SPEC, 13, "T-", LocalDate.of(2026, 11, 19));
        StringWriter w = new StringWriter();
        SimConfig cfg = new SimConfig(START, END, true, 5_000, 200, false, 1_000, 2, 0, 0, false, 30_000, 1, 1, 0, 0);
        TruthWriter truth = new TruthWriter(w);
        CitySimulation sim = truthOnly
                ? CitySimulation.truthOnly(city, cfg, truth)
                : new CitySimulation(city, cfg, (s, p, e, c) -> {}, truth, 1_700_000_000_000L);
        sim.init();
        while (!sim.done()) {
            sim.step();
        }
        sim.finish();
        return List.of(w.toString().split("\n"));
    }

    private static Map<String, List<Visit>> visits(List<String> lines) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Visit>> out = new HashMap<>();
        for (String l : lines) {
            if (!l.startsWith("{\"type\":\"visit\"")) {
                continue;
            }
            JsonNode j = json.readTree(l);
            String key = j.get("tag").asText() + "@" + j.get("station").asText();
            out.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Visit(
                            key,
                            IsoTime.parse(j.get("enter").asText()),
                            IsoTime.parse(j.get("exit").asText()),
                            j.get("reads").asLong()));
        }
        return out;
    }

    private static List<String> others(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("{\"type\":\"visit\"")
                    && !l.startsWith("{\"type\":\"run\"")
                    && !l.startsWith("{\"type\":\"end\"")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Visits of {@code a} with a partner in {@code b}; checks the partners' reads. */
    private static int matched(
            Map<String, List<Visit>> a, Map<String, List<Visit>> b, List<String> outliers, List<Visit> alone) {
        int n = 0;
        for (List<Visit> vs : a.values()) {
            for (Visit v : vs) {
                int before = n;
                for (Visit o : b.getOrDefault(v.key(), List.of())) {
                    if (Math.abs(o.enter() - v.enter()) <= SLACK_MS && Math.abs(o.exit() - v.exit()) <= SLACK_MS) {
                        double beacons = (v.exit() - v.enter()) / 2_000.0 + 1;
                        // the read probability, pooled from both (it varies along a passage)
                        double q = Math.min(0.92, (v.reads() + o.reads()) / (2 * beacons));
                        double sd = Math.sqrt(beacons * q * (1 - q));
                        if (Math.abs(o.reads() - v.reads()) > 5 * sd + 2) {
                            outliers.add(v + " vs " + o);
                        }
                        n++;
                        break;
                    }
                }
                if (n == before) {
                    alone.add(v);
                }
            }
        }
        return n;
    }

    private static long count(Map<String, List<Visit>> m) {
        return m.values().stream().mapToLong(List::size).sum();
    }

    private static long reads(Map<String, List<Visit>> m) {
        return m.values().stream().flatMap(List::stream).mapToLong(Visit::reads).sum();
    }

    @Test
    void truthOnlyVisitsMatchTheNormalModesWithinTolerance() throws Exception {
        List<String> normal = run(false);
        List<String> fast = run(true);
        assertEquals(others(normal), others(fast), "thefts, gangs and dens are the same");
        assertTrue(fast.get(0).contains("\"truthOnly\":true"), fast.get(0));
        Map<String, List<Visit>> a = visits(normal);
        Map<String, List<Visit>> b = visits(fast);
        long na = count(a);
        long nb = count(b);
        assertTrue(na > 2_000, "a night and a morning rush have many visits, got " + na);
        List<String> outliers = new ArrayList<>();
        List<Visit> alone = new ArrayList<>();
        int ab = matched(a, b, outliers, alone);
        int ba = matched(b, a, new ArrayList<>(), alone);
        long few = alone.stream().filter(v -> v.reads() <= 3).count();
        System.out.printf(
                "normal %d visits (%d reads), truth-only %d (%d reads); matched %d and %d, reads outliers %d; without partner %d, %d of them with at most 3 reads%n",
                na, reads(a), nb, reads(b), ab, ba, outliers.size(), alone.size(), few);
        assertTrue(ab >= 0.95 * na, "normal visits with a truth-only partner: " + ab + " of " + na);
        assertTrue(ba >= 0.95 * nb, "truth-only visits with a normal partner: " + ba + " of " + nb);
        assertTrue(few >= 0.9 * alone.size(), "visits without a partner are edge visits of 1-3 reads: " + few);
        assertEquals(reads(a), reads(b), 0.02 * reads(a), "total reads");
        assertTrue(outliers.size() <= 0.001 * ab, "partners whose reads differ: " + outliers);
    }
}
