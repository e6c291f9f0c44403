package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.TokenService;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AuthApiIT {

    private static TrackerKit tracker;
    private static String admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonObject e = r.json();
        assertEquals(code, e.getString("code"), r.body());
        assertTrue(e.getString("message").length() > 0);
        assertTrue(e.getValue("details") instanceof JsonObject, r.body());
    }

    @Test
    void bootstrapAdminGetsATokenThatOpensAdminRoutes() {
        Response r = tracker.json(
                "POST",
                "/api/v1/auth/token",
                null,
                new JsonObject().put("username", "admin").put("password", TrackerKit.ADMIN_PASSWORD));
        assertEquals(200, r.status());
        assertEquals("admin", r.json().getString("role"));
        assertEquals(
                200,
                tracker.get("/api/v1/stations", r.json().getString("token")).status());
    }

    @Test
    void wrongPasswordAndUnknownUserGet401() {
        assertError(
                tracker.json(
                        "POST",
                        "/api/v1/auth/token",
                        null,
                        new JsonObject().put("username", "admin").put("password", "not-the-password")),
                401,
                "unauthorized");
        assertError(
                tracker.json(
                        "POST",
                        "/api/v1/auth/token",
                        null,
                        new JsonObject().put("username", "ghost").put("password", "whatever-pw")),
                401,
                "unauthorized");
    }

    @Test
    void malformedTokenRequestsGet400Or415() {
        assertError(
                tracker.call(
                        "POST",
                        "/api/v1/auth/token",
                        null,
                        "application/json",
                        "{not json".getBytes(StandardCharsets.UTF_8)),
                400,
                "bad_request");
        assertError(
                tracker.json("POST", "/api/v1/auth/token", null, new JsonObject().put("username", "admin")),
                400,
                "validation");
        assertError(
                tracker.call(
                        "POST", "/api/v1/auth/token", null, "text/plain", "admin".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type");
    }

    @Test
    void missingGarbledForgedAndExpiredTokensGet401() {
        assertError(tracker.get("/api/v1/stations", null), 401, "unauthorized");
        assertError(tracker.get("/api/v1/stations", "garbage"), 401, "unauthorized");
        assertError(
                tracker.get("/api/v1/stations", admin.substring(0, admin.length() - 3) + "xyz"), 401, "unauthorized");
        TokenService sameKey = new TokenService(tracker.app().keys().ringOf(KeyPurpose.TOKEN_SIGNING), tracker.clock());
        String expired =
                sameKey.issue("admin", Role.ADMIN, tracker.clock().instant().minusSeconds(5));
        Response r = tracker.get("/api/v1/stations", expired);
        assertError(r, 401, "unauthorized");
        assertTrue(r.json().getString("message").contains("expired"), r.body());
        Response minted = tracker.get("/api/v1/stations", sameKey.issue("admin", Role.ADMIN));
        assertError(minted, 401, "unauthorized");
        assertTrue(
                minted.json().getString("message").contains("unknown"),
                "a token signed with the key but never issued by a login is refused: " + minted.body());
    }

    @Test
    void adminCreatesAUserWhoCanLogInAndADuplicateGets409() {
        Response created = tracker.json(
                "POST",
                "/api/v1/users",
                admin,
                new JsonObject()
                        .put("username", "adjuster-1")
                        .put("password", "adjuster-pw-1")
                        .put("role", "adjuster"));
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().getLong("id") > 0);
        assertTrue(tracker.token("adjuster-1", "adjuster-pw-1").startsWith("v2."));
        assertError(
                tracker.json(
                        "POST",
                        "/api/v1/users",
                        admin,
                        new JsonObject()
                                .put("username", "adjuster-1")
                                .put("password", "other-pw-123")
                                .put("role", "police")),
                409,
                "conflict");
    }

    @Test
    void userWithUnknownRoleOrShortPasswordIsRejectedWith400() {
        assertError(
                tracker.json(
                        "POST",
                        "/api/v1/users",
                        admin,
                        new JsonObject()
                                .put("username", "x1")
                                .put("password", "long-enough-pw")
                                .put("role", "mayor")),
                400,
                "validation");
        assertError(
                tracker.json(
                        "POST",
                        "/api/v1/users",
                        admin,
                        new JsonObject()
                                .put("username", "x2")
                                .put("password", "short")
                                .put("role", "police")),
                400,
                "validation");
    }

    @Test
    void nonAdminRolesGet403OnAdminRoutes() {
        String police = tracker.userToken("officer-403", "police");
        Response r = tracker.json(
                "POST",
                "/api/v1/users",
                police,
                new JsonObject()
                        .put("username", "sneaky")
                        .put("password", "sneaky-pw-123")
                        .put("role", "admin"));
        assertError(r, 403, "forbidden");
        assertEquals("police", r.json().getJsonObject("details").getString("role"));
        assertError(
                tracker.json(
                        "PUT",
                        "/api/v1/stations/HY-0001",
                        police,
                        new JsonObject()
                                .put("name", "x")
                                .put("kind", "street")
                                .put("lon", 1)
                                .put("lat", 1)
                                .put("radiusM", 5)
                                .put("secret", "station-secret-0001")),
                403,
                "forbidden");
        String installer = tracker.userToken("installer-403", "installer");
        assertError(tracker.get("/api/v1/stations", installer), 403, "forbidden");
    }
}
