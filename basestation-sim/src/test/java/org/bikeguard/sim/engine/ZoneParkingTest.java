package org.bikeguard.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.city.NoGoZones;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.junit.jupiter.api.Test;

/** {@code --zone-parking} without a network: the zones, and the {@code zone_dwell} truth. */
class ZoneParkingTest {
    /** A weekday, 09:00 Asia/Shanghai; three hours. */
    private static final long START =
            OffsetDateTime.parse("2026-11-20T09:00:00+08:00").toInstant().toEpochMilli();

    private static final long END = START + 3 * 3_600_000L;
    private static final long MIN = 60_000;
    private static final CitySpec SPEC = new CitySpec("custom", 3_000, 90, 900, 1, 1, 2);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    private static String run(City city, int perDay) {
        StringWriter w = new StringWriter();
        SimConfig cfg =
                new SimConfig(START, END, true, 5_000, 200, false, 1_000, 0, 0, 0, false, 30_000, 0, 0, 0, perDay);
        CitySimulation sim = new CitySimulation(city, cfg, (s, p, e, c) -> {}, new TruthWriter(w), 1_700_000_000_000L);
        sim.init();
        while (!sim.done()) {
            sim.step();
        }
        sim.finish();
        return w.toString();
    }

    @Test
    void zoneReadersComeAfterEveryOtherStationAndLeaveTheRestOfTheCityAsItWas() {
        City plain = CityGenerator.generate(SPEC, 7, "T-", AS_OF);
        City zoned = CityGenerator.generate(SPEC, 7, "T-", AS_OF, 4);
        assertEquals(4, zoned.zones().count());
        assertEquals(plain.stations().count() + 4, zoned.stations().count());
        for (int s = 0; s < plain.stations().count(); s++) {
            assertEquals(plain.stations().id(s), zoned.stations().id(s));
            assertEquals(plain.stations().x(s), zoned.stations().x(s));
        }
        for (int i = 0; i < 4; i++) {
            NoGoZones.Zone z = zoned.zones().get(i);
            assertEquals(plain.stations().count() + i, z.station());
            assertEquals(i, zoned.zones().ofStation(z.station()));
            assertEquals(NoGoZones.READER_RADIUS_M, zoned.stations().radius(z.station()));
        }
        assertEquals(
                List.of("fire_lane", "building_entrance", "fire_lane", "corridor"),
                List.of(
                        zoned.zones().get(0).kind(),
                        zoned.zones().get(1).kind(),
                        zoned.zones().get(2).kind(),
                        zoned.zones().get(3).kind()));
        assertEquals(0, plain.zones().count());
        assertEquals(plain.bikes().tag(17), zoned.bikes().tag(17));
    }

    @Test
    void parkedBikesGiveZoneDwellsSpreadAroundTheGraceAndNothingBetween14And16Minutes() throws Exception {
        City city = CityGenerator.generate(SPEC, 7, "T-", AS_OF, 4);
        String truth = run(city, 240); // 30 in three hours
        assertEquals(truth, run(city, 240), "the same seed gives the same truth");
        ObjectMapper json = new ObjectMapper();
        List<Long> parked = new ArrayList<>();
        Set<String> zones = new HashSet<>();
        int lines = 0;
        for (String line : truth.split("\n")) {
            JsonNode j = json.readTree(line);
            if (!j.get("type").asText().equals("zone_dwell")) {
                continue;
            }
            lines++;
            long enter = IsoTime.parse(j.get("enter").asText());
            long exit = IsoTime.parse(j.get("exit").asText());
            assertTrue(START <= enter && enter <= exit && exit <= END, line);
            assertTrue(j.get("reads").asLong() >= 1, line);
            assertTrue(j.get("tag").asText().matches("[0-9A-F]{1,16}"), line);
            assertTrue(j.get("zone").asText().matches("Z0[1-4]"), line);
            zones.add(j.get("zone").asText());
            if (exit - enter >= 3 * MIN && exit < END) {
                parked.add(exit - enter);
            }
        }
        assertTrue(parked.size() >= 20, "most of the 30 planned parkings are in the truth: " + parked);
        long shortOnes = parked.stream()
                .filter(d -> d >= 5 * MIN && d <= 14 * MIN + 30_000)
                .count();
        long longOnes = parked.stream()
                .filter(d -> d >= 16 * MIN && d <= 60 * MIN + 30_000)
                .count();
        assertEquals(parked.size(), shortOnes + longOnes, "every parking is 5-14 or 16-60 min: " + parked);
        assertTrue(shortOnes >= 5 && longOnes >= 5, "both sides of the grace: " + parked);
        assertTrue(zones.size() >= 3, "bikes park in several zones: " + zones);
        assertTrue(lines >= parked.size());
    }
}
