package org.bikeguard.tracker.violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/protocol.md section 7 on hand-made reads with antennas and phases. The scenario day is the
 * weekday of the test kit (Tuesday 24 November 2026, 10:00 Asia/Shanghai).
 */
class PassagesTest {

    /** 2026-11-24T10:00:00+08:00: the light N.through turns red here. */
    static final long RED = Instant.parse("2026-11-24T02:00:00Z").toEpochMilli();

    static final long TOL = 1_000;
    static final long GAP = 2_000;

    static final Intersection X = IntersectionJson.parse(
            new JsonObject(
                    """
                    {"type":"Feature","id":"X1","geometry":{"type":"Point","coordinates":[112.57,26.89]},
                     "properties":{"name":"X","controller":"X1-C","toleranceMs":1000,"approaches":[
                      {"id":"N","station":"X1-N","zones":[
                        {"antenna":0,"role":"stop_line","lane":"non_motor"},
                        {"antenna":1,"role":"stop_line","lane":"motor"},
                        {"antenna":2,"role":"exit","movement":"through","lane":"non_motor"},
                        {"antenna":3,"role":"exit","movement":"left","lane":"non_motor"}]},
                      {"id":"S","station":"X1-S","zones":[
                        {"antenna":0,"role":"stop_line","lane":"non_motor"},
                        {"antenna":2,"role":"exit","movement":"through","lane":"non_motor"}]}]}}
                    """),
            null);

    final List<Violation> out = new ArrayList<>();
    final PhaseBook phases = new PhaseBook(id -> null);
    final Passages passages = new Passages(phases, id -> TOL, GAP, out::add);

    PassagesTest() {
        // N.through green for a minute, red at RED for 60 s, then green again
        phases.add(new PhaseMessage("X1", 1, RED - 60_000, Set.of("N.through", "S.through"), Set.of()));
        phases.add(new PhaseMessage("X1", 2, RED - 3_000, Set.of("S.through"), Set.of("N.through")));
        phases.add(new PhaseMessage("X1", 3, RED, Set.of("S.through"), Set.of()));
        phases.add(new PhaseMessage("X1", 4, RED + 60_000, Set.of("N.through"), Set.of()));
    }

    static Zone zone(String approach, int antenna) {
        return X.zones().stream()
                .filter(z -> z.approach().equals(approach) && z.antenna() == antenna)
                .findFirst()
                .orElseThrow();
    }

    void read(long tag, String approach, int antenna, long ts) {
        read(tag, approach, antenna, ts, 1);
    }

    void read(long tag, String approach, int antenna, long ts, int count) {
        passages.onRead(tag, zone(approach, antenna), ts, -55, count, ts + 300);
    }

    @Test
    void crossingWellIntoRedIsRedLightRunningAtTheFirstExitRead() {
        read(7, "N", 0, RED + 5_000);
        read(7, "N", 0, RED + 5_400);
        assertEquals(List.of(), out);
        read(7, "N", 2, RED + 6_200);
        assertEquals(1, out.size());
        Violation v = out.get(0);
        assertEquals(ViolationKind.RED_LIGHT, v.kind());
        assertEquals(RED + 6_200, v.at());
        assertEquals("X1", v.intersection());
        JsonObject phase = v.evidence().getJsonObject("phase");
        assertEquals("N.through", phase.getString("movement"));
        assertEquals("red", phase.getString("state"));
        assertEquals(Instant.ofEpochMilli(RED), Instant.parse(phase.getString("since")));
        assertEquals(3, v.evidence().getJsonArray("reads").size());
        assertEquals(2, v.evidence().getJsonArray("reads").getJsonObject(2).getInteger("antenna"));
        assertTrue(v.confidence() > 0.75 && v.confidence() <= 1, "confidence " + v.confidence());
        read(7, "N", 2, RED + 6_500);
        passages.sweep(RED + 60_000);
        assertEquals(1, out.size(), "one violation per passage");
    }

