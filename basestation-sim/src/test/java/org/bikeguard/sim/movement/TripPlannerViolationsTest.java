package org.bikeguard.sim.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.RoadGraph;
import org.bikeguard.sim.city.Signals;
import org.bikeguard.sim.city.Stations;
import org.junit.jupiter.api.Test;

/**
 * Riders through a signalled intersection: the lanes they keep, the antenna zones they pass in
 * order, waiting at red, and the violations drawn at the configured rate.
 */
class TripPlannerViolationsTest {
    /** A weekday morning, 07:00 Asia/Shanghai. */
    private static final long T0 =
            OffsetDateTime.parse("2026-11-20T07:00:00+08:00").toInstant().toEpochMilli();

    private static final City CITY = CityGenerator.generate(
            new CitySpec("custom", 3_000, 90, 900, 1, 1, 2), 7, "T-", LocalDate.of(2026, 11, 20));
    private static final Junctions J = new Junctions(CITY);
    private static final Signals SIG = CITY.signals();
    private static final RoadGraph G = CITY.roads();

    /** One violation as the sink got it. */
    private record V(String kind, int intersection, long at, String approach) {}

    private static int node(int dr) {
        int n = SIG.node(0);
        return G.node(G.col(n), G.row(n) + dr);
    }

    /** A ride from the node south of intersection 0 to the node north of it, leaving at {@code depart}. */
    private static Trip southToNorth(TripPlanner p, long depart, SplittableRandom rnd, List<V> out) {
        int from = node(-1);
        int to = node(1);
        return p.plan(
                G.x(from),
                G.y(from),
                from,
                to,
                G.x(to),
                G.y(to),
                depart,
                5.0,
                rnd,
                (kind, i, at, approach) -> out.add(new V(kind, i, at, approach)));
    }

    /** The approach reader of arm {@code arm} of intersection 0. */
    private static int reader(int arm) {
        Stations st = CITY.stations();
        for (int s = 0; s < st.count(); s++) {
            if (st.intersection(s) == 0 && J.hasAntennas(s) && J.arm(s) == arm) {
                return s;
            }
        }
        throw new AssertionError("no reader");
    }

    /** The zones entered along the trip, as "arm:antenna", in order, sampled every 100 ms. */
    private static List<String> zones(Trip trip) {
        List<String> seq = new ArrayList<>();
        double[] pos = new double[2];
        String last = "";
        for (long t = trip.departure(); t <= trip.arrival(); t += 100) {
            trip.position(t, pos);
            StringBuilder now = new StringBuilder();
            for (int arm = 0; arm < 4; arm++) {
                int a = J.antennaAt(reader(arm), pos[0], pos[1]);
                if (a >= 0) {
                    now.append(now.length() > 0 ? "+" : "")
                            .append(Junctions.ARM_NAMES[arm])
                            .append(':')
                            .append(a);
                }
            }
            String z = now.toString();
            if (!z.isEmpty() && !z.equals(last)) {
                seq.add(z);
            }
            last = z;
        }
        return seq;
    }

    /** Time the trip first reaches the stop line of the south arm (its non-motor lane), epoch ms. */
    private static long stopLineTime(Trip trip) {
        double[] pt = new double[2];
        J.point(0, 2, Junctions.STOP_LINE_M, Junctions.NON_MOTOR_LANE_M, pt);
        for (int i = 0; i < trip.points(); i++) {
            if (Math.hypot(trip.x(i) - pt[0], trip.y(i) - pt[1]) < 1e-6) {
                return trip.time(i);
            }
        }
        return -1;
    }

    /** How long the trip stands still, ms. */
    private static long waited(Trip trip) {
        long w = 0;
        for (int i = 1; i < trip.points(); i++) {
            if (trip.x(i) == trip.x(i - 1) && trip.y(i) == trip.y(i - 1)) {
                w += trip.time(i) - trip.time(i - 1);
            }
        }
        return w;
    }

    @Test
    void northIsUpAndTheRouteGoesStraightThrough() {
        assertTrue(G.y(node(1)) > G.y(node(-1)));
        assertEquals(3, G.route(node(-1), node(1), 0).length);
    }

