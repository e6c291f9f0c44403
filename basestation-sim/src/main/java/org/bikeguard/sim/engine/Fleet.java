package org.bikeguard.sim.engine;

import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.Places;
import org.bikeguard.sim.movement.DailyPlanner;
import org.bikeguard.sim.movement.EventQueue;
import org.bikeguard.sim.movement.Trip;
import org.bikeguard.sim.movement.TripPlanner;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * Where every bike is: parked at a place (at its own parking spot) or on a {@link Trip}. Owners'
 * bikes follow their {@link DailyPlanner} legs; a held bike (stolen, being recovered) moves only
 * when a scenario says so. Each bike has at most one pending event: its arrival while moving,
 * its next departure while parked.
 *
 * <p>Units: epoch ms UTC, metres. Not thread-safe: the simulation thread only.
 */
final class Fleet implements TripPlanner.ViolationSink {
    /** Told when bikes start and end trips. */
    interface Listener {
        /** Bike {@code b} left its parking spot at {@code t}. */
        void departed(int b, long t);

        /** Bike {@code b} parked at {@code t}. */
        void arrived(int b, long t);

        /** The ids of the cloned tags bike {@code b} carries beside its own (none: empty). */
        default long[] cloneTags(int b) {
            return new long[0];
        }
    }

    private static final long LOOKBACK_MS = 3 * 3_600_000L;
    private static final int HELD = 1;
    /** Violations up to this long before the run's start are written to the truth, ms. */
    static final long TRUTH_BEFORE_START_MS = 300_000;
    /** Around an intersection's centre (half side, metres) parking spots keep off the roads. */
    private static final double KEEP_OUT_M = 62;
    /** Least distance of such a spot from an arm's centre line, metres. */
    private static final double LANE_CLEARANCE_M = 12;

    private final City city;
    private final Bikes bikes;
    private final Places places;
    private final DailyPlanner planner;
    private final TripPlanner trips;
    private final Junctions junctions;
    private final EventQueue events;
    private final SplittableRandom rnd;
    private final TruthWriter truth;
    private final Listener listener;
    private final int[] place;
    private final Trip[] trip;
    private final int[] tripDest;
    private final double[] px;
    private final double[] py;
    private final long[] legDay;
    private final byte[] legNext;
    private final byte[] mode;
    private final long[] depart = new long[DailyPlanner.MAX_LEGS];
    private final int[] dest = new int[DailyPlanner.MAX_LEGS];
    private final double[] offset = new double[2];
    /** Spots {x, y} where scenarios park bikes instead of their own (no-go zones), by bike. */
    private final java.util.Map<Integer, double[]> pinned = new java.util.HashMap<>();

    private final long start;
    private final long end;
    private int violationBike = -1;
    private long violations;

    Fleet(
            City city,
            SplittableRandom rnd,
            TruthWriter truth,
            Listener listener,
            long start,
            long end,
            double violationRate) {
        this.city = city;
        this.bikes = city.bikes();
        this.places = city.places();
        this.planner = new DailyPlanner(city.seed(), bikes);
        this.junctions = new Junctions(city);
        this.trips = new TripPlanner(city.roads(), city.signals(), junctions, violationRate);
        int n = bikes.count();
        this.events = new EventQueue(n);
        this.rnd = rnd;
        this.truth = truth;
        this.listener = listener;
        this.start = start;
        this.end = end;
        place = new int[n];
        trip = new Trip[n];
        tripDest = new int[n];
        px = new double[n];
        py = new double[n];
        legDay = new long[n];
        legNext = new byte[n];
        mode = new byte[n];
    }

    /** Puts every bike where its owner's plan has it at {@code t}. */
    void init(long t) {
        long day = DailyPlanner.dayOf(t);
        for (int b = 0; b < bikes.count(); b++) {
            int n = planner.legs(b, day, depart, dest);
            int k = -1;
            while (k + 1 < n && depart[k + 1] <= t) {
                k++;
            }
            int origin = k > 0 ? dest[k - 1] : lastDestination(b, day - 1);
            legDay[b] = day;
            legNext[b] = (byte) (k + 1);
            if (k >= 0 && depart[k] >= t - LOOKBACK_MS && dest[k] != origin) {
                park(b, origin);
                startTrip(b, dest[k], depart[k], bikes.speed(b));
                if (trip[b].arrival() > t) {
                    events.schedule(b, trip[b].arrival());
                    continue;
                }
                trip[b] = null;
            }
            park(b, k >= 0 ? dest[k] : origin);
            scheduleDeparture(b, t);
        }
    }