    @Test
    void toleranceEdgeLastStopLineReadExactlyToleranceAfterRedCountsOneMsEarlierDoesNot() {
        read(1, "N", 0, RED + TOL);
        read(1, "N", 2, RED + TOL + 1_500);
        read(2, "N", 0, RED + TOL - 1);
        read(2, "N", 2, RED + TOL + 1_500);
        passages.sweep(RED + 30_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(1, out.get(0).tag());
        assertEquals(ViolationKind.RED_LIGHT, out.get(0).kind());
    }

    @Test
    void phaseChangeMidCrossingOnAmberIsNoViolation() {
        read(3, "N", 0, RED - 900); // amber
        read(3, "N", 0, RED - 300);
        read(3, "N", 2, RED + 900); // red by now, but the rider left the stop line before
        passages.sweep(RED + 30_000);
        assertEquals(List.of(), out);
    }

    @Test
    void riderWaitingAtRedThenGoingOnGreenIsNoViolation() {
        for (long t = RED + 2_000; t <= RED + 59_600; t += 900) {
            read(4, "N", 0, t);
        }
        read(4, "N", 2, RED + 61_200);
        read(4, "N", 2, RED + 61_700);
        passages.sweep(RED + 120_000);
        assertEquals(List.of(), out);
    }

    @Test
    void twoRidersSideBySideOnlyTheOneWhoCrossesOnRedIsCaught() {
        // both stand at the stop line during red; rider 5 goes through at once, rider 6 waits for green
        for (long t = RED + 10_000; t <= RED + 12_000; t += 500) {
            read(5, "N", 0, t);
            read(6, "N", 0, t);
        }
        read(5, "N", 2, RED + 13_000);
        for (long t = RED + 12_500; t <= RED + 59_900; t += 1_000) {
            read(6, "N", 0, t);
        }
        read(6, "N", 2, RED + 60_800);
        passages.sweep(RED + 120_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(5, out.get(0).tag());
        assertEquals(RED + 13_000, out.get(0).at());
    }

    @Test
    void otherMovementsAndOtherApproachesFollowTheirOwnLight() {
        read(8, "S", 0, RED + 5_000); // S.through is green
        read(8, "S", 2, RED + 6_000);
        read(9, "N", 0, RED + 5_000); // N.left: no message names it: red all along
        read(9, "N", 3, RED + 6_000);
        passages.sweep(RED + 30_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(9, out.get(0).tag());
    }

    @Test
    void enteringThroughAnExitZoneAndLeavingThroughAStopLineIsWrongWay() {
        read(10, "S", 2, RED - 50_000);
        read(10, "S", 2, RED - 49_500);
        read(10, "S", 0, RED - 48_000);
        read(10, "S", 0, RED - 47_600);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.WRONG_WAY, out.get(0).kind());
        assertEquals(RED - 48_000, out.get(0).at());
    }

    @Test
    void aPassageThatNeverCrossesIsDecidedByIdlenessByItsDominantAntenna() {
        read(11, "S", 0, RED - 40_000); // green for S, so no red light
        read(11, "N", 1, RED - 39_000, 5);
        read(11, "N", 1, RED - 38_500, 4);
        read(11, "N", 0, RED - 38_000, 2);
        passages.sweep(RED - 38_000 + 300 + Passages.CROSSING_GAPS * GAP - 1);
        assertEquals(List.of(), out, "it may still cross");
        passages.sweep(RED - 38_000 + 300 + Passages.CROSSING_GAPS * GAP);
        assertEquals(1, out.size());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
        assertEquals(RED - 39_000, out.get(0).at());
        assertEquals("N.stop_line", zone("N", 1).label());
        // a non-motor rider passes without a violation
        read(12, "N", 0, RED - 30_000, 5);
        read(12, "N", 1, RED - 29_900, 1);
        passages.sweep(RED);
        assertEquals(1, out.size());
    }

    @Test
    void aReadOfTheSameRoleAfterTheGapStartsANewPassageAndTheBoxMaySpanThreeGaps() {
        read(13, "S", 2, RED - 50_000);
        read(13, "S", 2, RED - 50_000 + GAP + 1); // a new passage, again in an exit zone
        read(13, "S", 0, RED - 50_000 + GAP + 1 + Passages.CROSSING_GAPS * GAP + 1); // and another one
        assertEquals(List.of(), out);
        read(15, "S", 2, RED - 50_000);
        read(15, "S", 0, RED - 50_000 + Passages.CROSSING_GAPS * GAP); // across the box, slowly: the same passage
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.WRONG_WAY, out.get(0).kind());
    }

    @Test
    void fixedTimePlanDecidesWithoutAController() {
        SignalPlan plan = new SignalPlan(
                RED % 60_000,
                List.of(
                        new SignalPlan.Step(27_000, Set.of("N.through"), Set.of()),
                        new SignalPlan.Step(3_000, Set.of(), Set.of("N.through")),
                        new SignalPlan.Step(30_000, Set.of("S.through"), Set.of())));
        PhaseBook book = new PhaseBook(Map.of("X1", plan)::get);
        Phase p = book.at("X1", "N.through", RED + 40_000);
        assertEquals(SignalState.RED, p.state());
        assertEquals(RED + 30_000, p.since());
        assertEquals(RED + 60_000, p.until());
        assertEquals("plan", p.source());
        assertEquals(SignalState.GREEN, book.at("X1", "N.through", RED + 60_000).state());
        assertEquals(SignalState.GREEN, book.at("X1", "S.through", RED + 40_000).state());
        assertEquals(SignalState.RED, book.at("X1", "S.through", RED + 10_000).state());
        assertEquals(RED, book.at("X1", "S.through", RED + 10_000).since(), "red over the green and the amber step");
        assertEquals(RED + 30_000, book.at("X1", "S.through", RED + 10_000).until());
        assertNotNull(book.redThroughout("X1", "N.through", RED + 31_000, RED + 59_000));
        assertNull(book.redThroughout("X1", "N.through", RED + 31_000, RED + 60_000));
        List<Violation> got = new ArrayList<>();
        Passages p2 = new Passages(book, id -> TOL, GAP, got::add);
        p2.onRead(14, zone("N", 0), RED + 45_000, -50, 1, RED + 45_100);
        p2.onRead(14, zone("N", 2), RED + 46_000, -50, 1, RED + 46_100);
        assertEquals(1, got.size());
        assertEquals("plan", got.get(0).evidence().getJsonObject("phase").getString("source"));
    }
}
