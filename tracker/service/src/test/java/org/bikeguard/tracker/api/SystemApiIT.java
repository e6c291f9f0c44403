package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bikeguard.tracker.api.ApiTestServer.Resp;
import org.bikeguard.tracker.http.PublishedRouters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SystemApiIT {

    private static ApiTestServer server;

    /** Stands for another module (claims) mounting its routes on the same port. */
    private static final Consumer<Router> CLAIMS = r -> r.get("/api/v1/claims/whoami").handler(ctx ->
            ctx.json(new JsonObject().put("role", ctx.user().principal().getString("role"))
                    .put("username", ctx.user().principal().getString("username"))));

    /** Stands for a module deployed by name that publishes its router in a local map. */
    private static final class PublishedRouter implements io.vertx.core.shareddata.Shareable, Supplier<Router> {
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
        server = new ApiTestServer(vertx -> {
            Router published = Router.router(vertx);
            published.get("/api/v1/policies/mine").handler(ctx -> ctx.json(new JsonObject().put("policies", 0)));
            published.get("/claims/").handler(ctx -> ctx.end("console"));
            vertx.sharedData().getLocalMap(PublishedRouters.DEFAULT_MAP).put("claims", new PublishedRouter(published));
            return List.of(CLAIMS, PublishedRouters.mountAll(vertx, PublishedRouters.DEFAULT_MAP));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsUpWithDatabaseAndHazelcastChecks() {
        Resp r = server.get("/health", null);
        assertEquals(200, r.status(), r.text());
        JsonObject h = r.json();
        assertEquals("UP", h.getString("status"));
        assertEquals("UP", h.getJsonObject("checks").getJsonObject("db").getString("status"));
        assertEquals("UP", h.getJsonObject("checks").getJsonObject("hazelcast").getString("status"));
    }

    @Test
    void aFailingCheckTurnsHealthInto503NamingIt() {
        server.context.health().register("frame-log", () -> Future.failedFuture("frame log writer stalled"));
        try {
            Resp r = server.get("/health", null);
            assertEquals(503, r.status());
            assertEquals("DOWN", r.json().getString("status"));
            JsonObject failing = r.json().getJsonObject("checks").getJsonObject("frame-log");
            assertEquals("DOWN", failing.getString("status"));
            assertEquals("frame log writer stalled", failing.getString("error"));
            assertEquals("UP", r.json().getJsonObject("checks").getJsonObject("db").getString("status"));
        } finally {
            server.context.health().unregister("frame-log");
        }
        assertEquals(200, server.get("/health", null).status());
    }

    @Test
    void metricsServePrometheusTextWithRequestCountsAndOtherCounters() {
        server.metrics.counter("bikeguard.test.pings").increment(3);
        server.get("/health", null);
        Resp r = server.get("/metrics", null);
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        assertTrue(r.text().contains("bikeguard_test_pings_total 3.0"), r.text());
        assertTrue(r.text().contains("bikeguard_api_requests_total{method=\"GET\",status=\"200\"}"), r.text());
    }

    @Test
    void unknownRoutesAndWrongMethodsGetA404JsonError() {
        Resp r = server.get("/no/such/route", null);
        assertEquals(404, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals("not_found", r.json().getString("code"));
        assertTrue(r.json().getString("message").contains("/no/such/route"));
        Resp authed = server.get("/api/v1/nothing-here", server.adminToken());
        assertEquals(404, authed.status());
        assertEquals("not_found", authed.json().getString("code"));
        Resp wrongMethod = server.call(HttpMethod.DELETE, "/health", null, null, null);
        assertEquals(404, wrongMethod.status(), "catch-all handlers (metrics, body) match every method, so no 405");
        assertEquals("not_found", wrongMethod.json().getString("code"));
    }

    @Test
    void openApiDocumentDescribesEveryRoute() {
        Resp r = server.get("/api/v1/openapi.yaml", null);
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/yaml"));
        for (String path : List.of("/api/v1/auth/token:", "/api/v1/users:", "/api/v1/stations:", "/api/v1/stations/{id}:",
                "/api/v1/stations/import:", "/api/v1/tags/{tag}/sightings:", "/api/v1/tags/{tag}/trajectory:",
                "/health:", "/metrics:", "Error:")) {
            assertTrue(r.text().contains(path), "missing " + path);
        }
    }

    @Test
    void contributedRoutesShareThePortAndSeeTheAuthenticatedPrincipal() {
        assertEquals(401, server.get("/api/v1/claims/whoami", null).status());
        Resp r = server.get("/api/v1/claims/whoami", server.adminToken());
        assertEquals(200, r.status(), r.text());
        assertEquals(new JsonObject().put("role", "admin").put("username", "admin"), r.json());
    }

    @Test
    void routersPublishedInTheLocalMapAreMountedBehindTokenAuthenticationAndUnknownPathsStill404() {
        assertEquals(401, server.get("/api/v1/policies/mine", null).status());
        Resp r = server.get("/api/v1/policies/mine", server.adminToken());
        assertEquals(200, r.status(), r.text());
        assertEquals(0, r.json().getInteger("policies"));
        assertEquals("console", server.get("/claims/", null).text(), "paths outside /api/v1 need no token");
        assertEquals(200, server.get("/health", null).status());
        assertEquals("not_found", server.get("/claims/nothing", null).json().getString("code"));
    }
}
