package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.Test;

/** Companion scoring on hand-made sightings: riders sharing a main road versus bikes in one van. */
class CompanionsTest {

    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2026-11-16T00:00:00Z").toEpochMilli();
    private static final long WINDOW = 60_000;
    private final Map<String, Station> stations = new HashMap<>();

    private Station station(String id, double lon, double lat) {
        Station s = new Station(id, stations.size() + 1, id, "street", lon, lat, 80, new byte[32]);
        stations.put(id, s);
        return s;
    }

    @Test
    void aVanOnQuietStreetsOutranksACommuterSharingABusyMainRoad() {
        // main road M0..M5, 1 km apart, 200 tags in ±15 min at rush hour; quiet streets Q0..Q4 at night
        List<Companions.Visit> visits = new ArrayList<>();
        List<Companions.CoVisit> co = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            for (int i = 0; i < 6; i++) {
                station("M" + i, 112.50 + 0.01 * i, 26.90);
                long at = T0 + day * 86_400_000L + i * 2 * MIN;
                visits.add(new Companions.Visit("M" + i, at));
                if (day == 2) {
                    // the commuter rode along with the target on one of five mornings
                    co.add(new Companions.CoVisit(visits.size() - 1, 0xB, at + 20_000, 200));
                }
            }
        }
        long night = T0 + 6 * 86_400_000L - 4 * 3_600_000L;
        for (int i = 0; i < 5; i++) {
            station("Q" + i, 112.60 + 0.01 * i, 26.95);
            long at = night + i * 3 * MIN;
            visits.add(new Companions.Visit("Q" + i, at));
            int v = visits.size() - 1;
            co.add(new Companions.CoVisit(v, 0xA1, at + 2_000, 3));
            co.add(new Companions.CoVisit(v, 0xA2, at - 1_000, 3));
        }
        List<Companions.Companion> candidates = Companions.candidates(visits, co, WINDOW, 3, stations::get);
        assertEquals(3, candidates.size(), "all three pass the distinct-station rule");
        // the commuter made 30 trips' worth of sightings in the week, the stolen bikes 6
        List<Companions.Companion> ranked = Companions.rank(candidates, Map.of(0xBL, 30L, 0xA1L, 6L, 0xA2L, 5L));
        assertEquals(
                List.of(0xA2L, 0xA1L),
                ranked.stream().map(Companions.Companion::tag).toList());
        assertEquals(5, ranked.get(0).stations());
        assertEquals("Q0", ranked.get(0).together().get(0).station());
        Companions.Companion commuter =
                candidates.stream().filter(c -> c.tag() == 0xB).findFirst().orElseThrow();
        assertTrue(commuter.score() < 1, "six meetings on a busy road weigh less than one at night: " + commuter);
    }

    @Test
    void neighbouringStationsCountAsOnePlace() {
        List<Companions.Visit> visits = new ArrayList<>();
        List<Companions.CoVisit> co = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // 150 m apart: one pass heard by all of them
            station("N" + i, 112.50 + 0.0015 * i, 26.90);
            visits.add(new Companions.Visit("N" + i, T0 + i * 20_000));
            co.add(new Companions.CoVisit(i, 0xC, T0 + i * 20_000, 0));
        }
        assertEquals(List.of(), Companions.candidates(visits, co, WINDOW, 3, stations::get));
        assertEquals(
                1,
                Companions.candidates(visits, co, WINDOW, 1, stations::get)
                        .get(0)
                        .stations());
    }

    @Test
    void theSameVisitCountsOnceAndBackgroundLowersTheWeight() {
        station("S0", 112.50, 26.90);
        assertTrue(Companions.weight(0, WINDOW) > Companions.weight(3, WINDOW));
        assertTrue(Companions.weight(3, WINDOW) > 5 * Companions.weight(200, WINDOW));
        List<Companions.Visit> visits = List.of(new Companions.Visit("S0", T0));
        List<Companions.CoVisit> co =
                List.of(new Companions.CoVisit(0, 0xD, T0 + 50_000, 1), new Companions.CoVisit(0, 0xD, T0 + 5_000, 1));
        Companions.Companion c =
                Companions.candidates(visits, co, WINDOW, 1, stations::get).get(0);
        assertEquals(1, c.together().size());
        assertEquals(T0 + 5_000, c.together().get(0).at(), "the closest sighting is the one counted");
    }
}
