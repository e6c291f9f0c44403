package org.bikeguard.sim.city;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The road network: a jittered grid of intersections {@value #SPACING_M} m apart, with every
 * {@value #ARTERIAL_EVERY}th row and column an arterial road, and a river (the Xiang) running
 * north between two columns that only bridges cross (every {@value #BRIDGE_EVERY}th row, all of
 * them arterials). Node {@code n} sits at column {@code n % cols}, row {@code n / cols}.
 *
 * <p>Routing is Manhattan-style and search-free (O(route length)): a trip goes along its street
 * to an arterial (or to a bridge when it must cross the river), along the arterial, then to its
 * destination. Every step of a route joins two neighbouring nodes by an existing edge.
 *
 * <p>Units: metres in the city plane ({@link Geo}). Immutable after construction; thread-safe.
 */
public final class RoadGraph {
    /** Distance between neighbouring grid lines, metres. */
    public static final double SPACING_M = 200;
    /** Every this many rows and columns is an arterial road. */
    public static final int ARTERIAL_EVERY = 4;
    /** Every this many rows has a bridge over the river. */
    public static final int BRIDGE_EVERY = 8;
    /** Extra width of the river between its two banks' columns, metres. */
    public static final double RIVER_GAP_M = 400;

    private final int cols;
    private final int rows;
    private final int riverCol;
    private final double[] x;
    private final double[] y;

    /** Builds the grid for a square city of side {@code sizeM} metres centred on the origin. */
    public RoadGraph(double sizeM, SplittableRandom rnd) {
        boolean river = sizeM >= 3_000;
        double width = sizeM - (river ? RIVER_GAP_M : 0) - SPACING_M;
        cols = (int) Math.floor(width / SPACING_M) + 1;
        rows = (int) Math.floor((sizeM - SPACING_M) / SPACING_M) + 1;
        riverCol = river ? (int) Math.round(cols * 0.56) - 1 : -1;
        double spanX = (cols - 1) * SPACING_M + (river ? RIVER_GAP_M : 0);
        double spanY = (rows - 1) * SPACING_M;
        x = new double[cols * rows];
        y = new double[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = r * cols + c;
                double jx = isArterialCol(c) ? 6 : 25;
                double jy = isArterialRow(r) ? 6 : 25;
                x[n] = -spanX / 2
                        + c * SPACING_M
                        + (river && c > riverCol ? RIVER_GAP_M : 0)
                        + (rnd.nextDouble() * 2 - 1) * jx;
                y[n] = -spanY / 2 + r * SPACING_M + (rnd.nextDouble() * 2 - 1) * jy;
            }
        }
    }

    /** Number of grid columns. */
    public int cols() {
        return cols;
    }

    /** Number of grid rows. */
    public int rows() {
        return rows;
    }

    /** Number of nodes. */
    public int nodes() {
        return x.length;
    }

    /** The river runs between column {@code riverCol()} and the next; -1 when there is none. */
    public int riverCol() {
        return riverCol;
    }

    /** Metres east of the centre of node {@code n}. */
    public double x(int n) {
        return x[n];
    }

    /** Metres north of the centre of node {@code n}. */
    public double y(int n) {
        return y[n];
    }

    /** Node at column {@code c}, row {@code r}. */
    public int node(int c, int r) {
        return r * cols + c;
    }

    /** Column of node {@code n}. */
    public int col(int n) {
        return n % cols;
    }

    /** Row of node {@code n}. */
    public int row(int n) {
        return n / cols;
    }

    /** Whether column {@code c} is an arterial road. */
    public boolean isArterialCol(int c) {
        return c % ARTERIAL_EVERY == 0;
    }

    /** Whether row {@code r} is an arterial road. */
    public boolean isArterialRow(int r) {
        return r % ARTERIAL_EVERY == 0;
    }

    /** Whether row {@code r} crosses the river on a bridge. */
    public boolean isBridgeRow(int r) {
        return r % BRIDGE_EVERY == 0;
    }

    /** Whether the edge from (c, r) to (c + 1, r) exists. */
    public boolean hasEastEdge(int c, int r) {
        return c + 1 < cols && (c != riverCol || isBridgeRow(r));
    }

    /** Whether column {@code c} lies west of the river (or there is no river). */
    public boolean westBank(int c) {
        return riverCol < 0 || c <= riverCol;
    }

    /** The node nearest to the local point (x, y), by grid arithmetic (not exact near the river). */
    public int nearestNode(double px, double py) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        int c0 = Math.max(0, Math.min(cols - 1, (int) Math.round((px - x[0]) / SPACING_M)));
        int r0 = Math.max(0, Math.min(rows - 1, (int) Math.round((py - y[0]) / SPACING_M)));
        for (int c = Math.max(0, c0 - 3); c <= Math.min(cols - 1, c0 + 3); c++) {
            for (int r = Math.max(0, r0 - 2); r <= Math.min(rows - 1, r0 + 2); r++) {
                int n = node(c, r);
                double d = Geo.dist(px, py, x[n], y[n]);
                if (d < bestD) {
                    bestD = d;
                    best = n;
                }
            }
        }
        return best;
    }

    /**
     * A route from node {@code from} to node {@code to}, both included, every step an edge.
     *
     * @param choice random bits choosing among the equally plausible routes
     * @return the nodes of the route (length 1 when {@code from == to})
     */
    public int[] route(int from, int to, int choice) {
        int c0 = col(from);
        int r0 = row(from);
        int c1 = col(to);
        int r1 = row(to);
        int[] out = new int[Math.abs(c1 - c0) + Math.abs(r1 - r0) + 2 * rows + 2 * cols + 1];
        int n;
        if (westBank(c0) != westBank(c1)) {
            n = viaRow(out, c0, r0, c1, r1, nearestBridgeRow((r0 + r1) / 2));
        } else if ((choice & 1) == 0) {
            n = viaRow(out, c0, r0, c1, r1, nearestArterial((choice & 2) == 0 ? r0 : r1, rows));
        } else {
            int cm = nearestArterial((choice & 2) == 0 ? c0 : c1, cols);
            if (westBank(cm) != westBank(c0)) {
                cm = (choice & 2) == 0 ? c0 : c1;
            }
            n = viaCol(out, c0, r0, c1, r1, cm);
        }
        return Arrays.copyOf(out, n);
    }

    private int viaRow(int[] out, int c0, int r0, int c1, int r1, int rm) {
        int n = 0;
        out[n++] = node(c0, r0);
        n = walk(out, n, c0, r0, c0, rm);
        n = walk(out, n, c0, rm, c1, rm);
        return walk(out, n, c1, rm, c1, r1);
    }

    private int viaCol(int[] out, int c0, int r0, int c1, int r1, int cm) {
        int n = 0;
        out[n++] = node(c0, r0);
        n = walk(out, n, c0, r0, cm, r0);
        n = walk(out, n, cm, r0, cm, r1);
        return walk(out, n, cm, r1, c1, r1);
    }

    /** Appends the nodes after (ca, ra) up to (cb, rb) along one row or column. */
    private int walk(int[] out, int n, int ca, int ra, int cb, int rb) {
        int dc = Integer.signum(cb - ca);
        int dr = Integer.signum(rb - ra);
        int c = ca;
        int r = ra;
        while (c != cb || r != rb) {
            c += dc;
            r += dr;
            out[n++] = node(c, r);
        }
        return n;
    }

    private static int nearestArterial(int i, int count) {
        int a = Math.round(i / (float) ARTERIAL_EVERY) * ARTERIAL_EVERY;
        while (a > count - 1) {
            a -= ARTERIAL_EVERY;
        }
        return Math.max(0, a);
    }

    private int nearestBridgeRow(int r) {
        int b = Math.round(r / (float) BRIDGE_EVERY) * BRIDGE_EVERY;
        while (b > rows - 1) {
            b -= BRIDGE_EVERY;
        }
        return Math.max(0, b);
    }
}
