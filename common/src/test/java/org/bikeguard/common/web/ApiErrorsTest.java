package org.bikeguard.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void aStrayIllegalArgumentExceptionIsABugAnswered500WithAnIncidentIdAndNoMessage() {
        ApiException e =
                ApiErrors.toApi(new IllegalArgumentException("password=hunter2 at jdbc:postgresql://db"), 500, null);
        assertEquals(500, e.status());
        assertEquals(ErrorCodes.INTERNAL, e.code());
        assertFalse(e.toJson().encode().contains("hunter2"));
        String incident = e.details().getString("incident");
        assertEquals(36, incident.length(), incident);
        assertNotEquals(
                incident,
                ApiErrors.toApi(new IllegalStateException(), 500, null)
                        .details()
                        .getString("incident"),
                "every incident has its own id");
    }

    @Test
    void failuresThatNameNoFaultAreBugsToo() {
        assertEquals(500, ApiErrors.toApi(new NullPointerException(), 500, null).status());
        assertEquals(
                500,
                ApiErrors.toApi(new DecodeException("a config file we read"), 500, null)
                        .status());
        assertEquals(500, ApiErrors.toApi(null, 500, null).status());
        assertEquals(500, ApiErrors.toApi(null, 503, null).status(), "a bare 5xx is ours");
    }

    @Test
    void badInputIs400ValidationNamingTheFieldOrBadRequest() {
        ApiException v = ApiErrors.toApi(BadInputException.invalid("lat", "must be within -90..90"), 500, null);
        assertEquals(400, v.status());
        assertEquals(
                new JsonObject()
                        .put("code", "validation")
                        .put("message", "lat must be within -90..90")
                        .put("details", new JsonObject().put("field", "lat")),
                v.toJson());
        ApiException m = ApiErrors.toApi(BadInputException.malformed("the body is not valid JSON"), 500, null);
        assertEquals(400, m.status());
        assertEquals(ErrorCodes.BAD_REQUEST, m.code());
    }

    @Test
    void everyFaultKeepsItsStatusAndCode() {
        assertEquals(401, new UnauthenticatedException("x").status());
        assertEquals("unauthorized", new UnauthenticatedException("x").code());
        assertEquals("forbidden", new ForbiddenException("x", null).code());
        assertEquals("not_found", new NotFoundException("x", null).code());
        assertEquals("conflict", new ConflictException("x", null).code());
        assertEquals(503, UnavailableException.busy("x").status());
        assertEquals("unavailable", UnavailableException.busy("x").code());
        assertEquals(502, UnavailableException.upstream("x").status());
        assertEquals("upstream", UnavailableException.upstream("x").code());
    }

    @Test
    void unknown4xxFromTheHttpStackGetTheSharedVocabulary() {
        assertEquals(
                "method_not_allowed",
                ApiErrors.toApi(new HttpException(405), 405, null).code());
        assertEquals("payload_too_large", ApiErrors.toApi(null, 413, null).code());
        assertEquals(413, ApiErrors.toApi(null, 413, null).status());
        assertEquals(
                "unsupported_media_type",
                ApiErrors.toApi(new HttpException(415), 415, null).code());
        ApiException teapot = ApiErrors.toApi(new HttpException(418), 418, null);
        assertEquals(418, teapot.status());
        assertEquals(ErrorCodes.CLIENT_ERROR, teapot.code());
        assertEquals("client_error", ApiErrors.toApi(null, 429, null).code());
        assertEquals(
                "unauthorized",
                ApiErrors.toApi(new HttpException(401), 401, null).code());
    }

    @Test
    void anApiExceptionWrappedByVertxIsUnwrapped() {
        ApiException inner = new UnauthenticatedException("token expired at 2026-11-23T00:00:00Z");
        assertSame(inner, ApiErrors.toApi(new HttpException(401, inner), 401, null));
        assertSame(inner, ApiErrors.toApi(new RuntimeException(new RuntimeException(inner)), 500, null));
    }

    @Test
    void theErrorRecordKeepsTheDetailsInTheOrderGiven() {
        JsonObject details = new JsonObject().put("z", 1).put("a", 2);
        assertEquals(
                "{\"code\":\"conflict\",\"message\":\"taken\",\"details\":{\"z\":1,\"a\":2}}",
                new ConflictException("taken", details).encode());
    }
}
