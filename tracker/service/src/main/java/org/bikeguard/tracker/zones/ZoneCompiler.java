package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.tracker.station.Station;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Compiles a zone's polygon (GeoJSON {@code Polygon} or {@code MultiPolygon}, lon/lat WGS84) and
 * listed stations to the set of station ids the hot path looks up: the polygon is parsed and
 * prepared once per edit and every station position tested with {@code covers} (a station on the
 * boundary belongs to the zone). Stateless and thread-safe.
 */
public final class ZoneCompiler {

    private static final GeometryFactory GF = new GeometryFactory();
    static final int MAX_POINTS = 10_000;

    private ZoneCompiler() {}

    /** The sorted station ids of the zone. @throws BadInputException for a bad polygon or unknown station */
    public static List<String> compile(JsonObject geometry, List<String> listed, Collection<Station> stations) {
        TreeSet<String> out = new TreeSet<>();
        for (String id : listed) {
            if (stations.stream().noneMatch(s -> s.id().equals(id))) {
                throw BadInputException.invalid("stations", "unknown station " + id);
            }
            out.add(id);
        }
        if (geometry != null) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(parse(geometry));
            for (Station s : stations) {
                if (prepared.covers(GF.createPoint(new Coordinate(s.lon(), s.lat())))) {
                    out.add(s.id());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The JTS geometry of a GeoJSON Polygon or MultiPolygon. @throws BadInputException */
    static Geometry parse(JsonObject g) {
        String type = g.getString("type");
        Object coords = g.getValue("coordinates");
        if (!(coords instanceof JsonArray a) || a.isEmpty()) {
            throw BadInputException.invalid("geometry", "needs coordinates");
        }
        Geometry geom;
        if ("Polygon".equals(type)) {
            geom = polygon(a);
        } else if ("MultiPolygon".equals(type)) {
            Polygon[] parts = new Polygon[a.size()];
            for (int i = 0; i < a.size(); i++) {
                parts[i] = polygon(array(a.getValue(i)));
            }
            geom = GF.createMultiPolygon(parts);
        } else {
            throw BadInputException.invalid("geometry", "must be a GeoJSON Polygon or MultiPolygon");
        }
        if (!geom.isValid()) {
            throw BadInputException.invalid("geometry", "is not a valid polygon (self-intersecting or unclosed)");
        }
        return geom;
    }

    private static Polygon polygon(JsonArray rings) {
        if (rings.isEmpty()) {
            throw BadInputException.invalid("geometry", "a polygon needs an outer ring");
        }
        LinearRing shell = ring(array(rings.getValue(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(array(rings.getValue(i)));
        }
        return GF.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonArray pts) {
        if (pts.size() < 4 || pts.size() > MAX_POINTS) {
            throw BadInputException.invalid("geometry", "a ring needs 4.." + MAX_POINTS + " positions, first = last");
        }
        Coordinate[] c = new Coordinate[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            JsonArray p = array(pts.getValue(i));
            if (p.size() < 2 || !(p.getValue(0) instanceof Number) || !(p.getValue(1) instanceof Number)) {
                throw BadInputException.invalid("geometry", "a position is [lon, lat]");
            }
            double lon = p.getDouble(0);
            double lat = p.getDouble(1);
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw BadInputException.invalid("geometry", "a position is out of range");
            }
            c[i] = new Coordinate(lon, lat);
        }
        if (!c[0].equals2D(c[c.length - 1])) {
            throw BadInputException.invalid("geometry", "a ring must end where it starts");
        }
        return GF.createLinearRing(c);
    }

    private static JsonArray array(Object o) {
        if (o instanceof JsonArray a) {
            return a;
        }
        throw BadInputException.invalid("geometry", "malformed coordinates");
    }
}
