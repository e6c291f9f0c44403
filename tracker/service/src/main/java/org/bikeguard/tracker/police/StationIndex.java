package org.bikeguard.tracker.police;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Station geometry for the police queries: an {@link STRtree} over the station positions
 * (rebuilt when the registry has changed, swapped atomically; rebuilt at most every
 * {@value #REFRESH_MS} ms), the stations inside a polygon (envelope query, then a
 * {@link PreparedGeometry} point-in-polygon test), and coverage circles. Thread-safe.
 */
final class StationIndex {

    static final long REFRESH_MS = 5_000;
    /** Vertices of a coverage circle. */
    static final int CIRCLE_SEGMENTS = 48;

    private static final double METRES_PER_DEGREE = 111_320.0;

    private record Built(STRtree tree, int size, long at) {}

    private final StationRegistry stations;
    private volatile Built built;

    StationIndex(StationRegistry stations) {
        this.stations = stations;
    }

    /** The stations whose position lies in (or on the boundary of) the polygon, in id order. */
    List<Station> inside(Polygon area) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        List<Station> out = new ArrayList<>();
        for (Object o : tree().query(area.getEnvelopeInternal())) {
            Station s = (Station) o;
            Point p = GeoJson.FACTORY.createPoint(new Coordinate(s.lon(), s.lat()));
            if (prepared.covers(p)) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparing(Station::id));
        return out;
    }

    /** A station's coverage: a circle of its radius around it (metres on a local tangent plane). */
    static Polygon circle(Station s) {
        double dLat = s.radiusM() / METRES_PER_DEGREE;
        double dLon = s.radiusM() / (METRES_PER_DEGREE * Math.cos(Math.toRadians(s.lat())));
        Coordinate[] cs = new Coordinate[CIRCLE_SEGMENTS + 1];
        for (int i = 0; i < CIRCLE_SEGMENTS; i++) {
            double a = 2 * Math.PI * i / CIRCLE_SEGMENTS;
            cs[i] = new Coordinate(s.lon() + dLon * Math.sin(a), s.lat() + dLat * Math.cos(a));
        }
        cs[CIRCLE_SEGMENTS] = cs[0];
        return GeoJson.FACTORY.createPolygon(cs);
    }

    /** The union of the stations' coverage circles (a Polygon or MultiPolygon). */
    static Geometry coverage(Collection<Station> heard) {
        List<Geometry> circles = new ArrayList<>();
        for (Station s : heard) {
            circles.add(circle(s));
        }
        return circles.isEmpty() ? GeoJson.FACTORY.createGeometryCollection() : UnaryUnionOp.union(circles);
    }

    private STRtree tree() {
        Built b = built;
        long now = System.currentTimeMillis();
        if (b == null || b.size() != stations.size() || now - b.at() > REFRESH_MS) {
            STRtree t = new STRtree();
            for (Station s : stations.all()) {
                t.insert(new Envelope(s.lon(), s.lon(), s.lat(), s.lat()), s);
            }
            t.build();
            b = new Built(t, stations.size(), now);
            built = b;
        }
        return b.tree();
    }
}
