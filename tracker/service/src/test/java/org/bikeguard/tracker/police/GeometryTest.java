package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** GeoJSON parsing and coverage circles, compared as normalized geometries. */
class GeometryTest {

    @Test
    void polygonParsesFromGeoJsonAndFeature() throws Exception {
        String ring = "[[[0,0],[2,0],[2,1],[0,1],[0,0]]]";
        var p = GeoJson.polygon(new JsonObject("{\"type\":\"Polygon\",\"coordinates\":" + ring + "}"), "area");
        Geometry expected = new WKTReader().read("POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))");
        assertTrue(expected.norm().equalsExact(p.norm()));
        var f = GeoJson.polygon(
                new JsonObject(
                        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}"),
                "area");
        assertTrue(expected.norm().equalsExact(f.norm()));
    }

    @Test
    void badPolygonsAreValidationErrors() {
        for (String bad : List.of(
                "{\"type\":\"Point\",\"coordinates\":[0,0]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[200,0],[1,1],[0,0]]]}")) {
            ApiException e = assertThrows(ApiException.class, () -> GeoJson.polygon(new JsonObject(bad), "area"), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void coverageOfOverlappingStationsIsOnePolygonAndOfDistantOnesTwo() {
        Station a = new Station("A", 1, "a", "street", 112.57, 26.89, 100, new byte[32]);
        Station b = new Station("B", 2, "b", "street", 112.5715, 26.89, 100, new byte[32]); // ~150 m
        Station c = new Station("C", 3, "c", "street", 112.60, 26.89, 100, new byte[32]); // ~3 km
        assertEquals(
                "Polygon",
                GeoJson.geometry(StationIndex.coverage(List.of(a, b))).getString("type"));
        assertEquals(
                "MultiPolygon",
                GeoJson.geometry(StationIndex.coverage(List.of(a, c))).getString("type"));
        // a circle of 100 m: area ≈ π r², within 1 % (48 segments)
        double m2 = StationIndex.circle(a).getArea() * 111_320 * 111_320 * Math.cos(Math.toRadians(26.89));
        assertEquals(Math.PI * 100 * 100, m2, Math.PI * 100 * 100 * 0.01);
    }
}
