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
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.Signals;
import org.bikeguard.sim.city.Stations;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.junit.jupiter.api.Test;

/**
 * The reads the stations send at intersections carry the evidence of the violations in the
 * ground truth: a reference detector written from the rules of docs/protocol.md section 7 (with a
 * passage gap of 10 s) finds them in the frames, and finds nothing else.
 */
class ViolationReadsTest {
    private static final long START =
            OffsetDateTime.parse("2026-11-20T07:00:00+08:00").toInstant().toEpochMilli();
    private static final long END = START + 3_600_000;
    private static final long GAP_MS = 10_000;
    private static final long TOLERANCE_MS = 1_000;
    private static final long MATCH_MS = 120_000;

    private record R(long ts, int station, int antenna) {}

    /** Approach-reader reads per tag per intersection; also checks that only approach readers send antennas. */
    private static final class Recorder implements FrameSink {
        final Map<String, List<R>> reads = new HashMap<>();
        final City city;
        final Junctions j;
        final Map<String, Integer> index = new HashMap<>();

        Recorder(City city) {
            this.city = city;
            this.j = new Junctions(city);
            for (int s = 0; s < city.stations().count(); s++) {
                index.put(city.stations().id(s), s);
            }
        }

        @Override
        public void send(int station, byte[] payload, int entries, long sum) {
            try {
                Frame f = FrameCodec.decode(payload);
                int s = index.get(f.station());
                assertEquals(j.hasAntennas(s), f.hasAntennas(), "antennas exactly from approach readers");
                for (int i = 0; i < f.size(); i++) {
                    int a = f.antenna(i);
                    if (a >= 0) {
                        assertTrue(a < Junctions.ZONES.length);
                        assertEquals(1, f.counts()[i], "approach readers report every read");
                        String key = TagIds.format(f.tags()[i]) + "@"
                                + city.stations().intersection(s);
                        reads.computeIfAbsent(key, k -> new ArrayList<>()).add(new R(f.timestamps()[i], s, a));
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theReferenceDetectorFindsTheTruthsViolationsInTheFrames() throws Exception {
        City city = CityGenerator.generate(CitySpec.SMALL, 7, "T-", LocalDate.of(2026, 11, 20));
        StringWriter w = new StringWriter();
        Recorder rec = new Recorder(city);
        SimConfig cfg = new SimConfig(START, END, true, 5_000, 200, false, 1_000, 0, 0, 0, false, 30_000, 0, 0, 0.3, 0);
        CitySimulation sim = new CitySimulation(city, cfg, rec, new TruthWriter(w), 1_700_000_000_000L);
        sim.init();
        while (!sim.done()) {
            sim.step();
        }
        sim.finish();

        List<String[]> truth = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : w.toString().split("\n")) {
            JsonNode n = json.readTree(line);
            if (n.get("type").asText().equals("violation")) {
                truth.add(new String[] {
                    n.get("tag").asText(),
                    n.get("intersection").asText(),
                    n.get("kind").asText(),
                    Long.toString(IsoTime.parse(n.get("at").asText()))
                });
            }
        }
        List<String[]> found = detect(rec, city);
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (String kind : new String[] {"red_light", "wrong_way", "motor_lane"}) {
            int t = 0;
            int hit = 0;
            for (String[] v : truth) {
                if (v[2].equals(kind)) {
                    t++;
                    hit += matches(v, found) ? 1 : 0;
                }
            }
            int f = 0;
            int good = 0;
            for (String[] v : found) {
                if (v[2].equals(kind)) {
                    f++;
                    good += matches(v, truth) ? 1 : 0;
                }
            }
            double recall = hit / (double) Math.max(1, t);
            double precision = good / (double) Math.max(1, f);
            report.append(String.format(
                    "%s: truth %d, found %d, recall %.4f, precision %.4f; ", kind, t, f, recall, precision));
            ok &= t >= 30 && recall >= 0.95 && precision >= 0.97;
        }
        System.out.println("reference detector: " + report);
        assertTrue(ok, report.toString());
    }

    private static boolean matches(String[] v, List<String[]> in) {
        long at = Long.parseLong(v[3]);
        for (String[] o : in) {
            if (o[0].equals(v[0])
                    && o[1].equals(v[1])
                    && o[2].equals(v[2])
                    && Math.abs(Long.parseLong(o[3]) - at) <= MATCH_MS) {
                return true;
            }
        }
        return false;
    }

    /** The rules of docs/protocol.md section 7 over the recorded reads: {tag, intersection, kind, at}. */
    private static List<String[]> detect(Recorder rec, City city) {
        Signals sig = city.signals();
        Junctions j = rec.j;
        List<String[]> out = new ArrayList<>();
        for (Map.Entry<String, List<R>> e : rec.reads.entrySet()) {
            String tag = e.getKey().substring(0, e.getKey().indexOf('@'));
            int inter = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('@') + 1));
            List<R> rs = e.getValue();
            rs.sort((a, b) -> Long.compare(a.ts(), b.ts()));
            int from = 0;
            for (int i = 1; i <= rs.size(); i++) {
                if (i == rs.size() || rs.get(i).ts() - rs.get(i - 1).ts() > GAP_MS) {
                    String[] v = passage(rs.subList(from, i), j, sig, inter);
                    if (v != null) {
                        out.add(new String[] {tag, Junctions.id(inter), v[0], v[1]});
                    }
                    from = i;
                }
            }
        }
        return out;
    }

    private static String[] passage(List<R> p, Junctions j, Signals sig, int inter) {
        for (int k = 0; k < p.size(); k++) {
            R r = p.get(k);
            Junctions.Zone z = Junctions.ZONES[r.antenna()];
            if (!z.role().equals("exit")) {
                continue;
            }
            long t1 = -1;
            for (int q = 0; q < k; q++) {
                R s = p.get(q);
                if (s.station() == r.station()
                        && Junctions.ZONES[s.antenna()].role().equals("stop_line")) {
                    t1 = s.ts();
                }
            }
            if (t1 >= 0) {
                boolean ns = j.arm(r.station()) % 2 == 0;
                long from = t1 - TOLERANCE_MS;
                if (sig.phase(inter, ns, from) == Signals.RED && sig.nextGreen(inter, ns, from) > r.ts()) {
                    return new String[] {"red_light", Long.toString(r.ts())};
                }
            }
        }
        if (Junctions.ZONES[p.get(0).antenna()].direction().equals("out")) {
            for (R r : p) {
                if (Junctions.ZONES[r.antenna()].direction().equals("in")) {
                    return new String[] {"wrong_way", Long.toString(r.ts())};
                }
            }
        }
        Map<Long, Integer> counts = new HashMap<>();
        long best = -1;
        int bestN = 0;
        for (R r : p) {
            long key = (long) r.station() << 8 | r.antenna();
            int c = counts.merge(key, 1, Integer::sum);
            if (c > bestN) {
                bestN = c;
                best = key;
            }
        }
        if (Junctions.ZONES[(int) (best & 0xFF)].lane().equals("motor")) {
            return new String[] {"motor_lane", Long.toString(p.get(0).ts())};
        }
        return null;
    }

    @Test
    void stationsWithoutAntennasAreUnchanged() {
        City city = CityGenerator.generate(CitySpec.SMALL, 7, "T-", LocalDate.of(2026, 11, 20));
        Stations st = city.stations();
        Junctions j = new Junctions(city);
        int approach = 0;
        for (int s = 0; s < st.count(); s++) {
            approach += j.hasAntennas(s) ? 1 : 0;
            assertTrue(!j.hasAntennas(s) || st.kind(s).equals(Stations.INTERSECTION));
        }
        assertEquals(4 * city.signals().count(), approach);
    }
}
