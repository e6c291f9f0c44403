package org.bikeguard.tracker.trajectory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bikeguard.protocol.TagIds;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A tag's path through the stations, built by {@link TrajectoryBuilder}. Immutable; thread-safe.
 *
 * @param tag        the tag (unsigned 64-bit)
 * @param geometry   a JTS Point (one vertex) or LineString (two or more), x = longitude,
 *                   y = latitude (WGS-84 degrees)
 * @param vertices   one per stay at a station, in time order
 * @param lengthM    geodesic length in metres, rounded to 0.1
 * @param speedsKmh  per segment (vertex i to i+1): km/h rounded to 0.1, {@code null} where the
 *                   time between leaving one station and reaching the next is &lt;= 0
 * @param maxSpeedKmh the highest non-null segment speed, or {@code null}
 */
public record Trajectory(
        long tag,
        Geometry geometry,
        List<Vertex> vertices,
        double lengthM,
        List<Double> speedsKmh,
        Double maxSpeedKmh) {

    /** One stay: at {@code station} from {@code firstSeen} to {@code lastSeen} (epoch ms UTC). */
    public record Vertex(String station, double lon, double lat, long firstSeen, long lastSeen) {}

    public Trajectory {
        Objects.requireNonNull(geometry, "geometry");
        vertices = List.copyOf(vertices);
        speedsKmh = Collections.unmodifiableList(new ArrayList<>(speedsKmh)); // may hold nulls
    }

    /** Start of the trajectory: the first vertex's firstSeen (epoch ms UTC). */
    public long from() {
        return vertices.get(0).firstSeen();
    }

    /** End of the trajectory: the latest lastSeen of any vertex (epoch ms UTC). */
    public long to() {
        return vertices.stream().mapToLong(Vertex::lastSeen).max().orElseThrow();
    }

    /** The GeoJSON Feature (RFC 7946) with the geometry and the properties of the API. */
    public JsonObject toGeoJson() {
        JsonArray stations = new JsonArray();
        JsonArray times = new JsonArray();
        for (Vertex v : vertices) {
            stations.add(v.station());
            times.add(new JsonArray().add(IsoTimes.format(v.firstSeen())).add(IsoTimes.format(v.lastSeen())));
        }
        JsonArray speeds = new JsonArray();
        speedsKmh.forEach(speeds::add);
        JsonObject props = new JsonObject()
                .put("tag", TagIds.format(tag))
                .put("from", IsoTimes.format(from()))
                .put("to", IsoTimes.format(to()))
                .put("stations", stations)
                .put("times", times)
                .put("lengthM", lengthM)
                .put("speedsKmh", speeds)
                .put("maxSpeedKmh", maxSpeedKmh);
        return new JsonObject()
                .put("type", "Feature")
                .put("geometry", geometryJson())
                .put("properties", props);
    }

    private JsonObject geometryJson() {
        Coordinate[] cs = geometry.getCoordinates();
        if (cs.length == 1) {
            return new JsonObject().put("type", "Point").put("coordinates", position(cs[0]));
        }
        JsonArray line = new JsonArray();
        for (Coordinate c : cs) {
            line.add(position(c));
        }
        return new JsonObject().put("type", "LineString").put("coordinates", line);
    }

    private static JsonArray position(Coordinate c) {
        return new JsonArray().add(c.getX()).add(c.getY());
    }
}
