package org.bikeguard.tracker.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.Test;

class ZoneCompilerTest {

    private static final List<Station> STATIONS = List.of(
            new Station("IN", 1, "in", "building", 112.705, 26.805, 10, new byte[32]),
            new Station("HOLE", 2, "hole", "building", 112.7085, 26.8085, 10, new byte[32]),
            new Station("EDGE", 3, "edge", "building", 112.71, 26.805, 10, new byte[32]),
            new Station("OUT", 4, "out", "street", 112.72, 26.805, 10, new byte[32]),
            new Station("FAR", 5, "far", "street", 112.80, 26.90, 10, new byte[32]));

    private static JsonObject geo(String json) {
        return new JsonObject(json);
    }

    @Test
    void aPolygonWithAHoleTakesTheStationsInsideAndOnItsEdge() {
        JsonObject g = geo("{\"type\":\"Polygon\",\"coordinates\":[[[112.70,26.80],[112.71,26.80],[112.71,26.81],"
                + "[112.70,26.81],[112.70,26.80]],[[112.708,26.808],[112.709,26.808],[112.709,26.809],"
                + "[112.708,26.809],[112.708,26.808]]]}");
        assertEquals(List.of("EDGE", "IN"), ZoneCompiler.compile(g, List.of(), STATIONS));
        assertEquals(List.of("EDGE", "FAR", "IN"), ZoneCompiler.compile(g, List.of("FAR"), STATIONS));
    }

    @Test
    void aMultiPolygonTakesEveryPart() {
        JsonObject g =
                geo("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[112.70,26.80],[112.706,26.80],[112.706,26.81],"
                        + "[112.70,26.81],[112.70,26.80]]],[[[112.79,26.89],[112.81,26.89],[112.81,26.91],[112.79,26.91],"
                        + "[112.79,26.89]]]]}");
        assertEquals(List.of("FAR", "IN"), ZoneCompiler.compile(g, List.of(), STATIONS));
    }

    @Test
    void badShapesAndUnknownStationsAreRefused() {
        assertThrows(
                BadInputException.class,
                () -> ZoneCompiler.compile(
                        geo("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"),
                        List.of(),
                        STATIONS));
        assertThrows(
                BadInputException.class,
                () -> ZoneCompiler.compile(
                        geo("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"),
                        List.of(),
                        STATIONS));
        assertThrows(
                BadInputException.class,
                () -> ZoneCompiler.compile(geo("{\"type\":\"Point\",\"coordinates\":[0,0]}"), List.of(), STATIONS));
        assertThrows(
                BadInputException.class,
                () -> ZoneCompiler.compile(
                        geo("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[200,0],[1,1],[0,0]]]}"),
                        List.of(),
                        STATIONS));
        assertThrows(BadInputException.class, () -> ZoneCompiler.compile(null, List.of("NOPE"), STATIONS));
    }
}
