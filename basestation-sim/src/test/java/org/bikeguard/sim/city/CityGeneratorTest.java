package org.bikeguard.sim.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bikeguard.sim.run.Exports;
import org.junit.jupiter.api.Test;

class CityGeneratorTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    private static City small(long seed) {
        return CityGenerator.generate(CitySpec.SMALL, seed, "HY-", AS_OF);
    }

    @Test
    void sameSeedGivesTheSameCityBitForBit() {
        City a = small(7);
        City b = small(7);
        assertEquals(
                Exports.stationsCsv(a, "s", 0, a.stations().count()),
                Exports.stationsCsv(b, "s", 0, b.stations().count()));
        assertEquals(Exports.baseMap(a), Exports.baseMap(b));
        for (int i = 0; i < a.bikes().count(); i += 97) {
            assertEquals(a.registry().bike(i), b.registry().bike(i));
            assertEquals(a.registry().ownerOf(i), b.registry().ownerOf(i));
            assertEquals(a.bikes().home(i), b.bikes().home(i));
            assertEquals(a.bikes().work(i), b.bikes().work(i));
        }
    }

    @Test
    void anotherSeedGivesAnotherCity() {
        City a = small(7);
        City b = small(8);
        assertNotEquals(Exports.stationsCsv(a, "s", 0, 10), Exports.stationsCsv(b, "s", 0, 10));
        assertNotEquals(a.bikes().tag(0), b.bikes().tag(0));
    }

    @Test
    void smallPresetHasItsStationMix() {
        City c = small(7);
        Map<String, Integer> kinds = kinds(c);
        assertEquals(300, c.stations().count());
        assertEquals(4 * 13, kinds.get(Stations.INTERSECTION));
        assertEquals(3, kinds.get(Stations.INSTALLATION));
        assertTrue(kinds.get(Stations.BUILDING) >= 40, kinds.toString());
        assertTrue(kinds.get(Stations.STREET) > 150, kinds.toString());
        assertEquals(300, kinds.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(3000, c.bikes().count());
        assertEquals(4, c.signals().count());
    }

    @Test
    void hengyangPresetMatchesTheScheme() {
        City c = CityGenerator.generate(CitySpec.HENGYANG, 1, "HY-", AS_OF);
        Map<String, Integer> kinds = kinds(c);
        assertEquals(4_334, c.stations().count());
        assertEquals(520, kinds.get(Stations.INTERSECTION));
        assertEquals(44, kinds.get(Stations.INSTALLATION));
        assertEquals(40, c.signals().count());
        assertEquals(274_000, c.bikes().count());
        assertEquals("HY-0001", c.stations().id(0));
        assertEquals("HY-4334", c.stations().id(4_333));
    }

    @Test
    void stationsAndTagsAreUniqueAndInsideTheCity() {
        City c = small(7);
        Set<String> ids = new HashSet<>();
        double half = c.spec().sizeM() / 2;
        for (int s = 0; s < c.stations().count(); s++) {
            assertTrue(ids.add(c.stations().id(s)));
            assertTrue(
                    Math.abs(c.stations().x(s)) < half && Math.abs(c.stations().y(s)) < half);
            assertTrue(Math.abs(c.stations().skewMs(s)) <= 3_000);
            double lat = Geo.lat(c.stations().y(s));
            double lon = Geo.lon(c.stations().x(s));
            assertTrue(Math.abs(lat - 26.89) < 0.04 && Math.abs(lon - 112.57) < 0.04);
        }
        Set<Long> tags = new HashSet<>();
        for (int b = 0; b < c.bikes().count(); b++) {
            assertTrue(tags.add(c.bikes().tag(b)));
        }
    }

    @Test
    void coveringFindsExactlyTheStationsWithinTheirRadius() {
        City c = small(3);
        Stations st = c.stations();
        int[] out = new int[st.maxCover()];
        double[] dist = new double[st.maxCover()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int k = 0; k < 2_000; k++) {
            double x = (rnd.nextDouble() - 0.5) * c.spec().sizeM();
            double y = (rnd.nextDouble() - 0.5) * c.spec().sizeM();
            int n = st.covering(x, y, out, dist);
            Set<Integer> found = new HashSet<>();
            for (int i = 0; i < n; i++) {
                found.add(out[i]);
            }
            for (int s = 0; s < st.count(); s++) {
                boolean in = Geo.dist(x, y, st.x(s), st.y(s)) <= st.radius(s);
                assertEquals(in, found.contains(s), "station " + s + " at " + x + "," + y);
            }
        }
    }

    private static Map<String, Integer> kinds(City c) {
        Map<String, Integer> m = new HashMap<>();
        for (int s = 0; s < c.stations().count(); s++) {
            m.merge(c.stations().kind(s), 1, Integer::sum);
        }
        return m;
    }
}
