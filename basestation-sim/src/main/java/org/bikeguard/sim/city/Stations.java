package org.bikeguard.sim.city;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The city's base stations, column-wise: id, name, kind ({@code street}, {@code intersection},
 * {@code installation}, {@code building}, as in the tracker API), position, reception radius and
 * clock skew, plus a grid index answering "which stations hear this point" in O(1).
 *
 * <p>Units: metres in the city plane ({@link Geo}), radius in metres, clock skew in milliseconds
 * (station clock minus true time). Built once by {@link CityGenerator}; immutable afterwards and
 * thread-safe.
 */
public final class Stations {
    /** Station kinds, as the tracker API spells them. */
    public static final String STREET = "street";
    /** Reader at a signalled intersection. */
    public static final String INTERSECTION = "intersection";
    /** Station at an installation point. */
    public static final String INSTALLATION = "installation";
    /** Station at a building or compound gate. */
    public static final String BUILDING = "building";

    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private double[] x = new double[64];
    private double[] y = new double[64];
    private double[] radius = new double[64];
    private int[] skew = new int[64];
    private int[] intersection = new int[64];
    private int[] slot = new int[64];
    private int[] controller = new int[0];
    private int count;
    private double cell;
    private double originX;
    private double originY;
    private int gridCols;
    private int gridRows;
    private int[] cellStart;
    private int[] cellItems;

    /** Appends a station; returns its index. Only for the generator. */
    int add(
            String id,
            String name,
            String kind,
            double px,
            double py,
            double radiusM,
            int skewMs,
            int intersectionIndex,
            int slotIndex) {
        if (count == x.length) {
            int n = count * 2;
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            radius = Arrays.copyOf(radius, n);
            skew = Arrays.copyOf(skew, n);
            intersection = Arrays.copyOf(intersection, n);
            slot = Arrays.copyOf(slot, n);
        }
        ids.add(id);
        names.add(name);
        kinds.add(kind);
        x[count] = px;
        y[count] = py;
        radius[count] = radiusM;
        skew[count] = skewMs;
        intersection[count] = intersectionIndex;
        slot[count] = slotIndex;
        return count++;
    }

    /** Builds the grid index; call once after the last {@link #add}. */
    void index(double sizeM) {
        double maxR = 1;
        for (int i = 0; i < count; i++) {
            maxR = Math.max(maxR, radius[i]);
        }
        cell = maxR;
        originX = -sizeM / 2 - 2 * cell;
        originY = -sizeM / 2 - 2 * cell;
        gridCols = (int) Math.ceil((sizeM + 4 * cell) / cell) + 1;
        gridRows = gridCols;
        int[] counts = new int[gridCols * gridRows + 1];
        for (int i = 0; i < count; i++) {
            counts[cellOf(x[i], y[i]) + 1]++;
        }
        for (int c = 1; c < counts.length; c++) {
            counts[c] += counts[c - 1];
        }
        cellStart = counts;
        cellItems = new int[count];
        int[] fill = Arrays.copyOf(counts, counts.length);
        for (int i = 0; i < count; i++) {
            cellItems[fill[cellOf(x[i], y[i])]++] = i;
        }
    }

    private int cellOf(double px, double py) {
        int c = Math.max(0, Math.min(gridCols - 1, (int) ((px - originX) / cell)));
        int r = Math.max(0, Math.min(gridRows - 1, (int) ((py - originY) / cell)));
        return r * gridCols + c;
    }

    /**
     * The stations whose radius covers the point (px, py), in ascending index order.
     *
     * @param out receives the station indexes (length at least {@link #maxCover()})
     * @param dist receives the distances, metres
     * @return how many were written
     */
    public int covering(double px, double py, int[] out, double[] dist) {
        int c0 = Math.max(0, Math.min(gridCols - 1, (int) ((px - originX) / cell)) - 1);
        int r0 = Math.max(0, Math.min(gridRows - 1, (int) ((py - originY) / cell)) - 1);
        int n = 0;
        for (int r = r0; r <= Math.min(gridRows - 1, r0 + 2); r++) {
            int base = r * gridCols;
            for (int c = c0; c <= Math.min(gridCols - 1, c0 + 2); c++) {
                for (int k = cellStart[base + c]; k < cellStart[base + c + 1]; k++) {
                    int s = cellItems[k];
                    double dx = px - x[s];
                    double dy = py - y[s];
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= radius[s] * radius[s] && radius[s] > 0 && n < out.length) {
                        out[n] = s;
                        dist[n++] = Math.sqrt(d2);
                    }
                }
            }
        }
        return n;
    }

    /** An upper bound on how many stations can cover one point (array size for {@link #covering}). */
    public int maxCover() {
        return 64;
    }

    /** Number of stations. */
    public int count() {
        return count;
    }

    /** Id of station {@code i}, e.g. {@code HY-0001}. */
    public String id(int i) {
        return ids.get(i);
    }

    /** Name of station {@code i} (Chinese). */
    public String name(int i) {
        return names.get(i);
    }

    /** Kind of station {@code i}: one of the constants of this class. */
    public String kind(int i) {
        return kinds.get(i);
    }

    /** Metres east of the centre of station {@code i}. */
    public double x(int i) {
        return x[i];
    }

    /** Metres north of the centre of station {@code i}. */
    public double y(int i) {
        return y[i];
    }

    /** Reception radius of station {@code i}, metres. */
    public double radius(int i) {
        return radius[i];
    }

    /** Clock skew of station {@code i}: its clock minus true time, milliseconds. */
    public int skewMs(int i) {
        return skew[i];
    }

    /** Signalled intersection of station {@code i}, or -1 when it is not an intersection reader. */
    public int intersection(int i) {
        return intersection[i];
    }

    /**
     * Place of station {@code i} among its intersection's readers: 0 for the centre reader (and
     * every station that is not an intersection reader), {@code 1 + arm * 3 + role} for an arm
     * reader (see {@link Junctions}).
     */
    public int slot(int i) {
        return slot[i];
    }

    /** Makes station {@code s} the signal controller of intersection {@code i}. Only for the generator. */
    void setController(int i, int s) {
        if (i >= controller.length) {
            int old = controller.length;
            controller = Arrays.copyOf(controller, i + 1);
            Arrays.fill(controller, old, controller.length, -1);
        }
        controller[i] = s;
    }

    /**
     * The station that is the signal controller of signalled intersection {@code i} (it hears no
     * tag: radius 0; it publishes the phases), or -1 when the city has none ({@code --signal-controllers}).
     */
    public int controller(int i) {
        return i < controller.length ? controller[i] : -1;
    }

    /** Index of the station with id {@code id}, or -1. */
    public int indexOf(String id) {
        return ids.indexOf(id);
    }
}
