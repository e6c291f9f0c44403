package org.bikeguard.sim.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.bikeguard.sim.score.Truth.ZoneDwell;
import org.bikeguard.sim.score.ZoneScore.Event;
import org.bikeguard.sim.score.ZoneScore.Stay;
import org.junit.jupiter.api.Test;

class ZoneScoreTest {
    private static final long MIN = 60_000;
    private static final long END = 1_000 * MIN;

    private static ZoneDwell dwell(String tag, String kind, long enterMin, double minutes) {
        return new ZoneDwell(tag, "Z01", kind, enterMin * MIN, enterMin * MIN + (long) (minutes * MIN));
    }

    @Test
    void aStayIsFoundWhenEnterAndExitAreBothWithinTheTolerance() {
        ZoneScore.Tally t = ZoneScore.dwells(
                List.of(
                        dwell("A", "fire_lane", 10, 20),
                        dwell("B", "fire_lane", 10, 20),
                        dwell("C", "fire_lane", 10, 20)),
                List.of(
                        new Stay("Z01", "A", 10 * MIN + 5_000, 30 * MIN - 50_000),
                        new Stay("Z01", "B", 10 * MIN, 30 * MIN - 61_000), // exit off by 61 s
                        new Stay("Z02", "C", 10 * MIN, 30 * MIN), // another zone
                        new Stay("Z01", "A", 10 * MIN, 30 * MIN))); // the same dwell twice: one false
        assertEquals(3, t.truth());
        assertEquals(4, t.reported());
        assertEquals(1, t.matched());
    }

    @Test
    void aFireLaneDwellOf16MinutesExpectsATextAndOneOf14Nothing() {
        List<ZoneDwell> dwells =
                List.of(dwell("A", "fire_lane", 0, 14), dwell("B", "fire_lane", 0, 16), dwell("C", "fire_lane", 0, 31));
        List<Event> expected = ZoneScore.expected(dwells, END);
        assertEquals(
                List.of(
                        new Event("Z01", "B", "text", 15 * MIN),
                        new Event("Z01", "C", "text", 15 * MIN),
                        new Event("Z01", "C", "fine", 30 * MIN)),
                expected.stream()
                        .sorted((x, y) -> x.tag().compareTo(y.tag()) != 0
                                ? x.tag().compareTo(y.tag())
                                : Long.compare(x.at(), y.at()))
                        .toList());
        Map<String, ZoneScore.Tally> t = ZoneScore.events(
                dwells,
                List.of(
                        new Event("Z01", "A", "text", 14 * MIN), // a text for 14 minutes: false
                        new Event("Z01", "B", "text", 15 * MIN + 2_000),
                        new Event("Z01", "C", "text", 15 * MIN + 1_000)),
                END);
        assertEquals(new ZoneScore.Tally(2, 3, 2), t.get("text"));
        assertEquals(new ZoneScore.Tally(1, 0, 0), t.get("fine"), "C's fine is missing");
    }

    @Test
    void aDwellRightAtTheGraceExpectsNothingAndCountsNothing() {
        List<ZoneDwell> dwells = List.of(dwell("A", "fire_lane", 0, 15.2), dwell("B", "corridor", 0, 5.1));
        assertEquals(List.of(), ZoneScore.expected(dwells, END));
        Map<String, ZoneScore.Tally> t = ZoneScore.events(
                dwells,
                List.of(new Event("Z01", "A", "text", 15 * MIN + 3_000), new Event("Z01", "B", "fine", 5 * MIN)),
                END);
        assertFalse(t.containsKey("text"), t.toString());
        assertFalse(t.containsKey("fine"), t.toString());
    }

    @Test
    void aBuildingEntranceExpectsAnEntryAtOnceAndNothingAfterTheRunsEnd() {
        List<Event> e = ZoneScore.expected(
                List.of(dwell("A", "building_entrance", 3, 0.5), dwell("B", "fire_lane", 990, 40)), END);
        assertEquals(List.of(new Event("Z01", "A", "entered", 3 * MIN)), e);
    }
}
