package org.bikeguard.sim.city;

/**
 * The lane and antenna-zone geometry of the signalled intersections (violation stations), in
 * the tracker's model (docs/protocol.md section 7): each approach has one station whose antennas
 * cover its stop-line zones and the exit zones of its movements.
 *
 * <p>Each intersection has four arms ({@link #ARM_NAMES}: N, E, S, W, clockwise, unit vectors
 * along the grid axes); an arm is also the approach of the traffic coming in on it. Traffic keeps
 * right: on an arm, the <em>inbound</em> side (towards the centre) lies to the right of a rider
 * coming in, the <em>outbound</em> side on the other half of the road. Each side has a non-motor
 * lane ({@value #NON_MOTOR_LANE_M} m off the road's centre line) and a motor lane
 * ({@value #MOTOR_LANE_M} m off). The stop line is {@value #STOP_LINE_M} m before the centre.
 * From approach {@code a}, through leaves on arm {@code a + 2}, left on {@code a + 1}, right on
 * {@code a + 3} (mod 4).
 *
 * <p>An intersection has 13 readers: the centre reader (radius 18 m) and per arm an approach
 * reader (IN, with antennas), and two plain readers (OUT on the outbound side, FAR 45 m out;
 * radius 15 m) that hear everything within their radius and report no antenna. The approach
 * reader's antennas and their zones ({@code along}: metres from the centre along the arm the
 * zone lies on, {@value #ZONE_FROM_M}..{@value #ZONE_TO_M}; {@code lateral}: metres off the
 * centre line, positive on that arm's inbound side):
 *
 * <pre>
 *   antenna  role       movement  lane       direction  on arm  lateral
 *   0        stop_line  -         non_motor  in         a        5..10
 *   1        stop_line  -         motor      in         a        0..5
 *   2/3/4    exit       through/left/right  non_motor  out  a+2/a+1/a+3  -10..-5
 *   5/6/7    exit       through/left/right  motor      out  a+2/a+1/a+3  -5..0
 * </pre>
 *
 * So one stretch of outbound lane is an exit zone of three approaches (heard by three antennas of
 * three stations). An approach reader hears a tag only inside one of its zones (directional
 * antennas), with the close-range probability of the radio model; every read it reports carries
 * that zone's antenna.
 *
 * <p>Units: metres in the city plane. Immutable after construction; thread-safe.
 */
public final class Junctions {
    /** Arm (approach) names by arm index: north, east, south, west. */
    public static final String[] ARM_NAMES = {"N", "E", "S", "W"};
    /** Unit vectors (x, y) of the arms, from the centre outwards. */
    static final double[][] ARMS = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
    /** Distance of the stop line from the centre, metres. */
    public static final double STOP_LINE_M = 10;
    /** Offset of the non-motor lanes from the road's centre line, metres. */
    public static final double NON_MOTOR_LANE_M = 7.5;
    /** Offset of the motor lanes from the road's centre line, metres. */
    public static final double MOTOR_LANE_M = 2.5;
    /** Where the zones begin, metres from the centre. */
    public static final double ZONE_FROM_M = 8;
    /** Where the zones end, metres from the centre. */
    public static final double ZONE_TO_M = 40;
    /** Reception radius of the approach readers (a bound around their zones), metres. */
    public static final double APPROACH_READER_RADIUS_M = 66;
    /** Reception radius of the plain arm readers, metres. */
    public static final double PLAIN_READER_RADIUS_M = 15;

    /** Reader roles by slot within an arm: 0 = IN (approach, antennas), 1 = OUT, 2 = FAR (plain). */
    public static final String[] ROLES = {"in", "out", "far"};
    /** Position of the reader of each role: along, lateral (metres). */
    static final double[][] READER_AT = {{21.5, 7.5}, {21.5, -7.5}, {45, 0}};

    /**
     * One antenna zone of an approach reader.
     *
     * @param antenna antenna number, 0..15
     * @param role {@code stop_line} or {@code exit}
     * @param movement {@code through}, {@code left}, {@code right} for an exit, else null
     * @param lane {@code non_motor} or {@code motor}
     * @param direction allowed direction of travel: {@code in} or {@code out}
     * @param armOffset the arm the zone lies on, counted clockwise from the approach's arm
     * @param latMin lateral band, metres (positive: that arm's inbound side)
     * @param latMax upper end of the band, metres
     */
    public record Zone(
            int antenna,
            String role,
            String movement,
            String lane,
            String direction,
            int armOffset,
            double latMin,
            double latMax) {}

    /** The zones of every approach reader (the table of the class Javadoc). */
    public static final Zone[] ZONES = {
        new Zone(0, "stop_line", null, "non_motor", "in", 0, 5, 10),
        new Zone(1, "stop_line", null, "motor", "in", 0, 0, 5),
        new Zone(2, "exit", "through", "non_motor", "out", 2, -10, -5),
        new Zone(3, "exit", "left", "non_motor", "out", 1, -10, -5),
        new Zone(4, "exit", "right", "non_motor", "out", 3, -10, -5),
        new Zone(5, "exit", "through", "motor", "out", 2, -5, 0),
        new Zone(6, "exit", "left", "motor", "out", 1, -5, 0),
        new Zone(7, "exit", "right", "motor", "out", 3, -5, 0)
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

    /** Whether station {@code s} is an approach reader (has antennas). */
    public boolean hasAntennas(int s) {
        return stations.slot(s) > 0 && role(s) == 0;
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
     * The antenna of approach reader {@code s} whose zone contains the point, or -1 when none
     * does (the reader does not hear it).
     */
    public int antennaAt(int s, double px, double py) {
        int i = stations.intersection(s);
        int approach = arm(s);
        double dx = px - cx[i];
        double dy = py - cy[i];
        for (Zone z : ZONES) {
            int a = (approach + z.armOffset()) % 4;
            double along = dx * ARMS[a][0] + dy * ARMS[a][1];
            if (along < ZONE_FROM_M || along >= ZONE_TO_M) {
                continue;
            }
            double lateral = dx * inboundX(a) + dy * inboundY(a);
            if (lateral >= z.latMin() && lateral < z.latMax()) {
                return z.antenna();
            }
        }
        return -1;
    }

    /** Whether the point lies in any zone of any intersection (parking spots are kept out). */
    public boolean inAnyZone(double px, double py) {
        for (int i = 0; i < cx.length; i++) {
            double dx = px - cx[i];
            double dy = py - cy[i];
            if (Math.abs(dx) > ZONE_TO_M + 1 || Math.abs(dy) > ZONE_TO_M + 1) {
                continue;
            }
            for (int a = 0; a < 4; a++) {
                double along = dx * ARMS[a][0] + dy * ARMS[a][1];
                double lateral = Math.abs(dx * inboundX(a) + dy * inboundY(a));
                if (along >= ZONE_FROM_M && along < ZONE_TO_M && lateral < 10) {
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
