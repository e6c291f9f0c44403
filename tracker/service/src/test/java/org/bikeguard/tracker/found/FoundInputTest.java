package org.bikeguard.tracker.found;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.bikeguard.common.web.BadInputException;
import org.junit.jupiter.api.Test;

class FoundInputTest {

    @Test
    void aPositionOrAPlaceIsNeededAndTheCoordinatesComeTogetherWithinTheirRanges() {
        FoundReports.Input geo = FoundRoutes.input(
                new JsonObject().put("lon", 112.57).put("lat", 26.89).put("accuracyM", 12));
        assertEquals(112.57, geo.lon());
        assertEquals(12.0, geo.accuracyM());
        assertEquals("", geo.place());
        FoundReports.Input typed =
                FoundRoutes.input(new JsonObject().put("place", "  解放路口 ").put("accuracyM", 5));
        assertEquals("解放路口", typed.place());
        assertNull(typed.accuracyM(), "an accuracy without a position means nothing");
        for (JsonObject bad : new JsonObject[] {
            new JsonObject(),
            new JsonObject().put("place", "  "),
            new JsonObject().put("lon", 112.57),
            new JsonObject().put("lon", 181).put("lat", 26.89),
            new JsonObject().put("lon", 112.57).put("lat", -91),
            new JsonObject().put("lon", "112").put("lat", 26.89),
            new JsonObject().put("place", "x".repeat(201)),
            new JsonObject().put("place", "x").put("note", "y".repeat(501))
        }) {
            assertThrows(BadInputException.class, () -> FoundRoutes.input(bad), bad.encode());
        }
    }
}
