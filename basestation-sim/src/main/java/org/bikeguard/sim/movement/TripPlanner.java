package org.bikeguard.sim.movement;

import java.util.SplittableRandom;
import org.bikeguard.sim.city.RoadGraph;
import org.bikeguard.sim.city.Signals;

/**
 * Turns "from here to there, leaving at t" into a {@link Trip}: from the parking spot to the
 * nearest road node, along a {@link RoadGraph#route route}, to the destination's parking spot,
 * at the rider's speed. At a signalled intersection the bike arrives at the stop line
 * {@value #STOP_LINE_M} m before the centre; on red it waits for green, unless the rider runs
 * the light (risky riders half the time, others 3 %), which is reported as a violation, as is
 * the rarer wrong-way approach.
 *
 * <p>Units: metres, metres per second, epoch ms UTC. Not thread-safe (scratch buffers); one per
 * simulation thread.
 */
public final class TripPlanner {
    /** Distance of the stop line before an intersection's centre, metres. */
    public static final double STOP_LINE_M = 10;

    private static final String[] APPROACH = {"S", "W", "N", "E"};

    /** Receives the violations decided while planning. */
    public interface ViolationSink {
        /**
         * One violation.
         *
         * @param kind {@code red_light} or {@code wrong_way}
         * @param intersection signalled intersection index
         * @param at time at the stop line, epoch ms
         * @param approach the arm the bike came from: N, E, S or W
         */
        void violation(String kind, int intersection, long at, String approach);
    }

    private final RoadGraph roads;
    private final Signals signals;
    private final int[] signalAt;
    private double[] bx = new double[256];
    private double[] by = new double[256];
    private long[] bt = new long[256];
    private int n;

    /** A planner over the given roads and signal plans. */
    public TripPlanner(RoadGraph roads, Signals signals) {
        this.roads = roads;
        this.signals = signals;
        this.signalAt = signals.nodeTable(roads.nodes());
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
     * @param risky whether the rider tends to run red lights
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
            boolean risky,
            SplittableRandom rnd,
            ViolationSink sink) {
        n = 0;
        int[] route = roads.route(fromNode, toNode, rnd.nextInt(4));
        double t = depart;
        put(sx, sy, depart);
        double px = sx;
        double py = sy;
        for (int k = 0; k < route.length; k++) {
            int node = route[k];
            double nx = roads.x(node);
            double ny = roads.y(node);
            int sig = k > 0 && k < route.length - 1 ? signalAt[node] : -1;
            if (sig >= 0) {
                double d = Math.hypot(nx - px, ny - py);
                double f = d > STOP_LINE_M ? (d - STOP_LINE_M) / d : 0;
                double lx = px + f * (nx - px);
                double ly = py + f * (ny - py);
                t += d * f / speed * 1000;
                long arrive = Math.round(t);
                put(lx, ly, arrive);
                boolean northSouth = roads.col(route[k - 1]) == roads.col(node);
                String from = approach(route[k - 1], node);
                long go = signals.nextGo(sig, northSouth, arrive);
                if (go > arrive) {
                    if (rnd.nextInt(100) < (risky ? 50 : 3)) {
                        report(sink, "red_light", sig, arrive, from);
                    } else {
                        t = go;
                        put(lx, ly, go);
                    }
                }
                if (rnd.nextInt(1000) < (risky ? 40 : 5)) {
                    report(sink, "wrong_way", sig, arrive, from);
                }
                px = lx;
                py = ly;
            }
            t += Math.hypot(nx - px, ny - py) / speed * 1000;
            put(nx, ny, Math.round(t));
            px = nx;
            py = ny;
        }
        t += Math.hypot(ex - px, ey - py) / speed * 1000;
        put(ex, ey, Math.max(Math.round(t), depart + 1_000));
        return new Trip(bx, by, bt, n);
    }

    private String approach(int prev, int node) {
        int dc = roads.col(node) - roads.col(prev);
        int dr = roads.row(node) - roads.row(prev);
        if (dr > 0) {
            return APPROACH[0];
        }
        if (dc > 0) {
            return APPROACH[1];
        }
        return dr < 0 ? APPROACH[2] : APPROACH[3];
    }

    private static void report(ViolationSink sink, String kind, int sig, long at, String from) {
        if (sink != null) {
            sink.violation(kind, sig, at, from);
        }
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
