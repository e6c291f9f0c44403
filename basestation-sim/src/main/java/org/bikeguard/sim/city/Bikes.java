package org.bikeguard.sim.city;

/**
 * The static side of every bike, column-wise: its tag, owner, where its owner lives, works,
 * studies and shops, the owner's daily profile, riding speed and disposition. Identity papers
 * (plate, frame number ...) are derived on demand by {@link Registry}.
 *
 * <p>Units: speed in metres per second. Built once by {@link CityGenerator}; immutable
 * afterwards and thread-safe.
 */
public final class Bikes {
    /** Profile: works days at a workplace. */
    public static final byte COMMUTER = 0;
    /** Profile: takes a child to school and back, twice a day. */
    public static final byte SCHOOL_RUN = 1;
    /** Profile: retired or at home, runs errands. */
    public static final byte ERRANDS = 2;
    /** Profile: works nights. */
    public static final byte NIGHT_SHIFT = 3;

    final long[] tag;
    final int[] owner;
    final int[] home;
    final int[] work;
    final int[] market;
    final byte[] profile;
    final float[] speed;
    final boolean[] risky;
    private final int owners;

    Bikes(int n, int owners) {
        tag = new long[n];
        owner = new int[n];
        home = new int[n];
        work = new int[n];
        market = new int[n];
        profile = new byte[n];
        speed = new float[n];
        risky = new boolean[n];
        this.owners = owners;
    }

    /** Number of bikes. */
    public int count() {
        return tag.length;
    }

    /** Number of distinct owners (some own two bikes). */
    public int owners() {
        return owners;
    }

    /** Tag id (unsigned 64-bit) of bike {@code b}. */
    public long tag(int b) {
        return tag[b];
    }

    /** Owner index of bike {@code b}. */
    public int owner(int b) {
        return owner[b];
    }

    /** Home place (a compound) of bike {@code b}. */
    public int home(int b) {
        return home[b];
    }

    /** Workplace or school of bike {@code b}'s owner (the home for errand profiles). */
    public int work(int b) {
        return work[b];
    }

    /** Market near the home where errands go. */
    public int market(int b) {
        return market[b];
    }

    /** Daily profile, one of the constants of this class. */
    public byte profile(int b) {
        return profile[b];
    }

    /** Usual riding speed, metres per second. */
    public float speed(int b) {
        return speed[b];
    }

    /** Whether the rider tends to run red lights. */
    public boolean risky(int b) {
        return risky[b];
    }

    /** Registry id of bike {@code b}, e.g. {@code B0000042}. */
    public static String id(int b) {
        String n = Integer.toString(b + 1);
        return n.length() >= 7 ? "B" + n : "B" + "0000000".substring(n.length()) + n;
    }

    /** Bike index of a registry id made by {@link #id(int)}, or -1. */
    public static int index(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != 'B') {
            return -1;
        }
        try {
            return Integer.parseInt(id.substring(1)) - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Deterministic parking spot of bike {@code b} at a place: an offset from the place's gate,
     * uniform over a disc of {@link Places#PARKING_RADIUS_M} m.
     *
     * @param out receives {dx, dy} in metres
     */
    public static void parkingOffset(int b, int place, double[] out) {
        long h = (b * 0x9E3779B97F4A7C15L) ^ (place * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        double u = ((h >>> 40) & 0xFFFFFF) / (double) (1 << 24);
        double a = ((h >>> 12) & 0xFFFFFF) / (double) (1 << 24) * 2 * Math.PI;
        double r = Math.sqrt(u) * Places.PARKING_RADIUS_M;
        out[0] = r * Math.cos(a);
        out[1] = r * Math.sin(a);
    }
}
