package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.http.PublishedRouters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SystemApiIT {

    private static TrackerKit tracker;

    /**
     * Stands for another module deployed by name (claims): publishes, in the local map the tracker
     * mounts, one router with {@code /api/v1/claims/whoami} (which reads the authenticated
     * principal) and one with {@code /api/v1/policies/mine} and {@code /claims/}.
     */
    public static final class OtherModuleVerticle extends VerticleBase {

        @Override
        public Future<?> start() {
            Router whoami = Router.router(vertx);
            whoami.get("/api/v1/claims/whoami")
                    .handler(ctx -> ctx.json(new JsonObject()
                            .put("role", ctx.user().principal().getString("role"))
                            .put("username", ctx.user().principal().getString("username"))));
            Router published = Router.router(vertx);
            published.get("/api/v1/policies/mine").handler(ctx -> ctx.json(new JsonObject().put("policies", 0)));
            published.get("/claims/").handler(ctx -> ctx.end("console"));
            LocalMap<String, Object> routers = vertx.sharedData().getLocalMap(PublishedRouters.DEFAULT_MAP);
            routers.put("claims", new PublishedRouter(published));
            routers.put("whoami", new PublishedRouter(whoami));
            return Future.succeededFuture();
        }
    }

    /** A router as a module publishes it. */
    private static final class PublishedRouter implements Shareable, Supplier<Router> {
        private final Router router;

        PublishedRouter(Router router) {
            this.router = router;
        }

        @Override
        public Router get() {
            return router;
        }
    }

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder()
                .verticles(OtherModuleVerticle.class.getName())
                .start();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void healthIsUpWithDatabaseAndHazelcastChecks() {
        Response r = tracker.get("/health", null);
        assertEquals(200, r.status(), r.body());
        JsonObject h = r.json();
        assertEquals("UP", h.getString("status"));
        assertEquals("UP", h.getJsonObject("checks").getJsonObject("db").getString("status"));
        assertEquals("UP", h.getJsonObject("checks").getJsonObject("hazelcast").getString("status"));
    }

    @Test
    void aFailingCheckTurnsHealthInto503NamingIt() {
        tracker.app().health().register("frame-log", () -> Future.failedFuture("frame log writer stalled"));
        try {
            Response r = tracker.get("/health", null);
            assertEquals(503, r.status());
            assertEquals("DOWN", r.json().getString("status"));
            JsonObject failing = r.json().getJsonObject("checks").getJsonObject("frame-log");
            assertEquals("DOWN", failing.getString("status"));
            assertEquals("frame log writer stalled", failing.getString("error"));
            assertEquals(
                    "UP", r.json().getJsonObject("checks").getJsonObject("db").getString("status"));
            Response live = tracker.get("/health/live", null);
            assertEquals(200, live.status(), "liveness asks only the member itself: " + live.body());
            assertEquals(
                    Set.of("hazelcast"), live.json().getJsonObject("checks").fieldNames());
        } finally {
            tracker.app().health().unregister("frame-log");
        }
        assertEquals(200, tracker.get("/health", null).status());
    }

    @Test
    void metricsServePrometheusTextWithRequestCountsAndOtherCounters() {
        tracker.app().metrics().counter("bikeguard.test.pings").increment(3);
        tracker.get("/health", null);
        Response r = tracker.get("/metrics", null);
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        assertTrue(r.body().contains("bikeguard_test_pings_total 3.0"), r.body());
        assertTrue(r.body().contains("bikeguard_api_requests_total{method=\"GET\",status=\"200\"}"), r.body());
    }

    @Test
    void unknownRoutesAndWrongMethodsGetA404JsonError() {
        Response r = tracker.get("/no/such/route", null);
        assertEquals(404, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals("not_found", r.json().getString("code"));
        assertTrue(r.json().getString("message").contains("/no/such/route"));
        Response authed = tracker.get("/api/v1/nothing-here", tracker.adminToken());
        assertEquals(404, authed.status());
        assertEquals("not_found", authed.json().getString("code"));
        Response wrongMethod = tracker.call("DELETE", "/health", null, null, null);
        assertEquals(404, wrongMethod.status(), "catch-all handlers (metrics, body) match every method, so no 405");
        assertEquals("not_found", wrongMethod.json().getString("code"));
    }

    @Test
    void openApiDocumentDescribesEveryRoute() {
        Response r = tracker.get("/api/v1/openapi.yaml", null);
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/yaml"));
        for (String path : List.of(
                "/api/v1/auth/token:",
                "/api/v1/users:",
                "/api/v1/auth/logout:",
                "/api/v1/auth/password:",
                "/api/v1/users/{username}/unlock:",
                "/api/v1/users/{username}/revoke-tokens:",
                "/api/v1/stations:",
                "/api/v1/stations/{id}:",
                "/api/v1/stations/{id}/disable:",
                "/api/v1/stations/{id}/enable:",
                "/api/v1/stations/import:",
                "/api/v1/tags/{tag}/sightings:",
                "/api/v1/tags/{tag}/trajectory:",
                "/health:",
                "/health/live:",
                "/metrics:",
                "Error:")) {
            assertTrue(r.body().contains(path), "missing " + path);
        }
    }

    @Test
    void contributedRoutesShareThePortAndSeeTheAuthenticatedPrincipal() {
        assertEquals(401, tracker.get("/api/v1/claims/whoami", null).status());
        Response r = tracker.get("/api/v1/claims/whoami", tracker.adminToken());
        assertEquals(200, r.status(), r.body());
        assertEquals(new JsonObject().put("role", "admin").put("username", "admin"), r.json());
    }

    @Test
    void routersPublishedInTheLocalMapAreMountedBehindTokenAuthenticationAndUnknownPathsStill404() {
        assertEquals(401, tracker.get("/api/v1/policies/mine", null).status());
        Response r = tracker.get("/api/v1/policies/mine", tracker.adminToken());
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().getInteger("policies"));
        assertEquals("console", tracker.get("/claims/", null).body(), "paths outside /api/v1 need no token");
        assertEquals(200, tracker.get("/health", null).status());
        assertEquals("not_found", tracker.get("/claims/nothing", null).json().getString("code"));
    }
}
