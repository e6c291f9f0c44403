package org.bikeguard.sim.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bikeguard.sim.score.ViolationScore.Violation;
import org.junit.jupiter.api.Test;

class ViolationScoreTest {
    private static final long S = 1_000;

    private static Violation truth(String tag, String kind, long at) {
        return new Violation(tag, "I01", kind, at * S, -1);
    }

    private static Violation found(String tag, String kind, long at, long detected) {
        return new Violation(tag, "I01", kind, at * S, detected * S);
    }

    @Test
    void aReportMatchesTheSameTagIntersectionAndKindWithinTheTolerance() {
        ViolationScore s = new ViolationScore(
                List.of(truth("A", "red_light", 100), truth("B", "wrong_way", 200), truth("C", "motor_lane", 300)),
                List.of(
                        found("A", "red_light", 104, 105),
                        found("B", "motor_lane", 200, 201), // wrong kind
                        found("C", "motor_lane", 421, 422)), // beyond the tolerance
                120 * S);
        assertEquals(1, s.kind("red_light").matched());
        assertEquals(100.0, s.kind("red_light").recallPercent());
        assertEquals(0, s.kind("wrong_way").matched());
        assertEquals(0.0, s.kind("wrong_way").recallPercent());
        assertEquals(2, s.kind("motor_lane").reported());
        assertEquals(0, s.kind("motor_lane").matched());
        assertEquals(0.0, s.kind("motor_lane").precisionPercent());
    }

    @Test
    void aPassageReportedTwiceIsOneTrueAndOneFalsePositive() {
        ViolationScore s = new ViolationScore(
                List.of(truth("A", "red_light", 100)),
                List.of(found("A", "red_light", 101, 102), found("A", "red_light", 103, 104)),
                120 * S);
        assertEquals(1, s.kind("red_light").matched());
        assertEquals(2, s.kind("red_light").reported());
        assertEquals(50.0, s.kind("red_light").precisionPercent());
        assertEquals(100.0, s.kind("red_light").recallPercent());
    }

    @Test
    void twoPassagesOfOneTagMatchTheirNearestTruth() {
        ViolationScore s = new ViolationScore(
                List.of(truth("A", "wrong_way", 100), truth("A", "wrong_way", 150)),
                List.of(found("A", "wrong_way", 152, 153), found("A", "wrong_way", 99, 101)),
                120 * S);
        assertEquals(2, s.kind("wrong_way").matched());
    }

    @Test
    void latencyQuantilesAreNearestRank() {
        ViolationScore s = new ViolationScore(
                List.of(truth("A", "red_light", 100), truth("B", "red_light", 100), truth("C", "red_light", 100)),
                List.of(
                        found("A", "red_light", 100, 101),
                        found("B", "red_light", 100, 102),
                        found("C", "red_light", 100, 105)),
                120 * S);
        assertEquals(3, s.latencies());
        assertEquals(2 * S, s.latencyQuantile(0.5));
        assertEquals(5 * S, s.latencyQuantile(0.99));
    }

    @Test
    void aReportAfterTheRecallWindowCountsForPrecisionOnlyWhenItMatches() {
        ViolationScore s = new ViolationScore(
                List.of(truth("A", "motor_lane", 3_590)), // the run ends at 3,600 s; recall up to 3,480 s
                List.of(
                        found("A", "motor_lane", 3_595, 3_596), // matches the truth just before the end
                        found("B", "motor_lane", 3_599, 3_600), // its rider reaches the stop line after the end
                        found("C", "motor_lane", 3_400, 3_401)), // in the window, no truth: a false positive
                120 * S,
                0,
                3_480 * S);
        assertEquals(2, s.kind("motor_lane").reported());
        assertEquals(1, s.kind("motor_lane").matched());
        assertEquals(50.0, s.kind("motor_lane").precisionPercent());
    }
}
