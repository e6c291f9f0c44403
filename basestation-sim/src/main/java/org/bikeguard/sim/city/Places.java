package org.bikeguard.sim.city;

import java.util.ArrayList;
import java.util.List;

/**
 * The places bikes go to and park at: residential compounds (homes), workplaces, schools,
 * markets, installation points, and fences' dens. Each place hangs off a road node and has a
 * gate point inside the block; bikes park within {@value #PARKING_RADIUS_M} m of the gate.
 *
 * <p>Stored column-wise; place {@code i} has {@link #kind(int)}, {@link #node(int)},
 * {@link #x(int)}, {@link #y(int)}, {@link #size(int)} and {@link #name(int)}. Units: metres in
 * the city plane ({@link Geo}). Built once by {@link CityGenerator}; immutable afterwards and
 * thread-safe.
 */
public final class Places {
    /** Radius around a place's gate within which bikes park, metres. */
    public static final double PARKING_RADIUS_M = 50;

    /** What a place is. */
    public enum Kind {
        /** A residential compound. */
        HOME,
        /** A workplace. */
        WORK,
        /** A school. */
        SCHOOL,
        /** A market or shopping street (errands). */
        MARKET,
        /** An installation point where tags are fitted. */
        INSTALLATION,
        /** A fence's den or stash for stolen bikes. */
        DEN
    }

    private final List<Kind> kinds = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private int[] node = new int[64];
    private double[] x = new double[64];
    private double[] y = new double[64];
    private double[] size = new double[64];
    private int[] district = new int[64];
    private int count;

    /** Appends a place; returns its index. Only for the generator. */
    int add(Kind kind, String name, int nodeIndex, double px, double py, double weight, int districtIndex) {
        if (count == node.length) {
            int n = count * 2;
            node = java.util.Arrays.copyOf(node, n);
            x = java.util.Arrays.copyOf(x, n);
            y = java.util.Arrays.copyOf(y, n);
            size = java.util.Arrays.copyOf(size, n);
            district = java.util.Arrays.copyOf(district, n);
        }
        kinds.add(kind);
        names.add(name);
        node[count] = nodeIndex;
        x[count] = px;
        y[count] = py;
        size[count] = weight;
        district[count] = districtIndex;
        return count++;
    }

    /** Number of places. */
    public int count() {
        return count;
    }

    /** Kind of place {@code i}. */
    public Kind kind(int i) {
        return kinds.get(i);
    }

    /** Name of place {@code i} (Chinese). */
    public String name(int i) {
        return names.get(i);
    }

    /** Road node place {@code i} is reached from. */
    public int node(int i) {
        return node[i];
    }

    /** Metres east of the centre of place {@code i}'s gate. */
    public double x(int i) {
        return x[i];
    }

    /** Metres north of the centre of place {@code i}'s gate. */
    public double y(int i) {
        return y[i];
    }

    /** Relative size (how many bikes live or work there, roughly). */
    public double size(int i) {
        return size[i];
    }

    /** District index ({@link Districts#all()}) of place {@code i}. */
    public int district(int i) {
        return district[i];
    }

    /** Indexes of every place of the given kind, ascending. */
    public int[] ofKind(Kind k) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (kinds.get(i) == k) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int i = 0; i < count; i++) {
            if (kinds.get(i) == k) {
                out[n++] = i;
            }
        }
        return out;
    }
}
