package org.bikeguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.engine.CitySimulation;
import org.bikeguard.sim.engine.SimConfig;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.junit.jupiter.api.Test;

/** Gangs move their stolen bikes together to one of the --dens dens, and say so in the truth. */
class GangsTest {
    /** 22:00 Asia/Shanghai: the run covers a night. */
    private static final long START =
            OffsetDateTime.parse("2026-11-19T22:00:00+08:00").toInstant().toEpochMilli();

    private static final CitySpec SPEC = new CitySpec("custom", 3_000, 90, 900, 1, 1, 2);

    private static List<JsonNode> run(int gangs, int dens) throws Exception {
        City city = CityGenerator.generate(SPEC, 11, "T-", LocalDate.of(2026, 11, 19));
        StringWriter w = new StringWriter();
        SimConfig cfg = new SimConfig(
                START,
                START + 8 * 3_600_000L,
                true,
                5_000,
                200,
                false,
                1_000,
                2,
                0,
                0,
                false,
                30_000,
                gangs,
                dens,
                0,
                0);
        CitySimulation sim = new CitySimulation(city, cfg, (s, p, e, c) -> {}, new TruthWriter(w), 1_700_000_000_000L);
        sim.init();
        while (!sim.done()) {
            sim.step();
        }
        sim.finish();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : w.toString().split("\n")) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void aGangsBikesPassTheSameStationsAtTheSameTimeAndEndAtADen() throws Exception {
        List<JsonNode> truth = run(3, 1);
        List<JsonNode> gangs = of(truth, "companion");
        List<JsonNode> dens = of(truth, "den");
        assertEquals(1, dens.size());
        assertTrue(gangs.size() >= 2, "gangs that found bikes to take: " + gangs.size());
        Map<String, List<JsonNode>> visits = new HashMap<>();
        for (JsonNode v : of(truth, "visit")) {
            visits.computeIfAbsent(v.get("tag").asText(), k -> new ArrayList<>())
                    .add(v);
        }
        for (JsonNode g : gangs) {
            long from = IsoTime.parse(g.get("from").asText());
            long to = IsoTime.parse(g.get("to").asText());
            assertTrue(g.get("tags").size() >= 2 && to > from, g.toString());
            Set<String> common = null;
            for (JsonNode tag : g.get("tags")) {
                Set<String> at = new HashSet<>();
                for (JsonNode v : visits.getOrDefault(tag.asText(), List.of())) {
                    long enter = IsoTime.parse(v.get("enter").asText());
                    if (enter >= from && enter <= to) {
                        // to the 10 s: the van's bikes enter every station within seconds of each other
                        at.add(v.get("station").asText() + "@" + enter / 10_000);
                    }
                }
                if (common == null) {
                    common = at;
                } else {
                    common.retainAll(at);
                }
            }
            assertTrue(common.size() >= 2, "stations passed together: " + common + " by " + g);
        }
        for (JsonNode t : of(truth, "theft")) {
            assertEquals(
                    dens.get(0).get("lon").asDouble(),
                    t.get("stash").get("lon").asDouble(),
                    1e-6,
                    "every theft to the den");
        }
    }

    private static List<JsonNode> of(List<JsonNode> truth, String type) {
        return truth.stream().filter(j -> type.equals(j.get("type").asText())).toList();
    }
}