    private int lastDestination(int b, long day) {
        int n = planner.legs(b, day, depart, dest);
        return n == 0 ? bikes.home(b) : dest[n - 1];
    }

    private void park(int b, int at) {
        place[b] = at;
        double[] pin = pinned.isEmpty() ? null : pinned.remove(b);
        if (pin != null) {
            px[b] = pin[0];
            py[b] = pin[1];
            return;
        }
        spot(b, at, offset);
        px[b] = offset[0];
        py[b] = offset[1];
    }

    /**
     * Bike {@code b}'s parking spot at place {@code at} into {@code out} = {x, y}: within the
     * parking radius of the gate, moved out of the intersections' lanes and boxes (at least 12 m
     * off an arm's centre line) so parked bikes never sit in an antenna zone, and out of the
     * no-go zones.
     */
    private void spot(int b, int at, double[] out) {
        Bikes.parkingOffset(b, at, out);
        out[0] += places.x(at);
        out[1] += places.y(at);
        if (city.zones().count() > 0) {
            city.zones().keepOut(out);
        }
        for (int i = 0; i < junctions.count(); i++) {
            double dx = out[0] - junctions.centreX(i);
            double dy = out[1] - junctions.centreY(i);
            if (Math.abs(dx) < KEEP_OUT_M && Math.abs(dy) < KEEP_OUT_M) {
                if (Math.abs(dx) < LANE_CLEARANCE_M) {
                    out[0] = junctions.centreX(i) + (dx < 0 ? -LANE_CLEARANCE_M : LANE_CLEARANCE_M);
                }
                if (Math.abs(dy) < LANE_CLEARANCE_M) {
                    out[1] = junctions.centreY(i) + (dy < 0 ? -LANE_CLEARANCE_M : LANE_CLEARANCE_M);
                }
            }
        }
    }

    /** Time of the earliest pending event, {@link Long#MAX_VALUE} when none. */
    long nextEventTime() {
        return events.peekTime();
    }

    /** Handles the earliest pending event. */
    void handleNext() {
        long t = events.peekTime();
        int b = events.poll();
        if (trip[b] != null) {
            int at = tripDest[b];
            trip[b] = null;
            park(b, at);
            listener.arrived(b, t);
            if (mode[b] != HELD) {
                scheduleDeparture(b, t);
            }
            return;
        }
        if (mode[b] == HELD) {
            return;
        }
        planner.legs(b, legDay[b], depart, dest);
        int to = dest[legNext[b]];
        legNext[b]++;
        departNow(b, to, t, bikes.speed(b) * (0.9 + 0.2 * rnd.nextDouble()));
    }

    /** Queues the owner's next departure after {@code t} (skipping legs to where it already is). */
    private void scheduleDeparture(int b, long t) {
        for (int days = 0; days < 8; days++) {
            int n = planner.legs(b, legDay[b], depart, dest);
            while (legNext[b] < n) {
                if (dest[legNext[b]] == place[b]) {
                    legNext[b]++;
                    continue;
                }
                events.schedule(b, Math.max(depart[legNext[b]], t));
                return;
            }
            legDay[b]++;
            legNext[b] = 0;
        }
    }

    private void departNow(int b, int to, long t, double speed) {
        startTrip(b, to, t, speed);
        events.schedule(b, trip[b].arrival());
        listener.departed(b, t);
    }

    private void startTrip(int b, int to, long t, double speed) {
        int from = place[b];
        double[] pin = pinned.isEmpty() ? null : pinned.get(b);
        if (pin != null) {
            offset[0] = pin[0];
            offset[1] = pin[1];
        } else {
            spot(b, to, offset);
        }
        violationBike = b;
        trip[b] =
                trips.plan(px[b], py[b], places.node(from), places.node(to), offset[0], offset[1], t, speed, rnd, this);
        violationBike = -1;
        tripDest[b] = to;
        place[b] = -1;
    }

