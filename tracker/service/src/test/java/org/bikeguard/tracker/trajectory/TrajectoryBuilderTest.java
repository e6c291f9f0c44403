package org.bikeguard.tracker.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.bikeguard.tracker.trajectory.TrajectoryBuilder.Visit;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class TrajectoryBuilderTest {

    private static final long T0 = Instant.parse("2026-11-23T04:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;

    private final TrajectoryBuilder builder = new TrajectoryBuilder();

    private static Visit a(long first, long last) {
        return new Visit("A", 120.10, 30.20, T0 + first, T0 + last);
    }

    private static Visit b(long first, long last) {
        return new Visit("B", 120.11, 30.20, T0 + first, T0 + last);
    }

    private static Visit c(long first, long last) {
        return new Visit("C", 120.11, 30.21, T0 + first, T0 + last);
    }

    private static void assertGeometry(String wkt, Geometry actual) throws ParseException {
        Geometry expected = new WKTReader().read(wkt);
        assertTrue(expected.norm().equalsExact(actual.norm(), 1e-12), "expected " + wkt + " got " + actual);
    }

    @Test
    void threeStationsGiveALineStringThroughThemInTimeOrder() throws ParseException {
        Trajectory t = builder.build(0xE2000017L, List.of(c(4 * MIN, 5 * MIN), a(0, MIN), b(2 * MIN, 3 * MIN)));
        assertGeometry("LINESTRING (120.10 30.20, 120.11 30.20, 120.11 30.21)", t.geometry());
        assertEquals(
                List.of("A", "B", "C"),
                t.vertices().stream().map(Trajectory.Vertex::station).toList());
    }

    @Test
    void oneSightingGivesAPoint() throws ParseException {
        Trajectory t = builder.build(1, List.of(b(0, MIN)));
        assertGeometry("POINT (120.11 30.20)", t.geometry());
        assertEquals(0.0, t.lengthM());
        assertEquals(List.of(), t.speedsKmh());
        assertNull(t.maxSpeedKmh());
    }

    @Test
    void consecutiveSightingsAtOneStationCollapseIntoOneVertexSpanningThem() throws ParseException {
        Trajectory t = builder.build(1, List.of(a(0, MIN), a(2 * MIN, 3 * MIN), b(5 * MIN, 6 * MIN)));
        assertGeometry("LINESTRING (120.10 30.20, 120.11 30.20)", t.geometry());
        assertEquals(T0, t.vertices().get(0).firstSeen());
        assertEquals(T0 + 3 * MIN, t.vertices().get(0).lastSeen());
    }

    @Test
    void repeatedSightingsAtOneStationOnlyGiveAPoint() throws ParseException {
        Trajectory t = builder.build(1, List.of(a(0, MIN), a(5 * MIN, 6 * MIN)));
        assertGeometry("POINT (120.10 30.20)", t.geometry());
        assertEquals(T0 + 6 * MIN, t.to());
    }

    @Test
    void returningToAStationAddsItAgainAsANewVertex() throws ParseException {
        Trajectory t = builder.build(1, List.of(a(0, MIN), b(2 * MIN, 3 * MIN), a(4 * MIN, 5 * MIN)));
        assertGeometry("LINESTRING (120.10 30.20, 120.11 30.20, 120.10 30.20)", t.geometry());
    }

    @Test
    void lengthIsTheGeodesicSumRoundedToADecimetre() {
        Trajectory t = builder.build(1, List.of(a(0, MIN), b(2 * MIN, 3 * MIN), c(4 * MIN, 5 * MIN)));
        double expected =
                Geodesic.distanceM(120.10, 30.20, 120.11, 30.20) + Geodesic.distanceM(120.11, 30.20, 120.11, 30.21);
        assertEquals(Math.round(expected * 10) / 10.0, t.lengthM());
        assertTrue(t.lengthM() > 2000 && t.lengthM() < 2200, "about 963 m + 1109 m: " + t.lengthM());
    }

    @Test
    void segmentSpeedIsDistanceOverTimeFromLeavingOneStationToReachingTheNext() {
        Trajectory t = builder.build(1, List.of(a(0, MIN), b(3 * MIN, 4 * MIN)));
        double km = Geodesic.distanceM(120.10, 30.20, 120.11, 30.20) / 1000;
        double expected = Math.round(km / (2.0 / 60) * 10) / 10.0;
        assertEquals(expected, t.speedsKmh().get(0));
        assertEquals(expected, t.maxSpeedKmh());
    }

    @Test
    void overlappingOrSimultaneousSightingsHaveANullSpeed() {
        Trajectory t = builder.build(1, List.of(a(0, 2 * MIN), b(MIN, 3 * MIN), c(5 * MIN, 6 * MIN)));
        assertNull(t.speedsKmh().get(0), "B was reached before A was left");
        assertTrue(t.speedsKmh().get(1) > 0);
        assertEquals(t.speedsKmh().get(1), t.maxSpeedKmh());
    }

    @Test
    void geoJsonFeatureCarriesCanonicalTagIsoTimesStationsAndSpeeds() {
        JsonObject f =
                builder.build(0x0E2L, List.of(a(0, MIN), b(3 * MIN, 4 * MIN))).toGeoJson();
        assertEquals("Feature", f.getString("type"));
        assertEquals("LineString", f.getJsonObject("geometry").getString("type"));
        assertEquals(
                new JsonArray().add(120.10).add(30.20),
                f.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0));
        JsonObject p = f.getJsonObject("properties");
        assertEquals("E2", p.getString("tag"));
        assertEquals("2026-11-23T04:00:00.000Z", p.getString("from"));
        assertEquals("2026-11-23T04:04:00.000Z", p.getString("to"));
        assertEquals(new JsonArray().add("A").add("B"), p.getJsonArray("stations"));
        assertEquals(
                new JsonArray().add("2026-11-23T04:03:00.000Z").add("2026-11-23T04:04:00.000Z"),
                p.getJsonArray("times").getJsonArray(1));
        assertEquals(1, p.getJsonArray("speedsKmh").size());
        assertTrue(p.getDouble("lengthM") > 900);
    }

    @Test
    void noSightingsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> builder.build(1, List.of()));
    }
}
