package org.bikeguard.sim.movement;

/**
 * One journey: a polyline of points with the time the bike is at each, moving at constant speed
 * between consecutive points (two points at the same place with different times are a stop,
 * e.g. a red light). Positions are asked for with non-decreasing times, so a cursor makes each
 * lookup O(1) amortised.
 *
 * <p>Units: metres in the city plane, epoch ms UTC. Not thread-safe (the cursor); used by the
 * single simulation thread.
 */
public final class Trip {
    private final double[] x;
    private final double[] y;
    private final long[] t;
    private final int n;
    private int cursor;

    /** A trip through the first {@code n} points of the arrays (taken, not copied). */
    Trip(double[] x, double[] y, long[] t, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a trip needs two points");
        }
        this.x = x;
        this.y = y;
        this.t = t;
        this.n = n;
    }

    /** Departure time, epoch ms. */
    public long departure() {
        return t[0];
    }

    /** Arrival time, epoch ms. */
    public long arrival() {
        return t[n - 1];
    }

    /** Number of points. */
    public int points() {
        return n;
    }

    /** Metres east of the centre of point {@code i}. */
    public double x(int i) {
        return x[i];
    }

    /** Metres north of the centre of point {@code i}. */
    public double y(int i) {
        return y[i];
    }

    /** Time at point {@code i}, epoch ms. */
    public long time(int i) {
        return t[i];
    }

    /**
     * The position at time {@code when} (clamped to the trip), into {@code out} = {x, y}.
     * Calls should come with non-decreasing times; an earlier time rewinds the cursor.
     */
    public void position(long when, double[] out) {
        if (when <= t[0]) {
            cursor = 0;
            out[0] = x[0];
            out[1] = y[0];
            return;
        }
        if (when >= t[n - 1]) {
            out[0] = x[n - 1];
            out[1] = y[n - 1];
            return;
        }
        if (t[cursor] > when) {
            cursor = 0;
        }
        while (t[cursor + 1] <= when) {
            cursor++;
        }
        long span = t[cursor + 1] - t[cursor];
        double f = span == 0 ? 0 : (double) (when - t[cursor]) / span;
        out[0] = x[cursor] + f * (x[cursor + 1] - x[cursor]);
        out[1] = y[cursor] + f * (y[cursor + 1] - y[cursor]);
    }
}
