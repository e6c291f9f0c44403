package org.bikeguard.claims.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bikeguard.claims.ClaimsConfig;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.app.ClaimsMain;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side towards the tracker, against a stub tracker on loopback: gateway JSON and auth, standalone token checks. */
class TrackerHttpIT {

    private static Vertx vertx;
    private static HttpServer stub;
    private static final AtomicReference<String> validToken = new AtomicReference<>();
    private static final AtomicInteger logins = new AtomicInteger();
    private static final AtomicInteger meCalls = new AtomicInteger();
    private static final AtomicReference<String> sightingsQuery = new AtomicReference<>();
    private static final List<String> onBehalf = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStubTracker() {
        vertx = Vertx.vertx();
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create());
        r.post("/api/v1/auth/token").handler(ctx -> {
            JsonObject b = ctx.body().asJsonObject();
            if (!"admin".equals(b.getString("username")) || !"pw".equals(b.getString("password"))) {
                ctx.response().setStatusCode(401).end();
                return;
            }
            String t = "T" + logins.incrementAndGet();
            validToken.set(t);
            ctx.json(new JsonObject().put("token", t));
        });
        r.get("/api/v1/auth/me").handler(ctx -> {
            meCalls.incrementAndGet();
            if ("Bearer U1".equals(ctx.request().getHeader("Authorization"))) {
                ctx.json(new JsonObject().put("username", "adj").put("role", "adjuster"));
            } else {
                ctx.response().setStatusCode(401).end();
            }
        });
        r.route("/api/v1/*").handler(ctx -> {
            if (!("Bearer " + validToken.get()).equals(ctx.request().getHeader("Authorization"))) {
                ctx.response().setStatusCode(401).end();
            } else {
                ctx.next();
            }
        });
        r.route("/api/v1/*").handler(ctx -> {
            onBehalf.add(ctx.request().path() + " " + ctx.request().getHeader(HttpTrackerGateway.ON_BEHALF_HEADER));
            ctx.next();
        });
        r.get("/api/v1/bikes/b1")
                .handler(ctx -> ctx.json(new JsonObject()
                        .put("id", "b1")
                        .put("ownerId", 7)
                        .put("plate", "衡阳A12345")
                        .put("frameNo", "F1")
                        .put("purchaseDate", "2024-02-29")
                        .put("purchasePriceFen", 259_900)
                        .put("tag", "E2000017")));
        r.get("/api/v1/owners/7")
                .handler(ctx -> ctx.json(new JsonObject()
                        .put("id", "7")
                        .put("name", "李四")
                        .put("idNumber", "4304**********1234")
                        .put("phone", "13800000007")
                        .put("homeStation", "HY-9")));
        r.get("/api/v1/thefts/c1")
                .handler(ctx -> ctx.json(new JsonObject()
                        .put("id", "c1")
                        .put("bikeId", "b1")
                        .put("status", "confirmed")
                        .put("caseNo", "HY-2026-1")
                        .put("stolenAt", "2026-08-10T10:00:00+08:00")
                        .put("reportedAt", "2026-08-10T06:00:00.000Z")
                        .put("confirmedAt", "2026-08-10T08:00:00Z")));
        r.get("/api/v1/tags/E2000017/sightings").handler(ctx -> {
            sightingsQuery.set(ctx.request().query());
            ctx.json(new JsonObject()
                    .put("tag", "E2000017")
                    .put(
                            "sightings",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put("station", "HY-1")
                                            .put("firstSeen", "2026-08-10T01:00:00.000Z")
                                            .put("lastSeen", "2026-08-10T01:20:00.000Z")
                                            .put("reads", 40)
                                            .put("peakRssi", -55)
                                            .put("open", false))));
        });
        r.get("/api/v1/stations/HY-1")
                .handler(ctx -> ctx.json(new JsonObject()
                        .put("id", "HY-1")
                        .put("name", "蒸湘路口")
                        .put("kind", "intersection")
                        .put("lon", 112.6)
                        .put("lat", 26.9)
                        .put("radiusM", 80)));
        r.get("/api/v1/thefts/broken")
                .handler(ctx -> ctx.response().setStatusCode(500).end());
        stub = ClaimsHarness.await(vertx.createHttpServer().requestHandler(r).listen(0));
    }

    @AfterAll
    static void stop() {
        ClaimsHarness.await(vertx.close());
    }

    private static String url() {
        return "http://localhost:" + stub.actualPort();
    }

    @Test
    void gatewayLogsInAsAdminReadsTheTrackersJsonAndLogsInAgainAfterA401() {
        HttpTrackerGateway g = new HttpTrackerGateway(vertx, url(), null, "pw");
        TrackerGateway.Bike bike = ClaimsHarness.await(g.bike("b1"));
        assertEquals(LocalDate.parse("2024-02-29"), bike.purchaseDate());
        assertEquals("7", bike.ownerId());
        assertEquals("E2000017", bike.tag());
        TrackerGateway.Owner owner = ClaimsHarness.await(g.owner("7"));
        assertEquals("13800000007", owner.username());
        assertEquals("HY-9", owner.homeStation());
        TrackerGateway.TheftCase tc = ClaimsHarness.await(g.theftCase("c1"));
        assertEquals(Instant.parse("2026-08-10T02:00:00Z"), tc.stolenAt());
        assertTrue(tc.confirmed());
        int before = logins.get();
        validToken.set("revoked");
        List<TrackerGateway.Sighting> s = ClaimsHarness.await(
                g.sightings("E2000017", Instant.parse("2026-07-11T02:00:00Z"), Instant.parse("2026-08-10T02:00:00Z")));
        assertEquals(before + 1, logins.get());
        assertEquals(1, s.size());
        assertEquals(40, s.get(0).reads());
        assertEquals("from=2026-07-11T02%3A00%3A00.000Z&to=2026-08-10T02%3A00%3A00.000Z", sightingsQuery.get());
        assertEquals(26.9, ClaimsHarness.await(g.station("HY-1")).lat());
    }

    @Test
    void onBehalfOfAUserTheGatewaySendsTheirTokenBesideItsOwn() {
        HttpTrackerGateway g = new HttpTrackerGateway(vertx, url(), null, "pw");
        onBehalf.clear();
        TrackerGateway asAdjuster = g.onBehalfOf("U-adjuster-token");
        ClaimsHarness.await(asAdjuster.bike("b1"));
        ClaimsHarness.await(asAdjuster.sightings(
                "E2000017", Instant.parse("2026-07-11T02:00:00Z"), Instant.parse("2026-08-10T02:00:00Z")));
        ClaimsHarness.await(g.bike("b1"));
        assertEquals(
                List.of(
                        "/api/v1/bikes/b1 U-adjuster-token",
                        "/api/v1/tags/E2000017/sightings U-adjuster-token",
                        "/api/v1/bikes/b1 null"),
                onBehalf);
        assertTrue(g.onBehalfOf(null) == g, "no token: the service's own reads");
    }

    @Test
    void missingThingsAre404AndTrackerFailuresAre502() {
        HttpTrackerGateway g = new HttpTrackerGateway(vertx, url(), null, "pw");
        ClaimsException missing =
                (ClaimsException) assertThrows(IllegalStateException.class, () -> ClaimsHarness.await(g.bike("nope")))
                        .getCause()
                        .getCause();
        assertEquals(404, missing.status());
        ClaimsException broken = (ClaimsException)
                assertThrows(IllegalStateException.class, () -> ClaimsHarness.await(g.theftCase("broken")))
                        .getCause()
                        .getCause();
        assertEquals(502, broken.status());
        HttpTrackerGateway down = new HttpTrackerGateway(vertx, "http://localhost:1", null, null);
        ClaimsException unreachable =
                (ClaimsException) assertThrows(IllegalStateException.class, () -> ClaimsHarness.await(down.bike("b1")))
                        .getCause()
                        .getCause();
        assertEquals(502, unreachable.status());
    }

    @Test
    void standaloneServerChecksTokensWithTheTrackerAndCachesTheAnswer() {
        ClaimsConfig config = ClaimsConfig.fromMap(Map.of(
                "BIKEGUARD_DB_URL",
                TestDatabase.newDatabaseUrl(),
                "BIKEGUARD_TRACKER_URL",
                url(),
                "BIKEGUARD_CLAIMS_HTTP_PORT",
                "0",
                "BIKEGUARD_ADMIN_PASSWORD",
                "pw"));
        Vertx app = Vertx.vertx();
        try {
            HttpServer server = ClaimsHarness.await(ClaimsMain.start(app, config));
            WebClient c = WebClient.create(app);
            String path = "/api/v1/calendar/working-days?from=2026-09-18&days=15";
            int before = meCalls.get();
            for (int i = 0; i < 3; i++) {
                var r = ClaimsHarness.await(c.get(server.actualPort(), "localhost", path)
                        .bearerTokenAuthentication("U1")
                        .send());
                assertEquals(200, r.statusCode());
                assertEquals("2026-10-15", r.bodyAsJsonObject().getString("date"));
            }
            assertEquals(before + 1, meCalls.get(), "one tracker call per token per minute");
            var bad = ClaimsHarness.await(c.get(server.actualPort(), "localhost", path)
                    .bearerTokenAuthentication("X")
                    .send());
            assertEquals(401, bad.statusCode());
            assertEquals("unauthorized", bad.bodyAsJsonObject().getString("code"));
            var none = ClaimsHarness.await(
                    c.get(server.actualPort(), "localhost", path).send());
            assertEquals(401, none.statusCode());
            var login = ClaimsHarness.await(c.post(server.actualPort(), "localhost", "/api/v1/auth/token")
                    .sendJsonObject(new JsonObject().put("username", "admin").put("password", "pw")));
            assertEquals(200, login.statusCode());
            assertTrue(login.bodyAsJsonObject().getString("token").startsWith("T"));
            assertEquals(
                    200,
                    ClaimsHarness.await(c.get(server.actualPort(), "localhost", "/claims/")
                                    .send())
                            .statusCode());
        } finally {
            ClaimsHarness.await(app.close());
        }
    }
}
