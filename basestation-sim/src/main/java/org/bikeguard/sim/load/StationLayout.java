package org.bikeguard.sim.load;

/**
 * Positions of load-test stations: a jittered grid over a 16 km &times; 16 km square centred on
 * 26.89 N 112.57 E (Hengyang). Deterministic: the same station count gives the same places.
 *
 * <p>Units: degrees (WGS 84) out, metres inside. Immutable; thread-safe.
 */
public final class StationLayout {
    /** Latitude of the square's centre, degrees. */
    public static final double CENTER_LAT = 26.89;
    /** Longitude of the square's centre, degrees. */
    public static final double CENTER_LON = 112.57;
    /** Side of the square, metres. */
    public static final double SIDE_M = 16_000;

    private static final double M_PER_DEG_LAT = 111_320;

    private final int side;
    private final double cellM;

    /** A layout for {@code stations} stations (&ge; 1). */
    public StationLayout(int stations) {
        this.side = (int) Math.ceil(Math.sqrt(stations));
        this.cellM = SIDE_M / side;
    }

    /** Longitude of station {@code index}, degrees east. */
    public double lon(int index) {
        double x = ((index % side) + 0.5 + jitter(index, 1)) * cellM - SIDE_M / 2;
        return CENTER_LON + x / (M_PER_DEG_LAT * Math.cos(Math.toRadians(CENTER_LAT)));
    }

    /** Latitude of station {@code index}, degrees north. */
    public double lat(int index) {
        double y = ((index / side) + 0.5 + jitter(index, 2)) * cellM - SIDE_M / 2;
        return CENTER_LAT + y / M_PER_DEG_LAT;
    }

    /** Deterministic offset in -0.25..0.25 cells. */
    private static double jitter(int index, int axis) {
        long h = (index * 0x9E3779B97F4A7C15L) ^ (axis * 0xBF58476D1CE4E5B9L);
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return ((h >>> 11) / (double) (1L << 53) - 0.5) / 2;
    }
}
