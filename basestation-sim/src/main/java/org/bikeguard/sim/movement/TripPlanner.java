package org.bikeguard.sim.movement;

import java.util.SplittableRandom;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.RoadGraph;
import org.bikeguard.sim.city.Signals;

/**
 * Turns "from here to there, leaving at t" into a {@link Trip}: from the parking spot to the
 * nearest road node, along a {@link RoadGraph#route route}, to the destination's parking spot,
 * at the rider's speed.
 *
 * <p>Through a signalled intersection the rider follows the lanes of {@link Junctions}: in along
 * the inbound non-motor lane of the arm it comes from (from 65 m out to the stop line,
 * {@value Junctions#STOP_LINE_M} m before the centre), across, and out along the outbound
 * non-motor lane of the arm it leaves by (to 65 m out). Arriving on yellow or red it waits at the
 * stop line for green. With probability {@code violationRate} per passage the rider commits one
 * violation instead, its kind drawn uniformly among those possible:
 * <ul>
 *   <li>{@code red_light}: only when arriving at least {@value #RED_MARGIN_BEFORE_MS} ms after the
 *       red began and at least {@value #RED_MARGIN_AFTER_MS} ms before green; the rider does not
 *       stop (so the crossing is unambiguously on red, with room for the tracker's tolerance and
 *       a missed read or two);
 *   <li>{@code wrong_way}: the rider keeps left: in along the arm's outbound non-motor lane
 *       (towards the centre, against that lane's direction) and out along the exit arm's inbound
 *       non-motor lane; waits for green as usual;
 *   <li>{@code motor_lane}: in and out along the motor lanes; waits for green as usual.
 * </ul>
 * A trip starting or ending at a signalled intersection's node leaves or reaches the road 70 m
 * out on its arm and goes round the corners of a 70 m square to the parking spot, so it never
 * enters the antenna zones except as a passage (parking spots inside them are moved out by the
 * fleet).
 *
 * <p>Units: metres, metres per second, epoch ms UTC. Not thread-safe (scratch buffers); one per
 * simulation thread.
 */
public final class TripPlanner {
    /** Distance of the stop line before an intersection's centre, metres. */
    public static final double STOP_LINE_M = Junctions.STOP_LINE_M;
    /** A red-light runner arrives at least this long after the red began, ms. */
    public static final long RED_MARGIN_BEFORE_MS = 8_000;
    /** A red-light runner arrives at least this long before green, ms. */
    public static final long RED_MARGIN_AFTER_MS = 12_000;
    /** Where the lanes of a passage begin and end, metres from the centre (beyond the zones). */
    static final double LANES_FROM_M = 65;
    /** Half the side of the square whose corners trips starting or ending at an intersection follow. */
    static final double RING_M = 70;

    private static final double[][] CORNERS = {
        {RING_M, RING_M}, {RING_M, -RING_M}, {-RING_M, -RING_M}, {-RING_M, RING_M}
    };

    /** Receives the violations decided while planning. */
    public interface ViolationSink {
        /**
         * One violation.
         *
         * @param kind {@code red_light}, {@code wrong_way} or {@code motor_lane}
         * @param intersection signalled intersection index
         * @param at time at the stop line, epoch ms
         * @param approach the arm the bike came from: N, E, S or W
         */
        void violation(String kind, int intersection, long at, String approach);
    }

    private final RoadGraph roads;
    private final Signals signals;
    private final int[] signalAt;
    private final double violationRate;
    private final double[] pt = new double[2];
    private long passages;
    private double[] bx = new double[256];
    private double[] by = new double[256];
    private long[] bt = new long[256];
    private int n;

    private final Junctions junctions;

