package org.bikeguard.sim.city;

/**
 * The lane and antenna-zone geometry of the signalled intersections (violation stations).
 *
 * <p>Each intersection has four arms ({@link #ARM_NAMES}: N, E, S, W, unit vectors along the
 * grid axes). Riders keep right: on an arm, the <em>inbound</em> side (towards the centre) lies
 * to the right of a rider coming in, the <em>outbound</em> side on the other half of the road.
 * Each side has a non-motor lane (centre line {@value #NON_MOTOR_LANE_M} m off the road's centre
 * line) and a motor lane ({@value #MOTOR_LANE_M} m off). The stop line is
 * {@value #STOP_LINE_M} m before the centre.
 *
 * <p>An intersection has 13 readers: the centre reader (no antennas, hears within its radius) and
 * per arm three readers whose antennas cover rectangular zones along the arm (distance from the
 * centre {@code along}, metres; signed offset {@code lateral}, positive on the inbound side):
 *
 * <pre>
 *   reader  antenna  zone                         lane       direction  along     lateral
 *   IN      0        stop_line (before the line)  non_motor  inbound    8..35     5..10
 *   IN      1        motor_in                     motor      inbound    8..35     0..5
 *   OUT     0        exit                         non_motor  outbound   8..35    -10..-5
 *   OUT     1        motor_out                    motor      outbound   8..35    -5..0
 *   FAR     0        approach                     non_motor  inbound    35..60    5..10
 *   FAR     1        motor_in_far                 motor      inbound    35..60    0..5
 *   FAR     2        exit_far                     non_motor  outbound   35..60   -10..-5
 *   FAR     3        motor_out_far                motor      outbound   35..60   -5..0
 * </pre>
 *
 * A reader with antennas hears a tag only inside one of its zones (directional antennas); every
 * read it reports carries that zone's antenna number.
 *
 * <p>Units: metres in the city plane. Immutable after construction; thread-safe.
 */
public final class Junctions {
    /** Arm names by arm index: north, east, south, west. */
    public static final String[] ARM_NAMES = {"N", "E", "S", "W"};
    /** Unit vectors (x, y) of the arms, from the centre outwards. */
    static final double[][] ARMS = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
    /** Distance of the stop line from the centre, metres. */
    public static final double STOP_LINE_M = 10;
    /** Offset of the non-motor lanes from the road's centre line, metres. */
    public static final double NON_MOTOR_LANE_M = 7.5;
    /** Offset of the motor lanes from the road's centre line, metres. */
    public static final double MOTOR_LANE_M = 2.5;
    /** Distance from the centre beyond which the zones end, metres. */
    public static final double ZONES_END_M = 60;
    /** Reception radius of the arm readers (a bound around their zones), metres. */
    public static final double ARM_READER_RADIUS_M = 30;

    /** Reader roles by slot within an arm: 0 = IN, 1 = OUT, 2 = FAR. */
    public static final String[] ROLES = {"in", "out", "far"};
    /** Position of the reader of each role: along, lateral (metres). */
    static final double[][] READER_AT = {{21.5, 7.5}, {21.5, -7.5}, {47.5, 0}};

    /** One antenna zone of an arm reader. */
    public record Zone(
            int role,
            int antenna,
            String name,
            String lane,
            String direction,
            double alongMin,
            double alongMax,
            double latMin,
            double latMax) {}

    /** Every zone, by role then antenna (the table of the class Javadoc). */
    public static final Zone[] ZONES = {
        new Zone(0, 0, "stop_line", "non_motor", "inbound", 8, 35, 5, 10),
        new Zone(0, 1, "motor_in", "motor", "inbound", 8, 35, 0, 5),
        new Zone(1, 0, "exit", "non_motor", "outbound", 8, 35, -10, -5),
        new Zone(1, 1, "motor_out", "motor", "outbound", 8, 35, -5, 0),
        new Zone(2, 0, "approach", "non_motor", "inbound", 35, 60, 5, 10),
        new Zone(2, 1, "motor_in_far", "motor", "inbound", 35, 60, 0, 5),
        new Zone(2, 2, "exit_far", "non_motor", "outbound", 35, 60, -10, -5),
        new Zone(2, 3, "motor_out_far", "motor", "outbound", 35, 60, -5, 0)
    };

