package org.bikeguard.tracker.police;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bikeguard.common.web.BadInputException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * GeoJSON (RFC 7946) ⇄ JTS for the shapes the police routes use: (Multi)Polygons in WGS-84
 * longitude/latitude degrees. Parsing failures are 400 {@code validation} errors naming the field.
 * Stateless; thread-safe.
 */
final class GeoJson {

    /** WGS-84 lon/lat, SRID 4326. */
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {}

    /** A GeoJSON Polygon (or a Feature holding one) as a valid JTS polygon. */
    static Polygon polygon(Object value, String field) {
        if (!(value instanceof JsonObject o)) {
            throw BadInputException.invalid(field, "must be a GeoJSON Polygon object");
        }
        if ("Feature".equals(o.getString("type")) && o.getValue("geometry") instanceof JsonObject g) {
            o = g;
        }
        if (!"Polygon".equals(o.getString("type"))
                || !(o.getValue("coordinates") instanceof JsonArray rings)
                || rings.isEmpty()) {
            throw BadInputException.invalid(field, "must be a GeoJSON Polygon with coordinates");
        }
        LinearRing shell = ring(rings.getValue(0), field);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.getValue(i), field);
        }
        Polygon p = FACTORY.createPolygon(shell, holes);
        if (!p.isValid()) {
            throw BadInputException.invalid(field, "is not a valid polygon (self-intersecting or degenerate)");
        }
        return p;
    }

    private static LinearRing ring(Object value, String field) {
        if (!(value instanceof JsonArray a) || a.size() < 4 || a.size() > 10_000) {
            throw BadInputException.invalid(field, "rings must have 4..10000 positions");
        }
        Coordinate[] cs = new Coordinate[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof JsonArray p)
                    || p.size() < 2
                    || !(p.getValue(0) instanceof Number lon)
                    || !(p.getValue(1) instanceof Number lat)
                    || Math.abs(lon.doubleValue()) > 180
                    || Math.abs(lat.doubleValue()) > 90) {
                throw BadInputException.invalid(field, "positions must be [lon, lat] within -180..180, -90..90");
            }
            cs[i] = new Coordinate(lon.doubleValue(), lat.doubleValue());
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw BadInputException.invalid(field, "rings must be closed (first position = last)");
        }
        return FACTORY.createLinearRing(cs);
    }

    /** A Polygon or MultiPolygon (other types: an empty GeometryCollection) as GeoJSON geometry, 7 decimals. */
    static JsonObject geometry(Geometry g) {
        if (g instanceof Polygon p) {
            return new JsonObject().put("type", "Polygon").put("coordinates", rings(p));
        }
        if (g instanceof MultiPolygon m) {
            JsonArray polys = new JsonArray();
            for (int i = 0; i < m.getNumGeometries(); i++) {
                polys.add(rings((Polygon) m.getGeometryN(i)));
            }
            return new JsonObject().put("type", "MultiPolygon").put("coordinates", polys);
        }
        return new JsonObject().put("type", "GeometryCollection").put("geometries", new JsonArray());
    }

    private static JsonArray rings(Polygon p) {
        JsonArray rings = new JsonArray().add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static JsonArray positions(Coordinate[] cs) {
        JsonArray a = new JsonArray();
        for (Coordinate c : cs) {
            a.add(new JsonArray().add(round(c.x)).add(round(c.y)));
        }
        return a;
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }
}
