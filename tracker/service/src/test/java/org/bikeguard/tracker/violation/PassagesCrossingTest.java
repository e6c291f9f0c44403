package org.bikeguard.tracker.violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A passage ends at its crossing, on the layout the simulator exports (docs/protocol.md section 7): four approaches
 * N, E, S, W, each with one station whose antennas cover its stop-line zones (0 non-motor, 1 motor) and the exit zones
 * of its movements (2/3/4 through/left/right non-motor, 5/6/7 motor); keep-right traffic, so the stretch of road
 * leaving on arm S is N's through exit, E's left exit and W's right exit at once (three stations hear it). The passage
 * gap is the default 10 s; a fixed-time plan turns N/S red at {@link #RED} (after 40 s green, 3 s amber, 2 s all red)
 * for 47 s. Reads arrive 300 ms after their timestamp unless a test says otherwise; the scenario day is the weekday of
 * the test kit (Tuesday 24 November 2026, 10:00 Asia/Shanghai).
 */
class PassagesCrossingTest {

    /** 2026-11-24T10:00:00+08:00: N/S red from 2 s before this until 45 s after it. */
    static final long RED = Instant.parse("2026-11-24T02:00:00Z").toEpochMilli();

    static final long GAP = 10_000;
    static final String[] ARMS = {"N", "E", "S", "W"};

    static final Intersection X = IntersectionJson.parse(layout(), null);

    final List<Violation> out = new ArrayList<>();
    final PhaseBook phases = new PhaseBook(id -> X.plan());
    final Passages passages = new Passages(phases, id -> 1_000, (x, a) -> X.exitMovements(a), GAP, out::add);

    static JsonObject layout() {
        JsonArray approaches = new JsonArray();
        String[] movements = {"through", "left", "right"};
        for (String a : ARMS) {
            JsonArray zones = new JsonArray()
                    .add(new JsonObject()
                            .put("antenna", 0)
                            .put("role", "stop_line")
                            .put("lane", "non_motor"))
                    .add(new JsonObject()
                            .put("antenna", 1)
                            .put("role", "stop_line")
                            .put("lane", "motor"));
            for (int m = 0; m < 3; m++) {
                zones.add(new JsonObject()
                        .put("antenna", 2 + m)
                        .put("role", "exit")
                        .put("movement", movements[m])
                        .put("lane", "non_motor"));
                zones.add(new JsonObject()
                        .put("antenna", 5 + m)
                        .put("role", "exit")
                        .put("movement", movements[m])
                        .put("lane", "motor"));
            }
            approaches.add(
                    new JsonObject().put("id", a).put("station", "X2-" + a).put("zones", zones));
        }
        JsonArray ns = new JsonArray(List.of("N.through", "N.left", "N.right", "S.through", "S.left", "S.right"));
        JsonArray ew = new JsonArray(List.of("E.through", "E.left", "E.right", "W.through", "W.left", "W.right"));
        JsonArray steps = new JsonArray()
                .add(new JsonObject().put("durationS", 40).put("green", ns))
                .add(new JsonObject().put("durationS", 3).put("amber", ns))
                .add(new JsonObject().put("durationS", 2))
                .add(new JsonObject().put("durationS", 40).put("green", ew))
                .add(new JsonObject().put("durationS", 3).put("amber", ew))
                .add(new JsonObject().put("durationS", 2));
        return new JsonObject()
                .put("type", "Feature")
                .put("id", "X2")
                .put(
                        "geometry",
                        new JsonObject().put("type", "Point").put("coordinates", new JsonArray(List.of(112.57, 26.89))))
                .put(
                        "properties",
                        new JsonObject()
                                .put("name", "X2")
                                .put("toleranceMs", 1000)
                                .put(
                                        "plan",
                                        new JsonObject()
                                                .put("offsetMs", Math.floorMod(RED - 45_000, 90_000))
                                                .put("steps", steps))
                                .put("approaches", approaches));
    }

    static Zone zone(String approach, int antenna) {
        return X.zones().stream()
                .filter(z -> z.approach().equals(approach) && z.antenna() == antenna)
                .findFirst()
                .orElseThrow();
    }

    void read(long tag, String approach, int antenna, long ts) {
        read(tag, approach, antenna, ts, ts + 300);
    }

    void read(long tag, String approach, int antenna, long ts, long arrival) {
        passages.onRead(tag, zone(approach, antenna), ts, -60, 1, arrival);
        passages.sweep(arrival);
    }

    /** The exit zone on arm S as the three stations hear one beacon there (N through, E left, W right). */
    void exitS(long tag, boolean motor, long ts) {
        int lane = motor ? 3 : 0;
        read(tag, "N", 2 + lane, ts);
        read(tag, "E", 3 + lane, ts + 20);
        read(tag, "W", 4 + lane, ts + 40);
    }

    @Test
    void theExitReadEndsAMotorLanePassageAtOnceAndLaterReadsRaiseNothingMore() {
        for (long t = RED + 50_000; t <= RED + 56_000; t += 2_000) { // green for N
            read(1, "N", 1, t);
        }
        assertEquals(List.of(), out);
        exitS(1, true, RED + 60_000);
        assertEquals(1, out.size(), "decided at the first exit read, no idle wait");
        Violation v = out.get(0);
        assertEquals(ViolationKind.MOTOR_LANE, v.kind());
        assertEquals(RED + 50_000, v.at());
        assertEquals(RED + 60_000, v.passageEnd());
        assertEquals(5, v.evidence().getJsonArray("reads").size());
        for (long t = RED + 62_000; t <= RED + 70_000; t += 2_000) {
            exitS(1, true, t);
        }
        passages.sweep(RED + 300_000);
        assertEquals(1, out.size(), "one violation per passage");
    }

    @Test
    void aSlowCrossingLongerThanTheGapIsOnePassage() {
        // a motor-lane rider of the simulator on E's green: stop-line reads every 2 s, then 12.2 s in the zone-less
        // box (a slow rider, a missed beacon), then exit reads
        for (long t = RED + 10_000; t <= RED + 24_000; t += 2_000) {
            read(2, "E", 1, t);
        }
        read(2, "E", 5, RED + 36_200); // E through leaves on arm W: E's antenna 5 ...
        read(2, "S", 6, RED + 36_220); // ... S's left ...
        read(2, "N", 7, RED + 36_260); // ... and N's right hear it
        for (long t = RED + 38_200; t <= RED + 42_200; t += 2_000) {
            read(2, "E", 5, t);
            read(2, "S", 6, t + 20);
        }
        passages.sweep(RED + 300_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
        assertEquals(RED + 36_200, out.get(0).passageEnd(), "decided at the exit read");
    }

    @Test
    void outOfOrderFramesOfThreeStationsMakeOnePassage() {
        // at 17x replay a station's frame holds 17 s of its reads: N's stop-line reads up to +17 s arrive first,
        // then E's and W's exit reads at +36 s, then N's next frame (stop-line reads to +30 s, its own exit read)
        long arrive = RED + 60_000;
        for (long t = RED + 50_000; t <= RED + 66_000; t += 2_000) {
            read(3, "N", 1, t, arrive);
        }
        read(3, "E", 6, RED + 86_000, arrive + 1_000);
        read(3, "W", 7, RED + 86_040, arrive + 1_100);
        for (long t = RED + 68_000; t <= RED + 80_000; t += 2_000) {
            read(3, "N", 1, t, arrive + 1_200);
        }
        read(3, "N", 5, RED + 86_000, arrive + 1_200);
        read(3, "E", 6, RED + 88_000, arrive + 2_000);
        passages.sweep(arrive + 300_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
        assertEquals(RED + 50_000, out.get(0).at());
    }

    @Test
    void aStopLineReadArrivingAfterTheExitReadsStillMakesTheCrossing() {
        read(4, "E", 6, RED + 86_000);
        read(4, "W", 7, RED + 86_040);
        assertEquals(List.of(), out, "an exit alone is no crossing");
        read(4, "N", 1, RED + 80_000, RED + 87_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
    }

    @Test
    void waitingAtRedThenGoingOnGreenIsNoViolationWhicheverStationHearsTheExitFirst() {
        for (long t = RED + 10_000; t <= RED + 44_000; t += 2_000) {
            read(5, "N", 0, t);
        }
        read(5, "E", 3, RED + 48_000); // another station's antenna hears the exit first
        read(5, "N", 2, RED + 48_020);
        passages.sweep(RED + 300_000);
        assertEquals(List.of(), out);
    }

    @Test
    void aRedLightSeenFirstByAnotherApproachesExitAntennaNeedsEveryMovementOfTheApproachRed() {
        read(6, "N", 0, RED + 10_000);
        read(6, "N", 0, RED + 12_000);
        read(6, "E", 3, RED + 16_000); // N's own through antenna has not heard it yet
        assertEquals(1, out.size(), out.toString());
        Violation v = out.get(0);
        assertEquals(ViolationKind.RED_LIGHT, v.kind());
        assertEquals(RED + 16_000, v.at());
        JsonObject phase = v.evidence().getJsonObject("phase");
        assertEquals("red", phase.getString("state"));
        assertEquals(
                List.of("N.through", "N.left", "N.right"),
                phase.getJsonArray("movements").getList());
        read(6, "N", 2, RED + 16_020);
        assertEquals(1, out.size(), "one violation per passage");
    }

    @Test
    void aRedLightProvedByAStopLineReadArrivingLate() {
        read(7, "E", 3, RED + 16_000); // no stop-line read yet: nothing to decide
        read(7, "N", 2, RED + 16_020);
        assertEquals(List.of(), out);
        read(7, "N", 0, RED + 12_000, RED + 17_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.RED_LIGHT, out.get(0).kind());
        assertEquals("N.through", out.get(0).evidence().getJsonObject("phase").getString("movement"));
    }

    @Test
    void twoRidersSideBySideOneInTheMotorLaneOneNot() {
        for (long t = RED + 50_000; t <= RED + 56_000; t += 2_000) {
            read(8, "N", 1, t);
            read(9, "N", 0, t + 10);
        }
        exitS(8, true, RED + 60_000);
        exitS(9, false, RED + 60_010);
        passages.sweep(RED + 300_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(8, out.get(0).tag());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
    }

    @Test
    void aWrongWayRiderHeardAtACornerByAStopLineAndAnExitAntennaAtOnceIsWrongWayNotRedLight() {
        // in along N's outbound lane (the exit zone of S through, E right, W left), during N/S red
        for (long t = RED + 1_000; t <= RED + 9_000; t += 2_000) {
            read(10, "S", 2, t);
            read(10, "E", 4, t + 20);
        }
        // one beacon at the corner: N's stop-line antenna and W's exit antenna hear it, the exit read arriving first
        read(10, "W", 3, RED + 11_040, RED + 11_100);
        read(10, "N", 0, RED + 11_000, RED + 12_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.WRONG_WAY, out.get(0).kind());
        assertTrue(out.get(0).confidence() >= 0.6);
    }

    @Test
    void aMotorLaneRiderWaitingAtRedIsOnePassageEvenWhenTheExitReadsArriveBeforeTheWait() {
        // at 34x replay: N's frame with the reads of the first seconds at the stop line, then the exit stations'
        // frames (the rider went on N's green, 47 s after its last read so far), then N's frame with the wait
        long arrive = RED + 100_000;
        for (long t = RED + 2_000; t <= RED + 10_000; t += 2_000) {
            read(16, "N", 1, t, arrive);
        }
        exitS(16, true, RED + 47_000); // N/S turn green at RED + 45 s
        for (long t = RED + 12_000; t <= RED + 44_000; t += 2_000) {
            read(16, "N", 1, t, arrive + 1_000);
        }
        passages.sweep(arrive + 300_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.MOTOR_LANE, out.get(0).kind());
        assertEquals(RED + 2_000, out.get(0).at());
    }

    @Test
    void aRiderSilentWhileWaitingAtRedIsStillOnePassage() {
        read(17, "N", 1, RED + 2_000); // then no read for 40 s (a tag at rest beaconing rarely)
        read(17, "N", 1, RED + 42_000);
        exitS(17, true, RED + 46_000);
        passages.sweep(RED + 300_000);
        assertEquals(1, out.size(), out.toString());
        assertEquals(RED + 2_000, out.get(0).at());
    }

    @Test
    void goingOnTheFirstInstantOfGreenIsNoRedLightThoughTheExitStationStampsItJustBefore() {
        for (long t = RED + 30_000; t <= RED + 44_000; t += 2_000) {
            read(18, "N", 0, t);
        }
        read(18, "W", 3, RED + 44_960); // N's right turn, heard by W's left exit; green at RED + 45 s
        passages.sweep(RED + 300_000);
        assertEquals(List.of(), out);
        read(19, "N", 0, RED + 30_000);
        read(19, "W", 3, RED + 43_900); // 1.1 s before green: red light
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.RED_LIGHT, out.get(0).kind());
    }

    @Test
    void oneBeaconAtACornerHeardByAnExitAntennaBeforeAStopLineAntennaIsNoWrongWay() {
        // a right turn from S to E whose stop-line reads were missed: the corner beacon reaches W's through exit
        // antenna (arm E) 62 ms before S's stop-line antenna by the stations' clocks
        read(20, "W", 2, RED + 7_601);
        read(20, "S", 0, RED + 7_663);
        read(20, "W", 2, RED + 9_436);
        read(20, "W", 2, RED + 11_271);
        passages.sweep(RED + 300_000);
        assertEquals(List.of(), out);
    }

    @Test
    void readsOfAStationCutOffForTwentyMinutesDoNotJoinTheTagsNewPassage() {
        long old = RED - 1_200_000; // an exit stretch the tag rode 20 minutes ago ...
        read(21, "E", 0, RED + 10_000); // ... arriving after its new passage began at E's stop line (E green)
        for (long t = old; t <= old + 4_000; t += 2_000) {
            read(21, "E", 2, t, RED + 11_000);
        }
        for (long t = RED + 14_000; t <= RED + 18_000; t += 2_000) {
            read(21, "N", 3, t); // E's through exit (arm W) as N hears it
        }
        passages.sweep(RED + 300_000);
        assertEquals(List.of(), out, "no wrong way from an old exit read followed by a new stop-line read");
    }

    @Test
    void readsOfAStationCutOffDuringAWaitAtRedArriveTenMinutesLateAndRaiseNothingMore() {
        // N's station loses its backhaul while the motor-lane rider waits at red; the exit stations' frames arrive
        for (long t = RED + 2_000; t <= RED + 10_000; t += 2_000) {
            read(22, "N", 1, t);
        }
        exitS(22, true, RED + 47_000);
        assertEquals(1, out.size(), out.toString());
        passages.sweep(RED + 120_000); // the passage is let go
        long back = RED + 600_000; // N's buffered frames, ten minutes later
        for (long t = RED + 12_000; t <= RED + 44_000; t += 2_000) {
            read(22, "N", 1, t, back);
        }
        read(22, "N", 5, RED + 47_010, back);
        passages.sweep(back + 300_000);
        assertEquals(1, out.size(), out.toString());
        read(22, "N", 1, RED + 3_700_000, RED + 3_700_300); // an hour on: a new passage
        passages.sweep(RED + 4_000_000);
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void aRedLightWhoseStopLineStationWasCutOffIsStillCaughtWhenItsFramesArrive() {
        exitS(23, false, RED + 16_000); // only the exit stations are heard: no crossing, nothing to judge
        exitS(23, false, RED + 18_000);
        passages.sweep(RED + 120_000);
        assertEquals(List.of(), out);
        long back = RED + 600_000; // N's buffered frames: its stop-line reads on red and its own exit read
        read(23, "N", 0, RED + 10_000, back);
        read(23, "N", 0, RED + 12_000, back);
        read(23, "N", 2, RED + 16_010, back);
        assertEquals(1, out.size(), out.toString());
        assertEquals(ViolationKind.RED_LIGHT, out.get(0).kind());
    }

    @Test
    void aWaitAtRedHeardOnlyByAStationCutOffIsNotRaisedAgainWhenItsFramesArrive() {
        // N's station is cut off before the rider reaches the stop line: only the exit stations are heard at first
        exitS(24, true, RED + 47_000);
        exitS(24, true, RED + 49_000);
        passages.sweep(RED + 120_000); // no crossing: the motor-lane rule decides on the exit reads
        assertEquals(1, out.size(), out.toString());
        long back = RED + 600_000;
        for (long t = RED + 2_000; t <= RED + 44_000; t += 2_000) { // its wait at the stop line, ten minutes late
            read(24, "N", 1, t, back);
        }
        read(24, "N", 5, RED + 47_010, back);
        passages.sweep(back + 300_000);
        assertEquals(1, out.size(), out.toString());
    }
}