    @Test
    void aLawfulRiderStopsAtRedAndGoesOnGreenThroughStopLineThenExitZones() {
        TripPlanner p = new TripPlanner(G, SIG, J, 0);
        int red = 0;
        int green = 0;
        for (long d = T0; d < T0 + SIG.cycleMs(0); d += 1_000) {
            List<V> v = new ArrayList<>();
            Trip trip = southToNorth(p, d, new SplittableRandom(1), v);
            assertTrue(v.isEmpty(), "rate 0: no violation");
            long at = stopLineTime(trip);
            assertTrue(at > 0, "the rider reaches the south stop line in its non-motor lane");
            if (SIG.phase(0, true, at) == Signals.GREEN) {
                green++;
                assertEquals(0, waited(trip), "on green the rider rides on");
            } else {
                red++;
                assertEquals(SIG.nextGreen(0, true, at) - at, waited(trip), "waits exactly until green");
            }
            // S's stop line (antenna 0), then the north exit: S through (2), W left (3), E right (4)
            assertEquals(List.of("S:0", "E:4+S:2+W:3"), zones(trip), "at " + d);
        }
        assertTrue(red > 10 && green > 10, "both phases met: red " + red + ", green " + green);
    }

    @Test
    void everyKindOfViolationHasItsPathAndTruth() {
        TripPlanner p = new TripPlanner(G, SIG, J, 1);
        int[] seen = new int[3];
        SplittableRandom rnd = new SplittableRandom(3);
        for (long d = T0; d < T0 + 20 * SIG.cycleMs(0); d += 1_700) {
            List<V> v = new ArrayList<>();
            Trip trip = southToNorth(p, d, rnd, v);
            assertEquals(1, v.size(), "rate 1: one violation per passage");
            V x = v.get(0);
            assertEquals(0, x.intersection());
            assertEquals("S", x.approach());
            switch (x.kind()) {
                case "red_light" -> {
                    seen[0]++;
                    assertEquals(x.at(), stopLineTime(trip));
                    assertEquals(Signals.RED, SIG.phase(0, true, x.at()));
                    assertTrue(x.at() - SIG.redSince(0, true, x.at()) >= TripPlanner.RED_MARGIN_BEFORE_MS);
                    assertTrue(SIG.nextGreen(0, true, x.at()) - x.at() >= TripPlanner.RED_MARGIN_AFTER_MS);
                    assertEquals(0, waited(trip), "a red-light runner does not stop");
                    long crossed = x.at() + Math.round(2 * Junctions.STOP_LINE_M / 5.0 * 1000);
                    assertEquals(Signals.RED, SIG.phase(0, true, crossed), "still red on the far side");
                    assertEquals(List.of("S:0", "E:4+S:2+W:3"), zones(trip));
                }
                case "wrong_way" -> {
                    seen[1]++;
                    // in along the south arm's outbound lane (exit zones of N, E, W), out along
                    // the north arm's inbound lane (N's stop line)
                    assertEquals(List.of("N:2+E:3+W:4", "N:0"), zones(trip));
                }
                case "motor_lane" -> {
                    seen[2]++;
                    assertEquals(List.of("S:1", "E:7+S:5+W:6"), zones(trip));
                }
                default -> throw new AssertionError(x.kind());
            }
        }
        assertTrue(seen[0] > 5 && seen[1] > 5 && seen[2] > 5, java.util.Arrays.toString(seen));
    }

    @Test
    void theRateIsHonouredPerPassage() {
        TripPlanner p = new TripPlanner(G, SIG, J, 0.2);
        SplittableRandom rnd = new SplittableRandom(11);
        List<V> v = new ArrayList<>();
        int n = 4_000;
        for (int k = 0; k < n; k++) {
            southToNorth(p, T0 + k * 7_919L, rnd, v);
        }
        assertEquals(n, p.passages());
        double rate = v.size() / (double) n;
        assertTrue(Math.abs(rate - 0.2) < 4 * Math.sqrt(0.2 * 0.8 / n), "rate " + rate);
    }

    @Test
    void theSameSeedGivesTheSameTripsAndViolations() {
        List<String> a = ride(5);
        assertEquals(a, ride(5));
        assertFalse(a.equals(ride(6)));
    }

    private static List<String> ride(long seed) {
        TripPlanner p = new TripPlanner(G, SIG, J, 0.3);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            List<V> v = new ArrayList<>();
            Trip t = southToNorth(p, T0 + k * 3_001L, rnd, v);
            out.add(t.arrival() + " " + v);
        }
        return out;
    }
}
