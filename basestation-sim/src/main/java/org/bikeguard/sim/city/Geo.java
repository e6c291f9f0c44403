package org.bikeguard.sim.city;

import java.util.Locale;
import org.bikeguard.sim.load.StationLayout;

/**
 * The city's local plane: x metres east and y metres north of the centre 26.89 N, 112.57 E
 * (Hengyang), converted to WGS-84 degrees with an equirectangular projection (error well below
 * a metre over the 16 km of the city).
 *
 * <p>Stateless; thread-safe.
 */
public final class Geo {
    /** Latitude of the city centre, degrees north. */
    public static final double CENTER_LAT = StationLayout.CENTER_LAT;
    /** Longitude of the city centre, degrees east. */
    public static final double CENTER_LON = StationLayout.CENTER_LON;
    /** Metres per degree of latitude. */
    public static final double M_PER_DEG_LAT = 111_320;
    /** Metres per degree of longitude at the centre's latitude. */
    public static final double M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(Math.toRadians(CENTER_LAT));

    private Geo() {}

    /** Longitude (degrees east) of a point {@code x} metres east of the centre. */
    public static double lon(double x) {
        return CENTER_LON + x / M_PER_DEG_LON;
    }

    /** Latitude (degrees north) of a point {@code y} metres north of the centre. */
    public static double lat(double y) {
        return CENTER_LAT + y / M_PER_DEG_LAT;
    }

    /** Metres east of the centre of longitude {@code lon} (degrees). */
    public static double x(double lon) {
        return (lon - CENTER_LON) * M_PER_DEG_LON;
    }

    /** Metres north of the centre of latitude {@code lat} (degrees). */
    public static double y(double lat) {
        return (lat - CENTER_LAT) * M_PER_DEG_LAT;
    }

    /** {@code [lon,lat]} of a local point, 6 decimals (about 0.1 m), for GeoJSON. */
    public static String coord(double x, double y) {
        return String.format(Locale.ROOT, "[%.6f,%.6f]", lon(x), lat(y));
    }

    /** Euclidean distance in metres between two local points. */
    public static double dist(double x1, double y1, double x2, double y2) {
        double dx = x1 - x2;
        double dy = y1 - y2;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
