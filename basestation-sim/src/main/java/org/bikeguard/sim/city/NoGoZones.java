package org.bikeguard.sim.city;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The no-go zones of a city run with {@code --zone-parking}: fire lanes, building entrances and
 * corridors beside the gates of the largest compounds and workplaces (those with a building
 * station), each watched by one short-range reader of its own ({@value #READER_RADIUS_M} m) that
 * the tracker's zone is the station set of. A zone lies {@value #FROM_GATE_M} m from its gate,
 * away from the road node the place hangs off, so it is beyond the place's parking area (bikes
 * park within {@link Places#PARKING_RADIUS_M} m of the gate) and off the riders' way in and out;
 * parking spots that still come near a zone are moved out of it ({@link #keepOut}).
 *
 * <p>Kinds cycle fire lane, building entrance, fire lane, corridor. Ids {@code Z01}, {@code Z02},
 * ... Units: metres in the city plane. Built by {@link StationPlanner}; immutable afterwards and
 * thread-safe.
 */
public final class NoGoZones {
    /** Reception radius of a zone's reader, metres. */
    public static final double READER_RADIUS_M = 8;
    /** Distance of a zone's centre from its place's gate, metres. */
    public static final double FROM_GATE_M = 62;
    /** Least distance of a parking spot from a zone's centre, metres. */
    public static final double KEEP_OUT_M = READER_RADIUS_M + 6;

    private static final String[] KINDS = {"fire_lane", "building_entrance", "fire_lane", "corridor"};

    /** One zone: its reader is station {@code station}; {@code place} is the place it belongs to. */
    public record Zone(String id, String name, String kind, int station, int place, double x, double y) {}

    private final List<Zone> zones = new ArrayList<>();
    private int[] byStation = new int[0];

    /** The zones of a run parking {@code perDay} bikes a day in them: a quarter as many, 4..40 (0 for none). */
    public static int countFor(int perDay) {
        return perDay <= 0 ? 0 : Math.max(4, Math.min(40, (perDay + 3) / 4));
    }

    /** No zones. */
    public static NoGoZones none() {
        return new NoGoZones();
    }

    /** The kind of the {@code i}-th zone. */
    static String kindOf(int i) {
        return KINDS[i % KINDS.length];
    }

    /** Appends a zone (only for the planner). */
    void add(String name, String kind, int station, int place, double x, double y) {
        zones.add(new Zone(String.format("Z%02d", zones.size() + 1), name, kind, station, place, x, y));
    }

    /** Builds the station lookup; call once after the last station was added. */
    void index(int stationCount) {
        byStation = new int[stationCount];
        Arrays.fill(byStation, -1);
        for (int i = 0; i < zones.size(); i++) {
            byStation[zones.get(i).station()] = i;
        }
    }

    /** Number of zones. */
    public int count() {
        return zones.size();
    }

    /** Zone {@code i}. */
    public Zone get(int i) {
        return zones.get(i);
    }

    /** Index of the zone station {@code s} watches, or -1. */
    public int ofStation(int s) {
        return s < byStation.length ? byStation[s] : -1;
    }

    /** The zone nearest to (px, py), or -1 when there are none. */
    public int nearest(double px, double py) {
        int best = -1;
        double bd = Double.MAX_VALUE;
        for (int i = 0; i < zones.size(); i++) {
            double d = Geo.dist(px, py, zones.get(i).x(), zones.get(i).y());
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        return best;
    }

    /** Moves the point {@code p} = {x, y} at least {@value #KEEP_OUT_M} m away from every zone. */
    public void keepOut(double[] p) {
        for (Zone z : zones) {
            double dx = p[0] - z.x();
            double dy = p[1] - z.y();
            double d = Math.hypot(dx, dy);
            if (d < KEEP_OUT_M) {
                double ux = d < 1e-6 ? 1 : dx / d;
                double uy = d < 1e-6 ? 0 : dy / d;
                p[0] = z.x() + ux * KEEP_OUT_M;
                p[1] = z.y() + uy * KEEP_OUT_M;
            }
        }
    }
}
