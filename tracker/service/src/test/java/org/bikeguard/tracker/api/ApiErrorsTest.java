package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import org.bikeguard.tracker.auth.Users;
import org.bikeguard.tracker.station.StationImportException;
import org.bikeguard.tracker.station.StationValidationException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void unexpectedExceptionsBecome500WithoutTheirMessage() {
        ApiException e = ApiErrors.toApi(new IllegalStateException("password=hunter2 at jdbc:postgresql://db"), -1);
        assertEquals(500, e.status());
        assertEquals("internal", e.code());
        assertFalse(e.toJson().encode().contains("hunter2"));
    }

    @Test
    void clientFaultsKeepTheirStatusAndCode() {
        assertEquals(409, ApiErrors.toApi(new Users.DuplicateUserException("x"), -1).status());
        ApiException v = ApiErrors.toApi(new StationImportException("line 4", "lat must be within -90..90, got 91"), -1);
        assertEquals("validation", v.code());
        assertEquals(new JsonObject().put("location", "line 4"), v.details());
        assertEquals(400, ApiErrors.toApi(new StationValidationException("kind"), -1).status());
        assertEquals("payload_too_large", ApiErrors.toApi(null, 413).code());
        assertEquals("unauthorized", ApiErrors.toApi(new HttpException(401), -1).code());
    }

    @Test
    void apiExceptionsWrappedByVertxAreUnwrapped() {
        ApiException inner = new ApiException.UnauthorizedException("token expired at 2026-11-23T00:00:00Z");
        assertEquals(inner, ApiErrors.toApi(new HttpException(401, inner), 401));
    }

    @Test
    void errorBodyHasCodeMessageAndDetails() {
        JsonObject j = new ApiException.NotFoundException("no station X", new JsonObject().put("id", "X")).toJson();
        assertEquals(new JsonObject().put("code", "not_found").put("message", "no station X")
                .put("details", new JsonObject().put("id", "X")), j);
    }
}