    private final Stations stations;
    private final double[] cx;
    private final double[] cy;

    /** The geometry of the city's signalled intersections. */
    public Junctions(City city) {
        this.stations = city.stations();
        Signals sig = city.signals();
        cx = new double[sig.count()];
        cy = new double[sig.count()];
        for (int i = 0; i < sig.count(); i++) {
            cx[i] = city.roads().x(sig.node(i));
            cy[i] = city.roads().y(sig.node(i));
        }
    }

    /** Id of signalled intersection {@code i} (ground truth, import file, tracker), e.g. {@code I07}. */
    public static String id(int i) {
        return String.format(java.util.Locale.ROOT, "I%02d", i + 1);
    }

    /** Number of signalled intersections. */
    public int count() {
        return cx.length;
    }

    /** Metres east of the centre of intersection {@code i}. */
    public double centreX(int i) {
        return cx[i];
    }

    /** Metres north of the centre of intersection {@code i}. */
    public double centreY(int i) {
        return cy[i];
    }

    /** Whether station {@code s} is an arm reader (has antennas). */
    public boolean hasAntennas(int s) {
        return stations.slot(s) > 0;
    }

    /** Arm (0..3) of arm reader {@code s}. */
    public int arm(int s) {
        return (stations.slot(s) - 1) / 3;
    }

    /** Role (0 IN, 1 OUT, 2 FAR) of arm reader {@code s}. */
    public int role(int s) {
        return (stations.slot(s) - 1) % 3;
    }

    /**
     * The antenna of arm reader {@code s} whose zone contains the point, or -1 when none does
     * (the reader does not hear it).
     */
    public int antennaAt(int s, double px, double py) {
        int i = stations.intersection(s);
        int a = arm(s);
        int role = role(s);
        double dx = px - cx[i];
        double dy = py - cy[i];
        double along = dx * ARMS[a][0] + dy * ARMS[a][1];
        double lateral = dx * inboundX(a) + dy * inboundY(a);
        for (Zone z : ZONES) {
            if (z.role == role
                    && along >= z.alongMin
                    && along < z.alongMax
                    && lateral >= z.latMin
                    && lateral < z.latMax) {
                return z.antenna;
            }
        }
        return -1;
    }

    /** The zone of arm reader {@code s}'s antenna {@code antenna}, or null. */
    public Zone zone(int s, int antenna) {
        int role = role(s);
        for (Zone z : ZONES) {
            if (z.role == role && z.antenna == antenna) {
                return z;
            }
        }
        return null;
    }

    /** Whether the point lies in any zone of any intersection (parking spots are kept out). */
    public boolean inAnyZone(double px, double py) {
        for (int i = 0; i < cx.length; i++) {
            double dx = px - cx[i];
            double dy = py - cy[i];
            if (Math.abs(dx) > ZONES_END_M + 1 || Math.abs(dy) > ZONES_END_M + 1) {
                continue;
            }
            for (int a = 0; a < 4; a++) {
                double along = dx * ARMS[a][0] + dy * ARMS[a][1];
                double lateral = Math.abs(dx * inboundX(a) + dy * inboundY(a));
                if (along >= 8 && along < ZONES_END_M && lateral < 10) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The point {@code along} metres out on arm {@code a} of intersection {@code i}, {@code lateral} off. */
    public void point(int i, int a, double along, double lateral, double[] out) {
        out[0] = cx[i] + ARMS[a][0] * along + inboundX(a) * lateral;
        out[1] = cy[i] + ARMS[a][1] * along + inboundY(a) * lateral;
    }

    /** x of the unit vector towards the inbound side of arm {@code a}. */
    static double inboundX(int a) {
        return -ARMS[a][1];
    }

    /** y of the unit vector towards the inbound side of arm {@code a}. */
    static double inboundY(int a) {
        return ARMS[a][0];
    }

    /** Arm index of an arm name (N, E, S, W), or -1. */
    public static int armIndex(String name) {
        for (int a = 0; a < ARM_NAMES.length; a++) {
            if (ARM_NAMES[a].equals(name)) {
                return a;
            }
        }
        return -1;
    }
}
