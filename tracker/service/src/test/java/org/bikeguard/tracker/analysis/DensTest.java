package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Den scoring on hand-made trails over a grid of stations 300 m apart. */
class DensTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long MIN = 60_000;
    /** 22:00 Asia/Shanghai on 16 November 2026. */
    private static final long EVENING = Instant.parse("2026-11-16T14:00:00Z").toEpochMilli();

    private static final List<Dens.Place> GRID = grid(30);

    private static List<Dens.Place> grid(int side) {
        List<Dens.Place> out = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                out.add(new Dens.Place("G" + i + "-" + j, 112.50 + 0.003 * i, 26.80 + 0.003 * j));
            }
        }
        return out;
    }

    private static Dens.Sighting s(long tag, String station, long from, long minutes) {
        return new Dens.Sighting(tag, station, from, from + minutes * MIN);
    }

    /** Each bike's trail keyed by its tag, theft place unknown. */
    private static List<Dens.Trail> trails(Map<Long, List<Dens.Sighting>> byTag) {
        return byTag.entrySet().stream()
                .map(e -> new Dens.Trail(e.getKey(), null, e.getValue()))
                .toList();
    }

    @Test
    void aSmallDenOutranksABusyTheftSpotAndAStationStolenBikesOnlyPassOnTheirWayOut() {
        List<Dens.Trail> trails = new ArrayList<>();
        // the den: five bikes stolen at five places across town, each kept overnight at G10-10
        String[] stolenAt = {"G2-2", "G2-20", "G20-2", "G25-25", "G15-28"};
        for (int k = 0; k < 5; k++) {
            long t = EVENING + k * 20 * MIN;
            trails.add(new Dens.Trail(
                    0xA0 + k,
                    stolenAt[k],
                    List.of(s(0xA0 + k, "G6-6", t + 10 * MIN, 1), s(0xA0 + k, "G10-10", t + 30 * MIN, 400))));
        }
        // a busy car park: eight bikes taken from G20-20 whose trails end there overnight (tags ripped
        // off and dropped on the spot, a theft time given before the bike was moved)
        for (int k = 0; k < 8; k++) {
            trails.add(new Dens.Trail(0xB0 + k, "G20-20", List.of(s(0xB0 + k, "G20-20", EVENING + k * 15 * MIN, 480))));
        }
        // the road out of coverage: seven bikes from seven places last heard for a minute at G5-25
        for (int k = 0; k < 7; k++) {
            long t = EVENING + k * 25 * MIN;
            trails.add(new Dens.Trail(
                    0xC0 + k,
                    "G" + (28 - k) + "-" + (3 * k),
                    List.of(s(0xC0 + k, "G12-" + (3 * k + 1), t, 1), s(0xC0 + k, "G5-25", t + 20 * MIN, 1))));
        }
        List<Dens.Den> dens = new Dens(GRID).score(Dens.evidence(trails, SHANGHAI));
        assertEquals("G10-10", dens.get(0).place().id(), dens.toString());
        assertEquals(
                Set.of(0xA0L, 0xA1L, 0xA2L, 0xA3L, 0xA4L),
                dens.get(0).evidence().stream().map(Dens.Evidence::bike).collect(Collectors.toSet()));
        assertEquals("G5-25", dens.get(1).place().id(), "passing by counts, less than staying");
        assertTrue(
                dens.stream().noneMatch(d -> d.place().id().equals("G20-20")),
                "a trail that ends where the bike was taken is no den evidence");
    }

    @Test
    void bikesTakenTogetherFromOnePlaceCountAsOneEventAndABikeCountsOnceWhateverTagItCarried() {
        List<Dens.Trail> trails = new ArrayList<>();
        // a van load of four bikes from G3-3 kept overnight at G20-20
        for (int k = 0; k < 4; k++) {
            trails.add(new Dens.Trail(0xE0 + k, "G3-3", List.of(s(0xE0 + k, "G20-20", EVENING, 400))));
        }
        // two bikes from two places kept at G10-10; one of them was seen there under two tags
        trails.add(new Dens.Trail(0xF0, "G25-3", List.of(s(0xF0, "G10-10", EVENING, 400))));
        trails.add(new Dens.Trail(
                0xF1, "G3-25", List.of(s(0xF1, "G10-10", EVENING, 400), s(0xF5, "G10-10", EVENING + 500 * MIN, 400))));
        List<Dens.Den> dens = new Dens(GRID).score(Dens.evidence(trails, SHANGHAI));
        assertEquals("G10-10", dens.get(0).place().id(), dens.toString());
        assertEquals("G20-20", dens.get(1).place().id());
        assertTrue(
                dens.get(0).evidence().stream().anyMatch(e -> e.tag() == 0xF5 && e.bike() == 0xF1),
                "the evidence names the tag the bike carried then");
    }

    @Test
    void trailsEndingAtOnePlaceMakeItTheTopDenAheadOfScatteredEnds() {
        Map<Long, List<Dens.Sighting>> trails = new LinkedHashMap<>();
        // four stolen bikes ridden across town to G10-10 (or its neighbour) and kept there overnight
        String[] den = {"G10-10", "G10-10", "G10-11", "G10-10"};
        for (int k = 0; k < 4; k++) {
            long t = EVENING + k * 30 * MIN;
            trails.put(
                    (long) (0xA0 + k),
                    List.of(
                            s(0xA0 + k, "G" + (2 + 5 * k) + "-2", t, 1),
                            s(0xA0 + k, "G6-6", t + 10 * MIN, 1),
                            s(0xA0 + k, den[k], t + 30 * MIN, 300)));
        }
        // three stolen bikes whose trails end at scattered places, by day, briefly
        long day = EVENING - 10 * 60 * MIN;
        trails.put(0xB0L, List.of(s(0xB0, "G25-3", day, 2)));
        trails.put(0xB1L, List.of(s(0xB1, "G3-25", day, 2)));
        trails.put(0xB2L, List.of(s(0xB2, "G27-27", day, 2)));
        List<Dens.Evidence> evidence = Dens.evidence(trails(trails), SHANGHAI);
        assertEquals(11, evidence.size(), "seven ends and four night dwells");
        List<Dens.Den> dens = new Dens(GRID).score(evidence);
        Dens.Den top = dens.get(0);
        assertTrue(Set.of("G10-10", "G10-11").contains(top.place().id()), top.toString());
        assertEquals(
                Set.of(0xA0L, 0xA1L, 0xA2L, 0xA3L),
                top.evidence().stream().map(Dens.Evidence::bike).collect(Collectors.toSet()));
        assertTrue(top.score() > 2 * dens.get(1).score(), dens.toString());
        assertEquals(4, dens.size(), "one den per hot spot: G10-11 is folded into G10-10");
    }

    @Test
    void aLongStayCountsAsADwellOnlyWhenItOverlapsTheNight() {
        long noon = EVENING - 10 * 60 * MIN;
        assertFalse(Dens.atNight(noon, noon + 3 * 60 * MIN, SHANGHAI));
        assertTrue(Dens.atNight(EVENING + 60 * MIN, EVENING + 100 * MIN, SHANGHAI));
        assertTrue(Dens.atNight(noon, noon + 20 * 60 * MIN, SHANGHAI));
        Map<Long, List<Dens.Sighting>> trails =
                Map.of(0xC0L, List.of(s(0xC0, "G1-1", noon, 180), s(0xC0, "G2-2", noon + 200 * MIN, 5)));
        assertEquals(
                List.of("end"),
                Dens.evidence(trails(trails), SHANGHAI).stream()
                        .map(Dens.Evidence::kind)
                        .toList());
    }

    @Test
    void noEvidenceNoDensAndEarlierEvidenceNearADenMeansItIsNotNew() {
        Dens dens = new Dens(GRID);
        assertEquals(List.of(), dens.score(List.of()));
        List<Dens.Evidence> earlier = List.of(new Dens.Evidence(0xD0, 0xD0, "G10-11", "end", EVENING, EVENING, null));
        assertTrue(dens.seenIn("G10-10", earlier));
        assertFalse(dens.seenIn("G20-20", earlier));
    }
}
