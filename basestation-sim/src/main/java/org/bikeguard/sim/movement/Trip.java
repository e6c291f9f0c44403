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
    /** Points interleaved as x, y, t (t in epoch ms, exact as a double): one array, few cache misses. */
    private final double[] p;

    private final int n;
    private int cursor;

    /** A trip through the first {@code n} points of the arrays (copied). */
    Trip(double[] x, double[] y, long[] t, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a trip needs two points");
        }
        this.n = n;
        this.p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            p[3 * i] = x[i];
            p[3 * i + 1] = y[i];
            p[3 * i + 2] = t[i];
        }
    }

    private Trip(double[] p, int n) {
        this.p = p.clone();
        this.n = n;
    }

    /** The same journey with its own cursor (a bike carried along with another). */
    public Trip copy() {
        return new Trip(p, n);
    }

    /** Departure time, epoch ms. */
    public long departure() {
        return (long) p[2];
    }

    /** Arrival time, epoch ms. */
    public long arrival() {
        return (long) p[3 * n - 1];
    }

    /** Number of points. */
    public int points() {
        return n;
    }

    /** Metres east of the centre of point {@code i}. */
    public double x(int i) {
        return p[3 * i];
    }

    /** Metres north of the centre of point {@code i}. */
    public double y(int i) {
        return p[3 * i + 1];
    }

    /** Time at point {@code i}, epoch ms. */
    public long time(int i) {
        return (long) p[3 * i + 2];
    }

    /**
     * The position at time {@code when} (clamped to the trip), into {@code out} = {x, y}.
     * Calls should come with non-decreasing times; an earlier time rewinds the cursor.
     */
    public void position(long when, double[] out) {
        double w = when;
        if (w <= p[2]) {
            cursor = 0;
            out[0] = p[0];
            out[1] = p[1];
            return;
        }
        int last = 3 * (n - 1);
        if (w >= p[last + 2]) {
            out[0] = p[last];
            out[1] = p[last + 1];
            return;
        }
        int c = cursor;
        if (p[3 * c + 2] > w) {
            c = 0;
        }
        while (p[3 * c + 5] <= w) {
            c++;
        }
        cursor = c;
        int k = 3 * c;
        double span = p[k + 5] - p[k + 2];
        double f = span == 0 ? 0 : (w - p[k + 2]) / span;
        out[0] = p[k] + f * (p[k + 3] - p[k]);
        out[1] = p[k + 1] + f * (p[k + 4] - p[k + 1]);
    }
}
