package org.bikeguard.tracker.trajectory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Builds a {@link Trajectory} from a tag's sightings: one vertex per stay at a station (consecutive
 * sightings at the same station collapse into one vertex spanning them), a Point for one vertex,
 * a LineString through the stations for two or more. Lengths are geodesic on WGS-84
 * ({@link Geodesic}); a segment's speed is its length over the time between leaving one station
 * (lastSeen) and reaching the next (firstSeen). Stateless apart from the geometry factory;
 * thread-safe.
 */
public final class TrajectoryBuilder {

    /** WGS-84 (EPSG:4326), x = longitude, y = latitude. */
    public static final int SRID = 4326;

    private static final double MS_PER_HOUR = 3_600_000.0;

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), SRID);

    /**
     * One sighting with its station's position.
     *
     * @param station   station id
     * @param lon       station longitude, WGS-84 degrees
     * @param lat       station latitude, WGS-84 degrees
     * @param firstSeen epoch ms UTC
     * @param lastSeen  epoch ms UTC, &gt;= firstSeen
     */
    public record Visit(String station, double lon, double lat, long firstSeen, long lastSeen) {
        public Visit {
            Objects.requireNonNull(station, "station");
        }
    }

    /**
     * The trajectory of {@code tag} through {@code visits} (sorted here by firstSeen, then
     * lastSeen).
     *
     * @throws IllegalArgumentException when {@code visits} is empty
     */
    public Trajectory build(long tag, List<Visit> visits) {
        if (visits.isEmpty()) {
            throw new IllegalArgumentException("a trajectory needs at least one sighting");
        }
        List<Visit> sorted = new ArrayList<>(visits);
        sorted.sort(Comparator.comparingLong(Visit::firstSeen).thenComparingLong(Visit::lastSeen));
        List<Trajectory.Vertex> vertices = collapse(sorted);

        double length = 0;
        Double max = null;
        List<Double> speeds = new ArrayList<>(vertices.size());
        for (int i = 1; i < vertices.size(); i++) {
            Trajectory.Vertex a = vertices.get(i - 1);
            Trajectory.Vertex b = vertices.get(i);
            double d = Geodesic.distanceM(a.lon(), a.lat(), b.lon(), b.lat());
            length += d;
            long dt = b.firstSeen() - a.lastSeen();
            Double speed = dt > 0 ? round1(d / 1000.0 / (dt / MS_PER_HOUR)) : null;
            speeds.add(speed);
            if (speed != null && (max == null || speed > max)) {
                max = speed;
            }
        }
        return new Trajectory(tag, geometry(vertices), vertices, round1(length), speeds, max);
    }

    private static List<Trajectory.Vertex> collapse(List<Visit> sorted) {
        List<Trajectory.Vertex> out = new ArrayList<>();
        for (Visit v : sorted) {
            Trajectory.Vertex last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.station().equals(v.station())) {
                out.set(
                        out.size() - 1,
                        new Trajectory.Vertex(
                                last.station(),
                                last.lon(),
                                last.lat(),
                                last.firstSeen(),
                                Math.max(last.lastSeen(), v.lastSeen())));
            } else {
                out.add(new Trajectory.Vertex(v.station(), v.lon(), v.lat(), v.firstSeen(), v.lastSeen()));
            }
        }
        return out;
    }

    private Geometry geometry(List<Trajectory.Vertex> vertices) {
        if (vertices.size() == 1) {
            return factory.createPoint(
                    new Coordinate(vertices.get(0).lon(), vertices.get(0).lat()));
        }
        Coordinate[] cs = new Coordinate[vertices.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(vertices.get(i).lon(), vertices.get(i).lat());
        }
        return factory.createLineString(cs);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