    /**
     * A planner over the given roads, signal plans and intersection geometry.
     *
     * @param violationRate probability of a violation per passage through a signalled intersection, 0..1
     */
    public TripPlanner(RoadGraph roads, Signals signals, Junctions junctions, double violationRate) {
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new IllegalArgumentException("violation rate must be 0..1");
        }
        this.roads = roads;
        this.signals = signals;
        this.junctions = junctions;
        this.violationRate = violationRate;
        this.signalAt = signals.nodeTable(roads.nodes());
    }

    /** Passages through signalled intersections planned so far (also those outside the run). */
    public long passages() {
        return passages;
    }

    /**
     * Plans a trip.
     *
     * @param sx start x (parking spot), metres
     * @param sy start y, metres
     * @param fromNode road node nearest the start
     * @param toNode road node nearest the end
     * @param ex end x (parking spot), metres
     * @param ey end y, metres
     * @param depart departure, epoch ms
     * @param speed metres per second
     * @param rnd randomness for route choice and behaviour
     * @param sink receives violations (may be null)
     */
    public Trip plan(
            double sx,
            double sy,
            int fromNode,
            int toNode,
            double ex,
            double ey,
            long depart,
            double speed,
            SplittableRandom rnd,
            ViolationSink sink) {
        n = 0;
        int[] route = roads.route(fromNode, toNode, rnd.nextInt(4));
        put(sx, sy, depart);
        int last = route.length - 1;
        for (int k = 0; k <= last; k++) {
            int node = route[k];
            int sig = signalAt[node];
            if (sig < 0) {
                go(roads.x(node), roads.y(node), speed);
            } else if (k > 0 && k < last && arm(node, route[k - 1]) != arm(node, route[k + 1])) {
                passage(sig, arm(node, route[k - 1]), arm(node, route[k + 1]), speed, rnd, sink);
            } else {
                endpoint(
                        sig,
                        k == 0 ? -1 : arm(node, route[k - 1]),
                        k == last ? -1 : arm(node, route[k + 1]),
                        ex,
                        ey,
                        speed);
            }
        }
        go(ex, ey, speed);
        bt[n - 1] = Math.max(bt[n - 1], depart + 1_000);
        return new Trip(bx, by, bt, n);
    }

    /** Through signalled intersection {@code sig} from arm {@code in} to arm {@code out}. */
    private void passage(int sig, int in, int out, double speed, SplittableRandom rnd, ViolationSink sink) {
        passages++;
        boolean northSouth = in == 0 || in == 2;
        junctions.point(sig, in, LANES_FROM_M, Junctions.NON_MOTOR_LANE_M, pt);
        double t = bt[n - 1] + Math.hypot(pt[0] - bx[n - 1], pt[1] - by[n - 1]) / speed * 1000;
        long arrive = Math.round(t + (LANES_FROM_M - STOP_LINE_M) / speed * 1000);
        String kind = null;
        if (rnd.nextDouble() < violationRate) {
            boolean redOk = signals.phase(sig, northSouth, arrive) == Signals.RED
                    && arrive - signals.redSince(sig, northSouth, arrive) >= RED_MARGIN_BEFORE_MS
                    && signals.nextGreen(sig, northSouth, arrive) - arrive >= RED_MARGIN_AFTER_MS;
            int k = rnd.nextInt(redOk ? 3 : 2);
            kind = redOk
                    ? new String[] {"red_light", "wrong_way", "motor_lane"}[k]
                    : k == 0 ? "wrong_way" : "motor_lane";
        }
        double latIn = "wrong_way".equals(kind)
                ? -Junctions.NON_MOTOR_LANE_M
                : "motor_lane".equals(kind) ? Junctions.MOTOR_LANE_M : Junctions.NON_MOTOR_LANE_M;
        double latOut = "wrong_way".equals(kind)
                ? Junctions.NON_MOTOR_LANE_M
                : "motor_lane".equals(kind) ? -Junctions.MOTOR_LANE_M : -Junctions.NON_MOTOR_LANE_M;
        junctions.point(sig, in, LANES_FROM_M, latIn, pt);
        go(pt[0], pt[1], speed);
        junctions.point(sig, in, STOP_LINE_M, latIn, pt);
        go(pt[0], pt[1], speed);
        long at = bt[n - 1];
        if (!"red_light".equals(kind)) {
            long green = signals.nextGreen(sig, northSouth, at);
            if (green > at) {
                put(pt[0], pt[1], green);
            }
        }
        if (kind != null && sink != null) {
            sink.violation(kind, sig, at, Junctions.ARM_NAMES[in]);
        }
        junctions.point(sig, out, STOP_LINE_M, latOut, pt);
        go(pt[0], pt[1], speed);
        junctions.point(sig, out, LANES_FROM_M, latOut, pt);
        go(pt[0], pt[1], speed);
    }

    /**
     * A trip starting (in = -1) or ending (out = -1) at signalled intersection {@code sig}: round
     * the corners of the {@value #RING_M} m square between the arm and the parking spot.
     */
    private void endpoint(int sig, int in, int out, double ex, double ey, double speed) {
        double cx = junctions.centreX(sig);
        double cy = junctions.centreY(sig);
        double fx;
        double fy;
        if (in >= 0) {
            junctions.point(sig, in, RING_M, Junctions.NON_MOTOR_LANE_M, pt);
            go(pt[0], pt[1], speed);
        }
        fx = bx[n - 1] - cx;
        fy = by[n - 1] - cy;
        double tx;
        double ty;
        if (out >= 0) {
            junctions.point(sig, out, RING_M, -Junctions.NON_MOTOR_LANE_M, pt);
            tx = pt[0] - cx;
            ty = pt[1] - cy;
        } else {
            tx = ex - cx;
            ty = ey - cy;
        }
        int q = quadrant(fx, fy);
        int qt = quadrant(tx, ty);
        go(cx + CORNERS[q][0], cy + CORNERS[q][1], speed);
        while (q != qt) {
            q = (q + 1) % 4;
            go(cx + CORNERS[q][0], cy + CORNERS[q][1], speed);
        }
        if (out >= 0) {
            go(cx + tx, cy + ty, speed);
        }
    }

    /** Quadrant of a point relative to a centre: 0 NE, 1 SE, 2 SW, 3 NW (clockwise). */
    private static int quadrant(double dx, double dy) {
        if (dx >= 0) {
            return dy >= 0 ? 0 : 1;
        }
        return dy >= 0 ? 3 : 2;
    }

    /** Arm (0 N, 1 E, 2 S, 3 W) of node {@code other} as seen from {@code node}. */
    private int arm(int node, int other) {
        int dc = roads.col(other) - roads.col(node);
        int dr = roads.row(other) - roads.row(node);
        if (dr > 0) {
            return 0;
        }
        if (dc > 0) {
            return 1;
        }
        return dr < 0 ? 2 : 3;
    }

    /** Rides straight from the last point to (x, y). */
    private void go(double x, double y, double speed) {
        double t = bt[n - 1] + Math.hypot(x - bx[n - 1], y - by[n - 1]) / speed * 1000;
        put(x, y, Math.round(t));
    }

    private void put(double x, double y, long t) {
        if (n == bx.length) {
            bx = java.util.Arrays.copyOf(bx, n * 2);
            by = java.util.Arrays.copyOf(by, n * 2);
            bt = java.util.Arrays.copyOf(bt, n * 2);
        }
        if (n > 0 && t < bt[n - 1]) {
            t = bt[n - 1];
        }
        bx[n] = x;
        by[n] = y;
        bt[n++] = t;
    }
}
