package org.bikeguard.tracker.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.bikeguard.common.web.ApiException;
import org.junit.jupiter.api.Test;

/** Station rules the input breaks are the caller's fault, in the shared error contract. */
class StationErrorsTest {

    @Test
    void anImportErrorIs400ValidationNamingWhere() {
        ApiException v =
                StationRoutes.toApi(new StationImportException("line 4", "lat must be within -90..90, got 91"));
        assertEquals(400, v.status());
        assertEquals("validation", v.code());
        assertEquals(new JsonObject().put("location", "line 4"), v.details());
    }

    @Test
    void aStationRuleIs400ValidationWithoutDetails() {
        ApiException v = StationRoutes.toApi(new StationValidationException("kind must be one of street"));
        assertEquals(400, v.status());
        assertEquals(
                new JsonObject()
                        .put("code", "validation")
                        .put("message", "kind must be one of street")
                        .put("details", new JsonObject()),
                v.toJson());
    }
}