    @Override
    public void violation(String kind, int intersection, long at, String approach) {
        // passages just before the start are written too: their reads may fall in the window
        if (!truth.enabled() || at < start - TRUTH_BEFORE_START_MS || at >= end || violationBike < 0) {
            return;
        }
        violations++;
        truth.begin("violation")
                .field("kind", kind)
                .field("tag", TagIds.format(bikes.tag(violationBike)))
                .field("bike", Bikes.id(violationBike))
                .field("intersection", intersectionId(intersection))
                .time("at", at)
                .field("approach", approach)
                .end();
        for (long clone : listener.cloneTags(violationBike)) { // read on the same passage: the tracker sees both
            truth.begin("violation")
                    .field("kind", kind)
                    .field("tag", TagIds.format(clone))
                    .field("bike", Bikes.id(violationBike))
                    .field("intersection", intersectionId(intersection))
                    .time("at", at)
                    .field("approach", approach)
                    .field("clone", true)
                    .end();
        }
    }

    /** Id of signalled intersection {@code i} in the ground truth, e.g. {@code I07}. */
    static String intersectionId(int i) {
        return Junctions.id(i);
    }

    /** Whether bike {@code b} is on a trip. */
    boolean isMoving(int b) {
        return trip[b] != null;
    }

    /** Arrival time of bike {@code b}'s trip; only while moving. */
    long arrival(int b) {
        return trip[b].arrival();
    }

    /** Place where bike {@code b} is parked, -1 while moving. */
    int placeOf(int b) {
        return place[b];
    }

    /** Position of bike {@code b} at {@code t} into {@code out} = {x, y}. */
    void position(int b, long t, double[] out) {
        Trip tr = trip[b];
        if (tr != null) {
            tr.position(t, out);
        } else {
            out[0] = px[b];
            out[1] = py[b];
        }
    }

    /** Takes bike {@code b} out of its owner's plan (no departures until released). */
    void hold(int b) {
        mode[b] = HELD;
        if (trip[b] == null) {
            events.cancel(b);
        }
    }

    /** Whether bike {@code b} is held by a scenario. */
    boolean isHeld(int b) {
        return mode[b] == HELD;
    }

    /** Gives bike {@code b} back to its owner's plan from time {@code t}. */
    void release(int b, long t) {
        mode[b] = 0;
        legDay[b] = DailyPlanner.dayOf(t);
        int n = planner.legs(b, legDay[b], depart, dest);
        int k = 0;
        while (k < n && depart[k] < t) {
            k++;
        }
        legNext[b] = (byte) k;
        if (trip[b] == null) {
            scheduleDeparture(b, t);
        }
    }

    /** Sends held bike {@code b} (parked) to place {@code to} now; returns the arrival time. */
    long travel(int b, int to, long t, double speed) {
        departNow(b, to, t, speed);
        return trip[b].arrival();
    }

    /**
     * Sends held bike {@code b} (parked) to the spot (x, y) belonging to place {@code to} (by its
     * road node), where it stays parked; returns the arrival time.
     */
    long travelToSpot(int b, int to, double x, double y, long t, double speed) {
        pinned.put(b, new double[] {x, y});
        departNow(b, to, t, speed);
        return trip[b].arrival();
    }

    /**
     * Sends held bike {@code b} along with moving bike {@code leader} (the same journey, as if
     * loaded into the same van at the leader's position); returns the arrival time.
     */
    long travelWith(int b, int leader, long t) {
        trip[b] = trip[leader].copy();
        tripDest[b] = tripDest[leader];
        place[b] = -1;
        events.schedule(b, trip[b].arrival());
        listener.departed(b, t);
        return trip[b].arrival();
    }

    /** The owner's first planned departure of bike {@code b} at or after {@code t}. */
    long nextPlannedDeparture(int b, long t) {
        long day = DailyPlanner.dayOf(t);
        for (int d = 0; d < 8; d++) {
            int n = planner.legs(b, day + d, depart, dest);
            for (int k = 0; k < n; k++) {
                if (depart[k] >= t) {
                    return depart[k];
                }
            }
        }
        return t + DailyPlanner.DAY_MS;
    }

    /** Passages through signalled intersections planned so far. */
    long passages() {
        return trips.passages();
    }

    /** Violations written to the ground truth. */
    long violations() {
        return violations;
    }

    /** Bikes currently on a trip. */
    int moving() {
        int n = 0;
        for (Trip t : trip) {
            if (t != null) {
                n++;
            }
        }
        return n;
    }

    /** The city. */
    City city() {
        return city;
    }
}
